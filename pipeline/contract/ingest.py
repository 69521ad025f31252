"""Tables of the ingest stage: the decoded documents every offset points into."""

import pyarrow as pa

from pipeline.contract import Column as C, Table

PASSAGE_KEYS = (
    C("passage_id", pa.string(), "stable id: the document's id and the passage's place in it"),
    C("doc_id", pa.string(), "the document"),
    C("seq", pa.int32(), "order in the document, from 0"),
    C("char_start", pa.int64(), "start in `documents.text` (code points)"),
    C("char_end", pa.int64(), "end in `documents.text`, exclusive"),
)

DOCUMENTS = Table("ingest", "documents", "One row per document read.", (
    C("doc_id", pa.string(), "derived from the content, not the file name: stable across runs"),
    C("source_path", pa.string(), "relative to the project root; bytes of a name that are not UTF-8 "
                                  "shown escaped (`\\xff`)"),
    C("format", pa.string(), "the reader: txt, md, html, pdf, docx or eml (an mbox's messages: eml)"),
    C("encoding", pa.string(), "as detected (an e-mail: its body's charset); `pdf` or `docx` for text "
                               "taken from those containers"),
    C("n_replaced", pa.int64(), "byte sequences invalid in `encoding` (UTF-8 with a few damaged bytes), "
                                "each replaced by U+FFFD in `text`; 0 when it decoded cleanly"),
    C("title", pa.string(), "as the document states it, or null"),
    C("published", pa.date32(), "set only when the document states a full day"),
    C("published_iso", pa.string(), "as precise as the document states: YYYY-MM-DD or YYYY-MM"),
    C("n_bytes", pa.int64(), "size of the file"),
    C("n_chars", pa.int64(), "length of `text`"),
    C("n_passages", pa.int64(), "passages cut from it"),
    C("page_count", pa.int32(), "pages of a paged format (PDF), with text or not; null for unpaged formats"),
    C("parent_doc_id", pa.string(), "for an e-mail's attachment: the message it came with (null when the "
                                    "message has no text of its own, and for every other document)"),
    C("ocr_pages", pa.list_(pa.int32()), "pages of a PDF whose text was read by OCR (they had no text layer); "
                                         "empty when none, null for unpaged formats"),
    C("text", pa.large_string(), "the decoded raw text, or the text extracted from a PDF, Word file or "
                                 "e-mail (docs/ingest.md): the reference every offset points into"),
))
PASSAGE_TEXT = C("text", pa.large_string(), "`documents.text[char_start:char_end]`")
PASSAGES = Table("ingest", "passages", "Blocks of a document (paragraphs, cut at line, sentence or word "
                 "breaks when longer than `ingest.max_passage_chars`; never across a page).", (
    *PASSAGE_KEYS,
    C("page", pa.int32(), "page of a paged document (PDF), from 1; null for unpaged formats"),
    PASSAGE_TEXT,
))
REJECTED = Table("ingest", "rejected", "Every input that could not be read, with a reason a person "
                 "understands: nothing is dropped silently.", (
    C("source_path", pa.string(), "relative to the project root; bytes of a name that are not UTF-8 "
                                  "shown escaped (`\\xff`)"),
    C("reason", pa.string(), "why, and what to do"),
    C("n_bytes", pa.int64(), "size of the file (null for a copy of an earlier file: same content, counted "
                             "once; for a link, a pipe or a device: nothing is read from them)"),
))
TABLES = {t.name: t for t in (DOCUMENTS, PASSAGES, REJECTED)}
