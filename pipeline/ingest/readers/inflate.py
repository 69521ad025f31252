"""How much a PDF's compressed streams inflate to, counted before pdfium is given the file.

A 1.3 MB PDF whose one page is 300 MB of zlib-compressed blanks took 600 MB of
memory to read; within `ingest.max_file_mb` such a file can ask for tens of
gigabytes. Every Flate stream that is not an image (pdfium does not decode
images to read text) is inflated here in chunks, without keeping the output,
until the total passes the limit.
"""

from __future__ import annotations

import re
import zlib

STREAM = re.compile(rb"stream\r?\n")
IMAGE = re.compile(rb"/Subtype\s*/Image")
DICT_WINDOW = 2048  # bytes before `stream` searched for the stream's dictionary
CHUNK = 1 << 20


def _inflated(data: bytes, start: int, budget: int) -> int:
    """Bytes the zlib stream at `start` inflates to, counted up to `budget` + 1; 0 if it is not zlib."""
    d = zlib.decompressobj()
    total, pos = 0, start
    try:
        while total <= budget and pos < len(data):
            out = d.decompress(data[pos:pos + CHUNK], CHUNK)
            pos += CHUNK
            total += len(out)
            while d.unconsumed_tail and total <= budget:  # output capped per call: drain what is pending
                out = d.decompress(d.unconsumed_tail, CHUNK)
                total += len(out)
            if d.eof:
                break
    except zlib.error:
        pass  # not zlib, or damaged: pdfium says what it makes of it
    return total


def inflates_past(data: bytes, limit: int) -> bool:
    """True when the PDF's non-image Flate streams together inflate to more than `limit` bytes."""
    total = 0
    for m in STREAM.finditer(data):
        head = data[max(0, m.start() - DICT_WINDOW):m.start()]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        if IMAGE.search(head) or b"Flate" not in head:
            continue
        total += _inflated(data, m.end(), limit - total)
        if total > limit:
            return True
    return False
