"""Dates as people write them -> ISO 8601 with a precision (day, month, year).

Deliberately small and fast: explicit day/month/year forms in English and
Russian month names, ISO dates and numeric day-first dates. Free-text search
for dates (the timeline) is `pipeline.text.date_search`, built on these forms.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    **{m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july",
         "august", "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
    "sept": 9,
    # Russian, nominative and genitive
    **{m: i for i, m in enumerate(
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль",
         "август", "сентябрь", "октябрь", "ноябрь", "декабрь"], 1)},
    **{m: i for i, m in enumerate(
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
         "августа", "сентября", "октября", "ноября", "декабря"], 1)},
}
MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
YEAR_DIGITS = r"1[6-9]\d\d|2[01]\d\d"

DATE_FORMS = [
    # 2012-12-14
    rf"(?P<y1>{YEAR_DIGITS})-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)",
    # Friday, 14 December, 2012 / 14 Dec 2012 / 14 декабря 2012 г.
    rf"(?:{_WEEKDAY},?\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?P<m2>{MONTH_NAMES})\.?,?\s+(?P<y2>{YEAR_DIGITS})",
    # Friday, December 14th, 2012
    rf"(?:{_WEEKDAY},?\s+)?(?P<m3>{MONTH_NAMES})\.?\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y3>{YEAR_DIGITS})",
    # 14.12.2012 (day first, as written in most of the world)
    rf"(?P<d4>[0-3]?\d)[./](?P<m4>[01]?\d)[./](?P<y4>{YEAR_DIGITS})",
    # December 2012
    rf"(?P<m5>{MONTH_NAMES})\.?\s+(?P<y5>{YEAR_DIGITS})",
]
DATE_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?:{f})" for f in DATE_FORMS) + r")\b", re.I)
_ALONE = re.compile(r"^\s*(?:" + "|".join(f"(?:{f})" for f in DATE_FORMS) + r")\s*(?:г\.?|year)?\s*$", re.I)


def _build(year: str, month: int, day: int | None) -> tuple[str, str] | None:
    try:
        if day is None:
            dt.date(int(year), month, 1)
            return f"{int(year):04d}-{month:02d}", "month"
        return dt.date(int(year), month, day).isoformat(), "day"
    except ValueError:
        return None


def from_match(m: re.Match) -> tuple[str, str] | None:
    """(iso, precision) for a DATE_PATTERN match, or None if not a real date."""
    g = m.groupdict()
    for i in range(1, 6):
        year, month = g.get(f"y{i}"), g.get(f"m{i}")
        if year and month:
            day = g.get(f"d{i}")
            month_no = int(month) if month.isdigit() else MONTHS[month.lower()]
            return _build(year, month_no, int(day) if day else None)
    return None


def parse_date(text: str) -> tuple[str, str] | None:
    """Parse a string that is only a date (e.g. a dateline); None otherwise."""
    m = _ALONE.match(text)
    return from_match(m) if m else None


WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
