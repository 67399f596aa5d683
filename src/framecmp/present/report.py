"""One self-contained HTML report of a scored corpus.

Everything here turns evidence into HTML a student can read and a researcher
can check: each article is highlighted (:mod:`framecmp.present.highlight`), and
every number in the report comes with a plain-language reading of what it can and
cannot show (:mod:`framecmp.present.compare_html`). All article text is escaped
(articles come from the open web).

The report is one file that works offline: inline CSS, plots embedded as
base64 PNG, no scripts, no fonts or stylesheets from the network.
"""

from __future__ import annotations

import base64
import io
import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from framecmp._validation import param_error
from framecmp._version import __version__
from framecmp.measures.terms import load_terms
from framecmp.present import display, plot
from framecmp.present.accuracy import validation_summary
from framecmp.present.compare_html import Compared, comparison_body
from framecmp.present.highlight import article_html, shown_value
from framecmp.present.markup import (
    corpus_article,
    esc,
    fmt,
    headline_of,
    html_document,
    html_id,
    none_if_missing,
    para,
    scores_frame,
    table,
    tag,
)
from framecmp.stats.compare import compare

if TYPE_CHECKING:  # pragma: no cover
    from framecmp.io.corpus import Article
    from framecmp.scoring import Scores

__all__ = ["report", "ReportHTML", "LIMITS", "MAX_TABLE_ROWS"]

#: Most rows of a long per-article table (cleaning log, voices) a report shows.
MAX_TABLE_ROWS = 200
#: Most rows of a summary table shown before the rest is pooled or folded away.
_TOP_ROWS = 20
#: Most event columns of the outlet x event table; more events give a shorter summary.
_MAX_EVENT_COLUMNS = 12


# --------------------------------------------------------------------------- checks

#: What each measure can and cannot show (the ``limits`` section).
LIMITS: dict[str, tuple[str, str]] = {
    "stance": (
        "Which actors an article evaluates, and in whose voice: the outlet's own or a "
        "quoted source's. Every mention of an actor is scored: by a directed cue (accuse, "
        "praise, partner) when one is aimed at it, by what it does to something most people "
        "value or fear (\u201ccut emissions\u201d, \u201cscrap a rule protecting drinking water\u201d), "
        "else by a model of what the sentence says about that mention (trained on news "
        "sentences, NewsMTSC), with the words that moved it.",
        "Irony, implication, what is left out, or whether an evaluation is fair. Which things "
        "count as valued or harmful is a list of judgements (lexicons/effects.yaml) that leaves "
        "contested ones (coal, sanctions, regulations) out. The model "
        "agrees with human readers on about two sentences in three (see the benchmarks), so "
        "read the highlighted words, not only the number; one article is a small sample.",
    ),
    "portrayal": (
        "How an article presents each actor, all voices together: a score from −1 "
        "(unfavourable) to +1 (favourable) and a role: protagonist, antagonist, victim "
        "(harmed and not blamed; never called an antagonist) or neutral.",
        "Narrative roles as a careful reader sees them: on news articles with human hero, "
        "villain and victim labels the score separates heroes from villains only modestly "
        "(see the benchmarks). A role is a starting point for discussion, not a verdict.",
    ),
    "terms": (
        "How often words from the loaded-terms lexicon appear, by category, per 1,000 words "
        "(plain, neutral names are listed as labels, not counted here).",
        "Words not in the lexicon, and whether a word is loaded in its context: quoting a "
        "word is not the same as using it. The lexicon itself reflects choices.",
    ),
    "labels": (
        "Which name each outlet picks for the same group or government "
        "('junta' vs 'transitional authorities'), plain names ('armed groups') included.",
        "Why the name was chosen; some labels are simply the house style of an outlet.",
    ),
    "attribution": (
        "Who is given a voice, direct vs indirect quotes, named vs anonymous sources, "
        "neutral vs loaded reporting verbs, hedges.",
        "Whether a source is right or representative, and voices the rules miss "
        "(unusual quotation patterns, paraphrase without a reporting verb).",
    ),
    "cleaning": (
        "Which spans (menus, bylines, timestamps) were removed before scoring, and why.",
        "Junk the patterns do not know; real text wrongly removed. Check the log.",
    ),
}


@dataclass(frozen=True, slots=True)
class _CorpusShape:
    """What the corpus allows one to conclude."""

    illustrative: bool
    reasons: tuple[str, ...]


def _corpus_shape(articles: pd.DataFrame, min_articles: int) -> _CorpusShape:
    """Say whether comparisons are findings or only illustrations of method."""
    if articles.empty or "outlet" not in articles.columns:
        return _CorpusShape(True, ("The corpus is empty.",))
    reasons: list[str] = []
    per_outlet = articles.groupby("outlet").size()
    if (per_outlet < min_articles).all():
        reasons.append(
            f"Every outlet has fewer than {min_articles} articles "
            f"(at most {int(per_outlet.max())}). One article cannot stand for an outlet."
        )
    if per_outlet.size < 2:
        reasons.append("There is only one outlet, so there is nothing to compare it with.")
    if "event" in articles.columns and articles["event"].notna().any():
        shared = articles.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
        if (shared < 2).all() and per_outlet.size >= 2:
            reasons.append(
                "The outlets cover different events: no event is reported by two outlets, "
                "so differences may come from the events, not from the outlets."
            )
    else:
        reasons.append("Events are not marked, so articles about different events may be mixed.")
    return _CorpusShape(bool(reasons), tuple(reasons))


