"""The facts flow end to end on the real upstream tables (ingest, dedup, clean,
entities), as `python -m pipeline run all` builds them, with a real Prefect server:
the session's built project (tests/conftest.py, built_run)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from pipeline.core.parts import is_table

pytestmark = pytest.mark.slow


def test_facts_flow_writes_tables_and_report(built_run):
    project, stdout = built_run
    assert "facts: done" in stdout
    for name in ("quantities", "claims", "timeline", "comparison", "events"):
        assert is_table(project / f"data/facts/{name}.parquet"), name
    docs = pq.read_table(project / "data/ingest/documents.parquet").to_pandas()
    texts = dict(zip(docs["doc_id"], docs["text"]))
    q = pq.read_table(project / "data/facts/quantities.parquet").to_pandas()
    assert len(q) > 100
    for r in q.itertuples():  # every figure's raw offsets hold the words as written
        assert texts[r.doc_id][r.raw_start:r.raw_end] == r.surface
    claims = pq.read_table(project / "data/facts/claims.parquet").to_pandas()
    killed = set(claims.loc[claims["measure"] == "killed", "value_low"].dropna())
    assert {10, 14, 15, 16, 17, 25, 64, 70} <= killed
    html = (project / "reports/report.html").read_text()
    assert "Contested figures" in html and "Timeline" in html and "<script>alert" not in html
    metrics = json.loads((project / "reports/metrics.json").read_text())
    assert metrics["facts"]["claims"] == len(claims)
