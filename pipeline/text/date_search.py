"""Dates in free text (the timeline): every date-like mention and what its context fills in.

`find_dates` returns every date-like mention with what the text itself says; `resolve`
fills in what the text leaves to its context (a missing year, "last year", "last Friday",
a bare weekday) from a reference date. Both are pure and bounded (linear in the text).
Parsing a string that is only a date is `pipeline.text.dates`.

English forms, and in a text with Cyrillic words Russian (and Kazakh) ones too: "16 декабря 2011
года", "в декабре", "в 2011 году", "весной", "вчера", "в прошлом году", "в пятницу", "в ночь на 17
декабря" (see `_FORMS_RU_WORD`). A Russian mention has the `form` of its English counterpart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.text.dates import (KZ_MONTHS, MONTH_NAMES, MONTHS, RU_MONTH_ABBR, RU_MONTHS, RU_WEEKDAYS,
                                 WEEKDAYS, YEAR_DIGITS, month_number)


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_ORD = r"(?:st|nd|rd|th)"
_D = rf"(?:[0-3]?\d){_ORD}?"
_DASH = r"\s*[-–—]\s*"
_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_REL = r"(?:last|this|next|the\s+same|of\s+the\s+same|previous|following)"
# the English forms read English month names (Russian and Kazakh ones have forms of their own, below)
_EN = "|".join(re.escape(m) for m in sorted((m for m in MONTHS if m.isascii()), key=len, reverse=True))

# Days of a fixed date that English news names instead of the date, written as proper nouns.
# Christmas alone, and Halloween alone, also name a season or a party ("a Christmas party" was
# not on December 25): they count with a time-of-day word or after "on".
HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
            "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
            "valentine's day": (2, 14), "fourth of july": (7, 4), "st. patrick's day": (3, 17)}
_APOS = "['’]"


def _holiday_key(name: str) -> str:
    """'New Year’s  Eve', 'new years eve', 'St Patricks Day' -> one key: no apostrophes, dots or extra spaces."""
    return " ".join(re.sub(r"['’.]", "", name.lower()).split())


_HOLIDAY_DAYS = {_holiday_key(name): day for name, day in HOLIDAYS.items()}
_DAYTIME = r"(?:morning|afternoon|evening|night)"
_HOLIDAY = (rf"christmas[^\S\n]+(?:eve|day)|boxing[^\S\n]+day|new[^\S\n]+year{_APOS}?s[^\S\n]+(?:eve|day)|"
            rf"valentine{_APOS}?s[^\S\n]+day|fourth[^\S\n]+of[^\S\n]+july|st\.?[^\S\n]*patrick{_APOS}?s[^\S\n]+day|"
            rf"(?:christmas|halloween)(?=[^\S\n]+{_DAYTIME}\b)|(?<=on[^\S\n])(?:christmas|halloween)\b")

_FORMS = [
    # 14th–22th of December, 1970 / 16th of December, 2011 / the 19th of December
    ("dmyof", rf"(?:the\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\s+of\s+(?P<m>{_EN})\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"),
    # 2012-12-14
    ("iso", rf"(?P<y>{YEAR_DIGITS})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    # 2009-2010 (two years)
    ("yy", rf"(?P<y>{YEAR_DIGITS}){_DASH}(?P<y2>{YEAR_DIGITS})"),
    # Friday, 14 December, 2012 / 14 Dec 2012 / 16–17 December 2011 / 16 December
    ("dmy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\.?\s+(?P<m>{_EN})\b\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"),
    # Friday, December 14th, 2012 / December 16–17 / February 21-22 / August 2
    ("mdy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_EN})\.?\s+(?P<d>{_D})(?!\d|[.,:]\d)(?:{_DASH}(?P<d2>{_D}))?(?:,?\s+(?P<y>{YEAR_DIGITS}))?(?!\s*(?:%|percent|per\s+cent|people|persons|years?)\b)"),
    # 14.12.2012 / 12/30/2011
    ("num", rf"(?P<d>[0-3]?\d)[./](?P<m>[0-3]?\d)[./](?P<y>{YEAR_DIGITS})"),
    # May – December 2011 / May to December 2011
    ("mmy", rf"(?P<m>{_EN})\.?(?:{_DASH}|\s+to\s+)(?P<m2>{_EN})\.?,?\s+(?P<y>{YEAR_DIGITS})"),
    # Christmas Eve, New Year's Day 2014, Halloween night: days every year has (`HOLIDAYS`)
    ("holiday", rf"(?P<hol>{_HOLIDAY})(?:,?\s+(?P<y>{YEAR_DIGITS})(?!\d))?"),
    # spring of 2011
    ("season", rf"(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR_DIGITS}))?(?<=\w)(?=\W|$)"),
    # mid-November 2011, early December (not "early April 15": that is the day)
    ("mid", rf"(?P<part>mid|early|late)[- ](?P<m>{_EN})\b\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"
            rf"(?!\.?\s+{_D}(?!\d|[.,:]\d)(?!\s*(?:%|percent|per\s+cent|people|persons|years?)\b))"),
    # December 2012 / June [2011]
    ("my", rf"(?P<m>{_EN})\.?,?\s+\[?(?P<y>{YEAR_DIGITS})\]?"),
    # May – December / May - June (an axis label or a period; the year comes from context)
    ("mm", rf"(?P<m>{_EN})(?:{_DASH})(?P<m2>{_EN})"),
    # last December / last Friday / this year / last year / Today / on Monday
    ("relm", rf"(?P<rel>last|this|next)\s+(?P<m>{_EN})"),
    ("relwd", rf"(?P<rel>last|this|next)\s+(?P<wd>{_WD})"),
    ("rely", rf"(?P<rel>last|this|next|the\s+same)\s+year"),
    ("today", r"(?P<today>today|yesterday)"),
    ("wd", rf"(?P<wd>{_WD})"),
    # in November / In June (a month alone after a preposition)
    ("m", rf"\b(?:in|since|until|till|by|from)\s+(?P<m>{_EN})\b(?!\s*\[?\d)"),
    # It was a cold May / the May holidays (a capitalised month after an article, as a noun)
    ("am", rf"(?P<m>{_EN})\b(?!\s*\[?\d)"),
    # in 2011, the 1986 uprising (a bare year)
    ("y", rf"(?<![\d.,$€£₸-])(?P<y>{YEAR_DIGITS})(?![\d%])"),
]
def _alternation(forms) -> re.Pattern:
    # a date does not run over a line break ("27\nMay" in an infographic axis is two labels)
    return re.compile("|".join(f"(?P<F_{name}>{rx.replace('(?P<', f'(?P<{name}_')})".replace(r"\s", r"[^\S\n]")
                               for name, rx in forms), re.I)


_FIND = _alternation(_FORMS)
# the forms that can start with a digit, tried where a digit starts (most triggers)
_DIGIT_FORMS = {"dmyof", "iso", "yy", "dmy", "num", "y"}
_FIND_DIGIT = _alternation([f for f in _FORMS if f[0] in _DIGIT_FORMS])
# "December 16 last year", "December 17 this year", "October 8 of the same year"
_TRAIL_REL = re.compile(rf"\s*(?:of\s+)?(?P<rel>last|this|next|the\s+same|that)\s+year\b", re.I)
# "December 17, 18 and 19": further days of the same month
_MORE_DAYS = re.compile(rf"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?P<d>{_D})\b(?!\s*(?:{MONTH_NAMES}|%|people|years?))", re.I)
# a day-first date without a year written as DD.MM ("In the evening of 17.12"); a
# clock time (11.40, 12.30, 23.00) is told apart by its minutes, which in times
# people write are multiples of five
_DDMM = re.compile(r"(?<![\d.,:])(?P<d>[0-3]?\d)\.(?P<m>[01]\d)(?![\d.,:%]|\s*(?:am|pm|a\.m|p\.m)\b)", re.I)
_DDMM_HINT = re.compile(r"\d\.[01]\d")  # what every _DDMM match contains: a scan 6x cheaper than _DDMM's
_COUNT_AFTER = re.compile(r"\s+(?!(?:and|or|to|onwards|towards|afterwards|was|were|is|are|as|in|on|at|of|"
                          r"the|a|an|with|by|for|from|when|during|before|after|until)\b)[a-z]+s\b")


# what follows a house number: "the 2100 block of ...", "2111 Bethel Avenue", "2138 N. Tennessee St."
STREET_WORDS = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Drive", "Dr", "Lane", "Ln", "Way",
                "Court", "Ct", "Place", "Pl", "Highway", "Hwy", "Parkway", "Pkwy", "Terrace", "Ter", "Circle", "Cir",
                "Trail", "Pike", "Row", "Square", "Sq", "Alley", "Expressway", "Turnpike")
_STREET = "(?:" + "|".join(STREET_WORDS) + ")"
_ADDRESS_AFTER = re.compile(r"(?:-|[^\S\n])*(?i:blocks?)\b|[^\S\n]+(?:[NSEW]\.?[^\S\n]+)?(?:[A-Z][\w'’.-]*[^\S\n]+){1,3}"
                            + _STREET + r"\b")
_WEEKDAY_TO_DATE = re.compile(rf"(?:[^\S\n]+{_DAYTIME})?[^\S\n]*[,(]?[^\S\n]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]?\s+|\n\s*)\Z")
_ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:[Aa]n?|[Tt]he|[Tt]hat)\s+(?:[a-z]+\s+)?$")
# "the 1989 riots", "the 2011 events": a year before a plural noun that names events
_EVENT_NOUN = re.compile(r"\s+(?:riots|protests|events|elections|strikes|uprisings|massacres|floods|killings|games|"
                         r"reforms|trials|talks|clashes|demonstrations|rallies|hearings|negotiations|olympics|"
                         r"celebrations|festivities|sanctions|attacks|bombings|shootings|purges|repressions)\b", re.I)


@dataclass(slots=True)
class DateMention:
    """A date as written. `year` None = not written (resolve from context)."""

    start: int
    end: int
    surface: str
    precision: str          # day | month | year
    year: int | None
    month: int | None = None
    day: int | None = None
    year2: int | None = None   # end of an interval (None: same as start)
    month2: int | None = None
    day2: int | None = None
    weekday: int | None = None
    relative: str | None = None   # last | this | next | same | today | yesterday | offset | weekday | month
    form: str = ""
    # "two weeks later": +14; "half a year earlier": about -183; with relative "yesterday", the days
    # from the day of writing when not one ("позавчера", the day before yesterday: -2)
    offset_days: int | None = None

    def iso(self) -> tuple[str, str | None]:
        """(start ISO, end ISO or None) at the mention's precision; needs a year."""
        def one(y, m, d):
            if self.precision == "year" or m is None:
                return f"{y:04d}"
            if self.precision == "month" or d is None:
                return f"{y:04d}-{m:02d}"
            return f"{y:04d}-{m:02d}-{d:02d}"
        start = one(self.year, self.month, self.day)
        if self.year2 is None and self.month2 is None and self.day2 is None:
            return start, None
        end = one(self.year2 or self.year, self.month2 or self.month, self.day2 or self.day)
        return start, (end if end != start else None)


