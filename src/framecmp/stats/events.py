"""Events: which articles report the same happening (suggested, for a person to edit)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from framecmp import schema
from framecmp.io.dedupe import link_components

__all__ = ["suggest_events"]


def suggest_events(
    articles: pd.DataFrame,
    *,
    text_col: str = "text",
    date_col: str = "date",
    id_col: str = "article_id",
    max_days: float = 7,
    threshold: float = 0.3,
    n_label_terms: int = 3,
    stop_words: str | list[str] | None = "english",
) -> pd.DataFrame:
    """Propose an ``event`` column: articles about the same happening, close in time.

    Texts are turned into TF-IDF vectors (scikit-learn, sublinear term
    frequency). Two articles are linked when their cosine similarity is at least
    ``threshold`` and their dates lie at most ``max_days`` apart (an article
    without a date is compared with all). Events are the connected components of
    these links (single linkage: a chain of close stories becomes one event;
    raise ``threshold`` to split). Only date-close pairs are compared, in blocks,
    so large corpora stay tractable.

    The suggestion is meant to be read and edited: copy ``suggested_event`` into
    the articles' ``event`` column, fix what is wrong, and
    :func:`framecmp.stats.compare.compare` will use what you keep.

    Parameters
    ----------
    articles : DataFrame
        With ``id_col``, ``text_col`` and (optionally) ``date_col``.
    max_days : float
        Largest date distance, in days, between linked articles.
    threshold : float
        Smallest TF-IDF cosine similarity between linked articles.
    n_label_terms : int
        Terms in the readable label.
    stop_words : "english", list or None
        Passed to :class:`~sklearn.feature_extraction.text.TfidfVectorizer`.

    Returns
    -------
    pandas.DataFrame
        ``article_id, suggested_event, event_terms, event_size, first_date,
        last_date``; ``suggested_event`` is a readable label like
        ``"2023-06-16 ambassador / expelled / french"`` (first date and top
        TF-IDF terms of the event), unique per event.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "article_id": ["a", "b", "c"],
    ...     "date": ["2023-06-16", "2023-06-17", "2024-07-29"],
    ...     "text": ["Mali expels the French ambassador", "French ambassador expelled by Mali",
    ...              "Wagner fighters killed near Tinzaouaten"]})
    >>> suggest_events(df)["suggested_event"].nunique()
    2
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    func = "suggest_events"
    df = schema.require(articles, func, [id_col, text_col])
    cols = ["article_id", "suggested_event", "event_terms", "event_size", "first_date",
            "last_date"]
    n = len(df)
    if n == 0:
        return pd.DataFrame(columns=cols)
    texts = df[text_col].fillna("").astype(str).tolist()
    vec = TfidfVectorizer(sublinear_tf=True, stop_words=stop_words, min_df=1,
                          token_pattern=r"(?u)\b[^\W\d_]{2,}\b", dtype=np.float64)
    try:
        X = vec.fit_transform(texts).tocsr()
        vocab = np.asarray(vec.get_feature_names_out())
    except ValueError:  # empty vocabulary
        from scipy.sparse import csr_matrix

        X = csr_matrix((n, 0))
        vocab = np.asarray([], dtype=object)
    if date_col in df:
        dates = pd.to_datetime(df[date_col], errors="coerce")
    else:
        dates = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    days = ((dates - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy(dtype=float)
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))

    ei: list[np.ndarray] = []
    ej: list[np.ndarray] = []

    def link(rows_a: np.ndarray, rows_b: np.ndarray) -> None:
        if len(rows_a) == 0 or len(rows_b) == 0:
            return
        sim = (X[rows_a] @ X[rows_b].T).tocoo()
        ok = sim.data >= threshold
        a, b = rows_a[sim.row[ok]], rows_b[sim.col[ok]]
        if len(dated) and len(rows_a) and not np.isnan(days[rows_a]).all():
            close = ~(np.abs(days[a] - days[b]) > max_days)  # NaN dates count as close
            a, b = a[close], b[close]
        ei.append(a)
        ej.append(b)

    order = dated[np.argsort(days[dated], kind="stable")]
    sd = days[order]
    block = 2000
    for s in range(0, len(order), block):
        rows_a = order[s:s + block]
        lo = np.searchsorted(sd, sd[s] - max_days, side="left")
        hi = np.searchsorted(sd, sd[min(s + block, len(order)) - 1] + max_days, side="right")
        link(rows_a, order[lo:hi])
    for s in range(0, len(undated), block):
        link(undated[s:s + block], np.arange(n))

    i = np.concatenate(ei) if ei else np.empty(0, dtype=np.int64)
    j = np.concatenate(ej) if ej else np.empty(0, dtype=np.int64)
    labels = link_components(n, i, j)

    # order events by first date, then position, for stable readable names
    first_day = pd.Series(days).groupby(labels).min().fillna(np.inf)
    first_pos = pd.Series(np.arange(n)).groupby(labels).min()
    ev_order = sorted(first_day.index, key=lambda e: (first_day[e], first_pos[e]))
    names: dict[int, str] = {}
    terms_of: dict[int, str] = {}
    used: set[str] = set()
    for e in ev_order:
        members = np.flatnonzero(labels == e)
        if X.shape[1]:
            centroid = np.asarray(X[members].sum(axis=0)).ravel()
            top = np.argsort(-centroid, kind="stable")[:n_label_terms]
            words = [str(vocab[t]) for t in top if centroid[t] > 0]
        else:
            words = []
        md = dates.iloc[members].dropna()
        stem = (md.min().strftime("%Y-%m-%d") + " ") if len(md) else ""
        name = stem + (" / ".join(words) if words else "(no words)")
        base, k = name, 2
        while name in used:
            name, k = f"{base} ({k})", k + 1
        used.add(name)
        names[e] = name
        terms_of[e] = ", ".join(words)
    sizes = pd.Series(labels).value_counts()
    ev_first = dates.groupby(labels).min()
    ev_last = dates.groupby(labels).max()
    out = pd.DataFrame({
        "article_id": df[id_col].to_numpy(),
        "suggested_event": [names[e] for e in labels],
        "event_terms": [terms_of[e] for e in labels],
        "event_size": [int(sizes[e]) for e in labels],
        "first_date": ev_first.reindex(labels).to_numpy(),
        "last_date": ev_last.reindex(labels).to_numpy(),
    }, index=df.index)
    out.attrs.update({"threshold": threshold, "max_days": max_days,
                      "n_events": len(ev_order)})
    return out
