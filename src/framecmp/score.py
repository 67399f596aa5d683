"""Run every measure over a corpus and collect the tidy frames.

:func:`score` (or :class:`Scorer`) turns a :class:`~framecmp.corpus.Corpus`
into :class:`Scores`, which holds one DataFrame per concept (DESIGN.md,
"Frames"). Scoring is a pure function of (article, configuration): the same
input, lexicons and settings give the same frames, in one process or many.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pandas as pd

from . import columns as C
from .text import Doc, analyze

__all__ = ["Scorer", "Scores", "score", "score_file", "FRAMES"]

log = logging.getLogger(__name__)

FRAMES: dict[str, list[str]] = {
    "articles": C.ARTICLES,
    "evidence": C.EVIDENCE,
    "stance": C.STANCE,
    "terms": C.TERMS,
    "labels": C.LABELS,
    "attribution": C.ATTRIBUTION,
    "voices": C.VOICES,
    "style": C.STYLE,
    "mentions": C.MENTIONS,
    "removals": C.REMOVALS,
}
_SCORED_FRAMES = [k for k in FRAMES if k not in {"articles", "removals"}]

STANCE_MODES = ("default", "trained")


def _frame(rows: list[dict[str, Any]], name: str) -> pd.DataFrame:
    cols = FRAMES[name]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    df = pd.DataFrame.from_records(rows)
    for c in cols:
        if c not in df.columns:
            df[c] = None
    extra = [c for c in df.columns if c not in cols]
    return df[cols + extra]


# --------------------------------------------------------------------------- Scores


@dataclass(frozen=True)
class Scores:
    """Every frame for one scored corpus, plus the settings that produced it.

    Attributes
    ----------
    articles, evidence, stance, terms, labels, attribution, voices, style, mentions, removals
        Tidy DataFrames; columns are listed in :mod:`framecmp.columns`.
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
    config: Mapping[str, Any] = field(default_factory=dict)
    corpus: Any = None

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by name."""
        return {name: getattr(self, name) for name in FRAMES}

    def summary(self) -> str:
        """One line: articles scored, by status, and evidence rows."""
        st = self.articles["status"].value_counts().to_dict() if len(self.articles) else {}
        parts = ", ".join(f"{v} {k}" for k, v in sorted(st.items()))
        return f"{len(self.articles)} articles ({parts or 'none'}); {len(self.evidence)} evidence spans"

    def explain(
        self,
        article_id: str,
        *,
        holder: str | None = None,
        target: str | None = None,
        kind: str | None = None,
    ) -> pd.DataFrame:
        """The evidence behind a number: the spans, their words and values.

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
            raise ValueError(
                f"The 'article_id' parameter of explain() must be one of "
                f"{sorted(self.articles['article_id'])}. Got {article_id!r} instead."
            )
        mask = ev["article_id"] == article_id
        if holder is not None:
            mask &= ev["holder"] == holder
        if target is not None:
            mask &= ev["actor"] == target
        if kind is not None:
            mask &= ev["kind"] == kind
        return ev[mask].sort_values(["start", "kind"]).reset_index(drop=True)

    def save(self, folder: str | Path, *, format: str = "parquet") -> list[Path]:
        """Write every frame to ``folder`` as Parquet or CSV; returns the paths."""
        if format not in ("parquet", "csv"):
            raise ValueError(
                f"The 'format' parameter of Scores.save() must be one of ['csv', 'parquet']. "
                f"Got {format!r} instead."
            )
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, df in self.frames().items():
            p = folder / f"{name}.{format}"
            if format == "csv":
                df.to_csv(p, index=False)
            else:
                _to_parquet(df, p)
            paths.append(p)
        return paths

    def __repr__(self) -> str:
        return f"Scores({self.summary()})"


def _to_parquet(df: pd.DataFrame, path: Path) -> None:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) if not isinstance(v, (int, float, bool, str)) else v)
    out.to_parquet(path, index=False)


# --------------------------------------------------------------------------- Scorer


