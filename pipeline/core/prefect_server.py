"""A real Prefect API for every run: the user's, or an embedded local server.

If PREFECT_API_URL is set it is used as is. Otherwise the project starts one
``prefect server start`` (SQLite under ``.prefect/``) on a free loopback port
the first time it is needed and reuses it afterwards, so each stage costs
about a second of Prefect overhead instead of a fresh temporary server.
Must run before ``prefect`` is imported: Prefect reads settings at import.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "DVC_NO_ANALYTICS": "1",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}
START_TIMEOUT_S = 90


class ServerError(RuntimeError):
    pass


def state_dir(root: Path) -> Path:
    return root / ".prefect"


def _state_file(root: Path) -> Path:
    return state_dir(root) / "server.json"


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_state(root: Path) -> dict | None:
    try:
        return json.loads(_state_file(root).read_text())
    except (OSError, ValueError):
        return None


def start_server(root: Path, wait: bool = True) -> str:
    """Start the embedded server (or find the one already running); return its API URL.

    With wait=False a server being started is left booting (a few seconds of imports in its
    own process) and `wait_ready()` must be called before the API is used: the caller's own
    imports overlap the boot."""
    global _STARTING
    home = state_dir(root)
    home.mkdir(parents=True, exist_ok=True)
    lock = open(home / "server.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)  # two stages starting at once start one server
    state = read_state(root)
    if state and healthy(state["api_url"]):
        lock.close()
        _ensure_stage_host(root, state["api_url"])
        return state["api_url"]
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **QUIET_ENV, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    log = open(home / "server.log", "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    starting = _Starting(root, proc, api_url, port, lock)
    if not wait:
        _STARTING = starting
        return api_url
    return starting.wait()


class _Starting:
    """A server process booting; the start lock is held until it answers (or fails)."""

    def __init__(self, root: Path, proc: subprocess.Popen, api_url: str, port: int, lock):
        self.root, self.proc, self.api_url, self.port, self.lock = root, proc, api_url, port, lock
        self.started = time.monotonic()

    def wait(self) -> str:
        home = state_dir(self.root)
        try:
            deadline = self.started + START_TIMEOUT_S
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise ServerError(
                        f"The embedded Prefect server exited at start (code {self.proc.returncode}). "
                        f"See {home / 'server.log'}; or set PREFECT_API_URL to a running server."
                    )
                if healthy(self.api_url, timeout=1.0):
                    _state_file(self.root).write_text(
                        json.dumps({"api_url": self.api_url, "pid": self.proc.pid, "port": self.port})
                    )
                    print(f"started the local Prefect server in {time.monotonic() - self.started:.1f}s "
                          f"at {self.api_url} (stop it with: python -m pipeline server stop)", file=sys.stderr)
                    _ensure_stage_host(self.root, self.api_url)
                    return self.api_url
                time.sleep(0.2)
            self.proc.terminate()
            raise ServerError(
                f"The embedded Prefect server did not answer within {START_TIMEOUT_S}s. "
                f"See {home / 'server.log'}."
            )
        finally:
            self.lock.close()


_STARTING: _Starting | None = None


def wait_ready() -> None:
    """Wait for a server `configure(root, wait=False)` left booting, if any."""
    global _STARTING
    if _STARTING is not None:
        starting, _STARTING = _STARTING, None
        starting.wait()


def init_database(root: Path) -> bool:
    """Create the embedded server's SQLite database ahead of time (set-up step).

    Prefect's migrations take most of a first server start; done at install
    time they are off the critical path of the first `dvc repro`. Returns
    False if the database already existed.
    """
    home = state_dir(root)
    if (home / "prefect.db").exists():
        return False
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **QUIET_ENV, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                          cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise ServerError(f"could not create the Prefect database in {home}:\n{proc.stderr[-2000:]}")
    return True


def _ensure_stage_host(root: Path, api_url: str) -> None:
    """The warm process that runs the next stages by forking (pipeline/core/stage_host.py), started
    with this environment pointed at the server."""
    from pipeline.core.stage_host import ensure_host

    ensure_host(root, {**os.environ, "PREFECT_API_URL": api_url})


def stop_server(root: Path) -> bool:
    """Stop the embedded server if it runs (and the stage host beside it); True if one was stopped."""
    from pipeline.core.stage_host import stop_host

    stop_host(root)
    state = read_state(root)
    if not state:
        return False
    try:
        os.killpg(state["pid"], 15)
    except ProcessLookupError:
        pass
    # the API stops answering before the server's process has closed its database and exited: wait for
    # the process itself, so that a stop leaves nothing running (killed if it will not go)
    deadline = time.monotonic() + 10
    while not _gone(state["pid"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not _gone(state["pid"]):
        try:
            os.killpg(state["pid"], 9)
        except ProcessLookupError:
            pass
    _state_file(root).unlink(missing_ok=True)
    return True


def _gone(pid: int) -> bool:
    """Has the process `pid` (the leader of the server's process group) exited (or is only a zombie)?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def configure(root: Path, wait: bool = True) -> str:
    """Point this process (and its children) at a Prefect API; return the URL.

    wait=False: an embedded server that has to be started is left booting; call
    `wait_ready()` before the first API call."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(state_dir(root)))
    url = os.environ.get("PREFECT_API_URL")
    if url:
        if not healthy(url, timeout=5.0):
            raise ServerError(
                f"PREFECT_API_URL={url} does not answer. Start that server, or unset "
                "PREFECT_API_URL to let the pipeline run its own local server."
            )
        return url
    url = start_server(root, wait=wait)
    os.environ["PREFECT_API_URL"] = url
    return url
