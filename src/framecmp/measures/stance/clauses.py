"""Clauses and their subjects, found on tokens and actor mentions (no parser): who performs
the act a cue names. Used by :mod:`framecmp.measures.stance.holders` (the holder of a
directed cue) and :mod:`framecmp.measures.stance.evaluate` (who acts in a sentence).

* :func:`subject_before`: the mentions right before a cue that are its subject ("Mali has
  strongly condemned", "Mali, Niger and the AES condemned", "Mali's government condemned");
* :class:`Subjects`: the subject of a cue's clause in one sentence (the rules 2 to 7 written
  above ``find_directed``'s helpers in :mod:`~framecmp.measures.stance.holders`): a possessor
  or owner of the cue, the agent of a passive, the noun phrase that opens the clause, a name
  before the commas of an aside, coordinated subjects and agents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from framecmp.measures.stance.cues import (
    after_preposition,
    be_before,
    by_agent,
    is_adverb,
    opponents_of,
    participle_object,
    progressive,
)
from framecmp.text.doc import CALENDAR_WORDS, HYPHENS, POSSESSIVES, Doc, Token
from framecmp.text.grammar import (
    AUXILIARIES,
    INTENT_NOUNS,
    IRREGULAR_VERBS,
    OPPONENTS,
    PREPOSITIONS,
    RULED_BY_DEMONYM,
    SUBORDINATE_OPENERS,
    SUBORDINATORS,
)

__all__ = ["AUX_WORDS", "OWN_NOUNS", "RELATIVES", "MentionLike", "Subjects", "gap_word", "mentions_by_end",
           "subject_before"]


class MentionLike(Protocol):
    """What :func:`~framecmp.measures.stance.holders.find_directed` and
    :func:`~framecmp.measures.stance.article.score_stance` need of an
    actor mention (framecmp.measures.actors.Mention)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def actor(self) -> str: ...


AUX_WORDS = AUXILIARIES | frozenset("having 's 're 've 'll 'd".split())
RELATIVES = frozenset("that which who".split())
_COORD = frozenset("and or but nor yet so then".split())
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your both all each every some "
    "several many most".split()
)
_DET_OR_PREP = _DETERMINERS | PREPOSITIONS
_DET_OR_COORD = _DETERMINERS | _COORD
_NOT_MODIFIERS = PREPOSITIONS | _DETERMINERS | _COORD | AUX_WORDS
_CHUNK_MARKS = frozenset({",", ";", ":", "—", "–"})

#: words that may stand between a subject and its verb ("Mali has since strongly condemned",
#: "Mali, in a statement on Tuesday, condemned")
_SUBJECT_GAP = frozenset(
    "has have had will would shall should can could may might must do does did is are was were be "
    "been being not never n't also again once too since later however then now first finally still "
    "already swiftly quickly , the on in a statement".split()
)
#: an actor's own people and bodies: "Mali's government condemned", "the President of Niger
#: condemned" are the actor's acts ("Critics of Mali condemned" are not)
OWN_NOUNS = frozenset(
    "government president minister ministry army junta authorities leader leaders military "
    "spokesman spokeswoman spokesperson embassy parliament officials official foreign defence defense "
    "prime interim transitional troops soldiers forces ambassador diplomats envoy delegation "
    "representatives head".split()
)


def _coordinator_at(tokens: Sequence[Token], i: int, end: int) -> int:
    """The number of tokens of "as well as", "along with" or "together with" at ``i`` (0 if none)."""
    if i + 2 < end and tokens[i].norm == "as" and tokens[i + 1].norm == "well" and tokens[i + 2].norm == "as":
        return 3
    if i + 1 < end and tokens[i].norm in ("along", "together") and tokens[i + 1].norm == "with":
        return 2
    return 0


def gap_word(n: str) -> bool:
    return n in _SUBJECT_GAP or n in CALENDAR_WORDS or is_adverb(n)


def mentions_by_end(doc: Doc, mentions: Iterable[MentionLike], lo: int, hi: int) -> dict[int, tuple[Any, int]]:
    """The mentions whose tokens lie in ``[lo, hi)``, by their last token: {last: (mention, first)}."""
    out: dict[int, tuple[Any, int]] = {}
    for m in mentions:
        if getattr(m, "ambiguous", False):
            continue
        a, b = doc.token_index(m.start), doc.token_index(m.end)
        if lo <= a < b <= hi:
            out.setdefault(b - 1, (m, a))
    return out


