"""Holders of directed cues: who evaluates whom, found on tokens and actor mentions.

The holder of an evaluation is the voice at the cue, given by the caller as
``voice_of(offset) -> "author" | "unknown" | actor id`` (from attribution). When
the voice is the outlet's own and the cue names an act of someone (lexicon
``holder: subject``: accusing, praising, leaving, cutting ties, partnering), the
subject of the cue's clause holds it: in "Macron accused Russia of ..." the
holder is France, in "Mali cut ties with Ukraine" Mali, in "The three nations
withdrew from ECOWAS" ``unknown``, never the outlet. Hedged cues ("allegedly
failing to ...") are not the outlet's own either. See :func:`find_directed`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from framecmp.measures.stance.cues import (
    CueHit,
    StanceCue,
    StanceCueLexicon,
    attach_distance,
    be_before,
    by_agent,
    default_cues,
    find_hits,
    is_adverb,
    opponents_of,
    progressive,
)
from framecmp.text.doc import CALENDAR_WORDS, HYPHENS, POSSESSIVES, Doc, Token
from framecmp.text.grammar import (
    AUXILIARIES,
    INTENT_NOUNS,
    OPPONENTS,
    RULED_BY_DEMONYM,
    SUBJECT_PRONOUNS,
    SUBORDINATE_OPENERS,
    SUBORDINATORS,
)

__all__ = ["UNKNOWN", "DirectedHit", "MentionLike", "author_voice", "find_directed", "mentions_by_end", "subject_before",
           "untargeted_acts"]


class MentionLike(Protocol):
    """What :func:`find_directed` and :func:`~framecmp.measures.stance.article.score_stance` need of an
    actor mention (framecmp.measures.actors.Mention)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def actor(self) -> str: ...


@dataclass(frozen=True, slots=True)
class DirectedHit:
    """A directed cue attached to one actor mention, with the holder of the evaluation."""

    holder: str
    target: str
    cue: StanceCue
    start: int
    end: int
    text: str
    mention_start: int
    mention_end: int
    sentence: int
    holder_via: str  # "voice", "source", "subject", "reported", "speaker" or "hedge" (see find_directed)
    co_holders: tuple[str, ...] = ()  # the other holders of the same cue (coordinated subjects)
    negated: str = ""  # the negation that reaches the cue ("not" in "did not accuse"), if any


# --------------------------------------------------------------------------- holders of acts
#
# A cue with ``holder: subject`` names an act of someone toward the actor (an accusation,
# praise, leaving an organisation, cutting ties, a partnership). In the outlet's own voice its
# holder is whoever performs the act, not the outlet. Rules on tokens and actor mentions (no
# parser; see find_directed):
#
# 1. a reporting verb that is the cue itself gives its found source: "Malian authorities
#    demanded that ..." (attribution's affiliation: "The former French colonies have hailed
#    Russia" is ``unknown``, not France);
# 2. a possessor right before a nominal cue: "*Mali's* withdrawal from ECOWAS";
# 3. a passive cue ("was accused by X") gives the agent after "by", else ``unknown``;
# 4. otherwise the cue's clause is the stretch of the sentence between commas (or after
#    "that", "which", "who", "when", "while", "because", ..., or after "after", "before",
#    "since", "until", "once" when an actor's name follows: "the republic broke up after Senegal
#    withdrew from the federation" is Senegal's act); its subject is the noun phrase
#    that opens it, read up to the verb (an auxiliary, a listed irregular verb, a verb in
#    "-ed" before an object, or any word right after a name: "Mali *cut* ties");
# 5. a clause opened by a preposition or a participle ("In addition to cooperation with
#    Moscow, Abdoulaye Diop stressed ...", "..., expelling French troops") has no subject of
#    its own: it takes the subject of the nearest main clause (before it, else after it);
# 6. coordinated subjects ("Bamako, Niamey, and Ouagadougou have severed ties") give one holder
#    each: the cue is repeated per holder, so each (holder, target) pair counts it once;
# 7. a subject that is no known actor ("The three nations withdrew") gives ``unknown``, never
#    the outlet. Only a cue with no subject at all ("Cooperation with Moscow is vital") keeps the
#    voice at the cue (the outlet's own outside attributions);
# 8. in indirect speech (not inside quotation marks) an act is held by the actor that is its
#    subject right before it (:func:`subject_before`): "Mali said France cut ties with Russia"
#    is France's act as Mali reports it; with none there, the source holds it.
#
# An act aimed at no actor ("Mali condemned the attack") is found too (:func:`untargeted_acts`):
# it evaluates nobody, and the mention of its subject is not read from its words.
#
# A cue of any kind right after a distancing hedge ("for *allegedly* failing to quell",
# "*reportedly* carried out by") is not the outlet's own claim either: the outlet passes on
# what someone unnamed says, so its holder is ``unknown``. (The clause's subject is not
# taken: in "soldiers were killed in an attack reportedly carried out by rebels" the victims
# do not hold the claim.)

