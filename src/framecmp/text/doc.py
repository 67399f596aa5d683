"""The text layer: tokens, sentences, paragraphs, quotations, parts, phrase matching.

Everything here works on the *cleaned* text of an article and returns
character offsets into it, so that ``text[start:end]`` is always the span a
record talks about. :func:`analyze` builds a :class:`Doc` once per article; all
measures share it. :class:`PhraseMatcher` is the one matcher every lexicon uses
(actors, loaded terms, reporting verbs, hedges, cues).

No NLTK data is downloaded: sentence splitting is rule based, with an
abbreviation list, and handles sentences glued together without a space
("...West African country.In the wake of...").
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from framecmp._validation import param_error, type_error
from framecmp.text.inflect import inflections

__all__ = [
    "Token",
    "Sentence",
    "Paragraph",
    "Quote",
    "PhraseMatch",
    "PhraseMatcher",
    "Doc",
    "analyze",
    "tokenize",
    "split_sentences",
    "MAX_SENTENCE_CHARS",
    "HYPHENS",
    "find_quotes",
    "normalize",
    "inflections",
    "headline_span",
    "PARTS",
]

PARTS = ("title", "subheading", "caption", "body")


class Searcher(Protocol):
    """Anything with a regex-like ``search`` (``re.Pattern``, a timed pattern)."""

    def search(self, string: str) -> Any: ...

# --------------------------------------------------------------------------- records


class Token(NamedTuple):
    """A token with its offsets in the text and its normalised form.

    A NamedTuple rather than a dataclass: articles have thousands of tokens,
    and tuples are several times cheaper to build.
    """

    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (one line block of the cleaned text) and its part."""

    index: int
    start: int
    end: int
    part: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: offsets, its paragraph, its part, and its token range."""

    index: int
    start: int
    end: int
    paragraph: int
    part: str
    tok_start: int
    tok_end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start:end`` is the quoted content, without the marks.

    ``open_start``/``close_end`` include the marks. ``closed`` is False when
    a paragraph break (or the end of text) closed the quote instead of a mark.
    ``depth`` is 0 for an outermost quote, 1 for a quote inside a quote.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    mark: str
    closed: bool
    paragraph: int
    depth: int = 0


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """One phrase-matcher hit: character and token offsets, and the keys it maps to."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    keys: tuple[str, ...]
    phrase: str


# --------------------------------------------------------------------------- normalisation

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})


@lru_cache(maxsize=200_000)
def normalize(s: str) -> str:
    """Case-fold, strip diacritics, unify apostrophes: ``"Goïta’s"`` -> ``"goita's"``."""
    s = s.translate(_APOS).casefold()
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _fold_case_kept(s: str) -> str:
    """Diacritics and apostrophes folded, case kept (for case-sensitive phrases)."""
    s = s.translate(_APOS)
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --------------------------------------------------------------------------- tokens

# words (letters/digits, with inner dots for U.S. / decimals), apostrophe suffixes
# ('s, ’s, n't), and any other single non-space character.
_TOKEN_RE = re.compile(
    r"(?:[^\W_](?:\.[^\W_])+\.?)"  # U.S. / U.N. / 3.5
    r"|[^\W_]+(?:[’'][^\W_]{1,2}\b(?<![’'][sS]))?"  # words; keeps o'clock-like short infixes
    r"|[’'][sS]\b"  # possessive 's
    r"|\S",
    re.UNICODE,
)
#: the hyphen characters (a hyphen is a token of its own)
HYPHENS = frozenset("-‐‑")


