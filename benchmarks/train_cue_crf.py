"""Fit the optional CRF cue tagger (framecmp.measures.attribution.cue_crf) on PolNeAR train and write it as plain JSON.

    pip install 'framecmp[train]'   # python-crfsuite, for this script only
    PYTHONPATH=src python benchmarks/train_cue_crf.py --data ../shared/data/polnear/train \\
        --c1 0.1 --c2 1.0 3.0 --b-bias 0.5 1.0 --modes filter --cv-folds 3 -o lexicons/cue_crf.json

(the last CV round of the bundled model, weights below --prune 0.05 dropped; the earlier
rounds are listed below; ``--prune 0`` keeps every weight and ``--reprune FILE`` prunes a
saved model again without python-crfsuite). The
defaults below are the bundled model's setting (c1 0.1, c2 3.0, b_bias 1.0, mode filter,
150 iterations), so a plain run refits it.

Every training article is analysed and the attribution rules run (no learned
cues); each sentence becomes one sequence of tokens labelled B / I / O from
the gold cue spans (first annotator, as in benchmarks/attribution_polnear.py),
with the features of framecmp.measures.attribution.cue_crf.sentence_features (the rules' cues,
sources and contents among them). The CRF is L-BFGS with L1 (c1) and L2 (c2)
penalties (python-crfsuite). State weights below --prune in absolute value are
dropped; the rest go to JSON, decoded at run time by framecmp's own Viterbi.

c1, c2 and the mode (how the tagged spans combine with the rules' cues:
add / trim / filter, see framecmp.measures.attribution.cue_crf.CueCRF) are chosen by k-fold
cross-validation over the training articles only: for each fold the CRF is
fitted on the other folds and the whole attribution pipeline runs on the
held-out articles; the metric is the benchmark's cue F1 (exact character span),
with source and content F1 reported too. The chosen setting is refitted on all
the training articles. The dev split is not read. Prints one JSON object as its
last line (the CV results); --cv-from FILE refits the setting chosen in such an
output without running the CV again.

The bundled model (3.9 MB: weights below 0.05 pruned with --reprune, which
keeps 95% of the unpruned tagger's spans on 120 train articles; 0.1 would keep
83%). CV on the first 3 of the 5 article folds (seed 13; the rules alone: cue
F1 0.650), max 150 L-BFGS iterations, c1 0.1. Cue F1 (exact
span): mode add, b_bias 0 / 0.5 / 1 / 2: c2 0.01: 0.663 / 0.662 / 0.659 / 0.650,
c2 0.1: 0.665 / 0.666 / 0.663 / 0.651 (before the stem, wn2, capL and pronL
features); with them, c2 0.1: add 0.668 (b_bias 0) / 0.668 (0.5), filter
0.670 / 0.672; c2 1.0: add 0.669 / 0.671, filter 0.676 / 0.682 (b_bias 1.0:
0.680); c2 3.0 filter: 0.683 (0.5) / 0.684 (1.0), the chosen setting (source
F1 0.691, content F1 0.815; rules 0.666 / 0.789); mode veto at that setting
0.682 (filter in the same run 0.684). Mode trim (an earlier
2-fold run, c2 0.01) was below add: 0.657 vs 0.661 (rules 0.646): the
tagger's own boundaries of rule cues are no better than the rules'. The
tagger alone (tagged token spans against gold, no rules' cues) reaches
0.68 F1. Two annotators of the 16 train articles annotated twice agree on
exact cue spans at F1 0.707, a rough ceiling for any cue finder here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_polnear import evaluate_split, rule_articles, split_scores  # noqa: E402

from framecmp.measures.attribution import load_attribution_config  # noqa: E402
from framecmp.measures.attribution.cue_crf import LABELS, MODEL_FORMAT, CueCRF, sentence_features  # noqa: E402
from framecmp.measures.attribution.learned import crf_context  # noqa: E402

MODES = ("add", "trim", "filter", "veto")


def bio(doc: Any, cues: set) -> list[str]:
    """B / I / O per token from gold cue spans (tokens overlapping the span; overlaps: the first cue wins)."""
    toks = doc.tokens
    lab = ["O"] * len(toks)
    starts = [t.start for t in toks]
    import bisect

    for frags in sorted(cues):
        for a, b in frags:
            i = max(bisect.bisect_right(starts, a) - 1, 0)
            if toks[i].end <= a:
                i += 1
            j = i
            while j < len(toks) and toks[j].start < b:
                j += 1
            if i >= j or any(x != "O" for x in lab[i:j]):
                continue
            lab[i] = "B"
            for k in range(i + 1, j):
                lab[k] = "I"
    return lab


def load_split(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    for item, art, drafts in rule_articles(data, limit):
        doc = item["doc"]
        flags = crf_context(art, drafts)
        lab = bio(doc, item["gold"]["cues"])
        seqs = []
        for s in doc.sentences:
            lo, hi = s.tok_start, s.tok_end
            if s.part == "title" and hi - lo < 3:
                continue
            seqs.append((sentence_features(doc.tokens, lo, hi, flags[lo:hi]), lab[lo:hi]))
        item["seqs"] = seqs
        out.append(item)
    return out


def fit(arts: list[dict[str, Any]], c1: float, c2: float, max_iter: int, prune: float,
        mode: str = "add", meta: dict | None = None) -> CueCRF:
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    for art in arts:
        for x, y in art["seqs"]:
            tr.append(x, y)
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.minfreq": 1})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "m.crfsuite")
        tr.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    idx = {lab: k for k, lab in enumerate(LABELS)}
    state: dict[str, list[float]] = {}
    for (attr, lab), w in info.state_features.items():
        if abs(w) >= prune:
            state.setdefault(attr, [0.0, 0.0, 0.0])[idx[lab]] = w
    trans = [[0.0] * 3 for _ in range(3)]
    for (a, b), w in info.transitions.items():
        trans[idx[a]][idx[b]] = w
    return CueCRF({k: (v[0], v[1], v[2]) for k, v in state.items()},
                  tuple((r[0], r[1], r[2]) for r in trans), mode=mode, meta=meta or {})


def reprune(src: Path, prune: float, out: Path) -> int:
    """Write the model at ``src`` again without its weights below ``prune`` (a fitted model made smaller)."""
    from framecmp.measures.attribution.cue_crf import load_cue_crf

    m = load_cue_crf(src)
    state = {k: tuple(x if abs(x) >= prune else 0.0 for x in v) for k, v in m.state.items() if max(map(abs, v)) >= prune}
    meta = dict(m.meta) | {"prune": prune}
    _dump(CueCRF(state, m.trans, mode=m.mode, b_bias=m.b_bias, meta=meta), out)  # type: ignore[arg-type]
    return 0


def _dump(m: CueCRF, out: Path) -> None:
    data = m.to_json()
    assert data["format"] == MODEL_FORMAT
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    out.write_text(text.replace('],"', '],\n"') + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(m.state)} features, {out.stat().st_size} bytes", file=sys.stderr)


def tag_counts(arts: list[dict[str, Any]], model: CueCRF) -> Counter[str]:
    """The tagger alone: exact token-span matches of tagged spans against gold B/I spans."""
    c: Counter[str] = Counter()
    for art in arts:
        for x, y in art["seqs"]:
            pred = _spans(model.tag(x))
            gold = _spans(y)
            c["tp"] += len(pred & gold)
            c["pred"] += len(pred)
            c["gold"] += len(gold)
    return c


def _spans(labels: list[str]) -> set[tuple[int, int]]:
    out, start = set(), None
    for k, lab in enumerate([*labels, "O"]):
        if lab == "B" or lab == "O" or (lab == "I" and start is None):
            if start is not None:
                out.add((start, k))
                start = None
            if lab != "O":
                start = k
    return out


def evaluate(arts: list[dict[str, Any]], model: CueCRF | None) -> Counter[str]:
    return evaluate_split(arts, load_attribution_config(cue_model=model if model is not None else False))


def scores(c: Counter[str]) -> dict[str, float]:
    return split_scores(c, ("cue", "source", "content", "tag"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR train folder (text/, attributions/)")
    ap.add_argument("-o", "--out", type=Path, default=None, help="write the model JSON here")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv-folds", type=int, default=None, help="run only the first N folds (quick runs)")
    ap.add_argument("--c1", type=float, nargs="+", default=[0.1])
    ap.add_argument("--c2", type=float, nargs="+", default=[3.0])
    ap.add_argument("--b-bias", type=float, nargs="+", default=[1.0], help="B-score offsets to try (recall vs precision)")
    ap.add_argument("--modes", nargs="+", default=["filter"], choices=MODES)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--prune", type=float, default=0.05, help="drop state weights smaller than this in absolute value")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only (quick runs)")
    ap.add_argument("--cv-from", type=Path, default=None,
                    help="skip the CV: take the setting chosen in this earlier run's output (its last JSON line)")
    ap.add_argument("--reprune", type=Path, default=None,
                    help="no training: read this model JSON, drop weights below --prune and write it to -o")
    args = ap.parse_args(argv)
    if args.reprune is None:
        try:
            import pycrfsuite  # noqa: F401
        except ModuleNotFoundError:
            sys.stderr.write("train_cue_crf.py needs python-crfsuite: pip install 'framecmp[train]' "
                             "(or pip install python-crfsuite); --reprune works without it.\n")
            return 2
    if args.reprune is not None:
        return reprune(args.reprune, args.prune, args.out or args.reprune)
    arts = load_split(args.data, args.limit)
    print(f"loaded {len(arts)} articles", file=sys.stderr)
    order = list(range(len(arts)))
    random.Random(13).shuffle(order)
    folds = [[arts[k] for k in order[f :: args.folds]] for f in range(args.folds)]
    run_folds = range(0 if args.cv_from else args.cv_folds or args.folds)
    base: Counter[str] = Counter()
    for f in run_folds:
        base += evaluate(folds[f], None)
    cv: dict[str, Counter[str]] = defaultdict(Counter)
    if args.cv_from is not None:
        prev = json.loads(args.cv_from.read_text(encoding="utf-8").strip().splitlines()[-1])
        return _write(args, arts, prev["chosen"], prev["results"], prev.get("folds_run", args.cv_folds))
    for f in run_folds:
        trn = [a for g in range(args.folds) if g != f for a in folds[g]]
        for c1 in args.c1:
            for c2 in args.c2:
                m = fit(trn, c1, c2, args.max_iter, args.prune)
                for bb in args.b_bias:
                    mb = CueCRF(m.state, m.trans, b_bias=bb)
                    t = tag_counts(folds[f], mb)
                    for mode in args.modes:
                        key = f"c1={c1} c2={c2} b_bias={bb} mode={mode}"
                        cv[key] += evaluate(folds[f], CueCRF(m.state, m.trans, mode=mode, b_bias=bb))
                        cv[key].update({"tag_" + k: v for k, v in t.items()})
        print(f"fold {f} done", file=sys.stderr)
    results = {"rules_only": scores(base)} | {k: scores(v) for k, v in cv.items()}
    for k, v in results.items():
        print(k, v, file=sys.stderr)
    best = max(cv, key=lambda k: results[k]["cue_f1"])
    return _write(args, arts, best, results, len(run_folds))


def _write(args: argparse.Namespace, arts: list[dict[str, Any]], best: str, results: dict, folds_run: int | None) -> int:
    c1_best, c2_best, bb_best, mode_best = (p.partition("=")[2] for p in best.split())
    if args.out is not None:
        meta = {
            "version": dt.date.today().isoformat(),
            "trained_on": f"PolNeAR train ({len(arts)} articles; first annotator)",
            "c1": float(c1_best), "c2": float(c2_best), "b_bias": float(bb_best), "max_iter": args.max_iter,
            "prune": args.prune,
            "cv": {"folds": args.folds, "folds_run": folds_run, "chosen": best,
                   "rules_only": results["rules_only"], "best": results[best]},
        }
        m = fit(arts, float(c1_best), float(c2_best), args.max_iter, args.prune, mode_best, meta)
        m = CueCRF(m.state, m.trans, mode=m.mode, b_bias=float(bb_best), meta=meta)
        _dump(m, args.out)
    sys.stdout.write(json.dumps({"chosen": best, "folds_run": folds_run, "results": results}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
