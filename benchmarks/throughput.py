"""Throughput and memory of framecmp's full default scoring, beside VADER and tokenisation.

Usage::

    python benchmarks/throughput.py --data ../shared/data/allsides/articles.jsonl.gz \
        --workers 2 --sizes 1000,4000,16000,37554

Run ``--help`` for the metric definitions. The last line of stdout is one JSON
object. Timings on a shared machine are noisy; the ratios (framecmp / VADER,
framecmp / tokenize) are measured in the same run on the same articles and are
the numbers to compare across machines.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

METRICS = """\
metrics (wall-clock seconds are time.perf_counter; CPU seconds as stated):
  load_seconds        reading and cleaning the articles with framecmp's corpus loader
                      (framecmp.corpus.iter_records, the core of read_jsonl, in K
                      processes); not part of score_seconds (score() takes a
                      loaded corpus). end_to_end_seconds = load + score.
  score_seconds       framecmp.score(articles, workers=K, progress=False) on the
                      largest size: the full default scoring (text layer, actors,
                      attribution, stance with VADER, terms, evidence, frames).
  articles_per_second n_articles / score_seconds.
  words_per_second    sum of articles.n_words (framecmp's word count, title
                      excluded) / score_seconds.
  score_cpu_seconds   CPU seconds (user + system, getrusage) of the parent and the
                      worker processes during that score() call.
  vader_cpu_seconds   CPU seconds (time.process_time) of VADER alone (vaderSentiment
                      SentimentIntensityAnalyzer.polarity_scores) over every
                      sentence of the same articles (sentences from
                      framecmp.text.analyze; the analysis is not timed), summed
                      over the K processes that ran it.
  vader_seconds       vader_cpu_seconds / K: VADER parallelised perfectly over the
                      same K workers (a lower bound on its wall time).
  tokenize_cpu_seconds, tokenize_seconds   the same for framecmp.text.tokenize
                      over every article text.
  ratio_vs_vader      score_cpu_seconds / vader_cpu_seconds: CPU against CPU, so
                      it survives a busy machine (target: <= 1).
  ratio_vs_vader_wall score_seconds / vader_seconds (wall; noisy when the
                      machine is shared).
  ratio_vs_tokenize   score_cpu_seconds / tokenize_cpu_seconds.
  peak_rss_mb         resource.getrusage ru_maxrss: this process (RUSAGE_SELF)
                      plus K x the largest scoring worker (RUSAGE_CHILDREN, the
                      peak of the largest finished child), measured right after
                      the scoring runs, before the baselines start: an upper
                      bound on the memory the scoring run held at once, in MiB.
  peak_rss_self_mb, peak_rss_child_mb   the two parts of peak_rss_mb.
  sizes               one row per corpus size (first n articles), ascending:
                      n, score_seconds, score_cpu_seconds, articles_per_second,
                      words_per_second, vader_cpu_seconds, ratio_vs_vader,
                      seconds_per_1k_articles and cpu_seconds_per_1k_articles
                      (flat across sizes = linear cost), peak_rss_self_mb.
  profile             with --profile N: cProfile of score() on the first N
                      articles in this process; share of total time (tottime)
                      by framecmp module, and the top functions.
targets (issue 8, 2-core machine): 37,554 AllSides articles in < 120 s with 2
workers (>= 300 articles/s), peak memory < 2 GB, linear cost, ratio_vs_vader <= 1.
"""


def _ensure_articles_pickle() -> bool:
    """Worker processes need picklable Articles; work around it if they are not.

    Returns True when the workaround (a copyreg reducer for mappingproxy, the
    type of ``Article.metadata``) had to be installed; the result JSON says so.
    """
    import copyreg
    import pickle
    import types

    from framecmp.corpus import make_article

    try:
        pickle.dumps(make_article("x", "o", "Text."))
        return False
    except TypeError:
        copyreg.pickle(types.MappingProxyType, lambda m: (_mappingproxy, (dict(m),)))
        return True


def _mappingproxy(d: dict[str, Any]) -> Any:
    import types

    return types.MappingProxyType(d)


_PICKLE_WORKAROUND = _ensure_articles_pickle()


def _rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if platform.system() != "Darwin" else kb / 2**20


_COLUMNS: dict[str, Any] = {"text": "text", "outlet": "source", "id": "ID", "title": "title", "date": "date"}


def _load_batch(args: tuple[str, int, list[str]]) -> list[Any]:
    """Raw JSON lines -> cleaned Articles, through framecmp's loader (iter_records)."""
    import json

    from framecmp.corpus import iter_records

    source, first, lines = args
    recs = [json.loads(line) for line in lines]
    return list(iter_records(recs, source=source, **_COLUMNS))


