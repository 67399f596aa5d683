"""The tabular formats: CSV, JSON Lines, Parquet, DataFrames and records, row by row.

Every tabular reader turns its input into rows (a record, a row label such as
``"row 3"``, a default id) and the rows into articles through one path
(:func:`framecmp.io.corpus.make_article`); the readers stream, so a big file
is never held whole. A :class:`RawSource` holds a file's rows before they
become articles, so that :func:`framecmp.runs.score_file` can let worker
processes build them. :mod:`framecmp.io.readers` chooses a reader for a path.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import warnings
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framecmp._validation import column_error, param_error, type_error
from framecmp.io.boilerplate import BoilerplateRules
from framecmp.io.corpus import (
    ARTICLE_FIELDS,
    MAX_NESTING,
    MISSING_OUTLET,
    Article,
    Corpus,
    IdRenamer,
    is_missing,
    make_article,
    valid_unicode,
)

__all__ = [
    "RawSource",
    "check_encoding",
    "check_path",
    "encoding_name",
    "csv_source",
    "from_dataframe",
    "iter_csv",
    "iter_jsonl",
    "iter_parquet",
    "iter_records",
    "jsonl_source",
    "not_utf8",
    "parquet_source",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "sniff_sep",
]


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
                raise param_error(k, func, "a column name (str)", v)
        return cls(**kwargs)

    def field_map(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in ARTICLE_FIELDS}

    def explicit(self) -> dict[str, str]:
        """Columns the user named (not left at their default)."""
        default = _Columns()
        out = {}
        for f in ("id",) + ARTICLE_FIELDS:
            v = getattr(self, f)
            if v is not None and v is not False and v != getattr(default, f):
                out[f] = str(v)
        return out

    def needed(self) -> dict[str, str]:
        """The required and explicitly named columns, by parameter."""
        return {"text": self.text, "outlet": self.outlet, **self.explicit()}

    def check(self, available: Sequence[str], source: str, func: str) -> None:
        """Raise if a required or explicitly named column is missing."""
        for param, col in self.needed().items():
            if col not in available:
                raise column_error(param, func, col, available, where=source)


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
    if is_missing(aid) or isinstance(aid, _CONTAINERS) or str(aid).strip() == "":
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
    text, outlet = rec.get(cols.text), rec.get(cols.outlet)
    # a list, a mapping (JSON), a number or true as the text is no text: the row is kept with
    # status parse_error and the value in metadata["raw_fields"], instead of stopping the file
    bad: dict[str, Any] = {}
    if not (is_missing(text) or isinstance(text, (str, bytes))):
        bad["text"], text = text, None
    if isinstance(outlet, _CONTAINERS):
        bad["outlet"], outlet = outlet, None
    for f, v in fields.items():
        if isinstance(v, _CONTAINERS):
            bad[f], fields[f] = v, None
    if bad:
        meta["raw_fields"] = bad
        if not status:
            kinds = ", ".join(f"{f} ({type(v).__name__})" for f, v in bad.items())
            status = {"status": "parse_error", "status_detail": f"{source} {row}: not text: {kinds}"}
    return make_article(
        aid, outlet, text, clean=clean, rules=rules, metadata=meta, **fields, **status,
    )


# values that are no field of an article (JSON arrays and objects, and what pandas makes of them)
_CONTAINERS = (list, tuple, dict, set, frozenset, Mapping)


def _broken(
    aid: str, source: str, row: str, status: str, detail: str, *, raw: str = ""
) -> Article:
    return make_article(
        aid, MISSING_OUTLET, raw, clean=False, status=status, status_detail=detail,
        metadata={"source": source, "row": row},
    )


# A raw row of a tabular source: (record, row label such as "row 3", default id).
_Row = tuple[Mapping[str, Any], str, str]

# What a reader may raise part-way through a file: a truncated or corrupt gzip stream
# (EOFError, zlib.error; gzip.BadGzipFile is an OSError), rows the CSV parser gives up
# on (pandas' ParserError is a ValueError), a damaged Parquet page (pyarrow's errors are
# OSErrors or ValueErrors).
_READ_ERRORS = (OSError, EOFError, ValueError, zlib.error)


def _to_the_end(rows: Iterator[_Row | Article], path: Path) -> Iterator[_Row | Article]:
    """``rows``, and where the file breaks off part-way (truncated, corrupt), one more
    article with status ``parse_error`` saying where and why, instead of an exception
    that would lose what was read. A file that breaks before its first row raises
    ``ValueError``: there is nothing to keep."""
    last: str | None = None
    try:
        for item in rows:
            last = str(item.metadata.get("row")) if isinstance(item, Article) else item[1]
            yield item
    except _READ_ERRORS as exc:
        reason = f"{type(exc).__name__}: {exc}"
        if last is None:
            raise ValueError(f"{path} cannot be read ({reason})") from exc
        detail = (f"{path} cannot be read after {last} ({reason}): the file is truncated or "
                  "corrupt; everything before it was read")
        warnings.warn(detail, stacklevel=2)
        yield _broken(f"{_stem(path)}-unreadable", str(path), f"after {last}", "parse_error", detail)


def _checked(
    rows: Iterable[_Row | Article],
    cols: _Columns,
    *,
    source: str,
    func: str,
    known_columns: Sequence[str] | None = None,
) -> Iterator[_Row | Article]:
    """``rows`` unchanged, after checking the columns against ``known_columns`` (the
    header: a column it lacks raises ``ValueError``).

    A source without a header (JSON Lines, records) has no columns, only the keys of each
    record: a record without the text or outlet is that record's problem (a status), so
    a first record that lacks them must not refuse the whole file. A column that no
    record has is most likely named wrong: a warning says so at the end.
    """
    if known_columns is not None:
        cols.check(known_columns, source, func)
        yield from rows
        return
    unseen = cols.needed()
    first: list[str] | None = None
    for item in rows:
        if unseen and not isinstance(item, Article):
            rec = item[0]
            if first is None:
                first = [str(k) for k in rec]
            for param in [p for p, col in unseen.items() if col in rec]:
                del unseen[param]
        yield item
    if unseen and first is not None:
        named = "; ".join(f"the '{p}' parameter of {func}() names {c!r}" for p, c in unseen.items())
        warnings.warn(f"{source}: no record has a field named as the options say ({named}); "
                      f"the first record has {first[:20]}", stacklevel=3)


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
    renamer = IdRenamer(source)  # a repeated id is renamed, as in every reader
    for item in _checked(rows, cols, source=source, func=func, known_columns=known_columns):
        if isinstance(item, Article):
            art = item
        else:
            rec, row, aid = item
            art = _article_from_record(
                rec, cols, source=source, row=row, default_id=aid, clean=clean, rules=rules
            )
        new_id = renamer.new_id(art.article_id, where=art.metadata.get("row"), stacklevel=4)
        yield art if new_id is None else art.replace(article_id=new_id)


@dataclass(frozen=True)
class RawSource:
    """A file's rows before they become articles.

    :func:`framecmp.runs.score_file` reads these in the parent process and
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

    @classmethod
    def of_articles(cls, articles: Iterable[Article], source: str) -> RawSource:
        """Articles already built (a folder, HTML pages) as a source of rows."""
        return cls(iter(articles), _Columns(), source, "load")

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

    def row(self, item: _Row | Article) -> str | None:
        """Where ``item`` is in its file ("row 3", "line 7")."""
        return str(item.metadata.get("row")) if isinstance(item, Article) else item[1]

    def record_id(self, item: _Row | Article) -> str:
        if isinstance(item, Article):
            return item.article_id
        return valid_unicode(_record_id(item[0], self.cols, item[2]))  # as make_article spells it

    def broken(self, item: _Row | Article, problem: str) -> Article:
        """An article with status ``parse_error`` for a row that :meth:`build` could not build."""
        where = self.row(item) or "?"
        return _broken(self.record_id(item), self.source, where, "parse_error",
                       f"{self.source} {where}: cannot be read as an article ({problem})")

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
        raise param_error("records", "iter_records", "an iterable of mappings", records,
                          got=f"a single {type(records).__name__}")
    cols = _Columns.from_kwargs(columns_, "iter_records")
    rows = ((rec, f"row {i}", f"{source}-{i}") for i, rec in enumerate(records, start=1))
    yield from _convert(rows, cols, source=source, func="iter_records", clean=clean, rules=rules)


