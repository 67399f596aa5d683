"""Plots for teachers and researchers (matplotlib).

Every function takes a tidy frame first (a frame of :class:`framecmp.scoring.Scores`
or a table from :mod:`framecmp.stats.compare`), everything else keyword-only; draws on
``ax`` (default: the current Axes) and returns it; never calls ``show()``.
Empty data gives an Axes that says "no data"; a missing column gives a message
listing the columns there are.

Titles and labels are in plain language. Groups with too few articles are drawn
differently (hatched, greyed, no interval) so that nobody reads them as findings.

The data step of a plot is kept apart from the drawing where it is more than a
lookup (seaborn's ``heatmap`` sits on ``_HeatMapper`` the same way):
:func:`stance_matrix` is the matrix :func:`stance_heatmap` draws.

matplotlib is imported when a plot is drawn, not when this module is: ``import
framecmp`` stays light.
"""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framecmp import schema as columns
from framecmp.present import display
from framecmp.present.portrayal_plot import portrayal_map, portrayal_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "portrayal_map",
    "portrayal_matrix",
    "stance_matrix",
    "stance_heatmap",
    "stance_heatmap_size",
    "stance_bars",
    "term_categories",
    "label_choices",
    "voice_shares",
    "distinctive_terms_plot",
]

logger = logging.getLogger(__name__)

_SMALL_GREY = "#d9d9d9"
_FLAG_EDGE = "#555555"


# --------------------------------------------------------------------------- helpers


def _pyplot() -> Any:
    """``matplotlib.pyplot``, imported on first use (not when framecmp is imported)."""
    import matplotlib.pyplot as plt

    return plt


def _voice(holder: Any) -> str:
    """``author`` -> "The outlet's own voice", ``mali`` -> "Mali"."""
    name = display.holder_name(holder)
    return name[:1].upper() + name[1:]


def _column_name(col: str) -> str:
    """A heatmap column (``actor`` or ``holder → actor``) with display names."""
    if " → " in col:
        holder, target = col.split(" → ", 1)
        return f"{_voice(holder)} → {display.actor_name(target)}"
    return display.actor_name(col)


def _axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else _pyplot().gca()


def _check(data: Any, func: str, required: Sequence[str], what: str = "frame") -> pd.DataFrame:
    return columns.require(data, func, required, what)


def _no_data(ax: Axes, message: str = "no data", title: str | None = None) -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            fontsize=12, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def _is_compare(df: pd.DataFrame) -> bool:
    return {"group", "item", "mean"}.issubset(df.columns)


def _palette(n: int) -> list[Any]:
    cmap = _pyplot().get_cmap("tab10" if n <= 10 else "tab20")
    return [cmap(i % cmap.N) for i in range(n)]


