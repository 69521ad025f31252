"""Stage outputs: Parquet tables written into a staging folder, swapped in whole.

A stage's tables are consistent with each other only as a set, so the unit of
atomicity is the stage's folder ``data/<stage>/``: everything is written under
``data/.staging/`` and moved into place with two renames. A crash before the
swap leaves the previous folder untouched; a crash between the two renames
leaves it under ``data/.staging/<stage>.old-*``, and the next run puts it back
before doing anything else. A per-stage lock serialises overlapping runs.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PARQUET_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)
# Test hook: the named stage dies (as a kill would) right before the swap.
CRASH_ENV = "PIPELINE_CRASH_BEFORE_SWAP"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for item in sorted(path.rglob("*")):
        if item.is_file():
            with open(item, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(path)


@contextmanager
def stage_lock(final: Path) -> Iterator[None]:
    """Hold an exclusive lock for one stage folder (waits for a running writer)."""
    staging = final.parent / ".staging"
    staging.mkdir(parents=True, exist_ok=True)
    with open(staging / f"{final.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def recover(final: Path) -> None:
    """Undo a swap that a crash interrupted, and drop abandoned staging folders.

    Call with the stage lock held.
    """
    staging = final.parent / ".staging"
    if not staging.exists():
        return
    olds = sorted(staging.glob(f"{final.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds and not final.exists():
        olds[-1].rename(final)
        olds = olds[:-1]
    for leftover in [*olds, *staging.glob(f"{final.name}.tmp-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


class StageOutput:
    """The staging folder of one run of one stage."""

    def __init__(self, final: Path):
        self.final = final
        self.staging = final.parent / ".staging"
        self.tmp = self.staging / f"{final.name}.tmp-{uuid.uuid4().hex[:12]}"

    def path(self, name: str) -> Path:
        return self.tmp / name

    def write_table(self, name: str, data: pd.DataFrame | pa.Table, schema: pa.Schema) -> Path:
        table = to_arrow(data, schema)
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target, **PARQUET_OPTIONS)
        return target

    @contextmanager
    def writer(self, name: str, schema: pa.Schema) -> Iterator[pq.ParquetWriter]:
        """Stream row groups into one table without holding it in memory."""
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(target, schema, **PARQUET_OPTIONS) as w:
            yield w

    def commit(self) -> None:
        _fsync_tree(self.tmp)
        if os.environ.get(CRASH_ENV) == self.final.name:
            os._exit(137)
        old = self.staging / f"{self.final.name}.old-{uuid.uuid4().hex[:12]}"
        if self.final.exists():
            self.final.rename(old)
        self.tmp.rename(self.final)
        _fsync_dir(self.final.parent)
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def stage_output(final: Path) -> Iterator[StageOutput]:
    """Write a stage's tables; they replace ``final`` only if the block succeeds."""
    with stage_lock(final):
        recover(final)
        out = StageOutput(final)
        out.tmp.mkdir(parents=True)
        try:
            yield out
        except BaseException:
            shutil.rmtree(out.tmp, ignore_errors=True)
            raise
        out.commit()


def to_arrow(data: pd.DataFrame | pa.Table, schema: pa.Schema) -> pa.Table:
    """Conform a frame to a contract schema: same columns, same order, same types."""
    if isinstance(data, pa.Table):
        return data.select(schema.names).cast(schema)
    missing = [n for n in schema.names if n not in data.columns]
    if missing:
        raise ValueError(f"table is missing contract columns: {missing}")
    return pa.Table.from_pandas(data[schema.names], schema=schema, preserve_index=False)


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    return pq.read_table(path, columns=columns).to_pandas()


def empty_frame(schema: pa.Schema) -> pd.DataFrame:
    return schema.empty_table().to_pandas()
