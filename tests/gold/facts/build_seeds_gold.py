#!/usr/bin/env python3
"""Source of the hand-made facts gold: regenerates seeds_gold.json and hard_cases.json.

Every seed annotation below is a hand decision written as an anchor string that quotes the
seed text with the annotated span in [[double brackets]]; offsets are computed from the
anchor, never counted by hand.  occ="all" expands an anchor over every repeat (the forum
thread reprints one interview twice).  Run from anywhere:

    python3 tests/gold/facts/build_seeds_gold.py && python3 tests/gold/facts/check_gold.py

Seeds are read from $SEEDS_DIR, else the repository's seeds/ folder. The two JSON files
are written next to this script, or into the folder given with --out.
"""
import argparse
import json
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]  # tests/gold/facts -> the repository

_args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
_args.add_argument("--out", default=str(HERE), help="folder to write seeds_gold.json and hard_cases.json to")
OUT = _args.parse_args().out

# ======================================================================= helpers
import glob


def _seeds_dir():
    for cand in (os.environ.get("SEEDS_DIR"), str(REPO / "seeds")):
        if cand and os.path.isdir(cand):
            return cand
    raise SystemExit("seed directory not found (set SEEDS_DIR)")


SEEDS = _seeds_dir()
_TEXT = {}
_NAME = {}


def fname(prefix):
    if prefix not in _NAME:
        hits = glob.glob(os.path.join(SEEDS, prefix + "_*.txt"))
        assert len(hits) == 1, prefix
        _NAME[prefix] = os.path.basename(hits[0])
    return _NAME[prefix]


def text(prefix):
    if prefix not in _TEXT:
        with open(os.path.join(SEEDS, fname(prefix)), encoding="utf-8", newline="") as fh:
            _TEXT[prefix] = fh.read()
    return _TEXT[prefix]


def locate(prefix, anchor, occ=None):
    """Return list of (start, end) for [[...]] inside anchor (occ: None=unique, 'all', int 1-based)."""
    m = re.search(r"\[\[(.+?)\]\](?!\])", anchor, re.S)
    assert m, anchor
    plain = anchor[: m.start()] + m.group(1) + anchor[m.end():]
    off = m.start()
    surf = m.group(1)
    t = text(prefix)
    pos = [i.start() for i in re.finditer(re.escape(plain), t)]
    if not pos:
        raise ValueError("anchor not found in %s: %r" % (prefix, plain))
    if occ is None:
        if len(pos) != 1:
            raise ValueError("anchor not unique (%d) in %s: %r" % (len(pos), prefix, plain))
        sel = pos
    elif occ == "all":
        sel = pos
    else:
        sel = [pos[occ - 1]]
    out = []
    for p in sel:
        s = p + off
        out.append((s, s + len(surf)))
        assert t[s:s + len(surf)] == surf
    return out


_BOUND = re.compile(r"(?<=[.!?])[”\"’)\]]*\s|\n")


def sentence(prefix, s, e):
    """Heuristic sentence around the span (results were reviewed; override with sent=...)."""
    t = text(prefix)
    # start: after last boundary before s
    st = 0
    for m in _BOUND.finditer(t, 0, s):
        st = m.end()
    # end: first boundary at/after e
    m = _BOUND.search(t, e)
    en = m.end() if m else len(t)
    return t[st:en].strip()



Qs, Ds, Ns = [], [], []

# ---- kind shortcuts
OFF, UNOFF, EYE, MED, AUT, UNK = "official", "unofficial", "eyewitness", "media", "author", "unknown"

EV_SHOOT = "zhanaozen-shooting-2011"
EV_STRIKE = "zhanaozen-strike-2011"
EV_CRACK = "zhanaozen-crackdown-2011"
EV_TRIAL = "zhanaozen-trials-2012"
EV_PROT = "protests-after-shooting-2011"
EV_REDEV = "zhanaozen-redevelopment"
EV_ANNIV = "zhanaozen-anniversary-2012"
EV_PERS = "persecution-2012-2013"
EV_ABL = "ablyazov-case"
EV_VISIT = "kostyuchenko-visit-2012"
EV_HYST = "zhanaozen-mass-hysteria-2015"
EV_AGH = "aghadil-protests-2020"
EV_2022 = "kazakhstan-unrest-2022"
EV_POL = "poland-december-1970"
EV_AKSY = "aksy-2002"
EV_KG05 = "kyrgyzstan-2005"
EV_JEL = "almaty-december-1986"
EV_UZEN = "novy-uzen-1989"
EV_PRESS = "press-freedom-rankings-2013"
EV_EP = "european-parliament-resolutions"
EV_BG = "background"
EV_DOC = "document-dateline"


def Q(f, anchor, lo, hi, qual, unit, measure, event, attr, kind, occ=None, note=None, sent=None, **extra):
    for s, e in locate(f, anchor, occ):
        t = text(f)
        rec = {
            "file": fname(f), "start": s, "end": e, "surface": t[s:e],
            "value_low": lo, "value_high": hi, "qualifier": qual, "unit": unit,
            "measure": measure, "event": event, "attribution": attr, "attribution_kind": kind,
            "sentence": sent if sent is not None else sentence(f, s, e),
        }
        if note:
            rec["note"] = note
        rec.update(extra)
        Qs.append(rec)


def D(f, anchor, date, precision, event, occ=None, note=None):
    for s, e in locate(f, anchor, occ):
        rec = {"file": fname(f), "start": s, "end": e, "surface": text(f)[s:e],
               "date": date, "precision": precision, "event": event}
        if note:
            rec["note"] = note
        Ds.append(rec)


def N(f, anchor, why, occ=None, note=None):
    for s, e in locate(f, anchor, occ):
        rec = {"file": fname(f), "start": s, "end": e, "surface": text(f)[s:e], "why": why}
        if note:
            rec["note"] = note
        Ns.append(rec)


def N_span(f, s, e, why, note=None):
    rec = {"file": fname(f), "start": s, "end": e, "surface": text(f)[s:e], "why": why}
    if note:
        rec["note"] = note
    Ns.append(rec)


def D_span(f, s, e, date, precision, event, note=None):
    rec = {"file": fname(f), "start": s, "end": e, "surface": text(f)[s:e],
           "date": date, "precision": precision, "event": event}
    if note:
        rec["note"] = note
    Ds.append(rec)



# ===================== 000: opinion piece (Victor Gott, published around 16 Dec 2012)
f = "000"
D(f, "[[December 16th, 2012]] is the anniversary", "2012-12-16", "day", EV_ANNIV)
D(f, "top information about [[December 16th]] tragedy", "2011-12-16", "day", EV_SHOOT,
  note="year not written; resolved to 2011 from context (the tragedy)")
D(f, "and vodka on [[December 16th]].", "2011-12-16", "day", EV_SHOOT, note="year resolved from context")
D(f, "Only [[this year]] the amount comprised", "2012", "year", EV_REDEV,
  note="relative: text written for the Dec 2012 anniversary")
Q(f, "sentenced him to [[22 months]] of prison", 22, 22, "exact", "month", "sentenced", EV_ABL, None, AUT)
Q(f, "is estimated [[about 5 bln USD]]", 5e9, 5e9, "about", "USD", "money", EV_ABL, "is estimated", UNK,
  note="'estimated about' without a named estimator")
Q(f, "USD. [[Nine]] court actions", 9, 9, "exact", "court_action", "other", EV_ABL, None, AUT)
Q(f, "during [[7 months]] oilmen during protest actions", 7, 7, "exact", "month", "other", EV_STRIKE,
  "recognized by all parties", UNK, note="duration of the protest; 'recognized by all parties' is an unnamed consensus (author's framing)")
Q(f, "the amount comprised [[100 mln USD]]", 1e8, 1e8, "exact", "USD", "money", EV_REDEV, None, AUT,
  note="'Only' modifies 'this year', not the figure")
N(f, "Mayor of Janaozen and the [[First]] Deputy Mayor", "ordinal in a job title")

# ===================== 001: IWPR news report, dateline Friday 14 December 2012
f = "001"
D(f, "lessons of [[December 2011]] bloodshed.\n\nCold", "2011-12", "month", EV_SHOOT)
D(f, "lessons of [[December 2011]] bloodshed.\n\nThe building", "2011-12", "month", EV_SHOOT)
D(f, "ended in violence [[last December]]", "2011-12", "month", EV_SHOOT, occ="all",
  note="relative; article dated 14 Dec 2012 (photo caption printed twice)")
D(f, "[[Friday, 14 December, 2012]]", "2012-12-14", "day", EV_DOC)
D(f, "[[Last year]]’s violence in the town", "2011", "year", EV_SHOOT, note="relative to 2012 dateline")
D(f, "conference in Almaty on [[December 13]],", "2012-12-13", "day", EV_ANNIV, note="year from dateline")
N(f, "December 13, [[three]] days before", "relative time offset ('three days before')")
N(f, "three days before the [[first]] anniversary", "ordinal (anniversary)")
D(f, "On [[December 16 last year]], police", "2011-12-16", "day", EV_SHOOT, note="relative year")
Q(f, "police shot dead at [[16]] people", 16, 16, "exact", "person", "killed", EV_SHOOT, None, AUT,
  note="text reads 'shot dead at 16 people' - probably 'at least 16' with 'least' dropped; kept as written (exact)")
Q(f, "was given [[12 days]] in jail", 12, 12, "exact", "day", "sentenced", EV_ANNIV, None, AUT,
  note="lawyer Asel Nurgazieva, administrative jail shortly before the anniversary")
D(f, "In the course of [[this year]], local residents", "2012", "year", EV_TRIAL, note="relative to 2012 dateline")
D(f, "religious freedom passed [[last year]]", "2011", "year", EV_BG, note="relative to 2012 dateline")
D(f, "said events [[last year]] showed", "2011", "year", EV_SHOOT, note="relative to 2012 dateline")
Q(f, "There are [[several thousand]] non-government organisations", 2000, None, "vague", "organisation", "other",
  EV_BG, "he said", UNOFF, note="Yevgeny Zhovtis, head of Kazakhstan Bureau for Human Rights")
Q(f, "recalled that over [[several months]], hundreds", 2, None, "vague", "month", "other", EV_STRIKE,
  "Zhovtos recalled", UNOFF, note="'over' here means 'during', it is NOT a 'more than' hedge")
Q(f, "over several months, [[hundreds]] of oil-industry workers", 200, None, "vague", "person", "strikers",
  EV_STRIKE, "Zhovtos recalled", UNOFF)
Q(f, "dispute – one of [[several]] across the oil-rich west", 2, None, "vague", "dispute", "other", EV_STRIKE,
  "Zhovtis said", UNOFF)
D(f, "oil-rich west of Kazakstan [[last year]] – was", "2011", "year", EV_STRIKE, note="relative to 2012 dateline")
N(f, "and the [[first]] instinct was still", "ordinal word")


# ===================== 002: forum thread (Jan 2022 unrest) with reprinted articles
f = "002"
HYP = dict(hypothetical=True)
# --- forum posts about January 2022
Q(f, "army will kill [[100]] terrorists", 100, 100, "exact", "person", "killed", EV_2022, None, AUT,
  note="wish/hypothetical ratio, not a claim about events", **HYP)
Q(f, "100 terrorists for [[one]] dead Kazakh officer", 1, 1, "exact", "person", "killed", EV_2022, None, AUT,
  note="hypothetical", **HYP)
N(f, "China did it over [[ten]] years ago", "relative time offset ('over ten years ago')")
N(f, "These NGO's are a [[fifth]] element", "ordinal in an idiom")
N(f, "[[18:00]] - Massive shootout", "clock time")
Q(f, "Alamaty [[possibly hundreds]] dead", 200, None, "vague", "person", "killed", EV_2022, None, AUT,
  note="forum poster's live update; hedge 'possibly' kept in surface")
N(f, "[[23:00]] - Shooting around", "clock time")
N(f, "only H[[3]]C out of big ones", "part of a company name (H3C)")
Q(f, "if there are [[10%]] of head-choppers", 10, 10, "exact", "percent", "other", EV_2022, None, AUT,
  occ="all", note="hypothetical ('even if there are'); post quoted twice", **HYP)
N(f, "that some [[3rd]] foreign party", "ordinal ('3rd party'); 'some' is not a hedge here", occ="all")
Q(f, "among their demands, [[half]] of them", 50, 50, "exact", "percent", "other", EV_BG, None, AUT,
  occ="all", note="fraction word in a hypothetical (BLM analogy); post quoted twice", **HYP)
Q(f, "How many [[thousands]] of people were imprisoned", 2000, None, "vague", "person", "detained", EV_BG, None, AUT,
  note="rhetorical question about ex-Soviet police states")
Q(f, "care to show the [[thousands]] in jail", 2000, None, "vague", "person", "detained", EV_2022, None, AUT)

# --- reprinted RFE/RL article about Dulat Aghadil (Feb 2020)
D(f, "[[February 26, 2020]] 15:15 GMT", "2020-02-26", "day", EV_DOC)
N(f, "February 26, 2020 [[15:15]] GMT", "clock time")
D(f, "People at the [[February 26]] protest", "2020-02-26", "day", EV_AGH, occ="all", note="year from dateline")
Q(f, "NUR-SULTAN -- [[Dozens]] of protesters", 24, None, "vague", "person", "participants", EV_AGH, None, AUT)
Q(f, "immediate release of [[dozens]] of other activists", 24, None, "vague", "person", "detained", EV_AGH, None, AUT)
D(f, "who were detained on [[February 21-22]], are safe", "2020-02-21/2020-02-22", "day", EV_AGH)
D(f, "Nur-Sultan city police said on [[February 25]] that", "2020-02-25", "day", EV_AGH)
D(f, "time of his arrest late on [[February 24]] and died", "2020-02-24", "day", EV_AGH)
D(f, "Also on [[February 26]], dozens of protesters", "2020-02-26", "day", EV_AGH)
Q(f, "Also on February 26, [[dozens]] of protesters rallied", 24, None, "vague", "person", "participants", EV_AGH, None, AUT)
Q(f, "Qaraghandy, [[at least one]] local activist was detained", 1, None, "at_least", "person", "detained", EV_AGH, None, AUT)
D(f, "was detained by police on [[February 26]] after", "2020-02-26", "day", EV_AGH)
D(f, "Interior Ministry in Nur-Sultan on [[February 25]] demanding", "2020-02-25", "day", EV_AGH)
Q(f, "dispersed by police and [[more than 20]] demonstrators were detained", 20, None, "at_least", "person",
  "detained", EV_AGH, None, AUT, note="'more than N' encoded as at_least N (strict bound, see README)")
N(f, "available\n\n[[0:000:01:070:00]]\n", "video player timestamps (0:00 / 0:01:07 / 0:00)")
Q(f, "Shymkent and Aqtobe, [[dozens]] rallied", 24, None, "vague", "person", "participants", EV_AGH, None, AUT)
D(f, "Elvira Azimova promised on [[February 25]] to", "2020-02-25", "day", EV_AGH)
Q(f, "told RFE/RL that [[at least six]] activists", 6, None, "at_least", "person", "other", EV_AGH,
  "campaigners told RFE/RL", UNOFF, note="activists prevented from travelling to the funeral")
D(f, "funeral, scheduled for [[February 27]], were", "2020-02-27", "day", EV_AGH)
D(f, "told RFE/RL on [[February 25]] that official", "2020-02-25", "day", EV_AGH)
Q(f, "He was sentenced to [[several days]] in jail", 2, None, "vague", "day", "sentenced", EV_AGH, None, AUT)
D(f, "Since [[August last year]], he had", "2019-08", "month", EV_AGH, note="relative to the Feb 2020 dateline")
Q(f, "he had spent [[at least 60 days]] in jail", 60, None, "at_least", "day", "sentenced", EV_AGH, None, AUT)
D(f, "[[In November]], Aghadil made headlines", "2019-11", "month", EV_AGH, note="relative: November before the Feb 2020 dateline")

