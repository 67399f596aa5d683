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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framecmp.measures.stance.clauses import (
    AUX_WORDS,
    OWN_NOUNS,
    RELATIVES,
    MentionLike,
    Subjects,
    gap_word,
    mentions_by_end,
    subject_before,
)
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
    names_a_topic,
)
from framecmp.text.doc import POSSESSIVES, Doc, Token
from framecmp.text.grammar import (
    NP_DETERMINERS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    SUBORDINATE_OPENERS,
    SUBORDINATORS,
    opens_clause_content,
)

__all__ = ["UNKNOWN", "DirectedHit", "MentionLike", "author_voice", "find_directed", "mentions_by_end", "subject_before",
           "untargeted_acts"]


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

#: hedge classes that hand a claim to someone else ("possibly" keeps it the writer's)
_DISTANCING = frozenset({"evidential", "doubt"})
#: cue categories that are speech acts: what follows in the sentence is the speaker's too
_SPEECH_CATEGORIES = frozenset({"accusation", "praise"})
#: the cue a denial of an accusation is read with, and the categories of the words it denies
#: that blame their target (its wrongdoing, its violence)
DEFENCE_CUE = "sc.denies_accusation"
_DENIABLE = frozenset({"wrongdoing", "violence"})
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


#: nouns of a body that speaks for a country or a bloc, besides ``OWN_NOUNS``: in reported words
#: "the administration", "the bloc" are most often the source's own
_INSTITUTION_NOUNS = frozenset("administration country bloc organisation organization state nation regime "
                               "cabinet presidency kremlin".split())


