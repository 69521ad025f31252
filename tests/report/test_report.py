"""The report as people meet it: in a real browser, and as printed PDF pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from pipeline.core.parts import num_rows, part_files
from pipeline.core.paths import CORPUS_FILES

from tests.conftest import make_project, replicate, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(built_project):
    """The session's built project (its seeds include hostile.txt, hostile.html, broken.txt)."""
    return built_project


def test_report_is_self_contained(built):
    html = (built / "reports" / "report.html").read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("<script>") == 1  # ours only: document text never becomes markup


def test_hostile_documents_show_as_text_and_nothing_runs(built):
    from tests.browser import chromium

    with chromium() as driver:
        driver.get((built / "reports" / "report.html").as_uri())
        assert driver.execute_script("return window.__pwned") is None
        assert driver.execute_script("return document.querySelectorAll('script').length") == 1
        assert driver.execute_script(
            "return document.querySelectorAll('img, iframe, object, embed, style:not(head style)').length") == 0
        # links only within the page, or to the full tables written next to it
        hrefs = driver.execute_script(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
        assert all(h.startswith("#") or re.fullmatch(r"tables/[\w.-]+(\.csv|/)", h) for h in hrefs), hrefs
        assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
        body = driver.find_element("tag name", "body").text
        assert "<script>window.__pwned = 1" in body or "<script>window.__pwned=5</script>" in body
        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not severe, severe


def test_sections_toc_and_sorting_in_a_browser(built, tmp_path):
    from tests.browser import chromium

    with chromium() as driver:
        driver.get((built / "reports" / "report.html").as_uri())
        toc = [a.get_attribute("href").split("#")[1] for a in driver.find_elements("css selector", "nav.toc a")]
        assert "overview" in toc
        for anchor in toc:
            assert driver.find_elements("id", anchor), f"TOC entry #{anchor} has no section"
        table = driver.find_element("css selector", "#overview table.sortable")
        header = table.find_elements("tag name", "th")[5]  # characters (the title, running text, is last)
        header.click()
        values = [int(td.text.replace(",", "")) for td in
                  table.find_elements("css selector", "tbody tr td:nth-child(6)")]
        assert values == sorted(values)
        header.click()
        values = [int(td.text.replace(",", "")) for td in
                  table.find_elements("css selector", "tbody tr td:nth-child(6)")]
        assert values == sorted(values, reverse=True)
        shot = tmp_path / "report.png"
        driver.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    with chromium(width=390, height=844) as phone:  # a phone: no horizontal page scroll
        phone.get((built / "reports" / "report.html").as_uri())
        assert phone.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_pdf_pages_render_and_hold_every_section_and_row(built, tmp_path):
    pdf = built / "reports" / "report.pdf"
    assert shutil.which("pdftoppm") and shutil.which("pdftotext"), "poppler-utils is not installed"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 2000 for p in pages)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Corpus overview" in text and "Contents" in text
    assert re.search(r"page 1 of \d+", text)
    docs = json.loads((built / "reports" / "metrics.json").read_text())["ingest"]["documents"]
    for name in [p.name for p in (built / "seeds").iterdir() if p.name not in CORPUS_FILES]:
        assert name in text.replace("\n", "") or name == "broken.txt" or docs < 1
    # no word of any table falls off the page
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S):
        width = float(page.group(1))
        for x_max in re.findall(r'xMax="([\d.]+)"', page.group(3)):
            assert float(x_max) <= width, "text runs off the page"


def test_report_bytes_are_stable_across_runs(built):
    before = {f: (built / "reports" / f).read_bytes() for f in ("report.html", "report.pdf", "metrics.json")}
    run([sys.executable, "-m", "pipeline", "run", "report"], built)
    for name, data in before.items():
        assert (built / "reports" / name).read_bytes() == data, f"{name} changed on an identical rebuild"


def test_provenance_links_land_on_the_highlighted_quote(built):
    from tests.browser import chromium

    with chromium() as driver:
        driver.get((built / "reports" / "report.html").as_uri())
        for section in ("figures", "timeline", "entities", "repeats"):
            assert driver.find_elements("css selector", f"#{section} a.cite"), f"no source links in #{section}"
        row = driver.find_element("css selector", "#figures table tbody tr")
        as_written = row.find_elements("tag name", "td")[1].text
        row.find_element("css selector", "a.cite").click()
        target = driver.execute_script("return location.hash")
        assert target.startswith("#ev-")
        marked = driver.execute_script(
            "return Array.from(document.querySelectorAll(':target mark')).map(m => m.textContent).join(' ')")
        assert marked == as_written
        # the quote is scrolled into view (the browser may finish scrolling a moment later;
        # subpixel layout can leave the top a fraction above 0), in the highlighted style
        import time

        visible = False
        for _ in range(20):
            visible = driver.execute_script(
                "const r = document.querySelector(':target').getBoundingClientRect();"
                "return r.top > -2 && r.top < window.innerHeight")
            if visible:
                break
            time.sleep(0.1)
        assert visible, driver.execute_script(
            "return [document.querySelector(':target').getBoundingClientRect().top, window.innerHeight]")
        assert driver.execute_script(
            "return getComputedStyle(document.querySelector(':target blockquote')).backgroundColor") \
            == "rgb(255, 248, 214)"


