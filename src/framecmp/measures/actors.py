"""Actors and their mentions: names, aliases, demonyms, metonyms, people.

An :class:`ActorIndex` is built once from ``lexicons/actors.yaml`` (plus any
user file or dict) by :func:`load_actors`; :func:`find_mentions` finds every
mention of an actor in an analysed :class:`~framecmp.text.doc.Doc`.

Matching uses the shared :class:`~framecmp.text.doc.PhraseMatcher`: whole tokens,
case- and diacritic-insensitive (except aliases declared ``case: true``, such
as "US"), leftmost-longest. "Niger" therefore never matches "Nigeria", and
"Nigerien" (Niger) is not "Nigerian" (Nigeria).

People are resolved within one article: a full name ("Abdoulaye Diop") always
resolves; a bare surname ("Diop") refers to the person last named in full
before it; if no one was, and only one person in the article (or in the
index) carries that surname, to that person; otherwise the mention is marked
``ambiguous`` and has no actor (it is not counted).

Examples
--------
>>> from framecmp.text.doc import analyze
>>> index = load_actors()
>>> doc = analyze("Sergey Lavrov met Abdoulaye Diop in Moscow. Diop thanked Niger.")
>>> [(m.text, m.actor, m.via) for m in find_mentions(doc, index)]
[('Sergey Lavrov', 'russia', 'person'), ('Abdoulaye Diop', 'mali', 'person'), ('Moscow', 'russia', 'metonym'), ('Diop', 'mali', 'person'), ('Niger', 'niger', 'name')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framecmp._validation import type_error
from framecmp.lexicons import (
    LINE,
    LexiconError,
    check_header,
    data_path,
    load_yaml_with_lines,
    strip_lines,
)
from framecmp.text.doc import Doc, PhraseMatcher, normalize, tokenize

__all__ = [
    "ACTOR_TYPES",
    "VIA",
    "Person",
    "Actor",
    "ActorIndex",
    "Mention",
    "load_actors",
    "find_mentions",
]

ACTOR_TYPES = ("country", "organisation", "armed_group", "collective")
VIA = ("name", "alias", "demonym", "metonym", "person")
_KNOWN_KEYS = {
    "id", "name", "type", "aliases", "demonyms", "metonyms", "people",
    "ambiguous_with", "not_mentions", "description", LINE,
}
_PERSON_KEYS = {"name", "aliases", "surname", "role", LINE}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Person:
    """A person tied to an actor: ``Sergey Lavrov`` -> ``russia``."""

    name: str
    actor: str
    surname: str
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: id, display name, type and every way of naming it.

    ``case_aliases`` are matched with their exact capitalisation ("US").
    ``not_mentions`` are longer phrases that contain one of the actor's names
    but name something else ("Washington Post", "Moscow Times"): they are
    matched (longest match wins) so that they hide the shorter name, and never
    reported as mentions.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    case_aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    ambiguous_with: tuple[str, ...] = ()
    not_mentions: tuple[str, ...] = ()
    line: int = 0
    source_file: str = "<dict>"


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor in an article.

    Attributes
    ----------
    start, end : int
        Offsets into the cleaned text (``doc.text[start:end] == text``).
    text : str
        The words of the mention.
    actor : str or None
        The actor id; None when the mention is ambiguous (not counted).
    via : str
        How it was recognised: name, alias, demonym, metonym or person.
    person : str or None
        The full name of the person, for ``via == "person"``.
    ambiguous : bool
        True when the phrase names several actors (declared ambiguity) or a
        surname could not be resolved.
    sentence : int or None
        Index of the sentence in the doc.
    candidates : tuple of str
        The actor ids the phrase could refer to.
    """

    start: int
    end: int
    text: str
    actor: str | None
    via: str
    person: str | None = None
    ambiguous: bool = False
    sentence: int | None = None
    candidates: tuple[str, ...] = ()


