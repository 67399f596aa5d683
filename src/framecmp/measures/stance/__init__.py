"""Stance: who evaluates whom, with the words that say so.

Three levels, from small to large:

* :func:`score_target` scores one target span in one sentence (what NewsMTSC
  labels): ``mode="default"`` uses rules (directed cues from
  ``lexicons/stance_cues.yaml``, VADER word valences weighted by their distance
  to the target, negation); ``mode="trained"`` uses a linear model whose
  parameters ship as plain JSON (``lexicons/stance_model.json``). Both return
  the words that moved the score and by how much.
* :func:`find_directed` finds directed cues attached to actor mentions in a
  :class:`~framecmp.text.doc.Doc` ("accused Russia of", "Russia a reliable partner"),
  each with the holder of the evaluation.
* :func:`score_stance` aggregates an article into ``holder -> target`` rows
  (the ``stance`` frame, :data:`framecmp.schema.STANCE`) with
  :class:`~framecmp.records.Evidence` for every number.

The modules, lowest first (each imports only those before it):

* ``vader``: the VADER analyzer, a cheaper compound score, word valences;
* ``cues``: the directed-cue lexicons, their anchors in tokens, attachment to a target;
* ``target``: the rule-based target scorer (:class:`TargetRules`) and its evidence;
* ``model``: the trained target model (:class:`StanceModel`, :func:`target_features`);
* ``holders``: the holder of each directed cue (:func:`find_directed`);
* ``engine``: the target engines (:func:`load_engine`, :data:`ENGINES`): every target span
  of a Doc scored from the Doc's tokens, the sentence's work shared by its targets, with
  evidence that names words (``linear``: ``lexicons/target_model.json``; ``rules``: the
  default mode's rules; ``neural``: the fine-tuned transformer of ``models/neural_stance/``,
  module ``neural``, input encoding ``neural_input``, the ``neural`` extra);
* ``article``: :class:`StanceConfig`, :func:`score_stance`, :func:`score_target`.
"""

from __future__ import annotations

from framecmp.measures.stance.article import (
    StanceConfig,
    StanceResult,
    StanceRow,
    load_stance_config,
    score_stance,
    score_target,
)
from framecmp.measures.stance.cues import CueHit, StanceCue, StanceCueLexicon, load_stance_cues
from framecmp.measures.stance.engine import (
    ENGINES,
    TargetEngine,
    TargetModel,
    load_engine,
    load_target_model,
)
from framecmp.measures.stance.holders import DirectedHit, MentionLike, find_directed
from framecmp.measures.stance.model import (
    MODEL_FORMAT,
    StanceModel,
    load_stance_model,
    target_features,
)
from framecmp.measures.stance.neural import NeuralEngine, load_neural_model, neural_available
from framecmp.measures.stance.target import LABELS, Contribution, TargetRules, TargetScore
from framecmp.measures.stance.vader import vader, vader_compound

__all__ = [
    "LABELS",
    "MODEL_FORMAT",
    "Contribution",
    "CueHit",
    "ENGINES",
    "DirectedHit",
    "MentionLike",
    "NeuralEngine",
    "StanceConfig",
    "StanceCue",
    "StanceCueLexicon",
    "StanceModel",
    "StanceResult",
    "StanceRow",
    "TargetEngine",
    "TargetModel",
    "TargetRules",
    "TargetScore",
    "find_directed",
    "load_engine",
    "load_neural_model",
    "load_stance_config",
    "load_stance_cues",
    "load_stance_model",
    "load_target_model",
    "neural_available",
    "score_stance",
    "score_target",
    "target_features",
    "vader",
    "vader_compound",
]
