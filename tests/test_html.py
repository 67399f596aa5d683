"""Highlighted articles and the self-contained report (synthetic Scores)."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pandas as pd
import pytest
from conftest_frames import FakeScores

from framecmp import schema as C
from framecmp.present import report as report_module
from framecmp.present.highlight import highlight
from framecmp.present.report import report
from framecmp.records import Evidence

# --------------------------------------------------------------------------- fakes

TEXTS = {
    "a1": (
        "Junta hails Moscow\n"
        "Mali's junta accused France of “a predatory project”, officials said.\n"
        "The so-called partners <script>alert(1)</script> reportedly left Bamako."
    ),
    "a2": (
        "Transition ends French mission\n"
        "The transitional authorities thanked Russia. Nothing else happened here.\n"
        "France regretted the decision, a senior official said."
    ),
}


@dataclass(frozen=True)
class FakeArticle:
    article_id: str
    outlet: str
    title: str
    text: str
    date: str = "2024-01-01"
    event: str | None = None
    language: str = "en"
    translated_from: str | None = None
    status: str = "ok"

    @property
    def raw_text(self) -> str:
        return self.text


def ev(aid: str, kind: str, needle: str, **kw: Any) -> dict[str, Any]:
    """An evidence row for the first occurrence of ``needle`` in article ``aid``."""
    text = TEXTS[aid]
    start = text.index(needle)
    row = Evidence(kind, start, start + len(needle), needle, **kw).as_row(aid, OUTLETS[aid])
    return row


OUTLETS = {"a1": "Sputnik Afrique", "a2": "RFI"}


def fake_scores(*, events: tuple[str | None, str | None] = ("E1", "E2")) -> FakeScores:
    """Two outlets, one article each, about different events by default."""
    corpus = {
        aid: FakeArticle(aid, OUTLETS[aid], TEXTS[aid].split("\n")[0], TEXTS[aid], event=e,
                         translated_from="fr" if aid == "a1" else None)
        for aid, e in zip(TEXTS, events)
    }
    evidence = pd.DataFrame([
        ev("a1", "actor", "Mali", actor="mali", rule_id="actors.mali", explanation="names Mali"),
        ev("a1", "term", "junta", label="junta", category="delegitimising", actor="mali",
           value=-0.5, rule_id="terms.junta", lexicon_version="1.0",
           explanation="'junta' casts the government as illegitimate"),
        ev("a1", "cue", "accused", label="accuse", category="loaded", rule_id="verbs.accuse"),
        ev("a1", "stance", "accused France", actor="france", holder="mali", value=-0.8,
           rule_id="stance.accuse", explanation="an accusation aimed at France"),
        ev("a1", "actor", "France", actor="france", rule_id="actors.france"),
        ev("a1", "quote", "a predatory project", category="partial"),
        ev("a1", "term", "predatory", label="predatory", category="hostile", value=-1.0,
           rule_id="terms.predatory", explanation="an accusation word"),
        ev("a1", "source", "officials", category="anonymous"),
        ev("a1", "hedge", "so-called", label="so-called", rule_id="hedges.so_called"),
        ev("a1", "term", "so-called", label="so-called", category="delegitimising",
           rule_id="terms.so_called"),
        ev("a1", "hedge", "reportedly", label="reportedly"),
        ev("a1", "stance", "The so-called partners", actor="france", holder="author",
           value=-0.4, explanation="mocks the partners"),
        ev("a2", "term", "transitional authorities", label="transitional authorities",
           category="legitimising", actor="mali", rule_id="terms.transitional"),
        ev("a2", "stance", "thanked Russia", actor="russia", holder="author", value=0.6,
           explanation="gratitude toward Russia"),
        ev("a2", "actor", "Russia", actor="russia"),
        ev("a2", "actor", "France", actor="france"),
        ev("a2", "cue", "regretted", label="regret", category="loaded"),
        ev("a2", "source", "a senior official", category="anonymous"),
    ], columns=C.EVIDENCE)
    articles = pd.DataFrame([{
        "article_id": a.article_id, "outlet": a.outlet, "title": a.title, "date": a.date,
        "event": a.event, "language": a.language, "translated_from": a.translated_from,
        "url": None, "n_words": len(a.text.split()), "status": "ok", "n_removed": 1,
        "duplicate_of": None} for a in corpus.values()], columns=C.ARTICLES)
    stance = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "holder": "author", "target": "france",
         "n": 1, "stance": -0.2, "stance_sum": -0.4, "context_tone": 0.0, "n_context": 0,
         "n_evidence": 1, "shrinkage_k": 1},
        {"article_id": "a2", "outlet": OUTLETS["a2"], "holder": "author", "target": "russia",
         "n": 1, "stance": 0.3, "stance_sum": 0.6, "context_tone": 0.0, "n_context": 0,
         "n_evidence": 1, "shrinkage_k": 1},
    ], columns=C.STANCE)
    terms = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "category": "delegitimising", "hits": 2,
         "per_1k_words": 80.0, "n_words": 25},
        {"article_id": "a2", "outlet": OUTLETS["a2"], "category": "legitimising", "hits": 1,
         "per_1k_words": 50.0, "n_words": 20},
    ], columns=C.TERMS)
    labels = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "referent": "mali", "label": "junta",
         "entry_id": "terms.junta", "count": 1},
        {"article_id": "a2", "outlet": OUTLETS["a2"], "referent": "mali",
         "label": "transitional authorities", "entry_id": "terms.transitional", "count": 1},
    ], columns=C.LABELS)
    attribution = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "attribution_id": "a1-0",
         "source": "officials", "source_type": "anonymous", "affiliation": "mali",
         "cue": "said", "cue_class": "neutral", "quote_type": "indirect"},
        {"article_id": "a2", "outlet": OUTLETS["a2"], "attribution_id": "a2-0",
         "source": "a senior official", "source_type": "anonymous", "affiliation": "france",
         "cue": "said", "cue_class": "neutral", "quote_type": "indirect"},
    ], columns=C.ATTRIBUTION)
    voices = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "affiliation": "mali", "n_attributions": 1,
         "quoted_words": 3, "share": 1.0, "anonymous_share": 1.0, "direct_share": 0.0},
    ], columns=C.VOICES)
    style = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "n_words": 25, "n_attributions": 1,
         "unattributed_claims": 2},
    ], columns=C.STYLE)
    removals = pd.DataFrame([
        {"article_id": "a1", "raw_start": 0, "raw_end": 12, "text": "Menu<b>Home</b>",
         "reason": "navigation", "rule_id": "nav.menu"},
    ], columns=C.REMOVALS)
    return FakeScores(
        articles=articles, evidence=evidence, stance=stance, terms=terms, labels=labels,
        attribution=attribution, voices=voices, style=style,
        mentions=pd.DataFrame(columns=C.MENTIONS), removals=removals,
        config={"shrinkage_k": 1, "lexicons": {"terms": "1.0"}}, corpus=corpus,
    )


def fake_compare(scores: Any, *, measure: str, by: str = "outlet", **kw: Any) -> pd.DataFrame:
    """compare() contract: one flagged row per outlet, one usable row."""
    rows = [
        {"group": o, "item": "france", "n_articles": 1, "mean": -0.2, "ci_low": None,
         "ci_high": None, "flag": "too few articles (n=1 < 3)", "p_value": None, "p_adjusted": None,
         "effect_size": None, "note": "<n=1>"}
        for o in OUTLETS.values()
    ]
    rows.append({"group": "All", "item": "russia", "n_articles": 5, "mean": 0.25, "ci_low": 0.1,
                 "ci_high": 0.4, "flag": None, "p_value": 0.01, "p_adjusted": 0.02,
                 "effect_size": 0.8, "note": ""})
    return pd.DataFrame(rows)


@pytest.fixture
def fake_modules(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand-ins for framecmp.stats.compare and framecmp.present.plot (contract only), where
    the report module looks them up."""
    calls: list[str] = []
    cmp = types.ModuleType("framecmp.stats.compare")

    def compare(scores: Any, **kw: Any) -> pd.DataFrame:
        calls.append(f"compare:{kw['measure']}")
        return fake_compare(scores, **kw)

    cmp.compare = compare  # type: ignore[attr-defined]
    plot = types.ModuleType("framecmp.present.plot")

    def make(name: str) -> Any:
        def plotter(frame: pd.DataFrame, *, ax: Any = None, **kw: Any) -> Any:
            calls.append(f"plot:{name}")
            ax.bar(range(len(frame)), range(1, len(frame) + 1))
            return ax
        return plotter

    for name in ("stance_heatmap", "term_categories", "label_choices", "voice_shares"):
        setattr(plot, name, make(name))
    monkeypatch.setattr(report_module, "compare", cmp.compare)
    monkeypatch.setattr(report_module, "plot", plot)
    return calls


