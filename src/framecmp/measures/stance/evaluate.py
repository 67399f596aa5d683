"""Every mention of an actor evaluated: who evaluates it, how much, and the words that say so.

One :class:`Evaluation` per actor mention (named, demonym, metonym, person, or implicit
through a loaded label with a referent), plus one per loaded label:

* a mention with a **directed cue** attached ("accused Paris of", "Russia a reliable
  partner") is evaluated by the cue, with the holder :func:`~framecmp.measures.stance.holders.find_directed`
  found (the clause's subject for a reported act: "Macron accused Russia of ..." is
  France -> Russia, not the outlet);
* a mention of an actor that **suffers violence** ("Wagner contractors were killed in an
  attack", "the killing of X") is a *victim* mention: value 0, counted apart, never
  hostility toward the victim;
* every other mention is scored by the **target engine** (default: the linear model fitted
  on NewsMTSC, :mod:`framecmp.measures.stance.engine`), which decides what the sentence
  says about *that* mention: in "ECOWAS, a French puppet, tried ..." the words weigh on
  ECOWAS, not on France. Its holder is the voice at the mention: the quoted speaker inside
  quotation marks, the reporting source inside indirect speech, else the outlet;
* a mention of an actor that **holds a directed cue** aimed at another one in the same
  sentence, before the cue ("the Malian transitional government accused Paris of ..."), or a
  mention of an actor that a cue in the sentence already evaluates, is ``covered``: value 0,
  counted nowhere (the cue's words are about its target, and the sentence counts once);
* a **loaded label** that names an actor ("the junta" -> Mali, "mercenaries" -> Wagner,
  "the former metropolis" -> France) is also an evaluation of its own, valued at the
  label's connotation and held by the outlet, unless it stands inside quotation marks (then
  it is the quoted speaker's word): in "The junta announced that Wagner mercenaries would
  leave", the claim is the junta's, the word "mercenaries" the outlet's.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framecmp.measures.stance.cues import (
    StanceCueLexicon,
    attach_distance,
    find_hits,
    names_a_topic,
    opponents_of,
)
from framecmp.measures.stance.deeds import Deed, find_deeds
from framecmp.measures.stance.holders import (
    UNKNOWN,
    DirectedHit,
    MentionLike,
    mentions_by_end,
    subject_before,
)
from framecmp.measures.stance.target import Contribution, TargetScore
from framecmp.text.doc import Doc, Sentence
from framecmp.text.grammar import (
    AUXILIARIES,
    BE_FORMS,
    HAVE_FORMS,
    IRREGULAR_VERBS,
    NP_DETERMINERS,
    PREPOSITIONS,
    looks_like_verb,
)

__all__ = [
    "EVALUATION_KINDS", "Evaluation", "denials", "evaluate_mentions", "is_agent", "is_setting", "label_evaluations",
    "victim_mentions",
]

#: ``cue``: a directed cue; ``engine``: the target engine; ``victim``: the actor suffers
#: harm (value 0); ``setting``: the actor is where it happens ("an attack in Mali", value 0);
#: ``label``: a loaded label naming the actor; ``deed``: what the actor does to a thing of value
#: ("cut emissions", "scrap a rule protecting drinking water"; :mod:`framecmp.measures.stance.deeds`).
EVALUATION_KINDS = ("cue", "engine", "deed", "victim", "setting", "covered", "label")

#: how many of an evaluation's words its explanation lists
TOP_WORDS = 4


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One evaluation of one actor mention (or label) by one holder.

    Attributes
    ----------
    holder, target : str
        Who evaluates (``author`` = the outlet, ``unknown``, or an actor id) and the actor.
    start, end : int
        The mention (or label) in the cleaned text.
    value : float
        In [-1, 1]; 0 for a victim mention.
    kind : str
        One of :data:`EVALUATION_KINDS`.
    sentence : int
        Index of the sentence.
    words : tuple of Contribution
        The words that moved the value (offsets in the cleaned text), largest first.
    holder_via : str
        How the holder was found: ``voice`` (quoted speaker, reporting source or outlet),
        ``source``, ``subject``, ``speaker``, ``hedge`` (directed cues), ``label``.
    rule_id : str or None
        The cue or label entry id, or the engine's name.
    note : str
        A plain-language line for the evidence (what the cue or label says, the holder rule).
    agent : bool
        Whether the mention acts in its clause (its subject, or the agent after "by") rather
        than undergoing what the clause says (an object: "against X", "sanctions on X"). Portrayal
        reads a negative evaluation of an actor that only undergoes it as harm, not blame.
    """

    holder: str
    target: str
    start: int
    end: int
    value: float
    kind: str
    sentence: int
    words: tuple[Contribution, ...] = ()
    holder_via: str = "voice"
    rule_id: str | None = None
    note: str = ""
    agent: bool = True


