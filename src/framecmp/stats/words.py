"""Words that set outlets apart, and the labels each outlet chooses.

- :func:`distinctive_terms` -- log-odds ratios with an informative Dirichlet
  prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words").
- :func:`label_matrix` -- which label each outlet uses for each referent.
- :func:`label_choices` -- the label choice table of a labels frame, by outlet or article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from framecmp import schema
from framecmp._validation import choice_error
from framecmp.stats.compare import frames_of
from framecmp.text.doc import normalize

__all__ = ["distinctive_terms", "label_matrix", "label_choices"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _tokens(text: object) -> list[str]:
    if isinstance(text, (list, tuple)):
        return [normalize(str(t)) for t in text]
    if not isinstance(text, str):
        return []
    return [normalize(w) for w in _WORD_RE.findall(text)]


def _fightin_words(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        lo_i = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
        lo_j = np.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
        delta = lo_i - lo_j
        var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        z = delta / np.sqrt(var)
    return delta, z


def distinctive_terms(
    data: Any,
    *,
    group_col: str = "outlet",
    text_col: str = "text",
    group: str | None = None,
    other: str | None = None,
    prior: float | str = "informative",
    prior_weight: float = 0.1,
    min_count: int = 3,
    stop_words: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Words that set one outlet apart: log-odds ratios with a Dirichlet prior.

    Implements Monroe, Colaresi and Quinn (2008), "Fightin' Words", eq. 16-22:
    for word *w*, group *i* and the rest *j* (or ``other``)::

        delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w))
                - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
        var_w  ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
        z_w     = delta_w / sqrt(var_w)

    With the informative prior, ``a_w = prior_weight * y_w`` (``y_w`` the
    count in the whole corpus), i.e. the prior is the corpus' own word
    distribution worth ``prior_weight`` times its size; rare words shrink
    toward "not distinctive". ``|z| > 1.96`` is the usual reading of
    "distinctive", but many words are tested: treat it as a pointer to read
    the articles, not a finding.

    Parameters
    ----------
    data : DataFrame or Scores
        A frame with ``group_col`` and ``text_col`` (text, or lists of tokens),
        e.g. articles with their text, or the ``evidence`` frame (its spans).
        A Scores-like object: its ``evidence`` frame, ``kind == "term"``.
    group_col, text_col : str
        Column names.
    group : str, optional
        The group to describe; None: every group, each against the rest.
    other : str, optional
        Compare ``group`` with this one group instead of the rest (pairwise).
    prior : "informative" or float
        ``"informative"`` (from the whole corpus) or a uniform pseudo-count per word.
    prior_weight : float
        Size of the informative prior relative to the corpus.
    min_count : int
        Drop words seen fewer times than this in the groups compared.
    stop_words : iterable of str, optional
        Words to drop before counting.

    Returns
    -------
    pandas.DataFrame
        ``group, term, count, count_rest, total, freq, log_odds, z``, sorted by
        group then descending ``z``. ``freq`` is the term's share of all tokens.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B", "B"],
    ...                    "text": ["the junta said", "the junta decided",
    ...                             "the transitional authorities said", "authorities decided"]})
    >>> distinctive_terms(df, group="A", min_count=2).iloc[0]["term"]
    'junta'
    """
    func = "distinctive_terms"
    if not isinstance(data, pd.DataFrame):
        ev = getattr(data, "evidence", None)
        if not isinstance(ev, pd.DataFrame):
            raise TypeError(f"{func}() takes a DataFrame or a Scores object, "
                            f"got {type(data).__name__}.")
        data = ev[ev["kind"] == "term"] if "kind" in ev else ev
    df = schema.require(data, func, [group_col, text_col])
    cols = ["group", "term", "count", "count_rest", "total", "freq", "log_odds", "z"]
    if isinstance(prior, str) and prior != "informative":
        raise choice_error("prior", func, prior, ["informative", "<float>"])
    stop = {normalize(w) for w in stop_words} if stop_words is not None else set()
    toks = df[text_col].map(_tokens)
    long = pd.DataFrame({"group": df[group_col].to_numpy(), "tokens": toks.to_numpy()})
    long = long.explode("tokens").dropna(subset=["tokens", "group"])
    if stop:
        long = long[~long["tokens"].isin(stop)]
    if long.empty:
        return pd.DataFrame(columns=cols)
    counts = pd.crosstab(long["tokens"], long["group"].astype(str))
    groups = list(counts.columns)
    if group is not None and str(group) not in groups:
        raise choice_error("group", func, group, groups)
    if other is not None and str(other) not in groups:
        raise choice_error("other", func, other, groups)
    targets = [str(group)] if group is not None else groups
    corpus = counts.sum(axis=1).to_numpy(dtype=float)
    if prior == "informative":
        alpha_all = prior_weight * corpus
    else:
        alpha_all = np.full(len(corpus), float(prior))
    if (alpha_all <= 0).any():
        raise ValueError(f"{func}(): the prior must be positive (prior={prior!r}, "
                         f"prior_weight={prior_weight!r}).")
    parts = []
    total_tokens = corpus.sum()
    for g in targets:
        y_i = counts[g].to_numpy(dtype=float)
        if other is not None:
            y_j = counts[str(other)].to_numpy(dtype=float)
        else:
            y_j = corpus - y_i
        keep = (y_i + y_j) >= min_count
        delta, z = _fightin_words(y_i[keep], y_j[keep], alpha_all[keep])
        parts.append(pd.DataFrame({
            "group": g,
            "term": counts.index[keep],
            "count": y_i[keep].astype(int),
            "count_rest": y_j[keep].astype(int),
            "total": (y_i[keep] + y_j[keep]).astype(int),
            "freq": corpus[keep] / total_tokens,
            "log_odds": delta,
            "z": z,
        }))
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values(["group", "z", "term"], ascending=[True, False, True],
                          ignore_index=True)
    out.attrs.update({"prior": prior, "prior_weight": prior_weight, "min_count": min_count,
                      "other": other, "group_col": group_col,
                      "method": "log-odds ratio, informative Dirichlet prior "
                                "(Monroe, Colaresi & Quinn 2008)"})
    return out


