"""Articles, corpora and loaders.

An :class:`Article` keeps its raw text and its cleaned text, with an offset map
between them (:mod:`framecmp.io.cleaning`). A :class:`Corpus` is an immutable
sequence of articles. Loaders read folders of ``.txt`` files with a metadata
file, CSV, JSON Lines (also gzipped), Parquet, DataFrames and HTML pages; they
all build articles through one function, :func:`make_article`, and the tabular
ones stream through :func:`iter_records`.

Nothing is dropped silently: an article that cannot be scored (empty, not
UTF-8, too long, a JSON line that does not parse, no outlet) stays in the
corpus with a ``status`` saying why and ``metadata["status_detail"]`` saying
where.
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
import logging
import math
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, overload

import pandas as pd

from framecmp import schema as columns
from framecmp.io.cleaning import BoilerplateRules, OffsetMap, Removal
from framecmp.io.cleaning import clean as _clean

__all__ = [
    "MAX_CHARS",
    "STATUSES",
    "SUFFIXES",
    "Article",
    "Corpus",
    "from_dataframe",
    "iter_csv",
    "iter_jsonl",
    "iter_parquet",
    "iter_records",
    "load",
    "load_folder",
    "load_html",
    "load_seeds",
    "make_article",
    "read_csv",
    "read_jsonl",
    "read_parquet",
]

logger = logging.getLogger(__name__)

MAX_CHARS = 2_000_000
"""Articles longer than this (raw characters) get status ``"too_long"``."""

STATUSES = ("ok", "empty", "no_text", "not_utf8", "too_long", "parse_error", "missing_outlet")
"""The values of ``Article.status``; only ``"ok"`` articles are scored."""

SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet", ".pq",
            ".html", ".htm")
"""File types :func:`load` reads (and folders, read with :func:`load_folder`)."""

MISSING_OUTLET = "unknown"
_FIELDS = ("title", "date", "url", "event", "language", "translated_from")
_ARTICLE_KEYS = ("article_id", "outlet", "text") + _FIELDS


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
        ISO 639-1 code of ``text`` (default ``"en"``).
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
        if self.status not in STATUSES:
            raise ValueError(
                f"The 'status' parameter of Article must be one of {list(STATUSES)}. "
                f"Got {self.status!r} instead."
            )

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


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, dict)) else False
    except (TypeError, ValueError):
        return False


def _opt_str(value: Any) -> str | None:
    if _is_missing(value):
        return None
    s = str(value).strip()
    return s or None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: Any, where: str) -> tuple[datetime.date | None, str | None]:
    """A date from a str, date, datetime or Timestamp; (None, problem) if it cannot."""
    if _is_missing(value) or value == "":
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
    try:
        ts = pd.to_datetime(str(value))
    except (ValueError, TypeError, OverflowError):
        return None, f"{where}: date {value!r} could not be read; kept in metadata['date_raw']"
    if pd.isna(ts):
        return None, None
    return ts.date(), None


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
        ``language``, ``translated_from``, ``metadata`` (mapping), and
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
    allowed = set(_FIELDS) | {"metadata", "status", "status_detail"}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(
            f"make_article() got unexpected field(s) {unknown}. Allowed: {sorted(allowed)} "
            "(put anything else in metadata=)."
        )
    if _is_missing(article_id) or not str(article_id).strip():
        raise ValueError(f"The 'article_id' parameter of make_article() must be a non-empty "
                         f"string. Got {article_id!r} instead.")
    aid = str(article_id).strip()
    meta: dict[str, Any] = {
        k: v for k, v in dict(fields.get("metadata") or {}).items() if not _is_missing(v)
    }
    status = fields.get("status") or "ok"
    detail = fields.get("status_detail")

    raw: str
    if _is_missing(raw_text) or (isinstance(raw_text, (str, bytes, bytearray)) and len(raw_text) == 0):
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
        raise TypeError(
            f"The 'raw_text' parameter of make_article() must be a str or bytes. "
            f"Got {type(raw_text).__name__} instead."
        )

    outlet_s = _opt_str(outlet)
    if outlet_s is None:
        outlet_s = MISSING_OUTLET
        if status == "ok":
            status, detail = "missing_outlet", detail or "no outlet was given"

    title = _opt_str(fields.get("title"))
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
        cleaned = _clean(raw, rules=rules, title=title, captions=False)
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

    return Article(
        article_id=aid,
        outlet=outlet_s,
        raw_text=raw,
        text=text,
        offsets=offsets,
        title=title,
        date=date,
        url=_opt_str(fields.get("url")),
        event=_opt_str(fields.get("event")),
        language=_opt_str(fields.get("language")) or "en",
        translated_from=_opt_str(fields.get("translated_from")),
        metadata=meta,
        status=status,
        removals=removals,
    )


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
    >>> corpus = load_seeds()
    >>> len(corpus), corpus["seed-003"].outlet
    (5, 'RT')
    """

    __slots__ = ("_articles", "_index", "name")

    def __init__(self, articles: Iterable[Article] = (), *, name: str | None = None) -> None:
        if isinstance(articles, (str, bytes, Article)):
            raise TypeError(
                "Corpus() expects an iterable of Article objects, got a single "
                f"{type(articles).__name__}; wrap it in a list."
            )
        arts = tuple(articles)
        index: dict[str, int] = {}
        dupes: dict[str, list[int]] = {}
        for i, a in enumerate(arts):
            if not isinstance(a, Article):
                raise TypeError(
                    f"Corpus() expects Article objects; item {i} is a {type(a).__name__}"
                )
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
                raise TypeError(
                    f"The '{name}' parameter of Corpus.filter() must be a str or a collection "
                    f"of str. Got {type(v).__name__} instead."
                ) from None

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
                raise ValueError(
                    f"The 'status' parameter of Corpus.filter() must be among {list(STATUSES)}. "
                    f"Got {bad} instead."
                )
            conds.append(lambda a: a.status in st)
        if ids is not None:
            wanted = as_set("ids", ids)
            conds.append(lambda a: a.article_id in wanted)
        for name, bound in (("start", start), ("end", end)):
            if bound is None:
                continue
            d, problem = _parse_date(bound, f"Corpus.filter({name}=...)")
            if d is None:
                raise ValueError(
                    f"The '{name}' parameter of Corpus.filter() must be a date. "
                    f"Got {bound!r} instead."
                )
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
            raise TypeError(
                "The 'events' parameter of Corpus.with_events() must be a mapping or a "
                f"pandas Series indexed by article_id. Got {type(events).__name__} instead."
            )
        unknown = sorted(set(mapping) - set(self._index))
        if unknown:
            raise ValueError(
                f"The 'events' parameter of Corpus.with_events() names ids not in the corpus: "
                f"{unknown[:10]}. Corpus ids: {list(self.ids)[:10]}"
            )
        return Corpus(
            (
                a.replace(event=_opt_str(mapping[a.article_id])) if a.article_id in mapping else a
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


# --------------------------------------------------------------------------- records -> articles


@dataclass(frozen=True, slots=True)
class _Columns:
    """Which input column holds which article field."""

    text: str = "text"
    outlet: str = "outlet"
    id: str | None | bool = None  # None: the "id" column if any; False: none
    title: str = "title"
    date: str = "date"
    url: str = "url"
    event: str = "event"
    language: str = "language"
    translated_from: str = "translated_from"

    @classmethod
    def from_kwargs(cls, kwargs: Mapping[str, Any], func: str) -> _Columns:
        allowed = [f.name for f in dataclasses.fields(cls)]
        for k, v in kwargs.items():
            if k not in allowed:
                raise TypeError(f"{func}() got an unexpected keyword argument {k!r}. "
                                f"Column options: {allowed}")
            if not (v in (None, False) and k == "id") and not isinstance(v, str):
                raise TypeError(f"The '{k}' parameter of {func}() must be a column name (str). "
                                f"Got {v!r} instead.")
        return cls(**kwargs)

    def field_map(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in _FIELDS}

    def explicit(self) -> dict[str, str]:
        """Columns the user named (not left at their default)."""
        default = _Columns()
        out = {}
        for f in ("id",) + _FIELDS:
            v = getattr(self, f)
            if v is not None and v is not False and v != getattr(default, f):
                out[f] = str(v)
        return out

    def check(self, available: Sequence[str], source: str, func: str) -> None:
        """Raise if a required or explicitly named column is missing."""
        need = {"text": self.text, "outlet": self.outlet, **self.explicit()}
        for param, col in need.items():
            if col not in available:
                raise ValueError(
                    f"The '{param}' parameter of {func}() names column {col!r}, which "
                    f"{source} does not have. Available columns: {list(available)}"
                )


def _id_column(rec: Mapping[str, Any], cols: _Columns) -> str | None:
    """The column holding the id: the one named by ``id=``, else ``"id"`` when the record has it."""
    if cols.id is False:  # id=False: file-and-row ids even where there is an "id" column
        return None
    if cols.id is not None:
        return str(cols.id)
    return "id" if "id" in rec else None


def _record_id(rec: Mapping[str, Any], cols: _Columns, default_id: str) -> str:
    """The id the article of ``rec`` gets (as :func:`make_article` will spell it)."""
    col = _id_column(rec, cols)
    aid = rec.get(col) if col is not None else None
    if _is_missing(aid) or str(aid).strip() == "":
        aid = default_id
    return str(aid).strip()


def _article_from_record(
    rec: Mapping[str, Any],
    cols: _Columns,
    *,
    source: str,
    row: str,
    default_id: str,
    clean: bool,
    rules: BoilerplateRules | None,
    **status: str,
) -> Article:
    """The article of one record; ``status``/``status_detail`` (optional) as for :func:`make_article`."""
    used = {cols.text, cols.outlet, *cols.field_map().values()}
    id_col = _id_column(rec, cols)
    if id_col is not None:
        used.add(id_col)
    aid = _record_id(rec, cols, default_id)
    meta = {k: v for k, v in rec.items() if k not in used}
    meta["source"] = source
    meta["row"] = row
    fields = {f: rec.get(c) for f, c in cols.field_map().items() if c in rec}
    return make_article(
        aid, rec.get(cols.outlet), rec.get(cols.text), clean=clean, rules=rules,
        metadata=meta, **fields, **status,
    )


def _broken(
    aid: str, source: str, row: str, status: str, detail: str, *, raw: str = ""
) -> Article:
    return make_article(
        aid, MISSING_OUTLET, raw, clean=False, status=status, status_detail=detail,
        metadata={"source": source, "row": row},
    )


# A raw row of a tabular source: (record, row label such as "row 3", default id).
_Row = tuple[Mapping[str, Any], str, str]


def _checked(
    rows: Iterable[_Row | Article],
    cols: _Columns,
    *,
    source: str,
    func: str,
    known_columns: Sequence[str] | None = None,
) -> Iterator[_Row | Article]:
    """``rows`` unchanged, after checking the columns against ``known_columns``
    (the header) or else the keys of the first record."""
    checked = known_columns is not None
    if known_columns is not None:
        cols.check(known_columns, source, func)
    for item in rows:
        if not checked and not isinstance(item, Article):
            cols.check([str(k) for k in item[0]], f"{source} ({item[1]})", func)
            checked = True
        yield item


def _convert(
    rows: Iterable[_Row | Article],
    cols: _Columns,
    *,
    source: str,
    func: str,
    clean: bool,
    rules: BoilerplateRules | None,
    known_columns: Sequence[str] | None = None,
) -> Iterator[Article]:
    """The one path from rows to articles that every tabular reader shares.

    Columns are checked against ``known_columns`` (the header) or else the
    keys of the first record. Items that are already articles (a JSON line
    that did not parse) pass through.
    """
    for item in _checked(rows, cols, source=source, func=func, known_columns=known_columns):
        if isinstance(item, Article):
            yield item
            continue
        rec, row, aid = item
        yield _article_from_record(
            rec, cols, source=source, row=row, default_id=aid, clean=clean, rules=rules
        )


@dataclass(frozen=True)
class _RawSource:
    """A file's rows before they become articles.

    :func:`framecmp.scoring.score_file` reads these in the parent process and
    lets worker processes clean and build the articles (:meth:`build`), so
    that loading runs in parallel; :meth:`articles` is the serial path of the
    ``iter_*`` readers. Both give the same articles.
    """

    rows: Iterator[_Row | Article]
    cols: _Columns
    source: str
    func: str
    clean: bool = True
    rules: BoilerplateRules | None = None
    known_columns: Sequence[str] | None = None

    def checked(self) -> Iterator[_Row | Article]:
        """The rows (raw records or broken articles), columns checked."""
        return _checked(self.rows, self.cols, source=self.source, func=self.func,
                        known_columns=self.known_columns)

    def articles(self) -> Iterator[Article]:
        return _convert(self.rows, self.cols, source=self.source, func=self.func,
                        clean=self.clean, rules=self.rules, known_columns=self.known_columns)

    def loader(self) -> _Loader:
        """What a worker process needs to build articles from rows."""
        return _Loader(self.cols, self.source, self.clean, self.rules)


@dataclass(frozen=True)
class _Loader:
    cols: _Columns
    source: str
    clean: bool
    rules: BoilerplateRules | None

    def record_id(self, item: _Row | Article) -> str:
        if isinstance(item, Article):
            return item.article_id
        return _record_id(item[0], self.cols, item[2])

    def build(self, item: _Row | Article) -> Article:
        if isinstance(item, Article):
            return item
        rec, row, aid = item
        return _article_from_record(rec, self.cols, source=self.source, row=row, default_id=aid,
                                    clean=self.clean, rules=self.rules)


def iter_records(
    records: Iterable[Mapping[str, Any]],
    *,
    source: str = "records",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Iterator[Article]:
    """Articles from mappings (one per article), lazily.

    Parameters
    ----------
    records : iterable of mappings
    source : str
        A label for messages and default ids (``"<source>-<row>"``, rows from 1).
    clean, rules
        As :func:`make_article`.
    **columns_
        As :func:`iter_csv`. Keys not used for a field go to ``Article.metadata``.
    """
    if isinstance(records, (str, bytes, Mapping)):
        raise TypeError(
            "The 'records' parameter of iter_records() must be an iterable of mappings. "
            f"Got a single {type(records).__name__} instead."
        )
    cols = _Columns.from_kwargs(columns_, "iter_records")
    rows = ((rec, f"row {i}", f"{source}-{i}") for i, rec in enumerate(records, start=1))
    yield from _convert(rows, cols, source=source, func="iter_records", clean=clean, rules=rules)


def _check_path(path: str | Path, func: str) -> Path:
    if not isinstance(path, (str, Path)):
        raise TypeError(
            f"The 'path' parameter of {func}() must be a str or Path. "
            f"Got {type(path).__name__} instead."
        )
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{func}(): no such file or folder: {p}")
    return p


def _first_undecodable(rec: Mapping[str, Any]) -> tuple[str, int, int] | None:
    """(column, byte offset in the field, byte) of the first byte that was not UTF-8, if any
    (read with ``surrogateescape``: such a byte is a lone surrogate U+DC80..U+DCFF)."""
    for col, v in rec.items():
        if isinstance(v, str):
            try:
                v.encode("utf-8")  # fails only on a surrogate: fast in C, no loop over characters
            except UnicodeEncodeError as exc:
                i = exc.start
                return col, len(v[:i].encode("utf-8", "surrogateescape")), ord(v[i]) - 0xDC00
    return None


def _decoded(rec: Mapping[str, Any]) -> dict[str, Any]:
    """``rec`` with undecodable bytes shown as U+FFFD."""
    return {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if isinstance(v, str) else v
            for k, v in rec.items()}


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> ValueError:
    return ValueError(
        f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}); re-save it as UTF-8"
    )


# --------------------------------------------------------------------------- CSV


def iter_csv(
    path: str | Path,
    *,
    chunksize: int = 1000,
    sep: str | None = None,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Iterator[Article]:
    """Articles from a CSV (or TSV) file, read in chunks, lazily.

    Parameters
    ----------
    path : str or Path
    chunksize : int
        Rows read at a time.
    sep : str, optional
        Field separator; default ``","`` (``"\\t"`` for ``.tsv``).
    clean, rules
        As :func:`make_article`.
    **columns_
        ``text`` (default ``"text"``), ``outlet`` (``"outlet"``), ``id``
        (default: the column ``"id"`` when there is one, else ids are
        ``"<file stem>-<row>"``; a row with an empty id gets that too; ``id=False``:
        always those), ``title``, ``date``,
        ``url``, ``event``, ``language``, ``translated_from``: the column
        holding each field. Other columns go to ``Article.metadata``.

    Raises
    ------
    ValueError
        A named column is missing (the message lists the available ones); the
        file is not UTF-8 or is empty.
    """
    yield from _csv_source(path, chunksize=chunksize, sep=sep, clean=clean, rules=rules,
                           **columns_).articles()


def _csv_source(
    path: str | Path,
    *,
    chunksize: int = 1000,
    sep: str | None = None,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> _RawSource:
    p = _check_path(path, "iter_csv")
    cols = _Columns.from_kwargs(columns_, "iter_csv")
    if sep is None:
        sep = "\t" if p.suffix.lower() == ".tsv" else ","
    # object, not str: pandas's Arrow strings cannot hold the surrogates of undecodable bytes
    opts: dict[str, Any] = {"sep": sep, "dtype": object, "keep_default_na": False, "encoding": "utf-8"}
    with open(p, "rb") as fh:
        first_line = fh.readline()
    try:
        first_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{p}: the header row is not UTF-8 ({exc.reason} at byte {exc.start}); "
                         "re-save the file as UTF-8") from None
    try:
        header = list(pd.read_csv(p, nrows=0, encoding_errors="surrogateescape", **opts).columns)
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{p} is empty: a CSV needs a header row naming at least the "
            f"{cols.text!r} and {cols.outlet!r} columns"
        ) from None

    def rows() -> Iterator[_Row | Article]:
        n = 0
        # bytes that are not UTF-8 become lone surrogates, so that one bad row is recorded
        # (status "not_utf8", as a JSONL line is) and the rows after it are still read
        for chunk in pd.read_csv(p, chunksize=chunksize, encoding_errors="surrogateescape", **opts):
            for rec in chunk.to_dict(orient="records"):
                n += 1
                clean_rec = {str(k): (None if v == "" else v) for k, v in rec.items()}
                where, aid = f"row {n}", f"{_stem(p)}-{n}"
                bad = _first_undecodable(clean_rec)
                if bad is not None:
                    col, pos, byte = bad
                    # the row is kept whole (title, date, metadata; U+FFFD for the bad bytes)
                    yield _article_from_record(
                        _decoded(clean_rec), cols, source=str(p), row=where, default_id=aid, clean=False, rules=None,
                        status="not_utf8",
                        status_detail=f"{p} row {n}, column {col!r}: not UTF-8 (byte 0x{byte:02x} at "
                                      f"byte {pos} of the field); re-save the file as UTF-8",
                    )
                    continue
                yield clean_rec, where, aid

    return _RawSource(rows(), cols, str(p), "read_csv", clean, rules, header)


def read_csv(path: str | Path, **kwargs: Any) -> Corpus:
    """A :class:`Corpus` from a CSV file (see :func:`iter_csv` for options).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text("id,outlet,text\\nx1,RT,Mali met Russia.\\n", encoding="utf-8")
    >>> read_csv(p, id="id")["x1"].outlet
    'RT'
    """
    p = _check_path(path, "read_csv")
    return Corpus(iter_csv(p, **kwargs), name=p.name)


def _stem(p: Path) -> str:
    return p.name.split(".")[0]


# --------------------------------------------------------------------------- JSON Lines


def iter_jsonl(
    path: str | Path,
    *,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Iterator[Article]:
    """Articles from a JSON Lines file (``.jsonl``, ``.ndjson``, optionally ``.gz``), lazily.

    A line that is not valid JSON (or not an object) gives an article with
    status ``"parse_error"`` and id ``"<stem>-line<N>"``; a line that is not
    UTF-8 gives ``"not_utf8"``. Reading goes on. Blank lines are skipped.
    Column options as :func:`iter_csv` (checked against the first object).
    """
    yield from _jsonl_source(path, clean=clean, rules=rules, **columns_).articles()


def _jsonl_source(
    path: str | Path,
    *,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> _RawSource:
    p = _check_path(path, "iter_jsonl")
    cols = _Columns.from_kwargs(columns_, "iter_jsonl")

    def rows() -> Iterator[_Row | Article]:
        fh = gzip.open(p, "rb") if p.name.lower().endswith(".gz") else open(p, "rb")
        with fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where, aid = f"line {n}", f"{_stem(p)}-line{n}"
                try:
                    s = line.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield _broken(aid, str(p), where, "not_utf8",
                                  f"{p} line {n}: not UTF-8 ({exc.reason} at byte {exc.start})")
                    continue
                try:
                    rec = json.loads(s)
                    if not isinstance(rec, dict):
                        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
                except ValueError as exc:
                    yield _broken(aid, str(p), where, "parse_error", f"{p} line {n}: {exc}",
                                  raw=s.rstrip("\r\n"))
                    continue
                yield rec, where, aid

    return _RawSource(rows(), cols, str(p), "read_jsonl", clean, rules)


def read_jsonl(path: str | Path, **kwargs: Any) -> Corpus:
    """A :class:`Corpus` from a JSON Lines file (see :func:`iter_jsonl`)."""
    p = _check_path(path, "read_jsonl")
    return Corpus(iter_jsonl(p, **kwargs), name=p.name)


# --------------------------------------------------------------------------- Parquet and DataFrames


def iter_parquet(
    path: str | Path,
    *,
    batch_size: int = 1000,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Iterator[Article]:
    """Articles from a Parquet file, read in record batches, lazily.

    Column options as :func:`iter_csv`.
    """
    yield from _parquet_source(path, batch_size=batch_size, clean=clean, rules=rules,
                               **columns_).articles()


def _parquet_source(
    path: str | Path,
    *,
    batch_size: int = 1000,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> _RawSource:
    import pyarrow.parquet as pq

    p = _check_path(path, "iter_parquet")
    cols = _Columns.from_kwargs(columns_, "iter_parquet")
    pf = pq.ParquetFile(p)

    def rows() -> Iterator[_Row]:
        n = 0
        for batch in pf.iter_batches(batch_size=batch_size):
            for rec in batch.to_pylist():
                n += 1
                yield rec, f"row {n}", f"{_stem(p)}-{n}"

    return _RawSource(rows(), cols, str(p), "read_parquet", clean, rules,
                      list(pf.schema_arrow.names))


def read_parquet(path: str | Path, **kwargs: Any) -> Corpus:
    """A :class:`Corpus` from a Parquet file (see :func:`iter_parquet`)."""
    p = _check_path(path, "read_parquet")
    return Corpus(iter_parquet(p, **kwargs), name=p.name)


def from_dataframe(
    df: pd.DataFrame,
    *,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Corpus:
    """A :class:`Corpus` from a DataFrame, one row per article.

    Without ``id=``, a column named ``"id"`` holds the ids when there is one;
    otherwise the DataFrame's index labels are the ids. Other options as
    :func:`iter_csv`.

    Examples
    --------
    >>> df = pd.DataFrame({"outlet": ["RT"], "text": ["Mali met Russia."]}, index=["a1"])
    >>> from_dataframe(df).ids
    ('a1',)
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"The 'df' parameter of from_dataframe() must be a pandas DataFrame. "
            f"Got {type(df).__name__} instead."
        )
    cols = _Columns.from_kwargs(columns_, "from_dataframe")
    rows = (
        ({str(k): v for k, v in rec.items()}, f"row {pos} (index {label!r})", str(label))
        for pos, (label, rec) in enumerate(zip(df.index, df.to_dict(orient="records")), start=1)
    )
    return Corpus(
        _convert(
            rows, cols, source="the DataFrame", func="from_dataframe", clean=clean, rules=rules,
            known_columns=[str(c) for c in df.columns],
        )
    )


# --------------------------------------------------------------------------- folders


def _read_metadata(meta: Any, folder: Path) -> list[tuple[dict[str, Any], str]]:
    """Metadata rows ``(fields, where)``; each has a ``file`` key."""
    from framecmp.lexicons import LINE, load_yaml_with_lines

    rows: list[tuple[dict[str, Any], str]] = []
    if isinstance(meta, pd.DataFrame):
        df, label = meta, "metadata DataFrame"
    elif isinstance(meta, (str, Path)):
        mp = Path(meta)
        if not mp.is_absolute() and not mp.exists():
            mp = folder / mp
        if not mp.is_file():
            raise FileNotFoundError(f"load_folder(): metadata file not found: {mp}")
        if mp.suffix.lower() in (".yaml", ".yml"):
            data = load_yaml_with_lines(mp)
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                items = data["articles"]
            elif isinstance(data, list):
                items = data
            elif isinstance(data, dict):
                items = [
                    {"file": k, **v} if isinstance(v, dict) else {"file": k, "__bad__": v}
                    for k, v in data.items() if k != LINE
                ]
            else:
                raise ValueError(f"{mp}: metadata must be a list of entries with 'file', "
                                 "a mapping with 'articles:', or a mapping file -> fields")
            for i, item in enumerate(items, start=1):
                if not isinstance(item, dict) or "__bad__" in item:
                    raise ValueError(f"{mp}: entry {i} is not a mapping of fields")
                line = item.get(LINE)
                where = f"{mp} line {line}" if line else f"{mp} entry {i}"
                rows.append(({k: v for k, v in item.items() if k != LINE}, where))
            return rows
        if mp.suffix.lower() in (".csv", ".tsv"):
            try:
                df = pd.read_csv(mp, sep="\t" if mp.suffix.lower() == ".tsv" else ",",
                                 dtype=str, keep_default_na=False, encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(mp, exc) from exc
            df = df.replace({"": None})
            label = str(mp)
        else:
            raise ValueError(
                f"The 'metadata' parameter of load_folder() must be a .csv, .tsv, .yaml or "
                f".yml file, a DataFrame or a mapping. Got {str(mp)!r} instead."
            )
    elif isinstance(meta, Mapping):
        for k, v in meta.items():
            if not isinstance(v, Mapping):
                raise TypeError(f"metadata[{k!r}] must be a mapping of fields, got {v!r}")
            rows.append(({"file": k, **dict(v)}, f"metadata[{k!r}]"))
        return rows
    else:
        raise TypeError(
            "The 'metadata' parameter of load_folder() must be a path, a DataFrame or a "
            f"mapping. Got {type(meta).__name__} instead."
        )
    if "file" not in df.columns:
        raise ValueError(f"{label} has no 'file' column. Available columns: {list(df.columns)}")
    for i, rec in enumerate(df.to_dict(orient="records"), start=1):
        rows.append(({str(k): v for k, v in rec.items()}, f"{label} row {i}"))
    return rows


def _find_metadata(folder: Path) -> Path | None:
    for name in ("metadata.yaml", "metadata.yml", "metadata.csv", "metadata.tsv"):
        if (folder / name).is_file():
            return folder / name
    return None


def _read_text_file(p: Path) -> tuple[str | None, str | None]:
    data = p.read_bytes()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"{p} is not UTF-8 ({exc.reason} at byte {exc.start})"


def load_folder(
    path: str | Path,
    *,
    metadata: str | Path | pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
    outlet: str | None = None,
    pattern: str = "*.txt",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
) -> Corpus:
    """A :class:`Corpus` from a folder of text files and a metadata file.

    Parameters
    ----------
    path : str or Path
        The folder.
    metadata : path, DataFrame or mapping, optional
        One entry per file (key ``file``: the file name) with ``article_id``
        (default: the file stem), ``outlet``, ``title``, ``date``, ``url``,
        ``event``, ``language``, ``translated_from``; other keys go to
        ``Article.metadata``. A YAML file holds a list of entries (optionally
        under ``articles:``) or a mapping file -> fields; a CSV has a ``file``
        column. Default: ``metadata.yaml``/``.yml``/``.csv``/``.tsv`` in the
        folder, if there is one.
    outlet : str, optional
        Outlet of files without metadata (and of metadata rows without one).
        Without it, files missing from the metadata raise ``ValueError``.
    pattern : str
        Glob pattern of the text files.
    clean, rules
        As :func:`make_article`.

    Raises
    ------
    ValueError
        A metadata row names a file that is not there; files have no metadata
        (and no ``outlet=``); a file is listed twice.
    """
    folder = _check_path(path, "load_folder")
    if not folder.is_dir():
        raise NotADirectoryError(f"load_folder(): {folder} is not a folder")
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    if metadata is None:
        metadata = _find_metadata(folder)
    rows = _read_metadata(metadata, folder) if metadata is not None else []
    by_name = {p.name: p for p in files}
    seen: dict[str, str] = {}
    problems: list[str] = []
    for rec, where in rows:
        fname = _opt_str(rec.get("file"))
        if fname is None:
            problems.append(f"{where}: no 'file' given")
        elif fname in seen:
            problems.append(f"{where}: file {fname!r} is already listed at {seen[fname]}")
        elif not (folder / fname).is_file():
            problems.append(f"{where}: file {fname!r} is not in {folder}")
        else:
            seen[fname] = where
    unlisted = [n for n in by_name if n not in seen]
    if unlisted and outlet is None and rows:
        problems.append(
            f"{len(unlisted)} file(s) in {folder} have no metadata row: {unlisted}. "
            "Add them to the metadata, or pass outlet= to load them with that outlet."
        )
    elif unlisted and outlet is None:
        problems.append(
            f"No metadata for the files in {folder} ({unlisted[:5]}"
            f"{' ...' if len(unlisted) > 5 else ''}): pass metadata= (a CSV or YAML file with "
            "a 'file' column and an 'outlet' for each) or outlet= for all of them."
        )
    if problems:
        raise ValueError("load_folder() found problems:\n" + "\n".join(f"  - {x}" for x in problems))

    entries: list[tuple[Path, dict[str, Any], str]] = [
        (folder / str(rec["file"]), rec, where) for rec, where in rows
    ]
    entries += [(by_name[n], {"file": n}, str(by_name[n])) for n in unlisted]
    arts = []
    for p, rec, where in entries:
        aid = _opt_str(rec.get("article_id")) or p.stem
        fields = {f: rec.get(f) for f in _FIELDS if f in rec}
        meta = {k: v for k, v in rec.items() if k not in _ARTICLE_KEYS}
        meta["source"] = str(p)
        if where != str(p):
            meta["row"] = f"(listed at {where})"
        out = rec.get("outlet", None)
        out = outlet if _is_missing(out) else out
        text, problem = _read_text_file(p)
        if text is None:
            arts.append(
                make_article(aid, out, p.read_bytes(), clean=False, status="not_utf8",
                             status_detail=problem, metadata=meta, **fields)
            )
            continue
        arts.append(make_article(aid, out, text, clean=clean, rules=rules, metadata=meta, **fields))
    return Corpus(arts, name=folder.name)


# --------------------------------------------------------------------------- HTML


def _import_trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError(
            "load_html() needs the optional dependency trafilatura: "
            f"pip install framecmp[html] (import failed: {exc})"
        ) from exc
    return trafilatura


def load_html(
    path: str | Path,
    *,
    outlet: str | None = None,
    pattern: str = "*.htm*",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
) -> Corpus:
    """A :class:`Corpus` from one HTML page or a folder of them (needs ``framecmp[html]``).

    The article text, title, date, URL and site name are extracted with
    trafilatura; the site name is the outlet unless ``outlet=`` is given. A
    page with no extractable text gets status ``"parse_error"``.
    """
    trafilatura = _import_trafilatura()
    p = _check_path(path, "load_html")
    files = sorted(x for x in p.glob(pattern) if x.is_file()) if p.is_dir() else [p]
    arts = []
    for f in files:
        html, problem = _read_text_file(f)
        meta: dict[str, Any] = {"source": str(f)}
        if html is None:
            arts.append(make_article(f.stem, outlet or MISSING_OUTLET, b"", clean=False,
                                     status="not_utf8", status_detail=problem, metadata=meta))
            continue
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
        info = trafilatura.extract_metadata(html)
        fields: dict[str, Any] = {}
        site = None
        if info is not None:
            fields = {"title": info.title, "date": info.date, "url": info.url}
            site = info.sitename
        if not text:
            arts.append(make_article(f.stem, outlet or site or MISSING_OUTLET, "", clean=False,
                                     status="parse_error",
                                     status_detail=f"{f}: no article text could be extracted",
                                     metadata=meta, **fields))
            continue
        arts.append(make_article(f.stem, outlet or site, text, clean=clean, rules=rules,
                                 metadata=meta, **fields))
    return Corpus(arts, name=p.name)


# --------------------------------------------------------------------------- dispatch and seeds


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for s in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return p.suffix.lower()


def load(path: str | Path, **kwargs: Any) -> Corpus:
    """Load a corpus, choosing the reader from the file type.

    A folder is read with :func:`load_folder`; ``.csv``/``.tsv`` with
    :func:`read_csv`; ``.jsonl``/``.ndjson`` (optionally ``.gz``) with
    :func:`read_jsonl`; ``.parquet``/``.pq`` with :func:`read_parquet`;
    ``.html``/``.htm`` with :func:`load_html`. Keyword options go to that reader.
    """
    p = _check_path(path, "load")
    if p.is_dir():
        return load_folder(p, **kwargs)
    suffix = _suffix(p)
    readers: dict[str, Callable[..., Corpus]] = {
        ".csv": read_csv, ".tsv": read_csv, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
        ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl, ".parquet": read_parquet,
        ".pq": read_parquet, ".html": load_html, ".htm": load_html,
    }
    if suffix not in readers:
        raise ValueError(
            f"The 'path' parameter of load() must be a folder or a file ending in one of "
            f"{list(SUFFIXES)}. Got {p.name!r} instead."
        )
    return readers[suffix](p, **kwargs)


def load_seeds(*, clean: bool = True, rules: BoilerplateRules | None = None) -> Corpus:
    """The bundled sample corpus: five articles on Mali, Russia, France and ECOWAS.

    Five outlets on five different events (2023-2025); see ``seeds/README.md``
    for sources and what is uncertain. The texts remain their publishers' work,
    included for research and teaching.

    Examples
    --------
    >>> corpus = load_seeds()
    >>> corpus.outlets
    ('Anadolu Agency', 'Nigerian news site (unidentified)', 'RT', 'Sputnik', 'Une Plume du Mali (republished)')
    """
    from framecmp.lexicons import seeds_path

    folder = seeds_path()
    return load_folder(folder, metadata=folder / "metadata.yaml", clean=clean, rules=rules)