class Tree(HTMLParser):
    """Checks nesting while parsing; records spans and their text."""

    VOID = {"meta", "img", "br", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.spans: list[dict[str, Any]] = []
        self.ids: list[str] = []
        self.scripts = 0
        self._open_spans: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "script":
            self.scripts += 1
        if tag in self.VOID:
            return
        self.stack.append((tag, a))
        if tag == "span" and "fc-ev" in (a.get("class") or ""):
            rec = {"attrs": a, "text": "", "depth": len(self._open_spans)}
            self.spans.append(rec)
            self._open_spans.append(rec)
        elif tag == "span":
            self._open_spans.append({"attrs": a, "text": "", "skip": True})

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {[t for t, _ in self.stack]})")
            return
        self.stack.pop()
        if tag == "span":
            self._open_spans.pop()

    def handle_data(self, data: str) -> None:
        for rec in self._open_spans:
            rec["text"] += data


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert not tree.errors, tree.errors
    assert not tree.stack, tree.stack
    return tree


# --------------------------------------------------------------------------- highlight


def test_highlight_escapes_article_text() -> None:
    s = fake_scores()
    h = highlight(s.corpus["a1"], s.evidence)
    assert "<script>" not in h.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h.html
    assert parse(h.html).scripts == 0


def test_highlight_spans_nest_and_slice_back() -> None:
    s = fake_scores()
    art = s.corpus["a1"]
    tree = parse(highlight(art, s.evidence).html)
    texts = {(sp["text"], sp["attrs"]["data-kinds"]) for sp in tree.spans if "fc-cont" not in sp["attrs"]["class"]}
    # quotes contain terms: the term is a nested span inside the quote span
    assert ("a predatory project", "quote") in texts
    assert ("predatory", "term") in texts
    depth = {sp["text"]: sp["depth"] for sp in tree.spans}
    assert depth["predatory"] == depth["a predatory project"] + 1
    # one span serves several kinds: hedge and term on "so-called"
    assert ("so-called", "term hedge") in texts
    # partial overlap ("accused France" vs "accused") nests properly
    assert ("accused France", "stance") in texts and ("accused", "cue") in texts


