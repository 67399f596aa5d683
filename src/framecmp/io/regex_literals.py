"""Cheap filters run before the boilerplate rules' regular expressions.

Cleaning runs dozens of patterns over every line of every article; most lines
match none of them. Two filters skip the searches that cannot match, and give
the same result by construction (tests compare cleaning with them off):

* :func:`required_literals` reads a pattern (a safe, common subset of the
  ``regex`` syntax; anything else gives None) for strings one of which every
  match must contain: a text (lower-cased by :func:`lowered`) holding none of
  them is not searched.
* :func:`prefilter` folds many whole-line patterns into one alternation: a line
  it rejects matches none of them and need not be tried rule by rule.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import regex

__all__ = ["lowered", "prefilter", "required_literals"]

# --------------------------------------------------------------------------- one alternation

_BASE_FLAGS = regex.compile("x").flags
_GLOBAL_FLAG_RE = re.compile(r"\(\?[a-zA-Z^-]+\)")
# backreferences, recursion, \G and fuzzy constraints make a pattern unsafe to fold
# into one alternation with others
_UNSAFE_RE = re.compile(r"\\[1-9gGkK]|\(\?P[=>]|\(\?R|\(\?[0-9+&-]|(?<!\\[pPNxuU])\{[^}]*[a-zA-Z]")


def _foldable(compiled: Any) -> str | None:
    """``compiled``'s pattern as a self-contained alternative, or None if unsafe."""
    src: str = compiled.pattern
    flags = compiled.flags
    if flags == _BASE_FLAGS | regex.IGNORECASE:
        if not src.startswith("(?i)"):
            return None
        src = src[4:]
        wrap = "(?i:"
    elif flags == _BASE_FLAGS:
        wrap = "(?:"
    else:
        return None
    if _GLOBAL_FLAG_RE.search(src) or _UNSAFE_RE.search(src):
        return None
    return wrap + src + ")"


@functools.lru_cache(maxsize=64)
def prefilter(patterns: tuple[tuple[str, int], ...]) -> tuple[Any, frozenset[int]]:
    """One alternation of the foldable ``patterns`` (given as (pattern, flags)).

    Returns the compiled alternation (None if none fold) and the indices folded
    into it. No match of the alternation means no match of any folded pattern,
    so it is a cheap filter: a line it rejects need not be tried rule by rule.
    """
    parts: list[str] = []
    folded: set[int] = set()
    for i, (pat, flags) in enumerate(patterns):
        alt = _foldable(regex.compile(pat, flags))
        if alt is not None:
            parts.append(alt)
            folded.add(i)
    if not parts:
        return None, frozenset()
    try:
        combined = regex.compile("|".join(parts))
    except regex.error:  # pragma: no cover - each part compiled on its own
        return None, frozenset()
    if combined.flags != _BASE_FLAGS:  # pragma: no cover - defensive
        return None, frozenset()
    return combined, frozenset(folded)


# ---------------------------------------------------------------------------- literal prefilter

_LIT_MAX = 64  # most alternative strings one requirement may have
_EMPTY: frozenset[str] = frozenset([""])
_CLASS_ESCAPES = frozenset("sSdDwW")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_QUANT_RE = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _NoLiterals(Exception):
    """The pattern uses syntax the literal analysis does not read: no prefilter."""


