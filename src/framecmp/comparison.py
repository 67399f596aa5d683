"""Old path of ``framecmp.stats`` (``compare``, ``events``, ``words``, ``sensitivity``) and ``framecmp.io.dedupe``.

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.io.dedupe import find_duplicates  # noqa: F401
from framecmp.stats.compare import *  # noqa: F403
from framecmp.stats.events import *  # noqa: F403
from framecmp.stats.sensitivity import *  # noqa: F403
from framecmp.stats.words import distinctive_terms, label_matrix  # noqa: F401

warn_moved(__name__, "framecmp.stats (compare, events, words, sensitivity) and framecmp.io.dedupe")