def _reported_subject(doc: Doc, attribution: Any, subjects: Subjects, hit: CueHit,
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
    ce = next((ce for cs, ce in subjects.chunks if cs <= hit.tok_start < ce), subjects.t1)
    if any(t.norm == "by" for t in subjects.toks[hit.tok_end : ce]):
        agent = subjects.passive_agent(hit.tok_start, ce, hit.tok_end)
        if agent is not None:  # a passive with its agent: "Putin praised Goita, hailed by supporters"
            return tuple(a for a in agent if a != target) or (UNKNOWN,)
    ends = {b: (m, a) for a, (m, b1) in subjects.at.items() for b in (b1 - 1,) if a >= lo}
    found = tuple(dict.fromkeys(str(m.actor) for m in subject_before(subjects.toks, hit.tok_start, lo, ends)
                                if str(m.actor) != target))
    return found or _clause_subject(subjects, lo, hit.tok_start, target)


def _clause_subject(subjects: Subjects, lo: int, cue_tok: int, target: str) -> tuple[str, ...] | None:
    """The subject of a clause opened inside reported words before the act at ``cue_tok``, when
    it is a noun phrase that is not a pronoun and runs up to the act (no other verb between): "France praised Mali after *Russia's critics*
    condemned Niger" is the critics' act (``unknown``), not France's. None: no such clause."""
    toks = subjects.toks
    if not subjects.verbish(cue_tok, subjects.t1):
        return None  # a noun ("an agreement with Russia"): no clause of its own
    k = next((k for k in range(cue_tok - 1, lo - 1, -1) if toks[k].norm in SUBORDINATE_OPENERS or (
        toks[k].norm in SUBORDINATORS and subjects.clause_after(k, cue_tok))), None)
    if k is None:
        return None
    e = cue_tok  # the phrase ends before the act's auxiliaries and adverbs ("had condemned")
    while e > k + 1 and (toks[e - 1].norm in AUX_WORDS or is_adverb(toks[e - 1].norm)) and toks[e - 1].norm != "'s":
        e -= 1
    present, actors, _verb = subjects.noun_phrase(k + 1, e)
    words = [t.norm for t in toks[k + 1 : e] if t.is_word and not gap_word(t.norm)]
    if not present or not words or any(
            toks[i].norm != "'s" and subjects.verbish(i, e) for i in range(k + 1, e)):
        return None  # another verb first: "the group that Wagner trained had rejected"
    if words[-1] in OWN_NOUNS or words[-1] in _INSTITUTION_NOUNS:
        return None  # "Goita said that the government expelled ...": the source's own, as before
    if words[0] in SUBJECT_PRONOUNS or words[0] in RELATIVES:
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


def _denied_clause(doc: Doc, denial: Any, at: int) -> bool:
    """Whether the cue at offset ``at`` stands in a clause a denial denies ("denied *that*
    France ...", "denied *supporting* ...", "denied reports *that* he ..."), whose acts are
    denied, not in a noun phrase whose own holders stand ("rejected France's criticism of")."""
    k, e = doc.token_index(denial.content_start), doc.token_index(at)
    return k < len(doc.tokens) and (opens_clause_content(doc.tokens[k].norm)
                                    or any(t.norm == "that" for t in doc.tokens[k:e]))


#: nouns of what is said, before the "that" of a denied clause ("denied *claims* that ...")
_CLAIM_NOUNS = frozenset("claim claims report reports allegation allegations accusation accusations suggestion "
                         "suggestions rumour rumours rumor rumors assertion assertions charge charges".split())


def _denied_subject(doc: Doc, denial: Any, at: int) -> bool:
    """Whether the mention at offset ``at`` is the subject of the "that" clause a denial
    denies ("denied that *Wagner* had killed", "denied that *the Russian* instructors"), not a
    name elsewhere in it ("denied the findings that it interfered in *the US* election")."""
    toks = doc.tokens
    k = doc.token_index(denial.content_start)
    if k + 1 < len(toks) and toks[k].norm in _CLAIM_NOUNS:
        k += 1  # "denied claims that Wagner ..."
    if k >= len(toks) or toks[k].norm != "that":
        return False
    k += 1
    while k < len(toks) and toks[k].norm in NP_DETERMINERS:
        k += 1
    for _ in range(3):  # past an owner: "denied that Russia's *Wagner* had killed"
        if k >= len(toks) or toks[k].start >= at or not (toks[k].text[:1].isupper() or toks[k].norm == "'s"):
            break
        k += 1
    return k < len(toks) and toks[k].start == at


#: verbs that name an act by its noun ("*voiced* criticism of", "*made* accusations against"):
#: their subject holds the accusation the noun names
LIGHT_VERBS = frozenset(
    "voice voiced voices voicing express expressed expresses expressing make made makes making "
    "level leveled levelled levels leveling levelling repeat repeated repeats repeating renew "
    "renewed renews renewing intensify intensified intensifies intensifying deliver delivered "
    "delivers delivering issue issued issues issuing direct directed directs directing launch "
    "launched launches launching escalate escalated escalates escalating sharpen sharpened "
    "sharpens sharpening air aired airs airing reiterate reiterated reiterates reiterating "
    "redouble redoubled up".split()
)
#: nouns of events that can renew or sharpen criticism with no one named ("The attacks have
#: renewed criticism of ...")
_EVENT_NOUNS = frozenset("attack attacks attacking bombing bombings killing killings crisis war scandal "
                         "scandals decision comments remarks report reports incident incidents events "
                         "shooting shootings coup violence".split())
#: light verbs whose subject may be an event ("The attacks *renewed* criticism of Obama"): with
#: an event noun before them they need the holder's possessive after them ("renewed *its*")
_EVENT_LIGHT_VERBS = frozenset(
    "renew renewed renews renewing intensify intensified intensifies "
    "intensifying escalate escalated escalates escalating sharpen sharpened sharpens sharpening "
    "redouble redoubled".split()
)


def _light_verb_subject(subjects: Subjects, i: int) -> tuple[str, ...] | None:
    """The subject of a light verb whose object is the accusation noun at token ``i``: "Mali
    *voiced* strong criticism of France", "Macron stepped *up* his criticism of Russia"
    (at most three words between: determiners, possessives, adjectives)."""
    toks = subjects.toks
    j = i - 1
    while j > subjects.t0 and j >= i - 3 and toks[j].is_word and toks[j].text[:1].islower() \
            and toks[j].norm not in LIGHT_VERBS and toks[j].norm not in PREPOSITIONS:
        j -= 1
    if j < subjects.t0 or toks[j].norm not in LIGHT_VERBS:
        return None
    if toks[j].norm == "up" and not (j > subjects.t0 and toks[j - 1].norm.startswith("step")):
        return None
    if toks[j].norm in _EVENT_LIGHT_VERBS and toks[j + 1].norm not in POSSESSIVES and any(
            t.norm in _EVENT_NOUNS for t in toks[subjects.t0 : j]):
        return None  # "The attacks have renewed criticism of Obama": no one named criticises
    if toks[j].norm in ("make", "made", "makes", "making") and not (
            toks[i].norm.endswith("s") or toks[i - 1].norm in ("a", "an")):
        return None  # "made accusations / an accusation against", not "made criticism of Putin harder"
    found = subjects.subject(j)
    return found or None


def _nominal(word: str) -> bool:
    """Whether a cue's first word is a noun of a speech act ("accusations", "criticism",
    "condemnation"), not a verb."""
    return word.endswith(("ion", "ions", "ism", "isms"))


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
      subject found by the rules in the comment above ``Subjects``. Several
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
    defends = cues.cues.get(DEFENCE_CUE)  # a denial of an accusation takes the accused's side
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
            topic_end: int | None = None
            for m, a, b in near:
                if any(p != (hit.tok_start, hit.tok_end) for p in in_phrase[(a, b)]):
                    continue
                if hit.cue.role == "object" and any(hit.tok_end <= p0 and p1 <= a for p0, p1 in speech):
                    continue
                if hit.cue.category == "label" and not _label_fits(hit, m, b):
                    continue
                if topic_end is not None and a >= topic_end:
                    continue  # past the topic: "condemned the Wagner issue in *Niger*"
                if names_a_topic(toks, a, b, sent.tok_end, getattr(m, "via", None)):
                    topic_end = b if a >= hit.tok_end else topic_end
                    continue  # "criticism of the Russia probe": Russia is what the probe is about
                    # (not "the UN inquiry", "the Security Council inquiry", "the French
                    # investigation": theirs)
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
        subjects = Subjects(toks, sent.tok_start, sent.tok_end, spans)
        # coordinated targets share the cue: "accused France and Ukraine of", "blamed on
        # Al-Qaeda and Islamic State factions" (a pattern cue, "accuse X of", still wins); a
        # name followed by a verb opens the next clause ("accused France, and Niger praised")

        def opens_clause(b_: int, end: int = sent.tok_end, subj: Subjects = subjects) -> bool:
            return b_ < end and subj.verbish(b_, end)

        for (cs_, ce_, _t), (rank, d, hit, _m, a, b) in sorted(chosen.items(), key=lambda kv: kv[1][0]):
            for m2, a2, b2 in _coordinated(by_start, a, b, toks, opens_clause):
                key2 = (cs_, ce_, m2.actor)
                prev2 = chosen.get(key2)
                if prev2 is None or rank < prev2[0]:
                    chosen[key2] = (rank, d, hit, m2, a2, b2)
        speaker: tuple[str, ...] = ()  # holder(s) of a speech act earlier in this sentence
        defended: set[tuple[str, str]] = set()  # (denial, target) pairs given a defence
        denial_at = getattr(attribution, "denial_at", None)
        for (_s, _e, target), (_r, _d, hit, m, _a, _b) in sorted(chosen.items()):
            denial = denial_at(hit.start) if denial_at is not None else None
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
                holders, via = (subjects.possessor(hit.tok_start) or _light_verb_subject(subjects, hit.tok_start)
                                or (UNKNOWN,)), "subject"
            elif holders == ("author",) or denial is not None:
                holders, via = _author_holders(hit, target, subjects, attribution, hedges, speaker)
                if hit.cue.category in _SPEECH_CATEGORIES and via in ("source", "subject") and denial is None:
                    speaker = holders
            elif hit.cue.holder == "subject" and doc.quote_at(hit.start) is None:
                # an act in indirect speech is its subject's, as the source reports it
                reported = _reported_subject(doc, attribution, subjects, hit, target)
                if reported:
                    holders, via = reported, "reported"
            if hit.cue.named_holder:
                owner = subjects.possessor(hit.tok_start)
                if owner:  # "Mali's trust in Russia was criticized by France": Mali trusts
                    holders, via = owner, "subject"
                if all(h in (UNKNOWN, "author") for h in holders):
                    continue  # "Faith in America has dipped": no one named trusts
            if denial is not None and via != "label":
                # words a source denies: not its claim ("Mali denied that Russia killed
                # civilians": someone unnamed says it); an act of the denier itself, or a cue
                # aimed at it with no one else named, counts for nobody ("Paris has denied
                # supporting terrorist groups", "Trump denied ever praising Putin"); a holder the
                # words name stays where they are no clause the denier denies ("Mali rejected
                # France's criticism of the junta")
                named = tuple(h for h in holders if h not in (UNKNOWN, "author"))
                who, clause = denial.affiliation, _denied_clause(doc, denial, hit.start)
                # the denier's own act is denied, unless the denied words name another of its
                # side ("Biden dismissed Trump's praise for Putin": both usa, Trump praises)
                own = who is not None and who in named and (clause or not any(
                    str(x.actor) == who and denial.content_start <= x.start < hit.start for x in sms))
                if (defends is not None and not own and who is not None and who != target and hit.cue.valence < 0
                        and hit.cue.category in _DENIABLE and (denial.id, target) not in defended
                        and _denied_subject(doc, denial, m.start)
                        and (denial.source or "").lower() not in SUBJECT_PRONOUNS):  # ("He denied": whose?)
                    # the denier takes the side of the one the denied words blame ("The Kremlin
                    # denied that Wagner had killed civilians": Russia -> Wagner), once a denial
                    defended.add((denial.id, target))
                    out.append(DirectedHit(who, target, defends, denial.cue_start, denial.cue_end, denial.cue,
                                           m.start, m.end, si, "source"))
                if own or (who is not None and who == target and not named):
                    continue
                if not named or clause:
                    holders, via = (UNKNOWN,), "denied"
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
        subjects = Subjects(toks, sent.tok_start, sent.tok_end, spans)
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
    subjects: Subjects,
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
