"""Display names for ids shown to teachers."""

from framecmp.present import display as D


def test_actor_names_from_index_and_fallback():
    assert D.actor_name("burkina_faso") == "Burkina Faso"
    assert D.actor_name("tuareg_rebels") == "Tuareg rebels"
    assert D.actor_name("terrorists") == "Armed groups"  # the neutral name, not the id
    assert D.actor_name("military_government") == "Military governments (several or unnamed)"
    assert D.actor_name("sahel_juntas_of_old") == "Sahel juntas of old"  # unknown id: fallback
    assert D.actor_name(None) == ""


def test_holders_categories_metrics_languages():
    assert D.holder_name("author") == "the outlet's own voice"
    assert D.holder_name("unknown") == "an unidentified speaker or actor"
    assert D.holder_name("mali") == "Mali"
    assert D.category_name("armed_group_label") == "Labels for armed groups"
    assert D.category_name("brand_new_kind") == "Brand new kind"
    assert D.metric_unit("hedge_rate") == "per 1,000 words"
    assert "0–1" in D.metric_unit("anonymous_share")
    assert D.metric_label("anonymous_share").startswith("Anonymous sources (")
    assert D.language_name("fr") == "French"
    assert D.language_name("fr-FR") == "French"
    assert D.language_name("xx") == "xx"
