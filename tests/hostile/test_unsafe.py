"""Promises: what an input file says cannot reach outside it or act in a reader's tools.

* A folder's metadata cannot make framecmp read a file outside the folder (``../x``, an
  absolute path, a link to elsewhere) unless the caller passes ``allow_outside=True``.
* CSV outputs (``Scores.save(format="csv")``, ``framecmp score --format csv``, ``framecmp
  demo``) are safe to open in a spreadsheet: a text cell that starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP, "CSV
  Injection"); Parquet keeps the values as they are.
* Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) never reach a page
  raw: every escape shows them as a code (``[U+202E]``), so a page reads as its text is
  written.
* ``framecmp lexicon check`` says what loading says: an actors file whose aliases collide
  with the bundled actors is reported, as ``load_actors(extra=...)`` refuses it.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framecmp as fc
from framecmp.cli import main
from framecmp.io.output import FORMULA_STARTS, spreadsheet_safe
from framecmp.lexicons import LexiconError

# --------------------------------------------------------------------------- paths out of the folder


@pytest.mark.parametrize("name", ["../secret.txt", "{secret}", "sub/../../secret.txt"])
def test_metadata_cannot_name_a_file_outside_the_folder(tmp_path: Path, name: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The content of another file.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("Mali met Russia.", encoding="utf-8")
    name = name.format(secret=secret)
    (corpus / "metadata.csv").write_text(f"file,outlet\na.txt,RT\n{name},RT\n", encoding="utf-8")
    with pytest.raises(ValueError, match="is outside .*allow_outside=True"):
        fc.load(corpus)
    assert main(["score", str(corpus), "-o", str(tmp_path / "out"), "--no-progress"]) == 2
    assert [a.text for a in fc.load_folder(corpus, allow_outside=True)][1] == "The content of another file."


def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The content of another file.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mali met Russia.", encoding="utf-8")
    os.symlink(secret, corpus / "b.txt")
    with pytest.raises(ValueError, match=r"b\.txt \(a link\) is outside"):
        fc.load_folder(corpus, outlet="RT")
    assert len(fc.load_folder(corpus, outlet="RT", allow_outside=True)) == 2


# --------------------------------------------------------------------------- CSV for spreadsheets

FORMULAS = ['=HYPERLINK("http://example.org","click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rCR"]


def test_a_carriage_return_inside_a_cell_does_not_split_its_row(tmp_path: Path) -> None:
    """pandas leaves a bare CR unquoted with minimal quoting; a reader then saw three rows
    where one was written (found by the property test of tests/hostile/test_properties.py)."""
    df = pd.DataFrame({"id": ["a", "b"], "outlet": ["o\rp", "o"], "title": ["Mali\rmet Russia", "x"],
                       "text": ["Mali met Russia.", "Russia met Mali."]})
    scores = fc.score(fc.load_dataframe(df), progress=False)
    scores.save(tmp_path / "saved", format="csv")
    arts = pd.read_csv(tmp_path / "saved" / "articles.csv", dtype=str, keep_default_na=False)
    assert arts["article_id"].tolist() == ["a", "b"]
    assert "\r" in arts["title"].iloc[0]


def test_csv_cells_that_start_like_formulas_become_text(tmp_path: Path) -> None:
    df = pd.DataFrame({"id": [f"a{i}" for i in range(len(FORMULAS))], "outlet": FORMULAS,
                       "title": FORMULAS, "text": [f"{f} Mali met Russia." for f in FORMULAS]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = fc.score(fc.from_dataframe(df, id="id"), progress=False)
    scores.save(tmp_path / "saved", format="csv")
    src = tmp_path / "in.jsonl"
    df.to_json(src, orient="records", lines=True)
    assert main(["score", str(src), "-o", str(tmp_path / "cli"), "--format", "csv", "--no-progress"]) == 0
    # (outlet and title are stripped when read: "\tTab" is "Tab")
    shown = ["'" + f.strip() if f.strip().startswith(FORMULA_STARTS) else f.strip() for f in FORMULAS]
    for folder in (tmp_path / "saved", tmp_path / "cli"):
        arts = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
        assert arts["outlet"].tolist() == shown and arts["title"].tolist() == shown
        for name in ("evidence", "mentions", "stance"):  # no text cell anywhere starts a formula
            frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
            for col in frame.columns:
                assert not frame[col].str.startswith(("=", "@", "\t", "\r")).any(), (name, col)
    stance = pd.read_csv(tmp_path / "saved" / "stance.csv")
    assert pd.api.types.is_numeric_dtype(stance["stance"])  # numbers stay numbers (-0.5)
    scores.save(tmp_path / "pq", format="parquet")
    assert pd.read_parquet(tmp_path / "pq" / "articles.parquet")["outlet"].tolist() == [f.strip() for f in FORMULAS]
    assert spreadsheet_safe(pd.DataFrame({"t": ["\tx", "ok"]}))["t"].tolist() == ["'\tx", "ok"]


# --------------------------------------------------------------------------- bidirectional controls

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def test_bidi_overrides_never_reach_a_page_raw() -> None:
    text = "Russia said France \u202eis a predatory power\u202c. Mali met Russia. " + "".join(BIDI)
    df = pd.DataFrame({"id": ["a\u202e1", "b"], "outlet": ["RT\u2067", "Sputnik"],
                       "title": ["Mali \u202eturns", "Mali"], "text": [text, "Mali met Russia. France left Bamako."]})
    corpus = fc.from_dataframe(df, id="id")
    scores = fc.score(corpus, progress=False)
    sheet = fc.worksheet(scores)
    pages = {"report": fc.report(scores), "highlight": fc.highlight(corpus[0], scores.evidence)._repr_html_(),
             "worksheet": sheet.html, "key": sheet.answer_key_html, "key (Markdown)": sheet.answer_key_markdown}
    for name, page in pages.items():
        assert not any(c in page for c in BIDI), name
    assert "[U+202E]" in pages["report"] and "[U+202E]" in pages["highlight"]


def test_marks_that_right_to_left_text_needs_are_kept() -> None:
    from framecmp.present.markup import esc

    assert esc("\u05e9\u05dc\u05d5\u05dd\u200f (Hebrew)") == "\u05e9\u05dc\u05d5\u05dd\u200f (Hebrew)"
    assert esc("a \u202e b") == "a [U+202E] b"


# --------------------------------------------------------------------------- lexicon check says what loading says

ACTORS = """format: framecmp-lexicon/1
kind: actors
name: mine
version: "1"
entries:
  - id: gallia
    name: Gallia
    type: country
    aliases: [France]
"""


def test_lexicon_check_reports_an_alias_that_loading_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from framecmp.lexicon_check import check_lexicon_file

    p = tmp_path / "my_actors.yaml"
    p.write_text(ACTORS, encoding="utf-8")
    with pytest.raises(LexiconError, match="alias 'france' is used by several actors") as refused:
        fc.load_actors(extra=p)
    problems = check_lexicon_file(p)
    assert len(problems) == 1 and problems[0].startswith(refused.value.problems[0])
    assert problems[0].startswith(f"{p} line 6:")  # the user's file and line, not the bundled one
    assert main(["lexicon", "check", str(p)]) == 1
    assert "used by several actors" in capsys.readouterr().out
    p.write_text(ACTORS.replace("aliases: [France]", "aliases: [Gaul]"), encoding="utf-8")
    assert check_lexicon_file(p) == []
    fc.load_actors(extra=p)
