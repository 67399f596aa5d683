"""Promises: nothing is dropped, renamed twice or dated silently.

* A folder of saved ``.html`` pages is read by ``fc.load(folder)`` and ``framecmp score
  folder`` (with :func:`load_html`); a folder with nothing to read is an error that says
  what the folder holds, never a corpus of 0 articles.
* Repeated ids: one policy in every reader (``fc.load``, ``framecmp score``, ``framecmp
  report``, Dask): the first keeps its id, a later one gets the first free ``id#k`` and
  a warning, and no two rows ever share an id.
* ``today``, ``now`` and dates without a year (``June 5``, ``10:00``) are not dates: the
  date stays empty (the value is kept in ``metadata["date_raw"]``), never the run's date.
* ``duplicate_of`` does not depend on chunks, workers or partitions: see
  ``test_streaming.py``.
"""

from __future__ import annotations

import json
import sys
import types
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framecmp as fc
from framecmp.cli import main
from framecmp.io.corpus import make_article
from framecmp.io.readers import iter_chunks

PAGE = """<html><head><title>Mali turns to Russia</title><meta property="og:site_name" content="RT">
</head><body><article><h1>Mali turns to Russia</h1><p>Mali met Russia in Bamako on Monday. The French
ambassador was asked to leave the country within 72 hours, officials said.</p><p>Russia's foreign
minister said Moscow would help Mali. France said it regretted the decision.</p></article></body></html>"""


def test_a_folder_of_html_pages_is_read(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "pages").mkdir()
    for name in ("a.html", "b.htm"):
        (tmp_path / "pages" / name).write_text(PAGE, encoding="utf-8")
    corpus = fc.load(tmp_path / "pages")
    assert corpus.ids == ("a", "b") and all(a.status == "ok" for a in corpus)
    assert main(["score", str(tmp_path / "pages"), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 2


def test_a_folder_with_nothing_to_read_is_an_error_saying_what_it_holds(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no file in .* matches '\*\.txt' \(it holds 1 \.jsonl file"):
        fc.load(tmp_path)
    assert main(["score", str(tmp_path), "-o", str(tmp_path / "out"), "--no-progress"]) == 2
    assert "matches" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="the folder is empty"):
        fc.load_folder(empty)
    with pytest.raises(ValueError, match="no file"):
        fc.load_html(empty)


def test_html_pages_beside_text_files_go_by_the_text_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stub = types.ModuleType("trafilatura")
    stub.extract = lambda html, **kw: "never"  # type: ignore[attr-defined]
    stub.extract_metadata = lambda html: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "trafilatura", stub)
    (tmp_path / "a.txt").write_text("Mali met Russia.", encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    assert fc.load(tmp_path, outlet="RT").ids == ("a",)


# --------------------------------------------------------------------------- repeated ids

ROWS = [("a", "One."), ("b", "Two."), ("a", "Three."), ("a#2", "Four."), ("a", "Five.")]


def _ids_file(tmp_path: Path) -> Path:
    p = tmp_path / "d.jsonl"
    p.write_text("".join(json.dumps({"id": i, "outlet": "RT", "text": f"Mali met Russia. {t}"}) + "\n"
                         for i, t in ROWS), encoding="utf-8")
    return p


EXPECTED = ["a", "b", "a#2", "a#2#2", "a#3"]


@pytest.mark.filterwarnings("ignore:.*occurs again")
def test_repeated_ids_are_renamed_the_same_way_by_every_reader(tmp_path: Path) -> None:
    src = _ids_file(tmp_path)
    with pytest.warns(UserWarning, match=r"article id 'a' \(line 3\) occurs again; renamed 'a#2'"):
        assert list(fc.load(src).ids) == EXPECTED
    df = pd.DataFrame({"id": [i for i, _ in ROWS], "outlet": "RT", "text": [t for _, t in ROWS]})
    with pytest.warns(UserWarning):
        assert list(fc.from_dataframe(df).ids) == EXPECTED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert [a.article_id for c in iter_chunks(src, chunksize=2) for a in c] == EXPECTED
        for chunksize, workers in ((2, 1), (100, 2)):
            out = tmp_path / f"out{chunksize}"
            assert main(["score", str(src), "-o", str(out), "--chunksize", str(chunksize),
                         "--workers", str(workers), "--no-progress"]) == 0
            assert pd.read_parquet(out / "articles.parquet")["article_id"].tolist() == EXPECTED
        assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-progress"]) == 0


def test_repeated_ids_across_dask_partitions_are_renamed_in_every_frame(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    from framecmp.parallel import compute_scores, score_dask

    df = pd.DataFrame({"id": ["x", "y", "x", "y"], "outlet": "RT",
                       "text": ["Russia said France failed Mali.", "ECOWAS met.", "Mali met Russia.", "France left."]})
    lazy = score_dask(dd.from_pandas(df, npartitions=2, sort=False), id="id")
    with pytest.warns(UserWarning, match="renamed"):
        s = compute_scores(lazy, scheduler="synchronous")
    assert s.articles["article_id"].tolist() == ["x", "y", "x#2", "y#2"]
    assert set(s.mentions["article_id"]) <= {"x", "y", "x#2", "y#2"} and "x#2" in set(s.mentions["article_id"])


# --------------------------------------------------------------------------- run-dependent dates

@pytest.mark.parametrize("date", ["today", "now", "Today", " now ", "yesterday", "tomorrow", "June 5", "10:00",
                                  "5 June"])
def test_a_date_that_depends_on_the_day_of_the_run_is_not_a_date(date: str) -> None:
    with pytest.warns(UserWarning, match="day of reading|no year"):
        art = make_article("a", "RT", "Mali met Russia.", date=date)
    assert art.date is None and art.metadata["date_raw"] == date


@pytest.mark.parametrize("date, day", [("2024-05-06", "2024-05-06"), ("May 6, 2024", "2024-05-06"),
                                       ("2024-05", "2024-05-01"), ("6/5/2024", "2024-06-05"),
                                       ("2024-05-06T10:00:00+02:00", "2024-05-06")])
def test_real_dates_still_read(date: str, day: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert str(make_article("a", "RT", "Mali met Russia.", date=date).date) == day
