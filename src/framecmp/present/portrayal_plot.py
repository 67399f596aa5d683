"""How each outlet portrays each actor: the data step and the drawing of the portrayal map.

:func:`portrayal_matrix` turns the ``portrayal`` frame of :class:`~framecmp.scoring.Scores`
into one row per (outlet, actor): the mean portrayal score over the outlet's articles, the
number of articles, and how many of them cast the actor in each role.
:func:`portrayal_map` draws it: one cell per outlet and actor, coloured by the mean score
(red unfavourable, blue favourable), with the roles the articles give it written in the cell
("2 antagonist, 1 victim"). Exported as ``framecmp.plot.portrayal_map``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framecmp import schema
from framecmp.present import display

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["portrayal_matrix", "portrayal_map", "ROLE_ORDER"]

ROLE_ORDER = ("protagonist", "antagonist", "victim", "neutral")


def portrayal_matrix(portrayal: pd.DataFrame, *, by: str = "outlet", actors: list[str] | None = None,
                     max_actors: int | None = 8) -> pd.DataFrame:
    """One row per (group, actor): ``mean`` score, ``n_articles`` and a count per role.

    Parameters
    ----------
    portrayal : DataFrame
        ``scores.portrayal`` (columns ``outlet``, ``actor``, ``role``, ``score``).
    by : str
        The group column (``outlet``, or ``event`` when the frame has it).
    actors : list of str, optional
        Which actors (ids); default: the ``max_actors`` actors in the most articles.
    max_actors : int or None
        How many actors by default (None: all).

    Examples
    --------
    >>> import framecmp as fc
    >>> m = portrayal_matrix(fc.score(fc.load_seeds(), progress=False).portrayal)
    >>> list(m.columns)[:4]
    ['group', 'actor', 'n_articles', 'mean']
    """
    df = schema.require(portrayal, "portrayal_matrix", [by, "actor", "role", "score", "article_id"],
                        "the portrayal frame")
    cols = ["group", "actor", "n_articles", "mean", *ROLE_ORDER]
    if df.empty:
        return pd.DataFrame(columns=cols)
    if actors is None:
        counts = df.groupby("actor")["article_id"].nunique().sort_values(ascending=False, kind="mergesort")
        actors = list(counts.index[: max_actors] if max_actors else counts.index)
    df = df[df["actor"].isin(actors)]
    rows = []
    for (g, a), sub in df.groupby([by, "actor"], sort=True):
        roles = sub["role"].value_counts()
        rows.append({"group": g, "actor": a, "n_articles": int(sub["article_id"].nunique()),
                     "mean": float(sub["score"].astype(float).mean()),
                     **{r: int(roles.get(r, 0)) for r in ROLE_ORDER}})
    out = pd.DataFrame(rows, columns=cols)
    order = {a: i for i, a in enumerate(actors)}
    return out.sort_values(["group", "actor"], key=lambda s: s.map(order) if s.name == "actor" else s,
                           kind="mergesort").reset_index(drop=True)


def _roles_text(row: Mapping[Any, Any]) -> str:
    parts = [f"{int(row[r])} {r}" for r in ROLE_ORDER if int(row[r])]
    return "\n".join(parts)


def portrayal_map(portrayal: pd.DataFrame, *, by: str = "outlet", actors: list[str] | None = None,
                  max_actors: int | None = 8, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Draw how each outlet portrays each actor (see :func:`portrayal_matrix`).

    Cells are coloured by the mean portrayal score (from -1 red, unfavourable, to +1 blue,
    favourable) and list the roles the articles give the actor. Extra keyword arguments go to
    ``Axes.imshow``. Returns the Axes; draws "no data" on an empty frame.
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.gca()
    m = portrayal_matrix(portrayal, by=by, actors=actors, max_actors=max_actors)
    title = "How each outlet portrays each actor (all voices in the article)"
    if m.empty:
        ax.text(0.5, 0.5, "no portrayal rows: no actor was mentioned", ha="center", va="center",
                transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title)
        return ax
    groups = list(dict.fromkeys(m["group"]))
    acts = list(dict.fromkeys(m["actor"]))
    grid = np.full((len(groups), len(acts)), np.nan)
    records = m.to_dict("records")
    for rec in records:
        grid[groups.index(rec["group"]), acts.index(rec["actor"])] = float(rec["mean"])
    opts = {"cmap": "RdBu", "vmin": -1, "vmax": 1, "aspect": "auto", **kwargs}
    im = ax.imshow(np.ma.masked_invalid(grid), **opts)
    texts = []
    for rec in records:
        i, j = groups.index(rec["group"]), acts.index(rec["actor"])
        mean = float(rec["mean"])
        text = f"{mean:+.2f}\n" + _roles_text(rec)
        texts.append(ax.text(j, i, text, ha="center", va="center", fontsize=_CELL_FONT,
                             color="white" if abs(mean) >= 0.5 else "black"))
    ax.set_xticks(range(len(acts)), [display.actor_name(a) for a in acts], rotation=30, ha="right")
    ax.set_yticks(range(len(groups)), [str(g) for g in groups])
    ax.set_title(title)
    ax.figure.colorbar(im, ax=ax, label="portrayal score (-1 unfavourable, +1 favourable)")
    # the cell text fits its cell: "1 antagonist" ran into the next cell at 7 points in a
    # 9-inch figure with eight actors
    size = _fitting_size(ax, len(acts), len(groups), [t.get_text() for t in texts])
    for t in texts:
        t.set_fontsize(size)
    return ax


#: cell text size (points) when the cells are wide enough, and the smallest it may shrink to
_CELL_FONT = 7.0
_MIN_CELL_FONT = 4.5
#: average width and height of a character in ems (DejaVu Sans, digits and lower case)
_EM_WIDTH, _LINE_HEIGHT = 0.55, 1.25


def _fitting_size(ax: Axes, n_cols: int, n_rows: int, labels: list[str]) -> float:
    """The largest font size up to :data:`_CELL_FONT` at which every label fits its cell."""
    box = ax.get_window_extent()  # display pixels, after the colorbar took its share
    per_pt = 72 / ax.figure.dpi
    width_pt = box.width * per_pt / max(n_cols, 1)
    height_pt = box.height * per_pt / max(n_rows, 1)
    lines = [line for lab in labels for line in lab.splitlines()] or [""]
    chars = max(len(line) for line in lines)
    rows = max(len(lab.splitlines()) for lab in labels) if labels else 1
    fit = min(0.92 * width_pt / (_EM_WIDTH * max(chars, 1)), 0.92 * height_pt / (_LINE_HEIGHT * rows))
    return max(_MIN_CELL_FONT, min(_CELL_FONT, fit))
