"""Directed cues: the cue lexicons, their anchors in a token sequence, and attachment.

A directed cue is a phrase aimed at an actor: an accusation ("accused X of"), praise, a
label, partnership, rupture, the actor as agent of violence (``lexicons/stance_cues.yaml``).
The news verbs of ``lexicons/target_sentiment.yaml`` (conflict, scandal, success, speech)
share the entry fields and the attachment rules (:func:`attach_distance`); the default mode
of :func:`framecmp.measures.stance.article.score_target` reads them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from framecmp.lexicons import Field, Lexicon, LexiconError, data_path, load_lexicon
from framecmp.text.doc import CALENDAR_WORDS, HYPHENS, POSSESSIVES, PhraseMatcher, Token, tokenize
from framecmp.text.grammar import (
    AUXILIARIES,
    BE_FORMS,
    ING_NOUNS,
    IRREGULAR_VERBS,
    NOT_LY_ADVERBS,
    NP_DETERMINERS,
    OPPONENTS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    SUBORDINATE_OPENERS,
    SUBORDINATORS,
    looks_like_verb,
)

__all__ = [
    "BE_AUX",
    "CUE_SCHEMA",
    "CueHit",
    "StanceCue",
    "StanceCueLexicon",
    "attach_distance",
    "build_cues",
    "load_cue_format",
    "check_cue",
    "default_cues",
    "default_target_lexicon",
    "find_hits",
    "label_about",
    "load_stance_cues",
    "participle_object",
]

_ROLES = ("object", "subject", "either")
_HOLDER_RULES = ("voice", "subject")
#: auxiliaries of the passive ("Paris was accused", "Russia got blamed")
BE_AUX = frozenset("is are was were be been being get got gets getting".split())
#: irregular participles of compounds ("US-made drones", "the French-run operation")
_PARTICIPLES = frozenset("made run built held born grown sent brought taught funded owned".split())
_SLOT = "{X}"


# --------------------------------------------------------------------------- cue lexicon


@dataclass(frozen=True, slots=True)
class StanceCue:
    """One directed cue: where the actor stands relative to it and its valence.

    Attributes
    ----------
    id : str
        Lexicon entry id (``sc.accuse_of``).
    role : str
        ``object`` (actor after the cue), ``subject`` (actor before it) or ``either``.
    valence : float
        In [-1, 1]; negative is hostile, positive friendly.
    category : str
        accusation, wrongdoing, violence, label, rupture, praise, partnership.
    holder : str
        ``voice`` (the voice at the cue holds it: labels, wrongdoing, violence) or
        ``subject`` (an act of someone toward the actor: in the outlet's own voice,
        the subject of the cue's clause holds it; see
        :func:`~framecmp.measures.stance.holders.find_directed`).
    named_holder : bool
        With ``holder: subject``: the cue counts only when its holder is a named actor (the
        owner in "*Mali*'s growing confidence in Russia", a clause subject); where the holder
        would be the outlet or ``unknown`` ("Faith in America has dipped", "26% expressed
        trust in Trump") the cue is no evaluation.
    window : int or None
        Maximum token distance between cue and actor (None: the config default).
    right : tuple of str
        For a slot pattern ``"accuse {X} of"``: the words that must follow the actor.
    pattern : str or None
        The slot pattern, if the entry has one.
    explanation, source : str
        One readable line, and where the cue comes from.
    """

    id: str
    role: str
    valence: float
    category: str
    holder: str
    window: int | None
    right: tuple[str, ...]
    pattern: str | None
    explanation: str
    source: str
    named_holder: bool = False


@dataclass(frozen=True, slots=True)
class StanceCueLexicon:
    """The loaded cue lexicon: cues by id and the phrase matcher over their anchors.

    Build it with :func:`load_stance_cues`; construct once and pass it around.
    """

    lexicon: Lexicon
    cues: Mapping[str, StanceCue]
    matcher: PhraseMatcher = field(repr=False)
    # matcher key -> (cue id, anchor side: "term" | "left" | "right")
    anchors: Mapping[str, tuple[str, str]] = field(repr=False)

    @property
    def version(self) -> str:
        return self.lexicon.version

    def __len__(self) -> int:
        return len(self.cues)


CUE_SCHEMA = [
    Field("pattern"),
    Field("role", required=True, choices=_ROLES),
    Field("valence", required=True, kind="number", low=-1.0, high=1.0),
    Field("category", required=True),
    Field("holder", choices=_HOLDER_RULES),
    Field("named_holder", kind="bool"),
    Field("window", kind="number", low=1, high=30),
    Field("explanation", required=True),
    Field("source", required=True),
]


def check_cue(raw: dict[str, Any], line: int) -> list[str]:
    out: list[str] = []
    pat = raw.get("pattern")
    if pat is not None:
        if not isinstance(pat, str) or pat.count(_SLOT) != 1:
            out.append(f"'pattern' must contain the slot {_SLOT} exactly once, got {pat!r}")
        elif not pat.replace(_SLOT, "").strip():
            out.append(f"'pattern' {pat!r} has no words besides the slot")
        if "terms" in raw or "term" in raw:
            out.append("give either 'pattern' or 'terms', not both")
    return out


def load_stance_cues(
    path: str | Path | Mapping[str, Any] | None = None,
    *,
    extra: str | Path | Mapping[str, Any] | None = None,
    replace: bool = False,
) -> StanceCueLexicon:
    """Load and validate the directed-cue lexicon (format framecmp-lexicon/1).

    Parameters
    ----------
    path : path, mapping or None
        A ``stance_cues`` lexicon file; None loads the bundled ``stance_cues.yaml``.
    extra : path, mapping or None
        A user file merged over it (same id: the user's entry wins).
    replace : bool
        With ``extra``, use only the user's entries.

    Raises
    ------
    LexiconError
        Listing every problem, with file and line.

    Examples
    --------
    >>> cues = load_stance_cues()
    >>> cues.cues["sc.accuse_of"].role, cues.cues["sc.accuse_of"].valence
    ('object', -0.8)
    """
    return load_cue_format(path, extra=extra, replace=replace, kind="stance_cues", bundled="stance_cues.yaml")


def load_cue_format(
    path: str | Path | Mapping[str, Any] | None,
    *,
    extra: str | Path | Mapping[str, Any] | None,
    replace: bool,
    kind: str,
    bundled: str,
    extra_check: Any = check_cue,
) -> StanceCueLexicon:
    """A lexicon of the cue format (``CUE_SCHEMA``) of the given ``kind``: ``path``, or the
    ``bundled`` file of ``lexicons/`` when None, with the user's ``extra`` merged over it
    (:func:`load_stance_cues` says how)."""
    src = data_path(bundled) if path is None else path
    lex = load_lexicon(src, kind=kind, schema=CUE_SCHEMA, extra_check=extra_check)
    if extra is not None:
        user = load_lexicon(extra, kind=kind, schema=CUE_SCHEMA, extra_check=extra_check)
        lex = lex.merged(user, replace=replace)
    return build_cues(lex)


def _norms(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase) if t.text not in HYPHENS)


def build_cues(lex: Lexicon) -> StanceCueLexicon:
    """The cue lexicon of a loaded lexicon of the cue format: its cues and the phrase matcher
    over their anchors."""
    cues: dict[str, StanceCue] = {}
    phrases: list[tuple[str, str, dict[str, Any]]] = []
    anchors: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    for e in lex.entries:
        pat = e.get("pattern")
        right: tuple[str, ...] = ()
        if pat:
            left_s, right_s = (s.strip() for s in str(pat).split(_SLOT))
            if left_s:
                key = f"{e.id}|left"
                phrases.append((key, left_s, {"inflect": True}))
                anchors[key] = (e.id, "left")
                right = _norms(right_s)
            else:
                key = f"{e.id}|right"
                phrases.append((key, right_s, {"inflect": True}))
                anchors[key] = (e.id, "right")
        else:
            key = f"{e.id}|term"
            for t in e.terms:
                phrases.append((key, t, {"inflect": True}))
            anchors[key] = (e.id, "term")
        role = str(e.get("role"))
        if pat and not str(pat).strip().startswith(_SLOT) and role == "subject":
            problems.append(
                f"{e.source_file} line {e.line}: pattern {pat!r} puts words before {_SLOT}, "
                "so its role must be 'object' or 'either'"
            )
        window = e.get("window")
        cues[e.id] = StanceCue(
            id=e.id,
            role=role,
            valence=float(e.get("valence")),
            category=str(e.get("category")),
            holder=str(e.get("holder", "voice")),
            window=int(window) if window is not None else None,
            right=right,
            pattern=str(pat) if pat else None,
            explanation=str(e.get("explanation")),
            source=str(e.get("source")),
            named_holder=bool(e.get("named_holder", False)),
        )
        if cues[e.id].named_holder and cues[e.id].holder != "subject":
            problems.append(f"{e.source_file} line {e.line}: named_holder needs holder: subject")
    if problems:
        raise LexiconError(problems)
    return StanceCueLexicon(lexicon=lex, cues=cues, matcher=PhraseMatcher(phrases), anchors=anchors)


@lru_cache(maxsize=1)
def default_cues() -> StanceCueLexicon:
    return load_stance_cues()


@lru_cache(maxsize=1)
def default_target_lexicon() -> StanceCueLexicon:
    """News verbs of conflict, scandal, success, praise and speech (``target_sentiment.yaml``).

    Same entry fields and attachment rules as the directed cues; used only by
    the default mode of :func:`~framecmp.measures.stance.article.score_target`.
    """
    lex = load_lexicon(
        data_path("target_sentiment.yaml"), kind="target_sentiment", schema=CUE_SCHEMA, extra_check=check_cue
    )
    return build_cues(lex)


@lru_cache(maxsize=1)
def default_harm_lexicon() -> StanceCueLexicon:
    """Words of harm for the victim rule of portrayal: the ``victim`` entries of
    ``target_sentiment.yaml`` and every entry of ``harm.yaml`` (same fields)."""
    base = load_lexicon(
        data_path("target_sentiment.yaml"), kind="target_sentiment", schema=CUE_SCHEMA, extra_check=check_cue
    )
    harm = load_lexicon(data_path("harm.yaml"), kind="target_sentiment", schema=CUE_SCHEMA, extra_check=check_cue)
    entries = [e for e in base.entries if e.get("category") == "victim"] + list(harm.entries)
    return build_cues(dataclasses.replace(harm, entries=tuple(entries)))


# --------------------------------------------------------------------------- cue attachment


@dataclass(frozen=True, slots=True)
class CueHit:
    """An anchor of a cue found in a token sequence (character and token offsets)."""

    cue: StanceCue
    side: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str


def find_hits(
    tokens: Sequence[Token], t0: int, t1: int, cues: StanceCueLexicon, text: str
) -> list[CueHit]:
    hits: list[CueHit] = []
    for m in cues.matcher.find(tokens, t0, t1):
        if (m.tok_end == m.tok_start + 1 and m.tok_end < t1 and tokens[m.tok_start].norm == "thanks"
                and tokens[m.tok_end].norm == "to"):
            continue  # "Cruz won, thanks to his strength": a preposition of cause, no thanking
        for key in m.keys:
            cid, side = cues.anchors[key]
            hits.append(CueHit(cues.cues[cid], side, m.start, m.end, m.tok_start, m.tok_end, text[m.start : m.end]))
    return hits


def _gap_words(tokens: Sequence[Token], a: int, b: int) -> int:
    """Number of word tokens in ``tokens[a:b]`` (punctuation does not count)."""
    return sum(1 for t in tokens[a:b] if t.is_word)


def _crosses_clause(tokens: Sequence[Token], a: int, b: int) -> bool:
    return any(t.text in {";", ":", "(", ")", "?", "!"} for t in tokens[a:b])


def _name_between(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Whether another name stands in ``tokens[a:b]`` before a word that sets it apart from the
    candidate: "choice of Russia over France" (the slot is Russia's), not a title or an owner
    ("accused President Macron of", "accused ECOWAS chairman Tinubu of", "hailed Mali's ally
    Russia as") nor a list ("accused France and Ukraine of")."""
    seen = False
    for t in reversed(tokens[a:b]):
        if t.norm in _BETWEEN_NAMES:
            seen = True
        elif seen and t.text[:1].isupper():
            return True
    return False


#: words that set two names apart ("Russia over France"), unlike titles and possessives
#: ("ECOWAS chairman Tinubu", "Mali's ally Russia")
_BETWEEN_NAMES = frozenset("over than not instead rather but against with from to for by in on at versus".split())


def _right_ok(tokens: Sequence[Token], pos: int, right: tuple[str, ...], t1: int) -> bool:
    if not right:
        return True
    seq = [t.norm for t in tokens[pos:t1] if t.text not in HYPHENS]
    for skip in (0, 1):  # allow one word between the actor and the rest ("Paris, of")
        if tuple(seq[skip : skip + len(right)]) == right:
            return True
    return False


#: words after a label that do not make it the label of another noun ("a predatory project in")
_AFTER_LABEL_OK = frozenset(
    ", . ; : ) ” \" ’ of in and or that which who whom whose for with to by on at from as is are "
    "was were has have had said says will would could can may might must should".split()
)
#: the link of a copula: the label's noun phrase is what the actor is ("Russia is a predatory
#: power", "France has become an unwelcome partner", "ECOWAS is seen as a French puppet
#: organisation", "Critics call France a neocolonial power")
_COPULAS = BE_FORMS | frozenset(
    "remains remain remained become became becomes seems seemed appears appeared".split()
)
_LINK_VERBS = frozenset(
    "seen regarded described considered called call calls labelled labeled branded perceived "
    "viewed dubbed deemed termed portrayed".split()
)
_LINK_ADVERBS = frozenset(
    "as itself themselves now still already increasingly very more most also just merely long "
    "truly really once".split()
)
_NP_DETERMINERS = frozenset("a an the its their his her".split())
#: a noun between a label and the actor it still describes ("the mercenary group Wagner")
_GROUP_NOUNS = frozenset(
    "group groups force forces outfit company firm network militia regime government "
    "organisation organization".split()
)
_BEFORE_AGENT = frozenset("many some most the".split())


def _is_adverb(w: str) -> bool:
    return w in _LINK_ADVERBS or (len(w) > 4 and w.endswith("ly") and w.isalpha())


def _linked(tokens: Sequence[Token], a: int, b: int, h: int) -> bool:
    """Whether the words ``tokens[b:h]`` between the actor at [a, b) and a label at ``h`` make
    the label's noun phrase the actor: apposition (", now a predatory power") or a copula
    ("is seen as a French puppet"); after the last determiner any words (the noun phrase's
    modifiers: "a French puppet organisation", "a so-called neocolonial power")."""
    k = a - 1
    while k >= 0 and tokens[k].norm in _BEFORE_AGENT:
        k -= 1
    if k >= 0 and tokens[k].norm == "by":  # "seen by many Malians as ...": the agent, not the subject
        return False
    # hyphens and quotation marks are no words between ('France "is a predatory power," he said')
    gap = [t.norm for t in tokens[b:h] if t.text not in ("-", "‐", "‑", '"', "“", "”", "«", "»")]
    if not gap:
        return True
    apposition = gap[0] == ","
    start = 1 if apposition else 0
    dets = [i for i in range(start, len(gap)) if gap[i] in _NP_DETERMINERS]
    last = dets[-1] if dets else len(gap)
    if any(not w[:1].isalnum() or w in _AFTER_LABEL_OK for w in gap[last + 1:]):
        return False  # "the victim of predatory Western miners": another noun phrase
    head = gap[start:last]
    if apposition:  # ", now a ...": no verb ("Niger, according to France, is an ..." is no apposition)
        return all(_is_adverb(w) for w in head)
    for i, w in enumerate(head):
        if w in ("has", "have", "had"):
            if i + 1 >= len(head) or head[i + 1] not in ("been", "become", "became"):
                return False  # "Russia has proxy forces": possession
        elif not (w in _COPULAS or w in _LINK_VERBS or _is_adverb(w) or w in ("will", "would")):
            return False
    return True


def _phrase_ends(tokens: Sequence[Token], k: int, t1: int) -> bool:
    """Whether no noun follows a label at token ``k``: the sentence ends, or punctuation, a
    function word or a verb of :data:`_AFTER_LABEL_OK` comes next."""
    return k >= t1 or not tokens[k].norm[:1].isalpha() or tokens[k].norm in _AFTER_LABEL_OK


def label_modifies(hit: CueHit, tokens: Sequence[Token], t1: int) -> int:
    """The token a label cue describes when another noun follows it ("predatory Western
    miners": "Western"), else -1: nothing follows, or punctuation, a function word or verb of
    :data:`_AFTER_LABEL_OK` ("the puppet.", "a predatory project in Mali", "mercenaries would
    leave"), or a group noun before a name ("the mercenary group Wagner")."""
    nxt = hit.tok_end
    if _phrase_ends(tokens, nxt, t1):
        return -1
    if tokens[nxt].norm in _GROUP_NOUNS and nxt + 1 < t1 and tokens[nxt + 1].text[:1].isupper():
        return -1
    return nxt


def label_about(hit: CueHit, a: int, b: int, tokens: Sequence[Token], t1: int) -> bool:
    """Whether a label cue ("predatory", "puppet", "mercenaries") can be about the target at
    tokens [a, b) (``tokens[:t1]``: the sentence's end).

    A label right before or after the target can (“Wagner mercenaries”, "predatory France",
    "the mercenary group Wagner"); so can one that no other noun follows ("a predatory project
    in Mali", "the puppet.", "the putschists said"). A label followed by another noun
    describes that noun: in "Mali has taken back its gold from predatory Western miners" the
    miners are predatory, not Mali, unless the target is what that noun phrase names, by
    apposition or a copula ("Russia, a predatory power", "Russia is a predatory power"; not
    "Russia has proxy forces", "Mali, backed by Russia, is a puppet state").
    """
    if b == hit.tok_start or a == hit.tok_end:
        return True
    nxt = hit.tok_end
    if a == nxt + 1 and tokens[nxt].norm in _GROUP_NOUNS:
        return True
    if _phrase_ends(tokens, nxt, t1):
        return True
    return b <= hit.tok_start and _linked(tokens, a, b, hit.tok_start)


#: prepositions that put an actor inside a subject noun phrase rather than at its head ("the
#: attack on Malian troops", "sanctions against Mali"; not "of": "the government of Mali"; not
#: "from" or "with": "Diplomats from France were expelled")
_SUBJECT_PREPS = frozenset({"on", "against", "at", "toward", "towards"})
#: nouns of something done to someone, whose "of" names the one it was done to ("The killing of
#: French soldiers was condemned": the killing is condemned, France is harmed)
_DONE_TO = frozenset("killing killings murder murders arrest arrests death deaths detention detentions "
                     "kidnapping kidnappings abduction abductions expulsion expulsions execution "
                     "executions massacre massacres assassination treatment".split())

#: words after a singular opponent noun that leave it the head of its phrase ("Mali's rival
#: said", "the enemy of"); a content word after it makes it a modifier ("Mali's rival proposal")
_AFTER_HEAD = AUXILIARIES | frozenset("of in and or who that to said says told took made became met left won remains "
                                      ", . ; :".split())


def _opponent_head(tokens: Sequence[Token], k: int, t1: int) -> bool:
    """Whether token ``k`` is an opponent noun heading its phrase: a plural ("enemies"), or a
    singular followed by a name, a function word or punctuation ("Mali's rival Niger", "its
    enemy, ..."), not by a content word it describes ("killer drones", "rival proposal")."""
    n = tokens[k].norm
    if n not in OPPONENTS:
        return False
    if n.endswith("s"):
        return True
    nxt = tokens[k + 1] if k + 1 < t1 else None
    return (nxt is None or nxt.norm in _AFTER_HEAD or nxt.text[:1].isupper()
            or (len(nxt.norm) > 4 and nxt.norm.endswith("ed")))  # "Russia's fiercest critic condemned"


def opponents_of(tokens: Sequence[Token], a: int, b: int, t1: int, lo: int = 0) -> bool:
    """Whether the name at tokens [a, b) says whose opponents are meant: "Mali's (sworn)
    enemies", "its enemies", "Mali's rival Niger", "the enemies of Mali", "critics of the
    Malian junta", "the enemies of France and Mali" (``lo``: the sentence's first token)."""
    own = b == a + 1 and tokens[a].norm in POSSESSIVES  # "its enemies", "their critics"
    if own or (b < t1 and tokens[b].norm in ("'s", "'")):
        k = b if own else b + 1
        for _ in range(2):  # one word between: "Mali's sworn enemies"
            if k < t1 and _opponent_head(tokens, k, t1):
                return True
            k += 1
    # "of" before it, past articles, the words of names and a list ("the enemies of Mali, Niger
    # and Burkina Faso"); a comma only in a list, not before an apposition ("The rival of
    # Russia, France, was condemned": France is no opponent of itself)
    listed = False  # an "and" / "or" after the name among the names that follow it
    for i in range(b, min(t1, b + 10)):
        n = tokens[i].norm
        if n in ("and", "or"):
            listed = True
            break
        if not (n in (",", "the") or tokens[i].text[:1].isupper()):
            break
    k, steps = a - 1, 0
    while k > lo and steps < 8 and (tokens[k].norm in ("the", "a", "an", "and", "or", "'s")
                                    or (tokens[k].norm == "," and listed) or tokens[k].text[:1].isupper()):
        listed = listed or tokens[k].norm in ("and", "or")
        k, steps = k - 1, steps + 1
    return k > lo and tokens[k].norm == "of" and tokens[k - 1].norm in OPPONENTS


def progressive(tokens: Sequence[Token], i: int) -> bool:
    """Whether the cue word at token ``i`` is an -ing form: after "is" or "has been" it makes a
    progressive ("Russia is expelling French diplomats": its subject acts), not a passive."""
    return tokens[i].norm.endswith("ing")


#: words between "be" and a passive cue ("was often criticised", "was, however, criticised")
_BE_GAP = frozenset("not never n't also again often once even much soon however still further already "
                    "long ever too then , widely".split())


def be_before(tokens: Sequence[Token], i: int) -> bool:
    """Whether a form of "be" (or "get") stands right before token ``i``, past "not", "often",
    commas and adverbs in -ly, or "be ... to" ("France is to blame"): "was accused", "was not
    criticised", "has been repeatedly accused", "was, however, criticised"; not "is determined
    to condemn" (the "is" belongs to another verb)."""
    j = i - 1
    if j >= 0 and tokens[j].norm == "to":
        if tokens[i].norm != "blame":  # "Niger is to expel the ambassador" is active
            return False
        j -= 1  # "is to blame", "were partly to blame"
        while j >= 0 and j >= i - 4 and is_adverb(tokens[j].norm):
            j -= 1
        return j >= 0 and tokens[j].norm in BE_AUX
    while j >= 0 and j >= i - 5 and (tokens[j].norm in _BE_GAP or is_adverb(tokens[j].norm)):
        j -= 1
    return j >= 0 and tokens[j].norm in BE_AUX


def shared_passive(tokens: Sequence[Token], b: int, i: int) -> bool:
    """Whether the cue at token ``i`` is a second passive participle sharing the subject that
    ends at token ``b``: "Mali was praised by Russia and *criticised* by France" (between them
    only "be", one participle, "by", at most four words of its agent, and "and")."""
    if i - 1 <= b or tokens[i - 1].norm != "and":
        return False
    j = b
    while j < i and (tokens[j].norm in ("has", "have", "had", "will", "would") or is_adverb(tokens[j].norm)):
        j += 1
    if j >= i or tokens[j].norm not in BE_AUX:
        return False
    rest = tokens[j + 1 : i - 1]
    return 3 <= len(rest) <= 6 and rest[1].norm == "by" and all(t.is_word for t in rest)


#: words that end a passive's subject phrase before its "be" (a clause or another verb inside it)
_NOT_IN_SUBJECT = SUBORDINATE_OPENERS | frozenset("by has have had will would".split())


def possessor_of_subject(tokens: Sequence[Token], b: int, i: int) -> bool:
    """Whether the mention ending at token ``b`` owns the subject of the passive cue at token
    ``i``: "*Mali*'s jailing of its critics was condemned by France" condemns what Mali did
    (a possessor, then at most six words with no punctuation, no clause and no other verb before
    "be" and the cue)."""
    if b >= i or tokens[b].norm != "'s" or (b > 0 and _time_owner(tokens[b - 1])):
        return False  # (not "Last year's coup in Mali was condemned")
    if b + 1 < i and tokens[b + 1].norm in _UNDERGONE and not (b + 2 < i and tokens[b + 2].norm == "of"):
        return False  # "Mali's suspension from ECOWAS was condemned": what was done to Mali
        # (but "Mali's expulsion of French troops", "Mali's treatment of prisoners": its acts)
    j = i - 1
    while j > b and is_adverb(tokens[j].norm):
        j -= 1
    if j <= b + 1 or tokens[j].norm not in BE_AUX:
        return False
    words = tokens[b + 1 : j]
    return len(words) <= 6 and all(
        (t.is_word or t.norm == "'s") and t.norm not in BE_AUX and t.norm not in _NOT_IN_SUBJECT
        and not (len(t.norm) > 4 and t.norm.endswith("ed")) for t in words)  # ("support for Mali's junta")


_PARTICIPLE_DETERMINERS = NP_DETERMINERS | frozenset("my your both all each every some several many most 's".split())
#: -ing words that open a clause or take an object and a verb ("reports saying Mali killed",
#: "asking Zelensky to help", "watching Russia attack"): what follows is a clause of its own
_CLAUSE_TAKING_ING = frozenset(
    "saying claiming alleging arguing suggesting showing noting warning stating insisting believing "
    "thinking fearing knowing meaning reporting indicating confirming announcing adding explaining "
    "demanding hoping signalling signaling asserting acknowledging admitting denying proving revealing "
    "finding assuming given seeing learning hearing realizing realising asking urging calling expecting "
    "watching allowing forcing helping telling persuading encouraging letting making noticing ordering "
    "inviting pressing pushing requiring prompting leading wanting needing causing".split()
)
#: words before an -ing word that make it an adjective or a verb of a clause, not a participle
#: after a noun ("another crushing defeat", "still processing", "when learning")
_NOT_NOUN_BEFORE_ING = frozenset(
    "another such other any no yet still already just even also never ever not very more most less "
    "so too much and or but nor when while if whether after before since as because though although "
    "who which that whose".split()
)


def participle_object(tokens: Sequence[Token], a: int, b: int, cue: int, lo: int) -> bool:
    """True when the mention at tokens ``[a, b)`` is the object of a participle after a noun and
    the cue at token ``cue`` is the verb of that noun ("a NATO strike *targeting* Taliban
    militants *killed*": the strike kills, not the militants).

    The cue must read as a finite verb after the mention's own noun phrase: a form in -ed, a
    listed irregular form or one after an auxiliary, or any word but an -ing form after a noun
    of the mention's phrase ("Crimeans holding Russian flags celebrate"); not a noun of the
    object itself ("investigating Russian meddling", "eroding US support", "celebrating
    Beijing's win"). The -ing word must follow a noun ("the ruling junta", "another crushing
    offensive", "still processing" are no such phrase), be no noun itself ("a press briefing",
    "everything") and open no clause ("reports saying Mali killed", "asking Zelensky to help")."""
    if cue < b or cue >= len(tokens):
        return False
    c = tokens[cue].norm
    between = tokens[b:cue]
    if c.endswith("ing") or any(t.norm in ("'s", "’s", "'", "’") or t.norm in PREPOSITIONS or not t.is_word
                                for t in between):
        return False
    if b > 0 and tokens[b - 1].norm in ("'s", "’s", "'", "’"):
        return False
    finite = (len(c) > 4 and c.endswith("ed")) or c in IRREGULAR_VERBS or (
        cue > 0 and tokens[cue - 1].norm in AUXILIARIES)
    if not finite and not any(t.text.islower() and t.norm not in AUXILIARIES and not is_adverb(t.norm)
                              for t in between):
        return False
    k = a - 1
    while k > lo and (tokens[k].norm in ("the", "a", "an") or tokens[k].text[:1].isupper()):
        k -= 1  # "targeting (the) Taliban militants"
    if k - 1 < lo:
        return False
    w, before = tokens[k], tokens[k - 1]
    return (
        len(w.norm) > 5 and w.norm.endswith("ing") and w.text.islower() and not w.norm.endswith("thing")
        and w.norm not in _CLAUSE_TAKING_ING and w.norm not in ING_NOUNS and w.norm not in PREPOSITIONS
        and w.norm not in CALENDAR_WORDS
        and before.is_word and before.norm not in _PARTICIPLE_DETERMINERS and before.norm not in AUXILIARIES
        and before.norm not in _NOT_NOUN_BEFORE_ING and before.norm not in PREPOSITIONS
        and not is_adverb(before.norm) and not before.norm.endswith("ing")
    )


def is_adverb(n: str) -> bool:
    """Whether the word ``n`` is an adverb in -ly (not "likely", "early")."""
    return len(n) > 4 and n.endswith("ly") and n not in NOT_LY_ADVERBS


def by_agent(tokens: Sequence[Token], end: int, t1: int) -> int | None:
    """The first token after "by" (and "the") right after the cue whose words end at token
    ``end``, past adverbs in -ly and calendar words; None when no "by" follows or the cue is an
    -ing form ("Niger is expelling by Friday ...")."""
    if end <= 0 or end > t1 or progressive(tokens, end - 1):
        return None
    k = end
    while k < t1 and k < end + 3 and (tokens[k].norm in CALENDAR_WORDS or is_adverb(tokens[k].norm)):
        k += 1
    if k >= t1 or tokens[k].norm != "by":
        return None
    k += 1
    if k < t1 and tokens[k].norm == "the":
        k += 1
    return k if k < t1 else None


def agent_after(tokens: Sequence[Token], end: int, t1: int) -> int | None:
    """The first token of the agent of a passive cue whose words end at token ``end``: after
    "by" (and "the"), past adverbs in -ly and calendar words between the cue and "by", when
    the agent is a name (capitalised: not "left by helicopter"): "France was criticised by
    Mali", "criticised yesterday by Mali", "France, strongly criticised by Mali, ...". None
    when no such "by" follows, or when the cue is an -ing form ("Niger is expelling by
    Friday ...")."""
    k = by_agent(tokens, end, t1)
    return k if k is not None and tokens[k].text[:1].isupper() else None


def _by_before(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether "by" stands in ``tokens[lo:hi]`` with no clause punctuation before it: the
    agent phrase of a passive ("condemned on Wednesday by France", "criticised as unfair by
    the EU")."""
    for k in range(lo, hi):
        n = tokens[k].norm
        if n == "by":
            return True
        if n in (",", ";", ":", "(", ")", "—", "–"):
            return False
    return False


#: prepositions that end a cue and take the noun phrase after them ("criticism *of*",
#: "cooperation *with*", "accusations *against*")
_NOUN_CUE_PREPS = frozenset("of with against for from toward towards on".split())
#: nouns a one-word name before them is the topic of, not the actor of ("the Russia probe",
#: "the Mali file"; but "the UN inquiry" is the UN's): a cue is not aimed at that name
TOPIC_NOUNS = frozenset("probe probes investigation investigations inquiry inquiries hearing hearings "
                        "question issue debate dossier file story coverage".split())


def names_a_topic(toks: Sequence[Token], a: int, b: int, end: int, via: object = None) -> bool:
    """Whether the one-word name at tokens ``[a, b)`` only says what a topic noun right after it
    is about ("the *Russia* probe", "the Iran question"): not an acronym ("the UN inquiry"),
    a demonym ("the French investigation") or a seat of power ("the Kremlin inquiry"), all
    theirs; not a pronoun ("its investigation"); not before a verb ("Mali and Niger *question
    the* sanctions", "file a complaint")."""
    return (b - a == 1 and b < end and toks[b].norm in TOPIC_NOUNS and toks[b].text[:1].islower()
            and via not in ("demonym", "metonym") and toks[a].text[:1].isupper() and not toks[a].text.isupper()
            and not (b + 1 < end and toks[b + 1].norm in _NP_DETERMINERS))


#: nouns of what is done to their owner ("Mali's *suspension* from ECOWAS"): the owner is no
#: target of a cue aimed at them
_UNDERGONE = frozenset("suspension suspensions expulsion expulsions exclusion removal ouster isolation suffering "
                       "treatment abandonment eviction".split())
#: nouns of a relation, whose complement is the partner ("the nation's *friendship* with Russia")
_RELATION_NOUNS = frozenset("friendship ties links link relations relationship partnership cooperation alliance "
                            "rapprochement solidarity".split())
#: words that own with "'s" but are no one's ("Last year's coup", "Sunday's election")
_TIME_OWNERS = CALENDAR_WORDS | frozenset("day decade century season".split())


def _time_owner(t: Token) -> bool:
    """Whether the word before an "'s" is a time or a number, which owns nothing ("Last
    *year*'s coup", "*2019*'s election")."""
    return t.norm in _TIME_OWNERS or t.text.isdigit()


_OBJECT_DETERMINERS = frozenset("the a an its their his her this these those".split())


def after_preposition(tokens: Sequence[Token], a: int) -> bool:
    """Whether the mention at token ``a`` stands after a preposition (past "the", "a", "an"):
    "instructors *to* Mali", "arrived *in* Bamako"."""
    k = a - 1
    while k >= 0 and tokens[k].norm in ("the", "a", "an"):
        k -= 1
    return k >= 0 and tokens[k].norm in PREPOSITIONS


def _verb_like(t: Token) -> bool:
    """A lower-case auxiliary, listed irregular verb or verb in -ed ("stood", "expelled")."""
    return t.text[:1].islower() and looks_like_verb(t.norm)


def _object_phrase(tokens: Sequence[Token], lo: int, a: int) -> bool:
    """Whether ``tokens[lo:a]`` may open the noun phrase after a cue's preposition: no comma,
    no auxiliary, no "and"/"or"/"but" before a verb or a pronoun ("criticism of Israeli policies
    *and stood* by"), no "to" before a verb and no "as" ("criticism of his comments *to
    portray* journalists *as* abetting terrorists")."""
    joined = False  # "and" / "or" seen: a preposition after it opens another phrase
    for k in range(lo, a):
        n = tokens[k].norm
        if joined and n in _NOUN_CUE_PREPS | {"to"}:
            return False  # "criticism of the media and praise *for* Putin"
        if n in ("and", "or"):
            joined = True
        if n == "," and 0 < k < len(tokens) - 1 and tokens[k - 1].text.isdigit() and tokens[k + 1].text.isdigit() \
                and tokens[k - 1].end == tokens[k].start == tokens[k + 1].start - 1:
            continue  # "37,000 Americans": a number
        if n in (",", ";", ":") or n in AUXILIARIES:
            return False
        if n in ("and", "or", "but") and k + 1 < a and (
                _verb_like(tokens[k + 1]) or tokens[k + 1].norm in SUBJECT_PRONOUNS):
            return False
        if (n == "as" and not (k > lo and tokens[k - 1].norm in ("such", "well"))) or (
                n == "to" and k + 1 < a and tokens[k + 1].text[:1].islower()
                and tokens[k + 1].norm not in _OBJECT_DETERMINERS):
            return False  # (but "Western powers such as France", "Niger as well as Mali")
    return True


def attach_distance(
    hit: CueHit,
    a: int,
    b: int,
    tokens: Sequence[Token],
    t1: int,
    *,
    window: int,
    word_prefix: Sequence[int] | None = None,
) -> int | None:
    """Token distance between a cue anchor and a target span [a, b), or None if not attached.

    ``word_prefix[k]`` (optional, ``Doc._word_prefix``): the word tokens among
    ``tokens[:k]``, so that the distance costs O(1) in a long sentence."""
    cue = hit.cue
    w = cue.window or window
    if a < hit.tok_end and b > hit.tok_start:  # overlapping: the target is inside the cue
        return None
    if cue.category == "label" and not label_about(hit, a, b, tokens, t1):
        return None
    if (b + 1 < t1 and tokens[b].text in HYPHENS and tokens[b].start == tokens[b - 1].end
            and tokens[b + 1].text[:1].islower()
            and (tokens[b + 1].norm.endswith("ed") or tokens[b + 1].norm in _PARTICIPLES)):
        return None  # the first part of a compound ("the French-backed rebels"): a modifier, no target
    if opponents_of(tokens, a, b, t1) and not (
            cue.category == "victim" and any(t.norm in OPPONENTS for t in tokens[hit.tok_start : hit.tok_end])
            and not any(t.norm in OPPONENTS for t in tokens[b : min(b + 3, t1)])):
        return None  # "Russia condemned Mali's enemies": the enemies are the target, not Mali
        # (but "the *killers of* French soldiers" harms the soldiers)
    after = a >= hit.tok_end
    lo, hi = (hit.tok_end, a) if after else (b, hit.tok_start)
    gap = word_prefix[hi] - word_prefix[lo] if word_prefix is not None else _gap_words(tokens, lo, hi)
    if gap > max(w, 3):  # every rule below wants the actor within the window (patterns: 3 words)
        return None
    if _crosses_clause(tokens, lo, hi):
        return None
    aux_before_cue = hit.tok_start > 0 and tokens[hit.tok_start - 1].norm in BE_AUX
    passive_span = any(t.norm in BE_AUX for t in tokens[lo:hi])
    if cue.pattern is not None:
        if hit.side == "left":
            if after and gap <= 3:
                if _name_between(tokens, hit.tok_end, a):
                    return None  # "its choice of Russia over France as": the slot is Russia's
                return gap if _right_ok(tokens, b, cue.right, t1) else None
            # passive: "Russia was accused of"
            if not after and gap <= 3 and passive_span and _right_ok(tokens, hit.tok_end, cue.right, t1):
                return gap
            return None
        # right anchor: the actor comes before it, in active voice
        if not after and gap <= 3 and not passive_span:
            return gap
        return None
    if gap > w:
        return None
    if cue.role == "object":
        ing = progressive(tokens, hit.tok_start)
        if after and tokens[hit.tok_end - 1].norm in _NOUN_CUE_PREPS and not _object_phrase(tokens, hit.tok_end, a):
            return None  # "criticism of Israeli policies and stood by ... the American ...": past its object
        if after:
            agent = by_agent(tokens, hit.tok_end, t1)
            if not ing and ((agent is not None and (agent == a or tokens[agent].text[:1].isupper()))
                            or (be_before(tokens, hit.tok_start) and _by_before(tokens, hit.tok_end, a))):
                # "France was (not) criticised (yesterday) by Mali": Mali is the agent, and
                # what follows it is no target either
                return None
            # "condemned the attack on Russia", "the sanctions against Mali", "the killing of
            # French soldiers": the cue is aimed at what was done, and the actor it was done to
            # is no target (a preposition right after the cue is the cue's own: "hostility toward")
            for k in range(hit.tok_end, a):
                # a new clause between them: "Niger condemned the attack, and Mali was silent",
                # "condemned the attack that killed Malian soldiers"
                if tokens[k].norm in SUBORDINATE_OPENERS or (
                    tokens[k].norm == "," and k + 1 < a and tokens[k + 1].norm in ("and", "but", "while", "as")
                    and not (k + 2 < a and tokens[k + 2].norm == "also")  # "France, but also the EU"
                ) or (tokens[k].norm in ("and", "but") and k + 1 < a and _verb_like(tokens[k + 1])):
                    return None  # (and "rejected the sanctions and expelled the French ambassador")
                # "France left after Mali condemned Russia", "withdrew before Mali's elections":
                # the actor right after "after" acts or is the time, not the cue's object
                if tokens[k].norm in SUBORDINATORS and all(
                        t.norm in ("the", "a", "an", "'s") or t.text[:1].isupper() for t in tokens[k + 1:a]):
                    return None  # (past a possessor: "until Mali's junta rejected it")
            for k in range(hit.tok_end + 1, a):
                n, prev = tokens[k].norm, tokens[k - 1].norm
                if (n in _SUBJECT_PREPS or (n == "of" and prev in _DONE_TO)) and tokens[k - 1].is_word \
                        and prev not in ("the", "a", "an"):
                    return None
                if n in PREPOSITIONS and k >= 3 and tokens[k - 2].norm == "'s" and tokens[k - 1].text[:1].islower() \
                        and not _time_owner(tokens[k - 3]) \
                        and tokens[k - 1].norm not in _RELATION_NOUNS:  # ("the nation's friendship with Russia")
                    return None  # "criticism of Mr. Obama's handling of the Islamic State": Obama's handling
                    # (not "welcomed today's deal with Russia")
            return gap
        # "Paris was accused", "France is criticised"; not a progressive: "Russia is expelling";
        # not an actor inside the subject after a preposition: "The attack on Malian troops was
        # condemned" condemns the attack
        # a passive: "be" right before the cue ("France was strongly criticised"; not "Mali is
        # determined to condemn terrorism"), or the agent after it with no "be" ("Mali,
        # criticised by France, ..."; not an agent of another passive: "praised by Russia and
        # criticised by France")
        passive = be_before(tokens, hit.tok_start) or agent_after(tokens, hit.tok_end, t1) is not None or (
            hit.tok_start - 1 == b and tokens[b].norm == "," and by_agent(tokens, hit.tok_end, t1) is not None
            and not after_preposition(tokens, a)
        )  # "The jihadists, praised by locals, ...", "The EU sanctioned Wagner, condemned by
        # rights groups": an aside of any agent (not "Russia sent instructors to Mali, welcomed
        # by the population": the aside is on the instructors)
        if passive and not ing:
            k = a - 1
            while k >= 0 and tokens[k].norm in ("the", "a", "an"):
                k -= 1
            while k >= 2 and tokens[k].norm == "'s" and tokens[k - 1].is_word:
                k -= 2  # past an owner: "Russia's support for *Mali's junta* was condemned"
                while k >= 0 and tokens[k].norm in ("the", "a", "an"):
                    k -= 1
            # "The attack on Malian troops was condemned"; "The agreement signed by Mali was
            # criticised": the agent of another verb is not what the passive is about
            if k >= 0 and (tokens[k].norm in _SUBJECT_PREPS or tokens[k].norm == "by"):
                return None
            if k >= 1 and tokens[k].norm == "of" and tokens[k - 1].norm in _DONE_TO:
                return None
            if k >= 1 and tokens[k - 1].norm == "to" and tokens[k].text[:1].islower() and tokens[k].norm.isalpha():
                return None  # "Mali's decision to expel France was welcomed": the decision is, not France
            if k >= 1 and tokens[k].norm in PREPOSITIONS and any(
                    tokens[j].norm == "'s" and possessor_of_subject(tokens, j, hit.tok_start) for j in range(max(0, k - 6), k)):
                return None  # "Russia's support for Mali was condemned by France": Russia's support is
            return gap if gap <= 3 or shared_passive(tokens, b, hit.tok_start) or possessor_of_subject(
                tokens, b, hit.tok_start) else None
        return None
    if cue.role == "subject":
        if not after:
            # "a strike targeting militants killed": the strike kills
            return None if (passive_span or aux_before_cue or participle_object(tokens, a, b, hit.tok_start, 0)) else gap
        # passive agent: "supported by Russia" is handled by object cues; "killed by X"
        if hit.tok_end < len(tokens) and tokens[hit.tok_end].norm == "by" and gap <= 3:
            return gap
        return None
    # either: an actor before the cue ("Russia, a reliable partner", "X as a reliable
    # partner") wins over one after it; the right side is a fallback.
    return gap + 100 if after else gap
