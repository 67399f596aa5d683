"""Promises: ``framecmp score`` output is atomic and resumable; workers are looked after.

* Every chunk of every frame is written to a temporary file and renamed; a run manifest
  (``manifest.json``) records the input's hash, the settings, the chunks done and
  whether the run is complete.
* SIGTERM or SIGINT stops the run and its worker processes, discards the chunk in flight,
  leaves every file readable, and ends with one line (exit 128 + the signal); the same
  command then resumes the run, and the frames are those of a run never stopped.
* A run of another input, or with other settings, into the same folder is refused; a
  complete run is not done twice; frames with no manifest are not mixed with.
* A worker process that dies is replaced and its articles are sent again, once; if it
  dies again, those articles get status ``worker_died``, everything else is written,
  and the command exits 1 with one line. Workers end when their parent is killed.
* ``duplicate_of`` does not depend on the chunk size, the workers or Dask partitions.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import framecmp
from framecmp.cli import main
from framecmp.io.output import read_manifest
from framecmp.runs import WorkersFailed, score_file
from framecmp.schema import FRAMES
from framecmp.scoring import score

SRC = Path(framecmp.__file__).resolve().parents[1]
WORDS = [f"w{i:03d}" for i in range(300)]


def _corpus(path: Path, n: int, *, copies: dict[int, int] | None = None, seed: int = 0) -> Path:
    """``n`` articles of plain words (fast to score); ``copies``: row -> the row it copies."""
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(n)]
    for row, original in (copies or {}).items():
        texts[row] = texts[original] + " Updated."
    rows = [{"id": f"a{i}", "outlet": f"O{i % 3}", "text": t} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _frames(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in FRAMES}


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def _cli(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-m", "framecmp", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_chunks(out: Path, proc: subprocess.Popen[str], n: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            man = read_manifest(out)
        except ValueError:
            man = None
        if man is not None and man.chunks_done >= n:
            return
        time.sleep(0.02)
    pytest.fail(f"the run ended or hung before {n} chunks: rc={proc.poll()}")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(x) for x in (task / "children").read_text().split()]
    return out


# --------------------------------------------------------------------------- stop and resume

@pytest.mark.parametrize("how", ["SIGTERM to the process", "SIGINT to the terminal's process group"])
def test_a_stopped_run_leaves_every_file_readable_and_resumes(tmp_path: Path, how: str) -> None:
    src = _corpus(tmp_path / "in.jsonl", 1200, copies={1000: 405})  # a copy 595 rows on
    out = tmp_path / "out"
    args = ["score", str(src), "-o", str(out), "--chunksize", "40", "--workers", "2", "--no-progress"]
    proc = _cli(*args)
    _wait_for_chunks(out, proc, 2)
    workers = _children(proc.pid)
    # hold the workers while the signal goes out, so that the run is surely mid-way when it
    # lands: on a loaded machine this test process can sleep for the seconds the whole run
    # takes (the run then ended normally before the signal; seen once in CI-like runs)
    for p in workers:
        os.kill(p, signal.SIGSTOP)
    if how.startswith("SIGTERM"):
        proc.send_signal(signal.SIGTERM)
        code = 128 + signal.SIGTERM
    else:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the workers get it too
        code = 128 + signal.SIGINT
    for p in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGCONT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert len(err.strip().splitlines()) == 1 and "run the same command again to resume" in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "worker processes outlived the run"
    man = read_manifest(out)
    assert man is not None and not man.complete and 2 <= man.chunks_done < 30
    for p in out.rglob("*"):  # every file whole: no temporary file left, every Parquet readable
        assert not p.name.startswith("."), p
        if p.suffix == ".parquet":
            pq.read_table(p)
    assert not (out / "articles.parquet").exists()  # the frames appear only when complete
    if how.startswith("SIGINT"):
        return  # resuming is the same after either signal

    resumed = _cli(*args)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    man = read_manifest(out)
    assert man is not None and man.complete and man.articles_done == 1200
    assert not (out / "parts").exists()
    got = _frames(out)
    straight = tmp_path / "straight"
    score_file(src, straight, chunksize=700, progress=False)
    _same(got, _frames(straight))
    assert got["articles"].set_index("article_id").loc["a1000", "duplicate_of"] == "a405"


def test_runs_are_never_mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _corpus(tmp_path / "in.jsonl", 30)
    other = _corpus(tmp_path / "other.jsonl", 30, seed=1)
    out = tmp_path / "out"
    assert main(["score", str(src), "-o", str(out), "--chunksize", "10", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["score", str(src), "-o", str(out), "--chunksize", "10", "--no-progress"]) == 0
    assert "already holds this run, complete" in capsys.readouterr().out
    assert main(["score", str(other), "-o", str(out), "--chunksize", "10", "--no-progress"]) == 2
    assert "holds a run of another input" in capsys.readouterr().err
    assert main(["score", str(src), "-o", str(out), "--chunksize", "20", "--no-progress"]) == 2
    assert "other settings (chunksize: 10 there, 20 now)" in capsys.readouterr().err
    assert main(["score", str(src), "-o", str(out), "--format", "csv", "--chunksize", "10", "--no-progress"]) == 2
    old = tmp_path / "old"
    old.mkdir()
    (old / "articles.parquet").write_bytes(b"written by something else")
    with pytest.raises(ValueError, match="no manifest.json"):
        score_file(src, old, progress=False)


def test_the_manifest_says_what_was_run(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl", 25)
    score_file(src, tmp_path / "out", chunksize=10, progress=False, format="csv", columns={"id": "id"})
    man = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert man["complete"] is True and man["chunks_done"] == 3 and man["chunk_articles"] == [10, 10, 5]
    assert man["input"]["bytes"] == src.stat().st_size and len(man["input"]["sha256"]) == 64
    assert man["settings"]["format"] == "csv" and man["settings"]["columns"] == {"id": "id"}
    assert man["settings"]["scorer"]["stance_mode"] == "default"
    assert len(pd.read_csv(tmp_path / "out" / "articles.csv")) == 25


def test_a_folder_is_scored_as_a_run_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["score", "seeds", "-o", str(out), "--no-progress"]) == 0
    man = read_manifest(out)
    assert man is not None and man.complete and man.articles_done == 5
    assert len(pd.read_parquet(out / "articles.parquet")) == 5


# --------------------------------------------------------------------------- dying workers

def _poison(monkeypatch: pytest.MonkeyPatch, marker: Path) -> None:
    """Worker processes (forked from this one) die on "POISON" always and on "ONCE" once."""
    import framecmp.scoring as scoring

    real = scoring.Scorer.score_article

    def dying(self: scoring.Scorer, art: object) -> object:
        text = getattr(art, "text", "")
        if "POISON" in text or ("ONCE" in text and not marker.exists()):
            marker.write_text("died once")
            os._exit(1)
        return real(self, art)

    monkeypatch.setattr(scoring.Scorer, "score_article", dying)


def _with_words(src: Path, words: dict[int, str]) -> None:
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    for i, w in words.items():
        rows[i]["text"] += f" {w}"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.filterwarnings("ignore:a worker process died")
def test_a_worker_that_dies_once_is_replaced_and_its_articles_sent_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _corpus(tmp_path / "in.jsonl", 40)
    _with_words(src, {13: "ONCE"})
    _poison(monkeypatch, tmp_path / "marker")
    score_file(src, tmp_path / "out", workers=2, chunksize=10, progress=False)
    assert (tmp_path / "marker").exists()  # it did die
    arts = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert list(arts["status"]) == ["ok"] * 40


@pytest.mark.filterwarnings("ignore:a worker process died")
def test_a_worker_that_dies_twice_marks_its_articles_and_ends_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    src = _corpus(tmp_path / "in.jsonl", 40)
    _with_words(src, {7: "POISON"})
    _poison(monkeypatch, tmp_path / "marker")
    out = tmp_path / "out"
    assert main(["score", str(src), "-o", str(out), "--workers", "2", "--chunksize", "10", "--no-progress"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "worker_died" in err[0] and "chunk(s) [0]" in err[0]
    arts = pd.read_parquet(out / "articles.parquet")
    assert len(arts) == 40 and arts["article_id"].is_unique
    assert arts.set_index("article_id")["status"].to_dict() == {
        f"a{i}": ("worker_died" if i == 7 else "ok") for i in range(40)}
    man = read_manifest(out)
    assert man is not None and man.complete and man.failed_chunks == [0]
    with pytest.raises(WorkersFailed, match="worker_died"):
        score_file(src, tmp_path / "again", workers=2, chunksize=10, progress=False)


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl", 3000)
    out = tmp_path / "out"
    proc = _cli("score", str(src), "-o", str(out), "--chunksize", "50", "--workers", "2", "--no-progress")
    _wait_for_chunks(out, proc, 1)
    workers = _children(proc.pid)
    assert workers
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "worker processes outlived their parent"
    man = read_manifest(out)
    assert man is not None and not man.complete
    for p in out.rglob("*.parquet"):
        pq.read_table(p)


# --------------------------------------------------------------------------- duplicates and chunks

def _dups(frame: pd.DataFrame) -> list[object]:
    return [None if pd.isna(v) else v for v in frame["duplicate_of"]]


def test_duplicate_of_does_not_depend_on_chunks_workers_or_partitions(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in.jsonl", 700, copies={650: 55, 300: 10})
    expected = {"a650": "a55", "a300": "a10"}
    corpus = framecmp.load(src)
    whole = score(corpus, progress=False).articles
    assert whole.dropna(subset=["duplicate_of"]).set_index("article_id")["duplicate_of"].to_dict() == expected
    for chunksize, workers in ((100, 1), (2000, 1), (64, 2)):
        out = tmp_path / f"c{chunksize}-{workers}"
        score_file(src, out, chunksize=chunksize, workers=workers, progress=False)
        arts = pd.read_parquet(out / "articles.parquet")
        assert _dups(arts) == _dups(whole), (chunksize, workers)
    dd = pytest.importorskip("dask.dataframe")
    from framecmp.parallel import compute_scores, score_dask

    df = pd.read_json(src, lines=True)
    lazy = score_dask(dd.from_pandas(df, npartitions=7, sort=False), id="id")
    got = compute_scores(lazy, scheduler="synchronous").articles
    assert _dups(got) == _dups(whole)
    paths = lazy.to_parquet(tmp_path / "dask", scheduler="synchronous")
    assert _dups(pd.read_parquet(paths[0])) == _dups(whole)
