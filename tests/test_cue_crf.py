"""The optional CRF cue tagger (framecmp.measures.attribution.cue_crf): its Viterbi decoder, its JSON file, its use by attribution."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from framecmp.lexicons import LexiconError, data_path
from framecmp.measures.actors import find_mentions
from framecmp.measures.attribution import (
    extract_attributions,
    load_attribution_config,
    voices_rows,
)
from framecmp.measures.attribution.cue_crf import (
    LABELS,
    MODEL_FORMAT,
    CueCRF,
    load_cue_crf,
    sentence_features,
)
from framecmp.text.doc import analyze

# A hand-made tagger: "support" starts a cue, "for" right after it continues it; O -> I is forbidden.
TOY = {
    "format": MODEL_FORMAT,
    "labels": ["O", "B", "I"],
    "mode": "add",
    "transitions": [[0.0, 0.0, -20.0], [0.0, -1.0, 0.0], [0.0, -1.0, 0.0]],
    "state": {"bias": [2.0, 0.0, 0.0], "w=support": [0.0, 6.0, 0.0], "p1w=support|for": [0.0, 0.0, 6.0]},
    "meta": {"version": "test"},
}

TEXT = "The senator announced his support for the embattled governor on Monday."


def run(text, cfg, index):
    doc = analyze(text)
    return extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index))


def test_toy_weights_decode_as_expected():
    m = load_cue_crf(TOY)
    doc = analyze(TEXT)
    toks = doc.tokens
    n = len(toks)
    labels = m.tag(sentence_features(toks, 0, n, [[] for _ in range(n)]))
    words = [t.text for t in toks]
    assert [w for w, lab in zip(words, labels, strict=True) if lab != "O"] == ["support", "for"]
    assert labels[words.index("support")] == "B" and labels[words.index("for")] == "I"
    i = words.index("support")
    assert m.spans(toks, 0, n, [[] for _ in range(n)]) == [(i, i + 2)]
    assert m.tag([]) == []


def test_viterbi_is_the_best_path():
    """The decoder's path scores as high as any of the 3**n paths (brute force on random weights)."""
    rnd = random.Random(5)
    names = [f"f{k}" for k in range(6)]
    for _ in range(30):
        state = {f: tuple(rnd.uniform(-3, 3) for _ in range(3)) for f in names}
        trans = tuple(tuple(rnd.uniform(-3, 3) for _ in range(3)) for _ in range(3))
        m = CueCRF(state, trans, b_bias=rnd.choice([0.0, 0.7]))
        feats = [rnd.sample(names, 2) for _ in range(rnd.randint(1, 5))]

        def score(path, m=m, feats=feats):
            s = sum(m.state[f][lab] for fs, lab in zip(feats, path, strict=True) for f in fs)
            s += m.b_bias * sum(1 for lab in path if lab == 1)
            return s + sum(m.trans[a][b] for a, b in itertools.pairwise(path))

        best = max(score(p) for p in itertools.product(range(3), repeat=len(feats)))
        got = [LABELS.index(x) for x in m.tag(feats)]
        assert score(got) == pytest.approx(best)


def test_round_trip_and_validation(tmp_path):
    m = load_cue_crf(TOY)
    again = load_cue_crf(m.to_json())
    assert again.state == m.state and again.trans == m.trans and again.mode == "add"
    with pytest.raises(LexiconError, match="format"):
        load_cue_crf({**TOY, "format": "other"})
    with pytest.raises(LexiconError, match="mode"):
        load_cue_crf({**TOY, "mode": "replace-everything"})
    with pytest.raises(LexiconError, match="transitions"):
        load_cue_crf({**TOY, "transitions": [[0, 0], [0, 0]]})
    with pytest.raises(LexiconError, match="w=support"):
        load_cue_crf({**TOY, "state": {"w=support": [0, "big", 0]}})
    p = tmp_path / "crf.json"
    p.write_text(json.dumps({**TOY, "transitions": "none"}), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"crf\.json: 'transitions'"):
        load_cue_crf(p)


