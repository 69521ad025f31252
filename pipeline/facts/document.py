"""One document, read the way a person reads it: the facts stage's first phase.

Phase 1 reads the passages in order: dates are resolved (years from context, datelines
that start another text), figures found with their measure and source. Phase 2 knows the
whole document: each text (a dateline starts one) gets its main place, every dated
sentence its kinds, and each figure its kind and the date and place of its story.
`read_document` returns the document's quantity and timeline rows; the corpus-wide step
is `pipeline.facts.stage.merge`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.facts.attribution import assign_attribution
from pipeline.facts.events import PLACE_FACTS, agencies_in, containers, event_key, event_places, \
    find_places, places_inside
from pipeline.facts.headline import NEWS_DATELINE
from pipeline.facts.grammar import Grammar, died_where_taken, shot_and_survived
from pipeline.facts.kinds import figure_kind, story_cause
from pipeline.facts.lexicon import CASUALTY, kind_hits, kinds_of
from pipeline.facts.measure import assign_measures
from pipeline.facts.quantities import Quantity, _windows as _cut, analysis_sentences, extract_passage
from pipeline.facts.ru_quantities import extract_russian
from pipeline.facts.tallies import tally_period
from pipeline.text.date_search import DateMention, find_dates, resolve
from pipeline.text.translit import cyrillic_share, has_cyrillic


DATE_ONLY_LINE = re.compile(r"^\W*$")
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:am|pm|gmt|utc)?|\b(?:gmt|utc)\b|\d\s*(?:am|pm)\b", re.I)


def _windows(spans, limit, text):
    return _cut(text, spans, limit)


def ref_date(iso: str | None) -> dt.date | None:
    if not iso or not isinstance(iso, str):
        return None
    try:
        if len(iso) >= 10:
            return dt.date.fromisoformat(iso[:10])
        if len(iso) == 7:
            return dt.date(int(iso[:4]), int(iso[5:7]), 15)
        if len(iso) == 4:
            return dt.date(int(iso), 7, 1)
    except ValueError:
        return None
    return None


def _line_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    return ls, (len(text) if le < 0 else le)


# a character CLOCK can never remove: a letter other than those of am/pm/gmt/utc, or "_"
_NOT_CLOCK = re.compile(r"[^\W\daAmMpPgGtTuUcC]")


def _date_only_line(text: str, m: DateMention) -> bool:
    ls, le = _line_bounds(text, m.start, m.end)
    if _NOT_CLOCK.search(text, ls, m.start) or _NOT_CLOCK.search(text, m.end, le):
        return False  # a word beside the date: no need to copy the line and strip clock times
    rest = (text[ls:m.start] + " " + text[m.end:le])
    rest = CLOCK.sub(" ", rest)
    return bool(DATE_ONLY_LINE.match(rest))


class DatedMention(NamedTuple):
    """A date found in a passage, with what its context made of it."""
    mention: DateMention
    resolved: object       # the resolved date (date_search.resolve)
    iso: str
    iso_end: str | None
    own_line: bool         # the date stands on a line of its own
    dateline: bool         # ... and heads a text (a dateline)


class Anchor(NamedTuple):
    """A date that can date the figures near it (not a dateline, not a caption's)."""
    position: int
    iso: str
    precision: str
    tells: bool            # it moves the time the text is telling about


class Heading(NamedTuple):
    """A passage that is only a date heads the next passage."""
    iso: str
    precision: str
    place: str | None


@dataclass
class _Passage:
    """What phase 1 learnt about one passage: its sentences, dates, places and figures."""
    pid: str
    index: int
    text: str
    asents: list
    astarts: list
    sids: list
    starts: list
    plist: list
    dated: list[DatedMention]
    anchors: list[Anchor]
    qs: list
    heading: Heading | None
    segment: int

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.astarts, pos) - 1)

    def sentence_id(self, pos: int) -> str | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.sids[k] if k >= 0 else (self.sids[0] if self.sids else None)


