"""Languages (issue 18): an article the measures cannot read is listed, never scored as English."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import framecmp as fc
from framecmp.cli import main
from framecmp.io.corpus import make_article
from framecmp.io.formats import from_dataframe
from framecmp.io.readers import load_seeds
from framecmp.lexicons import LexiconError, load_lexicon
from framecmp.measures.terms import TERM_SCHEMA, load_terms
from framecmp.present.report import report
from framecmp.present.teach import worksheet
from framecmp.scoring import Scorer
from framecmp.text.language import detect_language

FRENCH = ("« Nous ne partirons pas, la sécurité du pays est notre priorité », a déclaré le Premier "
          "ministre. Les terroristes ont attaqué un camp de l'armée malienne près de Tombouctou, "
          "selon des sources locales qui ont demandé l'anonymat.")
ENGLISH = ("Mali's military government said on Tuesday it had expelled the French ambassador, "
           "the state broadcaster reported. The decision follows months of tension with Paris.")


def _scores(language: list[str | None], texts: list[str] | None = None) -> fc.Scores:
    texts = texts or [FRENCH, ENGLISH]
    df = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "outlet": ["RFI", "Reuters", "X"][: len(texts)],
                       "text": texts, "language": language})
    return fc.score(from_dataframe(df), progress=False)


def test_french_article_is_unsupported_and_not_scored() -> None:
    scores = _scores([None, None])
    arts = scores.articles.set_index("article_id")
    assert arts.loc["a0", "language"] == "fr" and arts.loc["a0", "status"] == "unsupported_language"
    assert arts.loc["a1", "language"] == "en" and arts.loc["a1", "status"] == "ok"
    # in the articles frame with that status and nothing else: no evidence, terms, attributions
    for name in ("evidence", "terms", "attribution", "stance", "labels", "mentions", "voices"):
        frame = getattr(scores, name)
        assert "a0" not in set(frame["article_id"].astype(str)), name
    assert "unsupported_language" in scores.summary()


def test_a_given_language_column_wins() -> None:
    scores = _scores(["en", "fr"])
    arts = scores.articles.set_index("article_id")
    assert arts.loc["a0", "language"] == "en" and arts.loc["a0", "status"] == "ok"  # the user says so
    assert arts.loc["a1", "language"] == "fr" and arts.loc["a1", "status"] == "unsupported_language"


@pytest.mark.parametrize("text", [
    "Mali expels French envoy",
    "Wagner in Bamako",
    "Le Monde: Mali junta",  # a French name in an English headline
    "Goita met Putin.",
    "The Ministre de la Défense de la République du Mali said on Tuesday that it was over.",
    "",
])
def test_short_texts_are_not_called_foreign(text: str) -> None:
    # the rule: a language other than English needs >= 3 of its function words, and twice
    # as many as English ones; a text too short to tell keeps the default, English
    assert detect_language(text, default="en") == "en"


@pytest.mark.parametrize(("text", "code"), [
    ("« Nous restons », a déclaré le Premier ministre.", "fr"),
    ("El gobierno de Malí anunció que los soldados franceses se retirarán del país.", "es"),
    ("Die Regierung von Mali hat angekündigt, dass die Truppen das Land verlassen.", "de"),
    ("Россия и Мали подписали соглашение.", "ru"),
    ("وقعت مالي وروسيا اتفاقية", "ar"),
])
def test_other_languages_are_told(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_seeds_are_english_and_detected() -> None:
    seeds = load_seeds()
    assert {a.language for a in seeds} == {"en"}
    # detected, not only given: the seeds without their language field are English too
    assert {make_article(a.article_id, a.outlet, a.raw_text, title=a.title).language for a in seeds} == {"en"}


def test_lexicons_declare_their_languages(tmp_path: Path) -> None:
    assert load_terms().languages == ("en",)
    assert Scorer().languages == ("en",)
    french = {"name": "mes_termes", "languages": ["fr"], "entries": [
        {"id": "ab.junte", "terms": ["junte"], "category": "government_label", "connotation": -0.5,
         "explanation": "Insiste sur la prise du pouvoir par des soldats.", "source": "classe 9B"}]}
    lex = load_lexicon(french, kind="loaded_terms", schema=TERM_SCHEMA)
    assert lex.languages == ("fr",)
    with pytest.raises(LexiconError, match="languages"):
        load_lexicon({**french, "languages": "French, please"}, kind="loaded_terms", schema=TERM_SCHEMA)


def test_report_and_worksheet_say_so_in_plain_words() -> None:
    scores = _scores([None, None, None], [FRENCH, ENGLISH, ENGLISH.replace("Tuesday", "Monday")])
    html = str(report(scores, plots=False))
    assert "1 article not scored: it is written in French" in html
    sheet = worksheet(scores)
    assert "written in French" in sheet.html and "written in French" in sheet.answer_key_html


def test_cli_prints_one_line_with_the_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"outlet": ["RFI", "Reuters", "Le Monde"], "text": [FRENCH, ENGLISH, FRENCH]}).to_csv(path, index=False)
    assert main(["report", str(path), "-o", str(tmp_path / "r.html"), "--no-progress"]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if "cannot read" in x]
    assert lines == ["Not scored: 2 article(s) in a language framecmp cannot read yet (French 2); the "
                     "articles table lists them with status 'unsupported_language'."]
    assert main(["score", str(path), "-o", str(tmp_path / "frames"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "2 unsupported_language" in out and "Not scored: 2 article(s)" in out
