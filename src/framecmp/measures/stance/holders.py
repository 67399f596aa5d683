"""Stance: who evaluates whom, with the words that say so.

Three levels, from small to large:

* :func:`score_target` scores one target span in one sentence (what NewsMTSC
  labels): ``mode="default"`` uses rules (directed cues from
  ``lexicons/stance_cues.yaml``, VADER word valences weighted by their distance
  to the target, negation); ``mode="trained"`` uses a linear model whose
  parameters ship as plain JSON (``lexicons/stance_model.json``). Both return
  the words that moved the score and by how much.
* :func:`find_directed` finds directed cues attached to actor mentions in a
  :class:`~framecmp.text.doc.Doc` ("accused Russia of", "Russia a reliable partner").
* :func:`score_stance` aggregates an article into ``holder -> target`` rows
  (the ``stance`` frame, :data:`framecmp.schema.STANCE`) with
  :class:`~framecmp.records.Evidence` for every number.

Directed evidence and context tone are kept apart. Directed evidence is a cue
aimed at the actor (an accusation, praise, a label, partnership, rupture, the
actor as agent of violence). Context tone is the VADER compound of the
sentences that mention the actor without a directed cue: "Wagner contractors
were killed in an attack" is a grim context for Wagner, not hostility toward it.

The holder of an evaluation is the voice at the cue, given by the caller as
``voice_of(offset) -> "author" | "unknown" | actor id`` (from attribution). When
the voice is the outlet's own and the cue names an act of someone (lexicon
``holder: subject``: accusing, praising, leaving, cutting ties, partnering), the
subject of the cue's clause holds it: in "Macron accused Russia of ..." the
holder is France, in "Mali cut ties with Ukraine" Mali, in "The three nations
withdrew from ECOWAS" ``unknown``, never the outlet. Hedged cues ("allegedly
failing to ...") are not the outlet's own either. See :func:`find_directed`.

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
import math
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from framecmp import schema as columns
from framecmp.lexicons import Field, Lexicon, LexiconError, data_path, load_lexicon, read_json_model
from framecmp.records import Evidence
from framecmp.text.doc import CALENDAR_WORDS, POSSESSIVES, Doc, PhraseMatcher, Token, tokenize
from framecmp.text.grammar import RULED_BY_DEMONYM, is_negator

__all__ = [
    "CueHit",
    "Contribution",
    "DirectedHit",
    "StanceConfig",
    "StanceCue",
    "StanceCueLexicon",
    "StanceModel",
    "StanceResult",
    "StanceRow",
    "TargetRules",
    "TargetScore",
    "find_directed",
    "load_stance_cues",
    "load_stance_model",
    "score_stance",
    "score_target",
    "target_features",
    "load_stance_config",
    "vader",
]

LABELS = ("negative", "neutral", "positive")
_ROLES = ("object", "subject", "either")
_HOLDER_RULES = ("voice", "subject")
_BE_AUX = frozenset("is are was were be been being get got gets getting".split())
# the trained model's negation features (``n:`` stems, negated rule parts) keep the negator
# list they were fitted with (VADER's NEGATE and these); the default mode reads the one
# shared list, framecmp.measures.terms.NEGATORS, through framecmp.measures.terms.is_negator
_NEG_EXTRA = frozenset({"no", "not", "never", "n't", "without", "nor", "neither", "nobody", "none"})
_SLOT = "{X}"
MODEL_FORMAT = "framecmp-stance-model/1"


# --------------------------------------------------------------------------- VADER


@lru_cache(maxsize=1)
def vader() -> Any:
    """The process-wide VADER analyzer (built once; it loads its lexicon from the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@dataclass(frozen=True, slots=True)
class _VaderWindow:
    """The part of VADER's ``SentiText`` that ``sentiment_valence`` reads, for a few words."""

    words_and_emoticons: list[str]
    is_cap_diff: bool


def vader_compound(text: str) -> float:
    """VADER's compound score of ``text``: ``vader().polarity_scores(text)["compound"]``, cheaper.

    The same steps as ``SentimentIntensityAnalyzer.polarity_scores``
    (vaderSentiment 3.3), with shortcuts that change no value:

    * a text without emoji skips the character-by-character emoji rewrite
      (which would rebuild the same text);
    * a word that is not in the lexicon (or is a booster, or "kind" of "kind
      of") scores 0 without calling ``sentiment_valence``, which gives such a
      word 0 too;
    * the words are split and stripped as ``SentiText`` does, without a call per word;
    * ``sentiment_valence`` gets the words from three before to two after the
      word (all it reads; it lower-cases every word it is given, several times
      per word), with the sentence's ``is_cap_diff``.

    Texts with emoji go through ``polarity_scores`` itself. The tests compare
    the two on many sentences.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, allcap_differential

    sia = vader()
    if not sia.emojis.keys().isdisjoint(text):
        return float(sia.polarity_scores(text)["compound"])
    text = text.strip()
    # SentiText(text).words_and_emoticons: outer punctuation stripped unless 2 characters or fewer remain
    words = [s if len(s := w.strip(string.punctuation)) > 2 else w for w in text.split()]
    is_cap_diff = allcap_differential(words)
    lower = [w.lower() for w in words]
    lexicon = sia.lexicon
    last = len(words) - 1
    sentiments: list[float] = []
    for i, item in enumerate(words):
        w = lower[i]
        if w not in lexicon or w in BOOSTER_DICT or (w == "kind" and i < last and lower[i + 1] == "of"):
            sentiments.append(0)
            continue
        lo = max(0, i - 3)
        near = _VaderWindow(words[lo : i + 3], is_cap_diff)
        sentiments.append(sia.sentiment_valence(0, near, item, i - lo, [])[0])
    if not any(sentiments):
        return 0.0  # score_valence gives 0.0 for no or all-zero sentiments
    sentiments = sia._but_check(words, sentiments)
    return float(sia.score_valence(sentiments, text)["compound"])


@lru_cache(maxsize=1)
def _feature_negators() -> frozenset[str]:
    """The negators of the trained model's features (fixed with the shipped model)."""
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE) | _NEG_EXTRA


def _valence(norm: str) -> float:
    """VADER valence of a normalised token, scaled to [-1, 1] (0 when absent)."""
    v = vader().lexicon.get(norm)
    return float(v) / 4.0 if v is not None else 0.0


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
        the subject of the cue's clause holds it; see :func:`find_directed`).
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
    src = data_path("stance_cues.yaml") if path is None else path
    lex = load_lexicon(src, kind="stance_cues", schema=CUE_SCHEMA, extra_check=check_cue)
    if extra is not None:
        user = load_lexicon(extra, kind="stance_cues", schema=CUE_SCHEMA, extra_check=check_cue)
        lex = lex.merged(user, replace=replace)
    return _build_cues(lex)


def _norms(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase) if t.text not in "-‐‑")


def _build_cues(lex: Lexicon) -> StanceCueLexicon:
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
        )
    if problems:
        raise LexiconError(problems)
    return StanceCueLexicon(lexicon=lex, cues=cues, matcher=PhraseMatcher(phrases), anchors=anchors)


@lru_cache(maxsize=1)
def _default_cues() -> StanceCueLexicon:
    return load_stance_cues()


@lru_cache(maxsize=1)
def _default_target_lexicon() -> StanceCueLexicon:
    """News verbs of conflict, scandal, success, praise and speech (``target_sentiment.yaml``).

    Same entry fields and attachment rules as the directed cues; used only by
    the default mode of :func:`score_target`.
    """
    lex = load_lexicon(
        data_path("target_sentiment.yaml"), kind="target_sentiment", schema=CUE_SCHEMA, extra_check=check_cue
    )
    return _build_cues(lex)


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


