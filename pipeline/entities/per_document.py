"""The model's work split by document: unchanged documents from the store, the rest to the model.

A document's key is a hash of exactly what the model's part of the stage reads of it: for each
of its selected passages, in order, how it is read (`mode`) and its chunks (offset, text, whether
the English model runs on it). Whatever changes that (an edit, a passage that becomes or stops
being an exact repeat of another document's, another cut at sentence ends) changes the key; the
code, params, model and gazetteer are the store's version (store_version.py). Everything after the
model is corpus-wide (propagation, label votes, canonical entities) and runs on all documents'
mentions each time, so the tables equal a cold build's row for row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable, Sequence

from pipeline.entities.ner import Chunk, RawMention
from pipeline.entities.store import MentionStore

Find = Callable[[list[Chunk]], list[RawMention]]  # chunks -> their raw mentions, sorted (the model)


@dataclass(frozen=True)
class DocumentWork:
    """One document's share of the model's work."""
    key: str  # hash of what the model reads of it
    passages: list[int]  # its selected passages' places in the selection, in document order
    chunks: list[Chunk]


def documents_of(chunks: Sequence[Chunk], modes: Sequence[str], docs: Sequence[str]) -> list[DocumentWork]:
    """The selection's documents in order of first passage, each with its key."""
    passages: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        passages.setdefault(doc, []).append(i)
    chunks_of: dict[str, list[Chunk]] = {doc: [] for doc in passages}
    for c in chunks:
        chunks_of[docs[c.index]].append(c)
    return [DocumentWork(document_key(places, chunks_of[doc], modes), places, chunks_of[doc])
            for doc, places in passages.items()]


def document_key(passages: list[int], chunks: list[Chunk], modes: Sequence[str]) -> str:
    read: dict[int, list] = {p: [] for p in passages}
    for c in chunks:
        read[c.index].append([c.offset, c.use_model, c.text])
    payload = json.dumps([[modes[p], read[p]] for p in passages], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def recognise_per_document(chunks: list[Chunk], modes: Sequence[str], docs: Sequence[str],
                           store: MentionStore | None, find: Find) -> list[RawMention]:
    """Raw mentions of all chunks, sorted by passage and offset, as `find(chunks)` gives them; with
    a store, only the documents it has no entry for go to `find`, and their entries are written."""
    if store is None:
        return find(chunks)
    raw: list[RawMention] = []
    missing: list[DocumentWork] = []
    for work in documents_of(chunks, modes, docs):
        stored = store.get(work.key, len(work.passages))
        if stored is None:
            missing.append(work)
        else:
            raw.extend((work.passages[p], a, b, label, gaz) for p, a, b, label, gaz in stored)
    found: dict[int, list[RawMention]] = {}
    for m in find([c for work in missing for c in work.chunks]):
        found.setdefault(m[0], []).append(m)
    for work in missing:
        mentions = [m for p in work.passages for m in found.get(p, ())]
        raw.extend(mentions)
        place = {p: i for i, p in enumerate(work.passages)}
        store.put(work.key, [(place[p], a, b, label, gaz) for p, a, b, label, gaz in mentions])
    raw.sort(key=lambda m: (m[0], m[1]))
    return raw
