"""Incidents across documents: one event key for every article about the same incident.

Each document gives its figures a local event (place, year-month, kind: stage.py). Articles
about one shooting disagree on those: one is published the day after and resolves "Tuesday"
to another month, one names the county, one the town. This corpus-wide step groups the local
events of all documents into incidents:

- a local event of one document (a *story*) is dated by the day its figures' dates most often
  name (the date the sentence or story states); a story whose figures have no date at all is
  dated by its document's publication date; a story dated only to a month or a year stays so;
- stories of one kind whose days lie within `WINDOW_DAYS` of each other (every pair of the
  group) and whose places agree are one incident. Places agree when they are the same
  canonical name, or, for stories of different documents, when one document names the other's
  place (the county named by the other article, the town in "Cedarville Rancheria"; when a
  story is dated only by its publication day, as a place of its own, not inside a longer name): every
  pair of the group must agree, so a roundup that names two towns does not chain two shootings;
- a follow-up published days later is dated mostly by what happened since (charges, an autopsy),
  while some of its figures keep the day of the deaths: a story may join an incident on any day
  its figures are dated to, and at a place of another name only when a document writes one place
  inside the other ("Stafford, Virginia"), not merely names it;
- a story dated up to `FOLLOW_UP_DAYS` after an incident (the victims identified, a suspect charged)
  joins it when another document's story of it is at the same place, names one of the same people
  (participants.py: a victim or a suspect, not the spokesman who speaks about every shooting in
  town) and gives one of the same counts of dead or wounded (up to `TRIAL_DAYS` after it when it names
  two of the same people, the victim and the accused: a trial's report), whichever kind of harm each calls
  it (a shooting, an accident); a follow-up of several incidents makes them one;
- a story dated only to a month joins the single incident of its place and kind in that month;
  with none or several it stays with the stories dated as it is; a story dated only to a year
  never joins a day's incident, nor, for the kinds the dead and wounded are counted in (a
  shooting is one day's event, and a place has many a year), another document's story of that
  year; a trial's or a strike's year-level stories of several documents are one event;
- a story with no date and no publication date stays its document's own (`...-undated-...`):
  undated stories of different documents never merge, since nothing says they are the same year;
  nor do stories of different documents that have no place.

An incident is named `place-YYYY-MM-kind` (the place most of its figures give, the month of its
earliest day); when two incidents of a place and kind fall in one month, each is named by its
first day (`gary-2013-05-12-violence`). Undated stories of one place in several documents get
their document's id after `undated`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable

from pipeline.facts.events import PLACE_FACTS, event_key, slug

WINDOW_DAYS = 2
NAMED_PLACE_DAYS = 1   # stories at places of different names: the same day or the next
FOLLOW_UP_DAYS = 31    # a follow-up that names the same people: at most a month after
TRIAL_DAYS = 731       # ... that names two of them (the victim and the accused: a trial's report): two years


@dataclass
class _Story:
    doc_id: str
    event: str
    place: str | None
    kind: str | None
    level: str                      # day, month, year, undated
    anchor: str | None              # ISO at that level
    rows: list = field(default_factory=list)
    names: frozenset = frozenset()  # canonical places its document names
    inside: frozenset = frozenset()  # (inner, outer) places its document names one inside the other
    other_days: tuple = ()          # the other days its figures are dated to (a follow-up: the shooting)
    published_only: bool = False    # dated by its document's publication day: the text states no date
    persons: frozenset = frozenset()  # the people its document is about (participants.py), by entity
    main: bool = False              # the story of its document and kind with the most figures

    # (a story's dates, people and counts are fixed once it is made; the grouping asks for them
    # millions of times on a large pile: each is worked out once)
    @cached_property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.anchor) if self.level == "day" else None

    @cached_property
    def days_told(self) -> tuple[dt.date, ...]:
        """Its day and the other days its figures are dated to."""
        return (self.day, *(dt.date.fromisoformat(x) for x in self.other_days)) if self.level == "day" else ()

    @cached_property
    def counts(self) -> frozenset:
        """(measure, value) of its exact counts of dead and wounded."""
        return frozenset((r.get("measure"), r.get("value_low")) for r in self.rows
                         if r.get("measure") in ("killed", "injured") and r.get("value_low") == r.get("value_high"))


@dataclass(eq=False)
class _Incident:
    """Stories of one incident, with what the grouping asks of all of them kept up to date as
    stories join: the first and last of their days, and the people their documents are about."""
    stories: list
    level: str
    no: int = 0    # order of creation (ties go to the first)
    first: dt.date | None = None
    last: dt.date | None = None
    persons: set = field(default_factory=set)
    by_doc: dict = field(default_factory=dict)   # doc_id -> its stories here, documents in order of joining

    def __post_init__(self):
        for s in self.stories:
            self._note(s)

    def take(self, s: _Story) -> None:
        self.stories.append(s)
        self._note(s)

    def _note(self, s: _Story) -> None:
        self.by_doc.setdefault(s.doc_id, []).append(s)
        self.persons |= s.persons
        if s.day is not None:
            self.first = s.day if self.first is None else min(self.first, s.day)
            self.last = s.day if self.last is None else max(self.last, s.day)

    def days(self) -> list[dt.date]:
        return [s.day for s in self.stories if s.day is not None]

    def within(self, day: dt.date, window: int) -> bool:
        """Is every day of its stories within `window` days of `day`?"""
        return self.first is None or ((day - self.first).days <= window and (self.last - day).days <= window)


def _is_day(iso) -> bool:
    return isinstance(iso, str) and len(iso) == 10


def _stories(qrows: list[dict], published: dict, canon: Callable, holders: set) -> list[_Story]:
    """The stories of all documents; `holders` receives the places that hold others (states, counties)."""
    by: dict = defaultdict(list)
    for r in qrows:
        ev = r.get("event")
        if isinstance(ev, str) and r.get("event_basis") != PLACE_FACTS:
            by[(r["doc_id"], ev)].append(r)
    out = []
    names_of: dict = {}
    persons_of: dict = {}
    for (doc_id, ev), rows in sorted(by.items()):
        dates = [r["event_date"] for r in rows if isinstance(r.get("event_date"), str)]
        undated_text = False
        days = Counter(d for d in dates if len(d) == 10)
        if days:
            level, anchor = "day", sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        elif dates:
            anchor = Counter(dates).most_common(1)[0][0]
            level = "month" if len(anchor) == 7 else "year"
        elif _is_day(published.get(doc_id)):
            level, anchor = "day", published[doc_id]    # no date in the text: the day it was published
            undated_text = True
        elif isinstance(published.get(doc_id), str) and len(published[doc_id]) == 7:
            level, anchor = "month", published[doc_id]
        else:
            level, anchor = "undated", None
        if doc_id not in persons_of:
            raw = rows[0].get("doc_persons")
            persons_of[doc_id] = frozenset(n for n in raw.split("; ") if n) if isinstance(raw, str) else frozenset()
        if doc_id not in names_of:
            raw = rows[0].get("doc_places")
            items = [n for n in raw.split("; ") if n] if isinstance(raw, str) else []
            pairs = [n.split(" > ", 1) for n in items if " > " in n]
            holders.update(canon(n[2:]) for n in items if n.startswith("> "))
            names_of[doc_id] = (frozenset(canon(n) for n in items if ">" not in n),
                                frozenset((canon(a), canon(b)) for a, b in pairs))
        if not isinstance(rows[0].get("kind"), str) and level != "undated":
            continue   # figures of no kind are no incident: they keep their (place, month); undated ones stay apart
        places = Counter(r.get("place") for r in rows if isinstance(r.get("place"), str))
        others = tuple(sorted(d for d in days if d != anchor)) if days else ()
        out.append(_Story(doc_id, ev, places.most_common(1)[0][0] if places else None, rows[0].get("kind"), level,
                          anchor, rows, *names_of[doc_id], others, undated_text, persons_of[doc_id]))
    largest: dict = {}
    for story in out:
        key = (story.doc_id, story.kind)
        if key not in largest or len(story.rows) > len(largest[key].rows):
            largest[key] = story
    for story in largest.values():
        story.main = True
    return out


_NAMED: dict = {}
NAMED_CACHE_SIZE = 200_000   # answers `_names` keeps before it starts again
_AREA_WORDS = (r"(?:park|heights|village|township|section|neighborhood|neighbourhood|county|parish|district|borough|"
               r"city|town|rancheria|reservation|community|area|subdivision)")
# a part of a place named by its direction: "Northwest Jacksonville", "West Toledo", "East Chatham"
_PART_WORDS = r"(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown|upper|lower)"
_AREA_WORD = re.compile(rf"(?<=\w)\s+{_AREA_WORDS}$", re.I)


_PART_PREFIX = re.compile(rf"{_PART_WORDS}\s+", re.I)
_AREA_SUFFIX = re.compile(rf"\s+{_AREA_WORDS}$", re.I)
_AREA_OF = re.compile(rf"{_AREA_WORDS}\s+of\s+", re.I)


@lru_cache(maxsize=65536)
def _cores(name: str) -> frozenset[str]:
    """A name as a document writes it, and without the words around a place's own name: 'Northwest
    Jacksonville' -> jacksonville, 'Cedarville Rancheria' -> cedarville, 'City of Houston' -> houston."""
    low = " ".join(name.lower().split())
    out = {low}
    m = _AREA_OF.match(low)
    if m:
        out.add(low[m.end():])
    for x in list(out):
        m = _PART_PREFIX.match(x)
        if m:
            out.add(x[m.end():])
    out |= {_AREA_SUFFIX.sub("", x) for x in list(out) if " " in x}
    return frozenset(out)


