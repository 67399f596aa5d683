"""The answer key's portrayal part: how each article portrays an actor, in plain words.

For each main actor and each excerpt's article, the role and the score of
``scores.portrayal`` ("Sputnik on Russia: neither clearly favourable nor unfavourable
overall (neutral), score +0.04") and the two or three evidence spans that moved it, in
their own words and whose voice they are ("“accused” (said by France, as the outlet
reports; unfavourable, -0.80)"). :mod:`framecmp.present.teach` puts these lines in the
answer key.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import pandas as pd

from framecmp.present import display
from framecmp.present.highlight import plain_why
from framecmp.present.markup import fmt, none_if_missing, scores_frame

__all__ = ["KeyArticle", "portrayal_items"]


class KeyArticle(Protocol):
    """What the key needs of an excerpt's article (a worksheet excerpt has it)."""

    @property
    def article_id(self) -> str: ...
    @property
    def outlet(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def sentences(self) -> tuple[tuple[int, int], ...]: ...


def _by_article(frame: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    return frame[frame["article_id"].astype(str).isin(ids)] if not frame.empty else frame


def _sentence_around(ex: KeyArticle, offset: int) -> tuple[int, int]:
    """Offsets of the sentence of the article around ``offset``."""
    i = bisect.bisect_right([s for s, _ in ex.sentences], offset) - 1
    if i >= 0 and ex.sentences[i][0] <= offset < ex.sentences[i][1]:
        return ex.sentences[i]
    return max(0, offset - 60), min(len(ex.text), offset + 60)


#: A portrayal role in a teacher's words.
_ROLE_WORDS: dict[str, str] = {
    "protagonist": "shown favourably (a protagonist)",
    "antagonist": "shown unfavourably (an antagonist)",
    "victim": "shown as harmed and not blamed (a victim)",
    "neutral": "neither clearly favourable nor unfavourable overall (neutral)",
}
#: Evidence kinds that move a portrayal score, most telling first.
_PORTRAYAL_KINDS = ("stance", "victim", "evaluation")


def _whose_words(holder: Any, explanation: Any = "") -> str:
    key = none_if_missing(holder)
    if key in (None, "author"):
        return "the outlet's own words"
    # an act of the holder ("Mali cut ties with Ukraine"), not words it said
    why = str(none_if_missing(explanation) or "")
    done = "(subject of the clause" in why or "(the clause's subject" in why
    if key in ("unknown", "other"):
        return ("done by " if done else "said by ") + display.holder_name(key)
    return f"{'done' if done else 'said'} by {display.holder_name(key)}, as the outlet reports"


def _clip(text: str, lo: int, hi: int, at: int, width: int = 140) -> str:
    """``text[lo:hi]`` (a sentence), cut to about ``width`` characters around offset ``at``."""
    if hi - lo <= width:
        return text[lo:hi].strip()
    a = max(lo, min(at - width // 2, hi - width))
    b = min(hi, a + width)
    a = text.rfind(" ", lo, a) + 1 if a > lo else lo
    b_space = text.find(" ", b, hi)
    b = hi if b_space < 0 else b_space
    piece = text[a:b].strip()
    opened, closed = _unbalanced(piece)
    # a cut inside a quotation keeps its marks paired, "[…]" inside them (as the worksheet does)
    head = ("“" * closed + "[…] ") if a > lo else ""
    tail = (" […]" + "”" * opened) if b < hi else ""
    return head + piece + tail


def _unbalanced(piece: str) -> tuple[int, int]:
    """(curly quotations ``piece`` opens and leaves open, closing marks it has with no opening)."""
    depth = unopened = 0
    for ch in piece:
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            else:
                unopened += 1
    return depth, unopened


def _moved_by(ev: pd.DataFrame, score: float, ex: KeyArticle, k: int = 3) -> list[str]:
    """Up to ``k`` evidence spans that moved a portrayal score, in words: the directed cues
    and harms (their words), pulling the way the score went; with fewer than two of them,
    the sentences the model read as most favourable or unfavourable."""
    if ev.empty:
        return []
    ev = ev.assign(_v=pd.to_numeric(ev["value"], errors="coerce").fillna(0.0))
    sign = 1.0 if score > 0.05 else -1.0 if score < -0.05 else 0.0

    def order(r: Mapping[Any, Any]) -> tuple[bool, float]:
        against = sign != 0 and float(r["_v"]) * sign <= 0 and r.get("kind") != "victim"
        return against, -abs(float(r["_v"]))

    rows = ev.to_dict("records")
    cues = sorted((r for r in rows if r.get("kind") in ("stance", "victim")), key=order)
    model = sorted((r for r in rows if r.get("kind") == "evaluation" and float(r["_v"]) != 0), key=order)
    out: list[str] = []
    seen: set[str] = set()
    for r in cues:
        words = str(r.get("text") or "").strip()
        if not words or words.lower() in seen:
            continue
        seen.add(words.lower())
        why = plain_why(r)
        if r.get("kind") == "victim":
            out.append(f"“{words}” (harmed here, not blamed)")
        else:
            tone = "favourable" if float(r["_v"]) > 0 else "unfavourable"
            out.append(f"“{words}” ({_whose_words(r.get('holder'), r.get('explanation'))}; {tone}, "
                       f"{fmt(r['_v'], signed=True)}" + (f": {why.rstrip('.')}" if why else "") + ")")
        if len(out) == k:
            return out
    sentences: set[tuple[int, int]] = set()
    for r in model:
        if len(out) >= max(2, len(cues[:k])):
            break
        lo, hi = _sentence_around(ex, int(r["start"]))
        if (lo, hi) in sentences:
            continue
        sentences.add((lo, hi))
        tone = "favourable" if float(r["_v"]) > 0 else "unfavourable"
        out.append(f"“{_clip(ex.text, lo, hi, int(r['start']))}” (about “{r.get('text')}”, "
                   f"{_whose_words(r.get('holder'))}; read by the model as {tone}, "
                   f"{fmt(r['_v'], signed=True)})")
    return out


def portrayal_items(scores: Any, excerpts: Sequence[KeyArticle], actors: Sequence[str]) -> list[str]:
    """For each actor and each excerpt's article: its role, its score and the spans that
    moved it ("How does the article portray Russia?")."""
    por = _by_article(scores_frame(scores, "portrayal"), [x.article_id for x in excerpts])
    if por.empty or not {"actor", "role", "score"} <= set(por.columns):
        return []
    ev = _by_article(scores_frame(scores, "evidence"), [x.article_id for x in excerpts])
    items = []
    for actor in actors:
        name = display.actor_name(actor)
        for x in excerpts:
            rows = por[(por["article_id"].astype(str) == x.article_id) & (por["actor"].astype(str) == actor)]
            if rows.empty:
                items.append(f"{x.outlet} on {name}: not mentioned in this article.")
                continue
            r = rows.iloc[0]
            score = float(r["score"])
            n = none_if_missing(r.get("n_mentions"))
            role = _ROLE_WORDS.get(str(r["role"]), str(r["role"]))
            mine = ev[(ev["article_id"].astype(str) == x.article_id) & (ev["actor"].astype(str) == actor)
                      & ev["kind"].isin(_PORTRAYAL_KINDS)] if not ev.empty else ev
            moved = _moved_by(mine, score, x)
            mentions = f", {int(n)} mention{'s' if int(n) != 1 else ''}" if n is not None else ""
            items.append(f"{x.outlet} on {name}: {role}, score {fmt(score, signed=True)} "
                         f"(from −1 unfavourable to +1 favourable{mentions})."
                         + (f" What moved it: {'; '.join(moved)}." if moved else ""))
    return items
