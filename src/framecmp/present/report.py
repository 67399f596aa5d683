"""Highlighted articles and one self-contained HTML report.

Everything here turns evidence into HTML a student can read and a researcher
can check: each coloured span carries a tooltip saying why it counts, and every
number in the report comes with a plain-language reading of what it can and
cannot show. All article text is escaped (articles come from the open web).

The report is one file that works offline: inline CSS, plots embedded as
base64 PNG, no scripts, no fonts or stylesheets from the network.
"""

from __future__ import annotations

import base64
import importlib
import io
import math
import numbers
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from framecmp.present import display as _display
from framecmp.records import Evidence

__all__ = ["Highlight", "highlight", "article_html", "report", "CSS", "KINDS"]

# --------------------------------------------------------------------------- constants

#: Evidence kinds in display order: (name shown in the legend, what it marks).
KINDS: dict[str, tuple[str, str]] = {
    "actor": ("Actor", "a mention of an actor (country, group, person)"),
    "term": ("Loaded term", "a word from the loaded-terms lexicon"),
    "negated": ("Negated term", "a loaded term after 'not', 'never' ...: shown, not counted"),
    "reference": ("Neutral label", "a plain name ('armed groups', 'killed'): in the label table, not counted as loaded"),
    "quote": ("Quote", "words the article puts in someone's mouth"),
    "source": ("Source", "who is said to have said it"),
    "cue": ("Reporting verb", "how it is reported: 'said' vs 'claimed'"),
    "hedge": ("Hedge", "distancing words: 'reportedly', 'so-called'"),
    "stance": ("Stance cue", "an evaluation directed at an actor"),
    "context": ("Context tone", "the tone of the surroundings, not aimed at the actor"),
}

#: The stylesheet shared by highlighted articles, the report and worksheets.
#: Each kind uses its own visual channel (background, underline, border), so
#: nested spans stay readable: a term inside a quote shows both.
CSS = """
.fc-root { font-family: Georgia, 'Times New Roman', serif; line-height: 1.6; color: #1b1b1b;
  max-width: 60em; }
.fc-root h1, .fc-root h2, .fc-root h3, .fc-root h4 { font-family: system-ui, Arial, sans-serif;
  line-height: 1.25; }
.fc-root table { border-collapse: collapse; margin: 0.5em 0 1em; font-family: system-ui, Arial,
  sans-serif; font-size: 0.9em; }
.fc-root th, .fc-root td { border: 1px solid #c8c8c8; padding: 0.25em 0.5em; text-align: left;
  vertical-align: top; }
.fc-root th { background: #f1f1f1; }
.fc-root td.fc-num { text-align: right; font-variant-numeric: tabular-nums; }
.fc-root caption { text-align: left; font-weight: bold; padding-bottom: 0.25em;
  white-space: nowrap; }
.fc-meta { font-family: system-ui, Arial, sans-serif; font-size: 0.85em; color: #4a4a4a; }
.fc-note { background: #f6f6f6; border-left: 4px solid #8a8a8a; padding: 0.4em 0.8em; }
ul.fc-note, ul.fc-meta { padding-left: 2em; }
.fc-caveat { background: #fff4d6; border: 2px solid #b07d00; padding: 0.6em 1em;
  font-family: system-ui, Arial, sans-serif; font-size: 1.05em; }
.fc-reading { background: #eef5ff; border-left: 4px solid #3a6fb0; padding: 0.4em 0.8em; }
.fc-flag { color: #8a4b00; font-style: italic; }
.fc-plot { max-width: 100%; height: auto; border: 1px solid #ddd; }
.fc-article { border-top: 1px solid #ccc; padding-top: 0.5em; margin-top: 1.5em; }
.fc-text p { margin: 0 0 0.8em; }
.fc-legend { font-family: system-ui, Arial, sans-serif; font-size: 0.85em; margin: 0.4em 0;
  padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.3em 1em; }
.fc-legend li { margin: 0; }
.fc-ev { position: relative; cursor: help; }
.fc-ev:focus { outline: 2px solid #1a56db; outline-offset: 1px; }
.fc-ev::after { content: attr(data-tip); display: none; position: absolute; left: 0;
  top: 100%; z-index: 20; width: max-content; max-width: 26em; white-space: pre-line;
  background: #222; color: #fff; font: 0.8rem/1.35 system-ui, Arial, sans-serif;
  font-weight: normal; font-style: normal; text-decoration: none; padding: 0.4em 0.6em;
  border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,0.3); pointer-events: none; }
.fc-ev:focus::after { display: block; }
.fc-ev:hover:not(:has(.fc-ev:hover))::after { display: block; }
.fc-k-actor { font-weight: bold; text-decoration: underline #1f4e9c; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }
.fc-k-term { background: #ffd873; }
.fc-k-negated { background: #fff1c7; text-decoration: line-through #8a6d00; }
.fc-k-reference { background: #f1ece0; }
.fc-k-quote { background: #dcebff; }
.fc-k-source { background: #cdeecd; }
.fc-k-cue { background: #e6d9f7; }
.fc-k-hedge { font-style: italic; text-decoration: underline dotted #c25700;
  text-decoration-thickness: 2px; text-underline-offset: 3px; }
.fc-k-stance { border-bottom: 3px solid #777; }
.fc-k-stance.fc-neg { border-bottom-color: #c0392b; }
.fc-k-stance.fc-pos { border-bottom-color: #1e8449; }
.fc-k-context { border-bottom: 2px dashed #9a9a9a; }
.fc-tips { display: none; }
.fc-swatch { padding: 0 0.3em; }
"""

_NUMERIC_RE = re.compile(r"[^A-Za-z0-9_-]+")

#: Most rows of a long per-article table (cleaning log, voices) a report shows.
MAX_TABLE_ROWS = 200
#: Most rows of a summary table shown before the rest is pooled or folded away.
_TOP_ROWS = 20
#: Most event columns of the outlet x event table; more events give a shorter summary.
_MAX_EVENT_COLUMNS = 12


class _Raw(str):
    """HTML that is already escaped (a marker type for table cells)."""

    __slots__ = ()


# --------------------------------------------------------------------------- small helpers


def _esc(value: Any) -> str:
    """Escape any value for HTML text or attribute use (None and NaN become '')."""
    v = _clean(value)
    return "" if v is None else escape(str(v), quote=True)