# --- a large corpus: the report stays the same size, says what it leaves out, and links to it ---

COPIES = 40  # the built project's documents, 40 times over (ids suffixed per copy)
TOP_N = 10  # a small cap, so that both corpora below fill every table of the report


def _replicated(built, tmp_path_factory, copies: int):
    project = make_project(tmp_path_factory.mktemp(f"large{copies}") / "project", seeds=None)
    params = project / "params.yaml"
    assert "\n  top_n: 25 " in params.read_text()
    params.write_text(params.read_text().replace("\n  top_n: 25 ", f"\n  top_n: {TOP_N} "))
    replicate(built, project, copies)
    run([sys.executable, "-m", "pipeline", "run", "report"], project)
    return project


@pytest.fixture(scope="module")
def large(built, tmp_path_factory):
    return _replicated(built, tmp_path_factory, COPIES)


@pytest.fixture(scope="module")
def half(built, tmp_path_factory):
    return _replicated(built, tmp_path_factory, COPIES // 2)


def _section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', html, re.S).group(1)


def _cells(table_html: str, col: int) -> list[str]:
    return [re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[col])
            for row in re.findall(r"<tr>(.*?)</tr>", table_html.split("<tbody>")[1].split("</tbody>")[0], re.S)]


def test_large_corpus_report_is_capped_and_points_to_the_full_tables(built, large, half):
    import csv

    import pyarrow.parquet as pq

    from pipeline.report.params import ReportParams

    caps = ReportParams(top_n=TOP_N)
    html = (large / "reports" / "report.html").read_text()
    n_docs = num_rows(large / "data/ingest/documents.parquet")
    assert n_docs == COPIES * num_rows(built / "data/ingest/documents.parquet") > caps.top_n
    # the documents table shows top_n rows and says how many more, and where they are
    overview = _section(html, "overview")
    assert len(_cells(overview.split("<h3>Documents</h3>")[1], 0)) == caps.top_n
    more = f"{n_docs - caps.top_n:,} more documents in the full table"
    n_parts = len(part_files(large / "data/ingest/documents.parquet"))
    link = '<a href="tables/ingest-documents.csv">CSV</a>' if n_parts == 1 else \
        f'<a href="tables/ingest-documents/">CSV in {n_parts} parts</a>'
    assert more in overview and link in overview
    assert "<code>data/ingest/documents.parquet</code>" in overview
    csv_files = [large / "reports/tables/ingest-documents.csv"] if n_parts == 1 else \
        sorted((large / "reports/tables/ingest-documents").glob("part-*.csv"))
    rows = []
    for f in csv_files:
        with open(f, newline="") as fh:
            rows += list(csv.DictReader(fh))
    assert len(csv_files) == n_parts and len(rows) == n_docs and "text" not in rows[0]
    # every link to a full table resolves to a CSV written next to the report, or a folder of CSV parts
    for href in set(re.findall(r'href="(tables/[^"]+)"', html)):
        target = large / "reports" / href
        assert target.is_file() if href.endswith(".csv") else any(target.glob("part-*.csv")), href
    # a figure claimed by many copies shows at most claims_per_figure claims, yet every value it was given
    from html import unescape

    from pipeline.report.sections.figures import fmt_value

    claims = pq.read_table(large / "data/facts/claims.parquet").to_pandas()
    events = pq.read_table(large / "data/facts/events.parquet").to_pandas()
    label_of = dict(zip(events["event_id"], events["label"]))
    figures = _section(html, "figures")
    capped = 0
    for title, body in re.findall(r"<h3>(.*?)</h3>(.*?)(?=<h3>|$)", figures, re.S):
        shown = _cells(body, 0)
        assert 0 < len(shown) <= caps.claims_per_figure
        g = claims[[f"{label_of.get(e, e)} — {m}" == unescape(title) for e, m in zip(claims["event"], claims["measure"])]]
        assert f"{len(g)} claims, " in body
        values = {fmt_value(r.value_low, r.value_high, r.qualifier, bool(r.uncertain), r.unit) for r in g.itertuples()}
        if len(g) > caps.claims_per_figure:
            capped += 1
            assert f"{len(g) - len(shown):,} more claims in the full table" in body
            n_parts = len(part_files(large / "data/facts/claims.parquet"))
            assert ('<a href="tables/facts-claims.csv">CSV</a>' if n_parts == 1 else
                    f'<a href="tables/facts-claims/">CSV in {n_parts} parts</a>') in body
            assert len(values) <= caps.claims_per_figure and {unescape(v) for v in shown} == values, title
    assert capped, "no figure had more claims than the cap: the test proves nothing"
    # provenance: every shown fact links to a quote in the appendix, whose mark is the raw span
    cited = set(re.findall(r'<a (?:class="cite" )?href="#(ev-\d+)"', html))  # tables' quote links, chart marks
    quotes = dict(re.findall(r'<li id="(ev-\d+)"><blockquote>(.*?)</blockquote>', html, re.S))
    assert cited and cited == set(quotes)
    # the report does not grow with the corpus: twice the documents, as many rows and quotes
    half_html = (half / "reports" / "report.html").read_text()
    assert html.count("<tr>") == half_html.count("<tr>")
    assert html.count('<li id="ev-') == half_html.count('<li id="ev-')
    assert len(html) < 1.05 * len(half_html)
