"""Every scorer configuration passes the framecmp contract (check_scorer)."""

from __future__ import annotations

import pytest

from framecmp.checks import check_scorer
from framecmp.score import Scorer


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
