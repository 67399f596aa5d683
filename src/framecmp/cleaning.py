"""Old path of ``framecmp.io.cleaning`` and ``framecmp.io.boilerplate``.

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.io.boilerplate import *  # noqa: F403
from framecmp.io.cleaning import *  # noqa: F403

warn_moved(__name__, "framecmp.io.cleaning and framecmp.io.boilerplate")
