"""Target-level sentiment of framecmp.measures.stance.score_target on a NewsMTSC file.

Metrics (printed as one JSON object on the last line):

* macro_f1: unweighted mean of the F1 of the three classes (negative, neutral,
  positive); F1 = 2 * precision * recall / (precision + recall) per class.
* macro_f1_ci95: 95% bootstrap percentile interval of macro_f1, resampling
  sentences (not targets, since targets of one sentence are not independent),
  1,000 resamples, fixed seed.
* accuracy: share of targets whose predicted label equals the gold label.
* f1_per_class: F1 of each class.
* n_targets, n_sentences: how many targets and sentences were scored.
* sentences_per_second: sentences scored per second of wall time (scoring only,
  one process; the model and lexicon are loaded before timing).
* vader_baseline: the same metrics for VADER on the whole sentence, ignoring the
  target (compound >= 0.05 positive, <= -0.05 negative, else neutral), computed
  in the same run on the same targets.

* with ``--engine linear|rules|neural``: each sentence is read with ``framecmp.text.analyze``
  and all its targets are scored by one ``engine.score_spans(doc, spans)`` call of
  ``framecmp.measures.stance.load_engine(name)`` (as the article pipeline scores
  mentions); ``sentences_per_second`` then includes ``analyze``, and
  ``targets_per_second_scoring`` counts the engine's calls only.
* with ``--engine ... --deeds``: a target that does something to a thing of value (the deed
  rule of :mod:`framecmp.measures.stance.deeds`, as article scoring reads it before the
  engine: "Obama vowed to cut emissions") takes the deed's sign; ``deeds`` reports how many
  targets had one, the accuracy of the deed's label and of the engine's label on those same
  targets (same run), and their gold labels.

Usage::

    python benchmarks/stance_newsmtsc.py --data ../shared/data/newsmtsc/dev_rw.jsonl --mode default
    python benchmarks/stance_newsmtsc.py --data ../shared/data/newsmtsc/dev_rw.jsonl --engine linear
    python benchmarks/stance_newsmtsc.py --data ../shared/data/newsmtsc/dev_rw.jsonl --engine linear --deeds

Gold labels: NewsMTSC polarity 2.0 negative, 4.0 neutral, 6.0 positive;
``from``/``to`` are character offsets into ``sentence_normalized`` (``to`` exclusive).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

from framecmp.measures.stance import LABELS, load_engine, load_stance_model, score_target, vader
from framecmp.measures.stance.clauses import mentions_by_end
from framecmp.measures.stance.deeds import default_effects, find_deeds
from framecmp.text import analyze

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_newsmtsc(path: str | Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences with their (from, to, gold label) targets."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            s = d["sentence_normalized"]
            ts = [(int(t["from"]), int(t["to"]), POLARITY[float(t["polarity"])]) for t in d["targets"]]
            out.append((s, ts))
    return out


def f1_scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    out = {}
    for c in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def macro_f1(gold: list[str], pred: list[str]) -> float:
    f = f1_scores(gold, pred)
    return sum(f.values()) / len(f)


def bootstrap_ci(
    groups: list[list[tuple[str, str]]], *, reps: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% percentile interval of macro-F1, resampling sentences (groups of targets)."""
    rng = random.Random(seed)
    vals = []
    n = len(groups)
    for _ in range(reps):
        g: list[str] = []
        p: list[str] = []
        for _ in range(n):
            for gg, pp in groups[rng.randrange(n)]:
                g.append(gg)
                p.append(pp)
        vals.append(macro_f1(g, p))
    vals.sort()
    return vals[int(0.025 * reps)], vals[int(0.975 * reps) - 1]


class _Target(NamedTuple):
    """A NewsMTSC target as an actor mention (for the deed rule)."""

    start: int
    end: int
    actor: str = "target"


def summarize(groups: list[list[tuple[str, str]]]) -> dict[str, Any]:
    gold = [g for grp in groups for g, _ in grp]
    pred = [p for grp in groups for _, p in grp]
    lo, hi = bootstrap_ci(groups)
    return {
        "macro_f1": macro_f1(gold, pred),
        "macro_f1_ci95": [lo, hi],
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
        "f1_per_class": f1_scores(gold, pred),
    }


