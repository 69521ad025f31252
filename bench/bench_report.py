"""Report generation time on the seeds and on a 10k-document corpus.

The seeds: the real tables of a `dvc repro`. At scale: every stage table of
the seeds replicated 2,000 times (5 x 2,000 = 10k documents) with every id
suffixed per copy, so the report meets 10k documents with real text, real
offsets and the real mix of repeats, entities and figures; the copies are
written as the stages write their tables (zstd, row groups of 16,384 rows).
The baseline in the same run is the seed report; the ratio says how generation
time grows. Peak memory is the report process's own (not the `dvc repro` that
built the seeds). Targets (issue 7): <= 10 s for the seeds, <= 60 s for 10k
documents.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import make_project, row, timed
from tests.conftest import replicate

# runs a command and reports the peak resident set of its process tree (Linux: KiB)
PEAK_SHIM = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
             "print('peak_rss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
             "sys.exit(rc)")


def run_report(project: Path, api: str) -> tuple[float, float, float]:
    """(whole process s, flow s as the CLI prints it, peak MB) of `pipeline run report`."""
    total, proc = timed([sys.executable, "-c", PEAK_SHIM, sys.executable, "-m", "pipeline", "run", "report"],
                        project, PREFECT_API_URL=api)
    flow_s = float(re.search(r"report: done in ([0-9.]+)s", proc.stdout).group(1))
    peak = int(re.search(r"peak_rss_kib (\d+)", proc.stderr).group(1)) / 1024
    return total, flow_s, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2000, help="seed corpus copies (5 documents each)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_project(Path(tmp) / "seeds")
        timed([sys.executable, "-m", "pipeline", "server", "start"], seeds, PREFECT_API_URL="")
        api = (seeds / ".prefect" / "server.json").read_text().split('"')[3]
        timed([sys.executable, "-m", "dvc", "repro"], seeds, PREFECT_API_URL=api)
        seed_s, seed_flow, seed_peak = run_report(seeds, api)
        seed_pages = pdf_pages(seeds / "reports" / "report.pdf")
        seed_mb = (seeds / "reports" / "report.html").stat().st_size / 2**20

        big = make_project(Path(tmp) / "big", seeds=None)
        t0 = time.perf_counter()
        replicate(seeds, big, args.copies)
        build_s = time.perf_counter() - t0
        big_s, big_flow, big_peak = run_report(big, api)
        csv_mb = sum(f.stat().st_size for f in (big / "reports" / "tables").rglob("*.csv")) / 2**20
        big_pages = pdf_pages(big / "reports" / "report.pdf")
        html_mb = (big / "reports" / "report.html").stat().st_size / 2**20
        timed([sys.executable, "-m", "pipeline", "server", "stop"], seeds)
    n_docs = 5 * args.copies
    print("bench_report: report stage (HTML + PDF + metrics + CSV tables)")
    row("seeds (5 documents): whole process", f"{seed_s:6.1f} s   target <= 10 s")
    row("seeds: flow only", f"{seed_flow:6.1f} s   ({seed_pages} PDF pages, HTML {seed_mb:.2f} MB)")
    row("seeds: peak memory (report process)", f"{seed_peak:6.0f} MB")
    row(f"{n_docs:,} documents: whole process", f"{big_s:6.1f} s   target <= 60 s")
    row(f"{n_docs:,} documents: flow only", f"{big_flow:6.1f} s   ({big_pages} PDF pages, HTML {html_mb:.1f} MB)")
    row(f"{n_docs:,} documents: peak memory (report process)", f"{big_peak:6.0f} MB")
    row(f"{n_docs:,} documents: full tables as CSV", f"{csv_mb:6.0f} MB")
    row(f"ratio {n_docs:,} documents / seeds (flow)", f"{big_flow / seed_flow:6.1f} x")
    row(f"ratio {n_docs:,} documents / seeds (peak)", f"{big_peak / seed_peak:6.1f} x")
    row("(building the replicated tables, not timed above)", f"{build_s:6.1f} s")


def pdf_pages(path: Path) -> int | str:
    """Page count via poppler's pdfinfo (installed by the test set-up)."""
    import subprocess

    if not shutil.which("pdfinfo"):
        return "?"
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else "?"


if __name__ == "__main__":
    main()
