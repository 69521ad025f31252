"""Title and date of an extracted document: its metadata when sensible, else the text's own."""

from __future__ import annotations

import re

from pipeline.ingest.formats import TITLE_MAX, parse_txt

# what authoring tools write as a "title" that is not one: file names, templates, placeholders
NOT_A_TITLE = re.compile(
    r"^(?:untitled|no title|title|document\d*|microsoft word\b.*|slide \d+|\W*)$"
    r"|\.(?:pdf|docx?|odt|rtf|txt|html?|tmp|indd|qxd|ps|dvi|eml)$", re.I)


def sensible(title: str | None) -> str | None:
    """A metadata title, tidied, or None when it is empty, too long or a tool's placeholder."""
    if not title:
        return None
    title = " ".join(title.split())
    if not title or len(title) > TITLE_MAX or NOT_A_TITLE.search(title):
        return None
    return title


def title_and_date(text: str, meta_title: str | None = None) -> tuple[str | None, str | None]:
    """(title, ISO date): the metadata title when sensible, else the first headline-like line;
    the date a dateline near the top states, as for plain text."""
    parsed = parse_txt(text)
    return sensible(meta_title) or parsed.title, parsed.published
