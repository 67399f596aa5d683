"""Target-level stance by rules: the sentiment expressed toward one span of one sentence.

The default mode of :func:`framecmp.measures.stance.article.score_target` (what NewsMTSC
labels): directed cues and news verbs attached to the target, VADER word valences weighted by
their distance to the target and the clause boundaries between, negation, and the target's
role in the sentence (speaker, victim, setting, listener). :class:`TargetRules` holds the
weights; :func:`rule_parts` finds the unweighted evidence, which the trained model's features
(:mod:`framecmp.measures.stance.model`) read too.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from framecmp._validation import param_error
from framecmp.measures.stance.cues import (
    CueHit,
    StanceCueLexicon,
    attach_distance,
    default_target_lexicon,
    find_hits,
)
from framecmp.measures.stance.vader import feature_negators, vader_compound, valence_table
from framecmp.text.doc import CALENDAR_WORDS, POSSESSIVES, Doc, Token, tokenize
from framecmp.text.grammar import NEGATORS, is_negator

__all__ = [
    "LABELS",
    "Contribution",
    "RuleEvidence",
    "RulePart",
    "RuleSentence",
    "TargetRules",
    "TargetScore",
    "locate_spans",
    "negated_feature",
    "rule_evidence",
    "rule_parts",
    "rules_score",
    "score_rules",
    "stem",
    "target_distance",
    "target_tokens",
    "weigh",
    "weigh_parts",
]

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class Contribution:
    """One reason a target score moved: a word, a cue, or a model feature.

    Attributes
    ----------
    start, end : int
        Character offsets in the sentence (``-1`` for features with no span,
        such as the model intercept or whole-sentence VADER); in the document's
        text for the target engines (:mod:`framecmp.measures.stance.engine`).
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


def target_tokens(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """The token range ``[a, b)`` of the character span ``start:end`` (empty, at the next token,
    for a span between tokens)."""
    idx = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if not idx:  # span between tokens: place it at the next token
        nxt = next((i for i, t in enumerate(tokens) if t.start >= start), len(tokens))
        return nxt, nxt
    return idx[0], idx[-1] + 1


def target_distance(i: int, a: int, b: int) -> int:
    """Token distance from ``tokens[i]`` to the target ``tokens[a:b]`` (1 for a neighbour)."""
    return a - i if i < a else i - b + 1


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=100_000)
def stem(norm: str) -> str:
    """The Snowball (English) stem of a normalised word, as the trained models' word features read it."""
    return str(_stemmer().stem(norm))


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """Whether a negator (``framecmp.text.grammar.NEGATORS``, the list
    :func:`framecmp.measures.terms.find_terms` uses too) is among the 3 words before ``tokens[i]``.

    What counts as a negator is shared with the loaded-terms measure ("not only", "no
    doubt" and "Isn't X ...?" are none); the reach differs: here a negated word is only
    weighed down (positive ones flipped: ``TargetRules.negation`` and
    ``negation_of_negative``), not dropped, so any 3 words may
    stand between, while a loaded term is negated only across a few function words.
    """
    j, seen = i - 1, 0
    while j >= 0 and seen < 3:
        if tokens[j].is_word or tokens[j].norm == "n't":
            if is_negator(tokens, j, of=i):
                return True
            seen += 1
        j -= 1
    return False


def negated_feature(tokens: Sequence[Token], i: int) -> bool:
    """:func:`_negated` as the trained model's features were fitted with (kept fixed)."""
    negs = feature_negators()
    j, seen = i - 1, 0
    while j >= 0 and seen < 3:
        if tokens[j].is_word or tokens[j].norm == "n't":
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
class RulePart:
    """One raw piece of evidence before weighting (see :func:`rule_parts`)."""

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
    hits: Sequence[CueHit], a: int, b: int, tokens: Sequence[Token], window: int,
    word_prefix: Sequence[int] | None = None,
) -> list[CueHit]:
    """The hits attached to the target ``tokens[a:b]``, the best one per span."""
    best: dict[tuple[int, int], CueHit] = {}
    for hit in hits:
        if attach_distance(hit, a, b, tokens, len(tokens), window=window, word_prefix=word_prefix) is None:
            continue
        key = (hit.start, hit.end)
        prev = best.get(key)
        if prev is None or (0 if hit.cue.pattern else 1, -abs(hit.cue.valence)) < (
            0 if prev.cue.pattern else 1, -abs(prev.cue.valence)
        ):
            best[key] = hit
    return list(best.values())


