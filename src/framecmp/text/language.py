"""Which language an article is written in: an offline stop-word profile.

framecmp's measures read English only (their lexicons say which languages they
read, in a ``languages:`` header); an article in any other language must not be
scored as if it were English. :func:`detect_language` tells the language of a
text from its script and its function words ("the", "of", "and" against "le",
"les", "des", "et"), with no model to download and the same answer every time.

The rule, in plain words:

- A text mostly written in another script (Cyrillic, Arabic, Greek, Hebrew,
  Chinese, Japanese, Korean, Devanagari) is in that script's language.
- A text in Latin script is in the language whose function words it uses most,
  among English, French, Spanish, Portuguese, German, Italian and Dutch.
- Short texts: a language other than English is named only where at least
  :data:`MIN_FUNCTION_WORDS` of its function words are found and at least twice
  as many as of English ones. A headline or a one-line text with fewer ("Mali
  expels French envoy") cannot be told and is left in the default language
  (:func:`detect_language` returns None). So a short English text is never
  called foreign because of a stray "de" or "la" in a name; a short French
  sentence with a few French function words is still called French.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["MIN_FUNCTION_WORDS", "FUNCTION_WORDS", "detect_language"]

MIN_FUNCTION_WORDS = 3
"""Function words of a language other than English needed to name it (see the module notes)."""

#: Frequent function words of each Latin-script language framecmp tells apart. Words
#: shared by several languages count for each; the distinctive ones decide.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to is was were that with for on by from has have had it its this which who "
        "said are be been not but at as an they their he his she her would will after about "
        "than into also over against in a or we our you".split()),
    "fr": frozenset(
        "le la les des du de et est une un dans pour que qui sur par pas au aux avec ce cette "
        "ses son sa été sont ont il elle ils elles nous vous mais ou plus selon leur leurs en "
        "ne se qu d l c j n s à où été déclaré après contre".split()),
    "es": frozenset(
        "el la los las de del y en que es por con para una un se su sus al lo como más pero "
        "fue ha han este esta según entre sobre también".split()),
    "pt": frozenset(
        "o os a as do da dos das e em no na nos nas que um uma para com por não se foi são ao "
        "à pelo pela mais seu sua segundo também".split()),
    "de": frozenset(
        "der die das und ist nicht mit von zu den dem ein eine einen auf für im sich auch es "
        "sie er wird wurde hat haben sind dass nach bei aus als".split()),
    "it": frozenset(
        "il lo la gli le di del della dei e è che per con non un una sono ha hanno nel nella "
        "alla dal si anche più come ma secondo stato".split()),
    "nl": frozenset(
        "de het een en van is dat niet met op voor zijn er te ook aan bij door naar wordt "
        "werd heeft hebben maar als dit deze om".split()),
}

_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in FUNCTION_WORDS.items():
    for _w in _words:
        _LANGUAGES_OF[_w] = (*_LANGUAGES_OF.get(_w, ()), _code)

#: Scripts other than Latin, by the language a text mostly written in them is taken to be.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),  # Cyrillic (Ukrainian below, by its own letters)
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana first: Japanese also writes Han
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_NON_LATIN = re.compile(r"[\u0370-\u1dff\u2e80-\uffef]")  # letters of scripts after Latin
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 3000  # characters read: the start of a long text tells as well as all of it


def _script_language(text: str) -> str | None:
    """The language of a text mostly written in a non-Latin script, else None."""
    if text.isascii() or len(_NON_LATIN.findall(text)) < 0.05 * len(text):
        return None
    n_letters = len(_LETTER.findall(text))
    if not n_letters:
        return None
    for code, pattern in _SCRIPTS:
        n = len(pattern.findall(text))
        if code == "ja" and n and n >= 0.1 * n_letters:
            return "ja"
        if n > n_letters / 2:
            if code == "ru" and _UKRAINIAN.search(text):
                return "uk"
            return code
    return None


def detect_language(text: str, *, default: str | None = None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or ``default`` if it cannot tell.

    Parameters
    ----------
    text : str
        The article text (and title).
    default : str, optional
        Returned when the text is too short to tell (see the module notes).

    Examples
    --------
    >>> detect_language("« Nous ne partirons pas », a déclaré le Premier ministre de la transition.")
    'fr'
    >>> detect_language("The junta said it had expelled the French ambassador from the country.")
    'en'
    >>> detect_language("Mali expels French envoy", default="en")
    'en'
    """
    sample = text[:_SAMPLE]
    by_script = _script_language(sample)
    if by_script:
        return by_script
    hits: Counter[str] = Counter()
    languages_of = _LANGUAGES_OF.get
    for word, n in Counter(_WORD.findall(sample.lower())).items():
        for code in languages_of(word, ()):
            hits[code] += n
    if not hits:
        return default
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0] != "en", kv[0]))
    best, n_best = ranked[0]
    if best == "en":
        return "en" if n_best >= MIN_FUNCTION_WORDS else default
    if n_best >= MIN_FUNCTION_WORDS and n_best >= 2 * hits["en"]:
        return best
    return "en" if hits["en"] >= MIN_FUNCTION_WORDS else default
