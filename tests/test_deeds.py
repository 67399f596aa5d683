"""Deeds: what an actor does to things of value (lexicons/effects.yaml,
framecmp.measures.stance.deeds), read before the sentence-tone engine."""

from __future__ import annotations

import pandas as pd
import pytest

import framecmp as fc
from framecmp.lexicons import LexiconError
from framecmp.measures.stance.deeds import load_effects

#: (sentence, actor, sign of its deed; 0: no deed)
CASES = [
    ("Russia seeks to scrap a rule protecting drinking water.", "russia", -1),
    ("France has cut emissions by 20 per cent.", "france", +1),
    ("France fought terrorism in the Sahel for a decade.", "france", +1),
    ("Russia plans to increase emissions.", "russia", -1),
    ("Mali's decision to suspend the constitution angered its neighbours.", "mali", -1),
    ("Russia backs policies to cut emissions.", "russia", +1),  # the object passes its value on
    ("Mali refused to protect civilians.", "mali", -1),  # a refusal turns the act around
    ("Mali's refusal to protect civilians angered its neighbours.", "mali", -1),
    ("Russia threatened to cut aid to the region.", "russia", -1),  # the act after "to" counts
    ("ECOWAS pledged to provide humanitarian aid.", "ecowas", +1),
    ("Russia raised concerns about pollution.", "russia", 0),  # pollution heads no object of "raised"
    ("France rolled back climate change rules.", "france", 0),  # "climate change" only qualifies "rules"
    ("ECOWAS did not cut aid to the region.", "ecowas", 0),  # negated: nothing done
    ("The rules protecting drinking water were rolled back by France.", "france", 0),  # passive
    ("Should France cut off aid to the region?", "france", 0),  # asked, not done
    ("France supported security forces in the north.", "france", 0),  # "security" qualifies "forces"
    ("The Environmental Protection Agency met Russia.", "russia", 0),  # an act inside a name is none
    # found by the reviews of the rule
    ("France protects civilians fleeing terrorists.", "france", +1),  # the civilians, not the terrorists
    ("Washington's decision to cut aid hurt refugees.", "usa", -1),  # "hurt" is the sentence's verb
    ("Washington cuts hurt refugees.", "usa", 0),  # "cuts" is a noun here
    ("Washington increased pollution monitoring.", "usa", 0),  # "pollution" qualifies "monitoring"
    ("The junta reduced the number of civilians killed in drone strikes.", "military_government", 0),
    ("France protected terrorists' victims.", "france", 0),  # "terrorists'" qualifies "victims"
    ("Neither France nor Russia protected civilians in Gao.", "russia", 0),
    ("Russia, more than France, protected civilians.", "france", 0),
    ("Wagner killed jihadists and civilians alike.", "wagner", 0),  # a list of both signs
    ("If France cuts aid, Mali will suffer.", "france", 0),  # a condition
    ("The U.S. needs to increase cooperation.", "usa", 0),  # advice, not a deed
    ("Trump vowed to cut social security.", "usa", 0),  # a programme, not safety
    ("Americans want to preserve Social Security.", "usa", 0),  # a name
    ("Mali banned French media to protect national security.", "mali", 0),  # a purpose, not the object
    ("Trump cut a deal to protect jobs in Ohio.", "usa", 0),
    ("The European Union has banned US residents from travelling there.", "eu", 0),
    ("Russia armed the junta and protected civilians.", "russia", +1),  # the subject of the verb before "and"
    # found by the third review: whose verb comes before "and" is unclear, so no deed
    ("Mali expelled the ambassador whom France had sent and suspended aid.", "france", 0),
    ("France urged Mali to hold elections and restore the constitution.", "france", 0),
    ("Mali refused to let France protect civilians.", "france", 0),  # allowed, not done
    ("Americans support regulating carbon pollution.", "usa", 0),  # an act the lexicon cannot value
    ("Officers deployed by President Trump are violating civil rights.", "usa", 0),  # the agent of "deployed"
    ("President Trump vowed to protect free speech.", "usa", +1),
    ("Pablo believed the United States would provide him safety.", "usa", 0),  # a belief, not a deed
    ("Few people think that Russia protects civilians.", "russia", 0),
    ("A NATO strike targeting Wagner fighters killed four civilians.", "wagner", 0),  # the strike kills
]


@pytest.fixture(scope="module")
def scored() -> fc.Scores:
    frame = pd.DataFrame({"id": [str(i) for i in range(len(CASES))], "outlet": "o", "text": [c[0] for c in CASES]})
    return fc.score(fc.load_dataframe(frame), progress=False)


@pytest.mark.parametrize(("i", "case"), list(enumerate(CASES)), ids=[c[0][:40] for c in CASES])
def test_a_deed_is_read_where_an_actor_acts_on_a_thing_of_value(scored: fc.Scores, i: int, case: tuple) -> None:
    _sentence, actor, sign = case
    ev = scored.evidence
    deeds = ev[(ev.article_id == str(i)) & (ev.category == "deed") & (ev.actor == actor)]
    if sign == 0:
        assert deeds.empty, deeds[["text", "value", "explanation"]]
        return
    assert len(deeds) == 1, ev[ev.article_id == str(i)][["kind", "category", "actor", "value"]]
    row = deeds.iloc[0]
    assert row["value"] * sign > 0
    assert row["holder"] == "author" and row["kind"] == "evaluation"
    assert str(row["lexicon_version"]).startswith("effects ")
    # the explanation names the act and the thing, so that a teacher can point at the words
    assert "'" in row["explanation"] and ("valued" in row["explanation"] or "harmful" in row["explanation"])


