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

from pipeline.clean.sentences import FlatSpans
from pipeline.text.offsets import OffsetMap

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
                     results: Sequence[CleanedPassage], spans: FlatSpans) -> dict[str, object]:
    """Columns of the SENTENCES schema from the sentence spans of every passage."""
    idx, start, end = spans
    total = len(idx)
    if not total:
        return {"sentence_id": [], "passage_id": [], "doc_id": [], "seq": [], "start": [], "end": [],
                "raw_start": [], "raw_end": [], "text": [], "is_boilerplate": []}
    counts = np.bincount(idx, minlength=len(results))
    first = np.cumsum(counts) - counts
    seq = np.arange(total) - first[idx]
    base = np.asarray(char_starts, dtype=np.int64)[idx]
    raw_start, raw_end = _raw_offsets(results, idx, base, start, end)
    boiler = np.zeros(total, dtype=bool)
    starts, ends = start.tolist(), end.tolist()
    for k in np.flatnonzero(counts).tolist():
        furn = results[k].furniture
        if furn:
            lo, hi = first[k], first[k] + counts[k]
            boiler[lo:hi] = [any(fa <= a and b <= fb for fa, fb, _ in furn)
                             for a, b in zip(starts[lo:hi], ends[lo:hi])]
    texts = [r.text_clean for r in results]
    text = [texts[k][a:b] for k, a, b in zip(idx.tolist(), starts, ends)]
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


def _raw_offsets(results: Sequence[CleanedPassage], idx: np.ndarray, base: np.ndarray, start: np.ndarray,
                 end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Document offsets of the sentences: `OffsetMap.raw_span` of every sentence, all passages at once.

    Every passage's edits are laid on one line of clean offsets (passage k from G[k],
    a gap after each), so one sorted search finds, for every sentence end, the first
    edit of its passage whose replacement ends after it, as `OffsetMap` does per passage.
    """
    raw_start, raw_end = base + start, base + end  # right wherever nothing was edited
    edited = [k for k, r in enumerate(results) if r.edits]
    if not edited:
        return raw_start, raw_end
    lengths = np.fromiter((len(r.text_clean) + 1 for r in results), dtype=np.int64, count=len(results))
    g = np.cumsum(lengths) - lengths  # where passage k's clean offsets start on the line
    rows = [e for k in edited for e in results[k].edits]
    e_k = np.repeat(np.asarray(edited, dtype=np.int64), [len(results[k].edits) for k in edited])
    e_rs = np.fromiter((e[0] for e in rows), dtype=np.int64, count=len(rows))
    e_re = np.fromiter((e[1] for e in rows), dtype=np.int64, count=len(rows))
    e_cs = np.fromiter((e[5] for e in rows), dtype=np.int64, count=len(rows))
    e_ce = np.fromiter((e[6] for e in rows), dtype=np.int64, count=len(rows))
    line_ce, line_cs = g[e_k] + e_ce, g[e_k] + e_cs
    n = len(rows)

    def raw_of_char(i: np.ndarray, at_end: bool) -> np.ndarray:
        """Raw start (or end) of what produced clean character i of each sentence's passage."""
        on_line = g[idx] + i
        j = np.searchsorted(line_ce, on_line, side="right")  # first edit ending after i
        jc = np.minimum(j, n - 1)
        inside = (j < n) & (e_k[jc] == idx) & (line_cs[jc] <= on_line)
        jp = np.maximum(j - 1, 0)
        after_edit = (j > 0) & (e_k[jp] == idx)
        unchanged = np.where(after_edit, e_re[jp] + (i - e_ce[jp]), base + i) + (1 if at_end else 0)
        return np.where(inside, e_re[jc] if at_end else e_rs[jc], unchanged)

    return raw_of_char(start, False), raw_of_char(end - 1, True)