def _cue_owner(tokens: Sequence[Token], cue_tok: int, ends: Mapping[int, tuple[Any, int]]) -> Any | None:
    """The mention that opens the cue at ``cue_tok`` as its owner: "*its* choice of Moscow as",
    "*Mali*'s choice of Russia as" (``ends``: :func:`mentions_by_end`), else None."""
    if cue_tok in ends and ends[cue_tok][1] == cue_tok and tokens[cue_tok].norm in POSSESSIVES:
        return ends[cue_tok][0]
    if tokens[cue_tok].norm == "'s" and cue_tok - 1 in ends:
        return ends[cue_tok - 1][0]
    return None


def _intent_owner(tokens: Sequence[Token], cue_tok: int, lo: int, ends: Mapping[int, tuple[Any, int]]) -> Any | None:
    """The owner of an intention right before the cue, who acts in it: "*Mali*'s decision to
    expel", "*its* plan to leave" (``ends``: :func:`mentions_by_end`), else None."""
    j = cue_tok - 1
    while j > lo and is_adverb(tokens[j].norm):
        j -= 1
    if j - 2 >= lo and tokens[j].norm == "to" and tokens[j - 1].norm in INTENT_NOUNS:
        return _cue_owner(tokens, j - 2, ends)
    return None


_APPOSITION_LEADS = frozenset("the a an its his her their".split())


def _apposition_before(tokens: Sequence[Token], j: int, lo: int) -> int | None:
    """The comma that opens an apposition ending at token ``j`` right before a comma ("Goita,
    *the country's leader*, had praised"): a noun phrase of at most six tokens that opens with
    a determiner and holds no verb; None if there is none."""
    if j < lo or j + 1 >= len(tokens) or tokens[j + 1].norm != ",":
        return None
    for k in range(j - 1, max(lo, j - 7), -1):
        if tokens[k].norm == ",":
            if tokens[k + 1].norm not in _APPOSITION_LEADS:
                return None
            words = tokens[k + 1 : j + 1]
            if any((t.norm in AUX_WORDS and t.norm != "'s") or t.norm in IRREGULAR_VERBS
                   or (len(t.norm) > 4 and t.norm.endswith("ed")) for t in words):
                return None
            return k
        if not (tokens[k].is_word or tokens[k].norm == "'s"):
            return None
    return None


