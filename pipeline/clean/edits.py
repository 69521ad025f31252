"""The edit log of one passage: successive cleaning passes composed into raw edits.

Each pass looks at the current text and proposes edits on it. `EditLog.apply`
rewrites them as edits of the *raw* passage: an edit that touches the output of
an earlier edit is merged with it into one raw edit (``"Â\\xa0" -> " "`` by
rules ``mojibake+space``), so the log always has non-overlapping edits whose
application to the raw passage gives the current text. Offsets here are local
to the passage; the stage adds the passage's ``char_start``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Edit(NamedTuple):
    """A change of the raw passage (a tuple: fields in the order of `Change`'s)."""

    raw_start: int
    raw_end: int
    after: str
    rule: str


class Change(NamedTuple):
    """A change a pass proposes on the current text (a tuple: passes make many of them)."""

    start: int
    end: int
    after: str
    rule: str


_as_edit = tuple.__new__  # tuple.__new__(Edit, change): the same four fields, no Python call


def _join_rules(*rules: str) -> str:
    seen: list[str] = []
    for r in rules:
        for part in r.split("+"):
            if part not in seen:
                seen.append(part)
    return "+".join(seen)


class EditLog:
    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        self.edits: list[Edit] = []

    def clean_bounds(self) -> tuple[list[int], list[int]]:
        cs, ce = [], []
        shift = 0
        for a, b, after, _ in self.edits:
            c = a + shift
            cs.append(c)
            ce.append(c + len(after))
            shift += len(after) - (b - a)
        return cs, ce

    def _raw_before_char(self, i: int, cs: list[int], ce: list[int]) -> int:
        """Raw offset of clean char i in unchanged text (or of the end)."""
        j = bisect_right(ce, i) - 1
        if j < 0:
            return i
        return self.edits[j].raw_end + (i - ce[j])

    def apply(self, changes: list[Change]) -> None:
        """Apply a pass's changes (sorted, non-overlapping, on the current text)."""
        changes = [c for c in changes if c.after != self.text[c.start:c.end]]
        if not changes:
            return
        text = self.text
        new_text = []
        pos = 0
        for c in changes:
            if c.start < pos:
                raise ValueError(f"changes overlap at {c.start}")
            new_text.append(text[pos:c.start])
            new_text.append(c.after)
            pos = c.end
        new_text.append(text[pos:])
        if not self.edits:
            self.edits = [_as_edit(Edit, c) for c in changes]  # on the raw text a change is an edit
            self.text = "".join(new_text)
            return
        cs, ce = self.clean_bounds()
        n = len(self.edits)
        # group changes with the earlier edits they touch
        groups: list[tuple[list[Change], list[int]]] = []
        for c in changes:
            # earlier edits overlapping c: a shared character, a deletion strictly
            # inside c, or c an insertion strictly inside their replacement
            hits = []
            k = max(0, bisect_right(ce, c.start) - 1)  # from the last edit ending at c.start
            while k < n and cs[k] <= c.end:
                a, b = cs[k], ce[k]
                old_insert = self.edits[k].raw_start == self.edits[k].raw_end
                if (a < c.end and c.start < b) or (a == b and c.start < a < c.end) or \
                        (c.start == c.end and a < c.start < b) or \
                        (c.start == c.end and old_insert and c.start in (a, b)):
                    hits.append(k)
                k += 1
            if groups and hits and groups[-1][1] and groups[-1][1][-1] == hits[0]:
                groups[-1][0].append(c)
                groups[-1][1].extend(h for h in hits if h not in groups[-1][1])
            else:
                groups.append(([c], hits))
        consumed: set[int] = set()
        new_edits: list[Edit] = []
        for cl, hits in groups:
            left = min([cl[0].start] + [cs[h] for h in hits])
            right = max([cl[-1].end] + [ce[h] for h in hits])
            if hits and cs[hits[0]] == left:
                raw_l = self.edits[hits[0]].raw_start
            else:  # starts in unchanged text
                raw_l = self._raw_before_char(left, cs, ce)
            if hits and ce[hits[-1]] == right:
                raw_r = self.edits[hits[-1]].raw_end
            elif right == left:  # an insertion in unchanged text
                raw_r = raw_l
            else:  # ends in unchanged text
                raw_r = self._raw_before_char(right - 1, cs, ce) + 1
            parts = []
            p = left
            for c in cl:
                parts.append(text[p:c.start])
                parts.append(c.after)
                p = c.end
            parts.append(text[p:right])
            after = "".join(parts)
            rule = _join_rules(*[self.edits[h].rule for h in hits], *[c.rule for c in cl])
            consumed.update(hits)
            if after != self.raw[raw_l:raw_r]:
                new_edits.append(Edit(raw_l, raw_r, after, rule))
        kept = [e for k, e in enumerate(self.edits) if k not in consumed]
        self.edits = sorted(kept + new_edits, key=lambda e: (e.raw_start, e.raw_end))
        self.text = "".join(new_text)

    def tuples(self, offset: int = 0) -> list[tuple[int, int, str, str]]:
        """(raw_start, raw_end, before, after) shifted by `offset` (the passage's char_start)."""
        return [(e.raw_start + offset, e.raw_end + offset, self.raw[e.raw_start:e.raw_end], e.after)
                for e in self.edits]


def shift_positions(positions: list[int], changes: list[Change]) -> list[int]:
    """Map offsets of the text before a pass to the text after it (changes never straddle them)."""
    if not changes:
        return list(positions)
    ends = [c.end for c in changes]
    deltas = []
    acc = 0
    for c in changes:
        acc += len(c.after) - (c.end - c.start)
        deltas.append(acc)
    out = []
    for p in positions:
        k = bisect_right(ends, p) - 1
        # a change starting exactly at p (an insertion or a change after p) does not move p
        while k >= 0 and changes[k].start >= p and changes[k].end > p:
            k -= 1
        out.append(p + (deltas[k] if k >= 0 else 0))
    return out

