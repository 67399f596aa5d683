"""Loaded terms and label choice.

A *loaded term* is a word or phrase whose choice frames what it names:
"junta" or "transitional authorities" for the same government, "terrorists"
or "rebels" for the same fighters, "neutralised" for "killed". Each lexicon
entry gives the term (or a regular-expression pattern), its category, a
connotation in [-1, 1], the actor it refers to (``referent``), a neutral
alternative, a one-line explanation a student can read, and its source.

Entries naming the same referent share a ``label_group``; the *label choice*
table counts, for each article, which label it uses for each referent.

Every hit is an :class:`framecmp.records.Evidence` row of kind ``"term"``:
the span, the entry that fired and why.

Examples
--------
>>> from framecmp.text.doc import analyze
>>> lex = load_terms()
>>> res = find_terms(analyze("The Malian junta hailed its reliable partner."), lexicon=lex)
>>> [(h.text, h.category, h.referent) for h in res.hits]
[('junta', 'government_label', 'mali'), ('hailed', 'intensifier', None), ('reliable partner', 'partnership', None)]
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from framecmp import schema as C
from framecmp.lexicons import (
    FORMAT,
    LINE,
    Field,
    Lexicon,
    LexiconError,
    data_path,
    lexicon_dir,
    load_lexicon,
)
from framecmp.measures.attribution.records import voiced
from framecmp.records import Evidence
from framecmp.text.doc import Doc, PhraseMatch, PhraseMatcher, tokenize
from framecmp.text.grammar import NEGATORS, SpanCover, negator

if TYPE_CHECKING:
    from framecmp.measures.attribution.records import AttributionResult

__all__ = [
    "DEFAULT_FILES",
    "NEGATORS",
    "PATTERN_TIMEOUT",
    "TERM_SCHEMA",
    "LabelChoice",
    "TermEntry",
    "TermHit",
    "TermLexicon",
    "TermPatternTimeoutWarning",
    "TermsResult",
    "find_terms",
    "labels_frame",
    "load_terms",
    "terms_frame",
]

KIND = "loaded_terms"
_CATEGORIES: dict[int, tuple[Any, tuple[str, ...]]] = {}  # categories per entries tuple (by identity)
DEFAULT_FILES = ("loaded_terms.yaml", "subjective_general.yaml")
PATTERN_TIMEOUT = 0.25
"""Seconds one user pattern may run on one article before it is skipped."""

NOT_LOADED = "not_loaded"
GENERIC_GOVERNMENT = "military_government"

TERM_SCHEMA: tuple[Field, ...] = (
    Field("category", required=True),
    Field("connotation", required=True, kind="number", low=-1.0, high=1.0),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("pattern"),
    Field("label"),
    Field("referent"),
    Field("label_group"),
    Field("resolve", kind="bool"),
    Field("neutral"),
    Field("side", kind="list"),
    Field("inflect", kind="bool"),
    Field("case", kind="bool"),
    Field("reference", kind="bool"),
    Field("after", kind="list"),
    Field("preceded_by", kind="list"),
    Field("note"),
)

#: How many sentences before a term an ``after`` word may stand (plus the term's own).
AFTER_SENTENCES = 2

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

# words that name a Sahel country next to a government label ("Malian junta")
_COUNTRY_CUES: dict[str, frozenset[str]] = {
    "mali": frozenset({"mali", "malian", "malians", "bamako"}),
    "niger": frozenset({"niger", "nigerien", "nigeriens", "niamey"}),
    "burkina_faso": frozenset({"burkina", "burkinabe", "burkinabes", "ouagadougou"}),
}
_ANY_COUNTRY_CUE = frozenset().union(*_COUNTRY_CUES.values())
_SKIP_BEFORE = frozenset({"'s", "the", "a", "its", "their", "country's", ","})


class TermPatternTimeoutWarning(UserWarning):
    """A loaded-term pattern ran past its time limit on an article and was skipped."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One loaded-term entry, validated.

    Attributes
    ----------
    id : str
        Unique entry id (``lt.junta``), the ``rule_id`` of its evidence.
    terms : tuple of str
        Phrases matched (base forms; regular inflections of the last word match too).
    pattern : str or None
        A regular expression (``regex`` module, case-insensitive) instead of terms.
    label : str
        The label shown in the label-choice table (default: the first term).
    category, connotation, referent, label_group, resolve, neutral, explanation, source, side
        See ``lexicons/README.md``.
    reference : bool
        A plain, neutral name ("armed groups", "Malian authorities", "killed"): listed so the
        label-choice table shows when an outlet picks it, not counted as a loaded term.
    after : tuple of str
        The entry counts only where one of these words stands before it, in its sentence or
        the :data:`AFTER_SENTENCES` sentences before ("the contractors" after "Wagner").
    preceded_by : tuple of str
        The entry counts only where the word right before it is one of these, which is
        not part of the span ("celebrated" after "the" is the adjective, not the verb).
    line, source_file : int, str
        Where the entry was defined.
    """

    id: str
    terms: tuple[str, ...]
    pattern: str | None
    label: str
    category: str
    connotation: float
    referent: str | None
    label_group: str | None
    resolve: bool
    neutral: str | None
    explanation: str
    source: str
    side: tuple[str, ...]
    inflect: bool
    case: bool
    line: int
    source_file: str
    reference: bool = False
    after: tuple[str, ...] = ()
    preceded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermLexicon:
    """Loaded-term entries plus the phrase matcher and patterns built from them.

    Build it with :func:`load_terms`; pass it to :func:`find_terms`.
    """

    entries: tuple[TermEntry, ...]
    version: str
    name: str
    matcher: PhraseMatcher = field(repr=False)
    patterns: tuple[tuple[str, Any], ...] = field(repr=False)
    files: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def by_id(self) -> dict[str, TermEntry]:
        """Entries by id."""
        return {e.id: e for e in self.entries}

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories counted in the ``terms`` frame, in file order (``not_loaded`` excluded)."""
        hit = _CATEGORIES.get(id(self.entries))
        if hit is None or hit[0] is not self.entries:
            seen: dict[str, None] = {}
            for e in self.entries:
                if e.category != NOT_LOADED:
                    seen.setdefault(e.category, None)
            if len(_CATEGORIES) > 32:
                _CATEGORIES.clear()
            hit = (self.entries, tuple(seen))
            _CATEGORIES[id(self.entries)] = hit
        return hit[1]

    def to_frame(self) -> Any:
        """The entries as a DataFrame, one row per entry (for reading and teaching)."""
        import pandas as pd

        rows = []
        for e in self.entries:
            rows.append({
                "id": e.id, "terms": " | ".join(e.terms), "pattern": e.pattern, "label": e.label,
                "category": e.category, "connotation": e.connotation, "referent": e.referent,
                "label_group": e.label_group, "resolve": e.resolve, "neutral": e.neutral,
                "explanation": e.explanation, "source": e.source, "side": ", ".join(e.side),
                "file": e.source_file, "line": e.line,
            })
        return pd.DataFrame(rows)


