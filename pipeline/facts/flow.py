"""Prefect flow of the facts stage: documents in parallel partitions, one corpus-wide merge.

Reads data/ingest (documents, passage order and offsets), data/clean (clean
passages, sentences, edits), data/dedup (which passages are repeats) and
data/entities (place mentions, when the corpus has any); maps clean offsets back
to the documents with pipeline.clean.offsets.
"""

from __future__ import annotations

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.tables import read_table, stage_output
from pipeline.facts.params import FactsParams
from pipeline.facts.stage import CLAIMS, COMPARISON, EVENTS, QUANTITIES, TIMELINE, Inputs, merge, \
    read_documents, reprints


def _read(path, columns=None) -> pd.DataFrame:
    return read_table(path, columns) if path.is_file() else pd.DataFrame(columns=columns or [])


@task(name="facts-partition", cache_policy=NONE)
def facts_partition(part: list[str], index: int, root: str, params: FactsParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    from pathlib import Path

    from pipeline.clean.offsets import offset_maps  # the clean stage's offset maps (clean -> raw)

    data = Path(root) / "data"
    docs = set(part)
    documents = _read(data / "ingest" / "documents.parquet", ["doc_id", "source_path", "title", "published_iso"])
    documents = documents[documents["doc_id"].isin(docs)]
    passages = _read(data / "ingest" / "passages.parquet")
    passages = passages[passages["doc_id"].isin(docs)]
    clean = _read(data / "clean" / "passages.parquet")
    clean = clean[clean["doc_id"].isin(docs)]
    sentences = _read(data / "clean" / "sentences.parquet", ["sentence_id", "passage_id", "doc_id", "start", "end"])
    sentences = sentences[sentences["doc_id"].isin(docs)]
    edits = _read(data / "clean" / "edits.parquet")
    edits = edits[edits["passage_id"].isin(set(passages["passage_id"]))]
    dedup = _read(data / "dedup" / "passages.parquet")
    dedup = dedup[dedup["doc_id"].isin(docs)] if len(dedup) else dedup
    mentions = _read(data / "entities" / "mentions.parquet")
    mentions = mentions[mentions["doc_id"].isin(docs)] if len(mentions) else None
    maps = offset_maps(passages, edits)

    def raw_span(pid: str, s: int, e: int) -> tuple[int, int]:
        return maps[pid].raw_span(s, e)

    inputs = Inputs(documents=documents, passages=passages, clean=clean, sentences=sentences, dedup=dedup,
                    mentions=mentions)
    return read_documents(inputs, params, raw_span)


@flow(name="facts", log_prints=True)
def facts_flow(root: str) -> dict:
    """Figures, claims, events, comparison and timeline from the clean, deduplicated passages."""
    logger = get_run_logger()
    ctx = stage_context(root)
    params: FactsParams = ctx.params["facts"]
    for stage in ("ingest", "clean", "dedup", "entities"):
        ctx.in_dir(stage)
    documents = read_table(ctx.in_dir("ingest") / "documents.parquet",
                           ["doc_id", "source_path", "title", "published_iso", "n_passages"])
    # partitions of whole documents (a figure's context is its document), about N passages each
    parts, current, size = [], [], 0
    for doc_id, n in zip(documents["doc_id"], documents["n_passages"]):
        if current and size + int(n) > params.partition_passages:
            parts.append(current)
            current, size = [], 0
        current.append(doc_id)
        size += int(n)
    if current:
        parts.append(current)
    logger.info("facts: %d documents in %d partitions", len(documents), len(parts))
    results = map_partitions(facts_partition, parts, "facts", root=str(ctx.root), params=params)
    qrows = pd.concat([r[0] for r in results if len(r[0])], ignore_index=True) if results else pd.DataFrame()
    trows = pd.concat([r[1] for r in results if len(r[1])], ignore_index=True) if results else pd.DataFrame()
    dedup = _read(ctx.in_dir("dedup") / "passages.parquet")
    clusters = _read(ctx.in_dir("dedup") / "clusters.parquet")
    reprint_of, copies = reprints(dedup, clusters)
    tables = merge(qrows, trows, documents, params, reprint_of, copies)
    with stage_output(ctx.out_dir("facts")) as out:
        for name, schema in (("quantities", QUANTITIES), ("claims", CLAIMS), ("comparison", COMPARISON),
                             ("events", EVENTS), ("timeline", TIMELINE)):
            out.write_table(f"{name}.parquet", tables[name], schema)
    summary = {name: len(df) for name, df in tables.items()}
    logger.info("facts: %s", summary)
    return summary
