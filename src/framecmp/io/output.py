"""Output folders that are always readable: atomic files, chunk parts and a run manifest.

A long ``framecmp score`` run writes each chunk of every frame to its own file under
``<output>/parts/<frame>/part-000000.parquet``, each written to a temporary file and
renamed into place, so that a file is either whole or absent. ``<output>/manifest.json``
(also replaced atomically) records the input (path, size, SHA-256), the settings, the
chunks done and whether the run is complete. When every chunk is done the parts are
joined into ``<output>/<frame>.parquet`` (or ``.csv``), the manifest says
``"complete": true`` and the parts are removed.

So an interrupted run leaves readable files and a manifest that says how far it got;
the same command resumes it; a run of another input or other settings into the same
folder is refused instead of mixed in. :func:`read_manifest` tells a reader whether a
folder is complete.
"""

from __future__ import annotations

import csv
import datetime
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from framecmp.schema import FRAMES, arrow_schema, normalize_frame

__all__ = [
    "MANIFEST",
    "PARTS",
    "RUN_FORMAT",
    "RunFolder",
    "RunManifest",
    "atomic_write",
    "input_digest",
    "read_manifest",
    "spreadsheet_safe",
    "write_csv",
]

RUN_FORMAT = "framecmp-run/1"
MANIFEST = "manifest.json"
PARTS = "parts"
TEXTS = "_texts"  # the scored texts of each chunk, for the near-duplicate check at the end