@dataclass(frozen=True, slots=True)
class TermHit:
    """One loaded term found in a text.

    ``text == doc.text[start:end]``; ``referent`` is resolved (``"mali"`` for
    "Malian junta"); ``label`` is the entry's display label.
    """

    start: int
    end: int
    text: str
    entry_id: str
    label: str
    category: str
    connotation: float
    referent: str | None
    label_group: str | None
    neutral: str | None
    explanation: str
    sentence: int | None
    part: str
    tok_start: int = -1
    tok_end: int = -1
    negator: str | None = None
    """The negating word before the term ("not" in "not a terrorist group"), if any."""
    quoted: bool = False
    """The quoted speaker's word rather than the outlet's: inside a quotation that holds
    more than the term ('“These terrorists must pay,” the minister said'), or inside a
    quotation of the term alone that lies in what someone is said to have said (Macron
    accused Russia of pursuing a “predatory project”; with ``find_terms(attributed=...)``).
    A quote around the term alone that nobody is said to have said ('the “liberation” of
    Kidal') is the writer's own distancing (a scare quote): not quoted. Words reported
    without quotation marks (indirect speech) are the outlet's paraphrase: not quoted. The
    hit counts either way; the flag lets a reader tell the two voices apart."""


@dataclass(frozen=True, slots=True)
class LabelChoice:
    """How often one article uses one label for one referent."""

    referent: str
    label: str
    entry_id: str
    label_group: str
    count: int
    quoted: int = 0
    """How many of ``count`` are a quoted speaker's word (:attr:`TermHit.quoted`), not
    the outlet's own choice."""


