"""What an actor does to things that matter: the deed rule of stance and portrayal.

"The EPA seeks to scrap a rule protecting drinking water" shows the EPA unfavourably although
its words are mostly favourable ones ("protecting", "drinking water"); "the world must cut
emissions" shows the world favourably although "cut" and "emissions" sound bad. A sentence's
tone cannot tell these apart; what the actor does to what can. This is the good-for /
bad-for reading of events (Deng and Wiebe 2014; Choi and Wiebe 2014): an **act** that helps
or raises something (protect, fund, increase: ``good_for``, +1) or harms or lowers it (cut,
scrap, destroy: ``bad_for``, -1), times the **value** of that thing (civilians, clean water,
peace: ``valued``, > 0; pollution, terrorism, emissions: ``harmful``, < 0), read from the
bundled lexicon ``lexicons/effects.yaml``.

A mention is evaluated by a deed when it is the subject of the act (through auxiliaries,
adverbs and an intention: "seeks to", "plans to", "its decision to"; not a passive, not a
negated act), and the thing heads the act's object: between them only the words of one noun
phrase, so that "raised concerns about pollution" and "climate change rules" are no deeds.
An act inside the object passes its value on, one level deep: "a rule *protecting* drinking
water" is valued, "policies *to cut* emissions" too. "Refused to" and "failed to" turn the
act around ("failed to protect civilians" is unfavourable).

The values are judgements kept to ones widely shared across outlets (see the lexicon's
description); the rule reads what an actor does, not whether the outlet approves of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from framecmp.measures.stance.clauses import subject_before
from framecmp.measures.stance.cues import (
    CueHit,
    StanceCueLexicon,
    be_before,
    check_cue,
    find_hits,
    is_adverb,
    load_cue_format,
)
from framecmp.text.doc import Token
from framecmp.text.grammar import (
    INTENT_NOUNS,
    PREPOSITIONS,
    REFUSALS,
    RELATIVE_WORDS,
    is_capitalised,
    looks_like_verb,
)

__all__ = ["ACT_CATEGORIES", "THING_CATEGORIES", "Deed", "default_effects", "find_deeds", "load_effects"]

#: categories of the acts (verbs) and of the things (what they are done to)
ACT_CATEGORIES = ("good_for", "bad_for")
THING_CATEGORIES = ("valued", "harmful")
#: how many words the object may run before its thing
MAX_OBJECT_WORDS = 8

#: verbs of intention the subject may stand before: "the EPA seeks to scrap"
_INTENT_VERBS = frozenset(
    "seek seeks sought seeking plan plans planned planning want wants wanted wanting aim aims aimed "
    "aiming try tries tried trying move moves moved moving vote votes voted voting vow vows vowed "
    "vowing pledge pledges pledged pledging promise promises promised promising propose proposes "
    "proposed proposing intend intends intended intending attempt attempts attempted attempting "
    "hope hopes hoped hoping push pushes pushed pushing work works worked working agree agrees "
    "agreed agreeing decide decides decided deciding threaten threatens threatened threatening "
    "continue continues continued continuing begin begins began beginning start starts started "
    "starting help helps helped helping".split()
)
#: (word, thing) pairs that name something else: "social security" is a pension programme
_NAMED_PROGRAMMES = frozenset({("social", "security")})
#: modals of duty or possibility: what should or could be done is no deed
_MODALS = frozenset("must should ought need needs can could may might".split())
#: words that open a condition: "If France cuts aid, Mali will suffer"
_CONDITIONS = frozenset("if unless whether".split())
#: words between a preposition and a name ("to the junta")
_DETERMINERS = frozenset("the a an its their his her our this these those".split())
#: acts after which a bare verb is the object ("helped reduce emissions")
_HELP = frozenset("help helps helped helping".split())
#: nouns of means whose "to" leads on to an act that gives them their value ("policies to cut
#: emissions"); after other words "to" opens a purpose ("banned French media to protect ...")
_MEANS = frozenset("policy policies plan plans effort efforts measure measures rule rules law laws program "
                   "programs programme programmes step steps legislation bill bills proposal proposals "
                   "initiative initiatives regulation regulations standards funds money funding "
                   "agreement strategy strategies action actions target targets pledge pledges".split())
_NEGATIONS = frozenset("not n't never no cannot".split())
#: words before a name that say it is not the act's subject (besides prepositions): "not France",
#: "neither / nor", "more than", "let France protect" (allowed, not done)
_NOT_SUBJECT = _NEGATIONS | frozenset("neither nor than rather instead let lets letting allow allows allowed "
                                      "allowing permit permits permitted".split())
#: verbs of belief and hope: what follows them is believed, not done
_BELIEFS = frozenset("believe believes believed believing think thinks thought thinking hope hopes hoped "
                     "hoping expect expects expected expecting assume assumes assumed imagine imagines "
                     "imagined doubt doubts doubted fear fears feared wish wishes wished".split())
#: quantities whose "of" leads on to the thing: "cut levels of pollution"
_QUANTITIES = frozenset("levels level amount amounts number numbers use share output production "
                        "supply volume volumes rate rates quantity quantities sources".split())
#: words that end the object's noun phrase: "raised concerns *about* pollution"
_STOPS = PREPOSITIONS | frozenset(
    "and or but nor while whereas because although though since if unless when so than then that "
    "which who whom whose where".split()
)
#: what may follow a thing that heads its phrase ("cut emissions *by* 45 per cent")
_AFTER_HEAD = _STOPS | frozenset("is are was were be been has have had will would 's ’s".split())


def _check_effect(raw: dict[str, Any], line: int) -> list[str]:
    out = check_cue(raw, line)
    cat, role, val = raw.get("category"), raw.get("role"), raw.get("valence")
    if cat not in ACT_CATEGORIES + THING_CATEGORIES:
        return out + [f"'category' must be one of {', '.join(ACT_CATEGORIES + THING_CATEGORIES)}, got {cat!r}"]
    want_role = "subject" if cat in ACT_CATEGORIES else "object"
    if role != want_role:
        out.append(f"an entry of category {cat} needs 'role: {want_role}', got {role!r}")
    if isinstance(val, (int, float)):
        if cat in ACT_CATEGORIES and val != (1.0 if cat == "good_for" else -1.0):
            out.append(f"an act of category {cat} needs 'valence: {'1.0' if cat == 'good_for' else '-1.0'}', "
                       f"got {val}")
        if (cat == "valued" and val <= 0) or (cat == "harmful" and val >= 0):
            out.append(f"a thing of category {cat} needs a {'positive' if cat == 'valued' else 'negative'} "
                       f"valence, got {val}")
    return out


def load_effects(
    path: str | Path | Mapping[str, Any] | None = None,
    *,
    extra: str | Path | Mapping[str, Any] | None = None,
    replace: bool = False,
) -> StanceCueLexicon:
    """Load and validate an effects lexicon (format framecmp-lexicon/1, ``kind: effects``):
    ``path`` (None: the bundled ``effects.yaml``), with the user's ``extra`` merged over it
    (same id: the user's entry wins; ``replace``: only the user's entries), as
    :func:`~framecmp.measures.stance.cues.load_stance_cues` does. Raises ``LexiconError``
    listing every problem, with file and line."""
    return load_cue_format(path, extra=extra, replace=replace, kind="effects", bundled="effects.yaml",
                           extra_check=_check_effect)


@lru_cache(maxsize=1)
def default_effects() -> StanceCueLexicon:
    """The bundled ``effects.yaml``, loaded once."""
    return load_effects()


@dataclass(frozen=True, slots=True)
class Deed:
    """One actor's act on a thing, and what it says of the actor.

    Attributes
    ----------
    value : float
        The act's effect (+1 / -1) times the thing's value (times -1 after "refused to"), in
        [-1, 1].
    act, thing : CueHit
        The act's words ("scrap") and the thing's ("drinking water").
    via : CueHit or None
        An act inside the object that passes its value on ("protecting").
    refused : str
        The word that turns the act around ("failed"), or "".
    """

    value: float
    act: CueHit
    thing: CueHit
    via: CueHit | None = None
    refused: str = ""

    def explain(self, actor: str) -> str:
        """The deed in plain words: "russia 'scrap' 'protecting' 'drinking water': harms something
        valued ('protecting' helps 'drinking water', valued); unfavourable to russia"."""
        words = " ".join(f"'{h.text}'" for h in (self.act, self.via, self.thing) if h is not None)
        good = (self.via.cue.valence if self.via is not None else 1.0) * self.thing.cue.valence > 0
        if self.refused:
            does = f"{self.refused} to " + ("help" if self.act.cue.valence > 0 else "harm or lower")
        else:
            does = "helps" if self.act.cue.valence > 0 else "harms or lowers"
        why = ""
        if self.via is not None:
            why = (f" ('{self.via.text}' {'helps' if self.via.cue.valence > 0 else 'harms or lowers'} "
                   f"'{self.thing.text}', {self.thing.cue.category})")
        how = "favourable" if self.value > 0 else "unfavourable"
        return (f"{actor} {words}: {does} something {'valued' if good else 'harmful'}{why}; {how} to {actor} "
                f"({self.act.cue.id}, {self.thing.cue.id})")


