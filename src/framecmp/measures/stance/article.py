"""Stance of an article: ``holder -> target`` rows with evidence, and target scores.

:func:`score_stance` aggregates an article into the rows of the ``stance`` frame
(:data:`framecmp.schema.STANCE`), with :class:`~framecmp.records.Evidence` for every number;
:func:`score_target` scores one target span in one sentence (rules or the trained model).

Directed evidence and context tone are kept apart. Directed evidence is a cue
aimed at the actor (an accusation, praise, a label, partnership, rupture, the
actor as agent of violence). Context tone is the VADER compound of the
sentences that mention the actor without a directed cue: "Wagner contractors
were killed in an attack" is a grim context for Wagner, not hostility toward it.

Article stance is a mean shrunk toward 0::

    stance = stance_sum / (n + k)        (k = StanceConfig.shrinkage_k, default 2)

``k`` acts as ``k`` neutral pseudo-observations (a prior mean of 0 with weight
``k``): one cue of valence -0.8 gives -0.27, three give -0.48, ten give -0.67.
An article is not put at the extreme by a single word, and articles with many
cues are not held back much. ``k = 2`` is the smallest value for which a single
cue cannot pass half its valence (``1 / (1 + k) <= 1/3``); comparisons should
check that rankings hold for nearby values (sensitivity analysis).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framecmp import schema as columns
from framecmp._validation import param_error
from framecmp.measures.actors import names_its_members
from framecmp.measures.stance.cues import (
    StanceCueLexicon,
    default_cues,
    default_harm_lexicon,
    is_adverb,
    load_stance_cues,
)
from framecmp.measures.stance.deeds import default_effects, load_effects
from framecmp.measures.stance.engine import TargetEngine, default_engine, load_engine
from framecmp.measures.stance.evaluate import (
    Evaluation,
    evaluate_mentions,
    label_evaluations,
    victim_mentions,
)
from framecmp.measures.stance.holders import (
    UNKNOWN,
    DirectedHit,
    MentionLike,
    author_voice,
    find_directed,
    untargeted_acts,
)
from framecmp.measures.stance.model import StanceModel, load_stance_model
from framecmp.measures.stance.portrayal import PortrayalRow, portray
from framecmp.measures.stance.pronouns import pronoun_mentions
from framecmp.measures.stance.target import TargetRules, TargetScore, score_rules
from framecmp.measures.stance.vader import vader_compound, vader_words_of
from framecmp.records import Evidence
from framecmp.text.doc import Doc, Token, analyze
from framecmp.text.grammar import (
    AUXILIARIES,
    HAVE_FORMS,
    NEG_GAP,
    NEG_IDIOMS,
    NEGATORS,
    REFUSALS,
    is_negator,
    negator,
)

__all__ = [
    "StanceConfig",
    "StanceResult",
    "StanceRow",
    "load_stance_config",
    "score_stance",
    "score_target",
]


@dataclass(frozen=True, slots=True)
class StanceConfig:
    """Options of :func:`score_stance` (only stored; no work here).

    Attributes
    ----------
    shrinkage_k : float
        ``stance = stance_sum / (n + k)``; see the module docstring for why 2.
    window : int
        Default maximum number of words between a cue and the actor.
    context : {"uncued", "all"}
        Which sentences make the context tone: ``uncued`` (default) the
        sentences that mention the target and carry no directed cue attached to
        it, so that no sentence feeds both columns; ``all`` every mentioning sentence.
    cues : StanceCueLexicon or None
        Directed cues; None uses the bundled lexicon.
    include_self : bool
        Keep evaluations whose holder is the target itself (Mali on Mali).
    mode : {"default", "trained"}
        Context tone from VADER on the whole sentence (default) or from the
        trained target model (``score_target(..., mode="trained")`` on the
        mention, P(positive) - P(negative)). Directed stance is the cues in both.
    model : StanceModel or None
        The trained model for ``mode="trained"`` (None: the bundled one).
    engine : TargetEngine or None
        The target-level scorer of every mention without a directed cue
        (:func:`~framecmp.measures.stance.engine.load_engine`; None: the default, ``linear``).
    organisations : frozenset of str
        Actor ids of organisations: "the organization", "the bloc" refer back to the one
        named last (within three sentences); see :func:`generic_mentions`.
    actor_types : frozenset of (str, str)
        ``(actor id, type)`` pairs: which pronouns may stand for an actor ("it" for a
        country or organisation, "he"/"she" for a person; an armed group or collective only
        through a plural name, as "they"); see :mod:`framecmp.measures.stance.pronouns`.
    effects : StanceCueLexicon or None
        What actors do to things of value (:mod:`framecmp.measures.stance.deeds`); None uses
        the bundled ``effects.yaml``.
    deeds : bool
        Read deeds ("the EPA seeks to scrap a rule protecting drinking water") before the
        engine; False leaves every such mention to the engine.
    """

    shrinkage_k: float = 2.0
    window: int = 6
    context: str = "uncued"
    cues: StanceCueLexicon | None = None
    include_self: bool = False
    mode: str = "default"
    model: StanceModel | None = None
    engine: TargetEngine | None = None
    organisations: frozenset[str] = frozenset()
    actor_types: frozenset[tuple[str, str]] = frozenset()
    effects: StanceCueLexicon | None = None
    deeds: bool = True

    @property
    def effects_lexicon(self) -> StanceCueLexicon | None:
        """The effects lexicon the deed rule reads (the bundled one when ``effects`` is None),
        or None when ``deeds`` is off."""
        return (self.effects or default_effects()) if self.deeds else None

    @property
    def version(self) -> str:
        """Provenance: cue lexicon version, plus the model date in trained mode."""
        v = (self.cues or default_cues()).version
        eng = self.engine or default_engine()
        v += f"+{eng.name}@{eng.version}"
        effects = self.effects_lexicon
        if effects is not None:
            v += f"+effects@{effects.version}"
        if self.mode == "trained":
            m = self.model or load_stance_model()
            v += f"+model@{m.meta.get('date', '?')}"
        return v

    def __post_init__(self) -> None:
        if self.mode not in ("default", "trained"):
            raise ValueError(
                f"The 'mode' parameter of StanceConfig() must be one of ['default', 'trained']. "
                f"Got {self.mode!r} instead."
            )
        if self.context not in ("uncued", "all"):
            raise ValueError(
                f"The 'context' parameter of StanceConfig() must be one of ['all', 'uncued']. "
                f"Got {self.context!r} instead."
            )
        if not self.shrinkage_k >= 0:
            raise ValueError(
                f"The 'shrinkage_k' parameter of StanceConfig() must be >= 0. Got {self.shrinkage_k!r} instead."
            )


def load_stance_config(
    *,
    mode: str = "default",
    shrinkage_k: float = 2.0,
    window: int = 6,
    context: str = "uncued",
    cues: str | Path | Mapping[str, Any] | None = None,
    extra_cues: str | Path | Mapping[str, Any] | None = None,
    model: str | Path | Mapping[str, Any] | None = None,
    engine: str = "linear",
    organisations: Iterable[str] = (),
    actor_types: Mapping[str, str] | None = None,
    effects: str | Path | Mapping[str, Any] | None = None,
    extra_effects: str | Path | Mapping[str, Any] | None = None,
    deeds: bool = True,
) -> StanceConfig:
    """Load the cue lexicon (and model) once and return a :class:`StanceConfig`.

    Examples
    --------
    >>> load_stance_config(shrinkage_k=3).shrinkage_k
    3.0
    """
    return StanceConfig(
        shrinkage_k=float(shrinkage_k), window=int(window), context=context,
        cues=load_stance_cues(cues, extra=extra_cues), mode=mode,
        model=load_stance_model(model) if mode == "trained" else None,
        engine=load_engine(engine), organisations=frozenset(organisations),
        actor_types=frozenset((actor_types or {}).items()),
        effects=load_effects(effects, extra=extra_effects) if deeds else None, deeds=bool(deeds),
    )


@dataclass(frozen=True, slots=True)
class StanceRow:
    """One row of the ``stance`` frame (article x holder x target)."""

    holder: str
    target: str
    n: int
    stance: float
    stance_sum: float
    context_tone: float
    n_context: int
    n_evidence: int
    shrinkage_k: float


@dataclass(frozen=True, slots=True)
class StanceResult:
    """What :func:`score_stance` returns: rows for the stance frame and their evidence.

    ``records`` are typed :class:`StanceRow`; ``rows`` the same as dicts keyed by
    column (what the Scorer appends to the frame); ``directed`` the cue hits.
    """

    records: tuple[StanceRow, ...]
    evidence: tuple[Evidence, ...]
    directed: tuple[DirectedHit, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    portrayal: tuple[PortrayalRow, ...] = ()

    @property
    def portrayal_rows(self) -> list[dict[str, Any]]:
        """Rows of the ``portrayal`` frame without article_id and outlet."""
        return [{f: getattr(r, f) for f in columns.PORTRAYAL if f not in ("article_id", "outlet")}
                for r in self.portrayal]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Rows of the ``stance`` frame without article_id and outlet (columns.STANCE order)."""
        return [{f: getattr(r, f) for f in columns.STANCE if f not in ("article_id", "outlet")} for r in self.records]

    def frame(self, *, article_id: str = "", outlet: str = "") -> Any:
        """The rows as a DataFrame with the columns of :data:`framecmp.schema.STANCE`."""
        import pandas as pd

        recs = [{"article_id": article_id, "outlet": outlet, **r} for r in self.rows]
        return pd.DataFrame(recs, columns=columns.STANCE)

    def evidence_frame(self, *, article_id: str = "", outlet: str = "") -> Any:
        """The evidence as a DataFrame with the columns of :data:`framecmp.schema.EVIDENCE`."""
        import pandas as pd

        return pd.DataFrame(
            [e.as_row(article_id, outlet) for e in self.evidence], columns=columns.EVIDENCE
        )


