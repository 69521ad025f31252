"""PDF text extraction speed: the ingest reader against pypdfium2 alone, pages per second on one core.

    python -m bench.bench_pdf [--pages 150] [--repeat 3]

A text PDF of generated paragraphs (seed vocabulary, A5 pages) is made once
with WeasyPrint. Then, interleaved, each `--repeat` times in this process (one
core): pypdfium2 alone (open, every page's text layer, as the least any reader
must do), the ingest reader (`extract`: the choice of reader, the check for a
decompression bomb, then the pages' text, paragraph breaks from the layout,
page spans, title), and the whole of ingest for the file (`read_file`: reader,
passages split at page boundaries, the document row). Target (issue 19): >= 20 pages/s.
"""

from __future__ import annotations

import argparse
import html
import random
import statistics
import time

from bench.common import fake_paragraph, row, seed_vocabulary

import pypdfium2 as pdfium  # noqa: E402
from weasyprint import HTML  # noqa: E402

from pipeline.ingest.params import IngestParams  # noqa: E402
from pipeline.ingest.readers.dispatch import extract  # noqa: E402
from pipeline.ingest.stage import read_file  # noqa: E402

TARGET = 20.0


def make_pdf(n_pages: int, seed: int = 19) -> bytes:
    """About `n_pages` A5 pages of paragraphs (a few more or fewer: WeasyPrint lays them out)."""
    rng = random.Random(seed)
    words = seed_vocabulary()
    paras = "".join(f"<p>{html.escape(fake_paragraph(rng, words, rng.randint(40, 120)))}</p>"
                    for _ in range(n_pages * 4))
    style = "<style>@page { size: A5; margin: 1.5cm } body { font-size: 10pt }</style>"
    return HTML(string=f"<html><head><title>Bench</title>{style}</head><body>{paras}</body></html>").write_pdf()


def pdfium_alone(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    started = time.perf_counter()
    data = make_pdf(args.pages)
    n_pages = pdfium_alone(data)
    print(f"bench_pdf: {n_pages} pages, {len(data) / 2**20:.1f} MB, made in {time.perf_counter() - started:.1f} s")
    params = IngestParams()
    runs = {
        "pypdfium2 alone": lambda: pdfium_alone(data),
        "ingest reader (extract)": lambda: extract("bench.pdf", data, params),
        "ingest, whole file (read_file)": lambda: read_file("bench.pdf", data, params),
    }
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            t = time.perf_counter()
            run()
            rates[name].append(n_pages / (time.perf_counter() - t))
    base = statistics.median(rates["pypdfium2 alone"])
    for name, values in rates.items():
        median = statistics.median(values)
        row(name, f"{median:8.1f} pages/s (best {max(values):.1f}), {median / base:.2f}x pypdfium2 alone")
    ours = statistics.median(rates["ingest, whole file (read_file)"])
    print(f"target >= {TARGET:.0f} pages/s per core: {'met' if ours >= TARGET else 'NOT met'} ({ours:.1f})")


if __name__ == "__main__":
    main()
