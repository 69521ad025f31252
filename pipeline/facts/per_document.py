"""The facts stage's first phase split by document: unchanged documents from the store, the rest read.

Reading a document (stage.read_documents: its figures, their measure, source, kind, date and raw
offsets; its dated mentions) takes that document's rows of the input tables, and only the columns
`DOCUMENT_READS` names: `read_partition` reads exactly those, so the reading cannot use a value
the key does not cover. A document's key hashes those rows, table by table, in table order; of
dedup only which of its passages are skipped as exact repeats of a passage elsewhere
(stage.skipped_passages: all the reading takes from dedup, so a new near copy of one of its
passages, which changes the passage's cluster but not what is read, keeps the key). Corpus-wide
values reach the reading only through these rows: the entity mentions' labels and entity ids
(canonical entities are worked out over the whole corpus by the entities stage) are columns of
the document's own mention rows, so a change there changes its key. Everything else the reading
takes is the same for every document (the code, the params resolved with the corpus profile, the
parser model and packages): the store's version (store_version.py). Everything after the reading
(place names, events, incidents across documents, claims, comparison, timeline: stage.merge) runs
on all documents' rows each time, so the tables equal a cold build's row for row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

import pandas as pd

from pipeline.core.row_digest import document_digests
from pipeline.facts.params import FactsParams
from pipeline.facts.stage import Inputs as FactInputs, read_documents, skipped_mask
from pipeline.text.offsets import offset_maps

if TYPE_CHECKING:
    from pipeline.facts.store import FactsStore

# (producer, table) -> the columns of a document's rows that reading it takes
DOCUMENT_READS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ingest", "documents"): ("doc_id", "title", "published_iso"),
    ("ingest", "passages"): ("passage_id", "doc_id", "seq", "char_start", "char_end"),
    ("clean", "passages"): ("passage_id", "doc_id", "text_clean", "is_boilerplate"),
    ("clean", "sentences"): ("sentence_id", "passage_id", "doc_id", "start", "end"),
    ("clean", "edits"): ("passage_id", "doc_id", "raw_start", "raw_end", "before", "after"),
    ("dedup", "passages"): ("passage_id", "doc_id", "match", "is_canonical"),
    ("entities", "mentions"): ("doc_id", "passage_id", "start", "end", "text", "label", "entity_id"),
}


class TableReader(Protocol):
    """What reads the input tables (pipeline.core.tables.Inputs; in tests, frames in memory)."""

    def read(self, producer: str, name: str, columns=None, where: tuple[str, list] | None = None) -> pd.DataFrame:
        ...


@dataclass(frozen=True)
class DocumentFacts:
    """One document's rows before the corpus-wide step, in the order its reading gave them."""
    doc_id: str
    quantities: list[dict]
    timeline: list[dict]


ReadDocuments = Callable[[list[str]], Iterable[DocumentFacts]]  # doc_ids -> their facts (any order)


def read_partition(part: list[str], inputs: TableReader, params: FactsParams) -> list[DocumentFacts]:
    """The figures and dated mentions of one partition's documents (reads only their rows), per document."""
    docs = ("doc_id", list(part))
    tables = {name: inputs.read(*name, columns=list(columns), where=docs) for name, columns in DOCUMENT_READS.items()}
    mentions = tables["entities", "mentions"]
    maps = offset_maps(tables["ingest", "passages"], tables["clean", "edits"])

    def raw_span(pid: str, s: int, e: int) -> tuple[int, int]:
        return maps[pid].raw_span(s, e)

    read = FactInputs(documents=tables["ingest", "documents"], passages=tables["ingest", "passages"],
                      clean=tables["clean", "passages"], sentences=tables["clean", "sentences"],
                      dedup=tables["dedup", "passages"], mentions=mentions if len(mentions) else None)
    qrows, trows = read_documents(read, params, raw_span, as_frames=False)
    by_doc: dict[str, DocumentFacts] = {doc_id: DocumentFacts(doc_id, [], []) for doc_id in part}
    for row in qrows:
        by_doc[row["doc_id"]].quantities.append(row)
    for row in trows:
        by_doc[row["doc_id"]].timeline.append(row)
    return list(by_doc.values())


def document_keys(inputs: TableReader) -> dict[str, str]:
    """doc_id -> a hash of everything reading the document takes of the input tables (module doc)."""

    def tables():
        for (producer, name), columns in DOCUMENT_READS.items():
            frame = inputs.read(producer, name, columns=list(columns))
            if (producer, name) == ("dedup", "passages"):
                frame = pd.DataFrame({"passage_id": frame["passage_id"], "doc_id": frame["doc_id"],
                                      "skipped": skipped_mask(frame)})
            yield f"{producer}/{name}", frame

    return document_digests(tables())


def facts_per_document(doc_ids: list[str], keys: dict[str, str], store: FactsStore | None,
                       read: ReadDocuments) -> list[DocumentFacts]:
    """Each document's facts, in the order of `doc_ids`: with a store, those it has an entry for
    from it, and only the others through `read` (their entries written as they arrive); without
    one, all through `read`."""
    if store is None:
        found = {facts.doc_id: facts for facts in read(list(doc_ids))}
    else:
        found = {}
        for doc_id in doc_ids:
            stored = store.get(keys[doc_id], doc_id)
            if stored is not None:
                found[doc_id] = stored
        missing = [doc_id for doc_id in doc_ids if doc_id not in found]
        for facts in read(missing) if missing else ():
            store.put(keys[facts.doc_id], facts)
            found[facts.doc_id] = facts
    lost = [doc_id for doc_id in doc_ids if doc_id not in found]
    if lost:
        raise RuntimeError(f"facts: no result for {len(lost)} document(s), e.g. {lost[0]}")
    return [found[doc_id] for doc_id in doc_ids]
