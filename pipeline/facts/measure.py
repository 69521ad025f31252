"""What a figure counts, from the words around it and the user's lexicon.

Within the figure's clause (bounded by ; ( ) [ ] dashes, "but", "while", and by
the neighbouring figures) the nearest cue wins: a cue after the figure ("16
people died") before one in front of it ("the death of 10 people"); the counted
noun decides when it is itself a cue ("37 defendants", "46 buildings") or when it
is a thing no cue fits ("16 places", "20 cars": other). Cues joined by "and"
("tried and sentenced") go to the one listed first in params. Durations can only
be prison terms (sentenced), detention (detained) or other; money is money.
"""

from __future__ import annotations

import re

from pipeline.facts.lexicon import CASUALTY, PERSON_MEASURES, PERSON_NOUNS, TIME_UNITS, Lexicon
from pipeline.facts.units import MEASURE_UNITS, MONEY
from pipeline.facts.quantities import Quantity

CLAUSE_BREAK = re.compile(r"[;()\[\]]|\s[–—-]\s|[–—]|\b(?:but|while|whereas|although|however)\b"
                          r"|\b(?:но|однако|хотя)\b|,\s*(?:а|тогда как)\b", re.I)
APPOSITION = re.compile(r",\s*(?:including|among them|such as|among whom|who|whose|which|where|whom)\b[^,;.]*",
                        re.I)
NP_OF = re.compile(r"\b[a-z]+\s+of\s+(?:the\s+)?$", re.I)
WORD = re.compile(r"[\w’']+")
RU_CLAUSE_BREAK = re.compile(CLAUSE_BREAK.pattern + r"|:", re.I)
OF_WHICH = re.compile(r"(?:of\s+(?:which|whom|them|these)|among\s+them|"
                      r"в\s+том\s+числе|среди\s+(?:них|которых)|из\s+(?:них|которых)|в\s+их\s+числе)\s*[,:]?\s*$",
                      re.I)
# a term someone "received", "got", "serves" or "faces" is a sentence (months and years only: "forcing him to
# receive IV antibiotics for a few days" is none; days in jail are said with the jail)
TERM_CUES = re.compile(r"\b(?:received|receive|receives|got|given|serve|serves|serving|served|faces|facing|face)\b",
                       re.I)
MONEY_UNITS = {"USD", "KZT", "RUB", "EUR", "GBP", "CNY", "UAH", "KGS", "TJS", "UZS", "GEL", "AMD", "AZN", "MDL",
               "BYN", "JPY", "CHF", "TRY", "PLN"}
# measures that count people: a cue of another measure does not say what a count of persons counts
# (Russian text, where the nearest cue may sit on either side: "эвакуировали из здания 1 100 сотрудников")
PEOPLE_MEASURES = PERSON_MEASURES | {"participants", "strikers"}
# measures of things, which a count of people never is ("rescued 12 people from the burning building")
THING_MEASURES = {"buildings", "money"}
# measures a counted noun gives by saying who the people are ("rioters", "participants", "defendants"): what
# a verb right before the count says befell them comes first ("police arrested 12 rioters")
IDENTITY_MEASURES = {"participants", "strikers", "prosecuted"}
# an emergency number is no count: "called 911", "dialled 999", "calls to 911", "a 911 caller", "the 112
# operator" ("to" only after a call: "the death toll rose to 112" is a count)
EMERGENCY_NUMBER = re.compile(r"(?:\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|ring(?:ing|s)?|rang|"
                              r"phon(?:ed|ing|es?))\s+(?:(?:to|on)\s+)?)"
                              r"(?P<n>911|999|112|000)\b|\b(?P<m>911|999|112)(?=[\s-]+(?:calls?|callers?|"
                              r"operators?|dispatch(?:ers?)?|cent(?:er|re)s?|emergency|hang-?up|hangup|system)\b)",
                              re.I)
TIME = set(TIME_UNITS.values())
# units of things measured, not counted: "pronounced dead about 30 yards apart", "farmed about 400 acres",
# "6 tonnes of aid", "a 50 kW generator"
PHYSICAL_UNITS = frozenset(v for v in MEASURE_UNITS.values() if v) - {"percent", "ratio", "point", "basis point",
                                                                      "person"} - TIME - MONEY
