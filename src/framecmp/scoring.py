"""Run every measure over a corpus and collect the tidy frames.

:func:`score` (or :class:`Scorer`) turns a :class:`~framecmp.io.corpus.Corpus`
into :class:`Scores`, which holds one DataFrame per concept (DESIGN.md,
"Frames"). Scoring is a pure function of (article, configuration): the same
input, lexicons and settings give the same frames, in one process or many.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import signal
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from framecmp import schema as C
from framecmp._validation import check_choice, param_error
from framecmp.schema import (
    ARROW_PLAIN_TYPES,
    FRAMES,
    arrow_schema,
    column_dtype,
    empty_frame,
    normalize_frame,
)
from framecmp.text.doc import Doc, analyze

if TYPE_CHECKING:  # pragma: no cover
    from framecmp.io.corpus import Article, Corpus
    from framecmp.measures.actors import ActorIndex
    from framecmp.measures.terms import TermLexicon

# FRAMES (every frame's columns) lives in framecmp.schema; importable from here too
__all__ = ["Scorer", "Scores", "score", "FRAMES"]

log = logging.getLogger(__name__)

_SCORED_FRAMES = [k for k in FRAMES if k not in {"articles", "removals"}]

STANCE_MODES = ("default", "trained")


# --------------------------------------------------------------------------- Scores


@dataclass(frozen=True)
class Scores:
    """Every frame for one scored corpus, plus the settings that produced it.

    Attributes
    ----------
    articles, evidence, stance, portrayal, terms, labels, attribution, voices, style, mentions, removals
        Tidy DataFrames; columns are listed in :mod:`framecmp.schema`. ``stance`` has one row
        per (article, holder, target): who evaluates whom; ``portrayal`` one row per (article,
        actor): how the article presents the actor, all voices together, with its role.
    config : dict
        Settings and lexicon versions: the provenance of every number.
    corpus : Corpus or None
        The scored corpus (for highlighting and worksheets).
    """

    articles: pd.DataFrame
    evidence: pd.DataFrame
    stance: pd.DataFrame
    terms: pd.DataFrame
    labels: pd.DataFrame
    attribution: pd.DataFrame
    voices: pd.DataFrame
    style: pd.DataFrame
    mentions: pd.DataFrame
    removals: pd.DataFrame
    portrayal: pd.DataFrame = field(default_factory=lambda: empty_frame("portrayal"))
    config: Mapping[str, Any] = field(default_factory=dict)
    corpus: Corpus | Iterable[Article] | None = None

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name."""
        return {name: getattr(self, name) for name in FRAMES}

    def summary(self) -> str:
        """One line: articles scored, by status, and evidence rows."""
        st = self.articles["status"].value_counts().to_dict() if len(self.articles) else {}
        parts = ", ".join(f"{v} {k}" for k, v in sorted(st.items()))
        n, ne = len(self.articles), len(self.evidence)
        return (f"{n} article{'' if n == 1 else 's'} ({parts or 'none'}); "
                f"{ne} evidence span{'' if ne == 1 else 's'}")

    def explain(
        self,
        article_id: str,
        *,
        holder: str | None = None,
        target: str | None = None,
        kind: str | None = None,
    ) -> pd.DataFrame:
        """The evidence behind a number: the spans, their words and values.

        ``kind="stance"`` gives the directed cues that count; a negated cue ("Mali did not
        accuse France") is kind ``negated`` (category ``cue``), shown and counted nowhere:
        ``explain(article_id, target="france")`` with no ``kind`` lists both.

        Examples
        --------
        >>> from framecmp import load_seeds, score
        >>> s = score(load_seeds(), progress=False)
        >>> ev = s.explain("seed-001", target="russia", kind="stance")
        >>> bool((ev["actor"] == "russia").all())
        True
        """
        ev = self.evidence
        if article_id not in set(self.articles["article_id"]):
            raise param_error("article_id", "Scores.explain",
                              f"one of {sorted(self.articles['article_id'])}", article_id)
        mask = ev["article_id"] == article_id
        if holder is not None:
            mask &= ev["holder"] == holder
        if target is not None:
            mask &= ev["actor"] == target
        if kind is not None:
            kinds = C.EVIDENCE_KINDS
            # the frame names users try first ("terms") point at their evidence kind ("term")
            near = {"terms": "term", "labels": "term' or 'reference", "attribution": "quote', 'source' or 'cue",
                    "voices": "source", "style": "cue' or 'hedge", "mentions": "actor"}
            if kind not in kinds:
                hint = f" (for the {kind} frame: '{near[kind]}')" if kind in near else ""
                raise param_error("kind", "Scores.explain",
                                  f"an evidence kind, one of {list(kinds)}{hint}", kind)
            mask &= ev["kind"] == kind
        return ev[mask].sort_values(["start", "kind"]).reset_index(drop=True)

    def save(self, folder: str | Path, *, format: str = "parquet") -> list[Path]:
        """Write every frame to ``folder`` as Parquet or CSV; returns the paths.

        Each file is written whole or not at all (a temporary file, renamed). In CSV, a
        text cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, a tab
        or a carriage return) gets a leading apostrophe, so that a spreadsheet shows it
        as text instead of running it (OWASP, "CSV Injection"); Parquet keeps the values.
        """
        check_choice("format", "Scores.save", format, ["csv", "parquet"])
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        from framecmp.io.output import atomic_write, write_csv

        for name, df in self.frames().items():
            p = folder / f"{name}.{format}"
            # each file whole or not there, even if the process is stopped while writing
            if format == "csv":
                atomic_write(p, functools.partial(write_csv, df))  # formulas made text
            else:
                atomic_write(p, functools.partial(_to_parquet, df, name=name))
            paths.append(p)
        return paths

    def __repr__(self) -> str:
        return f"Scores({self.summary()})"


