"""What a figure counts, read from the sentence's grammar (spaCy's dependency parse).

The cue lexicon (measure.py) decides by proximity: the nearest cue word wins. That
fails where English grammar says otherwise: "Three people were shot, one fatally"
(the 3 were shot, not killed), "Manuel Ortiz, 28, died" (28 is his age), "A teen was
fatally shot" (a count of one, written without a numeral). This module parses the
sentences that hold a casualty word and, for each figure, follows the dependency
tree: the number -> the noun it counts -> the verb, adjective or noun that says what
happened to it. Where the tree gives an answer it overrides the lexicon's; where it
gives none the lexicon's stands.

Counts written without a numeral become figures too (`implicit_counts`): a singular
victim with an indefinite article or a name ("a man was killed", "Watford died" = 1),
coordinated victims ("John Smith and Mary Jones were killed" = 2), "the victim died" (1),
"no one was hurt" (0), "double homicide" (2), "killed himself" (1, the shooter). Some are
derived, with the reckoning in `extra["derived"]`: the shot who did not die were wounded
("Six people were shot, two of them fatally": 4 injured), and the dead of one killing add
up ("fatally shot his wife and two young sons before killing himself": 4).

Not counts: ages as news writes them, emergency numbers, distances, addresses, and what
someone planned, tried or threatened to do. (docs/facts.md, section 2b, lists every rule.)

The predicates (lemma -> measure) are a lexicon (`facts.predicates`); the rest are
rules of English grammar. Only sentences that contain a casualty word are parsed,
in batches, so the stage stays fast.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from pipeline.facts.measure import _emergency_number
from pipeline.facts.headline import headline_case, without_dateline
from pipeline.facts.lexicon import ANIMAL_NOUNS, CASUALTY, PERSON_NOUNS
from pipeline.facts.numbers import UNITS
from pipeline.facts.quantities import POLAR_QUESTION, Quantity

# a sentence is parsed only if it holds one of these words (not "shooting", "victim": the
# event and its people are named in most sentences of a crime story; only what happened to
# them needs the parse)
CANDIDATE = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|died|dies|dying|deaths?|fatal(?:ly)?|fatalit(?:y|ies)|shot|shoots?|wound(?:s|ed)?|executed|"
    r"massacred|perished|"
    r"injur(?:ed|ies|y|ing)|hurt|homicides?|murder(?:s|ed)?|suicides?|slain|stabb(?:ed|ing)|own li(?:fe|ves)|"
    r"deceased|hospitals?|hospitali[sz]ed|treated|shootings?\s+of|body\s+of|bodies|killings?|slayings?|tolls?|"
    r"(?:critical|serious|grave|stable|guarded)\s+condition|(?:was|were|been|being|is|are)\s+(?:hit|struck|grazed)|"
    r"fighting\s+for\s+(?:his|her|their)\s+li(?:fe|ves))\b",
    re.I)
# a count of victims is parsed too: what the sentence says of them decides ("Two of the victims were
# juveniles", "Five victims were in critical condition")
VICTIMS = re.compile(r"\bvictims?\b", re.I)
NUMBERISH = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\b", re.I)
MAX_PARSE_CHARS = 1000  # longer sentences keep the lexicon's reading
# "two victims", "two of the victims": the count whose cue is the noun `victims`
VICTIMS_AFTER = re.compile(r"\s+(?:(?P<of>of)\s+(?:the|those|these|his|her|their|its)\s+)?(?:[a-z-]+\s+)?victims?\b",
                           re.I)
WOUNDS = {"wound", "wounds", "shots", "bullets", "rounds", "times"}
BLOCK_AFTER = re.compile(r"(?:-|\s)+blocks?\b", re.I)
# adverbs, complements and conjuncts that make a shooting fatal
FATAL = {"fatally", "dead", "death", "kill", "die", "mortally", "lethally"}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "obj"}
# singular nouns of people a count of one can be written with ("a teen was shot")
PERSON_SINGULAR = {
    "man", "woman", "boy", "girl", "teen", "teenager", "child", "toddler", "baby", "infant", "person",
    "victim", "student", "officer", "deputy", "trooper", "driver", "passenger", "pedestrian", "resident",
    "father", "mother", "son", "daughter", "husband", "wife", "brother", "sister", "friend", "neighbor",
    "neighbour", "suspect", "gunman", "shooter", "bystander", "worker", "employee", "customer", "clerk",
    "guard", "soldier", "civilian", "journalist", "protester", "youth", "juvenile", "male", "female",
    "adult", "senior", "patient", "inmate", "prisoner", "security guard", "cousin", "uncle", "aunt",
    "grandmother", "grandfather", "girlfriend", "boyfriend", "roommate", "owner", "homeowner", "tenant",
    "firefighter", "paramedic", "nurse", "doctor", "teacher", "pastor", "priest", "farmer", "pilot", "motorist",
    "cyclist", "pensioner", "retiree", "veteran", "shopkeeper", "tourist", "hiker", "neighbour", "relative",
    "grandson", "granddaughter", "nephew", "niece", "stepson", "stepdaughter", "fiance", "fiancee", "partner",
    "colleague", "coworker", "co-worker", "classmate", "lawyer", "judge", "agent", "sheriff",
    "constable", "sergeant", "detective", "ranger", "marshal", "jailer", "cashier", "bartender", "waitress",
    "waiter", "manager", "security officer", "gunwoman", "attacker", "assailant", "intruder", "robber",
    "parent", "grandparent", "spouse", "sibling", "stepfather", "stepmother", "grandchild", "kid",
}
INDEFINITE = {"a", "an", "another", "one"}
ORDINAL_NOUNS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
# nouns of a group, whose members are not counted by the noun ("Family found shot to death": how many?)
COLLECTIVE = {"family", "families", "group", "crowd", "gang", "household", "team", "crew", "couple", "people",
              "police", "staff", "congregation", "class", "community"}
MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
MULTIPLE_CRIME = re.compile(
    r"\b(?P<n>double|triple|quadruple|quintuple)[\s-](?P<what>homicide|murder|killing|slaying|fatal shooting|"
    r"shooting)s?\b", re.I)
# headlinese writes a comma for `and`: "3 adults, 1 child found shot to death", "4 adults, 2 children
# dead", "Wallkill man, two children dead": each member a person noun with its count (none: one person,
# the headline drops the article), the list then a predicate of death
_PEOPLE = sorted({w for w in PERSON_SINGULAR if " " not in w} |
                 {w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s") for w in PERSON_SINGULAR if " " not in w} |
                 {"men", "women", "children", "people"}, key=len, reverse=True)
_LISTED = (r"(?:(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:[A-Z][\w'’.-]*\s+)?"
           r"(?:\d{1,3}-year-old\s+)?(?:" + "|".join(_PEOPLE) + r")")
HEADLINE_LIST = re.compile(r"(?<![\w,])(?P<list>" + _LISTED + r"(?:,\s+" + _LISTED + r")+(?:,?\s+and\s+" + _LISTED +
                           r")?)\s+(?:(?:are|were)\s+)?(?:found\s+)?(?:dead|killed|slain|murdered|die|shot\s+(?:to\s+death|dead))\b",
                           re.I)
LISTED_ONE = re.compile(_LISTED, re.I)
# "A fourth victim ... has died", "Third victim dies after ...", "police locate second body": the dead now
# number N (an indefinite article, or none in a headline; "the second victim died" names one of the
# victims and counts nothing)
_ORDINAL = (r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
            r"2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th|12th")
ORDINAL_DEATH = re.compile(
    rf"(?:^|\ban?\s+)(?P<n>{_ORDINAL})\s+(?:(?:shooting|stabbing|crash|fire)\s+)?(?:victim|person|man|woman)\b"
    r"[^.;:!?]{0,80}?\b(?:(?:has\s+|had\s+)?(?:died|dies|succumbed|succumbs)|"
    r"(?:was|has\s+been)\s+(?:also\s+)?(?:killed|shot\s+dead|shot\s+and\s+killed|fatally\s+shot))\b|"
    # the noun left out after the ordinal: "three people were killed; a fourth died in hospital"
    rf"(?:^|\ban?\s+)(?P<ne>{_ORDINAL})\s+(?:has\s+|had\s+|later\s+)?(?:died|dies|succumbed|succumbs)\b|"
    rf"(?:^|\ban?\s+)(?P<nb>{_ORDINAL})\s+body\b[^.;:!?]{{0,40}}?\b(?:found|discovered|recovered|located)\b|"
    rf"\b(?:locate[sd]?|finds?|found|discover(?:ed|s)?|recover(?:ed|s)?)\s+(?:an?\s+)?(?P<nf>{_ORDINAL})\s+body\b",
    re.I)
ORDINAL_VALUE = {w: i for i, w in enumerate(["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                              "eighth", "ninth", "tenth", "eleventh", "twelfth"]) if w}
MURDER_SUICIDE = re.compile(r"\bmurder[\s-]suicide\b", re.I)
ATTEMPTED_MURDER_SUICIDE = re.compile(r"\battempted\s+murder[\s-]suicide\b|\bmurder[\s-]suicide\s+attempt", re.I)
# "a triple murder-suicide": three murders and the killer's suicide
MULTIPLE_MURDER_SUICIDE = re.compile(
    r"\b(?P<n>double|triple|quadruple|quintuple)[\s-](?:murder|homicide)[\s-]suicide\b", re.I)
# "Six people were shot, two of them fatally", "Four people shot, two dead", "Seven people were shot,
# with six confirmed dead", "Four men were shot and two of them died": a count of the shot, then how many of them died; the others were wounded
SHOT_THEN = re.compile(r"\s+(?:[A-Za-z]+\s+){0,2}?(?:(?:were|was|have\s+been|had\s+been|are|got)\s+)?"
                       r"(?P<shot>shot)\b(?!\s+(?:dead|to\s+death|and\s+killed))(?:[^.;:!?\d]{0,60}?,\s*"
                       r"(?:(?:including|with|and)\s+)?|\s+and\s+)$", re.I)
# the killer's own death after the killing, with no new subject: "... before killing himself", "..., then
# took his own life", "... and then turned the gun on herself"
# the killer's own death told after the victims': "..., then the gunman killed himself", "before turning the
# gun on himself", "then took his own life"
# a killer's own death: "killed himself", "took his own life", "committed suicide" (each pattern below adds
# its own ways of shooting oneself)
SELF_KILLING = (r"kill(?:ed|ing|s)?\s+(?:him|her)self|(?:took|taking|takes|take)\s+(?:his|her)\s+own\s+life|"
                r"committ?(?:ed|ing|s)?\s+suicide")
KILLER_DIED = re.compile(
    r"\b(?:then|before|after\s+which|and\s+then)\s+(?:(?:the|a)\s+)?(?:(?:gunman|shooter|killer|suspect|attacker|"
    r"man|woman|he|she)\s+)?(?:later\s+)?"
    rf"(?:{SELF_KILLING}|(?:fatally\s+)?shoot(?:ing|s)?\s+(?:him|her)self|(?:fatally\s+)?shot\s+(?:him|her)self|"
    r"turn(?:ed|ing|s)?\s+the\s+(?:gun|weapon|rifle|pistol|shotgun)\s+on\s+(?:him|her)self)\b", re.I)
SUICIDE_AFTER = re.compile(
    r"[^.;:!?]{0,120}?\b(?:before|then|and|after\s+which)\s+(?:then\s+)?(?:\w+\s+){0,1}?"
    rf"(?:{SELF_KILLING}|fatally\s+shoot(?:ing|s)?\s+(?:him|her)self|fatally\s+shot\s+(?:him|her)self|"
    r"turn(?:ed|ing|s)?\s+the\s+(?:gun|weapon)\s+on\s+(?:him|her)self)\b", re.I)
# two counts of one measure added by the sentence: "X was critically injured and three others suffered
# minor injuries", "X was shot in the wrist, and a woman was also wounded" (no third count between them)
ADDED_BY_AND = re.compile(r"[^.;:!?\d]{0,80}?[,]?\s(?P<and>and)\s+(?:[^.;:!?\d]{0,40}?\s)?", re.I)
OTHERS_AFTER = re.compile(r"\s+(?:others?|more)\b", re.I)
# a count of the dead told where or when they died: "(workers) died on the spot", "(more) succumbed on the way
# to hospital", "were pronounced dead at the scene", "died while being taken to hospital"
DIED_WHERE_AFTER = re.compile(
    r"(?:\s+[a-z-]+){0,3}?"                           # "(Two) young men", "(19) people", "(two) more"
    r"(?:,?\s+aged\s+\d{1,3},?|,\s+\d{1,3},)?"   # "a woman aged 21 died on arrival"
    r"\s+(?:(?:had|have|has|were|was)\s+)?(?:died|succumbed|perished|were\s+killed|were\s+pronounced\s+dead|"
    r"was\s+pronounced\s+dead)(?:\s+to\s+(?:their|his|her)\s+(?:injuries|wounds))?\s+"
    r"(?P<where>(?:at|on|in|while|after|later|en|upon)\b[^,;.!?]{0,60})", re.I)
SCENE = re.compile(r"\b(?:scene|spot|site)\b")
# what joins two such counts: "and", "while", a comma (not another clause's full stop or semicolon)
DEATH_LINK = re.compile(r"[^.;:!?\d]{0,80}?(?:,\s*(?:and\s+|while\s+|whereas\s+)?|\s(?:and|while|whereas)\s+)"
                        r"(?:[^.;:!?\d]{0,20}?\s)?", re.I)
ALSO_AFTER = re.compile(r"[^.;:!?]{0,25}?\balso\b", re.I)
# "... was shot and taken to Stroger Hospital, where he died", "..., where she was pronounced dead": the
# shot or hurt of the clause died (a relative clause of the place they were taken to)
_LATER = r"(?:(?:later|then|eventually|subsequently|soon|shortly|\w+ly)\s+)?"
WHERE_DIED = re.compile(rf"[^.;:!?]{{0,160}}?(?:,\s*|\s+)where\s+(?P<who>he|she|they|both|all\s+\w+)\s+{_LATER}"
                        rf"(?:died|succumbed|passed\s+away|(?:was|were)\s+{_LATER}pronounced\s+dead|"
                        rf"(?:did\s+not|didn['’]t)\s+survive)\b", re.I)
PARTITIVE_DIED = re.compile(r"\s+of\s+(?:the|those|these)\s+$", re.I)
FATAL_AFTER_PARTITIVE = re.compile(
    r"\s+(?P<what>(?:shooting|gunshot)\s+victims\s+(?:have\s+|had\s+)?(?:since\s+|later\s+)?(?:died|succumbed))\b",
    re.I)
VIOLENT = re.compile(r"\b(?:murder\w*|homicides?|shoot\w*|shot|gunshot|gunfire|stabb\w*|kill\w*|slay\w*|slain)\b",
                     re.I)
DEATH_NOUNS = {"death", "killing", "murder", "slaying", "homicide"}
OWN_DEATH = re.compile(r"\b(?:him|her|them)sel(?:f|ves)\b|\bown\s+li(?:fe|ves)\b|\bsuicide\b", re.I)
BY_WHO_SUICIDE = re.compile(
    r"[^.;:!?]{0,80}?\bby\s+(?:a|an|the|his|her|their)\s+[\w\s,'’-]{1,60}?\b"
    r"(?P<who>who\s+(?:later\s+|then\s+|also\s+)*"
    r"(?:killed\s+(?:him|her)self|took\s+(?:his|her)\s+own\s+life|committed\s+suicide|fatally\s+shot\s+(?:him|her)self|"
    r"turned\s+the\s+(?:gun|weapon)\s+on\s+(?:him|her)self))\b", re.I)
INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\b", re.I)
# a count introduced as some of a larger one just before it
INCLUDED_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)\s*[:,]?\s*"
                             r"(?:at\s+least\s+|some\s+|about\s+)?$", re.I)
ONE_AFTER_SHOT = re.compile(r"\b(?:one|One|ONE)(?=\s+(?:of\s+(?:them|whom)\s+)?(?i:fatally|mortally|dead|died|killed)\b)")
FATAL_AFTER = re.compile(r"\s*(?:of\s+(?:them|whom|those)\s+)?(?:(?:were|was|have\s+been|are)\s+)?"
                         r"(?:(?:confirmed|pronounced|reported|left)\s+)?(?:fatally|mortally|dead|died|dies|die|killed|"
                         r"(?:did\s+not|didn't|did\s+n't)\s+survive)\b", re.I)
# what someone meant, tried or threatened to do did not (yet) happen: "planned to kill himself", "tried to
# take her own life", "threatened to shoot them", "was going to kill himself"
INTENT = {"plan", "planned", "plans", "planning", "threaten", "threatened", "threatens", "threatening", "try",
          "tried", "tries", "trying", "attempt", "attempted", "attempts", "attempting", "want", "wanted", "wants",
          "intend", "intended", "intends", "vow", "vowed", "vows", "go", "going", "promise", "promised", "hope",
          "hoped", "decide", "decided", "about", "offer", "offered", "fail", "failed"}
INTENT_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(INTENT)) + r")\s+to\s+$", re.I)
OWN_LIFE = re.compile(r"\b(?:took|takes|taking|take)\s+(?:his|her|their)\s+own\s+li(?:fe|ves)\b", re.I)
AGE_COMMAS = re.compile(r",\s*$")


@dataclass
class Grammar:
    """A parser for one process, with a cache of parsed sentences."""

    model: str
    predicates: dict[str, list[str]]
    by_lemma: dict[str, str] = field(init=False)
    _cache: dict = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.by_lemma = {lemma.lower(): measure for measure, lemmas in self.predicates.items()
                         for lemma in lemmas}
        _know(self.by_lemma)

    def _nlp(self):
        return _load(self.model)

    def prefetch(self, sentences: Iterable[str]) -> None:
        """Parse the candidate sentences among `sentences` in one batch (the others are remembered as
        such: `doc` does not look at them again)."""
        todo = []
        for s in dict.fromkeys(sentences):
            if s in self._cache:
                continue
            if _wanted(s):
                todo.append(s)
            else:
                self._cache[s] = None
        if not todo:
            return
        with _LOCK:
            texts = (headline_case(without_dateline(s), _known) for s in todo)
            for s, doc in zip(todo, self._nlp().pipe(texts, batch_size=128)):
                self._cache[s] = doc

    def doc(self, sentence: str):
        """The parse of a candidate sentence (None for others, remembered as such)."""
        if sentence in self._cache:
            return self._cache[sentence]
        if not _wanted(sentence):
            self._cache[sentence] = None
            return None
        self.prefetch([sentence])
        return self._cache.get(sentence)

    def forget(self) -> None:
        self._cache.clear()

    # --- figures written with numerals -------------------------------------------------------
    def refine(self, text: str, qs: list[Quantity]) -> None:
        """Set each figure's measure from the parse, where it says one (in place)."""
        for q in qs:
            if q.extra.get("implicit") or q.layout or q.value_low is None or not _counts_things(q):
                continue
            if "count_of" in q.extra:  # read with its neighbour: "Six people were shot, two of them fatally"
                q.measure = q.extra["count_of"]
                q.extra["measure_basis"] = "grammar"
                continue
            if BLOCK_AFTER.match(text, q.end):  # an address: "in the 2700-block of E. 75th St."
                q.measure = "other"
                q.extra["not_a_count"] = "address"
                continue
            if _emergency_number(text, q):  # "a wounded girl calling 911"
                q.measure = "other"
                continue
            if _age_in_apposition(text, q):
                q.measure = "other"
                q.extra["not_a_count"] = "age"
                continue
            doc = self.doc(text[q.sentence_start:q.sentence_end])
            if doc is None:
                continue
            off = q.sentence_start
            nums = _numerals(doc, q)
            if not nums:
                continue
            num = nums[-1]
            if _is_age(num, text, off) or _age_as_complement(num):
                q.measure = "other"
                q.extra["not_a_count"] = "age"
                continue
            counted = _counted(num)
            if counted.lower_ == "bodies" and counted.i > num.i:
                # "Police found two bodies": the dead; "two possible legislative bodies": a modifier that is
                # no state of a corpse names some other body, unless the text tells of death
                modifiers = {c.lower_ for c in counted.children if c.dep_ in ("amod", "compound") and c.i < counted.i}
                dead = not (modifiers - CORPSE_STATES) or bool(DEATH_BESIDE_BODIES.search(text))
                q.measure = "killed" if dead else "other"
                q.extra["measure_basis"] = "grammar"
                continue
            if _of_a_parent(counted):
                # "a husband and father of two was shot and killed": the number counts the parent's
                # children, not whom it befell
                q.measure = "other"
                q.extra["not_a_count"] = "children of a parent"
                continue
            if _group_of_partitive(counted) and not self._harm_of_its_own(counted):
                # "Three of the 12 miners died", "None of the 30 passengers were hurt": what the sentence says
                # befell the three (or none), not the twelve; unless the group is said to have suffered it
                # itself ("two of the four men killed", "one of the four wounded")
                q.measure = "other"
                q.extra["not_a_count"] = "the group a partitive takes some of"
                continue
            if _animal(counted) and counted.i > num.i:
                # "the spill killed 300,000 fish", "two dogs were shot": no casualties of people
                q.measure = "other"
                q.extra["not_a_count"] = "animals"
                continue
            if counted.lower_ in WOUNDS and counted.i > num.i:
                # "the older man suffered two gunshot wounds": a count of wounds, not of people
                q.measure = "other"
                q.extra["not_a_count"] = "wounds"
                continue
            measure = self._measure_of(counted)
            if measure is None and counted.dep_ in ("appos", "conj") and counted.head.i != counted.i:
                # "All of the victims, two men and two women, were transported to hospitals": what befell
                # the noun an apposition or a list member hangs from befell the counted
                whole = counted
                while whole.dep_ in ("appos", "conj") and whole.head.i != whole.i and (
                        _pos(whole.head) in ("NOUN", "PROPN", "PRON") or whole.head.tag_ == "DT"):
                    whole = whole.head  # (not a verb: "arrested two men and killed three")
                if whole.i != counted.i:
                    measure = self._measure_of(whole)
            if measure is None and q.measure in CASUALTY and not q.extra.get("said_instead") and \
                    self._another_act(counted):
                # "police are searching for two men in connection with the crime": the cue that gave the
                # measure ("Four people were shot") is another clause's
                q.measure = "other"
                q.extra["not_a_count"] = "another act"
                continue
            acted = _agent(counted) or _acting_in_relative(counted)
            if measure is None and q.measure in CASUALTY and acted and not (
                    counted.tag_ in ("NN", "NNP") and (q.value_low or 0) > 1):  # (a plural count of a
                # singular noun is a parse gone wrong: "500 injured(an eyewitness informant reported")
                # "Two gunmen shot and killed a man", "Two officers found the man dead": the number
                # counts who acted on someone else, not whom it befell
                q.measure = "other"
                q.extra["not_a_count"] = "agent"
                continue
            if measure is None and q.measure in CASUALTY and VICTIMS_AFTER.match(text, q.end):
                if self._described(counted):
                    measure = "other"  # "Two of the victims were juveniles": who they are, not what befell them
                else:
                    victims = VICTIMS_AFTER.match(text, q.end)
                    measure = _victims_measure(text[q.sentence_start:q.sentence_end], victims.group(0))
                    if measure == "other":
                        q.extra["not_a_count"] = "victims, no harm said"
                    elif victims.group("of"):
                        # "seized firearms from two of his victims": no predicate says what befell the two;
                        # they are some of the victims, whose harm the sentence tells: a part, no toll
                        q.extra["part_of"] = victims.group(0)[victims.start("of") - victims.start():].strip()
            if measure:
                q.measure = measure
                q.extra["measure_basis"] = "grammar"
        _contrasted(text, qs)

    def _harm_of_its_own(self, group) -> bool:
        """Is the group itself said to have been killed or hurt: its noun ("of the four wounded") or a word
        that qualifies it ("of the four men killed", "of the 12 miners who died", "of the injured men")?"""
        if _lemma(group) in HARMED_NOUNS or group.lower_ in HARMED_NOUNS:
            return True   # the group is of the harmed by its noun ("of the five victims"): as before
        said = [group] + [w for c in group.children if c.dep_ in ("acl", "amod", "relcl") for w in c.subtree]
        return any((self.by_lemma.get(_lemma(w)) or self.by_lemma.get(w.lower_)) in CASUALTY for w in said)

    def _another_act(self, noun) -> bool:
        """Is `noun` the subject or object of an act that is no casualty and whose clause names none ("police
        are searching for two men in connection with the crime", "two men fled in a car")? Then a casualty
        cue elsewhere in the sentence is not said of it. Not for the nouns of the dead and wounded themselves
        ("the two victims were identified") nor under a verb of saying or of being."""
        if _lemma(noun) in HARMED_NOUNS or noun.lower_ in HARMED_NOUNS:
            return False
        if noun.dep_ in SUBJECTS | OBJECTS:
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i != noun.head.i:
            verb = noun.head.head
        else:
            return False
        if _pos(verb) != "VERB" or _lemma(verb) in NEUTRAL_VERBS or verb.lower_ in NEUTRAL_VERBS or \
                verb.dep_ not in CLAUSE_HEADS:
            return False  # (a verb the parser hung from a noun: the parse is too broken to tell)
        # its clause, without a coordinated verb's own clause ("Floods have displaced 10,000 people and
        # killed 14": the killing is the 14's, not the displaced's)
        others = [c for c in verb.children if c.dep_ == "conj" and _pos(c) == "VERB" and c.i > noun.i and
                  any(g.dep_ in OBJECTS | SUBJECTS or g.like_num for g in c.children)]
        clause = [t for t in verb.doc[verb.left_edge.i:verb.right_edge.i + 1]
                  if not any(o.left_edge.i <= t.i <= o.right_edge.i for o in others)]
        text = " ".join(t.text for t in clause)
        if CANDIDATE.search(text) or HOSPITAL.search(text):
            return False  # the clause tells of harm ("were fighting for their lives")
        return not any(self.by_lemma.get(_lemma(t)) or self.by_lemma.get(t.lower_) or _lemma(t) in FATAL or
                       _lemma(t) in HARMED_NOUNS or t.lower_ in HARMED_NOUNS or
                       t.lower_ in TO_HOSPITAL_VERBS or _lemma(t) in STRUCK_VERBS for t in clause)

    def _with_other_harm(self, pred, measure: str) -> bool:
        """'were killed or injured', 'left 300 dead or wounded': a predicate of the dead joined by `or` to
        one of the hurt (or the reverse) that has no subject, object or number of its own counts both
        together (not 'killing four and wounding two', 'three were killed and five injured')."""
        if not any(c.dep_ == "cc" and c.lower_ == "or" for c in pred.children):
            return False  # ("killed and injured" may be two counts; "hit by a car and killed" is how)
        for c in pred.children:
            if c.dep_ != "conj":
                continue
            other = self.by_lemma.get(_lemma(c)) or self.by_lemma.get(c.lower_)
            if other in ("killed", "injured") and other != measure and not any(
                    g.dep_ in SUBJECTS | OBJECTS or g.like_num or g.dep_ == "nummod" for g in c.children):
                return True
        return False

    def _described(self, noun) -> bool:
        """The subject of `be` with a noun or adjective that is no casualty word ('Two of the victims were
        juveniles', 'The other two victims were female civilians'): the sentence says what the counted
        people are, so a cue word in it ('victims') does not make the number a casualty count."""
        if noun.dep_ != "nsubj" or _lemma(noun.head) != "be":
            return False
        comps = [c for c in noun.head.children if c.dep_ in ("attr", "acomp")]
        if not comps:
            # 'The two victims were in the front seat of a car': where they were, unless the place is a
            # hospital or a condition ('were in critical condition', 'are at the hospital')
            where = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ in LOCATIVE]
            clause = _text_of(noun.head)
            return bool(where) and not CANDIDATE.search(clause) and not HOSPITAL.search(clause)
        return not any(self.by_lemma.get(_lemma(c)) or self.by_lemma.get(c.lower_) or
                       _lemma(c) in FATAL for c in comps)

    def _measure_of(self, noun) -> str | None:
        """What happened to `noun`: the measure of the predicate it depends on, if any."""
        for head in _predicates_of(noun):
            measure = self._predicate_measure(head, noun)
            if measure:
                # "threatened to kill two people": what was meant, not what happened
                return "other" if measure in CASUALTY and _intended(head) else measure
        return None

    def _predicate_measure(self, pred, victim) -> str | None:
        measure = self.by_lemma.get(_lemma(pred)) or self.by_lemma.get(pred.lower_) or _struck(pred)
        if measure is None:
            hurt = _to_hospital(pred, victim) or _suffered(pred, victim)
            if hurt:
                return hurt
        if measure is None and _lemma(pred) in STATE_VERBS and _in_condition(pred):
            # "five were in critical condition", "three others remained in serious condition", "are listed
            # in stable condition"
            return "injured"
        if measure is None and _lemma(pred) in STATE_VERBS and _in_hospital(pred):
            # "Two people have died and three are in hospital", "two others remain at the hospital"
            return "injured"
        if measure is None and (_lemma(pred) in STATE_VERBS or pred.lower_ in CUSTODY_VERBS) and _in_custody(pred) \
                and "detained" in self.predicates:
            # "A student is dead and two people are in police custody": the two are held, not dead
            return "detained"
        if measure is None and _lemma(pred) == "be":  # "three were dead"
            for c in pred.children:
                if c.dep_ in ("acomp", "attr") and (self.by_lemma.get(_lemma(c)) or
                                                    self.by_lemma.get(c.lower_)):
                    return self._predicate_measure(c, victim)
            among = self._among_the_harmed(pred)
            if among:
                return among[0]   # "five firefighters were among the dead": some of the dead
        if measure is None:
            return None
        if _lemma(pred) == "recover" and victim.dep_ != "nsubj":
            return None  # "two others are recovering"; not "police recovered two guns"

        # the agent of an active verb is the one who did it, not a victim: "a man shot two people"
        # (and of a relative clause whose subject is `who`: "the two men who killed the guard")
        acts = victim.dep_ == "nsubj" and victim.head.i == pred.i or \
            pred.dep_ == "relcl" and pred.head.i == victim.i and _relative_pronoun_subject(pred)
        if _pos(pred) == "VERB" and acts and measure in CASUALTY \
                and _lemma(pred) in ("shoot", "kill", "murder", "slay", "wound", "injure", "hurt", "stab", "beat", "maul") \
                and not any(c.dep_ == "auxpass" for c in pred.children) and not _headline_passive(pred):
            return None
        if measure in ("killed", "injured") and "killed_or_injured" in self.predicates and \
                self._with_other_harm(pred, measure):
            return "killed_or_injured"  # "300 people dead or wounded": the dead and the hurt together
        if measure in ("shot", "injured") and (_fatal(pred) or _dead_after(pred, victim)):
            return "killed"  # "shot dead", "stabbed to death"
        if measure == "shot" and _survived(pred):
            return "injured"
        return measure

    # --- counts written without numerals ------------------------------------------------------
    def implicit_counts(self, text: str, sentences: list[tuple[int, int]], qs: list[Quantity]) -> list[Quantity]:
        """Figures for victims counted without a numeral, in the candidate sentences."""
        # an age is no figure that a name's count would overlap ("12 year-old Spenson Bennett Jr. died")
        taken = [(q.start, q.end) for q in qs if not _age_in_apposition(text, q)]
        out: list[Quantity] = []
        for s0, e0 in sentences:
            sentence = text[s0:e0]
            doc = self.doc(sentence)
            if doc is None:
                continue
            seen: set[int] = set()
            found: list[tuple[int, int, float, str, str]] = []  # start, end, value, measure, qualifier
            derived: dict = {}   # span -> how its count was reckoned
            for m in MULTIPLE_MURDER_SUICIDE.finditer(sentence):
                found.append((m.start(), m.end(), float(MULTIPLE[m.group("n").lower()] + 1), "killed", "exact"))
            for m in MULTIPLE_CRIME.finditer(sentence):
                what = m.group("what").lower()
                measure = "shot" if what == "shooting" else "killed"
                found.append((m.start(), m.end(), float(MULTIPLE[m.group("n").lower()]), measure, "exact"))
            if not SENTENCE_CLOSE.search(sentence):  # a headline
                for m in HEADLINE_LIST.finditer(sentence):
                    parts = [_listed_count(x.group()) for x in LISTED_ONE.finditer(m.group("list"))]
                    if len(parts) >= 2 and None not in parts:
                        span = (m.start("list"), m.end("list"))
                        found.append((*span, float(sum(parts)), "killed", "exact"))
                        derived[span] = " + ".join(f"{v:g}" for v in parts)
            for m in MURDER_SUICIDE.finditer(sentence):
                if not ATTEMPTED_MURDER_SUICIDE.search(sentence):
                    found.append((m.start(), m.end(), 2.0, "killed", "at_least"))
            for m in ORDINAL_DEATH.finditer(sentence):
                group = next(g for g in ("n", "ne", "nb", "nf") if m.group(g))
                word = m.group(group).lower()
                n = ORDINAL_VALUE.get(word) or int(re.sub(r"\D", "", word))
                span = (m.start(group), m.end())
                found.append((*span, float(n), "killed", "exact"))
                # (it may hold the count before it: "a fourth victim, of a shooting that killed three, died")
                derived[span] = f"the {word} of the dead"
            for start, end, value, how, what in self._killed_in_all(doc, s0, qs):
                found.append((start, end, value, what, "exact"))
                if how:
                    derived[(start, end)] = how
            for start, end, value, what, how in _wounded_rest(text, s0, e0, qs):
                found.append((start, end, value, what, "exact"))
                if how:
                    derived[(start, end)] = how
            for m in OWN_LIFE.finditer(sentence):
                if not INTENT_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
                    found.append((m.start(), m.end(), 1.0, "killed", "exact"))
            for victim in _said_in_condition(doc):
                # "a 10-year-old girl is in critical condition", "... is at the hospital with
                # life-threatening injuries": said of a victim by a copula, no casualty verb
                count = _count_of(victim)
                if count is not None and victim.i not in seen:
                    seen.add(victim.i)
                    start, end = _span(victim, count)
                    found.append((start, end, float(count), "injured", "exact"))
            words = _words(doc)
            for i, (lower, lemma) in enumerate(zip(words.lower, words.lemma)):
                if not (lemma in self.by_lemma or lower in self.by_lemma or lemma in STRUCK_VERBS or
                        lower in STRUCK_VERBS or lower in TO_HOSPITAL_VERBS or lemma in TO_HOSPITAL_VERBS or
                        lower.rstrip("eds") in SUFFER):
                    continue  # no word of harm: nothing below reads it
                tok = doc[i]
                measure = self.by_lemma.get(_lemma(tok)) or self.by_lemma.get(tok.lower_) or _struck(tok)
                if measure is None and _pos(tok) == "VERB" and (tok.lower_ in TO_HOSPITAL_VERBS or
                                                                _lemma(tok) in TO_HOSPITAL_VERBS):
                    measure = "injured"  # "another woman was rushed to hospital": read per victim below
                sufferers = []
                if measure is None and _pos(tok) == "VERB" and tok.lower_.rstrip("eds") in SUFFER:
                    sufferers = [c for c in tok.children if c.dep_ == "nsubj"]  # "a woman sustained injuries"
                    measure = "injured"
                if measure not in CASUALTY or _pos(tok) not in ("VERB", "ADJ", "AUX") or _intended(tok):
                    continue
                for victim in sufferers or _victims(tok):
                    if victim.i in seen:
                        continue
                    count = _count_of(victim)
                    if count is None:
                        continue
                    what = self._predicate_measure(tok, victim) or (
                        measure if self.by_lemma.get(_lemma(tok)) or self.by_lemma.get(tok.lower_) or _struck(tok)
                        else None)
                    if what not in CASUALTY:
                        continue
                    seen.add(victim.i)
                    start, end = _span(victim, count)
                    found.append((start, end, float(count), what, "exact"))
            starts = {q.start for q in qs} | {q.start for q in out}
            for start, end, value, measure, qualifier in found:
                a, b = s0 + start, s0 + end
                if (start, end) not in derived and any(x < b and a < y for x, y in taken):
                    continue  # a numeral figure is there already (or a larger implicit one)
                if a in starts and not any(q.start == a and q.end < b for q in qs):
                    continue  # the same words read twice (a sum that is also a list of victims)
                for q in qs:  # one figure per start: an age the span begins with is left out of it
                    if q.start == a and q.end < b:
                        a = q.end + len(text[q.end:b]) - len(text[q.end:b].lstrip(" -"))
                taken.append((a, b))
                starts.add(a)
                high = None if qualifier == "at_least" else value
                q = Quantity(start=a, end=b, core_start=a, core_end=b, value_low=value, value_high=high,
                             qualifier=qualifier, unit="person", head=None, measure=measure,
                             sentence_start=s0, sentence_end=e0)
                q.extra["implicit"] = True
                q.extra["grammar_measure"] = measure
                q.hypothetical = POLAR_QUESTION.fullmatch(sentence) is not None
                if (start, end) in derived:
                    q.extra["derived"] = derived[(start, end)]
                out.append(q)
        return out

    def _killed_in_all(self, doc, s0: int, qs: list[Quantity]) -> list[tuple[int, int, float, str, str]]:
        """'A man fatally shot his wife and two young sons before killing himself': the dead of one
        killing add up over its coordinated objects (1 + 2), and a killer who then kills himself is one
        more (4). Each object must be countable: a numeral, a singular person ('his wife', a name) or
        `himself`; a plural without a numeral ('his family') stops the sum. Derived only when it adds
        something (two objects or more, or the killer's own death): the span runs from the verb to the
        last object, the provenance says how it was reckoned."""
        out = []
        words = _words(doc)
        for i, (pos, lemma) in enumerate(zip(words.pos, words.lemma)):
            if pos not in ("VERB", "ADJ", "NOUN") or (pos == "NOUN" and lemma.rstrip("s") not in DEATH_NOUNS and
                                                     words.lower[i] != "bodies"):
                continue  # neither a death, nor bodies, nor a predicate: nothing below reads it
            if not words.has_list and (pos == "ADJ" or (pos == "VERB" and not (
                    self.by_lemma.get(lemma) == "killed" or lemma in WOUNDING))):
                continue  # a list of victims needs a conjunct (or `along with`); without one only a killing
                # verb is read
            tok = doc[i]
            if _pos(tok) == "NOUN" and lemma.rstrip("s") in DEATH_NOUNS and not any(
                    c.lower_ in ("attempted", "attempt", "alleged") for c in tok.children):
                # "the deaths of a mother, son and girl"
                # ("in shooting death of 9-year-old girl": a headline the parser reads with `shooting` as
                # a verb whose object is `death`; the `of` then hangs from `shooting`)
                holder = tok.head if (tok.dep_ == "dobj" and tok.head.lower_ in ("shooting", "stabbing") and
                                      not any(c.lower_ == "of" for c in tok.children)) else tok
                objs = [g for c in holder.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
                if len(objs) == 1:  # "the shooting death of a 14-year-old boy" is one: a violent death only
                    violent = bool(VIOLENT.search(_text(doc)))  # (a death in custody is no casualty count)
                    self._add_up(tok, objs[0], s0, qs, out, suicide=False, single=tok.tag_ == "NN" and violent)
                continue
            if tok.lower_ == "bodies" and _pos(tok) == "NOUN":
                # "located the bodies of an 8-year-old child, a man and a woman": the dead, when the list
                # names people (a single body may be anyone's: that is the lexicon's to read)
                objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
                if len(objs) == 1:
                    self._add_up(tok, objs[0], s0, qs, out, suicide=False, persons_only=True)
                continue
            if _pos(tok) in ("VERB", "ADJ"):  # "two officers and a woman suffered gunshot wounds" = 3
                said_along = _along_with(tok) or (_along_with(tok.head) if tok.dep_ in ("oprd", "acomp", "xcomp")
                                                  else [])
                for subj in _victims(tok):
                    if tok.dep_ in ("amod", "acl") and subj.dep_ == "conj" and subj.i < tok.i:
                        # a predicate after a list is said of all of it ("found two men and a woman shot to
                        # death"): the parser hangs it on the last member
                        while subj.dep_ == "conj" and subj.head.i != subj.i:
                            subj = subj.head
                    # (the parser hangs `along with` from the verb or from the subject it follows)
                    along = said_along or _along_with(subj)
                    if (subj.dep_ in SUBJECTS or tok.dep_ in ("amod", "acl")) and subj.i < tok.i and (
                            any(c.dep_ == "conj" for c in subj.children) or (along and subj.dep_ in SUBJECTS)):
                        what = self._predicate_measure(tok, subj)
                        if what in CASUALTY:
                            self._add_up(tok, subj, s0, qs, out, suicide=False, measure=what,
                                         span=(subj.left_edge.i, None),
                                         along=along if subj.dep_ in SUBJECTS else ())
                if tok.lower_.rstrip("eds") in SUFFER:
                    for subj in (c for c in tok.children if c.dep_ == "nsubj" and any(
                            g.dep_ == "conj" for g in c.children)):
                        what = _suffered(tok, subj)
                        if what:
                            self._add_up(tok, subj, s0, qs, out, suicide=False, measure=what,
                                         span=(subj.left_edge.i, None))
            if _pos(tok) != "VERB" or not (self.by_lemma.get(lemma) == "killed" or (lemma in WOUNDING and _fatal(tok))):
                continue
            if any(c.dep_ == "auxpass" for c in tok.children):
                # "Four people were shot dead by a man who later killed himself": the killer is one more
                subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
                m = BY_WHO_SUICIDE.match(_text(doc), tok.idx + len(tok.text))
                if subj and m and not INCLUDING.search(_text(doc), tok.idx, m.end()):
                    nums = [c for c in subj[0].children if c.dep_ == "nummod"]
                    v = _figure_at(qs, s0 + nums[0].idx) if nums else None
                    if v:  # the span is the killer's own death: "who later killed himself"
                        out.append((m.start("who"), m.end("who"), v + 1.0, f"{v:g} + 1 (the killer)", "killed"))
                continue
            # (a relative pronoun is no second object: "a man who police say shot and killed his son")
            objs = [c for c in tok.children if c.dep_ in OBJECTS and c.tag_ not in ("WP", "WDT")]
            if len(objs) == 1:
                # "shot an 8-year-old boy and then himself": the parser hangs the elided second object
                # from the verb
                also = next((c for c in tok.children if c.lower_ in ("himself", "herself") and
                             c.dep_ in ("conj", "dep") and c.i > objs[0].i), None)
                # "killed a security guard along with four customers": those along with the object too
                along = [a for a in _along_with(tok) + _along_with(objs[0]) if a.i > objs[0].i]
                self._add_up(tok, objs[0], s0, qs, out, suicide=True, also_self=also, along=along)
        return out

    def _add_up(self, tok, first, s0: int, qs: list[Quantity], out: list, suicide: bool,
                single: bool = False, measure: str = "killed", span: tuple | None = None,
                also_self=None, persons_only: bool = False, along=()) -> None:
        """Sum the coordinated people from `first` on (see `_killed_in_all`), and those `along` with
        them ("a woman, along with her two children, was found dead"); append to `out`."""
        doc = tok.doc
        chain, node, pending = [], first, []
        while node is not None:
            chain.append(node)
            # (an apposition to a counted plural says who they are: "five victims, three adults and two
            # children" are five)
            counted = node.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" for c in node.children)
            # the next member: a conjunct of this one, or of an earlier one (the parser hangs the members of
            # "Amy and Lance Buckley and two daughters" all from the first)
            pending += [c for c in node.children if c.dep_ == "conj" or (
                c.dep_ == "appos" and not counted and any(g.dep_ == "conj" for g in c.children))]
            pending = sorted((c for c in pending if c.i > node.i), key=lambda t: t.i)
            node = pending.pop(0) if pending else None
            # a list ends at a dash, bar or colon ("deaths of woman, daughter - KLTV.com-Tyler, Longview");
            # not at the hyphen inside a word ("two teens and a 1-year-old boy")
            if node is not None and any(_list_break(t) for t in doc[chain[-1].i:node.i]):
                node = None
            # nor does a member that suffered something else ("found a man and a woman dead, as well as two
            # injured students"): the list of the dead ends before it
            if node is not None and _suffered_other(node, measure):
                node = None
        chain += [a for a in along if a.i > chain[-1].i]
        parts, selfs, animals = [], 0, False
        for n in chain:
            if _animal(n):
                animals = True
                continue   # "12 people and 3,000 cattle", "a man and his dog": animals are no people
            counted_last = n
            if n.lower_ in ("himself", "herself"):
                parts.append(1)
                selfs += 1
                continue
            if n.lower_ in ("he", "she") and n.dep_ in SUBJECTS:  # "she and her two sons were dead"
                parts.append(1)
                continue
            nums = [c for c in n.children if c.dep_ == "nummod" and c.i < n.i]
            if nums:
                # (a number word the figures left out is read here: "Three children and one adult")
                v = _figure_at(qs, s0 + nums[0].idx) or (UNITS.get(nums[0].lower_) or None)
                if v is None:
                    parts = []
                    break
                parts.append(v)
            elif _one_named(n):
                parts.append(1)
            elif n.dep_ == "conj" and n.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod") for c in n.children) \
                    and chain[0].dep_ in SUBJECTS and _singular_verb(tok):
                continue  # "a husband and father was shot": one person, whom two nouns describe
            elif n.tag_ in ("NN", "NNP") and (_lemma(n) in PERSON_SINGULAR or _year_old(n) or
                                              _pos(n) == "PROPN" and n.text[:1].isupper() or
                                              not persons_only and
                                              any(c.dep_ in ("det", "poss") for c in n.children) and not
                                              _happening(n) and n.lower_ not in COLLECTIVE):
                # what is killed is alive: a singular noun with a determiner is one ("a solicitor")
                parts.append(1)
            else:
                parts = []
                break
        if not parts or (len(parts) >= 3 and parts[0] == sum(parts[1:])):
            return  # (a count, then what it is made of: "five victims, three adults and two children")
        if also_self is not None:  # the killer named after the list: one more, and the list's end
            parts.append(1)
            selfs += 1
            chain.append(also_self)
        after = _text(doc)[tok.idx + len(tok.text):]
        killer = 0 if selfs or not suicide else (1 if SUICIDE_AFTER.match(after) else 0)
        if len(parts) < 2 and not killer and not ((single or animals) and parts == [1] and not selfs):
            return
        total = sum(parts) + killer
        how = " + ".join(f"{v:g}" for v in parts) + (" + 1 (the killer)" if killer else "") if len(parts) > 1 \
            or killer else ""
        last = chain[-1] if also_self is not None or not animals else counted_last
        start = tok.idx if span is None else doc[span[0]].idx
        if span is not None and doc[span[0]].like_num:  # one figure per start: begin after the numeral
            start = doc[span[0] + 1].idx
        out.append((start, last.idx + len(last.text), float(total), how, measure))

    def others_added(self, text: str, qs: list[Quantity]) -> list[Quantity]:
        """'One person was critically injured and three others suffered minor injuries', 'Jamia Barnes
        was shot in the wrist, and a 40-year-old woman was also wounded': two counts of one measure that
        the sentence adds ('and ... others', 'and ... also') make their sum (1 + 3), a count derived from
        the written ones, spanning from the `and` to the second, with the reckoning in `extra["derived"]`.
        Call after `refine` (the figures' measures are final)."""
        out: list[Quantity] = []
        by_sentence: dict = defaultdict(list)
        for q in qs:
            if q.measure in ("killed", "injured") and q.qualifier == "exact" and not q.hypothetical and \
                    q.value_low and q.value_low == q.value_high and not q.extra.get("derived") and \
                    not q.extra.get("died_apart"):
                by_sentence[(q.sentence_start, q.sentence_end)].append(q)
        taken = {q.start for q in qs}
        for (s0, e0), figures in by_sentence.items():
            figures.sort(key=lambda q: q.start)
            for a, b in zip(figures, figures[1:]):
                link = ADDED_BY_AND.fullmatch(text, a.end, b.start)
                if a.measure != b.measure or not link or link.start("and") in taken or not (
                        OTHERS_AFTER.match(text, b.end) or ALSO_AFTER.match(text, b.end, e0)):
                    continue
                total = a.value_low + b.value_low
                q = Quantity(start=link.start("and"), end=b.end, core_start=link.start("and"), core_end=b.end,
                             value_low=total, value_high=total, qualifier="exact", unit="person",
                             measure=a.measure, sentence_start=s0, sentence_end=e0, attribution=a.attribution,
                             attribution_kind=a.attribution_kind, uncertain=a.uncertain or b.uncertain)
                q.extra.update(implicit=True, grammar_measure=a.measure,
                               derived=f"{a.value_low:g} + {b.value_low:g}")
                taken.add(q.start)
                out.append(q)
        return out

    def died_apart_added(self, text: str, qs: list[Quantity]) -> list[Quantity]:
        """'Nine workers died on the spot and two succumbed on the way to hospital', 'Five died at the
        scene, one died while being taken to hospital and two more succumbed late at night', '19 people
        died on the spot while four succumbed on the way': the dead of one toll counted where or when
        each died (at the scene, then in hospital). Their sum is the toll (9 + 2), a count derived from
        the written ones spanning them, with the reckoning in `extra["derived"]`; each written count is
        a part of it (`part_of`). The counts follow each other in one sentence, each the subject of a
        verb of dying with its place or time, one at the scene and one later. Call after `refine`."""
        out: list[Quantity] = []
        by_sentence: dict = defaultdict(list)
        for q in qs:
            if q.measure == "killed" and q.qualifier == "exact" and not q.hypothetical and \
                    q.extra.get("part_of") in (None, MORE_THAN_BEFORE) and \
                    q.value_low and q.value_low == q.value_high and not q.extra.get("derived"):
                by_sentence[(q.sentence_start, q.sentence_end)].append(q)
        for (s0, e0), figures in by_sentence.items():
            figures.sort(key=lambda q: q.start)
            run: list[Quantity] = []
            places: list[str] = []    # where or when each of the run died
            for q in figures + [None]:
                died = q is not None and DIED_WHERE_AFTER.match(text, q.end, e0)
                if died and (not run or DEATH_LINK.fullmatch(text, run[-1].end, q.start)):
                    run.append(q)
                    places.append(died.group("where").lower())
                    continue
                if len(run) >= 2 and any(SCENE.search(w) for w in places) and any(not SCENE.search(w) for w in places):
                    total = sum(r.value_low for r in run)
                    sum_q = Quantity(start=run[0].start, end=run[-1].end, core_start=run[0].start,
                                     core_end=run[-1].end, value_low=total, value_high=total, qualifier="exact",
                                     unit="person", measure="killed", sentence_start=s0, sentence_end=e0,
                                     attribution=run[0].attribution, attribution_kind=run[0].attribution_kind,
                                     uncertain=any(r.uncertain for r in run))
                    sum_q.extra.update(implicit=True, grammar_measure="killed",
                                       derived=" + ".join(f"{r.value_low:g}" for r in run))
                    for r in run:
                        r.extra["part_of"] = f"the {total:g} dead"
                        r.extra["died_apart"] = True   # (summed here: not again by `others_added`)
                    out.append(sum_q)
                run, places = ([q], [died.group("where").lower()]) if died else ([], [])
        return out

    def killer_added(self, text: str, qs: list[Quantity]) -> list[Quantity]:
        """'Four people were shot dead, then the gunman killed himself', 'shot his family, killing 3, then
        killed himself': the dead are the counted victims and the killer (4 + 1), a count derived from the
        written one, spanning the clause of the killer's death, with the reckoning in `extra["derived"]`
        and the written figure's source. Not when the sentence counts the killer already ('5 dead,
        including the gunman'). Call after `refine` (the written figures' measures are final)."""
        out: list[Quantity] = []
        by_sentence: dict = defaultdict(list)
        for q in qs:
            # (or one victim counted without a numeral, not the killer: "Hernandez was shot and killed by
            # her mother's ex-boyfriend before he killed himself": no one is killed before killing himself)
            named_victim = q.extra.get("implicit") and not q.extra.get("derived") and \
                not OWN_DEATH.search(text, q.start, q.end)
            if q.measure == "killed" and q.qualifier == "exact" and (not q.extra.get("implicit") or named_victim) \
                    and not q.hypothetical and q.value_low and q.value_low == q.value_high:
                by_sentence[(q.sentence_start, q.sentence_end)].append(q)
        taken = {q.start for q in qs}
        for (s0, e0), figures in by_sentence.items():
            first = min(f.end for f in figures)
            m = KILLER_DIED.search(text, first, e0)
            if not m or INCLUDING.search(text, s0, e0) or m.start() in taken:
                continue
            base = max((f for f in figures if f.end <= m.start()), key=lambda f: f.value_low, default=None)
            if base is None or any(o.extra.get("derived") and o.sentence_start == s0 and (
                    o.value_low == base.value_low + 1 or
                    ("(the killer)" in str(o.extra["derived"]) and o.value_low > base.value_low)) for o in qs):
                continue  # (the sum of one killing's objects has counted the killer already)
            q = Quantity(start=m.start(), end=m.end(), core_start=m.start(), core_end=m.end(),
                         value_low=base.value_low + 1, value_high=base.value_low + 1, qualifier="exact",
                         unit="person", measure="killed", sentence_start=s0, sentence_end=e0,
                         attribution=base.attribution, attribution_kind=base.attribution_kind,
                         uncertain=base.uncertain)
            q.extra.update(implicit=True, grammar_measure="killed", derived=f"{base.value_low:g} + 1 (the killer)")
            out.append(q)
        return out

    def mark_parts(self, text: str, qs: list[Quantity]) -> None:
        """A written count that is one part of a larger group the sentence names gets the group in
        `extra["part_of"]` (in place): a partitive whose group is said to have suffered the same thing
        ("two of the four men killed", "two of those killed", "Four of five dead"), or one member of a
        list of people ("a man and two women were killed", "Amy and Lance Buckley and two daughters
        dead": the 2 counts the daughters only). Such a count is no toll. Call after `refine` (the
        measures are final)."""
        by_sentence: dict = defaultdict(list)   # (a page of thousands of figures stays linear)
        for o in qs:
            by_sentence[o.sentence_start].append(o)
        counted_before: set = set()             # measures counted so far in the passage
        for q in sorted(qs, key=lambda o: o.start):
            before = q.measure in counted_before
            if q.value_low:
                counted_before.add(q.measure)
            if q.extra.get("implicit") or q.layout or q.measure not in CASUALTY or q.value_low is None:
                continue
            group = _partitive_figure(text, q, by_sentence[q.sentence_start])
            if group is None and before and (MORE_AFTER.match(text, q.end) or MORE_BEFORE.search(
                    text, max(0, q.start - 20), q.start)):
                # an increment after a count of the same ("killed two ... before killing two more", "found two
                # more dead"): some of the counted; not "Ortiz died, three more people are at a hospital"
                group = MORE_THAN_BEFORE
            if group is None and STILL_AFTER.match(text, q.end, q.sentence_end):
                # "14 were injured ..., and 3 remain in hospital", "two of them are still in hospital": those
                # still in the state the larger count before it told of are some of them
                group = _whole_before(text, q, by_sentence[q.sentence_start])
            if group is None and (INCLUDED_BEFORE.search(text, max(q.sentence_start, q.start - 25), q.start) or (
                    _who_of_them(text, q.end) and text[max(q.sentence_start, q.start - 2):q.start].strip() == ",")):
                # ("Eight workers, six of them women, were killed": who some of the counted are)
                # "Five people, including two children, were killed", "Seven were killed, among them three
                # officers": a larger count of the same before it in the sentence is the whole
                group = _whole_before(text, q, by_sentence[q.sentence_start])
            if group is None:
                doc = self.doc(text[q.sentence_start:q.sentence_end])
                if doc is None:
                    continue
                nums = _numerals(doc, q)
                if not nums:
                    continue
                group = self._partitive_group(nums[-1], q.measure) or _people_listed(nums[-1])
                counted = _counted(nums[-1])
                if group is None and counted.dep_ in SUBJECTS | {"attr"} and _lemma(counted.head) == "be":
                    # "five firefighters were among the dead", "Among the dead were four children"
                    among = self._among_the_harmed(counted.head)
                    group = among[1] if among and among[0] == q.measure else None
                with_subject = _with_the_subject(counted) if group is None else None
                if with_subject and self._predicate_measure(*with_subject) == q.measure:
                    # "the couple were found dead alongside their two daughters": some of the dead
                    group = f"with {_text_of(with_subject[1])}"
                if group is None and _included(nums[-1]):
                    # a later member of the list `including` introduces ("Six members of a family, including
                    # four children and two adults, were shot dead": the 2 counts the adults among the six)
                    group = _whole_before(text, q, by_sentence[q.sentence_start])
            if group is not None:
                q.extra["part_of"] = group

    def _among_the_harmed(self, pred) -> tuple[str, str] | None:
        """(measure, group as written) for `be` with `among` a group said to have suffered something:
        "were among the dead", "was among those killed", "are among the injured"."""
        for prep in pred.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("among", "amongst"):
                continue
            for group in prep.children:
                if group.dep_ != "pobj":
                    continue
                said = [group] + [c for c in group.children if c.dep_ in ("acl", "amod", "relcl")]
                for w in said:
                    measure = self.by_lemma.get(_lemma(w)) or self.by_lemma.get(w.lower_) or (
                        "killed" if w is group and (_lemma(w) in DEAD_NOUNS or w.lower_ in DEAD_NOUNS) else None)
                    if measure in CASUALTY:
                        return measure, group.doc[prep.i:group.right_edge.i + 1].text
        return None

    def _partitive_group(self, num, measure: str) -> str | None:
        """'two of those killed', 'two of the four men killed', 'one of the dead': the group after `of`,
        when it is said to have suffered `measure` (not "two of them fatally": `them` are the shot)."""
        for prep in num.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for group in prep.children:
                if group.dep_ != "pobj":
                    continue
                said = [group] + [c for c in group.children if c.dep_ in ("acl", "amod", "relcl")]
                if any((self.by_lemma.get(_lemma(w)) or self.by_lemma.get(w.lower_)) == measure for w in said):
                    return group.doc[prep.i + 1:group.right_edge.i + 1].text
        return None

    def restore_implicit(self, qs: list[Quantity]) -> None:
        """The lexicon pass may have re-read an implicit count's measure: the grammar's stands.

        A crime named with an open count ("murder-suicide": at least 2) is no figure of its own in
        a sentence that counts the dead with a numeral ("Four people died in a murder-suicide"):
        the numeral says how many, the compound what happened. Such figures leave `qs` (in place)."""
        drop = []
        for q in qs:
            if q.extra.get("implicit"):
                q.measure = q.extra["grammar_measure"]
                if q.qualifier == "at_least" and any(
                        o is not q and (not o.extra.get("implicit") or "derived" in o.extra) and
                        o.measure == q.measure and
                        o.sentence_start == q.sentence_start and o.value_low is not None for o in qs):
                    drop.append(q)
        if drop:
            qs[:] = [q for q in qs if not any(q is d for d in drop)]


# "Four of five dead", "two of the four killed": a count, `of`, and the count of its group
PARTITIVE_OF = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+|all\s+)?$", re.I)
# what the group after the partitive suffered, said right after its count ("of five dead") or in a reduced
# relative after its noun ("two of four people reportedly found dead"); not by a verb of its own ("four of five
# victims were killed" tells what befell the four)
GROUP_SUFFERED = re.compile(r"(?:\s+(?!(?:were|was|are|is|have|has|had|been|be|being)\b)[a-z]+)?(?:\s+[a-z]+ly)?"
                            r"(?:\s+(?:found|left|reported|confirmed|pronounced|listed|believed))?"
                            r"\s+(?:dead|killed|slain|injured|wounded|hurt)\b", re.I)


