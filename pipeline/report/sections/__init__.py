"""Report sections, in reading order. Each builds from tables and is skipped
(with a note) when the stage it describes has not produced its tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.report.html import Markup


@dataclass
class Section:
    id: str
    title: str
    html: Markup  # built as Markup; a plain str would be shown escaped, as text
    metrics: dict = field(default_factory=dict)  # merged into reports/metrics.json as {stage: {...}}
    plots: dict = field(default_factory=dict)  # name -> DataFrame, written to reports/plots/<name>.csv (DVC plots)
    exports: dict = field(default_factory=dict)  # name -> DataFrame or TableExport, to reports/tables/<name>.csv


# "module:function"; each function takes a Tables and ReportParams, returns Section | None
BUILDERS = [
    "pipeline.report.sections.overview:build",
    "pipeline.report.sections.repeats:build",
    "pipeline.report.sections.cleanup:build",
    "pipeline.report.sections.entities:build",
    "pipeline.report.sections.figures:build",
    "pipeline.report.sections.timeline:build",
]
