"""Lexicon files: find, load, validate, merge.

Every lexicon is a YAML file with a header and a list of entries::

    format: framecmp-lexicon/1
    kind: loaded_terms
    name: loaded_terms
    version: "2026.11.0"
    languages: [en]
    description: ...
    source: ...
    entries:
      - id: lt.junta
        terms: [junta]
        ...

Files are read with ``yaml.SafeLoader`` only, and anchors and aliases are refused
(:func:`refuse_aliases`: an alias bomb would take gigabytes to load). Every mapping remembers the line
it starts on (key ``__line__``), so that validation can report *every* problem
at once as ``file line N: message``. Lexicon files are read with the line of
each key too (:func:`key_line`), so that a problem with one field is reported
at that field's line, not at its entry's ``- id:`` line.

``languages`` lists the languages (ISO 639-1 codes) whose texts the lexicon's entries
read; a file without it reads English (:data:`DEFAULT_LANGUAGES`). An article is scored
only in a language that every measure's lexicons read; any other gets the status
``unsupported_language`` (:mod:`framecmp.scoring`). A French lexicon says
``languages: [fr]``.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

__all__ = [
    "MODEL_HASHES",
    "check_model_hash",
    "file_sha256",
    "models_dir",
    "DEFAULT_LANGUAGES",
    "FORMAT",
    "Lexicon",
    "LexiconError",
    "Entry",
    "check_header",
    "common_languages",
    "data_path",
    "expand_term",
    "header_languages",
    "lexicon_dir",
    "key_line",
    "load_lexicon",
    "load_yaml_with_lines",
    "refuse_aliases",
    "seeds_path",
    "Field",
]

FORMAT = "framecmp-lexicon/1"
LINE = "__line__"

DEFAULT_LANGUAGES: tuple[str, ...] = ("en",)
"""The languages of a lexicon whose header has no ``languages`` field."""


def common_languages(*groups: Iterable[str]) -> tuple[str, ...]:
    """The languages every group reads, in the first group's order (a measure reads a
    language only when all its lexicons do)."""
    sets = [tuple(g) for g in groups]
    if not sets:
        return DEFAULT_LANGUAGES
    return tuple(x for x in sets[0] if all(x in g for g in sets[1:]))


def header_languages(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The ``languages`` of a lexicon header (lowercase codes), or :data:`DEFAULT_LANGUAGES`."""
    value = data.get("languages")
    if isinstance(value, str):
        value = [value]
    if not value or not isinstance(value, (list, tuple)):
        return DEFAULT_LANGUAGES
    return tuple(str(v).strip().lower() for v in value)


