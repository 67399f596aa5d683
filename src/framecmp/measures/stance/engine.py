"""Target engines: the stance toward every target span of a Doc, fast, with evidence that names words.

An engine (:class:`TargetEngine`) scores character spans of ``doc.text`` (actor mentions)
from the Doc's own tokens: the sentence is never tokenised again, the work that depends on
the sentence alone is done once per sentence and shared by its targets, and the work per
target reads only the words around it. Each span gets a
:class:`~framecmp.measures.stance.target.TargetScore` whose evidence is
:class:`~framecmp.measures.stance.target.Contribution` rows with offsets in ``doc.text``,
every one naming words of the sentence (a model's intercept is left out).

The engines (:data:`ENGINES`, :func:`load_engine`):

* ``linear`` (the default): a multinomial logistic model (:class:`TargetModel`, plain JSON
  in ``lexicons/target_model.json``, fitted on NewsMTSC train by
  ``benchmarks/train_stance_model.py --features fast``) over features that all come from
  words (:func:`span_features`). Its evidence is one row per word (or cue phrase): the
  logit (positive minus negative) that the word's features add.
* ``neural``: a fine-tuned MiniLM transformer run by ONNX Runtime
  (:mod:`framecmp.measures.stance.neural`, the ``neural`` extra); evidence by occlusion.
* ``rules``: the rule-based scorer of ``score_target(..., mode="default")``
  (:func:`~framecmp.measures.stance.target.score_rules`) on the Doc's tokens: the same
  score and evidence as that call on the sentence alone, with offsets in ``doc.text``.

A span is scored in the sentence that holds its start (a span running past the sentence's
end is cut at it).
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from framecmp._validation import param_error
from framecmp.lexicons import LexiconError, read_json_model
from framecmp.measures.stance.cues import (
    BE_AUX,
    StanceCueLexicon,
    default_cues,
    default_target_lexicon,
    label_modifies,
    load_stance_cues,
)
from framecmp.measures.stance.target import (
    LABELS,
    Contribution,
    RuleSentence,
    TargetRules,
    TargetScore,
    locate_spans,
    rule_evidence,
    rules_score,
    stem,
    weigh,
    weigh_parts,
)
from framecmp.measures.stance.vader import valence, valence_table
from framecmp.text.doc import Doc, Sentence, Tokens

__all__ = [
    "DEFAULT_FEATURES",
    "ENGINES",
    "EVENT_WORDS",
    "PASSIVE_HARM_WORDS",
    "FEATURE_GROUPS",
    "FEATURE_RULES",
    "MIN_EVIDENCE",
    "TARGET_MODEL_FORMAT",
    "LinearEngine",
    "RulesEngine",
    "TargetEngine",
    "TargetModel",
    "default_engine",
    "load_engine",
    "load_target_model",
    "span_features",
]

ENGINES = ("linear", "rules", "neural")
#: The linear engine's evidence leaves out the words whose contribution is below this, in
#: logits (each moves the odds of positive against negative by less than 5%)
MIN_EVIDENCE = 0.05
TARGET_MODEL_FORMAT = "framecmp-target-model/1"


@runtime_checkable
class TargetEngine(Protocol):
    """Scores target spans of a :class:`~framecmp.text.doc.Doc`.

    Attributes
    ----------
    name : str
        ``"linear"``, ``"rules"`` or ``"neural"``.
    version : str
        Provenance: the model's date and the lexicon versions.
    """

    name: str
    version: str

    def score_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TargetScore]:
        """One :class:`~framecmp.measures.stance.target.TargetScore` per span, in order."""
        ...


# --------------------------------------------------------------------------- spans and sentences


_NUM_RE = re.compile(r"^\d[\d.,]*$")


class _Stems(dict):  # type: ignore[type-arg]
    """A token's norm -> the stem the features read: ``<num>`` for numbers, "" for
    punctuation (a cache; it stops growing at 300,000 entries)."""

    def __missing__(self, norm: str) -> str:
        got = ("<num>" if _NUM_RE.match(norm) else stem(norm)) if norm[:1].isalnum() else ""
        if len(self) < 300_000:
            self[norm] = got
        return got


_STEMS = _Stems()


_START, _END = operator.itemgetter(0), operator.itemgetter(1)  # Token.start, Token.end
_ROW = operator.itemgetter(3)


class _Sentence:
    """One sentence of a Doc with what every engine reads of it, computed once."""

    __slots__ = ("_masked_idx", "_stems", "_valenced", "ends", "label_spans", "masked", "model", "passive", "rules",
                 "sent", "starts", "tokens")

    def __init__(self, doc: Doc, sent: Sentence, masked: frozenset[str] = frozenset(),
                 passive: frozenset[str] = frozenset()) -> None:
        toks = Tokens(doc.tokens[sent.tok_start : sent.tok_end])
        self.sent = sent
        self.tokens = toks
        self.starts = list(map(_START, toks))
        self.ends = list(map(_END, toks))
        self.rules = RuleSentence(doc.text, toks)
        self.masked = masked
        self.passive = passive
        # (the token a label describes, its first token, its end): set before the features are read
        self.label_spans: tuple[tuple[int, int, int], ...] = ()
        self._masked_idx: frozenset[int] | None = None
        self._stems: list[str] | None = None
        self._valenced: list[tuple[int, float]] | None = None
        self.model: Any = None  # the linear engine's per-sentence sums

    @property
    def masked_idx(self) -> frozenset[int]:
        """The tokens the features leave out: the ``masked`` words, and the ``passive`` words
        after a form of "be" ("Muslims were being killed": what happened to someone)."""
        if self._masked_idx is None:
            out: set[int] = set()
            if self.masked or self.passive:
                norms = self.tokens.norms
                for i, w in enumerate(norms):
                    if w in self.masked:
                        out.add(i)
                    elif w in self.passive:
                        j = i - 1
                        while j >= 0 and (norms[j] in _PASSIVE_SKIP or (len(norms[j]) > 4 and norms[j].endswith("ly"))):
                            j -= 1
                        if j >= 0 and norms[j] in BE_AUX:
                            out.add(i)
            self._masked_idx = frozenset(out)
        return self._masked_idx

    def label_mask(self, a: int) -> frozenset[int]:
        """The tokens of the labels that describe a noun other than the target starting at
        token ``a`` (:func:`_label_spans`): left out of that target's features."""
        if not self.label_spans:
            return frozenset()
        return frozenset(i for nxt, h0, h1 in self.label_spans if nxt != a for i in range(h0, h1))

    @property
    def stems(self) -> list[str]:
        """The stem of each word token ("" for punctuation and for the :attr:`masked_idx` words)."""
        if self._stems is None:
            self._stems = list(map(_STEMS.__getitem__, self.tokens.norms))
            for i in self.masked_idx:
                self._stems[i] = ""
        return self._stems

    @property
    def valenced(self) -> list[tuple[int, float]]:
        """``rules.valenced`` (the VADER words) without the :attr:`masked_idx` words."""
        if self._valenced is None:
            v = self.rules.valenced
            idx = self.masked_idx
            if idx:
                v = [(i, x) for i, x in v if i not in idx]
            self._valenced = v
        return self._valenced

    def key_of(self, start: int, end: int) -> Key:
        """The token index of the word at exactly ``start:end``, else the span itself."""
        a, b = self.span_tokens(start, end)
        if b == a + 1 and self.starts[a] == start and self.ends[a] == end:
            return a
        return (start, end)

    def span_tokens(self, start: int, end: int) -> tuple[int, int]:
        """``target_tokens(tokens, start, end)`` by bisection: the tokens overlapping the span,
        or an empty range at the next token."""
        a = bisect.bisect_right(self.ends, start)  # first token ending after start
        last = bisect.bisect_left(self.starts, end) - 1  # last token starting before end
        if a <= last:
            return a, last + 1
        nxt = bisect.bisect_left(self.starts, start)
        return nxt, nxt


