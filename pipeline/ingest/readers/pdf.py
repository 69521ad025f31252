"""PDF through pypdfium2 (Apache/BSD; PyMuPDF is AGPL and not used): the text layer, page by page.

Pages are joined with a form feed on a line of its own ("\\n\\f\\n", a blank line
to the passage splitter), and each page's place in the text is kept as a
`PageSpan`, so every passage carries its page. Line breaks are kept as the
PDF draws them; hyphens at line ends are joined by the clean stage, as for any
wrapped text. A page without a text layer (a scan) is reported, not guessed.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from pipeline.ingest.readers.base import Extracted, PageSpan, Skipped, Unreadable
from pipeline.ingest.readers.titles import title_and_date

PAGE_BREAK = "\n\f\n"
NO_OCR = ("page {n} has no text layer (scanned?); OCR is not available: install tesseract-ocr "
          "(apt-get install tesseract-ocr tesseract-ocr-eng) to read it")
# characters pdfium's text layer holds that are not text: NUL, the end-of-line hyphen
# marker some producers emit (U+0002), the byte-order and non-characters
_NOT_TEXT = {0: None, 2: None, 0xFEFF: None, 0xFFFE: None, 0xFFFF: None}


def page_text(page: pdfium.PdfPage) -> str:
    """One page's text layer with \\n line ends and without pdfium's control characters."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_TEXT).strip()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise Unreadable("encrypted PDF: it needs a password to open; save an unprotected copy "
                             "(or print it to PDF) and put that in the input folder") from exc
        raise Unreadable(f"corrupt or unreadable PDF ({msg.rstrip('.')}); re-save or re-export it") from exc


def read_pdf(data: bytes, max_pages: int) -> Extracted:
    """Every page's text, in page order; Unreadable (a reason) for an encrypted, corrupt or
    too long PDF, or one without any text layer."""
    pdf = _open(data)
    try:
        return _read_pages(pdf, max_pages)
    except pdfium.PdfiumError as exc:  # a page pdfium cannot load: the file is damaged past that page
        raise Unreadable(f"corrupt PDF: a page cannot be read ({exc}); re-save or re-export it") from exc
    finally:
        pdf.close()


def _read_pages(pdf: pdfium.PdfDocument, max_pages: int) -> Extracted:
    n = len(pdf)
    if n > max_pages:
        raise Unreadable(f"too many pages: {n} > ingest.max_pages={max_pages}; raise it to read this PDF")
    if n == 0:
        raise Unreadable("PDF without pages")
    parts, pages, skipped, pos = [], [], [], 0
    for i in range(n):
        page = pdf[i]
        try:
            text = page_text(page)
        finally:
            page.close()
        if not text:
            skipped.append(Skipped(f"#page={i + 1}", NO_OCR.format(n=i + 1)))
            continue
        if parts:
            parts.append(PAGE_BREAK)
            pos += len(PAGE_BREAK)
        parts.append(text)
        pages.append(PageSpan(i + 1, pos, pos + len(text)))
        pos += len(text)
    if not pages:
        raise Unreadable(NO_OCR.format(n=1) if n == 1 else NO_OCR.replace("page {n} has", f"none of its {n} pages has"))
    text = "".join(parts) + "\n"
    title, published = title_and_date(text, pdf.get_metadata_dict(skip_empty=True).get("Title"))
    return Extracted(text, title, published, "pdf", 0, tuple(pages), n, skipped=tuple(skipped))
