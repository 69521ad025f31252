"""The clean, entities and facts stages after adding one document: incremental rebuilds against cold builds of the same pile.

    python -m bench.bench_incremental [--docs 1500] [--keep DIR]

Corpus: the real documents of ../shared/dev (300 forum posts, 327 local-news articles; never
copied into the repo), plus variants of them up to --docs (a paragraph dropped, a paragraph of
another document of the same kind put in: the reuse of a growing pile, where dedup finds exact
and near repeats). One real article is held out: it is the document added.

What runs, in a fresh project (the repo's code and params.yaml; no gazetteer in seeds/; one local Prefect
server for all runs, stopped at the end), each step `python -m pipeline run ...` as DVC runs it:
1. ingest, dedup; then clean, entities and facts cold (empty stores): the stores fill; the report;
   `dvc commit --force` puts the outputs into the project's DVC cache;
2. the held-out article added to seeds/: ingest, dedup; then clean, entities and facts, incremental; then
   the report; `dvc commit --force` again: what the cache grew by is what DVC stores anew for one
   document (tables are folders of parts cut at document boundaries, pipeline/core/parts.py);
3. the stores deleted (.pipeline-cache/): ingest, dedup, clean, entities, facts and report again, a cold
   build of the same pile (the baselines, same run).
Printed, per stage: its time (the flow, as `<stage>: done in N s` says; and the whole `pipeline run
<stage>` process), documents answered from the store and documents computed (the stage's own counts:
cleaned, in the buckets clean cleans again; read by the models; read by the facts stage's first
phase) per run, the ratio incremental / cold of
step 3, and whether the tables of steps 2 and 3 are equal row for row (pandas) and byte for byte; then
the whole build's time (the six stages' flows and processes) after the addition against the cold one,
and the DVC cache's growth against the size of the outputs DVC caches (dvc.yaml's `outs`).
Targets (issue "100,000 documents", on its 30k corpus): the whole build <= 5 % of a cold one; the
cache growth <= 5 % of the outputs.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from bench.common import REPO, make_project, row, timed
from pipeline.core.parts import part_files

DEV = REPO.parent / "shared" / "dev"
STAGES = ("clean", "entities", "facts")
TABLES = {"clean": ("passages", "edits", "sentences", "furniture"),
          "entities": ("mentions", "entities", "merges", "cooccurrence"),
          "facts": ("quantities", "claims", "comparison", "events", "timeline")}
STORE = {"clean": re.compile(r'"documents_from_store": (\d+), "documents_cleaned": (\d+)'),
         "entities": re.compile(r"entities: (\d+) document\(s\) from the store, (\d+) read by the models"),
         "facts": re.compile(r"facts: (\d+) document\(s\) from the store, (\d+) read")}
COMPUTED = {"clean": "cleaned", "entities": "to models", "facts": "read"}
UPSTREAM = ("ingest", "dedup")  # stages before the stored ones, run over the whole pile every time  # what a stage does with a document the store lacks


@dataclass(frozen=True)
class StageRun:
    """One `pipeline run <stage>`: its times and what its store answered."""
    flow_s: float  # the flow, as `<stage>: done in N s` says
    process_s: float  # the whole command
    from_store: int  # documents answered from the store
    computed: int  # documents the stage computed (and stored)


def real_documents(dev: Path = DEV) -> dict[str, str]:
    """{path under seeds/: text} of every forum post and news article of the dev sets."""
    found = sorted((dev / "forum").rglob("*.txt")) + sorted((dev / "casualties" / "articles").rglob("*.txt"))
    return {f"{f.relative_to(dev).as_posix()}": f.read_text(encoding="utf-8", errors="replace") for f in found}


def variant(text: str, other: str, rng: random.Random) -> str:
    """`text` with one paragraph (not the first: a header or a headline) dropped and one of `other` put in."""
    paras = text.split("\n\n")
    if len(paras) > 2:
        del paras[rng.randrange(1, len(paras))]
    paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(other.split("\n\n")))
    return "\n\n".join(paras)


def corpus(n_docs: int, seed: int = 0) -> tuple[dict[str, str], tuple[str, str]]:
    """(the pile: {path: text}, the held-out document: (path, text))."""
    rng = random.Random(seed)
    real = real_documents()
    held = max(p for p in real if p.startswith("casualties/"))
    added = (held, real.pop(held))
    pile = dict(real)
    kinds = {kind: [p for p in real if p.startswith(kind)] for kind in ("forum/", "casualties/")}
    seen = set(pile.values())
    k = 0
    while len(pile) < n_docs:
        path = rng.choice(list(real))
        same_kind = kinds["forum/" if path.startswith("forum/") else "casualties/"]
        text = variant(real[path], real[rng.choice(same_kind)], rng)
        if text not in seen:
            seen.add(text)
            pile[f"variants/{k:05d}-{path.replace('/', '-')}"] = text
        k += 1
    return pile, added


def write(seeds: Path, docs: dict[str, str]) -> int:
    size = 0
    for rel, text in docs.items():
        target = seeds / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def run_stage(project: Path, stage: str) -> StageRun:
    wall, proc = timed([sys.executable, "-m", "pipeline", "run", stage], project)
    out = proc.stdout + proc.stderr
    flow_s = float(re.search(rf"{stage}: done in ([0-9.]+)s", out).group(1))
    stored, computed = map(int, STORE[stage].search(out).groups())
    return StageRun(flow_s, wall, stored, computed)


def run_stages(project: Path) -> dict[str, StageRun]:
    return {stage: run_stage(project, stage) for stage in STAGES}


def run_plain(project: Path, stage: str) -> StageRun:
    """A stage without a store (ingest, dedup, report): it works over the whole pile every time."""
    wall, proc = timed([sys.executable, "-m", "pipeline", "run", stage], project)
    flow_s = float(re.search(rf"{stage}: done in ([0-9.]+)s", proc.stdout + proc.stderr).group(1))
    return StageRun(flow_s, wall, 0, 0)


def build_total(upstream: dict[str, StageRun], stored: dict[str, StageRun], report: StageRun) -> tuple[float, float]:
    """(flows, processes): the whole build's seconds, as dvc repro would run its six stages."""
    runs = [*upstream.values(), *stored.values(), report]
    return sum(r.flow_s for r in runs), sum(r.process_s for r in runs)


