"""Provenance: every fact in the report links to its quote in the source.

Sections call `Evidence.cite(doc_id, raw_start, raw_end)` with offsets into
`documents.text` and put the returned link next to the fact. The report ends
with an appendix, per document, of every cited quote: the surrounding text
taken from the raw document itself, the cited span highlighted, the file and
the offsets, so a reader can check the quote against the source.

Only the cited documents' text is read, when the appendix is built: the
appendix grows with what the report shows, never with the corpus.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from pipeline.report.html import Markup, esc

CONTEXT_CHARS = 240  # at most this much text on each side of a cited span
LONG_SPAN = 700  # a longer cited span shows its start and end, and says how much is left out
SENTENCE_EDGE = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")


@dataclass
class Citation:
    anchor: str
    doc_id: str
    raw_start: int
    raw_end: int
    cited_by: list[str] = field(default_factory=list)


class Evidence:
    """Collects citations in the order sections make them (deterministic)."""

    def __init__(self, documents, texts: Callable[[Iterable[str]], dict[str, str]] | None = None,
                 pages: Callable[[Iterable[str]], "pd.DataFrame"] | None = None):
        """documents: DataFrame with doc_id, source_path, title (page_count and parent_doc_id
        if known), and for small inputs text; otherwise `texts(doc_ids) -> {doc_id: text}` is
        called once, for the cited documents only, when the appendix is built. `pages(doc_ids)`
        gives the passages' (doc_id, char_start, char_end, page) of the cited paged documents,
        so that each quote says its page."""
        self._docs = {r.doc_id: r for r in documents.itertuples()} if documents is not None else {}
        self._texts: dict[str, str] = (dict(zip(documents["doc_id"], documents["text"]))
                                       if documents is not None and "text" in documents else {})
        self._load_texts = texts
        self._load_pages = pages
        self._by_key: dict[tuple[str, int, int], Citation] = {}

    def __len__(self) -> int:
        return len(self._by_key)

    def _citation(self, doc_id: str, raw_start: int, raw_end: int, label: str) -> Citation:
        key = (doc_id, int(raw_start), int(raw_end))
        citation = self._by_key.get(key)
        if citation is None:
            citation = Citation(f"ev-{len(self._by_key) + 1}", *key)
            self._by_key[key] = citation
        if label and label not in citation.cited_by:
            citation.cited_by.append(label)
        return citation

    def where(self, doc_id: str, raw_start: int, raw_end: int) -> str:
        """"file chars a–b": where a quote is, for a tooltip."""
        doc = self._docs.get(doc_id)
        return f"{doc.source_path} chars {raw_start}–{raw_end}" if doc is not None else doc_id

    def cite(self, doc_id: str, raw_start: int, raw_end: int, label: str = "") -> Markup:
        """A link to the quote at documents.text[raw_start:raw_end] of doc_id."""
        citation = self._citation(doc_id, raw_start, raw_end, label)
        return Markup('<a class="cite" href="#{}" title="{}">quote</a>').format(
            citation.anchor, self.where(doc_id, raw_start, raw_end))

    def anchor(self, doc_id: str, raw_start: int, raw_end: int, label: str = "") -> str:
        """The appendix anchor ("ev-N") of the quote, for a link drawn by a chart."""
        return self._citation(doc_id, raw_start, raw_end, label).anchor

    def quote_html(self, citation: Citation) -> Markup:
        """The cited span in its sentence, highlighted, straight from the raw text."""
        text = self._texts[citation.doc_id]
        lo = max(0, citation.raw_start - CONTEXT_CHARS)
        hi = min(len(text), citation.raw_end + CONTEXT_CHARS)
        before = text[lo:citation.raw_start]
        after = text[citation.raw_end:hi]
        edges = list(SENTENCE_EDGE.finditer(before))
        if edges:
            before = before[edges[-1].end():]
        elif lo > 0:
            before = "…" + before
        edge = SENTENCE_EDGE.search(after)
        if edge:
            after = after[:edge.start()]
        elif hi < len(text):
            after = after + "…"
        span = text[citation.raw_start:citation.raw_end]
        if len(span) > LONG_SPAN:
            cut = len(span) - 500
            marked = Markup("<mark>{}</mark> <i>[… {:,} characters …]</i> <mark>{}</mark>").format(
                span[:400], cut, span[-100:])
        else:
            marked = Markup("<mark>{}</mark>").format(span)
        return Markup("{}{}{}").format(before, marked, after)

    def appendix_html(self) -> Markup:
        """Per-document list of cited quotes, in document order."""
        if not self._by_key:
            return Markup()
        by_doc: dict[str, list[Citation]] = {}
        for c in self._by_key.values():
            by_doc.setdefault(c.doc_id, []).append(c)
        missing = sorted(d for d in by_doc if d in self._docs and d not in self._texts)
        if missing and self._load_texts is not None:
            self._texts.update(self._load_texts(missing))
        pages = self._page_lookups([d for d in by_doc if _paged(self._docs.get(d))])
        parts = [Markup('<p>Every quote the report cites, from the raw document text '
                        '(<code>data/ingest/documents.parquet</code>, column <code>text</code>). '
                        'The highlighted words are exactly <code>text[start:end]</code>.</p>')]
        for doc_id in sorted(by_doc, key=lambda d: self._docs[d].source_path if d in self._docs else d):
            doc = self._docs.get(doc_id)
            if doc is None or doc_id not in self._texts:
                continue
            parts.append(Markup('<h3 id="doc-{id}">{path}</h3>'
                                '<p class="note">{title} · doc_id {id}{about}</p><ol class="quotes">').format(
                id=doc_id, path=doc.source_path, title=esc(doc.title or ""), about=self._about(doc)))
            page_of = pages.get(doc_id)
            for c in sorted(by_doc[doc_id], key=lambda c: (c.raw_start, c.raw_end)):
                cited = " · cited for " + ", ".join(c.cited_by) if c.cited_by else ""
                page_no = page_of(c.raw_start) if page_of is not None else None
                page = f"page {page_no} · " if page_no else ""
                parts.append(Markup('<li id="{}"><blockquote>{}</blockquote>'
                                    '<span class="note">{}chars {}–{}{}</span></li>').format(
                    c.anchor, self.quote_html(c), page, c.raw_start, c.raw_end, cited))
            parts.append(Markup("</ol>"))
        return Markup("").join(parts)

    def _page_lookups(self, doc_ids: list[str]) -> dict[str, Callable[[int], int | None]]:
        """doc_id -> (raw offset -> page), from the documents' passages (a passage never
        crosses a page)."""
        if not doc_ids or self._load_pages is None:
            return {}
        rows = self._load_pages(doc_ids)
        out = {}
        for doc_id, g in rows.sort_values(["doc_id", "char_start"]).groupby("doc_id", sort=False):
            starts, ends, page = g["char_start"].tolist(), g["char_end"].tolist(), g["page"].tolist()

            def lookup(pos: int, starts=starts, ends=ends, page=page) -> int | None:
                i = bisect.bisect_right(starts, pos) - 1
                if i >= 0 and pos < ends[i] and page[i] == page[i]:  # NaN != NaN: no page
                    return int(page[i])
                return None
            out[doc_id] = lookup
        return out

    def _about(self, doc) -> Markup:
        """" · 12 pages", " · attachment of <message>" for a document's heading."""
        parts = []
        if _paged(doc):
            parts.append(f" · {int(doc.page_count)} page{'s' if int(doc.page_count) != 1 else ''}")
        parent = getattr(doc, "parent_doc_id", None)
        if isinstance(parent, str) and parent:
            message = self._docs.get(parent)
            parts.append(f" · attachment of {message.source_path if message is not None else parent}")
        return Markup("").join(esc(p) for p in parts)


def _paged(doc) -> bool:
    count = getattr(doc, "page_count", None) if doc is not None else None
    return count is not None and count == count  # not null, not NaN
