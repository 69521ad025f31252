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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline import contract
from pipeline.core.parts import PartWriter, is_table, missing_parts, part_files, read_parts
from pipeline.stages import ALL_COLUMNS, STAGES

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

    def write(self, table: contract.Table, data: pd.DataFrame | pa.Table) -> Path:
        """Write one contract table, conformed to its schema, in parts cut by its part key."""
        return self.write_table(table.file, data, table.schema, table.part_key)

    def write_table(self, name: str, data: pd.DataFrame | pa.Table, schema: pa.Schema,
                    key: str | None = None) -> Path:
        """Write one table as a folder of parts (pipeline/core/parts.py)."""
        target = self.path(name)
        with PartWriter(target, schema, key) as w:
            w.write_table(to_arrow(data, schema))
        return target

    @contextmanager
    def writer(self, name: str, schema: pa.Schema, key: str | None = None) -> Iterator[PartWriter]:
        """Stream a table in batches without holding it in memory (held a part at a time)."""
        with PartWriter(self.path(name), schema, key) as w:
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
    return read_parts(path, columns).to_pandas()


def empty_frame(schema: pa.Schema) -> pd.DataFrame:
    return schema.empty_table().to_pandas()


def unavailable_inputs(root: Path, stage: str, produced: set[str] = frozenset()) -> list[str]:
    """What stops `stage` before it starts: each input table (its declared reads) that is missing or
    unreadable, as one line naming the table and the command that rebuilds it. Tables of stages in
    `produced` (run before it in the same command) are not checked."""
    problems = []
    for producer, tables in STAGES[stage].declared_reads().items():
        if producer in produced:
            continue
        for name in tables:
            path = contract.get(producer, name).path(root)
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            if not is_table(path):
                problems.append(f"{shown} is missing; the {stage} stage reads it: run "
                                f"`python -m pipeline run {producer}` (or `dvc repro`)")
                continue
            missing = missing_parts(path)
            if missing:
                problems.append(f"{shown} is incomplete ({missing[0]} of its parts is missing); the {stage} stage "
                                f"reads it: rebuild it with `python -m pipeline run {producer}` (or `dvc repro --force "
                                f"{producer}`)")
                continue
            try:
                for part in part_files(path):
                    pq.read_metadata(part)
            except (OSError, pa.ArrowException) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                problems.append(f"{shown} is unreadable ({first}); the {stage} stage reads it: rebuild it "
                                f"with `python -m pipeline run {producer}` (or `dvc repro --force {producer}`)")
    return problems


@dataclass(frozen=True)
class GroupIndex:
    """Which row groups of which parts hold each value of one column of a table."""

    values: pa.Array  # the column's distinct values
    holding: list[list[tuple[int, int]]]  # per value: its (part, row group) pairs, in table order
    files: list[Path]  # the parts (opened when read: a process must not hold hundreds of files open)
    schema: pa.Schema

    def groups(self, wanted: pa.Array) -> dict[int, list[int]]:
        """{part: its row groups holding a row whose value is in `wanted`}, in table order."""
        at = pc.index_in(wanted, value_set=self.values).to_pylist()
        found = sorted({pair for i in at if i is not None for pair in self.holding[i]})
        by_part: dict[int, list[int]] = {}
        for part, group in found:
            by_part.setdefault(part, []).append(group)
        return by_part


_INDEX_OF: dict[tuple, GroupIndex] = {}  # (table folder, column) -> index of its current parts
_INDEX_VERSION: dict[tuple, tuple] = {}  # (table folder, column) -> the folder's stat when indexed


def group_index(path: Path, column: str) -> GroupIndex:
    """The index of a table's `column`, read once per version of the table and process (the one column
    only): a partition task then opens and decodes only the parts and row groups holding its rows."""
    stat = Path(path).stat()  # a stage writes a table's parts into a new folder: its inode and times
    version = (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)  # tell the versions apart
    key = (str(path), column)
    if _INDEX_VERSION.get(key) != version:
        files = part_files(path)
        holding: dict = {}
        for part, file in enumerate(files):
            with pq.ParquetFile(file) as source:
                for group in range(source.num_row_groups):
                    for value in pc.unique(source.read_row_group(group, columns=[column]).column(column)).to_pylist():
                        holding.setdefault(value, []).append((part, group))
        schema = pq.read_schema(files[0])
        _INDEX_OF[key] = GroupIndex(pa.array(list(holding), schema.field(column).type), list(holding.values()),
                                    files, schema)
        _INDEX_VERSION[key] = version
    return _INDEX_OF[key]