def _partitive_figure(text: str, q: Quantity, sentence_qs: list[Quantity]) -> str | None:
    """The group of a count written as a part of another count of its sentence that is said to have
    suffered the same ("Four of five dead": the 4 are of the 5 dead), as written from `of`; None otherwise
    ("four of the five victims were shot to death" says what befell the four, not the five)."""
    for o in sentence_qs:
        if o is not q and o.start > q.end and o.measure == q.measure and not o.extra.get("implicit") \
                and PARTITIVE_OF.fullmatch(text, q.end, o.start):
            said = GROUP_SUFFERED.match(text, o.end)
            return text[q.end:said.end()].strip() if said else None
    return None


MORE_THAN_BEFORE = "more than those told before"   # the group of an increment ("two more")
OF_THEM_NOUN = re.compile(r"\s+of\s+(?:them|whom)\s+([a-z]+)\b", re.I)


def _who_of_them(text: str, end: int) -> bool:
    """'six of them women', 'two of whom children': who some of the counted are (a noun of people after
    'of them'), not what befell them ('two of them fatally')."""
    m = OF_THEM_NOUN.match(text, end)
    return bool(m) and m.group(1).lower() in PERSON_NOUNS


LIST_ALTERNATIVES = {"or", "nor", "but"}
LOCATIVE = {"in", "at", "on", "inside", "outside", "near", "behind", "under", "by"}
# a count of more of the same: "two more dead", "four more bodies"; "another two victims"
MORE_AFTER = re.compile(r"\s+more\b(?!\s+than\b)", re.I)
MORE_BEFORE = re.compile(r"\b(?:another|an\s+additional|additional)\s+$", re.I)
# a count still in a state (after its noun, if any): "3 remain in hospital", "two people are still hospitalised"
STILL_AFTER = re.compile(r"(?:\s+(?:of\s+(?:them|those|whom)|[a-z]+))?\s+"
                         r"(?:remains?|remained|(?:are|were|is|was)\s+still)\b", re.I)