# --- reprinted openDemocracy piece by Elena Kostyuchenko (17 Jan 2018)
D(f, "Zhanaozen\nIn [[2011]], a seven-month-long strike", "2011", "year", EV_STRIKE)
Q(f, "In 2011, a [[seven-month]]-long strike", 7, 7, "exact", "month", "other", EV_STRIKE, None, AUT,
  note="number word inside a compound adjective; a duration, so a quantity (unlike ages)")
N(f, "tragic end. [[Six]] months after I reported", "relative time offset ('Six months after')")
D(f, "Elena Kostyuchenko\n[[17 January 2018]]", "2018-01-17", "day", EV_DOC)
N(f, "Share this\n[[1024]]px-Mangystau_Union_Square_Protest_(", "image width in a file name")
D(f, "Mangystau_Union_Square_Protest_([[2011-12-18]]).jpg", "2011-12-18", "day", EV_PROT,
  note="ISO date inside an image file name (San Francisco solidarity protest)")
D(f, "response to the recent [[2011]] Mangystau riots", "2011", "year", EV_SHOOT)
N(f, "riots. Photo CC BY-SA [[3.0]]: Amineshaker", "licence version number")
D(f, "here.\nIn [[December 2011]], an oil workers’ strike", "2011-12", "month", EV_SHOOT)
Q(f, "According to unofficial statistics, [[up to 64]] people were killed", None, 64, "at_most", "person", "killed",
  EV_SHOOT, "According to unofficial statistics", UNOFF)
Q(f, "up to 64 people were killed and [[400]] wounded", None, 400, "at_most", "person", "injured",
  EV_SHOOT, "According to unofficial statistics", UNOFF,
  note="the hedge 'up to' is not adjacent but governs the elliptical second conjunct ('[up to] 400 [were] wounded')",
  hedge_inherited=True)
Q(f, "I had [[12,000 roubles]] on my card", 12000, 12000, "exact", "RUB", "money", EV_VISIT, None, AUT)
Q(f, "For [[several nights]] in a row", 2, None, "vague", "night", "other", EV_VISIT, None, AUT)
N(f, "boarded a flight on my [[fourth]] attempt", "ordinal")
D(f, "It was a cold [[May]]. Half", "2012-05", "month", EV_VISIT,
  note="relative: 'half a year' after the December 2011 shooting")
N(f, "cold May. [[Half]] a year earlier", "relative time offset ('Half a year earlier')")
Q(f, "obtain evidence that [[at least 64]] people had been shot", 64, None, "at_least", "person", "killed", EV_SHOOT,
  "I was somehow able to obtain evidence", AUT,
  note="first-person attribution: the author's own evidence; 'shot' read as shot dead: contrasted with the official count of fatalities in the same sentence")
Q(f, "maintained there had been [[only 15]] fatalities", 15, 15, "exact", "person", "killed", EV_SHOOT,
  "the authorities maintained", OFF, note="'only' is a minimiser, value exact")
N(f, "rsz_image[[025]].jpg", "image file name")
Q(f, "in a house with [[two]] twins", 2, 2, "exact", "person", "other", EV_VISIT, None, AUT)
N(f, "they watched [[Three]] Steps Above Heaven", "part of a film title")
N(f, "A. had disappeared [[several]] days earlier", "relative time offset ('several days earlier')")
N(f, "Zhanaozen_Court_[[1]].png", "image file name")
D(f, "oil workers from Zhanaozen. [[June 2012]]. Image still", "2012-06", "month", EV_TRIAL)
N(f, "Aluatdin Atshibayev, a [[52]]-year old driver", "age ('52-year old')")
N(f, "before his next ([[fifth]]) interrogation", "ordinal")
N(f, "the cellar of the [[five]]-story building", "building attribute ('five-story'), not a counted figure")
Q(f, "The new paving slabs, of [[seven]] different varieties", 7, 7, "exact", "variety", "other", EV_VISIT, None, AUT)
N(f, "I changed taxis [[twice]] on the return", "frequency adverb")
N(f, "had disappeared. [[Two]] months later, they dug", "relative time offset ('Two months later')")
N(f, "RIAN_[[1005909]].LR_.ru_.jpg", "image file name")
D(f, "striking oil workers, [[11 December 2017]]. Photo", "2017-12-11", "day", EV_BG, note="photo caption date")
Q(f, "I saw [[a hundred]] soldiers stand to attention", 100, 100, "exact", "person", "other", EV_VISIT, None, AUT)
Q(f, "quiet about the encounter for [[two days]]", 2, 2, "exact", "day", "other", EV_VISIT, None, AUT)
N(f, "exactly at [[nine]] o’clock in the evening", "clock time ('exactly' is not a quantity hedge)")
N(f, "[[Three and a half years]] later after a routine vaccination", "relative time offset",
  note="also listed in dates (resolved to 2015)")
D(f, "[[Three and a half years later]] after a routine vaccination", "2015", "year", EV_HYST,
  note="relative: ~3.5 years after the May 2012 visit / Dec 2011 shooting; both give 2015")
Q(f, "stop walking. [[Nearly 200]] of them are affected", None, 200, "at_most", "person", "other", EV_HYST, None, AUT,
  note="'nearly N' -> at_most N (see README)")
N(f, "[[Four]] months after our meeting", "relative time offset ('Four months after')")
Q(f, "The cemetery itself lay [[just 50 metres]] away", 50, 50, "exact", "metre", "other", EV_VISIT, None, AUT,
  note="'just' = only, not a hedge")
Q(f, "They numbered [[about 40]], but every time", 40, 40, "about", "mound", "other", EV_SHOOT, None, AUT,
  note="author counts mounds she suspects are graves of shooting victims; not stated as a death toll")
N(f, "He passed away [[three]] years ago", "relative time offset ('three years ago')")

# --- reprinted openDemocracy interview "They shot to kill" (13 Jan 2020), printed TWICE in the thread
A = "all"
CTX = dict(context_attribution="interview answer by Galym Ageleuov (human-rights defender)",
           context_attribution_kind=UNOFF)
N(f, "striking oil workers, [[eight]] years on", "relative time offset ('eight years on')", occ=A)
N(f, "years on\n[[Eight]] years after the infamous", "relative time offset ('Eight years after')", occ=A)
D(f, "[[13 January 2020]], 12.00am", "2020-01-13", "day", EV_DOC, occ=A)
N(f, "13 January 2020, [[12.00am]]", "clock time", occ=A)
N(f, "12.00am\n[[1024]]px-Mangystau", "image width in a file name", occ=A)
N(f, "Union_Square_Protest_[[2011-1]].max-760x504", "image file name fragment", occ=A)
N(f, "Protest_2011-1.max-[[760x504]]_yGQusgv", "image dimensions in a file name", occ=A)
D(f, "striking oil workers, [[December 2011]]\n|", "2011-12", "month", EV_PROT, occ=A,
  note="caption of the San Francisco solidarity protest photo")
N(f, "|\nCC BY-SA [[3.0]]: Amineshaker", "licence version number", occ=A)
D(f, "Share this\nOn [[16 December 2011]], police opened fire", "2011-12-16", "day", EV_SHOOT, occ=A)
Q(f, "According to official data, [[16]] people died", 16, 16, "exact", "person", "killed", EV_SHOOT,
  "According to official data", OFF, occ=A)
Q(f, "16 people died and [[roughly 100]] were injured", 100, 100, "about", "person", "injured", EV_SHOOT,
  "According to official data", OFF, occ=A)
Q(f, "number of victims may have been [[several times]] greater", 2, None, "vague", "ratio", "killed", EV_SHOOT,
  "Zhanaozen residents and human rights defenders said", UNOFF, occ=A,
  note="relative claim: victims several times more than the official 16 dead / ~100 injured")
Q(f, "in the city, and then [[hundreds]] of men of all ages were detained", 200, None, "vague", "person", "detained",
  EV_CRACK, None, AUT, occ=A)
Q(f, "[[Thirty seven]] people, including participants", 37, 37, "exact", "person", "sentenced", EV_TRIAL, None, AUT,
  occ=A, note="tried and sentenced to jail or suspended sentences")
Q(f, "suspended sentences. [[Five]] police officers, and the director", 5, 5, "exact", "person", "prosecuted",
  EV_TRIAL, None, AUT, occ=A, note="plus the detention-centre director (not counted in the 5)")
N(f, "legal powers.\n[[Two]] years after the Zhanaozen tragedy", "relative time offset ('Two years after')", occ=A)
D(f, "made a film about the events of [[16 December 2011]]", "2011-12-16", "day", EV_SHOOT, occ=A)
D(f, "Why the oil workers struck. Events before [[16 December]]", "2011-12-16", "day", EV_SHOOT, occ=A)
D(f, "The strike began in the [[spring of 2011]] at Ersai", "2011-03/2011-05", "month", EV_STRIKE, occ=A,
  note="season resolved to a month interval")
Q(f, "The workforce of [[about 1,000]] people went on strike", 1000, 1000, "about", "person", "strikers",
  EV_STRIKE, None, AUT, occ=A, note="Ersai workforce", **CTX)
Q(f, "the authorities sold a [[50%]] share", 50, 50, "exact", "percent", "other", EV_BG, None, AUT, occ=A, **CTX)
D(f, "even before that, in [[2009-2010]], there had been strikes", "2009/2010", "year", EV_BG, occ=A)
D(f, "So in [[2011]] they supported Ersai", "2011", "year", EV_STRIKE, occ=A)
Q(f, "enterprise for Zhanaozen, [[roughly 12,000]] employees", 12000, 12000, "about", "person", "other",
  EV_BG, None, AUT, occ=A, note="Ozenmunaigaz workforce", **CTX)
N(f, "The workers gathered at [[OS-5]] – a facility", "facility code", occ=A)
D(f, "at the start of [[June [2011]]]. Demonstrators", "2011-06", "month", EV_STRIKE, occ=A,
  note="year supplied in editorial brackets")
D(f, "promises made in [[2009]] by the deputy prime minister", "2009", "year", EV_BG, occ=A)
Q(f, "the national minimum plus [[70-80%]] for oil industry weighting", 70, 80, "range", "percent", "money",
  EV_BG, None, AUT, occ=A, **CTX)
Q(f, "arrested Natalia and detained her for [[eight days]]", 8, 8, "exact", "day", "detained", EV_STRIKE, None, AUT,
  occ=A, note="duration of detention (unit day), not a head-count", **CTX)
Q(f, "Natalia was jailed for [[six years]] on the same charges", 6, 6, "exact", "year", "sentenced", EV_STRIKE,
  None, AUT, occ=A, **CTX)
Q(f, "you can not serve [[two]] sentences", 2, 2, "exact", "sentence", "other", EV_STRIKE, None, AUT, occ=A, **CTX)
Q(f, "in this case, [[eight days]] and six years", 8, 8, "exact", "day", "detained", EV_STRIKE, None, AUT, occ=A, **CTX)
Q(f, "in this case, eight days and [[six years]] – for the same crime", 6, 6, "exact", "year", "sentenced",
  EV_STRIKE, None, AUT, occ=A, **CTX)
D(f, "Natalia Sokolova was jailed in [[August 2011]]", "2011-08", "month", EV_STRIKE, occ=A)
D(f, "She was released in [[March 2012]], after", "2012-03", "month", EV_STRIKE, occ=A)
D(f, "In [[April [2011]]], when all three companies", "2011-04", "month", EV_STRIKE, occ=A)
Q(f, "when all [[three]] companies were on strike", 3, 3, "exact", "company", "other", EV_STRIKE, None, AUT, occ=A, **CTX)
Q(f, "Natalia was arrested and jailed for [[15 days]] for no reason", 15, 15, "exact", "day", "sentenced",
  EV_STRIKE, None, AUT, occ=A, note="Natalia Azhigalieva", **CTX)
N(f, "The workers of [[OS-5]] were attacked", "facility code", occ=A)
D(f, "at the beginning of [[July [2011]]], and were compelled", "2011-07", "month", EV_STRIKE, occ=A)
Q(f, "At the start this was [[about 5,000]] people", 5000, 5000, "about", "person", "strikers", EV_STRIKE, None, AUT,
  occ=A, note="people occupying the square at the start of the sit-in", **CTX)
Q(f, "they were there for [[eight months]]. The whole town", 8, 8, "exact", "month", "other", EV_STRIKE, None, AUT,
  occ=A, **CTX)
Q(f, "might have a family of [[twelve]], all without work", 12, 12, "exact", "person", "other", EV_STRIKE, None, AUT,
  occ=A, note="illustrative family size", **CTX)
Q(f, "it became a city of [[130,000-140,000]] inhabitants", 130000, 140000, "range", "person", "population",
  EV_BG, None, AUT, occ=A, **CTX)
Q(f, "one amount above-board – [[150,000-170,000 tenge]] – but", 150000, 170000, "range", "KZT", "money",
  EV_STRIKE, None, AUT, occ=A, note="monthly pay", **CTX)
Q(f, "they were getting [[400,000]]. More than twice", 400000, 400000, "exact", "KZT", "money", EV_STRIKE, None, AUT,
  occ=A, note="currency implied (tenge) from the previous clause", **CTX)
Q(f, "they were getting 400,000. [[More than twice]] as much", 2, None, "at_least", "ratio", "money", EV_STRIKE,
  None, AUT, occ=A, **CTX)
D(f, "Well, for example, in [[2010-2011]] oil workers", "2010/2011", "year", EV_STRIKE, occ=A)
Q(f, "bear the strain of the [[eight months]] of strike action", 8, 8, "exact", "month", "other", EV_STRIKE, None, AUT,
  occ=A, **CTX)
D(f, "sorting things out.\n[[16 December]]. What happened on the square", "2011-12-16", "day", EV_SHOOT, occ=A)
D(f, "on the square in Zhanaozen on [[16 December 2011]]? How did", "2011-12-16", "day", EV_SHOOT, occ=A)
Q(f, "invited everyone to Alan square, and [[about 5,000]] people gathered there", 5000, 5000, "about", "person",
  "participants", EV_SHOOT, None, AUT, occ=A, note="Independence Day festival crowd", **CTX)
Q(f, "There was a unit of [[100]] armed officers", 100, 100, "exact", "person", "other", EV_SHOOT, None, AUT,
  occ=A, note="police unit that fired", **CTX)
Q(f, "For [[20-30 minutes]], they fired continuously", 20, 30, "range", "minute", "other", EV_SHOOT, None, AUT,
  occ=A, **CTX)
Q(f, "at the trial of the [[37]] oil workers on disorder charges", 37, 37, "exact", "person", "prosecuted",
  EV_TRIAL, None, AUT, occ=A, **CTX)
N(f, "school pupils from the [[sixth]] and seventh classes", "ordinal (school grade)", occ=A)
N(f, "school pupils from the sixth and [[seventh]] classes", "ordinal (school grade)", occ=A)
N(f, "the bone. The [[sixth]]- and seventh-class", "ordinal (school grade)", occ=A)
N(f, "the bone. The sixth- and [[seventh]]-class", "ordinal (school grade)", occ=A)
D(f, "Utegaliev was convicted in [[April 2012]] of having", "2012-04", "month", EV_TRIAL, occ=A)
D(f, "and then released in [[September 2014]].]", "2014-09", "month", EV_TRIAL, occ=A)
Q(f, "they prepared [[100%]] for that option", 100, 100, "exact", "percent", "other", EV_SHOOT, None, AUT, occ=A,
  note="idiomatic degree ('100% prepared'), still a percentage figure", **CTX)
Q(f, "officially they refer to [[16]] people killed on 16 December", 16, 16, "exact", "person", "killed", EV_SHOOT,
  "officially they refer to", OFF, occ=A, note="interviewer's question")
