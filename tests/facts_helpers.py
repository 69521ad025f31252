"""Test helpers for the facts stage: contract input tables built from raw text.

Until the clean, dedup and entities stages land, the facts stage is tested on
tables made here from the seeds: text_clean = the raw passage text (identity
offsets), every passage unique, no entity mentions. This is test scaffolding,
not a fallback of the pipeline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import read_document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "gold" / "facts"

_SENT = re.compile(r"[^\n]*?(?:[.!?…]+[\"'”»)\]]*(?=\s)|$)|[^\n]+", re.M)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as the clean stage cuts them by default (its rule splitter, with its abbreviations:
    "Lt. Sheila Cole said ..." is one sentence)."""
    return [(int(a), int(b)) for a, b in _clean_splitter().split(text)]


@lru_cache(maxsize=1)
def _clean_splitter():
    from pipeline.clean.params import CleanParams
    from pipeline.clean.sentences import make_splitter
    params = CleanParams()
    return make_splitter(params.sentence_splitter, params.abbreviations)


def naive_split_sentences(text: str) -> list[tuple[int, int]]:
    """Naive sentence spans: at line breaks and at . ! ? followed by space."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        ls = line.start()
        for m in re.finditer(r".+?(?:[.!?…]+[\"'”»)\]]*(?=\s+[A-ZА-ЯЁ“\"«\d(\[–—-])|$)", line.group()):
            s, e = ls + m.start(), ls + m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                spans.append((s, e))
    return spans


def tables_from_texts(docs: list[tuple[str, str]], published: dict | None = None) -> dict[str, pd.DataFrame]:
    """Contract tables for (file name, raw text) pairs, as ingest/clean/dedup/entities would write them."""
    params = IngestParams()
    documents, passages = [], []
    for name, text in docs:
        doc, rows = read_document(f"seeds/{name}", text.encode("utf-8"), params)
        if published and name in published:
            doc["published_iso"] = published[name]
        documents.append(doc)
        passages.extend(rows)
    documents = pd.DataFrame(documents)
    passages = pd.DataFrame(passages)
    clean = passages[["passage_id", "doc_id"]].copy()
    clean["text_clean"] = passages["text"]
    clean["language"] = "en"
    clean["is_boilerplate"] = False
    sentences = []
    for p in passages.itertuples():
        for k, (s, e) in enumerate(split_sentences(p.text)):
            sentences.append({"sentence_id": f"{p.passage_id}-s{k:04d}", "passage_id": p.passage_id,
                              "doc_id": p.doc_id, "start": s, "end": e, "text": p.text[s:e]})
    sentences = pd.DataFrame(sentences, columns=["sentence_id", "passage_id", "doc_id", "start", "end", "text"])
    dedup = passages[["passage_id", "doc_id", "seq", "char_start", "char_end", "text"]].copy()
    dedup["cluster_id"] = None
    dedup["canonical_passage_id"] = dedup["passage_id"]
    dedup["is_canonical"] = True
    dedup["match"] = "unique"
    dedup["similarity"] = 1.0
    mentions = pd.DataFrame(columns=["mention_id", "entity_id", "doc_id", "passage_id", "sentence_id", "start",
                                     "end", "raw_start", "raw_end", "text", "label"])
    return {"documents": documents, "passages": passages, "clean_passages": clean, "sentences": sentences,
            "dedup_passages": dedup, "mentions": mentions, "edits": pd.DataFrame(
                columns=["passage_id", "doc_id", "rule", "raw_start", "raw_end", "before", "after"])}


def seed_tables() -> dict[str, pd.DataFrame]:
    files = sorted(SEEDS.glob("*.txt"))
    return tables_from_texts([(f.name, f.read_text(encoding="utf-8")) for f in files])


def identity_raw_span(passages: pd.DataFrame):
    """raw_span for clean text identical to the raw passage text (no cleanup edits)."""
    base = dict(zip(passages["passage_id"], passages["char_start"]))

    def f(pid: str, s: int, e: int) -> tuple[int, int]:
        b = int(base.get(pid, 0))
        return b + s, b + e
    return f


def run_facts(tables: dict[str, pd.DataFrame], params=None) -> dict[str, pd.DataFrame]:
    """The facts stage on helper tables."""
    from pipeline.facts.params import FactsParams
    from pipeline.facts.stage import Inputs, extract_facts

    inputs = Inputs(documents=tables["documents"], passages=tables["passages"], clean=tables["clean_passages"],
                    sentences=tables["sentences"], dedup=tables["dedup_passages"], mentions=tables["mentions"])
    return extract_facts(inputs, params or FactsParams(), identity_raw_span(tables["passages"]))


def facts_for_text(text: str, name: str = "case.txt", published: str | None = None, params=None):
    """The facts stage on one raw text (a one-document corpus)."""
    return run_facts(tables_from_texts([(name, text)], {name: published} if published else None), params)


class FrameInputs:
    """Helper tables read the way the facts flow reads the stage's inputs (pipeline.core.tables.Inputs.read:
    some columns, the rows of some documents, in table order), so tests run the flow's own readers."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.frames = {("ingest", "documents"): tables["documents"], ("ingest", "passages"): tables["passages"],
                       ("clean", "passages"): tables["clean_passages"], ("clean", "sentences"): tables["sentences"],
                       ("clean", "edits"): tables["edits"], ("dedup", "passages"): tables["dedup_passages"],
                       ("dedup", "clusters"): tables.get("clusters", pd.DataFrame(columns=["cluster_id", "n_occurrences"])),
                       ("entities", "mentions"): tables["mentions"]}

    def read(self, producer: str, name: str, columns=None, where: tuple[str, list] | None = None) -> pd.DataFrame:
        frame = self.frames[producer, name]
        if where is not None:
            frame = frame[frame[where[0]].isin(where[1])]
        return (frame if columns is None else frame[list(columns)]).reset_index(drop=True)
