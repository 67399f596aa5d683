"""Articles and corpora.

An :class:`Article` keeps its raw text and its cleaned text, with an offset map
between them (:mod:`framecmp.io.cleaning`). A :class:`Corpus` is an immutable
sequence of articles. Every loader (:mod:`framecmp.io.readers`: folders of
``.txt`` files with a metadata file, CSV, JSON Lines (also gzipped), Parquet,
DataFrames and HTML pages) builds articles through one function,
:func:`make_article`.

Nothing is dropped silently: an article that cannot be scored (empty, not
UTF-8, too long, a JSON line that does not parse, no outlet) stays in the
corpus with a ``status`` saying why and ``metadata["status_detail"]`` saying
where.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, overload

import pandas as pd

from framecmp import schema as columns
from framecmp._validation import check_choice, param_error, type_error
from framecmp.io.boilerplate import BoilerplateRules
from framecmp.io.cleaning import OffsetMap, Removal
from framecmp.io.cleaning import clean as clean_text
from framecmp.text.language import detect_language

__all__ = [
    "IdRenamer",
    "MAX_CHARS",
    "STATUSES",
    "Article",
    "Corpus",
    "make_article",
]

logger = logging.getLogger(__name__)

MAX_CHARS = 2_000_000
"""Articles longer than this (raw characters) get status ``"too_long"``."""

STATUSES = ("ok", "empty", "no_text", "not_utf8", "too_long", "parse_error", "missing_outlet",
            "unsupported_language")
"""The values of ``Article.status``; only ``"ok"`` articles are scored.

``"unsupported_language"`` is set by the scorer (:mod:`framecmp.scoring`) for an article
whose language its lexicons do not read: it is listed, never scored as if it were English."""

DEFAULT_LANGUAGE = "en"
"""The language of an article too short for :func:`framecmp.text.language.detect_language`."""

MAX_NESTING = 100
"""A JSON line whose values nest deeper than this (lists, objects) gets status
``parse_error``: no article needs it, and every later step (copying, sending to a
worker process) would have to recurse that deep."""

MISSING_OUTLET = "unknown"
"""The outlet of an article given none (status ``"missing_outlet"``)."""

ARTICLE_FIELDS = ("title", "date", "url", "event", "language", "translated_from")
"""The optional fields of an :class:`Article` a loader may fill from its input."""

ARTICLE_KEYS = ("article_id", "outlet", "text") + ARTICLE_FIELDS
"""Input keys that become an article's fields; any other key goes to its metadata."""


# --------------------------------------------------------------------------- Article


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: raw text, cleaned text, offset map and metadata.

    Attributes
    ----------
    article_id : str
        Unique within a corpus.
    outlet : str
        The publisher ("RT", "Anadolu Agency", ...).
    raw_text : str
        The text as read.
    text : str
        The cleaned text; every evidence offset indexes this string.
    offsets : OffsetMap
        From offsets of ``text`` back to ``raw_text``.
    title, date, url, event : optional
        Article metadata; ``event`` groups articles on the same event.
    language : str
        ISO 639-1 code of ``text``: the one given (a ``language`` column wins), else
        detected from the text (:func:`framecmp.text.language.detect_language`; a text
        too short to tell is taken as ``"en"``).
    translated_from : str, optional
        Source language when the text is a (machine) translation.
    metadata : Mapping
        Everything else (read-only), including ``status_detail``.
    status : str
        ``"ok"`` or why the article is not scored (:data:`STATUSES`).
    removals : tuple of Removal
        What cleaning removed, with reasons.
    """

    article_id: str
    outlet: str
    raw_text: str = field(repr=False)
    text: str = field(repr=False)
    offsets: OffsetMap = field(repr=False)
    title: str | None = None
    date: datetime.date | None = None
    url: str | None = None
    event: str | None = None
    language: str = "en"
    translated_from: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, repr=False)
    status: str = "ok"
    removals: tuple[Removal, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
        check_choice("status", "Article", self.status, STATUSES)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # MappingProxyType cannot be pickled; worker processes need articles.
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]
        values[[f.name for f in dataclasses.fields(self)].index("metadata")] = dict(self.metadata)
        return (Article, tuple(values))

    @property
    def scorable(self) -> bool:
        """Whether the article is scored (``status == "ok"``)."""
        return self.status == "ok"

    @property
    def n_words(self) -> int:
        """Word tokens of the cleaned text, without the title (the count the scores use)."""
        from framecmp.text.doc import count_words

        return count_words(self.text, title=self.title)

    def replace(self, **changes: Any) -> Article:
        """A copy with some fields changed (the article itself is immutable)."""
        return dataclasses.replace(self, **changes)

    def as_row(self, *, status: str | None = None, n_words: int | None = None) -> dict[str, Any]:
        """A row of the ``articles`` frame (``framecmp.schema.ARTICLES``).

        ``status`` and ``n_words`` replace the article's own (the scorer passes the status
        it ended with and the count it already has)."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "event": self.event,
            "language": self.language,
            "translated_from": self.translated_from,
            "url": self.url,
            "n_words": self.n_words if n_words is None else n_words,
            "status": self.status if status is None else status,
            "n_removed": len(self.removals),
            "duplicate_of": None,
        }


