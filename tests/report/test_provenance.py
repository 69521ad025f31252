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


def test_quotes_of_a_paged_document_say_their_page_and_an_attachment_its_message():
    docs = pd.DataFrame([
        {"doc_id": "m1", "source_path": "seeds/tip.eml", "title": "Tip", "text": "See the statement attached.",
         "page_count": None, "parent_doc_id": None},
        {"doc_id": "p1", "source_path": "seeds/tip.eml#1/statement.pdf", "title": "Statement",
         "text": "Page one: 20 fell.\n\f\nPage two: 11 died.", "page_count": 2, "parent_doc_id": "m1"}])
    passages = pd.DataFrame({"doc_id": ["p1", "p1"], "char_start": [0, 21], "char_end": [18, 39], "page": [1, 2]})
    ev = Evidence(docs, pages=lambda ids: passages[passages["doc_id"].isin(list(ids))])
    text = docs.loc[1, "text"]
    for figure in ("20", "11"):
        ev.cite("p1", text.index(figure), text.index(figure) + 2, "killed")
    ev.cite("m1", 0, 3)
    html = ev.appendix_html()
    assert "2 pages · attachment of seeds/tip.eml" in html
    assert re.findall(r'<span class="note">(page \d) · chars', html) == ["page 1", "page 2"]
    assert '<span class="note">chars 0–3' in html  # an unpaged document's quote has no page


def test_built_pdf_quotes_show_their_page(built_project):
    """The session's project holds a two-page PDF statement: each of its quotes says its page."""
    html = (built_project / "reports" / "report.html").read_text()
    assert "seeds/statement.pdf" in html
    appendix = html[html.index("<h3 id=\"doc-", html.index('id="evidence"')):]
    doc = appendix[appendix.index("seeds/statement.pdf</h3>"):]
    doc = doc[:doc.index("</ol>")]
    assert "2 pages" in doc
    notes = re.findall(r'<span class="note">(.*?)</span>', doc)
    assert notes and all(re.match(r"page [12] · chars", n) for n in notes), notes
    assert any(n.startswith("page 2") for n in notes)