class LexiconError(ValueError):
    """A lexicon file (or dict) has one or more problems.

    ``problems`` lists every problem found, each as ``"<file> line N: ..."``.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in lexicon data:\n"
        super().__init__(head + "\n".join(f"  - {p}" for p in self.problems))


# --------------------------------------------------------------------------- paths


def _root_candidates(name: str) -> list[Path]:
    """Where the top-level ``lexicons/`` or ``seeds/`` folder can be.

    In a wheel they are copied to ``framecmp/_data/<name>``; in a source
    checkout (editable install, tests) they are the top-level folders.
    """
    out: list[Path] = []
    try:
        res = importlib.resources.files("framecmp") / "_data" / name
        out.append(Path(str(res)))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    out.append(Path(__file__).resolve().parents[2] / name)
    return out


def _find_dir(name: str) -> Path:
    for cand in _root_candidates(name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(
        f"framecmp cannot find its bundled '{name}/' folder; looked in "
        + ", ".join(str(c) for c in _root_candidates(name))
    )


def lexicon_dir() -> Path:
    """The folder holding the bundled lexicon files."""
    return _find_dir("lexicons")


def models_dir() -> Path:
    """The folder holding the bundled model folders (``models/`` in the repo), such as
    ``neural_stance/`` of ``engine="neural"``."""
    return _find_dir("models")


def data_path(filename: str) -> Path:
    """Path of a bundled lexicon file, e.g. ``data_path("actors.yaml")``."""
    p = lexicon_dir() / filename
    if not p.is_file():
        available = sorted(x.name for x in lexicon_dir().iterdir() if x.is_file())
        raise FileNotFoundError(
            f"No bundled lexicon file named {filename!r}. Available: {available}"
        )
    return p


_T = TypeVar("_T")


_BUNDLED_MODELS: dict[tuple[str, Any], Any] = {}


def read_json_model(
    source: str | Path | Mapping[str, Any] | None,
    parse: Callable[[dict[str, Any], str], _T],
    *,
    bundled: str | None = None,
) -> _T:
    """A model kept as plain JSON (never a pickle): ``parse(data, where)`` of a file or a dict.

    ``source=None`` reads the bundled file ``bundled`` of ``lexicons/`` once per process
    (later calls return the same object). A file that is not valid JSON raises
    :class:`LexiconError` with its name and line.
    """
    if source is None:
        if bundled is None:
            raise TypeError("read_json_model() needs a source, or the name of a bundled file")
        key = (bundled, parse)
        if key not in _BUNDLED_MODELS:
            path = data_path(bundled)
            check_model_hash(path)
            _BUNDLED_MODELS[key] = read_json_model(path, parse)
        return _BUNDLED_MODELS[key]  # type: ignore[no-any-return]
    if isinstance(source, Mapping):
        return parse(dict(source), "<dict>")
    p = Path(source)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise LexiconError([f"{p} line {e.lineno}: not valid JSON ({e.msg})"]) from None
    return parse(data, str(p))


#: The sha256 of every bundled model file, one ``<hash>  <file>`` line each (sha256sum format).
MODEL_HASHES = "models.sha256"


def file_sha256(path: str | Path) -> str:
    """The sha256 (hex) of a file, read in blocks of 1 MiB."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_model_hash(path: str | Path) -> None:
    """Raise :class:`LexiconError` unless the bundled model file ``path`` has the sha256 that
    ``lexicons/models.sha256`` lists for it (a changed or truncated model is never used).

    A model rebuilt by its script in ``benchmarks/`` needs its new line there:
    ``cd lexicons && sha256sum *.json > models.sha256``.
    """
    p = Path(path)
    listing = p.parent / MODEL_HASHES
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise LexiconError([f"{listing}: cannot read the model hashes ({e.strerror})"]) from None
    expected = {name.strip(): h for h, _sep, name in (ln.partition("  ") for ln in lines) if name}
    if p.name not in expected:
        raise LexiconError([f"{p}: no sha256 listed for it in {listing}"])
    got = hashlib.sha256(p.read_bytes()).hexdigest()
    if got != expected[p.name]:
        raise LexiconError([
            f"{p}: sha256 {got} does not match the {expected[p.name]} listed in {listing}; the "
            "model file was changed or damaged: reinstall framecmp, or rebuild it with its "
            "script in benchmarks/ and update models.sha256"
        ])


def seeds_path() -> Path:
    """The folder holding the bundled seed corpus."""
    return _find_dir("seeds")


# --------------------------------------------------------------------------- YAML with lines


_BaseSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


class _LineLoader(_BaseSafeLoader):  # type: ignore[misc,valid-type]
    """Safe loader (libyaml when present) that records the 1-based line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    mapping = yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


class LinedDict(dict):  # type: ignore[type-arg]
    """A mapping read from YAML that also knows the line of each of its keys (``key_lines``)."""

    key_lines: dict[str, int]


class _KeyLineLoader(_LineLoader):
    """:class:`_LineLoader` that also records the 1-based line of every key of a mapping."""


def _construct_lined_mapping(loader: _KeyLineLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    mapping = LinedDict(yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=True))
    mapping[LINE] = node.start_mark.line + 1
    mapping.key_lines = {
        str(k.value): k.start_mark.line + 1 for k, _v in node.value if isinstance(k, yaml.ScalarNode)
    }
    return mapping


_KeyLineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_lined_mapping,  # type: ignore[arg-type]
)


def key_line(raw: Any, key: str, default: int) -> int:
    """The line of ``key`` in a mapping read by ``load_yaml_with_lines(..., key_lines=True)``,
    else ``default`` (a dict built in Python, or a key it does not have)."""
    lines = getattr(raw, "key_lines", None)
    return int(lines.get(key, default)) if lines else default


# an anchor (&name) or alias (*name) can only start where a YAML token starts: cheap to
# rule out in text, so that only a file that may hold one is parsed twice
_MAYBE_ANCHOR_RE = re.compile(r"(?:^|[\s\[\{,])[&*][^\s\[\]\{\},]", re.MULTILINE)


def refuse_aliases(text: str, path: str | Path) -> None:
    """Raise :class:`LexiconError` if the YAML ``text`` has an anchor (``&name``) or an
    alias (``*name``), naming the file and line.

    framecmp's YAML files (lexicons, metadata) need neither, and aliases can expand
    exponentially ("billion laughs": a few lines that take gigabytes to load), so they
    are refused before anything is built.
    """
    if _MAYBE_ANCHOR_RE.search(text) is None:
        return
    try:
        for event in yaml.parse(text, Loader=_BaseSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                kind = "an alias (*" if isinstance(event, yaml.AliasEvent) else "an anchor (&"
                line = event.start_mark.line + 1 if event.start_mark is not None else "?"
                raise LexiconError([
                    f"{path} line {line}: {kind}{anchor}): YAML anchors and aliases are not "
                    "allowed in framecmp files; write the value out in full"
                ])
    except yaml.YAMLError:
        return  # not valid YAML: the loader reports it, with its line


def _too_deep_line(text: str, limit: int = 100) -> int | str:
    """The line where the nesting of ``text`` (YAML) first goes past ``limit`` levels."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit and event.start_mark is not None:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return "?"