def test_highlight_text_is_unchanged() -> None:
    s = fake_scores()
    art = s.corpus["a1"]
    html = highlight(art, s.evidence).html
    body = re.search(r'<div class="fc-text">(.*?)</div>', html, re.S)
    assert body is not None
    tree = Tree()
    text_parts: list[str] = []
    tree.handle_data = text_parts.append  # type: ignore[method-assign]
    tree.feed(body.group(1))
    assert "".join(text_parts) == art.text.replace("\n", "")


def test_highlight_tooltips_say_why() -> None:
    s = fake_scores()
    tree = parse(highlight(s.corpus["a1"], s.evidence).html)
    junta = next(sp for sp in tree.spans if sp["text"] == "junta")
    tip = junta["attrs"]["title"]
    assert junta["attrs"]["data-tip"] == tip
    for fact in ("Loaded term: junta", "category: Delegitimising words", "actor: Mali",
                 "value: -0.50", "rule: terms.junta (lexicon 1.0)", "why: 'junta' casts"):
        assert fact in tip
    assert junta["attrs"]["tabindex"] == "0"
    described = junta["attrs"]["aria-describedby"]
    assert described in tree.ids
    stance = next(sp for sp in tree.spans if sp["text"] == "accused France")
    assert "holder: Mali" in stance["attrs"]["title"]
    assert "fc-neg" in stance["attrs"]["class"]


