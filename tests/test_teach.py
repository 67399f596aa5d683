"""Worksheets and answer keys (synthetic Scores from test_html)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_html import TEXTS, _quoted_labels, fake_scores, parse

from framecmp.present.report import report
from framecmp.present.teach import KEY_WARNING, worksheet


def test_highlight_worksheet_structure() -> None:
    ws = worksheet(fake_scores())
    tree = parse(ws.html)
    assert ws.html.count('class="fc-ws-card"') == 2
    assert '<mark class="fc-ws-term">junta</mark>' in ws.html
    assert "<script>" not in ws.html and "&lt;script&gt;" in ws.html
    assert tree.scripts == 0
    assert "@media print" in ws.html and "@page" in ws.html and "grid-template-columns" in ws.html
    # different events: said plainly, on the sheet and in the key
    for doc in (ws.html, ws.markdown, ws.answer_key_html, ws.answer_key_markdown):
        assert "not how the same event is reported" in doc
    assert "**junta** (2)" in ws.markdown and "**transitional authorities** (1)" in ws.markdown
    assert "\\<script\\>" in ws.markdown


def test_questions_name_actors_and_labels() -> None:
    ws = worksheet(fake_scores())
    assert "Who is quoted, and who is not?" in ws.html
    assert "What is stated without attribution" in ws.html
    assert "Which label does each outlet use for Mali?" in ws.html
    # question 1 asks about the outlet's own words and the quoted voices apart
    assert "In its own words (outside quotation marks), which words does each outlet use for " \
        "France" in ws.html
    assert "Which words about France" in ws.html and "come from the people each outlet quotes" in ws.html
    assert "each outlet's view" not in ws.html


def test_blank_worksheet_numbers_blanks_and_key_lists_them() -> None:
    ws = worksheet(fake_scores(), mode="blank")
    assert "junta" not in ws.markdown.split("## Questions")[0].lower().replace(
        "junta hails", "")
    assert "______ (1)" in ws.markdown and "______ (2)" in ws.markdown
    assert "Fill in the blanks (1) to (" in ws.html
    key = ws.answer_key_markdown
    assert KEY_WARNING in key and KEY_WARNING in ws.answer_key_html
    assert "“junta”" in key and "delegitimising" in key
    assert "“transitional authorities”" in key
    # the key lists evidence: stance, voices, unattributed claims, labels
    assert "the outlet's own voice → France" in key and "-0.40" in key
    assert "officials (anonymous, Mali, indirect), cue “said” (neutral)" in key
    assert "mentioned but not quoted: France" in key
    assert "2 claims without attribution" in key
    # the number comes with what it counts
    assert "a claim without attribution is a sentence of the article's body, of six words" in key
    assert "Mali: Sputnik Afrique says “junta”" in key
    parse(ws.answer_key_html)


def test_key_tells_quoted_labels_from_the_outlets_own() -> None:
    key = worksheet(_quoted_labels(fake_scores())).answer_key_markdown
    assert "Mali: Sputnik Afrique says “junta” (2×)" in key
    assert "Mali: Sputnik Afrique quotes “junta” (1×)" in key
    assert "Sputnik Afrique quotes “common enemy” (1×)" in key
    assert "says “common enemy”" not in key


def test_excerpt_keeps_the_sentences_with_most_evidence() -> None:
    ws = worksheet(fake_scores(), max_excerpt_sentences=1)
    assert "Nothing else happened here." not in ws.html
    assert "thanked Russia" in ws.html
    assert "[…]" in ws.html
    full = worksheet(fake_scores(), max_excerpt_sentences=10)
    assert TEXTS["a2"].split("\n")[2] in full.html


def test_event_selection_and_errors() -> None:
    s = fake_scores(events=("E1", "E1"))
    ws = worksheet(s)
    assert "not how the same event is reported" not in ws.html
    assert "How is it reported? E1" in ws.html
    one = worksheet(fake_scores(), event="E2")
    assert one.html.count('class="fc-ws-card"') == 1
    assert worksheet(fake_scores(), outlets=["RFI"]).html.count('class="fc-ws-card"') == 1
    assert worksheet(fake_scores(), articles=["a1"]).html.count('class="fc-ws-card"') == 1
    with pytest.raises(ValueError, match=r"'event' parameter of worksheet\(\) must be one of"):
        worksheet(s, event="E9")
    with pytest.raises(ValueError, match=r"Got \['Nope'\] instead"):
        worksheet(s, outlets=["Nope"])
    with pytest.raises(TypeError, match="single string"):
        worksheet(s, articles="a1")
    with pytest.raises(ValueError, match="'mode'"):
        worksheet(s, mode="blanks")  # type: ignore[arg-type]


def test_save_writes_sheet_and_key(tmp_path: Path) -> None:
    ws = worksheet(fake_scores(), mode="blank")
    written = ws.save(tmp_path / "sheet.html")
    names = sorted(p.name for p in written)
    assert names == ["sheet-answers.html", "sheet-answers.md", "sheet.html"]
    assert (tmp_path / "sheet.html").read_text(encoding="utf-8") == ws.html
    md = ws.save(tmp_path / "sheet.md")
    assert sorted(p.name for p in md) == ["sheet-answers.md", "sheet.md"]
    assert ws._repr_html_().startswith("<style>")


def test_no_scored_article_is_a_clear_error() -> None:
    s = fake_scores()
    broken = type(s)(**{**s.__dict__, "articles": s.articles.assign(status="error")})
    with pytest.raises(ValueError, match="status 'ok'"):
        worksheet(broken)


def test_worksheet_repr_is_short() -> None:
    ws = worksheet(fake_scores())
    text = repr(ws)
    assert text.startswith("Worksheet(2 articles, ") and "mode='highlight'" in text
    assert f"{ws.n_questions} questions" in text and ws.n_questions >= 4
    assert len(text) < 200 and "<" not in text
    assert "Worksheet(2 articles" in repr(worksheet(fake_scores(), mode="blank"))
    assert "mode='blank'" in repr(worksheet(fake_scores(), mode="blank"))
    assert "fc-ws" in ws._repr_html_()


def test_answer_key_names_puffery_once() -> None:
    # the seeds hold no puffery since "Mali celebrated its independence" is no longer one
    from framecmp import Corpus
    from framecmp.io.corpus import make_article
    from framecmp.scoring import score

    sc = score(Corpus([make_article("a", "X", "The celebrated author spoke. Mali celebrated its day.")]),
               progress=False)
    items = [line for line in worksheet(sc).answer_key_markdown.splitlines() if line.startswith("- (")]
    puff = [i for i in items if "puffery" in i]
    assert len(puff) == 1 and "“celebrated”" in puff[0] and "puffery (+0.50). " in puff[0], items
    assert "(puffery)." not in puff[0]


def test_answer_key_says_each_thing_once(seed_scores) -> None:
    ws = worksheet(seed_scores)
    key = ws.answer_key_markdown
    assert "puffery. puffery" not in key and "editorialising. editorializing" not in key
    items = [line for line in key.splitlines() if line.startswith("- (")]
    assert items
    for line in items:
        low = line.lower()
        # the category and the connotation value appear once, not again in the reason
        assert len(re.findall(r"\([+-]\d\.\d\d\)", line)) <= 1, line
        assert "valence" not in low and " -\\> " not in line, line
    # "Notably" (seed 000) has connotation 0: neutral, not a loaded term since issue 18
    assert not any("editorialising (+0.00). " in i for i in items)
    views = key.split("## Views")[1].split("## Who")[0]
    assert "valence" not in views and "-\\>" not in views
    assert "(named “Kiev”)" in views


def _unattributed_items(key: str) -> list[str]:
    part = key.split("## Stated without attribution")[1].split("## ")[0]
    return [line for line in part.splitlines() if "(no source given; " in line]


def test_unattributed_list_skips_sentences_with_an_attribution() -> None:
    import dataclasses

    import pandas as pd
    from test_html import OUTLETS, TEXTS

    from framecmp import schema as C
    scores = fake_scores()
    before = _unattributed_items(worksheet(scores).answer_key_markdown)
    assert any("thanked Russia" in i for i in before) and any("so-called partners" in i for i in before)
    # the same author-held cue, now in a sentence with a reporting cue and its source
    # ("..., a source said" style): it is attributed, not the outlet's own claim
    text = TEXTS["a2"]
    s = text.index("The transitional authorities")
    e = text.index("Nothing else")
    extra = pd.DataFrame([{
        "article_id": "a2", "outlet": OUTLETS["a2"], "attribution_id": "a2-1",
        "source": "The transitional authorities", "source_start": s, "source_end": s + 28,
        "source_type": "institution", "affiliation": "mali", "cue": "thanked",
        "cue_start": text.index("thanked"), "cue_end": text.index("thanked") + 7,
        "cue_class": "neutral", "quote_type": "indirect", "content_start": e - 2, "content_end": e - 1,
    }], columns=C.ATTRIBUTION)
    # a scare quote is the writer's own voice: it does not take a sentence off the list
    scare = pd.DataFrame([{
        "article_id": "a1", "outlet": OUTLETS["a1"], "attribution_id": "a1-9",
        "source_type": "none", "quote_type": "scare",
        "content_start": TEXTS["a1"].index("so-called"), "content_end": TEXTS["a1"].index("so-called") + 9,
    }], columns=C.ATTRIBUTION)
    att = pd.concat([scores.attribution, extra, scare], ignore_index=True)
    after = _unattributed_items(worksheet(dataclasses.replace(scores, attribution=att)).answer_key_markdown)
    assert not any("thanked Russia" in i for i in after)
    assert any("so-called partners" in i for i in after)


def test_seed_unattributed_list_holds_only_the_outlets_own_evaluations(seed_scores) -> None:
    items = _unattributed_items(worksheet(seed_scores).answer_key_markdown)
    evaluations = [i for i in items if "the outlet itself evaluates an actor" in i]
    for words in ("accused Russia", "stressed the need", "considered the organization",
                  "demanded that", "withdrew from", "severed ties", "hailed Russia"):
        assert not any(words in i for i in evaluations), (words, evaluations)
    # the outlet's own loaded wording with no source is listed with its numbered words
    assert any("severed ties" in i and "“formal colonial power” (" in i for i in items), items


def test_an_excerpt_opening_on_a_pronoun_brings_the_sentence_before() -> None:
    from framecmp import Corpus
    from framecmp.io.corpus import make_article
    from framecmp.scoring import score

    text = ("The weather was mild on Monday. Markets were calm. The envoy arrived in the city. "
            "Pointing to the war, he called the rebels terrorists.")
    sc = score(Corpus([make_article("a", "X", text)]), progress=False)
    sheet = worksheet(sc).markdown
    assert "The envoy arrived in the city." in sheet  # who "he" is
    assert "The weather was mild" not in sheet


# --------------------------------------------------------------------------- issue 18: what a teacher sees


def _visible(html: str) -> str:
    """The text a reader sees in an HTML page (no tags, styles or attributes)."""
    import html as html_mod

    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"</(?:p|h[1-6]|li|section|div)>", "\n", html)
    return html_mod.unescape(re.sub(r"<[^>]+>", "", html))


#: internal rule ids ("sc.sponsor_terrorism", "lt.terror_attack", "engine.linear") and lexicon
#: versions ("stance: 2026.12.1+linear", "lexicon 2026.11.3")
_RULE_ID = re.compile(r"\b(?:sc|lt|rv|hd|ts|sg|terms|stance|engine|vader|attribution)\.[a-z_]+\b")
_VERSION = re.compile(r"\blexicon \d|\b20\d\d\.\d+\.\d+")


def test_card_without_headline_names_outlet_and_date_never_the_id(seed_scores) -> None:
    ws = worksheet(seed_scores)
    for doc in (_visible(ws.html), ws.markdown, _visible(ws.answer_key_html), ws.answer_key_markdown):
        assert "seed-0" not in doc
    # seed-000 (Anadolu) has no headline: its card is named by outlet and date
    assert "## Anadolu Agency, 2024-09-22" in ws.markdown
    card = re.search(r'<section class="fc-ws-card" id="a-seed-000">(.*?)</section>', ws.html, re.S)
    assert card is not None
    assert "<h2>Anadolu Agency</h2>" in card.group(1) and "Date: 2024-09-22" in card.group(1)


def test_report_and_worksheet_share_the_headline_rule(seed_scores) -> None:
    rt_first_line = "Foreign Minister Sergey Lavrov and his Malian counterpart have discussed"
    ws = worksheet(seed_scores)
    rt = re.search(r'id="a-seed-003">(.*?)</section>', ws.html, re.S)
    assert rt is not None and rt_first_line in _visible(re.search(r"<h3>(.*?)</h3>", rt.group(1), re.S).group(1))
    html = str(report(seed_scores, plots=False))
    article = re.search(r'<article class="fc-article" id="a-seed-003">(.*?)</article>', html, re.S)
    assert article is not None
    heading = re.search(r"<h3>(.*?)</h3>", article.group(1), re.S)
    assert heading is not None and rt_first_line in _visible(heading.group(1))
    assert "seed-003 (no headline)" not in html
    # the first line is shown once, as the headline, not again as the first paragraph
    assert _visible(article.group(1)).count(rt_first_line) == 1
    # an article without one is named by outlet and date, as on the worksheet
    assert "Anadolu Agency, 2024-09-22 (no headline)" in html


def test_key_and_tooltips_say_plain_words(seed_scores) -> None:
    ws = worksheet(seed_scores)
    for doc in (ws.answer_key_markdown, _visible(ws.answer_key_html)):
        assert not _RULE_ID.search(doc), _RULE_ID.search(doc)
        assert not _VERSION.search(doc), _VERSION.search(doc)
        assert "valence" not in doc and "burkina\\_faso" not in doc and "burkina_faso" not in doc
    html = str(report(seed_scores, plots=False))
    tips = re.findall(r'data-tip="([^"]*)"', html)
    assert tips
    for tip in tips:
        assert not _RULE_ID.search(tip) and not _VERSION.search(tip), tip
        assert " -&gt; " not in tip and "valence" not in tip, tip
        assert "category: Vader" not in tip and "category: Linear" not in tip, tip
    # ids stay in the evidence frame
    assert seed_scores.evidence["rule_id"].notna().any()


def _card_paragraphs(markdown: str) -> list[str]:
    """The excerpt paragraphs of a worksheet's Markdown (not headings, meta or questions)."""
    cards = markdown.split("## Questions")[0].split("\n## ")[1:]
    return [p for c in cards for p in c.split("\n\n")[1:] if p.strip() and not p.startswith("*")]