def _int(s: str | None) -> int | None:
    if not s:
        return None
    return int(re.sub(r"\D", "", s))


def _month(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else MONTHS.get(s.lower().rstrip("."))


def _valid(y, m, d) -> bool:
    try:
        dt.date(y or 2000, m or 1, d or 1)
        return True
    except ValueError:
        return False


# where a date can start: the big pattern is tried only there (keeps the search linear and fast)
_TRIGGER = re.compile(
    rf"(?<![\w])(?:\d|the(?=\s+\d)|(?:in|since|until|till|by|from)(?=\s+(?:{_EN})\b)|(?:{_EN})\b|{_WD}\b|"
    rf"last\b|this\b|next\b|the(?=\s+same\b)|today\b|yesterday\b|spring\b|summer\b|autumn\b|winter\b|mid-|"
    rf"early\s|late\s|christmas\b|halloween\b|boxing\s|new\s+year|valentine|fourth\s+of\s|st\.?\s*patrick)",
    re.I)


_TRIGGER_LOWER = re.compile(_TRIGGER.pattern)  # the same, case-sensitive, run on lower-cased text (3x faster)


# after a number, what makes it worth trying the date forms: a month name (16 December,
# 16th of December, 16–17 December), or a separator and a digit (2011-12-18, 14.12.2012)
_AFTER_DAY = re.compile(rf"(?:st|nd|rd|th)?(?:[^\S\n]*[-–—][^\S\n]*\d{{1,2}}(?:st|nd|rd|th)?)?\.?(?:[^\S\n]+of)?"
                        rf"[^\S\n]+(?:{_EN})\b|[-/.–—]\d")
_RUN = re.compile(r"\d+")


# --- Russian (and Kazakh) --------------------------------------------------------------------
# Russian writes the day before the month, the month in the genitive ("16 декабря"), and a year
# with the word for year in the case the sentence needs ("2011 года", "в 2011 году", "2011 г.").
# A month alone is in the case of its preposition ("в декабре", "с декабря", "к декабрю"), a
# season alone in the instrumental ("летом"), a weekday in the accusative after "в" ("в пятницу").
# These forms are tried only in a text with Cyrillic words (`_CYRILLIC`), before the English ones,
# and read the group names below; every mention gets the `form` of its English counterpart
# (`_mentions_ru`: "dmy", "my", "m", "y", "yy", "season", "mid", "rely", "wd", "today", ...), which is
# what the rest of the pipeline reads; "relmo" ("в прошлом месяце") has none.
def _words(names) -> str:
    return "|".join(sorted(set(names), key=len, reverse=True))


_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]{2}")  # run on lower-cased text: a Cyrillic word, not a stray homoglyph
_RU_NOM, _RU_GEN, _RU_PREP, _RU_DAT = (_words(RU_MONTHS[case])
                                       for case in ("nominative", "genitive", "prepositional", "dative"))
