"""Fit the trained-mode target-sentiment model and write it as plain JSON.

    python benchmarks/train_stance_model.py --data ../shared/data/newsmtsc/train.jsonl \
        -o lexicons/stance_model.json
    python benchmarks/train_stance_model.py --features fast \
        --data ../shared/data/newsmtsc/train.jsonl -o lexicons/target_model.json
    (the shipped target_model.json adds a transfer set: see --silver below)

The model is a multinomial logistic regression (scikit-learn) on the features of
framecmp.measures.stance.model.target_features (words around the masked target, left/right
context, bigrams, negation, VADER, directed cues). The regularisation C is chosen
by 5-fold cross-validation on the training file only, with folds grouped by
sentence (targets of one sentence never straddle train and validation folds);
metric: macro-F1 over negative/neutral/positive. The chosen model is refitted on
the whole file; features seen in fewer than --min-df sentences are dropped,
and so are features whose largest absolute coefficient is below --prune.

``--features fast`` fits the linear target engine's model instead
(framecmp.measures.stance.engine: features of framecmp.measures.stance.engine.span_features,
each sentence read with framecmp.text.analyze as the engine reads an article; format
framecmp-target-model/1, default output lexicons/target_model.json). Its meta records the
training command, the date, the CV results and the data's sha256.

``--silver FILE`` adds a transfer set (``benchmarks/distil_transfer_set.py``: news sentences
labelled by the neural engine) to the training part of every fold and to the final fit; the
folds, and so the CV figures, are over the gold file's targets only. ``--silver-soft`` fits the
teacher's probabilities (one row per class, weighted by its probability) rather than its
likeliest class, ``--silver-balance`` weights the transfer set's classes to the gold file's
class shares (the teacher calls most names in news neutral), ``--silver-weight`` scales them all.
The shipped ``lexicons/target_model.json``::

    python benchmarks/distil_transfer_set.py --data ../shared/data/allsides/articles.jsonl.gz \
        --exclude ../shared/data/newsmtsc/train.jsonl ../shared/data/newsmtsc/dev_rw.jsonl \
        ../shared/data/newsmtsc/dev_mt.jsonl -o build/transfer_set.jsonl
    python benchmarks/train_stance_model.py --features fast \
        --data ../shared/data/newsmtsc/train.jsonl --silver build/transfer_set.jsonl \
        --silver-soft --silver-balance --silver-weight 0.5 --C 0.3 1.0 3.0 \
        --select teacher-holdout -o lexicons/target_model.json

``--select teacher-holdout`` chooses C on the NewsMTSC train sentences that the neural teacher
never trained on (``train_neural_stance.py --holdout 0.1 --seed 13``), fitting on the other
90% plus the transfer set: with ``--silver`` the default CV is optimistic, since the teacher's
labels carry what it learnt from every fold's held-out targets.

``--tune-rules`` instead grid-searches the few numbers of the default
(rule-based) mode, framecmp.measures.stance.target.TargetRules, by the same 5-fold
cross-validation (the grid point with the best mean validation macro-F1 over
folds is fitted on the training folds' thresholds), and prints them;
``--grid '{"other_decay": [2, 4, 8]}'`` replaces some axes of the grid.

Prints one JSON object as its last line (the CV results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stance_newsmtsc import read_newsmtsc  # noqa: E402

from framecmp.measures.stance import (  # noqa: E402
    LABELS,
    MODEL_FORMAT,
    TargetRules,
    target_features,
)
from framecmp.measures.stance.engine import (  # noqa: E402
    DEFAULT_FEATURES,
    EVENT_WORDS,
    PASSIVE_HARM_WORDS,
    TARGET_MODEL_FORMAT,
    span_features,
)
from framecmp.text import analyze  # noqa: E402

# window/decay/near: chosen by 5-fold CV on train among {window 6, decay 0/4, near 0/2} and
# {window 10, decay 3, near 2}. positions and rules_split raised train CV (0.669 -> 0.674 at C 0.03);
# sentence_weight 0.5 (sentence-wide s: features at half value, i.e. regularised 4x harder) was
# a tie on train CV (0.673 vs 0.674, fold std 0.008) and raised dev_mt (several targets per
# sentence, which share the s: features): chosen among the train-CV ties with dev_mt.
FEATURE_CONFIG: dict[str, Any] = {
    "window": 10, "decay": 3.0, "near": 2, "positions": 1, "rules_split": 1, "sentence_weight": 0.5,
}


#: the linear target engine's features (--features fast): DEFAULT_FEATURES with the event
#: words masked (EVENT_WORDS: the tone of the surrounding events is no evaluation of an
#: actor), the one-word names of the bundled actors (actor_name_words) and the words of harm
#: after "be" (PASSIVE_HARM_WORDS: what happened to someone), and the labels that describe
#: another noun ("predatory Western miners": masked_labels),
#: overridable with --feature-config (e.g. '{"masked_words": [], "masked_passive": []}')
def actor_name_words() -> list[str]:
    """The one-word names, aliases and demonyms (and their plurals) of the bundled actors
    (``actors.yaml``) and the words of their people's names, lower case, without "us" (also the
    pronoun): "russia", "russians", "moscow", "kremlin", "putin", ... A
    model fitted on US news learns those names' priors there ("Russia" in 2017-2019 coverage)
    and would carry them into every sentence that names Russia; masked, it reads words."""
    from framecmp.measures.actors import load_actors
    from framecmp.text.doc import tokenize

    words = set()
    frame = load_actors().to_frame()
    for phrase, via in zip(frame["phrase"], frame["via"]):
        norms = [t.norm for t in tokenize(str(phrase)) if t.norm[:1].isalnum()]
        if via == "person":  # every part of a person's name: "putin", "macron", "lavrov"
            words.update(w for w in norms if len(w) > 2)
        elif len(norms) == 1:
            words.add(norms[0])
            if via == "demonym" and norms[0].endswith(("an", "en", "be", "ard")) and not norms[0].endswith(("man", "men")):
                words.add(norms[0] + "s")  # "malians", "americans"
    return sorted(words - {"us"})


FAST_CONFIG: dict[str, Any] = {**DEFAULT_FEATURES, "masked_words": sorted({*EVENT_WORDS, *actor_name_words()}),
                               "masked_passive": list(PASSIVE_HARM_WORDS), "masked_labels": True}


def _featurize(
    data: list[tuple[str, list[tuple[int, int, str]]]], features: str = "full"
) -> tuple[list[dict[str, float]], list[str], list[int]]:
    X, y, groups = [], [], []
    for gi, (s, ts) in enumerate(data):
        if features == "fast":
            fs = span_features(analyze(s), [(a, b) for a, b, _g in ts], config=FAST_CONFIG)
            X.extend(fs)
        for a, b, g in ts:
            if features != "fast":
                f = target_features(s, a, b, config=FEATURE_CONFIG)
                X.append({k: v for k, (v, _sp) in f.items()})
            y.append(g)
            groups.append(gi)
    return X, y, groups


def _teacher_sha() -> str:
    """The sha256 of the bundled neural model's ONNX file (the transfer set's teacher)."""
    from framecmp.lexicons import models_dir

    card = json.loads((models_dir() / "neural_stance" / "card.json").read_text(encoding="utf-8"))
    return str(card.get("files", {}).get("model.onnx", "?"))


def _silver_probs(path: str) -> list[list[float]]:
    """The teacher's probabilities (negative, neutral, positive) of each target of a transfer set."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.extend([float(v) for v in t["p"]] for t in json.loads(line)["targets"])
    return out