def _names(place: str, names: frozenset) -> bool:
    """Does a document name `place`: as a name of its own, with a word for an area ("Cedarville
    Rancheria", "City of Houston") or a part of it ("Northwest Jacksonville")? Not inside another
    proper name: "Houston Whittier" is a street in Detroit, not a place in Houston."""
    key = (place, names)
    named = _NAMED.get(key)
    if named is None:
        named = place in names or not _wanted(place).isdisjoint(_cores_of(names))
        if len(_NAMED) >= NAMED_CACHE_SIZE:
            _NAMED.clear()   # (a pile's pairs of places and documents outgrow any cache: start again)
        _NAMED[key] = named
    return named


@lru_cache(maxsize=65536)
def _wanted(place: str) -> frozenset[str]:
    """The place as a document may write it: "Kingsessing Park", "Gaston County" also without the
    area word ("Kingsessing section")."""
    return frozenset({" ".join(place.lower().split()), " ".join(_AREA_WORD.sub("", place).lower().split())})


@lru_cache(maxsize=65536)
def _cores_of(names: frozenset) -> frozenset[str]:
    """Every core of the names a document writes (`_cores`), together: one set to meet, not one a name."""
    return frozenset().union(*map(_cores, names))


_PART_OF = re.compile(rf"{_PART_WORDS}\s+(?P<whole>.+)", re.I)


