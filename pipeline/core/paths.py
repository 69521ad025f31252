"""Where the project lives, found from the working directory, never hard-coded."""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARKERS = ("params.yaml", "dvc.yaml")
# a corpus's own knowledge, kept with its documents at the top of its input folder (not documents):
# its profile (places, local words: pipeline/facts/profile.py) and its gazetteer (pipeline/entities)
CORPUS_PROFILE = "corpus.yaml"
CORPUS_FILES = (CORPUS_PROFILE, "gazetteer.yaml", "gazetteer.yml", "gazetteer.csv")


class ProjectNotFound(RuntimeError):
    pass


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` holding params.yaml and dvc.yaml.

    PIPELINE_ROOT overrides the search (useful when running from elsewhere).
    """
    env = os.environ.get("PIPELINE_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / m).is_file() for m in MARKERS):
            return folder
    raise ProjectNotFound(
        f"No project found at or above {here}: expected a folder with "
        f"{' and '.join(MARKERS)}. Run the command from the project's folder "
        "or set PIPELINE_ROOT."
    )


def data_dir(root: Path, stage: str) -> Path:
    return root / "data" / stage


def cache_dir(root: Path, stage: str) -> Path:
    """A stage's stored per-document results, kept between runs: outside data/ (DVC replaces a
    stage's outs on every run) and out of git; deleting it costs one cold build, nothing else."""
    return root / ".pipeline-cache" / stage


def tool_env() -> dict:
    """Environment for child commands (dvc, git): this interpreter's bin first on
    PATH, so `python` and `dvc` are the project's even when the venv is not
    activated, and DVC's telemetry off."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.setdefault("DVC_NO_ANALYTICS", "1")
    return env