class _LitParser:
    """Reads a small, common subset of ``regex`` syntax to find literal strings
    that every match must contain (:func:`required_literals`).

    Anything outside the subset (backreferences, named groups, flags other than
    a leading ``(?i)`` or ``(?i:...)``, possessive quantifiers, nested sets, fuzzy
    matching...) raises :class:`_NoLiterals`. Lookarounds and anchors are read
    as matching the empty string: dropping a condition can only let more text
    through the filter, never less.

    A node is ``(exact, required)``: ``exact`` is the set of strings the node
    matches when it matches only fixed strings (else None); ``required`` is a
    set of strings one of which every match of the node contains (else None).
    Strings are lower-cased; a case-insensitive non-ASCII character is read
    as a literal only when it has no case (:func:`_caseless`).
    """

    def __init__(self, src: str, icase: bool = False) -> None:
        self.src = src
        self.i = 0
        self.icase = icase  # compiled with IGNORECASE

    def parse(self) -> frozenset[str] | None:
        icase = self.icase
        if self.src.startswith("(?i)"):
            icase = True
            self.i = 4
        exact, req = self._alternation(icase)
        if self.i != len(self.src):
            raise _NoLiterals
        found = exact if exact is not None else req
        if not found or "" in found:
            return None
        return found

    def _alternation(self, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        branches = [self._sequence(icase)]
        while self.i < len(self.src) and self.src[self.i] == "|":
            self.i += 1
            branches.append(self._sequence(icase))
        if len(branches) == 1:
            return branches[0]
        if all(e is not None for e, _ in branches):
            exact = frozenset().union(*(e for e, _ in branches if e is not None))
            if len(exact) > _LIT_MAX:
                return None, None
            return exact, exact
        reqs = [r for _, r in branches]
        if any(r is None for r in reqs):
            return None, None
        req = frozenset().union(*(r for r in reqs if r is not None))
        return None, (req if len(req) <= _LIT_MAX else None)

    def _sequence(self, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        runs: list[frozenset[str]] = []  # requirements met by every match of the sequence
        cur = _EMPTY  # the strings of the run of fixed atoms just read
        all_exact = True
        while self.i < len(self.src) and self.src[self.i] not in "|)":
            exact, req = self._quantified(self._atom(icase))
            if exact is not None and len(cur) * len(exact) <= _LIT_MAX:
                cur = frozenset(a + b for a in cur for b in exact)
                continue
            all_exact = False  # the run of fixed atoms ends here
            if cur != _EMPTY:
                runs.append(cur)
            cur = exact if exact is not None else _EMPTY
            if exact is None and req is not None:
                runs.append(req)
        if all_exact:
            return cur, cur
        if cur != _EMPTY:
            runs.append(cur)
        usable = [r for r in runs if min(map(len, r)) > 0]
        # the most selective: the rarest shortest string, then the fewest strings
        return None, max(usable, key=lambda r: (min(map(_rarity, r)), -len(r)), default=None)

    def _quantified(
        self, node: tuple[frozenset[str] | None, frozenset[str] | None]
    ) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        src, i = self.src, self.i
        if i >= len(src) or src[i] not in "*+?{":
            return node
        lo: int
        if src[i] == "{":
            m = _QUANT_RE.match(src, i)
            if m is None:
                raise _NoLiterals  # a literal brace or fuzzy matching: not read
            lo = int(m.group(1) or 0)
            hi = lo if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
            self.i = m.end()
        else:
            lo = 1 if src[i] == "+" else 0
            hi = 1 if src[i] == "?" else None
            self.i += 1
        if self.i < len(src) and src[self.i] == "?":
            self.i += 1  # lazy: the same strings
        elif self.i < len(src) and src[self.i] == "+":
            raise _NoLiterals  # possessive
        exact, req = node
        if lo == 0:
            return None, None
        if lo == 1 and hi == 1:
            return node
        return None, (req if req is not None else exact)

    def _atom(self, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        src = self.src
        c = src[self.i]
        if c == "(":
            if src.startswith("(?:", self.i):
                self.i += 3
            elif src.startswith("(?i:", self.i):
                self.i += 4
                icase = True
            elif src.startswith(("(?=", "(?!"), self.i) or src.startswith(("(?<=", "(?<!"), self.i):
                self.i += 3 if src[self.i + 2] in "=!" else 4
                self._alternation(icase)
                self._close()
                return _EMPTY, None  # a lookaround, read as empty
            elif src.startswith("(?", self.i):
                raise _NoLiterals
            else:
                self.i += 1
            node = self._alternation(icase)
            self._close()
            return node
        if c == "[":
            self._skip_set()
            return None, None
        if c == "\\":
            return self._escape(icase)
        if c in "^$":
            self.i += 1
            return _EMPTY, None
        if c == ".":
            self.i += 1
            return None, None
        if c in "*+?{)":
            raise _NoLiterals
        self.i += 1
        return self._char(c, icase)

    def _char(self, c: str, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        if icase and not c.isascii() and not _caseless(c):
            return None, None
        s = frozenset([c.lower()])
        return s, s

    def _close(self) -> None:
        if self.i >= len(self.src) or self.src[self.i] != ")":
            raise _NoLiterals
        self.i += 1

    def _escape(self, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        src = self.src
        if self.i + 1 >= len(src):
            raise _NoLiterals
        e = src[self.i + 1]
        self.i += 2
        if e in "pP":
            end = src.find("}", self.i)
            if not src.startswith("{", self.i) or end < 0:
                raise _NoLiterals
            self.i = end + 1
            return None, None
        if e in _CLASS_ESCAPES:
            return None, None
        if e in _ZERO_WIDTH_ESCAPES:
            return _EMPTY, None
        if e in _LITERAL_ESCAPES:
            return self._char(_LITERAL_ESCAPES[e], icase)
        if not e.isalnum() and e.isascii():
            return self._char(e, icase)
        raise _NoLiterals  # backreferences, \g, \N{...}, \x..: not read

    def _skip_set(self) -> None:
        src = self.src
        j = self.i + 1
        if j < len(src) and src[j] == "^":
            j += 1
        if j < len(src) and src[j] == "]":
            raise _NoLiterals  # "[]...]": not read
        while j < len(src) and src[j] != "]":
            if src[j] == "[":
                raise _NoLiterals  # nested sets, POSIX classes
            j += 2 if src[j] == "\\" else 1
        if j >= len(src):
            raise _NoLiterals
        self.i = j + 1


def _rarity(lit: str) -> int:
    """How seldom ``lit`` should occur in news text, roughly: its length, with
    punctuation and symbols (rarer than letters) counting three."""
    return sum(1 if c.isalnum() or c == " " else 3 for c in lit)


def _caseless(c: str) -> bool:
    """A symbol or punctuation mark with no case ("©", "➤"): ``regex`` matches it
    case-insensitively only by itself (checked over every code point)."""
    return unicodedata.category(c)[0] in "SP" and c.lower() == c == c.upper() == c.casefold()


def required_literals(compiled: Any) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of ``compiled`` contains, or None.

    Only for patterns compiled with the default flags (plus ``(?i)``) and
    written in the subset :class:`_LitParser` reads. A text (lower-cased,
    see :func:`lowered`) that contains none of them cannot match, so the
    regular expression need not run.
    """
    return _literals_of(compiled.pattern, compiled.flags)


@functools.lru_cache(maxsize=256)
def _literals_of(pattern: str, flags: int) -> frozenset[str] | None:
    if flags not in (_BASE_FLAGS, _BASE_FLAGS | regex.IGNORECASE):
        return None
    try:
        return _LitParser(pattern, icase=bool(flags & regex.IGNORECASE)).parse()
    except (_NoLiterals, IndexError):
        return None


def lowered(text: str) -> str | None:
    """``text.lower()`` for the literal filter, or None where it is not safe.

    Lower-casing keeps every offset except for "İ" (one character becomes two),
    and "ſ" matches "s" case-insensitively but lower-cases to itself: texts
    with either are always searched. ("K", the Kelvin sign, lower-cases to "k".)
    """
    low = text.lower()
    if len(low) != len(text) or "ſ" in low:
        return None
    return low