def _caveat_html(shape: _CorpusShape) -> str:
    """The prominent notice at the top of the report, if one is needed."""
    if not shape.illustrative:
        return ""
    items = "".join(tag("li", esc(r)) for r in shape.reasons)
    body = (
        tag("p", tag("strong", "These comparisons illustrate the method. They are not "
                                 "findings about the outlets."))
        + tag("ul", items)
        + para("Read the numbers below as a demonstration of what framecmp measures and "
               "how to check it, not as evidence that one outlet frames the story "
               "differently from another.")
    )
    return tag("section", body, id="caveat", class_="fc-caveat", role="note")


def _language_html(scores: Any) -> str:
    """A notice at the top: articles not scored because of their language (issue 18)."""
    note = display.unsupported_language_note(scores_frame(scores, "articles"))
    return tag("section", para(note), id="language", class_="fc-caveat", role="note") if note else ""


# --------------------------------------------------------------------------- sections


def _section(ident: str, heading: str, body: str) -> str:
    """A report section with an id and a heading."""
    return tag("section", tag("h2", esc(heading)) + body, id=ident)


def _summary_html(scores: Any) -> str:
    """Articles per outlet and event, statuses, words, languages and translations."""
    arts = scores_frame(scores, "articles")
    if arts.empty:
        return _section("summary", "Corpus summary", para("The corpus is empty."))
    n_art, n_out = len(arts), int(arts["outlet"].nunique())
    parts = [para(f"{n_art} article{'' if n_art == 1 else 's'} from {n_out} "
                  f"outlet{'' if n_out == 1 else 's'}.")]
    events_of: dict[str, str] = {}
    if "event" in arts.columns:
        ev = arts.assign(event=arts["event"].fillna("(no event)").astype(str))
        tab = pd.crosstab(ev["outlet"].astype(str), ev["event"])
        if not ((tab > 0).sum(axis=0) >= 2).any() and (tab > 0).sum(axis=1).max() <= 3:
            # no event shared by two outlets: an outlet x event grid would be mostly zeros;
            # each outlet's events go in a column of the table below
            events_of = {str(o): "; ".join(c for c in tab.columns if r[c] > 0) for o, r in tab.iterrows()}
        elif len(tab.columns) <= _MAX_EVENT_COLUMNS:
            parts.append(table(["Outlet", *tab.columns],
                               [[o, *r] for o, r in zip(tab.index, tab.values.tolist())],
                               caption="Articles per outlet and event",
                               numeric=range(1, len(tab.columns) + 1)))
        else:
            parts.append(_events_summary(ev, tab))
    ok = arts["status"].eq("ok") if "status" in arts.columns else pd.Series(True, index=arts.index)
    words = arts.assign(_ok=ok, _w=arts["n_words"].where(ok) if "n_words" in arts.columns else ok) \
        .groupby("outlet").agg(articles=("outlet", "size"), scored=("_ok", "sum"), words=("_w", "sum"))
    from framecmp.io.corpus import MISSING_OUTLET as missing_outlet
    extra = ["Events"] if events_of else []
    parts.append(table(["Outlet", "Articles", "Scored", "Words (scored)", *extra],
                       [[f"{o} (no outlet given)" if o == missing_outlet else o, int(r.articles),
                         int(r.scored), fmt(r.words, 0),
                         *([events_of.get(str(o), "")] if events_of else [])]
                        for o, r in words.iterrows()],
                       caption="Articles and words per outlet", numeric=(1, 2, 3)))
    if "status" in arts.columns:
        counts = arts["status"].fillna("(none)").astype(str).value_counts()
        if set(counts.index) == {"ok"}:
            parts.append(para("Every article was scored (status “ok”).", cls="fc-meta"))
        else:
            parts.append(table(["Status", "Articles"], list(counts.items()),
                               caption="Scoring status (every input article is listed)",
                               numeric=(1,)))
    notes = []
    for _, row in arts.iterrows():
        lang, src = none_if_missing(row.get("language")), none_if_missing(row.get("translated_from"))
        if src:
            notes.append(f"{row['article_id']} ({row['outlet']}) reads as translated from "
                         f"{display.language_name(src)}"
                         f"{f' into {display.language_name(lang)}' if lang else ''}: a translated verb can read "
                         "louder than its source.")
    langs = arts["language"].dropna().unique().tolist() if "language" in arts.columns else []
    if len(langs) > 1:
        notes.append(f"The corpus mixes languages ({', '.join(map(display.language_name, langs))}); lexicons "
                     "may cover them unevenly.")
    if notes:
        parts.append(_capped_list(notes, _TOP_ROWS, what="note(s)"))
    return _section("summary", "Corpus summary", "".join(parts))


