"""Stance that speaks (issue 16): every mention evaluated, holders, portrayal and the victim rule.

The seed pins are the evaluations a careful reader of the five seed articles sees; the short
texts are the examples of the issue. A known failure is an xfail(strict=True), not a
missing case.
"""

from __future__ import annotations

import pandas as pd
import pytest

import framecmp as fc
from framecmp import schema
from framecmp.measures.actors import load_actors
from framecmp.measures.stance.portrayal import ROLES


@pytest.fixture(scope="module")
def seeds() -> fc.Scores:
    return fc.score(fc.load_seeds(), progress=False)


def _score(text: str, *, actors: object = None, title: str | None = None) -> fc.Scores:
    frame = pd.DataFrame({"id": ["t"], "outlet": ["o"], "text": [text], "title": [title or ""]})
    return fc.score(fc.load_dataframe(frame), progress=False, actors=actors)


def _stance(s: fc.Scores, article: str, holder: str, target: str) -> float:
    st = s.stance
    row = st[(st.article_id == article) & (st.holder == holder) & (st.target == target)]
    assert len(row) == 1, st[st.article_id == article][["holder", "target", "n", "stance"]]
    return float(row["stance"].iloc[0])


def _role(s: fc.Scores, article: str, actor: str) -> str:
    p = s.portrayal
    return str(p[(p.article_id == article) & (p.actor == actor)]["role"].iloc[0])


# --------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize(
    ("article", "holder", "target", "sign"),
    [
        # Anadolu: the Malian official's "increased and strengthened partnerships" with Russia
        ("seed-000", "mali", "russia", +1),
        ("seed-000", "mali", "ukraine", -1),  # cut relations after accusing Kiev
        # Sputnik: Bamako sees Moscow as a reliable partner; Macron's "predatory project"
        ("seed-001", "mali", "russia", +1),
        ("seed-001", "france", "russia", -1),
        ("seed-001", "mali", "france", -1),  # accused Paris of supporting terrorist groups
        # Une Plume du Mali: gratitude to Russia; ECOWAS an "instrument of foreign powers"
        ("seed-002", "mali", "russia", +1),
        ("seed-002", "mali", "ecowas", -1),
        # RT: Bamako, Niamey and Ouagadougou severed ties with France
        ("seed-003", "mali", "france", -1),
        ("seed-003", "niger", "france", -1),
        ("seed-003", "burkina_faso", "france", -1),
        # the Nigerian site: military ties with Senegal; Mali has left ECOWAS
        ("seed-004", "mali", "senegal", +1),
        ("seed-004", "mali", "ecowas", -1),
        # Une Plume du Mali: "Mali's request for the withdrawal of Minusma" (+0.87 before the
        # cue: the gratitude to Russia earlier in the sentence was read for Minusma)
        ("seed-002", "mali", "minusma", -1),
        # RT: Diop quotes Russia's resolve "to jointly defeat the common enemy" (+0.13 while the
        # engine read the praise of the allies around the label as +0.76 for the enemy)
        ("seed-003", "mali", "terrorists", -1),
        # Sputnik: "its choice of Moscow as a partner" (-0.54 for Russia from "does not", "sanctions")
        ("seed-001", "mali", "russia", +1),
    ],
)
def test_seed_evaluations_have_the_sign_a_reader_sees(seeds, article, holder, target, sign):
    assert _stance(seeds, article, holder, target) * sign > 0


def test_seed_portrayals(seeds):
    assert _role(seeds, "seed-003", "russia") == "protagonist"  # RT on Russia's support
    assert _role(seeds, "seed-003", "france") == "antagonist"
    assert _role(seeds, "seed-001", "france") == "antagonist"
    # Wagner contractors "were killed in an attack": victims, not hostility toward Wagner
    assert _role(seeds, "seed-003", "wagner") == "victim"
    # Anadolu: "the Sudanese Republic which later broke after Senegal withdrew from the
    # federation" is history, not hostility (Senegal was an antagonist at -0.59)
    assert _role(seeds, "seed-000", "senegal") == "neutral"


@pytest.mark.parametrize(("text", "kept"), [
    # what is said of the group itself is its evaluation, label or not (review)
    ("The jihadists won popular support by providing justice and protection in rural areas.", True),
    ("The bandits were successful and well organised.", True),
    # a passive or a perfect is something done to them: still covered (third review)
    ("The terrorists have been defeated and peace has returned to the region.", False),
    ("The jihadists were driven out and stability was restored thanks to the army.", False),
])
def test_a_positive_reading_of_an_enemy_label_is_kept_only_for_its_subject(text, kept):
    ev = _score(text).evidence
    engine = ev[(ev.kind == "evaluation") & (ev.category != "label")]
    assert len(engine) == 1
    assert bool(engine.category.iloc[0] != "covered" and engine.value.iloc[0] > 0) is kept


