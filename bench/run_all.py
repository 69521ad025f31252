"""Run every benchmark under bench/ in turn and print their figures.

Each bench_*.py measures its own baseline in the same run and prints ratios;
this only runs them one after another (never in parallel: they would measure
each other). `python bench/run_all.py dedup ingest` runs a subset. Benchmarks
that take hours (`LONG`) run only when named.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LONG = {"scale": "10k, 30k and 100k documents through every stage: hours"}  # run only when named


def main(selected: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    names = [s.stem.removeprefix("bench_") for s in scripts]
    if any(a in ("-h", "--help") for a in selected):
        print(__doc__.strip())
        print(f"\nbenchmarks: {' '.join(names)}")
        return 0
    unknown = [a for a in selected if a not in names]
    if unknown:
        print(f"no benchmark named {', '.join(unknown)}; the benchmarks are: {' '.join(names)}",
              file=sys.stderr)
        return 2
    if selected:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in selected]
    else:
        for name, why in LONG.items():
            print(f"(not run: {name}, {why}; `python -m bench.run_all {name}` runs it)")
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") not in LONG]
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", f"bench.{script.stem}"], cwd=HERE.parent)
        print(f"(exit {code}, {time.perf_counter() - started:.0f}s)", flush=True)
        if code:
            failed.append(script.stem)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