# "16 дек. 2011": an abbreviation only after a day number, with its dot or before the year
_RU_ABBR = rf"(?:{_words(RU_MONTH_ABBR)})(?:\.|(?=\s+(?:{YEAR_DIGITS})\b))"
# a Kazakh month with the suffixes Kazakh adds to it ("16 желтоқсанда", "16 желтоқсандағы")
_KZ = rf"(?:{_words(KZ_MONTHS)})[а-яёәғқңөұүһі]*"
_RU_WD_NOM = _words(["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"])
_RU_WD_ACC = _words(["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"])
_RU_WD_GEN = _words(["понедельника", "вторника", "среды", "четверга", "пятницы", "субботы", "воскресенья"])
_RD = r"(?:[0-3]?\d)(?!\d)"
_RD_ORD = r"(?:-(?:ого|го|ое|е))?"          # "16-го декабря", "17-е декабря"
_RY_ORD = r"(?:-(?:го|му|ом|м|й))"           # "2011-го года", "в 2011-м"
# the word for year after a year: "2011 года", "в 2011 году", "2011 г.", "2010–2011 гг.", "в 2010-2011 годах"
_RYW = r"(?:\s*(?:год(?:ами|ом|ах|ам|ов|ы|а|у|е)?|гг?\.|гг?)(?!\w))"
_RY = rf"(?P<y>{YEAR_DIGITS})(?!\d){_RY_ORD}?{_RYW}?"
_RY2 = _RY.replace("(?P<y>", "(?P<y2>")
# прошлый / минувший (last), этот / текущий / нынешний (this), следующий / будущий (next), тот же (same)
_RU_REL = (r"(?P<rel>(?:прошл|минувш|текущ|нынешн|следующ|будущ)[а-я]{1,3}|эт(?:ого|ом|от|ой|им|у|а|о)|"
           r"т(?:ого|ом|от|ой|ем|у|а|о)\s+же)(?!\w)")
_RU_REL_WORD = {"прошл": "last", "минувш": "last", "текущ": "this", "нынешн": "this", "эт": "this", "сего": "this",
                "следующ": "next", "будущ": "next", "т": "same"}
_LIST = 12   # at most this many more days in a list before its last ("1, 2, ... и 14 мая"): keeps the search linear
_RU_SEASONS = {"весн": "spring", "лет": "summer", "осен": "autumn", "зим": "winter"}