# adjectives of harm, and the measure each says
MEASURE_OF_ADJECTIVE = {"dead": "killed", "slain": "killed", "killed": "killed", "murdered": "killed",
                        "deceased": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured"}
CASUALTY_ADJECTIVES = frozenset(MEASURE_OF_ADJECTIVE)


DEFINITE = {"the", "these", "those", "this", "that"}
PARTITIVE_HEADS = {"none", "neither", "either", "all", "some", "most", "many", "each", "both", "several", "half",
                   "few", "one", "any",
                   # a share of the group: "two-thirds of the 300 passengers", "40 percent of the 1,200 workers"
                   "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "majority",
                   "minority", "percent", "per cent", "%", "dozens", "scores", "hundreds", "thousands"}


def _group_of_partitive(noun) -> bool:
    """Is `noun` the group after `of` that a number or quantifier takes some of ("three of the 12 miners",
    "none of the 30 passengers")?"""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    # a definite group ("of the", "of his", "of those"); "33 of 33 6 members" is a gallery's numbering
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children):
        return False
    head = noun.head.head
    # the part is what a verb tells of (its subject or object): "three of the 12 miners died", "the gunman
    # killed two of the five hostages"; not "the names of four of the five people found shot" (a reduced
    # relative the parser may hang elsewhere tells of the group)
    return head.i != noun.head.i and head.i < noun.i and (head.like_num or head.lower_ in PARTITIVE_HEADS) and \
        head.dep_ in SUBJECTS | OBJECTS