def _count(n: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _flagged(row: pd.Series) -> bool:
    """Whether a compare row's own group has too few articles (or is the only group).

    "too few articles in the rest" alone does not count: the group itself has
    enough articles for an interval; a row flagged both ways does count.
    """
    flag = row.get("flag")
    return isinstance(flag, str) and bool(re.search(r"too few articles \(n=|only one", flag))


def _hatch_color(value: float) -> str:
    """A hatch colour that shows on a cell of this stance (white on dark, grey on light)."""
    return "white" if np.isfinite(value) and abs(value) >= 0.3 else "#4d4d4d"


# --------------------------------------------------------------------------- stance


def _stance_cells(data: pd.DataFrame, *, holder: str | None, min_articles: int,
                  func: str) -> pd.DataFrame:
    """(row=group, col=target) cells: mean, n, flagged, evidence, directed.

    ``evidence`` counts the cues behind a cell (directed cues for a stance
    frame, mentions for a compare table); ``directed`` says whether anything
    evaluated the actor at all (a column where no cell is directed has only
    neutral mentions and is dropped from the heatmap).
    """
    if _is_compare(data):
        df = data
        if "measure" in df:
            df = df[df["measure"] == "stance"]
        if holder is not None and "holder" in df:
            df = df[df["holder"] == holder]
        col = df["item"].astype(str)
        if holder is None and "holder" in df and df["holder"].nunique() > 1:
            col = df["holder"].astype(str) + " → " + col
        flagged = df.apply(_flagged, axis=1) if len(df) else pd.Series([], dtype=bool)
        means = df["mean"].astype(float)
        ev = (df["n_mentions"].fillna(0).astype(float) if "n_mentions" in df
              else pd.Series(1.0, index=df.index))
        return pd.DataFrame({"row": df["group"].astype(str), "col": col,
                             "mean": means,
                             "n": df["n_articles"] if "n_articles" in df else np.nan,
                             "flagged": flagged.astype(bool),
                             "evidence": ev,
                             # a compare table has no count of directed cues: a mean
                             # other than 0 is the sign that something evaluated the actor
                             "directed": means.fillna(0.0).abs() > 0})
    df = _check(data, func, ["outlet", "target", "stance"], "stance frame")
    if holder is not None and "holder" in df:
        df = df[df["holder"] == holder]
    col = df["target"].astype(str)
    if holder is None and "holder" in df and df["holder"].nunique() > 1:
        col = df["holder"].astype(str) + " → " + col
    directed = df["n"].fillna(0).astype(float) if "n" in df else pd.Series(1.0, index=df.index)
    df = df.assign(_col=col, _row=df["outlet"].astype(str), _ev=directed)
    idcol = "article_id" if "article_id" in df else None
    g = df.groupby(["_row", "_col"], sort=True)
    cells = g["stance"].mean().rename("mean").to_frame()
    cells["n"] = g[idcol].nunique() if idcol else g.size()
    cells["evidence"] = g["_ev"].sum()
    cells = cells.reset_index().rename(columns={"_row": "row", "_col": "col"})
    cells["flagged"] = cells["n"] < min_articles
    cells["directed"] = cells["evidence"] > 0
    return cells


def _heatmap_columns(cells: pd.DataFrame, max_targets: int | None) -> tuple[list[str], int, int]:
    """Columns to draw (most evidence first), how many had no directed cue, how many were cut."""
    per_col = cells.groupby("col").agg(evidence=("evidence", "sum"), directed=("directed", "any"))
    kept = per_col[per_col["directed"]]
    n_undirected = len(per_col) - len(kept)
    if kept.empty:  # nothing evaluated at all: show what there is rather than nothing
        kept = per_col
        n_undirected = 0
    order = kept.reset_index().sort_values(["evidence", "col"], ascending=[False, True],
                                           kind="stable")["col"].tolist()
    n_cut = 0
    if max_targets is not None and len(order) > max_targets:
        n_cut = len(order) - max_targets
        order = order[:max_targets]
    return order, n_undirected, n_cut


def stance_heatmap_size(data: pd.DataFrame, *, holder: str | None = "author",
                        max_targets: int | None = 10) -> tuple[float, float]:
    """A figure size (inches) that fits :func:`stance_heatmap` of ``data``.

    Grows with the number of outlets (rows) and actors (columns) shown.

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "holder": "author",
    ...                    "target": "france", "stance": [-0.4, 0.2]})
    >>> width, height = stance_heatmap_size(st)
    >>> round(width, 2), round(height, 2)
    (5.1, 3.3)
    """
    if not isinstance(data, pd.DataFrame) or data.empty:
        return (6.0, 3.0)
    try:
        cells = _stance_cells(data, holder=holder, min_articles=1, func="stance_heatmap_size")
    except (TypeError, ValueError, KeyError):
        return (7.0, 4.0)
    if cells.empty:
        return (6.0, 3.0)
    cols, _, _ = _heatmap_columns(cells, max_targets)
    n_rows = cells["row"].nunique()
    width = 3.0 + 0.7 * max(len(cols), 3)
    height = 2.2 + 0.55 * max(n_rows, 2)
    return (min(width, 14.0), min(height, 12.0))


@dataclass(frozen=True)
class _StanceGrid:
    """What :func:`stance_heatmap` draws, worked out before any drawing.

    ``means`` is the matrix (outlets x actors, :func:`stance_matrix`); ``n`` (articles),
    ``flagged`` (fewer than ``min_articles``) and ``directed`` (some cue evaluates the
    actor there) are aligned with it. ``n_undirected`` actors only mentioned and
    ``n_cut`` actors beyond ``max_targets`` are left out.
    """

    means: pd.DataFrame
    n: pd.DataFrame
    flagged: pd.DataFrame
    directed: pd.DataFrame
    n_undirected: int
    n_cut: int


def _stance_grid(data: pd.DataFrame, *, holder: str | None, min_articles: int,
                 max_targets: int | None, func: str) -> _StanceGrid | None:
    """The data step of :func:`stance_heatmap`; None when no stance row is left for ``holder``."""
    cells = _stance_cells(data, holder=holder, min_articles=min_articles, func=func)
    if cells.empty:
        return None
    cols, n_undirected, n_cut = _heatmap_columns(cells, max_targets)
    rows = sorted(cells["row"].unique())
    cells = cells[cells["col"].isin(cols)]

    def grid(value: str) -> pd.DataFrame:
        return cells.pivot(index="row", columns="col", values=value).reindex(index=rows,
                                                                             columns=cols)

    return _StanceGrid(grid("mean"), grid("n"), grid("flagged"), grid("directed"),
                       n_undirected, n_cut)


def stance_matrix(
    data: pd.DataFrame,
    *,
    holder: str | None = "author",
    max_targets: int | None = 10,
) -> pd.DataFrame:
    """The matrix :func:`stance_heatmap` draws: mean stance, outlets (rows) x actors (columns).

    Each cell is the mean stance of the outlet's articles toward the actor (from a
    ``stance`` frame), or the ``mean`` of a compare table's row. Only actors that
    something evaluates are kept (an actor only mentioned, with no directed cue in
    any outlet, is left out), most evidence first, at most ``max_targets`` of them.

    Parameters
    ----------
    data : DataFrame
        The ``stance`` frame or a :func:`framecmp.stats.compare.compare` table with
        ``measure="stance"``.
    holder : str or None
        Whose stance: ``"author"`` (the outlet's own voice) or a quoted side;
        None keeps every holder, as "holder → target" columns when there are several.
    max_targets : int or None
        Keep at most this many actors (those with the most evidence). None keeps all.

    Returns
    -------
    pandas.DataFrame
        Outlets (or compare groups) as the index, sorted; actor ids as the columns;
        NaN where an outlet has no stance row for the actor. Empty when there is no
        stance row (for ``holder``).

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...                    "holder": "author", "target": "france", "stance": [-0.4, 0.0, 0.2]})
    >>> stance_matrix(st).round(2).to_dict()
    {'france': {'X': -0.2, 'Y': 0.2}}
    """
    func = "stance_matrix"
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}() takes a DataFrame, got {type(data).__name__}.")
    grid = (None if data.empty else
            _stance_grid(data, holder=holder, min_articles=1, max_targets=max_targets, func=func))
    if grid is None:
        return pd.DataFrame(dtype=float)
    return grid.means.astype(float).rename_axis(
        index="group" if _is_compare(data) else "outlet", columns="target")