def test_highlight_paragraphs_legend_and_kinds() -> None:
    s = fake_scores()
    h = highlight(s.corpus["a1"], s.evidence, kinds=["term"])
    assert h.html.count("<p>") == 3
    assert 'class="fc-legend"' in h.html and "Loaded term" in h.html
    tree = parse(h.html)
    assert {sp["attrs"]["data-kinds"] for sp in tree.spans} == {"term"}
    assert h._repr_html_() == h.html and "<style>" in h.html
    with pytest.raises(ValueError, match="'kinds' parameter of highlight"):
        highlight(s.corpus["a1"], s.evidence, kinds=["terms"])
    with pytest.raises(TypeError, match="single string"):
        highlight(s.corpus["a1"], s.evidence, kinds="term")


def test_highlight_accepts_records_and_saves(tmp_path: Any) -> None:
    art = FakeArticle("x", "O", "T", "abc <b> def\n\nghi")
    h = highlight(art, [Evidence("term", 4, 7, "<b>", label="b"), Evidence("actor", 11, 14, "ghi")])
    assert "&lt;b&gt;</span>" in h.html
    path = h.save(tmp_path / "a.html")
    doc = path.read_text(encoding="utf-8")
    assert doc.startswith("<!DOCTYPE html>") and "<style>" in doc
    parse(doc)


def test_highlight_crossing_spans_and_bad_offsets() -> None:
    art = FakeArticle("x", "O", "T", "one two three four")
    evs = [Evidence("quote", 0, 13, "one two three"), Evidence("term", 8, 18, "three four"),
           Evidence("term", 5, 99, "bad")]
    with pytest.warns(UserWarning, match="outside the article"):
        h = highlight(art, evs)
    tree = parse(h.html)
    pieces = [(sp["text"], "fc-cont" in sp["attrs"]["class"]) for sp in tree.spans]
    assert ("three", False) in pieces and (" four", True) in pieces


# --------------------------------------------------------------------------- report


SECTIONS = ("summary", "cleaning", "stance", "terms", "labels", "attribution", "limits", "articles")


def test_report_sections_and_caveat(fake_modules: list[str], tmp_path: Any) -> None:
    s = fake_scores()
    path = tmp_path / "r.html"
    html = report(s, path, title="Test <report>", validation={"stance": "F1 0.61 on dev"})
    assert path.read_text(encoding="utf-8") == html
    tree = parse(html)
    for ident in (*SECTIONS, "caveat"):
        assert ident in tree.ids
    assert html.index('id="caveat"') < html.index('id="summary"')
    assert "illustrate the method" in html and "not findings about the outlets" in html
    assert "different events" in html
    assert "Test &lt;report&gt;" in html
    assert "<script" not in html and "&lt;script&gt;alert(1)" in html
    assert "Menu&lt;b&gt;Home&lt;/b&gt;" in html  # cleaning log, escaped
    assert "F1 0.61 on dev" in html
    assert "too few articles (n=1 &lt; 3)" in html and "0.10 to 0.40" in html
    assert "&lt;n=1&gt;" in html
    assert {f"compare:{m}" for m in ("stance", "terms", "labels", "attribution", "voices")} \
        <= set(fake_modules)
    assert "plot:stance_heatmap" in fake_modules
    assert html.count('src="data:image/png;base64,') == 4  # 1 label plot: mali
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "translated from French" in html


