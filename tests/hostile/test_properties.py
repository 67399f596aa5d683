"""Properties: any Unicode, any JSON value, any bytes, in any field, never crash loading or
scoring and never lose an article.

For every generated input: loading gives exactly one article per input row (a broken
row has a status saying why), with distinct ids; scoring gives one ``articles`` row per
article, in order; every frame can be saved as Parquet and CSV, and every page rendered,
as UTF-8. Examples are few and the deadline is off, so the whole file runs in seconds;
locally hypothesis looks for new cases each run (CI derandomizes, see conftest.py).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framecmp as fc
from framecmp.present.markup import BIDI_CONTROLS
from framecmp.runs import score_file

FIELDS = ("id", "outlet", "title", "text", "date", "url", "event", "language", "translated_from", "extra")

# every code point, lone surrogates included (legal in JSON as "\ud800", not characters)
any_text = st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=60)
news_text = st.lists(st.sampled_from(["Mali", "Russia", "France", "said", "the", "junta", "accused", ",", ".",
                                      "\u201c", "\u201d", '"', "\n", "\n\n", "ECOWAS", "Lavrov", "told"]),
                     max_size=40).map(" ".join)
json_leaf = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
             | st.floats(allow_nan=True, allow_infinity=True) | any_text)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(any_text, inner, max_size=3), max_leaves=6)
field_value = json_value | news_text  # news-like text now and then, so that articles get scored
record = st.fixed_dictionaries({}, optional={f: field_value for f in FIELDS})

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
pytestmark = pytest.mark.filterwarnings("ignore")  # the inputs are meant to be bad: they warn


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    # ensure_ascii (the default) writes a lone surrogate as the JSON escape "\ud800"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _check_scores(corpus: fc.Corpus, n: int, folder: Path) -> fc.Scores:
    assert len(corpus) == n and len(set(corpus.ids)) == n
    scores = fc.score(corpus, progress=False)
    assert scores.articles["article_id"].tolist() == list(corpus.ids)
    assert set(scores.evidence["article_id"]) <= set(corpus.ids)
    scores.save(folder / "parquet", format="parquet")
    scores.save(folder / "csv", format="csv")
    for a in corpus:
        page = fc.highlight(a, scores.evidence)._repr_html_()
        page.encode("utf-8")  # no lone surrogate reaches a page
        assert BIDI_CONTROLS.search(page) is None
    return scores


@SETTINGS
@given(records=st.lists(record, min_size=1, max_size=4))
def test_any_json_value_in_any_field_loads_and_scores(tmp_path_factory: pytest.TempPathFactory,
                                                      records: list[dict]) -> None:
    folder = tmp_path_factory.mktemp("json")
    src = _write_jsonl(folder / "in.jsonl", records)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _check_scores(fc.load(src), len(records), folder)


@settings(SETTINGS, max_examples=10)
@given(records=st.lists(record, min_size=1, max_size=5), chunksize=st.integers(1, 3))
def test_any_json_value_in_any_field_streams_through_framecmp_score(
        tmp_path_factory: pytest.TempPathFactory, records: list[dict], chunksize: int) -> None:
    folder = tmp_path_factory.mktemp("stream")
    src = _write_jsonl(folder / "in.jsonl", records)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score_file(src, folder / "out", chunksize=chunksize, progress=False, format="csv")
        expected = fc.load(src).ids
    arts = pd.read_csv(folder / "out" / "articles.csv", dtype=str, keep_default_na=False)
    assert len(arts) == len(records) and arts["article_id"].is_unique
    assert len(expected) == len(records)


line_bytes = st.binary(max_size=80).filter(lambda b: b"\n" not in b)


@SETTINGS
@given(lines=st.lists(line_bytes, min_size=1, max_size=6))
def test_any_bytes_on_a_line_give_one_article_per_line(tmp_path_factory: pytest.TempPathFactory,
                                                       lines: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    src = folder / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = fc.load(src)
    assert len(corpus) == sum(1 for b in lines if b.strip())  # blank lines are skipped
    _check_scores(corpus, len(corpus), folder)


@SETTINGS
@given(values=st.lists(st.tuples(st.sampled_from(FIELDS[1:]), st.binary(max_size=40)), min_size=1, max_size=4))
def test_any_bytes_in_a_field_give_one_article_per_row(tmp_path_factory: pytest.TempPathFactory,
                                                       values: list[tuple[str, bytes]]) -> None:
    folder = tmp_path_factory.mktemp("fields")
    rows = []
    for i, (field, raw) in enumerate(values):
        # raw bytes spliced into a JSON string: a quote or backslash may break the line (a
        # parse_error), bytes that are not UTF-8 make it not_utf8; a line it is either way
        fields = {"id": f"r{i}".encode(), "outlet": b"RT", "text": b"Mali met Russia."}
        fields[field] = raw.replace(b"\n", b" ").replace(b"\r", b" ")
        rows.append(b"{" + b", ".join(b'"%s": "%s"' % (k.encode(), v) for k, v in fields.items()) + b"}")
    src = folder / "in.jsonl"
    src.write_bytes(b"\n".join(rows) + b"\n")
    csv = folder / "in.csv"
    header = ["id", "outlet", "text"] + sorted({f for f, _ in values} - {"outlet", "text"})
    lines = [",".join(header).encode()]
    for i, (field, raw) in enumerate(values):
        cells = {"id": f"r{i}".encode(), "outlet": b"RT", "text": b"Mali met Russia.", field: raw}
        lines.append(b",".join(b'"' + cells.get(h, b"").replace(b'"', b'""') + b'"' for h in header))
    csv.write_bytes(b"\n".join(lines) + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in (src, csv):
            _check_scores(fc.load(path), len(values), folder / path.suffix[1:])


@settings(SETTINGS, max_examples=15)
@given(rows=st.lists(st.fixed_dictionaries({f: any_text | news_text for f in FIELDS}), min_size=1, max_size=4))
def test_any_unicode_in_a_dataframe_scores_and_renders(tmp_path_factory: pytest.TempPathFactory,
                                                       rows: list[dict]) -> None:
    folder = tmp_path_factory.mktemp("frame")
    df = pd.DataFrame(rows, dtype=object)  # (pandas' own strings cannot hold a lone surrogate)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = fc.from_dataframe(df)
        scores = _check_scores(corpus, len(rows), folder)
        if not (scores.articles["status"] == "ok").any():
            with pytest.raises(ValueError, match="at least one scored article"):
                fc.worksheet(scores)  # a clear error, not a crash
            return
        sheet = fc.worksheet(scores)
    for page in (sheet.html, sheet.answer_key_html, sheet.answer_key_markdown):
        page.encode("utf-8")
        assert BIDI_CONTROLS.search(page) is None


@settings(SETTINGS, max_examples=4)
@given(rows=st.lists(st.fixed_dictionaries({f: any_text | news_text for f in FIELDS}), min_size=2, max_size=3))
def test_any_unicode_renders_in_a_report(rows: list[dict]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = fc.score(fc.from_dataframe(pd.DataFrame(rows, dtype=object)), progress=False)
        page = fc.report(scores)
    page.encode("utf-8")
    assert BIDI_CONTROLS.search(page) is None