def tables(project: Path, stage: str) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(project / "data" / stage / f"{t}.parquet") for t in TABLES[stage]}


def raw_bytes(project: Path, stage: str) -> dict[str, list[bytes]]:
    return {t: [f.read_bytes() for f in part_files(project / "data" / stage / f"{t}.parquet")] for t in TABLES[stage]}


def cached_outputs(project: Path) -> list[Path]:
    """The outputs dvc.yaml has DVC cache (every `outs` entry not marked `cache: false`)."""
    found = []
    for stage in yaml.safe_load((project / "dvc.yaml").read_text())["stages"].values():
        for out in stage.get("outs", []):
            name, opts = next(iter(out.items())) if isinstance(out, dict) else (out, {})
            if (opts or {}).get("cache", True):
                found.append(project / name)
    return found


def tree_bytes(paths: list[Path]) -> int:
    return sum(f.stat().st_size for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())


def commit_to_cache(project: Path) -> int:
    """`dvc commit --force`: the outputs as they are now go into the project's DVC cache, which
    stores a file once by its content; returns the cache's bytes."""
    timed([sys.executable, "-m", "dvc", "commit", "--force", "--quiet"], project)
    return tree_bytes([project / ".dvc" / "cache"])


def same_rows(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    try:
        for t in a:
            pd.testing.assert_frame_equal(a[t], b[t], obj=t)
    except AssertionError as exc:
        print(f"  tables differ: {str(exc).splitlines()[0]}")
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1500, help="documents in the pile before the one added")
    ap.add_argument("--keep", type=Path, help="build the project in this (new) folder and leave it there")
    args = ap.parse_args(argv)
    pile, (added_path, added_text) = corpus(args.docs)
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        project = make_project(args.keep or Path(tmp) / "project", seeds=None)
        size = write(project / "seeds", pile)
        timed([sys.executable, "-m", "pipeline", "server", "start"], project, PREFECT_API_URL="")
        try:
            timed([sys.executable, "-m", "pipeline", "run", "ingest", "dedup"], project)
            first = run_stages(project)
            run_plain(project, "report")
            cache_before = commit_to_cache(project)
            write(project / "seeds", {added_path: added_text})
            upstream = {stage: run_plain(project, stage) for stage in UPSTREAM}
            incremental = run_stages(project)
            report = run_plain(project, "report")
            cache_growth = commit_to_cache(project) - cache_before
            outputs_size = tree_bytes(cached_outputs(project))
            after_add = {stage: (tables(project, stage), raw_bytes(project, stage)) for stage in STAGES}
            shutil.rmtree(project / ".pipeline-cache")
            cold_upstream = {stage: run_plain(project, stage) for stage in UPSTREAM}
            cold = run_stages(project)
            cold_report = run_plain(project, "report")
            same = {stage: (same_rows(after_add[stage][0], tables(project, stage)),
                            after_add[stage][1] == raw_bytes(project, stage)) for stage in STAGES}
        finally:
            timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    print(f"bench_incremental: {len(pile):,} documents ({size / 2**20:.1f} MB) of ../shared/dev and variants, "
          f"then {added_path} added; threads runner, entities.n_process 2, facts.n_process 2")
    for stage in STAGES:
        print(f"  {stage}:")
        row("run", f"{'stage s':>8} {'process s':>10} {'from store':>11} {COMPUTED[stage]:>10}")
        for label, run in ((f"1. cold, {len(pile):,} documents", first[stage]),
                           ("2. one document added, incremental", incremental[stage]),
                           (f"3. cold, the same {len(pile) + 1:,} documents", cold[stage])):
            row(label, f"{run.flow_s:8.1f} {run.process_s:10.1f} {run.from_store:11,} {run.computed:10,}")
        row("incremental / cold, stage (2 / 3)",
            f"{incremental[stage].flow_s / cold[stage].flow_s:.1%}   (issue target <= 5 %)")
        row("incremental / cold, process (2 / 3)", f"{incremental[stage].process_s / cold[stage].process_s:.1%}")
        rows_equal, bytes_equal = same[stage]
        row("tables of 2 equal to 3: row for row / byte for byte",
            f"{'yes' if rows_equal else 'NO'} / {'yes' if bytes_equal else 'no'}")
    inc_flows, inc_procs = build_total(upstream, incremental, report)
    cold_flows, cold_procs = build_total(cold_upstream, cold, cold_report)
    print("  the whole build (the six stages; ingest, dedup and report work over the whole pile):")
    row("stages without a store, after the addition", ", ".join(
        f"{s} {r.flow_s:.1f} s" for s, r in [*upstream.items(), ("report", report)]))
    row("one document added: flows / processes", f"{inc_flows:6.1f} s / {inc_procs:6.1f} s")
    row("cold, the same pile: flows / processes", f"{cold_flows:6.1f} s / {cold_procs:6.1f} s")
    row("incremental / cold: flows, processes", f"{inc_flows / cold_flows:.1%}, {inc_procs / cold_procs:.1%}"
        "   (issue target <= 5 %)")
    row("DVC cache growth after the addition (dvc commit)", f"{cache_growth / 2**20:.2f} MB = "
        f"{cache_growth / outputs_size:.1%} of the cached outputs' {outputs_size / 2**20:.1f} MB   (issue target <= 5 %)")
    return 0 if all(rows_equal for rows_equal, _ in same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
