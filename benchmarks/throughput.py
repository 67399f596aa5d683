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
  score_seconds       framecmp.score_file(first N lines, out, workers=K) on the largest
                      size, run in a fresh Python process: the streaming path for big
                      corpora, end to end (read JSONL, clean and build the articles and
                      score them in the K workers, write every frame to Parquet).
                      end_to_end_seconds = score_seconds (loading is inside).
  articles_per_second n_articles / score_seconds.
  words_per_second    sum of articles.n_words (framecmp's word count, title
                      excluded) / score_seconds.
  in_memory           with --in-memory: the same table for framecmp.score() on
                      articles loaded beforehand (load_seconds apart, not included).
  score_cpu_seconds   CPU seconds (user + system, getrusage) of the score_file
                      process and its workers (loading and cleaning included).
  vader_cpu_seconds   CPU seconds (time.process_time) of VADER alone (vaderSentiment
                      SentimentIntensityAnalyzer.polarity_scores) over every
                      sentence of the same articles (sentences from
                      framecmp.text.doc.analyze; the analysis is not timed), summed
                      over the K processes that ran it.
  vader_seconds       vader_cpu_seconds / K: VADER parallelised perfectly over the
                      same K workers (a lower bound on its wall time).
  tokenize_cpu_seconds, tokenize_seconds   the same for framecmp.text.doc.tokenize
                      over every article text.
  ratio_vs_vader      score_cpu_seconds / vader_cpu_seconds: CPU against CPU, so
                      it survives a busy machine (target: <= 1).
  ratio_vs_vader_wall score_seconds / vader_seconds (wall; noisy when the
                      machine is shared).
  ratio_vs_tokenize   score_cpu_seconds / tokenize_cpu_seconds.
  peak_rss_mb         getrusage ru_maxrss of the score_file process: itself
                      (RUSAGE_SELF) plus K x its largest worker (RUSAGE_CHILDREN):
                      an upper bound on the memory held at once, in MiB.
  peak_rss_sampled_mb the largest sum of VmRSS over that process and its workers,
                      sampled every 0.1 s (Linux /proc; shared pages count twice).
  peak_rss_self_mb, peak_rss_child_mb   the two parts of peak_rss_mb.
  sizes               one row per corpus size (first n articles), ascending:
                      n, score_seconds, score_cpu_seconds, articles_per_second,
                      words_per_second, vader_cpu_seconds, ratio_vs_vader,
                      seconds_per_1k_articles and cpu_seconds_per_1k_articles
                      (flat across sizes = linear cost), and the peak_rss_* above.
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

    from framecmp.io.corpus import make_article

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

    from framecmp.io.readers import iter_records

    source, first, lines = args
    recs = [json.loads(line) for line in lines]
    return list(iter_records(recs, source=source, **_COLUMNS))


def load_articles(path: str, limit: int | None, workers: int) -> tuple[list[Any], float]:
    """Articles through framecmp's corpus loader (AllSides field names).

    With one worker this is ``framecmp.io.readers.iter_jsonl``; with more, the raw
    lines are parsed and cleaned by ``framecmp.io.readers.iter_records`` in
    ``workers`` processes (cleaning is the slow part of loading).
    """
    import gzip
    import itertools

    from framecmp.io.readers import iter_jsonl

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

    from framecmp.text.doc import analyze, tokenize

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
    from framecmp.scoring import score

    c0, t0 = _cpu(), time.perf_counter()
    sc = score(articles, workers=workers, progress=progress)
    dt, cpu = time.perf_counter() - t0, _cpu() - c0  # the pool is joined when score() returns
    n_words = int(sc.articles["n_words"].fillna(0).sum())
    status = {str(k): int(v) for k, v in sc.articles["status"].value_counts().items()}
    return dt, cpu, n_words, status


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants now (Linux /proc), in MiB."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total / 1024


