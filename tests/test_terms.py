"""Loaded terms: golden spans, referents, label choice, user lexicons, file checks."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
import yaml

from framecmp import schema as C
from framecmp.lexicon_check import check_lexicon_file, write_editable_lexicon
from framecmp.lexicons import LexiconError
from framecmp.measures.terms import (
    TermPatternTimeoutWarning,
    TermsResult,
    find_terms,
    labels_frame,
    load_terms,
    terms_frame,
)
from framecmp.stats.words import label_choices
from framecmp.text.doc import analyze


@pytest.fixture(scope="module")
def lex():
    return load_terms()


def _sahel(res: TermsResult) -> list[tuple[str, str | None]]:
    return [(h.entry_id, h.referent) for h in res.hits if h.entry_id.startswith("lt.")]


GOLDEN = [
    # (text, expected Sahel hits as (entry id, referent)); sentences from the seeds
    ("Mali, a multi-party nation, is run by a military administration since August 2020.",
     [("lt.military_administration", "mali")]),
    ("Mali has closed ranks with neighbouring military-led Niger and Burkina Faso.",
     [("lt.military_led", "niger")]),
    ("CNPC Defies Niger Junta, Continues Oil Exports", [("lt.junta", "niger")]),
    ("In July, the leaders of the three military regimes held their first summit.",
     [("lt.military_regime", "military_government")]),
    # "transitional government" is the official name: a neutral label since loaded_terms 2026.12.0
    ("Mali's transitional government accused Paris of supporting terrorist groups.",
     [("lt.terrorist_groups", "terrorists")]),
    ("It was part of the former metropolis’ efforts to maintain this control.",
     [("lt.former_metropolis", "france")]),
    ("Bamako and Niamey severed ties with formal colonial power France.",
     [("lt.former_colonial_power", "france")]),
    ("Dozens of soldiers and contractors from the Russian private military company were killed.",
     [("lt.wagner_contractors", "wagner"), ("lt.private_military_company", "wagner")]),
    ("The attack was reportedly carried out by Tuareg rebels.", [("lt.tuareg_rebels", "tuareg_rebels")]),
    ("We cannot be in a sincere partnership while they sponsor terror.", [("lt.sincere", None)]),
    ("In recent weeks, Mali has claimed to have neutralised dozens of terrorists.",
     [("lt.neutralised", None), ("lt.terrorists", "terrorists")]),
    ("France launched the so-called Operation Barkhane under the pretext of fighting terrorism.",
     [("lt.so_called", None), ("lt.pretext", None)]),
    ("The triumphal entry of the FAMa into the mythical city of Kidal.",
     [("lt.triumphal", None), ("lt.mythical", None)]),
    ("Western outlets called them Russian mercenaries spreading disinformation.",
     [("lt.mercenaries", "wagner"), ("lt.disinformation", None)]),
    # negatives: names that contain loaded words, plain news words
    ("The trio formed the Alliance of Sahel States (AES) last September.", []),
    ("The meeting discussed cooperation in the fight against terrorism.", []),
    ("Mali withdrew from the Economic Community of West African States.", []),
    ("The ministers met in Bamako on Tuesday.", []),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN, ids=[g[0][:40] for g in GOLDEN])
def test_golden_sahel_hits(lex, text, expected):
    assert _sahel(find_terms(analyze(text), lexicon=lex)) == expected


def test_reference_labels_in_label_choice_not_counted(lex):
    # "armed groups" and "killed" are plain names (reference: true): the label-choice
    # table shows the outlet picked them, the terms counts and rates do not count them
    res = find_terms(analyze("Armed groups killed six soldiers; the jihadists fled."), lexicon=lex)
    assert [h.entry_id for h in res.hits] == ["lt.jihadists"]
    assert [h.entry_id for h in res.references] == ["lt.armed_groups", "lt.killed"]
    assert sum(res.category_counts.values()) == 1
    assert {c.entry_id for c in res.labels} == {"lt.armed_groups", "lt.jihadists"}
    kinds = {e.rule_id: e.kind for e in res.evidence}
    assert kinds == {"lt.armed_groups": "reference", "lt.killed": "reference", "lt.jihadists": "term"}


def test_reference_flag_validated_and_user_settable(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: framecmp-lexicon/1\nkind: loaded_terms\nname: mine\nversion: '1'\nentries:\n"
        "  - id: ab.folks\n    terms: [folks]\n    category: people\n    connotation: 0\n"
        "    explanation: Plain.\n    source: class\n    reference: maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"bad.yaml line 12: .reference. must be true or false"):
        load_terms(bad)
    good = tmp_path / "good.yaml"
    good.write_text(bad.read_text(encoding="utf-8").replace("reference: maybe", "reference: true"), encoding="utf-8")
    res = find_terms(analyze("The folks met."), lexicon=load_terms(good))
    assert res.hits == () and [h.text for h in res.references] == ["folks"]


def test_general_words_counted_once_and_sahel_first(lex):
    res = find_terms(analyze("A brutal massacre, they said."), lexicon=lex)
    ids = [h.entry_id for h in res.hits]
    assert ids == ["lt.deadly", "lt.massacre"]  # not also VADER's 'brutal'/'massacre'


def test_general_negative(lex):
    res = find_terms(analyze("Like the party, the united team had air support."), lexicon=lex)
    assert res.hits == ()


def test_country_keyword_resolves_bare_label(lex):
    doc = analyze("The junta spoke.")
    assert find_terms(doc, lexicon=lex).hits[0].referent == "military_government"
    assert find_terms(doc, lexicon=lex, country="burkina_faso").hits[0].referent == "burkina_faso"


def test_evidence_spans_slice_back(lex):
    text = "Mali’s junta hailed its “reliable partner” and the so-called sanctions.\nThe terrorists fled."
    doc = analyze(text)
    res = find_terms(doc, lexicon=lex)
    assert res.evidence
    for ev in res.evidence:
        assert ev.kind == "term"
        assert text[ev.start : ev.end] == ev.text == ev.label
        assert ev.rule_id and ev.lexicon_version == lex.version and ev.explanation
        assert ev.value is not None and -1 <= ev.value <= 1


def test_frames_and_label_choice(lex):
    a = find_terms(analyze("The Malian junta met. The junta left. Rebels attacked."), lexicon=lex)
    b = find_terms(analyze("Malian authorities met the transitional government of Mali."), lexicon=lex)
    results = {"a1": a, "b1": b}
    outlets = {"a1": "Outlet A", "b1": "Outlet B"}
    tf = terms_frame(results, outlets=outlets)
    assert list(tf.columns) == C.TERMS
    assert set(tf["category"]) == set(lex.categories)  # zeros included
    assert tf.loc[(tf.article_id == "a1") & (tf.category == "government_label"), "hits"].item() == 2
    lf = labels_frame(results, outlets=outlets)
    assert list(lf.columns) == C.LABELS
    row = lf[(lf.article_id == "a1") & (lf.label == "junta")]
    assert row["referent"].item() == "mali" and row["count"].item() == 2
    tab = label_choices(lf)
    mali_b = tab[(tab.referent == "mali") & (tab.outlet == "Outlet B")]
    assert sorted(mali_b["label"]) == ["malian authorities", "transitional government"]
    assert mali_b["share"].sum() == pytest.approx(1.0)
    with pytest.raises(TypeError, match="single"):
        terms_frame(a)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'by' parameter"):
        label_choices(lf, by="event")


def test_empty_text(lex):
    res = find_terms(analyze(""), lexicon=lex)
    assert res.hits == () and res.labels == ()
    assert all(r["hits"] == 0 for r in res.category_rows())


def test_extra_dict_merges_and_overrides(lex):
    extra = {"entries": [
        {"id": "lt.junta", "term": "junta", "category": "government_label", "connotation": -1,
         "explanation": "Class view.", "source": "class 7B"},
        {"id": "my.hero", "terms": ["hero"], "category": "intensifier", "connotation": 0.5,
         "explanation": "Praise.", "source": "class 7B"},
    ]}
    mine = load_terms(extra=extra)
    assert len(mine) == len(lex) + 1
    assert mine.by_id["lt.junta"].connotation == -1
    only = load_terms(extra=extra, replace=True)
    assert len(only) == 2
    hits = find_terms(analyze("The heroes met the junta."), lexicon=only).hits
    assert [h.entry_id for h in hits] == ["my.hero", "lt.junta"]


def test_extra_dataframe():
    df = pd.DataFrame([
        {"id": "u.a", "terms": "big shot | bigwig", "category": "intensifier", "connotation": -0.5,
         "explanation": "Mocking.", "source": "me", "neutral": None},
    ])
    only = load_terms(extra=df, replace=True)
    assert only.by_id["u.a"].terms == ("big shot", "bigwig")
    assert [h.text for h in find_terms(analyze("Two bigwigs and a big shot."), lexicon=only).hits] == [
        "bigwigs", "big shot"]


def test_extra_list_of_sources_merged_in_order(lex, tmp_path):
    as_dict = {"entries": [
        {"id": "my.hero", "terms": ["hero"], "category": "intensifier", "connotation": 0.5,
         "explanation": "Praise.", "source": "dict"},
    ]}
    as_table = pd.DataFrame([
        {"id": "my.hero", "terms": "hero | champion", "category": "intensifier",
         "connotation": 0.75, "explanation": "Praise, again.", "source": "table"},
        {"id": "u.a", "terms": "bigwig", "category": "intensifier", "connotation": -0.5,
         "explanation": "Mocking.", "source": "table"},
    ])
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"format": "framecmp-lexicon/1", "kind": "loaded_terms", "name": "mine",
                                    "version": "1", "entries": [
        {"id": "f.stooge", "terms": ["stooge"], "category": "delegitimising",
         "connotation": -0.75, "explanation": "Puppet.", "source": "file"}]}), encoding="utf-8")
    merged = load_terms(extra=[as_dict, as_table, path])
    assert len(merged) == len(lex) + 3
    assert merged.by_id["my.hero"].connotation == 0.75  # later source wins
    assert merged.by_id["my.hero"].terms == ("hero", "champion")
    assert {"u.a", "f.stooge"} <= set(merged.by_id)
    back = load_terms(extra=(as_table, as_dict))
    assert back.by_id["my.hero"].connotation == 0.5
    only = load_terms(extra=[as_dict, path], replace=True)
    assert set(only.by_id) == {"my.hero", "f.stooge"}


def test_extra_list_reports_problems_of_every_source():
    bad = {"entries": [{"id": "x.1", "terms": ["a"], "category": "intensifier"}]}
    also_bad = {"entries": [{"id": "x.2", "terms": ["b"], "connotation": 0}]}
    with pytest.raises(LexiconError) as err:
        load_terms(extra=[bad, also_bad])
    text = str(err.value)
    assert "x.1" in text or "connotation" in text
    assert len(err.value.problems) >= 2
    with pytest.raises(ValueError, match="at least one source"):
        load_terms(extra=[])
    with pytest.raises(TypeError, match="list or tuple"):
        load_terms(extra=[{"entries": []}, 42])


def test_extra_wrong_type_and_replace_without_extra():
    with pytest.raises(TypeError, match="'extra' parameter of load_terms"):
        load_terms(extra=42)
    with pytest.raises(ValueError, match="'replace' parameter"):
        load_terms(replace=True)


def test_find_terms_rejects_non_lexicon():
    with pytest.raises(TypeError, match="'lexicon' parameter of find_terms"):
        find_terms(analyze("x"), lexicon={"junta": -1})  # type: ignore[arg-type]


def test_pattern_timeout_warns_and_skips():
    lex = load_terms(extra={"entries": [
        {"id": "u.slow", "pattern": r"(a|aa)+c", "category": "intensifier", "connotation": 0,
         "explanation": "Catastrophic backtracking on purpose.", "source": "test"},
        {"id": "u.ok", "term": "fine", "category": "intensifier", "connotation": 0.5,
         "explanation": "x", "source": "test"},
    ]}, replace=True)
    doc = analyze("a" * 40 + "b is fine")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        res = find_terms(doc, lexicon=lex, timeout=0.05)
    assert any(issubclass(w.category, TermPatternTimeoutWarning) for w in rec)
    assert [h.entry_id for h in res.hits] == ["u.ok"]


BAD = """\
format: framecmp-lexicon/1
kind: loaded_terms
name: mine
version: "1"
entries:
  - id: my.a
    terms: [bigwig]
    category: intensifier
    connotation: high
    explanation: x
    source: me
  - id: my.b
    pattern: '(unclosed'
    category: Bad-Category
    connotation: 2
    explanation: x
    source: me
  - id: my.a
    term: boss
    category: intensifier
    connotation: 0
    explanaton: typo
