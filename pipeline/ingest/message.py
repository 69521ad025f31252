"""The header block of a plain-text e-mail or news message (RFC 5322 / RFC 5536).

Newsgroup dumps and saved mails are plain text that begins with fields such as
"From:", "Subject:", "Newsgroups:", "Date:", then a blank line, then the body.
Their title is the Subject and their publication date the Date field, not the
first line (which is "From: ..."). The text itself is kept as read: offsets
still point into the file, and the clean stage flags the header lines as
furniture.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass

from pipeline.text.dates import parse_date

# a header field "Name: value" (RFC 5322 field names: printable ASCII, no colon or space)
FIELD = re.compile(r"([!-9;-~]{1,60}):(?:[ \t]+(.*)|)$")
# fields that only messages carry: at least one must be present, so a text that merely
# begins with "Note: ..." and "Summary: ..." lines is not taken for a message
MESSAGE_FIELDS = frozenset({"from", "newsgroups", "message-id", "received", "return-path", "path",
                            "article-i.d.", "in-reply-to", "references", "mime-version", "xref"})
# "<id@host>": a message id, which news software folds into a Subject at times; not a title's words
MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s]+>")
MIN_FIELDS = 2
MAX_HEADER_LINES = 200
MAX_HEADER_CHARS = 16_000


@dataclass(frozen=True)
class MessageHeader:
    fields: dict[str, str]  # lower-cased field name -> its first value, folded lines joined
    end: int  # offset just past the header block (its blank line not included)

    @property
    def subject(self) -> str | None:
        return " ".join(MESSAGE_ID.sub(" ", self.fields.get("subject", "")).split()) or None

    @property
    def date(self) -> str | None:
        """The Date field as an ISO day, if it is a date."""
        value = self.fields.get("date", "").strip()
        if not value:
            return None
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None and 1900 <= parsed.year <= 2200:
            return parsed.date().isoformat()
        found = parse_date(value[:60])
        return found[0] if found else None


def message_header(text: str) -> MessageHeader | None:
    """The header block that opens `text`, or None when the text does not open with one."""
    fields: dict[str, str] = {}
    folding: str | None = None  # the field a folded line continues (only a field's first value is kept)
    pos = 0
    head = text[:MAX_HEADER_CHARS]
    for n, line in enumerate(head.splitlines(keepends=True)):
        bare = line.rstrip("\r\n")
        if not bare.strip():
            break
        if n >= MAX_HEADER_LINES:
            return None
        if bare[0] in " \t" and n:  # a folded line continues the field above it
            if folding is not None:
                fields[folding] = f"{fields[folding]} {bare.strip()}"
        else:
            m = FIELD.match(bare)
            if not m:
                return None
            name = m.group(1).lower()
            folding = None if name in fields else name
            fields.setdefault(name, (m.group(2) or "").strip())
        pos += len(line)
    else:
        if len(head) == len(text):
            pos = len(text)  # the whole text is a header block: still a message, with no body
        else:
            return None
    if len(fields) < MIN_FIELDS or not MESSAGE_FIELDS & fields.keys():
        return None
    return MessageHeader(fields, pos)
