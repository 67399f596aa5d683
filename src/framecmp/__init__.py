"""framecmp: compare how news outlets frame the same events, with evidence.

Load articles, score each one (stance toward actors, loaded terms, attribution
style), compare outlets with intervals, plot, highlight, report, and build
worksheets. Every number traces back to spans of the article text.

One verb per kind of thing: corpora, lexicons and configurations are loaded with
``load_*`` (``load_csv``, ``load_terms``, ...); the measures of one text are found with
``find_*`` (``find_mentions``, ``find_terms``, ``find_attributions``); a corpus is scored
with ``score``.

Examples
--------
>>> import framecmp as fc
>>> scores = fc.score(fc.load_seeds(), progress=False)
>>> sorted(scores.articles["outlet"])[:2]
['Anadolu Agency', 'Nigerian news site (unidentified)']
"""

from framecmp import plot
from framecmp._deprecation import renamed
from framecmp._version import __version__
from framecmp.io.boilerplate import load_boilerplate
from framecmp.io.cleaning import clean
from framecmp.io.corpus import Article, Corpus
from framecmp.io.dedupe import find_duplicates
from framecmp.io.readers import from_dataframe as load_dataframe
from framecmp.io.readers import load, load_folder, load_html, load_seeds
from framecmp.io.readers import read_csv as load_csv
from framecmp.io.readers import read_jsonl as load_jsonl
from framecmp.io.readers import read_parquet as load_parquet
from framecmp.lexicon_check import check_lexicon_file, write_editable_lexicon
from framecmp.lexicons import LexiconError
from framecmp.measures.actors import ActorIndex, find_mentions, load_actors
from framecmp.measures.attribution import extract_attributions as find_attributions
from framecmp.measures.attribution import load_attribution_config
from framecmp.measures.stance import load_stance_config, score_target
from framecmp.measures.terms import find_terms, load_terms
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
    "load_csv",
    "load_jsonl",
    "load_parquet",
    "load_dataframe",
    "load_folder",
    "load_html",
    "load_seeds",
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
    "find_attributions",
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

# The names of the previous release: they work until the next one, with a FutureWarning
# that names the new name (not in __all__, so not in dir() or tab completion).
read_csv = renamed("read_csv", load_csv, "load_csv")
read_jsonl = renamed("read_jsonl", load_jsonl, "load_jsonl")
read_parquet = renamed("read_parquet", load_parquet, "load_parquet")
from_dataframe = renamed("from_dataframe", load_dataframe, "load_dataframe")
extract_attributions = renamed("extract_attributions", find_attributions, "find_attributions")
del renamed


def __dir__() -> list[str]:
    """The public names (and the module's dunders), not the subpackages imported above."""
    return sorted(set(__all__) | {n for n in globals() if n.startswith("__") and n.endswith("__")})
