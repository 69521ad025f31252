"""A warm process that runs `python -m pipeline run ...` by forking, so `dvc repro`'s one process per
stage does not pay the imports six times.

A stage process spends about 1.3 s importing Prefect, pandas and pyarrow before its flow starts (the
flows of the seeds take 0.3-0.6 s each). Beside the local Prefect server, the project keeps a *stage
host*: a process that imported all of that once. `python -m pipeline run <stage>` (the command in
dvc.yaml) first asks the host, over a Unix socket, before importing anything heavy: it sends its
arguments, working folder and environment, and passes its standard streams as file descriptors; the
host forks a child that takes them over and runs the command line exactly as the process would have
(`pipeline.cli.main`), its output going straight to the caller's stdout and stderr. The caller waits
for the child's exit status and exits with it, forwarding SIGINT, SIGTERM and SIGHUP to the child's
process group; a caller that dies takes its child with it (the host kills the child's group when the
caller's connection closes).

The caller runs the command itself, as before, whenever the host cannot stand in for it exactly:
no host (or one still importing), the project's code or installed packages changed since the host
imported them (the host then exits; the next stage starts a fresh one), the caller's Prefect or
thread-count settings differ from the host's (they are read at import), or PIPELINE_STAGE_HOST=0.

Lifetime: started with (or by the first stage that finds) the local Prefect server, stopped with it
(`python -m pipeline server stop`), and it exits by itself when that server stops or after
`PIPELINE_STAGE_HOST_IDLE_S` (600) seconds without a request. Linux only (abstract Unix sockets,
pidfds); elsewhere every stage runs in its own process as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SWITCH_ENV = "PIPELINE_STAGE_HOST"          # 0/false/no/off: never use nor start a host
IDLE_ENV = "PIPELINE_STAGE_HOST_IDLE_S"
IDLE_S = 600.0
STATE_FILE = "stage-host.json"
LOG_FILE = "stage-host.log"
LOG_MAX_BYTES = 1 << 20
MAX_MESSAGE = 1 << 20
REPLY_TIMEOUT_S = 30.0   # how long a caller waits for the host to fork its stage
# settings read when a module is imported (Prefect's, the BLAS thread pools'): a caller whose values
# differ would not get what a fresh process gives it
IMPORT_TIME_ENV = ("PREFECT_", "OMP_", "OPENBLAS_", "MKL_", "BLIS_", "NUMEXPR_", "VECLIB_", "PYTHON",
                   "DO_NOT_TRACK", "DVC_NO_ANALYTICS", "LD_PRELOAD", "LD_LIBRARY_PATH", "SPACY_", "CUDA_")


def enabled() -> bool:
    """Is the host switched on, and can this platform run one?"""
    off = os.environ.get(SWITCH_ENV, "").strip().lower() in ("0", "false", "no", "off")
    return not off and sys.platform.startswith("linux") and hasattr(os, "pidfd_open") and \
        hasattr(socket, "send_fds")


def address(root: Path) -> str:
    """The host's abstract socket name: one per project folder and user, no file to clean up."""
    key = hashlib.sha1(str(Path(root).resolve()).encode()).hexdigest()[:20]
    return f"\0pipeline-stage-host-{os.getuid()}-{key}"


def _state_path(root: Path) -> Path:
    return Path(root) / ".prefect" / STATE_FILE


def read_state(root: Path) -> dict | None:
    try:
        return json.loads(_state_path(root).read_text())
    except (OSError, ValueError):
        return None