def victim_mentions(
    doc: Doc, mentions: Sequence[MentionLike], lexicon: StanceCueLexicon, *, window: int = 6
) -> dict[tuple[int, int], tuple[str, int, int]]:
    """Mentions whose actor suffers violence, with the words that say so.

    A ``target_sentiment.yaml`` entry of category ``victim`` attached to the mention: "X
    were killed", "the killing of X", "X's death". Not "killed by X": the one after "by" is
    the agent. Returns ``{(mention start, end): ("were killed", start, end of those words)}``.
    """
    out: dict[tuple[int, int], tuple[str, int, int]] = {}
    by_sentence: dict[int, list[MentionLike]] = {}
    for m in mentions:
        s = doc.sentence_at(m.start)
        if s is not None:
            by_sentence.setdefault(s.index, []).append(m)
    toks = doc.tokens
    starts = [t.start for t in toks]
    for si, ms in by_sentence.items():
        sent = doc.sentences[si]
        hits = [h for h in find_hits(toks, sent.tok_start, sent.tok_end, lexicon, doc.text)
                if h.cue.category == "victim"]
        if not hits:
            continue
        for m in ms:
            a = bisect.bisect_left(starts, m.start, sent.tok_start, sent.tok_end)
            b = max(bisect.bisect_left(starts, m.end, a, sent.tok_end), a + 1)
            for h in hits:
                if a >= h.tok_end and (h.cue.role == "subject"
                                       or (h.tok_end < sent.tok_end and toks[h.tok_end].norm == "by")):
                    continue  # "killed by X": X is the agent
                if b <= h.tok_start and h.cue.role == "subject" and (
                    [t.norm for t in toks[b:h.tok_start]] == ["of"]
                    or (h.tok_end == h.tok_start + 1 and toks[h.tok_start].norm in _HARM_NOUNS
                        and h.tok_end < sent.tok_end and toks[h.tok_end].norm == "of")
                ):
                    # "accused the fighters of killing civilians", "accused X of murder": the
                    # charge, not X's death; "Wagner's killing of civilians": the one after
                    # "of" is killed, not the one before
                    continue
                if b <= h.tok_start and h.tok_end == h.tok_start + 1 and toks[h.tok_start].norm in _HARM_NOUNS and any(
                    t.norm in _VERBISH or (len(t.norm) > 4 and t.norm.endswith("ed")) for t in toks[b:h.tok_start]
                ):
                    continue  # "Russia denied killing civilians": the one said to kill, not killed
                if b <= h.tok_start and _speaks_before(toks, b, h.tok_start):
                    continue  # "The UN said Malian soldiers were killed": the UN speaks, is not killed
                if a >= h.tok_end and h.tok_end == h.tok_start + 1 and toks[h.tok_start].norm in _HARM_NOUNS and any(
                    t.norm in _VERBISH or (len(t.norm) > 4 and t.norm.endswith("ed")) for t in toks[h.tok_end:a]
                ):
                    continue  # "Wagner's killing shocked Russia": a verb after the noun, Russia is not killed
                if attach_distance(h, a, b, toks, sent.tok_end, window=window) is not None:
                    out[(m.start, m.end)] = (h.text, h.start, h.end)
                    # the other names of the same actor earlier in that noun phrase suffer it too:
                    # "contractors from the Russian private military company (PMC) Wagner Group
                    # were killed"
                    # and so do the actors joined to it by "and" in that subject: "dozens of
                    # Malian soldiers and contractors from ... Wagner Group were killed"
                    for m2 in ms:
                        if m2.end > m.start:
                            continue
                        between = toks[doc.token_index(m2.end):a]
                        if any(t.text in {";", ":", "."} for t in between):
                            continue
                        if m2.actor == m.actor or (
                            any(t.norm == "and" for t in between)
                            and not any(t.norm in _VERBISH or (len(t.norm) > 4 and t.norm.endswith("ed"))
                                        for t in between)
                        ):
                            out.setdefault((m2.start, m2.end), (h.text, h.start, h.end))
                    break
    return out


#: nouns of a killing done, which "of" after them turns to its victim ("Wagner's killing of
#: civilians"); not "died of", "bore the brunt of"
_HARM_NOUNS = frozenset("killing killings murder murders assassination assassinations kidnapping "
                        "kidnappings abduction abductions shooting shootings".split())
#: words that, right before a mention, make it the object of what precedes it
_OBJECT_PREPS = frozenset(
    "of to in on at for against with from into onto over under upon toward towards about "
    "among between amid across through without despite like".split()
)
#: verb forms that, before a mention in the same clause, make it their object
_VERBISH = frozenset(
    "is are was were be been being am has have had will would shall should can could may might "
    "must do does did said says told took made gave sent left saw hit cut put set let hurt cost "
    "threatens threatened threaten blames blamed blame accuses accused accuse".split()
)
#: how the holder of a directed cue was found when it is the one who acts (see find_directed)
_ACTS = frozenset({"subject", "source", "speaker", "reported"})
_DEMONYM_REACH = 3  # words between a demonym and a cue whose holder it may qualify ("French colonies have hailed")

_CLAUSE_OPEN = frozenset("that which who whom whose when where while because although though whereas "
                         "unless if and but or as".split())
_CLAUSE_PUNCT = frozenset(",;:()[]—–\"“”")
_QUOTE_MARKS = frozenset("\"“”«»")


def _zero(m: MentionLike, sent: Sentence, holder: str, kind: str, note: str, agent: bool) -> Evaluation:
    """An evaluation that counts nowhere (value 0): a covered mention or a setting."""
    return Evaluation(
        holder=holder, target=m.actor, start=m.start, end=m.end, value=0.0, kind=kind,
        sentence=sent.index, holder_via="voice", rule_id=kind, note=note, agent=agent,
    )


