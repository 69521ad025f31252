"""Report generation time on the seeds and on a 10k-document corpus.

The seeds: the real tables of a `dvc repro`. At scale: every stage table of
the seeds replicated 2,000 times (5 x 2,000 = 10k documents) with every id
suffixed per copy, so the report meets 10k documents with real text, real
offsets and the real mix of repeats, entities and figures. The baseline in the
same run is the seed report; the ratio says how generation time grows.
Targets (issue 7): <= 10 s for the seeds, <= 60 s for 10k documents.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bench.common import children_peak_rss_mb, make_project, row, timed

ID_COLUMN = re.compile(r"(^|_)(id|ids|of)$|^source_path$|^passage_ids$|^doc_ids$")


def _suffix(col: pa.ChunkedArray, k: int) -> pa.ChunkedArray:
    tail = f"~{k}"
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        return pc.binary_join_element_wise(col, pa.scalar(tail, col.type), "")
    if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
        flat = pc.list_flatten(col)
        joined = pc.binary_join_element_wise(flat, pa.scalar(tail, flat.type), "")
        out = []
        for chunk in col.chunks:
            offsets = chunk.offsets
            out.append(type(chunk).from_arrays(pc.subtract(offsets, offsets[0]), joined[int(offsets[0].as_py()):
                                                int(offsets[-1].as_py())].combine_chunks(), mask=chunk.is_null()))
        return pa.chunked_array(out, col.type)
    return col


def replicate(src: Path, dst: Path, copies: int) -> None:
    """Every table under src/data, `copies` times, ids suffixed per copy."""
    for table_path in sorted((src / "data").glob("*/*.parquet")):
        table = pq.read_table(table_path)
        target = dst / "data" / table_path.parent.name / table_path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(target, table.schema) as w:
            for k in range(copies):
                cols = [(_suffix(table.column(n), k) if ID_COLUMN.search(n) else table.column(n))
                        for n in table.column_names]
                w.write_table(pa.table(cols, schema=table.schema))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2000, help="seed corpus copies (5 documents each)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = make_project(Path(tmp) / "seeds")
        timed([sys.executable, "-m", "pipeline", "server", "start"], seeds, PREFECT_API_URL="")
        api = (seeds / ".prefect" / "server.json").read_text().split('"')[3]
        timed([sys.executable, "-m", "dvc", "repro"], seeds, PREFECT_API_URL=api)
        seed_s, proc = timed([sys.executable, "-m", "pipeline", "run", "report"], seeds, PREFECT_API_URL=api)
        seed_flow = float(re.search(r"report: done in ([0-9.]+)s", proc.stdout).group(1))
        seed_pages = pdf_pages(seeds / "reports" / "report.pdf")

        big = make_project(Path(tmp) / "big", seeds=None)
        t0 = time.perf_counter()
        replicate(seeds, big, args.copies)
        build_s = time.perf_counter() - t0
        big_s, proc = timed([sys.executable, "-m", "pipeline", "run", "report"], big, PREFECT_API_URL=api)
        big_flow = float(re.search(r"report: done in ([0-9.]+)s", proc.stdout).group(1))
        peak = children_peak_rss_mb()
        big_pages = pdf_pages(big / "reports" / "report.pdf")
        html_mb = (big / "reports" / "report.html").stat().st_size / 2**20
        timed([sys.executable, "-m", "pipeline", "server", "stop"], seeds)
    n_docs = 5 * args.copies
    print("bench_report: report stage (HTML + PDF + metrics + CSV tables)")
    row("seeds (5 documents): whole process", f"{seed_s:6.1f} s   target <= 10 s")
    row("seeds: flow only", f"{seed_flow:6.1f} s   ({seed_pages} PDF pages)")
    row(f"{n_docs:,} documents: whole process", f"{big_s:6.1f} s   target <= 60 s")
    row(f"{n_docs:,} documents: flow only", f"{big_flow:6.1f} s   ({big_pages} PDF pages, HTML {html_mb:.1f} MB)")
    row("ratio 10k documents / seeds (flow)", f"{big_flow / seed_flow:6.1f} x")
    row("peak memory (largest process)", f"{peak:6.0f} MB")
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
