"""Dates as people write them -> ISO 8601 with a precision (day, month, year).

Deliberately small and fast: explicit day/month/year forms in English and
Russian (and Kazakh) month names, ISO dates and numeric day-first dates. Free-text search
for dates (the timeline) is `pipeline.text.date_search`, built on these forms.
"""

from __future__ import annotations

import datetime as dt
import re

KZ_MONTHS = {m: i for i, m in enumerate(
    ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде",
     "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"], 1)}
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
    # Kazakh (a date writes the nominative: "2011 жылғы 16 желтоқсан")
    **KZ_MONTHS,
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
_ALONE = re.compile(r"^\s*(?:" + "|".join(f"(?:{f})" for f in DATE_FORMS) + r")\s*(?:г\.?|года|ж\.?|year)?\s*$", re.I)


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


# Russian month names in the other cases a date puts them in ("в декабре", "к декабрю"), and the
# abbreviations that stand for a month after a day number ("16 дек. 2011"); MONTHS has the
# nominative and genitive. Kazakh month names take their case endings as suffixes
# ("желтоқсанда", "желтоқсандағы"): `month_number` reads them by the name they start with.
RU_MONTHS = {
    "nominative": {m: i for i, m in enumerate(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(), 1)},
    "genitive": {m: i for i, m in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)},
    "prepositional": {m: i for i, m in enumerate(
        "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split(), 1)},
    "dative": {m: i for i, m in enumerate(
        "январю февралю марту апрелю маю июню июлю августу сентябрю октябрю ноябрю декабрю".split(), 1)},
}
RU_MONTH_ABBR = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
                 "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
_RU_MONTH_WORDS = {w: i for forms in RU_MONTHS.values() for w, i in forms.items()} | RU_MONTH_ABBR
_KZ_BY_LENGTH = sorted(KZ_MONTHS, key=len, reverse=True)

# Russian weekdays: nominative ("пятница, 16 декабря"), accusative ("в пятницу") and genitive
# ("в ночь с пятницы на субботу")
RU_WEEKDAYS = {
    **{d: i for i, d in enumerate("понедельник вторник среда четверг пятница суббота воскресенье".split())},
    **{d: i for i, d in enumerate("понедельник вторник среду четверг пятницу субботу воскресенье".split())},
    **{d: i for i, d in enumerate(
        "понедельника вторника среды четверга пятницы субботы воскресенья".split())},
}


def month_number(word: str) -> int | None:
    """The month a written month name (English, Russian in any case, abbreviated, Kazakh) stands for."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    if w in _RU_MONTH_WORDS:
        return _RU_MONTH_WORDS[w]
    for stem in _KZ_BY_LENGTH:
        if w.startswith(stem):
            return KZ_MONTHS[stem]
    return None
