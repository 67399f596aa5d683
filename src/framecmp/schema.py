"""Column names and dtypes of every frame framecmp returns, in one place.

Each constant is the ordered list of columns of one tidy frame (see DESIGN.md,
"Frames"); :data:`FRAMES` names them all. Code that builds a frame uses these
lists, so that a rename happens here once.

:data:`FRAME_DTYPES`, :func:`normalize_frame` and :func:`arrow_schema` give every
frame one fixed set of dtypes, so that partitions, chunks and Parquet row groups
agree even when one of them is empty.

Examples
--------
>>> from framecmp.schema import empty_frame
>>> empty_frame("terms").dtypes["hits"]
Int64Dtype()
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from framecmp._validation import check_choice

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

__all__ = [
    "ARTICLES", "EVIDENCE", "STANCE", "PORTRAYAL", "TERMS", "LABELS", "ATTRIBUTION", "VOICES",
    "STYLE", "MENTIONS", "REMOVALS", "EVIDENCE_KINDS", "FRAMES", "require", "ARROW_PLAIN_TYPES",
    "FRAME_DTYPES", "check_frame_name", "column_dtype", "empty_frame", "normalize_frame",
    "arrow_schema",
]

ARTICLES = [
    "article_id", "outlet", "title", "date", "event", "language", "translated_from",
    "url", "n_words", "status", "n_removed", "duplicate_of",
]

EVIDENCE = [
    "article_id", "outlet", "kind", "part", "start", "end", "text", "label", "category",
    "actor", "holder", "value", "rule_id", "lexicon_version", "sentence", "explanation",
]

STANCE = [
    "article_id", "outlet", "holder", "target", "n", "stance", "stance_sum",
    "context_tone", "n_context", "n_evidence", "shrinkage_k",
]

# How an article presents each actor, all voices together (measures/stance/portrayal.py):
# role in ROLES, score in [-1, 1] (sum / (n + k) of its evaluations), counts of the evidence
PORTRAYAL = [
    "article_id", "outlet", "actor", "role", "score", "score_sum", "n_mentions", "n_evidence",
    "n_victim", "n_directed", "n_voices", "own_voice", "shrinkage_k",
]

TERMS = ["article_id", "outlet", "category", "hits", "per_1k_words", "n_words"]

# quoted: how many of count are inside a quotation (a quoted speaker's word, TermHit.quoted)
LABELS = ["article_id", "outlet", "referent", "label", "entry_id", "count", "quoted"]

ATTRIBUTION = [
    "article_id", "outlet", "attribution_id", "source", "source_start", "source_end",
    "source_type", "role", "channel", "affiliation", "cue", "cue_start", "cue_end",
    "cue_class", "quote_type", "content_start", "content_end", "content_words", "hedged",
]

VOICES = [
    "article_id", "outlet", "affiliation", "n_attributions", "quoted_words", "share",
    "anonymous_share", "direct_share",
]

# Per-article attribution style summary (one row per article).
STYLE = [
    "article_id", "outlet", "n_words", "n_attributions", "attributed_share",
    "direct_quote_share", "anonymous_share", "loaded_cue_rate", "hedge_rate",
    "unattributed_claims",
]

MENTIONS = [
    "article_id", "outlet", "actor", "start", "end", "text", "via", "person",
    "ambiguous", "part",
]

REMOVALS = ["article_id", "raw_start", "raw_end", "text", "reason", "rule_id"]

# Evidence kinds (the `kind` column of the evidence frame).
EVIDENCE_KINDS = (
    "actor", "term", "negated", "reference", "quote", "source", "cue", "hedge", "stance", "context",
    "evaluation", "victim",
)

#: Every frame of :class:`~framecmp.scoring.Scores`, by name, with its columns.
FRAMES: dict[str, list[str]] = {
    "articles": ARTICLES,
    "evidence": EVIDENCE,
    "stance": STANCE,
    "portrayal": PORTRAYAL,
    "terms": TERMS,
    "labels": LABELS,
    "attribution": ATTRIBUTION,
    "voices": VOICES,
    "style": STYLE,
    "mentions": MENTIONS,
    "removals": REMOVALS,
}


def require(frame: object, func: str, cols: Sequence[str], what: str = "") -> pd.DataFrame:
    """``frame`` if it is a DataFrame with every column in ``cols``; else a clear error.

    ``func`` names the public function for the message; ``what`` names the
    expected frame ("the stance frame"), if that helps the reader.
    """
    import pandas as pd

    of = f" ({what})" if what else ""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func}() takes a DataFrame{of}, got {type(frame).__name__}.")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        where = f" in the {what}" if what else ""
        raise ValueError(
            f"{func}(): column(s) {missing} not found{where}. "
            f"Available columns: {sorted(map(str, frame.columns))}."
        )
    return frame


# --------------------------------------------------------------------------- dtypes

_S, _I, _F, _B = "string", "Int64", "float64", "boolean"
_STRING = pd.StringDtype()
# the Python types a column of each dtype may hold for score_file's direct Arrow
# path (scoring.ColumnStore.arrow); other values go through normalize_frame. A
# text column's dates are written as str(date), as normalize_frame does (pandas
# keeps datetime.date objects as objects; datetime.datetime is not plain).
ARROW_PLAIN_TYPES: dict[str, frozenset[type]] = {
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
    "portrayal": {
        "score": _F, "score_sum": _F, "n_mentions": _I, "n_evidence": _I, "n_victim": _I,
        "n_directed": _I, "n_voices": _I, "own_voice": _F, "shrinkage_k": _F,
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


def check_frame_name(name: str, func: str) -> None:
    """Raise ``ParameterError`` unless ``name`` is a frame of :data:`FRAMES` (``func`` names the caller)."""
    check_choice("name", func, name, sorted(FRAMES))


def column_dtype(name: str, column: str) -> str:
    """The dtype of ``column`` of frame ``name`` (:data:`FRAME_DTYPES`; ``string`` if not listed)."""
    return FRAME_DTYPES.get(name, {}).get(column, _S)


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of frame ``name``.

    Parameters
    ----------
    name : str
        One of :data:`FRAMES` (``articles``, ``evidence``, ...).

    Returns
    -------
    pandas.DataFrame
        No rows; the columns of :mod:`framecmp.schema`, typed as in
        :data:`FRAME_DTYPES`. Used as Dask ``meta``.
    """
    check_frame_name(name, "empty_frame")
    return pd.DataFrame(
        {c: pd.Series(dtype=_STRING if column_dtype(name, c) == _S else column_dtype(name, c)) for c in FRAMES[name]}
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
    check_frame_name(name, "normalize_frame")
    cols = FRAMES[name]
    out: dict[str, pd.Series] = {}
    n = len(df)
    for c in cols:
        s = df[c].reset_index(drop=True) if c in df.columns else pd.Series([None] * n, dtype=object)
        dtype = column_dtype(name, c)
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

    check_frame_name(name, "arrow_schema")
    kinds = {_S: pa.string(), _I: pa.int64(), _F: pa.float64(), _B: pa.bool_()}
    return pa.schema([pa.field(c, kinds[column_dtype(name, c)]) for c in FRAMES[name]])