# --------------------------------------------------------------------------- index


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """The loaded actors and the one phrase matcher built over them.

    Build it with :func:`load_actors`. Keys of the matcher are
    ``"<via>|<actor>|<person or ''>"``, plus ``"surname||<surname>"`` for bare
    surnames, resolved per article by :func:`find_mentions`.
    """

    actors: Mapping[str, Actor]
    version: str
    matcher: PhraseMatcher = field(repr=False)
    people_by_surname: Mapping[str, tuple[Person, ...]] = field(repr=False)
    people_by_name: Mapping[str, Person] = field(repr=False)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def person(self, name: str) -> Person | None:
        """The person with this full name (or alias), if known."""
        return self.people_by_name.get(normalize(name))

    def mentions_in_text(self, text: str) -> list[Mention]:
        """Mentions in a short piece of text (no per-article surname memory)."""
        from framecmp.text.doc import analyze

        return find_mentions(analyze(text), self)

    def affiliation_of_text(self, text: str) -> str | None:
        """The actor a short span of text points to, or None.

        Used for sources: "the Malian diplomat" -> ``mali``; "Lavrov" ->
        ``russia``. Persons win over names, names over demonyms and metonyms;
        the first mention wins among equals. Ambiguous mentions are skipped.

        Examples
        --------
        >>> load_actors().affiliation_of_text("the Malian diplomat")
        'mali'
        """
        ranked = sorted(
            (m for m in self.mentions_in_text(text) if m.actor is not None),
            key=lambda m: (_VIA_RANK[m.via], m.start),
        )
        return ranked[0].actor if ranked else None

    def to_frame(self) -> Any:
        """One row per actor phrase (for reading and teaching)."""
        import pandas as pd

        rows: list[dict[str, Any]] = []
        for a in self.actors.values():
            rows.append({"actor": a.id, "type": a.type, "via": "name", "phrase": a.name, "person": None})
            for via, phrases in (
                ("alias", a.aliases + a.case_aliases), ("demonym", a.demonyms), ("metonym", a.metonyms)
            ):
                rows += [{"actor": a.id, "type": a.type, "via": via, "phrase": p, "person": None} for p in phrases]
            for p in a.people:
                rows.append({"actor": a.id, "type": a.type, "via": "person", "phrase": p.name, "person": p.name})
        return pd.DataFrame(rows)


_VIA_RANK = {"person": 0, "name": 1, "alias": 1, "demonym": 2, "metonym": 3}


# --------------------------------------------------------------------------- loading


