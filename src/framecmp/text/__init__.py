"""The text layer: tokens, sentences, quotes, parts and the one phrase matcher.

``framecmp.text.doc`` holds the document model; ``framecmp.text.grammar`` the
grammar helpers the measures share (negators, span cover, word lists).
"""

from framecmp.text.doc import (
    PARTS,
    Doc,
    Paragraph,
    PhraseMatch,
    PhraseMatcher,
    Quote,
    Sentence,
    Token,
    analyze,
    find_quotes,
    inflections,
    normalize,
    split_sentences,
    tokenize,
)

__all__ = [
    "Token", "Sentence", "Paragraph", "Quote", "PhraseMatch", "PhraseMatcher", "Doc", "analyze",
    "tokenize", "split_sentences", "find_quotes", "normalize", "inflections", "PARTS",
]