def _is_host(pid: int) -> bool:
    """Is `pid` a live stage host (not a process that got a dead host's pid)?"""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"pipeline.core.stage_host" in f.read()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def code_digest() -> str:
    """What the imported code depends on: this interpreter, the installed packages (their folder's
    modification time changes when pip adds or removes one) and every file of the `pipeline` package
    this process imports (path, size, modification time)."""
    import sysconfig

    import pipeline

    digest = hashlib.sha1()
    purelib = sysconfig.get_paths()["purelib"]
    for part in (sys.executable, sys.prefix, purelib, str(os.stat(purelib).st_mtime_ns)):
        digest.update(part.encode() + b"\0")
    package = Path(pipeline.__file__).resolve().parent
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            st = os.stat(path)
            digest.update(f"{os.path.relpath(path, package)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def import_time_env(env: dict) -> dict:
    return {k: v for k, v in env.items() if k.startswith(IMPORT_TIME_ENV)}


def caller_env(root: Path) -> dict:
    """The environment a stage process would run with after `prefect_server.configure`: its own, the
    quiet defaults, and the local server's API URL when none is set."""
    from pipeline.core.prefect_server import QUIET_ENV, read_state as server_state, state_dir

    env = dict(os.environ)
    for key, value in QUIET_ENV.items():
        env.setdefault(key, value)
    env.setdefault("PREFECT_HOME", str(state_dir(root)))
    if not env.get("PREFECT_API_URL"):
        state = server_state(root)
        if state:
            env["PREFECT_API_URL"] = state["api_url"]
    return env


# --- the caller's side -------------------------------------------------------------------------

def run_through_host(argv: list[str]) -> int | None:
    """The exit code of `python -m pipeline <argv>` run by the project's stage host; None when the
    host cannot stand in for this process (run the command here)."""
    if not argv or argv[0] != "run" or any(a in ("-h", "--help") for a in argv) or not enabled():
        return None
    try:
        from pipeline.core.paths import project_root

        root = project_root()
    except Exception:  # noqa: BLE001 - no project: the CLI says so itself
        return None
    if read_state(root) is None:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        conn.connect(address(root))
    except OSError:
        conn.close()
        return None
    with conn:
        request = {"argv": list(argv), "cwd": os.getcwd(), "env": caller_env(root), "digest": code_digest()}
        conn.settimeout(REPLY_TIMEOUT_S)   # a host that does not answer (stopped, swapped out): run it here
        try:
            socket.send_fds(conn, [json.dumps(request).encode()], [0, 1, 2])
            reply = json.loads(conn.recv(MAX_MESSAGE) or b"{}")
        except (OSError, ValueError):
            return None
        if "pid" not in reply:
            return None   # (the host said why in its log: stale code, other settings)
        conn.settimeout(None)   # the stage takes as long as it takes
        return _wait_for(conn, int(reply["pid"]))


def _wait_for(conn: socket.socket, pid: int) -> int:
    """The child's exit status; signals to this process go to the child's process group."""
    def forward(signum, frame):
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signum)
                return
            except (ProcessLookupError, PermissionError):
                continue
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        message = conn.recv(MAX_MESSAGE)
    except OSError:
        message = b""
    if not message:
        forward(signal.SIGTERM, None)   # (a child left behind would be a stage nobody waits for)
        print("error: the pipeline's stage host ended before the stage did; run the command again "
              f"(or with {SWITCH_ENV}=0 to run it in its own process)", file=sys.stderr)
        return 1
    code = int(json.loads(message)["exit"])
    return code if code >= 0 else 128 - code


# --- starting and stopping ---------------------------------------------------------------------

def ensure_host(root: Path, env: dict) -> None:
    """Start the project's stage host in the background, with environment `env` (pointing at the local
    Prefect server, which answers), unless one runs or is starting."""
    if not enabled():
        return
    state = read_state(root)
    if state and _is_host(int(state["pid"])):
        return
    import subprocess

    home = Path(root) / ".prefect"
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / LOG_FILE
    if log_path.is_file() and log_path.stat().st_size > LOG_MAX_BYTES:
        os.replace(log_path, log_path.with_suffix(".log.1"))   # one older log kept, not a growing one
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.core.stage_host", str(Path(root).resolve())],
                                cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    _write_state(root, {"pid": proc.pid, "ready": False})


def stop_host(root: Path, timeout: float = 10.0) -> bool:
    """Stop the project's stage host (and any stage it is running); True if one was running."""
    state = read_state(root)
    if not state:
        return False
    pid = int(state["pid"])
    running = _is_host(pid)
    if running:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            running = False
        deadline = time.monotonic() + timeout
        while running and _is_host(pid) and time.monotonic() < deadline:
            _reap(pid)
            time.sleep(0.05)
        if _is_host(pid):
            os.kill(pid, signal.SIGKILL)
            _reap(pid)
    _state_path(root).unlink(missing_ok=True)
    return running


def _reap(pid: int) -> None:
    """Collect the host if this process started it (a zombie would look alive)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _write_state(root: Path, state: dict) -> None:
    path = _state_path(root)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state))
    os.replace(tmp, path)


# --- the host ----------------------------------------------------------------------------------

@dataclass
class _Stage:
    """A forked child running one caller's command."""
    pid: int
    pidfd: int
    conn: socket.socket
    argv: list
    started: float


def _log(message: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} stage host {os.getpid()}: {message}", flush=True)


