"""Pronouns that stand for an actor: "Mali said *it* would ...", "Macron ... *he* accused ...".

A deliberately narrow rule set (no parser, no learned coreference): a pronoun becomes a mention
of an actor only when the words leave one reading.

* **Which pronouns**: ``he him his himself she her hers herself`` stand for a person (a mention
  recognised through an actor's ``people`` list, or a user actor of type ``person``);
  ``it its itself`` for a country, organisation or company named in the singular;
  ``they them their theirs themselves`` for a group named in the plural ("Russians",
  "jihadists"; an armed group or collective named in the singular takes no pronoun).
* **Within the sentence**: every compatible mention before the pronoun in its sentence names
  the same actor ("Mali said it would leave" -> Mali). Two candidates ("Mali accused France
  of violating its airspace") leave the pronoun unresolved. For "they" only a group in subject
  position counts (or one right before the pronoun: "Malians themselves"): in "the leaders of
  the three countries cited threats from militants as a reason for overthrowing their
  governments", "their" is not the militants'.
* **The sentence before**: a pronoun that opens its sentence ("He also accused ...", "Its
  troops ...") refers to the actor that acts in the sentence before, when exactly one
  compatible actor does (a mention in subject position, not a place: "an attack in Mali"
  makes no antecedent) and that sentence names nobody else.
* **Quotes**: a pronoun and its antecedent stand both inside the same quotation or both
  outside any.
* **Another name**: a pronoun is left alone when a capitalised word that is no actor's stands
  before it in the sentence ("Jose Fuentes, a Trump supporter, said he ...", "Trump said
  Clinton erred when she ...", "ISIS ... U.S. officials ... its fighters"; titles, days and
  months aside), or, for "he"/"she", a person pronoun comes before the actor ("He alleges that
  his removal by Trump ..."). Unknown names are everywhere in news; this costs recall (a
  dateline "WASHINGTON" blocks a sentence) for precision.
* **Another actor's phrase**: a possessive right before another actor's name ("thanked their
  Russian partners") is left alone: the phrase is about the other actor, and a cue there
  must reach it.
* **Two people**: no "he"/"she" is read in a sentence that has both ("Trump denies a
  relationship with her and said he ..."); "him", "her", "them" right after the actor and
  one word ("Trump quoted him") are someone else.
* **Bare "it"** counts only as the subject of reported speech ("Mali said it would ...",
  "announced that it"): elsewhere it is too often an object, an event or a thing; a sentence
  that opens with "It" is never read back into the sentence before.
* **Not a reference**: "it" followed (after "will", "has", "not" ...) by a form of *be*, *seem*,
  *appear*, *remain* or *become* and, within five words, "that", "to", "whether", "if" or a
  question word ("It is unclear whether ...", "it was too early to ...") is left alone, even
  where it did refer ("Mali said it was ready to talk"); so is any pronoun inside a title.

Each resolution is an implicit mention carrying the antecedent's offsets, so the evidence can
say which name the pronoun was read as.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from framecmp.measures.stance.evaluate import is_agent, is_setting
from framecmp.measures.stance.holders import MentionLike
from framecmp.text.doc import POSSESSIVES, WEEKDAYS, Doc
from framecmp.text.grammar import HONORIFICS, is_capitalised
from framecmp.text.language import FUNCTION_WORDS

__all__ = ["PERSON_PRONOUNS", "PLURAL_PRONOUNS", "PRONOUNS", "PronounMention", "SINGULAR_PRONOUNS",
           "pronoun_mentions"]

PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
SINGULAR_PRONOUNS = frozenset("it its itself".split())
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
PRONOUNS = PERSON_PRONOUNS | SINGULAR_PRONOUNS | PLURAL_PRONOUNS

#: actor types whose singular names ("extremist", "the junta", "Wagner") take no safe pronoun;
#: their plural names ("jihadists") take "they"
GROUP_TYPES = frozenset({"armed_group", "collective", "group"})
#: actor types spoken of as "it"
THING_TYPES = frozenset({"country", "organisation", "organization", "company", "institution"})
_EXPLETIVE_VERBS = frozenset("is was 's be been seems seemed appears appeared remains remained becomes "
                             "became".split())
_EXPLETIVE_AUX = frozenset("will would could may might must should can has had have not also still".split())
_EXPLETIVE_TAILS = frozenset("that to too whether if how what why when who where".split())
#: words before a bare "it" that make it the subject of reported speech ("Mali said it would
#: ..."); elsewhere "it" is too often an object, an event or a thing ("make it impossible", "but
#: it is not their top priority")
_SUBJECT_LEADS = frozenset("that said says added stated announced warned insisted claimed argued declared "
                           "noted".split())
#: capitalised words that are titles, not names ("President Trump", "Mr Kelly")
_TITLES = HONORIFICS | frozenset("mr. mrs. ms. dr. sen. rep. gov. president senator representative governor "
                                  "general gen. minister prime foreign secretary attorney colonel col. "
                                  "chancellor king queen prince pope speaker leader chairman judge "
                                  "justice".split())
_EN = FUNCTION_WORDS["en"] | frozenset("however meanwhile last first next on after later still yet "
                                       "today yesterday now then there here this that these those".split())
#: capitalised words that are dates, not names (not CALENDAR_WORDS: a capitalised "Week" or
#: "Today" opens a name or a sentence as often as a date)
_CALENDAR = WEEKDAYS | frozenset("january february march april may june july august september october "
                                 "november december".split())
_PLURAL_NOT_NOUN = frozenset("is was has does says its this thus his hers ours yours as us always perhaps "
                             "whereas unless besides towards afterwards".split())
#: how many words before a pronoun its antecedent may stand (in the same sentence)
WINDOW = 60


@dataclass(frozen=True, slots=True)
class PronounMention:
    """A pronoun read as a mention of ``actor``; ``antecedent`` is the mention it was read from."""

    start: int
    end: int
    actor: str
    antecedent: tuple[int, int]


def _kind(m: MentionLike, doc: Doc, types: Mapping[str, str]) -> str:
    """``person``, ``plural`` or ``singular``: which pronouns the mention can stand behind."""
    if getattr(m, "person", None) or getattr(m, "via", "") == "person" or types.get(m.actor) == "person":
        return "person"
    text = doc.text[m.start:m.end]
    last = text.split()[-1] if text.split() else text
    if getattr(m, "via", "") == "demonym":
        # "Russians" are they; "French" (troops, officials) names no one by itself
        return "plural" if last.endswith("s") and not last.endswith("ss") else ""
    if last[:1].islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return "plural"  # "farmers", "the jihadists"
    if types.get(m.actor) in GROUP_TYPES:
        return ""  # "extremist", "the junta": no safe pronoun
    if types.get(m.actor, "") in THING_TYPES or not types.get(m.actor) or last[:1].isupper():
        return "singular"
    return ""


def _wants(pronoun: str) -> str:
    if pronoun in PERSON_PRONOUNS:
        return "person"
    return "singular" if pronoun in SINGULAR_PRONOUNS else "plural"


def _expletive(doc: Doc, i: int, end: int) -> bool:
    toks = doc.tokens
    if toks[i].norm != "it":
        return False
    j = i + 1
    while j < end and toks[j].norm in _EXPLETIVE_AUX:
        j += 1
    if j >= end or toks[j].norm not in _EXPLETIVE_VERBS:
        return False
    return any(t.norm in _EXPLETIVE_TAILS for t in toks[j + 1 : min(end, j + 6)])


_HE = frozenset("he him his himself".split())
_SHE = frozenset("she her hers herself".split())
#: object pronouns: right after the actor and its verb they are someone else ("X quoted him")
_OBJECTS = frozenset({"him", "her", "them"})


def _both_genders(toks: Sequence[object], lo: int, hi: int) -> bool:
    norms = {getattr(toks[j], "norm", "") for j in range(lo, hi)}
    return bool(norms & _HE) and bool(norms & _SHE)


def _in_mention(t_start: int, mentions: Sequence[MentionLike], starts: Sequence[int]) -> bool:
    """Whether offset ``t_start`` lies inside one of ``mentions`` (sorted; ``starts`` their starts)."""
    k = bisect.bisect_right(starts, t_start) - 1
    return k >= 0 and mentions[k].end > t_start


def _other_name(doc: Doc, lo: int, hi: int, mentions: Sequence[MentionLike], starts: Sequence[int]) -> bool:
    """Whether tokens ``lo:hi`` hold a capitalised word outside every actor mention, so that the
    pronoun may stand for someone or something no actor list knows ("Jose Fuentes, a Trump
    supporter, said he ...", "Scarborough answered Trump's tweet with one of his own", "ISIS ...
    U.S. officials ... its fighters"). Titles, days and months, "I" and a sentence's first word
    when it is a common word do not count."""
    toks = doc.tokens
    for j in range(lo, hi):
        t = toks[j]
        if not (t.is_word and is_capitalised(t)) or t.norm in _TITLES or t.norm in _CALENDAR or t.norm == "i":
            continue
        if j == lo and (t.norm in _EN or t.norm.endswith("ly")):
            continue
        if not _in_mention(t.start, mentions, starts):
            return True
    return False


def _plural_between(
    doc: Doc, start: int, i: int, mentions: Sequence[MentionLike], starts: Sequence[int]
) -> bool:
    """Whether a lowercase plural-looking word stands between an antecedent and a "they" at
    token ``i`` ("Americans who like their health plans would keep them")."""
    toks = doc.tokens
    for t in toks[doc.token_index(start):i]:
        w = t.norm
        if (t.is_word and t.text[:1].islower() and len(w) > 3 and w.endswith("s")
                and not w.endswith(("ss", "us", "is", "'s")) and w not in _PLURAL_NOT_NOUN
                and not _in_mention(t.start, mentions, starts)):
            return True
    return False


def pronoun_mentions(
    doc: Doc, mentions: Sequence[MentionLike], types: Mapping[str, str] | None = None
) -> list[PronounMention]:
    """The pronouns of ``doc`` that stand for one actor of ``mentions`` (see the module docstring).

    ``types`` maps actor ids to their type (``country``, ``organisation``, ``armed_group``,
    ``collective``, ``person``); an actor without a type is read from the words of its mention.
    Ambiguous mentions are never antecedents; a pronoun inside another mention is skipped.
    """
    types = types or {}
    usable = sorted((m for m in mentions if getattr(m, "actor", None) and not getattr(m, "ambiguous", False)),
                    key=lambda m: (m.start, m.end))
    if not usable:
        return []
    by_sentence: dict[int, list[tuple[MentionLike, str]]] = {}
    for m in usable:
        s = doc.sentence_at(m.start)
        if s is not None:
            by_sentence.setdefault(s.index, []).append((m, _kind(m, doc, types)))
    starts = [m.start for m in usable]
    toks = doc.tokens
    out: list[PronounMention] = []
    for sent in doc.sentences:
        if sent.part == "title":
            continue
        here = by_sentence.get(sent.index, [])
        before = by_sentence.get(sent.index - 1, []) if sent.index >= 1 else []
        if not here and not before:
            continue
        first_word = next((j for j in range(sent.tok_start, sent.tok_end) if toks[j].is_word), None)
        two_people = _both_genders(toks, sent.tok_start, sent.tok_end)
        for i in range(sent.tok_start, sent.tok_end):
            t = toks[i]
            if t.norm not in PRONOUNS:
                continue
            if _in_mention(t.start, usable, starts):
                continue  # part of a name
            if _expletive(doc, i, sent.tok_end):
                continue
            k = bisect.bisect_right(starts, t.start)  # the next mention after the pronoun
            if t.norm in POSSESSIVES and k < len(usable) and doc.token_index(usable[k].start) <= i + 2:
                continue  # "thanked their Russian partners": the phrase is about the other actor
            want = _wants(t.norm)
            if t.norm == "it" and i > sent.tok_start and toks[i - 1].norm not in _SUBJECT_LEADS:
                continue
            if want == "person" and two_people:
                continue  # "Trump denies a relationship with her and said he did not know ..."
            q = doc.quote_at(t.start)
            lo = max(sent.tok_start, i - WINDOW)  # bounded work in a sentence of thousands of words
            cands = [m for m, kind in here if toks[lo].start <= m.start and m.end <= t.start and kind == want
                     and not is_setting(doc, sent, m.start, m.end) and doc.quote_at(m.start) == q]
            if cands and (
                _other_name(doc, lo, i, usable, starts)
                or (want == "person" and any(toks[j].norm in PERSON_PRONOUNS
                                             for j in range(lo, doc.token_index(cands[0].start))))
            ):
                continue  # another name, or a "he" before the name that "his" may follow
            if cands and want == "plural" and _plural_between(doc, cands[-1].end, i, usable, starts):
                continue
            if want == "plural":
                # plural nouns abound ("the leaders of the three countries ... threats from
                # militants ... their governments"): only a group that acts in the clause, or one
                # the pronoun follows at once ("Malians themselves")
                cands = [m for m in cands if doc.token_index(m.end) == i or is_agent(doc, sent, m.start)]
            if (not cands and i == first_word and before and t.norm != "it"
                    and doc.sentences[sent.index - 1].part == sent.part):
                prev = doc.sentences[sent.index - 1]
                cands = [m for m, kind in before if kind == want
                         and is_agent(doc, prev, m.start) and not is_setting(doc, prev, m.start, m.end)]
                if cands and _other_name(doc, prev.tok_start, prev.tok_end, usable, starts):
                    continue
            if cands and t.norm in _OBJECTS and i - doc.token_index(cands[-1].end) < 3:
                continue  # "Trump duly quoted him": a verb's object is not its subject
            if cands and len({m.actor for m in cands}) == 1:
                a = cands[-1]
                out.append(PronounMention(t.start, t.end, a.actor, (a.start, a.end)))
    return out
