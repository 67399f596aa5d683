"""Attribution's records: :class:`Attribution` (one relation), :class:`AttributionResult`
(one article), the source and quote types, :func:`voiced`, and the rules' working records
(:class:`Draft`, :class:`SourceInfo`)."""

from __future__ import annotations

import bisect
import dataclasses
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from framecmp.records import Evidence
from framecmp.text.doc import PhraseMatch

__all__ = [
    "SOURCE_TYPES",
    "QUOTE_TYPES",
    "Attribution",
    "AttributionResult",
    "voiced",
    "Draft",
    "SourceInfo",
]

SOURCE_TYPES = ("person", "institution", "anonymous", "document", "none", "unfound")
QUOTE_TYPES = ("direct", "partial", "indirect", "scare")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: who (source) says (cue) what (content).

    Offsets index the cleaned text; ``None`` where the part is absent
    (an agentless "it was announced" has no source; a continuation quote has
    no cue of its own).

    Attributes
    ----------
    id : str
        ``"a<N>"``, in text order of the content.
    source, source_start, source_end : str or None, int or None
        The source words as written ("he", "the Malian diplomat").
    source_type : str
        One of ``person``, ``institution``, ``anonymous``, ``document``, ``none``
        (agentless: nobody is said to speak) or ``unfound`` (a cue whose source
        the rules did not find).
    role : str or None
        A role or title found in or known for the source ("foreign minister").
    person : str or None
        The full name of a known person the source refers to.
    channel : str or None
        The outlet or platform the words were given to ("Anadolu", "X").
    affiliation : str or None
        The actor id the source speaks for (``mali``), if known.
    cue, cue_start, cue_end, cue_class, cue_id
        The reporting verb span, its class (neutral, loaded or belief) and lexicon id;
        class ``unlisted`` (id ``rv.learned``, rule ``learned``) for a cue the lexicon
        does not list, proposed by the learned cue model. Such a proposal is listed
        here but not counted in the voices, the style measures or
        :meth:`AttributionResult.voice_of`.
    quote_type : str
        ``direct``, ``partial``, ``indirect`` or ``scare``.
    content_start, content_end : int
        The reported words.
    content_words : int
        Number of word tokens in the content.
    hedged : bool
        A hedge ("reportedly", "allegedly") occurs in the same sentence.
    sentence : int or None
        Index of the sentence of the cue (or of the content).
    rule : str
        Which rule produced it (for checking and teaching).
    """

    id: str
    source: str | None
    source_start: int | None
    source_end: int | None
    source_type: str
    role: str | None
    person: str | None
    channel: str | None
    affiliation: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    cue_class: str | None
    cue_id: str | None
    quote_type: str
    content_start: int
    content_end: int
    content_words: int
    hedged: bool
    sentence: int | None
    rule: str


@dataclass(frozen=True, slots=True)
class AttributionResult:
    """What :func:`extract_attributions` found in one article.

    Attributes
    ----------
    attributions : tuple of Attribution
    evidence : tuple of Evidence
        ``quote``, ``source``, ``cue`` and ``hedge`` spans.
    style : dict
        The per-article summary (columns of ``framecmp.schema.STYLE``
        without article_id and outlet).
    hedges : tuple of Evidence
        The hedge spans (also in ``evidence``).
    voice_words : mapping of attribution id to int
        The words of content each attribution is credited with in the voices:
        every word of content counts once, for the innermost attribution that
        holds it (the one :meth:`voice_of` gives it to), so that where contents
        overlap ("Both parties said they had discussed ..." and "they had
        discussed ...") the shared words are not counted twice. Scare quotes and
        learned cues have none.
    denials : mapping of attribution id to int
        The attributions whose cue denies or rejects its content (lexicon ``denies:
        true``: "Mali *denied* that Russia killed civilians"), with the offset where the
        denied words end (before ", but ..." or "and" + a verb: "Mali rejected the
        sanctions and praised Russia"): those words are not the speaker's claim, so
        :meth:`voice_of` gives them to ``"unknown"``, and the rest of the content to
        the outlet (``"author"``).
    quoted_denials : mapping of attribution id to (str, int, int, int, int)
        Direct or partial quotations in which the speaker denies something in its own words
        ("“We deny that Wagner killed civilians,” the Kremlin said"): the denial's words,
        their start and end, and the start and end of the denied words, which
        :meth:`voice_of` gives to ``"unknown"`` and :meth:`denial_at` reads as a denial.
    """

    attributions: tuple[Attribution, ...]
    evidence: tuple[Evidence, ...]
    style: Mapping[str, Any]
    hedges: tuple[Evidence, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False)
    voice_words: Mapping[str, int] = field(default_factory=dict)
    denials: Mapping[str, int] = field(default_factory=dict)
    _voices: Any = field(default=None, repr=False, compare=False)  # built by voice_of on first use
    _denying: Any = field(default=None, repr=False, compare=False)  # the denials, built on first use
    quoted_denials: Mapping[str, tuple[str, int, int, int, int]] = field(default_factory=dict)

    def voice_of(self, offset: int) -> str:
        """Whose voice a character offset is in: an actor id, ``"unknown"``, or ``"author"``.

        Content of an attribution is in its source's voice (the affiliation,
        or ``"unknown"`` when the source has none); everything else is the
        author's own voice. Scare quotes stay in the author's voice, and so do
        the contents of learned (``unlisted``) cues: "Mali is seeking to ..."
        tells what Mali wants in the writer's words. What a source denies is
        nobody's known claim: ``"unknown"`` (see ``denials``).
        """
        points, best = self._segments()
        i = bisect.bisect_right(points, offset) - 1
        a = best[i] if i >= 0 else None
        if a is None:
            return "author"
        if a.id in self.denials:
            # the denied words are nobody's known claim; past them ("..., while Trump ...",
            # "... and praised Russia") the content ran on: the outlet's own words
            return "unknown" if offset < self.denials[a.id] else "author"
        if self._denied_around(a, offset) is not None:
            return "unknown"  # "France denied claims that Wagner killed civilians": denied too
        if self._quoted_denial(a, offset) is not None:
            return "unknown"  # "“We deny that Wagner killed civilians,” the Kremlin said"
        return a.affiliation or "unknown"

    def _denied_around(self, a: Attribution, offset: int) -> Attribution | None:
        """The denial whose denied words open with the cue of ``a`` and hold ``offset``, where
        ``a`` has no source of its own or one of the denier's side: the claim of a reporting word
        the denial denies is denied with it ("France denied *claims* that Wagner killed civilians",
        "Trump has denied *telling* Bolton he sought ..."); else None."""
        if not self.denials or a.cue_start is None:
            return None
        if self._denying is None:
            object.__setattr__(self, "_denying", tuple(d for d in self.attributions if d.id in self.denials))
        for d in self._denying:
            end = self.denials[d.id]
            if d is not a and d.content_start <= a.cue_start <= d.content_start + _OPENS_DENIED and (
                    d.content_start <= offset < end and (a.affiliation is None or a.affiliation == d.affiliation)):
                return d  # (not "rejected a campaign led by Trump, who contended ...": Trump's; not
                # "denied that ... and said France had ...": the denier's next words)
        return None

    def _quoted_denial(self, a: Attribution, offset: int) -> tuple[str, int, int, int, int] | None:
        """The speaker's own denial in the quotation ``a`` whose denied words hold ``offset``
        (see ``quoted_denials``), else None."""
        q = self.quoted_denials.get(a.id)
        return q if q is not None and q[3] <= offset < q[4] else None

    def _segments(self) -> tuple[list[int], list[Attribution | None]]:
        """The voice segments (:func:`_voice_segments`), built on first use and kept."""
        if self._voices is None:
            object.__setattr__(self, "_voices", _voice_segments(voiced(self.attributions)))
        return self._voices  # type: ignore[no-any-return]

    def denial_at(self, offset: int) -> Attribution | None:
        """The attribution whose source denies the words at ``offset`` ("*Paris* has denied
        supporting terrorist groups"), when they are the denied words of one (see
        ``denials``); else None."""
        if not self.denials and not self.quoted_denials:
            return None
        points, best = self._segments()
        i = bisect.bisect_right(points, offset) - 1
        a = best[i] if i >= 0 else None
        if a is None:
            return None
        q = self._quoted_denial(a, offset)
        if q is not None:
            # a denial in the speaker's own quoted words: read as one of its own, from its verb
            return dataclasses.replace(a, cue=q[0], cue_start=q[1], cue_end=q[2], content_start=q[3], content_end=q[4])
        return a if offset < self.denials.get(a.id, -1) else self._denied_around(a, offset)


#: how far (in characters) into denied words a reporting word may start and still be what is
#: denied ("denied *claims* that", "denied the *reports* that", "denied *telling* Bolton")
_OPENS_DENIED = 4


def _voice_segments(atts: Sequence[Attribution]) -> tuple[list[int], list[Attribution | None]]:
    """The innermost content at every offset, as segments: ``best[i]`` holds from
    ``points[i]`` to ``points[i + 1]``; the innermost content is the shortest one, the
    first of equal ones (what a scan of ``atts`` for each offset gives, in one sweep, so
    that an article with many attributions takes n log n, not n squared)."""
    points = sorted({p for a in atts for p in (a.content_start, a.content_end)})
    order = sorted(range(len(atts)), key=lambda k: atts[k].content_start)
    heap: list[tuple[int, int]] = []  # (length, position in atts) of the contents open here
    best: list[Attribution | None] = []
    j = 0
    for p in points:
        while j < len(order) and atts[order[j]].content_start <= p:
            k = order[j]
            heapq.heappush(heap, (atts[k].content_end - atts[k].content_start, k))
            j += 1
        while heap and atts[heap[0][1]].content_end <= p:
            heapq.heappop(heap)  # a content that ended here (or before)
        best.append(atts[heap[0][1]] if heap else None)
    return points, best


def voiced(atts: Sequence[Attribution]) -> list[Attribution]:
    """The attributions in a speaker's voice: not scare quotes, not learned (unlisted) cues,
    which are listed in the attribution table only (the measures stay the rules')."""
    return [a for a in atts if a.quote_type != "scare" and a.rule != "learned"]


# --------------------------------------------------------------------------- working records
# What the rules pass between their modules before the records above are built; not part of
# the package's API.


@dataclass(slots=True)
class Draft:
    """A relation the rules found, before its source is classified and its spans trimmed.

    ``source`` is a token range, ``content`` a character range; ``pronoun_of`` the draft
    whose source this one shares ("..., adding that ...", a continuation quote);
    ``extra`` holds a relative pronoun's ``antecedent`` and a CRF tagger's ``cue_tok``.
    """

    source: tuple[int, int] | None  # token range
    cue: PhraseMatch | None
    content: tuple[int, int]  # char range
    rule: str
    sentence: int | None
    channel: str | None = None
    pronoun_of: Draft | None = None
    anonymous_marker: bool = False
    passive: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceInfo:
    """What :func:`~framecmp.measures.attribution.sources.classify_source` makes of a source:
    its type (one of :data:`SOURCE_TYPES`), role, person, affiliation, and the entity key
    that ties later mentions of the same source to it ("h:official", "p:Assimi Goita")."""

    type: str
    role: str | None = None
    person: str | None = None
    affiliation: str | None = None
    entity: str | None = None
