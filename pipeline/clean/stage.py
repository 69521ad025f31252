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

import pandas as pd
import pyarrow as pa

from pipeline.clean.edits import Change, EditLog, shift_positions
from pipeline.clean.furniture import FurnitureRules, Line, last_line
from pipeline.clean.language import LanguageDetector
from pipeline.clean.offsets import OffsetMap
from pipeline.clean.params import CleanParams
from pipeline.clean.sentences import make_splitter
from pipeline.clean.unicode import invisible_changes, mojibake_changes, nfc_changes
from pipeline.clean.wraps import join_changes
from pipeline.text.homoglyphs import mixed_script_fixes

PASSAGES = pa.schema([
    ("passage_id", pa.string()),
    ("doc_id", pa.string()),
    ("seq", pa.int32()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("text_clean", pa.large_string()),
    ("language", pa.string()),            # ISO 639-1 or "und"
    ("language_confidence", pa.float64()),  # null when too short to tell
    ("language_label", pa.string()),      # the detector's own label (may be ISO 639-3)
    ("is_boilerplate", pa.bool_()),       # every line of the passage is page furniture
    ("boilerplate_rule", pa.string()),    # the furniture rule(s) of a boilerplate passage
    ("n_furniture_lines", pa.int32()),    # furniture lines inside the passage (boilerplate or not)
    ("n_edits", pa.int32()),
])
EDITS = pa.schema([
    ("passage_id", pa.string()),
    ("doc_id", pa.string()),
    ("rule", pa.string()),                # "+"-joined when passes touched the same text
    ("raw_start", pa.int64()),            # into documents.text
    ("raw_end", pa.int64()),
    ("clean_start", pa.int64()),          # into text_clean
    ("clean_end", pa.int64()),
    ("before", pa.large_string()),
    ("after", pa.large_string()),
])
SENTENCES = pa.schema([
    ("sentence_id", pa.string()),
    ("passage_id", pa.string()),
    ("doc_id", pa.string()),
    ("seq", pa.int32()),
    ("start", pa.int64()),                # into text_clean
    ("end", pa.int64()),
    ("raw_start", pa.int64()),            # into documents.text
    ("raw_end", pa.int64()),
    ("text", pa.large_string()),
    ("is_boilerplate", pa.bool_()),       # lies on a furniture line
])
FURNITURE = pa.schema([
    ("passage_id", pa.string()),
    ("doc_id", pa.string()),
    ("rule", pa.string()),
    ("start", pa.int64()),                # into text_clean
    ("end", pa.int64()),
    ("raw_start", pa.int64()),
    ("raw_end", pa.int64()),
    ("text", pa.large_string()),
])


@dataclass
class Cleaned:
    """One passage after cleaning (offsets: clean text; edits: document offsets)."""

    text_clean: str
    edits: list[tuple[int, int, str, str, str, int, int]]  # raw_start, raw_end, before, after, rule, clean_start, clean_end
    furniture: list[tuple[int, int, str]]                  # start, end, rule
    content_lines: list[tuple[int, int]]
    is_boilerplate: bool
    boilerplate_rule: str | None
    language: str = "und"
    language_confidence: float | None = None
    language_label: str | None = None
    last_line: str | None = None  # before joins: compared with the next passage's first line
    offset_map: OffsetMap | None = field(default=None, repr=False)


class Cleaner:
    def __init__(self, params: CleanParams | None = None):
        self.params = params or CleanParams()
        p = self.params
        self.rules = FurnitureRules(p.furniture, p.furniture_max_line_chars, p.repeated_line_min_chars)
        self.continuation = frozenset(p.continuation_words)
        self.before_capital = frozenset(p.continuation_words_before_capital)
        self.detector = LanguageDetector(p.language_min_letters, p.language_min_confidence,
                                         p.language_sample_chars)
        self._splitter = None

    @property
    def splitter(self):
        if self._splitter is None:
            self._splitter = make_splitter(self.params.sentence_splitter, self.params.abbreviations,
                                           self.params.spacy_model)
        return self._splitter

    def clean(self, raw: str, char_start: int = 0, previous_line: str | None = None) -> Cleaned:
        p = self.params
        log = EditLog(raw)
        if p.repair_mojibake:
            log.apply(mojibake_changes(log.text))
        log.apply(invisible_changes(log.text))
        log.apply(nfc_changes(log.text))
        if p.fix_homoglyphs:
            log.apply([Change(f.start, f.end, f.after, "homoglyph")
                       for f in mixed_script_fixes(log.text, p.homoglyph_context_words)])
        lines: list[Line] = self.rules.lines(log.text, previous_line)
        last = last_line(log.text)
        if p.join_wraps:
            joins = join_changes(log.text, lines, self.continuation, p.max_item_lines, p.max_wrap_chain,
                                 self.before_capital)
            if joins:
                flat = shift_positions([x for ln in lines for x in (ln.start, ln.end)], joins)
                lines = [Line(flat[2 * k], flat[2 * k + 1], ln.rule) for k, ln in enumerate(lines)]
                log.apply(joins)
        text = log.text
        cs, ce = log._clean_bounds()
        edits = [(e.raw_start + char_start, e.raw_end + char_start, raw[e.raw_start:e.raw_end], e.after,
                  e.rule, c0, c1) for e, c0, c1 in zip(log.edits, cs, ce)]
        furniture = [(ln.start, ln.end, ln.rule) for ln in lines if ln.rule]
        content = [(ln.start, ln.end) for ln in lines if not ln.rule]
        boiler = bool(lines) and not content
        rule = None
        if boiler:
            seen: list[str] = []
            for _, _, r in furniture:
                if r not in seen:
                    seen.append(r)
            rule = "+".join(seen)
        if furniture and content:
            lang_text = "\n".join(text[a:b] for a, b in content)
        else:
            lang_text = text
        language, confidence, label = self.detector.detect(lang_text)
        omap = OffsetMap.from_edits(char_start, len(raw), [e[:4] for e in edits])
        return Cleaned(text, edits, furniture, content, boiler, rule, language, confidence, label, last, omap)


def _document_order(passages: pd.DataFrame) -> pd.DataFrame:
    """Passages grouped by document (in order of first appearance), by seq within one."""
    first = {d: i for i, d in enumerate(pd.unique(passages["doc_id"]))}
    order = passages.assign(_doc=passages["doc_id"].map(first))
    return order.sort_values(["_doc", "seq"], kind="stable").drop(columns="_doc").reset_index(drop=True)


def clean_passages(passages: pd.DataFrame, params: CleanParams | None = None,
                   cleaner: Cleaner | None = None) -> dict[str, pd.DataFrame]:
    """Ingest passages (passage_id, doc_id, seq, char_start, char_end, text) -> the clean tables.

    Keys: passages, edits, sentences, furniture. Every input passage is in the output.
    """
    cleaner = cleaner or Cleaner(params)
    passages = _document_order(passages)
    p_rows, e_rows, f_rows = [], [], []
    results: list[Cleaned] = []
    prev_doc, prev_line = None, None
    for row in passages.itertuples(index=False):
        if row.doc_id != prev_doc:
            prev_doc, prev_line = row.doc_id, None
        res = cleaner.clean(row.text, int(row.char_start), prev_line)
        prev_line = res.last_line
        results.append(res)
        p_rows.append((row.passage_id, row.doc_id, int(row.seq), int(row.char_start), int(row.char_end),
                       res.text_clean, res.language, res.language_confidence, res.language_label,
                       res.is_boilerplate, res.boilerplate_rule, len(res.furniture), len(res.edits)))
        for rs, re_, before, after, rule, c0, c1 in res.edits:
            e_rows.append((row.passage_id, row.doc_id, rule, rs, re_, c0, c1, before, after))
        for a, b, rule in res.furniture:
            ra, rb = res.offset_map.raw_span(a, b)
            f_rows.append((row.passage_id, row.doc_id, rule, a, b, ra, rb, res.text_clean[a:b]))
    s_rows = []
    spans_all = cleaner.splitter.split_many([r.text_clean for r in results])
    for row, res, spans in zip(passages.itertuples(index=False), results, spans_all):
        furn = res.furniture
        for k, (a, b) in enumerate(spans):
            ra, rb = res.offset_map.raw_span(a, b)
            boiler = any(fa <= a and b <= fb for fa, fb, _ in furn)
            s_rows.append((f"{row.passage_id}-s{k:04d}", row.passage_id, row.doc_id, k, a, b, ra, rb,
                           res.text_clean[a:b], boiler))
    return {
        "passages": pd.DataFrame(p_rows, columns=PASSAGES.names),
        "edits": pd.DataFrame(e_rows, columns=EDITS.names),
        "sentences": pd.DataFrame(s_rows, columns=SENTENCES.names),
        "furniture": pd.DataFrame(f_rows, columns=FURNITURE.names),
    }


SCHEMAS = {"passages": PASSAGES, "edits": EDITS, "sentences": SENTENCES, "furniture": FURNITURE}
