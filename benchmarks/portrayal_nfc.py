"""Article-level portrayal against the Narrative Frames Corpus (hero / villain / victim).

Usage::

    python benchmarks/portrayal_nfc.py --data ../shared/data/narrative [--engine linear]

The folder holds the corpus in its own layout: ``articles_metadata_dev.tsv`` (ID, source,
text, ...) and ``role_and_frame_annotations_dev.tsv`` (ID, entity, group, role). Any file
pair of that layout works (``--articles``/``--roles`` name other file names).

How entities become actors (the same for framecmp and the baseline): each annotated entity
string is an actor whose aliases are the string, the string without a leading article or a
parenthesis, and, for a name of two or more capitalised words, its last word ("President
Jair Bolsonaro" -> "Bolsonaro"); a final possessive is dropped ("Donald Trump's" -> "Donald
Trump"). Entities that share an alias are one actor (union of their
aliases). Pronoun entities ("his", "they") are not findable and count as not found. The
whole corpus is scored once with these actors only (the bundled actors are left out).

Metrics (the last line of stdout is one JSON object; figures for framecmp's ``portrayal``
frame and, computed in the same run on the same mentions, for the baseline):

  auc_villain_hero     ROC AUC of the score for hero (positive class) against villain, over
                       every hero or villain entity; an entity not found scores 0.
  auc_found            the same over the entities found (at least one mention).
  victims_antagonist   share of the victim entities found that get role ``antagonist``.
  zero_found           share of the entities found whose score is exactly 0.
  not_found            share of all entities with no mention found.
  role_confusion       gold role x predicted role counts (found entities).
  n_entities, n_found, n_articles, seconds.
  baseline             VADER: the mean compound of the sentences that mention the entity
                       (each sentence once); role antagonist when that mean <= -0.15,
                       protagonist when >= 0.15 (the same threshold as framecmp's roles).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd
from sklearn.metrics import roc_auc_score

import framecmp as fc
from framecmp.measures.actors import load_actors
from framecmp.measures.stance import vader_compound
from framecmp.measures.stance.portrayal import ROLE_THRESHOLD

PRONOUNS = frozenset("he she they his her hers their theirs it its him them we us i you our".split())


def entity_aliases(entity: str) -> list[str]:
    """The aliases an annotated entity string gets (see the module docstring)."""
    s = re.sub(r"\s*\(.*?\)\s*", " ", entity.strip().strip('"').strip()).strip()
    # a possessive names its owner ("Donald Trump's", "Kamala Harris'"): framecmp finds the
    # name inside "Trump's" itself, and an alias "Trump's" would take those words from "Trump"
    s = re.sub(r"(?<=\w)\s*['’]s?$", "", s)
    out = {s, re.sub(r"^(the|a|an)\s+", "", s, flags=re.I)}
    words = re.sub(r"^(the|a|an)\s+", "", s, flags=re.I).split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words[-2:]):
        out.add(words[-1])
    return sorted(a for a in out if a and a.lower() not in PRONOUNS and re.search(r"\w", a))


def build_actors(entities: list[str]) -> tuple[dict[str, str], dict]:
    """Entity string -> actor id, and the actor file (entities sharing an alias merged)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for e in entities:
        find(e)
        for a in entity_aliases(e):
            key = a.casefold()
            if key in owner:
                parent[find(e)] = find(owner[key])
            else:
                owner[key] = e
    groups: dict[str, set[str]] = {}
    for e in entities:
        if entity_aliases(e):
            groups.setdefault(find(e), set()).update(entity_aliases(e))
    ids, entries = {}, []
    for n, (root, aliases) in enumerate(sorted(groups.items())):
        aid = f"e{n}"
        names = sorted({a for a in aliases}, key=lambda a: (a.casefold(), a))
        uniq: dict[str, str] = {}
        for a in names:
            uniq.setdefault(a.casefold(), a)
        names = list(uniq.values())
        entries.append({"id": aid, "name": names[0], "aliases": names[1:]})
        for e in entities:
            if find(e) == root:
                ids[e] = aid
    return ids, {"entries": entries}