D(f, "16 people killed on [[16 December]] at Zhanaozen", "2011-12-16", "day", EV_SHOOT, occ=A)
Q(f, "at Zhanaozen, and [[one]] killed on 17 December at Shetpe", 1, 1, "exact", "person", "killed", EV_SHOOT,
  "officially they refer to", OFF, occ=A, note="Shetpe death; number word 'one'")
D(f, "one killed on [[17 December]] at Shetpe", "2011-12-17", "day", EV_SHOOT, occ=A)
Q(f, "hungry, after [[eight months]] on strike", 8, 8, "exact", "month", "other", EV_STRIKE, None, AUT, occ=A, **CTX)
N(f, "When did they [[first]] video appear?", "ordinal word", occ=A)
D(f, "They showed up, I think, on the [[18th]] or 19th of December", "2011-12-18", "day", EV_SHOOT, occ=A,
  note="alternative date ('18th or 19th'); month shared with the second alternative")
D(f, "on the 18th or [[19th of December]]", "2011-12-19", "day", EV_SHOOT, occ=A)
D(f, "of December.\nAfter [[16 December]]. How they interrogated", "2011-12-16", "day", EV_CRACK, occ=A)
D(f, "On [[the 16th]], witnesses describe", "2011-12-16", "day", EV_SHOOT, occ=A, note="month/year from context")
Q(f, "and after [[about half an hour]] the ambulances", 0.5, 0.5, "about", "hour", "other", EV_SHOOT, None, AUT,
  occ=A, **CTX)
Q(f, "At the morgue, there were [[16]] places for bodies", 16, 16, "exact", "place", "other", EV_SHOOT, None, AUT,
  occ=A, note="morgue capacity, not a death toll", **CTX)
Q(f, "reason why the figure of [[16]] dead was given at Zhanaozen", 16, 16, "exact", "person", "killed", EV_SHOOT,
  "the figure of 16 dead was given", OFF, occ=A, note="refers to the official figure")
Q(f, "that there were [[not only 16]] killed", 16, None, "at_least", "person", "killed", EV_SHOOT, None, AUT, occ=A,
  note="negated minimiser: 'not only 16' = more than 16; inferred from 'the statements of many witnesses'", **CTX)
Q(f, "the hospital at Zhetybai, [[30-40 kilometres]] from Zhanaozen", 30, 40, "range", "km", "other", EV_BG, None, AUT,
  occ=A, **CTX)
N(f, "For example Rakhat Kusherov, a [[16]]-year old child", "age ('16-year old')", occ=A)
Q(f, "And so the [[16]] killed [according to official data]", 16, 16, "exact", "person", "killed", EV_SHOOT,
  "[according to official data]", OFF, occ=A, note="attribution given in editorial brackets after the figure")
Q(f, "beaten up for [[several days]]. Another of his daughters", 2, None, "vague", "day", "detained", EV_CRACK, None,
  AUT, occ=A, note="Bazarbai Kenzhebaev held and beaten", **CTX)
Q(f, "And there [[about 400]] people stood in water", 400, 400, "about", "person", "detained", EV_CRACK, None, AUT,
  occ=A, **CTX)
Q(f, "a woman, a mother of [[four]] children, was killed", 4, 4, "exact", "person", "other", EV_SHOOT, None, AUT,
  occ=A, **CTX)
D(f, "was killed on [[16 December]] while using a cash machine", "2011-12-16", "day", EV_SHOOT, occ=A)
Q(f, "released?\n[[Five]] police officers were tried", 5, 5, "exact", "person", "prosecuted", EV_TRIAL, None, AUT,
  occ=A, **CTX)
Q(f, "were identified; [[two]] of them were punished", 2, 2, "exact", "person", "sentenced", EV_TRIAL, None, AUT,
  occ=A, **CTX)
Q(f, "And another [[three]], whose weapons", 3, 3, "exact", "person", "sentenced", EV_TRIAL, None, AUT, occ=A, **CTX)
Q(f, "So you are saying there were [[five]] scapegoats?", 5, 5, "exact", "person", "prosecuted", EV_TRIAL, None, MED,
  occ=A, note="interviewer's question (Current Time)")
N(f, "who had literally [[a day or two]] before 16 December", "relative time offset ('a day or two before')", occ=A)
D(f, "a day or two before [[16 December]] been appointed", "2011-12-16", "day", EV_SHOOT, occ=A)
Q(f, "convicted, and sentenced to [[five years]]. But there", 5, 5, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  occ=A, note="Zhenisbek Temirov", **CTX)
Q(f, "you’ll only serve [[a couple of years]]", 2, 2, "about", "year", "sentenced", EV_TRIAL, None, AUT, occ=A,
  note="'a couple' -> about 2", **CTX)
D(f, "the way in which they set up the [[2012]] trial", "2012", "year", EV_TRIAL, occ=A)
N(f, "And after about [[six]] months, he was murdered", "relative time offset ('after about six months'); 'about' hedges a time offset, not a quantity", occ=A)
Q(f, "There were [[two]] guys in a shop", 2, 2, "exact", "person", "other", EV_BG, None, AUT, occ=A, **CTX)
Q(f, "who were short of [[50 tenge]] to pay", 50, 50, "exact", "KZT", "money", EV_BG, None, AUT, occ=A, **CTX)
Q(f, "offered them the [[50 tenge]]. They waited", 50, 50, "exact", "KZT", "money", EV_BG, None, AUT, occ=A, **CTX)
N(f, "the laws on disorder, [[article 241]] [of the Kazakh", "legal article number", occ=A)
Q(f, "criminal code]: there were [[37]] defendants", 37, 37, "exact", "person", "prosecuted", EV_TRIAL, None, AUT,
  occ=A, **CTX)
Q(f, "At the hearings, [[19]] of them said straight out", 19, 19, "exact", "person", "other", EV_TRIAL, None, AUT,
  occ=A, note="defendants who reported torture", **CTX)
Q(f, "[[Thirteen]] people were sentenced; the longest", 13, 13, "exact", "person", "sentenced", EV_TRIAL, None, AUT,
  occ=A, **CTX)
Q(f, "served by Roza Tuletaeva – [[seven years]]. The rest", 7, 7, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  occ=A, **CTX)
Q(f, "The rest got [[six]], five, four years", 6, 6, "exact", "year", "sentenced", EV_TRIAL, None, AUT, occ=A,
  note="unit 'years' shared with the last list item", **CTX)
Q(f, "The rest got six, [[five]], four years", 5, 5, "exact", "year", "sentenced", EV_TRIAL, None, AUT, occ=A,
  note="unit 'years' shared with the last list item", **CTX)
Q(f, "The rest got six, five, [[four years]] and so on", 4, 4, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  occ=A, **CTX)
D(f, "in Kazakhstan after the [[2011-2012]] events in Zhanaozen", "2011/2012", "year", EV_TRIAL, occ=A)
D(f, "From [[2011]] onwards they toughened", "2011", "year", EV_BG, occ=A)

# --- Jan 2022 headlines and demands
Q(f, "City mayor's office torched, [[hundreds]] detained", 200, None, "vague", "person", "detained", EV_2022, None, MED,
  note="reposted news headline")
for i, item in enumerate(["Immediate release", "President and government", "Political reforms",
                          "Establishment of a Provisional", "Withdrawal from all"], 1):
    N(f, "\n[[%d]]. %s" % (i, item), "list marker")

# --- extra low-salience counts found in the review pass
N(f, "wrote about what she saw. [[Half]] a year later", "relative time offset ('Half a year later')")
Q(f, "enthusiastic.\n[[A few]] houses stood", 2, None, "vague", "building", "other", EV_VISIT, None, AUT,
  note="'a few' treated like 'several' (>= 2)")
Q(f, "Look at it logically: for [[one month]] armed OMON", 1, 1, "exact", "month", "other", EV_SHOOT, None, AUT,
  occ="all", note="OMON deployment before the shooting", **CTX)


# ===================== 003: translated blog compilation (Dec 2011 blog + later chronicle + news + official press)
f = "003"
# --- blog post "BLOOD OF ZHANAOZEN" (written late Dec 2011 / early Jan 2012)
Q(f, "I’ll make up for it with [[three]] posts", 3, 3, "exact", "post", "other", EV_BG, None, AUT)
N(f, "Kazakh execution? [[Part I]]\n", "part numbering (Roman numeral)")
D(f, "Part I\n\nOn [[December 16]], an armed team", "2011-12-16", "day", EV_SHOOT, note="year from context")
Q(f, "Shetpe station. [[16]] people died.", 16, 16, "exact", "person", "killed", EV_SHOOT, None, AUT,
  note="covers Zhanaozen and Shetpe together")
D(f, "The video hit the internet on [[December 20]].", "2011-12-20", "day", EV_SHOOT)
D(f, "learned about the event on [[December 16]] from a series", "2011-12-16", "day", EV_SHOOT)
D(f, "discussed all this until [[December 20]] - the date", "2011-12-20", "day", EV_SHOOT)
Q(f, "this [[three-second]] shot with a poster", 3, 3, "exact", "second", "other", EV_SHOOT, None, AUT,
  note="duration inside a compound adjective")
Q(f, "Public figures in Kazakhstan talk about [[46]] buildings burned", 46, 46, "exact", "building", "buildings",
  EV_SHOOT, "Public figures in Kazakhstan talk about", OFF,
  note="'talk about 46' - 'about' means 'concerning' here, NOT an approximation hedge")
