"""Places and events: what a figure is about.

An event is derived from the data, not named in advance: a (place, period, kind).
Each figure gets a kind (kinds.py), a date from its own sentence or from its kind's
story in its text, and a place (stage.py); figures whose (place, year-month, kind)
agree form one event. A figure about an older massacre cited for comparison, or a
later uprising, carries that other date and place and so lands in another event.
This module finds place mentions, merges place spellings (the user's alias list,
string similarity, romanisation variants: Kiev / Kiyev, Springfield / Springfeld) and
names events.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.text.dates import MONTHS, WEEKDAYS
from pipeline.facts.ru_places import nominative
from pipeline.text.translit import has_cyrillic, to_latin

PLACE_LABELS = {"GPE", "LOC"}   # NER labels of an event's place: a facility (FAC) is a spot, not the place
_NOT_PLACES = {m.capitalize() for m in MONTHS} | {w.capitalize() for w in WEEKDAYS} | {
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His", "Her",
    "Their", "Our", "My", "Your", "Its", "Mr", "Mrs", "Ms", "Dr", "Part", "Article", "Independence",
    "Christmas", "New", "Year", "English", "Russian", "Kazakh", "Chinese", "Internet", "YouTube", "Twitter",
    "Facebook", "God", "Allah", "Islam", "Parliament", "Court", "Prosecutor", "Ministry", "President",
    "Government", "Office", "Party", "Committee", "Union", "Company", "Day", "Square", "Street", "Monday"}
_ADJ = r"(?:western|eastern|northern|southern|central|communist|soviet|south-west|north-west|south-east|north-east|" \
       r"neighbouring|neighboring|nearby|oil-rich|remote|small|tiny|desert|industrial|provincial)"
PLACE_PATTERN = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)\s+(?:the\s+)?(?:" + _ADJ +
    r"\s+)?(?:(?:city|town|village|region|province|district|"
    r"oblast|station|settlement|capital)\s+of\s+)?"
    r"(?P<name>[A-Z][a-zà-ÿ’'\-]+(?:[\s-](?:[A-Z][a-zà-ÿ’'\-]+))?)"
    r"|\b(?:city|town|village|region|province|settlement)\s+of\s+(?P<name2>[A-Z][a-zà-ÿ’'\-]+)")
_SUBPLACE = re.compile(r"\s+(?:square|street|avenue|hotel|company|party|office|station|district|microdistrict|"
                       r"hospital|court|prison|centre|center|airport|field|oilfield)\b", re.I)
_ORG_TAIL = re.compile(r"(?:gaz|gas|munai\w*|oil|bank|party|office|court|ministry|police|committee|inc|ltd|jsc|llp)$",
                       re.I)


# words that make a name a spot in a place, not the place: streets, buildings, institutions (a rule
# of English, not a list of places). Street words count as the last word ("Bridlewood Drive",
# "Law Street"), institution words anywhere ("CaroMont Regional Medical Center", "Modoc County Jail")
_STREET_WORDS = re.compile(r"(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|highway|hwy|"
                           r"freeway|interstate|expressway|parkway|pkwy|block|trail|circle|court|ct|way|place|pl|"
                           r"terrace|alley|square|plaza|mall|bridge)\.?$", re.I)
_FACILITY_WORDS = re.compile(r"\b(?:hospital|medical|clinic|center|centre|church|chapel|mosque|synagogue|temple|"
                             r"school|academy|college|university|campus|jail|prison|detention|courthouse|court|"
                             r"department|police|sheriff|office|station|airport|apartments?|complex|motel|hotel|"
                             r"restaurant|bar|club|store|market|casino|stadium|arena|theater|theatre|cemetery|"
                             r"home|house|building|tower|base|patrol|news|weather)\b", re.I)
# a state or country as US and British copy abbreviate it: "Calif.", "Ind.", "N.C.", "TX", "U.S."
_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3}|[A-Z]{2})")
# names of an area that holds towns: "Gaston County", "Jefferson Parish", "Hampshire region"
_AREA = re.compile(r"\s(?:county|co\.|parish|township|borough|state|province|region|oblast|district)$", re.I)
# a name cut after a title word: "St." + "Louis" is "St. Louis"
_PREFIX_BEFORE = re.compile(r"\b(?:St|Ste|Ft|Mt|Pt|Saint|Fort|Mount|Port|San|Santa|Los|Las|New|North|South|East|"
                            r"West)\.?\s$")


# the capitalised word that ends a spot's name NER cut short ("Springfield and Chester Avenues", "CaroMont
# Regional Medical Center"); not Police, Department, ...: "Gary Police said" is about Gary
_SPOT_AFTER = re.compile(r"(?:[ \t]+and[ \t]+[A-Z][\w’'.\-]*)?(?:[ \t]+[A-Z][\w’'.\-]*){0,3}?[ \t]+(?:Street|Avenue|"
                         r"Road|Drive|Lane|Boulevard|Highway|Parkway|Trail|Circle|Court|Terrace|Alley|Plaza|Mall|Bridge|"
                         r"Hospital|Medical|Clinic|Center|Centre|Church|Chapel|Mosque|Synagogue|Temple|School|"
                         r"Academy|College|University|Campus|Jail|Prison|Courthouse|Apartments|Complex|Motel|Hotel|"
                         r"Restaurant|Bar|Club|Store|Market|Casino|Stadium|Arena|Theater|Theatre|Cemetery)s?\b")
_CITY_OF = re.compile(r"^(?:the\s+)?(?:city|town|village|borough)\s+of\s+", re.I)
_TIME_WORDS = re.compile(r"(?:\s+(?:" + "|".join(sorted({w.capitalize() for w in WEEKDAYS} |
                                                          {m.capitalize() for m in MONTHS if m.isascii()})) +
                         r")\b\.?)+$")
_GENERIC = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
            "southern", "eastern", "western", "central", "town", "city", "village", "county", "state", "downtown", "uptown", "midtown", "metro", "metropolitan",
            "university", "nation", "country", "region", "area", "district", "neighborhood", "neighbourhood"}
# a quarter named by where it lies in its city ("the South Side", "the West End", "Eastside", "Old Town"):
# most cities have one, so the name alone says nothing of which city an event was in
_RELATIVE_QUARTER = re.compile(r"(?:the\s+)?(?:(?:(?:north|south)(?:[\s-]?(?:east|west))?|east|west|upper|lower|far|"
                               r"near)[\s-]?(?:side|end)|(?:north|south|east|west)side|(?:city|town)\s+cent(?:re|er)|"
                               r"old\s+town|downtown|midtown|uptown)", re.I)
_LISTED_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")
_ORIGIN_BEFORE = re.compile(r"(?:\b(?:natives?\s+of|residents?\s+of|from|born\s+in|grew\s+up\s+in|hometown\s+of|"
                            # a person's past service: "deployed to Iraq", "served in Afghanistan", "tours of Iraq"
                            r"deployed\s+(?:to|in)|deployments?\s+(?:to|in)|served\s+(?:two\s+|three\s+)?(?:tours?\s+)?in|"
                            r"tours?\s+(?:of\s+duty\s+)?(?:of|in|to)|stationed\s+(?:in|at)|veterans?\s+of)\s+"
                            r"(?:the\s+)?|"
                            # "Steven Freeman, 23, of the 7600 block of South Normal, was shot": where he lives
                            r",\s+of\s+(?:the\s+\d+[\s-]+block\s+of\s+)?)$", re.I)


# a police, sheriff's or fire service is named after the place it serves: "the Chattanooga Police
# Department", "Harris County Sheriff's Office", "Greater Manchester Police", "New Jersey State Police"
_AGENCY_PLACE = (r"(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}?(?:\s+(?:County|Parish))?)"
                 r"(?:\s+(?:State|City|Metropolitan|Metro|Municipal))?\s+")
_AGENCY = re.compile(r"(?:[Tt]he\s+)?" + _AGENCY_PLACE + r"(?:Police|Sheriff|Sheriff['’]s|Fire|Constabulary)\b")
_NOT_A_PLACE = {"state", "capitol", "transit", "park", "parks", "border", "university", "campus", "military",
                "national", "federal", "metro", "tribal", "harbor", "harbour", "railroad", "railway", "airport",
                "school", "city", "county", "royal", "secret", "religious", "morality", "riot", "traffic",
                "highway", "port", "district", "village", "town", "the", "metropolitan", "municipal", "mounted",
                "internal", "military", "special", "international", "civil", "auxiliary", "volunteer"}


# the same written out in full in the text, where NER tagged only "Sheriff's Office": "the Navarro County
# Sheriff's Office", "The LaGrange County Sheriff's Department", "the Chattanooga Police Department"
_AGENCY_IN_TEXT = re.compile(r"\b[Tt]he\s+" + _AGENCY_PLACE + r"(?:Police|Sheriff['’]s|Fire|Fire\s+and\s+Rescue)"
                             r"\s+(?:Department|Office|Service|Force|Bureau|Division)\b")


def agencies_in(text: str) -> list[tuple[int, int, str]]:
    """Place mentions (start, end, name) from the agencies a text names in full after `the`."""
    return [(m.start("place"), m.end("place"), m.group("place")) for m in _AGENCY_IN_TEXT.finditer(text)
            if m.group("place").split()[0].lower() not in _NOT_A_PLACE]


def agency_places(mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The places that organisations named after them serve (`_AGENCY`), as place mentions
    (start, end, name): the start and end of the place's words in the organisation's name."""
    out = []
    for a, b, name in mentions:
        m = _AGENCY.match(name)
        if not m or m.group("place").split()[0].lower() in _NOT_A_PLACE:
            continue
        out.append((a + m.start("place"), a + m.end("place"), m.group("place")))
    return out