def _nested(a: str | None, b: str | None, inside: frozenset) -> bool:
    """Is one place inside the other: a document writes it so ("Stafford, Virginia"), or its name says
    it is a part of the other ("Northwest Jacksonville", "West Toledo")?"""
    if a is None or b is None:
        return False
    if (a, b) in inside or (b, a) in inside:
        return True
    return _whole_of(a) == b.lower() or _whole_of(b) == a.lower()


@lru_cache(maxsize=65536)
def _whole_of(place: str) -> str | None:
    """'Northwest Jacksonville' -> 'jacksonville': the place a name says it is a part of, lowercased."""
    m = _PART_OF.fullmatch(place)
    return m.group("whole").lower() if m else None


def _places_agree(a: _Story, b: _Story, casualty_kinds: frozenset) -> bool:
    if a.place is None and b.place is None and a.doc_id != b.doc_id:
        return False  # two articles that name no place: nothing says they tell of one incident
    if a.place == b.place:
        return True
    if a.doc_id == b.doc_id:
        # one document's stories of one kind within days (the caller checks the days) at places it names
        # one inside the other: one incident told at several places ("the Cedarville Rancheria in
        # Alturas", "Alturas, Calif."); a story with no place is its document's
        # one document's shooting (a kind the dead and wounded are counted in) told at several places is one
        # incident; detentions or rallies in two towns on one day are two
        return a.level == b.level == "day" and (a.place is None or b.place is None or (a.place, b.place) in a.inside
                                               or (b.place, a.place) in a.inside or a.kind in casualty_kinds)
    if a.day is None or b.day is None:
        return False
    if _same_people(a, b):
        return True
    if a.place is None or b.place is None:
        return False
    # two articles at different names of one place (the town, its county): one names the other's place,
    # and they tell about the same day or the next
    if abs((a.day - b.day).days) <= NAMED_PLACE_DAYS:
        if a.published_only or b.published_only:
            # a day the text does not state is weak evidence: the other's place must be one the document
            # names as a place, not a word inside a longer name ("Houston Whittier", a street in Detroit)
            if a.place in b.names or b.place in a.names:
                return True
        elif _names(a.place, b.names) or _names(b.place, a.names):
            return True
    # a follow-up dated mostly by what happened since ("Virginia murder-suicide", four days later) at
    # the state or county a document writes the other's town in ("Stafford, Virginia"): on a day its
    # figures keep
    nested = _nested(a.place, b.place, a.inside | b.inside)
    return bool(nested) and any(abs((x - y).days) <= NAMED_PLACE_DAYS for x in a.days_told for y in b.days_told)


