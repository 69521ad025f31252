"""The whole pipeline at growing corpus sizes: time and peak memory per stage, against the raw model.

    python -m bench.bench_scale [--sizes 10000,30000,100000] [--keep DIR] [--no-raw-model]

Corpus: the 626 real documents of ../shared/dev (forum posts, local news; never copied into the repo)
and variants of them up to each size (bench_incremental.corpus: a paragraph dropped, a paragraph of
another document of the same kind put in), each variant then edited the way a reprint or a follow-up
differs (`vary`): half of its paragraphs after the first keep their words (exact repeats), the others
get other figures, some other names (capitalised words of the real documents) and one sentence fewer
(near repeats, and new text for the models). So the pile has exact and near repeats and grows in
text the models read, not only in copies they skip.

What runs, per size, in a fresh project (the repo's code and params.yaml, no gazetteer; one local
Prefect server for all runs, stopped at the end): every stage cold, each as DVC runs it, `python -m
pipeline run <stage>` in its own process under `/usr/bin/time` (its peak resident memory, worker
processes included). The baseline, same run and same text: the raw spaCy model (the entities stage's
components, loaded as the stages load it: pipeline/core/spacy_models.py) over every paragraph of
every document with `nlp.pipe(n_process=2)`, the processes the stages use.

Printed per size: each stage's time (the flow, as `<stage>: done in N s` says) and its ratio to the
raw model's time, the cold build's sum, each stage's peak memory; then each stage's time exponent
between consecutive sizes (log time ratio / log size ratio); `--no-raw-model` skips the baseline (an
hour at 100k) when only the stages and their exponents are wanted. Targets (issue "100,000 documents"): cold
build <= 1.75x the raw model (entities ~1x, facts <= 0.5x, every other stage <= 0.25x), peak memory
<= 6 GB at 100k, dedup exponent <= 1.15 and facts <= 1.1 between 30k and 100k. Writes
bench/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.bench_incremental import corpus, write
from bench.common import REPO, make_project, row, timed, venv_env

STAGES = ("ingest", "dedup", "clean", "entities", "facts", "report")
OUT = REPO / "bench" / "out" / "scale.json"
TARGET = {"entities": 1.0, "facts": 0.5}  # of the raw model's time; every other stage 0.25
RAW_MODEL = """
import sys, time
from pathlib import Path
from pipeline.entities.ner import load_model
from pipeline.entities.params import EntitiesParams
params = EntitiesParams()
nlp = load_model(params.model)
texts = [p for f in sorted(Path(sys.argv[1]).rglob("*.txt"))
         for p in f.read_text(encoding="utf-8", errors="replace").split("\\n\\n") if p.strip()]
started = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, batch_size=params.batch_size, n_process=2))
print(f"raw {time.perf_counter() - started:.3f} {n}")
"""


@dataclass(frozen=True)
class StageRun:
    """One stage's cold run at one size."""
    flow_s: float       # the flow, as `<stage>: done in N s` says
    process_s: float    # the whole `pipeline run <stage>` command
    peak_mb: float      # largest resident set of the process and its workers


def vary(text: str, rng: random.Random, names: list[str]) -> str:
    """A reprint's or a follow-up's edits (module doc); the first paragraph (headline, header) kept."""
    out = []
    for i, para in enumerate(text.split("\n\n")):
        if i == 0 or rng.random() < 0.5:
            out.append(para)
            continue
        para = re.sub(r"\d+", lambda m: str(rng.randint(1, 99)), para)
        para = re.sub(r"\b[A-Z][a-z]{3,}\b", lambda m: rng.choice(names) if rng.random() < 0.3 else m.group(), para)
        sentences = re.split(r"(?<=[.!?])\s+", para)
        if len(sentences) > 2:
            del sentences[rng.randrange(len(sentences))]
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def pile_of(n_docs: int, seed: int = 0) -> dict[str, str]:
    """{path under seeds/: text}: the real documents and `n_docs` - 626 varied variants (module doc)."""
    rng = random.Random(seed)
    pile, (added_path, added_text) = corpus(n_docs - 1, seed)
    pile[added_path] = added_text
    names = sorted({w for path, text in pile.items() if not path.startswith("variants/")
                    for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)})
    return {path: vary(text, rng, names) if path.startswith("variants/") else text for path, text in pile.items()}


