"""Stance: directed cues, target scores (default and trained), article rows with evidence."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from framecmp import schema as columns
from framecmp.lexicons import LexiconError, data_path, seeds_path
from framecmp.measures.stance import (
    StanceConfig,
    load_stance_config,
    load_stance_cues,
    load_stance_model,
    score_stance,
    score_target,
)
from framecmp.text.doc import analyze


@dataclass(frozen=True, slots=True)
class M:
    """A minimal actor mention (what framecmp.measures.actors.Mention provides)."""

    start: int
    end: int
    actor: str
    ambiguous: bool = False
    via: str = "name"


def mentions(text: str, names: dict[str, str]) -> list[M]:
    out = []
    for name, actor in names.items():
        i = text.find(name)
        while i >= 0:
            out.append(M(i, i + len(name), actor))
            i = text.find(name, i + 1)
    return sorted(out, key=lambda m: m.start)


def quote_voice(text: str, holder: str):
    """voice_of: inside the first pair of quotes is ``holder``, elsewhere the author."""
    a = text.find("\u201c") if "\u201c" in text else text.find('"')
    b = text.find("\u201d") if "\u201d" in text else text.find('"', a + 1)
    return lambda off: holder if a < off < b else "author"


def span(sentence: str, target: str) -> tuple[int, int]:
    i = sentence.index(target)
    return i, i + len(target)


# --------------------------------------------------------------------------- lexicon


def test_cue_lexicon_loads_and_is_balanced():
    cues = load_stance_cues()
    assert len(cues) >= 25
    vals = [c.valence for c in cues.cues.values()]
    assert any(v < 0 for v in vals) and any(v > 0 for v in vals)
    cats = {c.category for c in cues.cues.values()}
    assert {"accusation", "praise", "label", "partnership", "rupture", "violence"} <= cats
    assert all(c.explanation and c.source for c in cues.cues.values())


def test_cue_lexicon_reports_every_problem():
    bad = {
        "entries": [
            {"id": "x.a", "terms": ["foo"], "role": "object", "valence": 3, "category": "c",
             "explanation": "e", "source": "s"},
            {"id": "x.b", "pattern": "accuse of", "role": "sideways", "valence": -1, "category": "c",
             "explanation": "e", "source": "s"},
        ]
    }
    with pytest.raises(LexiconError) as exc:
        load_stance_cues(bad)
    msg = str(exc.value)
    assert "valence" in msg and "{X}" in msg and "role" in msg
    only_named = {"entries": [{"id": "x.c", "terms": ["bar"], "role": "object", "valence": 0.5, "category": "c",
                               "named_holder": True, "explanation": "e", "source": "s"}]}
    with pytest.raises(LexiconError, match="named_holder needs holder: subject"):
        load_stance_cues(only_named)


def test_user_cues_merge_over_defaults():
    extra = {"entries": [{"id": "sc.accuse_of", "pattern": "accuse {X} of", "role": "object",
                          "valence": -0.2, "category": "accusation", "explanation": "softer",
                          "source": "test"}]}
    cues = load_stance_cues(extra=extra)
    assert cues.cues["sc.accuse_of"].valence == -0.2
    assert "sc.praise" in cues.cues


# --------------------------------------------------------------------------- target level, default mode

GOLDEN = [
    ("Macron accused Russia of pursuing a predatory project in Mali.", "Russia", "negative", "sc.accuse_of"),
    ("The government accused Paris of supporting terrorist groups.", "Paris", "negative", "sc.accuse_of"),
    ("We consider Russia a reliable partner.", "Russia", "positive", "sc.reliable_partner"),
    ("The former French colonies have hailed Russia as a friendly ally.", "Russia", "positive", "sc.hail_as"),
    ("The minister called ECOWAS an instrument of foreign powers.", "ECOWAS", "negative", "sc.instrument"),
    ("Moscow will continue to provide crucial support to Mali.", "Moscow", "positive", "sc.provides_support"),
    ("The three nations withdrew from ECOWAS in January.", "ECOWAS", "negative", "sc.withdraw_from"),
    # negatives: no cue aimed at the target, nothing loaded
    ("Lavrov spoke by phone with Diop on Thursday.", "Diop", "neutral", None),
    ("The summit was held in Niamey in July.", "Niamey", "neutral", None),
    ("Mali has a population of about 22 million.", "Mali", "neutral", None),
]


@pytest.mark.parametrize(("sentence", "target", "label", "rule"), GOLDEN)
def test_score_target_golden(sentence, target, label, rule):
    a, b = span(sentence, target)
    r = score_target(sentence, a, b)
    assert r.label == label
    assert -1.0 <= r.score <= 1.0
    if rule is not None:
        assert rule in {c.rule_id for c in r.evidence}
    for c in r.evidence:
        assert sentence[c.start : c.end] == c.text


def test_score_target_negation_flips_cue():
    s = "Officials did not praise France for the operation."
    a, b = span(s, "France")
    assert score_target(s, a, b).score < 0.1


def test_cue_role_object_does_not_attach_to_subject():
    s = "Mali accused France of arming rebels."
    a, b = span(s, "Mali")
    r = score_target(s, a, b)
    assert "sc.accuse_of" not in {c.rule_id for c in r.evidence}


def test_passive_accusation_attaches():
    s = "Russia was accused of meddling."
    a, b = span(s, "Russia")
    assert "sc.accuse" in {c.rule_id for c in score_target(s, a, b).evidence} or (
        score_target(s, a, b).label == "negative"
    )


def test_victims_are_not_negative_target():
    s = "Wagner contractors were killed in an attack near the border."
    a, b = span(s, "Wagner")
    assert score_target(s, a, b).label == "neutral"


def test_agent_of_killing_is_no_victim():
    s = "Civilians were killed by Wagner contractors in a brutal attack."
    a, b = span(s, "Wagner")
    assert score_target(s, a, b).label == "negative"


def test_victim_as_object_of_violence_is_not_negative():
    s = "The court heard that Fairfax raped her in a hotel room."
    a, b = span(s, "her")
    r = score_target(s, a, b)
    assert r.label == "neutral"
    assert not any(c.text == "raped" for c in r.evidence)


def test_listener_after_said_is_not_the_speaker():
    from framecmp.measures.stance import TargetRules

    # "Sisi said Trump would ...": Trump is the subject of the reported clause, not the speaker,
    # so the words about him count; in '"...," said Sisi' Sisi is the speaker
    # (the speaker's positive words count at speaker_positive_factor: less than for Trump)
    s = "Sisi said Trump would make a strong and wise leader."
    a, b = span(s, "Trump")
    trump = score_target(s, a, b)
    assert trump.label == "positive"
    assert not any("speaker" in c.explanation for c in trump.evidence)
    s2 = "\"He will make a strong and wise leader,\" said Sisi."
    a, b = span(s2, "Sisi")
    sisi = score_target(s2, a, b)
    assert sisi.evidence and all("(target is the speaker)" in c.explanation for c in sisi.evidence)
    assert sisi.score < trump.score
    assert score_target(s2, a, b, rules=TargetRules(speaker_positive_factor=0.0)).label == "neutral"


def test_words_in_names_carry_no_valence():
    s = "Haley, the ambassador to the United Nations, met Tillerson on Sunday."
    a, b = span(s, "Haley")
    r = score_target(s, a, b)
    assert r.label == "neutral" and not any(c.text == "United" for c in r.evidence)


def test_words_in_names_count_in_sentences_full_of_names():
    # many capitalised words do not make a sentence a headline: "met" is lower case,
    # so "Great" is part of a name ("Great Hall") and carries no valence
    s = "Trump met Putin at the Great Hall in Beijing."
    for target in ("Putin", "Trump"):
        a, b = span(s, target)
        r = score_target(s, a, b)
        assert r.label == "neutral" and not any(c.text == "Great" for c in r.evidence)


def test_title_case_headline_is_not_a_name():
    from framecmp.measures.stance.target import _in_names
    from framecmp.text.doc import tokenize

    # a headline capitalises every word but short function words: no word is a name part
    assert _in_names(tokenize("Trump Meets Putin at the Great Hall in Beijing")) == set()
    assert _in_names(tokenize("Trump met Putin at the Great Hall in Beijing.")) != set()


def test_victim_damping_stops_at_the_relative_clause():
    # the fighters are shot (victims) but the relative clause says what they did
    s = "Soldiers shot Wagner fighters who had raped and murdered villagers."
    a, b = span(s, "Wagner fighters")
    r = score_target(s, a, b)
    assert r.label == "negative"
    assert {c.text for c in r.evidence if c.value < 0} >= {"raped", "murdered"}


def test_victim_damping_outside_the_relative_clause_stays():
    # only the relative clause right after the victim is lifted from the damping
    s = "Wagner fighters were killed in an attack, which officials called brutal."
    a, b = span(s, "Wagner fighters")
    assert score_target(s, a, b).label == "neutral"
    s = "Soldiers shot Wagner fighters, who had raped villagers, in a brutal raid."
    a, b = span(s, "Wagner fighters")
    r = score_target(s, a, b)
    assert r.label == "negative"
    assert {c.text: c.value for c in r.evidence}["brutal"] == 0.0


def test_words_in_capitals_are_not_names():
    s = "TRUMP FIRES BROADSIDE AT MICHAEL COHEN, DENIES CLAIM ON MEETING\nOver the weekend, Davis clarified."
    a, b = span(s, "TRUMP")
    assert any(c.text == "DENIES" and c.value < 0 for c in score_target(s, a, b).evidence)


def test_victim_damped_words_stay_visible():
    s = "Wagner fighters were killed in a brutal attack."
    a, b = span(s, "Wagner fighters")
    r = score_target(s, a, b)
    assert r.label == "neutral" and r.score == 0.0
    damped = {c.text: c for c in r.evidence}
    assert set(damped) == {"brutal", "attack"}
    assert all(c.value == 0.0 and "victim factor 0.00" in c.explanation and "damped" in c.explanation
               for c in damped.values())


def test_victim_factor_one_keeps_the_words():
    from framecmp.measures.stance import TargetRules

    s = "Wagner fighters were killed in a brutal attack."
    a, b = span(s, "Wagner fighters")
    r = score_target(s, a, b, rules=TargetRules(victim_factor=1.0))
    assert r.label == "negative"


def test_negation_shared_with_terms():
    from framecmp.measures.stance.target import _negated
    from framecmp.measures.terms import NEGATORS
    from framecmp.text.doc import tokenize

    assert {"not", "no", "never", "without", "didnt"} <= NEGATORS
    cases = {
        "The junta is not brutal.": True,
        "The junta isn't brutal.": True,
        "The junta is not just brutal.": False,  # 'not just' is no negation
        "The junta is not merely brutal.": False,
        "Isn't the junta brutal?": False,  # a question, not a denial
        "There is no doubt the junta is brutal.": False,  # 'no doubt': certainly
        "No doubt brutal raids followed.": False,
        "They stayed despite brutal raids.": False,  # 'despite' negates nothing
    }
    for s, want in cases.items():
        toks = tokenize(s)
        i = next(k for k, t in enumerate(toks) if t.norm == "brutal")
        assert _negated(toks, i) is want, s


def test_rhetorical_question_is_not_negation():
    s = "Isn't the junta brutal?"
    a, b = span(s, "junta")
    assert score_target(s, a, b).label == "negative"


def test_trained_features_keep_their_definition():
    # the shipped model was fitted with the earlier name and negation rules: its features
    # keep them (changing them would need a refit of lexicons/stance_model.json)
    from framecmp.measures.stance import target_features

    s = "Trump met Putin at the Great Hall in Beijing."
    a, b = span(s, "Putin")
    assert target_features(s, a, b)["v:near_pos"][0] > 0
    s = "Isn't the junta brutal?"
    a, b = span(s, "junta")
    assert "n:brutal" in target_features(s, a, b)


def test_like_as_preposition_is_not_praise():
    s = "Sports stars like Kaepernick took a knee on Sunday."
    a, b = span(s, "Kaepernick")
    assert not any(c.text == "like" for c in score_target(s, a, b).evidence)
    s2 = "They like Kaepernick a lot."
    a, b = span(s2, "Kaepernick")
    assert any(c.text == "like" for c in score_target(s2, a, b).evidence)


def test_words_after_the_target_weigh_more():
    from framecmp.measures.stance import TargetRules

    s = "Brave Smith lost badly."
    a, b = span(s, "Smith")
    flat = score_target(s, a, b, rules=TargetRules(right_weight=1.0))
    right = score_target(s, a, b, rules=TargetRules(right_weight=2.0))
    assert right.score < flat.score


def test_score_target_checks_arguments():
    with pytest.raises(ValueError, match="'mode' parameter of score_target"):
        score_target("Mali.", 0, 4, mode="fancy")
    with pytest.raises(ValueError, match="start < end"):
        score_target("Mali.", 3, 2)
    with pytest.raises(TypeError):
        score_target(["Mali."], 0, 4)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- trained mode


def test_model_is_plain_json_under_2mb():
    p = data_path("stance_model.json")
    assert p.stat().st_size < 2_000_000
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["format"] == "framecmp-stance-model/1"
    assert data["classes"] == ["negative", "neutral", "positive"]
    assert {"data", "date", "cv", "C"} <= set(data["meta"])
    assert not list(Path(p).parent.glob("*.pkl")) and not list(Path(p).parent.glob("*.joblib"))


@pytest.mark.parametrize(
    ("sentence", "target", "label"),
    [
        ("Macron accused Russia of pursuing a predatory project in Mali.", "Russia", "negative"),
        ("The minister praised Senegal for its steadfast support and friendship.", "Senegal", "positive"),
    ],
)
def test_trained_mode_golden_and_explained(sentence, target, label):
    a, b = span(sentence, target)
    r = score_target(sentence, a, b, mode="trained")
    assert r.label == label and r.mode == "trained"
    spanned = [c for c in r.evidence if c.start >= 0]
    assert spanned and all(sentence[c.start : c.end] == c.text for c in spanned)
    # contributions explain the direction: their sum has the sign of the score
    top = sum(c.value for c in r.evidence)
    assert math.copysign(1, top) == math.copysign(1, r.score)


def test_model_rejects_bad_json():
    with pytest.raises(LexiconError, match="format"):
        load_stance_model({"format": "pickle", "classes": ["a"], "intercept": [], "coefficients": {}})


# --------------------------------------------------------------------------- article level


def test_holder_is_quoted_speaker_affiliation():
    text = "French President Emmanuel Macron accused Russia of pursuing a “predatory project” in Mali."
    doc = analyze(text)
    ms = mentions(text, {"French": "france", "Emmanuel Macron": "france", "Russia": "russia", "Mali": "mali"})
    res = score_stance(doc, mentions=ms)
    rows = {(r.holder, r.target): r for r in res.records}
    assert ("france", "russia") in rows and rows[("france", "russia")].stance < 0
    assert ("author", "russia") not in rows or rows[("author", "russia")].n == 0


def test_quote_voice_makes_holder():
    text = "“We consider Russia a reliable partner,” Maiga said."
    doc = analyze(text)
    ms = mentions(text, {"Russia": "russia", "Maiga": "mali"})
    res = score_stance(doc, mentions=ms, voice_of=quote_voice(text, "mali"))
    rows = {(r.holder, r.target): r for r in res.records}
    assert rows[("mali", "russia")].stance > 0
    assert rows[("mali", "russia")].n == 1


def test_unnamed_partner_gives_no_target():
    text = "“We cannot be in a sincere partnership while the other partner is sponsoring terrorist groups.”"
    doc = analyze(text)
    res = score_stance(doc, mentions=[], voice_of=lambda off: "mali")
    assert res.records == () and res.evidence == ()


def test_victims_are_context_not_stance():
    text = "Dozens of Malian soldiers and contractors from the Wagner Group were killed in an attack."
    doc = analyze(text)
    ms = mentions(text, {"Wagner Group": "wagner", "Malian": "mali"})
    res = score_stance(doc, mentions=ms)
    row = next(r for r in res.records if r.target == "wagner")
    assert row.n == 0 and row.stance == 0.0
    assert row.context_tone < -0.3 and row.n_context == 1
    ctx = [e for e in res.evidence if e.kind == "context" and e.actor == "wagner"]
    assert ctx and "killed" in (ctx[0].explanation or "")


def test_shrinkage_formula_and_frame():
    text = "Mali accused France of interference. Mali accused France of lying."
    doc = analyze(text)
    ms = mentions(text, {"Mali": "mali", "France": "france"})
    for k in (0.0, 2.0, 5.0):
        res = score_stance(doc, mentions=ms, config=StanceConfig(shrinkage_k=k))
        row = next(r for r in res.records if r.target == "france")
        assert row.holder == "mali" and row.n == 2
        assert row.stance == pytest.approx(row.stance_sum / (row.n + k))
        assert row.shrinkage_k == k
    df = res.frame(article_id="a1", outlet="o")
    assert list(df.columns) == columns.STANCE
    ev = res.evidence_frame(article_id="a1", outlet="o")
    assert list(ev.columns) == columns.EVIDENCE
    assert set(ev["kind"]) <= {"stance", "context", "evaluation", "victim"}


def test_evidence_slices_back_and_is_deterministic():
    text = (
        "Mali accused France of supporting terrorist groups. "
        "Bamako sees Moscow as a reliable partner. The army was attacked near Gao."
    )
    doc = analyze(text)
    ms = mentions(text, {"Mali": "mali", "France": "france", "Moscow": "russia", "Bamako": "mali"})
    a = score_stance(doc, mentions=ms)
    b = score_stance(doc, mentions=list(ms))
    assert a == b
    for e in a.evidence:
        assert doc.text[e.start : e.end] == e.text
        assert e.kind in ("stance", "context", "evaluation", "victim") and e.value is not None and e.holder


def test_ambiguous_mentions_are_skipped():
    text = "Diop accused Diop of lying."
    doc = analyze(text)
    ms = [M(0, 4, "mali", ambiguous=True), M(13, 17, "senegal", ambiguous=True)]
    assert score_stance(doc, mentions=ms).records == ()


def test_demonym_is_not_the_holder():
    text = "The former French colonies have hailed Russia as a friendly ally."
    doc = analyze(text)
    ms = [
        M(m.start, m.end, m.actor, via="demonym" if m.actor == "france" else "name")
        for m in mentions(text, {"French": "france", "Russia": "russia"})
    ]
    res = score_stance(doc, mentions=ms)
    assert all(r.holder != "france" for r in res.records)


def test_demonym_before_a_name_still_counts_for_the_named_speaker():
    text = "French President Emmanuel Macron accused Russia of pursuing a predatory project."
    doc = analyze(text)
    ms = [
        M(0, 6, "france", via="demonym"),
        M(text.index("Emmanuel"), text.index(" accused"), "france", via="person"),
        M(text.index("Russia"), text.index("Russia") + 6, "russia"),
    ]
    res = score_stance(doc, mentions=ms)
    assert any(r.holder == "france" and r.target == "russia" and r.stance < 0 for r in res.records)


def test_config_errors():
    with pytest.raises(ValueError, match="'context' parameter of StanceConfig"):
        StanceConfig(context="some")
    with pytest.raises(ValueError, match="'mode' parameter of StanceConfig"):
        StanceConfig(mode="deep")
    assert load_stance_config(shrinkage_k=3).shrinkage_k == 3.0


def test_trained_context_mode_runs():
    text = "Dozens of contractors from the Wagner Group were killed in an attack."
    doc = analyze(text)
    ms = mentions(text, {"Wagner Group": "wagner"})
    res = score_stance(doc, mentions=ms, config=load_stance_config(mode="trained"))
    (row,) = res.records
    assert row.n == 0 and row.n_context == 1 and -1 <= row.context_tone <= 1


# --------------------------------------------------------------------------- seeds (with the actor and attribution layers)


def _seed(prefix: str):
    actors = pytest.importorskip("framecmp.measures.actors")
    attribution = pytest.importorskip("framecmp.measures.attribution")
    path = next(seeds_path().glob(f"{prefix}_*.txt"))
    doc = analyze(path.read_text(encoding="utf-8"))
    ms = actors.find_mentions(doc, actors.load_actors())
    at = attribution.extract_attributions(
        doc, config=attribution.load_attribution_config(), mentions=ms
    )
    return doc, score_stance(doc, mentions=ms, attribution=at)


def test_seed_001_macron_and_maiga():
    doc, res = _seed("001")
    rows = {(r.holder, r.target): r for r in res.records}
    assert rows[("france", "russia")].stance < 0
    assert rows[("mali", "russia")].stance > 0
    maiga = [
        e for e in res.evidence
        if e.kind == "stance" and e.holder == "mali" and e.actor == "russia" and e.rule_id == "sc.reliable_partner"
    ]
    assert maiga


def test_seed_000_unnamed_partner_not_invented():
    doc, res = _seed("000")
    hits = [e for e in res.evidence if e.kind == "stance" and e.rule_id == "sc.sponsor_terrorism"]
    assert hits == []


def test_seed_003_wagner_context_only():
    doc, res = _seed("003")
    row = next(r for r in res.records if r.target == "wagner")
    assert row.n == 0 and row.stance == 0.0 and row.context_tone < 0


def test_newsmtsc_file_reads_if_present():
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc" / "dev_rw.jsonl"
    if not shared.is_file():
        pytest.skip("NewsMTSC data (../shared/data/newsmtsc) is not present in this checkout")
    line = json.loads(shared.read_text(encoding="utf-8").splitlines()[0])
    t = line["targets"][0]
    r = score_target(line["sentence_normalized"], t["from"], t["to"])
    assert r.label in ("negative", "neutral", "positive")


def test_target_sentiment_lexicon_loads_with_roles():
    from framecmp.measures.stance.cues import default_target_lexicon

    lex = default_target_lexicon()
    assert len(lex) >= 10
    for c in lex.cues.values():
        assert c.role in ("subject", "object", "either") and -1.0 <= c.valence <= 1.0
        assert c.source.startswith("own")


@pytest.mark.parametrize(
    ("sentence", "target", "label", "rule"),
    [
        ("The senator resigned on Friday.", "senator", "negative", "ts.legal_subject"),
        ("Critics praised Obama for the deal.", "Obama", "positive", None),
        ("The company was sued by regulators last year.", "company", "negative", None),
    ],
)
def test_news_verbs_attach_to_target(sentence, target, label, rule):
    a, b = span(sentence, target)
    r = score_target(sentence, a, b)
    assert r.label == label
    if rule is not None:
        assert rule in {c.rule_id for c in r.evidence}
    for c in r.evidence:
        assert sentence[c.start : c.end] == c.text


def test_speaker_words_are_damped():
    s = "Smith said the storm was a horrible tragedy."
    a, b = span(s, "Smith")
    assert score_target(s, a, b).label == "neutral"


# --------------------------------------------------------------------------- several targets in one sentence


def test_relative_clause_of_another_name_is_not_about_the_target():
    # the lying and cheating are Smith's: for Brown they count for nothing (visible, value 0)
    s = "Brown met Smith, who had lied to voters and cheated donors."
    a, b = span(s, "Brown")
    r = score_target(s, a, b)
    assert r.label == "neutral" and r.score == 0.0
    damped = {c.text: c for c in r.evidence}
    assert set(damped) == {"lied", "cheated"}
    assert all(c.value == 0.0 and "relative clause of another name" in c.explanation for c in damped.values())
    a, b = span(s, "Smith")
    assert score_target(s, a, b).label == "negative"
    # without the other name the clause is the target's own ("Brown, who had lied ...")
    s2 = "Brown, who had lied to voters and cheated donors, met reporters."
    a, b = span(s2, "Brown")
    assert score_target(s2, a, b).label == "negative"


def test_relative_clause_rule_can_be_switched_off():
    from framecmp.measures.stance import TargetRules

    s = "Brown met Smith, who had lied to voters and cheated donors."
    a, b = span(s, "Brown")
    assert score_target(s, a, b, rules=TargetRules(other_clause_factor=1.0)).label == "negative"


def test_that_after_another_name_is_no_relative_clause():
    # "told Smith that ...": what was said, not a clause about Smith
    from framecmp.measures.stance import TargetRules

    s = "Brown told Smith that the plan was a disaster."
    a, b = span(s, "Brown")
    r = score_target(s, a, b, rules=TargetRules(speaker_factor=1.0))
    assert not any("relative clause of another name" in c.explanation for c in r.evidence)


def test_word_beyond_another_name_fades_faster():
    from framecmp.measures.stance import TargetRules

    s = "Brown spoke as Smith faced a humiliating defeat."
    a, b = span(s, "Brown")
    scoped = {c.text: c for c in score_target(s, a, b).evidence}
    flat = {c.text: c for c in score_target(s, a, b, rules=TargetRules(other_decay=8.0)).evidence}
    assert "another name between" in scoped["defeat"].explanation
    assert flat["defeat"].value < scoped["defeat"].value < 0  # weighed down, not dropped
    # the same words with no other name between keep the usual decay
    s2 = "Brown spoke as he faced a humiliating defeat."
    a, b = span(s2, "Brown")
    own = {c.text: c for c in score_target(s2, a, b).evidence}
    assert "another name between" not in own["defeat"].explanation
    assert own["defeat"].value < scoped["defeat"].value
    # a name that is part of the target itself ("Hillary Clinton" for "Clinton") is not another name
    s3 = "Clinton spoke as Hillary Clinton faced a humiliating defeat."
    a, b = span(s3, "Clinton")
    assert not any("another name between" in c.explanation for c in score_target(s3, a, b).evidence)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Protesters clashed with police in Ferguson.", "Ferguson"),
        ("The senator was indicted on Monday in a bribery scandal.", "Monday"),
        ("The senator was indicted late Monday in a bribery scandal.", "late Monday"),
        ("The senator resigned in disgrace last week after the scandal.", "last week"),
    ],
)
def test_setting_of_the_sentence_is_neutral(sentence, target):
    a, b = span(sentence, target)
    r = score_target(sentence, a, b)
    assert r.label == "neutral" and r.score == 0.0
    assert r.evidence and all(c.value == 0.0 and "setting factor 0.00" in c.explanation for c in r.evidence)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("The scandal deepened in Smith's campaign.", "Smith"),  # a possessive: Smith's campaign
        ("Voters lost all confidence in Smith after the scandal.", "Smith"),  # attitude toward Smith
        ("Protesters clashed with Ferguson police.", "Ferguson"),  # no "in"
    ],
)
def test_not_a_setting(sentence, target):
    a, b = span(sentence, target)
    r = score_target(sentence, a, b)
    assert r.label == "negative"
    assert not any("setting factor" in c.explanation for c in r.evidence)


def test_listener_words_are_damped():
    s = "The aide told Smith that the plan was a disaster."
    a, b = span(s, "Smith")
    r = score_target(s, a, b)
    assert r.label == "neutral"
    assert [c.text for c in r.evidence] == ["disaster"] and "listener factor 0.00" in r.evidence[0].explanation


def test_scoping_rules_leave_the_trained_features_alone():
    # the shipped model was fitted without the setting, listener and other-name rules
    from framecmp.measures.stance import target_features

    s = "Brown met Smith, who had lied to voters and cheated donors."
    a, b = span(s, "Brown")
    assert target_features(s, a, b)["v:near_neg"][0] < 0
    s = "Protesters clashed with police in Ferguson."
    a, b = span(s, "Ferguson")
    assert target_features(s, a, b)["v:rule_score"][0] < 0


def test_negated_negative_word_keeps_part_of_its_sign():
    from framecmp.measures.stance import TargetRules

    s = "The jury found Smith not guilty of fraud."
    a, b = span(s, "Smith")
    r = score_target(s, a, b)
    # "not guilty of fraud" still puts Smith near the wrongdoing: weaker, not praise
    assert r.label == "negative"
    words = {c.text: c.value for c in r.evidence}
    assert words["fraud"] < 0 and words["guilty"] < 0
    # one flipping factor for both signs (the earlier rule) made it praise
    sym = score_target(s, a, b, rules=TargetRules(negation=-0.3, negation_of_negative=-0.3))
    assert sym.label == "positive"


def test_negated_positive_word_flips():
    s = "Smith is not honest."
    a, b = span(s, "Smith")
    r = score_target(s, a, b)
    assert r.label == "negative"
    assert [c.text for c in r.evidence] == ["honest"] and r.evidence[0].value < 0


def test_object_of_to_is_recipient():
    from framecmp.measures.stance import TargetRules

    s = "Flynn lied to Pence about his calls."
    a, b = span(s, "Pence")
    r = score_target(s, a, b)
    assert r.label == "neutral"
    (lied,) = [c for c in r.evidence if c.text == "lied"]
    assert lied.value == 0.0 and "object of 'to'" in lied.explanation and "not counted" in lied.explanation
    # the liar is still cast negatively
    fa, fb = span(s, "Flynn")
    assert score_target(s, fa, fb).label == "negative"
    # without the rule the lie counts against the one lied to
    assert score_target(s, a, b, rules=TargetRules(recipient_factor=1.0)).label == "negative"
    # words after the target are not damped
    s2 = "Flynn wrote to Pence, who was furious."
    a2, b2 = span(s2, "Pence")
    assert score_target(s2, a2, b2).label == "negative"


def test_speaker_positive_words_count_a_little_negative_ones_not():
    from framecmp.measures.stance import TargetRules

    s = "“We are proud of our wonderful students,” Mims said."
    a, b = span(s, "Mims")
    r = score_target(s, a, b)
    assert r.label == "positive"
    assert all("speaker factor 0.30" in c.explanation for c in r.evidence)
    # a speaker's negative words are about others: not counted, still shown
    s2 = "“They are dishonest liars,” Mims said."
    a2, b2 = span(s2, "Mims")
    r2 = score_target(s2, a2, b2)
    assert r2.label == "neutral" and r2.evidence and all(c.value == 0.0 for c in r2.evidence)
    # with the factor at 0 praise by the speaker counts for nothing too
    assert score_target(s, a, b, rules=TargetRules(speaker_positive_factor=0.0)).label == "neutral"


_VADER_CASES = [
    "VADER is smart, handsome, and funny!",
    "The deal is not good, but the talks were GREAT!!",
    "It was kind of bad and sort of sad.",
    "No problem: the minister was never so happy without doubt.",
    "He said the bomb was bad ass and the least helpful idea, at least.",
    "Nobody won't deny the plan isn't terrible?? Really???",
    "Officials met on Tuesday in Bamako.",
    "Talks 😀 went well, but 💔 the end",
    "",
    "   ",
    "no",
    "good",
    "Very VERY bad news for the ARMY",
]


def test_vader_compound_equals_polarity_scores(seeds):
    """The shortcut compound is VADER's own, on crafted cases and every seed sentence."""
    from framecmp.measures.stance import vader, vader_compound

    texts = list(_VADER_CASES)
    for art in seeds:
        doc = analyze(art.text, title=art.title)
        texts += [art.text[s.start : s.end] for s in doc.sentences]
    assert len(texts) > 100
    for t in texts:
        assert vader_compound(t) == float(vader().polarity_scores(t)["compound"]), t