@dataclass(frozen=True, slots=True)
class _Implicit:
    start: int
    end: int
    actor: str
    ambiguous: bool = False


#: label categories whose strongest words name an enemy or its violence ("terrorists", "the
#: common enemy", "terror attack"): the label itself is how the text presents its referent
_ENEMY_LABELS = frozenset({"armed_group_label", "violence"})
#: how negative such a label must be (the lexicon's connotation) for the rule below
_ENEMY_CONNOTATION = -0.5


_VERB_AFTER = AUXILIARIES | frozenset("won gained remain remains said says".split())


def _subject_of_verb(doc: Doc, end: int) -> bool:
    """Whether "be", "have", a modal or a verb of winning or saying follows the mention ending
    at offset ``end`` (past adverbs in -ly): the mention is the subject, and what is said is
    said of it ("The jihadists won popular support", "The bandits were successful"). A verb in
    -ed is left out: an act ("the jihadists seized the plant") read positive is no praise."""
    toks = doc.tokens
    k = doc.token_index(end)
    while k < len(toks) and is_adverb(toks[k].norm):
        k += 1
    if k >= len(toks) or toks[k].norm not in _VERB_AFTER:
        return False  # not an act in -ed: "the jihadists seized the plant" is no praise
    j = k + 1  # nor a passive or a perfect: "have been defeated", "were driven out", "will be crushed"
    while j < len(toks) and (toks[j].norm in ("not", "n't", "never", "also") or is_adverb(toks[j].norm)):
        j += 1
    if j < len(toks) and (toks[j].norm in ("be", "been", "being") or (
            toks[j].text[:1].islower() and len(toks[j].norm) > 3 and toks[j].norm.endswith(("ed", "en")))):
        return False
    return True


