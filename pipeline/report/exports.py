"""The full tables next to the report, as CSV, written without holding them whole.

The report shows the top rows of each table and links to `reports/tables/*.csv`
for the rest. Those CSV files grow with the corpus, so a section names a
Parquet table (`TableExport`) instead of handing over a DataFrame, and the
table is copied to CSV batch by batch with pyarrow's writer: memory stays
bounded and 10k documents' tables take seconds, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.report.tables import batch_rows

LIST_SEPARATOR = "; "  # CSV has no lists: list cells become '; '-joined text


@dataclass(frozen=True)
class TableExport:
    """A stage table to copy to CSV: data/<stage>/<name>.parquet minus `drop` columns."""

    stage: str
    name: str
    drop: tuple[str, ...] = ()


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


def write_table_csv(root: Path, export: TableExport, dest: Path) -> int:
    """Copy one stage table to CSV; returns the number of rows written."""
    source = pq.ParquetFile(root / "data" / export.stage / f"{export.name}.parquet")
    columns = [n for n in source.schema_arrow.names if n not in export.drop]
    n = 0
    writer = None
    try:
        for batch in source.iter_batches(batch_rows(source, columns), columns=columns):
            batch = _flat(batch)
            if writer is None:
                writer = pacsv.CSVWriter(dest, batch.schema)
            writer.write_batch(batch)
            n += batch.num_rows
        if writer is None:  # an empty table still gets its header
            schema = pa.schema([source.schema_arrow.field(c) for c in columns])
            pacsv.write_csv(_flat(pa.RecordBatch.from_pylist([], schema=schema)), dest)
    finally:
        if writer is not None:
            writer.close()
    return n
