"""Ingest throughput and peak memory on a generated 100 MB corpus of 20k files.

Mixed like a real drop: mostly UTF-8 text, some cp1251 and KOI8-R Russian,
UTF-16, Markdown and HTML, plus a few broken files. The stage runs as a user
runs it (`python -m pipeline run ingest`, a real Prefect server); the
baseline, in the same run, is the least any reader must do: read every file
and decode it as UTF-8.
Targets (issue 2): >= 20 MB/s, peak memory <= 1 GB.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import children_peak_rss_mb, fake_paragraph, make_project, row, seed_vocabulary, timed

RUSSIAN = ("Полиция открыла огонь по бастующим нефтяникам в Жанаозене. По официальным данным "
           "погибли шестнадцать человек, очевидцы говорят о десятках погибших. ").split()


def generate(folder: Path, total_mb: float, n_files: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    words = seed_vocabulary()
    per_file = int(total_mb * 1024 * 1024 / n_files)
    written = 0
    for i in range(n_files):
        sub = folder / f"batch{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        paras, size = [], 0
        kind = rng.random()
        while size < per_file:
            if kind < 0.06:
                p = " ".join(rng.choice(RUSSIAN) for _ in range(rng.randint(20, 120))) + "."
            else:
                p = fake_paragraph(rng, words, rng.randint(15, 160))
            paras.append(p)
            size += len(p) + 2
        text = "Title of document %d\n\n" % i + "\n\n".join(paras) + "\n"
        if kind < 0.03:
            name, data = f"doc{i:05d}.txt", text.encode("cp1251")
        elif kind < 0.06:
            name, data = f"doc{i:05d}.txt", text.encode("koi8_r")
        elif kind < 0.08:
            name, data = f"doc{i:05d}.txt", text.encode("utf-16")
        elif kind < 0.15:
            name = f"doc{i:05d}.html"
            body = "".join(f"<p>{p}</p>\\n" for p in paras)
            data = (f"<html><head><title>Doc {i}</title><script>var x={i};</script></head>"
                    f"<body>{body}</body></html>").encode()
        elif kind < 0.25:
            name, data = f"doc{i:05d}.md", ("# Doc %d\n\n" % i + text).encode()
        elif kind < 0.252:
            name, data = f"doc{i:05d}.txt", bytes(rng.getrandbits(8) for _ in range(2000))
        else:
            name, data = f"doc{i:05d}.txt", text.encode()
        (sub / name).write_bytes(data)
        written += len(data)
    return written


def baseline(folder: Path) -> float:
    started = time.perf_counter()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            f.read_bytes().decode("utf-8", errors="replace")
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--files", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each runner (median and best shown)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", seeds=None)
        corpus = project / "seeds"
        t0 = time.perf_counter()
        nbytes = generate(corpus, args.mb, args.files)
        gen_s = time.perf_counter() - t0
        timed([sys.executable, "-m", "pipeline", "server", "start"], project, PREFECT_API_URL="")
        base_s = baseline(corpus)
        base_s = min(base_s, baseline(corpus))  # warm page cache for both
        configs = (("threads", "1"), ("threads", "2"), ("processes", "2"))
        times: dict[tuple[str, str], list[tuple[float, float]]] = {c: [] for c in configs}
        peaks: dict[tuple[str, str], float] = {}
        for round_ in range(args.repeat):  # interleaved: a noisy moment hits every runner alike
            for runner, workers in configs:
                stage_s, proc = timed([sys.executable, "-m", "pipeline", "run", "ingest", "--runner", runner,
                                       "--workers", workers], project)
                flow_s = float(re.search(r"ingest: done in ([0-9.]+)s", proc.stdout).group(1))
                times[(runner, workers)].append((stage_s, flow_s))
                if round_ == 0:  # the first round runs them in this order: the peak so far is theirs
                    peaks[(runner, workers)] = children_peak_rss_mb()
        summary = re.search(r"ingest: done in .*", proc.stdout).group(0)
        timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    mb = nbytes / 2**20
    print(f"bench_ingest: {args.files:,} files, {mb:.1f} MB (generated in {gen_s:.1f}s)")
    row("baseline: read + UTF-8 decode every file", f"{base_s:6.1f} s  {mb / base_s:6.1f} MB/s")
    print(f"  each runner run {args.repeat} times, interleaved; median (best)")
    for (runner, workers), runs in times.items():
        stage = statistics.median(t for t, _ in runs), min(t for t, _ in runs)
        flow = statistics.median(f for _, f in runs), min(f for _, f in runs)
        print(f"  runner {runner}, {workers} worker{'s' * (workers != '1')}:")
        row("  stage, whole process (python -m pipeline run)",
            f"{stage[0]:6.1f} s  {mb / stage[0]:6.1f} MB/s ({mb / stage[1]:.1f})")
        row("  stage, flow only",
            f"{flow[0]:6.1f} s  {mb / flow[0]:6.1f} MB/s ({mb / flow[1]:.1f})   target >= 20 MB/s")
        row("  ratio stage flow / baseline (time)", f"{flow[0] / base_s:6.1f} x")
        row("  peak memory (largest process so far)",
            f"{peaks[(runner, workers)]:6.0f} MB          target <= 1024 MB")
    print(f"  {summary}")


if __name__ == "__main__":
    main()