def vader_label(sentence: str) -> str:
    c = vader().polarity_scores(sentence)["compound"]
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="a NewsMTSC jsonl file")
    ap.add_argument("--mode", choices=["default", "trained"], default="default")
    ap.add_argument("--engine", choices=["linear", "rules", "neural"], default=None,
                    help="score through a target engine on analyze(sentence) instead of score_target")
    ap.add_argument("--deeds", action="store_true",
                    help="with --engine: where a target does something to a thing of value (the deed rule, "
                         "lexicons/effects.yaml), take the deed's sign, as scoring does; reports the deeds "
                         "found and the accuracy of deed and engine on those targets")
    ap.add_argument("--model", default=None,
                    help="model JSON for --mode trained or --engine linear, model folder for --engine neural (default: bundled)")
    args = ap.parse_args(argv)
    data = read_newsmtsc(args.data)
    ours: list[list[tuple[str, str]]] = []
    model: Any = None
    scoring = 0.0
    if args.engine:
        engine = load_engine(args.engine, model=args.model) if args.engine != "rules" else load_engine("rules")
        model = getattr(engine, "model", None) if args.engine == "linear" else None
        if args.engine == "neural":
            card = engine.model.card  # type: ignore[attr-defined]
            print(f"neural model {engine.version}: trained {card.get('date')}, data {card.get('data', {}).get('name')}",
                  file=sys.stderr)
        engine.score_spans(analyze("Warm up the caches."), [(0, 4)])
        effects = default_effects() if args.deeds else None
        on_deeds: list[tuple[str, str, str]] = []  # (gold, deed label, engine label) where a deed is read
        t0 = time.perf_counter()
        for s, ts in data:
            doc = analyze(s)
            t1 = time.perf_counter()
            res = engine.score_spans(doc, [(a, b) for a, b, _g in ts])
            scoring += time.perf_counter() - t1
            labels = [r.label for r in res]
            if effects is not None:
                spans = [_Target(a, b) for a, b, _g in ts]
                ends = mentions_by_end(doc, spans, 0, len(doc.tokens))
                deeds = find_deeds(doc.tokens, 0, len(doc.tokens), doc.text, ends, effects)
                for k, (a, b, g) in enumerate(ts):
                    d = deeds.get((a, b))
                    if d is not None:
                        on_deeds.append((g, "positive" if d.value > 0 else "negative", labels[k]))
                        labels[k] = on_deeds[-1][1]
            ours.append([(g, p) for (_a, _b, g), p in zip(ts, labels)])
        elapsed = time.perf_counter() - t0
    else:
        model = load_stance_model(args.model) if args.mode == "trained" else None
        score_target("Warm up the caches.", 0, 4, mode=args.mode, model=model)
        t0 = time.perf_counter()
        for s, ts in data:
            ours.append([(g, score_target(s, a, b, mode=args.mode, model=model).label) for a, b, g in ts])
        elapsed = scoring = time.perf_counter() - t0
    base = [[(g, vader_label(s)) for _a, _b, g in ts] for s, ts in data]
    res = summarize(ours)
    res.update(
        {
            "data": str(args.data),
            "mode": args.mode if not args.engine else None,
            "engine": args.engine,
            "n_sentences": len(data),
            "n_targets": sum(len(ts) for _, ts in data),
            "sentences_per_second": len(data) / elapsed if elapsed > 0 else None,
            "targets_per_second_scoring": sum(len(ts) for _, ts in data) / scoring if scoring > 0 else None,
            "vader_baseline": summarize(base),
        }
    )
    if args.engine and args.deeds:
        n = len(on_deeds)
        res["deeds"] = {
            "n_targets_with_a_deed": n,
            "deed_accuracy": sum(g == d for g, d, _e in on_deeds) / n if n else None,
            "engine_accuracy_on_them": sum(g == e for g, _d, e in on_deeds) / n if n else None,
            "gold_on_them": {lab: sum(g == lab for g, _d, _e in on_deeds) for lab in LABELS},
        }
    if model is not None:
        res["model_trained_on"] = model.meta.get("data")
        res["model_date"] = model.meta.get("date")
    for k in ("macro_f1", "accuracy"):
        print(f"{k:>10}: {res[k]:.3f}   (VADER whole sentence {res['vader_baseline'][k]:.3f})", file=sys.stderr)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