def _child_score_file(path: str, out: str, workers: int, chunksize: int, engine: str = "linear") -> None:
    """Run in a fresh process: score_file on ``path``; print one JSON line of measurements."""
    import threading

    from framecmp.runs import score_file

    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss_mb(os.getpid()))
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    c0, t0 = _cpu(), time.perf_counter()
    th.start()
    summary = score_file(path, out, workers=workers, chunksize=chunksize, columns=_COLUMNS, progress=False,
                         engine=engine)
    dt, cpu = time.perf_counter() - t0, _cpu() - c0  # the pool is joined when score_file returns
    stop.set()
    th.join()
    print(json.dumps({
        "seconds": dt, "cpu": cpu, "summary": summary, "peak_tree_mb": peak[0],
        "self_mb": _rss_mb(resource.RUSAGE_SELF), "child_mb": _rss_mb(resource.RUSAGE_CHILDREN),
    }))


def time_score_file(
    path: str, workers: int, chunksize: int, tmp: str, engine: str = "linear"
) -> tuple[float, float, int, dict[str, int], dict[str, float]]:
    """Wall and CPU seconds and memory of ``score_file`` (read + clean + score + write
    Parquet), in a fresh Python process so that its peak memory is its own."""
    import subprocess

    import pandas as pd

    out = os.path.join(tmp, "frames")
    cmd = [sys.executable, __file__, "--child-score-file", path, out, str(workers), str(chunksize), engine]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    m = json.loads(res.stdout.strip().splitlines()[-1])
    arts = pd.read_parquet(os.path.join(out, "articles.parquet"), columns=["n_words", "status"])
    n_words = int(arts["n_words"].fillna(0).sum())
    status = {str(k): int(v) for k, v in arts["status"].value_counts().items()}
    ev = pd.read_parquet(os.path.join(out, "evidence.parquet"), columns=["kind", "category"])
    n_engine = int(((ev["kind"] == "evaluation") & (ev["category"] == engine)).sum())
    k = workers if workers > 1 else 0
    mem = {
        "peak_rss_mb": round(m["self_mb"] + k * m["child_mb"], 1),
        "peak_rss_sampled_mb": round(m["peak_tree_mb"], 1),
        "peak_rss_self_mb": round(m["self_mb"], 1),
        "peak_rss_child_mb": round(m["child_mb"], 1),
        "engine_mentions": n_engine,
    }
    return m["seconds"], m["cpu"], n_words, status, mem


def profile(articles: Sequence[Any], top: int = 25) -> dict[str, Any]:
    """cProfile of a single-process score(); time shares by framecmp module."""
    from framecmp.scoring import score

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


def _read_lines(path: str, limit: int | None) -> list[str]:
    import gzip
    import itertools

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [ln for ln in itertools.islice(fh, limit) if ln.strip()]


def _baseline_lines(lines: list[str]) -> list[tuple[float, float, int, int]]:
    """Raw JSON lines -> cleaned articles (not timed) -> VADER and tokenize timings."""
    from framecmp.io.readers import iter_records

    arts = list(iter_records([json.loads(ln) for ln in lines], source="b", **_COLUMNS))
    return _baseline_batch([(a.text, a.title) for a in arts])


def baselines_from_lines(lines: list[str], workers: int) -> list[tuple[float, float, int, int]]:
    """VADER and tokenize timings per article, measured in ``workers`` processes."""
    batches = [lines[i : i + 100] for i in range(0, len(lines), 100)]
    if workers <= 1:
        return [r for b in batches for r in _baseline_lines(b)]
    with ProcessPoolExecutor(max_workers=workers) as ex:
        return [r for res in ex.map(_baseline_lines, batches) for r in res]


def _row(n: int, dt: float, cpu: float, n_words: int, status: dict[str, int]) -> dict[str, Any]:
    return {
        "n": n,
        "score_seconds": round(dt, 3),
        "score_cpu_seconds": round(cpu, 3),
        "articles_per_second": round(n / dt, 1),
        "words_per_second": round(n_words / dt, 1),
        "seconds_per_1k_articles": round(1000 * dt / n, 3),
        "cpu_seconds_per_1k_articles": round(1000 * cpu / n, 3),
        "n_words": n_words,
        "status": status,
    }


