"""Readable names for the ids framecmp uses internally.

Frames keep their ids (``burkina_faso``, ``armed_group_label``, ``hedge_rate``);
reports, plots and worksheets (the rest of :mod:`framecmp.present`) show what a teacher
reads instead::

    >>> actor_name("burkina_faso")
    'Burkina Faso'
    >>> category_name("colonial_sovereignty")
    'Colonial and sovereignty language'
    >>> holder_name("author")
    "the outlet's own voice"
    >>> metric_name("hedge_rate"), metric_unit("hedge_rate")
    ('Hedges', 'per 1,000 words')
    >>> language_name("fr")
    'French'

Every function accepts any value and never raises: an unknown id is shown
with underscores as spaces and its first letter capitalised.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from typing import Any

__all__ = [
    "actor_name", "category_name", "category_description", "holder_name",
    "metric_name", "metric_unit", "metric_label", "metric_definition", "language_name", "humanize",
    "unsupported_language_note",
]

_log = logging.getLogger(__name__)

#: Term categories (``loaded_terms.yaml``, ``subjective_general.yaml``): name, description.
CATEGORIES: dict[str, tuple[str, str]] = {
    "armed_group_label": ("Labels for armed groups",
                          "how armed groups are named: 'terrorists', 'jihadists', 'militants'"),
    "government_label": ("Labels for governments",
                         "how governments are named: 'junta', 'transitional authorities'"),
    "colonial_sovereignty": ("Colonial and sovereignty language",
                             "'neo-colonial', 'former metropolis', 'sovereignty'"),
    "partnership": ("Partnership language", "warm words for relations: 'strategic partner'"),
    "euphemism": ("Euphemisms", "soft words that hide violence: 'neutralised'"),
    "delegitimising": ("Delegitimising words", "words that deny legitimacy: 'puppet'"),
    "violence": ("Words for violence", "emotive words describing violence: 'massacre'"),
    "intensifier": ("Intensifiers", "words that dramatise: 'fierce', 'firmly'"),
    "not_loaded": ("Names that are not counted", "names containing loaded words"),
    "sentiment_negative": ("Negative words (general)", "general English negative words"),
    "sentiment_positive": ("Positive words (general)", "general English positive words"),
    "subjective_adjective": ("Opinion adjectives", "adjectives that judge: 'remarkable'"),
    "puffery": ("Puffery", "praise without evidence: 'celebrated', 'renowned'"),
    "contentious_label": ("Contentious labels", "labels that take sides: 'regime', 'cult'"),
    "doubt": ("Words casting doubt", "words that cast doubt: 'so-called', 'supposed'"),
    "editorializing": ("Editorialising", "the writer's comment: 'notably', 'of course'"),
    "loaded_verb": ("Loaded reporting verbs", "verbs that judge speech: 'claimed', 'admitted'"),
    "accusation": ("Accusations", "words that accuse"),
    "conflict": ("Conflict words", "words of conflict"),
    "failure": ("Failure words", "words of failure"),
    "label": ("Labels", "labels for actors"),
    "praise": ("Praise", "words of praise"),
    "defence": ("Defence", "words that take an actor's side against an accusation"),
    "rupture": ("Rupture words", "words of breaking off relations"),
    "scandal": ("Scandal words", "words of scandal"),
    "success": ("Success words", "words of success"),
    "wrongdoing": ("Wrongdoing words", "words of wrongdoing"),
    "speaker": ("Speaker words", "words about the speaker"),
}

#: Holders of an evaluation that are not actors.
HOLDERS: dict[str, str] = {
    "author": "the outlet's own voice",
    "unknown": "an unidentified speaker or actor",
    "other": "other speakers",
}

#: Attribution style metrics (``attribution._style``) and voice columns: name, unit.
METRICS: dict[str, tuple[str, str]] = {
    "attributed_share": ("Attributed speech", "share of the article's words, 0–1"),
    "direct_quote_share": ("Direct quotes", "share of attributed words, 0–1"),
    "anonymous_share": ("Anonymous sources", "share of attributed words, 0–1"),
    "loaded_cue_rate": ("Loaded reporting verbs", "share of reporting verbs, 0–1"),
    "hedge_rate": ("Hedges", "per 1,000 words"),
    "unattributed_claims": ("Unattributed claims", "sentences per article"),
    "n_attributions": ("Attributions", "per article"),
    "n_words": ("Words", "per article"),
    "quoted_words": ("Quoted words", "words"),
    "share": ("Share of quoted words", "share of quoted words, 0–1"),
    "direct_share": ("Direct quotes", "share of this side's quoted words, 0–1"),
    "per_1k_words": ("Rate", "per 1,000 words"),
}

#: What a number a teacher cannot explain means, said where it is shown.
METRIC_DEFINITIONS: dict[str, str] = {
    "unattributed_claims": (
        "a claim without attribution is a sentence of the article's body, of six words or "
        "more and not a question, with no quotation, no named or unnamed source and no "
        "reporting verb in it: something the article states in its own voice"),
    "hedge_rate": ("hedges are distancing words ('reportedly', 'allegedly', 'so-called'); "
                   "the rate is their count per 1,000 words of the article"),
    "per_1k_words": ("a rate per 1,000 words is the count divided by the article's words, "
                     "times 1,000: on a 300-word article one word gives a rate of 3.3"),
}


def metric_definition(metric: Any) -> str:
    """What a metric counts, in one sentence ('' when there is nothing to add)."""
    return METRIC_DEFINITIONS.get(_key(metric), "")


#: ISO 639-1 codes of the languages framecmp is likely to meet.
LANGUAGES: dict[str, str] = {
    "en": "English", "fr": "French", "ru": "Russian", "ar": "Arabic", "de": "German",
    "es": "Spanish", "pt": "Portuguese", "it": "Italian", "uk": "Ukrainian", "zh": "Chinese",
    "tr": "Turkish", "ha": "Hausa", "bm": "Bambara", "wo": "Wolof", "ff": "Fula",
    "sw": "Swahili", "fa": "Persian", "nl": "Dutch", "pl": "Polish", "ja": "Japanese",
    "el": "Greek", "he": "Hebrew", "ko": "Korean", "hi": "Hindi",
}


def _key(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def humanize(value: Any) -> str:
    """``armed_group_label`` -> ``Armed group label`` (the fallback for ids with no name)."""
    s = _key(value).replace("_", " ")
    return s[:1].upper() + s[1:]


@functools.lru_cache(maxsize=1)
def _actor_names() -> Mapping[str, str]:
    try:
        from framecmp.measures.actors import load_actors

        return {k: a.name for k, a in load_actors().actors.items()}
    except Exception as exc:  # names are cosmetic: fall back to the ids
        _log.debug("actor names unavailable: %r", exc)
        return {}


@functools.lru_cache(maxsize=1)
def _lexicon_categories() -> Mapping[str, tuple[str, str]]:
    """Names from the optional top-level ``categories:`` of ``loaded_terms.yaml``."""
    try:
        import yaml

        from framecmp.lexicons import data_path

        with open(data_path("loaded_terms.yaml"), encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        raw = data.get("categories") if isinstance(data, Mapping) else None
        out: dict[str, tuple[str, str]] = {}
        for k, v in (raw or {}).items():
            if isinstance(v, Mapping) and v.get("name"):
                out[str(k)] = (str(v["name"]), str(v.get("description", "")))
        return out
    except Exception as exc:
        _log.debug("category names unavailable: %r", exc)
        return {}


@functools.lru_cache(maxsize=512)
def _actor_name(key: str) -> str:
    return _actor_names().get(key) or humanize(key)


def actor_name(actor_id: Any) -> str:
    """Display name of an actor id (``tuareg_rebels`` -> ``Tuareg rebels``)."""
    return _actor_name(_key(actor_id))


@functools.lru_cache(maxsize=256)
def _category(key: str) -> tuple[str, str]:
    return _lexicon_categories().get(key) or CATEGORIES.get(key) or (humanize(key), "")


def category_name(category: Any) -> str:
    """Display name of a term category (``armed_group_label`` -> ``Labels for armed groups``)."""
    return _category(_key(category))[0]


def category_description(category: Any) -> str:
    """One line on what a term category holds ('' when unknown)."""
    return _category(_key(category))[1]


def holder_name(holder: Any) -> str:
    """Whose voice: ``author`` -> "the outlet's own voice", else an actor name."""
    key = _key(holder)
    return HOLDERS.get(key) or actor_name(key)


def metric_name(metric: Any) -> str:
    """Display name of a style metric (``anonymous_share`` -> ``Anonymous sources``)."""
    key = _key(metric)
    return METRICS[key][0] if key in METRICS else humanize(key)


def metric_unit(metric: Any) -> str:
    """The unit of a style metric ('' when unknown)."""
    key = _key(metric)
    return METRICS[key][1] if key in METRICS else ""


def metric_label(metric: Any) -> str:
    """Name and unit: ``Hedges (per 1,000 words)``."""
    unit = metric_unit(metric)
    return f"{metric_name(metric)} ({unit})" if unit else metric_name(metric)


def language_name(code: Any) -> str:
    """``fr`` -> ``French``; unknown codes are returned as given."""
    key = _key(code)
    base = key.lower().replace("_", "-").split("-")[0]
    return LANGUAGES.get(base, key)


def unsupported_language_note(articles: Any) -> str | None:
    """One plain sentence on the articles left out because of their language, or None.

    ``articles`` is the ``articles`` frame (columns ``status`` and ``language``). The
    report, the worksheet and the command line all say it in these words."""
    if articles is None or "status" not in getattr(articles, "columns", ()):
        return None
    left = articles[articles["status"] == "unsupported_language"]
    if not len(left):
        return None
    counts = left["language"].map(language_name).value_counts() if "language" in left.columns else {}
    names = [f"{name} ({n})" if len(counts) > 1 else str(name) for name, n in counts.items()]
    langs = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    n = len(left)
    they, them = ("it is", "it") if n == 1 else ("they are", "them")
    return (f"{n} article{'' if n == 1 else 's'} not scored: {they} written in "
            f"{langs or 'a language framecmp cannot tell'}, and framecmp's word lists read only "
            f"English for now. Nothing in the tables, plots or highlights comes from {them}; the "
            f"articles table lists {them} with the status 'unsupported_language'.")