# --------------------------------------------------------------------------- holders of acts (the clause's subject)


def _scored(text: str):
    """Stance with the real actor and attribution layers on a made-up text."""
    from framecmp.measures.actors import find_mentions, load_actors
    from framecmp.measures.attribution import (
        extract_attributions,
        load_attribution_config,
    )

    doc = analyze(text)
    ms = find_mentions(doc, load_actors())
    at = extract_attributions(doc, config=load_attribution_config(), mentions=ms)
    return score_stance(doc, mentions=ms, attribution=at)


def _cues(res, rule: str | None = None) -> list[tuple[str, str, str]]:
    return [
        (e.holder, e.actor, e.text) for e in res.evidence
        if e.kind == "stance" and (rule is None or e.rule_id == rule)
    ]


@pytest.mark.parametrize(
    ("text", "rule", "holders", "target"),
    [
        # a name as the subject of the act
        ("Notably, Mali last month cut diplomatic relations with Ukraine.", "sc.cut_ties", {"mali"}, "ukraine"),
        # a capital as a metonym
        ("Bamako severed ties with Paris in 2022.", "sc.cut_ties", {"mali"}, "france"),
        # a demonym group
        ("Malian authorities demanded that French troops leave Mali.", "sc.demand_leave", {"mali"}, "france"),
        # a subject that is no known actor: unknown, never the outlet
        ("The three nations withdrew from ECOWAS last year.", "sc.withdraw_from", {"unknown"}, "ecowas"),
        # "the former French colonies" are not France
        ("The former French colonies have hailed Russia as a friend.", "sc.hail_as", {"unknown"}, "russia"),
        # coordinated subjects: one holder each
        ("Bamako, Niamey, and Ouagadougou have all severed ties with France.", "sc.cut_ties",
         {"mali", "niger", "burkina_faso"}, "france"),
        # a participial clause takes the main clause's subject
        ("Niger cut ties with Paris, expelling French troops.", "sc.cut_ties", {"niger"}, "france"),
        # a fronted prepositional phrase: the subject comes after it
        ("In addition to cooperation with Moscow, Abdoulaye Diop stressed the need for unity.",
         "sc.partnership_with", {"mali"}, "russia"),
        # a possessor holds a nominal cue
        ("Returning to Mali's withdrawal from ECOWAS, the minister spoke of sovereignty.",
         "sc.withdraw_from", {"mali"}, "ecowas"),
        # a headline in title case
        ("Mali Strengthens Military Ties With Senegal Despite Leaving ECOWAS", None, {"mali"}, None),
        # a passive act: the agent after "by", else unknown
        ("Ukraine was accused by Mali of backing rebels.", None, {"mali"}, "ukraine"),
        ("Ukraine was accused of backing rebels.", None, {"unknown"}, "ukraine"),
        # a subject inside a parenthesis-free noun phrase after "of"
        ("The head of Malian diplomacy praised Russia for its support.", "sc.praise", {"mali"}, "russia"),
    ],
)
def test_acts_are_held_by_the_clause_subject(text, rule, holders, target):
    res = _scored(text)
    got = [(h, t) for h, t, _ in _cues(res, rule)]
    assert got, _cues(res)
    assert {h for h, _ in got} == holders
    if target is not None:
        assert {t for _, t in got} == {target}
    assert all(h != "author" for h, _ in got)
    for e in res.evidence:
        if e.kind == "stance":
            assert not e.explanation.startswith("the outlet")
            # "holder (how) -> target: why": readers (the answer key) split at the first colon
            assert " -> " in e.explanation.split(":")[0]