# --------------------------------------------------------------------------- features

#: The rule weights behind the linear model's ``r:`` features: the default mode's values
#: when the target model's feature set was fixed (kept here, so that retuning
#: :class:`TargetRules` does not shift the features of a shipped model).
FEATURE_RULES = TargetRules(
    decay=8.0, cue_weight=4.0, verb_weight=3.0, clause_weight=1.0, speaker_factor=0.0,
    speaker_positive_factor=0.3, victim_factor=0.0, setting_factor=0.0, other_decay=4.0,
    other_clause_factor=0.0, right_weight=2.0, sentence_weight=0.0, negation=-0.6,
    negation_of_negative=0.3, recipient_factor=0.0, alpha=0.5, neg_threshold=-0.05,
    pos_threshold=0.2, window=6,
)

#: All the feature groups :func:`_target_features` knows (see there).
FEATURE_GROUPS = ("s", "v", "side", "w", "N", "n", "P", "b", "u", "r", "k", "c", "x")
_GROUPS = frozenset(FEATURE_GROUPS)

#: Feature options of the linear model (``feature_config`` in the model JSON): the
#: shipped model's. Chosen by 5-fold cross-validation on NewsMTSC train (lexicons/README.md,
#: "target_model.json"): the groups left out (w, N, n, P, b, r) add nothing on train CV
#: or cost time per target for little (r: +0.004 macro-F1, the rules' word parts).
DEFAULT_FEATURES: dict[str, Any] = {
    "window": 8, "decay": 3.0, "near": 2, "sentence_weight": 0.5,
    "groups": ["s", "v", "side", "u", "k", "c", "x"], "masked_words": [], "masked_passive": [],
    "masked_labels": False,
}

_PASSIVE_SKIP = frozenset("reportedly allegedly not also".split())

#: Words that name the events around an actor, not an evaluation of it ("Amid challenges of
#: terrorism, Mali has closed ranks with Niger", "Mali's fight against terrorism"): the tone
#: of the surrounding events is kept apart from stance, so the shipped linear model is trained
#: and run without them (``masked_words`` of its ``feature_config``: their s:, v:, L:/R: and
#: u: features are left out for every target). What an actor does to them is still read by
#: the directed cues ("supporting terrorist groups", "the actor as agent of violence").
EVENT_WORDS = (
    "terrorism", "terrorist", "terrorists", "terror", "jihadist", "jihadists", "jihadism",
    "insurgency", "insurgencies", "insurgent", "insurgents", "extremism", "extremist",
    "extremists", "militants", "violence", "war", "wars", "conflict", "conflicts", "crisis",
    "crises", "insecurity", "instability", "unrest", "massacre", "massacres", "bombing",
    "bombings", "famine", "drought", "disaster", "disasters", "pandemic", "epidemic",
)
#: Words of harm that, after a form of "be", say what happened to someone ("Muslims were being
#: killed", "military bases were being targeted"): masked there (``masked_passive`` of the
#: ``feature_config``). The one harmed is a victim (the portrayal's victim rule); any other
#: actor of the sentence is not evaluated by it. "Killed by X" stays a directed cue.
PASSIVE_HARM_WORDS = (
    "killed", "attacked", "targeted", "wounded", "injured", "murdered", "massacred",
    "slaughtered", "shot", "bombed", "shelled", "kidnapped", "abducted", "executed",
    "displaced", "destroyed", "looted", "burned", "raped", "tortured", "beheaded",
)
_U_DECAY = 8.0  # the distance decay of the u: features (the rules' decay)
_U_NAMES = ("u:pos_L", "u:pos_R", "u:neg_L", "u:neg_R")

