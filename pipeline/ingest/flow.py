"""Prefect flow of the ingest stage: partitions in parallel, streamed to disk in order.

Partitions are written as they arrive, in input order, so memory holds only
the partitions in flight. The one global rule, that a document whose content
an earlier file already had is rejected, only looks backwards, so it is
applied on the stream.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.core.flow import iter_partitions, stage_context
from pipeline.core.tables import stage_output
from pipeline.ingest.corpus import printable
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import (
    DOCUMENTS, PASSAGES, REJECTED, InputFile, discover, partition, read_partition,
)


@task(name="ingest-partition", cache_policy=NONE)
def ingest_partition(part: list[InputFile], index: int, root: str, params: IngestParams):
    return read_partition(Path(root), part, params)


def drop_repeated_documents(docs: pa.Table, passages: pa.Table, first_path: dict[str, str]):
    """Drop documents whose content an earlier file had; say so in rejections.

    `first_path` (doc_id -> first file) carries over from earlier partitions
    and is updated. A dropped copy has the kept document's doc_id, so its
    passages repeat the kept ones' passage_ids: keep one set.
    """
    earlier = set(first_path)
    keep, repeats = [], []
    for doc_id, path in zip(docs.column("doc_id").to_pylist(), docs.column("source_path").to_pylist()):
        if doc_id in first_path:
            repeats.append({"source_path": path, "n_bytes": None,
                            "reason": f"same content as {first_path[doc_id]} (doc_id {doc_id}); counted once"})
            keep.append(False)
        else:
            first_path[doc_id] = path
            keep.append(True)
    if repeats:
        docs = docs.filter(pa.array(keep))
        frame = passages.to_pandas()
        frame = frame[~frame["doc_id"].isin(earlier)].drop_duplicates("passage_id")
        passages = pa.Table.from_pandas(frame, schema=PASSAGES, preserve_index=False)
    return docs, passages, pa.Table.from_pylist(repeats, schema=REJECTED)


def log_repaired(docs: pa.Table, logger) -> None:
    """Say which documents were read with invalid bytes replaced (documents.n_replaced)."""
    if not docs.num_rows:
        return
    for path, n in zip(docs.column("source_path").to_pylist(), docs.column("n_replaced").to_pylist()):
        if n:
            logger.warning("read %s as UTF-8 with %d invalid byte sequence(s) replaced by U+FFFD "
                           "(documents.n_replaced)", path, n)


@flow(name="ingest", log_prints=True)
def ingest_flow(root: str, params: IngestParams, outside_input_dir: str | None = None) -> dict:
    """Read every file under the input folder into documents, passages, rejected.

    outside_input_dir: an absolute folder outside the project that the command
    line allowed (`run ingest --input-dir`), read instead of ingest.input_dir.
    """
    logger = get_run_logger()
    ctx = stage_context(root, "ingest")
    files, early_rejected = discover(ctx.root, params, outside_input_dir)
    parts = partition(files, params.partition_mb)
    total = sum(f.size for f in files)
    logger.info("ingest: %d files (%.1f MB) in %d partitions from %s/",
                len(files), total / 2**20, len(parts), printable(outside_input_dir or params.input_dir))
    rejected = [pa.Table.from_pylist(early_rejected, schema=REJECTED)]
    first_path: dict[str, str] = {}
    n_docs = n_passages = 0
    with stage_output(ctx.out_dir) as out:
        with out.writer("documents.parquet", DOCUMENTS) as docs_w, \
                out.writer("passages.parquet", PASSAGES) as pass_w:
            for docs, passages, bad in iter_partitions(ingest_partition, parts, "ingest",
                                                       root=str(ctx.root), params=params):
                docs, passages, repeats = drop_repeated_documents(docs, passages, first_path)
                log_repaired(docs, logger)
                docs_w.write_table(docs)
                pass_w.write_table(passages)
                rejected += [bad, repeats]
                n_docs += docs.num_rows
                n_passages += passages.num_rows
        rejected_t = pa.concat_tables(rejected).sort_by("source_path")
        out.write_table("rejected.parquet", rejected_t, REJECTED)
    for path, reason in zip(rejected_t.column("source_path").to_pylist(),
                            rejected_t.column("reason").to_pylist()):
        logger.warning("rejected %s: %s", path, reason)
    summary = {"documents": n_docs, "passages": n_passages, "rejected": rejected_t.num_rows,
               "bytes": total}
    logger.info("ingest: %s", summary)
    return summary
