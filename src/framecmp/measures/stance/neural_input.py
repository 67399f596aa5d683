"""How the neural engine sees a target: word pieces of the sentence, the target between markers.

Shared by the engine (:mod:`framecmp.measures.stance.neural`) and its training script
(``benchmarks/train_neural_stance.py``), so that the model is trained on exactly the input it
is later given. Needs only a ``tokenizers.Tokenizer`` object (duck-typed: ``encode``,
``token_to_id``); nothing here imports ``tokenizers`` itself.

The input for target ``text[start:end]`` is::

    [CLS] left pieces [unused0] target pieces [unused1] right pieces [SEP]

with ``target_mask`` 1 on the target's pieces (the model reads the [CLS] vector and the mean
of those pieces). A sentence longer than :data:`MAX_PIECES` is cut around the target: the
target is kept whole (up to the budget) and the words on both sides are taken nearest first;
:attr:`TargetInput.truncated` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_PIECES", "Pieces", "TargetInput", "encode_target", "pieces_of"]

#: The longest input, in word pieces, markers and [CLS]/[SEP] included.
MAX_PIECES = 128


@dataclass(frozen=True, slots=True)
class Pieces:
    """A sentence's word pieces: ids, character offsets in the sentence, and word numbers."""

    ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]
    words: tuple[int, ...]
    cls: int
    sep: int
    open: int
    close: int


@dataclass(frozen=True, slots=True)
class TargetInput:
    """One model input row.

    Attributes
    ----------
    ids : list of int
        Word-piece ids, [CLS] and [SEP] and the two markers included.
    target_mask : list of int
        1 on the target's pieces.
    piece_index : list of int
        For each position, the index into :attr:`Pieces.ids` (-1 for [CLS], [SEP], markers).
    truncated : bool
        True when words of the sentence were left out to fit :data:`MAX_PIECES`.
    """

    ids: list[int]
    target_mask: list[int]
    piece_index: list[int]
    truncated: bool


def _special(tokenizer: Any, token: str) -> int:
    i = tokenizer.token_to_id(token)
    if i is None:
        raise ValueError(f"the tokenizer has no {token!r} token")
    return int(i)


def pieces_of(tokenizer: Any, text: str) -> Pieces:
    """Word pieces of ``text`` (no special tokens), with offsets and word numbers."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    words = tuple(-1 if w is None else int(w) for w in enc.word_ids)
    return Pieces(
        ids=tuple(enc.ids),
        offsets=tuple((int(a), int(b)) for a, b in enc.offsets),
        words=words,
        cls=_special(tokenizer, "[CLS]"),
        sep=_special(tokenizer, "[SEP]"),
        open=_special(tokenizer, "[unused0]"),
        close=_special(tokenizer, "[unused1]"),
    )


def _target_pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """[first, last) piece indices overlapping ``[start, end)``; an empty range where none does."""
    first = last = -1
    for i, (a, b) in enumerate(offsets):
        if b > start and a < end:
            if first < 0:
                first = i
            last = i + 1
    if first < 0:  # the span holds no piece (spaces, or an unknown character): an empty target
        k = sum(1 for a, _ in offsets if a < start)
        return k, k
    return first, last


def encode_target(
    pieces: Pieces,
    start: int,
    end: int,
    *,
    drop: frozenset[int] = frozenset(),
    max_pieces: int = MAX_PIECES,
) -> TargetInput:
    """The model input for the target ``[start, end)`` (character offsets in the sentence).

    ``drop`` holds piece indices to leave out (occlusion; never the target's own pieces).
    """
    n = len(pieces.ids)
    t0, t1 = _target_pieces(pieces.offsets, start, end)
    budget = max_pieces - 4  # [CLS], [SEP], two markers
    t1 = min(t1, t0 + budget)
    left = [i for i in range(t0) if i not in drop]
    right = [i for i in range(t1, n) if i not in drop]
    room = budget - (t1 - t0)
    truncated = False
    if len(left) + len(right) > room:
        truncated = True
        keep_l: list[int] = []
        keep_r: list[int] = []
        li, ri = len(left) - 1, 0
        while len(keep_l) + len(keep_r) < room and (li >= 0 or ri < len(right)):
            if li >= 0:
                keep_l.append(left[li])
                li -= 1
            if ri < len(right) and len(keep_l) + len(keep_r) < room:
                keep_r.append(right[ri])
                ri += 1
        left = sorted(keep_l)
        right = keep_r
    target = list(range(t0, t1))
    index = [-1, *left, -1, *target, -1, *right, -1]
    ids = [pieces.cls, *(pieces.ids[i] for i in left), pieces.open]
    ids += [pieces.ids[i] for i in target]
    ids += [pieces.close, *(pieces.ids[i] for i in right), pieces.sep]
    mask = [0] * (len(left) + 2) + [1] * len(target) + [0] * (len(right) + 2)
    if not target:  # nothing to pool: pool over the two markers instead
        mask[len(left) + 1] = mask[len(left) + 2] = 1
    return TargetInput(ids=ids, target_mask=mask, piece_index=index, truncated=truncated)
