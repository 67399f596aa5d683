"""Promises: no input makes framecmp hang or eat memory.

* One very long "sentence" (a page with no sentence punctuation, a run of cues, a
  paragraph of quotes, thousands of short lines) is loaded and scored in time linear
  in its length: every stage is linear, or bounded per sentence, because the text
  layer cuts a sentence longer than ``MAX_SENTENCE_CHARS`` (real sentences are
  shorter: the longest of 37,554 AllSides articles has 3,910 characters).
* A YAML file with anchors or aliases (a "billion laughs" alias bomb) is refused
  before anything is expanded, naming the file and line: lexicons, metadata, and
  ``framecmp lexicon check`` alike.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from framecmp.io.corpus import make_article
from framecmp.lexicons import LexiconError
from framecmp.scoring import Scorer
from framecmp.text.doc import MAX_SENTENCE_CHARS, analyze, split_sentences

# --------------------------------------------------------------------------- long sentences

SHAPES = {
    "no punctuation": "the army said the ministers met in the capital while the leaders watched them ",
    "actors, no punctuation": "the French army said Russia and Mali met in Bamako while ECOWAS leaders watched ",
    "a cue in every word": "said ",
    "quotes": '"We chose Russia," Goita said. ',
    "parentheses": "(the minister told Anadolu ",
    "short lines": "Mali said\n",
}


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    sc = Scorer()
    sc.resources()
    return sc


def _text(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _cpu_seconds(scorer: Scorer, text: str) -> float:
    # CPU time of this process, not wall time: a machine busy with other work slows the
    # wall clock, not the work done
    t0 = time.process_time()
    scorer.score_article(make_article("a", "RT", text))
    return time.process_time() - t0


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_long_sentence_loads_and_scores_in_linear_time(scorer: Scorer, shape: str) -> None:
    """Four times the text takes about four times as long (16 times if quadratic, as it was:
    20k characters 0.6 s, 80k 7.2 s, an hour at 2 MB). Both sizes are over the sentence cap."""
    n = 6_000 if shape.startswith("actors") else 10_000  # actor mentions are the slow part
    small = _cpu_seconds(scorer, _text(SHAPES[shape], n))
    big = _cpu_seconds(scorer, _text(SHAPES[shape], 4 * n))
    assert big < 8 * small + 0.3, (shape, small, big)


def test_no_sentence_is_longer_than_the_cap() -> None:
    for unit in SHAPES.values():
        text = _text(unit.replace("\n", " "), 3 * MAX_SENTENCE_CHARS + 17)
        spans = split_sentences(text)
        assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
        # nothing is lost: the pieces hold every non-space character, in order
        assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    glued = "x" * (2 * MAX_SENTENCE_CHARS + 5)  # no space at all: cut anyway
    assert [e - s for s, e in split_sentences(glued)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]


def test_a_long_real_sentence_is_not_cut() -> None:
    sentence = "Mali, " * 650 + "and France met."  # 3,915 characters, one sentence
    assert len(sentence) < MAX_SENTENCE_CHARS
    doc = analyze(sentence + " It ended.")
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [sentence, "It ended."]


def test_a_cut_sentence_still_tokenises_as_the_whole_text() -> None:
    text = _text("Russia said France, ", 12_000)
    doc = analyze(text)
    assert len(doc.sentences) >= 3
    assert [t.text for t in doc.tokens] == text.replace(",", " ,").split()


# --------------------------------------------------------------------------- YAML alias bombs

BOMB = """format: framecmp-lexicon/1
kind: loaded_terms
name: bomb
version: "1"
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
entries:
  - id: x
    terms: [*i]
    category: violence
