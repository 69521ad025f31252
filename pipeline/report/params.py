"""The `report` section of params.yaml."""

from __future__ import annotations

from pydantic import Field

from pipeline.core.params import Section


class ReportParams(Section):
    title: str = Field("Corpus report", min_length=1, max_length=200, description="report heading")
    top_n: int = Field(25, ge=1, le=10000, description="rows shown per table before linking to the full data")
