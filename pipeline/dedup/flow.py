"""Prefect flow of the dedup stage: three parallel phases, global merges between.

1. prepare: passages in partitions -> signatures (one task per partition);
2. candidates: the shingle index (built once) -> candidate pairs, one task per
   slice of pairs (the pairs whose first passage is in its range);
3. verify: candidate pairs in chunks -> links (one task per chunk);
then the global merge (union-find, reworded copies, blocks) and the tables.

Tasks exchange data through files in the stage's staging folder (so the Dask
runner works as well as threads); the folder is dropped before the swap.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from pipeline.contract import dedup as contract
from pipeline.core.flow import map_partitions, map_serial, stage_context
from pipeline.core.tables import stage_output
from pipeline.dedup.arrays import sorted_unique
from pipeline.dedup.candidates import candidate_pairs, pair_slices
from pipeline.dedup.merge import UnionFind, exact_groups
from pipeline.dedup.params import DedupParams
from pipeline.dedup.signatures import prepare
from pipeline.dedup.stage import LINK_COLUMNS, Corpus, finish, order_passages, partition_ranges, posting_lists_of
from pipeline.dedup.verify import verify_pairs


def _dump(obj, path: Path) -> str:
    with open(path, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return str(path)


def _load(path: str):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _texts(work: Path, start: int | None = None, end: int | None = None) -> list[str]:
    table = pq.read_table(work / "passages.parquet", columns=["text"])
    col = table.column("text")
    if start is not None:
        col = col.slice(start, end - start)
    return col.to_pylist()


@task(name="dedup-prepare", cache_policy=NONE)
def prepare_partition(part: tuple[int, int], index: int, work: str, n_total: int, params: DedupParams) -> str:
    start, end = part
    texts = _texts(Path(work), start, end)
    return _dump(prepare(texts, start, params, n_total), Path(work) / f"prep-{index:05d}.pkl")


@task(name="dedup-candidates", cache_policy=NONE)
def slice_candidates(part: tuple[int, int], index: int, work: str, n_total: int, params: DedupParams) -> str:
    lists, n_sel = _load(str(Path(work) / "index.pkl"))
    cands, n_pairs = candidate_pairs(lists, n_total, n_sel, params.min_shared, first=part)
    return _dump((cands, n_pairs), Path(work) / f"slice-{index:05d}.pkl")


@task(name="dedup-verify", cache_policy=NONE)
def verify_chunk(part: str, index: int, work: str, params: DedupParams) -> str:
    pairs = np.load(part)
    needed = sorted_unique(pairs.ravel()) if len(pairs) else np.zeros(0, np.int64)
    context = VerifyContext(Path(work) / VERIFY_CONTEXT, needed)
    links = verify_pairs(pairs, context.tokstr, context.n_alpha, context.region, params)
    path = Path(work) / f"links-{index:05d}.pkl"
    return _dump(links, path)


VERIFY_CONTEXT = "verify-context.arrow"


def write_verify_context(path: Path, corpus: Corpus, texts: pd.Series) -> None:
    """What verification reads of every passage (token string, words with a letter, content span,
    text), as an uncompressed Arrow file a task memory-maps and reads only its pairs' rows of."""
    table = pa.table({"tokstr": pa.array(corpus.tokstr, pa.large_string()),
                      "n_alpha": pa.array(corpus.n_alpha, pa.int32()),
                      "cstart": pa.array(corpus.cstart, pa.int32()),
                      "cend": pa.array(corpus.cend, pa.int32()),
                      "text": pa.array(texts.tolist(), pa.large_string())})
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


class VerifyContext:
    """One verification task's view of the corpus: the token strings and texts of the passages its
    pairs name (`needed`), and every passage's word count, read from the memory-mapped context file (a
    task costs what its pairs cost, not a read of the whole corpus)."""

    def __init__(self, path: Path, needed: np.ndarray):
        table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
        self.n_alpha = table.column("n_alpha").to_numpy()
        self._cstart, self._cend = table.column("cstart").to_numpy(), table.column("cend").to_numpy()
        rows = pa.array(needed, pa.int64())
        self.tokstr = dict(zip(needed.tolist(), table.column("tokstr").take(rows).to_pylist()))
        self._text_column, self._rows, self._texts = table.column("text"), rows, None
        self._needed = needed

    def region(self, gi: int) -> str:
        """The passage's content text (furniture lines left out); short contained passages only."""
        if self._texts is None:
            self._texts = dict(zip(self._needed.tolist(), self._text_column.take(self._rows).to_pylist()))
        return self._texts[gi][int(self._cstart[gi]):int(self._cend[gi])]