def _whole_before(text: str, q: Quantity, sentence: list[Quantity]) -> str | None:
    """The larger count of the same measure before `q` in its sentence (the whole `q` is a part of), as
    written; None if there is none."""
    whole = [o for o in sentence if o.end <= q.start and o.measure == q.measure and o.value_low is not None
             and o.value_low > q.value_low and not o.layout]
    return text[whole[-1].start:whole[-1].end] if whole else None


INCLUSION_WORDS = {"including", "among", "amongst"}


def _included(num) -> bool:
    """Is the noun `num` counts, or the list it is a member of, the object of `including` or `among` (a
    subset of the noun that word hangs from)?"""
    node = _counted(num)
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ in ("pobj", "dobj") and node.head.lower_ in INCLUSION_WORDS and node.head.i != node.i


def _people_listed(num) -> str | None:
    """The list of people the noun `num` counts is one member of ("a man and two women", "Amy and Lance
    Buckley and two daughters"), as written; None when the noun stands alone, the list offers
    alternatives ("two or three people"), or a member is no person ("two men and their cars")."""
    counted = _counted(num)
    if counted is num or not _a_person(counted) or any(
            c.dep_ in ("relcl", "appos") or (c.dep_ in ("acl", "amod") and c.i < counted.i and
                                             c.lower_ in CASUALTY_ADJECTIVES)
            for c in counted.children):
        # a count with a predicate of its own tells its own ("including two men who were killed and two
        # officers who were wounded", "a woman and two slain victims"); one with an apposition is the whole
        # its apposition breaks down ("the four victims, three women and one man")
        return None
    head = counted
    while (head.dep_ == "conj" or _listed_apposition(head)) and head.head.i != head.i:
        head = head.head
    members, todo = [], [head]
    while todo:
        node = todo.pop()
        members.append(node)
        todo.extend(c for c in node.children if c.dep_ == "conj" or _listed_apposition(c))
    if len(members) < 2 or any(c.dep_ == "cc" and c.lower_ in LIST_ALTERNATIVES for m in members for c in m.children):
        return None
    if not all(m.i == counted.i or (_a_person(m) and m.dep_ != "pobj") for m in members):
        return None  # (a place after a preposition is no member: "In Gary, five people, including ...")
    members.sort(key=lambda t: t.i)
    if counted.i != members[-1].i and any(c.dep_ in ("acl", "amod") and c.i > counted.i for c in counted.children):
        return None  # a participle of its own before the list goes on ("two men shot dead and a woman ...")
    # (a participle after the last member is said of the whole list: "Parents, 2 children dead")
    counts = [_written_count(m) if m.i == members[0].i else _member_count(m) for m in members]
    if counted.i == members[0].i and None not in counts and counts[0] == sum(counts[1:]):
        return None  # a count, then what it is made of: "the four victims, three women and one man",
        #              "Five people, four men and a woman, were killed"

    return num.doc[members[0].left_edge.i:members[-1].i + 1].text


