"""compare() tables as HTML, with a plain-language reading.

A :func:`framecmp.stats.compare.compare` frame becomes the full table (flagged rows
say why they have no interval), or, when every row is flagged, a compact table (one
row per item, one column per outlet) with the full table folded below it; the notes
go under the table, and a few sentences say what the numbers can and cannot show.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from framecmp.present import display
from framecmp.present.highlight import shown_value
from framecmp.present.markup import Raw, esc, fmt, none_if_missing, para, table, tag

__all__ = ["Compared", "comparison_body", "READINGS", "ITEM_HEADERS", "KEY_HEADERS"]

#: What the numbers of each measure mean, opening the reading under its table.
READINGS: dict[str, str] = {
    "portrayal": (
        "Portrayal runs from −1 (unfavourable) through 0 to +1 (favourable), all voices of "
        "an article together; each article's score is shrunk toward 0 when the actor is "
        "mentioned little."
    ),
    "stance": (
        "Stance runs from −1 (hostile) through 0 (neutral or no evaluation) to +1 "
        "(favourable). Each article's score is shrunk toward 0 when it has little "
        "evidence, so a score near 0 can mean 'balanced' or 'little said'."
    ),
    "terms": (
        "Loaded-term rates are hits per 1,000 words. A higher rate means more words from "
        "the lexicon, not necessarily a more biased article: quotations count too."
    ),
    "attribution": (
        "Attribution shares describe who speaks in the articles: the share of quoted words "
        "per affiliation, how many sources are anonymous, how many quotes are direct."
    ),
}


def _flag_text(value: Any) -> str | None:
    """What a compare() ``flag`` cell says, or None when the row is not flagged."""
    v = none_if_missing(value)
    if v is None or v is False:
        return None
    if isinstance(v, str):
        return None if v.strip().lower() in ("", "false", "ok", "none") else v
    return "too few articles" if v else None


def _is_flagged(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a compare() frame are flagged."""
    if "flag" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["flag"].map(lambda v: _flag_text(v) is not None).astype(bool)


#: Column headings of the item (and key) columns in compact tables, by measure.
ITEM_HEADERS: dict[str, str] = {
    "stance": "Actor", "portrayal": "Actor", "terms": "Kind of word", "labels": "Label",
    "attribution": "What is measured", "voices": "Side quoted",
}
KEY_HEADERS: dict[str, str] = {"holder": "Whose voice", "referent": "Named thing"}


def _key_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in ("holder", "referent") if c in frame.columns and frame[c].notna().any()]


def _compare_table(frame: pd.DataFrame, *, caption: str, note_column: bool = True,
                   measure: str | None = None) -> str:
    """A compare() frame as a table; flagged rows show why instead of an interval."""
    keys = _key_columns(frame)
    headers = ["Group", *[KEY_HEADERS.get(k, k.capitalize()) for k in keys],
               ITEM_HEADERS.get(measure or "", "Item"), "Articles", "Mean",
               "95% interval", "Rest mean", "Difference", "Cliff's delta", "p (adjusted)"]
    if note_column:
        headers.append("Note")
    rows = []
    for _, r in frame.iterrows():
        flag = _flag_text(r.get("flag"))
        if flag is not None:
            interval: Any = Raw(tag("span", esc(flag), class_="fc-flag"))
        else:
            interval = f"{fmt(r.get('ci_low'))} to {fmt(r.get('ci_high'))}"
        row = [r.get("group"), *[shown_value(k, r.get(k)) for k in keys],
               shown_value("item", r.get("item"), measure),
               fmt(r.get("n_articles"), 0), fmt(r.get("mean")), interval,
               fmt(r.get("rest_mean")), fmt(r.get("effect_size"), signed=True),
               fmt(r.get("cliffs_delta"), signed=True), fmt(r.get("p_adjusted"), 3)]
        if note_column:
            row.append(r.get("note"))
        rows.append(row)
    k = len(keys)
    return table(headers, rows, caption=caption,
                 numeric=tuple(i + k for i in (2, 3, 5, 6, 7, 8)))


def _pivot_table(frame: pd.DataFrame, *, caption: str, measure: str,
                 order: Sequence[str] | None = None) -> tuple[str, bool]:
    """A compact view of a compare() frame: one row per item, one column per outlet.

    Returns the table and whether every cell rests on the same number of articles
    (then the cells leave the number out).
    """
    keys = _key_columns(frame)
    groups = sorted(dict.fromkeys(str(g) for g in frame["group"]))
    ns = pd.to_numeric(frame.get("n_articles", pd.Series(dtype=float)), errors="coerce").dropna()
    same_n = ns.nunique() <= 1
    cells: dict[tuple[Any, ...], dict[str, str]] = {}
    for _, r in frame.iterrows():
        key = (*[none_if_missing(r.get(k)) for k in keys], none_if_missing(r.get("item")))
        n = none_if_missing(r.get("n_articles"))
        text = fmt(r.get("mean"), signed=measure == "stance")
        if not same_n and n is not None and text != "–":
            text += f" (n={int(n)})"
        cells.setdefault(key, {})[str(r.get("group"))] = text
    row_keys = list(cells)
    if order is not None:
        rank = {str(v): i for i, v in enumerate(order)}
        row_keys.sort(key=lambda k: rank.get(str(k[-1]), len(rank)))
    headers = [*[KEY_HEADERS.get(k, k.capitalize()) for k in keys],
               ITEM_HEADERS.get(measure, "Item"), *groups]
    cols = [*keys, "item"]
    rows = [[*[shown_value(c, v, measure) for c, v in zip(cols, key)],
             *[cells[key].get(g, "–") for g in groups]] for key in row_keys]
    numeric = tuple(range(len(keys) + 1, len(headers)))
    return table(headers, rows, caption=caption, numeric=numeric), same_n


