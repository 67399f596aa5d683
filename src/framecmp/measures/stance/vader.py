"""VADER for stance: the analyzer, a cheaper compound score, word valences.

Also the negators the trained model's features were fitted with (VADER's ``NEGATE`` and a
few more), kept fixed with the shipped model.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from framecmp.text.doc import Token

__all__ = ["feature_negators", "vader", "vader_compound", "vader_words_of", "valence", "valence_table"]

# the trained model's negation features (``n:`` stems, negated rule parts) keep the negator
# list they were fitted with (VADER's NEGATE and these); the default mode reads the one
# shared list, framecmp.text.grammar.NEGATORS, through framecmp.text.grammar.is_negator
_NEG_EXTRA = frozenset({"no", "not", "never", "n't", "without", "nor", "neither", "nobody", "none"})


@lru_cache(maxsize=1)
def vader() -> Any:
    """The process-wide VADER analyzer (built once; it loads its lexicon from the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@dataclass(frozen=True, slots=True)
class _VaderWindow:
    """The part of VADER's ``SentiText`` that ``sentiment_valence`` reads, for a few words."""

    words_and_emoticons: list[str]
    is_cap_diff: bool


def vader_compound(text: str) -> float:
    """VADER's compound score of ``text``: ``vader().polarity_scores(text)["compound"]``, cheaper.

    The same steps as ``SentimentIntensityAnalyzer.polarity_scores``
    (vaderSentiment 3.3), with shortcuts that change no value:

    * a text without emoji skips the character-by-character emoji rewrite
      (which would rebuild the same text);
    * a word that is not in the lexicon (or is a booster, or "kind" of "kind
      of") scores 0 without calling ``sentiment_valence``, which gives such a
      word 0 too;
    * the words are split and stripped as ``SentiText`` does, without a call per word;
    * ``sentiment_valence`` gets the words from three before to two after the
      word (all it reads; it lower-cases every word it is given, several times
      per word), with the sentence's ``is_cap_diff``.

    Texts with emoji go through ``polarity_scores`` itself. The tests compare
    the two on many sentences.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, allcap_differential

    sia = vader()
    if not sia.emojis.keys().isdisjoint(text):
        return float(sia.polarity_scores(text)["compound"])
    text = text.strip()
    # SentiText(text).words_and_emoticons: outer punctuation stripped unless 2 characters or fewer remain
    words = [s if len(s := w.strip(string.punctuation)) > 2 else w for w in text.split()]
    is_cap_diff = allcap_differential(words)
    lower = [w.lower() for w in words]
    lexicon = sia.lexicon
    last = len(words) - 1
    sentiments: list[float] = []
    for i, item in enumerate(words):
        w = lower[i]
        if w not in lexicon or w in BOOSTER_DICT or (w == "kind" and i < last and lower[i + 1] == "of"):
            sentiments.append(0)
            continue
        lo = max(0, i - 3)
        near = _VaderWindow(words[lo : i + 3], is_cap_diff)
        sentiments.append(sia.sentiment_valence(0, near, item, i - lo, [])[0])
    if not any(sentiments):
        return 0.0  # score_valence gives 0.0 for no or all-zero sentiments
    sentiments = sia._but_check(words, sentiments)
    return float(sia.score_valence(sentiments, text)["compound"])


@lru_cache(maxsize=1)
def feature_negators() -> frozenset[str]:
    """The negators of the trained model's features (fixed with the shipped model)."""
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE) | _NEG_EXTRA


def valence(norm: str) -> float:
    """VADER valence of a normalised token, scaled to [-1, 1] (0 when absent)."""
    v = vader().lexicon.get(norm)
    return float(v) / 4.0 if v is not None else 0.0


@lru_cache(maxsize=1)
def valence_table() -> dict[str, float]:
    """:func:`valence` of every VADER lexicon entry (absent: not in the table), to look
    up many tokens at once (``map(valence_table().get, norms)``)."""
    return {k: float(v) / 4.0 for k, v in vader().lexicon.items()}


def vader_words_of(tokens: Sequence[Token]) -> str:
    """The VADER words of a sentence with their valences ("killed -0.75, peace +0.62"),
    from its tokens in the Doc."""
    parts = []
    lexicon = vader().lexicon
    for t in tokens:
        v = lexicon.get(t.norm)
        if v is not None:
            parts.append(f"{t.text} {v / 4:+.2f}")
    return ", ".join(parts) if parts else "no VADER words"
