"""The neural target engine: a small fine-tuned transformer, run offline by ONNX Runtime.

``engine="neural"`` scores every target span with all-MiniLM-L6-v2 (Apache-2.0) fine-tuned on
NewsMTSC train (``benchmarks/train_neural_stance.py``), exported to int8 ONNX and shipped in
``models/neural_stance/`` (``framecmp/_data/models/neural_stance/`` in the wheel) with its
tokenizer, a model card (``card.json``) and ``SHA256SUMS``. Every file is checked against
``SHA256SUMS`` when the model is loaded; nothing is ever downloaded.

Needs the ``neural`` extra (``pip install "framecmp[neural]"``: onnxruntime and tokenizers).

Score: P(positive) - P(negative) of the model, in [-1, 1]; label: the likeliest class.

Evidence (word level, so that the highlight view and the answer key work as for the other
engines): occlusion. For a score at least :data:`OCCLUDE_FROM` away from 0, the engine scores
the sentence again without each of up to :data:`OCCLUDED_WORDS` candidate words (words with a
VADER valence first, then the nearest to the target; never the target itself, never a function
word such as "from" or "its", which moves a model without saying anything) and lists each
word whose removal moves the score by at least :data:`MIN_EVIDENCE`, with ``value`` = score
with the word minus score without it (positive: the word made the target look better). All
rows run one at a time (see :meth:`NeuralModel.logits`).

A sentence longer than :data:`~framecmp.measures.stance.neural_input.MAX_PIECES` word pieces
is cut around the target; the evidence then holds a row ``kind="feature"``,
``rule_id="neural.truncated"`` that says so.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framecmp.lexicons import LexiconError, file_sha256, models_dir
from framecmp.measures.stance.neural_input import (
    MAX_PIECES,
    Pieces,
    TargetInput,
    encode_target,
    pieces_of,
)
from framecmp.measures.stance.target import LABELS, Contribution, TargetScore, locate_spans
from framecmp.measures.stance.vader import valence_table
from framecmp.text.doc import Doc
from framecmp.text.language import FUNCTION_WORDS

__all__ = [
    "EXTRA_HINT",
    "MIN_EVIDENCE",
    "NEURAL_FORMAT",
    "OCCLUDED_WORDS",
    "OCCLUDE_FROM",
    "NeuralEngine",
    "NeuralModel",
    "load_neural_model",
    "neural_available",
]

NEURAL_FORMAT = "framecmp-neural-stance/1"
#: How to get what the engine needs.
EXTRA_HINT = 'engine="neural" needs the neural extra: pip install "framecmp[neural]" (onnxruntime and tokenizers)'
#: Occlusion runs only for scores at least this far from 0 (a neutral score has nothing to explain).
OCCLUDE_FROM = 0.2
#: At most this many words are taken out, one at a time, per evaluation.
OCCLUDED_WORDS = 4
#: A word is evidence when taking it out moves the score by at least this much.
MIN_EVIDENCE = 0.05
_WORD_RE = re.compile(r"[^\W\d_]", re.UNICODE)
#: Words never taken out: English function words ("from", "its", "the"), which move a model's
#: score without saying anything a reader could point at; "not" and "against" stay candidates.
_FUNCTION = FUNCTION_WORDS["en"] - {"not", "against"}
_FILES = ("card.json", "model.onnx", "tokenizer.json")


def neural_available() -> bool:
    """True when onnxruntime and tokenizers can be imported (the ``neural`` extra)."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


def _check_files(folder: Path) -> dict[str, str]:
    """Every file of the model folder against its ``SHA256SUMS``; the sums by name."""
    listing = folder / "SHA256SUMS"
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise LexiconError([f"{listing}: cannot read the model's sha256 list ({e.strerror})"]) from None
    expected = {name.strip(): h.strip() for h, _sep, name in (ln.partition("  ") for ln in lines) if name}
    problems = []
    for name in sorted(set(_FILES) | set(expected)):
        p = folder / name
        if "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"{listing}: {name!r} is not a file of the model folder")
        elif name not in expected:
            problems.append(f"{listing}: no sha256 listed for {name}")
        elif not p.is_file():
            problems.append(f"{p}: missing (expected sha256 {expected[name]})")
        else:
            got = file_sha256(p)
            if got != expected[name]:
                problems.append(
                    f"{p}: sha256 {got} does not match the expected {expected[name]} listed in {listing}; "
                    "the model file was changed or damaged: reinstall framecmp, or rebuild it with "
                    "benchmarks/train_neural_stance.py"
                )
    if problems:
        raise LexiconError(problems)
    return expected


