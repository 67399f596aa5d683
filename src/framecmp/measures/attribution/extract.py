"""Attribution's entry point: :func:`extract_attributions` (one analysed article to an
:class:`~framecmp.measures.attribution.records.AttributionResult`).

The rules' relations (:mod:`framecmp.measures.attribution.relations`), with the learned
cue detector's if configured (:mod:`framecmp.measures.attribution.learned`), then the
continuation quotes (a cue-less direct quote after a quoted speaker keeps that speaker)
and scare quotes, the sources classified in text order
(:mod:`framecmp.measures.attribution.sources`), the hedges, and the records, evidence
and style summary (:mod:`framecmp.measures.attribution.style`).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

from framecmp._validation import type_error
from framecmp.measures.actors import Mention
from framecmp.measures.attribution.config import AttributionConfig
from framecmp.measures.attribution.cue_crf import CueCRF
from framecmp.measures.attribution.learned import crf_drafts, learned_drafts
from framecmp.measures.attribution.records import Attribution, AttributionResult, Draft, SourceInfo
from framecmp.measures.attribution.relations import cue_end_tok, cue_with_aux, find_relations
from framecmp.measures.attribution.sources import classify_source, participle_subject
from framecmp.measures.attribution.style import style_summary, voice_words_of
from framecmp.measures.attribution.view import ArticleView, trim_chars
from framecmp.records import Evidence
from framecmp.text.doc import Doc, PhraseMatch, Token
from framecmp.text.grammar import (
    AUXILIARIES,
    NEGATORS,
    NP_DETERMINERS,
    SpanCover,
    looks_like_verb,
)

__all__ = ["extract_attributions"]


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
        raise type_error("config", "find_attributions",
                         "an AttributionConfig (from load_attribution_config())", config)
    art = ArticleView(doc, config, mentions)
    art.people_roles = dict(people_roles or {})
    drafts = find_relations(art)
    if isinstance(config.cue_model, CueCRF):
        drafts = crf_drafts(art, drafts, config.cue_model)
    elif config.cue_model is not None:
        drafts += learned_drafts(art, drafts, config.cue_model)
    # continuation quotes and scare quotes
    is_covered = SpanCover([(d.content[0], d.content[1]) for d in drafts]).nested

    par_of_quote = {id(q): q.paragraph for q in art.quotes}
    direct_drafts: list[tuple[int, Draft]] = []
    for d in drafts:
        q = art.quote_containing(d.content[0])
        if q is not None and q.start == d.content[0]:
            direct_drafts.append((q.paragraph, d))
    extra: list[Draft] = []
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
            nd = Draft(d0.source, None, (q.start, q.end), "continuation",
                        sent.index if sent else None, channel=d0.channel)
            nd.pronoun_of = d0
            nd.anonymous_marker = d0.anonymous_marker
            extra.append(nd)
        elif nw <= config.scare_max_words:
            sent = doc.sentence_at(q.start)
            extra.append(Draft(None, None, (q.start, q.end), "scare", sent.index if sent else None))
    drafts += extra
    drafts.sort(key=lambda d: (d.cue.start if d.cue is not None else d.content[0]))
    for d in drafts:
        if d.source is None and d.cue is not None and not d.passive:
            d.source = participle_subject(art, d)
    # classify with history (pronouns)
    history: list[tuple[int, Draft, SourceInfo]] = []
    srcs: dict[int, SourceInfo] = {}
    for d in drafts:
        if d.rule == "scare":
            src = SourceInfo("none")
        elif d.pronoun_of is not None and id(d.pronoun_of) in srcs:
            src = srcs[id(d.pronoun_of)]
        else:
            src = classify_source(art, d, history)
        if src.entity and src.entity.startswith("h:") and (src.affiliation is None or src.role is None):
            for _pos, _d, prev in reversed(history):
                if prev.entity == src.entity:
                    src = SourceInfo(src.type, src.role or prev.role, src.person, src.affiliation or prev.affiliation, src.entity)
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
        c0, c1 = trim_chars(doc.text, c0, c1)
        inner = art.quotes_around(c0, c1) if d.rule != "scare" else []
        if d.rule != "scare" and d.cue is not None and not inner:
            whole = c1
            c1 = _leading_clause_end(doc, d.cue.start, c0, c1, art.toks[d.source[0]].start if d.source else None)
            if d.source and d.source[1] - d.source[0] == 1 and art.toks[d.source[0]].norm in ("who", "which") \
                    and d.source[0] > 0 and art.toks[d.source[0] - 1].norm == ",":
                c1 = _relative_clause_end(doc, c0, c1)
            if c1 != whole:
                inner = art.quotes_around(c0, c1)
        if c1 <= c0:
            continue
        nwords = doc._count_words(doc.token_index(c0), doc.token_index(c1))
        if d.rule == "scare":
            qtype = "scare"
        else:
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
            cue_tok0, _p = cue_with_aux(art, cue, sent_obj.tok_start if sent_obj is not None else 0)
            cue_start = art.toks[cue_tok0].start
            cue_tok1 = cue_end_tok(art, cue, sent_obj.tok_end if sent_obj is not None else len(art.toks))
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
    voice_words = voice_words_of(doc, out_t)
    style = style_summary(doc, out_t, hedge_ev, config, voice_words)
    denials = {a.id: denied_end(doc, a.content_start, a.content_end, _next_acts(a, out_t)) for a in out_t
               if a.cue_id is not None and a.cue_start is not None and config.entries[a.cue_id].get("denies")
               and not _negated_cue(doc, a.cue_start, a.cue_end or a.cue_start)}
    return AttributionResult(out_t, tuple(evidence) + hedge_ev, style, hedge_ev, voice_words=voice_words,
                             denials=denials, quoted_denials=_quoted_denials(doc, out_t, config, art.verb_hits))


#: the speaker's own "we" / "I" before a denial inside its quotation ("“We deny that ...”")
_FIRST_PERSON = frozenset({"we", "i"})
#: words before that "we" that make it no denial of the speaker's ("Can we deny", "If we deny")
_NOT_OWN_DENIAL = frozenset("can could would should if whether when unless why how".split())


def _quoted_denials(doc: Doc, atts: Sequence[Attribution], config: AttributionConfig,
                    verb_hits: Sequence[PhraseMatch]) -> dict[str, tuple[str, int, int, int, int]]:
    """The speakers who deny something in their own quoted words ("“We categorically deny that
    Wagner killed civilians,” the Kremlin said"): attribution id -> (the denial's words, its
    start and end, where the denied words start and end). ``verb_hits``: the reporting-verb
    lexicon's matches in the whole document, in text order."""
    out: dict[str, tuple[str, int, int, int, int]] = {}
    toks = doc.tokens
    starts: list[int] | None = None
    for a in atts:
        if a.quote_type not in ("direct", "partial"):
            continue
        if starts is None:
            starts = [h.tok_start for h in verb_hits]
        t0, t1 = doc.token_index(a.content_start), doc.token_index(a.content_end)
        for h in config.verb_matcher.find_within(toks, verb_hits, starts, t0, t1):
            if not any(config.entries[k].get("denies") for k in h.keys if k in config.entries):
                continue
            j = h.tok_start - 1
            while j >= t0 and ((len(toks[j].norm) > 4 and toks[j].norm.endswith("ly"))
                               or (toks[j].norm == "," and j > t0 and toks[j - 1].norm.endswith("ly"))):
                j -= 1  # "We categorically deny", "We categorically, firmly deny"
            if j < t0 or toks[j].norm not in _FIRST_PERSON or _negated_cue(doc, h.start, h.end):
                continue
            if j > t0 and toks[j - 1].norm in _NOT_OWN_DENIAL:
                continue  # "Can we deny ...", "If we deny ...": no denial of the speaker's
            sent = doc.sentence_at(h.start)
            if sent is None or not (j == t0 or j == sent.tok_start) or any(
                    t.norm == "?" for t in toks[h.tok_end:min(sent.tok_end, t1)]):
                continue  # only where "we" / "I" opens the quotation or its sentence, and no question
            c0 = toks[h.tok_end].start if h.tok_end < len(toks) else h.end
            end = min(denied_end(doc, c0, a.content_end), sent.end)
            for k in range(h.tok_end, min(t1, sent.tok_end) - 1):
                if toks[k].norm == "and" and (toks[k + 1].norm in _FIRST_PERSON or (
                        toks[k + 1].text[:1].islower() and toks[k + 1].norm not in NP_DETERMINERS
                        and toks[k + 1].norm not in _ADVERBS_BEFORE_VERB and toks[h.tok_end].norm != "that")):
                    end = min(end, toks[k].start)  # "“I reject accusations against Russia and condemn France”"
                    break
            out[a.id] = (doc.text[h.start:h.end], h.start, h.end, c0, end)
            break
    return out


