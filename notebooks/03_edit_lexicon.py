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
# # 3. Edit a lexicon: add a word, change a connotation, add an actor
#
# framecmp finds loaded words and actors with word lists (*lexicons*) written by people.
# They are a starting point, not the truth: you can, and should, change them. This notebook
#
# 1. writes an editable copy of the loaded-terms list and changes it (a new word, a new
#    connotation);
# 2. adds words without a file, from a Python dict or a table (DataFrame);
# 3. checks a file with mistakes in it, and shows the line-numbered problems;
# 4. adds an actor (Turkey) that the bundled list does not know;
# 5. scores a short made-up article before and after, to see the numbers change.
#
# Files are written to the folder in `FRAMECMP_NOTEBOOK_OUT` (default: `output/` beside this notebook).

# %%
import os
import re
from pathlib import Path

import pandas as pd

import framecmp as fc

OUT = Path(os.environ.get("FRAMECMP_NOTEBOOK_OUT", "output"))  # what the notebook writes goes here
OUT.mkdir(parents=True, exist_ok=True)
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

# %% [markdown]
# ## A made-up article to test on
#
# Short, invented for this notebook, and mentioning Turkey, which the bundled actor list
# does not cover.

# %%
TEXT = (
    "Turkish President Recep Tayyip Erdoğan received the head of Mali's junta in Ankara on Monday. "
    "Erdoğan called Mali a reliable partner and praised its fight against terrorism. "
    "Türkiye has sold armed drones to Bamako since 2022. "
    "Critics in Paris dismissed the Malian government as a stooge of Moscow and a mouthpiece "
    "for Russian interests. "
    "\"Turkey respects the sovereignty of Mali,\" the Turkish foreign ministry said in a statement."
)
test_corpus = fc.load_dataframe(
    pd.DataFrame({"text": [TEXT], "outlet": ["Made-up outlet"], "title": ["Erdoğan meets Mali's leader"]},
                 index=["madeup-1"]),
    text="text", outlet="outlet", title="title",
)
before = fc.score(test_corpus)
before

# %%
def summary(s):
    """The numbers this notebook changes: stance toward actors, loaded words, labels."""
    stance = s.stance[s.stance["holder"] == "author"].set_index("target")["stance"].round(2)
    terms = s.evidence[s.evidence["kind"] == "term"][["text", "category", "value", "rule_id"]]
    return stance, terms

stance_before, terms_before = summary(before)
terms_before

# %% [markdown]
# The bundled lists already count "junta" and "reliable partner". "stooge" and "mouthpiece"
# are not in the loaded-terms list, and Turkey is not an actor: nothing about Turkey is
# measured, and the outlet's own voice evaluates no one (stance 0 from no evidence):

# %%
stance_before

# %% [markdown]
# ## 1. An editable copy of the loaded-terms list
#
# `fc.write_editable_lexicon` writes the bundled list with all its comments, to open in any
# text editor. (Command line: `framecmp lexicon copy loaded_terms -o my_terms.yaml`.)

# %%
my_terms = fc.write_editable_lexicon(OUT / "my_terms.yaml", overwrite=True)
print(my_terms.read_text(encoding="utf-8")[:1200])

# %% [markdown]
# Here we edit the file from Python so the notebook runs on its own; in class you would
# open `output/my_terms.yaml` in a text editor and make the same two changes by hand:
#
# - **change a connotation**: "junta" goes from -0.5 to -0.75 (we judge it harsher);
# - **add a word**: "stooge", in the category `delegitimising`;
# - and give the copy its own `name` and `version` in the header, so that `scores.config`
#   tells your list apart from the bundled one.

# %%
text = my_terms.read_text(encoding="utf-8")
junta_entry = text[text.index("  - id: lt.junta\n"):]
junta_entry = junta_entry[: junta_entry.index("\n  - id:", 1)]
print(junta_entry)