def verify_in_waves(cands: np.ndarray, n: int, params: DedupParams, work: Path, mapper) -> tuple[pd.DataFrame, int]:
    """Links of the candidate pairs (in key order), verified `verify_wave` pairs at a time in parallel
    chunks; a pair whose two passages earlier waves' member links already joined is not verified (its
    link could not change the clusters). Many copies of one text: the earliest copy's pairs come first
    (pairs in order of their first passage), so the copies join through it and are not compared each
    with each. Returns the links and the number of pairs skipped."""
    joined = UnionFind(np.arange(n))
    frames, skipped, index = [], 0, 0
    for start, end in partition_ranges(len(cands), params.verify_wave):
        wave = cands[start:end]
        if frames:
            roots = joined.roots()
            apart = roots[wave[:, 0]] != roots[wave[:, 1]]
            skipped += int(len(wave) - apart.sum())
            wave = wave[apart]
        chunk_paths = []
        for s, e in partition_ranges(len(wave), params.verify_chunk):
            np.save(work / f"cands-{index:05d}.npy", wave[s:e])
            chunk_paths.append(str(work / f"cands-{index:05d}.npy"))
            index += 1
        found = [_load(p) for p in mapper(verify_chunk, chunk_paths, "dedup verify", work=str(work), params=params)]
        for links in found:
            members = links[links["member"].astype(bool)] if len(links) else links
            for a, b in zip(members["a"].tolist(), members["b"].tolist()):
                joined.union(a, b)
        frames += found
    links = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=LINK_COLUMNS)
    return links, skipped


def run_phases(passages: pd.DataFrame, documents: pd.DataFrame, params: DedupParams, work: Path,
               mapper=map_partitions, log=None) -> dict:
    """Every phase of the stage, in order; returns the tables by name (and `_stats`).

    The one orchestration of the stage: the flow runs it with `map_partitions`
    (tasks on the flow's runner), tests and the benchmark with `map_serial`
    (the same task functions, called in this process). `work` is an empty
    folder for the files the tasks exchange.
    """
    log = log or (lambda *args: None)
    ordered = order_passages(passages, documents)
    n = len(ordered)
    work.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(ordered[["gi", "text"]], preserve_index=False),
                   work / "passages.parquet", row_group_size=max(1, params.partition_passages))
    ranges = partition_ranges(n, params.partition_passages)
    log("dedup: %d passages in %d partitions", n, len(ranges))
    prep_paths = mapper(prepare_partition, ranges, "dedup prepare", work=str(work), n_total=n, params=params)
    parts = [_load(p) for p in prep_paths]
    corpus = Corpus.combine(parts)
    rep = exact_groups(corpus.key, corpus.eligible)
    _dump((posting_lists_of(parts, rep, n, params.max_df), corpus.n_sel), work / "index.pkl")
    del parts
    cand_paths = mapper(slice_candidates, pair_slices(n, params.shards), "dedup candidates",
                        work=str(work), n_total=n, params=params)
    found = [_load(p) for p in cand_paths]  # slices in order: candidates in key order
    cands = np.concatenate([np.zeros((0, 2), np.int64)] + [c for c, _ in found])
    n_pairs = sum(k for _, k in found)
    del found
    log("dedup: %d candidate pairs from %d pairs sharing a shingle", len(cands), n_pairs)
    write_verify_context(work / VERIFY_CONTEXT, corpus, ordered["text"])
    links, skipped = verify_in_waves(cands, n, params, work, mapper)
    n_cands = len(cands)
    del cands  # (16 bytes a pair: 240 MB on 1.2 million passages) not held through the merge
    log("dedup: %d candidate pairs verified, %d skipped as already joined", n_cands - skipped, skipped)
    tables = finish(ordered, documents, corpus, rep, links, params)
    tables["_stats"] = {"candidates": n_cands, "pairs_indexed": int(n_pairs), "joined_skipped": skipped}
    return tables


def run_dedup(passages: pd.DataFrame, documents: pd.DataFrame, params: DedupParams) -> dict:
    """`run_phases` in this process, in a temporary work folder (tests, benchmark)."""
    with tempfile.TemporaryDirectory(prefix="dedup-") as work:
        return run_phases(passages, documents, params, Path(work), mapper=map_serial)


@flow(name="dedup", log_prints=True)
def dedup_flow(root: str, params: DedupParams) -> dict:
    """Find repeated passages in data/ingest/passages.parquet; write data/dedup/."""
    logger = get_run_logger()
    ctx = stage_context(root, "dedup")
    documents = ctx.inputs.read("ingest", "documents")
    passages = ctx.inputs.read("ingest", "passages")
    with stage_output(ctx.out_dir) as out:
        work = out.tmp / "work"
        tables = run_phases(passages, documents, params, work, log=logger.info)
        del passages
        shutil.rmtree(work)
        for name, table in contract.TABLES.items():
            out.write(table, tables[name])
    p = tables["passages"]
    summary = {
        "passages": len(p),
        "clusters": len(tables["clusters"]),
        "exact_repeats_skipped": int(p["skip_downstream"].sum()),
        "near_repeats": int((p["match"] == "near").sum()),
        "blocks": int(tables["blocks"]["block_id"].nunique()) if len(tables["blocks"]) else 0,
        "candidates": tables["_stats"]["candidates"],
    }
    logger.info("dedup: %s", summary)
    return summary