# nouns of an event, which a place name never ends in (NER takes a title-case headline's "Fatal
# Shooting" for a place)
_EVENT_HEAD = re.compile(r"(?i:shootings?|murders?|homicides?|killings?|massacres?|stabbings?|rampage|spree|"
                         r"standoff|attacks?|crash|riots?|protests?|investigation|funeral|vigil|trial)")


# a lowercase word for a part of a city before its name ("west Jackson", "downtown Dallas")
_SIDE_OF = re.compile(r"(?:(?:north|south)(?:east|west)?|east|west|central|downtown|uptown|midtown|suburban|"
                      r"rural|greater|northern|southern|eastern|western|inner|outer)[\s-]+(?=[A-Z])")
# a vehicle make before a model named like a place ("Chevrolet Malibu", "Dodge Durango", "Kia Sorento")
_MAKE_BEFORE = re.compile(r"\b(?:Chevrolet|Chevy|Ford|Dodge|Toyota|Honda|Nissan|Hyundai|Kia|Jeep|GMC|Buick|Cadillac|"
                          r"Chrysler|Pontiac|Mercury|Mazda|Subaru|Volkswagen|VW|BMW|Mercedes|Audi|Lexus|Acura|"
                          r"Infiniti|Volvo|Saturn|Oldsmobile|Plymouth|Mitsubishi|Tesla)\s+$")
