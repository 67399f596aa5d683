"""Scoring beyond one process: fixed frame schemas, Dask, streamed Parquet.

Scoring is a pure function of (article, configuration), so a corpus can be cut
into partitions, each scored on its own, and the frames concatenated: the
result is the same as one process scoring the whole corpus (DESIGN.md,
"Scale").

* :func:`normalize_frame` / :func:`arrow_schema` give every frame one fixed set
  of dtypes, so that partitions, chunks and Parquet row groups agree even when
  one of them is empty.
* :func:`iter_chunks` reads a big CSV/JSONL/Parquet file a chunk of articles
  at a time (used by :func:`framecmp.scoring.score_file`).
* :func:`score_dask` scores a ``dask.dataframe`` partition by partition and
  returns :class:`LazyScores`; :func:`compute_scores` brings them home as
  :class:`~framecmp.scoring.Scores`. Dask is an optional extra:
  ``pip install 'framecmp[dask]'``.

Examples
--------
>>> from framecmp.parallel import empty_frame
>>> empty_frame("terms").dtypes["hits"]
Int64Dtype()
"""

from __future__ import annotations

import datetime
import itertools
import logging
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framecmp.scoring import FRAMES

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from framecmp.io.corpus import Corpus
    from framecmp.scoring import Scorer, Scores

__all__ = [
    "FRAME_DTYPES",
    "LazyScores",
    "arrow_schema",
    "compute_scores",
    "empty_frame",
    "iter_chunks",
    "normalize_frame",
    "score_dask",
]

log = logging.getLogger(__name__)

_S, _I, _F, _B = "string", "Int64", "float64", "boolean"
_STRING = pd.StringDtype()
# the Python types a column of each dtype may hold for score_file's direct Arrow
# path (score._ColumnStore.arrow); other values go through normalize_frame. A
# text column's dates are written as str(date), as normalize_frame does (pandas
# keeps datetime.date objects as objects; datetime.datetime is not plain).
_ARROW_PLAIN_TYPES: dict[str, frozenset[type]] = {
    _S: frozenset({str, datetime.date, type(None)}),
    _I: frozenset({int, type(None)}),
    _F: frozenset({float, int, type(None)}),
    _B: frozenset({bool, type(None)}),
}

#: The dtype of every column of every frame; a column not listed is ``string``.
#: Nullable integer and boolean dtypes, because many columns may be missing
#: (an anonymous source has no ``source_start``).
FRAME_DTYPES: dict[str, dict[str, str]] = {
    "articles": {"n_words": _I, "n_removed": _I},
    "evidence": {"start": _I, "end": _I, "value": _F, "sentence": _I},
    "stance": {
        "n": _I, "stance": _F, "stance_sum": _F, "context_tone": _F, "n_context": _I,
        "n_evidence": _I, "shrinkage_k": _F,
    },
    "terms": {"hits": _I, "per_1k_words": _F, "n_words": _I},
    "labels": {"count": _I, "quoted": _I},
    "attribution": {
        "source_start": _I, "source_end": _I, "cue_start": _I, "cue_end": _I,
        "content_start": _I, "content_end": _I, "content_words": _I, "hedged": _B,
    },
    "voices": {
        "n_attributions": _I, "quoted_words": _I, "share": _F, "anonymous_share": _F,
        "direct_share": _F,
    },
    "style": {
        "n_words": _I, "n_attributions": _I, "attributed_share": _F,
        "direct_quote_share": _F, "anonymous_share": _F, "loaded_cue_rate": _F,
        "hedge_rate": _F, "unattributed_claims": _I,
    },
    "mentions": {"start": _I, "end": _I, "ambiguous": _B},
    "removals": {"raw_start": _I, "raw_end": _I},
}


def _check_name(name: str, func: str) -> None:
    if name not in FRAMES:
        raise ValueError(
            f"The 'name' parameter of {func}() must be one of {sorted(FRAMES)}. "
            f"Got {name!r} instead."
        )


