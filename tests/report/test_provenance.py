"""Citations: the highlighted words are exactly the raw span, escaped, stable."""

from __future__ import annotations

import re

import pandas as pd

from pipeline.report.provenance import Evidence

TEXT = ("Intro line.\n\nOn December 16, police shot dead at least 16 people. Others say 70 "
        "<script>alert(1)</script> died. Later text.")
DOCS = pd.DataFrame([{"doc_id": "d1", "source_path": "seeds/a.txt", "title": "A", "text": TEXT}])


def test_quote_marks_exactly_the_raw_span_within_its_sentence():
    ev = Evidence(DOCS)
    start = TEXT.index("at least 16")
    link = ev.cite("d1", start, start + len("at least 16"), "killed")
    assert 'href="#ev-1"' in link.html and "seeds/a.txt chars" in link.html
    html = ev.appendix_html()
    marked = re.search(r"<mark>(.*?)</mark>", html).group(1)
    assert marked == "at least 16"
    quote = re.search(r"<blockquote>(.*?)</blockquote>", html).group(1)
    assert quote.startswith("On December 16") and quote.endswith("people.")


def test_document_text_in_quotes_is_escaped():
    ev = Evidence(DOCS)
    start = TEXT.index("<script>")
    ev.cite("d1", start, start + len("<script>alert(1)</script>"))
    html = ev.appendix_html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_same_span_is_one_citation_and_anchors_follow_citation_order():
    ev = Evidence(DOCS)
    a = ev.cite("d1", 20, 30, "x")
    b = ev.cite("d1", 0, 5, "y")
    c = ev.cite("d1", 20, 30, "z")
    assert a.html == c.html and 'href="#ev-2"' in b.html and len(ev) == 2
    assert "cited for x, z" in ev.appendix_html()