TERM_UNITS = {"year", "month", "decade"}


def _cues(sentence: str, offset: int, lex: Lexicon) -> list[tuple[int, int, str, int]]:
    """(start, end, measure, priority) of every cue in the sentence, longest match first."""
    low = sentence.lower()
    if len(low) != len(sentence):  # a few characters change length when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence)
    excluded = [(m.start(), m.end()) for m in lex.measure_exclude.finditer(low)]
    found = []
    for m in lex.all_measures.finditer(low):
        s, e = m.start(), m.end()
        if any(a <= s and e <= b for a, b in excluded):
            continue
        before = low[max(0, s - 3):s]
        if before == "to " and " " not in m.group():
            continue  # purpose infinitive: "went ... to rally"
        key = " ".join(m.group().split())
        hit = lex.literal_measure.get(key)
        if hit is None:
            for rx, name, prio in lex.wildcard_measure:
                if rx.fullmatch(key):
                    hit = (name, prio)
                    break
        if hit is not None:
            found.append((s + offset, e + offset, hit[0], hit[1]))
    for m in TERM_CUES.finditer(sentence):
        found.append((m.start() + offset, m.end() + offset, "sentenced", -1))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept = []
    for c in found:
        if kept and c[0] < kept[-1][1]:
            continue
        kept.append(c)
    return kept


def _words_between(text: str, a: int, b: int) -> int:
    return len(WORD.findall(text[a:b])) if b > a else 0


def _clause(text: str, s0: int, e0: int, q: Quantity) -> tuple[int, int]:
    left, right = s0, e0
    # Russian: a colon opens a clause of its own ("...в первом чтении: за него проголосовали 78 депутатов")
    breaks = RU_CLAUSE_BREAK if q.extra.get("language") == "ru" else CLAUSE_BREAK
    for m in breaks.finditer(text, s0, e0):
        if m.end() <= q.core_start:
            left = m.end()
        elif m.start() >= q.end:
            right = m.start()
            break
    return left, right


def assign_measures(text: str, quantities: list[Quantity], lex: Lexicon) -> None:
    """Set `measure` (and a default unit) on every quantity, in place."""
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        by_sentence.setdefault((q.sentence_start, q.sentence_end), []).append(q)
    previous: Quantity | None = None  # the last figure with a measure in the sentence before
    for (s0, e0), qs in by_sentence.items():
        qs.sort(key=lambda q: q.start)
        if qs[0].layout:
            for q in qs:
                q.measure = _label_measure(q.label or "", lex)
                if q.unit is None and q.measure in PERSON_MEASURES:
                    q.unit = "person"
            previous = None
            continue
        sentence = text[s0:e0]
        cues = _cues(sentence, s0, lex)
        frames = [q.extra["attribution_span"] for q in qs if "attribution_span" in q.extra]
        cues = [c for c in cues if not any(a <= c[0] < b for a, b in frames)]
        skip = [(m.start() + s0, m.end() + s0) for m in APPOSITION.finditer(sentence)]
        for k, q in enumerate(qs):
            left, right = _clause(text, s0, e0, q)
            if q.unit not in TIME:  # durations may share a cue: "Sentences of six, five and four years"
                if k + 1 < len(qs) and not re.fullmatch(r"\s*of(?:\s+the)?\s*", text[q.end:qs[k + 1].start]) \
                        and not INCLUDING_BETWEEN.match(text, q.end, qs[k + 1].start):
                    # (a part set off after it, "five people, including two children, were killed", leaves
                    # the clause going on to its verb)
                    right = min(right, qs[k + 1].start)
                if k > 0:
                    left = max(left, qs[k - 1].end)
            q.measure = _measure(text, q, cues, left, right, skip, lex)
            if q.measure in PEOPLE_MEASURES and PARTITIVE_GROUP_BEFORE.search(text, max(s0, q.start - 40), q.start) \
                    and PART_VERB_AFTER.match(text, q.end):
                q.measure = "other"   # the group of a partitive (the grammar reads the harm a group suffered itself)
            if q.unit == "percent" and q.measure in PEOPLE_MEASURES and q.measure != "population":
                # "homicides were down 17 percent", "blacks are ... arrested 44%": a share or a change, not a
                # number of people (a share of a population is a fact about the place: "18% of the region's
                # population")
                q.measure = "other"
            if q.measure == "other" and OF_WHICH.search(text[max(s0, q.start - 20):q.start]) and k > 0:
                if not any(left <= c[0] < right for c in cues):
                    q.measure = qs[k - 1].measure
            if q.measure == "other":
                # a second source's number, its noun left out: "..., while activists said 70", "Activists
                # put the number at 70"
                same = (_said_instead(text, qs[:k], q, lex) if k > 0 else None) or \
                    _the_figure_again(text, s0, q, qs[:k], previous)
                if same is not None:
                    q.measure = same.measure
                    q.unit = q.unit or same.unit
                    q.extra["said_instead"] = True  # (the grammar keeps it: the verb is the saying)
            if q.unit is None and (q.measure in PERSON_MEASURES or q.head in PERSON_NOUNS):
                q.unit = "person"
        _inherit_hedges(text, qs)
        measured = [q for q in qs if q.measure not in (None, "other")]
        previous = measured[-1] if measured else None


