"""framecmp: compare how news outlets frame the same events, with evidence."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
