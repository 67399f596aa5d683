"""Build ``lexicons/subjective_general.yaml`` from published, redistributable word lists.

Reproducible: the output depends only on the installed/cited files and the
thresholds below, never on any labelled benchmark (BABE is not read here).

Sources
-------
1. VADER sentiment lexicon (Hutto & Gilbert 2014), the file
   ``vaderSentiment/vader_lexicon.txt`` shipped in the vaderSentiment package
   (MIT licence). Kept: alphabetic words (hyphens and apostrophes allowed) whose
   mean valence satisfies ``|valence| >= --vader-threshold`` (default 1.5 on
   VADER's -4..+4 scale). Connotation = valence / 4. Not inflected (VADER lists
   its inflected forms itself).
2. Pattern subjectivity lexicon for English adjectives (De Smedt & Daelemans
   2012), ``en-sentiment.xml`` (licence PDDL, public domain), as shipped in the
   TextBlob package (``textblob/en/en-sentiment.xml``; TextBlob is MIT). Kept:
   single-word adjectives (pos JJ) whose subjectivity averaged over senses is
   ``>= --pattern-subjectivity`` (default 0.8) and that VADER did not already
   give. Connotation = mean polarity.
3. A short curated list of words to watch (puffery, contentious labels,
   expressions of doubt, editorialising adverbs, loaded synonyms of "said"),
   written by the framecmp developers after the categories and examples of
   Wikipedia's style guideline "Manual of Style/Words to watch" (MOS:WTW,
   CC BY-SA 4.0). It is our own short list in those categories, not a verbatim
   copy of the guideline.

Usage::

    python benchmarks/build_subjective_lexicon.py --out lexicons/subjective_general.yaml \
        [--pattern-xml PATH/TO/en-sentiment.xml]

Without ``--pattern-xml`` the script looks for an installed ``textblob``; if it
finds none, it stops with an error (use ``--no-pattern`` to build without it).
"""

from __future__ import annotations

import argparse
import importlib.resources
import re
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - trusted, package-shipped file
from collections import defaultdict
from pathlib import Path

import yaml

VERSION = "2026.11.0"
WORD_RE = re.compile(r"^[a-z][a-z'-]*[a-z]$")

# Words left out of the VADER and Pattern parts: function words and words whose
# usual sense in news is neutral (VADER was built for social media: "like",
# "party", "support" as in "air support", "crude" oil, "key" partner). Chosen by
# reading the seed articles, never from a labelled benchmark.
STOPLIST = frozenset("""
like likes liked party parties united only ok okay accept accepted super key clear crude
spam interest interests interested support supported supporting supports agreement
commitment commitments opportunity opportunities important benefit benefits focused ensure
safety sharing share gained respect respecting values value intelligence wish improve
improved strengthen strengthened strengthening strengthens fighting fight fights
true free well yes no please pretty kind fine certain
""".split())

# (id suffix, category, connotation, words, explanation template)
CURATED: list[tuple[str, str, float, list[str], str]] = [
    ("puffery", "puffery", 0.5, [
        "legendary", "acclaimed", "iconic", "visionary", "outstanding", "celebrated",
        "award-winning", "landmark", "cutting-edge", "innovative", "revolutionary",
        "extraordinary", "brilliant", "renowned", "remarkable", "prestigious",
        "world-class", "virtuoso", "pioneering", "phenomenal", "groundbreaking",
    ], "'{w}' praises without evidence (puffery)."),
    ("contentious", "contentious_label", -0.5, [
        "cult", "racist", "sect", "fundamentalist", "heretic", "extremist", "denialist",
        "bigot", "bigoted", "radical", "controversial", "pseudo", "regime", "zealot",
        "fanatic", "thug", "mob", "propaganda", "conspiracy theory", "hoax",
    ], "'{w}' is a contentious label: it judges whom or what it names."),
    ("doubt", "doubt", -0.25, [
        "so-called", "supposed", "supposedly", "purported", "purportedly", "alleged",
        "allegedly", "apparent", "self-proclaimed", "self-styled", "notorious",
    ], "'{w}' casts doubt on what follows."),
    ("editorial", "editorializing", 0.0, [
        "notably", "arguably", "interestingly", "ironically", "essentially", "utterly",
        "clearly", "obviously", "of course", "without a doubt", "undoubtedly",
        "unfortunately", "fortunately", "sadly", "tragically", "happily", "regrettably",
        "shockingly", "surprisingly", "remarkably", "inevitably", "blatantly",
        "absolutely", "totally", "extremely", "incredibly",
    ], "'{w}' is the writer's comment, not a fact."),
    ("said", "loaded_verb", -0.25, [
        "claim", "insist", "admit", "confess", "concede", "reveal", "expose", "boast",
        "brag", "tout", "slam", "blast", "lash out", "rant", "smear", "demonize",
        "demonise", "decry", "lament", "scoff", "sneer", "rail against",
    ], "'{w}' reports speech while judging it (compare the neutral 'said')."),
]