def _dtype(name: str, column: str) -> str:
    return FRAME_DTYPES.get(name, {}).get(column, _S)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of frame ``name``.

    Parameters
    ----------
    name : str
        One of :data:`framecmp.scoring.FRAMES` (``articles``, ``evidence``, ...).

    Returns
    -------
    pandas.DataFrame
        No rows; the columns of :mod:`framecmp.schema`, typed as in
        :data:`FRAME_DTYPES`. Used as Dask ``meta``.
    """
    _check_name(name, "empty_frame")
    return pd.DataFrame(
        {c: pd.Series(dtype=_STRING if _dtype(name, c) == _S else _dtype(name, c)) for c in FRAMES[name]}
    )


def _as_string(s: pd.Series) -> pd.Series:
    """Values as text, keeping missing values missing (None/NaN -> <NA>)."""
    if s.dtype == _STRING:  # pandas' "str" dtype (NaN for missing) is another dtype
        return s
    if isinstance(s.dtype, pd.StringDtype):  # already text: only the missing marker changes
        return s.astype(_STRING)
    missing = s.isna()
    out = s.astype(object).where(missing, s.astype(object).map(str))
    return out.where(~missing, None).astype(_STRING)


def _convert(s: pd.Series, dtype: str) -> pd.Series:
    if dtype == _S:
        return _as_string(s)
    if dtype == _B:
        if s.dtype == "boolean":
            return s
        return s.astype(object).where(s.notna(), None).astype("boolean")
    if dtype == _I:
        if s.dtype == "Int64":
            return s
        num = pd.to_numeric(s.astype(object).where(s.notna(), None), errors="raise")
        return num.astype("Int64")
    return pd.to_numeric(s.astype(object).where(s.notna(), None), errors="raise").astype(_F)


def normalize_frame(df: pd.DataFrame, name: str, *, extra: bool = False) -> pd.DataFrame:
    """``df`` with the columns of frame ``name`` in order, each with its fixed dtype.

    Every partition, chunk or worker result passed through this function has
    the same schema, so they concatenate, compare and append to one Parquet
    file without surprises (an empty first chunk no longer decides that every
    column is text).

    Parameters
    ----------
    df : pandas.DataFrame
        A frame as built by :class:`~framecmp.scoring.Scorer`.
    name : str
        Which frame (``articles``, ``evidence``, ...).
    extra : bool
        Keep columns that are not in :mod:`framecmp.schema` (as text) after
        the standard ones; by default they are dropped, so that the schema is
        fixed.

    Returns
    -------
    pandas.DataFrame
        A new frame with a fresh RangeIndex; ``df`` is not modified.

    Raises
    ------
    ValueError
        If a value cannot be read as its column's dtype; the message names the
        frame and the column.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"article_id": ["a"], "outlet": ["o"], "category": ["x"], "hits": [2.0]})
    >>> out = normalize_frame(df, "terms")
    >>> list(out.columns)
    ['article_id', 'outlet', 'category', 'hits', 'per_1k_words', 'n_words']
    >>> str(out["hits"].dtype), str(out["per_1k_words"].dtype)
    ('Int64', 'float64')
    """
    _check_name(name, "normalize_frame")
    cols = FRAMES[name]
    out: dict[str, pd.Series] = {}
    n = len(df)
    for c in cols:
        s = df[c].reset_index(drop=True) if c in df.columns else pd.Series([None] * n, dtype=object)
        dtype = _dtype(name, c)
        try:
            out[c] = _convert(s, dtype)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"frame {name!r} column {c!r}: values cannot be read as {dtype} ({exc})"
            ) from exc
    if extra:
        for c in df.columns:
            if c not in out:
                out[str(c)] = _as_string(df[c].reset_index(drop=True))
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def arrow_schema(name: str) -> pa.Schema:
    """The Parquet (Arrow) schema of frame ``name``, matching :func:`normalize_frame`.

    Examples
    --------
    >>> str(arrow_schema("labels").field("count").type)
    'int64'
    """
    import pyarrow as pa

    _check_name(name, "arrow_schema")
    kinds = {_S: pa.string(), _I: pa.int64(), _F: pa.float64(), _B: pa.bool_()}
    return pa.schema([pa.field(c, kinds[_dtype(name, c)]) for c in FRAMES[name]])


# --------------------------------------------------------------------------- streaming

_READERS = {
    ".csv": "iter_csv", ".tsv": "iter_csv", ".jsonl": "iter_jsonl", ".ndjson": "iter_jsonl",
    ".jsonl.gz": "iter_jsonl", ".ndjson.gz": "iter_jsonl", ".parquet": "iter_parquet",
    ".pq": "iter_parquet",
}


def _reader_suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(_READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    raise ValueError(
        f"The 'path' parameter of iter_chunks() must be a file ending in one of "
        f"{list(_READERS)}. Got {path.name!r} instead."
    )


def iter_chunks(path: str | Path, *, chunksize: int = 2000, **options: Any) -> Iterator[Corpus]:
    """A big corpus file, ``chunksize`` articles at a time, read lazily.

    CSV/TSV, JSON Lines (optionally gzipped) and Parquet are read with the
    streaming readers of :mod:`framecmp.io.corpus`, so at most one chunk of
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
    from framecmp.io import corpus as corpus_mod
    if not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1:
        raise ValueError(
            f"The 'chunksize' parameter of iter_chunks() must be an int >= 1. Got {chunksize!r} instead."
        )
    p = Path(path)
    reader = getattr(corpus_mod, _READERS[_reader_suffix(p)])
    renamer = _IdRenamer(p)
    articles = reader(p, **options)
    while True:
        batch = []
        for art in itertools.islice(articles, chunksize):
            new_id = renamer.new_id(art.article_id, stacklevel=3)
            if new_id is not None:
                art = art.replace(article_id=new_id)
            batch.append(art)
        if not batch:
            return
        yield corpus_mod.Corpus(batch, name=p.name)