ALONG = {"along", "together"}


def _along_with(pred) -> list:
    """The people a predicate's subject is said to be 'along with', 'together with' or 'alongside' ("Stephen and
    Katie Stay, along with four juvenile victims, were killed"): the same befell them."""
    withs = []
    for c in pred.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ in ALONG:       # `along` the preposition, `with` under it
            withs += [w for w in c.children if w.dep_ == "prep" and w.lower_ == "with"]
        elif c.lower_ == "with" and any(a.dep_ == "advmod" and a.lower_ in ALONG for a in c.children):
            withs.append(c)         # `with` the preposition, `together` its adverb
        elif c.lower_ == "alongside":
            withs.append(c)         # "found dead alongside their two daughters"
    return [g for w in withs for g in w.children if g.dep_ == "pobj" and _a_person(g)]


def _with_the_subject(noun) -> tuple | None:
    """(predicate, its subject) when a noun is said to be 'along with' or 'alongside' the subject of a
    predicate ("The couple were found dead alongside their two daughters"); else None."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None:
        return None
    pred = prep.head.head if prep.lower_ == "with" and prep.head.lower_ in ALONG else prep.head
    for p in (pred, pred.head):
        if any(w.i == noun.i for w in _along_with(p)):
            subjects = [c for c in p.children if c.dep_ in SUBJECTS]
            if not subjects:
                return None
            # the state said of the subject: "found dead" says it in the complement of `found`
            states = [c for c in p.children if c.dep_ in ("oprd", "acomp", "xcomp")]
            return (states[0] if states else p), subjects[0]
    return None


def _suffered_other(noun, measure: str) -> bool:
    """Does a list member carry a word of harm of another measure than the list's ("two injured
    students" in a list of the dead)?"""
    return any(c.dep_ in ("amod", "acl") and MEASURE_OF_ADJECTIVE.get(c.lower_, measure) != measure
               for c in noun.children)


def _listed_apposition(noun) -> bool:
    """An apposition that cannot name the same people as its head, so it is the next member of a list
    written with commas ("his wife, 2 sons, then himself"): a counted plural after a singular, or after a
    plural in a headline, where a comma stands for `and`."""
    if noun.dep_ != "appos" or noun.tag_ not in ("NNS", "NNPS") or not any(c.dep_ == "nummod" for c in noun.children):
        return False
    if noun.head.tag_ in ("NN", "NNP"):
        # (a head with conjuncts is several people: "Cathy and Mike Scott, two of four people")
        return not any(c.dep_ == "conj" for c in noun.head.children)
    # a headline's comma is its `and`: "Parents, 2 children dead in murder-suicide"
    return noun.head.tag_ in ("NNS", "NNPS") and not SENTENCE_CLOSE.search(_text(noun.doc))


def _written_count(noun) -> float | None:
    """The number written before a noun ("three women": 3), None when there is none."""
    for c in noun.children:
        if c.dep_ == "nummod" and c.i < noun.i:
            if c.lower_ in UNITS:
                return float(UNITS[c.lower_])
            try:
                return float(c.text.replace(",", ""))
            except ValueError:
                return None
    return None


def _member_count(noun) -> float | None:
    """How many a member of a list of people is: its written number, else one for a singular noun with
    "a", "an" or "one" ("four men and a woman": 1)."""
    written = _written_count(noun)
    if written is not None:
        return written
    if noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in noun.children):
        return 1.0
    return None


def _a_person(noun) -> bool:
    """A person, or people: a person noun ("two daughters", "her husband"), a name, a personal pronoun."""
    if noun.lower_ in ("he", "she", "they", "him", "her", "them", "himself", "herself", "themselves"):
        return True
    if _pos(noun) == "PROPN":
        return noun.text[:1].isupper()
    return _pos(noun) == "NOUN" and _lemma(noun) in PERSON_SINGULAR


CORPSE_STATES = {"dead", "charred", "burned", "burnt", "decomposed", "decomposing", "lifeless", "mutilated",
                 "bloodied", "headless", "frozen", "more", "other", "additional", "unidentified"}
# a word of death other than `bodies` (which also names councils, students, stars)
DEATH_BESIDE_BODIES = re.compile(r"\b(?:kill\w*|murder\w*|homicides?|slay\w*|slain|fatal\w*|dead|died|dies|deaths?|"
                                 r"deceased|shot|shooting|stabb\w*|missing|remains|coroner|morgue|autops\w*)\b", re.I)
# a count of `victims` that no predicate reads ("the four victims were identified", "one of the three
# victims"): the noun says they were harmed, not how. A word of death in the sentence makes them the dead, a
# word of wounds or care (and none of death) the wounded; victims found with neither are the dead ("she
# discovered the four victims"); otherwise the count is of who they are
VICTIMS_DEAD = re.compile(r"\b(?:kill\w*|murder\w*|homicides?|slay\w*|slain|fatal\w*|deadly|dead|died|dies|deaths?|"
                          r"deceased|bodies|perished|executed|massacr\w*|lost\s+their\s+lives|coroner|morgue|autops\w*|buri(?:ed|al)|"
                          r"funerals?|memorials?|vigils?)\b", re.I)
VICTIMS_HURT = re.compile(r"\b(?:injur\w*|wound\w*|hurt|hospitali[sz]\w*|treated|condition|survive\w*|recover\w*)\b",
                          re.I)
VICTIMS_FOUND = re.compile(r"\b(?:found|discover\w*|located)\b", re.I)


def _victims_measure(sentence: str, victims: str = "") -> str:
    """The measure of a count of victims that no predicate reads (VICTIMS_DEAD above): killed, injured, shot
    or other. `victims`: the words of the noun ("shooting victims": the shot, dead or wounded, when the
    sentence says neither)."""
    if VICTIMS_DEAD.search(sentence):
        return "killed"
    if VICTIMS_HURT.search(sentence) or HOSPITAL.search(sentence):
        return "injured"
    if SHOOTING_VICTIMS.search(victims):
        return "shot"  # "First responders located seven shooting victims": shot, the outcome untold
    return "killed" if VICTIMS_FOUND.search(sentence) else "other"


SHOOTING_VICTIMS = re.compile(r"\b(?:shooting|gunshot|gunfire|gun)\s+victims?\b", re.I)


# any word that tells of a death: a document with none of them reports no death
ANY_DEATH = re.compile(r"\b(?:kill\w*|murder\w*|homicides?|manslaughter|slay\w*|slain|fatal\w*|deadly|dead|"
                       r"die|died|dies|dying|deaths?|deceased|succumb\w*|perish\w*|bodies|body\s+(?:of|was|were|has|had|is|found|recovered|discovered|pulled|lay|lying)|corpses?|"
                       r"lost\s+(?:his|her|their)\s+li(?:fe|ves)|(?:did\s+not|didn[’']t)\s+survive|"
                       r"own\s+li(?:fe|ves)|suicide|mortally|obituar\w*|funeral|(?-i:memorial)|vigil)\b", re.I)
# ('memorial' in lower case: a 'Memorial Hospital', 'Memorial Day' tell of no death; 'the body' as the
# place of a wound neither: 'gunshot wounds to the body')
NO_DEATH_REPORTED = "shot; the document reports no death"


def shot_and_survived(texts: list[str], qs: list[Quantity]) -> None:
    """In a document that tells of no death anywhere (no word of ANY_DEATH in any passage), the people
    it says were shot survived the shooting, as far as it reports: its `shot` figures become `injured`
    (in place), with the reckoning in `extra["derived"]` (the claim's `reckoning` column). One word of
    death anywhere, even about someone else, leaves every figure as it is."""
    shot = [q for q in qs if q.measure == "shot" and not q.hypothetical and q.value_low]
    if not shot or any(ANY_DEATH.search(t) for t in texts):
        return
    for q in shot:
        q.measure = "injured"
        q.extra["derived"] = NO_DEATH_REPORTED
        if q.extra.get("implicit"):
            q.extra["grammar_measure"] = "injured"


def died_where_taken(text: str, qs: list[Quantity]) -> None:
    """'A man was shot and taken to a hospital, where he died': the shot (or hurt) counted before such a
    clause died; `he`/`she` for one, `they`/`both`/`all ...` for more. Sets the measure (in place)."""
    for q in qs:
        if q.measure not in ("shot", "injured") or q.hypothetical or q.value_low is None or \
                q.value_low != q.value_high:
            continue
        m = WHERE_DIED.match(text, q.end, q.sentence_end)
        if m is None or _another_count(qs, q, m):
            continue
        one = m.group("who").lower() in ("he", "she")
        if one == (q.value_low == 1):
            q.measure = "killed"
            q.extra["measure_basis"] = "grammar"


def _another_count(qs: list[Quantity], q: Quantity, m: re.Match) -> bool:
    """Another figure, or another clause with a subject of its own ('A man was shot, and a woman was
    taken to a hospital, where she died'), between the count and its 'where ... died': the clause is
    that one's."""
    if NEW_SUBJECT.search(m.string, q.end, m.start("who")):
        return True
    return any(o is not q and q.end <= o.start < m.start("who") for o in qs)


NEW_SUBJECT = re.compile(r"[,;]\s*(?:and|but|while)\s+(?:a|an|the|his|her|their|another|one|two|three|four|five|"
                         r"[A-Z]\w+)\b")


def _wounded_rest(text: str, s0: int, e0: int, qs: list[Quantity]) -> list[tuple[int, int, float, str, str]]:
    """'Six people were shot, two of them fatally': the shot who did not die were wounded, a figure
    derived from the two written ones (6 - 2 = 4 injured). Its span is the word `shot` (the figures
    around it keep their own clauses), its provenance (`extra["derived"]`) says how it was reckoned.
    Both figures must be exact and the second smaller than the first. A `one` there ("three people
    were shot, one fatally") is a count of the dead too. A vague first figure ("Several people were
    shot, two of them fatally") is read the same way, the shot and the dead, with no wounded reckoned
    (several less two is no number). (start, end, value, measure, provenance) in sentence offsets."""
    mine = sorted((q for q in qs if s0 <= q.start and q.end <= e0 and q.value_low is not None and (
                   q.qualifier == "exact" and q.value_low == q.value_high or _vague_amount(q))),
                  key=lambda q: q.start)
    out = []
    for a, b in zip(mine, mine[1:] + [None]):
        if a.unit not in (None, "person") or b is not None and _vague_amount(b):
            continue
        upto = b.start if b is not None else e0
        one = ONE_AFTER_SHOT.search(text, a.end, upto)  # "Three people were shot, one fatally": `one`
        if one is not None:                               # is no figure of its own
            m, k, k_end = SHOT_THEN.match(text[a.end:one.start()]), 1.0, one.end()
        elif b is not None:
            m, k, k_end = SHOT_THEN.match(text[a.end:b.start]), b.value_low, b.end
        else:
            continue
        if not m:
            continue
        f = FATAL_AFTER.match(text, k_end, min(e0, k_end + 60))
        if not f or not (_vague_amount(a) or 0 <= k < a.value_low):
            continue
        a.extra["count_of"] = "shot"  # the grammar's reading of both
        if one is None:
            b.extra["count_of"] = "killed"
        if _vague_amount(a):
            if one is not None:
                out.append((one.start() - s0, one.end() - s0, 1.0, "killed", ""))
            continue
        rest = a.value_low - k
        at = a.end + m.start("shot") - s0
        out.append((at, at + len("shot"), float(rest), "injured", f"{a.value_low:g} shot - {k:g} dead"))
        if one is not None:
            out.append((one.start() - s0, one.end() - s0, 1.0, "killed", ""))
    # "two of the four shooting victims had died": the others of the shot survived
    for a, b in zip(mine, mine[1:]):
        m = PARTITIVE_DIED.match(text[a.end:b.start])
        if not m or not FATAL_AFTER_PARTITIVE.match(text, b.end, min(e0, b.end + 60)) or \
                not 0 <= a.value_low < b.value_low:
            continue
        a.extra["count_of"], b.extra["count_of"] = "killed", "shot"
        f = FATAL_AFTER_PARTITIVE.match(text, b.end)
        out.append((f.start("what") - s0, f.end() - s0, b.value_low - a.value_low,
                    "injured", f"{b.value_low:g} shot - {a.value_low:g} dead"))
    return out


