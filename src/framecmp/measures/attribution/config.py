"""Attribution's configuration: the lexicon schemas, :class:`AttributionConfig` and
:func:`load_attribution_config` (the bundled lexicons with user files over them, and the
optional learned cue detector)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framecmp._validation import param_error
from framecmp.lexicons import (
    Entry,
    Field,
    Lexicon,
    common_languages,
    data_path,
    load_lexicon,
    read_json_model,
)
from framecmp.measures.attribution.cue_crf import MODEL_FORMAT as CRF_FORMAT
from framecmp.measures.attribution.cue_crf import CueCRF, load_cue_crf
from framecmp.measures.attribution.cue_model import CueModel, load_cue_model
from framecmp.text.doc import PhraseMatcher

__all__ = [
    "VERB_SCHEMA",
    "HEDGE_SCHEMA",
    "SOURCE_SCHEMA",
    "LEARNED_CUE",
    "AttributionConfig",
    "load_attribution_config",
]

VERB_SCHEMA = [
    Field("class", required=True, choices=("neutral", "loaded", "belief")),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("pos", choices=("verb", "prep", "colon")),
    Field("inflect", kind="bool"),
    Field("requires_source", choices=("document",)),
    Field("agentless", kind="bool"),
    Field("copular", kind="bool"),
    Field("clause_only", kind="bool"),
    Field("denies", kind="bool"),
]
HEDGE_SCHEMA = [
    Field("class", required=True, choices=("evidential", "doubt", "epistemic")),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("inflect", kind="bool"),
]
SOURCE_SCHEMA = [
    Field(
        "class", required=True,
        choices=("anonymity", "collective", "role", "institution", "document", "platform"),
    ),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("inflect", kind="bool"),
    Field("case", kind="bool"),
]

#: the lexicon entry of a cue the learned cue model proposes (class ``unlisted``)
LEARNED_CUE = Entry(
    id="rv.learned", terms=(),
    fields={
        "class": "unlisted",
        "explanation": "A cue the reporting-verb lexicon does not list, proposed by the learned cue model "
                       "(lexicons/cue_model.json); it says nothing about the writer's tone.",
        "source": "cue_model",
    },
    line=0, source_file="cue_model.json",
)


@dataclass(frozen=True, slots=True)
class AttributionConfig:
    """Lexicons and options for :func:`extract_attributions`.

    Build it with :func:`load_attribution_config`; the phrase matchers are
    built once here and shared by every article.

    Parameters
    ----------
    verbs, hedges, sources : Lexicon
        Reporting verbs, hedges, source markers.
    scare_max_words : int
        A quote of at most this many words that nobody is said to have said
        is a scare quote.
    continuation_paragraphs : int
        A cue-less direct quote keeps the speaker of a direct quote at most
        this many paragraphs before it.
    min_claim_words : int
        Body sentences with at least this many words and no attribution count
        as unattributed claims.
    cue_model : CueModel, CueCRF or None
        The learned detector of cues the lexicon does not list
        (:mod:`framecmp.measures.attribution.cue_model`) or the CRF cue tagger
        (:mod:`framecmp.measures.attribution.cue_crf`); None (the default) turns it off.
    """

    verbs: Lexicon
    hedges: Lexicon
    sources: Lexicon
    scare_max_words: int = 4
    continuation_paragraphs: int = 6
    min_claim_words: int = 6
    cue_model: CueModel | CueCRF | None = None
    verb_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    hedge_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    source_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    entries: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    @property
    def version(self) -> str:
        """Provenance: ``reporting_verbs@V+hedges@V+sources@V`` (names and versions), ``+cue_model@V`` if used."""
        v = "+".join(f"{lex.name}@{lex.version}" for lex in (self.verbs, self.hedges, self.sources))
        if self.cue_model is not None:
            v += f"+cue_model@{self.cue_model.meta.get('version', '?')}"
        return v

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages all three lexicons read (their ``languages`` headers)."""
        return common_languages(*(lex.languages for lex in (self.verbs, self.hedges, self.sources)))

    def __post_init__(self) -> None:
        for name in ("scare_max_words", "continuation_paragraphs", "min_claim_words"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise param_error(name, "AttributionConfig", "an int >= 0", v)
        entries: dict[str, Any] = {}
        matchers = []
        for lex in (self.verbs, self.hedges, self.sources):
            items = []
            for e in lex.entries:
                entries[e.id] = e
                opts = {"inflect": bool(e.get("inflect", True)), "case": bool(e.get("case", False))}
                items += [(e.id, t, opts) for t in e.terms]
            matchers.append(PhraseMatcher(items))
        object.__setattr__(self, "verb_matcher", matchers[0])
        object.__setattr__(self, "hedge_matcher", matchers[1])
        object.__setattr__(self, "source_matcher", matchers[2])
        entries.setdefault(LEARNED_CUE.id, LEARNED_CUE)
        object.__setattr__(self, "entries", entries)


def load_attribution_config(
    *,
    verbs: str | Path | Mapping[str, Any] | None = None,
    hedges: str | Path | Mapping[str, Any] | None = None,
    sources: str | Path | Mapping[str, Any] | None = None,
    replace: bool = False,
    cue_model: str | Path | Mapping[str, Any] | CueModel | CueCRF | bool | None = None,
    **options: int,
) -> AttributionConfig:
    """Load the bundled attribution lexicons, with optional user files over them.

    Parameters
    ----------
    verbs, hedges, sources : path or mapping, optional
        User lexicons merged over the bundled ones (same id: the user's wins).
    replace : bool, default False
        If True, user lexicons replace the bundled ones instead.
    cue_model : path, mapping, CueModel, CueCRF, "crf" or bool, optional
        The learned cue detector, off by default (lexicon cues only): True for
        the bundled ``lexicons/cue_model.json`` (PolNeAR dev cue F1 0.663 ->
        0.673, attribution about 2.4 times slower; its cues go to the
        attribution table only, not to voices or style), or a model of your own.
        ``"crf"`` for the bundled CRF cue tagger ``lexicons/cue_crf.json``
        (:mod:`framecmp.measures.attribution.cue_crf`; PolNeAR dev cue F1 0.663 -> 0.696, source
        0.678 -> 0.706, content 0.788 -> 0.811, attribution about 4 times
        slower; its own cues go to the attribution table only; in its mode
        ``filter`` it also drops the rule cues it does not tag and reports its
        span of the others); a file or mapping with ``"format":
        "framecmp.cue_crf/1"`` is read as a CRF tagger.
    **options
        Passed to :class:`AttributionConfig` (``scare_max_words`` ...).

    Raises
    ------
    LexiconError
        Listing every problem in the files, with file and line.

    Examples
    --------
    >>> cfg = load_attribution_config(verbs={"entries": [{"id": "rv.gloat", "terms": ["gloat"],
    ...     "class": "loaded", "explanation": "Paints the speaker as smug.", "source": "own"}]})
    >>> cfg.entries["rv.gloat"].get("class")
    'loaded'
    """
    specs = (
        ("reporting_verbs", "reporting_verbs.yaml", VERB_SCHEMA, verbs),
        ("hedges", "hedges.yaml", HEDGE_SCHEMA, hedges),
        ("sources", "sources.yaml", SOURCE_SCHEMA, sources),
    )
    lexs = []
    for kind, fname, schema, user in specs:
        base = load_lexicon(data_path(fname), kind=kind, schema=schema)
        if user is not None:
            base = base.merged(load_lexicon(user, kind=kind, schema=schema), replace=replace)
        lexs.append(base)
    model: CueModel | CueCRF | None
    if cue_model is True:
        model = load_cue_model()
    elif cue_model == "crf":
        model = load_cue_crf()
    elif cue_model is None or cue_model is False:
        model = None
    elif isinstance(cue_model, (CueModel, CueCRF)):
        model = cue_model
    elif read_json_model(cue_model, lambda d, _w: d.get("format") if isinstance(d, dict) else None) == CRF_FORMAT:
        model = load_cue_crf(cue_model)  # a CRF tagger's file ("format": "framecmp.cue_crf/1")
    else:
        model = load_cue_model(cue_model)
    return AttributionConfig(lexs[0], lexs[1], lexs[2], cue_model=model, **options)