class _IdRenamer:
    """Ids seen so far in a file; an id seen before gets a suffix (``"x1#2"``) and a warning."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, int] = {}

    def new_id(self, article_id: str, *, stacklevel: int = 3) -> str | None:
        """The new name for ``article_id``, or None when it is the first of its name."""
        n = self.seen.get(article_id, 0) + 1
        self.seen[article_id] = n
        if n == 1:
            return None
        new_id = f"{article_id}#{n}"
        warnings.warn(
            f"{self.path}: article id {article_id!r} occurs again; renamed {new_id!r}",
            stacklevel=stacklevel,
        )
        return new_id


def _raw_source(path: str | Path, **options: Any) -> Any:
    """The rows of a corpus file before cleaning (see ``corpus._RawSource``)."""
    from framecmp.io import corpus as corpus_mod
    p = Path(path)
    kind = _READERS[_reader_suffix(p)].replace("iter_", "")
    return getattr(corpus_mod, f"_{kind}_source")(p, **options)


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
    from framecmp.io.corpus import from_dataframe

    corpus = from_dataframe(pdf, **loader)
    scores = _worker_scorer(token, params).score(corpus, workers=1, progress=False)
    return {name: normalize_frame(df, name) for name, df in scores.frames().items()}


@dataclass(frozen=True)
class LazyScores:
    """Frames of a corpus scored by Dask, not computed yet.

    Attributes
    ----------
    frames : dict of str to dask.dataframe.DataFrame
        One lazy frame per name in :data:`framecmp.scoring.FRAMES`; each has the
        dtypes of :func:`empty_frame`.
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

    def __getitem__(self, name: str) -> Any:
        _check_name(name, "LazyScores.__getitem__")
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

        All frames are written in one pass, so each partition is scored once;
        nothing comes back to the client. ``folder`` may be any path Dask can
        write (shared disk, ``s3://...``). Returns the frame folders.
        """
        dask = _import_dask()
        base = str(folder).rstrip("/")
        paths = [f"{base}/{name}" for name in FRAMES]
        writes = [
            self.frames[name].to_parquet(path, write_index=False, compute=False)
            for name, path in zip(FRAMES, paths)
        ]
        dask.compute(*writes, **compute_kwargs)
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
    :func:`framecmp.io.corpus.from_dataframe`, is scored by a
    :class:`~framecmp.scoring.Scorer` (one per worker process, lexicons loaded
    once) and yields every frame. Nothing runs until the frames are computed.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per article.
    text, outlet, id, title, date : str or None
        Column names, as for :func:`framecmp.io.corpus.from_dataframe`. With
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
    The duplicate check (``articles.duplicate_of``) compares articles within a
    partition only; articles repeated across partitions are not flagged.
    """
    dask = _import_dask()
    import dask.dataframe as dd
    from dask.base import tokenize

    from framecmp.scoring import Scorer

    if isinstance(ddf, pd.DataFrame) or not hasattr(ddf, "to_delayed"):
        raise TypeError(
            "score_dask() expects a dask.dataframe.DataFrame, got "
            f"{type(ddf).__name__}; use framecmp.score() for a pandas DataFrame "
            "(or dask.dataframe.from_pandas(df, npartitions=...))."
        )
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
    return LazyScores(frames=frames, params=params)


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
    dask = _import_dask()
    from framecmp.scoring import Scorer, Scores

    if not isinstance(lazy, LazyScores):
        raise TypeError(f"compute_scores() expects the result of score_dask(), got {type(lazy).__name__}")
    names: Sequence[str] = list(FRAMES)
    computed = dask.compute(*(lazy.frames[n] for n in names), **compute_kwargs)
    frames = {n: df.reset_index(drop=True) for n, df in zip(names, computed)}
    ids = frames["articles"]["article_id"]
    if not ids.is_unique:
        warnings.warn(
            f"{int(ids.duplicated().sum())} article ids occur more than once (e.g. "
            f"{ids[ids.duplicated()].iloc[0]!r}); partitions read with a fresh index each "
            "repeat ids: pass id='<column>' to score_dask()",
            stacklevel=2,
        )
    return Scores(**frames, config=Scorer(**lazy.params).config(), corpus=None)
