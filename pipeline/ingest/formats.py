"""Turn a decoded file into its text, title and publication date, by format.

Plain text and Markdown keep their text exactly as decoded (offsets point into
the file). HTML is reduced to its visible text: scripts, styles and markup are
dropped, block elements become line breaks, entities are decoded.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from pipeline.ingest.message import message_header
from pipeline.text.dates import parse_date
from pipeline.text.furniture import FurnitureRules, furniture_rules

TITLE_MAX = 200
DATELINE_LINES = 30


@dataclass(frozen=True)
class Parsed:
    text: str
    title: str | None
    published: str | None  # ISO date (or year-month)


HEAD_CHARS = 8000  # titles and datelines stand near the top: never scan a whole book


# page furniture above a headline ("What's new", "Menu", "Share", "Map") is passed over, up to
# this many lines: the clean stage's default furniture rules (pipeline/text/furniture.yaml)
TITLE_FURNITURE_LINES = 8


@lru_cache(maxsize=1)
def _furniture() -> FurnitureRules:
    return FurnitureRules(furniture_rules(), max_line_chars=TITLE_MAX, repeated_min_chars=TITLE_MAX + 1)


def _first_line_title(text: str) -> str | None:
    """The first line that is not page furniture, if it reads as a headline (short, no
    closing punctuation); None when the text opens with a sentence."""
    skipped = 0
    for line in text[:HEAD_CHARS].splitlines():
        line = line.strip()
        if not line:
            continue
        if skipped < TITLE_FURNITURE_LINES and _furniture().rule_of(line) is not None:
            skipped += 1
            continue
        if len(line) <= TITLE_MAX and not line.endswith((".", ",", ";", ":")):
            return line
        return None
    return None


# "Published: 2016-05-02", "Posted on May 2, 2016 at 10:32 am", "Updated: 02.05.2016 10:32 EDT": a
# label of publication followed by a date (and perhaps a time) is the publication date, as web
# articles write it. "Updated" counts only when no line says when the text was first published.
PUBLISHED_LABEL = re.compile(
    r"^\W*(?:(?P<updated>(?:last\s+)?(?:updated|modified)(?:\s+on)?)|"
    r"(?:first\s+)?(?:published|posted|date|dated|released|issued)(?:\s+(?:on|at))?)\s*[:\-–—|]?\s*", re.I)
_TIME = r"(?:\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*\(?[A-Z]{2,5}\)?)?"
_TRAILING_TIME = re.compile(r"(?:\s*(?:,|\||·|-|–|—|\bat\b|T)?\s*" + _TIME +
                            r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)\s*\W*$", re.I)
_LEADING_TIME = re.compile(r"^\s*" + _TIME + r"\s*(?:,|\||·|-|–|—|\bon\b)?\s*", re.I)
_SHORT_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+(?=\d)", re.I)


def _labelled_date(line: str) -> tuple[str, bool] | None:
    """(ISO date, is only an update time) of a line "Published: <date> [time]", else None."""
    m = PUBLISHED_LABEL.match(line)
    if not m:
        return None
    rest = _SHORT_WEEKDAY.sub("", line[m.end():].strip())
    if not rest or len(rest) > 60:
        return None
    for cand in (rest, _TRAILING_TIME.sub("", rest), _LEADING_TIME.sub("", rest),
                 _TRAILING_TIME.sub("", _LEADING_TIME.sub("", rest))):
        found = parse_date(cand.strip(" ,|")) if cand.strip() else None
        if found:
            return found[0], bool(m.group("updated"))
    return None


def _dateline(text: str) -> str | None:
    """The publication date: a line near the top that is nothing but a date, or a label of
    publication followed by a date ("Published: 2016-05-02", "Posted on May 2, 2016 at 10:32 am")."""
    updated = None
    for i, line in enumerate(text[:HEAD_CHARS].splitlines()):
        if i >= DATELINE_LINES:
            break
        if 6 <= len(line.strip()) <= 80:
            found = parse_date(line) if len(line.strip()) <= 60 else None
            if found:
                return found[0]
            labelled = _labelled_date(line)
            if labelled and not labelled[1]:
                return labelled[0]
            if labelled and updated is None:
                updated = labelled[0]
    return updated


def parse_txt(text: str) -> Parsed:
    """A message (it opens with e-mail or news header fields) is titled by its Subject and
    dated by its Date field; other text by its first headline-like line and its dateline."""
    header = message_header(text)
    if header is not None:
        body = text[header.end:]
        return Parsed(text, header.subject or _first_line_title(body), header.date or _dateline(body))
    return Parsed(text, _first_line_title(text), _dateline(text))


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def parse_md(text: str) -> Parsed:
    title = published = None
    fm = FRONT_MATTER.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() == "title" and value:
                title = value
            if key.strip().lower() in ("date", "published") and value:
                found = parse_date(value[:10]) or parse_date(value)
                published = found[0] if found else None
    body = text[fm.end():] if fm else text
    if title is None:
        h = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
        title = h.group(1) if h else _first_line_title(body)
    return Parsed(text, title, published or _dateline(body))


BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr",
    "dd", "dt", "dl", "figure", "figcaption", "main", "aside", "nav", "form",
    "title", "td", "th",
}
HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
DATE_META = {"article:published_time", "date", "dc.date", "pubdate", "datepublished",
             "og:published_time", "publishdate"}


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.in_title = False
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.in_h1 = False
        self.published: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in DATE_META and not self.published:
                self.published = a.get("content", "")
            if key == "og:title" and not self.title:
                self.title.append(a.get("content", ""))
        if tag == "time" and not self.published and a.get("datetime"):
            self.published = a["datetime"]
        if tag == "title":
            self.in_title = True
        if tag in HIDDEN:
            self.hidden += 1
        if tag == "h1" and self.h1 is None:
            self.h1, self.in_h1 = [], True
        if tag in BLOCK and not self.hidden:
            self.parts.append("\n\n" if tag in ("p", "div", "h1", "h2", "h3", "table", "section", "article", "blockquote") else "\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "h1":
            self.in_h1 = False
        if tag in BLOCK and not self.hidden:
            self.parts.append("\n\n" if tag in ("p", "div", "h1", "h2", "h3", "table", "section", "article", "blockquote") else "\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.hidden:
            return
        if self.in_h1 and self.h1 is not None:
            self.h1.append(data)
        self.parts.append(data)


# runs of blanks that are not already one plain space (a lone space between words is left
# alone: rewriting every word gap took most of the time of this step)
_BLANK_RUN = re.compile(r"(?: [ \t\r\f\v\u00a0]|[\t\r\f\v\u00a0])[ \t\r\f\v\u00a0]*")
_SPACED_NEWLINE = re.compile(r" +\n *|\n +")
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Collapse the whitespace that markup leaves behind, keep paragraph breaks."""
    text = _BLANK_RUN.sub(" ", text)
    text = _SPACED_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip() + "\n" if text.strip() else ""


def parse_html(text: str) -> Parsed:
    p = _Extractor()
    p.feed(text)
    p.close()
    body = _tidy("".join(p.parts))
    page_title = " ".join("".join(p.title).split())
    if page_title and _furniture().rule_of(page_title) is not None:
        page_title = ""  # a <title> that is only a navigation label ("Home", "What's new")
    title = page_title or (" ".join("".join(p.h1 or []).split()) or None)
    published = None
    if p.published:
        raw = html.unescape(p.published).strip()
        found = parse_date(raw[:10]) or parse_date(raw)
        published = found[0] if found else None
    return Parsed(body, title or _first_line_title(body), published or _dateline(body))


PARSERS = {"txt": parse_txt, "md": parse_md, "html": parse_html}