def test_report_without_plots_and_with_shared_event(fake_modules: list[str]) -> None:
    s = fake_scores(events=("E1", "E1"))
    html = report(s, plots=False, min_articles=1)
    assert "<img" not in html
    assert 'id="caveat"' not in html
    # by default the limits section shows the bundled lexicons' benchmark results
    assert "PolNeAR" in html and "NewsMTSC" in html and "BABE" in html
    assert "Treat every measure as unvalidated" in report(s, plots=False, validation={})


def test_report_survives_failing_compare(monkeypatch: pytest.MonkeyPatch) -> None:
    cmp = types.ModuleType("framecmp.stats.compare")

    def compare(scores: Any, **kw: Any) -> pd.DataFrame:
        raise ValueError("no <data>")

    cmp.compare = compare  # type: ignore[attr-defined]
    monkeypatch.setattr(report_module, "compare", cmp.compare)
    with pytest.warns(UserWarning, match="compare"):
        html = report(fake_scores(), plots=False)
    assert "could not be computed: no &lt;data&gt;" in html
    parse(html)


def test_report_with_real_compare_and_plot() -> None:
    pytest.importorskip("framecmp.stats.compare")
    pytest.importorskip("framecmp.present.plot")
    s = fake_scores()
    html = report(s, compare_kwargs={"n_boot": 50, "n_perm": 50})
    tree = parse(html)
    assert set(SECTIONS) <= set(tree.ids)
    assert "too few articles" in html
    assert html.count('src="data:image/png;base64,') >= 3


def _all_flagged_compare(scores: Any, *, measure: str, **kw: Any) -> pd.DataFrame:
    """Every outlet has one article: every row flagged, the same note on each."""
    items = {"stance": ["france", "russia", "mali"],
             "terms": ["delegitimising", "sentiment_negative", "puffery"]}.get(measure, ["x"])
    rows = [{"group": o, "holder": "author" if measure == "stance" else None, "item": it,
             "n_articles": 1, "mean": 0.5 if o == "RFI" else -0.25, "ci_low": None,
             "ci_high": None, "flag": "too few articles (n=1 < 3)", "p_value": None,
             "p_adjusted": None, "effect_size": None, "note": "permutation test within 2 event(s)"}
            for it in items for o in OUTLETS.values()]
    frame = pd.DataFrame(rows)
    frame.attrs["notes"] = ["permutation test within 2 event(s)"]
    return frame


def test_report_all_flagged_gives_compact_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    cmp = types.ModuleType("framecmp.stats.compare")
    cmp.compare = _all_flagged_compare  # type: ignore[attr-defined]
    monkeypatch.setattr(report_module, "compare", cmp.compare)
    html = report(fake_scores(), plots=False)
    parse(html)
    stance = html[html.index('id="stance"'):html.index('id="terms"')]
    # a pivot (item x outlet), the one sentence, the full table collapsed
    assert "<th scope=\"col\">Sputnik Afrique</th>" in stance
    assert "No intervals or p-values are shown because every outlet has fewer than 3" in stance
    assert stance.count("<details>") == 1
    pivot = stance[:stance.index("<details>")]
    assert "too few articles" not in pivot and "permutation test" not in pivot
    assert "n=1" not in pivot  # every cell rests on one article: said once, not per cell
    # stance rows only for actors with a directed cue (france, russia), not 'mali'
    assert "<td>France</td>" in pivot and "<td>Mali</td>" not in pivot
    assert "too few articles (n=1 &lt; 3)" in stance  # kept in the full table


def test_report_moves_repeated_notes_under_the_table(fake_modules: list[str]) -> None:
    html = report(fake_scores(), plots=False)
    stance = html[html.index('id="stance"'):html.index('id="terms"')]
    assert "<th scope=\"col\">Note</th>" not in stance
    assert "&lt;n=1&gt; (2 of 3 rows)" in stance
    assert "0.10 to 0.40" in stance  # usable rows keep the long table