def test_title_case_headline_acts_are_the_subjects():
    res = _scored("Mali Strengthens Military Ties With Senegal Despite Leaving ECOWAS")
    assert set((h, t) for h, t, _ in _cues(res)) == {("mali", "senegal"), ("mali", "ecowas")}


def test_coordinated_subjects_count_the_cue_once_each():
    res = _scored("Bamako, Niamey, and Ouagadougou have severed ties with France, expelling French troops.")
    rows = {(r.holder, r.target): r for r in res.records if r.target == "france"}
    assert set(rows) == {("mali", "france"), ("niger", "france"), ("burkina_faso", "france")}
    assert all(r.n == 2 for r in rows.values())  # severed + expelling, once per holder
    ev = [e for e in res.evidence if e.kind == "stance" and e.holder == "niger"]
    assert ev and all("coordinated subject" in e.explanation for e in ev)
    assert all(" -> " in e.explanation.split(":")[0] for e in ev)


def test_hedged_cue_is_not_the_outlets_claim():
    res = _scored("Mali expelled French troops for allegedly failing to quell jihadists.")
    failed = _cues(res, "sc.failed")
    assert failed == [("unknown", "france", "failing to quell")]
    why = next(e.explanation for e in res.evidence if e.rule_id == "sc.failed")
    assert "hedged" in why and " -> " in why.split(":")[0]
    assert _cues(res, "sc.cut_ties") == [("mali", "france", "expelled")]
    plain = _scored("French troops failed to stop the jihadists.")
    assert _cues(plain, "sc.failed") == [("author", "france", "failed to stop")]


