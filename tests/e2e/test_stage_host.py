"""The stage host (pipeline/core/stage_host.py): `python -m pipeline run <stage>` run by a child forked
from a warm process, on a real project with its own local Prefect server. What a caller gets must be
what its own process would give: the same tables, output and exit code; a caller that is killed takes
its stage with it; changed code is never run from the old imports; nothing outlives `server stop`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import make_project, table_bytes, venv_env

pytestmark = pytest.mark.slow


def _env(**extra) -> dict:
    env = venv_env()
    env.pop("PREFECT_API_URL", None)   # the project's own server, under project/.prefect
    env.pop("PIPELINE_STAGE_HOST", None)
    return {**env, **extra}


def _run(project: Path, *args: str, check: bool = True, **extra) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=project, env=_env(**extra),
                          capture_output=True, text=True, timeout=300)
    assert not check or proc.returncode == 0, proc.stderr[-3000:]
    return proc


def _host_log(project: Path) -> str:
    path = project / ".prefect" / "stage-host.log"
    return path.read_text() if path.is_file() else ""


def _ready_host(project: Path, other_than: int | None = None) -> int:
    """The pid of the project's stage host once it serves (a fresh one, if `other_than` is given)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            state = json.loads((project / ".prefect" / "stage-host.json").read_text())
        except (OSError, ValueError):
            state = {}
        if state.get("ready") and state.get("pid") != other_than and Path(f"/proc/{state['pid']}").exists():
            return int(state["pid"])
        time.sleep(0.2)
    raise AssertionError(f"no stage host became ready:\n{_host_log(project)[-3000:]}")


def _gone(pid: int, within_s: float = 30.0) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def _project_processes(project: Path) -> list[str]:
    """Live processes working in the project folder (server, host, stages), but not this test."""
    out = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if Path(os.readlink(cwd)) == project and int(cwd.parent.name) != os.getpid():
                state = (cwd.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    out.append((cwd.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:120])
        except OSError:
            continue
    return out


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """A project whose first stage started the local server and, beside it, the stage host; the tests
    below go on with it in file order (the last one stops it)."""
    project = make_project(tmp_path_factory.mktemp("stage-host") / "project")
    try:
        _run(project, "run", "ingest")
        yield project
    finally:
        _run(project, "server", "stop", check=False)


def test_a_stage_run_by_the_host_equals_its_own_process(hosted):
    project = hosted
    _ready_host(project)
    out = _run(project, "run", "dedup", "clean")
    assert re.search(r"running run dedup clean \(pid \d+\)", _host_log(project))
    assert "dedup: done in" in out.stdout and "clean: done in" in out.stdout
    tables = sorted((project / "data").glob("[dc][el]*/*.parquet"))
    hosted_bytes = {p: table_bytes(p) for p in tables}
    assert len(hosted_bytes) >= 10
    own = _run(project, "run", "dedup", "clean", PIPELINE_STAGE_HOST="0")
    assert "dedup: done in" in own.stdout
    assert _host_log(project).count("running run dedup clean") == 1   # the second run was its own
    assert {p: table_bytes(p) for p in tables} == hosted_bytes
    # errors and exit codes come through as they are
    wrong = _run(project, "run", "nosuchstage", check=False)
    assert wrong.returncode == 2 and "unknown stage(s) nosuchstage" in wrong.stderr
    assert "run nosuchstage (pid" in _host_log(project)


def test_changed_code_is_never_run_from_old_imports(hosted):
    project = hosted
    host = _ready_host(project)
    module = project / "pipeline" / "dedup" / "stage.py"
    later = time.time() + 5
    os.utime(module, (later, later))   # as an edit does
    out = _run(project, "run", "dedup")
    assert "dedup: done in" in out.stdout
    assert "code or packages changed" in _host_log(project)
    assert not re.search(rf"stage host {host}: running run dedup \(pid", _host_log(project))
    assert _gone(host)
    # that run's own process started a fresh host, which serves the next stage
    fresh = _ready_host(project, other_than=host)
    _run(project, "run", "clean")
    assert re.search(rf"stage host {fresh}: running run clean \(pid \d+\)", _host_log(project))


def test_a_killed_caller_takes_its_stage_along_and_stop_leaves_nothing(hosted):
    project = hosted
    host = _ready_host(project)
    _run(project, "run", "dedup", "clean")
    caller = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "entities"], cwd=project, env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (m := re.search(r"running run entities \(pid (\d+)\)", _host_log(project))):
        assert time.monotonic() < deadline and caller.poll() is None, _host_log(project)[-2000:]
        time.sleep(0.05)
    child = int(m.group(1))
    caller.kill()
    caller.wait(timeout=10)
    assert _gone(child), "the stage outlived its killed caller"
    assert "caller of run entities is gone" in _host_log(project)
    assert not _gone(host, within_s=0.5)   # the host serves on
    _run(project, "server", "stop")
    assert _gone(host)
    assert not (project / ".prefect" / "stage-host.json").exists()
    deadline = time.monotonic() + 10  # a process being torn down (its memory gone: an empty command line)
    while (left := _project_processes(project)) and time.monotonic() < deadline and all(not c.strip() for c in left):
        time.sleep(0.1)
    assert left == []
