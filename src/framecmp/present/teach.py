"""Teaching worksheets: excerpts side by side, questions, an editable answer key.

A worksheet sets excerpts of the same event (or, when the corpus has none in
common, of the same story) from different outlets side by side. Loaded terms
are highlighted, or blanked as ``______ (1)`` for a fill-in exercise. The
answer key is generated from the evidence, and comes as Markdown too, so a
teacher can check and edit it before class: the measures are imperfect.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from framecmp._validation import check_choice, param_error
from framecmp.present import display
from framecmp.present.highlight import plain_why
from framecmp.present.markup import (
    article_label,
    corpus_article,
    esc,
    fmt,
    html_id,
    none_if_missing,
    scores_frame,
    tag,
    visible_bidi,
)
from framecmp.present.portrayal_key import portrayal_items
from framecmp.text.doc import analyze

if TYPE_CHECKING:  # pragma: no cover
    from framecmp.scoring import Scores

__all__ = ["Worksheet", "worksheet", "WORKSHEET_CSS"]

_log = logging.getLogger(__name__)

#: How much each evidence kind makes a sentence worth putting in an excerpt.
_SENTENCE_WEIGHTS: dict[str, int] = {
    "term": 3, "stance": 3, "source": 2, "cue": 2, "hedge": 2, "quote": 1, "actor": 1,
}

#: Stylesheet of worksheets and answer keys: screen and A4 print.
WORKSHEET_CSS = """
body { margin: 0; }
.fc-ws { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #111;
  max-width: 72em; margin: 0 auto; padding: 1em 1.5em; }
.fc-ws h1, .fc-ws h2, .fc-ws h3 { font-family: system-ui, Arial, sans-serif; line-height: 1.25; }
.fc-ws h1 { font-size: 1.5em; margin: 0.2em 0 0.4em; }
.fc-ws-meta { font-family: system-ui, Arial, sans-serif; font-size: 0.85em; color: #444; }
.fc-ws-notice { border: 2px solid #b07d00; background: #fff4d6; padding: 0.5em 0.8em;
  margin: 0.6em 0; }
.fc-ws-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
  gap: 1em; margin: 1em 0; }
.fc-ws-card { border: 1px solid #888; border-radius: 4px; padding: 0.6em 0.9em;
  break-inside: avoid; page-break-inside: avoid; }