def test_unknown_subject_of_a_participial_clause():
    res = _scored("The junta cut ties with France, expelling French troops.")
    assert {h for h, _, _ in _cues(res, "sc.cut_ties")} == {"unknown"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Cooperation with Russia is vital for the region.", "russia"),  # no subject of the act
        ("Wagner committed atrocities in central Mali.", "wagner"),  # the outlet's own description
    ],
)
def test_outlets_own_description_stays_author(text, target):
    res = _scored(text)
    assert ("author", target) in {(h, t) for h, t, _ in _cues(res)}


def test_speech_act_content_follows_the_speaker():
    res = _scored("French President Emmanuel Macron accused Russia of pursuing a predatory project.")
    # the accusation is Macron's; an unquoted label in what he is said to have said is the
    # outlet's paraphrase (issue 16: label words stay the outlet's choice)
    got = {(e.holder, e.rule_id) for e in res.evidence if e.kind == "stance"}
    assert got == {("france", "sc.accuse_of"), ("author", "sc.predatory")}
    quoted = _scored("French President Emmanuel Macron accused Russia of pursuing a “predatory project”.")
    assert {h for h, _, _ in _cues(quoted)} == {"france"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated targets share the cue, and the surer pattern cue ("accuse X of")
        ("Mali accused France and Ukraine of supporting terrorist groups.",
         {("mali", "france", "sc.accuse_of"), ("mali", "ukraine", "sc.accuse_of"),
          ("mali", "france", "sc.sponsor_terrorism"), ("mali", "ukraine", "sc.sponsor_terrorism")}),
        ("Attacks were blamed on Al-Qaeda and Islamic State factions.",
         {("unknown", "jnim", "sc.blame"), ("unknown", "islamic_state_sahel", "sc.blame")}),
        # a name inside a fixed cue phrase is not the target of another cue
        ("France has been accused of supporting terrorist groups.", {("unknown", "france", "sc.accuse_of")}),
        # commas alone do not make a list ("Moscow, Abdoulaye Diop stressed")
        ("In addition to cooperation with Moscow, Abdoulaye Diop stressed the need for unity.",
         {("mali", "russia", "sc.partnership_with")}),
    ],
)
def test_coordinated_targets_share_the_cue(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name followed by a verb opens the next clause: not a list member
        ("Mali accused France, and Niger praised Russia.",
         {("mali", "france", "sc.accuse"), ("niger", "russia", "sc.praise")}),
        ("Mali criticised France and Niger welcomed the decision.", {("mali", "france", "sc.condemn")}),
        # coordinated subjects of a reporting verb each hold the cue
        ("Mali and Niger praised Russia and China.",
         {("mali", "russia", "sc.praise"), ("mali", "china", "sc.praise"),
          ("niger", "russia", "sc.praise"), ("niger", "china", "sc.praise")}),
    ],
)
def test_lists_end_where_the_next_clause_begins(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


def test_a_sentence_of_thousands_of_words_costs_no_more_than_its_parts():
    # one unpunctuated "sentence" (a scraped page) must not stall a worker: the same cues
    # and names as in short sentences, found near each cue by bisection
    part = "Mali accused France of meddling, Russia praised Mali for its courage"
    short = _scored(part + ".")
    long = _scored(", ".join([part] * 200) + ".")
    # (holders may differ: in comma-spliced clauses the subject rules can reach across a comma)
    per_part = {(e.actor, e.rule_id, e.text) for e in short.evidence if e.kind == "stance"}
    assert {(e.actor, e.rule_id, e.text) for e in long.evidence if e.kind == "stance"} == per_part
    assert sum(e.kind == "stance" for e in long.evidence) >= 200 * len(per_part)


@pytest.mark.parametrize(("text", "expected"), [
    # a progressive is no passive: the one before the cue acts
    ("Russia is expelling French diplomats.", {("russia", "france", "sc.cut_ties")}),
    ("Mali has been criticising ECOWAS for months.", {("mali", "ecowas", "sc.condemn")}),
    # a passive still is
    ("France was criticised by Mali.", {("mali", "france", "sc.condemn")}),
])
def test_a_progressive_cue_is_held_by_its_subject(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


@pytest.mark.parametrize(("text", "cue", "target"), [
    ("Mali did not accuse France of anything.", "sc.accuse_of", "france"),
    ("Russia has never praised ECOWAS.", "sc.praise", "ecowas"),
    ("Mali will not cut ties with Russia.", "sc.cut_ties", "russia"),
])
def test_a_negated_cue_is_shown_and_counted_nowhere(text, cue, target):
    s = _scored(text)
    ev = s.evidence
    neg = [e for e in ev if e.kind == "negated" and e.rule_id == cue]
    assert len(neg) == 1 and neg[0].actor == target and "Not counted" in neg[0].explanation
    assert not [e for e in ev if e.kind == "stance"]
    # not accusing is no praise either: the target's mention there counts nowhere
    evals = [e for e in ev if e.kind == "evaluation" and e.actor == target]
    assert evals and all(e.category == "covered" for e in evals)


@pytest.mark.parametrize(("text", "holder", "target"), [
    ("France was not criticised by Mali.", "mali", "france"),  # a negated passive: Mali holds it
    ("Mali has not yet condemned Russia.", "mali", "russia"),
    ("Mali decided not to condemn Russia.", "mali", "russia"),
    ("Mali refused to condemn Russia.", "mali", "russia"),
    ("Mali no longer praises Russia.", "mali", "russia"),
    ("Mali did not want to condemn Russia.", "mali", "russia"),  # over a verb of intention
    ("Mali did not try to blame France.", "mali", "france"),
    ("Mali did not dare to criticise Russia.", "mali", "russia"),
])
def test_negations_a_few_words_before_the_cue(text, holder, target):
    ev = _scored(text).evidence
    neg = [e for e in ev if e.kind == "negated" and e.category == "cue"]
    assert [(e.holder, e.actor) for e in neg] == [(holder, target)]
    assert not [e for e in ev if e.kind == "stance"]
    # neither the one who does not act nor its target is read from the cue's words
    assert all(e.category == "covered" for e in ev if e.kind == "evaluation")


def test_a_negated_cue_leaves_the_targets_other_mentions_to_the_engine():
    ev = _scored("Mali did not condemn France, and French diplomats were relieved.").evidence
    french = [e for e in ev if e.kind == "evaluation" and e.text == "French"]
    assert len(french) == 1 and french[0].category != "covered"


@pytest.mark.parametrize(("text", "expected"), [
    ("Niger is expelling by Friday all French soldiers.", {("niger", "france", "sc.cut_ties")}),
    ("Diplomats from France were expelled by Mali on Monday.", {("mali", "france", "sc.cut_ties")}),
])
def test_by_and_from_that_are_no_passive_agent_or_subject_preposition(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


@pytest.mark.parametrize(("text", "negated"), [
    ("Nobody in Bamako praised France.", True),
    ("No one in Mali praised France.", True),
    ("Neither Mali nor Niger condemned Russia.", True),
    ("Not a single Malian official condemned Russia.", True),
    ("No doubt Mali praised France.", False),  # an idiom that affirms
    ("Mali praised France, and nobody objected.", False),  # another clause's subject
])
def test_a_negative_subject_negates_its_clause_cue(text, negated):
    ev = _scored(text).evidence
    assert bool([e for e in ev if e.kind == "negated" and e.category == "cue"]) is negated
    assert bool([e for e in ev if e.kind == "stance"]) is not negated


def test_cannot_praise_enough_is_praise():
    ev = _scored("Mali cannot praise Russia enough.").evidence
    assert {(e.holder, e.actor, e.rule_id) for e in ev if e.kind == "stance"} == {("mali", "russia", "sc.praise")}
    ev = _scored("Mali cannot praise Russia.").evidence
    assert not [e for e in ev if e.kind == "stance"]



@pytest.mark.parametrize(("text", "expected"), [
    # "be" right before the cue makes the actor before it the target; "be" elsewhere does not
    ("Mali is determined to condemn terrorism.", set()),
    ("France has been repeatedly criticised.", {("unknown", "france", "sc.condemn")}),
    # the agent after "by", past adverbs and time words, holds it and is no target
    ("France was strongly criticised yesterday by Mali.", {("mali", "france", "sc.condemn")}),
    # a passive with no "be": "Mali, criticised by France, ..."
    ("Mali, criticised by France, left the bloc.", {("france", "mali", "sc.condemn")}),
    # the agent of another passive is not the second one's target; the shared subject is
    ("Mali was praised by Russia and criticised by France.",
     {("russia", "mali", "sc.praise"), ("france", "mali", "sc.condemn")}),
    # a second participle shares the subject of the first passive
    ("Mali has been praised by Russia and criticised by the EU.",
     {("russia", "mali", "sc.praise"), ("eu", "mali", "sc.condemn")}),
    # an actor after "by" is no passive subject
    ("The agreement signed by Mali was criticised by France.", set()),
    # the actor something was done to is not the target of the cue aimed at the deed
    ("Mali condemned the attack on Russia.", set()),
    ("Mali criticised the decision of France.", {("mali", "france", "sc.condemn")}),
    # the first part of a compound is a modifier, not the target
    ("Mali condemned the French-backed rebels.", set()),  # (the rebels are a label: no terms here)
    # a new clause between the cue and the name
    ("Niger condemned the attack, and Mali was silent.", set()),
    ("Niger condemned the attack that killed Malian soldiers.", set()),
    ("Niger accused the Russian-trained militia of abuses.", set()),
    # but a name in a compound of names still is ("the Russia-Mali partnership")
    ("Mali criticised the France-Niger agreement.", {("mali", "france", "sc.condemn")}),
    # "be" past "often", a comma aside, or "to" ("is to blame")
    ("France was often criticised.", {("unknown", "france", "sc.condemn")}),
    ("France is to blame for the chaos in the Sahel.", {("unknown", "france", "sc.blame")}),
    # the agent after a time phrase or "as ..." is no target
    ("The coup was condemned on Wednesday by France.", set()),
    ("The election was criticised as unfair by the EU.", set()),
    # "by" before no name is no agent
    ("The last French soldiers left by the end of August.", set()),
    # "be to" is no passive but in "is to blame"; "likely" is no adverb of the verb
    ("Niger is to expel the French ambassador.", {("niger", "france", "sc.cut_ties")}),
    ("Mali is likely to criticise France.", {("mali", "france", "sc.condemn")}),
    # a lower-case agent of a passive with no "be" is no target either (no actor here: no
    # lexicon of labels, so "the junta" is nobody)
    ("France, criticised by the junta for years, withdrew its troops.", {("unknown", "france", "sc.condemn")}),
    # compounds with an irregular participle
    ("Mali condemned the French-made drones.", set()),
    # an actor right after "after", "before", ... acts or is the time: no object of the cue
    ("France left after Mali condemned Russia.", {("mali", "russia", "sc.condemn")}),
    ("France withdrew before Mali's elections.", set()),
    # ... and the subject of its own clause, not the sentence's first noun phrase
    ("Later the Sudanese Republic broke up after Senegal withdrew from ECOWAS.",
     {("senegal", "ecowas", "sc.withdraw_from")}),
    # coordinated agents of a passive and coordinated subjects with commas each hold it
    ("France was condemned by Mali and Niger.", {("mali", "france", "sc.condemn"), ("niger", "france", "sc.condemn")}),
    ("France was condemned by Mali, Niger and Burkina Faso.",
     {("mali", "france", "sc.condemn"), ("niger", "france", "sc.condemn"), ("burkina_faso", "france", "sc.condemn")}),
    ("France was condemned by Mali, and Niger praised Russia.",
     {("mali", "france", "sc.condemn"), ("niger", "russia", "sc.praise")}),
    ("Mali, along with Niger, condemned France.", {("mali", "france", "sc.condemn"), ("niger", "france", "sc.condemn")}),
    # the possessor of opponents is not the target ("Mali's enemies", "its enemies", "the
    # enemies of Mali"), nor does it hold what its opponents do
    ("Russia condemned Mali's enemies.", set()),
    ("Russia condemned the sworn enemies of Mali.", set()),
    ("Mali's critics accused France of lying.", {("unknown", "france", "sc.accuse_of")}),
    ("Critics of Mali accused France of lying.", {("unknown", "france", "sc.accuse_of")}),
    ("Russia condemned Mali's decision.", {("russia", "mali", "sc.condemn")}),
    # (review) an opponent word that describes the next noun is no opponent
    ("ECOWAS rejected Mali's rival proposal.", {("ecowas", "mali", "sc.cut_ties")}),
    ("France condemned Mali's killer drones.", {("france", "mali", "sc.condemn")}),
    # ... one after "'s" or a name heads its phrase, whatever stands between
    ("Russia condemned critics of Mali's junta.", set()),
    ("Russia condemned critics of the Malian junta.", set()),
    ("Russia condemned the enemies of Mali and Niger.", set()),
    ("Mali's rival Niger criticised France.", {("niger", "france", "sc.condemn")}),
    # "until Mali's junta" is no object of the cue before it
    ("France praised the deal until Mali's junta rejected it.", set()),
    # the slot of a pattern is the name right after its words
    ("Mali defended its choice of Russia over France as a partner.", set()),
    ("Mali accused President Macron of lying.", {("mali", "france", "sc.accuse_of")}),
    # (second review) a comma before an apposition is no list; a singular opponent before a
    # verb heads its phrase; a title or owner between a pattern's words and the name is no
    # other name; "'s choice of" too
    ("The rival of Russia, France, was condemned by Mali.", {("mali", "france", "sc.condemn")}),
    ("Russia's fiercest critic condemned the Wagner deployment.", {("unknown", "wagner", "sc.condemn")}),
    ("The junta accused ECOWAS chairman Tinubu of serving France.",
     {("unknown", "ecowas", "sc.accuse"), ("unknown", "nigeria", "sc.accuse_of")}),  # (no labels here)
    ("Mali's choice of Russia as a partner worries Paris.", {("mali", "russia", "sc.choice_of_as_owner")}),
    # the owner that opens a cue holds it, not the clause's subject
    ("Observers criticised Goita's choice of Russia as a partner.",
     {("mali", "russia", "sc.choice_of_as_owner"), ("unknown", "mali", "sc.condemn")}),
    # an apposition between the subject and its act in reported speech
    ("Russia said Goita, the country's leader, had praised France.", {("mali", "france", "sc.praise")}),
    # the choice of an actor as a partner (seed 001)
    ("Bamako does not intend to justify its choice of Moscow as a partner.", {("mali", "russia", "sc.choice_of_as")}),
])
def test_passive_agents_and_what_a_cue_is_aimed_at(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


@pytest.mark.parametrize(("text", "actor"), [
    ("Mali condemned the attack.", "mali"),
    ("Mali praised the agreement.", "mali"),
    ("The attack was condemned by Mali.", "mali"),
    # every coordinated subject or agent holds it ("as well as", "along with", "by X and Y")
    ("Mali as well as Niger condemned the attack.", "mali"),
    ("Mali as well as Niger condemned the attack.", "niger"),
    ("The attack was condemned by Mali and Niger.", "niger"),
    ("Mali, along with Niger, condemned the attack.", "niger"),
    # "after", "before", ... open a clause: its subject holds the act (seed 000)
    ("The Sudanese Republic broke up after Senegal withdrew from the federation.", "senegal"),
])
def test_the_holder_of_an_act_aimed_at_no_actor_is_not_evaluated_by_it(text, actor):
    evs = [e for e in _scored(text).evidence if e.kind == "evaluation" and e.actor == actor]
    assert evs and all(e.category == "covered" and "aimed at no actor" in e.explanation for e in evs)


@pytest.mark.parametrize("text", [
    "Niger condemned the attack, and Mali was silent.",  # Mali holds no act here
    "Goita, who has jailed opponents and crushed dissent, praised the agreement.",  # an aside
    "Critics of Mali condemned the attack.",  # inside an "of" phrase
    "Mali received praise from Niger.",  # a verb between: Mali does not praise
    "The Malian offensive left 20 soldiers dead.",  # a noun that is no actor's own people
])
def test_a_name_that_is_not_the_acts_subject_is_left_to_the_engine(text):
    actor = "france" if "French" in text else "mali"
    evs = [e for e in _scored(text).evidence if e.kind == "evaluation" and e.actor == actor]
    assert evs and all("aimed at no actor" not in e.explanation for e in evs)


@pytest.mark.parametrize(("text", "expected"), [
    # a demonym with the actor's own people is the actor: "Russian officials", "the ambassador"
    ("Mali said Russian officials had praised the AES.", {("russia", "aes", "sc.praise")}),
    ("Bamako said the Russian ambassador had praised Goita.", {("russia", "mali", "sc.praise")}),
    # a comma after an opening phrase joins no list
    ("The minister said that unlike France, Russia had praised the AES.", {("russia", "aes", "sc.praise")}),
    # "along with", "as well as" coordinate
    ("Mali said Niger, along with Burkina Faso, had denounced France.",
     {("niger", "france", "sc.condemn"), ("burkina_faso", "france", "sc.condemn")}),
    ("Mali said Niger as well as Burkina Faso had denounced France.",
     {("niger", "france", "sc.condemn"), ("burkina_faso", "france", "sc.condemn")}),
    # a demonym right before another actor's name says where that one is from
    ("Malian JNIM fighters condemned ECOWAS.", {("jnim", "ecowas", "sc.condemn")}),
    ("French and Malian officials condemned Russia.",
     {("france", "russia", "sc.condemn"), ("mali", "russia", "sc.condemn")}),
    # a list after a preposition is not the subject, nor is "pro-Russian": the source holds it
    ("Niger said critics of France and Russia condemned ECOWAS.", {("niger", "ecowas", "sc.condemn")}),
    ("Mali said pro-Russian officials condemned ECOWAS.", {("mali", "ecowas", "sc.condemn")}),
    # a name after a preposition is not the subject: the source holds it
    ("Mali said protesters in Niger had denounced France.", {("mali", "france", "sc.condemn")}),
])
def test_the_subject_right_before_a_reported_act(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


def test_after_a_possessor_and_a_noun_is_a_time_not_a_clause():
    """(review) 'After Russia's intervention Mali expelled France' is no act of Russia's (its
    holder, Mali, is not found either: the clause has no subject before the verb)."""
    holders = {e.holder for e in _scored("After Russia's intervention Mali expelled France.").evidence
               if e.kind == "stance"}
    assert holders and "russia" not in holders


@pytest.mark.parametrize(("text", "actor"), [
    ("Russia condemned Mali's enemies.", "mali"),
    ("Mali's sworn enemies attacked the base.", "mali"),
    ("Critics of France say the deal is a disaster.", "france"),
    ("Mali condemned the attack, vowing to defeat its enemies.", "mali"),
    ("Mali's old enemy welcomed the sanctions.", "mali"),
    ("Russia condemned the enemies of Mali, Niger and Burkina Faso.", "burkina_faso"),
    ("Russia condemned the enemies of Mali, Niger and Burkina Faso.", "niger"),
    ("The enemies of Mali, Niger, Burkina Faso and Chad were condemned as cowards.", "niger"),
])
def test_the_one_whose_opponents_are_meant_is_not_evaluated_by_what_is_said_of_them(text, actor):
    evs = [e for e in _scored(text).evidence if e.kind == "evaluation" and e.actor == actor]
    assert evs and all(e.category == "covered" for e in evs), [(e.text, e.category, e.value) for e in evs]


def test_coordinated_subjects_of_an_act_aimed_at_no_actor_are_all_covered():
    ev = _scored("Mali, Niger and Burkina Faso condemned the attack.").evidence
    evs = {e.actor: e.category for e in ev if e.kind == "evaluation"}
    assert evs == {"mali": "covered", "niger": "covered", "burkina_faso": "covered"}


@pytest.mark.parametrize(("text", "expected"), [
    # an act in indirect speech is its subject's, as the source reports it
    ("Mali said France cut ties with Russia.", {("france", "russia", "sc.cut_ties")}),
    ("Mali said on Monday that France had cut ties with Russia.", {("france", "russia", "sc.cut_ties")}),
    ("Mali accused France of cutting ties with Russia.",
     {("mali", "france", "sc.accuse_of"), ("france", "russia", "sc.cut_ties")}),
    # no actor opens the reported words: the source's voice holds it ("it" is Mali here)
    ("Mali said it had cut ties with Ukraine.", {("mali", "ukraine", "sc.cut_ties")}),
    # only the subject right before the act: not the object of an earlier speech act, not a
    # name in a relative clause
    ("Mali thanked Russia and cut ties with France.",
     {("mali", "russia", "sc.praise"), ("mali", "france", "sc.cut_ties")}),
    ("Mali criticised France and praised Russia.",
     {("mali", "france", "sc.condemn"), ("mali", "russia", "sc.praise")}),
    ("The junta said France withdrew its troops because Russia had expelled MINUSMA.",
     {("russia", "minusma", "sc.cut_ties")}),
    ("Mali said the group that Wagner trained had rejected ECOWAS.", {("mali", "ecowas", "sc.cut_ties")}),
    # inside quotation marks the words are the speaker's
    ('"France has cut ties with Russia," Mali said.', {("mali", "russia", "sc.cut_ties")}),
])
def test_a_reported_act_is_held_by_its_subject(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a phrase with no comma after it opens the clause; the subject follows it
    ("After Russia's intervention Mali expelled France.", {("mali", "france", "sc.cut_ties")}),
    # a clause opened inside reported words has its own subject (an unknown one here)
    ("France praised Mali after Russia's critics condemned Niger.",
     {("france", "mali", "sc.praise"), ("unknown", "niger", "sc.condemn")}),
    ("Mali said that it would cut ties with France.", {("mali", "france", "sc.cut_ties")}),  # a pronoun: the source
    # the owner of the passive's subject is what is condemned
    ("Mali's jailing of its critics was condemned by France.", {("france", "mali", "sc.condemn")}),
    # the owner of an intention acts in it
    ("Mali's decision to expel France was welcomed by Russia.", {("mali", "france", "sc.cut_ties")}),
    # an accusation named by a noun: its owner accuses, else someone unnamed
    ("Criticism of France grew in Mali.", {("unknown", "france", "sc.condemn")}),
    ("Mali's criticism of France was harsh.", {("mali", "france", "sc.condemn")}),
    ("Mali condemned accusations against Russia.", {("unknown", "russia", "sc.accuse")}),
    # rejecting criticism is aimed at the criticism, not at the one criticised
    # ... and rejecting it takes the side of the one criticised
    ("Goita rejected criticism of Russia.", {("mali", "russia", "sc.denies_accusation")}),
    ("Officials rejected accusations against Russia.", set()),
    # what a source denies is not its claim; the denier takes the side of the one blamed
    ("Mali denied that Russia killed civilians.",
     {("unknown", "russia", "sc.agent_violence"), ("mali", "russia", "sc.denies_accusation")}),
    ("The Kremlin denied that Wagner had killed civilians.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation")}),
    ("Russia denied findings that it interfered in the US election.", set()),
    ("France denied claims that Wagner had killed civilians.",
     {("unknown", "wagner", "sc.agent_violence"), ("france", "wagner", "sc.denies_accusation")}),
    ("Putin met Goita in Moscow. He denied that Wagner had killed civilians.",
     {("unknown", "wagner", "sc.agent_violence")}),  # whose denial? no defence through a pronoun
    ("Mali rejected all charges against Wagner.", {("mali", "wagner", "sc.denies_accusation")}),
    ("Mali denied that Russia's Wagner had killed civilians.",
     {("unknown", "wagner", "sc.agent_violence"), ("mali", "wagner", "sc.denies_accusation")}),
    # a denial in the speaker's own quoted words
    ("“We categorically deny that Wagner killed civilians,” the Kremlin said.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation")}),
    ("“We categorically, firmly deny that Wagner killed civilians,” the Kremlin said.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation")}),
    ("“We do not deny that Wagner killed civilians,” the Kremlin said.", {("russia", "wagner", "sc.agent_violence")}),
    ("“Wagner killed civilians,” the Kremlin said.", {("russia", "wagner", "sc.agent_violence")}),
    ("“We deny that Wagner killed civilians and we condemn France,” the Kremlin said.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation"),
      ("russia", "france", "sc.condemn")}),
    ("“I reject accusations against Russia and condemn France,” Mali's foreign minister said.",
     {("mali", "russia", "sc.denies_accusation"), ("mali", "france", "sc.condemn")}),
    ("“Can we deny that Wagner killed civilians? No,” the Kremlin said.", {("russia", "wagner", "sc.agent_violence")}),
    ("“If we deny that Wagner killed civilians, we lie,” the Russian opposition leader said.",
     {("russia", "wagner", "sc.agent_violence")}),
    # the denier's next words are its own
    ("Russia denied that Wagner killed civilians and said France had massacred civilians in Mali.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation"),
      ("russia", "france", "sc.agent_violence")}),
    ("As expected, Russia denied that Wagner killed civilians, raped women and looted villages.",
     {("unknown", "wagner", "sc.agent_violence"), ("russia", "wagner", "sc.denies_accusation"),
      ("unknown", "wagner", "sc.impose_will")}),
    # the object of a participle after a noun does not act: the strike kills
    ("A drone strike targeting Wagner fighters killed four civilians.", set()),
    ("Reports saying Wagner killed civilians were denied.", {("unknown", "wagner", "sc.agent_violence")}),
    ("The invading Russian forces killed civilians.", {("author", "russia", "sc.agent_violence")}),
    ("French forces fighting Wagner killed civilians.", {("author", "france", "sc.agent_violence")}),
    # ... but not a noun of the object, an adjective, a noun in -ing or a clause (the review of the rule)
    ("The special counsel investigating Russian election meddling spoke.", {("author", "russia", "sc.impose_will")}),
    ("Last spring Russia killed civilians in Kyiv.", {("author", "russia", "sc.agent_violence")}),
    ("Another crushing Russian offensive killed civilians.", {("author", "russia", "sc.agent_violence")}),
    ("A Saturday morning Russian strike killed civilians.", {("author", "russia", "sc.agent_violence")}),
    ("Mali's expulsion of French troops was condemned by France.", {("france", "mali", "sc.condemn")}),
    ("Mali could not have praised Russia more.", {("mali", "russia", "sc.praise")}),
    ("ECOWAS should not have condemned Niger's junta.", {("ecowas", "niger", "sc.condemn")}),
    ("Mali must not have praised Russia.", set()),
    ("Mali couldn't have praised Russia, since its minister was absent.", set()),
    # an aside with an agent that is no known actor: someone unnamed praises
    ("Mali, praised by locals for restoring order, took the town.", {("unknown", "mali", "sc.praise")}),
    ("Goita, criticised by human rights groups, praised Russia.",
     {("unknown", "mali", "sc.condemn"), ("mali", "russia", "sc.praise")}),
    # (not a participle phrase at the end of a clause whose subject is another)
    ("Russia sent instructors to Mali, welcomed by the population.", set()),
    ("Goita met Putin in Moscow, criticised by rights groups for the trip.", set()),
    # a review of the rules above (2026-12-06): a denial ends before "and" + a verb
    ("Mali rejected ECOWAS's decision and praised Russia.",
     {("mali", "ecowas", "sc.cut_ties"), ("mali", "russia", "sc.praise")}),
    ("Mali rejected the sanctions and expelled the French ambassador.", {("mali", "france", "sc.cut_ties")}),
    # a holder the denied noun phrase names stays; a denied clause is nobody's known act
    ("Mali rejected France's criticism of Niger.", {("mali", "france", "sc.cut_ties"), ("france", "niger", "sc.condemn")}),
    ("Mali denied that France criticised Russia.", {("unknown", "russia", "sc.condemn")}),
    # a denial of one's own act counts for nobody
    ("Trump denied ever praising Putin.", set()),
    ("Goita denied that Mali had expelled France.", set()),
    ("Paris has denied supporting terrorist groups.", set()),
    # the subject of a light verb holds the accusation its noun names
    ("Mali voiced strong criticism of France.", {("mali", "france", "sc.condemn")}),
    ("Goita has repeatedly made accusations against France.", {("mali", "france", "sc.accuse")}),
    # in reported words, the source's own institutions are the source
    ("Goita said that the government expelled France's ambassador.", {("mali", "france", "sc.cut_ties")}),
    ("France praised Mali after Russia's critics had condemned Niger.",
     {("france", "mali", "sc.praise"), ("unknown", "niger", "sc.condemn")}),
    # a cue's preposition takes the noun phrase after it, with adjectives
    ("Mali sought better relations with neighbour and historic rival Niger.",
     {("mali", "niger", "sc.partnership_with")}),
    ("Niger suspended military cooperation with France.", {("niger", "france", "sc.cut_ties")}),
    ("Niger's decision to leave ECOWAS was criticised by Nigeria.", {("nigeria", "niger", "sc.condemn")}),
    # a second review (2026-12-06): "and" + a verb inside a denied clause is more of it
    ("Goita denied that Mali had expelled the French ambassador and cut ties with France.", set()),
    ("Russia denied any involvement, even as it accused France of backing the rebels.",
     {("russia", "france", "sc.accuse_of")}),
    ("Russia denied any involvement, but France accused Moscow of backing the coup.",
     {("france", "russia", "sc.accuse_of")}),
    ("Mali did not deny that it had expelled the French ambassador.", {("mali", "france", "sc.cut_ties")}),
    # a denied noun phrase keeps its own holder, even of the denier's side
    ("Biden dismissed Trump's praise for Putin.", {("usa", "russia", "sc.praise")}),
    # a preposition after "and" opens another phrase; "such as" continues this one
    ("Trump's criticism of the media and praise for Putin drew fire.", {("usa", "russia", "sc.praise")}),
    ("Niger voiced criticism of Western powers such as France.", {("niger", "france", "sc.condemn")}),
    # an aside on an object; not on a name after a preposition
    ("The EU sanctioned Wagner, condemned by rights groups for abuses in Mali.", {("unknown", "wagner", "sc.condemn")}),
    ("Russia sent instructors to Mali, welcomed by the population.", set()),
    # a name that describes the next noun in a reported clause's subject
    ("The report said that the Trump campaign welcomed Russia's intervention.", {("usa", "russia", "sc.welcome")}),
    # an event renews criticism: no one named criticises; not past a verb to a possessor
    ("Trump's comments made criticism of Putin harder.", {("unknown", "russia", "sc.condemn")}),
    ("Macron stepped up his criticism of Russia.", {("france", "russia", "sc.condemn")}),
    ("Niger suspended its military cooperation with France.", {("niger", "france", "sc.cut_ties")}),
    # a third review (2026-12-06): after a denied gerund, "and" + a verb is the denier's next act
    ("Russia denied supporting Wagner and condemned ECOWAS sanctions.", {("russia", "ecowas", "sc.condemn")}),
    # "reports that ..." is a denied clause: the denier's own act in it counts for nobody
    ("Trump denied reports that he had praised Putin.", set()),
    # ", as" opens a clause with its own subject
    ("The junta denied abusing civilians, as Human Rights Watch accused Wagner of killings.",
     {("unknown", "wagner", "sc.accuse_of")}),
    # a passive with its agent inside reported words is the agent's
    ("Putin praised Goita, hailed by supporters.", {("russia", "mali", "sc.praise"), ("unknown", "mali", "sc.praise")}),
    ("Mali said France was criticised by Russia.", {("russia", "france", "sc.condemn")}),
    # light verbs: an actor renews criticism; "an accusation"; an adverb before an -ed adjective
    ("Mali has renewed criticism of France over the withdrawal.", {("mali", "france", "sc.condemn")}),
    ("Mali made an accusation against France.", {("mali", "france", "sc.accuse")}),
    ("Macron's thinly veiled criticism of Putin drew a rebuke.", {("france", "russia", "sc.condemn")}),
    ("Niger ended all security cooperation with France.", {("niger", "france", "sc.cut_ties")}),
    # a leading phrase with no comma: the name after it holds the act, in both tables
    ("Following Russia's advice Mali rejected France's offer.", {("mali", "france", "sc.cut_ties")}),
    ("Unlike France Russia praised Mali.", {("russia", "mali", "sc.praise")}),
    # the owner of a passive's subject, a name that is a topic, a name inside an owned phrase
    ("Russia's support for Mali was condemned by France.", {("france", "russia", "sc.condemn")}),
    ("Republicans stepped up their criticism of the Russia probe.", set()),
    ("The senator voiced criticism of Mr. Obama's handling of the Islamic State.", set()),
    ("Mali condemned Russia's support for the Islamic State.", {("mali", "russia", "sc.condemn")}),
    ("Russia's support for Mali's junta was condemned by France.", {("france", "russia", "sc.condemn")}),
    ("The attack on Mali's army was condemned by France.", set()),
    # ... but the one that runs the inquiry is its actor, and a time owns nothing
    ("Mali rejected the UN inquiry.", {("mali", "un", "sc.cut_ties")}),
    ("Last year's coup in Mali was condemned by ECOWAS.", {("ecowas", "mali", "sc.condemn")}),
    ("Mali welcomed today's deal with Russia.", {("mali", "russia", "sc.welcome")}),
    # names of two actors side by side after a leading phrase: the second is the subject
    ("Following the advice of Russia Bamako condemned the ECOWAS sanctions.", {("mali", "ecowas", "sc.condemn")}),
    ("During talks with Russia Mali praised Wagner's help.",
     {("mali", "wagner", "sc.praise"), ("mali", "wagner", "sc.provides_support")}),
    # what is done to an owner, a relation's partner, a topic that ends the cue's reach
    ("Mali's suspension from ECOWAS was condemned by Russia.", {("russia", "ecowas", "sc.condemn")}),
    ("Goita praised the nation's friendship with Russia.", {("mali", "russia", "sc.praise")}),
    ("Mali denounced the group's links to Wagner.", {("mali", "wagner", "sc.condemn")}),
    ("Mali condemned the Wagner issue in Niger.", set()),
    ("Mali rejected the Security Council inquiry.", {("mali", "un", "sc.cut_ties")}),
    ("After the Russia Mali talks Niger praised Russia.", {("niger", "russia", "sc.praise")}),
    # trust: only where a named actor holds it (named_holder)
    ("Observers saw a sign of Mali's growing confidence in Russia.", {("mali", "russia", "sc.confidence_in")}),
    ("Niger has lost confidence in ECOWAS.", {("niger", "ecowas", "sc.distrust_of")}),
    ("Many Malians distrust France.", {("mali", "france", "sc.distrust_of")}),
    ("Faith in France has dipped.", set()),
    ("Only 26% of voters expressed trust in Russia.", set()),
    ("Mali has little confidence in France.", {("mali", "france", "sc.distrust_of")}),
    ("Mali does not have confidence in ECOWAS.", {("mali", "ecowas", "sc.distrust_of")}),
    ("Mali doesn't have any confidence in ECOWAS.", set()),
    ("Mali's trust in Russia was criticized by France.",
     {("mali", "russia", "sc.confidence_in"), ("france", "mali", "sc.condemn")}),
    ("Trump's trusted adviser praised Putin.", {("usa", "russia", "sc.praise")}),
    # the denier's next speech act after "and" is no part of what it denies (ninth session)
    ("The Kremlin denied that Wagner had killed civilians and accused France of lying.",
     {("russia", "wagner", "sc.denies_accusation"), ("unknown", "wagner", "sc.agent_violence"),
      ("russia", "france", "sc.accuse_of")}),
    # list commas inside a denial in a leading clause do not end it
    ("While Mali denied that Russia had sent troops, arms and support to Wagner, France condemned Russia.",
     {("unknown", "russia", "sc.provides_support"), ("france", "russia", "sc.condemn")}),
    # ... but the main clause after the comma is no list item
    ("While Russia denied sending troops, France and the EU condemned Wagner.",
     {("france", "wagner", "sc.condemn"), ("eu", "wagner", "sc.condemn")}),
    # what is played down is no claim of the one who plays it down (rv.downplay, denies: true)
    ("Trump downplayed claims that Russia interfered in the election.",
     {("usa", "russia", "sc.denies_accusation"), ("unknown", "russia", "sc.impose_will")}),
])
def test_who_holds_acts_in_clauses_nouns_and_denials(text, expected):
    got = {(e.holder, e.actor, e.rule_id) for e in _scored(text).evidence if e.kind == "stance"}
    assert got == expected