def is_missing(value: Any) -> bool:
    """Whether an input value counts as missing (None, NaN, pandas' NA or NaT)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, dict)) else False
    except (TypeError, ValueError):
        return False


def opt_str(value: Any) -> str | None:
    """``value`` as stripped text, or None when it is missing or blank."""
    if is_missing(value):
        return None
    s = str(value).strip()
    return s or None


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any, depth: int = 0) -> tuple[Any, int]:
    """``value`` with every lone surrogate (``"\\ud800"``: legal in JSON, not a character,
    and not writable as UTF-8) replaced by U+FFFD, one for one so that offsets keep; and
    how many were replaced. Lists and mappings (JSON values in metadata) are looked into,
    down to :data:`MAX_NESTING` levels."""
    if depth > MAX_NESTING:
        return value, 0
    if isinstance(value, str):
        try:
            value.encode("utf-8")  # fails only on a surrogate: fast in C
        except UnicodeEncodeError:
            return _SURROGATE_RE.subn("\ufffd", value)
        return value, 0
    if isinstance(value, (list, tuple)):
        items = [_valid_unicode(v, depth + 1) for v in value]
        n = sum(k for _, k in items)
        return ((list if isinstance(value, list) else tuple)(v for v, _ in items) if n else value), n
    if isinstance(value, Mapping):
        pairs = [(_valid_unicode(k, depth + 1), _valid_unicode(v, depth + 1)) for k, v in value.items()]
        n = sum(a[1] + b[1] for a, b in pairs)
        return ({a[0]: b[0] for a, b in pairs} if n else value), n
    return value, 0


def valid_unicode(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (as :func:`make_article` does)."""
    return str(_valid_unicode(text)[0])


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# words pandas reads as the moment of reading: a date column must not depend on the run
_RELATIVE_DATES = frozenset({"now", "today", "yesterday", "tomorrow"})


def _parse_date(value: Any, where: str) -> tuple[datetime.date | None, str | None]:
    """A date from a str, date, datetime or Timestamp; (None, problem) if it cannot.

    Never raises: a value that is not a date, a date outside the range of dates
    (``"0000-01-01"``, ``-1``), a word relative to the day of reading (``"today"``,
    ``"now"``) or a text without a year (``"June 5"``, ``"10:00"``, which pandas
    would date to the year 1 or to the day of the run) gives a problem instead.
    """
    if is_missing(value) or value == "":
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if type(value) is str and _ISO_DAY.fullmatch(value) and "1678" <= value[:4] <= "2261":
        # what pd.to_datetime gives for a plain ISO day inside its range, without its
        # format guessing (the slow part of loading)
        try:
            return datetime.date.fromisoformat(value), None
        except ValueError:
            pass  # not a real day (2021-02-30): pandas decides, as for any other text
    unread = f"{where}: date {value!r} could not be read; kept in metadata['date_raw']"
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, unread  # true, a list, a mapping: not a date
    text = str(value)
    if text.strip().lower() in _RELATIVE_DATES:
        return None, (f"{where}: date {value!r} names the day of reading, not a day; "
                      "kept in metadata['date_raw']")
    try:
        ts = pd.to_datetime(text)
        if pd.isna(ts):
            return None, None
        day = ts.date()
    except (ValueError, TypeError, OverflowError, NotImplementedError, ArithmeticError):
        return None, unread  # not a date, or outside the dates Python knows ("0000-01-01", "-1")
    if _without_year(text):
        return None, (f"{where}: date {value!r} has no year; kept in metadata['date_raw']")
    return day, None