def test_the_one_who_chose_a_partner_is_not_read_from_its_words(seeds):
    """Sputnik: "Bamako does not intend to 'justify' its choice of Moscow as a partner" is
    Mali -> Russia; Bamako and "its" hold the choice (Bamako read -0.57 from "not", "sanctions")."""
    ev = seeds.evidence
    rows = ev[(ev.article_id == "seed-001") & (ev.kind == "evaluation") & ev.text.isin(["Bamako", "its"])
              & (ev.start.between(3400, 3500))]
    assert len(rows) == 2 and set(rows.category) == {"covered"}


def test_a_positive_reading_around_an_enemy_label_is_not_counted(seeds):
    ev = seeds.evidence
    rows = ev[(ev.article_id == "seed-003") & (ev.kind == "evaluation") & (ev.text == "common enemy")]
    assert set(rows.category) == {"covered", "label"}
    assert "presents terrorists as an enemy" in rows[rows.category == "covered"].explanation.iloc[0]
    assert rows[rows.category == "label"].value.iloc[0] < 0


def test_portrayal_frame_shape_and_trace(seeds):
    p = seeds.portrayal
    assert list(p.columns) == schema.PORTRAYAL
    assert set(p["role"]) <= set(ROLES)
    assert p["score"].between(-1, 1).all()
    ev = seeds.evidence
    counted = ev[ev.kind.isin(["stance", "evaluation", "victim"]) & ~ev.category.isin(["setting", "covered"])]
    n = counted.groupby(["article_id", "actor"]).size()
    for row in p.itertuples():
        assert n.get((row.article_id, row.actor), 0) == row.n_evidence, (row.article_id, row.actor)
    for e in ev[ev.kind.isin(["stance", "evaluation", "victim"])].itertuples():
        text = seeds.corpus[e.article_id].text if hasattr(seeds.corpus, "__getitem__") else None
        if text is not None:
            assert text[e.start:e.end] == e.text


def test_a_victim_is_never_an_antagonist(seeds):
    ev = seeds.evidence
    for row in seeds.portrayal[seeds.portrayal.role == "victim"].itertuples():
        blame = ev[(ev.article_id == row.article_id) & (ev.actor == row.actor) & (ev.kind == "stance")
                   & (ev.value.astype(float) < 0)]
        assert blame.empty
    s = _score("Wagner contractors were killed in an attack in northern Mali. "
               "Two more Wagner fighters were wounded near Gao.")
    assert _role(s, "t", "wagner") == "victim"
    assert _stance(s, "t", "author", "mali") == 0  # where it happened: a setting, not an evaluation


@pytest.mark.parametrize("text", [
    "Mali has been embroiled in a jihadist insurgency since 2012.",
    "Mali is plagued by attacks on its army.",
    "Mali was hit by floods last year.",
    # harm before "of" is still harm (only "X of killing" and "X's killing of" are not)
    "Two Malian soldiers died of their wounds on Monday.",
    "Malian civilians bore the brunt of the ECOWAS sanctions.",
    "Malian members of parliament were kidnapped.",
])
def test_an_actor_embroiled_in_or_plagued_by_violence_is_a_victim(text):
    assert _role(_score(text), "t", "mali") == "victim"


def test_a_demonym_that_qualifies_an_unknown_holder_is_not_evaluated():
    """"The former French colonies have hailed Russia": the praise is the colonies', and it
    is no evaluation of France."""
    ev = _score("The former French colonies have hailed Russia as a friendly ally.").evidence
    fr = ev[(ev.actor == "france") & ev.kind.isin(["evaluation", "stance"])]
    assert list(fr.category) == ["covered"] and (fr.value.astype(float) == 0).all()
    assert "qualifies the one who holds" in fr.explanation.iloc[0]
    # seed 003: the demonym of a harmed company is not the outlet's word on Russia (whatever
    # the spaces between)
    for gap in (" ", "  ", "\u00a0"):
        ev = _score(f"Dozens of contractors from the Russian{gap}private military company (PMC) Wagner "
                    "Group were killed in an attack.").evidence
        ru = ev[(ev.actor == "russia") & ev.kind.isin(["evaluation", "stance"])]
        assert list(ru.category) == ["covered"] and "harmed here" in ru.explanation.iloc[0], gap
    # a demonym in another clause is no part of the holder
    ev = _score("Amid the chaotic French withdrawal, protesters hailed Russia.").evidence
    fr = ev[(ev.actor == "france") & ev.kind.isin(["evaluation", "stance"])]
    assert "covered" not in set(fr.category)