def read_document(doc_id, passage_ids, clean, sentences, mentions, skip, lex, params, ref, gazetteer, raw_span,
                   title=None, grammar: Grammar | None = None):
    """Quantities and dated mentions of one document, with their kind, date and place.

    Phase 1 reads the passages in order: dates are resolved (years from context, datelines
    that start another text), figures found with their measure and source. Phase 2 knows the
    whole document: each text (a dateline starts one) gets its main place, every dated
    sentence its kinds, and each figure its kind and the date and place of its story."""
    heading: Heading | None = None   # a date line just before
    dateline_ref = ref
    explicit_years: list[int] = []
    all_years: Counter = Counter()
    texts = {pid: clean[pid][0] for pid in passage_ids if pid in clean and pid not in skip
             and isinstance(clean[pid][0], str) and not clean[pid][1]}
    readable = list(texts)
    found_dates = {pid: find_dates(texts[pid]) for pid in readable}
    # the places NER found (GPE, LOC) when the entities stage ran, else those the place patterns find;
    # a state, county or country is not the place of a figure when the document names a town in it
    found_places = {pid: event_places(texts[pid], _with_agencies(texts[pid], mentions.get(pid, []))) if mentions
                    else find_places(texts[pid], gazetteer) for pid in readable}
    if mentions and not any(found_places.values()):
        # NER found no place in the whole document (a glued "in Winchester.Officers"): the patterns
        found_places = {pid: [x for x in event_places(texts[pid], find_places(texts[pid], gazetteer))
                              if not _headline_line(texts[pid], x[0])] for pid in readable}
    # the publisher's name after a headline ("... deaths of woman - KLTV.com-Tyler, Longview, Jacksonville,
    # Texas | ETX News") names the station's towns, not the story's
    tails = {pid: _publisher_tail(texts[pid]) for pid in readable[:2]}
    for pid, tail in tails.items():
        if tail is not None:
            found_places[pid] = [x for x in found_places[pid] if x[0] < tail]
    held_by = set().union(*(containers(texts[pid], found_places[pid]) for pid in readable)) if readable else set()
    named = {n for pid in readable for _, _, n in found_places[pid]}
    # "Cedarville Rancheria in Alturas", "Alturas, Calif.": one place named inside another
    inside = {(a, b) for pid in readable for a, b in places_inside(texts[pid], found_places[pid])}
    inside |= {(a, b) for b in held_by for a in named if a != b}
    if named - held_by:
        found_places = {pid: [x for x in v if x[2] not in held_by] for pid, v in found_places.items()}
    day_years: dict = defaultdict(Counter)    # (month, day) -> years it is written with in full
    month_years: dict = defaultdict(Counter)  # month -> years
    for pid in readable:
        for m in found_dates[pid]:
            if m.year is not None and m.relative is None and m.form != "y":
                all_years[m.year] += 1
                if m.month:
                    month_years[m.month][m.year] += 1
                    if m.day:
                        day_years[(m.month, m.day)][m.year] += 1
    last_doc_day: dt.date | None = None
    talked: dt.date | None = None  # the date the text is talking about (for "half a year later")
    segment = 0                    # a dateline starts another text (a page reprinting several articles)
    passages: list[_Passage] = []
    # phase 1: dates in text order, figures
    for pid in readable:
        text = texts[pid]
        if not text.strip():
            continue
        spans = sentences.get(pid, [])
        upstream = [(s, e) for s, e, _ in spans]
        asents = _windows(analysis_sentences(text, upstream), params.max_sentence_chars, text)
        dated = []
        anchors = []   # the dates that can date a figure (not datelines, not captions)
        passage_years = []
        last_day = last_doc_day
        for m in found_dates[pid]:
            if m.year is not None and m.relative is None:
                passage_years.append(m.year)
            year_ctx = None
            if m.year is None and m.form in ("season", "mid") and last_day is not None:
                year_ctx = last_day.year  # "in the summer": the year the text is talking about
            elif m.year is None and m.relative is None and m.month:
                # "16 December": the year this day is written with in full elsewhere in the document,
                # else the year of the dates just before it in the passage
                same = day_years.get((m.month, m.day)) if m.day else None
                if same:
                    year_ctx = same.most_common(1)[0][0]
                elif passage_years:
                    year_ctx = passage_years[-1]
                elif talked is not None and m.form == "am":
                    year_ctx = talked.year  # "the May holidays": the year the text is telling about
                elif dateline_ref is not None:
                    # the last such date before the day the text is written: news tells what has
                    # happened ("On April 2, Lopez opened fire" in January: last April); the next one
                    # in a sentence that tells of what is to come ("His next court date is a hearing
                    # on Jan. 25" in October: next January; a funeral "scheduled for February 27" in a
                    # text of February 26). A week's grace either way: a story updated after its first
                    # publication date.
                    grace = dt.timedelta(days=7)
                    try:
                        this_year = dt.date(dateline_ref.year, m.month, m.day or 1)
                    except ValueError:
                        this_year = None
                    if this_year is None:
                        year_ctx = dateline_ref.year
                    elif TO_COME.search(_sentence_around(text, m.start)):
                        year_ctx = dateline_ref.year + (this_year < dateline_ref - grace)
                    else:
                        year_ctx = dateline_ref.year - (this_year > dateline_ref + grace)
                elif month_years.get(m.month):
                    year_ctx = month_years[m.month].most_common(1)[0][0]
            elif m.year is None and m.relative is None and passage_years:
                year_ctx = passage_years[-1]
            elif m.year is None and m.relative is not None and dateline_ref is None and last_day is not None:
                year_ctx = last_day.year  # "this year" in an undated text: the year it has been talking about
            if year_ctx is None and m.year is None:
                # else the year the text is written in (dateline, published), else its usual year
                year_ctx = dateline_ref.year if dateline_ref else (
                    all_years.most_common(1)[0][0] if all_years else (explicit_years[-1] if explicit_years else None))
            # an offset ("Half a year later") counts from the date the text is talking about
            to_come = m.relative == "month" and bool(TO_COME_BEFORE.search(text, max(0, m.start - 40), m.start))
            r = resolve(m, dateline_ref, year_ctx, talked if m.relative == "offset" else last_day, to_come)
            if r is None or r.year is None:
                continue
            # "Half a year earlier ...": a look back, after which the text goes on where it was
            flashback = m.relative == "offset" and (m.offset_days or 0) < 0
            if m.year is None and (m.relative is None or (m.relative == "offset" and not flashback)):
                passage_years.append(r.year)  # "16 December (2011) ... and 17 December" share a year
            if r.precision == "day" and r.month and r.day:
                last_day = dt.date(r.year, r.month, r.day)
            iso, iso_end = r.iso()
            only = _date_only_line(text, m)
            ls, le = _line_bounds(text, m.start, m.end)
            nxt = text[le:].strip().split("\n", 1)[0] if le < len(text) else ""
            is_dateline = only and (bool(CLOCK.search(text[ls:le])) or m.weekday is not None or (
                nxt != "" and not re.search(r"[.!?:]\W*$", nxt)))
            if only and not is_dateline and le >= len(text.rstrip()):
                is_dateline = False
            if r.year and r.relative is None:
                explicit_years.append(r.year)
            dated.append(DatedMention(m, r, iso, iso_end, only, is_dateline))
            # a date in a picture's caption ("... 11 December 2017. Photo (c): ...") dates the picture,
            # not the text around it: it stays on the timeline only
            # a date after the day the document was published is a plan or a date to come ("will turn 2 on
            # April 2", "the trial is set for May 5"): it stays on the timeline, but what the figures
            # count had happened by then, so it dates none of them
            ahead = ref is not None and iso is not None and iso[:10] > (ref + dt.timedelta(days=1)).isoformat()[:len(iso[:10])]
            if not is_dateline and not ahead and not CAPTION.search(text, ls, le):
                # "Since August last year, he had spent at least 60 days in jail": a count since a date
                # runs up to the day the text is written, which is when it holds
                since = dateline_ref is not None and SINCE_BEFORE.search(text, max(0, m.start - 8), m.start)
                # the time the text is telling about moves only with a date as written: not with the day
                # of writing ("today"), nor with an offset ("Half a year earlier" looks back; offsets are
                # approximate, and "two months later ... three and a half years later" would add up)
                tells = not (m.relative in ("today", "yesterday", "offset") or
                             (m.form == "rely" and m.relative == "this"))
                anchors.append(Anchor(m.start, dateline_ref.isoformat(), "day", False) if since else
                               Anchor(m.start, _middle(iso, iso_end), r.precision, tells))
                if tells:
                    talked = ref_date(_middle(iso, iso_end))
            if is_dateline and r.precision == "day":
                dateline_ref = dt.date(r.year, r.month, r.day)
                talked = None
                # a dateline starts another text: the stories told before it are not the context
                # of what follows
                segment += 1
                heading = None
        last_doc_day = last_day
        # a sentence mostly in Cyrillic is read by the Russian number reader; the English grammar
        # (spaCy's parse) reads only the others
        in_russian = [cyrillic_share(text[a:b]) > 0.5 for a, b in asents] if has_cyrillic(text) else []
        russian = [sp for sp, ru in zip(asents, in_russian) if ru]
        english = [sp for sp, ru in zip(asents, in_russian) if not ru] if russian else asents
        qs = extract_passage(text, english, params.max_sentence_chars, found_dates[pid], prepared=True)
        if grammar is not None:
            qs = sorted(qs + grammar.implicit_counts(text, english, qs), key=lambda q: q.start)
        ru_qs = extract_russian(text, russian, found_dates[pid]) if russian else []
        for q in ru_qs:
            q.extra["language"] = "ru"
        every = sorted(qs + ru_qs, key=lambda q: q.start) if ru_qs else qs
        assign_attribution(text, every, lex)
        assign_measures(text, every, lex)
        if grammar is not None:
            grammar.restore_implicit(qs)
            grammar.refine(text, qs)
            grammar.mark_parts(text, qs)
            died_where_taken(text, qs)
            qs = qs + grammar.killer_added(text, qs)
            qs = qs + grammar.died_apart_added(text, qs)
            qs = qs + grammar.others_added(text, qs)
        qs = sorted(qs + ru_qs, key=lambda q: q.start)
        plist = found_places[pid]
        news = NEWS_DATELINE.search(text)
        if news:
            # "CAPITAL CITY -- Dozens of protesters ...": a news dateline names where the story is
            plist = sorted(plist + [_dateline_place(news)])
        passages.append(_Passage(
            pid=pid, index=len(passages), text=text, asents=asents, astarts=[s for s, _ in asents],
            sids=[sid for _, _, sid in spans], starts=[s for s, _, _ in spans], plist=plist, dated=dated,
            anchors=anchors,   # (position, iso, precision, tells the time the text is telling about)
            qs=qs, heading=heading, segment=segment))
        # a passage that is only a date heads the next passage
        only_dates = [(iso, r.precision) for m, r, iso, _, only, dl in dated if only and not dl]
        if only_dates and len(re.sub(r"\W", "", text)) <= 40:
            heading = Heading(only_dates[-1][0], only_dates[-1][1], None)
        elif qs or len(text) > 200:
            heading = None
    if grammar is not None:  # the shot of a story that tells of no death were wounded
        shot_and_survived([p.text for p in passages], [q for p in passages for q in p.qs])
    drop_counted_people(passages)
    qrows, trows = _assign_context(doc_id, passages, lex, params, raw_span,
                                   _title_place_of(title, passages, gazetteer, inside), ref)
    # every place the document names, and every run of capitalised words it writes (a place NER did not
    # tag: "the Washington Navy Yard"), for the corpus-wide step: does a document name another's place?
    written = {m.group() for p in passages for m in CAPITALISED_RUN.finditer(p.text)
               if tails.get(p.pid) is None or m.start() < tails[p.pid]} if qrows else set()
    doc_places = "; ".join(sorted(named | {n for p in passages for _, _, n in p.plist} | written) +
                           sorted(f"{a} > {b}" for a, b in inside) + sorted(f"> {b}" for b in held_by))
    for r in qrows:
        r["doc_places"] = doc_places
    return qrows, trows


