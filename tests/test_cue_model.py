"""The learned cue detector (framecmp.measures.attribution.cue_model) and its use by the attribution rules."""

from __future__ import annotations

import json

import pytest

from framecmp.lexicons import LexiconError, data_path
from framecmp.measures.actors import find_mentions
from framecmp.measures.attribution import (
    extract_attributions,
    load_attribution_config,
    voices_rows,
)
from framecmp.measures.attribution.cue_model import (
    MODEL_FORMAT,
    CueModel,
    load_cue_model,
    sentence_arrays,
    start_features,
)
from framecmp.text.doc import analyze

# A hand-made model: "backing" followed by a name starts a cue; "for" after it extends the cue.
TOY = {
    "format": MODEL_FORMAT,
    "threshold": 0.5,
    "start_bias": -4.0,
    "extend_bias": -4.0,
    "heads": ["backing", "support"],
    "start": {"w=backing": 5.0, "wns=support|l": 5.0},
    "extend": {"hw=support|for": 8.0},
    "meta": {"version": "test"},
}


def run(text, cfg, index):
    doc = analyze(text)
    return extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index))


def test_round_trip_and_validation():
    m = load_cue_model(TOY)
    again = load_cue_model(m.to_json())
    assert again.start == m.start and again.heads == m.heads and again.threshold == 0.5
    with pytest.raises(LexiconError, match="format"):
        load_cue_model({**TOY, "format": "other"})
    with pytest.raises(LexiconError, match="threshold"):
        load_cue_model({**TOY, "threshold": 2})
    with pytest.raises(LexiconError, match="start"):
        load_cue_model({**TOY, "start": {"w=x": "big"}})


def test_bundled_model_is_plain_json_with_provenance():
    data = json.loads(data_path("cue_model.json").read_text(encoding="utf-8"))
    assert data["format"] == MODEL_FORMAT
    assert 0.0 < data["threshold"] < 1.0
    assert "PolNeAR train" in data["meta"]["trained_on"] and data["meta"]["cv"]["chosen"]
    cfg = load_attribution_config(cue_model=True)
    assert "+cue_model@" in cfg.version
    assert "cue_model" not in load_attribution_config(cue_model=False).version
    assert load_attribution_config().cue_model is None  # off by default


def test_features_see_neighbours_and_flags():
    doc = analyze("He voiced support for the plan.")
    i = [t.norm for t in doc.tokens].index("support")
    f = start_features(*sentence_arrays(doc.tokens, 0, len(doc.tokens)), i, ["inq"])
    assert "w=support" in f and "p1=voiced" in f and "n1=for" in f and "inq|support" in f


TEXT = "The senator announced his support for the embattled governor on Monday."


def test_learned_cue_gets_source_content_and_unlisted_class(index):
    cfg = load_attribution_config(cue_model=TOY)
    res = run(TEXT, cfg, index)
    learned = [a for a in res.attributions if a.rule == "learned"]
    assert len(learned) == 1
    a = learned[0]
    assert a.cue == "support for" and a.cue_class == "unlisted" and a.cue_id == "rv.learned"
    assert a.source == "his"
    assert a.content_words > 0 and "governor" in TEXT[a.content_start : a.content_end]
    # never counted as a loaded verb, and a proposal only: no voice, no quote evidence
    cues = [e for e in res.evidence if e.kind == "cue" and e.rule_id == "rv.learned"]
    assert [(e.text, e.value, e.category) for e in cues] == [("support for", 0.0, "unlisted")]
    assert not [e for e in res.evidence if e.kind == "quote" and e.start == a.content_start]
    off = run(TEXT, load_attribution_config(cue_model=False), index)
    assert res.voice_of(a.content_start + 1) == off.voice_of(a.content_start + 1)
    assert res.style["n_attributions"] == len([x for x in res.attributions if x.rule != "learned"])


def test_off_means_lexicon_cues_only(index):
    text = "The senator announced his support for the embattled governor on Monday."
    assert not [a for a in run(text, load_attribution_config(cue_model=False), index).attributions
                if a.rule == "learned"]


def test_rule_cues_win_over_learned_ones(index):
    """A model that would fire everywhere does not replace or split the rules' cues."""
    greedy = {**TOY, "heads": ["said"], "start": {"w=said": 9.0}}
    text = "The minister said the talks went well."
    with_model = run(text, load_attribution_config(cue_model=greedy), index)
    without = run(text, load_attribution_config(cue_model=False), index)
    assert [(a.cue, a.source, a.rule) for a in with_model.attributions] == [
        (a.cue, a.source, a.rule) for a in without.attributions]


def test_model_object_accepted():
    m = load_cue_model(TOY)
    assert isinstance(m, CueModel)
    assert load_attribution_config(cue_model=m).cue_model is m


def test_seeds_measures_unchanged_by_the_model(index):
    """On the Mali seeds the learned cues add rows to the attribution table only: the voices and
    style measures are those of the rules alone."""
    from framecmp import load_seeds

    on, off = load_attribution_config(cue_model=True), load_attribution_config()
    n_learned = 0
    for art in load_seeds():
        doc = analyze(art.text)
        ms = find_mentions(doc, index)
        a, b = extract_attributions(doc, config=on, mentions=ms), extract_attributions(doc, config=off, mentions=ms)
        assert voices_rows(a, article_id="x", outlet="y") == voices_rows(b, article_id="x", outlet="y")
        assert all(_same(a.style[k], b.style[k]) for k in b.style)
        key = [(x.source, x.cue, x.content_start, x.content_end, x.source_type, x.affiliation) for x in b.attributions]
        assert [(x.source, x.cue, x.content_start, x.content_end, x.source_type, x.affiliation)
                for x in a.attributions if x.rule != "learned"] == key
        learned = [x for x in a.attributions if x.rule == "learned"]
        assert all(x.cue_class == "unlisted" for x in learned)
        n_learned += len(learned)
    assert n_learned <= 5  # a handful of proposals on five articles, not a flood


def _same(x, y):
    return x == y or (x != x and y != y)  # NaN == NaN here


def test_a_model_file_that_is_not_json_names_its_line(tmp_path):
    from framecmp.measures.stance import load_stance_model

    p = tmp_path / "model.json"
    p.write_text('{"format": "x",\n "threshold": }\n', encoding="utf-8")
    for load in (load_cue_model, load_stance_model):
        with pytest.raises(LexiconError, match=r"model\.json line 2: not valid JSON"):
            load(p)
