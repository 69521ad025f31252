"""bench/run_all.py's command line: --help explains, an unknown name is an error (no benchmark runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench.run_all", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60)


def test_help_lists_every_benchmark_and_runs_none():
    proc = _run("--help")
    assert proc.returncode == 0
    names = sorted(p.stem.removeprefix("bench_") for p in (REPO / "bench").glob("bench_*.py"))
    assert proc.stdout.strip().endswith("benchmarks: " + " ".join(names))
    assert "===" not in proc.stdout  # nothing ran


def test_unknown_benchmark_name_is_an_error_naming_the_known_ones():
    proc = _run("clean", "nosuch")
    assert proc.returncode == 2
    assert "no benchmark named nosuch" in proc.stderr and "dedup" in proc.stderr
    assert "===" not in proc.stdout