def _find_hits(
    tokens: Sequence[Token], t0: int, t1: int, cues: StanceCueLexicon, text: str
) -> list[CueHit]:
    hits: list[CueHit] = []
    for m in cues.matcher.find(tokens, t0, t1):
        for key in m.keys:
            cid, side = cues.anchors[key]
            hits.append(CueHit(cues.cues[cid], side, m.start, m.end, m.tok_start, m.tok_end, text[m.start : m.end]))
    return hits


def _is_word(tok: Token) -> bool:
    return tok.norm[:1].isalnum()


def _gap_words(tokens: Sequence[Token], a: int, b: int) -> int:
    """Number of word tokens in ``tokens[a:b]`` (punctuation does not count)."""
    return sum(1 for t in tokens[a:b] if _is_word(t))


def _crosses_clause(tokens: Sequence[Token], a: int, b: int) -> bool:
    return any(t.text in {";", ":", "(", ")", "?", "!"} for t in tokens[a:b])


def _right_ok(tokens: Sequence[Token], pos: int, right: tuple[str, ...], t1: int) -> bool:
    if not right:
        return True
    seq = [t.norm for t in tokens[pos:t1] if t.text not in "-‐‑"]
    for skip in (0, 1):  # allow one word between the actor and the rest ("Paris, of")
        if tuple(seq[skip : skip + len(right)]) == right:
            return True
    return False