@dataclass(frozen=True, slots=True)
class TermsResult:
    """Loaded terms in one article: hits, evidence, counts per category, label choices."""

    hits: tuple[TermHit, ...]
    evidence: tuple[Evidence, ...]
    category_counts: Mapping[str, int]
    labels: tuple[LabelChoice, ...]
    n_words: int
    categories: tuple[str, ...]
    lexicon_version: str
    negated: tuple[TermHit, ...] = ()
    """Hits under a negation ("not a terrorist group"): kept for inspection, not counted
    in ``hits``, ``category_counts`` or ``labels``; in ``evidence`` with kind ``"negated"``
    (highlighted struck through), so a reader sees what was left out and why."""
    references: tuple[TermHit, ...] = ()
    """Neutral reference labels (entries with ``reference: true``: "armed groups", "Malian
    authorities", "killed"): counted in ``labels`` (the label choice) but not in ``hits`` or
    ``category_counts``; in ``evidence`` with kind ``"reference"``."""

    def category_rows(self) -> list[dict[str, Any]]:
        """Rows of the ``terms`` frame (without article_id, outlet, n_words).

        Every category of the lexicon gets a row, with 0 hits where none matched.
        """
        rows = []
        for cat in self.categories:
            hits = int(self.category_counts.get(cat, 0))
            per_1k = 1000.0 * hits / self.n_words if self.n_words > 0 else math.nan
            rows.append({"category": cat, "hits": hits, "per_1k_words": per_1k})
        return rows

    def label_rows(self) -> list[dict[str, Any]]:
        """Rows of the ``labels`` frame (without article_id, outlet)."""
        return [
            {"referent": c.referent, "label": c.label, "entry_id": c.entry_id, "count": c.count,
             "quoted": c.quoted}
            for c in self.labels
        ]


# --------------------------------------------------------------------------- loading


def _extra_check(raw: dict[str, Any], line: int) -> list[str | tuple[str, str]]:
    """Problems of one entry beyond the schema, each as (the field it is about, message)."""
    problems: list[str | tuple[str, str]] = []
    has_terms = "terms" in raw or "term" in raw
    if "pattern" in raw and has_terms:
        problems.append(("pattern", "give either 'pattern' or 'terms', not both"))
    pat = raw.get("pattern")
    if isinstance(pat, str) and pat.strip():
        try:
            regex.compile(pat, regex.IGNORECASE)
        except regex.error as exc:
            problems.append(("pattern", f"'pattern' {pat!r} is not a valid regular expression ({exc})"))
    for key in ("category", "referent", "label_group"):
        v = raw.get(key)
        if isinstance(v, str) and v.strip() and not _IDENT.match(v):
            problems.append((key, (
                f"'{key}' {v!r} must be lowercase letters, digits and underscores (e.g. 'government_label')"
            )))
    if raw.get("resolve") is True and not raw.get("referent"):
        problems.append(("resolve", "'resolve: true' needs a 'referent' (e.g. military_government)"))
    return problems


def _entries_from(lex: Lexicon) -> list[TermEntry]:
    out = []
    for e in lex.entries:
        f = e.fields
        terms = tuple(e.terms)
        label = f.get("label") or (terms[0] if terms else e.id)
        out.append(TermEntry(
            id=e.id, terms=terms, pattern=f.get("pattern"), label=str(label),
            category=str(f["category"]), connotation=float(f["connotation"]),
            referent=f.get("referent"), label_group=f.get("label_group"),
            resolve=bool(f.get("resolve", False)), neutral=f.get("neutral"),
            explanation=str(f["explanation"]), source=str(f["source"]),
            side=tuple(f.get("side") or ()), inflect=bool(f.get("inflect", True)),
            case=bool(f.get("case", False)), line=e.line, source_file=e.source_file,
            reference=bool(f.get("reference", False)),
            after=tuple(str(w).lower() for w in f.get("after") or ()),
            preceded_by=tuple(str(w).lower() for w in f.get("preceded_by") or ()),
        ))
    return out


def _frame_to_mapping(df: Any) -> dict[str, Any]:
    """A DataFrame with entry columns -> the mapping form of a lexicon."""
    entries = []
    for i, rec in enumerate(df.to_dict(orient="records")):
        raw: dict[str, Any] = {LINE: i + 2}  # row 1 is the header row in a CSV view
        for k, v in rec.items():
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue
            if k in ("terms", "side") and isinstance(v, str):
                v = [t.strip() for t in v.split("|" if k == "terms" else ",") if t.strip()]
            raw[str(k)] = v.item() if hasattr(v, "item") else v
        entries.append(raw)
    return {"format": FORMAT, "kind": KIND, "name": "user", "version": "user", "entries": entries}


