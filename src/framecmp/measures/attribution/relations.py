"""Attribution: who is given a voice, how, and with which words.

:func:`extract_attributions` finds attribution relations (source, cue,
content) in an analysed article with fast rules (no trained parser, no model
loading): reporting-verb cues from ``lexicons/reporting_verbs.yaml`` found by
the shared :class:`~framecmp.text.doc.PhraseMatcher`, clause boundaries from
punctuation, the source as the noun-phrase run next to the cue, quotation
marks from the text layer (quotes may span several sentences).

Patterns handled
----------------
- preposed: ``X said (that) ...``, ``X told Anadolu that ...``, ``X said: “...”``
- postposed: ``“...,” X said.``, ``..., X said in an interview with Al Jazeera.``
- inverted: ``“...,” said X.``
- ``according to X, ...`` and ``..., according to X``
- continuation: a direct quote with no cue after a quoted speaker
  (``“...,” he said. “...”``) keeps that speaker
- agentless / passive: ``it was announced that ...``, ``Clinton was expected
  to win``, ``Carson appears to be slipping`` (source_type ``none``: the
  subject of a passive or of *seem* is not a speaker); but ``by X`` after a
  passive cue is the source (``The plan was criticised by the minister``),
  and adjective cues (``copular: true``: ``Diop was adamant that``, ``is
  wary of``) and ``was quoted as saying`` keep their subject
- partial quotes (a quote inside reported content) and scare quotes (a short
  quote nobody is said to have said)
- appositions and relative clauses between source and cue
  (``X, the foreign minister, said``; ``said X, the head of Y``), a second
  verb of the same subject (``X noted ... and added: ...``)
- belief cues (``thinks``, ``hopes``, ``seemed``; class ``belief``, never
  counted as loaded) outside quotes and not inside other reported words
- a cue with reported words but no source found is kept with source_type
  ``unfound`` (unless another cue follows in the sentence)
- ``Asked about X, he said ...`` / ``when asked if ...``: the question is the
  content of an ``asked`` cue with no source
- ``X, who said ...`` (source ``who``, classified by its antecedent),
  ``X ... and said ...`` and ``..., saying ...`` (the sentence subject),
  ``X (R-Ky.) said``, ``X on Thursday said``, ``X — who ... — told``,
  ``X, speaking to reporters, said`` / ``X, however, said`` (the aside is skipped)
- ``Name: words`` at the start of a line (headlines, transcripts)

Not attributions (PolNeAR does not annotate them): cues inside quoted words
(nested reports), infinitives (``declined to say``; but ``went on to say`` is
one cue), ``show`` / ``found`` without a document source (``a talk show``,
``he found the keys``), naming or phrasal ``call`` (``a group called X``,
``called off``).

Cue spans follow PolNeAR: auxiliaries, modals and adverbs before the verb
(``has also said``, ``was asked``, ``did not mention``, ``might suggest``) and
``:`` / ``about`` / ``for`` / ``in a statement`` after it are part of the cue,
as are manner adverbs (``angrily said``), ``recently`` / ``repeatedly`` after
the verb, and ``of`` / ``against`` after verbs other than *say* (``warned
of``; but ``said of`` is ``said``). ``in an interview`` / ``in an email`` are not.

Sources are typed ``person``, ``institution``, ``anonymous``, ``document``,
``none`` (agentless: ``it was announced``, ``Asked about X``) or ``unfound``
(an active cue whose source the rules did not find); ``channel`` is the outlet or platform told ("told Anadolu",
"wrote on X"); ``affiliation`` comes from actor mentions inside the source,
pronouns ("he said") resolve to the last person or quoted source.

Examples
--------
>>> from framecmp.text.doc import analyze
>>> from framecmp.measures.actors import load_actors, find_mentions
>>> cfg = load_attribution_config()
>>> doc = analyze("“We chose Russia,” the Malian diplomat wrote on X.")
>>> res = extract_attributions(doc, config=cfg, mentions=find_mentions(doc, load_actors()))
>>> a = res.attributions[0]
>>> a.source, a.source_type, a.affiliation, a.channel, a.quote_type
('the Malian diplomat', 'person', 'mali', 'X', 'direct')
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framecmp.lexicons import Entry, Field, Lexicon, data_path, load_lexicon, read_json_model
from framecmp.measures.actors import Mention
from framecmp.measures.attribution.cue_crf import MODEL_FORMAT as CRF_FORMAT
from framecmp.measures.attribution.cue_crf import CueCRF, load_cue_crf
from framecmp.measures.attribution.cue_model import CueModel, load_cue_model
from framecmp.records import Evidence
from framecmp.text.doc import (
    CALENDAR_WORDS,
    POSSESSIVES,
    WEEKDAYS,
    Doc,
    PhraseMatch,
    PhraseMatcher,
    Quote,
    Sentence,
    Token,
)
from framecmp.text.grammar import RULED_BY_DEMONYM, SpanCover

__all__ = [
    "SOURCE_TYPES",
    "QUOTE_TYPES",
    "Attribution",
    "AttributionConfig",
    "AttributionResult",
    "load_attribution_config",
    "extract_attributions",
    "attribution_rows",
    "voices_rows",
    "style_row",
]

SOURCE_TYPES = ("person", "institution", "anonymous", "document", "none", "unfound")
QUOTE_TYPES = ("direct", "partial", "indirect", "scare")

VERB_SCHEMA = [
    Field("class", required=True, choices=("neutral", "loaded", "belief")),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("pos", choices=("verb", "prep", "colon")),
    Field("inflect", kind="bool"),
    Field("requires_source", choices=("document",)),
    Field("agentless", kind="bool"),
    Field("copular", kind="bool"),
    Field("clause_only", kind="bool"),
]
HEDGE_SCHEMA = [
    Field("class", required=True, choices=("evidential", "doubt", "epistemic")),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("inflect", kind="bool"),
]
SOURCE_SCHEMA = [
    Field(
        "class", required=True,
        choices=("anonymity", "collective", "role", "institution", "document", "platform"),
    ),
    Field("explanation", required=True),
    Field("source", required=True),
    Field("inflect", kind="bool"),
    Field("case", kind="bool"),
]

# --------------------------------------------------------------------------- word lists
# Closed-class function words that the rules need. They are grammar, not a
# lexicon a user would edit, so they live here.

_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
_PERSON_PRONOUNS = frozenset({"he", "she", "i"})
# object forms, as sources after a preposition ("according to him")
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
_AUX = frozenset({"has", "have", "had", "also"})
# Words PolNeAR counts as part of the cue when they stand just before the verb
# ("has also said", "was asked", "did not mention", "later said", "went on to say").
_CUE_LEFT = frozenset({
    "has", "have", "had", "also", "was", "were", "is", "are", "be", "been", "being", "'s",
    "first", "now", "later", "then", "initially", "repeatedly", "since", "often", "never",
    "not", "n't", "did", "does", "do", "would", "will", "previously", "already",
    "publicly", "again", "once", "still", "just", "even", "widely",
    "recently", "might", "could", "may", "must", "can", "should", "quickly", "specifically",
    "frequently", "strongly", "regularly", "privately", "openly", "officially", "always", "finally",
    "long", "further", "similarly", "largely", "subsequently", "barely", "relentlessly",
    "'ve", "’ve", "'re", "’re", "'d", "’d", "wouldn't", "wouldn’t", "couldn't", "couldn’t", "having", "soon", "hasn't", "hasn’t", "doesn't", "doesn’t", "isn't", "isn’t",
    "didn't", "didn’t", "don't", "don’t", "won't", "won’t", "wasn't", "wasn’t", "can't", "can’t",
})
# ... and just after it ("said:", "asked about", "asked for", "said in a statement").
_CUE_RIGHT_WORDS = frozenset({"about", "for"})
_CUE_RIGHT_ADV = frozenset({"recently", "repeatedly", "sarcastically", "rhetorically"})
_CUE_RIGHT_NOT_SAY = frozenset({"of", "against"})
_SAY_FORMS = frozenset({"say", "says", "said", "saying"})
# PolNeAR keeps "in a statement" in the cue but not "in an interview" / "in an email" (train counts).
_CUE_IN_NOUNS = frozenset({"statement", "release"})
_ADV = frozenset({
    "previously", "later", "repeatedly", "now", "again", "publicly", "recently", "once",
    "then", "would", "will", "did", "does", "do", "not", "never", "further", "earlier",
    "already", "often", "frequently", "reportedly", "allegedly", "privately", "openly",
    "explicitly", "quickly", "flatly", "firmly", "simply", "only", "just", "still",
    "had", "has", "have", "also", "could", "may", "might", "should", "can", "must",
    "n't", "first", "originally", "initially", "subsequently", "separately",
})
_BE = frozenset({"is", "was", "were", "are", "been", "be", "being"})
_LEFT_STOP = frozenset({
    "that", "and", "but", "or", "because", "while", "when", "as", "if", "since",
    "although", "though", "after", "before", "so", "which", "who", "where", "whether",
    "than", "yet", "what", "whom", "until", "unless", "whereas", "nor", "to",
})
_LEAD_PREP = frozenset({
    "in", "on", "at", "during", "last", "this", "earlier", "later", "yesterday",
    "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "to", "after", "before", "from", "with", "for", "via", "over", "through",
    "told", "by", "late", "early", "shortly", "when", "while", "adding", "according",
    "referring", "speaking", "citing", "under", "of", "ahead", "following", "amid",
})
# words that open an embedded question after "asked": the question, not the person asked
_QUESTION_OPENERS = frozenset({"if", "whether", "why", "how", "what", "when", "where", "who", "which"})
_TELL_LIKE = frozenset({
    "tell", "tells", "told", "telling", "assure", "assured", "assures", "assuring",
    "warn", "warned", "warns", "warning", "urge", "urged", "urges", "urging", "ask",
    "asked", "asks", "asking", "remind", "reminded", "inform", "informed",
})
_GERUNDS_FOLLOW = frozenset({"saying", "adding", "noting", "arguing", "insisting",
                             "explaining", "warning", "stressing", "claiming",
                             "suggesting", "telling", "stating", "declaring",
                             "emphasising", "emphasizing", "pointing", "calling",
                             "accusing", "asking", "urging", "writing"})
_INDEFINITE = frozenset({
    "a", "an", "one", "some", "several", "two", "three", "four", "many", "other",
    "another", "various", "numerous", "few", "most", "unnamed", "anonymous", "senior",
})
_NOUN_BEFORE = frozenset({
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "'s", "of", "in", "for", "with", "from", "by", "each", "every", "any", "no",
    "such", "whose",
})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its",
                          "his", "her", "their", "our"})
_CLOSE_QUOTES = frozenset("”\"'’»")
_OPEN_QUOTES = frozenset("“\"'‘«")
_CLAUSE_PUNCT = frozenset(",;:()[]—–")
_SENT_END = frozenset({".", "!", "?"})
_CHANNEL_NOUNS = frozenset({"interview", "statement", "post", "message", "video",
                            "op-ed", "letter", "press", "conference", "speech", "address",
                            "broadcast", "briefing"})
_GENERIC_AUDIENCE = frozenset({"reporters", "journalists", "the", "a", "an", "us", "me",
                               "him", "her", "them", "parliament", "lawmakers",
                               "supporters", "the press", "audience", "crowd", "people"})


# --------------------------------------------------------------------------- records


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
class AttributionConfig:
    """Lexicons and options for :func:`extract_attributions`.

    Build it with :func:`load_attribution_config`; the phrase matchers are
    built once here and shared by every article.

    Parameters
    ----------
    verbs, hedges, sources : Lexicon
        Reporting verbs, hedges, source markers.
    scare_max_words : int
        A quote of at most this many words that nobody is said to have said
        is a scare quote.
    continuation_paragraphs : int
        A cue-less direct quote keeps the speaker of a direct quote at most
        this many paragraphs before it.
    min_claim_words : int
        Body sentences with at least this many words and no attribution count
        as unattributed claims.
    cue_model : CueModel, CueCRF or None
        The learned detector of cues the lexicon does not list
        (:mod:`framecmp.measures.attribution.cue_model`) or the CRF cue tagger
        (:mod:`framecmp.measures.attribution.cue_crf`); None (the default) turns it off.
    """

    verbs: Lexicon
    hedges: Lexicon
    sources: Lexicon
    scare_max_words: int = 4
    continuation_paragraphs: int = 6
    min_claim_words: int = 6
    cue_model: CueModel | CueCRF | None = None
    verb_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    hedge_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    source_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    entries: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    @property
    def version(self) -> str:
        """Provenance: ``reporting_verbs@V+hedges@V+sources@V`` (names and versions), ``+cue_model@V`` if used."""
        v = "+".join(f"{lex.name}@{lex.version}" for lex in (self.verbs, self.hedges, self.sources))
        if self.cue_model is not None:
            v += f"+cue_model@{self.cue_model.meta.get('version', '?')}"
        return v

    def __post_init__(self) -> None:
        for name in ("scare_max_words", "continuation_paragraphs", "min_claim_words"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(
                    f"The '{name}' parameter of AttributionConfig must be an int >= 0. Got {v!r} instead."
                )
        entries: dict[str, Any] = {}
        matchers = []
        for lex in (self.verbs, self.hedges, self.sources):
            items = []
            for e in lex.entries:
                entries[e.id] = e
                opts = {"inflect": bool(e.get("inflect", True)), "case": bool(e.get("case", False))}
                items += [(e.id, t, opts) for t in e.terms]
            matchers.append(PhraseMatcher(items))
        object.__setattr__(self, "verb_matcher", matchers[0])
        object.__setattr__(self, "hedge_matcher", matchers[1])
        object.__setattr__(self, "source_matcher", matchers[2])
        entries.setdefault(_LEARNED.id, _LEARNED)
        object.__setattr__(self, "entries", entries)


def load_attribution_config(
    *,
    verbs: str | Path | Mapping[str, Any] | None = None,
    hedges: str | Path | Mapping[str, Any] | None = None,
    sources: str | Path | Mapping[str, Any] | None = None,
    replace: bool = False,
    cue_model: str | Path | Mapping[str, Any] | CueModel | CueCRF | bool | None = None,
    **options: int,
) -> AttributionConfig:
    """Load the bundled attribution lexicons, with optional user files over them.

    Parameters
    ----------
    verbs, hedges, sources : path or mapping, optional
        User lexicons merged over the bundled ones (same id: the user's wins).
    replace : bool, default False
        If True, user lexicons replace the bundled ones instead.
    cue_model : path, mapping, CueModel, CueCRF, "crf" or bool, optional
        The learned cue detector, off by default (lexicon cues only): True for
        the bundled ``lexicons/cue_model.json`` (PolNeAR dev cue F1 0.663 ->
        0.673, attribution about 2.4 times slower; its cues go to the
        attribution table only, not to voices or style), or a model of your own.
        ``"crf"`` for the bundled CRF cue tagger ``lexicons/cue_crf.json``
        (:mod:`framecmp.measures.attribution.cue_crf`; PolNeAR dev cue F1 0.663 -> 0.696, source
        0.678 -> 0.706, content 0.788 -> 0.811, attribution about 4 times
        slower; its own cues go to the attribution table only; in its mode
        ``filter`` it also drops the rule cues it does not tag and reports its
        span of the others); a file or mapping with ``"format":
        "framecmp.cue_crf/1"`` is read as a CRF tagger.
    **options
        Passed to :class:`AttributionConfig` (``scare_max_words`` ...).

    Raises
    ------
    LexiconError
        Listing every problem in the files, with file and line.

    Examples
    --------
    >>> cfg = load_attribution_config(verbs={"entries": [{"id": "rv.gloat", "terms": ["gloat"],
    ...     "class": "loaded", "explanation": "Paints the speaker as smug.", "source": "own"}]})
    >>> cfg.entries["rv.gloat"].get("class")
    'loaded'
    """
    specs = (
        ("reporting_verbs", "reporting_verbs.yaml", VERB_SCHEMA, verbs),
        ("hedges", "hedges.yaml", HEDGE_SCHEMA, hedges),
        ("sources", "sources.yaml", SOURCE_SCHEMA, sources),
    )
    lexs = []
    for kind, fname, schema, user in specs:
        base = load_lexicon(data_path(fname), kind=kind, schema=schema)
        if user is not None:
            base = base.merged(load_lexicon(user, kind=kind, schema=schema), replace=replace)
        lexs.append(base)
    model: CueModel | CueCRF | None
    if cue_model is True:
        model = load_cue_model()
    elif cue_model == "crf":
        model = load_cue_crf()
    elif cue_model is None or cue_model is False:
        model = None
    elif isinstance(cue_model, (CueModel, CueCRF)):
        model = cue_model
    elif read_json_model(cue_model, lambda d, _w: d.get("format") if isinstance(d, dict) else None) == CRF_FORMAT:
        model = load_cue_crf(cue_model)  # a CRF tagger's file ("format": "framecmp.cue_crf/1")
    else:
        model = load_cue_model(cue_model)
    return AttributionConfig(lexs[0], lexs[1], lexs[2], cue_model=model, **options)


# --------------------------------------------------------------------------- result


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
    """

    attributions: tuple[Attribution, ...]
    evidence: tuple[Evidence, ...]
    style: Mapping[str, Any]
    hedges: tuple[Evidence, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False)
    voice_words: Mapping[str, int] = field(default_factory=dict)
    _voices: Any = field(default=None, repr=False, compare=False)  # built by voice_of on first use

    def voice_of(self, offset: int) -> str:
        """Whose voice a character offset is in: an actor id, ``"unknown"``, or ``"author"``.

        Content of an attribution is in its source's voice (the affiliation,
        or ``"unknown"`` when the source has none); everything else is the
        author's own voice. Scare quotes stay in the author's voice, and so do
        the contents of learned (``unlisted``) cues: "Mali is seeking to ..."
        tells what Mali wants in the writer's words.
        """
        voices = self._voices
        if voices is None:
            voices = _voice_segments(_voiced(self.attributions))
            object.__setattr__(self, "_voices", voices)
        points, best = voices
        i = bisect.bisect_right(points, offset) - 1
        a = best[i] if i >= 0 else None
        if a is None:
            return "author"
        return a.affiliation or "unknown"


def _voice_segments(atts: Sequence[Attribution]) -> tuple[list[int], list[Attribution | None]]:
    """The innermost content at every offset, as segments: ``best[i]`` holds from
    ``points[i]`` to ``points[i + 1]``; the innermost content is the shortest one, the
    first of equal ones (what a scan of ``atts`` for each offset gives, in one sweep)."""
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


# --------------------------------------------------------------------------- helpers


def _is_word(t: Token) -> bool:
    return t.norm[:1].isalnum()


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper()


@dataclass(slots=True)
class _Draft:
    source: tuple[int, int] | None  # token range
    cue: PhraseMatch | None
    content: tuple[int, int]  # char range
    rule: str
    sentence: int | None
    channel: str | None = None
    pronoun_of: _Draft | None = None
    anonymous_marker: bool = False
    passive: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _trim_chars(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, final punctuation and unbalanced outer marks."""
    while a < b and (text[a].isspace() or text[a] in ",:;—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?—–"):
        b -= 1
    return a, b


class _Article:
    """Per-article working state (not public)."""

    def __init__(self, doc: Doc, config: AttributionConfig, mentions: Sequence[Mention]):
        self.doc = doc
        self.cfg = config
        # in text order, whatever order they were given in (the helpers below search them so)
        self.mentions = sorted((m for m in mentions if m.actor is not None), key=lambda m: (m.start, m.end))
        self.toks = doc.tokens
        self.text = doc.text
        self.quotes = [q for q in doc.quotes if q.depth == 0]
        # lookups of the quotes by position (the first quote wins, as in a scan of self.quotes)
        self._quote_opening: dict[int, Quote] = {}
        self._quote_closing: dict[int, Quote] = {}
        for q in self.quotes:
            self._quote_opening.setdefault(q.open_start, q)
            if q.closed:
                self._quote_closing.setdefault(q.close_end, q)
        self._quote_starts: list[int] | None = [q.start for q in self.quotes]
        if any(a.end > b.start for a, b in zip(self.quotes, self.quotes[1:])):
            self._quote_starts = None  # not in order without overlaps: quote_containing scans
        self.sent_starts = [s.start for s in doc.sentences]  # ascending (Doc.sentence_at bisects them)
        self.src_hits = config.source_matcher.find(doc.tokens)
        self.src_hit_at = {h.tok_start: h for h in self.src_hits}
        self.src_starts = [h.start for h in self.src_hits]  # ascending: matches come in text order
        self.src_tok_starts = [h.tok_start for h in self.src_hits]
        self._mention_starts: list[int] | None = [m.start for m in self.mentions]
        if any(a > b for a, b in zip(self._mention_starts, self._mention_starts[1:])):
            self._mention_starts = None  # mentions not in text order: mentions_within scans
        self.cue_aux: dict[tuple[int, int, int], tuple[int, bool]] = {}  # see _cue_with_aux
        self.verb_hits: list[PhraseMatch] = []  # the reporting-verb lexicon's matches (set by _find_relations)
        self.people_roles: dict[str, str] = {}  # person -> role title (actors.yaml), for "the minister"
        self._people_by_role: dict[tuple[frozenset[str], str | None], tuple[list[int], list[int]]] | None = None
        self._positions: dict[str, list[int]] = {}  # see first_at

    def people_by_role(self) -> dict[tuple[frozenset[str], str | None], tuple[list[int], list[int]]]:
        """Person mentions by (words of the person's role, actor): their positions in
        ``mentions`` and their start offsets, in text order (built once)."""
        index = self._people_by_role
        if index is None:
            index = {}
            for i, m in enumerate(self.mentions):
                role = self.people_roles.get(m.person or "") or "" if m.via == "person" and m.person else ""
                if role:
                    positions, starts = index.setdefault((frozenset(role.lower().split()), m.actor), ([], []))
                    positions.append(i)
                    starts.append(m.start)
            self._people_by_role = index
        return index

    def src_hits_within(self, cs: int, ce: int) -> list[PhraseMatch]:
        """Source-lexicon hits inside characters ``cs:ce``, in text order."""
        i0 = bisect.bisect_left(self.src_starts, cs)
        i1 = bisect.bisect_right(self.src_starts, ce, i0)
        return [h for h in self.src_hits[i0:i1] if h.end <= ce]

    def anonymity_marked(self, s: Sentence) -> bool:
        """Whether sentence ``s`` holds an anonymity marker ("on condition of anonymity")."""
        a0 = bisect.bisect_left(self.src_starts, s.start)
        a1 = bisect.bisect_left(self.src_starts, s.end, a0)
        entries = self.cfg.entries
        return any(any(entries[k].get("class") == "anonymity" for k in h.keys) for h in self.src_hits[a0:a1])

    def src_hits_from(self, a: int, b: int) -> list[PhraseMatch]:
        """Source-lexicon hits starting at tokens ``a:b``, in text order."""
        return self.src_hits[bisect.bisect_left(self.src_tok_starts, a) : bisect.bisect_left(self.src_tok_starts, b)]

    def mentions_within(self, cs: int, ce: int) -> list[Mention]:
        """Actor mentions inside characters ``cs:ce``, in the order given."""
        starts = self._mention_starts
        if starts is None:
            return [m for m in self.mentions if cs <= m.start and m.end <= ce]
        i0 = bisect.bisect_left(starts, cs)
        i1 = bisect.bisect_right(starts, ce, i0)
        return [m for m in self.mentions[i0:i1] if m.end <= ce]

    def quotes_around(self, c0: int, c1: int) -> list[Quote]:
        """The quotes inside characters ``c0:c1 + 1``, then those holding ``c0:c1`` (a
        quote that is both is listed twice)."""
        starts = self._quote_starts
        if starts is None:
            return [q for q in self.quotes if c0 <= q.start and q.end <= c1 + 1] + [
                q for q in self.quotes if q.start <= c0 and c1 <= q.end
            ]
        # in order without overlaps: the quotes inside start within c0:c1 + 1, and only the
        # last quote starting at or before c0 can hold c0:c1
        i0 = bisect.bisect_left(starts, c0)
        i1 = bisect.bisect_right(starts, c1 + 1, i0)
        out = [q for q in self.quotes[i0:i1] if q.end <= c1 + 1]
        k = bisect.bisect_right(starts, c0) - 1
        if k >= 0 and c1 <= self.quotes[k].end:
            out.append(self.quotes[k])
        return out

    # ----- token positions by kind (built once per article, searched by bisection, so that
    # a sentence with many cues is not scanned again for each of them)
    def _position_index(self, kind: str) -> list[int]:
        index = self._positions.get(kind)
        if index is None:
            toks = self.toks
            if kind == "clause":
                index = [i for i, t in enumerate(toks) if t.norm in _CLAUSE_PUNCT]
            elif kind == "comma":
                index = [i for i, t in enumerate(toks) if t.norm == ","]
            elif kind == "content_mark":  # "that", ":" or an opening curly quote or guillemet
                index = [i for i, t in enumerate(toks) if t.norm in ("that", ":") or t.text in ("“", "«")]
            elif kind == "channel_stop":  # "that", ":" or any opening quote
                index = [i for i, t in enumerate(toks) if t.norm in ("that", ":") or t.text in _OPEN_QUOTES]
            elif kind == "channel":  # a source-lexicon hit, or "with" after a channel noun
                index = sorted({i for i in self.src_hit_at if i > 0} | {
                    i for i, t in enumerate(toks) if i > 0 and t.norm == "with" and toks[i - 1].norm in _CHANNEL_NOUNS
                })
            else:  # pragma: no cover
                raise ValueError(kind)
            self._positions[kind] = index
        return index

    def first_at(self, kind: str, a: int, hi: int) -> int:
        """The first token of ``kind`` at index ``a`` or after, below ``hi``; else ``hi``."""
        index = self._position_index(kind)
        k = bisect.bisect_left(index, a)
        return index[k] if k < len(index) and index[k] < hi else hi

    def positions(self, kind: str, a: int, hi: int) -> list[int]:
        """The tokens of ``kind`` at indices ``a:hi``, in order."""
        index = self._position_index(kind)
        return index[bisect.bisect_left(index, a) : bisect.bisect_left(index, hi)]

    # ----- token utilities
    def quote_closing_at(self, ti: int) -> Quote | None:
        """The (first) closed quote whose closing mark ends where token ``ti`` ends."""
        return self._quote_closing.get(self.toks[ti].end)

    def quote_opening_at(self, ti: int) -> Quote | None:
        """The (first) quote whose opening mark starts where token ``ti`` starts."""
        return self._quote_opening.get(self.toks[ti].start)

    def quote_containing(self, off: int) -> Quote | None:
        """The first quote whose content holds character ``off``.

        Quotes in order without overlaps (the usual case): only the last one
        starting at or before ``off`` can hold it.
        """
        starts = self._quote_starts
        if starts is not None:
            i = bisect.bisect_right(starts, off) - 1
            if i >= 0 and off < self.quotes[i].end:
                return self.quotes[i]
            return None
        for q in self.quotes:
            if q.start <= off < q.end:
                return q
        return None

    def source_left(self, end: int, lo: int) -> tuple[int, int] | None:
        """Noun-phrase run ending at token ``end`` (exclusive), not before ``lo``.

        A time phrase just before the cue (``Mike Pence on Thursday blamed``)
        is skipped: the source is the run before it.
        """
        k = end
        while k > lo and self.toks[k - 1].norm in _TIME_WORDS:
            k -= 1
        if k < end and k > lo:
            while k > lo and self.toks[k - 1].norm in _TIME_LEAD:
                k -= 1
            if k > lo and k < end:
                got = self._source_left(k, lo)
                if got is not None:
                    return got
        return self._source_left(end, lo)

    def source_left_np(self, end: int, lo: int) -> tuple[int, int] | None:
        """:meth:`source_left`, extended over the noun phrase's post-modifiers.

        PolNeAR takes ``Senator Marco Rubio of Florida``, ``a number of
        attendees``, ``Democrats in Iowa who watched the debate`` and
        ``Mrs. Clinton and Ms. Warren`` whole. The run is extended left over
        ``of`` / ``in`` / ``from`` ... and a restrictive ``who`` (no comma)
        while a word stands before them; over ``and`` only between two
        capitalised names.
        """
        got = self.source_left(end, lo)
        if got is None:
            return None
        a, b = got
        toks = self.toks
        a = self._drop_lead(a, b)
        head = a
        for _ in range(4):
            if a - 2 < lo:
                break
            link, prev = toks[a - 1], toks[a - 2]
            if not _is_word(prev) or prev.norm in _LEFT_STOP or prev.norm in _NOUN_BEFORE:
                break
            if link.norm == "and":
                if not (_is_cap(prev) and _is_cap(toks[a])):
                    break
                # only over a run of capitalised names ("Mrs. Clinton and Ms. Warren"), and not
                # when a verb stands before it ("Trump beat Clinton and Cruz said": a clause)
                j = a - 1
                while j > lo and ((_is_word(toks[j - 1]) and _is_cap(toks[j - 1]))
                                  or toks[j - 1].norm in (".", "'s", "’s", "-", "&")):
                    j -= 1
                while j > lo and toks[j - 1].norm in _AND_NAME_LEFT:
                    j -= 1  # "former President Obama and ..."
                if j > lo and _is_word(toks[j - 1]) and toks[j - 1].norm not in _LEFT_STOP_PREP:
                    break
                if j >= a - 1:
                    break
                a = j
                continue
            if link.norm not in _NP_LINK:
                break
            more = self._source_left(a - 1, lo)
            if more is None or more[0] >= a - 1:
                break
            a = more[0]
        if a < head:
            ext = self._drop_lead(a, b)
            if (ext > a and toks[a].norm.endswith("ing") and not _is_cap(toks[a])) or (
                    not _is_cap(toks[ext]) and toks[ext].norm in _LEAD_PREP_LINK):
                ext = head  # "After meeting with Putin in Moscow officials said": a participle clause
            a = ext
        return (a, b)

    def _drop_lead(self, a: int, b: int) -> int:
        """Skip sentence adverbs and a leading participle at the start of a source run."""
        toks = self.toks
        while b - a > 1 and (toks[a].norm in _SOURCE_LEAD_DROP or (
                toks[a].norm.endswith("ing") and not _is_cap(toks[a]) and _is_word(toks[a + 1]))):
            a += 1  # "then he said", "Meanwhile Rihanna said", "claiming he was offered"
        return a

    def _source_left(self, end: int, lo: int) -> tuple[int, int] | None:
        if end - 1 > lo and self.toks[end - 1].norm == ")":
            # "Sen. Mitch McConnell (R-Ky.) said": the name before the parenthesis
            k = end - 2
            while k > lo and k > end - 10 and self.toks[k].norm not in ("(", ")"):
                k -= 1
            if self.toks[k].norm == "(" and k > lo:
                head = self._source_left(k, lo)
                if head is not None:
                    return (head[0], end)
            return None
        i = end
        n = 0
        while i > lo:
            t = self.toks[i - 1]
            if t.norm in ("'s", "-", ".", "&") or (_is_word(t) and t.norm not in _LEFT_STOP):
                if _is_word(t) and not _is_cap(t) and t.norm in _LEAD_PREP and n > 0:
                    break
                i -= 1
                n += 1
                if n >= 12:
                    break
                continue
            break
        # a trailing apposition ("X, the foreign minister, said"): not handled; fine
        while i < end and not _is_word(self.toks[i]):
            i += 1
        if i >= end:
            return None
        # drop leading prepositional/time phrases: "On Tuesday the minister"
        j = i
        for k in range(i, end):
            if self.toks[k].norm in ("the", "a", "an") and k > i and self.toks[i].norm in _LEAD_PREP:
                j = k
                break
        return (j, end)

    def source_right(self, start: int, hi: int, *, appos: bool = False) -> tuple[int, int] | None:
        """Noun-phrase run starting at token ``start``, up to punctuation.

        With ``appos``, a comma followed by an apposition (``said X, the
        president of Y``) does not end the run.
        """
        i = start
        limit = 30 if appos else 12
        while i < hi:
            t = self.toks[i]
            if appos and t.norm == "," and i > start and i + 1 < hi and _appos_start(self.toks[i + 1]):
                i += 1
                continue
            if t.norm in _CLAUSE_PUNCT or t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES:
                break
            if i > start and t.norm in ("that", "who", "which", "in", "on", "at", "during", "when",
                                        "while", "as", "after", "before", "to", "last", "told"):
                break
            if t.norm in _SENT_END and (i + 1 >= hi or not _is_word(self.toks[i + 1])):
                break
            i += 1
            if i - start >= limit:
                break
        if i > start and self.doc._count_words(start, i) > 0:
            return (start, i)
        return None

    def source_to_end(self, start: int, hi: int) -> tuple[int, int] | None:
        """A postposed source with all its modifiers, up to the end of the clause.

        PolNeAR takes ``said Steve Smith, a veteran editor who teaches
        journalism at the University of Idaho`` whole (615 of 864 inverted
        sources in train run to the sentence end). The run stops at a quote,
        ``:``, ``;``, a dash, ``, <participle>`` (``, adding ...``), a
        conjunction after a comma, a time phrase (``on Monday``), ``in a
        statement`` / ``in The Guardian`` and ``when`` / ``while`` / ``during``.
        """
        toks = self.toks
        i = start
        while i < hi:
            t = toks[i]
            n = toks[i + 1] if i + 1 < hi else None
            if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES or t.norm in (";", ":", "—", "–", "--"):
                break
            if t.norm in _SENT_END and (n is None or not _is_word(n)):
                break
            if t.norm == "(":
                # "said Sen. Mitch McConnell (R-Ky.)": a "." inside the brackets ends nothing
                close = next((k for k in range(i + 1, min(hi, i + 12)) if toks[k].norm in ("(", ")")), None)
                if close is not None and toks[close].norm == ")":
                    i = close + 1
                    continue
            if i > start:
                if t.norm == "," and n is not None and (
                        (n.norm.endswith("ing") and not _is_cap(n)) or n.norm in _TO_END_STOP_AFTER_COMMA):
                    break
                if t.norm in _TIME_LEAD and n is not None and (n.norm in _TIME_WORDS or n.norm[:1].isdigit()):
                    break
                if t.norm in WEEKDAYS and _is_cap(toks[i - 1]):
                    break  # "said Smith Monday" (but "a poll released Monday by Gallup")
                if t.norm in ("in", "on", "via") and n is not None and (
                        n.norm in _CHANNEL_NOUNS or n.text == "The" or self._is_platform(i + 1) or (
                        n.norm in _DETERMINERS and i + 2 < hi and toks[i + 2].norm in _TO_END_CHANNEL_ALL)):
                    break  # "in a statement", "in The Guardian", "on Twitter"
                if t.norm in _TO_END_STOP:
                    break
            i += 1
        while i > start and (toks[i - 1].norm in (",", "(", "and") or not (_is_word(toks[i - 1]) or toks[i - 1].norm in (")", "."))):
            i -= 1
        if i > start and self.doc._count_words(start, i) > 0:
            return (start, i)
        return None

    def _is_platform(self, ti: int) -> bool:
        h = self.src_hit_at.get(ti)
        return h is not None and any(self.cfg.entries[k].get("class") == "platform" for k in h.keys)

    def source_appos_left(self, end: int, lo: int) -> tuple[int, int] | None:
        """``X, the foreign minister, said`` / ``X, who ..., said``: the head and its apposition.

        ``end`` is the comma just before the cue (exclusive end of the source).
        """
        toks = self.toks
        k = end - 1
        stop = max(lo, end - 50)
        while k > stop:
            k -= 1
            t = toks[k]
            if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES or t.norm in (";", ":", "(", ")"):
                return None
            if t.norm == ",":
                if k + 1 >= end - 1 or not _appos_start(toks[k + 1]):
                    return None
                head = self.source_left(k, lo)
                if head is None or toks[head[0]].norm in _LEAD_PREP or toks[head[0]].norm in _TIME_WORDS:
                    return None  # "On Sunday, Trump ...": a time phrase, not a head noun
                return (head[0], end - 1)
        return None


_APPOS_FIRST = frozenset({"the", "a", "an", "who", "which", "his", "her", "its", "their", "now",
                          "then", "also", "both", "one", "former", "himself", "herself", "whose",
                          "chairman", "chairwoman", "president", "director", "head", "chief", "leader",
                          "executive", "founder", "author", "pastor", "spokesman", "spokeswoman",
                          "secretary", "senator", "governor", "mayor", "professor", "co-founder",
                          "vice", "deputy", "senior", "editor", "owner", "ceo", "member"})
_TIME_WORDS = CALENDAR_WORDS | {"recently", "earlier", "later"}
_TIME_LEAD = frozenset({"on", "in", "last", "this", "earlier", "late", "early", "that", "next"})
_SOURCE_LEAD_DROP = frozenset({
    "then", "now", "so", "still", "also", "even", "meanwhile", "instead", "however", "thus", "yet",
    "had", "perhaps", "indeed", "and", "but", "or", "nor", "hence", "otherwise", "besides", "likewise",
    "here", "there", "today", "yesterday", "tonight", "finally", "eventually", "ultimately", "again",
})
_TO_CONTENT = frozenset({"rv.promise", "rv.vow", "rv.decline", "rv.refuse", "rv.threaten", "rv.claim"})
# Cues taken capitalised in a Title Case headline ("Clinton Says ...", "Trump Slams ..."); verbs
# that are also common headline nouns or other verbs ("Answers", "Continues", "Calls") are left out.
_TITLE_CUES = frozenset({
    "rv.say", "rv.tell", "rv.claim", "rv.announce", "rv.reveal", "rv.slam", "rv.praise", "rv.endorse",
    "rv.accuse", "rv.warn", "rv.urge", "rv.call_for", "rv.talk_about", "rv.deny", "rv.blame",
    "rv.attack", "rv.vow", "rv.demand", "rv.criticise", "rv.admit", "rv.insist", "rv.threaten",
    "rv.promise", "rv.write", "rv.tweet", "rv.explain", "rv.predict", "rv.condemn", "rv.dismiss",
    "rv.assail", "rv.confirm", "rv.suggest", "rv.argue", "rv.defend", "rv.question", "rv.ask",
    "rv.reply", "rv.respond", "rv.deride", "rv.joke", "rv.describe", "rv.declare",
})
_NOT_A_SOURCE = frozenset({
    "the", "a", "an", "as", "and", "but", "or", "so", "that", "this", "these", "those", "instead",
    "also", "then", "now", "even", "just", "only", "both", "all", "any", "each", "such", "there",
})
_AND_NAME_LEFT = frozenset({"the", "former", "then", "vice", "deputy", "senior", "both"})
_NP_LINK = frozenset({"of", "in", "from", "for", "with", "at", "to", "by", "about", "close", "who", "among", "on"})
# unions of the word sets above, built once (the rules test tokens against them often)
_ADV_BE = _ADV | _BE
_LEFT_STOP_PREP = _LEFT_STOP | _LEAD_PREP
_LEAD_PREP_LINK = _LEAD_PREP | _NP_LINK
_AUX_PRONOUNS = _AUX | _PRONOUNS
_GERUNDS_PREP = _GERUNDS_FOLLOW | _LEAD_PREP
_NOT_LY = frozenset({"family", "rally", "supply", "ally", "italy", "july", "assembly", "early", "likely", "daily",
                     "weekly", "monthly", "friendly", "elderly", "holy", "only", "belly", "bully", "tally"})
_TO_END_STOP = frozenset({"when", "while", "during", "because", "although", "though", "adding", "referring"})
_TO_END_STOP_AFTER_COMMA = frozenset({"but", "and", "though", "although", "because", "as", "when", "while",
                                      "after", "before", "since", "if", "so", "in", "on", "at", "during"})
_TO_END_CHANNEL = frozenset({"tweet", "email", "e-mail", "call", "phone", "op-ed", "column", "editorial",
                             "memo", "note", "text", "podcast", "blog", "radio", "television", "debate",
                             "rally", "town", "news", "hearing", "meeting", "event"})
_TO_END_CHANNEL_ALL = _CHANNEL_NOUNS | _TO_END_CHANNEL


def _appos_start(t: Token) -> bool:
    """Whether a token can open an apposition or a non-restrictive relative clause."""
    return t.norm in _APPOS_FIRST or (_is_cap(t) and _is_word(t)) or t.norm[:1].isdigit()


_COLON_STOP = frozenset({
    "the", "editor's", "online", "polls", "twitter", "news", "update", "photos", "watch",
    "video", "note", "related", "read", "source", "sources", "pledged", "correction",
    "here", "one", "this", "bottom", "background", "follow", "email", "contact", "why", "what",
    "how", "disclosure", "full", "contributing", "so", "look", "wow", "breaking", "revealed",
    "just", "bombshell", "name", "age", "city", "job", "pay", "delegate", "delegates",
    "superdelegates", "big", "exclusive", "report", "analysis", "opinion", "live", "latest",
    "warning", "and", "but", "also", "now", "then", "first", "second", "third",
    "yes", "no", "ok", "okay", "well", "answer", "question", "stated", "result", "results",
})


def _colon_speaker(art: _Article, m: PhraseMatch, lo: int, hi: int, s: Any) -> _Draft | None:
    """``Name Surname: words`` at the start of a line (headlines, transcripts)."""
    toks = art.toks
    text = art.text
    if m.tok_start - lo < 1 or m.tok_start - lo > 4:
        return None
    line_start = text.rfind("\n", 0, toks[lo].start) + 1
    if text[line_start : toks[lo].start].strip():
        return None
    pre = toks[lo : m.tok_start]
    if not all(_is_word(t) and _is_cap(t) for t in pre):
        return None
    if pre[0].norm in _COLON_STOP:
        return None
    if art.cfg.verb_matcher.find(toks, lo, m.tok_start):
        return None
    if art.doc._count_words(m.tok_end, hi) < 3:
        return None
    c0 = toks[m.tok_end].start
    c1 = s.end
    q = art.quote_containing(c1 - 1)
    if q is not None and q.end > c1:
        c1 = q.end
    return _Draft((lo, m.tok_start), m, (c0, c1), "colon", s.index)


_CALL_PARTICLES = frozenset({"off", "into", "up", "back", "in", "out", "upon"})
_CALL_SUBJECT_OK = _PRONOUNS | _AUX | _BE | _ADV | frozenset({
    "who", "which", "that", "what", "and", "officials", "critics", "democrats", "republicans",
    "leaders", "lawmakers", "activists", "supporters", "groups", "campaign", "administration",
})


def _naming_call(toks: Sequence[Token], m: PhraseMatch, lo: int, hi: int) -> bool:
    """``call`` in a naming or noun sense, or a phrasal verb: not a report."""
    if m.tok_end < hi and toks[m.tok_end].norm in _CALL_PARTICLES:
        return True
    if m.tok_start > lo:
        p = toks[m.tok_start - 1]
        if _is_word(p) and not _is_cap(p) and p.norm not in _CALL_SUBJECT_OK:
            return True
    return False


def _source_dash_left(art: _Article, end: int, lo: int) -> tuple[int, int] | None:
    """``Joyce — who is listed as an attorney — told``: the head before the dashed aside."""
    toks = art.toks
    dash = toks[end - 1].norm
    k = end - 2
    while k > lo and k > end - 40:
        t = toks[k]
        if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES or t.norm in (";", ":"):
            return None
        if t.norm == dash:
            head = art.source_left(k, lo)
            return (head[0], end - 1) if head is not None else None
        k -= 1
    return None


_PAREN_OPEN = frozenset({
    "however", "meanwhile", "though", "too", "moreover", "therefore", "instead", "nonetheless",
    "nevertheless", "also", "then", "now", "still", "again", "earlier", "later", "in", "on", "at",
    "for", "last", "this", "speaking", "furthermore", "indeed", "likewise", "today",
    "yesterday", "separately", "previously", "already", "once", "of", "like",
})


def _paren_subject(art: _Article, before: int, lo: int) -> tuple[int, int] | None:
    """``Diop, speaking to reporters, said`` / ``The minister, however, said``: the subject before the aside.

    ``before`` is the cue's first token; the token before it is a comma. The aside between
    two commas must open with a participle or a sentence adverb / preposition.
    """
    toks = art.toks
    k1 = before - 1
    k = k1 - 1
    while k > lo and k1 - k <= 8:
        t = toks[k]
        if t.text in _OPEN_QUOTES or t.text in _CLOSE_QUOTES or t.norm in (";", ":", "(", ")", "—", "–"):
            return None
        if t.norm == ",":
            break
        k -= 1
    if toks[k].norm != "," or k + 1 >= k1:
        return None
    p0 = toks[k + 1]
    if _is_cap(p0) or not _is_word(p0):
        return None
    if not (p0.norm in _PAREN_OPEN or (len(p0.norm) > 4 and p0.norm.endswith("ing"))):
        return None
    subj = art.source_left_np(k, lo)
    if subj is None or art.doc._count_words(subj[0], subj[1]) > 8:
        return None
    return subj


def _sentence_subject(art: _Article, lo: int, hi: int) -> tuple[int, int] | None:
    """A capitalised noun-phrase run that opens the sentence (``Rubio``, ``The Wisconsin Republican``)."""
    toks = art.toks
    if lo < hi and toks[lo].norm in _LEAD_PREP:
        # "On Tuesday, Sanders went further, endorsing ...": the subject after the opening phrase
        k = lo
        while k < hi and toks[k].norm != "," and k - lo < 8:
            k += 1
        if k + 1 >= hi or toks[k].norm != ",":
            return None
        lo = k + 1
    if lo < hi and toks[lo].norm in _PRONOUNS and toks[lo].norm != "it":
        return (lo, lo + 1) if lo + 1 < hi and _is_word(toks[lo + 1]) and not _is_cap(toks[lo + 1]) else None
    i = lo
    n_cap = 0
    while i < hi:
        t = toks[i]
        if _is_word(t) and _is_cap(t):
            n_cap += 1
        elif t.norm not in ("'s", "’s", ".", "-", "&") and not (i == lo and t.norm in ("the", "a", "an")):
            break
        i += 1
        if i - lo > 8:
            return None
    if n_cap == 0 or i >= hi or toks[i].norm in _LEFT_STOP:
        return None
    if toks[i].norm != "," and (not _is_word(toks[i]) or _is_cap(toks[i])):
        return None
    return (lo, i)


def _first_segment_end(art: _Article, a: int, hi: int) -> int:
    """Token index of the first clause punctuation from ``a`` (or ``hi``)."""
    return art.first_at("clause", a, hi)


def _first_segment_words(art: _Article, a: int, hi: int) -> int:
    """Number of words from ``a`` to the first clause punctuation."""
    return art.doc._count_words(a, _first_segment_end(art, a, hi))


_ASKED_LEAD = frozenset({"when", "if", "after", "while", "once", "as", "but", "and", "later"})
_WENT_ON = (("went", "on", "to"), ("goes", "on", "to"), ("go", "on", "to"), ("going", "on", "to"))


def _went_on_to(toks: Sequence[Token], i: int, lo: int) -> bool:
    """Whether ``went on to`` stands just before token ``i``."""
    return i - 3 >= lo and toks[i - 1].norm == "to" and (toks[i - 3].norm, toks[i - 2].norm, "to") in _WENT_ON


def _is_document_source(art: _Article, src: tuple[int, int] | None) -> bool:
    """Whether a source token range names a document (poll, survey, records)."""
    if src is None:
        return False
    a, b = src
    for h in art.src_hits_from(a, b):
        if h.tok_end <= b and any(
            art.cfg.entries[k].get("class") == "document" for k in h.keys
        ):
            return True
    return False


def _title_case(toks: Sequence[Token], lo: int, hi: int) -> bool:
    """A headline in Title Case: at least 4 words, 60% or more of them capitalised."""
    n = caps = 0
    for t in toks[lo:hi]:
        if t.norm[:1].isalpha():
            n += 1
            caps += t.text[:1].isupper()
    return n >= 4 and caps >= 0.6 * n


def _is_ly_adverb(t: Token) -> bool:
    """A lower-case manner adverb (``angrily``, ``jokingly``): PolNeAR puts it in the cue (train 73 of 101)."""
    w = t.text
    return len(w) > 4 and w.endswith("ly") and w.isalpha() and w.islower() and w not in _NOT_LY


def _cue_with_aux(art: _Article, m: PhraseMatch, lo: int) -> tuple[int, bool]:
    """Token index where the cue span starts (``has also said``) and passive flag.

    Computed once per cue and sentence start (the rules ask, then the rows).
    """
    key = (m.tok_start, m.tok_end, lo)
    got = art.cue_aux.get(key)
    if got is None:
        got = art.cue_aux[key] = _cue_with_aux_uncached(art, m, lo)
    return got


def _cue_with_aux_uncached(art: _Article, m: PhraseMatch, lo: int) -> tuple[int, bool]:
    i = m.tok_start
    passive = False
    if _went_on_to(art.toks, i, lo):
        i -= 3  # "went on to say" is one cue in PolNeAR
    while i > lo and (art.toks[i - 1].norm in _CUE_LEFT or _is_ly_adverb(art.toks[i - 1])):
        i -= 1
    j = m.tok_start
    progressive = art.toks[m.tok_end - 1].norm.endswith("ing")
    while j > lo and (art.toks[j - 1].norm in _ADV_BE or _is_ly_adverb(art.toks[j - 1])):
        if art.toks[j - 1].norm in _BE and not progressive:
            passive = True  # also "is widely expected"
        j -= 1
    return i, passive


def _reduced_passive(toks: Sequence[Token], m: PhraseMatch, lo: int, hi: int) -> bool:
    """A participle cue right after a plural noun and before on/by: ``attacks blamed on X``."""
    if m.tok_start <= lo or m.tok_end + 1 >= hi or not toks[m.tok_end - 1].norm.endswith("ed"):
        return False
    prev, nxt, after = toks[m.tok_start - 1], toks[m.tok_end], toks[m.tok_end + 1]
    return (
        prev.text.islower() and prev.norm.endswith("s") and _is_word(prev)
        and prev.norm not in _AUX_PRONOUNS and nxt.norm in ("on", "by")
        and after.norm not in _TIME_WORDS and not after.norm.isdigit()
    )


_AGENT_THEN = frozenset({"of", "for", "as", "that", "to", "over", "about", "whether", "if"})


def _by_agent(art: _Article, a: int, hi: int) -> tuple[int, int] | None:
    """``was criticised by the minister``: the agent after a passive cue, if it names a speaker."""
    toks = art.toks
    if a + 1 >= hi or toks[a].norm != "by":
        return None
    got = art.source_right(a + 1, hi)
    if got is None:
        return None
    b0, b1 = got
    for k in range(b0 + 1, b1):
        if toks[k].norm in _LEFT_STOP or (
                toks[k].norm in ("of", "for", "about", "as") and k + 1 < b1 and toks[k + 1].norm.endswith("ing")):
            b1 = k  # "accused by Trump of lying", "asked by reporters whether ..."
            break
    words = [t for t in toks[b0:b1] if _is_word(t)]
    if not words or any(t.norm in _TIME_WORDS for t in words):
        return None
    if (any(_is_cap(t) for t in words) or bool(art.src_hits_from(b0, b1))
            or (len(words) == 1 and words[0].norm in ("him", "her", "them"))):
        return (b0, b1)
    return None


def _cue_end_tok(art: _Article, m: PhraseMatch, hi: int) -> int:
    """Token index where the cue span ends: ``said:``, ``asked about``, ``said in a statement``."""
    toks = art.toks
    j = m.tok_end
    if j < hi and toks[j].norm in _CUE_RIGHT_ADV:
        j += 1  # "said recently", "has said repeatedly" (train: 12 of 15 in the cue)
    if j + 1 < hi and toks[j].norm == "as" and toks[j + 1].norm in _GERUNDS_FOLLOW:
        return j + 2  # "was quoted as saying"
    if j < hi and (toks[j].norm == ":" or (toks[j].norm in _CUE_RIGHT_WORDS and j + 1 < hi and _is_word(toks[j + 1]))):
        return j + 1
    if (j < hi and toks[j].norm in _CUE_RIGHT_NOT_SAY and j + 1 < hi and _is_word(toks[j + 1])
            and toks[j - 1].norm not in _SAY_FORMS):
        return j + 1  # "warned of", "boasted of", "railed against" (but "said of" stays "said")
    if (j + 2 < hi and toks[j].norm == "in" and toks[j + 1].norm in ("a", "an", "the", "his", "her", "their", "its")
            and toks[j + 2].norm in _CUE_IN_NOUNS):
        return j + 3
    return j


def _cue_tail_is_content(art: _Article, a: int, hi: int) -> bool:
    """Whether the tokens after the cue (from ``a``) carry the reported content."""
    if art.doc._count_words(a, hi) == 0:
        return False
    prefix = art.doc._word_prefix
    first_word = art.toks[bisect.bisect_right(prefix, prefix[a]) - 1]  # the first word from a
    if art.first_at("content_mark", a, hi) < hi:
        return True
    if art.toks[a].text in _OPEN_QUOTES:
        return True
    first = art.toks[a].norm
    if first == ",":
        return art.doc._count_words(a, hi) > 3 and first_word.norm not in _GERUNDS_PREP
    return first not in _LEAD_PREP or art.doc._count_words(a, hi) > 8


def _boundary_commas(art: _Article, lo: int, hi: int, cue_starts: set[int]) -> list[int]:
    """The commas of the sentence ``lo:hi`` where a preposed content ends (see
    :func:`_next_boundary`), in order: found once per sentence, not once per cue."""
    toks = art.toks
    out = []
    for i in art.positions("comma", lo, hi - 1):
        if toks[i + 1].norm in _GERUNDS_FOLLOW and (i + 1) in cue_starts:
            out.append(i)
        elif toks[i + 1].norm in ("and", "but") and any(j in cue_starts for j in range(i + 3, min(i + 6, hi))):
            out.append(i)
    return out


def _next_boundary(boundaries: list[int], a: int, hi: int) -> int:
    """Token where a preposed content ends: sentence end, ``, adding ...`` or a coordinated
    clause with a cue of its own (``, and he said ...``, ``, but the minister insisted ...``);
    ``boundaries`` from :func:`_boundary_commas` for the sentence."""
    k = bisect.bisect_left(boundaries, a)
    return boundaries[k] if k < len(boundaries) else hi


def _channel_after(art: _Article, a: int, hi: int) -> str | None:
    """An outlet or platform named after the cue: told Anadolu / on X / interview with AFP."""
    toks = art.toks
    # up to "that", ":" or an opening quote; only the tokens that may name a channel are looked at
    for i in art.positions("channel", a + 1, art.first_at("channel_stop", a, hi)):
        t = toks[i]
        h = art.src_hit_at.get(i)
        if h is not None and any(art.cfg.entries[k].get("class") == "platform" for k in h.keys):
            if toks[i - 1].norm in ("on", "via", "to"):
                return art.text[h.start : h.end]
        if t.norm == "with" and toks[i - 1].norm in _CHANNEL_NOUNS:
            sr = art.source_right(i + 1, hi)
            if sr and _is_cap(toks[sr[0]]):
                return art.text[toks[sr[0]].start : toks[sr[1] - 1].end]
    return None


def _told_object(art: _Article, m: PhraseMatch, hi: int) -> tuple[int, str | None]:
    """Skip the object of tell-like cues; return (next token, channel)."""
    i = m.tok_end
    if art.toks[m.tok_start].norm not in _TELL_LIKE:
        return i, None
    if i < hi and art.toks[i].norm in _QUESTION_OPENERS:
        return i, None  # "was asked if Mali would return": the question, not the one asked
    sr = art.source_right(i, hi)
    if sr is None:
        return i, None
    a, b = sr
    words = [t for t in art.toks[a:b] if _is_word(t)]
    if len(words) > 6:
        return i, None
    obj = art.text[art.toks[a].start : art.toks[b - 1].end]
    channel = obj if words and _is_cap(words[0]) and words[0].norm not in _GENERIC_AUDIENCE else None
    return b, channel


def _find_relations(art: _Article) -> list[_Draft]:
    cfg = art.cfg
    toks = art.toks
    drafts: list[_Draft] = []
    # the cues of the whole document in one pass, then sentence by sentence
    doc_cues = cfg.verb_matcher.find(toks)
    art.verb_hits = doc_cues
    cue_tok_starts = [c.tok_start for c in doc_cues]
    for s in art.doc.sentences:
        if s.part == "title" and s.tok_end - s.tok_start < 3:
            continue
        lo, hi = s.tok_start, s.tok_end
        cues = cfg.verb_matcher.find_within(toks, doc_cues, cue_tok_starts, lo, hi)
        if not cues:
            continue  # no reporting verb: nothing to attribute in this sentence
        # a colon counts only as "Name: words" at the start of a line (at most one per sentence)
        colons = [c for c in cues if cfg.entries[c.keys[0]].get("pos") == "colon"]
        cues = [c for c in cues if cfg.entries[c.keys[0]].get("pos") != "colon"]
        if colons and not cues:
            cues = colons[:1]
        cue_starts = {c.tok_start for c in cues}
        boundaries: list[int] | None = None  # see _boundary_commas
        anon = art.anonymity_marked(s)
        prev_in_sentence: _Draft | None = None
        absorbed: set[int] = set()  # "saying" in "was quoted as saying": part of the cue before it
        for m in cues:
            if m.tok_start in absorbed:
                continue
            entry = cfg.entries[m.keys[0]]
            if art.quote_containing(m.start) is not None:
                continue  # a cue inside quoted words: PolNeAR does not annotate nested attributions
            if (_is_cap(toks[m.tok_start]) and m.tok_start > lo and toks[m.tok_start - 1].text not in _OPEN_QUOTES
                    and not (entry.id in _TITLE_CUES and _title_case(toks, lo, hi))):
                continue  # "United States", "Islamic State": a name, not a verb (but "Clinton Says ..." in a headline)
            if m.tok_start > lo and toks[m.tok_start - 1].text in ("-", "‐", "‑", "–"):
                continue  # "so-called", "self-described": part of a compound word
            if (m.tok_start > lo and toks[m.tok_start - 1].norm == "to" and entry.get("pos") != "prep"
                    and not _went_on_to(toks, m.tok_start, lo)):
                continue  # "declined to say", "wants to endorse": an infinitive, not a report
            if entry.id == "rv.call" and _naming_call(toks, m, lo, hi):
                continue  # "a group called X", "phone calls", "called off the deal"
            if m.tok_start > lo and toks[m.tok_start - 1].norm in _NOUN_BEFORE and entry.get("pos") not in ("prep", "colon"):
                continue  # "the state", "his remarks", "a report": a noun, not a cue
            if entry.get("class") == "belief" and (
                art.quote_containing(m.start) is not None or (m.tok_start > lo and toks[m.tok_start - 1].norm == "to")
            ):
                continue  # "I think" inside a quote, "wants to know": not reported as an attribution
            if (entry.get("class") == "belief" and prev_in_sentence is not None
                    and prev_in_sentence.content[0] <= m.start < prev_in_sentence.content[1]):
                continue  # "Experts said France wants uranium": a belief inside reported words
            if entry.get("class") == "belief" and any(
                c.start > m.start and cfg.entries[c.keys[0]].get("class") != "belief" for c in cues
            ):
                continue  # "Bamako sees Moscow as a partner, the minister said": same
            cue_tok0, passive = _cue_with_aux(art, m, lo)
            if not passive and _reduced_passive(toks, m, lo, hi):
                passive = True  # "attacks blamed on Al-Qaeda": the attacks are not the speaker
            # "Diop was adamant that", "is wary of": an adjective after "be", not a passive;
            # "Diop was quoted as saying": the subject is the speaker
            as_saying = m.tok_end + 1 < hi and toks[m.tok_end].norm == "as" and toks[m.tok_end + 1].norm in _GERUNDS_FOLLOW
            if as_saying:
                absorbed.add(m.tok_end + 1)
            if entry.get("copular") or as_saying:
                passive = False
            before = cue_tok0
            while before > lo and toks[before - 1].norm in _ADV_BE:
                before -= 1
            d: _Draft | None = None
            if entry.get("pos") == "colon":
                # "Ben Carson: Clinton 'not fit to serve'": a speaker's name and a colon at the start of a line
                d = _colon_speaker(art, m, lo, hi, s)
                if d is not None:
                    d.anonymous_marker = anon
                    drafts.append(d)
                    prev_in_sentence = d
                continue
            if toks[m.tok_start].norm == "asked" and m.tok_end < hi and (
                m.tok_start == lo or toks[m.tok_start - 1].norm in _ASKED_LEAD
            ):
                # "Asked about X, he said ...", "when asked if ...": the question is the content
                seg = _first_segment_end(art, m.tok_end, hi)
                q0 = _cue_end_tok(art, m, seg)  # "Asked about X": the cue is "Asked about"
                if seg > q0 and art.doc._count_words(q0, seg) > 0:
                    d = _Draft(None, m, (toks[q0].start, toks[seg - 1].end), "asked", s.index)
                    d.channel = _channel_after(art, m.tok_end, seg)
                    d.anonymous_marker = anon
                    drafts.append(d)
                    continue
            if entry.get("pos") == "prep":  # according to
                src = art.source_right(m.tok_end, hi)
                if src is None:
                    continue
                # content on the other side
                k = src[1]
                if k < hi and toks[k].norm == ",":
                    k += 1
                if art.doc._count_words(lo, before) <= 1:
                    c0, c1 = (toks[k].start if k < hi else s.end), s.end
                else:
                    c0, c1 = s.start, toks[before - 1].end
                    if k < hi and art.doc._count_words(k, hi) > 0 and toks[src[1]].norm == "," and not _appos_start(toks[k]):
                        c1 = s.end  # "X, according to Y, Z." -> both sides
                    else:
                        src = art.source_to_end(m.tok_end, hi) or src  # "..., according to a poll released Monday by X"
                d = _Draft(src, m, (c0, c1), "according_to", s.index)
            else:
                obj_end, _obj_channel = _told_object(art, m, hi)
                tail_content = _cue_tail_is_content(art, obj_end, hi)
                if tail_content and entry.get("clause_only") and not (
                        toks[obj_end].norm in ("that", ":", ",") or toks[obj_end].text in _OPEN_QUOTES):
                    tail_content = False  # "maintaining strong relations with X" reports nothing
                if (not tail_content and obj_end + 1 < hi and toks[obj_end].norm == "to"
                        and _is_word(toks[obj_end + 1]) and (entry.get("class") == "belief" or entry.id in _TO_CONTENT)):
                    tail_content = True  # "appears to be slipping", "declined to comment", "vowed to fight"
                if not tail_content and entry.get("copular") and art.doc._count_words(obj_end, hi) > 0:
                    tail_content = True  # "was outraged by the deal"
                prev = toks[before - 1] if before > lo else None
                seg_end = _first_segment_end(art, m.tok_end, hi)
                inverted = prev is not None and (prev.norm == "," or prev.text in _CLOSE_QUOTES) and not (
                    art.first_at("content_mark", m.tok_end, seg_end) < seg_end
                ) and 0 < _first_segment_words(art, m.tok_end, hi) <= 10
                if inverted and toks[m.tok_start].norm.endswith("ing"):
                    inverted = False  # ", urging his parishioners to ...": a participle, not "said X"
                if inverted and prev is not None and prev.norm == "," and art.source_appos_left(before, lo) is not None:
                    inverted = False  # "X, the minister, said the talks went well"
                paren_src = _paren_subject(art, before, lo) if prev is not None and prev.norm == "," else None
                if inverted and paren_src is not None:
                    inverted = False  # "Diop, speaking to reporters, said ...", "The minister, however, said ..."
                if inverted:  # "“...,” said the official."
                    src = art.source_to_end(m.tok_end, hi)
                    cont = _content_before(art, before, lo, s.start)
                    if cont is not None:
                        d = _Draft(src, m, cont, "inverted", s.index)
                if d is None:
                    src = art.source_left_np(before, lo)
                    if (src is None and before - 1 > lo and toks[before - 1].norm == ","
                            and not toks[m.tok_start].norm.endswith("ing")):
                        # (not for ", saying": "On Sunday, Trump echoed X, saying" is no apposition)
                        src = art.source_appos_left(before, lo)
                    if src is None and before - 1 > lo and toks[before - 1].norm in ("—", "–", "--"):
                        src = _source_dash_left(art, before, lo)
                    if src is None and paren_src is not None:
                        src = paren_src
                    subject = None
                    if (src is None and prev_in_sentence is None and toks[m.tok_start].norm.endswith("ing")
                            and before - 1 > lo and toks[before - 1].norm == ","):
                        # "Rubio pushed back on Thursday, saying that ...": the subject of the sentence
                        subject = _sentence_subject(art, lo, before - 1)
                    src_lo = src[0] if src else before
                    pre = toks[src_lo - 1] if src_lo > lo else None
                    if subject is not None:
                        src = subject
                    gerund = toks[m.tok_start].norm in _GERUNDS_FOLLOW or (
                        toks[m.tok_start].norm.endswith("ing") and before > lo and toks[before - 1].norm == ",")
                    if gerund and src is None and prev_in_sentence is not None:
                        # "..., adding that ..." -> same source as the previous cue
                        start_tok, _ch = _told_object(art, m, hi)
                        c0 = toks[start_tok].start if start_tok < hi else s.end
                        d = _Draft(prev_in_sentence.source, m, (c0, s.end), "gerund", s.index)
                        d.pronoun_of = prev_in_sentence
                    elif pre is not None and (pre.norm == "," or pre.text in _CLOSE_QUOTES) and not tail_content:
                        cont = _content_before(art, src_lo, lo, s.start)
                        if cont is not None:
                            d = _Draft(src, m, cont, "postposed", s.index)
                    agent = _by_agent(art, m.tok_end, hi) if d is None and passive else None
                    if agent is not None:
                        # "The plan was criticised by the minister": the agent is the source; the
                        # content is what follows it, or else the subject
                        k = agent[1]
                        if k < hi and toks[k].norm in _AGENT_THEN and art.doc._count_words(k, hi) > 1:
                            cont = _trim_chars(art.text, toks[k].start, s.end)  # "accused by X of lying"
                        elif src is not None:
                            cont = (toks[src[0]].start, toks[src[1] - 1].end)
                        else:
                            cont = (0, 0)
                        if cont[1] > cont[0]:
                            d = _Draft(agent, m, cont, "passive_by", s.index)
                            passive = False
                    if d is None and (tail_content or passive):
                        start_tok, channel = _told_object(art, m, hi)
                        if as_saying and start_tok == m.tok_end:
                            start_tok += 2
                        while start_tok < hi and toks[start_tok].norm in (",", ":"):
                            start_tok += 1
                        if boundaries is None:
                            boundaries = _boundary_commas(art, lo, hi, cue_starts)
                        end_tok = _next_boundary(boundaries, start_tok, hi)
                        if start_tok < end_tok:
                            c0 = toks[start_tok].start
                            c1 = toks[end_tok - 1].end if end_tok < hi else s.end
                            q = art.quote_containing(c1 - 1) or (
                                art.quote_opening_at(start_tok) if start_tok < hi else None
                            )
                            if q is not None and q.end > c1:
                                c1 = q.end
                            d = _Draft(src, m, (c0, c1), "preposed", s.index, channel=channel)
                    if d is None and src is not None and pre is None and not tail_content:
                        # "He said." after a quote in the previous sentence (same paragraph)
                        cont = _content_before(art, src_lo, lo, s.start, look_back=True)
                        if cont is not None:
                            d = _Draft(src, m, cont, "postposed", s.index)
            if (d is not None and d.source is None and d.rule == "preposed" and before - 1 > lo
                    and toks[before - 1].norm in ("who", "which")):
                # "Thomas Perez, who said he expects ...": PolNeAR marks the relative pronoun as
                # the source; the antecedent resolves it like a pronoun
                d.source = (before - 1, before)
                k = before - 1
                if toks[k - 1].norm == ",":
                    k -= 1
                ante = art.source_left(k, lo)
                if ante is not None and ante[0] - 1 > lo and toks[ante[0] - 1].norm == ")":
                    # "the Economic Community of West African States (ECOWAS) regional bloc which"
                    named = art.source_left(ante[0], lo)
                    if named is not None:
                        ante = (named[0], ante[1])
                if ante is not None:
                    d.extra["antecedent"] = ante
            if d is not None and d.source is None and d.rule == "preposed" and before > lo:
                w = toks[before - 1].norm
                if w in ("and", "but") and prev_in_sentence is not None and prev_in_sentence.source is not None:
                    # "X noted that ... and added: ...": the subject of the first verb
                    d.source = prev_in_sentence.source
                    d.pronoun_of = prev_in_sentence
                elif w in ("and", "but") and prev_in_sentence is None:
                    # "McConnell was quick to embrace him and said ...": the subject of the sentence
                    d.source = _sentence_subject(art, lo, before - 1)
            # a cue with reported words but no source found is kept (source_type "unfound"),
            # unless another cue follows in the sentence ("Pointing to X, he said: ...")
            if (d is not None and d.source is None and not passive and d.rule == "preposed"
                    and any(c.start > m.start for c in cues)):
                continue
            if d is None or (d.source is None and not passive and d.rule == "postposed"):
                continue
            if entry.get("requires_source") == "document" and not _is_document_source(
                    art, d.source if d.source is not None and d.source[0] > m.tok_start else (lo, m.tok_start)):
                continue  # "polls show" / "the study found", but not "a TV show", "he found
            if d.source is not None and all(
                    t.norm in _NOT_A_SOURCE or not _is_word(t) for t in toks[d.source[0] : d.source[1]]):
                d.source = None  # "As promised", "And, telling ...", "The promised wall": no speaker
            # "Carson appears to be slipping", "Clinton was expected to win", "he was accused of",
            # "X was asked": the subject is not a speaker (PolNeAR: no source; train: 20 of 28
            # "was asked")
            d.passive = passive or bool(entry.get("agentless"))
            if d.passive:
                d.source = None
            ch = _channel_after(art, m.tok_end, hi)
            if d.channel is None:
                d.channel = ch
            d.anonymous_marker = anon
            drafts.append(d)
            prev_in_sentence = d
    return drafts


_LEARNED = Entry(
    id="rv.learned", terms=(),
    fields={
        "class": "unlisted",
        "explanation": "A cue the reporting-verb lexicon does not list, proposed by the learned cue model "
                       "(lexicons/cue_model.json); it says nothing about the writer's tone.",
        "source": "cue_model",
    },
    line=0, source_file="cue_model.json",
)


def _learned_context(art: _Article, drafts: Sequence[_Draft]) -> tuple[set[int], list[list[str]]]:
    """Tokens of the rules' cues (``taken``) and each token's context flags for the cue model."""
    toks = art.toks
    n = len(toks)
    starts = [t.start for t in toks]
    taken: set[int] = set()
    flags: list[list[str]] = [[] for _ in range(n)]
    cue_sents: set[int] = set()
    for d in drafts:
        if d.cue is not None and d.sentence is not None:
            s = art.doc.sentences[d.sentence]
            t0, _p = _cue_with_aux(art, d.cue, s.tok_start)
            taken.update(range(t0, _cue_end_tok(art, d.cue, s.tok_end)))
            cue_sents.add(d.sentence)
        if d.rule != "scare":
            for i in range(bisect.bisect_left(starts, d.content[0]), bisect.bisect_left(starts, d.content[1])):
                if "inc" not in flags[i]:
                    flags[i].append("inc")
    for h in art.verb_hits:
        flags[h.tok_start].append("lex")
    _quote_flags(art, flags, starts, cue_sents)
    return taken, flags


def _quote_flags(art: _Article, flags: list[list[str]], starts: Sequence[int], cue_sents: set[int],
                 title: bool = False) -> None:
    """Add the per-token flags the learned cue models share: ``inq`` (inside a quotation),
    ``sq`` (in a sentence with a quotation), ``sc`` (in a sentence with a rule cue) and,
    with ``title``, ``title`` (in the headline)."""
    quoted = [False] * len(flags)
    for q in art.quotes:
        for i in range(bisect.bisect_left(starts, q.start), bisect.bisect_left(starts, q.end)):
            quoted[i] = True
    for s in art.doc.sentences:
        lo, hi = s.tok_start, s.tok_end
        sq = any(quoted[lo:hi])
        for i in range(lo, hi):
            if quoted[i]:
                flags[i].append("inq")
            elif sq:
                flags[i].append("sq")
            if s.index in cue_sents:
                flags[i].append("sc")
            if title and s.part == "title":
                flags[i].append("title")


def _learned_drafts(art: _Article, drafts: Sequence[_Draft], model: CueModel) -> list[_Draft]:
    """Relations for the cues the learned model proposes where the rules found none.

    The source is the noun phrase before the cue (as for a lexicon cue); the
    content is what follows the cue in its sentence, or else what precedes
    the source (a quote or the clause).
    """
    toks = art.toks
    taken, flags = _learned_context(art, drafts)
    out: list[_Draft] = []
    for s in art.doc.sentences:
        lo, hi = s.tok_start, s.tok_end
        if s.part == "title" and hi - lo < 3:
            continue
        props = model.propose(toks, lo, hi, flags=flags[lo:hi], taken=taken)
        for t0, t1, _p in props:
            d = _learned_draft(art, s, t0, t1)
            if d is not None:
                out.append(d)
                taken.update(range(t0, t1))
    return out


def _learned_draft(art: _Article, s: Sentence, t0: int, t1: int) -> _Draft | None:
    """The relation of a learned cue at tokens ``t0:t1`` of sentence ``s`` (None: no content found)."""
    toks = art.toks
    lo, hi = s.tok_start, s.tok_end
    m = PhraseMatch(toks[t0].start, toks[t1 - 1].end, t0, t1, (_LEARNED.id,), art.text[toks[t0].start : toks[t1 - 1].end])
    before = t0
    while before > lo and toks[before - 1].norm in _ADV_BE:
        before -= 1
    prev = toks[before - 1].norm if before > lo else ""
    src: tuple[int, int] | None
    if prev in POSSESSIVES:
        src = (before - 1, before)  # "his support for", "their plans"
    elif prev in ("'s", "’s"):
        j = before - 1  # "Trump's plans": the name before the possessive
        while j > lo and _is_word(toks[j - 1]) and _is_cap(toks[j - 1]):
            j -= 1
        src = (j, before) if j < before - 1 else None
    elif prev in _DETERMINERS:
        src = None  # "the decision", "a view": a noun with no speaker before it
    else:
        src = art.source_left_np(before, lo)
        if src is None and prev == ",":
            src = art.source_appos_left(before, lo)
    if src is not None and any(t.norm in _BE or t.norm in _AUX for t in toks[src[0] : src[1]]):
        src = None  # "Wagner Group were killed in an attack reportedly ...": a clause, not a speaker
    agentless = t1 - t0 == 1 and _is_ly_adverb(toks[t0])
    if agentless:
        src = None  # "reportedly", "allegedly": nobody is named
    k = t1
    while k < hi and toks[k].norm in (",", ":"):
        k += 1
    cont: tuple[int, int] | None = None
    if k < hi and art.doc._count_words(k, hi) > 0:
        c1 = s.end
        q = art.quote_opening_at(k)
        if q is not None and q.end > c1:
            c1 = q.end
        cont = _trim_chars(art.text, toks[k].start, c1)
    else:
        cont = _content_before(art, src[0] if src else before, lo, s.start)
    if cont is None or cont[1] <= cont[0]:
        return None
    d = _Draft(src, m, cont, "learned", s.index)
    d.passive = agentless
    d.channel = _channel_after(art, t1, hi)
    d.anonymous_marker = art.anonymity_marked(s)
    return d


def _rule_cue_span(art: _Article, d: _Draft) -> tuple[int, int] | None:
    """Token span ``(t0, t1)`` of a rule draft's cue as reported (with its auxiliaries), or None."""
    if d.cue is None or d.sentence is None:
        return None
    s = art.doc.sentences[d.sentence]
    t0, _p = _cue_with_aux(art, d.cue, s.tok_start)
    return t0, _cue_end_tok(art, d.cue, s.tok_end)


def _crf_context(art: _Article, drafts: Sequence[_Draft]) -> list[list[str]]:
    """Each token's context flags for the cue CRF (see :func:`framecmp.measures.attribution.cue_crf.sentence_features`)."""
    toks = art.toks
    n = len(toks)
    starts = [t.start for t in toks]
    flags: list[list[str]] = [[] for _ in range(n)]
    cue_sents: set[int] = set()
    for d in drafts:
        span = _rule_cue_span(art, d)
        if span is not None and d.cue is not None and d.sentence is not None:
            t0, t1 = span
            flags[t0] += ["rB", "rc=" + str(art.cfg.entries[d.cue.keys[0]].get("class"))]
            for i in range(t0 + 1, t1):
                flags[i].append("rI")
            cue_sents.add(d.sentence)
        if d.source is not None and d.rule != "scare":
            for i in range(d.source[0], d.source[1]):
                if "src" not in flags[i]:
                    flags[i].append("src")
        if d.rule != "scare":
            for i in range(bisect.bisect_left(starts, d.content[0]), bisect.bisect_left(starts, d.content[1])):
                if "inc" not in flags[i]:
                    flags[i].append("inc")
    for h in art.verb_hits:
        flags[h.tok_start] += ["lexB", "lc=" + str(art.cfg.entries[h.keys[0]].get("class"))]
        for i in range(h.tok_start + 1, h.tok_end):
            flags[i].append("lexI")
    _quote_flags(art, flags, starts, cue_sents, title=True)
    return flags


def _crf_drafts(art: _Article, drafts: list[_Draft], model: CueCRF) -> list[_Draft]:
    """The rules' relations combined with the cue CRF's tags (see ``CueCRF.mode``).

    A tagged span that overlaps no rule cue gets its own relation (rule
    ``learned``, as for :class:`CueModel` proposals). In mode ``trim`` a rule cue
    that a tagged span overlaps reports the tagged span; in mode ``filter``
    rule cues that no tagged span overlaps are dropped as well; mode ``veto``
    drops those but keeps the rules' spans of the others.
    """
    toks = art.toks
    flags = _crf_context(art, drafts)
    rule_spans = [(d, _rule_cue_span(art, d)) for d in drafts]
    taken: set[int] = set()
    for _d, span in rule_spans:
        if span is not None:
            taken.update(range(*span))
    tagged: list[tuple[Sentence, int, int]] = []
    for s in art.doc.sentences:
        lo, hi = s.tok_start, s.tok_end
        if s.part == "title" and hi - lo < 3:
            continue
        tagged += [(s, t0, t1) for t0, t1 in model.spans(toks, lo, hi, flags[lo:hi])]
    out: list[_Draft] = []
    hit: set[int] = set()
    for s, t0, t1 in tagged:
        over = [d for d, span in rule_spans if span is not None and span[0] < t1 and t0 < span[1]]
        if not over:
            if not taken.intersection(range(t0, t1)):
                nd = _learned_draft(art, s, t0, t1)
                if nd is not None:
                    out.append(nd)
                    taken.update(range(t0, t1))
            continue
        for d in over:
            if id(d) in hit:
                continue
            hit.add(id(d))
            if model.mode in ("trim", "filter"):
                d.extra["cue_tok"] = (t0, t1)
    if model.mode in ("filter", "veto"):
        keep = [d for d, span in rule_spans if span is None or id(d) in hit]
    else:
        keep = list(drafts)
    return keep + out


def _content_before(
    art: _Article, src_lo: int, lo: int, s_start: int, *, look_back: bool = False
) -> tuple[int, int] | None:
    """Content that ends just before a postposed source: a quote or the clause."""
    toks = art.toks
    i = src_lo
    while i > lo and (toks[i - 1].norm == "," or toks[i - 1].text in _CLOSE_QUOTES):
        q = art.quote_closing_at(i - 1)
        if q is not None:
            return (q.start, q.end)
        i -= 1
    if look_back:
        # previous sentence is a quote: “...” He said.
        if lo > 0:
            q = art.quote_closing_at(lo - 1) or art.quote_containing(toks[lo - 1].start)
            if q is not None and art.doc.sentence_at(q.start) is not None:
                return (q.start, q.end)
        return None
    if i <= lo:
        return None
    a = s_start
    q = art.quote_containing(a)
    if q is not None and q.start < a:
        a = q.start
    b = toks[i - 1].end
    a, b = _trim_chars(art.text, a, b)
    return (a, b) if b > a else None


# --------------------------------------------------------------------------- classification


_HEAD_END = frozenset({",", "(", "who", "which", "whose", "—", "–"})


@dataclass(slots=True)
class _Src:
    type: str
    role: str | None = None
    person: str | None = None
    affiliation: str | None = None
    entity: str | None = None


def _classify(art: _Article, d: _Draft, history: list[tuple[int, _Draft, _Src]]) -> _Src:
    toks = art.toks
    if d.source is None:
        # "none": nobody is said to speak (passive, "Asked about X, ..."); "unfound": an
        # active cue whose source the rules did not find
        return _Src("none" if d.passive or d.rule == "asked" else "unfound")
    a, b = d.extra.get("antecedent", d.source)  # "X, who said": classify X
    # "said Steve Smith, a veteran editor who teaches at the University of Idaho": classify the
    # head, up to the first comma, parenthesis or relative pronoun; the modifiers only add a role
    # or an affiliation the head lacks
    hb = next((k for k in range(a + 1, b) if toks[k].norm in _HEAD_END), b)
    if hb < b and any(_is_word(t) for t in toks[a:hb]):
        got = _classify_range(art, d, a, hb, history)
        if got.role is None or got.affiliation is None:
            full = _classify_range(art, d, a, b, history)
            got.role = got.role or full.role
            got.affiliation = got.affiliation or full.affiliation
        return got
    return _classify_range(art, d, a, b, history)


#: words that open a participle clause whose subject is the main clause's ("after accusing")
_PARTICIPLE_OPENERS = frozenset({"after", "before", "while", "when", "since", "by", "without", "upon"})


def _participle_subject(art: _Article, d: _Draft) -> tuple[int, int] | None:
    """The source of a cue in a participle clause with no subject of its own: the actor that
    opens the sentence ("Mali last month cut ties with Ukraine after accusing Kiev of ...")."""
    assert d.cue is not None
    t = d.cue.tok_start
    if not art.toks[t].norm.endswith("ing") or t == 0 or d.sentence is None:
        return None
    prev = art.toks[t - 1].norm
    if prev not in _PARTICIPLE_OPENERS and prev != ",":
        return None
    sent = art.doc.sentences[d.sentence]
    first = next((m for m in art.mentions if sent.start <= m.start < sent.end), None)
    if first is None or first.end > art.toks[t].start:
        return None
    m0 = art.doc.token_index(first.start)
    # the actor opens the sentence, or follows an opening phrase set off by a comma
    # ("Notably, Mali ...", "In July, Mali ..."); otherwise no guess
    if m0 != sent.tok_start and art.toks[m0 - 1].norm != ",":
        return None
    return m0, art.doc.token_index(first.end)


#: "they"/"it" take a source of an earlier attribution as their antecedent only this many
#: sentences back ("he"/"she" reach further: a quoted official goes on for paragraphs)
_GROUP_PRONOUN_REACH = 1

_HONORIFICS = frozenset({"mr", "mrs", "ms", "mme", "dr", "sen", "rep", "gov", "prof", "sir", "dame"})

_VIA_RANK = {"person": 0, "name": 1, "alias": 1, "demonym": 2, "metonym": 3}


#: possessives that point back to someone named before ("his country", "their government")
_THIRD_PERSON_POSSESSIVES = POSSESSIVES - {"our", "my", "your"}


def _possessor_affiliation(
    art: _Article, history: list[tuple[int, _Draft, _Src]], at: int
) -> str | None:
    """The actor of the nearest earlier speaker or person mention (for "his country")."""
    src_pos = next(((pos, src) for pos, _d, src in reversed(history) if src.affiliation and pos < at), None)
    mention = next((m for m in reversed(art.mentions) if m.via == "person" and m.start < at), None)
    if mention is not None and (src_pos is None or mention.start > src_pos[0]):
        return mention.actor
    return src_pos[1].affiliation if src_pos is not None else None


def _person_with_role(art: _Article, source_words: set[str], at: int, *,
                      actor: str | None = None) -> Mention | None:
    """The person a bare role title stands for: the last person mention before ``at`` whose
    role (``actors.yaml``) has all its words in the source ("the prime minister", "the
    Minister of Foreign Affairs" for a "foreign minister"); in a headline, the first such
    mention of the article, since the headline comes before the name."""
    if not art.people_roles:
        return None
    # what a scan of art.mentions for the fitting people gives, looked up by role (the
    # roles are a handful; an article may have thousands of mentions and of cues)
    title = art.doc.part_at(at) == "title"
    best: tuple[int, Mention] | None = None
    for (words, who), (positions, starts) in art.people_by_role().items():
        if (actor is not None and who != actor) or not words <= source_words:
            continue
        if title:
            k = 0
        else:
            k = bisect.bisect_left(starts, at) - 1
            if k < 0:
                continue
        cand = positions[k]
        if best is None or (cand < best[0] if title else cand > best[0]):
            best = (cand, art.mentions[cand])
    return best[1] if best is not None else None


def _classify_range(
    art: _Article, d: _Draft, a: int, b: int, history: list[tuple[int, _Draft, _Src]]
) -> _Src:
    toks = art.toks
    words = [t for t in toks[a:b] if _is_word(t)]
    if not words:
        return _Src("none")
    cs, ce = toks[a].start, toks[b - 1].end
    p = _OBJECT_PRONOUNS.get(words[0].norm, words[0].norm) if len(words) == 1 else ""
    if p in _PRONOUNS:
        if p in ("it", "there") and d.passive:
            return _Src("none")
        # antecedent: last quoted source or last person mention before the cue
        ante: tuple[int, _Src] | None = None
        ante_content: tuple[int, int] = (0, 0)
        for pos, _dd, src in reversed(history):
            if src.type in ("none", "unfound"):
                continue
            if (p not in _PERSON_PRONOUNS and d.sentence is not None and _dd.sentence is not None
                    and d.sentence - _dd.sentence > _GROUP_PRONOUN_REACH):
                break  # "they"/"it": a group or institution named a while ago is not it
            if p in _PERSON_PRONOUNS and src.type not in ("person", "anonymous"):
                continue
            if p == "it" and src.type not in ("institution", "document"):
                continue
            ante = (pos, src)
            ante_content = _dd.content
            break
        if p in _PERSON_PRONOUNS:
            for m in reversed(art.mentions):
                if m.start < cs and m.via == "person":
                    # a person named inside what the last speaker said is not who "he" is:
                    # "Camara reiterated ... under President Goita. He stressed ..." is Camara
                    spoken_of = ante_content[0] <= m.start < ante_content[1]
                    if ante is None or (m.start > ante[0] and not spoken_of):
                        return _Src("person", None, m.person, m.actor, f"p:{m.person}")
                    break
        if ante is not None:
            s = ante[1]
            return _Src(s.type, s.role, s.person, s.affiliation, s.entity)
        if p == "they":
            return _Src("unfound")  # a group the rules could not name: not an anonymous source
        return _Src("person" if p in _PERSON_PRONOUNS else "institution" if p == "it" else "anonymous")
    inside = art.mentions_within(cs, ce)
    if "antecedent" in d.extra:
        # a mention the antecedent run cuts into counts too ("[Economic Community of] West
        # African States (ECOWAS) regional bloc, which ...")
        inside = [m for m in art.mentions if m.start < cs < m.end] + list(inside)
    persons = [m for m in inside if m.via == "person"]
    # the first mention of the best kind; for a relative pronoun's antecedent the last one, next
    # to the pronoun ("Mali left ECOWAS, which had threatened ...": ECOWAS threatened)
    last = -1 if "antecedent" in d.extra else 1
    ranked = sorted(inside, key=lambda m: (_VIA_RANK[m.via], last * m.start))
    affiliation = ranked[0].actor if ranked else None
    if ranked and ranked[0].via == "demonym" and words[-1].norm in RULED_BY_DEMONYM:
        affiliation = None  # "the former French colonies" are not France
    classes: dict[str, str] = {}
    hits_inside = art.src_hits_within(cs, ce)
    for h in hits_inside:
        for k in h.keys:
            classes.setdefault(art.cfg.entries[k].get("class"), art.text[h.start : h.end])
    role = classes.get("role")
    head = words[-1].norm
    if persons:
        m = persons[-1]
        return _Src("person", role, m.person, m.actor, f"p:{m.person}")
    if "document" in classes and head == classes["document"].split()[-1].lower():
        return _Src("document", None, None, affiliation, f"d:{head}")
    first = words[0].norm
    named = [t for t in words if _is_cap(t) and not any(
        m.start <= t.start < m.end for m in inside) and t.norm not in _DETERMINERS
        and not (t is words[0] and t.norm in _INDEFINITE)]
    in_lex = {i for h in hits_inside for i in range(h.tok_start, h.tok_end)}
    named = [t for t in named if art.doc.token_index(t.start) not in in_lex]
    role_words = set(classes.get("role", "").lower().split())
    named = [t for t in named if t.norm not in role_words]
    if "collective" in classes and not named:
        return _Src("anonymous", role, None, affiliation, f"h:{head}")
    if "role" in classes:
        if first == "the" or (not named and first not in _INDEFINITE) or art.doc.part_at(cs) == "title":
            # "The French president" is Macron, not the Russian president named since: a
            # nationality in the phrase must be the person's own
            known = _person_with_role(art, {t.norm for t in words}, cs, actor=affiliation)
            if known is not None:  # "the prime minister" after "Prime Minister Choguel Maiga"
                return _Src("person", role, known.person, known.actor, f"p:{known.person}")
        if named and head not in role_words:
            return _Src("person", role, None, affiliation, f"n:{' '.join(t.norm for t in named)}")
        if first in _INDEFINITE or (head.endswith("s") and head not in role_words) or head.endswith("officials"):
            return _Src("anonymous", role, None, affiliation, f"h:{head}")
        return _Src("person", role, None, affiliation, f"h:{head}")
    if "institution" in classes:
        if affiliation is None and first in _THIRD_PERSON_POSSESSIVES:
            # "his country", "their government": the country of the one "his" points to
            affiliation = _possessor_affiliation(art, history, cs)
        return _Src("institution", None, None, affiliation, f"i:{head}")
    if ranked and not named:
        return _Src("institution", None, None, affiliation, f"a:{affiliation}")
    if named:
        # a long run of capitalised words is an organisation's name, unless honorifics show
        # people ("Mrs. Clinton and Ms. Warren")
        people = len(named) <= 3 or any(t.norm.rstrip(".") in _HONORIFICS for t in words)
        return _Src("person" if people else "institution", role, None, affiliation,
                    f"n:{' '.join(t.norm for t in named)}")
    if "document" in classes:
        return _Src("document", None, None, affiliation, f"d:{head}")
    return _Src("anonymous", role, None, affiliation, f"h:{head}")


# --------------------------------------------------------------------------- main entry


def extract_attributions(
    doc: Doc,
    *,
    config: AttributionConfig,
    mentions: Sequence[Mention] = (),
    people_roles: Mapping[str, str] | None = None,
) -> AttributionResult:
    """Find attribution relations, sources, cues, hedges and the style summary.

    Parameters
    ----------
    doc : Doc
        From :func:`framecmp.text.doc.analyze`.
    config : AttributionConfig
        From :func:`load_attribution_config`.
    mentions : sequence of Mention
        From :func:`framecmp.measures.actors.find_mentions`, for affiliations and
        pronoun resolution. Without them affiliations stay None.
    people_roles : mapping, optional
        Full name -> role, used as ``role`` for known people (e.g. built
        from an ActorIndex).

    Returns
    -------
    AttributionResult
    """
    if not isinstance(config, AttributionConfig):
        raise TypeError(
            "The 'config' parameter of extract_attributions() must be an AttributionConfig "
            f"(from load_attribution_config()). Got {type(config).__name__} instead."
        )
    art = _Article(doc, config, mentions)
    art.people_roles = dict(people_roles or {})
    drafts = _find_relations(art)
    if isinstance(config.cue_model, CueCRF):
        drafts = _crf_drafts(art, drafts, config.cue_model)
    elif config.cue_model is not None:
        drafts += _learned_drafts(art, drafts, config.cue_model)
    # continuation quotes and scare quotes
    is_covered = SpanCover([(d.content[0], d.content[1]) for d in drafts]).nested

    par_of_quote = {id(q): q.paragraph for q in art.quotes}
    direct_drafts: list[tuple[int, _Draft]] = []
    for d in drafts:
        q = art.quote_containing(d.content[0])
        if q is not None and q.start == d.content[0]:
            direct_drafts.append((q.paragraph, d))
    extra: list[_Draft] = []
    for q in art.quotes:
        if is_covered(q):
            continue
        nw = doc._count_words(doc.token_index(q.start), doc.token_index(q.end))
        if nw == 0:
            continue
        prior = [d for p, d in direct_drafts if par_of_quote[id(q)] - config.continuation_paragraphs <= p <= par_of_quote[id(q)] and d.content[1] <= q.start]
        starts_sentence = _any_between(art.sent_starts, q.open_start - 1, q.start)
        if nw > config.scare_max_words and prior and starts_sentence:
            d0 = prior[-1]
            sent = doc.sentence_at(q.start)
            nd = _Draft(d0.source, None, (q.start, q.end), "continuation",
                        sent.index if sent else None, channel=d0.channel)
            nd.pronoun_of = d0
            nd.anonymous_marker = d0.anonymous_marker
            extra.append(nd)
        elif nw <= config.scare_max_words:
            sent = doc.sentence_at(q.start)
            extra.append(_Draft(None, None, (q.start, q.end), "scare", sent.index if sent else None))
    drafts += extra
    drafts.sort(key=lambda d: (d.cue.start if d.cue is not None else d.content[0]))
    for d in drafts:
        if d.source is None and d.cue is not None and not d.passive:
            d.source = _participle_subject(art, d)
    # classify with history (pronouns)
    history: list[tuple[int, _Draft, _Src]] = []
    srcs: dict[int, _Src] = {}
    for d in drafts:
        if d.rule == "scare":
            src = _Src("none")
        elif d.pronoun_of is not None and id(d.pronoun_of) in srcs:
            src = srcs[id(d.pronoun_of)]
        else:
            src = _classify(art, d, history)
        if src.entity and src.entity.startswith("h:") and (src.affiliation is None or src.role is None):
            for _pos, _d, prev in reversed(history):
                if prev.entity == src.entity:
                    src = _Src(src.type, src.role or prev.role, src.person, src.affiliation or prev.affiliation, src.entity)
                    break
        srcs[id(d)] = src
        if d.source is not None:
            history.append((art.toks[d.source[0]].start, d, src))
    # anonymity propagates over an entity ("A senior official told ..."; "the official said on condition of anonymity")
    anon_entities = {srcs[id(d)].entity for d in drafts if d.anonymous_marker and srcs[id(d)].entity}
    hedge_hits = config.hedge_matcher.find(doc.tokens)
    hedge_ev = tuple(
        Evidence(
            kind="hedge", start=h.start, end=h.end, text=doc.text[h.start : h.end],
            label=h.phrase, category=config.entries[h.keys[0]].get("class"),
            rule_id=h.keys[0], lexicon_version=config.hedges.version,
            explanation=config.entries[h.keys[0]].get("explanation"),
            part=doc.part_at(h.start), sentence=_sent_index(doc, h.start),
        )
        for h in hedge_hits
    )
    hedge_sents = {e.sentence for e in hedge_ev}
    out: list[Attribution] = []
    evidence: list[Evidence] = []
    for d in sorted(drafts, key=lambda d: d.content[0]):
        src = srcs[id(d)]
        stype = src.type
        if stype != "none" and (d.anonymous_marker or (src.entity in anon_entities)):
            stype = "anonymous"
        c0, c1 = d.content
        c0, c1 = _trim_chars(doc.text, c0, c1)
        if c1 <= c0:
            continue
        nwords = doc._count_words(doc.token_index(c0), doc.token_index(c1))
        if d.rule == "scare":
            qtype = "scare"
        else:
            inner = art.quotes_around(c0, c1)
            qchars = sum(q.end - q.start for q in inner)
            if inner and qchars >= 0.8 * (c1 - c0):
                qtype = "direct"
            elif inner:
                qtype = "partial"
            else:
                qtype = "indirect"
        role = src.role
        if src.person and people_roles and src.person in people_roles and not role:
            role = people_roles[src.person]
        cue = d.cue
        entry = config.entries[cue.keys[0]] if cue is not None else None
        if cue is not None and d.rule == "learned":
            cue_start, cue_end = cue.start, cue.end  # the model's span as proposed
        elif cue is not None and "cue_tok" in d.extra:
            cue_start, cue_end = art.toks[d.extra["cue_tok"][0]].start, art.toks[d.extra["cue_tok"][1] - 1].end
        elif cue is not None:
            sent_obj = doc.sentences[d.sentence] if d.sentence is not None else None
            cue_tok0, _p = _cue_with_aux(art, cue, sent_obj.tok_start if sent_obj is not None else 0)
            cue_start = art.toks[cue_tok0].start
            cue_tok1 = _cue_end_tok(art, cue, sent_obj.tok_end if sent_obj is not None else len(art.toks))
            cue_end = art.toks[cue_tok1 - 1].end
        sstart = art.toks[d.source[0]].start if d.source else None
        send = art.toks[d.source[1] - 1].end if d.source else None
        att = Attribution(
            id=f"a{len(out) + 1}",
            source=doc.text[sstart:send] if sstart is not None and send is not None else None,
            source_start=sstart, source_end=send, source_type=stype, role=role,
            person=src.person, channel=d.channel, affiliation=src.affiliation,
            cue=doc.text[cue_start:cue_end] if cue is not None else None,
            cue_start=cue_start if cue is not None else None,
            cue_end=cue_end if cue is not None else None,
            cue_class=entry.get("class") if entry is not None else None,
            cue_id=entry.id if entry is not None else None,
            quote_type=qtype, content_start=c0, content_end=c1, content_words=nwords,
            hedged=d.sentence in hedge_sents, sentence=d.sentence, rule=d.rule,
        )
        out.append(att)
        holder = att.affiliation or "unknown"
        if cue is not None and entry is not None and d.rule == "learned":
            evidence.append(Evidence(
                kind="cue", start=cue.start, end=cue.end, text=doc.text[cue.start : cue.end],
                label=cue.phrase, category=entry.get("class"), actor=att.affiliation, value=0.0,
                rule_id=entry.id,
                lexicon_version=str(config.cue_model.meta.get("version", "")) if config.cue_model else None,
                explanation=entry.get("explanation"), part=doc.part_at(cue.start), sentence=att.sentence,
            ))
            continue  # a proposal: in the attribution table, not in anyone's voice
        evidence.append(Evidence(
            kind="quote", start=c0, end=c1, text=doc.text[c0:c1], label=qtype, category=qtype,
            actor=att.affiliation, holder=None if qtype == "scare" else holder, rule_id=f"attribution.{d.rule}",
            explanation=_explain_content(att), part=doc.part_at(c0), sentence=att.sentence,
        ))
        if sstart is not None and send is not None and d.pronoun_of is None:
            evidence.append(Evidence(
                kind="source", start=sstart, end=send, text=doc.text[sstart:send], label=stype,
                category=stype, actor=att.affiliation, rule_id=f"attribution.{d.rule}",
                explanation=f"Who speaks: a source of type '{stype}'"
                + (f", speaking for {att.affiliation}" if att.affiliation else "") + ".",
                part=doc.part_at(sstart), sentence=att.sentence,
            ))
        if cue is not None and entry is not None:
            evidence.append(Evidence(
                kind="cue", start=cue.start, end=cue.end, text=doc.text[cue.start : cue.end],
                label=cue.phrase, category=entry.get("class"), actor=att.affiliation,
                value=1.0 if entry.get("class") == "loaded" else 0.0, rule_id=entry.id,
                lexicon_version=config.verbs.version, explanation=entry.get("explanation"),
                part=doc.part_at(cue.start), sentence=att.sentence,
            ))
    out_t = tuple(out)
    voice_words = _voice_words(doc, out_t)
    style = _style(doc, out_t, hedge_ev, config, voice_words)
    return AttributionResult(out_t, tuple(evidence) + hedge_ev, style, hedge_ev, voice_words=voice_words)


def _any_between(values: Sequence[int], lo: int, hi: int) -> bool:
    """Whether ascending ``values`` hold a value ``v`` with ``lo <= v <= hi``."""
    i = bisect.bisect_left(values, lo)
    return i < len(values) and values[i] <= hi


def _sent_index(doc: Doc, off: int) -> int | None:
    s = doc.sentence_at(off)
    return s.index if s is not None else None


def _explain_content(a: Attribution) -> str:
    if a.quote_type == "scare":
        return "A short quote nobody is said to have said: a scare quote that distances the writer."
    who = a.source or "an unnamed source"
    kind = {"direct": "quoted directly", "partial": "partly quoted", "indirect": "reported"}[a.quote_type]
    return f"Words {kind}, attributed to {who} ({a.source_type})."


def _voiced(atts: Sequence[Attribution]) -> list[Attribution]:
    """The attributions in a speaker's voice: not scare quotes, not learned (unlisted) cues,
    which are listed in the attribution table only (the measures stay the rules')."""
    return [a for a in atts if a.quote_type != "scare" and a.rule != "learned"]


def _voice_words(doc: Doc, atts: Sequence[Attribution]) -> dict[str, int]:
    """Words of content credited to each attribution in a speaker's voice (by id).

    Each word of content counts once, for the innermost attribution that holds it: the
    one with the shortest content, the first of equal ones (as
    :meth:`AttributionResult.voice_of`). A word lies in a content when its token starts
    inside it, as for ``content_words``; the credited words of an attribution are at most
    its ``content_words``, and all of them together are the words of the union of the
    contents.
    """
    real = _voiced(atts)
    order = sorted(range(len(real)), key=lambda i: (real[i].content_end - real[i].content_start, i))
    # token ranges already credited: disjoint, sorted by start (so their ends ascend too)
    taken_s: list[int] = []
    taken_e: list[int] = []
    out: dict[str, int] = {}
    for i in order:
        a = real[i]
        s, e = doc.token_index(a.content_start), doc.token_index(a.content_end)
        if e <= s:
            out[a.id] = 0
            continue
        lo = bisect.bisect_right(taken_e, s)  # the first taken range ending after s
        hi = bisect.bisect_left(taken_s, e)  # taken ranges starting before e: [lo, hi)
        words, pos = 0, s
        for j in range(lo, hi):  # the gaps between the taken ranges are this one's
            if taken_s[j] > pos:
                words += doc._count_words(pos, taken_s[j])
            pos = max(pos, taken_e[j])
        if pos < e:
            words += doc._count_words(pos, e)
        out[a.id] = words
        if lo < hi:
            s, e = min(s, taken_s[lo]), max(e, taken_e[hi - 1])
        taken_s[lo:hi] = [s]
        taken_e[lo:hi] = [e]
    return out


def _style(
    doc: Doc, atts: tuple[Attribution, ...], hedges: tuple[Evidence, ...], config: AttributionConfig,
    voice_words: Mapping[str, int],
) -> dict[str, Any]:
    n_words = doc.n_words
    # learned (unlisted) cues are listed in the attribution table only: the measures stay the rules'
    real = _voiced(atts)
    # each word of attributed content counts once, for the attribution the voices give it to,
    # so that the shares here are those of the voices frame summed over the affiliations
    attributed = sum(voice_words.get(a.id, 0) for a in real)
    direct = sum(voice_words.get(a.id, 0) for a in real if a.quote_type == "direct")
    anon = sum(voice_words.get(a.id, 0) for a in real if a.source_type == "anonymous")
    n_cues = sum(1 for a in real if a.cue is not None)
    loaded = sum(1 for a in real if a.cue_class == "loaded")
    touched: set[int] = set()
    for a in real:
        for off in (a.content_start, a.cue_start, a.source_start):
            if off is not None:
                s = doc.sentence_at(off)
                if s is not None:
                    touched.add(s.index)
        s_end = doc.sentence_at(max(a.content_end - 1, a.content_start))
        s0 = doc.sentence_at(a.content_start)
        if s0 is not None and s_end is not None:
            touched.update(range(s0.index, s_end.index + 1))
    unattributed = 0
    for s in doc.sentences:
        if s.part != "body" or s.index in touched:
            continue
        nw = doc._count_words(s.tok_start, s.tok_end)
        if nw >= config.min_claim_words and not doc.text[s.start : s.end].rstrip().endswith("?"):
            unattributed += 1
    return {
        "n_words": n_words,
        "n_attributions": len(real),
        "attributed_share": attributed / n_words if n_words else float("nan"),
        "direct_quote_share": direct / attributed if attributed else float("nan"),
        "anonymous_share": anon / attributed if attributed else float("nan"),
        "loaded_cue_rate": loaded / n_cues if n_cues else float("nan"),
        "hedge_rate": 1000.0 * len(hedges) / n_words if n_words else float("nan"),
        "unattributed_claims": unattributed,
    }


# --------------------------------------------------------------------------- frames


def attribution_rows(result: AttributionResult, *, article_id: str, outlet: str) -> list[dict[str, Any]]:
    """Rows of the ``attribution`` frame (columns ``framecmp.schema.ATTRIBUTION``)."""
    from framecmp.schema import ATTRIBUTION

    rows = []
    for a in result.attributions:
        row = {
            "article_id": article_id, "outlet": outlet, "attribution_id": a.id,
            "source": a.source, "source_start": a.source_start, "source_end": a.source_end,
            "source_type": a.source_type, "role": a.role, "channel": a.channel,
            "affiliation": a.affiliation, "cue": a.cue, "cue_start": a.cue_start,
            "cue_end": a.cue_end, "cue_class": a.cue_class, "quote_type": a.quote_type,
            "content_start": a.content_start, "content_end": a.content_end,
            "content_words": a.content_words, "hedged": a.hedged,
        }
        rows.append({c: row[c] for c in ATTRIBUTION})
    return rows


def voices_rows(result: AttributionResult, *, article_id: str, outlet: str) -> list[dict[str, Any]]:
    """Rows of the ``voices`` frame: one per affiliation (``"unknown"`` when none).

    ``quoted_words`` counts the content words of that affiliation's
    attributions (scare quotes excluded), each word once: where contents
    overlap, a word goes to the innermost attribution that holds it (the
    shortest content, as :meth:`AttributionResult.voice_of`; see
    ``AttributionResult.voice_words``), so that the quoted words of an article
    sum to its attributed words (``attributed_share`` times ``n_words`` in the
    style frame). ``share`` divides by all quoted words of the article;
    ``anonymous_share`` and ``direct_share`` are the parts of the affiliation's
    words from anonymous sources / direct quotes (summed over the affiliations,
    the style frame's ``anonymous_share`` and ``direct_quote_share``).
    Learned cues (rule ``learned``, class ``unlisted``) are left out, as in
    :meth:`AttributionResult.voice_of`.
    """
    from framecmp.schema import VOICES

    groups: dict[str, list[Attribution]] = {}
    for a in _voiced(result.attributions):
        groups.setdefault(a.affiliation or "unknown", []).append(a)
    credited = result.voice_words

    def n(a: Attribution) -> int:
        # an AttributionResult built by hand may lack voice_words: then the whole content
        return int(credited.get(a.id, a.content_words)) if credited else a.content_words

    total = sum(n(a) for g in groups.values() for a in g)
    rows = []
    for aff, atts in sorted(groups.items()):
        words = sum(n(a) for a in atts)
        row = {
            "article_id": article_id, "outlet": outlet, "affiliation": aff,
            "n_attributions": len(atts), "quoted_words": words,
            "share": words / total if total else float("nan"),
            "anonymous_share": (sum(n(a) for a in atts if a.source_type == "anonymous") / words)
            if words else float("nan"),
            "direct_share": (sum(n(a) for a in atts if a.quote_type == "direct") / words)
            if words else float("nan"),
        }
        rows.append({c: row[c] for c in VOICES})
    return rows


def style_row(result: AttributionResult, *, article_id: str, outlet: str) -> dict[str, Any]:
    """The row of the ``STYLE`` frame for one article."""
    from framecmp.schema import STYLE

    row = {"article_id": article_id, "outlet": outlet, **result.style}
    return {c: row[c] for c in STYLE}

