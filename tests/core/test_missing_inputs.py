"""A stage whose input table is missing or unreadable stops before it starts, with one line that
names the table and the command that rebuilds it (issue: hostile folders, dying servers)."""

from __future__ import annotations

import shutil
import sys

from pipeline.core.parts import part_files
from tests.conftest import run


def _copy_data(built: "Path", dest: "Path") -> "Path":
    shutil.copytree(built / "data", dest / "data")
    return dest


def test_a_missing_claims_table_stops_the_report_with_one_line(built_project, project):
    _copy_data(built_project, project)
    shutil.rmtree(project / "data" / "facts" / "claims.parquet")
    proc = run([sys.executable, "-m", "pipeline", "run", "report"], project, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines == ["error: data/facts/claims.parquet is missing; the report stage reads it: "
                     "run `python -m pipeline run facts` (or `dvc repro`)"], proc.stderr
    assert not (project / "reports" / "report.html").exists()


def test_a_truncated_input_stops_the_stage_with_one_line(built_project, project):
    _copy_data(built_project, project)
    sentences = part_files(project / "data" / "clean" / "sentences.parquet")[0]
    sentences.write_bytes(sentences.read_bytes()[:200])
    proc = run([sys.executable, "-m", "pipeline", "run", "entities"], project, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: data/clean/sentences.parquet is unreadable"), proc.stderr
    assert "python -m pipeline run clean" in lines[0]


def test_a_stage_run_after_its_producer_in_one_command_is_not_stopped(project):
    # nothing is built yet: `run ingest dedup` runs dedup after ingest has written its tables
    proc = run([sys.executable, "-m", "pipeline", "run", "dedup"], project, check=False)
    assert proc.returncode == 2 and "data/ingest/" in proc.stderr and "run ingest" in proc.stderr
    proc = run([sys.executable, "-m", "pipeline", "run", "ingest", "dedup"], project, check=False)
    assert proc.returncode == 0, proc.stderr


def test_a_missing_gazetteer_named_in_params_stops_entities_with_one_line(built_project, project):
    _copy_data(built_project, project)
    params = project / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace(
        "entities:\n", "entities:\n  gazetteer: seeds/names-we-never-wrote.yaml\n", 1), encoding="utf-8")
    proc = run([sys.executable, "-m", "pipeline", "run", "entities"], project, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "names-we-never-wrote.yaml" in lines[0], proc.stderr


def test_an_empty_params_file_stops_with_one_line(project):
    (project / "params.yaml").write_text("# emptied by mistake\n", encoding="utf-8")
    proc = run([sys.executable, "-m", "pipeline", "run", "ingest"], project, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "params.yaml is empty" in lines[0], proc.stderr
