"""Target engines: score what a sentence says about each actor mention (interim version).

An engine has a ``name``, a ``version`` and ``score_spans(doc, spans)``, which returns one
:class:`~framecmp.measures.stance.target.TargetScore` per character span, its evidence
(Contributions) at offsets of ``doc.text``. ``linear`` is the linear model fitted on NewsMTSC
(``lexicons/stance_model.json``), ``rules`` the rule scorer. This interim version scores each
span on its sentence text; the fast version computes from the Doc's tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from framecmp.measures.stance.cues import default_cues
from framecmp.measures.stance.model import StanceModel, load_stance_model
from framecmp.measures.stance.target import TargetRules, TargetScore, score_rules
from framecmp.text.doc import Doc

__all__ = ["ENGINES", "TargetEngine", "default_engine", "load_engine"]

ENGINES = ("linear", "rules")


@dataclass(frozen=True)
class TargetEngine:
    """A target-level scorer (see the module docstring)."""

    name: str
    version: str
    model: StanceModel | None = None

    def score_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TargetScore]:
        out = []
        for a, b in spans:
            s = doc.sentence_at(a)
            if s is None:
                out.append(TargetScore(0.0, "neutral", ()))
                continue
            txt = doc.text[s.start:s.end]
            if self.model is not None:
                ts = self.model.score(txt, a - s.start, b - s.start)
            else:
                ts = score_rules(txt, a - s.start, b - s.start, rules=TargetRules(), cues=default_cues())
            ev = tuple(replace(c, start=c.start + s.start, end=c.end + s.start)
                       for c in ts.evidence if c.start >= 0)
            out.append(TargetScore(ts.score, ts.label, ev, ts.mode))
        return out


def load_engine(name: str = "linear") -> TargetEngine:
    """The engine ``name`` (one of :data:`ENGINES`)."""
    if name not in ENGINES:
        raise ValueError(f"The 'engine' parameter of load_engine() must be one of {list(ENGINES)}. "
                         f"Got {name!r} instead.")
    if name == "linear":
        m = load_stance_model()
        return TargetEngine("linear", str(m.meta.get("date", "?")), m)
    return TargetEngine("rules", default_cues().version)


@lru_cache(maxsize=1)
def default_engine() -> TargetEngine:
    """The default engine, loaded once."""
    return load_engine("linear")