def read_where(path: Path, column: str, values, columns: list[str] | None = None) -> pa.Table:
    """The rows of a table whose `column` is one of `values`, in table order: only the parts and row
    groups that hold them are opened and decoded (`group_index`)."""
    index = group_index(path, column)
    read = list(index.schema.names) if columns is None else list(dict.fromkeys([*columns, column]))
    keep = pa.array(sorted(set(values)), index.schema.field(column).type)
    pieces = []
    for part, groups in index.groups(keep).items():
        with pq.ParquetFile(index.files[part]) as source:
            pieces.append(source.read_row_groups(groups, columns=read))
    table = pa.concat_tables(pieces) if pieces else pa.schema([index.schema.field(c) for c in read]).empty_table()
    table = table.filter(pc.is_in(table.column(column), value_set=keep))
    return table if columns is None else table.select(columns)


@dataclass(frozen=True)
class Inputs:
    """The tables of earlier stages that one stage reads.

    Every read goes through here: the table must be declared in the stage's
    `reads` (pipeline/stages.py), so its DVC dependencies are right, and every
    requested column must be declared there and in the producer's contract
    (pipeline/contract/), so a renamed column fails with a message naming both
    places instead of a KeyError deep in a stage. Picklable: tasks on other
    processes (Dask) get it as an argument.
    """

    root: Path
    stage: str

    def table(self, producer: str, name: str) -> contract.Table:
        declared = STAGES[self.stage].declared_reads()
        if name not in declared.get(producer, {}):
            raise contract.ContractError(
                f"stage {self.stage!r} reads data/{producer}/{name}.parquet, which its entry in "
                f"pipeline/stages.py does not declare: add it to `reads` (then `python -m pipeline "
                f"dvcfile --write` updates dvc.yaml)"
            )
        return contract.get(producer, name)

    def columns(self, producer: str, name: str, columns=None) -> list[str] | None:
        """`columns` checked against the declaration and the contract (None: the declared ones)."""
        table = self.table(producer, name)
        declared = STAGES[self.stage].declared_reads()[producer][name]
        if columns is None:
            return None if declared is ALL_COLUMNS else list(declared)
        wanted = table.check_columns(columns)
        if declared is not ALL_COLUMNS:
            undeclared = [c for c in wanted if c not in declared]
            if undeclared:
                raise contract.ContractError(
                    f"stage {self.stage!r} reads columns {undeclared} of data/{producer}/{name}.parquet "
                    f"that its entry in pipeline/stages.py does not declare"
                )
        return wanted

    def path(self, producer: str, name: str) -> Path:
        path = self.table(producer, name).path(self.root)
        if not is_table(path):
            raise FileNotFoundError(
                f"{path} is missing: run the '{producer}' stage first "
                f"(python -m pipeline run {producer}, or dvc repro)."
            )
        return path

    def arrow(self, producer: str, name: str, columns=None, where: tuple[str, list] | None = None) -> pa.Table:
        """The table; `where` = (column, values) reads only the rows whose column is one of the values
        (a partition's documents), in table order, without holding the whole table."""
        wanted = self.columns(producer, name, columns)
        if where is None:
            return read_parts(self.path(producer, name), wanted)
        column, values = where
        self.table(producer, name).column(column)
        return read_where(self.path(producer, name), column, values, wanted)

    def read(self, producer: str, name: str, columns=None, where: tuple[str, list] | None = None) -> pd.DataFrame:
        """The table (declared columns, or `columns`; rows matching `where`) as a DataFrame."""
        return self.arrow(producer, name, columns, where).to_pandas()
