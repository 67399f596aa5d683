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
# # 2. Compare outlets: tables, plots, and what they cannot tell you
#
# This notebook compares the five seed outlets on each measure with `fc.compare`, draws
# the plots in `fc.plot`, and explains how to read them.
#
# **Read this first.** The seeds are *one article per outlet*, and each article covers a
# *different event* (an independence-day speech, a TV interview, a ministerial visit, a
# phone call, defence talks). So every difference below could come from the event, the
# article, or the writer, not from the outlet. With one article per group there is no way to
# say how much an outlet varies, so framecmp gives **no intervals and no p-values** and flags
# every row. What follows is an illustration of the method, not a finding about any outlet.
# Notebook 5 shows the same comparisons on a corpus large enough for intervals.

# %%
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framecmp as fc

OUT = Path(os.environ.get("FRAMECMP_NOTEBOOK_OUT", "output"))  # what the notebook writes goes here
OUT.mkdir(parents=True, exist_ok=True)
pd.set_option("display.max_colwidth", 50)
pd.set_option("display.width", 160)

corpus = fc.load_seeds()
scores = fc.score(corpus)
scores

# %% [markdown]
# ## The comparison table
#
# `fc.compare(scores, measure=..., by="outlet")` compares each outlet with all the other
# outlets together. One row per outlet and item (an actor, a term category, a style
# metric...). The columns to read:
#
# - `n_articles`: how many articles stand behind the row (here: always 1);
# - `mean`: the outlet's average; `rest_mean`: the other outlets' average;
# - `ci_low`, `ci_high`: a 95% interval for `mean` (resampling articles);
# - `p_value`, `p_adjusted`: a permutation test, and the same adjusted for testing many rows
#   at once (Benjamini-Hochberg);
# - `flag`: why a row has no interval or test.

# %%
cols = ["group", "holder", "item", "n_articles", "n_mentions", "mean", "rest_mean", "ci_low", "ci_high",
        "p_adjusted", "flag"]
stance_cmp = fc.compare(scores, measure="stance", by="outlet", holder="author")
stance_cmp[stance_cmp["mean"] != 0][cols].round(2)  # rows where the outlet evaluates someone

# %% [markdown]
# Every row is flagged `too few articles (n=1 < 3)`: `ci_low`, `ci_high` and `p_adjusted`
# are empty on purpose. The `mean` is simply the one article's score.

# %%
print(stance_cmp.attrs["notes"], "| stratified by event:", stance_cmp.attrs["stratified_by_event"])

# %% [markdown]
# The other measures work the same way:

# %%
tables = {m: fc.compare(scores, measure=m, by="outlet") for m in ["terms", "attribution", "voices", "labels"]}
{m: t.shape for m, t in tables.items()}

# %%
tables["terms"][tables["terms"]["mean"] > 0][["group", "item", "n_articles", "n_mentions", "mean", "rest_mean",
                                             "flag"]].round(1).head(15)

# %%
tables["attribution"][["group", "item", "mean", "rest_mean", "flag"]].round(2).head(10)

# %%
tables["labels"][tables["labels"]["mean"] > 0][["group", "referent", "item", "n_mentions", "mean", "flag"]].round(2)

# %% [markdown]
# ## Plots
#
# Every plot function takes a table (a frame of `scores`, or a `compare` table) and draws
# on a matplotlib Axes. Groups with too few articles are drawn hatched or grey, without an
# interval, so nobody mistakes them for findings.
#
# ### Stance heatmap: who evaluates whom
#
# Rows are outlets, columns actors; red is hostile, blue favourable, in the outlet's own
# voice (`holder="author"`). Hatched grey cells have fewer than `min_articles` articles:
# here, all of them. A cell marked "no cue" is "mentioned, but nothing evaluates the actor",
# not "neutral"; a grey empty cell means the outlet does not mention the actor in its own
# voice (it may quote someone who does).

# %%
fig, ax = plt.subplots(figsize=(10, 3.8))
fc.plot.stance_heatmap(scores.stance, holder="author", ax=ax)
fig.savefig(OUT / "stance_heatmap.png", dpi=100, bbox_inches="tight")

# %% [markdown]
# ### Stance toward one actor, with intervals when there are enough articles
#
# `stance_bars` draws one bar per outlet from a `compare` table. With one article per
# outlet, the bars are hatched and have no error bars, and the tick labels say why.

# %%
fig, ax = plt.subplots(figsize=(7, 3))
fc.plot.stance_bars(stance_cmp, target="russia", holder="author", ax=ax);

# %% [markdown]
# ### Loaded terms by category
#
# Loaded words per 1,000 words, per category, per outlet. A tall bar means the category's
# words are frequent in that outlet's article(s); which words they are is in
# `scores.evidence` (kind `term`) and in the highlighted text.

# %%
fig, ax = plt.subplots(figsize=(11, 4))
fc.plot.term_categories(
    scores.terms,
    articles=scores.articles,
    categories=["government_label", "armed_group_label", "colonial_sovereignty", "partnership",
                "delegitimising", "euphemism", "intensifier"],
    ax=ax,
);

# %% [markdown]
# ### Label choice: the same group, different names
#
# For one referent (here Mali's government), the share of each label an outlet uses.

# %%
fig, ax = plt.subplots(figsize=(8, 3))
fc.plot.label_choices(scores.labels, referent="mali", ax=ax);

# %% [markdown]
# ### Who gets quoted
#
# The share of quoted words by side (affiliation of the speaker), per outlet. A bar that is
# almost one colour means the article lets one side speak. `unknown` is a speaker framecmp
# could not tie to an actor (often an anonymous source or an expert).

# %%
fig, ax = plt.subplots(figsize=(8, 3))
fc.plot.voice_shares(scores.voices, ax=ax);

# %% [markdown]
# ### Words that set one outlet apart
#
# `fc.distinctive_terms` compares the words of one outlet with everyone else's (log-odds
# with a prior, "Fightin' Words"). Each dot is a word: right = common overall, up = used
# more by this outlet. With one article per outlet, this mostly shows **what the article is
# about** (its event), not how the outlet frames things; treat it as a pointer to read the
# text.

# %%
texts = pd.DataFrame({"outlet": [a.outlet for a in corpus], "text": [a.text for a in corpus]})
words = fc.distinctive_terms(texts, group="RT")
words.sort_values("z", ascending=False).head(8)

# %%
fig, ax = plt.subplots(figsize=(7, 4))
fc.plot.distinctive_terms_plot(words, group="RT", ax=ax);

# %% [markdown]
# ## What these comparisons cannot tell you
#
# In plain words, with these five articles:
#
# 1. **One article is not an outlet.** Each outlet is represented by one article. Another
#    article by the same outlet, even the same week, could score quite differently.
# 2. **Different events, different words.** A report on a defence pact will say
#    "partnership" more than a report on an attack, whoever writes it. Because each outlet
#    covered a different event, event and outlet are completely mixed up.
# 3. **No uncertainty, so no test.** Intervals and p-values need several articles per
#    outlet; framecmp leaves them empty and flags the row rather than inventing them.
# 4. **The measures are imperfect.** The lexicons were written by people; some hits are
#    wrong, some loaded words are missed. Check the evidence (`scores.explain`,
#    `fc.highlight`) before you trust a number.
#
# What they *can* do: show students *where* framing lives (labels, verbs, who speaks) and
# give them a vocabulary to describe it. To compare outlets, collect several articles per
# outlet about the same events (see notebook 5) and set an `event` column.
