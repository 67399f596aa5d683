"""``framecmp score`` in chunks: outputs that are always readable, runs that resume.

:func:`score_file` streams a corpus through the scorer a chunk of articles at a time.
Each chunk of every frame is written to its own file, atomically, and the run's
manifest (:mod:`framecmp.io.output`) records the input's hash, the settings and the
chunks done, so that:

* an interrupted run (SIGINT, SIGTERM, a crash, a full disk) leaves every file
  readable, and the same command resumes it from the first chunk not written;
* a run of another input or other settings into the same folder is refused, not mixed;
* SIGINT and SIGTERM stop the worker processes and discard the chunk in flight (its
  articles are scored again on resume); a worker is also ended when its parent is
  gone (killed with SIGKILL);
* a worker process that dies is replaced and its batch of articles is sent again, once,
  alone; if it dies again those articles get status ``worker_died`` (``error`` if the
  worker raised), the rest of the run goes on, and :class:`WorkersFailed` ends it
  with one line naming the chunks (the command exits 1);
* near-duplicates (``duplicate_of``) are found over the whole input once every chunk is
  written, so they do not depend on the chunk size or on the workers.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import warnings
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from framecmp._validation import check_choice, param_error
from framecmp._version import __version__
from framecmp.io.output import TEXTS, RunFolder, RunManifest, input_digest
from framecmp.schema import ARTICLES, FRAMES, arrow_schema, normalize_frame
from framecmp.scoring import (
    BATCH,
    Batch,
    ColumnStore,
    Scorer,
    add_batch,
    build_and_score,
    check_workers,
    fewer_collections,
    load_and_score,
    progress_bar,
)

__all__ = ["FAILED_STATUSES", "Stopped", "WorkersFailed", "score_file"]

#: The statuses of articles no worker process could score: its process died twice on
#: them (``worker_died``), or it raised twice (``error``).
FAILED_STATUSES = ("worker_died", "error")

_Items = list[tuple[Any, str | None]]  # raw rows of the input, each with its new id (or None)


class Stopped(KeyboardInterrupt):
    """SIGINT or SIGTERM stopped a run: the chunks written are whole, the manifest says how
    many, and the same command resumes the run."""

    def __init__(self, signum: int, output: Path | None = None, chunks_done: int = 0) -> None:
        self.signum, self.output, self.chunks_done = signum, output, chunks_done
        super().__init__(self.message())

    def message(self) -> str:
        name = signal.Signals(self.signum).name
        if self.output is None:
            return f"stopped by {name}"
        return (f"stopped by {name}; {self.output} holds the {self.chunks_done} chunk(s) written before "
                "(manifest.json: not complete): run the same command again to resume")


class WorkersFailed(RuntimeError):
    """Some articles could not be scored because a worker process died (or raised) twice
    on them; they have a status (:data:`FAILED_STATUSES`) and every other article was
    scored and written."""


# --------------------------------------------------------------------------- stop signals


class _StopSignals:
    """While a run is on, SIGINT and SIGTERM raise :class:`Stopped` in the main thread;
    inside :meth:`held` (a chunk and the manifest being written) they wait for it to end.
    Outside the main thread (where Python cannot take signals) nothing is changed."""

    def __init__(self) -> None:
        self.holding = 0
        self.pending: int | None = None
        self.old: dict[int, Any] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.old[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self.old.items():
            signal.signal(sig, old)

    def _handler(self, signum: int, frame: Any) -> None:
        if self.holding:
            self.pending = signum
        else:
            raise Stopped(signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if not self.holding and self.pending is not None:
            signum, self.pending = self.pending, None
            raise Stopped(signum)


# --------------------------------------------------------------------------- worker processes


def _terminate(ex: Any) -> None:
    """Stop a process pool now: cancel what waits, end the workers (terminate, then kill),
    and wait for the pool's manager thread to close its wake-up pipe: on Python 3.11, exiting
    while it closes races with the interpreter's exit hook, which then writes to the closed
    pipe and prints an ``OSError: [Errno 9] Bad file descriptor`` traceback (seen after a stop
    signal in about one run in ten of tests/hostile/test_streaming.py)."""
    # no public way to reach either before 3.14; shutdown() forgets the thread, so take it first
    manager = getattr(ex, "_executor_manager_thread", None)
    if hasattr(ex, "terminate_workers"):  # Python 3.14
        with contextlib.suppress(Exception):
            ex.terminate_workers()
            _join(manager)
            return
    procs = list((getattr(ex, "_processes", None) or {}).values())
    ex.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
            p.join(timeout=5)
    _join(manager)


def _join(thread: threading.Thread | None) -> None:
    if thread is not None and thread is not threading.current_thread():
        thread.join(timeout=10)


class _Workers:
    """A pool of scoring processes that can be replaced when one of them dies."""

    def __init__(self, scorer: Scorer, n: int, loader: Any) -> None:
        self.scorer, self.n, self.loader = scorer, n, loader
        self.ex = scorer.pool(n, loader)
        self.generation = 0  # how many times the pool was replaced

    def submit(self, items: _Items) -> Future[Batch]:
        try:
            return self.ex.submit(load_and_score, items)
        except BrokenProcessPool as exc:  # a worker died since: the batch fails as if sent
            fut: Future[Batch] = Future()
            fut.set_exception(exc)
            return fut

    def restart(self) -> None:
        _terminate(self.ex)
        self.ex = self.scorer.pool(self.n, self.loader)
        self.generation += 1

    def close(self) -> None:
        self.ex.shutdown(wait=True)


def _failed(loader: Any, items: _Items, status: str, reason: str) -> Batch:
    """The articles rows of a batch no worker could score: id, outlet, the status."""
    rows = []
    for item, new_id in items:
        art = loader.broken(item, reason)
        row = art.as_row(status=status, n_words=0)
        row["n_words"] = None  # not counted
        if new_id is not None:
            row["article_id"] = new_id
        rows.append(row)
    cols = {c: [r.get(c) for r in rows] for c in ARTICLES}
    columns = {k: ({} if k != "articles" else cols) for k in FRAMES}
    lengths = {k: (len(rows) if k == "articles" else 0) for k in FRAMES}
    return Batch(columns=columns, lengths=lengths, n_ok=0, texts=[])


def _chunk_results(
    workers: _Workers, batches: Sequence[_Items], futs: list[Future[Batch]] | None, generation: int,
) -> tuple[list[Batch], list[str]]:
    """The results of one chunk's batches, in order, and the problems.

    A batch whose worker died (or raised) is sent again once, alone, to a fresh pool, so a
    second death names the batch that causes it; then its articles get a status.
    """
    if futs is None or generation != workers.generation:  # sent to a pool replaced since
        futs = [workers.submit(b) for b in batches]
    out: list[Batch | None] = []
    failed: list[int] = []
    died = False
    for j, f in enumerate(futs):
        try:
            out.append(f.result())
        except BrokenProcessPool:
            out.append(None)
            failed.append(j)
            died = True
        except Exception:  # the worker raised (it scores each article under try): send again
            out.append(None)
            failed.append(j)
    problems: list[str] = []
    if not failed:
        return [b for b in out if b is not None], problems
    if died:
        warnings.warn(f"a worker process died; {len(failed)} batch(es) of articles are sent again", stacklevel=3)
        workers.restart()
    for j in failed:
        try:
            out[j] = workers.submit(batches[j]).result()
        except BrokenProcessPool:
            workers.restart()
            out[j] = _failed(workers.loader, list(batches[j]), "worker_died",
                             "a worker process died twice on this batch of articles")
            problems.append(f"a worker process died twice on {len(batches[j])} article(s)")
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            out[j] = _failed(workers.loader, list(batches[j]), "error", reason)
            problems.append(f"a worker process failed twice on {len(batches[j])} article(s) ({reason})")
    return [b for b in out if b is not None], problems


# --------------------------------------------------------------------------- the run


def _source(path: str | Path, columns: Mapping[str, str]) -> tuple[Any, Path]:
    """The rows of the input (a corpus file, a folder or ``"seeds"``) and the path to hash."""
    from framecmp.io.formats import RawSource
    from framecmp.io.readers import READERS, load, load_seeds, raw_source
    from framecmp.lexicons import seeds_path

    if str(path) == "seeds" and not Path(path).exists():
        corpus, where = load_seeds(), seeds_path()
    else:
        p = Path(path)
        if not p.is_dir() and any(p.name.lower().endswith(s) for s in READERS):
            return raw_source(p, **dict(columns)), p
        if columns and p.is_dir():
            raise ValueError(f"--{next(iter(columns))} names a column of a table; {p} is a folder "
                             "(a folder's fields come from its metadata file)")
        options: dict[str, Any] = dict(columns)
        corpus, where = load(p, **options), p  # folders and HTML pages are read whole
    return RawSource.of_articles(corpus, str(where)), where


def score_file(
    path: str | Path,
    output: str | Path,
    *,
    format: str = "parquet",
    workers: int = 1,
    chunksize: int = 2000,
    progress: bool | None = None,
    columns: Mapping[str, str] | None = None,
    read_options: Mapping[str, Any] | None = None,
    **params: Any,
) -> str:
    """Stream a corpus through the scorer a chunk at a time; write every frame to ``output``.

    Reads CSV, JSONL(.gz) or Parquet in chunks of ``chunksize`` articles (a folder, HTML
    pages or ``"seeds"`` are read whole, then scored in chunks), so memory stays bounded
    by a chunk (the near-duplicate check at the end holds the scored texts). Each chunk
    of each frame is written atomically under ``output/parts/``; when all are done they
    are joined into ``output/<frame>.parquet`` (or ``.csv``) and ``output/manifest.json``
    says ``"complete": true``.

    Running it again on the same input with the same settings resumes an interrupted
    run (or does nothing after a complete one); another input or other settings in the
    same folder raise ``ValueError``. See :mod:`framecmp.runs`.

    Parameters
    ----------
    path : str or Path
        A corpus file, a folder, or ``"seeds"``.
    output : str or Path
        The output folder.
    format : {"parquet", "csv"}
    workers : int
        Worker processes; the frames are the same for any number.
    chunksize : int
        Articles per chunk (part of the settings: a run resumes with the same).
    progress : bool, optional
        A progress bar (default: on a terminal).
    columns : mapping, optional
        The input columns (``{"outlet": "source", "id": "ID"}``), as for
        :func:`framecmp.io.readers.read_jsonl`.
    read_options : mapping, optional
        Options for the reader too (``{"sep": ";", "encoding": "cp1252"}`` for a CSV).
    **params
        :class:`~framecmp.scoring.Scorer` settings.

    Returns
    -------
    str
        A one-line summary.

    Raises
    ------
    Stopped
        SIGINT or SIGTERM stopped the run (a ``KeyboardInterrupt``); it can be resumed.
    WorkersFailed
        Worker processes died twice on some articles; they have a status and the
        output is complete otherwise.
    """
    check_choice("format", "score_file()", format, ["csv", "parquet"])
    if not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1:
        raise param_error("chunksize", "score_file()", "an int >= 1", chunksize)
    workers = check_workers(workers)
    scorer = Scorer(**params)
    scorer._check_params()
    with fewer_collections(), _StopSignals() as signals:
        return _Run(scorer, path, Path(output), format, workers, chunksize, progress,
                    {**dict(columns or {}), **dict(read_options or {})}, signals).run()


class _Run:
    """One call of :func:`score_file`."""

    def __init__(self, scorer: Scorer, path: str | Path, output: Path, format: str, workers: int,
                 chunksize: int, progress: bool | None, columns: dict[str, str], signals: _StopSignals) -> None:
        self.scorer, self.output, self.workers, self.chunksize = scorer, output, workers, chunksize
        self.signals = signals
        self.raw, where = _source(path, columns)
        self.loader = self.raw.loader()
        self.folder = RunFolder(output, format)
        settings = {"format": format, "chunksize": chunksize, "columns": columns, "scorer": scorer.config()}
        self.man: RunManifest = self.folder.begin(input_digest(where), settings, __version__)
        self.progress = progress
        self.problems: list[str] = []

    def chunks(self) -> Iterator[tuple[int, _Items]]:
        """Raw rows in chunks, numbered; a repeated id gets its new name here (the chunks a
        resumed run skips are read too, so that the names are the same)."""
        from framecmp.io.corpus import IdRenamer

        renamer = IdRenamer(self.raw.source)
        rows = self.raw.checked()
        k = 0
        while True:
            chunk: _Items = []
            for _ in range(self.chunksize):
                item = next(rows, None)
                if item is None:
                    break
                chunk.append((item, renamer.new_id(self.loader.record_id(item), where=self.loader.row(item))))
            if not chunk:
                return
            yield k, chunk
            k += 1

    def run(self) -> str:
        man, folder = self.man, self.folder
        if man.complete:
            folder.clear_from(0)
            return f"{self.output} already holds this run, complete: {man.summary()}; nothing to do"
        folder.clear_from(man.chunks_done)
        self.bar = progress_bar(total=None, enabled=self.progress, desc="scoring")
        self.bar.update(man.status_counts.get("ok", 0))  # scored before a resume
        pool: _Workers | None = None
        try:
            todo = ((k, c) for k, c in self.chunks() if k >= man.chunks_done)
            if self.workers <= 1:
                self.scorer.resources()
                for k, chunk in todo:
                    batches = [chunk[i : i + BATCH] for i in range(0, len(chunk), BATCH)]
                    self.commit(k, [build_and_score(self.scorer, self.loader, b) for b in batches])
            else:
                size = max(1, min(50, self.chunksize // (self.workers * 4) or 1))
                pool = _Workers(self.scorer, self.workers, self.loader)
                pending: tuple[int, list[_Items], list[Future[Batch]], int] | None = None
                for k, chunk in todo:
                    # the next chunk is read and sent while the workers score this one
                    batches = [chunk[i : i + size] for i in range(0, len(chunk), size)]
                    sent = (k, batches, [pool.submit(b) for b in batches], pool.generation)
                    if pending is not None:
                        self.collect(pool, pending)
                    pending = sent
                if pending is not None:
                    self.collect(pool, pending)
                pool.close()
                pool = None
            self.finish()
        except Stopped as stop:
            raise Stopped(stop.signum, self.output, man.chunks_done) from None
        finally:
            self.bar.close()
            if pool is not None:
                _terminate(pool.ex)
        summary = f"Scored {man.summary()}; frames written to {self.output}"
        if self.problems:
            raise WorkersFailed(
                f"{len(self.problems)} batch(es) in chunk(s) {man.failed_chunks} could not be scored "
                f"({'; '.join(sorted(set(self.problems)))}): their articles have status "
                f"{' or '.join(repr(s) for s in FAILED_STATUSES)}; {summary}"
            )
        return summary

    def collect(self, pool: _Workers, pending: tuple[int, list[_Items], list[Future[Batch]], int]) -> None:
        k, batches, futs, generation = pending
        results, problems = _chunk_results(pool, batches, futs, generation)
        if problems:
            self.problems += problems
            self.man.failed_chunks.append(k)
        self.commit(k, results)

    def commit(self, k: int, results: list[Batch]) -> None:
        """Write chunk ``k`` (every frame, and its scored texts) and then the manifest."""
        import pyarrow as pa

        store = {name: ColumnStore() for name in FRAMES}
        texts: list[tuple[int, str, str]] = []
        prints: list[tuple[bytes, int, str | None]] = []
        base = self.man.articles_done
        for res in results:
            for cat, msg in res.warnings:
                warnings.warn(msg, cat, stacklevel=5)
            texts.extend((base + store["articles"].n + i, aid, text) for i, aid, text in res.texts or ())
            prints.extend(res.prints or ())
            add_batch(store, res)
            self.bar.update(res.n_ok)
        n = store["articles"].n
        statuses = [str(v) for v in store["articles"].columns.get("status") or () if v is not None]
        tables = {}
        for name in FRAMES:
            # the first chunk (whose schema and pandas metadata the joined file takes) through
            # pandas; later ones straight from plain columns to Arrow where they can
            table = store[name].arrow(name) if k > 0 and store[name].n else None
            if table is None:
                table = pa.Table.from_pandas(normalize_frame(store[name].frame(name), name),
                                             schema=arrow_schema(name), preserve_index=False)
            tables[name] = table
            del store[name]
        rows, ids, bodies = zip(*texts) if texts else ((), (), ())
        cols = {"row": pa.array(rows, pa.int64()), "article_id": pa.array(ids, pa.string()),
                "text": pa.array(bodies, pa.string())}
        if len(prints) == len(texts):  # the fingerprints of the duplicate check (see finish)
            sigs, sizes, short = zip(*prints) if prints else ((), (), ())
            cols |= {"sig": pa.array(sigs, pa.binary()), "size": pa.array(sizes, pa.int64()),
                     "short": pa.array(short, pa.string())}
        tables[TEXTS] = pa.table(cols)
        with self.signals.held():  # a stop waits until the chunk and the manifest are written
            for name, table in tables.items():
                self.folder.write_part(name, k, table)
            man = self.man
            man.chunks_done = k + 1
            man.articles_done += n
            man.chunk_articles.append(n)
            for s in statuses:
                man.status_counts[s] = man.status_counts.get(s, 0) + 1
            man.save(self.folder.folder)

    def duplicates(self) -> list[Any] | None:
        """``duplicate_of`` over every chunk, from the fingerprints the workers made: only the
        texts of candidate pairs are read back (a chunk written without fingerprints, by an
        older version, gets them here)."""
        import numpy as np
        import pyarrow.parquet as pq

        from framecmp.io.dedupe import duplicate_pairs, fingerprints, originals

        n = self.man.articles_done
        rows: list[int] = []
        ids: list[str] = []
        sigs: list[np.ndarray] = []
        sizes: list[int] = []
        short: list[str | None] = []
        where: list[tuple[int, int]] = []  # (chunk, offset in its part) of each scored text
        for k in range(self.man.chunks_done):
            names = pq.read_schema(self.folder.part(TEXTS, k)).names
            want = ["row", "article_id", "sig", "size", "short"] if "sig" in names else ["row", "article_id", "text"]
            t = pq.read_table(self.folder.part(TEXTS, k), columns=want)
            rows += t["row"].to_pylist()
            ids += t["article_id"].to_pylist()
            if "sig" in names:
                sigs += [np.frombuffer(b, np.uint64) for b in t["sig"].to_pylist()]
                sizes += t["size"].to_pylist()
                short += t["short"].to_pylist()
            else:
                g, z, sh = fingerprints(t["text"].to_pylist())
                sigs += list(g)
                sizes += z.tolist()
                short += sh
            where += [(k, i) for i in range(t.num_rows)]
        if n < 2 or len(ids) < 2:
            return None

        def texts_of(idx: Any) -> list[str]:
            out: dict[int, str] = {}
            by_chunk: dict[int, list[int]] = {}
            for i in idx.tolist():
                by_chunk.setdefault(where[i][0], []).append(i)
            for k, members in by_chunk.items():
                col = pq.read_table(self.folder.part(TEXTS, k), columns=["text"])["text"]
                for i in members:
                    out[i] = col[where[i][1]].as_py()
            return [out[i] for i in idx.tolist()]

        ei, ej = duplicate_pairs(np.vstack(sigs), np.asarray(sizes, np.int64), short, texts_of)
        column: list[Any] = [None] * n
        for r, d in zip(rows, originals(ids, ei, ej)):
            column[r] = d
        return column

    def finish(self) -> None:
        """The near-duplicates over every chunk, then the frames joined; the run is complete."""
        dups = self.duplicates()
        with self.signals.held():
            self.folder.finish(self.man, dups)
