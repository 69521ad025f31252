"""HTML -> PDF with WeasyPrint, byte-stable so DVC sees no false changes."""

from __future__ import annotations

import os


def render_pdf(html_text: str) -> bytes:
    """No base URL: links to the CSV tables stay relative (they resolve next to
    wherever the PDF is opened) and no absolute path of this machine gets into
    the file, so two clones produce the same bytes."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    from weasyprint import HTML

    doc = HTML(string=html_text).render()
    doc.metadata.created = None
    doc.metadata.modified = None
    return doc.write_pdf(pdf_identifier=b"pipeline-report", uncompressed_pdf=False)