SAME_PEOPLE = 2  # participants two articles must both name to tell of one incident wherever they place it


def _same_people(a: _Story, b: _Story) -> bool:
    """Two articles' main stories, days apart at most, that name `SAME_PEOPLE` or more of the same
    participants (victims, suspects: participants.py, not the spokesman quoted on every shooting) tell of
    one incident, whatever place each names it by (the town, the county, the subdivision, the state): two
    people are seldom in two shootings in one week. Main stories only: a roundup's other stories are of
    other incidents, and the people it names are of its main one."""
    return a.main and b.main and a.doc_id != b.doc_id and len(a.persons & b.persons) >= SAME_PEOPLE and \
        abs((a.day - b.day).days) <= WINDOW_DAYS


def _fits(s: _Story, inc: _Incident, casualty_kinds: frozenset) -> bool:
    """Its place agrees with every story of its own document in the incident, with at least one
    story of each other document (an article that names the town and the county agrees with one
    that names either), and with the main story of one of them: a roundup naming two towns does
    not chain two shootings."""
    by_doc = inc.by_doc
    if s.doc_id in by_doc:
        # its own document's stories are there: it joins through them ("the two men killed were
        # identified as ... of Oak Park", in the article about the West Side shooting)
        return all(_places_agree(s, o, casualty_kinds) for o in by_doc[s.doc_id])
    # it agrees with some story of every other document, and with the story of the place one of them
    # tells most about: a roundup of one day's shootings in a city ("... a man was wounded in South
    # Shore") does not take in another article's South Shore shooting through a place it names in passing
    main_agrees = False
    for stories in by_doc.values():
        agree = [o for o in stories if _places_agree(s, o, casualty_kinds)]
        if not agree:
            return False
        main = max(stories, key=lambda o: len(o.rows)).place
        main_agrees = main_agrees or any(o.place == main for o in agree)
    return main_agrees


