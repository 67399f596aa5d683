"""The bundled loaded-term lexicons: valid, explained, sourced, balanced."""

from __future__ import annotations

import pytest

from framecmp.lexicon_check import check_lexicon_file
from framecmp.lexicons import data_path
from framecmp.measures.terms import DEFAULT_FILES, load_terms


@pytest.fixture(scope="module")
def lex():
    return load_terms()


@pytest.mark.parametrize("name", DEFAULT_FILES)
def test_bundled_file_checks_clean(name):
    assert check_lexicon_file(data_path(name)) == []


@pytest.mark.parametrize("name", DEFAULT_FILES)
def test_header_says_where_lists_come_from(name):
    text = data_path(name).read_text(encoding="utf-8")
    head = text.split("entries:", 1)[0].lower()
    assert "source" in head and "connotation" in head
    assert "kind: loaded_terms" in head and 'version: "' in head


def test_every_entry_is_explained_and_sourced(lex):
    for e in lex.entries:
        assert e.explanation.strip() and e.source.strip(), e.id
        assert -1.0 <= e.connotation <= 1.0, e.id
        assert e.terms or e.pattern, e.id


def test_referents_are_actor_ids(lex):
    from framecmp.measures.actors import load_actors

    ids = set(load_actors().actors)
    for e in lex.entries:
        if e.referent is not None:
            assert e.referent in ids, (e.id, e.referent)


REQUIRED_CATEGORIES = {
    "armed_group_label", "government_label", "colonial_sovereignty", "partnership",
    "euphemism", "delegitimising", "violence", "intensifier",
}


def test_sahel_categories_present(lex):
    cats = {e.category for e in lex.entries if e.id.startswith("lt.")}
    assert REQUIRED_CATEGORIES <= cats


@pytest.mark.parametrize(
    "term",
    ["junta", "military regime", "military administration", "transitional authorities",
     "transitional government", "terrorist", "jihadist", "militant", "rebel", "insurgent",
     "bandit", "armed group", "former metropolis", "neo-colonial", "sovereignty", "dictate",
     "impose their will", "reliable partner", "win-win", "friendly", "sincere", "neutralise",
     "so-called", "pretext", "self-proclaimed", "massacre", "slaughter", "kill", "died", "fierce",
     "triumphal", "mythical", "crucial", "russian mercenary", "puppet", "disinformation",
     "hybrid war", "western sponsor", "foreign power"],
)
def test_required_terms_listed(lex, term):
    assert any(term in e.terms for e in lex.entries if e.id.startswith("lt.")), term


def test_sides_balanced(lex):
    sides: dict[str, int] = {}
    for e in lex.entries:
        if e.id.startswith("lt.") and e.category != "not_loaded":
            for s in e.side:
                sides[s] = sides.get(s, 0) + 1
    for side in ("russian", "french", "malian_government", "ecowas", "western"):
        assert sides.get(side, 0) >= 3, (side, sides)


def test_label_groups_compare_same_referent(lex):
    gov = [e for e in lex.entries if e.label_group == "government"]
    labels = {e.label for e in gov}
    assert {"junta", "military regime", "military administration", "transitional government",
            "transitional authorities"} <= labels
    armed = {e.label for e in lex.entries if e.label_group == "armed_groups"}
    assert {"terrorist", "jihadist", "militant", "rebel", "bandit", "armed group"} <= armed


def test_general_list_not_from_babe():
    head = data_path("subjective_general.yaml").read_text(encoding="utf-8")[:2000]
    assert "No labelled benchmark (BABE or other) was read" in head


def test_every_bundled_model_matches_its_listed_sha256():
    from framecmp.lexicons import MODEL_HASHES, check_model_hash, lexicon_dir

    listed = (lexicon_dir() / MODEL_HASHES).read_text(encoding="utf-8").splitlines()
    names = {line.split("  ", 1)[1] for line in listed if line.strip()}
    assert names == {p.name for p in lexicon_dir().glob("*.json")}
    for name in names:
        check_model_hash(lexicon_dir() / name)


def test_an_altered_model_is_refused_with_the_file_and_hashes(tmp_path):
    import shutil

    import pytest

    from framecmp.lexicons import MODEL_HASHES, LexiconError, check_model_hash, lexicon_dir

    shutil.copy(lexicon_dir() / MODEL_HASHES, tmp_path / MODEL_HASHES)
    model = tmp_path / "target_model.json"
    model.write_bytes((lexicon_dir() / "target_model.json").read_bytes() + b" ")
    with pytest.raises(LexiconError, match=r"target_model.json: sha256 \w+ does not match"):
        check_model_hash(model)
    (tmp_path / "other.json").write_text("{}")
    with pytest.raises(LexiconError, match="no sha256 listed"):
        check_model_hash(tmp_path / "other.json")


def test_choices_and_optional_words_in_a_term():
    from framecmp.lexicons import expand_term

    assert expand_term("junta") == ["junta"]
    assert expand_term("(deny|denied) [the|all] charges against") == [
        "deny charges against", "deny the charges against", "deny all charges against",
        "denied charges against", "denied the charges against", "denied all charges against"]
    # the bundled defence cue is written this way: 288 phrases from two terms
    from framecmp.lexicons import load_lexicon
    from framecmp.measures.stance.cues import CUE_SCHEMA, check_cue

    lex = load_lexicon(data_path("stance_cues.yaml"), kind="stance_cues", schema=CUE_SCHEMA, extra_check=check_cue)
    (entry,) = [e for e in lex.entries if e.id == "sc.denies_accusation"]
    assert len(entry.terms) == len(set(entry.terms)) == 288
    assert "denied all allegations against" in entry.terms and "refuting criticism of" in entry.terms


@pytest.mark.parametrize("term", ["(deny|denied accusations", "deny|denied", "((a|b))", "(a||b)", "[the] ( )",
                                  "Sen. Smith (R-Texas)", "(a|b)(c|d)", "co-(operation|ordination)"])
def test_a_broken_term_is_reported_at_its_line(tmp_path, term):
    f = tmp_path / "mine.yaml"
    f.write_text(
        'format: framecmp-lexicon/1\nkind: loaded_terms\nname: mine\nversion: "1"\ndescription: x\nsource: y\n'
        "entries:\n  - id: ab.x\n    category: intensifier\n    connotation: 0.5\n    explanation: e\n"
        f"    source: s\n    terms: [{term!r}]\n",
        encoding="utf-8",
    )
    problems = check_lexicon_file(f)
    assert len(problems) == 1 and "line 13" in problems[0] and "term" in problems[0]
