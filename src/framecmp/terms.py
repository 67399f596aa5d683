"""Old path of ``framecmp.measures.terms`` (and of the lexicon checks, now in ``framecmp.lexicon_check``, and ``label_choices``, now in ``framecmp.stats.words``).

Moved in this release; this path works until the next one, with a FutureWarning.
"""

from framecmp._deprecation import warn_moved
from framecmp.lexicon_check import LEXICON_KINDS, check_lexicon_file, write_editable_lexicon  # noqa: F401
from framecmp.measures.terms import *  # noqa: F403
from framecmp.stats.words import label_choices  # noqa: F401

warn_moved(__name__, "framecmp.measures.terms")