@dataclass(frozen=True)
class NeuralModel:
    """A loaded neural stance model: ONNX Runtime session, tokenizer and model card."""

    path: Path
    card: dict[str, Any]
    session: Any
    tokenizer: Any

    @property
    def version(self) -> str:
        """The model's date and the first 12 hex digits of its ONNX file's sha256."""
        return f"{self.card.get('date', '?')}:{str(self.card.get('files', {}).get('model.onnx', '?'))[:12]}"

    def logits(self, rows: Sequence[TargetInput]) -> np.ndarray:
        """The model's logits (negative, neutral, positive) for each input row, in order.

        Each row runs alone: the int8 model quantises its activations with one scale per
        input tensor, so in a batch a row's score would move with the other rows and the
        padding (a mention would score differently in another article). On 2 cores a row
        alone runs about as fast as a row in a batch (README, "The neural engine").
        """
        out = np.zeros((len(rows), 3), np.float32)
        run = self.session.run
        for i, row in enumerate(rows):
            n = len(row.ids)
            feed = {
                "input_ids": np.asarray([row.ids], np.int64),
                "attention_mask": np.ones((1, n), np.int64),
                "target_mask": np.asarray([row.target_mask], np.float32),
            }
            out[i] = run(["logits"], feed)[0][0]
        return out