@pytest.mark.parametrize(("text", "actor"), [
    ("Fighters were killed in an attack near the country's border with Algeria.", "algeria"),
    ("Russia moved troops near Ukraine.", "ukraine"),
    ("Deadly protests spread across Mali.", "mali"),
])
def test_a_place_near_or_across_which_it_happens_is_a_setting(text, actor):
    ev = _score(text).evidence
    row = ev[(ev.actor == actor) & (ev.kind == "evaluation")]
    assert list(row.category) == ["setting"] and (row.value.astype(float) == 0).all()


@pytest.mark.parametrize("text", [
    "Mali suffered throughout the French occupation.",
    "Soldiers gathered near the French base.",
])
def test_a_demonym_after_near_or_throughout_modifies_a_noun_and_is_no_setting(text):
    ev = _score(text).evidence
    row = ev[(ev.actor == "france") & (ev.kind == "evaluation")]
    assert "setting" not in set(row.category)


def test_actors_joined_by_and_in_a_killed_subject_are_victims(seeds):
    """Seed 003: "dozens of Malian soldiers and contractors from the Russian private military
    company (PMC) Wagner Group were killed": Mali and Wagner are victims; Russia, which only
    names the company, is not."""
    ev = seeds.evidence
    victims = ev[(ev.article_id == "seed-003") & (ev.kind == "victim")]
    assert {"mali", "wagner"} <= set(victims.actor)
    assert "russia" not in set(victims.actor)
    s = _score("Malian soldiers and Wagner fighters were killed near Gao. Mali accused the rebels.")
    assert {"mali", "wagner"} <= set(s.evidence[s.evidence.kind == "victim"].actor)
    s = _score("Malian troops attacked the camp and Wagner fighters were killed.")
    assert "mali" not in set(s.evidence[s.evidence.kind == "victim"].actor)


def test_a_sentence_with_a_cue_for_an_actor_is_not_counted_again_by_the_engine(seeds):
    """Sputnik: "Maiga stressed that Russia defends the interests of his country ... cooperation
    with Moscow, arguing that before Malian-Russian cooperation ... Muslims were being killed":
    the cues decide that sentence for Russia; the engine's reading of "Malian-Russian" (grim
    words around it) is shown as covered, counted nowhere."""
    ev = seeds.evidence
    cov = ev[(ev.category == "covered") & (ev.actor == "russia") & ~ev.explanation.str.contains("qualifies")]
    assert len(cov) >= 1 and (cov.value.astype(float) == 0).all()
    assert cov.explanation.str.contains("already evaluates russia").all()
    for r in cov.itertuples():  # a cue for the same actor in the same sentence
        same = ev[(ev.article_id == r.article_id) & (ev.sentence == r.sentence) & (ev.kind == "stance")
                  & (ev.actor == "russia")]
        assert not same.empty
    s = _score("ECOWAS praised Mali, and Mali thanked ECOWAS for the aid after deadly floods.")
    assert set(s.evidence[s.evidence.category == "covered"].actor) <= {"mali", "ecowas"}


def test_a_user_actor_left_under_water_is_a_victim():
    actors = load_actors(extra={"entries": [{"id": "venice", "name": "Venice"}]}, replace=True)
    s = _score("Much of Venice was left under water after the highest tide in 50 years.", actors=actors)
    assert _role(s, "t", "venice") == "victim"


# --------------------------------------------------------------------------- which actor


def _cue_targets(s: fc.Scores) -> set[tuple[str, str]]:
    ev = s.evidence[s.evidence.kind == "stance"]
    return {(str(e.actor), str(e.text)) for e in ev.itertuples()}


def test_a_label_in_apposition_is_about_the_head_not_the_demonym():
    s = _score("ECOWAS, a French puppet, tried to intervene in Niger.")
    assert ("ecowas", "puppet") in _cue_targets(s)
    assert ("france", "puppet") not in _cue_targets(s)


def test_a_label_before_another_noun_is_about_that_noun():
    s = _score("Mali has taken back its gold from predatory Western miners.")
    assert not any(t == "mali" for t, _ in _cue_targets(s))
    # nor does the engine read the miners' label as the outlet's word on Mali (or on "its")
    ev = s.evidence[(s.evidence.kind == "evaluation") & (s.evidence.actor == "mali")]
    assert len(ev) == 2 and not ev.explanation.str.contains("predatory").any()