"""


def test_check_lexicon_file_reports_every_problem(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(BAD, encoding="utf-8")
    probs = check_lexicon_file(p)
    text = "\n".join(probs)
    # each problem at its field's own line (the entry starts at line 6, 12 or 18)
    assert f"{p} line 9: 'connotation' 'high' is not a number" in text
    assert f"{p} line 15: 'connotation' 2 is outside" in text
    assert f"{p} line 13: 'pattern' '(unclosed' is not a valid regular expression" in text
    assert f"{p} line 14: 'category' 'Bad-Category' must be lowercase" in text
    assert f"{p} line 18: id 'my.a' already used at line 6" in text
    assert f"{p} line 22: unknown key 'explanaton'" in text
    assert f"{p} line 18: entry 'my.a' is missing 'explanation'" in text and "missing 'source'" in text
    with pytest.raises(LexiconError):
        load_terms(p)


def test_check_lexicon_file_kinds(tmp_path):
    bad_yaml = tmp_path / "b.yaml"
    bad_yaml.write_text("entries: [\n", encoding="utf-8")
    assert "not valid YAML" in check_lexicon_file(bad_yaml)[0]
    unknown = tmp_path / "u.yaml"
    unknown.write_text("format: framecmp-lexicon/1\nkind: recipes\nversion: '1'\nentries: []\n")
    assert "'kind' must be one of" in check_lexicon_file(unknown)[0]


def test_write_editable_lexicon(tmp_path):
    out = write_editable_lexicon(tmp_path)
    assert out.name == "loaded_terms.yaml"
    assert out.read_text(encoding="utf-8").startswith("# framecmp loaded-term lexicon")
    assert check_lexicon_file(out) == []
    with pytest.raises(FileExistsError):
        write_editable_lexicon(out)
    with pytest.raises(ValueError, match="'which' parameter"):
        write_editable_lexicon(tmp_path / "x.yaml", which="loaded_termz")


# ---- known failures, kept visible
def test_negated_label_not_counted(lex):
    assert _sahel(find_terms(analyze("They are not a terrorist group."), lexicon=lex)) == []


def test_negated_hits_recorded_not_counted(lex):
    res = find_terms(analyze("They are not a terrorist group. The junta isn't brutal."), lexicon=lex)
    assert [(h.text, h.negator) for h in res.negated] == [("terrorist group", "not"), ("brutal", "isn't")]
    assert [h.text for h in res.hits] == ["junta"]
    assert [(ev.kind, ev.text) for ev in res.evidence] == [
        ("term", "junta"), ("negated", "terrorist group"), ("negated", "brutal")]
    assert all("Not counted" in ev.explanation for ev in res.evidence if ev.kind == "negated")
    assert "armed_group_label" not in res.category_counts
    # without negation handling, both count
    off = find_terms(analyze("They are not a terrorist group."), lexicon=lex, negation=False)
    assert [h.text for h in off.hits] == ["terrorist group"] and off.negated == ()


@pytest.mark.parametrize("text", [
    "It was not only brutal but cruel.",  # 'not only' is no negation
    "He didn't slam the junta.",  # the negation reaches 'slam', not the label after it
    "No, the junta spoke.",  # a comma ends its reach
    "We cannot be in a sincere partnership.",  # too far, over content words
])
def test_negation_scope_is_narrow(lex, text):
    res = find_terms(analyze(text), lexicon=lex)
    assert {h.text for h in res.hits} & {"brutal", "junta", "sincere partnership"}


@pytest.mark.parametrize("text", [
    "Isn't the junta brutal?",  # a question with the negated auxiliary first asks, not denies
    "Why isn't the junta brutal?",
    "No doubt a terrorist group did it.",  # 'no doubt' means 'certainly'
    "It is nothing but a terrorist group.",
    "It was not just brutal but cruel.",
    "It was not merely brutal.",
])
def test_not_a_negation(lex, text):
    res = find_terms(analyze(text), lexicon=lex)
    assert {h.text for h in res.hits} & {"brutal", "junta", "terrorist group"}
    assert not {h.text for h in res.negated} & {"brutal", "junta", "terrorist group"}


@pytest.mark.parametrize(("text", "term", "negator"), [
    ("They said the junta isn't brutal?", "brutal", "isn't"),  # not inverted: still a denial
    ("The junta isnt brutal.", "brutal", "isnt"),  # contraction without the apostrophe
    ("There is no doubt about it.", "doubt", "no"),  # the idiom's own word is negated, not loaded
])
def test_negations_kept(lex, text, term, negator):
    res = find_terms(analyze(text), lexicon=lex)
    assert (term, negator) in {(h.text, h.negator) for h in res.negated}


def test_bare_contractors_after_wagner_named(lex):
    # 'after' entries count only with one of their words shortly before them
    res = find_terms(analyze("Wagner arrived in 2021. The contractors were later killed."), lexicon=lex)
    assert ("lt.wagner_contractors_after", "wagner") in _sahel(res)
    res = find_terms(analyze("Chinese contractors built the dam. Instructors trained the staff."), lexicon=lex)
    assert _sahel(res) == []
    far = "Wagner arrived in 2021. It rained. Trade grew. Prices rose. The contractors left."
    assert _sahel(find_terms(analyze(far), lexicon=lex)) == []
    # the longer, explicit entry still wins where both match
    res = find_terms(analyze("Wagner came. Contractors from the Russian PMC fought."), lexicon=lex)
    assert ("lt.wagner_contractors", "wagner") in _sahel(res)
    # the label-choice table shows one label for both entries
    labels = {c.label for c in find_terms(analyze("Wagner came. The instructors stayed."), lexicon=lex).labels}
    assert labels == {"contractors / instructors"}


def test_general_list_inflections_and_phrasal_verbs(lex):
    res = find_terms(analyze("Critics slammed the plan and lashed out at its authors. He smears rivals."),
                     lexicon=lex)
    assert [(h.text, h.entry_id) for h in res.hits] == [
        ("slammed", "wtw.said.slam"), ("lashed out", "wtw.said.lash_out"), ("smears", "vader.smear")]


def test_manner_of_speaking_verbs_are_loaded_terms(lex):
    """Verbs that paint the speaker ('whined', 'gushed') are loaded words, as in the attribution view."""
    res = find_terms(analyze("He whined about the press, she gushed over the plan and they bemoaned the cuts."),
                     lexicon=lex)
    assert [(h.text, h.category) for h in res.hits] == [
        ("whined", "loaded_verb"), ("gushed", "loaded_verb"), ("bemoaned", "loaded_verb")]


def test_manner_verbs_are_loaded_reporting_cues(lex):
    """Each manner verb of the general list is a loaded cue of reporting_verbs.yaml (one judgement, two views)."""
    from framecmp.lexicons import data_path, load_lexicon
    from framecmp.measures.attribution.config import VERB_SCHEMA
    from framecmp.text.doc import PhraseMatcher, inflections

    rv = load_lexicon(data_path("reporting_verbs.yaml"), kind="reporting_verbs", schema=VERB_SCHEMA)
    loaded = PhraseMatcher([(e.id, t, {"inflect": e.fields.get("inflect", True)})
                            for e in rv.entries if e.fields["class"] == "loaded" for t in e.terms])
    manner = [e for e in lex.entries if e.id.startswith("wtw.manner.")]
    assert len(manner) >= 10
    for e in manner:
        for t in e.terms:  # the base form, or one of its inflections (rv.assail lists only those)
            forms = [t] if " " in t else sorted(inflections(t))
            assert any(loaded.find(analyze(f).tokens, 0, 1) for f in forms), t


def test_curated_label_keeps_its_plural_when_an_adjective_list_has_the_word(lex):
    # Pattern lists the adjective 'fanatic' (no plural); the noun plural stays a contentious label
    res = find_terms(analyze("The fanatics were a fanatic crowd."), lexicon=lex)
    assert [(h.text, h.category) for h in res.hits] == [
        ("fanatics", "contentious_label"), ("fanatic", "subjective_adjective")]


def test_general_list_leaves_out_descriptive_words(lex):
    # fact nouns and verbs (VADER 'death', 'crisis'), positive Pattern adjectives ('own', 'latest')
    text = "Her own latest plan was popular and effective. The death toll rose as the crisis deepened."
    assert find_terms(analyze(text), lexicon=lex).hits == ()


def test_general_list_leaves_out_time_words_and_neutral_reporting_verbs(lex):
    # seed 001: "In late 2022", "Moscow, arguing that ..." are not loaded language;
    # 'argue' and 'stress' are neutral reporting cues of reporting_verbs.yaml
    text = "In late 2022, Moscow argued that ties grew, stressing trust and refusing blame."
    assert [h.text for h in find_terms(analyze(text), lexicon=lex).hits] == []


def test_general_list_inflections_are_regular_spellings(lex):
    terms = {e.id: e.terms for e in lex.entries}
    assert terms["vader.sin"] == ("sin", "sinned", "sinning")  # not "sined", "sines"
    for eid, ts in terms.items():
        if not eid.startswith("vader.") or ts[0].endswith("ee"):
            continue
        base = ts[0]
        bad = {base + "ed", base + "ing"} if base.endswith("e") else set()  # "abuseed", "abuseing"
        if not base.endswith(("s", "x", "z", "ch", "sh", "o")):
            bad.add(base + "es")  # "banes", "mockes"
        assert not bad & set(ts[1:]), (eid, bad & set(ts[1:]))


def test_negated_terms_shown_in_scores_and_highlight():
    """A negated term reaches the evidence frame and the highlighted article, struck through."""
    from framecmp import Corpus, score
    from framecmp.io.corpus import make_article
    from framecmp.present.highlight import highlight

    art = make_article("a", "X", "They are not a terrorist group, he said.")
    sc = score(Corpus([art]))
    neg = sc.evidence[sc.evidence["kind"] == "negated"]
    assert list(neg["text"]) == ["terrorist group"]
    t = sc.terms.set_index("category")["hits"]
    assert t.get("armed_group_label", 0) == 0
    html = highlight(art, sc.evidence).html
    assert 'fc-k-negated' in html and "Negated" in html


@pytest.mark.parametrize(("text", "expected"), [
    # the quoted speaker's word, not the outlet's
    ("“These terrorists must pay,” the minister said.", [("terrorists", True)]),
    ('He called the junta "a brutal gang".', [("junta", False), ("brutal", True)]),
    # a scare quote around the term alone is the writer's own distancing
    ('Western outlets called them "Russian mercenaries".', [("Russian mercenaries", False)]),
    ("The junta was brutal.", [("junta", False), ("brutal", False)]),
])
def test_quoted_hits_flagged_and_still_counted(lex, text, expected):
    res = find_terms(analyze(text), lexicon=lex)
    assert [(h.text, h.quoted) for h in res.hits] == expected
    assert sum(res.category_counts.values()) == len(expected)  # counted either way
    quoted_ev = [ev for ev in res.evidence if "Inside a quotation" in (ev.explanation or "")]
    assert len(quoted_ev) == sum(q for _, q in expected)


def test_sentence_matches_equal_matching_each_sentence(seeds):
    """One document pass split by sentence gives what matching sentence by sentence gives."""
    from framecmp.measures.terms import _sentence_matches, load_terms
    from framecmp.text.doc import PhraseMatcher

    crossing = PhraseMatcher([("x.end", "the end. Start"), ("x.end2", "end"), ("x.start", "start again")])
    cases = [(load_terms().matcher, analyze(a.text, title=a.title)) for a in seeds]
    cases.append((crossing, analyze("It was the end. Start again, said the end.")))
    n = 0
    for matcher, doc in cases:
        each = [m for s in doc.sentences for m in matcher.find(doc.tokens, s.tok_start, s.tok_end)]
        assert _sentence_matches(matcher, doc) == each
        n += len(each)
    assert n > 20
    # the document pass does cross the sentence end there; the split falls back to the sentence
    doc = cases[-1][1]
    assert any(m.keys == ("x.end",) for m in crossing.find(doc.tokens))
    assert [m.keys for m in _sentence_matches(crossing, doc)] == [("x.end2",), ("x.start",), ("x.end2",)]


def test_puffery_adjective_not_verb(lex):
    # seed 000: "celebrated" the verb reports an event; "the celebrated author" is puffery
    res = find_terms(analyze("Mali celebrated its 64th year of independence on Sunday."), lexicon=lex)
    assert [h.entry_id for h in res.hits] == []
    res = find_terms(analyze("The celebrated author and an acclaimed film."), lexicon=lex)
    # the determiner is the context (preceded_by), not part of the highlighted span
    assert [(h.text, h.category) for h in res.hits] == [
        ("celebrated", "puffery"), ("acclaimed", "puffery")]
    # a doubt adjective that is mostly a verb form: "was supposed to" is an obligation
    assert find_terms(analyze("The convoy was supposed to arrive."), lexicon=lex).hits == ()
    res = find_terms(analyze("They hailed the supposed victory."), lexicon=lex)
    assert ("supposed", "doubt") in [(h.text, h.category) for h in res.hits]


def test_preceded_by_needs_the_word_right_before_in_the_sentence() -> None:
    import pandas as pd

    extra = pd.DataFrame([{"id": "x.lead", "terms": ["mastermind"], "category": "delegitimising",
                           "connotation": -0.5, "explanation": "x", "source": "own", "inflect": False,
                           "preceded_by": ["the", "a"]}])
    lex = load_terms(extra=extra, replace=True)
    hits = lambda t: [h.text for h in find_terms(analyze(t), lexicon=lex).hits]  # noqa: E731
    assert hits("He was the mastermind of it.") == ["mastermind"]
    assert hits("A mastermind? Mastermind is a game.") == ["mastermind"]  # the first only
    assert hits("Mastermind games sold well.") == []
    assert hits("They played the. Mastermind game.") == []  # "the" ends the previous sentence


def test_non_interference_is_the_principle_not_the_intrusion(lex):
    # seed 002: "non-interference" and "non-instrumentalization" name a sovereignty principle
    res = find_terms(analyze("Mali asks for non-interference and non-instrumentalization."), lexicon=lex)
    assert [(h.entry_id, h.connotation > 0) for h in res.hits] == [
        ("lt.non_interference", True), ("lt.non_interference", True)]
    res = find_terms(analyze("They denounced the interference."), lexicon=lex)
    assert [(h.entry_id, h.connotation < 0) for h in res.hits] == [("lt.interference", True)]


def test_forms_of_kill_are_the_neutral_reference(lex):
    # seed 003: "killing thousands" is the plain word for a death, like "killed" (lt.killed)
    text = "Attacks killing thousands. They kill two. It kills. Ten were killed and one died."
    res = find_terms(analyze(text), lexicon=lex)
    assert res.hits == ()
    assert [(h.text, h.entry_id) for h in res.references] == [
        ("killing", "lt.killed"), ("kill", "lt.killed"), ("kills", "lt.killed"),
        ("killed", "lt.killed"), ("died", "lt.killed")]
    general = {t for e in lex.entries if e.id.startswith("vader.") for t in e.terms}
    assert not {"kill", "kills", "killed", "killing"} & general
    assert "killers" in general  # a noun for people, not the verb


def test_official_acts_and_physical_verbs_are_not_loaded(lex):
    # seed 004: "has suspended gold mining activities" reports a decision; WordNet's first
    # sense of "suspend" (hang freely) is verb.contact, a file of physical acts
    text = ("The Senegalese government has suspended gold mining activities. Bamako expelled the "
            "ambassador, banned two parties, detained a journalist and arrested three men. "
            "Three states severed ties. Air strikes continued.")
    assert [h.text for h in find_terms(analyze(text), lexicon=lex).hits] == []
    # judgements of verb.social stay loaded
    res = find_terms(analyze("They oppressed and brutalized the villagers."), lexicon=lex)
    assert [h.text for h in res.hits] == ["oppressed", "brutalized"]


CROSS = """\
format: framecmp-lexicon/1
kind: loaded_terms
name: mine
version: "1"
entries:
  - id: ab.tuareg
    terms: [azawad fighters]
    category: armed_group_label
    connotation: -0.25
    referent: nosuchactor
    explanation: x
    source: me
  - id: ab.brutal
    terms: [savage]
    category: violense
    connotation: -0.5
    referent: tuareg_rebel
    explanation: x
    source: me
  - id: ab.hero
    terms: [hero]
    category: heroism
    connotation: 0.5
    referent: my_militia
    explanation: x
    source: me
