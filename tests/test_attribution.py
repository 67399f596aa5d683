"""Golden tests for attribution relations, sources, channels, hedges, frames."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from framecmp.lexicons import LexiconError
from framecmp.measures.actors import find_mentions
from framecmp.measures.attribution import (
    AttributionConfig,
    extract_attributions,
    load_attribution_config,
    style_row,
    voices_rows,
)
from framecmp.schema import STYLE, VOICES
from framecmp.text.doc import analyze


@pytest.fixture(scope="module")
def cfg():
    return load_attribution_config()


def run(text, cfg, index):
    doc = analyze(text)
    return extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index))


def real(res):
    return [a for a in res.attributions if a.quote_type != "scare"]


@pytest.mark.parametrize(
    ("sentence", "source", "stype", "affiliation", "channel", "content"),
    [
        ("“We chose Russia,” the Malian diplomat wrote on X (formerly Twitter).",
         "the Malian diplomat", "person", "mali", "X", "We chose Russia"),
        ("French President Emmanuel Macron accused Russia of pursuing a “predatory project” in the country.",
         "French President Emmanuel Macron", "person", "france", None,
         "Russia of pursuing a “predatory project” in the country"),
        ("A senior Mali military official told Anadolu that ties had grown.",
         "A senior Mali military official", "anonymous", "mali", "Anadolu", "that ties had grown"),
        ("Lavrov stressed that Russia defends the interests of Mali.",
         "Lavrov", "person", "russia", None, "that Russia defends the interests of Mali"),
        ("Bamako sees Moscow as a reliable partner, Mali’s Prime Minister Choguel Maiga said in an interview with Al Jazeera.",
         "Mali’s Prime Minister Choguel Maiga", "person", "mali", "Al Jazeera",
         "Bamako sees Moscow as a reliable partner"),
        ("Attacks killed thousands, according to UN estimates.",
         "UN estimates", "document", "un", None, "Attacks killed thousands"),
        ("Sources said the convoy was hit.", "Sources", "anonymous", None, None, "the convoy was hit"),
        ("Experts told Sputnik that France wants uranium.", "Experts", "anonymous", None, "Sputnik",
         "that France wants uranium"),
    ],
)
def test_relations_golden(sentence, source, stype, affiliation, channel, content, cfg, index):
    res = run(sentence, cfg, index)
    (a,) = real(res)
    assert (a.source, a.source_type, a.affiliation, a.channel) == (source, stype, affiliation, channel)
    assert sentence[a.content_start : a.content_end] == content


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States and the Islamic State are named here.",
        "The state of the economy is poor.",
        "His remarks drew criticism.",
        "Mali turned to Russia in 2021.",
    ],
)
def test_negatives(sentence, cfg, index):
    assert real(run(sentence, cfg, index)) == []


def test_seed_000_he_said_resolves_to_anonymous_official(cfg, index):
    text = ("A senior Mali military official told Anadolu that the administration had “increased partnerships” with Russia.\n"
            "“Mali has diversified its partners,” the official said on the condition of anonymity. "
            "“The new partnerships are based on sincerity and honor.”\n"
            "“We are open to any partnership,” he said.")
    atts = real(run(text, cfg, index))
    assert len(atts) == 4
    assert {a.source_type for a in atts} == {"anonymous"}
    assert {a.affiliation for a in atts} == {"mali"}
    assert atts[0].channel == "Anadolu"
    assert [a.quote_type for a in atts] == ["partial", "direct", "direct", "direct"]


def test_multi_sentence_quote_with_speaker_after(cfg, index):
    text = "“We cannot stay. The era has passed. We choose our partners,” Diop said."
    (a,) = real(run(text, cfg, index))
    assert text[a.content_start : a.content_end] == "We cannot stay. The era has passed. We choose our partners"
    assert a.quote_type == "direct" and a.cue == "said"


def test_speaker_before_colon_quote(cfg, index):
    text = "Pointing to terrorism, he said: “We cannot be in a sincere partnership.”"
    (a,) = real(run(text, cfg, index))
    assert a.quote_type == "direct" and a.source == "he"


def test_loaded_and_neutral_cues(cfg, index):
    atts = real(run("The official rued that partners had left. Diop said the talks went well.", cfg, index))
    assert [a.cue_class for a in atts] == ["loaded", "neutral"]


def test_belief_cue_is_not_loaded(cfg, index):
    res = run("Diop thinks the talks went well. The official insisted that partners stayed.", cfg, index)
    atts = real(res)
    assert [a.cue_class for a in atts] == ["belief", "loaded"]
    assert res.style["loaded_cue_rate"] == 0.5


def test_cue_span_conventions(cfg, index):
    (a,) = real(run("Diop has also said: “We chose Russia.”", cfg, index))
    assert a.cue == "has also said:" and a.source == "Diop"
    (a,) = real(run("Diop said in a statement that the talks went well.", cfg, index))
    assert a.cue == "said in a statement"


def test_agentless_passive(cfg, index):
    (a,) = real(run("It was announced that the troops would leave.", cfg, index))
    assert a.source is None and a.source_type == "none"


def test_scare_quote(cfg, index):
    res = run("The junta calls them “partners” now.", cfg, index)
    assert [a.quote_type for a in res.attributions] == ["scare"]
    assert res.voice_of(res.attributions[0].content_start) == "author"


def test_hedges_and_style(cfg, index):
    res = run("Wagner fighters were reportedly killed. The so-called partners left. Lavrov said it was fine.",
              cfg, index)
    assert [e.text for e in res.hedges] == ["reportedly", "so-called"]
    row = style_row(res, article_id="a", outlet="o")
    assert list(row) == STYLE
    assert row["n_attributions"] == 1 and row["loaded_cue_rate"] == 0.0
    assert row["hedge_rate"] > 0


def test_voices_rows(cfg, index):
    res = run("Lavrov said Russia will help. “We are ready,” Goïta said.", cfg, index)
    rows = voices_rows(res, article_id="a", outlet="o")
    assert all(list(r) == VOICES for r in rows)
    by = {r["affiliation"]: r for r in rows}
    assert set(by) == {"russia", "mali"}
    assert math.isclose(sum(r["share"] for r in rows), 1.0)
    assert by["mali"]["direct_share"] == 1.0


def _voice_words_by_offset(res, doc):
    """Words of content per voice, word by word through voice_of (the author's words left out)."""
    c = Counter(res.voice_of(t.start) for t in doc.tokens if t.is_word)
    c.pop("author", None)
    return dict(c)


@pytest.mark.parametrize(("text", "inner_aff", "inner_words", "outer_aff", "outer_words"), [
    # nested: the reported promise inside what the official said goes to Lavrov's attribution
    ("A senior official said that Lavrov had promised that Russia would send more instructors "
     "to the region soon.", "russia", 10, "unknown", 4),
    ("Malian Foreign Minister Abdoulaye Diop noted that France has not refused to cooperate with "
     "Bamako, but will not accept orders from anyone.", "france", 11, "mali", 5),
])
def test_overlapping_contents_count_each_word_once(cfg, index, text, inner_aff, inner_words,
                                                   outer_aff, outer_words):
    doc = analyze(text)
    res = extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index))
    outer, inner = real(res)
    assert outer.content_start < inner.content_start < inner.content_end <= outer.content_end
    # the shared words go to the innermost attribution, the rest to the outer one
    assert res.voice_words == {inner.id: inner.content_words,
                               outer.id: outer.content_words - inner.content_words}
    rows = {r["affiliation"]: r for r in voices_rows(res, article_id="a", outlet="o")}
    assert {a: r["quoted_words"] for a, r in rows.items()} == {inner_aff: inner_words,
                                                               outer_aff: outer_words}
    # each word once: the voices sum to the attributed words of the style frame, and agree
    # with voice_of word by word
    style = style_row(res, article_id="a", outlet="o")
    total = sum(r["quoted_words"] for r in rows.values())
    assert total == round(style["attributed_share"] * style["n_words"]) == outer.content_words
    assert _voice_words_by_offset(res, doc) == {a: r["quoted_words"] for a, r in rows.items()}
    assert style["anonymous_share"] == pytest.approx(
        sum(r["quoted_words"] * r["anonymous_share"] for r in rows.values()) / total)


