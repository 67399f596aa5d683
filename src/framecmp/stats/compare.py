"""Comparison statistics: outlets and events, honestly.

Everything here works on the tidy frames of :class:`framecmp.scoring.Scores`
(column names in :mod:`framecmp.schema`) and returns tidy DataFrames.

- :func:`compare` -- per (group, item) means with bootstrap intervals over
  *articles*, effect sizes, stratified permutation tests and Benjamini-Hochberg
  adjusted p-values; small groups are flagged instead of given an interval.
- :func:`find_duplicates` -- near-duplicates and wire copies (MinHash over word
  shingles), so that a republished story counts once.
- :func:`suggest_events` -- an editable ``event`` column proposed from TF-IDF
  similarity and date proximity.
- :func:`distinctive_terms` -- log-odds ratios with an informative Dirichlet
  prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words").
- :func:`label_matrix` -- which label each outlet uses for each referent.
- :func:`sensitivity` -- do outlet rankings hold when the settings change a little?

All randomness comes from a seeded :class:`numpy.random.Generator`: the same
input and seed give the same table.
"""

from __future__ import annotations

import itertools
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framecmp import schema as columns
from framecmp.text.doc import normalize

__all__ = [
    "MEASURES",
    "STYLE_METRICS",
    "compare",
    "find_duplicates",
    "suggest_events",
    "distinctive_terms",
    "label_matrix",
    "sensitivity",
    "SensitivityResult",
    "benjamini_hochberg",
]

logger = logging.getLogger(__name__)

#: measure name -> the Scores attribute holding its frame
MEASURES: dict[str, str] = {
    "stance": "stance",
    "terms": "terms",
    "attribution": "style",
    "voices": "voices",
    "labels": "labels",
}

#: per-article attribution style metrics compared by ``measure="attribution"``
STYLE_METRICS: tuple[str, ...] = (
    "direct_quote_share",
    "attributed_share",
    "anonymous_share",
    "loaded_cue_rate",
    "hedge_rate",
)

_FRAME_NAMES = (
    "articles", "evidence", "stance", "terms", "labels", "attribution", "voices",
    "style", "mentions", "removals",
)

_OUT_COLUMNS = [
    "measure", "group", "holder", "referent", "item", "n_articles", "n_mentions", "mean",
    "ci_low", "ci_high", "n_rest", "rest_mean", "effect_size", "cliffs_delta", "p_value",
    "p_adjusted", "flag", "note",
]

# --------------------------------------------------------------------------- helpers


def _choice_error(param: str, func: str, value: object, allowed: Iterable[object]) -> ValueError:
    allowed_list = sorted({str(a) for a in allowed})
    return ValueError(
        f"The '{param}' parameter of {func}() must be one of {allowed_list}. Got {value!r} instead."
    )


def _column_error(param: str, func: str, value: object, frame_name: str,
                  available: Iterable[object]) -> ValueError:
    return ValueError(
        f"The '{param}' parameter of {func}() names a column that is not in the {frame_name} "
        f"frame: {value!r}. Available columns: {sorted(str(a) for a in available)}."
    )


def _get_frames(scores: Any, needed: str) -> dict[str, pd.DataFrame | None]:
    """Frames from a Scores-like object, a mapping of frames, or one frame.

    A bare DataFrame is taken as the ``needed`` frame (no articles frame, so no
    status or duplicate filtering beyond columns it carries itself).
    """
    if isinstance(scores, pd.DataFrame):
        return {needed: scores}
    if isinstance(scores, Mapping):
        return {k: v for k, v in scores.items() if isinstance(v, pd.DataFrame)}
    out: dict[str, pd.DataFrame | None] = {}
    for name in _FRAME_NAMES:
        frame = getattr(scores, name, None)
        if isinstance(frame, pd.DataFrame):
            out[name] = frame
    if not out:
        raise TypeError(
            "compare() takes a Scores object (attributes articles, stance, terms, ...), "
            f"a mapping of frame name -> DataFrame, or a DataFrame; got {type(scores).__name__}."
        )
    return out


def _config_of(scores: Any) -> dict[str, Any]:
    cfg = getattr(scores, "config", None)
    return dict(cfg) if isinstance(cfg, Mapping) else {}