# a possessive followed by what a person has ("Jenkins' home", "Smith's family"): no place owns these
_PERSONAL_AFTER = re.compile(r"(?:['’]s?)\s+(?:home|house|apartment|family|mother|father|brother|sister|son|"
                             r"daughter|wife|husband|girlfriend|boyfriend|grandmother|grandfather|body|funeral|"
                             r"killer|death|murder|car|relatives|friends?)\b")
# a place as the modifier of a person noun tells where the person is from ("a Chicago man")
_PERSON_NOUN_AFTER = re.compile(r"[ \t]+(?:(?:\d{1,3}-year-old|young|teenage|elderly)[ \t]+)?(?:man|men|woman|women|"
                                r"teens?|teenagers?|boy|boys|girl|girls|couple|resident|residents|native|natives|"
                                r"mother|father|mom|dad|student|students|family|families|toddler|infant)\b")
_TOWN_BEFORE = re.compile(r"[A-Z][\w.'’-]*,[ \t]*$")
# broadcast networks whose local stations are named "<network> <place>"
_NETWORKS = {"fox", "cbs", "nbc", "abc", "cw", "pbs", "npr", "bbc", "itv", "cnn", "msnbc", "univision", "telemundo"}
# the services a place names after itself: a place name never ends in one
_SERVICE_HEAD = re.compile(r"Police|Fire|Sheriff|Sheriff['’]s|EMS|Rescue|Constabulary")


