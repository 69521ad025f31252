"""The seeds as people hold them (a PDF, a Word file, an e-mail with an attachment, a file without
an extension), built through every stage: the same repeats and nearly the same claims as the
plain-text build, and every passage and report quote of the PDF with its page."""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter

import pyarrow.parquet as pq
import pytest

from tests.conftest import make_project, run
from tests.ingest.test_readers import SEED_FILES, make_docx, make_eml, make_pdf

pytestmark = pytest.mark.slow


def _table(project, name):
    return pq.read_table(project / "data" / f"{name}.parquet").to_pandas()


@pytest.fixture(scope="module")
def formats_project(tmp_path_factory, prefect_api):
    project = make_project(tmp_path_factory.mktemp("formats") / "project")
    seeds = project / "seeds"
    for f in SEED_FILES:
        (seeds / f.name).unlink()
    texts = [f.read_text(encoding="utf-8") for f in SEED_FILES]
    (seeds / "report.pdf").write_bytes(make_pdf(texts[0]))
    (seeds / "statement.docx").write_bytes(make_docx(texts[1]))
    (seeds / "tip.eml").write_bytes(make_eml(texts[2], texts[3].encode("utf-8"), SEED_FILES[3].name))
    shutil.copy(SEED_FILES[4], seeds / "forum_post_0004")
    run([sys.executable, "-m", "pipeline", "run", "all"], project)
    return project


def _origin(source_path: str) -> str | None:
    """The seed a converted document was made from."""
    for i, name in enumerate(("report.pdf", "statement.docx", "tip.eml", SEED_FILES[3].name, "forum_post_0004")):
        if source_path.endswith(name):
            return SEED_FILES[i].name
    return None


def test_every_file_is_read_and_the_repeats_are_the_same(formats_project, built_project):
    assert len(_table(formats_project, "ingest/rejected")) == 0
    docs = _table(formats_project, "ingest/documents")
    assert {_origin(p) for p in docs["source_path"]} == {f.name for f in SEED_FILES}
    by_path = docs.set_index("source_path")
    attachment = by_path.loc[f"seeds/tip.eml#1/{SEED_FILES[3].name}"]
    assert attachment["parent_doc_id"] == by_path.loc["seeds/tip.eml", "doc_id"]

    def shapes(project, doc_ids):
        clusters = _table(project, "dedup/clusters")
        inside = clusters[clusters["doc_ids"].map(lambda ids: set(ids) <= doc_ids)]
        return Counter(zip(inside["n_occurrences"], inside["n_docs"]))

    built_docs = _table(built_project, "ingest/documents")
    seed_ids = set(built_docs.loc[built_docs["source_path"].isin([f"seeds/{f.name}" for f in SEED_FILES]), "doc_id"])
    assert shapes(formats_project, set(docs["doc_id"])) == shapes(built_project, seed_ids)


def test_claims_match_the_plain_text_build(formats_project, built_project):
    def claims_by_seed(project, origin_of):
        docs = _table(project, "ingest/documents")
        seed_of = {d: origin_of(p) for d, p in zip(docs["doc_id"], docs["source_path"])}
        claims = _table(project, "facts/claims")
        return Counter((seed_of.get(d), m, lo, hi, k) for d, m, lo, hi, k in zip(
            claims["doc_id"], claims["measure"], claims["value_low"].fillna(-1), claims["value_high"].fillna(-1),
            claims["attribution_kind"]) if seed_of.get(d))

    plain = claims_by_seed(built_project, lambda p: p.removeprefix("seeds/") if p.removeprefix("seeds/") in
                           {f.name for f in SEED_FILES} else None)
    converted = claims_by_seed(formats_project, _origin)
    kept = sum((plain & converted).values())
    assert sum(plain.values()) > 50
    assert kept / sum(plain.values()) >= 0.9, (plain - converted).most_common(10)


def test_pdf_passages_and_report_quotes_carry_their_page(formats_project):
    docs = _table(formats_project, "ingest/documents").set_index("source_path")
    pdf = docs.loc["seeds/report.pdf"]
    assert pdf["page_count"] >= 2
    passages = _table(formats_project, "ingest/passages")
    mine = passages[passages["doc_id"] == pdf["doc_id"]]
    assert len(mine) and mine["page"].notna().all() and mine["page"].max() == pdf["page_count"]
    html = (formats_project / "reports" / "report.html").read_text()
    appendix = html[html.index('id="evidence"'):]
    section = appendix[appendix.index("seeds/report.pdf</h3>"):]
    notes = re.findall(r'<span class="note">(.*?)</span>', section[:section.index("</ol>")])
    assert notes and all(re.match(r"page \d+ · chars", n) for n in notes), notes