def _row_notes(frame: pd.DataFrame, frame_notes: Sequence[str]) -> tuple[bool, list[str]]:
    """Whether the table needs a Note column; notes to show once under the table instead."""
    if "note" not in frame.columns:
        return False, []
    notes = [str(n) for n in frame["note"].map(none_if_missing).dropna() if str(n).strip()]
    if not notes:
        return False, []
    distinct = list(dict.fromkeys(notes))
    if len(distinct) == 1:
        note = distinct[0]
        if note in frame_notes:
            return False, []
        count = len(notes)
        return False, [note if count == len(frame) else
                       f"{note} ({count} of {len(frame)} rows)"]
    return True, []


def _voice_phrase(holder: Any) -> str:
    """Whose evaluation a stance row is, in words: the outlet's own or a voice it reports."""
    key = none_if_missing(holder)
    if key is None:
        return "an unstated voice"
    if key == "author":
        return "its own voice"
    if key in ("unknown", "other"):
        return f"{display.holder_name(key)} it reports"
    return f"the voice of {display.holder_name(key)} it reports"


def _stance_extremes(shown: pd.DataFrame) -> list[str]:
    """The highest and lowest stance means, each naming the outlet, the holder and the actor.

    A stance row is a holder's view of an actor *in* an outlet's article: the quoted Mali
    voice in Sputnik is Mali's view, not Sputnik's. The outlets' own voice is then
    summarised apart, since that is the row a reader takes for "the outlet's stance".
    """
    def one(r: pd.Series, *, own: bool = False) -> str:
        target = shown_value("item", r.get("item"), "stance")
        if own:
            return f"{fmt(r['mean'])} ({r.get('group')} → {target})"
        return f"{fmt(r['mean'])} (in {r.get('group')}, {_voice_phrase(r.get('holder'))} → {target})"

    means = shown["mean"].astype(float).to_numpy()
    hi, lo = shown.iloc[int(means.argmax())], shown.iloc[int(means.argmin())]
    if len(shown) == 1:
        out = [f"The only stance row is {one(hi)}."]
    else:
        out = [f"The highest mean is {one(hi)}; the lowest is {one(lo)}."]
    if none_if_missing(hi.get("holder")) != "author" or none_if_missing(lo.get("holder")) != "author":
        out.append("A reported voice's row is that voice's view, not the outlet's.")
    own = shown[shown["holder"].map(none_if_missing) == "author"]
    own = own[own["mean"] != 0] if "mean" in own.columns else own
    if own.empty:
        out.append("No outlet evaluates an actor in its own voice here: every non-zero "
                   "stance is a voice the articles report.")
    else:
        own_means = own["mean"].astype(float).to_numpy()
        ohi, olo = own.iloc[int(own_means.argmax())], own.iloc[int(own_means.argmin())]
        if own_means.argmax() == own_means.argmin():
            out.append(f"In the outlets' own voice there is one non-zero stance: {one(ohi, own=True)}.")
        else:
            out.append(f"In the outlets' own voice the highest is {one(ohi, own=True)} and the "
                       f"lowest is {one(olo, own=True)}.")
    return out


_CLIFF = ("Cliff's delta runs from −1 to +1: the share of pairs of articles (one of the group, "
          "one of the others) in which the group's value is higher, minus the share in which it "
          "is lower (below 0.15 in size is negligible). It compares ranks, so it can point the "
          "other way from the difference of means when one large value pulls a mean.")


