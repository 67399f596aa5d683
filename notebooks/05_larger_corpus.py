# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -all
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 5. A larger corpus: intervals, tests and events
#
# With several articles per outlet, `fc.compare` can say how sure it is: bootstrap
# intervals, permutation tests, and p-values adjusted for testing many things at once.
# This notebook
#
# 1. loads a few hundred real news articles from the AllSides corpus (37,554 articles from
#    491 US and international outlets, Apache-2.0) when it is available, or else generates a
#    small made-up corpus from the seed sentences;
# 2. scores them on two processes;
# 3. finds duplicates (wire copies) and proposes events;
# 4. compares outlets with intervals and adjusted p-values, and plots them.
#
# Where is the data? framecmp looks for `shared/data/allsides/articles.jsonl.gz` beside the
# repository, or the path in the environment variable `FRAMECMP_ALLSIDES`. The size of the
# sample is `FRAMECMP_MAX_ARTICLES` (default 300, at most 2,000): scoring runs at roughly
# 150-250 news articles per second on two cores (README, "Scale"; the cell below prints
# this run's rate), so 300 articles take a few seconds and 2,000 about ten to twenty.

# %%
import gzip
import json
import os
import random
import re
import time
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framecmp as fc

OUT = Path(os.environ.get("FRAMECMP_NOTEBOOK_OUT", "output"))  # what the notebook writes goes here
OUT.mkdir(parents=True, exist_ok=True)
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 160)

MAX_ARTICLES = min(int(os.environ.get("FRAMECMP_MAX_ARTICLES", "300")), 2000)
N_OUTLETS = 6
SEED = 7
ALLSIDES = Path(
    os.environ.get("FRAMECMP_ALLSIDES")
    or Path(fc.__file__).resolve().parents[2].parent / "shared/data/allsides/articles.jsonl.gz"
)
ALLSIDES, ALLSIDES.exists()

# %% [markdown]
# ## 1. Get a corpus as a JSON Lines file
#
# **With AllSides.** Each line has `ID`, `source` (the outlet), `text`, `title`, `date`,
# `topic` and `bias_text` (AllSides' rating of the *outlet*: left, center, right). We keep
# articles on foreign affairs (topics `russia`, `world`, `foreign_policy`,
# `national_security`), take the six outlets with the most such articles, and draw the same
# number from each with a seeded random generator, so the sample is the same every run.
# The sample is written as a small JSON Lines file and read with `fc.load_jsonl` (reading
# and cleaning all 37,554 articles takes minutes; selecting first takes seconds).
#
# **Without it.** We generate 300 made-up articles by shuffling sentences of the five seed
# articles across six fake outlets, each drawing more often from one "home" article. This
# shows the mechanics only: the "differences" between these outlets are made by the
# generator.

# %%
TOPICS = {"russia", "world", "foreign_policy", "national_security"}
subset = OUT / "articles_sample.jsonl"

if ALLSIDES.exists():
    source_name = "AllSides (sample)"
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if r.get("topic") in TOPICS and r.get("text")]
    top = [o for o, _ in Counter(r["source"] for r in records).most_common(N_OUTLETS)]
    rng = random.Random(SEED)
    per_outlet = MAX_ARTICLES // N_OUTLETS
    sample = []
    for outlet in top:
        pool = sorted((r for r in records if r["source"] == outlet), key=lambda r: r["ID"])
        sample += rng.sample(pool, min(per_outlet, len(pool)))
    print(f"{len(records):,} foreign-affairs articles; sample of {len(sample)} from {top}")
