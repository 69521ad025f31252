"""The people an article is about, as opposed to the people it quotes.

Two articles about one incident name the same victims and suspects; articles about different
incidents in one city share their sources: the police spokeswoman, the chief, the mayor, the
reporter. Cross-document event grouping (incidents.py) links follow-ups through the first kind
only, so a name counts as a participant unless its context makes it a source: an official's title
just before it ("Sgt. Jane Doe", "spokeswoman Alicia Smiley"), a reporting verb next to it ("said
John Smith", "John Smith said", "according to John Smith"), or an apposition that gives the
speaker's office ("John Smith, a police spokesman,"). A person's name needs two words: a single
first or last name says too little to link two articles.
"""

from __future__ import annotations

import re

_TITLES = (r"chief|sheriff|undersheriff|officer|sgt|sergeant|lt|lieutenant|capt|captain|cmdr|commander|detective|det|"
           r"cpl|corporal|deputy|trooper|agent|spokes(?:man|woman|person)|coroner|examiner|prosecutor|attorney|judge|"
           r"justice|mayor|gov|governor|sen|senator|rep|representative|president|commissioner|superintendent|"
           r"director|councilman|councilwoman|alderman|reporter|correspondent|photographer|editor|anchor|minister|"
           r"secretary|pastor|reverend|rev|dr|professor|prof|by")
_SOURCE_BEFORE = re.compile(rf"(?:\b(?:{_TITLES})\.?|\b(?:said|says|told|according\s+to|asked))[^\S\n]+"
                            r"(?:[A-Z][\w.'’-]*[^\S\n]+){0,3}$", re.I)
_SOURCE_AFTER = re.compile(rf"[\s,]*(?:(?:has\s+|had\s+)?(?:said|says|told|stated|added|explained|confirmed|announced|"
                           rf"wrote|reported)\b|(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}(?:{_TITLES})\b)", re.I)


def is_participant(text: str, start: int, end: int) -> bool:
    """Is the person named at text[start:end] someone the text is about (not a source it quotes)?"""
    name = text[start:end].strip()
    if len(name.split()) < 2:
        return False
    if _SOURCE_BEFORE.search(text, max(0, start - 60), start):
        return False
    return not _SOURCE_AFTER.match(text, end, min(len(text), end + 60))
