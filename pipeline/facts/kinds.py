"""Event kinds: what the story of a figure is about (violence, strike, trial, crackdown, protest, ...).

The same town and weeks hold several stories: a strike, a shooting, the detentions
that followed, the trials a year later. A figure's kind comes from what it counts
(`measure_kinds`: sentenced -> trial, detained -> crackdown, killed -> violence)
and from the cue words of `kinds` around it (the words near the figure, else its
whole sentence); the measure counts double, so "37 defendants ... in the detention
centre where people were tortured, were tried" stays a trial figure, while "killed"
words around a count of participants make it a violence figure; a cause of harm named near a count of
the dead or hurt (`harm_causes`: an earthquake, a flood), or in its text's headline or lead, makes it
that cause's figure when no word around it but words of harm says otherwise. A figure with
neither takes the kind of the sentences just before it in its passage (the caller
does that). Both lexicons default to pipeline/facts/lexicons/en.yaml (params.yaml may
override them); the cues that decided are kept, so a
user can see why a figure went to an event.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.facts.lexicon import Lexicon, kind_hits

WINDOW = 80           # characters either side of a figure that are "the words around it"
MEASURE_WEIGHT = 2    # what a figure counts weighs as much as two cue words


# counts of people whose harm a cause names ("the earthquake killed 46", "the flood left 12 missing")
HARM_MEASURES = {"killed", "injured", "shot", "killed_or_injured", "missing", "displaced"}
MEANS_MEASURES = {"shot"}   # ... of which the word tells what harmed them (a gun): a cause, not only harm


# nouns that tell that people came to harm, not what harmed them: a bus crash has its tragedy, victims and
# bodies as a shooting has (English and Russian)
HARM_NOUNS = re.compile(r"trag(?:edy|edies|ic)|casualt(?:y|ies)|victims?|bod(?:y|ies)|injur\w*|wound\w*|dead|died|"
                        r"deaths?|fatalit(?:y|ies)|burns?|трагеди\w*|жертв\w*|пострадавш\w*|погибш\w*|тел[ао]?")


def says_only_harm(cue: str, lex: Lexicon) -> bool:
    """Is a kind cue also a word of a count of harm ("died", "killed", "injured", "victims")? It tells that
    people died or were hurt, not what harmed them."""
    if HARM_NOUNS.fullmatch(cue):
        return True
    forms = [cue] + ([cue[:-3] + "ed"] if cue.endswith("ing") else [])   # "killing 69", "injuring dozens"
    return any(rx.fullmatch(form) for form in forms for name, rx in lex.measures
               if name in HARM_MEASURES and name not in MEANS_MEASURES)


def story_cause(lines: list[list[tuple[int, str, str]]], harm_causes: frozenset[str]) -> str | None:
    """The harm cause a text names in its headline or lead (the kind hits of those lines, in order): what
    harmed the people its figures count, where nothing nearer says ("Powerful earthquake kills dozens")."""
    for hits in lines:
        for _, kind, _ in sorted(hits):
            if kind in harm_causes:
                return kind
    return None


def figure_kind(text: str, start: int, end: int, s0: int, e0: int, measure: str, lex: Lexicon,
                measure_kinds: dict[str, str], sentence_hits: list | None = None,
                harm_causes: frozenset[str] = frozenset(), story_cause: str | None = None
                ) -> tuple[str | None, str | None, list[str]]:
    """(kind, basis, cues) of the figure text[start:end] in the sentence text[s0:e0].
    basis: 'measure' (its measure alone), 'words' (cue words near it, maybe with its measure),
    'sentence' (cue words elsewhere in its sentence); (None, None, []) when nothing says.
    `sentence_hits`: kind_hits of the sentence with positions into `text`, when the caller has them.
    `harm_causes`: kinds that name what harmed the people a count of harm counts; one named near such a
    count takes the measure's weight (the dead of an earthquake are a disaster's, not violence's).
    `story_cause`: the harm cause the figure's text names in its headline or lead (`story_cause`); a
    count of harm with no other word around it than words of harm ("at least 69 people have died") is
    that cause's figure."""
    if sentence_hits is None:
        sentence_hits = [(s0 + p, k, c) for p, k, c in kind_hits(text[s0:e0], lex)]
    scores: Counter = Counter()
    mk = measure_kinds.get(measure)
    a, b = max(s0, start - WINDOW), min(e0, end + WINDOW)
    hits = [(abs(p - start), k, c) for p, k, c in sentence_hits if a <= p < b]
    # a count of harm whose words around it say only that people died or were hurt (no "opened fire",
    # no "riot"): what harmed them is the cause named near it, else the one its story names
    only_harm = measure in HARM_MEASURES and all(k in harm_causes or says_only_harm(c, lex) for _, k, c in hits)
    causes = [h for h in hits if h[1] in harm_causes] if only_harm else []
    if causes:
        mk = min(causes)[1]
    elif only_harm and story_cause:
        return story_cause, "story", [f"measure {measure}", f"the story's {story_cause}"]
    if mk:
        scores[mk] += MEASURE_WEIGHT
    basis = "words" if hits else ("measure" if mk else None)
    if not hits and not mk:
        hits = [(abs(p - start), k, c) for p, k, c in sentence_hits]
        basis = "sentence" if hits else None
    for _, k, _ in hits:
        scores[k] += 1
    if not scores:
        return None, None, []
    top = max(scores.values())
    tied = [k for k, n in scores.items() if n == top]
    if mk in tied:
        kind = mk
    elif len(tied) == 1:
        kind = tied[0]
    else:
        kind = min((h for h in hits if h[1] in tied), key=lambda h: h[0])[1]
    cues = ([f"measure {measure}"] if kind == mk else []) + sorted({c for _, k, c in hits if k == kind})
    if kind != mk and basis == "measure":
        basis = "words"
    return kind, basis, cues
