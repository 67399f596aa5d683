"""The distillation scripts: the transfer set's targets, and training with a transfer set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

distil = pytest.importorskip("distil_transfer_set")
train_script = pytest.importorskip("train_stance_model")

from framecmp.text.doc import analyze  # noqa: E402


def _names(s: str) -> list[str]:
    doc = analyze(s)
    return [s[a:b] for a, b in distil.name_spans(s, list(doc.tokens))]


def test_a_target_is_a_run_of_capitalised_words_not_the_first_word_alone():
    assert _names("Senate Republicans met Pelosi in the European Union offices.") == [
        "Senate Republicans", "Pelosi", "European Union"]
    assert _names("The talks ended when Putin left.") == ["Putin"]
    assert _names("However, Macron said nothing.") == ["Macron"]
    assert _names("The European Union imposed sanctions on Russia.") == ["European Union", "Russia"]


def _write(path: Path, rows: list[tuple[str, str, int]], *, soft: bool = False) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for k, (s, target, pol) in enumerate(rows):
            a = s.index(target)
            t = {"from": a, "to": a + len(target), "mention": target, "polarity": float(pol)}
            if soft:
                t["p"] = [0.8, 0.1, 0.1] if pol == 2 else [0.1, 0.1, 0.8] if pol == 6 else [0.1, 0.8, 0.1]
            fh.write(json.dumps({"primary_gid": f"g{k}", "sentence_normalized": s, "targets": [t]}) + "\n")


_GOOD = ["praised", "thanked", "hailed", "welcomed"]
_BAD = ["attacked", "condemned", "denounced", "blamed"]


def _gold(repeats: int, neutral: int) -> list[tuple[str, str, int]]:
    """A tiny gold set: praise and blame of one name each, and neutral sentences."""
    gold = [(f"Critics {v} Smith{k} over the plan.", f"Smith{k}", 6 if v in _GOOD else 2)
            for k, v in enumerate(_GOOD * repeats + _BAD * repeats)]
    return gold + [(f"Jones{k} arrived in the city on Monday.", f"Jones{k}", 4) for k in range(neutral)]


def test_training_with_a_transfer_set_keeps_the_folds_on_gold_and_records_it(tmp_path):
    good, bad = _GOOD, _BAD
    gold = _gold(3, 12)
    silver = [(f"Voters {v} Brown{k} again.", f"Brown{k}", 6 if v in good else 2) for k, v in enumerate(good + bad)]
    _write(tmp_path / "gold.jsonl", gold)
    _write(tmp_path / "silver.jsonl", silver, soft=True)
    out = tmp_path / "model.json"
    rc = train_script.main(["--features", "fast", "--data", str(tmp_path / "gold.jsonl"), "--silver",
                            str(tmp_path / "silver.jsonl"), "--silver-soft", "--silver-balance",
                            "--silver-weight", "0.5", "--C", "1.0", "--min-df", "1", "-o", str(out)])
    assert rc == 0
    model = json.loads(out.read_text(encoding="utf-8"))
    meta = model["meta"]
    assert meta["n_targets"] == len(gold)  # the folds and counts are the gold file's
    ts = meta["transfer_set"]
    assert ts["n_targets"] == len(silver) and ts["soft_labels"] and ts["class_balance"] and ts["weight"] == 0.5
    assert "model.onnx sha256" in ts["teacher"]
    assert model["feature_config"]["masked_labels"] is True


def test_c_can_be_chosen_on_the_sentences_the_teacher_never_saw(tmp_path):
    gold = _gold(5, 20)
    _write(tmp_path / "gold.jsonl", gold)
    held = train_script.teacher_holdout(str(tmp_path / "gold.jsonl"), len(gold))
    # train_neural_stance.py's split: sentence ids sorted, shuffled with Random(13), the first 10%
    import random

    ids = sorted(f"g{k}" for k in range(len(gold)))
    random.Random(13).shuffle(ids)
    assert [f"g{k}" for k in range(len(gold)) if held[k]] == sorted(ids[: len(gold) // 10], key=lambda g: int(g[1:]))
    _write(tmp_path / "silver.jsonl", gold[:8], soft=True)
    out = tmp_path / "model.json"
    rc = train_script.main(["--features", "fast", "--data", str(tmp_path / "gold.jsonl"), "--silver",
                            str(tmp_path / "silver.jsonl"), "--silver-soft", "--C", "0.3", "1.0",
                            "--min-df", "1", "--select", "teacher-holdout", "-o", str(out)])
    assert rc == 0
    cv = json.loads(out.read_text(encoding="utf-8"))["meta"]["cv"]
    assert "held-out 10%" in cv["folds"] and set(cv["results"]) == {"0.3", "1.0"}
    with pytest.raises(SystemExit, match="sentence ids"):
        train_script.teacher_holdout(str(tmp_path / "gold.jsonl"), len(gold) + 1)
