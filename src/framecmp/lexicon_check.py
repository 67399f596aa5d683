"""Checking lexicon files as a teacher edits them: every problem, with its line.

``framecmp lexicon check FILE`` reads the file's ``kind:`` header and runs that
kind's loader (:data:`LEXICON_KINDS`); a loaded-terms file is also checked
against the bundled actors and categories. :func:`write_editable_lexicon`
writes a bundled lexicon out for editing.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from framecmp._validation import check_choice
from framecmp.io.boilerplate import load_boilerplate
from framecmp.lexicons import (
    LINE,
    LexiconError,
    data_path,
    key_line,
    lexicon_dir,
    load_lexicon,
    load_yaml_with_lines,
    refuse_aliases,
)
from framecmp.measures.actors import ActorIndex, load_actors
from framecmp.measures.attribution.config import HEDGE_SCHEMA, SOURCE_SCHEMA, VERB_SCHEMA
from framecmp.measures.stance.cues import CUE_SCHEMA, check_cue, load_stance_cues
from framecmp.measures.stance.deeds import load_effects
from framecmp.measures.terms import KIND, NOT_LOADED, load_terms

__all__ = ["LEXICON_KINDS", "check_lexicon_file", "write_editable_lexicon"]


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _near_miss(word: str, known: Iterable[str]) -> str | None:
    """The known name ``word`` is most likely a typo of: at most 1 edit away for names of
    up to 5 letters, 2 for longer ones ("violense" -> "violence"); None if none is that close."""
    best = min(known, key=lambda k: (_edit_distance(word, k), k), default=None)
    if best is None or best == word:
        return None
    return best if _edit_distance(word, best) <= (1 if len(word) <= 5 else 2) else None


def _actor_ids(actors: Any) -> set[str]:
    """The bundled actor ids, plus those of ``actors`` (an ActorIndex, or what
    :func:`framecmp.measures.actors.load_actors` takes as ``extra``)."""
    if isinstance(actors, ActorIndex):
        return set(load_actors().actors) | set(actors.actors)
    if isinstance(actors, (set, frozenset)):  # plain ids
        return set(load_actors().actors) | {str(a) for a in actors}
    return set(load_actors(extra=actors).actors)


def _cross_check(path: Path, actors: Any = None) -> list[str]:
    """What a loaded-terms file names that the other bundled files do not know.

    * a ``referent`` that is not an actor id (of the bundled ``actors.yaml``, or of
      ``actors``): the label-choice table would file the label under a name no actor has;
    * a ``category`` that is not a bundled one but is one or two letters away from one
      ("violense" -> "violence"): most likely a typo, which would start a category of its
      own. A category of your own that is not that close to a bundled one is fine.

    Each problem is reported at the field's own line.
    """
    try:
        data = load_yaml_with_lines(path, key_lines=True)
    except LexiconError:
        return []  # the loader has reported it
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return []
    ids = _actor_ids(actors)
    cats = {e.category for e in load_terms().entries} | {NOT_LOADED}
    problems: list[str] = []
    for raw in data["entries"]:
        if not isinstance(raw, dict):
            continue
        line = int(raw.get(LINE, 0))
        ref = raw.get("referent")
        if isinstance(ref, str) and ref.strip() and ref not in ids:
            near = _near_miss(ref, ids)
            hint = f"did you mean {near!r}? " if near else ""
            problems.append(
                f"{path} line {key_line(raw, 'referent', line)}: 'referent' {ref!r} is not an actor id; "
                f"{hint}the label-choice table would file this label under an actor that no actor file "
                f"knows. Known ids: {', '.join(sorted(ids))}. For an actor of your own, add it with "
                "load_actors(extra=...) and check with check_lexicon_file(path, actors=...)."
            )
        cat = raw.get("category")
        if isinstance(cat, str) and cat not in cats:
            near = _near_miss(cat, cats)
            if near is not None:
                problems.append(
                    f"{path} line {key_line(raw, 'category', line)}: 'category' {cat!r} is not a bundled "
                    f"category; did you mean {near!r}? (A category of your own is fine: give it a name "
                    "that is not a letter or two away from a bundled one.)"
                )
    return problems



def write_editable_lexicon(
    path: str | Path, *, which: str = "loaded_terms", overwrite: bool = False
) -> Path:
    """Write an editable copy of a bundled lexicon (comments and all) for a student.

    Parameters
    ----------
    path : str or Path
        Where to write; a folder gets ``<which>.yaml`` inside it.
    which : str
        A bundled lexicon's name, e.g. ``"loaded_terms"``, ``"subjective_general"``,
        ``"actors"``, ``"reporting_verbs"``.
    overwrite : bool, default False
        Replace an existing file.

    Returns
    -------
    Path
        The file written. Check it after editing with :func:`check_lexicon_file`.
    """
    check_choice("which", "write_editable_lexicon", which,
                 sorted(p.stem for p in lexicon_dir().glob("*.yaml")))
    dest = Path(path)
    if dest.is_dir():
        dest = dest / f"{which}.yaml"
    if dest.exists() and not overwrite:
        raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it.")
    shutil.copyfile(data_path(f"{which}.yaml"), dest)
    return dest


LEXICON_KINDS: dict[str, Callable[[Path], Any]] = {
    "loaded_terms": load_terms,
    "actors": load_actors,
    "boilerplate": load_boilerplate,
    "stance_cues": load_stance_cues,
    "target_sentiment": functools.partial(load_lexicon, kind="target_sentiment", schema=CUE_SCHEMA,
                                          extra_check=check_cue),
    "reporting_verbs": functools.partial(load_lexicon, kind="reporting_verbs", schema=VERB_SCHEMA),
    "hedges": functools.partial(load_lexicon, kind="hedges", schema=HEDGE_SCHEMA),
    "effects": load_effects,
    "sources": functools.partial(load_lexicon, kind="sources", schema=SOURCE_SCHEMA),
}
"""Lexicon kind (the ``kind:`` header) -> a loader that validates a file of that kind.