def _capped_list(items: Sequence[str], limit: int, *, what: str) -> str:
    """A note list of at most ``limit`` items; the rest are counted, not shown."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more {what} of the same kind.")
    return tag("ul", "".join(tag("li", esc(n)) for n in shown), class_="fc-note")


def _events_summary(ev: pd.DataFrame, tab: pd.DataFrame) -> str:
    """Outlets x events for many events: counts per outlet, and the most shared events."""
    shared_by = (tab > 0).sum(axis=0)
    real = [c for c in tab.columns if c != "(no event)"]
    shared = {c for c in real if shared_by[c] >= 2}
    rows = []
    for outlet, r in tab.iterrows():
        covered = [c for c in real if r[c] > 0]
        rows.append([outlet, int(r.sum()), len(covered), sum(c in shared for c in covered),
                     int(r.get("(no event)", 0))])
    out = table(["Outlet", "Articles", "Events", "Events shared with another outlet",
                 "Articles without event"], rows,
                caption=f"Articles and events per outlet ({len(real)} events)",
                numeric=(1, 2, 3, 4))
    top = sorted(real, key=lambda c: (-int(shared_by[c]), -int(tab[c].sum()), str(c)))
    top = [c for c in top if shared_by[c] >= 2][:_TOP_ROWS]
    if top:
        out += table(["Event", "Outlets", "Articles"],
                     [[c, int(shared_by[c]), int(tab[c].sum())] for c in top],
                     caption=f"Events covered by the most outlets (top {len(top)} of "
                              f"{len(shared)} shared)", numeric=(1, 2))
    else:
        out += para("No event is covered by two outlets.", cls="fc-meta")
    return out


def _cleaning_html(scores: Any) -> str:
    """What cleaning removed from each article, and why."""
    rem = scores_frame(scores, "removals")
    intro = para("Before scoring, framecmp removes page furniture (menus, bylines, "
                 "timestamps glued into sentences). Every removal is listed here with its "
                 "reason, so you can check that no real text was lost.")
    if rem.empty:
        return _section("cleaning", "Cleaning log", intro + para("Nothing was removed."))
    rem = rem.assign(n_chars=rem["raw_end"] - rem["raw_start"]) if {"raw_start", "raw_end"} <= set(rem.columns) \
        else rem.assign(n_chars=rem.get("text", pd.Series(dtype=str)).astype(str).str.len())
    by = rem.groupby(["article_id", "reason"], dropna=False).agg(n=("reason", "size"),
                                                                  chars=("n_chars", "sum"))
    per_reason = rem.groupby("reason", dropna=False).agg(
        n=("reason", "size"), articles=("article_id", "nunique"), chars=("n_chars", "sum"))
    summary = table(["Reason", "Removals", "Articles", "Characters"],
                    [[r, int(v.n), int(v.articles), int(v.chars)]
                     for r, v in per_reason.sort_values("n", ascending=False).iterrows()],
                    caption=f"Removals per reason ({len(rem)} removals in "
                             f"{rem['article_id'].nunique()} article(s))", numeric=(1, 2, 3))
    top = by.sort_values(["chars", "n"], ascending=False, kind="stable").head(_TOP_ROWS)
    summary += table(["Article", "Reason", "Removals", "Characters"],
                     [[a, r, int(v.n), int(v.chars)] for (a, r), v in top.iterrows()],
                     caption=("Removals per article and reason" if len(top) == len(by) else
                              f"Removals per article and reason: the {len(top)} largest of "
                              f"{len(by)}"), numeric=(2, 3))
    detail_rows = []
    for _, r in rem.head(MAX_TABLE_ROWS).iterrows():
        text = str(none_if_missing(r.get("text")) or "")
        shown = text if len(text) <= 160 else text[:157] + "…"
        detail_rows.append([r.get("article_id"), r.get("reason"), r.get("rule_id"), shown])
    label = (f"All {len(rem)} removals" if len(rem) <= MAX_TABLE_ROWS else
             f"The first {MAX_TABLE_ROWS} of {len(rem)} removals")
    more = "" if len(rem) <= MAX_TABLE_ROWS else para(
        f"{len(rem) - MAX_TABLE_ROWS} more removals are not listed here; the full log is "
        "scores.removals.", cls="fc-meta")
    detail = tag("details", tag("summary", esc(label))
                 + table(["Article", "Reason", "Rule", "Removed text"], detail_rows) + more)
    return _section("cleaning", "Cleaning log", intro + summary + detail)


def _png(plotter: Callable[..., Any], frame: pd.DataFrame, alt: str,
         figsize: tuple[float, float] = (7, 4), **kwargs: Any) -> str:
    """Run a plot function on a fresh figure; return an ``<img>`` with the PNG inline."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100)
    ax = fig.subplots()
    plotter(frame, ax=ax, **kwargs)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="fc-plot" alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def _plot_html(name: str, frame: pd.DataFrame, alt: str, *,
               figsize: tuple[float, float] | None = None, **kwargs: Any) -> str:
    """An embedded plot from :mod:`framecmp.present.plot`, or a note saying why there is none."""
    if frame.empty:
        return ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = _png(getattr(plot, name), frame, alt, figsize=figsize or (7, 4), **kwargs)
        return tag("figure", img)
    except Exception as exc:  # a failed plot must not lose the rest of the report
        warnings.warn(f"report(): plot {name} failed: {exc!r}", stacklevel=4)
        return para(f"(Plot {name} could not be drawn: {exc})", cls="fc-meta")


def _run_compare(scores: Any, measure: str, compare_kwargs: Mapping[str, Any]) -> Compared:
    """compare() for one measure; warnings become notes, a failure becomes a message."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = compare(scores, measure=measure, **compare_kwargs)
    except Exception as exc:  # show what failed instead of losing the report
        warnings.warn(f"report(): compare(measure={measure!r}) failed: {exc!r}", stacklevel=4)
        return Compared(None, error=f"This comparison could not be computed: {exc}")
    if not isinstance(frame, pd.DataFrame):
        return Compared(None)
    notes = [str(n) for n in frame.attrs.get("notes", [])]
    notes += [_reader_note(str(w.message)) for w in caught]
    return Compared(frame, tuple(dict.fromkeys(notes)))


def _reader_note(message: str) -> str:
    """A warning of compare() in words for the report's reader (no function calls)."""
    if message.endswith("no data to compare."):
        return "Nothing to compare: no scored article has this measure."
    return message


