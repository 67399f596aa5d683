"""Promises: broken input never stops a run with a traceback or a raw Python error.

Each broken article keeps its row in the ``articles`` frame (with a ``status`` when it
cannot be scored), a warning says what was wrong and where, and every other article
is scored as if the broken one were not there.

* A lone surrogate (``"\\ud800"``, legal in JSON) in any field becomes U+FFFD (one for
  one, so offsets keep); the article is scored and every output can be written.
* A date outside the range of dates (``-1``, ``"0000-01-01"``, an int64 epoch column
  in Parquet), or a value that is no date at all, leaves the date empty and is kept in
  ``metadata["date_raw"]``.
* A truncated or corrupt ``.jsonl.gz`` (or any file that breaks off part-way) keeps
  every row read before the break and adds one ``parse_error`` article saying where.
* A JSON line nested 100,000 deep (or more than ``MAX_NESTING``) is a ``parse_error``
  on that line; the lines around it are read. A YAML file (lexicon, metadata) nested
  deeper than can be read is a ``LexiconError`` naming its line.
"""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framecmp as fc
from framecmp.cli import main
from framecmp.io.corpus import MAX_NESTING, make_article

# the warnings these inputs give are asserted where they matter (pytest.warns)
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _articles(folder: Path) -> pd.DataFrame:
    return pd.read_parquet(folder / "articles.parquet")


# --------------------------------------------------------------------------- lone surrogates

SURROGATE = "\ud800"


@pytest.mark.parametrize("field", ["id", "outlet", "title", "text", "event", "extra"])
def test_a_lone_surrogate_in_any_field_is_replaced_and_the_run_goes_on(tmp_path: Path, field: str) -> None:
    row = {"id": "a", "outlet": "RT", "title": "Mali", "event": "e1", "extra": "x",
           "text": "Mali met Russia. France left Bamako."}
    row[field] = row[field] + SURROGATE
    src = _jsonl(tmp_path / "in.jsonl", [row, {"id": "b", "outlet": "RT", "text": "Mali met Russia."}])
    with pytest.warns(UserWarning, match="lone surrogates"):
        corpus = fc.load(src)
    art = corpus[0]
    values = {"id": art.article_id, "outlet": art.outlet, "title": art.title, "text": art.text,
              "event": art.event, "extra": art.metadata.get("extra")}
    assert values[field].endswith("\ufffd") and art.status == "ok"
    scores = fc.score(corpus, progress=False)
    scores.save(tmp_path / "frames", format="parquet")
    scores.save(tmp_path / "csv", format="csv")
    fc.report(scores, tmp_path / "report.html")
    assert list(scores.articles["status"]) == ["ok", "ok"]
    for fmt in ("parquet", "csv"):
        assert main(["score", str(src), "-o", str(tmp_path / f"cli-{fmt}"), "--format", fmt, "--no-progress"]) == 0


def test_replacing_a_surrogate_keeps_the_offsets() -> None:
    with pytest.warns(UserWarning):
        art = make_article("a", "RT", f"Mali {SURROGATE} met Russia.", clean=False)
    assert art.text == "Mali \ufffd met Russia." and len(art.text) == len(f"Mali {SURROGATE} met Russia.")
    assert art.metadata["replaced_surrogates"] == ["text"]


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("date", [-1, 0, "0000-01-01", "-0001-05-05", 10**30, 1e300, True, [2020, 1, 1],
                                  {"y": 2020}, "2024-02-30", "not a date"])
def test_a_date_that_is_no_date_is_left_empty_and_kept_raw(date: object) -> None:
    with pytest.warns(UserWarning, match="date"):
        art = make_article("a", "RT", "Mali met Russia.", date=date)
    assert art.date is None and art.metadata["date_raw"] == date and art.status == "ok"


