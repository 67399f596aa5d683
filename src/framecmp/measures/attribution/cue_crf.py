"""An optional linear-chain CRF that tags attribution cues (B/I/O over framecmp tokens).

A second kind of learned cue detector beside :mod:`framecmp.measures.attribution.cue_model`. It tags
every token of a sentence as the start of a cue (``B``), inside one (``I``) or
outside (``O``), from cheap token features: the word, its suffixes and shape,
its neighbours, the reporting-verb lexicon's matches and their classes, the
cues, sources and contents the attribution rules found, quotes, capitals and
pronouns nearby. The weights are fitted on PolNeAR train by
``benchmarks/train_cue_crf.py`` (python-crfsuite, needed for training only)
and shipped as plain JSON (``lexicons/cue_crf.json``; no pickles); decoding is
a small pure-Python Viterbi, so no runtime dependency is added.

:func:`framecmp.measures.attribution.extract.extract_attributions` uses it when the config is
built with ``load_attribution_config(cue_model="crf")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framecmp.lexicons import LexiconError, read_json_model
from framecmp.measures.attribution.cue_model import neighbours
from framecmp.text.doc import Token

__all__ = ["LABELS", "MODEL_FORMAT", "CueCRF", "load_cue_crf", "sentence_features"]

MODEL_FORMAT = "framecmp.cue_crf/1"
LABELS = ("O", "B", "I")

_OPENQ = frozenset("“\"'‘«")
_CLOSEQ = frozenset("”\"'’»")
_QUOTES = _OPENQ | _CLOSEQ
_PRON = frozenset({"he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "its", "our", "my", "who"})
# context flags that are also paired with the word and seen from the neighbours
_STRONG = ("rB", "rI", "lexB", "lexI")


def _shape(text: str) -> str:
    c = text[:1]
    if not c.isalnum():
        return "q" if c in _QUOTES else "p"
    if c.isdigit():
        return "d"
    if c.isupper():
        return "A" if text.isupper() and len(text) > 1 else "C"
    return "l"


def _stem(w: str) -> str:
    """A crude stem: "says", "said", "saying" stay apart, but "claims" / "claimed" / "claiming" meet."""
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def sentence_features(toks: Sequence[Token], lo: int, hi: int, flags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Feature names of each token of sentence ``lo:hi``.

    ``flags[i - lo]`` are the context facts of token ``i`` that the caller knows
    (see :func:`framecmp.measures.attribution.learned.crf_context`: ``rB`` / ``rI`` the rules'
    cue starts / continues here, ``rc=<class>`` its lexicon class, ``lexB`` /
    ``lexI`` a reporting-verb lexicon phrase, ``src`` / ``inc`` inside a source /
    content the rules found, ``inq`` inside a quotation, ``sq`` the sentence
    holds one, ``sc`` the rules found a cue in the sentence, ``title``).
    """
    sent = toks[lo:hi]
    n = len(sent)
    norms = [t.norm for t in sent]
    shapes = [_shape(t.text) for t in sent]
    out: list[list[str]] = []
    for k in range(n):
        w = norms[k]
        p1, p2, n1, n2, ps, ns = neighbours(norms, shapes, k)
        f = [
            "bias", "w=" + w, "s3=" + w[-3:], "s2=" + w[-2:], "sh=" + shapes[k],
            "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2, "ps=" + ps, "ns=" + ns,
            "p1w=" + p1 + "|" + w, "wn1=" + w + "|" + n1, "n12=" + n1 + "|" + n2, "p21=" + p2 + "|" + p1,
            "psw=" + ps + "|" + w, "wns=" + w + "|" + ns,
        ]
        st = _stem(w)
        f += ["st=" + st, "p1st=" + p1 + "|" + st, "stn1=" + st + "|" + n1, "wn2=" + w + "|" + n2]
        left = shapes[max(0, k - 3) : k]
        if "C" in left or "A" in left:
            f.append("capL")
        if any(x in _PRON for x in norms[max(0, k - 3) : k]):
            f.append("pronL")
        if k == 0:
            f.append("first")
        elif k >= n - 2:
            f.append("last")
        if p1 in _PRON:
            f.append("ppron")
        if n1 in _PRON:
            f.append("npron")
        fl = flags[k]
        for x in fl:
            f.append(x)
            if x in _STRONG or x.startswith("rc="):
                f.append(x + "|" + w)
        if k > 0:
            f += ["-1:" + x for x in flags[k - 1] if x in _STRONG]
        if k + 1 < n:
            f += ["+1:" + x for x in flags[k + 1] if x in _STRONG]
        out.append(f)
    return out