#: verbs of denial, and what follows them when they deny an accusation: "Kiev has denied any
#: wrongdoing", "Paris has denied supporting terrorist groups", "Moscow denies that its soldiers
#: ...", "France rejected accusations that ..."
_DENY_VERBS = frozenset("deny denies denied denying".split())
_REJECT_VERBS = frozenset("reject rejects rejected rejecting dismiss dismisses dismissed dismissing "
                          "refute refutes refuted refuting".split())
_ACCUSATIONS = frozenset("accusation accusations allegation allegations charge charges claim claims "
                         "report reports suggestion suggestions".split())
_DENIED = _ACCUSATIONS | frozenset("wrongdoing involvement responsibility complicity role links ties".split())
_DENY_SKIP = frozenset("any all the these those such its their his her ever".split())
#: the -ing words after "deny" that name what one is accused of ("denied supporting terrorist
#: groups"); not "denied landing rights"
_DENIED_ACTS = frozenset(
    "having being supporting arming funding financing backing helping harbouring harboring sending "
    "killing attacking targeting torturing committing ordering using colluding interfering meddling "
    "plotting planning spying hiding deploying paying training recruiting providing".split())
#: words before the verb that make it a passive or a report ("Wagner was denied a role", "the UN
#: said Mali denied"): then the one before them is no denier
_DENY_BLOCK = frozenset("said says told added stated noted wrote reported".split())
#: nouns of an act: "Russia's offensive" is Russia acting, "Russia's embassy" is not
_ACT_NOUNS = frozenset(
    "offensive decision decisions move moves campaign policy policies intervention attack attacks "
    "withdrawal plan plans operation operations invasion support efforts effort demolition rollback "
    "push refusal pressure threat threats strategy response role involvement occupation crackdown "
    "order orders ban aggression assault strike strikes raid raids war decree demands demand "
    "accusations accusation claims claim".split())
_DENY_REACH = 6  # words between the one who denies and the verb ("Kiev has since firmly denied")
_PASSIVE_BE = frozenset("is are was were be been being get gets got".split())
_FAR = 1 << 30  # what _words_between gives across a clause boundary


def denials(doc: Doc, mentions: Sequence[MentionLike]) -> dict[tuple[int, int], tuple[str, str]]:
    """Mentions of an actor that denies, in the sentence of the denial, what is said of it.

    "Kiev has denied any wrongdoing", "Paris has denied supporting terrorist groups", "Moscow
    denies that its soldiers killed civilians", "France rejected accusations that it armed
    jihadists": the one who denies (an actor named before the verb, in its clause) and its
    mentions after the verb. The words after the verb are what it rejects, not an evaluation of
    it (who accuses it is evaluated where the accusation is reported). Not "denied climate
    change": a denial counts only before an accusation noun ("accusations", "wrongdoing",
    "involvement", ...), a verb in -ing, or "that". Returns ``{(mention start, end): (the
    verb, the actor)}``.
    """
    by_sentence: dict[int, list[MentionLike]] = {}
    for m in mentions:
        if m.actor is None or getattr(m, "ambiguous", False):
            continue
        sent = doc.sentence_at(m.start)
        if sent is not None:
            by_sentence.setdefault(sent.index, []).append(m)
    toks = doc.tokens
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for si, ms in by_sentence.items():
        sent = doc.sentences[si]
        for i in range(sent.tok_start, sent.tok_end):
            w = toks[i].norm
            deny = w in _DENY_VERBS
            if not (deny or w in _REJECT_VERBS):
                continue
            k = i - 1
            while k >= sent.tok_start and toks[k].norm.endswith("ly"):
                k -= 1
            if k >= sent.tok_start and toks[k].norm in _PASSIVE_BE:
                continue  # "Wagner was denied a role in the talks": refused, not denying
            j = i + 1
            while j < sent.tok_end:
                if toks[j].norm in _DENY_SKIP:
                    j += 1
                elif j + 1 < sent.tok_end and toks[j + 1].norm == "'s":
                    j += 2  # "rejected Bamako's accusations"
                else:
                    break
            nxt = toks[j].norm if j < sent.tok_end else ""
            if not (nxt in (_DENIED if deny else _ACCUSATIONS) or (deny and nxt in ("that", *_DENIED_ACTS))):
                continue
            verb = toks[i].start
            near = [m for m in ms if m.end <= verb and _words_between(doc, m.end, verb) <= _DENY_REACH]
            if not near:
                continue
            who = near[-1]  # the nearest name before the verb, in its clause
            if any(t.norm in _DENY_BLOCK for t in toks[doc.token_index(who.end):i]):
                continue  # "The UN said Mali denied ...": the nearest name is no reporter's subject
            for m in ms:
                if m.actor == who.actor and (m in near or (m.start > verb and _in_denied(doc, i, m.start))):
                    out.setdefault((m.start, m.end), (toks[i].text, str(who.actor)))
    return out


def _in_denied(doc: Doc, verb: int, start: int) -> bool:
    """Whether the character offset ``start`` is inside what the verb at token ``verb`` denies:
    no punctuation or clause word between them, but "that" ("denies that its soldiers ...")."""
    for t in doc.tokens[verb + 1 : doc.token_index(start)]:
        if t.text in _CLAUSE_PUNCT or (t.norm in _CLAUSE_OPEN and t.norm != "that"):
            return False
    return True


