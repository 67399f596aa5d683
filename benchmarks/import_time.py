"""How long ``import framecmp`` takes, and which modules it spends the time in.

Usage::

    python benchmarks/import_time.py [--runs 5] [--top 10] [--module framecmp]

Each run is ``python -c "import framecmp"`` in a fresh process (wall-clock, measured from
outside, so interpreter start-up is included as a user feels it); the median of the runs is
the number to compare with the 0.6 s budget (issue 15).

Two settings. ``median_seconds``: with the compiled bytecode of framecmp's modules cached (in
a temporary ``PYTHONPYCACHEPREFIX``, written by a warm-up run), as in any installed copy
(pip compiles the modules on install). ``median_seconds_no_bytecode``: without it, as in a
session run with ``PYTHONDONTWRITEBYTECODE=1`` on an editable checkout, where every import
compiles every module again. The CPU time (user + system) of the runs is given too: on a busy
shared machine it moves much less than the wall-clock time.

One more run with ``-X importtime`` (bytecode cached) gives the modules with the largest
cumulative import time, and the time by package (microseconds, as Python reports them;
importtime itself slows imports down a little).

The last line of stdout is one JSON object::

    {"module": "framecmp", "runs": 5, "seconds": [...], "median_seconds": 0.45,
     "median_cpu_seconds": 0.45, "median_seconds_no_bytecode": 0.57,
     "bare_python_seconds": 0.02, "matplotlib_imported": false,
     "top_modules": [{"module": "pandas", "cumulative_us": 262676, "self_us": 430}, ...],
     "by_package_us": {"pandas": 262676, "framecmp (own code)": 60000, ...}}

Timings on a shared machine are noisy: run it on an idle machine, and compare medians.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any


def _env(bytecode: bool, cache: str) -> dict[str, str]:
    env = os.environ.copy()
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache  # not beside the sources
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of ``python *args`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _importtime(module: str, env: dict[str, str]) -> list[dict[str, Any]]:
    """Every module of one ``-X importtime`` run: name, self and cumulative microseconds, depth."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                          capture_output=True, text=True, check=True, env=env)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2  # importtime indents two spaces a level
        rows.append({"module": name.strip(), "cumulative_us": int(cumulative_us),
                     "self_us": int(self_us), "depth": depth})
    return rows


def _by_package(rows: list[dict[str, Any]], module: str) -> dict[str, int]:
    """Microseconds per top-level package (its outermost import), and the package's own code
    (the self time of its modules)."""
    own = f"{module} (own code)"
    out: dict[str, int] = {own: 0}
    depth: dict[str, int] = {}
    for r in rows:
        name = r["module"]
        if name == module or name.startswith(module + "."):
            out[own] += r["self_us"]
        elif "." not in name and r["depth"] < depth.get(name, 99):
            out[name], depth[name] = r["cumulative_us"], r["depth"]
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes to time (default 5)")
    ap.add_argument("--top", type=int, default=10, help="modules to list (default 10)")
    ap.add_argument("--module", default="framecmp", help="the module to import (default framecmp)")
    args = ap.parse_args(argv)
    code = ["-c", f"import {args.module}"]

    with tempfile.TemporaryDirectory(prefix="framecmp-pyc-") as cache:
        cached, uncached = _env(True, cache), _env(False, cache)
        _timed(code, cached)  # writes the bytecode cache and warms the file system cache
        bare = statistics.median(_timed(["-c", "pass"], cached)[0] for _ in range(args.runs))
        timed = [_timed(code, cached) for _ in range(args.runs)]
        no_bytecode = [_timed(code, uncached)[0] for _ in range(args.runs)]
        rows = _importtime(args.module, cached)
        check = f"import sys, {args.module}; print('matplotlib' in sys.modules)"
        mpl = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                             check=True, env=cached)
    seconds = [w for w, _ in timed]
    top = sorted((r for r in rows if r["module"] != args.module), key=lambda r: -r["cumulative_us"])
    result = {
        "module": args.module,
        "runs": args.runs,
        "seconds": [round(s, 3) for s in seconds],
        "median_seconds": round(statistics.median(seconds), 3),
        "median_cpu_seconds": round(statistics.median(c for _, c in timed), 3),
        "median_seconds_no_bytecode": round(statistics.median(no_bytecode), 3),
        "bare_python_seconds": round(bare, 3),
        "matplotlib_imported": mpl.stdout.strip() == "True",
        "top_modules": [{k: r[k] for k in ("module", "cumulative_us", "self_us")}
                        for r in top[: args.top]],
        "by_package_us": dict(list(_by_package(rows, args.module).items())[: args.top]),
    }
    print(f"import {args.module}: median {result['median_seconds']:.3f} s over {args.runs} fresh "
          f"processes ({', '.join(f'{s:.3f}' for s in seconds)}), CPU {result['median_cpu_seconds']:.3f} s; "
          f"without cached bytecode {result['median_seconds_no_bytecode']:.3f} s; "
          f"bare python {bare:.3f} s")
    print("largest imports (cumulative, nested ones included):")
    for r in result["top_modules"]:
        print(f"  {r['cumulative_us'] / 1e6:7.3f} s  {r['module']}")
    print("by package (outermost import; the package's own modules by their self time):")
    for name, us in result["by_package_us"].items():
        print(f"  {us / 1e6:7.3f} s  {name}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