def train(args: argparse.Namespace) -> dict[str, Any]:
    from sklearn import __version__ as skv
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    data = read_newsmtsc(args.data)
    fast = args.features == "fast"
    X, y, groups = _featurize(data, args.features)
    n_gold = len(y)
    silver = read_newsmtsc(args.silver) if args.silver else []
    sw: list[float] = []
    if silver:  # a transfer set (benchmarks/distil_transfer_set.py): in every fold's training part
        Xs, ys, gs = _featurize(silver, args.features)
        gold_share = {c: n / n_gold for c, n in Counter(y).items()}
        if args.silver_soft:  # one row per class, weighted by the teacher's probability
            probs = _silver_probs(args.silver)
            if len(probs) != len(Xs):
                raise SystemExit(f"{args.silver}: {len(probs)} probabilities for {len(Xs)} targets")
            # the classes' shares of the probability mass, which the rows below carry
            silver_share = {c: sum(pk[k] for pk in probs) / len(probs) for k, c in enumerate(LABELS)}
            Xs = [x for x in Xs for _k in LABELS]
            gs = [g for g in gs for _k in LABELS]
            sw = [p for pk in probs for p in pk]
            ys = [c for _p in probs for c in LABELS]
        else:
            silver_share = {c: n / len(ys) for c, n in Counter(ys).items()}
            sw = [1.0] * len(ys)
        if args.silver_balance:  # the transfer set's classes weighted to the gold shares
            sw = [w * gold_share[c] / max(silver_share.get(c, 0.0), 1e-9) for w, c in zip(sw, ys)]
        X, y, groups = X + Xs, y + ys, groups + [len(data) + g for g in gs]
    # document frequency by sentence, for pruning rare word features
    df: Counter[str] = Counter()
    seen: dict[int, set[str]] = {}
    for x, g in zip(X, groups):
        seen.setdefault(g, set()).update(x)
    for fs in seen.values():
        df.update(fs)
    keep = {f for f, c in df.items() if c >= args.min_df or f[:2] in ("v:", "c:", "x:", "r:", "k:", "u:")}
    X = [{k: v for k, v in x.items() if k in keep} for x in X]
    vec = DictVectorizer()
    M = vec.fit_transform(X)
    yy = np.array(y)
    weight = np.ones(len(y))
    weight[n_gold:] = args.silver_weight * np.asarray(sw)
    extra = np.arange(n_gold, len(y))
    grid = [float(c) for c in args.C]
    results = {}
    if args.select == "teacher-holdout":
        # the NewsMTSC train sentences the teacher never trained on (its own held-out split):
        # a choice the transfer set cannot have seen, unlike every fold of the CV below
        held = teacher_holdout(args.data, len(data))
        g_arr = np.asarray(groups[:n_gold])
        va = np.flatnonzero(held[g_arr])
        tr = np.concatenate([np.flatnonzero(~held[g_arr]), extra])
        for C in grid:
            clf = LogisticRegression(C=C, max_iter=3000)
            clf.fit(M[tr], yy[tr], sample_weight=weight[tr])
            results[C] = (float(f1_score(yy[va], clf.predict(M[va]), average="macro")), 0.0)
            print(f"C={C}: teacher-holdout macro-F1 {results[C][0]:.4f} ({len(va)} targets)", file=sys.stderr)
    folds = [] if args.select == "teacher-holdout" else list(
        GroupKFold(n_splits=5).split(M[:n_gold], yy[:n_gold], groups[:n_gold]))
    for C in grid if folds else []:
        scores = []
        # folds over the gold targets only; the transfer set is always in the training part
        for tr, va in folds:
            tr = np.concatenate([tr, extra])
            clf = LogisticRegression(C=C, max_iter=3000)
            clf.fit(M[tr], yy[tr], sample_weight=weight[tr])
            scores.append(f1_score(yy[va], clf.predict(M[va]), average="macro"))
        results[C] = (float(np.mean(scores)), float(np.std(scores)))
        print(f"C={C}: CV macro-F1 {results[C][0]:.4f} +- {results[C][1]:.4f}", file=sys.stderr)
    best = max(results, key=lambda c: results[c][0])
    clf = LogisticRegression(C=best, max_iter=3000)
    clf.fit(M, yy, sample_weight=weight)
    classes = [str(c) for c in clf.classes_]
    order = [classes.index(c) for c in LABELS]
    coef = clf.coef_[order]
    intercept = clf.intercept_[order]
    names = vec.get_feature_names_out()
    coefs = {}
    for j, name in enumerate(names):
        col = coef[:, j]
        if np.max(np.abs(col)) >= args.prune:
            coefs[str(name)] = [round(float(v), 4) for v in col]
    raw = Path(args.data).read_bytes()
    meta = {
        "data": Path(args.data).name,
        "data_sha256": hashlib.sha256(raw).hexdigest(),
        "data_source": "fhamborg/NewsMTSC (MIT), experiments split, commit b9d9b797",
        "n_sentences": len(data),
        "n_targets": n_gold,
        **({"transfer_set": {
            "file": Path(args.silver).name,
            "sha256": hashlib.sha256(Path(args.silver).read_bytes()).hexdigest(),
            "n_sentences": len(silver), "n_targets": sum(len(ts) for _s, ts in silver),
            "weight": args.silver_weight, "soft_labels": args.silver_soft, "class_balance": args.silver_balance,
            "made_by": "benchmarks/distil_transfer_set.py (the neural engine's labels of AllSides "
                       "sentences, Apache-2.0; NewsMTSC train/dev sentences left out)",
            "teacher": "models/neural_stance (all-MiniLM-L6-v2, Apache-2.0, fine-tuned on NewsMTSC train), "
                       "model.onnx sha256 " + _teacher_sha(),
        }} if silver else {}),
        "date": dt.date.today().isoformat(),
        "estimator": "sklearn.linear_model.LogisticRegression (multinomial, L2)",
        **({"command": args.command} if fast else {}),
        "C": best,
        "cv": {
            "folds": ("the teacher's held-out 10% of NewsMTSC train (train_neural_stance.py --holdout 0.1 "
                      "--seed 13), fitted on the other 90%" if args.select == "teacher-holdout"
                      else "5, GroupKFold by sentence"),
            "metric": "macro-F1",
            "results": {str(c): {"mean": m, "std": s} for c, (m, s) in results.items()},
            "best_mean": results[best][0],
        },
        "min_df": args.min_df,
        "prune_below": args.prune,
        "n_features_fitted": len(names),
        "n_features_kept": len(coefs),
        "sklearn_version": skv,
        "score": "P(positive) - P(negative); label = argmax class",
        "contributions": "(coef[positive] - coef[negative]) * feature value, in logits",
    }
    if fast:
        meta["score"] = "P(positive) - P(negative); label = argmax class"
        meta["contributions"] = (
            "per word: the sum over its features of (coef[positive] - coef[negative]) * value, in logits"
        )
    out = {
        "format": TARGET_MODEL_FORMAT if fast else MODEL_FORMAT,
        "classes": list(LABELS),
        "intercept": [round(float(v), 4) for v in intercept],
        "feature_config": FAST_CONFIG if fast else FEATURE_CONFIG,
        "meta": meta,
        "coefficients": dict(sorted(coefs.items())),
    }
    Path(args.output).write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"C": best, "cv_macro_f1": results[best][0], "n_features": len(coefs), "output": args.output}


