"""Split a document into passages with exact character offsets.

A passage is a block between blank lines, trimmed of surrounding whitespace.
A block longer than `max_chars` is cut at line breaks, then sentence ends,
then spaces, and only as a last resort mid-word, so no passage is unbounded
(a 5 MB single-line file still yields bounded passages). A paged document
(PDF) is split page by page, so no passage crosses a page boundary and each
one carries its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from pipeline.ingest.readers.base import PageSpan

BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0\u200b]*\n")
SENTENCE_END = re.compile(r"[.!?…]['\"’”»)]*\s+")


_NON_SPACE = re.compile(r"\S")  # (\s is what str.isspace is: the same characters strip() removes)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace, without copying the span: a document of
    one 50 MB line is cut thousands of times, and copying the rest at each cut made that quadratic."""
    m = _NON_SPACE.search(text, start, end)
    if m is None:
        return end, end
    start = m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_point(text: str, start: int, end: int, max_chars: int) -> int:
    """Where to cut a too-long span [start, end): the best break before the limit."""
    limit = start + max_chars
    window_start = start + max_chars // 2
    nl = text.rfind("\n", window_start, limit)
    if nl > start:
        return nl + 1
    best = -1
    for m in SENTENCE_END.finditer(text, window_start, limit):
        best = m.end()
    if best > start:
        return best
    sp = max(text.rfind(" ", window_start, limit), text.rfind("\t", window_start, limit))
    if sp > start:
        return sp + 1
    return limit


def split_passages(text: str, max_chars: int, start: int = 0, end: int | None = None
                   ) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty passage of text[start:end], in order (offsets into `text`)."""
    end = len(text) if end is None else end
    pos = start
    bounds = [(m.start(), m.end()) for m in BLANK_LINES.finditer(text, start, end)]
    bounds.append((end, end))
    for gap_start, gap_end in bounds:
        start, end = _trim(text, pos, gap_start)
        pos = gap_end
        while start < end:
            if end - start <= max_chars:
                yield start, end
                break
            cut = _cut_point(text, start, end, max_chars)
            s, e = _trim(text, start, cut)
            if s < e:
                yield s, e
            start, _ = _trim(text, cut, end)


@dataclass(frozen=True)
class Passages:
    """A document's passages: (start, end) offsets and, for a paged document, each one's page."""

    spans: list[tuple[int, int]]
    pages: list[int] | None  # None: the document has no pages


def split_document(text: str, max_chars: int, pages: Sequence[PageSpan] | None = None) -> Passages:
    """The passages of a document; with `pages`, split within each page so none crosses a page."""
    if pages is None:
        return Passages(list(split_passages(text, max_chars)), None)
    spans: list[tuple[int, int]] = []
    numbers: list[int] = []
    for page in pages:
        found = list(split_passages(text, max_chars, page.start, page.end))
        spans.extend(found)
        numbers.extend([page.number] * len(found))
    return Passages(spans, numbers)