class RuleSentence:
    """One sentence's tokens and what the rules read of them that does not depend on the
    target: the cue hits of each lexicon, the clause marks, the name words, the negated
    words and the words with a VADER valence. Computed on first use and kept, so that the
    targets of a sentence share them (:func:`rule_evidence`).

    ``text`` is the text the token offsets index: the sentence itself (offsets from
    ``tokenize(sentence)``) or the whole document (a sentence's tokens from a
    :class:`~framecmp.text.doc.Doc`, as a :class:`~framecmp.text.doc.Tokens`, so the
    phrase matchers take their fast path). ``tokens`` must be the sentence's tokens only:
    the negation and title-case rules read the sentence from its first token.
    """

    __slots__ = ("_hits", "_marks", "_names", "_neg_free", "_negated", "_prefix", "_valenced", "text", "tokens")

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self._hits: dict[int, tuple[StanceCueLexicon, list[CueHit]]] = {}
        self._marks: list[int] | None = None
        self._names: dict[bool, set[int]] = {}
        self._negated: dict[tuple[int, bool], bool] = {}
        self._neg_free: dict[bool, bool] = {}
        self._valenced: list[tuple[int, float]] | None = None
        self._prefix: list[int] | None = None

    @property
    def word_prefix(self) -> list[int]:
        """``word_prefix[k]``: the word tokens among ``tokens[:k]`` (cue distances in O(1))."""
        if self._prefix is None:
            self._prefix = [0, *itertools.accumulate(t.norm[:1].isalnum() for t in self.tokens)]
        return self._prefix

    def hits(self, lex: StanceCueLexicon) -> list[CueHit]:
        """The anchors of ``lex`` in the sentence (:func:`~framecmp.measures.stance.cues.find_hits`)."""
        got = self._hits.get(id(lex))
        if got is None or got[0] is not lex:
            got = self._hits[id(lex)] = (lex, find_hits(self.tokens, 0, len(self.tokens), lex, self.text))
        return got[1]

    @property
    def marks(self) -> list[int]:
        """Running count of clause boundaries before each token (``_clause_marks``)."""
        if self._marks is None:
            self._marks = _clause_marks(self.tokens)
        return self._marks

    def names(self, feature: bool = False) -> set[int]:
        """The tokens taken as parts of names (``_in_names``)."""
        got = self._names.get(feature)
        if got is None:
            got = self._names[feature] = _in_names(self.tokens, feature=feature)
        return got

    def negated(self, i: int, feature: bool = False) -> bool:
        """Whether ``tokens[i]`` is negated (:func:`negated_feature` with ``feature``, else ``_negated``)."""
        free = self._neg_free.get(feature)
        if free is None:  # no word that could negate: nothing is negated
            norms = [t.norm for t in self.tokens]
            negs = feature_negators() if feature else NEGATORS
            free = self._neg_free[feature] = negs.isdisjoint(norms) and not any(n.endswith("n't") for n in norms)
        if free:
            return False
        key = (i, feature)
        got = self._negated.get(key)
        if got is None:
            got = self._negated[key] = (negated_feature if feature else _negated)(self.tokens, i)
        return got

    @property
    def valenced(self) -> list[tuple[int, float]]:
        """``(token index, valence)`` of the words with a VADER valence, in order."""
        if self._valenced is None:
            toks = self.tokens
            vals = map(valence_table().get, [t.norm for t in toks])
            self._valenced = [(i, v) for i, v in enumerate(vals) if v and toks[i].is_word]
        return self._valenced


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
    words = [i for i, t in enumerate(tokens) if t.is_word and t.text[:1].isalpha()]
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
        if prev is not None and (prev.is_word or prev.text in {",", "’s", "'s"}):
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
    words = [t.norm for t in tokens[a:b] if t.is_word]
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
    own = {t.norm for t in tokens[a:b] if t.is_word}
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