def load_yaml_with_lines(path: str | Path, *, key_lines: bool = False) -> Any:
    """Parse a YAML file safely; every mapping gets its line under ``__line__``.

    With ``key_lines=True`` every mapping is a :class:`LinedDict` that also knows the
    line of each key (read it with :func:`key_line`).

    Raises
    ------
    LexiconError
        If the file cannot be read as UTF-8 or is not valid YAML (with the line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    except OSError as exc:
        raise LexiconError([f"{path}: cannot be read ({exc.strerror})"]) from exc
    refuse_aliases(text, path)
    try:
        # a safe loader: no Python tags, no object construction
        loader = _KeyLineLoader(text) if key_lines else _LineLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except RecursionError:  # nested deeper than Python builds (libyaml itself stops at 1,000)
        raise LexiconError([f"{path} line {_too_deep_line(text)}: values nested too deeply to read; "
                            "lexicons and metadata need a few levels"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError([f"{path}{where}: not valid YAML ({problem})"]) from exc


#: the most phrases one written term may stand for (a typo such as a missing ")" must not
#: make millions)
MAX_EXPANSION = 2000
_GROUP = re.compile(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]")


def expand_term(term: str) -> list[str]:
    """The phrases a lexicon term stands for: ``(a|b)`` is one of the words or phrases between
    the brackets, ``[a|b]`` one of them or nothing, ``[the]`` "the" or nothing::

        >>> expand_term("(deny|denied) [the] charges")
        ['deny charges', 'deny the charges', 'denied charges', 'denied the charges']

    A term without brackets is itself. Raises :class:`ValueError` for a bracket that is not
    closed, brackets inside brackets, an empty choice in ``( )`` or only one, a group that
    touches the next word ("(a|b)(c|d)"), a ``|`` outside brackets, or more than
    :data:`MAX_EXPANSION` phrases.
    """
    if not any(c in term for c in "()[]|"):
        return [term]
    parts: list[list[str]] = []
    pos = 0
    for m in _GROUP.finditer(term):
        parts.append([term[pos:m.start()]])
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        choices = [c.strip() for c in inner.split("|")]
        if m.group(1) is not None and not all(choices):
            raise ValueError(f"an empty choice in {m.group(0)!r}")
        if m.group(1) is not None and len(choices) == 1:
            raise ValueError(f"{m.group(0)!r} offers one choice: write the words without brackets "
                             "(brackets in a term mean choices, not the text's own brackets)")
        if (m.start() > 0 and not term[m.start() - 1].isspace()) or (
                m.end() < len(term) and not term[m.end()].isspace()):
            raise ValueError(f"{m.group(0)!r} touches the word next to it: put a space around choices")
        if m.group(2) is not None:
            choices = [""] + [c for c in choices if c]
        parts.append(choices)
        pos = m.end()
    parts.append([term[pos:]])
    rest = "".join(p[0] for p in parts[::2])
    if any(c in rest for c in "()[]|"):
        raise ValueError("a bracket that is not closed, brackets inside brackets, or a '|' outside "
                         "brackets (write choices as (a|b), optional words as [a|b])")
    total = 1
    for p_ in parts:
        total *= len(p_)
    if total > MAX_EXPANSION:
        raise ValueError(f"stands for {total} phrases (at most {MAX_EXPANSION}); split it into several terms")
    out = [""]
    for p_ in parts:
        out = [a + b for a in out for b in p_]
    seen: dict[str, None] = {}
    for t in out:
        t = " ".join(t.split())
        if t:
            seen.setdefault(t, None)
    if not seen:
        raise ValueError("stands for no words at all")
    return list(seen)


def strip_lines(obj: Any) -> Any:
    """Return ``obj`` with every ``__line__`` key removed (recursively)."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != LINE}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