# the group a partitive takes some of: "dozens of the 500 protesters were arrested", "40 percent of the 1,200
# workers were fired" (what the verb tells befell the part, not the whole group)
_PART_WORDS = (r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|"
               r"thousands|many|most|some|half|all|none|several|few|(?:one|two|three)[-\s](?:thirds?|quarters?)|"
               r"third|quarter|majority|minority|percent|per\s+cent|%")
PARTITIVE_GROUP_BEFORE = re.compile(rf"(?:^|[^\w-])(?:{_PART_WORDS})\s*of\s+(?:the|his|her|their|its|those|these)\s+$",
                                    re.I)
PART_VERB_AFTER = re.compile(r"(?:[^\S\n]+[\w'’-]+){1,3}?[^\S\n]+"
                             r"(?:were|was|are|is|have\s+been|had\s+been|has\s+been)\b", re.I)
INCLUDING_BETWEEN = re.compile(r"\s*\w*\s*,\s*(?:including|among\s+them|among\s+whom)\b", re.I)
# a contrast between two sources' figures: "Officials said 15 people died, while activists said 70"
CONTRAST_BETWEEN = re.compile(r"\b(?:while|whereas|but|although|though|however)\b|;", re.I)
# a figure put at a value: "opposition sources put the figure at 70", "police put the crowd at 12,000"
PUT_AT = re.compile(r"\bput(?:s|ting)?\s+(?:the|their|its|that|this)?\s*(?:\w+\s+){0,2}?at\s+$", re.I)
# ... or given as "a figure of 63", "an estimate of 70", "their own count of 120"
FIGURE_OF = re.compile(r"\b(?:figure|estimate|count|number|total|tally)\s+(?:of|at)\s+(?:about\s+|some\s+|nearly\s+)?$",
                       re.I)


# "the figure", "the number", "a higher figure", "the real toll": a count named again, its value given
# ("Activists put the number at 70", "the real figure is over 100", "a higher figure of 450"); not "the
# number of cars at 70", which names what it counts
FIGURE_AGAIN = re.compile(
    r"\b(?:the|a|an|their|its|this|that|our|his|her)\s+(?:\w+\s+){0,2}?(?:figure|number|total|count|estimate|tally)\s+"
    r"(?:(?!of\b)\w+\s+){0,3}?(?:at|of|is|was|as|to|reached|stands\s+at|stood\s+at)\s+"
    r"(?:(?:about|over|nearly|some|around|almost|roughly|more\s+than|at\s+least)\s+)?$", re.I)


def _the_figure_again(text: str, s0: int, q: Quantity, before: list[Quantity],
                      previous: Quantity | None) -> Quantity | None:
    """'Police said 15 people died. Activists put the number at 70.': a bare number given as the value
    of 'the figure' ('the number', 'a higher figure') counts what the figure before it counts, in its own
    sentence or the one before. That figure, or None."""
    if q.head is not None or q.unit not in (None, "person") or q.value_low is None:
        return None
    if not FIGURE_AGAIN.search(text, max(s0, q.core_start - 80), q.core_start):
        return None
    mine = [p for p in before if p.measure not in (None, "other")]
    antecedent = mine[-1] if mine else previous
    if antecedent is None or not (antecedent.unit in (None, "person") or antecedent.head):
        return None
    return antecedent


