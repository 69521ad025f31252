"""The pipeline on a Dask cluster started the way a cluster is started: `dask scheduler` and two
`dask worker` processes (loopback, ports of their own choosing, one thread each, no dashboard),
named to the pipeline by `runner.dask_address`. Every stage's tasks run on those two workers (the
scheduler's task stream says where each ran), each worker loads the entities model once, and the
tables equal a threads build of the same project row for row."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.stages import STAGES, table_stages
from tests.conftest import run, venv_env

pytestmark = pytest.mark.slow


def stage_tasks() -> dict[str, set[str]]:
    """The task functions each stage's flow module declares (what a Dask key is named after)."""
    from prefect import Task

    out = {}
    for name, stage in STAGES.items():
        module = importlib.import_module(stage.flow.partition(":")[0])
        out[name] = {obj.fn.__name__ for obj in vars(module).values() if isinstance(obj, Task)}
    return out


class Cluster:
    """A scheduler and workers as separate processes, each stopped by its own PID."""

    def __init__(self, folder: Path, env: dict):
        self.folder, self.env, self.procs, self.worker_pids = folder, env, [], []
        self.address = ""

    def _start(self, name: str, cmd: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "w")
        proc = subprocess.Popen(cmd, cwd=self.folder, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(proc)
        return proc

    def start(self, n_workers: int) -> None:
        dask = str(Path(sys.executable).parent / "dask")
        info = self.folder / "scheduler.json"
        scheduler = self._start("scheduler", [dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                              "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
                                              "--scheduler-file", str(info)])
        deadline = time.monotonic() + 120
        while not (info.is_file() and info.stat().st_size):
            assert scheduler.poll() is None and time.monotonic() < deadline, self.logs()
            time.sleep(0.1)
        self.address = json.loads(info.read_text())["address"]
        for i in range(n_workers):
            self._start(f"worker-{i}", [dask, "worker", self.address, "--name", f"worker-{i}", "--nthreads", "1",
                                        "--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"])

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(self.folder.glob("*.log")))

    def stop(self) -> None:
        """SIGTERM to each process we started (workers first), SIGKILL to any that does not end; then
        the worker processes their nannies started, by PID, should one have outlived its nanny."""
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while [p for p in self.worker_pids if _alive(p)] and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.worker_pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def tables(project: Path) -> dict[str, pd.DataFrame]:
    return {str(p.relative_to(project / "data")): pq.read_table(p).to_pandas()
            for stage in table_stages() for p in sorted((project / "data" / stage).glob("*.parquet"))}


def test_every_stage_runs_on_a_separately_started_cluster(project, tmp_path):
    from dask.utils import key_split
    from distributed import Client

    # the workers (and the scheduler, which unpickles the task graph) import this project's code
    cluster = Cluster(tmp_path, venv_env(PYTHONPATH=str(project)))
    client = None
    try:
        cluster.start(n_workers=2)  # boots while the threads build runs
        run([sys.executable, "-m", "pipeline", "run", *table_stages()], project)
        threads = tables(project)
        # the stores of entities and facts would answer every document: the cluster is to do all the work
        shutil.rmtree(project / ".pipeline-cache")

        client = Client(cluster.address, timeout=60)
        client.wait_for_workers(2, timeout=120)
        cluster.worker_pids = list(client.run(os.getpid).values())
        workers = set(client.nthreads())
        assert len(workers) == 2 and set(client.nthreads().values()) == {1}
        code = {*client.run(lambda: __import__("pipeline").__file__).values(),
                client.run_on_scheduler(lambda: __import__("pipeline").__file__)}
        assert code == {str(project / "pipeline" / "__init__.py")}
        assert not client.get_task_stream()  # the scheduler records every task from now on

        params = (project / "params.yaml").read_text()
        assert "\n  kind: threads" in params
        (project / "params.yaml").write_text(
            params.replace("\n  kind: threads", f"\n  kind: dask\n  dask_address: {cluster.address}"))
        out = run([sys.executable, "-m", "pipeline", "run", "all"], project)
        assert all(f"{stage}: done" in out.stdout for stage in STAGES), out.stdout
        assert "Creating a new Dask cluster" not in out.stderr  # the given scheduler, never a cluster of ours

        stream = client.get_task_stream()
        ran: dict[str, set[str]] = {}  # task function -> the workers it ran on
        for record in stream:
            ran.setdefault(key_split(record["key"]), set()).add(record["worker"])
        assert set().union(*ran.values()) == workers, ran  # both workers, and nothing else
        declared = stage_tasks()
        for stage, names in declared.items():
            if stage != "report":  # the report is one step of its flow: no tasks to send
                assert names & set(ran), f"no task of {stage} ran on the cluster: {ran}"
        assert set(ran) <= set().union(*declared.values()), ran
        # the entities model: on both workers, loaded once by each
        assert ran["recognise_unit"] == workers
        loads = client.run(lambda: __import__("pipeline.core.worker_cache").core.worker_cache.builds())
        for worker, built in loads.items():
            assert [n for k, n in built.items() if k[0] == "entities-model"] == [1], (worker, built)

        dask_tables = tables(project)
        assert dask_tables.keys() == threads.keys() and len(threads) >= 20
        for name, expected in threads.items():
            pd.testing.assert_frame_equal(dask_tables[name], expected, obj=name)
    except AssertionError as exc:
        raise AssertionError(f"{exc}\n{cluster.logs()}") from None
    finally:
        if client is not None:
            client.close()
        cluster.stop()
    assert not [p for p in cluster.worker_pids if _alive(p)]
