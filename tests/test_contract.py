"""Every scorer configuration passes the framecmp contract, one named check at a time."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from framecmp.checks import (
    check_columns_present,
    check_deterministic,
    check_empty_corpus,
    check_every_article_once,
    check_input_unchanged,
    check_scorer,
    check_spans_slice_back,
    scorer_checks,
)
from framecmp.scoring import Scorer

CONFIGS = {"default": {}, "trained": {"stance_mode": "trained"}, "no-shrinkage": {"shrinkage_k": 0.0},
           "narrow-window": {"window": 3}}
_SCORERS: dict[str, Scorer] = {}  # one per configuration: its lexicons load once


@pytest.mark.parametrize("check", list(scorer_checks()), ids=lambda c: c.__name__)
@pytest.mark.parametrize("config", CONFIGS)
def test_scorer_contract(seeds, config: str, check) -> None:
    scorer = _SCORERS.setdefault(config, Scorer(**CONFIGS[config]))
    assert check(scorer, seeds) == []


class _Broken:
    """A scorer that breaks one promise: ``change(scores, corpus)`` edits each result."""

    def __init__(self, change: Any) -> None:
        self.change = change
        self.calls = 0

    def score(self, corpus: Any, *, progress: bool | None = None) -> Any:
        self.calls += 1
        return self.change(_SCORERS.setdefault("default", Scorer()).score(corpus, progress=False),
                           corpus, self.calls)


def _replace(**frames: Any) -> Any:
    return lambda s, corpus, n: dataclasses.replace(s, **{k: f(s, n) for k, f in frames.items()})


def _mutate(scores: Any, corpus: Any, n: int) -> Any:
    if isinstance(corpus, list):
        corpus.reverse()  # the same articles, in another order: only the input check sees it
    return scores


# what a scorer breaks -> (the change, the checks that report it, the problem they name)
BROKEN = {
    "drops a column": (_replace(stance=lambda s, n: s.stance.drop(columns="holder")),
                       {check_columns_present, check_empty_corpus}, "Scores.stance"),
    "random": (_replace(terms=lambda s, n: s.terms.assign(hits=n)),
               {check_deterministic}, "Scores.terms differs between two runs on the same input"),
    "mutates": (_mutate, {check_input_unchanged}, "scoring mutated the input corpus"),
    "drops an article": (_replace(articles=lambda s, n: s.articles.iloc[1:]),
                         {check_every_article_once}, "articles frame has 4 rows for 5 input articles"),
    "shifts spans": (_replace(evidence=lambda s, n: s.evidence.assign(start=s.evidence["start"] + 1)),
                     {check_spans_slice_back}, "evidence span(s) do not slice back to their text"),
    "rows from nothing": (_replace(mentions=lambda s, n: s.mentions.reindex(range(max(len(s.mentions), 1)))),
                          {check_empty_corpus}, "empty corpus: Scores.mentions should be empty"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_check_names_the_promise_that_broke(seeds, case: str) -> None:
    change, expected, problem = BROKEN[case]
    failing = {}
    for check in scorer_checks():
        corpus = list(seeds)  # a fresh list: "mutates" reorders the one it is given
        if problems := check(_Broken(change), corpus):
            failing[check] = problems
    assert set(failing) == expected, {c.__name__: p for c, p in failing.items()}
    assert all(any(problem in p for p in problems) for problems in failing.values())
    assert any(problem in p for p in check_scorer(_Broken(change), list(seeds)))


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