#: Most rows of a compact comparison table in the report (the rest are in the folded full table).
_SHOWN_ROWS = 12


def _comparison_html(
    scores: Any, measure: str, compare_kwargs: Mapping[str, Any], *, caption: str | None = None,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    order: Sequence[str] | None = None,
    max_rows: int | None = None,
) -> str:
    """compare() for one measure across outlets: table, notes and reading."""
    return comparison_body(_run_compare(scores, measure, compare_kwargs), measure,
                           caption=caption, keep=keep, order=order,
                           min_articles=compare_kwargs.get("min_articles"), max_rows=max_rows)


def _limits_note(measure: str) -> str:
    """'Can show / cannot show' for one measure, as a short paragraph."""
    can, cannot = LIMITS[measure]
    return para(f"Can show: {can} Cannot show: {cannot}", cls="fc-note")


def _directed_pairs(stance: pd.DataFrame) -> pd.Series | None:
    """Directed cues per (holder, target), most first; None when the frame cannot say."""
    if stance.empty or not {"holder", "target", "n"} <= set(stance.columns):
        return None
    n = pd.to_numeric(stance["n"], errors="coerce").fillna(0)
    per = n.groupby([stance["holder"].astype(str), stance["target"].astype(str)]).sum()
    return per.sort_values(ascending=False, kind="stable")


def _portrayal_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    """How each outlet portrays each actor: the map, the comparison and the limits."""
    portrayal = scores_frame(scores, "portrayal")
    body = para("How each article presents each actor, all voices together (the outlet's own "
                "words and the people it quotes): a score from −1 (unfavourable) to +1 "
                "(favourable) and a role. A victim is an actor the article shows harmed and "
                "never blames; it is never counted as an antagonist.")
    if portrayal.empty:
        return _section("portrayal", "How does each outlet portray each actor?",
                        body + para("No actor is mentioned in the scored articles.") + _limits_note("portrayal"))
    if plots:
        n_groups = portrayal["outlet"].nunique() if "outlet" in portrayal.columns else 3
        body += _plot_html("portrayal_map", portrayal,
                           "How each outlet portrays each actor: mean score and roles",
                           figsize=(9.0, min(1.2 + 0.6 * n_groups, 8.0)))
    # actors by how often the corpus mentions them: the most discussed first
    mentions = pd.to_numeric(portrayal.get("n_mentions", pd.Series(1, index=portrayal.index)),
                             errors="coerce").fillna(0)
    order = [str(a) for a in mentions.groupby(portrayal["actor"].astype(str)).sum()
             .sort_values(ascending=False, kind="stable").index] if "actor" in portrayal.columns else None
    body += _comparison_html(scores, "portrayal", kw, order=order, max_rows=_SHOWN_ROWS,
                             caption="Portrayal compared across outlets (−1 unfavourable, +1 favourable), "
                                     "most mentioned actors first")
    body += _limits_note("portrayal")
    return _section("portrayal", "How does each outlet portray each actor?", body)


def _stance_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    stance = scores_frame(scores, "stance")
    body = para("Who evaluates whom. 'The outlet's own voice' is the article's author; other "
                "voices are the affiliations of quoted sources (what a Malian official, for "
                "example, says about France).")
    if plots:
        figsize = None
        try:
            if not stance.empty:
                figsize = plot.stance_heatmap_size(stance, max_targets=8)
        except Exception:  # the default size will do
            figsize = None
        body += _plot_html("stance_heatmap", stance,
                           "Heatmap of the outlets' own stance (author) toward each actor",
                           figsize=figsize, min_articles=kw.get("min_articles", 3), max_targets=8)
        holders = set(stance["holder"].astype(str)) if "holder" in stance.columns else set()
        if holders - {"author"}:
            # most evaluations in news are reported ones: show who evaluates whom, voice by voice
            body += _plot_html("stance_heatmap", stance,
                               "Heatmap of every voice's stance toward each actor, by outlet",
                               figsize=plot.stance_heatmap_size(stance, holder=None, max_targets=8),
                               max_targets=8,
                               holder=None, min_articles=kw.get("min_articles", 3))
    pairs = _directed_pairs(stance)
    keep = None
    if pairs is not None:
        evaluated = pairs[pairs > 0]
        wanted = set(evaluated.index)

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            if frame.empty or "item" not in frame.columns:
                return frame
            if "holder" in frame.columns and frame["holder"].notna().any():
                idx = list(zip(frame["holder"].astype(str), frame["item"].astype(str)))
            else:
                targets = {t for _, t in wanted}
                return frame[frame["item"].astype(str).isin(targets)]
            rank = {p: i for i, p in enumerate(evaluated.index)}
            mask = [p in wanted for p in idx]
            out = frame[mask]
            pos = [rank[p] for p, m in zip(idx, mask) if m]
            return out.iloc[sorted(range(len(out)), key=lambda i: pos[i])]

        n_only = int((pairs == 0).sum())
        if n_only:
            body += para(f"The table lists the {len(evaluated)} voice–actor pair(s) with at "
                         f"least one evaluating cue, most evidence first. {n_only} more "
                         "pair(s) have only neutral mentions (stance 0) and are left out.",
                         cls="fc-meta")
    body += _comparison_html(scores, "stance", kw, keep=keep, max_rows=_SHOWN_ROWS,
                             caption="Stance compared across outlets "
                                     "(−1 hostile, +1 favourable)")
    body += _limits_note("stance")
    return _section("stance", "Stance toward actors", body)