@dataclass(frozen=True, slots=True)
class CueCRF:
    """Weights of a linear-chain CRF cue tagger (see the module docstring).

    Attributes
    ----------
    state : mapping of feature name -> (weight O, weight B, weight I)
    trans : 3x3 weights, ``trans[a][b]`` for label ``a`` followed by label ``b``
    mode : str
        How the tagged cues combine with the rules' cues: ``add`` (only where
        the rules found no cue), ``trim`` (also take the tagger's span of a
        rule cue it overlaps), ``filter`` (trim, and drop the rule cues it does
        not tag) or ``veto`` (drop the rule cues it does not tag, keep the
        rules' spans of the others).
    meta : mapping
        Provenance (training data, CV results).
    """

    state: Mapping[str, tuple[float, float, float]]
    trans: tuple[tuple[float, float, float], ...]
    mode: str = "add"
    b_bias: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=dict)

    def tag(self, feats: Sequence[Sequence[str]]) -> list[str]:
        """The best label sequence (Viterbi) for the tokens' features."""
        n = len(feats)
        if n == 0:
            return []
        st = self.state
        tr = self.trans
        emis: list[list[float]] = []
        bb = self.b_bias
        for fs in feats:
            hits = [w for w in map(st.get, fs) if w is not None]
            if hits:
                e0, e1, e2 = map(sum, zip(*hits, strict=True))
                emis.append([e0, e1 + bb, e2])
            else:
                emis.append([0.0, bb, 0.0])
        score = list(emis[0])
        back: list[list[int]] = []
        for t in range(1, n):
            e = emis[t]
            nxt = [0.0, 0.0, 0.0]
            bp = [0, 0, 0]
            for b in range(3):
                best, arg = score[0] + tr[0][b], 0
                for a in (1, 2):
                    v = score[a] + tr[a][b]
                    if v > best:
                        best, arg = v, a
                nxt[b] = best + e[b]
                bp[b] = arg
            back.append(bp)
            score = nxt
        lab = max(range(3), key=score.__getitem__)
        path = [lab]
        for bp in reversed(back):
            lab = bp[lab]
            path.append(lab)
        path.reverse()
        return [LABELS[i] for i in path]

    def spans(self, toks: Sequence[Token], lo: int, hi: int, flags: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
        """Cue spans ``(tok_start, tok_end)`` tagged in sentence ``lo:hi`` (an ``I`` after ``O`` starts one)."""
        labels = self.tag(sentence_features(toks, lo, hi, flags))
        out: list[tuple[int, int]] = []
        start = None
        for k, lab in enumerate(labels):
            if lab == "B" or (lab == "I" and start is None):
                if start is not None:
                    out.append((lo + start, lo + k))
                start = k
            elif lab == "O" and start is not None:
                out.append((lo + start, lo + k))
                start = None
        if start is not None:
            out.append((lo + start, hi))
        return out

    def to_json(self) -> dict[str, Any]:
        """The plain-JSON form (what ``lexicons/cue_crf.json`` holds)."""
        return {
            "format": MODEL_FORMAT,
            "labels": list(LABELS),
            "mode": self.mode,
            "b_bias": self.b_bias,
            "meta": dict(self.meta),
            "transitions": [[round(x, 4) for x in row] for row in self.trans],
            "state": {k: [round(x, 3) for x in v] for k, v in sorted(self.state.items())},
        }


_MODES = ("add", "trim", "filter", "veto")


def _from_json(data: Any, where: str) -> CueCRF:
    if not isinstance(data, dict):
        raise LexiconError([f"{where}: a cue CRF must be a JSON object"])
    problems = []
    if data.get("format") != MODEL_FORMAT:
        problems.append(f"{where}: 'format' must be {MODEL_FORMAT!r}, got {data.get('format')!r}")
    if data.get("labels", list(LABELS)) != list(LABELS):
        problems.append(f"{where}: 'labels' must be {list(LABELS)!r}, got {data.get('labels')!r}")
    if data.get("mode", "add") not in _MODES:
        problems.append(f"{where}: 'mode' must be one of {list(_MODES)!r}, got {data.get('mode')!r}")
    bb = data.get("b_bias", 0.0)
    if isinstance(bb, bool) or not isinstance(bb, (int, float)):
        problems.append(f"{where}: 'b_bias' must be a number, got {bb!r}")

    def triple(v: Any) -> bool:
        return (isinstance(v, list) and len(v) == 3
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v))

    tr = data.get("transitions")
    if not (isinstance(tr, list) and len(tr) == 3 and all(triple(r) for r in tr)):
        problems.append(f"{where}: 'transitions' must be a 3x3 list of numbers (rows and columns O, B, I)")
    st = data.get("state")
    if not isinstance(st, dict):
        problems.append(f"{where}: 'state' must map feature names to [O, B, I] weights")
    else:
        bad = [k for k, v in st.items() if not triple(v)]
        if bad:
            problems.append(f"{where}: 'state' feature {bad[0]!r} (and {len(bad) - 1} more) must have 3 numbers [O, B, I]")
    if problems or not isinstance(st, dict) or not isinstance(tr, list):
        raise LexiconError(problems)
    return CueCRF(
        state={k: (float(v[0]), float(v[1]), float(v[2])) for k, v in st.items()},
        trans=tuple((float(r[0]), float(r[1]), float(r[2])) for r in tr),
        mode=str(data.get("mode", "add")),
        b_bias=float(bb),
        meta=dict(data.get("meta", {})),
    )


def load_cue_crf(path: str | Path | Mapping[str, Any] | None = None) -> CueCRF:
    """Load a cue CRF from plain JSON: a file, the same data as a dict, or None for the bundled one."""
    return read_json_model(path, _from_json, bundled="cue_crf.json")

