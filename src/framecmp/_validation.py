"""One place that builds every parameter error (scikit-learn's ``_param_validation`` is the model).

Every public function that refuses a parameter raises :class:`ParameterError` through
:func:`param_error`, so the message always reads the same::

    The 'measure' parameter of compare() must be one of ['attribution', 'stance', 'terms'].
    Got 'stanse' instead.

and the exception carries ``.param`` and ``.caller``, which the command line reads to name
its own option instead of parsing the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["ParameterError", "check_choice", "param_error", "column_error", "choice_error"]


class ParameterError(ValueError, TypeError):
    """A parameter outside what a function allows.

    A ``ValueError`` and a ``TypeError`` both (as scikit-learn's ``InvalidParameterError``), so
    code that caught either before still catches it.

    Attributes
    ----------
    param : str
        The parameter's name, as the function spells it.
    caller : str
        The function, with ``()``.
    """

    def __init__(self, message: str, *, param: str, caller: str) -> None:
        super().__init__(message)
        self.param = param
        self.caller = caller


def param_error(param: str, caller: str, constraint: str, value: Any, *,
                hint: str = "", got: str | None = None) -> ParameterError:
    """The error for ``param`` of ``caller``: "The 'p' parameter of f() must be C. Got V instead."

    ``constraint`` is what is allowed, in words ("a positive int", "one of ['a', 'b']");
    ``got`` replaces ``repr(value)`` where the value itself is not the point (a type name);
    ``hint`` is one more sentence.
    """
    name = caller if caller.endswith(")") else f"{caller}()"
    shown = got if got is not None else repr(value)
    msg = f"The {param!r} parameter of {name} must be {constraint}. Got {shown} instead."
    if hint:
        msg = f"{msg} {hint}"
    return ParameterError(msg, param=param, caller=name)


def check_choice(param: str, caller: str, value: Any, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``, else raise the one-of error."""
    options = list(choices)
    if value not in options:
        raise param_error(param, caller, f"one of {options}", value)
    return value


def column_error(param: str, caller: str, column: Any, available: Sequence[str],
                 what: str = "a column of the frame") -> ParameterError:
    """A column name that is not there: the message lists the columns that are."""
    return param_error(param, caller, f"{what} (one of {list(available)})", column)


def choice_error(param: str, func: str, value: object, allowed: Iterable[object]) -> ValueError:
    """The statistics' one-of error, the allowed values shown as sorted strings.

    "The 'measure' parameter of compare() must be one of [...]. Got 'x' instead.", the
    message of :func:`framecmp.stats.compare.compare` and
    :func:`framecmp.stats.words.distinctive_terms`, kept word for word.
    """
    allowed_list = sorted({str(a) for a in allowed})
    return ValueError(
        f"The '{param}' parameter of {func}() must be one of {allowed_list}. Got {value!r} instead."
    )