@dataclass(frozen=True, slots=True)
class RuleEvidence:
    """What :func:`rule_evidence` finds for one target: the unweighted parts, the target's
    role and the character span of the words that give the role (the speech or violence
    verb, "in" before a place, "told" before a listener, the time words; None without a role)."""

    parts: list[RulePart]
    role: str
    role_span: tuple[int, int] | None


def rule_parts(
    sentence: str,
    tokens: Sequence[Token],
    a: int,
    b: int,
    window: int,
    cues: StanceCueLexicon,
    verbs: StanceCueLexicon | None,
    *,
    feature: bool = False,
) -> tuple[list[RulePart], str]:
    """Unweighted evidence for the target ``tokens[a:b]`` and the target's role.

    The role is ``"speaker"`` ("X said", '"...," said X'), ``"victim"`` (the
    target suffers violence: before the words in "X were killed", "X's death",
    after them in "raped X", "the killing of X"; never in "killed by X"),
    ``"setting"`` (a time or the object of "in": "on Monday", "protests in
    Ferguson"), ``"listener"`` ("told X") or ``""``.

    Words are scoped to the target they belong to in a sentence that names
    several people: a word with another name between it and the target
    (``RulePart.other``: "Sanders argues [the deals] did irreparable harm to
    Ohio", for the target "Clinton" before them) and a word in a relative
    clause of another name (``RulePart.other_clause``: "Y, who lied, met X")
    are marked, for :class:`TargetRules` to weigh down; so is a word before a
    target that is the object of "to" (``RulePart.recipient``: "Flynn lied to
    Pence": the lie is Flynn's).

    Directed cues and target-sentiment entries attached to the target, then
    VADER words outside the target and outside those hits, each with its
    distance, the number of clause boundaries between it and the target, and
    negation. :func:`_rule_contributions` weighs them with :class:`TargetRules`.
    ``feature=True``: negation and names as the trained model's features were
    fitted with (:func:`negated_feature`, ``_in_names(feature=True)``), and
    none of the later rules (setting, listener, other names), which the
    shipped model's features did not have.

    The same as :func:`rule_evidence` on a new :class:`RuleSentence` (which
    shares the sentence's work among its targets).
    """
    ev = rule_evidence(RuleSentence(sentence, tokens), a, b, window, cues, verbs, feature=feature)
    return ev.parts, ev.role


