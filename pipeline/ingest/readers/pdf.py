"""PDF through pypdfium2 (Apache/BSD; PyMuPDF is AGPL and not used): the text layer, page by page.

Pages are joined with a form feed on a line of its own ("\\n\\f\\n", a blank line
to the passage splitter), and each page's place in the text is kept as a
`PageSpan`, so every passage carries its page. Within a page, a blank line
marks where the layout leaves vertical space between lines (a paragraph).
Line breaks are kept as the PDF draws them; hyphens at line ends are joined
by the clean stage, as for any wrapped text. A page without a text layer (a scan) is read by OCR when
tesseract is there (pipeline/ingest/readers/ocr.py), else reported with the
reason and the command that installs it.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.ingest.readers.base import Extracted, PageSpan, Skipped, Unreadable
from pipeline.ingest.readers.inflate import inflates_past
from pipeline.ingest.readers.ocr import OFF, Ocr, OcrFailed, read_page
from pipeline.ingest.readers.titles import title_and_date

PAGE_BREAK = "\n\f\n"
NO_LAYER = "page {n} has no text layer (scanned?); "
# characters pdfium's text layer holds that are not text: NUL, the end-of-line hyphen
# marker some producers emit (U+0002), the byte-order and non-characters
_NOT_TEXT = {0: None, 2: None, 0xFEFF: None, 0xFFFE: None, 0xFFFF: None}


# a line whose top lies this share of its height below the previous line's bottom starts a new block
PARAGRAPH_GAP = 0.4


def _blocks(textpage: pdfium.PdfTextPage, raw: str) -> str:
    """The page's lines, with a blank line (a passage break) wherever the layout leaves vertical
    space between two lines or moves up (a new column): the paragraphs as the page shows them.

    pdfium's text has no paragraph breaks, only line ends; the loose box (font ascent to descent)
    of each line's first character says where the line sits. Paragraphs marked only by an
    indent stay together (the passage splitter still cuts long blocks at line ends)."""
    out: list[str] = []
    prev_bottom = prev_top = None
    pos = 0
    for line in raw.split("\r\n"):
        first = len(line) - len(line.lstrip())
        if first < len(line):
            _, bottom, _, top = textpage.get_charbox(pos + first, loose=True)
            if prev_bottom is not None and (prev_bottom - top > PARAGRAPH_GAP * (top - bottom) or top > prev_top):
                out.append("")
            prev_bottom, prev_top = bottom, top
            out.append(line)
        pos += len(line) + 2
    return "\n".join(out)


def _clean(text: str) -> str:
    return text.replace("\r", "\n").translate(_NOT_TEXT).strip()


def page_text(page: pdfium.PdfPage) -> str:
    """One page's text layer: \\n line ends, blank lines between blocks, no pdfium control characters."""
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range()
        # the char boxes are indexed like the text only when each character is one code unit
        text = _blocks(textpage, raw) if len(raw) == textpage.count_chars() else raw.replace("\r\n", "\n")
    finally:
        textpage.close()
    return _clean(text)


def _ocr_text(page: pdfium.PdfPage, number: int, ocr: Ocr, n_done: int) -> tuple[str, str | None]:
    """(text, None) read by OCR from a page without a text layer, or ("", why it was not)."""
    if ocr.binary is None:
        return "", NO_LAYER.format(n=number) + ocr.reason
    if n_done >= ocr.max_pages:
        return "", NO_LAYER.format(n=number) + (f"not read by OCR: the PDF has more than "
                                                f"ingest.ocr_max_pages={ocr.max_pages} such pages")
    try:
        text = _clean(read_page(page, ocr))
    except OcrFailed as exc:
        return "", NO_LAYER.format(n=number) + str(exc)
    return (text, None) if text else ("", f"page {number} has no text layer and OCR found no text on it")


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise Unreadable("encrypted PDF: it needs a password to open; save an unprotected copy "
                             "(or print it to PDF) and put that in the input folder") from exc
        raise Unreadable(f"corrupt or unreadable PDF ({msg.rstrip('.')}); re-save or re-export it") from exc


def read_pdf(data: bytes, max_pages: int, ocr: Ocr = OFF, max_inflated: int | None = None) -> Extracted:
    """Every page's text, in page order (a page without a text layer read by OCR when `ocr` has
    tesseract); Unreadable (a reason) for an encrypted, corrupt or too long PDF, one whose
    streams inflate past `max_inflated` bytes (a decompression bomb), or one without text."""
    if max_inflated is not None and inflates_past(data, max_inflated):
        raise Unreadable(f"PDF bomb: its compressed page streams inflate to more than {max_inflated / 2**20:.0f} MB "
                         "(4 x ingest.max_file_mb); not read")
    pdf = _open(data)
    try:
        return _read_pages(pdf, max_pages, ocr)
    except pdfium.PdfiumError as exc:  # a page pdfium cannot load: the file is damaged past that page
        raise Unreadable(f"corrupt PDF: a page cannot be read ({exc}); re-save or re-export it") from exc
    finally:
        pdf.close()


def _read_pages(pdf: pdfium.PdfDocument, max_pages: int, ocr: Ocr) -> Extracted:
    n = len(pdf)
    if n > max_pages:
        raise Unreadable(f"too many pages: {n} > ingest.max_pages={max_pages}; raise it to read this PDF")
    if n == 0:
        raise Unreadable("PDF without pages")
    parts, pages, skipped, pos, n_ocr = [], [], [], 0, 0
    for i in range(n):
        page = pdf[i]
        try:
            text, by_ocr, problem = page_text(page), False, None
            if not text:
                text, problem = _ocr_text(page, i + 1, ocr, n_ocr)
                by_ocr = problem is None
                n_ocr += by_ocr
        finally:
            page.close()
        if problem is not None:
            skipped.append(Skipped(f"#page={i + 1}", problem))
            continue
        if parts:
            parts.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        parts.append(text)
        pages.append(PageSpan(i + 1, pos, pos + len(text), by_ocr))
        pos += len(text)
    if not pages:
        raise Unreadable(skipped[0].reason if n == 1 else f"none of its {n} pages has text; {skipped[0].reason}")
    text = "".join(parts) + "\n"
    title, published = title_and_date(text, pdf.get_metadata_dict(skip_empty=True).get("Title"))
    return Extracted(text, title, published, "pdf", 0, tuple(pages), n, skipped=tuple(skipped))
