"""The records every reader returns, so the stage treats all formats alike."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ingest.encoding import NotText


@dataclass(frozen=True)
class PageSpan:
    """Where one page of a paged document lies in the extracted text: passages never cross it."""

    number: int  # from 1, as a reader of the document counts
    start: int   # offset in the extracted text (code points)
    end: int     # exclusive
    ocr: bool = False  # its text was read by OCR from the page's image (it had no text layer)


@dataclass(frozen=True)
class Attachment:
    """A file carried inside a document (an e-mail's attachment): read as a document of its own."""

    name: str    # its file name as the message gives it ("" when none)
    data: bytes


@dataclass(frozen=True)
class Skipped:
    """A part of a document that was not read (a page without text, attachments over the limit)."""

    where: str   # appended to the document's source_path: "#page=3", "#attachments"
    reason: str


@dataclass(frozen=True)
class Extracted:
    """What a reader got out of one file: the text every offset points into, and its provenance."""

    text: str
    title: str | None
    published: str | None           # ISO date (or year-month)
    encoding: str                   # the byte decoding, or the container the text came from ("pdf", "docx")
    n_replaced: int = 0             # invalid byte sequences replaced by U+FFFD
    pages: tuple[PageSpan, ...] | None = None  # pages with text; None: the format has no pages
    page_count: int | None = None   # every page, with text or not; None: the format has no pages
    attachments: tuple[Attachment, ...] = ()
    messages: tuple[Attachment, ...] = ()  # documents the file holds side by side (an mbox): read as files
    skipped: tuple[Skipped, ...] = ()


class Unreadable(NotText):
    """The file is of a format ingest reads but cannot be read (encrypted, corrupt, over a limit)."""
