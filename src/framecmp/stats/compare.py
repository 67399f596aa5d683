"""Comparison statistics: outlets and events, honestly.

Everything here works on the tidy frames of :class:`framecmp.scoring.Scores`
(column names in :mod:`framecmp.schema`) and returns tidy DataFrames.

- :func:`compare` -- per (group, item) means with bootstrap intervals over
  *articles*, effect sizes, stratified permutation tests and Benjamini-Hochberg
  adjusted p-values (:func:`benjamini_hochberg`); small groups are flagged
  instead of given an interval.

The rest of the statistics layer: :mod:`framecmp.stats.events` (``suggest_events``),
:mod:`framecmp.stats.words` (``distinctive_terms``, ``label_matrix``, ``label_choices``),
:mod:`framecmp.stats.sensitivity` (``sensitivity``); near-duplicates are found in
:mod:`framecmp.io.dedupe` (``find_duplicates``).

All randomness comes from a seeded :class:`numpy.random.Generator`: the same
input and seed give the same table.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framecmp._validation import choice_error

__all__ = [
    "MEASURES",
    "STYLE_METRICS",
    "compare",
    "benjamini_hochberg",
]

logger = logging.getLogger(__name__)

#: measure name -> the Scores attribute holding its frame
MEASURES: dict[str, str] = {
    "stance": "stance",
    "portrayal": "portrayal",
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
    "articles", "evidence", "stance", "portrayal", "terms", "labels", "attribution", "voices",
    "style", "mentions", "removals",
)

_OUT_COLUMNS = [
    "measure", "group", "holder", "referent", "item", "n_articles", "n_mentions", "mean",
    "ci_low", "ci_high", "n_rest", "rest_mean", "effect_size", "cliffs_delta", "p_value",
    "p_adjusted", "flag", "note",
]

# --------------------------------------------------------------------------- helpers


def _column_error(param: str, func: str, value: object, frame_name: str,
                  available: Iterable[object]) -> ValueError:
    return ValueError(
        f"The '{param}' parameter of {func}() names a column that is not in the {frame_name} "
        f"frame: {value!r}. Available columns: {sorted(str(a) for a in available)}."
    )


def frames_of(scores: Any, needed: str) -> dict[str, pd.DataFrame | None]:
    """Frames from a Scores-like object, a mapping of frames, or one frame (by name).

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
class ArticleValues:
    """What :func:`article_values` returns: one measure's values per article, and counts."""

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


def article_values(scores: Any, *, measure: str, by: str, holder: str | None, value: str | None,
                   func: str) -> ArticleValues:
    """Per-article values of one measure, with group and event attached.

    Scored articles only, each copy of a story once (:func:`compare` and
    :func:`framecmp.stats.sensitivity.sensitivity` both start here).
    """
    if measure not in MEASURES:
        raise choice_error("measure", func, measure, MEASURES)
    fname = MEASURES[measure]
    frames = frames_of(scores, fname)
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

    required = {"stance": ["holder", "target"], "portrayal": ["actor"], "terms": ["category"],
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
                raise choice_error("holder", func, holder, holders)
            frame = frame[frame["holder"] == holder]
        keys = ["holder"]
        ment = "n_evidence" if "n_evidence" in frame else ("n" if "n" in frame else None)
        long = frame.assign(item=frame["target"], value=frame[vcol].astype(float),
                            n_mentions=frame[ment] if ment else 1)
        long = long.groupby(["article_id", by, "holder", "item"], dropna=False, sort=True).agg(
            value=("value", "mean"), n_mentions=("n_mentions", "sum")).reset_index()
    elif measure == "portrayal":
        # how each article presents each actor, all voices together (one row per article x actor)
        vcol = value or "score"
        if vcol not in frame:
            raise _column_error("value", func, vcol, "portrayal", frame.columns)
        ment = "n_mentions" if "n_mentions" in frame else None
        long = frame.assign(item=frame["actor"], value=frame[vcol].astype(float),
                            n_mentions=frame[ment] if ment else 1)
        long = long[["article_id", by, "item", "value", "n_mentions"]]
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
    return ArticleValues(long, keys, n_excluded, n_dup, int(missing_group.sum()),
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
    measure : {"stance", "portrayal", "terms", "attribution", "voices", "labels"}
        ``stance``: item = target, per (holder, target), value = article stance.
        ``portrayal``: item = actor, value = the article's portrayal ``score`` (all voices
        together; ``value="own_voice"`` for the outlet's own words only).
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
    prep = article_values(scores, measure=measure, by=by, holder=holder, value=value, func=func)
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