def main(argv: Sequence[str] | None = None) -> int:
    import tempfile

    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child-score-file":
        _child_score_file(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
        return 0
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
    ap.add_argument("--chunksize", type=int, default=2000, help="score_file chunk size (default 2000)")
    ap.add_argument("--engine", default="linear", choices=["linear", "rules", "neural"],
                    help="the target engine of the scoring (default linear); engine_mentions counts the mentions it scored")
    ap.add_argument("--in-memory", action="store_true",
                    help="also time in-memory score() on loaded articles (reported under in_memory)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile score() on N articles")
    ap.add_argument("--no-baselines", action="store_true", help="skip VADER / tokenize baselines")
    ap.add_argument("--progress", action="store_true", help="show progress bars on stderr")
    args = ap.parse_args(argv)
    k = args.workers

    lines = _read_lines(args.data, args.limit)
    n_avail = len(lines)
    sizes = sorted({min(int(s), n_avail) for s in args.sizes.split(",") if s.strip()})
    print(f"{n_avail} articles; sizes {sizes}; workers {k}; "
          f"cpus {os.cpu_count()}; load average {os.getloadavg()}", file=sys.stderr)

    table: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = os.path.join(tmp, f"first{n}.jsonl")
            with open(src, "w", encoding="utf-8") as fh:
                fh.writelines(lines[:n])
            dt, cpu, n_words, status, mem = time_score_file(src, k, args.chunksize, os.path.join(tmp, str(n)), args.engine)
            mem["engine_mentions_per_second"] = round(mem["engine_mentions"] / dt, 1)
            os.remove(src)
            row = {**_row(n, dt, cpu, n_words, status), **mem}
            table.append(row)
            print(json.dumps(row), file=sys.stderr)

    in_memory: list[dict[str, Any]] = []
    load_s = None
    articles: list[Any] = []
    if args.in_memory or args.profile:
        articles, load_s = load_articles(args.data, sizes[-1], k)
    if args.in_memory:
        for n in sizes:
            dt, cpu, n_words, status = time_score(articles[:n], k, args.progress)
            row = {**_row(n, dt, cpu, n_words, status),
                   "peak_rss_self_mb": round(_rss_mb(resource.RUSAGE_SELF), 1)}
            in_memory.append(row)
            print("in-memory", json.dumps(row), file=sys.stderr)
        in_memory[-1]["peak_rss_mb"] = round(
            _rss_mb(resource.RUSAGE_SELF) + (k * _rss_mb(resource.RUSAGE_CHILDREN) if k > 1 else 0.0), 1)
        in_memory[-1]["load_seconds"] = round(load_s or 0.0, 3)

    vader_s = tok_s = None
    n_sent = n_tok = 0
    if not args.no_baselines:
        per = baselines_from_lines(lines[: sizes[-1]], k)
        cum_v = cum_t = 0.0
        sizes_set = set(sizes)
        for i, (v, t, ns, nt) in enumerate(per, 1):
            cum_v += v
            cum_t += t
            n_sent += ns
            n_tok += nt
            if i in sizes_set:
                for tab in (table, in_memory):
                    for row in tab:
                        if row["n"] == i:
                            row["vader_cpu_seconds"] = round(cum_v, 3)
                            row["ratio_vs_vader"] = round(row["score_cpu_seconds"] / cum_v, 3)
        vader_s, tok_s = cum_v, cum_t

    big: dict[str, Any] = table[-1]
    result: dict[str, Any] = {
        "n_articles": big["n"],
        "workers": k,
        "engine": args.engine,
        "engine_mentions_per_second": big.get("engine_mentions_per_second"),
        "method": "score_file (stream: read, clean, score, write Parquet) in a fresh process",
        "articles_per_second": big["articles_per_second"],
        "words_per_second": big["words_per_second"],
        "score_seconds": big["score_seconds"],
        "end_to_end_seconds": big["score_seconds"],
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
        "peak_rss_mb": big["peak_rss_mb"],
        "peak_rss_sampled_mb": big["peak_rss_sampled_mb"],
        "peak_rss_self_mb": big["peak_rss_self_mb"],
        "peak_rss_child_mb": big["peak_rss_child_mb"],
        "article_pickle_workaround": _PICKLE_WORKAROUND,
        "memory_method": "getrusage ru_maxrss of the score_file process: self + workers x largest child; "
                         "peak_rss_sampled_mb: largest sum of VmRSS over the process tree, sampled every 0.1 s",
        "sizes": table,
        "in_memory": in_memory or None,
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