HEADLINE_CHARS = 300
# a headline's publisher: after a dash or bar, a segment with a web address or a station's or paper's word
PUBLISHER_TAIL = re.compile(r"[^\S\n]+[-–—|][^\S\n]+(?=[^\n]*?(?:\b[\w-]+\.(?:com|net|org|tv|us|co\.uk|com\.au)\b|"
                            r"\b(?:News|TV|Radio|Newspaper|Broadcasting)\b))")


def _with_agencies(text: str, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """NER's place mentions and the places of the agencies the text names in full (`agencies_in`: NER
    often tags only "Sheriff's Office" of "the Navarro County Sheriff's Office")."""
    extra = [x for x in agencies_in(text) if not any(a < x[1] and x[0] < b for a, b, _ in mentions)]
    return sorted(mentions + extra) if extra else mentions


def drop_counted_people(passages: list[_Passage]) -> None:
    """A name NER tagged a place that the grammar counted as a victim ("Za'layia Jenkins was pronounced
    dead": the counted noun ends where the place ends) is a person: it names no place anywhere in the
    document (in place)."""
    people = {name for p in passages for a, b, name in p.plist for q in p.qs
              if q.extra.get("implicit") and q.start <= a and b == q.end}
    if people:
        for p in passages:
            p.plist = [x for x in p.plist if x[2] not in people]


def _publisher_tail(text: str) -> int | None:
    """Where the publisher's name starts on a headline (the first line, at most HEADLINE_CHARS long)."""
    line = text.split("\n", 1)[0]
    if len(line) > HEADLINE_CHARS:
        return None
    m = PUBLISHER_TAIL.search(line)
    return m.start() if m else None


CAPITALISED_RUN = re.compile(r"[A-Z][\w’'.\-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.\-]*)*")
CAPTION = re.compile(r"\b(?:photo|image|picture|illustration)\b[^\n]{0,80}?(?:©|\(c\)|rights reserved|\bvia\b|cc by)|"
                     r"©|\(c\)\s*[:A-Z]|rights reserved", re.I)
SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")
DISTANCE_UNITS = {"km", "metre", "mile"}
FROM_PLACE = re.compile(r"\s*(?:away\s+)?from\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?[A-Z]")
RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whose|whom|which|where)\b[^,;.!?]*")
CONTAINER_BEFORE = re.compile(r"([A-Z][\w’'\-]+)\s+(?:in|near|outside)\s+(?:the\s+)?(?:[a-z\-]+\s+)?$")
# what a sentence tells as to come: a future tense, a plan, a schedule
TO_COME = re.compile(r"\b(?:will|shall|won[’']t|going\s+to|(?:is|are)\s+to|scheduled|slated|set\s+for|due|"
                     r"expected|planned|plans?|upcoming|next|until|through)\b|[’']ll\b", re.I)
