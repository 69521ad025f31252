"""Tables of the entities stage: mentions, one entity per real-world thing, merges, co-occurrence."""

import pyarrow as pa

from pipeline.contract import Column as C, Table

MENTIONS = Table("entities", "mentions", "Every place a name occurs.", (
    C("mention_id", pa.string(), "the mention"),
    C("entity_id", pa.string(), "the entity it names"),
    C("doc_id", pa.string(), "its document"),
    C("passage_id", pa.string(), "its passage"),
    C("sentence_id", pa.string(), "its sentence"),
    C("start", pa.int64(), "start in `text_clean`"),
    C("end", pa.int64(), "end in `text_clean`, exclusive"),
    C("raw_start", pa.int64(), "start in `documents.text`"),
    C("raw_end", pa.int64(), "end in `documents.text`, exclusive"),
    C("text", pa.string(), "as written"),
    C("label", pa.string(), "PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ..."),
    C("source", pa.string(), "model, gazetteer, propagated or header (a display name in an e-mail or news header)"),
    C("title", pa.string(), "a title written before a person's name, or null"),
    C("normal", pa.string(), "a Russian name in the nominative (\"Караганде\" -> \"Караганда\"), or null"),
))
ENTITIES = Table("entities", "entities", "One row per real-world thing, with the spellings merged into it.", (
    C("entity_id", pa.string(), "the entity"),
    C("name", pa.string(), "canonical name"),
    C("label", pa.string(), "PERSON, ORG, GPE, ..."),
    C("aliases", pa.list_(pa.string()), "surface forms merged into it"),
    C("n_mentions", pa.int64(), "mentions"),
    C("n_docs", pa.int64(), "documents naming it"),
    C("doc_ids", pa.list_(pa.string()), "those documents"),
    C("n_passages", pa.int64(), "passages naming it"),
    C("n_docs_with_repeats", pa.int64(), "documents naming it, also counting those holding exact repeats"),
    C("key", pa.string(), "transliteration key of the canonical name"),
    C("in_gazetteer", pa.bool_(), "named in the gazetteer"),
    C("scope", pa.string(), "null: corpus-wide; else the passage or document an unresolved single name is confined to"),
))
MERGES = Table("entities", "merges", "Why each spelling was merged into its entity.", (
    C("entity_id", pa.string(), "the entity"),
    C("alias", pa.string(), "the spelling"),
    C("matched", pa.string(), "the spelling it was matched to (null for the canonical name)"),
    C("rule", pa.string(), "the merge rule"),
    C("score", pa.float64(), "the rule's score"),
    C("n_mentions", pa.int64(), "mentions of this spelling"),
    C("detail", pa.string(), "what the rule saw"),
))
COOCCURRENCE = Table("entities", "cooccurrence", "Pairs of entities named together.", (
    C("entity_a", pa.string(), "one entity"),
    C("entity_b", pa.string(), "the other"),
    C("name_a", pa.string(), "name of entity_a"),
    C("name_b", pa.string(), "name of entity_b"),
    C("label_a", pa.string(), "label of entity_a"),
    C("label_b", pa.string(), "label of entity_b"),
    C("n_sentences", pa.int64(), "sentences naming both"),
    C("n_passages", pa.int64(), "passages naming both"),
    C("n_docs", pa.int64(), "documents naming both"),
))
TABLES = {t.name: t for t in (MENTIONS, ENTITIES, MERGES, COOCCURRENCE)}