def load_neural_model(path: str | Path | None = None, *, threads: int = 1) -> NeuralModel:
    """Load (and check) a neural stance model folder; None: the bundled one.

    Parameters
    ----------
    path : str, Path or None
        A folder with ``model.onnx``, ``tokenizer.json``, ``card.json`` and ``SHA256SUMS``
        (what ``benchmarks/train_neural_stance.py`` writes).
    threads : int
        ONNX Runtime threads per process (1: the scorer's workers give the parallelism).

    Raises
    ------
    ImportError
        Without the ``neural`` extra (the message names it).
    LexiconError
        A missing file, or one whose sha256 is not the listed one (the message names the file
        and both hashes).
    """
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError as e:
        raise ImportError(f"{EXTRA_HINT}; {e}") from None
    folder = Path(path) if path is not None else models_dir() / "neural_stance"
    if not folder.is_dir():
        raise LexiconError([f"{folder}: no such model folder"])
    sums = _check_files(folder)
    try:
        card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise LexiconError([f"{folder / 'card.json'} line {e.lineno}: not valid JSON ({e.msg})"]) from None
    if not isinstance(card, dict) or card.get("format") != NEURAL_FORMAT:
        raise LexiconError([f"{folder / 'card.json'}: not a {NEURAL_FORMAT} model card"])
    card.setdefault("files", {})
    for name in ("model.onnx", "tokenizer.json"):
        if card["files"].get(name) not in (None, sums[name]):
            raise LexiconError([f"{folder / 'card.json'}: its sha256 of {name} is not the one in SHA256SUMS"])
        card["files"][name] = sums[name]
    so = ort.SessionOptions()
    so.intra_op_num_threads = max(1, int(threads))
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(str(folder / "model.onnx"), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return NeuralModel(path=folder, card=card, session=session, tokenizer=tok)


@functools.lru_cache(maxsize=1)
def _bundled() -> NeuralModel:
    return load_neural_model(None)


def _scores(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return p[:, 2] - p[:, 0], p.argmax(axis=1)


@dataclass
class _Job:
    """One target span: where its sentence starts, its pieces, and its input row."""

    sent_start: int
    pieces: Pieces
    row: TargetInput


class NeuralEngine:
    """Target engine ``neural`` (see the module's text). ``score_spans(doc, spans)`` as the
    other engines: one :class:`TargetScore` per span, evidence offsets in ``doc.text``."""

    name = "neural"

    def __init__(
        self,
        model: NeuralModel | None = None,
        *,
        occlude_from: float = OCCLUDE_FROM,
        occluded_words: int = OCCLUDED_WORDS,
        min_evidence: float = MIN_EVIDENCE,
    ) -> None:
        self.model = model or _bundled()
        self.occlude_from = float(occlude_from)
        self.occluded_words = int(occluded_words)
        self.min_evidence = float(min_evidence)
        self.version = self.model.version

    def _candidates(self, text: str, pieces: Pieces, row: TargetInput) -> list[tuple[int, frozenset[int]]]:
        kept = {i for i in row.piece_index if i >= 0}
        target = {row.piece_index[k] for k, m in enumerate(row.target_mask) if m and row.piece_index[k] >= 0}
        target_words = {pieces.words[i] for i in target}
        centre = min(target) if target else 0
        groups: dict[int, list[int]] = {}
        for i in sorted(kept):
            w = pieces.words[i]
            if w < 0 or w in target_words:
                continue
            groups.setdefault(w, []).append(i)
        table = valence_table()
        ranked = []
        for w, idx in groups.items():
            a, b = pieces.offsets[idx[0]][0], pieces.offsets[idx[-1]][1]
            word = text[a:b]
            if not _WORD_RE.search(word) or word.lower() in _FUNCTION:
                continue
            rank = 0 if word.lower() in table else 1
            ranked.append((rank, abs(idx[0] - centre), w, frozenset(idx)))
        ranked.sort()
        return [(w, idx) for _r, _d, w, idx in ranked[: self.occluded_words]]

    def score_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[TargetScore]:
        """One :class:`TargetScore` per span (character spans of ``doc.text``), in order."""
        located = locate_spans(doc, spans, "score_spans()")
        if not located:
            return []
        tok = self.model.tokenizer
        by_sentence: dict[int, Pieces] = {}
        jobs: list[_Job] = []
        for si, start, end in located:
            sent = doc.sentences[si]
            if si not in by_sentence:
                by_sentence[si] = pieces_of(tok, doc.text[sent.start:sent.end])
            pieces = by_sentence[si]
            row = encode_target(pieces, start - sent.start, end - sent.start)
            jobs.append(_Job(sent.start, pieces, row))
        score, label = _scores(self.model.logits([j.row for j in jobs]))
        # occlusion, for the scores that are not near 0
        extra: list[TargetInput] = []
        owners: list[tuple[int, int, frozenset[int]]] = []
        for k, (j, (si, start, end)) in enumerate(zip(jobs, located)):
            if abs(float(score[k])) < self.occlude_from or self.occluded_words <= 0:
                continue
            sent = doc.sentences[si]
            text = doc.text[sent.start:sent.end]
            for w, idx in self._candidates(text, j.pieces, j.row):
                extra.append(encode_target(j.pieces, start - sent.start, end - sent.start, drop=idx))
                owners.append((k, w, idx))
        without = _scores(self.model.logits(extra))[0] if extra else np.zeros(0)
        evidence: list[list[Contribution]] = [[] for _ in jobs]
        for (k, _w, idx), s_without in zip(owners, without):
            moved = float(score[k]) - float(s_without)
            if abs(moved) < self.min_evidence:
                continue
            j = jobs[k]
            a = j.sent_start + j.pieces.offsets[min(idx)][0]
            b = j.sent_start + j.pieces.offsets[max(idx)][1]
            evidence[k].append(Contribution(
                start=a, end=b, text=doc.text[a:b], value=round(moved, 4), kind="word", rule_id="neural.occlusion",
                explanation=f"without this word the score is {float(s_without):+.2f} instead of {float(score[k]):+.2f}",
            ))
        out = []
        for k, j in enumerate(jobs):
            ev = sorted(evidence[k], key=lambda c: (-abs(c.value), c.start))
            if j.row.truncated:
                ev.append(Contribution(
                    start=-1, end=-1, text="truncated", value=0.0, kind="feature", rule_id="neural.truncated",
                    explanation=f"the sentence is longer than {MAX_PIECES} word pieces: the model read the words nearest the target only",
                ))
            s = max(-1.0, min(1.0, float(score[k])))
            out.append(TargetScore(score=round(s, 4), label=LABELS[int(label[k])], evidence=tuple(ev), mode="neural"))
        return out