def test_crossing_contents_give_the_shared_words_to_the_shorter(cfg, index):
    text = ("The region has suffered years of violence, with attacks blamed on armed factions killing "
            "thousands of people, according to UN estimates.")
    doc = analyze(text)
    res = extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index))
    first, second = real(res)
    assert first.content_start < second.content_start < first.content_end < second.content_end
    shorter, longer = sorted((first, second), key=lambda a: a.content_end - a.content_start)
    assert res.voice_words[shorter.id] == shorter.content_words
    assert res.voice_words[longer.id] < longer.content_words
    style = style_row(res, article_id="a", outlet="o")
    assert sum(res.voice_words.values()) == round(style["attributed_share"] * style["n_words"])


def test_seed_voices_sum_to_the_attributed_words(seed_scores):
    """On the seeds (overlaps in seed-001 and seed-003), each word of content counts once."""
    voices, style = seed_scores.voices, seed_scores.style.set_index("article_id")
    for aid, g in voices.groupby("article_id"):
        st = style.loc[aid]
        words = g["quoted_words"].astype(int)
        assert words.sum() == round(st["attributed_share"] * st["n_words"]), aid
        assert (g["share"].astype(float).sum()) == pytest.approx(1.0)
        direct = (words * g["direct_share"].astype(float)).sum() / words.sum()
        anon = (words * g["anonymous_share"].astype(float)).sum() / words.sum()
        assert direct == pytest.approx(st["direct_quote_share"]), aid
        assert anon == pytest.approx(st["anonymous_share"]), aid


def test_evidence_slices_back(cfg, index):
    text = "“Mali chose,” the official said. Experts reportedly told Sputnik that France left."
    res = run(text, cfg, index)
    for e in res.evidence:
        assert text[e.start : e.end] == e.text


def test_empty_text(cfg, index):
    res = run("", cfg, index)
    assert res.attributions == () and res.style["n_attributions"] == 0


def test_config_errors():
    with pytest.raises(ValueError, match="'scare_max_words' parameter"):
        load_attribution_config(scare_max_words=-1)
    with pytest.raises(LexiconError):
        load_attribution_config(verbs={"entries": [{"id": "x", "terms": ["gloat"], "class": "loud"}]})
    with pytest.raises(TypeError, match="AttributionConfig"):
        extract_attributions(analyze("x"), config={})  # type: ignore[arg-type]
    assert isinstance(load_attribution_config(), AttributionConfig)


def test_rule_cue_ids_are_in_the_lexicon(cfg):
    from framecmp.measures.attribution.relations import _TITLE_CUES, _TO_CONTENT

    assert set(_TITLE_CUES | _TO_CONTENT) <= set(cfg.entries)


def test_lexicon_entries_have_provenance(cfg):
    for lex in (cfg.verbs, cfg.hedges, cfg.sources):
        for e in lex.entries:
            assert e.get("source") and e.get("explanation") and e.get("class")


def test_apposition_source(cfg, index):
    (a,) = real(run("Abdoulaye Diop, Mali's foreign minister, said the talks went well.", cfg, index))
    assert a.source == "Abdoulaye Diop, Mali's foreign minister"
    assert a.cue == "said" and a.source_type == "person"


POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="PolNeAR data (../shared/data/polnear) is not available")
def test_benchmark_runs_on_polnear_sample(capsys):
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from attribution_polnear import main

    assert main(["--data", str(POLNEAR), "--limit", "5"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["n_articles"] == 5 and 0 <= out["cue_f1"] <= 1


# ---------------------------------------------------------------- PolNeAR-driven rules


def test_cue_inside_quote_is_not_an_attribution(cfg, index):
    text = "“People say the deal is dead,” Diop said."
    (a,) = real(run(text, cfg, index))
    assert a.cue == "said" and a.source == "Diop"


def test_infinitive_is_not_a_second_cue(cfg, index):
    # "say" after "to" is no cue of its own; "declined" is (PolNeAR train: a gold cue starts at
    # "declined"/"refused" in 43 of 51 "declined to say/comment ..." and is exactly that verb in 29)
    atts = real(run("Cook declined to say whether it was legal.", cfg, index))
    assert [(a.cue, a.source) for a in atts] == [("declined", "Cook")]


@pytest.mark.parametrize("sentence", [
    "He hosts a talk show on Sundays.",
    "He found the keys.",
    "The firm called off the deal.",
    "Some companies backed a group called Color of Change.",
])
def test_polnear_negatives(sentence, cfg, index):
    assert [a.cue for a in real(run(sentence, cfg, index))] == []


def test_went_on_to_say_is_one_cue(cfg, index):
    (a,) = real(run("Diop went on to say that the talks failed.", cfg, index))
    assert a.cue == "went on to say" and a.source == "Diop"


def test_document_finding(cfg, index):
    (a,) = real(run("The survey found that voters were split.", cfg, index))
    assert a.cue == "found" and a.source_type == "document"


def test_asked_participle(cfg, index):
    text = "Asked about the vote, Lavrov said Russia will help."
    atts = real(run(text, cfg, index))
    assert [a.cue for a in atts] == ["Asked about", "said"]
    assert atts[0].source is None and text[atts[0].content_start : atts[0].content_end] == "the vote"
    assert atts[1].source == "Lavrov"


def test_told_object_before_postposed_quote(cfg, index):
    text = "“It is over,” Carson told ABC’s George Stephanopoulos by phone."
    (a,) = real(run(text, cfg, index))
    assert a.cue == "told" and a.source == "Carson" and a.quote_type == "direct"
    assert text[a.content_start : a.content_end] == "It is over"


def test_relative_pronoun_source(cfg, index):
    text = "The deal came with help from Thomas Perez, who said he expects it to be final."
    (a,) = real(run(text, cfg, index))
    assert a.source == "who" and a.source_type == "person"


def test_source_with_parenthesis_and_time(cfg, index):
    (a,) = real(run("Sen. Mitch McConnell (R-Ky.) said that he did not agree.", cfg, index))
    assert a.source == "Sen. Mitch McConnell (R-Ky.)"
    (a,) = real(run("Mike Pence on Thursday blamed the press for the loss.", cfg, index))
    assert a.source == "Mike Pence"


@pytest.mark.parametrize(("text", "source"), [
    # a leading phrase with no comma: the source is the name after it
    ("Following Russia's advice Mali rejected the offer.", "Mali"),
    ("Unlike France Russia praised the junta.", "Russia"),
    ("Under the plan Obama announced that strikes would stop.", "Obama"),
    ("On January 23 Russell Brand said Americans were afraid.", "Russell Brand"),
    # ... but not inside one noun phrase: role words, quantifiers, titles
    ("On Tuesday Putin's spokesman Dmitry Peskov said the Kremlin saw no evidence.",
     "On Tuesday Putin's spokesman Dmitry Peskov"),
    ("In 2001 journalist Chris Hedges wrote that the war was lost.", "In 2001 journalist Chris Hedges"),
    ("Under President Trump the State Department said it would act.", "the State Department"),
    ("After the coup ECOWAS said it would act.", "ECOWAS"),
    ("In her statement Ms. Napolitano said the rule would change.", "Ms. Napolitano"),
    ("After prison tailor Joyce Mitchell said she helped them, the spotlight moved.", "prison tailor Joyce Mitchell"),
    ("As my colleague David Ignatius noted, the story is shaky.", "my colleague David Ignatius"),
    ("At least three other Democrats besides Ms. Sweet said they would run.",
     "At least three other Democrats besides Ms. Sweet"),
    ("French President Emmanuel Macron said Russia lied.", "French President Emmanuel Macron"),
    ("At least four Democrats said they would run.", "At least four Democrats"),
    ("A bloc of about 71 House Republicans said they would vote no.", "A bloc of about 71 House Republicans"),
    ("After the talks Mrs Merkel said she stood by him.", "Mrs Merkel"),
    ("After the Russia Mali talks Niger said it would join.", "Niger"),
    ("At least 2000 Malians said they would march.", "At least 2000 Malians"),
    ("About twenty Malian officers said they were loyal.", "About twenty Malian officers"),
    # an interviewer's name before the speaker's (2026-12-06, ninth session)
    ("In an interview with Reuters Assimi Goita said France had abandoned Mali.", "Assimi Goita"),
    ("Speaking to RFI Macron said Russia had lied.", "Macron"),
    ("In an interview with the BBC Macron said Russia had lied.", "Macron"),
    ("In a briefing with UN officials Lavrov criticized France.", "Lavrov"),
    ("In talks with ECOWAS leaders Tiani rejected the sanctions.", "Tiani"),
    ("In an interview with Reuters published Monday Goita said France had left.",
     "an interview with Reuters published Monday Goita"),  # (a verb: not only the interviewer)
    # a determiner after a noun, a number or a time word ends the leading phrase (eleventh session)
    ("In a statement the ministry said the talks had failed.", "the ministry"),
    ("In an interview with France 24 the UN envoy said Mali had failed.", "the UN envoy"),
    ("At the end of the day the minister said the talks had failed.", "the minister"),
    ("In a statement the head of the UN mission said the talks had failed.", "the head of the UN mission"),
    ("During a meeting the minister said the talks had failed.", "the minister"),
    ("In a statement Friday the UN Security Council said the talks had failed.", "the UN Security Council"),
    ("At about 500 a day the ministry reported that the talks had failed.", "the ministry"),
    ("In a statement the company behind the app said the talks had failed.", "the company behind the app"),
    ("In a letter to Congress the senator wrote that the talks had failed.", "the senator"),
    ("During a visit to Paris the minister said the talks had failed.", "the minister"),
    ("According to the ministry the president said the talks had failed.", "the president"),
    ("An aide to GOP House Speaker John A. Boehner said the talks had failed.",
     "An aide to GOP House Speaker John A. Boehner"),  # an initial, no determiner
    ("In an interview with the Campaign to Fix the Debt the senator said the talks had failed.",
     "the senator"),  # "the" inside a name starts nothing
    ("With Meet the Press on Sunday the senator said the talks had failed.", "the senator"),
    # (not a letter's addressee: "to" only after "speaking / talking")
    ("Speaker of the House Nancy Pelosi has sent a letter to President Donald Trump asking to move the day "
     "of the State of the Union address.",
     "Speaker of the House Nancy Pelosi has sent a letter to President Donald Trump"),
])
def test_source_after_a_leading_phrase(cfg, index, text, source):
    a = next(a for a in real(run(text, cfg, index))
             if a.cue in ("rejected", "praised", "announced", "said", "wrote", "noted", "asking", "criticized", "reported"))
    assert a.source == source


@pytest.mark.parametrize(("text", "head"), [
    ("In a statement groups opposing the bill said the talks had failed.", "groups opposing the bill"),
    ("In a statement half the senators said the talks had failed.", "half the senators"),
    ("On Monday a spokesman the ministry hired said the talks had failed.", "a spokesman the ministry hired"),
    ("In a letter parents whose children attend the school wrote that the talks had failed.",
     "parents whose children attend the school"),
])
def test_a_determiner_inside_the_subject_does_not_start_it(cfg, index, text, head):
    # the source may keep the leading phrase ("a statement groups opposing the bill"), but it
    # never starts inside the subject's own words ("the bill", "the senators", "the ministry")
    a = next(a for a in real(run(text, cfg, index)) if a.cue in ("said", "wrote"))
    assert a.source.endswith(head)


def test_colon_speaker_at_line_start(cfg, index):
    text = "Ben Carson: Clinton is not fit to serve as president."
    (a,) = real(run(text, cfg, index))
    assert a.cue == ":" and a.source == "Ben Carson"
    assert real(run("Contributing: Brittney Bennett and Greg Toppo of USA TODAY.", cfg, index)) == []


def test_postposed_source_runs_to_clause_end(cfg, index):
    text = ("“We chose Russia,” said Steve Smith, a veteran editor who teaches journalism "
            "at the University of Idaho.")
    (a,) = real(run(text, cfg, index))
    assert a.source == ("Steve Smith, a veteran editor who teaches journalism at the University of Idaho")
    assert a.source_type == "person"
    (a,) = real(run("“We chose Russia,” said Sen. Mitch McConnell (R-Ky.).", cfg, index))
    assert a.source == "Sen. Mitch McConnell (R-Ky.)" and a.source_type == "person"
    (a,) = real(run("“We chose Russia,” said Moussa Diop, a spokesman for the Malian army.", cfg, index))
    assert a.source_type == "person" and a.affiliation == "mali"
    (a,) = real(run("“We chose Russia,” said Diop on Monday.", cfg, index))
    assert a.source == "Diop"
    atts = real(run("“We chose Russia,” said Diop, adding that talks went well.", cfg, index))
    assert [(a.cue, a.source) for a in atts] == [("said", "Diop"), ("adding", "Diop")]
    (a,) = real(run("The talks failed, according to a poll released Monday by Gallup.", cfg, index))
    assert a.source == "a poll released Monday by Gallup"


def test_preposed_source_with_post_modifiers(cfg, index):
    (a,) = real(run("Senator Marco Rubio of Florida said the talks failed.", cfg, index))
    assert a.source == "Senator Marco Rubio of Florida"
    (a,) = real(run("Democrats in Iowa who watched the debate said the talks failed.", cfg, index))
    assert a.source == "Democrats in Iowa who watched the debate"
    (a,) = real(run("Mrs. Clinton and Ms. Warren said the talks failed.", cfg, index))
    assert a.source == "Mrs. Clinton and Ms. Warren"
    # a clause before "and" is not part of the source
    atts = real(run("Trump won the vote and Cruz said the talks failed.", cfg, index))
    assert [a.source for a in atts] == ["Cruz"]
    for text, source in [
        ("Trump beat Clinton and Cruz said the vote was rigged.", "Cruz"),
        ("France backs Mali and Russia said the vote was rigged.", "Russia"),
        ("The minister met Macron and Putin said the vote was rigged.", "Putin"),
        ("After meeting with Putin in Moscow officials said the vote was rigged.", "Moscow officials"),
        ("Leaders of France and Germany said the vote was rigged.", "Leaders of France and Germany"),
    ]:
        atts = real(run(text, cfg, index))
        assert [a.source for a in atts] == [source], text


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Diop, speaking to reporters, said the talks failed.", "Diop"),
        ("The minister, however, said the talks failed.", "The minister"),
        ("On Monday, Diop, in a statement, said the talks failed.", "Diop"),
    ],
)
def test_parenthetical_between_subject_and_cue(text, source, cfg, index):
    atts = real(run(text, cfg, index))
    assert [(a.source, text[a.content_start : a.content_end]) for a in atts] == [(source, "the talks failed")]
    # a real inverted source is kept
    (a,) = real(run("In Bamako, the talks failed, said the minister.", cfg, index))
    assert a.source == "the minister"


