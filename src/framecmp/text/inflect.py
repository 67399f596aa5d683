"""Regular inflections of an English word, for the phrase matcher ("accuse" -> "accused").

Lexicons give base forms; :class:`~framecmp.text.doc.PhraseMatcher` matches the regular
inflections of a phrase's last word too. Irregular forms are listed in the lexicons.
"""

from __future__ import annotations

__all__ = ["inflections"]

_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """Regular English inflections of a (normalised) base form.

    Over-generation is harmless (non-words never occur in text), so this is
    deliberately generous: ``accuse`` -> accuses, accused, accusing;
    ``ally`` -> allies, allied; ``admit`` -> admitted, admitting.
    """
    w = word
    out = {w}
    if not w.isalpha() or len(w) < 3:
        return out
    out |= {w + "s", w + "es", w + "ed", w + "ing", w + "d"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w + "s", w + "d"}
    if w.endswith("y") and w[-2:-1] not in _VOWELS:
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2:-1] in _VOWELS and (
        len(w) < 3 or w[-3] not in _VOWELS
    ):
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out.add(w + "es")
    if w.endswith("is"):
        out.add(w[:-2] + "es")  # crisis -> crises
    return out