def _read_one(source: str | Path | Mapping[str, Any] | Any) -> Lexicon:
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        source = _frame_to_mapping(source)
    elif not isinstance(source, (str, Path, Mapping)):
        raise TypeError(
            "The 'extra' parameter of load_terms() must be a path, a dict or a pandas DataFrame, "
            f"or a list or tuple of them. Got {type(source).__name__} instead."
        )
    return load_lexicon(
        source, kind=KIND, schema=TERM_SCHEMA, require_terms=True, extra_check=_extra_check
    )


def _build(lexicons: Sequence[Lexicon], *, replace_with: Lexicon | None = None) -> TermLexicon:
    merged: dict[str, TermEntry] = {}
    names, versions, files = [], [], []
    for lex in lexicons:
        for e in _entries_from(lex):
            merged[e.id] = e
        names.append(lex.name)
        bundled = Path(lex.path).parent == lexicon_dir() if lex.path != "<dict>" else False
        # user lexicons carry a content hash, so an edited copy is told apart in provenance
        versions.append(f"{lex.name}@{lex.version}" + ("" if bundled else f"#{lex.digest}"))
        files.append(lex.path)
    entries = tuple(merged.values())
    phrases: list[tuple[str, str, dict]] = []
    patterns: list[tuple[str, Any]] = []
    problems: list[str] = []
    for e in entries:
        for t in e.terms:
            try:
                PhraseMatcher([(e.id, t, {"inflect": e.inflect, "case": e.case})])
            except ValueError:
                problems.append(f"{e.source_file} line {e.line}: term {t!r} has no words to match")
                continue
            phrases.append((e.id, t, {"inflect": e.inflect, "case": e.case}))
        if e.pattern:
            flags = 0 if e.case else regex.IGNORECASE
            patterns.append((e.id, regex.compile(e.pattern, flags | regex.VERSION1)))
    if problems:
        raise LexiconError(problems)
    return TermLexicon(
        entries=entries,
        version="+".join(versions),
        name="+".join(names),
        matcher=PhraseMatcher(phrases),
        patterns=tuple(patterns),
        files=tuple(files),
    )


_FILE_CACHE: dict[tuple[str, float], Lexicon] = {}
_DEFAULT_CACHE: dict[tuple[str, ...], tuple[tuple[float, ...], TermLexicon]] = {}


def load_terms(
    path: str | Path | Sequence[str | Path] | None = None,
    *,
    extra: str | Path | Mapping[str, Any] | Any | Sequence[Any] | None = None,
    replace: bool = False,
) -> TermLexicon:
    """Load, validate and merge loaded-term lexicons; build the matcher once.

    Parameters
    ----------
    path : path or list of paths, optional
        Lexicon files (``kind: loaded_terms``). Default: the bundled
        ``loaded_terms.yaml`` (Sahel framing) and ``subjective_general.yaml``
        (general English subjective vocabulary).
    extra : path, dict, pandas.DataFrame, or a list or tuple of them, optional
        User entries merged over the base ones by ``id`` (same id: the user's
        entry wins). A DataFrame has one row per entry and the entry fields as
        columns (``terms`` as ``"a | b"``, ``side`` as ``"x, y"``). A list or
        tuple of sources is merged in order: for the same id, a later source
        wins over an earlier one (as with :func:`framecmp.load_actors`).
    replace : bool, default False
        If True, ``extra`` replaces the base lexicons instead of extending them.

    Returns
    -------
    TermLexicon

    Raises
    ------
    LexiconError
        Listing every problem in every file, each with file and line.

    Examples
    --------
    >>> lex = load_terms(extra={"entries": [{"id": "my.hero", "term": "hero",
    ...     "category": "intensifier", "connotation": 0.75,
    ...     "explanation": "Praise.", "source": "class 7B"}]})
    >>> lex.by_id["my.hero"].connotation
    0.75
    """
    if replace and extra is None:
        raise ValueError("The 'replace' parameter of load_terms() needs 'extra'. Got extra=None instead.")
    if path is None:
        paths: list[str | Path] = [data_path(f) for f in DEFAULT_FILES]
    elif isinstance(path, (str, Path)):
        paths = [path]
    else:
        paths = list(path)
    base: list[Lexicon] = []
    if not replace:
        key = tuple(str(p) for p in paths)
        stamps = tuple(Path(p).stat().st_mtime for p in paths)
        if extra is None and key in _DEFAULT_CACHE and _DEFAULT_CACHE[key][0] == stamps:
            return _DEFAULT_CACHE[key][1]
        problems: list[str] = []
        for p, stamp in zip(paths, stamps):
            try:
                ck = (str(p), stamp)
                if ck not in _FILE_CACHE:
                    _FILE_CACHE[ck] = _read_one(p)
                base.append(_FILE_CACHE[ck])
            except LexiconError as exc:
                problems.extend(exc.problems)
        if problems:
            raise LexiconError(problems)
        if extra is None:
            lex = _build(base)
            _DEFAULT_CACHE[key] = (stamps, lex)
            return lex
    assert extra is not None
    sources = _extra_sources(extra)
    if not sources:
        raise ValueError("The 'extra' parameter of load_terms() must name at least one source. "
                         "Got an empty list instead.")
    users: list[Lexicon] = []
    problems = []
    for src in sources:
        try:
            users.append(_read_one(src))
        except LexiconError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LexiconError(problems)
    return _build([*base, *users])


