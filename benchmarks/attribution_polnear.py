"""Benchmark framecmp attribution extraction on PolNeAR (brat standoff).

Layout: DIR/text/<name>.txt and DIR/attributions/<name>_<annotator>.ann.
Where an article has several .ann files (several annotators), the first one in
sorted order is used. Spans given as several fragments ("12 20;25 30") are
kept as fragments. Malformed lines (wrong number of fields, bad offsets) are
skipped and counted (``n_malformed``).

Metrics (micro-averaged over all articles)
------------------------------------------
cue_*      Cues by exact character span: a predicted cue is correct when
           (start, end) equals a gold cue's span (a gold cue of several
           fragments is its fragment list and needs the same fragments).
           P = correct / predicted, R = correct / gold, F1 harmonic mean.
source_*   Word-token overlap: every word token (a run of letters/digits; gold
           spans starting mid-word take the whole word) inside a gold Source
           span is a gold source token; likewise for predicted sources.
           P = |pred & gold| / |pred|, R = |pred & gold| / |gold|.
content_*  The same, with Content spans.
no_source_* Attributions without a source: gold = attributions with no
           Source (incl. "Attribution-no-source"), predicted = predictions with
           source_type "none" (agentless; "unfound", a cue whose source the
           rules did not find, is not counted); matched by exact cue span.
Scare quotes are not predicted as attributions here (PolNeAR does not
annotate them as such). ``articles_per_second`` times analysis + extraction
only (not file reading). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from framecmp.measures.actors import find_mentions, load_actors
from framecmp.measures.attribution import extract_attributions, load_attribution_config
from framecmp.text.doc import analyze

_WORD = re.compile(r"\w+", re.UNICODE)


def read_ann(path: Path, text_len: int) -> tuple[dict, int]:
    """Parse one .ann file: spans by id and attribution links; count malformed lines."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    bad = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if line.startswith("T"):
                if len(parts) < 2:
                    raise ValueError
                label, _, offs = parts[1].partition(" ")
                frags = []
                for frag in offs.split(";"):
                    a, b = (int(x) for x in frag.split())
                    if not 0 <= a < b <= text_len:
                        raise ValueError
                    frags.append((a, b))
                spans[parts[0]] = (label, tuple(frags))
            elif line.startswith("E"):
                if len(parts) < 2:
                    raise ValueError
                roles = {}
                for item in parts[1].split():
                    role, _, tid = item.partition(":")
                    if not tid:
                        raise ValueError
                    roles[re.sub(r"\d+$", "", role)] = tid
                events.append(roles)
        except ValueError:
            bad += 1
    return {"spans": spans, "events": events}, bad


def word_positions(text: str, frags: tuple[tuple[int, int], ...]) -> set[int]:
    """Start offsets of word tokens overlapping the fragments (whole words)."""
    out: set[int] = set()
    for a, b in frags:
        while a > 0 and text[a - 1].isalnum() and text[a].isalnum():
            a -= 1
        for m in _WORD.finditer(text, a, b):
            out.add(m.start())
    return out


def gold_of(text: str, ann: dict) -> dict:
    spans = ann["spans"]
    cues, no_src_cues = set(), set()
    src_tok, con_tok = set(), set()
    for label, frags in spans.values():
        if label == "Source":
            src_tok |= word_positions(text, frags)
        elif label == "Content":
            con_tok |= word_positions(text, frags)
        elif label == "Cue":
            cues.add(frags)
    for ev in ann["events"]:
        cue = spans.get(ev.get("Cue", ""))
        if cue is None:
            continue
        if "Source" not in ev or spans.get(ev.get("Attribution", ""), ("",))[0] == "Attribution-no-source":
            no_src_cues.add(cue[1])
    return {"cues": cues, "src": src_tok, "con": con_tok, "nosrc": no_src_cues}


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def split_articles(data: Path, limit: int | None = None) -> list[tuple[str, str, dict, int, int]]:
    """The articles of a PolNeAR split folder, sorted by name: (name, text, first annotator's
    annotations, malformed lines skipped, number of annotators). ``limit``: the first N only."""
    tdir, adir = data / "text", data / "attributions"
    anns: dict[str, list[Path]] = defaultdict(list)
    for p in sorted(adir.glob("*.ann")):
        anns[re.sub(r"_[^_]+$", "", p.stem)].append(p)
    names = sorted(n for n in anns if (tdir / f"{n}.txt").is_file())[:limit]
    out = []
    for name in names:
        text = (tdir / f"{name}.txt").read_text(encoding="utf-8")
        ann, bad = read_ann(sorted(anns[name])[0], len(text))
        out.append((name, text, ann, bad, len(anns[name])))
    return out


