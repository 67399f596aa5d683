"""Golden tests for actor mentions and the actor file loader."""

from __future__ import annotations

import pytest

from framecmp.lexicons import LexiconError
from framecmp.measures.actors import Mention, find_mentions, load_actors
from framecmp.text.doc import analyze


def actors_in(text, index):
    return [(m.text, m.actor) for m in find_mentions(analyze(text), index)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Niger and Nigeria signed a pact.", [("Niger", "niger"), ("Nigeria", "nigeria")]),
        ("A Nigerien official met a Nigerian envoy.", [("Nigerien", "niger"), ("Nigerian", "nigeria")]),
        ("French troops left Mali’s north.", [("French", "france"), ("Mali", "mali")]),
        ("Russian Foreign Minister Sergey Lavrov has stated it.", [("Russian", "russia"), ("Sergey Lavrov", "russia")]),
        ("Sergei Lavrov spoke to Goita.", [("Sergei Lavrov", "russia"), ("Goita", "mali")]),
        ("The Kremlin and the Elysee disagree.", [("Kremlin", "russia"), ("Elysee", "france")]),
        ("Kiev denied it; Kyiv insists.", [("Kiev", "ukraine"), ("Kyiv", "ukraine")]),
        ("The US and the UN met us.", [("US", "usa"), ("UN", "un")]),
        ("Tell us what you want.", []),
        ("The diplomat wrote on X (formerly Twitter).", []),
        ("ECOWAS lifted sanctions on Bamako.", [("ECOWAS", "ecowas"), ("Bamako", "mali")]),
        # "European" is Europe, not the EU
        ("Bamako works with European countries like Germany.", [("Bamako", "mali"), ("Germany", "germany")]),
        ("The EU and the European Union agreed.", [("EU", "eu"), ("European Union", "eu")]),
    ],
)
def test_mentions_golden(sentence, expected, index):
    assert actors_in(sentence, index) == expected


def test_surname_resolves_to_last_full_name(index):
    text = ("Abdoulaye Diop met Birame Diop of Senegal. Diop said yes. "
            "Then Abdoulaye Diop spoke. Diop left.")
    ms = [m for m in find_mentions(analyze(text), index) if m.text == "Diop"]
    assert [(m.actor, m.person) for m in ms] == [("senegal", "Birame Diop"), ("mali", "Abdoulaye Diop")]


def test_unresolved_shared_surname_is_ambiguous(index):
    ms = find_mentions(analyze("Diop said the talks went well."), index)
    assert len(ms) == 1 and ms[0].ambiguous and ms[0].actor is None
    assert set(ms[0].candidates) == {"mali", "senegal"}


def test_single_full_name_in_article_resolves_surname_before_it(index):
    ms = find_mentions(analyze("Diop spoke first. Later Birame Diop left."), index)
    assert ms[0].actor == "senegal"


def test_mention_offsets_slice_back(index):
    text = "Mali’s PM Choguel Maïga thanked Moscow and the Kremlin."
    for m in find_mentions(analyze(text), index):
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text


def test_affiliation_of_text(index):
    assert index.affiliation_of_text("the Malian diplomat") == "mali"
    assert index.affiliation_of_text("Lavrov") == "russia"
    assert index.affiliation_of_text("a senior official") is None


def test_extra_actor_from_dict_and_override():
    idx = load_actors(extra={"entries": [
        {"id": "mali_army", "name": "FAMa army", "type": "armed_group", "aliases": ["Malian army"]},
    ]})
    assert "mali_army" in idx
    assert actors_in("the Malian army attacked", idx) == [("Malian army", "mali_army")]


def test_replace_keeps_only_user_actors():
    idx = load_actors(extra={"entries": [{"id": "x", "name": "Azawad"}]}, replace=True)
    assert list(idx.actors) == ["x"]


def test_validation_lists_every_problem():
    bad = {"entries": [
        {"id": "a", "name": "Alpha", "aliases": ["Common"]},
        {"id": "b", "name": "Beta", "aliases": ["Common", ""]},
        {"id": "c"},
    ]}
    with pytest.raises(LexiconError) as exc:
        load_actors(extra=bad, replace=True)
    msg = str(exc.value)
    assert "empty alias" in msg and "has no 'name'" in msg
    assert len(exc.value.problems) >= 2


def test_undeclared_duplicate_alias_is_an_error():
    bad = {"entries": [
        {"id": "a", "name": "Alpha", "aliases": ["Common"]},
        {"id": "b", "name": "Beta", "aliases": ["Common"]},
    ]}
    with pytest.raises(LexiconError, match="used by several actors"):
        load_actors(extra=bad, replace=True)


def test_declared_ambiguity_is_allowed():
    ok = {"entries": [
        {"id": "a", "name": "Alpha", "aliases": ["Common"], "ambiguous_with": ["b"]},
        {"id": "b", "name": "Beta", "aliases": ["Common"], "ambiguous_with": ["a"]},
    ]}
    idx = load_actors(extra=ok, replace=True)
    (m,) = find_mentions(analyze("Common sense."), idx)
    assert m.ambiguous and m.actor is None


def test_yaml_file_errors_have_lines(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text('format: framecmp-lexicon/1\nkind: actors\nversion: "1"\nentries:\n  - id: a\n    name: A\n    aliases: [""]\n',
                 encoding="utf-8")
    with pytest.raises(LexiconError, match=r"a\.yaml line 5"):
        load_actors(p)


def test_find_mentions_rejects_wrong_index():
    with pytest.raises(TypeError, match="ActorIndex"):
        find_mentions(analyze("Mali"), {"mali": 1})  # type: ignore[arg-type]


def test_outlet_names_are_not_metonyms(index):
    assert actors_in("The Washington Post reported it.", index) == []
    # the metonym alone still names the actor, also next to the outlet
    assert actors_in("Washington said so, the Washington Post reported.", index) == actors_in(
        "Washington said so.", index
    ) != []


def test_not_mentions_are_user_configurable():
    extra = {"entries": [{"id": "mali", "name": "Mali", "metonyms": ["Bamako"], "not_mentions": ["Bamako Times"]}]}
    idx = load_actors(extra=extra)
    assert actors_in("The Bamako Times says Bamako agrees.", idx) == actors_in("Bamako agrees.", idx) != []


@pytest.mark.parametrize("phrase", ["Bamako", "Le Monde"])
def test_not_mentions_must_contain_one_of_the_actors_names(phrase):
    """'Bamako' would hide Mali itself; 'Le Monde' contains no name of Mali: both are errors."""
    extra = {"entries": [{"id": "mali", "name": "Mali", "metonyms": ["Bamako"], "not_mentions": [phrase]}]}
    with pytest.raises(LexiconError, match=f"not_mentions phrase '{phrase}' of actor 'mali'"):
        load_actors(extra=extra)
