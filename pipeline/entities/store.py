"""The model's raw mentions of each document, kept between runs (`.pipeline-cache/entities/`).

A rebuild sends a document to the model only when the store has nothing under its key
(pipeline/entities/per_document.py says what the key covers). How entries are kept (one JSON
file per document, whole or absent, in a folder per version, only the last run's kept) is
pipeline/core/doc_store.py; the version covers the code, params, model and gazetteer
(pipeline/entities/store_version.py). This module says what an entry holds: the mentions as
columns, each checked when read back.
"""

from __future__ import annotations

from pipeline.core.doc_store import DocumentStore
from pipeline.entities.ner import RawMention

COLUMNS = ("p", "start", "end", "label", "gaz")  # p: the passage's place among its document's passages


class MentionStore(DocumentStore):
    """Raw mentions per document key, under `folder/version/`."""

    def get(self, key: str, n_passages: int) -> list[RawMention] | None:
        """The stored mentions of a document of `n_passages` passages, or None when there are none
        or the entry is damaged (then the document goes to the model again)."""
        return self.load(key, lambda entry: _mentions(entry, n_passages))

    def put(self, key: str, mentions: list[RawMention]) -> None:
        """Store a document's mentions (p counted within the document), atomically."""
        columns = [list(col) for col in zip(*mentions)] if mentions else [[] for _ in COLUMNS]
        self.save(key, dict(zip(COLUMNS, columns)))


def _mentions(entry: dict, n_passages: int) -> list[RawMention]:
    """The mentions of an entry read back, checked; ValueError when it is not a whole, sound entry."""
    columns = [entry[name] for name in COLUMNS]
    if any(not isinstance(col, list) or len(col) != len(columns[0]) for col in columns):
        raise ValueError("columns of different lengths")
    out = []
    for p, start, end, label, gaz in zip(*columns):
        if not (_int(p) and _int(start) and _int(end) and _int(gaz) and isinstance(label, str)
                and 0 <= p < n_passages and 0 <= start < end and gaz >= -1):
            raise ValueError("not a mention")
        out.append((p, start, end, label, gaz))
    return out


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
