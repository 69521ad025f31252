"""Dates in free text: a house number is no year; a year is still a year beside names and roads."""

from __future__ import annotations

import pytest

from pipeline.text.date_search import find_dates


@pytest.mark.parametrize("text", [
    "A man was shot in the 2100 block of Germania Avenue.",
    "It happened in the 1600-block of West Van Buren Street.",
    "The suspect, 20, of 2111 Tennessee St., was arrested.",
    "Officers were called to 2138 N. Tennessee Street at 9 p.m.",
    "Fire crews found the body at 1820 Old Mill Road in Leeds.",
])
def test_a_house_number_is_no_year(text):
    assert [m.year for m in find_dates(text) if m.precision == "year"] == []


@pytest.mark.parametrize("text,year", [
    ("In 2013 the new road opened.", 2013),
    ("In 2013 Smith was elected mayor.", 2013),
    ("The 1986 uprising in Almaty is remembered.", 1986),
    ("He moved to Main Street in 2011.", 2011),
])
def test_a_year_stays_a_year(text, year):
    assert [m.year for m in find_dates(text)] == [year]
