"""Headlines in Title Case or capitals, read as prose; news datelines.

A tagger trained on prose reads "Man Dies, Woman Hurt In Shooting" as a string of proper nouns;
in lower case ("man dies, woman hurt in shooting") it finds the verbs. `headline_case` lowers
the common words of such a line (closed-class words, numbers, the verbs and nouns of news
headlines) and keeps the capitals of the rest, which are names; the text keeps its length, so
every offset stays valid. `is_headline_word` tells the number reader that a capitalised word after
a number is a headline's common word ("Six People Found Shot"), not part of a name ("Three Steps
Above Heaven").
"""

from __future__ import annotations

import re
from typing import Callable

# closed-class words, numbers and the common words of news headlines
HEADLINE_COMMON = frozenset("""
a an the in on at of for to by with after before over near from into as and or but nor that who whom which
is are was were be been being has have had his her their its he she they it him them this these those
all both no not none nobody more other others another during outside inside while amid says say said
one two three four five six seven eight nine ten eleven twelve dozen dozens found left leaves leave
people police shooting shootings crash fire home house car night morning day weekend
men women children teens kids dead killed hurt injured wounded shot die dies died
kill kills killing slain slays stabbed stabs stabbing shoots injures injuring hurts wounds wounding
fatally critically seriously victims bodies hospitalized
man woman boy girl baby toddler child teen student officer deputy person mother father son daughter
wife husband brothers sisters suspect suspects gunman shooter driver pedestrian
""".split())
# a word of the dead or hurt: a headline that holds one reports casualties ("Five Found Dead In Home",
# "Fire Kills 3 In Bronx Apartment"), not a title of a work ("Three Steps Above Heaven")
HARM_WORD = re.compile(r"\b(?:dead|die[sd]?|kill(?:s|ed|ing)?|slain|slays?|murder(?:s|ed)?|shot|shoots?|"
                       r"stabb(?:ed|ing)|stabs?|hurt|hurts|injur(?:ed|es|ing|y|ies)|wound(?:ed|s|ing)?|"
                       r"fatal(?:ly)?|bodies)\b", re.I)
TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
TITLE_SHARE = 0.75   # of a line's words capitalised: a headline in Title Case (or capitals)


def is_title_case(line: str) -> bool:
    words = TITLE_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


def reads_harm_headline(line: str) -> bool:
    """Is `line` a headline in Title Case or capitals that reports the dead or hurt? Its numbers are
    read with its common words in lower case (`headline_case`), as the parser reads it."""
    return is_title_case(line) and HARM_WORD.search(line) is not None


def is_headline_word(word: str) -> bool:
    return word.lower() in HEADLINE_COMMON


def headline_case(sentence: str, known: Callable[[str], bool] = lambda w: False) -> str:
    """`sentence` with its common words in lower case when it is set in Title Case or capitals
    (same length); otherwise unchanged. `known(word)`: more words to lower (a lexicon's)."""
    if not is_title_case(sentence):
        return sentence

    def lower(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if len(low) == len(word) and (low in HEADLINE_COMMON or known(low)):
            return low
        return word

    return TITLE_WORD.sub(lower, sentence)


# "CAPITAL CITY -- Dozens of protesters ...", "SHELBYVILLE, Dec 16 — ...": a news dateline at a line start
# "GARY, Ind. —", "FRANKLIN (Feb. 4, 2014) –", "Gary, Ind. (AP) —": the same at the start of a body
_UPPER_PLACE = r"((?:(?:ST|FT|MT)\.\s)?[A-Z][A-Z’'\-]{2,}(?:[ \-][A-Z][A-Z’'\-]+){0,2})"
NEWS_DATELINE = re.compile(r"(?m)^[ \t]*(?:" + _UPPER_PLACE + r"\s*(?:,[^\n]{0,40}?|\s*\([^\n()]{0,40}\))?"
                           r"(?:\s+(?:--|—|–)\s|(?<=\.)(?:--|—|–|_)\s?|(?<=\))\s+-\s)"  # "COMANCHE, Okla.– A",
                           # "Okla._A" (wire), "MILWAUKEE (AP) - In a ...", "LONDON (Reuters) - " (a hyphen
                           # after the agency)
                           r"|" + _UPPER_PLACE + r",[^\n]{1,40}?\s+-\s"   # "HERKIMER, N.Y. - "
                           r"|((?:(?:St|Ft|Mt)\.\s)?[A-Z][a-z’'\-]+(?:[ \-][A-Z][a-z’'\-]+){0,2}),\s+[A-Z][A-Za-z.]{1,13}"
                           r"(?:\s[A-Z][a-z]+\.?|\s\d{1,2})?(?:\s*\([A-Za-z .]{1,20}\))?\s+(?:--|—|–|-)\s)")
# ("Beijing, May 3 (Xinhua) -- ": a day after the month)


def without_dateline(sentence: str) -> str:
    """`sentence` with a news dateline at its start blanked out (same length, offsets stay valid):
    "HERKIMER, N.Y. - A 10-year-old girl was killed" is parsed as "A 10-year-old girl was killed", not
    with the town as the subject and the girl in apposition to it."""
    m = NEWS_DATELINE.match(sentence)
    return " " * m.end() + sentence[m.end():] if m else sentence