def rule_evidence(
    sent: RuleSentence,
    a: int,
    b: int,
    window: int,
    cues: StanceCueLexicon,
    verbs: StanceCueLexicon | None,
    *,
    feature: bool = False,
    words: bool = True,
) -> RuleEvidence:
    """:func:`rule_parts` of the target ``sent.tokens[a:b]``, with the span of the role's words.

    ``words=False``: only the cues, news verbs and the role (no VADER word parts; cheaper).
    """
    tokens = sent.tokens
    parts: list[RulePart] = []
    used: set[int] = set()
    role = ""
    role_span: tuple[int, int] | None = None
    hits = sent.hits(cues)
    for hit in _attached(hits, a, b, tokens, window, sent.word_prefix if hits else None):
        used.update(range(hit.tok_start, hit.tok_end))
        parts.append(
            RulePart("cue", hit.start, hit.end, hit.text, hit.cue.valence, 0, 0, sent.negated(hit.tok_start, feature),
                  hit.cue.id, f"directed cue ({hit.cue.category}): {hit.cue.explanation}")
        )
    if verbs is not None:
        hits = sent.hits(verbs)
        for hit in _attached(hits, a, b, tokens, window, sent.word_prefix if hits else None):
            if any(i in used for i in range(hit.tok_start, hit.tok_end)):
                continue
            if hit.cue.category == "victim" and a >= hit.tok_end and (
                hit.cue.role == "subject" or (hit.tok_end < len(tokens) and tokens[hit.tok_end].norm == "by")
            ):  # "killed by X": X is no victim
                continue
            if (
                hit.cue.category == "speaker" and a >= hit.tok_end and hit.tok_start > 0
                and tokens[hit.tok_start - 1].is_word and tokens[hit.tok_start].norm not in _SPEAKER_NOUNS
            ):
                # "Trump said Kelly behaved", "he told Reuters": a word before the verb is its
                # subject, so the target after it is the listener or the reported clause's
                # subject; only '..." said X' (inverted attribution) makes X the speaker
                continue
            used.update(range(hit.tok_start, hit.tok_end))
            if hit.cue.category in ("speaker", "victim"):
                if not role:
                    role, role_span = hit.cue.category, (hit.start, hit.end)
                continue
            parts.append(
                RulePart("verb", hit.start, hit.end, hit.text, hit.cue.valence, 0, 0,
                      sent.negated(hit.tok_start, feature), hit.cue.id,
                      f"target {hit.cue.role} of a news verb ({hit.cue.category}): {hit.cue.explanation}")
            )
    others: list[tuple[int, int]] = []
    other_rel: list[tuple[int, int]] = []
    recipient = False
    if not feature:
        # "lied to X", "apologized to X": the words before say what was done to X
        recipient = a > 0 and tokens[a - 1].norm == "to"
        if _is_setting(tokens, a, b):
            role = "setting"
            pre = a > 0 and tokens[a - 1].norm in _SETTING_PREPS
            role_span = (tokens[a - 1].start, tokens[a - 1].end) if pre else (tokens[a].start, tokens[b - 1].end)
        elif not role and a > 0 and tokens[a - 1].norm in _TELL_VERBS:
            role, role_span = "listener", (tokens[a - 1].start, tokens[a - 1].end)
    if not words:
        return RuleEvidence(parts, role, role_span)
    marks = sent.marks
    names = sent.names(feature)
    rel = _relative_clause(tokens, b)
    if not feature:
        others = _other_names(tokens, a, b, names)
        for _s, e in others:
            r = _relative_clause(tokens, e, _OTHER_REL_PRONOUNS)
            if r is not None and not (r[0] <= a < r[1]):
                other_rel.append(r)
    for i, val in sent.valenced:
        if a <= i < b or i in used or i in names:
            continue
        t = tokens[i]
        if t.norm == "like" and not (i > 0 and tokens[i - 1].norm in _LIKE_VERB_BEFORE):
            continue  # "sports stars like Kaepernick": the preposition, not the verb
        c = abs(marks[i] - marks[a]) if i < a else abs(marks[i] - marks[max(b - 1, a)])
        if i < a and t.norm in _CLAUSE_WORDS:
            c = max(c - 1, 0)
        lo, hi = (i + 1, a) if i < a else (b, i)
        parts.append(
            RulePart("word", t.start, t.end, t.text, val, target_distance(i, a, b), c, sent.negated(i, feature), None, "",
                  i >= b, rel is not None and rel[0] <= i < rel[1],
                  any(lo <= s0 and e0 <= hi for s0, e0 in others),
                  any(s0 <= i < e0 for s0, e0 in other_rel), recipient and i < a)
        )
    return RuleEvidence(parts, role, role_span)


def _negation_factor(valence: float, rules: TargetRules) -> float:
    """Factor of negated evidence: positive flips (``negation``), negative keeps part of its
    sign (``negation_of_negative``)."""
    return rules.negation_of_negative if valence < 0 else rules.negation