def stance_heatmap(
    data: pd.DataFrame,
    *,
    holder: str | None = "author",
    min_articles: int = 3,
    annotate: bool = True,
    cmap: str = "RdBu",
    colorbar: bool = True,
    title: str | None = None,
    max_targets: int | None = 10,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of stance: outlets (rows) x actors (columns), red hostile, blue favourable.

    The matrix drawn is :func:`stance_matrix` of the same data.

    Only actors that something evaluates are drawn (an actor that is only
    mentioned, with no directed cue in any outlet, has stance 0 everywhere and
    says nothing); columns are sorted by the amount of evidence, most first.

    Parameters
    ----------
    data : DataFrame
        The ``stance`` frame (averaged over articles here) or a
        :func:`framecmp.stats.compare.compare` table with ``measure="stance"``.
    holder : str or None
        Whose stance: ``"author"`` (the outlet's own voice) or a quoted side;
        None shows every holder as "holder → target" columns.
    min_articles : int
        Cells with fewer articles keep their colour but are hatched, and the
        legend says they are not findings (stance frame input; a compare
        table carries its own ``flag``).
    annotate : bool
        Write the value in each cell, and the number of articles under it
        when the cells differ in it (otherwise the subtitle gives it once).
    cmap : str
        A diverging colour map; centred on 0, limits -1 and 1.
    colorbar : bool
        Draw a colour bar.
    title : str, optional
        Defaults to a plain-language title.
    max_targets : int or None
        Draw at most this many actors (those with the most evidence); the
        subtitle says how many were left out. None draws all.
    ax : Axes, optional
        :func:`stance_heatmap_size` gives a figure size that fits the data.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> st = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "holder": "author",
    ...                    "target": "france", "stance": [-0.4, 0.2]})
    >>> import matplotlib.pyplot as plt
    >>> ax = stance_heatmap(st, ax=plt.figure().gca())
    >>> ax.images[0].get_clim()
    (-1.0, 1.0)
    """
    ax = _axes(ax)
    func = "stance_heatmap"
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}() takes a DataFrame, got {type(data).__name__}.")
    who = "the outlet's own voice" if holder == "author" else (holder or "all voices")
    title = title or (f"How each outlet writes about each actor ({who})" if holder is not None else
                      "Who evaluates whom in each outlet's articles (every voice: the outlet's and those it quotes)")
    if data.empty:
        return _no_data(ax, title=title)
    grid = _stance_grid(data, holder=holder, min_articles=min_articles, max_targets=max_targets,
                        func=func)
    if grid is None:
        return _no_data(ax, f"no stance rows for holder {holder!r}", title=title)
    _draw_stance_grid(ax, grid, holder=holder, min_articles=min_articles, annotate=annotate,
                      cmap=cmap, colorbar=colorbar, title=title)
    return ax


def _draw_stance_grid(ax: Axes, grid: _StanceGrid, *, holder: str | None, min_articles: int,
                      annotate: bool, cmap: str, colorbar: bool, title: str) -> None:
    """The drawing step of :func:`stance_heatmap`: cells, hatching, labels, notes, colour bar."""
    from matplotlib.colors import TwoSlopeNorm

    plt = _pyplot()
    rows, cols = list(grid.means.index), list(grid.means.columns)
    n_undirected, n_cut = grid.n_undirected, grid.n_cut
    ngrid = grid.n
    values = grid.means.to_numpy(dtype=float)
    missing = np.isnan(values)
    flagged = grid.flagged.fillna(False).to_numpy(dtype=bool) & ~missing
    undirected = ~grid.directed.fillna(False).to_numpy(dtype=bool) & ~missing & (values == 0)
    cm = plt.get_cmap(cmap).with_extremes(bad=_SMALL_GREY)
    im = ax.imshow(np.ma.masked_invalid(values), cmap=cm,
                   norm=TwoSlopeNorm(vcenter=0.0, vmin=-1.0, vmax=1.0), aspect="auto")
    ns = ngrid.to_numpy(dtype=float)[~missing]
    same_n = len(ns) > 0 and bool(np.all(ns == ns[0]))
    for (i, j), flag in np.ndenumerate(flagged):
        if flag:  # the colour stays; hatching (contrasting with the cell) says "not a finding"
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="//",
                                       edgecolor=_hatch_color(values[i, j]), linewidth=0,
                                       alpha=0.75))
        if not annotate or missing[i, j]:
            continue
        v = values[i, j]
        if undirected[i, j]:
            ax.text(j, i, "no cue", ha="center", va="center", fontsize=7, color="#666666")
            continue
        color = "white" if abs(v) > 0.55 else "black"
        n: Any = ngrid.iat[i, j]
        if same_n or pd.isna(n):
            ax.text(j, i, f"{v:+.2f}", ha="center", va="center", fontsize=9, color=color)
        else:
            ax.text(j, i - 0.1, f"{v:+.2f}", ha="center", va="center", fontsize=9, color=color)
            ax.text(j, i + 0.25, f"n={int(n)}", ha="center", va="center", fontsize=6.5,
                    color=color)
    ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    names = [_column_name(c) for c in cols]
    rotate = len(cols) > 4 or max(len(c) for c in names) * len(cols) > 40
    ax.set_xticks(range(len(cols)), labels=names, rotation=30 if rotate else 0,
                  ha="right" if rotate else "center", rotation_mode="anchor")
    ax.set_yticks(range(len(rows)), labels=rows)
    notes = []
    if same_n and ns.size and annotate:
        k = int(ns[0])
        notes.append(f"every cell rests on {k} article{'s' if k != 1 else ''}")
    if undirected.any():
        notes.append("'no cue': mentioned, but nothing evaluates the actor (stance 0)")
    if missing.any():
        notes.append("grey, empty: the outlet does not mention the actor in its own voice "
                     "(perhaps only inside quotations)" if holder == "author" else
                     "grey, empty: no stance row (the actor is not mentioned by this holder)")
    what = "actor(s)" if holder is not None else "voice–actor pair(s)"
    if n_undirected:
        notes.append(f"{n_undirected} {what} only mentioned, never evaluated, are left out")
    if n_cut:
        notes.append(f"the {len(cols)} {what} with the most evidence are shown, "
                     f"{n_cut} more are left out")
    ax.set_xlabel(("actor written about" if holder is not None else "voice → actor written about")
                  + " (most evidence first)"
                  + "".join(f"\n{n}" for n in notes))
    ax.set_ylabel("outlet")
    if flagged.any():
        ax.set_title(f"{title}\nhatched: fewer than {min_articles} articles, not a finding",
                     fontsize=10)
    else:
        ax.set_title(title)
    if colorbar:
        cb = ax.figure.colorbar(im, ax=ax, fraction=0.05, pad=0.03)
        cb.set_label("stance: −1 hostile, +1 favourable")


def stance_bars(
    data: pd.DataFrame,
    *,
    target: str,
    holder: str | None = "author",
    title: str | None = None,
    color: str = "#4C72B0",
    ax: Axes | None = None,
) -> Axes:
    """Mean stance toward one actor per outlet, with bootstrap intervals.

    Groups flagged for too few articles (their own ``n_articles`` below
    ``min_articles``, whatever the rest has) are drawn grey, hatched and
    without an interval, and their tick label says "too few". With more than
    four outlets the tick labels are tilted so that they do not overlap.

    Parameters
    ----------
    data : DataFrame
        A :func:`framecmp.stats.compare.compare` table (``measure="stance"``).
    target : str
        The actor.
    holder : str or None
        Keep this holder's rows (``"author"``: the outlet's own voice).
    title : str, optional
    color : str
        Bar colour for groups with enough articles.
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": ["X", "Y"], "holder": "author", "item": "france",
    ...                   "n_articles": [5, 2], "mean": [-0.3, 0.1], "ci_low": [-0.5, None],
    ...                   "ci_high": [-0.1, None], "flag": [None, "too few articles (n=2 < 3)"]})
    >>> import matplotlib.pyplot as plt
    >>> ax = stance_bars(t, target="france", ax=plt.figure().gca())
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [-0.3, 0.1]
    """
    ax = _axes(ax)
    func = "stance_bars"
    df = _check(data, func, ["group", "item", "mean"], "compare table")
    title = title or f"Stance toward {display.actor_name(target)}: mean per outlet, with 95% intervals"
    if "measure" in df:
        df = df[df["measure"] == "stance"]
    if holder is not None and "holder" in df:
        df = df[df["holder"] == holder]
    if df.empty:
        return _no_data(ax, title=title)
    targets = sorted(df["item"].astype(str).unique())
    if target not in targets:
        raise ValueError(f"The 'target' parameter of {func}() must be one of {targets}. "
                         f"Got {target!r} instead.")
    df = df[df["item"].astype(str) == target].sort_values("group", key=lambda s: s.astype(str))
    x = np.arange(len(df))
    means = df["mean"].to_numpy(dtype=float)
    flagged = np.array([_flagged(r) for _, r in df.iterrows()], dtype=bool)
    colors = [_SMALL_GREY if f else color for f in flagged]
    bars = ax.bar(x, means, color=colors, edgecolor=[_FLAG_EDGE if f else color
                                                      for f in flagged], width=0.6)
    for bar, f in zip(bars, flagged):
        if f:
            bar.set_hatch("///")
    if {"ci_low", "ci_high"}.issubset(df.columns):
        lo = df["ci_low"].to_numpy(dtype=float)
        hi = df["ci_high"].to_numpy(dtype=float)
        ok = ~flagged & np.isfinite(lo) & np.isfinite(hi)
        if ok.any():
            ax.errorbar(x[ok], means[ok], yerr=[means[ok] - lo[ok], hi[ok] - means[ok]],
                        fmt="none", ecolor="black", capsize=4, linewidth=1.2)
    n = df["n_articles"].to_numpy() if "n_articles" in df else [None] * len(df)
    many = len(df) > 4  # long names side by side overlap: wrap them, and tilt when many
    labels = []
    for g, k, f in zip(df["group"].astype(str), n, flagged):
        name = "\n".join(textwrap.wrap(g, 14, break_long_words=False)) or g
        count = "" if k is None or pd.isna(k) else f"n={int(k)}"
        note = ", ".join(b for b in (count, "too few" if f else "") if b)
        if many:
            labels.append(f"{g} ({note})" if note else g)
        else:
            labels.append(f"{name}\n({note})" if note else name)
    ax.set_xticks(x, labels=labels, rotation=30 if many else 0,
                  ha="right" if many else "center", rotation_mode="anchor")
    ax.axhline(0, color="black", linewidth=0.8)
    lim = max(1.0, float(np.nanmax(np.abs(means))) if len(means) else 1.0)
    ax.set_ylim(-lim, lim)
    ax.set_ylabel("stance (−1 hostile, +1 favourable)")
    ax.set_xlabel("outlet")
    ax.set_title(title)
    if flagged.any():
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(facecolor=_SMALL_GREY, hatch="///", edgecolor=_FLAG_EDGE,
                                 label="too few articles: no interval, not a finding")],
                  loc="best", fontsize=8, frameon=False)
    return ax


# --------------------------------------------------------------------------- terms


def term_categories(
    data: pd.DataFrame,
    *,
    value: str = "per_1k_words",
    categories: Sequence[str] | None = None,
    articles: pd.DataFrame | None = None,
    min_articles: int = 3,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Loaded terms per 1,000 words, by category (x) and outlet (bars).

    Parameters
    ----------
    data : DataFrame
        The ``terms`` frame (averaged over each outlet's articles; an article
        without a row for a category counts as 0) or a compare table with
        ``measure="terms"``; from a compare table, rows with an interval
        (``ci_low``, ``ci_high``) get whiskers, flagged rows none.
    value : str
        Column to plot from the terms frame.
    categories : sequence of str, optional
        Categories to show, in this order.
    articles : DataFrame, optional
        The ``articles`` frame (``article_id, outlet`` and optionally
        ``status``): the scored articles of each outlet are the denominator,
        so an article without any loaded word counts as 0. Without it, only
        articles present in the terms frame are counted.
    min_articles : int
        Outlets with fewer articles are drawn hatched and pale.
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                   "category": "colonial", "per_1k_words": [2.0, 4.0]})
    >>> import matplotlib.pyplot as plt
    >>> ax = term_categories(t, ax=plt.figure().gca())
    >>> [float(p.get_height()) for p in ax.patches]
    [2.0, 4.0]
    """
    ax = _axes(ax)
    func = "term_categories"
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}() takes a DataFrame, got {type(data).__name__}.")
    title = title or "Loaded words per 1,000 words, by kind of word"
    lo_tab = hi_tab = flag_tab = None
    if _is_compare(data):
        df = data[data["measure"] == "terms"] if "measure" in data else data
        tab = df.pivot_table(index="item", columns="group", values="mean", aggfunc="mean")
        n_art = (df.groupby("group")["n_articles"].max() if "n_articles" in df
                 else pd.Series(dtype=float))
        if {"ci_low", "ci_high"} <= set(df.columns):
            keyed = df.assign(_flagged=[_flagged(r) for _, r in df.iterrows()])
            lo_tab = keyed.pivot_table(index="item", columns="group", values="ci_low",
                                       aggfunc="mean", dropna=False)
            hi_tab = keyed.pivot_table(index="item", columns="group", values="ci_high",
                                       aggfunc="mean", dropna=False)
            flag_tab = keyed.pivot_table(index="item", columns="group", values="_flagged",
                                         aggfunc="max", dropna=False)
    else:
        df = _check(data, func, ["outlet", "category", value], "terms frame")
        if df.empty:
            return _no_data(ax, title=title)
        idcol = "article_id" if "article_id" in df else None
        sums = df.pivot_table(index="category", columns="outlet", values=value, aggfunc="sum",
                              fill_value=0)
        n_art = (df.groupby("outlet")[idcol].nunique() if idcol
                 else df.groupby("outlet").size())
        if articles is not None:
            arts = _check(articles, func, ["article_id", "outlet"], "articles frame")
            if "status" in arts:
                arts = arts[arts["status"] == "ok"]
            if "duplicate_of" in arts:
                arts = arts[arts["duplicate_of"].isna()]
                if idcol:
                    sums = df[df[idcol].isin(arts["article_id"])].pivot_table(
                        index="category", columns="outlet", values=value, aggfunc="sum",
                        fill_value=0)
            n_art = arts.groupby("outlet")["article_id"].nunique()
        tab = sums / n_art.reindex(sums.columns)
    if tab.empty:
        return _no_data(ax, title=title)
    if categories is not None:
        missing = [c for c in categories if c not in tab.index]
        if missing:
            raise ValueError(f"{func}(): categories {missing} not in the data. "
                             f"Available categories: {sorted(map(str, tab.index))}.")
        tab = tab.loc[list(categories)]
    tab = tab.fillna(0.0)
    cats = [str(c) for c in tab.index]
    outlets = list(tab.columns)
    k = len(outlets)
    width = 0.8 / max(k, 1)
    x = np.arange(len(cats))
    any_small = False
    any_interval = False
    for i, (outlet, color) in enumerate(zip(outlets, _palette(k))):
        n = n_art.get(outlet, np.nan)
        small = bool(pd.notna(n) and n < min_articles)
        any_small |= small
        label = str(outlet) if pd.isna(n) else f"{outlet} (n={int(n)})"
        xs = x - 0.4 + width * (i + 0.5)
        heights = tab.iloc[:, i].to_numpy(dtype=float)
        ax.bar(xs, heights, width=width,
               color=color, label=label + (", too few" if small else ""),
               hatch="///" if small else None, alpha=0.45 if small else 1.0,
               edgecolor=_FLAG_EDGE if small else color)
        if (lo_tab is not None and hi_tab is not None and outlet in lo_tab.columns
                and not small):
            lo = lo_tab[outlet].reindex(tab.index).to_numpy(dtype=float)
            hi = hi_tab[outlet].reindex(tab.index).to_numpy(dtype=float)
            fl = (flag_tab[outlet].reindex(tab.index).fillna(False).to_numpy(dtype=bool)
                  if flag_tab is not None and outlet in flag_tab.columns
                  else np.zeros(len(tab), dtype=bool))
            ok = np.isfinite(lo) & np.isfinite(hi) & ~fl
            if ok.any():
                any_interval = True
                ax.errorbar(xs[ok], heights[ok],
                            yerr=[np.clip(heights[ok] - lo[ok], 0, None),
                                  np.clip(hi[ok] - heights[ok], 0, None)],
                            fmt="none", ecolor="black", elinewidth=1.0, capsize=2.5)
    names = [display.category_name(c) for c in cats]
    rotate = len(cats) > 4 or max(len(c) for c in names) * len(cats) > 50
    ax.set_xticks(x, labels=names, rotation=30 if rotate else 0,
                  ha="right" if rotate else "center", rotation_mode="anchor")
    ax.set_ylabel("per 1,000 words (mean per article)")
    ax.set_xlabel("kind of loaded word")
    ax.set_title(title + ("\nwhiskers: 95% interval over articles" if any_interval else ""))
    ax.legend(title="outlet" + (" (hatched: too few articles)" if any_small else ""),
              fontsize=8, title_fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    return ax


def _stacked_shares(ax: Axes, tab: pd.DataFrame, *, annotate_min: float = 0.08,
                    legend_title: str, names: Any = str) -> None:
    """Horizontal stacked bars of row-normalised ``tab`` (rows: outlets)."""
    outlets = [str(o) for o in tab.index]
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    for col, color in zip(tab.columns, _palette(len(tab.columns))):
        w = tab[col].to_numpy(dtype=float)
        ax.barh(y, w, left=left, color=color, label=names(col), edgecolor="white", height=0.6)
        for yi, (l0, wi) in enumerate(zip(left, w)):
            if wi >= annotate_min:
                ax.text(l0 + wi / 2, yi, f"{wi:.0%}", ha="center", va="center", fontsize=8,
                        color="white")
        left += w
    ax.set_yticks(y, labels=outlets)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_pyplot().FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.legend(title=legend_title, fontsize=8, title_fontsize=8, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))


