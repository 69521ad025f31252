"""From raw model output to clean mentions: spans, labels, names the model missed.

Rules, in order (each is general; corpus-specific knowledge lives in the gazetteer):

1. Span clean-up of model mentions: cut at line breaks and at list separators
   (", ", " / ", " - "); strip surrounding quotes and brackets, a leading
   article, a trailing possessive ('s, ’s, '), leading titles of a person
   ("President", "Mr.", "colonel"; the closed list ``TITLES``, kept in ``title``;
   "St" and "Saint" are part of a name, not titles), trailing
   generic heads of places and bodies ("region", "party", "company"). Drop
   what is left if it has no capital letter, is a bare title, or is excluded
   by the gazetteer.
   Single words the corpus writes in lower case more often are dropped, unless
   they are acronyms ("US") or the model labels them inside a sentence ("the Fed").
2. Gazetteer linking: a model mention whose key equals a gazetteer spelling
   written alike (same script; an acronym only as written) or is a close
   variant of a long one takes that entry and its label.
3. Propagation ("one sense per discourse"): a multi-word name the model found
   is also found where the model missed it, anywhere in the corpus; the given
   name and surname of a person named in full are found alone in the same
   document (unless the word also appears in lower case there: "May", "Rose";
   is an acronym; or the model calls the word something else in the document).
4. Labels: a single word that is a part of a person named in full in the same
   document is PERSON when the model calls the word a person there too or the
   name ends in a surname-shaped word; otherwise the majority label of a spelling
   across the corpus wins over a minority of the same kind; a place label never
   becomes a person or an organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from pipeline.entities.gazetteer import Gazetteer
from pipeline.text.translit import (derived_from, is_acronym, name_key, phonetic_key, surname_like,
                                        surname_shaped, written_alike)

# Words before a person's name that are not part of it (name_key form): a closed list, the
# one in docs/entities.md, plus the gazetteer's `titles`. "St" and "Saint" are not on it: before a
# name they are part of the name ("St Mirren", "Saint Nicholas", "St. Petersburg").
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lady lord madam madame mme mlle monsieur
president vice president prime minister premier minister chancellor secretary general
deputy senator congressman congresswoman mp mep governor mayor judge justice attorney
prosecutor ambassador ombudsman ombudswoman chairman chairwoman chairperson chair director
ceo chief head leader spokesman spokeswoman spokesperson commissioner inspector officer
colonel col lieutenant lt general gen major maj captain capt sergeant sgt corporal private
admiral commander marshal king queen prince princess emperor sheikh pope
bishop archbishop rev reverend father imam rabbi activist journalist lawyer
former late acting ex
""".split())
TITLE_PREFIXES = ("ex-", "former ", "late ", "acting ", "deputy ", "vice-", "vice ")
# Lower-case words that belong to a name ("Charles de Gaulle", "Ibn Battuta")
PARTICLES = frozenset("de van von der den la le da di du del della dos das bin ibn al el ter ten".split())
GENERIC_HEADS = frozenset("""
region regions oblast oblys province district districts city town village settlement
county state republic area party company companies enterprise firm corporation movement
group union office department ministry agency service committee council court plant
field oilfield
""".split())
DETERMINERS = frozenset({"the", "a", "an"})
OPEN = "\"'“”‘’«»„([{<*•·"
CLOSE = "\"'“”‘’«»)]}>*,;:!?-–—•·"
POSSESSIVE = re.compile(r"(?:['’`]s|['’`])$")
SEPARATORS = re.compile(r"\s*\n\s*|\s+[/|–—-]\s+|\s+[–—]|\s*;\s+|,\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
LEGAL_SUFFIXES = frozenset("jsc ojsc cjsc pjsc llp llc ltd inc plc corp co ag sa gmbh bv nv ao oao zao too kk".split())


@dataclass
class M:
    """One mention while it is being refined."""
    p: int  # passage index
    start: int
    end: int
    label: str
    gaz: int = -1  # gazetteer entry, or -1
    source: str = "model"  # model | gazetteer | propagated | header
    link_rule: str = ""  # how it was linked to the gazetteer entry
    link_score: float = 1.0
    title: str = ""


def _lower_initial(word: str) -> bool:
    return bool(word) and word[0].isalpha() and word[0].islower()


def _trim(text: str, s: int, e: int, label: str, titles: frozenset[str]) -> tuple[int, int, str]:
    """Shrink [s, e) of text to the name proper; returns (s, e, stripped title)."""
    title_words: list[str] = []
    changed = True
    while changed and s < e:
        changed = False
        while s < e and (text[s].isspace() or text[s] in OPEN):
            s += 1
            changed = True
        while e > s and (text[e - 1].isspace() or text[e - 1] in CLOSE):
            e -= 1
            changed = True
        m = POSSESSIVE.search(text, s, e)
        if m and m.start() > s:
            e = m.start()
            changed = True
        span = text[s:e]
        first, _, rest = span.partition(" ")
        if rest and first.lower() in DETERMINERS:
            s += len(first) + 1
            changed = True
            continue
        if label == "PERSON" and rest:
            words = span.split(" ")
            cut = max((i for i, w in enumerate(words[:-1]) if name_key(w.rstrip(".")) in titles), default=-1)
            if cut > 0:  # "French Foreign Minister Anne Roy": everything up to the last title
                head = " ".join(words[:cut + 1])
                title_words.append(head)
                s += len(head) + 1
                changed = True
                continue
            fk = name_key(first.rstrip("."))
            low = first.lower()
            if fk in titles or fk.replace(" ", "") in titles or low.startswith(TITLE_PREFIXES) \
                    or (_lower_initial(first) and low not in PARTICLES):
                title_words.append(first)
                s += len(first) + 1
                changed = True
                continue
        if rest and label in ("PERSON", "NORP"):
            head, _, last = span.rpartition(" ")
            if head and _lower_initial(last) and last not in PARTICLES:
                e = s + len(head)
                changed = True
                continue
        if rest and label in ("GPE", "ORG", "LOC"):
            head, _, last = span.rpartition(" ")
            if head and last.lower() in GENERIC_HEADS and _lower_initial(last):
                e = s + len(head)
                changed = True
                continue
    return s, e, " ".join(title_words)


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in SEPARATORS.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return [(a, b) for a, b in out if b > a]


FILE_OR_URL = re.compile(r"https?:|www\.|@|\w_\w|\.(?:png|jpe?g|gif|svg|webp|pdf|html?|php|aspx?|docx?|xlsx?|txt|mp[34])$"
                         r"|\.(?:com|org|net|ru|kz|info)\b", re.I)


def _keep(surface: str, gazetteer: Gazetteer, titles: frozenset[str]) -> bool:
    if len(surface) < 2 or not any(c.isalpha() for c in surface):
        return False
    if FILE_OR_URL.search(surface):
        return False
    if not any(c.isupper() for c in surface):
        return False
    k = name_key(surface)
    if not k or k in gazetteer.exclude_keys or k in titles:
        return False
    return True


def _preceding_title(text: str, s: int, titles: frozenset[str]) -> str:
    """A title written just before a name ("President Tokayev", "Mr. Ivanov")."""
    m = re.search(r"([^\W\d_][\w.-]*)\s+$", text[max(0, s - 40):s])
    if m and name_key(m.group(1).rstrip(".")) in titles:
        return m.group(1)
    return ""


# a run of non-space characters that is an address: e-mail, message id, URL, host, UUCP bang path
_ADDRESS_TOKEN = re.compile(r"@|://|^www\.|\w!\w|^<.*>$|\.(?:uucp|bitnet)\b", re.I)
# a signature's address label: "UUCP: uunet!optilink!walsh", "DOMAIN: steveh@thor.isc-br.com"
_ADDRESS_LABEL_AFTER = re.compile(r":[ \t]*\S*(?:@|\w!\w|://)")


def in_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of an address (silver@bokonon.UUCP, <7166@pdxgate.UUCP>, a URL, a
    bang path) or the label of one ("UUCP: uunet!optilink!walsh")? Not a name, whatever the model says."""
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    token = text[a:b]
    if " " not in text[start:end] and _ADDRESS_TOKEN.search(token):
        return True
    return bool(_ADDRESS_LABEL_AFTER.match(text, end))


def clean_spans(raw: Sequence[tuple[int, int, int, str, int]], texts: Sequence[str],
                gazetteer: Gazetteer) -> list[M]:
    """Rule 1: raw (passage, start, end, label, gaz) -> trimmed, split, filtered mentions."""
    titles = TITLES | gazetteer.title_keys
    out: list[M] = []
    for p, s, e, label, gaz in raw:
        text = texts[p]
        if gaz >= 0:
            out.append(M(p, s, e, label, gaz, "gazetteer", "gazetteer", 1.0,
                         _preceding_title(text, s, titles) if label == "PERSON" else ""))
            continue
        for a, b in _parts(text, s, e):
            a, b, title = _trim(text, a, b, label, titles)
            if b <= a or not _keep(text[a:b], gazetteer, titles) or in_address(text, a, b):
                continue
            if label == "PERSON" and not title:
                title = _preceding_title(text, a, titles)
            out.append(M(p, a, b, label, title=title))
    return out


def link_gazetteer(mentions: list[M], texts: Sequence[str], gazetteer: Gazetteer,
                   fuzzy_threshold: float, fuzzy_min_chars: int) -> None:
    """Rule 2, in place: model mentions whose spelling the gazetteer knows take its entry."""
    if not len(gazetteer):
        return
    from rapidfuzz import fuzz, process

    choices: dict[str, int] = {}
    for i, e in enumerate(gazetteer.entries):
        for form in e.aliases:
            k = phonetic_key(form)
            if gazetteer.by_phonetic.get(k) == i:
                choices[k] = i
    keys = list(choices)
    cache: dict[tuple[str, bool], tuple[int, str, float]] = {}
    for m in mentions:
        if m.gaz >= 0:
            continue
        surface = texts[m.p][m.start:m.end]
        ck = (surface, m.label == "ORG")
        if ck not in cache:
            hit = gazetteer.lookup(surface)
            if hit is None and m.label == "ORG":
                hit = gazetteer.lookup(_without_legal_form(surface))
            result = (-1, "", 0.0)
            if hit is not None:
                result = (hit, "gazetteer_key", 1.0)
            elif keys:
                k = phonetic_key(surface)
                if len(k) >= fuzzy_min_chars:
                    best = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=fuzzy_threshold * 100)
                    if best is not None:
                        target = best[0]
                        pairs = list(zip(k.split(), target.split()))
                        written = [a for a, j in gazetteer.forms_by_phonetic.get(target, ()) if j == choices[target]]
                        if (target[:1] == k[:1] and len(target.split()) == len(k.split())
                                and any(written_alike(surface, a, gazetteer.entries[choices[target]].lowercase)
                                        for a in written)
                                and not derived_from(k, target) and _same_digits(k, target)
                                and all(a == b or (fuzz.ratio(a, b) >= fuzzy_threshold * 100
                                                   and not derived_from(a, b)) for a, b in pairs)
                                and (len(pairs) < 2 or pairs[0][0] == pairs[0][1])):
                            result = (choices[target], "gazetteer_fuzzy", round(best[1] / 100, 3))
            cache[ck] = result
        gi, rule, score = cache[ck]
        if gi >= 0:
            m.gaz, m.link_rule, m.link_score = gi, rule, score
            m.label = gazetteer.entries[gi].label


def _without_legal_form(surface: str) -> str:
    """The name without a trailing legal-form word ("Kaspi Bank JSC" -> "Kaspi Bank")."""
    words = surface.split()
    while len(words) > 1 and name_key(words[-1]) in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _same_digits(a: str, b: str) -> bool:
    return re.findall(r"\d+", a) == re.findall(r"\d+", b)


def _looks_like_name(surface: str) -> bool:
    words = surface.split()
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in (words[0], words[-1]))


def propagate(mentions: list[M], texts: Sequence[str], docs: Sequence[str],
              min_agreement: float = 0.75) -> list[M]:
    """Rule 3: find known names where the model missed them; returns the new mention list."""
    by_doc_text: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_doc_text[d].append(i)
    # corpus-wide multi-word names with a consistent label
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.gaz < 0 and m.source == "model":
            surface = texts[m.p][m.start:m.end]
            if "\n" not in surface and _looks_like_name(surface):
                labels[surface][m.label] += 1
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for surface, c in labels.items():
        label, n = c.most_common(1)[0]
        if n / sum(c.values()) >= min_agreement:
            first = WORD.search(surface)
            if first:
                names[first.group()].append((surface, label))
    for first in names:
        names[first].sort(key=lambda x: -len(x[0]))
    # per document: single words of persons named in full, when the model does not label the
    # word alone otherwise in the document, or agrees that it is a person (see _model_agrees),
    # or the name ends in a surname-shaped word ("London Heathrow" mislabelled
    # PERSON does not make every "London" a person), and never an acronym ("JPL Info")
    doc_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for m in mentions:
        if m.source == "model" and m.gaz < 0:
            words = texts[m.p][m.start:m.end].split()
            if len(words) == 1 and WORD.fullmatch(words[0]):
                doc_votes[(docs[m.p], words[0])][m.label == "PERSON"] += 1
            elif len(words) >= 2 and m.label == "PERSON":
                for w in {words[0], words[-1]}:
                    doc_votes[(docs[m.p], w)]["in_name"] += 1
    parts: dict[str, dict[str, str]] = defaultdict(dict)
    lower_words: dict[str, set[str]] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        words = texts[m.p][m.start:m.end].split()
        if len(words) < 2:
            continue
        d = docs[m.p]
        shaped = surname_shaped(words[-1])
        if d not in lower_words:
            lower_words[d] = {w for i in by_doc_text[d] for w in WORD.findall(texts[i]) if w.islower()}
        for w in (words[0], words[-1]):
            if len(w) >= 3 and WORD.fullmatch(w) and w[0].isupper() and w.lower() not in lower_words[d] \
                    and name_key(w) not in TITLES and w.lower() not in DETERMINERS and not is_acronym(w) \
                    and (shaped or not doc_votes[(d, w)][False] or _model_agrees(doc_votes[(d, w)])):
                parts[d][w] = "PERSON"
                parts[d][w.upper()] = "PERSON"
    if not names and not parts:
        return mentions
    by_p: dict[int, list[M]] = defaultdict(list)
    for m in mentions:
        by_p[m.p].append(m)
    out: list[M] = []
    for p, text in enumerate(texts):
        current = sorted(by_p.get(p, []), key=lambda m: m.start)
        doc_parts = parts.get(docs[p], {})
        found: list[M] = []
        for w in WORD.finditer(text):
            word = w.group()
            wend = w.end()
            if word[-2:] in ("'s", "’s") and word[:-2] in doc_parts:
                word, wend = word[:-2], wend - 2
            for surface, label in names.get(word, ()):
                if text.startswith(surface, w.start()):
                    end = w.start() + len(surface)
                    if end == len(text) or not (text[end].isalnum()):
                        found.append(M(p, w.start(), end, label, source="propagated"))
                        break
            else:
                if word in doc_parts:
                    found.append(M(p, w.start(), wend, doc_parts[word], source="propagated"))
        if found:
            current = _merge_found(current, found)
        out.extend(current)
    return out


class _Intervals:
    """Non-overlapping [start, end) spans of one passage, sorted, with O(log n) overlap queries."""

    def __init__(self, items: list[M]):
        self.items = sorted(items, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def overlapping(self, start: int, end: int) -> list[M]:
        i = bisect_left(self.starts, start)
        j = i - 1 if i > 0 else 0
        out = []
        while j < len(self.items) and self.items[j].start < end:
            if self.items[j].end > start:
                out.append(self.items[j])
            j += 1
        return out

    def add(self, m: M) -> None:
        i = bisect_left(self.starts, m.start)
        self.starts.insert(i, m.start)
        self.items.insert(i, m)

    def remove(self, m: M) -> None:
        i = bisect_left(self.starts, m.start)
        while self.items[i] is not m:
            i += 1
        del self.starts[i]
        del self.items[i]


def _merge_found(current: list[M], found: list[M]) -> list[M]:
    """Add found spans that overlap nothing; a found span replaces model spans it strictly contains."""
    spans = _Intervals(current)
    for f in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        overlapping = spans.overlapping(f.start, f.end)
        if not overlapping:
            spans.add(f)
        elif all(m.source == "model" and f.start <= m.start and m.end <= f.end
                 and (m.end - m.start) < (f.end - f.start) for m in overlapping):
            for m in overlapping:
                spans.remove(m)
            spans.add(f)
    return spans.items


NEXT_WORD = re.compile(r"[ \t]([^\W\d_][^\W\d_'’-]*[^\W\d_])")
OF_GAP = re.compile(r"\s+of(?:\s+the)?\s+$")


def adjust_spans(mentions: list[M], texts: Sequence[str]) -> list[M]:
    """Extend a person over a following surname the model left out ("Anna IVANOVA",
    "Dina Sergeyeva"); take an organisation's "of <place>" into its name
    ("Green Party of" + "Canada", "Labour Party" + " of " + "Norway")."""
    by_p: dict[int, list[M]] = defaultdict(list)
    for m in mentions:
        by_p[m.p].append(m)
    out: list[M] = []
    for p, ms in by_p.items():
        ms.sort(key=lambda m: m.start)
        text = texts[p]
        starts = {m.start for m in ms}
        keep: list[M] = []
        i = 0
        while i < len(ms):
            m = ms[i]
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if m.source == "model" and m.gaz < 0:
                w = NEXT_WORD.match(text, m.end)
                # the next word is free, or is exactly a model mention of its own ("Anna" + "Ivanova")
                swallow = (w is not None and nxt is not None and nxt.start == w.start(1) and nxt.end == w.end(1)
                           and nxt.source == "model" and nxt.gaz < 0)
                if w and (swallow or (w.start(1) not in starts and (nxt is None or nxt.start >= w.end(1)))):
                    word = w.group(1)
                    single = WORD.fullmatch(text[m.start:m.end]) is not None
                    grow = False
                    if m.label == "PERSON" and single and word.isupper() and len(word) >= 4:
                        grow = True
                    elif (m.label == "PERSON" or single) and word[0].isupper() and not word.isupper() \
                            and surname_like(phonetic_key(word)):
                        grow = True
                        m.label = "PERSON"
                    if grow:
                        m.end = w.end(1)
                        if swallow:
                            keep.append(m)
                            i += 2
                            continue
            if m.label == "ORG" and m.source == "model" and m.gaz < 0 and nxt is not None \
                    and nxt.label in ("GPE", "LOC"):
                gap = text[m.end:nxt.start]
                dangling = text[m.start:m.end].endswith(" of") and gap == " "
                if dangling or OF_GAP.fullmatch(gap):
                    m.end = nxt.end
                    keep.append(m)
                    i += 2
                    continue
            keep.append(m)
            i += 1
        out.extend(keep)
    return sorted(out, key=lambda m: (m.p, m.start))


HEADING_CHARS = 200  # a title-case heading is a short line
SENTENCE_END = re.compile(r"[.!?…;:][\"'’”»)\]]*\s+")  # a capital after ";" or ":" starts a list item


def sentence_internal(text: str, start: int) -> bool:
    """True if a word precedes `start` in its sentence, on a line that is not a title-case
    heading: there, a capital letter is the writer's choice, not the sentence's."""
    line_start = text.rfind("\n", max(0, start - 1000), start) + 1  # bounded: passages can be long
    before = text[max(line_start, start - 1000):start]
    ends = list(SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    if not WORD.search(before):
        return False
    if (line_start == 0 and start >= 1000) or start - line_start > HEADING_CHARS:
        return True  # a long line is running text, not a heading
    line_end = text.find("\n", start, line_start + HEADING_CHARS + 1)
    if line_end < 0 and len(text) > line_start + HEADING_CHARS:
        return True
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    words = [w for w in WORD.findall(line) if w[0].isalpha()]
    heading = len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    return not heading


def drop_common_words(mentions: list[M], texts: Sequence[str], person_words: set[str]) -> list[M]:
    """Drop single-word model mentions of words the corpus writes in lower case more often
    than capitalised ("Weather", "Sport", "Update" at the start of a line), unless the word is
    an acronym ("US") or the model labels it somewhere inside a sentence, where the capital is
    the writer's ("the Fed", "the Cabinet", "Labour said")."""
    singles: set[str] = set()
    internal: set[str] = set()
    for m in mentions:
        surface = texts[m.p][m.start:m.end]
        if m.source == "model" and m.gaz < 0 and WORD.fullmatch(surface) and not is_acronym(surface):
            singles.add(surface)
            if sentence_internal(texts[m.p], m.start) and not surface.isupper():  # not "IMMEDIATELY"
                internal.add(surface)
    singles -= internal
    if not singles:
        return mentions
    wanted = {w.lower() for w in singles}
    lower: Counter = Counter()
    cap: Counter = Counter()
    for text in texts:
        for w in WORD.findall(text):
            lw = w.lower()
            if lw in wanted:
                (lower if w == lw else cap)[lw] += 1
    common = {w for w in singles if lower[w.lower()] > cap[w.lower()] and w not in person_words}
    return [m for m in mentions if not (m.source == "model" and m.gaz < 0
                                        and texts[m.p][m.start:m.end] in common)]


# Labels of the same kind of thing: the majority may move a mention between them, never across.
KIND = {"GPE": "place", "LOC": "place", "FAC": "place"}


def label_kind(label: str) -> str:
    return KIND.get(label, label)


def _model_agrees(votes: Counter) -> bool:
    """The model's own labels in a document say the word is a person's name: it called the word
    alone a person at least once, and its person labels (alone or inside a person's full name)
    are at least as many as its other labels of the word alone. A place the model never calls a
    person alone ("London", however often "London Heathrow" is mislabelled) never agrees."""
    return votes[True] >= 1 and votes[True] + votes["in_name"] >= votes[False]


def harmonise_labels(mentions: list[M], texts: Sequence[str], docs: Sequence[str],
                     gaz_surnames: set[str] = frozenset()) -> None:
    """Rule 4, in place. A single word (not an acronym) is PERSON if it is the given name or
    surname of a person named in full in the same document and either the model itself calls
    the word alone a person in that document or the full name ends in a surname-shaped word
    (-ov, -eva, -enko, ...): a full name the model mislabels ("London Heathrow" as a person)
    does not make the place a person. A surname-shaped word the model called a person somewhere
    is PERSON wherever it is a surname in the corpus or the gazetteer; a capitalised name of two
    or three words ending in such a surname is PERSON. Otherwise the majority label of a
    spelling wins over a minority of the same kind only (GPE, LOC, FAC are places): a place
    label never becomes PERSON or ORG by majority ("Oakland", "Milan" as teams elsewhere)."""
    person_parts: dict[str, set[str]] = defaultdict(set)
    shaped_parts: dict[str, set[str]] = defaultdict(set)
    votes_in_doc: dict[tuple[str, str], Counter] = defaultdict(Counter)  # the model's, see _model_agrees
    for m in mentions:
        if m.label == "PERSON":
            words = texts[m.p][m.start:m.end].split()
            if len(words) >= 2:
                first, last = phonetic_key(words[0]), phonetic_key(words[-1])
                person_parts[docs[m.p]].update({first, last})
                if surname_shaped(words[-1]):
                    shaped_parts[docs[m.p]].update({first, last})
                if m.source == "model":
                    for k in {first, last}:
                        votes_in_doc[(docs[m.p], k)]["in_name"] += 1
    surnames = {k for parts in person_parts.values() for k in parts if surname_like(k)}
    surnames.update(gaz_surnames)
    # a surname from elsewhere in the corpus needs the model to have called the word a person
    # at least once (a city and a surname can share a name: Kirov, Washington)
    person_votes: set[str] = set()
    for m in mentions:
        surface = texts[m.p][m.start:m.end]
        if " " not in surface.strip():
            if m.label == "PERSON":
                person_votes.add(phonetic_key(surface))
            if m.source == "model":
                votes_in_doc[(docs[m.p], phonetic_key(surface))][m.label == "PERSON"] += 1
    fixed = set()
    for i, m in enumerate(mentions):
        if m.gaz >= 0 or m.label == "PERSON":
            continue
        surface = texts[m.p][m.start:m.end]
        words = surface.split()
        if len(words) == 1:
            if is_acronym(surface):
                continue
            k = phonetic_key(surface)
            d = docs[m.p]
            v = votes_in_doc.get((d, k), Counter())
            in_doc = k in person_parts.get(d, ()) and (k in shaped_parts.get(d, ()) or surname_shaped(surface)
                                                        or _model_agrees(v))
            if in_doc or (k in surnames and k in person_votes):
                m.label = "PERSON"
                fixed.add(i)
        elif len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) \
                and not any(w.lower() in GENERIC_HEADS for w in words) \
                and surname_shaped(words[-1]):
            m.label = "PERSON"
            fixed.add(i)
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.gaz < 0:
            votes[phonetic_key(texts[m.p][m.start:m.end])][m.label] += 1
    for i, m in enumerate(mentions):
        if m.gaz >= 0 or i in fixed:
            continue
        c = votes[phonetic_key(texts[m.p][m.start:m.end])]
        label, n = c.most_common(1)[0]
        if label != m.label and n * 2 > sum(c.values()) and n >= 2 and label_kind(label) == label_kind(m.label):
            m.label = label


def dedupe(mentions: list[M]) -> list[M]:
    """No two mentions overlap: gazetteer first, then longer, then earlier."""
    rank = {"gazetteer": 0, "model": 1, "propagated": 2}
    chosen: dict[int, _Intervals] = defaultdict(lambda: _Intervals([]))
    for m in sorted(mentions, key=lambda m: (m.gaz < 0, rank[m.source], -(m.end - m.start), m.p, m.start)):
        taken = chosen[m.p]
        if not taken.overlapping(m.start, m.end):
            taken.add(m)
    return [m for p in sorted(chosen) for m in chosen[p].items]


def refine(raw, texts: Sequence[str], docs: Sequence[str], gazetteer: Gazetteer, *,
           fuzzy_threshold: float = 0.88, fuzzy_min_chars: int = 6, propagate_names: bool = True) -> list[M]:
    mentions = clean_spans(raw, texts, gazetteer)
    mentions = dedupe(mentions)
    link_gazetteer(mentions, texts, gazetteer, fuzzy_threshold, fuzzy_min_chars)
    mentions = adjust_spans(mentions, texts)
    gaz_surnames = {phonetic_key(a).split()[-1] for e in gazetteer.entries if e.label == "PERSON"
                    for a in e.aliases if len(phonetic_key(a).split()) >= 2}
    person_words = {w for m in mentions if m.label == "PERSON" for w in texts[m.p][m.start:m.end].split()}
    mentions = drop_common_words(mentions, texts, person_words)
    if propagate_names:
        mentions = propagate(mentions, texts, docs)
    harmonise_labels(mentions, texts, docs, gaz_surnames)
    return dedupe(mentions)
