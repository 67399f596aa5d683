"""Tests for framecmp.present.plot: the plotted data, not pixels."""

from __future__ import annotations

from typing import cast

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest_frames import make_scores  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from framecmp.present import plot as P  # noqa: E402
from framecmp.stats.compare import compare  # noqa: E402
from framecmp.stats.words import distinctive_terms  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def scores():
    return make_scores({"A": 4, "B": 4, "C": 2},
                       stance_means={"A": {"france": -0.6}, "B": {"france": 0.5}})


@pytest.fixture(scope="module")
def table(scores):
    return compare(scores, measure="stance", n_boot=200, n_perm=200)


def _ax() -> Axes:
    return plt.figure().gca()


def _heights(ax: Axes) -> list[float]:
    return [float(cast(Rectangle, p).get_height()) for p in ax.patches]


def _widths(ax: Axes) -> list[float]:
    return [float(cast(Rectangle, p).get_width()) for p in ax.patches]


def _legend(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def _ticks(labels):
    return [t.get_text() for t in labels]


# --------------------------------------------------------------------------- stance


def test_heatmap_from_stance_frame(scores):
    ax = _ax()
    out = P.stance_heatmap(scores.stance, ax=ax)
    assert out is ax
    img = ax.images[0]
    assert img.get_clim() == (-1.0, 1.0)
    assert _ticks(ax.get_yticklabels()) == ["A", "B", "C"]
    author = scores.stance[scores.stance["holder"] == "author"]
    # columns: most directed evidence first
    evidence = author.groupby("target")["n"].sum()
    names = _ticks(ax.get_xticklabels())
    assert sorted(names) == ["ECOWAS", "France", "Russia"]  # display names, data keeps ids
    cols = [{"ECOWAS": "ecowas", "France": "france", "Russia": "russia"}[n] for n in names]
    assert list(evidence.loc[cols]) == sorted(evidence, reverse=True)
    data: np.ma.MaskedArray = np.ma.asarray(img.get_array())
    expected = author.groupby(["outlet", "target"])["stance"].mean().unstack()[cols]
    # outlet C has 2 articles: its colour is kept, the cells are hatched
    assert np.allclose(data.filled(np.nan), expected.loc[["A", "B", "C"]].to_numpy())
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == len(cols)  # row C only
    assert "fewer than 3 articles, not a finding" in ax.get_title()
    assert not any("too few" in t.get_text() for t in ax.texts)
    assert len(ax.figure.axes) == 2  # the colour bar


def test_heatmap_drops_undirected_caps_and_shares_n():
    rows = []
    for outlet in ("X", "Y"):
        for i, target in enumerate(["a", "b", "c", "d", "quiet"]):
            n = 0 if target == "quiet" else 5 - i
            rows.append({"article_id": f"{outlet}1", "outlet": outlet, "holder": "author",
                         "target": target, "n": n, "stance": 0.0 if n == 0 else -0.3})
    st = pd.DataFrame(rows)
    ax = P.stance_heatmap(st, max_targets=3, ax=_ax(), colorbar=False)
    assert _ticks(ax.get_xticklabels()) == ["A", "B", "C"]
    label = ax.get_xlabel()
    assert "1 actor(s) only mentioned" in label and "1 more are left out" in label
    assert "every cell rests on 1 article" in label
    assert all("n=" not in t.get_text() for t in ax.texts)  # the same n everywhere
    w, h = P.stance_heatmap_size(st, max_targets=3)
    w2, h2 = P.stance_heatmap_size(st, max_targets=None)
    assert w2 > w and h == h2


def test_stance_matrix_values(scores):
    m = P.stance_matrix(scores.stance)
    author = scores.stance[scores.stance["holder"] == "author"]
    # outlets (sorted) x actors, most directed evidence first; each cell the mean over articles
    evidence = author.groupby("target")["n"].sum()
    assert list(m.index) == ["A", "B", "C"]
    assert list(m.columns) == list(evidence.sort_values(ascending=False, kind="stable").index)
    expected = author.groupby(["outlet", "target"])["stance"].mean().unstack()
    assert np.allclose(m.to_numpy(), expected.loc[m.index, m.columns].to_numpy())
    assert m.loc["A", "france"] < 0 < m.loc["B", "france"]
    assert (m.index.name, m.columns.name) == ("outlet", "target")
    # undirected actors are left out, max_targets cuts the rest, holder=None pairs voices
    rows = [{"article_id": f"{o}1", "outlet": o, "holder": "author", "target": t,
             "n": 0 if t == "quiet" else 3, "stance": 0.0 if t == "quiet" else s}
            for o, s in (("X", -0.5), ("Y", 0.25)) for t in ("a", "b", "quiet")]
    st = pd.DataFrame(rows)
    assert P.stance_matrix(st).to_dict() == {"a": {"X": -0.5, "Y": 0.25}, "b": {"X": -0.5, "Y": 0.25}}
    assert list(P.stance_matrix(st, max_targets=1).columns) == ["a"]
    voices = pd.concat([st, st.assign(holder="mali", stance=0.5)], ignore_index=True)
    assert "mali → a" in P.stance_matrix(voices, holder=None).columns
    assert P.stance_matrix(st.iloc[:0]).empty
    assert P.stance_matrix(st, holder="nobody").empty
    with pytest.raises(TypeError, match="stance_matrix"):
        P.stance_matrix(rows)  # type: ignore[arg-type]


def test_stance_matrix_of_a_compare_table(table):
    m = P.stance_matrix(table)
    author = table[table["holder"] == "author"]
    assert m.index.name == "group"
    for (group, item), mean in author.set_index(["group", "item"])["mean"].items():
        if item in m.columns:
            assert m.loc[group, item] == pytest.approx(mean)


@pytest.mark.parametrize("holder", ["author", None])
def test_heatmap_draws_the_stance_matrix(scores, table, holder):
    for data in (scores.stance, table):
        m = P.stance_matrix(data, holder=holder)
        ax = P.stance_heatmap(data, holder=holder, ax=_ax(), colorbar=False)
        drawn = np.ma.asarray(ax.images[0].get_array()).filled(np.nan)
        assert np.allclose(drawn, m.to_numpy(dtype=float), equal_nan=True)
        assert _ticks(ax.get_yticklabels()) == list(m.index)
        assert len(ax.get_xticklabels()) == len(m.columns)


def test_heatmap_from_compare_table_all_holders(table):
    ax = P.stance_heatmap(table, holder=None, ax=_ax(), colorbar=False)
    assert "Russia → France" in _ticks(ax.get_xticklabels())
    assert len(ax.figure.axes) == 1
    n_texts = [t.get_text() for t in ax.texts if "n=4" in t.get_text()]
    assert len(n_texts) == 2 * 4  # A and B, four columns


def test_bars_heights_and_intervals(table):
    ax = P.stance_bars(table, target="france", ax=_ax())
    rows = table[(table["item"] == "france") & (table["holder"] == "author")]
    heights = _heights(ax)
    assert np.allclose(heights, rows.sort_values("group")["mean"])
    labels = _ticks(ax.get_xticklabels())
    assert labels[2].startswith("C") and "too few" in labels[2]
    # whiskers only for the two groups with enough articles
    segs = [c for c in ax.collections if hasattr(c, "get_segments")]
    assert sum(len(c.get_segments()) for c in segs) == 2
    assert ax.patches[2].get_hatch() == "///"


def _one_article_table() -> pd.DataFrame:
    """Six outlets, one article each, as compare() gives them (rest flagged too for some)."""
    names = ["Anadolu Agency", "Nigerian news site (unidentified)", "RT", "Sputnik",
             "Une Plume du Mali (republished)", "Xinhua"]
    rows = []
    for i, g in enumerate(names):
        flag = "too few articles (n=1 < 3)"
        if i % 2:
            flag += "; too few articles in the rest (n=2 < 3)"
        rows.append({"measure": "stance", "group": g, "holder": "author", "item": "russia",
                     "n_articles": 1, "mean": 0.4 - 0.15 * i, "ci_low": np.nan,
                     "ci_high": np.nan, "flag": flag})
    return pd.DataFrame(rows)


def test_bars_single_article_groups_are_hatched_and_say_too_few():
    ax = P.stance_bars(_one_article_table(), target="russia", ax=_ax())
    assert len(ax.patches) == 6
    assert all(p.get_hatch() == "///" for p in ax.patches)
    labels = _ticks(ax.get_xticklabels())
    assert all("too few" in t and "n=1" in t for t in labels), labels
    assert labels[2].startswith("RT")
    # six long names: tilted so that they do not overlap
    assert all(t.get_rotation() == 30 for t in ax.get_xticklabels())
    assert not [c for c in ax.collections if hasattr(c, "get_segments")]  # no whiskers
    fig = ax.figure
    fig.set_size_inches(9, 3.5)
    fig.canvas.draw()
    # parallel tilted labels do not touch when the tick spacing, measured across the
    # text direction, exceeds the text height
    x0, x1 = (ax.transData.transform((x, 0))[0] for x in (0, 1))
    height = max(t.get_fontsize() for t in ax.get_xticklabels()) * fig.dpi / 72
    assert (x1 - x0) * np.sin(np.radians(30)) > height


def test_bars_only_the_rest_too_small_is_not_hatched():
    t = pd.DataFrame([
        {"group": "X", "holder": "author", "item": "france", "n_articles": 5, "mean": -0.3,
         "ci_low": -0.5, "ci_high": -0.1, "flag": "too few articles in the rest (n=2 < 3)"},
        {"group": "Y", "holder": "author", "item": "france", "n_articles": 2, "mean": 0.1,
         "ci_low": np.nan, "ci_high": np.nan,
         "flag": "too few articles (n=2 < 3); too few articles in the rest (n=5 < 3)"},
    ])
    ax = P.stance_bars(t, target="france", ax=_ax())
    assert [bool(p.get_hatch()) for p in ax.patches] == [False, True]
    assert _ticks(ax.get_xticklabels()) == ["X\n(n=5)", "Y\n(n=2, too few)"]


def test_heatmap_hatch_contrasts_with_dark_cells():
    st = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Sputnik", "RT", "X"],
                       "holder": "author", "target": "russia", "n": 1,
                       "stance": [0.4, -0.9, 0.05]})
    ax = P.stance_heatmap(st, ax=_ax(), colorbar=False)
    hatched = {int(round(p.get_y() + 0.5)): p for p in ax.patches if p.get_hatch()}
    assert len(hatched) == 3
    rows = _ticks(ax.get_yticklabels())
    white = np.array([1.0, 1.0, 1.0])
    for name, dark in (("Sputnik", True), ("RT", True), ("X", False)):
        edge = np.array(hatched[rows.index(name)].get_edgecolor()[:3])
        assert np.allclose(edge, white) == dark, name
        assert hatched[rows.index(name)].get_edgecolor()[3] >= 0.7