#: the words between "by" and a later agent in a list of agents, besides names
_AGENT_LIST = frozenset({"the", ",", "and", "as", "well", "along", "together", "with"})


def _agent_after_by(doc: Doc, end: int, start: int) -> bool:
    """Whether ``start`` is the agent after "by" of the passive cue ending at ``end``: "France
    was criticised by Mali" (at most three words between the cue and "by"; after it only
    "the", or the names listed before it: "condemned by Mali and Niger")."""
    if start < end:
        return False
    between = doc.tokens[doc.token_index(end) : doc.token_index(start)]
    norms = [t.norm for t in between]
    if "by" not in norms:
        return False
    k = norms.index("by")
    rest = between[k + 1 :]
    if k > 3 or len(rest) > 8 or not all(t.is_word for t in between[:k]):
        return False
    # "the", or names coordinated before it ("by Mali and Niger", "by Mali, Niger and the AES")
    return all(t.norm in _AGENT_LIST or t.text[:1].isupper() for t in rest)


def _after_its_quote(doc: Doc, cue: int, start: int) -> bool:
    """Whether ``start`` comes right after the quotation that holds the offset ``cue``: only
    punctuation and at most two words (a title: "Colonel") between its end and ``start``."""
    q = next((q for q in doc.quotes if q.start <= cue < q.end), None)
    if q is None or start < q.end:
        return False
    between = doc.tokens[doc.token_index(q.end) : doc.token_index(start)]
    if any(t.norm in _CLAUSE_OPEN for t in between):
        return False
    return sum(1 for t in between if t.is_word) <= 2


def _words_between(doc: Doc, a: int, b: int, *, quotes: bool = False) -> int:
    """Word tokens between the character offsets ``a`` and ``b`` (a very large number when a
    clause boundary stands between them: "Amid the French withdrawal, protesters hailed ...";
    with ``quotes``, a quotation mark is no boundary: Bamako "rejected ...")."""
    i, j = doc.token_index(a), doc.token_index(b)
    between = doc.tokens[i:j]
    if any((t.text in _CLAUSE_PUNCT and not (quotes and t.text in _QUOTE_MARKS)) or t.norm in _CLAUSE_OPEN
           for t in between):
        return _FAR
    return sum(1 for t in between if t.is_word)


def _speaks_before(toks: Sequence[Any], b: int, end: int) -> bool:
    """Whether a word of speech follows the mention that ends at token ``b`` as its own verb,
    before ``end``: within three words and no comma ("The UN said ...", "U.S. officials
    confirmed ..."; not "Soldiers from Mali, according to witnesses, were killed")."""
    for q in range(b, min(end, b + 4)):
        if toks[q].norm in _SPEECH_WORDS:
            return True
        if not toks[q].is_word and toks[q].norm not in ("'s", "’s"):
            return False
    return False


def _heads(doc: Doc, s0: int, start: int) -> bool:
    """Whether a mention at ``start`` inside a source that starts at ``s0`` names the speaker,
    not someone in a comma's apposition or a relative clause after it ("said Goita, who then
    praised *Mali's* army", a headline that runs on past a verb)."""
    return not any(t.norm in _NOT_THE_SPEAKER or (t.text[:1].islower() and looks_like_verb(t.norm))
                   for t in doc.tokens[doc.token_index(s0):doc.token_index(start)])


_NOT_THE_SPEAKER = frozenset({",", "who", "whom", "whose", "which", "that", "(", ";", ":"})


def is_agent(doc: Doc, sent: Sentence, start: int) -> bool:
    """Whether the mention at ``start`` opens its clause as the one who acts ("Mali cut ties",
    "killed by X"), rather than standing after a verb or a preposition ("accused Mali",
    "sanctions against Mali", "the people of Mali")."""
    toks = doc.tokens
    starts = [t.start for t in toks[sent.tok_start:sent.tok_end]]
    j = sent.tok_start + bisect.bisect_left(starts, start) - 1
    while j >= sent.tok_start:
        t = toks[j]
        if t.text in _CLAUSE_PUNCT or t.norm in _CLAUSE_OPEN:
            return True
        if t.norm == "by":
            return True
        if t.norm in _OBJECT_PREPS or t.norm in _VERBISH:
            return False
        if t.is_word and len(t.norm) > 4 and t.norm.endswith(("ed", "ing")) and not t.text[:1].isupper():
            return False
        j -= 1
    return True


#: "groups linked to Daesh", "militias allied with Wagner": the actor is who they side with
_ASSOCIATED = {"to": frozenset("linked tied loyal close affiliated".split()),
               "with": frozenset("affiliated allied aligned associated".split())}