#: Term categories of the general English lexicon, used when the lexicon cannot be read.
_GENERAL_FALLBACK = frozenset({
    "sentiment_negative", "sentiment_positive", "subjective_adjective", "puffery",
    "contentious_label", "doubt", "editorializing", "loaded_verb",
})
_GENERAL_FILE = "subjective_general"


def _term_groups() -> tuple[list[str], set[str]]:
    """Categories in lexicon order, and those that come only from the general English lexicon.

    A category counts as general when every entry of it comes from
    ``subjective_general.yaml``; framing categories (``loaded_terms.yaml`` and
    user entries) are the rest.
    """
    try:
        lex = load_terms()
        files: dict[str, set[bool]] = {}
        for e in lex.entries:
            is_general = Path(str(e.source_file)).stem == _GENERAL_FILE
            files.setdefault(str(e.category), set()).add(is_general)
        order = list(lex.categories)
        general = {c for c, kinds in files.items() if kinds == {True}}
    except Exception:  # a broken lexicon must not lose the report
        order, general = [], set()
    general |= {c for c in _GENERAL_FALLBACK if c not in order}
    return order, general


def _terms_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    terms = scores_frame(scores, "terms")
    articles = scores_frame(scores, "articles")
    order, general = _term_groups()
    present = list(dict.fromkeys(terms["category"].astype(str))) if "category" in terms else []
    # a category no article of the corpus hits is listed once in a note, not drawn as empty rows
    unused: set[str] = set()
    if {"category", "hits"} <= set(terms.columns):
        totals = terms.groupby(terms["category"].astype(str))["hits"].sum()
        unused = {str(c) for c, n in totals.items() if n == 0}
        present = [c for c in present if c not in unused]
    # the most frequent kinds of word first (the lexicon's order among equals), in the plots
    # and the tables alike; each rate comes with the count of words it rests on
    rank = {c: i for i, c in enumerate(order)}
    counts: dict[tuple[str, str], int] = {}
    rate = pd.Series(dtype=float)
    if {"category", "outlet"} <= set(terms.columns):
        if "hits" in terms.columns:
            hits = pd.to_numeric(terms["hits"], errors="coerce").fillna(0)
            per = hits.groupby([terms["category"].astype(str), terms["outlet"].astype(str)]).sum()
            counts = {(str(k[0]), str(k[1])): int(n) for k, n in zip(per.index, per.to_numpy())}
        if "per_1k_words" in terms.columns:
            rate = pd.to_numeric(terms["per_1k_words"], errors="coerce").fillna(0).groupby(
                terms["category"].astype(str)).sum()
    present.sort(key=lambda c: (-float(rate.get(c, 0.0)), rank.get(c, len(rank)), c))
    framing = [c for c in present if c not in general]
    plain = [c for c in present if c in general]
    compared = _run_compare(scores, "terms", kw)
    min_art = kw.get("min_articles")

    if compared.frame is not None and "item" in compared.frame.columns:
        items = [str(i) for i in dict.fromkeys(compared.frame["item"].dropna()) if str(i) not in unused]
        framing += [c for c in items if c not in general and c not in framing]
        plain += [c for c in items if c in general and c not in plain]
        present = list(dict.fromkeys([*present, *items]))

    def only(is_general: bool) -> Callable[[pd.DataFrame], pd.DataFrame]:
        def keep(f: pd.DataFrame) -> pd.DataFrame:
            if "item" not in f.columns:
                return f
            f = f[~f["item"].astype(str).isin(unused)]
            return f[f["item"].astype(str).isin(general) == is_general]
        return keep

    drawn = set(terms["category"].astype(str)) if "category" in terms else set()

    def category_plot(cats: Sequence[str], alt: str, title: str) -> str:
        cats = [c for c in cats if c in drawn]
        if not plots or not cats:
            return ""
        extra: dict[str, Any] = {"categories": list(cats), "title": title}
        if not articles.empty and {"article_id", "outlet"} <= set(articles.columns):
            extra["articles"] = articles
        return _plot_html("term_categories", terms[terms["category"].astype(str).isin(cats)],
                          alt, figsize=(min(4 + 0.9 * len(cats), 12), 4), **extra)

    body = para("Words from the lexicons, counted per 1,000 words of each article and "
                "averaged per outlet. The first part uses the Sahel framing lexicon: "
                "how armed groups and governments are named, colonial and sovereignty "
                "language, euphemisms, delegitimising words.")
    body += para(f"How to read a rate: {display.metric_definition('per_1k_words')}. The tables "
                 "give the count in brackets beside each rate.", cls="fc-meta")
    body += tag("h3", "Sahel framing words")
    if framing or not plain:
        body += category_plot(framing, "Bar chart of framing-word rates by category",
                     "Sahel framing words per 1,000 words, by kind of word")
        body += comparison_body(compared, "terms", keep=only(False),
                                order=present, min_articles=min_art, counts=counts or None,
                                caption="Framing words per 1,000 words, by outlet"
                                        + (" (in brackets: how many words)" if counts else ""))
    else:
        body += para("No framing words were found in this corpus.", cls="fc-meta")
    if plain:
        body += tag("h3", "General English sentiment words — a coarse signal")
        body += para("These categories come from a general English word list (negative "
                     "and subjective words such as 'brutal', 'slammed', 'remarkable'), not "
                     "from the Sahel lexicon. They say how emotive the wording is overall, "
                     "not how an outlet frames the actors: the words may describe the "
                     "weather, a match or a quote. See the limits section.", cls="fc-note")
        body += category_plot(plain, "Bar chart of general sentiment-word rates by category",
                     "General English sentiment words per 1,000 words (coarse signal)")
        body += comparison_body(compared, "terms", keep=only(True), order=present,
                                min_articles=min_art, reading=False, counts=counts or None,
                                caption="General sentiment words per 1,000 words, by outlet"
                                        + (" (in brackets: how many words)" if counts else ""))
    if unused:
        names = sorted(display.category_name(c) for c in unused)
        body += para(f"No article of this corpus has a word of these categories, so they are not "
                     f"shown: {', '.join(names)}.", cls="fc-meta")
    body += _limits_note("terms")
    return _section("terms", "Loaded terms", body)


