"""One place that builds every parameter error (scikit-learn's ``_param_validation`` is the model).

Every public function that refuses a parameter raises :class:`ParameterError` through
:func:`param_error` (or the helpers built on it), so the message always reads the same::

    The 'measure' parameter of compare() must be one of ['attribution', 'stance', 'terms'].
    Got 'stanse' instead.

and the exception carries ``.param`` and ``.caller``, which the command line reads to name
its own option instead of parsing the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["ParameterError", "param_error", "check_choice", "choice_error", "column_error",
           "type_error"]


class ParameterError(ValueError, TypeError):
    """A parameter outside what a function allows.

    A ``ValueError`` and a ``TypeError`` both (as scikit-learn's ``InvalidParameterError``), so
    code that caught either before still catches it.

    Attributes
    ----------
    param : str
        The parameter's name, as the function spells it.
    caller : str
        The function, with ``()`` (``"compare()"``, ``"Corpus.filter()"``); a class is named
        without them (``"Scorer"``).
    """

    def __init__(self, message: str, *, param: str, caller: str) -> None:
        super().__init__(message)
        self.param = param
        self.caller = caller


def _caller(caller: str) -> str:
    """``"compare"`` -> ``"compare()"``; a class name (capitalised, no dot) stays as it is."""
    if caller.endswith(")") or (caller[:1].isupper() and "." not in caller):
        return caller
    return f"{caller}()"


def param_error(param: str, caller: str, constraint: str, value: Any, *,
                hint: str = "", got: str | None = None) -> ParameterError:
    """The error for ``param`` of ``caller``: "The 'p' parameter of f() must be C. Got V instead."

    ``constraint`` is what is allowed, in words ("a positive int", "one of ['a', 'b']");
    ``got`` replaces ``repr(value)`` where the value itself is not the point (a type name);
    ``hint`` is one more sentence.

    Examples
    --------
    >>> str(param_error("ci", "compare", "in (0, 1)", 1.5))
    "The 'ci' parameter of compare() must be in (0, 1). Got 1.5 instead."
    >>> param_error("ci", "compare", "in (0, 1)", 1.5).param
    'ci'
    """
    name = _caller(caller)
    shown = got if got is not None else repr(value)
    msg = f"The {param!r} parameter of {name} must be {constraint}. Got {shown} instead."
    if hint:
        msg = f"{msg} {hint}"
    return ParameterError(msg, param=param, caller=name)


def type_error(param: str, caller: str, expected: str, value: Any, *, hint: str = "") -> ParameterError:
    """A value of the wrong type: "... must be <expected>. Got <type name> instead."."""
    return param_error(param, caller, expected, value, hint=hint, got=type(value).__name__)


def check_choice(param: str, caller: str, value: Any, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``, else raise the one-of error."""
    options = list(choices)
    if value not in options:
        raise param_error(param, caller, f"one of {options}", value)
    return value


def choice_error(param: str, caller: str, value: object, allowed: Iterable[object]) -> ParameterError:
    """The one-of error with the allowed values shown as sorted strings.

    "The 'measure' parameter of compare() must be one of [...]. Got 'x' instead." (for values
    read from data, such as the outlets or holders of a frame, whose order means nothing).
    """
    return param_error(param, caller, f"one of {sorted({str(a) for a in allowed})}", value)


def column_error(param: str, caller: str, column: Any, available: Iterable[object],
                 where: str = "the frame") -> ParameterError:
    """A column name that is not there; the message lists the columns that are.

    "The 'value' parameter of compare() must be a column of the stance frame. Got 'tone'
    instead. Available columns: ['article_id', 'stance', ...]."
    """
    cols = [str(c) for c in available]
    return param_error(param, caller, f"a column of {where}", column,
                       hint=f"Available columns: {cols}.")
