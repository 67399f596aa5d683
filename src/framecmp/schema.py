"""Column names of every frame framecmp returns, in one place.

Each constant is the ordered list of columns of one tidy frame (see DESIGN.md,
"Frames"). Code that builds a frame uses these lists, so that a rename happens
here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

ARTICLES = [
    "article_id", "outlet", "title", "date", "event", "language", "translated_from",
    "url", "n_words", "status", "n_removed", "duplicate_of",
]

EVIDENCE = [
    "article_id", "outlet", "kind", "part", "start", "end", "text", "label", "category",
    "actor", "holder", "value", "rule_id", "lexicon_version", "sentence", "explanation",
]

STANCE = [
    "article_id", "outlet", "holder", "target", "n", "stance", "stance_sum",
    "context_tone", "n_context", "n_evidence", "shrinkage_k",
]

TERMS = ["article_id", "outlet", "category", "hits", "per_1k_words", "n_words"]

# quoted: how many of count are inside a quotation (a quoted speaker's word, TermHit.quoted)
LABELS = ["article_id", "outlet", "referent", "label", "entry_id", "count", "quoted"]

ATTRIBUTION = [
    "article_id", "outlet", "attribution_id", "source", "source_start", "source_end",
    "source_type", "role", "channel", "affiliation", "cue", "cue_start", "cue_end",
    "cue_class", "quote_type", "content_start", "content_end", "content_words", "hedged",
]

VOICES = [
    "article_id", "outlet", "affiliation", "n_attributions", "quoted_words", "share",
    "anonymous_share", "direct_share",
]

# Per-article attribution style summary (one row per article).
STYLE = [
    "article_id", "outlet", "n_words", "n_attributions", "attributed_share",
    "direct_quote_share", "anonymous_share", "loaded_cue_rate", "hedge_rate",
    "unattributed_claims",
]

MENTIONS = [
    "article_id", "outlet", "actor", "start", "end", "text", "via", "person",
    "ambiguous", "part",
]

REMOVALS = ["article_id", "raw_start", "raw_end", "text", "reason", "rule_id"]

# Evidence kinds (the `kind` column of the evidence frame).
EVIDENCE_KINDS = (
    "actor", "term", "negated", "reference", "quote", "source", "cue", "hedge", "stance", "context",
)


def require(frame: object, func: str, cols: Sequence[str], what: str = "") -> pd.DataFrame:
    """``frame`` if it is a DataFrame with every column in ``cols``; else a clear error.

    ``func`` names the public function for the message; ``what`` names the
    expected frame ("the stance frame"), if that helps the reader.
    """
    import pandas as pd

    of = f" ({what})" if what else ""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{func}() takes a DataFrame{of}, got {type(frame).__name__}.")
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        where = f" in the {what}" if what else ""
        raise ValueError(
            f"{func}(): column(s) {missing} not found{where}. "
            f"Available columns: {sorted(map(str, frame.columns))}."
        )
    return frame
