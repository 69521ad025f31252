"""Counts of a period, not of an incident: "168 homicides in Baltimore this year", "Nearly 700 more have
already been shot since January", "This double homicide brings Louisville's 2016 homicide count to 51".

News about one killing often sets it against the place's running tally. Such a figure counts the dead
or the shot of many incidents over a period; read as the incident's toll it is a wrong figure, and
beside the incident's own count it looks like a dispute. A casualty count is a tally when

- it counts people shot, killed, murdered or wounded, and its sentence names a period still running:
  "so far this year", "this year", "year to date", "since January", "since the start of the year",
  "at this point in 2014", "in the year to March 2022", "between January 1 and December 20" ("four
  people were killed last year in a shooting" is one incident);
- or it is set against the same period of another year ("down from 281 in the same period in 2021"), or
  is the value of a year's toll ("the road toll for 2021 to 61");
- or it counts crimes in the plural (homicides, murders, killings, slayings, shootings, deaths) over
  such a period, a past year ("120 homicides last year"), a year named ("Murders in Newark
  reached 111 in 2013"; "two people were killed in 2013" is a past incident, not a tally), a month
  ("March 2016 saw 46 homicides"), the last week or month, or a rate ("30 murders a year");
- or it is the value of a crime tally noun: "homicide count", "murder total", "shooting tally"
  ("brings the homicide count to 51"; not "death toll", which is an incident's), or of a toll in a
  sentence that names a running period ("The road toll this year stands at 112");
- or its clause says it was reached over several incidents: "Seven people were murdered in three
  separate shootings", "one man died and four others were wounded in separate shootings", "four
  people were killed ... in shootings across the city", "killed in a spate of attacks" (a number of
  two or more, or separate/unrelated/several/multiple/a series of, or the incidents spread across a
  place); the phrase follows the count in its sentence, or opens it ("In two separate crashes, ...").
  Not "killed in the shootings" (one incident's several shootings: the Navy Yard) nor "killed in
  one of three shootings" (the count is of one).

English; the words are those of crime reporting in any English-speaking country. Only counts written
as numbers: one the grammar gives without a numeral ("a woman was also shot this year") is a person,
not a tally. The figure stays a claim, marked with its period (quantities.tally_of, claims.tally), and
is no value in disputes.
"""

from __future__ import annotations

import re

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a period still running, that counts accumulate over ("so far this year", "since January")
ACCUMULATING = (rf"so\s+far\s+(?:this|in)\s+(?:year|\d{{4}})|(?:so\s+far\s+)?this\s+year|year[-\s]to[-\s]date|"
                rf"since\s+(?:{_MONTH}|the\s+(?:start|beginning)\s+of\s+(?:the\s+)?year)|"
                rf"at\s+this\s+(?:point|time)\s+(?:in|last)\s+(?:\d{{4}}|year)|"
                # British statistics: "in the year to March 2022", "in the 12 months to June"
                rf"in\s+the\s+(?:year|twelve\s+months|12\s+months)\s+to\s+{_MONTH}(?:\s+(?:19|20)\d\d)?|"
                # a span of days: "between January 1 and December 20"
                rf"between\s+{_MONTH}\s+\d{{1,2}}\s+and\s+{_MONTH}\s+\d{{1,2}}")
RUNNING = re.compile(rf"\b(?:{ACCUMULATING})\b", re.I)
# ... or a whole past year, which plural crimes are counted over ("120 homicides last year"; but
# "four people were killed last year in a shooting" is one incident)
RUNNING_OR_PAST = re.compile(rf"\b(?:{ACCUMULATING}|(?:last|past)\s+year)\b", re.I)
A_YEAR = re.compile(r"\b(?:in|during|for|throughout)\s+(?:all\s+of\s+|the\s+whole\s+of\s+)?(?:19|20)\d\d\b", re.I)
# ... or a stretch of the calendar that crimes in the plural are counted over: a month ("46 homicides in
# March", "March 2016 saw 46 homicides"), the last week or month, a rate ("30 murders a year"); not a
# day ("two homicides that happened on May 1", "a year ago"); the words around a month in any case, so
# that a sentence may open with them ("Last month, ..."), the month's own name capitalised ("may" is a verb)
A_CALENDAR_SPAN = re.compile(
    rf"\b(?:(?i:in|during|for|throughout)\s+{_MONTH}(?:\s+(?:of\s+)?(?:19|20)\d\d)?\b(?!\s+\d)"
    rf"|{_MONTH}\s+(?:19|20)\d\d\b"
    r"|(?i:(?:last|this|past|previous)\s+(?:month|week|weekend|decade))\b"
    r"|(?i:(?:a|per|each|every)\s+(?:year|month|week))\b(?!\s+(?:ago|earlier|later|before|after|since))"
    r"|(?i:annually)\b)")
# crimes counted in the plural right after the number ("168 homicides", "nine fatal shootings")
CRIMES_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:homicides|murders|killings|slayings|shootings|deaths)\b", re.I)
# people shot or killed right after the number ("4,368 people were shot", "700 more have been shot")
PEOPLE_HARMED_AFTER = re.compile(
    r"\s+(?:more\s+|other\s+)?(?:[a-z-]+\s+){0,2}?(?:(?:have|had|has)\s+(?:already\s+)?been|were|was|are|got)?\s*"
    r"(?:already\s+)?(?:shot|killed|murdered|slain|wounded|stabbed|injured)\b"
    r"|\s+(?:more\s+|other\s+)?(?:[a-z-]+\s+){0,2}?(?:(?:have|had|has)\s+)?(?:died|lost\s+their\s+lives)\b", re.I)