def _to_parquet(df: pd.DataFrame, path: Path, *, name: str) -> None:
    """One frame to Parquet with the same fixed schema as the streaming path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(normalize_frame(df, name), schema=arrow_schema(name), preserve_index=False)
    pq.write_table(table, path)


# --------------------------------------------------------------------------- Scorer


class Scorer:
    """Runs the measures; holds settings and (lazily) the loaded lexicons.

    Parameters
    ----------
    actors : ActorIndex, optional
        From :func:`framecmp.measures.actors.load_actors`; the bundled actors if None.
    terms : TermLexicon, optional
        From :func:`framecmp.measures.terms.load_terms`; the bundled lexicons if None.
    stance_mode : {"default", "trained"}
        ``default`` is rules + VADER; ``trained`` adds the shipped linear model.
    shrinkage_k : float
        Article stance is ``sum / (n + k)``: a mean shrunk toward 0 (see README).
    window : int
        Tokens on each side of an actor mention that the stance rules read.
    engine : {"linear", "rules", "neural"}
        The target-level scorer of every actor mention (stance and portrayal): ``linear``
        (default), the linear model fitted on NewsMTSC; ``rules``, the rule scorer; or
        ``neural``, the fine-tuned MiniLM transformer shipped as ONNX (needs the ``neural``
        extra, ``pip install "framecmp[neural]"``; slower, more accurate on NewsMTSC).
    effects : str, Path or mapping, optional
        Your own entries for the deed rule (what actors do to things of value), merged over
        the bundled ``lexicons/effects.yaml`` (same id: yours wins): a file in the effects
        format (``framecmp lexicon copy effects``) or the same structure as a dict. Checked
        on first use, with line numbers.

    Notes
    -----
    The constructor only stores parameters; lexicons load on first use, so a
    Scorer is cheap to make and to send to worker processes.
    """

    def __init__(
        self,
        *,
        actors: ActorIndex | None = None,
        terms: TermLexicon | None = None,
        stance_mode: str = "default",
        shrinkage_k: float = 2.0,
        window: int = 12,
        engine: str = "linear",
        effects: str | Path | Mapping[str, Any] | None = None,
    ) -> None:
        self.actors = actors
        self.effects = effects
        self.terms = terms
        self.stance_mode = stance_mode
        self.engine = engine
        self.shrinkage_k = shrinkage_k
        self.window = window
        self._res: dict[str, Any] | None = None

    # -- parameters ---------------------------------------------------------
    def get_params(self) -> dict[str, Any]:
        return {
            "actors": self.actors,
            "terms": self.terms,
            "stance_mode": self.stance_mode,
            "shrinkage_k": self.shrinkage_k,
            "window": self.window,
            "engine": self.engine,
            "effects": self.effects,
        }

    def _check_params(self) -> None:
        if self.stance_mode not in STANCE_MODES:
            raise param_error("stance_mode", "Scorer", f"one of {list(STANCE_MODES)}", self.stance_mode)
        if not isinstance(self.shrinkage_k, (int, float)) or self.shrinkage_k < 0:
            raise param_error("shrinkage_k", "Scorer", "a number >= 0", self.shrinkage_k)
        if not isinstance(self.window, int) or self.window < 1:
            raise param_error("window", "Scorer", "an int >= 1", self.window)
        if self.effects is not None and not isinstance(self.effects, (str, Path, Mapping)):
            raise param_error("effects", "Scorer", "a path to an effects lexicon, a mapping or None", self.effects)
        from framecmp.measures.stance.engine import ENGINES

        check_choice("engine", "Scorer", self.engine, ENGINES)
        if self.engine == "neural":
            from framecmp.measures.stance.neural import EXTRA_HINT, neural_available

            if not neural_available():
                raise ImportError(EXTRA_HINT)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_res"] = None  # workers reload lexicons themselves
        return state

    # -- resources ----------------------------------------------------------
    def resources(self) -> dict[str, Any]:
        """The loaded lexicons and configs (loaded once, then cached)."""
        if self._res is None:
            from framecmp.io.boilerplate import load_boilerplate
            from framecmp.measures.actors import load_actors
            from framecmp.measures.attribution import load_attribution_config
            from framecmp.measures.stance import load_stance_config
            from framecmp.measures.terms import load_terms

            self._check_params()
            actors = self.actors if self.actors is not None else load_actors()
            terms = self.terms if self.terms is not None else load_terms()
            res: dict[str, Any] = {
                "actors": actors,
                "terms": terms,
                "attribution": load_attribution_config(),
                "stance": load_stance_config(
                    mode=self.stance_mode, shrinkage_k=self.shrinkage_k, window=self.window,
                    engine=self.engine, extra_effects=self.effects,
                    organisations=[a.id for a in actors.actors.values() if a.type == "organisation"],
                    actor_types={a.id: a.type for a in actors.actors.values() if a.type},
                ),
                "captions": tuple(load_boilerplate().caption_patterns),
                "people_roles": {
                    p.name: p.role for p in actors.people_by_name.values() if getattr(p, "role", None)
                },
            }
            self._res = res
        return self._res

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the measures read: those every measure's lexicons read (their
        ``languages`` headers; a measure that says nothing reads English). An article in
        any other language gets the status ``unsupported_language`` and is not scored."""
        from framecmp.lexicons import DEFAULT_LANGUAGES, common_languages

        r = self.resources()
        return common_languages(
            *(getattr(r[k], "languages", DEFAULT_LANGUAGES) for k in ("actors", "terms", "attribution", "stance"))
        )

    def config(self) -> dict[str, Any]:
        """Settings and lexicon versions, for provenance."""
        r = self.resources()
        return {
            "framecmp_version": _version(),
            "stance_mode": self.stance_mode,
            "shrinkage_k": self.shrinkage_k,
            "window": self.window,
            "engine": self.engine,
            "languages": list(self.languages),
            "lexicons": {
                "actors": getattr(r["actors"], "version", None),
                "terms": getattr(r["terms"], "version", None),
                "attribution": getattr(r["attribution"], "version", None),
                "stance": getattr(r["stance"], "version", None),
            },
        }

    # -- one article --------------------------------------------------------
    def analyze(self, article: Any) -> Doc:
        """The text layer for one article (tokens, sentences, quotes, parts)."""
        return analyze(article.text, title=article.title, caption_patterns=self.resources()["captions"])

    def score_article(self, article: Any) -> dict[str, list[dict[str, Any]]]:
        """Rows of every per-article frame for one article (a pure function)."""
        from framecmp.measures.actors import find_mentions
        from framecmp.measures.attribution import (
            attribution_rows,
            extract_attributions,
            style_row,
            voices_rows,
        )
        from framecmp.measures.stance import score_stance
        from framecmp.measures.terms import find_terms

        r = self.resources()
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in _SCORED_FRAMES}
        out["articles"] = []
        aid, outlet = article.article_id, article.outlet
        doc = self.analyze(article)
        n_words = doc.n_words
        mentions = find_mentions(doc, r["actors"])
        attr = extract_attributions(
            doc, config=r["attribution"], mentions=mentions, people_roles=r["people_roles"]
        )
        # a quote around a term inside what someone is said to have said is theirs, not the outlet's
        terms = find_terms(doc, lexicon=r["terms"], n_words=n_words, attributed=attr)
        stance = score_stance(
            doc,
            mentions=cast(Any, mentions),  # ambiguous mentions (actor None) are skipped inside
            attribution=attr,
            terms=terms,
            config=r["stance"],
        )
        base = {"article_id": aid, "outlet": outlet}
        out["mentions"] = [
            {
                **base,
                "actor": m.actor,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "via": m.via,
                "person": m.person,
                "ambiguous": m.ambiguous,
                "part": doc.part_at(m.start),
            }
            for m in mentions
        ]
        out["attribution"] = attribution_rows(attr, article_id=aid, outlet=outlet)
        out["voices"] = voices_rows(attr, article_id=aid, outlet=outlet)
        out["style"] = [{**style_row(attr, article_id=aid, outlet=outlet), "n_words": n_words}]
        out["terms"] = [{**base, "n_words": n_words, **row} for row in terms.category_rows()]
        out["labels"] = [{**base, **row} for row in terms.label_rows()]
        out["stance"] = [{**base, **row} for row in stance.rows]
        out["portrayal"] = [{**base, **row} for row in stance.portrayal_rows]
        evidence = []
        sentence_at, part_at = doc.sentence_at, doc.part_at
        for ev in (*_mention_evidence(mentions, doc), *attr.evidence, *terms.evidence, *stance.evidence):
            row = ev.as_row(aid, outlet)
            if ev.sentence is None:
                s = sentence_at(ev.start)
                row["sentence"] = s.index if s else None
            row["part"] = part_at(ev.start)
            evidence.append(row)
        out["evidence"] = evidence
        return out

    # -- a corpus -----------------------------------------------------------
    def score(self, corpus: Corpus | Iterable[Article], *, workers: int = 1,
              progress: bool | None = None) -> Scores:
        """Score every article of ``corpus``; see :func:`score`."""
        with fewer_collections():
            return self._score(corpus, workers=workers, progress=progress)

    def _score(self, corpus: Corpus | Iterable[Article], *, workers: int, progress: bool | None) -> Scores:
        articles = _as_articles(corpus)
        self._check_params()
        workers = check_workers(workers)
        n_ok = sum(a.status == "ok" for a in articles)
        store = {k: ColumnStore() for k in FRAMES}
        bar = progress_bar(total=n_ok, enabled=progress, desc="scoring")
        try:
            if workers <= 1 or n_ok < 2 * workers:
                self.resources()
                for i in range(0, len(articles), BATCH):
                    res = _batch_frames(self, articles[i : i + BATCH])
                    add_batch(store, res)
                    bar.update(res.n_ok)
            else:
                size = max(1, min(BATCH, len(articles) // (workers * 4) or 1))
                batches = [articles[i : i + size] for i in range(0, len(articles), size)]
                with self.pool(workers) as ex:
                    for res in ex.map(_score_batch, batches):  # in order: rows keep positions
                        add_batch(store, res)
                        bar.update(res.n_ok)
        finally:
            bar.close()
        frames = {k: store[k].frame(k) for k in FRAMES}
        frames["articles"] = _flag_duplicates(frames["articles"], articles)
        return Scores(**frames, config=self.config(), corpus=corpus)

    def pool(self, workers: int, loader: Any = None) -> ProcessPoolExecutor:
        """Worker processes with this Scorer's lexicons loaded, to reuse across calls.

        ``score_file`` scores chunk after chunk with one pool instead of starting
        (and loading every lexicon in) ``workers`` new processes per chunk.
        ``loader`` (a reader's ``RawSource.loader()``, :mod:`framecmp.io.formats`)
        lets the workers build the articles from raw rows too.
        """
        return ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(self.get_params(), loader)
        )


# --------------------------------------------------------------------------- batches

BATCH = 200  # articles per task sent to a worker (and per step in one process)


@dataclass
class Batch:
    """The frames of a run of consecutive articles, as columns (lists of values).

    Columns are cheaper to send back from a worker and to hold than one dict
    per row; :class:`ColumnStore` joins batches in input order.
    """

    columns: dict[str, dict[str, list[Any]]]
    lengths: dict[str, int]
    n_ok: int = 0
    # (position in the batch, article_id, text) of scored articles, for the duplicate check
    texts: list[tuple[int, str, str]] | None = None
    # their near-duplicate fingerprints (io.dedupe.fingerprints: signature bytes, size, short
    # text), computed in the worker so that the check at the end of a run reads no text
    prints: list[tuple[bytes, int, str | None]] | None = None
    warnings: list[tuple[type[Warning], str]] = field(default_factory=list)


def _to_columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows -> columns; keys in the order first seen, a key missing from a row is None."""
    if rows and len(rows[0]) > 1:
        # the usual case, every row with the same keys: one column at a time, in C
        # (zip(*rows) over many thousand rows is several times slower)
        first = list(rows[0])
        n = len(first)
        if all(map(n.__eq__, map(len, rows))):
            try:
                return {k: list(map(itemgetter(k), rows)) for k in first}
            except KeyError:
                pass  # some row has other keys
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    return {k: [r.get(k) for r in rows] for k in keys}


def _batch_frames(scorer: Scorer, articles: Sequence[Any], *, texts: bool = False,
                  prints: bool = False) -> Batch:
    """Score consecutive articles into the rows of every frame (see Scorer.score)."""
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in FRAMES}
    n_ok = 0
    kept: list[tuple[int, str, str]] = []
    languages = scorer.languages
    for pos, art in enumerate(articles):
        status = art.status
        res = None
        if status == "ok" and art.language not in languages:
            # never scored as if it were English: listed with its status, nothing else
            status = "unsupported_language"
        if status == "ok":
            n_ok += 1
            if texts and art.text.strip():
                kept.append((pos, art.article_id, art.text))
            res = _safe_score(scorer, art)
            if isinstance(res, Exception):
                status = "error"
                log.warning("article %s could not be scored: %s", art.article_id, res)
                res = None
        rows["articles"].append(_article_row(art, status, res))
        if res:
            for k in _SCORED_FRAMES:
                rows[k].extend(res[k])
        for rm in art.removals:
            rows["removals"].append({"article_id": art.article_id, **_record_dict(rm)})
    fps = None
    if texts and prints:
        from framecmp.io.dedupe import fingerprints

        sig, sizes, short = fingerprints([t for _p, _a, t in kept])
        fps = [(sig[i].tobytes(), int(sizes[i]), short[i]) for i in range(len(kept))]
    return Batch(
        columns={k: _to_columns(v) for k, v in rows.items()},
        lengths={k: len(v) for k, v in rows.items()},
        n_ok=n_ok,
        texts=kept if texts else None,
        prints=fps,
    )


class ColumnStore:
    """Columns of one frame, batch after batch (a column missing from a batch is None)."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {}
        self.n = 0

    def add(self, cols: Mapping[str, list[Any]], n: int) -> None:
        for c, values in cols.items():
            have = self.columns.get(c)
            if have is None:
                self.columns[c] = [None] * self.n + values
            else:
                have.extend(values)
        self.n += n
        for have in self.columns.values():
            if len(have) < self.n:
                have.extend([None] * (self.n - len(have)))

    def frame(self, name: str) -> pd.DataFrame:
        """The frame, built column by column (each list is freed once converted)."""
        cols = FRAMES[name]
        if not self.n:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
        order = cols + [c for c in self.columns if c not in cols]
        data: dict[str, Any] = {}
        for c in order:
            values = self.columns.pop(c, None)
            data[c] = pd.DataFrame({c: values if values is not None else [None] * self.n})[c]
            del values
        return pd.DataFrame(data, copy=False)

    def arrow(self, name: str) -> Any:
        """The frame as an Arrow table of :func:`~framecmp.schema.arrow_schema`,
        straight from the columns, or None (columns kept) when a column holds a
        value that is not plainly of its type (None, or str / int / int or
        float / bool): then :meth:`frame` and :func:`~framecmp.schema.normalize_frame`
        convert it. The values are those that path writes (NaN is missing).
        """
        import pyarrow as pa

        schema = arrow_schema(name)
        arrays = []
        for fld in schema:
            values = self.columns.get(fld.name)
            if values is None:
                arrays.append(pa.nulls(self.n, fld.type))
                continue
            types = set(map(type, values))
            if not types <= ARROW_PLAIN_TYPES[column_dtype(name, fld.name)]:
                return None
            if fld.type == pa.string() and not types <= {str, type(None)}:
                values = [v if v is None or type(v) is str else str(v) for v in values]
            try:
                arrays.append(pa.array(values, type=fld.type, from_pandas=True))
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                return None
        self.columns.clear()
        return pa.Table.from_arrays(arrays, schema=schema)


def add_batch(store: Mapping[str, ColumnStore], res: Batch) -> None:
    for k in FRAMES:
        store[k].add(res.columns[k], res.lengths[k])


# --------------------------------------------------------------------------- workers

_WORKER: Scorer | None = None
_LOADER: Any = None


def _init_worker(params: dict[str, Any], loader: Any = None) -> None:
    global _WORKER, _LOADER
    # Ctrl-C reaches every process of the terminal: the parent decides (it stops the
    # workers and leaves the output readable); a worker must not die on it first
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (a fork copies it)
    _watch_parent(os.getppid())
    _WORKER = Scorer(**params)
    _WORKER.resources()
    _LOADER = loader
    # a worker only scores: its lexicons stay for good (no need to scan them for
    # cycles again) and scoring makes few cycles (see fewer_collections)
    gc.freeze()
    _raise_gc_threshold()


def _watch_parent(parent: int) -> None:
    """End this worker when its parent process is gone (killed with SIGKILL, say), instead
    of scoring on for nobody: a daemon thread looks every half second."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="framecmp-parent-watch", daemon=True).start()


_GC_THRESHOLD = 50_000


def _raise_gc_threshold() -> tuple[int, int, int]:
    """Raise the collector's first threshold to ``_GC_THRESHOLD``; the old thresholds."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _GC_THRESHOLD), old[1], old[2])
    return old


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while scoring.

    Scoring allocates and frees a great many small containers (tokens, rows)
    but makes few reference cycles; with Python's default threshold (700) the
    collector runs thousands of times per 1,000 articles, about a tenth of the
    CPU time. The threshold is restored afterwards; results are unchanged.
    """
    old = _raise_gc_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _score_batch(batch: list[Any]) -> Batch:
    assert _WORKER is not None
    return _batch_frames(_WORKER, batch)


def load_and_score(items: list[tuple[Any, str | None]]) -> Batch:
    """Raw rows -> cleaned Articles -> frames, in a worker (``score_file``)."""
    assert _WORKER is not None and _LOADER is not None
    return build_and_score(_WORKER, _LOADER, items)


def build_and_score(scorer: Scorer, loader: Any, items: list[tuple[Any, str | None]]) -> Batch:
    """Build the articles of raw rows (``items``: (row, new id or None)) and score them;
    a row that cannot become an article becomes one with status ``parse_error``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = []
        for item, new_id in items:
            try:
                art = loader.build(item)
            except Exception as exc:  # one bad row must not stop a corpus run
                log.warning("row %s could not become an article: %r", loader.row(item), exc)
                art = loader.broken(item, f"{type(exc).__name__}: {exc}")
            if new_id is not None:
                art = art.replace(article_id=new_id)
            articles.append(art)
    res = _batch_frames(scorer, articles, texts=True, prints=True)
    res.warnings = [(w.category, str(w.message)) for w in caught]
    return res


def _safe_score(scorer: Scorer, article: Any) -> Any:
    try:
        return scorer.score_article(article)
    except Exception as exc:  # one bad article must not stop a corpus run
        log.exception("scoring failed for %s", article.article_id)
        return exc


# --------------------------------------------------------------------------- helpers


def _version() -> str:
    from framecmp._version import __version__

    return __version__


def _record_dict(rec: Any) -> dict[str, Any]:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(rec) and not isinstance(rec, type):
        return asdict(rec)
    return dict(rec)


def _mention_evidence(mentions: Iterable[Any], doc: Doc) -> Iterator[Any]:
    from framecmp.records import Evidence

    for m in mentions:
        if getattr(m, "ambiguous", False):
            continue
        yield Evidence(
            kind="actor",
            start=m.start,
            end=m.end,
            text=doc.text[m.start : m.end],
            label=getattr(m, "via", "") or "",
            actor=m.actor,
            rule_id=getattr(m, "rule_id", None),
            explanation=f"mentions {m.actor} ({getattr(m, 'via', 'name')})",
            part=doc.part_at(m.start),
        )


def _article_row(art: Any, status: str, res: Any) -> dict[str, Any]:
    n_words = res["style"][0]["n_words"] if res and res.get("style") else None
    return dict(art.as_row(status=status, n_words=n_words))


def _flag_duplicates(frame: pd.DataFrame, articles: Sequence[Any]) -> pd.DataFrame:
    # only scored articles can be copies: broken/empty ones have no text to compare
    ok = [(i, a.article_id, a.text) for i, a in enumerate(articles) if a.status == "ok" and a.text.strip()]
    return _with_duplicates(frame, ok)


def _with_duplicates(frame: pd.DataFrame, ok: Sequence[tuple[int, str, str]]) -> pd.DataFrame:
    """``frame`` with ``duplicate_of`` set among ``ok`` = (row, article_id, text)."""
    column = duplicate_column(len(frame), ok)
    if column is None:
        return frame
    frame = frame.copy()
    frame["duplicate_of"] = column
    return frame


def duplicate_column(n: int, ok: Sequence[tuple[int, str, str]]) -> list[Any] | None:
    """The ``duplicate_of`` column of ``n`` articles, copies found among ``ok`` =
    (row, article_id, text); None where there is nothing to compare."""
    if n < 2 or len(ok) < 2:
        return None
    try:
        from framecmp.io.dedupe import find_duplicates
    except ImportError:  # pragma: no cover
        return None
    texts = pd.DataFrame({"article_id": [o[1] for o in ok], "text": [o[2] for o in ok]})
    column: list[Any] = [None] * n
    for (i, _, _), d in zip(ok, find_duplicates(texts)):
        column[i] = d
    return column


def _as_articles(corpus: Any) -> list[Any]:
    what = "a Corpus or a collection of Articles"
    if isinstance(corpus, (str, bytes)):
        raise param_error("corpus", "score", what, corpus, got=f"a bare {type(corpus).__name__}",
                          hint="Load texts with framecmp.load(...) or framecmp.load_dataframe(...) first.")
    if isinstance(corpus, pd.DataFrame):
        raise param_error("corpus", "score", what, corpus, got="a DataFrame",
                          hint="Turn a DataFrame into a Corpus with framecmp.load_dataframe(df, ...).")
    arts = list(corpus)
    for a in arts:
        if not hasattr(a, "article_id") or not hasattr(a, "text"):
            raise param_error("corpus", "score", what, corpus, got=f"an item of type {type(a).__name__}")
    return arts


def check_workers(workers: int) -> int:
    if not isinstance(workers, int) or workers < 1:
        raise param_error("workers", "score", "an int >= 1", workers)
    return min(workers, os.cpu_count() or 1) if workers > 1 else 1


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(*, total: int | None, enabled: bool | None, desc: str) -> Any:
    """A tqdm bar on a terminal (or when asked); a no-op otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty() and (total is None or total >= 50)
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="article")


# --------------------------------------------------------------------------- functions


def score(
    corpus: Corpus | Iterable[Article],
    *,
    workers: int = 1,
    progress: bool | None = None,
    actors: ActorIndex | None = None,
    terms: TermLexicon | None = None,
    stance_mode: str = "default",
    shrinkage_k: float = 2.0,
    window: int = 12,
    engine: str = "linear",
    effects: str | Path | Mapping[str, Any] | None = None,
) -> Scores:
    """Score a corpus: stance, loaded terms and attribution, with evidence.

    Parameters
    ----------
    corpus : Corpus or iterable of Article
        From :func:`framecmp.load_seeds`, :func:`framecmp.load` and friends.
    workers : int
        Worker processes; results are identical to a single-process run.
    progress : bool, optional
        Show a progress bar; by default only on a terminal and for long runs.
    actors, terms, stance_mode, shrinkage_k, window, engine, effects
        The settings of :class:`Scorer`: the actor index (:func:`framecmp.load_actors`)
        and term lexicon (:func:`framecmp.load_terms`), the bundled ones if None;
        ``stance_mode`` ``"default"`` (rules + VADER) or ``"trained"``; the shrinkage
        ``k`` of article stance ``sum / (n + k)``; the tokens on each side of a
        mention that the stance rules read; the target-level scorer of every actor
        mention, ``"linear"`` (the linear model fitted on NewsMTSC) or ``"rules"``; your own
        entries for the deed rule, merged over ``lexicons/effects.yaml``.

    Returns
    -------
    Scores

    Examples
    --------
    >>> from framecmp import load_seeds, score
    >>> s = score(load_seeds(), progress=False)
    >>> len(s.articles)
    5
    >>> sorted(s.stance.columns)[:3]
    ['article_id', 'context_tone', 'holder']
    """
    scorer = Scorer(actors=actors, terms=terms, stance_mode=stance_mode, shrinkage_k=shrinkage_k,
                    window=window, engine=engine, effects=effects)
    return scorer.score(corpus, workers=workers, progress=progress)