def test_manner_adverb_in_cue(cfg, index):
    (a,) = real(run("Diop angrily said the talks failed.", cfg, index))
    assert a.cue == "angrily said" and a.source == "Diop"
    (a,) = real(run("Diop has said repeatedly that the talks failed.", cfg, index))
    assert a.cue == "has said repeatedly"


def test_mined_cues(cfg, index):
    (a,) = real(run("Diop speculated that the junta would stay.", cfg, index))
    assert a.cue == "speculated" and a.cue_class == "neutral" and a.source == "Diop"
    (a,) = real(run("Diop derided the plan as a farce.", cfg, index))
    assert a.cue == "derided" and a.cue_class == "loaded"


def test_unfound_source_is_not_agentless(cfg, index):
    (a,) = real(run("It was announced that the troops would leave.", cfg, index))
    assert a.source_type == "none"
    atts = real(run("Meanwhile, stressing that the junta would stay.", cfg, index))
    assert [a.source_type for a in atts] == ["unfound"]


def test_qa_transcript_colon(cfg, index):
    (a,) = real(run("Q: How did things go for you after the vote?", cfg, index))
    assert a.cue == ":" and a.source == "Q"
    (a,) = real(run("TAPPER: And obviously, you are supporting Donald Trump.", cfg, index))
    assert a.cue == ":" and a.source == "TAPPER"
    (a,) = real(run("A: We chose Russia because it helps us.", cfg, index))
    assert a.cue == ":" and a.source == "A"