def test_excerpts_keep_quotation_marks_paired_and_show_the_speaker(seed_scores) -> None:
    ws = worksheet(seed_scores)
    for p in _card_paragraphs(ws.markdown):
        assert p.count("“") == p.count("”"), p
    # seed-000: "We were in a one-way partnership for 60 years.”" closes a quotation opened a
    # sentence earlier; the excerpt takes that sentence in, with its opening mark
    anadolu = ws.markdown.split("## Anadolu Agency")[1].split("\n## ")[0]
    assert "“With our former partners, we realised" in anadolu
    assert "\\[…\\] We were in a" not in anadolu

    from framecmp import Corpus
    from framecmp.io.corpus import make_article
    from framecmp.scoring import score

    text = ("The weather was mild on Monday. Markets were calm. Trade was slow.\n"
            "The defence minister of Mali spoke to reporters on Tuesday. "
            "“We waited for years. We were betrayed. The terrorists and their sponsors "
            "are to blame,” the minister said.")
    sheet = worksheet(score(Corpus([make_article("a", "X", text)]), progress=False),
                      max_excerpt_sentences=1).markdown
    (para,) = [p for p in _card_paragraphs(sheet) if "terrorists" in p]
    assert para.count("“") == para.count("”") == 1
    assert "“We waited for years." in para and "the minister said" in para