def _preload() -> None:
    """What every stage process imports, and the models' libraries; not their models or data."""
    import pipeline.cli  # noqa: F401
    from pipeline.stages import STAGES

    for stage in STAGES.values():
        stage.load()
    for name in ("prefect.flow_engine", "prefect.task_engine", "prefect.client.orchestration",
                 "pipeline.core.api_watch", "pipeline.core.runner", "pipeline.core.cluster", "spacy",
                 "weasyprint"):
        try:
            __import__(name)
        except Exception as exc:  # noqa: BLE001 - an optional library: the stage imports it itself
            _log(f"not preloaded: {name} ({exc.__class__.__name__})")


def serve(root: Path) -> int:
    """Import, listen, fork one child per request until stopped, idle or the server is gone."""
    import selectors
    import threading

    root = Path(root).resolve()
    os.chdir(root)
    started = time.monotonic()
    from pipeline.core.prefect_server import read_state as server_state

    server = server_state(root)
    if not server:
        _log("no local Prefect server: not starting")
        return 1
    try:
        _preload()
    except Exception as exc:  # noqa: BLE001 - broken code: the stages report it in their own processes
        _log(f"could not import the stages ({exc!r}): not serving")
        return 1
    if threading.active_count() > 1:
        _log(f"threads running after the imports ({threading.enumerate()}): forking would be unsafe; "
             "not serving")
        return 1
    digest, env_key = code_digest(), import_time_env(dict(os.environ))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        listener.bind(address(root))
    except OSError:
        # two stages started a host at once: the other one serves; the state names it
        peer = _peer_pid(root)
        if peer:
            _write_state(root, {"pid": peer, "ready": True, "digest": digest, "server_pid": server["pid"]})
        _log(f"another stage host (pid {peer}) serves this project")
        return 0
    listener.listen(16)
    stopping = []
    signal.signal(signal.SIGTERM, lambda s, f: stopping.append(s))
    signal.signal(signal.SIGINT, lambda s, f: stopping.append(s))
    _write_state(root, {"pid": os.getpid(), "ready": True, "digest": digest, "server_pid": server["pid"]})
    _log(f"ready in {time.monotonic() - started:.1f}s for {root}")
    idle_s = float(os.environ.get(IDLE_ENV, IDLE_S))
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    stages: dict[int, _Stage] = {}
    last = time.monotonic()
    closing = None   # why the host takes no more requests; it exits once its running stages end

    def close(why: str) -> None:
        nonlocal closing
        closing = why
        _log(f"{why}: taking no more requests" + (f", waiting for {len(stages)} running stage(s)" if stages else ""))
        selector.unregister(listener)
        listener.close()
        _forget_state(root)

    try:
        while not stopping and not (closing and not stages):
            for key, _ in selector.select(timeout=1.0):
                if key.data is None:
                    if closing:
                        continue   # (the listener closed during this round)
                    conn, _ = listener.accept()
                    stage = _start(conn, digest, env_key, listener, selector, stages)
                    if stage == "stale":
                        close("the project's code or packages changed")
                    elif stage is not None:
                        stages[stage.pid] = stage
                        selector.register(stage.pidfd, selectors.EVENT_READ, ("exited", stage.pid))
                        selector.register(stage.conn, selectors.EVENT_READ, ("caller", stage.pid))
                    last = time.monotonic()
                    continue
                what, pid = key.data
                stage = stages.get(pid)
                if stage is None:
                    continue
                if what == "caller":
                    # the caller sends nothing after its request: readable means it is gone
                    _log(f"caller of {' '.join(stage.argv)} is gone: stopping the stage (pid {pid})")
                    selector.unregister(stage.conn)
                    _kill_group(pid)
                    continue
                _finish(stage, selector)
                del stages[pid]
                last = time.monotonic()
            if closing:
                continue
            if not _alive(int(server["pid"])):
                # a stage running now finishes (it tells its caller the server is gone); no new ones
                close("the Prefect server has stopped")
            elif not stages and time.monotonic() - last > idle_s:
                close(f"idle for {idle_s:.0f}s")
    finally:
        for stage in list(stages.values()):   # stopped (`server stop`, SIGTERM): so are its stages
            _kill_group(stage.pid)
            _finish(stage, selector, wait_s=10.0)
        if closing is None:
            listener.close()
            _forget_state(root)
    _log("exiting")
    return 0


def _forget_state(root: Path) -> None:
    """Remove the state file if it names this host (a newer host may have written its own)."""
    state = read_state(root)
    if state and state.get("pid") == os.getpid():
        _state_path(root).unlink(missing_ok=True)


def _peer_pid(root: Path) -> int | None:
    """The pid of the host listening on the project's address (SO_PEERCRED), if any."""
    import struct

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        probe.connect(address(root))
        pid, _, _ = struct.unpack("3i", probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                         struct.calcsize("3i")))
        return pid
    except OSError:
        return None
    finally:
        probe.close()


