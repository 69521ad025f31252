"""Who says so: the source phrase of a figure as written, and its kind.

A source is a reporting frame in the figure's own sentence: "according to X",
a lead-in "From X:", "X say/said/confirmed/estimate ...", "... said X", a passive
"acknowledged by X", an agentless "is estimated", or an adverb ("officially",
"reportedly"). A figure takes the nearest frame before it in its clause, else
one right after it ("the 10 admitted by the authorities"), else a frame closing
the sentence (", the trade union said."), or a headline's source before a colon
("Police: 3 killed"). The kind comes from the cue lexicon
in params (first kind whose cue occurs in the phrase); a first-person source is
the author; a source no cue names is `unknown`; no frame at all is `author`.
Sources named only in an earlier sentence are not carried over (the figure
stays the author's, as the gold set's convention has it). A sentence mostly in
Cyrillic is read with the Russian frames (``frames_russian``): "по данным X",
"по словам X", "согласно X", "как сообщили X", "X заявил/утверждают", ", сообщили в X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.facts.lexicon import Lexicon
from pipeline.facts.quantities import Quantity
from pipeline.text.translit import cyrillic_share

STRONG = re.compile(r"^(?:according to|say|says|said|saying|told|tell|tells|reported|reports|report|"
                    r"confirmed|confirms|announced|announces|claimed|claims|claim|estimated|estimates|estimate|"
                    r"stated|states|maintained|maintains|acknowledged|admitted|testified|insisted|insist|"
                    r"insists|officially|reportedly|counted)$", re.I)
SEGMENT = re.compile(r";|\bbut\b|,\s*while\b|\bwhereas\b|\balthough\b|\bhowever\b"
                     r"|\bно\b|\bоднако\b|,\s*а\b|\bхотя\b|\bтогда как\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|me|us)\b")
SUBJECT_STOP = re.compile(r"[,;:(\[\]“”\"–—]|\b(?:that|and|but|while|who|which|when|after|before|as|if|"
                          r"because|so|then|than)\b|\d", re.I)
SEEN = re.compile(r"\b(?:saw|seen|witnessed|watched|counted)\b", re.I)
COLON_LEAD = re.compile(r"^\s*[—–-]?\s*(?:from|according to|per|source|sources)\b[^:.;]{0,80}:", re.I)
# headline form: "Police: 3 killed", "Coroner: victim was shot twice" (a short source, a colon)
HEADLINE_SOURCE = re.compile(r"^\s*(?P<source>[A-Z][\w’'.&-]*(?:\s+[\w’'.&-]+){0,4}):\s+\S")


@dataclass
class Frame:
    start: int
    end: int
    phrase: str
    kind: str
    passive_by: bool = False


def _kind(phrase: str, lex: Lexicon) -> str | None:
    for kind, rx in lex.kinds:
        if rx.search(phrase):
            return kind
    if FIRST_PERSON.search(phrase):
        return "author"
    return None


# Russian: a source introduced by a preposition or "как" + verb takes the words after it
# ("по данным МВД", "по словам очевидцев", "согласно отчёту ООН", "как сообщили в прокуратуре");
# a reporting verb takes its subject before it in its clause ("Правозащитники утверждают, что"),
# else the words after it ("..., сообщили в МВД.", "заявил министр здравоохранения")
RU_LEAD = re.compile(r"^(?:по\s|согласно|как\s)", re.I)
# where a source phrase ends: punctuation (not a full stop inside a name, "Orda.kz", nor guillemets, which
# hold names: "РГП «Казгидромет»"), a conjunction that opens a clause, a number
RU_STOP = re.compile(r"[,;:(\[\]\"–—!?]|\.(?!\w)|\b(?:что|но|а|который|которая|которые|когда|после|если|чтобы)\b"
                     r"|\d", re.I)
RU_AGENTLESS = re.compile(r"^(?:сообщается|предположительно|якобы|как стало известно)$", re.I)
def _words_after(sentence: str, end: int, limit: int = 8) -> int:
    """End of the phrase after `end`: up to a stop (punctuation, a conjunction, a number) or `limit` words."""
    stop = RU_STOP.search(sentence, end)
    e = stop.start() if stop else len(sentence)
    words = list(re.finditer(r"\S+", sentence[end:e]))
    if len(words) > limit:
        e = end + words[limit - 1].end()
    return e


def frames_russian(sentence: str, offset: int, lex: Lexicon) -> list[Frame]:
    out: list[Frame] = []
    for m in lex.reporting.finditer(sentence):
        vs, ve = m.start(), m.end()
        if any(f.start - offset <= vs < f.end - offset for f in out):
            continue
        cue = m.group()
        if RU_AGENTLESS.match(cue):
            out.append(Frame(offset + vs, offset + ve, cue, _kind(cue, lex) or "unknown"))
            continue
        if RU_LEAD.match(cue):
            e = _words_after(sentence, ve)
            phrase = sentence[vs:e].strip()
            out.append(Frame(offset + vs, offset + vs + len(phrase), phrase, _kind(phrase, lex) or "unknown"))
            continue
        # the subject before the verb, within its clause
        stop = None
        for st in RU_STOP.finditer(sentence, 0, vs):
            stop = st
        s = stop.end() if stop else 0
        words = re.findall(r"\S+", sentence[s:vs])
        if len(words) > 8:
            s = vs - len(" ".join(words[-8:])) - 1
        subject = sentence[s:vs].strip()
        kind = _kind(subject, lex) if subject else None
        # a subject naming someone (a capitalised word) is the source even when no cue says its kind:
        # "Олег Гребенщиков заявил журналистам" (the words after the verb are whom he told)
        if kind is not None or re.search(r"(?:^|\s)[A-ZА-ЯЁ]", subject[1:] if subject[:1].isupper() and
                                         s == 0 else subject):
            ss = vs - len(sentence[s:vs].lstrip())
            out.append(Frame(offset + ss, offset + ve, sentence[ss:ve], kind or "unknown"))
            continue
        e = _words_after(sentence, ve)
        phrase = sentence[vs:e].strip()
        kind = _kind(phrase, lex)
        if kind is not None or (subject == "" and re.search(r"[,–—-]\s*$", sentence[:vs])):
            out.append(Frame(offset + vs, offset + vs + len(phrase), phrase, kind or "unknown"))
    out.sort(key=lambda f: f.start)
    return out


# a finite verb or a figure: the words before a comma are a clause, not a name in apposition
CLAUSE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|been|died|killed|injured|wounded|shot)\b|\d", re.I)
ARTICLE_BEFORE = re.compile(r"\b(?:an?|the)\s+$", re.I)


def frames(sentence: str, offset: int, lex: Lexicon) -> list[Frame]:
    if cyrillic_share(sentence) > 0.5:  # mostly Cyrillic: the Russian frames
        return frames_russian(sentence, offset, lex)
    out: list[Frame] = []
    m = COLON_LEAD.match(sentence)
    if m:
        phrase = sentence[m.start():m.end() - 1].strip(" —–-")
        out.append(Frame(offset + m.start(), offset + m.end() - 1, phrase, _kind(phrase, lex) or "unknown"))
    else:
        m = HEADLINE_SOURCE.match(sentence)
        kind = _kind(m.group("source"), lex) if m else None
        if kind not in (None, "author"):  # only a source the lexicon names: not "Update:" or "Image 9 of 16:"
            out.append(Frame(offset + m.start("source"), offset + m.end("source"), m.group("source"), kind))
    for m in lex.reporting.finditer(sentence):
        verb = m.group().lower()
        vs, ve = m.start(), m.end()
        if any(f.start - offset <= vs < f.end - offset for f in out):
            continue
        strong = bool(STRONG.match(verb))
        if ARTICLE_BEFORE.search(sentence, max(0, vs - 5), vs):
            continue  # an adjective, not a reporting verb: "an estimated 5,000", "the reported 30 deaths"
        if verb == "according to" or verb.startswith("according"):
            tail = re.match(r"[^,;.\]\)]*", sentence[ve:])
            s, e = vs, ve + tail.end()
            phrase = sentence[s:e].strip()
            kind = _kind(phrase, lex)
            # "made according to the same order" is not a source: unnamed ones must open a clause
            if kind or re.search(r"(?:^|[,;:(\[—–-])\s*[\"“]?$", sentence[:vs]):
                out.append(Frame(offset + s, offset + e, phrase, kind or "unknown"))
            continue
        if verb in ("officially", "reportedly", "allegedly"):
            out.append(Frame(offset + vs, offset + ve, sentence[vs:ve], _kind(verb, lex) or "unknown"))
            continue
        after = sentence[ve:ve + 120]
        by = re.match(r"\s+(?:previously\s+|earlier\s+)?by\s+((?:the\s+)?[^,;.:()\[\]]{2,80})", after)
        pre = sentence[max(0, vs - 12):vs].lower()
        if by:
            e = ve + by.end()
            s = vs
            phrase = sentence[s:e].strip()
            kind = _kind(phrase, lex)
            if kind or strong:
                out.append(Frame(offset + s, offset + e, phrase, kind or "unknown", passive_by=True))
            continue
        if re.search(r"\b(?:is|was|were|are|been|be)\s+$", pre) or re.search(r"\bit\s+(?:is|was)\s+$", pre):
            aux = re.search(r"(?:\bit\s+)?\b(?:is|was|were|are|been|be)\s+$", sentence[:vs])
            s = aux.start() if aux else vs
            phrase = sentence[s:ve]
            kind = _kind(phrase, lex)
            if strong or kind:
                out.append(Frame(offset + s, offset + ve, phrase, kind or "unknown"))
            continue
        # subject before the verb: up to 10 words back to a stop
        head = sentence[:vs]
        stop = None
        for st in SUBJECT_STOP.finditer(head):
            stop = st
        s = stop.end() if stop else 0
        if not head[s:].strip() and stop is not None and stop.group() == ",":
            # "X, Anna Petrova, reported": the subject is the name before the comma; not a clause
            # ("Three people were killed, said Sheriff John Smith": the source follows the verb)
            prev = None
            for st in SUBJECT_STOP.finditer(head, 0, stop.start()):
                prev = st
            before_comma = head[prev.end() if prev else 0:stop.start()]
            if not CLAUSE_VERB.search(before_comma):
                s = prev.end() if prev else 0
        words = re.findall(r"\S+", head[s:])
        if len(words) > 10:
            s = vs - len(" ".join(words[-10:])) - 1
        subject = sentence[s:vs].strip()
        if re.fullmatch(r"[\W_]*", subject):
            subject = ""
        if subject:
            phrase = sentence[s:ve].strip()
            ss = vs - len(sentence[s:vs].lstrip())
            if re.match(r"\s*of\s+(?:them|these|those|whom)\s*$", sentence[s:vs]):
                continue  # "19 of them said": the figure is the speaker
            kind = _kind(subject, lex)
            if kind is None:  # "an eyewitness informant from ..., Anna Petrova, reported"
                wide = " ".join(re.findall(r"\S+", head[max(0, s - 160):s])[-14:])
                kind = _kind(re.split(r"[.;:]", wide)[-1], lex) if wide else None
            if kind or strong:
                out.append(Frame(offset + ss, offset + ve, phrase, kind or "unknown"))
            continue
        if " " in verb and verb not in ("according to", "talk about", "refer to", "obtain evidence"):
            out.append(Frame(offset + vs, offset + ve, sentence[vs:ve], _kind(verb, lex) or "unknown"))
            continue
        # verb first: ", said akim of X Y." / ", said X."
        obj = re.match(r"\s+((?:the\s+)?[^,;.:()\[\]“”\"]{2,80})", after)
        if obj and strong and re.search(r"[,\-–—]\s*$", sentence[:vs]):
            e = ve + obj.end()
            phrase = sentence[vs:e].strip()
            out.append(Frame(offset + vs, offset + e, phrase, _kind(phrase, lex) or "unknown"))
    out.sort(key=lambda f: f.start)
    return out


def assign_attribution(text: str, quantities: list[Quantity], lex: Lexicon) -> None:
    """Set `attribution` and `attribution_kind` on every quantity, in place."""
    by_sentence: dict[tuple[int, int], list[Quantity]] = {}
    for q in quantities:
        by_sentence.setdefault((q.sentence_start, q.sentence_end), []).append(q)
    for (s0, e0), qs in by_sentence.items():
        if qs[0].layout:
            continue
        sentence = text[s0:e0]
        fs = [f for f in frames(sentence, s0, lex)]
        if not fs:
            continue
        cuts = [s0] + [m.start() + s0 for m in SEGMENT.finditer(sentence)] + [e0]
        last_q_end = max(q.end for q in qs)
        for q in qs:
            seg = next((a, b) for a, b in zip(cuts, cuts[1:]) if a <= q.start < b) if any(
                a <= q.start < b for a, b in zip(cuts, cuts[1:])) else (s0, e0)
            # (a figure's hedge may be the reporting verb itself: "police estimated 12,000" spans
            # "estimated 12,000"; its number is where a source must not overlap it)
            at = q.core_start if q.core_start is not None else q.start
            own = [f for f in fs if not (f.start <= at < f.end) and not (q.start <= f.start < at)]
            chosen = None
            post = [f for f in own if f.passive_by and q.end <= f.start <= q.end + 25 and f.start < seg[1]
                    and not any(o is not q and q.end <= o.start < f.start for o in qs)]
            if post:
                chosen = post[0]
            if chosen is None:
                before = [f for f in own if seg[0] <= f.start and f.end <= at + 1 and not
                          (f.passive_by and any(o is not q and f.start - 25 <= o.end <= f.start for o in qs))]
                if before:
                    chosen = before[-1]
            if chosen is None:
                after = [f for f in own if q.end <= f.start < seg[1] and not f.passive_by]
                if after:
                    chosen = after[0]
            if chosen is None:
                closing = [f for f in own if f.start >= last_q_end and re.match(
                    r"\s*(?:[.!?]|$)", text[f.end:e0]) and re.search(r",\s*[\"”»]?\s*$", text[s0:f.start])]
                if closing:
                    chosen = closing[-1]
            if chosen is not None:
                q.attribution = chosen.phrase
                q.attribution_kind = chosen.kind
                if chosen.kind == "unknown" and chosen.end <= q.start and SEEN.search(text[chosen.end:q.start]):
                    q.attribution_kind = "eyewitness"  # "She says she saw 25 bodies"
                q.extra["attribution_span"] = (chosen.start, chosen.end)