#: words after a comma that open another clause, and after which a denial ends
_CLAUSE_AFTER_COMMA = frozenset("and but while although though whereas yet even as".split())


#: words before a denial that turn it into an assent ("few would deny that", "did not deny")
_DENIAL_NEGATORS = NEGATORS | {"few"}


def _negated_cue(doc: Doc, cue_start: int, cue_end: int) -> bool:
    """Whether a negation stands in the cue ``[cue_start, cue_end)`` (its auxiliaries: "did not
    deny") or right before it past auxiliaries ("Few would deny that ...")."""
    def negator(t: Token) -> bool:
        return t.norm in _DENIAL_NEGATORS or t.norm.endswith("n't")

    i, j = doc.token_index(cue_start), doc.token_index(cue_end)
    k = i - 1
    while k >= 0 and doc.tokens[k].norm in AUXILIARIES:
        k -= 1
    return any(negator(t) for t in doc.tokens[i:j]) or (k >= 0 and negator(doc.tokens[k]))


#: adverbs between "and" and the verb of the denier's next act ("and *even* suggested")
_ADVERBS_BEFORE_VERB = frozenset("even also then later again still".split())
#: words that open a clause before the main clause ("*While* Russia denied ..., its media ...")
_LEADING_SUBORDINATORS = frozenset("while although though whereas as because since if when after before once until unless".split())