# --------------------------------------------------------------------------- atomic files


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` to write a temporary file beside ``path``, then rename it to
    ``path`` (atomic on one file system): ``path`` is never seen half-written. The
    temporary file is removed if ``write`` fails or the process is interrupted."""
    path = Path(path)
    tmp = _temp_path(path)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:  # on disk before the rename makes it visible
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# --------------------------------------------------------------------------- CSV for spreadsheets

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell of
#: article text such as ``=HYPERLINK("http://...", "click")`` would run as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(df: Any) -> Any:
    """``df`` with every text cell that starts like a formula prefixed with an apostrophe
    (``'=HYPERLINK(...)``), as OWASP advises for CSV files opened in spreadsheets; the
    apostrophe makes the cell text. Numbers (``-0.5``) are not text and stay as they are.
    The frame is copied only where a cell changes."""
    import pandas as pd

    out = df
    for col in df.columns:
        values = df[col]
        if not (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
            continue
        cells = values.tolist()
        risky = [isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in cells]
        if any(risky):
            if out is df:
                out = df.copy()
            fixed = ["'" + v if r else v for v, r in zip(cells, risky)]
            out[col] = pd.Series(fixed, index=df.index, dtype=values.dtype)
    return out


def write_csv(df: Any, path: Path, *, append: bool = False) -> None:
    """One frame to CSV for people to open in a spreadsheet (:func:`spreadsheet_safe`). Text
    cells are quoted, so that a carriage return inside a value (pandas leaves it bare with
    minimal quoting) cannot split a row for the reader."""
    spreadsheet_safe(df).to_csv(path, mode="a" if append else "w", header=not append, index=False,
                                quoting=csv.QUOTE_NONNUMERIC)


def input_digest(path: str | Path) -> dict[str, Any]:
    """What identifies an input: its path, size and SHA-256 (of a folder: of its files'
    names and contents, in name order)."""
    p = Path(path)
    h = hashlib.sha256()
    size = 0
    files = sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p]
    for f in files:
        if p.is_dir():
            h.update(f.name.encode("utf-8", "surrogateescape") + b"\0")
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
                size += len(block)
    return {"path": str(p.resolve()), "bytes": size, "sha256": h.hexdigest()}


# --------------------------------------------------------------------------- manifest


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


@dataclass
class RunManifest:
    """The state of a streaming run (``<output>/manifest.json``).

    Attributes
    ----------
    input : dict
        Path, size in bytes and SHA-256 of the input (:func:`input_digest`).
    settings : dict
        Everything that changes the output: format, chunk size, input columns,
        scorer settings and lexicon versions.
    chunks_done, articles_done : int
        Chunks (and their articles) written so far, in input order.
    chunk_articles : list of int
        Articles in each chunk written.
    status_counts : dict
        Articles by status so far.
    failed_chunks : list of int
        Chunks with articles a worker process could not score (status ``worker_died``
        or ``error``).
    complete : bool
        Every chunk is written and the frames are joined into ``<frame>.<format>``.
    """

    input: dict[str, Any]
    settings: dict[str, Any]
    chunks_done: int = 0
    articles_done: int = 0
    chunk_articles: list[int] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    failed_chunks: list[int] = field(default_factory=list)
    complete: bool = False
    format: str = RUN_FORMAT
    framecmp_version: str = ""
    started: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)

    def save(self, folder: Path) -> None:
        self.updated = _now()
        _write_text(folder / MANIFEST, json.dumps(asdict(self), indent=1, sort_keys=True) + "\n")

    def summary(self) -> str:
        st = ", ".join(f"{v} {k}" for k, v in sorted(self.status_counts.items()))
        n = self.articles_done
        return f"{n} article{'' if n == 1 else 's'} ({st or 'none'})"


def read_manifest(folder: str | Path) -> RunManifest | None:
    """The manifest of an output folder (None if it has none): ``.complete`` says whether
    every frame file there is whole and final.

    Raises
    ------
    ValueError
        If ``manifest.json`` is there but is not a framecmp run manifest.
    """
    p = Path(folder) / MANIFEST
    if not p.is_file():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
            raise ValueError(f"not a {RUN_FORMAT} manifest")
        known = {f for f in RunManifest.__dataclass_fields__}
        return RunManifest(**{k: v for k, v in data.items() if k in known})
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{p} cannot be read as a run manifest ({exc})") from None


# --------------------------------------------------------------------------- the folder


class RunFolder:
    """The files of one streaming run in ``folder``: chunk parts, manifest, final frames."""

    def __init__(self, folder: str | Path, format: str) -> None:
        self.folder = Path(folder)
        self.format = format

    # -- starting or resuming -------------------------------------------------
    def begin(self, input: Mapping[str, Any], settings: Mapping[str, Any], version: str) -> RunManifest:
        """The manifest to go on with: a new one, or the one of an interrupted run of the
        same input and settings (resumed). Refuses, with ``ValueError``, a folder that holds
        another run or frames written without a manifest."""
        self.folder.mkdir(parents=True, exist_ok=True)
        old = read_manifest(self.folder)
        stored: dict[str, Any] = json.loads(json.dumps(settings, default=str))  # as the manifest keeps them
        if old is None:
            frames = [f"{n}.{ext}" for n in FRAMES for ext in ("parquet", "csv")
                      if (self.folder / f"{n}.{ext}").exists()]
            if frames or (self.folder / PARTS).exists():
                raise ValueError(
                    f"{self.folder} already holds frames ({', '.join(frames[:3]) or PARTS + '/'}) but no "
                    f"{MANIFEST}: they are not from a run that can be resumed. Write to an empty folder "
                    "(or remove those files)."
                )
            man = RunManifest(input=dict(input), settings=stored, framecmp_version=version)
            man.save(self.folder)
            return man
        changed = [k for k in ("sha256", "bytes") if old.input.get(k) != input.get(k)]
        if changed:
            raise ValueError(
                f"{self.folder} holds a run of another input ({old.input.get('path')}, "
                f"sha256 {str(old.input.get('sha256'))[:12]}...; this input: {input.get('path')}, "
                f"sha256 {str(input.get('sha256'))[:12]}...): runs are not mixed. Write to another folder, "
                "or remove this one to start again."
            )
        diff = sorted(k for k in set(old.settings) | set(stored) if old.settings.get(k) != stored.get(k))
        if diff:
            shown = "; ".join(f"{k}: {old.settings.get(k)!r} there, {stored.get(k)!r} now" for k in diff)
            raise ValueError(
                f"{self.folder} holds a run of this input with other settings ({shown}): runs are not "
                "mixed. Run with the same settings to resume it, or write to another folder."
            )
        return old

    def clear_from(self, k: int) -> None:
        """Remove parts of chunks ``k`` and after, and temporary files a stopped run left."""
        parts = self.folder / PARTS
        if not parts.is_dir():
            return
        for p in parts.rglob("*"):
            if p.is_file() and (p.name.startswith(".") or _chunk_of(p) >= k):
                p.unlink()

    # -- chunks ---------------------------------------------------------------
    def part(self, name: str, k: int) -> Path:
        return self.folder / PARTS / name / f"part-{k:06d}.parquet"

    def write_part(self, name: str, k: int, table: Any) -> None:
        """One chunk of one frame (an Arrow table), atomically."""
        import pyarrow.parquet as pq

        path = self.part(name, k)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: pq.write_table(table, tmp))

    def parts(self, name: str, n_chunks: int) -> Iterator[Any]:
        """The Arrow tables of chunks ``0 .. n_chunks - 1`` of one frame."""
        import pyarrow.parquet as pq

        for k in range(n_chunks):
            yield pq.read_table(self.part(name, k))

    # -- the end --------------------------------------------------------------
    def finish(self, man: RunManifest, duplicate_of: Sequence[Any] | None) -> list[Path]:
        """Join the parts into ``<frame>.<format>`` (each atomically), with ``duplicate_of``
        (one value per article, all chunks) in the articles frame; mark the manifest
        complete; remove the parts. Returns the frame files."""
        paths = []
        for name in FRAMES:
            dest = self.folder / f"{name}.{self.format}"
            atomic_write(dest, functools.partial(self._join, name, man.chunks_done, duplicate_of=duplicate_of))
            paths.append(dest)
        man.complete = True
        man.save(self.folder)
        shutil.rmtree(self.folder / PARTS, ignore_errors=True)
        return paths

    def _join(self, name: str, n_chunks: int, tmp: Path, *, duplicate_of: Sequence[Any] | None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer: Any = None
        first = True
        at = 0
        for table in self.parts(name, n_chunks):
            if name == "articles" and duplicate_of is not None:
                col = table.schema.get_field_index("duplicate_of")
                values = pa.array(duplicate_of[at : at + table.num_rows], type=pa.string())
                table = table.set_column(col, table.schema.field(col), values)
                at += table.num_rows
            if self.format == "csv":
                write_csv(normalize_frame(table.to_pandas(), name), tmp, append=not first)
            else:
                if writer is None:  # the first part's schema (with its pandas metadata) for all
                    writer = pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table.cast(writer.schema) if not table.schema.equals(writer.schema) else table)
            first = False
        if writer is not None:
            writer.close()
        elif self.format == "parquet":  # no chunk at all (an empty input)
            pq.write_table(pa.Table.from_pandas(normalize_frame(_empty(name), name), schema=arrow_schema(name),
                                                preserve_index=False), tmp)
        elif first:
            write_csv(normalize_frame(_empty(name), name), tmp)


def _empty(name: str) -> Any:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in FRAMES[name]})


def _chunk_of(p: Path) -> int:
    """The chunk number of a part file (``part-000003.parquet`` -> 3)."""
    stem = p.name.split(".")[0]
    try:
        return int(stem.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return -1
