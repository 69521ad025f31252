"""Dates in free text (the timeline): every date-like mention and what its context fills in.

`find_dates` returns every date-like mention with what the text itself says; `resolve`
fills in what the text leaves to its context (a missing year, "last year", "last Friday",
a bare weekday) from a reference date. Both are pure and bounded (linear in the text).
Parsing a string that is only a date is `pipeline.text.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.text.dates import MONTH_NAMES, MONTHS, WEEKDAYS, YEAR_DIGITS


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_ORD = r"(?:st|nd|rd|th)"
_D = rf"(?:[0-3]?\d){_ORD}?"
_DASH = r"\s*[-–—]\s*"
_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_REL = r"(?:last|this|next|the\s+same|of\s+the\s+same|previous|following)"

_FORMS = [
    # 14th–22th of December, 1970 / 16th of December, 2011 / the 19th of December
    ("dmyof", rf"(?:the\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\s+of\s+(?P<m>{MONTH_NAMES})\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"),
    # 2012-12-14
    ("iso", rf"(?P<y>{YEAR_DIGITS})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    # 2009-2010 (two years)
    ("yy", rf"(?P<y>{YEAR_DIGITS}){_DASH}(?P<y2>{YEAR_DIGITS})"),
    # Friday, 14 December, 2012 / 14 Dec 2012 / 16–17 December 2011 / 16 December
    ("dmy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<d>{_D})(?:{_DASH}(?P<d2>{_D}))?\.?\s+(?P<m>{MONTH_NAMES})\b\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"),
    # Friday, December 14th, 2012 / December 16–17 / February 21-22 / August 2
    ("mdy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{MONTH_NAMES})\.?\s+(?P<d>{_D})(?!\d|[.,:]\d)(?:{_DASH}(?P<d2>{_D}))?(?:,?\s+(?P<y>{YEAR_DIGITS}))?(?!\s*(?:%|percent|per\s+cent|people|persons|years?)\b)"),
    # 14.12.2012 / 12/30/2011
    ("num", rf"(?P<d>[0-3]?\d)[./](?P<m>[0-3]?\d)[./](?P<y>{YEAR_DIGITS})"),
    # May – December 2011 / May to December 2011
    ("mmy", rf"(?P<m>{MONTH_NAMES})\.?(?:{_DASH}|\s+to\s+)(?P<m2>{MONTH_NAMES})\.?,?\s+(?P<y>{YEAR_DIGITS})"),
    # spring of 2011
    ("season", rf"(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR_DIGITS}))?(?<=\w)(?=\W|$)"),
    # mid-November 2011, early December
    ("mid", rf"(?P<part>mid|early|late)[- ](?P<m>{MONTH_NAMES})\.?(?:,?\s+(?P<y>{YEAR_DIGITS}))?"),
    # December 2012 / June [2011]
    ("my", rf"(?P<m>{MONTH_NAMES})\.?,?\s+\[?(?P<y>{YEAR_DIGITS})\]?"),
    # May – December / May - June (an axis label or a period; the year comes from context)
    ("mm", rf"(?P<m>{MONTH_NAMES})(?:{_DASH})(?P<m2>{MONTH_NAMES})"),
    # last December / last Friday / this year / last year / Today / on Monday
    ("relm", rf"(?P<rel>last|this|next)\s+(?P<m>{MONTH_NAMES})"),
    ("relwd", rf"(?P<rel>last|this|next)\s+(?P<wd>{_WD})"),
    ("rely", rf"(?P<rel>last|this|next|the\s+same)\s+year"),
    ("today", r"(?P<today>today|yesterday)"),
    ("wd", rf"(?P<wd>{_WD})"),
    # in November / In June (a month alone after a preposition)
    ("m", rf"\b(?:in|since|until|till|by|from)\s+(?P<m>{MONTH_NAMES})\b(?!\s*\[?\d)"),
    # It was a cold May / the May holidays (a capitalised month after an article, as a noun)
    ("am", rf"(?P<m>{MONTH_NAMES})\b(?!\s*\[?\d)"),
    # in 2011, the 1986 uprising (a bare year)
    ("y", rf"(?<![\d.,$€£₸-])(?P<y>{YEAR_DIGITS})(?![\d%])"),
]
def _alternation(names) -> re.Pattern:
    # a date does not run over a line break ("27\nMay" in an infographic axis is two labels)
    return re.compile("|".join(f"(?P<F_{name}>{rx.replace('(?P<', f'(?P<{name}_')})".replace(r"\s", r"[^\S\n]")
                               for name, rx in _FORMS if name in names), re.I)


_FIND = _alternation({name for name, _ in _FORMS})
# the forms that can start with a digit, tried where a digit starts (most triggers)
_FIND_DIGIT = _alternation({"dmyof", "iso", "yy", "dmy", "num", "y"})
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
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Highway|Hwy|"
           r"Parkway|Pkwy|Terrace|Ter|Circle|Cir|Trail|Pike|Row|Square|Sq|Alley|Expressway|Turnpike)")
_ADDRESS_AFTER = re.compile(r"(?:-|[^\S\n])*(?i:blocks?)\b|[^\S\n]+(?:[NSEW]\.?[^\S\n]+)?(?:[A-Z][\w'’.-]*[^\S\n]+){1,3}"
                            + _STREET + r"\b")
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
    relative: str | None = None   # last | this | next | same | today | yesterday | offset
    form: str = ""
    offset_days: int | None = None    # "two weeks later": +14; "half a year earlier": about -183

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
    rf"(?<![\w])(?:\d|the(?=\s+\d)|(?:in|since|until|till|by|from)(?=\s+(?:{MONTH_NAMES})\b)|(?:{MONTH_NAMES})\b|{_WD}\b|"
    rf"last\b|this\b|next\b|the(?=\s+same\b)|today\b|yesterday\b|spring\b|summer\b|autumn\b|winter\b|mid-|"
    rf"early\s|late\s)",
    re.I)


_TRIGGER_LOWER = re.compile(_TRIGGER.pattern)  # the same, case-sensitive, run on lower-cased text (3x faster)


# after a number, what makes it worth trying the date forms: a month name (16 December,
# 16th of December, 16–17 December), or a separator and a digit (2011-12-18, 14.12.2012)
_AFTER_DAY = re.compile(rf"(?:st|nd|rd|th)?(?:[^\S\n]*[-–—][^\S\n]*\d{{1,2}}(?:st|nd|rd|th)?)?\.?(?:[^\S\n]+of)?"
                        rf"[^\S\n]+(?:{MONTH_NAMES})\b|[-/.–—]\d")
_RUN = re.compile(r"\d+")


def _matches(text: str, low: str):
    """`low` = text.lower() (the caller needs it too)."""
    pos = 0
    same = len(low) == len(text)
    triggers = _TRIGGER_LOWER.finditer(low) if same else _TRIGGER.finditer(text)
    for t in triggers:
        start = t.start()
        if start < pos:
            continue
        if text[start].isdigit():
            run = _RUN.match(text, start).group()
            is_year = len(run) == 4 and "1600" <= run <= "2199"
            if not is_year and not (_AFTER_DAY.match(low if same else text.lower(), start + len(run))):
                continue  # a plain count ("16 people", "1,000"): no date starts here
            m = _FIND_DIGIT.match(text, start)
        else:
            m = _FIND.match(text, start)
        if m:
            pos = m.end()
            yield m


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, left to right, non-overlapping."""
    out: list[DateMention] = []
    low = text.lower()
    for m in _matches(text, low):
        form = m.lastgroup[2:] if m.lastgroup and m.lastgroup.startswith("F_") else None
        if form is None:
            for name, _ in _FORMS:
                if m.group(f"F_{name}"):
                    form = name
                    break
        g = {k[len(form) + 1:]: v for k, v in m.groupdict().items()
             if v is not None and k.startswith(form + "_")}
        start, end = m.start(), m.end()
        if form == "m":
            start = m.start("m_m")
        mention = _mention(form, g, text, start, end)
        if mention is None:
            continue
        if mention.surface[-1:] in ".,":
            mention = replace(mention, end=mention.end - 1, surface=mention.surface[:-1])
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
        # "Last Friday, December 16": the weekday belongs to the date that follows
        if (kept and kept[-1].weekday is not None and kept[-1].day is None and x.day is not None
                and x.weekday is None and re.fullmatch(r",?\s*", text[kept[-1].end:x.start])):
            wd = kept.pop()
            x = replace(x, start=wd.start, surface=text[wd.start:x.end], weekday=wd.weekday)
        kept.append(x)
    return kept


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


def _mention(form: str, g: dict, text: str, start: int, end: int) -> DateMention | None:
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
    if form == "season":
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
        return DateMention(start, end, surface, "year", y, form=form)
    return None


def resolve(m: DateMention, ref: dt.date | None, context_year: int | None,
            context_date: dt.date | None = None) -> DateMention | None:
    """Like `_resolve`, and None when the result is not a real date (29 February 2011)."""
    r = _resolve(m, ref, context_year, context_date)
    if r is None or r.year is None or not _valid(r.year, r.month, r.day):
        return None
    if r.day2 is not None and not _valid(r.year2 or r.year, r.month2 or r.month, r.day2):
        return None
    return r


def _resolve(m: DateMention, ref: dt.date | None, context_year: int | None,
             context_date: dt.date | None = None) -> DateMention | None:
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
        day = ref - dt.timedelta(days=1 if rel == "yesterday" else 0)
        return replace(m, year=day.year, month=day.month, day=day.day)
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
            # "In November" in a text written in February 2020: the last November before it
            y = ref.year if m.month <= ref.month else ref.year - 1
            return replace(m, year=y)
        y = context_year if context_year is not None else (ref.year if ref else None)
        return replace(m, year=y) if y is not None else None
    return None
