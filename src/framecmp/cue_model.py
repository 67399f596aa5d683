"""Old path of ``framecmp.measures.attribution.cue_model`` (moved in this release); it works until the next one, with a FutureWarning."""

from framecmp._deprecation import warn_moved
from framecmp.measures.attribution.cue_model import *  # noqa: F403

warn_moved(__name__, "framecmp.measures.attribution.cue_model")
