"""Old names and old module paths that keep working for one release, with a ``FutureWarning``.

:func:`renamed` builds the old name of a renamed function (``framecmp.read_csv`` calls
``framecmp.load_csv`` and warns); :func:`warn_moved` is called by the small modules left at
the old paths of moved modules (``framecmp/stance.py`` re-exports
``framecmp.measures.stance`` and warns once, when it is imported).

``FutureWarning``, not ``DeprecationWarning``: Python shows it by default, so a teacher in a
notebook sees it, not only a developer running tests.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["renamed", "warn_moved"]

F = TypeVar("F", bound=Callable[..., Any])


def renamed(old: str, new: F, new_name: str | None = None) -> F:
    """``new`` under its old public name ``old``: the same call, plus a ``FutureWarning``.

    Examples
    --------
    >>> import warnings
    >>> def load_csv(path): return path
    >>> read_csv = renamed("read_csv", load_csv)
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     read_csv("a.csv")
    'a.csv'
    >>> str(w[0].message)
    'framecmp.read_csv() is renamed framecmp.load_csv(); the old name goes in the next release.'
    """
    name = new_name or new.__name__
    message = f"framecmp.{old}() is renamed framecmp.{name}(); the old name goes in the next release."

    @functools.wraps(new)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(message, FutureWarning, stacklevel=2)
        return new(*args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = old
    wrapper.__doc__ = f"Deprecated: the old name of :func:`framecmp.{name}` ({message})"
    return wrapper  # type: ignore[return-value]


def warn_moved(old: str, new: str) -> None:
    """Warn that module ``old`` moved to ``new`` (called once, when the old module is imported).

    ``stacklevel=3``: the line that imported the old module (``warnings`` skips the frames of
    the import machinery), so a notebook shows the user's own ``import`` line.
    """
    warnings.warn(f"{old} moved to {new}; import from there (or from framecmp). "
                  "The old path goes in the next release.", FutureWarning, stacklevel=3)
