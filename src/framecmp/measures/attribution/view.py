"""One article as the attribution rules see it (:class:`ArticleView`).

Lookups by position of its quotes, source-lexicon hits and actor mentions (by bisect,
each checked against a scan in the tests), the noun-phrase runs a source can be (before
a cue, after it, with an apposition), the content before a postposed source and the
channel after a cue.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from framecmp.measures.actors import Mention
from framecmp.measures.attribution.config import AttributionConfig
from framecmp.text.doc import (
    CALENDAR_WORDS,
    WEEKDAYS,
    Doc,
    PhraseMatch,
    Quote,
    Sentence,
    Token,
    Tokens,
    normalize,
)
from framecmp.text.grammar import (
    CLAUSE_LINKS,
    CLAUSE_MARKS,
    CLOSE_QUOTE_MARKS,
    DATE_LEADS,
    DATE_WORDS,
    ING_NOUNS,
    NOUN_SIGNALS,
    NP_DETERMINERS,
    OPEN_QUOTE_MARKS,
    PHRASE_OPENERS,
    PREPOSITIONS,
    RELATIVE_WORDS,
    SENTENCE_END_MARKS,
    is_capitalised,
    looks_like_verb,
    noun_phrase_right,
    opens_apposition,
)

__all__ = ["ArticleView", "trim_chars"]

#: nouns of the occasion or medium of what is said ("in an interview", "in a statement")
_CHANNEL_NOUNS = frozenset({"interview", "statement", "post", "message", "video",
                            "op-ed", "letter", "press", "conference", "speech", "address",
                            "broadcast", "briefing"})
#: the words before "with" / "to" and an interviewer's name ("an interview with Reuters")
_INTERVIEW_WORDS = frozenset({"interview", "interviews", "conversation", "talks", "briefing", "speaking", "talking"})
#: ... and before "to" ("Speaking to RFI Macron said"; not "a letter to President Trump asking")
_SPEAKING_TO = frozenset({"speaking", "talking"})
#: sentence adverbs (and a few words) dropped from the start of a source run ("then he said")
_SOURCE_LEAD_DROP = frozenset({
    "then", "now", "so", "still", "also", "even", "meanwhile", "instead", "however", "thus", "yet",
    "had", "perhaps", "indeed", "and", "but", "or", "nor", "hence", "otherwise", "besides", "likewise",
    "here", "there", "today", "yesterday", "tonight", "finally", "eventually", "ultimately", "again",
})
_AND_NAME_LEFT = frozenset({"the", "former", "then", "vice", "deputy", "senior", "both"})
_NP_LINK = frozenset({"of", "in", "from", "for", "with", "at", "to", "by", "about", "close", "who", "among", "on"})
# unions of the word sets above, built once (the rules test tokens against them often)
_LINKS_OR_OPENERS = CLAUSE_LINKS | PHRASE_OPENERS
_THAT_COLON = frozenset({"that", ":"})
_NOT_BEFORE_SUBJECT = PREPOSITIONS | NP_DETERMINERS | frozenset(
    "behind near inside outside around beside alongside than per and or half all both twice such quite "
    "many nearly almost".split())
_TIME_NOUNS = CALENDAR_WORDS | frozenset({"time", "day", "days", "weeks", "months", "years", "hours"})
_CURLY_OPEN = frozenset({"“", "«"})
_OPEN_NORMS = frozenset(map(normalize, OPEN_QUOTE_MARKS))  # norms the opening quote marks can have
_OPENERS_OR_NP_LINKS = PHRASE_OPENERS | _NP_LINK
#: source-lexicon words that are no part of a source's name: events, documents, platforms
#: ("After the Russia Mali *talks* Niger praised")
_NOUN_SOURCE_KEYS = ("src.event", "src.document", "src.platform")
#: counts and quantities before a name ("At least *four* Democrats", "about 71 House Republicans")
_COUNT_WORDS = frozenset(
    "some many most all several few both other every each any no more fewer about nearly almost over around "
    "two three four five six seven eight nine ten twenty thirty forty fifty hundred thousand million dozen "
    "dozens hundreds thousands millions first second third last next".split())
#: lower-case words a name can follow inside one noun phrase ("with President Trump", "of
#: the UN", "former Senator X", "three other Democrats besides Ms. Sweet")
_NOT_NOUN_BEFORE_NAME = PREPOSITIONS | NP_DETERMINERS | _COUNT_WORDS | frozenset(
    "and or nor but than versus vs besides except excluding apart including plus like such former then late "
    "vice deputy senior acting interim new top leading prominent fellow de la al von van der bin el du le".split())
_TO_END_STOP = frozenset({"when", "while", "during", "because", "although", "though", "adding", "referring"})
_TO_END_STOP_AFTER_COMMA = frozenset({"but", "and", "though", "although", "because", "as", "when", "while",
                                      "after", "before", "since", "if", "so", "in", "on", "at", "during"})
_TO_END_CHANNEL = frozenset({"tweet", "email", "e-mail", "call", "phone", "op-ed", "column", "editorial",
                             "memo", "note", "text", "podcast", "blog", "radio", "television", "debate",
                             "rally", "town", "news", "hearing", "meeting", "event"})
_TO_END_CHANNEL_ALL = _CHANNEL_NOUNS | _TO_END_CHANNEL


def _date_number(toks: Sequence[Token], k: int) -> bool:
    """Whether the number at token ``k`` ends a date: a year after a preposition ("In 2001"),
    or a day after a month ("On January 23"); not a count ("about 71 House Republicans")."""
    n = toks[k].norm
    return n.isdigit() and k > 0 and (toks[k - 1].norm in CALENDAR_WORDS or (
        len(n) == 4 and toks[k - 1].norm in PREPOSITIONS))  # (not "At least 2000 Malians")


def trim_chars(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, final punctuation and unbalanced outer marks."""
    while a < b and (text[a].isspace() or text[a] in ",:;—–"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:!?—–"):
        b -= 1
    return a, b


class ArticleView:
    """One article as the attribution rules see it: their working state for one article.

    Public for the benchmarks and the cue-model trainers (``benchmarks/``), which run the
    rules on an article; not part of the package's API.
    """

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
        self.cue_aux: dict[tuple[int, int, int], tuple[int, bool]] = {}  # see cue_with_aux
        self.verb_hits: list[PhraseMatch] = []  # the reporting-verb lexicon's matches (set by find_relations)
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
    # a sentence with many cues is not scanned again for each of them: one very long
    # "sentence" full of cues would otherwise take quadratic time)
    def _position_index(self, kind: str) -> list[int]:
        index = self._positions.get(kind)
        if index is None:
            toks = self.toks
            norms = toks.norms if isinstance(toks, Tokens) else [t.norm for t in toks]
            if kind == "clause":
                index = list(itertools.compress(range(len(norms)), map(CLAUSE_MARKS.__contains__, norms)))
            elif kind == "comma":
                index = [i for i, w in enumerate(norms) if w == ","]
            elif kind == "content_mark":  # "that", ":" or an opening curly quote or guillemet
                index = [i for i, w in enumerate(norms) if w in _THAT_COLON or (w in _CURLY_OPEN and toks[i].text in _CURLY_OPEN)]
            elif kind == "channel_stop":  # "that", ":" or any opening quote
                index = [i for i, w in enumerate(norms)
                         if w in _THAT_COLON or (w in _OPEN_NORMS and toks[i].text in OPEN_QUOTE_MARKS)]
            elif kind == "channel":  # a source-lexicon hit, or "with" after a channel noun
                index = sorted({i for i in self.src_hit_at if i > 0} | {
                    i for i, t in enumerate(toks) if i > 0 and t.norm == "with" and toks[i - 1].norm in _CHANNEL_NOUNS
                })
            else:  # pragma: no cover
                raise ValueError(kind)
            self._positions[kind] = index
        return index

    def first_at(self, kind: str, a: int, hi: int) -> int:
        """The first token of ``kind`` (``"clause"`` punctuation, ``"comma"``, ``"content_mark"``,
        ``"channel_stop"``, ``"channel"``) at index ``a`` or after, below ``hi``; else ``hi``."""
        index = self._position_index(kind)
        k = bisect.bisect_left(index, a)
        return index[k] if k < len(index) and index[k] < hi else hi

    def positions(self, kind: str, a: int, hi: int) -> list[int]:
        """The tokens of ``kind`` (as :meth:`first_at`) at indices ``a:hi``, in order."""
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
        while k > lo and self.toks[k - 1].norm in DATE_WORDS:
            k -= 1
        if k < end and k > lo:
            while k > lo and self.toks[k - 1].norm in DATE_LEADS:
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
            if not prev.is_word or prev.norm in CLAUSE_LINKS or prev.norm in NOUN_SIGNALS:
                break
            if link.norm == "and":
                if not (is_capitalised(prev) and is_capitalised(toks[a])):
                    break
                # only over a run of capitalised names ("Mrs. Clinton and Ms. Warren"), and not
                # when a verb stands before it ("Trump beat Clinton and Cruz said": a clause)
                j = a - 1
                while j > lo and ((toks[j - 1].is_word and is_capitalised(toks[j - 1]))
                                  or toks[j - 1].norm in (".", "'s", "’s", "-", "&")):
                    j -= 1
                while j > lo and toks[j - 1].norm in _AND_NAME_LEFT:
                    j -= 1  # "former President Obama and ..."
                if j > lo and toks[j - 1].is_word and toks[j - 1].norm not in _LINKS_OR_OPENERS:
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
            if (ext > a and toks[a].norm.endswith("ing") and not is_capitalised(toks[a])) or (
                    not is_capitalised(toks[ext]) and toks[ext].norm in _OPENERS_OR_NP_LINKS):
                ext = head  # "After meeting with Putin in Moscow officials said": a participle clause
            a = ext
        named = self.mentions_within(toks[a].start, toks[b - 1].end)
        last = next((m for m in named if m.end == toks[b - 1].end), None)
        if last is not None and last.start > toks[a].start:  # "the advice of Russia *Bamako*
            q = self.doc.token_index(last.start)  # condemned": the name that ends the run is the
            if q - 1 > a and (self._names_meet(named, toks[q - 1].end, last.start)  # source (not
                              or self._after_interviewer(named, a, q)):  # "Two State Department
                return (q, b)  # Ukraine experts": a noun ends it; "with Reuters *Assimi Goita*")
        return (a, b)

    def _drop_lead(self, a: int, b: int) -> int:
        """Skip sentence adverbs and a leading participle at the start of a source run."""
        toks = self.toks
        while b - a > 1 and (toks[a].norm in _SOURCE_LEAD_DROP or (
                toks[a].norm.endswith("ing") and not is_capitalised(toks[a]) and toks[a + 1].is_word)):
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
            if t.norm in ("'s", "-", ".", "&") or (t.is_word and t.norm not in CLAUSE_LINKS):
                if t.is_word and not is_capitalised(t) and t.norm in PHRASE_OPENERS and n > 0:
                    break
                i -= 1
                n += 1
                if n >= 12:
                    break
                continue
            break
        # a trailing apposition ("X, the foreign minister, said"): not handled; fine
        while i < end and not self.toks[i].is_word:
            i += 1
        if i >= end:
            return None
        # drop leading prepositional/time phrases: "On Tuesday the minister"
        j = i
        if self.toks[i].norm in PHRASE_OPENERS:
            # the phrase an opener leads ends at its first determiner ("On Tuesday *the*
            # minister") or at a later one right after its noun ("In a statement *the*
            # ministry", "During a meeting *the* minister")
            for k in range(i + 1, end):
                if self.toks[k].norm in ("the", "a", "an") and (j == i or self._subject_from(i, k, end)):
                    j = k
        else:
            # a run that opens past its preposition ends a phrase at a number or a time word
            # before a determiner ("[with] France 24 *the* UN envoy", "[At the end of] the day
            # *the* minister"), or after the object of the preposition it stopped at ("In a
            # letter to Congress *the* senator", "According to the ministry *the* president")
            after_prep = i - 1 >= lo and self.toks[i - 1].norm in PREPOSITIONS and self.toks[i - 1].norm in PHRASE_OPENERS \
                and (self.toks[i].norm in NP_DETERMINERS or is_capitalised(self.toks[i]))
            for k in range(i + 1, end):
                prev = self.toks[k - 1]
                if self.toks[k].norm in ("the", "a", "an") and not self._initial(k, end) and (
                        prev.norm.isdigit() or prev.norm in _TIME_NOUNS or (after_prep and self._object_phrase(i, k))) \
                        and self._subject_from(i, k, end):
                    j = k
        if self.toks[i].norm in PREPOSITIONS:
            j = max(j, self._after_leading_phrase(i, end))
        elif i - 1 >= lo and self.toks[i - 1].norm in PREPOSITIONS and is_capitalised(self.toks[i - 1]) \
                and self.toks[i].norm in NP_DETERMINERS and self.toks[i - 1].norm not in ("as", "like"):
            # a sentence that opens with "After the ..." ("After the coup ECOWAS threatened"): the
            # scan stopped at "After", a clause link (not "After prison tailor Joyce Mitchell
            # pleaded", "As my colleague David Ignatius noted": clauses with their subject)
            j = max(j, self._after_leading_phrase(i - 1, end))
        return (j, end)

    def _initial(self, k: int, end: int) -> bool:
        """Whether the capital letter at token ``k`` is a name's initial ("John *A.* Boehner")."""
        t = self.toks[k]
        return t.text == "A" and ((k + 1 < end and self.toks[k + 1].text == "." and self.toks[k + 1].start == t.end)
                                  or t.end < len(self.doc.text) and self.doc.text[t.end] == ".")

    def _object_phrase(self, i: int, k: int) -> bool:
        """Whether tokens ``[i, k)`` can be one short noun phrase, the object of a preposition
        ("Congress", "the ministry", "Fox News"): at most six words and no verb, -ing form or
        relative word among them."""
        return 0 < k - i <= 6 and all(
            (t.is_word or t.norm in ("'s", ".")) and not looks_like_verb(t.norm) and t.norm not in RELATIVE_WORDS
            and not (t.norm.endswith("ing") and t.norm not in ING_NOUNS) for t in self.toks[i:k])

    def _subject_from(self, i: int, k: int, end: int) -> bool:
        """Whether the determiner at token ``k``, after a phrase that opens at ``i``, starts the
        subject that runs to ``end``: it follows a noun, a number or a time word, not a
        preposition, a quantifier ("half the senators"), a verb or a participle ("groups
        opposing the bill"); no relative word stands before it ("parents whose children attend
        the school"), no verb after it ("a spokesman the ministry hired"), and it opens no
        rate ("140,000 a day"), no time ("the other day") and is no word of a name ("the
        Campaign to Fix the Debt")."""
        toks = self.toks
        prev = toks[k - 1]
        if is_capitalised(prev) and prev.norm not in _TIME_NOUNS and k + 1 < end and is_capitalised(toks[k + 1]):
            return False  # inside a name: "the Campaign to Fix *the* Debt", "Meet *the* Press"
        if any(t.norm in _TIME_NOUNS for t in toks[k + 1 : min(k + 3, end)]):
            return False  # a time or a rate, not the subject: "*the* other day", "140,000 *a* day"
        if not prev.is_word or prev.norm in _NOT_BEFORE_SUBJECT or looks_like_verb(prev.norm) or (
                prev.norm.endswith("ing") and prev.norm not in ING_NOUNS):
            return False
        return not any(t.norm in RELATIVE_WORDS for t in toks[i:k]) and not any(
            looks_like_verb(t.norm) for t in toks[k:end])

    def _after_leading_phrase(self, i: int, end: int) -> int:
        """Where the source starts in a run opened by a preposition with no comma after its
        phrase: at a name after a lower-case noun ("Following Russia's advice *Mali*
        rejected", "Under rules *Obama* announced") or right after another actor's name
        ("Unlike France *Russia* praised"), when names (and role words) run from there to the
        cue; ``i`` when there is none ("Under President Trump", "On Tuesday Putin's spokesman
        Dmitry Peskov", "journalist Chris Hedges" stay whole)."""
        toks = self.toks
        named = self.mentions_within(toks[i].start, toks[end - 1].end)
        inside = {q for q in range(i, end) if any(m.start <= toks[q].start < m.end for m in named)}
        inside.update(q for h in self.src_hits_from(i, end) if not any(k.startswith(_NOUN_SOURCE_KEYS) for k in h.keys)
                      for q in range(h.tok_start, h.tok_end))  # ("After the Russia Mali talks *Niger*")
        for p in range(i + 2, end):
            t, prev = toks[p], toks[p - 1]
            if not (t.is_word and is_capitalised(t)):
                continue
            after_noun = (prev.is_word and not is_capitalised(prev) and prev.norm not in _NOT_NOUN_BEFORE_NAME
                          and (prev.norm.isalpha() or _date_number(toks, p - 1))
                          and (p - 1 not in inside or prev.norm in _CHANNEL_NOUNS))  # ("In a statement ECOWAS")
            if not (after_noun or self._names_meet(named, prev.end, t.start)
                    or self._after_interviewer(named, i, p)):
                continue
            if all(not u.is_word or is_capitalised(u) or u.norm == "'s" or q in inside
                   for q, u in enumerate(toks[p:end], start=p)):
                return p
        return i

    def _after_interviewer(self, named: Sequence[Mention], i: int, p: int) -> bool:
        """Whether an actor's name starts at token ``p`` right after the name of the one who
        interviews it ("In an interview with Reuters *Assimi Goita* said", "Speaking to RFI
        *Macron* said", "Talking to reporters *Trump* said", "In talks with ECOWAS leaders
        *Tiani* rejected"): "with" after an interview word or "to" after "speaking" / "talking",
        then up to five words with no verb among them."""
        toks = self.toks
        if not any(m.start == toks[p].start and m.via != "demonym" for m in named):
            return False
        k = p - 1
        while k > i and k >= p - 5 and (toks[k].is_word or toks[k].norm.isdigit()) \
                and toks[k].norm not in ("with", "to") and not (
                not is_capitalised(toks[k]) and looks_like_verb(toks[k].norm)):
            k -= 1
        return (k < p - 1 and k >= max(i, 1) and (
            (toks[k].norm == "with" and toks[k - 1].norm in _INTERVIEW_WORDS)
            or (toks[k].norm == "to" and toks[k - 1].norm in _SPEAKING_TO)))

    @staticmethod
    def _names_meet(named: Sequence[Mention], end: int, start: int) -> bool:
        """Whether a name of one actor ends at ``end`` and a name of another starts at ``start``
        ("Unlike *France Russia* praised"; not "*French President Macron*": a demonym says
        where the one after it is from)."""
        first = next((m for m in named if m.end == end and m.via != "demonym"), None)
        return first is not None and any(m.start == start and m.actor != first.actor for m in named)

    def source_right(self, start: int, hi: int, *, appos: bool = False) -> tuple[int, int] | None:
        """Noun-phrase run starting at token ``start``, up to punctuation
        (:func:`framecmp.text.grammar.noun_phrase_right`).

        With ``appos``, a comma followed by an apposition (``said X, the
        president of Y``) does not end the run.
        """
        return noun_phrase_right(self.doc, start, hi, appos=appos)

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
            if t.text in OPEN_QUOTE_MARKS or t.text in CLOSE_QUOTE_MARKS or t.norm in (";", ":", "—", "–", "--"):
                break
            if t.norm in SENTENCE_END_MARKS and (n is None or not n.is_word):
                break
            if t.norm == "(":
                # "said Sen. Mitch McConnell (R-Ky.)": a "." inside the brackets ends nothing
                close = next((k for k in range(i + 1, min(hi, i + 12)) if toks[k].norm in ("(", ")")), None)
                if close is not None and toks[close].norm == ")":
                    i = close + 1
                    continue
            if i > start:
                if t.norm == "," and n is not None and (
                        (n.norm.endswith("ing") and not is_capitalised(n)) or n.norm in _TO_END_STOP_AFTER_COMMA):
                    break
                if t.norm in DATE_LEADS and n is not None and (n.norm in DATE_WORDS or n.norm[:1].isdigit()):
                    break
                if t.norm in WEEKDAYS and is_capitalised(toks[i - 1]):
                    break  # "said Smith Monday" (but "a poll released Monday by Gallup")
                if t.norm in ("in", "on", "via") and n is not None and (
                        n.norm in _CHANNEL_NOUNS or n.text == "The" or self._is_platform(i + 1) or (
                        n.norm in NP_DETERMINERS and i + 2 < hi and toks[i + 2].norm in _TO_END_CHANNEL_ALL)):
                    break  # "in a statement", "in The Guardian", "on Twitter"
                if t.norm in _TO_END_STOP:
                    break
            i += 1
        while i > start and (toks[i - 1].norm in (",", "(", "and") or not (toks[i - 1].is_word or toks[i - 1].norm in (")", "."))):
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
            if t.text in OPEN_QUOTE_MARKS or t.text in CLOSE_QUOTE_MARKS or t.norm in (";", ":", "(", ")"):
                return None
            if t.norm == ",":
                if k + 1 >= end - 1 or not opens_apposition(toks[k + 1]):
                    return None
                head = self.source_left(k, lo)
                if head is None or toks[head[0]].norm in PHRASE_OPENERS or toks[head[0]].norm in DATE_WORDS:
                    return None  # "On Sunday, Trump ...": a time phrase, not a head noun
                return (head[0], end - 1)
        return None

    def content_before(
        self, src_lo: int, lo: int, s_start: int, *, look_back: bool = False
    ) -> tuple[int, int] | None:
        """Content that ends just before a postposed source: a quote or the clause."""
        toks = self.toks
        i = src_lo
        while i > lo and (toks[i - 1].norm == "," or toks[i - 1].text in CLOSE_QUOTE_MARKS):
            q = self.quote_closing_at(i - 1)
            if q is not None:
                return (q.start, q.end)
            i -= 1
        if look_back:
            # previous sentence is a quote: “...” He said.
            if lo > 0:
                q = self.quote_closing_at(lo - 1) or self.quote_containing(toks[lo - 1].start)
                if q is not None and self.doc.sentence_at(q.start) is not None:
                    return (q.start, q.end)
            return None
        if i <= lo:
            return None
        a = s_start
        q = self.quote_containing(a)
        if q is not None and q.start < a:
            a = q.start
        b = toks[i - 1].end
        a, b = trim_chars(self.text, a, b)
        return (a, b) if b > a else None

    def channel_after(self, a: int, hi: int) -> str | None:
        """An outlet or platform named after the cue: told Anadolu / on X / interview with AFP."""
        toks = self.toks
        # up to "that", ":" or an opening quote; only the tokens that may name a channel are looked at
        for i in self.positions("channel", a + 1, self.first_at("channel_stop", a, hi)):
            t = toks[i]
            h = self.src_hit_at.get(i)
            if h is not None and any(self.cfg.entries[k].get("class") == "platform" for k in h.keys):
                if toks[i - 1].norm in ("on", "via", "to"):
                    return self.text[h.start : h.end]
            if t.norm == "with" and toks[i - 1].norm in _CHANNEL_NOUNS:
                sr = self.source_right(i + 1, hi)
                if sr and is_capitalised(toks[sr[0]]):
                    return self.text[toks[sr[0]].start : toks[sr[1] - 1].end]
        return None
