"""The full tables next to the report, as CSV, written without holding them whole.

The report shows the top rows of each table and links to `reports/tables/*.csv`
for the rest. Those CSV files grow with the corpus, so a section names a
Parquet table (`TableExport`) instead of handing over a DataFrame, and the
table is copied to CSV batch by batch with pyarrow's writer: memory stays
bounded and 10k documents' tables take seconds, not minutes.

A table in several Parquet parts (pipeline/core/parts.py) is exported as a folder
`reports/tables/<stage>-<name>/` of one CSV per part, each with the header: a part
that did not change is the same file as before, so DVC stores it once, and no file
outgrows a spreadsheet. A table of one part is one file `<stage>-<name>.csv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pipeline.core.parts import TableParts
from pipeline.report.tables import batch_rows

LIST_SEPARATOR = "; "  # CSV has no lists: list cells become '; '-joined text


@dataclass(frozen=True)
class TableExport:
    """A stage table to copy to CSV: data/<stage>/<name>.parquet minus `drop` columns."""

    stage: str
    name: str
    drop: tuple[str, ...] = ()


def _flat_table(table: pa.Table) -> pa.RecordBatch:
    """A whole (small) table as one flat batch: an empty one keeps its header."""
    schema = table.schema
    batches = table.combine_chunks().to_batches()
    return _flat(batches[0] if batches else pa.RecordBatch.from_pylist([], schema=schema))


def _flat(batch: pa.RecordBatch) -> pa.RecordBatch:
    """List columns as '; '-joined text (CSV has no lists)."""
    cols, fields = [], []
    for field, col in zip(batch.schema, batch.columns):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            if not (pa.types.is_string(field.type.value_type) or pa.types.is_large_string(field.type.value_type)):
                col = col.cast(pa.list_(pa.string()))
            col = pc.binary_join(col, LIST_SEPARATOR)
            field = pa.field(field.name, col.type)
        cols.append(col)
        fields.append(field)
    return pa.RecordBatch.from_arrays(cols, schema=pa.schema(fields))


def _copy_csv(table: TableParts, part: int, columns: list[str], dest: Path, batch: int) -> int:
    """One part's rows (`columns`) as one CSV file, `batch` rows at a time (a part of fewer rows in
    one go); returns the rows written."""
    if table.part_rows()[part] <= batch:
        rows = table.read_part(part, columns)
        pacsv.write_csv(_flat_table(rows), dest)
        return rows.num_rows
    n = 0
    writer = None
    try:
        for rows in table.iter_part_batches(part, batch, columns):
            rows = _flat(rows)
            if writer is None:
                writer = pacsv.CSVWriter(dest, rows.schema)
            writer.write_batch(rows)
            n += rows.num_rows
    finally:
        if writer is not None:
            writer.close()
    return n


def write_table_csv(root: Path, export: TableExport, dest: Path) -> int:
    """Copy one stage table to CSV at `dest` (`<stage>-<name>.csv`), or, when the table is in several
    parts, to the folder of that name without `.csv`, one `part-NNNNN.csv` per part; returns the rows."""
    table = TableParts(root / "data" / export.stage / f"{export.name}.parquet")
    columns = [n for n in table.schema_arrow.names if n not in export.drop]
    batch = batch_rows(table, columns)
    if len(table.files) == 1:
        return _copy_csv(table, 0, columns, dest, batch)
    folder = dest.with_suffix("")
    folder.mkdir()
    return sum(_copy_csv(table, i, columns, folder / f"part-{i:05d}.csv", batch) for i in range(len(table.files)))