def test_report_splits_framing_and_general_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    cmp = types.ModuleType("framecmp.stats.compare")
    cmp.compare = _all_flagged_compare  # type: ignore[attr-defined]
    monkeypatch.setattr(report_module, "compare", cmp.compare)
    s = fake_scores()
    extra = pd.DataFrame([{"article_id": "a1", "outlet": OUTLETS["a1"],
                           "category": "sentiment_negative", "hits": 1, "per_1k_words": 40.0,
                           "n_words": 25}])
    s = FakeScores(**{**s.__dict__, "terms": pd.concat([s.terms, extra], ignore_index=True)})
    html = report(s, plots=False)
    terms = html[html.index('id="terms"'):html.index('id="labels"')]
    framing = terms.index("Sahel framing words")
    general = terms.index("General English sentiment words")
    assert framing < terms.index("<td>Delegitimising words</td>") < general
    assert general < terms.index("<td>Negative words (general)</td>")
    assert general < terms.index("<td>Puffery</td>")


def _quoted_labels(s: FakeScores) -> FakeScores:
    """fake_scores with a1 using 'junta' three times, once in a quotation, and 'common enemy'
    once, in a quotation."""
    labels = pd.DataFrame([
        {"article_id": "a1", "outlet": OUTLETS["a1"], "referent": "mali", "label": "junta",
         "entry_id": "terms.junta", "count": 3, "quoted": 1},
        {"article_id": "a1", "outlet": OUTLETS["a1"], "referent": "terrorists", "label": "common enemy",
         "entry_id": "lt.common_enemy", "count": 1, "quoted": 1},
        {"article_id": "a2", "outlet": OUTLETS["a2"], "referent": "mali",
         "label": "transitional authorities", "entry_id": "terms.transitional", "count": 1, "quoted": 0},
    ], columns=C.LABELS)
    return FakeScores(**{**s.__dict__, "labels": labels})


def test_label_table_marks_labels_used_in_quotations() -> None:
    html = report(_quoted_labels(fake_scores()), plots=False)
    labels = html[html.index('id="labels"'):html.index('id="attribution"')]
    assert "junta ×3 (1 quoted)" in labels
    assert "common enemy ×1 (quoted)" in labels
    assert "transitional authorities ×1<" in labels  # none quoted: nothing added
    assert "in the words of someone it quotes" in labels
    # a labels frame without the column (an older version): no marks, no note
    s = fake_scores()
    old = report(FakeScores(**{**s.__dict__, "labels": s.labels.drop(columns="quoted")}), plots=False)
    old_labels = old[old.index('id="labels"'):old.index('id="attribution"')]
    assert "junta ×1<" in old_labels and "quoted)" not in old_labels


# --------------------------------------------------------------------------- short reprs, large corpora


def test_highlight_repr_is_short() -> None:
    s = fake_scores()
    h = highlight(s.corpus["a1"], s.evidence)
    text = repr(h)
    assert text.startswith("Highlight(a1, ") and len(text) < 200
    assert "spans: " in text and "actor" in text and "term" in text
    assert "<" not in text  # no HTML in the plain-text form
    assert h.n_spans == len(parse(h.html).spans) or h.n_spans > 0
    assert dict(h.kind_counts)["term"] == 3
    assert h._repr_html_() == h.html  # the HTML form is unchanged