def _leading_clause_end(doc: Doc, cue: int, c0: int, c1: int, source: int | None) -> int:
    """Where reported words in a clause that opens the sentence end: at the comma before the
    main clause ("After China proposed its tariffs, Trump blamed ...": the tariffs are what was
    proposed, not Trump's blame; :func:`_main_clause_comma`). Only where the opener is followed
    by the source and its reporting word ("After the UN said ...", not "After the summit Biden
    said ..."), no comma stands before the reporting word, and not after "As X said / noted"
    (the main clause is what was said: "As Vox has explained, there is no way ...")."""
    sent = doc.sentence_at(cue)
    if sent is None or source is None:
        return c1
    toks = doc.tokens
    i, j = doc.token_index(c0), doc.token_index(c1)
    k0, s0 = doc.token_index(cue), doc.token_index(source)
    opener = toks[sent.tok_start].norm
    if opener not in _LEADING_SUBORDINATORS or any(t.norm == "," for t in toks[sent.tok_start:k0]):
        return c1
    if not all(t.norm in NP_DETERMINERS for t in toks[sent.tok_start + 1:s0]):
        return c1
    if opener == "as" and toks[k0].norm in _AS_SAID_CUES:
        return c1
    k = _main_clause_comma(toks, i, j)
    return toks[k].start if k is not None else c1


def _relative_clause_end(doc: Doc, c0: int, c1: int) -> int:
    """Where the words reported in a relative clause between commas end ("Macron, who
    criticized Mali, said ...": "Mali"): at the comma before the main clause's verb."""
    toks = doc.tokens
    i, j = doc.token_index(c0), doc.token_index(c1)
    for k in range(i + 1, min(j, len(toks) - 1)):
        nxt = toks[k + 1]
        if toks[k].norm == "," and nxt.text[:1].islower() and (looks_like_verb(nxt.norm) or nxt.norm in AUXILIARIES):
            return toks[k].start
    return c1


#: reporting words after which "As X ..., <main clause>" makes the main clause what was said
_AS_SAID_CUES = frozenset(
    "said says say noted notes note explained explains wrote writes reported reports put argued argues "
    "observed observes pointed points warned warns predicted predicts suggested suggests acknowledged "
    "told tells stated states added recalled remarked mentioned claimed claims insisted conceded has "
    "have had described describes".split())
#: the verbs of a speaker's tag at the end of a sentence (", NBC said.")
_TAG_VERBS = frozenset("said says reported reports added adds told wrote writes according".split())
#: words that open no main clause after a comma
_NOT_A_SUBJECT = frozenset("and or but which who whom whose that not where when while although though as "
                           "including even particularly especially than".split())