def _extra_sources(extra: Any) -> list[Any]:
    """``extra`` of :func:`load_terms` as a list of sources (one source becomes a list)."""
    if isinstance(extra, (list, tuple)):
        return list(extra)
    return [extra]


# --------------------------------------------------------------------------- matching


def _phrase_norm(phrase: str) -> str:
    return " ".join(t.norm for t in tokenize(phrase) if t.text not in "-‐‑")


def _country_near(doc: Doc, tok_start: int, tok_end: int, sent_lo: int, sent_hi: int) -> str | None:
    toks = doc.tokens
    inside = {t.norm for t in toks[tok_start:tok_end]}
    for cid, cues in _COUNTRY_CUES.items():
        if inside & cues:
            return cid
    i, seen = tok_start - 1, 0
    while i >= sent_lo and seen < 3:
        n = toks[i].norm
        for cid, cues in _COUNTRY_CUES.items():
            if n in cues:
                return cid
        if n not in _SKIP_BEFORE and n not in "-‐‑":
            seen += 1
        i -= 1
    for j in range(tok_end, min(tok_end + 2, sent_hi)):
        for cid, cues in _COUNTRY_CUES.items():
            if toks[j].norm in cues:
                return cid
    return None


def _main_country(doc: Doc) -> str | None:
    norms = getattr(doc.tokens, "norms", None) or [t.norm for t in doc.tokens]
    counts = Counter(
        cid for n in filter(_ANY_COUNTRY_CUE.__contains__, norms)
        for cid, cues in _COUNTRY_CUES.items() if n in cues
    )
    if not counts:
        return None
    (top, n1), *rest = counts.most_common()
    n2 = rest[0][1] if rest else 0
    return top if n1 >= 2 * n2 and n1 > n2 else None


_INDEX: dict[int, tuple[TermLexicon, dict[str, int], dict[str, TermEntry]]] = {}


def _index(lexicon: TermLexicon) -> tuple[dict[str, int], dict[str, TermEntry]]:
    """Entry order and entries by id, computed once per lexicon object."""
    hit = _INDEX.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        if len(_INDEX) > 32:
            _INDEX.clear()
        order = {e.id: i for i, e in enumerate(lexicon.entries)}
        hit = (lexicon, order, lexicon.by_id)
        _INDEX[id(lexicon)] = hit
    return hit[1], hit[2]


def _sentence_matches(matcher: PhraseMatcher, doc: Doc) -> list[PhraseMatch]:
    """``matcher.find`` sentence by sentence, in order, from one pass over the whole document
    (:meth:`~framecmp.text.doc.PhraseMatcher.find_within`). Matches outside every sentence are
    left out, as sentence-by-sentence matching leaves them."""
    toks = doc.tokens
    found = matcher.find(toks)
    starts = [m.tok_start for m in found]
    out: list[PhraseMatch] = []
    for s in doc.sentences:
        out.extend(matcher.find_within(toks, found, starts, s.tok_start, s.tok_end))
    return out