# %%
text = text.replace(junta_entry, junta_entry.replace("connotation: -0.5", "connotation: -0.75"), 1)
text = text.replace("\nname: loaded_terms\n", "\nname: my_terms\n", 1)
text = re.sub(r'\nversion: "([^"]+)"\n', r'\nversion: "\1-class9b-1"\n', text, count=1)
text = text.rstrip("\n") + """
  - id: ab.stooge
    terms: [stooge]
    category: delegitimising
    connotation: -0.75
    neutral: ally
    explanation: Paints a government as taking orders from a foreign power.
    source: class 9B, 2026
"""
my_terms.write_text(text, encoding="utf-8")

# %% [markdown]
# ## 2. Check the file
#
# `fc.check_lexicon_file` lists every problem with its line number; an empty list means the
# file is fine. (Command line: `framecmp lexicon check my_terms.yaml`.)

# %%
fc.check_lexicon_file(my_terms)

# %% [markdown]
# Here is a file with typical mistakes: a word instead of a number, a connotation outside
# -1..1, a forgotten field, the same `id` twice, a category with spaces.

# %%
broken = OUT / "broken_terms.yaml"
broken.write_text(
    """format: framecmp-lexicon/1
kind: loaded_terms
name: broken_terms
version: "1"
entries:
  - id: ab.stooge
    terms: [stooge]
    category: delegitimising
    connotation: very negative
    explanation: Paints a government as taking orders from a foreign power.
    source: class 9B
  - id: ab.stooge
    terms: [mouthpiece]
    category: Delegitimising words
    connotation: -3
    source: class 9B
""",
    encoding="utf-8",
)
for problem in fc.check_lexicon_file(broken):
    print(problem)

# %% [markdown]
# Loading a broken file raises `fc.LexiconError` with the same list, so a mistake never
# goes unnoticed:

# %%
try:
    fc.load_terms(extra=broken)
except fc.LexiconError as err:
    print(err)

# %% [markdown]
# ## 3. Use the edited file
#
# `fc.load_terms(extra=...)` merges your entries over the bundled ones: an entry with the
# same `id` (here `lt.junta`) replaces the bundled one, a new `id` is added.

# %%
terms_file = fc.load_terms(extra=my_terms)
terms_file.by_id["lt.junta"].connotation, terms_file.by_id["ab.stooge"].terms

# %% [markdown]
# ## 4. Add words without a file: a dict or a table
#
# For a quick try, give the entries as a Python dict (the same fields as in the file), or as
# a table with one row per entry (`terms` written as `"a | b"`). Here we add "mouthpiece".

# %%
as_dict = {"entries": [{
    "id": "ab.mouthpiece", "terms": ["mouthpiece"], "category": "delegitimising", "connotation": -0.5,
    "neutral": "spokesperson", "explanation": "Says someone only repeats what a power tells them.",
    "source": "class 9B, 2026",
}]}
as_table = pd.DataFrame([
    {"id": "ab.mouthpiece", "terms": "mouthpiece | mouth piece", "category": "delegitimising",
     "connotation": -0.5, "neutral": "spokesperson",
     "explanation": "Says someone only repeats what a power tells them.", "source": "class 9B, 2026"},
])
fc.load_terms(extra=as_dict).by_id["ab.mouthpiece"].terms, fc.load_terms(extra=as_table).by_id["ab.mouthpiece"].terms

# %% [markdown]
# `extra=` also takes a list of sources (files, dicts, tables), merged in order: for the
# same `id`, a later source wins.

# %%
combined = fc.load_terms(extra=[my_terms, as_dict])
combined.by_id["lt.junta"].connotation, combined.by_id["ab.mouthpiece"].terms

# %% [markdown]
# ## 5. Add an actor: Turkey
#
# Actors are countries, organisations or groups, with every way of naming them: aliases,
# demonyms (*Turkish*), metonyms (the capital, *Ankara*) and people (*Erdoğan*; the bare
# surname is resolved within the article). `fc.load_actors(extra=...)` takes a dict, a YAML
# file (`kind: actors`; `fc.write_editable_lexicon(path, which="actors")` gives a copy to
# start from), or a list of them.