.fc-ws-card h2 { font-size: 1.1em; margin: 0 0 0.1em; }
.fc-ws-card h3 { font-size: 1em; font-weight: normal; font-style: italic; margin: 0 0 0.3em; }
.fc-ws-card p { margin: 0.3em 0; }
.fc-ws-gap { color: #666; }
mark.fc-ws-term { background: #ffd873; color: inherit; font-weight: bold; padding: 0 0.1em; }
.fc-ws-num { font-family: system-ui, Arial, sans-serif; font-size: 0.75em; color: #333; }
.fc-ws-blank { white-space: nowrap; font-family: system-ui, Arial, sans-serif; }
.fc-ws-questions li { margin: 0 0 0.3em; }
.fc-ws-lines { border-bottom: 1px solid #999; height: 1.7em; }
.fc-ws-key li { margin: 0 0 0.25em; }
@page { size: A4; margin: 14mm; }
@media print {
  body { font-size: 10.5pt; }
  .fc-ws { max-width: none; padding: 0; }
  .fc-ws-grid { grid-template-columns: repeat(2, 1fr); gap: 5mm; }
  .fc-ws-card { border-color: #444; }
  mark.fc-ws-term, .fc-ws-notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark.fc-ws-term { text-decoration: underline; }
  .fc-ws-questions { break-inside: avoid; page-break-inside: avoid; }
  .fc-ws-questions li { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""

KEY_WARNING = "The measures are imperfect — check and edit before class."


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class _Term:
    """A loaded term in an excerpt, numbered across the worksheet."""

    number: int
    start: int
    end: int
    text: str
    category: str | None
    explanation: str | None
    rule_id: str | None
    actor: str | None


@dataclass(frozen=True, slots=True)
class _Excerpt:
    """The chosen sentences of one article and the terms inside them."""

    article_id: str
    outlet: str
    title: str | None  # the headline when the text has none; None when there is neither
    label: str  # outlet and date: names the article when it has no headline
    meta: str
    text: str
    heading: tuple[int, int] | None
    paragraphs: tuple[tuple[tuple[int, int], ...], ...]
    gaps_before: tuple[bool, ...]
    terms: tuple[_Term, ...]
    ranges: tuple[tuple[int, int], ...]
    more_after: bool = False
    sentences: tuple[tuple[int, int], ...] = ()
    #: per paragraph, the quotation marks added to keep them paired (see _open_marks)
    marks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _KeySection:
    """One part of the answer key: a heading and plain-text items."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True, repr=False)
class Worksheet:
    """A worksheet and its answer key, as HTML and Markdown.

    Attributes
    ----------
    html, markdown : str
        The worksheet for students (HTML page, Markdown).
    answer_key_html, answer_key_markdown : str
        The answer key (Markdown is the form to edit before class).
    title : str
        The worksheet title.
    n_articles, n_questions : int
        How many excerpts and questions the worksheet has.
    mode : str
        ``"highlight"`` or ``"blank"``.

    In Jupyter the worksheet renders as HTML; elsewhere (and as the plain-text
    copy a notebook saves) it is one short line, e.g.
    ``Worksheet(3 articles, 6 questions, mode='highlight')``.
    """

    html: str
    markdown: str
    answer_key_html: str
    answer_key_markdown: str
    title: str
    fragment: str = field(repr=False, default="")
    n_articles: int = 0
    n_questions: int = 0
    mode: str = "highlight"

    def _repr_html_(self) -> str:
        return tag("style", WORKSHEET_CSS) + self.fragment

    def __repr__(self) -> str:
        title = self.title if len(self.title) <= 60 else self.title[:57] + "..."
        return (f"Worksheet({self.n_articles} article{'s' if self.n_articles != 1 else ''}, "
                f"{self.n_questions} question{'s' if self.n_questions != 1 else ''}, "
                f"mode={self.mode!r}, title={title!r})")

    def save(self, path: str | Path) -> tuple[Path, ...]:
        """Write the worksheet and, next to it, its answer key.

        ``sheet.html`` gives ``sheet.html``, ``sheet-answers.html`` and
        ``sheet-answers.md`` (the key to edit); ``sheet.md`` gives
        ``sheet.md`` and ``sheet-answers.md``.

        Returns
        -------
        tuple of Path
            The files written.
        """
        target = Path(path)
        key = target.with_name(f"{target.stem}-answers{target.suffix}")
        key_md = target.with_name(f"{target.stem}-answers.md")
        if target.suffix.lower() in (".md", ".markdown"):
            target.write_text(self.markdown, encoding="utf-8")
            key.write_text(self.answer_key_markdown, encoding="utf-8")
            return (target, key)
        target.write_text(self.html, encoding="utf-8")
        key.write_text(self.answer_key_html, encoding="utf-8")
        key_md.write_text(self.answer_key_markdown, encoding="utf-8")
        return (target, key, key_md)


# --------------------------------------------------------------------------- helpers


def _md(text: Any) -> str:
    """Escape text for Markdown (HTML-like and emphasis characters included)."""
    s = "" if none_if_missing(text) is None else visible_bidi(str(text))
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


def _h(text: Any) -> str:
    """Escape text for HTML."""
    return esc(text)


def _name(actor: Any) -> str:
    """A readable name for an actor id (``burkina_faso`` -> ``Burkina Faso``)."""
    if none_if_missing(actor) is None:
        return ""
    return display.actor_name(actor)


def _check_names(param: str, given: Iterable[Any] | None, allowed: Iterable[Any]) -> list[str] | None:
    """Validate a list of names against the allowed ones (all problems at once)."""
    if given is None:
        return None
    if isinstance(given, str):
        raise param_error(param, "worksheet", "a list, not a single string", given,
                          hint=f"Use [{given!r}].")
    names = [str(g) for g in given]
    allowed_set = sorted({str(a) for a in allowed})
    unknown = [n for n in names if n not in allowed_set]
    if unknown:
        raise param_error(param, "worksheet", f"a list of names among {allowed_set}", given,
                          got=repr(unknown))
    return names


def _evidence_count(evidence: pd.DataFrame) -> pd.Series:
    """Weighted evidence per article (how much an excerpt can show)."""
    if evidence.empty:
        return pd.Series(dtype=float)
    w = evidence["kind"].map(_SENTENCE_WEIGHTS).fillna(0)
    return w.groupby(evidence["article_id"].astype(str)).sum()


def _choose(
    scores: Any,
    *,
    event: str | None,
    outlets: Sequence[str] | None,
    articles: Sequence[str] | None,
) -> tuple[list[str], str | None]:
    """Article ids for the worksheet, and the event they share (if one)."""
    arts = scores_frame(scores, "articles")
    if arts.empty:
        raise param_error("scores", "worksheet", "the scores of a corpus with at least one article",
                          None, got="no articles")
    arts = arts.assign(article_id=arts["article_id"].astype(str))
    ids = _check_names("articles", articles, arts["article_id"])
    if ids is not None:
        return ids, None
    if "status" in arts.columns:
        statuses = arts["status"].fillna("ok").astype(str)
        if not (statuses == "ok").any():
            raise param_error("scores", "worksheet", "scores with at least one scored article "
                              "(status 'ok')", None,
                              got=f"statuses {statuses.value_counts().to_dict()}")
        arts = arts[statuses == "ok"]
    names = _check_names("outlets", outlets, arts["outlet"])
    if names is not None:
        arts = arts[arts["outlet"].astype(str).isin(names)]
    events = arts["event"].dropna().astype(str) if "event" in arts.columns else pd.Series(dtype=str)
    if event is not None:
        if str(event) not in set(events):
            raise param_error("event", "worksheet", f"one of {sorted(set(events))}", event)
        arts = arts[arts["event"].astype(str) == str(event)]
    elif not events.empty:
        per_event = arts.dropna(subset=["event"]).groupby("event")["outlet"].nunique()
        if per_event.max() >= 2:
            event = str(per_event.idxmax())
            arts = arts[arts["event"].astype(str) == event]
    weight = _evidence_count(scores_frame(scores, "evidence"))
    arts = arts.assign(_w=arts["article_id"].map(weight).fillna(0))
    best = arts.sort_values(["_w", "article_id"], ascending=[False, True]).groupby(
        "outlet", sort=True).head(1)
    return best.sort_values(["outlet", "article_id"])["article_id"].tolist(), event


def _sentence_scores(ev: pd.DataFrame, spans: Sequence[tuple[int, int]]) -> list[float]:
    """Weighted evidence inside each sentence span."""
    out = []
    for s, e in spans:
        inside = ev[(ev["start"] >= s) & (ev["end"] <= e)] if not ev.empty else ev
        out.append(float(inside["kind"].map(_SENTENCE_WEIGHTS).fillna(0).sum()) if len(inside) else 0.0)
    return out


def _non_overlapping(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Longest-first, leftmost terms that do not overlap each other."""
    chosen: list[dict[str, Any]] = []
    for r in sorted(rows, key=lambda r: (int(r["start"]), -int(r["end"]))):
        if not chosen or int(r["start"]) >= int(chosen[-1]["end"]):
            chosen.append(r)
    return chosen


_PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their", "its", "him", "them"})


def _opens_with_pronoun(doc: Any, sent: Any) -> bool:
    """Whether a pronoun stands among the first six words of ``sent`` (before any name)."""
    words = [t for t in doc.tokens[sent.tok_start:sent.tok_end] if t.is_word][:6]
    for k, t in enumerate(words):
        if t.norm in _PRONOUNS:
            return True
        if k > 0 and t.text[:1].isupper():
            return False  # a name comes first: it says who
    return False


#: Most sentences added before or after a kept sentence to take in the whole quotation it
#: belongs to, or the sentence that names its speaker.
_MAX_QUOTE_SENTENCES = 3
#: The closing mark of each opening quotation mark.
_CLOSING = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'", "‹": "›"}


def _sentence_at(body: Sequence[Any], offset: int) -> int | None:
    """Index of the body sentence holding character ``offset`` (None if none does)."""
    return next((i for i, s in enumerate(body) if s.start <= offset < s.end), None)


def _whole_quotes(body: Sequence[Any], keep: Sequence[int], quotes: Sequence[Any]) -> list[int]:
    """``keep`` with the sentences a quotation of theirs runs over, so that no excerpt starts
    or ends inside one: "We were in a one-way partnership for 60 years.”" brings the
    sentence its opening mark stands in ("“With our former partners, ...")."""
    out = set(keep)
    for i in keep:
        s = body[i]
        for q in quotes:
            if q.depth or not q.open_start < s.end or not s.start < q.close_end:
                continue
            first, last = _sentence_at(body, q.open_start), _sentence_at(body, max(q.close_end - 1, 0))
            if first is not None and first < i and i - first <= _MAX_QUOTE_SENTENCES:
                out.update(range(first, i))
            if last is not None and last > i and last - i <= _MAX_QUOTE_SENTENCES:
                out.update(range(i + 1, last + 1))
    return sorted(out)


def _with_speakers(body: Sequence[Any], keep: Sequence[int], att: pd.DataFrame) -> list[int]:
    """``keep`` with the sentence naming the speaker of each quotation it holds, when that
    sentence is near ("“We cannot be in a sincere partnership ...”" and, two sentences
    before, "A senior Mali military official told Anadolu ...")."""
    out = set(keep)
    if att.empty or not {"content_start", "content_end", "source_start"} <= set(att.columns):
        return sorted(out)
    for r in att.to_dict("records"):
        lo, hi, src = (none_if_missing(r.get(k)) for k in ("content_start", "content_end", "source_start"))
        if lo is None or hi is None or src is None or none_if_missing(r.get("quote_type")) == "scare":
            continue
        holders = [i for i in keep if body[i].start < int(hi) and int(lo) < body[i].end]
        j = _sentence_at(body, int(src))
        if holders and j is not None and j not in out and \
                min(abs(j - i) for i in holders) <= _MAX_QUOTE_SENTENCES - 1:
            out.update(range(min(j, *holders), max(j, *holders) + 1))
    return sorted(out)


def _open_marks(text: str, quotes: Sequence[Any], lo: int, hi: int) -> tuple[str, str]:
    """Marks to add so that ``text[lo:hi]`` keeps its quotation marks paired: the opening
    mark of a quotation begun before ``lo``, the closing one of a quotation ending after ``hi``."""
    head = next((q.mark for q in quotes if not q.depth and q.open_start < lo < q.close_end), "")
    tail = next((_CLOSING.get(q.mark, q.mark) for q in quotes if not q.depth and (
        q.open_start < hi < q.close_end
        # a quotation the text never closes ("emphasized that “Mali has left ECOWAS ...
        # particularly Senegal." and a new paragraph): closed here
        or (not q.closed and lo <= q.open_start < hi and q.end <= hi))), "")
    return head, tail


def _excerpt(
    article: Any,
    article_id: str,
    ev: pd.DataFrame,
    *,
    max_sentences: int,
    first_number: int,
    att: pd.DataFrame | None = None,
) -> _Excerpt:
    """Choose the sentences with the most evidence; number their terms."""
    text: str = article.text
    title = none_if_missing(getattr(article, "title", None))
    doc = analyze(text, title=title)
    heading = next(((s.start, s.end) for s in doc.sentences if s.part == "title"), None)
    body = [s for s in doc.sentences if s.part != "title"]
    weights = _sentence_scores(ev, [(s.start, s.end) for s in body])
    ranked = sorted(range(len(body)), key=lambda i: (-weights[i], i))
    keep = sorted(i for i in ranked[:max_sentences] if weights[i] > 0) or list(
        range(min(max_sentences, len(body))))
    # a sentence whose subject is a pronoun ("Pointing to terrorism, he said ...") brings the
    # sentence before it, which says who "he" is
    keep = sorted(set(keep) | {i - 1 for i in keep if i > 0 and _opens_with_pronoun(doc, body[i])})
    # a quotation is shown whole, with the sentence that says who speaks when it is near, so
    # that a speaker's words never read as the outlet's
    keep = _whole_quotes(body, keep, doc.quotes)
    keep = _with_speakers(body, keep, att if att is not None else pd.DataFrame())
    keep = _whole_quotes(body, keep, doc.quotes)
    paragraphs: list[list[tuple[int, int]]] = []
    gaps: list[bool] = []
    prev: int | None = None
    for i in keep:
        sent = body[i]
        adjacent = prev is not None and i == prev + 1
        if adjacent and body[prev].paragraph == sent.paragraph:  # type: ignore[index]
            paragraphs[-1].append((sent.start, sent.end))
        else:
            paragraphs.append([(sent.start, sent.end)])
            gaps.append(not adjacent and (prev is not None or i > 0))
        prev = i
    ranges = [r for p in paragraphs for r in p] + ([heading] if heading else [])
    term_rows = [
        r for r in ev[ev["kind"] == "term"].to_dict("records")
        if any(s <= int(r["start"]) and int(r["end"]) <= e for s, e in ranges)
    ] if not ev.empty else []
    terms = tuple(
        _Term(first_number + k, int(r["start"]), int(r["end"]), str(r["text"]),
              none_if_missing(r.get("category")), none_if_missing(r.get("explanation")),
              none_if_missing(r.get("rule_id")), none_if_missing(r.get("actor")))
        for k, r in enumerate(_non_overlapping(term_rows))
    )
    meta = " · ".join(
        f"{cap}: {v}" for cap, v in (
            ("Date", none_if_missing(getattr(article, "date", None))),
            ("Event", none_if_missing(getattr(article, "event", None))),
            ("Translated from", display.language_name(getattr(article, "translated_from", None))),
        ) if v
    )
    return _Excerpt(
        article_id=article_id, outlet=str(getattr(article, "outlet", "") or ""),
        title=None if title is None else str(title), label=article_label(article), meta=meta, text=text, heading=heading,
        paragraphs=tuple(tuple(p) for p in paragraphs), gaps_before=tuple(gaps),
        terms=terms, ranges=tuple(ranges), more_after=bool(keep) and keep[-1] < len(body) - 1,
        sentences=tuple((s.start, s.end) for s in doc.sentences),
        marks=tuple(_open_marks(text, doc.quotes, p[0][0], p[-1][1]) for p in paragraphs),
    )


def _pieces(ex: _Excerpt, lo: int, hi: int) -> list[str | _Term]:
    """``text[lo:hi]`` cut into plain strings and terms."""
    out: list[str | _Term] = []
    pos = lo
    for t in ex.terms:
        if t.start >= lo and t.end <= hi:
            out.append(ex.text[pos:t.start])
            out.append(t)
            pos = t.end
    out.append(ex.text[pos:hi])
    return [p for p in out if p != ""]


# --------------------------------------------------------------------------- rendering


def _term_html(t: _Term, mode: str) -> str:
    num = f'<span class="fc-ws-num">({t.number})</span>'
    if mode == "blank":
        return f'<span class="fc-ws-blank">______ {num}</span>'
    return f'<mark class="fc-ws-term">{_h(t.text)}</mark>&#8202;{num}'


def _term_md(t: _Term, mode: str) -> str:
    return f"______ ({t.number})" if mode == "blank" else f"**{_md(t.text)}** ({t.number})"


def _span_html(ex: _Excerpt, lo: int, hi: int, mode: str) -> str:
    return "".join(_term_html(p, mode) if isinstance(p, _Term) else _h(p)
                   for p in _pieces(ex, lo, hi))


def _span_md(ex: _Excerpt, lo: int, hi: int, mode: str) -> str:
    return "".join(_term_md(p, mode) if isinstance(p, _Term) else _md(p)
                   for p in _pieces(ex, lo, hi))


def _card_html(ex: _Excerpt, mode: str) -> str:
    # no headline: the outlet (h2) and the date (meta) name the article, never its id
    heading = _span_html(ex, *ex.heading, mode) if ex.heading else _h(ex.title)
    heading = f"<h3>{heading}</h3>" if heading else ""
    paras = []
    for gap, para, (head, tail) in zip(ex.gaps_before, ex.paragraphs, _marks(ex)):
        lead = '<span class="fc-ws-gap">[…] </span>' if gap else ""
        if head:  # a quotation longer than the excerpt: its mark, then the gap
            lead = _h(head) + '<span class="fc-ws-gap">[…] </span>'
        end = ('<span class="fc-ws-gap"> […]</span>' if _inside_at_end(ex, para) else "") + _h(tail) \
            if tail else ""
        paras.append("<p>" + lead + " ".join(_span_html(ex, s, e, mode) for s, e in para) + end + "</p>")
    if ex.more_after:
        paras.append('<p class="fc-ws-gap">[…]</p>')
    meta = f'<p class="fc-ws-meta">{_h(ex.meta)}</p>' if ex.meta else ""
    return tag("section", f"<h2>{_h(ex.outlet)}</h2>{heading}{meta}{''.join(paras)}",
               class_="fc-ws-card", id=html_id(ex.article_id))


def _marks(ex: _Excerpt) -> Sequence[tuple[str, str]]:
    return ex.marks or [("", "")] * len(ex.paragraphs)


def _inside_at_end(ex: _Excerpt, para: Sequence[tuple[int, int]]) -> bool:
    """Whether the paragraph's last sentence stops inside a quotation that goes on (and is
    cut: '[…]' before the closing mark), not one the text leaves unclosed."""
    end = para[-1][1]
    rest = ex.text[end:].lstrip(" ")
    return bool(rest) and not rest.startswith("\n")


def _card_md(ex: _Excerpt, mode: str) -> str:
    heading = _span_md(ex, *ex.heading, mode) if ex.heading else _md(ex.title)
    lines = [f"## {_md(ex.outlet)}: {heading}" if heading else f"## {_md(ex.label)}", ""]
    if ex.meta:
        lines += [f"*{_md(ex.meta)}*", ""]
    for gap, para, (head, tail) in zip(ex.gaps_before, ex.paragraphs, _marks(ex)):
        lead = "\\[…\\] " if gap else ""
        if head:
            lead = _md(head) + "\\[…\\] "
        end = (" \\[…\\]" if _inside_at_end(ex, para) else "") + _md(tail) if tail else ""
        lines += [lead + " ".join(_span_md(ex, s, e, mode) for s, e in para) + end, ""]
    if ex.more_after:
        lines += ["\\[…\\]", ""]
    return "\n".join(lines)


def _notices(arts: pd.DataFrame, ids: Sequence[str]) -> list[str]:
    """Plain-language warnings about what these excerpts can show."""
    chosen = arts[arts["article_id"].astype(str).isin(ids)]
    out = []
    events = chosen["event"].dropna().astype(str).unique().tolist() if "event" in chosen else []
    if len(ids) > 1 and len(events) > 1:
        out.append(
            f"These articles report different events ({'; '.join(sorted(events))}). The "
            "worksheet compares how the story is framed, not how the same event is reported."
        )
    elif len(ids) > 1 and (not events or chosen["event"].isna().any()):
        out.append("These articles are not marked with an event: they may report different "
                   "events. Compare how the story is framed, not the facts reported.")
    if chosen["outlet"].nunique() < len(ids) or chosen.groupby("outlet").size().max() < 3:
        out.append("One article is too few to say how an outlet reports in general: these "
                   "excerpts show how these articles frame the story, not findings about outlets.")
    language = display.unsupported_language_note(arts)  # articles left out for their language
    if language:
        out.append(language)
    return out


def _main_actors(scores: Any, ids: Sequence[str], n: int = 2) -> list[str]:
    """The actors the chosen articles evaluate or mention most (the questions and the key's
    portrayal section name the same ones)."""
    ev = _by_article(scores_frame(scores, "evidence"), ids)
    if ev.empty:
        return []
    directed = ev[ev["kind"].isin(["stance", "actor"]) & ev["actor"].notna()]
    return [str(a) for a in directed["actor"].astype(str).value_counts().index[:n]]


def _questions(scores: Any, ids: Sequence[str], excerpts: Sequence[_Excerpt], mode: str) -> list[str]:
    """Questions for students, naming actors and referents found in the evidence."""
    actors = _main_actors(scores, ids)
    who = " and ".join(_name(a) for a in actors) if actors else "the main actors"
    # the outlet's own words and the voices it quotes are kept apart, as the measures keep them
    qs = [f"In its own words (outside quotation marks), which words does each outlet use for "
          f"{who}? Do they make them look good or bad?",
          f"Which words about {who} come from the people each outlet quotes? Who says them, and "
          "how do they differ from the outlet's own words?",
          "Who is quoted, and who is not? Whose side of the story is missing in each excerpt?",
          "What is stated without attribution, in the outlet's own voice? Find one claim "
          "with no source."]
    labels = scores_frame(scores, "labels")
    labels = labels[labels["article_id"].astype(str).isin(ids)] if not labels.empty else labels
    shared = (labels.groupby("referent")["outlet"].nunique().sort_values(ascending=False)
              if not labels.empty else pd.Series(dtype=int))
    if len(shared) and shared.iloc[0] >= 2:
        qs.append(f"Which label does each outlet use for {_name(shared.index[0])}? What does each "
                  "label suggest?")
    else:
        qs.append("Which label does each outlet use for the same group or government? "
                  "What does each label suggest?")
    n = sum(len(x.terms) for x in excerpts)
    if n and mode == "blank":
        qs.append(f"Fill in the blanks (1) to ({n}) with the word you think each outlet used. "
                  "Then compare with the original words: what changes?")
    elif n:
        qs.append("Look at the highlighted words. Which would you replace with a more neutral "
                  "word, and with which word?")
    qs.append("What can you not tell from these excerpts alone?")
    return qs


def _by_article(frame: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    return frame[frame["article_id"].astype(str).isin(ids)] if not frame.empty else frame


def _in_ranges(r: Mapping[Any, Any], ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= int(r["start"]) and int(r["end"]) <= e for s, e in ranges)


#: "category (+0.50): why" -- the prefix the terms module puts before a term's explanation.
_TERM_WHY = re.compile(r"^(?P<cat>[A-Za-z_ -]+?) \((?P<value>[+-]?\d+(?:\.\d+)?)\):\s*(?P<why>.*)$",
                       re.S)
#: "holder -> target: why (valence -0.60, actor at 'Kiev')" -- a stance cue's explanation.
_STANCE_WHY = re.compile(r"^[^:]*? -> [^:]*?:\s*(?P<why>.*?)\s*"
                         r"\(valence [+-]?\d+(?:\.\d+)?(?:, actor at (?P<at>.*))?\)\.?$", re.S)


def _same_words(a: Any, b: Any) -> bool:
    """Whether two names say the same thing (case, ``_``/spaces, -ise/-ize aside)."""
    def norm(v: Any) -> str:
        t = re.sub(r"[\s_-]+", " ", str(v or "")).strip().lower()
        return re.sub(r"is(e|ing|ed|ation)", r"iz\1", t)
    return bool(norm(a)) and norm(a) == norm(b)


def _sentence(text: str) -> str:
    """``text`` with a final full stop (unless it already ends a sentence)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _term_item(outlet: str, t: _Term) -> str:
    """One answer-key line of a loaded term, saying each thing once.

    The term's explanation repeats its category and connotation
    ("puffery (+0.50): 'celebrated' praises without evidence (puffery)");
    the line gives the category once, then the value, then the reason.
    """
    cat = display.category_name(t.category).lower() if t.category else ""
    why = str(t.explanation or "").strip()
    value = ""
    m = _TERM_WHY.match(why)
    if m and (not t.category or _same_words(m["cat"], t.category)):
        value, why = m["value"], m["why"].strip()
        if not value.startswith(("+", "-")):
            value = "+" + value
    if t.category:  # "... evidence (puffery)." says the category again
        why = re.sub(rf"\s*\((?:{re.escape(str(t.category))}|{re.escape(cat)}|"
                     rf"{re.escape(str(t.category).replace('_', ' '))})\)(?=\.?$)", "", why,
                     flags=re.I)
    head = f"({t.number}) {outlet}: “{t.text}”"
    if cat:
        head += f" — {cat}" + (f" ({value})" if value else "")
    elif value:
        head += f" ({value})"
    if t.actor:
        head += f" (refers to {_name(t.actor)})"
    return head + (f". {_sentence(why)}" if why else "")


def _named_as(row: Mapping[Any, Any]) -> str:
    """The words naming the actor in a stance cue's explanation, when they differ from its
    name ('' otherwise)."""
    m = _STANCE_WHY.match(str(none_if_missing(row.get("explanation")) or "").strip())
    if not m:
        return ""
    at = (m["at"] or "").strip().strip("'\"")
    return "" if _same_words(at, _name(row.get("actor"))) else at


def _key_sections(scores: Any, excerpts: Sequence[_Excerpt]) -> list[_KeySection]:
    """The answer key, built from the evidence of the chosen articles."""
    ids = [x.article_id for x in excerpts]
    outlet = {x.article_id: x.outlet for x in excerpts}
    ev = _by_article(scores_frame(scores, "evidence"), ids)
    sections = []
    actors = _main_actors(scores, ids)
    portrayal = portrayal_items(scores, excerpts, actors)
    if portrayal:
        who = " and ".join(_name(a) for a in actors)
        sections.append(_KeySection(f"How does each article portray {who}? (all voices together)",
                                    tuple(portrayal)))
    terms = [_term_item(x.outlet, t) for x in excerpts for t in x.terms]
    sections.append(_KeySection("Loaded terms (numbered as in the excerpts)", tuple(terms)))
    views, unattributed = [], []
    attributed = _attributed_spans(_by_article(scores_frame(scores, "attribution"), ids))
    # sentences in the outlet's own voice with no source: (article, start, end) ->
    # (excerpt, its numbered loaded words, [True] if the outlet evaluates an actor there)
    own_voice: dict[tuple[str, int, int], tuple[_Excerpt, list[str], list[bool]]] = {}
    for x in excerpts:
        rows = ev[(ev["article_id"].astype(str) == x.article_id) & (ev["kind"] == "stance")] \
            if not ev.empty else ev
        for r in rows.to_dict("records"):
            where = "in the excerpt" if _in_ranges(r, x.ranges) else "elsewhere in the article"
            holder = none_if_missing(r.get("holder")) or "?"
            who = display.holder_name(holder) if holder != "?" else holder
            why, named = plain_why(r), _named_as(r)
            target = _name(r.get("actor")) or "?"
            if named:
                target += f" (named “{named}”)"
            item = (f"{x.outlet}: “{r['text']}” — {who} → {target}, "
                    f"{fmt(r.get('value'), signed=True)} ({where})"
                    + (f". {why}" if why else ""))
            views.append(item)
            if holder == "author":
                lo, hi = _sentence_span(x, int(r["start"]))
                if not any(a < hi and lo < b for a, b in attributed.get(x.article_id, ())):
                    own_voice.setdefault((x.article_id, lo, hi), (x, [], []))[2].append(True)
        # a negated cue ("Mali did not accuse France") looks like a view and is none: the key
        # names it, so that a student who marks it learns why it does not count
        neg = ev[(ev["article_id"].astype(str) == x.article_id) & (ev["kind"] == "negated")
                 & (ev["category"].astype(str) == "cue")] if not ev.empty else ev
        for r in neg.to_dict("records"):
            where = "in the excerpt" if _in_ranges(r, x.ranges) else "elsewhere in the article"
            holder = none_if_missing(r.get("holder"))
            who = display.holder_name(holder) if holder else "?"
            why = plain_why(r)
            head = f"{x.outlet}: “{r['text']}” — {who} → {_name(r.get('actor')) or '?'}"
            views.append(f"{head} ({where}). {why}" if why.startswith("Not counted")
                         else f"{head}, not counted ({where})" + (f". {why}" if why else ""))
        # and the sentences of the excerpt whose loaded words come with no source: the outlet's
        # own wording
        for t in x.terms:
            lo, hi = _sentence_span(x, t.start)
            if not any(a < hi and lo < b for a, b in attributed.get(x.article_id, ())):
                own_voice.setdefault((x.article_id, lo, hi), (x, [], []))[1].append(f"“{t.text}” ({t.number})")
    for (_aid, lo, hi), (x, words, evaluates) in own_voice.items():
        what = ["the outlet itself evaluates an actor"] if evaluates else []
        if words:
            what.append(f"loaded word{'s' if len(words) > 1 else ''} in the outlet's own voice: {', '.join(words)}")
        unattributed.append(f"{x.outlet}: “{x.text[lo:hi]}” (no source given; {'; '.join(what)})")
    sections.append(_KeySection("Views of actors (whose voice → about whom, stance from −1 to +1)",
                                tuple(views)))
    sections.append(_KeySection("Who is quoted, and who is not", tuple(_voices(scores, ids, outlet))))
    style = _by_article(scores_frame(scores, "style"), ids)
    for r in style.to_dict("records"):
        n = none_if_missing(r.get("unattributed_claims"))
        if n is not None:
            unattributed.append(f"{outlet.get(str(r['article_id']), '')}: "
                                f"{fmt(n, 0)} claim{'' if int(n) == 1 else 's'} without attribution "
                                "in the whole article")
    if not style.empty and "unattributed_claims" in style.columns:
        unattributed.append(f"(Here {display.metric_definition('unattributed_claims')}.)")
    sections.append(_KeySection("Stated without attribution", tuple(dict.fromkeys(unattributed))))
    labels = _by_article(scores_frame(scores, "labels"), ids)
    label_items = []
    if not labels.empty:
        # a label inside a quotation is the quoted speaker's choice: "RT quotes ...", not "RT says ..."
        # no "quoted" column (a labels frame of an older version): none known to be quoted
        quoted = pd.to_numeric(labels["quoted"], errors="coerce") if "quoted" in labels.columns else 0
        labels = labels.assign(quoted=quoted).fillna({"quoted": 0})
        agg = labels.groupby(["referent", "outlet", "label"])[["count", "quoted"]].sum()
        for key, (c, q) in zip(agg.index, agg.itertuples(index=False)):
            if isinstance(key, tuple):
                ref, out, lab = key
                own, quoted = int(c) - int(q), int(q)
                if own > 0:
                    label_items.append(f"{_name(ref)}: {out} says “{lab}” ({own}×)")
                if quoted > 0:
                    label_items.append(f"{_name(ref)}: {out} quotes “{lab}” ({quoted}×)")
    sections.append(_KeySection("Labels for the same group", tuple(label_items)))
    return sections


def _sentence_span(ex: _Excerpt, offset: int) -> tuple[int, int]:
    """Offsets of the sentence of the excerpt's article around ``offset`` (for the answer key)."""
    i = bisect.bisect_right([s for s, _ in ex.sentences], offset) - 1
    if i >= 0 and ex.sentences[i][0] <= offset < ex.sentences[i][1]:
        return ex.sentences[i]
    return max(0, offset - 60), min(len(ex.text), offset + 60)


def _attributed_spans(att: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per article, the spans of every attribution (source, reporting cue, content).

    A sentence holding one of them is not "stated without attribution", even where
    the stance cue itself is outside it ("In addition to cooperation with Moscow,
    Diop stressed ..."). Scare quotes are the writer's own voice and do not count.
    """
    out: dict[str, list[tuple[int, int]]] = {}
    if att.empty:
        return out
    for r in att.to_dict("records"):
        # scare quotes and the contents of learned cues (class "unlisted") stay the writer's
        # own voice, as for voice_of and the stance holders
        if none_if_missing(r.get("quote_type")) == "scare" or none_if_missing(r.get("cue_class")) == "unlisted":
            continue
        for a, b in (("source_start", "source_end"), ("cue_start", "cue_end"), ("content_start", "content_end")):
            lo, hi = none_if_missing(r.get(a)), none_if_missing(r.get(b))
            if lo is not None and hi is not None:
                out.setdefault(str(r["article_id"]), []).append((int(lo), int(hi)))
    return out


def _voices(scores: Any, ids: Sequence[str], outlet: Mapping[str, str]) -> list[str]:
    """Sources quoted per article, and actors mentioned but never quoted."""
    att = _by_article(scores_frame(scores, "attribution"), ids)
    men = _by_article(scores_frame(scores, "mentions"), ids)
    ev = _by_article(scores_frame(scores, "evidence"), ids)
    items = []
    for aid in ids:
        rows = att[att["article_id"].astype(str) == aid].to_dict("records") if not att.empty else []
        for r in rows:
            bits = [display.holder_name(r.get(k)) if k == "affiliation" else str(r.get(k))
                    for k in ("source_type", "affiliation", "quote_type") if none_if_missing(r.get(k))]
            cue = none_if_missing(r.get("cue"))
            cue_class = none_if_missing(r.get("cue_class"))
            cue_txt = f", cue “{cue}”" + (f" ({cue_class})" if cue_class else "") if cue else ""
            items.append(f"{outlet[aid]}: {none_if_missing(r.get('source')) or 'unnamed source'} "
                         f"({', '.join(bits)}){cue_txt}")
        quoted = {str(r.get("affiliation")) for r in rows if none_if_missing(r.get("affiliation"))}
        mentioned: set[str] = set()
        if not men.empty:
            mentioned |= set(men[men["article_id"].astype(str) == aid]["actor"].dropna().astype(str))
        if not ev.empty:
            mentioned |= set(ev[(ev["article_id"].astype(str) == aid) & (ev["kind"] == "actor")]
                             ["actor"].dropna().astype(str))
        silent = sorted(mentioned - quoted)
        if silent:
            items.append(f"{outlet[aid]}: mentioned but not quoted: "
                         f"{', '.join(_name(a) for a in silent)}")
        if not rows:
            items.append(f"{outlet[aid]}: no quoted source found")
    return items


def _key_md(title: str, notices: Sequence[str], sections: Sequence[_KeySection]) -> str:
    lines = [f"# Answer key: {_md(title)}", "", f"> **{KEY_WARNING}** This key was generated "
             "from framecmp's evidence; edit this Markdown file before class.", ""]
    lines += [f"> {_md(n)}\n" for n in notices]
    for sec in sections:
        lines += [f"## {_md(sec.title)}", ""]
        lines += [f"- {_md(i)}" for i in sec.items] or ["- (nothing found)"]
        lines.append("")
    return "\n".join(lines)


def _key_html(title: str, notices: Sequence[str], sections: Sequence[_KeySection]) -> str:
    parts = [f"<h1>Answer key: {_h(title)}</h1>",
             f'<p class="fc-ws-notice"><strong>{_h(KEY_WARNING)}</strong> This key was '
             "generated from framecmp's evidence. The Markdown version is the one to edit.</p>"]
    parts += [f'<p class="fc-ws-notice">{_h(n)}</p>' for n in notices]
    for sec in sections:
        items = "".join(f"<li>{_h(i)}</li>" for i in sec.items) or "<li>(nothing found)</li>"
        parts.append(f"<section><h2>{_h(sec.title)}</h2><ul class=\"fc-ws-key\">{items}</ul></section>")
    return _page(f"Answer key: {title}", "".join(parts))


def _page(title: str, fragment: str) -> str:
    """A complete, printable HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_h(title)}</title><style>{WORKSHEET_CSS}</style></head>"
        f'<body><main class="fc-ws">{fragment}</main></body></html>'
    )


def _sheet_html(title: str, notices: Sequence[str], excerpts: Sequence[_Excerpt],
                questions: Sequence[str], mode: str) -> str:
    intro = ("Read the excerpts side by side. Each blank ______ (n) replaces a word the outlet "
             "used: a word with a connotation."
             if mode == "blank" else "Read the excerpts side by side. Highlighted words are "
             "loaded terms: words with a connotation, from framecmp's list of the story's framing "
             "words and its general list of negative and subjective words.")
    qs = "".join(f"<li>{_h(q)}<div class=\"fc-ws-lines\"></div><div class=\"fc-ws-lines\"></div></li>"
                 for q in questions)
    return "".join([
        f"<h1>{_h(title)}</h1>",
        '<p class="fc-ws-meta">Name: ____________________ Date: ____________</p>',
        *(f'<p class="fc-ws-notice">{_h(n)}</p>' for n in notices),
        f"<p>{_h(intro)}</p>",
        '<div class="fc-ws-grid">' + "".join(_card_html(x, mode) for x in excerpts) + "</div>",
        f'<section class="fc-ws-questions"><h2>Questions</h2><ol>{qs}</ol></section>',
    ])


def _sheet_md(title: str, notices: Sequence[str], excerpts: Sequence[_Excerpt],
              questions: Sequence[str], mode: str) -> str:
    lines = [f"# {_md(title)}", ""]
    lines += [f"> {_md(n)}\n" for n in notices]
    lines += [("Fill in the blanks, then answer the questions." if mode == "blank"
               else "Words in **bold** are loaded terms: words with a connotation, from framecmp's "
                    "list of the story's framing words and its general list of negative and "
                    "subjective words."), ""]
    lines += [_card_md(x, mode) for x in excerpts]
    lines += ["## Questions", ""]
    lines += [f"{i}. {_md(q)}" for i, q in enumerate(questions, 1)]
    return "\n".join(lines) + "\n"


def worksheet(
    scores: Scores,
    *,
    event: str | None = None,
    outlets: Sequence[str] | None = None,
    articles: Sequence[str] | None = None,
    mode: Literal["highlight", "blank"] = "highlight",
    max_excerpt_sentences: int = 6,
    title: str | None = None,
) -> Worksheet:
    """Excerpts of one event from several outlets, questions and an answer key.

    Parameters
    ----------
    scores : Scores
        The result of :func:`framecmp.score` (``scores.corpus`` holds the texts).
    event : str, optional
        Use articles of this event (the ``event`` column). By default, the event
        covered by the most outlets; if no event is shared, one article per outlet.
    outlets : list of str, optional
        Restrict to these outlets.
    articles : list of str, optional
        Use exactly these article ids (overrides ``event`` and ``outlets``).
    mode : {"highlight", "blank"}
        Highlight loaded terms, or blank them as ``______ (1)`` to fill in.
    max_excerpt_sentences : int
        Sentences per excerpt: those carrying the most evidence, in text order.
    title : str, optional
        Worksheet title.

    Returns
    -------
    Worksheet
        ``.html``, ``.markdown``, ``.answer_key_html``, ``.answer_key_markdown``,
        ``.save(path)``.
    """
    check_choice("mode", "worksheet", mode, ["highlight", "blank"])
    if not isinstance(max_excerpt_sentences, int) or max_excerpt_sentences < 1:
        raise param_error("max_excerpt_sentences", "worksheet", "a positive int",
                          max_excerpt_sentences)
    ids, chosen_event = _choose(scores, event=event, outlets=outlets, articles=articles)
    evidence = scores_frame(scores, "evidence")
    attribution = scores_frame(scores, "attribution")
    excerpts: list[_Excerpt] = []
    number = 1
    for aid in ids:
        article = corpus_article(scores, aid)
        if article is None or not isinstance(getattr(article, "text", None), str):
            continue
        ev = evidence[evidence["article_id"].astype(str) == aid] if not evidence.empty else evidence
        ex = _excerpt(article, aid, ev, max_sentences=max_excerpt_sentences, first_number=number,
                      att=_by_article(attribution, [aid]))
        number += len(ex.terms)
        excerpts.append(ex)
    if not excerpts:
        raise param_error("scores", "worksheet", "scores that hold their corpus (scores.corpus)",
                          None, got=f"no article text for the chosen articles {ids}")
    used = [x.article_id for x in excerpts]
    heading = title or (f"How is it reported? {chosen_event}" if chosen_event
                        else "How is the story framed?")
    notices = _notices(scores_frame(scores, "articles"), used)
    questions = _questions(scores, used, excerpts, mode)
    sections = _key_sections(scores, excerpts)
    fragment = _sheet_html(heading, notices, excerpts, questions, mode)
    return Worksheet(
        html=_page(heading, fragment),
        markdown=_sheet_md(heading, notices, excerpts, questions, mode),
        answer_key_html=_key_html(heading, notices, sections),
        answer_key_markdown=_key_md(heading, notices, sections),
        title=heading,
        fragment=f'<div class="fc-ws">{fragment}</div>',
        n_articles=len(excerpts),
        n_questions=len(questions),
        mode=mode,
    )