def test_term_categories_whiskers_from_compare():
    s = make_scores({"A": 6, "B": 6, "C": 2})
    t = compare(s, measure="terms", n_boot=50, n_perm=50)
    ax = P.term_categories(t, ax=_ax())
    segs = [c for c in ax.collections if hasattr(c, "get_segments")]
    n_ok = int((t["ci_low"].notna() & t["flag"].isna()).sum())
    assert n_ok > 0
    assert sum(len(c.get_segments()) for c in segs) == n_ok  # one whisker per interval
    # each whisker spans its own row's interval, at its own bar
    drawn = sorted((round(float(sg[0][1]), 6), round(float(sg[1][1]), 6))
                   for c in segs for sg in c.get_segments())
    ok = t[t["ci_low"].notna() & t["flag"].isna()]
    assert drawn == sorted(zip(ok["ci_low"].round(6), ok["ci_high"].round(6)))
    xs = [float(sg[0][0]) for c in segs for sg in c.get_segments()]
    assert len(set(np.round(xs, 6))) == n_ok
    assert "whiskers" in ax.get_title()
    # C has too few articles: hatched bars, no whiskers
    assert any(p.get_hatch() == "///" for p in ax.patches)


def test_bars_say_which_voice_and_explain_an_empty_plot(table):
    ax = P.stance_bars(table, target="france", ax=_ax())
    assert ax.get_title().startswith("Stance toward France in the outlet's own voice")
    assert "with 95% intervals" in ax.get_title()  # A and B have intervals
    assert "with 95% intervals" not in P.stance_bars(_one_article_table(), target="russia",
                                                     ax=_ax()).get_title()
    # every voice: one bar per outlet and voice, the voice in the tick label
    every = P.stance_bars(table, target="france", holder=None, ax=_ax())
    assert "in every voice" in every.get_title()
    rows = table[table["item"] == "france"]
    assert len(every.patches) == len(rows) > len(ax.patches)
    assert any(": Russia" in t for t in _ticks(every.get_xticklabels()))
    # an actor only quoted voices evaluate: the empty plot says so inside it, and who does
    others = table[~((table["holder"] == "author") & (table["item"] == "france"))]
    empty = P.stance_bars(others, target="france", ax=_ax())
    assert not empty.patches
    (text,) = [t.get_text() for t in empty.texts]
    assert text.startswith("The outlet's own voice never evaluates France here.")
    assert "Voices that do: Russia" in text and "holder=None draws every voice" in text


