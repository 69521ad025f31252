"""One file's bytes through the reader its content or name calls for."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest.encoding import NotText
from pipeline.ingest.params import IngestParams
from pipeline.ingest.readers.base import Extracted
from pipeline.ingest.readers.docx import read_docx
from pipeline.ingest.readers.mail import read_eml
from pipeline.ingest.readers.mbox import read_mbox
from pipeline.ingest.readers.ocr import settings as ocr_settings
from pipeline.ingest.readers.pdf import read_pdf
from pipeline.ingest.readers.sniff import choose, extension, unsupported
from pipeline.ingest.readers.text import read_text

# why a document whose reader found no text is not read, by format
NO_TEXT = {
    "html": "no visible text in the HTML page",
    "docx": "no text in the Word document (no paragraph or table holds any)",
    "eml": "e-mail without a text body",
    "mbox": "mbox without a message",
}
NO_TEXT_DEFAULT = "no text: the file is empty or whitespace only"
PDF_INFLATION = 4  # a PDF's page streams may inflate to this many times ingest.max_file_mb


@dataclass(frozen=True)
class Extraction:
    fmt: str            # the reader that read it (documents.format)
    extracted: Extracted


def extract(name: str, data: bytes, params: IngestParams, fmt: str | None = None) -> Extraction:
    """The file's text and provenance; NotText (a reason) when it is not read.

    `name` is the file's path (or an attachment's name): its extension is the
    second opinion after the content. `fmt`: the reader, when the container
    already says (an mbox's messages)."""
    fmt = fmt or choose(name, data, params.formats)
    max_bytes = int(params.max_file_mb * 2**20)
    if fmt == "pdf":
        ocr = ocr_settings(params.ocr, params.ocr_languages, params.ocr_max_pages)
        return Extraction(fmt, read_pdf(data, params.max_pages, ocr, PDF_INFLATION * max_bytes))
    if fmt == "docx":
        return Extraction(fmt, read_docx(data, max_bytes))
    if fmt == "eml":
        return Extraction(fmt, read_eml(data, params.max_attachments))
    if fmt == "mbox":
        return Extraction(fmt, read_mbox(data, params.max_messages))
    try:
        return Extraction(fmt, read_text(fmt, data))
    except NotText as exc:
        if extension(name) or not str(exc).startswith("binary file"):
            raise
        raise NotText(f"{exc}; {unsupported(name, params.formats)}") from exc
