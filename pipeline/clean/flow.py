"""Prefect flow of the clean stage: partitions of whole documents in parallel, then one merge."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.clean.params import CleanParams
from pipeline.clean.stage import SCHEMAS, clean_passages
from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.tables import stage_output, to_arrow

@task(name="clean-partition", cache_policy=NONE)
def clean_partition(part: str, index: int, params: CleanParams, tmp: str) -> dict:
    passages = pq.read_table(part).to_pandas()
    tables = clean_passages(passages, params)
    parts_dir = Path(tmp) / "parts"
    parts_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        pq.write_table(to_arrow(frame, SCHEMAS[name]), parts_dir / f"{index:06d}-{name}.parquet")
    p = tables["passages"]
    return {
        "index": index,
        "passages": len(p),
        "boilerplate": int(p["is_boilerplate"].sum()) if len(p) else 0,
        "edits": dict(Counter(tables["edits"]["rule"])),
        "furniture": len(tables["furniture"]),
        "sentences": len(tables["sentences"]),
        "languages": dict(Counter(p["language"])),
    }


def document_partitions(table: pa.Table, partition_mb: float) -> list[pa.Table]:
    """Runs of whole documents of about `partition_mb` of text each, in document order."""
    doc_ids = table.column("doc_id").to_pylist()
    sizes = [len(t) for t in table.column("text").to_pylist()]
    limit = partition_mb * 1024 * 1024
    cuts = [0]
    size = 0
    for i in range(1, len(doc_ids) + 1):
        size += sizes[i - 1]
        boundary = i == len(doc_ids) or doc_ids[i] != doc_ids[i - 1]
        if boundary and size >= limit and i < len(doc_ids):
            cuts.append(i)
            size = 0
    cuts.append(len(doc_ids))
    return [table.slice(a, b - a) for a, b in zip(cuts, cuts[1:]) if b > a]


@flow(name="clean", log_prints=True)
def clean_flow(root: str, params: CleanParams) -> dict:
    """Clean every ingest passage: text_clean, edits, sentences, furniture."""
    logger = get_run_logger()
    ctx = stage_context(root, "clean")
    table = ctx.inputs.arrow("ingest", "passages")
    # whole documents stay together, in order (a furniture rule looks at the previous passage)
    frame = table.to_pandas()
    first = {d: i for i, d in enumerate(dict.fromkeys(frame["doc_id"]))}
    frame = frame.assign(_doc=frame["doc_id"].map(first)).sort_values(["_doc", "seq"], kind="stable")
    table = pa.Table.from_pandas(frame.drop(columns="_doc"), preserve_index=False)
    parts = document_partitions(table, params.partition_mb)
    logger.info("clean: %d passages in %d partitions", table.num_rows, len(parts))
    with stage_output(ctx.out_dir) as out:
        in_dir = out.tmp / "in"
        in_dir.mkdir(parents=True)
        paths = []
        for i, part in enumerate(parts):
            path = in_dir / f"{i:06d}.parquet"
            pq.write_table(part, path)
            paths.append(str(path))
        results = map_partitions(clean_partition, paths, "clean", params=params, tmp=str(out.tmp))
        parts_dir = out.tmp / "parts"
        for name, schema in SCHEMAS.items():
            with out.writer(f"{name}.parquet", schema) as w:
                for r in results:
                    t = pq.read_table(parts_dir / f"{r['index']:06d}-{name}.parquet")
                    if t.num_rows:
                        w.write_table(t.cast(schema))
        shutil.rmtree(in_dir)
        if parts_dir.exists():
            shutil.rmtree(parts_dir)
    edits: Counter = Counter()
    languages: Counter = Counter()
    for r in results:
        edits.update(r["edits"])
        languages.update(r["languages"])
    summary = {
        "passages": sum(r["passages"] for r in results),
        "boilerplate_passages": sum(r["boilerplate"] for r in results),
        "furniture_lines": sum(r["furniture"] for r in results),
        "edits": sum(edits.values()),
        "sentences": sum(r["sentences"] for r in results),
        "edits_by_rule": dict(sorted(edits.items())),
        "languages": dict(languages.most_common()),
    }
    logger.info("clean: %s", summary)
    return summary
