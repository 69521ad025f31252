"""Prefect flow of the report stage: write the three report files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from prefect import flow, get_run_logger

from pipeline.core.flow import stage_context
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


@flow(name="report", log_prints=True)
def report_flow(root: str) -> dict:
    """Build reports/report.html, report.pdf and metrics.json from data/."""
    logger = get_run_logger()
    ctx = stage_context(root)
    params = ctx.params["report"]
    ctx.in_dir("ingest")
    html_text, metrics = build_report(Tables(ctx.root), params)
    out = ctx.root / "reports"
    write_atomic(out / "metrics.json", (json.dumps(metrics, indent=2, sort_keys=True) + "\n").encode())
    write_atomic(out / "report.pdf", render_pdf(html_text, base_url=str(out)))
    write_atomic(out / "report.html", html_text.encode("utf-8"))
    logger.info("report: wrote %s", ", ".join(p.name for p in sorted(out.iterdir()) if not p.name.startswith(".")))
    return {"html_bytes": len(html_text.encode()), "sections": len(metrics)}
