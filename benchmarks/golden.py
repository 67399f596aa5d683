"""Golden comparison for refactors: every frame, the report and the worksheet, before and after.

Usage::

    python benchmarks/golden.py --data ../shared/data/allsides/articles.jsonl.gz \
        --n 2000 --out /tmp/golden-before
    # ... move code ...
    python benchmarks/golden.py --data ../shared/data/allsides/articles.jsonl.gz \
        --n 2000 --out /tmp/golden-after --against /tmp/golden-before

It scores the bundled seeds and the first N lines of an AllSides-format JSONL file with
the default settings, writes every frame (sorted by its own columns, as CSV), the seeds'
report HTML, the seeds' worksheet (HTML and answer key) and ``compare()`` tables, and a
``manifest.json`` of their sha256. With ``--against DIR`` it compares the two manifests and
names every file that differs (and the first differing line). The output folder holds
article text from the data file: keep it outside the repository (default: a temp folder).

The last line of stdout is one JSON object: files written, files that differ.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

import framecmp as fc


def _frames(scores: object) -> dict[str, pd.DataFrame]:
    names = [n for n in ("articles", "evidence", "stance", "terms", "labels", "attribution",
                         "voices", "style", "mentions", "removals", "portrayal")
             if hasattr(scores, n)]
    return {n: getattr(scores, n) for n in names}


def _write_frame(df: pd.DataFrame, path: Path) -> None:
    df = df.copy()
    for c in df.columns:
        df[c] = df[c].astype("string")
    df = df.sort_values(list(df.columns), kind="mergesort").reset_index(drop=True)
    df.to_csv(path, index=False)


def _score_set(name: str, corpus: object, out: Path, *, documents: bool) -> None:
    scores = fc.score(corpus, progress=False)
    for frame, df in _frames(scores).items():
        _write_frame(df, out / f"{name}.{frame}.csv")
    for measure in ("stance", "terms", "attribution"):
        try:
            table = fc.compare(scores, measure=measure, n_boot=200, n_perm=200)
        except Exception as exc:  # a comparison that fails is part of the golden record
            (out / f"{name}.compare.{measure}.err").write_text(f"{type(exc).__name__}: {exc}\n")
            continue
        _write_frame(table, out / f"{name}.compare.{measure}.csv")
    if documents:
        (out / f"{name}.report.html").write_text(fc.report(scores), encoding="utf-8")
        ws = fc.worksheet(scores)
        (out / f"{name}.worksheet.html").write_text(ws.html, encoding="utf-8")
        (out / f"{name}.answer_key.html").write_text(ws.answer_key_html, encoding="utf-8")


def _allsides(path: Path, n: int, tmp: Path) -> object:
    opener = gzip.open if path.suffix == ".gz" else open
    head = tmp / "allsides_head.jsonl"
    with opener(path, "rt", encoding="utf-8") as src, head.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return fc.load(head, outlet="source", id="ID")


def _manifest(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.iterdir()) if p.name != "manifest.json"}


def _first_difference(a: Path, b: Path) -> str:
    if not (a.exists() and b.exists()):
        return "missing on one side"
    la, lb = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"line {i + 1}: {x[:160]!r} != {y[:160]!r}"
    return f"lengths {len(la)} vs {len(lb)} lines"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True, help="AllSides-format JSONL(.gz)")
    p.add_argument("--n", type=int, default=2000, help="first N lines of --data (default 2000)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: a temp folder)")
    p.add_argument("--against", type=Path, default=None, help="an earlier output folder to compare with")
    args = p.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="framecmp-golden-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        _score_set("seeds", fc.load_seeds(), out, documents=True)
        _score_set("allsides", _allsides(args.data, args.n, Path(tmp)), out, documents=False)
    manifest = _manifest(out)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    differ: list[str] = []
    if args.against is not None:
        before = json.loads((args.against / "manifest.json").read_text())
        for name in sorted(set(before) | set(manifest)):
            if before.get(name) != manifest.get(name):
                differ.append(name)
                print(f"DIFFERS {name}: {_first_difference(args.against / name, out / name)}",
                      file=sys.stderr)
    print(json.dumps({"out": str(out), "files": len(manifest), "differ": differ}))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
