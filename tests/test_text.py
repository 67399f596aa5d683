"""Text layer: tokens, sentences, quotes, parts, phrase matcher."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framecmp.text.doc import (
    PhraseMatcher,
    analyze,
    find_quotes,
    inflections,
    split_sentences,
    tokenize,
)


# --------------------------------------------------------------------------- sentences
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mali left. Niger followed.", ["Mali left.", "Niger followed."]),
        # glued sentences from a scraped page (seed 001)
        (
            "in the West African country.In the wake of the pullout, Mali acted.",
            ["in the West African country.", "In the wake of the pullout, Mali acted."],
        ),
        ("Gen. Camara met Col. Diaw on Monday.", ["Gen. Camara met Col. Diaw on Monday."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("“We are open,” he said. “Very open.”", ["“We are open,” he said.", "“Very open.”"]),
        ("He said “no.” then left.", ["He said “no.” then left."]),
        ("J. Smith wrote it.", ["J. Smith wrote it."]),
        ("It costs 3.5 billion. Nobody paid.", ["It costs 3.5 billion.", "Nobody paid."]),
    ],
)
def test_split_sentences_golden(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_paragraph_break_ends_sentence() -> None:
    doc = analyze("First line without stop\nSecond line.")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "First line without stop",
        "Second line.",
    ]


# --------------------------------------------------------------------------- quotes
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We consider Russia a reliable partner," Maiga said.', ["We consider Russia a reliable partner,"]),
        ("accused Russia of a “predatory project” there", ["predatory project"]),
        ("Il a dit «non» hier", ["non"]),
        ("Mali’s partners and the metropolis’ efforts", []),
        ("France to ‘Reorganize’ presence in Africa’s north", ["Reorganize"]),
        ("'One-way partnership for 60 years'", ["One-way partnership for 60 years"]),
        ("He said “we chose ‘partners’ freely” today", ["we chose ‘partners’ freely", "partners"]),
        ("a closing mark with no opener” is ignored", []),
        ("We'll assume you're ok", []),
    ],
)
def test_quotes_golden(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_paragraph_break_closes_open_quote() -> None:
    text = "General Camara said that “Mali has left ECOWAS.\nNext paragraph “quoted” here."
    quotes = find_quotes(text)
    first = quotes[0]
    assert not first.closed
    assert text[first.start : first.end] == "Mali has left ECOWAS."
    assert [text[q.start : q.end] for q in quotes[1:]] == ["quoted"]


# --------------------------------------------------------------------------- parts
def test_parts_title_subheading_caption() -> None:
    import re

    text = (
        "Mali turns to Moscow\n"
        "Assimi Goïta meets Vladimir Putin via Wikicommons\n"
        "The minister spoke on Monday. He was clear.\n"
        "Joint military force\n"
        "The three nations withdrew."
    )
    doc = analyze(text, title="Mali turns to Moscow", caption_patterns=[re.compile("via Wikicommons")])
    assert [p.part for p in doc.paragraphs] == ["title", "caption", "body", "subheading", "body"]
    assert doc.part_at(text.index("three")) == "body"


# --------------------------------------------------------------------------- matcher
def test_matcher_multiword_inflection_case_diacritics_longest() -> None:
    m = PhraseMatcher(
        [
            ("goita", "Assimi Goïta"),
            ("terror", "terrorist"),
            ("terror_group", "terrorist group"),
            ("sc", "so-called"),
            ("usa", "US", {"case": True}),
            ("accuse", "accuse"),
        ]
    )
    text = "ASSIMI GOITA said terrorist groups, so called rebels, accused us and the US."
    hits = m.find(tokenize(text))
    got = [(h.keys[0], text[h.start : h.end]) for h in hits]
    assert got == [
        ("goita", "ASSIMI GOITA"),
        ("terror_group", "terrorist groups"),
        ("sc", "so called"),
        ("accuse", "accused"),
        ("usa", "US"),
    ]


def test_matcher_niger_is_not_nigeria() -> None:
    m = PhraseMatcher([("niger", "Niger"), ("nigeria", "Nigeria")])
    text = "Niger and Nigeria; Nigerien officials."
    assert [h.keys for h in m.find(tokenize(text))] == [("niger",), ("nigeria",)]


def test_matcher_declared_ambiguity_keeps_all_keys() -> None:
    m = PhraseMatcher([("mali.diop", "Diop"), ("senegal.diop", "Diop")])
    (hit,) = m.find(tokenize("Diop spoke"))
    assert hit.keys == ("mali.diop", "senegal.diop")


def test_matcher_empty_phrase_raises() -> None:
    with pytest.raises(ValueError, match="no tokens"):
        PhraseMatcher([("x", "   ")])


def test_inflections() -> None:
    assert {"accuses", "accused", "accusing"} <= inflections("accuse")
    assert {"allies", "allied"} <= inflections("ally")
    assert {"admitted", "admitting"} <= inflections("admit")


def test_analyze_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        analyze(["not", "a", "str"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties
_alphabet = st.sampled_from(
    list("abcdefgh XYZ.,;!?\n\"'“”‘’«»-") + ["Mali", "Diop", " said ", "U.S.", "Mr. ", "’s"]
)
texts = st.lists(_alphabet, max_size=80).map("".join)


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(texts)
def test_spans_slice_back_to_their_text(text: str) -> None:
    doc = analyze(text)
    for t in doc.tokens:
        assert text[t.start : t.end] == t.text
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert "\n" not in text[s.start : s.end]
    for q in doc.quotes:
        assert q.open_start <= q.start <= q.end <= q.close_end <= len(text)


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(texts)
def test_quotes_never_cross(text: str) -> None:
    quotes = find_quotes(text)
    for a in quotes:
        for b in quotes:
            if a is b:
                continue
            disjoint = a.close_end <= b.open_start or b.close_end <= a.open_start
            nested = (a.open_start <= b.open_start and b.close_end <= a.close_end) or (
                b.open_start <= a.open_start and a.close_end <= b.close_end
            )
            assert disjoint or nested


_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(texts)
def test_straight_vs_curly_quotes_change_no_sentence_boundary(text: str) -> None:
    straight = text.translate(_CURLY)
    assert len(straight) == len(text)
    a = [(s.start, s.end) for s in analyze(text).sentences]
    b = [(s.start, s.end) for s in analyze(straight).sentences]
    assert a == b


# --------------------------------------------------------------------------- one tokenisation per article
def _per_sentence_tokens(doc):  # type: ignore[no-untyped-def]
    """What tokenising each sentence on its own gives (the reference)."""
    return [t for s in doc.sentences for t in tokenize(doc.text[s.start : s.end], s.start)]


@pytest.mark.parametrize(
    "text",
    [
        "He met a.bc.Dean today. Then he left.",  # a token would cross into the glued sentence
        "Word x.ab.Cd here.\nNext para e.fg.Hi there.",
        "It was u.s.Army day. The U.S. said yes.It was late.",
        "in the West African country.In the wake of the pullout, Mali acted.",
        "  \n\n",
        "",
    ],
)
def test_doc_tokens_are_the_sentences_tokens(text: str) -> None:
    doc = analyze(text)
    assert list(doc.tokens) == _per_sentence_tokens(doc)
    assert [doc.tokens[s.tok_start : s.tok_end] for s in doc.sentences] == [
        tuple(tokenize(text[s.start : s.end], s.start)) for s in doc.sentences
    ]
    assert doc.n_words == sum(
        1 for s in doc.sentences if s.part != "title" for t in doc.tokens[s.tok_start : s.tok_end] if t.is_word
    )


_glued = st.sampled_from(list("abcXYZ .!?\n\"'’-") + ["a.b", "U.S.", "x.ab.Cd", "’s", "n't", "ǅ", "é"])


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(st.lists(_glued, max_size=60).map("".join))
def test_doc_tokens_match_sentence_tokenisation(text: str) -> None:
    doc = analyze(text)
    assert list(doc.tokens) == _per_sentence_tokens(doc)
    assert doc.tokens.norms == tuple(t.norm for t in doc.tokens)
    assert doc._tok_starts == tuple(t.start for t in doc.tokens)


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_matcher_same_on_doc_tokens_and_plain_list(text: str, a: int, b: int) -> None:
    m = PhraseMatcher(
        [("k.said", "said"), ("k.so", "so-called"), ("k.mali", "Mali"), ("k.us", "U.S.", {"case": True}),
         ("k.xyz", "XYZ", {"case": True}), ("k.ab", "a b"), ("k.diop", "Diop said")]
    )
    toks = analyze(text).tokens
    a, b = min(a, b, len(toks)), min(max(a, b), len(toks))
    assert m.find(toks, a, b) == m.find(list(toks), a, b)
    assert m.find(toks) == m.find(list(toks))


def test_matcher_added_phrase_seen_by_cached_document() -> None:
    toks = analyze("The junta and the partners met.").tokens
    m = PhraseMatcher([("k.junta", "junta")])
    assert [h.keys for h in m.find(toks)] == [("k.junta",)]
    m.add("k.partner", "partner")  # the document's cached start positions must not go stale
    assert [h.keys for h in m.find(toks)] == [("k.junta",), ("k.partner",)]


@pytest.mark.parametrize("text, inner", [
    ("''It is late,'' he said.", "It is late,"),  # newsroom style: two apostrophes
    ('"great bond\'\' he shares', "great bond"),  # straight opener, two-apostrophe closer
    ("``We won,'' she said.", "We won,"),  # PTB style
    ("He said “yes,'' and left.", "yes,"),  # mixed curly opener
])
def test_two_apostrophes_and_backticks_are_double_quotes(text, inner):
    qs = find_quotes(text)
    assert [text[q.start:q.end] for q in qs] == [inner]
    q = qs[0]
    assert q.closed and text[q.open_start:q.close_end].endswith("''")


def test_two_apostrophes_inside_a_word_are_not_a_quote():
    assert find_quotes("O''Brien spoke, and the rock'' band played.") == []


@pytest.mark.parametrize(
    "text", ["so-called partners", "-a- -b--c -", "Goïta’s U.S.-backed ‐ x ‑ y", "plain words", "", "-"]
)
def test_tokens_unhyphenated_and_folded(text: str) -> None:
    """The cached views of Tokens are what their plain definitions give."""
    from framecmp.text.doc import Tokens, _fold_case_kept

    for toks in (Tokens(tokenize(text)), analyze(text).tokens):
        keep = [i for i, t in enumerate(toks) if t.text not in ("-", "‐", "‑")]
        idx, norms = toks.unhyphenated()
        assert list(idx) == keep
        assert list(norms) == [toks[i].norm for i in keep]
        assert toks.folded() == tuple(_fold_case_kept(t.text) for t in toks)
        assert list(toks._folded_unhyphenated()) == [_fold_case_kept(toks[i].text) for i in keep]
        assert toks.hyphen == tuple(t.text in ("-", "‐", "‑") for t in toks)


@pytest.mark.parametrize("text", [
    "", "   ", "Mali’s so-called partners", "  The U.S. said 3.5%.\n\n“No,” he said.  ",
    "x.ab.Cd\u00a0tab\there\u2003em", "o'clock rock'n'roll isn't _under_score_ ", "é\u0301 ﬁ ½",
])
def test_token_columns_are_the_matches_of_the_token_pattern(text: str) -> None:
    from framecmp.text.doc import _TOKEN_RE, _token_columns, normalize

    assert _TOKEN_RE.groups == 0  # _token_columns splits on the pattern as one group
    for offset in (0, 7):
        starts, ends, texts, norms = _token_columns(text, offset)
        ms = list(_TOKEN_RE.finditer(text))
        assert starts == [m.start() + offset for m in ms]
        assert ends == [m.end() + offset for m in ms]
        assert texts == [m.group() for m in ms]
        assert norms == [normalize(m.group()) for m in ms]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.’'_- \n\t\u00a0é3US")), max_size=40))
def test_token_columns_match_the_pattern_on_any_text(text: str) -> None:
    from framecmp.text.doc import _TOKEN_RE, _token_columns

    starts, ends, texts, _ = _token_columns(text, 3)
    assert list(zip(starts, ends, texts)) == [(m.start() + 3, m.end() + 3, m.group()) for m in _TOKEN_RE.finditer(text)]


@pytest.mark.parametrize("text", [
    "Mali’s so-called partners, the U.S. and the U.N., met at 3.5 p.m. on Monday.",
    "Headline Without A Stop\n\nBody text: 'quoted' words — and o'clock, Goïta's résumé 2024/25.",
    "“We chose,” he said. It's late; they're gone... ¿Qué? 10,000 people!",
    "",
])
def test_count_words_agrees_with_the_analysis(text: str) -> None:
    from framecmp.text.doc import count_words

    for title in (None, text.split("\n")[0] or None):
        assert count_words(text, title=title) == analyze(text, title=title).n_words


@settings(max_examples=int(os.environ.get("FRAMECMP_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(texts)
def test_count_words_agrees_with_the_analysis_on_any_text(text: str) -> None:
    from framecmp.text.doc import count_words

    assert count_words(text) == analyze(text).n_words