def test_term_categories_draws_only_categories_with_hits_most_first():
    terms = pd.DataFrame({"article_id": ["a", "a", "a", "b", "b", "b"], "outlet": ["A"] * 3 + ["B"] * 3,
                          "category": ["violence", "puffery", "euphemism"] * 2,
                          "per_1k_words": [0.0, 1.0, 3.0, 0.0, 2.0, 5.0]})
    ax = P.term_categories(terms, ax=_ax())
    assert _ticks(ax.get_xticklabels()) == ["Euphemisms", "Puffery"]
    assert _heights(ax) == [3.0, 1.0, 5.0, 2.0]  # outlet A's bars, then B's
    # chosen categories keep their order, empty ones included
    chosen = P.term_categories(terms, categories=["violence", "puffery"], ax=_ax())
    assert _ticks(chosen.get_xticklabels()) == ["Words for violence", "Puffery"]


def test_bars_wrong_target_lists_targets(table):
    with pytest.raises(ValueError, match=r"\['ecowas', 'france', 'russia'\]. Got 'mali'"):
        P.stance_bars(table, target="mali", ax=_ax())


# --------------------------------------------------------------------------- terms, labels, voices


def test_term_categories_counts_articles_without_hits():
    terms = pd.DataFrame({"article_id": ["a1", "b1", "b2"], "outlet": ["A", "B", "B"],
                          "category": ["colonial"] * 3, "per_1k_words": [3.0, 2.0, 4.0]})
    arts = pd.DataFrame({"article_id": ["a1", "a2", "b1", "b2", "b3"],
                         "outlet": ["A", "A", "B", "B", "B"], "status": "ok"})
    ax = P.term_categories(terms, articles=arts, ax=_ax())
    assert _heights(ax) == [1.5, 2.0]
    assert _ticks(ax.get_xticklabels()) == ["Colonial"]
    legend = _legend(ax)
    assert legend == ["A (n=2), too few", "B (n=3)"]
    ax2 = P.term_categories(terms, ax=_ax())
    assert _heights(ax2) == [3.0, 3.0]