_LAB = {c: k for k, c in enumerate(LABELS)}


def teacher_holdout(path: str, n_sentences: int, share: float = 0.1, seed: int = 13) -> np.ndarray:
    """Per sentence of ``path`` (in :func:`read_newsmtsc`'s order), whether it is in the split
    that ``train_neural_stance.py`` (defaults ``--holdout 0.1 --seed 13``) kept out of the
    teacher's training: its sentence ids sorted, shuffled by ``random.Random(seed)``, the
    first ``share``."""
    import random

    gids, with_targets = [], set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                gids.append(d["primary_gid"])
                if d["targets"]:  # the teacher's script collects its ids from the targets
                    with_targets.add(d["primary_gid"])
    if len(gids) != n_sentences:
        raise SystemExit(f"{path}: {len(gids)} sentence ids for {n_sentences} sentences")
    ids = sorted(with_targets)
    random.Random(seed).shuffle(ids)
    held = set(ids[: int(len(ids) * share)])
    return np.array([g in held for g in gids])


def _macro_f1_np(gold: np.ndarray, pred: np.ndarray) -> float:
    f = []
    for k in range(len(LABELS)):
        tp = float(np.sum((gold == k) & (pred == k)))
        fp = float(np.sum((gold != k) & (pred == k)))
        fn = float(np.sum((gold == k) & (pred != k)))
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f))