def find_terms(
    doc: Doc,
    *,
    lexicon: TermLexicon,
    n_words: int | None = None,
    country: str | None = None,
    timeout: float = PATTERN_TIMEOUT,
    negation: bool = True,
    attributed: AttributionResult | Iterable[tuple[int, int]] | None = None,
) -> TermsResult:
    """Find loaded terms in one analysed article.

    Parameters
    ----------
    doc : Doc
        From :func:`framecmp.text.doc.analyze`.
    lexicon : TermLexicon
        From :func:`load_terms`.
    n_words : int, optional
        Words in the article, for ``per_1k_words`` (default ``doc.n_words``).
    country : str, optional
        Actor id of the article's country, used to resolve a government label
        ("the junta") with no country named next to it. Default: the country
        the article names most often (Mali, Niger or Burkina Faso), if clear.
    timeout : float
        Seconds each pattern may run; a pattern that runs longer is skipped
        with a :class:`TermPatternTimeoutWarning`.
    negation : bool, default True
        A term with a negator (:data:`NEGATORS`, or a word ending in "n't")
        at most three words before it in the same clause ("not a terrorist
        group", "never brutal") goes to ``negated`` instead of ``hits``: it is
        recorded with its negator and shown as evidence of kind ``"negated"``,
        but not counted. Not a negation: "not only", "not just", "not merely";
        the idioms "no doubt", "no wonder", "without doubt", "nothing but"; an
        "n't" auxiliary opening a question ("Isn't the junta brutal?").
    attributed : AttributionResult or iterable of (start, end), optional
        What the article attributes to someone: the result of
        :func:`framecmp.measures.attribution.extract.extract_attributions` (the contents of its
        attributions that are in a speaker's voice, as in
        :meth:`~framecmp.measures.attribution.records.AttributionResult.voice_of`: neither
        scare quotes nor learned cues), or the content spans themselves. A quote
        around the term alone is the quoted speaker's word when it lies inside
        one of them (Macron accused Russia of a “predatory project”), and the
        writer's scare quote otherwise (the “liberation” of Kidal); see
        :attr:`TermHit.quoted`. Without it, a quote around the term alone is
        always taken for a scare quote.

    Returns
    -------
    TermsResult

    Notes
    -----
    Overlapping entries count once: the longest span wins, then the entry
    listed first (the Sahel lexicon before the general one). Names that contain
    loaded words (category ``not_loaded``) win by length and are dropped.
    """
    if not isinstance(lexicon, TermLexicon):
        raise TypeError(
            "The 'lexicon' parameter of find_terms() must be a TermLexicon from load_terms(). "
            f"Got {type(lexicon).__name__} instead."
        )
    order, by_id = _index(lexicon)
    # candidates: (start, end, tok_start, tok_end, entry_id, phrase_norm or None)
    cands: list[tuple[int, int, int, int, str, str | None]] = []
    for m in _sentence_matches(lexicon.matcher, doc):
        keys = [k for k in m.keys if _context_ok(doc, by_id[k], m.start, m.tok_start)]
        if not keys:
            continue
        key = min(keys, key=lambda k: order.get(k, 1 << 30))
        cands.append((m.start, m.end, m.tok_start, m.tok_end, key, m.phrase))
    for eid, pat in lexicon.patterns:
        try:
            for mt in pat.finditer(doc.text, timeout=timeout):
                a, b = mt.span()
                if b > a:
                    t0, t1 = doc.token_index(a), doc.token_index(b)
                    if _context_ok(doc, by_id[eid], a, t0):
                        cands.append((a, b, t0, t1, eid, None))
        except TimeoutError:
            warnings.warn(
                f"Pattern of loaded-term entry {eid!r} ran longer than {timeout} s and was skipped "
                "for this article; simplify the pattern or raise 'timeout'.",
                TermPatternTimeoutWarning,
                stacklevel=2,
            )
    cands.sort(key=lambda c: (-(c[1] - c[0]), order.get(c[4], 1 << 30), c[0]))
    # taken spans never overlap, so sorted by start their ends ascend too: a candidate
    # overlaps one iff the last taken span starting before its end reaches past its start
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for c in cands:
        i = bisect.bisect_left(taken_starts, c[1])  # spans starting before c ends
        if i and taken_ends[i - 1] > c[0]:
            continue
        taken_starts.insert(i, c[0])
        taken_ends.insert(i, c[1])
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    main_country = country if country is not None else _main_country(doc)
    spoken = SpanCover(_attributed_spans(attributed))
    hits: list[TermHit] = []
    negated: list[TermHit] = []
    references: list[TermHit] = []
    for a, b, t0, t1, eid, phrase in chosen:
        e = by_id[eid]
        if e.category == NOT_LOADED:
            continue
        sent = doc.sentence_at(a)
        referent = e.referent
        if e.resolve and referent is not None:
            plural = (
                phrase is not None
                and phrase.endswith("s")
                and phrase not in {_phrase_norm(t) for t in e.terms}
            )
            lo, hi = (sent.tok_start, sent.tok_end) if sent else (0, len(doc.tokens))
            near = _country_near(doc, t0, t1, lo, hi)
            if near is not None:
                referent = near
            elif not plural and main_country is not None:
                referent = main_country
        neg = (
            negator(doc, t0, sent.tok_start if sent else 0, sent.tok_end if sent else None)
            if negation else None
        )
        (negated if neg else references if e.reference else hits).append(TermHit(
            start=a, end=b, text=doc.text[a:b], entry_id=eid, label=e.label,
            category=e.category, connotation=e.connotation, referent=referent,
            label_group=e.label_group, neutral=e.neutral, explanation=e.explanation,
            sentence=sent.index if sent else None, part=doc.part_at(a), tok_start=t0, tok_end=t1,
            negator=neg, quoted=_in_quotation(doc, a, t0, t1, spoken),
        ))

    def _ev(h: TermHit, kind: str, explanation: str) -> Evidence:
        return Evidence(
            kind=kind, start=h.start, end=h.end, text=h.text, label=h.text,
            category=h.category, actor=h.referent, value=h.connotation, rule_id=h.entry_id,
            lexicon_version=lexicon.version, explanation=explanation, part=h.part,
            sentence=h.sentence,
        )

    evidence = (
        tuple(_ev(h, "term", _explain(h)) for h in hits)
        # negated hits are shown (kind "negated"), never counted: nothing is dropped silently
        + tuple(_ev(h, "negated", f"Not counted: after the negation {h.negator!r}. {_explain(h)}") for h in negated)
        # neutral reference labels: in the label-choice table, not loaded language
        + tuple(_ev(h, "reference", f"Neutral label, not counted as loaded: {h.explanation}") for h in references)
    )
    counts = Counter(h.category for h in hits)
    lab: Counter[tuple[str, str, str, str]] = Counter()
    lab_quoted: Counter[tuple[str, str, str, str]] = Counter()
    for h in hits + references:
        if h.label_group:
            lk = (h.referent or h.label_group or "", h.label, h.entry_id, h.label_group or "")
            lab[lk] += 1
            lab_quoted[lk] += h.quoted
    labels = tuple(
        LabelChoice(referent=r, label=lb, entry_id=eid, label_group=g, count=n,
                    quoted=lab_quoted[(r, lb, eid, g)])
        for (r, lb, eid, g), n in sorted(lab.items())
    )
    return TermsResult(
        hits=tuple(hits), evidence=evidence, category_counts=dict(counts), labels=labels,
        n_words=doc.n_words if n_words is None else int(n_words),
        categories=lexicon.categories, lexicon_version=lexicon.version, negated=tuple(negated),
        references=tuple(references),
    )