def load_articles(path: str, limit: int | None, workers: int) -> tuple[list[Any], float]:
    """Articles through framecmp's corpus loader (AllSides field names).

    With one worker this is ``framecmp.corpus.iter_jsonl``; with more, the raw
    lines are parsed and cleaned by ``framecmp.corpus.iter_records`` in
    ``workers`` processes (cleaning is the slow part of loading).
    """
    import gzip
    import itertools

    from framecmp.corpus import iter_jsonl

    t0 = time.perf_counter()
    if workers <= 1:
        articles = list(itertools.islice(iter_jsonl(path, **_COLUMNS), limit))
        return articles, time.perf_counter() - t0
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in itertools.islice(fh, limit) if ln.strip()]
    batches = [(path, i, lines[i : i + 250]) for i in range(0, len(lines), 250)]
    with ProcessPoolExecutor(max_workers=workers) as ex:
        articles = [a for res in ex.map(_load_batch, batches) for a in res]
    return articles, time.perf_counter() - t0


def _baseline_batch(items: list[tuple[str, str | None]]) -> list[tuple[float, float, int, int]]:
    """Per article: (VADER CPU seconds, tokenize CPU seconds, sentences, tokens)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framecmp.text import analyze, tokenize

    sia = _SIA.setdefault("sia", SentimentIntensityAnalyzer())
    out = []
    for text, title in items:
        doc = analyze(text, title=title)
        sents = [text[s.start : s.end] for s in doc.sentences]
        t0 = time.process_time()  # CPU time: robust to other processes on the machine
        for s in sents:
            sia.polarity_scores(s)
        t1 = time.process_time()
        toks = tokenize(text)
        t2 = time.process_time()
        out.append((t1 - t0, t2 - t1, len(sents), len(toks)))
    return out


_SIA: dict[str, Any] = {}


def baselines(articles: Sequence[Any], workers: int) -> list[tuple[float, float, int, int]]:
    """VADER and tokenize timings per article, measured in ``workers`` processes."""
    items = [(a.text, a.title) for a in articles]
    chunk = 100
    batches = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    if workers <= 1:
        return [r for b in batches for r in _baseline_batch(b)]
    with ProcessPoolExecutor(max_workers=workers) as ex:
        return [r for res in ex.map(_baseline_batch, batches) for r in res]


def _cpu() -> float:
    """CPU seconds of this process plus its finished (joined) children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def time_score(
    articles: Sequence[Any], workers: int, progress: bool
) -> tuple[float, float, int, dict[str, int]]:
    """Wall and CPU seconds (parent + worker processes) of one score() call."""
    from framecmp.score import score

    c0, t0 = _cpu(), time.perf_counter()
    sc = score(articles, workers=workers, progress=progress)
    dt, cpu = time.perf_counter() - t0, _cpu() - c0  # the pool is joined when score() returns
    n_words = int(sc.articles["n_words"].fillna(0).sum())
    status = {str(k): int(v) for k, v in sc.articles["status"].value_counts().items()}
    return dt, cpu, n_words, status