def check_header(data: Any, kind: str, path: str | Path) -> list[str]:
    """Problems with a lexicon file's header (format, kind, version, entries)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return [f"{path} line 1: the file must be a mapping with a header and 'entries'"]
    line = data.get(LINE, 1)
    if data.get("format") != FORMAT:
        problems.append(f"{path} line {line}: 'format' must be {FORMAT!r}, got {data.get('format')!r}")
    if data.get("kind") != kind:
        problems.append(f"{path} line {line}: 'kind' must be {kind!r}, got {data.get('kind')!r}")
    if not isinstance(data.get("version"), str) or not data.get("version"):
        problems.append(f"{path} line {line}: 'version' must be a non-empty string (quote it)")
    if not isinstance(data.get("entries"), list):
        problems.append(f"{path} line {line}: 'entries' must be a list")
    langs = data.get("languages")
    if langs is not None and not (
        isinstance(langs, list) and langs
        and all(isinstance(v, str) and v.strip().isalpha() and 2 <= len(v.strip()) <= 3 for v in langs)
    ):
        problems.append(f"{path} line {line}: 'languages' must be a list of language codes "
                        f"such as [en] or [en, fr], got {langs!r}")
    return problems


# --------------------------------------------------------------------------- generic lexicons


@dataclass(frozen=True, slots=True)
class Field:
    """Schema of one entry field: type check, requiredness, allowed values."""

    name: str
    required: bool = False
    kind: str = "str"  # str | number | list | bool | any
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: an id, the phrases it matches, and its other fields."""

    id: str
    terms: tuple[str, ...]
    fields: Mapping[str, Any]
    line: int
    source_file: str

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A validated lexicon: header plus entries, in file order."""

    kind: str
    name: str
    version: str
    entries: tuple[Entry, ...]
    description: str = ""
    source: str = ""
    path: str = "<dict>"
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """A short hash of the entries' content: tells edited copies apart in provenance."""
        return _digest(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this lexicon reads (its ``languages`` header; default English)."""
        return header_languages(self.meta)

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def to_frame(self) -> Any:
        """The entries as a DataFrame (one row per entry), for reading and teaching."""
        import pandas as pd

        rows = []
        for e in self.entries:
            row: dict[str, Any] = {"id": e.id, "terms": " | ".join(e.terms)}
            row.update({k: v for k, v in e.fields.items()})
            row["line"] = e.line
            rows.append(row)
        return pd.DataFrame(rows)

    def merged(self, other: Lexicon, *, replace: bool = False) -> Lexicon:
        """Entries of ``other`` over these (same id: other wins), or replacing all."""
        if replace:
            entries = other.entries
        else:
            mine = {e.id: e for e in self.entries}
            for e in other.entries:
                mine[e.id] = e
            entries = tuple(mine.values())
        tag = f"{other.name}@{other.version}#{other.digest}"
        version = tag if replace else f"{self.version}+{tag}"
        return Lexicon(
            kind=self.kind, name=self.name, version=version, entries=entries,
            description=self.description, source=self.source, path=self.path, meta=self.meta,
        )


def _digest(entries: tuple[Entry, ...]) -> str:
    import json

    payload = json.dumps(
        [[e.id, list(e.terms), dict(e.fields)] for e in entries], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]


def _check_value(f: Field, value: Any) -> str | None:
    if f.kind == "str":
        if not isinstance(value, str) or not value.strip():
            return f"'{f.name}' must be a non-empty string, got {value!r}"
        if f.choices is not None and value not in f.choices:
            return f"'{f.name}' must be one of {list(f.choices)}, got {value!r}"
    elif f.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"'{f.name}' {value!r} is not a number"
        if f.low is not None and value < f.low or f.high is not None and value > f.high:
            return f"'{f.name}' {value!r} is outside [{f.low}, {f.high}]"
    elif f.kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return f"'{f.name}' must be a list of non-empty strings, got {value!r}"
    elif f.kind == "bool":
        if not isinstance(value, bool):
            return f"'{f.name}' must be true or false, got {value!r}"
    return None


def validate_entries(
    raw_entries: Iterable[Any],
    schema: Iterable[Field],
    path: str,
    *,
    terms_key: str = "terms",
    require_terms: bool = True,
    extra_check: Callable[[dict[str, Any], int], Sequence[str | tuple[str, str]]] | None = None,
) -> tuple[list[Entry], list[str]]:
    """Check every entry against ``schema``; return entries and all problems.

    ``terms`` may be given as ``term: x`` or ``terms: [x, y]``. Unknown keys
    are reported (a typo in a key would otherwise be silently ignored).
    A problem with one field is reported at that field's line where the file
    was read with key lines (:func:`key_line`), else at the entry's line;
    ``extra_check`` may name the field of a problem as ``(key, message)``.
    """
    schema = list(schema)
    known = {f.name for f in schema} | {"id", "term", "terms", LINE}
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_entries):
        if not isinstance(raw, dict):
            problems.append(f"{path}: entry #{i + 1} is not a mapping (got {raw!r})")
            continue
        line = int(raw.get(LINE, 0))
        where = f"{path} line {line}"
        eid = raw.get("id")
        if not isinstance(eid, str) or not eid.strip():
            problems.append(f"{where}: entry has no 'id'")
            eid = f"<entry #{i + 1}>"
        elif eid in seen:
            problems.append(f"{where}: id {eid!r} already used at line {seen[eid]}")
        else:
            seen[eid] = line

        def at(key: str, raw: Any = raw, line: int = line) -> str:
            return f"{path} line {key_line(raw, key, line)}"

        for key in raw:
            if key not in known:
                problems.append(f"{at(str(key))}: unknown key {key!r} (known: {sorted(known - {LINE})})")
        terms: list[str] = []
        def add(t: str, key: str, terms: list[str] = terms) -> None:
            try:
                terms.extend(expand_term(t))
            except ValueError as exc:
                problems.append(f"{at(key)}: term {t!r}: {exc}")

        if "term" in raw and terms_key == "terms":
            t = raw["term"]
            if not isinstance(t, str) or not t.strip():
                problems.append(f"{at('term')}: 'term' must be a non-empty string, got {t!r}")
            else:
                add(t, "term")
        if terms_key in raw:
            ts = raw[terms_key]
            if not isinstance(ts, list) or not ts:
                problems.append(f"{at(terms_key)}: '{terms_key}' must be a non-empty list, got {ts!r}")
            else:
                for t in ts:
                    if not isinstance(t, str) or not t.strip():
                        problems.append(f"{at(terms_key)}: empty or non-string term {t!r} in '{terms_key}'")
                    else:
                        add(t, terms_key)
        if require_terms and not terms and "pattern" not in raw and "term" not in raw and terms_key not in raw:
            problems.append(f"{where}: entry {eid!r} has no 'term', 'terms' or 'pattern'")
        fields_: dict[str, Any] = {}
        for f in schema:
            if f.name not in raw or raw[f.name] is None:
                if f.required:
                    problems.append(f"{where}: entry {eid!r} is missing '{f.name}'")
                continue
            msg = _check_value(f, raw[f.name])
            if msg:
                problems.append(f"{at(f.name)}: {msg}")
            fields_[f.name] = strip_lines(raw[f.name])
        if extra_check is not None:
            problems.extend(
                f"{at(m[0])}: {m[1]}" if isinstance(m, tuple) else f"{where}: {m}"
                for m in extra_check(raw, line)
            )
        entries.append(Entry(id=str(eid), terms=tuple(terms), fields=fields_, line=line, source_file=path))
    return entries, problems


def load_lexicon(
    source: str | Path | Mapping[str, Any],
    *,
    kind: str,
    schema: Iterable[Field],
    require_terms: bool = True,
    extra_check: Callable[[dict[str, Any], int], Sequence[str | tuple[str, str]]] | None = None,
) -> Lexicon:
    """Load and validate one lexicon file (or an equivalent dict).

    Parameters
    ----------
    source : path or mapping
        A YAML file in the framecmp lexicon format, or the same structure as a dict.
    kind : str
        The expected ``kind`` header value, e.g. ``"loaded_terms"``.
    schema : iterable of Field
        The fields an entry may have.

    Raises
    ------
    LexiconError
        Listing every problem found, each with file and line.
    """
    if isinstance(source, Mapping):
        data: Any = dict(source)
        path = "<dict>"
        data.setdefault("format", FORMAT)
        data.setdefault("kind", kind)
        data.setdefault("version", "user")
    else:
        path = str(source)
        data = load_yaml_with_lines(source, key_lines=True)
    problems = check_header(data, kind, path)
    if problems:
        raise LexiconError(problems)
    entries, problems = validate_entries(
        data["entries"], schema, path, require_terms=require_terms, extra_check=extra_check
    )
    if problems:
        raise LexiconError(problems)
    meta = {k: strip_lines(v) for k, v in data.items() if k not in {"entries", LINE}}
    return Lexicon(
        kind=kind,
        name=str(data.get("name", kind)),
        version=str(data["version"]),
        entries=tuple(entries),
        description=str(data.get("description", "")),
        source=str(data.get("source", "")),
        path=path,
        meta=meta,
    )
