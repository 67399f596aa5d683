"""The package's layout promises (INTERNALS.md, "Layout"): layers, no private imports, small modules."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "framecmp"
MODULES = sorted(SRC.rglob("*.py"))
MAX_LINES = 1000

# Still to do in the layout work (issue 15): each entry is a strict expected failure, so it
# must leave this table in the commit that fixes it. Empty when the layout is done.
PENDING: dict[str, set[str]] = {
    "lines": set(),
    "private": set(),
    "dynamic": set(),
    "layers": set(),
    "lazy_plots": set(),
}


def _params(kind: str) -> list:
    return [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="layout work pending"))
            if str(p.relative_to(SRC)) in PENDING[kind] else p for p in MODULES]


def _pending(kind: str, key: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(key in PENDING[kind], strict=True, reason="layout work pending")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) of every ``from X import ...`` of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod == "framecmp" or mod.startswith("framecmp."):
                out.append((node.lineno, mod, [a.name for a in node.names]))
    return out


@pytest.mark.parametrize("path", _params("lines"), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_over_a_thousand_lines(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(SRC)} has {n} lines; split it by job"


@pytest.mark.parametrize("path", _params("private"), ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_imported_from_another_module(path: Path) -> None:
    bad = [f"line {line}: from {mod} import {name}"
           for line, mod, names in _imports(path)
           for name in names
           if name.startswith("_") and name != "__version__" and mod != "framecmp._version"]
    assert not bad, "make these public in the lower module:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", _params("dynamic"), ids=lambda p: str(p.relative_to(SRC)))
def test_no_dynamic_imports_of_the_package(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "import_module(" not in text and "__import__(" not in text, (
        f"{path.relative_to(SRC)} imports modules dynamically; import them plainly")


@_pending("layers", "contract")
def test_layers_contract() -> None:
    """import-linter's layers contract in pyproject.toml ([tool.importlinter])."""
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    res = subprocess.run([exe, "--config", str(SRC.parents[1] / "pyproject.toml")],
                         capture_output=True, text=True, cwd=SRC.parents[1])
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]


@_pending("lazy_plots", "matplotlib")
def test_import_framecmp_does_not_import_matplotlib() -> None:
    code = "import sys, framecmp; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