def subject_before(tokens: Sequence[Token], cue_tok: int, lo: int, ends: Mapping[int, tuple[Any, int]]) -> list[Any]:
    """The mentions that are the subject right before the cue at ``cue_tok``: only auxiliaries,
    "not", adverbs, time words and a comma aside with no verb between ("Mali has strongly
    condemned", "Mali, in a statement, condemned"), coordinated with "and", "as well as" or
    "along with" (commas only in a list that ends in one of them: "Mali, Niger and the AES
    condemned"), through an own noun ("Mali's government", "the President of Niger", "Russian
    officials", "the French ambassador"); none when a word of another kind stands between (a
    verb: "Trump received praise"; a noun: "the JNIM attack left"; a relative clause) or the
    name follows a preposition ("Critics of Mali", "soldiers backed by Russia", "protesters in
    Niger"; not "after", "before", "since", "until", "once", which open a clause here: "after
    Senegal withdrew"). ``ends``: :func:`mentions_by_end`."""
    owner = _cue_owner(tokens, cue_tok, ends) or _intent_owner(tokens, cue_tok, lo, ends)
    if owner is not None:
        return [owner]
    j = cue_tok - 1
    while j >= lo and j not in ends and gap_word(tokens[j].norm):
        j -= 1
    k = _apposition_before(tokens, j, lo)
    if k is not None and k - 1 in ends:
        j = k - 1  # "Goita, the country's leader, had praised": Goita
    if j > lo and tokens[j].norm == "of" and tokens[cue_tok].norm.endswith("ing") and j - 1 in ends:
        j -= 1  # "accused France of cutting ties": France is the one said to cut them
    k = j  # "Mali's (foreign) minister", "Russian officials": the actor acts through its own people
    while k >= lo and k not in ends and tokens[k].norm in OWN_NOUNS:
        k -= 1
    if k < j and k >= lo:
        if tokens[k].norm == "'s":
            j = k - 1
        elif k in ends and getattr(ends[k][0], "via", None) == "demonym" and not (
            ends[k][1] >= 2 and tokens[ends[k][1] - 1].text in HYPHENS and tokens[ends[k][1] - 2].norm in ("pro", "anti")
        ):
            j = k  # (not "pro-Russian officials")
    out: list[Any] = []
    listed = False  # a coordinator seen: commas before it join the list
    while j >= lo and j in ends:
        m, a = ends[j]
        before = tokens[a - 2].norm if a - 2 >= lo else ""
        if a - 1 >= lo and tokens[a - 1].norm in PREPOSITIONS and not (
            tokens[a - 1].norm in SUBORDINATORS  # "after Senegal withdrew": a clause, its subject
            or (tokens[a - 1].norm == "of" and before in OWN_NOUNS)
            or (tokens[a - 1].norm, before) in (("as", "well"), ("with", "along"))
        ):
            return []  # the whole list stands after it ("critics of France and Russia")
        if not out and participle_object(tokens, a, j + 1, cue_tok, lo):
            return []  # "a strike targeting militants killed"
        out.append(m)
        j = a - 1
        while j >= lo and tokens[j].norm in ("the", "of") or (j >= lo and tokens[j].norm in OWN_NOUNS and j not in ends):
            j -= 1  # "the President of Niger", "Mali and the AES"
        if j >= lo and tokens[j].norm == ",":
            j -= 1  # "Niger, along with Burkina Faso,"
        if j >= lo and tokens[j].norm == "and":
            j -= 1
        elif j >= 2 and tokens[j].norm == "as" and tokens[j - 1].norm == "well" and tokens[j - 2].norm == "as":
            j -= 3
        elif j >= 1 and tokens[j].norm == "with" and tokens[j - 1].norm == "along":
            j -= 2
        elif listed and tokens[j + 1].norm == ",":
            continue  # "Mali, Niger and ...": j already stands before the comma
        else:
            break
        listed = True
        if j >= lo and tokens[j].norm == ",":
            j -= 1  # ", and"
    return out


