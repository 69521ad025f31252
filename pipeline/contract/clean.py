"""Tables of the clean stage: clean text, the edits that map it back, sentences, furniture."""

import pyarrow as pa

from pipeline.contract import Column as C, Table
from pipeline.contract.ingest import PASSAGE_KEYS

PASSAGES = Table("clean", "passages", "Every ingest passage, cleaned and flagged.", (
    *PASSAGE_KEYS,
    C("text_clean", pa.large_string(), "the text after cleanup; `edits` map its offsets back"),
    C("language", pa.string(), "ISO 639-1 or `und`"),
    C("language_confidence", pa.float64(), "the detector's confidence (null when too short to tell)"),
    C("language_label", pa.string(), "the detector's own label (may be ISO 639-3)"),
    C("is_boilerplate", pa.bool_(), "every line of the passage is page furniture"),
    C("boilerplate_rule", pa.string(), "the furniture rule(s) of a boilerplate passage"),
    C("n_furniture_lines", pa.int32(), "furniture lines inside the passage (boilerplate or not)"),
    C("n_edits", pa.int32(), "edits made to it"),
))
EDITS = Table("clean", "edits", "Every change cleanup made, so any clean offset maps back to the raw text.", (
    C("passage_id", pa.string(), "the passage"),
    C("doc_id", pa.string(), "its document"),
    C("rule", pa.string(), "the rule that made it (`+`-joined when passes touched the same text)"),
    C("raw_start", pa.int64(), "start in `documents.text`"),
    C("raw_end", pa.int64(), "end in `documents.text`, exclusive"),
    C("clean_start", pa.int64(), "start in `text_clean`"),
    C("clean_end", pa.int64(), "end in `text_clean`, exclusive"),
    C("before", pa.large_string(), "the raw text replaced"),
    C("after", pa.large_string(), "what replaced it"),
))
SENTENCES = Table("clean", "sentences", "Sentences of the clean text.", (
    C("sentence_id", pa.string(), "stable id: the passage's id and the sentence's place in it"),
    C("passage_id", pa.string(), "the passage"),
    C("doc_id", pa.string(), "its document"),
    C("seq", pa.int32(), "order in the passage, from 0"),
    C("start", pa.int64(), "start in `text_clean`"),
    C("end", pa.int64(), "end in `text_clean`, exclusive"),
    C("raw_start", pa.int64(), "start in `documents.text`"),
    C("raw_end", pa.int64(), "end in `documents.text`, exclusive"),
    C("text", pa.large_string(), "the sentence's clean text"),
    C("is_boilerplate", pa.bool_(), "lies on a furniture line"),
))
FURNITURE = Table("clean", "furniture", "Lines set aside as page furniture (headers, bylines, captions, ...).", (
    C("passage_id", pa.string(), "the passage"),
    C("doc_id", pa.string(), "its document"),
    C("rule", pa.string(), "the furniture rule that matched"),
    C("start", pa.int64(), "start in `text_clean`"),
    C("end", pa.int64(), "end in `text_clean`, exclusive"),
    C("raw_start", pa.int64(), "start in `documents.text`"),
    C("raw_end", pa.int64(), "end in `documents.text`, exclusive"),
    C("text", pa.large_string(), "the line"),
))
TABLES = {t.name: t for t in (PASSAGES, EDITS, SENTENCES, FURNITURE)}