def label_matrix(
    labels: Any,
    *,
    by: str = "outlet",
    wide: bool = False,
) -> pd.DataFrame:
    """Which label each outlet uses for each referent ("junta" vs "transitional authorities").

    Parameters
    ----------
    labels : DataFrame or Scores
        The ``labels`` frame (``article_id, outlet, referent, label, count``, ``quoted``).
    by : str
        Column to group by.
    wide : bool
        False: tidy rows ``referent, <by>, label, count, n_articles, share``
        (share of that outlet's labels for the referent), plus ``quoted`` (how
        many of count are inside a quotation) when the frame has it. True: a pivot with
        (referent, label) rows, one column per outlet, counts (0 where unused).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> lab = pd.DataFrame({"article_id": ["a", "b", "b"], "outlet": ["X", "Y", "Y"],
    ...                     "referent": "mali_gov", "label": ["junta", "transitional authorities",
    ...                     "junta"], "count": [3, 1, 1]})
    >>> label_matrix(lab, wide=True).loc[("mali_gov", "junta")].tolist()
    [3, 1]
    """
    func = "label_matrix"
    if not isinstance(labels, pd.DataFrame):
        labels = frames_of(labels, "labels").get("labels")
    df = schema.require(labels, func, [by, "referent", "label"])
    df = df.assign(count=df["count"] if "count" in df else 1)
    if "article_id" not in df:
        df = df.assign(article_id=np.arange(len(df)))
    aggs: dict[str, tuple[str, str]] = {"count": ("count", "sum")}
    if "quoted" in df:
        aggs["quoted"] = ("quoted", "sum")
    tidy = df.groupby(["referent", by, "label"], sort=True, dropna=False).agg(
        **aggs, n_articles=("article_id", "nunique")).reset_index()
    tot = tidy.groupby(["referent", by])["count"].transform("sum")
    tidy["share"] = tidy["count"] / tot.where(tot > 0)
    if not wide:
        return tidy
    return tidy.pivot_table(index=["referent", "label"], columns=by, values="count",
                            aggfunc="sum", fill_value=0)


def label_choices(labels: Any, *, by: str = "outlet") -> Any:
    """Label choice table: for each referent, the labels each ``by`` group uses.

    Parameters
    ----------
    labels : pandas.DataFrame
        The ``labels`` frame.
    by : {"outlet", "article_id"}

    Returns
    -------
    pandas.DataFrame
        Columns: referent, ``by``, label, count, quoted (how many of count are
        inside a quotation: a quoted speaker's word), share (of that group's
        labels for that referent), n_articles. A labels frame without a
        ``quoted`` column (written by an older version) gives ``quoted`` 0.
    """
    if by not in ("outlet", "article_id"):
        raise ValueError(
            f"The 'by' parameter of label_choices() must be one of ['article_id', 'outlet']. Got {by!r} instead."
        )
    missing = [c for c in schema.LABELS if c not in labels.columns and c != "quoted"]
    if missing:
        raise ValueError(f"label_choices() needs the labels frame; missing columns {missing}. "
                         f"Available: {list(labels.columns)}")
    cols = ["referent", by, "label", "count", "quoted", "share", "n_articles"]
    if labels.empty:
        return pd.DataFrame(columns=cols)
    quoted = pd.to_numeric(labels["quoted"], errors="coerce") if "quoted" in labels.columns else 0
    labels = labels.assign(quoted=quoted).fillna({"quoted": 0})
    g = labels.groupby(["referent", by, "label"], as_index=False).agg(
        count=("count", "sum"), quoted=("quoted", "sum"), n_articles=("article_id", "nunique")
    )
    g["share"] = g["count"] / g.groupby(["referent", by])["count"].transform("sum")
    return g.sort_values(["referent", by, "count"], ascending=[True, True, False])[cols].reset_index(drop=True)
