"""The validation figures shown in every report are the README's benchmark figures."""

from __future__ import annotations

import re
from pathlib import Path

from framecmp.present.accuracy import RESULTS, validation_summary

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_figure_is_in_the_readme_benchmarks_table():
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Benchmarks"):text.index("## Scale")]
    numbers = set(re.findall(r"\d\.\d{3}", table))
    missing = {k: v for k, v in RESULTS.items() if f"{v:.3f}" not in numbers}
    assert not missing, f"validation.RESULTS not in the README benchmarks table: {missing}"


def test_summary_names_every_measure_and_its_data():
    s = validation_summary()
    assert {"Attribution", "Stance", "Loaded terms", "Scope"} <= set(s)
    assert "PolNeAR" in s["Attribution"] and "NewsMTSC" in s["Stance"] and "BABE" in s["Loaded terms"]
    assert f"{RESULTS[('attribution', 'PolNeAR dev', 'cue_f1')]:.2f}" in s["Attribution"]