def _enemy_labels_kept(doc: Doc, terms: Any, evaluations: list[Evaluation]) -> list[Evaluation]:
    """The engine's positive reading of a mention that is itself a strongly negative label of
    an enemy ("to jointly defeat the common enemy and ensure stability": +0.76 from "stands
    firmly alongside", "stability") is `covered`: the words around such a label praise those
    who fight it, and the label (counted by :func:`label_evaluations`) says how it is presented.
    A negative or neutral reading stays, and so does a positive one of a milder label ("rebels
    welcomed the peace deal") or of the label as the subject of a verb ("The jihadists won
    popular support by providing justice": said of them)."""
    enemy = {(h.start, h.end): h for h in getattr(terms, "hits", ())
             if getattr(h, "referent", None) and getattr(h, "category", None) in _ENEMY_LABELS
             and float(getattr(h, "connotation", 0.0) or 0.0) <= _ENEMY_CONNOTATION}
    if not enemy:
        return evaluations
    out = []
    for e in evaluations:
        h = enemy.get((e.start, e.end))
        if e.kind == "engine" and h is not None and e.value > 0 and not _subject_of_verb(doc, e.end):
            words = ", ".join(f"'{c.text}' {c.value:+.2f}" for c in e.words[:3])
            e = dataclasses.replace(
                e, value=0.0, kind="covered", rule_id="covered", words=(),
                note=f"not counted: the label '{doc.text[e.start:e.end]}' ({h.connotation:+.2f}) presents "
                     f"{e.target} as an enemy; a positive reading of the words around it ({words or 'none'}; "
                     f"engine {e.value:+.2f}) is about others, not {e.target}",
            )
        out.append(e)
    return out


#: the label group whose words name the members of a group named right before them
_MEMBER_LABELS = frozenset({"armed_groups"})


def _label_owners(
    doc: Doc, terms: Any, mentions: Sequence[MentionLike], types: Mapping[str, str]
) -> dict[int, str]:
    """Label start -> the named armed group it belongs to: in "the Wagner fighters" or "JNIM
    militants" the word names that group's members, not the armed groups the text does not
    name (the label's own referent)."""
    named_end = {m.end: m for m in mentions if getattr(m, "via", None) in ("name", "alias")}
    out: dict[int, str] = {}
    for h in (*getattr(terms, "hits", ()), *getattr(terms, "references", ())):
        ref = getattr(h, "referent", None)
        if not ref or getattr(h, "label_group", None) not in _MEMBER_LABELS:
            continue
        owner = named_end.get(h.start - 1)
        if owner is not None and owner.actor != ref and names_its_members(doc, owner, h.start, types.get):
            out[h.start] = str(owner.actor)
    return out


def _implicit_mentions(
    terms: Any, mentions: Sequence[MentionLike], owners: Mapping[int, str] | None = None
) -> list[_Implicit]:
    out: list[_Implicit] = []
    # loaded labels and plain reference names alike ("the junta", "the transitional authorities")
    for h in (*getattr(terms, "hits", ()), *getattr(terms, "references", ())):
        ref = getattr(h, "referent", None)
        if not ref or h.start in (owners or {}):
            continue  # a group's members named after it: the group's own mention stands for them
        if any(m.start < h.end and h.start < m.end for m in (*mentions, *out)):
            continue
        out.append(_Implicit(h.start, h.end, str(ref)))
    return out