def profile(articles: Sequence[Any], top: int = 25) -> dict[str, Any]:
    """cProfile of a single-process score(); time shares by framecmp module."""
    from framecmp.score import score

    prof = cProfile.Profile()
    prof.enable()
    score(articles, workers=1, progress=False)
    prof.disable()
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]
    by_module: dict[str, float] = defaultdict(float)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        if "framecmp" in file:
            key = "framecmp/" + Path(file).name
        elif "vaderSentiment" in file:
            key = "vaderSentiment"
        elif file.startswith("~") or file == "~":
            key = "builtins (" + func.split(" ")[-1].strip("<>'") + ")"
        else:
            key = "other: " + Path(file).parent.name + "/" + Path(file).name
        by_module[key] += tt
        rows.append((tt, ct, nc, f"{Path(file).name}:{line}({func})"))
    rows.sort(reverse=True)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(30)
    return {
        "n_articles": len(articles),
        "total_seconds": total,
        "share_by_module": {
            k: round(v / total, 4) for k, v in sorted(by_module.items(), key=lambda kv: -kv[1])[:20]
        },
        "top_tottime": [
            {"function": f, "tottime": round(tt, 3), "cumtime": round(ct, 3), "calls": nc}
            for tt, ct, nc, f in rows[:top]
        ],
        "_cumulative_text": buf.getvalue(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=METRICS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--data", required=True, help="JSONL(.gz) with AllSides fields (ID, source, text, title, date)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--workers", type=int, default=2, help="worker processes K (default 2)")
    ap.add_argument(
        "--sizes", default="1000,4000,16000,37554",
        help="comma-separated corpus sizes for the linearity table (capped at the articles available)",
    )
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile score() on N articles")
    ap.add_argument("--no-baselines", action="store_true", help="skip VADER / tokenize baselines")
    ap.add_argument("--progress", action="store_true", help="show progress bars on stderr")
    args = ap.parse_args(argv)
    k = args.workers

    articles, load_s = load_articles(args.data, args.limit, k)
    n_avail = len(articles)
    sizes = sorted({min(int(s), n_avail) for s in args.sizes.split(",") if s.strip()})
    print(f"loaded {n_avail} articles in {load_s:.1f} s; sizes {sizes}; workers {k}; "
          f"cpus {os.cpu_count()}; load average {os.getloadavg()}", file=sys.stderr)

    table: list[dict[str, Any]] = []
    for n in sizes:
        dt, cpu, n_words, status = time_score(articles[:n], k, args.progress)
        row: dict[str, Any] = {
            "n": n,
            "score_seconds": round(dt, 3),
            "score_cpu_seconds": round(cpu, 3),
            "articles_per_second": round(n / dt, 1),
            "words_per_second": round(n_words / dt, 1),
            "seconds_per_1k_articles": round(1000 * dt / n, 3),
            "cpu_seconds_per_1k_articles": round(1000 * cpu / n, 3),
            "n_words": n_words,
            "status": status,
            "peak_rss_self_mb": round(_rss_mb(resource.RUSAGE_SELF), 1),
        }
        table.append(row)
        print(json.dumps(row), file=sys.stderr)
    self_mb = _rss_mb(resource.RUSAGE_SELF)
    child_mb = _rss_mb(resource.RUSAGE_CHILDREN)
    peak = self_mb + (k * child_mb if k > 1 else 0.0)

    vader_s = tok_s = None
    n_sent = n_tok = 0
    if not args.no_baselines:
        per = baselines(articles[: sizes[-1]], k)
        cum_v = cum_t = 0.0
        sizes_set = set(sizes)
        for i, (v, t, ns, nt) in enumerate(per, 1):
            cum_v += v
            cum_t += t
            n_sent += ns
            n_tok += nt
            if i in sizes_set:
                row = next(r for r in table if r["n"] == i)
                row["vader_cpu_seconds"] = round(cum_v, 3)
                row["ratio_vs_vader"] = round(row["score_cpu_seconds"] / cum_v, 3)
        vader_s, tok_s = cum_v, cum_t

    big: dict[str, Any] = table[-1]
    result: dict[str, Any] = {
        "n_articles": big["n"],
        "workers": k,
        "articles_per_second": big["articles_per_second"],
        "words_per_second": big["words_per_second"],
        "score_seconds": big["score_seconds"],
        "load_seconds": round(load_s, 3),
        "end_to_end_seconds": round(load_s * big["n"] / n_avail + big["score_seconds"], 3),
        "score_cpu_seconds": big["score_cpu_seconds"],
        "vader_cpu_seconds": None if vader_s is None else round(vader_s, 3),
        "tokenize_cpu_seconds": None if tok_s is None else round(tok_s, 3),
        "vader_seconds": None if vader_s is None else round(vader_s / k, 3),
        "tokenize_seconds": None if tok_s is None else round(tok_s / k, 3),
        "ratio_vs_vader": None if vader_s is None else round(big["score_cpu_seconds"] / vader_s, 3),
        "ratio_vs_tokenize": None if tok_s is None else round(big["score_cpu_seconds"] / tok_s, 3),
        "ratio_vs_vader_wall": None if vader_s is None else round(big["score_seconds"] / (vader_s / k), 3),
        "n_sentences": n_sent,
        "n_tokens": n_tok,
        "peak_rss_mb": round(peak, 1),
        "peak_rss_self_mb": round(self_mb, 1),
        "peak_rss_child_mb": round(child_mb, 1),
        "article_pickle_workaround": _PICKLE_WORKAROUND,
        "memory_method": "getrusage ru_maxrss: self + workers x largest child",
        "sizes": table,
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "data": str(args.data),
    }
    if args.profile:
        prof = profile(articles[: args.profile])
        print(prof.pop("_cumulative_text"), file=sys.stderr)
        result["profile"] = prof
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