def test_mali_taking_back_its_gold_is_no_antagonist():
    # the outlet presents Mali favourably; the linear engine still reads its two mentions a
    # little negative (-0.21, -0.28 with the model of 2026-12-06 chosen on the teacher's
    # held-out split; -0.29, -0.40 before, an antagonist), but no longer as hostility
    s = _score("Mali has taken back its gold from predatory Western miners.")
    assert _role(s, "t", "mali") != "antagonist"


@pytest.mark.parametrize(("text", "actor", "label"), [
    ("Russia is a predatory power in Africa.", "russia", "predatory"),
    ("Russia, a predatory power, signed the deal.", "russia", "predatory"),
    ("Russia has become a predatory power in the Sahel.", "russia", "predatory"),
    ("ECOWAS is seen as a French puppet organisation.", "ecowas", "puppet"),
    ("Wagner, a Russian mercenary group, arrived.", "wagner", "mercenary"),
    ("Russia is effectively a rogue state actor.", "russia", "rogue state"),
    ("Mali hired the mercenary group Wagner.", "wagner", "mercenary"),
    ("Russia sent mercenaries 10 years ago.", "russia", "mercenaries"),
    ("Critics call France a neocolonial power.", "france", "neocolonial"),
    ('France "is a predatory power that loots Africa," Goita told reporters.', "france", "predatory"),
])
def test_a_label_of_a_noun_the_actor_is_stays_the_actors(text, actor, label):
    """Apposition and copula: the noun the label describes is the actor."""
    assert (actor, label) in _cue_targets(_score(text))


@pytest.mark.parametrize(("text", "actor"), [
    ("Niger, according to France, is an illegitimate regime.", "france"),
    ("Mali, which relies on Russia, is a puppet state.", "russia"),
    ("Mali, backed by Russia, is now a pariah state.", "russia"),
    ("France is seen by many Malians as a neocolonial power.", "mali"),
    ("Mali is not a puppet state.", "mali"),
    ("Russia has proxy forces in Libya.", "russia"),
    ("Mali has puppet leaders installed by Moscow.", "mali"),
    ("Mali is the victim of predatory Western miners.", "mali"),
])
def test_a_label_of_another_noun_phrase_is_not_the_actors(text, actor):
    """A name inside an aside, the agent of a passive, a negated copula, possession: the label
    is not the actor's (these stay silent rather than wrong)."""
    labels = {"illegitimate", "puppet", "pariah", "neocolonial", "proxy", "predatory"}
    assert not {(a, t) for a, t in _cue_targets(_score(text)) if t in labels and a == actor}


def test_the_organization_refers_back_to_the_organisation_named_last():
    s = _score("Returning to Mali's withdrawal from ECOWAS, the Minister of Foreign Affairs Abdoulaye "
               "Diop considered the organization as an “instrument of foreign powers”.")
    assert _stance(s, "t", "mali", "ecowas") < 0
    assert ("mali", "instrument of foreign powers") not in _cue_targets(s)


def test_a_word_of_a_name_is_no_description_of_another_organisation():
    """Seed 000: "the Economic Community" starts ECOWAS's own name; it was read as "the
    community" named last (AES), so leaving ECOWAS became an act against the AES."""
    s = _score("Burkina Faso, Mali, and Niger, under the AES, have created a joint force.\n"
               "The three nations withdrew from the Economic Community of West African States (ECOWAS) "
               "regional bloc. The regional bloc regretted it.")
    st = s.evidence[s.evidence.kind == "stance"]
    assert set(st[st.rule_id == "sc.withdraw_from"]["actor"]) == {"ecowas"}
    assert "aes" not in set(s.evidence[s.evidence.start > 90]["actor"].dropna())


@pytest.mark.parametrize(("text", "expected"), [
    # the organisation named right after a description is the one it describes
    ("Mali formed the AES in 2023. In January, Mali quit the regional bloc ECOWAS.",
     {("mali", "ecowas", "sc.withdraw_from")}),
    # not a country named after it, and "of" after it is no name
    ("ECOWAS imposed sanctions on Mali. Niger later criticised the bloc Mali left.",
     {("niger", "ecowas", "sc.condemn")}),
    ("ECOWAS imposed sanctions on Mali. Mali accused the bloc of serving foreign powers.",
     {("mali", "ecowas", "sc.accuse_of")}),
    # "the organisation of ..." in another sense
    ("ECOWAS imposed sanctions on Mali. Niger criticised the organisation of the elections.", set()),
    ("ECOWAS imposed sanctions on Mali. Niger criticised the organisation of upcoming elections.", set()),
    # an -ing word after it is a gerund after "accused" only
    ("ECOWAS imposed sanctions on Mali. Bamako accused the organisation of following orders from Paris.",
     {("mali", "ecowas", "sc.accuse_of")}),
    ("ECOWAS imposed sanctions on Mali. Niger criticised the organisation of existing institutions.", set()),
    ("France, criticised by the junta for years, withdrew its troops.",
     {("military_government", "france", "sc.condemn")}),
    # a capitalised description is a name no actor list knows
    ("Mali left ECOWAS last year. The Organisation of Islamic Cooperation criticised Mali.",
     {("unknown", "mali", "sc.condemn")}),
])
def test_which_organisation_a_description_refers_to(text, expected):
    ev = _score(text).evidence
    got = {(e.holder, e.actor, e.rule_id) for e in ev[ev.kind == "stance"].itertuples()
           if e.rule_id != "sc.withdraw_from" or "quit" in str(e.text)}
    assert got == expected