Key = int | tuple[int, int]  # what a feature's value is credited to: a token index or a character span


@dataclass(frozen=True, slots=True)
class _Options:
    """The feature options of a ``feature_config``, read once."""

    window: int
    near: int
    decay: float
    sentence_weight: float
    groups: frozenset[str]
    masked: frozenset[str]
    passive: frozenset[str]
    labels: bool = False

    @classmethod
    def of(cls, cfg: Mapping[str, Any]) -> _Options:
        full = {**DEFAULT_FEATURES, **cfg}
        return cls(int(full["window"]), int(full["near"]), float(full["decay"]),
                   float(full["sentence_weight"]), frozenset(full["groups"]),
                   frozenset(map(str, full["masked_words"])), frozenset(map(str, full["masked_passive"])),
                   bool(full["masked_labels"]))


def _sentence_word_features(prep: _Sentence, opt: _Options) -> list[tuple[int, tuple[tuple[str, float], ...]]]:
    """``(token index, ((name, value), ...))`` of the features every target of the sentence
    shares, word by word: ``s:`` the word's stem (value ``sentence_weight``), ``v:pos`` /
    ``v:neg`` its VADER valence. A target leaves its own words out."""
    sw = opt.sentence_weight
    use_s, use_v = "s" in opt.groups, "v" in opt.groups
    out = []
    for i, st in enumerate(prep.stems):
        if not st:
            continue
        fs: list[tuple[str, float]] = []
        if use_s:
            fs.append(("s:" + st, sw))
        if use_v:
            val = valence(prep.tokens[i].norm)
            if val:
                fs.append(("v:pos" if val > 0 else "v:neg", val))
        if fs:
            out.append((i, tuple(fs)))
    return out


def _target_features(
    prep: _Sentence, a: int, b: int, opt: _Options, cues: StanceCueLexicon
) -> Iterator[tuple[str, float, Key]]:
    """The features of the target ``tokens[a:b]`` that depend on where it stands:
    ``(name, value, credited key)``: the key is the token index of the word the value is
    credited to, or the character span of the words (a cue phrase).

    Groups (``opt.groups``): ``side`` ``L:``/``R:`` stems within ``window`` tokens
    before/after the target, value ``1 / (1 + (d - 1) / decay)`` at distance ``d``; ``w``
    the same without the side; ``N`` stems within ``near``; ``n`` negated stems in the
    window; ``P`` the stems of the two words right before (``P:-1:``, ``P:-2:``) and after
    (``P:+1:``, ``P:+2:``); ``b`` bigrams of neighbouring words in the window (``b:x_<T>``,
    ``b:<T>_y`` around the target), half the value credited to each word; ``u`` the VADER
    words of the whole sentence weighted by distance (decay 8) and negation, summed by sign
    and side (``u:pos_L``, ``u:neg_R``, ...); ``r`` the rules' word evidence weighed with
    :data:`FEATURE_RULES` (``r:pos_L``, ``r:neg_R``, ...); ``k`` the directed cues and news
    verbs attached to the target, weighed the same way (``k:cue_pos``, ``k:cue_neg``);
    ``c`` one feature per attached cue id; ``x`` the target's role (``x:speaker``,
    ``x:victim``, ``x:setting``, ``x:listener``), credited to the words that give it. A label
    cue right after a target that modifies it ("a French puppet", "the Kremlin's proxy")
    is the target's own only as its owner: its ``k:``/``c:`` names end in ``:own``.
    """
    groups = opt.groups
    window, decay = opt.window, opt.decay
    toks, stems = prep.tokens, prep.stems
    masked = prep.label_mask(a)
    left = [i for i in range(max(0, a - window), a) if stems[i] and i not in masked]
    right = [i for i in range(b, min(len(toks), b + window)) if stems[i] and i not in masked]
    if "side" in groups and len(groups & _WINDOW_GROUPS) == 1:  # the common case, fast
        for i in left:
            yield "L:" + stems[i], 1.0 / (1.0 + (a - i - 1) / decay) if decay else 1.0, i
        for i in right:
            yield "R:" + stems[i], 1.0 / (1.0 + (i - b) / decay) if decay else 1.0, i
    else:
        near = opt.near
        use_side, use_w, use_near, use_neg = "side" in groups, "w" in groups, "N" in groups, "n" in groups
        for side, idx in (("L:", left), ("R:", right)):
            for i in idx:
                st = stems[i]
                key = i
                d = a - i if i < a else i - b + 1
                wt = 1.0 / (1.0 + (d - 1) / decay) if decay else 1.0
                if use_side:
                    yield side + st, wt, key
                if use_w:
                    yield "w:" + st, wt, key
                if use_near and d <= near:
                    yield "N:" + st, 1.0, key
                if use_neg and prep.rules.negated(i):
                    yield "n:" + st, 1.0, key
    if "P" in groups:
        for k, i in enumerate(reversed(left[-2:])):
            yield f"P:-{k + 1}:{stems[i]}", 1.0, i
        for k, i in enumerate(right[:2]):
            yield f"P:+{k + 1}:{stems[i]}", 1.0, i
    if "b" in groups:
        for idx in (left, right):
            for i1, i2 in zip(idx, idx[1:]):
                if i2 - i1 <= 2:
                    name = f"b:{stems[i1]}_{stems[i2]}"
                    yield name, 0.5, i1
                    yield name, 0.5, i2
        if left and right:  # the nearest words on either side, the target between them
            i1, i2 = left[-1], right[0]
            yield f"b:{stems[i1]}_<T>", 1.0, i1
            yield f"b:<T>_{stems[i2]}", 1.0, i2
    if "u" in groups:
        neg_pos, neg_neg = FEATURE_RULES.negation, FEATURE_RULES.negation_of_negative
        for i, val in prep.valenced:
            if a <= i < b or i in masked:
                continue
            d = a - i if i < a else i - b + 1
            v = val / (1.0 + (d - 1) / _U_DECAY)
            if prep.rules.negated(i):
                v *= neg_pos if val > 0 else neg_neg
            yield ("u:pos_" if v > 0 else "u:neg_") + ("L" if i < a else "R"), v, i
    yield from _rule_features(prep, a, b, opt, cues)


