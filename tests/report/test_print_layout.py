"""The report's layout as people see it: Chromium screenshots and printed page images stay within
the page; the timeline chart puts every shown date on a time axis, linked to its quote."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from PIL import Image

from pipeline.report.palette import KIND_COLORS
from pipeline.report.timeline_chart import Period, TimelineMark, period_of, timeline_chart
from tests.report.print_checks import pdf_pages, pdf_text

SECTIONS = {"overview": "Corpus overview", "figures": "Contested figures", "timeline": "Timeline"}


def test_a_date_covers_the_days_of_its_precision():
    assert period_of("2011-12-16") == Period(dt.date(2011, 12, 16), dt.date(2011, 12, 16))
    assert period_of("2012-02") == Period(dt.date(2012, 2, 1), dt.date(2012, 2, 29))
    assert period_of("2011") == Period(dt.date(2011, 1, 1), dt.date(2011, 12, 31))
    assert period_of("2011-12-16", "2011-12-17") == Period(dt.date(2011, 12, 16), dt.date(2011, 12, 17))
    assert period_of("2011-06", "2011-08") == Period(dt.date(2011, 6, 1), dt.date(2011, 8, 31))
    assert period_of("2011-12-16", "2010") == period_of("2011-12-16")  # an end before the start is ignored
    assert period_of("2011-13") is None and period_of(None) is None


def test_chart_draws_days_as_dots_and_periods_as_bars_on_one_axis():
    marks = [TimelineMark(0, period_of("2011-12-16"), "official", "#ev-1", "a"),
             TimelineMark(0, period_of("2011-12-16"), "eyewitness", "#ev-2", "b"),
             TimelineMark(1, period_of("2011"), "author", "#ev-3", "c")]
    svg = str(timeline_chart(["2011-12-16 · Zhanaozen", "2011 · Zhanaozen"], marks, "t"))
    assert svg.count("<circle") == 2 + len(KIND_COLORS)  # two day marks, and the legend
    assert svg.count("<rect") == 1
    assert re.findall(r'<a href="(#ev-\d)">', svg) == ["#ev-1", "#ev-2", "#ev-3"]
    assert ">2011<" not in svg or ">2012<" in svg  # year ticks span the axis
    # the two sources of one day are drawn apart, not on top of each other
    ys = re.findall(r'<circle cx="[\d.]+" cy="(\d+\.\d)" r="4" fill="(?:#1f5fa8|#2e8b57)"', svg)
    assert len(set(ys)) == 2
    assert timeline_chart([], [], "t") == ""


@pytest.mark.slow
def test_timeline_chart_links_every_mark_to_a_quote(built_project):
    html = (built_project / "reports" / "report.html").read_text()
    section = html[html.index('<section id="timeline">'):]
    section = section[:section.index("</section>")]
    svg = section[section.index("<svg"):section.index("</svg>")]
    hrefs = re.findall(r'<a href="#(ev-\d+)">', svg)
    assert hrefs
    assert all(f'<li id="{h}">' in html for h in hrefs)
    rows = section.count('data-label="date"')
    assert rows and svg.count('text-anchor="end"') >= rows  # a labelled row per table row


def _overflowing(driver, section: str) -> list[str]:
    """Elements of the section whose right edge passes the window, unless a scrolling box holds them."""
    return driver.execute_script("""
        const vw = document.documentElement.clientWidth, out = [];
        for (const el of document.getElementById(arguments[0]).querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.right <= vw + 1) continue;
          let p = el.parentElement, held = false;
          while (p) { const s = getComputedStyle(p).overflowX;
            if ((s === 'auto' || s === 'scroll') && p.getBoundingClientRect().right <= vw + 1) { held = true; break; }
            p = p.parentElement; }
          if (!held) out.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
        }
        return out;""", section)


@pytest.mark.slow
def test_screenshots_and_page_images_stay_within_the_page(built_project, tmp_path):
    from tests.browser import chromium

    for width, height in ((1280, 900), (390, 844)):  # a desktop window and a phone
        with chromium(width=width, height=height) as driver:
            driver.get((built_project / "reports" / "report.html").as_uri())
            for section in SECTIONS:
                element = driver.find_element("id", section)
                driver.execute_script("arguments[0].scrollIntoView()", element)
                shot = tmp_path / f"{section}-{width}.png"
                shot.write_bytes(element.screenshot_as_png)
                assert Image.open(shot).size[0] > 100
                assert _overflowing(driver, section) == [], (section, width)

    # the printed pages of the same sections, as images: nothing drawn in the right margin
    pdf = built_project / "reports" / "report.pdf"
    n_pages = pdf_pages(pdf)
    pages = {}
    for number in range(1, n_pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        for section, heading in SECTIONS.items():
            if re.search(rf"^{heading}$", text, re.M) and section not in pages:
                pages[section] = number
    assert set(pages) == set(SECTIONS), (pages, pdf_text(pdf)[:300])
    for section, number in pages.items():
        for page in (number, min(number + 1, n_pages)):
            prefix = tmp_path / f"{section}-p{page}"
            subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "60", "-png", "-singlefile",
                            str(pdf), str(prefix)], check=True)
            image = Image.open(f"{prefix}.png").convert("L")
            w, h = image.size
            margin = int(w * 8 / 210)  # the outer 8 mm of the 12 mm page margin
            band = image.crop((w - margin, int(h * 0.06), w, int(h * 0.94)))
            assert band.getextrema()[0] > 240, f"{section}: something is drawn in the right margin of page {page}"
