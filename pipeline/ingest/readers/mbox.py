"""mbox files: many messages in one file, each opening with a "From " line; each message a document.

The messages are handed back whole and the stage reads each with the e-mail
reader, as a file of its own (`seeds/list.mbox#12`): an mbox is a folder of
messages, not a message with attachments, so ingest.max_attachments does not
cut it (its size is bounded by ingest.max_file_mb). A "From " line separates
messages at the start of the file or after a blank line; lines of a body that
were escaped as ">From " (mboxrd) lose one ">".
"""

from __future__ import annotations

import re

from pipeline.ingest.readers.base import Attachment, Extracted

SEPARATOR = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\n]*\n")
ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)


def read_mbox(data: bytes) -> Extracted:
    """No text of its own; each message as a part to read (an empty message is skipped)."""
    marks = list(SEPARATOR.finditer(data))
    ends = [m.start() for m in marks[1:]] + [len(data)]
    messages = tuple(Attachment(f"message{i}.eml", ESCAPED_FROM.sub(rb"\1", data[m.end():end]))
                     for i, (m, end) in enumerate(zip(marks, ends), 1) if data[m.end():end].strip())
    return Extracted("", None, None, "mbox", messages=messages)