def _best_thresholds(raw: np.ndarray, gold: np.ndarray, alpha: float) -> tuple[float, float, float]:
    """Thresholds (on the normalised score) with the best macro-F1 on these items."""
    score = raw / np.sqrt(raw * raw + alpha)
    best = (-1.0, 0.0, 0.0)
    for n in _NEG_T:
        for p in _POS_T:
            pred = np.where(score <= n, 0, np.where(score >= p, 2, 1))
            f = _macro_f1_np(gold, pred)
            if f > best[0]:
                best = (f, float(n), float(p))
    return best


_NEG_T = np.round(np.arange(-0.6, 0.001, 0.05), 2)
_POS_T = np.round(np.arange(0.0, 0.601, 0.05), 2)


class _Parts:
    """The unweighted rule evidence of every target, flattened for fast re-weighting."""

    def __init__(self, items: list[tuple[str, int, int]], window: int) -> None:
        from framecmp.measures.stance.cues import default_cues, default_target_lexicon
        from framecmp.measures.stance.target import rule_parts, target_tokens
        from framecmp.measures.stance.vader import vader
        from framecmp.text.doc import tokenize

        cues, verbs = default_cues(), default_target_lexicon()
        idx, val, dist, cl, negd, kind, right, agent, other, oclause, recip = [], [], [], [], [], [], [], [], [], [], []
        self.speaker = np.zeros(len(items), dtype=bool)
        self.victim = np.zeros(len(items), dtype=bool)
        self.setting = np.zeros(len(items), dtype=bool)
        self.sentence = np.zeros(len(items))
        comp: dict[str, float] = {}
        for k, (s, a0, b0) in enumerate(items):
            toks = tokenize(s)
            a, b = target_tokens(toks, a0, b0)
            parts, role = rule_parts(s, toks, a, b, window, cues, verbs)
            self.speaker[k] = role in ("speaker", "listener")
            self.victim[k] = role == "victim"
            self.setting[k] = role == "setting"
            if s not in comp:
                comp[s] = float(vader().polarity_scores(s)["compound"])
            self.sentence[k] = comp[s]
            for p in parts:
                right.append(p.right)
                agent.append(p.agent)
                other.append(p.other)
                oclause.append(p.other_clause)
                recip.append(p.recipient)
                idx.append(k)
                val.append(p.valence)
                dist.append(p.dist)
                cl.append(p.clauses)
                negd.append(p.negated)
                kind.append({"cue": 0, "verb": 1, "word": 2}[p.kind])
        self.n = len(items)
        self.idx, self.val = np.array(idx), np.array(val)
        self.dist, self.cl = np.array(dist, dtype=float), np.array(cl, dtype=float)
        self.negd, self.kind = np.array(negd), np.array(kind)
        self.right = np.array(right, dtype=bool)
        self.other = np.array(other, dtype=bool)
        self.oclause = np.array(oclause, dtype=bool)
        self.recip = np.array(recip, dtype=bool)
        # the victim factor spares a relative clause of the target ("X who had raped ...")
        self.damp_victim = self.victim[self.idx] & ~np.array(agent, dtype=bool)

    def raw(self, r: dict[str, float]) -> np.ndarray:
        neg = np.where(self.negd, np.where(self.val < 0, r["negation_of_negative"], r["negation"]), 1.0)
        decay = np.where(self.other, r["other_decay"], r["decay"])
        w_word = (
            1.0 / (1.0 + (self.dist - 1) / decay) * r["clause_weight"] ** self.cl
            * np.where(
                self.speaker[self.idx],
                np.where(self.val > 0, r["speaker_positive_factor"], r["speaker_factor"]),
                1.0,
            )
            * np.where(self.damp_victim, r["victim_factor"], 1.0)
            * np.where(self.right, r["right_weight"], 1.0)
            * np.where(self.oclause, r["other_clause_factor"], 1.0)
            * np.where(self.recip, r["recipient_factor"], 1.0)
        )
        w = np.select([self.kind == 0, self.kind == 1], [r["cue_weight"], r["verb_weight"]], w_word)
        w = w * np.where(self.setting[self.idx], r["setting_factor"], 1.0)
        raw = np.bincount(self.idx, weights=self.val * w * neg, minlength=self.n)
        return raw + r["sentence_weight"] * self.sentence