def _big_scores(n_per_outlet: int = 15, outlets: int = 4) -> FakeScores:
    """Many copies of the two fake articles, with long removal and voice logs."""
    base = fake_scores()
    corpus: dict[str, FakeArticle] = {}
    arts, evs, rems, voices = [], [], [], []
    for k in range(outlets):
        for i in range(n_per_outlet):
            src = "a1" if i % 2 == 0 else "a2"
            aid = f"o{k}-{i:03d}"
            a = base.corpus[src]
            corpus[aid] = FakeArticle(aid, f"Outlet {k}", f"Title {aid}", a.text,
                                      event=f"E{i}", translated_from="fr" if i % 3 == 0 else None)
            row = base.articles[base.articles["article_id"] == src].iloc[0].to_dict()
            arts.append({**row, "article_id": aid, "outlet": f"Outlet {k}", "title": f"Title {aid}",
                         "event": f"E{i}", "translated_from": "fr" if i % 3 == 0 else None})
            evs.append(base.evidence[base.evidence["article_id"] == src].assign(
                article_id=aid, outlet=f"Outlet {k}"))
            for j in range(6):
                rems.append({"article_id": aid, "raw_start": 0, "raw_end": 10 + j,
                             "text": f"Menu {j}", "reason": ["navigation", "byline"][j % 2],
                             "rule_id": "nav.menu"})
            for _ in range(5):
                voices.append({"article_id": aid, "outlet": f"Outlet {k}", "affiliation": "mali",
                               "n_attributions": 1, "quoted_words": 3, "share": 0.2,
                               "anonymous_share": 1.0, "direct_share": 0.0})
    return FakeScores(
        articles=pd.DataFrame(arts, columns=C.ARTICLES),
        evidence=pd.concat(evs, ignore_index=True), stance=base.stance, terms=base.terms,
        labels=base.labels, attribution=base.attribution,
        voices=pd.DataFrame(voices, columns=C.VOICES), style=base.style,
        mentions=base.mentions, removals=pd.DataFrame(rems, columns=C.REMOVALS),
        config=base.config, corpus=corpus,
    )


def test_report_max_articles_lists_the_rest(fake_modules: list[str]) -> None:
    s = _big_scores()
    html = report(s, plots=False)  # default: 20
    tree = parse(html)
    shown = [i for i in tree.ids if i.startswith("a-o") and "-tip-" not in i]
    assert len(shown) == 20
    # taken in turn from each outlet: 5 of each of the 4 outlets
    assert sorted({i.split("-")[1] for i in shown}) == ["o0", "o1", "o2", "o3"]
    assert "20 of 60 articles are highlighted" in html
    assert "max_articles=None" in html
    assert "The 40 articles left out" in html
    assert "Title o0-014" in html  # listed by title
    everything = report(s, plots=False, max_articles=None)
    assert len([i for i in parse(everything).ids if i.startswith("a-o") and "-tip-" not in i]) == 60
    assert "left out to keep this file small" not in everything
    none = report(s, plots=False, max_articles=0)
    assert not [i for i in parse(none).ids if i.startswith("a-o") and "-tip-" not in i]
    assert "The 60 articles left out" in none
    assert len(html) < 0.6 * len(everything)
    for bad in (-1, 2.5, "20", True):
        with pytest.raises(ValueError, match="'max_articles' parameter of report"):
            report(s, plots=False, max_articles=bad)  # type: ignore[arg-type]


