"""Attribution: who is given a voice, how, and with which words.

:func:`extract_attributions` finds attribution relations (source, cue,
content) in an analysed article with fast rules (no trained parser, no model
loading): reporting-verb cues from ``lexicons/reporting_verbs.yaml`` found by
the shared :class:`~framecmp.text.doc.PhraseMatcher`, clause boundaries from
punctuation, the source as the noun-phrase run next to the cue, quotation
marks from the text layer (quotes may span several sentences).

The modules, lowest first: ``config`` (lexicon schemas, :class:`AttributionConfig`,
:func:`load_attribution_config`), ``records`` (:class:`Attribution`,
:class:`AttributionResult`, :func:`voiced`), ``view`` (one article as the rules see
it), ``relations`` (the pattern catalogue and its documentation), ``sources`` (source
types, affiliations, pronouns), ``learned`` (glue to the learned cue detectors
``cue_model`` and ``cue_crf``), ``style`` (the voices, the style summary and the frame
rows) and ``extract`` (:func:`extract_attributions`).

Examples
--------
>>> from framecmp.text.doc import analyze
>>> from framecmp.measures.actors import load_actors, find_mentions
>>> cfg = load_attribution_config()
>>> doc = analyze("“We chose Russia,” the Malian diplomat wrote on X.")
>>> res = extract_attributions(doc, config=cfg, mentions=find_mentions(doc, load_actors()))
>>> a = res.attributions[0]
>>> a.source, a.source_type, a.affiliation, a.channel, a.quote_type
('the Malian diplomat', 'person', 'mali', 'X', 'direct')
"""

from framecmp.measures.attribution.config import (
    HEDGE_SCHEMA,
    SOURCE_SCHEMA,
    VERB_SCHEMA,
    AttributionConfig,
    load_attribution_config,
)
from framecmp.measures.attribution.extract import extract_attributions
from framecmp.measures.attribution.records import (
    QUOTE_TYPES,
    SOURCE_TYPES,
    Attribution,
    AttributionResult,
    voiced,
)
from framecmp.measures.attribution.style import attribution_rows, style_row, voices_rows

__all__ = [
    "SOURCE_TYPES",
    "QUOTE_TYPES",
    "VERB_SCHEMA",
    "HEDGE_SCHEMA",
    "SOURCE_SCHEMA",
    "Attribution",
    "AttributionConfig",
    "AttributionResult",
    "load_attribution_config",
    "extract_attributions",
    "attribution_rows",
    "voices_rows",
    "style_row",
    "voiced",
]
