"""Old path of ``framecmp.parallel`` (and of the frame dtypes, now in ``framecmp.schema``, and ``iter_chunks``, now in ``framecmp.io.readers``).

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.io.readers import iter_chunks  # noqa: F401
from framecmp.parallel import *  # noqa: F403
from framecmp.schema import FRAME_DTYPES, arrow_schema, empty_frame, normalize_frame  # noqa: F401

warn_moved(__name__, "framecmp.parallel (and framecmp.schema, framecmp.io.readers)")
