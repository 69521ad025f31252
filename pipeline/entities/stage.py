"""The entities stage as pure functions: clean passages in, mentions, entities,
merges and co-occurrences out.

    select_passages   which passages are read, and how (model, gazetteer only)
    extract_mentions  NER + gazetteer + span/label rules -> mentions (no entity yet); the models
                      read only documents a store of earlier runs lacks (per_document.py)
    resolve_entities  canonicalisation -> entity_id per mention, entities, merges
    assign_sentences  sentence_id per mention (from the clean stage's sentences)
    add_raw_offsets   raw_start/raw_end in documents.text through the clean offset maps
    cooccurrence      entity pairs per sentence and per passage
    run_entities      all of the above

No Prefect and no output paths here (see flow.py).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import Counter, defaultdict
from typing import Callable, Mapping

import pandas as pd

from pipeline.contract import entities as contract
from pipeline.core.columns import is_in
from pipeline.entities.canon import MentionIn, canonicalise
from pipeline.entities.gazetteer import Gazetteer
from pipeline.entities.ner import Recogniser, UnitMapper, make_chunks, recognise
from pipeline.entities.params import EntitiesParams
from pipeline.entities.headers import header_names, model_view
from pipeline.entities.per_document import recognise_per_document
from pipeline.entities.refine import M as RefinedMention, refine
from pipeline.entities.store import MentionStore
from pipeline.text.translit import cyrillic_share, has_cyrillic

# the tables this stage writes, as the contract declares them (pipeline/contract/entities.py)
MENTIONS = contract.MENTIONS.schema
ENTITIES = contract.ENTITIES.schema
MERGES = contract.MERGES.schema
COOCCURRENCE = contract.COOCCURRENCE.schema
SELECTED = ["passage_id", "doc_id", "text_clean", "mode"]


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)


def select_passages(clean_passages: pd.DataFrame, dedup_passages: pd.DataFrame | None,
                    params: EntitiesParams) -> tuple[pd.DataFrame, dict]:
    """The passages to read and how (mode: model | header | russian | gazetteer); counts of what was
    skipped. `russian`: natasha's Russian model (pipeline/entities/russian.py) reads the passage."""
    df = clean_passages
    skipped: Counter = Counter()
    if dedup_passages is not None and len(dedup_passages):
        repeat = dedup_passages[(dedup_passages["match"] == "exact") & ~dedup_passages["is_canonical"].astype(bool)]
        mask = pd.Series(is_in(df["passage_id"], repeat["passage_id"]), index=df.index)
        skipped["exact_repeat"] = int(mask.sum())
        df = df[~mask]
    header = pd.Series(False, index=df.index)
    if params.skip_boilerplate and "is_boilerplate" in df.columns:
        mask = df["is_boilerplate"].fillna(False).astype(bool)
        if "boilerplate_rule" in df.columns:  # an e-mail or news header block: its names are read by format
            header = mask & (df["boilerplate_rule"].fillna("") == "mail_header")
            mask = mask & ~header
        skipped["boilerplate"] = int(mask.sum())
        df, header = df[~mask], header[~mask]
    text = df["text_clean"].fillna("")
    empty = text.str.strip() == ""
    skipped["empty"] = int(empty.sum())
    df, text = df[~empty], text[~empty]
    lang = df["language"].fillna("und").astype(str).str.lower() if "language" in df.columns \
        else pd.Series("und", index=df.index)
    ok = lang.isin(params.languages)
    short = text.str.len() < params.short_passage_chars
    # a passage tagged another language is read by the model when it is in Latin script and short (the
    # tag of a few words is unreliable), or the identifier is not sure, or most of its document (by
    # characters) is in the model's languages: the tag of one passage does not outweigh its document's
    conf = pd.to_numeric(df["language_confidence"], errors="coerce") if "language_confidence" in df.columns \
        else pd.Series(float("nan"), index=df.index)
    unsure = ~(conf >= params.other_language_sure)
    lengths = text.str.len()
    in_doc = lengths.where(ok, 0).groupby(df["doc_id"]).transform("sum") / \
        lengths.groupby(df["doc_id"]).transform("sum")
    doc_ok = in_doc > 0.5
    latin = pd.Series(False, index=df.index)
    check = ~ok & (short | unsure | doc_ok)  # only these passages need the script check
    latin[check] = text[check].map(_latin_share) >= 0.5
    model = ok | (check & latin)
    mode = pd.Series("model", index=df.index)
    mode[header & model] = "header"
    if params.russian_languages:
        # a passage in Russian or Kazakh, or one the English model would get that is mostly Cyrillic
        # (a short line the identifier could not place)
        russian = ~header & lang.isin(params.russian_languages)
        maybe = ~header & ~russian & model
        russian[maybe] = text[maybe].map(cyrillic_share) >= 0.5
        mode[russian] = "russian"
        model = model | russian
    if params.other_languages == "gazetteer":
        mode[~model] = "gazetteer"
    elif params.other_languages == "skip":
        skipped["other_language"] = int((~model).sum())
        keep = model
        df, mode = df[keep], mode[keep]
    skipped["gazetteer_only"] = int((mode == "gazetteer").sum())
    out = pd.DataFrame({"passage_id": df["passage_id"].astype(str).values, "doc_id": df["doc_id"].astype(str).values,
                        "text_clean": df["text_clean"].fillna("").values, "mode": mode.values})
    return out.reset_index(drop=True), {k: v for k, v in skipped.items() if v}