class Subjects:
    """Finds the subject of a cue's clause in one sentence (rules 2 to 7 of the comment in
    :mod:`framecmp.measures.stance.holders`)."""

    def __init__(self, tokens: Sequence[Token], t0: int, t1: int, spans: Sequence[tuple[Any, int, int]]):
        self.toks, self.t0, self.t1 = tokens, t0, t1
        self.at: dict[int, tuple[Any, int]] = {}
        self.by_end: dict[int, tuple[Any, int]] = {}  # last token -> (mention, first token)
        for m, a, b in spans:
            if a < b:
                self.at.setdefault(a, (m, b))
                self.by_end.setdefault(b - 1, (m, a))
        self.ends: dict[int, Any] = {k: m for k, (m, _a) in self.by_end.items()}
        # a parenthesis ("the company (PMC) Wagner Group") is read past, not a clause break
        self.skip: set[int] = set()
        depth = 0
        for i in range(t0, t1):
            if tokens[i].text in ("(", "["):
                depth += 1
            if depth:
                self.skip.add(i)
            if tokens[i].text in (")", "]") and depth:
                depth -= 1
        edges = [t0 - 1, *(i for i in range(t0, t1) if tokens[i].text in _CHUNK_MARKS and i not in self.skip), t1]
        self.chunks = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1) if edges[k] + 1 < edges[k + 1]]
        # a headline in title case ("Mali Strengthens Military Ties"): capitals tell nothing
        words = [t for t in tokens[t0:t1] if t.text[:1].isalpha()]
        self.title_case = len(words) >= 3 and sum(t.text[:1].isupper() for t in words) > 0.7 * len(words)

    def _next_word(self, i: int, end: int) -> int | None:
        while i < end and (i in self.skip or not self.toks[i].is_word):
            i += 1
        return i if i < end else None

    def verbish(self, i: int, end: int) -> bool:
        t = self.toks[i]
        if t.norm in AUX_WORDS or t.norm in IRREGULAR_VERBS:
            return True
        if len(t.norm) > 4 and t.norm.endswith("ed") and (self.title_case or t.text[:1].islower()):
            j = self._next_word(i + 1, end)
            if j is None:
                return True
            nxt = self.toks[j]
            # "armed groups", "elected officials": an adjective before a lower-case noun
            return not (nxt.text[:1].islower() and nxt.norm not in _DET_OR_PREP)
        return False

    def _participle(self, i: int) -> bool:
        t = self.toks[i]
        return i not in self.at and len(t.norm) > 4 and t.norm.endswith("ing")

    def _modifier(self, i: int, end: int) -> bool:
        """The stretch from ``i`` opens with a preposition or a participle: no subject of its own."""
        j = self._next_word(i, end)
        if j is None:
            return False
        if self.toks[j].norm in _COORD:
            k = self._next_word(j + 1, end)
            return k is not None and self._participle(k)
        return (self.toks[j].norm in PREPOSITIONS and j not in self.at) or self._participle(j)

    def _ruled(self, m: Any, b: int, end: int) -> bool:
        """A demonym describing a head it does not speak for ("the former French colonies")."""
        if getattr(m, "via", None) != "demonym":
            return False
        k = b
        for _ in range(3):
            j = self._next_word(k, end)
            if j is None or j in self.at or self.toks[j].norm in PREPOSITIONS:
                return False
            if self.toks[j].norm in RULED_BY_DEMONYM:
                return True
            k = j + 1
        return False

    def noun_phrase(self, i: int, end: int) -> tuple[bool, list[str], bool]:
        """The noun phrase opening ``[i, end)``: (a phrase is there, its actors, a verb ended it)."""
        present, actors, after_name = False, [], False
        j = self._next_word(i, end)
        if j is not None and self.toks[j].norm in _COORD:
            i = j + 1
        while i < end:
            t = self.toks[i]
            if i in self.skip:
                i += 1
                continue
            if i in self.at:
                m, b = self.at[i]
                # a demonym right before another actor's name says where that one is from
                # ("Malian JNIM fighters condemned ECOWAS": JNIM's act, not Mali's)
                before_name = getattr(m, "via", None) == "demonym" and b in self.at and self.at[b][0].actor != m.actor
                # "Mali's critics", "critics of Mali": the other side speaks
                if not self._ruled(m, b, end) and not before_name and not opponents_of(self.toks, i, b, self.t1, self.t0):
                    actors.append(str(m.actor))
                present, after_name, i = True, getattr(m, "via", None) != "demonym", b
                continue
            if not t.is_word or t.norm == "'s":
                if t.norm == "'s":
                    after_name = False  # "Mali's government": a noun follows, not a verb
                i += 1
                continue
            if t.norm in _COORD or t.norm == "of":
                after_name = False
                i += 1
                continue
            n_coord = _coordinator_at(self.toks, i, end) if after_name else 0
            if n_coord:  # "Mali as well as Niger", "Mali, along with Niger,"
                after_name = False
                i += n_coord
                continue
            if after_name or self.verbish(i, end):
                return present, actors, True
            if t.norm in PREPOSITIONS or t.norm in SUBORDINATE_OPENERS:
                return present, actors, False
            present = True
            i += 1
        return present, actors, False

    def clause_after(self, k: int, cue_tok: int) -> bool:
        """Whether "after", "before", ... at ``k`` opens a clause whose subject is the noun
        phrase right before the cue ("after Senegal withdrew from", "after Russia's critics
        condemned"), not a prepositional phrase ("after meeting Russia", "after talks with
        Mali", "after Russia's intervention Mali expelled")."""
        j = self._next_word(k + 1, cue_tok)
        if j is None or self._modifier(j, cue_tok):
            return False
        e = cue_tok  # the noun phrase ends before the auxiliaries and adverbs of the verb
        while e > j and gap_word(self.toks[e - 1].norm) and self.toks[e - 1].norm not in (",", "the", "a"):
            e -= 1
        if e <= j or e - j > 6:
            return False
        if not (j in self.at or self.toks[j].norm in _DETERMINERS or self.toks[j].text[:1].isupper()):
            return False
        lower = False  # a name after a lower-case noun starts another phrase: "after Russia's
        for i in range(j, e):  # intervention Mali expelled" is a time, not a clause
            t = self.toks[i]
            if t.norm == "'s" or i in self.skip:
                continue
            if not t.is_word or t.norm in AUX_WORDS or t.norm in IRREGULAR_VERBS or (
                    len(t.norm) > 4 and t.norm.endswith("ed") and t.text[:1].islower()):
                return False
            if t.text[:1].isupper() and lower:
                return False
            lower = lower or (t.text[:1].islower() and t.norm not in ("of", "and") and t.norm not in _DETERMINERS)
        return True

    def _listed(self, ci: int) -> list[str]:
        """Actors of the bare-name chunks right before chunk ``ci`` ("Bamako, Niamey, and ...")."""
        out: list[str] = []
        for k in range(ci - 1, -1, -1):
            cs, ce = self.chunks[k]
            i, names = cs, []
            while i < ce:
                if i in self.at and i not in self.skip:
                    m, i = self.at[i][0], self.at[i][1]
                    names.append(str(m.actor))
                elif i in self.skip or not self.toks[i].is_word or self.toks[i].norm in _DET_OR_COORD:
                    i += 1
                else:
                    return out
            if not names:
                return out
            out = names + out
        return out

    def _main_clause(self, ci: int) -> tuple[str, ...] | None:
        """The subject of chunk ``ci`` if it is a main clause (a phrase, then a verb)."""
        cs, ce = self.chunks[ci]
        if self._modifier(cs, ce):
            return None
        present, actors, verb = self.noun_phrase(cs, ce)
        if not (present and verb):
            return None  # "Last week", "Notably": no verb after the phrase
        return tuple(dict.fromkeys(self._listed(ci) + actors))

    def _agents(self, k: int, end: int) -> tuple[str, ...]:
        """The actors of the agent phrase that starts at token ``k`` (after "by"): the name
        there and the names coordinated with it ("condemned by Mali and Niger", "by Mali, Niger
        and Burkina Faso", "by Mali as well as Niger")."""
        out: list[str] = []
        end = max(end, self.t1)  # a list with commas runs past the chunk
        while k in self.at:
            m, b = self.at[k]
            if out and b < end and self.verbish(b, end):
                break  # "by Mali, and Niger praised Russia": a new clause's subject
            out.append(str(m.actor))
            j = b
            while j < end and self.toks[j].norm in (",", "the"):
                j += 1
            n = _coordinator_at(self.toks, j, end)
            if not n and j < end and self.toks[j].norm == "and":
                n = 1
            if not n and j == b:
                break
            k = j + n
            while k < end and self.toks[k].norm in (",", "the"):
                k += 1
        return tuple(dict.fromkeys(out))

    def passive_agent(self, cue_tok: int, end: int, cue_end: int) -> tuple[str, ...] | None:
        if progressive(self.toks, cue_tok):
            return None  # "Russia is expelling ...": its subject acts
        # "was accused", "was publicly accused", "was not criticised by Mali", "was often
        # criticised", "is to blame"
        if not be_before(self.toks, cue_tok) or cue_tok - 1 < self.t0:
            # no "be" before it: a passive all the same when "by" and an actor follow ("Mali,
            # criticised by France, ...", "praised by Russia and criticised by France")
            agent = by_agent(self.toks, cue_end, end)  # "criticised by the junta": any actor named
            if agent is not None and agent in self.at:
                return self._agents(agent, end)
            # "The jihadists, praised by locals, ...": an agent that is no known actor
            return () if agent is not None and self.toks[cue_tok - 1].norm == "," and not after_preposition(
                self.toks, self.by_end[cue_tok - 2][1] if cue_tok - 2 in self.by_end else cue_tok - 2) else None
        for k in range(cue_tok + 1, end - 1):
            if self.toks[k].norm == "by":
                k += 1 + (self.toks[k + 1].norm == "the")
                return self._agents(k, end)
        return ()

    def possessor(self, cue_tok: int) -> tuple[str, ...] | None:
        """The actor that owns the cue (rule 2): "*its* choice of", "*Bamako*'s growing
        cooperation with", "*Mali*'s decision to expel"; None if there is none."""
        toks = self.toks
        owner = _cue_owner(toks, cue_tok, self.by_end)
        if owner is not None:
            return (str(owner.actor),)
        j, skipped = cue_tok - 1, 0
        while (j > self.t0 and skipped < 2 and toks[j].text[:1].islower() and toks[j].norm.isalpha()
               and toks[j].norm not in _NOT_MODIFIERS and toks[j].norm not in OPPONENTS  # "Mali's critics accused": not Mali
               and toks[j].norm not in IRREGULAR_VERBS
               and not (len(toks[j].norm) > 4 and toks[j].norm.endswith("ed") and toks[j - 1].norm != "'s"
                        and not is_adverb(toks[j - 1].norm))):  # ("Macron's thinly veiled criticism")
            # (not past a verb: "Trump's comments made / prompted criticism of Putin"; but
            # "Mali's renewed criticism of France")
            j, skipped = j - 1, skipped + 1
        if j > self.t0 and (j - 1) in self.ends and (toks[j].norm == "'s" or (
                toks[j].norm == "'" and toks[j - 1].norm.endswith("s") and toks[j].start == toks[j - 1].end)):
            return (str(self.ends[j - 1].actor),)  # (and a plural's: "some *Americans'* confidence in")
        if j >= self.t0 and j < cue_tok and toks[j].norm in POSSESSIVES and j in self.ends:
            return (str(self.ends[j].actor),)  # "his criticism of Russia" ("his" resolved)
        owner = _intent_owner(toks, cue_tok, self.t0, self.by_end)
        return (str(owner.actor),) if owner is not None else None

    def subject(self, cue_tok: int, cue_end: int | None = None) -> tuple[str, ...] | None:
        """Actor ids of the subject of the cue's clause.

        ``None``: the clause has no subject (the cue opens it); ``()``: a subject
        that is no known actor; else its actors in order, without repeats.
        """
        toks = self.toks
        owned = self.possessor(cue_tok)
        if owned is not None:
            return owned
        ci = next((k for k, (cs, ce) in enumerate(self.chunks) if cs <= cue_tok < ce), None)
        if ci is None:
            return None
        cs, ce = self.chunks[ci]
        passive = self.passive_agent(cue_tok, ce, cue_tok + 1 if cue_end is None else cue_end)  # rule 3
        if passive is not None:
            return passive
        start, opener = cs, None
        for k in range(cs, cue_tok):
            if k in self.at:
                continue
            if toks[k].norm in SUBORDINATE_OPENERS or (
                    (toks[k].norm in SUBORDINATORS or (toks[k].norm == "as" and k > self.t0 and toks[k - 1].norm == ","))
                    and self.clause_after(k, cue_tok)):
                start, opener = k + 1, k  # (", as Human Rights Watch accused ...": a clause)
        if self._modifier(start, cue_tok + 1):  # rule 5
            if opener is not None:
                present, actors, _verb = self.noun_phrase(cs, opener)
                if present:
                    return tuple(dict.fromkeys(self._listed(ci) + actors))
            # a phrase with no comma after it: "After Russia's intervention *Mali* expelled France"
            named = subject_before(toks, cue_tok, start + 1, self.by_end) if cue_tok > start else []
            if named:
                return tuple(dict.fromkeys(str(m.actor) for m in named))
            for k in (*range(ci - 1, -1, -1), *range(ci + 1, len(self.chunks))):
                found = self._main_clause(k)
                if found is not None:
                    return found
            return None
        present, actors, _verb = self.noun_phrase(start, cue_tok)  # rule 4
        if start == cs:
            actors = self._listed(ci) + actors
        if actors:
            return tuple(dict.fromkeys(actors))
        if present:
            return ()
        if opener is not None and toks[opener].norm in RELATIVES:  # "the bloc, which cut ties"
            if opener == cs and ci > 0:  # the antecedent is the phrase before the comma
                present, actors, _verb = self.noun_phrase(*self.chunks[ci - 1])
                if present:
                    return tuple(dict.fromkeys(self._listed(ci - 1) + actors))
            k = opener - 1
            while k >= self.t0 and not toks[k].is_word:
                k -= 1
            return (str(self.ends[k].actor),) if k in self.ends else ()
        if opener is None:  # "Mali, a landlocked country, cut ties": a name before the commas
            joined: list[str] = []  # "Mali, along with Niger, condemned France": Niger too
            for k in range(ci - 1, -1, -1):
                cs2, ce2 = self.chunks[k]
                n = _coordinator_at(self.toks, cs2, ce2)
                if n:
                    joined = self.noun_phrase(cs2 + n, ce2)[1] + joined
                    continue
                if self._modifier(cs2, ce2):
                    break
                names = self.noun_phrase(cs2, ce2)[1]
                if names:
                    return tuple(dict.fromkeys(self._listed(k) + names + joined))
        return None