def benjamini_hochberg(p: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (false discovery rate); NaN stays NaN.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, np.nan]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    pv = p[ok]
    order = np.argsort(pv, kind="stable")
    ranked = pv[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(ranked[::-1])[::-1]
    res = np.empty(m)
    res[order] = np.clip(adj, 0.0, 1.0)
    out[ok] = res
    return out


def _cliffs_delta(a: np.ndarray, b: np.ndarray) -> float:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs, in [-1, 1]."""
    if len(a) == 0 or len(b) == 0:
        return float("nan")
    bs = np.sort(b)
    less = np.searchsorted(bs, a, side="left")  # b values below each a
    greater = len(bs) - np.searchsorted(bs, a, side="right")
    return float((less.sum() - greater.sum()) / (len(a) * len(b)))


def _bootstrap_ci(x: np.ndarray, rng: np.random.Generator, n_boot: int, ci: float,
                  max_cells: int = 4_000_000) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean, resampling ``x`` (articles)."""
    n = len(x)
    means = np.empty(n_boot)
    step = max(1, max_cells // max(n, 1))
    for s in range(0, n_boot, step):
        b = min(step, n_boot - s)
        idx = rng.integers(0, n, size=(b, n))
        means[s:s + b] = x[idx].mean(axis=1)
    alpha = (1.0 - ci) / 2.0
    lo, hi = np.quantile(means, [alpha, 1.0 - alpha])
    return float(lo), float(hi)


def _perm_stats(x: np.ndarray, codes: np.ndarray, strata: np.ndarray, n_groups: int,
                rng: np.random.Generator, n_perm: int,
                max_cells: int = 4_000_000) -> np.ndarray:
    """Sums of ``x`` per group under ``n_perm`` label permutations within strata.

    Returns an array (n_perm, n_groups). Group sizes per stratum are kept, so
    the group means follow from the sums.
    """
    n = len(x)
    base = np.argsort(strata, kind="stable")  # positions grouped by stratum
    sums = np.empty((n_perm, n_groups))
    step = max(1, max_cells // max(n, 1))
    for s in range(0, n_perm, step):
        b = min(step, n_perm - s)
        # sorting (stratum + uniform) shuffles within each stratum only
        keys = strata[None, :] + rng.random((b, n))
        perm = np.argsort(keys, axis=1)
        labels = np.empty((b, n), dtype=np.int64)
        labels[:, base] = codes[perm]
        flat = labels + (np.arange(b)[:, None] * n_groups)
        sums[s:s + b] = np.bincount(
            flat.ravel(), weights=np.broadcast_to(x, (b, n)).ravel(), minlength=b * n_groups
        ).reshape(b, n_groups)
    return sums


def _in_mixed_strata(codes: np.ndarray, strata: np.ndarray, n_groups: int) -> np.ndarray:
    """For each group, whether one of its strata also holds articles of another group.

    Permuting labels within strata cannot move a group that never shares a
    stratum with another group: its test would always give p = 1.
    """
    out = np.zeros(n_groups, dtype=bool)
    if len(codes) == 0:
        return out
    frame = pd.DataFrame({"g": codes, "s": strata})
    n_per_stratum = frame.groupby("s")["g"].nunique()
    shared = set(n_per_stratum[n_per_stratum >= 2].index)
    for g in frame.loc[frame["s"].isin(shared), "g"].unique():
        out[int(g)] = True
    return out


def _shared_strata(long: pd.DataFrame) -> int:
    """How many events hold articles of two or more groups."""
    if long.empty or "event" not in long:
        return 0
    per = long.groupby("event")["group"].nunique()
    return int((per >= 2).sum())


@dataclass(frozen=True, slots=True)
class _Prepared:
    values: pd.DataFrame  # article_id, group, event, keys..., item, value, n_mentions
    keys: list[str]  # extra key columns (holder / referent)
    n_excluded: int
    n_duplicates: int
    n_missing_group: int
    stratified: bool
    n_events: int


def _article_filter(articles: pd.DataFrame | None) -> tuple[pd.Index | None, int, int]:
    """Ids of the articles to compare: scored (status ok) and not copies."""
    if articles is None or "article_id" not in articles:
        return None, 0, 0
    keep = pd.Series(True, index=articles.index)
    n_excluded = 0
    if "status" in articles:
        ok = articles["status"].astype("string").fillna("") == "ok"
        n_excluded = int((~ok).sum())
        keep &= ok
    n_dup = 0
    if "duplicate_of" in articles:
        dup = articles["duplicate_of"].notna() & (articles["duplicate_of"].astype("string") != "")
        n_dup = int((dup & keep).sum())
        keep &= ~dup
    return pd.Index(articles.loc[keep, "article_id"].unique()), n_excluded, n_dup


def _prepare(scores: Any, *, measure: str, by: str, holder: str | None, value: str | None,
             func: str) -> _Prepared:
    """Per-article values of one measure, with group and event attached."""
    if measure not in MEASURES:
        raise _choice_error("measure", func, measure, MEASURES)
    fname = MEASURES[measure]
    frames = _get_frames(scores, fname)
    frame = frames.get(fname)
    if frame is None:
        raise ValueError(
            f"{func}(measure={measure!r}) needs the {fname!r} frame, which is missing. "
            f"Available frames: {sorted(frames)}."
        )
    articles = frames.get("articles")
    frame = frame.copy()
    if "article_id" not in frame:
        raise _column_error("scores", func, "article_id", fname, frame.columns)

    required = {"stance": ["holder", "target"], "terms": ["category"],
                "voices": ["affiliation"], "labels": ["referent", "label"]}.get(measure, [])
    for col in required:
        if col not in frame:
            raise _column_error("measure", func, col, fname, frame.columns)
    kept, n_excluded, n_dup = _article_filter(articles)
    if kept is not None:
        frame = frame[frame["article_id"].isin(kept)]
    else:  # the frame may carry status / duplicate_of itself
        kept2, n_excluded, n_dup = _article_filter(frame)
        if kept2 is not None:
            frame = frame[frame["article_id"].isin(kept2)]

    # --- the group column and the event column
    avail = set(frame.columns) | (set(articles.columns) if articles is not None else set())
    if by not in avail:
        raise ValueError(
            f"The 'by' parameter of {func}() must be one of {sorted(str(a) for a in avail)}. "
            f"Got {by!r} instead."
        )
    meta_cols = [c for c in dict.fromkeys((by, "event")) if c not in frame.columns]
    if articles is not None and meta_cols and "article_id" in articles:
        meta = articles[["article_id"] + [c for c in meta_cols if c in articles]]
        meta = meta.drop_duplicates("article_id")
        frame = frame.merge(meta, on="article_id", how="left")
    groups = frame[by]
    missing_group = groups.isna()
    frame = frame[~missing_group]

    # --- per-article values, one long frame
    keys: list[str] = []
    if measure == "stance":
        vcol = value or "stance"
        if vcol not in frame:
            raise _column_error("value", func, vcol, "stance", frame.columns)
        if holder is not None:
            holders = frame["holder"].dropna().unique() if "holder" in frame else []
            if holder not in set(holders):
                raise _choice_error("holder", func, holder, holders)
            frame = frame[frame["holder"] == holder]
        keys = ["holder"]
        ment = "n_evidence" if "n_evidence" in frame else ("n" if "n" in frame else None)
        long = frame.assign(item=frame["target"], value=frame[vcol].astype(float),
                            n_mentions=frame[ment] if ment else 1)
        long = long.groupby(["article_id", by, "holder", "item"], dropna=False, sort=True).agg(
            value=("value", "mean"), n_mentions=("n_mentions", "sum")).reset_index()
    elif measure == "terms":
        vcol = value or "per_1k_words"
        if vcol not in frame:
            raise _column_error("value", func, vcol, "terms", frame.columns)
        universe = frame[["article_id", by]].drop_duplicates("article_id")
        if articles is not None and kept is not None and by in articles:
            universe = articles.loc[articles["article_id"].isin(kept), ["article_id", by]]
            universe = universe.dropna(subset=[by]).drop_duplicates("article_id")
        long = _fill_zero(frame, universe, item_col="category", value_col=vcol,
                          mention_col="hits" if "hits" in frame else None, by=by)
    elif measure == "attribution":
        metrics = [value] if value is not None else [m for m in STYLE_METRICS if m in frame]
        for m in metrics:
            if m not in frame:
                raise _column_error("value", func, m, "style", frame.columns)
        if not metrics:
            raise ValueError(f"The style frame has none of the metrics {list(STYLE_METRICS)}.")
        n_att = frame["n_attributions"] if "n_attributions" in frame else 1
        base = frame.assign(n_mentions=n_att)
        long = base.melt(id_vars=["article_id", by, "n_mentions"], value_vars=metrics,
                         var_name="item", value_name="value")
        long = long.dropna(subset=["value"])
    elif measure == "voices":
        vcol = value or "share"
        if vcol not in frame:
            raise _column_error("value", func, vcol, "voices", frame.columns)
        universe = frame[["article_id", by]].drop_duplicates("article_id")
        long = _fill_zero(frame, universe, item_col="affiliation", value_col=vcol,
                          mention_col="n_attributions" if "n_attributions" in frame else None,
                          by=by)
    else:  # labels: share of each label among an article's labels for the referent
        keys = ["referent"]
        cnt = frame.assign(count=frame["count"] if "count" in frame else 1)
        tot = cnt.groupby(["article_id", "referent"])["count"].transform("sum")
        cnt = cnt.assign(value=cnt["count"] / tot.where(tot > 0))
        if value is not None:
            if value not in frame:
                raise _column_error("value", func, value, "labels", frame.columns)
            cnt = cnt.assign(value=frame[value].astype(float))
        parts = []
        for ref, sub in cnt.groupby("referent", sort=True):
            universe = sub[["article_id", by]].drop_duplicates("article_id")
            part = _fill_zero(sub, universe, item_col="label", value_col="value",
                              mention_col="count", by=by)
            parts.append(part.assign(referent=ref))
        long = (pd.concat(parts, ignore_index=True) if parts else
                pd.DataFrame(columns=["article_id", by, "item", "value", "n_mentions",
                                      "referent"]))

    long = long.rename(columns={by: "group"}) if by != "group" else long
    # attach events for stratification
    stratified = False
    n_events = 0
    if by != "event":
        ev = None
        if articles is not None and "event" in articles:
            ev = articles.drop_duplicates("article_id").set_index("article_id")["event"]
        elif "event" in frame:
            ev = frame.drop_duplicates("article_id").set_index("article_id")["event"]
        if ev is not None and ev.notna().any():
            long = long.assign(event=long["article_id"].map(ev))
            n_events = int(long["event"].nunique(dropna=True))
            stratified = n_events > 1 or long["event"].isna().any()
    if "event" not in long:
        long = long.assign(event="")
    long = long.assign(event=long["event"].astype("string").fillna("(no event)"))
    return _Prepared(long, keys, n_excluded, n_dup, int(missing_group.sum()),
                     stratified, n_events)


def _fill_zero(frame: pd.DataFrame, universe: pd.DataFrame, *, item_col: str, value_col: str,
               mention_col: str | None, by: str) -> pd.DataFrame:
    """Long (article, item) values, with 0 for items an article in ``universe`` lacks."""
    sub = frame.assign(_m=frame[mention_col] if mention_col else 1)
    agg = sub.groupby(["article_id", item_col], sort=True).agg(
        value=(value_col, "sum"), n_mentions=("_m", "sum"))
    items = sorted(sub[item_col].dropna().unique(), key=str)
    ids = universe["article_id"].tolist()
    full = pd.MultiIndex.from_product([ids, items], names=["article_id", item_col])
    agg = agg.reindex(full, fill_value=0).reset_index()
    agg = agg.merge(universe, on="article_id", how="left")
    return agg.rename(columns={item_col: "item"})


# --------------------------------------------------------------------------- compare


def compare(
    scores: Any,
    *,
    measure: str = "stance",
    by: str = "outlet",
    ci: float = 0.95,
    n_boot: int = 2000,
    n_perm: int = 2000,
    min_articles: int = 3,
    seed: int = 0,
    holder: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Compare groups (outlets or events) on one measure, with uncertainty.

    Each group is compared with *the rest* (all other groups together). The unit
    of analysis is the article: intervals resample articles, tests permute
    articles, so a long article does not weigh more than a short one.

    Parameters
    ----------
    scores : Scores, mapping or DataFrame
        A :class:`framecmp.scoring.Scores` (or any object with the frame attributes
        ``articles``, ``stance``, ``terms``, ``style``, ``voices``, ``labels``),
        a mapping of those names to frames, or the measure frame itself.
    measure : {"stance", "terms", "attribution", "voices", "labels"}
        ``stance``: item = target, per (holder, target), value = article stance.
        ``terms``: item = category, value = ``per_1k_words`` (0 for articles
        without a hit). ``attribution``: item = one of :data:`STYLE_METRICS`.
        ``voices``: item = affiliation, value = share of quoted words.
        ``labels``: item = label, per referent, value = the label's share of the
        article's labels for that referent.
    by : str
        Column to group by, ``"outlet"`` or ``"event"`` (or any column of the
        articles frame).
    ci : float
        Confidence level of the percentile bootstrap interval.
    n_boot, n_perm : int
        Bootstrap resamples and permutations.
    min_articles : int
        Below this many articles a group gets no interval and no test, and the
        row is flagged.
    seed : int
        Seed of the random generator: same input and seed, same table.
    holder : str, optional
        Stance only: keep one holder (``"author"`` is the outlet's own voice).
    value : str, optional
        Compare another column (e.g. ``"context_tone"`` for stance, ``"hits"``
        for terms, one style metric for attribution).

    Returns
    -------
    pandas.DataFrame
        One row per (group, item) with ``measure, group, holder, referent, item,
        n_articles, n_mentions, mean, ci_low, ci_high, n_rest, rest_mean,
        effect_size, cliffs_delta, p_value, p_adjusted, flag, note``.

        - ``effect_size`` is the raw difference ``mean - rest_mean``, in the
          measure's units; ``cliffs_delta`` is the standardized one: Cliff's
          delta, P(group > rest) - P(group < rest) over article pairs, in
          [-1, 1] (|d| < 0.15 negligible, < 0.33 small, < 0.47 medium).
          Chosen over Cohen's d because article scores are bounded and skewed.
        - ``p_value``: two-sided permutation test of the mean difference,
          group vs rest; when the articles carry an ``event``, labels are
          permuted within events only (stratified). When no event holds
          articles of two groups (e.g. each event covered by one outlet),
          the within-event test cannot tell groups apart: ``p_value`` is NaN
          (not 1.0) and the ``note`` says so; likewise for a group none of
          whose events is shared with another group. ``p_adjusted``:
          Benjamini-Hochberg across all rows of this table.
        - ``flag``: why the row has no interval or test (a str), None when
          the row is not flagged; ``note``: table-wide and row notes joined
          by "; ", None when there are none. Both are object columns, so an
          empty cell is always None, never NaN.
        - ``n_mentions``: the evidence behind the row (stance evidence, term
          hits, attributions, label uses).

        ``DataFrame.attrs`` holds the provenance: measure, by, ci, n_boot,
        n_perm, seed, min_articles, excluded and dropped counts, whether the
        test was stratified, and the scoring ``config`` when given.

    Raises
    ------
    ValueError
        An unknown measure, ``by`` column, holder or value column; the message
        lists what exists.

    Examples
    --------
    >>> import pandas as pd
    >>> stance = pd.DataFrame({
    ...     "article_id": list("abcdef"), "outlet": ["X"] * 3 + ["Y"] * 3,
    ...     "holder": "author", "target": "france",
    ...     "stance": [-0.5, -0.4, -0.6, 0.1, 0.2, 0.0], "n_evidence": 2})
    >>> table = compare({"stance": stance}, measure="stance", n_boot=200, n_perm=200)
    >>> table[["group", "item", "n_articles", "mean"]].round(2).to_string(index=False)
    'group   item  n_articles  mean\\n    X france           3  -0.5\\n    Y france           3   0.1'
    """
    func = "compare"
    if not 0.0 < ci < 1.0:
        raise ValueError(f"The 'ci' parameter of compare() must be in (0, 1). Got {ci!r} instead.")
    for pname, pval in (("n_boot", n_boot), ("n_perm", n_perm), ("min_articles", min_articles)):
        if not isinstance(pval, (int, np.integer)) or pval < 1:
            raise ValueError(
                f"The '{pname}' parameter of compare() must be a positive int. "
                f"Got {pval!r} instead.")
    prep = _prepare(scores, measure=measure, by=by, holder=holder, value=value, func=func)
    long = prep.values

    table_notes: list[str] = []
    if prep.n_duplicates:
        table_notes.append(f"{prep.n_duplicates} republished cop"
                           f"{'y' if prep.n_duplicates == 1 else 'ies'} counted once (dropped)")
    if prep.n_excluded:
        table_notes.append(f"{prep.n_excluded} article(s) not scored (status != 'ok') excluded")
    if prep.n_missing_group:
        table_notes.append(f"{prep.n_missing_group} row(s) without a {by!r} excluded")
    shared_events = _shared_strata(long) if prep.stratified else 0
    if prep.stratified and shared_events:
        table_notes.append(f"permutation test within {prep.n_events} event(s)")
    elif prep.stratified:
        table_notes.append("no event is covered by two groups: the within-event test "
                           "cannot tell groups apart (p_value left empty)")
    all_groups = sorted(long["group"].dropna().unique(), key=str)
    one_group = len(all_groups) == 1
    if one_group:
        table_notes.append(f"only one {by} ({all_groups[0]!s}): nothing to compare it with")

    key_cols = prep.keys + ["item"]
    rows: list[dict[str, Any]] = []
    item_groups = list(long.groupby(key_cols, sort=True, dropna=False)) if len(long) else []
    seeds = np.random.SeedSequence(seed).spawn(max(1, len(item_groups)))
    for (key, sub), ss in zip(item_groups, seeds):
        rng = np.random.default_rng(ss)
        key_t = key if isinstance(key, tuple) else (key,)
        keyvals = dict(zip(key_cols, key_t))
        sub = sub.sort_values(["group", "article_id"], key=lambda s: s.astype(str))
        x = sub["value"].to_numpy(dtype=float)
        finite = np.isfinite(x)
        sub, x = sub[finite], x[finite]
        gcat = pd.Categorical(sub["group"].astype(str))
        codes = gcat.codes.astype(np.int64)
        glabels = list(gcat.categories)
        strata = pd.Categorical(sub["event"]).codes.astype(float)
        ng = len(glabels)
        counts = np.bincount(codes, minlength=ng)
        obs_sums = np.bincount(codes, weights=x, minlength=ng)
        total, n = float(x.sum()), len(x)
        testable = [
            k for k in range(ng)
            if counts[k] >= min_articles and n - counts[k] >= min_articles
        ]
        # group k can only move within strata that also hold another group
        mixed = _in_mixed_strata(codes, strata, ng)
        perm_sums = (_perm_stats(x, codes, strata, ng, rng, n_perm)
                     if testable and ng > 1 and mixed[testable].any() else None)
        mentions = sub.groupby(sub["group"].astype(str))["n_mentions"].sum()
        orig_group = dict(zip(sub["group"].astype(str), sub["group"]))
        for k, gl in enumerate(glabels):
            nk = int(counts[k])
            n_rest = n - nk
            mean = obs_sums[k] / nk if nk else np.nan
            rest_mean = (total - obs_sums[k]) / n_rest if n_rest else np.nan
            flags: list[str] = []
            extra_notes: list[str] = []
            lo = hi = np.nan
            if nk < min_articles:
                flags.append(f"too few articles (n={nk} < {min_articles})")
            else:
                lo, hi = _bootstrap_ci(x[codes == k], rng, n_boot, ci)
            p = np.nan
            if one_group:
                flags.append(f"only one {by}")
            elif n_rest < min_articles:
                flags.append(f"too few articles in the rest (n={n_rest} < {min_articles})")
            elif k in testable and not mixed[k]:
                if shared_events:  # the table note covers the case where no event is shared
                    extra_notes.append("no event with this group also has articles of "
                                       "another group: no within-event test")
            elif perm_sums is not None and k in testable:
                ps = perm_sums[:, k]
                perm_diff = ps / nk - (total - ps) / n_rest
                obs = mean - rest_mean
                extreme = np.abs(perm_diff) >= abs(obs) - 1e-12
                p = float((1 + extreme.sum()) / (n_perm + 1))
            row_notes = [*table_notes, *extra_notes]
            rows.append({
                "measure": measure,
                "group": orig_group.get(gl, gl),
                "holder": keyvals.get("holder"),
                "referent": keyvals.get("referent"),
                "item": keyvals["item"],
                "n_articles": nk,
                "n_mentions": int(mentions.get(gl, 0)),
                "mean": mean,
                "ci_low": lo,
                "ci_high": hi,
                "n_rest": n_rest,
                "rest_mean": rest_mean,
                "effect_size": mean - rest_mean if n_rest else np.nan,
                "cliffs_delta": _cliffs_delta(x[codes == k], x[codes != k]),
                "p_value": p,
                "flag": "; ".join(flags) if flags else None,
                "note": "; ".join(row_notes) if row_notes else None,
            })

    out = pd.DataFrame(rows, columns=[c for c in _OUT_COLUMNS if c != "p_adjusted"])
    for c in ("flag", "note"):  # None where empty, whatever pandas infers for str columns
        out[c] = pd.Series([r[c] for r in rows], index=out.index, dtype=object)
    out.insert(out.columns.get_loc("p_value") + 1, "p_adjusted",
               benjamini_hochberg(out["p_value"].to_numpy(dtype=float)))
    if measure != "stance":
        out = out.drop(columns="holder")
    if measure != "labels":
        out = out.drop(columns="referent")
    for c in ("mean", "ci_low", "ci_high", "rest_mean", "effect_size", "cliffs_delta",
              "p_value", "p_adjusted"):
        # 12 decimals: a difference of two equal means is 0, not 2.8e-17
        out[c] = out[c].astype(float).round(12)
    out = out.reset_index(drop=True)
    if out.empty:
        warnings.warn(f"compare(measure={measure!r}): no data to compare.", stacklevel=2)
    out.attrs.update({
        "measure": measure,
        "by": by,
        "holder": holder,
        "value": value,
        "ci": ci,
        "n_boot": n_boot,
        "n_perm": n_perm,
        "seed": seed,
        "min_articles": min_articles,
        "n_excluded_status": prep.n_excluded,
        "n_duplicates_dropped": prep.n_duplicates,
        "n_missing_group": prep.n_missing_group,
        "stratified_by_event": prep.stratified,
        "n_events_shared": shared_events,
        "n_events": prep.n_events,
        "groups": [str(g) for g in all_groups],
        "effect_size": "mean - rest_mean; cliffs_delta = P(group > rest) - P(group < rest)",
        "p_value": "two-sided permutation test of the mean difference, group vs rest"
                   + (", within events" if prep.stratified else ""),
        "p_adjusted": "Benjamini-Hochberg across the rows of this table",
        "notes": table_notes,
        "config": _config_of(scores),
    })
    return out


# --------------------------------------------------------------------------- duplicates


def _check_frame(frame: Any, func: str, cols: Sequence[str]) -> pd.DataFrame:
    return columns.require(frame, func, cols)


_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _minhash(indptr: np.ndarray, indices: np.ndarray, num_perm: int,
             rng: np.random.Generator) -> np.ndarray:
    """MinHash signatures (n_docs, num_perm) of sparse rows (sets of shingle ids).

    Multiply-shift hashing on 64-bit words; rows without shingles get the max value.
    """
    n = len(indptr) - 1
    sig = np.full((n, num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    nonempty = np.diff(indptr) > 0
    if not nonempty.any():
        return sig
    starts = indptr[:-1][nonempty]
    x = indices.astype(np.uint64) + np.uint64(1)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(num_perm):
            h = (x * a[i] + b[i]) >> np.uint64(16)
            sig[nonempty, i] = np.minimum.reduceat(h, starts)
    return sig


# r"(?u)\b\w+\b" (the vectorizer's token pattern) matches exactly the maximal runs of \w:
# what r"\w+" matches, faster
_SHINGLE_TOKEN_RE = re.compile(r"\w+")


def _shingles(text: str, n: int) -> list[str]:
    """The word ``n``-grams of ``text`` as HashingVectorizer's word analyzer makes them
    (lower-cased, ``\\b\\w+\\b`` tokens joined by a space), built in C."""
    toks = _SHINGLE_TOKEN_RE.findall(text.lower())
    return list(map(" ".join, zip(*(toks[i:] for i in range(n)))))


def _shingle_matrix(texts: list[str], n: int) -> Any:
    """Binary hashed shingle sets: ``HashingVectorizer(analyzer="word",
    ngram_range=(n, n), n_features=2**26, binary=True, norm=None,
    alternate_sign=False, lowercase=True, token_pattern=r"(?u)\\b\\w+\\b",
    dtype=np.float32).transform(texts)``, with the n-grams made faster."""
    from sklearn.feature_extraction import FeatureHasher

    if not (isinstance(n, int) and n >= 1):  # odd sizes: exactly what the vectorizer does
        from sklearn.feature_extraction.text import HashingVectorizer

        return HashingVectorizer(
            analyzer="word", ngram_range=(n, n), n_features=2**26, binary=True,
            norm=None, alternate_sign=False, lowercase=True, token_pattern=r"(?u)\b\w+\b",
            dtype=np.float32,
        ).transform(texts)
    # (shingle, 1) pairs are what input_type="string" makes of each shingle, one by one
    hasher = FeatureHasher(n_features=2**26, input_type="pair", dtype=np.float32, alternate_sign=False)
    one = itertools.repeat(1)
    mat = hasher.transform(zip(_shingles(t, n), one) for t in texts)
    mat.data.fill(1)
    return mat


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels)


def _originals(labels: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """For each row, the row index of its cluster's original (smallest order_key)."""
    n = len(labels)
    order = np.lexsort((np.arange(n), order_key, labels))  # by cluster, then date, then position
    first = np.empty(labels.max() + 1 if n else 0, dtype=np.int64)
    lab_sorted = labels[order]
    is_first = np.r_[True, lab_sorted[1:] != lab_sorted[:-1]] if n else np.array([], bool)
    first[lab_sorted[is_first]] = order[is_first]
    return first[labels]


def find_duplicates(
    articles: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str = "article_id",
    date_col: str | None = "date",
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 64,
    bands: int = 16,
    seed: int = 0,
) -> pd.Series:
    """Find near-duplicates and wire copies (republications) of articles.

    Each text becomes its set of word ``shingle``-grams (lower-cased word
    n-grams, hashed by scikit-learn's :class:`~sklearn.feature_extraction.text.HashingVectorizer`).
    MinHash signatures with locality-sensitive hashing (``bands`` bands of
    ``num_perm / bands`` rows) propose candidate pairs in linear time; each
    candidate is then checked with the exact Jaccard similarity of the shingle
    sets, and pairs at or above ``threshold`` are linked. Linked articles form
    clusters (connected components); the earliest article of each cluster (by
    ``date_col`` when present, then by position) is the original.

    Texts shorter than ``shingle`` words are matched on their exact normalised
    text. About 37,000 news articles take some seconds on two cores.

    Parameters
    ----------
    articles : DataFrame
        One row per article, with ``id_col`` and ``text_col``.
    text_col, id_col, date_col : str
        Column names; ``date_col`` is optional (None or absent: input order).
    threshold : float
        Jaccard similarity of shingle sets from which two articles are copies.
    shingle : int
        Words per shingle.
    num_perm, bands : int
        MinHash size and LSH bands (``num_perm`` must be a multiple of ``bands``).
    seed : int
        Seed of the hash functions.

    Returns
    -------
    pandas.Series
        ``duplicate_of`` aligned with ``articles.index``: the ``article_id`` of
        the original for each copy, None for originals and unique articles.

    Examples
    --------
    >>> import pandas as pd
    >>> story = "Malian authorities announced on Monday that the French ambassador must leave"
    >>> df = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                    "text": [story, story + " within 72 hours.", "Something else entirely."]})
    >>> find_duplicates(df, threshold=0.6).tolist()
    [None, 'a', None]
    """
    func = "find_duplicates"
    df = _check_frame(articles, func, [id_col, text_col])
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"The 'threshold' parameter of {func}() must be in (0, 1]. "
                         f"Got {threshold!r} instead.")
    if num_perm % bands:
        raise ValueError(f"{func}(): num_perm ({num_perm}) must be a multiple of bands ({bands}).")
    n = len(df)
    result = pd.Series([None] * n, index=df.index, name="duplicate_of", dtype=object)
    if n == 0:
        return result
    texts = df[text_col].fillna("").astype(str).tolist()
    mat = _shingle_matrix(texts, shingle).tocsr()
    mat.sort_indices()
    sizes = np.diff(mat.indptr)
    rng = np.random.default_rng(seed)
    sig = _minhash(mat.indptr, mat.indices, num_perm, rng)

    rows = num_perm // bands
    cand_i: list[np.ndarray] = []
    cand_j: list[np.ndarray] = []
    docs = np.flatnonzero(sizes > 0)
    mult = rng.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        for bnd in range(bands):
            block = sig[docs, bnd * rows:(bnd + 1) * rows]
            key = (block * mult[None, :]).sum(axis=1, dtype=np.uint64)
            order = np.argsort(key, kind="stable")
            ks = key[order]
            brk = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1], True])
            for s, e in zip(brk[:-1], brk[1:]):
                m = e - s
                if m < 2:
                    continue
                members = np.sort(docs[order[s:e]])
                if m <= 40:
                    ii, jj = np.triu_indices(m, k=1)
                    cand_i.append(members[ii])
                    cand_j.append(members[jj])
                else:  # big bucket: chain neighbours and star to the first
                    cand_i.append(np.r_[members[:-1], np.repeat(members[0], m - 1)])
                    cand_j.append(np.r_[members[1:], members[1:]])
    ei = np.empty(0, dtype=np.int64)
    ej = np.empty(0, dtype=np.int64)
    if cand_i:
        pairs = np.unique(np.stack([np.concatenate(cand_i), np.concatenate(cand_j)], axis=1),
                          axis=0)
        # exact Jaccard of the candidate pairs, in chunks
        keep: list[np.ndarray] = []
        for s in range(0, len(pairs), 200_000):
            pi, pj = pairs[s:s + 200_000, 0], pairs[s:s + 200_000, 1]
            inter = np.asarray(mat[pi].multiply(mat[pj]).sum(axis=1)).ravel()
            union = sizes[pi] + sizes[pj] - inter
            keep.append((inter / np.maximum(union, 1)) >= threshold)
        ok = np.concatenate(keep)
        ei, ej = pairs[ok, 0].astype(np.int64), pairs[ok, 1].astype(np.int64)
    # short texts: exact normalised equality
    short = np.flatnonzero(sizes == 0)
    if len(short) > 1:
        norm = pd.Series([" ".join(re.findall(r"\w+", texts[k].lower())) for k in short])
        nonblank = norm != ""
        if int(nonblank.sum()) > 1:  # blank texts are nobody's copy (and none to group)
            first = norm[nonblank].groupby(norm[nonblank]).transform(lambda s: s.index[0])
            firsts = first.to_numpy(dtype=np.int64)
            same = first.index.to_numpy() != firsts
            ei = np.r_[ei, short[firsts[same]]]
            ej = np.r_[ej, short[first.index.to_numpy()[same]]]

    labels = _components(n, ei, ej)
    if date_col and date_col in df:
        dates = pd.to_datetime(df[date_col], errors="coerce", utc=True)
        order_key = dates.map(lambda d: d.value if pd.notna(d) else np.iinfo(np.int64).max)
        order_key_arr = order_key.to_numpy(dtype=np.int64)
    else:
        order_key_arr = np.zeros(n, dtype=np.int64)
    orig = _originals(labels, order_key_arr)
    ids = df[id_col].to_numpy(dtype=object)
    is_copy = orig != np.arange(n)
    vals = np.full(n, None, dtype=object)
    vals[is_copy] = ids[orig[is_copy]]
    result[:] = vals
    logger.info("find_duplicates: %d of %d articles are copies", int(is_copy.sum()), n)
    return result


# --------------------------------------------------------------------------- events


def suggest_events(
    articles: pd.DataFrame,
    *,
    text_col: str = "text",
    date_col: str = "date",
    id_col: str = "article_id",
    max_days: float = 7,
    threshold: float = 0.3,
    n_label_terms: int = 3,
    stop_words: str | list[str] | None = "english",
) -> pd.DataFrame:
    """Propose an ``event`` column: articles about the same happening, close in time.

    Texts are turned into TF-IDF vectors (scikit-learn, sublinear term
    frequency). Two articles are linked when their cosine similarity is at least
    ``threshold`` and their dates lie at most ``max_days`` apart (an article
    without a date is compared with all). Events are the connected components of
    these links (single linkage: a chain of close stories becomes one event;
    raise ``threshold`` to split). Only date-close pairs are compared, in blocks,
    so large corpora stay tractable.

    The suggestion is meant to be read and edited: copy ``suggested_event`` into
    the articles' ``event`` column, fix what is wrong, and :func:`compare` will
    use what you keep.

    Parameters
    ----------
    articles : DataFrame
        With ``id_col``, ``text_col`` and (optionally) ``date_col``.
    max_days : float
        Largest date distance, in days, between linked articles.
    threshold : float
        Smallest TF-IDF cosine similarity between linked articles.
    n_label_terms : int
        Terms in the readable label.
    stop_words : "english", list or None
        Passed to :class:`~sklearn.feature_extraction.text.TfidfVectorizer`.

    Returns
    -------
    pandas.DataFrame
        ``article_id, suggested_event, event_terms, event_size, first_date,
        last_date``; ``suggested_event`` is a readable label like
        ``"2023-06-16 ambassador / expelled / french"`` (first date and top
        TF-IDF terms of the event), unique per event.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "article_id": ["a", "b", "c"],
    ...     "date": ["2023-06-16", "2023-06-17", "2024-07-29"],
    ...     "text": ["Mali expels the French ambassador", "French ambassador expelled by Mali",
    ...              "Wagner fighters killed near Tinzaouaten"]})
    >>> suggest_events(df)["suggested_event"].nunique()
    2
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    func = "suggest_events"
    df = _check_frame(articles, func, [id_col, text_col])
    cols = ["article_id", "suggested_event", "event_terms", "event_size", "first_date",
            "last_date"]
    n = len(df)
    if n == 0:
        return pd.DataFrame(columns=cols)
    texts = df[text_col].fillna("").astype(str).tolist()
    vec = TfidfVectorizer(sublinear_tf=True, stop_words=stop_words, min_df=1,
                          token_pattern=r"(?u)\b[^\W\d_]{2,}\b", dtype=np.float64)
    try:
        X = vec.fit_transform(texts).tocsr()
        vocab = np.asarray(vec.get_feature_names_out())
    except ValueError:  # empty vocabulary
        from scipy.sparse import csr_matrix

        X = csr_matrix((n, 0))
        vocab = np.asarray([], dtype=object)
    if date_col in df:
        dates = pd.to_datetime(df[date_col], errors="coerce")
    else:
        dates = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    days = ((dates - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))

    ei: list[np.ndarray] = []
    ej: list[np.ndarray] = []

    def link(rows_a: np.ndarray, rows_b: np.ndarray) -> None:
        if len(rows_a) == 0 or len(rows_b) == 0:
            return
        sim = (X[rows_a] @ X[rows_b].T).tocoo()
        ok = sim.data >= threshold
        a, b = rows_a[sim.row[ok]], rows_b[sim.col[ok]]
        if len(dated) and len(rows_a) and not np.isnan(days[rows_a]).all():
            close = ~(np.abs(days[a] - days[b]) > max_days)  # NaN dates count as close
            a, b = a[close], b[close]
        ei.append(a)
        ej.append(b)

    order = dated[np.argsort(days[dated], kind="stable")]
    sd = days[order]
    block = 2000
    for s in range(0, len(order), block):
        rows_a = order[s:s + block]
        lo = np.searchsorted(sd, sd[s] - max_days, side="left")
        hi = np.searchsorted(sd, sd[min(s + block, len(order)) - 1] + max_days, side="right")
        link(rows_a, order[lo:hi])
    for s in range(0, len(undated), block):
        link(undated[s:s + block], np.arange(n))

    i = np.concatenate(ei) if ei else np.empty(0, dtype=np.int64)
    j = np.concatenate(ej) if ej else np.empty(0, dtype=np.int64)
    labels = _components(n, i, j)

    # order events by first date, then position, for stable readable names
    first_day = pd.Series(days).groupby(labels).min().fillna(np.inf)
    first_pos = pd.Series(np.arange(n)).groupby(labels).min()
    ev_order = sorted(first_day.index, key=lambda e: (first_day[e], first_pos[e]))
    names: dict[int, str] = {}
    terms_of: dict[int, str] = {}
    used: set[str] = set()
    for e in ev_order:
        members = np.flatnonzero(labels == e)
        if X.shape[1]:
            centroid = np.asarray(X[members].sum(axis=0)).ravel()
            top = np.argsort(-centroid, kind="stable")[:n_label_terms]
            words = [str(vocab[t]) for t in top if centroid[t] > 0]
        else:
            words = []
        md = dates.iloc[members].dropna()
        stem = (md.min().strftime("%Y-%m-%d") + " ") if len(md) else ""
        name = stem + (" / ".join(words) if words else "(no words)")
        base, k = name, 2
        while name in used:
            name, k = f"{base} ({k})", k + 1
        used.add(name)
        names[e] = name
        terms_of[e] = ", ".join(words)
    sizes = pd.Series(labels).value_counts()
    ev_first = dates.groupby(labels).min()
    ev_last = dates.groupby(labels).max()
    out = pd.DataFrame({
        "article_id": df[id_col].to_numpy(),
        "suggested_event": [names[e] for e in labels],
        "event_terms": [terms_of[e] for e in labels],
        "event_size": [int(sizes[e]) for e in labels],
        "first_date": ev_first.reindex(labels).to_numpy(),
        "last_date": ev_last.reindex(labels).to_numpy(),
    }, index=df.index)
    out.attrs.update({"threshold": threshold, "max_days": max_days,
                      "n_events": len(ev_order)})
    return out


# --------------------------------------------------------------------------- distinctive terms

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
    df = _check_frame(data, func, [group_col, text_col])
    cols = ["group", "term", "count", "count_rest", "total", "freq", "log_odds", "z"]
    if isinstance(prior, str) and prior != "informative":
        raise _choice_error("prior", func, prior, ["informative", "<float>"])
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
        raise _choice_error("group", func, group, groups)
    if other is not None and str(other) not in groups:
        raise _choice_error("other", func, other, groups)
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
        labels = _get_frames(labels, "labels").get("labels")
    df = _check_frame(labels, func, [by, "referent", "label"])
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


# --------------------------------------------------------------------------- sensitivity


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
    :func:`compare`: scored articles only, copies once), ranks the groups, and
    compares each ranking with the baseline's (Kendall's tau-b and Spearman's
    rho over the groups present in both).

    Parameters
    ----------
    score_fn : callable
        ``score_fn(corpus, **kwargs) -> Scores`` (anything :func:`compare` takes).
    corpus : object
        Passed through to ``score_fn``.
    variations : mapping
        Name -> keyword arguments for ``score_fn``, e.g.
        ``{"k=1": {"shrinkage_k": 1}, "window=2": {"window": 2}}``.
    baseline : mapping, optional
        Keyword arguments of the reference run (default: none).
    measure, by, holder : str
        As in :func:`compare`.
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
        prep = _prepare(scores, measure=measure, by=by, holder=holder, value=None,
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
