"""Word documents (.docx) from the zip's XML directly: paragraphs and tables in reading order.

Only the standard library: the zip is checked before anything is inflated (a
member's declared size, and every read stopped at the limit, so a zip bomb is
a rejection, not a full disk or memory), and XML with a DOCTYPE is refused (a
.docx never has one; entity expansion is how XML bombs work). Paragraphs are
separated by a blank line (one passage each); a table row is a line, its cells
separated by tabs. Headers, footers, footnotes and comments are not read: they
are page furniture or asides, not the document's text.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from pipeline.ingest.readers.base import Extracted, Unreadable
from pipeline.ingest.readers.titles import title_and_date

BODY = "word/document.xml"
CORE = "docProps/core.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
BREAKS = {W + "br": "\n", W + "cr": "\n", W + "tab": "\t"}


def is_docx(data: bytes) -> bool:
    """A zip holding word/document.xml (what makes a Word document, whatever the file's name)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return BODY in zf.NameToInfo
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    """A member's bytes, None if absent; Unreadable if it inflates past `limit` (declared or not)."""
    info = zf.NameToInfo.get(name)
    if info is None:
        return None
    if info.file_size > limit:
        raise Unreadable(f"zip bomb or oversized Word document: {name} inflates to "
                         f"{info.file_size / 2**20:.1f} MB > the limit of {limit / 2**20:.1f} MB "
                         "(ingest.max_file_mb)")
    with zf.open(info) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"zip bomb: {name} inflates past its declared size and the limit of "
                         f"{limit / 2**20:.1f} MB (ingest.max_file_mb)")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise Unreadable(f"{name} declares a DOCTYPE or entities, which no Word document does: not read")
    return data


def _paragraph(p: ET.Element) -> str:
    parts = []
    for el in p.iter():
        if el.tag == W + "t" and el.text:
            parts.append(el.text)
        elif el.tag in BREAKS:
            parts.append(BREAKS[el.tag])
    return "".join(parts).strip()


def _cell(tc: ET.Element) -> str:
    return " ".join(t for t in (_paragraph(p) for p in tc.iter(W + "p")) if t)


def _blocks(body: ET.Element):
    """The text of each top-level paragraph and table, in order (nested tables read in their cell)."""
    for el in body:
        if el.tag == W + "p":
            yield _paragraph(el)
        elif el.tag == W + "tbl":
            rows = ("\t".join(_cell(tc) for tc in tr.findall(W + "tc")) for tr in el.iter(W + "tr"))
            yield "\n".join(r for r in rows if r.strip())
        elif el.tag == W + "sdt":  # a content control (cover pages, tables of contents): its content
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def read_docx(data: bytes, max_bytes: int) -> Extracted:
    """Paragraphs and table cells of word/document.xml; Unreadable (a reason) for a broken or bomb zip."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Unreadable(f"not a readable Word document (.docx): {exc}") from exc
    with zf:
        try:
            xml = _member(zf, BODY, max_bytes)
            core = _member(zf, CORE, max_bytes)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise Unreadable(f"corrupt Word document (.docx): {exc}") from exc
    if xml is None:
        raise Unreadable("a zip without word/document.xml: not a Word document")
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise Unreadable(f"corrupt Word document (.docx): its XML does not parse ({exc})") from exc
    try:
        meta_title = ET.fromstring(core).findtext(DC_TITLE) if core else None
    except ET.ParseError:
        meta_title = None  # broken metadata: the text still stands
    body = root.find(W + "body")
    blocks = [b for b in _blocks(body if body is not None else root) if b]
    text = "\n\n".join(blocks) + "\n" if blocks else ""
    title, published = title_and_date(text, meta_title)
    return Extracted(text, title, published, "docx")