def test_term_categories_from_compare(scores):
    t = compare(scores, measure="terms", n_boot=50, n_perm=50)
    ax = P.term_categories(t, ax=_ax())
    assert len(ax.patches) == 3 * 3


def test_label_choices_shares(scores):
    ax = P.label_choices(scores.labels, referent="mali_gov", ax=_ax())
    widths = np.array(_widths(ax)).reshape(-1, 3)  # label x outlet
    assert np.allclose(widths.sum(axis=0), 1.0)
    assert [t.split("\n")[0] for t in _ticks(ax.get_yticklabels())] == ["A", "B", "C"]
    with pytest.raises(ValueError, match=r"\['mali_gov'\]"):
        P.label_choices(scores.labels, referent="france", ax=_ax())


def test_voice_shares(scores):
    ax = P.voice_shares(scores.voices, ax=_ax())
    widths = np.array(_widths(ax)).reshape(-1, 3)
    assert np.allclose(widths.sum(axis=0), 1.0)
    v = scores.voices
    a = v[v["outlet"] == "A"]
    first = a.groupby("affiliation")["quoted_words"].sum()
    legend = _legend(ax)
    by_name = {P._voice(a): a for a in first.index}  # legend shows display names
    assert widths[0, 0] == pytest.approx(first[by_name[legend[0]]] / first.sum())
    ax2 = P.voice_shares(scores.voices, max_affiliations=2, ax=_ax())
    assert _legend(ax2)[-1] == "Other speakers"


# --------------------------------------------------------------------------- distinctive terms


def test_distinctive_terms_plot_labels_top_terms():
    df = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 5,
                       "text": ["junta junta army said"] * 5 + ["authorities army said"] * 5})
    dt = distinctive_terms(df, min_count=1)
    ax = P.distinctive_terms_plot(dt, group="A", ax=_ax())
    labelled = {t.get_text() for t in ax.texts}
    assert "junta" in labelled and "authorities" in labelled
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match=r"\['A', 'B'\]"):
        P.distinctive_terms_plot(dt, ax=_ax())