_FORMS_RU_DIGIT = [
    # 2011 жылғы 16 желтоқсан / 2011 жылы 16 желтоқсанда / 16 желтоқсан 2011 ж. (Kazakh: the year first)
    ("kz_dmy", rf"(?:(?P<y0>{YEAR_DIGITS})\s*(?:жылғы|жылдың|жылы|ж\.)\s+)?(?P<d>{_RD})(?:{_DASH}(?P<d2>{_RD}))?"
               rf"\s+(?P<m>{_KZ})(?:\s+(?P<y>{YEAR_DIGITS})(?!\d)(?:\s*(?:жылғы|жылы|жыл(?!\w)|ж\.))?)?"),
    # 2011 жылғы желтоқсан / 2011 жылы желтоқсанда
    ("kz_my", rf"(?P<y>{YEAR_DIGITS})\s*(?:жылғы|жылдың|жылы)\s+(?P<m>{_KZ})"),
    # 2011 жылы / 2011 ж.
    ("kz_y", rf"(?P<y>{YEAR_DIGITS})\s*(?:(?:жылғы|жылдың|жылы|жыл)(?!\w)|ж\.)"),
    # 16, 17 и 18 декабря / 16 и 17 декабря 2011 года: one mention a day
    ("ru_dlist", rf"(?P<d>{_RD}){_RD_ORD}(?P<more>(?:\s*,\s*{_RD}{_RD_ORD}){{0,{_LIST}}}\s*,?\s+и\s+{_RD}{_RD_ORD})"
                 rf"\s+(?P<m>{_RU_GEN})(?!\w)(?:\s+{_RY})?"),
    # пятница, 16 декабря 2011 года / 16–17 декабря 2011 г. / 16-го декабря / 16 дек. 2011
    ("ru_dmy", rf"(?:(?P<wd>{_RU_WD_NOM}),?\s+)?(?P<d>{_RD}){_RD_ORD}(?:{_DASH}(?P<d2>{_RD}){_RD_ORD})?"
               rf"\s+(?P<m>(?:{_RU_GEN})(?!\w)|{_RU_ABBR})(?:\s+{_RY})?"),
    # в 1990-х (годах), 1990-е годы: a decade
    ("ru_decade", r"(?P<y>1[6-9]\d0|20\d0)-(?:ых|ые|х|е)(?!\w)(?:\s*(?:годами|годах|годам|годов|годы|гг\.))?"),
    # в 2010–2011 годах / 2010-2011 гг. (without the word for years: the English "yy")
    ("ru_yy", rf"(?P<y>{YEAR_DIGITS})(?!\d){_RY_ORD}?{_DASH}(?P<y2>{YEAR_DIGITS})(?!\d){_RY_ORD}?{_RYW}"),
    # в 2011 году / 2011 год / 2011 г. / в 2011-м (a bare "2011" is the English "y", with Russian checks)
    ("ru_y", rf"(?P<y>{YEAR_DIGITS})(?!\d)(?:{_RY_ORD}?(?P<yw>{_RYW})|{_RY_ORD}(?!\w))"),
]
_FORMS_RU_WORD = [
    # пятница, 16 декабря 2011 года (a weekday before the day)
    _FORMS_RU_DIGIT[4],
    # с 16 по 18 декабря / с 30 ноября по 2 декабря 2011 года / с 16 до 18 декабря (a span: "с" and "по"
    # mark its two ends, so the surface starts at "с"; a month alone after "в" starts at the month)
    ("ru_span", rf"со?\s+(?P<d>{_RD}){_RD_ORD}(?:\s+(?P<m>{_RU_GEN})(?!\w)(?:\s+{_RY})?)?\s+(?:по|до)\s+"
                rf"(?P<d2>{_RD}){_RD_ORD}\s+(?P<m2>{_RU_GEN})(?!\w)(?:\s+{_RY2})?"),
    # с 2010 по 2012 год
    ("ru_yspan", rf"со?\s+(?P<y>{YEAR_DIGITS})(?!\d){_RY_ORD}?\s+(?:по|до)\s+(?P<y2>{YEAR_DIGITS})(?!\d){_RY_ORD}?"
                 rf"(?P<yw>{_RYW})?"),
    # с мая по декабрь 2011 года / май–июнь 2011 / в мае–июне
    ("ru_mm", rf"(?:со?\s+)?(?P<m>{_RU_GEN}|{_RU_NOM}|{_RU_PREP})(?:{_DASH}|\s+по\s+)"
              rf"(?P<m2>{_RU_NOM}|{_RU_PREP}|{_RU_GEN})(?!\w)(?:\s+{_RY})?"),
    # в ночь на 17 декабря / в ночь с 16 на 17 декабря / в ночь на субботу / в ночь с пятницы на субботу.
    # The night is dated by the day it runs into, at day precision: Russian names a night by that
    # date ("ночь на 17-е"), and news date what happened in it by that day; a 16–17 span would
    # date it by the 16th's evening too, which the phrase does not mean
    ("ru_night", rf"ночь\s+(?:со?\s+(?:{_RD}{_RD_ORD}(?:\s+(?:{_RU_GEN}))?|{_RU_WD_GEN})\s+)?на\s+"
                 rf"(?:(?P<d>{_RD}){_RD_ORD}\s+(?P<m>{_RU_GEN})(?!\w)(?:\s+{_RY})?|(?P<wd>{_RU_WD_ACC})(?!\w))"),
    # в начале / середине / конце декабря (2011 года), в первых числах января, во второй половине мая
    ("ru_mid", rf"(?P<part>начал[еоа]|середин[еаы]|конц[еа]|конец|(?:первых|последних)\s+числах|"
               rf"(?:первой|второй)\s+половин[еаы])\s+(?P<m>{_RU_GEN})(?!\w)(?:\s+{_RY})?"),
    # весной 2012 года / летом / прошлой осенью / зимой 2011–2012 годов
    ("ru_season", rf"(?:{_RU_REL}\s+)?(?P<season>весной|летом|осенью|зимой)(?!\w)"
                  rf"(?:\s+(?P<y>{YEAR_DIGITS})(?!\d){_RY_ORD}?"
                  rf"(?:{_DASH}(?P<y2>{YEAR_DIGITS})(?!\d){_RY_ORD}?)?{_RYW}?)?"),
    # весна 2012 года, с лета 2011 года (a season in another case: only with its year)
    ("ru_season2", rf"(?P<season>весн[аыу]|лет[оа]|осен[ьи]|зим[аыу])\s+{_RY}"),
    # декабрь 2011 / в декабре 2011 года / с декабря 2011 года / к декабрю 2011 года
    ("ru_my", rf"(?P<m>{_RU_NOM}|{_RU_GEN}|{_RU_PREP}|{_RU_DAT})(?!\w)\s+{_RY}"),
    # в декабре / с декабря / до декабря / к декабрю (a month alone: its case says it is a time)
    ("ru_m", rf"(?P<m>{_RU_PREP}|{_RU_GEN}|{_RU_DAT})(?!\w)"),
    # в прошлом году / в этом году / с прошлого года / в том же году
    ("ru_rely", rf"{_RU_REL}\s+(?:году|года|год)(?!\w)"),
    # в прошлом месяце / в этом месяце / в следующем месяце
    ("ru_relmo", rf"{_RU_REL}\s+(?:месяце|месяца|месяц)(?!\w)"),
    # в прошлую пятницу / в минувшее воскресенье / в эту субботу
    ("ru_relwd", rf"{_RU_REL}\s+(?P<wd>{_RU_WD_ACC}|{_RU_WD_NOM})(?!\w)"),
    # в понедельник / во вторник / в среду (after "в" only: "понедельник — день тяжёлый" is no date)
    ("ru_wd", rf"(?P<wd>{_RU_WD_ACC})(?!\w)"),
    # сегодня / вчера / позавчера
    ("ru_today", r"(?P<today>позавчера|вчера|сегодня)(?!\w)"),
]
_RU_FORMS = {name for name, _ in _FORMS_RU_DIGIT + _FORMS_RU_WORD}
# Every Russian form has a Cyrillic letter at its start or soon after its numbers: a lookahead for
# one keeps them from being tried at an English date in a text with some Russian in it
_CYR = "[а-яёәғқңөұүһі]"
_FIND_X = re.compile(rf"(?={_CYR})(?:{_alternation(_FORMS_RU_WORD).pattern})|{_FIND.pattern}", re.I)
_FIND_DIGIT_X = re.compile(rf"(?=[\d \t\u00a0,–—-]{{0,{5 * _LIST + 8}}}{_CYR})(?:{_alternation(_FORMS_RU_DIGIT).pattern})|"
                           rf"{_FIND_DIGIT.pattern}", re.I)
_TRIGGER_X = re.compile(
    _TRIGGER.pattern[:-1] + rf"|(?={_CYR})(?:(?:{_RU_NOM}|{_RU_GEN}|{_RU_PREP}|{_RU_DAT}|{_RU_WD_NOM}|{_RU_WD_ACC}|"
    r"весной|летом|осенью|зимой|весн[аыу]|лет[оа]|осен[ьи]|зим[аыу]|позавчера|вчера|сегодня|ночь|"
    r"начал[еоа]|середин[еаы]|конц[еа]|конец|первых|последних|первой|второй|"
    r"(?:прошл|минувш|текущ|нынешн|следующ|будущ)[а-я]{1,3}|эт(?:ого|ом|от|ой|им|у|а|о)|"
    rf"т(?:ого|ом|от|ой|ем|у|а|о)(?=\s+же))(?!\w)|со?(?=\s+(?:\d|(?:{_RU_GEN})\s+по(?!\w)))))", re.I)
_TRIGGER_X_LOWER = re.compile(_TRIGGER_X.pattern)
# after a number in a Russian text: a Russian or Kazakh month (16 декабря, 16–17 декабря, 16 дек.,
# 16 желтоқсан) or more days of a list (16, 17 и 18 декабря)
_AFTER_DAY_X = re.compile(
    _AFTER_DAY.pattern + rf"|{_RD_ORD}(?:[^\S\n]*[-–—][^\S\n]*\d{{1,2}}{_RD_ORD})?[^\S\n]+(?:{_RU_GEN}|"
    rf"{_words(RU_MONTH_ABBR)}|{_words(KZ_MONTHS)})|{_RD_ORD}(?:[^\S\n]*,[^\S\n]*\d{{1,2}}{_RD_ORD}){{0,{_LIST}}}[^\S\n]*,?"
    r"[^\S\n]+и[^\S\n]+\d")
