"""Every scorer configuration passes the framecmp contract (check_scorer)."""

from __future__ import annotations

import pytest

from framecmp.checks import check_scorer
from framecmp.scoring import Scorer


@pytest.mark.parametrize(
    "params",
    [{}, {"stance_mode": "trained"}, {"shrinkage_k": 0.0}, {"window": 3}],
    ids=["default", "trained", "no-shrinkage", "narrow-window"],
)
def test_scorer_contract(seeds, params) -> None:
    assert check_scorer(Scorer(**params), seeds) == []


def test_bad_parameters_name_what_is_allowed(seeds) -> None:
    with pytest.raises(ValueError, match="'stance_mode' parameter of Scorer must be one of"):
        Scorer(stance_mode="fancy").score(seeds, progress=False)
    with pytest.raises(ValueError, match="'workers' parameter"):
        Scorer().score(seeds, workers=0, progress=False)


def test_bare_string_is_rejected() -> None:
    with pytest.raises(TypeError, match="bare str"):
        Scorer().score("Mali turned to Russia.", progress=False)


def test_save_parquet_round_trip(seed_scores, tmp_path) -> None:
    import pandas as pd

    seed_scores.save(tmp_path)
    for name, df in seed_scores.frames().items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert len(back) == len(df), name
        assert list(df.columns) == list(back.columns)[: len(df.columns)], name


def test_to_columns_transposes_rows() -> None:
    from framecmp.scoring import _to_columns

    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": None}, {"a": 3, "b": "z"}]
    assert _to_columns(rows) == {"a": [1, 2, 3], "b": ["x", None, "z"]}
    assert list(_to_columns(rows)) == ["a", "b"]  # the first row's key order
    mixed = [{"a": 1, "b": 2}, {"a": 3, "c": 4}, {"b": 5}]
    assert _to_columns(mixed) == {"a": [1, 3, None], "b": [2, None, 5], "c": [None, 4, None]}
    assert _to_columns([{"a": 1}, {"a": 2}]) == {"a": [1, 2]}
    assert _to_columns([]) == {}


def test_scoring_restores_the_gc_threshold() -> None:
    import gc

    from framecmp import load_seeds

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    class Spy(Scorer):
        def score_article(self, article):  # type: ignore[no-untyped-def]
            seen.append(gc.get_threshold())
            return super().score_article(article)

    Spy().score(load_seeds(), progress=False)
    assert seen and all(t[0] >= 50_000 for t in seen)  # fewer collections while scoring
    assert gc.get_threshold() == before


def test_corpus_and_scores_count_words_alike(seeds, seed_scores) -> None:
    # one word count everywhere: the corpus table, the articles frame, the per-1,000 rates
    counted = seeds.to_frame().set_index("article_id")["n_words"]
    scored = seed_scores.articles.set_index("article_id")["n_words"]
    assert counted.to_dict() == scored.to_dict()


def test_explain_names_the_evidence_kinds(seed_scores) -> None:
    import pytest

    with pytest.raises(ValueError, match=r"must be an evidence kind.*\(for the terms frame: 'term'\)"):
        seed_scores.explain("seed-003", kind="terms")
    assert len(seed_scores.explain("seed-003", kind="term")) > 0