else:
    source_name = "made-up corpus from seed sentences"
    seeds = fc.load_seeds()
    sentences = [
        [s.strip() for s in re.split(r"(?<=[.!?”])\s+", a.text) if len(s.split()) >= 6] for a in seeds
    ]
    rng = random.Random(SEED)
    sample = []
    n_fake = min(MAX_ARTICLES, 300)
    for i in range(n_fake):
        k = i % N_OUTLETS
        home = sentences[k % len(sentences)]
        others = [s for j, sents in enumerate(sentences) if j != k % len(sentences) for s in sents]
        body = rng.sample(home, min(6, len(home))) + rng.sample(others, 6)
        rng.shuffle(body)
        sample.append({
            "ID": f"fake-{i:04d}", "source": f"Outlet {'ABCDEF'[k]}", "text": " ".join(body),
            "title": f"Made-up article {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "topic": "sahel", "bias_text": ["left", "center", "right"][k % 3],
        })
    print(f"generated {len(sample)} made-up articles")

with open(subset, "w", encoding="utf-8") as f:
    for r in sample:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
subset.name, subset.stat().st_size // 1024, "KiB"

# %% [markdown]
# `fc.load_jsonl` takes the name of the column holding each field. Columns not named here
# (`topic`, `bias_text`, `authors`...) are kept in each article's `metadata`.

# %%
t0 = time.perf_counter()
corpus = fc.load_jsonl(subset, id="ID", outlet="source", text="text", title="title", date="date")
print(f"read and cleaned {len(corpus)} articles in {time.perf_counter() - t0:.1f} s")
corpus

# %%
frame = corpus.to_frame()
frame.groupby("outlet").agg(articles=("article_id", "size"), median_words=("n_words", "median"),
                            first=("date", "min"), last=("date", "max"))

# %% [markdown]
# ## 2. Score on two processes
#
# `workers=2` splits the corpus between two processes; the result is identical to one
# process.

# %%
t0 = time.perf_counter()
scores = fc.score(corpus, workers=2, progress=False)
elapsed = time.perf_counter() - t0
print(f"{scores.summary()}\nscored in {elapsed:.1f} s ({len(corpus) / elapsed:.0f} articles/s)")

# %% [markdown]
# ## 3. Duplicates and events
#
# **Duplicates.** Outlets republish wire copy (AP, Reuters). A copied article counted
# twice would make two outlets look alike for the wrong reason. `fc.find_duplicates`
# finds near-identical texts (word 5-grams, Jaccard similarity >= 0.8) and names the
# earliest copy as the original.

# %%
texts = pd.DataFrame({"article_id": list(corpus.ids), "text": [a.text for a in corpus]})
articles = scores.articles.merge(texts, on="article_id")
articles["duplicate_of"] = fc.find_duplicates(articles, threshold=0.8).to_numpy()
dups = articles.dropna(subset=["duplicate_of"])
print(f"{len(dups)} near-duplicate(s) of another article in the sample")
dups[["article_id", "outlet", "title", "duplicate_of"]].head()

# %% [markdown]
# **Events.** Comparisons are fairer within events: if one outlet covered a summit and
# another a war, their words differ for that reason alone. `fc.suggest_events` links two
# articles with similar words published at most `max_days` apart, and links chain: if A is
# linked to B and B to C, all three are one event, so an event can span much longer than a
# week (the table below shows how long each one runs). It is a suggestion to read and
# correct, not a fact.

# %%
events = fc.suggest_events(articles, max_days=7, threshold=0.3)
multi = events[events["event_size"] >= 2]
print(f"{events['suggested_event'].nunique()} suggested events; "
      f"{multi['suggested_event'].nunique()} with 2+ articles, covering {len(multi)} articles")
(multi.merge(articles[["article_id", "outlet", "date"]], on="article_id")
      .assign(date=lambda d: pd.to_datetime(d["date"], errors="coerce"))
      .groupby("suggested_event")
      .agg(articles=("article_id", "size"), outlets=("outlet", "nunique"),
           days=("date", lambda d: (d.max() - d.min()).days))
      .sort_values("articles", ascending=False).head(8))

# %% [markdown]
# With a sample of a few hundred articles spread over years, few events are covered by
# several of our outlets, so we compare outlets over the whole sample. With a corpus
# collected around chosen events, set the events (`corpus.with_events(...)`, after
# correcting the suggestions) and `fc.compare` permutes articles within events.

