"""Small synthetic tidy frames with the columns of :mod:`framecmp.schema`.

A plain module (not a conftest): tests import it as ``import conftest_frames``.
Everything is deterministic given ``seed``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framecmp import schema as C
from framecmp.scoring import Scores

TARGETS = ("france", "russia", "ecowas")
CATEGORIES = ("delegitimising", "militarising", "colonial")
AFFILIATIONS = ("mali", "france", "russia", "un")


# made-up frames in the real container (Scores has no behaviour these tests avoid)
FakeScores = Scores


def _frame(rows: list[dict[str, Any]], cols: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in cols:
        if c not in df:
            df[c] = None
    return df[cols]


def make_articles(outlets: dict[str, int], *, n_events: int = 2, seed: int = 0) -> pd.DataFrame:
    """Articles frame: ``outlets`` maps outlet -> number of articles."""
    rng = np.random.default_rng(seed)
    rows = []
    k = 0
    for outlet, n in outlets.items():
        for i in range(n):
            rows.append({
                "article_id": f"{outlet}-{i:02d}", "outlet": outlet, "title": f"T{k}",
                "date": pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(k % 30)),
                "event": f"ev{(i % n_events) + 1}" if n_events else None,
                "language": "en", "translated_from": None, "url": None,
                "n_words": int(rng.integers(300, 900)), "status": "ok", "n_removed": 0,
                "duplicate_of": None,
            })
            k += 1
    return _frame(rows, C.ARTICLES)


def make_scores(
    outlets: dict[str, int] | None = None,
    *,
    stance_means: dict[str, dict[str, float]] | None = None,
    n_events: int = 2,
    noise: float = 0.15,
    seed: int = 0,
) -> FakeScores:
    """A full set of frames for synthetic articles.

    ``stance_means[outlet][target]`` sets the author stance mean (default 0);
    holder "russia" also evaluates "france" (negative) in every article.
    """
    outlets = outlets or {"A": 5, "B": 5, "C": 5}
    stance_means = stance_means or {}
    rng = np.random.default_rng(seed)
    arts = make_articles(outlets, n_events=n_events, seed=seed)
    st, te, la, vo, sty, ev, att = [], [], [], [], [], [], []
    for rec in arts.to_dict("records"):
        aid, out, nw = str(rec["article_id"]), str(rec["outlet"]), int(rec["n_words"])
        for t in TARGETS:
            mu = stance_means.get(out, {}).get(t, 0.0)
            val = float(np.clip(mu + rng.normal(0, noise), -1, 1))
            n = int(rng.integers(1, 5))
            st.append({"article_id": aid, "outlet": out, "holder": "author", "target": t,
                       "n": n, "stance": val, "stance_sum": val * (n + 2),
                       "context_tone": float(rng.normal(0, 0.2)), "n_context": 1,
                       "n_evidence": n, "shrinkage_k": 2})
            ev.append({"article_id": aid, "outlet": out, "kind": "stance", "part": "body",
                       "start": 0, "end": 5, "text": "words", "label": "cue", "actor": t,
                       "holder": "author", "value": val})
        st.append({"article_id": aid, "outlet": out, "holder": "russia", "target": "france",
                   "n": 1, "stance": -0.5, "stance_sum": -1.5, "context_tone": 0.0,
                   "n_context": 0, "n_evidence": 1, "shrinkage_k": 2})
        for c in CATEGORIES:
            hits = int(rng.poisson(2 if out == "A" and c == "colonial" else 1))
            if hits:  # like the real scorer: no row for zero hits
                te.append({"article_id": aid, "outlet": out, "category": c, "hits": hits,
                           "per_1k_words": 1000 * hits / nw, "n_words": nw})
        lab = "junta" if out == "A" else ("transitional authorities" if out == "B" else
                                          str(rng.choice(["junta", "military government"])))
        la.append({"article_id": aid, "outlet": out, "referent": "mali_gov", "label": lab,
                   "entry_id": lab, "count": int(rng.integers(1, 4))})
        words = rng.integers(10, 100, size=len(AFFILIATIONS)).astype(float)
        for a, w in zip(AFFILIATIONS, words):
            vo.append({"article_id": aid, "outlet": out, "affiliation": a, "n_attributions": 1,
                       "quoted_words": w, "share": w / words.sum(), "anonymous_share": 0.0,
                       "direct_share": 0.5})
        sty.append({"article_id": aid, "outlet": out, "n_words": nw, "n_attributions": 4,
                    "attributed_share": float(rng.uniform(0.3, 0.9)),
                    "direct_quote_share": float(rng.uniform(0, 1)),
                    "anonymous_share": float(rng.uniform(0, 0.3)),
                    "loaded_cue_rate": float(rng.uniform(0, 0.5)),
                    "hedge_rate": float(rng.uniform(0, 0.2)), "unattributed_claims": 1})
        att.append({"article_id": aid, "outlet": out, "attribution_id": 0, "source": "x",
                    "source_type": "person", "affiliation": "mali", "cue": "said",
                    "cue_class": "neutral", "quote_type": "direct"})
    return FakeScores(
        articles=arts,
        evidence=_frame(ev, C.EVIDENCE),
        stance=_frame(st, C.STANCE),
        terms=_frame(te, C.TERMS),
        labels=_frame(la, C.LABELS),
        attribution=_frame(att, C.ATTRIBUTION),
        voices=_frame(vo, C.VOICES),
        style=_frame(sty, C.STYLE),
        mentions=_frame([], C.MENTIONS),
        removals=_frame([], C.REMOVALS),
        config={"shrinkage_k": 2, "lexicons": {"terms": "1.0"}},
    )


def with_articles(scores: FakeScores, articles: pd.DataFrame) -> FakeScores:
    """A copy of ``scores`` with another articles frame."""
    from dataclasses import replace

    return replace(scores, articles=articles)


def corpus_texts() -> pd.DataFrame:
    """Articles with text: two wire copies, two events, one unrelated story."""
    wire = ("Malian authorities on Monday ordered the French ambassador to leave the country "
            "within seventy two hours, citing hostile remarks by French officials about the "
            "transitional government, state television reported in a statement read out")
    wagner = ("Dozens of Wagner fighters and Malian soldiers were killed near Tinzaouaten in "
              "fighting with Tuareg rebels close to the Algerian border, the rebels said")
    return pd.DataFrame({
        "article_id": ["w1", "w2", "w3", "e1", "e2", "x1"],
        "outlet": ["A", "B", "C", "A", "B", "C"],
        "date": pd.to_datetime(["2023-01-31", "2023-01-30", "2023-02-01", "2024-07-29",
                                "2024-07-30", "2024-12-01"]),
        "text": [
            wire + ". Copyright A.",
            wire + ".",
            "Reuters: " + wire + " on Tuesday.",
            wagner + ". A spokesman confirmed the losses.",
            "Fighters of Wagner and the Malian army were killed by rebels near Tinzaouaten, "
            "the Tuareg rebels said on Sunday.",
            "The football season opened with a derby in Bamako attended by thousands of fans.",
        ],
    })
