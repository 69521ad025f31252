"""Document text in the report: escaped, and C1 controls shown as the characters they stand for."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from pipeline.report.html import Markup, esc, table


def test_windows_1252_quotes_in_a_raw_title_show_as_quotes():
    # a local-news title as ingest keeps it: its quotes are C1 controls (cp1252 bytes read as Latin-1)
    title = "Bibb sheriff says fatal shots fired in \x91hive of hoodlums\x92"
    assert str(esc(title)) == "Bibb sheriff says fatal shots fired in \u2018hive of hoodlums\u2019"
    assert "\u2018hive of hoodlums\u2019" in table(["title"], [[title]]).html
    assert str(esc("\x93It would appear\x94 \x96 \x85")) == "\u201cIt would appear\u201d \u2013 \u2026"


def test_controls_cp1252_leaves_undefined_become_the_replacement_character():
    assert str(esc("a\x81b\x8dc\x8fd\x90e\x9df")) == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf"


def test_markup_built_by_the_report_is_kept_and_text_still_escaped():
    assert str(Markup("<td>{}</td>").format("\x92<script>")) == "<td>\u2019&lt;script&gt;</td>"
    assert str(esc(Markup("<b>\x92</b>"))) == "<b>\x92</b>"  # trusted markup is not rewritten


@given(st.text())
def test_no_control_of_the_c1_block_reaches_the_page(text):
    shown = str(esc(text))
    assert not re.search("[\u0080-\u009f]", shown)
    assert "<" not in shown and ">" not in shown
