"""Contract checks every scorer must pass (scikit-learn's ``check_estimator`` is the model).

Each promise of DESIGN.md is one small, named check: ``check(scorer, corpus)`` scores the
corpus with the scorer and returns the problems it found (an empty list when the promise
holds). :func:`scorer_checks` yields them one by one, so a test suite can run each as its
own test and a failure names the promise that broke (as scikit-learn's
``parametrize_with_checks``)::

    @pytest.mark.parametrize("check", list(scorer_checks()), ids=lambda c: c.__name__)
    def test_scorer(check, seeds):
        assert check(Scorer(), seeds) == []

:func:`check_scorer` runs them all. A scorer is a :class:`~framecmp.scoring.Scorer` or any
object with a compatible ``score(corpus, progress=...) -> Scores`` method.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from framecmp.schema import FRAMES

__all__ = [
    "ContractError",
    "check_scorer",
    "scorer_checks",
    "check_columns_present",
    "check_deterministic",
    "check_input_unchanged",
    "check_every_article_once",
    "check_spans_slice_back",
    "check_empty_corpus",
]

Check = Callable[[Any, Any], list[str]]
"""A check: ``check(scorer, corpus) -> problems`` (empty when the promise holds)."""


class ContractError(AssertionError):
    """A scorer broke the framecmp contract; the message lists every problem."""


def _snapshot(corpus: Any) -> list[tuple[Any, ...]]:
    return [
        (a.article_id, a.outlet, a.raw_text, a.text, a.title, a.date, a.event, a.status, len(a.removals))
        for a in corpus
    ]


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df.reset_index(drop=True)
    key = [c for c in ("article_id", "kind", "start", "end", "holder", "target", "category", "label")
           if c in df.columns]
    return df.astype(str).sort_values(key + [c for c in df.columns if c not in key]).reset_index(drop=True)


def _score(scorer: Any, corpus: Any) -> Any:
    return scorer.score(corpus, progress=False)


def check_columns_present(scorer: Any, corpus: Any) -> list[str]:
    """Every frame of :data:`framecmp.schema.FRAMES` is a DataFrame with all its columns."""
    scores = _score(scorer, corpus)
    problems = []
    for name, cols in FRAMES.items():
        df = getattr(scores, name, None)
        if not isinstance(df, pd.DataFrame):
            problems.append(f"Scores.{name} is not a DataFrame")
            continue
        missing = [c for c in cols if c not in df.columns]
        if missing:
            problems.append(f"Scores.{name} lacks columns {missing}")
    return problems


def check_deterministic(scorer: Any, corpus: Any) -> list[str]:
    """Two runs on the same input give the same frames (row order aside)."""
    first, second = _score(scorer, corpus), _score(scorer, corpus)
    problems = []
    for name in FRAMES:
        a, b = getattr(first, name, None), getattr(second, name, None)
        if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame) and not _sorted(a).equals(_sorted(b)):
            problems.append(f"Scores.{name} differs between two runs on the same input")
    return problems


def check_input_unchanged(scorer: Any, corpus: Any) -> list[str]:
    """Scoring leaves the corpus as it was (ids, texts, fields, statuses, removals)."""
    before = _snapshot(corpus)
    _score(scorer, corpus)
    return [] if _snapshot(corpus) == before else ["scoring mutated the input corpus"]


def check_every_article_once(scorer: Any, corpus: Any) -> list[str]:
    """The articles frame has one row per input article: none dropped, none repeated."""
    ids = [a.article_id for a in corpus]
    got = list(_score(scorer, corpus).articles["article_id"])
    if sorted(got) != sorted(ids):
        return [f"articles frame has {len(got)} rows for {len(ids)} input articles"]
    return []


def check_spans_slice_back(scorer: Any, corpus: Any) -> list[str]:
    """Every evidence span slices the article's text back to the evidence's ``text``."""
    texts = {a.article_id: a.text for a in corpus}
    bad = 0
    for row in _score(scorer, corpus).evidence.itertuples(index=False):
        t = texts.get(row.article_id)
        if t is None or not (0 <= row.start < row.end <= len(t)) or t[row.start : row.end] != row.text:
            bad += 1
    return [f"{bad} evidence span(s) do not slice back to their text"] if bad else []


def check_empty_corpus(scorer: Any, corpus: Any) -> list[str]:
    """An empty corpus gives every frame empty, with its columns (``corpus`` is not used)."""
    empty = _score(scorer, [])
    problems = []
    for name, cols in FRAMES.items():
        df = getattr(empty, name, None)
        if not isinstance(df, pd.DataFrame) or len(df) or [c for c in cols if c not in df.columns]:
            problems.append(f"empty corpus: Scores.{name} should be empty with its columns")
    return problems


def scorer_checks() -> Iterator[Check]:
    """The contract checks, one by one (each ``check(scorer, corpus) -> problems``)."""
    yield check_columns_present
    yield check_deterministic
    yield check_input_unchanged
    yield check_every_article_once
    yield check_spans_slice_back
    yield check_empty_corpus


def check_scorer(scorer: Any, corpus: Any) -> list[str]:
    """Run every contract check; return the problems found (empty when all pass).

    Parameters
    ----------
    scorer : Scorer
        Anything with ``score(corpus, progress=...) -> Scores``.
    corpus : Corpus
        At least one scorable article; the seeds are a good choice.

    Examples
    --------
    >>> from framecmp import Scorer, load_seeds
    >>> check_scorer(Scorer(), load_seeds())
    []
    """
    return [problem for check in scorer_checks() for problem in check(scorer, corpus)]
