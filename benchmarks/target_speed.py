"""Speed of the target scorers on the actor mentions of real articles, all in one run.

Usage::

    python benchmarks/target_speed.py --data ../shared/data/allsides/articles.jsonl.gz --n 1000

The first N articles of an AllSides-format JSONL(.gz) file are loaded with ``framecmp.load``
and read with ``framecmp.text.analyze`` (as the scorer reads them); the mentions are those of
the bundled actors (``framecmp.measures.actors.load_actors`` / ``find_mentions``), every one,
ambiguous ones included. None of that is timed. Then, one process, one scorer after the
other over the same mentions (wall time, ``time.perf_counter``):

* ``stance_model``: ``StanceModel.score(sentence, start, end)`` per mention (the trained
  mode of ``score_target``: the sentence text re-tokenised, VADER ``polarity_scores`` and
  the rule parts per target);
* ``score_rules``: ``score_rules(sentence, start, end)`` per mention (the default mode);
* ``engine_linear``, ``engine_rules``: one ``load_engine(name).score_spans(doc, spans)`` call
  per article with all its mentions.

A first pass over all articles warms the caches; the timed pass runs the scorers one after
the other on each article (so that a change in the machine's load hits them alike), with
the cyclic GC frozen (as the scorer's workers do).

Metrics per scorer, from CPU time (``time.process_time``: a busy machine slows it less than
wall time; ``wall_seconds`` is given too): ``cpu_seconds``, ``mentions_per_second``,
``ms_per_mention``, ``ms_per_article``; ``speedup_vs_stance_model`` = stance_model CPU
seconds / the scorer's.
``agreement_rules`` checks that the rules engine gives score_rules' labels on every mention.
The last line of stdout is one JSON object. The machine may be shared: compare the scorers
within one run, not across runs.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import framecmp as fc
from framecmp.measures.actors import find_mentions, load_actors
from framecmp.measures.stance import TargetRules, load_engine, load_stance_model
from framecmp.measures.stance.cues import default_cues
from framecmp.measures.stance.target import score_rules
from framecmp.text import analyze


def _articles(path: Path, n: int, tmp: Path) -> Any:
    opener = gzip.open if path.suffix == ".gz" else open
    head = tmp / "head.jsonl"
    with opener(path, "rt", encoding="utf-8") as src, head.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return fc.load(head, outlet="source", id="ID")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="AllSides-format JSONL(.gz)")
    ap.add_argument("--n", type=int, default=1000, help="first N articles (default 1000)")
    ap.add_argument("--model", default=None, help="target model JSON for the linear engine (default: bundled)")
    ap.add_argument("--skip-stance-model", action="store_true", help="leave out the slow StanceModel")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _articles(args.data, args.n, Path(tmp))
        docs = [analyze(a.text, title=a.title) for a in corpus]
    index = load_actors()
    per_doc = []
    for d in docs:
        spans = [(m.start, m.end) for m in find_mentions(d, index)]
        per_doc.append((d, spans))
    n_mentions = sum(len(s) for _d, s in per_doc)
    items = []  # (sentence text, start, end) for the per-sentence scorers
    for d, spans in per_doc:
        for s0, s1 in spans:
            sent = d.sentence_at(s0)
            assert sent is not None
            items.append((d.text[sent.start : sent.end], s0 - sent.start, min(s1, sent.end) - sent.start))
    cues, rules = default_cues(), TargetRules()
    linear = load_engine("linear", model=args.model)
    eng_rules = load_engine("rules")
    model = load_stance_model()
    # per-article scorers, each over the same mentions
    by_doc: list[list[tuple[str, int, int]]] = []
    k = 0
    for _d, spans in per_doc:
        by_doc.append(items[k : k + len(spans)])
        k += len(spans)

    def stance_model(i: int) -> list[str]:
        return [model.score(s, a, b, cues=cues).label for s, a, b in by_doc[i]]

    def rules_fn(i: int) -> list[str]:
        return [score_rules(s, a, b, rules=rules, cues=cues).label for s, a, b in by_doc[i]]

    def engine_fn(eng: Any) -> Any:
        return lambda i: [r.label for r in eng.score_spans(*per_doc[i])]

    scorers = {"score_rules": rules_fn, "engine_linear": engine_fn(linear), "engine_rules": engine_fn(eng_rules)}
    if not args.skip_stance_model:
        scorers = {"stance_model": stance_model, **scorers}
    # a first pass warms every cache (the stemmer, VADER, the lexicons); the timed pass then
    # runs the scorers one after the other on each article, so that a change in the machine's
    # load hits them all alike
    labels: dict[str, list[str]] = {k: [] for k in scorers}
    for i in range(len(per_doc)):
        for name, fn in scorers.items():
            labels[name].extend(fn(i))
    gc.collect()
    gc.freeze()
    wall = dict.fromkeys(scorers, 0.0)
    cpu = dict.fromkeys(scorers, 0.0)
    for i in range(len(per_doc)):
        for name, fn in scorers.items():
            t0, c0 = time.perf_counter(), time.process_time()
            fn(i)
            wall[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
    gc.unfreeze()
    agreement = sum(x == y for x, y in zip(labels["engine_rules"], labels["score_rules"])) / max(n_mentions, 1)
    timings = cpu
    base = timings.get("stance_model")
    res: dict[str, Any] = {
        "n_articles": len(docs),
        "n_mentions": n_mentions,
        "mentions_per_article": n_mentions / max(len(docs), 1),
        "agreement_rules": agreement,
        "linear_model_date": linear.model.meta.get("date") if hasattr(linear, "model") else None,
        "scorers": {
            k: {
                "cpu_seconds": v,
                "wall_seconds": wall[k],
                "mentions_per_second": n_mentions / v if v else None,
                "ms_per_mention": 1e3 * v / max(n_mentions, 1),
                "ms_per_article": 1e3 * v / max(len(docs), 1),
                "speedup_vs_stance_model": base / v if base and v else None,
            }
            for k, v in timings.items()
        },
    }
    for k, r in res["scorers"].items():
        sp = f", {r['speedup_vs_stance_model']:.1f}x StanceModel" if r["speedup_vs_stance_model"] else ""
        print(f"{k:>14}: {r['mentions_per_second']:8.0f} mentions/s, {r['ms_per_article']:.2f} ms/article{sp}",
              file=sys.stderr)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