def _sentence_ends(selected: pd.DataFrame, sentences: pd.DataFrame | None) -> list[list[int]] | None:
    if sentences is None or not len(sentences):
        return None
    ends: dict[str, list[int]] = defaultdict(list)
    wanted = set(selected["passage_id"].tolist())   # (plain lists: Arrow strings iterate slowly)
    for pid, end in zip(sentences["passage_id"].tolist(), sentences["end"].tolist()):
        if pid in wanted:
            ends[pid].append(int(end))
    return [ends.get(pid, []) for pid in selected["passage_id"].tolist()]


def extract_mentions(selected: pd.DataFrame, sentences: pd.DataFrame | None, params: EntitiesParams,
                     gazetteer: Gazetteer, *, recogniser: Recogniser | None = None,
                     units_to: UnitMapper | None = None, store: MentionStore | None = None,
                     progress: Callable[[int, int, float], None] | None = None) -> pd.DataFrame:
    """Mentions (passage_id, doc_id, start, end, text, label, source, title, gaz, link) of the
    selected passages; no entity ids yet. `units_to`: where the model runs instead of this
    process and its own pool (the Dask workers; pipeline/entities/flow.py). `store`: the models'
    results of earlier runs, by document; only documents it lacks go to the models
    (pipeline/entities/per_document.py). `progress(done, total, seconds)`: the model's units as the
    stage's own pool returns them."""
    originals = selected["text_clean"].tolist()
    modes = selected["mode"].tolist()
    # a header block is read through its view: the Organization values only (pipeline/entities/headers.py)
    texts = [model_view(t) if m == "header" else t for t, m in zip(originals, modes)]
    docs = selected["doc_id"].tolist()
    # Russian passages: spaCy's tokenizer finds the gazetteer's names, natasha the rest (russian_mentions)
    chunks = make_chunks(texts, [m in ("model", "header") for m in modes],
                         _sentence_ends(selected, sentences), params.max_chunk_chars)

    def model_mentions(chunks: list) -> list:  # the English and Russian models on some chunks
        raw = recognise(chunks, model=params.model, gazetteer=gazetteer, labels=params.labels,
                        batch_size=params.batch_size, n_process=params.n_process, recogniser=recogniser,
                        units_to=units_to, progress=progress)
        russian = [c for c in chunks if modes[c.index] == "russian"]
        if russian:
            raw = sorted(raw + russian_mentions(russian, raw), key=lambda x: (x[0], x[1]))
        return raw

    raw = recognise_per_document(chunks, modes, docs, store, model_mentions)
    refined = refine(raw, texts, docs, gazetteer, fuzzy_threshold=params.fuzzy_threshold,
                     fuzzy_min_chars=params.fuzzy_min_chars, propagate_names=params.propagate)
    # the display names of address fields and quote introductions ("addr (Name) writes:"), by format
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in refined:
        taken[m.p].append((m.start, m.end))
    for i, (text, mode) in enumerate(zip(originals, modes)):
        if mode not in ("model", "header"):
            continue
        for a, b, label in header_names(text):
            if not any(x < b and a < y for x, y in taken[i]):
                refined.append(RefinedMention(i, a, b, label, source="header"))
                taken[i].append((a, b))
    refined.sort(key=lambda m: (m.p, m.start))
    pids = selected["passage_id"].tolist()
    rows = {
        "passage_id": [pids[m.p] for m in refined],
        "doc_id": [docs[m.p] for m in refined],
        "start": [m.start for m in refined],
        "end": [m.end for m in refined],
        "text": [originals[m.p][m.start:m.end] for m in refined],
        "label": [m.label for m in refined],
        "source": [m.source for m in refined],
        "title": [m.title or None for m in refined],
        "gaz": [m.gaz for m in refined],
        "link_rule": [m.link_rule for m in refined],
        "link_score": [m.link_score for m in refined],
    }
    out = pd.DataFrame(rows)
    out["normal"] = normal_forms(out, [modes[m.p] == "russian" for m in refined],
                                 [originals[m.p][max(0, m.start - 16):m.start] for m in refined])
    return out