def _acts(doc: Doc, sent: Sentence, m: MentionLike) -> bool:
    """Whether the mention is the one who acts (what portrayal reads as acting rather than
    undergoing): :func:`is_agent`, the owner of what follows ("the Trump administration's
    decision to roll back ...", "Russia's offensive"), or the one others are linked to
    ("terrorist groups linked to Daesh")."""
    toks = doc.tokens
    k = doc.token_index(m.end)  # the token after the mention
    owner = doc.text[m.start:m.end].endswith(("'s", "’s"))
    if not owner and k < len(toks) and toks[k].norm == "'s":
        owner, k = True, k + 1
    # "Russia's brutal offensive", not "Russia's embassy"
    if owner and any(t.norm in _ACT_NOUNS for t in toks[k : min(k + 3, sent.tok_end)]):
        return True
    i = doc.token_index(m.start)
    if i - 2 >= sent.tok_start and toks[i - 2].norm in _ASSOCIATED.get(toks[i - 1].norm, ()):
        return True
    if (i - 1 >= sent.tok_start and toks[i - 1].norm in _SAY_BEFORE_CLAUSE and not owner
            and _does_next(toks, k, sent.tok_end)):
        return True  # "Russia said *France* had failed Mali": the subject of the reported clause
    return is_agent(doc, sent, m.start)


def _does_next(toks: Sequence[Any], k: int, end: int) -> bool:
    """Whether the verb group from token ``k`` says its subject does something: no passive
    ("was attacked"), no "be" + an adjective ("was vulnerable"), no "have" of possession ("had
    a terrible night") and no verb of undergoing ("would face sanctions", "lost influence")."""
    if k >= end or not looks_like_verb(toks[k].norm):
        return False
    q = k
    while q < end and (toks[q].norm in AUXILIARIES or toks[q].norm in _VERB_ADVERBS):
        q += 1
    if q >= end or not toks[q].is_word:
        return False
    verb = toks[q].norm
    if verb in _UNDERGONE_VERBS:
        return False
    auxes = {t.norm for t in toks[k:q]}
    if auxes & BE_FORMS:
        # "was attacking", "was guilty of"; not "was attacked", "was vulnerable"
        return verb.endswith("ing") or verb in _BLAME_ADJECTIVES
    if auxes & HAVE_FORMS:
        return verb.endswith("ed") or verb in IRREGULAR_VERBS  # "had failed"; not "had a ..."
    if auxes:
        return verb not in NP_DETERMINERS and verb not in PREPOSITIONS  # "would retaliate"
    return True  # the verb itself: "France failed Mali"


#: adjectives after "be" that say what the subject does or is to blame for ("Wagner was
#: *guilty* of war crimes", "Russia was *hostile* to NATO"): it acts, it does not undergo
_BLAME_ADJECTIVES = frozenset("guilty hostile responsible aggressive arrogant complicit corrupt reckless "
                              "dishonest brutal culpable illegitimate incompetent dangerous".split())
_VERB_ADVERBS = frozenset("not n't never also already still just then".split())
#: verbs whose subject undergoes what they say ("Mali would *face* sanctions")
_UNDERGONE_VERBS = frozenset("face faces faced facing lose loses lost losing suffer suffers suffered suffering "
                             "endure endures endured receive receives received need needs needed undergo "
                             "underwent risk risks".split())
#: speech verbs that a reported clause may follow with no "that" ("said France had failed")
_SAY_BEFORE_CLAUSE = frozenset("said says say claimed claims claim added argued argues insisted insists "
                               "warned warns believes believe thinks think stressed noted".split())
#: words of speech between a speaker and the harm it reports ("The UN *said* Malian soldiers were
#: killed"): the speaker is no victim of it
_SPEECH_WORDS = _SAY_BEFORE_CLAUSE | frozenset("told reported reports announced announces confirmed confirms "
                                               "stated states denied denies acknowledged admitted explained "
                                               "according".split())


#: words between "in" and a place that keep it a setting ("in northern Mali")
_PLACE_LEADS = frozenset("the northern southern eastern western central north south east west "
                         "rural remote".split())
#: nouns after which "in X" is about X, not a place ("confidence in Russia")
_ATTITUDE = frozenset("confidence faith trust belief interest interests champion friend ally partner "
                      "investment investments role".split())


_BE_LOCATED = frozenset("is are was were".split())
_LOCATED = frozenset("located situated".split())


def is_setting(doc: Doc, sent: Sentence, start: int, end: int) -> bool:
    """Whether the mention is where something happens, not who: the object of "in", "near",
    "across" or "throughout" ("an attack in northern Mali", "protests in Bamako"), or of "the
    border with" ("near the country's border with Algeria"), not a possessive ("in Mali's
    interest") nor after a noun of attitude ("confidence in Russia"); or the place a "where"
    clause locates ("the Sahel region, where Mali is located")."""
    toks = doc.tokens
    i = doc.token_index(start)
    k = doc.token_index(end)
    if (i - 1 >= sent.tok_start and toks[i - 1].norm == "where" and k + 1 < sent.tok_end
            and toks[k].norm in _BE_LOCATED and toks[k + 1].norm in _LOCATED):
        return True
    j = i - 1
    while j >= sent.tok_start and toks[j].norm in _PLACE_LEADS:
        j -= 1
    if j < sent.tok_start:
        return False
    w = toks[j].norm
    if w in ("with", "of"):
        if not (j - 1 >= sent.tok_start and toks[j - 1].norm in ("border", "borders", "frontier")):
            return False
    elif w not in ("in", "near", "across", "throughout"):
        return False
    if w != "in" and k < sent.tok_end and toks[k].is_word:
        return False  # "throughout the French occupation", "near the Russian base": a noun's modifier
    if j - 1 >= sent.tok_start and toks[j - 1].norm in _ATTITUDE:
        return False
    return not (k < sent.tok_end and toks[k].norm in {"'s", "’s", "'"})


