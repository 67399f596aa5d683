"""The pattern catalogue of attribution: the (source, cue, content) relations of an article.

:func:`find_relations` finds them with fast rules (no trained parser, no model
loading): reporting-verb cues from ``lexicons/reporting_verbs.yaml`` found by
the shared :class:`~framecmp.text.doc.PhraseMatcher`, clause boundaries from
punctuation, the source as the noun-phrase run next to the cue, quotation
marks from the text layer (quotes may span several sentences).
:func:`framecmp.measures.attribution.extract.extract_attributions` adds the
continuation and scare quotes, classifies the sources and builds the records.

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
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from framecmp.measures.attribution.records import Draft
from framecmp.measures.attribution.view import ArticleView, trim_chars
from framecmp.text.doc import PhraseMatch, Token
from framecmp.text.grammar import (
    AUXILIARIES,
    BE_FORMS,
    CLOSE_QUOTE_MARKS,
    DATE_WORDS,
    NOUN_SIGNALS,
    NP_DETERMINERS,
    OPEN_QUOTE_MARKS,
    PHRASE_OPENERS,
    QUESTION_OPENERS,
    SUBJECT_PRONOUNS,
    is_capitalised,
    is_ly_adverb,
    opens_apposition,
    passive_agent,
    sentence_subject,
)

__all__ = ["ADVERBS_OR_BE", "CUE_AUX", "cue_end_tok", "cue_with_aux", "find_relations"]

# --------------------------------------------------------------------------- word lists
# Closed-class function words that the rules need. They are grammar, not a
# lexicon a user would edit, so they live here (plain grammar that is not
# attribution's own lives in framecmp.text.grammar).

#: auxiliaries (and "also") between a subject and its cue ("has also said")
CUE_AUX = frozenset({"has", "have", "had", "also"})
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
#: the words skipped back from a cue to what stands before it ("was widely expected")
ADVERBS_OR_BE = _ADV | BE_FORMS
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
_GENERIC_AUDIENCE = frozenset({"reporters", "journalists", "the", "a", "an", "us", "me",
                               "him", "her", "them", "parliament", "lawmakers",
                               "supporters", "the press", "audience", "crowd", "people"})
_TO_CONTENT = frozenset({"rv.promise", "rv.vow", "rv.decline", "rv.refuse", "rv.threaten", "rv.claim"})
# Cues taken capitalised in a Title Case headline ("Clinton Says ...", "Trump Slams ..."); verbs
# that are also common headline nouns or other verbs ("Answers", "Continues", "Calls") are left out.
_TITLE_CUES = frozenset({
    "rv.say", "rv.tell", "rv.claim", "rv.announce", "rv.reveal", "rv.slam", "rv.praise", "rv.endorse",
    "rv.accuse", "rv.warn", "rv.urge", "rv.call_for", "rv.talk_about", "rv.deny", "rv.blame",
    "rv.attack", "rv.vow", "rv.demand", "rv.criticise", "rv.admit", "rv.insist", "rv.threaten",
    "rv.promise", "rv.write", "rv.tweet", "rv.explain", "rv.predict", "rv.condemn", "rv.dismiss",
    "rv.assail", "rv.confirm", "rv.suggest", "rv.argue", "rv.defend", "rv.question", "rv.ask",
    "rv.reply", "rv.respond", "rv.deride", "rv.downplay", "rv.joke", "rv.describe", "rv.declare",
})
_NOT_A_SOURCE = frozenset({
    "the", "a", "an", "as", "and", "but", "or", "so", "that", "this", "these", "those", "instead",
    "also", "then", "now", "even", "just", "only", "both", "all", "any", "each", "such", "there",
})
# unions of the word sets above, built once (the rules test tokens against them often)
_AUX_PRONOUNS = CUE_AUX | SUBJECT_PRONOUNS
_GERUNDS_PREP = _GERUNDS_FOLLOW | PHRASE_OPENERS


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


def _colon_speaker(art: ArticleView, m: PhraseMatch, lo: int, hi: int, s: Any) -> Draft | None:
    """``Name Surname: words`` at the start of a line (headlines, transcripts)."""
    toks = art.toks
    text = art.text
    if m.tok_start - lo < 1 or m.tok_start - lo > 4:
        return None
    line_start = text.rfind("\n", 0, toks[lo].start) + 1
    if text[line_start : toks[lo].start].strip():
        return None
    pre = toks[lo : m.tok_start]
    if not all(t.is_word and is_capitalised(t) for t in pre):
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
    return Draft((lo, m.tok_start), m, (c0, c1), "colon", s.index)


_CALL_PARTICLES = frozenset({"off", "into", "up", "back", "in", "out", "upon"})
_CALL_SUBJECT_OK = SUBJECT_PRONOUNS | CUE_AUX | BE_FORMS | _ADV | frozenset({
    "who", "which", "that", "what", "and", "officials", "critics", "democrats", "republicans",
    "leaders", "lawmakers", "activists", "supporters", "groups", "campaign", "administration",
})


def _naming_call(toks: Sequence[Token], m: PhraseMatch, lo: int, hi: int) -> bool:
    """``call`` in a naming or noun sense, or a phrasal verb: not a report."""
    if m.tok_end < hi and toks[m.tok_end].norm in _CALL_PARTICLES:
        return True
    if m.tok_start > lo:
        p = toks[m.tok_start - 1]
        if p.is_word and not is_capitalised(p) and p.norm not in _CALL_SUBJECT_OK:
            return True
    return False


def _source_dash_left(art: ArticleView, end: int, lo: int) -> tuple[int, int] | None:
    """``Joyce — who is listed as an attorney — told``: the head before the dashed aside."""
    toks = art.toks
    dash = toks[end - 1].norm
    k = end - 2
    while k > lo and k > end - 40:
        t = toks[k]
        if t.text in OPEN_QUOTE_MARKS or t.text in CLOSE_QUOTE_MARKS or t.norm in (";", ":"):
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
    # "Mali, along with Niger, condemned France": a coordinated name, not an inverted source
    "along", "together", "alongside", "unlike", "as",
})


def _paren_subject(art: ArticleView, before: int, lo: int) -> tuple[int, int] | None:
    """``Diop, speaking to reporters, said`` / ``The minister, however, said``: the subject before the aside.

    ``before`` is the cue's first token; the token before it is a comma. The aside between
    two commas must open with a participle ("speaking", "praised by ...") or a sentence adverb /
    preposition.
    """
    toks = art.toks
    k1 = before - 1
    k = k1 - 1
    while k > lo and k1 - k <= 8:
        t = toks[k]
        if t.text in OPEN_QUOTE_MARKS or t.text in CLOSE_QUOTE_MARKS or t.norm in (";", ":", "(", ")", "—", "–"):
            return None
        if t.norm == ",":
            break
        k -= 1
    if toks[k].norm != "," or k + 1 >= k1:
        return None
    p0 = toks[k + 1]
    if is_capitalised(p0) or not p0.is_word:
        return None
    participle = len(p0.norm) > 4 and (p0.norm.endswith("ing") or (
        p0.norm.endswith("ed") and k + 2 < k1 and toks[k + 2].norm == "by"))  # "Mali, praised by locals, said"
    if not (p0.norm in _PAREN_OPEN or participle):
        return None
    subj = art.source_left_np(k, lo)
    if subj is None or art.doc._count_words(subj[0], subj[1]) > 8:
        return None
    if not (p0.norm in _PAREN_OPEN or len(p0.norm) > 4 and p0.norm.endswith("ing")) and _holds_verb(toks, *subj):
        return None  # "Mali will not bow to ECOWAS, backed by France, said Goita": no aside of a subject
    return subj


def _holds_verb(toks: Sequence[Token], a: int, b: int) -> bool:
    """Whether ``toks[a:b]`` holds an auxiliary or a verb in -ed ("Mali will not bow to
    ECOWAS"), not an adjective in -ed after a determiner or a possessive ("the embattled
    junta", "Mali's armed forces")."""
    for i in range(a, b):
        t = toks[i]
        if t.norm in AUXILIARIES:
            return True
        if (t.text[:1].islower() and len(t.norm) > 4 and t.norm.endswith("ed")
                and not (i > a and (toks[i - 1].norm in NP_DETERMINERS or toks[i - 1].norm == "'s"))):
            return True
    return False


def _first_segment_end(art: ArticleView, a: int, hi: int) -> int:
    """Token index of the first clause punctuation from ``a`` (or ``hi``)."""
    return art.first_at("clause", a, hi)


def _first_segment_words(art: ArticleView, a: int, hi: int) -> int:
    """Number of words from ``a`` to the first clause punctuation."""
    return art.doc._count_words(a, _first_segment_end(art, a, hi))


_ASKED_LEAD = frozenset({"when", "if", "after", "while", "once", "as", "but", "and", "later"})
_WENT_ON = (("went", "on", "to"), ("goes", "on", "to"), ("go", "on", "to"), ("going", "on", "to"))


def _went_on_to(toks: Sequence[Token], i: int, lo: int) -> bool:
    """Whether ``went on to`` stands just before token ``i``."""
    return i - 3 >= lo and toks[i - 1].norm == "to" and (toks[i - 3].norm, toks[i - 2].norm, "to") in _WENT_ON


def _is_document_source(art: ArticleView, src: tuple[int, int] | None) -> bool:
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


def cue_with_aux(art: ArticleView, m: PhraseMatch, lo: int) -> tuple[int, bool]:
    """Token index where the cue span starts (``has also said``) and passive flag.

    Computed once per cue and sentence start (the rules ask, then the rows).
    """
    key = (m.tok_start, m.tok_end, lo)
    got = art.cue_aux.get(key)
    if got is None:
        got = art.cue_aux[key] = _cue_with_aux_uncached(art, m, lo)
    return got


def _cue_with_aux_uncached(art: ArticleView, m: PhraseMatch, lo: int) -> tuple[int, bool]:
    i = m.tok_start
    passive = False
    if _went_on_to(art.toks, i, lo):
        i -= 3  # "went on to say" is one cue in PolNeAR
    # a manner adverb ("angrily said"): PolNeAR puts it in the cue (train 73 of 101)
    while i > lo and (art.toks[i - 1].norm in _CUE_LEFT or is_ly_adverb(art.toks[i - 1])):
        i -= 1
    j = m.tok_start
    progressive = art.toks[m.tok_end - 1].norm.endswith("ing")
    while j > lo and (art.toks[j - 1].norm in ADVERBS_OR_BE or is_ly_adverb(art.toks[j - 1])):
        if art.toks[j - 1].norm in BE_FORMS and not progressive:
            passive = True  # also "is widely expected"
        j -= 1
    return i, passive


def _reduced_passive(toks: Sequence[Token], m: PhraseMatch, lo: int, hi: int) -> bool:
    """A participle cue right after a plural noun and before on/by: ``attacks blamed on X``."""
    if m.tok_start <= lo or m.tok_end + 1 >= hi or not toks[m.tok_end - 1].norm.endswith("ed"):
        return False
    prev, nxt, after = toks[m.tok_start - 1], toks[m.tok_end], toks[m.tok_end + 1]
    return (
        prev.text.islower() and prev.norm.endswith("s") and prev.is_word
        and prev.norm not in _AUX_PRONOUNS and nxt.norm in ("on", "by")
        and after.norm not in DATE_WORDS and not after.norm.isdigit()
    )


_AGENT_THEN = frozenset({"of", "for", "as", "that", "to", "over", "about", "whether", "if"})


def _by_agent(art: ArticleView, a: int, hi: int) -> tuple[int, int] | None:
    """``was criticised by the minister``: the agent after a passive cue, if it names a speaker."""
    got = passive_agent(art.doc, a, hi)
    if got is None:
        return None
    b0, b1 = got
    words = [t for t in art.toks[b0:b1] if t.is_word]
    if (any(is_capitalised(t) for t in words) or bool(art.src_hits_from(b0, b1))
            or (len(words) == 1 and words[0].norm in ("him", "her", "them"))):
        return got
    return None


def cue_end_tok(art: ArticleView, m: PhraseMatch, hi: int) -> int:
    """Token index where the cue span ends: ``said:``, ``asked about``, ``said in a statement``."""
    toks = art.toks
    j = m.tok_end
    if j < hi and toks[j].norm in _CUE_RIGHT_ADV:
        j += 1  # "said recently", "has said repeatedly" (train: 12 of 15 in the cue)
    if j + 1 < hi and toks[j].norm == "as" and toks[j + 1].norm in _GERUNDS_FOLLOW:
        return j + 2  # "was quoted as saying"
    if j < hi and (toks[j].norm == ":" or (toks[j].norm in _CUE_RIGHT_WORDS and j + 1 < hi and toks[j + 1].is_word)):
        return j + 1
    if (j < hi and toks[j].norm in _CUE_RIGHT_NOT_SAY and j + 1 < hi and toks[j + 1].is_word
            and toks[j - 1].norm not in _SAY_FORMS):
        return j + 1  # "warned of", "boasted of", "railed against" (but "said of" stays "said")
    if (j + 2 < hi and toks[j].norm == "in" and toks[j + 1].norm in ("a", "an", "the", "his", "her", "their", "its")
            and toks[j + 2].norm in _CUE_IN_NOUNS):
        return j + 3
    return j


def _cue_tail_is_content(art: ArticleView, a: int, hi: int) -> bool:
    """Whether the tokens after the cue (from ``a``) carry the reported content."""
    if art.doc._count_words(a, hi) == 0:
        return False
    prefix = art.doc._word_prefix
    first_word = art.toks[bisect.bisect_right(prefix, prefix[a]) - 1]  # the first word from a
    if art.first_at("content_mark", a, hi) < hi:
        return True
    if art.toks[a].text in OPEN_QUOTE_MARKS:
        return True
    first = art.toks[a].norm
    if first == ",":
        return art.doc._count_words(a, hi) > 3 and first_word.norm not in _GERUNDS_PREP
    return first not in PHRASE_OPENERS or art.doc._count_words(a, hi) > 8


def _boundary_commas(art: ArticleView, lo: int, hi: int, cue_starts: set[int]) -> list[int]:
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


def _told_object(art: ArticleView, m: PhraseMatch, hi: int) -> tuple[int, str | None]:
    """Skip the object of tell-like cues; return (next token, channel)."""
    i = m.tok_end
    if art.toks[m.tok_start].norm not in _TELL_LIKE:
        return i, None
    if i < hi and art.toks[i].norm in QUESTION_OPENERS:
        return i, None  # "was asked if Mali would return": the question, not the one asked
    sr = art.source_right(i, hi)
    if sr is None:
        return i, None
    a, b = sr
    words = [t for t in art.toks[a:b] if t.is_word]
    if len(words) > 6:
        return i, None
    obj = art.text[art.toks[a].start : art.toks[b - 1].end]
    channel = obj if words and is_capitalised(words[0]) and words[0].norm not in _GENERIC_AUDIENCE else None
    return b, channel


def find_relations(art: ArticleView) -> list[Draft]:
    """The relations the rules find in an article (the pattern catalogue above), in text
    order of their cues within each sentence; sets ``art.verb_hits``."""
    cfg = art.cfg
    toks = art.toks
    drafts: list[Draft] = []
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
        prev_in_sentence: Draft | None = None
        absorbed: set[int] = set()  # "saying" in "was quoted as saying": part of the cue before it
        for m in cues:
            if m.tok_start in absorbed:
                continue
            entry = cfg.entries[m.keys[0]]
            if art.quote_containing(m.start) is not None:
                continue  # a cue inside quoted words: PolNeAR does not annotate nested attributions
            if (is_capitalised(toks[m.tok_start]) and m.tok_start > lo and toks[m.tok_start - 1].text not in OPEN_QUOTE_MARKS
                    and not (entry.id in _TITLE_CUES and _title_case(toks, lo, hi))):
                continue  # "United States", "Islamic State": a name, not a verb (but "Clinton Says ..." in a headline)
            if m.tok_start > lo and toks[m.tok_start - 1].text in ("-", "‐", "‑", "–"):
                continue  # "so-called", "self-described": part of a compound word
            if (m.tok_start > lo and toks[m.tok_start - 1].norm == "to" and entry.get("pos") != "prep"
                    and not _went_on_to(toks, m.tok_start, lo)):
                continue  # "declined to say", "wants to endorse": an infinitive, not a report
            if entry.id == "rv.call" and _naming_call(toks, m, lo, hi):
                continue  # "a group called X", "phone calls", "called off the deal"
            if m.tok_start > lo and toks[m.tok_start - 1].norm in NOUN_SIGNALS and entry.get("pos") not in ("prep", "colon"):
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
            cue_tok0, passive = cue_with_aux(art, m, lo)
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
            while before > lo and toks[before - 1].norm in ADVERBS_OR_BE:
                before -= 1
            d: Draft | None = None
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
                q0 = cue_end_tok(art, m, seg)  # "Asked about X": the cue is "Asked about"
                if seg > q0 and art.doc._count_words(q0, seg) > 0:
                    d = Draft(None, m, (toks[q0].start, toks[seg - 1].end), "asked", s.index)
                    d.channel = art.channel_after(m.tok_end, seg)
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
                    if k < hi and art.doc._count_words(k, hi) > 0 and toks[src[1]].norm == "," and not opens_apposition(toks[k]):
                        c1 = s.end  # "X, according to Y, Z." -> both sides
                    else:
                        src = art.source_to_end(m.tok_end, hi) or src  # "..., according to a poll released Monday by X"
                d = Draft(src, m, (c0, c1), "according_to", s.index)
            else:
                obj_end, _obj_channel = _told_object(art, m, hi)
                tail_content = _cue_tail_is_content(art, obj_end, hi)
                if tail_content and entry.get("clause_only") and not (
                        toks[obj_end].norm in ("that", ":", ",") or toks[obj_end].text in OPEN_QUOTE_MARKS):
                    tail_content = False  # "maintaining strong relations with X" reports nothing
                if (not tail_content and obj_end + 1 < hi and toks[obj_end].norm == "to"
                        and toks[obj_end + 1].is_word and (entry.get("class") == "belief" or entry.id in _TO_CONTENT)):
                    tail_content = True  # "appears to be slipping", "declined to comment", "vowed to fight"
                if not tail_content and entry.get("copular") and art.doc._count_words(obj_end, hi) > 0:
                    tail_content = True  # "was outraged by the deal"
                prev = toks[before - 1] if before > lo else None
                seg_end = _first_segment_end(art, m.tok_end, hi)
                inverted = prev is not None and (prev.norm == "," or prev.text in CLOSE_QUOTE_MARKS) and not (
                    art.first_at("content_mark", m.tok_end, seg_end) < seg_end
                ) and 0 < _first_segment_words(art, m.tok_end, hi) <= 10
                if inverted and toks[m.tok_start].norm.endswith("ing"):
                    inverted = False  # ", urging his parishioners to ...": a participle, not "said X"
                if inverted and m.tok_end < hi and toks[m.tok_end].norm == "by":
                    inverted = False  # "The jihadists, praised by locals, took ...": a passive participle
                if inverted and prev is not None and prev.norm == "," and art.source_appos_left(before, lo) is not None:
                    inverted = False  # "X, the minister, said the talks went well"
                paren_src = _paren_subject(art, before, lo) if prev is not None and prev.norm == "," else None
                if inverted and paren_src is not None:
                    inverted = False  # "Diop, speaking to reporters, said ...", "The minister, however, said ..."
                if inverted:  # "“...,” said the official."
                    src = art.source_to_end(m.tok_end, hi)
                    cont = art.content_before(before, lo, s.start)
                    if cont is not None:
                        d = Draft(src, m, cont, "inverted", s.index)
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
                        subject = sentence_subject(toks, lo, before - 1)
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
                        d = Draft(prev_in_sentence.source, m, (c0, s.end), "gerund", s.index)
                        d.pronoun_of = prev_in_sentence
                    elif pre is not None and (pre.norm == "," or pre.text in CLOSE_QUOTE_MARKS) and not tail_content:
                        cont = art.content_before(src_lo, lo, s.start)
                        if cont is not None:
                            d = Draft(src, m, cont, "postposed", s.index)
                    agent = _by_agent(art, m.tok_end, hi) if d is None and passive else None
                    if agent is not None:
                        # "The plan was criticised by the minister": the agent is the source; the
                        # content is what follows it, or else the subject
                        k = agent[1]
                        if k < hi and toks[k].norm in _AGENT_THEN and art.doc._count_words(k, hi) > 1:
                            cont = trim_chars(art.text, toks[k].start, s.end)  # "accused by X of lying"
                        elif src is not None:
                            cont = (toks[src[0]].start, toks[src[1] - 1].end)
                        else:
                            cont = (0, 0)
                        if cont[1] > cont[0]:
                            d = Draft(agent, m, cont, "passive_by", s.index)
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
                            d = Draft(src, m, (c0, c1), "preposed", s.index, channel=channel)
                    if d is None and src is not None and pre is None and not tail_content:
                        # "He said." after a quote in the previous sentence (same paragraph)
                        cont = art.content_before(src_lo, lo, s.start, look_back=True)
                        if cont is not None:
                            d = Draft(src, m, cont, "postposed", s.index)
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
                    d.source = sentence_subject(toks, lo, before - 1)
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
                    t.norm in _NOT_A_SOURCE or not t.is_word for t in toks[d.source[0] : d.source[1]]):
                d.source = None  # "As promised", "And, telling ...", "The promised wall": no speaker
            # "Carson appears to be slipping", "Clinton was expected to win", "he was accused of",
            # "X was asked": the subject is not a speaker (PolNeAR: no source; train: 20 of 28
            # "was asked")
            d.passive = passive or bool(entry.get("agentless"))
            if d.passive:
                d.source = None
            ch = art.channel_after(m.tok_end, hi)
            if d.channel is None:
                d.channel = ch
            d.anonymous_marker = anon
            drafts.append(d)
            prev_in_sentence = d
    return drafts
