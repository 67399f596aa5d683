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
# # 4. A classroom exercise: a worksheet and its answer key
#
# `fc.worksheet` puts excerpts from several outlets side by side, marks the loaded words
# (or blanks them for a fill-in exercise), adds questions, and writes an answer key in
# Markdown that you **check and edit before class**: the measures are imperfect, and you
# know your students.
#
# **About the seed articles.** The five bundled articles cover five *different* events
# (an independence-day speech, an interview, a ministerial visit, a phone call, defence
# talks). A worksheet built from them compares how *one story* (Mali's turn from France and
# ECOWAS toward Russia) is framed, not how *one event* is reported. The worksheet says so at
# the top. With your own articles, give them an `event` column and pick one event:
# `fc.worksheet(scores, event="...")`.

# %%
import os
from pathlib import Path

from IPython.display import HTML, Markdown, display

import framecmp as fc

OUT = Path(os.environ.get("FRAMECMP_NOTEBOOK_OUT", "output"))  # what the notebook writes goes here
OUT.mkdir(parents=True, exist_ok=True)

scores = fc.score(fc.load_seeds())
scores.articles[["article_id", "outlet", "event", "n_words"]]

# %% [markdown]
# ## Build the worksheet
#
# Here we pick three outlets and keep the four sentences of each article that carry the
# most evidence. Without `outlets=`, every outlet is used; without `event=`, framecmp uses
# the event covered by the most outlets, or (as here, when no event is shared) one article
# per outlet.

# %%
sheet = fc.worksheet(
    scores,
    outlets=["Anadolu Agency", "RT", "Sputnik"],
    max_excerpt_sentences=4,
    title="Mali, France and Russia: how is the story framed?",
)
sheet

# %% [markdown]
# The worksheet shows inline (above). The student version is also available as Markdown,
# e.g. to paste into a learning platform:

# %%
print(sheet.markdown[:1500])

# %% [markdown]
# ## Fill-in mode
#
# With `mode="blank"`, the loaded words are replaced by numbered blanks: students guess
# which word the outlet chose, then compare with the answer key and discuss why it matters.

# %%
blank = fc.worksheet(
    scores,
    outlets=["Anadolu Agency", "RT", "Sputnik"],
    max_excerpt_sentences=4,
    mode="blank",
    title="Mali, France and Russia: fill in the words",
)
display(HTML(blank.html))

# %% [markdown]
# ## Save the sheet and the answer key
#
# `save("sheet.html")` writes the worksheet and, beside it, the answer key as HTML and as
# Markdown (`sheet-answers.md`). Print the HTML sheet; edit the Markdown key.

# %%
written = sheet.save(OUT / "sheet.html")
written_blank = blank.save(OUT / "sheet-blank.html")
[p.name for p in written + written_blank]

# %% [markdown]
# ## Edit the answer key before class
#
# The key is generated from framecmp's evidence. Read every line: some "loaded" words are
# not loaded in context, some framing is missed (for example a fact left out, or the order
# of paragraphs). Open `sheet-answers.md` in any text editor. Here we show the start of the
# key, then make two typical edits from Python so that the notebook runs on its own.

# %%
key_path = OUT / "sheet-answers.md"
key = key_path.read_text(encoding="utf-8")
display(Markdown(key[:2500]))

# %% [markdown]
# Two edits a teacher might make:
#
# 1. remove an item you disagree with (here: "Notably" counted as editorialising; you
#    may judge it harmless in this sentence; its number stays in the student sheet, so
#    tell the class to skip it or rebuild the sheet);
# 2. add a discussion question of your own at the end.

# %%
lines = key.splitlines()
edited = [line for line in lines if "“Notably”" not in line]
removed = len(lines) - len(edited)
edited += [
    "",
    "## Teacher's notes (added by hand)",
    "",
    "- Removed the item \"Notably\": in this sentence it only introduces a fact.",
    "- Extra question: which article lets a French official speak? What changes when no one",
    "  from one side is quoted?",
    "- Reminder for the class: three different events, one article per outlet.",
]
key_path.write_text("\n".join(edited) + "\n", encoding="utf-8")
print(f"removed {removed} line(s); the key now ends with:\n")
print("\n".join(key_path.read_text(encoding="utf-8").splitlines()[-8:]))

# %% [markdown]
# The HTML key (`sheet-answers.html`) was written from the generated Markdown; after
# editing, print or share the Markdown file (most editors and learning platforms display
# it), or convert it to HTML with any Markdown tool.
#
# ## Ideas for the lesson
#
# - Give the fill-in sheet first; ask students to guess the missing words, then reveal.
# - Ask for a neutral rewrite of one excerpt (the key lists a neutral alternative for many
#   words) and discuss what changes for the reader.
# - Ask who is quoted in each excerpt, and who is not.
# - End with the limits: one article per outlet, different events, word lists written by
#   people. What would you need to make a claim about an outlet?
