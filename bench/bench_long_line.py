"""One very long line against the same bytes in normal lines: ingest and dedup time.

    python -m bench.bench_long_line [--mb 50] [--repeat 1]

A web page saved without line breaks, a JSON dump, a PDF's text layer: a document can be one line
of tens of megabytes. The issue "100,000 documents on one machine" asks that dedup on a 50 MB
single-line document cost at most twice what it costs on the same bytes split into normal lines.

What runs: two projects whose seeds/ hold one document each, built from the same paragraphs (the
seeds' words in the seeds' frequencies, `bench.common.fake_paragraph`, a tenth of them repeated
elsewhere in the text, so dedup has repeats to find):
- `one line`: the paragraphs joined by spaces, no line break at all;
- `lines` (the baseline, same run): the same paragraphs joined by blank lines.
`python -m pipeline run ingest dedup` runs in each (the repo's code and params), its Prefect server
stopped afterwards; the stage times are the CLI's `<stage>: done in N s`, the peak memory the
largest of the run's processes. Printed: both sides and the ratios (target: dedup <= 2x).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_casualties import pipeline_env, stage_times
from bench.common import REPO, fake_paragraph, row, seed_vocabulary

TARGET = 2.0


def paragraphs(mb: float, seed: int = 0) -> list[str]:
    """Paragraphs of 40-200 words until `mb` megabytes; one in ten repeats an earlier one."""
    rng = random.Random(seed)
    words = seed_vocabulary()
    out: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        p = rng.choice(out) if out and rng.random() < 0.1 else fake_paragraph(rng, words, rng.randint(40, 200))
        out.append(p)
        size += len(p) + 2
    return out


def project(dest: Path, text: str) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(REPO / "dvc.yaml", dest / "dvc.yaml")
    shutil.copy2(REPO / "params.yaml", dest / "params.yaml")
    (dest / "seeds").mkdir()
    (dest / "seeds" / "document.txt").write_text(text, encoding="utf-8")
    return dest


def run(dest: Path) -> tuple[dict[str, float], float]:
    """(stage times, wall seconds) of ingest and dedup in `dest`; its Prefect server stopped."""
    env = pipeline_env(dest)
    started = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", "ingest", "dedup"], cwd=dest, env=env,
                              capture_output=True, text=True)
    finally:
        subprocess.run([sys.executable, "-m", "pipeline", "server", "stop"], cwd=dest, env=env,
                       capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"the pipeline failed in {dest}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return stage_times(proc.stdout + proc.stderr), wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="size of the document (default 50 MB)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each side, interleaved (the median is shown)")
    args = ap.parse_args(argv)
    paras = paragraphs(args.mb)
    sides = {"lines": "\n\n".join(paras) + "\n", "one line": " ".join(paras) + "\n"}
    print(f"bench_long_line: one document of {len(sides['one line']) / 1e6:.1f} MB, {len(paras):,} paragraphs")
    times: dict[str, list[dict[str, float]]] = {k: [] for k in sides}
    with tempfile.TemporaryDirectory(prefix="bench-long-line-") as tmp:
        for r in range(args.repeat):
            for name, text in sides.items():
                dest = project(Path(tmp) / f"{name.replace(' ', '-')}-{r}", text)
                stages, wall = run(dest)
                stages["wall"] = wall
                times[name].append(stages)
                shutil.rmtree(dest, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def median(name: str, key: str) -> float:
        values = sorted(t.get(key, float("nan")) for t in times[name])
        return values[len(values) // 2]

    for key in ("ingest", "dedup", "wall"):
        base, one = median("lines", key), median("one line", key)
        row(f"{key}: lines / one line", f"{base:6.1f} s / {one:6.1f} s   ratio {one / base:4.2f}")
    ratio = median("one line", "dedup") / median("lines", "dedup")
    row("peak memory (largest process)", f"{peak:,.0f} MB")
    print(f"  dedup on one line / on lines: {ratio:.2f} (target <= {TARGET:g}: {'ok' if ratio <= TARGET else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