# "16 декабря прошлого года", "в декабре этого года", "весной того же года"
_TRAIL_REL_RU = re.compile(r"[^\S\n]+(?P<rel>прошлого|минувшего|этого|текущего|нынешнего|сего|следующего|будущего|"
                           r"того[^\S\n]+же)[^\S\n]+года(?!\w)", re.I)
# "16.12.2011 г.", "16.12.2011 года": the word for year after a numeric date
_RU_YEAR_WORD_AFTER = re.compile(r"[^\S\n]*(?:года|г\.)(?!\w)", re.I)
# a month alone in the genitive or dative is a time after these prepositions ("с декабря", "к декабрю")
_RU_GEN_BEFORE = re.compile(r"(?<!\w)(?:с|со|до|после|от|течение)[^\S\n]+$", re.I)
_RU_DAT_BEFORE = re.compile(r"(?<!\w)(?:к|ко)[^\S\n]+$", re.I)
_RU_V_BEFORE = re.compile(r"(?<!\w)(?:в|во)[^\S\n]+$", re.I)
# a bare four-digit number is a count before a noun ("2011 человек", "2011 адам"), not before a word that
# goes on a sentence about a year ("в 2011 и 2012 годах", "в 2011 произошли", "в 2011 был")
_RU_COUNT_AFTER = re.compile(
    r"[^\S\n]+(?!(?:и|или|а|но|в|во|на|по|до|с|со|от|к|ко|у|о|об|при|за|из|после|перед|когда|уже|еще|"
    r"ещё|же|ли|не|тоже|также|был\w*|стал\w*|\w+(?:ла|ло|ли|лся|лась|лось|лись))(?!\w))[а-яёәғқңөұүһі]")
# a number after a word that labels numbers ("дом 2011", "кв. 2011", "статья 2011", "№ 2011") or tells
# an amount ("около 2000", "более 2000") is no year; a year after these has its word ("около 2000 года")
_RU_LABEL_BEFORE = re.compile(
    r"(?<!\w)(?:дом[аеу]?|квартир[аыеу]|корпус|строение|офис|кабинет|стать[яиею]|пункт|част[ьи]|номер|"
    r"страниц[аыеу]|том|глав[аыеу]|рейс|автобус|маршрут|индекс|код|(?:д|кв|корп|стр|ст|п|ч|с|т|гл|тел|ул)\.|№|"
    r"около|примерно|приблизительно|порядка|более|менее|свыше|почти|всего)[^\S\n]*$", re.I)
_RU_COMPOUND_AFTER = re.compile(r"-[а-яёәғқңөұүһі]", re.I)  # "1995-х", "2011-летие": no year


