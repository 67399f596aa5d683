"""Pronouns read as actor mentions (issue 16): the narrow rules of measures/stance/pronouns.py.

Each case is a sentence pattern of the module docstring; the negative cases are the errors a
sample of AllSides resolutions showed before the rule that stops them was added.
"""

from __future__ import annotations

import pandas as pd

import framecmp as fc
from framecmp.measures.actors import find_mentions, load_actors
from framecmp.measures.stance.pronouns import pronoun_mentions
from framecmp.text.doc import analyze


def _read(text: str) -> list[tuple[str, str]]:
    """(pronoun, actor) pairs the rules read in ``text``, with the bundled actors."""
    actors = load_actors()
    doc = analyze(text)
    mentions = [m for m in find_mentions(doc, actors) if m.actor]
    types = {a.id: a.type for a in actors.actors.values() if a.type}
    return [(doc.text[p.start:p.end], p.actor) for p in pronoun_mentions(doc, mentions, types)]


def test_it_after_the_actor_that_says_it():
    assert _read("Mali said it would leave the regional bloc.") == [("it", "mali")]


def test_possessive_of_the_one_actor_before_it():
    assert _read("Mali celebrated its 64th year of independence.") == [("its", "mali")]


def test_two_candidates_leave_the_pronoun_unread():
    assert _read("Mali accused France of violating its airspace.") == []


def test_expletive_and_object_it_are_not_read():
    assert _read("Mali left ECOWAS, and it is unclear whether the others will follow.") == []
    assert _read("France said it was too early to decide.") == []
    assert _read("Russia wants to do it again.") == []


def test_person_pronoun_in_the_next_sentence():
    assert _read("Macron spoke on Monday. He accused the junta of lying.") == [("He", "france")]


def test_a_name_no_actor_list_knows_blocks_the_pronoun():
    assert _read("Jose Fuentes, a Macron supporter, said he was pleased.") == []
    assert _read("Macron said Merkel erred when she spoke.") == []


def test_a_verbs_object_is_not_its_subject():
    assert _read("Macron quoted him at length.") == []


def test_they_only_for_a_plural_group_acting():
    assert _read("The Russians said they would stay.") == [("they", "russia")]
    # "their" is the leaders' governments, not the militants'
    assert _read("The leaders cited threats from jihadists as a reason for overthrowing their governments.") == []


def test_possessive_before_another_actor_is_left_to_it():
    assert _read("Mali thanked its Russian partners.") == []


def test_pronoun_inside_a_quote_does_not_reach_outside():
    assert _read('"Macron will win," he added.') == []


def test_pronoun_evaluations_reach_the_frames_with_their_antecedent():
    frame = pd.DataFrame({"id": ["t"], "outlet": ["o"], "text": [
        "Macron spoke in Paris on Monday. He accused Russia of lying about the attack."]})
    s = fc.score(fc.load_dataframe(frame), progress=False)
    ev = s.evidence
    read = ev[ev.explanation.str.contains("the pronoun 'He' is read as france", na=False, regex=False)]
    assert len(read) == 1 and "'Macron' in the sentence before" in read["explanation"].iloc[0]
    # the accusation is France's, found through the pronoun as the clause's subject
    cue = ev[(ev.kind == "stance") & (ev.actor == "russia")]
    assert set(cue["holder"]) == {"france"}
    assert float(cue["value"].iloc[0]) < 0


def test_long_sentence_of_pronouns_is_bounded():
    text = "The Russians said they " * 700 + "won."
    frame = pd.DataFrame({"id": ["t"], "outlet": ["o"], "text": [text]})
    s = fc.score(fc.load_dataframe(frame), progress=False)
    assert (s.portrayal.actor == "russia").any()