def _place_later_in_sentence(text: str, end: int, mentions: list[tuple[int, int, str]]) -> bool:
    stop = _SENTENCE_STOP.search(text, end)
    limit = stop.start() if stop else len(text)
    return any(end < a < limit for a, _, _ in mentions)


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def event_places(text: str, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The NER place mentions (GPE, LOC) that can be the place of an event: a fragment is joined to
    the word that heads it ("St." + "Louis"), a street, building or institution is not a place, nor a
    name with digits or that is not capitalised."""
    out = []
    origin_end = -1
    for a, b, name in mentions:
        if _ORIGIN_BEFORE.search(text, max(0, a - 30), a) or (
                origin_end >= 0 and _LISTED_AFTER.fullmatch(text, origin_end, a)):
            origin_end = b  # (and the places listed with it: "tours of Iraq and Afghanistan")
            continue  # "a native of New York", "a man from Fort Worth", "deployed to Iraq": where someone
            #           comes from or has served
        if _SPOT_AFTER.match(text, b):
            continue  # NER took part of a spot's name: "Springfield and Chester Avenues", "CaroMont Regional
            #           Medical Center"
        if _MAKE_BEFORE.search(text, max(0, a - 12), a):
            continue  # a car's model: "a white Chevrolet Malibu", "a Dodge Durango"
        if _PERSONAL_AFTER.match(text, b):
            continue  # a person NER took for a place: "Za'Layia Jenkins' home", "Smith's family"
        if _PERSON_NOUN_AFTER.match(text, b) and not _TOWN_BEFORE.search(text, max(0, a - 40), a) and \
                _place_later_in_sentence(text, b, mentions):
            # where someone is from, when the sentence names where it happened: "a Detroit man was shot in
            # Toledo" (not "a Salt Lake man shot his son": local news tells of its own town's people; nor
            # the state of "a Springdale, Arkansas father", which says where Springdale is)
            continue
        m = _PREFIX_BEFORE.search(text, max(0, a - 7), a)
        if m and not any(x[0] <= m.start() < x[1] for x in mentions):
            a, name = m.start(), text[m.start():b]
        name = _CITY_OF.sub("", " ".join(name.split()).strip(" ,;:-’'\""))
        side = _SIDE_OF.match(name)
        if side and len(name) > side.end():
            # "in west Jackson", "southwest Houston": a part of the city told by a common word; the place
            # is the city (a capitalised "West Toledo" is a name of its own)
            a += len(text[a:b]) - len(text[a:b].lstrip()) + side.end()
            name = name[side.end():]
        name = _TIME_WORDS.sub("", name)   # "Southeast Saturday": a time word glued to a name
        if name.lower() in _GENERIC or _RELATIVE_QUARTER.fullmatch(name):
            continue
        if len(name) < 2 or not name[0].isupper() or any(c.isdigit() for c in name):
            continue
        words = name.split()
        if len(words) > 1 and _SERVICE_HEAD.fullmatch(words[-1]):
            # "Potter County Fire units arrived": NER took the service for a place; it serves the place
            # named before it (as `agency_places` reads "the Chattanooga Police Department")
            service = words.pop()
            name = " ".join(words)
            b = a + len(text[a:text.rfind(service, a, b)].rstrip())
        if len(words) > 1 and words[0].lower() in _NETWORKS:
            continue  # "FOX Carolina", "NBC Chicago": a broadcaster's station, not a place
        if _STREET_WORDS.fullmatch(words[-1]) and len(words) > 1 or _FACILITY_WORDS.search(name):
            continue
        if _EVENT_HEAD.fullmatch(words[-1]):
            continue  # a headline's "Investigation into Fatal Shooting at ...": an event is no place
        if name.isupper() and len(name) > 3 and not _ABBREVIATION.fullmatch(name):
            name = _title_case(name)
        out.append((a, b, name))
    return out


def _title_case(name: str) -> str:
    return " ".join("-".join(w.capitalize() for w in word.split("-")) for word in name.split())


def containers(text: str, places: list[tuple[int, int, str]]) -> set[str]:
    """Names of places that hold another place the text names: "Alturas, Calif.", "Jackson, Tennessee"
    (a place named right after another one and a comma), an abbreviated state ("Calif.", "N.C."), an
    area that holds towns ("Gaston County")."""
    out = set()
    ends = {b for _, b, _ in places}
    for a, b, name in places:
        if _ABBREVIATION.fullmatch(name.split()[-1]) or _AREA.search(name):
            out.add(name)
            continue
        m = re.compile(r",\s*$").search(text, max(0, a - 3), a)
        if m and m.start() in ends:
            out.add(name)
    return out


# "in western", "in south-west", "in central": a part of the wider place named next
_COMPASS = r"(?:(?:north|south)(?:[\s-]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|mid-?west(?:ern)?)\s+"
_INSIDE_GAP = re.compile(r"\s*(?:,|\s(?:in|near|outside|of)\s)\s*(?:the\s+)?(?:" + _COMPASS + r")?(?:(?:city|town|village|"
                         r"county|state|region|province)\s+of\s+)?", re.I)


def places_inside(text: str, places: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(inner, outer) for a place named right before another after a comma or "in", "near", "outside",
    "of": "Alturas, Calif.", "the Cedarville Rancheria in Alturas"."""
    out = []
    for (a0, a1, a), (b0, b1, b) in zip(places, places[1:]):
        if a != b and _INSIDE_GAP.fullmatch(text, a1, b0):
            out.append((a, b))
    return out


def slug(text: str) -> str:
    """ASCII key of a name: Cyrillic transliterated ("Караганда" -> "karaganda"), accents dropped."""
    s = unicodedata.normalize("NFKD", to_latin(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def find_places(text: str, gazetteer: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, name as written) of place mentions found by pattern or in the alias list."""
    out = []
    for m in PLACE_PATTERN.finditer(text):
        g = "name" if m.group("name") else "name2"
        name = m.group(g)
        first = name.split()[0].split("-")[0]
        if first in _NOT_PLACES or _ORG_TAIL.search(name) or len(name) < 3:
            continue
        if name.isupper() and len(name) <= 4:
            continue
        if _SUBPLACE.match(text, m.end(g)):
            continue  # "Alan square", "Shetpe station": a spot, not the place of an event
        if _DEMONYM.search(name):
            continue  # "in the Central Asian nation's largest city": an adjective, not a place
        if _ORG_APPOSITION.match(text, m.end(g)):
            continue  # "at Ersai, at Ersai Caspian Contractor, a firm linked to ...": a company
        out.append((m.start(g), m.end(g), name.rstrip("-")))
    # names in the alias list count only where they locate something (as above): "a journalist
    # from Springfield" does not move an event to Springfield
    if gazetteer:
        rx = _gazetteer_regex(tuple(sorted(gazetteer)))
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b, _ in out):
                continue
            if _LOCATIVE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                out.append((m.start(), m.end(), m.group()))
    out.sort()
    return out


_ORG_APPOSITION = re.compile(r"[^.;:!?]{0,40}?,\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:firm|company|subsidiary|enterprise|"
                             r"contractor|corporation|bank|plant|factory|business|employer)\b", re.I)
_DEMONYM = re.compile(r"(?:ian|ese)$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")


_GAZ_CACHE: dict = {}


def _gazetteer_regex(names: tuple[str, ...]) -> re.Pattern:
    """`(?<!\w)(?:longest|...|shortest)(?!\w)`, written so that every alternative starts with a
    literal character: re then skips ahead to those characters instead of trying the pattern at
    every position (3x faster). Names are grouped by first character, longest first within a group;
    the lookbehind moves after that character (`(?<!\w.)`)."""
    if names not in _GAZ_CACHE:
        groups: dict[str, list[str]] = defaultdict(list)
        for n in sorted((n for n in names if n), key=len, reverse=True):
            groups[n[0]].append(n)
        alts = "|".join(re.escape(c) + r"(?<!\w.)(?:" + "|".join(re.escape(n[1:]) for n in group) + ")"
                        for c, group in sorted(groups.items()))
        _GAZ_CACHE[names] = re.compile(rf"(?:{alts})(?!\w)" if alts else r"(?!x)x")
    return _GAZ_CACHE[names]


_ROMAN = [("zh", "j"), ("kh", "h"), ("gh", "g"), ("q", "k"), ("yo", "io"), ("yu", "iu"), ("ya", "ia"),
          ("ye", "e")]


@lru_cache(maxsize=65536)
def _roman_key(name: str) -> str:
    """A spelling key for names romanised from Cyrillic in different ways (Springfield / Springfeld,
    Qaraghandy / Karagandy, Shelbyvil / Shelbyville): common letter pairs folded, doubled letters single."""
    s = slug(name)
    for a, b in _ROMAN:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _similarity(a: str, b: str) -> float:
    return max(fuzz.ratio(a.lower(), b.lower()), fuzz.ratio(_roman_key(a), _roman_key(b)))


class _Spellings:
    """Names in order, with the two spellings `_similarity` compares, so that one name is compared with
    all of them in one rapidfuzz call (a pile names thousands of places: pair by pair that was most of
    the corpus-wide step)."""

    def __init__(self, names: list[str] = ()):
        self.names: list[str] = []
        self.lower: list[str] = []
        self.roman: list[str] = []
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        self.names.append(name)
        self.lower.append(name.lower())
        self.roman.append(_roman_key(name))

    def first_similar(self, name: str, threshold: float) -> str | None:
        """The first name whose `_similarity` to `name` reaches `threshold`, or None."""
        if not self.names:
            return None
        score = np.maximum(process.cdist([name.lower()], self.lower, scorer=fuzz.ratio, dtype=np.float64)[0],
                           process.cdist([_roman_key(name)], self.roman, scorer=fuzz.ratio, dtype=np.float64)[0])
        hit = np.flatnonzero(score >= threshold)
        return self.names[int(hit[0])] if len(hit) else None


class PlaceNames:
    """Canonical names for place spellings: the user's aliases, then similarity clusters."""

    def __init__(self, aliases: dict[str, list[str]], threshold: float, abbreviations: dict[str, str] | None = None):
        self.alias = {}
        for canon, others in aliases.items():
            self.alias[canon.lower()] = canon
            for o in others:
                self.alias[o.lower()] = canon
        # "Fla." is Florida wherever a place is named; not a spelling to search the text for (gazetteer)
        self.abbreviation = {k.lower(): v for k, v in (abbreviations or {}).items() if k.lower() not in self.alias}
        self.threshold = threshold * 100
        self.canon: dict[str, str] = {}

    def gazetteer(self) -> dict[str, str]:
        return {k: v for k, v in self.alias.items()} | {v: v for v in self.alias.values()} if self.alias else {}

    def build(self, counts: Counter) -> None:
        """Cluster the spellings seen (most frequent first) into canonical names."""
        reps = _Spellings()
        listed = sorted(set(self.alias.values()))
        # a name in another script ("Караганде") joins a listed place it transliterates to
        other_script = {cyrillic: _Spellings([r for r in listed if has_cyrillic(r) != cyrillic])
                        for cyrillic in (False, True)}
        for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            # a Russian name in the case its sentence gives it ("в Шахтинске") is its nominative's place
            spelled = nominative(name) if has_cyrillic(name) else name
            key = self.alias.get(name.lower()) or self.alias.get(spelled.lower()) or self.abbreviation.get(name.lower())
            if key:
                self.canon[name] = key
                continue
            match = reps.first_similar(spelled, self.threshold)
            if match is None:
                match = other_script[has_cyrillic(spelled)].first_similar(spelled, self.threshold)
            if match is None:
                reps.add(spelled)
                match = spelled
            self.canon[name] = match

    def __call__(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.canon.get(name) or self.alias.get(name.lower()) or self.abbreviation.get(name.lower()) or name


PLACE_FACTS = "place"   # event_basis of figures that describe a place (population), not an event


def event_key(place: str | None, date_iso: str | None, kind: str | None = None, basis: str | None = None) -> str | None:
    """(place, year-month or year, kind) -> a readable, stable event id: `springfield-2011-12-violence`,
    `shelbyville-2012-06-trial`, `springfield-2011-12` (a figure of no kind); `springfield-facts` for the
    figures that describe the place itself."""
    if basis == PLACE_FACTS:
        return f"{slug(place) if place else 'unplaced'}-facts"
    if date_iso is None and place is None:
        return None
    period = date_iso[:7] if date_iso else "undated"
    return f"{slug(place) if place else 'unplaced'}-{period}" + (f"-{slug(kind)}" if kind else "")


def event_period(date_iso: str | None) -> str:
    return date_iso[:7] if date_iso else "undated"


def event_label(place: str | None, period: str, kind: str | None = None, facts: bool = False) -> str:
    month_names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"]
    if facts:
        return f"{place or 'place not stated'}: facts about the place"
    when = period
    if re.fullmatch(r"\d{4}-\d{2}", period):
        when = f"{month_names[int(period[5:]) - 1]} {period[:4]}"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        when = f"{int(period[8:])} {month_names[int(period[5:7]) - 1]} {period[:4]}"
    return f"{place or 'place not stated'}, {when}" + (f" ({kind})" if kind else "")