def run_stage(project: Path, stage: str) -> StageRun:
    cmd = ["/usr/bin/time", "-f", "peak_kb %M", sys.executable, "-m", "pipeline", "run", stage]
    wall, proc = timed(cmd, project)
    out = proc.stdout + proc.stderr
    flow = re.search(rf"{stage}: done in ([0-9.]+)s", out)
    peak = re.findall(r"peak_kb (\d+)", out)
    return StageRun(float(flow.group(1)) if flow else wall, wall, int(peak[-1]) / 1024 if peak else float("nan"))


def raw_model_seconds(seeds: Path) -> float:
    proc = subprocess.run([sys.executable, "-c", RAW_MODEL, str(seeds)], cwd=REPO, env=venv_env(),
                          capture_output=True, text=True)
    found = re.search(r"^raw ([0-9.]+) ", proc.stdout, re.M)
    if proc.returncode or not found:
        raise SystemExit(f"the raw model run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return float(found.group(1))


def build(n_docs: int, where: Path, raw_model: bool = True) -> dict:
    pile = pile_of(n_docs)
    project = make_project(where, seeds=None)
    size = write(project / "seeds", pile)
    raw = None
    if raw_model:
        print(f"  {len(pile):,} documents, {size / 2**20:.1f} MB: raw model ...", flush=True)
        raw = raw_model_seconds(project / "seeds")
    runs = {}
    timed([sys.executable, "-m", "pipeline", "server", "start"], project, PREFECT_API_URL="")
    try:
        for stage in STAGES:
            print(f"  {len(pile):,} documents: {stage} ...", flush=True)
            runs[stage] = run_stage(project, stage)
    finally:
        timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    return {"docs": len(pile), "mb": round(size / 2**20, 1), "raw_model_s": raw,
            "stages": {stage: asdict(run) for stage, run in runs.items()}}


def report(results: list[dict]) -> None:
    for res in results:
        raw = res["raw_model_s"]
        print(f"\n{res['docs']:,} documents ({res['mb']} MB); raw model (nlp.pipe, 2 processes): "
              + (f"{raw:.1f} s" if raw else "not run (--no-raw-model)"))
        row("stage", f"{'time s':>8} {'x raw':>7} {'target':>7} {'peak MB':>9}")

        def ratio_of(seconds: float, target: float) -> str:
            if not raw:
                return f"{'-':>7} {target:7.2f}"
            return f"{seconds / raw:7.2f} {target:7.2f}"

        for stage, run in res["stages"].items():
            target = TARGET.get(stage, 0.25)
            over = raw and run["flow_s"] / raw > target
            row(stage, f"{run['flow_s']:8.1f} {ratio_of(run['flow_s'], target)} {run['peak_mb']:9.0f}"
                       f"{'   over' if over else ''}")
        total = sum(run["flow_s"] for run in res["stages"].values())
        peak = max(run["peak_mb"] for run in res["stages"].values())
        over = raw and total / raw > 1.75
        row("cold build (sum of the stages)", f"{total:8.1f} {ratio_of(total, 1.75)} {peak:9.0f}"
                                              f"{'   over' if over else ''}")
    for small, large in zip(results, results[1:]):
        print(f"\ntime exponents {small['docs']:,} -> {large['docs']:,} documents"
              " (targets between 30k and 100k: dedup <= 1.15, facts <= 1.1)")
        scale = math.log(large["docs"] / small["docs"])
        for stage in STAGES:
            a, b = small["stages"][stage]["flow_s"], large["stages"][stage]["flow_s"]
            row(stage, f"{math.log(b / a) / scale:6.2f}" if a > 0 and b > 0 else "   -")
        if small["raw_model_s"] and large["raw_model_s"]:
            row("raw model", f"{math.log(large['raw_model_s'] / small['raw_model_s']) / scale:6.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_scale", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,100000",
                    help="corpus sizes in documents, comma-separated (default 10000,30000,100000)")
    ap.add_argument("--keep", type=Path, help="build the projects in this (new) folder and leave them there")
    ap.add_argument("--no-raw-model", action="store_true",
                    help="skip the raw spaCy baseline (the stages' times, memory and exponents only)")
    args = ap.parse_args(argv)
    try:
        sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    except ValueError:
        ap.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or sizes[0] < 2:
        ap.error("--sizes needs at least one size of 2 documents or more")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        base = args.keep or Path(tmp)
        for n in sizes:
            print(f"bench_scale: {n:,} documents", flush=True)
            results.append(build(n, base / f"docs-{n}", raw_model=not args.no_raw_model))
            OUT.parent.mkdir(parents=True, exist_ok=True)
            OUT.write_text(json.dumps(results, indent=2) + "\n")  # each size as it finishes
    report(results)
    print(f"\nwritten {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
