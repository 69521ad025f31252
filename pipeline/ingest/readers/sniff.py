"""Which reader a file needs: its content first (magic bytes, mail headers), its extension second.

So a PDF called `report.txt`, a Word file without an extension and a saved
e-mail called `message` are each read as what they are. A file whose
content says nothing is read by its extension (params.yaml `ingest.formats`);
one without an extension is read as plain text (decoding still refuses
binary data, with a reason).
"""

from __future__ import annotations

import re

from pipeline.ingest.encoding import SIGNATURES, NotText
from pipeline.ingest.readers.docx import is_docx

PDF_MAGIC = b"%PDF-"
PDF_HEADER_WINDOW = 1024  # PDF readers accept the header anywhere in the first KB
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 4096  # what `content_format` needs to see (a zip needs the whole file: see `choose`)
# RFC 5322 header lines: "Name: value" (field names are printable ASCII without colon or space)
HEADER_LINE = re.compile(rb"^([!-9;-~]+):[ \t]*\S")
MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"received", b"message-id", b"mime-version",
                b"content-type", b"return-path", b"reply-to", b"cc", b"delivered-to", b"x-mailer"}
MIME_HEADERS = {b"mime-version", b"content-type"}
TEXT_READERS = ("txt", "md", "html")


def extension(name: str) -> str:
    """The file's extension, lower case, without the dot ("" when none; a name's leading dot is no
    extension), as pathlib's `suffix` says but without building a path per file."""
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot + 1:].lower() if 0 < dot < len(base) - 1 else ""


def _headers(head: bytes) -> set[bytes] | None:
    """The (lower-case) names of the header block `head` opens with; None if it opens otherwise."""
    seen: set[bytes] = set()
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header's continuation
        m = HEADER_LINE.match(line)
        if m is None:
            return None
        seen.add(m.group(1).lower())
    return seen


def looks_like_mail(head: bytes) -> bool:
    """The file opens with a block of mail headers (at least three known ones) with a MIME body
    (MIME-Version or Content-Type among them): a message saved without its .eml extension.
    A news post or plain text that opens with "From:" and "Subject:" alone stays plain text."""
    seen = _headers(head)
    return seen is not None and len(seen & MAIL_HEADERS) >= 3 and bool(seen & MIME_HEADERS)


def looks_like_mbox(head: bytes) -> bool:
    """A "From " line (no colon: an mbox separator) followed by at least two mail headers."""
    if not head.startswith(b"From "):
        return False
    seen = _headers(head[head.find(b"\n") + 1:]) if b"\n" in head else None
    return seen is not None and len(seen & MAIL_HEADERS) >= 2


def content_format(head: bytes) -> str | None:
    """The reader the first bytes call for ("pdf", "zip" for any zip, "eml", "mbox"), or None."""
    if PDF_MAGIC in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if looks_like_mail(head[:HEAD_BYTES]):
        return "eml"
    if looks_like_mbox(head[:HEAD_BYTES]):
        return "mbox"
    return None


def unsupported(name: str, formats: dict[str, str], head: bytes = b"") -> str:
    """The reason for a file no reader takes (what its first bytes look like, when known), and
    how to map its extension."""
    ext = extension(name)
    known = ", ".join(sorted(formats))
    what = next((f"; looks like {kind}" for magic, kind in SIGNATURES if head.startswith(magic)), "")
    how = ("map its extension to a reader in params.yaml ingest.formats, e.g. `ingest: {formats: {%s: txt}}` "
           "(readers: txt, md, html, pdf, docx, eml, mbox)" % (ext or "dat"))
    if ext:
        return f"unsupported format '.{ext}'{what} (readable: {known}; {how})"
    return f"no file extension and the content is not a format ingest reads{what} (readable: {known}); " \
           f"give it an extension and {how}"


def choose(name: str, data: bytes, formats: dict[str, str]) -> str:
    """The reader for a file: txt, md, html, pdf, docx, eml or mbox; NotText (with how to map an
    extension) when neither content nor extension names one.

    Mail headers yield to an extension that maps to a text reader: a .txt that opens with
    headers stays text."""
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(ZIP_MAGIC) and is_docx(data):
        return "docx"
    ext = extension(name)
    mapped = formats.get(ext)
    if mapped in TEXT_READERS:
        return mapped
    if looks_like_mail(data[:HEAD_BYTES]):
        return "eml"
    if looks_like_mbox(data[:HEAD_BYTES]):
        return "mbox"
    if mapped is not None:
        return mapped
    if not ext:
        return "txt"
    raise NotText(unsupported(name, formats, data[:64]))
