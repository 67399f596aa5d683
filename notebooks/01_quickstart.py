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
# # 1. Quickstart: score five articles and point at the words
#
# This notebook loads the five bundled articles about Mali, France, ECOWAS and Russia,
# scores them, and reads the three measures framecmp computes:
#
# 1. **stance toward actors**: who speaks well or badly of whom;
# 2. **loaded terms and labels**: which charged words an article uses, and which name it
#    picks for the same group ("junta" or "transitional authorities");
# 3. **attribution and voices**: who gets quoted, and how.
#
# Every number comes with the words behind it. At the end we colour those words in one
# article.
#
# *The five articles come from five outlets and cover five different events. They show
# how the method works; they say nothing general about the outlets.*

# %%
import os
from pathlib import Path

import pandas as pd

import framecmp as fc

OUT = Path(os.environ.get("FRAMECMP_NOTEBOOK_OUT", "output"))  # what the notebook writes goes here
OUT.mkdir(parents=True, exist_ok=True)
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 160)

# %% [markdown]
# ## Load the articles
#
# `load_seeds()` returns a `Corpus`: the articles with their cleaned text. Cleaning removes
# web-page leftovers ("Leave a Reply", "READ ALSO: ...", cookie notices) so that they are
# not scored as if the journalist had written them.

# %%
corpus = fc.load_seeds()
corpus

# %%
corpus.to_frame()[["article_id", "outlet", "title", "date", "event", "n_words", "n_removed", "status"]]

# %% [markdown]
# Nothing is removed silently: the removal log lists every piece of text that cleaning took
# out, why (`reason`), and which rule did it (`rule_id`). Check it when an article looks
# shorter than you expected.

# %%
corpus.removal_log()[["article_id", "reason", "text", "rule_id"]]

# %% [markdown]
# ## Score
#
# `fc.score` returns a `Scores` object: one tidy table (DataFrame) per measure, plus the
# `evidence` table that records every span of text behind every number.

# %%
scores = fc.score(corpus)
scores

# %%
scores.config  # settings and lexicon versions: the provenance of every number

# %% [markdown]
# ## Measure 1: stance toward actors
#
# One row per article, **holder** (who expresses the evaluation) and **target** (who is
# evaluated). `holder == "author"` is the outlet in its own voice; other holders are the
# people the article quotes (e.g. `mali` when a Malian minister speaks).
#
# - `stance` runs from -1 (hostile) to +1 (favourable); it is shrunk toward 0 when there is
#   little evidence, so one word does not make a strong stance.
# - `n` is how many evaluative phrases were found; `stance == 0` with `n == 0` means
#   *no evaluation found*, not *neutral*.
# - `context_tone` is the general tone (VADER sentiment) of sentences mentioning the target.
#   It is kept apart on purpose: a sentence about an attack sounds negative even when
#   nobody blames the target.

# %%
stance = scores.stance
stance[stance["n"] > 0].sort_values(["article_id", "holder", "target"])[
    ["article_id", "outlet", "holder", "target", "n", "stance", "context_tone"]
]

# %% [markdown]
# **Reading it.** Look for rows where the outlet itself (`author`) evaluates an actor, and
# compare them with rows where a quoted side does. An article can carry strong stances from
# the people it quotes while the outlet's own voice stays neutral, or the reverse. Here, for
# example, the Sputnik piece (`seed-001`) lets Mali's prime minister call Russia a "reliable
# partner" (holder `mali`) and quotes France accusing Russia (holder `france`), while in its
# own voice (`author`) it evaluates only the armed groups. When an act is reported ("Mali
# cut ties with Ukraine"), the one who acts is the holder, not the outlet.

# %% [markdown]
# ## Measure 2: loaded terms and label choice
#
# `terms` counts loaded words per category, per 1,000 words so long and short articles can
# be compared. `labels` shows which *name* each article gives the same group of people.

# %%
terms = scores.terms
terms.pivot_table(index="category", columns="outlet", values="per_1k_words", fill_value=0).round(1)

# %%
scores.labels.sort_values(["referent", "outlet"])[["outlet", "referent", "label", "count"]]

# %% [markdown]
# **Reading it.** A high `per_1k_words` in *government_label* means the article often names
# Mali's rulers with a charged word; the `labels` table says which one ("junta", "military
# regime", "transitional authorities"...). Label choice is often the clearest framing
# signal: the same people, different names. Each word was put in the lexicon by a person
# with a connotation they judged; notebook 3 shows how to check and change it.

# %% [markdown]
# ## Measure 3: attribution and voices
#
# `style` has one row per article: how much of it is attributed to someone, how much is
# direct quotation, how much comes from anonymous sources, how often loaded reporting verbs
# ("claimed", "admitted" instead of "said") and hedges ("reportedly") appear.
# `voices` says **whose** words are quoted: the share of quoted words per side.

# %%
scores.style.round(2)

# %%
scores.voices[["outlet", "affiliation", "n_attributions", "quoted_words", "share", "anonymous_share"]].round(2)

# %% [markdown]
# **Reading it.** An article that quotes only one side (`share` near 1 for one affiliation)
# tells the story through that side's eyes. A high `anonymous_share` ("a senior official
# said") means readers cannot check who spoke. `loaded_cue_rate` is the share of reporting
# verbs that carry a judgement ("claimed" casts doubt, "admitted" implies guilt).

# %% [markdown]
# ## The words behind one number
#
# `scores.explain` lists the evidence behind a number: here, every span in the Sputnik
# article (`seed-001`) that concerns Russia. `kind == "stance"` rows carry the value; the
# `explanation` column says why each counts.

# %%
scores.explain("seed-001", target="russia", kind="stance")[
    ["text", "holder", "value", "rule_id", "explanation"]
]

# %% [markdown]
# ## See it in the text
#
# `fc.highlight` colours every span in one article; hover over (or tab to) a span to see why
# it counts. This is the view to show a class.

# %%
fc.highlight(corpus["seed-000"], scores.evidence)

# %% [markdown]
# ## Next
#
# - `02_compare_outlets.py`: compare outlets, with plots, and what five articles cannot show.
# - `03_edit_lexicon.py`: add a word or an actor and see the scores change.
# - `04_classroom_exercise.py`: build a worksheet.
# - `05_larger_corpus.py`: thousands of articles, with intervals and tests.
#
# To save everything: `fc.report(scores, "report.html")` writes one self-contained HTML file.

# %%
fc.report(scores, OUT / "report.html")
sorted(p.name for p in OUT.glob("report.html"))
