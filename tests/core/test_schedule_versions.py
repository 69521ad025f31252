"""A scheduled run commits everything that defines its version (issue: scheduled versions you can
check out): the parameters, new documents and the corpus's own files beside dvc.lock, never outputs."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from pipeline.schedule import commit_versions, versioned_paths

DVC_YAML = """stages:
  ingest:
    cmd: python -m pipeline run ingest
    deps:
      - pipeline/ingest
      - seeds
    params:
      - ingest
    outs:
      - data/ingest:
          persist: true
  report:
    cmd: python -m pipeline run report
    deps:
      - data/ingest
      - pipeline/report
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path) -> Path:
    files = {"dvc.yaml": DVC_YAML, "dvc.lock": "schema: '2.0'\n", "params.yaml": "ingest: {}\n",
             "reports/metrics.json": "{}\n", "seeds/a.txt": "first\n", "seeds/corpus.yaml": "places: {}\n",
             "pipeline/ingest/x.py": "X = 1\n", "pipeline/report/y.py": "Y = 1\n", ".gitignore": "/data\n"}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    return root


def test_the_version_is_params_documents_profile_and_lock_not_outputs(tmp_path):
    root = make_repo(tmp_path)
    assert "data/ingest" not in versioned_paths(root)
    (root / "params.yaml").write_text("ingest: {max_passage_chars: 900}\n")
    (root / "seeds" / "b.txt").write_text("a new document\n")
    (root / "seeds" / "corpus.yaml").write_text("places: {Gary: [Gary, Ind.]}\n")
    (root / "dvc.lock").write_text("schema: '2.0'\nstages: {}\n")
    (root / "data" / "ingest").mkdir(parents=True)
    (root / "data" / "ingest" / "documents.parquet").write_bytes(b"PAR1")
    (root / "scratch.txt").write_text("the user's own file, not the pipeline's\n")
    sha = commit_versions(root, "scheduled", logging.getLogger("test"))
    assert sha
    committed = set(git(root, "show", "--name-only", "--format=", sha).split())
    assert committed == {"params.yaml", "seeds/b.txt", "seeds/corpus.yaml", "dvc.lock"}
    assert "scratch.txt" in git(root, "status", "--porcelain")  # left as it was
    assert commit_versions(root, "again", logging.getLogger("test")) is None  # nothing changed since
