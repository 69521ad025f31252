"""Map offsets between a passage's clean text and the raw document text.

Cleanup never rewrites text silently: every change is an edit
``(raw_start, raw_end, before, after)`` in document offsets (Python string
indices into ``documents.text``, end-exclusive), logged in
``data/clean/edits.parquet``. Edits of one passage never overlap. Applying them
to the raw passage gives ``text_clean``; an `OffsetMap` built from the same
edits maps any position or span of ``text_clean`` back to the document and
forth.

The clean text is a sequence of segments: unchanged runs, where clean and raw
characters correspond one to one, and edited runs, where the raw text
``before`` became ``after`` as a whole (an edited run is atomic: its inner
characters have no finer correspondence). Hence:

- ``to_raw(i)`` is the document offset of the boundary *before* clean
  character ``i``: exact in unchanged text; the start of the edit when ``i``
  falls inside or at the start of an edit's replacement; ``to_raw(len(clean))``
  is the passage's raw end.
- ``to_clean(r)`` is the clean offset where the text produced by raw character
  ``r`` starts (the start of the edit's replacement when ``r`` is inside an
  edit; an insertion just before ``r`` is not produced by ``r``, so it lies
  before the result).
- ``raw_span(start, end)`` is the smallest document span whose (edited) text
  produces the clean characters ``start:end``; it widens to whole edits at the
  ends, and deletions just outside the span are left out.

For unchanged positions ``to_clean(to_raw(i)) == i``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Iterable, Iterator, Sequence

import pandas as pd

EditTuple = tuple[int, int, str, str]


class OffsetMap:
    """Clean <-> raw offsets of one passage (raw offsets are document offsets)."""

    __slots__ = ("raw_start", "raw_len", "clean_len", "_rs", "_re", "_cs", "_ce", "_edits")

    def __init__(self, raw_start: int, raw_len: int, edits: Sequence[EditTuple]):
        """Use `from_edits`; this expects edits sorted and checked."""
        self.raw_start = int(raw_start)
        self.raw_len = int(raw_len)
        self._edits = tuple(edits)
        rs, re_, cs, ce = [], [], [], []
        shift = 0  # clean offset minus local raw offset, so far
        for a, b, _before, after in self._edits:
            rs.append(a)
            re_.append(b)
            c = a - self.raw_start + shift
            cs.append(c)
            ce.append(c + len(after))
            shift += len(after) - (b - a)
        self._rs, self._re, self._cs, self._ce = rs, re_, cs, ce
        self.clean_len = self.raw_len + shift

    @classmethod
    def from_edits(cls, raw_start: int, raw_len: int, edits: Iterable[EditTuple]) -> "OffsetMap":
        """Build the map of a passage from its edits.

        raw_start: the passage's ``char_start`` in ``documents.text``; raw_len:
        the length of the raw passage; edits: ``(raw_start, raw_end, before,
        after)`` in document offsets, non-overlapping, in any order. Two
        insertions (empty ``before``) at the same offset are ambiguous and
        refused: log them as one edit.
        """
        raw_start, raw_len = int(raw_start), int(raw_len)
        if raw_len < 0:
            raise ValueError(f"raw_len must be >= 0, got {raw_len}")
        if not edits:
            return cls(raw_start, raw_len, ())
        items = sorted(((int(a), int(b), before, after) for a, b, before, after in edits),
                       key=lambda e: (e[0], e[1]))
        end = raw_start + raw_len
        prev_end = raw_start
        prev_insert_at = None
        for a, b, before, after in items:
            if not raw_start <= a <= b <= end:
                raise ValueError(f"edit {a}:{b} lies outside the passage {raw_start}:{end}")
            if before is not None and len(before) != b - a:
                raise ValueError(f"edit {a}:{b}: 'before' has {len(before)} characters, not {b - a}")
            if a < prev_end:
                raise ValueError(f"edit {a}:{b} overlaps the previous edit (ends at {prev_end})")
            if a == b:
                if prev_insert_at == a:
                    raise ValueError(f"two insertions at offset {a}: log them as one edit")
                if not after:
                    continue  # an empty edit changes nothing
                prev_insert_at = a
            prev_end = b
        items = [e for e in items if e[0] != e[1] or e[3]]
        return cls(raw_start, raw_len, items)

    @classmethod
    def from_edit_log(cls, raw_start: int, raw_len: int, edits: Sequence[tuple]) -> "OffsetMap":
        """The map of edits that already carry their clean bounds and are sorted and disjoint.

        edits: ``(raw_start, raw_end, before, after, rule, clean_start, clean_end)`` in document
        offsets, as the clean stage's edit log makes them (one passage: skips the checks and the
        offset arithmetic of `from_edits`, which gives the same map; tested).
        """
        m = cls.__new__(cls)
        m.raw_start, m.raw_len = raw_start, raw_len
        if not edits:
            m._edits, m._rs, m._re, m._cs, m._ce = (), [], [], [], []
            m.clean_len = raw_len
            return m
        m._edits = tuple(edits)  # `edits` gives their first four fields
        m._rs, m._re = [e[0] for e in edits], [e[1] for e in edits]
        m._cs, m._ce = [e[5] for e in edits], [e[6] for e in edits]
        m.clean_len = m._ce[-1] + (raw_start + raw_len - m._re[-1])
        return m

    # -- lookups ---------------------------------------------------------------

    def _check_clean(self, i: int) -> int:
        i = int(i)
        if not 0 <= i <= self.clean_len:
            raise IndexError(f"clean offset {i} outside 0..{self.clean_len}")
        return i

    def _check_raw(self, r: int) -> int:
        r = int(r)
        if not self.raw_start <= r <= self.raw_start + self.raw_len:
            raise IndexError(f"raw offset {r} outside {self.raw_start}..{self.raw_start + self.raw_len}")
        return r

    def _clean_char(self, i: int) -> tuple[int, int]:
        """(raw start, raw end) of the raw text that produced clean character i (i < clean_len)."""
        j = bisect_right(self._ce, i)  # first edit whose replacement ends after i
        if j < len(self._ce) and self._cs[j] <= i:
            return self._rs[j], self._re[j]
        if j == 0:
            r = self.raw_start + i
        else:
            r = self._re[j - 1] + (i - self._ce[j - 1])
        return r, r + 1

    def to_raw(self, clean_index: int) -> int:
        """Document offset of the boundary before clean character `clean_index` (0..len)."""
        i = self._check_clean(clean_index)
        if i == self.clean_len:
            return self.raw_start + self.raw_len
        return self._clean_char(i)[0]

    def to_clean(self, raw_index: int) -> int:
        """Clean offset where the text produced by raw character `raw_index` starts (raw_start..raw_end)."""
        r = self._check_raw(raw_index)
        j = bisect_right(self._re, r)  # first edit whose raw span ends after r
        if j < len(self._re) and self._rs[j] <= r:
            return self._cs[j]
        if j == 0:
            return r - self.raw_start
        return self._ce[j - 1] + (r - self._re[j - 1])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Clean span -> the smallest document span whose edited text produces it."""
        s, e = self._check_clean(start), self._check_clean(end)
        if e < s:
            raise ValueError(f"span end {e} before start {s}")
        if s == e:
            r = self.to_raw(s)
            return r, r
        return self._clean_char(s)[0], self._clean_char(e - 1)[1]

    def raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """`raw_span` of many clean spans (one call per passage instead of one per sentence)."""
        rs, re_, cs, ce = self._rs, self._re, self._cs, self._ce
        n, base, clean_len = len(ce), self.raw_start, self.clean_len
        out = []
        for s, e in spans:
            if not 0 <= s <= e <= clean_len:
                out.append(self.raw_span(s, e))  # raises the same errors
                continue
            if s == e:
                r = self.to_raw(s)
                out.append((r, r))
                continue
            j = bisect_right(ce, s)
            if j < n and cs[j] <= s:
                a = rs[j]
            else:
                a = base + s if j == 0 else re_[j - 1] + (s - ce[j - 1])
            i = e - 1
            j = bisect_right(ce, i)
            if j < n and cs[j] <= i:
                b = re_[j]
            else:
                b = (base + i if j == 0 else re_[j - 1] + (i - ce[j - 1])) + 1
            out.append((a, b))
        return out

    def clean_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Document span -> the clean span produced by it, widened to whole edits."""
        a, b = self._check_raw(raw_start), self._check_raw(raw_end)
        if b < a:
            raise ValueError(f"span end {b} before start {a}")
        start = self.to_clean(a)
        if b == a:
            return start, start
        # the end: just after the text produced by raw character b - 1
        j = bisect_right(self._re, b - 1)
        if j < len(self._re) and self._rs[j] <= b - 1:
            return start, self._ce[j]
        end = (b - 1 - self.raw_start) if j == 0 else self._ce[j - 1] + (b - 1 - self._re[j - 1])
        return start, end + 1

    @property
    def edits(self) -> tuple[EditTuple, ...]:
        return tuple(e[:4] for e in self._edits)

    def __repr__(self) -> str:
        return (f"OffsetMap(raw_start={self.raw_start}, raw_len={self.raw_len}, "
                f"clean_len={self.clean_len}, edits={len(self._edits)})")


def apply_edits(raw_text: str, raw_start: int, edits: Iterable[EditTuple]) -> str:
    """The clean text: `raw_text` (starting at document offset `raw_start`) with the edits applied."""
    parts = []
    pos = raw_start
    for a, b, before, after in sorted(edits, key=lambda e: (e[0], e[1])):
        parts.append(raw_text[pos - raw_start:a - raw_start])
        if before is not None and raw_text[a - raw_start:b - raw_start] != before:
            raise ValueError(f"edit {a}:{b} expects {before!r}, the text has "
                             f"{raw_text[a - raw_start:b - raw_start]!r}")
        parts.append(after)
        pos = b
    parts.append(raw_text[pos - raw_start:])
    return "".join(parts)


class OffsetMaps(Mapping):
    """passage_id -> OffsetMap, each built when first asked for (then kept).

    A stage asks for the maps of the passages its mentions or figures lie in; building all of them
    up front cost 4 s on a pile of 350,000 passages, most of which no lookup ever touches."""

    def __init__(self, spans: dict[str, tuple[int, int]], edits_of: dict[str, list[EditTuple]]):
        self._spans, self._edits_of, self._built = spans, edits_of, {}

    def __getitem__(self, passage_id: str) -> OffsetMap:
        built = self._built.get(passage_id)
        if built is None:
            start, end = self._spans[passage_id]   # (KeyError: no such passage)
            built = self._built[passage_id] = OffsetMap.from_edits(start, end - start,
                                                                   self._edits_of.get(passage_id, ()))
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def _column(frame: pd.DataFrame, name: str) -> list:
    """A column as Python values (Arrow-backed strings iterate slowly one by one)."""
    return frame[name].tolist()


def offset_maps(ingest_passages: pd.DataFrame, edits: pd.DataFrame) -> OffsetMaps:
    """passage_id -> OffsetMap for every ingest passage (identity maps where nothing was edited).

    ingest_passages: ``passage_id, char_start, char_end`` (data/ingest/passages);
    edits: ``passage_id, raw_start, raw_end, before, after`` (data/clean/edits).
    Each map is built (and its edits checked) when it is first looked up.
    """
    by_passage: dict[str, list[EditTuple]] = {}
    if edits is not None and len(edits):
        for pid, a, b, before, after in zip(*(_column(edits, c) for c in ("passage_id", "raw_start", "raw_end",
                                                                            "before", "after"))):
            by_passage.setdefault(pid, []).append((int(a), int(b), before, after))
    spans = {pid: (int(start), int(end)) for pid, start, end in
             zip(*(_column(ingest_passages, c) for c in ("passage_id", "char_start", "char_end")))}
    return OffsetMaps(spans, by_passage)
