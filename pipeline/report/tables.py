"""Lazy access to the stage tables the report reads."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


class Tables:
    def __init__(self, root: Path):
        self.root = root

    def has(self, stage: str, name: str) -> bool:
        return (self.root / "data" / stage / f"{name}.parquet").is_file()

    @cache
    def get(self, stage: str, name: str, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        path = self.root / "data" / stage / f"{name}.parquet"
        return pq.read_table(path, columns=list(columns) if columns else None).to_pandas()
