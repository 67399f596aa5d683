"""The trained target model: features of a (sentence, target span) and a linear model in JSON.

``score_target(..., mode="trained")`` scores with :class:`StanceModel`, whose parameters ship
as plain JSON (``lexicons/stance_model.json``, refitted by ``benchmarks/train_stance_model.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framecmp.lexicons import LexiconError, read_json_model
from framecmp.measures.stance.cues import StanceCueLexicon, default_cues, default_target_lexicon
from framecmp.measures.stance.target import (
    LABELS,
    Contribution,
    TargetRules,
    TargetScore,
    negated_feature,
    rule_parts,
    stem,
    target_distance,
    target_tokens,
    weigh,
)
from framecmp.measures.stance.vader import vader
from framecmp.text.doc import tokenize

__all__ = ["MODEL_FORMAT", "StanceModel", "load_stance_model", "target_features"]

MODEL_FORMAT = "framecmp-stance-model/1"


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
    cues = cues or default_cues()
    tokens = tokenize(sentence)
    a, b = target_tokens(tokens, start, end)
    feats: dict[str, tuple[float, tuple[tuple[int, int], ...]]] = {}

    def add(name: str, value: float, span: tuple[int, int] | None = None) -> None:
        v0, spans = feats.get(name, (0.0, ()))
        feats[name] = (v0 + value, spans + ((span,) if span else ()))

    words = [(i, t) for i, t in enumerate(tokens) if t.is_word and not (a <= i < b)]
    stems = {i: ("<num>" if _NUM_RE.match(t.norm) else stem(t.norm)) for i, t in words}
    for i, t in words:
        st, sp = stems[i], (t.start, t.end)
        feats[f"s:{st}"] = (sent_w, feats.get(f"s:{st}", (0.0, ()))[1] + (sp,))
        d = target_distance(i, a, b)
        if d <= window:
            wt = 1.0 / (1.0 + (d - 1) / decay) if decay else 1.0
            prev = feats.get(f"w:{st}", (0.0, ()))
            feats[f"w:{st}"] = (max(prev[0], wt), prev[1] + (sp,))
            side = "L" if i < a else "R"
            prev = feats.get(f"{side}:{st}", (0.0, ()))
            feats[f"{side}:{st}"] = (max(prev[0], wt), prev[1] + (sp,))
            if d <= near:
                feats[f"N:{st}"] = (1.0, feats.get(f"N:{st}", (0.0, ()))[1] + (sp,))
            if negated_feature(tokens, i):
                feats[f"n:{st}"] = (1.0, (sp,))
    idx = [i for i, _ in words]
    for j in range(len(idx) - 1):
        i1, i2 = idx[j], idx[j + 1]
        if min(target_distance(i1, a, b), target_distance(i2, a, b)) > window:
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
    parts, role = rule_parts(sentence, tokens, a, b, rules.window, cues, default_target_lexicon(), feature=True)
    speaker = role == "speaker"
    contribs = []
    for p in parts:
        v, _why = weigh(p, rules, role)
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
        first = not any(t.is_word for t in tokens[:a])
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
    add("x:target_first", 1.0 if not any(t.is_word for t in tokens[:a]) else 0.0)
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