def _head(toks: Sequence[Token], k: int, end: int, acts: Mapping[int, CueHit]) -> bool:
    """Whether the thing ending before token ``k`` heads its phrase: no noun follows it
    ("emissions", not "emissions rules", "climate change's costs" nor "refugees' concerns")."""
    if k >= end:
        return True
    t = toks[k]
    if not t.is_word:
        return t.norm not in ("'s", "’s", "'", "’") and t.text not in ("-", "‐", "‑")
    if k in acts:
        return True  # "the decision to cut aid hurt refugees": a verb follows
    if t.norm.endswith("ing") and t.norm not in _AFTER_HEAD:
        # "refugees fleeing violence": a clause with its own object follows; "pollution
        # monitoring", "research funding for": the thing only qualifies the -ing noun
        return k + 1 < end and toks[k + 1].is_word and toks[k + 1].norm not in _STOPS
    # "cut emissions sharply", "cut emissions rose": the thing ends its phrase
    return t.norm in _AFTER_HEAD or looks_like_verb(t.norm) or is_adverb(t.norm)


def _mixed(toks: Sequence[Token], th: CueHit, end: int, things: Mapping[int, CueHit]) -> bool:
    """Whether a list goes on after the thing with a thing of the other sign ("killed jihadists
    and civilians alike", "cut emissions and jobs"): the act's value is then no one sign."""
    j = th.tok_end
    if j >= end or toks[j].norm not in ("and", "or", ",", "as"):
        return False
    for k in range(j, min(end, j + 8)):
        if toks[k].text in (".", ";", ":"):
            return False
        other = things.get(k)
        if other is not None and other.cue.valence * th.cue.valence < 0:
            return True
    return False


