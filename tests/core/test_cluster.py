"""One Dask cluster per run: a local one started and closed by the run, or the given scheduler, untouched."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from pipeline.core.cluster import ADDRESS_ENV, ClusterError, cluster_env, run_cluster
from pipeline.core.runner import RunnerParams, task_runner


def test_threads_and_processes_need_no_cluster(monkeypatch):
    monkeypatch.setenv(ADDRESS_ENV, "tcp://127.0.0.1:1")
    for kind in ("threads", "processes"):
        runner = RunnerParams(kind=kind)
        with run_cluster(runner) as chosen:
            assert chosen == runner and cluster_env(chosen) == {}


def _listening() -> tuple[socket.socket, str]:
    """A port something listens on (what the pipeline checks before it hands the address to Dask)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock, f"tcp://127.0.0.1:{sock.getsockname()[1]}"


def test_a_given_scheduler_is_used_as_it_is(monkeypatch):
    monkeypatch.delenv(ADDRESS_ENV, raising=False)
    given, address = _listening()
    handed, env_address = _listening()
    with given, handed:
        runner = RunnerParams(kind="dask", dask_address=address)
        with run_cluster(runner) as chosen:  # nothing started, nothing stopped
            assert chosen.dask_address == address
            assert cluster_env(chosen) == {ADDRESS_ENV: address}
        # a stage that DVC started inside `repro` joins the repro's cluster
        monkeypatch.setenv(ADDRESS_ENV, env_address)
        with run_cluster(RunnerParams(kind="dask")) as chosen:
            assert chosen.dask_address == env_address
        with run_cluster(runner) as chosen:  # params.yaml's address wins
            assert chosen.dask_address == address


def test_a_scheduler_that_does_not_answer_is_one_line(monkeypatch):
    monkeypatch.delenv(ADDRESS_ENV, raising=False)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(ClusterError) as err:
        with run_cluster(RunnerParams(kind="dask", dask_address=address)):
            raise AssertionError("the run must not start")
    assert address in str(err.value) and "runner.dask_address" in str(err.value)


def test_the_dask_runner_needs_the_runs_scheduler():
    with pytest.raises(ValueError, match="run_cluster"):
        task_runner(RunnerParams(kind="dask"))
    assert task_runner(RunnerParams(kind="dask", dask_address="tcp://127.0.0.1:1")).address == "tcp://127.0.0.1:1"


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_a_local_cluster_lives_as_long_as_the_run(monkeypatch):
    from distributed import Client

    monkeypatch.delenv(ADDRESS_ENV, raising=False)
    with run_cluster(RunnerParams(kind="dask", dask_workers=1)) as chosen:
        assert chosen.dask_address.startswith("tcp://127.0.0.1:")
        with Client(chosen.dask_address, timeout=30) as client:
            pids = list(client.run(os.getpid).values())
            assert list(client.nthreads().values()) == [1]
    assert len(pids) == 1 and pids[0] != os.getpid()  # a worker process of its own
    deadline = time.monotonic() + 30
    while _alive(pids[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pids[0]), "the local cluster's worker outlived the run"
    with pytest.raises(OSError):
        Client(chosen.dask_address, timeout=2)
