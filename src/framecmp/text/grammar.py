"""Grammar the measures share: negators, span cover, word lists.

What two measures both need lives here, public, so that no measure reaches into
another's private names (terms and stance share the negator rules; terms and
attribution the span cover; attribution and stance the demonym heads).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from framecmp.text.doc import Doc, Quote, Token

__all__ = [
    "NEGATORS", "NEG_GAP", "NEG_IDIOMS", "NEG_NOT", "NEG_STOP", "NEG_WINDOW", "RULED_BY_DEMONYM",
    "SpanCover", "WH_WORDS", "is_negator", "negator",
]

#: head nouns a demonym describes without making them that country's voice
RULED_BY_DEMONYM = frozenset({"colony", "colonies", "ex-colonies", "possessions", "territories"})


NEGATORS = frozenset(
    "not no never n't nor neither without cannot none nobody nothing nowhere "
    # contractions written without the apostrophe (words ending in "n't" are negators anyway);
    # not "cant" and "wont", which are words of their own
    "aint arent couldnt didnt doesnt dont hadnt hasnt havent isnt mustnt neednt shouldnt "
    "wasnt werent wouldnt".split()
)
"""Words that negate what follows them ("not a terrorist group"), with any word ending in
"n't". The one list of negators of framecmp: :func:`find_terms` (a negated term is not
counted) and the default mode of :func:`framecmp.measures.stance.article.score_target` (a negated word's
valence is flipped and damped) both read it through ``is_negator``, so that the two
measures agree on what a negation is."""
NEG_WINDOW = 3  # the negator is one of the 3 words right before the term
# a negator followed by one of these is no negation: "not only brutal but ...", "not just",
# "not merely", "not least", "never simply"
NEG_NOT = frozenset({"only", "just", "merely", "least", "simply", "solely"})
# idioms that affirm: "no doubt a terrorist group" (= certainly), "no wonder", "without
# doubt", "nothing but a terrorist group", "none other than"
NEG_IDIOMS = frozenset({
    ("no", "doubt"), ("no", "wonder"), ("without", "doubt"), ("nothing", "but"), ("none", "other"),
    ("nothing", "short"),
})
# an auxiliary with "n't" that opens a question ("Isn't the junta brutal?", "Why didn't
# Paris ...?") asks rather than denies: the words after it are not negated
WH_WORDS = frozenset("why how what who where when which".split())
# words that may stand between the negator and the term ("not a", "never really", "not the");
# any other word ends the negation's reach ("didn't slam the junta": 'junta' is not negated)
NEG_GAP = frozenset(
    "a an the any really so very too quite entirely exactly necessarily particularly that as "
    "be been being at all even more much".split()
)
NEG_STOP = frozenset({",", ";", ":", "(", ")", "—", "–", "--", "?", "!", ".", '"', "“", "”"})


def is_negator(
    tokens: Sequence[Token], j: int, lo: int = 0, hi: int | None = None, *, of: int | None = None
) -> bool:
    """Whether ``tokens[j]`` negates the word ``tokens[of]`` after it (default: the words
    after it), in the sentence ``tokens[lo:hi]``.

    A negator is a word of :data:`NEGATORS` or a word ending in "n't", except: before
    "only", "just", "merely", "least" ("not only brutal but cruel"); in the idioms "no
    doubt", "no wonder", "without doubt", "nothing but", "none other", "nothing short"
    (the idiom's own second word stays negated: "doubt" in "there is no doubt" is no
    loaded "doubt"); and an "n't" auxiliary opening a question ("Isn't the junta
    brutal?", "Why didn't ...?").
    """
    hi = len(tokens) if hi is None else hi
    norm = tokens[j].norm
    nt = norm.endswith("n't")
    if norm not in NEGATORS and not nt:
        return False
    nxt = j + 1
    while nxt < hi and not (tokens[nxt].norm[:1].isalnum()):
        nxt += 1
    after = tokens[nxt].norm if nxt < hi else ""
    if (after in NEG_NOT or (norm, after) in NEG_IDIOMS) and of != nxt:
        return False
    if nt or norm.endswith("nt"):  # an auxiliary: "isn't", "didnt"
        before = [t.norm for t in tokens[lo:j] if t.norm[:1].isalnum()]
        if (not before or (len(before) == 1 and before[0] in WH_WORDS)) and any(
            t.text == "?" for t in tokens[j + 1 : hi]
        ):
            return False
    return True


def negator(doc: Doc, tok_start: int, sent_lo: int, sent_hi: int | None = None) -> str | None:
    """The negating token among the 3 words before a term, in the same clause; else None.

    Only the words in ``NEG_GAP`` may stand between them; ``is_negator`` decides
    what a negator is.
    """
    toks = doc.tokens
    j, seen = tok_start - 1, 0
    while j >= sent_lo and seen < NEG_WINDOW:
        t = toks[j]
        if t.norm in NEG_STOP:
            return None
        if t.is_word or t.norm == "n't":
            if t.norm in NEGATORS or t.norm.endswith("n't"):
                return t.text if is_negator(toks, j, sent_lo, sent_hi, of=tok_start) else None
            if t.norm not in NEG_GAP:
                return None
            seen += 1
        j -= 1
    return None



class SpanCover:
    """Spans ``(a, b)``, to ask whether a span lies inside one of them (or holds one)."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _b in self.spans]
        # the furthest end among the spans starting at or before each one
        self.max_end = list(itertools.accumulate((b for _a, b in self.spans), max))

    def holds(self, start: int, end: int) -> bool:
        """Whether some span has ``start:end`` inside it."""
        i = bisect.bisect_right(self.starts, start)
        return bool(i) and self.max_end[i - 1] >= end  # one starting at or before reaches the end

    def nested(self, q: Quote) -> bool:
        """Whether some span holds ``q.start:q.end``, or lies inside it."""
        if self.holds(q.start, q.end):
            return True
        j = bisect.bisect_left(self.starts, q.start)
        k = bisect.bisect_right(self.starts, q.end, j)
        return any(b <= q.end for _a, b in self.spans[j:k])
