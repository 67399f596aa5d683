"""HTML building blocks for highlighted articles, the report and worksheets.

The shared stylesheet (:data:`CSS`), escaping (:func:`esc`; articles come from the
open web, so every piece of text goes through it), tags, tables, paragraphs and
whole documents, and number formatting (rounding happens only here, when showing).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

import pandas as pd

from framecmp.text.doc import headline_span

__all__ = [
    "BIDI_CONTROLS", "CSS", "NON_ID_CHARS", "Raw", "esc", "visible_bidi", "none_if_missing", "fmt",
    "html_id", "tag", "table", "para", "html_document", "scores_frame", "article_id_of",
    "corpus_article", "headline_of", "article_label",
]

# --------------------------------------------------------------------------- stylesheet

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
.fc-k-evaluation { border-bottom: 2px dotted #777; }
.fc-k-evaluation.fc-neg { border-bottom-color: #c0392b; }
.fc-k-evaluation.fc-pos { border-bottom-color: #1e8449; }
.fc-k-victim { border-bottom: 3px double #7d3c98; }
.fc-k-context { border-bottom: 2px dashed #9a9a9a; }
.fc-tips { display: none; }
.fc-swatch { padding: 0 0.3em; }
@page { size: A4; margin: 12mm; }
@media print {
  .fc-root { max-width: none; font-size: 9.5pt; line-height: 1.4; }
  .fc-root h2 { font-size: 1.3em; margin: 0.8em 0 0.3em; break-after: avoid; }
  .fc-root h3 { font-size: 1.1em; margin: 0.6em 0 0.2em; break-after: avoid; }
  .fc-root table { font-size: 0.85em; margin: 0.3em 0 0.6em; }
  .fc-root th, .fc-root td { padding: 0.1em 0.35em; }
  .fc-root caption { white-space: normal; }
  .fc-root tr, .fc-root figure { break-inside: avoid; }
  .fc-root figure { margin: 0.4em 0; }
  .fc-plot { max-height: 80mm; width: auto; max-width: 100%; border: none; }
  .fc-root p { margin: 0.3em 0; }
  .fc-text { line-height: 1.3; }
  .fc-text p { margin: 0 0 0.35em; }
  .fc-article { margin-top: 0.8em; }
  .fc-legend { font-size: 0.8em; gap: 0 0.8em; }
  .fc-ev, .fc-k-term, .fc-k-quote, .fc-k-source, .fc-k-cue, .fc-k-reference, .fc-caveat,
  .fc-reading, .fc-note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
}
"""

#: What an HTML id or class name cannot hold (see :func:`html_id`).
NON_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


class Raw(str):
    """HTML that is already escaped (a marker type for table cells)."""

    __slots__ = ()


#: Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a page
#: they make text display in another order than it is written (U+202E reverses what follows;
#: "Trojan Source", CVE-2021-42574). Every escape shows them as a visible code instead. The
#: marks U+200E and U+200F, which Arabic and Hebrew text needs, are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def visible_bidi(text: str) -> str:
    """``text`` with each bidirectional control shown as a code (``"[U+202E]"``)."""
    if BIDI_CONTROLS.search(text) is None:
        return text
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def esc(value: Any) -> str:
    """Escape any value for HTML text or attribute use (None and NaN become ''); a
    bidirectional control is shown as a code (:func:`visible_bidi`), so the page reads
    as the text is written."""
    v = none_if_missing(value)
    return "" if v is None else escape(visible_bidi(str(v)), quote=True)


def none_if_missing(value: Any) -> Any:
    """None for missing values (None, NaN, NA), the value otherwise."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def fmt(value: Any, digits: int = 2, *, signed: bool = False) -> str:
    """Format a number for display (rounding happens only here)."""
    v = none_if_missing(value)
    if v is None:
        return "–"
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        x = float(v)
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        return f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"
    return str(v)


def html_id(value: Any) -> str:
    """An HTML id made from any article id."""
    return "a-" + (NON_ID_CHARS.sub("-", str(value)).strip("-") or "x")


def tag(name: str, content: str, **attrs: Any) -> str:
    """``<name attrs>content</name>``; ``content`` must already be HTML."""
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return f"<{' '.join(parts)}>{content}</{name}>"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str | None = None,
    numeric: Sequence[int] = (),
) -> str:
    """An HTML table; cells are escaped unless they are :class:`Raw`."""
    head = "".join(tag("th", esc(h), scope="col") for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            content = cell if isinstance(cell, Raw) else esc(cell)
            cells.append(tag("td", content, class_="fc-num" if i in numeric else None))
        body.append(tag("tr", "".join(cells)))
    cap = tag("caption", esc(caption)) if caption else ""
    return tag("table", cap + tag("thead", tag("tr", head)) + tag("tbody", "".join(body)))


def para(text: str, *, cls: str | None = None) -> str:
    """A paragraph of escaped plain text."""
    return tag("p", esc(text), class_=cls)


def html_document(title: str, body: str) -> str:
    """A complete HTML document with the stylesheet inline."""
    head = (
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + tag("title", esc(title))
        + tag("style", CSS)
    )
    return "<!DOCTYPE html>\n" + tag(
        "html", tag("head", head) + tag("body", tag("main", body, class_="fc-root")), lang="en"
    )


# --------------------------------------------------------------------------- reading Scores


def scores_frame(scores: Any, name: str) -> pd.DataFrame:
    """``scores.<name>`` as a DataFrame (empty if the attribute is missing)."""
    value = getattr(scores, name, None)
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()


def article_id_of(article: Any) -> Any:
    """The id of an article object, whatever the attribute is called."""
    for attr in ("article_id", "id"):
        value = getattr(article, attr, None)
        if value is not None:
            return value
    return None


def corpus_article(scores: Any, article_id: Any) -> Any:
    """``scores.corpus[article_id]``, or None when it cannot be found."""
    corpus = getattr(scores, "corpus", None)
    if corpus is None:
        return None
    try:
        return corpus[str(article_id)]
    except (KeyError, IndexError, TypeError):
        return None


def headline_of(article: Any) -> tuple[int, int] | None:
    """Offsets of an article's headline in its text (:func:`framecmp.text.doc.headline_span`).

    The report and the worksheet both show an article's headline by this one rule:
    the first line when it is the ``title``, or, with no title, when it looks like one.
    """
    text = getattr(article, "text", None)
    if not isinstance(text, str):
        return None
    title = none_if_missing(getattr(article, "title", None))
    return headline_span(text, title=str(title) if title is not None else None)


def article_label(article: Any) -> str:
    """Outlet and date of an article (``Anadolu Agency, 2024-09-22``): how a reader names an
    article with no headline, never by its internal id."""
    bits = [str(v) for v in (none_if_missing(getattr(article, "outlet", None)),
                             none_if_missing(getattr(article, "date", None))) if v not in (None, "")]
    return ", ".join(bits) or "Article"