# %%
turkey = {"entries": [{
    "id": "turkey",
    "name": "Turkey",
    "type": "country",
    "aliases": ["Türkiye", "Turkey", "Republic of Türkiye"],
    "demonyms": ["Turkish"],
    "metonyms": ["Ankara"],
    "people": [{"name": "Recep Tayyip Erdoğan", "surname": "Erdoğan", "role": "president",
                "aliases": ["Recep Tayyip Erdogan", "Tayyip Erdoğan"]}],
}]}
actors = fc.load_actors(extra=turkey)
actors.to_frame().query("actor == 'turkey'")

# %%
pd.DataFrame([(m.text, m.actor, m.via, m.person) for m in actors.mentions_in_text(TEXT)],
             columns=["text", "actor", "via", "person"])

# %% [markdown]
# ## 6. Score again and compare
#
# Pass the edited lexicons to `fc.score`. We score the made-up article three ways: with the
# bundled lists, with the edited file plus Turkey, and with the table ("mouthpiece") plus
# Turkey. The lexicon versions are recorded in `scores.config`, so anyone can see which
# lists produced a number.

# %%
with_file = fc.score(test_corpus, terms=fc.load_terms(extra=my_terms), actors=actors)
with_table = fc.score(test_corpus, terms=fc.load_terms(extra=as_table), actors=actors)
for name, s in [("before", before), ("file + Turkey", with_file), ("table + Turkey", with_table)]:
    print(f"{name:15} terms: {s.config['lexicons']['terms']}\n{'':15} actors: {s.config['lexicons']['actors']}")

# %% [markdown]
# ### Loaded words found

# %%
def term_hits(s):
    ev = s.evidence[s.evidence["kind"] == "term"]
    return ev.set_index("text")["value"]

pd.DataFrame({"before": term_hits(before), "file + Turkey": term_hits(with_file),
              "table + Turkey": term_hits(with_table)}).rename_axis("word (connotation)")

# %% [markdown]
# "junta" now weighs -0.75 with the edited file; "stooge" is found with the file, and
# "mouthpiece" with the table. Empty cells (NaN) mean the word is not counted with those
# lists.

# %%
def per_category(s):
    return s.terms.set_index("category")["per_1k_words"].round(1)

cats = pd.DataFrame({"before": per_category(before), "file + Turkey": per_category(with_file),
                     "table + Turkey": per_category(with_table)})
cats[(cats != 0).any(axis=1)]

# %% [markdown]
# ### Stance: who evaluates whom
#
# Before, Turkey is not an actor: "Erdoğan called Mali a reliable partner" was held by an
# `unknown` speaker. After, Erdoğan is recognised as Turkey, so the sentence becomes an
# evaluation of Mali held by Turkey, and "the Turkish foreign ministry said" becomes a
# Turkish voice.

# %%
def stance_rows(s):
    st = s.stance[s.stance["n"] > 0]
    return st.set_index(st["holder"] + " -> " + st["target"])["stance"].round(2)

pd.DataFrame({"before": stance_rows(before), "file + Turkey": stance_rows(with_file),
              "table + Turkey": stance_rows(with_table)}).rename_axis("holder -> target")

# %%
pd.concat({"before": before.voices.set_index("affiliation")[["n_attributions", "quoted_words"]],
           "after": with_file.voices.set_index("affiliation")[["n_attributions", "quoted_words"]]}, axis=1)

# %% [markdown]
# ### Check the evidence, as always
#
# The highlighted article, scored with the edited lists: hover over "stooge" or "Erdoğan".

# %%
fc.highlight(test_corpus["madeup-1"], with_file.evidence)

# %% [markdown]
# **Keep a record.** Lexicon changes change results. Save your file next to your results,
# note the date and why you changed each entry (the `source` field is the place for it), and
# re-run the comparison with and without your changes: a finding that appears only with your
# edited list says as much about the list as about the articles.
