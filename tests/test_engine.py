"""Target engines: every target span of a Doc scored from its tokens, evidence that names words."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from framecmp.lexicons import LexiconError, data_path
from framecmp.measures.stance import (
    ENGINES,
    TargetEngine,
    TargetRules,
    load_engine,
    load_target_model,
    score_target,
)
from framecmp.measures.stance.cues import default_cues
from framecmp.measures.stance.engine import (
    MIN_EVIDENCE,
    TARGET_MODEL_FORMAT,
    LinearEngine,
    span_features,
)
from framecmp.text.doc import analyze


def spans_of(text: str, word: str) -> list[tuple[int, int]]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append((i, i + len(word)))
        i = text.find(word, i + 1)
    return out


ARTICLE = (
    "Mali turns east\n"
    "Macron accused Russia of pursuing a predatory project in Mali. "
    "The minister praised Senegal for its steadfast support and friendship.\n"
    "Wagner fighters were killed in an attack, officials said, while Russia did not comment. "
    "ECOWAS, a French puppet, tried to intervene."
)
TARGETS = ["Macron", "Russia", "Mali", "Senegal", "Wagner", "ECOWAS", "French"]


def all_spans(text: str = ARTICLE) -> list[tuple[int, int]]:
    return sorted(sp for w in TARGETS for sp in spans_of(text, w))


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> TargetEngine:
    if request.param == "neural":
        from framecmp.measures.stance.neural import neural_available

        if not neural_available():
            pytest.skip('the neural extra is not installed (pip install "framecmp[neural]")')
    return load_engine(request.param)


def test_engines_are_target_engines(engine):
    assert isinstance(engine, TargetEngine)
    assert engine.name in ENGINES and engine.version
    assert load_engine().name == "linear"


def test_evidence_spans_slice_back_to_words_inside_the_sentence(engine):
    doc = analyze(ARTICLE)
    spans = all_spans()
    results = engine.score_spans(doc, spans)
    assert len(results) == len(spans)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    n_rows = 0
    for (s0, _s1), r in zip(spans, results):
        assert -1.0 <= r.score <= 1.0 and r.label in ("negative", "neutral", "positive")
        assert r.mode == engine.name
        sent = doc.sentence_at(s0)
        for c in r.evidence:
            n_rows += 1
            assert doc.text[c.start : c.end] == c.text
            assert sent.start <= c.start < c.end <= sent.end  # inside the target's sentence
            assert c.start in starts and c.end in ends  # whole tokens
            assert any(t.is_word for t in doc.tokens_between(c.start, c.end))  # words, not punctuation
        assert list(r.evidence) == sorted(r.evidence, key=lambda c: (-abs(c.value), c.start))
    assert n_rows


def test_deterministic_and_independent_of_the_other_spans(engine):
    doc = analyze(ARTICLE)
    spans = all_spans()
    one = engine.score_spans(doc, spans)
    assert engine.score_spans(analyze(ARTICLE), spans) == one
    alone = [engine.score_spans(doc, [sp])[0] for sp in spans]
    assert alone == one
    assert engine.score_spans(doc, spans[::-1]) == one[::-1]


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Macron accused Russia of pursuing a predatory project in Mali.", "Russia"),
        ("Critics said Trump was not a good negotiator, but his allies praised him.", "Trump"),
        ("Flynn lied to Pence about his contacts, officials said on Monday.", "Pence"),
        ('"We will not bow," Maiga told reporters in Bamako.', "Maiga"),
    ],
)
def test_same_score_as_the_sentence_alone(engine, sentence, target):
    # a NewsMTSC-like sentence in the middle of an article scores as it does on analyze(sentence)
    before, after = "A first sentence, with no target. ", " Then another one follows here."
    doc = analyze(before + sentence + after)
    a = sentence.index(target)
    r_doc = engine.score_spans(doc, [(len(before) + a, len(before) + a + len(target))])[0]
    r_alone = engine.score_spans(analyze(sentence), [(a, a + len(target))])[0]
    assert (r_doc.score, r_doc.label) == (r_alone.score, r_alone.label)
    shifted = [(c.start - len(before), c.end - len(before), c.text, c.value) for c in r_doc.evidence]
    assert shifted == [(c.start, c.end, c.text, c.value) for c in r_alone.evidence]


def test_rules_engine_is_score_target_default():
    eng = load_engine("rules")
    doc = analyze(ARTICLE)
    for (s0, s1), r in zip(all_spans(), eng.score_spans(doc, all_spans())):
        sent = doc.sentence_at(s0)
        ref = score_target(doc.text[sent.start : sent.end], s0 - sent.start, s1 - sent.start)
        assert (r.score, r.label) == (ref.score, ref.label)
        assert [(c.start - sent.start, c.end - sent.start, c.text, c.value, c.rule_id) for c in r.evidence] == [
            (c.start, c.end, c.text, c.value, c.rule_id) for c in ref.evidence
        ]


def test_linear_score_is_the_model_over_span_features():
    # the fast path (sentence sums shared by the targets) gives the model's own logits
    model = load_target_model()
    eng = load_engine("linear")
    exact = LinearEngine(model, default_cues(), min_evidence=0.0)
    doc = analyze(ARTICLE)
    spans = all_spans()
    feats = span_features(doc, spans, config=model.feature_config)
    ineg, ipos = model.classes.index("negative"), model.classes.index("positive")
    for f, r, rx in zip(feats, eng.score_spans(doc, spans), exact.score_spans(doc, spans)):
        z = list(model.intercept)
        for name, v in f.items():
            for j, c in enumerate(model.coef.get(name, (0.0, 0.0, 0.0))):
                z[j] += c * v
        e = [math.exp(x - max(z)) for x in z]
        assert r.score == pytest.approx((e[ipos] - e[ineg]) / sum(e), abs=1e-9)
        assert r.label == model.classes[max(range(3), key=z.__getitem__)]
        assert (rx.score, rx.label) == (r.score, r.label)
        # all the evidence adds up to the log-odds of positive against negative (intercept apart)
        total = sum(c.value for c in rx.evidence) + model.intercept[ipos] - model.intercept[ineg]
        assert total == pytest.approx(z[ipos] - z[ineg], abs=1e-9)
        # the engine's evidence is the rows of at least MIN_EVIDENCE
        assert r.evidence == tuple(c for c in rx.evidence if abs(c.value) >= MIN_EVIDENCE)
        assert all(len(c.explanation) > len("features ") for c in r.evidence)


def test_ecowas_is_evaluated_more_negatively_than_french():
    # "ECOWAS, a French puppet": ECOWAS is the puppet; "French" only says whose
    s = "ECOWAS, a French puppet, tried to intervene."
    doc = analyze(s)
    ecowas, french = load_engine("linear").score_spans(doc, [spans_of(s, "ECOWAS")[0], spans_of(s, "French")[0]])
    assert ecowas.score < french.score
    assert ecowas.label == "negative"
    assert any(c.text == "puppet" and c.value < 0 for c in ecowas.evidence)


@pytest.mark.xfail(strict=True, reason="the rules attach the label 'puppet' to both names alike")
def test_rules_engine_ecowas_more_negative_than_french():
    s = "ECOWAS, a French puppet, tried to intervene."
    ecowas, french = load_engine("rules").score_spans(analyze(s), [spans_of(s, "ECOWAS")[0], spans_of(s, "French")[0]])
    assert ecowas.score < french.score


def test_linear_engine_reads_no_event_words():
    """The tone of the surrounding events is no evaluation: the shipped model masks them."""
    s = "Amid challenges of terrorism, Mali has closed ranks with neighbouring Niger."
    model = load_target_model()
    assert "terrorism" in model.feature_config["masked_words"]
    r = LinearEngine(model, default_cues()).score_spans(analyze(s), [spans_of(s, "Mali")[0]])[0]
    assert not any(c.text == "terrorism" for c in r.evidence)
    # no clear hostility: inside the band that portrayal reads as neutral (|score| < 0.15)
    assert r.score > -0.15
    # the same model without the mask reads the event as hostility toward Mali
    unmasked = dataclasses.replace(model, feature_config={**model.feature_config, "masked_words": []})
    r0 = LinearEngine(unmasked, default_cues()).score_spans(analyze(s), [spans_of(s, "Mali")[0]])[0]
    assert any(c.text == "terrorism" and c.value < 0 for c in r0.evidence) and r0.score < r.score


def test_linear_engine_reads_no_actor_name_as_a_word():
    """US news taught the model that "Russia" is a negative word; the shipped model masks the
    bundled actors' names, so Russia's presence does not lower Mali here."""
    model = load_target_model()
    masked = set(model.feature_config["masked_words"])
    assert {"russia", "russian", "moscow", "france", "mali"} <= masked and "us" not in masked
    s = "Maiga stressed that Russia defends the interests of his country."
    r = LinearEngine(model, default_cues()).score_spans(analyze(s), [spans_of(s, "Maiga")[0]])[0]
    assert not any(c.text == "Russia" and c.kind == "feature" for c in r.evidence)


def test_linear_engine_reads_no_harm_word_after_be():
    """"Muslims were being killed": what happened to someone, not the outlet's word on Mali."""
    s = "Before Malian-Russian cooperation, Muslims were being killed during prayer."
    model = load_target_model()
    assert "killed" in model.feature_config["masked_passive"]
    r = LinearEngine(model, default_cues()).score_spans(analyze(s), [spans_of(s, "Malian")[0]])[0]
    assert not any(c.text == "killed" for c in r.evidence)
    # an active "killed" is still read ("the army killed")
    s2 = "Malian soldiers killed civilians during prayer."
    r2 = LinearEngine(model, default_cues()).score_spans(analyze(s2), [spans_of(s2, "Malian")[0]])[0]
    assert any(c.text == "killed" for c in r2.evidence)


