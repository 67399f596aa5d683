"""Random pronoun resolutions to read by hand (the precision check of the pronoun rules).

Usage::

    python benchmarks/pronoun_sample.py --data ../shared/data/allsides/articles.jsonl.gz \
        [--articles 3000] [--n 40] [--seed 5]

Scores the first ``--articles`` articles with the bundled actors and prints how many
pronouns the rules of ``framecmp.measures.stance.pronouns`` read, then ``--n`` of them drawn
at random, each with its sentence (and the sentence before, when the antecedent stands
there), for a person to mark right or wrong. No labels are read: the figure in the README
(38 of 40 right, seed 5, 3,000 articles) is one reader's judgement of this output.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_articles  # noqa: E402

import framecmp as fc  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="JSONL(.gz) with AllSides fields (ID, source, text, title, date)")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    arts, _ = load_articles(args.data, args.articles, 1)
    scores = fc.score(fc.Corpus(arts), progress=False, workers=args.workers)
    ev = scores.evidence
    read = ev[ev.explanation.str.contains("the pronoun", na=False, regex=False)]
    n_eval = int(ev.kind.isin(["evaluation", "stance", "victim"]).sum())
    print(f"articles {len(arts)}; pronouns read {len(read)}; evaluations {n_eval}")
    texts = {a.article_id: a for a in arts}
    rows = list(read.itertuples())
    random.Random(args.seed).shuffle(rows)
    for r in rows[: args.n]:
        a = texts[r.article_id]
        doc = fc.analyze(a.text, title=a.title)
        sent = doc.sentences[int(r.sentence)]
        print("---", r.article_id, r.actor, f"{r.value:+.2f}", str(r.explanation).split("; the pronoun")[-1])
        if "sentence before" in str(r.explanation) and r.sentence > 0:
            prev = doc.sentences[int(r.sentence) - 1]
            print("   BEFORE:", doc.text[prev.start:prev.end][:300])
        print("   ", doc.text[sent.start:sent.end][:400])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