Q(f, "The first [[two]] buildings light up", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
N(f, "watch?v=[[3]]ZDOcK14rOs", "part of a video ID")
N(f, "watch?v=3ZDOcK[[14]]rOs", "part of a video ID")
Q(f, "A few seconds passed between the [[two]] frames", 2, 2, "exact", "frame", "other", EV_SHOOT, None, AUT)
Q(f, "being in the line of sight, [[less than a hundred]] meters away", None, 100, "at_most", "metre", "other",
  EV_SHOOT, None, AUT, note="'less than N' encoded as at_most N (strict bound)")
Q(f, "These [[two]] shots leave no doubt", 2, 2, "exact", "frame", "other", EV_SHOOT, None, AUT)
D(f, "Addition. [[12/30/2011]] a video appeared", "2011-12-30", "day", EV_SHOOT, note="US-style MM/DD/YYYY")
N(f, "watch?v=kEFZX[[4]]Ta7es", "part of a video ID")
N(f, "watch?v=kEFZX4Ta[[7]]es", "part of a video ID")
N(f, "the main entrance: [[13th]] second", "ordinal (second of a video)")
N(f, "there is nothing, [[16th]] second - from", "ordinal (second of a video)")
Q(f, "what happened in those [[3 seconds]]", 3, 3, "exact", "second", "other", EV_SHOOT, None, AUT)
Q(f, "since among [[thousands]] of officials", 2000, None, "vague", "person", "other", EV_SHOOT, None, AUT)
Q(f, "It was made for [[more than one]] hour", 1, None, "at_least", "hour", "other", EV_SHOOT, None, AUT)
Q(f, "more than one hour, [[more than one]] operator", 1, None, "at_least", "person", "other", EV_SHOOT, None, AUT)
Q(f, "in it. [[46]] buildings were allegedly burned", 46, 46, "exact", "building", "buildings", EV_SHOOT,
  "allegedly", OFF, note="the author disputes the official figure ('allegedly')")
Q(f, "who had been on strike for [[seven months]] were usually", 7, 7, "exact", "month", "other", EV_STRIKE, None, AUT)
N(f, "XdIdnysW[[470]]#at=351", "part of a video ID")
N(f, "XdIdnysW470#at=[[351]]", "video timestamp parameter (seconds)")
Q(f, "with a hood, there are [[two]] of them in the entire area", 2, 2, "exact", "person", "other", EV_SHOOT, None, AUT)
Q(f, "and [[several]] real workers broke the windows", 2, None, "vague", "person", "other", EV_SHOOT, None, AUT)
Q(f, "You see [[two]] frames of the video", 2, 2, "exact", "frame", "other", EV_SHOOT, None, AUT)
Q(f, "taken with a [[two-second]] difference", 2, 2, "exact", "second", "other", EV_SHOOT, None, AUT)
Q(f, "\"Burnt police cars\" is on [[three]] videos", 3, 3, "exact", "video", "other", EV_SHOOT, None, AUT)
Q(f, "from a landfill with [[two]] similar ones", 2, 2, "exact", "car", "other", EV_SHOOT, None, AUT)

# --- Wikipedia-like chronicle (written ~2018)
D(f, "Continued here -\n\n[[December 16, 2011]] on the main square", "2011-12-16", "day", EV_SHOOT)
Q(f, "city of Zhanaozen, which [[150 km]] from Aktau", 150, 150, "exact", "km", "other", EV_BG, None, AUT)
Q(f, "from Aktau, after [[seven months]] of the oil workers' strike", 7, 7, "exact", "month", "other", EV_STRIKE, None, AUT)
Q(f, "the suppression killed [[1 4]] Human,64", None, None, "vague", "person", "killed", EV_SHOOT, None, AUT,
  uncertain=True, note="broken number from bad translation ('1 4 Human' ~ '14 people'); flagged uncertain, value null")
Q(f, "killed 1 4 Human,[[64]] people were injured", 64, 64, "exact", "person", "injured", EV_SHOOT, None, AUT,
  note="glued to the previous token ('Human,64')")
D(f, "which lasted until [[January 27, 2012]]. To clarify", "2012-01-27", "day", EV_CRACK)
Q(f, "circumstances of the events, [[six]] commissions were created", 6, 6, "exact", "commission", "other", EV_CRACK, None, AUT)
Q(f, "six commissions were created, [[three]] of them belonged", 3, 3, "exact", "commission", "other", EV_CRACK, None, AUT)
D(f, "On [[May 24, 2012]], three former top managers", "2012-05-24", "day", EV_TRIAL)
Q(f, "On May 24, 2012, [[three]] former top managers", 3, 3, "exact", "person", "sentenced", EV_TRIAL, None, AUT)
D(f, "various prison terms. [[June 4, 2012]] in the case", "2012-06-04", "day", EV_TRIAL)
Q(f, "in the case of mass riots [[12]] people were sentenced", 12, 12, "exact", "person", "sentenced", EV_TRIAL, None, AUT)
Q(f, "for a term of [[three to seven years]]. On October", 3, 7, "range", "year", "sentenced", EV_TRIAL, None, AUT,
  note="number-word range 'three to seven'")
D(f, "seven years. On [[October 8 of the same year]], an oppositionist", "2012-10-08", "day", EV_TRIAL,
  note="'of the same year' resolved to 2012")
Q(f, "an oppositionist was sentenced to [[seven and a half years]] in prison", 7.5, 7.5, "exact", "year", "sentenced",
  EV_TRIAL, None, AUT, note="Vladimir Kozlov")
Q(f, "He was sentenced to [[five years]] in prison for illegal detention", 5, 5, "exact", "year", "sentenced",
  EV_TRIAL, None, AUT, note="Zhenisbek Temirov")
D(f, "injuries received during detention on [[December 16]].", "2011-12-16", "day", EV_SHOOT)
Q(f, "Orak Sarbopeev, later sentenced to [[10 years]] in prison", 10, 10, "exact", "year", "sentenced", EV_TRIAL, None, AUT)
Q(f, "the city had [[three]] akims", 3, 3, "exact", "person", "other", EV_BG, None, AUT)
D(f, "In [[the first year]], buildings damaged", "2012", "year", EV_REDEV,
  note="relative ordinal: first year after the Dec 2011 riots")
Q(f, "The total damage was estimated at [[250 million tenge]]", 250e6, 250e6, "exact", "KZT", "money", EV_SHOOT,
  "was estimated", UNK, note="damage caused by the riots")
Q(f, "At the same time, [[7]] new playgrounds appeared", 7, 7, "exact", "playground", "other", EV_REDEV, None, AUT)
D(f, "In [[December 2013]], a sports and recreation complex", "2013-12", "month", EV_REDEV)
D(f, "In [[January 2014]], a new recreation park", "2014-01", "month", EV_REDEV)
Q(f, "for which [[51 million tenge]] from the local budget", 51e6, 51e6, "exact", "KZT", "money", EV_REDEV, None, AUT)
Q(f, "Zhanaozen is one of [[27]] single-industry towns", 27, 27, "exact", "town", "other", EV_BG, None, AUT)
D(f, "As of [[January 1, 2016]], the city", "2016-01-01", "day", EV_BG)
Q(f, "the city was inhabited by: [[113.4 thousand]] people", 113400, 113400, "exact", "person", "population", EV_BG, None, AUT)
Q(f, "113.4 thousand people, or [[18%]] the entire population", 18, 18, "exact", "percent", "population", EV_BG, None, AUT)
D(f, "Mangistau region.\n\nIn [[2015]], under the program", "2015", "year", EV_REDEV)
Q(f, "single-industry towns, [[1.2 billion tenge]]:", 1.2e9, 1.2e9, "exact", "KZT", "money", EV_REDEV, None, AUT,
  note="sentence is garbled (verb missing, e.g. 'were allocated')")
Q(f, "1.2 billion tenge: [[345.7 million tenge]] - to diversify", 345.7e6, 345.7e6, "exact", "KZT", "money",
  EV_REDEV, None, AUT)
Q(f, "medium-sized businesses, [[820 million tenge]] - for the development", 820e6, 820e6, "exact", "KZT", "money",
  EV_REDEV, None, AUT)
Q(f, "it was issued [[2]] grants for the amount", 2, 2, "exact", "grant", "other", EV_REDEV, None, AUT)
Q(f, "grants for the amount [[5 million tenge]] for the creation", 5e6, 5e6, "exact", "KZT", "money", EV_REDEV, None, AUT)
Q(f, "and also subsidized [[9]] projects", 9, 9, "exact", "project", "other", EV_REDEV, None, AUT)
Q(f, "projects for total cost [[530.9 million tenge]]", 530.9e6, 530.9e6, "exact", "KZT", "money", EV_REDEV, None, AUT)
D(f, "In [[October 2017]], as part of the implementation", "2017-10", "month", EV_REDEV)
Q(f, "Regional Development program, [[six]] boiler houses", 6, 6, "exact", "building", "buildings", EV_REDEV, None, AUT)
Q(f, "which is attended by [[147]] children", 147, 147, "exact", "person", "other", EV_REDEV, None, AUT)
D(f, "Before this, in [[2015]], four kindergartens", "2015", "year", EV_REDEV)
Q(f, "in 2015, [[four]] kindergartens were built", 4, 4, "exact", "building", "buildings", EV_REDEV, None, AUT)
Q(f, "kindergartens were built in [[320]] seats every", 320, 320, "exact", "seat", "other", EV_REDEV, None, AUT,
  note="per kindergarten ('320 seats every' = each)")
D(f, "In [[October 2018]], a water treatment plant", "2018-10", "month", EV_REDEV)
Q(f, "Construction of the facility lasted [[4 years]].", 4, 4, "exact", "year", "other", EV_REDEV, None, AUT)
D(f, "in the period [[2012-2020]] it is planned", "2012/2020", "year", EV_REDEV)
Q(f, "it is planned to connect[[about 7 thousand]] residential buildings", 7000, 7000, "about", "building",
  "buildings", EV_REDEV, "said akim of Mangistau region Yeraly Tugzhanov", OFF,
  note="hedge glued to the previous word ('connectabout'); quote attributed at the end of the paragraph")
Q(f, "tank farm for [[three days]], with the expectation", 3, 3, "exact", "day", "other", EV_REDEV,
  "said akim of Mangistau region Yeraly Tugzhanov", OFF)
Q(f, "with the expectation of[[150 thousand]] people", 150000, 150000, "exact", "person", "population", EV_REDEV,
  "said akim of Mangistau region Yeraly Tugzhanov", OFF, note="glued to 'of' ('of150')")
Q(f, "they will build here [[23]] houses", 23, 23, "exact", "building", "buildings", EV_REDEV, "According to the project", OFF)
Q(f, "23 houses with [[1376]] apartments", 1376, 1376, "exact", "apartment", "other", EV_REDEV, "According to the project", OFF,
  note="4-digit number that is NOT a year")
D(f, "scheduled to be completed in [[December 2022]].", "2022-12", "month", EV_REDEV)
D(f, "[[This year]] Zhanaozen turned 50 years old", "2018", "year", EV_REDEV,
  note="relative: city founded 1968 (stated later in the file) + 50")
N(f, "Zhanaozen turned [[50]] years old", "age of the city")
Q(f, "gave residents a gift worth [[47 million tenge]]", 47e6, 47e6, "exact", "KZT", "money", EV_REDEV, None, AUT)
D(f, "Since [[November 2017]], residents", "2017-11", "month", EV_REDEV)
Q(f, "lending to Zhanaozen residents at [[1%]].", 1, 1, "exact", "percent", "money", EV_REDEV, None, AUT,
  note="interest rate")

# --- news report of 17 Dec 2011 ("Kazakh oil and gas workers sought equal pay...")
D(f, "[[Last Friday, December 16]], the Kazakh city", "2011-12-16", "day", EV_SHOOT)
Q(f, "Authorities say there are [[10]] dead", 10, 10, "exact", "person", "killed", EV_SHOOT, "Authorities say", OFF)
Q(f, "eyewitnesses say there are [[dozens more]] dead", 24, None, "vague", "person", "killed", EV_SHOOT,
  "eyewitnesses say", EYE, note="'dozens more' (than the official 10); vague convention dozens >= 24")
Q(f, "Kazakhstan, a [[seven-month]] protest by workers", 7, 7, "exact", "month", "other", EV_STRIKE, None, AUT)
D(f, "Since [[June of this year]], there has been a strike", "2011-06", "month", EV_STRIKE)
Q(f, "As a result, [[several hundred]] workers were laid off; Trade", 200, None, "vague", "person", "fired", EV_STRIKE,
  None, AUT, note="several hundred -> >= 200 (2 x base)")
Q(f, "Kuanysh Sisenbaev and [[more than 30]] other activists", 30, None, "at_least", "person", "arrested", EV_STRIKE,
  None, AUT, note="arrested and convicted")
Q(f, "In the summer, Zhanaozen was rocked by [[two]] murders", 2, 2, "exact", "person", "killed", EV_STRIKE, None, AUT,
  note="Turbaev and Karabalayeva; not shooting victims")
D(f, "two murders. On [[August 2]], trade union activist", "2011-08-02", "day", EV_STRIKE)
D(f, "no suspects. And on [[August 24]], the body of the missing 18-year-old Zhansaule Karabalayeva, the daughter of the chairman of the trade union committee of workers of the Ozenmunaigas company Kudaibergen Karabalayev, was discovered. Oil workers believe that these events are directly related to the strike and that these crimes are an attempt to intimidate the strikers.\n\nOn December 16, the Independence Day of the Republic, workers went to a pre-announced rally in",
  "2011-08-24", "day", EV_STRIKE)
N(f, "the body of the missing [[18]]-year-old Zhansaule Karabalayeva, the daughter of the chairman of the trade union committee of workers of the Ozenmunaigas company Kudaibergen Karabalayev, was discovered. Oil workers believe that these events are directly related to the strike and that these crimes are an attempt to intimidate the strikers.\n\nOn December 16, the Independence Day of the Republic, workers went to a pre-announced rally in",
  "age ('18-year-old')")
D(f, "the strikers.\n\nOn [[December 16]], the Independence Day of the Republic, workers went to a pre-announced rally in",
  "2011-12-16", "day", EV_SHOOT)
Q(f, "It is reported that [[more than 5 thousand]] people took part", 5000, None, "at_least", "person", "participants",
  EV_SHOOT, "It is reported", UNK)
Q(f, "the unrest was started by an organized group of [[30]] people", 30, 30, "exact", "person", "other", EV_SHOOT,
  "Some of the protest participants managed to report on social networks", EYE)
Q(f, "From social media posts: [[70]] people were killed and more than 500 injured", 70, 70, "exact", "person",
  "killed", EV_SHOOT, "From social media posts", MED)
Q(f, "From social media posts: 70 people were killed and [[more than 500]] injured", 500, None, "at_least", "person",
  "injured", EV_SHOOT, "From social media posts", MED)
Q(f, "Kazakhstan confirmed the “death of [[10]] people.”", 10, 10, "exact", "person", "killed", EV_SHOOT,
  "The Prosecutor General's Office of Kazakhstan confirmed", OFF)
Q(f, "A criminal case has been opened, and [[over 70]] people have already been detained", 70, None, "at_least",
  "person", "detained", EV_CRACK, None, AUT)
Q(f, "and a hotel, and seized [[several]] buildings", 2, None, "vague", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "Prosecutor General’s Office: [[10]] people were killed, 75 were hospitalized", 10, 10, "exact", "person",
  "killed", EV_SHOOT, "repeated the figures previously announced by the Prosecutor General’s Office", OFF,
  note="also announced by Interior Minister Kasymov")
Q(f, "10 people were killed, [[75]] were hospitalized", 75, 75, "exact", "person", "injured", EV_SHOOT,
  "repeated the figures previously announced by the Prosecutor General’s Office", OFF,
  note="hospitalized counted as injured")
Q(f, "In Aktau, [[300]] people were detained at a rally", 300, 300, "exact", "person", "detained", EV_PROT, None, AUT)
N(f, "and [[a few]] hours earlier activists", "relative time offset ('a few hours earlier')")
D(f, "extraordinary: in [[mid-November]], President Nazarbayev dissolved this body of representative power, declaring “the need to develop pluralism and democratic processes in the country.” The opposition",
  "2011-11", "month", EV_BG, note="'mid-November' -> month precision")

# --- "In the center of things" quotes (17 Dec 2011)
Q(f, "According to the information that I have: [[70]] protesters were killed", 70, 70, "exact", "person", "killed",
  EV_SHOOT, "According to the information that I have", UNOFF,
  note="Paul Murphy MEP (Socialist Party of Ireland), relaying activists' information")
Q(f, "70 protesters were killed, [[500]] were injured", 500, 500, "exact", "person", "injured", EV_SHOOT,
  "According to the information that I have", UNOFF)
N(f, "the shooting of protesters began at [[11.40 am]] (9.20 Moscow time). Workers", "clock time")
N(f, "began at 11.40 am ([[9.20]] Moscow time). Workers", "clock time (decimal-looking)")
Q(f, "some buildings were burned. [[1,500]] marines and tanks", 1500, 1500, "exact", "person", "other", EV_SHOOT,
  "According to the information that I have", UNOFF, note="troops brought in; same speaker (Paul Murphy)")
N(f, "Zhanaozen. At [[12.30]], oil production in the area was stopped.\n\nEmployee", "clock time")
D(f, "Protests in Zhanaozen have been taking place since [[2008]].", "2008", "year", EV_BG)
Q(f, "Prosecutor General's Office confirmed [[only 10]] people were killed", 10, 10, "exact", "person", "killed",
  EV_SHOOT, "the Prosecutor General's Office confirmed", OFF, note="'only' = minimiser, value exact")
Q(f, "She says she saw [[25]] bodies in person alone", 25, 25, "exact", "person", "killed", EV_SHOOT,
  "She says she saw", EYE, note="eyewitness Sholpan via journalist Zhanna Baysalova; count of bodies seen")
D(f, "[[Today]] at 11 am a demonstration of solidarity", "2011-12-17", "day", EV_PROT,
  note="relative; statement made on Saturday 17 Dec 2011 (rally planned in Almaty that day)")
N(f, "Today at [[11 am]] a demonstration", "clock time")
D(f, "victims of the [[1986]] uprising", "1986", "year", EV_JEL)
N(f, "At [[8.30]] in the morning, the police", "clock time")
Q(f, "[[Two]] policemen also came for me", 2, 2, "exact", "person", "other", EV_PROT, None, AUT)

# --- official press round-up ("Six days of one year", ~21-22 Dec 2011)
N(f, "Today marks the [[sixth]] day since a clash", "ordinal")
N(f, "\n\n[[Six]] days of one year\n\n", "section title, not a reported figure")
D(f, "Six days of one year\n\nOn [[December 16, 2011]], mass riots", "2011-12-16", "day", EV_SHOOT)
N(f, "dedicated to the [[20th]] anniversary", "ordinal (anniversary)")
N(f, "At about [[11 o'clock]] in the afternoon", "clock time ('about' hedges a time, not a quantity)")
N(f, "situation at approximately [[11.40]], but soon", "clock time")
Q(f, "As a result, [[six]] police officers received various injuries", 6, 6, "exact", "person", "injured", EV_SHOOT,
  None, AUT, context_attribution="According to the prosecutor's office", context_attribution_kind=OFF)
Q(f, "and [[one]] was taken to the hospital in a coma", 1, 1, "exact", "person", "injured", EV_SHOOT, None, AUT,
  note="police officer", context_attribution="According to the prosecutor's office", context_attribution_kind=OFF)
N(f, "At [[12.35]] the riots spread", "clock time")
Q(f, "the city square. [[About 500]] people attacked", 500, 500, "about", "person", "participants", EV_SHOOT, None, AUT)
N(f, "in the buildings. At [[12.50]], about 70 more", "clock time")
Q(f, "At 12.50, [[about 70]] more hooligans", 70, 70, "about", "person", "participants", EV_SHOOT, None, AUT)
PROSC = dict(context_attribution="According to the prosecutor's office", context_attribution_kind=OFF)
Q(f, "of the riots. [[86]] people were taken to hospitals", 86, 86, "exact", "person", "injured", EV_SHOOT, None, AUT,
  **PROSC)
Q(f, "Of these, [[10]] people died, four people", 10, 10, "exact", "person", "killed", EV_SHOOT, None, AUT,
  note="official chronology, no explicit source in the sentence", **PROSC)
Q(f, "Of these, 10 people died, [[four]] people were in intensive care", 4, 4, "exact", "person", "injured",
  EV_SHOOT, None, AUT, **PROSC)
N(f, "At approximately [[17.00]], the crowd", "clock time")
N(f, "Eshmanov, at [[19.00]] smoke appeared", "clock time")
N(f, "Sulpak trading house, and at [[23.00]] the akimat", "clock time")
N(f, "to the city. At [[17.30]], active actions", "clock time")
Q(f, "By that time, [[70]] rioters had been detained", 70, 70, "exact", "person", "detained", EV_CRACK, None, AUT)
D(f, "Nursultan Nazarbayev on [[Saturday]] signed a decree", "2011-12-17", "day", EV_CRACK, note="relative weekday")
N(f, "which will be in effect from [[23.00]] to 7.00", "clock time")
N(f, "in effect from 23.00 to [[7.00]] and will last", "clock time")
D(f, "will last from [[December 17 this year]] to January 5, 2012", "2011-12-17", "day", EV_CRACK)
D(f, "from December 17 this year to [[January 5, 2012]].", "2012-01-05", "day", EV_CRACK)
D(f, "as a result of the riots on [[December 16–17]] in the city", "2011-12-16/2011-12-17", "day", EV_SHOOT)
Q(f, "in the city of oil workers, [[46]] buildings were burned and looted", 46, 46, "exact", "building", "buildings",
  EV_SHOOT, None, AUT)
Q(f, "looted, including [[8]] banking facilities", 8, 8, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "(ATMs, banks): [[20]] shops; 2 cafes", 20, 20, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "20 shops; [[2]] cafes; Notarial", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "Notarial office; [[2]] pawn shops", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "2 pawn shops; [[2]] akimats (city", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "photo salon; [[2]] police strongholds", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "Ozenmunaigas company; [[3]] private houses", 3, 3, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "3 private houses; [[More than 20]] cars", 20, None, "at_least", "car", "other", EV_SHOOT, None, AUT)
Q(f, "west of the republic had increased to [[14]] people", 14, 14, "exact", "person", "killed", EV_SHOOT,
  "information appeared", UNK, note="'number of victims' here = deaths (official figure of 17 Dec)")
N(f, "cannot be content with [[20]] years of independence", "age of the state ('20 years of independence')")
N(f, "20 years of independence, [[20]] years of achievements", "age of the state")
N(f, "accumulated over [[20]] years, they are", "age of the state ('over' = during)")
N(f, "in our state over these [[20]] years the successes", "age of the state")
N(f, "I have been to Zhanaozen [[twice]].", "frequency adverb")
Q(f, "expressed concern about the death of [[10]] people (data as of December 17 - Ed.)", 10, 10, "exact", "person",
  "killed", EV_SHOOT, "data as of December 17", OFF,
  note="UN High Commissioner quoting the official figure of the day")
D(f, "the death of 10 people (data as of [[December 17]] - Ed.)", "2011-12-17", "day", EV_SHOOT)
D(f, "the minister said [[on Monday]].", "2011-12-19", "day", EV_SHOOT, note="relative weekday; round-up written ~21 Dec 2011")
N(f, "I have already said that within [[two]] days the opposition", "relative time span ('within two days')")
D(f, "one of the slogans of the [[2005]] coup d’etat", "2005", "year", EV_KG05)
D(f, "in the events in Aksy in the south in [[2002]], where", "2002", "year", EV_AKSY)
Q(f, "in 2002, where [[six]] people died during the suppression", 6, 6, "exact", "person", "killed", EV_AKSY, None, UNK,
  note="speaker: professor Alexander Knyazev (expert, neither official nor rights group)")
N(f, "not a [[single]] foreign or local journalist", "emphatic 'not a single' (zero), not a figure")

# --- encyclopaedic paragraph + chronicle (~20 Dec 2011)
Q(f, "western Kazakhstan. Population [[about 90,000]].", 90000, 90000, "about", "person", "population", EV_BG, None, AUT)
D(f, "Founded in [[1968]], there is an airport", "1968", "year", EV_BG)
D(f, "In [[June 1989]], in what was then Novy Uzen", "1989-06", "month", EV_UZEN)
D(f, "Since [[2006]], strikes by oil workers", "2006", "year", EV_BG)
D(f, "The current peaceful strike began on [[May 17, 2011]].", "2011-05-17", "day", EV_STRIKE)
D(f, "According to trade unions, [[in June]] the number of strikers", "2011-06", "month", EV_STRIKE)
Q(f, "the number of strikers reached [[18 thousand]].", 18000, 18000, "exact", "person", "strikers", EV_STRIKE,
  "According to trade unions", UNOFF)
Q(f, "As a result, [[about 2,000]] workers were laid off", 2000, 2000, "about", "person", "fired", EV_STRIKE, None, AUT)
Q(f, "workers were laid off; [[More than 30]] activists", 30, None, "at_least", "person", "arrested", EV_STRIKE, None, AUT)
Q(f, "Zhanaozen was rocked by [[two]] murders in the summer", 2, 2, "exact", "person", "killed", EV_STRIKE, None, AUT)
D(f, "murders in the summer. On [[August 2]], trade union", "2011-08-02", "day", EV_STRIKE)
D(f, "no suspects. And on [[August 24]], the body of the missing 18-year-old Zhansaule Karabalayeva, the daughter of the chairman of the trade union committee of workers of the Ozenmunaigas company Kudaibergen Karabalayev, was discovered. Oil workers believe that these events are directly related to the strike and that these crimes are an attempt to intimidate the strikers.\n\nOn December 16, the Independence Day of the Republic, workers went to a pre-announced rally to",
  "2011-08-24", "day", EV_STRIKE)
N(f, "the body of the missing [[18]]-year-old Zhansaule Karabalayeva, the daughter of the chairman of the trade union committee of workers of the Ozenmunaigas company Kudaibergen Karabalayev, was discovered. Oil workers believe that these events are directly related to the strike and that these crimes are an attempt to intimidate the strikers.\n\nOn December 16, the Independence Day of the Republic, workers went to a pre-announced rally to",
  "age ('18-year-old')")
D(f, "the strikers.\n\nOn [[December 16]], the Independence Day of the Republic, workers went to a pre-announced rally to",
  "2011-12-16", "day", EV_SHOOT)
Q(f, "the action was attended by [[more than 5 thousand]] people", 5000, None, "at_least", "person", "participants",
  EV_SHOOT, "It is reported", UNK)
Q(f, "the riots were started by an organized group of [[30]] people", 30, 30, "exact", "person", "other", EV_SHOOT,
  "Some of the protest participants managed to report on social networks", EYE)
N(f, "the shooting of protesters began at [[11.40 am]] (9.20 Moscow time). At", "clock time")
N(f, "began at 11.40 am ([[9.20]] Moscow time). At", "clock time (decimal-looking)")
N(f, "Moscow time). At [[12.30]], oil production in the area was stopped.\n\nHuman", "clock time")
Q(f, "took over [[several]] buildings. Fighting", 2, None, "vague", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "a hotel, branches of [[two]] banks, 20 shops", 2, 2, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "branches of two banks, [[20]] shops - a total", 20, 20, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "20 shops - a total of [[46]] buildings - were burned", 46, 46, "exact", "building", "buildings", EV_SHOOT, None, AUT)
Q(f, "were burned; [[More than 20]] cars were burned and damaged. The authorities brought", 20, None, "at_least",
  "car", "other", EV_SHOOT, None, AUT)
Q(f, "The authorities brought [[1,500]] marines into the city", 1500, 1500, "exact", "person", "other", EV_SHOOT, None, AUT)
Q(f, "some victims were transported [[150 km]] to the regional center", 150, 150, "exact", "km", "other", EV_SHOOT, None, AUT)
Q(f, "From social media posts: [[70]] people were killed, more than 500 injured(", 70, 70, "exact", "person",
  "killed", EV_SHOOT, "From social media posts", MED)
Q(f, "From social media posts: 70 people were killed, [[more than 500]] injured(", 500, None, "at_least", "person",
  "injured", EV_SHOOT, "From social media posts", MED)
Q(f, "reported that she personally saw [[25]] bodies of the dead", 25, 25, "exact", "person", "killed", EV_SHOOT,
  "an eyewitness informant from an independent journalist from Almaty, Zhanna Baysalova, reported that she personally saw",
  EYE)
Q(f, "Kazakhstan confirmed \" [[14]] people died", 14, 14, "exact", "person", "killed", EV_SHOOT,
  "Prosecutor General's Office Kazakhstan confirmed", OFF)
Q(f, "14 people died, [[more than 90]] were injured(of which", 90, None, "at_least", "person", "injured", EV_SHOOT,
  "Prosecutor General's Office Kazakhstan confirmed", OFF)
Q(f, "were injured(of which [[9]] are police officers)", 9, 9, "exact", "person", "injured", EV_SHOOT,
  "Prosecutor General's Office Kazakhstan confirmed", OFF, note="police officers among the injured")
Q(f, "Organization of mass riots”, [[over 70]] people were detained", 70, None, "at_least", "person", "detained",
  EV_CRACK, None, AUT)
N(f, "[[Around 6 pm]] in Aktau, 300 workers", "clock time ('Around' hedges a time, not a quantity)")
Q(f, "Around 6 pm in Aktau, [[300]] workers went to the central square", 300, 300, "exact", "person", "detained",
  EV_PROT, None, AUT, note="300 rallied and were detained")
D(f, "On the morning of Saturday, [[December 17]], an investigative", "2011-12-17", "day", EV_CRACK)
D(f, "In the evening of [[17.12]] near Shetpe station", "2011-12-17", "day", EV_SHOOT,
  note="DD.MM date that looks like a decimal / clock time")
Q(f, "near Zhanaozen [[several hundred]] people blocked the railway", 200, None, "vague", "person", "participants",
  EV_SHOOT, None, AUT, note="Shetpe")
Q(f, "Total losses: [[one]] person died, 19 were injured", 1, 1, "exact", "person", "killed", EV_SHOOT, None, AUT,
  note="Shetpe death", context_attribution="According to the authorities", context_attribution_kind=OFF)
Q(f, "Total losses: one person died, [[19]] were injured", 19, 19, "exact", "person", "injured", EV_SHOOT, None, AUT,
  note="Shetpe", context_attribution="According to the authorities", context_attribution_kind=OFF)
Q(f, "19 were injured(of which [[8]] are police officers)", 8, 8, "exact", "person", "injured", EV_SHOOT, None, AUT,
  note="Shetpe; police among the injured", context_attribution="According to the authorities",
  context_attribution_kind=OFF)
Q(f, "in the city of Zhanaozen for a period of [[20 days]](until January 5)", 20, 20, "exact", "day", "other",
  EV_CRACK, None, AUT, note="duration of the state of emergency")
D(f, "for a period of 20 days(until [[January 5]]).", "2012-01-05", "day", EV_CRACK, note="year resolved from context")
D(f, "(lower house of parliament)) extraordinary: in [[mid-November]]", "2011-11", "month", EV_BG)
D(f, "At [[17.12]] in Almaty, Karaganda and Astana", "2011-12-17", "day", EV_PROT,
  note="'At 17.12' looks like a clock time (17:12) but is the DD.MM date 17 Dec, as in 'evening of 17.12' above")
D(f, "rallies were held every day on [[December 17]], 18 and 19", "2011-12-17", "day", EV_PROT)
D(f, "every day on December 17, [[18]] and 19, gathering", "2011-12-18", "day", EV_PROT, note="month shared in a list")
D(f, "every day on December 17, 18 and [[19]], gathering", "2011-12-19", "day", EV_PROT, note="month shared in a list")
Q(f, "gathering [[from 200 to 500]] participants", 200, 500, "range", "person", "participants", EV_PROT, None, AUT)
D(f, "On Sunday, [[December 18]], in Zhanaozen", "2011-12-18", "day", EV_CRACK)
Q(f, "in Zhanaozen, [[three]] Russian journalists", 3, 3, "exact", "person", "detained", EV_CRACK, None, AUT)
Q(f, "were detained for [[several hours]] without explanation", 2, None, "vague", "hour", "detained", EV_CRACK, None, AUT)
D(f, "On Monday, [[December 19]], a peaceful protest", "2011-12-19", "day", EV_PROT)
Q(f, "in Zhanaozen. [[About 3,000]] local residents", 3000, 3000, "about", "person", "participants", EV_PROT, None, AUT)
D(f, "As of [[December 20]], over 90 houses", "2011-12-20", "day", EV_CRACK)
Q(f, "As of December 20, [[over 90]] houses were inspected", 90, None, "at_least", "building", "buildings", EV_CRACK,
  None, AUT, note="houses searched, not damaged")
D(f, "from [[December 16]] to December 20, 38 people", "2011-12-16", "day", EV_CRACK)
D(f, "from December 16 to [[December 20]], 38 people", "2011-12-20", "day", EV_CRACK)
Q(f, "to December 20, [[38]] people were prosecuted", 38, 38, "exact", "person", "prosecuted", EV_CRACK,
  "According to the official representative", OFF)
Q(f, "were prosecuted. [[10]] people remain detained", 10, 10, "exact", "person", "detained", EV_CRACK, None, AUT,
  context_attribution="According to the official representative", context_attribution_kind=OFF)
Q(f, "on suspicion of committing a crime, [[eight]] of them", 8, 8, "exact", "person", "arrested", EV_CRACK, None, AUT,
  context_attribution="According to the official representative", context_attribution_kind=OFF)
D(f, "Today, [[December 20]], everything is calm", "2011-12-20", "day", EV_CRACK)

# --- extra low-salience counts found in the review pass
Q(f, "Following this, [[several]] more videos appeared", 2, None, "vague", "video", "other", EV_SHOOT, None, AUT)
Q(f, "Let us cite [[several]] official statements", 2, None, "vague", "statement", "other", EV_SHOOT, None, AUT)
Q(f, "Who filmed this based on their script? [[A couple]] of “gangster criminals”", 2, 2, "about", "person", "other",
  EV_SHOOT, None, AUT, note="'a couple' -> about 2")
Q(f, "[[A few]] seconds passed between the two frames", 2, None, "vague", "second", "other", EV_SHOOT, None, AUT)
Q(f, "there should have been [[at least one]] phone", 1, None, "at_least", "phone", "other", EV_SHOOT, None, AUT,
  hypothetical=True)
N(f, "[[A few]] hours later, Kasymov announced that the unrest had been suppressed and repeated",
  "relative time offset ('A few hours later')")
N(f, "[[A few]] hours later, Kasymov announced that the unrest had been suppressed. The",
  "relative time offset ('A few hours later')")


# ===================== 004: infographic (published late 2013)
f = "004"
T4 = text(f)
D(f, "In [[2011]], this town, located in the desert", "2011", "year", EV_STRIKE)
N(f, "For the [[first]] time in over twenty", "ordinal")
N(f, "first time in over [[twenty]]\nyears of independence", "age of the state ('over twenty years of independence')")
BLOCK1 = "15 000\namount of strikers in 2011"
BLOCK2 = "2 000\nnumber of oil workers fired"
BLOCK3 = "17\n86\n37\nkilled\ninjured\nprison\nsentences"
Q(f, "Nazarbayev\n[[15 000]]\namount of strikers", 15000, 15000, "exact", "person", "strikers", EV_STRIKE, None, AUT,
  sent=BLOCK1, note="space as thousands separator; label on the next line")
D(f, "15 000\namount of strikers in [[2011]]\n2 000", "2011", "year", EV_STRIKE)
Q(f, "in 2011\n[[2 000]]\nnumber of oil workers fired", 2000, 2000, "exact", "person", "fired", EV_STRIKE, None, AUT,
  sent=BLOCK2)
Q(f, "fired\n[[17]]\n86\n37\nkilled", 17, 17, "exact", "person", "killed", EV_SHOOT, None, AUT, sent=BLOCK3,
  note="figures and labels on separate lines; 1st figure pairs with 1st label ('killed')")
Q(f, "fired\n17\n[[86]]\n37\nkilled", 86, 86, "exact", "person", "injured", EV_SHOOT, None, AUT, sent=BLOCK3,
  note="2nd figure pairs with 2nd label ('injured')")
Q(f, "fired\n17\n86\n[[37]]\nkilled", 37, 37, "exact", "person", "sentenced", EV_TRIAL, None, AUT, sent=BLOCK3,
  note="3rd figure pairs with 3rd label ('prison sentences'); counted as people sentenced")
D(f, "In [[December 2011]], the strike was", "2011-12", "month", EV_SHOOT)
D(f, "In [[2012]], workers of steel mills", "2012", "year", EV_BG)

# --- timeline headings (each stands on its own line; event = event of the text that follows)
TL = [
    ("11 May 2011", "2011-05-11", "day", EV_STRIKE, None),
    ("27 May 2011", "2011-05-27", "day", EV_STRIKE, None),
    ("May – December 2011", "2011-05/2011-12", "month", EV_STRIKE, None),
    ("16 December 2011", "2011-12-16", "day", EV_SHOOT, None),
    ("17 December 2011", "2011-12-17", "day", EV_CRACK, "state of emergency introduced"),
    ("23 January 2012", "2012-01-23", "day", EV_TRIAL, "Kozlov arrested"),
    ("15 March 2012", "2012-03-15", "day", EV_EP, None),
    ("19 April 2012", "2012-04-19", "day", EV_PERS, None),
    ("May – June 2012", "2012-05/2012-06", "month", EV_TRIAL, None),
    ("15 June 2013", "2013-06-15", "day", EV_PERS,
     "as written; sits between May-June 2012 and 16 August 2012 in the timeline, so probably an error for 2012-06-15"),
    ("16 August 2012", "2012-08-16", "day", EV_TRIAL, None),
    ("8 October 2012", "2012-10-08", "day", EV_TRIAL, None),
    ("22 November 2012", "2012-11-22", "day", EV_EP, None),
    ("21 December 2012", "2012-12-21", "day", EV_PERS, None),
    ("25 December 2012", "2012-12-25", "day", EV_PERS, None),
    ("January 2013", "2013-01", "month", EV_PERS, None),
    ("18 April 2013", "2013-04-18", "day", EV_EP, None),
    ("31 May 2013", "2013-05-31", "day", EV_PERS, None),
    ("1 June 2013", "2013-06-01", "day", EV_PERS, None),
    ("12 June", "2013-06-12", "day", EV_PERS, "year not written; 2013 from neighbouring entries"),
    ("31 July 2013", "2013-07-31", "day", EV_PERS, None),
    ("21 October 2013", "2013-10-21", "day", EV_PERS, None),
]
for surf, iso, prec, ev, note in TL:
    D(f, "\n\n[[%s]]\n\n" % surf, iso, prec, ev, note=note)
D(f, "the city of Almaty.\n\n[[2013]]\n\nStill no justice", "2013", "year", EV_TRIAL)
D(f, "independent journalists\n\n[[2013]]\n\nThe Kazakh authorities broaden", "2013", "year", EV_PERS)
Q(f, "leaving [[at least 17]] dead and dozens injured", 17, None, "at_least", "person", "killed", EV_SHOOT, None, AUT)
Q(f, "leaving at least 17 dead and [[dozens]] injured", 24, None, "vague", "person", "injured", EV_SHOOT, None, AUT)
N(f, "Roza Tuletayeva, [[one]] of the leaders of the strike", "'one of' (selection, not a count)")
Q(f, "Many strikers are sentenced [[up to several years]] in prison", None, None, "vague", "year", "sentenced",
  EV_TRIAL, None, AUT, note="'up to' + vague 'several': no usable bound, both values null")
Q(f, "He faces punishment of [[up to 9 years]] in prison", None, 9, "at_most", "year", "sentenced", EV_TRIAL, None, AUT,
  note="potential (maximum) penalty, not an imposed sentence")
Q(f, "Vladimir Kozlov is sentenced to [[7,5 years]] in prison in a trial", 7.5, 7.5, "exact", "year", "sentenced",
  EV_TRIAL, None, AUT, note="decimal comma")
N(f, "Ablyazov and their [[6]]-year-old daughter", "age ('6-year-old')")
Q(f, "UN calls this shocking [[3-day]] action", 3, 3, "exact", "day", "other", EV_PERS, None, AUT,
  note="duration in a compound adjective (contrast: '6-year-old' is an age)")
N(f, "is arrested for the [[second]] time in Spain", "ordinal")
D(f, "extradition to Kazakhstan on [[8 November 2013]].", "2013-11-08", "day", EV_PERS)
D(f, "Kazakhstan requested his arrest on [[7 June 2013]],", "2013-06-07", "day", EV_PERS)
D(f, "He is released on [[13 June]] as prosecutor", "2013-06-13", "day", EV_PERS, note="year from context")
D(f, "Mukhtar Ablyazov detained in [[2012]] in the Czech Republic", "2012", "year", EV_PERS)

# --- axis labels of the timeline graphic (bare numbers on their own lines)
a0 = T4.index("BAN OF THE OPPOSITION AND INDEPENDENT MEDIA\n") + len("BAN OF THE OPPOSITION AND INDEPENDENT MEDIA\n")
a1 = T4.index("Persecution in Europe", a0)
lines = []
p = a0
for ln in T4[a0:a1].split("\n"):
    lines.append((p, ln))
    p += len(ln) + 1
AX_DAY = [  # (label, iso, event) in the order of the timeline entries
    ("11", "2011-05-11", EV_STRIKE), ("27", "2011-05-27", EV_STRIKE),
    ("May – December", "2011-05/2011-12", EV_STRIKE),
    ("16", "2011-12-16", EV_SHOOT), ("17", "2011-12-17", EV_CRACK), ("23", "2012-01-23", EV_TRIAL),
    ("15", "2012-03-15", EV_EP), ("19", "2012-04-19", EV_PERS), ("May - June", "2012-05/2012-06", EV_TRIAL),
    ("15", "2013-06-15", EV_PERS), ("16", "2012-08-16", EV_TRIAL), ("8", "2012-10-08", EV_TRIAL),
    ("22", "2012-11-22", EV_EP), ("21", "2012-12-21", EV_PERS), ("25", "2012-12-25", EV_PERS),
    ("2013", "2013", EV_TRIAL), ("January", "2013-01", EV_PERS), ("18", "2013-04-18", EV_EP),
]
i = 0
for lab, iso, ev in AX_DAY:
    s, ln = lines[i]
    assert ln == lab, (ln, lab)
    prec = "year" if len(iso) == 4 else ("month" if len(iso.split("/")[0]) == 7 else "day")
    D_span(f, s, s + len(ln), iso, prec, ev,
           note="bare timeline-axis label; resolved by position to the matching timeline entry" +
                ("; entry itself reads 2013 (likely 2012)" if iso == "2013-06-15" else ""))
    i += 1
# year/month ticks: 2011, 1..12, 2012, 1..12, 2013, 1..12
for year in ("2011", "2012", "2013"):
    s, ln = lines[i]
    assert ln == year, (ln, year)
    N_span(f, s, s + len(ln), "timeline axis year tick")
    i += 1
    for mth in range(1, 13):
        s, ln = lines[i]
        assert ln == str(mth), (ln, mth)
        N_span(f, s, s + len(ln), "timeline axis month tick")
        i += 1
AX_2013 = [("2013", "2013", EV_PERS), ("31", "2013-05-31", EV_PERS), ("1", "2013-06-01", EV_PERS),
           ("12", "2013-06-12", EV_PERS), ("31", "2013-07-31", EV_PERS), ("21", "2013-10-21", EV_PERS)]
for lab, iso, ev in AX_2013:
    s, ln = lines[i]
    assert ln == lab, (ln, lab)
    D_span(f, s, s + len(ln), iso, "year" if len(iso) == 4 else "day", ev,
           note="bare timeline-axis label; resolved by position to the matching timeline entry")
    i += 1

# --- demands list
for k in range(1, 13):
    N(f, "\n[[#%d]]\n" % k, "list marker")
D(f, "signed with oil workers\nin [[2010]] and not observed", "2010", "year", EV_STRIKE)
Q(f, "who was\nsentenced to [[6 years]]’ imprisonment", 6, 6, "exact", "year", "sentenced", EV_STRIKE, None, AUT,
  note="Natalia Sokolova (sentenced Aug 2011); sentence wraps over 4 lines",
  sent="To release Natalia Sokolova, the lawyer\nof the oil worker labour union in the\nKarazhanbasmunai enterprise, who was\nsentenced to 6 years’ imprisonment")
D(f, "suppressed the strike on the [[16th of December, 2011]].", "2011-12-16", "day", EV_SHOOT)
N(f, "2011. Exactly [[41]] years prior", "time offset ('41 years prior'); 'Exactly' is not a quantity hedge")
D(f, "prior to that date, on [[14th–22th of December, 1970]] in communist Poland", "1970-12-14/1970-12-22", "day", EV_POL,
  note="ordinal range with a malformed ordinal ('22th')")
Q(f, "shipyard workers. [[45]] people were killed", 45, 45, "exact", "person", "killed", EV_POL, None, AUT)
Q(f, "45 people were killed and [[over 1,000]] were injured", 1000, None, "at_least", "person", "injured", EV_POL,
  None, AUT)
N(f, "survival.\n[[#154]]\nPlace of Kazakhstan", "rank (ordinal position in an index)")
Q(f, "Reporters without Borders (from [[179]] countries)", 179, 179, "exact", "country", "other", EV_PRESS,
  "by the organisation Reporters without Borders", UNOFF)
N(f, "countries)\n[[#182]]\nKazakhstan's position", "rank (ordinal position in an index)")
D(f, "Kazakhstan's position in the [[2013]] Freedom of the Press index", "2013", "year", EV_PRESS,
  note="year inside an index name")
Q(f, "Freedom House (from [[196]] countries)", 196, 196, "exact", "country", "other", EV_PRESS, "by Freedom House", UNOFF)
D(f, "to react. In [[2012]], sentenced to 7,5 years", "2012", "year", EV_TRIAL)
Q(f, "In 2012, sentenced to [[7,5 years]] in prison.", 7.5, 7.5, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  note="decimal comma; Kozlov")
Q(f, "received a suspended sentence of [[5 years]] in prison", 5, 5, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  note="Akzhanat Aminov, suspended")
Q(f, "received a suspended sentence of [[4 years]] in prison", 4, 4, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  note="Serik Sapargali, suspended")
Q(f, "as she’s serving a [[5-year]] prison term", 5, 5, "exact", "year", "sentenced", EV_TRIAL, None, AUT,
  note="compound adjective that IS a quantity (term length), unlike '6-year-old'; 002 says Tuletaeva got seven years")
Q(f, "Initially sentenced to [[6 years]] in prison, thanks", 6, 6, "exact", "year", "sentenced", EV_STRIKE, None, AUT,
  note="Natalia Sokolova")
Q(f, "transferred to house arrest for [[3 years]].", 3, 3, "exact", "year", "sentenced", EV_STRIKE, None, AUT,
  note="house arrest term replacing the prison term")


# ======================================================================= assemble

EVENTS = {
    "zhanaozen-shooting-2011": {
        "description": "shooting of protesters in Zhanaozen on 16-17 Dec 2011 (incl. Shetpe 17 Dec), with the riots and arson of the same two days",
        "places": ["Zhanaozen", "Shetpe"], "start": "2011-12-16", "end": "2011-12-17"},
    "zhanaozen-strike-2011": {
        "description": "oil workers' strike (Ozenmunaigaz, Karazhanbasmunai, Ersai) before the shooting: pay, strikers, dismissals, arrests and jailing of strike leaders, murders of activists in Aug 2011; sources date its start from April to 17 May 2011",
        "places": ["Zhanaozen", "Aktau", "Mangistau region"], "start": "2011-04", "end": "2011-12-16"},
    "zhanaozen-crackdown-2011": {
        "description": "state of emergency, curfew, mass detentions, torture and first prosecutions in Zhanaozen after the shooting",
        "places": ["Zhanaozen"], "start": "2011-12-16", "end": "2012-01-31"},
    "zhanaozen-trials-2012": {
        "description": "criminal trials over the Zhanaozen events (strikers, police officers, officials, opposition leader Kozlov) and the sentences; 2012-2013",
        "places": ["Aktau", "Zhanaozen", "Almaty"], "start": "2012-01", "end": "2013-12"},
    "protests-after-shooting-2011": {
        "description": "solidarity rallies and protests right after the shooting (Aktau, Almaty, Zhanaozen 19 Dec, San Francisco 18 Dec)",
        "places": ["Aktau", "Almaty", "Zhanaozen", "San Francisco"], "start": "2011-12-16", "end": "2011-12-19"},
    "zhanaozen-redevelopment": {
        "description": "state programmes, funds and construction in Zhanaozen after the events (2012-2022)",
        "places": ["Zhanaozen"], "start": "2012", "end": "2022"},
    "zhanaozen-anniversary-2012": {
        "description": "first anniversary of the shooting (16 Dec 2012) and the conferences/arrests around it",
        "places": ["Almaty", "Zhanaozen"], "start": "2012-12", "end": "2012-12-16"},
    "persecution-2012-2013": {
        "description": "repression of opposition, independent media and Ablyazov's associates (incl. in Europe), 2012-2013",
        "places": ["Kazakhstan", "Italy", "Spain", "Poland", "France", "Czech Republic"], "start": "2012", "end": "2013-12"},
    "ablyazov-case": {
        "description": "fraud accusations and court cases against Mukhtar Ablyazov (London contempt sentence, extradition demands)",
        "places": ["London", "Russia", "Kazakhstan"], "start": "2009", "end": "2013"},
    "kostyuchenko-visit-2012": {
        "description": "journalist Elena Kostyuchenko's return trip to Zhanaozen about half a year after the shooting",
        "places": ["Zhanaozen", "Moscow"], "start": "2012-05", "end": "2012-05"},
    "zhanaozen-mass-hysteria-2015": {
        "description": "mass hysteria among Zhanaozen children after a routine vaccination, ~3.5 years after the shooting",
        "places": ["Zhanaozen"], "start": "2015", "end": "2015"},
    "aghadil-protests-2020": {
        "description": "death of activist Dulat Aghadil in custody and the protests that followed (RFE/RL article reposted in the forum)",
        "places": ["Nur-Sultan", "Almaty", "Qaraghandy", "Shymkent", "Aqtobe"], "start": "2020-02-21", "end": "2020-02-27"},
    "kazakhstan-unrest-2022": {
        "description": "January 2022 Kazakhstan unrest (fuel-price protests, Almaty shootings) discussed by forum posters",
        "places": ["Almaty", "Kazakhstan"], "start": "2022-01", "end": "2022-01"},
    "poland-december-1970": {
        "description": "December 1970 massacre of shipyard workers on the Polish Baltic coast, cited for comparison",
        "places": ["Poland"], "start": "1970-12-14", "end": "1970-12-22"},
    "aksy-2002": {
        "description": "Aksy events in southern Kyrgyzstan, 2002, cited for comparison",
        "places": ["Aksy", "Kyrgyzstan"], "start": "2002", "end": "2002"},
    "kyrgyzstan-2005": {
        "description": "2005 coup (Tulip revolution) in Kyrgyzstan, cited for comparison",
        "places": ["Kyrgyzstan"], "start": "2005", "end": "2005"},
    "almaty-december-1986": {
        "description": "December 1986 uprising in Almaty (Jeltoqsan), mentioned via its memorial",
        "places": ["Almaty"], "start": "1986-12", "end": "1986-12"},
    "novy-uzen-1989": {
        "description": "June 1989 ethnic riots in Novy Uzen (former name of Zhanaozen)",
        "places": ["Novy Uzen"], "start": "1989-06", "end": "1989-06"},
    "press-freedom-rankings-2013": {
        "description": "press-freedom rankings of Kazakhstan (Reporters without Borders, Freedom House 2013)",
        "places": ["Kazakhstan"], "start": "2013", "end": "2013"},
    "european-parliament-resolutions": {
        "description": "European Parliament resolutions on Kazakhstan after Zhanaozen (2012-2013)",
        "places": ["Strasbourg"], "start": "2012-03-15", "end": "2013-04-18"},
    "background": {
        "description": "context figures not tied to one event: city statistics, company ownership, other disputes, rhetorical or hypothetical figures",
        "places": [], "start": None, "end": None},
    "document-dateline": {
        "description": "publication / dateline dates of the documents and reposted articles themselves",
        "places": [], "start": None, "end": None},
}

DESCRIPTION = (
    "Hand-made gold for the figures/claims/timeline stage over the five Zhanaozen seed documents. "
    "Offsets are Python code-point indices, end-exclusive, into open(path, encoding='utf-8', newline='').read(); "
    "'file' is the seed file name in the repository's seeds/ folder (tests/gold/facts/check_gold.py verifies text[start:end] == surface). "
    "Every digit sequence in the seeds is covered by at least one span in quantities, dates or non_quantities. "
    "Value conventions: exact figure -> low = high; 'at least N' / 'more than N' / 'over N' -> qualifier at_least, low N, high null "
    "(strict and non-strict bounds are not distinguished); 'up to N' / 'nearly N' / 'almost N' / 'less than N' -> at_most, low null, high N; "
    "'about/roughly/approximately N' -> about, low = high = N; 'A-B', 'from A to B', 'between A and B', 'A to B' -> range; "
    "'only N' / 'just N' / 'exactly N' -> exact (minimisers, not hedges). "
    "Vague words (qualifier vague, high null): plural or 'several' multiples of a base mean at least 2 x base: several/a few -> 2, "
    "dozens -> 24, hundreds / several hundred -> 200, thousands / several thousand -> 2000; 'a couple' -> about 2; "
    "'up to several' -> vague with both values null. "
    "A number broken by bad translation (e.g. '1 4 Human' for 14 people) is kept in quantities with qualifier vague, "
    "value_low = value_high = null and uncertain = true. "
    "Durations (strike length, jail terms, detention length, distances, video seconds) are quantities; jail/prison/house-arrest "
    "terms use measure sentenced with a time unit, detention without a sentence uses measure detained with a time unit; "
    "people counts use unit person. Ages ('a 16-year old'), anniversaries, years of independence, relative time offsets "
    "('six months after', 'three days before'), clock times, ordinals, ranks, list markers, article numbers, facility codes, "
    "file names and IDs are non_quantities. "
    "attribution is the phrase as written in the same sentence (or null); attribution_kind follows it; with no phrase the kind is "
    "author (the writer or interviewee speaking). Where a paragraph-level source governs an unattributed sentence it is given in "
    "context_attribution / context_attribution_kind. Optional flags: hypothetical (wishes, 'even if', analogies), "
    "hedge_inherited (hedge not adjacent, inherited through ellipsis), uncertain (broken number), note (free text). "
    "non_quantities entries with derived_from_dates = true repeat every digit-bearing date span so that non_quantities alone "
    "lists every non-quantity number. See README.md for counts and hard decisions."
)


def _ints(r):
    for k in ("value_low", "value_high"):
        v = r.get(k)
        if isinstance(v, float) and v.is_integer():
            r[k] = int(v)
        elif isinstance(v, float):
            r[k] = round(v, 6)
    return r


for _q in Qs:
    _ints(_q)


def key(r):
    return (r["file"], r["start"], r["end"])


Qs.sort(key=key)
Ds.sort(key=key)
# derived non-quantities from dates (digit-bearing)
derived = []
for d in Ds:
    if re.search(r"\d", d["surface"]):
        why = "year" if d["precision"] == "year" and re.fullmatch(r"\d{4}", d["surface"]) else "date"
        if d.get("note", "").startswith("bare timeline-axis"):
            why = "date (bare timeline-axis label)"
        derived.append({"file": d["file"], "start": d["start"], "end": d["end"], "surface": d["surface"],
                        "why": why, "derived_from_dates": True})
allN = sorted(Ns + derived, key=key)
# de-duplicate exact duplicates
seen, NN = set(), []
for n in allN:
    k = key(n)
    if k in seen:
        continue
    seen.add(k)
    NN.append(n)

gold = {"description": DESCRIPTION, "events": EVENTS, "quantities": Qs, "non_quantities": NN, "dates": Ds}
with open(os.path.join(OUT, "seeds_gold.json"), "w", encoding="utf-8") as fh:
    json.dump(gold, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print("quantities", len(Qs), "dates", len(Ds), "non_quantities", len(NN), "(hand", len(Ns), ")")


# ======================================================================= hard cases
cases = []


def E(surface, lo, hi, qual, unit, measure, kind, attribution=None, **extra):
    d = {"surface": surface, "value_low": lo, "value_high": hi, "qualifier": qual, "unit": unit,
         "measure": measure, "attribution_kind": kind, "attribution": attribution}
    d.update(extra)
    return d


def C(tags, sentence, expected, non_quantities=(), note=None):
    c = {"id": "h%d" % (len(cases) + 1), "tags": tags, "sentence": sentence, "expected": expected}
    if non_quantities:
        c["non_quantities"] = list(non_quantities)
    if note:
        c["note"] = note
    cases.append(c)


OFF, UNOFF, EYE, MED, AUT, UNK = "official", "unofficial", "eyewitness", "media", "author", "unknown"
P = "person"

# ---------------- hedges
C(["hedge", "attribution"], "According to official data, 23 miners died and roughly 140 were hurt in the blast.",
  [E("23", 23, 23, "exact", P, "killed", OFF, "According to official data"),
   E("roughly 140", 140, 140, "about", P, "injured", OFF, "According to official data")])
C(["hedge", "attribution"], "Human rights groups estimate that at least 48 protesters lost their lives.",
  [E("at least 48", 48, None, "at_least", P, "killed", UNOFF, "Human rights groups estimate")])
C(["hedge", "attribution"], "Unofficial statistics put the death toll at up to 80.",
  [E("up to 80", None, 80, "at_most", P, "killed", UNOFF, "Unofficial statistics")])
C(["hedge", "attribution"], "Eyewitnesses say more than 300 people were wounded near the station.",
  [E("more than 300", 300, None, "at_least", P, "injured", EYE, "Eyewitnesses say")])
C(["hedge", "attribution"], "The prosecutor confirmed that over 60 people had been detained by Saturday evening.",
  [E("over 60", 60, None, "at_least", P, "detained", OFF, "The prosecutor confirmed")], ["Saturday"])
C(["hedge", "attribution"], "Authorities say nearly 110 people were taken to hospital.",
  [E("nearly 110", None, 110, "at_most", P, "injured", OFF, "Authorities say")])
C(["hedge", "grouping"], "Almost 1,800 miners were dismissed during the dispute.",
  [E("Almost 1,800", None, 1800, "at_most", P, "fired", AUT)])
C(["hedge", "attribution"], "Only 11 deaths were ever acknowledged by the Interior Ministry.",
  [E("Only 11", 11, 11, "exact", P, "killed", OFF, "acknowledged by the Interior Ministry")],
  note="'only' is a minimiser: value exact")
C(["hedge", "grouping"], "Some 4,000 residents gathered in the park on Victory Day.",
  [E("Some 4,000", 4000, 4000, "about", P, "participants", AUT)])
C(["hedge", "attribution"], "About 250 detainees were held in a gym next to the police station, former prisoners told reporters.",
  [E("About 250", 250, 250, "about", P, "detained", EYE, "former prisoners told reporters")])
C(["attribution"], "Posts on social media claimed that 40 protesters had been shot dead.",
  [E("40", 40, 40, "exact", P, "killed", MED, "Posts on social media claimed")])
C(["hedge", "attribution", "grouping"], "Roughly 9,000 people work for the smelter, the regional administration said.",
  [E("Roughly 9,000", 9000, 9000, "about", P, "other", OFF, "the regional administration said")])
C(["hedge"], "Approximately 60 rioters broke into the town hall at noon.",
  [E("Approximately 60", 60, 60, "about", P, "participants", AUT)], ["noon"])
C(["hedge", "number_word"], "No more than twenty journalists were allowed into the city.",
  [E("No more than twenty", None, 20, "at_most", P, "other", AUT)])
C(["hedge"], "Fewer than 30 activists turned up for the rally in Almaty.",
  [E("Fewer than 30", None, 30, "at_most", P, "participants", AUT)])

# ---------------- ranges
C(["range", "currency", "grouping"], "Monthly wages ranged from 180,000-210,000 tenge before the dispute.",
  [E("180,000-210,000 tenge", 180000, 210000, "range", "KZT", "money", AUT)])
C(["range", "attribution"], "Between 10 and 15 activists were jailed after the rally, the opposition said.",
  [E("Between 10 and 15", 10, 15, "range", P, "arrested", UNOFF, "the opposition said")])
C(["range", "attribution"], "Troops fired for 10-15 minutes without a break, a witness told the court.",
  [E("10-15 minutes", 10, 15, "range", "minute", "other", EYE, "a witness told the court")])
C(["range"], "Rallies in Uralsk drew from 150 to 300 people every evening.",
  [E("from 150 to 300", 150, 300, "range", P, "participants", AUT)])
C(["range"], "The nearest hospital with a surgeon is 45–60 km away from the village.",
  [E("45–60 km", 45, 60, "range", "km", "other", AUT)], note="en dash")
C(["range", "number_word"], "The court handed down terms of four to nine years.",
  [E("four to nine years", 4, 9, "range", "year", "sentenced", AUT)])
C(["range", "attribution"], "Prosecutors say 20 to 25 buildings were set on fire.",
  [E("20 to 25", 20, 25, "range", "building", "buildings", OFF, "Prosecutors say")])
C(["range", "grouping", "currency"], "Wages of 190 000 - 220 000 tenge were paid above board.",
  [E("190 000 - 220 000 tenge", 190000, 220000, "range", "KZT", "money", AUT)],
  note="space thousands separator plus spaced hyphen")
C(["range", "grouping"], "The city of 80,000-90,000 inhabitants had one hospital.",
  [E("80,000-90,000", 80000, 90000, "range", P, "population", AUT),
   E("one", 1, 1, "exact", "hospital", "other", AUT)])
C(["range", "non_quantity"], "Between 2016 and 2018 there were several strikes at the mines.",
  [E("several", 2, None, "vague", "strike", "other", AUT)], ["Between 2016 and 2018"],
  note="'between X and Y' over years is a date range, not a quantity range")

# ---------------- magnitudes
C(["magnitude", "currency", "attribution"], "Losses from the fire were put at 380 million tenge.",
  [E("380 million tenge", 380000000, 380000000, "exact", "KZT", "money", UNK, "were put at")])
C(["magnitude", "currency", "hedge", "attribution"], "Prosecutors accuse the banker of embezzling about 3 bln USD.",
  [E("about 3 bln USD", 3000000000, 3000000000, "about", "USD", "money", OFF, "Prosecutors accuse")])
C(["magnitude", "currency"], "The government allocated 60 mln USD to the region this year.",
  [E("60 mln USD", 60000000, 60000000, "exact", "USD", "money", AUT)], ["this year"])
C(["magnitude", "currency", "decimal"], "The programme was worth 2.7 billion tenge in 2019.",
  [E("2.7 billion tenge", 2700000000, 2700000000, "exact", "KZT", "money", AUT)], ["2019"])
C(["magnitude", "currency", "decimal"], "A further 412.5 million tenge went to small businesses.",
  [E("412.5 million tenge", 412500000, 412500000, "exact", "KZT", "money", AUT)])
C(["magnitude", "currency", "hedge"], "Kazakhstan's oil fund holds more than $50 billion.",
  [E("more than $50 billion", 50000000000, None, "at_least", "USD", "money", AUT)])
C(["magnitude", "decimal"], "The town has 96.2 thousand inhabitants.",
  [E("96.2 thousand", 96200, 96200, "exact", P, "population", AUT)])
C(["magnitude", "currency", "attribution"], "Investors pledged 3 mln EUR for the new water plant, officials said.",
  [E("3 mln EUR", 3000000, 3000000, "exact", "EUR", "money", OFF, "officials said")])
C(["magnitude", "currency"], "The company lost 2 bln tenge in revenue during the strike.",
  [E("2 bln tenge", 2000000000, 2000000000, "exact", "KZT", "money", AUT)])
C(["magnitude", "currency"], "The contract was worth RUB 40 mln.",
  [E("RUB 40 mln", 40000000, 40000000, "exact", "RUB", "money", AUT)], note="currency code before the number")

# ---------------- number words
C(["number_word", "attribution"], "Sixteen people died on the square, according to the official list.",
  [E("Sixteen", 16, 16, "exact", P, "killed", OFF, "according to the official list")])
C(["number_word"], "A hundred volunteers cleared the streets every morning.",
  [E("A hundred", 100, 100, "exact", P, "other", AUT)])
C(["number_word"], "Two dozen activists were detained before the anniversary.",
  [E("Two dozen", 24, 24, "exact", P, "detained", AUT)])
C(["number_word", "vague"], "Dozens of people were injured when police opened fire.",
  [E("Dozens", 24, None, "vague", P, "injured", AUT)])
C(["number_word", "vague"], "Hundreds of men were rounded up after the curfew began.",
  [E("Hundreds", 200, None, "vague", P, "detained", AUT)])
C(["number_word", "vague"], "Several thousand workers joined the strike in June.",
  [E("Several thousand", 2000, None, "vague", P, "strikers", AUT)], ["June"])
C(["number_word"], "Forty one people were tried for organising mass riots.",
  [E("Forty one", 41, 41, "exact", P, "prosecuted", AUT)], note="compound number word without a hyphen")
C(["number_word", "attribution"], "Seventeen people were killed in Kulsary and Beineu, the prosecutor general's office confirmed.",
  [E("Seventeen", 17, 17, "exact", P, "killed", OFF, "the prosecutor general's office confirmed")])
C(["number_word"], "Thirteen defendants were sentenced to prison terms.",
  [E("Thirteen", 13, 13, "exact", P, "sentenced", AUT)])
C(["number_word", "non_quantity"], "Forty-two miners were killed in March 1992.",
  [E("Forty-two", 42, 42, "exact", P, "killed", AUT)], ["March 1992"])
C(["number_word", "attribution"], "Eyewitnesses counted twenty-eight bodies in the morgue.",
  [E("twenty-eight", 28, 28, "exact", P, "killed", EYE, "Eyewitnesses counted")])
C(["number_word", "vague", "non_quantity"], "Several hundred miners were made redundant last spring.",
  [E("Several hundred", 200, None, "vague", P, "fired", AUT)], ["last spring"])
C(["number_word"], "A couple of officers were later convicted.",
  [E("A couple", 2, 2, "about", P, "sentenced", AUT)])
C(["number_word", "percent", "attribution"], "Half of the detainees reported torture, human rights groups estimate.",
  [E("Half", 50, 50, "exact", "percent", "other", UNOFF, "human rights groups estimate")])
C(["number_word", "decimal"], "He served four and a half years in a penal colony.",
  [E("four and a half years", 4.5, 4.5, "exact", "year", "sentenced", AUT)])
C(["number_word", "hedge"], "Fuel prices doubled overnight, sparking protests in over a dozen cities.",
  [E("over a dozen", 12, None, "at_least", "city", "other", AUT)], note="'doubled' is not extracted")
C(["number_word", "vague"], "A few hours later, a few activists were released.",
  [E("a few", 2, None, "vague", P, "other", AUT)], ["A few hours later"],
  note="first 'A few' is a time offset, second is a count")

# ---------------- digit groupings / decimals
C(["grouping", "attribution"], "The strike involved 18 000 workers, the trade union said.",
  [E("18 000", 18000, 18000, "exact", P, "strikers", UNOFF, "the trade union said")])
C(["grouping", "hedge", "non_quantity"], "Over 1,200 people were injured in the 1989 riots.",
  [E("Over 1,200", 1200, None, "at_least", P, "injured", AUT)], ["1989"])
C(["decimal"], "The blogger was sentenced to 2,5 years in a colony.",
  [E("2,5 years", 2.5, 2.5, "exact", "year", "sentenced", AUT)], note="decimal comma")
C(["decimal"], "The activist received 1.5 years of restricted freedom.",
  [E("1.5 years", 1.5, 1.5, "exact", "year", "sentenced", AUT)])
C(["grouping"], "The ministry flew 2,400 troops into the region.",
  [E("2,400", 2400, 2400, "exact", P, "other", AUT)])
C(["grouping"], "The oil company employs 12.000 people in the region.",
  [E("12.000", 12000, 12000, "exact", P, "other", AUT)],
  note="dot as thousands separator (three digits after the dot, integer context)")
C(["grouping", "hedge"], "Around 3 000 workers lost their jobs.",
  [E("Around 3 000", 3000, 3000, "about", P, "fired", AUT)])
C(["grouping", "currency"], "The fine was KZT 1,000 per day of absence.",
  [E("KZT 1,000", 1000, 1000, "exact", "KZT", "money", AUT)], note="'per day' is a rate, not a second quantity")
C(["grouping"], "The 1,248 apartments will be finished in December 2026.",
  [E("1,248", 1248, 1248, "exact", "apartment", "other", AUT)], ["December 2026"])
C(["grouping"], "The complex will have 1482 apartments in 19 houses.",
  [E("1482", 1482, 1482, "exact", "apartment", "other", AUT),
   E("19", 19, 19, "exact", "building", "buildings", AUT)], note="four-digit number that is not a year")

# ---------------- currencies
C(["currency", "grouping"], "He had 8,500 roubles on his card.",
  [E("8,500 roubles", 8500, 8500, "exact", "RUB", "money", AUT)])
C(["currency", "magnitude", "attribution"], "Activists said the bribe was $5 million.",
  [E("$5 million", 5000000, 5000000, "exact", "USD", "money", UNOFF, "Activists said")])
C(["currency", "number_word"], "Two men were short of 300 tenge at the shop.",
  [E("Two", 2, 2, "exact", P, "other", AUT), E("300 tenge", 300, 300, "exact", "KZT", "money", AUT)])
C(["currency", "magnitude"], "The fee rose to 2 million roubles.",
  [E("2 million roubles", 2000000, 2000000, "exact", "RUB", "money", AUT)])
C(["currency"], "Each family received €500 in aid.",
  [E("€500", 500, 500, "exact", "EUR", "money", AUT)])
C(["currency", "hedge", "grouping"], "Miners demanded pay of at least 350,000 tenge a month.",
  [E("at least 350,000 tenge", 350000, None, "at_least", "KZT", "money", AUT)])
C(["currency"], "Tickets cost 50 tenge, and the bus carried 40 passengers.",
  [E("50 tenge", 50, 50, "exact", "KZT", "money", AUT), E("40", 40, 40, "exact", P, "other", AUT)])

# ---------------- percentages
C(["percent", "range"], "Wages were to include a 60-65% regional weighting.",
  [E("60-65%", 60, 65, "range", "percent", "money", AUT)])
C(["percent"], "The state sold a 50% stake to a Chinese company.",
  [E("50%", 50, 50, "exact", "percent", "other", AUT)])
C(["percent", "non_quantity"], "Loans are offered at 1% per year.",
  [E("1%", 1, 1, "exact", "percent", "money", AUT)], ["per year"])
C(["percent", "hedge"], "About 18 percent of the region's population lives in the town.",
  [E("About 18 percent", 18, 18, "about", "percent", "population", AUT)])
C(["percent", "decimal", "attribution"], "Turnout fell by 12.5 per cent, the election commission reported.",
  [E("12.5 per cent", 12.5, 12.5, "exact", "percent", "other", OFF, "the election commission reported")])

# ---------------- attribution variety
C(["attribution"], "The Prosecutor General's Office confirmed the deaths of 12 miners.",
  [E("12", 12, 12, "exact", P, "killed", OFF, "The Prosecutor General's Office confirmed")])
C(["attribution"], "Authorities say 48 people were hospitalized.",
  [E("48", 48, 48, "exact", P, "injured", OFF, "Authorities say")], note="hospitalized counted as injured")
C(["attribution", "hedge"], "The video shows at least 20 men in masks.",
  [E("at least 20", 20, None, "at_least", P, "other", MED, "The video shows")])
C(["attribution"], "Opposition activists counted 52 arrests in the first week.",
  [E("52", 52, 52, "exact", P, "arrested", UNOFF, "Opposition activists counted")], ["first week"])
C(["attribution", "number_word"], "Reuters reported that three journalists had been detained.",
  [E("three", 3, 3, "exact", P, "detained", MED, "Reuters reported")])
C(["attribution"], "I saw 31 bodies with my own eyes, a nurse said.",
  [E("31", 31, 31, "exact", P, "killed", EYE, "a nurse said")])
C(["attribution"], "Amnesty International estimates that 11 of the 29 defendants were tortured.",
  [E("11", 11, 11, "exact", P, "other", UNOFF, "Amnesty International estimates"),
   E("29", 29, 29, "exact", P, "prosecuted", UNOFF, "Amnesty International estimates")])
C(["attribution", "about_not_hedge"], "Officials talk about 58 shops looted during the night.",
  [E("58", 58, 58, "exact", "building", "buildings", OFF, "Officials talk about")],
  note="'talk about 58' - 'about' = 'concerning', not a hedge")
C(["attribution", "hedge"], "Dozens more died than the 12 admitted by the authorities, eyewitnesses say.",
  [E("Dozens more", 24, None, "vague", P, "killed", EYE, "eyewitnesses say"),
   E("12", 12, 12, "exact", P, "killed", OFF, "admitted by the authorities")],
  note="two figures with two different sources in one sentence")
C(["attribution", "hedge"], "Not only 21 were killed: witnesses describe bodies lying in the snow.",
  [E("Not only 21", 21, None, "at_least", P, "killed", EYE, "witnesses describe")])
C(["attribution", "vague"], "Local residents who saw the shooting said the real death toll may be several times higher.",
  [E("several times", 2, None, "vague", "ratio", "killed", EYE, "Local residents who saw the shooting said")])
C(["attribution", "hedge"], "Nearly 150 pupils fell ill after the school lunch, doctors said.",
  [E("Nearly 150", None, 150, "at_most", P, "other", UNK, "doctors said")])
C(["attribution"], "Police said 8 of the 10 detainees were formally arrested.",
  [E("8", 8, 8, "exact", P, "arrested", OFF, "Police said"), E("10", 10, 10, "exact", P, "detained", OFF, "Police said")])

# ---------------- mixed / structural
C(["non_quantity", "age"], "On March 2, 2014 soldiers shot dead 9 people, a 15-year-old among them.",
  [E("9", 9, 9, "exact", P, "killed", AUT)], ["March 2, 2014", "15-year-old"])
C(["hedge", "non_quantity"], "The 14 defendants, tried under article 272, received up to 6 years.",
  [E("14", 14, 14, "exact", P, "prosecuted", AUT), E("up to 6 years", None, 6, "at_most", "year", "sentenced", AUT)],
  ["article 272"])
C(["range", "number_word", "non_quantity"], "In 2014, 9 activists were sentenced to two to five years.",
  [E("9", 9, 9, "exact", P, "sentenced", AUT),
   E("two to five years", 2, 5, "range", "year", "sentenced", AUT)], ["2014"],
  note="year directly followed by a comma and a count")
C(["vague", "over_not_hedge"], "Over several weeks, hundreds of miners camped outside the office.",
  [E("several weeks", 2, None, "vague", "week", "other", AUT),
   E("hundreds", 200, None, "vague", P, "strikers", AUT)], note="'Over' means 'during' here, not 'more than'")
C(["layout"], "21\n104\n12\nkilled\ninjured\nsentenced",
  [E("21", 21, 21, "exact", P, "killed", AUT), E("104", 104, 104, "exact", P, "injured", AUT),
   E("12", 12, 12, "exact", P, "sentenced", AUT)],
  note="infographic layout: the i-th figure pairs with the i-th label")
C(["layout", "grouping"], "9 500\namount of strikers\n1 200\nnumber of workers fired",
  [E("9 500", 9500, 9500, "exact", P, "strikers", AUT), E("1 200", 1200, 1200, "exact", P, "fired", AUT)],
  note="label on the line after its figure")
C(["duration", "non_quantity"], "A curfew was imposed for 30 days, until March 1.",
  [E("30 days", 30, 30, "exact", "day", "other", AUT)], ["March 1"])
C(["duration", "compound"], "A 3-day operation ended in a 5-year prison term for the lawyer.",
  [E("3-day", 3, 3, "exact", "day", "other", AUT), E("5-year", 5, 5, "exact", "year", "sentenced", AUT)],
  note="compound adjectives that ARE quantities (contrast '5-year-old')")
C(["number_word"], "Seven lawsuits and 18 months in prison awaited him in Paris.",
  [E("Seven", 7, 7, "exact", "court_action", "other", AUT), E("18 months", 18, 18, "exact", "month", "sentenced", AUT)])
C(["duration", "number_word", "non_quantity"], "The strike lasted five months, from March to August 2014.",
  [E("five months", 5, 5, "exact", "month", "other", AUT)], ["March to August 2014"])
C(["hedge", "magnitude"], "About 9 thousand households will get running water by 2025.",
  [E("About 9 thousand", 9000, 9000, "about", "household", "other", AUT)], ["2025"])
C(["hedge", "duration"], "She has spent at least 45 days in custody since last autumn.",
  [E("at least 45 days", 45, None, "at_least", "day", "detained", AUT)], ["last autumn"],
  note="held without a sentence: measure detained with a time unit")
C(["number_word"], "A father of three was killed at a bus stop.",
  [E("three", 3, 3, "exact", P, "other", AUT)], note="the victim himself is not a written number")
C(["number_word", "duration"], "A squad of 60 riot police fired for half an hour.",
  [E("60", 60, 60, "exact", P, "other", AUT), E("half an hour", 0.5, 0.5, "exact", "hour", "other", AUT)])
C(["number_word"], "Total losses in Kulsary: one person died and 23 were injured, 5 of them police.",
  [E("one", 1, 1, "exact", P, "killed", AUT), E("23", 23, 23, "exact", P, "injured", AUT),
   E("5", 5, 5, "exact", P, "injured", AUT)])
C(["non_quantity", "time"], "In the evening, 120 people rallied and were detained at 7 pm.",
  [E("120", 120, 120, "exact", P, "detained", AUT)], ["7 pm"])
C(["number_word", "distributive"], "Sentences of eight, six and three years were handed down.",
  [E("eight", 8, 8, "exact", "year", "sentenced", AUT), E("six", 6, 6, "exact", "year", "sentenced", AUT),
   E("three years", 3, 3, "exact", "year", "sentenced", AUT)], note="unit 'years' distributes over the list")
C(["hedge", "ellipsis", "attribution"], "According to unofficial statistics, up to 30 miners were killed and 200 injured.",
  [E("up to 30", None, 30, "at_most", P, "killed", UNOFF, "According to unofficial statistics"),
   E("200", None, 200, "at_most", P, "injured", UNOFF, "According to unofficial statistics", hedge_inherited=True)],
  note="hedge inherited through ellipsis (same decision as in the seed gold)")
C(["hedge", "attribution"], "More than 40 were hurt, of whom 7 were soldiers, the ministry said.",
  [E("More than 40", 40, None, "at_least", P, "injured", OFF, "the ministry said"),
   E("7", 7, 7, "exact", P, "injured", OFF, "the ministry said")])
C(["hedge"], "Less than a hundred metres separated the crowd from the troops.",
  [E("Less than a hundred", None, 100, "at_most", "metre", "other", AUT)])
C(["vague", "hedge"], "The organisers could get up to several years behind bars.",
  [E("up to several years", None, None, "vague", "year", "sentenced", AUT)],
  note="'up to' + 'several': no usable bound")

# ---------------- broken numbers from bad translation (rule: vague, values null, uncertain = true)
C(["broken"], "In the clashes 1 6 people were killed.",
  [E("1 6", None, None, "vague", P, "killed", AUT, uncertain=True)], note="split digits; probably 16")
C(["broken", "attribution"], "Officials reported 1 9 Human died and 51 were injured.",
  [E("1 9", None, None, "vague", P, "killed", OFF, "Officials reported", uncertain=True),
   E("51", 51, 51, "exact", P, "injured", OFF, "Officials reported")])
C(["broken"], "The police detained 2 00 protesters near the town hall.",
  [E("2 00", None, None, "vague", P, "detained", AUT, uncertain=True)],
  note="digit group of two after a space is not a thousands grouping")
C(["broken", "hedge", "attribution"], "Up to 6 4 people were wounded, according to unofficial data.",
  [E("Up to 6 4", None, None, "vague", P, "injured", UNOFF, "according to unofficial data", uncertain=True)],
  note="hedge kept in the surface, but the broken number makes the bound unusable")

# ---------------- sentences whose numbers are NOT quantities
NQ = [
    ("On 4 March 2014, troops opened fire on the march.", ["4 March 2014"]),
    ("A 17-year-old girl was wounded near the bus stop.", ["17-year-old"]),
    ("The case was brought under article 174 of the criminal code.", ["article 174"]),
    ("The charges fall under article 241 of the old code.", ["article 241"]),
    ("He is serving his term in the OS-5 colony.", ["OS-5"]),
    ("The shooting began at 10.15 am local time.", ["10.15 am"]),
    ("The rally was scheduled for 14:30 on Republic Square.", ["14:30"]),
    ("For more information call +7 727 250 19 44.", ["+7 727 250 19 44"]),
    ("This is Part II of our investigation into the events.", ["Part II"]),
    ("He finished 3rd in the regional election.", ["3rd"]),
    ("The 25th anniversary of independence was celebrated in 2016.", ["25th", "2016"]),
    ("The country ranked #161 in the press freedom index.", ["#161"]),
    ("Exactly 25 years earlier, a similar strike was crushed.", ["25 years earlier"]),
    ("The town was founded in 1973 and turned 40 in 2013.", ["1973", "40", "2013"]),
    ("Eight months after the flood, I went back to the village.", ["Eight months after"]),
    ("On the night of 22.05 the border post was closed.", ["22.05"]),
    ("The video appeared online on 02/11/2014.", ["02/11/2014"]),
    ("Every day at ten o'clock the guards change shifts.", ["ten o'clock"]),
    ("The 1986 uprising is commemorated every December.", ["1986"]),
    ("Twelve Angry Men was showing at the cinema.", ["Twelve Angry Men"]),
    ("The photo was saved as IMG_2014-03-04.jpg.", ["IMG_2014-03-04.jpg"]),
    ("See chapter 3, paragraph 2.1 of the report.", ["chapter 3", "paragraph 2.1"]),
    ("The YouTube video aX9k2LmP07Q has been deleted.", ["aX9k2LmP07Q"]),
    ("Decree No. 1254 introduced a curfew in the town.", ["No. 1254"]),
    ("He became the first journalist to reach the city.", ["first"]),
    ("The events of 2014-2015 changed the region.", ["2014-2015"]),
    ("Her 47-year-old husband was questioned by investigators.", ["47-year-old"]),
    ("The curfew lasted from 22.00 to 6.00.", ["22.00", "6.00"]),
    ("The second trial opened in Aktau in April.", ["second"]),
    ("Flight KC 852 to Aktau was cancelled.", ["KC 852"]),
    ("Room 101 of the detention centre was used for interrogations.", ["Room 101"]),
    ("Paragraph 5 of the resolution calls for an independent investigation.", ["Paragraph 5"]),
    ("No one was held responsible for the shooting.", []),
    ("She was the only doctor on duty that night.", []),
    ("The 2019 World Press Freedom Index ranked the country 158th.", ["2019", "158th"]),
    ("Some 3rd party must be behind the riots.", ["3rd"]),
    ("Their 5-year-old daughter was sent back with her mother.", ["5-year-old"]),
    ("The protest began on June 3, 2014, at GU-7.", ["June 3, 2014", "GU-7"]),
    ("The photo is licensed CC BY 4.0.", ["4.0"]),
    ("The footage shows a burst of fire at the 27th second.", ["27th"]),
    ("Version 2.0 of the report was published on 5 May 2021, 09.30am.", ["2.0", "5 May 2021", "09.30am"]),
]
for sent, nq in NQ:
    C(["non_quantity"], sent, [], nq)

with open(os.path.join(OUT, "hard_cases.json"), "w", encoding="utf-8") as fh:
    json.dump({
        "description": "Hand-written sentences (not from the seeds) for the figure extractor. Same value/qualifier/"
                       "unit/measure/attribution conventions as seeds_gold.json (see README.md). 'expected' lists "
                       "every quantity; [] means the sentence has no quantity. 'non_quantities' lists number-like "
                       "spans that must NOT be extracted as quantities. Broken numbers from bad translation are "
                       "expected with qualifier vague, both values null and uncertain = true.",
        "cases": cases}, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
n0 = sum(1 for c in cases if not c["expected"])
print("cases", len(cases), "with quantities", len(cases) - n0, "without", n0)
