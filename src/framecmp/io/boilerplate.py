"""Boilerplate rules: ``lexicons/boilerplate.yaml`` loaded, validated and merged.

The rules are data. :func:`load_boilerplate` reads a rules file (or the same
structure as a dict), checks every entry (reporting every problem at once, with
file and line), expands ``{{macros}}``, compiles each pattern with the ``regex``
module and merges user rules over the bundled ones. Every pattern then runs
under a time budget (:class:`TimedPattern`), so a user pattern cannot hang a
run. What each scope does to a text is described in :mod:`framecmp.io.cleaning`.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from framecmp._validation import param_error
from framecmp.io.regex_literals import lowered, required_literals
from framecmp.lexicons import (
    LINE,
    Field,
    LexiconError,
    check_header,
    data_path,
    load_yaml_with_lines,
    validate_entries,
)

__all__ = [
    "SCOPES",
    "DEFAULT_TIMEOUT",
    "BoilerplateRules",
    "BoilerplateTimeoutWarning",
    "Rule",
    "TimedPattern",
    "default_rules",
    "load_boilerplate",
    "warn_timeout",
]

SCOPES = ("line", "inline", "block", "caption")
"""The allowed values of a rule's ``scope``."""

DEFAULT_TIMEOUT = 0.25
"""Seconds one rule may spend on 100,000 characters of an article (at least
this much on a shorter one) before it is skipped for that article."""

_KIND = "boilerplate"
_MACRO_RE = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")


class BoilerplateTimeoutWarning(UserWarning):
    """A boilerplate pattern ran out of time on an article and was skipped for it."""


# --------------------------------------------------------------------------- rules


class TimedPattern:
    """A compiled ``regex`` pattern whose searches run under a timeout.

    On timeout, :meth:`search` warns (:class:`BoilerplateTimeoutWarning`) and
    returns ``None`` instead of hanging.
    """

    __slots__ = ("compiled", "pattern", "rule_id", "timeout", "literals")

    def __init__(self, compiled: Any, rule_id: str, timeout: float) -> None:
        self.compiled = compiled
        self.pattern: str = compiled.pattern
        self.rule_id = rule_id
        self.timeout = timeout
        # strings one of which every match contains: a text with none is not searched
        self.literals = required_literals(compiled)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        """Like ``re.Pattern.search``; ``None`` on timeout."""
        if self.literals is not None:
            low = lowered(string if pos == 0 and endpos is None else string[pos:endpos])
            if low is not None and not any(map(low.__contains__, self.literals)):
                return None
        try:
            if endpos is None:
                return self.compiled.search(string, pos, timeout=self.timeout)
            return self.compiled.search(string, pos, endpos, timeout=self.timeout)
        except TimeoutError:
            warn_timeout(self.rule_id, self.timeout)
            return None

    def finditer(self, string: str) -> Iterator[Any]:
        """Like ``re.Pattern.finditer``; stops (with a warning) on timeout."""
        try:
            yield from self.compiled.finditer(string, timeout=self.timeout)
        except TimeoutError:
            warn_timeout(self.rule_id, self.timeout)

    def __repr__(self) -> str:
        return f"TimedPattern({self.rule_id!r}, {self.pattern!r})"


