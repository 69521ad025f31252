"""Plain text, Markdown and HTML: decoded bytes handed to the parsers of pipeline/ingest/formats.py."""

from __future__ import annotations

from pipeline.ingest.encoding import decode_counting
from pipeline.ingest.formats import PARSERS
from pipeline.ingest.readers.base import Extracted


def read_text(fmt: str, data: bytes) -> Extracted:
    """Decode (the encoding detected, NotText with a reason if binary) and parse as `fmt`."""
    text, encoding, n_replaced = decode_counting(data)
    parsed = PARSERS[fmt](text)
    return Extracted(parsed.text, parsed.title, parsed.published, encoding, n_replaced)
