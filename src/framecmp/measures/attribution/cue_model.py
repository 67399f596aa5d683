"""A learned detector of attribution cues the reporting-verb lexicon does not list.

PolNeAR annotates many cues that no word list of reporting verbs holds ("his
*support for* the deal", "*plans* to build", "*in* a new poll", "*wants*",
"*questions about*"). This module holds a small linear model over cheap token
features (the word, its suffix, its neighbours, quotes and capitals nearby) that
proposes such cue spans. It has two parts, both logistic regressions fitted on
PolNeAR train by ``benchmarks/train_cue_model.py`` and shipped as plain JSON
(``lexicons/cue_model.json``; no pickles):

``start``
    P(a cue starts at this token). Evaluated only on tokens whose word is in
    the model's ``heads`` (words that began a cue in training), so the cost per
    article is a few dict look-ups per candidate.
``extend``
    P(the token after a cue token belongs to the same cue), applied greedily
    to the right ("support" + "for", "did" + "not" + "respond" + "to").

:func:`framecmp.measures.attribution.extract.extract_attributions` uses the proposals for cues
that its rules did not find (the cue class is ``unlisted``; never ``loaded``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from framecmp.lexicons import LexiconError, read_json_model
from framecmp.text.doc import Token

__all__ = ["MODEL_FORMAT", "CueModel", "extend_features", "load_cue_model", "neighbours", "sentence_arrays", "start_features"]

MODEL_FORMAT = "framecmp.cue_model/1"

_OPENQ = frozenset("“\"'‘«")
_CLOSEQ = frozenset("”\"'’»")
_PRON = frozenset({"he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "its", "our", "my", "who"})


def _shape(t: Token) -> str:
    x = t.text
    if not x[:1].isalnum():
        return "p"
    if x[:1].isupper():
        return "C"
    if x[:1].isdigit():
        return "d"
    return "l"


def sentence_arrays(toks: Sequence[Token], lo: int, hi: int) -> tuple[list[str], list[str], list[str]]:
    """Per-token word forms, shapes and raw texts of sentence ``lo:hi`` (computed once, reused per candidate)."""
    sent = toks[lo:hi]
    return [t.norm for t in sent], [_shape(t) for t in sent], [t.text for t in sent]


def neighbours(norms: Sequence[str], shapes: Sequence[str], k: int) -> tuple[str, str, str, str, str, str]:
    """Words two to the left and right of token ``k`` and the shapes one to each side:
    ``(p1, p2, n1, n2, ps, ns)``, with ``<s>`` / ``</s>`` beyond the sentence."""
    n = len(norms)
    return (
        norms[k - 1] if k > 0 else "<s>",
        norms[k - 2] if k > 1 else "<s>",
        norms[k + 1] if k + 1 < n else "</s>",
        norms[k + 2] if k + 2 < n else "</s>",
        shapes[k - 1] if k > 0 else "<s>",
        shapes[k + 1] if k + 1 < n else "</s>",
    )


def start_features(
    norms: Sequence[str], shapes: Sequence[str], texts: Sequence[str], k: int, flags: Sequence[str] = ()
) -> list[str]:
    """Feature names for "a cue starts at the ``k``-th token of the sentence".

    ``norms``, ``shapes``, ``texts``: from :func:`sentence_arrays`. ``flags`` are
    context facts the caller knows (``inq``: inside a quotation, ``sq``: the
    sentence has one, ``lex``: a reporting-verb lexicon phrase starts here,
    ``inc``: inside the content of a relation the rules found, ``sc``: the
    rules found a cue in this sentence); each is a feature alone and together
    with the word.
    """
    w = norms[k]
    p1, p2, n1, n2, ps, ns = neighbours(norms, shapes, k)
    f = [
        "w=" + w, "s3=" + w[-3:], "s2=" + w[-2:], "sh=" + shapes[k] + ("0" if k == 0 else ""),
        "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "ps=" + ps, "ns=" + ns,
        "p1w=" + p1 + "|" + w, "wn1=" + w + "|" + n1, "wn2=" + w + "|" + n2,
        "wps=" + w + "|" + ps, "wns=" + w + "|" + ns,
    ]
    if p1 in _PRON:
        f.append("ppron|" + w)
    for fl in flags:
        f += [fl, fl + "|" + w]
    if k + 1 < len(norms) and texts[k + 1] in _OPENQ:
        f.append("nq|" + w)
    if k > 0 and texts[k - 1] in _CLOSEQ:
        f.append("pq|" + w)
    return f


def extend_features(toks: Sequence[Token], head: int, j: int, hi: int) -> list[str]:
    """Feature names for "token ``j`` continues the cue that starts at ``head``"."""
    w = toks[j].norm
    p1 = toks[j - 1].norm
    n1 = toks[j + 1].norm if j + 1 < hi else "</s>"
    h = toks[head].norm
    return [
        "w=" + w, "p1=" + p1, "n1=" + n1, "h=" + h, "sh=" + _shape(toks[j]),
        "p1w=" + p1 + "|" + w, "hw=" + h + "|" + w, "wn1=" + w + "|" + n1,
        "len=" + str(min(j - head, 4)), "s3=" + w[-3:],
    ]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class CueModel:
    """Weights of the learned cue detector (see the module docstring).

    Attributes
    ----------
    start, extend : mapping of feature name -> weight
    start_bias, extend_bias : float
    heads : frozenset of str
        Words a proposed cue may start with (the candidates).
    threshold : float
        A cue is proposed where P(start) >= threshold (chosen by CV on train).
    max_len : int
        The longest span in tokens.
    meta : mapping
        Provenance (training data, CV results).
    """

    start: Mapping[str, float]
    extend: Mapping[str, float]
    start_bias: float
    extend_bias: float
    heads: frozenset[str]
    threshold: float = 0.5
    max_len: int = 6
    meta: Mapping[str, Any] = field(default_factory=dict)

    def p_start(self, feats: Sequence[str]) -> float:
        return _sigmoid(self.start_bias + sum(map(self.start.get, feats, repeat(0.0))))

    def p_extend(self, feats: Sequence[str]) -> float:
        return _sigmoid(self.extend_bias + sum(map(self.extend.get, feats, repeat(0.0))))

    def propose(
        self, toks: Sequence[Token], lo: int, hi: int, *, flags: Sequence[Sequence[str]],
        taken: set[int], threshold: float | None = None,
    ) -> list[tuple[int, int, float]]:
        """Cue spans ``(tok_start, tok_end, p)`` in sentence ``lo:hi``, none touching ``taken``.

        ``flags[i - lo]`` are the context flags of token ``i`` (see :func:`start_features`).
        """
        thr = self.threshold if threshold is None else threshold
        out: list[tuple[int, int, float]] = []
        heads = self.heads
        if not any(t.norm in heads for t in toks[lo:hi]):
            return out
        norms, shapes, texts = sentence_arrays(toks, lo, hi)
        i = lo
        while i < hi:
            if norms[i - lo] not in heads or i in taken:
                i += 1
                continue
            p = self.p_start(start_features(norms, shapes, texts, i - lo, flags[i - lo]))
            if p < thr:
                i += 1
                continue
            j = i + 1
            while j < hi and j - i < self.max_len and j not in taken:
                if self.p_extend(extend_features(toks, i, j, hi)) < 0.5:
                    break
                j += 1
            out.append((i, j, p))
            i = j
        return out

    def to_json(self) -> dict[str, Any]:
        """The plain-JSON form (what ``lexicons/cue_model.json`` holds)."""
        return {
            "format": MODEL_FORMAT,
            "threshold": self.threshold,
            "max_len": self.max_len,
            "start_bias": self.start_bias,
            "extend_bias": self.extend_bias,
            "meta": dict(self.meta),
            "heads": sorted(self.heads),
            "start": {k: round(v, 5) for k, v in sorted(self.start.items())},
            "extend": {k: round(v, 5) for k, v in sorted(self.extend.items())},
        }


def _from_json(data: Any, where: str) -> CueModel:
    if not isinstance(data, dict):
        raise LexiconError([f"{where}: a cue model must be a JSON object"])
    problems = []
    if data.get("format") != MODEL_FORMAT:
        problems.append(f"{where}: 'format' must be {MODEL_FORMAT!r}, got {data.get('format')!r}")
    for key in ("start", "extend"):
        v = data.get(key)
        if not isinstance(v, dict) or not all(isinstance(x, (int, float)) for x in v.values()):
            problems.append(f"{where}: '{key}' must map feature names to numbers")
    if not isinstance(data.get("heads"), list):
        problems.append(f"{where}: 'heads' must be a list of words")
    thr = data.get("threshold", 0.5)
    if isinstance(thr, bool) or not isinstance(thr, (int, float)) or not 0.0 <= thr <= 1.0:
        problems.append(f"{where}: 'threshold' must be a number in [0, 1], got {thr!r}")
    if problems:
        raise LexiconError(problems)
    return CueModel(
        start={k: float(v) for k, v in data["start"].items()},
        extend={k: float(v) for k, v in data["extend"].items()},
        start_bias=float(data.get("start_bias", 0.0)),
        extend_bias=float(data.get("extend_bias", 0.0)),
        heads=frozenset(str(h) for h in data["heads"]),
        threshold=float(thr),
        max_len=int(data.get("max_len", 6)),
        meta=dict(data.get("meta", {})),
    )


def load_cue_model(path: str | Path | Mapping[str, Any] | None = None) -> CueModel:
    """Load a cue model from plain JSON: a file, the same data as a dict, or None for the bundled one."""
    return read_json_model(path, _from_json, bundled="cue_model.json")