def _without_year(text: str) -> bool:
    """Whether ``text`` reads as a date only with a year taken from elsewhere ("June 5",
    "10:00"): dateutil, which pandas falls back on, then fills it from its default."""
    from dateutil import parser

    try:
        a = parser.parse(text, default=datetime.datetime(2001, 1, 1))
        b = parser.parse(text, default=datetime.datetime(2002, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return False  # a form of pandas' own ("2024Q1")
    return a.year != b.year


def make_article(
    article_id: Any,
    outlet: Any,
    raw_text: Any,
    *,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **fields: Any,
) -> Article:
    """Build an :class:`Article`: clean the text, parse the date, set the status.

    Parameters
    ----------
    article_id : str
        Unique id (converted to ``str``).
    outlet : str
        Publisher name; missing gives status ``"missing_outlet"``.
    raw_text : str or bytes
        The text; bytes must be UTF-8 (else status ``"not_utf8"``); missing
        or ``""`` gives ``"no_text"``, blank after cleaning ``"empty"``, longer than
        :data:`MAX_CHARS` ``"too_long"``.
    clean : bool
        Remove boilerplate (:func:`framecmp.io.cleaning.clean`). ``False`` keeps the
        text as is.
    rules : BoilerplateRules, optional
        Cleaning rules; default the bundled ones.
    **fields
        ``title``, ``date`` (str, date or Timestamp), ``url``, ``event``,
        ``language`` (an ISO 639-1 code; detected from the text when not given),
        ``translated_from``, ``metadata`` (mapping), and
        ``status`` / ``status_detail`` set by a loader that already knows the
        article is broken.

    Returns
    -------
    Article

    Examples
    --------
    >>> a = make_article("a1", "RT", "Mali and Russia met.\\nRead more", date="2024-08-08")
    >>> a.text, a.date, a.status
    ('Mali and Russia met.', datetime.date(2024, 8, 8), 'ok')
    """
    allowed = set(ARTICLE_FIELDS) | {"metadata", "status", "status_detail"}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(
            f"make_article() got unexpected field(s) {unknown}. Allowed: {sorted(allowed)} "
            "(put anything else in metadata=)."
        )
    # lone surrogates become U+FFFD in every field, so that every output can be written
    replaced: list[str] = []
    article_id, n = _valid_unicode(article_id)
    replaced += ["article_id"] * bool(n)
    outlet, n = _valid_unicode(outlet)
    replaced += ["outlet"] * bool(n)
    raw_text, n = _valid_unicode(raw_text)
    replaced += ["text"] * bool(n)
    for k in list(fields):
        fields[k], n = _valid_unicode(fields[k])
        replaced += [k] * bool(n)
    if is_missing(article_id) or not str(article_id).strip():
        raise param_error("article_id", "make_article", "a non-empty string", article_id)
    aid = str(article_id).strip()
    meta: dict[str, Any] = {
        k: v for k, v in dict(fields.get("metadata") or {}).items() if not is_missing(v)
    }
    status = fields.get("status") or "ok"
    detail = fields.get("status_detail")
    if replaced:
        meta["replaced_surrogates"] = replaced
        warnings.warn(f"article {aid!r}: lone surrogates (not characters) in {', '.join(replaced)} "
                      "were replaced by U+FFFD", stacklevel=2)

    raw: str
    if is_missing(raw_text) or (isinstance(raw_text, (str, bytes, bytearray)) and len(raw_text) == 0):
        # no value and an empty field are the same in a CSV; JSON and DataFrames agree with it
        raw = ""
        if status == "ok":
            status, detail = "no_text", detail or "no text was given"
    elif isinstance(raw_text, (bytes, bytearray)):
        try:
            raw = bytes(raw_text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raw = bytes(raw_text).decode("utf-8", errors="replace")
            if status == "ok":
                status = "not_utf8"
                detail = detail or f"not UTF-8 ({exc.reason} at byte {exc.start})"
    elif isinstance(raw_text, str):
        raw = raw_text
    else:
        raise type_error("raw_text", "make_article", "a str or bytes", raw_text)

    outlet_s = opt_str(outlet)
    if outlet_s is None:
        outlet_s = MISSING_OUTLET
        if status == "ok":
            status, detail = "missing_outlet", detail or "no outlet was given"

    title = opt_str(fields.get("title"))
    date, date_problem = _parse_date(fields.get("date"), f"article {aid!r}")
    if date_problem:
        meta["date_raw"] = fields.get("date")
        warnings.warn(date_problem, stacklevel=2)

    if len(raw) > MAX_CHARS and status == "ok":
        status = "too_long"
        detail = detail or f"{len(raw):,} characters; the limit is MAX_CHARS={MAX_CHARS:,}"

    removals: tuple[Removal, ...] = ()
    if status in ("ok", "missing_outlet") and clean:
        # no caption marking: an Article keeps no captions, analyze() finds them itself
        cleaned = clean_text(raw, rules=rules, title=title, captions=False)
        text, offsets, removals = cleaned.text, cleaned.offsets, cleaned.removals
        if cleaned.timeouts:
            meta["clean_timeouts"] = list(cleaned.timeouts)
    elif status in ("ok", "missing_outlet"):
        text, offsets = raw, OffsetMap.identity(len(raw))
    else:
        text, offsets = "", OffsetMap.identity(0)
    if status == "ok" and not text.strip():
        status = "empty"
        detail = detail or (
            "the text is blank" if not raw.strip() else "nothing is left after cleaning"
        )
    if detail:
        meta["status_detail"] = detail
    language = opt_str(fields.get("language"))
    if language is not None:
        language = language.lower()
    elif status in ("ok", "missing_outlet"):
        language = detect_language(f"{title}\n{text}" if title else text)

    return Article(
        article_id=aid,
        outlet=outlet_s,
        raw_text=raw,
        text=text,
        offsets=offsets,
        title=title,
        date=date,
        url=opt_str(fields.get("url")),
        event=opt_str(fields.get("event")),
        language=language or DEFAULT_LANGUAGE,
        translated_from=opt_str(fields.get("translated_from")),
        metadata=meta,
        status=status,
        removals=removals,
    )


# --------------------------------------------------------------------------- ids


class IdRenamer:
    """The one policy for repeated ids, in every reader: the first article keeps its id,
    a later one with an id already used gets the first free ``"<id>#<k>"`` (k = 2, 3, ...)
    and a warning naming where it is. "Free" counts the renamed ids too, so two rows never
    share an id: ``a, a, a#2`` become ``a, a#2, a#2#2``.

    Reading is streamed, so a later row cannot take back an earlier row's id.
    """

    #: renames warned about one by one; after that, one warning says more follow
    MAX_WARNINGS = 20

    def __init__(self, source: object) -> None:
        self.source = source
        self.used: set[str] = set()
        self.next: dict[str, int] = {}
        self.renamed = 0

    def new_id(self, article_id: str, *, where: str | None = None, stacklevel: int = 3) -> str | None:
        """The new id for ``article_id``, or None when it is not used yet (it is now)."""
        if article_id not in self.used:
            self.used.add(article_id)
            return None
        k = self.next.get(article_id, 2)
        while f"{article_id}#{k}" in self.used:
            k += 1
        new_id = f"{article_id}#{k}"
        self.next[article_id] = k + 1
        self.used.add(new_id)
        self.renamed += 1
        if self.renamed <= self.MAX_WARNINGS:
            at = f" ({where})" if where else ""
            more = (f"; further repeated ids of {self.source} are renamed the same way without a warning"
                    if self.renamed == self.MAX_WARNINGS else "")
            warnings.warn(f"{self.source}: article id {article_id!r}{at} occurs again; renamed {new_id!r}{more}",
                          stacklevel=stacklevel)
        return new_id


def unique_ids(articles: Iterable[Article], source: object) -> Iterator[Article]:
    """``articles`` with every repeated id renamed (:class:`IdRenamer`), lazily."""
    renamer = IdRenamer(source)
    for art in articles:
        new_id = renamer.new_id(art.article_id, where=art.metadata.get("row"), stacklevel=4)
        yield art if new_id is None else art.replace(article_id=new_id)


# --------------------------------------------------------------------------- Corpus


def _where(a: Article, position: int) -> str:
    src = a.metadata.get("source")
    row = a.metadata.get("row")
    if src is not None and row is not None:
        return f"{src} {row}"
    if src is not None:
        return str(src)
    return f"position {position}"


class Corpus(Sequence[Article]):
    """An immutable sequence of articles, indexable by position or ``article_id``.

    Parameters
    ----------
    articles : iterable of Article
    name : str, optional
        A label shown in ``repr``.

    Raises
    ------
    ValueError
        If two articles share an ``article_id`` (naming where each came from).

    Examples
    --------
    >>> from framecmp.io.readers import load_seeds
    >>> corpus = load_seeds()
    >>> len(corpus), corpus["seed-003"].outlet
    (5, 'RT')
    """

    __slots__ = ("_articles", "_index", "name")

    def __init__(self, articles: Iterable[Article] = (), *, name: str | None = None) -> None:
        if isinstance(articles, (str, bytes, Article)):
            raise param_error("articles", "Corpus", "an iterable of Article objects", articles,
                              got=f"a single {type(articles).__name__}", hint="Wrap it in a list.")
        arts = tuple(articles)
        index: dict[str, int] = {}
        dupes: dict[str, list[int]] = {}
        for i, a in enumerate(arts):
            if not isinstance(a, Article):
                raise param_error("articles", "Corpus", "an iterable of Article objects", articles,
                                  got=f"item {i}, a {type(a).__name__}")
            if a.article_id in index:
                dupes.setdefault(a.article_id, [index[a.article_id]]).append(i)
            else:
                index[a.article_id] = i
        if dupes:
            lines = [
                f"  {aid!r}: " + ", ".join(_where(arts[i], i) for i in pos)
                for aid, pos in dupes.items()
            ]
            raise ValueError(
                f"Duplicate article ids ({len(dupes)}); each id must be unique:\n"
                + "\n".join(lines)
            )
        self._articles = arts
        self._index = index
        self.name = name

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    @overload
    def __getitem__(self, key: int) -> Article: ...

    @overload
    def __getitem__(self, key: str) -> Article: ...

    @overload
    def __getitem__(self, key: slice) -> Corpus: ...

    def __getitem__(self, key: int | str | slice) -> Article | Corpus:
        if isinstance(key, str):
            try:
                return self._articles[self._index[key]]
            except KeyError:
                shown = list(self._index)[:10]
                more = "" if len(self._index) <= 10 else f" (and {len(self._index) - 10} more)"
                raise KeyError(f"No article with id {key!r}. Ids: {shown}{more}") from None
        if isinstance(key, slice):
            return Corpus(self._articles[key], name=self.name)
        return self._articles[key]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._index
        return item in self._articles

    def __repr__(self) -> str:
        n_ok = sum(a.status == "ok" for a in self._articles)
        label = f"{self.name!r}, " if self.name else ""
        return (
            f"Corpus({label}{len(self)} articles, {len(self.outlets)} outlets, "
            f"{n_ok} scorable)"
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """Article ids, in order."""
        return tuple(a.article_id for a in self._articles)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlets, sorted."""
        return tuple(sorted({a.outlet for a in self._articles}))

    def to_frame(self) -> pd.DataFrame:
        """One row per article, columns ``framecmp.schema.ARTICLES``."""
        df = pd.DataFrame([a.as_row() for a in self._articles], columns=columns.ARTICLES)
        df["date"] = pd.to_datetime(df["date"])
        df["n_words"] = df["n_words"].astype("int64")
        df["n_removed"] = df["n_removed"].astype("int64")
        return df

    def removal_log(self) -> pd.DataFrame:
        """Every removal cleaning made, columns ``framecmp.schema.REMOVALS``."""
        rows = [r.as_row(a.article_id) for a in self._articles for r in a.removals]
        return pd.DataFrame(rows, columns=columns.REMOVALS)

    def filter(
        self,
        predicate: Callable[[Article], bool] | None = None,
        *,
        outlet: str | Iterable[str] | None = None,
        event: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        start: datetime.date | str | None = None,
        end: datetime.date | str | None = None,
    ) -> Corpus:
        """The articles matching every condition given (a new Corpus).

        ``start`` and ``end`` bound the date (inclusive); undated articles are
        left out when either is given.
        """

        def as_set(name: str, v: str | Iterable[str]) -> set[str]:
            if isinstance(v, str):
                return {v}
            try:
                return {str(x) for x in v}
            except TypeError:
                raise type_error(name, "Corpus.filter", "a str or a collection of str", v) from None

        conds: list[Callable[[Article], bool]] = []
        if outlet is not None:
            o = as_set("outlet", outlet)
            conds.append(lambda a: a.outlet in o)
        if event is not None:
            ev = as_set("event", event)
            conds.append(lambda a: a.event in ev)
        if status is not None:
            st = as_set("status", status)
            bad = sorted(st - set(STATUSES))
            if bad:
                raise param_error("status", "Corpus.filter", f"statuses among {list(STATUSES)}",
                                  status, got=repr(bad))
            conds.append(lambda a: a.status in st)
        if ids is not None:
            wanted = as_set("ids", ids)
            conds.append(lambda a: a.article_id in wanted)
        for name, bound in (("start", start), ("end", end)):
            if bound is None:
                continue
            d, problem = _parse_date(bound, f"Corpus.filter({name}=...)")
            if d is None:
                raise param_error(name, "Corpus.filter", "a date", bound)
            conds.append(_date_bound(d, after=name == "start"))
        if predicate is not None:
            conds.append(predicate)
        return Corpus((a for a in self._articles if all(c(a) for c in conds)), name=self.name)

    def with_events(self, events: Mapping[str, str | None] | pd.Series) -> Corpus:
        """A new Corpus with ``event`` set from ``{article_id: event}`` (or a Series).

        Articles not in ``events`` keep their event; ids that are not in the
        corpus raise ``ValueError``.
        """
        if isinstance(events, pd.Series):
            mapping = {str(k): v for k, v in events.items()}
        elif isinstance(events, Mapping):
            mapping = {str(k): v for k, v in events.items()}
        else:
            raise type_error("events", "Corpus.with_events",
                             "a mapping or a pandas Series indexed by article_id", events)
        unknown = sorted(set(mapping) - set(self._index))
        if unknown:
            raise param_error("events", "Corpus.with_events", "indexed by ids of the corpus", events,
                              got=f"ids not in the corpus: {unknown[:10]}",
                              hint=f"Corpus ids: {list(self.ids)[:10]}")
        return Corpus(
            (
                a.replace(event=opt_str(mapping[a.article_id])) if a.article_id in mapping else a
                for a in self._articles
            ),
            name=self.name,
        )


def _date_bound(d: datetime.date, *, after: bool) -> Callable[[Article], bool]:
    def cond(a: Article) -> bool:
        if a.date is None:
            return False
        return a.date >= d if after else a.date <= d

    return cond
