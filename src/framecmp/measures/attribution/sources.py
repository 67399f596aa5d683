"""Who the source of an attribution is: :func:`classify_source`.

Sources are typed ``person``, ``institution``, ``anonymous``, ``document``,
``none`` (agentless: ``it was announced``, ``Asked about X``) or ``unfound``
(an active cue whose source the rules did not find); ``affiliation`` comes from
actor mentions inside the source, pronouns ("he said") resolve to the last
person or quoted source, a bare role ("the prime minister") to the person known
to hold it. :func:`participle_subject` gives a cue in a participle clause the
actor that opens the sentence.
"""

from __future__ import annotations

import bisect

from framecmp.measures.actors import Mention
from framecmp.measures.attribution.records import Draft, SourceInfo
from framecmp.measures.attribution.view import ArticleView
from framecmp.text.doc import POSSESSIVES
from framecmp.text.grammar import (
    HONORIFICS,
    NP_DETERMINERS,
    OBJECT_PRONOUNS,
    OPPONENTS,
    PARTICIPLE_OPENERS,
    PERSON_PRONOUNS,
    RULED_BY_DEMONYM,
    SUBJECT_PRONOUNS,
    is_capitalised,
)

__all__ = ["classify_source", "participle_subject"]

#: words that make a source indefinite ("a senior official", "several diplomats")
_INDEFINITE = frozenset({
    "a", "an", "one", "some", "several", "two", "three", "four", "many", "other",
    "another", "various", "numerous", "few", "most", "unnamed", "anonymous", "senior",
})

#: what ends the head of a source (its modifiers follow)
_HEAD_END = frozenset({",", "(", "who", "which", "whose", "—", "–"})


def classify_source(art: ArticleView, d: Draft, history: list[tuple[int, Draft, SourceInfo]]) -> SourceInfo:
    """The type, role, person and affiliation of a draft's source; ``history`` holds the
    sources classified before it (offset, draft, result), for pronouns and repeated heads."""
    toks = art.toks
    if d.source is None:
        # "none": nobody is said to speak (passive, "Asked about X, ..."); "unfound": an
        # active cue whose source the rules did not find
        return SourceInfo("none" if d.passive or d.rule == "asked" else "unfound")
    a, b = d.extra.get("antecedent", d.source)  # "X, who said": classify X
    # "said Steve Smith, a veteran editor who teaches at the University of Idaho": classify the
    # head, up to the first comma, parenthesis or relative pronoun; the modifiers only add a role
    # or an affiliation the head lacks
    hb = next((k for k in range(a + 1, b) if toks[k].norm in _HEAD_END), b)
    if hb < b and any(t.is_word for t in toks[a:hb]):
        got = _classify_range(art, d, a, hb, history)
        if got.role is None or got.affiliation is None:
            full = _classify_range(art, d, a, b, history)
            got.role = got.role or full.role
            got.affiliation = got.affiliation or full.affiliation
        return got
    return _classify_range(art, d, a, b, history)


def participle_subject(art: ArticleView, d: Draft) -> tuple[int, int] | None:
    """The source of a cue in a participle clause with no subject of its own: the actor that
    opens the sentence ("Mali last month cut ties with Ukraine after accusing Kiev of ...")."""
    assert d.cue is not None
    t = d.cue.tok_start
    if not art.toks[t].norm.endswith("ing") or t == 0 or d.sentence is None:
        return None
    prev = art.toks[t - 1].norm
    if prev not in PARTICIPLE_OPENERS and prev != ",":
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

_VIA_RANK = {"person": 0, "name": 1, "alias": 1, "demonym": 2, "metonym": 3}


#: possessives that point back to someone named before ("his country", "their government")
_THIRD_PERSON_POSSESSIVES = POSSESSIVES - {"our", "my", "your"}


def _possessor_affiliation(
    art: ArticleView, history: list[tuple[int, Draft, SourceInfo]], at: int
) -> str | None:
    """The actor of the nearest earlier speaker or person mention (for "his country")."""
    src_pos = next(((pos, src) for pos, _d, src in reversed(history) if src.affiliation and pos < at), None)
    mention = next((m for m in reversed(art.mentions) if m.via == "person" and m.start < at), None)
    if mention is not None and (src_pos is None or mention.start > src_pos[0]):
        return mention.actor
    return src_pos[1].affiliation if src_pos is not None else None