def weigh(p: RulePart, rules: TargetRules, role: str, *, explain: bool = True) -> tuple[float, str]:
    """The value of one piece of evidence under ``rules`` for a target of ``role``, and why
    (``explain=False``: the same value and an empty reason, cheaper)."""
    neg = _negation_factor(p.valence, rules) if p.negated else 1.0
    if p.kind in ("cue", "verb"):
        v = p.valence * (rules.cue_weight if p.kind == "cue" else rules.verb_weight) * neg
        if not explain:
            return v * (rules.setting_factor if role == "setting" else 1.0), ""
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
    if not explain:
        return p.valence * w * cw * sf * rw * of * rf * neg, ""
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
    parts, role = rule_parts(sentence, tokens, a, b, rules.window, cues, verbs)
    return weigh_parts(parts, role, rules)


def weigh_parts(parts: Sequence[RulePart], role: str, rules: TargetRules) -> list[Contribution]:
    """The contributions of the parts of :func:`rule_parts` weighed with ``rules`` (:func:`weigh`).

    A word damped to 0 by the target's role (speaker, victim, setting) or by belonging to
    another name's relative clause, or before a target after "to", stays visible with value
    0; so does a cue of a setting.
    """
    out: list[Contribution] = []
    for p in parts:
        v, why = weigh(p, rules, role)
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


def rules_score(contribs: list[Contribution], rules: TargetRules) -> TargetScore:
    """The raw sum of ``contribs`` normalised to [-1, 1] (``rules.alpha``) and labelled with
    ``rules``' thresholds; the evidence sorted by absolute size (``contribs`` is sorted in place)."""
    raw = sum(c.value for c in contribs)
    score = raw / math.sqrt(raw * raw + rules.alpha) if raw else 0.0
    contribs.sort(key=lambda c: (-abs(c.value), c.start))
    return TargetScore(score, _label(score, rules.neg_threshold, rules.pos_threshold), tuple(contribs))


def score_rules(sentence: str, start: int, end: int, *, rules: TargetRules, cues: StanceCueLexicon) -> TargetScore:
    """The default mode of :func:`~framecmp.measures.stance.article.score_target` (the span
    already checked): rule evidence weighed with ``rules``, normalised to [-1, 1] and labelled."""
    tokens = tokenize(sentence)
    a, b = target_tokens(tokens, start, end)
    contribs = _rule_contributions(sentence, tokens, a, b, rules, cues, default_target_lexicon())
    if rules.sentence_weight:
        comp = vader_compound(sentence)
        if comp:
            contribs.append(
                Contribution(0, len(sentence), sentence, rules.sentence_weight * comp, "sentence", "vader.sentence",
                             f"VADER compound of the whole sentence {comp:+.2f} x {rules.sentence_weight:.2f}")
            )
    return rules_score(contribs, rules)


def locate_spans(doc: Doc, spans: Sequence[tuple[int, int]], caller: str) -> list[tuple[int, int, int]]:
    """``(sentence index, start, end)`` of each span of ``doc.text``, checked: each must start
    inside a sentence; ``end`` is cut at that sentence's end. ``caller`` names the function
    in the error."""
    if not isinstance(doc, Doc):
        raise param_error("doc", caller, "a Doc (from framecmp.text.analyze())", doc, got=type(doc).__name__)
    n = len(doc.text)
    out = []
    for sp in spans:
        try:
            start, end = sp
        except (TypeError, ValueError):
            raise param_error("spans", caller, "a sequence of (start, end) pairs", sp) from None
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
            raise param_error(
                "spans", caller, f"character spans with 0 <= start < end <= len(doc.text) = {n}", (start, end)
            )
        sent = doc.sentence_at(start)
        if sent is None:
            raise param_error(
                "spans", caller, "spans that start inside a sentence of the doc", (start, end),
                hint=f"The text there is {doc.text[start:end]!r}.",
            )
        out.append((sent.index, start, min(end, sent.end)))
    return out