def test_linear_engine_reads_words_not_the_target():
    s = "Macron accused Russia of pursuing a predatory project in Mali."
    r = load_engine("linear").score_spans(analyze(s), [spans_of(s, "Russia")[0]])[0]
    assert r.label == "negative"
    assert not any(c.text == "Russia" for c in r.evidence)
    assert r.evidence[0].text in ("accused", "predatory project", "predatory")


# --------------------------------------------------------------------------- bad input


def test_empty_span_list(engine):
    assert engine.score_spans(analyze(ARTICLE), []) == []
    assert engine.score_spans(analyze(""), []) == []


def test_span_in_no_sentence_or_outside_the_text(engine):
    text = "Mali votes.\n\nRussia waits."
    doc = analyze(text)
    gap = text.index("\n")
    with pytest.raises(ValueError, match="start inside a sentence"):
        engine.score_spans(doc, [(gap, gap + 1)])
    for bad in [(3, 3), (5, 2), (-1, 4), (0, len(text) + 1)]:
        with pytest.raises(ValueError, match="'spans' parameter of score_spans"):
            engine.score_spans(doc, [bad])
    with pytest.raises(TypeError):
        engine.score_spans(doc, [(0, 4, 5)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="'doc' parameter"):
        engine.score_spans(text, [(0, 4)])  # type: ignore[arg-type]


def test_span_running_past_its_sentence_is_cut(engine):
    text = "Macron praised Mali. Russia waits."
    doc = analyze(text)
    cut = engine.score_spans(doc, [(15, 24)])[0]  # "Mali. Rus"
    assert cut == engine.score_spans(doc, [(15, 20)])[0]


def test_long_sentence_with_many_mentions_in_bounded_time(engine):
    words = ["the", "angry", "crowd", "praised", "brave", "leaders", "and", "blamed", "corrupt", "officials"]
    toks = []
    for i in range(2000):
        toks.append("Mali" if i % 50 == 25 else words[i % len(words)])
    text = " ".join(toks) + "."
    doc = analyze(text)
    # one 13,000-character "sentence", cut at MAX_SENTENCE_CHARS so that work stays linear;
    # the time is measured by benchmarks/target_speed.py, not here
    assert all(s.end - s.start <= 5000 for s in doc.sentences)
    spans = spans_of(text, "Mali")
    assert len(spans) == 40
    res = engine.score_spans(doc, spans)
    assert len(res) == 40 and all(-1 <= r.score <= 1 for r in res)


def test_load_engine_checks_arguments():
    with pytest.raises(ValueError, match="'name' parameter of load_engine"):
        load_engine("fancy")
    with pytest.raises(ValueError, match="'model' parameter"):
        load_engine("rules", model={"format": TARGET_MODEL_FORMAT})
    with pytest.raises(ValueError, match="'rules' parameter"):
        load_engine("linear", rules=TargetRules())
    with pytest.raises(ValueError, match="sentence_weight"):
        load_engine("rules", rules=TargetRules(sentence_weight=0.5))


# --------------------------------------------------------------------------- the model file


def test_target_model_is_plain_json_with_provenance():
    p = data_path("target_model.json")
    assert p.stat().st_size < 2_000_000
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["format"] == TARGET_MODEL_FORMAT
    assert data["classes"] == ["negative", "neutral", "positive"]
    meta = data["meta"]
    assert {"command", "date", "cv", "C", "data", "data_sha256"} <= set(meta)
    assert "--features fast" in meta["command"] and meta["data"] == "train.jsonl"
    assert not list(Path(p).parent.glob("*.pkl")) and not list(Path(p).parent.glob("*.joblib"))
    assert load_target_model().meta["date"] == meta["date"]


def test_target_model_rejects_bad_json(tmp_path):
    good = json.loads(data_path("target_model.json").read_text(encoding="utf-8"))
    with pytest.raises(LexiconError, match="format"):
        load_target_model({**good, "format": "framecmp-stance-model/1"})
    with pytest.raises(LexiconError, match="coefficient rows"):
        load_target_model({**good, "coefficients": {"s:x": [1.0, 2.0]}})
    with pytest.raises(LexiconError, match="unknown options"):
        load_target_model({**good, "feature_config": {"windw": 3}})
    with pytest.raises(LexiconError, match="masked_words"):
        load_target_model({**good, "feature_config": {"masked_words": ["Terrorism"]}})
    p = tmp_path / "m.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 1"):
        load_target_model(p)


