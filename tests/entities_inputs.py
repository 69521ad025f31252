"""Stand-ins for the clean and dedup stages' tables, for the entities tests only.

The entities stage reads data/clean (passages, sentences, edits) and
data/dedup (passages). Until those stages are merged, tests build their
tables from ingest-like frames here: text_clean is the raw passage text,
sentences come from a naive splitter, every passage is unique, and a raw
offset is the passage's char_start plus the clean offset (identity edits).
Nothing in pipeline/ uses this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.core.paths import CORPUS_FILES
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import read_document

SENTENCE_END = re.compile(r"[.!?…]['\"’”»)\]]*\s+|\n+")


@dataclass
class Inputs:
    documents: pd.DataFrame
    ingest_passages: pd.DataFrame
    clean_passages: pd.DataFrame
    sentences: pd.DataFrame
    dedup_passages: pd.DataFrame

    def raw_span(self, passage_id: str, start: int, end: int) -> tuple[int, int]:
        """Local stand-in for pipeline.text.offsets OffsetMap.raw_span with no edits."""
        base = self._starts[passage_id]
        return base + start, base + end

    def __post_init__(self):
        self._starts = dict(zip(self.ingest_passages["passage_id"], self.ingest_passages["char_start"]))

    def file_of_doc(self) -> dict[str, str]:
        return {d: Path(p).name for d, p in zip(self.documents["doc_id"], self.documents["source_path"])}


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > pos and text[pos:m.start()].strip():
            end = m.start() + len(m.group().rstrip())
            out.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text.rstrip())))
    return out


def from_texts(named_texts: dict[str, str], language: str = "en", max_passage_chars: int = 4000) -> Inputs:
    """Build every input table from {file name: document text}."""
    params = IngestParams(max_passage_chars=max_passage_chars)
    docs, passages = [], []
    for name, text in named_texts.items():
        doc, rows = read_document(f"seeds/{name}", text.encode("utf-8"), params)
        docs.append(doc)
        passages.extend(rows)
    documents = pd.DataFrame(docs)
    ingest = pd.DataFrame(passages, columns=["passage_id", "doc_id", "seq", "char_start", "char_end", "text"])
    clean = pd.DataFrame({
        "passage_id": ingest["passage_id"], "doc_id": ingest["doc_id"], "text_clean": ingest["text"],
        "language": language, "is_boilerplate": False,
    })
    sents = []
    for pid, doc_id, text in zip(ingest["passage_id"], ingest["doc_id"], ingest["text"]):
        for i, (s, e) in enumerate(split_sentences(text)):
            sents.append({"sentence_id": f"{pid}-s{i:04d}", "passage_id": pid, "doc_id": doc_id,
                          "start": s, "end": e, "text": text[s:e]})
    sentences = pd.DataFrame(sents, columns=["sentence_id", "passage_id", "doc_id", "start", "end", "text"])
    dedup = pd.DataFrame({
        "passage_id": ingest["passage_id"], "doc_id": ingest["doc_id"], "cluster_id": None,
        "canonical_passage_id": ingest["passage_id"], "is_canonical": True, "match": "unique",
        "similarity": 1.0,
    })
    return Inputs(documents, ingest, clean, sentences, dedup)


def from_folder(folder: Path, **kw) -> Inputs:
    return from_texts({p.name: p.read_bytes().decode("utf-8") for p in sorted(folder.iterdir())
                       if p.is_file() and p.name not in CORPUS_FILES}, **kw)
