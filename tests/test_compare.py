"""Tests for framecmp.stats (compare, events, words, sensitivity) and framecmp.io.dedupe: statistics on synthetic tidy frames."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest_frames import corpus_texts, make_scores, with_articles

from framecmp.io.dedupe import find_duplicates
from framecmp.stats.compare import STYLE_METRICS, benjamini_hochberg, compare
from framecmp.stats.events import suggest_events
from framecmp.stats.sensitivity import sensitivity
from framecmp.stats.words import distinctive_terms, label_matrix

FAST: dict[str, Any] = {"n_boot": 300, "n_perm": 300}


@pytest.fixture(scope="module")
def scores():
    return make_scores({"A": 6, "B": 6, "C": 6},
                       stance_means={"A": {"france": -0.7}, "B": {"france": 0.4}})


# --------------------------------------------------------------------------- compare


def test_stance_table_shape_and_columns(scores):
    t = compare(scores, measure="stance", **FAST)
    # 3 outlets x (3 author targets + 1 russia->france)
    assert len(t) == 12
    assert list(t.columns[:4]) == ["measure", "group", "holder", "item"]
    for col in ("n_articles", "n_mentions", "mean", "ci_low", "ci_high", "effect_size",
                "cliffs_delta", "p_value", "p_adjusted", "flag", "note"):
        assert col in t
    assert (t["n_articles"] == 6).all()


def test_stance_detects_a_real_difference(scores):
    t = compare(scores, measure="stance", holder="author", **FAST)
    a = t[(t["group"] == "A") & (t["item"] == "france")].iloc[0]
    assert a["mean"] < -0.5
    assert a["ci_low"] <= a["mean"] <= a["ci_high"]
    assert a["effect_size"] == pytest.approx(a["mean"] - a["rest_mean"])
    assert a["cliffs_delta"] == pytest.approx(-1.0)
    assert a["p_value"] < 0.01
    # no difference toward ecowas: nothing should be significant after BH
    eco = t[t["item"] == "ecowas"]
    assert (eco["p_adjusted"] > 0.05).all()


def test_mean_and_counts_match_by_hand(scores):
    t = compare(scores, measure="stance", holder="author", **FAST)
    st = scores.stance[(scores.stance["holder"] == "author") & (scores.stance["target"] == "russia")]
    expected = st.groupby("outlet")["stance"].mean()
    got = t[t["item"] == "russia"].set_index("group")["mean"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    n_ev = st.groupby("outlet")["n_evidence"].sum()
    assert t[t["item"] == "russia"].set_index("group")["n_mentions"].to_dict() == n_ev.to_dict()


def test_deterministic_given_seed(scores):
    a = compare(scores, measure="terms", seed=3, **FAST)
    b = compare(scores, measure="terms", seed=3, **FAST)
    c = compare(scores, measure="terms", seed=4, **FAST)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])


def test_unknown_measure_message(scores):
    with pytest.raises(ValueError) as err:
        compare(scores, measure="stanse")
    assert str(err.value) == (
        "The 'measure' parameter of compare() must be one of ['attribution', 'labels', "
        "'portrayal', 'stance', 'terms', 'voices']. Got 'stanse' instead."
    )


def test_unknown_by_lists_columns(scores):
    with pytest.raises(ValueError, match=r"'by' parameter of compare\(\).*'outlet'.*'outlt'"):
        compare(scores, by="outlt")


def test_unknown_holder_lists_holders(scores):
    with pytest.raises(ValueError, match=r"\['author', 'russia'\]. Got 'mali'"):
        compare(scores, holder="mali")


def test_unknown_value_column(scores):
    with pytest.raises(ValueError, match="Available columns"):
        compare(scores, measure="stance", value="tone")


def test_small_groups_flagged_without_interval():
    s = make_scores({"A": 2, "B": 5, "C": 5})
    t = compare(s, measure="stance", holder="author", **FAST)
    small = t[t["group"] == "A"]
    assert small["ci_low"].isna().all() and small["ci_high"].isna().all()
    assert small["p_value"].isna().all()
    assert (small["flag"] == "too few articles (n=2 < 3)").all()
    assert small["mean"].notna().all()  # the mean is still shown
    big = t[t["group"] == "B"]
    assert big["flag"].isna().all() and big["ci_low"].notna().all()


def test_one_group_says_so():
    s = make_scores({"A": 5})
    t = compare(s, measure="stance", **FAST)
    assert len(t) > 0
    assert t["p_value"].isna().all()
    assert t["flag"].str.contains("only one outlet").all()
    assert t["note"].str.contains("nothing to compare").all()


def test_duplicates_count_once_and_are_reported(scores):
    arts = scores.articles.copy()
    arts.loc[arts["article_id"] == "A-01", "duplicate_of"] = "A-00"
    arts.loc[arts["article_id"] == "B-03", "duplicate_of"] = "C-00"
    t = compare(with_articles(scores, arts), measure="stance", **FAST)
    n = t[t["item"] == "ecowas"].set_index("group")["n_articles"]
    assert n.to_dict() == {"A": 5, "B": 5, "C": 6}
    assert t.attrs["n_duplicates_dropped"] == 2
    assert t["note"].str.contains("2 republished copies counted once").all()


def test_unscored_articles_excluded_and_counted(scores):
    arts = scores.articles.copy()
    arts.loc[arts["article_id"] == "C-05", "status"] = "empty text"
    t = compare(with_articles(scores, arts), measure="attribution", **FAST)
    assert t[t["group"] == "C"]["n_articles"].eq(5).all()
    assert t.attrs["n_excluded_status"] == 1
    assert "not scored" in t["note"].iloc[0]


def test_permutation_is_stratified_by_event():
    # each event covered by one outlet only: within-event shuffles change nothing
    s = make_scores({"A": 4, "B": 4}, stance_means={"A": {"france": -0.8}}, n_events=0)
    arts = s.articles.assign(event=s.articles["outlet"].map({"A": "e1", "B": "e2"}))
    t = compare(with_articles(s, arts), measure="stance", holder="author", **FAST)
    assert t.attrs["stratified_by_event"] is True
    # nothing can move: no p-value (not a misleading 1.0), and the note says why
    assert t["p_value"].isna().all() and t["p_adjusted"].isna().all()
    assert t.attrs["n_events_shared"] == 0
    assert t["note"].str.contains("no event is covered by two groups").all()
    assert not t["note"].str.contains("permutation test within").any()
    # without events the difference is clear
    arts2 = s.articles.assign(event=None)
    t2 = compare(with_articles(s, arts2), measure="stance", holder="author", **FAST)
    assert t2.attrs["stratified_by_event"] is False
    assert t2[(t2["item"] == "france")]["p_value"].max() < 0.05


def test_by_event(scores):
    t = compare(scores, measure="terms", by="event", **FAST)
    assert set(t["group"]) == {"ev1", "ev2"}
    assert t.attrs["by"] == "event"
    assert t["n_articles"].eq(9).all()


def test_terms_zero_filled_per_article(scores):
    t = compare(scores, measure="terms", **FAST)
    # every scored article counts, also those without a hit in a category
    assert t["n_articles"].eq(6).all()
    per = scores.terms.pivot_table(index="article_id", columns="category",
                                   values="per_1k_words", fill_value=0)
    per = per.reindex(scores.articles["article_id"], fill_value=0)
    outlet = scores.articles.set_index("article_id")["outlet"]
    expected = per.groupby(outlet.reindex(per.index)).mean()["colonial"]
    got = t[t["item"] == "colonial"].set_index("group")["mean"]
    assert np.allclose(got.sort_index(), expected.sort_index())


def test_attribution_voices_labels(scores):
    att = compare(scores, measure="attribution", **FAST)
    assert set(att["item"]) == set(STYLE_METRICS)
    vo = compare(scores, measure="voices", **FAST)
    assert set(vo["item"]) == {"mali", "france", "russia", "un"}
    # shares of the sides add up to 1 within each outlet
    assert np.allclose(vo.groupby("group")["mean"].sum(), 1.0)
    lab = compare(scores, measure="labels", **FAST)
    assert set(lab["referent"]) == {"mali_gov"}
    junta = lab[(lab["item"] == "junta")].set_index("group")["mean"]
    assert junta["A"] == 1.0 and junta["B"] == 0.0


def test_mapping_and_bare_frame_inputs(scores):
    a = compare({"stance": scores.stance, "articles": scores.articles}, **FAST)
    b = compare(scores, **FAST)
    pd.testing.assert_frame_equal(a.drop(columns="note"), b.drop(columns="note"))
    c = compare(scores.stance, measure="stance", holder="author", **FAST)
    assert set(c["group"]) == {"A", "B", "C"}
    assert c.attrs["stratified_by_event"] is False  # no articles frame, no events


def test_value_option(scores):
    t = compare(scores, measure="stance", value="context_tone", holder="author", **FAST)
    assert t["mean"].abs().max() < 0.5


def test_attrs_provenance(scores):
    t = compare(scores, measure="stance", ci=0.9, seed=7, **FAST)
    for key, val in {"ci": 0.9, "seed": 7, "n_boot": 300, "n_perm": 300, "measure": "stance",
                     "min_articles": 3}.items():
        assert t.attrs[key] == val
    assert t.attrs["config"]["shrinkage_k"] == 2


def test_bad_parameters(scores):
    with pytest.raises(ValueError, match="'ci' parameter"):
        compare(scores, ci=95)
    with pytest.raises(ValueError, match="'n_boot' parameter"):
        compare(scores, n_boot=0)
    with pytest.raises(TypeError):
        compare(42)


def test_benjamini_hochberg_matches_definition():
    p = np.array([0.01, 0.02, 0.03, 0.04, 0.20, np.nan])
    adj = benjamini_hochberg(p)
    assert np.isnan(adj[-1])
    assert np.allclose(adj[:5], [0.05, 0.05, 0.05, 0.05, 0.20])
    assert benjamini_hochberg([]).shape == (0,)


# --------------------------------------------------------------------------- duplicates


def test_find_duplicates_wire_copies():
    df = corpus_texts()
    dup = find_duplicates(df)
    assert dup.name == "duplicate_of"
    assert dup.index.equals(df.index)
    # w2 is the earliest of the three copies
    assert dup.tolist() == ["w2", None, "w2", None, None, None]


def test_find_duplicates_without_dates_uses_order():
    df = corpus_texts().drop(columns="date")
    assert find_duplicates(df).tolist()[:3] == [None, "w1", "w1"]


def test_find_duplicates_short_and_empty():
    df = pd.DataFrame({"article_id": ["a", "b", "c", "d"],
                       "text": ["Breaking news.", "breaking  NEWS", "", None]})
    assert find_duplicates(df).tolist() == [None, "a", None, None]
    assert find_duplicates(df.iloc[:0]).empty


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["", ""], [None, None]),
        (["", None, "   "], [None, None, None]),
        (["", "", "Mali and Russia signed a new agreement on Monday."], [None, None, None]),
        (["", "Short one.", ""], [None, None, None]),
        (["", "Short one.", "", "short ONE"], [None, None, None, "b"]),
    ],
)
def test_find_duplicates_several_blank_texts(texts: list[Any], expected: list[Any]) -> None:
    # two or more blank texts used to raise IndexError; blank texts are nobody's copy
    df = pd.DataFrame({"article_id": list("abcd"[: len(texts)]), "text": texts})
    assert find_duplicates(df).tolist() == expected


def test_find_duplicates_errors():
    with pytest.raises(ValueError, match="Available columns"):
        find_duplicates(pd.DataFrame({"article_id": ["a"], "body": ["x"]}))
    with pytest.raises(TypeError):
        find_duplicates("some text")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- events


def test_suggest_events_groups_by_topic_and_date():
    ev = suggest_events(corpus_texts())
    assert list(ev.columns[:2]) == ["article_id", "suggested_event"]
    groups = ev.groupby("suggested_event")["article_id"].apply(sorted).tolist()
    assert sorted(groups) == [["e1", "e2"], ["w1", "w2", "w3"], ["x1"]]
    assert ev["suggested_event"].str.match(r"\d{4}-\d{2}-\d{2} ").all()


def test_suggest_events_dates_split_same_topic():
    df = corpus_texts()
    df.loc[df["article_id"] == "e2", "date"] = pd.Timestamp("2025-01-01")
    ev = suggest_events(df).set_index("article_id")["suggested_event"]
    assert ev["e1"] != ev["e2"]
    # without dates, topic alone decides
    ev2 = suggest_events(df.drop(columns="date")).set_index("article_id")["suggested_event"]
    assert ev2["e1"] == ev2["e2"]


def test_suggest_events_empty():
    out = suggest_events(pd.DataFrame({"article_id": [], "text": []}))
    assert out.empty and "suggested_event" in out


# --------------------------------------------------------------------------- distinctive terms


def _texts() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet": ["A"] * 3 + ["B"] * 3,
        "text": ["the junta said the army", "the junta and the army", "junta leaders met",
                 "the transitional authorities said", "transitional authorities met",
                 "the authorities and the army"],
    })


def test_distinctive_terms_formula():
    dt = distinctive_terms(_texts(), group="A", min_count=1, prior=0.5)
    row = dt.set_index("term").loc["junta"]
    y_i, y_j = 3.0, 0.0
    counts = _texts().assign(t=_texts()["text"].str.split()).explode("t")
    n_i = (counts["outlet"] == "A").sum()
    n_j = (counts["outlet"] == "B").sum()
    a = 0.5
    a0 = a * counts["t"].nunique()
    delta = (np.log((y_i + a) / (n_i + a0 - y_i - a))
             - np.log((y_j + a) / (n_j + a0 - y_j - a)))
    z = delta / np.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z"] == pytest.approx(z)
    assert (row["count"], row["count_rest"]) == (3, 0)


def test_distinctive_terms_informative_and_all_groups():
    dt = distinctive_terms(_texts(), min_count=2)
    assert set(dt["group"]) == {"A", "B"}
    top = dt.groupby("group").head(1).set_index("group")["term"]
    assert top["A"] == "junta" and top["B"] in {"transitional", "authorities"}
    # one group vs another is symmetric
    ab = distinctive_terms(_texts(), group="A", other="B", min_count=1).set_index("term")
    ba = distinctive_terms(_texts(), group="B", other="A", min_count=1).set_index("term")
    assert np.allclose(ab["z"], -ba.loc[ab.index, "z"])


def test_distinctive_terms_from_scores_and_errors(scores):
    ev = scores.evidence.assign(kind="term", text=scores.evidence["outlet"].map(
        {"A": "junta", "B": "authorities", "C": "government"}))
    dt = distinctive_terms(ev, min_count=1)
    assert set(dt["term"]) == {"junta", "authorities", "government"}
    with pytest.raises(ValueError, match=r"must be one of \['A', 'B'\]. Got 'Z'"):
        distinctive_terms(_texts(), group="Z")
    with pytest.raises(ValueError, match="Available columns"):
        distinctive_terms(_texts(), text_col="body")


def test_label_matrix(scores):
    tidy = label_matrix(scores)
    assert np.allclose(tidy.groupby(["referent", "outlet"])["share"].sum(), 1.0)
    wide = label_matrix(scores.labels, wide=True)
    assert wide.loc[("mali_gov", "junta"), "B"] == 0
    assert wide.loc[("mali_gov", "junta"), "A"] == scores.labels.query("outlet == 'A'")[
        "count"].sum()


# --------------------------------------------------------------------------- sensitivity


def test_sensitivity_ranking_holds_and_breaks(scores):
    def score_fn(s, *, shift=0.0, flip=False):
        st = s.stance.assign(stance=s.stance["stance"] * (-1 if flip else 1) + shift)
        return replace(s, stance=st)

    res = sensitivity(score_fn, scores, variations={"shift": {"shift": 0.05},
                                                     "flip": {"flip": True}})
    summ = res.summary.set_index(["variation", "item"])
    assert bool(summ.loc[("shift", "france"), "ranking_holds"]) is True
    assert summ.loc[("shift", "france"), "kendall_tau"] == pytest.approx(1.0)
    assert bool(summ.loc[("flip", "france"), "ranking_holds"]) is False
    assert summ.loc[("flip", "france"), "kendall_tau"] == pytest.approx(-1.0)
    assert set(res.means["variation"]) == {"baseline", "shift", "flip"}
    with pytest.raises(ValueError, match="non-empty mapping"):
        sensitivity(score_fn, scores, variations={})


def test_within_event_test_only_where_an_event_is_shared():
    s = make_scores({"A": 4, "B": 4, "C": 4}, stance_means={"A": {"france": -0.8}}, n_events=0)
    # A and B share event e1; C alone covers e2
    arts = s.articles.assign(event=s.articles["outlet"].map({"A": "e1", "B": "e1", "C": "e2"}))
    t = compare(with_articles(s, arts), measure="stance", holder="author", **FAST)
    assert t.attrs["n_events_shared"] == 1
    assert t["note"].str.contains("permutation test within 2 event").all()
    c = t[t["group"] == "C"]
    assert c["p_value"].isna().all()
    assert c["note"].str.contains("no within-event test").all()
    assert t[t["group"] == "A"]["p_value"].notna().all()


def test_seed_like_corpus_one_article_per_event(seed_scores):
    t = compare(seed_scores, measure="stance", **FAST)
    assert t["p_value"].isna().all()
    notes = t.attrs["notes"]
    assert any("no event is covered by two groups" in n for n in notes)
    assert not any("permutation test within" in n for n in notes)


@pytest.mark.parametrize("measure", ["stance", "terms", "attribution", "voices", "labels"])
def test_flag_and_note_are_none_when_empty(measure):
    s = make_scores({"A": 6, "B": 6, "C": 2})
    for by in ("outlet", "event"):
        t = compare(s, measure=measure, by=by, **FAST)
        for col in ("flag", "note"):
            assert t[col].dtype == object
            assert all(v is None or (isinstance(v, str) and v) for v in t[col]), (by, col)
        assert (t["flag"].isna() == t["flag"].map(lambda v: v is None)).all()