def _said_instead(text: str, before: list[Quantity], q: Quantity, lex: Lexicon) -> Quantity | None:
    """'Officials said 15 people died, while activists said 70': a bare number that a second source
    states after a contrast (while, whereas, but, ;) counts what the first figure counts, the noun
    and the verb left out (an ellipsis). The number has no noun or unit of its own and is what the
    second clause's reporting verb says ("said 70", "claimed 10,000", "estimated 12,000", "put the
    figure at 70"); the first figure is the last one before the contrast with a measure. Its figure,
    or None."""
    if q.head is not None or q.unit not in (None, "person") or q.value_low is None:
        return None
    prev = [p for p in before if p.measure not in (None, "other") and (p.unit in (None, "person") or p.head)
            and p.sentence_start == q.sentence_start]  # (people, or things counted by a noun: 40 homes)
    if not prev:
        return None
    p = prev[-1]
    between = text[p.end:q.core_start]  # (with the figure's own hedge: "police estimated 12,000")
    contrasts = list(CONTRAST_BETWEEN.finditer(between))
    if not contrasts:
        return None
    clause = between[contrasts[-1].end():]
    if PUT_AT.search(clause) or FIGURE_OF.search(clause) or lex.reporting.search(clause.lower()):
        return p
    return None


# lives counted as lost: "claimed 300 lives", "cost 40 lives", "took the lives of 12", "five lives were lost"
LIVES_LOST = re.compile(r"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|took|take[sn]?|taking|lost|lose|losing|los(?:s|ses))\b"
                        r"[^.;:!?]{0,40}?\bli(?:ves|fe)\b|\bli(?:ves|fe)\b[^.;:!?]{0,30}?\b(?:were|was|have\s+been|had\s+been"
                        r"|has\s+been)?\s*lost\b", re.I)


LIVES_OF_BEFORE = re.compile(r"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|took|take[sn]?|taking)\s+the\s+lives\s+of\s+"
                             r"(?:at\s+least\s+|some\s+|about\s+|more\s+than\s+|nearly\s+|almost\s+)?$", re.I)


def _pick(cands: list[tuple[float, int, str]]) -> str:
    cands.sort()
    return cands[0][2]


def _emergency_number(text: str, q: Quantity) -> bool:
    for m in EMERGENCY_NUMBER.finditer(text, max(0, q.start - 12), min(len(text), q.end + 30)):
        g = "n" if m.group("n") else "m"
        if m.start(g) == q.core_start and m.end(g) == q.core_end:
            return True
    return False


