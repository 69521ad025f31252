"""The `report` section of params.yaml.

Every part of the report that could grow with the corpus is capped here; the
rows left out are counted in the report, which points to the full table
(`reports/tables/*.csv` and `data/<stage>/*.parquet`).
"""

from __future__ import annotations

from pydantic import Field

from pipeline.core.params import Section


class ReportParams(Section):
    title: str = Field("Corpus report", min_length=1, max_length=200, description="report heading")
    top_n: int = Field(25, ge=1, le=10000, description="rows shown per table before linking to the full data")
    occurrences_per_cluster: int = Field(
        6, ge=1, le=1000, description="occurrences listed under each of the largest clusters of repeats")
    claims_per_figure: int = Field(
        25, ge=2, le=1000, description="claims drawn and listed per contested figure; past it, one claim per "
                                       "distinct value and kind of source first, so disagreement stays visible")
    sources_per_row: int = Field(
        10, ge=1, le=1000, description="documents named in one row (sources of a date, copies of a block) "
                                       "before 'and N more'")
