"""Prefect flow of the facts stage: documents in parallel partitions, one corpus-wide merge.

Reads data/ingest (documents, passage order and offsets), data/clean (clean
passages, sentences, edits), data/dedup (which passages are repeats) and
data/entities (place mentions, when the corpus has any); maps clean offsets back
to the documents with pipeline.text.offsets. On the thread runner the partitions
run in `facts.n_process` worker processes forked after the parser is loaded
(pipeline.core.workers): the work is CPU-bound, threads share one core's worth
of it. On Dask (or with n_process 1) they are the runner's tasks.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.contract import facts as contract
from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.tables import Inputs, stage_output
from pipeline.core.workers import map_forked
from pipeline.facts.grammar import load_parser
from pipeline.facts.params import FactsParams
from pipeline.facts.profile import profile_params
from pipeline.facts.stage import Inputs as FactInputs, merge, read_documents, reprints
from pipeline.stages import STAGES
from pipeline.text.offsets import offset_maps


def read_partition(part: list[str], inputs: Inputs, params: FactsParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures and dated mentions of one partition's documents (reads only their rows)."""
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


@task(name="facts-partition", cache_policy=NONE)
def facts_partition(part: list[str], index: int, inputs: Inputs, params: FactsParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_partition(part, inputs, params)


def _threads_runner() -> bool:
    """Is the flow running on the default thread runner (not Dask, not a process runner)?"""
    ctx = FlowRunContext.get()
    return ctx is None or isinstance(ctx.task_runner, ThreadPoolTaskRunner)


def partitions(documents: pd.DataFrame, params: FactsParams) -> list[list[str]]:
    """Whole documents (a figure's context is its document), at most `partition_passages`
    passages each, and at least 4 per worker process when the corpus allows (even loads)."""
    total = int(documents["n_passages"].sum()) if len(documents) else 0
    size = params.partition_passages
    if params.n_process > 1:
        size = max(1, min(size, -(-total // (params.n_process * 4))))
    parts, current, n = [], [], 0
    for doc_id, k in zip(documents["doc_id"], documents["n_passages"]):
        if current and n + int(k) > size:
            parts.append(current)
            current, n = [], 0
        current.append(doc_id)
        n += int(k)
    if current:
        parts.append(current)
    return parts


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
    parts = partitions(documents, params)
    if params.n_process > 1 and len(parts) > 1 and _threads_runner():
        # CPU-bound (the parser and the rules): worker processes forked after the parser is loaded
        logger.info("facts: %d documents in %d partitions on %d processes", len(documents), len(parts),
                    min(params.n_process, len(parts)))
        if params.parser_model:
            load_parser(params.parser_model)
        step = max(1, len(parts) // 10)

        def progress(done: int, total: int, seconds: float) -> None:
            if done == total or done % step == 0:
                logger.info("facts: %d/%d partitions done (%.1fs)", done, total, seconds)
        results = map_forked(partial(read_partition, inputs=ctx.inputs, params=params), parts, params.n_process,
                             progress=progress)
    else:
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