def test_report_sections_stay_compact_for_large_corpora(
        fake_modules: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import framecmp.present.report as H

    monkeypatch.setattr(H, "MAX_TABLE_ROWS", 50)
    monkeypatch.setattr(H, "_TOP_ROWS", 10)
    s = _big_scores()  # 360 removals, 300 voice rows, 15 events, 20 translated articles
    html = report(s, plots=False, max_articles=0)
    parse(html)

    def section(ident: str) -> str:
        start = html.index(f'<section id="{ident}"')
        return html[start:html.index("</section>", start)]

    cleaning = section("cleaning")
    assert "Removals per reason (360 removals in 60 article(s))" in cleaning
    assert f"the {H._TOP_ROWS} largest of 120" in cleaning
    assert "The first 50 of 360 removals" in cleaning and "310 more removals" in cleaning
    assert cleaning.count("<tr>") < 2 + 1 + H._TOP_ROWS + 1 + 50 + 1 + 5
    summary = section("summary")
    assert "Articles and events per outlet (15 events)" in summary
    assert "Events covered by the most outlets" in summary
    assert summary.count("<tr>") < 60
    assert "more note(s) of the same kind" in summary
    attribution = section("attribution")
    assert "the first 50 of 300 rows" in attribution
    assert attribution.count("<tr>") < 80


def test_report_repr_is_one_line(seed_scores, tmp_path) -> None:
    from framecmp.present.report import report

    r = report(seed_scores, tmp_path / "r.html", plots=False)
    assert isinstance(r, str) and r.startswith("<!DOCTYPE html>")
    assert repr(r) == f"<framecmp report: {len(r) / 1e6:.1f} MB of HTML, written to {tmp_path / 'r.html'}>"
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == str(r)


def test_stance_summary_names_whose_voice_each_extreme_is() -> None:
    from framecmp.present.compare_html import _compare_reading

    frame = pd.DataFrame([
        {"measure": "stance", "group": "Sputnik", "holder": "mali", "item": "russia", "mean": 0.45,
         "flag": "too few articles (n=1 < 3)", "p_adjusted": None},
        {"measure": "stance", "group": "Sputnik", "holder": "mali", "item": "france", "mean": -0.54,
         "flag": "too few articles (n=1 < 3)", "p_adjusted": None},
        {"measure": "stance", "group": "RT", "holder": "author", "item": "france", "mean": -0.2,
         "flag": "too few articles (n=1 < 3)", "p_adjusted": None},
        {"measure": "stance", "group": "RT", "holder": "author", "item": "russia", "mean": 0.1,
         "flag": "too few articles (n=1 < 3)", "p_adjusted": None},
    ])
    text = _compare_reading(frame, "stance")
    # the extremes are Mali's view reported by Sputnik, not Sputnik's own
    assert "0.45 (in Sputnik, the voice of Mali it reports → Russia)" in text
    assert "-0.54 (in Sputnik, the voice of Mali it reports → France)" in text
    assert "not the outlet's" in text
    assert "(Sputnik, Russia)" not in text
    # the outlets' own voice is summarised apart
    assert "In the outlets' own voice the highest is 0.10 (RT → Russia) and the lowest is -0.20 (RT → France)" in text
    only_quoted = _compare_reading(frame[frame["holder"] == "mali"], "stance")
    assert "No outlet evaluates an actor in its own voice here" in only_quoted


def test_reading_of_one_row_or_label_shares_names_no_false_extremes() -> None:
    from framecmp.present.compare_html import _compare_reading

    one = pd.DataFrame([{"measure": "terms", "group": "RT", "item": "violence", "mean": 2.5,
                         "flag": "too few articles (n=1 < 3)", "p_adjusted": None}])
    text = _compare_reading(one, "terms")
    assert "The only mean here is 2.50 (RT" in text and "lowest" not in text
    stance = pd.DataFrame([{"measure": "stance", "group": "RT", "holder": "author", "item": "france",
                            "mean": -0.35, "flag": "too few articles (n=1 < 3)", "p_adjusted": None}])
    assert "The only stance row is -0.35 (in RT" in _compare_reading(stance, "stance")
    labels = pd.DataFrame([
        {"measure": "labels", "group": g, "referent": "mali", "item": lab, "mean": m,
         "flag": "too few articles (n=1 < 3)", "p_adjusted": None}
        for g, lab, m in (("RT", "junta", 1.0), ("AA", "malian authorities", 0.0))
    ])
    assert "highest" not in _compare_reading(labels, "labels")


def test_cue_tooltip_shows_its_class_not_a_score() -> None:
    from framecmp.present.highlight import _tip_lines

    lines = _tip_lines({"kind": "cue", "label": "claimed", "category": "loaded", "value": 1.0, "explanation": "x"})
    assert "category: Loaded" in lines and not any(x.startswith("value:") for x in lines)


def test_report_draws_who_evaluates_whom_for_every_voice(seed_scores) -> None:
    from framecmp.present.report import report

    html = str(report(seed_scores))
    assert 'alt="Heatmap of the outlets&#x27; own stance (author) toward each actor"' in html
    assert "alt=\"Heatmap of every voice&#x27;s stance toward each actor, by outlet\"" in html
