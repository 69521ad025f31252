"""Inputs the dedup tests build: cluster roots from labels, and bench_scale's pile as ingest tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.ingest.params import IngestParams
from pipeline.ingest.stage import discover, read_partition
from tests.conftest import REPO

DEV = REPO.parent / "shared" / "dev"


def cluster_roots(labels: list[int]) -> np.ndarray:
    """Each passage's cluster root (its cluster's first passage) from a label per passage; -1: alone."""
    roots = np.arange(len(labels))
    first: dict[int, int] = {}
    for gi, label in enumerate(labels):
        if label >= 0:
            roots[gi] = first.setdefault(label, gi)
    return roots


def pile_tables(folder: Path, n_docs: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(documents, passages) of bench_scale's pile of `n_docs` documents (the dev sets' real documents
    and edited variants of them: reprints with other figures, names and a sentence fewer), ingested."""
    from bench.bench_incremental import write
    from bench.bench_scale import pile_of

    if not DEV.is_dir():
        raise FileNotFoundError(f"{DEV}: the development sets are expected beside the project")
    write(folder / "seeds", pile_of(n_docs))
    params = IngestParams()
    files, _ = discover(folder, params)
    docs, passages, _ = (t.to_pandas() for t in read_partition(folder, files, params))
    return docs, passages
