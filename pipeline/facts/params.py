"""The `facts` section of params.yaml: lexicons users extend, and a few limits.

Lexicon entries are words or phrases matched case-insensitively on word
boundaries; a trailing `*` matches any ending (`injur*` -> injured, injuries).
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from pipeline.core.params import Section

# Measure -> cue phrases. Order is priority when two cues are equally close.
DEFAULT_MEASURES: dict[str, list[str]] = {
    "killed": ["killed", "kill", "dead", "died", "die", "death", "deaths", "death toll", "fatalit*",
               "shot dead", "were shot", "was shot", "been shot", "murder*", "bodies", "body",
               "victims", "lost their lives", "perished", "executed", "massacred"],
    "injured": ["injur*", "wounded", "wounds", "hurt", "hospitali*", "taken to hospital*",
                "taken to the hospital*", "intensive care", "in a coma", "casualties"],
    "arrested": ["arrested", "arrest", "arrests"],
    "detained": ["detained", "detain", "detainees", "in detention", "rounded up", "in custody",
                 "held in", "imprisoned or", "in jail and"],
    "sentenced": ["sentenc*", "jailed", "imprison*", "in prison", "in jail", "prison term*",
                  "prison", "punished", "punishment", "house arrest", "convicted", "behind bars",
                  "handed down", "terms of"],
    "prosecuted": ["prosecuted", "tried", "charged", "defendants", "accused",
                   "trial of", "on trial", "indicted", "criminal cases"],
    "fired": ["fired", "dismissed", "dismissal*", "laid off", "lost their jobs", "sacked", "made redundant",
              "redundan*"],
    "strikers": ["strikers", "on strike", "went on strike", "joined the strike", "striking",
                 "occupied"],
    "buildings": ["building*", "houses", "house", "shops", "banks", "banking facilities", "offices",
                  "cafes", "hotels", "kindergartens", "schools", "akimats", "pawn shops",
                  "police strongholds", "boiler houses"],
    "money": ["tenge", "pay", "wage*", "salar*", "bonus*", "funds", "budget", "lending", "loan*",
              "weighting"],
    "participants": ["gathered", "took part", "participants", "attended", "rallied", "rally", "drew", "turned out",
                     "took to the streets", "attacked", "broke into", "blocked", "crowd", "hooligans",
                     "rioters"],
    "population": ["inhabitants", "population", "inhabited"],
}
# Cue phrases that look like a measure cue but are not one (`fired at` is shooting).
DEFAULT_MEASURE_EXCLUDE = [
    "fired at", "fired on", "fired upon", "fired into", "fired shots", "fired continuously",
    "opened fire", "fired in", "shot at", "shooting at", "died of heart", "die before",
    "let me die", "i will die", "death certificate*", "kill her", "don't kill", "fired for",
]

# Event kinds: what a story is about. A figure's kind comes from what it counts (its
# measure, below) and from these cue words around it; an event is a (place, period,
# kind), and a figure with no date of its own takes the dates of its own kind's story
# (a sentence about a trial takes the trial's dates, not the shooting's).
DEFAULT_KINDS: dict[str, list[str]] = {
    "violence": ["shooting", "shootings", "shootout", "shot", "opened fire", "open fire", "fired on", "gunfire",
                 "bullet*", "killed", "killing*", "dead", "died", "death", "deaths", "murder*", "wounded", "injur*",
                 "massacre", "riot*", "unrest", "clash*", "violence", "bloodshed", "tragedy", "casualties",
                 "victims", "bodies", "pogrom", "arson", "burn*", "set fire", "on fire"],
    "strike": ["strike", "strikes", "strikers", "striking", "struck", "pay", "wage*", "salar*", "bonus*",
               "dismiss*", "laid off", "fired workers", "hunger strike", "trade union*", "labour dispute*",
               "labor dispute*", "industrial dispute*", "industrial action", "employer*", "workforce"],
    "trial": ["trial", "trials", "tried", "court", "courts", "judge", "sentenc*", "convicted", "conviction*",
              "defendants", "prosecut*", "verdict", "jail", "jailed", "prison", "imprison*", "acquitted", "charges",
              "hearings", "punished", "punishment", "in the dock", "guilty", "lawsuit"],
    "crackdown": ["state of emergency", "curfew", "detained", "detain", "detention", "detentions", "tortur*",
                  "arrest*", "interrogat*", "in custody", "crackdown", "repression", "persecut*", "raids"],
    "protest": ["rally", "rallies", "rallied", "solidarity", "demonstration*", "protest", "protests", "picket*",
                "took to the streets", "marched"],
    "rebuilding": ["construction", "built", "build", "rebuilt", "funds", "budget", "program*", "programme*",
                   "restored", "repair*", "kindergarten*", "playground*", "infrastructure", "investment*",
                   "development"],
}
# Phrases that contain a kind cue but are not one.
DEFAULT_KIND_EXCLUDE = ["riot police", "riot-police", "riot squad*", "riot gear", "investigative bodies",
                        "law enforcement bodies", "state bodies", "government bodies", "governing bodies"]
# What a figure counts says what its story is about unless the words around it say otherwise:
# measure -> kind (measures not listed, such as participants or money, take the kind of their words).
DEFAULT_MEASURE_KINDS: dict[str, str] = {
    "killed": "violence", "injured": "violence", "detained": "crackdown", "arrested": "crackdown",
    "sentenced": "trial", "prosecuted": "trial", "strikers": "strike", "fired": "strike",
}

DEFAULT_ATTRIBUTION: dict[str, list[str]] = {
    # checked in this order: the first kind whose cue occurs in the source phrase wins
    "unofficial": ["unofficial", "human rights", "rights groups", "rights defenders", "rights activists",
                   "trade union*", "opposition", "activists", "campaigners", "amnesty", "human rights watch",
                   "reporters without borders", "freedom house", "ngo*", "non-government*",
                   "independent experts", "relatives"],
    "official": ["official*", "authorities", "authority", "prosecutor*", "ministry", "minister",
                 "police", "government", "akim*", "governor", "president", "interior ministry",
                 "commission", "state media", "administration", "spokes*", "the state"],
    "eyewitness": ["eyewitness*", "witness*", "saw", "seen", "residents", "survivors", "participants",
                   "protesters", "former prisoners", "locals", "doctors at the scene", "with my own eyes",
                   "in person", "nurse"],
    "media": ["social media", "social network*", "posts", "video", "footage", "reuters", "associated press",
              "media", "newspaper*", "news", "press", "journalist*", "reporters", "tv", "television",
              "headline*", "blog*", "twitter", "facebook", "youtube", "interviewer"],
    "unknown": ["it is reported", "reportedly", "is estimated", "was estimated", "were estimated",
                "information appeared", "some sources", "it is said", "it was reported", "sources",
                "doctors", "put at"],
}
DEFAULT_REPORTING = [
    "according to", "say", "says", "said", "saying", "confirmed", "confirm*", "report", "reports", "reported",
    "reporting", "announced",
    "claimed", "claim*", "estimat*", "maintained", "maintain*", "told", "stated", "counted",
    "recalled", "noted", "believe*", "put", "acknowledged", "admitted", "repeated", "insist*",
    "testified", "wrote", "show*", "describe*", "talk about", "refer to",
    "obtain evidence", "officially", "reportedly", "assert*", "informed", "cited", "quoted", "accuse*", "put at",
    "information appeared",
]


class FactsParams(Section):
    measures: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_MEASURES.items()},
        description="measure -> cue words/phrases (trailing * = any ending); order = priority on ties; "
                    "anything without a cue is 'other'",
    )
    measure_exclude: list[str] = Field(
        default_factory=lambda: list(DEFAULT_MEASURE_EXCLUDE),
        description="phrases that contain a cue but are not one (e.g. 'fired at')",
    )
    attribution: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_ATTRIBUTION.items()},
        description="attribution kind -> cue words in the source phrase (official, unofficial, "
                    "eyewitness, media, unknown); no source phrase = author",
    )
    reporting: list[str] = Field(
        default_factory=lambda: list(DEFAULT_REPORTING),
        description="words that introduce a source: say, said, according to, confirmed, ...",
    )
    kinds: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_KINDS.items()},
        description="event kind -> cue words; a figure's kind comes from its measure and these words around "
                    "it; an event is (place, period, kind); a figure with no date of its own takes the dates "
                    "of its kind's story in its text",
    )
    kind_exclude: list[str] = Field(
        default_factory=lambda: list(DEFAULT_KIND_EXCLUDE),
        description="phrases that contain a kind cue but are not one (the 'riot police' of a strike are "
                    "not a riot)",
    )
    measure_kinds: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_MEASURE_KINDS),
        description="measure -> the event kind its figures are about unless the words around them say "
                    "otherwise (e.g. sentenced -> trial)",
    )
    same_day_kinds: dict[str, str] = Field(
        default_factory=lambda: {"protest": "violence"},
        description="kind -> kind it joins on the same day and place: a protest figure dated to a day on "
                    "which violence figures are dated at the same place is part of that violent event (the "
                    "rally that was fired on); protests of other days or places stay protests",
    )
    place_measures: list[str] = Field(
        default_factory=lambda: ["population"],
        description="measures that describe a place, not an event (population): their figures are grouped "
                    "as facts about the place (undated), not counted with an event",
    )
    places: dict[str, list[str]] = Field(
        default_factory=dict,
        description="canonical place -> other spellings (merged before events are formed); places are "
                    "also found by pattern and from entity mentions, so this list is optional",
    )
    place_similarity: float = Field(
        0.85, ge=0.5, le=1.0,
        description="place names at least this similar (rapidfuzz ratio/100) are one place",
    )
    context_sentences: int = Field(
        6, ge=0, le=100,
        description="how many sentences of its passage before a figure (and after it, for a dated sentence "
                    "of its kind) it may take its date from; also how far back its kind is looked for",
    )
    max_sentence_chars: int = Field(
        2000, ge=100, le=100_000,
        description="longer sentences are analysed in windows of this size (bounds the work per sentence)",
    )
    partition_passages: int = Field(
        2000, ge=10, le=1_000_000, description="passages per parallel partition",
    )

    @field_validator("measures", "attribution", "kinds")
    @classmethod
    def _non_empty(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, cues in value.items():
            if not key or not key.replace("_", "").isalnum():
                raise ValueError(f"name {key!r} must be letters, digits or _")
            if not all(isinstance(c, str) and c.strip() for c in cues):
                raise ValueError(f"{key}: every cue must be a non-empty string")
        return value

    @field_validator("attribution")
    @classmethod
    def _kinds(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        allowed = {"official", "unofficial", "eyewitness", "media", "unknown", "author"}
        bad = sorted(set(value) - allowed)
        if bad:
            raise ValueError(f"unknown attribution kind(s) {bad}; allowed: {sorted(allowed)}")
        return value

    @model_validator(mode="after")
    def _measure_kinds_known(self):
        bad = sorted(k for k in self.measure_kinds.values() if k not in self.kinds)
        if bad:
            raise ValueError(f"measure_kinds names kind(s) {bad} that are not in kinds {sorted(self.kinds)}")
        bad = sorted(k for pair in self.same_day_kinds.items() for k in pair if k not in self.kinds)
        if bad:
            raise ValueError(f"same_day_kinds names kind(s) {bad} that are not in kinds {sorted(self.kinds)}")
        return self