def _follows_up(s: _Story, inc: _Incident) -> bool:
    """A story dated days after an incident (the victims identified, a suspect charged, a funeral) is
    about it when another document's story of it is at the same place (or one written inside the
    other), names one of the same people (a victim, a suspect: not a spokeswoman, who speaks about
    every shooting in her city), gives one of the same counts of dead or wounded, and lies at most
    `FOLLOW_UP_DAYS` after the incident's first day."""
    if not s.persons or s.day is None or not (s.persons & inc.persons):
        return False
    limit = TRIAL_DAYS if len(s.persons & inc.persons) >= 2 else FOLLOW_UP_DAYS
    if inc.first is None or not 0 < (s.day - inc.first).days <= limit:
        return False
    counts = s.counts
    for o in inc.stories:
        if o.doc_id == s.doc_id or not (s.persons & o.persons) or not (counts & o.counts):
            continue
        if o.place is not None and (o.place == s.place or _nested(o.place, s.place, s.inside | o.inside)):
            return True
    return False


def group(stories: list[_Story], casualty_kinds: frozenset = frozenset()) -> list[_Incident]:
    incidents: list[_Incident] = []
    by_day: dict = defaultdict(list)     # (kind, day) -> incidents with a story of that day
    by_year: dict = defaultdict(list)    # (kind, year) -> incidents with a story of that year
    order = {"day": 0, "month": 1, "year": 2, "undated": 3}

    def new(s: _Story) -> _Incident:
        inc = _Incident([s], s.level, len(incidents))
        incidents.append(inc)
        return inc

    def merge(gone: _Incident, into: _Incident) -> None:
        """`gone`'s stories join `into`; every index that held `gone` holds `into` instead."""
        for story in gone.stories:
            into.take(story)
        into.no = min(into.no, gone.no)
        gone.stories = []
        for index in (by_day, by_year):
            for key, held in index.items():
                if gone in held:
                    held[:] = [x for x in held if x is not gone] + ([] if into in held else [into])
        incidents.remove(gone)

    def add(inc: _Incident, s: _Story) -> None:
        if inc.stories[-1] is not s:
            inc.take(s)
        if s.anchor and inc not in by_year[(s.kind, s.anchor[:4])]:
            by_year[(s.kind, s.anchor[:4])].append(inc)

    for s in sorted(stories, key=lambda s: (order[s.level], s.anchor or "", -len(s.rows), s.doc_id, s.event)):
        if s.level == "day":
            d = s.day
            seen, cands = set(), []
            # its own day first; then the other days its figures are dated to: a follow-up published days
            # later is mostly dated to what happened since (charges, an autopsy), while some of its figures
            # keep the day of the shooting itself
            days = [d] + [dt.date.fromisoformat(x) for x in s.other_days]
            for day in days:
                for k in range(-WINDOW_DAYS, WINDOW_DAYS + 1):
                    for inc in by_day.get((s.kind, day + dt.timedelta(days=k)), []):
                        if id(inc) not in seen:
                            seen.add(id(inc))
                            cands.append(inc)
            cands = [inc for inc in cands if any(inc.within(day, WINDOW_DAYS) for day in days)
                     and _fits(s, inc, casualty_kinds)]
            followed, looked = [], set()
            # the same people, counts and place tell one incident whatever each article calls its cause
            # (the shooting at a gun range that a follow-up calls an accident)
            kinds = sorted(casualty_kinds) if s.kind in casualty_kinds else [s.kind]
            reach = TRIAL_DAYS if len(s.persons) >= 2 else FOLLOW_UP_DAYS
            for k, kind in ((k, kind) for k in range(1, reach + 1) for kind in kinds) if s.persons else ():
                for inc in by_day.get((kind, d - dt.timedelta(days=k)), []):
                    if id(inc) not in looked:
                        looked.add(id(inc))
                        if _follows_up(s, inc):
                            followed.append(inc)
            if followed and s.persons:
                # a follow-up of an incident through the people it names joins that one, not another
                # incident of that day whose articles name other people (another shooting in the town)
                cands = [inc for inc in cands if not inc.persons or inc.persons & s.persons]
            if cands or followed:
                inc = max(cands or followed,
                          key=lambda i: (any(o.doc_id == s.doc_id for o in i.stories), len(i.stories), -i.no))
                # a follow-up of several incidents (the shooting told on Monday, the victims named on
                # Thursday) shows they are one: the same people, counts and place
                for other in followed:
                    if other is not inc:
                        merge(other, inc)
            else:
                inc = new(s)
            add(inc, s)
            by_day[(s.kind, d)].append(inc)
        elif s.level in ("month", "year"):
            # the one incident of its place and kind in that month (year), else the stories dated as it is
            n = len(s.anchor)
            cands = [inc for inc in by_year[(s.kind, s.anchor[:4])]
                     if all(o.anchor and o.anchor[:n] == s.anchor[:len(o.anchor)] for o in inc.stories)
                     and _fits(s, inc, casualty_kinds)]
            finer = [inc for inc in cands if order[inc.level] < order[s.level]]
            same = [inc for inc in cands if inc.level == s.level]
            if s.level == "year" and s.kind in casualty_kinds:
                # a shooting is one day's event, and a place has many in a year: the year says too little
                # to join another document's story of it (a trial or a strike lasts months: it may)
                same = [inc for inc in same if all(o.doc_id == s.doc_id for o in inc.stories)]
            if len(cands) == 1 and finer and s.level == "month":   # (a year says too little to join a day)
                add(finer[0], s)
            elif same:
                add(max(same, key=lambda i: (len(i.stories), -i.no)), s)
            else:
                add(new(s), s)
        else:
            new(s)
    return incidents