def _words_note(words: Sequence[Contribution]) -> str:
    shown = [f"'{c.text}' {c.value:+.2f}" for c in words[:TOP_WORDS] if c.value]
    return ", ".join(shown) if shown else "no word moved it"


def label_evaluations(
    doc: Doc, terms: object, voice: Callable[[int], str], directed: Sequence[DirectedHit] = (),
    *, owners: Mapping[int, str] | None = None,
) -> list[Evaluation]:
    """One evaluation per loaded label that names an actor (a term hit with a ``referent``
    and a non-zero connotation), held by the outlet, or by the quoted speaker when the label
    stands inside quotation marks. A label whose words are already a directed cue aimed at
    the same actor ("Wagner mercenaries") counts once, as the cue. ``owners`` (label start ->
    actor) gives a label to the group named right before it ("JNIM militants": JNIM)."""
    cued = [(h.start, h.end, h.target) for h in directed]
    owners = owners or {}
    out = []
    for h in getattr(terms, "hits", ()):
        ref = owners.get(h.start, getattr(h, "referent", None))
        val = float(getattr(h, "connotation", 0.0) or 0.0)
        if not ref or not val:
            continue
        if any(a < h.end and h.start < b and t == ref for a, b, t in cued):
            continue
        quoted = bool(getattr(h, "quoted", False))  # a scare quote stays the outlet's word
        holder = voice(h.start) if quoted else "author"
        sent = doc.sentence_at(h.start)
        out.append(Evaluation(
            holder=holder, target=str(ref), start=h.start, end=h.end, value=max(-1.0, min(1.0, val)),
            kind="label", sentence=sent.index if sent is not None else -1,
            words=(Contribution(h.start, h.end, h.text, val, "label", getattr(h, "entry_id", None)),),
            holder_via="label", rule_id=getattr(h, "entry_id", None),
            note=("the quoted speaker's word" if quoted else "the outlet's choice of word")
            + f" for {ref} (connotation {val:+.2f})",
        ))
    return out