def _rule_features(
    prep: _Sentence, a: int, b: int, opt: _Options, cues: StanceCueLexicon
) -> Iterator[tuple[str, float, Key]]:
    """The ``r``, ``k``, ``c`` and ``x`` features of :func:`_target_features`."""
    groups = opt.groups
    toks = prep.tokens
    use_r, use_k = "r" in groups, "k" in groups
    use_c, use_x = "c" in groups, "x" in groups
    if not (use_r or use_k or use_c or use_x):
        return
    rules = FEATURE_RULES
    ev = rule_evidence(prep.rules, a, b, rules.window, cues, default_target_lexicon(), words=use_r)
    own = _owned_label_start(toks, a, b) if ev.parts else -1
    for p in ev.parts:
        pkey = prep.key_of(p.start, p.end)
        if p.kind == "word":
            v, _ = weigh(p, rules, ev.role, explain=False)
            if v:
                yield ("r:pos_" if v > 0 else "r:neg_") + ("R" if p.right else "L"), v, pkey
            continue
        # "a French puppet", "the Kremlin's proxy": the label is someone else's, the target its owner
        tag = ":own" if p.start == own and p.kind == "cue" and _is_label(cues, p.rule_id) else ""
        if use_k:
            v, _ = weigh(p, rules, ev.role, explain=False)
            if v:
                yield ("k:cue_pos" if v > 0 else "k:cue_neg") + tag, v, pkey
        if use_c:
            yield f"c:{p.rule_id}{tag}", 1.0, pkey
    if ev.role and ev.role_span is not None and use_x:
        yield "x:" + ev.role, 1.0, prep.key_of(*ev.role_span)


_WINDOW_GROUPS = frozenset({"side", "w", "N", "n"})


#: words before a name that make it a modifier of the noun after it ("a French puppet")
_DETERMINERS = frozenset("a an the this that these those his her its their our your my".split())


def _owned_label_start(toks: Sequence[Any], a: int, b: int) -> int:
    """Where the noun that the target ``toks[a:b]`` modifies starts (-1 if it modifies none):
    after a determiner ("a French puppet", "the Russian proxy": the target says whose) or
    before a possessive ("the Kremlin's puppet")."""
    n = len(toks)
    if b < n - 1 and toks[b].norm in ("'s", "'"):
        return int(toks[b + 1].start)
    if 0 < a and b < n and toks[a - 1].norm in _DETERMINERS and toks[b].norm[:1].isalnum():
        return int(toks[b].start)
    return -1


def _prepared(doc: Doc, si: int, opt: _Options, cues: StanceCueLexicon) -> _Sentence:
    """Sentence ``si`` prepared for the linear model's features: its masks, and its label
    spans when the model masks labels (what training and scoring both read)."""
    prep = _Sentence(doc, doc.sentences[si], opt.masked, opt.passive)
    if opt.labels:
        prep.label_spans = _label_spans(prep, cues)
    return prep


def _label_spans(prep: _Sentence, cues: StanceCueLexicon) -> tuple[tuple[int, int, int], ...]:
    """The label cues of the sentence that describe a noun after them, as (that noun's first
    token, the label's first token, its end), sentence positions: "predatory" in "Mali has
    taken back its gold from predatory Western miners" evaluates the miners, so the lexical
    features of every target but one that starts there leave it out (``masked_labels`` of the
    ``feature_config``, :meth:`_Sentence.label_mask`); the cue features (``k:``, ``c:``) still
    read a label where it attaches ("Russia, a predatory power")."""
    toks = prep.tokens
    out = []
    for h in prep.rules.hits(cues):
        if h.cue.category == "label":
            nxt = label_modifies(h, toks, len(toks))
            if nxt >= 0:
                out.append((nxt, h.tok_start, h.tok_end))
    return tuple(out)