def _vague_amount(q: Quantity) -> bool:
    """A vague amount with a lower bound only: "several", "dozens"."""
    return q.qualifier == "vague" and q.value_low is not None and q.value_high is None


CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though)\b", re.I)


def _contrasted(text: str, qs: list[Quantity]) -> None:
    """'at least 64 people had been shot, while the authorities maintained only 15 fatalities':
    two figures set against each other by a contrastive conjunction in one sentence count the same
    thing, so a 'shot' figure set against a death toll is a death toll."""
    for q in qs:
        if q.measure != "shot":
            continue
        for other in qs:
            if other is q or other.measure != "killed" or other.sentence_start != q.sentence_start:
                continue
            a, b = sorted((q.end, other.start)) if q.end <= other.start else sorted((other.end, q.start))
            if CONTRAST.search(text, a, b):
                q.measure = "killed"
                break


def _counts_things(q: Quantity) -> bool:
    """A count of people or things (not money, time, a percent or a length): its unit is none,
    'person', or the noun it counts ('two others' -> 'other')."""
    return q.unit in (None, "person") or (q.head is not None and q.head.startswith(q.unit))


@lru_cache(maxsize=65536)
def _wanted(sentence: str) -> bool:
    """Is the sentence worth parsing: it holds a casualty word (or counted victims) and is English-like."""
    if len(sentence) > MAX_PARSE_CHARS or not (CANDIDATE.search(sentence) or ORDINAL_DEATH.search(sentence) or (
            VICTIMS.search(sentence) and NUMBERISH.search(sentence))):
        return False
    letters = [c for c in sentence[:300] if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.8 * len(letters)  # an English parser


# "a father of two", "mother of three children", "grandmother of 12": the count is of the parent's children
PARENT_NOUNS = {"father", "mother", "parent", "grandfather", "grandmother", "grandparent", "stepfather",
                "stepmother", "dad", "mom", "mum", "great-grandmother", "great-grandfather"}


def _of_a_parent(counted) -> bool:
    """Is the counted noun (or the number itself) the complement of `of` after a noun of parenthood?"""
    prep = counted.head
    if counted.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return False
    # (the parser hangs the `of` of "a husband and father of two" from the first member of the list)
    owners = [prep.head, *(c for c in prep.head.children if c.dep_ == "conj" and c.i < prep.i)]
    return any(_lemma(o) in PARENT_NOUNS or o.lower_ in PARENT_NOUNS for o in owners)


SINGULAR_AUX = {"was", "is", "has", "'s"}


def _singular_verb(pred) -> bool:
    """Is the predicate said in the singular ("was shot and killed", "dies")? A list of nouns as its subject
    then names one person ("a husband and father was killed"), not several ("a man and woman were")."""
    verb = pred
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head  # ("was shot and killed"; not "a woman was killed and her brother and daughter injured")
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in SINGULAR_AUX for c in verb.children)


ORDINAL_WORD = re.compile(rf"(?:first|{_ORDINAL}|\d*(?:1st|2nd|3rd|[04-9]th|1[1-3]th))", re.I)


def _ordinal(tok) -> bool:
    """Is the token an ordinal ("third", "4th"): it says which one, not how many."""
    return ORDINAL_WORD.fullmatch(tok.text) is not None


def _counted(num):
    """The noun a number counts: its head when it modifies one ("three people"), else itself ("three were")."""
    if any(c.dep_ in ("acl", "relcl") and c.i > num.i for c in num.children):
        return num  # "3 dead, 1 injured in shooting": the number has its own predicate
    tok = num
    while tok.dep_ in ("quantmod", "compound", "nummod") and tok.head is not tok and tok.head.like_num:
        tok = tok.head
    if (tok.dep_ == "nummod" or tok.dep_ in ("amod", "det") and tok.lower_ in VAGUE_AMOUNTS) and \
            _pos(tok.head) in ("NOUN", "PROPN", "ADJ"):
        return tok.head  # ("several people": the parser makes `several` an adjective or determiner)
    return tok


def _predicates_of(noun):
    """The words saying what happened to `noun`, nearest first."""
    out = []
    for c in noun.children:  # "two people injured", "three people dead"
        if c.dep_ in ("acl", "amod", "relcl") and c.i > noun.i and not (c.dep_ == "acl" and c.tag_ == "VBG") \
                and not any(g.dep_ in SUBJECTS and g.tag_ not in ("WP", "WDT") for g in c.children):
            # (a clause with a subject of its own tells of that one: "2 killed, 2 wounded: 'Old Man Bill
            # got shot!'", where the parser hangs the quote from the first number)
            out.append(c)
    tok = noun
    if tok.dep_ == "conj":  # "a man and two women were killed"
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
    if tok.dep_ in OBJECTS:  # "left five others injured", "found three people dead": the object's complement
        out.extend(c for c in tok.head.children if c.dep_ in ("oprd", "acomp", "xcomp") and c.i > tok.i)
    elif tok.dep_ in SUBJECTS and _says_of_subject(tok.head):
        # the passive of the same: "six people were found shot to death", "two were left wounded"
        # (and the headline's "Five found dead", which drops the auxiliary)
        out.extend(c for c in tok.head.children if c.dep_ in ("oprd", "acomp", "xcomp") and c.i > tok.head.i)
    if tok.dep_ in SUBJECTS | OBJECTS | {"attr", "oprd", "appos"}:
        out.append(tok.head)
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        prep = tok.head
        if prep.lower_ == "of" and (_pos(prep.head) == "NOUN" or prep.head.tag_ == "VBG"):
            # "the deaths of 10 people", "the killings of four women", "the shooting of six people"
            out.append(prep.head)
        elif prep.lower_ in ("to", "at") and _pos(prep.head) == "VERB":  # "the toll rose to 5"
            for c in prep.head.children:
                if c.dep_ in SUBJECTS:
                    out.extend(x for x in c.children if x.dep_ in ("compound", "amod"))
                    out.append(c)
    return out


CLAUSES = {"ccomp", "parataxis", "advcl", "relcl", "csubj", "csubjpass", "nsubj", "nsubjpass", "mark"}
# taken to hospital: the counted people are the ones carried (the object, or the subject of a passive)
TO_HOSPITAL_VERBS = {"take", "taken", "took", "takes", "taking", "transport", "rush", "bring", "brought", "carry",
                     "airlift", "fly", "flown", "flew", "send", "sent", "put", "admit", "drive", "drove", "driven",
                     "treat"}
HOSPITAL = re.compile(r"\b(?:(?i:hospitals?|medical\s+cent(?:er|re)|trauma\s+cent(?:er|re)|emergency\s+rooms?|"
                      r"infirmary)|A&E|ER)\b")
DEATH_WORDS = re.compile(r"\b(?:died|dies|dead|death|deceased|fatal(?:ly)?|killed|pronounced|succumbed|"
                         r"later\s+died)\b", re.I)


SUFFER = {"suffer", "sustain", "suffere", "sustaine", "sustaining", "suffering", "sustainin", "sufferin"}


def _suffered(pred, victim) -> str | None:
    """'two officers and a woman suffered non-life-threatening gunshot wounds', 'sustained injuries': the
    subject was hurt (killed with 'fatal' or 'mortal' wounds). A relative clause says it of the noun it
    qualifies: 'the other two victims, who had minor injuries' (`have` counts there: the clause
    describes the people, as 'suffered' does)."""
    relative = pred.dep_ == "relcl" and pred.head.i == victim.i and any(
        c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in pred.children)
    verbs = SUFFER | {"ha", "hav", "having"} if relative else SUFFER
    if _pos(pred) != "VERB" or pred.lower_.rstrip("eds") not in verbs or not (victim.dep_ == "nsubj" or relative):
        return None
    for c in pred.children:
        if c.dep_ in OBJECTS and c.lower_.startswith(("wound", "injur", "gunshot")):
            mods = {m.lower_ for m in c.subtree}
            return "killed" if mods & {"fatal", "mortal"} else "injured"
    return None


def _to_hospital(pred, victim) -> str | None:
    """'Three people were taken to hospital', 'Paramedics rushed two victims to the trauma center', 'put
    four people in the hospital', 'three others were treated for wounds': the people carried to hospital
    or treated for wounds were hurt ('injured'); 'taken to hospital and pronounced dead' is 'killed';
    'taken to hospital, where one died' leaves it to the lexicon."""
    word = pred.lower_
    if _pos(pred) != "VERB" or (word not in TO_HOSPITAL_VERBS and _lemma(pred) not in TO_HOSPITAL_VERBS and
                                word.rstrip("eds") not in TO_HOSPITAL_VERBS):
        return None
    if _lemma(pred) == "treat" and victim.dep_ == "nsubjpass" and any(
            c.dep_ == "conj" and c.lower_ == "released" for c in pred.children):
        return "injured"  # "three of the victims were treated and released"
    passive = any(c.dep_ == "auxpass" for c in pred.children) or (  # "was struck ... and taken to hospital"
        pred.dep_ == "conj" and victim.head.i == pred.head.i and any(c.dep_ == "auxpass" for c in pred.head.children))
    # "two other victims drove themselves to local hospitals": the subject took itself there
    reflexive = any(c.dep_ in OBJECTS and c.lower_ in ("themselves", "himself", "herself") for c in pred.children)
    if not ((passive and victim.dep_ == "nsubjpass") or (not passive and victim.dep_ in OBJECTS) or
            (reflexive and victim.dep_ == "nsubj")):
        return None
    for c in pred.children:
        if c.dep_ != "prep":
            continue
        where = c.lower_ in ("to", "in", "into", "at") and bool(HOSPITAL.search(_text_of(c)))
        why = c.lower_ == "for" and _lemma(pred) == "treat" and any(
            t.lower_.startswith(("wound", "injur", "gunshot", "burn")) for t in c.subtree)
        if where or why:
            for c2 in pred.children:  # "... and pronounced dead", "... and died": the same people
                if c2.dep_ == "conj" and not any(g.dep_ in SUBJECTS for g in c2.children) and (any(
                        DEATH_WORDS.fullmatch(t.text) for t in c2.subtree) or (
                        _lemma(c2) == "survive" and any(g.dep_ == "neg" for g in c2.children))):
                    return "killed"  # (or "..., but did not survive"
            # "rushed to the infirmary where she died": the one taken there died
            there = WHERE_DIED.match(_text(pred.doc), pred.idx)
            if there and (there.group("who").lower() in ("he", "she")) == (victim.tag_ in ("NN", "NNP", "PRP")):
                return "killed"
            # "taken to hospital, where one died": a death said of some of them
            return None if any(DEATH_WORDS.fullmatch(t.text) for t in pred.subtree) else "injured"
    return None


# verbs whose complement says what state their object (or passive subject) was in: "found dead",
# "left wounded", "pronounced dead", "listed in critical condition"
COMPLEMENT_VERBS = {"find", "found", "leave", "left", "pronounce", "declare", "certify", "confirm", "report", "list"}
WOUNDING = {"shoot", "stab", "beat", "maul", "hit", "strike", "graze"}  # acts that kill or wound: "shot and killed", "stabbed to death"


def _says_of_subject(verb) -> bool:
    """'were found dead', 'Five found dead' (a headline): a verb of COMPLEMENT_VERBS with no object,
    so its complement is said of its subject (not 'officers found the man dead')."""
    return _lemma(verb) in COMPLEMENT_VERBS and not any(c.dep_ in OBJECTS for c in verb.children)


STRUCK_VERBS = {"hit", "hits", "strike", "strikes", "struck", "graze", "grazes", "grazed"}
HARMFUL = {"bullet", "bullets", "gunfire", "round", "rounds", "shot", "shots", "pellet", "pellets", "shrapnel",
           "car", "vehicle", "truck", "suv", "van", "train", "bus", "motorcycle", "gunshot"}
BODY_PARTS = {"head", "neck", "chest", "back", "arm", "arms", "leg", "legs", "hand", "foot", "ankle", "knee",
              "thigh", "shoulder", "hip", "stomach", "abdomen", "face", "eye", "torso", "side", "buttocks", "wrist"}


def _struck(pred) -> str | None:
    """'injured' for a person hit, struck or grazed by a bullet, a vehicle, or in a part of the body."""
    return "injured" if (_lemma(pred) in STRUCK_VERBS or pred.lower_ in STRUCK_VERBS) and _struck_by_harm(pred) \
        else None


def _struck_by_harm(pred) -> bool:
    """'was hit by a stray bullet', 'struck by gunfire', 'grazed by a round', 'hit by a car', 'hit in
    the back' (a wound's place): a person hurt; 'was hit' alone, or 'hit with charges', is not."""
    for c in pred.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "in"):
            for g in c.children:
                if g.dep_ == "pobj" and (g.lower_ in HARMFUL if c.lower_ == "by" else g.lower_ in BODY_PARTS):
                    return True
                if c.lower_ == "by" and g.dep_ == "pcomp" and _what_it_was(g):
                    return True
    return False


def _what_it_was(clause) -> bool:
    """'struck by what may have been celebratory gunfire', 'hit by what appeared to be a stray bullet': a
    free relative (`what` its subject) that says the thing was a harmful one."""
    if not any(s.lower_ == "what" and s.dep_ in SUBJECTS for s in clause.subtree):
        return False
    return any(t.lower_ in HARMFUL and t.dep_ in ("attr", "dobj", "pobj") for t in clause.subtree)


def _dead_after(pred, victim) -> bool:
    """'Gunmen shot dead two guards': with its object after it, the parser hangs `dead` on the object as
    an adjective ('dead two guards'); right after the verb it says how the verb ended for them."""
    return any(c.dep_ == "amod" and c.lower_ == "dead" and c.i == pred.i + 1 for c in victim.children)


def _fatal(pred) -> bool:
    """'fatally shot', 'shot dead', 'shot to death', 'shot and killed'."""
    for c in pred.children:
        if c.dep_ in ("conj", "cc"):
            if c.dep_ == "conj" and _lemma(pred) in WOUNDING and _lemma(c) in ("kill", "die") and (
                    c.i == pred.i + 2 or not any(g.dep_ in SUBJECTS for g in c.children)):
                return True  # "shot and killed", "hit by a car and killed": the same victims
            continue
        if c.dep_ == "advcl" and c.tag_ == "JJ" and c.lower_ == "dead" and not any(g.dep_ in SUBJECTS for g in c.children):
            return True  # "he shot two people dead at a barbershop": the parser hangs a bare `dead` as a clause
        if c.dep_ in CLAUSES or any(g.dep_ in SUBJECTS for g in c.children):
            continue  # another clause says what happened to someone else: "Caudill died; the other three were injured"
        if _lemma(c) in FATAL or c.lower_ in FATAL:
            return True
        if c.dep_ == "prep" and any(g.lower_ == "death" for g in c.children):
            return True
    # "a man shot his son, then himself, in a murder-suicide": the sentence calls the shooting a killing
    text = _text(pred.doc)
    return _lemma(pred) in WOUNDING and bool(MURDER_SUICIDE.search(text)) and \
        not ATTEMPTED_MURDER_SUICIDE.search(text) and not SURVIVED.search(text)


# a person shot and then described as treated, in a condition or hit in a limb survived the shot
SURVIVED = re.compile(
    r"\b(?:(?:critical|serious|stable|fair|good|grave)\s+condition|non-?life[\s-]threatening|"
    r"(?:expected|likely)\s+to\s+(?:survive|recover)|survived|treated\s+(?:for|at)|hospitali[sz]ed|"
    r"and\s+(?:\w+ly\s+)?(?:wounded|injured)|"
    r"in\s+(?:the|his|her|their|both)\s+(?:left\s+|right\s+|upper\s+|lower\s+)?"
    r"(?:arms?|legs?|hands?|feet|foot|wrists?|ankles?|knees?|thighs?|shoulders?|hips?|buttocks?|elbows?|"
    r"fingers?|toes?|calf|calves|side|back|stomach|abdomen))\b", re.I)


def _survived(pred) -> bool:
    """'shot in the leg', 'shot and wounded', 'shot ... in stable condition': a wound, not a death."""
    sent = pred.sent
    return bool(SURVIVED.search(sent.text)) and not _fatal(pred)


def _figure_at(qs: list[Quantity], pos: int) -> float | None:
    """The exact value of the numeral figure at text offset `pos`, if there is one."""
    return next((q.value_low for q in qs if q.start <= pos < q.end and q.qualifier == "exact"
                 and q.value_low is not None and q.value_low == q.value_high), None)


def _intended(pred) -> bool:
    """'planned to kill himself', 'tried to take her own life': the predicate is the infinitive of a verb
    of intention or attempt (an `xcomp` with `to`), so it says what someone meant to do, not what happened.
    'nearly died', 'was almost killed': a near miss, which did not happen either."""
    tok = pred
    if any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS for c in pred.children):
        return True
    if tok.dep_ in ("acomp", "attr") and tok.head is not tok:
        tok = tok.head
    if _possible(tok):
        return True
    return tok.dep_ == "xcomp" and tok.head.lower_ in INTENT and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _possible(verb) -> bool:
    """'could kill a child', 'might die', 'he would have died without the transfusions': a modal of
    possibility, or `would have` (a counterfactual), says what could be, not what happened ('would'
    alone tells a later past in narrative: 'he would die three days later')."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = "have" in aux
    # ('may have killed', 'must have died' are guesses about what happened: uncertain, still claims)
    return any(a in CAN_MODALS for a in aux) or (not perfect and any(a in MAY_MODALS for a in aux)) or \
        ("would" in aux and (perfect or any(c.dep_ == "neg" for c in verb.children)))


NEAR_MISS = {"nearly", "almost", "narrowly"}
CAN_MODALS = {"could", "can", "ca", "should"}   # what could be, or could have been
MAY_MODALS = {"may", "might", "must"}


CONDITION = {"critical", "serious", "stable", "fair", "good", "grave", "satisfactory", "life-threatening"}


def _in_hospital(pred) -> bool:
    """'are in hospital', 'remain in the hospital', 'is at a hospital', 'are in intensive care': hurt."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and
               any(g.dep_ == "pobj" and (g.lower_ in ("hospital", "hospitals") or
                                         g.lower_ == "care" and any(m.lower_ == "intensive" for m in g.children))
                   for g in c.children) for c in pred.children)


def _in_custody(pred) -> bool:
    """'are in police custody', 'remain in custody', 'were taken into custody': held."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "into") and
               any(g.dep_ == "pobj" and g.lower_ == "custody" for g in c.children) for c in pred.children)


def _in_condition(pred) -> bool:
    """'were in critical condition', 'is in stable condition': alive and hurt."""
    for c in pred.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ == "condition" and any(
                        m.lower_ in CONDITION for m in g.children if m.dep_ in ("amod", "compound")):
                    return True
    return False


def _agent(noun) -> bool:
    """The subject of an active verb that acts on someone or something else (an object or a clause):
    'Two gunmen shot and killed a man' (the object of a conjoined verb too), 'Two officers found the
    man dead'. Not when the object is the subject's own life or injuries ('lost their lives',
    'killed themselves'). The agent of a passive verb too: 'shot and killed by two police officers'."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.lower_ == "by":
        # (people: "rocked by two murders" counts the murders)
        return noun.lower_ in PERSON_NOUNS or _lemma(noun) in PERSON_SINGULAR
    if noun.dep_ != "nsubj" or _pos(noun.head) != "VERB" or _lemma(noun.head) in ("be", "have"):
        return False  # ("19 were injured", parsed with a clause beside it, says what befell them)
    verb = noun.head
    if any(c.dep_ == "auxpass" for c in verb.children) or _headline_passive(verb):
        return False
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and _pos(c) == "VERB" and
                      not any(g.dep_ in SUBJECTS for g in c.children)]
    others = [c for v in verbs for c in v.children if c.dep_ in OBJECTS or c.dep_ == "ccomp"]
    if not others:
        return False
    own = ("himself", "herself", "themselves", "life", "lives")
    return not any(t.lower_ in own or t.lower_.startswith(("injur", "wound")) for o in others for t in o.subtree)


def _animal(noun) -> bool:
    """A common noun of animals ("fish", "two dogs"; not the name "Shelly Bird")."""
    return noun.text.islower() and (noun.lower_ in ANIMAL_NOUNS or _lemma(noun) in ANIMAL_NOUNS)


def _relative_pronoun_subject(clause) -> bool:
    """Is the subject of a relative clause its relative pronoun ("who killed the guard", "that killed
    three"): the noun the clause hangs from is who acts?"""
    return any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in clause.children)


def _acting_in_relative(noun) -> bool:
    """The counted people are the subject of a relative clause whose active verb, no harm of theirs, acts on
    something or someone ('the two teens who admitted to the killings', 'three neighbours who heard the
    shots that killed him'): the harm the sentence tells is not theirs. (A relative clause of harm, 'two
    men who died in the attack', says what befell them and is read before this; 'two homicides that
    happened on May 1' count no people who act.)"""
    if noun.lower_ not in PERSON_NOUNS and _lemma(noun) not in PERSON_SINGULAR:
        return False
    for clause in noun.children:
        if clause.dep_ != "relcl" or _pos(clause) != "VERB" or _lemma(clause) in ("be", "have"):
            continue
        if any(c.dep_ in ("auxpass", "aux") and _lemma(c) == "be" and clause.tag_ == "VBN" for c in clause.children):
            continue   # a passive: 'two men who were shot'
        if not _relative_pronoun_subject(clause):
            continue
        if any(c.dep_ in OBJECTS or c.dep_ == "ccomp" or
               (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)) for c in clause.children):
            return True
    return False


def _headline_passive(pred) -> bool:
    """'Man killed in Gresham shooting', '2 teens shot outside school': headlines drop the auxiliary, so a
    past participle with a subject and no auxiliary is a passive."""
    if not any(c.dep_ == "nsubj" for c in pred.children) or any(c.dep_ in ("aux", "auxpass") for c in pred.children):
        return False
    if pred.tag_ == "VBN":
        return True
    if pred.tag_ == "VBD" and pred.dep_ == "ccomp" and _lemma(pred.head) in COMPLEMENT_VERBS and \
            not any(c.dep_ in OBJECTS for c in pred.children):
        return True  # "they found Ray shot to death": a small clause under find/leave, read as a past tense
    # a headline (no closing period) whose act that needs an object has none: "Four shot to death in
    # Mason County" (the tagger reads `shot` as a past tense); not "Two men shot at the crowd"
    # ... nor one coordinated with an act that has the object they share: "Father accidentally shot, killed
    # teen son", "Man shoots, kills neighbor"
    return pred.tag_ == "VBD" and _lemma(pred) in WOUNDING | {"kill", "murder", "wound", "injure"} and \
        not _text(pred.doc).rstrip().endswith((".", "!", "?")) and \
        not any(c.dep_ in OBJECTS or (c.dep_ == "prep" and c.lower_ in ("at", "into", "on", "toward", "towards"))
                for c in pred.children) and \
        not any(c.dep_ == "conj" and _pos(c) == "VERB" and not any(g.dep_ in SUBJECTS for g in c.children) and
                any(g.dep_ in OBJECTS for g in c.children) for c in pred.children)


CONDITION_STATES = {"critical", "serious", "grave", "stable", "guarded", "fair", "life-threatening"}
# nouns of the dead and wounded: a count of them is theirs whatever verb it hangs from
DEAD_NOUNS = {"fatality", "fatalities", "dead", "body", "bodies", "death", "deaths"}   # "among the nine fatalities"
HARMED_NOUNS = {"victim", "victims", "casualty", "casualties", "dead", "body", "bodies", "death", "deaths",
                "homicide", "homicides", "fatality", "fatalities", "injury", "injuries", "wound", "wounds",
                "survivor", "survivors", "wounded", "injured", "condition", "gunshot", "bullet", "bullets"}
CLAUSE_HEADS = {"ROOT", "conj", "ccomp", "advcl", "xcomp", "relcl", "pcomp", "csubj"}
# verbs that say, are, or have: what they govern is told of, not acted on
NEUTRAL_VERBS = {"be", "say", "tell", "report", "confirm", "include", "have", "leave", "remain", "find", "identify",
                 "name", "list", "become", "seem", "appear", "state", "add", "note", "announce"}
STATE_VERBS = {"be", "remain", "list", "stay", "leave", "hospitalize", "hospitalise", "admit", "report"}
# "taken into custody", "placed in custody" (as written: the rules' lemmas know only their own words)
CUSTODY_VERBS = {"take", "takes", "took", "taken", "taking", "place", "placed", "book", "booked"}


def _said_in_condition(doc) -> list:
    """Subjects said to be "in critical (serious, stable, ...) condition" or "with ... injuries
    (wounds)" by a verb of being or staying, or "fighting for their lives": the injured of a
    sentence with no casualty verb (never with fatal or mortal injuries)."""
    out = []
    words = _words(doc)
    for i, (lower, lemma) in enumerate(zip(words.lower, words.lemma)):
        if lemma not in ("condition", "injury", "wound") and lower not in ("life", "lives"):
            continue
        tok = doc[i]
        if lemma == "condition" and tok.head.lower_ == "in":
            if not any(c.lower_ in CONDITION_STATES for c in tok.children):
                continue
        elif lemma in ("injury", "wound") and tok.head.lower_ == "with":
            if any(c.lower_ in ("fatal", "mortal") for c in tok.children):
                continue
        elif tok.lower_ in ("life", "lives") and tok.head.lower_ == "for" and \
                tok.head.head.lower_ in ("fight", "fights", "fighting", "fought"):
            # "another is fighting for her life"
            out.extend(c for c in tok.head.head.children if c.dep_ in SUBJECTS)
            continue
        else:
            continue
        pred = tok.head.head
        if _pos(pred) in ("NOUN", "PROPN") and pred.dep_ == "pobj" and tok.head.lower_ == "with":
            pred = pred.head.head  # "is at the hospital with injuries": the phrase hangs on the place
        if _pos(pred) not in ("VERB", "AUX") or _lemma(pred) not in STATE_VERBS:
            continue
        out.extend(c for c in pred.children if c.dep_ in SUBJECTS and _pos(c) in ("NOUN", "PROPN"))
    return out


def _victims(pred):
    """The nouns a casualty predicate says something happened to."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.children) or _headline_passive(pred)
    out = []
    # "another teenager injured"; not a present participle, whose noun is the agent ("a man shooting at others")
    if pred.dep_ == "acl" and _pos(pred.head) in ("NOUN", "PROPN") and pred.tag_ != "VBG":
        out.append(pred.head)
    if pred.dep_ == "amod" and pred.i > pred.head.i and _pos(pred) == "ADJ":
        # an adjective after its noun says something of it: "police found a man dead", "one man and two
        # children dead" (the parser hangs it from the last conjunct: the list is the first's)
        first = pred.head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        out.append(first)
    target = pred.head if pred.dep_ in ("acomp", "attr") else pred  # "the man was dead"
    kids = list(target.children)
    if pred.dep_ in ("xcomp", "oprd", "acomp") and _lemma(pred.head) in COMPLEMENT_VERBS:
        # "a man was found shot to death", "both were found dead": the complement is said of the subject
        if _says_of_subject(pred.head):
            out.extend(c for c in pred.head.children if c.dep_ in SUBJECTS)
    if pred.dep_ == "conj" and _pos(pred.head) == "VERB" and not any(c.dep_ in SUBJECTS for c in kids) and (
            pred.lower_ in TO_HOSPITAL_VERBS or _lemma(pred) in TO_HOSPITAL_VERBS):
        # "A teen was struck by gunfire and taken to hospital": conjoined verbs share their subject
        head_passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.head.children)
        if head_passive and not any(c.dep_ == "dobj" for c in kids):
            passive = True
            kids += [c for c in pred.head.children if c.dep_ == "nsubjpass"]
    for c in kids:
        if c.dep_ == "nsubjpass":
            out.append(c)
        elif c.dep_ == "nsubj":
            if _pos(pred) == "ADJ" or _lemma(pred) in ("die", "perish", "succumb", "drown") or \
                    pred.lower_ in ("dead", "deceased") or passive:
                # "a woman who later died": the relative pronoun stands for the noun the clause qualifies
                out.append(pred.head if c.tag_ in ("WP", "WDT") and pred.dep_ == "relcl" else c)
        elif c.dep_ in OBJECTS and not passive and _pos(pred) == "VERB":
            out.append(c)
    return out


def _count_of(noun) -> int | None:
    """How many people a noun phrase without a numeral names: 1, 0, or None (not a count)."""
    low = noun.lower_
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet")}
    if low in ("nobody",) or (low in ("one", "body") and "no" in dets) or (low == "one" and noun.i > 0 and
                                                                          noun.doc[noun.i - 1].lower_ == "no"):
        return 0
    if low == "none" and any(c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1 for c in noun.children):
        return 0   # "none of the passengers was hurt"
    if any(c.dep_ == "nummod" or (c.like_num and c.dep_ != "appos" and not _ordinal(c)) for c in noun.children) \
            or noun.like_num:
        # (a number in apposition is an age: "Jennifer Friedel, 32, and Leroy Friedel, 3, died"; an ordinal
        # says which one: "a third victim is in critical condition" is one)
        return None
    if low in ("himself", "herself"):
        return 1
    if low == "both" and noun.dep_ in SUBJECTS | OBJECTS:  # "both were fatally shot", "both of them died"
        return 2
    if noun.tag_ in ("NNS", "NNPS") and "both" in dets:  # "both men were killed"
        return 2
    if _one_named(noun):
        rest = [_count_of(c) for c in noun.children if c.dep_ == "conj"]
        return None if None in rest else 1 + sum(rest)
    if low in ("he", "she") and noun.dep_ in ("nsubj", "nsubjpass") and \
            noun.head.dep_ in ("ROOT", "conj", "advcl", "ccomp"):
        # "He was pronounced dead at the scene", "Police said she died", "... when he was shot and died":
        # one person, the subject of a clause of its own (not "Freeman was taken to hospital, where he
        # died": a relative clause's person is counted with its antecedent)
        return 1
    if noun.tag_ == "NNS" and _lemma(noun) in PERSON_SINGULAR:
        ages = AGES_LISTED.search(_text(noun.doc), noun.left_edge.idx, noun.idx)
        if ages:  # "their 6- and 10-year-old sons": as many as the ages listed
            return len(re.findall(r"\d+", ages.group()))
    if _pos(noun) == "PRON" or noun.tag_ in ("NNS", "NNPS"):
        return None
    # coordinated people: "Kelcii Flintroy, Willie Norman and Christopher Chaney" (each conjunct
    # carries the next one: the counts add up)
    # "A, B and C" is parsed as A with B in apposition and C a conjunct of B: an appositive that has
    # conjuncts of its own is the rest of the list, not another name for A
    # "a husband and father was shot": nouns coordinated under one determiner with a verb in the singular
    # describe one person; a bare conjunct counts no one more
    one_person = noun.dep_ in SUBJECTS and _singular_verb(noun.head)
    conj = [(0 if one_person and c.dep_ == "conj" and _bare_conjunct(c) else _count_of(c) or _bare_conjunct(c))
            for c in noun.children
            if (_pos(c) in ("NOUN", "PROPN") or _year_old(c)) and not _happening(c) and (
                c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)))]
    # a name, not a word in capitals (a dateline: "KILLEEN, Texas - Four people are dead"); a headline's
    # "Man killed in shooting" is one (headlines drop the article)
    named = _pos(noun) == "PROPN" and noun.tag_ == "NNP" and noun.text[:1].isupper() and not dets and \
        not (noun.text.isupper() and len(noun.text) > 1) and noun.lower_ not in COLLECTIVE
    person = _lemma(noun) in PERSON_SINGULAR or _year_old(noun)
    # "The victim died at the hospital": news names a lone victim with the definite article
    lone_victim = _lemma(noun) == "victim" and dets == {"the"} and not any(
        c.dep_ in ("amod", "compound") and c.lower_ in ("other", "second", "third", "first", "fourth", "last")
        for c in noun.children)
    # a singular person noun with no determiner at all is headline style ("Fresno County deputy dies",
    # "Teen killed in crash"): prose would write "a deputy", "the teen"
    # (or with its act as a reduced passive after it, however the parser attaches the noun: "man killed,
    # woman hurt in shooting")
    bare = person and not dets and noun.tag_ == "NN" and (
        noun.dep_ in SUBJECTS or any(c.i > noun.i and (c.dep_ == "acl" and c.tag_ == "VBN" or c.dep_ == "amod" and
                                                       c.lower_ in ("dead", "hurt", "injured", "wounded"))
                                     for c in noun.children)) \
        and not any(c.dep_ in ("poss", "nummod") for c in noun.children)
    # a relative named through another person: "her brother", "Stoffel's wife" (one person)
    related = person and noun.tag_ == "NN" and any(c.dep_ == "poss" for c in noun.children)
    # "three were killed and another critically injured", "... seriously injuring a fourth"
    one_more = (low == "another" and noun.dep_ in SUBJECTS | OBJECTS | {"conj"}) or (
        low in ORDINAL_NOUNS and dets & {"a", "an"})
    if named or (person and dets & INDEFINITE) or lone_victim or bare or related or one_more:
        if any(c is None for c in conj):  # one conjunct not counted: the sum would fall short
            return None
        return 1 + sum(conj)
    return None


# "6- and 10-year-old", "19, 20 and 23-year-old": ages listed before the noun they qualify
AGES_LISTED = re.compile(r"\b\d{1,3}-?(?:,\s*\d{1,3}-?)*,?\s+(?:and|&)\s+\d{1,3}[\s-]+years?[\s-]+old\b")


def _happening(noun) -> bool:
    """A noun for what happened, not for whom: 'murder', 'the shooting', 'the attempted robbery'."""
    return _lemma(noun) in DEATH_NOUNS or noun.lower_.endswith("ing") or \
        noun.lower_ in ("attempt", "attack", "assault", "robbery")


SENTENCE_CLOSE = re.compile(r"[.!?][\"”’')]*\s*$")


def _listed_count(member: str) -> int | None:
    """How many people one member of a headline's list names: its number, else one person for a
    singular noun; None for a plural without a number ('Parents')."""
    first = member.split()[0].lower()
    if first.isdigit():
        return int(first)
    if first in UNITS:
        return UNITS[first]
    noun = member.split()[-1].lower()
    return 1 if noun in PERSON_SINGULAR else None


def _list_break(tok) -> bool:
    """A dash set off by a space, a bar, a colon or a semicolon: where a list of people ends."""
    if tok.text in ("-", "–", "—"):
        return bool(tok.whitespace_) or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))
    return tok.text in ("|", ":", ";")


def _one_named(noun) -> bool:
    """One person the tagger took for several or for an adjective: a surname in -s after a first name
    ("Za'layia Jenkins", tagged NNS), a `19-year-old` standing as a noun ("the murder of 19-year-old")."""
    if noun.tag_ in ("NNS", "NNPS") and noun.text[:1].isupper() and not noun.text.isupper() and any(
            c.dep_ == "compound" and c.text[:1].isupper() and _pos(c) == "PROPN" for c in noun.children):
        return not any(c.dep_ in ("det", "nummod") for c in noun.children)
    return noun.tag_ == "JJ" and noun.lower_ == "old" and noun.dep_ in ("pobj", "dobj") and _year_old(noun)


def _bare_conjunct(noun) -> int | None:
    """A singular person noun with no determiner of its own, coordinated to one that counts: it shares
    that one's determiner ("her brother and 4-year-old daughter", "a man and woman"): 1."""
    if noun.tag_ != "NN" or any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return None
    return 1 if _lemma(noun) in PERSON_SINGULAR or _year_old(noun) else None


