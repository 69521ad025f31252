"""The report as people meet it: in a real browser, and as printed PDF pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import make_project, run

pytestmark = pytest.mark.slow

HOSTILE_TXT = """<script>window.__pwned = 1; alert('xss')</script><img src=x onerror="window.__pwned=2">

A paragraph with <b>tags</b>, a <a href="javascript:window.__pwned=3">javascript: link</a>,
<style>body{display:none}</style> and <iframe src="http://127.0.0.9/"></iframe>.

"><script>window.__pwned=4</script>
"""
HOSTILE_HTML = """<html><head><title>&lt;script&gt;window.__pwned=5&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</title>
<script>window.__pwned=6</script></head><body><p>&lt;svg onload=window.__pwned=7&gt;</p>
<p><a href="javascript:window.__pwned=8">click</a></p></body></html>"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, prefect_api):
    project = make_project(tmp_path_factory.mktemp("report") / "project")
    (project / "seeds" / "hostile.txt").write_text(HOSTILE_TXT)
    (project / "seeds" / "hostile.html").write_text(HOSTILE_HTML)
    (project / "seeds" / "broken.txt").write_bytes(b"\x00\x01\x02<script>x</script>" * 50)
    run([sys.executable, "-m", "dvc", "repro"], project)
    return project


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
        assert all(h.startswith("#") or re.fullmatch(r"tables/[\w.-]+\.csv", h) for h in hrefs), hrefs
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
        header = table.find_elements("tag name", "th")[6]  # characters
        header.click()
        values = [int(td.text.replace(",", "")) for td in
                  table.find_elements("css selector", "tbody tr td:nth-child(7)")]
        assert values == sorted(values)
        header.click()
        values = [int(td.text.replace(",", "")) for td in
                  table.find_elements("css selector", "tbody tr td:nth-child(7)")]
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
    for name in [p.name for p in (built / "seeds").iterdir()]:
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
