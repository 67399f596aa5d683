"""The command line's input options (issue 18): every column option everywhere, --sep and
sniffing, --encoding, one meaning per option, and saying what was chosen."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framecmp.cli import main
from framecmp.io.formats import read_csv, sniff_sep

TEXTS = [
    "Mali's military government said on Tuesday it had expelled the French ambassador, the state "
    "broadcaster reported. The decision follows months of tension with Paris.",
    "The junta in Bamako has ordered the French envoy to leave within 72 hours, the foreign ministry "
    "said in a statement read on television.",
    "Russia's foreign ministry welcomed the decision, saying Mali had the sovereign right to choose "
    "its partners.",
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"source": ["Reuters", "AP", "RT"], "body": TEXTS, "story": ["expel", "expel", "other"],
                         "headline": ["Mali expels envoy", "Junta orders envoy out", "Moscow backs Bamako"]})


COLUMNS = ["--outlet-column", "source", "--text-column", "body", "--title-column", "headline",
           "--event-column", "story"]


@pytest.mark.parametrize("command", ["score", "report", "worksheet"])
def test_every_subcommand_takes_every_column_option(command: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    _frame().to_csv(path, index=False)
    out = str(tmp_path / ("frames" if command == "score" else "out.html"))
    extra = ["--format", "csv"] if command == "score" else []
    assert main([command, str(path), "-o", out, "--no-progress", *COLUMNS, *extra]) == 0
    capsys.readouterr()
    if command == "score":
        arts = pd.read_csv(tmp_path / "frames" / "articles.csv")
        assert list(arts["event"]) == ["expel", "expel", "other"]
        assert list(arts["title"]) == ["Mali expels envoy", "Junta orders envoy out", "Moscow backs Bamako"]
    # a column that is not there: the error says which columns exist, and the option's name
    # (a fresh output folder: a run folder never mixes runs with other settings)
    out2 = str(tmp_path / ("frames2" if command == "score" else "out.html"))
    assert main([command, str(path), "-o", out2, "--no-progress", *COLUMNS[:-1], "storyx"]) == 2
    err = capsys.readouterr().err
    assert "Available columns: ['source', 'body', 'story', 'headline']" in err
    assert "(on the command line: --event-column COLUMN)" in err


def test_worksheet_says_which_event_it_picked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    _frame().to_csv(path, index=False)
    assert main(["worksheet", str(path), "-o", str(tmp_path / "w.html"), "--no-progress", *COLUMNS]) == 0
    out = capsys.readouterr().out
    assert "Event: expel (covered by 2 outlets, the most; choose another with --event, e.g. 'other')." in out
    # --event is always an event; without an event column the error names the option to use
    assert main(["worksheet", str(path), "-o", str(tmp_path / "w.html"), "--no-progress",
                 "--outlet-column", "source", "--text-column", "body", "--event", "expel"]) == 2
    err = capsys.readouterr().err
    assert "the articles have no event. Name the column that holds events with --event-column COLUMN" in err
    assert "'story'" in err


def test_seed_worksheet_says_no_event_is_shared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["worksheet", "seeds", "-o", str(tmp_path / "w.html"), "--no-progress"]) == 0
    assert "No event is covered by two outlets" in capsys.readouterr().out


def test_a_semicolon_csv_from_a_french_spreadsheet_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tableur.csv"
    _frame().to_csv(path, index=False, sep=";")
    assert sniff_sep(path.read_text(encoding="utf-8").splitlines()[0]) == ";"
    corpus = read_csv(path, outlet="source", text="body")
    assert [a.outlet for a in corpus] == ["Reuters", "AP", "RT"]
    assert main(["score", str(path), "-o", str(tmp_path / "f"), "--no-progress", "--format", "csv",
                 "--outlet-column", "source", "--text-column", "body"]) == 0
    assert "3 ok" in capsys.readouterr().out
    # --sep says it outright (a pipe-separated file)
    piped = tmp_path / "piped.txt.csv"
    _frame().to_csv(piped, index=False, sep="|")
    assert main(["report", str(piped), "-o", str(tmp_path / "r.html"), "--no-progress", "--sep", "|",
                 "--outlet-column", "source", "--text-column", "body"]) == 0
    assert "3 ok" in capsys.readouterr().out
    assert main(["report", "seeds", "-o", str(tmp_path / "r.html"), "--no-progress", "--sep", ";"]) == 0
    capsys.readouterr()


def test_a_windows_file_says_how_to_fix_it_and_encoding_reads_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "excel.csv"
    frame = _frame()
    frame.loc[2, "body"] = frame.loc[2, "body"].replace("Russia's", "Russia\u2019s")  # one curly apostrophe
    frame.to_csv(path, index=False, encoding="cp1252")
    args = ["score", str(path), "-o", str(tmp_path / "f"), "--no-progress", "--outlet-column", "source",
            "--text-column", "body"]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == ("1 article(s) not read: the text is not UTF-8 (status 'not_utf8'). To fix: run again "
                         "with --encoding cp1252 (a file saved by Excel on Windows) or --encoding latin-1, "
                         "or re-save the file as UTF-8.")
    # another setting, another output folder (a run folder never mixes runs)
    args[3] = str(tmp_path / "f2")
    assert main([*args, "--encoding", "cp1252"]) == 0
    out = capsys.readouterr().out
    assert "3 ok" in out and "not_utf8" not in out
    args[3] = str(tmp_path / "f3")
    assert main([*args, "--encoding", "klingon"]) == 2
    assert "must be a text encoding" in capsys.readouterr().err


def test_one_meaning_per_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    _frame().to_csv(path, index=False)
    assert main(["score", str(path), "-o", str(tmp_path / "f"), "--no-progress", "--outlet-column", "source",
                 "--text-column", "body", "--title", "headline"]) == 2
    assert "the input's headline column is --title-column COLUMN" in capsys.readouterr().err
    assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--no-progress", "--event", "story"]) == 2
    assert "the input's event column is --event-column COLUMN" in capsys.readouterr().err
    # abbreviations are off: --event never stands for --event-column
    with pytest.raises(SystemExit):
        main(["score", str(path), "-o", str(tmp_path / "f"), "--event-col", "story"])
    capsys.readouterr()


@pytest.mark.parametrize(("command", "fmt", "suffix"), [("score", None, "parquet"), ("score", "csv", "csv"),
                                                         ("demo", None, "csv"), ("demo", "parquet", "parquet")])
def test_score_and_demo_say_what_format_they_write(command: str, fmt: str | None, suffix: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    args = [command] + (["seeds"] if command == "score" else []) + ["-o", str(tmp_path), "--no-progress"]
    assert main(args + (["--format", fmt] if fmt else [])) == 0
    out = capsys.readouterr().out
    folder = tmp_path / "frames" if command == "demo" else tmp_path
    assert f"Frames:    {folder}/*.{suffix} (one {'Parquet' if suffix == 'parquet' else 'CSV'} file per frame" in out
    assert (folder / f"articles.{suffix}").is_file()
