"""Every reader of articles: choose one for a path, read folders and HTML pages, stream big files.

:func:`load` picks the reader from the file type: a folder of ``.txt`` files
with a metadata file (:func:`load_folder`), HTML pages (:func:`load_html`), or
one of the tabular formats of :mod:`framecmp.io.formats` (CSV, JSON Lines,
Parquet; DataFrames with :func:`from_dataframe`), which are importable from
here too. :func:`iter_chunks` and :func:`raw_source` read a big file a chunk of
articles at a time (used by :func:`framecmp.runs.score_file`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framecmp._validation import param_error, type_error
from framecmp.io.boilerplate import BoilerplateRules
from framecmp.io.corpus import (
    ARTICLE_FIELDS,
    ARTICLE_KEYS,
    MISSING_OUTLET,
    Article,
    Corpus,
    IdRenamer,
    is_missing,
    make_article,
    opt_str,
    unique_ids,
)
from framecmp.io.formats import (
    RawSource,
    check_encoding,
    check_path,
    csv_source,
    encoding_name,
    from_dataframe,
    iter_csv,
    iter_jsonl,
    iter_parquet,
    iter_records,
    jsonl_source,
    not_utf8,
    parquet_source,
    read_csv,
    read_jsonl,
    read_parquet,
)

__all__ = [
    "READERS",
    "SUFFIXES",
    "IdRenamer",
    "from_dataframe",
    "iter_chunks",
    "iter_csv",
    "iter_jsonl",
    "iter_parquet",
    "iter_records",
    "load",
    "load_folder",
    "load_html",
    "load_seeds",
    "raw_source",
    "read_csv",
    "read_jsonl",
    "read_parquet",
]


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
                raise not_utf8(mp, exc) from exc
            df = df.replace({"": None})
            label = str(mp)
        else:
            raise param_error("metadata", "load_folder",
                              "a .csv, .tsv, .yaml or .yml file, a DataFrame or a mapping", str(mp))
    elif isinstance(meta, Mapping):
        for k, v in meta.items():
            if not isinstance(v, Mapping):
                raise param_error("metadata", "load_folder", "a mapping file -> mapping of fields",
                                  meta, got=f"metadata[{k!r}] = {v!r}")
            rows.append(({"file": k, **dict(v)}, f"metadata[{k!r}]"))
        return rows
    else:
        raise type_error("metadata", "load_folder", "a path, a DataFrame or a mapping", meta)
    if "file" not in df.columns:
        raise ValueError(f"{label} has no 'file' column. Available columns: {list(df.columns)}")
    for i, rec in enumerate(df.to_dict(orient="records"), start=1):
        rows.append(({str(k): v for k, v in rec.items()}, f"{label} row {i}"))
    return rows


def _inside(root: Path, p: Path) -> bool:
    """Whether ``p`` resolves (links followed) inside the folder ``root`` (resolved)."""
    try:
        return p.resolve().is_relative_to(root)
    except (OSError, ValueError, RuntimeError):  # a loop of links, a NUL in the name
        return False


def _what_is_there(folder: Path) -> str:
    """What a folder holds instead of the files looked for, for an error message."""
    suffixes: dict[str, int] = {}
    for p in folder.iterdir():
        if p.is_file():
            key = p.suffix.lower() or "(no suffix)"
            suffixes[key] = suffixes.get(key, 0) + 1
    if not suffixes:
        return " (the folder is empty)"
    held = ", ".join(f"{n} {s}" for s, n in sorted(suffixes.items(), key=lambda kv: -kv[1])[:6])
    hint = ("; HTML pages are read with load_html() (load() chooses it for a folder of them)"
            if {".html", ".htm"} & set(suffixes) else "")
    return f" (it holds {held} file(s){hint})"


def _find_metadata(folder: Path) -> Path | None:
    for name in ("metadata.yaml", "metadata.yml", "metadata.csv", "metadata.tsv"):
        if (folder / name).is_file():
            return folder / name
    return None


def _read_text_file(p: Path, encoding: str = "utf-8") -> tuple[str | None, str | None]:
    data = p.read_bytes()
    name = encoding_name(encoding)
    try:
        return data.decode("utf-8-sig" if name == "UTF-8" else encoding), None
    except UnicodeDecodeError as exc:
        return None, f"{p} is not {name} ({exc.reason} at byte {exc.start})"


def load_folder(
    path: str | Path,
    *,
    metadata: str | Path | pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
    outlet: str | None = None,
    pattern: str = "*.txt",
    encoding: str = "utf-8",
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    allow_outside: bool = False,
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
    encoding : str
        The text files' encoding (default ``"utf-8"``; ``"cp1252"`` for Windows files). A
        file that does not decode gets status ``"not_utf8"``.
    clean, rules
        As :func:`make_article`.
    allow_outside : bool, default False
        Read files that resolve outside the folder (a metadata row naming
        ``../other/a.txt`` or an absolute path, a link to elsewhere). By default
        they are refused: a metadata file that came with a corpus must not make
        framecmp read (and show in a report) files it was not given.

    Raises
    ------
    ValueError
        A metadata row names a file that is not there, or outside the folder;
        files have no metadata (and no ``outlet=``); a file is listed twice; no
        file matches (the message says what the folder holds instead).
    """
    folder = check_path(path, "load_folder")
    encoding = check_encoding(encoding, "load_folder")
    if not folder.is_dir():
        raise NotADirectoryError(f"load_folder(): {folder} is not a folder")
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    if metadata is None:
        metadata = _find_metadata(folder)
    rows = _read_metadata(metadata, folder) if metadata is not None else []
    by_name = {p.name: p for p in files}
    seen: dict[str, str] = {}
    problems: list[str] = []
    root = folder.resolve()
    outside = (f"is outside {folder}: a corpus folder's files must be inside it "
               "(pass allow_outside=True to read it anyway)")
    for rec, where in rows:
        fname = opt_str(rec.get("file"))
        if fname is None:
            problems.append(f"{where}: no 'file' given")
        elif fname in seen:
            problems.append(f"{where}: file {fname!r} is already listed at {seen[fname]}")
        elif not allow_outside and not _inside(root, folder / fname):
            problems.append(f"{where}: file {fname!r} {outside}")
        elif not (folder / fname).is_file():
            problems.append(f"{where}: file {fname!r} is not in {folder}")
        else:
            seen[fname] = where
    if not allow_outside:
        problems += [f"{p} (a link) {outside}" for p in files
                     if p.name not in seen and not _inside(root, p)]
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
    if not rows and not files:
        raise ValueError(f"load_folder(): no file in {folder} matches {pattern!r}{_what_is_there(folder)}")

    entries: list[tuple[Path, dict[str, Any], str]] = [
        (folder / str(rec["file"]), rec, where) for rec, where in rows
    ]
    entries += [(by_name[n], {"file": n}, str(by_name[n])) for n in unlisted]
    arts = []
    for p, rec, where in entries:
        aid = opt_str(rec.get("article_id")) or p.stem
        fields = {f: rec.get(f) for f in ARTICLE_FIELDS if f in rec}
        meta = {k: v for k, v in rec.items() if k not in ARTICLE_KEYS}
        meta["source"] = str(p)
        if where != str(p):
            meta["row"] = f"(listed at {where})"
        out = rec.get("outlet", None)
        out = outlet if is_missing(out) else out
        text, problem = _read_text_file(p, encoding)
        if text is None:
            arts.append(
                make_article(aid, out, p.read_bytes(), clean=False, status="not_utf8",
                             status_detail=problem, metadata=meta, **fields)
            )
            continue
        arts.append(make_article(aid, out, text, clean=clean, rules=rules, metadata=meta, **fields))
    return Corpus(unique_ids(arts, folder), name=folder.name)


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
    p = check_path(path, "load_html")
    files = sorted(x for x in p.glob(pattern) if x.is_file()) if p.is_dir() else [p]
    if not files:
        raise ValueError(f"load_html(): no file in {p} matches {pattern!r}{_what_is_there(p)}")
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
    return Corpus(unique_ids(arts, p), name=p.name)