def _vader_entries(threshold: float) -> list[dict]:
    path = Path(str(importlib.resources.files("vaderSentiment") / "vader_lexicon.txt"))
    out = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word = parts[0].strip().lower()
        try:
            valence = float(parts[1])
        except ValueError:
            continue
        if not WORD_RE.match(word) or abs(valence) < threshold or word in seen or word in STOPLIST:
            continue  # (a few entries repeat in other capitalisations: first one kept)
        seen.add(word)
        pole = "negative" if valence < 0 else "positive"
        out.append({
            "id": f"vader.{word}",
            "terms": [word],
            "category": f"sentiment_{pole}",
            "connotation": round(max(-1.0, min(1.0, valence / 4.0)), 3),
            "inflect": False,
            "explanation": f"VADER rates '{word}' as strongly {pole} ({valence:+.1f} on -4..+4).",
            "source": "VADER lexicon (Hutto & Gilbert 2014), vaderSentiment/vader_lexicon.txt, MIT",
        })
    return out


def _pattern_entries(xml_path: Path, min_subj: float, skip: set[str]) -> list[dict]:
    root = ET.parse(xml_path).getroot()  # noqa: S314 - trusted, package-shipped file
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for w in root.iter("word"):
        form = (w.get("form") or "").lower()
        if w.get("pos") != "JJ" or not WORD_RE.match(form):
            continue
        senses[form].append((float(w.get("polarity", 0)), float(w.get("subjectivity", 0))))
    out = []
    for form in sorted(senses):
        pol = sum(p for p, _ in senses[form]) / len(senses[form])
        subj = sum(s for _, s in senses[form]) / len(senses[form])
        if subj < min_subj or form in skip or form in STOPLIST:
            continue
        out.append({
            "id": f"pattern.{form}",
            "terms": [form],
            "category": "subjective_adjective",
            "connotation": round(pol, 3),
            "inflect": False,
            "explanation": f"'{form}' is a subjective adjective (Pattern subjectivity {subj:.2f}): an opinion, not a fact.",
            "source": "Pattern en-sentiment.xml (De Smedt & Daelemans 2012, PDDL) via TextBlob",
        })
    return out


def _curated_entries(skip: set[str]) -> list[dict]:
    out = []
    for key, cat, conn, words, expl in CURATED:
        for w in words:
            if w in skip:
                continue
            out.append({
                "id": f"wtw.{key}.{w.replace(' ', '_')}",
                "terms": [w],
                "category": cat,
                "connotation": conn,
                "explanation": expl.format(w=w),
                "source": "framecmp list after Wikipedia MOS:Words to watch (CC BY-SA 4.0)",
            })
    return out


def _find_pattern_xml() -> Path | None:
    try:
        p = Path(str(importlib.resources.files("textblob") / "en" / "en-sentiment.xml"))
    except ModuleNotFoundError:
        return None
    return p if p.is_file() else None


def _dump(entries: list[dict], args: argparse.Namespace, used: list[str]) -> str:
    def scalar(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        s = yaml.safe_dump(v, width=10_000, allow_unicode=True).strip()
        return s[:-3].strip() if s.endswith("...") else s

    head = [
        "# framecmp lexicon: general English subjective / loaded vocabulary.",
        "# GENERATED by benchmarks/build_subjective_lexicon.py; do not edit by hand,",
        "# put changes in a user lexicon (framecmp.terms.load_terms(extra=...)).",
        "#",
        "# Sources used (and only these):",
        *[f"#   - {u}" for u in used],
        "# No labelled benchmark (BABE or other) was read to build this file.",
        "# Connotation: VADER valence / 4; Pattern mean polarity; curated lists by category.",
        "format: framecmp-lexicon/1",
        "kind: loaded_terms",
        "name: subjective_general",
        f'version: "{VERSION}"',
        "description: General English subjective and loaded vocabulary (VADER, Pattern, words to watch)",
        "source: " + scalar("; ".join(used)),
        "entries:",
    ]
    lines = list(head)
    for e in entries:
        for i, (k, v) in enumerate(e.items()):
            val = "[" + ", ".join(scalar(x) for x in v) + "]" if isinstance(v, list) else scalar(v)
            lines.append(("  - " if i == 0 else "    ") + f"{k}: {val}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("lexicons/subjective_general.yaml"))
    ap.add_argument("--vader-threshold", type=float, default=1.5)
    ap.add_argument("--pattern-subjectivity", type=float, default=0.8)
    ap.add_argument("--pattern-xml", type=Path, default=None)
    ap.add_argument("--no-pattern", action="store_true")
    args = ap.parse_args(argv)

    vader = _vader_entries(args.vader_threshold)
    used = [f"VADER lexicon (vaderSentiment, MIT), words with |valence| >= {args.vader_threshold}"]
    seen = {e["terms"][0] for e in vader}
    pattern: list[dict] = []
    if not args.no_pattern:
        xml = args.pattern_xml or _find_pattern_xml()
        if xml is None:
            sys.stderr.write("Pattern lexicon not found: pass --pattern-xml or --no-pattern\n")
            return 2
        pattern = _pattern_entries(xml, args.pattern_subjectivity, seen)
        used.append(
            "Pattern en-sentiment.xml (PDDL; via TextBlob 0.20.1, MIT), adjectives with mean "
            f"subjectivity >= {args.pattern_subjectivity}"
        )
        seen |= {e["terms"][0] for e in pattern}
    curated = _curated_entries(seen)
    used.append("framecmp curated words to watch after Wikipedia MOS:Words to watch (CC BY-SA 4.0)")
    entries = vader + pattern + curated
    args.out.write_text(_dump(entries, args, used), encoding="utf-8")
    sys.stderr.write(f"wrote {len(entries)} entries to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