def label_choices(
    data: pd.DataFrame,
    *,
    referent: str,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Which words each outlet uses to name one referent (stacked shares).

    Parameters
    ----------
    data : DataFrame
        The ``labels`` frame (``outlet, referent, label, count``) or the tidy
        output of :func:`framecmp.stats.words.label_matrix`.
    referent : str
        The thing named (e.g. Mali's government).
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> lab = pd.DataFrame({"outlet": ["X", "Y", "Y"], "referent": "mali_gov",
    ...                     "label": ["junta", "junta", "transitional authorities"],
    ...                     "count": [2, 1, 3]})
    >>> import matplotlib.pyplot as plt
    >>> ax = label_choices(lab, referent="mali_gov", ax=plt.figure().gca())
    >>> [float(p.get_width()) for p in ax.patches]
    [1.0, 0.25, 0.0, 0.75]
    """
    ax = _axes(ax)
    func = "label_choices"
    df = _check(data, func, ["outlet", "referent", "label"], "labels frame")
    title = title or f"Words each outlet uses for “{display.actor_name(referent)}”"
    if df.empty:
        return _no_data(ax, title=title)
    refs = sorted(df["referent"].dropna().astype(str).unique())
    if referent not in refs:
        raise ValueError(f"The 'referent' parameter of {func}() must be one of {refs}. "
                         f"Got {referent!r} instead.")
    df = df[df["referent"].astype(str) == referent]
    df = df.assign(count=df["count"] if "count" in df else 1)
    tab = df.pivot_table(index="outlet", columns="label", values="count", aggfunc="sum",
                         fill_value=0)
    tab = tab[tab.sum().sort_values(ascending=False).index]  # most used label first
    totals = tab.sum(axis=1)
    shares = tab.div(totals.where(totals > 0), axis=0).fillna(0.0)
    if "article_id" in df:
        n_art = df.groupby("outlet")["article_id"].nunique()
        shares.index = [f"{o}\n({_count(int(t), 'use')}, {_count(int(n_art[o]), 'article')})"
                        for o, t in zip(shares.index, totals)]
    else:
        shares.index = [f"{o}\n({_count(int(t), 'use')})" for o, t in zip(shares.index, totals)]
    _stacked_shares(ax, shares, legend_title="label used")
    ax.set_xlabel("share of the times the outlet names it")
    ax.set_title(title)
    return ax


def voice_shares(
    data: pd.DataFrame,
    *,
    value: str = "quoted_words",
    max_affiliations: int = 7,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Who gets quoted: share of quoted words by side (affiliation), per outlet.

    Parameters
    ----------
    data : DataFrame
        The ``voices`` frame (``outlet, affiliation, quoted_words``).
    value : str
        What to share out: ``"quoted_words"`` or ``"n_attributions"``.
    max_affiliations : int
        The largest sides are shown; the rest are pooled as "other".
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"outlet": ["X", "X"], "affiliation": ["mali", "france"],
    ...                   "quoted_words": [30, 10]})
    >>> import matplotlib.pyplot as plt
    >>> ax = voice_shares(v, ax=plt.figure().gca())
    >>> [float(p.get_width()) for p in ax.patches]
    [0.75, 0.25]
    """
    ax = _axes(ax)
    func = "voice_shares"
    df = _check(data, func, ["outlet", "affiliation", value], "voices frame")
    title = title or "Who gets quoted: share of quoted words, by side"
    if df.empty or float(df[value].fillna(0).sum()) == 0.0:
        return _no_data(ax, title=title)
    aff = df["affiliation"].fillna("unknown").astype(str)
    top = df.groupby(aff)[value].sum().sort_values(ascending=False)
    keep = list(top.index[:max_affiliations])
    aff = aff.where(aff.isin(keep), "other")
    tab = df.assign(_aff=aff).pivot_table(index="outlet", columns="_aff", values=value,
                                          aggfunc="sum", fill_value=0)
    order = [a for a in keep if a in tab.columns] + (["other"] if "other" in tab.columns else [])
    tab = tab[order]
    totals = tab.sum(axis=1)
    shares = tab.div(totals.where(totals > 0), axis=0).fillna(0.0)
    if "article_id" in df:
        n = df.groupby("outlet")["article_id"].nunique()
        shares.index = [f"{o}\n({_count(int(n[o]), 'article')})" for o in shares.index]
    shares.columns.name = None
    _stacked_shares(ax, shares, legend_title="side quoted",
                    names=_voice)
    ax.set_xlabel("share of quoted words" if value == "quoted_words" else f"share of {value}")
    ax.set_title(title)
    return ax


# --------------------------------------------------------------------------- distinctive terms


def distinctive_terms_plot(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    n_label: int = 10,
    z_threshold: float = 1.96,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Words that set one outlet apart ("Fightin' Words" plot).

    Each dot is a word: how common it is overall (x, log scale) and how much more
    (up) or less (down) the outlet uses it than the others (y, z-score of the
    log-odds ratio). Words beyond ``±z_threshold`` are coloured; the strongest
    ``n_label`` on each side are labelled.

    Parameters
    ----------
    data : DataFrame
        Output of :func:`framecmp.stats.words.distinctive_terms`.
    group : str, optional
        Which group to draw (required when the frame holds several).
    n_label : int
        Words labelled on each side.
    z_threshold : float
        Where "distinctive" starts.
    title : str, optional
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> dt = pd.DataFrame({"group": "X", "term": ["junta", "the"], "total": [10, 90],
    ...                    "freq": [0.1, 0.9], "z": [2.5, 0.1]})
    >>> import matplotlib.pyplot as plt
    >>> ax = distinctive_terms_plot(dt, ax=plt.figure().gca())
    >>> sorted(t.get_text() for t in ax.texts)
    ['junta']
    """
    ax = _axes(ax)
    func = "distinctive_terms_plot"
    df = _check(data, func, ["term", "z"], "distinctive-terms frame")
    xcol = "total" if "total" in df else ("freq" if "freq" in df else None)
    if xcol is None:
        raise ValueError(f"{func}(): need a 'total' or 'freq' column. "
                         f"Available columns: {sorted(map(str, df.columns))}.")
    if "group" in df and len(df):
        groups = sorted(df["group"].astype(str).unique())
        if group is None:
            if len(groups) > 1:
                raise ValueError(f"The 'group' parameter of {func}() must be one of {groups} "
                                 "(the frame holds several groups). Got None instead.")
            group = groups[0]
        elif group not in groups:
            raise ValueError(f"The 'group' parameter of {func}() must be one of {groups}. "
                             f"Got {group!r} instead.")
        df = df[df["group"].astype(str) == group]
    title = title or (f"Words that set {group} apart from the other outlets"
                      if group else "Distinctive words")
    if df.empty:
        return _no_data(ax, title=title)
    x = df[xcol].to_numpy(dtype=float)
    z = df["z"].to_numpy(dtype=float)
    up, down = z >= z_threshold, z <= -z_threshold
    mid = ~(up | down)
    ax.scatter(x[mid], z[mid], s=10, color="#bbbbbb", label="not distinctive", linewidths=0)
    ax.scatter(x[up], z[up], s=18, color="#C44E52", label=f"used more by {group or 'group'}")
    ax.scatter(x[down], z[down], s=18, color="#4C72B0", label="used more by the others")
    ax.set_xscale("log")
    for yv in (z_threshold, -z_threshold):
        ax.axhline(yv, color="#888888", linewidth=0.8, linestyle="--")
    terms = df["term"].astype(str).to_numpy()
    span = float(max(np.nanmax(np.abs(z)) if len(z) else 1.0, z_threshold))
    gap = span * 0.07  # smallest vertical distance between two labels
    for sel, sign in ((up, 1), (down, -1)):
        idx = np.flatnonzero(sel)
        idx = idx[np.argsort(-sign * z[idx], kind="stable")][:n_label]
        # labels to the right of their dot, pushed apart vertically (greedy), with a leader line
        placed = z[idx].astype(float).copy()
        for r in range(1, len(placed)):
            if sign * (placed[r - 1] - placed[r]) < gap:
                placed[r] = placed[r - 1] - sign * gap
        for k, ylab in zip(idx, placed):
            ax.annotate(terms[k], (x[k], z[k]), xytext=(x[k] * 1.25, ylab),
                        textcoords="data", ha="left", va="center", fontsize=8,
                        color="#C44E52" if sign > 0 else "#4C72B0",
                        arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5,
                                    "shrinkA": 0, "shrinkB": 2})
    top = max([span] + [t.get_position()[1] for t in ax.texts]) * 1.1
    bottom = min([-span] + [t.get_position()[1] for t in ax.texts]) * 1.1
    ax.set_ylim(bottom, top)
    if len(x):
        ax.set_xlim(np.nanmin(x) / 1.5, np.nanmax(x) * 4)
    ax.set_xlabel("how often the word appears overall (log scale)"
                  if xcol == "total" else "share of all words (log scale)")
    ax.set_ylabel("how distinctive (z-score; beyond ±1.96 = notable)")
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax
