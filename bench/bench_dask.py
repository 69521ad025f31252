"""The entities stage on a Dask cluster of 2 workers against 1 worker (issue: >= 1.7x).

    python -m bench.bench_dask [--mb 2] [--repeat 2]

A project gets the ingest bench's generated corpus (--mb of text, mixed formats);
ingest, dedup and clean run once on threads. Then two local clusters are started
side by side with the pipeline's own code (pipeline.core.cluster, as `run --runner
dask` starts one), of 1 and of 2 worker processes of one thread each (as `dask worker
--nthreads 1`), and `python -m pipeline run entities` runs on each in turn
(runner.kind dask, the scheduler handed over in PIPELINE_DASK_ADDRESS as `repro`
does), interleaved so that a noisy moment of the shared host hits both. The first
run on a cluster includes each worker loading the model (shown apart); the figures
are the median of the --repeat later, warm runs, as on a cluster that serves run
after run. Printed per cluster: the stage's flow time, and its model tasks alone
(first unit sent to last one back: the part the workers share; reading the tables,
the Russian model, resolving entities and writing stay in the flow's process). The
threads runner, with the stage's own pool of `entities.n_process` (2) processes, is
measured in the same rounds as a reference. "cores used": the workers' CPU seconds
over the model tasks' wall seconds (2 workers on a host of 2 cores that other work
shares get less than 2). Every run must write the same four tables, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from distributed import Client

from bench.bench_ingest import generate
from bench.common import make_project, row, timed
from pipeline.core.cluster import run_cluster
from pipeline.core.runner import RunnerParams

CLUSTERS = (1, 2)  # worker processes


def entities_digest(project: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((project / "data" / "entities").glob("*.parquet/part-*.parquet")):
        h.update(path.read_bytes())
    return h.hexdigest()


@contextmanager
def quiet_workers():
    """Worker processes started in this block log warnings only (they take the environment
    of their start; the stage processes started later keep Prefect's INFO lines)."""
    before = os.environ.get("PREFECT_LOGGING_LEVEL")
    os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_LOGGING_LEVEL")
        else:
            os.environ["PREFECT_LOGGING_LEVEL"] = before


def workers_cpu(client) -> float:
    """CPU seconds the cluster's worker processes have used so far."""
    return sum(client.run(time.process_time).values()) if client else 0.0


def run_entities(project: Path, client=None, **env) -> tuple[float, float | None, float]:
    """(flow seconds, seconds of the model's units on the cluster or None, the workers' CPU seconds)
    of one entities run."""
    runner = [] if env else ["--runner", "threads"]
    cpu = workers_cpu(client)
    _, proc = timed([sys.executable, "-m", "pipeline", "run", "entities", *runner], project, **env)
    cpu = workers_cpu(client) - cpu
    flow_s = float(re.search(r"entities: done in ([0-9.]+)s", proc.stdout).group(1))
    units = re.findall(r"entities model: (\d+)/\1 partitions done \(([0-9.]+)s\)", proc.stderr)
    return flow_s, float(units[-1][1]) if units else None, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2)
    ap.add_argument("--repeat", type=int, default=2, help="warm runs on each cluster (after the first)")
    args = ap.parse_args()
    n_files = max(50, int(args.mb * 200))  # the ingest bench's 5 KB per file
    runs: dict[str, list[tuple[float, float | None, float]]] = {}
    cold: dict[str, tuple[float, float | None, float]] = {}
    loads: list[float] = []
    digests = set()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", seeds=None)
        nbytes = generate(project / "seeds", args.mb, n_files)
        timed([sys.executable, "-m", "pipeline", "server", "start"], project, PREFECT_API_URL="")
        try:
            timed([sys.executable, "-m", "pipeline", "run", "ingest", "dedup", "clean"], project)
            params = (project / "params.yaml").read_text()
            (project / "params.yaml").write_text(params.replace("\n  kind: threads", "\n  kind: dask"))
            with ExitStack() as stack:  # the pipeline's own local clusters, both up until the end
                with quiet_workers():  # the workers print no task-run lines (the runs' output is parsed)
                    clusters = {n: stack.enter_context(run_cluster(RunnerParams(kind="dask", dask_workers=n)))
                                for n in CLUSTERS}
                clients = {n: stack.enter_context(Client(r.dask_address)) for n, r in clusters.items()}
                for round_ in range(args.repeat + 1):
                    for n, runner in clusters.items():
                        label = f"{n} worker{'s' * (n > 1)}"
                        result = run_entities(project, clients[n], PIPELINE_DASK_ADDRESS=runner.dask_address)
                        loads.append(os.getloadavg()[0])
                        if round_:
                            runs.setdefault(label, []).append(result)
                        else:
                            cold[label] = result
                        digests.add(entities_digest(project))
                    if round_:
                        runs.setdefault("threads", []).append(run_entities(project))
                        digests.add(entities_digest(project))
        finally:
            timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    words = nbytes / 6  # about six bytes a word in this corpus
    print(f"bench_dask: {n_files:,} files, {nbytes / 2**20:.1f} MB (~{words / 1000:.0f}k words); entities stage, "
          f"median of {args.repeat} warm run(s) per cluster (first run, with the model's load, in brackets)")
    med = {k: tuple(statistics.median(r[i] for r in v) if v[0][i] is not None else None for i in range(3))
           for k, v in runs.items()}
    row("cluster", f"{'stage s':>14} {'model tasks s':>16} {'cores used':>11}")
    for n in CLUSTERS:
        label = f"{n} worker{'s' * (n > 1)}"
        (flow_s, units_s, cpu_s), (cold_f, cold_u, _) = med[label], cold[label]
        row(f"Dask, {label}", f"{flow_s:6.1f} ({cold_f:5.1f}) {units_s:7.1f} ({cold_u:5.1f}) {cpu_s / units_s:11.2f}")
    row("threads runner, entities.n_process 2 (reference)", f"{med['threads'][0]:6.1f}")
    row("host load average (1 min) after the Dask runs", f"{min(loads):.1f} to {max(loads):.1f}")
    one, two = med["1 worker"], med["2 workers"]
    row("2 workers / 1 worker, stage (target >= 1.7x)", f"{one[0] / two[0]:.2f}x")
    row("2 workers / 1 worker, model tasks", f"{one[1] / two[1]:.2f}x")
    row("Dask 2 workers / threads runner, stage", f"{med['threads'][0] / two[0]:.2f}x")
    row("entities tables identical in every run", "yes" if len(digests) == 1 else f"NO ({len(digests)} versions)")


if __name__ == "__main__":
    main()
