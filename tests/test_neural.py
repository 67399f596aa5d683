"""engine="neural": the shipped ONNX model (models/neural_stance/), its checks and its evidence.

Skips with a reason where the ``neural`` extra (onnxruntime, tokenizers) is not installed;
CI installs it (the ``dev`` extra pulls it in), so there the shipped model is tested.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest

import framecmp as fc
from framecmp._validation import ParameterError
from framecmp.lexicons import LexiconError, models_dir
from framecmp.measures.stance import load_engine, score_target
from framecmp.measures.stance.neural import (
    EXTRA_HINT,
    NEURAL_FORMAT,
    NeuralEngine,
    load_neural_model,
    neural_available,
)
from framecmp.measures.stance.neural_input import MAX_PIECES, encode_target, pieces_of
from framecmp.text import analyze

needs_extra = pytest.mark.skipif(
    not neural_available(), reason='the neural extra is not installed (pip install "framecmp[neural]")'
)
BUNDLED = models_dir() / "neural_stance"
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@pytest.fixture(scope="module")
def engine() -> NeuralEngine:
    return load_engine("neural")  # type: ignore[return-value]


def _span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_bundled_files_and_card() -> None:
    """The model ships with its tokenizer, card and sums; the card names base, data, licences."""
    for name in ("model.onnx", "tokenizer.json", "card.json", "SHA256SUMS"):
        assert (BUNDLED / name).is_file(), name
    card = json.loads((BUNDLED / "card.json").read_text(encoding="utf-8"))
    assert card["format"] == NEURAL_FORMAT
    assert card["base"]["sha256"] == BASE_SHA256 and card["base"]["licence"] == "Apache-2.0"
    assert card["data"]["licence"] == "MIT" and "NewsMTSC" in card["data"]["name"]
    assert card["training_command"].startswith("python benchmarks/train_neural_stance.py")
    assert (BUNDLED / "model.onnx").stat().st_size < 30_000_000  # the wheel grows by at most 30 MB


def test_without_the_extra_the_message_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert not neural_available()
    with pytest.raises(ImportError, match=r"framecmp\[neural\]"):
        load_neural_model()
    with pytest.raises(ImportError, match=r"framecmp\[neural\]"):
        fc.score(fc.load_seeds(), engine="neural", progress=False)
    assert "neural" in EXTRA_HINT


@needs_extra
def test_altered_file_is_refused_with_both_hashes(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(BUNDLED, folder)
    expected = dict(ln.split("  ")[::-1] for ln in (folder / "SHA256SUMS").read_text().splitlines())
    with open(folder / "tokenizer.json", "a", encoding="utf-8") as f:
        f.write(" ")
    with pytest.raises(LexiconError) as e:
        load_neural_model(folder)
    msg = str(e.value)
    assert "tokenizer.json" in msg and expected["tokenizer.json"] in msg and "does not match" in msg


@needs_extra
def test_missing_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(BUNDLED, folder)
    (folder / "model.onnx").unlink()
    with pytest.raises(LexiconError, match=r"model\.onnx: missing \(expected sha256 [0-9a-f]{64}\)"):
        load_neural_model(folder)
    with pytest.raises(LexiconError, match="no such model folder"):
        load_neural_model(tmp_path / "nowhere")


@needs_extra
def test_signs_and_occlusion_evidence(engine: NeuralEngine) -> None:
    """Clear sentences get the right sign; each evidence row is a word of the sentence whose
    removal moves the score, with its offsets in doc.text."""
    text = ("Macron accused Russia of pursuing a predatory project in Mali. "
            "The president praised the courageous soldiers of the Malian army.")
    doc = analyze(text)
    russia, malian = _span(text, "Russia"), _span(text, "Malian")
    r, m = engine.score_spans(doc, [russia, malian])
    assert r.label == "negative" and r.score < -0.2
    assert m.label == "positive" and m.score > 0.2
    for res in (r, m):
        words = [c for c in res.evidence if c.start >= 0]
        assert words, res
        for c in words:
            assert doc.text[c.start:c.end] == c.text and c.rule_id == "neural.occlusion"
            assert abs(c.value) >= 0.05 and "without this word" in c.explanation
    assert min(r.evidence, key=lambda c: c.value).value < 0  # a word that made Russia look worse
    assert {c.text for c in r.evidence} & {"accused", "predatory"}


@needs_extra
def test_deterministic(engine: NeuralEngine) -> None:
    text = "ECOWAS imposed harsh sanctions on Mali, and the junta denounced the bloc."
    doc = analyze(text)
    spans = [_span(text, "ECOWAS"), _span(text, "Mali"), _span(text, "junta")]
    assert engine.score_spans(doc, spans) == load_engine("neural").score_spans(analyze(text), spans)


@needs_extra
def test_long_sentence_is_cut_around_the_target_and_says_so(engine: NeuralEngine) -> None:
    text = " ".join(["word"] * 5000) + " Russia attacked the villages " + " ".join(["thing"] * 300) + "."
    doc = analyze(text)
    t0 = time.process_time()
    res = engine.score_spans(doc, [_span(text, "Russia")])[0]
    assert time.process_time() - t0 < 30  # bounded, not a speed target
    assert res.evidence[-1].rule_id == "neural.truncated" and str(MAX_PIECES) in res.evidence[-1].explanation
    assert -1 <= res.score <= 1


@needs_extra
def test_empty_input(engine: NeuralEngine) -> None:
    assert engine.score_spans(analyze("Mali."), []) == []
    assert engine.score_spans(analyze(""), []) == []


def test_input_keeps_the_target_and_marks_it() -> None:
    class Tok:  # a stand-in tokenizer: one piece per whitespace word
        vocab = {"[CLS]": 101, "[SEP]": 102, "[unused0]": 1, "[unused1]": 2}

        def token_to_id(self, t: str) -> int | None:
            return self.vocab.get(t)

        def encode(self, text: str, add_special_tokens: bool = False):  # noqa: ANN201
            import re

            ms = list(re.finditer(r"\S+", text))

            class E:
                ids = [1000 + i for i in range(len(ms))]
                offsets = [(m.start(), m.end()) for m in ms]
                word_ids = list(range(len(ms)))

            return E()

    text = " ".join(f"w{i}" for i in range(300))
    p = pieces_of(Tok(), text)
    a, b = _span(text, "w150")
    row = encode_target(p, a, b)
    assert len(row.ids) == MAX_PIECES and row.truncated
    k = row.ids.index(1)
    assert row.ids[k + 1] == 1150 and row.ids[k + 2] == 2 and row.target_mask[k + 1] == 1
    assert sum(row.target_mask) == 1 and row.ids[0] == 101 and row.ids[-1] == 102
    short = encode_target(pieces_of(Tok(), "a b c"), 2, 3, drop=frozenset({0}))
    assert short.ids == [101, 1, 1001, 2, 1002, 102] and not short.truncated


@needs_extra
def test_score_target_and_scorer_take_the_engine() -> None:
    s = "Macron accused Russia of pursuing a predatory project in Mali."
    res = score_target(s, 15, 21, engine="neural")
    assert res.mode == "neural" and res.label == "negative"
    with pytest.raises(ParameterError, match="rules"):
        load_engine("neural", rules=object())  # type: ignore[arg-type]


@needs_extra
def test_seeds_through_the_neural_engine() -> None:
    """The whole pipeline on the seeds: evaluations come from the neural engine with word
    evidence, portrayal rows trace to them, and two runs (one in two worker processes) give the
    same frames."""
    corpus = fc.load_seeds()
    a = fc.score(corpus, engine="neural", progress=False)
    ev = a.evidence
    neural = ev[(ev["kind"] == "evaluation") & (ev["category"] == "neural")]
    assert len(neural) >= 20
    assert (neural["start"] >= 0).all()
    assert a.portrayal["n_evidence"].sum() > 0
    ru = a.portrayal[(a.portrayal["actor"] == "russia")].set_index("outlet")["score"]
    assert ru.notna().all()
    b = fc.score(corpus, engine="neural", workers=2, progress=False)  # worker processes load it too
    assert a.portrayal.equals(b.portrayal) and a.stance.equals(b.stance) and a.evidence.equals(b.evidence)


@needs_extra
def test_cli_score_takes_the_engine(tmp_path: Path) -> None:
    import pandas as pd

    from framecmp.cli import main

    assert main(["score", "seeds", "-o", str(tmp_path / "out"), "--engine", "neural", "--format", "csv",
                 "--no-progress"]) == 0
    ev = pd.read_csv(tmp_path / "out" / "evidence.csv")
    assert (ev["category"] == "neural").sum() >= 20