_AUX_WORDS = AUXILIARIES | frozenset("having 's 're 've 'll 'd".split())
#: common irregular (and -s) verb forms; verbs in "-ed" are found by their ending
_IRREGULAR = frozenset(
    "said says told tells took takes made makes gave gives sent sends met meets left leaves saw "
    "sees began begins became becomes went goes came comes kept keeps held holds brought brings "
    "won wins lost loses fought fights led leads put puts set sets cut cuts sold sells bought "
    "buys paid pays withdrew withdraws broke breaks drew chose chooses rose fell sought seeks "
    "thought thinks spoke speaks wrote writes ran runs quit quits struck strikes stood stands "
    "found finds knew knows got gets wants needs calls considers remains".split()
)
_PREPOSITIONS = frozenset(
    "in on at to from with by for about against into onto over under after before despite "
    "during since without through throughout among between amid amidst across toward towards "
    "following including regarding concerning upon within beyond via like unlike of as".split()
)
_RELATIVES = frozenset("that which who".split())
_COORD = frozenset("and or but nor yet so then".split())
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your both all each every some "
    "several many most".split()
)
_DET_OR_PREP = _DETERMINERS | _PREPOSITIONS
_DET_OR_COORD = _DETERMINERS | _COORD
_NOT_MODIFIERS = _PREPOSITIONS | _DETERMINERS | _COORD | _AUX_WORDS
_CHUNK_MARKS = frozenset({",", ";", ":", "—", "–"})
#: hedge classes that hand a claim to someone else ("possibly" keeps it the writer's)
_DISTANCING = frozenset({"evidential", "doubt"})
#: cue categories that are speech acts: what follows in the sentence is the speaker's too
_SPEECH_CATEGORIES = frozenset({"accusation", "praise"})
#: the holder of a cue whose clause has a subject that is no known actor, or of a hedged cue
UNKNOWN = "unknown"


def _source_holder(attribution: Any, start: int, end: int) -> str | None:
    """The affiliation (or ``unknown``) of a found source whose reporting verb is the cue."""
    for a in getattr(attribution, "attributions", ()):
        if a.cue_start is None or a.cue_end is None or a.source_type in ("none", "unfound"):
            continue
        if a.cue_start < end and start < a.cue_end:
            return str(a.affiliation or UNKNOWN)
    return None


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