def _person_with_role(art: ArticleView, source_words: set[str], at: int, *,
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
    art: ArticleView, d: Draft, a: int, b: int, history: list[tuple[int, Draft, SourceInfo]]
) -> SourceInfo:
    toks = art.toks
    words = [t for t in toks[a:b] if t.is_word]
    if not words:
        return SourceInfo("none")
    cs, ce = toks[a].start, toks[b - 1].end
    p = OBJECT_PRONOUNS.get(words[0].norm, words[0].norm) if len(words) == 1 else ""
    if p in SUBJECT_PRONOUNS:
        if p in ("it", "there") and d.passive:
            return SourceInfo("none")
        # antecedent: last quoted source or last person mention before the cue
        ante: tuple[int, SourceInfo] | None = None
        ante_content: tuple[int, int] = (0, 0)
        for pos, _dd, src in reversed(history):
            if src.type in ("none", "unfound"):
                continue
            if (p not in PERSON_PRONOUNS and d.sentence is not None and _dd.sentence is not None
                    and d.sentence - _dd.sentence > _GROUP_PRONOUN_REACH):
                break  # "they"/"it": a group or institution named a while ago is not it
            if p in PERSON_PRONOUNS and src.type not in ("person", "anonymous"):
                continue
            if p == "it" and src.type not in ("institution", "document"):
                continue
            ante = (pos, src)
            ante_content = _dd.content
            break
        if p in PERSON_PRONOUNS:
            for m in reversed(art.mentions):
                if m.start < cs and m.via == "person":
                    # a person named inside what the last speaker said is not who "he" is:
                    # "Camara reiterated ... under President Goita. He stressed ..." is Camara
                    spoken_of = ante_content[0] <= m.start < ante_content[1]
                    if ante is None or (m.start > ante[0] and not spoken_of):
                        return SourceInfo("person", None, m.person, m.actor, f"p:{m.person}")
                    break
        if ante is not None:
            s = ante[1]
            return SourceInfo(s.type, s.role, s.person, s.affiliation, s.entity)
        if p == "they":
            return SourceInfo("unfound")  # a group the rules could not name: not an anonymous source
        return SourceInfo("person" if p in PERSON_PRONOUNS else "institution" if p == "it" else "anonymous")
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
    if affiliation is not None and any(t.norm in OPPONENTS for t in words):
        affiliation = None  # "Mali's critics", "opponents of the junta" do not speak for Mali
    classes: dict[str, str] = {}
    hits_inside = art.src_hits_within(cs, ce)
    for h in hits_inside:
        for k in h.keys:
            classes.setdefault(art.cfg.entries[k].get("class"), art.text[h.start : h.end])
    role = classes.get("role")
    head = words[-1].norm
    if persons:
        m = persons[-1]
        return SourceInfo("person", role, m.person, m.actor, f"p:{m.person}")
    if "document" in classes and head == classes["document"].split()[-1].lower():
        return SourceInfo("document", None, None, affiliation, f"d:{head}")
    first = words[0].norm
    named = [t for t in words if is_capitalised(t) and not any(
        m.start <= t.start < m.end for m in inside) and t.norm not in NP_DETERMINERS
        and not (t is words[0] and t.norm in _INDEFINITE)]
    in_lex = {i for h in hits_inside for i in range(h.tok_start, h.tok_end)}
    named = [t for t in named if art.doc.token_index(t.start) not in in_lex]
    role_words = set(classes.get("role", "").lower().split())
    named = [t for t in named if t.norm not in role_words]
    if "collective" in classes and not named:
        return SourceInfo("anonymous", role, None, affiliation, f"h:{head}")
    if "role" in classes:
        if first == "the" or (not named and first not in _INDEFINITE) or art.doc.part_at(cs) == "title":
            # "The French president" is Macron, not the Russian president named since: a
            # nationality in the phrase must be the person's own
            known = _person_with_role(art, {t.norm for t in words}, cs, actor=affiliation)
            if known is not None:  # "the prime minister" after "Prime Minister Choguel Maiga"
                return SourceInfo("person", role, known.person, known.actor, f"p:{known.person}")
        if named and head not in role_words:
            return SourceInfo("person", role, None, affiliation, f"n:{' '.join(t.norm for t in named)}")
        if first in _INDEFINITE or (head.endswith("s") and head not in role_words) or head.endswith("officials"):
            return SourceInfo("anonymous", role, None, affiliation, f"h:{head}")
        return SourceInfo("person", role, None, affiliation, f"h:{head}")
    if "institution" in classes:
        if affiliation is None and first in _THIRD_PERSON_POSSESSIVES:
            # "his country", "their government": the country of the one "his" points to
            affiliation = _possessor_affiliation(art, history, cs)
        return SourceInfo("institution", None, None, affiliation, f"i:{head}")
    if ranked and not named:
        return SourceInfo("institution", None, None, affiliation, f"a:{affiliation}")
    if named:
        # a long run of capitalised words is an organisation's name, unless honorifics show
        # people ("Mrs. Clinton and Ms. Warren")
        people = len(named) <= 3 or any(t.norm.rstrip(".") in HONORIFICS for t in words)
        return SourceInfo("person" if people else "institution", role, None, affiliation,
                    f"n:{' '.join(t.norm for t in named)}")
    if "document" in classes:
        return SourceInfo("document", None, None, affiliation, f"d:{head}")
    return SourceInfo("anonymous", role, None, affiliation, f"h:{head}")