class Scorer:
    """Runs the measures; holds settings and (lazily) the loaded lexicons.

    Parameters
    ----------
    actors : ActorIndex, optional
        From :func:`framecmp.actors.load_actors`; the bundled actors if None.
    terms : TermLexicon, optional
        From :func:`framecmp.terms.load_terms`; the bundled lexicons if None.
    stance_mode : {"default", "trained"}
        ``default`` is rules + VADER; ``trained`` adds the shipped linear model.
    shrinkage_k : float
        Article stance is ``sum / (n + k)``: a mean shrunk toward 0 (see README).
    window : int
        Tokens on each side of an actor mention that the stance rules read.

    Notes
    -----
    The constructor only stores parameters; lexicons load on first use, so a
    Scorer is cheap to make and to send to worker processes.
    """

    def __init__(
        self,
        *,
        actors: Any = None,
        terms: Any = None,
        stance_mode: str = "default",
        shrinkage_k: float = 2.0,
        window: int = 12,
    ) -> None:
        self.actors = actors
        self.terms = terms
        self.stance_mode = stance_mode
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
        }

    def _check_params(self) -> None:
        if self.stance_mode not in STANCE_MODES:
            raise ValueError(
                f"The 'stance_mode' parameter of Scorer must be one of {list(STANCE_MODES)}. "
                f"Got {self.stance_mode!r} instead."
            )
        if not isinstance(self.shrinkage_k, (int, float)) or self.shrinkage_k < 0:
            raise ValueError(
                f"The 'shrinkage_k' parameter of Scorer must be a number >= 0. Got {self.shrinkage_k!r} instead."
            )
        if not isinstance(self.window, int) or self.window < 1:
            raise ValueError(
                f"The 'window' parameter of Scorer must be an int >= 1. Got {self.window!r} instead."
            )

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_res"] = None  # workers reload lexicons themselves
        return state

    # -- resources ----------------------------------------------------------
    def resources(self) -> dict[str, Any]:
        """The loaded lexicons and configs (loaded once, then cached)."""
        if self._res is None:
            from .actors import load_actors
            from .attribution import load_attribution_config
            from .clean import load_boilerplate
            from .stance import load_stance_config
            from .terms import load_terms

            self._check_params()
            actors = self.actors if self.actors is not None else load_actors()
            terms = self.terms if self.terms is not None else load_terms()
            res: dict[str, Any] = {
                "actors": actors,
                "terms": terms,
                "attribution": load_attribution_config(),
                "stance": load_stance_config(
                    mode=self.stance_mode, shrinkage_k=self.shrinkage_k, window=self.window
                ),
                "captions": tuple(load_boilerplate().caption_patterns),
                "people_roles": {
                    p.name: p.role for p in actors.people_by_name.values() if getattr(p, "role", None)
                },
            }
            self._res = res
        return self._res

    def config(self) -> dict[str, Any]:
        """Settings and lexicon versions, for provenance."""
        r = self.resources()
        return {
            "framecmp_version": _version(),
            "stance_mode": self.stance_mode,
            "shrinkage_k": self.shrinkage_k,
            "window": self.window,
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
        from .actors import find_mentions
        from .attribution import attribution_rows, extract_attributions, style_row, voices_rows
        from .stance import score_stance
        from .terms import find_terms

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
        terms = find_terms(doc, lexicon=r["terms"], n_words=n_words)
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
        evidence = []
        for ev in (*_mention_evidence(mentions, doc), *attr.evidence, *terms.evidence, *stance.evidence):
            row = ev.as_row(aid, outlet)
            if ev.sentence is None:
                s = doc.sentence_at(ev.start)
                row["sentence"] = s.index if s else None
            row["part"] = doc.part_at(ev.start)
            evidence.append(row)
        out["evidence"] = evidence
        return out

    # -- a corpus -----------------------------------------------------------
    def score(self, corpus: Any, *, workers: int = 1, progress: bool | None = None) -> Scores:
        """Score every article of ``corpus``; see :func:`score`."""
        articles = _as_articles(corpus)
        self._check_params()
        workers = _check_workers(workers)
        rows: dict[str, list[dict[str, Any]]] = {k: [] for k in FRAMES}
        results = self._map(articles, workers=workers, progress=progress)
        for art, res in zip(articles, results):
            status = art.status
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
        frames = {k: _frame(v, k) for k, v in rows.items()}
        frames["articles"] = _flag_duplicates(frames["articles"], articles)
        return Scores(**frames, config=self.config(), corpus=corpus)

    def _map(self, articles: Sequence[Any], *, workers: int, progress: bool | None) -> list[Any]:
        todo = [a for a in articles if a.status == "ok"]
        done: dict[str, Any] = {}
        bar = _progress(total=len(todo), enabled=progress, desc="scoring")
        try:
            if workers <= 1 or len(todo) < 2 * workers:
                self.resources()
                for a in todo:
                    done[a.article_id] = _safe_score(self, a)
                    bar.update(1)
            else:
                chunk = max(1, min(200, len(todo) // (workers * 4) or 1))
                batches = [todo[i : i + chunk] for i in range(0, len(todo), chunk)]
                with ProcessPoolExecutor(
                    max_workers=workers, initializer=_init_worker, initargs=(self.get_params(),)
                ) as ex:
                    for batch, res in zip(batches, ex.map(_score_batch, batches)):
                        for a, r in zip(batch, res):
                            done[a.article_id] = r
                        bar.update(len(batch))
        finally:
            bar.close()
        return [done.get(a.article_id) for a in articles]


# --------------------------------------------------------------------------- workers

_WORKER: Scorer | None = None


def _init_worker(params: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Scorer(**params)
    _WORKER.resources()


def _score_batch(batch: list[Any]) -> list[Any]:
    assert _WORKER is not None
    return [_safe_score(_WORKER, a) for a in batch]


def _safe_score(scorer: Scorer, article: Any) -> Any:
    try:
        return scorer.score_article(article)
    except Exception as exc:  # one bad article must not stop a corpus run
        log.exception("scoring failed for %s", article.article_id)
        return exc


# --------------------------------------------------------------------------- helpers


def _version() -> str:
    from . import __version__

    return __version__


def _record_dict(rec: Any) -> dict[str, Any]:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(rec) and not isinstance(rec, type):
        return asdict(rec)
    return dict(rec)


def _mention_evidence(mentions: Iterable[Any], doc: Doc) -> Iterator[Any]:
    from .records import Evidence

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
    n_words = res["style"][0]["n_words"] if res and res.get("style") else len(art.text.split())
    return {
        "article_id": art.article_id,
        "outlet": art.outlet,
        "title": art.title,
        "date": art.date,
        "event": art.event,
        "language": art.language,
        "translated_from": art.translated_from,
        "url": art.url,
        "n_words": n_words,
        "status": status,
        "n_removed": len(art.removals),
        "duplicate_of": None,
    }


def _flag_duplicates(frame: pd.DataFrame, articles: Sequence[Any]) -> pd.DataFrame:
    if len(frame) < 2:
        return frame
    try:
        from .compare import find_duplicates
    except ImportError:  # pragma: no cover
        return frame
    # only scored articles can be copies: broken/empty ones have no text to compare
    ok = [i for i, a in enumerate(articles) if a.status == "ok" and a.text.strip()]
    if len(ok) < 2:
        return frame
    texts = pd.DataFrame(
        {"article_id": [articles[i].article_id for i in ok], "text": [articles[i].text for i in ok]}
    )
    column: list[Any] = [None] * len(frame)
    for i, d in zip(ok, find_duplicates(texts)):
        column[i] = d
    frame = frame.copy()
    frame["duplicate_of"] = column
    return frame


def _as_articles(corpus: Any) -> list[Any]:
    if isinstance(corpus, (str, bytes)):
        raise TypeError(
            "score() expects a Corpus or a collection of Articles, got a bare str. "
            "Load texts with framecmp.load(...) or framecmp.from_dataframe(...) first."
        )
    if isinstance(corpus, pd.DataFrame):
        raise TypeError("score() expects a Corpus; turn a DataFrame into one with framecmp.from_dataframe(df, ...)")
    arts = list(corpus)
    for a in arts:
        if not hasattr(a, "article_id") or not hasattr(a, "text"):
            raise TypeError(f"score() expects Articles, got {type(a).__name__}")
    return arts


def _check_workers(workers: int) -> int:
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"The 'workers' parameter of score() must be an int >= 1. Got {workers!r} instead.")
    return min(workers, os.cpu_count() or 1) if workers > 1 else 1


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(*, total: int, enabled: bool | None, desc: str) -> Any:
    """A tqdm bar on a terminal (or when asked); a no-op otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty() and total >= 50
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="article")


# --------------------------------------------------------------------------- functions


def score(
    corpus: Any,
    *,
    workers: int = 1,
    progress: bool | None = None,
    **params: Any,
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
    **params
        Passed to :class:`Scorer` (``stance_mode``, ``shrinkage_k``, ``window``,
        ``actors``, ``terms``).

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
    return Scorer(**params).score(corpus, workers=workers, progress=progress)


def score_file(
    path: str | Path,
    output: str | Path,
    *,
    format: str = "parquet",
    workers: int = 1,
    chunksize: int = 2000,
    progress: bool | None = None,
    columns: Mapping[str, str] | None = None,
    **params: Any,
) -> str:
    """Stream a big corpus file through the scorer, writing frames chunk by chunk.

    Reads CSV, JSONL(.gz) or Parquet in chunks of ``chunksize`` articles and
    appends every frame to ``output/<frame>.parquet`` (or ``.csv``), so memory
    stays bounded by one chunk. ``columns`` names the input columns
    (``{"outlet": "source", "id": "ID"}``), as for :func:`framecmp.corpus.read_jsonl`.
    Returns a one-line summary.
    """
    from .scale import iter_chunks

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    scorer = Scorer(**params)
    writers: dict[str, Any] = {}
    n = 0
    status_counts: dict[str, int] = {}
    try:
        for chunk in iter_chunks(path, chunksize=chunksize, **dict(columns or {})):
            sc = scorer.score(chunk, workers=workers, progress=progress)
            n += len(sc.articles)
            for k, v in sc.articles["status"].value_counts().items():
                status_counts[str(k)] = status_counts.get(str(k), 0) + int(v)
            for name, df in sc.frames().items():
                _append(writers, output, name, df, format)
    finally:
        for w in writers.values():
            if hasattr(w, "close"):
                w.close()
    st = ", ".join(f"{v} {k}" for k, v in sorted(status_counts.items()))
    return f"Scored {n} articles ({st}); frames written to {output}"


def _append(writers: dict[str, Any], out: Path, name: str, df: pd.DataFrame, format: str) -> None:
    from .scale import arrow_schema, normalize_frame

    df = normalize_frame(df, name)  # one schema for every chunk, even an empty first one
    if format == "csv":
        p = out / f"{name}.csv"
        first = name not in writers
        df.to_csv(p, mode="w" if first else "a", header=first, index=False)
        writers[name] = p
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
    if name not in writers:
        writers[name] = pq.ParquetWriter(out / f"{name}.parquet", table.schema)
    writers[name].write_table(table)
