"""Highlighted articles: evidence as coloured, nested spans with tooltips.

Each span says why it counts (kind, label, category, actor, holder, value, rule,
explanation) in its ``title`` and in a CSS tooltip shown on hover and on keyboard
focus. All article text is escaped (articles come from the open web).
:func:`highlight` shows one article (in Jupyter, or saved as a page);
:func:`article_html` is the fragment the report uses for each of its articles.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framecmp._validation import param_error, type_error
from framecmp.present import display
from framecmp.present.markup import (
    CSS,
    NON_ID_CHARS,
    article_id_of,
    article_label,
    esc,
    fmt,
    headline_of,
    html_document,
    html_id,
    none_if_missing,
    para,
    tag,
)
from framecmp.records import Evidence

if TYPE_CHECKING:  # pragma: no cover
    from framecmp.io.corpus import Article

__all__ = ["KINDS", "Highlight", "highlight", "article_html", "shown_value", "plain_why"]

#: Evidence kinds in display order: (name shown in the legend, what it marks).
KINDS: dict[str, tuple[str, str]] = {
    "actor": ("Actor", "a mention of an actor (country, group, person)"),
    "term": ("Loaded term", "a word from the loaded-terms lexicon"),
    "negated": ("Negated", "a loaded term or a stance cue after 'not', 'never' ...: shown, not counted"),
    "reference": ("Neutral label", "a plain name ('armed groups', 'killed'): in the label table, not counted as loaded"),
    "quote": ("Quote", "words the article puts in someone's mouth"),
    "source": ("Source", "who is said to have said it"),
    "cue": ("Reporting verb", "how it is reported: 'said' vs 'claimed'"),
    "hedge": ("Hedge", "distancing words: 'reportedly', 'so-called'"),
    "stance": ("Stance cue", "an evaluation directed at an actor"),
    "evaluation": ("Evaluated mention", "what the sentence says about this actor, with the words that moved it"),
    "victim": ("Victim", "the actor is harmed here: not counted as hostility toward it"),
    "context": ("Context tone", "the tone of the surroundings, not aimed at the actor"),
}


# --------------------------------------------------------------------------- shown values


def shown_value(column: str, value: Any, measure: str | None = None) -> Any:
    """A frame value as a teacher reads it: actor, category, voice and metric names.

    The frames keep their ids; only the rendered text changes.
    """
    if none_if_missing(value) is None:
        return value
    if column in ("holder", "affiliation") or (column == "item" and measure == "voices"):
        name = display.holder_name(value)
        return name[:1].upper() + name[1:]
    if column in ("referent", "actor", "target") or (column == "item" and measure in ("stance", "portrayal")):
        return display.actor_name(value)
    if column == "category" or (column == "item" and measure == "terms"):
        return display.category_name(value)
    if column == "item" and measure == "attribution":
        return display.metric_label(value)
    return value


# --------------------------------------------------------------------------- plain words

#: "mali (subject of the clause) -> russia: " -- the holder and target a stance or
#: evaluation explanation starts with (the tooltip and the key say them in words).
_WHO_PREFIX = re.compile(r"^[^:>]*? -> [^:]*?:\s*")
#: "(valence -0.60, actor at 'Kiev')" -- the end of a stance cue's explanation.
_VALENCE = re.compile(r"\s*\(valence [+-]?\d+(?:\.\d+)?(?:, actor at [^)]*)?\)\.?\s*$")
#: "Not counted: after the negation 'never'. russia -> ecowas: " -- a negated cue's prefix
_NEG_CUE = re.compile(r"^(Not counted: after the negation '[^']*'\. )[^:>]*? -> [^:]*?:\s*")
_NEG_VALENCE = re.compile(r"\s*\(valence [+-]?\d+(?:\.\d+)? if it were not negated\)\.?\s*$")
#: "colonial sovereignty (-0.75): " -- the category and connotation a term explanation starts with.
_TERM_PREFIX = re.compile(r"(^|\. )[A-Za-z_ -]+ \([+-]?\d+(?:\.\d+)?\):\s*")
#: "+0.75 (positive; words: 'its' +0.43, 'celebrated' +0.22)" -- a model's reading of a mention.
_MODEL = re.compile(r"^(?P<value>[+-]?\d+(?:\.\d+)?) \((?P<tone>\w+); words: (?P<words>.*?)\)(?P<rest>(?:;.*)?)$",
                    re.S)
#: "-0.60 (deed: russia 'scrap' 'drinking water': harms or lowers something valued; unfavourable
#: to russia (effect.undoes, value.environment))" -- a deed (framecmp.measures.stance.deeds).
_DEED = re.compile(r"^[+-]?\d+(?:\.\d+)? \(deed: \S+ (?P<words>(?:'[^']*' ?)+): (?P<what>.*?); "
                   r"(?P<how>favourable|unfavourable) to \S+ \([^)]*\)\)(?P<rest>(?:;.*)?)$", re.S)
_COORDINATED = re.compile(r"\s*\(with (?P<ids>[a-z_, ]+); one row per coordinated subject\)")
_WORD = re.compile(r"'(?P<w>[^']+)' (?P<v>[+-]\d+(?:\.\d+)?)")
#: actor ids inside explanations ("mentions burkina_faso (name)", "wagner suffers violence")
_ACTOR_ID = re.compile(r"(?P<pre>\b(?:mentions|mentioning|speaking for|word for|speech of|quotation of) |^)"
                       r"(?P<id>[a-z][a-z_]*)"
                       r"(?=(?: \(| suffers|[.,;:]|$))")


def plain_why(row: Mapping[Any, Any]) -> str:
    """An evidence row's explanation in words a reader knows: no rule ids, no lexicon
    versions, actor names instead of ids, and without the holder, target, category or
    value the surrounding text already gives.

    >>> plain_why({"kind": "stance", "explanation": "mali (subject of the clause) -> ukraine: "
    ...            "Relations with the actor are cut. (valence -0.60, actor at 'Kiev')"})
    'Relations with the actor are cut.'
    >>> plain_why({"kind": "evaluation", "explanation": "the outlet -> russia: -0.60 (deed: russia "
    ...            "'scrap' 'drinking water': harms or lowers something valued; unfavourable to russia "
    ...            "(effect.undoes, value.environment))"})
    'What the actor does here reads unfavourable: “scrap” “drinking water”, which harms or lowers something valued.'
    >>> plain_why({"kind": "evaluation", "explanation": "the outlet -> mali: +0.75 (positive; "
    ...            "words: 'its' +0.43, 'celebrated' +0.22)"})
    'What the sentence says about this mention reads favourable; the words that weigh most: “its” (+), “celebrated” (+).'
    """
    why = str(none_if_missing(row.get("explanation")) or "").strip()
    if not why:
        return ""
    kind = str(row.get("kind") or "")
    if kind in ("stance", "evaluation"):
        why = _VALENCE.sub("", _WHO_PREFIX.sub("", why, count=1))
        d = _DEED.match(why)
        if d:
            said = " ".join(f"“{w}”" for w in re.findall(r"'([^']*)'", d["words"]))
            rest = d["rest"].strip(" ;")
            why = (f"What the actor does here reads {d['how']}: {said}, which {d['what']}."
                   + (f" {rest[:1].upper()}{rest[1:]}" if rest else ""))
        m = None if d else _MODEL.match(why)
        if m:
            tone = {"positive": "favourable", "negative": "unfavourable"}.get(m["tone"], m["tone"])
            words = list(dict.fromkeys(
                f"“{w['w']}” ({'+' if w['v'].startswith('+') else '−'})"
                for w in _WORD.finditer(m["words"])))[:3]
            rest = m["rest"].strip(" ;")
            why = (f"What the sentence says about this mention reads {tone}"
                   + (f"; the words that weigh most: {', '.join(words)}" if words else "") + "."
                   + (f" {rest[:1].upper()}{rest[1:]}" if rest else ""))
    elif kind == "negated" and str(row.get("category") or "") == "cue":
        # "Not counted: after the negation 'never'. russia -> ecowas: The actor is praised ...
        # (valence +0.70 if it were not negated)"
        why = _NEG_CUE.sub(r"\1", why, count=1)
        why = _NEG_VALENCE.sub("", why)
    elif kind in ("term", "negated"):
        why = _TERM_PREFIX.sub(lambda m: m.group(1), why, count=1)
    why = _ACTOR_ID.sub(lambda m: m["pre"] + display.actor_name(m["id"])
                        if m["pre"] or kind == "victim" else m.group(0), why)
    # "(with mali, niger; one row per coordinated subject)"
    why = _COORDINATED.sub(lambda m: " (with " + " and ".join(
        display.actor_name(a.strip()) for a in m["ids"].split(",")) + ", each counted once)", why)
    why = why.replace("the outlet's choice of word for", "the outlet's word for")
    why = why.replace("VADER compound", "general tone")
    return why[:1].upper() + why[1:]


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class _Span:
    """A range of text with every evidence row that covers exactly that range."""

    start: int
    end: int
    rows: tuple[Mapping[str, Any], ...]
    ident: int
    cont: bool = False

    def clip(self, start: int, end: int) -> _Span:
        """The part of this span inside ``[start, end)``, marked as a continuation."""
        return _Span(max(start, self.start), min(end, self.end), self.rows, self.ident,
                     self.cont or start > self.start)


def _evidence_rows(
    evidence: pd.DataFrame | Iterable[Evidence] | None,
    article_id: Any,
    kinds: Sequence[str] | None,
    func: str = "highlight",
) -> list[dict[str, Any]]:
    """Evidence of one article as plain dicts (missing values as None)."""
    if evidence is None:
        return []
    if isinstance(evidence, pd.DataFrame):
        frame = evidence
        if article_id is not None and "article_id" in frame.columns:
            frame = frame[frame["article_id"].astype(str) == str(article_id)]
        records: Sequence[Mapping[Any, Any]] = frame.to_dict("records")
    else:
        records = [e.as_row("", "") if isinstance(e, Evidence) else dict(e) for e in evidence]
    rows = [{str(k): none_if_missing(v) for k, v in r.items()} for r in records]
    if kinds is not None:
        if isinstance(kinds, str):
            raise param_error("kinds", func, "a list of kinds, not a single string", kinds,
                              hint=f"Use [{kinds!r}].")
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise param_error("kinds", func, f"a list of kinds among {list(KINDS)}", kinds,
                              got=repr(unknown))
        rows = [r for r in rows if r.get("kind") in kinds]
    return rows


def _spans(rows: Sequence[Mapping[str, Any]], n: int) -> list[_Span]:
    """Group rows by exact range; drop ranges outside ``[0, n)`` with a warning."""
    groups: dict[tuple[int, int], list[Mapping[str, Any]]] = {}
    bad = 0
    for r in rows:
        try:
            s, e = int(r["start"]), int(r["end"])
        except (KeyError, TypeError, ValueError):
            bad += 1
            continue
        if not 0 <= s < e <= n:
            bad += 1
            continue
        groups.setdefault((s, e), []).append(r)
    if bad:
        warnings.warn(f"{bad} evidence span(s) lie outside the article text and are not shown.",
                      stacklevel=3)
    order = {k: i for i, k in enumerate(KINDS)}
    spans = []
    for i, ((s, e), group) in enumerate(sorted(groups.items())):
        group.sort(key=lambda r: order.get(str(r.get("kind")), len(order)))
        spans.append(_Span(s, e, tuple(group), i))
    return spans


def _tip_lines(row: Mapping[str, Any]) -> list[str]:
    """What one evidence row says about its span, one fact a line."""
    kind = str(row.get("kind") or "")
    name = KINDS.get(kind, (kind or "Evidence", ""))[0]
    label = row.get("label")
    lines = [f"{name}: {label}" if label else name]
    for key, caption in (("category", "category"), ("actor", "actor"), ("holder", "holder")):
        # the category of a model's reading or a cue ("vader", "linear", "cue") names the
        # machinery, not the words: left to scores.evidence
        if key == "category" and kind in ("context", "evaluation", "stance", "victim"):
            continue
        if row.get(key) is not None and row.get(key) != "":
            lines.append(f"{caption}: {shown_value(key, row[key])}")
    # a cue's value is only a flag (1: loaded), already said by its category; shown as
    # "+1.00" beside term connotations it would read as a favourable score
    if row.get("value") is not None and kind != "cue":
        lines.append(f"value: {fmt(row['value'], signed=True)}")
    # rule ids and lexicon versions stay in scores.evidence: a reader gets the reason in words
    why = plain_why(row)
    if why:
        lines.append(f"why: {why}")
    return lines


def _tip_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """The tooltip of a span: every row covering it, separated by a blank line."""
    return "\n\n".join("\n".join(_tip_lines(r)) for r in rows)


def _open_span(span: _Span, prefix: str) -> str:
    """The opening tag of an evidence span, with its tooltip."""
    kinds = list(dict.fromkeys(str(r.get("kind")) for r in span.rows))
    classes = ["fc-ev", *(f"fc-k-{NON_ID_CHARS.sub('', k)}" for k in kinds)]
    values = [r["value"] for r in span.rows
              if r.get("kind") in ("stance", "evaluation") and none_if_missing(r.get("value")) is not None]
    if values:
        total = sum(float(v) for v in values)
        classes.append("fc-neg" if total < 0 else "fc-pos" if total > 0 else "fc-zero")
    if span.cont:
        classes.append("fc-cont")
    tip = _tip_text(span.rows)
    return (
        f'<span class="{" ".join(classes)}" tabindex="0" data-kinds="{esc(" ".join(kinds))}" '
        f'title="{esc(tip)}" data-tip="{esc(tip)}" '
        f'aria-describedby="{prefix}-tip-{span.ident}">'
    )


def _nest(text: str, lo: int, hi: int, spans: list[_Span], prefix: str) -> str:
    """Escaped ``text[lo:hi]`` with ``spans`` (inside it) as properly nested elements.

    A span that crosses the end of an enclosing span is split there, and its
    second piece is handled after the enclosing span closes.
    """
    out: list[str] = []
    pos = lo
    todo = sorted(spans, key=lambda s: (s.start, -s.end, s.ident))
    while todo:
        outer, rest = todo[0], todo[1:]
        inner: list[_Span] = []
        later: list[_Span] = []
        for s in rest:
            if s.start >= outer.end:
                later.append(s)
            elif s.end <= outer.end:
                inner.append(s)
            else:
                inner.append(s.clip(s.start, outer.end))
                later.append(s.clip(outer.end, s.end))
        out.append(esc(text[pos:outer.start]))
        out.append(_open_span(outer, prefix))
        out.append(_nest(text, outer.start, outer.end, inner, prefix))
        out.append("</span>")
        pos = outer.end
        todo = sorted(later, key=lambda s: (s.start, -s.end, s.ident))
    out.append(esc(text[pos:hi]))
    return "".join(out)


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of the text (paragraphs), as offset ranges."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _text_html(text: str, spans: Sequence[_Span], prefix: str,
               skip: tuple[int, int] | None = None) -> str:
    """The article text as ``<p>`` elements with nested evidence spans (but the headline
    ``skip``, shown as the heading)."""
    paras = []
    for ps, pe in _paragraph_ranges(text):
        if skip is not None and ps < skip[1] and skip[0] < pe:
            continue
        inside = [s.clip(ps, pe) for s in spans if s.start < pe and s.end > ps]
        paras.append(tag("p", _nest(text, ps, pe, inside, prefix)))
    return tag("div", "".join(paras), class_="fc-text")


def _legend(rows: Sequence[Mapping[str, Any]]) -> str:
    """A legend of the kinds present, with their counts and a sample swatch."""
    counts = Counter(str(r.get("kind")) for r in rows)
    items = []
    for kind, (name, what) in KINDS.items():
        if counts.get(kind):
            swatch = tag("span", esc(name), class_=f"fc-swatch fc-k-{kind}")
            items.append(tag("li", f"{swatch} {esc(what)} ({counts[kind]})"))
    for kind in sorted(set(counts) - set(KINDS)):
        items.append(tag("li", f"{esc(kind)} ({counts[kind]})"))
    if not items:
        return para("No evidence was found in this article.", cls="fc-meta")
    return tag("ul", "".join(items), class_="fc-legend", aria_label="Legend")


def _article_meta(article: Any) -> str:
    """Outlet, date, event, language and translation notes of one article."""
    bits = []
    for attr, caption in (("outlet", "Outlet"), ("date", "Date"), ("event", "Event"),
                          ("language", "Language")):
        value = none_if_missing(getattr(article, attr, None))
        if value is not None and value != "":
            if attr == "language":
                value = display.language_name(value)
            bits.append(f"{caption}: {value}")
    translated = none_if_missing(getattr(article, "translated_from", None))
    if translated:
        bits.append(f"Translated from {display.language_name(translated)}: translated verbs can read louder "
                    "than the original")
    status = none_if_missing(getattr(article, "status", None))
    if status and str(status) != "ok":
        bits.append(f"Status: {status}")
    aid = article_id_of(article)
    if aid is not None:  # to find the article in the frames (scores.evidence, ...)
        bits.append(f"Id: {aid}")
    return para(" · ".join(bits), cls="fc-meta") if bits else ""


def article_html(
    article: Article,
    evidence: pd.DataFrame | Iterable[Evidence] | None,
    *,
    kinds: Sequence[str] | None = None,
    anchor: str | None = None,
    heading_level: int = 3,
) -> str:
    """One highlighted article as an HTML fragment (without the stylesheet).

    Parameters
    ----------
    article : Article
        Needs ``.text`` (cleaned); ``.title``, ``.outlet``, ``.date``, ``.event``,
        ``.language``, ``.translated_from``, ``.status`` are shown when present.
    evidence : DataFrame or iterable of Evidence
        Evidence rows; a frame with several articles is filtered by ``article_id``.
    kinds : list of str, optional
        Evidence kinds to show (default: all).
    anchor : str, optional
        HTML id of the fragment; also prefixes the tooltip ids, which must be
        unique in a page.
    heading_level : int
        Level of the article title heading.

    Returns
    -------
    str
        An ``<article>`` element.
    """
    return _article_parts(article, evidence, kinds=kinds, anchor=anchor,
                          heading_level=heading_level, func="article_html")[0]


def _article_parts(
    article: Any,
    evidence: pd.DataFrame | Iterable[Evidence] | None,
    *,
    kinds: Sequence[str] | None,
    anchor: str | None,
    heading_level: int,
    func: str = "highlight",
) -> tuple[str, list[_Span]]:
    """The ``<article>`` element of :func:`article_html`, and the spans it shows."""
    text = getattr(article, "text", None)
    if not isinstance(text, str):
        raise type_error("article", func, "an article with a str 'text' attribute", article)
    aid = article_id_of(article)
    anchor = anchor or html_id(aid if aid is not None else id(article))
    rows = _evidence_rows(evidence, aid, kinds, func)
    spans = _spans(rows, len(text))
    tips = "".join(
        tag("span", esc(_tip_text(s.rows)), id=f"{anchor}-tip-{s.ident}") for s in spans
    )
    level = min(max(heading_level, 1), 6)
    # the headline by the rule the worksheet uses: the first line of the text (with its
    # evidence) when it is the title or looks like one, else the title, else outlet and date
    head = headline_of(article)
    title = none_if_missing(getattr(article, "title", None))
    if head is not None:
        inside = [s.clip(*head) for s in spans if s.start < head[1] and s.end > head[0]]
        heading = _nest(text, head[0], head[1], inside, anchor)
    else:
        heading = esc(title) if title else esc(f"{article_label(article)} (no headline)")
    body = (
        tag(f"h{level}", heading)
        + _article_meta(article)
        + _legend([r for s in spans for r in s.rows])
        + _text_html(text, spans, anchor, skip=head)
        + tag("div", tips, class_="fc-tips", hidden=True)
    )
    return tag("article", body, class_="fc-article", id=anchor), spans


@dataclass(frozen=True, slots=True, repr=False)
class Highlight:
    """A highlighted article: shows inline in Jupyter, or saves as a page.

    Attributes
    ----------
    html : str
        A self-contained HTML fragment (stylesheet included).
    title : str
        The article title.
    article_id : str or None
        The article id, when the article has one.
    n_spans : int
        Highlighted spans (distinct text ranges).
    kind_counts : tuple of (kind, count)
        Evidence rows shown, per kind, in :data:`KINDS` order.

    In Jupyter it renders as HTML; elsewhere (and as the plain-text copy a
    notebook saves) it is one short line, e.g.
    ``Highlight(seed-000, 213 spans: 42 actor, 28 term, ...)``.
    """

    html: str
    title: str
    article_id: str | None = None
    n_spans: int = 0
    kind_counts: tuple[tuple[str, int], ...] = ()

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        name = self.article_id if self.article_id is not None else repr(self.title)
        counts = ", ".join(f"{n} {k}" for k, n in self.kind_counts)
        spans = f"{self.n_spans} span{'s' if self.n_spans != 1 else ''}"
        return f"Highlight({name}, {spans}{': ' + counts if counts else ''})"

    def __str__(self) -> str:
        return self.html

    @property
    def document(self) -> str:
        """A complete HTML page."""
        return html_document(self.title, self.html)

    def save(self, path: str | Path) -> Path:
        """Write the article as a complete HTML page; return the path."""
        target = Path(path)
        target.write_text(self.document, encoding="utf-8")
        return target


def highlight(
    article: Article,
    evidence: pd.DataFrame | Iterable[Evidence] | None,
    *,
    kinds: Sequence[str] | None = None,
) -> Highlight:
    """Show one article with its evidence as coloured spans and tooltips.

    Each span says why it counts (kind, label, category, actor, holder, value,
    rule, explanation) in its ``title`` and in a CSS tooltip shown on hover
    and on keyboard focus. Overlapping spans nest; a span that serves several
    measures carries them all. The article text is escaped.

    Parameters
    ----------
    article : Article
        The article (``.text`` is the cleaned text the evidence offsets index).
    evidence : DataFrame or iterable of Evidence
        The ``evidence`` frame of :class:`Scores` (filtered to the article by
        ``article_id``), or Evidence records of this article.
    kinds : list of str, optional
        Kinds to show, among ``actor``, ``term``, ``negated``, ``reference``, ``quote``, ``source``, ``cue``,
        ``hedge``, ``stance``, ``context``. Default: all.

    Returns
    -------
    Highlight
        Renders inline in Jupyter; ``.html`` and ``.save(path)``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from framecmp.records import Evidence
    >>> art = SimpleNamespace(article_id="x", title="T", text="The junta said <no>.")
    >>> h = highlight(art, [Evidence("term", 4, 9, "junta", label="junta")])
    >>> "&lt;no&gt;" in h.html and 'class="fc-ev fc-k-term"' in h.html
    True
    """
    fragment, spans = _article_parts(article, evidence, kinds=kinds, anchor=None,
                                     heading_level=3)
    aid = article_id_of(article)
    title = str(none_if_missing(getattr(article, "title", None)) or aid or "Article")
    counts = Counter(str(r.get("kind")) for s in spans for r in s.rows)
    order = [k for k in KINDS if counts.get(k)] + sorted(set(counts) - set(KINDS))
    return Highlight(html=tag("style", CSS) + tag("div", fragment, class_="fc-root"),
                     title=title, article_id=None if aid is None else str(aid),
                     n_spans=len(spans), kind_counts=tuple((k, counts[k]) for k in order))