def test_participle_after_clause_takes_the_subject(cfg, index):
    atts = real(run("On Tuesday, Sanders went further, endorsing the plan to cut taxes.", cfg, index))
    assert [(a.cue, a.source) for a in atts] == [("endorsing", "Sanders")]
    text = "On Sunday, Mr. Trump even echoed the justification of the annexation, saying it was fine."
    atts = real(run(text, cfg, index))
    assert atts[-1].cue == "saying" and atts[-1].source == "Mr. Trump"
    (a,) = real(run("Then he said the talks went well.", cfg, index))
    assert a.source == "he"


def test_title_case_headline_cue(cfg, index):
    atts = real(run("Hillary Clinton Says Russians Hacked The Party Servers", cfg, index))
    assert [(a.cue, a.source) for a in atts] == [("Says", "Hillary Clinton")]
    # a capitalised verb form inside an ordinary sentence is still a name
    assert [a.cue for a in real(run("He met the leaders of the Said family in town.", cfg, index))] == []


def test_impression_cues_are_agentless(cfg, index):
    (a,) = real(run("Ben Carson appears to be slipping in the polls.", cfg, index))
    assert a.cue == "appears" and a.source is None and a.source_type == "none"
    assert a.cue_class == "belief"


def test_passive_subject_is_not_the_source(cfg, index):
    (a,) = real(run("Clinton was expected to win the state by a wide margin.", cfg, index))
    assert a.source is None and a.source_type == "none"
    (a,) = real(run("The minister was accused of lying about the deal.", cfg, index))
    assert a.source is None and a.source_type == "none"
    atts = real(run("Diop was asked if the talks had failed, and he said no.", cfg, index))
    assert [(a.cue, a.source) for a in atts] == [("was asked", None), ("said", "he")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Diop was adamant that the talks failed.", "was adamant"),
        ("Diop is convinced that the talks failed.", "is convinced"),
        ("Diop was angry about the talks.", "was angry about"),
        ("Diop is wary of the deal.", "is wary of"),
        ("Diop was outraged by the deal.", "was outraged"),
        ("Diop was critical of the deal.", "was critical of"),
        ("Diop was quoted as saying the talks failed.", "was quoted as saying"),
    ],
)
def test_copula_before_adjective_cue_keeps_the_source(text, cue, cfg, index):
    (a,) = real(run(text, cfg, index))
    assert (a.cue, a.source, a.source_type) == (cue, "Diop", "person")


def test_passive_by_agent_is_the_source(cfg, index):
    text = "The plan was criticised by the minister."
    (a,) = real(run(text, cfg, index))
    assert (a.cue, a.source, text[a.content_start : a.content_end]) == ("was criticised", "the minister", "The plan")
    text = "Clinton was accused by Trump of lying."
    (a,) = real(run(text, cfg, index))
    assert (a.source, text[a.content_start : a.content_end]) == ("Trump", "of lying")
    text = "The decision was announced by the ministry on Monday."
    (a,) = real(run(text, cfg, index))
    assert (a.source, text[a.content_start : a.content_end]) == ("the ministry", "The decision")
    text = "Trump was asked by reporters whether he would concede."
    (a,) = real(run(text, cfg, index))
    assert (a.source, text[a.content_start : a.content_end]) == ("reporters", "whether he would concede")
    # a "by" phrase that names no speaker stays agentless
    (a,) = real(run("The results were expected by the end of the year.", cfg, index))
    assert a.source is None and a.source_type == "none"


def test_clause_only_cue_needs_a_clause(cfg, index):
    """'maintain' reports only before a that-clause, a colon, a comma or a quote (seed 004)."""
    noun_object = run("He stressed that Mali would stay firm while maintaining strong relations "
                      "with key neighbours like Senegal.", cfg, index)
    assert [a.cue for a in real(noun_object)] == ["stressed"]
    clause = run("The minister maintained that the vote was fair.", cfg, index)
    assert [(a.source, a.cue) for a in real(clause)] == [("The minister", "maintained")]