def _is_label(cues: StanceCueLexicon, rule_id: str | None) -> bool:
    cue = cues.cues.get(rule_id or "")
    return cue is not None and cue.category == "label"


def span_features(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    *,
    config: Mapping[str, Any] | None = None,
    cues: StanceCueLexicon | None = None,
) -> list[dict[str, float]]:
    """The linear engine's features of each span: feature name -> value (what training reads).

    The sentence-wide features (:func:`_sentence_word_features`: ``s:`` stems, ``v:pos`` /
    ``v:neg`` VADER valences) of the sentence's words outside the target, and the
    features of the target's place (:func:`_target_features`). Values of the same name add up.
    """
    opt = _Options.of(config or {})
    cues = cues or default_cues()
    located = locate_spans(doc, spans, "span_features()")
    preps: dict[int, _Sentence] = {}
    words: dict[int, list[tuple[int, tuple[tuple[str, float], ...]]]] = {}
    out = []
    for si, start, end in located:
        prep = preps.get(si)
        if prep is None:
            prep = preps[si] = _prepared(doc, si, opt, cues)
            words[si] = _sentence_word_features(prep, opt)
        a, b = prep.span_tokens(start, end)
        masked = prep.label_mask(a)
        f: dict[str, float] = {}
        for i, fs in words[si]:
            if a <= i < b or i in masked:
                continue
            for name, v in fs:
                f[name] = f.get(name, 0.0) + v
        for name, v, _key in _target_features(prep, a, b, opt, cues):
            f[name] = f.get(name, 0.0) + v
        out.append({k: v for k, v in f.items() if v != 0.0})
    return out


# --------------------------------------------------------------------------- the linear model


