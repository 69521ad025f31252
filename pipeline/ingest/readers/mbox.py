"""mbox files: many messages in one file, each opening with a "From " line; each message a document.

The messages are handed back whole and the stage reads each with the e-mail
reader, as a file of its own (`seeds/list.mbox#12`): an mbox is a folder of
messages, not a message with attachments: ingest.max_messages bounds it, not
ingest.max_attachments. A "From " line separates
messages at the start of the file or after a blank line; lines of a body that
were escaped as ">From " (mboxrd) lose one ">".
"""

from __future__ import annotations

import re

from pipeline.ingest.readers.base import Attachment, Extracted, Skipped

SEPARATOR = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\n]*\n")
ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)


def read_mbox(data: bytes, max_messages: int) -> Extracted:
    """No text of its own; each message as a part to read (an empty message is skipped), at most
    `max_messages` of them (the rest one Skipped: each message costs a parse, tens of microseconds)."""
    marks = list(SEPARATOR.finditer(data))
    ends = [m.start() for m in marks[1:]] + [len(data)]
    messages = [data[m.end():end] for m, end in zip(marks, ends)]
    messages = [m for m in messages if m.strip()]
    skipped = ()
    if len(messages) > max_messages:
        skipped = (Skipped("#messages", f"{len(messages) - max_messages} more message(s) not read: the mbox has "
                                        f"more than ingest.max_messages={max_messages}"),)
    return Extracted("", None, None, "mbox", skipped=skipped, messages=tuple(
        Attachment(f"message{i}.eml", ESCAPED_FROM.sub(rb"\1", m)) for i, m in enumerate(messages[:max_messages], 1)))