def _name(inc: _Incident, holders: frozenset = frozenset()) -> tuple[str | None, str, str | None]:
    """(place, first date, kind) of an incident: the place most of its figures give, a town before a
    place that holds others somewhere in the corpus ("Gastonia, North Carolina": not North Carolina)."""
    places = Counter()
    for s in inc.stories:
        places.update(r.get("place") for r in s.rows if isinstance(r.get("place"), str))
    place = sorted(places.items(), key=lambda kv: (kv[0] in holders, -kv[1], kv[0]))[0][0] if places else None
    days = inc.days()
    if days:
        first = min(days).isoformat()
    else:
        first = min((s.anchor for s in inc.stories if s.anchor), default=None)
    return place, first, inc.stories[0].kind


def assign_incidents(qrows: list[dict], trows: list[dict], published: dict, canon: Callable,
                     casualty_kinds: set | None = None) -> None:
    """Give every figure (and dated mention) of one incident the incident's event key, in place.
    `casualty_kinds`: the kinds of the dead and wounded (measure_kinds of killed, injured): one
    document's stories of such a kind within days are one incident wherever it names them."""
    holders: set = set()
    stories = _stories(qrows, published, canon, holders)
    if not stories:
        return
    incidents = group(stories, frozenset(casualty_kinds or ()))
    named = [(inc, *_name(inc, frozenset(holders))) for inc in incidents]
    base: dict = defaultdict(list)
    for inc, place, first, kind in named:
        period = first[:7] if first else None
        base[event_key(place, period, kind)].append((inc, place, first, kind))
    key_of: dict = {}
    taken: set = set()
    for key, group_ in sorted(base.items(), key=lambda kv: kv[0] or ""):
        if key is None:
            continue
        for inc, place, first, kind in group_:
            k = key
            if len(group_) > 1:
                if inc.level == "undated":
                    k = f"{slug(place) if place else 'unplaced'}-undated-{slug(inc.stories[0].doc_id)[:9]}" + \
                        (f"-{slug(kind)}" if kind else "")
                elif inc.level == "day":
                    k = f"{slug(place) if place else 'unplaced'}-{first}" + (f"-{slug(kind)}" if kind else "")
            n, unique = 2, k
            while unique in taken:
                unique, n = f"{k}-{n}", n + 1
            taken.add(unique)
            for s in inc.stories:
                key_of[(s.doc_id, s.event)] = unique
    for r in qrows + trows:
        ev = r.get("event")
        if isinstance(ev, str) and (r["doc_id"], ev) in key_of and r.get("event_basis") != PLACE_FACTS:
            r["event"] = key_of[(r["doc_id"], ev)]
