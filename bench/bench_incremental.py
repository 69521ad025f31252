"""The entities stage after adding one document: incremental rebuild against a cold build of the same pile.

    python -m bench.bench_incremental [--docs 1500] [--keep DIR]

Corpus: the real documents of ../shared/dev (300 forum posts, 327 local-news articles; never
copied into the repo), plus variants of them up to --docs (a paragraph dropped, a paragraph of
another document of the same kind put in: the reuse of a growing pile, where dedup finds exact
and near repeats). One real article is held out: it is the document added.

What runs, in a fresh project (the repo's code and params.yaml; no gazetteer in seeds/; one local Prefect
server for all runs, stopped at the end), each step `python -m pipeline run ...` as DVC runs it:
1. ingest, dedup, clean; then entities cold (an empty store): the store fills;
2. the held-out article added to seeds/: ingest, dedup, clean; then entities, incremental;
3. the store deleted: entities again, a cold build of the same pile (the baseline, same run).
Printed: the entities stage's time (the flow, as `entities: done in N s` says; and the whole
`pipeline run entities` process), documents answered from the store and documents read by the
models (the stage's own counts) per run, the ratio incremental / cold of step 3, and whether
the tables of steps 2 and 3 are equal row for row (pandas) and byte for byte. Target (issue
"100,000 documents", on its 30k corpus and for the whole build): <= 5 %.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import REPO, make_project, row, timed

DEV = REPO.parent / "shared" / "dev"
TABLES = ("mentions", "entities", "merges", "cooccurrence")
STORE = re.compile(r"entities: (\d+) document\(s\) from the store, (\d+) read by the models")


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


def run_entities(project: Path) -> tuple[float, float, int, int]:
    """(flow seconds, process seconds, documents from the store, documents read by the models)."""
    wall, proc = timed([sys.executable, "-m", "pipeline", "run", "entities"], project)
    out = proc.stdout + proc.stderr
    flow_s = float(re.search(r"entities: done in ([0-9.]+)s", out).group(1))
    stored, read = map(int, STORE.search(out).groups())
    return flow_s, wall, stored, read


def tables(project: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(project / "data" / "entities" / f"{t}.parquet") for t in TABLES}


def raw_bytes(project: Path) -> dict[str, bytes]:
    return {t: (project / "data" / "entities" / f"{t}.parquet").read_bytes() for t in TABLES}


def same_rows(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    try:
        for t in TABLES:
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
            timed([sys.executable, "-m", "pipeline", "run", "ingest", "dedup", "clean"], project)
            first = run_entities(project)
            write(project / "seeds", {added_path: added_text})
            started = time.perf_counter()
            timed([sys.executable, "-m", "pipeline", "run", "ingest", "dedup", "clean"], project)
            upstream = time.perf_counter() - started
            incremental = run_entities(project)
            after_add, after_add_bytes = tables(project), raw_bytes(project)
            shutil.rmtree(project / ".pipeline-cache")
            cold = run_entities(project)
            same, same_bytes = same_rows(after_add, tables(project)), after_add_bytes == raw_bytes(project)
        finally:
            timed([sys.executable, "-m", "pipeline", "server", "stop"], project)
    print(f"bench_incremental: {len(pile):,} documents ({size / 2**20:.1f} MB) of ../shared/dev and variants, "
          f"then {added_path} added; the entities stage (threads runner, entities.n_process 2)")
    row("run", f"{'stage s':>8} {'process s':>10} {'from store':>11} {'to models':>10}")
    for label, (flow_s, wall, stored, read) in (
            (f"1. cold, {len(pile):,} documents", first),
            ("2. one document added, incremental", incremental),
            (f"3. cold, the same {len(pile) + 1:,} documents", cold)):
        row(label, f"{flow_s:8.1f} {wall:10.1f} {stored:11,} {read:10,}")
    row("ingest + dedup + clean after the addition (not incremental yet)", f"{upstream:8.1f} s")
    row("incremental / cold, stage (2 / 3)", f"{incremental[0] / cold[0]:.1%}   (issue target <= 5 %)")
    row("incremental / cold, process (2 / 3)", f"{incremental[1] / cold[1]:.1%}")
    row("tables of 2 equal to 3: row for row / byte for byte", f"{'yes' if same else 'NO'} / "
                                                               f"{'yes' if same_bytes else 'no'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
