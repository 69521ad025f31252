"""Compiled lexicons: phrase lists -> regexes, matched once per sentence.

The lists are FactsParams' (defaults in lexicons/en.yaml, overridable in params.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.facts.params import FactsParams, default_lexicon
from pipeline.facts.headline import is_title_case


def phrase_regex(phrases: list[str], flags: int = re.I) -> re.Pattern:
    """One regex for a list of phrases: word boundaries, `*` = any word ending, any whitespace.
    With flags=0 the regex is meant for lower-cased text (several times faster than re.I)."""
    parts = []
    for p in sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True):
        words = [re.escape(w).replace(r"\*", r"\w*") for w in p.split()]
        parts.append(r"\s+".join(words))
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w’'])(?:" + "|".join(parts) + r")(?![\w])", flags)


PERSON_NOUNS = {
    "people", "persons", "person", "man", "men", "woman", "women", "children", "child", "kids", "workers",
    "worker", "protesters", "protestors", "demonstrators", "activists", "activist", "officers", "officer",
    "policemen", "policeman", "police", "defendants", "residents", "inhabitants", "employees", "staff",
    "strikers", "detainees", "rioters", "hooligans", "marines", "soldiers", "troops", "victims", "bodies",
    "dead", "civilians", "participants", "members", "leaders", "managers", "students", "pupils",
    "prisoners", "guys", "twins", "teenagers", "journalists", "reporters", "officials",
    "citizens", "passengers", "deputies", "lawyers", "human", "humans", "individuals", "adults",
    "miners", "doctors", "nurses", "journalist", "girls", "boys", "friends", "relatives", "families",
    "witnesses", "eyewitnesses", "fatalities", "casualties", "refugees", "voters", "supporters",
    "opponents", "oppositionists", "candidates", "delegates", "judges", "lawmakers", "scapegoats",
    "deaths", "wounded", "injured", "killed", "hostages", "teachers", "specialists", "operators",
    "gunmen", "militants", "terrorists", "demonstrator", "protester", "worker", "speakers",
    # people by what they do, where they are or are from, or whose kin they are (plurals a count takes)
    "migrants", "immigrants", "pilgrims", "fishermen", "sailors", "seamen", "crew", "crewmen", "tourists",
    "villagers", "farmers", "patients", "inmates", "convicts", "suspects", "pedestrians", "motorists",
    "drivers", "cyclists", "commuters", "travellers", "travelers", "evacuees", "survivors", "bystanders",
    "fans", "spectators", "worshippers", "worshipers", "mourners", "shoppers", "customers", "guests",
    "visitors", "colleagues", "nationals", "foreigners", "settlers", "peacekeepers", "rebels", "insurgents",
    "fighters", "militiamen", "firefighters", "rescuers", "paramedics", "guards", "servicemen", "personnel",
    "recruits", "cadets", "veterans", "pensioners", "retirees", "climbers", "hikers", "swimmers", "athletes",
    "players", "babies", "infants", "toddlers", "teens", "youths", "juveniles", "minors", "neighbours",
    "neighbors", "parents", "mothers", "fathers", "sons", "daughters", "brothers", "sisters", "siblings",
    "cousins", "husbands", "wives", "grandchildren", "occupants", "tenants", "homeowners", "contractors",
    "labourers", "laborers", "engineers", "monks", "nuns", "priests", "attackers", "assailants", "robbers",
    "intruders", "shooters", "dissidents", "bloggers", "scientists", "clerics",
} | set(default_lexicon("person_nouns"))  # other languages' person nouns, as lemmas (lexicons/ru.yaml)
# animals, whose dead and hurt are no casualties of people ("the spill killed 300,000 fish")
ANIMAL_NOUNS = {
    "animal", "animals", "fish", "fishes", "bird", "birds", "cattle", "cow", "cows", "sheep", "goat", "goats",
    "pig", "pigs", "chicken", "chickens", "poultry", "hen", "hens", "horse", "horses", "dog", "dogs", "cat",
    "cats", "livestock", "camel", "camels", "deer", "dolphin", "dolphins", "whale", "whales", "seal", "seals",
    "elephant", "elephants", "bee", "bees", "turtle", "turtles", "wolf", "wolves", "bear", "bears", "lion",
    "lions", "rhino", "rhinos", "donkey", "donkeys", "puppy", "puppies", "kitten", "kittens", "pet", "pets",
}
TIME_UNITS = {
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "month": "month", "months": "month",
    "week": "week", "weeks": "week", "day": "day", "days": "day", "night": "night", "nights": "night",
    "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute", "min": "minute",
    "second": "second", "seconds": "second", "sec": "second", "decade": "decade", "decades": "decade",
}
DISTANCE_UNITS = {"km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
                  "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre", "m": "metre",
                  "miles": "mile", "mile": "mile", "cm": "cm"}
CURRENCY_WORDS = {
    "usd": "USD", "dollars": "USD", "dollar": "USD", "us$": "USD", "$": "USD",
    "tenge": "KZT", "kzt": "KZT", "₸": "KZT",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "rub": "RUB", "₽": "RUB",
    "eur": "EUR", "euros": "EUR", "euro": "EUR", "€": "EUR",
    "gbp": "GBP", "pounds": "GBP", "£": "GBP",
}
CURRENCY_CODES_BEFORE = {"usd", "kzt", "rub", "eur", "gbp", "us$", "$", "€", "₸", "₽", "£"}
# the measures that count people hurt or killed
CASUALTY = ("killed", "injured", "shot")
PERSON_MEASURES = {"killed", "injured", "shot", "killed_or_injured", "missing", "displaced", "detained", "arrested", "strikers", "fired",
                   "sentenced", "prosecuted", "participants", "population"}


@dataclass(frozen=True)
class Lexicon:
    measure_names: tuple[str, ...]
    measures: tuple[tuple[str, re.Pattern], ...]
    measure_exclude: re.Pattern
    kinds: tuple[tuple[str, re.Pattern], ...]
    reporting: re.Pattern
    noun_measure: dict  # single-word cue -> measure (for head nouns)
    event_kinds: tuple[tuple[str, re.Pattern], ...] = ()  # event kind -> cue regex (lower-cased text)
    kind_exclude: re.Pattern | None = None   # phrases that contain a kind cue but are not one
    all_measures: re.Pattern | None = None   # every measure cue in one regex (lower-cased text)
    literal_measure: dict | None = None      # cue as matched -> (measure, priority)
    wildcard_measure: tuple = ()             # (prefix regex, measure, priority) for cues with *


@lru_cache(maxsize=16)
def _compile(key: str, params_json: str) -> Lexicon:
    params = FactsParams.model_validate_json(params_json)
    measures = tuple((name, phrase_regex(cues, 0)) for name, cues in params.measures.items())
    noun_measure = {}
    for name, cues in params.measures.items():
        for c in cues:
            c = c.strip().lower()
            if " " not in c and "*" not in c and c not in noun_measure:
                noun_measure[c] = name
    kinds = tuple((k, phrase_regex(v)) for k, v in params.attribution.items() if k != "author")
    event_kinds = tuple((k, phrase_regex(v, 0)) for k, v in params.kinds.items())
    literal, wild, every = {}, [], []
    for prio, (name, cues) in enumerate(params.measures.items()):
        for c in cues:
            c = " ".join(c.strip().lower().split())
            every.append(c)
            if "*" in c:
                wild.append((re.compile(phrase_regex([c], 0).pattern), name, prio))
            else:
                literal.setdefault(c, (name, prio))
    # a reporting verb that closes a hyphenated compound ("pre-announced", "so-called",
    # "well-documented") modifies a noun: it reports nobody's words
    reporting = re.compile(r"(?<!\w-)" + phrase_regex(params.reporting).pattern, re.I)
    return Lexicon(tuple(params.measures), measures, phrase_regex(params.measure_exclude, 0), kinds,
                   reporting, noun_measure, event_kinds, phrase_regex(params.kind_exclude, 0),
                   phrase_regex(every, 0), literal, tuple(wild))


_KIND_RX: dict = {}


def _kind_matcher(lex: Lexicon):
    """One regex for every kind cue (lower-cased text) and how to tell a match's kind: a dict for
    literal cues, then the wildcard cues in order."""
    key = id(lex.event_kinds)
    if key not in _KIND_RX:
        literal, wild, every = {}, [], []
        for name, rx in lex.event_kinds:
            body = rx.pattern[rx.pattern.index("(?:") + 3:rx.pattern.rindex(")(?![")]
            every.append(body)
            for alt in _split_alternation(body):
                if "\\w*" in alt:
                    wild.append((re.compile(alt), name))
                else:
                    literal.setdefault(re.sub(r"\\s\+", " ", alt).replace("\\", ""), name)
        rx = re.compile(r"(?<![\w’'])(?:" + "|".join(every) + r")(?![\w])") if every else None
        _KIND_RX[key] = (rx, literal, wild, lex.event_kinds)
    return _KIND_RX[key]


def _split_alternation(body: str) -> list[str]:
    """The alternatives of a phrase_regex body (cues never contain '|' or groups)."""
    return body.split("|")


# a capitalised word right after a word on the same line: the two are parts of one name
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z]")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is the cue text[start:end] written as a modifier inside a proper name ("Buggs Ferry Road", "Storm
    Malone"): capitalised, not where a sentence starts, a capitalised word after it? The last word of a
    name is its head and says what the named thing is: "the Salt Lake County Jail" is a jail, "the
    Supreme Court" a court."""
    if not text[start:start + 1].isupper() or not _CAPITALISED_AFTER.match(text, end):
        return False
    before = text[max(0, start - 40):start]
    return bool(before.strip()) and not re.search(r"(?:[.!?:;\"“«(\n]|—|--)\s*$", before)
    # (a sentence, a quote or a line may start with a cue: "Floods have killed 12")