def _labels_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    labels = scores_frame(scores, "labels")
    body = para("For the same referent, which label does each outlet choose?")
    if labels.empty:
        body += para("No label choices were found in this corpus.")
        return _section("labels", "Label choices", body + _limits_note("labels"))

    def label_use(label: str, count: int, quoted: int) -> str:
        # "junta ×3", "common enemy ×1 (quoted)", "terrorist ×3 (1 quoted)"
        out = f"{label} ×{count}"
        if quoted >= count > 0:
            return out + " (quoted)"
        return out + (f" ({quoted} quoted)" if quoted > 0 else "")

    # no "quoted" column (a labels frame of an older version): none known to be quoted
    quoted = pd.to_numeric(labels["quoted"], errors="coerce") if "quoted" in labels.columns else 0
    labels = labels.assign(quoted=quoted).fillna({"quoted": 0})
    agg = labels.groupby(["referent", "outlet", "label"], dropna=False)[["count", "quoted"]].sum()
    used: dict[tuple[Any, Any], list[tuple[str, int, int]]] = {}
    for key, (c, q) in zip(agg.index, agg.itertuples(index=False)):
        if isinstance(key, tuple):
            used.setdefault((key[0], key[1]), []).append((str(key[2]), int(c), int(q)))
    rows = []
    any_quoted = False
    for (ref, outlet), triples in used.items():
        triples.sort(key=lambda p: (-p[1], p[0]))
        any_quoted = any_quoted or any(q for _, _, q in triples)
        rows.append([display.actor_name(ref), outlet,
                     "; ".join(label_use(lab, c, q) for lab, c, q in triples),
                     sum(c for _, c, _ in triples)])
    body += table(["Named thing", "Outlet", "Labels used (× times)", "Total"], rows,
                  caption="Label choices per referent and outlet", numeric=(3,))
    if any_quoted:
        body += para("“(quoted)”: the outlet uses the label only inside quotation marks, in the "
                     "words of someone it quotes, not in its own words; “(1 quoted)”: how many of "
                     "the times are inside a quotation. The totals count both.", cls="fc-meta")
    n_ref = labels.groupby("referent")["outlet"].nunique().sort_values(ascending=False, kind="stable")
    shared = [str(r) for r, n in n_ref.items() if n >= 2]
    if plots:
        for ref in (shared or [str(n_ref.index[0])])[:3]:
            body += _plot_html("label_choices", labels,
                               f"Labels each outlet uses for {display.actor_name(ref)}",
                               referent=ref)
    body += para(f"{len(shared)} referent(s) are named by two or more outlets"
                 f"{': ' + ', '.join(map(display.actor_name, shared)) if shared else ''}. Where outlets differ, the "
                 "table shows the choice, not the reason for it.", cls="fc-reading")
    body += _comparison_html(scores, "labels", kw, max_rows=_SHOWN_ROWS,
                             caption="Share of each label among an outlet's labels for a referent")
    return _section("labels", "Label choices", body + _limits_note("labels"))


def _attribution_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    voices = scores_frame(scores, "voices")
    body = para("Who is given a voice, and how: direct or indirect quotes, named or "
                "anonymous sources, neutral or loaded reporting verbs.")
    evidence = scores_frame(scores, "evidence")
    hedges: dict[tuple[str, str], int] = {}
    if {"kind", "outlet"} <= set(evidence.columns):
        n_hedges = evidence[evidence["kind"] == "hedge"]["outlet"].astype(str).value_counts()
        arts = scores_frame(scores, "articles")
        outlets = arts["outlet"].astype(str).unique() if "outlet" in arts.columns else n_hedges.index
        hedges = {("hedge_rate", str(o)): int(n_hedges.get(o, 0)) for o in outlets}
    body += comparison_body(_run_compare(scores, "attribution", kw), "attribution",
                            caption="Attribution style compared across outlets"
                                    + (" (hedges: the count in brackets)" if hedges else ""),
                            min_articles=kw.get("min_articles"), counts=hedges or None)
    # what a number a teacher cannot explain counts, under the table that shows it
    shown = [m for m in ("unattributed_claims", "hedge_rate") if esc(display.metric_name(m)) in body]
    if shown:
        body += tag("ul", "".join(tag("li", esc(f"{display.metric_name(m)}: {display.metric_definition(m)}."))
                                  for m in shown), class_="fc-meta")
    body += tag("h3", "Voices")
    if plots:
        body += _plot_html("voice_shares", voices, "Share of quoted words per affiliation")
    if not voices.empty:
        rows = [[r.get("article_id"), r.get("outlet"), shown_value("affiliation", r.get("affiliation")),
                 fmt(r.get("quoted_words"), 0), fmt(r.get("share")),
                 fmt(r.get("anonymous_share")), fmt(r.get("direct_share"))]
                for _, r in voices.head(MAX_TABLE_ROWS).iterrows()]
        label = (f"Voices per article ({len(voices)} rows)" if len(voices) <= MAX_TABLE_ROWS
                 else f"Voices per article (the first {MAX_TABLE_ROWS} of {len(voices)} rows)")
        more = "" if len(voices) <= MAX_TABLE_ROWS else para(
            f"{len(voices) - MAX_TABLE_ROWS} more rows are not listed here; all of them are in "
            "scores.voices, and the table below sums them up per outlet.", cls="fc-meta")
        body += tag("details", tag("summary", esc(label))
                    + table(["Article", "Outlet", "Affiliation", "Quoted words", "Share",
                             "Anonymous share", "Direct share"], rows,
                            caption="Voices per article", numeric=(3, 4, 5, 6)) + more)
        body += _comparison_html(scores, "voices", kw,
                                 caption="Share of quoted words per affiliation, by outlet")
    body += _limits_note("attribution")
    return _section("attribution", "Attribution and voices", body)