def _measure(text, q: Quantity, cues, left, right, skip, lex: Lexicon) -> str:
    unit = q.unit
    if _emergency_number(text, q) or q.extra.get("modifier"):
        return "other"  # (a count in a compound adjective, "a four-man crew", describes its noun)
    if unit not in TERM_UNITS:
        cues = [c for c in cues if c[3] >= 0]   # (a few days of something received is no sentence)
    if unit in MONEY_UNITS or unit in MONEY:
        return "money"   # (every currency the figure parser knows: rupees, yen, rand, ...)
    allowed = None
    if unit in TIME:
        # a prison term is counted in days and more; hours can only be time held
        allowed = {"detained"} if unit in ("hour", "minute", "second") else {"sentenced", "detained"}
    elif unit in PHYSICAL_UNITS:
        return "other"
    if "killed" in lex.measure_names and (
            q.head in ("lives", "life") and LIVES_LOST.search(text, left, right) or
            LIVES_OF_BEFORE.search(text, max(0, q.start - 50), q.start)):
        return "killed"  # "claimed 300 lives", "the lives of 5 people", "five lives were lost"
    head_measure = lex.noun_measure.get(q.head) if q.head else None
    if q.head and q.head_start is not None and not head_measure:
        # the head noun may be the start of a longer cue ("banking facilities")
        for c in cues:
            if c[0] <= q.head_start < c[1]:
                head_measure = c[2]
    # a thing that no cue names is counted as "other": 16 places, 20 cars, 7 playgrounds
    if unit not in TIME and unit not in ("percent", "ratio") and q.head and q.head not in PERSON_NOUNS \
            and not head_measure and q.head != "them":
        return "other"

    # "a mother of four children, was killed": a figure inside a noun phrase set off by a
    # comma counts only what its own noun says
    if NP_OF.search(text[max(0, q.start - 30):q.start]) and q.head_start is not None:
        hend = text.find(" ", q.head_start)
        if hend > 0 and text[hend - 1:hend] == ",":
            left = q.start
            right = min(right, hend)

    def usable(c):
        if allowed is not None and c[2] not in allowed:
            return False
        if any(a <= c[0] < b and not a <= q.start < b for a, b in skip):
            return False
        return True

    # Russian puts the verb before its subject as often as after it ("погибли два человека",
    # "задержаны 63 человека"): the nearest cue on either side, a tie to the one after
    russian = q.extra.get("language") == "ru"
    people = q.head in PERSON_NOUNS
    person = russian and people
    # (in Russian, distances are counted from the whole figure, its hedge and counted noun included)
    after = q.end
    if russian and q.head_start is not None and q.head_start >= q.end:
        head_end = re.match(r"[\w-]*", text[q.head_start:])
        after = q.head_start + head_end.end()
    right_c, left_c = [], []
    for c in cues:
        if not usable(c) or (person and c[2] not in PEOPLE_MEASURES) or (people and c[2] in THING_MEASURES):
            continue
        if q.end <= c[0] < right:
            d = _words_between(text, after if c[0] >= after else q.end, c[0])
            right_c.append((d, c[3], c[2], c))
        elif left <= c[0] and c[1] <= q.core_start:
            d = _words_between(text, c[1], q.start if russian and c[1] <= q.start else q.core_start)
            left_c.append((d + 0.5 if russian else d * 1.5 + 1, c[3], c[2], c))
    if q.head_start is not None:
        right_c = [c for c in right_c if not (c[3][0] <= q.head_start < c[3][1])]
    if russian and right_c and left_c and min(left_c)[0] < min(right_c)[0]:
        right_c = []  # the cue before is nearer
    if head_measure in IDENTITY_MEASURES:
        acted = [c for c in left_c if c[2] in PEOPLE_MEASURES and c[2] not in IDENTITY_MEASURES
                 and _words_between(text, c[3][1], q.core_start) <= 2]
        if acted:
            return _pick([(c[0], c[1], c[2]) for c in acted])
    if right_c:
        right_c.sort()
        d0, _, name, c0 = right_c[0]
        # coordinated cues: "tried and sentenced" -> the higher priority one
        group = [c for c in right_c if c[3][0] - c0[1] <= 12 and re.fullmatch(
            r"\s*(?:and|or|,)\s*(?:\w+\s+)?", text[c0[1]:c[3][0]])]
        if group:
            best = min([right_c[0], *group], key=lambda c: c[1])
            name = best[2]
        if head_measure and (allowed is None or head_measure in allowed) and (
                d0 > 6 or q.head not in PERSON_NOUNS):
            return head_measure
        return name
    if head_measure and (allowed is None or head_measure in allowed):
        return head_measure
    if left_c:
        return _pick([(c[0], c[1], c[2]) for c in left_c])
    return "other"


def _label_measure(label: str, lex: Lexicon) -> str:
    best = None
    label = label.lower()
    for prio, (name, rx) in enumerate(lex.measures):
        m = rx.search(label)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), prio, name)
    return best[2] if best else "other"


def _inherit_hedges(text: str, qs: list[Quantity]) -> None:
    """'up to 64 people were killed and 400 wounded': the hedge governs the elliptical 400."""
    for a, b in zip(qs, qs[1:]):
        if a.qualifier not in ("at_least", "at_most", "about") or b.qualifier != "exact":
            continue
        if b.start != b.core_start or (b.head is not None and not b.head.endswith("ed")) or \
                b.unit not in (None, "person"):
            continue
        between = text[a.end:b.start]
        if not re.search(r"\band\s*$", between) or re.search(r"[;.]", between):
            continue
        after = text[b.end:b.end + 20]
        if not re.match(r"\s+\w+ed\b", after):
            continue
        b.qualifier = a.qualifier
        v = b.value_low
        b.value_low, b.value_high = (v, None) if a.qualifier == "at_least" else (
            (None, v) if a.qualifier == "at_most" else (v, v))
        b.hedge_inherited = True
