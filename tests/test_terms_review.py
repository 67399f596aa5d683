"""Loaded terms (issue 18): one span, one reading; the lexicons keep their own principles."""

from __future__ import annotations

import pandas as pd
import pytest

import framecmp as fc
from framecmp.io.formats import from_dataframe
from framecmp.lexicons import data_path, load_yaml_with_lines, strip_lines
from framecmp.measures.attribution import extract_attributions, load_attribution_config
from framecmp.measures.terms import find_terms, load_terms


def _terms(text: str) -> tuple[list[str], list[str]]:
    doc = fc.analyze(text)
    res = find_terms(doc, lexicon=load_terms(), attributed=extract_attributions(doc, config=load_attribution_config()))
    return [h.text for h in res.hits], [h.text for h in res.references]


@pytest.mark.parametrize("text", ["Kiev has denied any wrongdoing.",
                                  "ECOWAS had threatened to intervene militarily in Niger."])
def test_a_reporting_verb_is_not_also_a_negative_word(text: str) -> None:
    hits, _ = _terms(text)
    assert hits == []


def test_a_loaded_reporting_verb_counts_once_in_the_terms_table() -> None:
    # "rued" is a loaded cue of the attribution measure and, in the terms table, a loaded verb
    # (its one reading there), never also a negative word
    doc = fc.analyze("The official rued that partners had left.")
    res = find_terms(doc, lexicon=load_terms(), attributed=extract_attributions(doc, config=load_attribution_config()))
    assert [(h.text, h.category) for h in res.hits] == [("rued", "loaded_verb")]


def test_the_terms_table_counts_a_reporting_verb_once() -> None:
    text = ("Kiev has denied any wrongdoing. ECOWAS had threatened to intervene militarily in Niger. "
            "Officials criticised the decision, and the minister accused Paris of interference.")
    scores = fc.score(from_dataframe(pd.DataFrame({"outlet": ["X"], "text": [text]})), progress=False)
    # no "negative words" rate made of reporting verbs: "interference" is the only loaded term
    assert scores.terms.set_index("category")["hits"].loc[lambda h: h > 0].to_dict() == {"colonial_sovereignty": 1}
    assert scores.style["loaded_cue_rate"].iloc[0] == 0  # they name speech acts: neutral cues
    cues = scores.evidence[scores.evidence["kind"] == "cue"]
    assert {"denied", "threatened"} <= {t.split()[-1] for t in cues["text"]}


def test_official_titles_and_neutral_names_are_not_loaded() -> None:
    hits, refs = _terms("Interim President Assimi Goita met the Prime Minister of Transition and the "
                        "transitional authorities of the military government.")
    assert hits == []
    assert refs == ["Interim President", "Prime Minister of Transition", "transitional authorities",
                    "military government"]


def test_connotation_zero_is_not_loaded() -> None:
    hits, refs = _terms("Notably, the junta expelled the ambassador.")
    assert hits == ["junta"] and refs == ["Notably"]


def _entries(name: str) -> list[dict]:
    return strip_lines(load_yaml_with_lines(data_path(f"{name}.yaml")))["entries"]


@pytest.mark.parametrize("name", ["loaded_terms", "subjective_general"])
def test_lexicon_principles(name: str) -> None:
    entries = _entries(name)
    loaded = {t.lower(): e["id"] for e in entries for t in e.get("terms") or ()
              if not e.get("reference") and e.get("category") != "not_loaded"}
    for e in entries:
        terms = [t.lower() for t in e.get("terms") or ()]
        neutral = [n.strip().lower() for n in str(e.get("neutral") or "").split("/") if n.strip()]
        assert not set(neutral) & set(terms), f"{e['id']}: its neutral alternative is itself"
        assert not [n for n in neutral if n in loaded], f"{e['id']}: its neutral alternative is a loaded term"
    for e in entries:
        if e.get("category") == "armed_group_label" and e.get("referent"):
            assert "terrorism" not in (e.get("terms") or ()), e["id"]


def test_terrorism_is_a_phenomenon_not_a_label_of_armed_groups() -> None:
    (e,) = [e for e in _entries("loaded_terms") if e["id"] == "lt.terrorism"]
    assert e["category"] != "armed_group_label" and "referent" not in e and "label_group" not in e


def test_speech_act_verbs_are_neutral_cues_and_not_general_terms() -> None:
    verbs = {e["id"]: e["class"] for e in _entries("reporting_verbs")}
    assert all(verbs[v] == "neutral" for v in ("rv.deny", "rv.threaten", "rv.accuse", "rv.criticise", "rv.charge"))
    general = {t for e in _entries("subjective_general") for t in e.get("terms") or ()}
    assert not general & {"denied", "denies", "threaten", "threatened", "threatens", "criticised"}
