"""Portrayal: how an article presents each actor, all voices together.

From the evaluations of one article (:mod:`framecmp.measures.stance.evaluate`), one row per
actor of the ``portrayal`` frame:

* ``score`` in [-1, 1]: the evaluations of the actor by every voice (the outlet, the people
  it quotes, the actor's own words about itself), summed and shrunk toward 0 as the stance
  is, ``sum / (n + k)``; victim mentions count in ``n`` with value 0;
* ``role``:

  - ``victim`` when the actor suffers violence in the article (at least one victim mention)
    and is not blamed: it has no directed negative cue ("accused", "a French puppet") and
    no more clearly negative evaluations (value <= -``ROLE_THRESHOLD``) than victim
    mentions. A victim is never an antagonist;
  - ``antagonist`` when ``score <= -ROLE_THRESHOLD``;
  - ``protagonist`` when ``score >= ROLE_THRESHOLD``;
  - ``neutral`` otherwise.

``ROLE_THRESHOLD`` (0.15) and the victim rule are documented in the README with the figures
of ``benchmarks/portrayal_nfc.py`` on the Narrative Frames Corpus dev half.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framecmp.measures.stance.evaluate import Evaluation

__all__ = ["PortrayalRow", "ROLES", "ROLE_THRESHOLD", "portray"]

ROLES = ("protagonist", "antagonist", "victim", "neutral")
ROLE_THRESHOLD = 0.15


@dataclass(frozen=True, slots=True)
class PortrayalRow:
    """One row of the ``portrayal`` frame (article x actor)."""

    actor: str
    role: str
    score: float
    score_sum: float
    n_mentions: int
    n_evidence: int
    n_victim: int
    n_directed: int
    n_voices: int
    own_voice: float
    shrinkage_k: float


def _role(score: float, evals: Sequence[Evaluation], threshold: float) -> str:
    n_victim = sum(1 for e in evals if e.kind == "victim")
    blamed = any(e.kind == "cue" and e.value < 0 for e in evals)
    acts_badly = sum(1 for e in evals if e.kind in ("engine", "label", "deed") and e.value <= -threshold and e.agent)
    undergoes = sum(1 for e in evals if e.kind == "engine" and e.value <= -threshold and not e.agent)
    if not blamed and (n_victim or score <= -threshold) and n_victim + undergoes > acts_badly:
        return "victim"
    if score <= -threshold:
        return "antagonist"
    if score >= threshold:
        return "protagonist"
    return "neutral"


def portray(
    evaluations: Sequence[Evaluation], *, shrinkage_k: float = 2.0, threshold: float = ROLE_THRESHOLD
) -> list[PortrayalRow]:
    """One :class:`PortrayalRow` per actor evaluated in the article, sorted by actor."""
    by_actor: dict[str, list[Evaluation]] = {}
    for e in evaluations:
        by_actor.setdefault(e.target, []).append(e)
    rows = []
    k = float(shrinkage_k)
    for actor in sorted(by_actor):
        evals = by_actor[actor]
        total = sum(e.value for e in evals)
        # a sentence already counted through its cue is not counted again
        n = sum(1 for e in evals if e.kind != "covered")
        score = total / (n + k) if n + k > 0 else 0.0
        own = [e.value for e in evals if e.holder == "author"]
        rows.append(PortrayalRow(
            actor=actor, role=_role(score, evals, threshold), score=score, score_sum=total,
            n_mentions=len({(e.start, e.end) for e in evals if e.kind != "label"}),
            n_evidence=sum(1 for e in evals if e.kind not in ("setting", "covered")),
            n_victim=sum(1 for e in evals if e.kind == "victim"),
            n_directed=sum(1 for e in evals if e.kind == "cue"),
            n_voices=len({e.holder for e in evals}),
            own_voice=sum(own) / (len(own) + k) if own or k else 0.0,
            shrinkage_k=k,
        ))
    return rows
