"""The columns of sentences.parquet from every passage's sentence spans, in bulk.

A partition has tens of thousands of sentences; building their ids, passage
and document columns and unedited raw offsets one sentence at a time was a
tenth of the stage's time. Here they are array operations; only passages
with edits (raw offsets through their offset map) or furniture lines (the
is_boilerplate flag) are visited one by one.
"""

from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.clean.offsets import OffsetMap

_SUFFIXES: list[str] = []


def sentence_suffixes(n: int) -> list[str]:
    """["-s0000", "-s0001", ...]: what follows the passage_id in a sentence_id (made once)."""
    while len(_SUFFIXES) < n:
        _SUFFIXES.extend(f"-s{k:04d}" for k in range(len(_SUFFIXES), 2 * len(_SUFFIXES) + 64))
    return _SUFFIXES[:n]


class CleanedPassage(Protocol):
    text_clean: str
    edits: list
    furniture: list[tuple[int, int, str]]

    @property
    def offset_map(self) -> OffsetMap: ...


def sentence_columns(pids: list[str], dids: list[str], char_starts: list[int],
                     results: Sequence[CleanedPassage],
                     spans_all: list[list[tuple[int, int]]]) -> dict[str, object]:
    """Columns of the SENTENCES schema: spans_all[k] are the sentence spans of passage k."""
    counts = np.fromiter((len(s) for s in spans_all), dtype=np.int64, count=len(spans_all))
    total = int(counts.sum())
    if not total:
        return {"sentence_id": [], "passage_id": [], "doc_id": [], "seq": [], "start": [], "end": [],
                "raw_start": [], "raw_end": [], "text": [], "is_boilerplate": []}
    flat = [x for spans in spans_all for x in spans]
    ab = np.array(flat, dtype=np.int64)
    start, end = np.ascontiguousarray(ab[:, 0]), np.ascontiguousarray(ab[:, 1])
    idx = np.repeat(np.arange(len(spans_all)), counts)
    first = np.cumsum(counts) - counts
    seq = np.arange(total) - first[idx]
    base = np.asarray(char_starts, dtype=np.int64)[idx]
    raw_start, raw_end = base + start, base + end
    boiler = np.zeros(total, dtype=bool)
    for k in np.flatnonzero(counts).tolist():
        res = results[k]
        if not (res.edits or res.furniture):
            continue
        lo, hi = first[k], first[k] + counts[k]
        spans = spans_all[k]
        if res.edits:
            raw = res.offset_map.raw_spans(spans)
            raw_start[lo:hi] = [x for x, _ in raw]
            raw_end[lo:hi] = [y for _, y in raw]
        if res.furniture:
            furn = res.furniture
            boiler[lo:hi] = [any(fa <= a and b <= fb for fa, fb, _ in furn) for a, b in spans]
    texts = [r.text_clean for r in results]
    idx_list = idx.tolist()
    text = [texts[k][a:b] for k, (a, b) in zip(idx_list, flat)]
    take = pa.array(idx)
    passage_id = pa.array(pids, type=pa.string()).take(take)
    suffix = pa.array(sentence_suffixes(int(counts.max())), type=pa.string()).take(pa.array(seq))
    return {
        "sentence_id": pc.binary_join_element_wise(passage_id, suffix, ""),
        "passage_id": passage_id,
        "doc_id": pa.array(dids, type=pa.string()).take(take),
        "seq": seq.astype(np.int32),
        "start": start, "end": end,
        "raw_start": raw_start, "raw_end": raw_end,
        "text": text,
        "is_boilerplate": boiler,
    }
