"""Contract checks every scorer must pass (in the spirit of sklearn's ``check_estimator``).

:func:`check_scorer` runs a :class:`~framecmp.scoring.Scorer` (or any object with
a compatible ``score(corpus, ...)`` method) over a corpus and checks the
contract of DESIGN.md: deterministic, input not mutated, empty corpus handled,
every evidence span slices back to its text, every frame has its columns, and
every input article is accounted for exactly once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from framecmp.schema import FRAMES

__all__ = ["check_scorer", "ContractError"]

_REQUIRED = FRAMES  # frame name -> its columns, as score() builds them


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


def check_scorer(scorer: Any, corpus: Any) -> list[str]:
    """Run the contract checks; return the problems found (empty when all pass).

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
    problems: list[str] = []
    before = _snapshot(corpus)
    first = scorer.score(corpus, progress=False)
    second = scorer.score(corpus, progress=False)
    if _snapshot(corpus) != before:
        problems.append("scoring mutated the input corpus")

    for name, cols in _REQUIRED.items():
        df = getattr(first, name, None)
        if not isinstance(df, pd.DataFrame):
            problems.append(f"Scores.{name} is not a DataFrame")
            continue
        missing = [c for c in cols if c not in df.columns]
        if missing:
            problems.append(f"Scores.{name} lacks columns {missing}")
        other = getattr(second, name)
        if not _sorted(df).equals(_sorted(other)):
            problems.append(f"Scores.{name} differs between two runs on the same input")

    ids = [a.article_id for a in corpus]
    got = list(first.articles["article_id"])
    if sorted(got) != sorted(ids):
        problems.append(f"articles frame has {len(got)} rows for {len(ids)} input articles")

    texts = {a.article_id: a.text for a in corpus}
    bad = 0
    for row in first.evidence.itertuples(index=False):
        t = texts.get(row.article_id)
        if t is None or not (0 <= row.start < row.end <= len(t)) or t[row.start : row.end] != row.text:
            bad += 1
    if bad:
        problems.append(f"{bad} evidence span(s) do not slice back to their text")

    empty = scorer.score([], progress=False)
    for name, cols in _REQUIRED.items():
        df = getattr(empty, name)
        if len(df) or [c for c in cols if c not in df.columns]:
            problems.append(f"empty corpus: Scores.{name} should be empty with its columns")
    return problems