# --------------------------------------------------------------------------- contract


EMPTY_CASES = [
    (P.stance_heatmap, "stance", {}),
    (P.stance_bars, "compare", {"target": "france"}),
    (P.term_categories, "terms", {}),
    (P.label_choices, "labels", {"referent": "x"}),
    (P.voice_shares, "voices", {}),
    (P.distinctive_terms_plot, "dt", {}),
]


def _empty(kind, scores):
    if kind == "compare":
        return pd.DataFrame(columns=["group", "item", "mean"])
    if kind == "dt":
        return pd.DataFrame(columns=["group", "term", "total", "z"])
    return getattr(scores, kind).iloc[:0]


@pytest.mark.parametrize("func, kind, kwargs", EMPTY_CASES)
def test_empty_data_gives_no_data_axes(func, kind, kwargs, scores):
    ax = _ax()
    out = func(_empty(kind, scores), ax=ax, **kwargs)
    assert out is ax
    assert any(t.get_text() == "no data" for t in ax.texts)


@pytest.mark.parametrize("func, kwargs", [
    (P.stance_heatmap, {}), (P.term_categories, {}), (P.label_choices, {"referent": "x"}),
    (P.voice_shares, {}), (P.distinctive_terms_plot, {}), (P.stance_bars, {"target": "x"}),
])
def test_wrong_columns_list_available(func, kwargs):
    with pytest.raises(ValueError, match=r"Available columns: \['foo'\]"):
        func(pd.DataFrame({"foo": [1]}), ax=_ax(), **kwargs)


def test_default_axes_is_current_axes(scores):
    fig, ax = plt.subplots()
    assert P.voice_shares(scores.voices) is ax


def test_heatmap_is_sized_to_its_data_with_legible_labels():
    one = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "holder": "author",
                        "target": "france", "stance": [-0.4, 0.0], "n": [1, 0]})
    width, height = P.stance_heatmap_size(one)
    assert width < 3 and height < 3  # one column: a small figure, not a full-width one
    wide = pd.DataFrame({"article_id": ["a"] * 8, "outlet": "X", "holder": "author",
                         "target": [f"t{i}" for i in range(8)], "stance": 0.3, "n": 1})
    assert P.stance_heatmap_size(wide)[0] > width + 4
    fig = plt.figure(figsize=(width, height))
    ax = P.stance_heatmap(one.assign(stance=[-0.4, 0.0]), ax=fig.gca(), colorbar=False)
    assert all(t.get_fontsize() >= 8 for t in ax.texts)


def _portrayal_frame(n_outlets: int = 5, n_actors: int = 8) -> pd.DataFrame:
    roles = ["protagonist", "antagonist", "victim", "neutral"]
    rows = [{"article_id": f"a{o}", "outlet": f"Outlet number {o}", "actor": f"actor{a}",
             "role": roles[(o + a) % 4], "score": ((o + a) % 5 - 2) / 4}
            for o in range(n_outlets) for a in range(n_actors)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("figsize", [(9.0, 4.2), (6.4, 4.8)])
def test_portrayal_map_cell_texts_stay_inside_their_cells(figsize: tuple[float, float]) -> None:
    fig, ax = plt.subplots(figsize=figsize)
    P.portrayal_map(_portrayal_frame(), ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    cell = ax.get_window_extent(renderer).width / 8
    texts = [t for t in ax.texts if "\n" in t.get_text()]
    assert len(texts) == 40 and all("1 " in t.get_text() for t in texts)  # score and roles, per cell
    widths = [t.get_window_extent(renderer).width for t in texts]
    assert max(widths) <= cell  # "1 protagonist" no longer runs into the next cell
    assert min(t.get_fontsize() for t in texts) >= 4.5  # shrunk, not made unreadable
    plt.close(fig)


def test_portrayal_map_keeps_its_font_where_cells_are_wide() -> None:
    fig, ax = plt.subplots(figsize=(12.0, 6.0))
    P.portrayal_map(_portrayal_frame(n_actors=3), ax=ax)
    assert {t.get_fontsize() for t in ax.texts} == {7.0}
    plt.close(fig)
