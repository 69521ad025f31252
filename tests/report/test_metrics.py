"""reports/metrics.json as `dvc metrics` shows it: a few headline figures, whatever the corpus."""

from __future__ import annotations

import json
import shutil
import sys

import pandas as pd
import pytest

from pipeline.report.metrics import MAX_KEYS, detail, headline
from tests.conftest import REPO, run

pytestmark = pytest.mark.slow


def _keys(metrics: dict) -> list[str]:
    return [f"{stage}.{key}" for stage, values in metrics.items() for key in values]


def test_metrics_json_holds_headline_figures_and_no_document(built_project):
    metrics = json.loads((built_project / "reports" / "metrics.json").read_text())
    keys = _keys(metrics)
    assert 15 <= len(keys) <= MAX_KEYS
    assert all(isinstance(v, (int, float)) for values in metrics.values() for v in values.values())
    names = [p.name for p in (built_project / "seeds").iterdir()]
    assert not [k for k in keys if "/" in k or any(n in k or n.rsplit(".", 1)[0] in k for n in names)]
    # the detail the headline leaves out is in the CSV next to the tables, one row per figure
    rows = pd.read_csv(built_project / "reports" / "tables" / "metrics-detail.csv")
    by_key = rows.set_index(["stage", "metric"])["value"]
    assert int(by_key["ingest", "documents"]) == metrics["ingest"]["documents"]
    assert rows["metric"].str.startswith("edits_by_rule.").any()
    assert rows["metric"].str.startswith("by_measure.").any()


def test_dvc_metrics_diff_after_adding_documents_fits_80_columns(built_project, tmp_path):
    """HEAD: the seeds' metrics as committed in this repository; workspace: the session's
    project, which is the seeds plus added documents. Real git and DVC print the diff."""
    run(["git", "init", "-q"], tmp_path)
    run([sys.executable, "-m", "dvc", "init", "-q"], tmp_path)
    (tmp_path / "dvc.yaml").write_text("metrics:\n- reports/metrics.json\n")
    (tmp_path / "reports").mkdir()
    shutil.copy(REPO / "reports" / "metrics.json", tmp_path / "reports" / "metrics.json")
    run(["git", "add", "-A"], tmp_path)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "seeds"], tmp_path)
    shutil.copy(built_project / "reports" / "metrics.json", tmp_path / "reports" / "metrics.json")
    out = run([sys.executable, "-m", "dvc", "metrics", "diff"], tmp_path).stdout
    lines = out.rstrip("\n").splitlines()
    assert any("ingest.documents" in line for line in lines)  # more documents: a changed figure
    assert len(lines) <= MAX_KEYS + 1
    assert max(map(len, lines)) <= 80, out


def test_headline_drops_detail_and_detail_keeps_everything():
    sections = {"ingest": {"documents": 3, "formats": {"txt": 2, "html": 1}},
                "dedup": {"repeated_share": 0.25, "clusters": 4},
                "facts": {"claims": 7, "killed_values": ["16", "up to 64"]}}
    assert headline(sections) == {"ingest": {"documents": 3}, "dedup": {"repeated_share": 0.25, "clusters": 4},
                                  "facts": {"claims": 7}}
    rows = detail(sections)
    assert ("ingest", "formats.html", "1") in set(rows.itertuples(index=False, name=None))
    assert ("facts", "killed_values", "16; up to 64") in set(rows.itertuples(index=False, name=None))