def _ru_not_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number in a Russian text that counts something or labels it, not a year."""
    return bool(_RU_COUNT_AFTER.match(text, end) or _RU_COMPOUND_AFTER.match(text, end)
                or _RU_LABEL_BEFORE.search(text, max(0, start - 20), start))


def _ru_rel(word: str) -> str:
    w = word.lower()
    return next(rel for stem, rel in _RU_REL_WORD.items() if w.startswith(stem))


def _mentions_ru(form: str, g: dict, m: re.Match, text: str) -> list[DateMention]:
    """The mentions a match of a Russian or Kazakh form stands for (a list of days: one a day)."""
    start, end = m.start(), m.end()
    surface = text[start:end]
    y, y2 = _int(g.get("y") or g.get("y0")), _int(g.get("y2"))
    mo, mo2 = (month_number(g[k]) if g.get(k) else None for k in ("m", "m2"))
    if (mo is None and g.get("m")) or (mo2 is None and g.get("m2")):
        return []
    d, d2 = _int(g.get("d")), _int(g.get("d2"))
    wd = RU_WEEKDAYS.get((g.get("wd") or "").lower())
    rel = _ru_rel(g["rel"]) if g.get("rel") else None
    out: list[DateMention] = []
    if form in ("ru_y", "kz_y"):
        if form == "ru_y" and not g.get("yw") and _ru_not_year(text, start, end):
            return []  # "2011-й участник": an ordinal count
        out = [DateMention(start, end, surface, "year", y, form="y")]
    elif form in ("ru_yy", "ru_yspan", "ru_decade"):
        y2 = y + 9 if form == "ru_decade" else y2
        if y2 is None or not y < y2 <= y + 50:
            return []
        if form == "ru_yspan" and not g.get("yw") and _ru_not_year(text, start, end):
            return []  # "с 1600 по 2000 человек": a count
        out = [DateMention(start, end, surface, "year", y, year2=y2, form="yy")]
    elif form in ("ru_dmy", "kz_dmy") or (form == "ru_night" and d is not None):
        if not (d and 1 <= d <= 31) or (d2 is not None and not d < d2 <= 31) or not _valid(y, mo, d):
            return []
        out = [DateMention(start, end, surface, "day", y, mo, d, day2=d2, weekday=wd, form="dmy")]
    elif form == "ru_night":  # "в ночь на субботу"
        out = [DateMention(start, end, surface, "day", None, weekday=wd, relative="weekday", form="wd")]
    elif form == "ru_span":
        mo = mo or mo2
        if y is None and y2 is not None:
            y = y2 if (mo, d) <= (mo2, d2) else y2 - 1  # "с 30 декабря по 2 января 2012 года"
        elif y is not None and y2 is None:
            y2 = y if (mo, d) <= (mo2, d2) else y + 1
        if not (_valid(y, mo, d) and _valid(y2, mo2, d2)):
            return []
        if y is None and (mo, d) >= (mo2, d2):
            # "с 30 декабря по 2 января" with no year: two days, each dated by its context
            if mo2 == mo or g.get("m") is None:
                return []
            e1, s2, e2 = m.end(f"{form}_m"), m.start(f"{form}_d2"), m.end(f"{form}_m2")
            return [DateMention(start, e1, text[start:e1], "day", None, mo, d, form="dmy"),
                    DateMention(s2, e2, text[s2:e2], "day", None, mo2, d2, form="dmy")]
        if y is not None and (y, mo, d) >= (y2, mo2, d2):
            return []
        out = [DateMention(start, end, surface, "day", y, mo, d, year2=y2 if y2 != y else None,
                           month2=mo2 if mo2 != mo else None, day2=d2, form="dmy")]
    elif form == "ru_dlist":
        more_at = m.start(f"{form}_more")
        days = [(m.start(f"{form}_d"), m.end(f"{form}_d"), d)]
        days += [(more_at + x.start(), more_at + x.end(), int(x.group())) for x in re.finditer(r"\d+", g["more"])]
        if any(not (1 <= dd <= 31) or not _valid(y, mo, dd) for _, _, dd in days) or \
                any(a[2] >= b[2] for a, b in zip(days, days[1:])):
            return []
        out = [DateMention(s, e, text[s:e], "day", y, mo, dd, form="list") for s, e, dd in days[:-1]]
        s = days[-1][0]
        out.append(DateMention(s, end, text[s:end], "day", y, mo, days[-1][2], form="dmy"))
    elif form == "ru_mm":
        if mo == mo2:
            return []
        out = [DateMention(start, end, surface, "month", y, mo, month2=mo2, form="mmy" if y else "mm")]
    elif form == "ru_mid":
        out = [DateMention(start, end, surface, "month", y, mo, form="mid")]
    elif form in ("ru_season", "ru_season2"):
        season = next(v for k, v in _RU_SEASONS.items() if g["season"].lower().startswith(k))
        a, b = SEASONS[season]
        if y2 is not None and not (b < a and y2 == y + 1):
            return []  # "зимой 2011–2012 годов": only a winter runs over two years
        out = [DateMention(start, end, surface, "month", y, a, year2=(y + 1 if (b < a and y) else None), month2=b,
                           relative=rel, form="season")]
    elif form in ("ru_my", "kz_my"):
        out = [DateMention(start, end, surface, "month", y, mo, form="my")]
    elif form == "ru_m":
        word = g["m"].lower()
        if word in RU_MONTHS["genitive"] and not _RU_GEN_BEFORE.search(text, max(0, start - 12), start):
            return []  # "с декабря", "до декабря": a time; a genitive otherwise is not one on its own
        if word in RU_MONTHS["dative"] and not _RU_DAT_BEFORE.search(text, max(0, start - 6), start):
            return []
        out = [DateMention(start, end, surface, "month", None, mo, relative="month", form="m")]
    elif form == "ru_rely":
        out = [DateMention(start, end, surface, "year", None, relative=rel, form="rely")]
    elif form == "ru_relmo":
        out = [DateMention(start, end, surface, "month", None, relative=rel, form="relmo")]
    elif form == "ru_relwd":
        out = [DateMention(start, end, surface, "day", None, weekday=wd, relative=rel, form="relwd")]
    elif form == "ru_wd":
        if not _RU_V_BEFORE.search(text, max(0, start - 4), start):
            return []  # "понедельник — день тяжёлый": a weekday is a date after "в"
        out = [DateMention(start, end, surface, "day", None, weekday=wd, relative="weekday", form="wd")]
    elif form == "ru_today":
        word = g["today"].lower()
        # the day before yesterday is a "yesterday" two days back (what the pipeline reads of "yesterday":
        # a day counted from the day the text is written)
        out = [DateMention(start, end, surface, "day", None, relative="today" if word == "сегодня" else "yesterday",
                           form="today", offset_days=-2 if word == "позавчера" else None)]
    if (out and y is None and out[-1].relative in (None, "month")
            and form in ("ru_dmy", "ru_span", "ru_dlist", "ru_night", "ru_mid", "ru_season", "ru_m")):
        t = _TRAIL_REL_RU.match(text, end)  # "16 декабря прошлого года"
        if t:
            r = _ru_rel(t.group("rel"))
            out = [replace(x, relative=r) for x in out]
            last = out[-1]
            out[-1] = replace(last, end=t.end(), surface=text[last.start:t.end()])
    return out


def _matches(text: str, low: str, cyr: bool = False):
    """`low` = text.lower() (the caller needs it too); `cyr`: the text has Cyrillic words."""
    pos = 0
    same = len(low) == len(text)
    if cyr:
        trigger = _TRIGGER_X_LOWER if same else _TRIGGER_X
        after_day, find, find_digit = _AFTER_DAY_X, _FIND_X, _FIND_DIGIT_X
    else:
        trigger = _TRIGGER_LOWER if same else _TRIGGER
        after_day, find, find_digit = _AFTER_DAY, _FIND, _FIND_DIGIT
    triggers = trigger.finditer(low if same else text)
    for t in triggers:
        start = t.start()
        if start < pos:
            continue
        if text[start].isdigit():
            run = _RUN.match(text, start).group()
            is_year = len(run) == 4 and "1600" <= run <= "2199"
            if not is_year and not (after_day.match(low if same else text.lower(), start + len(run))):
                continue  # a plain count ("16 people", "1,000"): no date starts here
            m = find_digit.match(text, start)
        else:
            m = find.match(text, start)
        if m:
            pos = m.end()
            yield m


def _form_groups(pattern: re.Pattern) -> dict[str, tuple[tuple[str, int], ...]]:
    """form -> (name within the form, group number) of its groups: a match reads only its form's
    groups (not the hundreds of every form's, which `groupdict` would build a dictionary of)."""
    forms = [k[2:] for k in pattern.groupindex if k.startswith("F_")]
    return {f: tuple((k[len(f) + 1:], i) for k, i in pattern.groupindex.items() if k.startswith(f + "_"))
            for f in forms}


_GROUPS = {id(p): _form_groups(p) for p in (_FIND, _FIND_DIGIT, _FIND_X, _FIND_DIGIT_X)}


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, left to right, non-overlapping."""
    out: list[DateMention] = []
    low = text.lower()
    cyr = _CYRILLIC.search(low) is not None
    for m in _matches(text, low, cyr):
        form = m.lastgroup[2:] if m.lastgroup and m.lastgroup.startswith("F_") else None
        if form is None:
            form = next(name[2:] for name in m.re.groupindex if name.startswith("F_") and m.group(name))
        g = {k: v for k, i in _GROUPS[id(m.re)][form] if (v := m.group(i)) is not None}
        if form in _RU_FORMS:
            out.extend(_mentions_ru(form, g, m, text))
            continue
        start, end = m.start(), m.end()
        if form == "m":
            start = m.start("m_m")
        mention = _mention(form, g, text, start, end, cyr)
        if mention is None:
            continue
        if mention.surface[-1:] in ".,":
            mention = replace(mention, end=mention.end - 1, surface=mention.surface[:-1])
        if cyr and form in ("num", "iso"):
            w = _RU_YEAR_WORD_AFTER.match(text, end)  # "16.12.2011 г.", "16.12.2011 года"
            if w:
                mention = replace(mention, end=w.end(), surface=text[start:w.end()])
        if form in ("mdy", "dmy", "m") and mention.year is None:
            t = _TRAIL_REL.match(text, end)
            if t:
                rel = t.group("rel").lower().replace("the same", "same").replace("that", "same")
                mention = replace(mention, end=t.end(), surface=text[start:t.end()], relative=rel)
        out.append(mention)
        if form in ("mdy", "dmy") and mention.day is not None and mention.day2 is None:
            pos = mention.end
            while True:
                more = _MORE_DAYS.match(text, pos)
                if not more or not _valid(mention.year, mention.month, _int(more.group("d"))):
                    break
                d = _int(more.group("d"))
                s = more.start("d")
                out.append(replace(mention, start=s, end=more.end("d"), surface=more.group("d"), day=d,
                                   weekday=None, form="list"))
                pos = more.end()
    offsets = "later" in low or "earlier" in low or "afterwards" in low  # cheap gate for _OFFSET
    for m in (_OFFSET.finditer(text) if offsets and _OFFSET_WORD.search(text) else ()):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        out.append(_offset_mention(m))
    for m in (_DDMM.finditer(text) if _DDMM_HINT.search(text) else ()):
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= mo <= 12 and 1 <= d <= 31 and (mo % 5 != 0 and (d > 24 or mo % 5 != 0)):
            if any(o.start <= m.start() < o.end for o in out):
                continue
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", None, mo, d, form="ddmm"))
    out.sort(key=lambda x: (x.start, -x.end))
    kept: list[DateMention] = []
    for x in out:
        if kept and x.start < kept[-1].end:
            continue
        if _in_an_address(text, x.start, x.end) or (x.form == "y" and _GLUED_YEAR.match(text, x.end)):
            continue   # "<1993Mar26.001004.10983@news.eng.convex.com>", "a 1911A1": no date
        if kept and kept[-1].relative == "this" and kept[-1].form == "relm" and x.form == "y" \
                and text[kept[-1].end:x.start].strip() == "":
            # "this May 1991 issue": the year written after the month is the month's, not this year's
            m = kept.pop()
            x = replace(m, end=x.end, surface=text[m.start:x.end], year=x.year, relative=None, form="my")
        # "Last Friday, December 16", "Wednesday afternoon, July 9, 2014", "Sunday night (Dec. 4)": the
        # weekday belongs to the date that follows
        if (kept and kept[-1].weekday is not None and kept[-1].day is None and x.day is not None
                and x.weekday is None and _WEEKDAY_TO_DATE.fullmatch(text, kept[-1].end, x.start)):
            wd = kept.pop()
            x = replace(x, start=wd.start, surface=text[wd.start:x.end], weekday=wd.weekday)
        kept.append(x)
    return kept


# a year glued to the letter or digit of a code or model after it ("1911A1"; not a decade, "1990s")
_GLUED_YEAR = re.compile(r"(?![s’'])[A-Za-z0-9]")


def _in_an_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside an e-mail address or a message id ("<1993Mar26.001004@news.convex.com>",
    "john1993@aol.com"): a run of characters without a space that holds an @?"""
    a = start
    while a > 0 and start - a < 200 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and b - end < 200 and not text[b].isspace():
        b += 1
    return "@" in text[a:b]


# "Half a year later", "Three and a half years later", "two months earlier": a time offset from the
# date the text is talking about (not "six months after <something>", which needs that something)
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "several": 3}
_OFFSET = re.compile(
    r"(?<![\w-])(?P<n>half\s+a|a\s+few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\d{1,2})(?P<half>\s+and\s+a\s+half)?[^\S\n]+(?P<u>years?|months?|weeks?|days?)[^\S\n]+"
    r"(?P<dir>later|earlier|afterwards)\b", re.I)
