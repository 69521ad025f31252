"""Headlines in Title Case or capitals, read as prose.

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
""".split())
TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
TITLE_SHARE = 0.75   # of a line's words capitalised: a headline in Title Case (or capitals)


def is_title_case(line: str) -> bool:
    words = TITLE_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


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
