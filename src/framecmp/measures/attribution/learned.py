"""The glue between the attribution rules and the learned cue detectors.

:mod:`framecmp.measures.attribution.cue_model` (a logistic cue model) proposes cues
where the rules found none (:func:`learned_drafts`); the CRF cue tagger of
:mod:`framecmp.measures.attribution.cue_crf` tags cues with the rules' relations as
features (:func:`crf_drafts`). Either way a cue the reporting-verb lexicon does not
list gets a relation of rule ``learned`` (class ``unlisted``): listed in the
attribution table, not counted in the voices or the style measures.
:func:`learned_context` and :func:`crf_context` give the per-token context flags the
models read (also used by ``benchmarks/train_cue_model.py`` and ``train_cue_crf.py``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from framecmp.measures.attribution.config import LEARNED_CUE
from framecmp.measures.attribution.cue_crf import CueCRF
from framecmp.measures.attribution.cue_model import CueModel
from framecmp.measures.attribution.records import Draft
from framecmp.measures.attribution.relations import (
    ADVERBS_OR_BE,
    CUE_AUX,
    cue_end_tok,
    cue_with_aux,
)
from framecmp.measures.attribution.view import ArticleView, trim_chars
from framecmp.text.doc import POSSESSIVES, PhraseMatch, Sentence
from framecmp.text.grammar import BE_FORMS, NP_DETERMINERS, is_capitalised, is_ly_adverb

__all__ = ["crf_context", "crf_drafts", "learned_context", "learned_drafts"]


def learned_context(art: ArticleView, drafts: Sequence[Draft]) -> tuple[set[int], list[list[str]]]:
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
            t0, _p = cue_with_aux(art, d.cue, s.tok_start)
            taken.update(range(t0, cue_end_tok(art, d.cue, s.tok_end)))
            cue_sents.add(d.sentence)
        if d.rule != "scare":
            for i in range(bisect.bisect_left(starts, d.content[0]), bisect.bisect_left(starts, d.content[1])):
                if "inc" not in flags[i]:
                    flags[i].append("inc")
    for h in art.verb_hits:
        flags[h.tok_start].append("lex")
    _quote_flags(art, flags, starts, cue_sents)
    return taken, flags


def _quote_flags(art: ArticleView, flags: list[list[str]], starts: Sequence[int], cue_sents: set[int],
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


def learned_drafts(art: ArticleView, drafts: Sequence[Draft], model: CueModel) -> list[Draft]:
    """Relations for the cues the learned model proposes where the rules found none.

    The source is the noun phrase before the cue (as for a lexicon cue); the
    content is what follows the cue in its sentence, or else what precedes
    the source (a quote or the clause).
    """
    toks = art.toks
    taken, flags = learned_context(art, drafts)
    out: list[Draft] = []
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


def _learned_draft(art: ArticleView, s: Sentence, t0: int, t1: int) -> Draft | None:
    """The relation of a learned cue at tokens ``t0:t1`` of sentence ``s`` (None: no content found)."""
    toks = art.toks
    lo, hi = s.tok_start, s.tok_end
    m = PhraseMatch(toks[t0].start, toks[t1 - 1].end, t0, t1, (LEARNED_CUE.id,), art.text[toks[t0].start : toks[t1 - 1].end])
    before = t0
    while before > lo and toks[before - 1].norm in ADVERBS_OR_BE:
        before -= 1
    prev = toks[before - 1].norm if before > lo else ""
    src: tuple[int, int] | None
    if prev in POSSESSIVES:
        src = (before - 1, before)  # "his support for", "their plans"
    elif prev in ("'s", "’s"):
        j = before - 1  # "Trump's plans": the name before the possessive
        while j > lo and toks[j - 1].is_word and is_capitalised(toks[j - 1]):
            j -= 1
        src = (j, before) if j < before - 1 else None
    elif prev in NP_DETERMINERS:
        src = None  # "the decision", "a view": a noun with no speaker before it
    else:
        src = art.source_left_np(before, lo)
        if src is None and prev == ",":
            src = art.source_appos_left(before, lo)
    if src is not None and any(t.norm in BE_FORMS or t.norm in CUE_AUX for t in toks[src[0] : src[1]]):
        src = None  # "Wagner Group were killed in an attack reportedly ...": a clause, not a speaker
    agentless = t1 - t0 == 1 and is_ly_adverb(toks[t0])
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
        cont = trim_chars(art.text, toks[k].start, c1)
    else:
        cont = art.content_before(src[0] if src else before, lo, s.start)
    if cont is None or cont[1] <= cont[0]:
        return None
    d = Draft(src, m, cont, "learned", s.index)
    d.passive = agentless
    d.channel = art.channel_after(t1, hi)
    d.anonymous_marker = art.anonymity_marked(s)
    return d


def _rule_cue_span(art: ArticleView, d: Draft) -> tuple[int, int] | None:
    """Token span ``(t0, t1)`` of a rule draft's cue as reported (with its auxiliaries), or None."""
    if d.cue is None or d.sentence is None:
        return None
    s = art.doc.sentences[d.sentence]
    t0, _p = cue_with_aux(art, d.cue, s.tok_start)
    return t0, cue_end_tok(art, d.cue, s.tok_end)


def crf_context(art: ArticleView, drafts: Sequence[Draft]) -> list[list[str]]:
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


def crf_drafts(art: ArticleView, drafts: list[Draft], model: CueCRF) -> list[Draft]:
    """The rules' relations combined with the cue CRF's tags (see ``CueCRF.mode``).

    A tagged span that overlaps no rule cue gets its own relation (rule
    ``learned``, as for :class:`CueModel` proposals). In mode ``trim`` a rule cue
    that a tagged span overlaps reports the tagged span; in mode ``filter``
    rule cues that no tagged span overlaps are dropped as well; mode ``veto``
    drops those but keeps the rules' spans of the others.
    """
    toks = art.toks
    flags = crf_context(art, drafts)
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
    out: list[Draft] = []
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