def russian_mentions(chunks: list, found: list) -> list:
    """natasha's names in the chunks of Russian passages, as raw mentions; the gazetteer's names
    (already in `found`) stand, and a model name overlapping one is dropped."""
    from pipeline.entities.russian import russian_names

    fixed: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, a, b, _, _ in found:
        fixed[p].append((a, b))
    out = []
    for chunk, names in zip(chunks, russian_names().find([c.text for c in chunks])):
        for name in names:
            a, b = chunk.offset + name.start, chunk.offset + name.end
            if not any(x < b and a < y for x, y in fixed[chunk.index]):
                out.append((chunk.index, a, b, name.label, -1))
    return out


def normal_forms(mentions: pd.DataFrame, russian: list[bool], befores: list[str]) -> list:
    """The nominative of each mention in a Russian passage that has Cyrillic letters (null elsewhere):
    the form canonicalisation compares, so "в Караганде" and "Караганда" are one name."""
    wanted = [r and has_cyrillic(t) for r, t in zip(russian, mentions["text"].tolist())] if len(mentions) else []
    if not any(wanted):
        return [None] * len(mentions)
    from pipeline.entities.russian import russian_names

    keys = [(" ".join(t.split()), lab, _preposition_before(before) if w else "")
            for t, lab, before, w in zip(mentions["text"].tolist(), mentions["label"].tolist(), befores, wanted)]
    table = russian_names().normal_forms(k for k, w in zip(keys, wanted) if w)
    return [table.get(k) if w else None for k, w in zip(keys, wanted)]


def _preposition_before(before: str) -> str:
    """The preposition right before a name ("в Караганде" -> "в"), or ""."""
    from pipeline.entities.russian import PREPOSITIONS

    words = before[-12:].split()
    word = words[-1].lower() if words and before[-1:].isspace() else ""
    return word if word in PREPOSITIONS else ""


