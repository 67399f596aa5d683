"""Boilerplate removal by span, with a removal log and an offset map.

Web pages glue junk into articles: comment prompts, cookie notices, "READ ALSO"
teasers, share counts, navigation crumbs, and sometimes a related-story headline
or a byline glued *inside* a sentence ("...in New York.InternationalIndiaAfrica
Muhammad OsmanWriter/EditorRussian Foreign Minister..."). :func:`clean` removes
such **spans** (not only whole lines), logs every removal with its reason, and
returns an :class:`OffsetMap` from the cleaned text back to the raw text.

The rules are data: ``lexicons/boilerplate.yaml``, loaded and validated by
:func:`framecmp.io.boilerplate.load_boilerplate`. Every rule is a regular
expression run with the ``regex`` module under a time budget, so a user
pattern cannot hang a run; cheap literal filters
(:mod:`framecmp.io.regex_literals`) skip the lines a rule cannot match.

Rule scopes
-----------
``line``
    The pattern must match a whole line (surrounding whitespace ignored); the
    line is removed.
``inline``
    Every match inside a line is removed and replaced by ``replace`` (default
    ``""``; ``"\\n"`` keeps what was glued on either side apart). A line left
    empty is removed.
``block``
    The pattern must match a whole line (a heading such as "Related Articles");
    that line and the lines under it are removed, up to the next line that reads
    like reporting (:data:`REPORTING_MIN_WORDS` words or more, ending like a
    sentence, not with "..."), up to a line matched by a rule marked
    ``ends_block: true`` (which is then removed by its own rule), or to the end.
``caption``
    Nothing is removed: paragraphs matching a caption pattern are photo
    captions, kept and marked. :attr:`~framecmp.io.boilerplate.BoilerplateRules.caption_patterns` serves
    them to the text layer; :attr:`Cleaned.captions` gives their spans.

Besides the rules, cleaning always normalises line endings (``\\r\\n``, ``\\r``),
strips trailing whitespace, removes a title line repeated in the body (reason
``"repeated title"``, so the title counts once), and collapses runs of blank
lines. These are mapped by the offset map; only the repeated title is logged.
"""

from __future__ import annotations

import bisect
import logging
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from framecmp._validation import type_error
from framecmp.io.boilerplate import BoilerplateRules, Rule, default_rules, warn_timeout
from framecmp.io.regex_literals import lowered, prefilter, required_literals

__all__ = [
    "REPORTING_MIN_WORDS",
    "Cleaned",
    "OffsetMap",
    "Removal",
    "clean",
    "find_captions",
]

logger = logging.getLogger(__name__)

REPORTING_MIN_WORDS = 15
"""A line of at least this many words, ending like a sentence, ends a block."""