def _start(conn, digest: str, env_key: dict, listener, selector, stages: dict):
    """Read one request and fork its child; None (after telling the caller) when it must run itself."""
    conn.settimeout(5.0)
    import struct

    uid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))[1]
    if uid != os.getuid():   # an abstract socket has no file permissions: only its own user is served
        _log(f"refused a caller of user id {uid}")
        conn.close()
        return None
    data, fds = b"", []
    try:
        data, fds, _, _ = socket.recv_fds(conn, MAX_MESSAGE, 3)
        request = json.loads(data)
    except (OSError, ValueError) as exc:
        if not isinstance(exc, ValueError) or data:   # (a probe for the host's pid sends nothing)
            _log(f"unreadable request: {exc!r}")
        for fd in fds:
            os.close(fd)
        conn.close()
        return None
    refuse = None
    if len(fds) != 3:
        refuse = "no standard streams passed"
    elif request.get("digest") != digest:
        refuse = "stale"
    elif import_time_env(request.get("env", {})) != env_key:
        refuse = "other import-time settings"
    if refuse:
        for fd in fds:
            os.close(fd)
        _log(f"not serving {' '.join(request.get('argv', []))}: {refuse}"
             + (" (the project's code or packages changed): exiting" if refuse == "stale" else ""))
        try:
            conn.send(json.dumps({"refused": refuse}).encode())
        except OSError:
            pass
        conn.close()
        return "stale" if refuse == "stale" else None
    pid = os.fork()
    if pid == 0:
        _child(request, fds, [listener, conn, selector, *(s.conn for s in stages.values())],
               [s.pidfd for s in stages.values()])
    for fd in fds:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    try:
        conn.send(json.dumps({"pid": pid}).encode())
    except OSError:
        _kill_group(pid)
    conn.setblocking(False)
    _log(f"running {' '.join(request['argv'])} (pid {pid}) in {request['cwd']}")
    return _Stage(pid, pidfd, conn, request["argv"], time.monotonic())


def _child(request: dict, fds: list[int], close: list, close_fds: list[int]) -> None:
    """The forked child: become the caller (its streams, folder, environment, arguments), run the
    command line, exit as `python -m pipeline` would. Never returns."""
    code = 1
    try:
        for thing in close:
            thing.close()
        for fd in close_fds:
            os.close(fd)
        os.setpgid(0, 0)   # the caller's signals and the host's kill reach the stage's own children too
        _die_with_parent()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in zip((0, 1, 2), fds):
            if fd != target:
                os.dup2(fd, target)
                os.close(fd)
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(line_buffering=os.isatty(stream.fileno()))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = [sys.argv[0], *request["argv"]]
        from pipeline.cli import main

        code = main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001 - as the interpreter would: the traceback, exit 1
        import traceback

        traceback.print_exc()
        code = 1
    try:
        if os.environ.get("PIPELINE_FAST_EXIT", "").strip().lower() in ("1", "true", "yes", "on"):
            from pipeline.core.fastexit import exit_now

            exit_now(code)
        import atexit

        atexit._run_exitfuncs()   # what the interpreter's exit runs: Prefect sends its queued logs
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)


def _die_with_parent() -> None:
    """Ask Linux to end this child if the host dies (PR_SET_PDEATHSIG): no stage outlives both."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGTERM)
            return
        except (ProcessLookupError, PermissionError):
            continue


def _finish(stage: _Stage, selector, wait_s: float | None = None) -> None:
    """Collect the child and tell its caller how it ended; after `wait_s` seconds, kill it."""
    deadline = None if wait_s is None else time.monotonic() + wait_s
    while True:
        pid, status = os.waitpid(stage.pid, 0 if deadline is None else os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            for kill in (os.killpg, os.kill):
                try:
                    kill(stage.pid, signal.SIGKILL)
                    break
                except (ProcessLookupError, PermissionError):
                    continue
            deadline = None
        else:
            time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    for fileobj in (stage.pidfd, stage.conn):
        try:
            selector.unregister(fileobj)
        except (KeyError, ValueError):
            pass
    os.close(stage.pidfd)
    try:
        stage.conn.setblocking(True)
        stage.conn.send(json.dumps({"exit": code}).encode())
    except OSError:
        pass
    stage.conn.close()
    _log(f"{' '.join(stage.argv)} (pid {stage.pid}) exited {code} after {time.monotonic() - stage.started:.1f}s")


if __name__ == "__main__":
    exit_code = serve(Path(sys.argv[1]))
    sys.stdout.flush()
    os._exit(exit_code)   # (nothing left to finalize: skip the teardown of everything it imported)