def _object(
    toks: Sequence[Token], i: int, end: int, things: Mapping[int, CueHit], acts: Mapping[int, CueHit],
    depth: int = 0, outer: str = "",
) -> tuple[float, CueHit, CueHit | None] | None:
    """The value of the object that opens at token ``i`` after the act word ``outer``: (value,
    thing, inner act), or None when its noun phrase holds no thing at its head. An act inside
    it passes its value on: after a noun of means ("policies to cut emissions", "a rule that
    would protect"), as an -ing form ("stopped funding schools", "a rule protecting drinking
    water"), or after "help" ("helped reduce emissions"); not an act that opens the object
    otherwise ("Washington cuts hurt refugees": "cuts" is a noun there)."""
    words = 0
    k = i
    counted = False  # past "the number of": "the number of civilians killed" is no deed to them
    while k < end and words <= MAX_OBJECT_WORDS:
        th = things.get(k)
        if th is not None:
            if _head(toks, th.tok_end, end, acts):
                nxt = th.tok_end
                if _mixed(toks, th, end, things) or (counted and nxt < end and looks_like_verb(toks[nxt].norm)) or (
                        nxt + 1 < end and toks[nxt].norm == "from" and toks[nxt + 1].norm.endswith("ing")):
                    # a list of both signs; "the number of civilians killed"; "banned residents
                    # from travelling": the act is on the travelling, not on the residents
                    return None
                return th.cue.valence, th, None
            k = th.tok_end
            words += 1
            continue
        act = acts.get(k)
        if act is not None and depth == 0 and (k > i or toks[k].norm.endswith("ing") or outer in _HELP):
            got = _object(toks, act.tok_end, end, things, acts, depth + 1, toks[k].norm)
            if got is None:
                return None
            return act.cue.valence * got[0], got[1], act
        if act is not None:
            return None  # "Washington cuts hurt refugees": a verb here, so the first act was a noun
        t = toks[k]
        n = t.norm
        if not t.is_word:
            if n in ("'s", "’s") or t.text in ("-", "‐", "‑", "$", "%"):
                k += 1
                continue
            return None
        if n in ("to", "that", "which") and depth == 0 and k + 1 < end and k > i and (
                toks[k - 1].norm in _MEANS or n != "to") and (
                k + 1 in acts or (toks[k + 1].norm in ("will", "would", "can", "could") and k + 2 in acts)):
            k += 1 if k + 1 in acts else 2  # "policies to cut emissions", "a rule that would protect"
            continue
        if n == "of" and k > i and toks[k - 1].norm in _QUANTITIES:
            k += 1  # "levels of pollution"
            counted = True
            continue
        if n in _STOPS or n in _NEGATIONS or (looks_like_verb(n) and n not in ("need", "needed")):
            return None
        if len(n) > 4 and n.endswith("ing"):
            return None  # "support regulating carbon pollution": an act the lexicon cannot value
        words += 1
        k += 1
    return None