def rule_articles(data: Path, limit: int | None = None) -> Iterator[tuple[dict[str, Any], Any, list[Any]]]:
    """The articles of a split as the cue-model trainers need them: a dict (``name``,
    ``text``, ``doc``, ``mentions``, ``gold``), the attribution rules' view of the article
    (an ``ArticleView`` under the lexicon-only config) and the rules' relations in it."""
    from framecmp.measures.attribution.relations import find_relations
    from framecmp.measures.attribution.view import ArticleView

    base = load_attribution_config(cue_model=False)
    index = load_actors()
    for name, text, ann, _bad, _n in split_articles(data, limit):
        doc = analyze(text)
        mentions = find_mentions(doc, index)
        art = ArticleView(doc, base, mentions)
        item = {"name": name, "text": text, "doc": doc, "mentions": mentions, "gold": gold_of(text, ann)}
        yield item, art, find_relations(art)


def count_matches(c: dict[str, int], text: str, gold: dict, attributions: Iterable) -> None:
    """Add one article's true positives, predictions and gold counts to ``c`` (keys
    ``cue_tp``, ``cue_pred``, ``cue_gold``, ... for cue, source, content, no_source);
    scare quotes are not attributions."""
    pcues, pnosrc, psrc, pcon = set(), set(), set(), set()
    for a in attributions:
        if a.quote_type == "scare":
            continue
        if a.cue_start is not None and a.cue_end is not None:
            pcues.add(((a.cue_start, a.cue_end),))
            if a.source_type == "none":
                pnosrc.add(((a.cue_start, a.cue_end),))
        if a.source_start is not None and a.source_end is not None:
            psrc |= word_positions(text, ((a.source_start, a.source_end),))
        pcon |= word_positions(text, ((a.content_start, a.content_end),))
    for key, p, g in (("cue", pcues, gold["cues"]), ("source", psrc, gold["src"]),
                      ("content", pcon, gold["con"]), ("no_source", pnosrc, gold["nosrc"])):
        c[key + "_tp"] += len(p & g)
        c[key + "_pred"] += len(p)
        c[key + "_gold"] += len(g)


def evaluate_split(arts: Iterable[dict], cfg: Any) -> Counter[str]:
    """Match counts (see :func:`count_matches`) over articles prepared as dicts with
    ``text``, ``gold``, ``doc`` and ``mentions`` (the training scripts' splits)."""
    c: Counter[str] = Counter()
    for art in arts:
        res = extract_attributions(art["doc"], config=cfg, mentions=art["mentions"])
        count_matches(c, art["text"], art["gold"], res.attributions)
    return c


def split_scores(c: Counter[str], keys: Sequence[str] = ("cue", "source", "content")) -> dict[str, float]:
    """P, R and F1 (keys ``cue_f1``, ``cue_p``, ``cue_r`` ...) from match counts; a key with no
    gold items is left out."""
    out = {}
    for key in keys:
        if not c[key + "_gold"] and key not in ("cue", "source", "content"):
            continue
        p, r, f = prf(c[key + "_tp"], c[key + "_pred"], c[key + "_gold"])
        out.update({f"{key}_f1": round(f, 4), f"{key}_p": round(p, 4), f"{key}_r": round(r, 4)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="PolNeAR split folder (text/, attributions/)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles (sorted)")
    ap.add_argument("--no-actors", action="store_true", help="skip actor mentions (affiliations)")
    ap.add_argument("--cue-model", nargs="?", const="logistic", default=None, choices=("logistic", "crf"),
                    help="add an optional learned cue detector to the lexicon cues: --cue-model alone (or "
                         "'logistic') for lexicons/cue_model.json, '--cue-model crf' for the CRF tagger "
                         "(lexicons/cue_crf.json)")
    args = ap.parse_args(argv)
    tdir, adir = args.data / "text", args.data / "attributions"
    if not tdir.is_dir() or not adir.is_dir():
        ap.error(f"--data must contain text/ and attributions/; got {args.data}")
    arts = split_articles(args.data, args.limit)
    cfg = load_attribution_config(cue_model={None: False, "logistic": True, "crf": "crf"}[args.cue_model])
    index = load_actors()
    c = defaultdict(int)
    elapsed = 0.0
    for _name, text, ann, bad, n_annotators in arts:
        c["malformed"] += bad
        c["multi_annotator"] += n_annotators > 1
        gold = gold_of(text, ann)
        t0 = time.perf_counter()
        doc = analyze(text)
        mentions = [] if args.no_actors else find_mentions(doc, index)
        res = extract_attributions(doc, config=cfg, mentions=mentions)
        elapsed += time.perf_counter() - t0
        count_matches(c, text, gold, res.attributions)
    out: dict[str, float | int] = {}
    for key in ("cue", "source", "content", "no_source"):
        p, r, f = prf(c[key + "_tp"], c[key + "_pred"], c[key + "_gold"])
        out.update({f"{key}_f1": round(f, 4), f"{key}_precision": round(p, 4), f"{key}_recall": round(r, 4)})
    out["cue_model"] = args.cue_model or False
    out["n_articles"] = len(arts)
    out["n_malformed"] = c["malformed"]
    out["n_multi_annotator"] = c["multi_annotator"]
    out["seconds"] = round(elapsed, 3)
    out["articles_per_second"] = round(len(arts) / elapsed, 1) if elapsed else 0.0
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