"""


def test_check_lexicon_file_referents_and_near_miss_categories(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(CROSS, encoding="utf-8")
    probs = check_lexicon_file(p)
    assert len(probs) == 4, probs
    # a referent that is no actor id, at the referent's own line (not the entry's, line 6)
    assert probs[0].startswith(f"{p} line 10: 'referent' 'nosuchactor' is not an actor id;")
    assert "did you mean" not in probs[0] and "tuareg_rebels" in probs[0]  # the known ids are listed
    # a category one letter from a bundled one is a likely typo; a referent too
    assert any(x.startswith(f"{p} line 15: 'category' 'violense' is not a bundled category; "
                            "did you mean 'violence'?") for x in probs)
    assert any(x.startswith(f"{p} line 17: 'referent' 'tuareg_rebel' is not an actor id; "
                            "did you mean 'tuareg_rebels'?") for x in probs)
    # a category of one's own is fine; the user's own actor is fine when given
    assert not any("heroism" in x for x in probs)
    assert any("line 24: 'referent' 'my_militia'" in x for x in probs)
    mine = {"entries": [{"id": "my_militia", "name": "My militia", "type": "armed_group"},
                        {"id": "nosuchactor", "name": "No such actor"}]}
    probs = check_lexicon_file(p, actors=mine)
    assert sorted(x.split(": ", 1)[1][:30] for x in probs) == [
        "'category' 'violense' is not a", "'referent' 'tuareg_rebel' is n"]
    from framecmp.measures.actors import load_actors

    assert len(check_lexicon_file(p, actors=load_actors(extra=mine))) == 2
    assert len(check_lexicon_file(p, actors={"my_militia", "nosuchactor", "tuareg_rebel"})) == 1
    # loading is not forbidden: custom categories and user actors work at run time
    lex = load_terms(p)
    assert {e.category for e in lex.entries} == {"armed_group_label", "violense", "heroism"}


def test_field_lines_in_other_lexicon_kinds(tmp_path):
    from framecmp.lexicons import load_yaml_with_lines

    p = tmp_path / "rv.yaml"
    p.write_text(
        "format: framecmp-lexicon/1\nkind: reporting_verbs\nname: rv\nversion: '1'\nentries:\n"
        "  - id: rv.x\n    terms: [say]\n    class: shouty\n    source: me\n"
        "    explanation: x\n", encoding="utf-8")
    probs = check_lexicon_file(p)
    assert probs and all(x.startswith(f"{p} line 8: 'class'") for x in probs), probs
    # other readers get plain dicts (key lines only where asked for)
    assert type(load_yaml_with_lines(p)["entries"][0]) is dict
    raw = load_yaml_with_lines(p, key_lines=True)["entries"][0]
    assert raw.key_lines == {"id": 6, "terms": 7, "class": 8, "source": 9, "explanation": 10}


def _attr(text):
    from framecmp.measures.attribution import (
        extract_attributions,
        load_attribution_config,
    )

    doc = analyze(text)
    return doc, extract_attributions(doc, config=load_attribution_config())


@pytest.mark.parametrize(("text", "term", "quoted"), [
    # a quote around the term alone inside what someone is said to have said: their word
    ("Commentator Jean Dupont accused Russia of pursuing a “predatory project” in the region.",
     "predatory project", True),
    ("The minister described the group as a “coalition of terrorists” operating in the north.",
     "coalition of terrorists", True),
    ("The “common enemy” is back, the newspaper wrote in its editorial.", "common enemy", True),
    # the same quote that nobody is said to have said: the writer's scare quote
    ("The “predatory project” of Russia was the talk of the capital.", "predatory project", False),
    # reported without quotation marks: the outlet's paraphrase, not the speaker's word
    ("The minister said that Russia was pursuing a predatory project in the region.",
     "predatory project", False),
])
def test_quote_of_the_term_alone_is_the_speakers_inside_an_attribution(lex, text, term, quoted):
    doc, attr = _attr(text)
    res = find_terms(doc, lexicon=lex, attributed=attr)
    hit = next(h for h in res.hits if h.text == term)
    assert hit.quoted is quoted
    # evidence and the flag agree
    ev = next(e for e in res.evidence if e.start == hit.start)
    assert ("Inside a quotation" in (ev.explanation or "")) is quoted
    # without the attributions a quote around the term alone is taken for a scare quote
    plain = find_terms(doc, lexicon=lex)
    assert next(h for h in plain.hits if h.text == term).quoted is False
    # spans work as well as the result; counts do not depend on the flag
    spans = [(a.content_start, a.content_end) for a in attr.attributions if a.quote_type != "scare"]
    by_spans = find_terms(doc, lexicon=lex, attributed=spans)
    assert [(h.text, h.quoted) for h in by_spans.hits] == [(h.text, h.quoted) for h in res.hits]
    assert res.category_counts == plain.category_counts


def test_attributed_spans_decide_and_scare_attributions_do_not_count(lex):
    text = "Officials in Bamako called the rebels a “coalition of terrorists” yesterday."
    doc = analyze(text)
    a = text.index("“coalition")
    b = text.index("”", a) + 1
    assert find_terms(doc, lexicon=lex, attributed=[(a - 4, b)]).hits[-1].quoted is True
    assert find_terms(doc, lexicon=lex, attributed=[(a + 3, b)]).hits[-1].quoted is False  # cuts the quote
    assert find_terms(doc, lexicon=lex, attributed=[]).hits[-1].quoted is False

    # a scare "attribution" is the writer's own: it does not make the quote a speaker's
    doc2, attr = _attr("The “predatory project” of Russia was the talk of the capital.")
    assert [x.quote_type for x in attr.attributions if x.content_start < 25] == ["scare"]
    assert find_terms(doc2, lexicon=lex, attributed=attr).hits[0].quoted is False
    with pytest.raises(TypeError, match="'attributed' parameter"):
        find_terms(doc, lexicon=lex, attributed=[(1, 2, 3)])
    with pytest.raises(TypeError, match="'attributed' parameter"):
        find_terms(doc, lexicon=lex, attributed=5)


def test_labels_count_uses_inside_quotations(lex):
    text = ("Officials called the rebels a “coalition of terrorists”, and the army said the "
            "“coalition of terrorists” had fled. The coalition of terrorists is gone.")
    doc, attr = _attr(text)
    res = find_terms(doc, lexicon=lex, attributed=attr)
    hits = [h for h in res.hits if h.entry_id == "lt.coalition_terrorists"]
    assert [h.quoted for h in hits] == [True, True, False]
    (choice,) = [c for c in res.labels if c.entry_id == "lt.coalition_terrorists"]
    assert (choice.count, choice.quoted) == (3, 2)
    lf = labels_frame({"a1": res}, outlets={"a1": "X"})
    assert list(lf.columns) == C.LABELS
    row = lf[lf.entry_id == "lt.coalition_terrorists"]
    assert (row["count"].item(), row["quoted"].item()) == (3, 2)
    tab = label_choices(lf)
    assert tab.loc[tab.label == "coalition of terrorists", "quoted"].item() == 2
    # a labels frame of an older version, without the column: none known to be quoted
    old = label_choices(lf.drop(columns="quoted"))
    assert old.loc[old.label == "coalition of terrorists", ["count", "quoted"]].values.tolist() == [[3, 0]]


def test_scores_mark_quoted_labels_and_terms():
    """The scorer hands its attributions to find_terms: the labels frame and the evidence agree."""
    from framecmp import Corpus, score
    from framecmp.io.corpus import make_article

    art = make_article("a", "X", "Commentator Jean Dupont accused Russia of pursuing a “predatory project” "
                                 "in the region. The army described the group as a “coalition of terrorists”.")
    sc = score(Corpus([art]))
    ev = sc.evidence[sc.evidence["kind"] == "term"].set_index("text")["explanation"]
    assert "Inside a quotation" in ev["predatory project"]
    assert "Inside a quotation" in ev["coalition of terrorists"]
    lab = sc.labels.set_index("label")
    assert (lab.loc["coalition of terrorists", "count"], lab.loc["coalition of terrorists", "quoted"]) == (1, 1)


def test_a_direct_quote_of_the_term_alone_is_the_speakers_word(lex):
    from framecmp.measures.attribution import (
        extract_attributions,
        load_attribution_config,
    )

    doc = analyze("“Junta,” Macron said.")
    attr = extract_attributions(doc, config=load_attribution_config())
    hits = find_terms(doc, lexicon=lex, attributed=attr).hits
    assert [(h.text, h.quoted) for h in hits] == [("Junta", True)]