# %% [markdown]
# ## 4. Compare outlets, with intervals
#
# ### Stance toward Russia, in the outlet's own voice
#
# Now each outlet has dozens of articles: `ci_low`/`ci_high` are 95% bootstrap intervals,
# `p_value` a permutation test against the other outlets, `p_adjusted` the
# Benjamini-Hochberg adjustment across all rows of the table. Rows are still flagged when
# an outlet has fewer than 3 articles mentioning the target.

# %%
cols = ["group", "item", "n_articles", "n_mentions", "mean", "ci_low", "ci_high", "rest_mean",
        "cliffs_delta", "p_value", "p_adjusted", "flag"]
stance_cmp = fc.compare(scores, measure="stance", by="outlet", holder="author")
stance_cmp[stance_cmp["item"].isin(["russia", "usa", "china", "ukraine"])][cols].round(3)

# %% [markdown]
# **Reading it.** `mean` is the average stance of an outlet's articles that mention Russia
# (-1 hostile, +1 favourable; most articles sit near 0: evaluative words are rare). An
# interval that does not cross `rest_mean` and a small `p_adjusted` (say below 0.05) point
# at a difference worth reading the articles for. Many rows are tested, so look at
# `p_adjusted`, not `p_value`.

# %%
fig, ax = plt.subplots(figsize=(9, 3.5))
fc.plot.stance_bars(stance_cmp, target="russia", holder="author", ax=ax)
fig.savefig(OUT / "stance_russia.png", dpi=100, bbox_inches="tight")

# %% [markdown]
# ### Loaded terms

# %%
terms_cmp = fc.compare(scores, measure="terms", by="outlet")
terms_cmp.sort_values("p_adjusted")[cols].head(10).round(3)

# %%
# general negative words and opinion adjectives dwarf the rest: plot the framing categories
fig, ax = plt.subplots(figsize=(12, 4))
framing = [c for c in terms_cmp["item"].unique() if c not in ("sentiment_negative", "subjective_adjective")]
fc.plot.term_categories(terms_cmp, categories=framing, ax=ax);

# %% [markdown]
# ### Attribution style

# %%
attr_cmp = fc.compare(scores, measure="attribution", by="outlet")
attr_cmp.sort_values("p_adjusted")[cols].head(10).round(3)

# %% [markdown]
# ### How many differences survive the adjustment?

# %%
summary = pd.DataFrame({
    name: {"rows": len(t), "tested": int(t["p_value"].notna().sum()),
           "p < 0.05": int((t["p_value"] < 0.05).sum()),
           "adjusted p < 0.05": int((t["p_adjusted"] < 0.05).sum())}
    for name, t in [("stance", stance_cmp), ("terms", terms_cmp), ("attribution", attr_cmp)]
}).T
summary

# %% [markdown]
# ## What this can and cannot tell you
#
# - The unit is the **article**: intervals resample articles and tests shuffle them, so one
#   long article does not outweigh many short ones.
# - The sample is **not** the outlets' whole output: it is a few dozen foreign-affairs
#   articles per outlet drawn from what AllSides collected; other topics, years or samples
#   may differ. Say "in this sample" when you report.
# - Outlets cover **different stories** on different days; without events, part of any
#   difference is what they chose to cover, not how they framed it.
# - The lexicons were written for Sahel coverage (2023-2025) plus general English
#   subjective words; on US politics they miss much framing. Check the evidence
#   (`scores.explain`, `fc.highlight`) before you trust a difference.
# - A small `p_adjusted` says a difference is unlikely to be chance *in this sample*; it
#   says nothing about why, and `cliffs_delta` says how large it is.
#
# `fc.report(scores, "report.html")` writes the full results. It highlights 20 articles
# (taken in turn from each outlet) and lists the others by title; `max_articles=None`
# highlights every one (about 130 KB per article: some 40 MB for 300 articles here).

# %%
report_path = OUT / "report.html"
fc.report(scores, report_path)
f"{report_path.name}: {report_path.stat().st_size / 1e6:.1f} MB"
