"""How far each measure was validated: the benchmark results of the bundled rules and lexicons.

These are the figures of the README's "Benchmarks" table (``tests/test_validation.py`` keeps
the two in step), measured by the scripts in ``benchmarks/`` on labelled data nobody on this
project wrote. Every report (:func:`framecmp.present.report.report`) shows them in its
"limits" section, so that a reader of a report knows how far to trust each number. They hold
for the bundled lexicons and settings only.

>>> from framecmp.present.accuracy import validation_summary
>>> summary = validation_summary()
>>> sorted(summary)[0]
'Attribution'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["MEASURED", "RESULTS", "validation_summary"]

#: When and where the figures were measured.
MEASURED = "2026-11-22/23, 2026-12-05 and 2026-12-06, 2-core / 24 GiB machine, Python 3.11"

#: (measure, data, metric) -> value, as printed by the benchmark scripts (3 decimals; 4 where
#: the fourth would decide a target).
RESULTS: Mapping[tuple[str, str, str], float] = MappingProxyType({
    ("attribution", "PolNeAR dev", "cue_f1"): 0.663,
    ("attribution", "PolNeAR dev", "cue_precision"): 0.762,
    ("attribution", "PolNeAR dev", "cue_recall"): 0.586,
    ("attribution", "PolNeAR dev", "source_f1"): 0.678,
    ("attribution", "PolNeAR dev", "content_f1"): 0.789,
    ("stance", "NewsMTSC dev_rw", "default_macro_f1"): 0.594,
    ("stance", "NewsMTSC dev_mt", "default_macro_f1"): 0.584,
    ("stance", "NewsMTSC dev_rw", "vader_macro_f1"): 0.508,
    ("stance", "NewsMTSC dev_mt", "vader_macro_f1"): 0.528,
    ("stance", "NewsMTSC dev_rw", "trained_macro_f1"): 0.684,
    ("stance", "NewsMTSC dev_mt", "trained_macro_f1"): 0.665,
    ("stance", "NewsMTSC dev_rw", "linear_engine_macro_f1"): 0.738,
    ("stance", "NewsMTSC dev_mt", "linear_engine_macro_f1"): 0.652,
    ("portrayal", "NFC dev half", "auc_villain_hero"): 0.654,
    ("portrayal", "NFC dev half", "vader_auc_villain_hero"): 0.616,
    ("portrayal", "NFC dev half", "victims_antagonist"): 0.082,
    ("terms", "BABE SG2", "word_f1"): 0.304,
    ("terms", "BABE SG2", "sentence_macro_f1"): 0.642,
})


def _r(measure: str, data: str, metric: str) -> str:
    v = RESULTS[(measure, data, metric)]
    return f"{v:.3f}" if round(v, 3) == v else f"{v:.4f}"


def validation_summary() -> dict[str, str]:
    """Measure -> one paragraph a teacher can read: what was checked, against what, result."""
    return {
        "Attribution": (
            f"Checked against PolNeAR (news articles with every attribution marked by "
            f"annotators; dev split, 84 articles): reporting cues F1 {_r('attribution', 'PolNeAR dev', 'cue_f1')} "
            f"(precision {_r('attribution', 'PolNeAR dev', 'cue_precision')}, recall "
            f"{_r('attribution', 'PolNeAR dev', 'cue_recall')}), sources F1 "
            f"{_r('attribution', 'PolNeAR dev', 'source_f1')}, quoted content F1 "
            f"{_r('attribution', 'PolNeAR dev', 'content_f1')} (two human annotators of the same "
            "articles agree on the exact words of a cue at F1 0.71). It finds about three in five "
            "attributions, and what it finds is mostly right: voices are undercounted, not invented."
        ),
        "Stance": (
            "Sentiment toward one named target in one sentence was checked "
            "against NewsMTSC (news sentences with the sentiment toward one person or group "
            f"marked): macro-F1 {_r('stance', 'NewsMTSC dev_rw', 'default_macro_f1')} with the "
            f"rules on sentences as news writes them and {_r('stance', 'NewsMTSC dev_mt', 'default_macro_f1')} "
            f"on sentences naming several people; the trained mode {_r('stance', 'NewsMTSC dev_rw', 'trained_macro_f1')} / "
            f"{_r('stance', 'NewsMTSC dev_mt', 'trained_macro_f1')}, which also gives the context tone "
            "when it is switched on. The default context tone is VADER on the whole sentence, "
            f"which scores only {_r('stance', 'NewsMTSC dev_rw', 'vader_macro_f1')} / "
            f"{_r('stance', 'NewsMTSC dev_mt', 'vader_macro_f1')} there: read it as the mood of the "
            "surroundings, not as an evaluation of the actor. Every mention of an actor is scored by "
            f"the linear engine, {_r('stance', 'NewsMTSC dev_rw', 'linear_engine_macro_f1')} / "
            f"{_r('stance', 'NewsMTSC dev_mt', 'linear_engine_macro_f1')} on the same sentences: it "
            "agrees with human readers on about two sentences in three. The directed cues "
            "(accusations, praise, partnership) have no labelled data set: read their evidence."
        ),
        "Portrayal": (
            "How articles portray an actor was checked against the Narrative Frames Corpus (climate "
            "news with hero, villain and victim entities marked; the public dev half, 216 articles): "
            f"the score ranks heroes above villains with AUC {_r('portrayal', 'NFC dev half', 'auc_villain_hero')} "
            f"(0.5 is chance; VADER on the same sentences {_r('portrayal', 'NFC dev half', 'vader_auc_villain_hero')}), "
            f"and {_r('portrayal', 'NFC dev half', 'victims_antagonist')} of the victims are called "
            "antagonists. Read a role as a starting point for discussion, not a verdict."
        ),
        "Loaded terms": (
            "The general subjective word list was checked against BABE (US political news "
            "sentences with biased words marked): word-level F1 "
            f"{_r('terms', 'BABE SG2', 'word_f1')}, biased-sentence macro-F1 "
            f"{_r('terms', 'BABE SG2', 'sentence_macro_f1')} (mean over five cross-validation "
            "splits 0.646). The Sahel framing lexicon has no "
            "labelled data set: it is a documented judgement, entry by entry."
        ),
        "Scope": (
            f"Measured {MEASURED}, with the bundled lexicons and default settings; with edited "
            "lexicons or other settings these figures do not apply. English only."
        ),
    }
