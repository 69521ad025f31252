"""Lazy access to the stage tables the report reads."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


class Tables:
    """The stage tables, read on demand, plus the report's evidence collector."""

    def __init__(self, root: Path):
        self.root = root
        self._evidence = None

    @property
    def evidence(self):
        """Citations shared by all sections (see pipeline.report.provenance)."""
        if self._evidence is None:
            from pipeline.report.provenance import Evidence

            docs = (self.get("ingest", "documents", ("doc_id", "source_path", "title", "text"))
                    if self.has("ingest", "documents") else None)
            self._evidence = Evidence(docs)
        return self._evidence

    def has(self, stage: str, name: str) -> bool:
        return (self.root / "data" / stage / f"{name}.parquet").is_file()

    @cache
    def get(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        path = self.root / "data" / stage / f"{name}.parquet"
        return pq.read_table(path, columns=list(columns) if columns else None).to_pandas()
