"""Build a transfer set for the linear target engine: news sentences labelled by the neural engine.

    python benchmarks/distil_transfer_set.py --data ../shared/data/allsides/articles.jsonl.gz \
        --exclude ../shared/data/newsmtsc/*.jsonl --targets 60000 --workers 2 -o silver.jsonl

The neural engine (``models/neural_stance``: all-MiniLM-L6-v2 fine-tuned on NewsMTSC train;
needs the ``neural`` extra) reads sentences the linear model never saw and labels a target in
each; ``benchmarks/train_stance_model.py --silver silver.jsonl`` then fits the linear model on
NewsMTSC train plus these labels (knowledge distillation: the small model learns the large one's
readings of many more words and contexts than 8,700 hand-labelled targets hold).

What is read: the articles of ``--data`` (JSONL, framecmp's reader; the AllSides corpus,
Apache-2.0) in a fixed shuffled order (``--seed``); each article's body is cut into sentences
by ``framecmp.text.analyze``. What is a target: a run of capitalised words (a name: "Senate
Republicans", "Pelosi", "the European Union" -> "European Union"), not the sentence's first
word unless the run is two words or more, at most ``--per-sentence`` per sentence, in
sentences of 8 to 60 words. Sentences whose text is in any ``--exclude`` file (NewsMTSC's
train and dev sentences, which were also drawn from AllSides) are left out, so the dev scores
of a model fitted on the transfer set are not read off sentences the teacher labelled.

Output: JSON lines in NewsMTSC's layout (``sentence_normalized``, ``targets`` with ``from``,
``to``, ``mention``, ``polarity`` 2/4/6 = negative/neutral/positive: the teacher's likeliest
class) plus ``p``: the teacher's probabilities (negative, neutral, positive). The last line of
stdout is one JSON object (counts, seconds, the label shares).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

POLARITY_OUT = {0: 2.0, 1: 4.0, 2: 6.0}  # class index (negative, neutral, positive) -> NewsMTSC code
_SKIP_FIRST = frozenset("the a an but and or so yet this that these those it he she they we i you in on at "
                        "for as if when while after before since because".split())


def name_spans(text: str, tokens: list[Any]) -> list[tuple[int, int]]:
    """Character spans of the runs of capitalised words in one sentence (see the module doc)."""
    out = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.is_word and t.text[:1].isupper() and t.text.lower() not in ("i",):
            j = i + 1
            while j < n and tokens[j].is_word and tokens[j].text[:1].isupper():
                j += 1
            # a lone capitalised first word may be any word; "The European Union" -> "European Union"
            if not (i == 0 and j - i < 2):
                a = i + 1 if t.norm in _SKIP_FIRST else i
                if a < j:
                    out.append((tokens[a].start, tokens[j - 1].end))
            i = j
        else:
            i += 1
    return out


def _norm_sentence(s: str) -> str:
    return " ".join(s.split()).casefold()


def _candidates(args: tuple[list[tuple[str, str]], frozenset[str], int, int]) -> list[tuple[str, str, list[tuple[int, int]]]]:
    from framecmp.text import analyze

    arts, excluded, per_sentence, seed = args
    rng = random.Random(seed)
    out = []
    for aid, text in arts:
        doc = analyze(text)
        for si, s in enumerate(doc.sentences):
            if s.part != "body":
                continue
            toks = [t for t in doc.tokens[s.tok_start : s.tok_end]]
            n_words = sum(1 for t in toks if t.is_word)
            if not 8 <= n_words <= 60:
                continue
            sent = doc.text[s.start : s.end]
            if _norm_sentence(sent) in excluded:
                continue
            spans = [(a - s.start, b - s.start) for a, b in name_spans(doc.text, toks)]
            if not spans:
                continue
            rng.shuffle(spans)
            out.append((f"{aid}:{si}", sent, sorted(spans[:per_sentence])))
    return out


def _label(rows: list[tuple[str, str, list[tuple[int, int]]]]) -> list[dict[str, Any]]:
    import numpy as np

    from framecmp.measures.stance.neural import load_neural_model
    from framecmp.measures.stance.neural_input import encode_target, pieces_of

    model = load_neural_model(None, threads=1)
    out = []
    for gid, sent, spans in rows:
        pieces = pieces_of(model.tokenizer, sent)
        inputs = [encode_target(pieces, a, b) for a, b in spans]
        z = model.logits(inputs)
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        targets = [
            {"from": a, "to": b, "mention": sent[a:b], "polarity": POLARITY_OUT[int(pk.argmax())],
             "p": [round(float(v), 4) for v in pk]}
            for (a, b), pk in zip(spans, p)
        ]
        out.append({"primary_gid": f"silver_{gid}", "sentence_normalized": sent, "targets": targets})
    return out


def _chunks(xs: list[Any], n: int) -> list[list[Any]]:
    return [xs[i : i + n] for i in range(0, len(xs), n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="articles (JSONL, e.g. the AllSides corpus)")
    ap.add_argument("--exclude", nargs="*", default=[], help="NewsMTSC-layout files whose sentences are left out")
    ap.add_argument("--targets", type=int, default=60000, help="how many targets to label")
    ap.add_argument("--per-sentence", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    from stance_newsmtsc import read_newsmtsc

    from framecmp.io.readers import iter_jsonl

    t0 = time.perf_counter()
    excluded = frozenset(_norm_sentence(s) for f in args.exclude for s, _t in read_newsmtsc(f))
    arts = [(a.article_id, a.text) for a in iter_jsonl(args.data, text="text", id="ID", outlet="source")]
    random.Random(args.seed).shuffle(arts)
    want = args.targets
    rows: list[tuple[str, str, list[tuple[int, int]]]] = []
    n_targets = 0
    with ProcessPoolExecutor(args.workers) as ex:
        for batch in _chunks(arts, 400):
            jobs = [(c, excluded, args.per_sentence, args.seed + k) for k, c in enumerate(_chunks(batch, 200))]
            for got in ex.map(_candidates, jobs):
                for r in got:
                    if n_targets >= want:
                        break
                    rows.append(r)
                    n_targets += len(r[2])
            if n_targets >= want:
                break
        t1 = time.perf_counter()
        labelled = [r for got in ex.map(_label, _chunks(rows, 500)) for r in got]
    t2 = time.perf_counter()
    shares: Counter[float] = Counter(t["polarity"] for r in labelled for t in r["targets"])
    with open(args.output, "w", encoding="utf-8") as fh:
        for r in labelled:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    total = sum(shares.values())
    print(json.dumps({
        "output": args.output, "n_sentences": len(labelled), "n_targets": total, "n_excluded_sentences": len(excluded),
        "shares": {"negative": shares[2.0] / total, "neutral": shares[4.0] / total, "positive": shares[6.0] / total},
        "seconds_candidates": round(t1 - t0, 1), "seconds_teacher": round(t2 - t1, 1),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
