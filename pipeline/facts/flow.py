"""Prefect flow of the facts stage: documents in parallel partitions, one corpus-wide merge.

Reads data/ingest (documents, passage order and offsets), data/clean (clean
passages, sentences, edits), data/dedup (which passages are repeats) and
data/entities (place mentions, when the corpus has any); maps clean offsets back
to the documents with pipeline.text.offsets. On the thread runner the partitions
run in `facts.n_process` worker processes forked after the parser is loaded
(pipeline.core.workers): the work is CPU-bound, threads share one core's worth
of it. On Dask (or with n_process 1) they are the runner's tasks.

On every runner only the documents whose figures are not in the stage's store
(``.pipeline-cache/facts/``, pipeline/facts/store.py; per_document.py says what a
document's key covers) go to the partitions; the corpus-wide merge runs on every
document's rows. After the tables are written the store keeps this run's documents only.
"""

from __future__ import annotations

from functools import partial
from typing import Iterator

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline.contract import facts as contract
from pipeline.core.flow import iter_partitions, progress_reporter, run_logger, stage_context
from pipeline.core.paths import cache_dir
from pipeline.core.tables import Inputs, stage_output
from pipeline.core.workers import map_forked
from pipeline.facts.grammar import load_parser
from pipeline.facts.params import FactsParams
from pipeline.facts.per_document import DocumentFacts, ReadDocuments, TableReader, document_keys, \
    facts_per_document, read_partition
from pipeline.facts.profile import profile_params
from pipeline.facts.stage import merge, reprints
from pipeline.facts.store import FactsStore
from pipeline.facts.store_version import store_version
from pipeline.stages import STAGES


@task(name="facts-partition", cache_policy=NONE)
def facts_partition(part: list[str], index: int, inputs: Inputs, params: FactsParams) -> list[DocumentFacts]:
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


def build_facts(inputs: TableReader, params: FactsParams, store: FactsStore | None = None,
                read: ReadDocuments | None = None) -> dict[str, pd.DataFrame]:
    """Every table of data/facts/: each document's rows from `store` where it has them, the rest
    through `read` (default: in this process; the flow: partitions on its runner), then the
    corpus-wide merge over all documents' rows. `params` are resolved with the corpus profile."""
    documents = inputs.read("ingest", "documents")
    keys = document_keys(inputs) if store is not None else {}
    per_doc = facts_per_document(documents["doc_id"].tolist(), keys, store,
                                 read or partial(read_partition, inputs=inputs, params=params))
    qrows = [row for facts in per_doc for row in facts.quantities]
    trows = [row for facts in per_doc for row in facts.timeline]
    reprint_of, copies = reprints(inputs.read("dedup", "passages"), inputs.read("dedup", "clusters"))
    return merge(qrows, trows, documents, params, reprint_of, copies)


def read_on_runner(doc_ids: list[str], documents: pd.DataFrame, inputs: Inputs, params: FactsParams,
                   mapper=iter_partitions) -> Iterator[DocumentFacts]:
    """The facts of `doc_ids` (the documents the store lacks), read in partitions on the flow's runner:
    forked processes, or `facts_partition` tasks through `mapper` (the flow: `iter_partitions` on its
    runner; tests: `map_serial`)."""
    logger = run_logger()
    parts = partitions(documents[documents["doc_id"].isin(set(doc_ids))], params)
    if params.n_process > 1 and len(parts) > 1 and _threads_runner():
        # CPU-bound (the parser and the rules): worker processes forked after the parser is loaded
        logger.info("facts: %d documents to read in %d partitions on %d processes", len(doc_ids), len(parts),
                    min(params.n_process, len(parts)))
        if params.parser_model:
            load_parser(params.parser_model)
        results = map_forked(partial(read_partition, inputs=inputs, params=params), parts, params.n_process,
                             progress=progress_reporter("facts"))
    else:
        logger.info("facts: %d documents to read in %d partitions", len(doc_ids), len(parts))
        results = mapper(facts_partition, parts, "facts", inputs=inputs, params=params)
    for part in results:
        yield from part


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
    store = FactsStore(cache_dir(ctx.root, "facts"), store_version(params))
    tables = build_facts(ctx.inputs, params, store,
                         partial(read_on_runner, documents=documents, inputs=ctx.inputs, params=params))
    logger.info("facts: %d document(s) from the store, %d read (store %s)", store.reads, store.writes,
                store.entries)
    with stage_output(ctx.out_dir) as out:
        for name, table in contract.TABLES.items():
            out.write(table, tables[name])
    store.keep_only()  # this run's documents: the store never outgrows the corpus
    summary = {name: len(df) for name, df in tables.items()}
    logger.info("facts: %s", summary)
    return {**summary, "documents_from_store": store.reads, "documents_read": store.writes}
