"""The facts stage as pure functions: clean passages in, figures, claims and a timeline out.

Two phases, each in its own module: `read_documents` (per partition) reads each
document (document.py: figures, their measure, source, kind, date and place), then
`merge` (corpus-wide) names places, forms events and incidents (incidents.py) and
builds the tables (outputs.py). `extract_facts(inputs, params, raw_span)` runs both
on the contract tables of ingest, clean, dedup and entities as DataFrames (tests);
the flow runs the same two functions. `raw_span(passage_id, start, end)` maps clean
offsets back to the document (the flow builds it from pipeline.text.offsets).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from pipeline.contract import facts as contract
from pipeline.facts.document import doc_fallback, read_document, ref_date, same_day
from pipeline.facts.events import PLACE_LABELS, PlaceNames, agency_places, event_key
from pipeline.facts.grammar import Grammar
from pipeline.facts.incidents import assign_incidents
from pipeline.facts.lexicon import compile_lexicon
from pipeline.facts.outputs import claims_table, comparison_table, events_table, timeline_table
from pipeline.facts.params import FactsParams
from pipeline.facts.participants import is_participant

# the tables this stage writes, as the contract declares them (pipeline/contract/facts.py)
QUANTITIES = contract.QUANTITIES.schema

RawSpan = Callable[[str, int, int], tuple[int, int]]


@dataclass
class Inputs:
    documents: pd.DataFrame        # ingest documents (doc_id, source_path, title, published_iso)
    passages: pd.DataFrame         # ingest passages (passage_id, doc_id, seq, char_start)
    clean: pd.DataFrame            # clean passages (passage_id, doc_id, text_clean, is_boilerplate)
    sentences: pd.DataFrame        # clean sentences (sentence_id, passage_id, start, end)
    dedup: pd.DataFrame            # dedup passages (passage_id, cluster_id, canonical_passage_id, is_canonical, match)
    mentions: pd.DataFrame | None = None  # entity mentions (passage_id, start, end, text, label)
    clusters: pd.DataFrame | None = None  # dedup clusters (cluster_id, n_occurrences)


def read_documents(inputs: Inputs, params: FactsParams, raw_span: RawSpan,
                   as_frames: bool = True) -> tuple[pd.DataFrame, pd.DataFrame] | tuple[list, list]:
    """Figures and dated mentions of the documents in `inputs` (one partition), before the
    corpus-wide steps (place names, events, claims). Returns (quantity rows, timeline rows),
    as DataFrames (to pass between processes) or lists of dicts."""
    lex = compile_lexicon(params)
    titles = dict(zip(inputs.documents["doc_id"].tolist(), inputs.documents["title"].tolist())) \
        if "title" in inputs.documents else {}
    published_by_doc = dict(zip(inputs.documents["doc_id"].tolist(), inputs.documents["published_iso"].tolist())) \
        if "published_iso" in inputs.documents else {}
    boiler = inputs.clean["is_boilerplate"].fillna(False).astype(bool) if "is_boilerplate" in inputs.clean \
        else pd.Series(False, index=inputs.clean.index)
    clean = dict(zip(inputs.clean["passage_id"].tolist(), zip(inputs.clean["text_clean"].tolist(), boiler.tolist())))
    order = inputs.passages[["passage_id", "doc_id", "seq"]].copy()
    skip = skipped_passages(inputs.dedup)
    sentences = defaultdict(list)
    sd = inputs.sentences
    for sid, pid, a, b in zip(sd["sentence_id"].tolist(), sd["passage_id"].tolist(), sd["start"].tolist(),
                              sd["end"].tolist()):
        sentences[pid].append((int(a), int(b), sid))
    for v in sentences.values():
        v.sort()
    mentions = defaultdict(list)
    if inputs.mentions is not None and len(inputs.mentions):
        md = inputs.mentions
        names_of_people = person_words(md)
        for doc_id, pid, a, b, t, label in zip(md["doc_id"].tolist(), md["passage_id"].tolist(), md["start"].tolist(),
                                               md["end"].tolist(), md["text"].tolist(), md["label"].tolist()):
            if label in PLACE_LABELS and str(t).strip() in names_of_people.get(doc_id, ()):
                continue  # "Bournes" tagged a place where the text names "Michael Augustine Bournes"
            if label in PLACE_LABELS:
                mentions[pid].append((int(a), int(b), str(t)))
            elif label == "ORG":  # "the Chattanooga Police Department": the place it serves
                mentions[pid].extend(agency_places([(int(a), int(b), str(t))]))
    for v in mentions.values():
        v.sort()
    people = doc_participants(inputs.mentions, clean)
    gazetteer = PlaceNames(params.places, params.place_similarity).gazetteer()
    grammar = Grammar(params.parser_model, params.predicates) if params.parser_model else None
    if grammar is not None:  # parse the partition's candidate sentences in one batch (not an exact repeat's:
        # it is not read)
        grammar.prefetch(clean[pid][0][a:b] for pid, spans in sentences.items() if pid in clean and pid not in skip
                         and isinstance(clean[pid][0], str) for a, b, _ in spans)
    qrows: list[dict] = []
    trows: list[dict] = []
    by_doc = defaultdict(list)
    for pid, doc_id, seq in sorted(zip(order["passage_id"].tolist(), order["doc_id"].tolist(),
                                       order["seq"].tolist()), key=lambda x: (x[1], x[2])):
        by_doc[doc_id].append(pid)
    for doc_id, pids in by_doc.items():
        published = published_by_doc.get(doc_id)
        ref = ref_date(published if isinstance(published, str) else None)
        title = titles.get(doc_id)
        doc_q, doc_t = read_document(doc_id, pids, clean, sentences, mentions, skip, lex,
                                      params, ref, gazetteer, raw_span, title if isinstance(title, str) else None,
                                      grammar)
        persons = "; ".join(sorted(people.get(doc_id, ())))
        for r in doc_q:
            r["doc_persons"] = persons
        qrows.extend(doc_q)
        trows.extend(doc_t)
    if not as_frames:
        return qrows, trows
    return pd.DataFrame(qrows), pd.DataFrame(trows)


def person_words(mentions: pd.DataFrame) -> dict[str, set]:
    """doc_id -> the words of the people's names of two words or more it writes ("Michael Augustine
    Bournes": Michael, Augustine, Bournes). A one-word place mention that is one of them is the person
    NER took for a place (a surname, a first name), not where anything happened."""
    out: dict = defaultdict(set)
    people = mentions[mentions["label"] == "PERSON"]
    for doc_id, text in zip(people["doc_id"].tolist(), people["text"].tolist()):
        words = str(text).split()
        if len(words) >= 2:
            out[doc_id].update(w.strip(".,'’") for w in words if w[:1].isupper())
    return out


def doc_participants(mentions: pd.DataFrame | None, clean: dict) -> dict[str, set]:
    """doc_id -> the people each document is about (participants.py), by their first and last name
    (`person_key`): what links a follow-up to the first article about an incident. Articles write one
    person with and without a middle name or initial ("Stephen J. Brumby", "Stephen Brumby"), which the
    entities stage may keep apart."""
    out: dict = defaultdict(set)
    if mentions is None or not len(mentions) or "entity_id" not in mentions:
        return out
    people = mentions[mentions["label"] == "PERSON"]
    for doc_id, pid, a, b, eid in zip(people["doc_id"].tolist(), people["passage_id"].tolist(),
                                      people["start"].tolist(), people["end"].tolist(), people["entity_id"].tolist()):
        text = clean.get(pid, (None,))[0]
        if isinstance(text, str) and isinstance(eid, str) and is_participant(text, int(a), int(b)):
            key = person_key(text[int(a):int(b)])
            if key:
                out[doc_id].add(key)
    return out


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def person_key(name: str) -> str | None:
    """'Stephen J. Brumby' and "Stephen Brumby's" -> 'stephen brumby': the first and last words of a
    name, lowercased, without a possessive; None for a name of one word."""
    words = [_POSSESSIVE.sub("", w).strip(".") for w in _NAME_WORD.findall(name)]
    words = [w for w in words if w]
    return f"{words[0].lower()} {words[-1].lower()}" if len(words) >= 2 else None


def skipped_mask(dedup: pd.DataFrame) -> pd.Series:
    """Per row of dedup's passages: a non-canonical exact copy (exact repeats are read once)."""
    return (dedup["match"] == "exact") & (~dedup["is_canonical"].astype(bool))


