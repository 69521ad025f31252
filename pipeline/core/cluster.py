"""One Dask cluster for a whole run, whichever stages and processes the run has.

A stage flow on the Dask runner connects to a scheduler; it never starts one.
`run_cluster` decides which scheduler a run uses, once:

- `runner.dask_address` (params.yaml): a cluster started elsewhere (`dask scheduler`,
  `dask worker tcp://...`), used as it is, never started nor stopped here (if nothing
  answers there, one line says so before any work: `ClusterError`);
- otherwise a local cluster of `runner.dask_workers` worker processes (one thread
  each), started when the block begins and closed when it ends, so no process of
  it outlives the run (its workers also exit if this process is killed: Dask's
  nanny pipe).

`python -m pipeline repro` holds the block around `dvc repro` and hands the address
to the stage processes DVC starts through PIPELINE_DASK_ADDRESS, so a repro starts
one local cluster for all its stages rather than one per stage.
"""

from __future__ import annotations

import logging
import os
import socket
from contextlib import contextmanager
from typing import Iterator

from pipeline.core.runner import RunnerParams

ADDRESS_ENV = "PIPELINE_DASK_ADDRESS"  # the scheduler of the run in progress (set by `repro`)


@contextmanager
def run_cluster(runner: RunnerParams) -> Iterator[RunnerParams]:
    """`runner` with `dask_address` naming the run's scheduler (kind dask), or as it is."""
    if runner.kind != "dask":
        yield runner
        return
    address = runner.dask_address or os.environ.get(ADDRESS_ENV)
    if address:
        check_reachable(address, "runner.dask_address" if runner.dask_address else ADDRESS_ENV)
        yield runner.model_copy(update={"dask_address": address})
        return
    from distributed import LocalCluster

    chatty = logging.getLogger("distributed")  # the scheduler runs in this process: its INFO lines
    level = chatty.level                       # (each client, each worker) would fill the run's output
    chatty.setLevel(logging.WARNING)
    try:
        # loopback only; no dashboard, and its HTTP endpoint on a free port, not on 8787
        with LocalCluster(n_workers=runner.dask_workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address="127.0.0.1:0",
                          scheduler_kwargs={"dashboard": False}) as cluster:
            yield runner.model_copy(update={"dask_address": cluster.scheduler_address})
    finally:
        chatty.setLevel(level)


class ClusterError(RuntimeError):
    """The scheduler the run was given does not answer; the message says what to do."""


def check_reachable(address: str, source: str = "runner.dask_address", timeout: float = 5.0) -> None:
    """One line before any work, not a traceback from the first stage's Dask client, when
    nothing listens at a tcp:// address (other protocols are left to Dask)."""
    scheme, _, rest = address.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme != "tcp" or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ClusterError(f"no Dask scheduler answers at {address} ({source}): {exc.strerror or exc}. "
                           "Start one (README: Running on a cluster), or remove runner.dask_address to "
                           "run on a local cluster") from None


def cluster_env(runner: RunnerParams) -> dict[str, str]:
    """What a child process of the run (a stage DVC starts) needs to join the run's cluster."""
    return {ADDRESS_ENV: runner.dask_address} if runner.kind == "dask" and runner.dask_address else {}
