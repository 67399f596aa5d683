"""Tests of boilerplate removal: the seeds in both directions, the rules file, the offset map."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framecmp.io.boilerplate import (
    BoilerplateRules,
    BoilerplateTimeoutWarning,
    default_rules,
    load_boilerplate,
)
from framecmp.io.cleaning import (
    OffsetMap,
    _build,
    _Edit,
    clean,
    find_captions,
)
from framecmp.lexicons import LexiconError, seeds_path

DATA = Path(__file__).parent / "data"

SEED_FILES = {
    "000": "000_7b58cf549a015bb3.txt",
    "001": "001_857e34fc77add78a.txt",
    "002": "002_60d49614c422c2fe.txt",
    "003": "003_1d188b960802b383.txt",
    "004": "004_4c492ef52b470a88.txt",
}
TITLES = {
    "001": "Mali Considers Russia Reliable Partner, Transitional Prime Minister Says",
    "002": "Fight against terrorism: Malians and Russians hard at work",
    "004": "Mali Strengthens Military Ties With Senegal Despite Leaving ECOWAS",
}


def _raw(key: str) -> str:
    return (seeds_path() / SEED_FILES[key]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, object]:
    return {k: clean(_raw(k), title=TITLES.get(k)) for k in SEED_FILES}


# --------------------------------------------------------------------------- seeds: junk goes

JUNK = [
    ("000", "Click here to follow our WhatsApp channel"),
    ("000", "➤"),
    ("001", "InternationalIndiaAfrica"),
    ("001", "Muhammad Osman"),
    ("001", "Writer/Editor"),
    ("001", "Profound Humility"),
    ("001", "Reorganize"),
    ("001", "11:09 GMT"),
    ("001", "Leave a Reply"),
    ("001", "Your email address will not be published"),
    ("002", "Home »"),
    ("002", "Une Plume du Mali"),
    ("002", "by admin"),
    ("002", "READ ALSO"),
    ("002", "Kidal reconquered"),
    ("002", "See also"),
    ("002", "The Libyan crown prince"),
    ("002", "Malikoura"),
    ("002", "You may also like"),
    ("002", "Leave a Comment"),
    ("002", "Akismet"),
    ("002", "This website uses cookies"),
    ("002", "Privacy & Cookies Policy"),
    ("003", "Read more"),
    ("004", "Home News"),
    ("004", "NewsSecurity"),
    ("004", "1.2k"),
    ("004", "Mali Senegal\n"),
    ("004", "source: malijet"),
    ("004", "Read More:"),
    ("004", "About The Author"),
    ("004", "Leave a comment"),
    ("004", "Leave a Reply"),
    ("004", "Your email address"),
    ("004", "Related Articles"),
    ("004", "CNPC"),
    ("004", "Senate"),
    ("004", "World Cup"),
    ("004", "Super Eagles"),
    ("004", "Traoré"),
    ("004", "Human Rights"),
    ("004", "NewsSports"),
]


@pytest.mark.parametrize(("seed", "junk"), JUNK)
def test_seed_junk_is_removed(cleaned: dict, seed: str, junk: str) -> None:
    assert junk in _raw(seed)
    assert junk not in cleaned[seed].text


# --------------------------------------------------------------------------- seeds: reporting stays

KEEP = [
    ("000", "Mali, a multi-party nation, is run by a military administration since August 2020."),
    ("000", "In July, the leaders of the three military regimes held their first summit in the "
            "Nigerien capital of Niamey, where they announced a confederation of three Sahel states."),
    ("000", "“We are open to any partnership,” he said."),
    ("000", "'One-way partnership for 60 years'"),
    ("000", "Alliance of Sahel States"),
    ("001", "Mali’s Prime Minister Choguel Maiga attends an interview with AFP on September 26, "
            "2021 in New York."),
    ("001", "Russian Foreign Minister Sergey Lavrov visited Mali in February to discuss bilateral "
            "economic relations"),
    ("001", "This visit has been viewed by observers as a sign of Mali’s growing confidence in Russia."),
    ("001", "withdraw its forces” from Malian territory."),
    ("001", "The Malian prime minister pointed out that his country has principles"),
    ("001", "part of the former metropolis’ efforts to maintain this control."),
    ("001", '"We consider Russia a reliable partner," Maiga said.'),
    ("002", "Fight against terrorism: Malians and Russians hard at work"),
    ("002", "During the day of Wednesday February 28, 2024, the Minister of Foreign Affairs"),
    ("002", "rejoices Abdoulaye Diop."),
    ("002", "Did he like it?."),
    ("002", "“Mutual support”"),
    ("002", "Assimi Goïta, the president of Mali meets Russian President Vladimir Putin at the end "
            "of July 2023 via Wikicommons"),
    ("002", "Story in the press via Wikicommons"),
    ("002", "Rise of the FAMa"),
    ("002", "Recurrent terrorist attacks targeting peaceful peasants and military camps only face "
            "sporadic ambushes from small groups in disarray."),
    ("003", "Foreign Minister Sergey Lavrov and his Malian counterpart have discussed ways of "
            "strengthening “traditionally friendly” ties"),
    ("003", "Lavrov made the commitment on Thursday when speaking by phone with his Malian "
            "counterpart, Abdoulaye Diop."),
    ("003", "The new leaders of the three countries, who all took power after coups"),
    ("003", "with the goal of strengthening regional security."),
    ("004", "Mali Strengthens Military Ties With Senegal Despite Leaving ECOWAS"),
    ("004", "Mali and Senegal have reaffirmed their commitment to strengthening military cooperation"),
    ("004", "General Camara reiterated Mali’s commitment to sovereignty and independent "
            "decision-making under the leadership of Transitional President Assimi Goïta."),
    ("004", "while maintaining strong bilateral relationships with key neighbours like Senegal."),
]


@pytest.mark.parametrize(("seed", "sentence"), KEEP)
def test_seed_reporting_is_kept(cleaned: dict, seed: str, sentence: str) -> None:
    assert sentence in cleaned[seed].text


def test_every_raw_sentence_of_reporting_survives(cleaned: dict) -> None:
    """Every long raw line is either kept whole or removed whole as junk, but the glued ones."""
    glued = {"001": 2}  # the two lines of 001 with a related story glued inside
    for key in SEED_FILES:
        lost = [
            line for line in _raw(key).splitlines()
            if len(line.split()) > 15 and line.strip() not in cleaned[key].text
            and not any(line.strip() in r.text for r in cleaned[key].removals)
        ]
        assert len(lost) == glued.get(key, 0), (key, lost)


def test_seed_000_last_line_without_whatsapp(cleaned: dict) -> None:
    assert cleaned["000"].text.endswith("announced a confederation of three Sahel states.")


def test_seed_001_glue_replaced_by_newlines(cleaned: dict) -> None:
    text = cleaned["001"].text
    assert "in New York.\nRussian Foreign Minister" in text
    assert "from Malian territory.\nThe Malian prime minister" in text


def test_seed_title_counts_once(cleaned: dict) -> None:
    assert cleaned["002"].text.count(TITLES["002"]) == 1
    assert cleaned["002"].text.startswith(TITLES["002"] + "\n")
    assert cleaned["004"].text.count(TITLES["004"]) == 1
    reasons = [r.reason for r in cleaned["002"].removals]
    assert reasons.count("repeated title") == 1
    # without a title the heading-like first line is taken as the title
    assert clean(_raw("002")).text.count(TITLES["002"]) == 1


def test_seed_removal_counts(cleaned: dict) -> None:
    counts = {k: len(c.removals) for k, c in cleaned.items()}
    assert counts == {"000": 1, "001": 4, "002": 12, "003": 1, "004": 11}


def test_seed_removal_reasons(cleaned: dict) -> None:
    by_seed = {k: {r.reason for r in c.removals} for k, c in cleaned.items()}
    assert by_seed["000"] == {"channel promotion"}
    assert by_seed["001"] == {"related-story glue", "comment prompt"}
    assert {"navigation crumb", "byline", "read-also block", "comment prompt", "cookie notice",
            "repeated title", "site name"} == by_seed["002"]
    assert {"navigation crumb", "share count", "source line", "read-also block", "byline",
            "comment prompt"} == by_seed["004"]


def test_removals_slice_back_to_raw(cleaned: dict) -> None:
    for key, c in cleaned.items():
        raw = _raw(key)
        for r in c.removals:
            assert raw[r.raw_start:r.raw_end] == r.text
            assert r.rule_id.startswith("bp.")


def test_related_block_runs_to_the_end(cleaned: dict) -> None:
    block = [r for r in cleaned["004"].removals if r.rule_id == "bp.related-block"]
    assert len(block) == 1
    assert block[0].text.startswith("Related Articles")
    assert block[0].text.endswith("following his...")


def test_captions_are_kept_and_marked(cleaned: dict) -> None:
    c2 = cleaned["002"]
    caps = [c2.text[s:e] for s, e in c2.captions]
    assert len(caps) == 3
    assert all("Wikicommons" in x for x in caps)
    c1 = cleaned["001"]
    assert [c1.text[s:e] for s, e in c1.captions] == [
        "Mali’s Prime Minister Choguel Maiga attends an interview with AFP on September 26, "
        "2021 in New York."
    ]
    assert default_rules().caption_patterns[0].search("Putin via Wikicommons")


@pytest.mark.parametrize("key", list(SEED_FILES))
def test_captions_false_changes_only_the_captions(cleaned: dict, key: str) -> None:
    """Article loading skips the caption search; everything else is the same."""
    c = cleaned[key]
    fast = clean(_raw(key), title=TITLES.get(key), captions=False)
    assert fast.captions == ()
    assert (fast.text, fast.offsets, fast.removals, fast.timeouts) == (
        c.text, c.offsets, c.removals, c.timeouts
    )


@pytest.mark.parametrize(
    "line",
    ["Mali  Says No", "MALI says\tno ", "Mali’s “No” – Moscow", "ﬁnal Straße", "Ａ title", "",
     "‘a’ — “b” – c’s", "x\u2028y\u3000z"],
)
def test_norm_title_ascii_shortcut_is_exact(line: str) -> None:
    import unicodedata

    from framecmp.io.cleaning import _TITLE_TRANS, _norm_title

    slow = " ".join(unicodedata.normalize("NFKC", line).translate(_TITLE_TRANS).casefold().split())
    assert _norm_title(line) == slow


@pytest.mark.parametrize("key", list(SEED_FILES))
def test_seed_offsets_map_back(cleaned: dict, key: str) -> None:
    c, raw = cleaned[key], _raw(key)
    om = c.offsets
    for s, e in [(0, 10), (5, 60), (len(c.text) - 40, len(c.text))]:
        if om.is_contiguous(s, e):
            assert raw[om.raw_span(s, e)] == c.text[s:e]
    # every word maps back
    pos = 0
    for w in c.text.split():
        s = c.text.index(w, pos)
        pos = s + len(w)
        assert raw[om.raw_span(s, pos)] == w


# --------------------------------------------------------------------------- small texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mali said no.\r\nIt is final.\r\n", "Mali said no.\nIt is final."),
        ("Mali said no.   \n\n\n\nIt is final.  ", "Mali said no.\n\nIt is final."),
        ("\n\nMali said no.\nLeave a Reply\nIt is final.", "Mali said no.\nIt is final."),
        ("Mali said no.\rIt is final.", "Mali said no.\nIt is final."),
        ("It ended.Follow us on Telegram for more news", "It ended."),
        ("Leave a reply to this, the minister said, would be a mistake.",
         "Leave a reply to this, the minister said, would be a mistake."),
        ("Related to this, the minister said the talks would go on.",
         "Related to this, the minister said the talks would go on."),
        ("Home to 20 million people, Mali is landlocked.",
         "Home to 20 million people, Mali is landlocked."),
    ],
)
def test_small_texts(raw: str, expected: str) -> None:
    assert clean(raw).text == expected


def test_block_stops_at_reporting() -> None:
    raw = (
        "Mali and Senegal met in Bamako on Tuesday.\n\nYou may also like\n\n"
        "Niger junta defies CNPC...\n\n"
        "The two ministers also agreed to hold joint patrols along their shared border "
        "from next year, officials said.\n"
    )
    c = clean(raw)
    assert "CNPC" not in c.text
    assert "The two ministers also agreed" in c.text
    assert [r.reason for r in c.removals] == ["read-also block"]


def test_block_stops_at_comment_prompt() -> None:
    c = clean("Mali met Russia.\n\nYou may also like\n\nLeave a Comment\n")
    assert [r.rule_id for r in c.removals] == ["bp.related-block", "bp.comment-prompt"]


def test_clean_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="str"):
        clean(b"bytes")  # type: ignore[arg-type]


def test_find_captions_default_rules() -> None:
    assert find_captions("Mali.\nThe minister via Wikicommons\nMore.") == [(6, 34)]


# --------------------------------------------------------------------------- rules file


def test_bundled_rules_load() -> None:
    rules = load_boilerplate()
    assert isinstance(rules, BoilerplateRules)
    assert rules.version == "2026.11.0"
    assert len(rules.caption_patterns) == 2
    assert {r.scope for r in rules.rules} == {"line", "inline", "block", "caption"}
    assert "pattern" in rules.to_frame().columns


def test_broken_rules_file_lists_every_problem() -> None:
    path = DATA / "bad_boilerplate.yaml"
    with pytest.raises(LexiconError) as info:
        load_boilerplate(path)
    problems = info.value.problems
    text = "\n".join(problems)
    assert all(str(path) in p and " line " in p for p in problems)
    assert "line 10" in text and "not a valid regular expression" in text
    assert "line 14" in text and "scope" in text
    assert "line 18" in text and "already used at line 6" in text
    assert "line 22" in text and "missing 'reason'" in text
    assert "line 25" in text and "matches the empty string" in text
    assert "line 29" in text and "'replace' is only allowed with scope 'inline'" in text
    assert "line 34" in text and "unknown key 'patern'" in text
    assert len(problems) >= 7


def test_bad_header_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "b.yaml"
    p.write_text("format: framecmp-lexicon/1\nkind: actors\nversion: '1'\nentries: []\n",
                 encoding="utf-8")
    with pytest.raises(LexiconError, match="'kind' must be 'boilerplate'"):
        load_boilerplate(p)


def test_undefined_macro_is_reported() -> None:
    data = {"entries": [{"id": "u.m", "pattern": "{{NOPE}}x", "scope": "line", "reason": "r"}]}
    with pytest.raises(LexiconError, match="undefined macro"):
        load_boilerplate(data)


def test_user_rules_merge_and_exclude() -> None:
    extra = {
        "name": "mine",
        "entries": [
            {"id": "u.sponsor", "pattern": "(?i)sponsored content", "scope": "line",
             "reason": "advertisement"},
            {"id": "bp.source-line", "pattern": "(?i)source\\s*:\\s*nothing", "scope": "line",
             "reason": "source line"},
        ],
    }
    rules = load_boilerplate(extra=extra)
    assert "u.sponsor" in rules.ids
    assert "mine@user" in rules.version
    c = clean("Mali met Russia.\nSponsored content\nsource: malijet", rules=rules)
    assert c.text == "Mali met Russia.\nsource: malijet"
    kept = load_boilerplate(exclude=["bp.source-line"])
    assert "bp.source-line" not in kept.ids
    assert clean("Mali met Russia.\nsource: malijet", rules=kept).text.endswith("malijet")
    with pytest.raises(ValueError, match="bp.nope"):
        load_boilerplate(exclude=["bp.nope"])
    with pytest.raises(ValueError, match="'timeout' parameter"):
        load_boilerplate(timeout=0)


def test_slow_pattern_times_out_and_is_skipped() -> None:
    slow = {
        "entries": [
            {"id": "u.slow", "pattern": "(a|aa)+c", "scope": "inline", "reason": "test"},
            {"id": "u.prompt", "pattern": "Leave a Reply", "scope": "line",
             "reason": "comment prompt"},
        ]
    }
    rules = load_boilerplate(slow, timeout=0.05)
    # the "c" on the line: a line without one is never searched (literal prefilter)
    raw = "a" * 40 + "b c\nLeave a Reply"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = clean(raw, rules=rules)
    assert c.timeouts == ("u.slow",)
    assert c.text == "a" * 40 + "b c"  # the other rule still ran
    assert any(issubclass(w.category, BoilerplateTimeoutWarning) for w in caught)


def test_slow_caption_pattern_times_out() -> None:
    rules = load_boilerplate(
        {"entries": [{"id": "u.cap", "pattern": "(a|aa)+c", "scope": "caption", "reason": "t"}]},
        timeout=0.05,
    )
    with pytest.warns(BoilerplateTimeoutWarning):
        assert rules.caption_patterns[0].search("a" * 40 + "b c") is None


# --------------------------------------------------------------------------- offset map properties

_ALPHABET = st.sampled_from(
    list("ab \n\r\t.") + [
        "Leave a Reply", "READ ALSO: x", "1.2k", "é", "Title", "Africa", "NewsWorld",
        "Muhammad OsmanWriter/Editor", "Pullout28 February, 11:09 GMT", "You may also like",
        "➤Click here to follow our WhatsApp channel", "The", "\xa0",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_offset_map_invariant_on_clean(raw: str) -> None:
    c = clean(raw, title="Title")
    om, text = c.offsets, c.text
    assert om.text_length == len(text) and om.raw_length == len(raw)
    for s in range(len(text) + 1):
        for e in range(s, min(len(text), s + 6) + 1):
            if om.is_contiguous(s, e):
                assert raw[om.raw_span(s, e)] == text[s:e]
    for r in c.removals:
        assert raw[r.raw_start:r.raw_end] == r.text
    assert "\n\n\n" not in text and text == text.strip()


@st.composite
def _raw_and_edits(draw: st.DrawFn) -> tuple[str, list[_Edit]]:
    raw = draw(st.text(alphabet="abc\n ", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8, unique=True)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b > a:
            edits.append(_Edit(a, b, draw(st.sampled_from(["", "\n", " ", "--"]))))
    return raw, edits


@settings(max_examples=200, deadline=None)
@given(_raw_and_edits())
def test_offset_map_invariant_on_any_edits(case: tuple[str, list[_Edit]]) -> None:
    raw, edits = case
    text, om = _build(raw, edits)
    inserted = om.inserted_spans()
    assert sum(e - s for s, e in inserted) == sum(len(ed.replace) for ed in edits)
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            sl = om.raw_span(s, e)
            if om.is_contiguous(s, e):
                assert raw[sl] == text[s:e]
            assert 0 <= sl.start <= sl.stop <= len(raw)
    assert om.to_raw(0) >= 0


def test_offset_map_identity_and_bounds() -> None:
    om = OffsetMap.identity(5)
    assert om.raw_span(1, 3) == slice(1, 3)
    assert om.to_raw(5) == 5
    assert OffsetMap.identity(0).to_raw(0) == 0
    with pytest.raises(IndexError):
        om.raw_span(3, 9)


# --------------------------------------------------------------------------- literal prefilter


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(?i)leave a (?:reply|comment)", {"leave a reply", "leave a comment"}),
        (r"\d+ comments?", {" comment"}),
        ("a?b+c*", {"b"}),
        (r"(?<=[.!?])News(?=\p{Lu}|$)", {"news"}),
        ("(?i:by|written by)\\s+Staff", {"staff"}),
        (r"(?i)©\s*\S", {"©"}),
        ("x*|y", None),  # one branch needs nothing
        (r"(a)\1", None),  # backreference: not read
        ("(?P<w>ab)", None),
        ("a{2,}+b", None),  # possessive
        ("[[:alpha:]]x", None),  # POSIX class
        ("(?x) a b", None),
        ("(?i)straße", {"stra"}),  # a cased non-ASCII character under (?i) is no literal
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    import regex

    from framecmp.io.regex_literals import required_literals

    got = required_literals(regex.compile(pattern))
    assert (None if got is None else set(got)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Click here to follow our WhatsApp channel",
        "CLICK HERE TO JOIN our Telegram channel now",
        "ſubscribe to our YouTube channel",  # long s matches "s" case-insensitively
        "İ: Join our newsletter",  # İ lower-cases to two characters
        "Follow us on Google News \u212a",  # Kelvin sign lower-cases to "k"
        "Mali said no.",
        "",
    ],
)
def test_literal_prefilter_never_hides_a_match(text: str) -> None:
    """Every bundled rule finds the same matches with and without the prefilter."""
    from framecmp.io.boilerplate import TimedPattern
    from framecmp.io.regex_literals import lowered, required_literals

    for rule in default_rules().rules:
        want = [m.span() for m in rule.compiled.finditer(text)]
        lits = required_literals(rule.compiled)
        low = lowered(text)
        if want and lits is not None and low is not None:
            assert any(lit in low for lit in lits), rule.id
        tp = TimedPattern(rule.compiled, rule.id, 1.0)
        assert bool(tp.search(text)) == bool(rule.compiled.search(text)), rule.id
    for line in ("ſubscribe to our channel", "Join our newsletter \u0130"):
        assert clean(f"Mali said no.\n{line}").text == "Mali said no."


def test_prefilter_same_cleaning_as_without(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    literals_mod = sys.modules["framecmp.io.regex_literals"]

    texts = [_raw(k) for k in SEED_FILES] + [
        "Mali.\nclick here to follow us on WhatsApp channel\nMore.",
        "Moscow.InternationalAfricaMuhammad OsmanWriter/EditorThe minister spoke.",
    ]
    fast = [clean(t) for t in texts]
    monkeypatch.setattr(literals_mod, "_literals_of", lambda pattern, flags: None)
    assert [clean(t) for t in texts] == fast


@given(st.text(alphabet=st.sampled_from(list(" \t\r\nab\x0b\x0c\x85\u2028\xa0\x1c\u3000")), max_size=30))
def test_trailing_spaces_as_the_regex(text: str) -> None:
    import re

    from framecmp.io.cleaning import _trailing_spaces

    want = [m.span() for m in re.finditer(r"[^\S\r\n]+(?=[\r\n]|\Z)", text)]
    assert _trailing_spaces(text) == want


def test_required_literals_with_ignorecase_flag() -> None:
    """A pattern compiled with IGNORECASE (no inline flag) is read case-insensitively."""
    import regex

    from framecmp.io.regex_literals import required_literals

    assert required_literals(regex.compile("abc", regex.IGNORECASE)) == {"abc"}
    # a cased Greek letter has case variants ("ς"): not a literal under IGNORECASE
    assert required_literals(regex.compile("Σx", regex.IGNORECASE)) == {"x"}
    assert required_literals(regex.compile("Σx")) == {"σx"}
    assert required_literals(regex.compile("[]a]b")) is None