#: definite descriptions that refer back to the organisation named last ("Mali left ECOWAS ...
#: the organization", "the regional bloc")
_ORG_WORDS = frozenset({"organization", "organisation", "bloc", "body", "community"})
_ORG_LEADS = frozenset({"regional", "west", "african", "sub-regional", "subregional", "economic"})
#: adjectives in -ing, which are no gerund after "the organisation of"
_ING_ADJECTIVES = frozenset("upcoming forthcoming ongoing outstanding pending existing remaining coming "
                            "following".split())
#: verbs whose "the organisation of ..." names what it is accused of: there an -ing word is a
#: gerund ("accused the organisation of following orders from Paris")
_ACCUSING = frozenset("accuse accused accuses accusing blame blamed blames suspect suspected suspects "
                      "charge charged charges".split())
#: how many sentences back "the organization" may refer
GENERIC_REACH = 3


def generic_mentions(doc: Doc, mentions: Sequence[MentionLike], organisations: frozenset[str]) -> list[_Implicit]:
    """Implicit mentions through a definite description of an organisation.

    "the organization", "the bloc", "the regional bloc", "the body" refer to the organisation
    (an actor of type ``organisation``) named right after them ("the regional bloc ECOWAS"), else
    to the one named last, in the same sentence before it or at most :data:`GENERIC_REACH`
    sentences back: in seed 002, "the Minister of Foreign Affairs considered the organization as
    an 'instrument of foreign powers'" is about ECOWAS.
    """
    if not organisations:
        return []
    named = sorted((m.start, m.actor) for m in mentions
                   if m.actor in organisations and not getattr(m, "ambiguous", False))
    if not named:
        return []
    starts = [st for st, _a in named]
    org_at = {st: a for st, a in named}
    spans = sorted((m.start, m.end) for m in mentions)
    span_starts = [a for a, _b in spans]
    toks = doc.tokens
    out = []
    for i, t in enumerate(toks):
        if t.norm not in _ORG_WORDS or i == 0:
            continue
        j = i - 1
        while j > 0 and toks[j].norm in _ORG_LEADS:
            j -= 1
        if toks[j].norm != "the":
            continue
        # a word of a name is no description: "the Economic Community of West African States"
        # is ECOWAS by its name, not the organisation named last; nor is a capitalised word
        # ("the Organisation of Islamic Cooperation", a name no actor list knows)
        k = bisect.bisect_left(span_starts, t.end)
        if any(a < t.end and toks[j].start < b for a, b in spans[max(0, k - 8):k]):
            continue
        if t.text[:1].isupper():
            continue
        # "the organisation of the elections", "the community of Djibo", "the body of a soldier":
        # another sense; but "accused the organisation of serving ...", "the organisation of 15
        # member states", "the bloc of West African states"
        if (i + 2 < len(toks) and toks[i + 1].norm == "of" and t.norm != "bloc"
                and not ((toks[i + 2].norm.endswith("ing")
                          and (toks[i + 2].norm not in _ING_ADJECTIVES or (j > 0 and toks[j - 1].norm in _ACCUSING)))
                         or toks[i + 2].norm[:1].isdigit())):
            continue  # (not "the organisation of upcoming elections": an adjective in -ing)
        # with an organisation's name right after it, the description is that one ("the
        # regional bloc ECOWAS", "the West African bloc, ECOWAS,"; not "the bloc Mali left")
        nxt = i + 1 + (i + 1 < len(toks) and toks[i + 1].text in (",", "(", "—", "–"))
        named_after = org_at.get(toks[nxt].start) if nxt < len(toks) else None
        if named_after is not None:
            out.append(_Implicit(toks[j].start, t.end, named_after))
            continue
        k = bisect.bisect_left(starts, toks[j].start) - 1
        if k < 0:
            continue
        s_here, s_there = doc.sentence_at(t.start), doc.sentence_at(named[k][0])
        if s_here is None or s_there is None or s_here.index - s_there.index > GENERIC_REACH:
            continue
        out.append(_Implicit(toks[j].start, t.end, named[k][1]))
    return out


#: how a holder was found, for the evidence explanation (no colon: readers split at the first one)
_HOW = {
    "source": " (source of the reporting verb)",
    "subject": " (subject of the clause)",
    "reported": " (subject of the clause, in reported speech, as its source claims)",
    "speaker": " (speaker named before the cue)",
    "hedge": " (hedged, so passed on, not the outlet's own claim)",
}