def warn_timeout(rule_id: str, timeout: float) -> None:
    """Warn that rule ``rule_id`` ran out of its ``timeout`` and was skipped (for the caller's caller)."""
    warnings.warn(
        f"boilerplate rule {rule_id!r} ran longer than {timeout:g} s on one article "
        "and was skipped for it; simplify its pattern",
        BoilerplateTimeoutWarning,
        stacklevel=3,
    )


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated boilerplate rule (an entry of ``boilerplate.yaml``)."""

    id: str
    pattern: str
    scope: str
    reason: str
    compiled: Any = field(repr=False, compare=False)
    replace: str = ""
    ends_block: bool = False
    note: str | None = None
    line: int = 0
    source_file: str = "<dict>"


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """A validated set of boilerplate rules; pass it to :func:`clean`.

    Build it with :func:`load_boilerplate`; combine with :meth:`merged` and
    :meth:`without`.
    """

    rules: tuple[Rule, ...]
    name: str = "boilerplate"
    version: str = "user"
    path: str = "<dict>"
    timeout: float = DEFAULT_TIMEOUT

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        """Rule ids, in order."""
        return tuple(r.id for r in self.rules)

    @property
    def caption_patterns(self) -> tuple[TimedPattern, ...]:
        """Compiled caption patterns (searches time out instead of hanging)."""
        return tuple(
            TimedPattern(r.compiled, r.id, self.timeout) for r in self.rules if r.scope == "caption"
        )

    def merged(self, other: BoilerplateRules) -> BoilerplateRules:
        """These rules with ``other``'s over them (same id: ``other`` wins)."""
        by_id = {r.id: r for r in self.rules}
        for r in other.rules:
            by_id[r.id] = r
        return BoilerplateRules(
            rules=tuple(by_id.values()),
            name=self.name,
            version=f"{self.version}+{other.name}@{other.version}",
            path=self.path,
            timeout=self.timeout,
        )

    def _check_ids(self, param: str, caller: str, ids: Iterable[str]) -> None:
        unknown = sorted(set(ids) - set(self.ids))
        if unknown:
            raise param_error(param, caller, f"ids of existing rules, among {list(self.ids)}", ids,
                              got=f"{unknown} (no such rules)")

    def without(self, ids: Iterable[str]) -> BoilerplateRules:
        """These rules without the given ids (unknown ids raise ``ValueError``)."""
        if isinstance(ids, str):
            ids = [ids]
        drop = set(ids)
        self._check_ids("ids", "BoilerplateRules.without", drop)
        return BoilerplateRules(
            rules=tuple(r for r in self.rules if r.id not in drop),
            name=self.name,
            version=f"{self.version}-" + ",".join(sorted(drop)),
            path=self.path,
            timeout=self.timeout,
        )

    def to_frame(self) -> Any:
        """The rules as a DataFrame, one row per rule, for reading and teaching."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "id": r.id, "scope": r.scope, "reason": r.reason, "pattern": r.pattern,
                    "replace": r.replace, "ends_block": r.ends_block, "note": r.note,
                    "line": r.line,
                }
                for r in self.rules
            ]
        )


_SCHEMA = (
    Field("pattern", required=True),
    Field("scope", required=True, choices=SCOPES),
    Field("reason", required=True),
    Field("replace", kind="any"),
    Field("ends_block", kind="bool"),
    Field("note"),
)


def _expand_macros(pattern: str, macros: Mapping[str, str]) -> tuple[str, list[str]]:
    missing: list[str] = []

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            missing.append(name)
            return m.group(0)
        return macros[name]

    return _MACRO_RE.sub(sub, pattern), missing


def _rules_from_data(data: Any, path: str, timeout: float) -> BoilerplateRules:
    problems = check_header(data, _KIND, path)
    if problems:
        raise LexiconError(problems)
    macros_raw = data.get("macros") or {}
    macros: dict[str, str] = {}
    if not isinstance(macros_raw, dict):
        problems.append(f"{path} line {data.get(LINE, 1)}: 'macros' must be a mapping")
    else:
        mline = macros_raw.get(LINE, data.get(LINE, 1))
        for k, v in macros_raw.items():
            if k == LINE:
                continue
            if not isinstance(v, str) or not v:
                problems.append(f"{path} line {mline}: macro {k!r} must be a non-empty string")
            else:
                macros[str(k)] = v
    compiled: dict[int, Any] = {}

    def extra_check(raw: dict[str, Any], line: int) -> list[str]:
        out: list[str] = []
        scope = raw.get("scope")
        rep = raw.get("replace")
        if rep is not None:
            if not isinstance(rep, str):
                out.append(f"'replace' must be a string such as \"\\n\" or \"\", got {rep!r}")
            elif scope != "inline":
                out.append(f"'replace' is only allowed with scope 'inline', not {scope!r}")
        if "ends_block" in raw and scope not in ("line", "block"):
            out.append(f"'ends_block' is only allowed with scope 'line' or 'block', not {scope!r}")
        pat = raw.get("pattern")
        if isinstance(pat, str) and pat.strip():
            expanded, missing = _expand_macros(pat, macros)
            if missing:
                out.append(f"pattern uses undefined macro(s) {missing} (defined: {sorted(macros)})")
                return out
            try:
                rx = regex.compile(expanded)
            except regex.error as exc:
                out.append(f"pattern {pat!r} is not a valid regular expression ({exc})")
                return out
            try:
                empty = rx.fullmatch("", timeout=timeout) is not None
            except TimeoutError:  # pragma: no cover - an empty string cannot take long
                empty = False
            if empty:
                out.append(f"pattern {pat!r} matches the empty string")
            compiled[id(raw)] = rx
        return out

    raw_entries = data["entries"]
    entries, entry_problems = validate_entries(
        raw_entries, _SCHEMA, path, terms_key="terms", require_terms=False,
        extra_check=extra_check,
    )
    problems.extend(entry_problems)
    if problems:
        raise LexiconError(problems)
    rules = []
    for raw, e in zip((r for r in raw_entries if isinstance(r, dict)), entries):
        rules.append(
            Rule(
                id=e.id,
                pattern=str(e.get("pattern")),
                scope=str(e.get("scope")),
                reason=str(e.get("reason")),
                compiled=compiled[id(raw)],
                replace=str(e.get("replace", "")),
                ends_block=bool(e.get("ends_block", False)),
                note=e.get("note"),
                line=e.line,
                source_file=path,
            )
        )
    return BoilerplateRules(
        rules=tuple(rules),
        name=str(data.get("name", _KIND)),
        version=str(data["version"]),
        path=path,
        timeout=timeout,
    )


def _load_one(source: str | Path | Mapping[str, Any], timeout: float) -> BoilerplateRules:
    if isinstance(source, Mapping):
        data: dict[str, Any] = dict(source)
        data.setdefault("format", "framecmp-lexicon/1")
        data.setdefault("kind", _KIND)
        data.setdefault("version", "user")
        data.setdefault("name", "user")
        return _rules_from_data(data, "<dict>", timeout)
    return _rules_from_data(load_yaml_with_lines(source), str(source), timeout)


def load_boilerplate(
    path: str | Path | Mapping[str, Any] | None = None,
    *,
    extra: str | Path | Mapping[str, Any] | BoilerplateRules
    | Sequence[str | Path | Mapping[str, Any] | BoilerplateRules]
    | None = None,
    exclude: Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
) -> BoilerplateRules:
    """Load, validate and merge boilerplate rules.

    Parameters
    ----------
    path : path or mapping, optional
        A ``boilerplate.yaml`` file (or the same structure as a dict). Default:
        the bundled ``lexicons/boilerplate.yaml``.
    extra : path, mapping, BoilerplateRules or a list of them, optional
        User rules merged over ``path``'s (same id: the user's rule wins).
    exclude : iterable of str
        Rule ids to drop (e.g. ``["bp.source-line"]`` to keep "source:" lines).
    timeout : float
        Seconds one rule may run on one article before it is skipped for it.

    Returns
    -------
    BoilerplateRules

    Raises
    ------
    LexiconError
        Listing every problem of a file at once, each with file and line.

    Examples
    --------
    >>> rules = load_boilerplate()
    >>> "bp.comment-prompt" in rules.ids
    True
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise param_error("timeout", "load_boilerplate", "a positive number of seconds", timeout)
    rules = _load_one(data_path("boilerplate.yaml") if path is None else path, float(timeout))
    if extra is not None:
        extras = [extra] if isinstance(extra, (str, Path, Mapping, BoilerplateRules)) else extra
        for x in extras:
            other = x if isinstance(x, BoilerplateRules) else _load_one(x, float(timeout))
            rules = rules.merged(other)
    exclude = list(exclude) if not isinstance(exclude, str) else [exclude]
    if exclude:
        rules._check_ids("exclude", "load_boilerplate", exclude)
        rules = rules.without(exclude)
    return rules


@functools.lru_cache(maxsize=1)
def default_rules() -> BoilerplateRules:
    """The bundled rules, loaded once per process."""
    return load_boilerplate()
