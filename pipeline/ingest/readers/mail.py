"""E-mail messages (.eml, RFC 822) through the standard library's `email` package.

Headers are metadata, not text: Subject is the title, Date the published date
(without them, the body's first line and dateline, as for plain text).
The text is the text/plain body (or the text/html one, reduced to its visible
text as an HTML file is); quoted reply blocks stay in it (dedup links them).
Attachments are handed back as bytes: the stage reads each as a document of its
own, linked to its message, through the same readers as a file (so a forwarded
message is read as a message, nested ones up to ingest.max_message_depth).
"""

from __future__ import annotations

import codecs
import email
import email.policy
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from pipeline.ingest.encoding import NotText, decode_counting
from pipeline.ingest.formats import parse_html
from pipeline.ingest.readers.base import Attachment, Extracted, Skipped, Unreadable
from pipeline.ingest.readers.titles import title_and_date


def _decoded(part: EmailMessage) -> tuple[str, str, int]:
    """A text part's (text, encoding, n_replaced): its declared charset when that decodes it
    cleanly, else the encoding detected as for a file."""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset), codecs.lookup(charset).name, 0
        except (LookupError, UnicodeDecodeError):
            pass
    if not payload.strip():
        return "", "ascii", 0
    return decode_counting(payload)


def _published(msg: EmailMessage) -> str | None:
    raw = msg.get("Date", failobj=None)
    if raw is None:
        return None
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when.date().isoformat() if when is not None else None


def _subject(msg: EmailMessage) -> str | None:
    try:
        subject = " ".join(str(msg.get("Subject", "")).split())
    except (ValueError, LookupError):  # a header the parser cannot decode: no title rather than no document
        return None
    return subject or None


def _attachment(part: EmailMessage) -> Attachment:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        data = inner.as_bytes() if isinstance(inner, EmailMessage) else b""
        return Attachment(part.get_filename() or "message.eml", data)
    return Attachment(part.get_filename() or "", part.get_payload(decode=True) or b"")


# The default policy parses a header when it is read, in time that grows faster than its length
# (a 1 MB Subject took 13 s): each header value is cut to this many characters before parsing.
MAX_HEADER_CHARS = 1000


class _BoundedHeaders(HeaderRegistry):
    """The default header classes, fed at most MAX_HEADER_CHARS of each value."""

    def __call__(self, name, value):
        return super().__call__(name, value[:MAX_HEADER_CHARS])


POLICY = email.policy.default.clone(header_factory=_BoundedHeaders())


def parse_message(data: bytes) -> EmailMessage:
    """The message as the standard library's default policy reads it, headers bounded."""
    return email.message_from_bytes(data, policy=POLICY)


def read_eml(data: bytes, max_attachments: int) -> Extracted:
    """The message's body and metadata, and at most `max_attachments` attachments (the rest skipped
    with a reason). A message without a text body has empty text; its attachments still count."""
    try:
        return _read_message(parse_message(data), max_attachments)
    except RecursionError as exc:  # the parser recurses once per level of MIME parts
        raise Unreadable("e-mail with MIME parts nested too deep for the parser (hundreds of levels): "
                         "not read") from exc
    except (LookupError, AttributeError, TypeError, IndexError) as exc:  # the parser on a malformed part
        raise Unreadable(f"malformed e-mail: the standard library cannot take it apart ({type(exc).__name__}: "
                         f"{exc})") from exc


def _read_message(msg: EmailMessage, max_attachments: int) -> Extracted:
    if msg.defects and not msg.keys():
        raise NotText("not an e-mail message: no headers")
    body = msg.get_body(preferencelist=("plain", "html"))
    text, encoding, n_replaced = _decoded(body) if body is not None else ("", "ascii", 0)
    if body is not None and body.get_content_type() == "text/html":
        text = parse_html(text).text
    attachments, skipped = [], []
    for i, part in enumerate(msg.iter_attachments()):
        if i >= max_attachments:  # the rest are counted, not parsed: their headers cost time too
            n_more = len(msg.get_payload()) - i - (body is not None)
            skipped.append(Skipped("#attachments", f"{n_more} more attachment(s) not read: the message has more "
                                                   f"than ingest.max_attachments={max_attachments}"))
            break
        attachments.append(_attachment(part))
    title, dateline = title_and_date(text)  # for a message without Subject or Date
    return Extracted(text, _subject(msg) or title, _published(msg) or dateline, encoding, n_replaced,
                     attachments=tuple(attachments), skipped=tuple(skipped))
