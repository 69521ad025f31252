"""HTML -> PDF with WeasyPrint, byte-stable so DVC sees no false changes."""

from __future__ import annotations

import os


def render_pdf(html_text: str, base_url: str) -> bytes:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    from weasyprint import HTML

    doc = HTML(string=html_text, base_url=base_url).render()
    doc.metadata.created = None
    doc.metadata.modified = None
    return doc.write_pdf(pdf_identifier=b"pipeline-report", uncompressed_pdf=False)
