"""framecmp: compare how news outlets frame the same events, with evidence.

Load articles, score each one (stance toward actors, loaded terms, attribution
style), compare outlets with intervals, plot, highlight, report, and build
worksheets. Every number traces back to spans of the article text.

Examples
--------
>>> import framecmp as fc
>>> scores = fc.score(fc.load_seeds(), progress=False)
>>> sorted(scores.articles["outlet"])[:2]
['Anadolu Agency', 'Nigerian news site (unidentified)']
"""

from __future__ import annotations

from framecmp._version import __version__
from framecmp.io.boilerplate import load_boilerplate
from framecmp.io.cleaning import clean
from framecmp.io.corpus import Article, Corpus
from framecmp.io.dedupe import find_duplicates
from framecmp.io.readers import (
    from_dataframe,
    load,
    load_folder,
    load_html,
    load_seeds,
    read_csv,
    read_jsonl,
    read_parquet,
)
from framecmp.lexicon_check import check_lexicon_file, write_editable_lexicon
from framecmp.lexicons import LexiconError
from framecmp.measures.actors import ActorIndex, find_mentions, load_actors
from framecmp.measures.attribution import extract_attributions, load_attribution_config
from framecmp.measures.stance import load_stance_config, score_target
from framecmp.measures.terms import find_terms, load_terms
from framecmp.present import plot
from framecmp.present.highlight import Highlight, highlight
from framecmp.present.report import report
from framecmp.present.teach import Worksheet, worksheet
from framecmp.runs import score_file
from framecmp.scoring import Scorer, Scores, score
from framecmp.stats.compare import compare
from framecmp.stats.events import suggest_events
from framecmp.stats.sensitivity import sensitivity
from framecmp.stats.words import distinctive_terms, label_matrix
from framecmp.text.doc import PhraseMatcher, analyze

__all__ = [
    "__version__",
    # corpus
    "Article",
    "Corpus",
    "load",
    "load_folder",
    "load_html",
    "load_seeds",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "from_dataframe",
    "clean",
    "load_boilerplate",
    # text and lexicons
    "analyze",
    "PhraseMatcher",
    "LexiconError",
    "load_actors",
    "ActorIndex",
    "find_mentions",
    "load_terms",
    "find_terms",
    "check_lexicon_file",
    "write_editable_lexicon",
    "load_attribution_config",
    "extract_attributions",
    "load_stance_config",
    "score_target",
    # scoring
    "score",
    "score_file",
    "Scorer",
    "Scores",
    # comparing and presenting
    "compare",
    "find_duplicates",
    "suggest_events",
    "distinctive_terms",
    "label_matrix",
    "sensitivity",
    "plot",
    "highlight",
    "Highlight",
    "report",
    "worksheet",
    "Worksheet",
]