def _subject_slot(toks: Sequence[Token], i: int, lo: int) -> tuple[int, str]:
    """The token before which the act's subject stands, and a refusal word: "the EPA *seeks*
    to scrap" -> the token of "seeks"; "failed to protect" -> ("failed", "failed")."""
    j = i - 1
    while j > lo and is_adverb(toks[j].norm):
        j -= 1
    if j > lo and toks[j].norm == "to":
        v = j - 1
        while v > lo and is_adverb(toks[v].norm):
            v -= 1
        if toks[v].norm in REFUSALS:
            return v, toks[v].text
        if toks[v].norm in _INTENT_VERBS:
            return v, ""
    return i, ""


def _verb_before_and(
    toks: Sequence[Token], i: int, lo: int, acts: Mapping[int, CueHit], inside: set[int]
) -> int | None:
    """The verb whose subject the act at token ``i`` shares after "and" ("Mali *expelled* the
    French ambassador and suspended the constitution"), or None: the nearest verb form before
    the "and" (an act of the lexicon or a word shaped like a verb, not inside a name), within a
    dozen tokens and no clause mark."""
    j = i - 1
    if j < lo or toks[j].norm != "and" or any(t.norm in RELATIVE_WORDS for t in toks[lo:j]):
        return None  # "expelled the ambassador whom France had sent and ...": whose verb is unclear
    for k in range(j - 1, max(lo, j - 13) - 1, -1):
        t = toks[k]
        if t.text in (";", ":", "(", ")", "?", "!", '"', "“", "”") or t.norm in _STOPS - {"of", "for"}:
            return None  # "France urged Mali to hold elections and restore ...": Mali's act, if anyone's
        if k not in inside and (k in acts or (looks_like_verb(t.norm) and t.norm not in _AFTER_HEAD)):
            return k
    return None


def _first_word(toks: Sequence[Token], i: int, lo: int) -> bool:
    """Whether token ``i`` opens its sentence (past quotation marks and brackets)."""
    j = i - 1
    while j >= lo and not toks[j].is_word:
        j -= 1
    return j < lo