def _clean(value: Any) -> Any:
    """None for missing values (None, NaN, NA), the value otherwise."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def _fmt(value: Any, digits: int = 2, *, signed: bool = False) -> str:
    """Format a number for display (rounding happens only here)."""
    v = _clean(value)
    if v is None:
        return "–"
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        x = float(v)
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        return f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"
    return str(v)


def _anchor(value: Any) -> str:
    """An HTML id made from any article id."""
    return "a-" + (_NUMERIC_RE.sub("-", str(value)).strip("-") or "x")


def _tag(name: str, content: str, **attrs: Any) -> str:
    """``<name attrs>content</name>``; ``content`` must already be HTML."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{_esc(value)}"')
    return f"<{' '.join(parts)}>{content}</{name}>"


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    numeric: Sequence[int] = (),
) -> str:
    """An HTML table; cells are escaped unless they are :class:`_Raw`."""
    head = "".join(_tag("th", _esc(h), scope="col") for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            content = cell if isinstance(cell, _Raw) else _esc(cell)
            cells.append(_tag("td", content, class_="fc-num" if i in numeric else None))
        body.append(_tag("tr", "".join(cells)))
    cap = _tag("caption", _esc(caption)) if caption else ""
    return _tag("table", cap + _tag("thead", _tag("tr", head)) + _tag("tbody", "".join(body)))


def _para(text: str, *, cls: str | None = None) -> str:
    """A paragraph of escaped plain text."""
    return _tag("p", _esc(text), class_=cls)


def _document(title: str, body: str) -> str:
    """A complete HTML document with the stylesheet inline."""
    head = (
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + _tag("title", _esc(title))
        + _tag("style", CSS)
    )
    return "<!DOCTYPE html>\n" + _tag(
        "html", _tag("head", head) + _tag("body", _tag("main", body, class_="fc-root")), lang="en"
    )


def _frame(scores: Any, name: str) -> pd.DataFrame:
    """``scores.<name>`` as a DataFrame (empty if the attribute is missing)."""
    value = getattr(scores, name, None)
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()


def _article_id(article: Any) -> Any:
    """The id of an article object, whatever the attribute is called."""
    for attr in ("article_id", "id"):
        value = getattr(article, attr, None)
        if value is not None:
            return value
    return None


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
    rows = [{str(k): _clean(v) for k, v in r.items()} for r in records]
    if kinds is not None:
        if isinstance(kinds, str):
            raise TypeError(
                "The 'kinds' parameter of highlight() must be a list of kinds, "
                f"not a single string. Got {kinds!r}; use [{kinds!r}]."
            )
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise ValueError(
                f"The 'kinds' parameter of highlight() must contain only {list(KINDS)}. "
                f"Got {unknown} instead."
            )
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
        if row.get(key) is not None and row.get(key) != "":
            lines.append(f"{caption}: {_shown(key, row[key])}")
    # a cue's value is only a flag (1: loaded), already said by its category; shown as
    # "+1.00" beside term connotations it would read as a favourable score
    if row.get("value") is not None and kind != "cue":
        lines.append(f"value: {_fmt(row['value'], signed=True)}")
    if row.get("rule_id"):
        version = f" (lexicon {row['lexicon_version']})" if row.get("lexicon_version") else ""
        lines.append(f"rule: {row['rule_id']}{version}")
    if row.get("explanation"):
        lines.append(f"why: {row['explanation']}")
    return lines


def _tip_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """The tooltip of a span: every row covering it, separated by a blank line."""
    return "\n\n".join("\n".join(_tip_lines(r)) for r in rows)


def _open_span(span: _Span, prefix: str) -> str:
    """The opening tag of an evidence span, with its tooltip."""
    kinds = list(dict.fromkeys(str(r.get("kind")) for r in span.rows))
    classes = ["fc-ev", *(f"fc-k-{_NUMERIC_RE.sub('', k)}" for k in kinds)]
    values = [r["value"] for r in span.rows if r.get("kind") == "stance" and r.get("value") is not None]
    if values:
        total = sum(float(v) for v in values)
        classes.append("fc-neg" if total < 0 else "fc-pos" if total > 0 else "fc-zero")
    if span.cont:
        classes.append("fc-cont")
    tip = _tip_text(span.rows)
    return (
        f'<span class="{" ".join(classes)}" tabindex="0" data-kinds="{_esc(" ".join(kinds))}" '
        f'title="{_esc(tip)}" data-tip="{_esc(tip)}" '
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
        out.append(escape(text[pos:outer.start]))
        out.append(_open_span(outer, prefix))
        out.append(_nest(text, outer.start, outer.end, inner, prefix))
        out.append("</span>")
        pos = outer.end
        todo = sorted(later, key=lambda s: (s.start, -s.end, s.ident))
    out.append(escape(text[pos:hi]))
    return "".join(out)


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of the text (paragraphs), as offset ranges."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _text_html(text: str, spans: Sequence[_Span], prefix: str) -> str:
    """The article text as ``<p>`` elements with nested evidence spans."""
    paras = []
    for ps, pe in _paragraph_ranges(text):
        inside = [s.clip(ps, pe) for s in spans if s.start < pe and s.end > ps]
        paras.append(_tag("p", _nest(text, ps, pe, inside, prefix)))
    return _tag("div", "".join(paras), class_="fc-text")


def _legend(rows: Sequence[Mapping[str, Any]]) -> str:
    """A legend of the kinds present, with their counts and a sample swatch."""
    counts = Counter(str(r.get("kind")) for r in rows)
    items = []
    for kind, (name, what) in KINDS.items():
        if counts.get(kind):
            swatch = _tag("span", _esc(name), class_=f"fc-swatch fc-k-{kind}")
            items.append(_tag("li", f"{swatch} {_esc(what)} ({counts[kind]})"))
    for kind in sorted(set(counts) - set(KINDS)):
        items.append(_tag("li", f"{_esc(kind)} ({counts[kind]})"))
    if not items:
        return _para("No evidence was found in this article.", cls="fc-meta")
    return _tag("ul", "".join(items), class_="fc-legend", aria_label="Legend")


def _article_meta(article: Any) -> str:
    """Outlet, date, event, language and translation notes of one article."""
    bits = []
    for attr, caption in (("outlet", "Outlet"), ("date", "Date"), ("event", "Event"),
                          ("language", "Language")):
        value = _clean(getattr(article, attr, None))
        if value is not None and value != "":
            if attr == "language":
                value = _display.language_name(value)
            bits.append(f"{caption}: {value}")
    translated = _clean(getattr(article, "translated_from", None))
    if translated:
        bits.append(f"Translated from {_display.language_name(translated)}: translated verbs can read louder "
                    "than the original")
    status = _clean(getattr(article, "status", None))
    if status and str(status) != "ok":
        bits.append(f"Status: {status}")
    return _para(" · ".join(bits), cls="fc-meta") if bits else ""


def article_html(
    article: Any,
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
                          heading_level=heading_level)[0]


def _article_parts(
    article: Any,
    evidence: pd.DataFrame | Iterable[Evidence] | None,
    *,
    kinds: Sequence[str] | None,
    anchor: str | None,
    heading_level: int,
) -> tuple[str, list[_Span]]:
    """The ``<article>`` element of :func:`article_html`, and the spans it shows."""
    text = getattr(article, "text", None)
    if not isinstance(text, str):
        raise TypeError(
            f"highlight() needs an article with a str 'text' attribute. Got {type(article).__name__}."
        )
    aid = _article_id(article)
    anchor = anchor or _anchor(aid if aid is not None else id(article))
    rows = _evidence_rows(evidence, aid, kinds)
    spans = _spans(rows, len(text))
    title = _clean(getattr(article, "title", None)) or (
        f"{aid} (no headline)" if aid is not None else "Article")
    tips = "".join(
        _tag("span", _esc(_tip_text(s.rows)), id=f"{anchor}-tip-{s.ident}") for s in spans
    )
    level = min(max(heading_level, 1), 6)
    body = (
        _tag(f"h{level}", _esc(title))
        + _article_meta(article)
        + _legend([r for s in spans for r in s.rows])
        + _text_html(text, spans, anchor)
        + _tag("div", tips, class_="fc-tips", hidden=True)
    )
    return _tag("article", body, class_="fc-article", id=anchor), spans


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
        return _document(self.title, self.html)

    def save(self, path: str | Path) -> Path:
        """Write the article as a complete HTML page; return the path."""
        target = Path(path)
        target.write_text(self.document, encoding="utf-8")
        return target


def highlight(
    article: Any,
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
    aid = _article_id(article)
    title = str(_clean(getattr(article, "title", None)) or aid or "Article")
    counts = Counter(str(r.get("kind")) for s in spans for r in s.rows)
    order = [k for k in KINDS if counts.get(k)] + sorted(set(counts) - set(KINDS))
    return Highlight(html=_tag("style", CSS) + _tag("div", fragment, class_="fc-root"),
                     title=title, article_id=None if aid is None else str(aid),
                     n_spans=len(spans), kind_counts=tuple((k, counts[k]) for k in order))


# --------------------------------------------------------------------------- report: checks

#: What each measure can and cannot show (the ``limits`` section).
LIMITS: dict[str, tuple[str, str]] = {
    "stance": (
        "Which actors an article evaluates, and in whose voice: the outlet's own or a "
        "quoted source's, from cue words (accuse, praise, partner) directed at the actor.",
        "Irony, implication, what is left out, or whether an evaluation is fair. A few cue "
        "words decide an article's score, so one article is a small sample of an outlet.",
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

READINGS: dict[str, str] = {
    "stance": (
        "Stance runs from −1 (hostile) through 0 (neutral or no evaluation) to +1 "
        "(favourable). Each article's score is shrunk toward 0 when it has little "
        "evidence, so a score near 0 can mean 'balanced' or 'little said'."
    ),
    "terms": (
        "Loaded-term rates are hits per 1,000 words. A higher rate means more words from "
        "the lexicon, not necessarily a more biased article: quotations count too."
    ),
    "attribution": (
        "Attribution shares describe who speaks in the articles: the share of quoted words "
        "per affiliation, how many sources are anonymous, how many quotes are direct."
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
    items = "".join(_tag("li", _esc(r)) for r in shape.reasons)
    body = (
        _tag("p", _tag("strong", "These comparisons illustrate the method. They are not "
                                 "findings about the outlets."))
        + _tag("ul", items)
        + _para("Read the numbers below as a demonstration of what framecmp measures and "
                "how to check it, not as evidence that one outlet frames the story "
                "differently from another.")
    )
    return _tag("section", body, id="caveat", class_="fc-caveat", role="note")


# --------------------------------------------------------------------------- report: sections


def _section(ident: str, heading: str, body: str) -> str:
    """A report section with an id and a heading."""
    return _tag("section", _tag("h2", _esc(heading)) + body, id=ident)


def _summary_html(scores: Any) -> str:
    """Articles per outlet and event, statuses, words, languages and translations."""
    arts = _frame(scores, "articles")
    if arts.empty:
        return _section("summary", "Corpus summary", _para("The corpus is empty."))
    n_art, n_out = len(arts), int(arts["outlet"].nunique())
    parts = [_para(f"{n_art} article{'' if n_art == 1 else 's'} from {n_out} "
                   f"outlet{'' if n_out == 1 else 's'}.")]
    if "event" in arts.columns:
        ev = arts.assign(event=arts["event"].fillna("(no event)").astype(str))
        tab = pd.crosstab(ev["outlet"].astype(str), ev["event"])
        if len(tab.columns) <= _MAX_EVENT_COLUMNS:
            parts.append(_table(["Outlet", *tab.columns],
                                [[o, *r] for o, r in zip(tab.index, tab.values.tolist())],
                                caption="Articles per outlet and event",
                                numeric=range(1, len(tab.columns) + 1)))
        else:
            parts.append(_events_summary(ev, tab))
    ok = arts["status"].eq("ok") if "status" in arts.columns else pd.Series(True, index=arts.index)
    words = arts.assign(_ok=ok, _w=arts["n_words"].where(ok) if "n_words" in arts.columns else ok) \
        .groupby("outlet").agg(articles=("outlet", "size"), scored=("_ok", "sum"), words=("_w", "sum"))
    from framecmp.io.corpus import MISSING_OUTLET as missing_outlet
    parts.append(_table(["Outlet", "Articles", "Scored", "Words (scored)"],
                        [[f"{o} (no outlet given)" if o == missing_outlet else o, int(r.articles),
                          int(r.scored), _fmt(r.words, 0)] for o, r in words.iterrows()],
                        caption="Articles and words per outlet (articles not scored: see the status "
                                "table)", numeric=(1, 2, 3)))
    if "status" in arts.columns:
        counts = arts["status"].fillna("(none)").astype(str).value_counts()
        parts.append(_table(["Status", "Articles"], list(counts.items()),
                            caption="Scoring status (every input article is listed)",
                            numeric=(1,)))
    notes = []
    for _, row in arts.iterrows():
        lang, src = _clean(row.get("language")), _clean(row.get("translated_from"))
        if src:
            notes.append(f"{row['article_id']} ({row['outlet']}) reads as translated from "
                         f"{_display.language_name(src)}"
                         f"{f' into {_display.language_name(lang)}' if lang else ''}: a translated verb can read "
                         "louder than its source.")
    langs = arts["language"].dropna().unique().tolist() if "language" in arts.columns else []
    if len(langs) > 1:
        notes.append(f"The corpus mixes languages ({', '.join(map(_display.language_name, langs))}); lexicons "
                     "may cover them unevenly.")
    if notes:
        parts.append(_capped_list(notes, _TOP_ROWS, what="note(s)"))
    return _section("summary", "Corpus summary", "".join(parts))


def _capped_list(items: Sequence[str], limit: int, *, what: str) -> str:
    """A note list of at most ``limit`` items; the rest are counted, not shown."""
    shown = list(items[:limit])
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more {what} of the same kind.")
    return _tag("ul", "".join(_tag("li", _esc(n)) for n in shown), class_="fc-note")


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
    out = _table(["Outlet", "Articles", "Events", "Events shared with another outlet",
                  "Articles without event"], rows,
                 caption=f"Articles and events per outlet ({len(real)} events)",
                 numeric=(1, 2, 3, 4))
    top = sorted(real, key=lambda c: (-int(shared_by[c]), -int(tab[c].sum()), str(c)))
    top = [c for c in top if shared_by[c] >= 2][:_TOP_ROWS]
    if top:
        out += _table(["Event", "Outlets", "Articles"],
                      [[c, int(shared_by[c]), int(tab[c].sum())] for c in top],
                      caption=f"Events covered by the most outlets (top {len(top)} of "
                              f"{len(shared)} shared)", numeric=(1, 2))
    else:
        out += _para("No event is covered by two outlets.", cls="fc-meta")
    return out


def _cleaning_html(scores: Any) -> str:
    """What cleaning removed from each article, and why."""
    rem = _frame(scores, "removals")
    intro = _para("Before scoring, framecmp removes page furniture (menus, bylines, "
                  "timestamps glued into sentences). Every removal is listed here with its "
                  "reason, so you can check that no real text was lost.")
    if rem.empty:
        return _section("cleaning", "Cleaning log", intro + _para("Nothing was removed."))
    rem = rem.assign(n_chars=rem["raw_end"] - rem["raw_start"]) if {"raw_start", "raw_end"} <= set(rem.columns) \
        else rem.assign(n_chars=rem.get("text", pd.Series(dtype=str)).astype(str).str.len())
    by = rem.groupby(["article_id", "reason"], dropna=False).agg(n=("reason", "size"),
                                                                  chars=("n_chars", "sum"))
    per_reason = rem.groupby("reason", dropna=False).agg(
        n=("reason", "size"), articles=("article_id", "nunique"), chars=("n_chars", "sum"))
    summary = _table(["Reason", "Removals", "Articles", "Characters"],
                     [[r, int(v.n), int(v.articles), int(v.chars)]
                      for r, v in per_reason.sort_values("n", ascending=False).iterrows()],
                     caption=f"Removals per reason ({len(rem)} removals in "
                             f"{rem['article_id'].nunique()} article(s))", numeric=(1, 2, 3))
    top = by.sort_values(["chars", "n"], ascending=False, kind="stable").head(_TOP_ROWS)
    summary += _table(["Article", "Reason", "Removals", "Characters"],
                      [[a, r, int(v.n), int(v.chars)] for (a, r), v in top.iterrows()],
                      caption=("Removals per article and reason" if len(top) == len(by) else
                               f"Removals per article and reason: the {len(top)} largest of "
                               f"{len(by)}"), numeric=(2, 3))
    detail_rows = []
    for _, r in rem.head(MAX_TABLE_ROWS).iterrows():
        text = str(_clean(r.get("text")) or "")
        shown = text if len(text) <= 160 else text[:157] + "…"
        detail_rows.append([r.get("article_id"), r.get("reason"), r.get("rule_id"), shown])
    label = (f"All {len(rem)} removals" if len(rem) <= MAX_TABLE_ROWS else
             f"The first {MAX_TABLE_ROWS} of {len(rem)} removals")
    more = "" if len(rem) <= MAX_TABLE_ROWS else _para(
        f"{len(rem) - MAX_TABLE_ROWS} more removals are not listed here; the full log is "
        "scores.removals.", cls="fc-meta")
    detail = _tag("details", _tag("summary", _esc(label))
                  + _table(["Article", "Reason", "Rule", "Removed text"], detail_rows) + more)
    return _section("cleaning", "Cleaning log", intro + summary + detail)


def _flag_text(value: Any) -> str | None:
    """What a compare() ``flag`` cell says, or None when the row is not flagged."""
    v = _clean(value)
    if v is None or v is False:
        return None
    if isinstance(v, str):
        return None if v.strip().lower() in ("", "false", "ok", "none") else v
    return "too few articles" if v else None


def _is_flagged(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a compare() frame are flagged."""
    if "flag" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["flag"].map(lambda v: _flag_text(v) is not None).astype(bool)


#: Column headings of the item (and key) columns in compact tables, by measure.
ITEM_HEADERS: dict[str, str] = {
    "stance": "Actor", "terms": "Kind of word", "labels": "Label",
    "attribution": "What is measured", "voices": "Side quoted",
}
KEY_HEADERS: dict[str, str] = {"holder": "Whose voice", "referent": "Named thing"}


def _shown(column: str, value: Any, measure: str | None = None) -> Any:
    """A frame value as a teacher reads it: actor, category, voice and metric names.

    The frames keep their ids; only the rendered text changes.
    """
    if _clean(value) is None:
        return value
    if column in ("holder", "affiliation") or (column == "item" and measure == "voices"):
        name = _display.holder_name(value)
        return name[:1].upper() + name[1:]
    if column in ("referent", "actor", "target") or (column == "item" and measure == "stance"):
        return _display.actor_name(value)
    if column == "category" or (column == "item" and measure == "terms"):
        return _display.category_name(value)
    if column == "item" and measure == "attribution":
        return _display.metric_label(value)
    return value


def _key_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in ("holder", "referent") if c in frame.columns and frame[c].notna().any()]


def _compare_table(frame: pd.DataFrame, *, caption: str, note_column: bool = True,
                   measure: str | None = None) -> str:
    """A compare() frame as a table; flagged rows show why instead of an interval."""
    keys = _key_columns(frame)
    headers = ["Group", *[KEY_HEADERS.get(k, k.capitalize()) for k in keys],
               ITEM_HEADERS.get(measure or "", "Item"), "Articles", "Mean",
               "95% interval", "Rest mean", "Difference", "Cliff's delta", "p (adjusted)"]
    if note_column:
        headers.append("Note")
    rows = []
    for _, r in frame.iterrows():
        flag = _flag_text(r.get("flag"))
        if flag is not None:
            interval: Any = _Raw(_tag("span", _esc(flag), class_="fc-flag"))
        else:
            interval = f"{_fmt(r.get('ci_low'))} to {_fmt(r.get('ci_high'))}"
        row = [r.get("group"), *[_shown(k, r.get(k)) for k in keys],
               _shown("item", r.get("item"), measure),
               _fmt(r.get("n_articles"), 0), _fmt(r.get("mean")), interval,
               _fmt(r.get("rest_mean")), _fmt(r.get("effect_size"), signed=True),
               _fmt(r.get("cliffs_delta"), signed=True), _fmt(r.get("p_adjusted"), 3)]
        if note_column:
            row.append(r.get("note"))
        rows.append(row)
    k = len(keys)
    return _table(headers, rows, caption=caption,
                  numeric=tuple(i + k for i in (2, 3, 5, 6, 7, 8)))


def _pivot_table(frame: pd.DataFrame, *, caption: str, measure: str,
                 order: Sequence[str] | None = None) -> tuple[str, bool]:
    """A compact view of a compare() frame: one row per item, one column per outlet.

    Returns the table and whether every cell rests on the same number of articles
    (then the cells leave the number out).
    """
    keys = _key_columns(frame)
    groups = sorted(dict.fromkeys(str(g) for g in frame["group"]))
    ns = pd.to_numeric(frame.get("n_articles", pd.Series(dtype=float)), errors="coerce").dropna()
    same_n = ns.nunique() <= 1
    cells: dict[tuple[Any, ...], dict[str, str]] = {}
    for _, r in frame.iterrows():
        key = (*[_clean(r.get(k)) for k in keys], _clean(r.get("item")))
        n = _clean(r.get("n_articles"))
        text = _fmt(r.get("mean"), signed=measure == "stance")
        if not same_n and n is not None and text != "–":
            text += f" (n={int(n)})"
        cells.setdefault(key, {})[str(r.get("group"))] = text
    row_keys = list(cells)
    if order is not None:
        rank = {str(v): i for i, v in enumerate(order)}
        row_keys.sort(key=lambda k: rank.get(str(k[-1]), len(rank)))
    headers = [*[KEY_HEADERS.get(k, k.capitalize()) for k in keys],
               ITEM_HEADERS.get(measure, "Item"), *groups]
    cols = [*keys, "item"]
    rows = [[*[_shown(c, v, measure) for c, v in zip(cols, key)],
             *[cells[key].get(g, "–") for g in groups]] for key in row_keys]
    numeric = tuple(range(len(keys) + 1, len(headers)))
    return _table(headers, rows, caption=caption, numeric=numeric), same_n


def _row_notes(frame: pd.DataFrame, frame_notes: Sequence[str]) -> tuple[bool, list[str]]:
    """Whether the table needs a Note column; notes to show once under the table instead."""
    if "note" not in frame.columns:
        return False, []
    notes = [str(n) for n in frame["note"].map(_clean).dropna() if str(n).strip()]
    if not notes:
        return False, []
    distinct = list(dict.fromkeys(notes))
    if len(distinct) == 1:
        note = distinct[0]
        if note in frame_notes:
            return False, []
        count = len(notes)
        return False, [note if count == len(frame) else
                       f"{note} ({count} of {len(frame)} rows)"]
    return True, []


def _voice_phrase(holder: Any) -> str:
    """Whose evaluation a stance row is, in words: the outlet's own or a voice it reports."""
    key = _clean(holder)
    if key is None:
        return "an unstated voice"
    if key == "author":
        return "its own voice"
    if key in ("unknown", "other"):
        return f"{_display.holder_name(key)} it reports"
    return f"the voice of {_display.holder_name(key)} it reports"


def _stance_extremes(shown: pd.DataFrame) -> list[str]:
    """The highest and lowest stance means, each naming the outlet, the holder and the actor.

    A stance row is a holder's view of an actor *in* an outlet's article: the quoted Mali
    voice in Sputnik is Mali's view, not Sputnik's. The outlets' own voice is then
    summarised apart, since that is the row a reader takes for "the outlet's stance".
    """
    def one(r: pd.Series, *, own: bool = False) -> str:
        target = _shown("item", r.get("item"), "stance")
        if own:
            return f"{_fmt(r['mean'])} ({r.get('group')} → {target})"
        return f"{_fmt(r['mean'])} (in {r.get('group')}, {_voice_phrase(r.get('holder'))} → {target})"

    means = shown["mean"].astype(float).to_numpy()
    hi, lo = shown.iloc[int(means.argmax())], shown.iloc[int(means.argmin())]
    if len(shown) == 1:
        out = [f"The only stance row is {one(hi)}."]
    else:
        out = [f"The highest mean is {one(hi)}; the lowest is {one(lo)}."]
    if _clean(hi.get("holder")) != "author" or _clean(lo.get("holder")) != "author":
        out.append("A reported voice's row is that voice's view, not the outlet's.")
    own = shown[shown["holder"].map(_clean) == "author"]
    own = own[own["mean"] != 0] if "mean" in own.columns else own
    if own.empty:
        out.append("No outlet evaluates an actor in its own voice here: every non-zero "
                   "stance is a voice the articles report.")
    else:
        own_means = own["mean"].astype(float).to_numpy()
        ohi, olo = own.iloc[int(own_means.argmax())], own.iloc[int(own_means.argmin())]
        if own_means.argmax() == own_means.argmin():
            out.append(f"In the outlets' own voice there is one non-zero stance: {one(ohi, own=True)}.")
        else:
            out.append(f"In the outlets' own voice the highest is {one(ohi, own=True)} and the "
                       f"lowest is {one(olo, own=True)}.")
    return out


_CLIFF = ("Cliff's delta runs from −1 to +1: the share of pairs of articles (one of the group, "
          "one of the others) in which the group's value is higher, minus the share in which it "
          "is lower (below 0.15 in size is negligible). It compares ranks, so it can point the "
          "other way from the difference of means when one large value pulls a mean.")


def _compare_reading(frame: pd.DataFrame, measure: str) -> str:
    """Plain-language sentences about a compare() frame."""
    if frame.empty:
        return "There is nothing to compare for this measure in this corpus."
    flagged = frame["flag"].map(lambda v: _flag_text(v) is not None) if "flag" in frame.columns \
        else pd.Series(False, index=frame.index)
    has_mean = frame["mean"].notna() if "mean" in frame.columns else pd.Series(False, index=frame.index)
    usable = frame[~flagged & has_mean]
    sentences = [READINGS.get(measure, "")]
    shown = frame[has_mean]
    if not shown.empty and measure == "stance" and "holder" in shown.columns:
        sentences.extend(_stance_extremes(shown))
    elif not shown.empty and measure == "labels":
        pass  # shares of labels within each referent: the label table says more than two extremes
    elif len(shown) == 1 or shown["mean"].nunique() == 1:
        row = shown.iloc[0]
        sentences.append(
            f"The only mean here is {_fmt(row['mean'])} ({row.get('group')}, "
            f"{_shown('item', row.get('item'), measure)})." if len(shown) == 1 else
            f"Every mean here is {_fmt(row['mean'])}."
        )
    elif measure != "attribution":  # attribution mixes units
        hi = shown.loc[shown["mean"].idxmax()]
        lo = shown.loc[shown["mean"].idxmin()]
        sentences.append(
            f"The highest mean is {_fmt(hi['mean'])} ({hi.get('group')}, "
            f"{_shown('item', hi.get('item'), measure)}); "
            f"the lowest is {_fmt(lo['mean'])} ({lo.get('group')}, "
            f"{_shown('item', lo.get('item'), measure)})."
        )
    if usable.empty:
        sentences.append(
            "Every row here is flagged (too few articles for an interval or a test), so none "
            "of these differences can be read as a difference between outlets: they show "
            "what is measured, not who frames the story differently."
        )
    else:
        n_sig = int((usable["p_adjusted"] < 0.05).sum()) if "p_adjusted" in usable.columns else 0
        sentences.append(
            f"{len(usable)} row(s) have enough articles for an interval; {n_sig} of them differ "
            "from the other outlets with an adjusted p-value below 0.05. 'Difference' is the "
            "group mean minus the mean of the other outlets; " + _CLIFF + " Overlapping intervals "
            "mean the data cannot tell the groups apart."
        )
    sentences.append("These numbers count words and cues; they do not show intent or accuracy.")
    return " ".join(s for s in sentences if s)


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
    return f'<img class="fc-plot" alt="{_esc(alt)}" src="data:image/png;base64,{data}">'


def _plot_html(name: str, frame: pd.DataFrame, alt: str, *,
               figsize: tuple[float, float] | None = None, **kwargs: Any) -> str:
    """An embedded plot from :mod:`framecmp.present.plot`, or a note saying why there is none."""
    if frame.empty:
        return ""
    try:
        plot_module = importlib.import_module("framecmp.present.plot")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = _png(getattr(plot_module, name), frame, alt, figsize=figsize or (7, 4),
                       **kwargs)
        return _tag("figure", img)
    except Exception as exc:  # a failed plot must not lose the rest of the report
        warnings.warn(f"report(): plot {name} failed: {exc!r}", stacklevel=4)
        return _para(f"(Plot {name} could not be drawn: {exc})", cls="fc-meta")


@dataclass(frozen=True, slots=True)
class _Compared:
    """The result of compare() for one measure, or why there is none."""

    frame: pd.DataFrame | None
    notes: tuple[str, ...] = ()
    error: str | None = None


def _run_compare(scores: Any, measure: str, compare_kwargs: Mapping[str, Any]) -> _Compared:
    """compare() for one measure; warnings become notes, a failure becomes a message."""
    try:
        compare = importlib.import_module("framecmp.stats.compare").compare
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = compare(scores, measure=measure, **compare_kwargs)
    except Exception as exc:  # show what failed instead of losing the report
        warnings.warn(f"report(): compare(measure={measure!r}) failed: {exc!r}", stacklevel=4)
        return _Compared(None, error=f"This comparison could not be computed: {exc}")
    if not isinstance(frame, pd.DataFrame):
        return _Compared(None)
    notes = [str(n) for n in frame.attrs.get("notes", [])]
    notes += [_reader_note(str(w.message)) for w in caught]
    return _Compared(frame, tuple(dict.fromkeys(notes)))


def _reader_note(message: str) -> str:
    """A warning of compare() in words for the report's reader (no function calls)."""
    if message.endswith("no data to compare."):
        return "Nothing to compare: no scored article has this measure."
    return message


def _notes_list(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return _tag("ul", "".join(_tag("li", _esc(n)) for n in dict.fromkeys(notes)), class_="fc-meta")


def _all_flagged_sentence(frame: pd.DataFrame, min_articles: int | None, same_n: bool) -> str:
    """Why a compact table shows no intervals or p-values."""
    flags = [str(_flag_text(v)) for v in frame.get("flag", pd.Series(dtype=object))]
    n = pd.to_numeric(frame.get("n_articles", pd.Series(dtype=float)), errors="coerce")
    each = ""
    if same_n and n.notna().any():
        k = int(n.dropna().iloc[0])
        each = f" Each value is one outlet's mean over its {k} article{'s' if k != 1 else ''}."
    if min_articles is not None and flags and all(f.startswith("too few articles") for f in flags) \
            and n.notna().all() and (n < min_articles).all():
        return (f"No intervals or p-values are shown because every outlet has fewer than "
                f"{min_articles} articles.{each} The full table is below.")
    common = Counter(flags).most_common(1)[0][0] if flags else "flagged"
    return (f"No intervals or p-values are shown because every row is flagged "
            f"(most often: {common}).{each} The full table is below.")


def _comparison_body(
    compared: _Compared,
    measure: str,
    *,
    caption: str | None = None,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    order: Sequence[str] | None = None,
    min_articles: int | None = None,
    reading: bool = True,
) -> str:
    """Table(s), notes and reading for a compare() result (optionally a subset of its rows)."""
    if compared.error:
        return _para(compared.error, cls="fc-note")
    frame = compared.frame
    if frame is None:
        return ""
    if keep is not None:
        frame = keep(frame)
    caption = caption or (f"{measure.capitalize()} compared across outlets "
                          "(each outlet against all the others)")
    notes = list(compared.notes)
    flagged = _is_flagged(frame)
    if len(frame) and bool(flagged.all()):
        pivot, same_n = _pivot_table(frame, caption=caption, measure=measure, order=order)
        full = _compare_table(frame, caption="Full comparison table", measure=measure)
        dash = " A dash (–) means the outlet has no value for that row." \
            if "–" in pivot.replace("&ndash;", "–") else ""
        if measure == "stance" and "+0.00" in pivot:
            dash += (" +0.00 means the voice mentions the actor there, but no cue evaluates it "
                     "(or its cues cancel out): not a neutral verdict.")
        body = (pivot + _para(_all_flagged_sentence(frame, min_articles, same_n) + dash,
                              cls="fc-meta")
                + _tag("details", _tag("summary", _esc(f"Full table ({len(frame)} rows, with "
                                                       "the reason each row is flagged)"))
                       + full + _para("'Difference' is the group mean minus the mean of the other "
                                      "outlets. " + _CLIFF, cls="fc-meta") + _notes_list(notes)))
    else:
        column, moved = _row_notes(frame, notes)
        body = _compare_table(frame, caption=caption, note_column=column, measure=measure)
        body += _notes_list([*notes, *moved])
    if reading:
        body += _para(_compare_reading(frame, measure), cls="fc-reading")
    return body


def _comparison_html(
    scores: Any, measure: str, compare_kwargs: Mapping[str, Any], *, caption: str | None = None,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    order: Sequence[str] | None = None,
) -> str:
    """compare() for one measure across outlets: table, notes and reading."""
    return _comparison_body(_run_compare(scores, measure, compare_kwargs), measure,
                            caption=caption, keep=keep, order=order,
                            min_articles=compare_kwargs.get("min_articles"))


def _limits_note(measure: str) -> str:
    """'Can show / cannot show' for one measure, as a short paragraph."""
    can, cannot = LIMITS[measure]
    return _para(f"Can show: {can} Cannot show: {cannot}", cls="fc-note")


def _directed_pairs(stance: pd.DataFrame) -> pd.Series | None:
    """Directed cues per (holder, target), most first; None when the frame cannot say."""
    if stance.empty or not {"holder", "target", "n"} <= set(stance.columns):
        return None
    n = pd.to_numeric(stance["n"], errors="coerce").fillna(0)
    per = n.groupby([stance["holder"].astype(str), stance["target"].astype(str)]).sum()
    return per.sort_values(ascending=False, kind="stable")


def _stance_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    stance = _frame(scores, "stance")
    body = _para("Who evaluates whom. 'The outlet's own voice' is the article's author; other "
                 "voices are the affiliations of quoted sources (what a Malian official, for "
                 "example, says about France).")
    if plots:
        figsize = None
        try:
            sizer = getattr(importlib.import_module("framecmp.present.plot"), "stance_heatmap_size", None)
            if sizer is not None and not stance.empty:
                figsize = sizer(stance)
        except Exception:  # the default size will do
            figsize = None
        body += _plot_html("stance_heatmap", stance,
                           "Heatmap of the outlets' own stance (author) toward each actor",
                           figsize=figsize, min_articles=kw.get("min_articles", 3))
        holders = set(stance["holder"].astype(str)) if "holder" in stance.columns else set()
        if holders - {"author"}:
            # most evaluations in news are reported ones: show who evaluates whom, voice by voice
            n_cols = int(stance.loc[stance["holder"].astype(str) != "author", ["holder", "target"]]
                         .drop_duplicates().shape[0]) if "target" in stance.columns else 6
            body += _plot_html("stance_heatmap", stance,
                               "Heatmap of every voice's stance toward each actor, by outlet",
                               figsize=(min(3.5 + 0.7 * min(n_cols, 8), 9.0), 4.8), max_targets=8,
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
            body += _para(f"The table lists the {len(evaluated)} voice–actor pair(s) with at "
                          f"least one evaluating cue, most evidence first. {n_only} more "
                          "pair(s) have only neutral mentions (stance 0) and are left out.",
                          cls="fc-meta")
    body += _comparison_html(scores, "stance", kw, keep=keep,
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
        lex = importlib.import_module("framecmp.measures.terms").load_terms()
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
    terms = _frame(scores, "terms")
    articles = _frame(scores, "articles")
    order, general = _term_groups()
    present = list(dict.fromkeys(terms["category"].astype(str))) if "category" in terms else []
    # a category no article of the corpus hits is listed once in a note, not drawn as empty rows
    unused: set[str] = set()
    if {"category", "hits"} <= set(terms.columns):
        totals = terms.groupby(terms["category"].astype(str))["hits"].sum()
        unused = {str(c) for c, n in totals.items() if n == 0}
        present = [c for c in present if c not in unused]
    rank = {c: i for i, c in enumerate(order)}
    present.sort(key=lambda c: (rank.get(c, len(rank)), c))
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

    def plot(cats: Sequence[str], alt: str, title: str) -> str:
        cats = [c for c in cats if c in drawn]
        if not plots or not cats:
            return ""
        extra: dict[str, Any] = {"categories": list(cats), "title": title}
        if not articles.empty and {"article_id", "outlet"} <= set(articles.columns):
            extra["articles"] = articles
        return _plot_html("term_categories", terms[terms["category"].astype(str).isin(cats)],
                          alt, figsize=(min(4 + 0.9 * len(cats), 12), 4), **extra)

    body = _para("Words from the lexicons, counted per 1,000 words of each article and "
                 "averaged per outlet. The first part uses the Sahel framing lexicon: "
                 "how armed groups and governments are named, colonial and sovereignty "
                 "language, euphemisms, delegitimising words.")
    body += _tag("h3", "Sahel framing words")
    if framing or not plain:
        body += plot(framing, "Bar chart of framing-word rates by category",
                     "Sahel framing words per 1,000 words, by kind of word")
        body += _comparison_body(compared, "terms", keep=only(False),
                                 order=present, min_articles=min_art,
                                 caption="Framing words per 1,000 words, by outlet")
    else:
        body += _para("No framing words were found in this corpus.", cls="fc-meta")
    if plain:
        body += _tag("h3", "General English sentiment words — a coarse signal")
        body += _para("These categories come from a general English word list (negative "
                      "and subjective words such as 'brutal', 'slammed', 'remarkable'), not "
                      "from the Sahel lexicon. They say how emotive the wording is overall, "
                      "not how an outlet frames the actors: the words may describe the "
                      "weather, a match or a quote. See the limits section.", cls="fc-note")
        body += plot(plain, "Bar chart of general sentiment-word rates by category",
                     "General English sentiment words per 1,000 words (coarse signal)")
        body += _comparison_body(compared, "terms", keep=only(True), order=present,
                                 min_articles=min_art, reading=False,
                                 caption="General sentiment words per 1,000 words, by outlet")
    if unused:
        names = sorted(_display.category_name(c) for c in unused)
        body += _para(f"No article of this corpus has a word of these categories, so they are not "
                      f"shown: {', '.join(names)}.", cls="fc-meta")
    body += _limits_note("terms")
    return _section("terms", "Loaded terms", body)


def _labels_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    labels = _frame(scores, "labels")
    body = _para("For the same referent, which label does each outlet choose?")
    if labels.empty:
        body += _para("No label choices were found in this corpus.")
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
        rows.append([_display.actor_name(ref), outlet,
                     "; ".join(label_use(lab, c, q) for lab, c, q in triples),
                     sum(c for _, c, _ in triples)])
    body += _table(["Named thing", "Outlet", "Labels used (× times)", "Total"], rows,
                   caption="Label choices per referent and outlet", numeric=(3,))
    if any_quoted:
        body += _para("“(quoted)”: the outlet uses the label only inside quotation marks, in the "
                      "words of someone it quotes, not in its own words; “(1 quoted)”: how many of "
                      "the times are inside a quotation. The totals count both.", cls="fc-meta")
    n_ref = labels.groupby("referent")["outlet"].nunique().sort_values(ascending=False, kind="stable")
    shared = [str(r) for r, n in n_ref.items() if n >= 2]
    if plots:
        for ref in (shared or [str(n_ref.index[0])])[:3]:
            body += _plot_html("label_choices", labels,
                               f"Labels each outlet uses for {_display.actor_name(ref)}",
                               referent=ref)
    body += _para(f"{len(shared)} referent(s) are named by two or more outlets"
                  f"{': ' + ', '.join(map(_display.actor_name, shared)) if shared else ''}. Where outlets differ, the "
                  "table shows the choice, not the reason for it.", cls="fc-reading")
    body += _comparison_html(scores, "labels", kw,
                             caption="Share of each label among an outlet's labels for a referent")
    return _section("labels", "Label choices", body + _limits_note("labels"))


def _attribution_html(scores: Any, kw: Mapping[str, Any], plots: bool) -> str:
    voices = _frame(scores, "voices")
    body = _para("Who is given a voice, and how: direct or indirect quotes, named or "
                 "anonymous sources, neutral or loaded reporting verbs.")
    body += _comparison_html(scores, "attribution", kw,
                             caption="Attribution style compared across outlets")
    body += _tag("h3", "Voices")
    if plots:
        body += _plot_html("voice_shares", voices, "Share of quoted words per affiliation")
    if not voices.empty:
        rows = [[r.get("article_id"), r.get("outlet"), _shown("affiliation", r.get("affiliation")),
                 _fmt(r.get("quoted_words"), 0), _fmt(r.get("share")),
                 _fmt(r.get("anonymous_share")), _fmt(r.get("direct_share"))]
                for _, r in voices.head(MAX_TABLE_ROWS).iterrows()]
        label = (f"Voices per article ({len(voices)} rows)" if len(voices) <= MAX_TABLE_ROWS
                 else f"Voices per article (the first {MAX_TABLE_ROWS} of {len(voices)} rows)")
        more = "" if len(voices) <= MAX_TABLE_ROWS else _para(
            f"{len(voices) - MAX_TABLE_ROWS} more rows are not listed here; all of them are in "
            "scores.voices, and the table below sums them up per outlet.", cls="fc-meta")
        body += _tag("details", _tag("summary", _esc(label))
                     + _table(["Article", "Outlet", "Affiliation", "Quoted words", "Share",
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
    body = _table(["Measure", "Can show", "Cannot show"], rows)
    body += _tag("h3", "Validation")
    if validation is None:
        from framecmp.present.accuracy import validation_summary

        validation = validation_summary()
    if validation:
        body += _table(["Measure", "Result"], [[k, v] for k, v in validation.items()])
    else:
        body += _para("Validation numbers against annotated data are not available in this "
                      "report. Treat every measure as unvalidated.", cls="fc-note")
    config = getattr(scores, "config", None)
    if isinstance(config, Mapping) and config:
        body += _tag("h3", "Settings and lexicon versions")
        body += _table(["Setting", "Value"], [[k, _setting(v)] for k, v in
                                              sorted(config.items(), key=lambda kv: str(kv[0]))])
    return _section("limits", "What the measures can and cannot show", body)


def _corpus_article(scores: Any, article_id: Any) -> Any:
    """``scores.corpus[article_id]``, or None when it cannot be found."""
    corpus = getattr(scores, "corpus", None)
    if corpus is None:
        return None
    try:
        return corpus[str(article_id)]
    except (KeyError, IndexError, TypeError):
        return None


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


def _left_out_html(arts: pd.DataFrame, shown: Sequence[Any], max_articles: int) -> str:
    """The articles not highlighted: a sentence saying so, and a list by id and title."""
    keep = set(map(str, shown))
    rest = arts[~arts["article_id"].astype(str).isin(keep)]
    n = len(rest)
    text = (f"{len(shown)} of {len(arts)} articles are highlighted here (max_articles="
            f"{max_articles}, taken in turn from each outlet); the other {n} are left out to "
            "keep this file small. To include them, call report(scores, max_articles=None), or "
            "pass a larger number; fc.highlight(corpus[article_id], scores.evidence) shows one "
            "article.")
    rows = [[r.get("article_id"), r.get("outlet"), _clean(r.get("title")) or "(no headline)"]
            for _, r in rest.iterrows()]
    listing = _tag("details", _tag("summary", _esc(f"The {n} articles left out"))
                   + _table(["Article", "Outlet", "Title"], rows,
                            caption="Articles not highlighted in this report"))
    return _para(text, cls="fc-note") + listing


def _articles_html(scores: Any, kinds: Sequence[str] | None,
                   max_articles: int | None = None) -> str:
    arts = _frame(scores, "articles")
    evidence = _frame(scores, "evidence")
    parts = [_para("Each article with its evidence. Hover over or tab to a coloured span "
                   "to see why it counts.")]
    chosen = _chosen_articles(arts, max_articles)
    if max_articles is not None and len(chosen) < len(arts):
        parts.append(_left_out_html(arts, chosen, max_articles))
    for aid in chosen:
        article = _corpus_article(scores, aid)
        if article is None:
            parts.append(_para(f"Article {aid}: text not available.", cls="fc-meta"))
            continue
        ev = evidence[evidence["article_id"].astype(str) == str(aid)] if not evidence.empty \
            else evidence
        parts.append(article_html(_WithId(article, aid), ev, kinds=kinds, anchor=_anchor(aid)))
    return _section("articles", "Articles", "".join(parts))


class _WithId:
    """An article seen through a proxy that knows its id."""

    __slots__ = ("_article", "article_id")

    def __init__(self, article: Any, article_id: Any) -> None:
        self._article = article
        self.article_id = article_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._article, name)


def _toc() -> str:
    """Links to the sections."""
    links = [("summary", "Summary"), ("cleaning", "Cleaning"), ("stance", "Stance"),
             ("terms", "Terms"), ("labels", "Labels"), ("attribution", "Attribution"),
             ("limits", "Limits"), ("articles", "Articles")]
    items = "".join(_tag("li", _tag("a", _esc(t), href=f"#{i}")) for i, t in links)
    return _tag("nav", _tag("ul", items, class_="fc-legend"), aria_label="Sections")


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
    scores: Any,
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
    Sections (by id): ``summary``, ``cleaning``, ``stance``, ``terms``,
    ``labels``, ``attribution``, ``limits``, ``articles``; plus ``caveat`` at the
    top when the corpus only allows illustrations of method (every outlet has
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
        raise ValueError("The 'max_articles' parameter of report() must be a non-negative int "
                         f"or None. Got {max_articles!r} instead.")
    kw = {"by": "outlet", "min_articles": min_articles, **(compare_kwargs or {})}
    shape = _corpus_shape(_frame(scores, "articles"), min_articles)
    from framecmp._version import __version__

    header = _tag("h1", _esc(title)) + _para(f"Generated by framecmp {__version__}.", cls="fc-meta")
    body = "".join([
        header,
        _caveat_html(shape),
        _toc(),
        _summary_html(scores),
        _cleaning_html(scores),
        _stance_html(scores, kw, plots),
        _terms_html(scores, kw, plots),
        _labels_html(scores, kw, plots),
        _attribution_html(scores, kw, plots),
        _limits_html(scores, validation),
        _articles_html(scores, kinds, None if max_articles is None else int(max_articles)),
    ])
    doc = ReportHTML(_document(title, body))
    if path is not None:
        Path(path).write_text(doc, encoding="utf-8")
        doc.path = Path(path)
    return doc
