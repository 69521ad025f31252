"""Prefect flow of the facts stage: documents in parallel partitions, one corpus-wide merge.

Reads data/ingest (documents, passage order and offsets), data/clean (clean
passages, sentences, edits), data/dedup (which passages are repeats) and
data/entities (place mentions, when the corpus has any); maps clean offsets back
to the documents with pipeline.text.offsets.
"""

from __future__ import annotations

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.contract import facts as contract
from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.tables import Inputs, stage_output
from pipeline.facts.params import FactsParams
from pipeline.facts.profile import profile_params
from pipeline.facts.stage import Inputs as FactInputs, merge, read_documents, reprints
from pipeline.stages import STAGES
from pipeline.text.offsets import offset_maps


@task(name="facts-partition", cache_policy=NONE)
def facts_partition(part: list[str], index: int, inputs: Inputs, params: FactsParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = ("doc_id", list(part))  # read only this partition's rows of every table
    documents = inputs.read("ingest", "documents", ["doc_id", "source_path", "title", "published_iso"], where=docs)
    passages = inputs.read("ingest", "passages", where=docs)
    clean = inputs.read("clean", "passages", where=docs)
    sentences = inputs.read("clean", "sentences", where=docs)
    edits = inputs.read("clean", "edits", where=docs)
    dedup = inputs.read("dedup", "passages", where=docs)
    mentions = inputs.read("entities", "mentions", where=docs)
    mentions = mentions if len(mentions) else None
    maps = offset_maps(passages, edits)

    def raw_span(pid: str, s: int, e: int) -> tuple[int, int]:
        return maps[pid].raw_span(s, e)

    tables = FactInputs(documents=documents, passages=passages, clean=clean, sentences=sentences, dedup=dedup,
                        mentions=mentions)
    return read_documents(tables, params, raw_span)


@flow(name="facts", log_prints=True)
def facts_flow(root: str, params: FactsParams) -> dict:
    """Figures, claims, events, comparison and timeline from the clean, deduplicated passages."""
    logger = get_run_logger()
    ctx = stage_context(root, "facts")
    params = profile_params(params, ctx.root)  # this corpus's places and words, kept with its documents
    if params.profile:
        logger.info("facts: corpus profile %s%s", params.profile,
                    "" if (ctx.root / params.profile).is_file() else " (none: general defaults only)")
    for producer, tables in STAGES["facts"].declared_reads().items():
        for name in tables:
            ctx.inputs.path(producer, name)  # every input exists before the partitions start
    documents = ctx.inputs.read("ingest", "documents")
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
    results = map_partitions(facts_partition, parts, "facts", inputs=ctx.inputs, params=params)
    qrows = pd.concat([r[0] for r in results if len(r[0])], ignore_index=True) if results else pd.DataFrame()
    trows = pd.concat([r[1] for r in results if len(r[1])], ignore_index=True) if results else pd.DataFrame()
    dedup = ctx.inputs.read("dedup", "passages")
    clusters = ctx.inputs.read("dedup", "clusters")
    reprint_of, copies = reprints(dedup, clusters)
    tables = merge(qrows, trows, documents, params, reprint_of, copies)
    with stage_output(ctx.out_dir) as out:
        for name, table in contract.TABLES.items():
            out.write(table, tables[name])
    summary = {name: len(df) for name, df in tables.items()}
    logger.info("facts: %s", summary)
    return summary