_OFFSET_WORD = re.compile(r"(?:later|earlier|afterwards)\b", re.I)
_UNIT_DAYS = {"year": 365.25, "month": 30.44, "week": 7, "day": 1}


def _offset_mention(m: re.Match) -> DateMention:
    n = m.group("n").lower()
    amount = 0.5 if n.startswith("half") else (_NUM_WORDS.get(" ".join(n.split())) or int(n))
    if m.group("half"):
        amount += 0.5
    unit = m.group("u").lower().rstrip("s")
    days = round(amount * _UNIT_DAYS[unit]) * (-1 if m.group("dir").lower() == "earlier" else 1)
    precision = {"year": "year", "month": "month"}.get(unit, "day")  # "half a year later": that year
    return DateMention(m.start(), m.end(), m.group(0), precision, None, relative="offset", form="offset",
                       offset_days=days)


def _mention(form: str, g: dict, text: str, start: int, end: int, cyr: bool = False) -> DateMention | None:
    """An English form's mention; `cyr`: the text has Cyrillic words (a bare year gets the Russian checks too)."""
    surface = text[start:end]
    if form == "am":
        # a month as a noun: capitalised, after an article and at most one word ("a cold May")
        if not surface[:1].isupper() or not _ARTICLE_BEFORE.search(text, max(0, start - 24), start):
            return None
        return DateMention(start, end, surface, "month", None, _month(g.get("m")), form=form)
    if form in ("relm", "m", "mm") and (g.get("m") in ("may", "march") or g.get("m2") in ("may", "march")):
        return None  # "this may be", "in march with": a verb, not a month, unless capitalised
    y, y2 = _int(g.get("y")), _int(g.get("y2"))
    mo, mo2 = _month(g.get("m")), _month(g.get("m2"))
    d, d2 = _int(g.get("d")), _int(g.get("d2"))
    wd = WEEKDAYS.get((g.get("wd") or "").lower())
    rel = (g.get("rel") or "").lower().replace("the same", "same").replace(" ", "") or None
    if form == "iso":
        return DateMention(start, end, surface, "day", y, mo, d, form=form) if _valid(y, mo, d) else None
    if form == "num":
        if mo and mo > 12 and d and d <= 12:
            d, mo = mo, d  # US order: 12/30/2011
        return DateMention(start, end, surface, "day", y, mo, d, form=form) if _valid(y, mo, d) else None
    if form == "yy":
        if y2 is None or not (y < y2 <= y + 50):
            return None
        return DateMention(start, end, surface, "year", y, year2=y2, form=form)
    if form in ("dmy", "mdy", "dmyof"):
        if d is None or not (1 <= d <= 31) or (d2 is not None and not d < d2 <= 31):
            return None
        if not _valid(y, mo, d):
            return None
        return DateMention(start, end, surface, "day", y, mo, d, day2=d2, weekday=wd, form=form)
    if form == "mmy":
        return DateMention(start, end, surface, "month", y, mo, month2=mo2, form=form)
    if form == "mm":
        return DateMention(start, end, surface, "month", None, mo, month2=mo2, form=form)
    if form == "holiday":
        if not surface[:1].isupper():
            return None  # a proper noun: "new year's day" in lower case is rare enough to leave
        mo, d = _HOLIDAY_DAYS[_holiday_key(g["hol"])]
        return DateMention(start, end, surface, "day", y, mo, d, form=form)
    if form == "season":
        if y is None and surface[:1].isupper() and not _SENTENCE_START.search(text, 0, start):
            return None  # English writes seasons in lower case: "in Spring, Texas" is a town
        if y is None and not re.search(r"\b(?:in|during|by|this|last|that)\s+(?:the\s+)?$", text[max(0, start - 12):start], re.I):
            return None  # "the summer" only as a time: "in the summer", "this spring"
        a, b = SEASONS[g["season"].lower()]
        rel = None
        before = text[max(0, start - 6):start].lower()
        if y is None and ("last" in before or "this" in before):
            rel = "last" if "last" in before else "this"
        return DateMention(start, end, surface, "month", y, a, year2=(y + 1 if (b < a and y) else None),
                           month2=b, relative=rel, form=form)
    if form == "mid":
        return DateMention(start, end, surface, "month", y, mo, form=form)
    if form == "my":
        return DateMention(start, end, surface, "month", y, mo, form=form)
    if form == "relm":
        return DateMention(start, end, surface, "month", None, mo, relative=rel, form=form)
    if form == "relwd":
        return DateMention(start, end, surface, "day", None, weekday=wd, relative=rel, form=form)
    if form == "rely":
        return DateMention(start, end, surface, "year", None, relative=rel, form=form)
    if form == "today":
        return DateMention(start, end, surface, "day", None, relative=g["today"].lower(), form=form)
    if form == "wd":
        return DateMention(start, end, surface, "day", None, weekday=wd, relative="weekday", form=form)
    if form == "m":
        return DateMention(start, end, surface, "month", None, mo, relative="month", form=form)
    if form == "y":
        after = _COUNT_AFTER.match(text, end)
        if after and not _EVENT_NOUN.match(text, end):  # "1376 apartments": a count, not a year
            return None
        if _ADDRESS_AFTER.match(text, end):  # "the 2100 block of", "2111 Bethel Avenue": an address
            return None
        if cyr and _ru_not_year(text, start, end):  # "2011 человек", "дом 2011"
            return None
        return DateMention(start, end, surface, "year", y, form=form)
    return None