def test_former_colonies_are_not_the_colonial_power(cfg, index):
    """Seed 003: 'The former French colonies have hailed Russia' is not France speaking."""
    res = run("The former French colonies have hailed Russia as a reliable partner.", cfg, index)
    assert [(a.source, a.affiliation) for a in real(res)] == [("The former French colonies", None)]
    res = run("French officials have hailed the deal.", cfg, index)
    assert [a.affiliation for a in real(res)] == ["france"]


@pytest.mark.parametrize("text", [
    "Mali, along with Niger, condemned France.",  # not '"...", said France'
    "Mali, praised by locals, condemned the attack.",  # a passive aside before the cue
])
def test_an_aside_before_the_cue_is_no_inverted_source(text, cfg, index):
    res = run(text, cfg, index)
    assert [(a.source, a.affiliation) for a in real(res)] == [("Mali", "mali")]


@pytest.mark.parametrize(("text", "source"), [
    ("Mali will not bow to ECOWAS, backed by France, said Goita.", "Goita"),
    ("France is leaving Mali, abandoned by its allies, said the minister.", "the minister"),
])
def test_a_passive_aside_after_a_clause_keeps_the_inverted_source(text, source, cfg, index):
    """(review) an aside after a clause with a verb is no aside of a subject: '..., said X'."""
    assert [a.source for a in real(run(text, cfg, index))] == [source]


@pytest.mark.parametrize(("text", "source"), [
    # (third review) an adjective in -ed is no verb of the subject
    ("Mali's armed forces, backed by Russian instructors, said the attack was repelled.", "Mali's armed forces"),
    ("The embattled junta, backed by Russia, said it would not hand over power.", "The embattled junta"),
])
def test_a_passive_aside_after_a_subject_with_an_adjective_in_ed(text, source, cfg, index):
    assert [a.source for a in real(run(text, cfg, index))] == [source]


def test_a_passive_participle_after_a_comma_is_no_inverted_cue(cfg, index):
    """'The deal, praised by locals, ...' is no '"...", said X' with the source 'by locals ...'."""
    res = run("The deal, praised by locals for its fairness, was signed.", cfg, index)
    assert not [a for a in real(res) if str(a.source).startswith("by ")]


@pytest.mark.parametrize("text", [
    "Mali's critics said the vote was rigged.",
    "Critics of Mali said the vote was rigged.",
    "Russia's opponents say the vote was rigged.",
])
def test_opponents_do_not_speak_for_the_one_they_oppose(text, cfg, index):
    res = run(text, cfg, index)
    assert [a.affiliation for a in real(res)] == [None]


def test_claimed_to_takes_the_infinitive_as_content(cfg, index):
    """Seed 000: the content of 'Mali has claimed to have neutralised ...' is the infinitive."""
    text = "In recent weeks, Mali has claimed to have neutralised dozens of terrorists."
    res = run(text, cfg, index)
    [a] = real(res)
    assert (a.source, a.affiliation) == ("Mali", "mali")
    assert text[a.content_start:a.content_end] == "to have neutralised dozens of terrorists"


def test_asked_if_content_is_the_question_and_stops_at_the_next_speakers_clause(cfg, index):
    """'was asked if ...' reports the question (not 'if Mali would return' as the person asked);
    a content ends where a coordinated clause with its own cue begins (', and he said')."""
    text = "Diop was asked if Mali would return to ECOWAS, and he said no."
    res = run(text, cfg, index)
    got = [(a.cue, text[a.content_start:a.content_end]) for a in real(res)]
    assert got == [("was asked", "if Mali would return to ECOWAS"), ("said", "no")]
    text = "Diop said Mali would leave ECOWAS, but the minister insisted that talks go on."
    res = run(text, cfg, index)
    got = [(a.source, text[a.content_start:a.content_end]) for a in real(res)]
    assert got == [("Diop", "Mali would leave ECOWAS"), ("the minister", "that talks go on")]
    # a comma and "and" without a cue after it stay inside the content
    text = "Diop said Mali would leave ECOWAS, and that the decision was final."
    [a] = real(run(text, cfg, index))
    assert text[a.content_start:a.content_end] == "Mali would leave ECOWAS, and that the decision was final"


def test_object_pronoun_source_resolves_like_the_subject_pronoun(cfg, index):
    """Seed 001: 'According to him' is the prime minister named before, not an anonymous source."""
    text = ("Prime Minister Choguel Kokalla Maiga spoke on Monday. "
            "According to him, Paris expected that Malians would beg France to stay.")
    res = run(text, cfg, index)
    [a] = [x for x in real(res) if x.source == "him"]
    assert (a.source_type, a.affiliation) == ("person", "mali")


def test_reduced_passive_participle_has_no_source(cfg, index):
    """Seed 003: in 'attacks blamed on Al-Qaeda', the attacks are not the speaker."""
    res = run("Mali has faced attacks blamed on Al-Qaeda and Islamic State factions.", cfg, index)
    assert [(a.cue, a.source, a.source_type) for a in real(res)] == [("blamed", None, "none")]
    res = run("The officials blamed the army for the losses.", cfg, index)
    assert [a.source for a in real(res)] == ["The officials"]


def test_config_version_names_every_lexicon(cfg):
    """Provenance: the report's settings table shows which attribution lexicons were used."""
    v = cfg.version
    assert v.startswith("reporting_verbs@") and "+hedges@" in v and "+sources@" in v
    from framecmp import load_seeds, score

    assert all(score(load_seeds()[:1]).config["lexicons"].values())


def _scan_containing(quotes, off):
    return next((q for q in quotes if q.start <= off < q.end), None)


