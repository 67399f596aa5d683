"""Plots of the frames and compare tables: ``fc.plot.stance_heatmap(scores.stance)`` and friends.

The public face of :mod:`framecmp.present.plot`, where they are drawn. Every function takes
the data first and ``ax=`` (default: the current Axes), and returns the Axes; matplotlib is
imported on the first drawing, not on ``import framecmp``.
"""

from framecmp.present.plot import (
    distinctive_terms_plot,
    label_choices,
    portrayal_map,
    portrayal_matrix,
    stance_bars,
    stance_heatmap,
    stance_heatmap_size,
    stance_matrix,
    term_categories,
    voice_shares,
)

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