def test_answer_key_says_how_each_article_portrays_the_main_actors(seed_scores) -> None:
    key = worksheet(seed_scores).answer_key_markdown
    part = key.split("## How does each article portray ")[1].split("\n## ")[0]
    assert part.startswith("Mali and Russia? (all voices together)")
    items = [line for line in part.splitlines() if line.startswith("- ")]
    russia = {line.split(" on Russia:")[0][2:]: line for line in items if " on Russia:" in line}
    # every excerpt's outlet, in plain words: the role, the score, the spans that moved it
    assert set(russia) == {"Anadolu Agency", "Nigerian news site (unidentified)", "RT", "Sputnik",
                           "Une Plume du Mali (republished)"}
    assert re.search(r"shown favourably \(a protagonist\), score \+0\.\d\d", russia["RT"])
    assert "“hailed”" in russia["RT"] and "“stands firmly alongside” (said by Mali" in russia["RT"]
    assert "(said by " in russia["Sputnik"]  # whose voice each span is
    assert "not mentioned in this article" in russia["Nigerian news site (unidentified)"]
    for line in items:
        assert not _RULE_ID.search(line) and "protagonist/" not in line
        assert line.count("“") == line.count("”"), line


def test_a_clipped_span_keeps_its_quotation_marks_paired() -> None:
    from framecmp.present.portrayal_key import _clip

    text = ("Paris expected that Malians would “beg” France to keep its troops in Mali, but Bamako "
            "“rejected the French dictate,” after which Paris “decided to withdraw from the cooperation "
            "agreements and withdraw its forces” from Malian territory, the prime minister said.")
    end_cut = _clip(text, 0, len(text), 100, 100)
    start_cut = _clip(text, 0, len(text), 200, 60)
    assert end_cut.endswith("“decided to withdraw […]”")
    assert start_cut.startswith("“[…] ") and "withdraw its forces”" in start_cut
    for piece in (end_cut, start_cut):
        assert piece.count("“") == piece.count("”")