def test_quote_lookups_match_a_scan(seeds, cfg):
    """The indexed quote lookups give what a scan of the quotes gives, at every token."""
    from framecmp.measures.attribution.view import ArticleView

    texts = [(a.text, a.title) for a in seeds] + [
        ('He said "one" and "two", then “three” "open', None),
        ('"" "a" """b"" c"', None),
    ]
    n_quotes = 0
    for text, title in texts:
        art = ArticleView(analyze(text, title=title), cfg, ())
        n_quotes += len(art.quotes)
        for ti, t in enumerate(art.toks):
            for off in (t.start, t.end, t.end - 1):
                assert art.quote_containing(off) is _scan_containing(art.quotes, off)
            assert art.quote_opening_at(ti) is next((q for q in art.quotes if q.open_start == t.start), None)
            assert art.quote_closing_at(ti) is next(
                (q for q in art.quotes if q.closed and q.close_end == t.end), None
            )
        art._quote_starts = None  # the scan fallback
        for t in art.toks:
            assert art.quote_containing(t.start) is _scan_containing(art.quotes, t.start)
    assert n_quotes > 20


def test_span_cover_matches_brute_force():
    """SpanCover.nested: some span holds the quote or lies inside it (checked against a scan)."""
    import random

    from framecmp.text.doc import Quote
    from framecmp.text.grammar import SpanCover

    rng = random.Random(7)
    for _ in range(300):
        spans = [(a, a + rng.randint(0, 15)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        cover = SpanCover(spans)
        for _ in range(10):
            s = rng.randint(0, 45)
            q = Quote(s, s + rng.randint(0, 15), s - 1, s + 16, '"', True, 0)
            want = any(a <= q.start and q.end <= b or (q.start <= a and b <= q.end) for a, b in spans)
            assert cover.nested(q) is want


def test_roles_and_countries_are_typed_on_their_head_noun(cfg, index):
    """Seed 002's "the head of Malian diplomacy" is a person; seed 001's "his country" and
    seed 003's "the three countries" are states (institutions), not anonymous people."""
    (a,) = real(run("The head of Malian diplomacy expressed his thanks to Russia.", cfg, index))
    assert a.source == "The head of Malian diplomacy" and a.source_type == "person"
    assert a.affiliation == "mali"
    (a,) = real(run("His country has not refused any offer.", cfg, index))
    assert a.source == "His country" and a.source_type == "institution"
    (a,) = real(run("Both parties announced a new agreement on energy.", cfg, index))
    assert a.source_type == "institution"
    atts = real(run("The three countries have cited security concerns.", cfg, index))
    assert [(x.source, x.source_type) for x in atts] == [("The three countries", "institution")]


def test_relative_pronoun_takes_the_nearest_antecedent(cfg, index):
    """Seed 000: "... the Economic Community of West African States (ECOWAS) regional bloc which
    had threatened to intervene": ECOWAS threatened, not the subject of the sentence."""
    text = ("The three nations withdrew from the Economic Community of West African States "
            "(ECOWAS) regional bloc which had threatened to intervene militarily in Niger.")
    (a,) = real(run(text, cfg, index))
    assert (a.source, a.source_type, a.affiliation) == ("which", "institution", "ecowas")
    (a,) = real(run("Mali left ECOWAS, which had threatened to intervene.", cfg, index))
    assert a.affiliation == "ecowas"
    (a,) = real(run("Diop met Lavrov, who said Russia would help.", cfg, index))
    assert (a.source, a.source_type, a.affiliation) == ("who", "person", "russia")


def test_they_without_a_recent_group_is_unfound_not_anonymous(cfg, index):
    """Seed 000: ECOWAS is a source in one paragraph; "they announced" two sentences later is
    the leaders of the juntas. A "they" with no group source in this or the last sentence is
    not resolved (type unfound), and it is not an anonymous source either."""
    text = ("Mali left ECOWAS, which had threatened to intervene. The summit was held in Niamey. "
            "In July, the leaders of the three military regimes met, and they announced a confederation.")
    atts = real(run(text, cfg, index))
    assert [(a.source, a.source_type, a.affiliation) for a in atts] == [
        ("which", "institution", "ecowas"), ("they", "unfound", None)]
    # close by, "they" still takes the group just quoted
    atts = real(run("ECOWAS officials said talks would go on. They announced a summit.", cfg, index))
    assert atts[-1].source == "They" and atts[-1].affiliation == "ecowas"


def test_honorifics_make_a_long_name_run_people(cfg, index):
    (a,) = real(run("Mrs. Clinton and Ms. Warren said they would campaign together.", cfg, index))
    assert a.source == "Mrs. Clinton and Ms. Warren" and a.source_type == "person"
    (a,) = real(run("The Alliance of Sahel States Joint Force said it was ready.", cfg, index))
    assert a.source_type == "institution"


def _roles(index) -> dict[str, str]:
    return {p.name: p.role for p in index.people_by_name.values() if getattr(p, "role", None)}


def _run_with_roles(text, cfg, index, title=None):
    """``run`` with the people's roles of actors.yaml, as the scorer passes them."""
    doc = analyze(text, title=title)
    return extract_attributions(doc, config=cfg, mentions=find_mentions(doc, index), people_roles=_roles(index))


@pytest.mark.parametrize(
    ("text", "source", "person"),
    [
        # a bare role title after the person was named with it
        ("Prime Minister Choguel Maiga met the envoy. Later the prime minister noted that talks went well.",
         "the prime minister", "Choguel Kokalla Maïga"),
        # the role's words in another order ("foreign minister")
        ("Abdoulaye Diop flew to Moscow. Back home, the Minister of Foreign Affairs said the visit went well.",
         "the Minister of Foreign Affairs", "Abdoulaye Diop"),
        # a headline names the role before the body names the person
        ("Mali Trusts Russia, Transitional Prime Minister Says\n\nPrime Minister Choguel Maiga spoke on Tuesday.",
         "Transitional Prime Minister", "Choguel Kokalla Maïga"),
    ],
)
def test_a_role_title_stands_for_the_person_named_with_it(text, source, person, cfg, index) -> None:
    res = _run_with_roles(text, cfg, index, title=text.split("\n")[0] if "\n" in text else None)
    got = [a for a in res.attributions if a.source == source]
    assert got and got[0].source_type == "person" and got[0].affiliation == "mali"
    assert got[0].person == person


def test_a_role_title_with_no_such_person_named_stays_unaffiliated(cfg, index) -> None:
    res = _run_with_roles("Mali met Russia on Monday. The prime minister noted that talks went well.", cfg, index)
    got = [a for a in res.attributions if a.source == "The prime minister"]
    assert got and got[0].source_type == "person" and got[0].affiliation is None


def test_his_country_is_the_country_of_the_one_his_points_to(cfg, index) -> None:
    res = _run_with_roles("Choguel Maiga spoke on Tuesday. The prime minister noted that his country "
                  "has not refused to cooperate with Paris.", cfg, index)
    got = [a for a in res.attributions if a.source == "his country"]
    assert got and got[0].source_type == "institution" and got[0].affiliation == "mali"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Notably, Mali last month cut relations with Ukraine after accusing Kiev of backing the attack.", "Mali"),
        ("Mali cut relations with Ukraine, accusing Kiev of backing the attack.", "Mali"),
    ],
)
def test_a_participle_cue_takes_the_actor_that_opens_the_sentence(text, source, cfg, index) -> None:
    res = run(text, cfg, index)
    got = [a for a in res.attributions if a.cue == "accusing"]
    assert got and got[0].source == source and got[0].affiliation == "mali"


