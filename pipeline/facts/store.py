"""Each document's figures and dates before the corpus-wide step, kept between runs (`.pipeline-cache/facts/`).

A rebuild reads a document again only when the store has nothing under its key
(pipeline/facts/per_document.py says what the key covers); how entries are kept (one JSON file
per document, whole or absent, in a folder per version, only the last run's kept) is
pipeline/core/doc_store.py, and the version pipeline/facts/store_version.py. An entry holds the
document's rows as `read_documents` gives them (dicts of str, int, float, bool or None, in
order), so the rows read back are the rows computed: JSON keeps each of those types and every bit
of a float. A value of any other type is refused when written (TypeError): JSON would bring it
back as something else.
"""

from __future__ import annotations

from pipeline.core.doc_store import DocumentStore
from pipeline.facts.per_document import DocumentFacts

SCALARS = (str, int, float, bool, type(None))


class FactsStore(DocumentStore):
    """Per document key: its quantity and timeline rows, under `folder/version/`."""

    def get(self, key: str, doc_id: str) -> DocumentFacts | None:
        """The stored rows of document `doc_id`, or None when there are none or the entry is
        damaged (then the document is read again)."""
        return self.load(key, lambda entry: _facts(entry, doc_id))

    def put(self, key: str, facts: DocumentFacts) -> None:
        """Store a document's rows, atomically."""
        for table, rows in (("quantities", facts.quantities), ("timeline", facts.timeline)):
            for row in rows:
                for column, value in row.items():
                    if type(value) not in SCALARS:
                        raise TypeError(f"facts store: {table}.{column} holds a {type(value).__name__} "
                                        f"({value!r}); an entry keeps only str, int, float, bool and None")
        self.save(key, {"doc_id": facts.doc_id, "quantities": facts.quantities, "timeline": facts.timeline})


def _facts(entry: dict, doc_id: str) -> DocumentFacts:
    """The rows of an entry read back, checked; ValueError when it is not a whole, sound entry."""
    if entry["doc_id"] != doc_id:
        raise ValueError("entry of another document")
    tables = [entry["quantities"], entry["timeline"]]
    for rows in tables:
        if not isinstance(rows, list):
            raise ValueError("rows are not a list")
        for row in rows:
            if not isinstance(row, dict) or row.get("doc_id") != doc_id \
                    or any(type(v) not in SCALARS for v in row.values()):
                raise ValueError("not a row of this document")
    return DocumentFacts(doc_id, *tables)
