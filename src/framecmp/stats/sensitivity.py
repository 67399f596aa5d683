"""Do outlet rankings hold when the settings change a little?"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framecmp.stats.compare import article_values

__all__ = ["SensitivityResult", "sensitivity"]


@dataclass(frozen=True, slots=True)
class SensitivityResult:
    """What :func:`sensitivity` returns.

    Attributes
    ----------
    summary : DataFrame
        One row per (variation, holder/referent, item): ``n_groups``,
        ``kendall_tau``, ``spearman_rho``, ``same_top`` (same first group),
        ``same_order``, ``ranking_holds`` (tau >= ``min_tau``).
    means : DataFrame
        Per-group means of every run: ``variation, group, [holder], item,
        mean, n_articles`` (variation ``"baseline"`` included).
    """

    summary: pd.DataFrame
    means: pd.DataFrame


def sensitivity(
    score_fn: Callable[..., Any],
    corpus: Any,
    *,
    variations: Mapping[str, Mapping[str, Any]],
    baseline: Mapping[str, Any] | None = None,
    measure: str = "stance",
    by: str = "outlet",
    holder: str | None = "author",
    min_articles: int = 1,
    min_tau: float = 0.8,
) -> SensitivityResult:
    """Do outlet rankings hold when the settings change a little?

    Calls ``score_fn(corpus, **baseline)`` once and ``score_fn(corpus, **kwargs)``
    for every variation (e.g. a wider stance window, another shrinkage ``k``, a
    lexicon without one entry), computes the mean of each group per item (as in
    :func:`~framecmp.stats.compare.compare`: scored articles only, copies once),
    ranks the groups, and compares each ranking with the baseline's (Kendall's
    tau-b and Spearman's rho over the groups present in both).

    Parameters
    ----------
    score_fn : callable
        ``score_fn(corpus, **kwargs) -> Scores`` (anything
        :func:`~framecmp.stats.compare.compare` takes).
    corpus : object
        Passed through to ``score_fn``.
    variations : mapping
        Name -> keyword arguments for ``score_fn``, e.g.
        ``{"k=1": {"shrinkage_k": 1}, "window=2": {"window": 2}}``.
    baseline : mapping, optional
        Keyword arguments of the reference run (default: none).
    measure, by, holder : str
        As in :func:`~framecmp.stats.compare.compare`.
    min_articles : int
        Groups with fewer articles for an item are left out of its ranking.
    min_tau : float
        ``ranking_holds`` is ``kendall_tau >= min_tau``.

    Returns
    -------
    SensitivityResult

    Examples
    --------
    >>> import pandas as pd
    >>> def score_fn(corpus, shift=0.0):
    ...     return {"stance": corpus.assign(stance=corpus["stance"] + shift)}
    >>> corpus = pd.DataFrame({"article_id": list("abc"), "outlet": list("XYZ"),
    ...     "holder": "author", "target": "france", "stance": [-0.5, 0.0, 0.4]})
    >>> res = sensitivity(score_fn, corpus, variations={"shift": {"shift": 0.1}})
    >>> bool(res.summary["ranking_holds"].iloc[0])
    True
    """
    from scipy.stats import kendalltau, spearmanr

    if not isinstance(variations, Mapping) or not variations:
        raise ValueError("sensitivity(): 'variations' must be a non-empty mapping "
                         "name -> keyword arguments for score_fn.")
    runs = {"baseline": dict(baseline or {})}
    for name, kw in variations.items():
        if name == "baseline":
            raise ValueError("sensitivity(): 'baseline' is reserved; rename that variation.")
        runs[str(name)] = dict(kw)
    means = []
    for name, kw in runs.items():
        scores = score_fn(corpus, **kw)
        prep = article_values(scores, measure=measure, by=by, holder=holder, value=None,
                              func="sensitivity")
        keys = prep.keys + ["item"]
        m = prep.values.groupby(["group"] + keys, sort=True, dropna=False).agg(
            mean=("value", "mean"), n_articles=("article_id", "nunique")).reset_index()
        means.append(m.assign(variation=name))
    allm = pd.concat(means, ignore_index=True)
    keys = [c for c in ("holder", "referent") if c in allm] + ["item"]
    allm = allm[["variation", "group"] + keys + ["mean", "n_articles"]]
    base = allm[(allm["variation"] == "baseline") & (allm["n_articles"] >= min_articles)]
    rows = []
    for name in runs:
        if name == "baseline":
            continue
        var = allm[(allm["variation"] == name) & (allm["n_articles"] >= min_articles)]
        merged = base.merge(var, on=["group"] + keys, suffixes=("_base", "_var"))
        for key, sub in merged.groupby(keys, sort=True, dropna=False):
            key_t = key if isinstance(key, tuple) else (key,)
            a = sub["mean_base"].to_numpy(float)
            b = sub["mean_var"].to_numpy(float)
            ng = len(sub)
            tau = rho = np.nan
            if ng >= 2 and np.ptp(a) > 0 and np.ptp(b) > 0:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tau = float(kendalltau(a, b).statistic)
                    rho = float(spearmanr(a, b).statistic)
            groups = sub["group"].astype(str).to_numpy()
            same_top = bool(groups[np.argmax(a)] == groups[np.argmax(b)]) if ng else None
            same_order = (bool((np.argsort(a, kind="stable") == np.argsort(b, kind="stable"))
                          .all()) if ng else None)
            holds = None if np.isnan(tau) else bool(tau >= min_tau)
            rows.append({"variation": name, **dict(zip(keys, key_t)), "n_groups": ng,
                         "kendall_tau": tau, "spearman_rho": rho, "same_top": same_top,
                         "same_order": same_order, "ranking_holds": holds})
    summary = pd.DataFrame(rows, columns=["variation", *keys, "n_groups", "kendall_tau",
                                          "spearman_rho", "same_top", "same_order",
                                          "ranking_holds"])
    for c in ("same_top", "same_order", "ranking_holds"):
        summary[c] = summary[c].astype("boolean")
    summary.attrs.update({"measure": measure, "by": by, "holder": holder,
                          "min_tau": min_tau, "variations": {k: dict(v) for k, v in runs.items()}})
    return SensitivityResult(summary=summary, means=allm)
