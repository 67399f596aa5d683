"""Every parameter error comes from one place (framecmp._validation) and names its parameter.

A bad parameter raises ``ParameterError`` (a ValueError and a TypeError both) whose message
reads "The 'p' parameter of f() must be ... Got ... instead." and which carries ``.param``
and ``.caller``, so the command line names its own option without parsing the text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import framecmp as fc
from framecmp._validation import ParameterError, check_choice, param_error
from framecmp.cli import main

DATA = Path(__file__).parent / "data"


def test_param_error_message_and_attributes() -> None:
    err = param_error("measure", "compare", "one of ['stance', 'terms']", "stanse")
    assert str(err) == ("The 'measure' parameter of compare() must be one of ['stance', 'terms']. "
                        "Got 'stanse' instead.")
    assert (err.param, err.caller) == ("measure", "compare()")
    assert isinstance(err, ValueError) and isinstance(err, TypeError)
    assert param_error("window", "Scorer", "an int >= 1", 0).caller == "Scorer"
    assert check_choice("mode", "worksheet", "blank", ["highlight", "blank"]) == "blank"


def _bad_calls(seeds: Any, scores: Any, tmp_path: Path) -> dict[str, tuple[Callable[[], Any], str, str]]:
    """id -> (a call with one bad parameter, the parameter, the function) ."""
    docx = tmp_path / "a.docx"
    docx.write_text("x", encoding="utf-8")
    art = seeds[0]
    table = pd.DataFrame({"measure": "stance", "group": ["A"], "item": ["france"], "mean": [0.1]})
    return {
        "compare-measure": (lambda: fc.compare(scores, measure="stanse"), "measure", "compare()"),
        "compare-ci": (lambda: fc.compare(scores, ci=1.5), "ci", "compare()"),
        "score-workers": (lambda: fc.score(seeds, workers=0), "workers", "score()"),
        "score-stance_mode": (lambda: fc.score(seeds, stance_mode="x", progress=False),
                              "stance_mode", "Scorer"),
        "score-corpus": (lambda: fc.score("Mali met Russia."), "corpus", "score()"),
        "load_csv-text": (lambda: fc.load_csv(DATA / "articles.csv", text="body"), "text", "load_csv()"),
        "load-path": (lambda: fc.load(docx), "path", "load()"),
        "highlight-kinds": (lambda: fc.highlight(art, scores.evidence, kinds="term"), "kinds",
                            "highlight()"),
        "worksheet-mode": (lambda: fc.worksheet(scores, mode="fill"), "mode", "worksheet()"),
        "report-max_articles": (lambda: fc.report(scores, max_articles=-1), "max_articles", "report()"),
        "find_terms-lexicon": (lambda: fc.find_terms(fc.analyze(art.text), lexicon=None),  # type: ignore[arg-type]
                               "lexicon", "find_terms()"),
        "load_boilerplate-timeout": (lambda: fc.load_boilerplate(timeout=0), "timeout",
                                     "load_boilerplate()"),
        "find_duplicates-threshold": (lambda: fc.find_duplicates(scores.articles.assign(text="x"),
                                                                 threshold=2), "threshold",
                                      "find_duplicates()"),
        "write_editable_lexicon-which": (lambda: fc.write_editable_lexicon(tmp_path, which="nope"),
                                         "which", "write_editable_lexicon()"),
        "stance_bars-target": (lambda: fc.plot.stance_bars(table, target="mali"), "target",
                               "stance_bars()"),
        "filter-status": (lambda: seeds.filter(status="fine"), "status", "Corpus.filter()"),
        "find_attributions-config": (lambda: fc.find_attributions(fc.analyze(art.text), config={}),  # type: ignore[arg-type]
                                     "config", "find_attributions()"),
        "analyze-text": (lambda: fc.analyze(42), "text", "analyze()"),  # type: ignore[arg-type]
    }


CASES = [
    "compare-measure", "compare-ci", "score-workers", "score-stance_mode", "score-corpus",
    "load_csv-text", "load-path", "highlight-kinds", "worksheet-mode", "report-max_articles",
    "find_terms-lexicon", "load_boilerplate-timeout", "find_duplicates-threshold",
    "write_editable_lexicon-which", "stance_bars-target", "filter-status", "analyze-text", "find_attributions-config",
]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_parameter_raises_parameter_error_naming_it(case: str, seeds: Any, seed_scores: Any,
                                                          tmp_path: Path) -> None:
    call, param, caller = _bad_calls(seeds, seed_scores, tmp_path)[case]
    with pytest.raises(ParameterError) as err:
        call()
    assert (err.value.param, err.value.caller) == (param, caller)
    assert str(err.value).startswith(f"The '{param}' parameter of {caller} must be ")
    assert " instead." in str(err.value)


def test_cli_names_the_option_of_a_bad_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,site,body\nx1,RT,Mali met Russia.\n", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-progress",
                 "--text", "content", "--outlet", "site"]) == 2
    err = capsys.readouterr().err
    assert "The 'text' parameter of load_csv() must be a column of" in err
    assert "Got 'content' instead." in err
    assert err.rstrip().endswith("(on the command line: --text-column COLUMN)")
    assert main(["report", str(src), "-o", str(tmp_path / "r.html"), "--no-progress",
                 "--text", "body", "--outlet", "site", "--title-column", "headline"]) == 2
    assert "(on the command line: --title-column COLUMN)" in capsys.readouterr().err


def test_cli_names_the_lexicon_copy_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "copy", "nope", "-o", str(tmp_path / "x.yaml")]) == 2
    assert "(on the command line: the NAME of 'framecmp lexicon copy NAME')" in capsys.readouterr().err