def _str_list(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> list[str]:
    val = raw.get(key)
    if val is None:
        return []
    if not isinstance(val, list):
        problems.append(f"{where}: '{key}' must be a list, got {val!r}")
        return []
    out = []
    for v in val:
        if not isinstance(v, str) or not v.strip() or not tokenize(v):
            problems.append(f"{where}: empty or non-string entry {v!r} in '{key}'")
        else:
            out.append(v.strip())
    return out


def _parse_actor(raw: Any, i: int, path: str, problems: list[str]) -> Actor | None:
    if not isinstance(raw, dict):
        problems.append(f"{path}: entry #{i + 1} is not a mapping (got {raw!r})")
        return None
    line = int(raw.get(LINE, 0))
    where = f"{path} line {line}"
    for key in raw:
        if key not in _KNOWN_KEYS:
            problems.append(f"{where}: unknown key {key!r} (known: {sorted(_KNOWN_KEYS - {LINE})})")
    aid = raw.get("id")
    if not isinstance(aid, str) or not aid.strip():
        problems.append(f"{where}: actor has no 'id'")
        aid = f"<entry #{i + 1}>"
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{where}: actor {aid!r} has no 'name'")
        name = ""
    atype = raw.get("type", "country")
    if atype not in ACTOR_TYPES:
        problems.append(f"{where}: 'type' must be one of {list(ACTOR_TYPES)}, got {atype!r}")
    aliases: list[str] = []
    case_aliases: list[str] = []
    raw_aliases = raw.get("aliases") or []
    if not isinstance(raw_aliases, list):
        problems.append(f"{where}: 'aliases' must be a list, got {raw_aliases!r}")
        raw_aliases = []
    for a in raw_aliases:
        if isinstance(a, dict):
            term = a.get("term")
            extra = set(a) - {"term", "case", LINE}
            if extra:
                problems.append(f"{where}: unknown key(s) {sorted(extra)} in alias {strip_lines(a)!r}")
            if not isinstance(term, str) or not term.strip():
                problems.append(f"{where}: empty alias {strip_lines(a)!r}")
            elif a.get("case", False) is True:
                case_aliases.append(term.strip())
            else:
                aliases.append(term.strip())
        elif not isinstance(a, str) or not a.strip() or not tokenize(a):
            problems.append(f"{where}: empty alias {a!r} for actor {aid!r}")
        else:
            aliases.append(a.strip())
    demonyms = _str_list(raw, "demonyms", where, problems)
    metonyms = _str_list(raw, "metonyms", where, problems)
    ambiguous_with = _str_list(raw, "ambiguous_with", where, problems)
    not_mentions = _str_list(raw, "not_mentions", where, problems)
    people: list[Person] = []
    raw_people = raw.get("people") or []
    if not isinstance(raw_people, list):
        problems.append(f"{where}: 'people' must be a list, got {raw_people!r}")
        raw_people = []
    for p in raw_people:
        pwhere = f"{path} line {p.get(LINE, line) if isinstance(p, dict) else line}"
        if not isinstance(p, dict):
            problems.append(f"{pwhere}: a person must be a mapping, got {p!r}")
            continue
        for key in p:
            if key not in _PERSON_KEYS:
                problems.append(f"{pwhere}: unknown key {key!r} for a person (known: {sorted(_PERSON_KEYS - {LINE})})")
        pname = p.get("name")
        if not isinstance(pname, str) or not pname.strip():
            problems.append(f"{pwhere}: person has no 'name' (actor {aid!r})")
            continue
        surname = p.get("surname") or pname.split()[-1]
        if not isinstance(surname, str) or not surname.strip():
            problems.append(f"{pwhere}: 'surname' of {pname!r} must be a non-empty string")
            continue
        role = p.get("role")
        if role is not None and (not isinstance(role, str) or not role.strip()):
            problems.append(f"{pwhere}: 'role' of {pname!r} must be a non-empty string")
            role = None
        paliases = _str_list(p, "aliases", pwhere, problems)
        people.append(Person(pname.strip(), str(aid), surname.strip(), role, tuple(paliases)))
    return Actor(
        id=str(aid), name=str(name).strip(), type=str(atype), aliases=tuple(aliases),
        case_aliases=tuple(case_aliases), demonyms=tuple(demonyms), metonyms=tuple(metonyms),
        people=tuple(people), ambiguous_with=tuple(ambiguous_with),
        not_mentions=tuple(not_mentions), line=line, source_file=path,
    )


def _read_actors(source: str | Path | Mapping[str, Any], problems: list[str]) -> tuple[list[Actor], str]:
    if isinstance(source, Mapping):
        data: Any = dict(source)
        path = "<dict>"
        data.setdefault("format", "framecmp-lexicon/1")
        data.setdefault("kind", "actors")
        data.setdefault("version", "user")
    else:
        path = str(source)
        data = load_yaml_with_lines(source)
    header = check_header(data, "actors", path)
    if header:
        problems.extend(header)
        return [], ""
    actors: list[Actor] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["entries"]):
        a = _parse_actor(raw, i, path, problems)
        if a is None:
            continue
        if a.id in seen:
            problems.append(f"{path} line {a.line}: id {a.id!r} already used at line {seen[a.id]}")
        seen[a.id] = a.line
        actors.append(a)
    return actors, str(data["version"])


def _phrases(a: Actor) -> list[tuple[str, str, str, bool, bool]]:
    """(via, phrase, person, case, inflect) for every phrase of an actor."""
    out = [("name", a.name, "", False, False)]
    out += [("alias", x, "", False, False) for x in a.aliases]
    out += [("alias", x, "", True, False) for x in a.case_aliases]
    out += [("demonym", x, "", False, True) for x in a.demonyms]
    out += [("metonym", x, "", False, False) for x in a.metonyms]
    for p in a.people:
        out += [("person", x, p.name, False, False) for x in (p.name, *p.aliases)]
    return out


def _norm_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase) if t.text not in "-‐‑")


