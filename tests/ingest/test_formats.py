"""Readers: HTML reduced to visible text, titles and dates where stated."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pathlib import Path

from pipeline.ingest.formats import parse_html, parse_md, parse_txt
from pipeline.ingest.message import message_header

HOSTILE = """<!doctype html><html><head><title>Strike &amp; aftermath</title>
<meta property="article:published_time" content="2012-12-14T10:00:00Z">
<style>body{color:red}</style><script>alert('x'); document.write('INJECTED')</script></head>
<body><h1>Zhanaozen</h1><p>Police fired on <b>strikers</b> on 16&nbsp;December.</p>
<noscript>enable js</noscript><p>Second paragraph.<script>steal()</script></p></body></html>"""


def test_html_keeps_visible_text_only():
    parsed = parse_html(HOSTILE)
    assert "alert" not in parsed.text and "steal" not in parsed.text and "INJECTED" not in parsed.text
    assert "color:red" not in parsed.text and "enable js" not in parsed.text
    assert "Police fired on strikers on 16 December." in parsed.text
    assert "\n\nSecond paragraph." in parsed.text
    assert parsed.title == "Strike & aftermath"
    assert parsed.published == "2012-12-14"


def test_txt_title_and_dateline():
    text = "Cold Winds From Janaozen\n\nRepression has worsened.\nFriday, 14 December, 2012\n\nBody."
    parsed = parse_txt(text)
    assert parsed.text == text
    assert parsed.title == "Cold Winds From Janaozen"
    assert parsed.published == "2012-12-14"


def test_txt_date_inside_a_sentence_is_not_a_dateline():
    parsed = parse_txt("A title\n\nDecember 16th, 2012 is the anniversary of the events.\n")
    assert parsed.published is None


def test_markdown_front_matter():
    text = "---\ntitle: \"Chronicle\"\ndate: 2011-12-20\n---\n# Heading\n\nBody\n"
    parsed = parse_md(text)
    assert parsed.title == "Chronicle" and parsed.published == "2011-12-20"
    assert parsed.text == text  # offsets point into the file as written


def _tidy_reference(text: str) -> str:
    """The plain statement of what _tidy does (it is written differently for speed)."""
    import re

    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\r\f\v\u00a0\nab.", max_size=40))
def test_html_whitespace_tidy_equals_its_plain_statement(text):
    from pipeline.ingest.formats import _tidy

    assert _tidy(text) == _tidy_reference(text)


def test_labelled_publication_date_lines():
    """"Published: <date> [time]" near the top is the publication date, in the forms web articles use."""
    cases = {
        "Published: 2016-05-02": "2016-05-02",
        "PUBLISHED: May 2, 2016 10:32 AM EDT": "2016-05-02",
        "Posted on May 2, 2016 at 10:32 am": "2016-05-02",
        "Posted: 02.05.2016": "2016-05-02",
        "Date: Monday, May 2, 2016": "2016-05-02",
        "Published on 2 May 2016, 10:32": "2016-05-02",
        "First published on Mon 2 May 2016 10.32 BST": "2016-05-02",
        "posted 2016-05-02 10:32:00+00:00": "2016-05-02",
        "Published 10:32 AM EDT May 2, 2016": "2016-05-02",
        "Updated: 2016-05-02T10:32:00Z": "2016-05-02",
    }
    for line, iso in cases.items():
        text = f"Two killed in shooting\n\n{line}\n\nGARY, Ind. — Two people were killed Tuesday.\n"
        assert parse_txt(text).published == iso, line
        assert parse_txt(text).text == text
        assert parse_md(text).published == iso, line


def test_publication_label_beats_update_and_needs_a_date():
    text = "Title\n\nUpdated: May 4, 2016 9:00 pm\nPublished: May 2, 2016\n\nBody.\n"
    assert parse_txt(text).published == "2016-05-02"
    for line in ("Published by the author on May 2, 2016", "Date of birth: 2 May 2016 he said",
                 "Posted in Crime, News"):
        assert parse_txt(f"Title\n\n{line}\n\nBody.\n").published is None, line
    html_text = "<html><body><h1>Title</h1><p>Posted on May 2, 2016</p><p>Body.</p></body></html>"
    assert parse_html(html_text).published == "2016-05-02"


# --- titles: the document's own, never page furniture or a header field ---

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORUM = Path(__file__).resolve().parents[3] / "shared" / "dev" / "forum"


def test_seed_titles_are_their_headlines_not_navigation():
    titles = {p.name[:3]: parse_txt(p.read_text(encoding="utf-8")).title for p in sorted(SEEDS.glob("*.txt"))}
    assert titles["000"] == "What Do We Know About Janaozen Events?"
    assert titles["001"] == "Cold Winds From Janaozen"
    assert titles["002"] == "Kazakhstan protests"  # under the forum's "What's new" link
    assert titles["004"] == "Zhanaozen"  # under the infographic's "Map" tab


def test_html_title_then_first_heading_then_first_line():
    page = "<html><head><title>{}</title></head><body><nav>Home</nav><h1>Floods close the coast road</h1>" \
           "<p>Rain fell.</p></body></html>"
    assert parse_html(page.format("Coast floods | Daily News")).title == "Coast floods | Daily News"
    assert parse_html(page.format("")).title == "Floods close the coast road"  # no <title>: the first <h1>
    assert parse_html(page.format("What's new")).title == "Floods close the coast road"  # a navigation label
    assert parse_html("<p>Menu</p><p>Floods close the coast road</p><p>Rain fell.</p>").title == \
        "Floods close the coast road"  # neither: the first line below the furniture


def test_navigation_lines_above_a_headline_are_passed_over():
    text = "Skip to content\nHome\nMenu\nShare on Facebook\n\nFloods close the coast road\n\nRain fell."
    assert parse_txt(text).title == "Floods close the coast road"
    # a text that opens with a sentence has no title, even below furniture
    assert parse_txt("Menu\n\nRain fell all night on the coast.\n").title is None


def test_every_forum_post_is_titled_by_its_subject():
    posts = sorted(FORUM.glob("*/*.txt"))
    assert len(posts) == 300
    for post in posts:
        text = post.read_text(encoding="utf-8", errors="replace")
        subject = next(line[len("Subject:"):] for line in text.splitlines() if line.startswith("Subject:"))
        assert parse_txt(text).title == " ".join(subject.split()), post


def test_message_header_gives_subject_date_and_ends_at_the_blank_line():
    text = ("From: a.writer@example.org (A Writer)\nSubject: Re: Road closed\n\t<1993Apr4.104122.11197@colorado.edu>\n"
            "Date: Tue, 6 Apr 1993 14:02:11 GMT\nLines: 3\n\nThe road is closed.\n")
    parsed = parse_txt(text)
    assert parsed.text == text  # offsets keep pointing into the file as read
    assert parsed.title == "Re: Road closed"
    assert parsed.published == "1993-04-06"
    header = message_header(text)
    assert text[header.end:].lstrip("\n") == "The road is closed.\n"


def test_text_opening_with_labels_is_not_a_message():
    text = "Note: draft\nSummary: the council met\n\nThe council met on Monday.\n"
    assert message_header(text) is None
    assert parse_txt(text).title == "Note: draft"  # its first line, as for any text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_message_header_never_fails_and_ends_inside_the_text(text):
    header = message_header(text)
    if header is not None:
        assert 0 < header.end <= len(text)
        assert header.fields
