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
    for folder in ("lexicons", "seeds"):
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert files, f"{folder}/ is empty"
        for p in files:
            rel = p.relative_to(ROOT / folder).as_posix()
            assert f"framecmp/_data/{folder}/{rel}" in names, f"{folder}/{rel} missing from the wheel"
    assert "framecmp/py.typed" in names


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
