"""The public API as a notebook user sees it: names, verbs, signatures, old names and paths."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import types
import warnings

import pandas as pd
import pytest

import framecmp as fc
from framecmp._validation import ParameterError

PUBLIC = sorted(n for n in fc.__all__ if not n.startswith("_"))


def test_dir_lists_the_public_names_only() -> None:
    # no subpackages (io, measures, present, ...), no ``annotations``, no helpers
    assert [n for n in dir(fc) if not n.startswith("_")] == PUBLIC
    assert "__version__" in dir(fc)
    assert not hasattr(fc, "annotations")
    for name in PUBLIC:
        assert not isinstance(getattr(fc, name), types.ModuleType) or name == "plot", name


def test_dir_is_the_same_in_a_fresh_interpreter() -> None:
    code = "import framecmp; print(','.join(n for n in dir(framecmp) if not n.startswith('_')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().split(",") == PUBLIC


def test_one_verb_per_kind_of_thing() -> None:
    corpora = ["load", "load_csv", "load_jsonl", "load_parquet", "load_dataframe", "load_folder",
               "load_html", "load_seeds"]
    lexicons = ["load_actors", "load_terms", "load_attribution_config", "load_stance_config",
                "load_boilerplate"]
    measures = ["find_mentions", "find_terms", "find_attributions"]
    for name in corpora + lexicons + measures:
        assert name in fc.__all__, name
    assert not [n for n in fc.__all__ if n.startswith(("read_", "from_", "extract_"))]


def test_plot_is_public_and_draws_lazily() -> None:
    import framecmp.plot
    from framecmp.present import plot as drawn

    assert fc.plot is framecmp.plot
    for name in fc.plot.__all__:
        assert getattr(fc.plot, name) is getattr(drawn, name)
    assert "stance_heatmap" in dir(fc.plot)


RENAMED = {
    "read_csv": "load_csv",
    "read_jsonl": "load_jsonl",
    "read_parquet": "load_parquet",
    "from_dataframe": "load_dataframe",
    "extract_attributions": "find_attributions",
}


@pytest.mark.parametrize("old,new", RENAMED.items())
def test_an_old_name_warns_and_calls_the_new_one(old: str, new: str) -> None:
    assert old not in fc.__all__ and old not in dir(fc)
    wrapper = getattr(fc, old)
    assert wrapper.__wrapped__ is getattr(fc, new)
    assert wrapper.__name__ == old
    assert inspect.signature(wrapper) == inspect.signature(getattr(fc, new))
    # the call goes through: the new function refuses the bad first argument
    with pytest.warns(FutureWarning, match=rf"framecmp\.{old}\(\) is renamed framecmp\.{new}\(\)"):
        with pytest.raises(ParameterError):
            wrapper(42, config=None)


def test_old_reader_names_give_the_same_corpus() -> None:
    df = pd.DataFrame({"outlet": ["RT", "Sputnik"], "text": ["Mali met Russia.", "France left."]})
    with pytest.warns(FutureWarning, match="load_dataframe"):
        old = fc.from_dataframe(df)
    assert old.ids == fc.load_dataframe(df).ids == ("0", "1")


def test_load_and_score_show_their_real_parameters() -> None:
    load = inspect.signature(fc.load).parameters
    assert not [p for p in load.values() if p.kind is p.VAR_KEYWORD]
    for name in ("text", "outlet", "id", "title", "date", "url", "event", "language",
                 "translated_from", "clean", "rules", "sep", "metadata", "pattern"):
        assert load[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    score = inspect.signature(fc.score).parameters
    assert not [p for p in score.values() if p.kind is p.VAR_KEYWORD]
    assert {k: p.default for k, p in score.items() if k != "corpus"} == {
        "workers": 1, "progress": None, "actors": None, "terms": None, "stance_mode": "default",
        "shrinkage_k": 2.0, "window": 12, "engine": "linear", "effects": None}
    scorer = inspect.signature(fc.Scorer).parameters
    assert set(scorer) <= set(score), "score() takes every setting of Scorer"


def test_load_passes_only_the_options_given(tmp_path, seeds) -> None:
    p = tmp_path / "a.csv"
    p.write_text("ID;site;body\nx1;RT;Mali met Russia.\n", encoding="utf-8")
    c = fc.load(p, sep=";", id="ID", outlet="site", text="body", clean=False)
    assert (c.ids, c["x1"].outlet, c["x1"].text) == (("x1",), "RT", "Mali met Russia.")
    with pytest.raises(TypeError, match="unexpected keyword argument 'metadata'"):
        fc.load(p, metadata={}, sep=";")


@pytest.mark.parametrize("func,param", [
    (fc.compare, "scores"), (fc.report, "scores"), (fc.worksheet, "scores"),
    (fc.distinctive_terms, "data"), (fc.label_matrix, "labels"), (fc.score, "corpus"),
    (fc.highlight, "article"),
])
def test_scores_and_corpora_are_typed_at_the_boundary(func, param) -> None:
    annotation = str(inspect.signature(func).parameters[param].annotation)
    assert "Any" not in annotation
    assert any(t in annotation for t in ("Scores", "Corpus", "Article")), annotation


# Every module moved in this release keeps its old path for one release, with a FutureWarning
# naming the new one; the old path still gives every public name it had (the stance names are
# the ones the lead's rewrite keeps).
OLD_PATHS = {
    "stance": ("framecmp.measures.stance",
               "StanceConfig TargetScore load_stance_config score_stance score_target"),
    "attribution": ("framecmp.measures.attribution",
                    "SOURCE_TYPES QUOTE_TYPES Attribution AttributionConfig AttributionResult "
                    "load_attribution_config extract_attributions attribution_rows voices_rows style_row"),
    "terms": ("framecmp.measures.terms",
              "DEFAULT_FILES LEXICON_KINDS NEGATORS PATTERN_TIMEOUT TERM_SCHEMA LabelChoice TermEntry "
              "TermHit TermLexicon TermPatternTimeoutWarning TermsResult check_lexicon_file find_terms "
              "label_choices labels_frame load_terms terms_frame write_editable_lexicon"),
    "actors": ("framecmp.measures.actors",
               "ACTOR_TYPES VIA Person Actor ActorIndex Mention load_actors find_mentions"),
    "corpus": ("framecmp.io.corpus and framecmp.io.readers",
               "MAX_CHARS STATUSES SUFFIXES Article Corpus from_dataframe iter_csv iter_jsonl "
               "iter_parquet iter_records load load_folder load_html load_seeds make_article "
               "read_csv read_jsonl read_parquet"),
    "cleaning": ("framecmp.io.cleaning and framecmp.io.boilerplate",
                 "SCOPES DEFAULT_TIMEOUT REPORTING_MIN_WORDS BoilerplateRules "
                 "BoilerplateTimeoutWarning Cleaned OffsetMap Removal Rule TimedPattern clean "
                 "default_rules find_captions load_boilerplate"),
    "comparison": ("framecmp.stats",
                   "MEASURES STYLE_METRICS compare find_duplicates suggest_events distinctive_terms "
                   "label_matrix sensitivity SensitivityResult benjamini_hochberg"),
    "html": ("framecmp.present.report and framecmp.present.highlight",
             "Highlight highlight article_html report CSS KINDS"),
    "teach": ("framecmp.present.teach", "Worksheet worksheet WORKSHEET_CSS"),
    "display": ("framecmp.present.display",
                "actor_name category_name category_description holder_name metric_name "
                "metric_unit metric_label language_name humanize"),
    "validation": ("framecmp.present.accuracy", "MEASURED RESULTS validation_summary"),
    "columns": ("framecmp.schema",
                "ARTICLES EVIDENCE STANCE TERMS LABELS ATTRIBUTION VOICES STYLE MENTIONS REMOVALS "
                "EVIDENCE_KINDS require"),
    "scale": ("framecmp.parallel",
              "FRAME_DTYPES LazyScores arrow_schema compute_scores empty_frame iter_chunks "
              "normalize_frame score_dask"),
    "cue_model": ("framecmp.measures.attribution.cue_model",
                  "MODEL_FORMAT CueModel extend_features load_cue_model neighbours sentence_arrays "
                  "start_features"),
    "cue_crf": ("framecmp.measures.attribution.cue_crf",
                "LABELS MODEL_FORMAT CueCRF load_cue_crf sentence_features"),
}


def _fresh_import(name: str) -> types.ModuleType:
    """Import ``framecmp.<name>`` anew (doctest collection may have imported it already)."""
    sys.modules.pop(f"framecmp.{name}", None)
    if name in vars(fc):
        delattr(fc, name)
    return importlib.import_module(f"framecmp.{name}")


@pytest.mark.parametrize("old", OLD_PATHS)
def test_an_old_module_path_warns_and_keeps_its_names(old: str) -> None:
    new, names = OLD_PATHS[old]
    with pytest.warns(FutureWarning, match=rf"framecmp\.{old} moved to {new}"):
        mod = _fresh_import(old)
    missing = [n for n in names.split() if not hasattr(mod, n)]
    assert not missing
    assert old not in dir(fc)


def test_old_paths_give_the_same_objects() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from framecmp.comparison import compare
        from framecmp.corpus import Corpus, read_csv
        from framecmp.html import report
        from framecmp.scale import score_dask
    from framecmp.io.readers import read_csv as new_read_csv
    from framecmp.parallel import score_dask as new_score_dask

    assert (compare, Corpus, report, read_csv, score_dask) == (
        fc.compare, fc.Corpus, fc.report, new_read_csv, new_score_dask)


def test_new_paths_do_not_warn() -> None:
    code = ("import warnings; warnings.simplefilter('error', FutureWarning); import framecmp, "
            "framecmp.plot, framecmp.text, framecmp.measures.stance, framecmp.io.readers")
    subprocess.run([sys.executable, "-c", code], check=True)
