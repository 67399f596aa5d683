"""Scale: worker processes, Dask (LocalCluster), streaming to Parquet, progress bars."""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import pandas as pd
import pytest

from framecmp.parallel import LazyScores, compute_scores, score_dask
from framecmp.runs import score_file
from framecmp.schema import FRAMES, arrow_schema, empty_frame, normalize_frame
from framecmp.scoring import score

OUTLETS = ("Daily A", "Herald B", "Courier C", "Wire D")


# --------------------------------------------------------------------------- a generated corpus


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    from framecmp.io.readers import load_seeds
    from framecmp.text.doc import analyze

    out: list[str] = []
    for art in load_seeds():
        doc = analyze(art.text, title=art.title)
        out.extend(doc.text[s.start : s.end] for s in doc.sentences if s.part == "body")
    assert len(out) > 40
    return out


def _generated(sentences: list[str], n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` articles of 4-10 seed sentences in shuffled order (seeded RNG)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        picked = rng.sample(sentences, rng.randint(4, 10))
        paras = [" ".join(picked[j : j + 3]) for j in range(0, len(picked), 3)]
        rows.append(
            {
                "id": f"gen-{i:03d}",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "title": " ".join(picked[0].split()[:7]),
                "text": "\n\n".join(paras),
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def gen_df(seed_sentences: list[str]) -> pd.DataFrame:
    return _generated(seed_sentences, 60)


@pytest.fixture(scope="module")
def gen_corpus(gen_df: pd.DataFrame):
    from framecmp.io.readers import from_dataframe

    return from_dataframe(gen_df, text="text", outlet="outlet", id="id", title="title")


@pytest.fixture(scope="module")
def single(gen_corpus):
    return score(gen_corpus, workers=1, progress=False)


def _sorted(df: pd.DataFrame, name: str) -> pd.DataFrame:
    df = normalize_frame(df, name)
    return df.sort_values(list(df.columns), na_position="first", kind="mergesort").reset_index(drop=True)


def assert_same_scores(a, b) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(_sorted(getattr(a, name), name), _sorted(getattr(b, name), name), obj=name)


# --------------------------------------------------------------------------- fixed schemas


@pytest.mark.parametrize("name", list(FRAMES))
def test_empty_and_full_frames_share_one_schema(name: str, single) -> None:
    import pyarrow as pa

    full = normalize_frame(getattr(single, name), name)
    empty = normalize_frame(getattr(single, name).iloc[0:0], name)
    assert list(full.dtypes) == list(empty.dtypes) == list(empty_frame(name).dtypes)
    for df in (full, empty):  # both convert to the one Parquet schema without loss
        table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
        assert table.num_rows == len(df)
        pd.testing.assert_frame_equal(normalize_frame(table.to_pandas(), name), df)


def test_normalize_frame_keeps_missing_values_and_does_not_mutate() -> None:
    df = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["o", None], "kind": ["term", "cue"],
                       "start": [0, None], "end": [3.0, 5.0], "value": [None, -0.5], "extra": [1, 2]})
    before = df.copy()
    out = normalize_frame(df, "evidence")
    pd.testing.assert_frame_equal(df, before)
    assert out["outlet"].isna().tolist() == [False, True]
    assert out["start"].tolist()[0] == 0 and out["start"].isna().tolist() == [False, True]
    assert "extra" not in out.columns
    assert "extra" in normalize_frame(df, "evidence", extra=True).columns


def test_normalize_frame_errors_name_the_frame_and_column() -> None:
    with pytest.raises(ValueError, match="must be one of"):
        normalize_frame(pd.DataFrame(), "evidences")
    bad = pd.DataFrame({"article_id": ["a"], "outlet": ["o"], "category": ["c"], "hits": ["many"]})
    with pytest.raises(ValueError, match="'terms' column 'hits'"):
        normalize_frame(bad, "terms")


# --------------------------------------------------------------------------- worker processes


def test_articles_pickle_for_worker_processes(gen_corpus) -> None:
    import pickle

    art = next(a for a in gen_corpus if a.removals) if any(a.removals for a in gen_corpus) else gen_corpus[0]
    assert pickle.loads(pickle.dumps(art)) == art


def test_workers_give_identical_frames(gen_corpus, single) -> None:
    multi = score(gen_corpus, workers=2, progress=False)
    for name in FRAMES:  # same order, not only the same rows
        pd.testing.assert_frame_equal(getattr(single, name), getattr(multi, name), obj=name)
    assert len(single.articles) == 60 and len(single.evidence) > 0


# --------------------------------------------------------------------------- Dask


def test_score_dask_matches_single_process_sync(gen_df: pd.DataFrame, single) -> None:
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(gen_df, npartitions=4)
    lazy = score_dask(ddf, text="text", outlet="outlet", id="id", title="title")
    assert isinstance(lazy, LazyScores)
    assert list(lazy.stance.columns) == list(FRAMES["stance"])
    got = compute_scores(lazy, scheduler="synchronous")
    assert_same_scores(single, got)
    assert got.config["stance_mode"] == "default"


def test_lazy_scores_to_parquet_writes_every_frame(gen_df: pd.DataFrame, single, tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    lazy = score_dask(dd.from_pandas(gen_df, npartitions=3, sort=False), id="id", title="title")
    paths = lazy.to_parquet(tmp_path / "out", scheduler="synchronous")
    assert [Path(p).name for p in paths] == list(FRAMES)
    ev = pd.read_parquet(tmp_path / "out" / "evidence")
    pd.testing.assert_frame_equal(_sorted(ev, "evidence"), _sorted(single.evidence, "evidence"))


def test_score_dask_uses_index_labels_as_ids(gen_df: pd.DataFrame) -> None:
    dd = pytest.importorskip("dask.dataframe")
    from framecmp.io.readers import from_dataframe

    df = gen_df.drop(columns="id").iloc[:12].set_axis([f"ix{i}" for i in range(12)])
    ref = score(from_dataframe(df), progress=False)
    got = score_dask(dd.from_pandas(df, npartitions=3, sort=False)).compute(scheduler="synchronous")
    assert got.articles["article_id"].tolist() == [f"ix{i}" for i in range(12)]
    assert_same_scores(ref, got)


def test_compute_scores_warns_about_repeated_ids(gen_df: pd.DataFrame) -> None:
    dd = pytest.importorskip("dask.dataframe")
    df = gen_df.drop(columns="id").iloc[:6]
    parts = [dd.from_pandas(df.iloc[:3].reset_index(drop=True), npartitions=1),
             dd.from_pandas(df.iloc[3:].reset_index(drop=True), npartitions=1)]
    lazy = score_dask(dd.concat(parts))
    with pytest.warns(UserWarning, match="pass id="):
        compute_scores(lazy, scheduler="synchronous")


def test_iter_chunks_renames_repeated_ids(tmp_path: Path) -> None:
    from framecmp.io.readers import iter_chunks

    p = tmp_path / "c.csv"
    pd.DataFrame({"id": ["a", "b", "a"], "outlet": "X", "text": "Mali met Russia."}).to_csv(p, index=False)
    with pytest.warns(UserWarning, match="renamed 'a#2'"):
        chunks = list(iter_chunks(p, chunksize=2, id="id"))
    assert [[a.article_id for a in c] for c in chunks] == [["a", "b"], ["a#2"]]
    with pytest.raises(ValueError, match="chunksize"):
        next(iter_chunks(p, chunksize=0))
    with pytest.raises(ValueError, match="must be a file ending"):
        next(iter_chunks(tmp_path / "c.docx"))


def test_score_dask_rejects_bad_input(gen_df: pd.DataFrame) -> None:
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(TypeError, match="dask.dataframe"):
        score_dask(gen_df)
    with pytest.raises(ValueError, match="Available columns"):
        score_dask(dd.from_pandas(gen_df, npartitions=2), text="body")
    with pytest.raises(ValueError, match="stance_mode"):
        score_dask(dd.from_pandas(gen_df, npartitions=2), scorer_params={"stance_mode": "x"})


def test_missing_dask_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    for mod in [m for m in sys.modules if m == "dask" or m.startswith("dask.")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"pip install 'framecmp\[dask\]'"):
        score_dask(object())


@pytest.mark.slow
def test_score_dask_on_a_local_cluster(gen_df: pd.DataFrame, single) -> None:
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        lazy = score_dask(dd.from_pandas(gen_df, npartitions=4), id="id", title="title")
        got = compute_scores(lazy)
    assert_same_scores(single, got)


# --------------------------------------------------------------------------- streaming


def _write_jsonl(path: Path, gen_df: pd.DataFrame) -> None:
    """61 lines: 58 good articles, a broken line, an empty article, a 10 MB article."""
    lines = [
        json.dumps({"outlet": r.outlet, "title": r.title, "text": r.text})
        for r in gen_df.head(58).itertuples()
    ]
    lines.insert(25, '{"outlet": "Daily A", "text": "no closing brace"')
    lines.insert(41, json.dumps({"outlet": "Herald B", "title": "Nothing", "text": ""}))
    lines.insert(50, json.dumps({"outlet": "Wire D", "text": "word " * 2_000_000}))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        fh.write("\n".join(lines) + "\n")


def test_score_file_streams_chunks_and_records_bad_input(tmp_path: Path, gen_df: pd.DataFrame) -> None:
    src = tmp_path / "big.jsonl.gz"
    _write_jsonl(src, gen_df)
    out = tmp_path / "frames"
    summary = score_file(src, out, chunksize=21, progress=False)  # 3 chunks
    arts = pd.read_parquet(out / "articles.parquet")
    assert sorted(arts["article_id"]) == sorted(f"big-line{i}" for i in range(1, 62))  # each once
    status = arts.set_index("article_id")["status"]
    assert status["big-line26"] == "parse_error"
    assert status["big-line42"] == "no_text"  # "" is no text, as an empty CSV field
    assert status["big-line51"] == "too_long"
    assert (status == "ok").sum() == 58
    assert summary.startswith("Scored 61 articles (1 no_text, 58 ok, 1 parse_error, 1 too_long)")
    for name in FRAMES:  # one schema for all chunks, whatever the first chunk held
        df = pd.read_parquet(out / f"{name}.parquet")
        assert list(df.columns)[: len(FRAMES[name])] == FRAMES[name]
    ev = pd.read_parquet(out / "evidence.parquet")
    assert pd.api.types.is_integer_dtype(ev["start"])
    assert set(ev["article_id"]) <= set(status[status == "ok"].index)
    assert ev["article_id"].nunique() > 40


def test_score_file_first_chunk_without_rows_keeps_numeric_columns(tmp_path: Path, gen_df: pd.DataFrame) -> None:
    src = tmp_path / "c.jsonl"
    rows = [{"outlet": "Wire D", "text": ""} for _ in range(3)]
    rows += [{"outlet": r.outlet, "title": r.title, "text": r.text} for r in gen_df.head(6).itertuples()]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    score_file(src, tmp_path / "o", chunksize=3, progress=False)
    st = pd.read_parquet(tmp_path / "o" / "stance.parquet")
    assert len(st) > 0
    assert pd.api.types.is_float_dtype(st["stance"])
    terms = pd.read_parquet(tmp_path / "o" / "terms.parquet")
    assert pd.api.types.is_integer_dtype(terms["hits"])


# --------------------------------------------------------------------------- progress


def test_progress_false_prints_nothing(gen_corpus, capsys: pytest.CaptureFixture[str]) -> None:
    score(list(gen_corpus)[:8], progress=False)
    assert capsys.readouterr().err == ""


def test_progress_true_draws_a_bar(gen_corpus, capsys: pytest.CaptureFixture[str]) -> None:
    score(list(gen_corpus)[:8], progress=True)
    assert "scoring" in capsys.readouterr().err


def test_progress_default_is_off_when_not_a_terminal(gen_corpus, capsys: pytest.CaptureFixture[str]) -> None:
    score(list(gen_corpus)[:8])
    assert capsys.readouterr().err == ""


def test_cli_no_progress(tmp_path: Path, gen_df: pd.DataFrame, capsys: pytest.CaptureFixture[str]) -> None:
    from framecmp.cli import main

    src = tmp_path / "c.csv"
    gen_df.head(5).to_csv(src, index=False)
    assert main(["score", str(src), "-o", str(tmp_path / "o"), "--no-progress"]) == 0
    cap = capsys.readouterr()
    assert "Scored 5 articles" in cap.out
    assert "scoring" not in cap.err


# --------------------------------------------------------------------------- direct Arrow path


def _arrow_via_pandas(store_columns: dict[str, list[object]], n: int, name: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    from framecmp.scoring import ColumnStore

    store = ColumnStore()
    store.add({k: list(v) for k, v in store_columns.items()}, n)
    df = normalize_frame(store.frame(name), name)
    return pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)


def test_column_store_arrow_equals_the_normalized_frame() -> None:
    import datetime

    from framecmp.scoring import ColumnStore

    cols: dict[str, list[object]] = {
        "article_id": ["a", "b", "c"], "outlet": ["O", None, "O"],
        "date": [datetime.date(2020, 1, 2), None, datetime.date(2021, 3, 4)],
        "n_words": [10, None, 3], "status": ["ok", "ok", "empty"],
    }
    store = ColumnStore()
    store.add({k: list(v) for k, v in cols.items()}, 3)
    table = store.arrow("articles")
    assert table is not None
    assert store.columns == {}  # the lists are freed
    assert table.equals(_arrow_via_pandas(cols, 3, "articles"))
    assert table.column("date").to_pylist() == ["2020-01-02", None, "2021-03-04"]
    ev: dict[str, list[object]] = {"article_id": ["a", "a"], "start": [1, 5], "value": [0.5, float("nan")],
                                   "sentence": [0, None]}
    store = ColumnStore()
    store.add({k: list(v) for k, v in ev.items()}, 2)
    table = store.arrow("evidence")
    assert table is not None and table.equals(_arrow_via_pandas(ev, 2, "evidence"))
    assert table.column("value").to_pylist() == [0.5, None]  # NaN is missing, as from pandas


@pytest.mark.parametrize("column,values", [
    ("n_words", [1.0, 2]),  # a float in an integer column
    ("n_words", [True, 2]),  # a bool is not an int here
    ("outlet", [float("nan"), "O"]),  # NaN in a text column
    ("outlet", [3, "O"]),  # a number in a text column
])
def test_column_store_arrow_leaves_unplain_values_to_normalize_frame(column: str, values: list[object]) -> None:
    from framecmp.scoring import ColumnStore

    store = ColumnStore()
    store.add({"article_id": ["a", "b"], column: list(values)}, 2)
    assert store.arrow("articles") is None
    assert store.columns[column] == values  # kept for the pandas path


def test_score_file_chunks_after_the_first_write_the_same_frames(tmp_path: Path, gen_df: pd.DataFrame) -> None:
    src = tmp_path / "c.jsonl"
    rows = [{"outlet": r.outlet, "title": r.title, "text": r.text, "date": f"2020-01-0{i % 9 + 1}"}
            for i, r in enumerate(gen_df.head(12).itertuples())]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    score_file(src, tmp_path / "one", chunksize=100, progress=False)  # one chunk: the pandas path
    score_file(src, tmp_path / "many", chunksize=4, progress=False)  # later chunks: Arrow directly
    for name in FRAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "many" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "one" / f"{name}.parquet"))