def test_partnerships_with_countries_such_as_russia():
    s = _score("A senior Mali military official told Anadolu that the administration had “increased "
               "and strengthened partnerships” with countries such as Russia and China.")
    assert _stance(s, "t", "mali", "russia") > 0
    assert _stance(s, "t", "mali", "china") > 0


def test_an_act_is_held_by_its_subject_even_through_a_label():
    s = _score("Mali's junta has ruled since 2020. The transitional authorities thanked their "
               "Russian partners.")
    ev = s.evidence[(s.evidence.kind == "stance") & (s.evidence.actor == "russia")]
    assert set(ev["holder"]) == {"mali"}


def test_label_words_in_indirect_speech_stay_the_outlets():
    s = _score("Mali's junta announced that Wagner mercenaries would leave the country.")
    ev = s.evidence[(s.evidence.actor == "wagner") & s.evidence.kind.isin(["stance", "evaluation"])]
    label = ev[ev.text.str.contains("mercenar")]
    assert not label.empty and set(label["holder"]) == {"author"}


def test_quoted_label_is_the_speakers():
    s = _score("Macron accused Russia of pursuing a “predatory project” in Mali, he said.")
    ev = s.evidence[(s.evidence.kind == "stance") & (s.evidence.text == "predatory project")]
    assert set(ev["holder"]) == {"france"}


def test_every_mention_is_evaluated_with_its_words():
    s = _score("Russia is a reliable partner of Mali. Moscow sent more instructors to Bamako.")
    ev = s.evidence[s.evidence.kind.isin(["stance", "evaluation", "victim"])]
    mentioned = s.mentions[["start", "end"]].apply(tuple, axis=1)
    assert set(mentioned) <= set(ev[["start", "end"]].apply(tuple, axis=1)) | {
        (int(e.start), int(e.end)) for e in s.evidence[s.evidence.kind == "stance"].itertuples()
    } or len(ev) >= len(mentioned)
    engine = ev[ev.kind == "evaluation"]
    assert (engine["explanation"].str.contains("words:") | (engine["category"] != "linear")).all()


# --------------------------------------------------------------------------- bad input


