"""The clean stage as pure functions: ingest passages in, clean tables out.

Per passage, in this order, each pass proposing edits on the text the previous
one left (`EditLog` turns them into edits of the raw passage):

1. mojibake (ftfy, only where it changes something);
2. line breaks, spaces, invisible and control characters;
3. NFC;
4. look-alike letters of the wrong script (pipeline.text.homoglyphs);
5. page furniture flagged per line (no edit: nothing is deleted);
6. broken line wraps re-joined (edits of rule ``line_join``);
7. language of the content lines; sentences of the final text.

Every ingest passage is cleaned, in document order (a furniture rule compares
a line with the last line of the previous passage of the same document).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.clean.edits import Change, EditLog, shift_positions
from pipeline.text.furniture import FurnitureRules, Line
from pipeline.clean.language import LanguageDetector
from pipeline.contract import clean as contract
from pipeline.clean.params import CleanParams
from pipeline.clean.sentence_table import sentence_columns
from pipeline.clean.sentences import make_splitter, split_spans
from pipeline.clean.unicode import invisible_changes, mojibake_changes, needs_repair, nfc_changes
from pipeline.clean.wraps import join_changes
from pipeline.core.gcpause import gc_paused
from pipeline.text.homoglyphs import mixed_script_fixes
from pipeline.text.offsets import OffsetMap

# the tables this stage writes, as the contract declares them (pipeline/contract/clean.py)
PASSAGES = contract.PASSAGES.schema
EDITS = contract.EDITS.schema
SENTENCES = contract.SENTENCES.schema
FURNITURE = contract.FURNITURE.schema


@dataclass(slots=True)
class Cleaned:
    """One passage after cleaning (offsets: clean text; edits: document offsets)."""

    text_clean: str
    edits: list[tuple[int, int, str, str, str, int, int]]  # raw_start, raw_end, before, after, rule, clean_start, clean_end
    furniture: list[tuple[int, int, str]]                  # start, end, rule
    is_boilerplate: bool
    boilerplate_rule: str | None
    language: str = "und"
    language_confidence: float | None = None
    language_label: str | None = None
    last_line: str | None = None  # before joins: compared with the next passage's first line
    language_text: str = ""        # the content lines the language is read from
    char_start: int = 0
    raw_len: int = 0
    _map: OffsetMap | None = field(default=None, repr=False)

    @property
    def offset_map(self) -> OffsetMap:
        if self._map is None:
            self._map = OffsetMap.from_edit_log(self.char_start, self.raw_len, self.edits)
        return self._map


class Cleaner:
    def __init__(self, params: CleanParams | None = None):
        self.params = params or CleanParams()
        p = self.params
        self.rules = FurnitureRules(p.furniture, p.furniture_max_line_chars, p.repeated_line_min_chars)
        self.continuation = frozenset(p.continuation_words)
        self.before_capital = frozenset(p.continuation_words_before_capital)
        self.detector = LanguageDetector(p.language_min_letters, p.language_min_confidence,
                                         p.language_sample_chars, p.language_first_chars,
                                         p.language_sure_confidence)
        self._splitter = None

    @property
    def splitter(self):
        if self._splitter is None:
            self._splitter = make_splitter(self.params.sentence_splitter, self.params.abbreviations,
                                           self.params.spacy_model)
        return self._splitter

    def clean(self, raw: str, char_start: int = 0, previous_line: str | None = None,
              detect_language: bool = True) -> Cleaned:
        """One passage. detect_language=False leaves the language to the caller (`clean_passages`
        detects the languages of a whole partition in one loop)."""
        p = self.params
        log = None  # made only when a pass changes something
        text = raw
        if needs_repair(raw):
            log = EditLog(raw)
            self._repair(log)
            text = log.text
        lines: list[Line] = self.rules.lines(text, previous_line)
        last = text[lines[-1].start:lines[-1].end] if lines else None  # = last_line(text)
        if p.join_wraps and len(lines) > 1:
            joins = join_changes(text, lines, self.continuation, p.max_item_lines, p.max_wrap_chain,
                                 self.before_capital)
            if joins:
                flat = shift_positions([x for ln in lines for x in (ln.start, ln.end)], joins)
                lines = [Line(flat[2 * k], flat[2 * k + 1], ln.rule) for k, ln in enumerate(lines)]
                if log is None:
                    log = EditLog(raw)
                log.apply(joins)
                text = log.text
        edits = []
        if log is not None and log.edits:
            cs, ce = log.clean_bounds()
            edits = [(a + char_start, b + char_start, raw[a:b], after, rule, c0, c1)
                     for (a, b, after, rule), c0, c1 in zip(log.edits, cs, ce)]
        furniture = [ln for ln in lines if ln.rule]  # Line is the tuple (start, end, rule)
        boiler = bool(lines) and len(furniture) == len(lines)
        rule = None
        lang_text = text
        if boiler:
            rule = "+".join(dict.fromkeys(r for _, _, r in furniture))
        elif furniture:
            lang_text = "\n".join([text[a:b] for a, b, r in lines if not r])
        res = Cleaned(text, edits, furniture, boiler, rule, last_line=last, language_text=lang_text,
                      char_start=char_start, raw_len=len(raw))
        if detect_language:
            language = self.detector.detect_many([lang_text])[0]
            res.language, res.language_confidence, res.language_label = language
        return res

    def _repair(self, log: EditLog) -> None:
        """The Unicode passes, each on the text the previous one left."""
        p = self.params
        ascii_only = log.raw.isascii()
        if p.repair_mojibake and not ascii_only:
            self._apply(log, mojibake_changes(log.text))
        self._apply(log, invisible_changes(log.text))
        if not ascii_only:
            self._apply(log, nfc_changes(log.text))
            if p.fix_homoglyphs:
                fixes = mixed_script_fixes(log.text, p.homoglyph_context_words)
                if fixes:
                    log.apply([Change(f.start, f.end, f.after, "homoglyph") for f in fixes])

    @staticmethod
    def _apply(log: EditLog, changes: list[Change]) -> None:
        if changes:
            log.apply(changes)


def _document_order(passages: pd.DataFrame) -> pd.DataFrame:
    """Passages grouped by document (in order of first appearance), by seq within one."""
    codes = pd.factorize(passages["doc_id"])[0]  # documents numbered in order of first appearance
    seq = passages["seq"].to_numpy()
    later_doc = codes[1:] > codes[:-1]
    later_seq = (codes[1:] == codes[:-1]) & (seq[1:] > seq[:-1])
    if bool(np.all(later_doc | later_seq)):
        return passages.reset_index(drop=True)  # already in that order (the flow's partitions are)
    first = {d: i for i, d in enumerate(pd.unique(passages["doc_id"]))}
    order = passages.assign(_doc=passages["doc_id"].map(first))
    return order.sort_values(["_doc", "seq"], kind="stable").drop(columns="_doc").reset_index(drop=True)


def _columns(schema: pa.Schema) -> dict[str, list]:
    return {name: [] for name in schema.names}


def _frame(cols: dict[str, list], schema: pa.Schema) -> pd.DataFrame:
    return pa.table(cols, schema=schema).to_pandas()


def clean_passages(passages: pd.DataFrame, params: CleanParams | None = None,
                   cleaner: Cleaner | None = None) -> dict[str, pd.DataFrame]:
    """Ingest passages (passage_id, doc_id, seq, char_start, char_end, text) -> the clean tables.

    Keys: passages, edits, sentences, furniture. Every input passage is in the output.
    """
    with gc_paused():  # about a million small acyclic objects per 16 MB partition
        return _clean_passages(passages, cleaner or Cleaner(params))


def _clean_passages(passages: pd.DataFrame, cleaner: Cleaner) -> dict[str, pd.DataFrame]:
    passages = _document_order(passages)
    pids = passages["passage_id"].tolist()
    dids = passages["doc_id"].tolist()
    starts = [int(x) for x in passages["char_start"].tolist()]
    P, E, F = _columns(PASSAGES), _columns(EDITS), _columns(FURNITURE)
    P["passage_id"], P["doc_id"] = pids, dids
    P["seq"] = [int(x) for x in passages["seq"].tolist()]
    P["char_start"], P["char_end"] = starts, [int(x) for x in passages["char_end"].tolist()]
    results: list[Cleaned] = []
    prev_doc, prev_line = None, None
    clean = cleaner.clean
    for pid, did, base, text in zip(pids, dids, starts, passages["text"].tolist()):
        if did != prev_doc:
            prev_doc, prev_line = did, None
        res = clean(text, base, prev_line, detect_language=False)
        prev_line = res.last_line
        results.append(res)
    P["text_clean"] = [r.text_clean for r in results]
    P["is_boilerplate"] = [r.is_boilerplate for r in results]
    P["boilerplate_rule"] = [r.boilerplate_rule for r in results]
    P["n_furniture_lines"] = [len(r.furniture) for r in results]
    P["n_edits"] = [len(r.edits) for r in results]
    edits: list[tuple] = []  # every passage's edits, in order; owner: the passage of each
    owner: list[int] = []
    for k, (pid, did, base, res) in enumerate(zip(pids, dids, starts, results)):
        if res.edits:
            edits.extend(res.edits)
            owner.extend([k] * len(res.edits))
        if res.furniture:
            n = len(res.furniture)
            F["passage_id"].extend([pid] * n)
            F["doc_id"].extend([did] * n)
            spans = [(a, b) for a, b, _ in res.furniture]
            F["rule"].extend([r for _, _, r in res.furniture])
            F["start"].extend([a for a, _ in spans])
            F["end"].extend([b for _, b in spans])
            raw = res.offset_map.raw_spans(spans) if res.edits else [(base + a, base + b) for a, b in spans]
            F["raw_start"].extend([x for x, _ in raw])
            F["raw_end"].extend([y for _, y in raw])
            F["text"].extend([res.text_clean[a:b] for a, b in spans])
    if edits:
        for name, col in zip(("raw_start", "raw_end", "before", "after", "rule", "clean_start", "clean_end"),
                             zip(*edits)):
            E[name] = col
        E["passage_id"] = [pids[k] for k in owner]
        E["doc_id"] = [dids[k] for k in owner]
    languages = cleaner.detector.detect_many([r.language_text for r in results])
    P["language"] = [x[0] for x in languages]
    P["language_confidence"] = [x[1] for x in languages]
    P["language_label"] = [x[2] for x in languages]
    S = sentence_columns(pids, dids, starts, results, split_spans(cleaner.splitter, P["text_clean"]))
    return {"passages": _frame(P, PASSAGES), "edits": _frame(E, EDITS),
            "sentences": _frame(S, SENTENCES), "furniture": _frame(F, FURNITURE)}


SCHEMAS = {name: table.schema for name, table in contract.TABLES.items()}