def resolve(m: DateMention, ref: dt.date | None, context_year: int | None,
            context_date: dt.date | None = None, to_come: bool = False) -> DateMention | None:
    """Like `_resolve`, and None when the result is not a real date (29 February 2011).
    `to_come`: the sentence tells of what is to come, so a bare month is the next such month."""
    r = _resolve(m, ref, context_year, context_date, to_come)
    if r is None or r.year is None or not _valid(r.year, r.month, r.day):
        return None
    if r.day2 is not None and not _valid(r.year2 or r.year, r.month2 or r.month, r.day2):
        return None
    return r


def _resolve(m: DateMention, ref: dt.date | None, context_year: int | None,
             context_date: dt.date | None = None, to_come: bool = False) -> DateMention | None:
    """Fill in the year (and day for weekdays) from a reference date or a context year.

    `ref` is the date the text is written from (published date, dateline);
    `context_year` the year the surrounding text is about. None if it cannot be
    resolved honestly.
    """
    if m.year is not None and m.relative is None:
        return m
    base_year = ref.year if ref else context_year
    rel = m.relative
    if rel == "offset":
        # from the date the text is talking about, at the precision of the offset
        if context_date is None or m.offset_days is None:
            return None
        day = context_date + dt.timedelta(days=m.offset_days)
        return replace(m, year=day.year, month=day.month if m.precision != "year" else None,
                       day=day.day if m.precision == "day" else None)
    if rel in ("today", "yesterday"):
        if ref is None:
            return None
        back = -m.offset_days if m.offset_days is not None else (1 if rel == "yesterday" else 0)  # позавчера: 2
        day = ref - dt.timedelta(days=back)
        return replace(m, year=day.year, month=day.month, day=day.day)
    if m.form == "relmo":
        # "в прошлом месяце": from the date the text is written, else the date it is talking about
        anchor = context_date if rel == "same" else (ref or context_date)
        if anchor is None:
            return None
        k = anchor.year * 12 + anchor.month - 1 + {"last": -1, "next": 1}.get(rel, 0)
        return replace(m, year=k // 12, month=k % 12 + 1)
    if m.form == "rely":
        if base_year is None:
            return None
        return replace(m, year=base_year + {"last": -1, "next": 1}.get(rel, 0))
    if m.weekday is not None and m.day is None:
        # a bare weekday: relative to the date the text is written from, else the date it is about
        anchor = ref or context_date
        if anchor is None:
            return None
        delta = (m.weekday - anchor.weekday()) % 7
        if rel == "last":
            day = anchor - dt.timedelta(days=(anchor.weekday() - m.weekday) % 7 or 7)
        elif rel == "next":
            day = anchor + dt.timedelta(days=delta or 7)
        elif ref is not None:
            # a bare weekday in a text of known date: news tells what has happened, so the last such
            # day on or before it ("killed Saturday" in Wednesday's paper: four days before)
            day = anchor - dt.timedelta(days=(anchor.weekday() - m.weekday) % 7)
        else:  # a bare weekday near the date the text is about: the nearest one, ties going forward
            back = (anchor.weekday() - m.weekday) % 7
            day = anchor + dt.timedelta(days=delta) if delta <= back else anchor - dt.timedelta(days=back)
        return replace(m, year=day.year, month=day.month, day=day.day)
    if m.month is not None and m.year is None:
        if m.day is not None and m.weekday is not None:
            # "Last Friday, December 16": the year near the context in which that day is that weekday
            around = base_year or context_year
            if around is not None:
                for dy in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
                    yy = around + dy
                    if _valid(yy, m.month, m.day) and dt.date(yy, m.month, m.day).weekday() == m.weekday:
                        return replace(m, year=yy)
        if rel == "same":
            return replace(m, year=context_year) if context_year else None
        if rel in ("last", "this", "next") and ref is not None:
            if m.form == "relm":
                y = ref.year if (m.month < ref.month or rel == "this") else ref.year - 1
                y = y + 1 if rel == "next" else y
                return replace(m, year=y)
            return replace(m, year=ref.year + {"last": -1, "next": 1}.get(rel, 0))
        if rel == "month" and ref is not None:
            # "In November" in a text written in February 2020: the last November before it; in a
            # sentence of what is to come ("a certificate valid until June", "elections due in March"),
            # the next one
            if to_come:
                y = ref.year if m.month >= ref.month else ref.year + 1
            else:
                y = ref.year if m.month <= ref.month else ref.year - 1
            return replace(m, year=y)
        y = context_year if context_year is not None else (ref.year if ref else None)
        return replace(m, year=y) if y is not None else None
    return None