"""


def test_an_alias_bomb_in_a_lexicon_is_refused_with_file_and_line(tmp_path: Path) -> None:
    from framecmp.lexicon_check import check_lexicon_file
    from framecmp.measures.terms import load_terms

    p = tmp_path / "bomb.yaml"
    p.write_text(BOMB, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bomb.yaml line 5: an anchor \(&a\)"):
        load_terms(p)
    problems = check_lexicon_file(p)
    assert len(problems) == 1 and "line 5" in problems[0] and "aliases are not allowed" in problems[0]


def test_an_alias_in_the_entries_is_refused_too(tmp_path: Path) -> None:
    from framecmp.measures.actors import load_actors

    p = tmp_path / "actors.yaml"
    p.write_text('format: framecmp-lexicon/1\nkind: actors\nname: a\nversion: "1"\nentries:\n'
                 "  - id: gallia\n    name: Gallia\n    type: country\n    aliases: &x [Galli]\n"
                 "  - id: other\n    name: Other\n    type: country\n    demonyms: *x\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors.yaml line 9: an anchor \(&x\)"):
        load_actors(extra=p)


def test_lexicon_check_on_the_command_line_refuses_a_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from framecmp.cli import main

    p = tmp_path / "bomb.yaml"
    p.write_text(BOMB, encoding="utf-8")
    assert main(["lexicon", "check", str(p)]) == 1
    assert "line 5: an anchor (&a)" in capsys.readouterr().out


def test_an_alias_bomb_in_folder_metadata_is_refused(tmp_path: Path) -> None:
    from framecmp.io.readers import load_folder

    (tmp_path / "a.txt").write_text("Mali met Russia.", encoding="utf-8")
    (tmp_path / "metadata.yaml").write_text(
        "x: &x [1, 1, 1]\ny: &y [*x, *x, *x]\narticles:\n  - file: a.txt\n    outlet: RT\n    tags: *y\n",
        encoding="utf-8")
    with pytest.raises(LexiconError, match=r"metadata.yaml line 1: an anchor"):
        load_folder(tmp_path)


def test_text_that_only_looks_like_an_anchor_is_fine(tmp_path: Path) -> None:
    from framecmp.measures.terms import load_terms

    p = tmp_path / "terms.yaml"
    p.write_text('format: framecmp-lexicon/1\nkind: loaded_terms\nname: t\nversion: "1"\nentries:\n'
                 '  - id: t.att\n    terms: ["AT&T", "*starred", "& co"]\n    category: test\n'
                 "    connotation: -0.5\n    explanation: a test\n    source: a test\n", encoding="utf-8")
    assert load_terms(p).entries[0].terms == ("AT&T", "*starred", "& co")


# --------------------------------------------------------------------------- lookups equal the scans they replace

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

quote_text = st.lists(st.sampled_from(list("ab ,.\n'\"“”‘’«»`") + ["''", "``"]), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=quote_text)
def test_quote_at_is_what_a_scan_of_the_quotes_gives(text: str) -> None:
    doc = analyze(text)

    def scan(offset: int, outermost: bool) -> object:
        hits = [q for q in doc.quotes if q.start <= offset < q.end]
        if not hits:
            return None
        return min(hits, key=lambda q: q.depth) if outermost else max(hits, key=lambda q: q.depth)

    for offset in range(-1, len(text) + 2):
        assert doc.quote_at(offset) == scan(offset, True)
        assert doc.quote_at(offset, outermost=False) == scan(offset, False)


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12), st.sampled_from([None, "mali", "russia"]),
                           st.sampled_from(["direct", "indirect", "scare"])), max_size=8)


@settings(max_examples=150, deadline=None)
@given(spans=spans)
def test_voice_of_is_what_a_scan_of_the_attributions_gives(spans: list[tuple[int, int, str | None, str]]) -> None:
    from framecmp.measures.attribution.records import Attribution, AttributionResult, voiced

    atts = tuple(
        Attribution(id=f"a{i}", source=None, source_start=None, source_end=None, source_type="person", role=None,
                    person=None, channel=None, affiliation=aff, cue=None, cue_start=None, cue_end=None,
                    cue_class=None, cue_id=None, quote_type=qt, content_start=s, content_end=s + n,
                    content_words=n, hedged=False, sentence=None, rule="test")
        for i, (s, n, aff, qt) in enumerate(spans))
    result = AttributionResult(atts, (), {})

    def scan(offset: int) -> str:
        best = None
        for a in voiced(atts):
            if a.content_start <= offset < a.content_end and (
                    best is None or a.content_end - a.content_start < best.content_end - best.content_start):
                best = a
        return "author" if best is None else best.affiliation or "unknown"

    for offset in range(-1, 45):
        assert result.voice_of(offset) == scan(offset)