def test_an_epoch_column_in_parquet_does_not_stop_the_run(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "outlet": ["RT", "RT", "X"],
                             "text": ["Mali met Russia."] * 3,
                             "date": pa.array([-1, 0, 1_700_000_000], pa.int64())}), src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["score", str(src), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
        corpus = fc.load(src)
    arts = _articles(tmp_path / "out")
    assert list(arts["status"]) == ["ok"] * 3 and arts["date"].isna().all()
    assert [a.date for a in corpus] == [None] * 3


def test_dates_at_the_edges_of_the_calendar_are_written(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "outlet": "RT", "date": "9999-12-31", "text": "Mali met Russia."},
        {"id": "b", "outlet": "RT", "date": "0001-01-01", "text": "France left Mali."},
        {"id": "c", "outlet": "X", "date": "1500-06-01", "text": "ECOWAS met in Abuja."},
    ])
    assert main(["score", str(src), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
    assert list(_articles(tmp_path / "out")["date"]) == ["9999-12-31", "0001-01-01", "1500-06-01"]
    scores = fc.score(fc.load(src), progress=False)
    fc.report(scores, tmp_path / "r.html")
    assert len(fc.load(src).to_frame()) == 3


# --------------------------------------------------------------------------- truncated and corrupt files

def _gz_rows(n: int) -> bytes:
    lines = "".join(json.dumps({"id": f"a{i}", "outlet": "RT", "text": f"Mali met Russia, said report {i}. " * 30})
                    + "\n" for i in range(n))
    return gzip.compress(lines.encode("utf-8"))


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "bad checksum"])
def test_a_damaged_gzip_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path, damage: str) -> None:
    data = bytearray(_gz_rows(300))
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "corrupt":
        data[len(data) // 2] ^= 0xFF
    else:
        data[-6] ^= 0xFF  # the CRC-32 at the end
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="cannot be read after line"):
        corpus = fc.load(src)
    *good, last = corpus
    assert len(good) > 0 and all(a.status == "ok" for a in good)
    assert [a.article_id for a in good] == [f"a{i}" for i in range(len(good))]
    assert last.status == "parse_error" and "truncated or corrupt" in last.metadata["status_detail"]
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["score", str(src), "-o", str(out), "--no-progress", "--chunksize", "40"]) == 0
    arts = _articles(out)
    assert len(arts) == len(corpus) and arts["status"].iloc[-1] == "parse_error"


def test_a_file_that_is_not_gzip_at_all_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path / "in.jsonl.gz", [{"id": "a", "outlet": "RT", "text": "Mali."}])
    with pytest.raises(ValueError, match="cannot be read .*Not a gzipped file"):
        fc.load(src)
    assert main(["score", str(src), "-o", str(tmp_path / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Not a gzipped file" in err[0]


# --------------------------------------------------------------------------- deep nesting

@pytest.mark.parametrize("depth", [100_000, 500, MAX_NESTING])
def test_a_deeply_nested_line_is_a_parse_error_on_that_line(tmp_path: Path, depth: int) -> None:
    deep = '{"id": "deep", "outlet": "RT", "text": "Mali.", "x": ' + "[" * depth + "]" * depth + "}"
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "outlet": "RT", "text": "Mali met Russia."}\n' + deep
                   + '\n{"id": "b", "outlet": "RT", "text": "France left."}\n', encoding="utf-8")
    corpus = fc.load(src)
    assert [a.status for a in corpus] == ["ok", "parse_error", "ok"]
    assert "nested" in corpus[1].metadata["status_detail"]
    assert main(["score", str(src), "-o", str(tmp_path / "out"), "--no-progress", "--workers", "2"]) == 0
    assert list(_articles(tmp_path / "out")["status"]) == ["ok", "parse_error", "ok"]


def test_nesting_below_the_limit_is_kept_in_metadata(tmp_path: Path) -> None:
    depth = MAX_NESTING - 2  # with the record itself: MAX_NESTING - 1 levels
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "outlet": "RT", "text": "Mali.", "x": ' + "[" * depth + "]" * depth + "}\n",
                   encoding="utf-8")
    (art,) = fc.load(src)
    assert art.status == "ok" and isinstance(art.metadata["x"], list)


# --------------------------------------------------------------------------- deep YAML

@pytest.mark.parametrize("depth", [300, 990, 50_000])
def test_deeply_nested_yaml_is_a_lexicon_error_with_its_line(tmp_path: Path, depth: int,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from framecmp.lexicons import LexiconError

    p = tmp_path / "deep.yaml"
    p.write_text('format: framecmp-lexicon/1\nkind: loaded_terms\nname: d\nversion: "1"\nentries:\n'
                 "  - id: x\n    terms: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"deep.yaml line 7: .*nest"):
        fc.load_terms(p)
    assert main(["lexicon", "check", str(p)]) == 1
    assert "line 7" in capsys.readouterr().out
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mali met Russia.", encoding="utf-8")
    (corpus / "metadata.yaml").write_text("- file: a.txt\n  outlet: RT\n  x: " + "[" * depth + "]" * depth + "\n",
                                          encoding="utf-8")
    with pytest.raises(LexiconError, match=r"metadata.yaml line 3: .*nest"):
        fc.load(corpus)
