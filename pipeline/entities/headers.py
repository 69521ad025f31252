"""Names in e-mail and news headers: who wrote a message, and for which organisation.

The clean stage marks a header block as furniture, so the model does not read "Lines: 51" or
"NNTP-Posting-Host: ..." (and makes no entity of them). Two kinds of field do name people and
organisations, and are read here by their format (RFC 5322 / 5536):

- the display name of an address in From:, Reply-To:, Sender: and in a quote's introduction
  ("In article <...>, addr (Name) writes:", "Name <addr> wrote:") is a PERSON when it is written
  like a personal name: two to four capitalised words (initials allowed), no digits, no '@'; text
  after a comma is a role ("Daniel R. Reitman, Attorney to Be");
- the value of Organization: names institutions and places ("DSG, Stanford University, CA 94305,
  USA"): the model reads it, and only it (`model_view` blanks the rest of the block, keeping every
  offset), when it is written as names (most words capitalised; not "Privately owned and operated
  UUCP site.").
"""

from __future__ import annotations

import re

# "From: addr (Name)", "From: Name <addr>", "From: \"Name\" <addr>"
_ADDRESS_FIELD = re.compile(r"^(?:from|reply-to|sender)[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.I | re.M)
_ORGANISATION_FIELD = re.compile(r"^organi[sz]ation[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.I | re.M)
# a quote's introduction: "In article <id>, addr (Name) writes:", "addr (Name) wrote:", "Name <addr> writes:"
_QUOTE_INTRO = re.compile(r"^[>|: \t]*(?:in article <[^>\n]{1,200}>,?[ \t]*)?(?P<value>[^\n]{1,200}?)[ \t]+"
                          r"(?:writes|wrote)[ \t]*:", re.I | re.M)
_IN_PARENS = re.compile(r"\S+@\S+[ \t]*\((?P<name>[^()\n]{2,80})\)")
_BEFORE_ANGLE = re.compile(r"(?P<q>\"?)(?P<name>[^<>\"\n]{2,80}?)(?P=q)[ \t]*<[^<>\n]+@[^<>\n]+>")
_FUNCTION_WORDS = {"of", "the", "and", "for", "at", "in", "on", "de", "du", "la", "le", "der", "und", "a", "an", "&"}
_NAME = re.compile(r"(?:[A-Z][a-z'’-]+|[A-Z]\.?)(?:[ \t]+(?:[A-Z][a-z'’-]+|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)){1,3}")


def _display_name(value: str, offset: int) -> tuple[int, int] | None:
    """The span of the personal name in an address field's value, if it has one."""
    m = _IN_PARENS.search(value) or _BEFORE_ANGLE.search(value)
    if not m:
        return None
    a, b = m.span("name")
    name = value[a:b].split(",")[0].rstrip()       # "Daniel R. Reitman, Attorney to Be"
    lead = len(name) - len(name.lstrip())
    name = name.strip()
    if not _NAME.fullmatch(name):
        return None
    return offset + a + lead, offset + a + lead + len(name)


def header_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, 'PERSON') for the display names in address fields and quote introductions."""
    if "@" not in text:  # every display name stands beside an address: most passages have none
        return []
    out = []
    for rx in (_ADDRESS_FIELD, _QUOTE_INTRO):
        for m in rx.finditer(text):
            span = _display_name(m.group("value"), m.start("value"))
            if span:
                out.append((span[0], span[1], "PERSON"))
    return sorted(set(out))


def _reads_as_names(value: str) -> bool:
    """An Organization value written as names ("DSG, Stanford University, CA 94305, USA"), not as a
    sentence about the site ("Privately owned and operated UUCP site."): most of its words capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’&.-]*", value) if w.lower() not in _FUNCTION_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def model_view(text: str) -> str:
    """The header block with everything but the Organization values that read as names blanked
    (same length)."""
    keep = [m.span("value") for m in _ORGANISATION_FIELD.finditer(text) if _reads_as_names(m.group("value"))]
    out = [c if c == "\n" else " " for c in text]
    for a, b in keep:
        out[a:b] = text[a:b]
    return "".join(out)
