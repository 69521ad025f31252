"""Dates in free text: a house number is no year; a year is still a year beside names and roads;
holidays are days; a weekday with its date is one mention; a capitalised season is a name."""

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


@pytest.mark.parametrize("text", [
    # forum posts: a message id or an e-mail address, a gun's model
    "In article <1993Mar26.001004.10983@news.eng.convex.com> cash@convex.com (Peter Cash) writes:",
    "Mail the form to john1993@aol.com before Friday's deadline passes.",
    "Well, it's easier than doing a decent trigger job on a 1911A1 :-)",
])
def test_an_address_or_a_model_holds_no_year(text):
    assert [m.surface for m in find_dates(text) if m.year is not None] == []


def test_a_month_of_this_is_the_year_written_after_it():
    (m,) = find_dates("For 3 posts now you've been harping on this May 1991 issue of Car & Driver.")
    assert (m.year, m.month, m.relative) == (1991, 5, None)
    (m,) = find_dates("This May the strike began again.")
    assert (m.year, m.month, m.relative) == (None, 5, "this")


@pytest.mark.parametrize("text,year", [
    ("In 2013 the new road opened.", 2013),
    ("The riots of the 1990s are remembered.", 1990),   # a decade
    ("The 1990's were quieter.", 1990),
    ("In 2013 Smith was elected mayor.", 2013),
    ("The 1986 uprising in Almaty is remembered.", 1986),
    ("He moved to Main Street in 2011.", 2011),
])
def test_a_year_stays_a_year(text, year):
    assert [m.year for m in find_dates(text)] == [year]


@pytest.mark.parametrize("text,month,day,year", [
    ("The sheriff identified the four people killed Christmas Eve as two generations of one family.", 12, 24, None),
    ("A 5-year-old boy was hit in his ankle during a New Year’s Eve shooting.", 12, 31, None),
    ("The crash on New Year's Day 2015 killed three.", 1, 1, 2015),
    ("Two teens were shot on Halloween night in Gary.", 10, 31, None),
    ("He was shot on Christmas, his mother said.", 12, 25, None),
    ("Fireworks injured 12 over the Fourth of July weekend.", 7, 4, None),
    ("The St. Patrick's Day parade was cancelled.", 3, 17, None),
])
def test_a_holiday_is_its_day(text, month, day, year):
    (m,) = find_dates(text)
    assert (m.precision, m.month, m.day, m.year) == ("day", month, day, year)


@pytest.mark.parametrize("text", [
    "Guests at a Christmas party heard the shots.",
    "The halloween decorations were still up.",
    "Our Christmas tree sale raised $500.",
])
def test_a_holiday_word_that_names_no_day(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text,surface", [
    ("Seven people were shot Wednesday afternoon, July 9, 2014 in Spring.", "Wednesday afternoon, July 9, 2014"),
    ("He was shot on Sunday night (Dec. 4) near the park.", "Sunday night (Dec. 4"),
    ("The fire started Friday, Dec. 16 at noon.", "Friday, Dec. 16"),
])
def test_a_weekday_and_the_date_after_it_are_one_mention(text, surface):
    days = [m for m in find_dates(text) if m.precision == "day"]
    assert [m.surface for m in days] == [surface]
    assert days[0].day is not None and days[0].weekday is not None


@pytest.mark.parametrize("text", [
    "Seven people were shot on Leaflet Lane in Spring.",
    "The family lived in Spring, Texas, for a decade.",
    "He grew up in Winter Park.",
])
def test_a_capitalised_season_inside_a_sentence_is_a_name(text):
    assert [m for m in find_dates(text) if m.form == "season"] == []


@pytest.mark.parametrize("text,year", [
    ("The road was closed in the spring of 2014.", 2014),
    ("Spring 2015 brought floods.", 2015),
    ("Last winter, the river froze.", None),
])
def test_a_season_stays_a_season(text, year):
    (m,) = [m for m in find_dates(text) if m.form == "season"]
    assert m.year == year