@pytest.mark.parametrize(("key", "value", "says"), [
    ("masked_words", ["Russia"], "lower-case words"),
    ("masked_passive", "killed", "lower-case words"),
    ("masked_labels", "yes", "true or false"),
])
def test_a_bad_mask_in_a_model_file_is_refused_with_its_name(key, value, says):
    data = json.loads(data_path("target_model.json").read_text(encoding="utf-8"))
    data["feature_config"][key] = value
    with pytest.raises(LexiconError, match=f"feature_config.{key}.*{says}"):
        load_target_model(data)


def test_a_label_that_describes_another_noun_is_no_word_of_any_target():
    # masked_labels: "predatory" describes the miners; Mali's features do not read it, and
    # "predatory France" (the label before the target) still does
    model = load_target_model()
    assert model.feature_config["masked_labels"] is True
    eng = LinearEngine(model, default_cues())
    s = "Mali has taken back its gold from predatory Western miners."
    r = eng.score_spans(analyze(s), [spans_of(s, "Mali")[0]])[0]
    assert not any("predatory" in c.text for c in r.evidence)
    s2 = "Mali has taken back its gold from predatory France."
    r2 = eng.score_spans(analyze(s2), [spans_of(s2, "France")[0], spans_of(s2, "Mali")[0]])
    assert any("predatory" in c.text and c.value < 0 for c in r2[0].evidence)  # France's
