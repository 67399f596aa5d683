"""Old path of ``framecmp.measures.actors`` (moved in this release); it works until the next one, with a FutureWarning."""

from framecmp._deprecation import warn_moved
from framecmp.measures.actors import *  # noqa: F403

warn_moved(__name__, "framecmp.measures.actors")