def _gap_word(n: str) -> bool:
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
            if any((t.norm in _AUX_WORDS and t.norm != "'s") or t.norm in _IRREGULAR
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
    while j >= lo and j not in ends and _gap_word(tokens[j].norm):
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
        if a - 1 >= lo and tokens[a - 1].norm in _PREPOSITIONS and not (
            tokens[a - 1].norm in SUBORDINATORS  # "after Senegal withdrew": a clause, its subject
            or (tokens[a - 1].norm == "of" and before in OWN_NOUNS)
            or (tokens[a - 1].norm, before) in (("as", "well"), ("with", "along"))
        ):
            return []  # the whole list stands after it ("critics of France and Russia")
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


def _reported_subject(doc: Doc, attribution: Any, subjects: _Subjects, hit: CueHit,
                      target: str) -> tuple[str, ...] | None:
    """The actors that are the subject right before an act inside reported words: in "Mali said
    France cut ties with Russia", the act is France's, as Mali reports it (None: no actor
    stands right before the act, :func:`subject_before`). Only for indirect speech: inside
    quotation marks the words are the speaker's."""
    best = None
    for a in getattr(attribution, "attributions", ()):
        if a.quote_type in ("direct", "scare") or getattr(a, "rule", "") == "learned":
            continue
        if a.content_start <= hit.start and hit.end <= a.content_end and (
            best is None or a.content_end - a.content_start < best.content_end - best.content_start
        ):
            best = a
    if best is None:
        return None
    lo = max(subjects.t0, doc.token_index(best.content_start))
    ends = {b: (m, a) for a, (m, b1) in subjects.at.items() for b in (b1 - 1,) if a >= lo}
    found = tuple(dict.fromkeys(str(m.actor) for m in subject_before(subjects.toks, hit.tok_start, lo, ends)
                                if str(m.actor) != target))
    return found or _clause_subject(subjects, lo, hit.tok_start, target)


def _clause_subject(subjects: _Subjects, lo: int, cue_tok: int, target: str) -> tuple[str, ...] | None:
    """The subject of a clause opened inside reported words before the act at ``cue_tok``, when
    it is a noun phrase that is not a pronoun and runs up to the act (no other verb between): "France praised Mali after *Russia's critics*
    condemned Niger" is the critics' act (``unknown``), not France's. None: no such clause."""
    toks = subjects.toks
    if not subjects._verbish(cue_tok, subjects.t1):
        return None  # a noun ("an agreement with Russia"): no clause of its own
    k = next((k for k in range(cue_tok - 1, lo - 1, -1) if toks[k].norm in SUBORDINATE_OPENERS or (
        toks[k].norm in SUBORDINATORS and subjects._clause_after(k, cue_tok))), None)
    if k is None:
        return None
    present, actors, _verb = subjects.noun_phrase(k + 1, cue_tok)
    words = [t.norm for t in toks[k + 1 : cue_tok] if t.is_word and not _gap_word(t.norm)]
    if not present or any(toks[i].norm != "'s" and subjects._verbish(i, cue_tok) for i in range(k + 1, cue_tok)) or not words or words[0] in SUBJECT_PRONOUNS or words[0] in _RELATIVES:
        return None
    found = tuple(a for a in dict.fromkeys(actors) if a != target)
    return found or ((UNKNOWN,) if not actors else None)


def _hedged(hedges: Sequence[Any], tokens: Sequence[Token], tok_start: int, t0: int) -> bool:
    """A distancing hedge among the two words before the cue ("allegedly failing")."""
    if not hedges or tok_start <= t0:
        return False
    lo, words = tok_start, 0
    while lo > t0 and words < 2 and tokens[lo - 1].is_word:
        lo -= 1
        words += 1
    a, b = tokens[lo].start, tokens[tok_start].start
    return any(a <= h.start < b and getattr(h, "category", None) in _DISTANCING for h in hedges)


def _nominal(word: str) -> bool:
    """Whether a cue's first word is a noun of a speech act ("accusations", "criticism",
    "condemnation"), not a verb."""
    return word.endswith(("ion", "ions", "ism", "isms"))


class _Subjects:
    """Finds the subject of a cue's clause in one sentence (rules 2 to 7 above)."""

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

    def _verbish(self, i: int, end: int) -> bool:
        t = self.toks[i]
        if t.norm in _AUX_WORDS or t.norm in _IRREGULAR:
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
        return (self.toks[j].norm in _PREPOSITIONS and j not in self.at) or self._participle(j)

    def _ruled(self, m: Any, b: int, end: int) -> bool:
        """A demonym describing a head it does not speak for ("the former French colonies")."""
        if getattr(m, "via", None) != "demonym":
            return False
        k = b
        for _ in range(3):
            j = self._next_word(k, end)
            if j is None or j in self.at or self.toks[j].norm in _PREPOSITIONS:
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
            if after_name or self._verbish(i, end):
                return present, actors, True
            if t.norm in _PREPOSITIONS or t.norm in SUBORDINATE_OPENERS:
                return present, actors, False
            present = True
            i += 1
        return present, actors, False

    def _clause_after(self, k: int, cue_tok: int) -> bool:
        """Whether "after", "before", ... at ``k`` opens a clause whose subject is the noun
        phrase right before the cue ("after Senegal withdrew from", "after Russia's critics
        condemned"), not a prepositional phrase ("after meeting Russia", "after talks with
        Mali", "after Russia's intervention Mali expelled")."""
        j = self._next_word(k + 1, cue_tok)
        if j is None or self._modifier(j, cue_tok):
            return False
        e = cue_tok  # the noun phrase ends before the auxiliaries and adverbs of the verb
        while e > j and _gap_word(self.toks[e - 1].norm) and self.toks[e - 1].norm not in (",", "the", "a"):
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
            if not t.is_word or t.norm in _AUX_WORDS or t.norm in _IRREGULAR or (
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
            if out and b < end and self._verbish(b, end):
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

    def _passive_agent(self, cue_tok: int, end: int, cue_end: int) -> tuple[str, ...] | None:
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
            return () if agent is not None and self.toks[cue_tok - 1].norm == "," else None
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
               and toks[j].norm not in _NOT_MODIFIERS and toks[j].norm not in OPPONENTS):  # "Mali's critics accused": not Mali
            j, skipped = j - 1, skipped + 1
        if j > self.t0 and toks[j].norm == "'s" and (j - 1) in self.ends:
            return (str(self.ends[j - 1].actor),)
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
        passive = self._passive_agent(cue_tok, ce, cue_tok + 1 if cue_end is None else cue_end)  # rule 3
        if passive is not None:
            return passive
        start, opener = cs, None
        for k in range(cs, cue_tok):
            if k in self.at:
                continue
            if toks[k].norm in SUBORDINATE_OPENERS or (toks[k].norm in SUBORDINATORS and self._clause_after(k, cue_tok)):
                start, opener = k + 1, k
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
        if opener is not None and toks[opener].norm in _RELATIVES:  # "the bloc, which cut ties"
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


def author_voice(_offset: int) -> str:
    """The ``voice_of`` of an article with no attribution: every position is the author's."""
    return "author"


def find_directed(
    doc: Doc,
    *,
    mentions: Iterable[MentionLike],
    voice_of: Callable[[int], str] | None = None,
    cues: StanceCueLexicon | None = None,
    window: int = 6,
    attribution: Any = None,
) -> list[DirectedHit]:
    """Directed cues attached to actor mentions, each with its holder.

    Each cue anchor attaches to the nearest mention it can take (by role and
    window); one anchor counts once per (holder, target). Mentions flagged
    ``ambiguous`` are skipped.

    The holder is the voice at the cue (``voice_of``), except in the outlet's
    own voice, where:

    * a ``holder: subject`` cue (an act: accusing, praising, leaving, cutting
      ties, partnering) is held by the subject of its clause: the source of the
      reporting verb when the cue is one (from ``attribution``), else the
      subject found by the rules in the comment above ``_Subjects``. Several
      coordinated subjects give one hit each; a subject that is no known actor
      gives ``unknown``; only a clause with no subject keeps ``author``;
    * a cue after a speech act (category accusation or praise) in the same
      sentence belongs to that speaker ("X accused Y of a *predatory* project");
    * a cue right after a distancing hedge ("allegedly", "reportedly") is
      passed on, not asserted: its holder is ``unknown``.

    In reported speech (not inside quotation marks), an act's holder is the actor that opens
    the reported words before it ("Mali said France cut ties with Russia": France, as Mali
    reports it; ``holder_via`` ``reported``), else the source's voice.

    ``holder_via`` says which: ``voice``, ``source``, ``subject``, ``reported``, ``speaker`` or ``hedge``.
    """
    cues = cues or default_cues()
    voice = voice_of or author_voice
    hedges = tuple(getattr(attribution, "hedges", ()) or ())
    ms = sorted(
        (m for m in mentions if not getattr(m, "ambiguous", False)), key=lambda m: (m.start, m.end)
    )
    by_sent: dict[int, list[MentionLike]] = {}
    for m in ms:
        s = doc.sentence_at(m.start)
        if s is not None:
            by_sent.setdefault(s.index, []).append(m)
    out: list[DirectedHit] = []
    for si, sms in by_sent.items():
        sent = doc.sentences[si]
        toks = doc.tokens
        spans = [(m, doc.token_index(m.start), doc.token_index(m.end)) for m in sms]
        chosen: dict[tuple[int, int, str], tuple[int, int, CueHit, Any, int, int]] = {}
        hits = find_hits(toks, sent.tok_start, sent.tok_end, cues, doc.text)
        prefix = doc._word_prefix
        # a name inside a fixed cue phrase is part of that cue, not the target of another
        # ("accused of supporting terrorist groups": the accusation is not aimed at the groups)
        phrases = {(h.tok_start, h.tok_end) for h in hits if not h.cue.pattern}
        in_phrase = {(a, b): [p for p in phrases if p[0] <= a and b <= p[1]] for _m, a, b in spans}
        # a speech act named by a noun between a cue and a name is what the cue is aimed at:
        # "Goita rejected *criticism of* Russia" rejects the criticism, not Russia
        speech: list[tuple[int, int]] = []
        if any(h.cue.category in _SPEECH_CATEGORIES and not h.cue.pattern for h in hits):
            speech = [(h.tok_start, h.tok_end) for h in hits if h.cue.category in _SPEECH_CATEGORIES
                      and not h.cue.pattern and _nominal(toks[h.tok_start].norm)]
        by_start = sorted(spans, key=lambda x: x[1])
        starts = [x[1] for x in by_start]
        longest = max((b - a for _m, a, b in spans), default=0)
        for hit in hits:
            cands = []
            # only names within the cue's window (in words) can attach: find them by bisection,
            # so that a sentence of thousands of words costs no more than its parts
            reach = max(hit.cue.window or window, 3)
            lo_tok = bisect.bisect_left(prefix, prefix[hit.tok_start] - reach) - 1 - longest
            hi_tok = bisect.bisect_right(prefix, prefix[hit.tok_end] + reach)
            near = by_start[bisect.bisect_left(starts, lo_tok):bisect.bisect_right(starts, hi_tok)]
            for m, a, b in near:
                if any(p != (hit.tok_start, hit.tok_end) for p in in_phrase[(a, b)]):
                    continue
                if hit.cue.role == "object" and any(hit.tok_end <= p0 and p1 <= a for p0, p1 in speech):
                    continue
                if hit.cue.category == "label" and not _label_fits(hit, m, b):
                    continue
                d = attach_distance(hit, a, b, toks, sent.tok_end, window=window, word_prefix=prefix)
                if d is not None:
                    cands.append((d, m, a, b))
            if not cands:
                continue
            dmin = min(c[0] for c in cands)
            for d, m, a, b in cands:
                if d != dmin:
                    continue
                key = (hit.start, hit.end, m.actor)
                rank = 0 if hit.cue.pattern else 1
                prev = chosen.get(key)
                if prev is None or (rank, -abs(hit.cue.valence)) < (prev[0], -abs(prev[2].cue.valence)):
                    chosen[key] = (rank, d, hit, m, a, b)
        if not chosen:
            continue
        subjects = _Subjects(toks, sent.tok_start, sent.tok_end, spans)
        # coordinated targets share the cue: "accused France and Ukraine of", "blamed on
        # Al-Qaeda and Islamic State factions" (a pattern cue, "accuse X of", still wins); a
        # name followed by a verb opens the next clause ("accused France, and Niger praised")

        def opens_clause(b_: int, end: int = sent.tok_end, subj: _Subjects = subjects) -> bool:
            return b_ < end and subj._verbish(b_, end)

        for (cs_, ce_, _t), (rank, d, hit, _m, a, b) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
            for m2, a2, b2 in _coordinated(by_start, a, b, toks, opens_clause):
                key2 = (cs_, ce_, m2.actor)
                prev2 = chosen.get(key2)
                if prev2 is None or rank < prev2[0]:
                    chosen[key2] = (rank, d, hit, m2, a2, b2)
        speaker: tuple[str, ...] = ()  # holder(s) of a speech act earlier in this sentence
        denier = getattr(attribution, "denier_of", None)
        for (_s, _e, target), (_r, _d, hit, m, _a, _b) in sorted(chosen.items()):
            if denier is not None and denier(hit.start) == target:
                continue  # "Paris has denied supporting terrorist groups": no evaluation of Paris
            holders: tuple[str, ...] = (voice(hit.start),)
            via = "voice"
            if hit.cue.category == "label" and doc.quote_at(hit.start) is None:
                # a label is the outlet's word unless it stands inside quotation marks: in "The
                # junta announced that Wagner mercenaries would leave", "mercenaries" is not the
                # junta's word
                holders, via = ("author",), "label"
            elif hit.cue.holder == "subject" and hit.cue.category == "accusation" and _nominal(
                    toks[hit.tok_start].norm):
                # an accusation named by a noun ("Accusations against France grew", "Mali
                # condemned accusations against Russia"): its owner accuses ("Mali's criticism
                # of France"), else someone unnamed, not the voice that mentions it
                holders, via = subjects.possessor(hit.tok_start) or (UNKNOWN,), "subject"
            elif holders == ("author",):
                holders, via = _author_holders(hit, target, subjects, attribution, hedges, speaker)
                if hit.cue.category in _SPEECH_CATEGORIES and via in ("source", "subject"):
                    speaker = holders
            elif hit.cue.holder == "subject" and doc.quote_at(hit.start) is None:
                # an act in indirect speech is its subject's, as the source reports it
                reported = _reported_subject(doc, attribution, subjects, hit, target)
                if reported:
                    holders, via = reported, "reported"
            for holder in holders:
                out.append(
                    DirectedHit(
                        holder, target, hit.cue, hit.start, hit.end, hit.text, m.start, m.end, si, via,
                        tuple(h for h in holders if h != holder),
                    )
                )
    out.sort(key=lambda h: (h.start, h.target, h.holder))
    return out


def untargeted_acts(
    doc: Doc,
    *,
    mentions: Iterable[MentionLike],
    directed: Sequence[DirectedHit],
    voice_of: Callable[[int], str] | None = None,
    cues: StanceCueLexicon | None = None,
    attribution: Any = None,
) -> list[DirectedHit]:
    """Acts aimed at no actor, with the actors that hold them: "Mali condemned the attack",
    "The attack was condemned by Mali", "Russia praised the agreement".

    The ``holder: subject`` cues in the outlet's own voice that :func:`find_directed` attached
    to no mention (not in ``directed``), in sentences that name an actor; each holder a
    known actor found as for a directed cue (source of the reporting verb, subject of the
    clause, agent after "by"). Returned as :class:`DirectedHit` with target ``""`` and no
    mention (``mention_start`` = ``mention_end`` = -1): not evaluations of anyone, only
    what tells that the holder's mention there is not evaluated by the cue's words.
    """
    cues = cues or default_cues()
    voice = voice_of or author_voice
    hedges = tuple(getattr(attribution, "hedges", ()) or ())
    done = {(h.start, h.end) for h in directed}
    by_sent: dict[int, list[MentionLike]] = {}
    for m in sorted((m for m in mentions if not getattr(m, "ambiguous", False)), key=lambda m: (m.start, m.end)):
        s = doc.sentence_at(m.start)
        if s is not None:
            by_sent.setdefault(s.index, []).append(m)
    out: list[DirectedHit] = []
    toks = doc.tokens
    for si, sms in by_sent.items():
        sent = doc.sentences[si]
        hits = [h for h in find_hits(toks, sent.tok_start, sent.tok_end, cues, doc.text)
                if h.cue.holder == "subject" and h.cue.category != "label" and (h.start, h.end) not in done
                and voice(h.start) == "author"]
        if not hits:
            continue
        spans = [(m, doc.token_index(m.start), doc.token_index(m.end)) for m in sms]
        subjects = _Subjects(toks, sent.tok_start, sent.tok_end, spans)
        for hit in hits:
            agent = by_agent(toks, hit.tok_end, sent.tok_end)
            if (agent is not None and agent not in subjects.at and not be_before(toks, hit.tok_start)
                    and hit.tok_start > sent.tok_start and toks[hit.tok_start - 1].norm == ","):
                continue  # "The jihadists, praised by locals, ...": the act is the locals', not theirs
            holders, via = _author_holders(hit, "", subjects, attribution, hedges, ())
            for holder in holders:
                if holder not in (UNKNOWN, "author"):
                    out.append(DirectedHit(holder, "", hit.cue, hit.start, hit.end, hit.text, -1, -1, si, via,
                                           tuple(h for h in holders if h != holder)))
    return out


_COORDINATORS = frozenset({",", "and", "or", "the", "as", "well"})


def _label_fits(hit: CueHit, m: MentionLike, b: int) -> bool:
    """Whether a label cue ("predatory", "puppet") can be about the mention ending at token
    ``b``: a demonym right before the label names whose the puppet is, not the puppet: in "ECOWAS,
    a French puppet, tried ..." the label is about ECOWAS, not France. The rest
    (:func:`~framecmp.measures.stance.cues.label_about`: a label followed by another noun
    describes that noun) is :func:`~framecmp.measures.stance.cues.attach_distance`'s.
    """
    if b == hit.tok_start:  # right before the label: "Wagner mercenaries", not "a French puppet"
        return getattr(m, "via", None) != "demonym"
    return True


def _coordinated(ordered: Sequence[tuple[Any, int, int]], a: int, b: int,
                 toks: Sequence[Token], opens_clause: Callable[[int], bool]) -> list[tuple[Any, int, int]]:
    """The mentions joined to the one at tokens [a, b) by "and", "or" and commas only
    ("France and Ukraine", "Mali, Niger and Burkina Faso"); ``ordered`` is sorted by start.
    A mention followed by a verb (``opens_clause(its end)``) is the subject of the next
    clause, not a list member: "accused France, and Niger praised Russia"."""
    at = next((i for i, (_m, a2, b2) in enumerate(ordered) if (a2, b2) == (a, b)), None)
    if at is None:
        return []

    def join(k: int) -> str | None:
        """How ordered[k] and ordered[k + 1] are joined: "and" (and/or), "," or None."""
        between = [t.norm for t in toks[ordered[k][2]:ordered[k + 1][1]]]
        if not between or not all(w in _COORDINATORS for w in between):
            return None
        return "and" if ("and" in between or "or" in between) else "," if "," in between else None

    lo = at
    while lo > 0 and join(lo - 1) is not None:
        lo -= 1
    hi = at
    while hi + 1 < len(ordered) and join(hi) is not None and not opens_clause(ordered[hi + 1][2]):
        hi += 1
    # a list ends in "and"/"or": "Mali, Niger and Burkina Faso"; commas alone join nothing
    # ("cooperation with Moscow, Abdoulaye Diop stressed ...")
    last_and = max((k for k in range(lo, hi) if join(k) == "and"), default=None)
    if last_and is None:
        return []
    hi = last_and + 1
    if at > hi:
        return []
    return [ordered[k] for k in range(lo, hi + 1) if k != at]


def _author_holders(
    hit: CueHit,
    target: str,
    subjects: _Subjects,
    attribution: Any,
    hedges: Sequence[Any],
    speaker: tuple[str, ...],
) -> tuple[tuple[str, ...], str]:
    """Holder(s) of a cue that stands in the outlet's own voice, and how they were found."""
    if hit.cue.holder == "subject":
        src = _source_holder(attribution, hit.start, hit.end)
        subj = subjects.subject(hit.tok_start, hit.tok_end)
        several = tuple(a for a in subj if a != target) if subj is not None else ()
        if src is not None and len(several) < 2 and not (src == UNKNOWN and several):
            # a source with no affiliation gives way to a known actor as the clause's subject
            # ("The transitional authorities thanked their Russian partners": Mali)
            return (src,), "source"
        if subj is not None:
            # several coordinated subjects hold the cue each, speech or act alike
            # ("Mali and Niger praised Russia"): an attribution keeps one affiliation only
            return several or (UNKNOWN,), "subject"
    if speaker and target not in speaker:
        # the content of "X accused Y of <cue>" is X's evaluation, not the outlet's
        return speaker, "speaker"
    if _hedged(hedges, subjects.toks, hit.tok_start, subjects.t0):
        return (UNKNOWN,), "hedge"
    return ("author",), "voice"
