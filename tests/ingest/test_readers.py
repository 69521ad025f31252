"""PDF, Word, e-mail and files without an extension, made from the seeds, read by the stage's
pure functions (discover, read_partition) as a corpus of them would be: every word kept, every
PDF passage on its page, attachments linked to their message. Then hostile files of each format:
each one a rejection with a reason (or read within the limits), never a crash or a hang."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
import zlib
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

import docx
import pypdf
import pypdfium2 as pdfium
import pytest
from hypothesis import given, strategies as st
from weasyprint import HTML

from pipeline.core.paths import CORPUS_FILES
from pipeline.ingest.params import IngestParams
from pipeline.ingest.passages import split_document
from pipeline.ingest.readers.base import PageSpan
from pipeline.ingest.stage import discover, read_partition
from tests.conftest import SEEDS

SEED_FILES = sorted(f for f in SEEDS.iterdir() if f.suffix == ".txt" and f.name not in CORPUS_FILES)
WORD = re.compile(r"\w+")
PDF_TITLE = "Janaozen: a report in pages"
SUBJECT = "Tip: what happened in Zhanaozen"


def words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text))


def share_kept(original: str, extracted: str) -> float:
    """Share of the original's words (with repeats) found in the extracted text."""
    want, got = words(original), words(extracted)
    return sum((want & got).values()) / sum(want.values())


def make_pdf(text: str, title: str = PDF_TITLE, extra_html: str = "") -> bytes:
    """A text PDF of `text`, one <p> per paragraph, on small pages (so several of them)."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    page = "<style>@page { size: A6; margin: 1cm } body { font-size: 9pt }</style>"
    return HTML(string=f"<html><head><title>{html.escape(title)}</title>{page}</head>"
                       f"<body>{paras}{extra_html}</body></html>").write_pdf()


def make_docx(text: str) -> bytes:
    doc = docx.Document()
    for para in text.split("\n\n"):
        doc.add_paragraph(para.strip())
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Casualties", "Source"
    table.cell(1, 0).text, table.cell(1, 1).text = "16", "officials"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_eml(body: str, attachment: bytes, attachment_name: str = "statement.txt") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = "Witness <w@example.org>", "desk@example.org"
    msg["Subject"], msg["Date"] = SUBJECT, "Fri, 16 Dec 2011 18:30:00 +0600"
    msg.set_content(body)
    msg.add_attachment(attachment, maintype="text", subtype="plain", filename=attachment_name)
    return bytes(msg)


def ingest(root: Path, params: IngestParams | None = None):
    """The project's input folder through the stage's pure functions: early rejections and the
    three tables (documents, passages, rejected) as frames."""
    params = params or IngestParams()
    files, early = discover(root, params)
    return early, *(t.to_pandas() for t in read_partition(root, files, params))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus of the seeds as people hold them: PDF, DOCX, an e-mail with an attachment, no extension."""
    root = tmp_path_factory.mktemp("formats")
    folder = root / "seeds"
    folder.mkdir()
    texts = [f.read_text(encoding="utf-8") for f in SEED_FILES]
    (folder / "report.pdf").write_bytes(make_pdf(texts[0]))
    (folder / "statement.docx").write_bytes(make_docx(texts[1]))
    (folder / "tip.eml").write_bytes(make_eml(texts[2], texts[3].encode("utf-8")))
    (folder / "forum_post_0001").write_bytes(SEED_FILES[4].read_bytes())
    return texts, *ingest(root)


def test_every_format_is_read_without_a_rejection(corpus):
    texts, early, docs, _, bad = corpus
    assert early == [] and bad.empty, (early, bad.to_dict("records"))
    by_path = docs.set_index("source_path")
    assert by_path["format"].to_dict() == {
        "seeds/report.pdf": "pdf", "seeds/statement.docx": "docx", "seeds/tip.eml": "eml",
        "seeds/tip.eml#1/statement.txt": "txt", "seeds/forum_post_0001": "txt"}
    for path, original in (("seeds/report.pdf", texts[0]), ("seeds/statement.docx", texts[1]),
                           ("seeds/tip.eml", texts[2]), ("seeds/tip.eml#1/statement.txt", texts[3]),
                           ("seeds/forum_post_0001", texts[4])):
        assert share_kept(original, by_path.loc[path, "text"]) >= 0.95, path