def _attach_distance(
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
    after = a >= hit.tok_end
    lo, hi = (hit.tok_end, a) if after else (b, hit.tok_start)
    gap = word_prefix[hi] - word_prefix[lo] if word_prefix is not None else _gap_words(tokens, lo, hi)
    if gap > max(w, 3):  # every rule below wants the actor within the window (patterns: 3 words)
        return None
    if _crosses_clause(tokens, lo, hi):
        return None
    aux_before_cue = hit.tok_start > 0 and tokens[hit.tok_start - 1].norm in _BE_AUX
    passive_span = any(t.norm in _BE_AUX for t in tokens[lo:hi])
    if cue.pattern is not None:
        if hit.side == "left":
            if after and gap <= 3:
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
        if after:
            return gap
        if passive_span or aux_before_cue:  # "Paris was accused", "France is criticised"
            return gap if gap <= 3 else None
        return None
    if cue.role == "subject":
        if not after:
            return None if (passive_span or aux_before_cue) else gap
        # passive agent: "supported by Russia" is handled by object cues; "killed by X"
        if hit.tok_end < len(tokens) and tokens[hit.tok_end].norm == "by" and gap <= 3:
            return gap
        return None
    # either: an actor before the cue ("Russia, a reliable partner", "X as a reliable
    # partner") wins over one after it; the right side is a fallback.
    return gap + 100 if after else gap


# --------------------------------------------------------------------------- target-level scoring


@dataclass(frozen=True, slots=True)
class Contribution:
    """One reason a target score moved: a word, a cue, or a model feature.

    Attributes
    ----------
    start, end : int
        Character offsets in the sentence (``-1`` for features with no span,
        such as the model intercept or whole-sentence VADER).
    text : str
        The words (or the feature name when there is no span).
    value : float
        How much it moved the score (default mode: the weighted valence added
        to the raw sum; trained mode: coefficient difference positive minus
        negative times the feature value, in logits).
    kind : str
        ``cue`` (directed cue), ``word`` (VADER word), ``sentence`` (VADER
        compound of the whole sentence), ``feature`` (model feature).
    rule_id : str or None
        The cue id or model feature name.
    explanation : str
        A readable line (valence, distance weight, negation).
    """

    start: int
    end: int
    text: str
    value: float
    kind: str
    rule_id: str | None = None
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class TargetScore:
    """Sentiment toward one target span: score in [-1, 1], label, and the evidence."""

    score: float
    label: str
    evidence: tuple[Contribution, ...]
    mode: str = "default"


@dataclass(frozen=True, slots=True)
class TargetRules:
    """Parameters of the rule-based (default) target scorer.

    The defaults were chosen by grid search with 5-fold cross-validation on
    NewsMTSC ``train.jsonl`` only (``benchmarks/train_stance_model.py
    --tune-rules``; thresholds by macro-F1 on train); they are a handful of
    numbers, not a trained model. Train 5-fold CV macro-F1 at these values:
    0.6226 (+- 0.003). How each rule moved that figure, and what was tried
    and left off: docs/INTERNALS.md, "Stance rules: how the defaults were
    chosen".

    Attributes
    ----------
    decay : float
        A word ``d`` words away from the target weighs ``1 / (1 + (d - 1) / decay)``.
    cue_weight : float
        Multiplier of a directed cue's valence (cues are rarer and surer than words).
    verb_weight : float
        Multiplier of the valence of a ``target_sentiment.yaml`` entry attached
        to the target ("X resigned", "praised X").
    clause_weight : float
        A word separated from the target by ``c`` clause boundaries (comma,
        semicolon, colon, dash, parenthesis, quote mark, or a clause word such as
        "but", "while", "who", "which") weighs ``clause_weight ** c`` more.
    speaker_factor : float
        Multiplier of the word valences when the target is the speaker ("X said",
        "according to X") or the one spoken to ("told X"): the rest is mostly
        what was said. At 0 (the default) the negative words count for nothing
        (the positive ones: ``speaker_positive_factor``); they stay in the
        evidence with value 0.
    speaker_positive_factor : float
        ``speaker_factor`` for the positive words: a speaker who praises,
        hopes or thanks comes across well, while the speaker's negative words
        are mostly about others (train CV 0.6186 -> 0.6226 at 0.3 instead of 0).
    victim_factor : float
        Multiplier of the word valences when the target suffers violence ("X
        were killed", "raped X", category ``victim`` of
        ``target_sentiment.yaml``): those words describe the violence, not the
        victim. The words of a relative clause right after the
        target keep their weight: in "Soldiers shot Wagner fighters who had raped
        villagers" the clause "who had raped villagers" is what the fighters did.
        At 0 (the default) the damped words count for nothing; they stay in the
        evidence with value 0.
    setting_factor : float
        Multiplier of all the evidence (words, cues, news verbs) when the target
        is the setting of the sentence rather than an actor in it: a time ("on
        Monday", "late Thursday", "last week") or the object of "in" ("protests
        in Ferguson"; not "in his speech", "in Trump's favor", "confidence in
        X"). At 0 (the default) a setting is neutral; the evidence stays
        visible with value 0.
    other_decay : float
        ``decay`` for a word with another name between it and the target: in a
        sentence naming several people, such a word more likely belongs to the
        other one, so it fades faster with distance.
    other_clause_factor : float
        Multiplier of a word in a relative clause of another name ("Trump met
        Manafort, who lied to the FBI", for the target Trump): the clause says
        what the other one did. At 0 (the default) it counts for nothing.
    right_weight : float
        Multiplier of the words after the target (its predicate when it is the
        subject) relative to the words before it.
    sentence_weight : float
        Weight of the VADER compound of the whole sentence, added to the raw sum
        (the tone a target shares with its sentence).
    negation : float
        Factor applied to positive evidence (a word, cue or news verb) preceded
        (within 3 words) by a negator: "not good", "did not praise X" flip.
    negation_of_negative : float
        Factor applied to negated negative evidence. Asymmetric: "not guilty",
        "denied lying" still put the target near the wrongdoing, so a negated
        negative word keeps part of its sign rather than turning positive
        (train CV 0.6161 -> 0.6181 with ``negation`` -0.6 instead of one
        factor -0.3 for both).
    recipient_factor : float
        Multiplier of the words before the target when the target is the
        object of "to" ("Flynn lied to the FBI", "apologized to the mayor"):
        they say what the subject did to the target, not how the target acts.
        At 0 (the default) those words count for nothing; they stay in the
        evidence with value 0 (train CV 0.6181 -> 0.6186).
    alpha : float
        Normalisation ``raw / sqrt(raw**2 + alpha)`` (as in VADER) to [-1, 1].
    neg_threshold, pos_threshold : float
        score <= neg_threshold is negative, >= pos_threshold positive, else neutral.
    window : int
        Default maximum word distance between a cue and the target.
    """

    decay: float = 8.0
    cue_weight: float = 4.0
    verb_weight: float = 3.0
    clause_weight: float = 1.0
    speaker_factor: float = 0.0
    speaker_positive_factor: float = 0.3
    victim_factor: float = 0.0
    setting_factor: float = 0.0
    other_decay: float = 4.0
    other_clause_factor: float = 0.0
    right_weight: float = 2.0
    sentence_weight: float = 0.0
    negation: float = -0.6
    negation_of_negative: float = 0.3
    recipient_factor: float = 0.0
    alpha: float = 0.5
    neg_threshold: float = -0.05
    pos_threshold: float = 0.2
    window: int = 6


def _check_span(sentence: str, start: int, end: int) -> None:
    if not isinstance(sentence, str):
        raise TypeError(f"score_target() expects the sentence as a str, got {type(sentence).__name__}")
    if not (0 <= start < end <= len(sentence)):
        raise ValueError(
            f"The target span of score_target() must satisfy 0 <= start < end <= len(sentence) "
            f"= {len(sentence)}. Got start={start}, end={end} instead."
        )


def _target_tokens(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    idx = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not idx:  # span between tokens: place it at the next token
        nxt = next((i for i, t in enumerate(tokens) if t.start >= start), len(tokens))
        return nxt, nxt
    return idx[0], idx[-1] + 1


def _distance(i: int, a: int, b: int) -> int:
    return a - i if i < a else i - b + 1


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """Whether a negator (``framecmp.measures.terms.NEGATORS``, the list :func:`framecmp.measures.terms.find_terms`
    uses too) is among the 3 words before ``tokens[i]``.

    What counts as a negator is shared with the loaded-terms measure ("not only", "no
    doubt" and "Isn't X ...?" are none); the reach differs: here a negated word is only
    weighed down (positive ones flipped: ``TargetRules.negation`` and
    ``negation_of_negative``), not dropped, so any 3 words may
    stand between, while a loaded term is negated only across a few function words.
    """
    j, seen = i - 1, 0
    while j >= 0 and seen < 3:
        if _is_word(tokens[j]) or tokens[j].norm == "n't":
            if is_negator(tokens, j, of=i):
                return True
            seen += 1
        j -= 1
    return False


def _negated_feature(tokens: Sequence[Token], i: int) -> bool:
    """:func:`_negated` as the trained model's features were fitted with (kept fixed)."""
    negs = _feature_negators()
    j, seen = i - 1, 0
    while j >= 0 and seen < 3:
        if _is_word(tokens[j]) or tokens[j].norm == "n't":
            if tokens[j].norm in negs or tokens[j].norm.endswith("n't"):
                return True
            seen += 1
        j -= 1
    return False


_SPEAKER_NOUNS = frozenset({"according", "spokesman", "spokeswoman", "spokesperson"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "—", "–", "--", '"', "“", "”", "?", "!"})
_CLAUSE_WORDS = frozenset(
    "but while although though whereas however who whom whose which because since unless".split()
)


def _clause_marks(tokens: Sequence[Token]) -> list[int]:
    """Running count of clause boundaries before each token (a boundary token counts itself)."""
    out, c = [], 0
    for t in tokens:
        if t.text in _CLAUSE_PUNCT or t.norm in _CLAUSE_WORDS:
            c += 1
        out.append(c)
    return out


@dataclass(frozen=True, slots=True)
class _Part:
    """One raw piece of evidence before weighting (see :func:`_rule_parts`)."""

    kind: str  # "cue" | "verb" | "word"
    start: int
    end: int
    text: str
    valence: float
    dist: int
    clauses: int
    negated: bool
    rule_id: str | None
    what: str
    right: bool = False  # a word after the target
    agent: bool = False  # in a relative clause of the target ("X who had raped ..."): what X did
    other: bool = False  # another name stands between the word and the target
    other_clause: bool = False  # in a relative clause of another name ("Y, who lied, met X")
    recipient: bool = False  # before a target that is the object of "to" ("lied to X")


def _attached(
    sentence: str, tokens: Sequence[Token], a: int, b: int, lex: StanceCueLexicon, window: int
) -> list[CueHit]:
    best: dict[tuple[int, int], CueHit] = {}
    for hit in _find_hits(tokens, 0, len(tokens), lex, sentence):
        if _attach_distance(hit, a, b, tokens, len(tokens), window=window) is None:
            continue
        key = (hit.start, hit.end)
        prev = best.get(key)
        if prev is None or (0 if hit.cue.pattern else 1, -abs(hit.cue.valence)) < (
            0 if prev.cue.pattern else 1, -abs(prev.cue.valence)
        ):
            best[key] = hit
    return list(best.values())


_LIKE_VERB_BEFORE = frozenset(
    "i we you they he she who would 'd do does did don't doesn't didn't not n't to really also people".split()
)


# words a title-case headline leaves in lower case ("Trump Meets Putin at the Great Hall")
_TITLE_MINOR = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs v with from into onto "
    "over than that".split()
)


def _in_names(tokens: Sequence[Token], *, feature: bool = False) -> set[int]:
    """Capitalised words inside a sentence, taken as parts of names ("United States",
    "Department of Justice", "Freedom Caucus"): their VADER valence is not about anyone.

    Not in title-case text (headlines), where every word is capitalised: a sentence of
    4 words or more, more than half of them capitalised, with no lower-case word after
    the first besides the short words title case leaves in lower case (``_TITLE_MINOR``).
    "Trump met Putin at the Great Hall in Beijing." is no headline ("met"), so "Great"
    is part of a name. Words in capitals ("TRUMP FIRES BROADSIDE") are never name
    parts: capitals shout, and acronyms ("NATO") carry no valence anyway.
    ``feature=True``: the rule the trained model's features were fitted with (more
    than half capitalised is title case; capitals are name parts), kept fixed.
    """
    words = [i for i, t in enumerate(tokens) if _is_word(t) and t.text[:1].isalpha()]
    caps = [i for i in words if _capitalised(tokens[i].text)]
    if len(words) >= 4 and len(caps) > 0.5 * len(words) and (
        feature
        or not any(tokens[i].text[:1].islower() and tokens[i].norm not in _TITLE_MINOR for i in words[1:])
    ):
        return set()
    out = set()
    for i in caps:
        if not feature and len(tokens[i].text) > 1 and tokens[i].text.isupper():
            continue  # shouting ("TRUMP FIRES BROADSIDE"), not a name; acronyms carry no valence
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and (_is_word(prev) or prev.text in {",", "’s", "'s"}):
            out.add(i)
    return out


_REL_PRONOUNS = frozenset({"who", "which", "that"})
# after another name, "that" mostly opens what was said ("told Smith that ..."), not a relative clause
_OTHER_REL_PRONOUNS = frozenset({"who", "whose", "which"})


def _relative_clause(
    tokens: Sequence[Token], b: int, pronouns: frozenset[str] = _REL_PRONOUNS
) -> tuple[int, int] | None:
    """Token range of a relative clause right after the target ending at ``b`` ("X, who
    had raped villagers"), up to the next clause boundary; None if there is none."""
    j = b + 1 if b < len(tokens) and tokens[b].text == "," else b
    if j >= len(tokens) or tokens[j].norm not in pronouns:
        return None
    k = j + 1
    while k < len(tokens) and tokens[k].text not in _CLAUSE_PUNCT and tokens[k].norm not in _CLAUSE_WORDS:
        k += 1
    return j + 1, k


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text != "I"


# A target that is the setting of what a sentence reports, not an actor in it: a time
# ("late Monday", "on Saturday", "last week": time words with only fillers and numbers) or
# the object of "in" ("protests in Ferguson", "a hearing in Iowa"). Not a possessive ("in
# his speech", "in Trump's favor") nor after a noun of attitude ("confidence in Pierson",
# "a champion in Trump"): those are about the target.
_TIME_WORDS = CALENDAR_WORDS | {"tomorrow"}
_TIME_FILLERS = frozenset("the on last next this early late".split())
_SETTING_PREPS = frozenset({"in"})
_ATTITUDE_NOUNS = frozenset("confidence faith trust belief interest champion friend ally partner".split())
# "told X": X is the one spoken to; the rest of the sentence is what was said
_TELL_VERBS = frozenset("told tell tells telling".split())


def _is_setting(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Whether the target ``tokens[a:b]`` is a time or the object of "in" (see ``_TIME_WORDS``)."""
    words = [t.norm for t in tokens[a:b] if _is_word(t)]
    if any(w in _TIME_WORDS for w in words) and all(
        w in _TIME_WORDS or w in _TIME_FILLERS or w.isdigit() for w in words
    ):
        return True
    if a == 0 or tokens[a - 1].norm not in _SETTING_PREPS:
        return False
    if a > 1 and tokens[a - 2].norm in _ATTITUDE_NOUNS:
        return False
    if any(w in POSSESSIVES for w in words) or tokens[b - 1].norm.endswith(("'s", "'")):
        return False
    return not (b < len(tokens) and tokens[b].norm in {"'s", "'"})


def _other_names(tokens: Sequence[Token], a: int, b: int, names: set[int]) -> list[tuple[int, int]]:
    """Token spans of the names in the sentence (runs of ``names``, "Mr. Sanders" as one) other
    than the target: not running into it ("President Donald" before the target "Trump"), with
    no word of the target ("Hillary Clinton" for the target "Clinton"), no time word
    ("Thursday")."""
    own = {t.norm for t in tokens[a:b] if _is_word(t)}
    out: list[list[int]] = []
    for j in sorted(names | set(range(a, b))):
        if tokens[j].norm in _TIME_WORDS and not a <= j < b:
            continue
        if out and (j == out[-1][1] or (j == out[-1][1] + 1 and tokens[j - 1].text in {".", "-"})):
            out[-1][1] = j + 1
        else:
            out.append([j, j + 1])
    return [
        (s, e) for s, e in out
        if not (s < b and e > a) and not any(tokens[k].norm in own for k in range(s, e))
    ]


def _rule_parts(
    sentence: str,
    tokens: Sequence[Token],
    a: int,
    b: int,
    window: int,
    cues: StanceCueLexicon,
    verbs: StanceCueLexicon | None,
    *,
    feature: bool = False,
) -> tuple[list[_Part], str]:
    """Unweighted evidence for the target ``tokens[a:b]`` and the target's role.

    The role is ``"speaker"`` ("X said", '"...," said X'), ``"victim"`` (the
    target suffers violence: before the words in "X were killed", "X's death",
    after them in "raped X", "the killing of X"; never in "killed by X"),
    ``"setting"`` (a time or the object of "in": "on Monday", "protests in
    Ferguson"), ``"listener"`` ("told X") or ``""``.

    Words are scoped to the target they belong to in a sentence that names
    several people: a word with another name between it and the target
    (``_Part.other``: "Sanders argues [the deals] did irreparable harm to
    Ohio", for the target "Clinton" before them) and a word in a relative
    clause of another name (``_Part.other_clause``: "Y, who lied, met X")
    are marked, for :class:`TargetRules` to weigh down; so is a word before a
    target that is the object of "to" (``_Part.recipient``: "Flynn lied to
    Pence": the lie is Flynn's).

    Directed cues and target-sentiment entries attached to the target, then
    VADER words outside the target and outside those hits, each with its
    distance, the number of clause boundaries between it and the target, and
    negation. :func:`_rule_contributions` weighs them with :class:`TargetRules`.
    ``feature=True``: negation and names as the trained model's features were
    fitted with (:func:`_negated_feature`, ``_in_names(feature=True)``), and
    none of the later rules (setting, listener, other names), which the
    shipped model's features did not have.
    """
    negated = _negated_feature if feature else _negated
    parts: list[_Part] = []
    used: set[int] = set()
    role = ""
    for hit in _attached(sentence, tokens, a, b, cues, window):
        used.update(range(hit.tok_start, hit.tok_end))
        parts.append(
            _Part("cue", hit.start, hit.end, hit.text, hit.cue.valence, 0, 0, negated(tokens, hit.tok_start),
                  hit.cue.id, f"directed cue ({hit.cue.category}): {hit.cue.explanation}")
        )
    if verbs is not None:
        for hit in _attached(sentence, tokens, a, b, verbs, window):
            if any(i in used for i in range(hit.tok_start, hit.tok_end)):
                continue
            if hit.cue.category == "victim" and a >= hit.tok_end and (
                hit.cue.role == "subject" or (hit.tok_end < len(tokens) and tokens[hit.tok_end].norm == "by")
            ):  # "killed by X": X is no victim
                continue
            if (
                hit.cue.category == "speaker" and a >= hit.tok_end and hit.tok_start > 0
                and _is_word(tokens[hit.tok_start - 1]) and tokens[hit.tok_start].norm not in _SPEAKER_NOUNS
            ):
                # "Trump said Kelly behaved", "he told Reuters": a word before the verb is its
                # subject, so the target after it is the listener or the reported clause's
                # subject; only '..." said X' (inverted attribution) makes X the speaker
                continue
            used.update(range(hit.tok_start, hit.tok_end))
            if hit.cue.category in ("speaker", "victim"):
                role = role or hit.cue.category
                continue
            parts.append(
                _Part("verb", hit.start, hit.end, hit.text, hit.cue.valence, 0, 0,
                      negated(tokens, hit.tok_start), hit.cue.id,
                      f"target {hit.cue.role} of a news verb ({hit.cue.category}): {hit.cue.explanation}")
            )
    marks = _clause_marks(tokens)
    names = _in_names(tokens, feature=feature)
    rel = _relative_clause(tokens, b)
    others: list[tuple[int, int]] = []
    other_rel: list[tuple[int, int]] = []
    recipient = False
    if not feature:
        # "lied to X", "apologized to X": the words before say what was done to X
        recipient = a > 0 and tokens[a - 1].norm == "to"
        if _is_setting(tokens, a, b):
            role = "setting"
        elif not role and a > 0 and tokens[a - 1].norm in _TELL_VERBS:
            role = "listener"
        others = _other_names(tokens, a, b, names)
        for _s, e in others:
            r = _relative_clause(tokens, e, _OTHER_REL_PRONOUNS)
            if r is not None and not (r[0] <= a < r[1]):
                other_rel.append(r)
    for i, t in enumerate(tokens):
        if a <= i < b or i in used or not _is_word(t) or i in names:
            continue
        val = _valence(t.norm)
        if not val:
            continue
        if t.norm == "like" and not (i > 0 and tokens[i - 1].norm in _LIKE_VERB_BEFORE):
            continue  # "sports stars like Kaepernick": the preposition, not the verb
        c = abs(marks[i] - marks[a]) if i < a else abs(marks[i] - marks[max(b - 1, a)])
        if i < a and t.norm in _CLAUSE_WORDS:
            c = max(c - 1, 0)
        lo, hi = (i + 1, a) if i < a else (b, i)
        parts.append(
            _Part("word", t.start, t.end, t.text, val, _distance(i, a, b), c, negated(tokens, i), None, "", i >= b,
                  rel is not None and rel[0] <= i < rel[1],
                  any(lo <= s0 and e0 <= hi for s0, e0 in others),
                  any(s0 <= i < e0 for s0, e0 in other_rel), recipient and i < a)
        )
    return parts, role


def _negation_factor(valence: float, rules: TargetRules) -> float:
    """Factor of negated evidence: positive flips (``negation``), negative keeps part of its
    sign (``negation_of_negative``)."""
    return rules.negation_of_negative if valence < 0 else rules.negation


def _weigh(p: _Part, rules: TargetRules, role: str) -> tuple[float, str]:
    neg = _negation_factor(p.valence, rules) if p.negated else 1.0
    if p.kind in ("cue", "verb"):
        v = p.valence * (rules.cue_weight if p.kind == "cue" else rules.verb_weight) * neg
        why = p.what + f" (valence {p.valence:+.2f}" + (", negated)" if p.negated else ")")
        if role == "setting" and rules.setting_factor != 1.0:
            v *= rules.setting_factor
            why += f" x setting factor {rules.setting_factor:.2f} (target is a time or place)"
        return v, why
    decay = rules.other_decay if p.other else rules.decay
    w = 1.0 / (1.0 + (p.dist - 1) / decay)
    cw = rules.clause_weight**p.clauses
    if role in ("speaker", "listener"):
        sf = rules.speaker_positive_factor if p.valence > 0 else rules.speaker_factor
    elif role == "victim" and not p.agent:  # not "X who had raped ...": what the victim did
        sf = rules.victim_factor
    elif role == "setting":
        sf = rules.setting_factor
    else:
        sf = 1.0
    rw = rules.right_weight if p.right else 1.0
    of = rules.other_clause_factor if p.other_clause else 1.0
    rf = rules.recipient_factor if p.recipient else 1.0
    why = f"VADER valence {p.valence:+.2f} x distance weight {w:.2f} ({p.dist} words away"
    why += ", another name between)" if p.other and decay != rules.decay else ")"
    if p.right and rw != 1.0:
        why += f" x {rw:.2f} (after the target)"
    if p.clauses:
        why += f" x clause weight {cw:.2f} ({p.clauses} clause boundaries)"
    if p.other_clause and of != 1.0:
        why += f" x {of:.2f} (in a relative clause of another name)"
    if role and sf != 1.0:
        why += f" x {role} factor {sf:.2f} (target is the {role})"
    if p.recipient and rf != 1.0:
        why += f" x {rf:.2f} (before the target as the object of 'to')"
    if (role and sf != 1.0 and not sf) or (p.other_clause and not of) or (p.recipient and not rf):
        why += ": damped, not counted"
    if p.negated:
        why += " x negation"
    return p.valence * w * cw * sf * rw * of * rf * neg, why


def _rule_contributions(
    sentence: str,
    tokens: Sequence[Token],
    a: int,
    b: int,
    rules: TargetRules,
    cues: StanceCueLexicon,
    verbs: StanceCueLexicon | None = None,
) -> list[Contribution]:
    parts, role = _rule_parts(sentence, tokens, a, b, rules.window, cues, verbs)
    out: list[Contribution] = []
    for p in parts:
        v, why = _weigh(p, rules, role)
        # a word damped to 0 by the target's role (speaker, victim, setting) or by belonging to
        # another name's relative clause, or before a target after "to", stays visible with value
        # 0; so does a cue of a setting
        damped = p.kind == "word" and bool(role or p.other_clause or p.recipient)
        if v or (p.valence and (damped or role == "setting")):
            out.append(Contribution(p.start, p.end, p.text, v or 0.0, p.kind if p.kind != "verb" else "cue", p.rule_id, why))
    return out


def _label(score: float, neg: float, pos: float) -> str:
    if score <= neg:
        return "negative"
    if score >= pos:
        return "positive"
    return "neutral"


def score_target(
    sentence: str,
    start: int,
    end: int,
    *,
    mode: str = "default",
    rules: TargetRules | None = None,
    cues: StanceCueLexicon | None = None,
    model: StanceModel | None = None,
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
    cues = cues or _default_cues()
    tokens = tokenize(sentence)
    a, b = _target_tokens(tokens, start, end)
    if mode == "trained":
        return (model or load_stance_model()).score(sentence, start, end, cues=cues)
    rules = rules or TargetRules()
    contribs = _rule_contributions(sentence, tokens, a, b, rules, cues, _default_target_lexicon())
    if rules.sentence_weight:
        comp = vader_compound(sentence)
        if comp:
            contribs.append(
                Contribution(0, len(sentence), sentence, rules.sentence_weight * comp, "sentence", "vader.sentence",
                             f"VADER compound of the whole sentence {comp:+.2f} x {rules.sentence_weight:.2f}")
            )
    raw = sum(c.value for c in contribs)
    score = raw / math.sqrt(raw * raw + rules.alpha) if raw else 0.0
    contribs.sort(key=lambda c: (-abs(c.value), c.start))
    return TargetScore(score, _label(score, rules.neg_threshold, rules.pos_threshold), tuple(contribs))


# --------------------------------------------------------------------------- trained model


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=100_000)
def _stem(norm: str) -> str:
    return str(_stemmer().stem(norm))


#: The rule weights behind the trained model's ``v:`` rule features: fixed (the
#: default mode's values when the model format was set), so that retuning the
#: default mode does not shift the features of a shipped model.
_FEATURE_RULES = TargetRules(decay=4.0, cue_weight=2.0, verb_weight=3.0, clause_weight=1.0, speaker_factor=0.0,
                             speaker_positive_factor=0.0,
                             victim_factor=1.0, setting_factor=1.0, other_decay=4.0, other_clause_factor=1.0,
                             right_weight=1.0, sentence_weight=0.0, negation=-0.3, negation_of_negative=-0.3,
                             recipient_factor=1.0)

_NUM_RE = re.compile(r"^\d[\d.,]*$")


def target_features(
    sentence: str,
    start: int,
    end: int,
    *,
    config: Mapping[str, Any] | None = None,
    cues: StanceCueLexicon | None = None,
) -> dict[str, tuple[float, tuple[tuple[int, int], ...]]]:
    """Target-aware features of one (sentence, target span), with the spans behind each.

    The target words are masked. Features (names are stable and documented in
    the model JSON): ``w:`` stems within ``window`` words of the target,
    ``L:``/``R:`` the same split by side (value ``1 / (1 + (d - 1) / decay)`` for a
    word ``d`` words away when ``decay`` > 0, else 1), ``N:`` stems within ``near``
    words, ``n:`` negated stems, ``b:`` bigrams
    within the window, ``s:`` stems anywhere in the sentence, ``v:`` VADER
    (sentence compound/pos/neg, the rule-based target score and its parts),
    ``c:`` directed cue and ``target_sentiment.yaml`` hits by id, ``x:`` layout
    (target first, in quotes, target is the speaker).

    Optional groups (off unless ``config`` turns them on, so that older models
    keep their features): ``positions`` adds ``P:-1:``/``P:-2:``/``P:+1:``/``P:+2:``,
    the stems right before and after the target by position ("accused X" vs
    "X accused"); ``rules_split`` adds the rule evidence by side
    (``v:rule_left``, ``v:rule_right``), the sentence compound split by whether
    the target opens the sentence, and ``x:victim``; ``sentence_weight`` (default
    1) is the value of the ``s:`` features: below 1 it shrinks what all targets
    of a sentence share, relative to the words around each target.

    Returns
    -------
    dict
        feature name -> (value, character spans that produced it).
    """
    cfg = {"window": 10, "decay": 3.0, "near": 2, **(config or {})}
    window = int(cfg["window"])
    decay = float(cfg["decay"])
    near = int(cfg["near"])
    sent_w = float(cfg.get("sentence_weight", 1.0))
    cues = cues or _default_cues()
    tokens = tokenize(sentence)
    a, b = _target_tokens(tokens, start, end)
    feats: dict[str, tuple[float, tuple[tuple[int, int], ...]]] = {}

    def add(name: str, value: float, span: tuple[int, int] | None = None) -> None:
        v0, spans = feats.get(name, (0.0, ()))
        feats[name] = (v0 + value, spans + ((span,) if span else ()))

    words = [(i, t) for i, t in enumerate(tokens) if _is_word(t) and not (a <= i < b)]
    stems = {i: ("<num>" if _NUM_RE.match(t.norm) else _stem(t.norm)) for i, t in words}
    for i, t in words:
        st, sp = stems[i], (t.start, t.end)
        feats[f"s:{st}"] = (sent_w, feats.get(f"s:{st}", (0.0, ()))[1] + (sp,))
        d = _distance(i, a, b)
        if d <= window:
            wt = 1.0 / (1.0 + (d - 1) / decay) if decay else 1.0
            prev = feats.get(f"w:{st}", (0.0, ()))
            feats[f"w:{st}"] = (max(prev[0], wt), prev[1] + (sp,))
            side = "L" if i < a else "R"
            prev = feats.get(f"{side}:{st}", (0.0, ()))
            feats[f"{side}:{st}"] = (max(prev[0], wt), prev[1] + (sp,))
            if d <= near:
                feats[f"N:{st}"] = (1.0, feats.get(f"N:{st}", (0.0, ()))[1] + (sp,))
            if _negated_feature(tokens, i):
                feats[f"n:{st}"] = (1.0, (sp,))
    idx = [i for i, _ in words]
    for j in range(len(idx) - 1):
        i1, i2 = idx[j], idx[j + 1]
        if min(_distance(i1, a, b), _distance(i2, a, b)) > window:
            continue
        sp1, sp2 = (tokens[i1].start, tokens[i1].end), (tokens[i2].start, tokens[i2].end)
        if i1 < a and i2 >= b:  # the target sits between them
            add(f"b:{stems[i1]}_<T>", 1.0, sp1)
            add(f"b:<T>_{stems[i2]}", 1.0, sp2)
        elif i2 - i1 <= 2:
            add(f"b:{stems[i1]}_{stems[i2]}", 1.0, (sp1[0], sp2[1]))
    # VADER and rules
    pol = vader().polarity_scores(sentence)
    add("v:compound", float(pol["compound"]))
    add("v:pos", float(pol["pos"]))
    add("v:neg", float(pol["neg"]))
    rules = _FEATURE_RULES
    parts, role = _rule_parts(sentence, tokens, a, b, rules.window, cues, _default_target_lexicon(), feature=True)
    speaker = role == "speaker"
    contribs = []
    for p in parts:
        v, _why = _weigh(p, rules, role)
        if v:
            contribs.append(Contribution(p.start, p.end, p.text, v, p.kind if p.kind != "verb" else "cue", p.rule_id))
    raw = sum(c.value for c in contribs)
    add("v:rule_score", raw / math.sqrt(raw * raw + 1.0) if raw else 0.0)
    add("v:near_pos", sum(c.value for c in contribs if c.kind == "word" and c.value > 0))
    add("v:near_neg", sum(c.value for c in contribs if c.kind == "word" and c.value < 0))
    if cfg.get("rules_split"):
        # the rule evidence by side of the target, and the sentence tone by the target's place
        lo_c, hi_c = (tokens[a].start if a < len(tokens) else len(sentence)), end
        add("v:rule_left", sum(c.value for c in contribs if c.kind == "word" and c.end <= lo_c))
        add("v:rule_right", sum(c.value for c in contribs if c.kind == "word" and c.start >= hi_c))
        first = not any(_is_word(t) for t in tokens[:a])
        add("v:compound_first" if first else "v:compound_later", float(pol["compound"]))
        add("x:victim", 1.0 if role == "victim" else 0.0)
    for c in contribs:
        if c.kind == "cue":
            cat = c.rule_id or "cue"
            add(f"c:{'neg' if c.value < 0 else 'pos'}", c.value, (c.start, c.end))
            add(f"c:{cat}", 1.0, (c.start, c.end))
    if cfg.get("positions"):
        # the words right next to the target, by position ("accused X" vs "X accused")
        left = [i for i, _t in words if i < a][-2:]
        right = [i for i, _t in words if i >= b][:2]
        for k, i in enumerate(reversed(left)):
            add(f"P:-{k + 1}:{stems[i]}", 1.0, (tokens[i].start, tokens[i].end))
        for k, i in enumerate(right):
            add(f"P:+{k + 1}:{stems[i]}", 1.0, (tokens[i].start, tokens[i].end))
    add("x:target_first", 1.0 if not any(_is_word(t) for t in tokens[:a]) else 0.0)
    add("x:speaker", 1.0 if speaker else 0.0)
    quotes = sum(1 for t in tokens[:a] if t.text in "\"“”«»")
    add("x:in_quote", 1.0 if quotes % 2 == 1 else 0.0)
    return {k: v for k, v in feats.items() if v[0] != 0.0}


@dataclass(frozen=True, slots=True)
class StanceModel:
    """A linear (multinomial logistic) target-sentiment model read from plain JSON.

    Attributes
    ----------
    classes : tuple of str
        ``("negative", "neutral", "positive")``.
    coef : Mapping[str, tuple[float, ...]]
        Feature name -> one coefficient per class.
    intercept : tuple of float
        One intercept per class.
    feature_config : Mapping
        Options of :func:`target_features` used in training.
    meta : Mapping
        Provenance: training data, date, cross-validation score, library versions.
    """

    classes: tuple[str, ...]
    coef: Mapping[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    feature_config: Mapping[str, Any]
    meta: Mapping[str, Any]

    def logits(self, feats: Mapping[str, tuple[float, Any]]) -> list[float]:
        out = list(self.intercept)
        for name, (value, _spans) in feats.items():
            c = self.coef.get(name)
            if c is not None:
                for k in range(len(out)):
                    out[k] += c[k] * value
        return out

    def score(
        self, sentence: str, start: int, end: int, *, cues: StanceCueLexicon | None = None
    ) -> TargetScore:
        """Score one target span; evidence is each feature's (pos - neg) logit contribution."""
        feats = target_features(sentence, start, end, config=self.feature_config, cues=cues)
        z = self.logits(feats)
        m = max(z)
        e = [math.exp(v - m) for v in z]
        tot = sum(e)
        p = {c: v / tot for c, v in zip(self.classes, e)}
        score = p.get("positive", 0.0) - p.get("negative", 0.0)
        label = self.classes[max(range(len(z)), key=lambda k: z[k])]
        ineg, ipos = self.classes.index("negative"), self.classes.index("positive")
        contribs: list[Contribution] = []
        for name, (value, spans) in feats.items():
            c = self.coef.get(name)
            if c is None:
                continue
            v = (c[ipos] - c[ineg]) * value
            if abs(v) < 1e-9:
                continue
            s0, s1 = (spans[0][0], spans[-1][1]) if spans else (-1, -1)
            text = sentence[s0:s1] if spans else name
            contribs.append(
                Contribution(
                    s0, s1, text, v, "feature", name,
                    f"feature {name} = {value:.3g}; coefficient positive {c[ipos]:+.3f}, "
                    f"negative {c[ineg]:+.3f}",
                )
            )
        contribs.sort(key=lambda c: (-abs(c.value), c.start))
        return TargetScore(score, label, tuple(contribs), mode="trained")

    def to_json(self) -> dict[str, Any]:
        """The plain-JSON form (what ``lexicons/stance_model.json`` holds)."""
        return {
            "format": MODEL_FORMAT,
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "feature_config": dict(self.feature_config),
            "meta": dict(self.meta),
            "coefficients": {k: list(v) for k, v in sorted(self.coef.items())},
        }


def _model_from_json(data: Any, where: str) -> StanceModel:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise LexiconError([f"{where}: a stance model must be a JSON object"])
    if data.get("format") != MODEL_FORMAT:
        problems.append(f"{where}: 'format' must be {MODEL_FORMAT!r}, got {data.get('format')!r}")
    classes = data.get("classes")
    if not isinstance(classes, list) or sorted(classes) != sorted(LABELS):
        problems.append(f"{where}: 'classes' must list {list(LABELS)}, got {classes!r}")
        classes = list(LABELS)
    k = len(classes)
    intercept = data.get("intercept")
    if not isinstance(intercept, list) or len(intercept) != k:
        problems.append(f"{where}: 'intercept' must be a list of {k} numbers")
        intercept = [0.0] * k
    coefs = data.get("coefficients")
    if not isinstance(coefs, dict):
        problems.append(f"{where}: 'coefficients' must map feature names to lists of {k} numbers")
        coefs = {}
    bad = [n for n, v in coefs.items() if not isinstance(v, list) or len(v) != k]
    if bad:
        problems.append(f"{where}: {len(bad)} coefficient rows do not have {k} numbers, e.g. {bad[:3]}")
    if problems:
        raise LexiconError(problems)
    return StanceModel(
        classes=tuple(classes),
        coef={n: tuple(float(x) for x in v) for n, v in coefs.items()},
        intercept=tuple(float(x) for x in intercept),
        feature_config=dict(data.get("feature_config", {})),
        meta=dict(data.get("meta", {})),
    )


def load_stance_model(path: str | Path | Mapping[str, Any] | None = None) -> StanceModel:
    """Load a trained target-sentiment model from plain JSON (no pickles).

    Parameters
    ----------
    path : path, mapping or None
        A file written by ``benchmarks/train_stance_model.py``, the same data as
        a dict, or None for the bundled ``lexicons/stance_model.json``.
    """
    return read_json_model(path, _model_from_json, bundled="stance_model.json")



# --------------------------------------------------------------------------- article level


class MentionLike(Protocol):
    """What :func:`score_stance` needs of an actor mention (framecmp.measures.actors.Mention)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def actor(self) -> str: ...


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
    """

    shrinkage_k: float = 2.0
    window: int = 6
    context: str = "uncued"
    cues: StanceCueLexicon | None = None
    include_self: bool = False
    mode: str = "default"
    model: StanceModel | None = None

    @property
    def version(self) -> str:
        """Provenance: cue lexicon version, plus the model date in trained mode."""
        v = (self.cues or _default_cues()).version
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
    )


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
    holder_via: str  # "voice", "source", "subject", "speaker" or "hedge" (see find_directed)
    co_holders: tuple[str, ...] = ()  # the other holders of the same cue (coordinated subjects)


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
#    "that", "which", "who", "when", "while", "because", ...); its subject is the noun phrase
#    that opens it, read up to the verb (an auxiliary, a listed irregular verb, a verb in
#    "-ed" before an object, or any word right after a name: "Mali *cut* ties");
# 5. a clause opened by a preposition or a participle ("In addition to cooperation with
#    Moscow, Abdoulaye Diop stressed ...", "..., expelling French troops") has no subject of
#    its own: it takes the subject of the nearest main clause (before it, else after it);
# 6. coordinated subjects ("Bamako, Niamey, and Ouagadougou have severed ties") give one holder
#    each: the cue is repeated per holder, so each (holder, target) pair counts it once;
# 7. a subject that is no known actor ("The three nations withdrew") gives ``unknown``, never
#    the outlet. Only a cue with no subject at all ("Cooperation with Moscow is vital") keeps the
#    voice at the cue (the outlet's own outside attributions).
#
# A cue of any kind right after a distancing hedge ("for *allegedly* failing to quell",
# "*reportedly* carried out by") is not the outlet's own claim either: the outlet passes on
# what someone unnamed says, so its holder is ``unknown``. (The clause's subject is not
# taken: in "soldiers were killed in an attack reportedly carried out by rebels" the victims
# do not hold the claim.)

_AUX_WORDS = frozenset(
    "is are was were be been being am has have had having will would shall should can could "
    "may might must do does did 's 're 've 'll 'd".split()
)
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
#: words that open a new clause inside a stretch without commas
_CLAUSE_OPENERS = frozenset(
    "that which who whom when where while because although though whereas unless if".split()
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
_UNKNOWN = "unknown"


def _source_holder(attribution: Any, start: int, end: int) -> str | None:
    """The affiliation (or ``unknown``) of a found source whose reporting verb is the cue."""
    for a in getattr(attribution, "attributions", ()):
        if a.cue_start is None or a.cue_end is None or a.source_type in ("none", "unfound"):
            continue
        if a.cue_start < end and start < a.cue_end:
            return str(a.affiliation or _UNKNOWN)
    return None


def _hedged(hedges: Sequence[Any], tokens: Sequence[Token], tok_start: int, t0: int) -> bool:
    """A distancing hedge among the two words before the cue ("allegedly failing")."""
    if not hedges or tok_start <= t0:
        return False
    lo, words = tok_start, 0
    while lo > t0 and words < 2 and _is_word(tokens[lo - 1]):
        lo -= 1
        words += 1
    a, b = tokens[lo].start, tokens[tok_start].start
    return any(a <= h.start < b and getattr(h, "category", None) in _DISTANCING for h in hedges)


class _Subjects:
    """Finds the subject of a cue's clause in one sentence (rules 2 to 7 above)."""

    def __init__(self, tokens: Sequence[Token], t0: int, t1: int, spans: Sequence[tuple[Any, int, int]]):
        self.toks, self.t0, self.t1 = tokens, t0, t1
        self.at: dict[int, tuple[Any, int]] = {}
        self.ends: dict[int, Any] = {}
        for m, a, b in spans:
            if a < b:
                self.at.setdefault(a, (m, b))
                self.ends.setdefault(b - 1, m)
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
        while i < end and (i in self.skip or not _is_word(self.toks[i])):
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
                if not self._ruled(m, b, end):
                    actors.append(str(m.actor))
                present, after_name, i = True, getattr(m, "via", None) != "demonym", b
                continue
            if not _is_word(t) or t.norm == "'s":
                i += 1
                continue
            if t.norm in _COORD or t.norm == "of":
                after_name = False
                i += 1
                continue
            if after_name or self._verbish(i, end):
                return present, actors, True
            if t.norm in _PREPOSITIONS or t.norm in _CLAUSE_OPENERS:
                return present, actors, False
            present = True
            i += 1
        return present, actors, False

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
                elif i in self.skip or not _is_word(self.toks[i]) or self.toks[i].norm in _DET_OR_COORD:
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

    def _passive_agent(self, cue_tok: int, end: int) -> tuple[str, ...] | None:
        j = cue_tok - 1
        if j > self.t0 and self.toks[j].norm.endswith("ly"):
            j -= 1
        if j < self.t0 or self.toks[j].norm not in _BE_AUX:
            return None
        for k in range(cue_tok + 1, end - 1):
            if self.toks[k].norm == "by" and k + 1 in self.at:
                return (str(self.at[k + 1][0].actor),)
        return ()

    def subject(self, cue_tok: int) -> tuple[str, ...] | None:
        """Actor ids of the subject of the cue's clause.

        ``None``: the clause has no subject (the cue opens it); ``()``: a subject
        that is no known actor; else its actors in order, without repeats.
        """
        toks = self.toks
        j, skipped = cue_tok - 1, 0  # rule 2: "Bamako's growing cooperation with"
        while (j > self.t0 and skipped < 2 and toks[j].text[:1].islower() and toks[j].norm.isalpha()
               and toks[j].norm not in _NOT_MODIFIERS):
            j, skipped = j - 1, skipped + 1
        if j > self.t0 and toks[j].norm == "'s" and (j - 1) in self.ends:
            return (str(self.ends[j - 1].actor),)
        ci = next((k for k, (cs, ce) in enumerate(self.chunks) if cs <= cue_tok < ce), None)
        if ci is None:
            return None
        cs, ce = self.chunks[ci]
        passive = self._passive_agent(cue_tok, ce)  # rule 3
        if passive is not None:
            return passive
        start, opener = cs, None
        for k in range(cs, cue_tok):
            if toks[k].norm in _CLAUSE_OPENERS and k not in self.at:
                start, opener = k + 1, k
        if self._modifier(start, cue_tok + 1):  # rule 5
            if opener is not None:
                present, actors, _verb = self.noun_phrase(cs, opener)
                if present:
                    return tuple(dict.fromkeys(self._listed(ci) + actors))
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
            while k >= self.t0 and not _is_word(toks[k]):
                k -= 1
            return (str(self.ends[k].actor),) if k in self.ends else ()
        if opener is None:  # "Mali, a landlocked country, cut ties": a name before the commas
            for k in range(ci - 1, -1, -1):
                if self._modifier(*self.chunks[k]):
                    break
                names = self.noun_phrase(*self.chunks[k])[1]
                if names:
                    return tuple(dict.fromkeys(self._listed(k) + names))
        return None


def _author(_offset: int) -> str:
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

    ``holder_via`` says which: ``voice``, ``source``, ``subject``, ``speaker`` or ``hedge``.
    """
    cues = cues or _default_cues()
    voice = voice_of or _author
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
        hits = _find_hits(toks, sent.tok_start, sent.tok_end, cues, doc.text)
        prefix = doc._word_prefix
        # a name inside a fixed cue phrase is part of that cue, not the target of another
        # ("accused of supporting terrorist groups": the accusation is not aimed at the groups)
        phrases = {(h.tok_start, h.tok_end) for h in hits if not h.cue.pattern}
        in_phrase = {(a, b): [p for p in phrases if p[0] <= a and b <= p[1]] for _m, a, b in spans}
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
                d = _attach_distance(hit, a, b, toks, sent.tok_end, window=window, word_prefix=prefix)
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
        for (_s, _e, target), (_r, _d, hit, m, _a, _b) in sorted(chosen.items()):
            holders: tuple[str, ...] = (voice(hit.start),)
            via = "voice"
            if holders == ("author",):
                holders, via = _author_holders(hit, target, subjects, attribution, hedges, speaker)
                if hit.cue.category in _SPEECH_CATEGORIES and via in ("source", "subject"):
                    speaker = holders
            for holder in holders:
                out.append(
                    DirectedHit(
                        holder, target, hit.cue, hit.start, hit.end, hit.text, m.start, m.end, si, via,
                        tuple(h for h in holders if h != holder),
                    )
                )
    out.sort(key=lambda h: (h.start, h.target, h.holder))
    return out


_COORDINATORS = frozenset({",", "and", "or", "the", "as", "well"})


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
        subj = subjects.subject(hit.tok_start)
        several = tuple(a for a in subj if a != target) if subj is not None else ()
        if src is not None and len(several) < 2:
            return (src,), "source"
        if subj is not None:
            # several coordinated subjects hold the cue each, speech or act alike
            # ("Mali and Niger praised Russia"): an attribution keeps one affiliation only
            return several or (_UNKNOWN,), "subject"
    if speaker and target not in speaker:
        # the content of "X accused Y of <cue>" is X's evaluation, not the outlet's
        return speaker, "speaker"
    if _hedged(hedges, subjects.toks, hit.tok_start, subjects.t0):
        return (_UNKNOWN,), "hedge"
    return ("author",), "voice"


@dataclass(frozen=True, slots=True)
class _Implicit:
    start: int
    end: int
    actor: str
    ambiguous: bool = False


def _implicit_mentions(terms: Any, mentions: Sequence[MentionLike]) -> list[_Implicit]:
    out = []
    for h in getattr(terms, "hits", ()):
        ref = getattr(h, "referent", None)
        if not ref:
            continue
        if any(m.start < h.end and h.start < m.end for m in mentions):
            continue
        out.append(_Implicit(h.start, h.end, str(ref)))
    return out


def _vader_words_of(tokens: Sequence[Token]) -> str:
    """``_vader_words`` of a sentence from its tokens in the Doc (the same tokens)."""
    parts = []
    lexicon = vader().lexicon
    for t in tokens:
        v = lexicon.get(t.norm)
        if v is not None:
            parts.append(f"{t.text} {v / 4:+.2f}")
    return ", ".join(parts) if parts else "no VADER words"


def _vader_words(text: str) -> str:
    parts = []
    lexicon = vader().lexicon
    for t in tokenize(text):
        v = lexicon.get(t.norm)
        if v is not None:
            parts.append(f"{t.text} {v / 4:+.2f}")
    return ", ".join(parts) if parts else "no VADER words"


#: how a holder was found, for the evidence explanation (no colon: readers split at the first one)
_HOW = {
    "source": " (source of the reporting verb)",
    "subject": " (subject of the clause)",
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
        reporting verb that is the cue, and hedges (see :func:`find_directed`).
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
    cues = config.cues or _default_cues()
    if voice_of is None and attribution is not None:
        voice_of = attribution.voice_of
    voice = voice_of or _author
    mentions = [m for m in mentions if getattr(m, "actor", None)]
    if terms is not None:
        mentions.extend(_implicit_mentions(terms, mentions))
    directed = find_directed(
        doc, mentions=mentions, voice_of=voice, cues=cues, window=config.window, attribution=attribution
    )
    if not config.include_self:
        directed = [h for h in directed if h.holder != h.target]
    version = cues.version
    evidence: list[Evidence] = []
    acc: dict[tuple[str, str], dict[str, float]] = {}

    def slot(h: str, t: str) -> dict[str, float]:
        return acc.setdefault((h, t), {"n": 0, "sum": 0.0, "ctx_n": 0, "ctx_sum": 0.0, "ev": 0})

    cued_sentences: dict[str, set[int]] = {}
    for h in directed:
        s = slot(h.holder, h.target)
        s["n"] += 1
        s["sum"] += h.cue.valence
        s["ev"] += 1
        cued_sentences.setdefault(h.target, set()).add(h.sentence)
        who = "the outlet" if h.holder == "author" else h.holder
        how = _HOW.get(h.holder_via, "")
        if h.holder == _UNKNOWN and h.holder_via == "subject":
            how = " (the clause's subject, no known actor)"
        if h.co_holders:
            how += f" (with {', '.join(h.co_holders)}; one row per coordinated subject)"
        evidence.append(
            Evidence(
                kind="stance", start=h.start, end=h.end, text=h.text, label=h.cue.pattern or h.text,
                category=h.cue.category, actor=h.target, holder=h.holder, value=h.cue.valence,
                rule_id=h.cue.id, lexicon_version=version,
                explanation=f"{who}{how} -> {h.target}: {h.cue.explanation} "
                f"(valence {h.cue.valence:+.2f}, actor at {doc.text[h.mention_start:h.mention_end]!r})",
                part=doc.sentences[h.sentence].part, sentence=h.sentence,
            )
        )
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
                    f"VADER compound {comp:+.2f} from {_vader_words_of(doc.tokens[sent.tok_start : sent.tok_end])}",
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
    evidence.sort(key=lambda e: (e.start, e.kind, e.actor or ""))
    return StanceResult(tuple(rows), tuple(evidence), tuple(directed))