def test_a_deed_moves_the_portrayal_and_names_its_words(scored: fc.Scores) -> None:
    p = scored.portrayal
    row = p[(p.article_id == "0") & (p.actor == "russia")].iloc[0]
    assert row["role"] == "antagonist" and row["score"] < 0
    ev = scored.evidence
    why = ev[(ev.article_id == "0") & (ev.category == "deed")]["explanation"].iloc[0]
    assert "'scrap'" in why and "'protecting'" in why and "'drinking water'" in why
    row = p[(p.article_id == "1") & (p.actor == "france")].iloc[0]
    assert row["role"] == "protagonist" and row["score"] > 0


def test_reported_deed_is_held_by_the_source() -> None:
    frame = pd.DataFrame({"id": ["a"], "outlet": "o",
                          "text": ["France said that Wagner destroyed schools in the centre of the country."]})
    ev = fc.score(fc.load_dataframe(frame), progress=False).evidence
    d = ev[(ev.category == "deed") & (ev.actor == "wagner")]
    assert len(d) == 1 and d["value"].iloc[0] < 0 and d["holder"].iloc[0] == "france"
    assert "reported speech of france" in d["explanation"].iloc[0]
    frame = pd.DataFrame({"id": ["b"], "outlet": "o",
                          "text": ["The UN said Mali expelled diplomats and suspended the constitution."]})
    ev = fc.score(fc.load_dataframe(frame), progress=False).evidence
    d = ev[(ev.category == "deed") & (ev.actor == "mali")]
    assert len(d) == 1 and d["value"].iloc[0] < 0 and d["holder"].iloc[0] == "un"


def test_deeds_can_be_switched_off() -> None:
    from framecmp.measures.actors import find_mentions, load_actors
    from framecmp.measures.stance import StanceConfig, score_stance
    from framecmp.text.doc import analyze

    doc = analyze("France has cut emissions by 20 per cent.")
    mentions = find_mentions(doc, load_actors())
    on = score_stance(doc, mentions=mentions)
    off = score_stance(doc, mentions=mentions, config=StanceConfig(deeds=False))
    assert [e.kind for e in on.evaluations if e.target == "france"] == ["deed"]
    assert [e.kind for e in off.evaluations if e.target == "france"] == ["engine"]
    assert "effects@" in StanceConfig().version and "effects@" not in StanceConfig(deeds=False).version


def test_thanks_to_is_a_cause_not_thanks() -> None:
    """"Cruz won, thanks to France" gives France credit at most; it was read as praise (+0.70
    for the outlet's voice) on 8 sentences of the first 2,000 AllSides articles, all causal."""
    frame = pd.DataFrame({"id": ["a", "b"], "outlet": "o", "text": [
        "The Russians stayed out of the headlines, thanks to the Chinese.",
        "The head of Malian diplomacy expressed his sincere thanks to Russia."]})
    ev = fc.score(fc.load_dataframe(frame), progress=False).evidence
    praise = ev[(ev.kind == "stance") & (ev.rule_id == "sc.praise")]
    assert list(praise.article_id) == ["b"] and praise.actor.iloc[0] == "russia" and praise.holder.iloc[0] == "mali"


def test_bundled_effects_load_and_bad_entries_are_reported_with_lines(tmp_path) -> None:
    lex = load_effects()
    assert lex.cues["effect.protects"].valence == 1.0 and lex.cues["harm.pollution"].valence < 0
    bad = tmp_path / "effects.yaml"
    bad.write_text(
        "format: framecmp-lexicon/1\nkind: effects\nname: mine\nversion: '1'\nentries:\n"
        "  - id: my.act\n    terms: [shield]\n    role: subject\n    valence: 0.5\n    category: good_for\n"
        "    explanation: x\n    source: me\n"
        "  - id: my.thing\n    terms: [orchards]\n    role: object\n    valence: -0.5\n    category: valued\n"
        "    explanation: x\n    source: me\n"
        "  - id: my.odd\n    terms: [thing]\n    role: object\n    valence: 0.5\n    category: lovely\n"
        "    explanation: x\n    source: me\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as err:
        load_effects(bad)
    msg = str(err.value)
    assert "line 6" in msg and "valence: 1.0" in msg  # an act is +1 or -1
    assert "line 13" in msg and "positive valence" in msg
    assert "line 20" in msg and "category" in msg
    from framecmp.lexicon_check import check_lexicon_file
    from framecmp.lexicons import lexicon_dir

    assert check_lexicon_file(lexicon_dir() / "effects.yaml") == []
    assert any("line 6" in p for p in check_lexicon_file(bad))


def test_a_teacher_can_add_a_contested_thing_and_see_the_reading_change() -> None:
    """Coal is left out of the bundled values on purpose; a class can add it to see how a
    reading depends on it."""
    frame = pd.DataFrame({"id": ["a"], "outlet": "o", "text": ["Russia backed coal in Mali."]})
    corpus = fc.load_dataframe(frame)
    coal = {"entries": [{"id": "my.coal", "terms": ["coal"], "role": "object", "valence": -0.6,
                         "category": "harmful", "explanation": "a class's choice", "source": "teacher"}]}
    before = fc.score(corpus, progress=False).evidence
    after = fc.score(corpus, progress=False, effects=coal).evidence
    assert before[before.category == "deed"].empty
    d = after[(after.category == "deed") & (after.actor == "russia")]
    assert len(d) == 1 and d["value"].iloc[0] < 0 and "my.coal" in d["explanation"].iloc[0]
    with pytest.raises(ValueError, match="effects"):
        fc.score(corpus, progress=False, effects=3)  # type: ignore[arg-type]