@dataclass(frozen=True, slots=True)
class TargetModel:
    """The linear engine's model, read from plain JSON (``lexicons/target_model.json``).

    Attributes
    ----------
    classes : tuple of str
        ``("negative", "neutral", "positive")``.
    coef : Mapping[str, tuple[float, ...]]
        Feature name -> one coefficient per class.
    intercept : tuple of float
        One intercept per class.
    feature_config : Mapping
        The feature options (:data:`DEFAULT_FEATURES` keys) it was fitted with.
    meta : Mapping
        Provenance: training command and data (with sha256), date, cross-validation score.
    """

    classes: tuple[str, ...]
    coef: Mapping[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    feature_config: Mapping[str, Any]
    meta: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The plain-JSON form (what ``lexicons/target_model.json`` holds)."""
        return {
            "format": TARGET_MODEL_FORMAT,
            "classes": list(self.classes),
            "intercept": list(self.intercept),
            "feature_config": dict(self.feature_config),
            "meta": dict(self.meta),
            "coefficients": {k: list(v) for k, v in sorted(self.coef.items())},
        }


def _target_model_from_json(data: Any, where: str) -> TargetModel:
    if not isinstance(data, dict):
        raise LexiconError([f"{where}: a target model must be a JSON object"])
    problems: list[str] = []
    if data.get("format") != TARGET_MODEL_FORMAT:
        problems.append(f"{where}: 'format' must be {TARGET_MODEL_FORMAT!r}, got {data.get('format')!r}")
    classes = data.get("classes")
    if not isinstance(classes, list) or sorted(classes) != sorted(LABELS):
        problems.append(f"{where}: 'classes' must list {list(LABELS)}, got {classes!r}")
        classes = list(LABELS)
    k = len(classes)
    intercept = data.get("intercept")
    if not isinstance(intercept, list) or len(intercept) != k or not all(_is_number(x) for x in intercept):
        problems.append(f"{where}: 'intercept' must be a list of {k} numbers")
        intercept = [0.0] * k
    coefs = data.get("coefficients")
    if not isinstance(coefs, dict):
        problems.append(f"{where}: 'coefficients' must map feature names to lists of {k} numbers")
        coefs = {}
    bad = [n for n, v in coefs.items() if not isinstance(v, list) or len(v) != k or not all(_is_number(x) for x in v)]
    if bad:
        problems.append(f"{where}: {len(bad)} coefficient rows are not lists of {k} numbers, e.g. {bad[:3]}")
    cfg = data.get("feature_config", {})
    if not isinstance(cfg, dict):
        problems.append(f"{where}: 'feature_config' must be an object")
        cfg = {}
    unknown = sorted(set(cfg) - set(DEFAULT_FEATURES))
    if unknown:
        problems.append(f"{where}: 'feature_config' has unknown options {unknown} (known: {sorted(DEFAULT_FEATURES)})")
    for key in ("masked_words", "masked_passive"):
        masked = cfg.get(key, [])
        if not isinstance(masked, list) or not all(isinstance(w, str) and w == w.casefold() for w in masked):
            problems.append(f"{where}: 'feature_config.{key}' must be a list of lower-case words, got {masked!r}")
    if not isinstance(cfg.get("masked_labels", False), bool):
        problems.append(f"{where}: 'feature_config.masked_labels' must be true or false, got {cfg['masked_labels']!r}")
    groups = cfg.get("groups", DEFAULT_FEATURES["groups"])
    if not isinstance(groups, list) or not set(groups) <= _GROUPS:
        problems.append(f"{where}: 'feature_config.groups' must be a list of {sorted(_GROUPS)}, got {groups!r}")
    if problems:
        raise LexiconError(problems)
    return TargetModel(
        classes=tuple(classes),
        coef={n: tuple(float(x) for x in v) for n, v in coefs.items()},
        intercept=tuple(float(x) for x in intercept),
        feature_config={**DEFAULT_FEATURES, **cfg},
        meta=dict(data.get("meta", {})),
    )


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def load_target_model(path: str | Path | Mapping[str, Any] | None = None) -> TargetModel:
    """Load the linear engine's model from plain JSON (no pickles).

    Parameters
    ----------
    path : path, mapping or None
        A file written by ``benchmarks/train_stance_model.py --features fast``, the same
        data as a dict, or None for the bundled ``lexicons/target_model.json``.

    Raises
    ------
    LexiconError
        Listing every problem of the file.
    """
    return read_json_model(path, _target_model_from_json, bundled="target_model.json")


class _SentenceSums:
    """The linear model's share of one sentence: each word's sentence-wide logits (negative,
    neutral, positive; None for none) and their total; each word's positive-minus-negative
    logit (``diff``) and feature names; the evidence rows of the words whose share reaches
    the engine's ``min_evidence``, as ``(-|value|, start, end, row, token index)``, sorted."""

    __slots__ = ("diff", "names", "rows", "total", "word")

    def __init__(self, n: int) -> None:
        self.total = (0.0, 0.0, 0.0)
        self.word: list[tuple[float, float, float] | None] = [None] * n
        self.diff: list[float] = [0.0] * n
        self.names: list[tuple[str, ...]] = [()] * n
        self.rows: list[tuple[float, int, int, Contribution, int]] = []


def _row(start: int, end: int, text: str, value: float, names: Sequence[str]) -> Contribution:
    return Contribution(start, end, text, value, "feature", names[0], "features " + ", ".join(names))


class LinearEngine:
    """The ``linear`` engine: :class:`TargetModel` over :func:`span_features`, computed fast.

    Per sentence, each word's sentence-wide features (``s:``, ``v:``) are summed into
    logits once; a target takes that sum less its own words', then adds the features of the
    words around it. The evidence holds one row per word (or cue phrase, or the words that
    give the target's role): the logit, positive minus negative, its features add, for
    the rows of at least ``min_evidence`` in absolute value (:data:`MIN_EVIDENCE`; with
    ``min_evidence=0`` every row is there, and the rows plus the intercept's difference
    are the log-odds of positive against negative).
    """

    name = "linear"

    def __init__(self, model: TargetModel, cues: StanceCueLexicon, *, min_evidence: float = MIN_EVIDENCE) -> None:
        self.model = model
        self.cues = cues
        self.min_evidence = float(min_evidence)
        self.config = dict(model.feature_config)
        self._opt = _Options.of(self.config)
        order = [model.classes.index(c) for c in LABELS]  # negative, neutral, positive
        # name -> (negative, neutral, positive, positive - negative)
        self._coef: dict[str, tuple[float, float, float, float]] = {
            n: (c[order[0]], c[order[1]], c[order[2]], c[order[2]] - c[order[0]]) for n, c in model.coef.items()
        }
        self._intercept = tuple(model.intercept[j] for j in order)
        groups = self._opt.groups
        sw = self._opt.sentence_weight
        self._s: dict[str, tuple[float, float, float]] = {}
        if "s" in groups:
            for n, c in self._coef.items():
                if n.startswith("s:"):
                    self._s[n[2:]] = (c[0] * sw, c[1] * sw, c[2] * sw)
        # the fast path of _score: the window's side features and the u: features from tables
        groups = self._opt.groups
        self._fast = not (groups & {"w", "N", "n", "P", "b"})
        self._side: tuple[dict[str, tuple[float, float, float, float]], ...] = ({}, {})
        if "side" in groups:
            for n, c in self._coef.items():
                if n[:2] in ("L:", "R:"):
                    self._side[0 if n[0] == "L" else 1][n[2:]] = c
        self._u = tuple(self._coef.get(n) for n in _U_NAMES) if "u" in groups else None
        zero = (0.0, 0.0, 0.0, 0.0)
        self._vpos = self._coef.get("v:pos", zero) if "v" in groups else zero
        self._vneg = self._coef.get("v:neg", zero) if "v" in groups else zero
        verbs = default_target_lexicon()
        self.version = (
            f"target_model {model.meta.get('date', '?')}; stance_cues {cues.version}; "
            f"target_sentiment {verbs.version}"
        )

    def _sums(self, prep: _Sentence) -> _SentenceSums:
        """:func:`_sentence_word_features` of every word, through the coefficients."""
        toks = prep.tokens
        n = len(toks)
        sums = _SentenceSums(n)
        stems, norms = prep.stems, toks.norms
        vpos, vneg = self._vpos, self._vneg
        scs = list(map(self._s.get, stems))
        vals = list(map(valence_table().get, norms)) if "v" in self._opt.groups else [None] * n
        least = max(self.min_evidence, 1e-9)
        word, diff, names_of, rows = sums.word, sums.diff, sums.names, sums.rows
        t0 = t1 = t2 = 0.0
        for i, (sc, val) in enumerate(zip(scs, vals)):
            if val and stems[i]:
                vc = vpos if val > 0 else vneg
                vname = "v:pos" if val > 0 else "v:neg"
                if sc is None:
                    z = (vc[0] * val, vc[1] * val, vc[2] * val)
                    names: tuple[str, ...] = (vname,)
                else:
                    z = (sc[0] + vc[0] * val, sc[1] + vc[1] * val, sc[2] + vc[2] * val)
                    names = ("s:" + stems[i], vname)
            elif sc is not None:
                z, names = sc, ("s:" + stems[i],)
            else:
                continue
            word[i] = z
            names_of[i] = names
            t0 += z[0]
            t1 += z[1]
            t2 += z[2]
            d = diff[i] = z[2] - z[0]
            if abs(d) >= least:
                t = toks[i]
                rows.append((-abs(d), t.start, t.end, _row(t.start, t.end, t.text, d, names), i))
        rows.sort()
        sums.total = (t0, t1, t2)
        return sums

    def score_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TargetScore]:
        """Score each span (checked: see :func:`load_engine`); one TargetScore per span, in order."""
        located = locate_spans(doc, spans, "score_spans()")
        opt = self._opt
        preps: dict[int, _Sentence] = {}
        out = []
        for si, start, end in located:
            prep = preps.get(si)
            if prep is None:
                prep = preps[si] = _prepared(doc, si, opt, self.cues)
                prep.model = self._sums(prep)
            out.append(self._score(doc, prep, *prep.span_tokens(start, end)))
        return out

    def _score(self, doc: Doc, prep: _Sentence, a: int, b: int) -> TargetScore:
        sums: _SentenceSums = prep.model
        coef = self._coef
        word = sums.word
        b0, b1, b2 = self._intercept
        s0, s1, s2 = sums.total
        z0, z1, z2 = b0 + s0, b1 + s1, b2 + s2
        for w in word[a:b]:  # the target's own words do not count
            if w is not None:
                z0 -= w[0]
                z1 -= w[1]
                z2 -= w[2]
        masked = prep.label_mask(a)  # nor the labels of another noun ("predatory Western miners")
        for i in masked:
            w = word[i]
            if w is not None and not a <= i < b:
                z0 -= w[0]
                z1 -= w[1]
                z2 -= w[2]
        acc: dict[Key, list[Any]] = {}  # credited key -> [logit, feature names...]
        opt = self._opt
        if self._fast:  # side and u: _target_features' own loops, through the tables
            stems = prep.stems
            decay, side = opt.decay, self._side
            for i in range(max(0, a - opt.window), min(len(stems), b + opt.window)):
                st = stems[i]
                if not st or a <= i < b or i in masked:
                    continue
                left = i < a
                c = side[0 if left else 1].get(st)
                if c is None:
                    continue
                v = 1.0 / (1.0 + ((a - i - 1) if left else (i - b)) / decay) if decay else 1.0
                z0 += c[0] * v
                z1 += c[1] * v
                z2 += c[2] * v
                acc[i] = [c[3] * v, ("L:" if left else "R:") + st]
            if self._u is not None:
                neg_pos, neg_neg = FEATURE_RULES.negation, FEATURE_RULES.negation_of_negative
                negated = prep.rules.negated
                for i, val in prep.valenced:
                    if a <= i < b or i in masked:
                        continue
                    left = i < a
                    v = val / (1.0 + ((a - i - 1) if left else (i - b)) / _U_DECAY)
                    if negated(i):
                        v *= neg_pos if val > 0 else neg_neg
                    k = (0 if v > 0 else 2) + (0 if left else 1)
                    c = self._u[k]
                    if c is None:
                        continue
                    z0 += c[0] * v
                    z1 += c[1] * v
                    z2 += c[2] * v
                    e = acc.get(i)
                    if e is None:
                        acc[i] = [c[3] * v, _U_NAMES[k]]
                    else:
                        e[0] += c[3] * v
                        e.append(_U_NAMES[k])
            feats = _rule_features(prep, a, b, opt, self.cues)
        else:
            feats = _target_features(prep, a, b, opt, self.cues)
        for name, v, key in feats:
            c = coef.get(name)
            if c is None:
                continue
            z0 += c[0] * v
            z1 += c[1] * v
            z2 += c[2] * v
            e = acc.get(key)
            if e is None:
                acc[key] = [c[3] * v, name]
            else:
                e[0] += c[3] * v
                e.append(name)
        drop = set(range(a, b)) | masked
        extra = []
        least = max(self.min_evidence, 1e-9)
        toks = prep.tokens
        for key, e in acc.items():
            if isinstance(key, int):
                t = toks[key]
                start, end, text = t.start, t.end, t.text
                if word[key] is None:
                    v, names = e[0], e[1:]
                else:  # the word's sentence-wide share and its share here: one row
                    drop.add(key)
                    v, names = sums.diff[key] + e[0], [*sums.names[key], *e[1:]]
            else:  # a cue phrase, the words of a role
                start, end = key
                text = doc.text[start:end]
                v, names = e[0], e[1:]
            if abs(v) >= least:
                extra.append((-abs(v), start, end, _row(start, end, text, v, names), -1))
        rows = [r for r in sums.rows if r[4] not in drop]
        rows += extra
        rows.sort()
        m = max(z0, z1, z2)
        e0, e1, e2 = math.exp(z0 - m), math.exp(z1 - m), math.exp(z2 - m)
        score = (e2 - e0) / (e0 + e1 + e2)
        label = LABELS[2] if z2 > z0 and z2 > z1 else LABELS[0] if z0 >= z1 and z0 >= z2 else LABELS[1]
        return TargetScore(score, label, tuple(map(_ROW, rows)), mode="linear")


