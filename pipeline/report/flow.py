"""Prefect flow of the report stage: write the three report files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from prefect import flow, get_run_logger

from pipeline.core.flow import stage_context
from pipeline.core.tables import stage_output
from pipeline.report.exports import TableExport, write_table_csv
from pipeline.report.metrics import detail, headline
from pipeline.report.params import ReportParams
from pipeline.report.pdf import render_pdf
from pipeline.report.stage import build_report
from pipeline.report.tables import Tables


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def flat_lists(frame):
    """CSV has no lists: list cells become '; '-joined text."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if v is not None and not isinstance(v, str) else v)
    return out


def write_folder(folder: Path, frames: dict, root: Path | None = None) -> None:
    """Replace a folder of CSV files whole (same swap as the stage tables).

    A value is a DataFrame, or a `TableExport` naming a stage table under
    `root`/data that is streamed to CSV (the full tables grow with the corpus)."""
    with stage_output(folder) as staged:
        for name, frame in sorted(frames.items()):
            if isinstance(frame, TableExport):
                write_table_csv(root, frame, staged.path(name))
            else:
                flat_lists(frame).to_csv(staged.path(name), index=False, lineterminator="\n")


@flow(name="report", log_prints=True)
def report_flow(root: str, params: ReportParams) -> dict:
    """Build reports/report.html, report.pdf, metrics.json (headline figures) and the CSV tables from data/."""
    logger = get_run_logger()
    ctx = stage_context(root, "report")
    ctx.inputs.path("ingest", "documents")  # nothing to report before ingest has run
    html_text, metrics, plots, exports = build_report(Tables(ctx.root), params)
    out = ctx.root / "reports"
    write_folder(out / "plots", {f"{k}.csv": v for k, v in plots.items()})
    write_folder(out / "tables", {f"{k}.csv": v for k, v in exports.items()} | {"metrics-detail.csv": detail(metrics)},
                 ctx.root)
    write_atomic(out / "metrics.json", (json.dumps(headline(metrics), indent=2) + "\n").encode())
    write_atomic(out / "report.pdf", render_pdf(html_text))
    write_atomic(out / "report.html", html_text.encode("utf-8"))
    logger.info("report: wrote %s", ", ".join(p.name for p in sorted(out.iterdir()) if not p.name.startswith(".")))
    return {"html_bytes": len(html_text.encode()), "sections": len(metrics)}