def test_pdf_passages_carry_their_page_and_never_cross_one(corpus):
    texts, _, docs, passages, _ = corpus
    pdf = docs[docs["format"] == "pdf"].iloc[0]
    assert pdf["title"] == PDF_TITLE
    ours = passages[passages["doc_id"] == pdf["doc_id"]]
    assert ours["page"].notna().all() and ours["page"].min() == 1
    assert ours["page"].max() == pdf["page_count"] > 3
    assert ours["page"].is_monotonic_increasing
    for p in ours.itertuples():
        assert pdf["text"][p.char_start:p.char_end] == p.text and "\f" not in p.text
    # paragraphs are found from the layout: the text file's passages, plus cuts at page ends
    paragraphs = len(split_document(texts[0], IngestParams().max_passage_chars).spans)
    assert paragraphs <= len(ours) <= paragraphs + pdf["page_count"]
    others = passages[passages["doc_id"] != pdf["doc_id"]]
    assert others["page"].isna().all()
    assert docs.loc[docs["format"] != "pdf", "page_count"].isna().all()


def test_each_pdf_page_holds_the_text_of_its_passages(tmp_path):
    text = SEED_FILES[0].read_text(encoding="utf-8")
    data = make_pdf(text)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "r.pdf").write_bytes(data)
    _, _, passages, _ = ingest(tmp_path)
    pdf = pdfium.PdfDocument(data)
    page_words = [words(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    for p in passages.itertuples():
        assert not words(p.text) - page_words[p.page - 1], p.page


def test_message_metadata_and_its_attachment(corpus):
    _, _, docs, _, _ = corpus
    by_path = docs.set_index("source_path")
    msg, att = by_path.loc["seeds/tip.eml"], by_path.loc["seeds/tip.eml#1/statement.txt"]
    assert msg["title"] == SUBJECT and msg["published_iso"] == "2011-12-16"
    assert "From:" not in msg["text"] and "Subject:" not in msg["text"]  # headers are metadata
    assert att["parent_doc_id"] == msg["doc_id"]
    assert by_path["parent_doc_id"].drop("seeds/tip.eml#1/statement.txt").isna().all()


def test_html_body_and_attachments_of_every_kind(tmp_path):
    """An HTML-only message with a PDF, an image and a forwarded message attached: the body's
    visible text, the PDF and the forwarded message read and linked, the image a rejection."""
    text = SEED_FILES[0].read_text(encoding="utf-8")
    forwarded = EmailMessage()
    forwarded["Subject"], forwarded["From"] = "Fwd: eyewitness", "x@example.org"
    forwarded.set_content("I saw the square from the bus station.")
    msg = EmailMessage()
    msg["Subject"], msg["From"] = "Material", "y@example.org"
    msg.add_alternative("<html><body><p>See the <b>report</b> attached.</p><script>x()</script></body></html>",
                        subtype="html")
    msg.add_attachment(make_pdf(text), maintype="application", subtype="pdf", filename="report.pdf")
    msg.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), maintype="image", subtype="png",
                       filename="photo.png")
    msg.add_attachment(forwarded)
    docs, passages, reasons = read_one(tmp_path, "material.eml", bytes(msg))
    by_path = docs.set_index("source_path")
    assert by_path.loc["seeds/material.eml", "text"] == "See the report attached.\n"
    parent = by_path.loc["seeds/material.eml", "doc_id"]
    pdf = by_path.loc["seeds/material.eml#1/report.pdf"]
    assert pdf["parent_doc_id"] == parent and pdf["page_count"] > 1
    assert share_kept(text, pdf["text"]) >= 0.95
    assert passages.loc[passages["doc_id"] == pdf["doc_id"], "page"].notna().all()
    fwd = by_path.loc["seeds/material.eml#3/message.eml"]
    assert fwd["title"] == "Fwd: eyewitness" and fwd["parent_doc_id"] == parent and fwd["format"] == "eml"
    assert "PNG" in reasons["seeds/material.eml#2/photo.png"]


def test_mbox_messages_are_documents_of_their_own(tmp_path):
    """An mbox without an extension (sniffed from its "From " line): every message a document, not
    capped like attachments; ">From " unescaped; a message's attachment linked to it."""
    with_attachment = make_eml("Second message.", b"The attached note.")
    posts = [b"From: a@example.org\nSubject: First\nDate: Mon, 2 May 2016 10:00:00 +0000\n\n"
             b"First message.\n>From the archive, a quoted line.\n",
             with_attachment.replace(b"\r\n", b"\n")]
    posts += [b"From: c@example.org\nSubject: Post %d\n\nMessage number %d.\n" % (i, i) for i in range(3, 201)]
    mbox = b"".join(b"From sender@example.org Mon May  2 10:00:00 2016\n" + p + b"\n" for p in posts)
    docs, _, reasons = read_one(tmp_path, "archive", mbox, max_attachments=5)
    by_path = docs.set_index("source_path")
    assert not reasons and len(docs) == 201  # 200 messages and one attachment
    first = by_path.loc["seeds/archive#1"]
    assert first["format"] == "eml" and first["title"] == "First" and first["published_iso"] == "2016-05-02"
    assert "From the archive" in first["text"] and ">From" not in first["text"]
    assert by_path.loc["seeds/archive#2#1/statement.txt", "parent_doc_id"] == by_path.loc["seeds/archive#2", "doc_id"]
    assert by_path.loc["seeds/archive#200", "title"] == "Post 200"
    docs, _, reasons = read_one(tmp_path / "capped", "archive", mbox, max_messages=150)
    assert len(docs) == 151 and "50 more message(s) not read" in reasons["seeds/archive#messages"]


