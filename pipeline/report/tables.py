"""Lazy, narrow access to the stage tables the report reads.

The report must cost about the same for 10 documents or 10,000, so sections
read only the columns they need (`get`), count rows from the Parquet footer
(`num_rows`), and fetch the text of the few rows they show by key (`where`),
which streams the table batch by batch instead of holding it whole.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

BATCH_BYTES = 32 << 20  # about this much decoded data per streamed batch
MAX_BATCH_ROWS = 65536


def batch_rows(source: pq.ParquetFile, columns: list[str]) -> int:
    """Rows per streamed batch so that one batch of `columns` is ~BATCH_BYTES
    (10k documents' text in one batch would be hundreds of MB)."""
    md = source.metadata
    if not md.num_rows:
        return MAX_BATCH_ROWS
    wanted = set(columns)
    size = sum(rg.column(i).total_uncompressed_size for rg in (md.row_group(k) for k in range(md.num_row_groups))
               for i in range(rg.num_columns) if rg.column(i).path_in_schema.split(".")[0] in wanted)
    return max(256, min(MAX_BATCH_ROWS, BATCH_BYTES * md.num_rows // max(size, 1)))


class Tables:
    """The stage tables, read on demand, plus the report's evidence collector."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._evidence = None
        self._paths: dict[str, str] | None = None

    @property
    def evidence(self):
        """Citations shared by all sections (see pipeline.report.provenance).

        Only the documents' names are loaded here; the text of the cited
        documents is read when the appendix is built."""
        if self._evidence is None:
            from pipeline.report.provenance import Evidence

            docs = (self.get("ingest", "documents", ("doc_id", "source_path", "title"))
                    if self.has("ingest", "documents") else None)
            self._evidence = Evidence(docs, texts=self.document_texts)
        return self._evidence

    def path(self, stage: str, name: str) -> Path:
        return self.root / "data" / stage / f"{name}.parquet"

    def has(self, stage: str, name: str) -> bool:
        return self.path(stage, name).is_file()

    def num_rows(self, stage: str, name: str) -> int:
        return pq.ParquetFile(self.path(stage, name)).metadata.num_rows

    def columns(self, stage: str, name: str) -> list[str]:
        return pq.read_schema(self.path(stage, name)).names

    def get(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The table (or only `columns` of it) as a DataFrame."""
        return self.arrow(stage, name, columns).to_pandas()

    def arrow(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pa.Table:
        return pq.read_table(self.path(stage, name), columns=list(columns) if columns else None)

    def head(self, stage: str, name: str, n: int, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The first n rows (stage tables are written in their reading order)."""
        source = pq.ParquetFile(self.path(stage, name))
        names = list(columns) if columns else source.schema_arrow.names
        for batch in source.iter_batches(max(1, n), columns=names):
            return pa.Table.from_batches([batch]).slice(0, n).to_pandas()
        return source.schema_arrow.empty_table().select(names).to_pandas()

    def where(self, stage: str, name: str, column: str, values, columns: tuple[str, ...] | None = None
              ) -> pd.DataFrame:
        """Rows whose `column` is one of `values`, in table order, streamed
        batch by batch so a wide text column is never held whole."""
        wanted = pa.array(sorted({str(v) for v in values}), pa.string())
        names = list(columns) if columns else self.columns(stage, name)
        read = names if column in names else [*names, column]
        parts = []
        if len(wanted):
            source = pq.ParquetFile(self.path(stage, name))
            for batch in source.iter_batches(batch_rows(source, read), columns=read):
                keep = batch.filter(pc.is_in(batch.column(column).cast(pa.string()), value_set=wanted))
                if keep.num_rows:
                    parts.append(keep)
        schema = pq.read_schema(self.path(stage, name))
        table = pa.Table.from_batches(parts, schema=pa.schema([schema.field(n) for n in read]))
        return table.select(names).to_pandas()

    def lengths(self, stage: str, name: str, column: str) -> pa.Array:
        """Characters of each row's text, streamed: the text itself is never held whole."""
        source = pq.ParquetFile(self.path(stage, name))
        parts = [pc.utf8_length(b.column(0)).cast(pa.int64())
                 for b in source.iter_batches(batch_rows(source, [column]), columns=[column])]
        return pa.concat_arrays(parts) if parts else pa.array([], pa.int64())

    def source_paths(self) -> dict[str, str]:
        """doc_id -> source_path (read once: every section names documents)."""
        if self._paths is None:
            docs = self.get("ingest", "documents", ("doc_id", "source_path")) \
                if self.has("ingest", "documents") else pd.DataFrame(columns=["doc_id", "source_path"])
            self._paths = dict(zip(docs["doc_id"], docs["source_path"]))
        return self._paths

    def document_texts(self, doc_ids) -> dict[str, str]:
        """doc_id -> raw text, for these documents only."""
        if not self.has("ingest", "documents"):
            return {}
        docs = self.where("ingest", "documents", "doc_id", doc_ids, ("doc_id", "text"))
        return dict(zip(docs["doc_id"], docs["text"]))