def kind_hits(text: str, lex: Lexicon) -> list[tuple[int, str, str]]:
    """(position, kind, cue as written, lower-cased) of every event-kind cue in `text`, one scan for all kinds.
    A cue written as part of a proper name is none (`_in_a_name`), unless the text is set in Title Case."""
    rx, literal, wild, _ = _kind_matcher(lex)
    if rx is None:
        return []
    low = text.lower()
    titled = None
    hits = []
    for m in rx.finditer(low):
        if _in_a_name(text, m.start(), m.end()):
            if titled is None:
                titled = is_title_case(text)
            if not titled:
                continue
        cue = m.group()
        kind = literal.get(" ".join(cue.split()))
        if kind is None:
            kind = next((name for w, name in wild if w.fullmatch(cue)), None)
        if kind is not None:
            hits.append((m.start(), kind, cue))
    if hits and lex.kind_exclude is not None:
        excluded = [(m.start(), m.end()) for m in lex.kind_exclude.finditer(low)]
        if excluded:
            hits = [h for h in hits if not any(a <= h[0] < b for a, b in excluded)]
    return hits


def kinds_of(text: str, lex: Lexicon, hits: list | None = None) -> frozenset:
    """The kinds a stretch of text is mostly about: those with the most cues (ties: all of them)."""
    counts: dict = {}
    for _, kind, _ in (kind_hits(text, lex) if hits is None else hits):
        counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(k for k, n in counts.items() if n == top)


def compile_lexicon(params: FactsParams) -> Lexicon:
    return _compile("v1", params.model_dump_json())
