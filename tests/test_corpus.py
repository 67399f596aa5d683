"""Tests of articles, corpora and every loader, with good and bad inputs."""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import pickle
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from framecmp import schema as columns
from framecmp.io import corpus
from framecmp.io.corpus import Article, Corpus, make_article
from framecmp.io.readers import (
    from_dataframe,
    iter_csv,
    iter_jsonl,
    iter_records,
    load,
    load_folder,
    load_html,
    load_seeds,
    read_csv,
    read_jsonl,
    read_parquet,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_seeds()


# --------------------------------------------------------------------------- seeds


def test_seeds_load(seeds: Corpus) -> None:
    assert len(seeds) == 5
    assert seeds.ids == ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")
    assert seeds.outlets == (
        "Anadolu Agency", "Nigerian news site (unidentified)", "RT", "Sputnik",
        "Une Plume du Mali (republished)",
    )
    assert all(a.status == "ok" for a in seeds)
    a2 = seeds["seed-002"]
    assert a2.translated_from == "fr" and a2.language == "en"
    assert a2.date == datetime.date(2024, 2, 29)
    assert a2.metadata["date_precision"] == "approximate"
    assert "uncertain" in a2.metadata
    assert seeds["seed-004"].metadata["via"] == "Malijet"
    assert seeds["seed-000"].title is None
    assert seeds["seed-001"].event == "maiga-al-jazeera-interview-2023"


def test_seeds_frames(seeds: Corpus) -> None:
    df = seeds.to_frame()
    assert list(df.columns) == columns.ARTICLES
    assert len(df) == 5
    assert df["duplicate_of"].isna().all()
    assert dict(zip(df["article_id"], df["n_removed"])) == {
        "seed-000": 1, "seed-001": 4, "seed-002": 12, "seed-003": 1, "seed-004": 11,
    }
    assert (df["n_words"] > 200).all()
    log = seeds.removal_log()
    assert list(log.columns) == columns.REMOVALS
    assert len(log) == 29
    for a in seeds:
        for r in a.removals:
            assert a.raw_text[r.raw_start:r.raw_end] == r.text


def test_seed_text_maps_back_to_raw(seeds: Corpus) -> None:
    a = seeds["seed-001"]
    s = a.text.index("This visit has been viewed")
    e = s + len("This visit has been viewed")
    assert a.raw_text[a.offsets.raw_span(s, e)] == a.text[s:e]


def test_seeds_unclean(seeds: Corpus) -> None:
    raw = load_seeds(clean=False)
    assert all(a.text == a.raw_text for a in raw)
    assert raw.removal_log().empty


def test_seeds_metadata_covers_every_file() -> None:
    from framecmp.lexicons import seeds_path

    txt = sorted(p.name for p in seeds_path().glob("*.txt"))
    assert len(txt) == 5
    assert (seeds_path() / "README.md").is_file()


# --------------------------------------------------------------------------- Corpus API


def test_corpus_indexing_and_repr(seeds: Corpus) -> None:
    assert seeds[0].article_id == "seed-000"
    assert seeds["seed-003"].outlet == "RT"
    sub = seeds[1:3]
    assert isinstance(sub, Corpus) and sub.ids == ("seed-001", "seed-002")
    assert "seed-001" in seeds and "nope" not in seeds
    with pytest.raises(KeyError, match="seed-000"):
        seeds["nope"]
    assert repr(seeds) == "Corpus('seeds', 5 articles, 5 outlets, 5 scorable)"
    assert [a.article_id for a in seeds] == list(seeds.ids)


def test_corpus_is_immutable(seeds: Corpus) -> None:
    a = seeds[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.outlet = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.metadata["x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        seeds.extra = 1  # type: ignore[attr-defined]
    b = a.replace(event="other")
    assert b.event == "other" and a.event != "other"


def test_articles_and_corpus_pickle(seeds: Corpus) -> None:
    """Worker processes receive articles by pickle."""
    again = pickle.loads(pickle.dumps(seeds))
    assert again.ids == seeds.ids
    assert again[2] == seeds[2]
    assert isinstance(again[2].metadata, types.MappingProxyType)


def test_corpus_filter(seeds: Corpus) -> None:
    assert seeds.filter(outlet="RT").ids == ("seed-003",)
    assert seeds.filter(outlet=["RT", "Sputnik"]).ids == ("seed-001", "seed-003")
    assert seeds.filter(start="2024-01-01", end="2024-12-31").ids == (
        "seed-000", "seed-002", "seed-003",
    )
    assert len(seeds.filter(status="ok")) == 5
    assert seeds.filter(lambda a: a.translated_from == "fr").ids == ("seed-002",)
    assert seeds.filter(ids=["seed-004"]).ids == ("seed-004",)
    assert len(seeds.filter(event="nope")) == 0
    with pytest.raises(ValueError, match="'status' parameter"):
        seeds.filter(status="okay")
    with pytest.raises(ValueError, match="'start' parameter"):
        seeds.filter(start="not a date")


def test_with_events(seeds: Corpus) -> None:
    new = seeds.with_events({"seed-000": "e1", "seed-001": "e1"})
    assert [a.event for a in new][:2] == ["e1", "e1"]
    assert new["seed-002"].event == seeds["seed-002"].event
    assert seeds["seed-000"].event == "mali-independence-day-2024"  # original unchanged
    series = pd.Series({"seed-003": "e2"})
    assert seeds.with_events(series)["seed-003"].event == "e2"
    with pytest.raises(ValueError, match="not in the corpus"):
        seeds.with_events({"nope": "e"})
    with pytest.raises(TypeError, match="'events' parameter"):
        seeds.with_events(["e1"])  # type: ignore[arg-type]


def test_bare_str_raises() -> None:
    with pytest.raises(TypeError, match="single str"):
        Corpus("abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Article objects"):
        Corpus(["abc"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="'records' parameter"):
        list(iter_records("abc"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'df' parameter"):
        from_dataframe("abc")  # type: ignore[arg-type]


def test_duplicate_ids_name_where() -> None:
    # loaders rename a repeated id (one policy in every reader, issue 17); a Corpus built
    # by hand still refuses two articles with one id, naming where each came from
    df = pd.DataFrame({"id": ["x", "y", "x"], "outlet": ["RT"] * 3, "text": ["A b."] * 3})
    with pytest.warns(UserWarning, match=r"the DataFrame: article id 'x' \(row 3 \(index 2\)\) occurs again; renamed 'x#2'"):
        corpus = from_dataframe(df, id="id")
    assert corpus.ids == ("x", "y", "x#2")
    x = corpus["x"]
    with pytest.raises(ValueError, match=r"'x': the DataFrame row 1 \(index 0\), the DataFrame row 1"):
        Corpus([x, x])


def test_duplicate_ids_in_csv_name_file_and_rows(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("id,outlet,text\na,RT,One.\nb,RT,Two.\na,RT,Three.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"d\.csv: article id 'a' \(row 3\) occurs again; renamed 'a#2'"):
        assert read_csv(p, id="id").ids == ("a", "b", "a#2")


# --------------------------------------------------------------------------- make_article


def test_make_article_statuses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert make_article("a", "RT", "   \n ").status == "empty"
    assert make_article("a", "RT", "Leave a Reply").status == "empty"
    assert make_article("a", "RT", "Leave a Reply").metadata["status_detail"] == (
        "nothing is left after cleaning"
    )
    assert make_article("a", "RT", None).status == "no_text"
    assert make_article("a", None, "Mali met Russia.").status == "missing_outlet"
    assert make_article("a", float("nan"), "Mali met Russia.").outlet == "unknown"
    bad = make_article("a", "RT", "Mali a rencontr\xe9".encode("latin-1"))
    assert bad.status == "not_utf8" and "byte" in bad.metadata["status_detail"]
    assert make_article("a", "RT", b"Mali met Russia.").status == "ok"
    monkeypatch.setattr(corpus, "MAX_CHARS", 10)
    long = make_article("a", "RT", "Mali met Russia in Moscow.")
    assert long.status == "too_long" and long.raw_text == "Mali met Russia in Moscow."
    assert "MAX_CHARS" in long.metadata["status_detail"]


def test_make_article_fields() -> None:
    a = make_article("a", "RT", "Mali met Russia.", date=pd.Timestamp("2024-08-01 10:00"),
                     url="https://example.org/a", translated_from="fr", metadata={"k": 1})
    assert a.date == datetime.date(2024, 8, 1)
    assert a.url == "https://example.org/a"
    assert dict(a.metadata) == {"k": 1}
    assert a.scorable and a.n_words == 3
    with pytest.warns(UserWarning, match="could not be read"):
        b = make_article("b", "RT", "Mali.", date="the day after")
    assert b.date is None and b.metadata["date_raw"] == "the day after"
    with pytest.raises(TypeError, match="unexpected field"):
        make_article("a", "RT", "x", author="me")
    with pytest.raises(ValueError, match="'article_id' parameter"):
        make_article("", "RT", "x")
    with pytest.raises(TypeError, match="'raw_text' parameter"):
        make_article("a", "RT", 3)
    with pytest.raises(ValueError, match="'status' parameter of Article"):
        Article("a", "RT", "", "", make_article("a", "RT", "x").offsets, status="bad")


def test_make_article_no_clean() -> None:
    a = make_article("a", "RT", "Mali met Russia.\nLeave a Reply", clean=False)
    assert a.text == a.raw_text and a.removals == ()


# --------------------------------------------------------------------------- folders


def test_load_folder_csv_metadata() -> None:
    c = load_folder(DATA / "folder_csv", metadata=DATA / "folder_csv" / "metadata.csv")
    assert c.ids == ("a1", "b1")
    a1, b1 = c["a1"], c["b1"]
    assert a1.outlet == "RT" and a1.title == "Pact signed" and a1.event == "pact"
    assert a1.date == datetime.date(2024, 8, 1)
    assert a1.text == "Mali and Russia signed a defence pact on Monday, officials said."
    assert a1.metadata["note"] == "first"
    assert b1.title is None and "note" not in b1.metadata
    assert b1.text == "France withdrew its last troops from Niger."
    assert [r.reason for r in b1.removals] == ["read-also block"]


def test_load_folder_yaml_metadata_found_automatically() -> None:
    c = load_folder(DATA / "folder_yaml")
    assert c.ids == ("a1", "b1")
    assert c["b1"].translated_from == "fr"
    assert c["b1"].metadata["date_precision"] == "month"
    assert c["a1"].event == "pact"


def test_load_folder_metadata_mapping_and_default_outlet(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder_csv" / "a.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "folder_csv" / "b.txt", tmp_path / "b.txt")
    c = load_folder(tmp_path, metadata={"a.txt": {"outlet": "RT"}}, outlet="Blog")
    assert [(a.article_id, a.outlet) for a in c] == [("a", "RT"), ("b", "Blog")]
    c2 = load_folder(tmp_path, outlet="Blog")
    assert c2.outlets == ("Blog",)


def test_load_folder_metadata_row_without_file(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder_csv" / "a.txt", tmp_path / "a.txt")
    (tmp_path / "meta.csv").write_text("file,outlet\na.txt,RT\nmissing.txt,RT\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"meta\.csv row 2: file 'missing\.txt' is not in"):
        load_folder(tmp_path, metadata=tmp_path / "meta.csv")


def test_load_folder_metadata_yaml_row_without_file_names_line(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder_csv" / "a.txt", tmp_path / "a.txt")
    (tmp_path / "metadata.yaml").write_text(
        "- file: a.txt\n  outlet: RT\n- file: gone.txt\n  outlet: RT\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"metadata\.yaml line 3: file 'gone\.txt'"):
        load_folder(tmp_path)


def test_load_folder_files_without_metadata(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder_csv" / "a.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "folder_csv" / "b.txt", tmp_path / "b.txt")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,RT\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"have no metadata row: \['b\.txt'\]"):
        load_folder(tmp_path)
    (tmp_path / "metadata.csv").unlink()
    with pytest.raises(ValueError, match="pass metadata="):
        load_folder(tmp_path)


def test_load_folder_non_utf8_file_gets_status(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder_csv" / "a.txt", tmp_path / "a.txt")
    (tmp_path / "latin.txt").write_bytes("Le Mali a rencontr\xe9 la Russie.".encode("latin-1"))
    c = load_folder(tmp_path, outlet="Blog")
    bad = c["latin"]
    assert bad.status == "not_utf8"
    assert "latin.txt" in bad.metadata["status_detail"]
    assert c["a"].status == "ok"


def test_load_folder_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_folder(tmp_path / "nope")
    with pytest.raises(TypeError, match="'path' parameter"):
        load_folder(3)  # type: ignore[arg-type]
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="'metadata' parameter"):
        load_folder(tmp_path, metadata=DATA / "articles.jsonl")


# --------------------------------------------------------------------------- CSV


def test_read_csv() -> None:
    c = read_csv(DATA / "articles.csv", id="id")
    assert c.ids == ("c1", "c2", "c3", "c4")
    assert [a.status for a in c] == ["ok", "ok", "missing_outlet", "no_text"]
    c1 = c["c1"]
    assert c1.text == "Lavrov spoke to Diop by phone on Thursday."
    assert c1.title == "Lavrov calls Diop" and c1.metadata["section"] == "World"
    assert c1.metadata["row"] == "row 1"
    assert c["c2"].title is None
    assert len(c.to_frame()) == 4  # nothing dropped


def test_read_csv_default_ids_and_stream() -> None:
    # a column named "id" is used without id="id" (as `framecmp score --help` says)
    it = iter_csv(DATA / "articles.csv", chunksize=2)
    first = next(it)
    assert first.article_id == "c1"
    assert "id" not in first.metadata
    assert [a.article_id for a in it] == ["c2", "c3", "c4"]


def test_ids_without_an_id_column_are_file_and_row(tmp_path: Path) -> None:
    p = tmp_path / "noid.csv"
    p.write_text("outlet,text\nRT,One.\nRT,Two.\n", encoding="utf-8")
    assert read_csv(p).ids == ("noid-1", "noid-2")
    q = tmp_path / "someid.jsonl"
    q.write_text('{"id": "k1", "outlet": "RT", "text": "One."}\n{"id": "", "outlet": "RT", "text": "Two."}\n',
                 encoding="utf-8")
    assert read_jsonl(q).ids == ("k1", "someid-line2")  # an empty id falls back to the row
    df = pd.DataFrame({"id": ["a", "b"], "outlet": ["RT"] * 2, "text": ["One.", "Two."]})
    assert from_dataframe(df).ids == ("a", "b")
    assert from_dataframe(df.drop(columns="id")).ids == ("0", "1")
    assert from_dataframe(df, id=False).ids == ("0", "1")  # the "id" column ignored
    assert read_jsonl(q, id=False).ids == ("someid-line1", "someid-line2")


def test_read_csv_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'text' parameter of load_csv\(\) must be a column of .*Got 'body' instead.*"
                                          r"Available columns: \['id', 'outlet', 'text'"):
        read_csv(DATA / "articles.csv", text="body")
    with pytest.raises(ValueError, match="'outlet' parameter"):
        read_csv(DATA / "articles.csv", outlet="site")
    with pytest.raises(ValueError, match="'date' parameter"):
        read_csv(DATA / "articles.csv", date="published")
    with pytest.raises(TypeError, match="unexpected keyword argument 'txt'"):
        read_csv(DATA / "articles.csv", txt="text")
    p = tmp_path / "e.csv"
    p.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="is empty"):
        read_csv(p)


def test_read_csv_not_utf8_row_is_recorded_and_reading_goes_on(tmp_path: Path) -> None:
    # one bad row among many (beyond the first decode buffer): recorded, not fatal, as in JSONL
    p = tmp_path / "latin.csv"
    rows = ["id,outlet,text"] + [f"a{i},RT,Mali met Russia number {i}." for i in range(3000)]
    rows[2001] = "bad,RT,Le Mali a rencontr\xe9 la Russie."
    p.write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    c = read_csv(p)
    assert len(c) == 3000
    bad = c["bad"]
    assert bad.status == "not_utf8" and bad.outlet == "RT"
    assert bad.metadata["status_detail"].endswith(
        "row 2001, column 'text': not UTF-8 (byte 0xe9 at byte 18 of the field); re-save the file as UTF-8")
    assert "rencontr\ufffd la Russie" in bad.raw_text
    assert bad.metadata["row"] == "row 2001" and "id" not in bad.metadata
    assert sum(a.status == "ok" for a in c) == 2999


def test_read_csv_header_not_utf8(tmp_path: Path) -> None:
    p = tmp_path / "latin.csv"
    p.write_bytes("outlet,t\xe9xt\nRT,Mali.\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"the header row is not UTF-8"):
        read_csv(p)


# --------------------------------------------------------------------------- JSON Lines


def test_read_jsonl() -> None:
    c = read_jsonl(DATA / "articles.jsonl", id="id")
    assert c.ids == ("j1", "j2", "j3")
    assert c["j1"].text == "Moscow will keep supporting Mali, Lavrov said."
    assert c["j2"].event == "interview"
    assert c["j3"].status == "empty"


def test_read_jsonl_gz(tmp_path: Path) -> None:
    p = tmp_path / "articles.jsonl.gz"
    with gzip.open(p, "wb") as fh:
        fh.write((DATA / "articles.jsonl").read_bytes())
    c = load(p, id="id")
    assert c.ids == ("j1", "j2", "j3")
    assert c["j1"].date == datetime.date(2024, 8, 1)


def test_read_jsonl_broken_lines() -> None:
    c = read_jsonl(DATA / "broken.jsonl", id="id")
    assert c.ids == ("k1", "broken-line2", "k3", "broken-line4")
    assert [a.status for a in c] == ["ok", "parse_error", "ok", "parse_error"]
    detail = c["broken-line2"].metadata["status_detail"]
    assert "broken.jsonl line 2" in detail
    assert c["broken-line2"].raw_text.startswith('{"id": "k2"')
    assert "JSON object" in c["broken-line4"].metadata["status_detail"]


def test_read_jsonl_not_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"outlet": "RT", "text": "ok."}\n{"outlet": "RT", "text": "caf\xe9"}\n')
    c = read_jsonl(p)
    assert [a.status for a in c] == ["ok", "not_utf8"]


def test_iter_jsonl_is_lazy() -> None:
    it = iter_jsonl(DATA / "articles.jsonl", id="id")
    assert next(it).article_id == "j1"


# --------------------------------------------------------------------------- Parquet and DataFrames


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc": ["p1", "p2"],
            "site": ["RT", "Sputnik"],
            "body": ["Moscow backs Bamako.\nRead more", "Maiga praised Moscow."],
            "published": ["2024-08-01", None],
            "topic": ["call", "interview"],
        }
    )


def test_read_parquet(tmp_path: Path) -> None:
    p = tmp_path / "a.parquet"
    _frame().to_parquet(p)
    c = read_parquet(p, id="doc", outlet="site", text="body", date="published", batch_size=1)
    assert c.ids == ("p1", "p2")
    assert c["p1"].text == "Moscow backs Bamako."
    assert c["p1"].date == datetime.date(2024, 8, 1) and c["p2"].date is None
    assert c["p2"].metadata["topic"] == "interview"
    assert load(p, id="doc", outlet="site", text="body").ids == ("p1", "p2")
    with pytest.raises(ValueError, match="Available columns"):
        read_parquet(p)


def test_from_dataframe() -> None:
    df = _frame()
    c = from_dataframe(df, id="doc", outlet="site", text="body", event="topic")
    assert c["p2"].event == "interview"
    c2 = from_dataframe(df.set_index("doc"), outlet="site", text="body")
    assert c2.ids == ("p1", "p2")
    with pytest.raises(ValueError, match=r"Available columns: \['doc', 'site', 'body'"):
        from_dataframe(df)


def test_iter_records() -> None:
    arts = list(iter_records([{"outlet": "RT", "text": "Mali."}], source="feed"))
    assert arts[0].article_id == "feed-1"


# --------------------------------------------------------------------------- dispatch and HTML


def test_load_dispatch() -> None:
    assert load(DATA / "articles.csv", id="id").ids[0] == "c1"
    assert load(DATA / "articles.jsonl", id="id").ids[0] == "j1"
    assert load(DATA / "folder_yaml").ids == ("a1", "b1")


def test_load_unknown_suffix(tmp_path: Path) -> None:
    p = tmp_path / "a.docx"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'path' parameter of load\(\).*\.jsonl\.gz.*'a\.docx'"):
        load(p)


def test_load_html_without_trafilatura(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    p = tmp_path / "a.html"
    p.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(ImportError, match=r"pip install framecmp\[html\]"):
        load_html(p)


def test_load_html_with_stub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The HTML path with a stand-in extractor (trafilatura itself is optional)."""
    stub = types.ModuleType("trafilatura")

    def extract(html: str, **kw: object) -> str | None:
        return None if "empty" in html else "Mali met Russia in Moscow.\nLeave a Reply"

    def extract_metadata(html: str) -> types.SimpleNamespace:
        return types.SimpleNamespace(title="Mali meets Russia", date="2024-02-28",
                                     url="https://example.org/x", sitename="Example News")

    stub.extract = extract  # type: ignore[attr-defined]
    stub.extract_metadata = extract_metadata  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "trafilatura", stub)
    (tmp_path / "a.html").write_text("<p>Mali</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>empty</p>", encoding="utf-8")
    c = load(tmp_path / "a.html")
    a = c["a"]
    assert a.outlet == "Example News" and a.title == "Mali meets Russia"
    assert a.text == "Mali met Russia in Moscow." and a.date == datetime.date(2024, 2, 28)
    c2 = load_html(tmp_path, outlet="Mine")
    assert [x.status for x in c2] == ["ok", "parse_error"]
    assert c2.outlets == ("Mine",)


def test_an_empty_field_is_no_text_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("id,outlet,text\na,RT,\n", encoding="utf-8")
    (tmp_path / "e.jsonl").write_text('{"id": "a", "outlet": "RT", "text": ""}\n', encoding="utf-8")
    df = pd.DataFrame({"id": ["a"], "outlet": ["RT"], "text": [""]})
    statuses = {read_csv(tmp_path / "e.csv")["a"].status, read_jsonl(tmp_path / "e.jsonl")["a"].status,
                from_dataframe(df)["a"].status}
    assert statuses == {"no_text"}
