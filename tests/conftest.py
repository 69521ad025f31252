"""Shared fixtures: a throw-away copy of the project, and one real Prefect
server for the whole session (started through the pipeline's own embedded-
server path, so that path is exercised too)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
PROJECT_FILES = ["pipeline", "params.yaml", "dvc.yaml", ".dvcignore", "pyproject.toml", ".gitignore",
                 "gazetteer.yaml"]


def venv_env(**extra) -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update({"DVC_NO_ANALYTICS": "1", "DO_NOT_TRACK": "1",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    env.update(extra)
    return env


def run(cmd, cwd, check=True, **env) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=venv_env(**env), capture_output=True, text=True,
                          timeout=600)
    if check and proc.returncode:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc


def make_project(dest: Path, seeds: Path | None = SEEDS) -> Path:
    """A fresh project like a clone: code, params, dvc.yaml, seeds; git + dvc initialised."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    (dest / "seeds").mkdir(exist_ok=True)
    if seeds is not None:
        for f in sorted(seeds.iterdir()):
            shutil.copy2(f, dest / "seeds" / f.name)
    run(["git", "init", "-q"], dest)
    run(["git", "config", "user.email", "test@example.com"], dest)
    run(["git", "config", "user.name", "test"], dest)
    run([sys.executable, "-m", "dvc", "init", "-q"], dest)
    shutil.copy2(REPO / ".dvc" / "config", dest / ".dvc" / "config")
    run(["git", "add", "-A"], dest)
    run(["git", "commit", "-qm", "project"], dest)
    return dest


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory) -> str:
    """One embedded Prefect server for the session, via `python -m pipeline server start`."""
    home = make_project(tmp_path_factory.mktemp("prefect-home"), seeds=None)
    env = venv_env()
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "server", "start"], cwd=home, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    url = proc.stdout.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api"), url
    os.environ["PREFECT_API_URL"] = url
    yield url
    subprocess.run([sys.executable, "-m", "pipeline", "server", "stop"], cwd=home, env=env,
                   capture_output=True, timeout=120)
    os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture
def project(tmp_path, prefect_api) -> Path:
    return make_project(tmp_path / "project")