# a count set against the same period of another year: "down from 281 in the same period in 2021",
# "compared with 55 at the same time last year"
SAME_PERIOD_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?(?:in|during|over|for|at)\s+the\s+same\s+(?:period|time)\b", re.I)
# a toll of a year: "take Queensland's road toll for 2021 to 61"
YEAR_TOLL_BEFORE = re.compile(r"\btolls?\s+(?:for|in|of)\s+(?:19|20)\d\d\b[^.;:!?]{0,30}?"
                              r"\b(?:to|at|of|is|was|reached|hit|stands\s+at)\s+$", re.I)
# a tally noun whose value the number is ("homicide count to 51", "murder total at 111")
TALLY_NOUN_BEFORE = re.compile(
    r"\b(?:homicide|murder|killing|shooting)s?\s+(?:count|total|tally)\b[^.;:!?]{0,30}?"
    r"\b(?:to|at|of|is|was|reached|hit)\s+$", re.I)
# a toll whose sentence names a running period: "The road toll this year stands at 112" (an incident's
# "death toll rose to 13" names none)
TOLL_BEFORE = re.compile(r"\btolls?\b[^.;:!?]{0,40}?\b(?:to|at|of|is|was|reached|hit|stands\s+at)\s+$", re.I)
# crimes as the subject of a verb of reaching, the number its object ("Murders in Newark reached 111")
CRIMES_REACHED_BEFORE = re.compile(
    r"\b(?:homicides|murders|killings|shootings|deaths)\b[^.;:!?]{0,50}?"
    r"\b(?:reached|reach|rose\s+to|climbed\s+to|stood\s+at|stands\s+at|totall?ed|hit)\s+$", re.I)


_COUNT_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens\s+of|\d+)"
_SEVERAL = (rf"(?:{_COUNT_WORDS}|several|multiple|numerous|a\s+(?:series|string|spate|rash|wave|number)\s+of)\s+"
            r"(?:(?:separate|unrelated|different|distinct|individual|other)\s+)?")
_APART = r"(?:separate|unrelated|different|distinct)\s+"
# incidents in the plural: events of violence, disaster and accident any news counts people in
_INCIDENTS = (r"(?:[a-z]+\s+)?(?:shootings|incidents|attacks|stabbings|assaults|crashes|collisions|accidents|"
              r"explosions|bombings|blasts|clashes|fires|raids|air\s*strikes|airstrikes|strikes|ambushes|"
              r"robberies|homicides|murders|killings|slayings)\b")
SEVERAL_INCIDENTS = re.compile(
    rf"\b(?:in|during|from)\s+(?:{_SEVERAL}|{_APART}){_INCIDENTS}"
    rf"|\b(?:in|during|from)\s+{_INCIDENTS}\s+(?:across|around|throughout|all\s+over)\s+", re.I)
# between the count and the phrase: still its clause (no semicolon, no relative clause about something
# else: "the gunman, who had been in several incidents")
_OTHER_CLAUSE = re.compile(r"[;:]|\b(?:who|which|whom|whose)\b|\bone\s+of\s*$", re.I)
# the count inside a relative clause set off by commas ("The gunman, who killed 12, had been in several
# incidents"): what follows its closing comma is the main clause's, not the count's
_IN_RELATIVE = re.compile(r",\s*(?:who|which)\b[^,]*$", re.I)
_AFTER_WINDOW = 120


def several_incidents(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str | None:
    """The phrase saying the count at text[start:end] was reached over several incidents ("in three
    separate shootings"), or None (module doc)."""
    upto = min(sentence_end, end + _AFTER_WINDOW)
    m = SEVERAL_INCIDENTS.search(text, end, upto)
    if m and not _OTHER_CLAUSE.search(text, end, m.start()) and not (
            "," in text[end:m.start()] and _IN_RELATIVE.search(text, sentence_start, start)):
        return m.group(0).rstrip()
    opening = SEVERAL_INCIDENTS.match(text, sentence_start, start)
    if opening and "," in text[opening.end():start] and not _OTHER_CLAUSE.search(text, opening.end(), start):
        return opening.group(0).rstrip()   # "In two separate crashes, four people died"
    return None


def tally_period(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str | None:
    """The period (or the incidents) a casualty count at text[start:end] is a running tally of, as
    written ('a running count' for a tally noun without one); None when it is no tally (module doc)."""
    sentence = text[sentence_start:sentence_end]
    before = text[max(sentence_start, start - 80):start]
    same = SAME_PERIOD_AFTER.match(text, end, sentence_end)
    if same:
        return same.group(0).strip()
    year_toll = YEAR_TOLL_BEFORE.search(before)
    if year_toll:
        return re.search(r"(?:19|20)\d\d", year_toll.group(0)).group(0)
    period = RUNNING_OR_PAST.search(sentence) or A_YEAR.search(sentence)
    if TALLY_NOUN_BEFORE.search(before):
        return period.group(0) if period else "a running count"
    crimes_period = period or A_CALENDAR_SPAN.search(sentence)
    if crimes_period and (CRIMES_AFTER.match(text, end, sentence_end) or CRIMES_REACHED_BEFORE.search(before)):
        return crimes_period.group(0)
    running = RUNNING.search(sentence)
    if running and (PEOPLE_HARMED_AFTER.match(text, end, sentence_end) or TOLL_BEFORE.search(before)):
        return running.group(0)
    return several_incidents(text, start, end, sentence_start, sentence_end)
