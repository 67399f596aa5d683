"""Scoring beyond one process: Dask partitions, one Scorer per worker.

Scoring is a pure function of (article, configuration), so a corpus can be cut
into partitions, each scored on its own, and the frames concatenated: the
result is the same as one process scoring the whole corpus (DESIGN.md,
"Scale").

* :func:`score_dask` scores a ``dask.dataframe`` partition by partition and
  returns :class:`LazyScores`; :func:`compute_scores` brings them home as
  :class:`~framecmp.scoring.Scores`. Dask is an optional extra:
  ``pip install 'framecmp[dask]'``.
* Every partition's frames go through :func:`framecmp.schema.normalize_frame`,
  so they have the dtypes of :func:`framecmp.schema.empty_frame` (the Dask ``meta``).
* A big file is streamed with :func:`framecmp.io.readers.iter_chunks` or
  scored chunk by chunk with :func:`framecmp.runs.score_file`.
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framecmp._validation import type_error
from framecmp.schema import FRAMES, check_frame_name, empty_frame, normalize_frame

if TYPE_CHECKING:  # pragma: no cover
    from framecmp.scoring import Scorer, Scores

__all__ = [
    "LazyScores",
    "compute_scores",
    "score_dask",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- Dask


def _import_dask() -> Any:
    try:
        import dask
        import dask.dataframe  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError(
            "Scoring with Dask needs the optional dependencies: pip install 'framecmp[dask]'"
        ) from exc
    return dask


_SCORERS: dict[str, Scorer] = {}


def _worker_scorer(token: str, params: Mapping[str, Any]) -> Scorer:
    """One Scorer (lexicons loaded once) per worker process and parameter set."""
    from framecmp.scoring import Scorer

    sc = _SCORERS.get(token)
    if sc is None:
        sc = Scorer(**params)
        sc.resources()
        _SCORERS[token] = sc
    return sc


def _score_partition(
    pdf: pd.DataFrame,
    loader: Mapping[str, Any],
    token: str,
    params: Mapping[str, Any],
) -> dict[str, pd.DataFrame]:
    """Score one partition: rows -> Articles -> Scorer -> normalised frames."""
    from framecmp.io.readers import from_dataframe

    corpus = from_dataframe(pdf, **loader)
    scores = _worker_scorer(token, params).score(corpus, workers=1, progress=False)
    out = {name: normalize_frame(df, name) for name, df in scores.frames().items()}
    # the scored texts, for the near-duplicate check over every partition (compute_scores)
    ok = [(a.article_id, a.text) for a in corpus if a.status == "ok" and a.text.strip()]
    out[_TEXTS] = pd.DataFrame(ok, columns=["article_id", "text"]).astype("string")
    return out


_TEXTS = "_texts"
_TEXTS_META = pd.DataFrame({"article_id": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})


@dataclass(frozen=True)
class LazyScores:
    """Frames of a corpus scored by Dask, not computed yet.

    Attributes
    ----------
    frames : dict of str to dask.dataframe.DataFrame
        One lazy frame per name in :data:`framecmp.schema.FRAMES`; each has the
        dtypes of :func:`~framecmp.schema.empty_frame`.
    params : dict
        The :class:`~framecmp.scoring.Scorer` parameters used.

    Notes
    -----
    Computing one frame scores every partition; :meth:`compute` (or
    :func:`compute_scores`) computes all frames together, so each partition is
    scored once.
    """

    frames: dict[str, Any]
    params: Mapping[str, Any] = field(default_factory=dict)
    texts: Any = field(default=None, repr=False)  # the scored texts, for duplicate_of over all partitions

    def __getitem__(self, name: str) -> Any:
        check_frame_name(name, "LazyScores.__getitem__")
        return self.frames[name]

    def __getattr__(self, name: str) -> Any:
        if name in FRAMES:
            return self.frames[name]
        raise AttributeError(name)

    def compute(self, **kwargs: Any) -> Scores:
        """Compute every frame in one pass; see :func:`compute_scores`."""
        return compute_scores(self, **kwargs)

    def to_parquet(self, folder: str | Path, **compute_kwargs: Any) -> list[str]:
        """Write every frame to ``folder/<frame>/`` (Parquet, one file per partition).

        All frames are computed in one pass, so each partition is scored once. They
        come back to the client, partition by partition, because ids repeated across
        partitions are renamed and near-duplicates are found over all of them (as one
        process scoring the whole corpus finds them); then each partition of each
        frame is written (atomically) as ``part.<i>.parquet``. Returns the frame folders.
        """
        import pyarrow as pa

        from framecmp.io.output import atomic_write
        from framecmp.schema import arrow_schema

        by_name, _renamed = _computed_partitions(self, **compute_kwargs)
        base = Path(folder)
        paths = []
        for name in FRAMES:
            (base / name).mkdir(parents=True, exist_ok=True)
            for i, df in enumerate(by_name[name]):
                table = pa.Table.from_pandas(normalize_frame(df, name), schema=arrow_schema(name),
                                             preserve_index=False)
                atomic_write(base / name / f"part.{i}.parquet", functools.partial(_write_table, table))
            paths.append(str(base / name))
        return paths


def score_dask(
    ddf: Any,
    *,
    text: str = "text",
    outlet: str = "outlet",
    id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    columns: Mapping[str, str] | None = None,
    scorer_params: Mapping[str, Any] | None = None,
) -> LazyScores:
    """Score a ``dask.dataframe`` of articles partition by partition.

    Each partition becomes Articles through
    :func:`framecmp.io.readers.from_dataframe`, is scored by a
    :class:`~framecmp.scoring.Scorer` (one per worker process, lexicons loaded
    once) and yields every frame. Nothing runs until the frames are computed.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per article.
    text, outlet, id, title, date : str or None
        Column names, as for :func:`framecmp.io.readers.from_dataframe`. With
        ``id=None`` a column named ``id`` holds the ids, else the index labels
        are the ids, as in ``from_dataframe``;
        ``dd.read_csv`` and ``dd.read_json`` restart the index in every
        partition, so name an id column there (:func:`compute_scores` warns
        about repeated ids).
    columns : mapping, optional
        Further keyword arguments for ``from_dataframe`` (``event="topic"``...).
    scorer_params : mapping, optional
        Passed to :class:`~framecmp.scoring.Scorer` (``stance_mode``, ...).

    Returns
    -------
    LazyScores
        Lazy frames; ``compute_scores(result)`` gives :class:`~framecmp.scoring.Scores`.

    Raises
    ------
    ImportError
        If Dask is not installed (``pip install 'framecmp[dask]'``).

    Notes
    -----
    The duplicate check (``articles.duplicate_of``) compares every article with
    every other, across partitions, when the frames are computed
    (:func:`compute_scores`, :meth:`LazyScores.to_parquet`): the result does not
    depend on the partitions.
    """
    dask = _import_dask()
    import dask.dataframe as dd
    from dask.base import tokenize

    from framecmp.scoring import Scorer

    if isinstance(ddf, pd.DataFrame) or not hasattr(ddf, "to_delayed"):
        raise type_error("ddf", "score_dask", "a dask.dataframe.DataFrame", ddf,
                         hint="Use framecmp.score() for a pandas DataFrame "
                              "(or dask.dataframe.from_pandas(df, npartitions=...)).")
    missing = [c for c in (text, outlet, id, title, date, *(columns or {}).values()) if c and c not in ddf.columns]
    if missing:
        raise ValueError(
            f"score_dask(): column(s) {missing} not found. Available columns: {list(ddf.columns)}"
        )
    params = dict(scorer_params or {})
    Scorer(**params)._check_params()
    loader: dict[str, Any] = {"text": text, "outlet": outlet, **(columns or {})}
    if id is not None:
        loader["id"] = id
    if title is not None:
        loader["title"] = title
    if date is not None:
        loader["date"] = date
    token = tokenize(params)
    score_part = dask.delayed(_score_partition, pure=True)
    scored = [score_part(p, loader, token, params) for p in ddf.to_delayed()]
    frames = {}
    for name in FRAMES:
        pieces = [dask.delayed(_pick, pure=True)(s, name) for s in scored]
        frames[name] = dd.from_delayed(pieces, meta=empty_frame(name), verify_meta=False)
    texts = dd.from_delayed([dask.delayed(_pick, pure=True)(s, _TEXTS) for s in scored], meta=_TEXTS_META,
                            verify_meta=False)
    return LazyScores(frames=frames, params=params, texts=texts)


def _write_table(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)


def _pick(frames: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return frames[name]


def compute_scores(lazy: LazyScores, **compute_kwargs: Any) -> Scores:
    """Compute lazy frames from :func:`score_dask` into :class:`~framecmp.scoring.Scores`.

    Parameters
    ----------
    lazy : LazyScores
        From :func:`score_dask`.
    **compute_kwargs
        Passed to ``dask.compute`` (``scheduler=...``); by default the active
        ``distributed.Client`` is used, if any.

    Returns
    -------
    Scores
        In-memory frames, in partition order, with a fresh index; ``config``
        holds the settings and lexicon versions; ``corpus`` is None.
    """
    _import_dask()
    from framecmp.scoring import Scorer, Scores

    if not isinstance(lazy, LazyScores):
        raise type_error("lazy", "compute_scores", "the result of score_dask()", lazy)
    names: Sequence[str] = list(FRAMES)
    by_name, renamed = _computed_partitions(lazy, **compute_kwargs)
    if renamed:
        warnings.warn(
            f"{renamed} article ids occur in more than one partition and were renamed ('<id>#2'); "
            "partitions read with a fresh index each repeat ids: pass id='<column>' to score_dask()",
            stacklevel=2,
        )
    frames = {n: pd.concat(by_name[n], ignore_index=True) if by_name[n] else empty_frame(n) for n in names}
    return Scores(**frames, config=Scorer(**lazy.params).config(), corpus=None)


def _computed_partitions(lazy: LazyScores, **compute_kwargs: Any) -> tuple[dict[str, list[pd.DataFrame]], int]:
    """Every frame of ``lazy`` computed in one pass, as a list of partitions each, with the
    ids an earlier partition used renamed and ``duplicate_of`` set over all partitions;
    and how many ids were renamed."""
    dask = _import_dask()
    names = list(FRAMES)
    # partition by partition, so that an id repeated in a later partition can be renamed
    # in every frame of that partition, as every reader renames a repeated id
    lazies = [lazy.frames[n] for n in names] + ([lazy.texts] if lazy.texts is not None else [])
    parts = dask.compute(*(f.to_delayed() for f in lazies), **compute_kwargs)
    by_name = {n: list(p) for n, p in zip([*names, _TEXTS], parts)}
    renamed = _rename_across_partitions(by_name)
    _duplicates_across_partitions(by_name)
    by_name.pop(_TEXTS, None)
    return by_name, renamed


def _duplicates_across_partitions(by_name: dict[str, list[pd.DataFrame]]) -> None:
    """Set ``duplicate_of`` in the articles partitions from every partition's scored texts
    (as one process scoring the whole corpus does), not from each partition alone."""
    from framecmp.scoring import duplicate_column

    if _TEXTS not in by_name:
        return
    arts = by_name["articles"]
    row: dict[Any, int] = {}
    for df in arts:
        row.update((aid, len(row)) for aid in df["article_id"])
    ok = [(row[aid], aid, text) for df in by_name[_TEXTS]
          for aid, text in zip(df["article_id"], df["text"]) if aid in row]
    ok.sort()
    column = duplicate_column(len(row), ok) or [None] * len(row)
    at = 0
    for k, df in enumerate(arts):
        df = df.copy()
        df["duplicate_of"] = pd.array(column[at : at + len(df)], dtype=df["duplicate_of"].dtype)
        at += len(df)
        arts[k] = df


def _rename_across_partitions(by_name: dict[str, list[pd.DataFrame]]) -> int:
    """Rename, in every frame, the ids of a partition that an earlier partition used
    (:class:`~framecmp.io.corpus.IdRenamer`; within a partition the reader made ids
    unique). Returns how many were renamed."""
    from framecmp.io.corpus import IdRenamer

    renamer = IdRenamer("score_dask()")
    renamer.MAX_WARNINGS = 0  # one warning for all (compute_scores)
    total = 0
    for k, arts in enumerate(by_name["articles"]):
        mapping = {}
        for aid in arts["article_id"]:
            new_id = renamer.new_id(str(aid), where=f"partition {k}")
            if new_id is not None:
                mapping[aid] = new_id
        if not mapping:
            continue
        total += len(mapping)
        for frames in by_name.values():
            df = frames[k].copy()
            for col in ("article_id", "duplicate_of"):
                if col in df.columns:
                    df[col] = df[col].replace(mapping).astype(df[col].dtype)
            frames[k] = df
    return total
