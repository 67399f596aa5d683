"""Old path of ``framecmp.io.corpus`` and ``framecmp.io.readers``.

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.io.corpus import *  # noqa: F403
from framecmp.io.readers import *  # noqa: F403

warn_moved(__name__, "framecmp.io.corpus and framecmp.io.readers")
