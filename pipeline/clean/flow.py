"""Prefect flow of the clean stage: partitions of whole documents in parallel, then one merge."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.clean.params import CleanParams
from pipeline.clean.stage import SCHEMAS, Cleaner, clean_passages
from pipeline.clean.store import BucketStore, buckets, document_keys, n_buckets, store_version
from pipeline.core.flow import map_partitions, stage_context
from pipeline.core.paths import cache_dir
from pipeline.core.parts import num_rows, read_parts
from pipeline.core.tables import stage_output, to_arrow

@task(name="clean-partition", cache_policy=NONE)
def clean_partition(part: str, index: int, params: CleanParams, store: dict) -> int:
    """Clean the documents of some buckets (the passages in file `part`, a `bucket` column saying
    whose), keeping each bucket's four tables in the store (folder, version, bucket keys by number);
    the number of buckets cleaned. (The run's summary is read from the tables it writes.)"""
    passages = pq.read_table(part).to_pandas()
    kept = BucketStore(Path(store["folder"]), store["version"], tuple(SCHEMAS))
    cleaner = Cleaner(params)   # (its rules and language model, made once for all the buckets)
    n = 0
    for number, rows in passages.groupby("bucket", sort=False):
        tables = clean_passages(rows.drop(columns="bucket"), cleaner=cleaner)
        kept.write(store["keys"][str(number)], {name: to_arrow(frame, SCHEMAS[name]) for name, frame in tables.items()})
        n += 1
    return n


def in_document_order(parts: list[pa.Table], rank: dict[str, int]) -> pa.Table:
    """Rows of several tables (each grouped by document) in the documents' order (`rank`: doc_id -> its
    place, numbered 0, 1, ... in dict order), each document's rows as they were: a stable sort by the
    document's place."""
    table = pa.concat_tables(parts)
    if table.num_rows == 0:
        return table
    documents = pa.array(list(rank), pa.string())   # (`rank` lists the documents in their order)
    ranks = pc.index_in(table.column("doc_id"), value_set=documents).to_numpy(zero_copy_only=False)
    order = np.argsort(ranks, kind="stable")
    if np.array_equal(order, np.arange(table.num_rows)):
        return table
    return table.take(pa.array(order))


def bucket_tasks(table: pa.Table, todo: list[list[str]], numbers: list[int], partition_mb: float) -> list[pa.Table]:
    """The passages of the buckets to clean (each bucket's documents in document order, a `bucket`
    column with its number), grouped into tasks of about `partition_mb` of text."""
    doc_ids = table.column("doc_id").to_pylist()
    rows_of: dict[str, list[int]] = {}
    for i, doc_id in enumerate(doc_ids):
        rows_of.setdefault(doc_id, []).append(i)
    sizes = pc.binary_length(pc.cast(table.column("text"), pa.large_binary())).to_numpy(zero_copy_only=False)
    limit = partition_mb * 1024 * 1024
    tasks, rows, bucket_of, size = [], [], [], 0
    for number, docs in zip(numbers, todo):
        take = [i for d in docs for i in rows_of[d]]
        rows += take
        bucket_of += [number] * len(take)
        size += int(sizes[take].sum()) if take else 0
        if size >= limit:
            tasks.append((rows, bucket_of))
            rows, bucket_of, size = [], [], 0
    if rows:
        tasks.append((rows, bucket_of))
    return [table.take(pa.array(r)).append_column("bucket", pa.array(b, pa.int32())) for r, b in tasks]


@flow(name="clean", log_prints=True)
def clean_flow(root: str, params: CleanParams) -> dict:
    """Clean every ingest passage: text_clean, edits, sentences, furniture. Documents are dealt into
    buckets (pipeline/clean/store.py); a bucket an earlier run cleaned with the same documents, code and
    params is read from the store, the others are cleaned in partitions and kept there."""
    logger = get_run_logger()
    ctx = stage_context(root, "clean")
    table = ctx.inputs.arrow("ingest", "passages")
    # whole documents stay together, in order (a furniture rule looks at the previous passage)
    frame = table.to_pandas()
    first = {d: i for i, d in enumerate(dict.fromkeys(frame["doc_id"]))}
    frame = frame.assign(_doc=frame["doc_id"].map(first)).sort_values(["_doc", "seq"], kind="stable")
    table = pa.Table.from_pandas(frame.drop(columns="_doc"), preserve_index=False)
    del frame
    store = BucketStore(cache_dir(ctx.root, "clean"), store_version(params), tuple(SCHEMAS))
    keys = document_keys(table)
    text_bytes = int(pc.sum(pc.binary_length(pc.cast(table.column("text"), pa.large_binary()))).as_py() or 0)
    count = n_buckets(text_bytes, params.store_bucket_mb)
    members = buckets(keys, count)
    names = [store.key(docs, keys, count) for docs in members]
    todo = [(number, docs) for number, (docs, name) in enumerate(zip(members, names)) if docs and not store.has(name)]
    parts = bucket_tasks(table, [d for _, d in todo], [n for n, _ in todo], params.partition_mb) if todo else []
    n_todo = sum(len(d) for _, d in todo)
    logger.info("clean: %d passages of %d documents in %d bucket(s); %d bucket(s) of %d documents to clean in %d "
                "partition(s), the rest from the store", table.num_rows, len(first), sum(1 for d in members if d),
                len(todo), n_todo, len(parts))
    kept = {"folder": str(store.folder), "version": store.version, "keys": {str(n): names[n] for n, _ in todo}}
    with stage_output(ctx.out_dir) as out:
        in_dir = out.tmp / "in"
        in_dir.mkdir(parents=True)
        paths = []
        for i, part in enumerate(parts):
            path = in_dir / f"{i:06d}.parquet"
            pq.write_table(part, path)
            paths.append(str(path))
        del parts
        map_partitions(clean_partition, paths, "clean", params=params, store=kept)
        used = [name for docs, name in zip(members, names) if docs]
        for name, schema in SCHEMAS.items():
            merged = in_document_order([store.read(bucket, name, schema) for bucket in used], first) if used \
                else schema.empty_table()
            out.write_table(f"{name}.parquet", merged, schema)  # cut into parts and row groups there
            del merged
        shutil.rmtree(in_dir)
    store.used.update(used)
    store.keep_only()  # this pile's buckets: the store never outgrows it
    summary = _summary(ctx.out_dir)
    summary.update({"buckets": len(used), "buckets_from_store": len(used) - len(todo),
                    "documents_from_store": len(first) - n_todo, "documents_cleaned": n_todo})
    logger.info("clean: %s", summary)
    return summary


def _summary(folder: Path) -> dict:
    """What the run's tables hold (the same whichever buckets came from the store)."""
    passages = read_parts(folder / "passages.parquet", ["is_boilerplate", "language"])
    edits = Counter(read_parts(folder / "edits.parquet", ["rule"]).column("rule").to_pylist())
    languages = Counter(passages.column("language").to_pylist())
    return {
        "passages": passages.num_rows,
        "boilerplate_passages": int(pc.sum(passages.column("is_boilerplate")).as_py() or 0),
        "furniture_lines": num_rows(folder / "furniture.parquet"),
        "edits": sum(edits.values()),
        "sentences": num_rows(folder / "sentences.parquet"),
        "edits_by_rule": dict(sorted(edits.items())),
        "languages": dict(languages.most_common()),
    }