def _main_clause_comma(toks: Sequence[Token], i: int, j: int) -> int | None:
    """The last comma in tokens ``[i, j)`` after which a main clause starts: words that can be a
    subject (not "which", "and", a number, a verb), then a lower-case verb before any
    punctuation ("..., *France and the EU condemned* Wagner"; in "said Russia, China and Iran
    were threats, Biden disagreed" the later comma; not ", its former colonial ruler," nor
    "1,200")."""
    found = None
    for k in range(i + 1, min(j, len(toks) - 1)):
        if toks[k].norm != ",":
            continue
        first = toks[k + 1]
        if (not first.is_word or first.norm in _NOT_A_SUBJECT or first.norm[:1].isdigit()
                or looks_like_verb(first.norm)):
            continue
        rest = [t.norm for t in toks[k + 1:j] if t.is_word]
        if len(rest) <= 6 and any(n in _TAG_VERBS for n in rest):
            continue  # ", NBC said.": a speaker's tag, not the main clause
        for q in range(k + 2, min(k + 8, j)):
            t = toks[q]
            if not t.is_word:
                break
            if t.text[:1].islower() and (looks_like_verb(t.norm) or t.norm in AUXILIARIES):
                found = k
                break
    return found


def _list_comma(toks: Sequence[Token], k: int, j: int) -> bool:
    """Whether the comma at token ``k`` separates the items of a list ("sending troops, arms and
    money"): one to three words, then "and" / "or" and a last item with no verb before the next
    comma ("..., France and the EU *condemned* Wagner" is the main clause, not the list)."""
    for q in range(k + 2, min(k + 5, j)):
        if toks[q].norm in ("and", "or"):
            if not all(t.is_word for t in toks[k + 1:q]):
                return False
            for t in toks[q + 1:min(q + 6, j)]:
                if not t.is_word:
                    break
                if looks_like_verb(t.norm) and t.text[:1].islower():
                    return False
            return True
        if not toks[q].is_word:
            return False
    return False


def _next_acts(a: Attribution, atts: Sequence[Attribution]) -> frozenset[int]:
    """Where the same source's other reporting words start (its next speech acts)."""
    if a.source_start is None:
        return frozenset()
    return frozenset(b.cue_start for b in atts
                     if b is not a and b.source_start == a.source_start and b.cue_start is not None)


def denied_end(doc: Doc, c0: int, c1: int, next_acts: frozenset[int] = frozenset()) -> int:
    """Where the words a source denies end inside the content ``[c0, c1)``: before a comma and
    a conjunction ("Russia denied any involvement, but ...", ", even as ...") or, after a noun
    phrase, before "and" / "but" and a verb ("Mali rejected ECOWAS's decision and praised
    Russia": the praise is not denied); before "and" and the source's own next reporting words
    (``next_acts``, their start offsets: "denied that Wagner had killed civilians and accused
    France of lying": the accusation is the denier's, not denied)."""
    toks = doc.tokens
    i, j = doc.token_index(c0), doc.token_index(c1)
    # inside a denied "that" clause "and" + a verb is more of it ("denied that Mali had expelled
    # the ambassador and cut ties with France"); after a gerund a verb not in -ing is the
    # denier's next act ("denied supporting Wagner and condemned ECOWAS")
    that_clause = i < len(toks) and toks[i].norm in ("that", "having")
    # a denial in a clause that opens the sentence ("While Russia has denied sending troops, its
    # media ..."): the main clause after the comma is not denied
    sent = doc.sentence_at(c0)
    leading = sent is not None and toks[sent.tok_start].norm in _LEADING_SUBORDINATORS and not any(
        t.norm == "," for t in toks[sent.tok_start:i])  # (not "As expected, Russia denied that ...")
    # its end: the comma before the main clause, else the first comma that is no list comma
    main = _main_clause_comma(toks, i, j) if leading else None
    for k in range(i + 1, min(j, len(toks) - 1)):
        n, nxt = toks[k].norm, toks[k + 1]
        if n == "and" and nxt.start in next_acts:
            return toks[k].start
        if n == "," and (nxt.norm in _CLAUSE_AFTER_COMMA or (
                leading and (k == main if main is not None else not _list_comma(toks, k, j)))):
            return toks[k].start
        if not that_clause and n in ("and", "but") and nxt.norm in _ADVERBS_BEFORE_VERB and k + 2 < j:
            nxt = toks[k + 2]  # "denying reports that he groped women and *even* suggested ..."
        if (not that_clause and n in ("and", "but") and nxt.text[:1].islower() and not nxt.norm.endswith("ing")
                and looks_like_verb(nxt.norm)):
            return toks[k].start
    return c1


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