# an act of the courts or the police right before a date: the date is that act's
JUSTICE_ACT_BEFORE = re.compile(r"\b(?:sentenced|convicted|acquitted|pleaded|pled|charged|indicted|arraigned|arrested|"
                                r"jailed|found\s+guilty|testified|appeared\s+in\s+court|appeared)\b[^.;!?]{0,20}$", re.I)
# a word of what is to come just before a bare month ("valid until June", "elections due in March", "set for May")
TO_COME_BEFORE = re.compile(r"\b(?:until|till|due|expected|scheduled|slated|planned|set\s+for|will|shall|next)\b"
                            r"[^.;!?\n]{0,25}$", re.I)
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“‘'(])|\n")


def _sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` that holds `pos` (cut at sentence punctuation before a capital, or a line end)."""
    start = max((m.end() for m in SENTENCE_END.finditer(text, max(0, pos - 400), pos)), default=max(0, pos - 400))
    m = SENTENCE_END.search(text, pos, pos + 400)
    return text[start:m.start() if m else pos + 400]


def _headline_line(text: str, pos: int) -> bool:
    """Is `pos` on a line written in title case ("Police Seek Suspects in Shooting That Injured Four")?
    There the place patterns take any capitalised word for a name."""
    ls, le = _line_bounds(text, pos, pos)
    words = re.findall(r"[A-Za-z]{4,}", text[ls:le])
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _dateline_place(m: re.Match) -> tuple[int, int, str]:
    """(start, end, name) of the place a news dateline names."""
    g = next(k for k in (1, 2, 3) if m.group(k))
    return m.start(g), m.end(g), _title_place(m.group(g)) if g < 3 else m.group(g)


def _title_place(name: str) -> str:
    return " ".join("-".join(w.capitalize() for w in word.split("-")) for word in name.split(" "))


def _title_place_of(title: str | None, passages: list, gazetteer: dict,
                    inside: set[tuple[str, str]] = frozenset()) -> str | None:
    """The place a document's title names ("Cold Winds From Springfeld"): one of the places the document
    locates things at, or of the alias list, written in the title (the most named one if several). A
    title that names a wider place ("Ruritania protests") over a text about a town in it ("Springfield
    in western Ruritania", named more often than Ruritania) gives that town."""
    if not title:
        return None
    tail = _publisher_tail(title)  # "... in Waynesville - WDRB 41 Louisville News": the station's town
    title = title[:tail] if tail is not None else title
    counts = Counter(n for p in passages for _, _, n in p.plist)
    canon = {k.lower(): v for k, v in gazetteer.items()}
    found = []
    for name in set(counts) | set(gazetteer):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title):
            found.append((counts.get(name, 0) + counts.get(canon.get(name.lower(), name), 0), name))
    if not found:
        return None
    name = max(found)[1]
    held = [n for n in counts if (n, name) in inside and counts[n] > counts.get(name, 0)]
    if held:
        name = max(held, key=lambda n: (counts[n], n))
    # the spelling the document uses most, for an alias named in the title
    spellings = [n for n in counts if canon.get(n.lower(), n) == canon.get(name.lower(), name)]
    return max(spellings, key=lambda n: counts[n]) if spellings else name


def _main_places(passages: list[_Passage], title_place: str | None = None) -> dict[int, str | None]:
    """The main place of each text (a dateline starts one): its news dateline's place ("CAPITAL CITY
    --"); else the document's main place (the place its title names, else its most named place), unless
    the text never names that one and names another more than once and more than any other."""
    doc, per, news = Counter(), defaultdict(Counter), {}
    for p in passages:
        for _, _, n in p.plist:
            doc[n] += 1
            per[p.segment][n] += 1
        m = NEWS_DATELINE.search(p.text)
        if m and p.segment not in news:
            news[p.segment] = _wire_lead_place(p, m) or _dateline_place(m)[2]
    main = title_place or (doc.most_common(1)[0][0] if doc else None)
    out = {}
    for seg in {p.segment for p in passages}:
        top = per[seg].most_common(2)
        if seg in news:
            out[seg] = news[seg]
        elif top and not per[seg].get(main) and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
            out[seg] = top[0][0]
        else:
            out[seg] = main
    return out


# "in the northeastern Brazilian city of Salvador", "in the southern province of Minya", "near Kisumu"
_LOCATIVE_LEAD = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:city|town|village|province|"
                            r"district|state|region|county|capital|port|island)\s+of\s+)?$", re.I)


def _wire_lead_place(p: _Passage, m: re.Match) -> str | None:
    """The place a wire story's lead says it happened at, when its dateline names an agency's bureau
    ("SAO PAULO (Reuters) - The death toll from a landslide ... in the northeastern Brazilian city of
    Salvador rose to 14"): the first place after the dateline in its sentence that a locative introduces."""
    if "(" not in p.text[m.start():m.end()]:
        return None
    end = next((b for a, b in p.asents if a <= m.end() < b), len(p.text))
    for a, b, name in sorted(p.plist):
        if m.end() <= a < end and _LOCATIVE_LEAD.search(p.text, max(m.end(), a - 60), a):
            return name
    return None


DATING_LABELS = {"published", "posted", "updated", "date", "dated", "filed", "last", "on", "at", "am", "pm"}


def _dating_line(p: _Passage) -> bool:
    """A passage that only dates its text: a date on its own, or after a label ("Published: ...")."""
    if not p.dated or len(p.text) > 80:
        return False
    rest = p.text
    for m, *_ in p.dated:
        rest = rest.replace(m.surface, " ")
    return all(w.lower() in DATING_LABELS or w.isdigit() for w in re.findall(r"\w+", rest))


def _middle(iso: str, iso_end: str | None) -> str:
    """The middle of a period, at the precision it is written with ("spring of 2011", 2011-03..2011-05:
    2011-04); a single date is itself."""
    if not iso_end or len(iso) != len(iso_end):
        return iso
    if len(iso) == 4:
        return f"{(int(iso) + int(iso_end)) // 2:04d}"
    if len(iso) == 7:
        a, b = int(iso[:4]) * 12 + int(iso[5:7]) - 1, int(iso_end[:4]) * 12 + int(iso_end[5:7]) - 1
        mid = (a + b) // 2
        return f"{mid // 12:04d}-{mid % 12 + 1:02d}"
    a, b = dt.date.fromisoformat(iso), dt.date.fromisoformat(iso_end)
    return (a + (b - a) // 2).isoformat()


def _outside_brackets(text: str) -> str:
    """The text with what stands in brackets blanked out (same length, so offsets hold)."""
    if "[" not in text and "(" not in text:
        return text
    out, depth = [], 0
    for c in text:
        if c in "[(":
            depth += 1
        out.append(" " if depth else c)
        if c in "])" and depth:
            depth -= 1
        elif c == "\n" and depth:
            depth = 0   # an unclosed bracket ends with its line
    return "".join(out)


FRONT_OF_SENTENCE = re.compile(r"[\W_]*(?:(?:in|by|since|during|from|until|back\s+in|as\s+early\s+as)[^\S\n]+)?",
                               re.I)


def _looks_back(iso: str, precision: str, written: dt.date | None) -> bool:
    """A bare year more than a year before the day a text was written dates a past the text looks back
    to ("His son was killed in 2005", the church's history in 1822), not the story it tells: it dates
    its own sentence only. (A day or a month long past is the story of a text written later.)"""
    return written is not None and precision == "year" and int(iso[:4]) < written.year - 1


RECENT_DAYS = 7   # a follow-up's "Monday's bombing": a day of the week before the text was written


def _days_before(iso: str, precision: str, written: dt.date | None) -> int | None:
    """How many days before the day a text was written a day it names lies, when within RECENT_DAYS."""
    if written is None or precision != "day":
        return None
    days = (written - dt.date.fromisoformat(iso[:10])).days
    return days if 0 <= days <= RECENT_DAYS else None


def _story_date(story: list[tuple], where: tuple) -> tuple:
    """The date of a story told in several dated sentences (where, kinds, iso, precision, place): its
    usual year, its usual month in that year, the latest such date before `where` (else the first).
    Ties go to the period mentioned nearest before `where` (else the first after it).
    The caller leaves out, in a text written on a known day, bare years long before it (`_looks_back`)."""

    def choose(groups: dict):
        top = max(len(v) for v in groups.values())
        tied = [k for k, v in groups.items() if len(v) == top]
        if len(tied) == 1:
            return tied[0]
        earlier = [(max(h[0] for h in groups[k] if h[0] < where), k) for k in tied
                   if any(h[0] < where for h in groups[k])]
        return max(earlier)[1] if earlier else min((min(h[0] for h in groups[k]), k) for k in tied)[1]

    by_year: dict = defaultdict(list)
    for h in story:
        by_year[h[2][:4]].append(h)
    by_month: dict = defaultdict(list)
    for h in by_year[choose(by_year)]:
        by_month[h[2][:7]].append(h)
    entries = by_month[choose(by_month)]
    earlier = [h for h in entries if h[0] < where]
    return earlier[-1] if earlier else entries[0]


def _assign_context(doc_id, passages: list[_Passage], lex, params, raw_span, title_place=None,
                    written: dt.date | None = None):
    """Phase 2: kinds, dates and places of the figures and dated mentions of one document."""
    qrows, trows = [], []
    for prev, p in zip(passages, passages[1:]):
        # the short block just before a dateline (a headline, a lead) belongs to the text it heads
        if p.segment > prev.segment and len(prev.text) <= HEADLINE_CHARS and not any(d.dateline for d in prev.dated):
            prev.segment = p.segment
    mains = _main_places(passages, title_place)
    harm_kinds = params.harm_kinds
    rx_cache: dict = {}

    def main_rx(name):
        if name not in rx_cache:
            rx_cache[name] = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        return rx_cache[name]

    names = {n for p in passages for _, _, n in p.plist} | {m for m in mains.values() if m}

    def contains(p: _Passage, x) -> bool:
        """"Springfield in western Ruritania": a place named right after another place contains it."""
        m = CONTAINER_BEFORE.search(p.text, max(0, x[0] - 60), x[0])
        return bool(m) and m.group(1) in names

    def place_near(p: _Passage, pos: int, s0: int, e0: int):
        """The place a sentence locates things at: the one it names nearest to `pos` ("In Shelbyville,
        300 people were detained at a rally of solidarity with Springfield workers"), not counting a
        place that only contains another ("citizens of Springfield in western Ruritania"); else its
        text's main place if the sentence names it at all."""
        main = mains[p.segment]
        p_in = [x for x in p.plist if s0 <= x[0] < e0 and not contains(p, x)]
        if p_in:
            return min(p_in, key=lambda x: (abs(x[0] - pos), x[2] != main))[2]
        if main and main_rx(main).search(p.text, s0, e0):
            return main
        return None

    skind_cache: dict = {}
    hit_cache: dict = {}

    def sentence_hits(p: _Passage, k: int) -> list:
        """The kind cues of a sentence, (position in the passage, kind, cue)."""
        if (p.index, k) not in hit_cache:
            a, b = p.asents[k]
            hit_cache[(p.index, k)] = [(a + x, kk, c) for x, kk, c in kind_hits(p.text[a:b], lex)]
        return hit_cache[(p.index, k)]

    def skinds(p: _Passage, k: int) -> frozenset:
        """The kinds a sentence is mostly about; a date on a line of its own ("16 December 2011")
        takes the kinds of the text it heads."""
        if (p.index, k) not in skind_cache:
            a, b = p.asents[k]
            ks = kinds_of("", lex, sentence_hits(p, k))
            if not ks and any(only and not dl and a <= m.start < b for m, _, _, _, only, dl in p.dated):
                if k + 1 < len(p.asents):
                    ks = skinds(p, k + 1)
                elif p.index + 1 < len(passages) and passages[p.index + 1].asents:
                    ks = skinds(passages[p.index + 1], 0)
            skind_cache[(p.index, k)] = ks
        return skind_cache[(p.index, k)]

    bracket_cache: dict = {}

    def kinds_outside_brackets(p: _Passage, k: int) -> frozenset:
        if p.index not in bracket_cache:
            bracket_cache[p.index] = _outside_brackets(p.text)
        a, b = p.asents[k]
        return kinds_of(bracket_cache[p.index][a:b], lex)

    def in_brackets(p: _Passage, pos: int) -> bool:
        if p.index not in bracket_cache:
            bracket_cache[p.index] = _outside_brackets(p.text)
        return bracket_cache[p.index][pos] == " " and not p.text[pos].isspace()

    def justice_day(p: _Passage, a: Anchor) -> bool:
        """Is the date of anchor `a` the day of an act of the courts or the police its sentence tells
        ("convicted in December", "sentenced Thursday", "arrested on Monday")?"""
        s0 = p.asents[p.sentence_index(a[0])][0] if p.asents else 0
        return JUSTICE_ACT_BEFORE.search(p.text, max(s0, a[0] - 40), a[0]) is not None

    # every dated sentence of each text: (where, kinds, iso, precision, place)
    history: dict = defaultdict(list)
    by_kind: dict = defaultdict(list)   # (text, kind) -> its dated sentences
    for p in passages:
        for a in p.anchors:
            k = p.sentence_index(a[0])
            h = ((p.index, a[0]), skinds(p, k), a[1], a[2], place_near(p, a[0], *p.asents[k]) or mains[p.segment],
                 a[3], p)
            history[p.segment].append(h)
            for kk in h[1]:
                if not (kk in harm_kinds and justice_day(p, a)):   # (a conviction's day is no day of the harm)
                    by_kind[(p.segment, kk)].append(h)

    def _gone_back(p: _Passage, s0: int, kind: str):
        """The last date the text told before this sentence, if it is a bare year long before the day
        of writing (`_looks_back`) at the front of a sentence of the figure's kind ("In 1822, the church
        was burned", not "He retired in 1995"), in this passage or one of the two before it; else None."""
        told = history[p.segment]
        i = bisect.bisect_left(told, ((p.index, s0),), key=lambda h: h[:1]) - 1
        while i >= 0 and not told[i][5]:
            i -= 1
        if i < 0 or p.index - told[i][0][0] > 2 or kind not in told[i][1] or not _looks_back(told[i][2], told[i][3], written):
            return None
        if not fronted(told[i][6], told[i][0][1]):
            return None
        return told[i]

    def fronted(p: _Passage, pos: int) -> bool:
        """Does the date at `pos` open its sentence ("In 1822, ...", "By 2005 ...")? A time adverbial
        at the front sets the time of what follows; at the end it dates its own clause."""
        s0 = p.asents[p.sentence_index(pos)][0]
        return bool(FRONT_OF_SENTENCE.fullmatch(p.text, s0, pos))

    def context(p: _Passage, pos: int, k: int, kind: str | None):
        """(date, precision, place, basis) a position is about.

        1. its sentence's date (not one inside a relative clause it is not in): basis `sentence`;
        2. a position of a kind: a dated sentence of that kind at its place in its passage, before it,
           else after it (`passage`); else a date heading just before the passage (`heading`); else
           the story of its kind in its text, at its place or the text's main place: the usual year
           and month of that kind's dated sentences, the latest such date before it (`kind`); else the
           nearest date before it in the passage, else a heading;
        3. a position of no kind: the nearest date before it in its passage (not one in brackets), else
           a heading, else the date its text was last telling about (`text`).
        A date carries the place named with it, unless the position's own sentence names one."""
        main = mains[p.segment]
        s0, e0 = p.asents[k]
        own_place = place_near(p, pos, s0, e0)
        here = own_place or main
        in_sent = [a for a in p.anchors if s0 <= a[0] < e0]
        if kind in harm_kinds:
            # the day of a trial's or an arrest's act ("was convicted in December in the death of X", "was
            # sentenced Thursday") is not the day of the harm its sentence counts
            in_sent = [a for a in in_sent if not justice_day(p, a)]
        if in_sent:
            # a date inside a relative clause the position is not in dates that clause ("sentenced to
            # five years for illegal detention of X, who died from injuries received on December 16")
            clauses = [(m.start(), m.end()) for m in RELATIVE_CLAUSE.finditer(p.text, s0, e0)]
            in_sent = [a for a in in_sent
                       if not any(c0 <= a[0] < c1 and not c0 <= pos < c1 for c0, c1 in clauses)]
        if in_sent:
            a = min(in_sent, key=lambda a: abs(a[0] - pos))
            if a[2] == "year":
                # a bare year beside a full date of that year in one sentence says no more than the date
                # does ("March 13, 2013 - ... left 4 dead ... 2013"): the figure takes the finer one
                finer = [b for b in in_sent if b[2] != "year" and b[1][:4] == a[1][:4]]
                if finer:
                    a = min(finer, key=lambda b: abs(b[0] - pos))
            return a[1], a[2], here, "sentence"

        def carry(a, basis):
            j = p.sentence_index(a[0])
            return a[1], a[2], own_place or place_near(p, a[0], *p.asents[j]) or main, basis

        lo = p.asents[max(0, k - params.context_sentences)][0]
        hi = p.asents[min(len(p.asents) - 1, k + params.context_sentences)][1]
        before = [a for a in p.anchors if lo <= a[0] < s0]
        if kind in harm_kinds:   # (nor the day of a conviction told just before)
            before = [a for a in before if not justice_day(p, a)]
        if kind is None:
            # a date in an aside ("[Note. X was convicted in April 2012 ...]") dates what the aside is
            # about, not the narrative around it
            before = [a for a in before if not in_brackets(p, a[0])]
            if before:
                return carry(before[-1], "passage")
            if p.heading is not None:
                return p.heading.iso, p.heading.precision, own_place or p.heading.place or main, "heading"
            # else the date its text was last telling about at its place (not an aside, not 'today', not
            # an older massacre cited for comparison somewhere else)
            told = history[p.segment]
            for i in range(bisect.bisect_left(told, ((p.index, s0),), key=lambda h: h[:1]) - 1, -1, -1):
                h = told[i]
                if h[5] and h[4] == here and not in_brackets(h[6], h[0][1]):
                    return h[2], h[3], here, "text"
            return None, None, here, None

        def same_story(a):
            # a dated sentence of its kind, at its place (a figure that names no place takes the place
            # named with the date: "... in communist Poland, a massacre ... 45 people were killed")
            j = p.sentence_index(a[0])
            return kind in skinds(p, j) and (own_place is None or
                                             place_near(p, a[0], *p.asents[j]) in (None, here))

        # the story of its kind at its place in its text, else at its text's main place
        of_kind = [h for h in by_kind[(p.segment, kind)] if not _looks_back(h[2], h[3], written)]
        story = [h for h in of_kind if h[4] == here] or [h for h in of_kind if h[4] == main]

        def refined(a):
            # a year ("half a year earlier": 2011) is made precise by its story's dates in that year
            if a[2] == "year" and story:
                finer = [h for h in story if h[2][:4] == a[1][:4] and h[3] != "year"]
                if finer:
                    h = _story_date(finer, (p.index, s0))
                    return (a[0], h[2], h[3])
            return a

        # (a year long past carries on only from the front of its sentence: "In 1822, the church was
        # burned ..." sets the time of what follows; "His son was killed in 2005." dates itself)
        same = [a for a in before if same_story(a) and (
            not _looks_back(a[1], a[2], written) or fronted(p, a[0]))]
        if same:
            return carry(refined(same[-1]), "passage")
        same = [a for a in p.anchors if e0 <= a[0] < hi and same_story(a) and
                not _looks_back(a[1], a[2], written) and not (kind in harm_kinds and justice_day(p, a))]
        if same:
            return carry(refined(same[0]), "passage")
        if not before and p.heading is not None:
            return p.heading.iso, p.heading.precision, own_place or p.heading.place or main, "heading"
        back = _gone_back(p, s0, kind)
        if back is not None:
            # the text has just gone back to a year long past ("In 1822, the church was burned ...
            # Authorities executed 35"): its figures are of that past until another date comes
            return back[2], back[3], own_place or back[4] or main, "text"
        if story:
            h = _story_date(story, (p.index, s0))
            return h[2], h[3], own_place or h[4] or main, "kind"
        recent = [h for h in of_kind if _days_before(h[2], h[3], written) is not None]
        if own_place is None and recent and len(recent) == len(of_kind) and len({h[4] for h in of_kind}) == 1:
            # the text's one story of its kind, of the last days, told at a spot inside its main place
            # ("victims of Monday's suicide bombing at Gwange market in Maiduguri"): its date, the text's place
            h = _story_date(of_kind, (p.index, s0))
            return h[2], h[3], here, "kind"
        if before:
            return carry(before[-1], "passage")
        if p.heading is not None:
            return p.heading.iso, p.heading.precision, own_place or p.heading.place or main, "heading"
        return None, None, here, None

    place_measures = set(params.place_measures)
    harm_causes = frozenset(params.harm_causes)
    pending: list[dict] = []       # timeline rows of heading lines waiting for their text
    # the cause of harm each text's headline or lead names (its first two passages' first sentences; a
    # line that only dates the text, "Published: 2020-09-15", is neither)
    leads: dict = defaultdict(list)
    for p in passages:
        if len(leads[p.segment]) < 2 and p.asents and not _dating_line(p):
            leads[p.segment].append(sentence_hits(p, 0))
    causes = {seg: story_cause(lines, harm_causes) for seg, lines in leads.items()} if harm_causes else {}
    for p in passages:
        text, pid = p.text, p.pid
        last_kind: list = [None] * len(p.asents)   # the kind each sentence's figures were given
        sent_of = [p.sentence_index(q.start) for q in p.qs]
        own = [figure_kind(text, q.start, q.end, *p.asents[k], q.measure, lex, params.measure_kinds,
                           sentence_hits(p, k), harm_causes, causes.get(p.segment))
               for q, k in zip(p.qs, sent_of)]
        for q, k, (kind, _, _) in zip(p.qs, sent_of, own):
            if kind is not None and q.measure not in place_measures:
                last_kind[k] = kind
        for i, q in enumerate(p.qs):
            k = sent_of[i]
            s0, e0 = q.sentence_start, q.sentence_end
            kind, kind_basis, cues = own[i]
            if kind is None:
                # no word of its own: the kind of the nearest figure of its sentence that has one
                sib = [(abs(p.qs[j].start - q.start), j) for j in range(len(p.qs)) if sent_of[j] == k
                       and own[j][0] is not None and p.qs[j].measure not in place_measures]
                if sib:
                    j = min(sib)[1]
                    kind, kind_basis, cues = own[j][0], "sentence", own[j][2]
            if kind is None:
                # else the kind of the sentences just before it in its paragraph (asides in brackets, such
                # as an editor's "[Note. X was convicted in April 2012 ...]", do not change what the
                # text around them is about)
                line_start = text.rfind("\n", 0, p.asents[k][0]) + 1
                for j in range(k - 1, max(-1, k - params.context_sentences - 1), -1):
                    if p.asents[j][1] <= line_start:
                        break   # ... of its paragraph (a line)
                    ks = frozenset([last_kind[j]]) if last_kind[j] else kinds_outside_brackets(p, j)
                    if len(ks) == 1:
                        kind, kind_basis = next(iter(ks)), "passage"
                        cues = sorted({c for _, kk, c in sentence_hits(p, j) if kk == kind})
                        break
            if q.measure in place_measures or (q.unit in DISTANCE_UNITS and FROM_PLACE.match(text, q.end)):
                # population, or a distance from a named place ("30-40 kilometres from Springfield"):
                # facts about a place, not about an event
                kind, kind_basis, cues = None, None, []
                iso, place, basis = None, place_near(p, q.start, *p.asents[k]) or mains[p.segment], "place"
            else:
                iso, _, place, basis = context(p, q.start, k, kind)
            if kind is not None and last_kind[k] is None:
                last_kind[k] = kind
            rs, re_ = raw_span(pid, q.start, q.end)
            qrows.append({
                "quantity_id": f"{pid}-q{q.start:06d}", "doc_id": doc_id, "passage_id": pid,
                "sentence_id": p.sentence_id(q.start), "start": q.start, "end": q.end, "raw_start": rs,
                "raw_end": re_, "surface": text[q.start:q.end], "value_low": q.value_low,
                "value_high": q.value_high, "qualifier": q.qualifier, "unit": q.unit, "measure": q.measure,
                "counted": q.label if q.layout else q.head, "uncertain": q.uncertain,
                "hedge_inherited": q.hedge_inherited, "hypothetical": q.hypothetical, "layout": q.layout,
                "implicit": bool(q.extra.get("implicit")), "reckoning": q.extra.get("derived"),
                "part_of": q.extra.get("part_of"),
                "tally_of": tally_period(text, q.start, q.end, s0, e0)
                if q.measure in CASUALTY and not q.layout and not q.extra.get("implicit") else None,
                "kind": kind, "kind_basis": kind_basis, "kind_cues": "; ".join(cues),
                "event_date": iso, "event_basis": basis, "place_raw": place, "attribution": q.attribution,
                "attribution_kind": q.attribution_kind, "sentence": text[s0:e0], "text_no": p.segment,
            })
        # timeline rows; who states each date: the same attribution rules as for figures
        bounds = [p.asents[p.sentence_index(m.start)] if p.asents else (0, len(text)) for m, *_ in p.dated]
        said = [Quantity(m.start, m.end, m.start, m.end, None, None, "exact", sentence_start=s0, sentence_end=e0)
                for (m, *_), (s0, e0) in zip(p.dated, bounds)]
        assign_attribution(text, said, lex)
        for (m, r, iso, iso_end, only, dl), by in zip(p.dated, said):
            k = p.sentence_index(m.start)
            s0, e0 = p.asents[k] if p.asents else (0, len(text))
            sentence = text[s0:e0]
            ks = skinds(p, k) if p.asents and not dl else frozenset()
            kind = next(iter(ks)) if len(ks) == 1 else None
            place = context(p, m.start, k, kind)[2] if p.asents else None
            rs, re_ = raw_span(pid, m.start, m.end)
            trow = {"date": iso, "date_end": iso_end, "precision": r.precision, "doc_id": doc_id,
                    "passage_id": pid, "sentence_id": p.sentence_id(m.start), "sentence": sentence,
                    "surface": m.surface, "start": m.start, "end": m.end, "raw_start": rs, "raw_end": re_,
                    "relative": m.relative is not None or m.year is None,
                    "role": "dateline" if dl else "event", "event_date": iso, "place_raw": place,
                    "kind": kind, "attribution": None if dl else by.attribution,
                    "attribution_kind": "author" if dl else by.attribution_kind}
            if only and not dl:
                # a date on a line of its own heads the text after it (timelines, infographics)
                ls, le = _line_bounds(text, m.start, m.end)
                follow = text[le:].strip()
                if follow:
                    trow["sentence"] = follow.split("\n")[0][:500]
                else:
                    pending.append(trow)
            trows.append(trow)
        if pending and not (len(p.dated) and all(only for *_, only, _ in p.dated) and len(text.strip()) < 80):
            first = next((text[s:e] for s, e in p.asents if text[s:e].strip()), text[:300])
            for trow in pending:
                if trow is not None and trow["passage_id"] != pid:
                    trow["sentence"] = first[:500]
            pending = [t for t in pending if t["passage_id"] == pid]
    return qrows, trows


def same_day(qrows: list[dict], joins: dict[str, str]) -> None:
    """A figure of kind A dated to a day on which figures of kind B are dated at the same place joins
    B's event (`same_day_kinds`, protest -> violence: the rally that was fired on is part of the
    shooting; the solidarity rallies of the following days stay protests)."""
    if not joins:
        return
    days = {(r["kind"], r["place"], r["event_date"]) for r in qrows
            if r.get("kind") in joins.values() and r.get("event_date") and len(r["event_date"]) == 10}
    for r in qrows:
        to = joins.get(r.get("kind"))
        if to and r.get("event_date") and (to, r["place"], r["event_date"]) in days:
            r["kind"], r["kind_basis"] = to, "same day"
            r["kind_cues"] = "; ".join(filter(None, [f"{to} at {r['place']} on {r['event_date']}",
                                                     r.get("kind_cues") or ""]))
            r["event"] = event_key(r["place"], r["event_date"], to, r.get("event_basis"))


def doc_fallback(qrows: list[dict]) -> None:
    """A figure with no date in its context takes its text's most frequent month (its main event); a
    text (a dateline starts one) whose figures have no date at all stays undated rather than borrow the
    date of another text printed on the same page."""
    by_text = defaultdict(list)
    for r in qrows:
        text_no = r.get("text_no")
        by_text[(r["doc_id"], text_no if text_no == text_no else None)].append(r)
    for rows in by_text.values():
        periods = Counter(r["event_date"][:7] for r in rows if r["event_date"] and len(r["event_date"]) >= 7)
        if not periods:
            continue
        period = periods.most_common(1)[0][0]
        days = Counter(r["event_date"] for r in rows if r["event_date"] and r["event_date"].startswith(period))
        date = days.most_common(1)[0][0]
        for r in rows:
            if not r["event_date"] and r.get("event_basis") != PLACE_FACTS:
                r["event_date"] = date
                r["event_basis"] = "document"
                r["event"] = event_key(r["place"], date, r.get("kind"))