# --------------------------------------------------------------------------- dispatch and seeds


SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet", ".pq",
            ".html", ".htm")
"""File types :func:`load` reads (and folders, read with :func:`load_folder`)."""


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for s in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return p.suffix.lower()


def load(
    path: str | Path,
    *,
    text: str | None = None,
    outlet: str | None = None,
    id: str | bool | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    event: str | None = None,
    language: str | None = None,
    translated_from: str | None = None,
    clean: bool = True,
    rules: BoilerplateRules | None = None,
    sep: str | None = None,
    chunksize: int | None = None,
    batch_size: int | None = None,
    metadata: str | Path | pd.DataFrame | Mapping[str, Mapping[str, Any]] | None = None,
    pattern: str | None = None,
) -> Corpus:
    """Load a corpus, choosing the reader from the file type.

    A folder is read with :func:`load_folder`, or with :func:`load_html` when it holds
    HTML pages and neither ``.txt`` files nor a metadata file; ``.csv``/``.tsv`` with
    :func:`read_csv` (``framecmp.load_csv``); ``.jsonl``/``.ndjson`` (optionally
    ``.gz``) with :func:`read_jsonl` (``framecmp.load_jsonl``); ``.parquet``/``.pq``
    with :func:`read_parquet` (``framecmp.load_parquet``); ``.html``/``.htm`` with
    :func:`load_html`. The options given go to that reader; one it does not take
    raises ``TypeError``.

    Parameters
    ----------
    path : str or Path
        A corpus file or a folder.
    text, outlet, id, title, date, url, event, language, translated_from : str, optional
        Tables (CSV, JSON Lines, Parquet): the column holding each field (default: the
        column of that name; ``id``: the column ``"id"`` when there is one, ``id=False``:
        never, ids are then ``"<file stem>-<row>"``). Folders and HTML pages take only
        ``outlet``: the outlet of files without one.
    clean : bool
        Remove boilerplate (see :func:`framecmp.clean`).
    rules : BoilerplateRules, optional
        The boilerplate rules (default: the bundled ones).
    sep : str, optional
        CSV field separator (default ``","``, ``"\\t"`` for ``.tsv``).
    chunksize, batch_size : int, optional
        Rows read at a time from a CSV / a Parquet file (the result is the same).
    metadata, pattern : optional
        Folders (:func:`load_folder`): the metadata file and the file name pattern;
        ``pattern`` also selects the pages of a folder of HTML.

    Returns
    -------
    Corpus
    """
    given = {"text": text, "outlet": outlet, "id": id, "title": title, "date": date, "url": url,
             "event": event, "language": language, "translated_from": translated_from, "sep": sep,
             "chunksize": chunksize, "batch_size": batch_size, "metadata": metadata,
             "pattern": pattern}
    kwargs: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    kwargs.update(clean=clean, rules=rules)
    p = check_path(path, "load")
    if p.is_dir():
        return _load_dir(p, **kwargs)
    suffix = _suffix(p)
    readers: dict[str, Callable[..., Corpus]] = {
        ".csv": read_csv, ".tsv": read_csv, ".jsonl": read_jsonl, ".ndjson": read_jsonl,
        ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl, ".parquet": read_parquet,
        ".pq": read_parquet, ".html": load_html, ".htm": load_html,
    }
    if suffix not in readers:
        raise param_error("path", "load", f"a folder or a file ending in one of {list(SUFFIXES)}",
                          p.name)
    return readers[suffix](p, **kwargs)


