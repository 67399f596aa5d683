"""Packaging: the wheel ships every lexicon and seed file; py.typed; CLI basics."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import framecmp
from framecmp.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_every_lexicon_and_seed_file(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("framecmp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("lexicons", "seeds", "models"):
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert files, f"{folder}/ is empty"
        for p in files:
            rel = p.relative_to(ROOT / folder).as_posix()
            assert f"framecmp/_data/{folder}/{rel}" in names, f"{folder}/{rel} missing from the wheel"
    assert "framecmp/py.typed" in names
    assert wheel.stat().st_size < 40_000_000  # the neural model adds about 23 MB (limit: 30 MB)


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert framecmp.__version__ in capsys.readouterr().out
    assert main([]) == 0
    assert "demo" in capsys.readouterr().out


def test_python_m_framecmp_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "framecmp", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "worksheet" in proc.stdout


def test_public_api_is_explicit() -> None:
    for name in framecmp.__all__:
        assert hasattr(framecmp, name), name


@pytest.mark.filterwarnings("ignore:framecmp.* moved to:FutureWarning")  # the old module paths
def test_no_submodule_is_shadowed_by_a_function() -> None:
    # ``framecmp.score`` is the function; every submodule keeps its own name, so
    # ``import framecmp.scoring`` and ``framecmp.score(...)`` never collide.
    import importlib
    import pkgutil
    import types

    assert callable(framecmp.score)
    for mod in pkgutil.iter_modules(framecmp.__path__):
        if mod.name == "__main__":
            continue
        importlib.import_module(f"framecmp.{mod.name}")
        assert isinstance(getattr(framecmp, mod.name), types.ModuleType), mod.name


def test_every_bundled_lexicon_checks_clean() -> None:
    from framecmp.lexicon_check import check_lexicon_file
    from framecmp.lexicons import lexicon_dir

    files = sorted(lexicon_dir().glob("*.yaml"))
    assert len(files) >= 8
    for f in files:
        assert check_lexicon_file(f) == [], f.name


def _lexicon_file(path: Path, kind: str, entries: str) -> Path:
    """A lexicon file of ``kind`` with the header lines 1-5 and ``entries`` from line 6."""
    path.write_text(f'format: framecmp-lexicon/1\nkind: {kind}\nname: t\nversion: "1"\nentries:\n{entries}',
                    encoding="utf-8")
    return path


def test_cli_lexicon_check_reports_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _lexicon_file(tmp_path / "bad.yaml", "loaded_terms",
                        "  - id: a\n    terms: [junta]\n    category: government_label\n    connotation: high\n"
                        "    explanation: x\n    source: own\n")
    assert main(["lexicon", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "line 9: 'connotation' 'high' is not a number" in out  # the field's line, not the entry's


def test_cli_score_seeds_writes_frames(tmp_path: Path) -> None:
    assert main(["score", "seeds", "-o", str(tmp_path), "--format", "csv", "--no-progress"]) == 0
    assert {p.name for p in tmp_path.glob("*.csv")} >= {"articles.csv", "evidence.csv", "stance.csv"}


def test_cli_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "/nonexistent/file.csv", "-o", "/tmp/never.html", "--no-progress"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_score_streams_a_file_with_column_names(tmp_path: Path) -> None:
    import json

    import pandas as pd

    src = tmp_path / "in.jsonl"
    rows = [
        {"ID": f"a{i}", "source": "Outlet A" if i % 2 else "Outlet B",
         "body": "Mali's government said on Monday it would work with Russia. It was a reliable partner."}
        for i in range(4)
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["score", str(src), "-o", str(out), "--text", "body", "--outlet", "source",
               "--id", "ID", "--no-progress"])
    assert rc == 0
    arts = pd.read_parquet(out / "articles.parquet")
    assert len(arts) == 5  # four articles and the broken line, none dropped
    assert sorted(arts["status"].unique()) == ["ok", "parse_error"]


def test_cli_report_and_worksheet_take_column_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,site,body\nx1,RT,Mali met Russia. Lavrov said it was a reliable partner.\n",
                   encoding="utf-8")
    # without the column names: a clear error that names the command-line option
    assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-progress"]) == 2
    assert "(on the command line: --text-column COLUMN)" in capsys.readouterr().err
    assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-progress",
                 "--text", "body", "--outlet", "site", "--title", "My report"]) == 0
    assert "1 article (1 ok)" in capsys.readouterr().out
    assert "My report" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["worksheet", str(src), "-o", str(tmp_path / "w.html"), "--no-progress",
                 "--text", "body", "--outlet", "site"]) == 0
    assert (tmp_path / "w-answers.md").is_file()


def test_cli_lexicon_copy_does_not_overwrite_unasked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "mine.yaml"
    assert main(["lexicon", "copy", "hedges", "-o", str(dest)]) == 0
    dest.write_text(dest.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    assert main(["lexicon", "copy", "hedges", "-o", str(dest)]) == 2
    assert "pass --overwrite" in capsys.readouterr().err
    assert "# my edit" in dest.read_text(encoding="utf-8")
    assert main(["lexicon", "copy", "hedges", "-o", str(dest), "--overwrite"]) == 0
    assert "# my edit" not in dest.read_text(encoding="utf-8")


def test_cli_lexicon_check_takes_your_actors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    terms = _lexicon_file(tmp_path / "t.yaml", "loaded_terms",
                          "  - id: a\n    terms: [mpsr junta]\n    category: government_label\n"
                          "    connotation: -0.5\n    referent: mpsr\n    explanation: x\n    source: own\n")
    assert main(["lexicon", "check", str(terms)]) == 1
    assert "'referent' 'mpsr' is not an actor id" in capsys.readouterr().out
    actors = _lexicon_file(tmp_path / "a.yaml", "actors",
                           "  - id: mpsr\n    name: MPSR\n    type: collective\n    aliases: [MPSR]\n")
    assert main(["lexicon", "check", str(terms), "--actors", str(actors)]) == 0


def test_lexicon_yaml_is_loaded_safely(tmp_path: Path) -> None:
    from framecmp.lexicons import LexiconError, load_yaml_with_lines

    evil = tmp_path / "evil.yaml"
    evil.write_text("format: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_yaml_with_lines(evil)