def test_bad_input_gives_results_not_errors():
    # an actor with no mention: no portrayal row for it
    s = _score("Nothing here names a country.")
    assert s.portrayal.empty
    # a mention in the title only (the headline line of the text)
    s = _score("Mali and Russia sign a deal\n\nThe meeting was short.", title="Mali and Russia sign a deal")
    assert {"mali", "russia"} <= set(s.portrayal["actor"])
    # one sentence of 2,000 words naming 40 actors, and a text where every sentence names Mali
    names = ["France", "Russia", "Mali", "Niger", "ECOWAS", "Senegal", "Ukraine", "China"] * 5
    words = " ".join(f"{n} and the others met" for n in names)
    long = (words + " ") * (2000 // len(words.split()) + 1)
    s = _score(long.strip() + ".")
    assert s.articles["status"].iloc[0] == "ok" and len(s.portrayal) >= 8
    s = _score(" ".join(["Mali signed a deal."] * 300))
    assert s.portrayal.set_index("actor").loc["mali", "n_mentions"] == 300


def test_the_one_who_accuses_is_not_evaluated_by_the_accusations_words():
    s = _score("The Malian transitional government accused Paris of supporting terrorist groups "
               "inside the country.")
    ev = s.evidence
    mali = ev[(ev.actor == "mali") & ev.kind.isin(["evaluation", "stance"])]
    assert len(mali) >= 1 and set(mali["category"]) == {"covered"}
    assert (mali["value"] == 0).all()
    assert "holds the cue 'accused' aimed at france" in mali["explanation"].iloc[0]
    cue = ev[(ev.kind == "stance") & (ev.actor == "france")]
    assert set(cue["holder"]) == {"mali"} and (cue["value"] < 0).all()
    # the accuser's portrayal is not pulled down by the words of its accusation
    p = s.portrayal
    assert float(p[p.actor == "mali"]["score"].iloc[0]) == 0.0


def test_the_speaker_named_before_its_quoted_words_is_not_evaluated_by_them(seeds):
    # seed-001: 'but Bamako "rejected the French dictate,"' (the words are Mali's, about France)
    ev = seeds.evidence
    row = ev[(ev.article_id == "seed-001") & (ev.actor == "mali") & (ev.text == "Bamako")
             & ev.explanation.str.contains("rejected", regex=False)]
    assert len(row) == 1 and row["category"].iloc[0] == "covered" and row["value"].iloc[0] == 0


def test_an_actor_others_are_linked_to_acts_and_is_no_victim(seeds):
    # seed-001: "terrorist and bandit activities, mainly carried out by terrorist groups linked to
    # Daesh* and Al-Qaeda*": Daesh is who the attackers side with, not who suffers
    assert _role(seeds, "seed-001", "islamic_state_sahel") != "victim"
    ev = seeds.evidence
    # "the Sahel region, where Mali is located": Mali is the place
    mali = ev[(ev.article_id == "seed-001") & (ev.actor == "mali") & (ev.kind == "evaluation")
              & (ev.sentence == 22)]
    assert list(mali["category"]) == ["setting"] and mali["value"].iloc[0] == 0


@pytest.mark.parametrize("text", [
    "Thousands of villagers fled because of Russia’s brutal offensive.",
    "The militias allied with Russia burned the villages and killed dozens of people.",
])
def test_the_owner_of_an_act_and_the_one_others_side_with_act(text):
    s = _score(text)
    assert _role(s, "t", "russia") != "victim"


@pytest.mark.parametrize(("text", "actor"), [
    ("Kiev has denied any wrongdoing.", "ukraine"),  # seed-000, sentence 16
    ("Paris has denied supporting terrorist groups.", "france"),
    ("Wagner denied any involvement in the massacre.", "wagner"),
    ("France rejected accusations that it armed jihadists.", "france"),
    ("Moscow denies that its soldiers killed civilians.", "russia"),
    ("Mali's junta has denied any wrongdoing.", "mali"),  # every name of the denier before the verb
    ("Paris rejected Bamako's accusations that French troops armed jihadists.", "france"),
])
def test_a_denial_is_no_evaluation_of_the_one_who_denies(text, actor):
    s = _score(text)
    ev = s.evidence
    own = ev[(ev.actor == actor) & ev.kind.isin(["evaluation", "stance"])]
    labels = own[own["category"] == "label"]  # "junta": the outlet's word, evaluated as such
    own = own[own["category"] != "label"]
    assert len(own) >= 1 and set(own["category"]) == {"covered"} and (own["value"] == 0).all()
    assert "denies what is said of it" in own["explanation"].iloc[0]
    if labels.empty:
        assert _role(s, "t", actor) == "neutral"


@pytest.mark.parametrize(("text", "actor"), [
    ("The UN said Mali denied any involvement in the killings.", "un"),  # the reporter denies nothing
    ("The junta denied landing rights to French military aircraft.", "military_government"),
    ("Wagner was denied any role in the Algiers peace talks.", "wagner"),  # refused, not denying
])
def test_what_is_no_denial_of_an_accusation(text, actor):
    ev = _score(text).evidence
    own = ev[(ev.actor == actor) & (ev.kind == "evaluation")]
    assert len(own) >= 1 and "covered" not in set(own["category"])


def test_a_denial_covers_its_clause_only():
    s = _score("Russia denied any involvement, but Russian mercenaries have been accused of abuses.")
    ev = s.evidence
    # the second clause counts for Russia: an accusation by someone unnamed (the denial ends
    # at ", but"), not covered by the denial of the first
    later = ev[(ev.actor == "russia") & (ev.start > 30) & ev.kind.isin(["evaluation", "stance"])]
    assert len(later) == 1 and later["category"].iloc[0] != "covered" and later["value"].iloc[0] < 0
    assert later["holder"].iloc[0] == "unknown"


def test_a_possessive_acts_only_before_an_act():
    # "Russia's embassy" is attacked, not acting; "Russia's offensive" is Russia acting
    s = _score("Jihadists attacked Russia's embassy and killed two guards.")
    assert _role(s, "t", "russia") != "antagonist"


def test_a_denial_needs_an_accusation_after_the_verb():
    # "denied climate change": what is denied is no accusation of the one who denies
    s = _score("Vladimir Putin denied climate change is real.")
    ev = s.evidence
    own = ev[(ev.actor == "russia") & (ev.kind == "evaluation")]
    assert "covered" not in set(own["category"])


def test_the_speaker_named_right_after_its_quotation_is_not_evaluated_by_it():
    s = _score('Mali\'s transitional government "firmly condemns the French neo-colonial arrogance", '
               "Colonel Assimi Goita said.")
    ev = s.evidence
    goita = ev[(ev.actor == "mali") & (ev.text.str.contains("Goita")) & (ev.kind == "evaluation")]
    assert list(goita["category"]) == ["covered"] and goita["value"].iloc[0] == 0
    # a clause of its own after the speaker is read as usual
    s2 = _score('"We condemn France\'s meddling," said Goita, who then praised Mali\'s army.')
    later = s2.evidence[(s2.evidence.actor == "mali") & (s2.evidence.text == "Mali")
                        & (s2.evidence.kind == "evaluation")]
    assert len(later) == 1 and later["category"].iloc[0] != "covered"


@pytest.mark.parametrize("text", [
    "Washington demanded the withdrawal of troops from Niger.",  # Niger is where, not who leaves
    "Mali demanded the withdrawal of aid to Niger.",
])
def test_a_demanded_withdrawal_is_aimed_only_at_what_is_withdrawn(text):
    ev = _score(text).evidence
    assert not (ev.rule_id == "sc.demand_withdrawal").any()


def test_minusma_spelled_out_is_minusma_not_the_un(seeds):
    # "withdrawal of Minusma (United Nations Integrated Mission in Mali)": one actor, not
    # a second mention of the UN read through "gratitude" earlier in the sentence
    m = seeds.mentions
    spelled = m[(m.article_id == "seed-002") & m.text.str.startswith("United Nations Integrated")]
    assert list(spelled.actor) == ["minusma"]
    assert not ((m.article_id == "seed-002") & (m.actor == "un")).any()


def test_the_fighters_of_a_named_group_are_that_group():
    # the example: Wagner's fighters, accused of killing, are neither the armed groups
    # the text does not name nor victims of the killing
    s = _score("Human rights groups accused the Wagner fighters of killing civilians in Moura.")
    assert set(s.portrayal.actor) == {"wagner"} and _role(s, "t", "wagner") == "antagonist"
    assert not (s.evidence.kind == "victim").any()
    # "JNIM militants": one mention of JNIM; the outlet's word "militants" is a label for JNIM
    s = _score("JNIM militants attacked the Malian army.")
    assert "terrorists" not in set(s.mentions.actor)
    label = s.evidence[(s.evidence.rule_id == "lt.militants") & (s.evidence.kind == "evaluation")]
    assert list(label.actor) == ["jnim"] and (label.value < 0).all()
    # the armed groups the text does not name stay theirs
    s = _score("Militants attacked the Malian army.")
    assert "terrorists" in set(s.mentions.actor)


@pytest.mark.parametrize(("text", "actor"), [
    ("Human rights groups accused the fighters of killing civilians.", "terrorists"),
    ("Mali accused France of murder.", "france"),
    ("Wagner's killing of civilians in Moura shocked the region.", "wagner"),
])
def test_a_charge_of_killing_or_a_killing_done_is_no_victim(text, actor):
    s = _score(text)
    victims = s.evidence[s.evidence.kind == "victim"]
    assert actor not in set(victims.actor)
    assert _role(s, "t", actor) != "victim"


def test_a_demonym_that_says_where_another_actor_is_from_is_not_evaluated():
    s = _score("Malian jihadists attacked the camp.")
    ev = s.evidence[(s.evidence.kind == "evaluation") & (s.evidence.actor == "mali")]
    assert list(ev.label) == ["covered"] and "says where 'jihadists'" in ev.explanation.iloc[0]
    assert _stance(s, "t", "author", "terrorists") < 0


def test_the_agent_of_a_passive_cue_is_not_evaluated_by_its_words():
    # "criticised" is Mali's act toward France, not the outlet's word about Mali
    s = _score("France was criticised by Mali.")
    ev = s.evidence[(s.evidence.actor == "mali") & (s.evidence.kind == "evaluation")]
    assert list(ev.category) == ["covered"]
    assert _stance(s, "t", "mali", "france") < 0


@pytest.mark.parametrize("text", [
    "The attack on Malian troops was condemned.",  # the attack is condemned, Mali is harmed
    "Sanctions against Mali were criticised.",
])
def test_an_actor_inside_a_passive_subject_is_not_its_target(text):
    s = _score(text)
    assert not (s.evidence.kind == "stance").any()
    assert _role(s, "t", "mali") == "victim"


def test_a_verb_between_a_killing_and_an_actor_is_no_killing_of_it():
    s = _score("Wagner's killing shocked Russia.")
    assert "russia" not in set(s.evidence[s.evidence.kind == "victim"].actor)


def test_a_name_on_the_line_before_does_not_own_a_label():
    s = _score("Mali's partners: Russia, Wagner\nMilitants attacked a convoy near Gao.")
    assert "terrorists" in set(s.mentions.actor)
    label = s.evidence[(s.evidence.rule_id == "lt.militants") & (s.evidence.kind == "evaluation")]
    assert list(label.actor) == ["terrorists"]


@pytest.mark.parametrize(("text", "actor"), [
    ("The killing of French soldiers was condemned by Mali.", "france"),  # the killing is condemned
    ("Jihadists killed a hundred Malian soldiers.", "mali"),  # "hundred" is no verb
    ("Gunmen killed two unarmed French aid workers in Niger.", "france"),
])
def test_the_ones_killed_stay_victims(text, actor):
    s = _score(text)
    assert _role(s, "t", actor) == "victim"
    assert not ((s.evidence.kind == "stance") & (s.evidence.actor == actor)).any()


@pytest.mark.parametrize(("text", "actor", "role"), [
    ("The killers of French soldiers were arrested.", "france", "victim"),  # "killers of": harmed
    ("Russia denied killing civilians.", "russia", "neutral"),  # the one said to kill, not killed
    ("The killers of Mali's critics were never punished.", "mali", "neutral"),  # the critics are killed
    ("Jihadists, the killers of Malian soldiers, fled.", "mali", "victim"),
    # a real positive reading of an enemy label is kept: the locals praise the jihadists
    ("The jihadists, praised by locals for restoring order, took the town.", "terrorists", "neutral"),
])
def test_harm_and_asides_around_the_actor(text, actor, role):
    assert _role(_score(text), "t", actor) == role


@pytest.mark.parametrize(("text", "actor", "label"), [
    # the speaker of reported words that hold a cue aimed at another actor: its act, not an
    # evaluation of it (ninth session)
    ("The UN said that Wagner killed civilians.", "un", "covered"),
    ("A UN report found that Wagner killed civilians.", "un", "covered"),
    # a one-word name that only says what a probe is about
    ("Critics condemned the Russia probe.", "russia", "setting"),
])
def test_speakers_and_topic_names_are_not_read_from_the_sentence(text, actor, label):
    s = _score(text)
    ev = s.evidence[(s.evidence.kind == "evaluation") & (s.evidence.actor == actor)]
    assert list(ev.category) == [label]


@pytest.mark.parametrize(("text", "actor"), [
    # not a topic: a verb after two subjects, a seat of power that runs its inquiry, a pronoun
    ("Mali and Niger question the legitimacy of ECOWAS sanctions.", "niger"),
    ("The Kremlin inquiry cleared Wagner of wrongdoing.", "russia"),
    ("Mali defended its investigation into the massacre.", "mali"),
])
def test_not_every_name_before_a_topic_noun_is_a_topic(text, actor):
    s = _score(text)
    ev = s.evidence[(s.evidence.kind == "evaluation") & (s.evidence.actor == actor)]
    assert len(ev) and "setting" not in set(ev.category)


def test_a_speech_word_in_an_aside_leaves_the_victim():
    s = _score("Soldiers from Mali, according to witnesses, were killed by jihadists.")
    assert "mali" in set(s.evidence[s.evidence.kind == "victim"].actor)


@pytest.mark.parametrize(("text", "actor"), [
    ("The minister warned Mali would face sanctions.", "mali"),  # undergoing, not doing
    ("Observers noted France lost influence in the region.", "france"),
    ("The UN said Mali was vulnerable to attacks.", "mali"),  # "be" + an adjective
])
def test_a_reported_subject_that_undergoes_is_no_antagonist(text, actor):
    assert _role(_score(text), "t", actor) != "antagonist"


@pytest.mark.parametrize(("text", "speaker", "harmed"), [
    ("The UN said Malian soldiers were killed.", "un", "mali"),
    ("Russia said that France was attacked by jihadists.", "russia", "france"),
])
def test_who_reports_a_harm_is_no_victim_of_it(text, speaker, harmed):
    s = _score(text)
    victims = set(s.evidence[s.evidence.kind == "victim"].actor)
    assert harmed in victims and speaker not in victims


def test_the_subject_of_a_reported_clause_acts():
    # "France had failed Mali" after "said": France is who acts (was read as undergoing)
    s = _score("Russia said France had failed Mali.")
    assert _role(s, "t", "france") != "victim"


def test_a_reported_subject_to_blame_is_no_victim():
    # "be" + an adjective of blame acts ("guilty of", "hostile to"); "be vulnerable" undergoes
    assert _role(_score("France said Wagner was guilty of war crimes."), "t", "wagner") != "victim"