def check_path(path: str | Path, func: str) -> Path:
    if not isinstance(path, (str, Path)):
        raise type_error("path", func, "a str or Path", path)
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


def check_encoding(encoding: Any, func: str) -> str:
    """``encoding`` if Python knows it (``"utf-8"``, ``"cp1252"``, ``"latin-1"``), else ValueError."""
    import codecs

    try:
        codecs.lookup(str(encoding))
    except LookupError:
        raise ValueError(f"The 'encoding' parameter of {func}() must be a text encoding such as "
                         f"'utf-8', 'cp1252' or 'latin-1'. Got {encoding!r} instead.") from None
    return str(encoding)


def encoding_name(encoding: str) -> str:
    """``"UTF-8"`` for any spelling of it (``"utf8"``, ``"UTF_8"``), else ``encoding`` as given."""
    import codecs

    return "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding


def not_utf8(path: Path, exc: UnicodeDecodeError) -> ValueError:
    return ValueError(
        f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}); re-save it as UTF-8"
    )


# --------------------------------------------------------------------------- CSV


def iter_csv(
    path: str | Path,
    *,
    chunksize: int = 1000,
    sep: str | None = None,
    encoding: str = "utf-8",
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
        Field separator. Default: ``"\\t"`` for ``.tsv``; else the one of ``,`` ``;``
        ``\\t`` ``|`` that the header row uses most (:func:`sniff_sep`), so a CSV saved by a
        French spreadsheet (``;``) is read as it is.
    encoding : str
        The file's text encoding (default ``"utf-8"``); ``"cp1252"`` for a file saved by
        Excel on Windows. A row that does not decode gets status ``"not_utf8"``.
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
    yield from csv_source(path, chunksize=chunksize, sep=sep, encoding=encoding, clean=clean,
                          rules=rules, **columns_).articles()


SEPARATORS = (",", ";", "\t", "|")
"""The field separators :func:`sniff_sep` chooses from."""


def sniff_sep(header: str) -> str:
    """The separator a CSV header row uses: the one of :data:`SEPARATORS` found most often
    outside quotes (``"outlet;text;date"`` -> ``";"``); ``","`` when none is found.

    >>> sniff_sep("outlet;texte;date"), sniff_sep("id,outlet,text"), sniff_sep("text")
    (';', ',', ',')
    """
    bare = re.sub(r'"[^"]*"', "", header)
    counts = {c: bare.count(c) for c in SEPARATORS}
    best = max(SEPARATORS, key=lambda c: counts[c])  # ties: the first listed
    return best if counts[best] else ","


def csv_source(
    path: str | Path,
    *,
    chunksize: int = 1000,
    sep: str | None = None,
    encoding: str = "utf-8",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> RawSource:
    p = check_path(path, "iter_csv")
    cols = _Columns.from_kwargs(columns_, "iter_csv")
    encoding = check_encoding(encoding, "iter_csv")
    name = encoding_name(encoding)
    with open(p, "rb") as fh:
        first_line = fh.readline()
    try:
        header_line = first_line.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{p}: the header row is not {name} ({exc.reason} at byte {exc.start}); "
                         "re-save the file as UTF-8, or give its encoding (encoding='cp1252' for "
                         "a file saved by Excel on Windows)") from None
    if sep is None:
        sep = "\t" if p.suffix.lower() == ".tsv" else sniff_sep(header_line.lstrip("\ufeff"))
    # object, not str: pandas's Arrow strings cannot hold the surrogates of undecodable bytes
    opts: dict[str, Any] = {"sep": sep, "dtype": object, "keep_default_na": False, "encoding": encoding}
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
                        status_detail=f"{p} row {n}, column {col!r}: not {name} (byte 0x{byte:02x} at "
                                      f"byte {pos} of the field); re-save the file as UTF-8",
                    )
                    continue
                yield clean_rec, where, aid

    return RawSource(_to_the_end(rows(), p), cols, str(p), "load_csv", clean, rules, header)


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
    p = check_path(path, "load_csv")
    return Corpus(iter_csv(p, **kwargs), name=p.name)


