"""Grammar the measures share: negators, span cover, word lists.

What two measures both need lives here, public, so that no measure reaches into
another's private names (terms and stance share the negator rules; terms and
attribution the span cover; attribution and stance the demonym heads).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from framecmp.text.doc import CALENDAR_WORDS, Doc, Quote, Token

__all__ = [
    "NEGATORS", "NEG_GAP", "NEG_IDIOMS", "NEG_NOT", "NEG_STOP", "NEG_WINDOW", "OPPONENTS", "RULED_BY_DEMONYM",
    "SpanCover", "WH_WORDS", "is_negator", "negator",
]

#: head nouns a demonym describes without making them that country's voice
RULED_BY_DEMONYM = frozenset({"colony", "colonies", "ex-colonies", "possessions", "territories"})

#: nouns of those who stand against someone: "Mali's enemies", "the critics of France" name
#: the other side, neither the one a cue about them is aimed at nor its voice
OPPONENTS = frozenset("enemy enemies critic critics opponent opponents rival rivals adversary adversaries "
                      "foe foes detractor detractors attacker attackers killer killers captor captors "
                      "aggressor aggressors".split())


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


# --------------------------------------------------------------------------- clause grammar
# From attribution: the subject that opens a clause, the agent of a passive, the noun-phrase
# run after a word, and the closed-class word lists they read. Grammar, not a lexicon a user
# would edit, and not attribution's own.

__all__ += [
    "APPOSITION_OPENERS", "AUXILIARIES", "BE_FORMS", "HAVE_FORMS", "CLAUSE_LINKS", "CLAUSE_MARKS", "CLOSE_QUOTE_MARKS",
    "DATE_LEADS", "DATE_WORDS", "HONORIFICS", "NOT_LY_ADVERBS", "NOUN_SIGNALS", "NP_DETERMINERS",
    "OBJECT_PRONOUNS", "OPEN_QUOTE_MARKS", "PARTICIPLE_OPENERS", "PERSON_PRONOUNS", "PHRASE_OPENERS",
    "QUESTION_OPENERS", "REFUSALS", "RELATIVE_WORDS", "ING_NOUNS", "SENTENCE_END_MARKS", "SUBJECT_PRONOUNS", "SUBORDINATE_OPENERS", "SUBORDINATORS",
    "is_capitalised", "is_ly_adverb",
    "noun_phrase_right", "opens_apposition", "passive_agent", "sentence_subject",
]

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
#: subject pronouns that stand for one person
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
#: object forms and their subject forms, as sources after a preposition ("according to him")
OBJECT_PRONOUNS: dict[str, str] = {"him": "he", "her": "she", "them": "they", "me": "i", "us": "we"}
BE_FORMS = frozenset({"is", "was", "were", "are", "been", "be", "being"})
HAVE_FORMS = frozenset({"have", "has", "had"})
#: auxiliaries: "be", "have", "do" and the modals (a verb stands where one does)
AUXILIARIES = BE_FORMS | HAVE_FORMS | frozenset("am will would shall should can could may might must do does did".split())
#: words that link a clause (conjunctions, subordinators, relatives, "to"): a noun-phrase run
#: read leftwards stops at them
CLAUSE_LINKS = frozenset({
    "that", "and", "but", "or", "because", "while", "when", "as", "if", "since",
    "although", "though", "after", "before", "so", "which", "who", "where", "whether",
    "than", "yet", "what", "whom", "until", "unless", "whereas", "nor", "to",
})
#: words that open a phrase set before a subject: time, place, a participle of speech
#: ("On Tuesday, Sanders ...", "Speaking to reporters, ...", "according to ...")
PHRASE_OPENERS = frozenset({
    "in", "on", "at", "during", "last", "this", "earlier", "later", "yesterday",
    "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "to", "after", "before", "from", "with", "for", "via", "over", "through",
    "told", "by", "late", "early", "shortly", "when", "while", "adding", "according",
    "referring", "speaking", "citing", "under", "of", "ahead", "following", "amid",
})
#: words that date what is told: the calendar words and "recently", "earlier", "later"
DATE_WORDS = CALENDAR_WORDS | {"recently", "earlier", "later"}
#: words that lead a time phrase ("on Monday", "last week", "earlier this month")
DATE_LEADS = frozenset({"on", "in", "last", "this", "earlier", "late", "early", "that", "next"})
#: words that open an embedded question ("asked if ...", "asked whether ...")
QUESTION_OPENERS = frozenset({"if", "whether", "why", "how", "what", "when", "where", "who", "which"})
#: words that open a clause of their own inside a stretch without commas ("condemned the attack
#: that killed ...", "the bloc, which cut ties")
SUBORDINATE_OPENERS = frozenset(
    "that which who whom whose when where while because although though whereas unless if".split()
)
#: prepositions that also open a clause when a subject and its verb follow ("after Senegal
#: withdrew"): a name right after one is that clause's subject or a time, no object before it
SUBORDINATORS = frozenset("after before since until once".split())
#: common irregular (and -s) verb forms; verbs in "-ed" are found by their ending
IRREGULAR_VERBS = frozenset(
    "said says told tells took takes made makes gave gives sent sends met meets left leaves saw "
    "sees began begins became becomes went goes came comes kept keeps held holds brought brings "
    "won wins lost loses fought fights led leads put puts set sets cut cuts sold sells bought "
    "buys paid pays withdrew withdraws broke breaks drew chose chooses rose fell sought seeks "
    "thought thinks spoke speaks wrote writes ran runs quit quits struck strikes stood stands "
    "found finds knew knows got gets wants needs calls considers remains".split()
)


def looks_like_verb(norm: str) -> bool:
    """Whether the word ``norm`` has the form of a verb: an auxiliary, a listed irregular form or
    a word in -ed ("had", "stood", "expelled")."""
    return norm in AUXILIARIES or norm in IRREGULAR_VERBS or (len(norm) > 4 and norm.endswith("ed"))


#: words in -ing that are nouns, not participles ("a press briefing", "at a hearing the senator")
ING_NOUNS = frozenset(
    "hearing meeting briefing building funding ruling spring morning evening during string "
    "setting ceiling outing wedding bombing shooting killing uprising offering landing crossing "
    "standing following opening beginning ending feeling understanding".split()
)

#: words that open a relative clause ("the ambassador *whom* France had sent")
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that"})

#: prepositions (and "as", "like"): a name right after one is no subject
PREPOSITIONS = frozenset(
    "in on at to from with by for about against into onto over under after before despite "
    "during since without through throughout among between amid amidst across toward towards "
    "following including regarding concerning upon within beyond via like unlike of as".split()
)
#: words that open a clause as the content of a reporting verb ("denied *that* ...", "denied
#: *ever* praising", "denied *having* ..."; and any -ing form: "denied *supporting* ...")
CLAUSE_CONTENT_OPENERS = frozenset({"that", "ever", "having"})


def opens_clause_content(norm: str) -> bool:
    """Whether a reporting verb's content that starts with the word ``norm`` is a clause, not a
    noun phrase ("denied *that* ...", "denied *supporting* ..." vs "rejected *France's* offer")."""
    return norm in CLAUSE_CONTENT_OPENERS or (len(norm) > 4 and norm.endswith("ing"))


#: words that negate the act after "to": "Mali refused to condemn Russia", "its failure to protect"
REFUSALS = frozenset("refuse refuses refused refusing decline declines declined declining fail fails "
                     "failed failing refusal failure".split())
#: nouns of an intention whose owner acts in the infinitive after them ("Mali's decision to
#: expel France": Mali expels)
INTENT_NOUNS = frozenset("decision decisions plan plans move bid attempt attempts effort efforts "
                         "intention threat threats pledge promise vow readiness willingness refusal "
                         "failure".split())
#: words after which the next word is a noun, not a verb ("the state", "his remarks", "of reports")
NOUN_SIGNALS = frozenset({
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "'s", "of", "in", "for", "with", "from", "by", "each", "every", "any", "no",
    "such", "whose",
})
#: articles, demonstratives and possessives that open a noun phrase ("the decision", "a view")
NP_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its",
                            "his", "her", "their", "our"})
#: prepositions and conjunctions that open a participle clause with no subject of its own,
#: whose subject is the main clause's ("after accusing", "while visiting")
PARTICIPLE_OPENERS = frozenset({"after", "before", "while", "when", "since", "by", "without", "upon"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "mme", "dr", "sen", "rep", "gov", "prof", "sir", "dame"})
OPEN_QUOTE_MARKS = frozenset("“\"'‘«")
CLOSE_QUOTE_MARKS = frozenset("”\"'’»")
#: punctuation that ends a clause or a noun-phrase run
CLAUSE_MARKS = frozenset(",;:()[]—–")
SENTENCE_END_MARKS = frozenset({".", "!", "?"})
#: words that can open an apposition or a non-restrictive relative clause ("X, the president
#: of Y", "X, who ...", "X, chairman of ...")
APPOSITION_OPENERS = frozenset({
    "the", "a", "an", "who", "which", "his", "her", "its", "their", "now",
    "then", "also", "both", "one", "former", "himself", "herself", "whose",
    "chairman", "chairwoman", "president", "director", "head", "chief", "leader",
    "executive", "founder", "author", "pastor", "spokesman", "spokeswoman",
    "secretary", "senator", "governor", "mayor", "professor", "co-founder",
    "vice", "deputy", "senior", "editor", "owner", "ceo", "member",
})
#: words in "-ly" that are not manner adverbs
NOT_LY_ADVERBS = frozenset({
    "family", "rally", "supply", "ally", "italy", "july", "assembly", "early", "likely", "daily",
    "weekly", "monthly", "friendly", "elderly", "holy", "only", "belly", "bully", "tally",
    "unlikely", "yearly",
})


def is_capitalised(t: Token) -> bool:
    """Whether a token starts with an upper-case letter ("Mali", "UN")."""
    return t.text[:1].isupper()


def is_ly_adverb(t: Token) -> bool:
    """A lower-case manner adverb (``angrily``, ``jokingly``)."""
    w = t.text
    return len(w) > 4 and w.endswith("ly") and w.isalpha() and w.islower() and w not in NOT_LY_ADVERBS


def opens_apposition(t: Token) -> bool:
    """Whether a token can open an apposition or a non-restrictive relative clause."""
    return t.norm in APPOSITION_OPENERS or (is_capitalised(t) and t.is_word) or t.norm[:1].isdigit()


def noun_phrase_right(doc: Doc, start: int, hi: int, *, appos: bool = False) -> tuple[int, int] | None:
    """Noun-phrase run of ``doc.tokens`` starting at token ``start``, up to punctuation.

    The run stops before ``hi``, clause punctuation, a quotation mark, a word that opens a
    clause or a phrase ("that", "who", "in", "when", "to", "told" ...), a sentence end, or
    after 12 tokens. With ``appos``, a comma followed by an apposition (``said X, the
    president of Y``) does not end the run, which may then take 30 tokens. None when the
    run holds no word.
    """
    toks = doc.tokens
    i = start
    limit = 30 if appos else 12
    while i < hi:
        t = toks[i]
        if appos and t.norm == "," and i > start and i + 1 < hi and opens_apposition(toks[i + 1]):
            i += 1
            continue
        if t.norm in CLAUSE_MARKS or t.text in OPEN_QUOTE_MARKS or t.text in CLOSE_QUOTE_MARKS:
            break
        if i > start and t.norm in ("that", "who", "which", "in", "on", "at", "during", "when",
                                    "while", "as", "after", "before", "to", "last", "told"):
            break
        if t.norm in SENTENCE_END_MARKS and (i + 1 >= hi or not toks[i + 1].is_word):
            break
        i += 1
        if i - start >= limit:
            break
    if i > start and doc._count_words(start, i) > 0:
        return (start, i)
    return None


def passive_agent(doc: Doc, by: int, hi: int) -> tuple[int, int] | None:
    """The agent of a passive: the noun phrase after "by" at token ``by`` (``was criticised
    by the minister``), before ``hi``.

    The phrase ends at a word that links a clause, or at "of" / "for" / "about" / "as"
    before a gerund ("accused by Trump of lying", "asked by reporters whether ...").
    None when token ``by`` is no "by", or the phrase holds no word or a date ("by Monday").
    """
    toks = doc.tokens
    if by + 1 >= hi or toks[by].norm != "by":
        return None
    got = noun_phrase_right(doc, by + 1, hi)
    if got is None:
        return None
    b0, b1 = got
    for k in range(b0 + 1, b1):
        if toks[k].norm in CLAUSE_LINKS or (
                toks[k].norm in ("of", "for", "about", "as") and k + 1 < b1 and toks[k + 1].norm.endswith("ing")):
            b1 = k  # "accused by Trump of lying", "asked by reporters whether ..."
            break
    words = [t for t in toks[b0:b1] if t.is_word]
    if not words or any(t.norm in DATE_WORDS for t in words):
        return None
    return (b0, b1)


def sentence_subject(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """The subject that opens the clause ``tokens[lo:hi]``: a capitalised noun-phrase run
    (``Rubio``, ``The Wisconsin Republican``) or a pronoun other than "it", as a token range.

    An opening phrase set off by a comma is skipped ("On Tuesday, Sanders went further").
    The run must be followed by a comma or a lower-case word (the verb); else None.
    """
    toks = tokens
    if lo < hi and toks[lo].norm in PHRASE_OPENERS:
        # "On Tuesday, Sanders went further, endorsing ...": the subject after the opening phrase
        k = lo
        while k < hi and toks[k].norm != "," and k - lo < 8:
            k += 1
        if k + 1 >= hi or toks[k].norm != ",":
            return None
        lo = k + 1
    if lo < hi and toks[lo].norm in SUBJECT_PRONOUNS and toks[lo].norm != "it":
        return (lo, lo + 1) if lo + 1 < hi and toks[lo + 1].is_word and not is_capitalised(toks[lo + 1]) else None
    i = lo
    n_cap = 0
    while i < hi:
        t = toks[i]
        if t.is_word and is_capitalised(t):
            n_cap += 1
        elif t.norm not in ("'s", "’s", ".", "-", "&") and not (i == lo and t.norm in ("the", "a", "an")):
            break
        i += 1
        if i - lo > 8:
            return None
    if n_cap == 0 or i >= hi or toks[i].norm in CLAUSE_LINKS:
        return None
    if toks[i].norm != "," and (not toks[i].is_word or is_capitalised(toks[i])):
        return None
    return (lo, i)