def _setting(value: Any) -> str:
    """A setting for display: nested mappings as 'key: value' pairs."""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_setting(v)}" for k, v in value.items())
    if value is None:
        return "(none)"
    return str(value)


def _limits_html(scores: Any, validation: Mapping[str, str] | None) -> str:
    rows = [[m.capitalize(), can, cannot] for m, (can, cannot) in LIMITS.items()]
    body = table(["Measure", "Can show", "Cannot show"], rows)
    body += tag("h3", "Validation")
    if validation is None:
        validation = validation_summary()
    if validation:
        body += table(["Measure", "Result"], [[k, v] for k, v in validation.items()])
    else:
        body += para("Validation numbers against annotated data are not available in this "
                     "report. Treat every measure as unvalidated.", cls="fc-note")
    config = getattr(scores, "config", None)
    if isinstance(config, Mapping) and config:
        body += tag("h3", "Settings and lexicon versions")
        body += table(["Setting", "Value"], [[k, _setting(v)] for k, v in
                                             sorted(config.items(), key=lambda kv: str(kv[0]))])
    return _section("limits", "What the measures can and cannot show", body)


def _chosen_articles(arts: pd.DataFrame, max_articles: int | None) -> list[Any]:
    """Ids of the articles to highlight: all, or ``max_articles`` taken in turn from each
    outlet (in the order of the articles frame), so that every outlet is shown."""
    ids = arts.get("article_id", pd.Series(dtype=object)).tolist()
    if max_articles is None or len(ids) <= max_articles:
        return ids
    outlets = (arts["outlet"].astype(str).tolist() if "outlet" in arts.columns
               else [""] * len(ids))
    queues: dict[str, list[int]] = {}
    for i, o in enumerate(outlets):
        queues.setdefault(o, []).append(i)
    chosen: list[int] = []
    while len(chosen) < max_articles:
        for q in queues.values():
            if q and len(chosen) < max_articles:
                chosen.append(q.pop(0))
    return [ids[i] for i in sorted(chosen)]


def _headline_text(scores: Any, row: Mapping[Any, Any]) -> str:
    """The headline of an article by the worksheet's rule (:func:`markup.headline_of`)."""
    article = corpus_article(scores, row.get("article_id"))
    head = headline_of(article) if article is not None else None
    if head is not None:
        return str(article.text[head[0]:head[1]])
    return str(none_if_missing(row.get("title")) or "(no headline)")


def _left_out_html(scores: Any, arts: pd.DataFrame, shown: Sequence[Any], max_articles: int) -> str:
    """The articles not highlighted: a sentence saying so, and a list by id and title."""
    keep = set(map(str, shown))
    rest = arts[~arts["article_id"].astype(str).isin(keep)]
    n = len(rest)
    text = (f"{len(shown)} of {len(arts)} articles are highlighted here (max_articles="
            f"{max_articles}, taken in turn from each outlet); the other {n} are left out to "
            "keep this file small. To include them, call report(scores, max_articles=None), or "
            "pass a larger number; fc.highlight(corpus[article_id], scores.evidence) shows one "
            "article.")
    rows = [[r.get("article_id"), r.get("outlet"), _headline_text(scores, r)] for _, r in rest.iterrows()]
    listing = tag("details", tag("summary", esc(f"The {n} articles left out"))
                  + table(["Article", "Outlet", "Title"], rows,
                          caption="Articles not highlighted in this report"))
    return para(text, cls="fc-note") + listing


def _articles_html(scores: Any, kinds: Sequence[str] | None,
                   max_articles: int | None = None) -> str:
    arts = scores_frame(scores, "articles")
    evidence = scores_frame(scores, "evidence")
    parts = [para("Each article with its evidence. Hover over or tab to a coloured span "
                  "to see why it counts.")]
    chosen = _chosen_articles(arts, max_articles)
    if max_articles is not None and len(chosen) < len(arts):
        parts.append(_left_out_html(scores, arts, chosen, max_articles))
    for aid in chosen:
        article = corpus_article(scores, aid)
        if article is None:
            parts.append(para(f"Article {aid}: text not available.", cls="fc-meta"))
            continue
        ev = evidence[evidence["article_id"].astype(str) == str(aid)] if not evidence.empty \
            else evidence
        parts.append(article_html(cast("Article", _WithId(article, aid)), ev, kinds=kinds, anchor=html_id(aid)))
    return _section("articles", "Articles", "".join(parts))