# --------------------------------------------------------------------------- the rules engine


class RulesEngine:
    """The ``rules`` engine: ``score_target(..., mode="default")`` on the Doc's tokens.

    The same score, label and evidence as
    :func:`~framecmp.measures.stance.target.score_rules` on the sentence alone, with
    the evidence's offsets in ``doc.text``; the sentence's cue matches, clause marks,
    names and negations are found once for all its targets.
    """

    name = "rules"

    def __init__(self, rules: TargetRules, cues: StanceCueLexicon) -> None:
        if rules.sentence_weight:
            raise param_error(
                "rules", "load_engine()", "TargetRules with sentence_weight 0", rules.sentence_weight,
                got=f"sentence_weight={rules.sentence_weight!r}",
                hint="The whole-sentence VADER compound names no words, so the engines leave it out.",
            )
        self.rules = rules
        self.cues = cues
        self.verbs = default_target_lexicon()
        self.version = f"stance_cues {cues.version}; target_sentiment {self.verbs.version}"

    def score_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TargetScore]:
        """Score each span (checked: see :func:`load_engine`); one TargetScore per span, in order."""
        located = locate_spans(doc, spans, "score_spans()")
        preps: dict[int, _Sentence] = {}
        out = []
        rules = self.rules
        for si, start, end in located:
            prep = preps.get(si)
            if prep is None:
                prep = preps[si] = _Sentence(doc, doc.sentences[si])
            a, b = prep.span_tokens(start, end)
            ev = rule_evidence(prep.rules, a, b, rules.window, self.cues, self.verbs)
            ts = rules_score(weigh_parts(ev.parts, ev.role, rules), rules)
            out.append(TargetScore(ts.score, ts.label, ts.evidence, mode="rules"))
        return out


