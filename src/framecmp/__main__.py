"""``python -m framecmp``: the same as the ``framecmp`` command."""

import sys

from .cli import main

sys.exit(main())