def resolve_entities(mentions: pd.DataFrame, gazetteer: Gazetteer, params: EntitiesParams
                     ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """entity_id for each mention; the entities and merges tables."""
    normal = mentions["normal"] if "normal" in mentions else pd.Series([None] * len(mentions), index=mentions.index)
    items = [MentionIn(d, p, t, lab, int(g), r, float(s), ti if isinstance(ti, str) else "",
                       n if isinstance(n, str) else "")
             for d, p, t, lab, g, r, s, ti, n in zip(
                 mentions["doc_id"], mentions["passage_id"], mentions["text"], mentions["label"],
                 mentions["gaz"], mentions["link_rule"], mentions["link_score"], mentions["title"], normal)]
    result = canonicalise(items, gazetteer, fuzzy_threshold=params.fuzzy_threshold,
                          fuzzy_min_chars=params.fuzzy_min_chars,
                          fuzzy_max_mentions=params.fuzzy_max_mentions,
                          resolve_in_corpus=params.resolve_in_corpus)
    out = mentions.copy()
    out["entity_id"] = result.entity_of_mention
    entities = pd.DataFrame(result.entities, columns=[c for c in ENTITIES.names if c != "n_docs_with_repeats"])
    entities["n_docs_with_repeats"] = entities["n_docs"]
    merges = pd.DataFrame(result.merges, columns=MERGES.names)
    return out, entities, merges


def assign_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame | None) -> pd.Series:
    """The sentence holding each mention's start (null if the passage has no sentences)."""
    if sentences is None or not len(sentences) or not len(mentions):
        return pd.Series([None] * len(mentions), index=mentions.index, dtype=object)
    wanted = set(mentions["passage_id"])
    by_p: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for pid, s, e, sid in zip(sentences["passage_id"].tolist(), sentences["start"].tolist(),
                              sentences["end"].tolist(), sentences["sentence_id"].tolist()):
        if pid in wanted:
            by_p[pid].append((int(s), int(e), str(sid)))
    index = {}
    for pid, rows in by_p.items():
        rows.sort()
        index[pid] = ([r[0] for r in rows], rows)
    out = []
    for pid, start in zip(mentions["passage_id"].tolist(), mentions["start"].tolist()):
        sid = None
        entry = index.get(pid)
        if entry:
            i = bisect_right(entry[0], start) - 1
            if i >= 0 and start < entry[1][i][1]:
                sid = entry[1][i][2]
        out.append(sid)
    return pd.Series(out, index=mentions.index, dtype=object)


RawSpan = Callable[[str, int, int], tuple[int, int]]


def raw_span_from_maps(maps: Mapping) -> RawSpan:
    """Adapt pipeline.text.offsets.offset_maps(...) output to a (passage_id, start, end) function."""
    def raw_span(passage_id: str, start: int, end: int) -> tuple[int, int]:
        try:
            m = maps[passage_id]
        except KeyError:
            raise KeyError(f"no offset map for passage {passage_id}: data/clean and data/ingest "
                           "are out of step; re-run the clean stage") from None
        return m.raw_span(start, end)
    return raw_span


def add_raw_offsets(mentions: pd.DataFrame, raw_span: RawSpan) -> pd.DataFrame:
    pairs = [raw_span(p, int(s), int(e)) for p, s, e in zip(mentions["passage_id"], mentions["start"], mentions["end"])]
    out = mentions.copy()
    out["raw_start"] = pd.array([a for a, _ in pairs], dtype="Int64")
    out["raw_end"] = pd.array([b for _, b in pairs], dtype="Int64")
    return out