def _check_not_mentions(a: Actor, problems: list[str]) -> None:
    """Each ``not_mentions`` phrase must be longer than, and contain, one of the actor's names.

    Otherwise it would hide the actor itself ("Paris" under France) or silently
    hide some other actor's name: both are mistakes in the file.
    """
    own = {_norm_tokens(x) for _v, x, _p, _c, _i in _phrases(a)}
    own |= {_norm_tokens(p.surname) for p in a.people}
    for phrase in a.not_mentions:
        toks = _norm_tokens(phrase)
        if not any(
            0 < len(o) < len(toks)
            and any(toks[i:i + len(o)] == o for i in range(len(toks) - len(o) + 1))
            for o in own
        ):
            problems.append(
                f"{a.source_file} line {a.line}: not_mentions phrase {phrase!r} of actor "
                f"{a.id!r} must be longer than, and contain, one of its names "
                f"(e.g. 'Washington Post' under the United States, which has 'Washington')"
            )


def _build_index(actors: Sequence[Actor], version: str, problems: list[str]) -> ActorIndex:
    owners: dict[tuple[str, bool], list[tuple[Actor, str]]] = {}
    for a in actors:
        for via, phrase, _person, case, _infl in _phrases(a):
            key = (phrase if case else " ".join(_norm_tokens(phrase)), case)
            lst = owners.setdefault(key, [])
            if all(o.id != a.id for o, _ in lst):
                lst.append((a, via))
    for a in actors:
        _check_not_mentions(a, problems)
    for (phrase, _case), lst in owners.items():
        if len(lst) < 2:
            continue
        ids = [o.id for o, _ in lst]
        undeclared = [
            o for o, _ in lst if not set(ids) - {o.id} <= set(o.ambiguous_with)
        ]
        if undeclared:
            where = "; ".join(f"{o.source_file} line {o.line} ({o.id})" for o, _ in lst)
            problems.append(
                f"{lst[-1][0].source_file} line {lst[-1][0].line}: alias {phrase!r} is used by "
                f"several actors ({where}); declare it with 'ambiguous_with' or remove it"
            )
    matcher = PhraseMatcher([])
    by_surname: dict[str, list[Person]] = {}
    by_name: dict[str, Person] = {}
    for a in actors:
        for via, phrase, person, case, infl in _phrases(a):
            matcher.add(f"{via}|{a.id}|{person}", phrase, inflect=infl, case=case)
        for phrase in a.not_mentions:
            matcher.add(f"not|{a.id}|", phrase, inflect=False)
        for p in a.people:
            by_surname.setdefault(normalize(p.surname), []).append(p)
            for x in (p.name, *p.aliases):
                by_name[normalize(x)] = p
    for sn in by_surname:
        matcher.add(f"surname||{sn}", sn, inflect=False)
    return ActorIndex(
        actors={a.id: a for a in actors},
        version=version,
        matcher=matcher,
        people_by_surname={k: tuple(v) for k, v in by_surname.items()},
        people_by_name=by_name,
    )


def load_actors(
    path: str | Path | None = None,
    *,
    extra: str | Path | Mapping[str, Any] | Sequence[str | Path | Mapping[str, Any]] | None = None,
    replace: bool = False,
) -> ActorIndex:
    """Load the actor lists and build an :class:`ActorIndex`.

    Parameters
    ----------
    path : str or Path, optional
        The base actor file; defaults to the bundled ``lexicons/actors.yaml``.
    extra : path, mapping, or a list of them, optional
        User actors added over the base list. An entry with an existing id
        replaces that actor wholesale. A mapping needs only ``entries``.
    replace : bool, default False
        If True, the ``extra`` actors replace the base list entirely.

    Raises
    ------
    LexiconError
        Listing every problem (file and line): an actor without id or name,
        an empty alias, an unknown key, a phrase used by two actors without
        ``ambiguous_with`` on both.

    Examples
    --------
    >>> idx = load_actors(extra={"entries": [{"id": "tuareg", "name": "Azawad"}]})
    >>> "tuareg" in idx, "france" in idx
    (True, True)
    """
    problems: list[str] = []
    base: list[Actor] = []
    version = ""
    if not (replace and extra is not None):
        base, version = _read_actors(path if path is not None else data_path("actors.yaml"), problems)
    extras: list[str | Path | Mapping[str, Any]]
    if extra is None:
        extras = []
    elif isinstance(extra, (str, Path, Mapping)):
        extras = [extra]
    else:
        extras = list(extra)
    merged = {a.id: a for a in base}
    versions = [version] if version else []
    for e in extras:
        more, v = _read_actors(e, problems)
        for a in more:
            merged[a.id] = a
        digest = hashlib.sha256(repr(sorted(more, key=lambda a: a.id)).encode("utf-8")).hexdigest()[:8]
        versions.append(f"{v or 'user'}#{digest}")
    if problems:
        raise LexiconError(problems)
    index = _build_index(list(merged.values()), "+".join(versions), problems)
    if problems:
        raise LexiconError(problems)
    return index