def _load_dir(p: Path, **kwargs: Any) -> Corpus:
    """A folder: its text files with their metadata, or else its HTML pages."""
    if "metadata" not in kwargs and "pattern" not in kwargs and _find_metadata(p) is None:
        names = [x.name.lower() for x in p.iterdir() if x.is_file()]
        if not any(n.endswith(".txt") for n in names) and any(n.endswith((".html", ".htm")) for n in names):
            return load_html(p, **kwargs)
    return load_folder(p, **kwargs)


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


# --------------------------------------------------------------------------- streaming

_Reader = tuple[Callable[..., Iterator[Article]], Callable[..., RawSource]]

#: The streaming readers by file suffix: (articles, raw rows) of a file.
READERS: dict[str, _Reader] = {
    ".csv": (iter_csv, csv_source), ".tsv": (iter_csv, csv_source),
    ".jsonl": (iter_jsonl, jsonl_source), ".ndjson": (iter_jsonl, jsonl_source),
    ".jsonl.gz": (iter_jsonl, jsonl_source), ".ndjson.gz": (iter_jsonl, jsonl_source),
    ".parquet": (iter_parquet, parquet_source), ".pq": (iter_parquet, parquet_source),
}


def _reader_suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    raise param_error("path", "iter_chunks", f"a file ending in one of {list(READERS)}", path.name)


def iter_chunks(path: str | Path, *, chunksize: int = 2000, **options: Any) -> Iterator[Corpus]:
    """A big corpus file, ``chunksize`` articles at a time, read lazily.

    CSV/TSV, JSON Lines (optionally gzipped) and Parquet are read with the
    streaming readers of :mod:`framecmp.io.formats`, so at most one chunk of
    articles is in memory. Broken rows come out as articles with a status
    (``parse_error``, ``empty``, ``too_long``, ...), never as an exception.

    Parameters
    ----------
    path : str or Path
        The corpus file.
    chunksize : int
        Articles per chunk (>= 1).
    **options
        Column names and cleaning options for the reader (``text="body"``,
        ``outlet="source"``, ``id="ID"``, ``clean=False``...).

    Yields
    ------
    Corpus
        One chunk of articles, in file order. An id seen before (in this chunk
        or an earlier one) gets a suffix (``"x1#2"``) and a warning, so every
        input row appears exactly once in the output.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text('{"outlet": "RT", "text": "Mali met Russia."}\\n{"broken"\\n', encoding="utf-8")
    >>> [[a.status for a in c] for c in iter_chunks(p, chunksize=1)]
    [['ok'], ['parse_error']]
    """
    if not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1:
        raise param_error("chunksize", "iter_chunks", "an int >= 1", chunksize)
    p = Path(path)
    reader = READERS[_reader_suffix(p)][0]
    articles = reader(p, **options)  # repeated ids renamed as they are read
    while True:
        batch = list(itertools.islice(articles, chunksize))
        if not batch:
            return
        yield Corpus(batch, name=p.name)


def raw_source(path: str | Path, **options: Any) -> RawSource:
    """The rows of a corpus file before cleaning (see :class:`~framecmp.io.formats.RawSource`)."""
    p = Path(path)
    return READERS[_reader_suffix(p)][1](p, **options)