Loaders raise :class:`framecmp.lexicons.LexiconError`.
"""


def _read_header(path: Path) -> Any:
    """The header of a lexicon file (everything before ``entries:``), with lines.

    Parsing only the header keeps the check of a large file fast; the kind's
    loader then parses and validates the whole file.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return load_yaml_with_lines(path)  # raises LexiconError with the reason
    refuse_aliases(text, path)
    m = re.search(r"^entries:", text, flags=re.MULTILINE)
    if m is None:
        return load_yaml_with_lines(path)
    try:
        head = yaml.safe_load(text[: m.start()])
    except (yaml.YAMLError, RecursionError):
        return load_yaml_with_lines(path)  # raises LexiconError with the line
    if not isinstance(head, dict):
        return load_yaml_with_lines(path)
    head[LINE] = 1
    return head


def check_lexicon_file(path: str | Path, *, actors: Any = None) -> list[str]:
    """Every problem in a lexicon file, each as ``"<file> line N: ..."``; [] if fine.

    The kind is read from the file's ``kind:`` header and the file is checked
    by that kind's loader (:data:`LEXICON_KINDS`). Used by
    ``framecmp lexicon check FILE``. A problem with one field is reported at
    that field's line.

    An actors file is also loaded over the bundled actors, as
    ``load_actors(extra=path)`` does, so that a name or alias another actor
    has too (undeclared) is reported here as loading reports it.

    A loaded-terms file is also checked against the other bundled files
    (reported as problems here; :func:`load_terms` itself still accepts them,
    so that a user's own actors work): a ``referent`` that is not an actor id,
    and a ``category`` one or two letters away from a bundled one
    ("violense": did you mean "violence"?). Categories of your own are fine.

    Parameters
    ----------
    path : str or Path
    actors : optional
        Actors of your own that referents may name: an
        :class:`~framecmp.measures.actors.ActorIndex`, a set of ids, or what
        :func:`framecmp.measures.actors.load_actors` takes as ``extra`` (a file, a dict).

    Examples
    --------
    >>> check_lexicon_file(data_path("loaded_terms.yaml"))
    []
    """
    path = Path(path)
    try:
        data = _read_header(path)
    except LexiconError as exc:
        return list(exc.problems)
    if not isinstance(data, dict):
        return [f"{path} line 1: the file must be a mapping with a header and 'entries'"]
    kind = data.get("kind")
    line = data.get(LINE, 1)
    if kind not in LEXICON_KINDS:
        return [f"{path} line {line}: 'kind' must be one of {sorted(LEXICON_KINDS)}, got {kind!r}"]
    problems: list[str] = []
    try:
        LEXICON_KINDS[kind](path)
    except LexiconError as exc:
        problems = list(exc.problems)
    if kind == KIND:
        problems += _cross_check(path, actors)
    if kind == "actors" and not problems:
        problems = _actor_collisions(path)
    return problems


def _actor_collisions(path: Path) -> list[str]:
    """What :func:`~framecmp.measures.actors.load_actors` says of an actor file of your own
    added over the bundled actors (``load_actors(extra=path)``, the way your actors are
    used): a name or alias that a bundled actor also has, undeclared, is refused there."""
    try:
        load_actors(extra=path)
    except LexiconError as exc:
        return [f"{p} (with the bundled actors, as load_actors(extra={str(path)!r}) reads it)"
                for p in exc.problems]
    return []
