"""A stage table as a folder of Parquet parts cut at boundaries the documents themselves choose.

Why: DVC stores each file of an output by its content. A table written as one file is stored
again whole when one document of the pile changes. Here a table with a `doc_id` column is cut
before each document whose id hashes to 0 modulo DOCS_PER_PART (content-defined chunking, as
backup tools cut files), and each part is written from its rows alone. Adding, editing or removing
a document therefore rewrites only the part holding it (two, when the added document starts a part
of its own); every other part stays byte for byte what it was, and DVC stores it once. A table
without documents (clusters, entities, events) is cut the same way by its first column, its row key
(`cluster_id`, `entity_id`, `event_id`): a cluster that grows rewrites its own part. A table whose
rows are ordered by another column names it in its contract (`parts_by`: occurrences by cluster).

`data/<stage>/<name>.parquet` is the folder; its parts `part-00000.parquet`, ... in name order
are the table in its reading order. `pandas.read_parquet(folder)` and `pyarrow.parquet.read_table
(folder)` read it as one table (in that order); DuckDB reads `'<folder>/*.parquet'`.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

KEY = "doc_id"  # the column whose documents choose the boundaries (else a table's first column)
DOCS_PER_PART = 128  # documents (or keys) per part on average (30,000 documents: about 230 parts a table)
ROW_GROUP_ROWS = 16_384  # row groups inside a part (a reader of some documents' rows skips the others)
PARQUET_OPTIONS = dict(compression="zstd", use_dictionary=True, write_statistics=True)
PART_GLOB = "part-*.parquet"


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def part_key(schema: pa.Schema) -> str | None:
    """The column whose values choose where parts begin: `doc_id`, else the first column."""
    return KEY if KEY in schema.names else (schema.names[0] if schema.names else None)


def starts_part(key) -> bool:
    """Whether a part begins at a row of this key (a document's id): a property of the value
    alone, so it is the same whatever else the pile holds."""
    digest = hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % DOCS_PER_PART == 0


def part_files(path: Path) -> list[Path]:
    """The Parquet files of a table: a folder's parts in order (a single file is its own part)."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(path.glob(PART_GLOB)) if path.is_dir() else []


def missing_parts(path: Path) -> list[str]:
    """The parts absent from a table's folder: parts are numbered from 0 without a gap, so a part
    deleted by hand (or by a broken copy) is noticed instead of its rows silently left out."""
    files = part_files(path)
    if not files or files == [Path(path)]:
        return []
    have = {f.name for f in files}
    last = max(int(f.stem.removeprefix("part-")) for f in files if f.stem.removeprefix("part-").isdigit())
    return [part_name(i) for i in range(last + 1) if part_name(i) not in have]


def is_table(path: Path) -> bool:
    """Whether `path` holds a table (a folder of parts, which begin at part 0; or one Parquet file)."""
    path = Path(path)
    return (path / part_name(0)).is_file() or path.is_file()


class PartWriter:
    """Writes one table as parts, however the stage streams it: rows are held until their part
    ends (a document that starts a part, or the end), then the part is written from them alone,
    so its bytes do not depend on the batches the rows came in."""

    def __init__(self, folder: Path, schema: pa.Schema, key: str | None = None):
        self.folder = Path(folder)
        self.schema = schema.remove_metadata()  # (pandas' metadata is the frame's, not the part's)
        self.key = key or part_key(self.schema)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pending: list[pa.Table] = []
        self.last_key = None
        self.written = 0

    def write_table(self, table: pa.Table) -> None:
        table = table.select(self.schema.names).cast(self.schema)
        if not table.num_rows:
            return
        keys = table.column(self.key).combine_chunks()
        changes = np.flatnonzero(_differs(keys.slice(1), keys.slice(0, len(keys) - 1))) + 1
        starts = ([0] if keys[0].as_py() != self.last_key or not self.pending else []) + changes.tolist()
        start = 0
        for at in starts:
            if starts_part(keys[at].as_py()) and (at > start or self.pending):
                self.pending.append(table.slice(start, at - start))
                self._flush()
                start = at
        self.pending.append(table.slice(start))
        self.last_key = keys[len(keys) - 1].as_py()

    def _flush(self) -> None:
        rows = pa.concat_tables(self.pending).combine_chunks() if self.pending else self.schema.empty_table()
        self.pending = []
        if rows.num_rows or not self.written:
            pq.write_table(rows, self.folder / part_name(self.written), row_group_size=ROW_GROUP_ROWS,
                           **PARQUET_OPTIONS)
            self.written += 1

    def close(self) -> None:
        if self.pending or not self.written:
            self._flush()

    def __enter__(self) -> "PartWriter":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()


def _differs(a: pa.Array, b: pa.Array) -> np.ndarray:
    """Row by row, whether two arrays' values differ (a null differs from a value, not from a null)."""
    if not len(a):
        return np.zeros(0, bool)
    same = pc.fill_null(pc.equal(a, b), False)
    both_null = pc.and_(pc.is_null(a), pc.is_null(b))
    return ~pc.or_(same, both_null).to_numpy(zero_copy_only=False)


def write_parts(folder: Path, table: pa.Table, key: str | None = None) -> int:
    """Write a whole table as parts (cut by `key`, see part_key); returns the number of parts."""
    with PartWriter(folder, table.schema, key) as writer:
        writer.write_table(table)
    return writer.written


class TableParts:
    """A table's parts read as one file would be: its schema, row count, batches. No file is held
    open between reads (a table of 100,000 documents has hundreds of parts, more than a process may
    have files open): the footers are read once, each part is opened when it is read."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.files = part_files(self.path)
        if not self.files:
            raise FileNotFoundError(f"{self.path}: no table (no Parquet parts)")
        missing = missing_parts(self.path)
        if missing:
            raise FileNotFoundError(f"{self.path}: {missing[0]} is missing ({len(missing)} of its parts)")

    @cached_property
    def footers(self) -> list[pq.FileMetaData]:
        return [pq.read_metadata(f) for f in self.files]

    @cached_property
    def schema_arrow(self) -> pa.Schema:
        return pq.read_schema(self.files[0])

    @property
    def num_rows(self) -> int:
        return sum(m.num_rows for m in self.footers)

    def part_rows(self) -> list[int]:
        return [m.num_rows for m in self.footers]

    def read_part(self, index: int, columns: list[str] | None = None) -> pa.Table:
        with pq.ParquetFile(self.files[index]) as source:
            return source.read(columns=columns)

    def iter_part_batches(self, index: int, batch_size: int,
                          columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        with pq.ParquetFile(self.files[index]) as source:
            yield from source.iter_batches(batch_size, columns=columns)

    def iter_batches(self, batch_size: int, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        for index in range(len(self.files)):
            yield from self.iter_part_batches(index, batch_size, columns)

    def read(self, columns: list[str] | None = None) -> pa.Table:
        """The parts in order, one after the other (an Arrow dataset reads ahead: about the table's
        size again in memory, for no time gained)."""
        tables = [self.read_part(i, columns) for i in range(len(self.files))]
        return pa.concat_tables(tables) if len(tables) > 1 else tables[0]


def read_parts(path: Path, columns: list[str] | None = None) -> pa.Table:
    """The whole table (or `columns` of it), parts in order."""
    return TableParts(path).read(columns)


def num_rows(path: Path) -> int:
    """Rows of a table, from its parts' footers."""
    return TableParts(path).num_rows
