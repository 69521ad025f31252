"""Forked workers: results in order, and no worker outlives its parent (SIGKILL included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from pipeline.core.workers import map_forked

REPO = Path(__file__).resolve().parents[2]


def _square(x: int) -> int:
    return x * x


def test_results_come_back_in_order_from_the_workers():
    done = []
    out = map_forked(_square, list(range(20)), 2, progress=lambda i, n, s: done.append(i))
    assert out == [x * x for x in range(20)] and done[-1] == 20


def test_one_item_runs_in_this_process():
    assert map_forked(lambda _: os.getpid(), [0], 2) == [os.getpid()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state


def test_workers_die_when_the_stage_is_killed(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO)!r})
        from pipeline.core.workers import map_forked

        def work(i):
            open(os.path.join({str(tmp_path)!r}, f"worker-{{os.getpid()}}"), "w").close()
            time.sleep(120)
            return i

        map_forked(work, [1, 2, 3, 4], 2)
    """)
    stage = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("worker-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        assert len(workers) == 2
        stage.send_signal(signal.SIGKILL)
        stage.wait(timeout=10)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "a worker outlived its killed parent"
    finally:
        if stage.poll() is None:
            stage.kill()
        for p in tmp_path.glob("worker-*"):  # never leave a worker behind, even when the test fails
            pid = int(p.name.split("-")[1])
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
