"""The `ingest` section of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.params import Section

DEFAULT_FORMATS = {
    "txt": "txt", "text": "txt",
    "md": "md", "markdown": "md",
    "html": "html", "htm": "html", "xhtml": "html",
    "pdf": "pdf", "docx": "docx", "eml": "eml", "mbox": "mbox",
}
READERS = ("txt", "md", "html", "pdf", "docx", "eml", "mbox")


class IngestParams(Section):
    input_dir: str = Field("seeds", description="folder of input documents, relative to the project")
    formats: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_FORMATS),
        description="file extension -> reader (txt, md, html, pdf, docx, eml or mbox), added to the defaults; "
                    "content (PDF, Word, mail headers) decides first, a file without an extension is read as txt",
    )
    max_file_mb: float = Field(50, gt=0, le=4096, description="larger files are rejected")
    max_passage_chars: int = Field(
        4000, ge=200, le=1_000_000, description="longer blocks are cut at line/sentence breaks"
    )
    max_pages: int = Field(2000, ge=1, le=1_000_000, description="PDFs with more pages are rejected")
    max_attachments: int = Field(
        100, ge=0, le=100_000, description="attachments read per e-mail; the rest are listed as skipped"
    )
    max_messages: int = Field(
        100_000, ge=1, le=10_000_000, description="messages read per mbox file; the rest are listed as skipped"
    )
    max_message_depth: int = Field(
        5, ge=0, le=100, description="attachments of messages nested deeper in messages are not read (listed)"
    )
    ocr: Literal["auto", "off"] = Field(
        "auto", description="PDF pages without a text layer: auto reads them with tesseract when it is installed"
    )
    ocr_languages: str = Field(
        "eng", pattern=r"^[a-z_]+(\+[a-z_]+)*$", description="tesseract languages, e.g. eng+rus (packs tesseract-ocr-*)"
    )
    ocr_max_pages: int = Field(50, ge=0, le=100_000, description="pages read by OCR per PDF at most (about 2 s each)")
    partition_mb: float = Field(
        4, gt=0, le=4096, description="input megabytes per parallel partition"
    )

    @field_validator("formats")
    @classmethod
    def _known_readers(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {ext: r for ext, r in value.items() if r not in READERS}
        if bad:
            raise ValueError(f"unknown reader(s) {bad}; each extension maps to a reader: "
                             "txt, md or html (text), pdf, docx, eml or mbox")
        # added to the defaults: mapping one more extension must not unmap .txt
        return DEFAULT_FORMATS | {ext.lower().lstrip("."): r for ext, r in value.items()}
