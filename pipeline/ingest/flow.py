"""Prefect flow of the ingest stage: partitions in parallel, one global merge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.tables import stage_output, to_arrow
from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import (
    DOCUMENTS, PASSAGES, REJECTED, InputFile, discover, drop_duplicate_documents,
    partition, read_partition,
)


@task(name="ingest-partition", cache_policy=NONE)
def ingest_partition(part: list[InputFile], index: int, root: str, params: IngestParams, tmp: str) -> dict:
    docs, passages, rejected = read_partition(Path(root), part, params)
    parts_dir = Path(tmp) / "parts"
    parts_dir.mkdir(parents=True, exist_ok=True)
    for name, frame, schema in (("documents", docs, DOCUMENTS), ("passages", passages, PASSAGES),
                                ("rejected", rejected, REJECTED)):
        pq.write_table(to_arrow(frame, schema), parts_dir / f"{index:06d}-{name}.parquet")
    return {
        "index": index,
        "docs": list(zip(docs["doc_id"], docs["source_path"])),
        "bytes": sum(f.size for f in part),
    }


@flow(name="ingest", log_prints=True)
def ingest_flow(root: str) -> dict:
    """Read every file under the input folder into documents, passages, rejected."""
    logger = get_run_logger()
    ctx = stage_context(root)
    params: IngestParams = ctx.params["ingest"]
    files, early_rejected = discover(ctx.root, params)
    parts = partition(files, params.partition_mb)
    total = sum(f.size for f in files)
    logger.info("ingest: %d files (%.1f MB) in %d partitions from %s/",
                len(files), total / 2**20, len(parts), params.input_dir)
    with stage_output(ctx.out_dir("ingest")) as out:
        results = map_partitions(ingest_partition, parts, "ingest",
                                 root=str(ctx.root), params=params, tmp=str(out.tmp))
        order = [pair for r in results for pair in r["docs"]]
        duplicates = drop_duplicate_documents(order)
        parts_dir = out.tmp / "parts"
        n_docs = n_passages = 0
        emitted: set[str] = set()
        rejected = [pd.DataFrame(early_rejected, columns=REJECTED.names)]
        with out.writer("documents.parquet", DOCUMENTS) as docs_w, \
                out.writer("passages.parquet", PASSAGES) as pass_w:
            for r in results:
                i = r["index"]
                docs = pq.read_table(parts_dir / f"{i:06d}-documents.parquet")
                keep = pa.array([p not in duplicates for p in docs.column("source_path").to_pylist()])
                docs = docs.filter(keep)
                passages = pq.read_table(parts_dir / f"{i:06d}-passages.parquet").to_pandas()
                passages = passages[~passages["doc_id"].isin(emitted)].drop_duplicates("passage_id")
                emitted.update(docs.column("doc_id").to_pylist())
                if docs.num_rows:
                    docs_w.write_table(docs)
                if len(passages):
                    pass_w.write_table(to_arrow(passages, PASSAGES))
                n_docs += docs.num_rows
                n_passages += len(passages)
                rejected.append(pq.read_table(parts_dir / f"{i:06d}-rejected.parquet").to_pandas())
        rejected.append(pd.DataFrame(
            [{"source_path": p, "reason": why, "n_bytes": None} for p, why in duplicates.items()],
            columns=REJECTED.names))
        rejected_df = pd.concat([r for r in rejected if len(r)], ignore_index=True) \
            if any(len(r) for r in rejected) else pd.DataFrame(columns=REJECTED.names)
        rejected_df = rejected_df.sort_values("source_path", kind="stable").reset_index(drop=True)
        out.write_table("rejected.parquet", rejected_df, REJECTED)
        shutil.rmtree(parts_dir)
    for row in rejected_df.itertuples():
        logger.warning("rejected %s: %s", row.source_path, row.reason)
    summary = {"documents": n_docs, "passages": n_passages, "rejected": len(rejected_df),
               "bytes": total}
    logger.info("ingest: %s", summary)
    return summary
