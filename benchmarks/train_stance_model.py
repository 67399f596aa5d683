"""Fit the trained-mode target-sentiment model and write it as plain JSON.

    python benchmarks/train_stance_model.py --data ../shared/data/newsmtsc/train.jsonl \
        -o lexicons/stance_model.json

The model is a multinomial logistic regression (scikit-learn) on the features of
framecmp.stance.target_features (words around the masked target, left/right
context, bigrams, negation, VADER, directed cues). The regularisation C is chosen
by 5-fold cross-validation on the training file only, with folds grouped by
sentence (targets of one sentence never straddle train and validation folds);
metric: macro-F1 over negative/neutral/positive. The chosen model is refitted on
the whole file; features seen in fewer than --min-df sentences are dropped,
and so are features whose largest absolute coefficient is below --prune.

``--tune-rules`` instead grid-searches the few numbers of the default
(rule-based) mode, framecmp.stance.TargetRules, by the same 5-fold
cross-validation (the grid point with the best mean validation macro-F1 over
folds is fitted on the training folds' thresholds), and prints them.

Prints one JSON object as its last line (the CV results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stance_newsmtsc import macro_f1, read_newsmtsc  # noqa: E402

from framecmp.stance import (  # noqa: E402
    LABELS,
    MODEL_FORMAT,
    TargetRules,
    score_target,
    target_features,
)

# chosen by 5-fold CV on train among {window 6, decay 0/4, near 0/2} and {window 10, decay 3, near 2}
FEATURE_CONFIG: dict[str, Any] = {"window": 10, "decay": 3.0, "near": 2}


def _featurize(data: list[tuple[str, list[tuple[int, int, str]]]]) -> tuple[list[dict[str, float]], list[str], list[int]]:
    X, y, groups = [], [], []
    for gi, (s, ts) in enumerate(data):
        for a, b, g in ts:
            f = target_features(s, a, b, config=FEATURE_CONFIG)
            X.append({k: v for k, (v, _sp) in f.items()})
            y.append(g)
            groups.append(gi)
    return X, y, groups


def train(args: argparse.Namespace) -> dict[str, Any]:
    from sklearn import __version__ as skv
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    data = read_newsmtsc(args.data)
    X, y, groups = _featurize(data)
    # document frequency by sentence, for pruning rare word features
    df: Counter[str] = Counter()
    seen: dict[int, set[str]] = {}
    for x, g in zip(X, groups):
        seen.setdefault(g, set()).update(x)
    for fs in seen.values():
        df.update(fs)
    keep = {f for f, c in df.items() if c >= args.min_df or f[:2] in ("v:", "c:", "x:")}
    X = [{k: v for k, v in x.items() if k in keep} for x in X]
    vec = DictVectorizer()
    M = vec.fit_transform(X)
    yy = np.array(y)
    cv = GroupKFold(n_splits=5)
    grid = [float(c) for c in args.C]
    results = {}
    for C in grid:
        scores = []
        for tr, va in cv.split(M, yy, groups):
            clf = LogisticRegression(C=C, max_iter=3000)
            clf.fit(M[tr], yy[tr])
            scores.append(f1_score(yy[va], clf.predict(M[va]), average="macro"))
        results[C] = (float(np.mean(scores)), float(np.std(scores)))
        print(f"C={C}: CV macro-F1 {results[C][0]:.4f} +- {results[C][1]:.4f}", file=sys.stderr)
    best = max(results, key=lambda c: results[c][0])
    clf = LogisticRegression(C=best, max_iter=3000)
    clf.fit(M, yy)
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
        "n_targets": len(y),
        "date": dt.date.today().isoformat(),
        "estimator": "sklearn.linear_model.LogisticRegression (multinomial, L2)",
        "C": best,
        "cv": {
            "folds": "5, GroupKFold by sentence",
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
    out = {
        "format": MODEL_FORMAT,
        "classes": list(LABELS),
        "intercept": [round(float(v), 4) for v in intercept],
        "feature_config": FEATURE_CONFIG,
        "meta": meta,
        "coefficients": dict(sorted(coefs.items())),
    }
    Path(args.output).write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"C": best, "cv_macro_f1": results[best][0], "n_features": len(coefs), "output": args.output}


def _f1_at(scores: np.ndarray, gold: list[str], idx: np.ndarray, n: float, p: float) -> float:
    pred = ["negative" if scores[i] <= n else "positive" if scores[i] >= p else "neutral" for i in idx]
    return macro_f1([gold[i] for i in idx], pred)


def tune_rules(args: argparse.Namespace) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    data = read_newsmtsc(args.data)
    items = [(s, a, b, g, gi) for gi, (s, ts) in enumerate(data) for a, b, g in ts]
    groups = np.array([it[4] for it in items])
    gold = [it[3] for it in items]
    grid_shape = {"decay": [2.0, 4.0, 8.0], "cue_weight": [1.0, 2.0], "alpha": [0.5, 1.0]}
    thresholds = [(n, p) for n in np.arange(-0.5, 0.01, 0.05) for p in np.arange(0.0, 0.51, 0.05)]
    cv = GroupKFold(n_splits=5)
    folds = list(cv.split(np.zeros(len(items)), np.zeros(len(items)), groups))
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for decay, cw, alpha in itertools.product(*grid_shape.values()):
        rules = TargetRules(decay=decay, cue_weight=cw, alpha=alpha)
        scores = np.array([score_target(s, a, b, rules=rules).score for s, a, b, _g, _gi in items])
        fold_f1 = []
        for tr, va in folds:
            n, p = max(thresholds, key=lambda t: _f1_at(scores, gold, tr, *t))
            fold_f1.append(_f1_at(scores, gold, va, n, p))
        m = float(np.mean(fold_f1))
        print(f"decay={decay} cue_weight={cw} alpha={alpha}: CV macro-F1 {m:.4f}", file=sys.stderr)
        if m > best[0]:
            best = (m, {"decay": decay, "cue_weight": cw, "alpha": alpha})
    rules = TargetRules(decay=best[1]["decay"], cue_weight=best[1]["cue_weight"], alpha=best[1]["alpha"])
    scores = np.array([score_target(s, a, b, rules=rules).score for s, a, b, _g, _gi in items])
    all_idx = np.arange(len(items))

    def f1_all(n: float, p: float) -> float:
        pred = ["negative" if scores[i] <= n else "positive" if scores[i] >= p else "neutral" for i in all_idx]
        return macro_f1(gold, pred)

    n, p = max(thresholds, key=lambda t: f1_all(*t))
    return {"cv_macro_f1": best[0], **best[1], "neg_threshold": round(float(n), 2), "pos_threshold": round(float(p), 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="NewsMTSC train.jsonl")
    ap.add_argument("-o", "--output", default="lexicons/stance_model.json")
    ap.add_argument("--C", nargs="+", default=["0.03", "0.1", "0.3", "1.0"], help="grid of C values")
    ap.add_argument("--min-df", type=int, default=3, help="drop word features in fewer sentences")
    ap.add_argument("--prune", type=float, default=0.02, help="drop features with all |coef| below")
    ap.add_argument("--feature-config", default=None, help="JSON overriding the feature options")
    ap.add_argument("--tune-rules", action="store_true", help="tune the default mode's rules instead")
    args = ap.parse_args(argv)
    if args.feature_config:
        FEATURE_CONFIG.update(json.loads(args.feature_config))
    res = tune_rules(args) if args.tune_rules else train(args)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