def test_a_participle_cue_with_no_opening_actor_stays_unfound(cfg, index) -> None:
    res = run("In a statement on Monday the ministry cut ties after accusing Kiev of backing the attack.", cfg, index)
    got = [a for a in res.attributions if a.cue == "accusing"]
    assert got and got[0].source_type == "unfound"


def test_he_after_a_speaker_who_named_someone_is_the_speaker(cfg, index) -> None:
    text = ("General Camara reiterated Mali's commitment under the leadership of Transitional President "
            "Assimi Goïta. He stressed that Mali would continue its fight.")
    res = _run_with_roles(text, cfg, index)
    he = [a for a in res.attributions if a.source == "He"]
    assert he and he[0].person != "Assimi Goïta"
    assert he[0].role == "General"


def test_a_role_title_with_a_nationality_is_that_nations_person(cfg, index) -> None:
    text = ("Emmanuel Macron met Vladimir Putin in Moscow. Russian President Vladimir Putin spoke first. "
            "The French president said the talks failed.")
    res = _run_with_roles(text, cfg, index)
    got = [a for a in res.attributions if a.source == "The French president"]
    assert got and got[0].person == "Emmanuel Macron" and got[0].affiliation == "france"


def test_results_do_not_depend_on_the_order_of_the_mentions(cfg, index) -> None:
    text = "Mali last month cut ties with Ukraine after accusing Kiev of lying. His country said so."
    doc = analyze(text)
    ms = find_mentions(doc, index)
    one = extract_attributions(doc, config=cfg, mentions=ms)
    other = extract_attributions(doc, config=cfg, mentions=list(reversed(ms)))
    assert [(a.source, a.affiliation) for a in one.attributions] == [
        (a.source, a.affiliation) for a in other.attributions]


@pytest.mark.parametrize(("text", "word", "voice"), [
    # what a source denies is nobody's known claim ...
    ("Mali denied that Wagner killed civilians.", "Wagner", "unknown"),
    # ... and so is a claim reported inside the denied words, with no other speaker
    ("France denied claims that Wagner had killed civilians.", "Wagner", "unknown"),
    # a speaker of its own inside them keeps its words
    ("The Senate panel rejected a campaign led by President Trump, who contended that Russia lied.",
     "Russia", "usa"),
    # a denial in a clause before the main clause ends at its comma
    ("While Russia has denied sending troops, Russia's media supported the war against Kiev.", "Kiev", "russia"),
    # "and even" + a verb: the denier's next act, its own words
    ("Trump denied reports that he lied and even suggested that Russia helped.", "Russia", "usa"),
])
def test_voice_of_denied_words(cfg, index, text, word, voice):
    res = run(text, cfg, index)
    assert res.voice_of(text.index(word)) == voice


@pytest.mark.parametrize(("text", "cue", "content"), [
    # reported words in a clause that opens the sentence end before the main clause (ninth session)
    ("After China proposed its tariffs, Trump blamed Mexico.", "proposed", "its tariffs"),
    ("When Trump said Russia, China and Iran were threats, Biden disagreed.", "said",
     "Russia, China and Iran were threats"),
    ("When Mali said France, its former colonial ruler, had failed, Russia stepped in.", "said",
     "France, its former colonial ruler, had failed"),
    ("After the UN said 1,200 civilians died in Mali, Russia denied responsibility.", "said",
     "1,200 civilians died in Mali"),
    # ... not where the opener is no clause of the source, nor after "As X noted"
    ("After the summit Biden said that if Russia invades, the US will respond forcefully.", "said",
     "that if Russia invades, the US will respond forcefully"),
    ("As Trump noted two weeks ago, Russia is a threat.", "noted", "two weeks ago, Russia is a threat"),
    # the words reported in a relative clause between commas end at its comma
    ("Macron, who criticized Mali, said Russia was meddling.", "criticized", "Mali"),
    ("Goita, who praised Russia last week, said France had failed Mali.", "praised", "Russia last week"),
])
def test_reported_words_in_an_opening_clause(cfg, index, text, cue, content):
    (a,) = [a for a in real(run(text, cfg, index)) if a.cue == cue]
    assert text[a.content_start:a.content_end] == content
