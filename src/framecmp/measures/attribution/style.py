"""Attribution's style summary and frame rows: the words credited to each voice
(:func:`voice_words_of`), the per-article STYLE summary (:func:`style_summary`), and the
rows of the ``attribution``, ``voices`` and ``style`` frames (:func:`attribution_rows`,
:func:`voices_rows`, :func:`style_row`)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from framecmp.measures.attribution.config import AttributionConfig
from framecmp.measures.attribution.records import Attribution, AttributionResult, voiced
from framecmp.records import Evidence
from framecmp.text.doc import Doc

__all__ = ["attribution_rows", "style_row", "style_summary", "voice_words_of", "voices_rows"]


def voice_words_of(doc: Doc, atts: Sequence[Attribution]) -> dict[str, int]:
    """Words of content credited to each attribution in a speaker's voice (by id).

    Each word of content counts once, for the innermost attribution that holds it: the
    one with the shortest content, the first of equal ones (as
    :meth:`AttributionResult.voice_of`). A word lies in a content when its token starts
    inside it, as for ``content_words``; the credited words of an attribution are at most
    its ``content_words``, and all of them together are the words of the union of the
    contents.
    """
    real = voiced(atts)
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


def style_summary(
    doc: Doc, atts: tuple[Attribution, ...], hedges: tuple[Evidence, ...], config: AttributionConfig,
    voice_words: Mapping[str, int],
) -> dict[str, Any]:
    """The per-article STYLE summary (``AttributionResult.style``): attributed, direct-quote
    and anonymous shares of the voiced words, loaded-cue and hedge rates, unattributed claims."""
    n_words = doc.n_words
    # learned (unlisted) cues are listed in the attribution table only: the measures stay the rules'
    real = voiced(atts)
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
    for a in voiced(result.attributions):
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

