"""Fit the learned cue detector (framecmp.measures.attribution.cue_model) on PolNeAR train and write it as plain JSON.

    PYTHONPATH=src python benchmarks/train_cue_model.py --data ../shared/data/polnear/train \\
        -o lexicons/cue_model.json

What is learned: the cues that the rules (reporting-verb lexicon + attribution
rules) do not find. Each training article is analysed, the rules run without a
cue model, and every token that is not part of a rule cue gives one example for
the ``start`` model (label: a gold cue starts at this token), when its word is a
candidate head (a word that starts such a residual gold cue at least --min-head
times). After fitting, the heads are cut to the words whose highest P(start) on
the training examples reaches threshold - --head-margin (speed: common words
such as "in" or "for" that never come near the threshold are not scored). Every gold residual cue gives ``extend`` examples: each later token of
the cue (positive) and the token after it (negative). Both are L2 logistic
regressions (scikit-learn) on the binary features of framecmp.measures.attribution.cue_model;
features seen fewer than --min-df times and weights below --prune are dropped.

C and the start threshold are chosen by 5-fold cross-validation over articles of
the training folder only: for each fold the model is fitted on the other folds
and the whole attribution pipeline runs on the held-out articles; the metric is
the benchmark's cue F1 (exact span), with source and content F1 reported too.
The chosen setting is refitted on all the training articles. The dev split is
not read. Train CV cue F1 (5 folds; rules alone 0.652): C 0.3 / 1.0 / 3.0 at
threshold 0.5 gave 0.657 / 0.660 / 0.655, and C 1.0 at thresholds 0.3 / 0.4 / 0.5 /
0.6 / 0.7 gave 0.646 / 0.655 / 0.658 / 0.658 / 0.657 (before the context flags
inc/lex/sc were added; with them C 1.0 at 0.5 / 0.6 / 0.7: 0.660 / 0.661 / 0.659),
hence the defaults. Prints one JSON object as its last line (the CV results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_polnear import evaluate_split, rule_articles, split_scores  # noqa: E402

from framecmp.measures.attribution import load_attribution_config  # noqa: E402
from framecmp.measures.attribution.cue_model import (  # noqa: E402
    MODEL_FORMAT,
    CueModel,
    extend_features,
    sentence_arrays,
    start_features,
)
from framecmp.measures.attribution.learned import learned_context  # noqa: E402


def load_split(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    for item, art, drafts in rule_articles(data, limit):
        item["taken"], item["flags"] = learned_context(art, drafts)
        out.append(item)
    return out


def examples(arts: list[dict[str, Any]], min_head: int) -> tuple[list, list, list, list, set[str]]:
    """(start X, start y, extend X, extend y, heads) from residual gold cues."""
    per_art = []
    head_count: Counter[str] = Counter()
    for art in arts:
        doc, taken = art["doc"], art["taken"]
        toks = doc.tokens
        gstart: dict[int, int] = {}  # token index of a gold cue's first token -> end token (exclusive)
        for frags in art["gold"]["cues"]:
            a, b = frags[0][0], frags[-1][1]
            i = doc.token_index(a)
            if i >= len(toks) or toks[i].start > a and i > 0 and toks[i - 1].end > a:
                i -= 1
            if i in taken or i >= len(toks):
                continue
            j = i
            while j < len(toks) and toks[j].start < b:
                j += 1
            gstart[i] = j
            head_count[toks[i].norm] += 1
        per_art.append(gstart)
    heads = {w for w, n in head_count.items() if n >= min_head}
    sx, sy, ex, ey = [], [], [], []
    for art, gstart in zip(arts, per_art, strict=True):
        doc, taken = art["doc"], art["taken"]
        toks = doc.tokens
        flags = art["flags"]
        for s in doc.sentences:
            lo, hi = s.tok_start, s.tok_end
            if s.part == "title" and hi - lo < 3:
                continue
            arrays = sentence_arrays(toks, lo, hi)
            for i in range(lo, hi):
                if i in taken or toks[i].norm not in heads:
                    continue
                sx.append(start_features(*arrays, i - lo, flags[i]))
                sy.append(1 if i in gstart else 0)
                if i in gstart:
                    e = gstart[i]
                    for j in range(i + 1, min(e, hi) + 1):
                        if j >= hi:
                            break
                        ex.append(extend_features(toks, i, j, hi))
                        ey.append(1 if j < e else 0)
    return sx, sy, ex, ey, heads



def fit(feats: list[list[str]], y: list[int], c: float, min_df: int, prune: float = 0.0) -> tuple[dict[str, float], float]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df: Counter[str] = Counter(f for row in feats for f in set(row))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}
    rows, cols = [], []
    for r, row in enumerate(feats):
        for f in set(row):
            k = vocab.get(f)
            if k is not None:
                rows.append(r)
                cols.append(k)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    lr.fit(x, np.asarray(y))
    coef = lr.coef_[0]
    names = sorted(vocab, key=vocab.__getitem__)
    return {n: float(w) for n, w in zip(names, coef, strict=True) if abs(w) >= max(prune, 1e-3)}, float(lr.intercept_[0])


def build(arts: list[dict[str, Any]], c: float, min_df: int, min_head: int, thr: float,
          prune: float = 0.0) -> tuple[CueModel, dict[str, float]]:
    """The model (threshold ``thr``) and, per head word, its highest P(start) on the training examples."""
    sx, sy, ex, ey, heads = examples(arts, min_head)
    sw, sb = fit(sx, sy, c, min_df, prune)
    ew, eb = fit(ex, ey, c, min_df, prune)
    m = CueModel(start=sw, extend=ew, start_bias=sb, extend_bias=eb, heads=frozenset(heads), threshold=thr)
    best: dict[str, float] = {}
    for feats in sx:
        w = feats[0][2:]  # "w=<word>"
        best[w] = max(best.get(w, 0.0), m.p_start(feats))
    return m, best


def with_threshold(m: CueModel, best: dict[str, float], thr: float, margin: float, meta: dict | None = None) -> CueModel:
    """``m`` at threshold ``thr``, its heads cut to the words that reached ``thr - margin`` in training
    (a word that never comes near the threshold on its own training data is not worth scoring: speed)."""
    heads = frozenset(w for w, p in best.items() if p >= thr - margin)
    start = {f: v for f, v in m.start.items() if _feature_word(f) in heads or _feature_word(f) is None}
    return CueModel(start, m.extend, m.start_bias, m.extend_bias, heads, threshold=thr, meta=meta or {})


def _feature_word(name: str) -> str | None:
    """The candidate word a start feature is tied to (None: a feature of any word)."""
    kind, eq, rest = name.partition("=")
    if eq:
        if kind == "w":
            return rest
        if kind == "p1w":
            return rest.partition("|")[2]
        if kind in ("wn1", "wn2", "wps", "wns"):
            return rest.partition("|")[0]
        return None
    head, bar, word = name.partition("|")
    return word if bar else None


def evaluate(arts: list[dict[str, Any]], model: CueModel | None) -> Counter[str]:
    return evaluate_split(arts, load_attribution_config(cue_model=model if model is not None else False))


def scores(c: Counter[str]) -> dict[str, float]:
    return split_scores(c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR train folder (text/, attributions/)")
    ap.add_argument("-o", "--out", type=Path, default=None, help="write the model JSON here")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, nargs="+", default=[1.0])
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7])
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--min-head", type=int, default=2)
    ap.add_argument("--head-margin", type=float, default=0.1,
                    help="keep head words whose best training P(start) reaches threshold - margin")
    ap.add_argument("--prune", type=float, default=0.05, help="drop weights smaller than this in absolute value")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only (quick runs)")
    args = ap.parse_args(argv)
    arts = load_split(args.data, args.limit)
    order = list(range(len(arts)))
    random.Random(13).shuffle(order)
    folds = [[arts[k] for k in order[f :: args.folds]] for f in range(args.folds)]
    base: Counter[str] = Counter()
    for f in range(args.folds):
        base += evaluate(folds[f], None)
    cv: dict[str, Counter[str]] = defaultdict(Counter)
    for f in range(args.folds):
        trn = [a for g in range(args.folds) if g != f for a in folds[g]]
        for c in args.c:
            m, best = build(trn, c, args.min_df, args.min_head, 0.5, args.prune)
            for thr in args.thresholds:
                mt = with_threshold(m, best, thr, args.head_margin)
                cv[f"C={c} thr={thr}"] += evaluate(folds[f], mt)
        print(f"fold {f} done", file=sys.stderr)
    results = {"rules_only": scores(base)} | {k: scores(v) for k, v in cv.items()}
    for k, v in results.items():
        print(k, v, file=sys.stderr)
    best = max(cv, key=lambda k: results[k]["cue_f1"])
    c_best = float(best.split()[0][2:])
    thr_best = float(best.split()[1][4:])
    if args.out is not None:
        m, best_p = build(arts, c_best, args.min_df, args.min_head, thr_best, args.prune)
        meta = {
            "version": dt.date.today().isoformat(),
            "trained_on": f"PolNeAR train ({len(arts)} articles; first annotator), residual cues of the rules",
            "C": c_best, "min_df": args.min_df, "min_head": args.min_head, "prune": args.prune,
            "head_margin": args.head_margin,
            "cv": {"folds": args.folds, "chosen": best, "rules_only": results["rules_only"], "best": results[best]},
        }
        m = with_threshold(m, best_p, thr_best, args.head_margin, meta)
        data = m.to_json()
        assert data["format"] == MODEL_FORMAT
        args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(m.start)} start and {len(m.extend)} extend weights, {len(m.heads)} heads",
              file=sys.stderr)
    sys.stdout.write(json.dumps({"chosen": best, "results": results}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
