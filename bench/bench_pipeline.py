"""Cold and no-op `dvc repro` on the seeds, with a breakdown by stage.

Cold: a fresh project copy after set-up (the Prefect database exists, the
server is not running), as after README command one; the stages after the
first are run by the warm stage host (pipeline/core/stage_host.py), and the
same build with each stage in its own process is measured beside it. Baseline in the same
run: the same six flows in one process against a running server, so the
ratios show what DVC's one-process-per-stage costs.
Targets (issue 2): cold <= 30 s, no-op <= 2 s.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from bench.common import make_project, row, timed


def one_process_baseline(project: Path, api: str) -> float:
    """The same six flows in one process (`python -m pipeline run all`), against
    the same running server: what is left is the cost of DVC running each
    stage as its own process."""
    elapsed, _ = timed([sys.executable, "-m", "pipeline", "run", "all"], project, PREFECT_API_URL=api)
    return elapsed


def cold_repro(project: Path, host: bool = True) -> tuple[float, float, list[tuple[str, str]]]:
    """(wall seconds, seconds starting Prefect, [(stage, flow seconds)]). `host`: the stages after the
    first are run by the warm stage host, as for a user (pipeline/core/stage_host.py); else each in a
    process of its own."""
    cold, proc = timed([sys.executable, "-m", "dvc", "repro"], project, PREFECT_API_URL="",
                       PIPELINE_STAGE_HOST="1" if host else "0")
    out = proc.stdout + proc.stderr
    server = re.search(r"started the local Prefect server in ([0-9.]+)s", out)
    stages = re.findall(r"^(\w+): done in ([0-9.]+)s", out, re.M)
    return cold, float(server.group(1)) if server else 0.0, stages


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # as after README command one: set-up created the Prefect database
        project = make_project(Path(tmp) / "project")
        init_s, _ = timed([sys.executable, "-m", "pipeline", "server", "init"], project)
        cold, start_s, stages = cold_repro(project)
        noop, proc2 = timed([sys.executable, "-m", "dvc", "repro"], project, PREFECT_API_URL="", PIPELINE_STAGE_HOST="1")
        assert "Running stage" not in proc2.stdout, "no-op repro ran a stage"
        api = (project / ".prefect" / "server.json").read_text().split('"')[3]
        warm, _ = timed([sys.executable, "-m", "dvc", "repro"], make_project(Path(tmp) / "warm"),
                        PREFECT_API_URL=api)
        base = one_process_baseline(make_project(Path(tmp) / "one-process"), api)
        timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
        # the same cold build with each stage in its own process (imports paid six times)
        apart = make_project(Path(tmp) / "apart")
        timed([sys.executable, "-m", "pipeline", "server", "init"], apart)
        apart_cold, _, _ = cold_repro(apart, host=False)
        timed([sys.executable, "-m", "pipeline", "server", "stop"], apart)
        # no set-up at all: the first run also creates the Prefect database
        bare = make_project(Path(tmp) / "bare")
        bare_cold, bare_start, _ = cold_repro(bare)
        timed([sys.executable, "-m", "pipeline", "server", "stop"], bare)
    print("bench_pipeline: dvc repro on seeds/ (2-core machine)")
    row("cold dvc repro (fresh clone after set-up)", f"{cold:6.1f} s   target <= 30 s")
    row("  of which starting the local Prefect server", f"{start_s:6.1f} s   ({start_s / cold:.0%} of cold)")
    for name, secs in stages:
        row(f"  stage {name} (flow run, inside its process)", f"{float(secs):6.1f} s")
    rest = cold - start_s - sum(float(s) for _, s in stages)
    row("  process start, imports, dvc bookkeeping", f"{rest:6.1f} s   ({rest / cold:.0%} of cold)")
    row("cold, each stage in its own process (host off)", f"{apart_cold:6.1f} s   ({apart_cold / cold:.2f}x the cold"
        " build; PIPELINE_STAGE_HOST=0)")
    row("set-up step: create the Prefect database", f"{init_s:6.1f} s   (once per clone)")
    row("cold dvc repro without that set-up step", f"{bare_cold:6.1f} s   (Prefect start {bare_start:.1f} s)")
    row("warm dvc repro (server already running)", f"{warm:6.1f} s")
    row("no-op dvc repro", f"{noop:6.2f} s   target <= 2 s")
    row("baseline: the same flows in one process (run all)", f"{base:6.1f} s")
    row("ratio cold / baseline", f"{cold / base:6.1f} x")
    row("ratio warm / baseline", f"{warm / base:6.1f} x")


if __name__ == "__main__":
    main()