def score_stance(
    doc: Doc,
    *,
    mentions: Iterable[MentionLike],
    voice_of: Callable[[int], str] | None = None,
    attribution: Any = None,
    terms: Any = None,
    config: StanceConfig | None = None,
) -> StanceResult:
    """Holder -> target stance of one article, with context tone apart.

    Parameters
    ----------
    doc : Doc
        The analysed article (:func:`framecmp.text.doc.analyze`).
    mentions : iterable of Mention
        Actor mentions (``start``, ``end``, ``actor``, optional ``ambiguous``).
    voice_of : callable, optional
        ``voice_of(offset) -> "author" | "unknown" | actor id``: whose voice a position is in.
    attribution : AttributionResult, optional
        Used for ``voice_of`` when that is not given (``attribution.voice_of``),
        and for the holders of cues in the outlet's own voice: the source of a
        reporting verb that is the cue, and hedges (see
        :func:`~framecmp.measures.stance.holders.find_directed`).
        With neither, every position is the author's.
    terms : TermsResult, optional
        Loaded-term hits whose ``referent`` names an actor ("former metropolis"
        -> france) count as implicit mentions where no mention overlaps them.
    config : StanceConfig, optional

    Returns
    -------
    StanceResult
        ``rows`` (one per holder x target, sorted), ``evidence`` (kind
        ``stance`` for directed cues, ``context`` for context-tone sentences).

    Notes
    -----
    A pure function of (doc, mentions, voice, config): the same inputs give the
    same rows.
    """
    config = config or StanceConfig()
    cues = config.cues or default_cues()
    if voice_of is None and attribution is not None:
        voice_of = attribution.voice_of
    voice = voice_of or author_voice
    mentions = [m for m in mentions if getattr(m, "actor", None)]
    owners = _label_owners(doc, terms, mentions, dict(config.actor_types)) if terms is not None else {}
    if terms is not None:
        mentions.extend(_implicit_mentions(terms, mentions, owners))
    mentions.extend(generic_mentions(doc, mentions, config.organisations))
    pronouns = pronoun_mentions(doc, mentions, dict(config.actor_types))
    mentions.extend(pronouns)
    read_from = {(p.start, p.end, p.actor): p.antecedent for p in pronouns}
    directed = find_directed(
        doc, mentions=mentions, voice_of=voice, cues=cues, window=config.window, attribution=attribution
    )
    # acts aimed at no actor ("Mali condemned the attack"): their holders' mentions are not
    # read from the cue's words
    untargeted = untargeted_acts(doc, mentions=mentions, directed=directed, voice_of=voice, cues=cues,
                                 attribution=attribution)
    if not config.include_self:
        directed = [h for h in directed if h.holder != h.target]
    version = cues.version
    evidence: list[Evidence] = []
    directed = _mark_negated(doc, directed, evidence, version)
    acc: dict[tuple[str, str], dict[str, float]] = {}

    def slot(h: str, t: str) -> dict[str, float]:
        return acc.setdefault((h, t), {"n": 0, "sum": 0.0, "ctx_n": 0, "ctx_sum": 0.0, "ev": 0})

    cued_sentences: dict[str, set[int]] = {}
    for h in directed:
        cued_sentences.setdefault(h.target, set()).add(h.sentence)
    engine = config.engine or default_engine()
    victims = victim_mentions(doc, mentions, default_harm_lexicon(), window=config.window)
    effects = config.effects_lexicon
    # who speaks and where its words are: a speaker's mention is no evaluation by the cues in them
    denied_ids = getattr(attribution, "denials", {}) or {}
    speakers = [(a.source_start, a.source_end, a.content_start, a.content_end)
                for a in getattr(attribution, "attributions", ())
                if a.source_start is not None and a.source_end is not None and a.id not in denied_ids]
    evaluations = evaluate_mentions(doc, mentions=mentions, directed=directed, voice=voice,
                                    engine=engine, victims=victims, untargeted=untargeted, speakers=speakers,
                                    effects=effects)
    if terms is not None:
        evaluations = _enemy_labels_kept(doc, terms, evaluations)
        evaluations.extend(label_evaluations(doc, terms, voice, directed, owners=owners))
    for e in evaluations:
        evidence.append(_evaluation_evidence(doc, e, version=version, engine=engine,
                                             antecedent=read_from.get((e.start, e.end, e.target)),
                                             effects_version=effects.version if effects is not None else ""))
        if e.kind in ("victim", "setting", "covered") or (e.holder == e.target and not config.include_self):
            continue
        s = slot(e.holder, e.target)
        s["n"] += 1
        s["sum"] += e.value
        s["ev"] += 1
    # context tone: one value per (target, sentence)
    seen: set[tuple[str, int]] = set()
    tones: dict[str, tuple[float, str]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if getattr(m, "ambiguous", False):
            continue
        sent = doc.sentence_at(m.start)
        if sent is None or (m.actor, sent.index) in seen:
            continue
        seen.add((m.actor, sent.index))
        if config.context == "uncued" and sent.index in cued_sentences.get(m.actor, set()):
            continue
        holder = voice(m.start)
        if holder == m.actor and not config.include_self:
            continue
        text = doc.text[sent.start : sent.end]
        if config.mode == "trained":
            ts = score_target(
                text, m.start - sent.start, m.end - sent.start, mode="trained",
                cues=cues, model=config.model,
            )
            comp = ts.score
            why = "trained model P(positive) - P(negative) " + f"{comp:+.2f}; " + ", ".join(
                f"{c.text} {c.value:+.2f}" for c in ts.evidence[:4] if c.start >= 0
            )
        else:
            cached = tones.get(text)  # one sentence often mentions several actors
            if cached is None:
                comp = vader_compound(text)
                cached = tones[text] = (
                    comp,
                    f"VADER compound {comp:+.2f} from {vader_words_of(doc.tokens[sent.tok_start : sent.tok_end])}",
                )
            comp, why = cached
        s = slot(holder, m.actor)
        s["ctx_n"] += 1
        s["ctx_sum"] += comp
        s["ev"] += 1
        evidence.append(
            Evidence(
                kind="context", start=sent.start, end=sent.end, text=text, label="context tone",
                category="vader" if config.mode == "default" else "model", actor=m.actor,
                holder=holder, value=comp,
                rule_id="vader.compound" if config.mode == "default" else "stance_model",
                lexicon_version="vaderSentiment" if config.mode == "default" else config.version,
                explanation=f"tone of a sentence mentioning {m.actor} (no cue aimed at it): {why}",
                part=sent.part, sentence=sent.index,
            )
        )
    k = float(config.shrinkage_k)
    rows = []
    for (holder, target), s in sorted(acc.items()):
        n = int(s["n"])
        denom = n + k
        rows.append(
            StanceRow(
                holder=holder, target=target, n=n,
                stance=s["sum"] / denom if denom > 0 else 0.0,
                stance_sum=s["sum"],
                context_tone=s["ctx_sum"] / s["ctx_n"] if s["ctx_n"] else math.nan,
                n_context=int(s["ctx_n"]), n_evidence=int(s["ev"]), shrinkage_k=k,
            )
        )
    evidence.sort(key=lambda e: (e.start, e.kind, e.actor or "", e.holder or ""))
    return StanceResult(tuple(rows), tuple(evidence), tuple(directed), tuple(evaluations),
                        tuple(portray(evaluations, shrinkage_k=k)))


_KIND = {"cue": "stance", "engine": "evaluation", "deed": "evaluation", "label": "evaluation", "victim": "victim",
         "setting": "evaluation", "covered": "evaluation"}


def _evaluation_evidence(
    doc: Doc, e: Evaluation, *, version: str, engine: TargetEngine, antecedent: tuple[int, int] | None = None,
    effects_version: str = "",
) -> Evidence:
    """The evidence row of one evaluation: the cue (kind ``stance``), the mention scored by the
    engine or the label (kind ``evaluation``), or the victim mention (kind ``victim``).
    ``antecedent``: for a pronoun read as the actor, the mention it was read from."""
    ev = _evaluation_evidence_row(doc, e, version=version, engine=engine, effects_version=effects_version)
    if antecedent is None:
        return ev
    a, b = antecedent
    s = doc.sentence_at(a)
    where = "in the sentence before" if s is not None and s.index != e.sentence else "earlier in the sentence"
    note = f"; the pronoun {doc.text[e.start:e.end]!r} is read as {e.target} ({doc.text[a:b]!r} {where})"
    return dataclasses.replace(ev, explanation=(ev.explanation or "") + note)


#: words that may stand between a negation and the cue it negates, besides those of
#: ``framecmp.text.grammar.NEG_GAP`` and adverbs in -ly: "has not yet condemned", "decided not
#: to condemn", "no longer praises", "has never again praised"
_CUE_NEG_GAP = frozenset("yet longer to ever even again".split()) | HAVE_FORMS
#: "should not have" says it was done; "could not have ... more" says it was done fully
_SHOULD_NOT = frozenset({"shouldn't", "shouldn’t"})
_COULD_NOT = frozenset({"couldn't", "couldn’t"})
_COMPARATIVES = frozenset("more enough better higher".split())
#: verbs of intention a negation reaches over before "to": "Mali did not try to blame France",
#: "does not want to condemn Russia" (not "did not hesitate to condemn", which affirms)
_INTENTIONS = frozenset("try tries tried trying want wants wanted wanting seek seeks sought seeking "
                        "plan plans planned planning intend intends intended intending attempt "
                        "attempts attempted attempting mean meant wish wishes wished dare dares dared "
                        "bother bothers bothered vote votes voted agree agrees agreed".split())


def _counterfactual(toks: Sequence[Token], j: int, lo: int, tok: int) -> bool:
    """Whether the negation at ``j`` before "have" and the cue at ``tok`` affirms the act:
    "Mali should not have praised Russia" (it did), "Mali could not have praised Russia more";
    not "Mali must not have praised Russia", "couldn't have praised Russia, since ..."."""
    n, before = toks[j].norm, toks[j - 1].norm if j > lo else ""
    if n in _SHOULD_NOT or before == "should":
        return True
    if n in _COULD_NOT or before == "could":
        for t in toks[tok + 1 : tok + 9]:
            if t.norm in _COMPARATIVES:
                return True
            if not t.is_word:
                break
    return False


def _cue_negation(doc: Doc, tok: int, lo: int) -> str | None:
    """A negation before a cue that ``negator`` does not reach: over "yet", "to", "longer",
    adverbs in -ly, a verb of intention before "to" (at most 4 words back), or a refusal
    before "to"."""
    toks = doc.tokens
    j = tok - 1
    have = False  # "have" passed: "doesn't have any confidence in"
    while j >= max(lo, tok - 4):
        n = toks[j].norm
        if n in NEGATORS or n.endswith("n't"):
            if have and _counterfactual(toks, j, lo, tok):
                return None  # "Mali could not have praised Russia more": affirmed
            return toks[j].text if is_negator(toks, j, lo, of=tok) else None
        have = have or n in HAVE_FORMS
        if n in REFUSALS and j + 1 < tok and toks[j + 1].norm == "to":
            return toks[j].text
        intends = n in _INTENTIONS and toks[j + 1].norm == "to"
        if not (intends or n in _CUE_NEG_GAP or n in NEG_GAP or (n.endswith("ly") and len(n) > 4)):
            break
        j -= 1
    return _negative_subject(doc, tok, lo)


#: where a clause opens, for the subject of a cue's clause
_CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
_CLAUSE_WORDS = frozenset("that which who whom whose when while because although though but".split())


def _negative_subject(doc: Doc, tok: int, lo: int) -> str | None:
    """A clause that opens with a negative subject: "Nobody in Bamako praised France", "No one
    in Mali ...", "Neither Mali nor Niger condemned Russia", "Not a single official ..."."""
    toks = doc.tokens
    j = tok - 1
    while j >= lo and toks[j].text not in _CLAUSE_MARKS and toks[j].norm not in _CLAUSE_WORDS:
        j -= 1
    first = j + 1
    if first >= tok:
        return None
    n0 = toks[first].norm
    n1 = toks[first + 1].norm if first + 1 < tok else ""
    if (n0, n1) in NEG_IDIOMS:  # "No doubt Mali praised France" affirms
        return None
    if n0 in ("nobody", "none", "neither", "noone") or (n0 == "no" and n1[:1].isalpha()) or (
        n0 == "not" and n1 in ("a", "one", "single", "any")
    ):
        return toks[first].text
    return None


def _mark_negated(doc: Doc, directed: Sequence[DirectedHit], evidence: list[Evidence],
                  version: str) -> list[DirectedHit]:
    """The directed cues, each negated one ("Mali did not accuse France", "Russia has never
    praised ECOWAS", "Mali will not cut ties with Russia") marked with its negation and shown in
    ``evidence`` as kind ``negated``: its actor's mention counts nowhere in that sentence (not
    accusing is no praise; and the engine, a model of words, would read "accuse" all the same)."""
    kept = []
    for h in directed:
        sent = doc.sentences[h.sentence]
        tok = doc.token_index(h.start)
        neg = negator(doc, tok, sent.tok_start, sent.tok_end) or _cue_negation(doc, tok, sent.tok_start)
        if neg is not None and neg.lower() in ("cannot", "can't", "can’t", "couldn't", "couldn’t") and any(
            t.norm == "enough" for t in doc.tokens[tok:sent.tok_end]
        ):
            neg = None  # "Mali cannot praise Russia enough": emphatic, not negated
        if neg is None:
            kept.append(h)
            continue
        kept.append(dataclasses.replace(h, negated=neg))
        who = "the outlet" if h.holder == "author" else h.holder
        evidence.append(Evidence(
            kind="negated", start=h.start, end=h.end, text=h.text, label=h.text, category="cue",
            actor=h.target, holder=h.holder, value=h.cue.valence, rule_id=h.cue.id, lexicon_version=version,
            explanation=f"Not counted: after the negation {neg!r}. {who} -> {h.target}: "
            f"{h.cue.explanation} (valence {h.cue.valence:+.2f} if it were not negated)",
            part=sent.part, sentence=h.sentence,
        ))
    return kept


def _evaluation_evidence_row(doc: Doc, e: Evaluation, *, version: str, engine: TargetEngine,
                             effects_version: str = "") -> Evidence:
    who = "the outlet" if e.holder == "author" else e.holder
    part = doc.sentences[e.sentence].part if 0 <= e.sentence < len(doc.sentences) else "body"
    if e.kind == "cue":
        c = e.words[0]
        how = _HOW.get(e.holder_via, "")
        if e.holder == UNKNOWN and e.holder_via == "subject":
            how = " (the clause's subject, no known actor)"
        return Evidence(
            kind="stance", start=c.start, end=c.end, text=c.text, label=c.text, category="cue",
            actor=e.target, holder=e.holder, value=e.value, rule_id=e.rule_id, lexicon_version=version,
            explanation=f"{who}{how} -> {e.target}: {e.note} (valence {e.value:+.2f}, actor at "
            f"{doc.text[e.start:e.end]!r})", part=part, sentence=e.sentence,
        )
    if e.kind == "victim":
        return Evidence(
            kind="victim", start=e.start, end=e.end, text=doc.text[e.start:e.end], label="victim",
            category="victim", actor=e.target, holder=e.holder, value=0.0, rule_id="ts.victim",
            lexicon_version=version, explanation=e.note, part=part, sentence=e.sentence,
        )
    if e.kind in ("setting", "covered"):
        return Evidence(
            kind="evaluation", start=e.start, end=e.end, text=doc.text[e.start:e.end], label=e.kind,
            category=e.kind, actor=e.target, holder=e.holder, value=0.0, rule_id=e.kind,
            lexicon_version=version,
            explanation=f"{who} -> {e.target}: " + (f"not counted ({e.note})" if e.kind == "setting" else e.note),
            part=part, sentence=e.sentence,
        )
    if e.kind == "deed":
        return Evidence(
            kind="evaluation", start=e.start, end=e.end, text=doc.text[e.start:e.end],
            label="negative" if e.value < 0 else "positive", category="deed", actor=e.target, holder=e.holder,
            value=e.value, rule_id=e.rule_id, lexicon_version=f"effects {effects_version}",
            explanation=f"{who} -> {e.target}: {e.value:+.2f} (deed: {e.note})" + _voice_note(doc, e),
            part=part, sentence=e.sentence,
        )
    category = "label" if e.kind == "label" else engine.name
    lead = f"{who} -> {e.target}: "
    return Evidence(
        kind="evaluation", start=e.start, end=e.end, text=doc.text[e.start:e.end],
        label="label" if e.kind == "label" else ("negative" if e.value < 0 else "positive" if e.value > 0 else "neutral"),
        category=category, actor=e.target, holder=e.holder, value=e.value, rule_id=e.rule_id,
        lexicon_version=version if e.kind == "label" else f"{engine.name}@{engine.version}",
        explanation=lead + (e.note if e.kind == "label" else f"{e.value:+.2f} ({e.note})")
        + _voice_note(doc, e), part=part, sentence=e.sentence,
    )


def _voice_note(doc: Doc, e: Evaluation) -> str:
    """Say whose words these are when the holder is not the outlet."""
    if e.kind == "label" or e.holder == "author":
        return ""
    if doc.quote_at(e.start) is not None:
        return f"; inside a quotation of {e.holder}"
    return (f"; reported speech of {e.holder}: the claim is theirs, the words (labels) are the "
            "outlet's paraphrase")


def _check_span(sentence: str, start: int, end: int) -> None:
    if not isinstance(sentence, str):
        raise TypeError(f"score_target() expects the sentence as a str, got {type(sentence).__name__}")
    if not (0 <= start < end <= len(sentence)):
        raise ValueError(
            f"The target span of score_target() must satisfy 0 <= start < end <= len(sentence) "
            f"= {len(sentence)}. Got start={start}, end={end} instead."
        )


@functools.lru_cache(maxsize=4)
def _engine_named(name: str) -> TargetEngine:
    return load_engine(name)


def score_target(
    sentence: str,
    start: int,
    end: int,
    *,
    mode: str = "default",
    rules: TargetRules | None = None,
    cues: StanceCueLexicon | None = None,
    model: StanceModel | None = None,
    engine: str | TargetEngine | None = None,
) -> TargetScore:
    """Score the sentiment expressed toward ``sentence[start:end]``.

    Parameters
    ----------
    sentence : str
        One sentence.
    start, end : int
        Character span of the target (``end`` exclusive).
    mode : {"default", "trained"}
        ``default``: directed cues + distance-weighted VADER words + negation,
        no trained model (cheap; used on every article). ``trained``: the linear
        model of ``lexicons/stance_model.json`` (or ``model``).
    rules : TargetRules, optional
        Parameters of the default mode.
    cues : StanceCueLexicon, optional
        Directed cues (default: the bundled lexicon).
    model : StanceModel, optional
        The trained model (default: the bundled one), for ``mode="trained"``.
    engine : {"linear", "rules", "neural"}, TargetEngine or None
        Score through a target engine instead (as the article scorer does: the text is
        analysed and the span scored in its sentence); ``mode``, ``rules`` and ``model``
        are then not used. ``"neural"`` needs the ``neural`` extra.

    Returns
    -------
    TargetScore
        ``score`` in [-1, 1], ``label`` in negative/neutral/positive, and
        ``evidence``: the contributions sorted by absolute size.

    Examples
    --------
    >>> s = "Macron accused Russia of pursuing a predatory project in Mali."
    >>> r = score_target(s, 15, 21)
    >>> r.label, r.evidence[0].rule_id
    ('negative', 'sc.accuse_of')
    """
    if mode not in ("default", "trained"):
        raise ValueError(
            f"The 'mode' parameter of score_target() must be one of ['default', 'trained']. "
            f"Got {mode!r} instead."
        )
    _check_span(sentence, start, end)
    if engine is not None:
        eng = _engine_named(engine) if isinstance(engine, str) else engine
        if not isinstance(eng, TargetEngine):
            raise param_error("engine", "score_target()", "an engine name or a TargetEngine", engine,
                              got=type(engine).__name__)
        return eng.score_spans(analyze(sentence), [(start, end)])[0]
    cues = cues or default_cues()
    if mode == "trained":
        return (model or load_stance_model()).score(sentence, start, end, cues=cues)
    return score_rules(sentence, start, end, rules=rules or TargetRules(), cues=cues)