def test_a_file_that_is_not_json_names_its_line(tmp_path):
    p = tmp_path / "crf.json"
    p.write_text('{"format": "framecmp.cue_crf/1",\n "state": {\n "w=said": [0, 1, ]}}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"crf\.json line 3: not valid JSON"):
        load_cue_crf(p)


def test_features_see_words_neighbours_and_rule_flags():
    doc = analyze("He said in a statement that it was fine.")
    toks = doc.tokens
    n = len(toks)
    flags = [[] for _ in range(n)]
    i = [t.norm for t in toks].index("said")
    flags[i] = ["rB", "rc=neutral"]
    f = sentence_features(toks, 0, n, flags)
    assert {"w=said", "p1=he", "n1=in", "rB", "rB|said", "rc=neutral|said", "ppron"} <= set(f[i])
    assert "-1:rB" in f[i + 1] and "+1:rB" in f[i - 1]


def test_bundled_tagger_is_plain_json_and_finds_said(index):
    data = json.loads(data_path("cue_crf.json").read_text(encoding="utf-8"))
    assert data["format"] == MODEL_FORMAT and data["mode"] in ("add", "trim", "filter", "veto")
    assert "PolNeAR train" in data["meta"]["trained_on"] and data["meta"]["cv"]["chosen"]
    cfg = load_attribution_config(cue_model="crf")
    assert isinstance(cfg.cue_model, CueCRF) and "+cue_model@" in cfg.version
    from framecmp.measures.attribution.learned import crf_context
    from framecmp.measures.attribution.relations import find_relations
    from framecmp.measures.attribution.view import ArticleView

    doc = analyze("The minister said the talks went well.")
    toks = doc.tokens
    art = ArticleView(doc, cfg, [])
    flags = crf_context(art, find_relations(art))  # the rules' cue, source and content as features
    assert "rB" in flags[[t.norm for t in toks].index("said")]
    spans = cfg.cue_model.spans(toks, 0, len(toks), flags)
    assert [doc.text[toks[a].start : toks[b - 1].end] for a, b in spans] == ["said"]
    res = run("The minister said the talks went well.", cfg, index)
    assert [(a.cue, a.source) for a in res.attributions] == [("said", "The minister")]


def test_default_config_does_not_load_the_tagger(monkeypatch):
    import framecmp.measures.attribution.config as attribution

    def boom(*_a, **_k):
        raise AssertionError("the CRF was loaded")

    monkeypatch.setattr(attribution, "load_cue_crf", boom)
    assert load_attribution_config().cue_model is None
    assert load_attribution_config(cue_model=False).cue_model is None
    assert not isinstance(load_attribution_config(cue_model=True).cue_model, CueCRF)


def test_tagged_cue_gets_source_content_and_unlisted_class(index):
    res = run(TEXT, load_attribution_config(cue_model=load_cue_crf(TOY)), index)
    learned = [a for a in res.attributions if a.rule == "learned"]
    assert [(a.cue, a.cue_class, a.cue_id, a.source) for a in learned] == [("support for", "unlisted", "rv.learned", "his")]
    a = learned[0]
    assert "governor" in TEXT[a.content_start : a.content_end]
    # a proposal only: no voice, no quote evidence, not in the style counts
    assert not [e for e in res.evidence if e.kind == "quote" and e.start == a.content_start]
    assert res.style["n_attributions"] == len([x for x in res.attributions if x.rule != "learned"])


def test_modes_trim_and_filter_act_on_rule_cues(index):
    """``trim`` reports the tagger's span of a rule cue; ``filter`` also drops rule cues it does not tag;
    ``veto`` drops those and keeps the rules' spans."""
    text = "The minister said at a rally that the talks went well. The mayor said nothing would change."
    off = run(text, load_attribution_config(), index)
    assert [a.cue for a in off.attributions] == ["said", "said"]
    # a tagger that extends "said" over "at a rally" in the first sentence and never tags the second "said"
    tagger = {**TOY, "state": {"bias": [2.0, 0.0, 0.0], "wn1=said|at": [0.0, 8.0, 0.0], "p1w=said|at": [0.0, 0.0, 8.0],
                               "p1w=at|a": [0.0, 0.0, 8.0], "p1w=a|rally": [0.0, 0.0, 8.0]}}
    add = run(text, load_attribution_config(cue_model={**tagger, "mode": "add"}), index)
    assert [a.cue for a in add.attributions] == ["said", "said"]
    trim = run(text, load_attribution_config(cue_model={**tagger, "mode": "trim"}), index)
    assert [a.cue for a in trim.attributions] == ["said at a rally", "said"]
    assert [a.source for a in trim.attributions] == [a.source for a in off.attributions]
    filt = run(text, load_attribution_config(cue_model={**tagger, "mode": "filter"}), index)
    assert [a.cue for a in filt.attributions] == ["said at a rally"]
    veto = run(text, load_attribution_config(cue_model={**tagger, "mode": "veto"}), index)
    assert [a.cue for a in veto.attributions] == ["said"]
    assert veto.attributions[0].content_start == off.attributions[0].content_start


def test_seeds_voices_with_the_tagger(index):
    """On the Mali seeds the tagger's own cues stay out of the voices; no non-speech verb becomes a voice."""
    from framecmp import load_seeds

    on, off = load_attribution_config(cue_model="crf"), load_attribution_config()
    for art in load_seeds():
        doc = analyze(art.text)
        ms = find_mentions(doc, index)
        a, b = extract_attributions(doc, config=on, mentions=ms), extract_attributions(doc, config=off, mentions=ms)
        learned = [x for x in a.attributions if x.rule == "learned"]
        assert all(x.cue_class == "unlisted" for x in learned)
        voiced = {(x.cue_start, x.cue_end) for x in a.attributions if x.rule != "learned"}
        assert not {(x.cue_start, x.cue_end) for x in learned} & voiced
        rows_on, rows_off = (voices_rows(r, article_id="x", outlet="y") for r in (a, b))
        if isinstance(on.cue_model, CueCRF) and on.cue_model.mode in ("add", "trim"):
            assert rows_on == rows_off
        else:  # the tagger may drop rule cues, never add a voice
            assert {r["affiliation"] for r in rows_on} <= {r["affiliation"] for r in rows_off}
            kept = {(x.content_start, x.content_end, x.source) for x in a.attributions if x.rule != "learned"}
            assert kept <= {(x.content_start, x.content_end, x.source) for x in b.attributions}
        assert len(learned) <= 3 * max(1, len(b.attributions))