class _WithId:
    """An article seen through a proxy that knows its id."""

    __slots__ = ("_article", "article_id")

    def __init__(self, article: Any, article_id: Any) -> None:
        self._article = article
        self.article_id = article_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._article, name)


def _checks_html(*sections: str) -> str:
    """The checks at the end of the report, in one folded section."""
    summary = tag("summary", tag("strong", "Checks: cleaning log, what the measures can and "
                                           "cannot show, validation, settings"))
    intro = para("How the text was cleaned before scoring, how far each measure has been "
                 "checked against human readers, and the settings and lexicon versions of this "
                 "run. Open this part to check the findings above; it is not printed while folded.",
                 cls="fc-meta")
    return tag("section", tag("details", summary + intro + "".join(sections)), id="checks")


def _toc() -> str:
    """Links to the sections."""
    links = [("summary", "Summary"), ("portrayal", "Portrayal"), ("stance", "Stance"),
             ("terms", "Terms"), ("labels", "Labels"), ("attribution", "Attribution"),
             ("articles", "Articles"), ("checks", "Checks")]
    items = "".join(tag("li", tag("a", esc(t), href=f"#{i}")) for i, t in links)
    return tag("nav", tag("ul", items, class_="fc-legend"), aria_label="Sections")


class ReportHTML(str):
    """The HTML of a report: a ``str`` whose ``repr`` is one line, not the whole document.

    A notebook cell ending in ``fc.report(scores, "report.html")`` then shows
    where the report went instead of a megabyte of markup; ``str(r)`` and every
    string operation give the full HTML.
    """

    path: Path | None = None

    def __repr__(self) -> str:
        where = f", written to {self.path}" if self.path is not None else ""
        return f"<framecmp report: {len(self) / 1e6:.1f} MB of HTML{where}>"


def report(
    scores: Scores,
    path: str | Path | None = None,
    *,
    title: str = "framecmp report",
    plots: bool = True,
    compare_kwargs: Mapping[str, Any] | None = None,
    validation: Mapping[str, str] | None = None,
    min_articles: int = 3,
    kinds: Sequence[str] | None = None,
    max_articles: int | None = 20,
) -> str:
    """One self-contained HTML report of a scored corpus.

    The file works offline (inline CSS, plots as embedded PNG, no scripts).
    Sections (by id), findings first: ``summary``, ``portrayal``, ``stance``, ``terms``,
    ``labels``, ``attribution``, ``articles``; then ``checks``, folded (a ``<details>``
    element, not printed unless opened) holding ``cleaning`` (the cleaning log) and
    ``limits`` (what the measures can and cannot show, validation, settings); plus
    ``caveat`` at the top when the corpus only allows illustrations of method (every outlet has
    fewer than ``min_articles`` articles, or the outlets cover different events).

    Parameters
    ----------
    scores : Scores
        The result of :func:`framecmp.score`.
    path : str or Path, optional
        Where to write the HTML file.
    title : str
        Title of the report.
    plots : bool
        Embed plots (from :mod:`framecmp.present.plot`).
    compare_kwargs : mapping, optional
        Extra keyword arguments for :func:`framecmp.stats.compare.compare` (defaults:
        ``by="outlet"``, ``min_articles`` as below).
    validation : mapping of str to str, optional
        Validation results per measure, shown in ``limits``. Default: the
        benchmark results of the bundled lexicons
        (:func:`framecmp.present.accuracy.validation_summary`); ``{}`` shows none.
    min_articles : int
        Below this many articles per outlet, comparisons are illustrations.
    kinds : list of str, optional
        Evidence kinds highlighted in the articles (default: all).
    max_articles : int or None, default 20
        Most articles highlighted in the ``articles`` section, taken in turn
        from each outlet; the others are listed by id, outlet and title. Each
        highlighted article adds about 100 KB, so ``None`` (every article)
        makes a large file for a large corpus. The other sections stay
        compact whatever the size of the corpus: long per-article tables
        (cleaning log, voices) show their first :data:`MAX_TABLE_ROWS` rows
        and say how many more there are.

    Returns
    -------
    ReportHTML
        The HTML document (a ``str``; its ``repr`` is one line, and
        ``.path`` is where it was written, if it was).
    """
    if max_articles is not None and (isinstance(max_articles, bool)
                                     or not isinstance(max_articles, numbers.Integral)
                                     or max_articles < 0):
        raise param_error("max_articles", "report", "a non-negative int or None", max_articles)
    kw = {"by": "outlet", "min_articles": min_articles, **(compare_kwargs or {})}
    shape = _corpus_shape(scores_frame(scores, "articles"), min_articles)
    header = tag("h1", esc(title)) + para(f"Generated by framecmp {__version__}.", cls="fc-meta")
    # findings first; the checks (cleaning log, limits, validation, settings) close the report,
    # folded: a reader opens them to check, and a printed report leaves them out
    body = "".join([
        header,
        _caveat_html(shape),
        _language_html(scores),
        _toc(),
        _summary_html(scores),
        _portrayal_html(scores, kw, plots),
        _stance_html(scores, kw, plots),
        _terms_html(scores, kw, plots),
        _labels_html(scores, kw, plots),
        _attribution_html(scores, kw, plots),
        _articles_html(scores, kinds, None if max_articles is None else int(max_articles)),
        _checks_html(_cleaning_html(scores), _limits_html(scores, validation)),
    ])
    doc = ReportHTML(html_document(title, body))
    if path is not None:
        Path(path).write_text(doc, encoding="utf-8")
        doc.path = Path(path)
    return doc
