"""``python -m framecmp``: the same as the ``framecmp`` command."""

import sys

from framecmp.cli import main

sys.exit(main())