def evaluate_mentions(
    doc: Doc,
    *,
    mentions: Iterable[MentionLike],
    directed: Sequence[DirectedHit],
    voice: Callable[[int], str],
    engine: object,
    victims: dict[tuple[int, int], tuple[str, int, int]],
    untargeted: Sequence[DirectedHit] = (),
    speakers: Sequence[tuple[int, int, int, int]] = (),
    effects: StanceCueLexicon | None = None,
) -> list[Evaluation]:
    """One evaluation per (mention, holder): the directed cues attached to it, else a victim
    mark, else the engine's score. Ambiguous mentions and mentions outside every sentence are
    left out (they are not counted anywhere). ``untargeted``: acts aimed at no actor
    (:func:`~framecmp.measures.stance.holders.untargeted_acts`); the mention that holds one,
    before it or as the agent after "by", is ``covered``: "Mali condemned the attack" says
    nothing of Mali. ``speakers``: ``(source start, source end, content start, content end)``
    of each attribution whose words the source does not deny; a mention that names the source
    (:func:`_heads`) of words holding a cue in its voice is ``covered`` ("The UN said that
    Wagner killed civilians" says nothing of the UN). ``effects``: an effects lexicon
    (:func:`~framecmp.measures.stance.deeds.default_effects`); a mention the engine would read
    that does something to a thing of value (:func:`~framecmp.measures.stance.deeds.find_deeds`:
    "the EPA seeks to scrap a rule protecting drinking water") is a ``deed`` instead, valued by
    what it does; None: no deeds."""
    cued: dict[tuple[int, int, str], list[DirectedHit]] = {}
    cued_in: dict[tuple[int, str], DirectedHit] = {}  # (sentence, target) -> a cue aimed at it there
    held_in: dict[tuple[int, str], list[DirectedHit]] = {}  # (sentence, holder) -> the acts it holds there
    voiced_in: dict[tuple[int, str], list[DirectedHit]] = {}  # (sentence, speaker) -> cues in its voice there
    unknown_acts: dict[int, list[DirectedHit]] = {}  # sentence -> acts whose subject is no known actor
    free_acts: dict[tuple[int, str], list[DirectedHit]] = {}  # (sentence, holder) -> its acts aimed at no actor
    for h in untargeted:
        free_acts.setdefault((h.sentence, h.holder), []).append(h)
    for h in directed:
        cued.setdefault((h.mention_start, h.mention_end, h.target), []).append(h)
        if h.negated:  # decides nothing about the target's other mentions; its holder still acts
            if h.holder not in (h.target, UNKNOWN, "author"):
                held_in.setdefault((h.sentence, h.holder), []).append(h)
            continue
        cued_in.setdefault((h.sentence, h.target), h)
        if h.holder_via in _ACTS and h.holder != h.target:
            held_in.setdefault((h.sentence, h.holder), []).append(h)
        elif h.holder_via == "voice" and h.holder not in (h.target, UNKNOWN, "author"):
            voiced_in.setdefault((h.sentence, h.holder), []).append(h)
        if h.holder_via in _ACTS and h.holder == UNKNOWN:
            unknown_acts.setdefault(h.sentence, []).append(h)
    out: list[Evaluation] = []
    todo: list[tuple[MentionLike, Sentence]] = []
    seen: set[tuple[int, int, str]] = set()
    mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.actor or ""))
    denied = denials(doc, mentions)
    harmed_at = {m.start: m for m in mentions if (m.start, m.end) in victims}  # victims by start
    mention_at = {m.start: m for m in mentions if not getattr(m, "ambiguous", False)}

    ends_cache: dict[int, dict[int, tuple[Any, int]]] = {}
    by_sentence: dict[int, list[MentionLike]] = {}  # the mentions of each sentence, filled on first use

    def ends_in(sent: Sentence) -> dict[int, tuple[Any, int]]:
        got = ends_cache.get(sent.index)
        if got is None:
            if not by_sentence:
                for m in mentions:
                    at = doc.sentence_at(m.start)
                    if at is not None:
                        by_sentence.setdefault(at.index, []).append(m)
            got = ends_cache[sent.index] = mentions_by_end(doc, by_sentence.get(sent.index, ()),
                                                           sent.tok_start, sent.tok_end)
        return got

    def not_counted(m: MentionLike, sent: Sentence) -> tuple[str, str, bool] | None:
        """Why a mention counts nowhere here, as (kind, note, agent), or None: the engine reads it."""
        denial = denied.get((m.start, m.end))
        if denial is not None and denial[1] == m.actor:
            return ("covered", f"not counted: {m.actor} denies what is said of it here ('{denial[0]}'); "
                    "a denial is no evaluation of the one who denies", _acts(doc, sent, m))
        if opponents_of(doc.tokens, doc.token_index(m.start), doc.token_index(m.end), sent.tok_end, sent.tok_start):
            # "Russia condemned Mali's enemies", "critics of France": what is said of them is
            # not said of the one they oppose
            return ("covered", f"not counted: '{doc.text[m.start:m.end]}' says whose opponents are meant "
                    f"here; what is said of them is no evaluation of {m.actor}", False)
        cover = cued_in.get((sent.index, m.actor))
        if cover is not None:
            # a directed cue in this sentence already says how it presents the actor ("Russia
            # defends the interests of his country ... cooperation with Moscow"): the engine's
            # reading of the same actor in that sentence would count the sentence twice
            return ("covered", f"not counted: the cue '{cover.text}' in this sentence already evaluates {m.actor}",
                    is_agent(doc, sent, m.start))
        if getattr(m, "via", None) == "demonym":
            k = doc.token_index(m.end)
            nxt = harmed_at.get(doc.tokens[k].start) if k < len(doc.tokens) else None
            if nxt is not None and nxt.actor != m.actor:
                # "contractors from the Russian private military company ... were killed": the
                # demonym says whose company was harmed; the harm is no evaluation of Russia
                return ("covered", f"not counted: '{doc.text[m.start:m.end]}' qualifies "
                        f"'{doc.text[nxt.start:nxt.end]}' ({nxt.actor}), harmed here", False)
            nxt = mention_at.get(doc.tokens[k].start) if k < len(doc.tokens) else None
            if nxt is not None and nxt.actor != m.actor and not doc.text[m.end:nxt.start].strip():
                # "Malian jihadists attacked the camp": the demonym says where the jihadists are
                # from; what they do is no evaluation of Mali
                return ("covered", f"not counted: '{doc.text[m.start:m.end]}' says where "
                        f"'{doc.text[nxt.start:nxt.end]}' ({nxt.actor}) is from; what is said of it is "
                        f"no evaluation of {m.actor}", False)
            act = next((h for h in unknown_acts.get(sent.index, ())
                        if m.end <= h.start and _words_between(doc, m.end, h.start) <= _DEMONYM_REACH), None)
            if act is not None:
                # "The former French colonies have hailed Russia": the demonym says whose
                # colonies, the act is theirs; its words are no evaluation of France
                return ("covered", f"not counted: '{doc.text[m.start:m.end]}' qualifies the one who holds "
                        f"the cue '{act.text}' aimed at {act.target}; those words evaluate {act.target}, "
                        f"not {m.actor}", False)
        act = next((h for h in held_in.get((sent.index, m.actor), ())
                    if m.end <= h.start or _agent_after_by(doc, h.end, m.start)
                    or h.start <= m.start < m.end <= h.end), None)  # "its" in "its choice of Moscow"
        if act is None:
            # the speaker named right before the words its voice aims at another actor (Bamako
            # "rejected the French dictate"), or right after the quotation that holds them
            # ('"... condemns the French neo-colonial arrogance", Colonel Goita said'): those
            # words are its act, not an evaluation of it
            act = next((h for h in voiced_in.get((sent.index, m.actor), ())
                        if (m.end <= h.start and _words_between(doc, m.end, h.start, quotes=True) <= _DEMONYM_REACH)
                        or (h.end <= m.start and _after_its_quote(doc, h.start, m.start))
                        or any(s0 <= m.start and m.end <= s1 and c0 <= h.start < c1 and _heads(doc, s0, m.start)
                               for s0, s1, c0, c1 in speakers)),  # "The UN said that Wagner killed"
                       None)
        if act is not None:
            # the actor does something to another one here ("the Malian transitional government
            # accused Paris of supporting terrorist groups"): the cue's words are its evaluation
            # of that actor, and reading them as the outlet's evaluation of it would count them
            # against the one who speaks
            if act.negated:
                return ("covered", f"not counted: {m.actor} is the one who does not ('{act.negated}') "
                        f"'{act.text}' {act.target} here; those words are about that act, not about "
                        f"{m.actor}", True)
            return ("covered", f"not counted: {m.actor} holds the cue '{act.text}' aimed at {act.target} in "
                    f"this sentence; those words evaluate {act.target}, not {m.actor}", True)
        free = next((h for h in free_acts.get((sent.index, m.actor), ())
                     if any(s is m for s in subject_before(doc.tokens, doc.token_index(h.start), sent.tok_start,
                                                             ends_in(sent)))
                     or _agent_after_by(doc, h.end, m.start)), None)
        if free is not None:
            return ("covered", f"not counted: {m.actor} holds the cue '{free.text}' here, aimed at no "
                    f"actor; those words are about that act, not about {m.actor}", True)
        if is_setting(doc, sent, m.start, m.end):
            return ("setting", f"{m.actor} is where it happens here, not who acts or is evaluated", False)
        a, b = doc.token_index(m.start), doc.token_index(m.end)
        if names_a_topic(doc.tokens, a, b, sent.tok_end, getattr(m, "via", None)):
            return ("setting", f"'{doc.text[m.start:m.end]}' only says what the {doc.tokens[b].norm} is about "
                    f"here; neither who acts nor who is evaluated", False)
        return None

    for m in mentions:
        key = (m.start, m.end, m.actor)
        if getattr(m, "ambiguous", False) or key in seen:
            continue
        seen.add(key)
        sent = doc.sentence_at(m.start)
        if sent is None:
            continue
        hits = cued.get(key)
        victim = victims.get((m.start, m.end))
        if hits and victim is not None:
            # a cue inside the words of harm is a misreading of them: "Venice was left under
            # water" is no leaving of Venice
            hits = [h for h in hits if not (victim[1] <= h.start and h.end <= victim[2])]
        if hits:
            for h in hits:
                if h.negated:
                    out.append(_zero(m, sent, h.holder, "covered",
                                     f"not counted: the cue '{h.text}' aimed at {h.target} is negated "
                                     f"('{h.negated}'); not doing it is no evaluation either way",
                                     _acts(doc, sent, m)))
                    continue
                c = Contribution(h.start, h.end, h.text, h.cue.valence, "cue", h.cue.id)
                note = h.cue.explanation
                if h.co_holders:
                    note += f" (with {', '.join(h.co_holders)}; one row per coordinated subject)"
                out.append(Evaluation(
                    holder=h.holder, target=h.target, start=m.start, end=m.end,
                    value=max(-1.0, min(1.0, h.cue.valence)), kind="cue", sentence=sent.index,
                    words=(c,), holder_via=h.holder_via, rule_id=h.cue.id, note=note,
                    agent=_acts(doc, sent, m),
                ))
            continue
        if victim is not None:
            out.append(Evaluation(
                holder=voice(m.start), target=m.actor, start=m.start, end=m.end, value=0.0,
                kind="victim", sentence=sent.index, holder_via="voice", rule_id="victim",
                note=f"{m.actor} suffers harm here ('{victim[0]}'): a victim, not a target of hostility",
                agent=False,
            ))
            continue
        why = not_counted(m, sent)
        if why is not None:
            kind, note, agent = why
            out.append(_zero(m, sent, voice(m.start), kind, note, agent))
            continue
        todo.append((m, sent))
    if todo and effects is not None:
        deeds: dict[tuple[int, int], Deed] = {}
        for si in sorted({sent.index for _m, sent in todo}):
            sent = doc.sentences[si]
            deeds.update(find_deeds(doc.tokens, sent.tok_start, sent.tok_end, doc.text, ends_in(sent), effects,
                                    headline=sent.part == "title"))
        rest = []
        for m, sent in todo:
            d = deeds.get((m.start, m.end))
            if d is None:
                rest.append((m, sent))
                continue
            words = tuple(Contribution(h.start, h.end, h.text, h.cue.valence, "cue", h.cue.id)
                          for h in (d.act, d.via, d.thing) if h is not None)
            out.append(Evaluation(
                holder=voice(m.start), target=m.actor, start=m.start, end=m.end, value=d.value, kind="deed",
                sentence=sent.index, words=words, holder_via="voice", rule_id=d.act.cue.id,
                note=d.explain(m.actor), agent=True,
            ))
        todo = rest
    if todo:
        scores: list[TargetScore] = engine.score_spans(doc, [(m.start, m.end) for m, _s in todo])  # type: ignore[attr-defined]
        name = str(getattr(engine, "name", "engine"))
        for (m, sent), ts in zip(todo, scores):
            words = tuple(c for c in ts.evidence if c.start >= 0)
            out.append(Evaluation(
                holder=voice(m.start), target=m.actor, start=m.start, end=m.end,
                value=max(-1.0, min(1.0, float(ts.score))), kind="engine", sentence=sent.index,
                words=words, holder_via="voice", rule_id=f"engine.{name}",
                note=f"{ts.label}; words: {_words_note(words)}", agent=_acts(doc, sent, m),
            ))
    out.sort(key=lambda e: (e.start, e.end, e.target, e.holder, e.kind))
    return out