def _stem(p: Path) -> str:
    return p.name.split(".")[0]


# --------------------------------------------------------------------------- JSON Lines


def iter_jsonl(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> Iterator[Article]:
    """Articles from a JSON Lines file (``.jsonl``, ``.ndjson``, optionally ``.gz``), lazily.

    A line that is not valid JSON (or not an object) gives an article with
    status ``"parse_error"`` and id ``"<stem>-line<N>"``; a line that is not
    UTF-8 (or not in ``encoding``) gives ``"not_utf8"``. Reading goes on. Blank lines are
    skipped. Column options as :func:`iter_csv` (checked against the first object).
    """
    yield from jsonl_source(path, encoding=encoding, clean=clean, rules=rules, **columns_).articles()


def jsonl_source(
    path: str | Path,
    *,
    encoding: str = "utf-8",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> RawSource:
    p = check_path(path, "iter_jsonl")
    cols = _Columns.from_kwargs(columns_, "iter_jsonl")
    encoding = check_encoding(encoding, "iter_jsonl")
    name = encoding_name(encoding)
    first = "utf-8-sig" if name == "UTF-8" else encoding

    def rows() -> Iterator[_Row | Article]:
        fh = gzip.open(p, "rb") if p.name.lower().endswith(".gz") else open(p, "rb")
        with fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where, aid = f"line {n}", f"{_stem(p)}-line{n}"
                try:
                    s = line.decode(first if n == 1 else encoding)
                except UnicodeDecodeError as exc:
                    yield _broken(aid, str(p), where, "not_utf8",
                                  f"{p} line {n}: not {name} ({exc.reason} at byte {exc.start})")
                    continue
                try:
                    rec = json.loads(s)
                    if not isinstance(rec, dict):
                        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
                    # (brackets are counted in C; only a line with many is looked into)
                    if s.count("[") + s.count("{") > MAX_NESTING and _nesting(rec) > MAX_NESTING:
                        raise ValueError(f"values nested more than {MAX_NESTING} levels deep")
                except (ValueError, RecursionError) as exc:
                    problem = (f"values nested too deeply to read ({exc})" if isinstance(exc, RecursionError)
                               else str(exc))
                    yield _broken(aid, str(p), where, "parse_error", f"{p} line {n}: {problem}",
                                  raw=s.rstrip("\r\n"))
                    continue
                yield rec, where, aid

    return RawSource(_to_the_end(rows(), p), cols, str(p), "load_jsonl", clean, rules)


def _nesting(value: Any) -> int:
    """How deep lists and mappings nest in ``value`` (counted without recursion; stops
    counting past :data:`MAX_NESTING`)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            items: Iterable[Any] = v.values()
        elif isinstance(v, list):
            items = v
        else:
            continue
        deepest = max(deepest, d)
        if deepest > MAX_NESTING:
            break
        stack.extend((x, d + 1) for x in items)
    return deepest


def read_jsonl(path: str | Path, **kwargs: Any) -> Corpus:
    """A :class:`Corpus` from a JSON Lines file (see :func:`iter_jsonl`)."""
    p = check_path(path, "load_jsonl")
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
    yield from parquet_source(path, batch_size=batch_size, clean=clean, rules=rules,
                               **columns_).articles()


def parquet_source(
    path: str | Path,
    *,
    batch_size: int = 1000,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    **columns_: Any,
) -> RawSource:
    import pyarrow.parquet as pq

    p = check_path(path, "iter_parquet")
    cols = _Columns.from_kwargs(columns_, "iter_parquet")
    pf = pq.ParquetFile(p)

    def rows() -> Iterator[_Row]:
        n = 0
        for batch in pf.iter_batches(batch_size=batch_size):
            for rec in batch.to_pylist():
                n += 1
                yield rec, f"row {n}", f"{_stem(p)}-{n}"

    return RawSource(_to_the_end(rows(), p), cols, str(p), "load_parquet", clean, rules,
                      list(pf.schema_arrow.names))


def read_parquet(path: str | Path, **kwargs: Any) -> Corpus:
    """A :class:`Corpus` from a Parquet file (see :func:`iter_parquet`)."""
    p = check_path(path, "load_parquet")
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
        raise type_error("df", "load_dataframe", "a pandas DataFrame", df)
    cols = _Columns.from_kwargs(columns_, "load_dataframe")
    rows = (
        ({str(k): v for k, v in rec.items()}, f"row {pos} (index {label!r})", str(label))
        for pos, (label, rec) in enumerate(zip(df.index, df.to_dict(orient="records")), start=1)
    )
    return Corpus(
        _convert(
            rows, cols, source="the DataFrame", func="load_dataframe", clean=clean, rules=rules,
            known_columns=[str(c) for c in df.columns],
        )
    )
