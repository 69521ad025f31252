"""Does a second worker thread help? Each stage with 1 and with 2 worker threads.

    python -m bench.bench_runner [--mb 40] [--repeat 2] [--stages ingest dedup clean]

The stages' work is mostly pure Python, which holds the GIL: two worker
threads on two cores can be slower than one (they take the GIL from each
other), while one worker still overlaps with the flow's own thread, which
writes Parquet (pyarrow releases the GIL). This measures it per stage, on the
ingest bench's generated corpus (mixed encodings and formats), each stage run
as a user runs it (`python -m pipeline run STAGE --workers N`) against one
running server, the two settings interleaved so a noisy moment hits both.
Prints the flow time per stage (median of the repeats) and the ratio 2 / 1.
The corpus must be several partitions large for the workers to matter (clean:
16 MB each, dedup: 50k passages); entities and facts (slow per MB, and they
need the stages before them) are left out by default.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from bench.bench_ingest import generate
from bench.common import make_project, row, timed

STAGES = ("ingest", "dedup", "clean", "entities", "facts")  # pipeline order


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=40)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--stages", nargs="+", choices=STAGES, default=["ingest", "dedup", "clean"],
                    help="stages measured (each needs the ones before it in the list)")
    args = ap.parse_args()
    stages = [s for s in STAGES if s in args.stages]
    n_files = max(50, int(args.mb * 200))  # the ingest bench's 5 KB per file
    flows: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", seeds=None)
        nbytes = generate(project / "seeds", args.mb, n_files)
        timed([sys.executable, "-m", "pipeline", "server", "start"], project, PREFECT_API_URL="")
        try:
            for stage in stages:
                for _ in range(args.repeat):
                    for workers in ("1", "2"):
                        _, proc = timed([sys.executable, "-m", "pipeline", "run", stage, "--runner", "threads",
                                         "--workers", workers], project)
                        secs = float(re.search(rf"{stage}: done in ([0-9.]+)s", proc.stdout).group(1))
                        flows.setdefault((stage, workers), []).append(secs)
        finally:
            timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    print(f"bench_runner: {n_files:,} files, {nbytes / 2**20:.1f} MB; flow seconds, "
          f"median of {args.repeat} (threads runner)")
    row("stage", f"{'1 worker':>9} {'2 workers':>10} {'2 / 1':>7}")
    total = {"1": 0.0, "2": 0.0}
    for stage in stages:
        one, two = (statistics.median(flows[(stage, w)]) for w in ("1", "2"))
        total["1"] += one
        total["2"] += two
        row(stage, f"{one:9.1f} {two:10.1f} {two / one:7.2f}")
    row("together", f"{total['1']:9.1f} {total['2']:10.1f} {total['2'] / total['1']:7.2f}")


if __name__ == "__main__":
    main()