def find_deeds(
    toks: Sequence[Token],
    t0: int,
    t1: int,
    text: str,
    ends: Mapping[int, tuple[Any, int]],
    lexicon: StanceCueLexicon,
    *,
    headline: bool = False,
) -> dict[tuple[int, int], Deed]:
    """The deeds of the mentions of one sentence (tokens ``[t0, t1)``): ``{(mention start, end):
    Deed}``, the first deed of each mention. ``ends``: the sentence's mentions by their last
    token (:func:`~framecmp.measures.stance.clauses.mentions_by_end`). ``headline``: the
    sentence is the article's title, where capitals tell nothing; elsewhere a capitalised word
    belongs to a name or a quoted title ("revoked an International Women of Courage Award",
    "Americans want to preserve Social Security", "Trump Will Destroy Public Education"):
    no act, no thing. Not read: an act in a condition or a question ("if", "unless",
    "whether", "?"), after a modal of duty or possibility ("must", "should", "could", "can",
    "may", "might": advice or a possibility, not a deed), or whose subject stands after a
    preposition ("Russia's support to the junta harms ...") or "not" ("Russia, not France,
    protected civilians")."""
    hits = find_hits(toks, t0, t1, lexicon, text)
    if not hits:
        return {}
    inside: set[int] = set()
    for last, (_m, first) in ends.items():
        inside.update(range(first, last + 1))
    acts: dict[int, CueHit] = {}
    things: dict[int, CueHit] = {}
    for h in hits:
        if h.cue.category in THING_CATEGORIES and h.tok_start > t0 and (
                toks[h.tok_start - 1].norm, toks[h.tok_start].norm) in _NAMED_PROGRAMMES:
            continue  # "cut social security": a programme, not safety
        if not headline and is_capitalised(toks[h.tok_start]) and not _first_word(toks, h.tok_start, t0):
            continue  # a name or a quoted title
        into = acts if h.cue.category in ACT_CATEGORIES else things
        old = into.get(h.tok_start)
        if old is None or h.tok_end > old.tok_end:
            into[h.tok_start] = h
    if not acts or not things:
        return {}
    out: dict[tuple[int, int], Deed] = {}
    after = {id(m): last + 1 for last, (m, _first) in ends.items()}  # the token after each mention
    asked = max((k for k in range(t0, t1) if toks[k].text == "?"), default=-1)  # the last question mark
    if_at = min((k for k in range(t0, t1) if toks[k].norm in _CONDITIONS), default=t1)  # the first "if"
    opens = {id(m): a for _last, (m, a) in ends.items()}  # each mention's first token
    for i, act in sorted(acts.items()):
        if i in inside or i in things:  # a name ("Environmental Protection Agency"), a noun ("aid")
            continue
        if act.tok_end < t1 and toks[act.tok_end].norm == "to" and toks[act.tok_end - 1].norm in _INTENT_VERBS:
            continue  # "threatening to cut aid": the act is the one after "to"
        if be_before(toks, i) and not toks[i].norm.endswith("ing"):
            continue  # "rules were rolled back": the subject undergoes it
        if asked >= act.tok_end or if_at < i:
            continue  # asked or supposed, not done ("Should the U.S. cut off aid?", "If France cuts aid")
        got = _object(toks, act.tok_end, t1, things, acts, outer=toks[i].norm)
        if got is None:
            continue
        value, thing, via = got
        slot, refused = _subject_slot(toks, i, t0)
        if any(t.norm in _MODALS for t in toks[max(t0, slot - 4):slot]):
            continue  # "The U.S. needs to increase cooperation", "Russia must stop destroying"
        subjects = subject_before(toks, slot, t0, ends)
        if not subjects and refused and toks[slot].norm in INTENT_NOUNS:
            subjects = subject_before(toks, i, t0, ends)  # "Mali's refusal to protect civilians"
        if not subjects:
            prev = _verb_before_and(toks, slot, t0, acts, inside)
            if prev is not None:  # "Mali expelled the French ambassador and suspended the constitution"
                slot = _subject_slot(toks, prev, t0)[0]
                subjects = subject_before(toks, slot, t0, ends)
        if not subjects:
            continue
        score = max(-1.0, min(1.0, act.cue.valence * value * (-1.0 if refused else 1.0)))
        for m in subjects:
            if any(t.norm in _NEGATIONS for t in toks[after.get(id(m), slot):slot]):
                continue  # "Mali did not cut aid": no act to read
            a = opens.get(id(m), slot) - 1
            first = a
            while a >= t0 and (toks[a].norm in _DETERMINERS or (  # "by (President) Trump"
                    a > first - 3 and toks[a].is_word and is_capitalised(toks[a]) and not _first_word(toks, a, t0))):
                a -= 1
            if a >= t0 and toks[a].norm == "that" and a - 1 >= t0:
                a -= 1  # "believed that the United States ..."
            if a >= t0 and toks[a].norm in _BELIEFS:
                continue  # "Pablo believed the United States would provide him safety": a belief
            if a >= t0 and (toks[a].norm in PREPOSITIONS or toks[a].norm in _NOT_SUBJECT):
                continue  # "support to the junta", "the president of the United States", "not France",
                # "Neither France nor Russia", "Russia, more than France, ..."
            out.setdefault((m.start, m.end), Deed(score, act, thing, via, refused))
    return out