# --------------------------------------------------------------------------- mentions


def find_mentions(doc: Doc, index: ActorIndex) -> list[Mention]:
    """Every actor mention in ``doc``, in text order, surnames resolved.

    Parameters
    ----------
    doc : Doc
        From :func:`framecmp.text.doc.analyze`.
    index : ActorIndex
        From :func:`load_actors`.

    Returns
    -------
    list of Mention
        Ambiguous mentions are kept (``ambiguous=True``, ``actor=None``) so a
        reader can see them; measures skip them.
    """
    if not isinstance(index, ActorIndex):
        raise type_error("index", "find_mentions", "an ActorIndex (from load_actors())", index)
    hits = index.matcher.find(doc.tokens)
    # people named in full in this article, for surnames seen before a full name
    full_named: dict[str, list[Person]] = {}
    for h in hits:
        for k in h.keys:
            via, _aid, person = k.split("|", 2)
            if via == "person":
                p = index.people_by_name.get(normalize(person))
                if p is not None:
                    lst = full_named.setdefault(normalize(p.surname), [])
                    if p not in lst:
                        lst.append(p)
    last_full: dict[str, Person] = {}
    out: list[Mention] = []
    for h in hits:
        text = doc.text[h.start : h.end]
        sent = doc.sentence_at(h.start)
        sidx = sent.index if sent is not None else None
        parsed = [k.split("|", 2) for k in h.keys]
        if any(p[0] == "not" for p in parsed):  # "Washington Post": an outlet, not the actor
            continue
        if parsed[0][0] == "surname":
            sn = parsed[0][2]
            if sn in last_full:
                p = last_full[sn]
            else:
                cands = full_named.get(sn) or list(index.people_by_surname.get(sn, ()))
                if len(cands) == 1:
                    p = cands[0]
                else:
                    out.append(Mention(
                        h.start, h.end, text, None, "person", None, True, sidx,
                        tuple(sorted({c.actor for c in cands})),
                    ))
                    continue
            out.append(Mention(h.start, h.end, text, p.actor, "person", p.name, False, sidx, (p.actor,)))
            continue
        actor_ids = tuple(dict.fromkeys(a for _v, a, _p in parsed))
        via, aid, person = parsed[0]
        if via == "person":
            pp = index.people_by_name.get(normalize(person))
            if pp is not None:
                last_full[normalize(pp.surname)] = pp
        if len(actor_ids) > 1:
            out.append(Mention(h.start, h.end, text, None, via, None, True, sidx, actor_ids))
        else:
            out.append(Mention(h.start, h.end, text, aid, via, person or None, False, sidx, actor_ids))
    return _members_of_named_groups(doc, out, index)


def names_its_members(doc: Doc, named: Any, start: int, type_of: Callable[[str], str | None]) -> bool:
    """Whether the mention ``named`` names an armed group (by its name or an alias, not a
    demonym) right before the word at ``start``, one space between: "JNIM militants", "the
    Wagner fighters" (that word names the group's members)."""
    return (getattr(named, "via", None) in ("name", "alias") and type_of(named.actor or "") == "armed_group"
            and doc.text[named.end:start] == " ")


def _members_of_named_groups(doc: Doc, mentions: list[Mention], index: ActorIndex) -> list[Mention]:
    """Without the collective word right after a named armed group: "JNIM militants" and
    "Wagner jihadists" are that group's members, one mention of it, not also a mention of the
    armed groups the text does not name (the ``collective`` actor)."""
    def type_of(aid: str) -> str | None:
        a = index.actors.get(aid)
        return a.type if a is not None else None

    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None and m.actor is not None and type_of(m.actor) == "collective" and m.via == "alias"
            and prev.actor not in (None, m.actor) and names_its_members(doc, prev, m.start, type_of)
        ):
            continue
        out.append(m)
    return out