def _year_old(noun) -> bool:
    """'a 17-year-old', 'a 30-year-old man': an age makes the noun a person."""
    return any(c.lower_ in ("old", "year-old") for c in noun.subtree if c.i <= noun.i) or noun.lower_.endswith("-old")


def _span(noun, count: int) -> tuple[int, int]:
    """Sentence offsets of the noun phrase: from its first word to the noun (and its conjuncts)."""
    first = noun.left_edge
    while first.is_space and first.i < noun.i:  # (a blanked dateline: `without_dateline`)
        first = first.doc[first.i + 1]
    start = first.idx
    last = noun
    while count > 1:  # the last conjunct of the chain
        conj = [c for c in last.children if c.dep_ == "conj" or (
            c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children))]
        if not conj:
            break
        last = conj[-1]
    return start, last.idx + len(last)


# "Jamal Brown, 19, was ...", "Jamal Brown (19) was ...": a name, then a bare number set off; the
# last of a list of named people ends the clause or sentence ("... and Dakota Smith, 28.",
# "Cynthia Hurd, 54; Tywanza Sanders, 26; ..."); "X and Y, both 24."; a list of the dead whose entries
# go on with a bracket or a dash ("Italo Pisciotti, 79 (building manager)", "Jane Doe, 41 – a nurse")
AGE_AFTER_NAME = re.compile(r"(?:[A-Z][\w’'.-]*[,(]|[A-Z][\w’'.-]*,\s*both)\s*$")
AGE_CLOSE = re.compile(r"\s*(?:[,);(]|\s[–—-]\s|\.(?:\s|$)|$)")
# "a 21 year-old woman", "a 25 y/o man", "who was 12 or 13 years old", "19- and 20-year-old brothers":
# a number followed (maybe after other numbers it is coordinated with) by an age word
AGE_WORD = r"(?:-|\s)?(?:years?[\s-]+old|yrs?[\s-]+old|y/o|y\.o\.|yo)\b"
AGE_AFTER = re.compile(r"(?:-?\s*(?:,|and|or|to|-)\s*\d{1,3})*\s*" + AGE_WORD, re.I)
# "ages 25 and 26", "aged 18, 21 and 35", "between the ages of 18 and 24", "under the age of 40"
AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s+(?:of\s+)?(?:\d{1,3}\s*(?:,\s*|and\s+|or\s+|to\s+|-\s*)+)*$", re.I)


def _age_in_apposition(text: str, q: Quantity) -> bool:
    """An age written as news writes ages: after a capitalised name, between commas or in brackets
    (or closing a list of names); before `year-old`, `years old`, `y/o` (also when coordinated with
    another age: `12 or 13 years old`); after `ages`, `aged`, `the age of`."""
    surface = text[q.start:q.end]
    if not surface.isdigit() or not 0 < int(surface) < 120:
        return False
    if AGE_AFTER.match(text, q.end, min(len(text), q.end + 40)):
        return True
    if AGE_BEFORE.search(text, max(0, q.start - 60), q.start):
        return True
    return bool(AGE_AFTER_NAME.search(text, max(0, q.start - 40), q.start)) and bool(AGE_CLOSE.match(text, q.end))


def _is_age(num, text: str, off: int) -> bool:
    """'Manuel Ortiz, 28, died': a number set off by commas after a person's name is an age."""
    if num.dep_ != "appos" or not (0 < _int(num.text) < 120):
        return False
    head = num.head
    if _pos(head) != "PROPN" and _lemma(head) not in PERSON_SINGULAR:
        return False
    return bool(AGE_COMMAS.search(text[max(0, off + num.idx - 3):off + num.idx]))


PERSON_PRONOUNS = {"he", "she", "they", "who", "i", "we", "you"}
# verbs that take "to be" and say what is believed of their subject: "two women, believed to be 30 and 60"
BELIEF_VERBS = {"believe", "believes", "believed", "report", "reports", "reported", "estimate", "estimates",
                "estimated", "seem", "seems", "seemed", "appear", "appears", "appeared", "think", "thinks",
                "thought", "say", "says", "said", "know", "knows", "known", "understand", "understood"}


SOURCE_PREPOSITIONS = {"per", "according"}   # who says so: "... per the chief", "... according to police"


def _age_as_complement(num) -> bool:
    """'The victims were 19 and 20', 'the gunman, who was 24', 'two women, believed to be 30 and 60': a
    bare number as what a person is (the complement of `be` whose subject is a person or a pronoun of
    one) is an age; a count comes with its noun ("the victims were two men")."""
    first = num
    while first.dep_ == "conj" and first.head.like_num and first.head is not first:
        first = first.head
    if first.dep_ not in ("attr", "acomp") or _lemma(first.head) != "be" or not (0 < _int(num.text) < 120):
        return False
    if any(c.dep_ == "prep" and c.lower_ not in SOURCE_PREPOSITIONS for c in first.children):
        return False  # "were 12 in number", "was 3 of the dead" (not "19, 20 and 22 per the chief")
    be = first.head
    subject = next((c for c in be.children if c.dep_ in SUBJECTS), None)
    if subject is None and be.dep_ == "xcomp" and be.head.lower_ in BELIEF_VERBS:
        verb = be.head  # "believed to be 30": the subject of `believed`, or the noun it describes
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None and verb.dep_ in ("acl", "advcl") and _pos(verb.head) in ("NOUN", "PROPN"):
            subject = verb.head
    if subject is None:
        return False
    if subject.tag_ in ("WP", "WDT") and be.dep_ == "relcl":
        subject = be.head  # "the gunman, who was 24"
    if subject.tag_ in ("PRP", "WP"):
        return subject.lower_ in PERSON_PRONOUNS
    return _lemma(subject) in PERSON_SINGULAR or _pos(subject) == "PROPN"


def _int(text: str) -> int:
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return -1


# The parser runs without spaCy's lemmatizer and attribute ruler (1.7 times faster): the few
# lemmas the rules ask about come from English inflection, the coarse part of speech from the tag.
POS_OF_TAG = {"VB": "VERB", "JJ": "ADJ", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
              "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "EX": "PRON", "CD": "NUM", "RB": "ADV"}
IRREGULAR = {"was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "being": "be", "am": "be",
             "shot": "shoot", "slain": "slay", "slew": "slay", "died": "die", "dying": "die", "dies": "die",
             "beaten": "beat", "men": "man", "women": "woman", "children": "child", "people": "person",
             "lives": "life", "fatally": "fatally"}


BASE_LEMMAS: frozenset[str] = frozenset(set(FATAL) | set(PERSON_SINGULAR) | {
    "be", "shoot", "kill", "die", "perish", "murder", "slay", "wound", "injure", "hurt", "stab", "beat",
    "treat", "transport", "rush", "carry", "airlift", "admit", "recover", "remain", "stay",
    "pronounce", "declare", "certify", "confirm", "report", "list"})
KNOWN_LEMMAS: set[str] = set(BASE_LEMMAS)  # and the lexicon's of the Grammar made last (`_know`)


def _known(word: str) -> bool:
    """A word whose dictionary form the rules here know (a casualty verb, a person noun)."""
    return _lemma_of(word) in KNOWN_LEMMAS


def _know(words) -> None:
    """The lemmatizer recognises the built-in lemmas and the predicate lexicon's: set, not added to, so a
    long-lived process (a Dask worker) reads a run with other params as a fresh process would."""
    wanted = BASE_LEMMAS | set(words)
    if wanted != KNOWN_LEMMAS:
        KNOWN_LEMMAS.clear()
        KNOWN_LEMMAS.update(wanted)
        _lemma_of.cache_clear()


def _pos(tok) -> str:
    return _pos_of_tag(tok.tag_)


def _pos_of_tag(tag: str) -> str:
    return POS_OF_TAG.get(tag) or POS_OF_TAG.get(tag[:2], "X")


@dataclass(frozen=True)
class TokenWords:
    """Each token's start, lowercase form, dictionary form and coarse part of speech, read once per
    parse: the rules scan a sentence's tokens several times, and spaCy builds a Token object on every
    access, so the scans read these lists and take the Token only where a rule may apply."""
    idx: list[int]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    has_list: bool  # does any token hang from another as its conjunct (a list, coordinated verbs), or
    # add people to others ("along with")


def _words(doc) -> TokenWords:
    words = doc.user_data.get("facts_words")
    if words is None:
        from spacy.attrs import DEP, IDX, LOWER, TAG

        strings = doc.vocab.strings
        rows = doc.to_array([IDX, LOWER, TAG, DEP]).tolist() if len(doc) else []
        lower = [strings[row[1]] for row in rows]
        words = TokenWords([row[0] for row in rows], lower, [_lemma_of(w) for w in lower],
                           [_pos_of_tag(strings[row[2]]) for row in rows],
                           any(strings[row[3]] == "conj" for row in rows) or any(w in ALONG for w in lower))
        doc.user_data["facts_words"] = words
    return words


def _text_of(tok) -> str:
    """The words `tok` heads, as written ("to Loma Linda University Medical Center")."""
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def _text(doc) -> str:
    """The parsed text (spaCy joins it from the tokens on every `doc.text`)."""
    text = doc.user_data.get("facts_text")
    if text is None:
        text = doc.user_data["facts_text"] = doc.text
    return text


# amounts written as words of quantity, not numerals ("several people", "dozens of"): the parser tags
# them as determiners or adjectives, but they count their noun as a numeral does
VAGUE_AMOUNTS = {"several", "dozens", "hundreds", "thousands", "scores", "few", "many", "numerous", "multiple"}


def _numerals(doc, q: Quantity) -> list:
    """The number tokens of figure `q` in the parse of its sentence (a vague amount's word: `several`)."""
    idx = _words(doc).idx
    start, end = q.core_start - q.sentence_start, q.core_end - q.sentence_start
    return [t for t in (doc[i] for i in range(bisect_left(idx, start), bisect_left(idx, end)))
            if t.like_num or t.tag_ == "CD" or t.lower_ in VAGUE_AMOUNTS]


def _lemma(tok) -> str:
    return _lemma_of(tok.lower_)


@lru_cache(maxsize=65536)
def _lemma_of(word: str) -> str:
    """The dictionary form of an English word, as far as the rules here need it: irregular forms,
    then regular endings undone (killed -> kill, injured -> injure, stabbed -> stab, injuries -> injury),
    checked against the words the rules know."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    candidates = [word]
    for end, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                      ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[: -len(end)] + repl
            candidates.append(stem)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # stabbed -> stabb -> stab
    for c in candidates:
        if c in KNOWN_LEMMAS:
            return c
    return word


_LOCK = threading.RLock()
_MODELS: dict[str, object] = {}


def load_parser(name: str):
    """Load the parser now (before worker processes are forked, so they share it)."""
    return _load(name)


def _load(name: str):
    """The parser of one process (spaCy without its NER): loaded once, shared by the stage's tasks."""
    with _LOCK:
        if name not in _MODELS:
            from pipeline.core.spacy_models import load_spacy

            _MODELS[name] = load_spacy(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
        return _MODELS[name]