_TITLE_RULE_ID = "bp.repeated-title"
_TITLE_REASON = "repeated title"
_SITE_SUFFIX_RULE_ID = "bp.title-site-suffix"
_SITE_SUFFIX_REASON = "site name"
_SITE_SEPARATORS = frozenset("-–—|:»")
_SITE_SEPARATOR_RE = re.compile("[" + re.escape("".join(sorted(_SITE_SEPARATORS))) + "]")
_SITE_SUFFIX_RE = re.compile(r"[-–—|:»]\s*[^.!?\n]{1,60}")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Removal:
    """One span removed from the raw text.

    Attributes
    ----------
    raw_start, raw_end : int
        The span in the raw text; ``raw[raw_start:raw_end] == text``.
    text : str
        What was removed.
    reason : str
        Why, in words ("comment prompt", "related-story glue", ...).
    rule_id : str
        The rule that fired (``bp.*`` ids of ``boilerplate.yaml``, or
        ``bp.repeated-title``).
    """

    raw_start: int
    raw_end: int
    text: str
    reason: str
    rule_id: str

    def as_row(self, article_id: str) -> dict[str, Any]:
        """A row of the removal log (``framecmp.schema.REMOVALS``)."""
        return {
            "article_id": article_id,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "text": self.text,
            "reason": self.reason,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets of a cleaned text back to the raw text it came from.

    The cleaned text is a sequence of segments: runs copied from the raw text,
    and separators inserted where a span was removed (``"\\n"`` or ``" "``).
    A copied character maps to its raw position; an inserted character maps to
    the whole raw span it replaced.

    Invariant: ``raw[m.raw_span(s, e)] == text[s:e]`` whenever ``[s, e)``
    contains no inserted character and crosses no removal (see
    :meth:`is_contiguous`). Otherwise ``raw_span`` still gives the raw
    stretch the span came from, removed junk included.

    Examples
    --------
    >>> c = clean("Leave a Reply\\nMali said no.\\r\\n")
    >>> c.text
    'Mali said no.'
    >>> sl = c.offsets.raw_span(0, 4)
    >>> sl, "Leave a Reply\\nMali said no.\\r\\n"[sl]
    (slice(14, 18, None), 'Mali')
    """

    raw_length: int
    text_length: int
    _clean_starts: tuple[int, ...] = field(repr=False)
    _raw_starts: tuple[int, ...] = field(repr=False)
    _raw_ends: tuple[int, ...] = field(repr=False)
    _inserted: tuple[bool, ...] = field(repr=False)

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        """The map of a text that was not changed (``n`` characters)."""
        if n == 0:
            return cls(0, 0, (), (), (), ())
        return cls(n, n, (0,), (0,), (n,), (False,))

    def _segment(self, i: int) -> int:
        if not 0 <= i < self.text_length:
            raise IndexError(
                f"offset {i} is outside the cleaned text (length {self.text_length})"
            )
        return bisect.bisect_right(self._clean_starts, i) - 1

    def _start_of(self, i: int) -> int:
        k = self._segment(i)
        if self._inserted[k]:
            return self._raw_starts[k]
        return self._raw_starts[k] + (i - self._clean_starts[k])

    def _end_of(self, i: int) -> int:
        k = self._segment(i)
        if self._inserted[k]:
            return self._raw_ends[k]
        return self._raw_starts[k] + (i - self._clean_starts[k]) + 1

    def to_raw(self, i: int) -> int:
        """Raw offset of cleaned offset ``i`` (``0 <= i <= len(text)``).

        ``to_raw(len(text))`` is the raw position just after the last cleaned
        character (0 for an empty text).
        """
        if i == self.text_length:
            return self._end_of(i - 1) if i > 0 else 0
        return self._start_of(i)

    def raw_span(self, start: int, end: int) -> slice:
        """The raw slice that cleaned ``text[start:end]`` came from."""
        if not 0 <= start <= end <= self.text_length:
            raise IndexError(
                f"span ({start}, {end}) is not inside the cleaned text "
                f"(length {self.text_length})"
            )
        if start == end:
            p = self.to_raw(start)
            return slice(p, p)
        return slice(self._start_of(start), self._end_of(end - 1))

    def is_contiguous(self, start: int, end: int) -> bool:
        """Whether cleaned ``[start, end)`` is one unbroken run of the raw text.

        True when the span contains no inserted separator and crosses no
        removal; then ``raw[self.raw_span(start, end)] == text[start:end]``.
        """
        if start >= end:
            return True
        k = self._segment(start)
        return not self._inserted[k] and k == self._segment(end - 1)

    def inserted_spans(self) -> list[tuple[int, int]]:
        """Cleaned spans of every inserted separator."""
        out = []
        for k, ins in enumerate(self._inserted):
            if ins:
                s = self._clean_starts[k]
                e = self._clean_starts[k + 1] if k + 1 < len(self._clean_starts) else self.text_length
                out.append((s, e))
        return out


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of :func:`clean`.

    Attributes
    ----------
    text : str
        The cleaned text.
    offsets : OffsetMap
        From cleaned offsets back to the raw text.
    removals : tuple of Removal
        Every logged removal, in raw order.
    captions : tuple of (int, int)
        Cleaned spans of the lines that match a caption pattern (kept).
    timeouts : tuple of str
        Ids of rules that ran out of time on this text and were skipped.
    """

    text: str
    offsets: OffsetMap
    removals: tuple[Removal, ...] = ()
    captions: tuple[tuple[int, int], ...] = ()
    timeouts: tuple[str, ...] = ()


# --------------------------------------------------------------------------- edits


@dataclass(frozen=True, slots=True)
class _Edit:
    """Replace ``[start, end)`` of a text by ``replace``; ``logs`` are logged removals.

    ``stage`` orders edits made on successive versions of the text: where two
    edits cover the same raw span, the later stage decides the replacement.
    """

    start: int
    end: int
    replace: str
    logs: tuple[Removal, ...] = ()
    stage: int = 0


def _build(raw: str, edits: Sequence[_Edit]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits to ``raw``; return text and map."""
    pieces: list[str] = []
    cs: list[int] = []
    rs: list[int] = []
    re_: list[int] = []
    ins: list[bool] = []
    pos = 0
    out_len = 0

    def add_copy(a: int, b: int) -> None:
        nonlocal out_len
        if b <= a:
            return
        if ins and not ins[-1] and re_[-1] == a:
            re_[-1] = b  # extend the previous copy run
        else:
            cs.append(out_len)
            rs.append(a)
            re_.append(b)
            ins.append(False)
        pieces.append(raw[a:b])
        out_len += b - a

    for ed in edits:
        add_copy(pos, ed.start)
        if ed.replace:
            cs.append(out_len)
            rs.append(ed.start)
            re_.append(ed.end)
            ins.append(True)
            pieces.append(ed.replace)
            out_len += len(ed.replace)
        pos = ed.end
    add_copy(pos, len(raw))
    text = "".join(pieces)
    return text, OffsetMap(len(raw), out_len, tuple(cs), tuple(rs), tuple(re_), tuple(ins))


def _lift(
    edits: Iterable[tuple[int, int, str, tuple[str, str] | None]],
    om: OffsetMap,
    raw: str,
    stage: int,
) -> list[_Edit]:
    """Express edits ``(start, end, replace, (reason, rule_id) | None)`` on a
    cleaned text as edits on the raw text."""
    out = []
    for s, e, rep, log in edits:
        if e <= s:
            continue
        sl = om.raw_span(s, e)
        logs = () if log is None else (Removal(sl.start, sl.stop, raw[sl], log[0], log[1]),)
        out.append(_Edit(sl.start, sl.stop, rep, logs, stage))
    return out


def _merge(edits: Iterable[_Edit]) -> list[_Edit]:
    """Sort edits; fold an edit lying inside another into it (keeping its logs)."""
    out: list[_Edit] = []
    for ed in sorted(edits, key=lambda e: (e.start, -e.end, -e.stage)):
        if out and ed.start < out[-1].end:
            big = out[-1]
            same = ed.start == big.start and ed.end == big.end
            out[-1] = _Edit(
                big.start,
                max(big.end, ed.end),
                ed.replace if same and ed.stage > big.stage else big.replace,
                big.logs + ed.logs,
                max(big.stage, ed.stage),
            )
            continue
        out.append(ed)
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, without its newline."""
    spans = []
    start = 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# --------------------------------------------------------------------------- cleaning

# A local edit on one version of the text: (start, end, replace, (reason, rule_id) | None).
_Local = tuple[int, int, str, tuple[str, str] | None]


_LINE_BREAK_RE = re.compile(r"[\r\n]")


def _trailing_spaces(raw: str) -> list[tuple[int, int]]:
    """The spans of ``re.finditer(r"[^\\S\\r\\n]+(?=[\\r\\n]|\\Z)", raw)``: runs of
    whitespace other than line breaks that end a line; found from the line ends
    back (the regular expression tries every space between two words)."""
    out = []
    for e in [*(m.start() for m in _LINE_BREAK_RE.finditer(raw)), len(raw)]:
        s = e
        while s > 0 and raw[s - 1].isspace() and raw[s - 1] not in "\r\n":
            s -= 1
        if s < e:
            out.append((s, e))
    return out


def _normalise_edits(raw: str) -> list[_Edit]:
    edits = [_Edit(s, e, "") for s, e in _trailing_spaces(raw)]
    for m in re.finditer(r"\r\n?", raw):
        if m.group() == "\r\n":
            edits.append(_Edit(m.start(), m.start() + 1, ""))
        else:
            edits.append(_Edit(m.start(), m.end(), "\n"))
    return _merge(edits)


_TITLE_TRANS = str.maketrans("’‘“”–—", "''\"\"--")
_TITLE_PAIRS = tuple((chr(k), chr(v)) for k, v in _TITLE_TRANS.items())  # for str.replace


def _norm_title(s: str) -> str:
    if s.isascii():  # NFKC and _TITLE_TRANS leave ASCII as it is (the usual line)
        return " ".join(s.casefold().split())
    s = unicodedata.normalize("NFKC", s)
    for a, b in _TITLE_PAIRS:  # s.translate(_TITLE_TRANS), faster on long lines
        if a in s:
            s = s.replace(a, b)
    return " ".join(s.casefold().split())


def _looks_like_reporting(line: str) -> bool:
    s = line.strip()
    if len(s.split()) < REPORTING_MIN_WORDS or s.endswith(("...", "…")):
        return False
    s = s.rstrip("\"'”’»)]")
    return s.endswith((".", "!", "?"))


def _looks_like_heading(line: str) -> bool:
    s = line.strip().rstrip("\"'”’»)]")
    return bool(s) and s[-1] not in ".!?…:;" and len(s.split()) <= 25


MAX_FURNITURE_LINE = 600
"""Lines longer than this many characters are never removed whole by a line or block rule."""


_LINE_FILTER_MAX = 8
"""An inline rule with more required strings than this is not filtered line by
line: one scan of the text per string would cost about what the rule does."""


def _lines_with(
    low: str, literals: frozenset[str], lines: Sequence[tuple[int, int]], starts: Sequence[int]
) -> set[int] | None:
    """Indices of the lines (spans of ``low``) that contain one of ``literals``
    whole; None when the literals occur too often for the filter to pay."""
    out: set[int] = set()
    limit = 4 * len(lines) + 16
    n = 0
    for lit in literals:
        p = low.find(lit)
        while p >= 0:
            n += 1
            if n > limit:
                return None
            k = bisect.bisect_right(starts, p) - 1
            if p + len(lit) <= lines[k][1]:
                out.add(k)
            p = low.find(lit, p + 1)
    return out


def _rule_key(rules: Sequence[Rule]) -> tuple[tuple[str, int], ...]:
    return tuple((r.compiled.pattern, r.compiled.flags) for r in rules)


class _Matcher:
    """Runs every rule on the lines of one text, each within its time budget.

    Whole-line rules are first run together, as one alternation, over each
    candidate line: a line none of them can match is then skipped rule by rule.
    """

    def __init__(self, rules: BoilerplateRules, text: str, lines: list[tuple[int, int]]):
        self.timeouts: list[str] = []
        self.full: dict[str, set[int]] = {}
        self.inline: dict[str, list[tuple[int, int]]] = {}
        budget = rules.timeout * max(1.0, len(text) / 100_000)
        # whole-line rules only ever match page furniture, which is short: long
        # lines (reporting paragraphs) are not tried, which keeps cleaning fast
        candidates = [
            (k, c)
            for k, (s, e) in enumerate(lines)
            if 0 < e - s <= MAX_FURNITURE_LINE and (c := text[s:e].strip())
        ]
        full_rules = [r for r in rules.rules if r.scope in ("line", "block")]
        # whole-line rules, first run together as one alternation: a candidate
        # it rejects matches none of them and need not be tried rule by rule.
        # (Inline rules are not folded: their alternation searches slower than
        # the rules one by one.)
        todo: dict[str, list[tuple[int, str]]] = {r.id: candidates for r in full_rules}
        combined, folded = prefilter(_rule_key(full_rules)) if full_rules else (None, frozenset())
        if combined is not None:
            deadline = time.perf_counter() + budget
            try:
                kept = []
                for item in candidates:
                    left = max(deadline - time.perf_counter(), 1e-4)
                    if combined.fullmatch(item[1], timeout=left):
                        kept.append(item)
            except TimeoutError:  # the filter is only a shortcut: try every line
                kept = candidates
            for i, r in enumerate(full_rules):
                if i in folded:
                    todo[r.id] = kept
        low: str | None = None
        starts: list[int] = []
        for rule in rules.rules:
            if rule.scope == "caption":
                continue
            deadline = time.perf_counter() + budget
            try:
                if rule.scope == "inline":
                    found: list[tuple[int, int]] = []
                    # only the lines holding a string that every match contains
                    only: set[int] | None = None
                    lits = required_literals(rule.compiled)
                    if lits is not None and len(lits) <= _LINE_FILTER_MAX:
                        if low is None:
                            low = lowered(text) or ""
                            starts = [s for s, _ in lines]
                        if low:
                            only = _lines_with(low, lits, lines, starts)
                    for k, (s, e) in enumerate(lines):
                        if s == e or (only is not None and k not in only):
                            continue
                        left = max(deadline - time.perf_counter(), 1e-4)
                        for m in rule.compiled.finditer(text, s, e, timeout=left):
                            if m.end() > m.start():
                                found.append((m.start(), m.end()))
                    self.inline[rule.id] = found
                else:
                    hits: set[int] = set()
                    for k, content in todo[rule.id]:
                        left = max(deadline - time.perf_counter(), 1e-4)
                        if rule.compiled.fullmatch(content, timeout=left):
                            hits.add(k)
                    self.full[rule.id] = hits
            except TimeoutError:
                self.timeouts.append(rule.id)
                self.full.pop(rule.id, None)
                self.inline.pop(rule.id, None)
                warn_timeout(rule.id, budget)


def _touched_lines(edits: Sequence[_Local], lines: Sequence[tuple[int, int]]) -> set[int]:
    """The lines (indices into ``lines``, in text order) that a logged edit touches
    (``a < e and s < b``); found by bisection, so that a page of many thousand lines
    takes linear time."""
    ends = [e for _, e in lines]
    out: set[int] = set()
    for a, b, _, log in edits:
        if log is None:
            continue
        k = bisect.bisect_right(ends, a)  # the first line ending after a
        while k < len(lines) and lines[k][0] < b:
            out.add(k)
            k += 1
    return out


def _rule_edits(
    text: str, rules: BoilerplateRules, title: str | None
) -> tuple[list[_Local], list[str]]:
    """Edits on ``text`` (already normalised) for the rules and the repeated title."""
    lines = _line_spans(text)
    matcher = _Matcher(rules, text, lines)
    line_rules = [r for r in rules.rules if r.scope in ("line", "block") and r.id in matcher.full]
    enders: set[int] = set()
    for r in line_rules:
        if r.ends_block:
            enders |= matcher.full[r.id]
    edits: list[_Local] = []
    removed: set[int] = set()

    def drop_line(k0: int, k1: int, log: tuple[str, str]) -> None:
        """Remove lines k0..k1 (inclusive) and the newline after them."""
        s, e = lines[k0][0], lines[k1][1]
        edits.append((s, e, "", log))
        if e < len(text):
            edits.append((e, e + 1, "", None))
        removed.update(range(k0, k1 + 1))

    # the first rule (in rule order) that matches each line
    first_rule: dict[int, Rule] = {}
    for r in line_rules:
        for k in matcher.full[r.id]:
            first_rule.setdefault(k, r)
    k = 0
    while k < len(lines):
        rule = first_rule.get(k)
        if rule is None:
            k += 1
            continue
        last = k
        if rule.scope == "block":
            j = k + 1
            while j < len(lines):
                content = text[lines[j][0] : lines[j][1]]
                if content.strip():
                    if j in enders or _looks_like_reporting(content):
                        break
                    last = j
                j += 1
        drop_line(k, last, (rule.reason, rule.id))
        k = last + 1

    # inline rules, on the lines that survived
    starts = [s for s, _ in lines]
    by_line: dict[int, list[tuple[int, int, Rule]]] = {}
    for rule in rules.rules:
        if rule.scope != "inline" or rule.id not in matcher.inline:
            continue
        for s, e in matcher.inline[rule.id]:
            li = bisect.bisect_right(starts, s) - 1
            if li not in removed:
                by_line.setdefault(li, []).append((s, e, rule))
    for li, found in sorted(by_line.items()):
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        kept: list[tuple[int, int, Rule]] = []
        for s, e, rule in found:
            if not kept or s >= kept[-1][1]:
                kept.append((s, e, rule))
        ls, le = lines[li]
        residue = text[ls : kept[0][0]] + "".join(
            text[kept[i][1] : (kept[i + 1][0] if i + 1 < len(kept) else le)]
            for i in range(len(kept))
        )
        if residue.strip():
            prev_end, prev_rep = -1, ""
            for s, e, rule in kept:
                rep = "" if (s == prev_end and prev_rep) else rule.replace
                edits.append((s, e, rep, (rule.reason, rule.id)))
                prev_end, prev_rep = e, rep
        else:  # nothing left on the line: remove all of it and its newline
            pos = ls
            for s, e, rule in kept:
                if pos < s:
                    edits.append((pos, s, "", None))
                edits.append((s, e, "", (rule.reason, rule.id)))
                pos = e
            if pos < le:
                edits.append((pos, le, "", None))
            if le < len(text):
                edits.append((le, le + 1, "", None))
            removed.add(li)

    # a title line repeated in the body
    survivors = [i for i, (s, e) in enumerate(lines) if i not in removed and text[s:e].strip()]
    # the edits made below touch only their own line, so this holds throughout
    touched = _touched_lines(edits, lines)
    ntitle = _norm_title(title) if title else None
    if ntitle is None and survivors:
        first = lines[survivors[0]]
        if _looks_like_heading(text[first[0] : first[1]]) and survivors[0] not in touched:
            ntitle = _norm_title(text[first[0] : first[1]])
    if ntitle:
        seen = False
        for i in survivors:
            s, e = lines[i]
            if i in touched:
                continue
            content = text[s:e]
            lead = len(content) - len(content.lstrip())
            body = content.strip()
            suffix_at: int | None = None
            if _norm_title(body) != ntitle:
                for sep in _SITE_SEPARATOR_RE.finditer(body):
                    j = sep.start()
                    if (
                        _SITE_SUFFIX_RE.fullmatch(body, j)
                        and _norm_title(body[:j]) == ntitle
                    ):
                        suffix_at = len(body[:j].rstrip())
                        break
                if suffix_at is None:
                    continue
            if not seen:
                seen = True
                if suffix_at is not None:
                    edits.append(
                        (s + lead + suffix_at, e, "", (_SITE_SUFFIX_REASON, _SITE_SUFFIX_RULE_ID))
                    )
                continue
            edits.append((s, e, "", (_TITLE_REASON, _TITLE_RULE_ID)))
            if e < len(text):
                edits.append((e, e + 1, "", None))
    return edits, matcher.timeouts


def _collapse_edits(text: str) -> list[_Local]:
    edits: list[_Local] = []
    m = re.match(r"\s+", text)
    if m:
        edits.append((0, m.end(), "", None))
    m = re.search(r"\s+\Z", text)
    if m and m.start() > 0:
        edits.append((m.start(), m.end(), "", None))
    for m in re.finditer(r"\n{3,}", text):
        if m.start() > 0 and m.end() < len(text):
            edits.append((m.start() + 2, m.end(), "", None))
    return edits


def find_captions(text: str, rules: BoilerplateRules | None = None) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` that match a caption pattern.

    Captions are kept in the cleaned text; this marks them.

    Examples
    --------
    >>> find_captions("Mali.\\nThe minister in Moscow via Wikicommons\\nMore.")
    [(6, 44)]
    """
    rules = default_rules() if rules is None else rules
    pats = rules.caption_patterns
    if not pats:
        return []
    out = []
    for s, e in _line_spans(text):
        if e > s and any(p.search(text, s, e) for p in pats):
            out.append((s, e))
    return out


def clean(
    raw: str,
    *,
    rules: BoilerplateRules | None = None,
    title: str | None = None,
    captions: bool = True,
) -> Cleaned:
    """Remove boilerplate spans from ``raw``; log them; map offsets back.

    Parameters
    ----------
    raw : str
        The article text as read.
    rules : BoilerplateRules, optional
        Default: the bundled rules (:func:`default_rules`).
    title : str, optional
        The article's title. Later lines repeating it are removed ("repeated
        title"); the first is kept, without a trailing site name ("Title –
        Une Plume du Mali"). Without a title, a heading-like first line is used.
    captions : bool
        Mark the caption lines (:attr:`Cleaned.captions`). ``False`` leaves
        ``captions`` empty and saves the searches: the text layer
        (:func:`framecmp.text.doc.analyze`) finds captions itself, so article
        loading does not ask for them.

    Returns
    -------
    Cleaned

    Examples
    --------
    >>> c = clean("Mali and Russia signed.➤Click here to follow our WhatsApp channel.")
    >>> c.text
    'Mali and Russia signed.'
    >>> [(r.reason, r.text) for r in c.removals]
    [('channel promotion', '➤Click here to follow our WhatsApp channel.')]
    """
    if not isinstance(raw, str):
        raise type_error("raw", "clean", "the raw text as a str", raw)
    rules = default_rules() if rules is None else rules
    # stage 1: line endings and trailing whitespace
    edits = _normalise_edits(raw)
    text1, map1 = _build(raw, edits)
    # stage 2: rules and the repeated title
    local, timeouts = _rule_edits(text1, rules, title)
    edits = _merge(edits + _lift(local, map1, raw, 1))
    text2, map2 = _build(raw, edits)
    # stage 3: blank-line runs, leading and trailing blank lines
    edits = _merge(edits + _lift(_collapse_edits(text2), map2, raw, 2))
    text, offsets = _build(raw, edits)
    removals = tuple(sorted((r for ed in edits for r in ed.logs), key=lambda r: r.raw_start))
    if removals:
        logger.debug("clean: removed %d spans", len(removals))
    caps = tuple(find_captions(text, rules)) if captions else ()
    return Cleaned(text, offsets, removals, caps, tuple(timeouts))