def test_word_tables_are_read_in_order(corpus):
    _, _, docs, _, _ = corpus
    text = docs.set_index("source_path").loc["seeds/statement.docx", "text"]
    assert text.rstrip().endswith("Casualties\tSource\n16\tofficials")


def test_content_decides_before_the_extension(tmp_path):
    """A PDF called .txt, a Word file and an e-mail without extension, one with an unknown
    extension: each read as what it is. Binary content without an extension says how to map one."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    text = SEED_FILES[1].read_text(encoding="utf-8")
    (folder / "actually_a.pdf.txt").write_bytes(make_pdf(text))
    (folder / "word_file").write_bytes(make_docx(text + "\n\nword copy"))
    (folder / "message").write_bytes(make_eml("A short tip.", b"attached words"))
    (folder / "export.bin").write_bytes(make_pdf(text + "\n\nbin copy"))
    (folder / "photo").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    early, docs, _, bad = ingest(tmp_path)
    assert early == []
    formats = dict(zip(docs["source_path"], docs["format"]))
    assert formats == {"seeds/actually_a.pdf.txt": "pdf", "seeds/word_file": "docx", "seeds/message": "eml",
                       "seeds/message#1/statement.txt": "txt", "seeds/export.bin": "pdf"}
    reason = dict(zip(bad["source_path"], bad["reason"]))["seeds/photo"]
    assert "PNG" in reason and "ingest.formats" in reason


def test_plain_text_opening_with_news_headers_stays_text(tmp_path):
    """Mail headers without a MIME body (a news post) and headers in a .txt file are plain text."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    post = "From: a@b.example\nSubject: Re: brakes\nNewsgroups: rec.autos\n\nMy brakes faded.\n"
    (folder / "53001").write_text(post)
    (folder / "mail.txt").write_bytes(make_eml("Body.", b"x"))
    docs = ingest(tmp_path)[1]
    assert dict(zip(docs["source_path"], docs["format"])) == {"seeds/53001": "txt", "seeds/mail.txt": "txt"}


# --- hostile files -------------------------------------------------------------------------------

def read_one(tmp_path: Path, name: str, data: bytes, **params):
    """One file alone in a project's seeds/, read as the stage reads it: (documents, passages, reasons)."""
    root = tmp_path / name.replace(".", "_")
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / name).write_bytes(data)
    early, docs, passages, bad = ingest(root, IngestParams(**params))
    reasons = {r["source_path"]: r["reason"] for r in early} | dict(zip(bad["source_path"], bad["reason"]))
    return docs, passages, reasons


@pytest.mark.timeout(60)
def test_encrypted_pdf_is_rejected_with_a_reason(tmp_path):
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf("Secret minutes of the meeting.")))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    docs, _, reasons = read_one(tmp_path, "locked.pdf", out.getvalue())
    assert docs.empty and "encrypted PDF" in reasons["seeds/locked.pdf"]
    assert "password" in reasons["seeds/locked.pdf"]