class Tokens(tuple):  # type: ignore[type-arg]
    """A tuple of :class:`Token` that also keeps their normalised forms.

    :meth:`PhraseMatcher.find` uses ``norms`` and the hyphen positions to skip
    work; otherwise it behaves exactly like a tuple.
    """

    norms: tuple[str, ...]
    _texts: Sequence[str]

    def __new__(cls, tokens: Iterable[Token]) -> Tokens:
        self = super().__new__(cls, tokens)
        self.norms = tuple(t.norm for t in self)
        self._texts = [t.text for t in self]
        return self

    @classmethod
    def _from_columns(
        cls, tokens: list[Token], norms: list[str], texts: list[str]
    ) -> Tokens:
        """The same as ``Tokens(tokens)``, from columns already at hand."""
        self = super().__new__(cls, tokens)
        self.norms = tuple(norms)
        self._texts = texts
        return self

    def __reduce__(self) -> Any:  # pickles as a plain tuple of tokens
        return (Tokens, (tuple(self),))

    @functools.cached_property
    def hyphen(self) -> tuple[bool, ...]:
        """Whether each token is a hyphen."""
        return tuple(map(HYPHENS.__contains__, self._texts))

    def _runs(self) -> list[tuple[int, int]] | None:
        """The runs ``(a, b)`` of consecutive tokens that are not hyphens; None
        if no token is a hyphen (computed once)."""
        d = self.__dict__
        if "_runs_" not in d:
            hy = list(itertools.compress(range(len(self)), map(HYPHENS.__contains__, self._texts)))
            runs = None
            if hy:
                bounds = [-1, *hy, len(self)]
                runs = [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]
            d["_runs_"] = runs
        return d["_runs_"]  # type: ignore[no-any-return]

    def unhyphenated(self) -> tuple[Sequence[int], tuple[str, ...]]:
        """Indices and norms of the tokens that are not hyphens (computed once)."""
        u = self.__dict__.get("_unhyphenated")
        if u is None:
            runs = self._runs()
            if runs is not None:
                norms = self.norms
                idx: Sequence[int] = tuple(itertools.chain.from_iterable(itertools.starmap(range, runs)))
                u = (idx, tuple(itertools.chain.from_iterable(norms[a:b] for a, b in runs)))
            else:
                u = (range(len(self)), self.norms)
            self.__dict__["_unhyphenated"] = u
        return u

    def folded(self) -> tuple[str, ...]:
        """``_fold_case_kept`` of every token's text (computed once)."""
        f = self.__dict__.get("_folded")
        if f is None:
            f = self.__dict__["_folded"] = tuple(map(_FOLDS.__getitem__, self._texts))
        return f

    def _folded_unhyphenated(self) -> Sequence[str]:
        """``folded()`` of the tokens that are not hyphens (computed once)."""
        f = self.__dict__.get("_folded_u")
        if f is None:
            runs = self._runs()
            f = self.folded()
            if runs is not None:
                f = tuple(itertools.chain.from_iterable(f[a:b] for a, b in runs))
            self.__dict__["_folded_u"] = f
        return f

    def _starts_for(self, matcher: PhraseMatcher) -> list[int]:
        """Sorted positions (among the non-hyphen tokens) whose word starts some phrase."""
        cache = self.__dict__.get("_starts")
        if cache is None:
            cache = self.__dict__["_starts"] = {}
        hit = cache.get(id(matcher))
        if hit is not None and hit[0] is matcher and hit[1] == matcher._version:
            return hit[2]
        _, norms = self.unhyphenated()
        # positions whose word starts a phrase (all loops in C)
        if matcher._exact:
            flags = map(matcher._lengths.__contains__, norms)
            if matcher._cased:
                cased = map(matcher._cased_lengths.__contains__, self._folded_unhyphenated())
                flags = map(operator.or_, flags, cased)
        else:
            flags = map(matcher._cased_lengths.__contains__, self._folded_unhyphenated())
        out = list(itertools.compress(range(len(norms)), flags))
        cache[id(matcher)] = (matcher, matcher._version, out)
        return out


class _PureCache(dict):  # type: ignore[type-arg]
    """Token text -> ``func(text)`` for a pure ``func``: only saves time (a dict's
    ``__missing__`` is faster than ``lru_cache``); stops growing at 500,000 entries."""

    def __init__(self, func: Callable[[str], str]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, key: str) -> str:
        value = self.func(key)
        if len(self) < 500_000:
            self[key] = value
        return value


# _TOKEN_RE as one group (it has none of its own): split() over it gives one flat
# list, gap, token, gap, ..., token, gap, with exactly the tokens of
# _TOKEN_RE.finditer; the lengths then give the offsets.
_SPLIT_TOKENS_RE = re.compile("(" + _TOKEN_RE.pattern + ")", _TOKEN_RE.flags)
_new_tuple = tuple.__new__


def _token_columns(text: str, offset: int = 0) -> tuple[list[int], list[int], list[str], list[str]]:
    """Starts, ends, texts and norms of the tokens of ``text`` (loops run in C)."""
    flat = _SPLIT_TOKENS_RE.split(text)
    pos = list(itertools.accumulate(map(len, flat), initial=offset))
    texts = flat[1::2]
    return pos[1:-1:2], pos[2::2], texts, list(map(_NORMS.__getitem__, texts))