def tune_rules(args: argparse.Namespace) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    data = read_newsmtsc(args.data)
    items = [(s, a, b, g, gi) for gi, (s, ts) in enumerate(data) for a, b, g in ts]
    groups = np.array([it[4] for it in items])
    gold = np.array([_LAB[it[3]] for it in items])
    base = TargetRules()
    parts = _Parts([(s, a, b) for s, a, b, _g, _gi in items], base.window)
    grid_shape = {
        "decay": [4.0, 8.0, 16.0],
        "cue_weight": [2.0, 4.0, 8.0],
        "verb_weight": [2.0, 3.0],
        "clause_weight": [0.6, 1.0],
        "speaker_factor": [0.0, 0.3],
        "speaker_positive_factor": [0.0, 0.3, 0.5],
        "victim_factor": [0.0, 1.0],
        "right_weight": [1.0, 1.5, 2.0, 3.0],
        "sentence_weight": [0.0, 0.25],
        "negation": [-0.6],
        "negation_of_negative": [0.3],
        "recipient_factor": [0.0],
        "setting_factor": [0.0],
        "other_decay": [4.0],
        "other_clause_factor": [0.0],
    }
    if args.grid:  # override some axes: '{"other_decay": [4, 8]}'
        grid_shape.update({k: [float(v) for v in vs] for k, vs in json.loads(args.grid).items()})
    alpha = base.alpha  # the normalisation is monotone: with tuned thresholds alpha does not matter
    cv = GroupKFold(n_splits=5)
    folds = list(cv.split(np.zeros(len(items)), np.zeros(len(items)), groups))
    results = []
    for vals in itertools.product(*grid_shape.values()):
        r = dict(zip(grid_shape, vals))
        raw = parts.raw(r)
        # coarse screen on all of train, then CV for the best points
        results.append((_best_thresholds(raw, gold, alpha)[0], r))
    results.sort(key=lambda x: -x[0])
    best: tuple[float, float, dict[str, float]] = (-1.0, 0.0, {})
    for _f, r in results[: args.top]:
        raw = parts.raw(r)
        fold_f1 = []
        for tr, va in folds:
            _ff, n, p = _best_thresholds(raw[tr], gold[tr], alpha)
            sc = raw[va] / np.sqrt(raw[va] ** 2 + alpha)
            fold_f1.append(_macro_f1_np(gold[va], np.where(sc <= n, 0, np.where(sc >= p, 2, 1))))
        m = float(np.mean(fold_f1))
        print(f"{r}: CV macro-F1 {m:.4f} +- {np.std(fold_f1):.4f}", file=sys.stderr)
        if m > best[0]:
            best = (m, float(np.std(fold_f1)), r)
    f_all, n, p = _best_thresholds(parts.raw(best[2]), gold, alpha)
    # the rules as shipped (TargetRules()), for comparison
    cur = {k: getattr(base, k) for k in grid_shape}
    raw = parts.raw(cur)
    sc = raw / np.sqrt(raw**2 + alpha)
    cur_f1 = _macro_f1_np(gold, np.where(sc <= base.neg_threshold, 0, np.where(sc >= base.pos_threshold, 2, 1)))
    return {
        "cv_macro_f1": best[0], "cv_std": best[1], **best[2], "alpha": alpha,
        "neg_threshold": n, "pos_threshold": p, "train_macro_f1_at_best": f_all,
        "train_macro_f1_current_defaults": cur_f1,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="NewsMTSC train.jsonl")
    ap.add_argument("-o", "--output", default=None,
                    help="default lexicons/stance_model.json (lexicons/target_model.json with --features fast)")
    ap.add_argument("--features", choices=["full", "fast"], default="full",
                    help="full: the trained mode's features; fast: the linear target engine's")
    ap.add_argument("--C", nargs="+", default=["0.03", "0.06", "0.1", "0.3"], help="grid of C values")
    ap.add_argument("--min-df", type=int, default=3, help="drop word features in fewer sentences")
    ap.add_argument("--prune", type=float, default=0.02, help="drop features with all |coef| below")
    ap.add_argument("--feature-config", default=None, help="JSON overriding the feature options")
    ap.add_argument("--silver", default=None,
                    help="a transfer set (benchmarks/distil_transfer_set.py) added to every fold's training part")
    ap.add_argument("--silver-weight", type=float, default=1.0, help="sample weight of the transfer set's targets")
    ap.add_argument("--silver-soft", action="store_true",
                    help="fit the teacher's probabilities (one row per class, weighted), not its likeliest class")
    ap.add_argument("--silver-balance", action="store_true",
                    help="weight the transfer set's classes to the gold file's class shares")
    ap.add_argument("--select", choices=["cv", "teacher-holdout"], default="cv",
                    help="how C is chosen: 5-fold CV over the gold targets (default), or the NewsMTSC train "
                         "sentences the neural teacher never trained on (honest with --silver)")
    ap.add_argument("--tune-rules", action="store_true", help="tune the default mode's rules instead")
    ap.add_argument("--top", type=int, default=20, help="--tune-rules: grid points re-scored by CV")
    ap.add_argument("--grid", default=None, help="--tune-rules: JSON overriding grid axes, e.g. '{\"decay\": [8]}'")
    args = ap.parse_args(argv)
    args.command = "python benchmarks/train_stance_model.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
    )
    if args.output is None:
        args.output = "lexicons/target_model.json" if args.features == "fast" else "lexicons/stance_model.json"
    if args.feature_config:
        (FAST_CONFIG if args.features == "fast" else FEATURE_CONFIG).update(json.loads(args.feature_config))
    res = tune_rules(args) if args.tune_rules else train(args)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