@pytest.mark.timeout(60)
def test_corrupt_and_truncated_pdfs_are_rejected_or_read_within_reason(tmp_path):
    good = make_pdf(SEED_FILES[0].read_text(encoding="utf-8"))
    docs, _, reasons = read_one(tmp_path, "garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert docs.empty and "corrupt" in reasons["seeds/garbage.pdf"]
    docs, _, reasons = read_one(tmp_path, "truncated.pdf", good[: len(good) // 3])
    # pdfium may rebuild a cut file's index: then what it reads is a document, never a crash
    assert "seeds/truncated.pdf" in reasons or "seeds/truncated.pdf" in set(docs["source_path"])


@pytest.mark.timeout(60)
def test_pdf_limits_and_pages_without_text(tmp_path):
    text = SEED_FILES[0].read_text(encoding="utf-8")
    docs, _, reasons = read_one(tmp_path, "long.pdf", make_pdf(text), max_pages=2)
    assert docs.empty and "ingest.max_pages=2" in reasons["seeds/long.pdf"]
    blank = '<div style="page-break-before: always"></div><div style="page-break-before: always">End.</div>'
    docs, passages, reasons = read_one(tmp_path, "gap.pdf", make_pdf("Some words.", extra_html=blank), ocr="off")
    assert len(docs) == 1 and docs["page_count"][0] == 3 and set(passages["page"]) == {1, 3}
    assert list(docs["ocr_pages"][0]) == []
    assert reasons["seeds/gap.pdf#page=2"].startswith("page 2 has no text layer (scanned?); OCR is off")


def pdf_with_page(content: bytes) -> bytes:
    """A one-page PDF written by hand, its page's content stream `content` (Flate-compressed)."""
    stream = zlib.compress(content, 1)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


@pytest.mark.timeout(60)
def test_pdf_decompression_bomb_is_rejected_before_pdfium_reads_it(tmp_path):
    text = b"BT /F1 12 Tf 72 700 Td (Hello from a hand-made PDF) Tj ET\n"
    docs, _, reasons = read_one(tmp_path, "small.pdf", pdf_with_page(text), max_file_mb=1)
    assert docs["text"].tolist() == ["Hello from a hand-made PDF\n"] and not reasons
    bomb = pdf_with_page(text + b" " * (40 * 2**20))
    assert len(bomb) < 200_000
    docs, _, reasons = read_one(tmp_path, "bomb.pdf", bomb, max_file_mb=1)
    assert docs.empty and "PDF bomb" in reasons["seeds/bomb.pdf"] and "max_file_mb" in reasons["seeds/bomb.pdf"]


def scanned_pdf(text: str) -> tuple[bytes, str]:
    """(an image-only PDF of the first page of a text PDF of `text`, that page's text layer)."""
    pdf = pdfium.PdfDocument(make_pdf(text))
    layer = pdf[0].get_textpage().get_text_range()
    image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    out = io.BytesIO()
    image.save(out, "PDF", resolution=300)
    return out.getvalue(), layer


@pytest.mark.timeout(60)
def test_scanned_page_without_tesseract_says_how_to_install_it(tmp_path, monkeypatch):
    scan, _ = scanned_pdf(SEED_FILES[1].read_text(encoding="utf-8"))
    assert pdfium.PdfDocument(scan)[0].get_textpage().get_text_range() == ""
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    docs, _, reasons = read_one(tmp_path, "scan.pdf", scan)
    assert docs.empty
    assert reasons["seeds/scan.pdf"].startswith("page 1 has no text layer (scanned?); OCR is not available: "
                                                "install tesseract-ocr (apt-get install tesseract-ocr")


@pytest.mark.timeout(120)
def test_scanned_page_is_read_by_ocr(tmp_path):
    assert shutil.which("tesseract"), "tesseract-ocr is not installed: scripts/setup.sh --test installs it"
    scan, layer = scanned_pdf(SEED_FILES[1].read_text(encoding="utf-8"))
    docs, passages, reasons = read_one(tmp_path, "scan.pdf", scan)
    assert not reasons and len(docs) == 1
    assert list(docs["ocr_pages"][0]) == [1] and set(passages["page"]) == {1}
    assert share_kept(layer, docs["text"][0]) >= 0.9
    empty = HTML(string="<html><body><div style='height: 5cm; border: 1px solid'></div></body></html>").write_pdf()
    docs, _, reasons = read_one(tmp_path, "blank.pdf", empty)
    assert reasons["seeds/blank.pdf"] == "page 1 has no text layer and OCR found no text on it"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.timeout(60)
def test_docx_zip_bombs_are_rejected_before_they_inflate(tmp_path):
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (8 * 2**20)})
    assert len(bomb) < 100_000
    docs, _, reasons = read_one(tmp_path, "bomb.docx", bomb, max_file_mb=1)
    assert docs.empty and "zip bomb" in reasons["seeds/bomb.docx"] and "max_file_mb" in reasons["seeds/bomb.docx"]
    # one member lying about its size (100 bytes) in both of its headers: the read stops at the
    # declared size and the checksum fails, or it stops at the limit
    liar = bytearray(_zip({"word/document.xml": b" " * (8 * 2**20)}))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = liar.find(signature)
        liar[at + size_at:at + size_at + 4] = (100).to_bytes(4, "little")
    docs, _, reasons = read_one(tmp_path, "liar.docx", bytes(liar), max_file_mb=1)
    assert docs.empty and "corrupt Word document" in reasons["seeds/liar.docx"]
    xml_bomb = _zip({"word/document.xml": b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><w>&a;</w>'})
    docs, _, reasons = read_one(tmp_path, "entities.docx", xml_bomb)
    assert docs.empty and "DOCTYPE" in reasons["seeds/entities.docx"]


def _multipart(headers: str, parts: list[str], boundary: str) -> str:
    body = "".join(f"--{boundary}\n{p}\n" for p in parts)
    return (f"{headers}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\n\n"
            f"{body}--{boundary}--\n")


@pytest.mark.timeout(60)
def test_ten_thousand_attachments_are_read_up_to_the_limit(tmp_path):
    parts = ["Content-Type: text/plain\n\nThe body of the message.\n"]
    parts += [f"Content-Type: text/plain\nContent-Disposition: attachment; filename=\"note{i}.txt\"\n\n"
              f"Note number {i} of the flood.\n" for i in range(10_000)]
    data = _multipart("From: a@example.org\nSubject: Flood\n", parts, "b0").encode()
    docs, _, reasons = read_one(tmp_path, "flood.eml", data, max_attachments=50)
    assert len(docs) == 51 and (docs["parent_doc_id"].notna().sum() == 50)
    assert "9950 more attachment(s) not read" in reasons["seeds/flood.eml#attachments"]
    assert "ingest.max_attachments=50" in reasons["seeds/flood.eml#attachments"]


@pytest.mark.timeout(60)
def test_messages_nested_fifty_deep_are_read_to_the_depth_limit(tmp_path):
    inner = "From: a@example.org\nSubject: Level 50\n\nThe innermost words.\n"
    for level in range(49, -1, -1):
        inner = _multipart(f"From: a@example.org\nSubject: Level {level}\n",
                           [f"Content-Type: text/plain\n\nWords of level {level}.\n",
                            f"Content-Type: message/rfc822\n\n{inner}"], f"b{level}")
    docs, _, reasons = read_one(tmp_path, "deep.eml", inner.encode(), max_message_depth=5)
    assert sorted(docs["title"]) == [f"Level {i}" for i in range(6)]
    deepest = [p for p in reasons if p.endswith("#attachments")]
    assert len(deepest) == 1 and "ingest.max_message_depth=5" in reasons[deepest[0]]
    # every attachment points at the message it came with
    ids = dict(zip(docs["title"], docs["doc_id"]))
    parents = dict(zip(docs["title"], docs["parent_doc_id"]))
    assert all(parents[f"Level {i}"] == ids[f"Level {i - 1}"] for i in range(1, 6))


@pytest.mark.timeout(60)
def test_hostile_headers_and_mime_nesting(tmp_path):
    """A 1 MB Subject (the default policy parses headers in more than linear time) and MIME parts
    nested 3000 deep (the parser recurses per level): read quickly, or rejected with a reason."""
    long_subject = b"From: a@example.org\nSubject: " + b"word " * 200_000 + b"\nMIME-Version: 1.0\n\nBody.\n"
    docs, _, reasons = read_one(tmp_path, "subject.eml", long_subject)
    assert docs["title"][0].startswith("word word") and len(docs["title"][0]) <= 1000 and not reasons
    deep = b"From: a@example.org\nMIME-Version: 1.0\n" + b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(3000))
    docs, _, reasons = read_one(tmp_path, "deep_mime.eml", deep + b"Content-Type: text/plain\n\nhi\n")
    assert docs.empty and "nested too deep" in reasons["seeds/deep_mime.eml"]


@given(st.lists(st.text(alphabet="ab \n", min_size=0, max_size=60), min_size=1, max_size=6),
       st.integers(min_value=200, max_value=400))
def test_passages_stay_inside_their_page(page_texts, max_chars):
    """Pages joined as the PDF reader joins them: every passage lies inside one page, carries its
    number, and every non-blank character of every page is in some passage."""
    sep = "\n\f\n"
    text, spans, pos = "", [], 0
    for number, page in enumerate(page_texts, 1):
        if text:
            text += sep
            pos += len(sep)
        text += page
        spans.append(PageSpan(number, pos, pos + len(page)))
        pos += len(page)
    found = split_document(text, max_chars, spans)
    assert len(found.spans) == len(found.pages)
    covered = set()
    for (s, e), number in zip(found.spans, found.pages):
        page = spans[number - 1]
        assert page.start <= s < e <= page.end
        covered.update(range(s, e))
    for page in spans:
        assert all(i in covered for i in range(page.start, page.end) if not text[i].isspace())
