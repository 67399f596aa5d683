"""Old path of ``framecmp.present.report`` and ``framecmp.present.highlight``.

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.present.highlight import *  # noqa: F403
from framecmp.present.markup import CSS  # noqa: F401
from framecmp.present.report import *  # noqa: F403

warn_moved(__name__, "framecmp.present.report and framecmp.present.highlight")