def _compare_reading(frame: pd.DataFrame, measure: str) -> str:
    """Plain-language sentences about a compare() frame."""
    if frame.empty:
        return "There is nothing to compare for this measure in this corpus."
    flagged = frame["flag"].map(lambda v: _flag_text(v) is not None) if "flag" in frame.columns \
        else pd.Series(False, index=frame.index)
    has_mean = frame["mean"].notna() if "mean" in frame.columns else pd.Series(False, index=frame.index)
    usable = frame[~flagged & has_mean]
    sentences = [READINGS.get(measure, "")]
    shown = frame[has_mean]
    if not shown.empty and measure == "stance" and "holder" in shown.columns:
        sentences.extend(_stance_extremes(shown))
    elif not shown.empty and measure == "labels":
        pass  # shares of labels within each referent: the label table says more than two extremes
    elif len(shown) == 1 or shown["mean"].nunique() == 1:
        row = shown.iloc[0]
        sentences.append(
            f"The only mean here is {fmt(row['mean'])} ({row.get('group')}, "
            f"{shown_value('item', row.get('item'), measure)})." if len(shown) == 1 else
            f"Every mean here is {fmt(row['mean'])}."
        )
    elif measure != "attribution":  # attribution mixes units
        hi = shown.loc[shown["mean"].idxmax()]
        lo = shown.loc[shown["mean"].idxmin()]
        sentences.append(
            f"The highest mean is {fmt(hi['mean'])} ({hi.get('group')}, "
            f"{shown_value('item', hi.get('item'), measure)}); "
            f"the lowest is {fmt(lo['mean'])} ({lo.get('group')}, "
            f"{shown_value('item', lo.get('item'), measure)})."
        )
    if usable.empty:
        sentences.append(
            "Every row here is flagged (too few articles for an interval or a test), so none "
            "of these differences can be read as a difference between outlets: they show "
            "what is measured, not who frames the story differently."
        )
    else:
        n_sig = int((usable["p_adjusted"] < 0.05).sum()) if "p_adjusted" in usable.columns else 0
        sentences.append(
            f"{len(usable)} row(s) have enough articles for an interval; {n_sig} of them differ "
            "from the other outlets with an adjusted p-value below 0.05. 'Difference' is the "
            "group mean minus the mean of the other outlets; " + _CLIFF + " Overlapping intervals "
            "mean the data cannot tell the groups apart."
        )
    sentences.append("These numbers count words and cues; they do not show intent or accuracy.")
    return " ".join(s for s in sentences if s)


@dataclass(frozen=True, slots=True)
class Compared:
    """The result of compare() for one measure, or why there is none."""

    frame: pd.DataFrame | None
    notes: tuple[str, ...] = ()
    error: str | None = None


def _notes_list(notes: Sequence[str]) -> str:
    """The notes of a table as a list (each once), or nothing."""
    if not notes:
        return ""
    return tag("ul", "".join(tag("li", esc(n)) for n in dict.fromkeys(notes)), class_="fc-meta")


def _all_flagged_sentence(frame: pd.DataFrame, min_articles: int | None, same_n: bool) -> str:
    """Why a compact table shows no intervals or p-values."""
    flags = [str(_flag_text(v)) for v in frame.get("flag", pd.Series(dtype=object))]
    n = pd.to_numeric(frame.get("n_articles", pd.Series(dtype=float)), errors="coerce")
    each = ""
    if same_n and n.notna().any():
        k = int(n.dropna().iloc[0])
        each = f" Each value is one outlet's mean over its {k} article{'s' if k != 1 else ''}."
    if min_articles is not None and flags and all(f.startswith("too few articles") for f in flags) \
            and n.notna().all() and (n < min_articles).all():
        return (f"No intervals or p-values are shown because every outlet has fewer than "
                f"{min_articles} articles.{each} The full table is below.")
    common = Counter(flags).most_common(1)[0][0] if flags else "flagged"
    return (f"No intervals or p-values are shown because every row is flagged "
            f"(most often: {common}).{each} The full table is below.")


def comparison_body(
    compared: Compared,
    measure: str,
    *,
    caption: str | None = None,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    order: Sequence[str] | None = None,
    min_articles: int | None = None,
    reading: bool = True,
) -> str:
    """Table(s), notes and reading for a compare() result (optionally a subset of its rows)."""
    if compared.error:
        return para(compared.error, cls="fc-note")
    frame = compared.frame
    if frame is None:
        return ""
    if keep is not None:
        frame = keep(frame)
    caption = caption or (f"{measure.capitalize()} compared across outlets "
                          "(each outlet against all the others)")
    notes = list(compared.notes)
    flagged = _is_flagged(frame)
    if len(frame) and bool(flagged.all()):
        pivot, same_n = _pivot_table(frame, caption=caption, measure=measure, order=order)
        full = _compare_table(frame, caption="Full comparison table", measure=measure)
        dash = " A dash (–) means the outlet has no value for that row." \
            if "–" in pivot.replace("&ndash;", "–") else ""
        if measure == "stance" and "+0.00" in pivot:
            dash += (" +0.00 means the voice mentions the actor there, but no cue evaluates it "
                     "(or its cues cancel out): not a neutral verdict.")
        body = (pivot + para(_all_flagged_sentence(frame, min_articles, same_n) + dash,
                             cls="fc-meta")
                + tag("details", tag("summary", esc(f"Full table ({len(frame)} rows, with "
                                                    "the reason each row is flagged)"))
                      + full + para("'Difference' is the group mean minus the mean of the other "
                                    "outlets. " + _CLIFF, cls="fc-meta") + _notes_list(notes)))
    else:
        column, moved = _row_notes(frame, notes)
        body = _compare_table(frame, caption=caption, note_column=column, measure=measure)
        body += _notes_list([*notes, *moved])
    if reading:
        body += para(_compare_reading(frame, measure), cls="fc-reading")
    return body