def vader_baseline(scores: fc.Scores, corpus: fc.Corpus) -> pd.DataFrame:
    """Mean VADER compound of the sentences mentioning each actor, per article."""
    texts = {a.article_id: a for a in corpus}
    rows = []
    for aid, grp in scores.mentions.groupby("article_id"):
        doc = fc.analyze(texts[aid].text, title=texts[aid].title)
        seen: set[tuple[str, int]] = set()
        acc: dict[str, list[float]] = {}
        for m in grp.itertuples():
            if m.actor is None or pd.isna(m.actor):
                continue
            s = doc.sentence_at(int(m.start))
            if s is None or (m.actor, s.index) in seen:
                continue
            seen.add((m.actor, s.index))
            acc.setdefault(m.actor, []).append(vader_compound(doc.text[s.start:s.end]))
        for actor, vals in acc.items():
            mean = sum(vals) / len(vals)
            role = "antagonist" if mean <= -ROLE_THRESHOLD else "protagonist" if mean >= ROLE_THRESHOLD else "neutral"
            rows.append({"article_id": aid, "actor": actor, "score": mean, "role": role})
    return pd.DataFrame(rows, columns=["article_id", "actor", "score", "role"])


def metrics(gold: pd.DataFrame, pred: pd.DataFrame) -> dict:
    df = gold.merge(pred, on=["article_id", "actor"], how="left")
    found = df["score"].notna()
    df["score0"] = df["score"].fillna(0.0)
    vh = df["role_gold"].isin(["hero", "villain"])
    y = (df.loc[vh, "role_gold"] == "hero").astype(int)
    out = {
        "auc_villain_hero": round(float(roc_auc_score(y, df.loc[vh, "score0"])), 4),
        "auc_found": round(float(roc_auc_score(y[found[vh]], df.loc[vh & found, "score"])), 4),
        "victims_antagonist": round(float(
            (df.loc[found & (df.role_gold == "victim"), "role"] == "antagonist").mean()), 4),
        "zero_found": round(float((df.loc[found, "score"].abs() < 1e-12).mean()), 4),
        "not_found": round(float((~found).mean()), 4),
        "n_entities": int(len(df)),
        "n_found": int(found.sum()),
        "role_confusion": {g: dict(Counter(df.loc[found & (df.role_gold == g), "role"]))
                           for g in ("hero", "villain", "victim")},
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="folder of the corpus (NFC layout)")
    ap.add_argument("--articles", default="articles_metadata_dev.tsv")
    ap.add_argument("--roles", default="role_and_frame_annotations_dev.tsv")
    ap.add_argument("--engine", default="linear", help="framecmp's target engine (linear, rules, neural)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    csv.field_size_limit(sys.maxsize)
    arts = pd.read_csv(args.data / args.articles, sep="\t", dtype=str, quoting=csv.QUOTE_NONE,
                       keep_default_na=False, engine="python")
    roles = pd.read_csv(args.data / args.roles, sep="\t", dtype=str, quoting=csv.QUOTE_NONE,
                        keep_default_na=False, engine="python")
    ids, actor_file = build_actors(sorted(set(roles["entity"])))
    actors = load_actors(extra=actor_file, replace=True)
    corpus = fc.load_dataframe(arts.rename(columns={"ID": "id", "source": "outlet"})[["id", "outlet", "text"]])
    t0 = time.perf_counter()
    scores = fc.score(corpus, actors=actors, engine=args.engine, workers=args.workers, progress=False)
    seconds = time.perf_counter() - t0
    gold = pd.DataFrame({"article_id": roles["ID"], "actor": roles["entity"].map(ids),
                         "role_gold": roles["role"]})
    base = vader_baseline(scores, corpus)
    result = {
        "data": str(args.data), "engine": args.engine, "n_articles": int(len(arts)),
        "seconds": round(seconds, 1), "role_threshold": ROLE_THRESHOLD,
        **metrics(gold, scores.portrayal[["article_id", "actor", "score", "role"]]),
        "baseline_vader": metrics(gold, base),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