def cooccurrence(mentions: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Entity pairs (entity_a < entity_b) named in the same sentence / passage, with counts."""
    in_sentence: dict[str, set[str]] = defaultdict(set)
    in_passage: dict[str, set[str]] = defaultdict(set)
    doc_of: dict[str, str] = {}
    for eid, sid, pid, doc in zip(mentions["entity_id"].tolist(), mentions["sentence_id"].tolist(),
                                  mentions["passage_id"].tolist(), mentions["doc_id"].tolist()):
        if isinstance(sid, str):
            in_sentence[sid].add(eid)
        in_passage[pid].add(eid)
        doc_of[pid] = doc
    sent: Counter = Counter()
    for ids in in_sentence.values():
        if len(ids) > 1:
            sent.update(itertools.combinations(sorted(ids), 2))
    pas: Counter = Counter()
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pid, ids in in_passage.items():
        if len(ids) > 1:
            for pair in itertools.combinations(sorted(ids), 2):
                pas[pair] += 1
                docs[pair].add(doc_of[pid])
    names = dict(zip(entities["entity_id"], entities["name"]))
    labels = dict(zip(entities["entity_id"], entities["label"]))
    rows = [{"entity_a": a, "entity_b": b, "name_a": names.get(a), "name_b": names.get(b),
             "label_a": labels.get(a), "label_b": labels.get(b), "n_sentences": sent.get((a, b), 0),
             "n_passages": n, "n_docs": len(docs[(a, b)])}
            for (a, b), n in pas.items()]
    df = pd.DataFrame(rows, columns=COOCCURRENCE.names)
    return df.sort_values(["n_sentences", "n_passages", "entity_a", "entity_b"],
                          ascending=[False, False, True, True]).reset_index(drop=True)


def repeat_coverage(entities: pd.DataFrame, mentions: pd.DataFrame, dedup_passages: pd.DataFrame | None) -> pd.Series:
    """Documents per entity counting the exact repeats of the passages it is named in."""
    if dedup_passages is None or not len(dedup_passages) or not len(mentions):
        return entities["n_docs"].astype("int64")
    exact = dedup_passages[dedup_passages["match"] == "exact"]
    docs_of: dict[str, set[str]] = defaultdict(set)
    for canon, doc in zip(exact["canonical_passage_id"].tolist(), exact["doc_id"].tolist()):
        docs_of[canon].add(doc)
    cover: dict[str, set[str]] = defaultdict(set)
    for eid, pid, doc in zip(*(mentions[c].tolist() for c in ("entity_id", "passage_id", "doc_id"))):
        cover[eid].add(doc)
        cover[eid].update(docs_of.get(pid, ()))
    return entities["entity_id"].map(lambda e: len(cover.get(e, ()))).astype("int64")


def build_tables(mentions: pd.DataFrame, sentences: pd.DataFrame | None, dedup_passages: pd.DataFrame | None,
                 params: EntitiesParams, gazetteer: Gazetteer, raw_span: RawSpan
                 ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """From extracted mentions to the four tables: mentions, entities, merges, co-occurrence."""
    mentions, entities, merges = resolve_entities(mentions, gazetteer, params)
    mentions["sentence_id"] = assign_sentences(mentions, sentences)
    mentions = add_raw_offsets(mentions, raw_span)
    mentions["mention_id"] = [f"{p}-m{s}" for p, s in zip(mentions["passage_id"], mentions["start"])]
    entities["n_docs_with_repeats"] = repeat_coverage(entities, mentions, dedup_passages)
    entities = entities.sort_values(["n_mentions", "name", "entity_id"], ascending=[False, True, True],
                                    kind="stable").reset_index(drop=True)
    return mentions, entities, merges, cooccurrence(mentions, entities)


def run_entities(clean_passages: pd.DataFrame, sentences: pd.DataFrame | None,
                 dedup_passages: pd.DataFrame | None, params: EntitiesParams, gazetteer: Gazetteer,
                 raw_span: RawSpan, *, recogniser: Recogniser | None = None,
                 store: MentionStore | None = None) -> dict:
    """Every table of the stage, plus a summary."""
    selected, skipped = select_passages(clean_passages, dedup_passages, params)
    mentions = extract_mentions(selected, sentences, params, gazetteer, recogniser=recogniser, store=store)
    mentions, entities, merges, cooc = build_tables(mentions, sentences, dedup_passages, params, gazetteer, raw_span)
    summary = {
        "passages_read": int((selected["mode"] == "model").sum()),
        "passages_russian": int((selected["mode"] == "russian").sum()),
        "passages_gazetteer_only": int((selected["mode"] == "gazetteer").sum()),
        "skipped": skipped,
        "mentions": len(mentions), "entities": len(entities), "merges": int((merges["rule"] != "canonical").sum()),
        "pairs": len(cooc),
    }
    return {"mentions": mentions, "entities": entities, "merges": merges, "cooccurrence": cooc,
            "summary": summary}
