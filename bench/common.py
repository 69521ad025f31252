"""Helpers for benchmarks: timing, peak memory of child processes, corpora."""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.core.paths import CORPUS_FILES  # noqa: E402
from tests.conftest import make_project, venv_env  # noqa: E402  (one project-copy helper for tests and benches)


def timed(cmd, cwd, **env) -> tuple[float, subprocess.CompletedProcess]:
    """Run `cmd` in `cwd`; (seconds, its completed process). Each stage runs in a process of its own
    (PIPELINE_STAGE_HOST=0) unless `env` says otherwise, so the benches that measure a stage's
    process (its time, its peak memory) measure the stage, not a caller waiting for the stage host."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=venv_env(**{"PIPELINE_STAGE_HOST": "0", **env}), capture_output=True,
                          text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed, proc


def children_peak_rss_mb() -> float:
    """Largest resident set of any finished child process so far (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def seed_vocabulary() -> list[str]:
    words = []
    for f in sorted((REPO / "seeds").glob("*")):
        if f.name in CORPUS_FILES:
            continue  # the corpus's profile and gazetteer, not documents
        words += re.findall(r"[A-Za-z][a-z']+|[0-9]+", f.read_text(encoding="utf-8"))
    return words  # with repetitions: sampling keeps realistic word frequencies


def fake_paragraph(rng: random.Random, words: list[str], n_words: int) -> str:
    out = []
    for i in range(n_words):
        w = rng.choice(words)
        out.append(w.capitalize() if i == 0 or out[-1].endswith(".") else w)
        if rng.random() < 0.07:
            out[-1] += "."
    return " ".join(out) + "."


def row(label: str, value: str) -> None:
    print(f"  {label:<48} {value}")
