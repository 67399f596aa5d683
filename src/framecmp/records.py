"""Typed records shared by the measures.

Every number framecmp reports is built from :class:`Evidence` records: a span
of the cleaned article text, what kind of evidence it is, and why it counts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

__all__ = ["Evidence"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One span of text that a measure counted.

    Attributes
    ----------
    kind : str
        Which measure: ``actor``, ``term``, ``quote``, ``source``, ``cue``,
        ``hedge``, ``stance`` (directed evaluation), ``context`` (context tone).
    start, end : int
        Offsets into the article's cleaned text; ``text == article.text[start:end]``.
    text : str
        The words themselves.
    label : str
        A short human label (the matched lexicon term, the cue class, ...).
    category : str | None
        Lexicon category, attribution quote type, stance cue type, ...
    actor : str | None
        Actor id the span refers to (target of a stance, referent of a term).
    holder : str | None
        Who holds the evaluation: ``"author"`` or an actor id (quoted source's affiliation).
    value : float | None
        Signed contribution (valence, connotation), where the measure has one.
    rule_id : str | None
        The lexicon entry or rule that fired.
    lexicon_version : str | None
        Version of the lexicon the rule came from.
    explanation : str | None
        One line a student can read: why this span counts.
    part : str
        Title, subheading, caption or body.
    sentence : int | None
        Index of the sentence in the article.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str = ""
    category: str | None = None
    actor: str | None = None
    holder: str | None = None
    value: float | None = None
    rule_id: str | None = None
    lexicon_version: str | None = None
    explanation: str | None = None
    part: str = "body"
    sentence: int | None = None

    def as_row(self, article_id: str, outlet: str) -> dict[str, Any]:
        """A row of the ``evidence`` frame."""
        row = dict(zip(_FIELDS, _VALUES(self)))
        row["article_id"] = article_id
        row["outlet"] = outlet
        return row


_FIELDS = tuple(f.name for f in fields(Evidence))
_VALUES = attrgetter(*_FIELDS)  # every field's value, as a tuple, in field order