def skipped_passages(dedup: pd.DataFrame) -> set:
    """Exact repeats are read once: every non-canonical exact copy is skipped."""
    if dedup is None or not len(dedup):
        return set()
    return set(dedup.loc[skipped_mask(dedup), "passage_id"])


def reprints(dedup: pd.DataFrame, clusters: pd.DataFrame | None) -> tuple[dict, dict]:
    """(passage -> canonical passage it is a near copy of, canonical passage -> number of copies)."""
    reprint_of, copies = {}, {}
    if dedup is None or not len(dedup):
        return reprint_of, copies
    near = dedup[(dedup["match"] == "near") & dedup["canonical_passage_id"].notna()
                 & (dedup["canonical_passage_id"] != dedup["passage_id"])]
    reprint_of = dict(zip(near["passage_id"], near["canonical_passage_id"]))
    if clusters is not None and len(clusters):
        n_occ = dict(zip(clusters["cluster_id"], clusters["n_occurrences"]))
        canon = dedup[dedup["is_canonical"].astype(bool) & dedup["cluster_id"].notna()]
        copies = {p: int(n_occ.get(c, 1)) for p, c in zip(canon["passage_id"], canon["cluster_id"])}
    return reprint_of, copies


def merge(qrows: pd.DataFrame, trows: pd.DataFrame, documents: pd.DataFrame, params: FactsParams,
          reprint_of: dict | None = None, copies: dict | None = None) -> dict[str, pd.DataFrame]:
    """The corpus-wide step: one name per place, events, claims, the comparison and the timeline.
    Rows are taken in document order (by doc_id; a document's own rows as it gave them), so the
    tables do not depend on how the documents were partitioned."""
    q = (qrows.to_dict("records") if len(qrows) else []) if isinstance(qrows, pd.DataFrame) else list(qrows)
    t = (trows.to_dict("records") if len(trows) else []) if isinstance(trows, pd.DataFrame) else list(trows)
    q.sort(key=lambda r: r["doc_id"])  # (stable: within a document, the order read_document gave)
    t.sort(key=lambda r: r["doc_id"])
    places = PlaceNames(params.places, params.place_similarity, params.place_abbreviations)
    places.build(Counter(r["place_raw"] for r in q + t if isinstance(r.get("place_raw"), str)))
    for row in q + t:
        raw = row.pop("place_raw", None)
        row["place"] = places(raw if isinstance(raw, str) else None)
        date = row.get("event_date")
        row["event_date"] = date if isinstance(date, str) else None
        kind = row.get("kind")
        row["kind"] = kind if isinstance(kind, str) else None
        basis = row.get("event_basis")
        row["event"] = event_key(row["place"], row["event_date"], row["kind"],
                                 basis if isinstance(basis, str) else None)
    same_day(q, params.same_day_kinds)
    doc_fallback(q)
    # articles about one incident get one key across documents (pipeline/facts/incidents.py)
    published = dict(zip(documents["doc_id"], documents["published_iso"])) \
        if len(documents) and "published_iso" in documents else {}
    assign_incidents(q, t, published, places, params.harm_kinds)
    quantities = pd.DataFrame(q, columns=[*QUANTITIES.names])
    docs = documents.set_index("doc_id")
    doc_meta = docs[["source_path", "title"]] if len(docs) else pd.DataFrame(columns=["source_path", "title"])
    claims = claims_table(quantities, doc_meta, reprint_of or {}, copies or {})
    events = events_table(quantities, claims)
    comparison = comparison_table(claims, events)
    timeline = timeline_table(pd.DataFrame(t))
    return {"quantities": quantities, "claims": claims, "comparison": comparison, "events": events,
            "timeline": timeline}


def extract_facts(inputs: Inputs, params: FactsParams, raw_span: RawSpan) -> dict[str, pd.DataFrame]:
    """Every table of data/facts/ from the input tables (one partition = the whole corpus)."""
    qrows, trows = read_documents(inputs, params, raw_span, as_frames=False)
    reprint_of, copies = reprints(inputs.dedup, inputs.clusters)
    return merge(qrows, trows, inputs.documents, params, reprint_of, copies)


