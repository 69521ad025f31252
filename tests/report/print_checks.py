"""Checks of the printed report, shared by the seeds' build (tests/e2e) and the session's project."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

CHAR_EM = 0.55  # the mean advance of a DejaVu Sans character, in em
MIN_COLUMN_CHARS = 20


def _walk(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child)


def squeezed_cells(html_text: str) -> list[tuple[int, float, str]]:
    """(page, width in characters, text) of every table cell whose text wraps in a column
    narrower than MIN_COLUMN_CHARS, as WeasyPrint lays out the page for print."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    out = []
    for number, page in enumerate(HTML(string=html_text).render().pages, 1):
        for box in _walk(page._page_box):
            if not (isinstance(box, boxes.TableCellBox) and box.element_tag == "td"):
                continue
            lines = [b for b in _walk(box) if isinstance(b, boxes.LineBox)]
            chars = box.width / (box.style["font_size"] * CHAR_EM)
            if len(lines) > 1 and chars < MIN_COLUMN_CHARS:
                text = "".join(b.text for b in _walk(box) if isinstance(b, boxes.TextBox))
                out.append((number, round(chars, 1), text[:80]))
    return out


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def missing_citations(html_text: str, pdf: Path) -> list[str]:
    """The appendix entries of the HTML ("chars a–b · cited for ...") the PDF does not print."""
    printed = re.sub(r"\s+", "", pdf_text(pdf))  # a note may break across lines
    spans = re.findall(r'<li id="ev-\d+"><blockquote>.*?</blockquote><span class="note">chars (\d+)–(\d+)',
                       html_text, re.S)
    return [f"chars {a}–{b}" for a, b in spans if f"chars{a}–{b}" not in printed]