@functools.lru_cache(maxsize=256)
def _after_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def _context_ok(doc: Doc, entry: TermEntry, start: int, tok_start: int) -> bool:
    """Whether the words around a match meet the entry's ``after`` and ``preceded_by``."""
    if entry.preceded_by:
        prev = tok_start - 1  # the token right before, in the same sentence
        if prev < 0 or doc.tokens[prev].norm not in entry.preceded_by:
            return False
        sent = doc.sentence_at(start)
        if sent is not None and prev < sent.tok_start:
            return False
    return not entry.after or _after_ok(doc, entry.after, start)


def _after_ok(doc: Doc, words: tuple[str, ...], start: int) -> bool:
    """Whether one of ``words`` stands before ``start``, in its sentence or the
    :data:`AFTER_SENTENCES` sentences before it."""
    sent = doc.sentence_at(start)
    lo = doc.sentences[max(0, sent.index - AFTER_SENTENCES)].start if sent is not None else 0
    return _after_re(words).search(doc.text, lo, start) is not None


def _attributed_spans(attributed: Any) -> list[tuple[int, int]]:
    """The ``attributed`` argument of :func:`find_terms` as (start, end) spans."""
    if attributed is None:
        return []
    atts = getattr(attributed, "attributions", None)
    if atts is not None:  # an AttributionResult: the contents in a speaker's voice
        return [(int(a.content_start), int(a.content_end)) for a in voiced(atts)]
    if isinstance(attributed, (str, bytes)) or not isinstance(attributed, Iterable):
        raise TypeError(
            "The 'attributed' parameter of find_terms() must be an AttributionResult or (start, end) "
            f"pairs. Got {type(attributed).__name__} instead."
        )
    spans = []
    for span in attributed:
        try:
            a, b = span
            spans.append((int(a), int(b)))
        except (TypeError, ValueError):
            raise TypeError(
                "The 'attributed' parameter of find_terms() must be an AttributionResult or (start, end) "
                f"pairs. Got an item {span!r} instead."
            ) from None
    return spans