# --------------------------------------------------------------------------- loading


def load_engine(
    name: str = "linear",
    *,
    model: TargetModel | str | Path | Mapping[str, Any] | None = None,
    rules: TargetRules | None = None,
    cues: StanceCueLexicon | str | Path | Mapping[str, Any] | None = None,
) -> TargetEngine:
    """A target engine, ready to score the spans of Docs.

    Parameters
    ----------
    name : {"linear", "rules", "neural"}
        ``linear`` (default): :class:`TargetModel` (``lexicons/target_model.json``);
        ``rules``: the rule-based scorer of ``score_target(..., mode="default")``;
        ``neural``: the fine-tuned transformer of ``models/neural_stance/``
        (:mod:`framecmp.measures.stance.neural`; needs the ``neural`` extra).
    model : TargetModel, path, mapping or None
        The linear engine's model, or the neural engine's model folder (None: the bundled one).
    rules : TargetRules or None
        The rules engine's parameters (None: the defaults); ``sentence_weight`` must be 0.
    cues : StanceCueLexicon, path, mapping or None
        The directed cues (None: the bundled lexicon).

    Returns
    -------
    TargetEngine
        ``engine.score_spans(doc, spans)``: ``spans`` are character spans ``(start, end)``
        of ``doc.text`` (from :func:`framecmp.text.analyze`), each starting inside a
        sentence; a span is scored in that sentence (cut at its end). The evidence's
        offsets index ``doc.text``.

    Examples
    --------
    >>> from framecmp.text import analyze
    >>> doc = analyze("Macron accused Russia of pursuing a predatory project in Mali.")
    >>> [r.label for r in load_engine("rules").score_spans(doc, [(15, 21)])]
    ['negative']
    """
    if name not in ENGINES:
        raise param_error("name", "load_engine()", f"one of {list(ENGINES)}", name)
    if cues is None:
        lex = default_cues()
    elif isinstance(cues, StanceCueLexicon):
        lex = cues
    else:
        lex = load_stance_cues(cues)
    if name == "neural":
        from framecmp.measures.stance.neural import NeuralEngine, NeuralModel, load_neural_model

        if rules is not None or cues is not None:
            bad = "rules" if rules is not None else "cues"
            raise param_error(bad, "load_engine()", "None for the neural engine", rules if rules is not None else cues)
        if model is None or isinstance(model, NeuralModel):
            return NeuralEngine(model)
        if isinstance(model, (str, Path)):
            return NeuralEngine(load_neural_model(model))
        raise param_error("model", "load_engine()", "a model folder or None for the neural engine", model,
                          got=type(model).__name__)
    if name == "rules":
        if model is not None:
            raise param_error("model", "load_engine()", "None for the rules engine", model, got=type(model).__name__)
        if rules is not None and not isinstance(rules, TargetRules):
            raise param_error("rules", "load_engine()", "a TargetRules", rules, got=type(rules).__name__)
        return RulesEngine(rules or TargetRules(), lex)
    if rules is not None:
        raise param_error("rules", "load_engine()", "None for the linear engine", rules, got=type(rules).__name__)
    m = model if isinstance(model, TargetModel) else load_target_model(model)
    return LinearEngine(m, lex)


@functools.lru_cache(maxsize=1)
def default_engine() -> TargetEngine:
    """The default engine (``linear``), loaded once per process."""
    return load_engine("linear")
