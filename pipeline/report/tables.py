"""Lazy, narrow access to the stage tables the report reads.

The report must cost about the same for 10 documents or 10,000, so sections
read only the columns they need (`get`), count rows from the Parquet footer
(`num_rows`), and fetch the text of the few rows they show by key (`where`),
which streams the table batch by batch instead of holding it whole.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline import contract
from pipeline.core.parts import TableParts, is_table
from pipeline.core.tables import read_where

BATCH_BYTES = 8 << 20  # about this much decoded data per streamed batch (the reader holds several times it)
MAX_BATCH_ROWS = 65536
SAMPLE_ROWS = 256


def batch_rows(source: TableParts, columns: list[str]) -> int:
    """Rows per streamed batch so that one batch of `columns` is ~BATCH_BYTES
    decoded (10k documents' text in one batch would be hundreds of MB). Sized
    from the first rows: the footer's sizes are after dictionary encoding."""
    sample = next(source.iter_batches(SAMPLE_ROWS, columns=columns), None)
    if sample is None or not sample.num_rows:
        return MAX_BATCH_ROWS
    per_row = max(1, sample.nbytes // sample.num_rows)
    return int(max(SAMPLE_ROWS, min(MAX_BATCH_ROWS, BATCH_BYTES // per_row)))


class Tables:
    """The stage tables, read on demand, plus the report's evidence collector."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._evidence = None
        self._paths: dict[str, str] | None = None
        self._parts: dict[tuple[str, str], TableParts] = {}

    @property
    def evidence(self):
        """Citations shared by all sections (see pipeline.report.provenance).

        Only the documents' names are loaded here; the text of the cited
        documents is read when the appendix is built."""
        if self._evidence is None:
            from pipeline.report.provenance import Evidence

            docs = None
            if self.has("ingest", "documents"):
                wanted = ("doc_id", "source_path", "title", "page_count", "parent_doc_id")
                have = set(self.columns("ingest", "documents"))
                docs = self.get("ingest", "documents", tuple(c for c in wanted if c in have))
            self._evidence = Evidence(docs, texts=self.document_texts, pages=self.passage_pages)
        return self._evidence

    def path(self, stage: str, name: str) -> Path:
        """Where the table is; a table the contract does not declare is an error."""
        return contract.get(stage, name).path(self.root)

    @staticmethod
    def _checked(stage: str, name: str, columns) -> list[str] | None:
        """`columns` as a list, each checked against the contract (None: all)."""
        return None if columns is None else contract.get(stage, name).check_columns(columns)

    def has(self, stage: str, name: str) -> bool:
        return is_table(self.path(stage, name))

    def parts(self, stage: str, name: str) -> TableParts:
        """The table's parts, their footers read once per report (a table of 30,000 documents has hundreds)."""
        key = (stage, name)
        if key not in self._parts:
            self._parts[key] = TableParts(self.path(stage, name))
        return self._parts[key]

    def n_parts(self, stage: str, name: str) -> int:
        """How many Parquet parts the table is in (its CSV export has as many)."""
        return len(self.parts(stage, name).files)

    def num_rows(self, stage: str, name: str) -> int:
        return self.parts(stage, name).num_rows

    def columns(self, stage: str, name: str) -> list[str]:
        return self.parts(stage, name).schema_arrow.names

    def get(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The table (or only `columns` of it) as a DataFrame."""
        return self.arrow(stage, name, columns).to_pandas()

    def arrow(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pa.Table:
        return self.parts(stage, name).read(self._checked(stage, name, columns) or None)

    def head(self, stage: str, name: str, n: int, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The first n rows (stage tables are written in their reading order)."""
        source = self.parts(stage, name)
        names = self._checked(stage, name, columns) or source.schema_arrow.names
        for batch in source.iter_batches(max(1, n), columns=names):
            return pa.Table.from_batches([batch]).slice(0, n).to_pandas()
        return source.schema_arrow.empty_table().select(names).to_pandas()

    def where(self, stage: str, name: str, column: str, values, columns: tuple[str, ...] | None = None,
              limit: int | None = None) -> pd.DataFrame:
        """Rows whose `column` is one of `values` (the first `limit` of them), in table order: by the
        table's index when `column` is its part key (documents, clusters: only their parts and row
        groups are read); else `column` alone is read to find the parts holding such rows, and only
        those parts are read whole, so a wide text column is never held whole."""
        source = self.parts(stage, name)
        schema = source.schema_arrow
        self._checked(stage, name, [column])
        names = self._checked(stage, name, columns) or schema.names
        if column == contract.get(stage, name).part_key:
            found = read_where(source.path, column, values, names)
            return (found.slice(0, limit) if limit is not None else found).to_pandas()
        wanted = pa.array(sorted(set(values)), schema.field(column).type)
        read = names if column in names else [*names, column]
        pieces, n = [], 0
        if len(wanted):
            hit = pc.is_in(source.read([column]).column(column), value_set=wanted)
            rows = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
            ends = np.cumsum(source.part_rows())
            for part in np.unique(np.searchsorted(ends, rows, side="right")).tolist():
                rows_of = source.read_part(part, read)
                keep = rows_of.filter(pc.is_in(rows_of.column(column), value_set=wanted))
                pieces.append(keep)
                n += keep.num_rows
                if limit is not None and n >= limit:
                    break
        table = pa.concat_tables(pieces) if pieces else pa.schema([schema.field(c) for c in read]).empty_table()
        table = table.select(names)
        return (table.slice(0, limit) if limit is not None else table).to_pandas()

    def count(self, stage: str, name: str, keys: tuple[str, ...], sums: tuple[str, ...] = ()) -> pd.DataFrame:
        """Rows per distinct `keys` (column "n") and the sums of the `sums`
        columns, sorted by keys; counted batch by batch, so a table of millions
        of rows is never held whole."""
        source = self.parts(stage, name)
        cols = self._checked(stage, name, [*keys, *sums])
        parts = [pa.Table.from_batches([b]).group_by(list(keys), use_threads=False)
                 .aggregate([([], "count_all"), *((c, "sum") for c in sums)])
                 for b in source.iter_batches(batch_rows(source, cols), columns=cols)]
        if not parts:
            return pd.DataFrame({c: [] for c in [*keys, "n", *sums]})
        total = pa.concat_tables(parts).group_by(list(keys), use_threads=False) \
            .aggregate([("count_all", "sum"), *((f"{c}_sum", "sum") for c in sums)])
        out = total.to_pandas().rename(columns={"count_all_sum": "n", **{f"{c}_sum_sum": c for c in sums}})
        return out[[*keys, "n", *sums]].sort_values(list(keys), kind="stable").reset_index(drop=True)

    def lengths(self, stage: str, name: str, column: str) -> pa.Array:
        """Characters of each row's text, streamed: the text itself is never held whole."""
        source = self.parts(stage, name)
        self._checked(stage, name, [column])
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

    def passage_pages(self, doc_ids) -> pd.DataFrame:
        """doc_id, char_start, char_end, page of the passages of these (paged) documents."""
        cols = ("doc_id", "char_start", "char_end", "page")
        if not self.has("ingest", "passages") or "page" not in self.columns("ingest", "passages"):
            return pd.DataFrame(columns=list(cols))
        return self.where("ingest", "passages", "doc_id", doc_ids, cols)

    def document_texts(self, doc_ids) -> dict[str, str]:
        """doc_id -> raw text, for these documents only."""
        if not self.has("ingest", "documents"):
            return {}
        docs = self.where("ingest", "documents", "doc_id", doc_ids, ("doc_id", "text"))
        return dict(zip(docs["doc_id"], docs["text"]))