def _in_quotation(doc: Doc, start: int, tok_start: int, tok_end: int, spoken: SpanCover | None = None) -> bool:
    """True if the term at ``start`` is a quoted speaker's word: it lies in a quotation with
    more words than the term itself, or in a quotation (of the term alone) inside the content
    of an attribution (``spoken``)."""
    if not doc.quotes:
        return False
    q = doc.quote_at(start)
    if q is None:
        return False
    # a quote around the term alone inside what someone is said to have said is theirs:
    # Macron accused Russia of pursuing a “predatory project”
    # (the term's own span: a content is trimmed of the comma a quote may hold, “Junta,” he said)
    if spoken is not None and tok_end > tok_start and spoken.holds(start, doc.tokens[tok_end - 1].end):
        return True
    # one nobody is said to have said ("the “liberation” of Kidal") is the writer's scare quote
    quote_words = doc._count_words(doc.token_index(q.start), doc.token_index(q.end))
    return quote_words > doc._count_words(tok_start, tok_end)


def _explain(h: TermHit) -> str:
    out = f"{h.category.replace('_', ' ')} ({h.connotation:+.2f}): {h.explanation}"
    if h.neutral:
        out += f" Neutral alternative: {h.neutral}."
    if h.quoted:
        out += " Inside a quotation: the quoted speaker's word, not the outlet's."
    return out


# --------------------------------------------------------------------------- frames


def _iter_results(
    results: Mapping[str, TermsResult] | Iterable[tuple[str, TermsResult]],
) -> list[tuple[str, TermsResult]]:
    if isinstance(results, TermsResult):
        raise TypeError(
            "The 'results' parameter must map article ids to TermsResult, not a single "
            "TermsResult. Use {article_id: result}."
        )
    items = list(results.items()) if isinstance(results, Mapping) else list(results)
    return [(str(a), r) for a, r in items]


def terms_frame(
    results: Mapping[str, TermsResult] | Iterable[tuple[str, TermsResult]],
    *,
    outlets: Mapping[str, str] | None = None,
) -> Any:
    """The ``terms`` frame: one row per article and category (zeros included).

    Parameters
    ----------
    results : mapping article_id -> TermsResult, or (article_id, TermsResult) pairs
    outlets : mapping article_id -> outlet, optional

    Returns
    -------
    pandas.DataFrame with columns :data:`framecmp.schema.TERMS`.
    """
    import pandas as pd

    outlets = outlets or {}
    rows = [
        {"article_id": aid, "outlet": outlets.get(aid, ""), "n_words": r.n_words, **row}
        for aid, r in _iter_results(results)
        for row in r.category_rows()
    ]
    return pd.DataFrame(rows, columns=C.TERMS)


def labels_frame(
    results: Mapping[str, TermsResult] | Iterable[tuple[str, TermsResult]],
    *,
    outlets: Mapping[str, str] | None = None,
) -> Any:
    """The ``labels`` frame: one row per article, referent and label.

    Returns
    -------
    pandas.DataFrame with columns :data:`framecmp.schema.LABELS`.
    """
    import pandas as pd

    outlets = outlets or {}
    rows = [
        {"article_id": aid, "outlet": outlets.get(aid, ""), **row}
        for aid, r in _iter_results(results)
        for row in r.label_rows()
    ]
    return pd.DataFrame(rows, columns=C.LABELS)