def test_the_answer_key_says_done_by_for_an_act_and_said_by_for_words() -> None:
    from framecmp.present.portrayal_key import _whose_words

    act = "mali (subject of the clause) -> ukraine: Relations with the actor are cut. (valence -0.60)"
    assert _whose_words("mali", act).startswith("done by Mali")
    assert _whose_words("unknown", "unknown (the clause's subject, no known actor) -> aes: ...").startswith("done by ")
    said = "mali (source of the reporting verb) -> ukraine: The actor is accused of something."
    assert _whose_words("mali", said).startswith("said by Mali")
    assert _whose_words("author", act) == "the outlet's own words"


def test_a_reported_speech_note_reads_whole_in_the_report() -> None:
    from framecmp.present.highlight import plain_why

    why = plain_why({"kind": "evaluation", "explanation": (
        "mali -> mali: +0.28 (positive; words: 'working' +0.92, 'that' -0.53); reported speech of "
        "mali: the claim is theirs, the words (labels) are the outlet's paraphrase")})
    # the words list ends at its own bracket, not at "(labels)"; the holder is named
    assert "“working” (+), “that” (−)." in why
    assert "Reported speech of Mali: the claim is theirs, the words (labels) are the outlet's paraphrase" in why


def test_answer_key_names_a_negated_cue_and_says_it_does_not_count() -> None:
    import pandas as pd

    import framecmp as fc

    df = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"],
                       "text": ["Mali did not accuse France of anything. Mali thanked Russia.",
                                "Mali accused France of supporting terrorists. Russia praised Mali."]})
    key = worksheet(fc.score(fc.load_dataframe(df), progress=False)).answer_key_markdown
    views = key.split("## Views of actors")[1].split("\n## ")[0]
    lines = [line for line in views.splitlines() if "accuse" in line]
    assert any(line.startswith("- X: “accuse” — Mali → France (in the excerpt). Not counted: after the "
                               "negation 'not'.") for line in lines), lines
    assert any(line.startswith("- Y: “accused” — Mali → France, -0.80") for line in lines), lines