def _make_tokens(starts: list[int], ends: list[int], texts: list[str], norms: list[str]) -> list[Token]:
    return list(map(_new_tuple, itertools.repeat(Token), zip(starts, ends, texts, norms)))


def headline_span(text: str, *, title: str | None = None) -> tuple[int, int] | None:
    """Offsets of the article's headline inside ``text``, or None when it has none.

    One rule for everything that shows an article (report, worksheet, word counts):
    the first paragraph is the headline when it equals ``title``, or, with no
    ``title``, when it looks like one (no final full stop, at most 25 words, and
    more text after it) -- RT's "Foreign Minister Sergey Lavrov and his Malian
    counterpart have discussed ways of strengthening “traditionally friendly” ties".

    Examples
    --------
    >>> text = "Mali turns east\\nIt ended."
    >>> headline_span(text)
    (0, 15)
    >>> headline_span("It ended. Then it began.") is None
    True
    """
    spans = _paragraph_spans(text)
    if not spans:
        return None
    return spans[0] if _assign_parts(text, spans[:2], title, ())[0] == "title" else None


def count_words(text: str, *, title: str | None = None) -> int:
    """Word tokens (letters or digits) of ``text`` outside its title paragraph.

    The count :attr:`Doc.n_words` gives for ``analyze(text, title=title)``, without
    the rest of the analysis: the first paragraph is left out when it is the title
    (or, with no ``title``, looks like a headline).

    Examples
    --------
    >>> count_words("Mali’s so-called partners, 2024.")
    5
    >>> count_words("Mali turns east\\nIt ended.", title="Mali turns east")
    2
    """
    spans = _paragraph_spans(text)
    parts = _assign_parts(text, spans, title, ())
    # the tokens of tokenize() whose first character is a letter or digit (Token.is_word),
    # without building Token objects: a 10 MB article is counted in about a second
    return sum(
        1 for (s, e), part in zip(spans, parts) if part != "title"
        for m in _TOKEN_RE.finditer(text, s, e) if m.group()[:1].isalnum()
    )


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens with character offsets (plus ``offset``).

    Examples
    --------
    >>> [t.text for t in tokenize("Mali’s so-called partners")]
    ['Mali', '’s', 'so', '-', 'called', 'partners']
    """
    return _make_tokens(*_token_columns(text, offset))


_NORMS = _PureCache(normalize)  # token text -> normalize(text)
_FOLDS = _PureCache(_fold_case_kept)  # token text -> _fold_case_kept(text)


# --------------------------------------------------------------------------- shared word lists

#: Words a time phrase is made of ("on Monday", "last week"), lower case; not "may" and "march",
#: which are names and verbs too. The measures add their own (attribution: "recently").
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
CALENDAR_WORDS = WEEKDAYS | frozenset(
    "january february april june july august september october november december today yesterday "
    "tonight morning afternoon evening night weekend week month year".split()
)
POSSESSIVES = frozenset("his her their its our my your".split())


# --------------------------------------------------------------------------- phrase matcher


def _scan(
    starts: Sequence[int],
    passes: Sequence[tuple[dict, dict, Sequence[str]]],
    bound: int,
    idx: Sequence[int],
    norms: Sequence[str],
    tokens: Sequence[Token],
) -> list[PhraseMatch]:
    """Leftmost-longest, non-overlapping matches from candidate ``starts``.

    Positions index the non-hyphen tokens (``idx`` maps them to token indices,
    ``norms`` are their normalised words); each pass is (phrase table,
    lengths by first word, longest first, the sequence it is keyed on), and the
    longest match over all passes wins at a position.
    """
    out: list[PhraseMatch] = []
    j = 0
    for j0 in starts:
        if j0 < j:
            continue  # inside the previous match
        j = j0
        best_len = 0
        best_keys: list[str] = []
        for table, lengths, seq in passes:
            lens = lengths.get(seq[j])
            if not lens:
                continue
            for ln in lens:
                if ln <= best_len:
                    break  # lengths are sorted longest first
                if j + ln > bound:
                    continue
                keys = table.get(tuple(seq[j : j + ln]))
                if keys:
                    best_len, best_keys = ln, keys
                    break
        if best_len:
            t0, t1 = idx[j], idx[j + best_len - 1]
            out.append(
                PhraseMatch(
                    tokens[t0].start, tokens[t1].end, t0, t1 + 1, tuple(best_keys),
                    " ".join(norms[j : j + best_len]),
                )
            )
            j += best_len
        else:
            j += 1
    return out


class PhraseMatcher:
    """Token n-gram dictionary matcher: multiword, inflections, case, diacritics.

    Parameters
    ----------
    phrases : iterable of (key, phrase) or (key, phrase, options)
        ``options`` is a dict with ``inflect`` (default True: the last word
        also matches its regular inflections) and ``case`` (default False:
        case-insensitive; True: only the exact capitalisation, e.g. "US" but
        not "us"). Hyphens are ignored, so "so-called" matches "so called".
        Several keys may share a phrase (declared ambiguity).

    Notes
    -----
    Matching is leftmost-longest and non-overlapping: one span counts once
    within one matcher. Build it once per lexicon and reuse it.

    Examples
    --------
    >>> m = PhraseMatcher([("lt.junta", "junta"), ("lt.fcp", "former colonial power")])
    >>> [(h.keys, h.phrase) for h in m.find(tokenize("The juntas and the former colonial powers"))]
    [(('lt.junta',), 'juntas'), (('lt.fcp',), 'former colonial powers')]
    """

    def __init__(self, phrases: Iterable[tuple[str, str] | tuple[str, str, dict]]):
        self._exact: dict[tuple[str, ...], list[str]] = {}
        self._cased: dict[tuple[str, ...], list[str]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._cased_lengths: dict[str, list[int]] = {}
        self.n_phrases = 0
        self._version = 0  # bumped by add(): cached start positions of a Tokens go stale
        for item in phrases:
            key, phrase = item[0], item[1]
            opts: dict = item[2] if len(item) > 2 else {}  # type: ignore[misc]
            self.add(key, phrase, inflect=opts.get("inflect", True), case=opts.get("case", False))

    def add(self, key: str, phrase: str, *, inflect: bool = True, case: bool = False) -> None:
        """Add one phrase under ``key``."""
        toks = [t for t in tokenize(phrase) if t.text not in HYPHENS]
        if not toks:
            raise param_error("phrase", "PhraseMatcher.add", "a phrase with at least one word", phrase,
                              got=f"{phrase!r} (key {key!r}), which has no tokens")
        if case:
            words = [_fold_case_kept(t.text) for t in toks]
            table, lengths = self._cased, self._cased_lengths
        else:
            words = [t.norm for t in toks]
            table, lengths = self._exact, self._lengths
        lasts = inflections(words[-1]) if inflect and not case else {words[-1]}
        if inflect and case:
            lasts = {words[-1]} | {words[-1] + s for s in ("s", "es")}
        for last in lasts:
            k = (*words[:-1], last)
            keys = table.setdefault(k, [])
            if key not in keys:
                keys.append(key)
            ls = lengths.setdefault(k[0], [])
            if len(k) not in ls:
                ls.append(len(k))
                ls.sort(reverse=True)
        self.n_phrases += 1
        self._version += 1

    def find(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[PhraseMatch]:
        """Leftmost-longest, non-overlapping matches in ``tokens[start:end]``."""
        if not isinstance(tokens, Tokens):
            return self._find_slow(tokens, start, end)
        if not (self._exact or self._cased):
            return []
        n_all = len(tokens)
        end = n_all if end is None else end
        # positions below are among the tokens that are not hyphens
        all_idx, all_norms = tokens.unhyphenated()
        if isinstance(all_idx, range):
            a, b = max(0, min(start, n_all)), max(0, min(end, n_all))
        else:
            a, b = bisect.bisect_left(all_idx, start), bisect.bisect_left(all_idx, end)
        if a >= b:
            return []
        cands = tokens._starts_for(self)
        ca, cb = bisect.bisect_left(cands, a), bisect.bisect_left(cands, b)
        if ca >= cb:
            return []
        passes: list[tuple[dict, dict, Sequence[str]]] = []
        if self._exact:
            passes.append((self._exact, self._lengths, all_norms))
        if self._cased:
            passes.append((self._cased, self._cased_lengths, tokens._folded_unhyphenated()))
        return _scan(cands[ca:cb], passes, b, all_idx, all_norms, tokens)

    def find_within(
        self, tokens: Sequence[Token], found: Sequence[PhraseMatch], starts: Sequence[int], lo: int, hi: int
    ) -> list[PhraseMatch]:
        """``self.find(tokens, lo, hi)``, taken from ``found = self.find(tokens)`` (``starts``:
        their ``tok_start``) where it can be: match a document once, read it sentence by sentence.

        Leftmost-longest matching gives the same matches inside a range as matching
        the range alone, unless a match of the whole crosses one of the range's
        ends: then the range is matched alone.
        """
        a = bisect.bisect_left(starts, lo)
        b = bisect.bisect_left(starts, hi, a)
        if (a > 0 and found[a - 1].tok_end > lo) or (b > a and found[b - 1].tok_end > hi):
            return self.find(tokens, lo, hi)
        return list(found[a:b])

    def _find_slow(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[PhraseMatch]:
        """:meth:`find` on a plain sequence of tokens (not :class:`Tokens`)."""
        end = len(tokens) if end is None else end
        idx = [i for i in range(start, end) if tokens[i].text not in HYPHENS]
        norms = [tokens[i].norm for i in idx]
        if not norms or not (self._exact or self._cased):
            return []
        # (table, lengths-by-first-word, sequence) pairs actually in use
        passes: list[tuple[dict, dict, Sequence[str]]] = []
        if self._exact:
            passes.append((self._exact, self._lengths, norms))
        if self._cased:
            passes.append((self._cased, self._cased_lengths, [_fold_case_kept(tokens[i].text) for i in idx]))
        # only positions whose word starts some phrase can start a match
        starts = sorted({j for _, firsts, seq in passes for j, w in enumerate(seq) if w in firsts})
        return _scan(starts, passes, len(idx), idx, norms, tokens)

    def __len__(self) -> int:
        return self.n_phrases


# --------------------------------------------------------------------------- paragraphs & parts

_END_PUNCT = set(".!?…:;")
_CLOSERS = set("\"'”’»)]")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _looks_like_heading(par: str, max_words: int) -> bool:
    stripped = par.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    if not stripped or stripped[-1] in _END_PUNCT:
        return False
    return len(par.split()) <= max_words


def _assign_parts(
    text: str,
    spans: list[tuple[int, int]],
    title: str | None,
    caption_patterns: Sequence[Searcher],
) -> list[str]:
    parts: list[str] = []
    ntitle = " ".join(normalize(title).split()) if title else None
    for i, (s, e) in enumerate(spans):
        par = text[s:e]
        if i == 0 and (
            (ntitle is not None and " ".join(normalize(par).split()) == ntitle)
            or (ntitle is None and len(spans) > 1 and _looks_like_heading(par, 25))
        ):
            parts.append("title")
        elif any(p.search(par) for p in caption_patterns):
            parts.append("caption")
        elif i > 0 and _looks_like_heading(par, 12):
            parts.append("subheading")
        else:
            parts.append("body")
    return parts


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt maj capt sgt cpl pte adm cmdr st mt ft sen rep gov pres
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp jr sr
    est dept univ approx fig al e.g i.e u.s u.k u.n a.m p.m""".split()
)
# sentence-final punctuation, closing quotes/brackets, whitespace, then a capital,
# an opening quote, a digit or a bracket.
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'“”‘’«»)\]]*(?=\s+[\"'“”‘’«»(\[]?[A-Z0-9À-Ý])")
# glued sentences: "country.In the wake" (lowercase word of 2+ letters, period, Capital+lower)
_GLUED_RE = re.compile(r"(?<=[a-z]{2}[.!?])[\"'“”‘’«»]?(?=[A-Z][a-z])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (one paragraph; no newline crossing).

    Examples
    --------
    >>> s = "Gen. Camara spoke. The U.S. said yes.It was late."
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['Gen. Camara spoke.', 'The U.S. said yes.', 'It was late.']
    """
    end = len(text) if end is None else end
    cuts: list[int] = []
    seg = text[start:end]
    for m in _BOUNDARY_RE.finditer(seg):
        # the word before the punctuation
        j = m.start()
        k = j
        while k > 0 and (seg[k - 1].isalnum() or seg[k - 1] == "."):
            k -= 1
        word = seg[k:j].lower().rstrip(".")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and seg[k:j].isupper()):
            continue
        cuts.append(m.end())
    for m in _GLUED_RE.finditer(seg):
        j = m.start()
        k = j - 1
        while k > 0 and seg[k - 1].isalpha():
            k -= 1
        if seg[k:j - 1].lower() in _ABBREVIATIONS:
            continue
        cuts.append(m.end())
    cuts = sorted(set(cuts))
    out: list[tuple[int, int]] = []
    a = 0
    for c in [*cuts, len(seg)]:
        s, e = a, c
        while s < e and seg[s].isspace():
            s += 1
        while e > s and seg[e - 1].isspace():
            e -= 1
        if e - s > MAX_SENTENCE_CHARS:
            out.extend((x + start, y + start) for x, y in _bounded(seg, s, e))
        elif e > s:
            out.append((s + start, e + start))
        a = c
    return out


MAX_SENTENCE_CHARS = 5_000
"""A "sentence" longer than this (characters) is cut into pieces no longer than it.

The measures read a sentence as one unit, and some of their steps look at every
token of the sentence for each cue in it, so one very long "sentence" (a page with
no sentence punctuation) would take time quadratic in its length. The longest
sentence in the 37,554 AllSides articles has 3,910 characters, so real sentences
are not cut; a hostile 2 MB article without a full stop is scored in linear time.
"""

# where a long sentence is best cut: after clause punctuation, else at a space
_CLAUSE_CUT_RE = re.compile(r"[,;:)\]](?=\s)")
_SPACE_RE = re.compile(r"\s")


def _bounded(seg: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """``seg[s:e]`` cut into pieces of at most :data:`MAX_SENTENCE_CHARS` characters:
    after the last clause punctuation of the second half of the window, else at its last
    space, else (one very long run without spaces) at the window's end."""
    while e - s > MAX_SENTENCE_CHARS:
        lo, hi = s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS
        cut = None
        for m in _CLAUSE_CUT_RE.finditer(seg, lo, hi):
            cut = m.end()
        if cut is None:
            for m in _SPACE_RE.finditer(seg, lo, hi):
                cut = m.start()
        if cut is None:
            cut = hi
        yield s, cut
        s = cut
        while s < e and seg[s].isspace():
            s += 1
    if e > s:
        yield s, e


# --------------------------------------------------------------------------- quotations

# two apostrophes ('') and two backticks (``) are double quotes in some newsroom and PTB
# text ("''It is late,'' he said."; "\"great bond'' he shares")
_QUOTE_CHARS_RE = re.compile("''|``|[\"'“”«»„‟‘’‹›‚]")
_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“”", "‟": "”"}
_SINGLE_OPEN = {"‘": "’", "‹": "›", "‚": "’‘"}


def find_quotes(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[Quote]:
    """Pair quotation marks of every kind; never raises on odd counts.

    Straight, curly, guillemets and single quotes pair up; apostrophes
    ("Mali’s", "metropolis’") are not quotes; a paragraph break closes an open
    quote (``closed=False``); a closing mark with no opener is ignored. Quotes
    nest (``depth``) and never cross.

    Examples
    --------
    >>> t = "He said “we chose ‘partners’ freely” and Mali’s envoy agreed."
    >>> [(t[q.start:q.end], q.depth) for q in find_quotes(t)]
    [('we chose ‘partners’ freely', 0), ('partners', 1)]
    """
    if paragraphs is None:
        paragraphs = _paragraph_spans(text)
    out: list[Quote] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        stack: list[tuple[str, str, int]] = []  # (mark, closers, position of mark)
        for qm in _QUOTE_CHARS_RE.finditer(text, ps, pe):
            i = qm.start()
            c = qm.group()
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + len(c)] if i + len(c) < pe else " "
            if c == "``":
                stack.append((c, "''", i))
            elif c == "''":
                if stack and stack[-1][0] in ('"', "“", "``", "''"):
                    _close(out, text, stack, i, pi, close_len=2)
                elif (prev.isspace() or i == ps or prev in "([{—–-/:") and nxt.isalnum():
                    stack.append((c, "''", i))
                # else: two apostrophes inside a word or with no opener: not a quote
            elif c == '"':
                if stack and stack[-1][0] == '"':
                    _close(out, text, stack, i, pi)
                elif prev.isspace() or prev in "([{—–-/:" or i == ps or not nxt.isspace():
                    stack.append(('"', '"', i))
            elif c in _DOUBLE_OPEN:
                stack.append((c, _DOUBLE_OPEN[c], i))
            elif c in "”»":
                # close the innermost matching double opener, if any
                for d in range(len(stack) - 1, -1, -1):
                    if c in stack[d][1]:
                        while len(stack) > d + 1:
                            _close(out, text, stack, i, pi, closed=False, at=i)
                        _close(out, text, stack, i, pi)
                        break
            elif c in _SINGLE_OPEN and (prev.isspace() or not prev.isalnum()) and nxt.isalnum():
                stack.append((c, _SINGLE_OPEN[c], i))
            elif c in "’›":
                if stack and c in stack[-1][1] and not (prev.isalpha() and nxt.isalpha()):
                    _close(out, text, stack, i, pi)
                # else: apostrophe (Mali’s, metropolis’)
            elif c == "'":
                if stack and stack[-1][0] == "'" and not (prev.isalnum() and nxt.isalnum()):
                    _close(out, text, stack, i, pi)
                elif (prev.isspace() or i == ps or prev in "([“\"") and nxt.isalnum() and _has_straight_closer(text, i + 1, pe):
                    stack.append(("'", "'", i))
        while stack:
            _close(out, text, stack, pe, pi, closed=False, at=pe)
    out.sort(key=lambda q: (q.open_start, -q.close_end))
    return out


def _has_straight_closer(text: str, i: int, pe: int) -> bool:
    for j in range(i, pe):
        if text[j] == "'" and not (text[j - 1].isalnum() and j + 1 < pe and text[j + 1].isalnum()):
            return True
    return False


def _close(
    out: list[Quote],
    text: str,
    stack: list[tuple[str, str, int]],
    i: int,
    pi: int,
    *,
    closed: bool = True,
    at: int | None = None,
    close_len: int = 1,
) -> None:
    mark, _closers, pos = stack.pop()
    end = i if at is None else at
    close_end = i + close_len if closed else end
    start = pos + len(mark)
    if end > start:
        out.append(Quote(start, end, pos, close_end, mark, closed, pi, depth=len(stack)))


# --------------------------------------------------------------------------- Doc


@dataclass(frozen=True)
class Doc:
    """An analysed text: tokens, sentences, paragraphs, quotes, parts.

    Built by :func:`analyze`; immutable; shared by every measure.
    """

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[Quote, ...]
    _sent_starts: tuple[int, ...] = field(repr=False, default=())
    _tok_starts: tuple[int, ...] = field(repr=False, default=())
    _par_starts: tuple[int, ...] = field(repr=False, default=())

    @functools.cached_property
    def n_words(self) -> int:
        """Number of word tokens (letters or digits) outside the title."""
        return sum(
            1
            for s in self.sentences
            if s.part != "title"
            for t in self.tokens[s.tok_start : s.tok_end]
            if t.is_word
        )

    @functools.cached_property
    def _word_prefix(self) -> tuple[int, ...]:
        """``_word_prefix[k]``: word tokens among ``tokens[:k]`` (for counting spans)."""
        return (0, *itertools.accumulate(t.norm[:1].isalnum() for t in self.tokens))

    def _count_words(self, tok_start: int, tok_end: int) -> int:
        """Word tokens among ``tokens[tok_start:tok_end]``."""
        p = self._word_prefix
        n = len(self.tokens)
        a, b = min(max(tok_start, 0), n), min(max(tok_end, 0), n)
        return p[b] - p[a] if b > a else 0

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset`` (or None)."""
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def part_at(self, offset: int) -> str:
        """The part (title, subheading, caption, body) of character ``offset``."""
        i = bisect.bisect_right(self._par_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i].part
        return "body"

    def token_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._tok_starts, offset)

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """Tokens lying inside ``[start, end)``."""
        return self.tokens[self.token_index(start) : self.token_index(end)]

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        """Quotes whose content overlaps ``[start, end)``."""
        return [q for q in self.quotes if q.start < end and q.end > start]

    def quote_at(self, offset: int, *, outermost: bool = True) -> Quote | None:
        """The quote whose content contains ``offset`` (outermost by default).

        Looked up by bisection in segments built once (:meth:`_quote_segments`), so that
        an article of many thousand quotes is not scanned again for each offset.
        """
        points, outer, inner = self._quote_segments
        i = bisect.bisect_right(points, offset) - 1
        if i < 0:
            return None
        return outer[i] if outermost else inner[i]

    @functools.cached_property
    def _quote_segments(self) -> tuple[list[int], list[Quote | None], list[Quote | None]]:
        """The quotes whose content holds each offset, as segments between the quotes'
        starts and ends: the outermost (least ``depth``) and the innermost (most) for the
        segment from ``points[i]`` to ``points[i + 1]``; of equal ones the first in
        ``quotes``, as a scan of the quotes gives."""
        quotes = self.quotes
        points = sorted({p for q in quotes for p in (q.start, q.end)})
        order = sorted(range(len(quotes)), key=lambda k: quotes[k].start)
        low: list[tuple[int, int]] = []  # (depth, position) of the quotes open here
        high: list[tuple[int, int]] = []  # (-depth, position)
        outer: list[Quote | None] = []
        inner: list[Quote | None] = []
        j = 0
        for p in points:
            while j < len(order) and quotes[order[j]].start <= p:
                k = order[j]
                if quotes[k].start < quotes[k].end:
                    heapq.heappush(low, (quotes[k].depth, k))
                    heapq.heappush(high, (-quotes[k].depth, k))
                j += 1
            for heap in (low, high):
                while heap and quotes[heap[0][1]].end <= p:
                    heapq.heappop(heap)
            outer.append(quotes[low[0][1]] if low else None)
            inner.append(quotes[high[0][1]] if high else None)
        return points, outer, inner


def analyze(
    text: str,
    *,
    title: str | None = None,
    caption_patterns: Sequence[Searcher] = (),
) -> Doc:
    """Tokenise, split and pair quotes once; return a :class:`Doc`.

    Examples
    --------
    >>> d = analyze("Mali turns east\\n“We chose,” Maiga said. It ended.")
    >>> [(s.part, d.text[s.start:s.end]) for s in d.sentences]
    [('title', 'Mali turns east'), ('body', '“We chose,” Maiga said.'), ('body', 'It ended.')]
    """
    if not isinstance(text, str):
        raise type_error("text", "analyze", "a str", text)
    pspans = _paragraph_spans(text)
    parts = _assign_parts(text, pspans, title, caption_patterns)
    paragraphs = tuple(Paragraph(i, s, e, p) for i, ((s, e), p) in enumerate(zip(pspans, parts)))
    spans = [(par, s, e) for par in paragraphs for s, e in split_sentences(text, par.start, par.end)]
    # tokenise the whole text at once; the sentences then take their runs of tokens.
    # That is what tokenising sentence by sentence gives unless a token would cross
    # into the next sentence (sentences glued without a space, "x.ab.Cd"): then every
    # sentence starts no token, and the text is tokenised sentence by sentence instead.
    starts, ends, texts, norms = _token_columns(text)
    n = len(starts)
    sentences: list[Sentence] = []
    t0 = 0
    for par, s, e in spans:
        if t0 >= n or starts[t0] != s:
            break
        t1 = bisect.bisect_left(starts, e, t0)
        sentences.append(Sentence(len(sentences), s, e, par.index, par.part, t0, t1))
        t0 = t1
    if len(sentences) != len(spans) or t0 != n:
        starts, ends, texts, norms = [], [], [], []
        sentences = []
        for par, s, e in spans:
            t0 = len(starts)
            s_starts, s_ends, s_texts, s_norms = _token_columns(text[s:e], s)
            starts += s_starts
            ends += s_ends
            texts += s_texts
            norms += s_norms
            sentences.append(Sentence(len(sentences), s, e, par.index, par.part, t0, len(starts)))
    tokens = Tokens._from_columns(_make_tokens(starts, ends, texts, norms), norms, texts)
    quotes = tuple(find_quotes(text, pspans))
    doc = Doc(
        text=text,
        tokens=tokens,
        sentences=tuple(sentences),
        paragraphs=paragraphs,
        quotes=quotes,
        _sent_starts=tuple(s.start for s in sentences),
        _tok_starts=tuple(starts),
        _par_starts=tuple(p.start for p in paragraphs),
    )
    # the word counts, computed here from the columns (what the properties would give)
    prefix = (0, *itertools.accumulate(map(str.isalnum, map(_FIRST_CHAR, norms))))
    doc.__dict__["_word_prefix"] = prefix
    doc.__dict__["n_words"] = sum(
        prefix[s.tok_end] - prefix[s.tok_start] for s in sentences if s.part != "title"
    )
    return doc


_FIRST_CHAR = operator.itemgetter(slice(0, 1))
