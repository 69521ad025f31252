"""Property tests of pipeline.text.offsets: for arbitrary edits, the map is exact."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text.offsets import OffsetMap, apply_edits, offset_maps

ALPHABET = "ab c\n\u00a0\u200bé"


@st.composite
def edited_passages(draw):
    """A document prefix, a raw passage, its edits, and the per-character provenance.

    Built from segments: kept runs and edits (before -> after, either may be
    empty but not both). No two insertions touch (they would be ambiguous).
    """
    prefix = draw(st.text(ALPHABET, max_size=5))
    ops = draw(st.lists(st.one_of(
        st.tuples(st.just("keep"), st.text(ALPHABET, min_size=1, max_size=6)),
        st.tuples(st.just("edit"), st.text(ALPHABET, max_size=4), st.text(ALPHABET, max_size=4)),
    ), max_size=12))
    raw, clean, edits = [], [], []
    provenance = []  # per clean char: (raw_start, raw_end) in document offsets, kept?
    pos = len(prefix)
    last_was_insert = False
    for op in ops:
        if op[0] == "keep":
            text = op[1]
            for k, ch in enumerate(text):
                provenance.append((pos + k, pos + k + 1, True))
            raw.append(text)
            clean.append(text)
            pos += len(text)
            last_was_insert = False
        else:
            before, after = op[1], op[2]
            if not before and not after:
                continue
            if not before and last_was_insert:
                continue  # two insertions at one offset are refused by design
            edits.append((pos, pos + len(before), before, after))
            for _ in after:
                provenance.append((pos, pos + len(before), False))
            raw.append(before)
            clean.append(after)
            pos += len(before)
            last_was_insert = not before
    suffix = draw(st.text(ALPHABET, max_size=5))
    shuffled = list(edits)
    random.Random(draw(st.integers(0, 2**16))).shuffle(shuffled)
    raw_passage = "".join(raw)
    return prefix + raw_passage + suffix, len(prefix), raw_passage, "".join(clean), shuffled, provenance


def _replay(doc: str, a: int, b: int, edits, keep_insertions_at=()) -> str:
    """Apply the edits lying inside [a, b) to doc[a:b]; no edit may straddle the span.

    Insertions exactly at a or b belong to the span only when listed in
    `keep_insertions_at` (they produce no raw text, so the span cannot tell).
    """
    inside = []
    for e in edits:
        ea, eb = e[0], e[1]
        if ea == eb and ea in (a, b):
            if ea in keep_insertions_at:
                inside.append(e)
        elif a <= ea and eb <= b:
            inside.append(e)
        else:
            assert eb <= a or ea >= b, f"edit {e} straddles the span {a}:{b}"
    return apply_edits(doc[a:b], a, inside)


def _segment(prov, k):
    """Clean span of the segment holding clean character k (one char if kept, the whole edit if not)."""
    if prov[k][2]:
        return k, k + 1
    lo = hi = k
    while lo > 0 and prov[lo - 1] == prov[k]:
        lo -= 1
    while hi + 1 < len(prov) and prov[hi + 1] == prov[k]:
        hi += 1
    return lo, hi + 1


@settings(max_examples=400, deadline=None)
@given(edited_passages())
def test_applying_the_edits_gives_the_clean_text(case):
    doc, start, raw, clean, edits, prov = case
    assert apply_edits(raw, start, edits) == clean
    m = OffsetMap.from_edits(start, len(raw), edits)
    assert m.clean_len == len(clean)
    assert m.to_raw(0) == (prov[0][0] if clean else start + len(raw))
    assert m.to_raw(len(clean)) == start + len(raw)
    assert m.to_clean(start + len(raw)) == len(clean)


@settings(max_examples=400, deadline=None)
@given(edited_passages())
def test_unedited_positions_round_trip(case):
    doc, start, raw, clean, edits, prov = case
    m = OffsetMap.from_edits(start, len(raw), edits)
    for i, (a, b, kept) in enumerate(prov):
        if kept:
            r = m.to_raw(i)
            assert r == a and doc[r] == clean[i]
            assert m.to_clean(r) == i
    # both directions are monotone
    raws = [m.to_raw(i) for i in range(len(clean) + 1)]
    assert raws == sorted(raws)
    cleans = [m.to_clean(r) for r in range(start, start + len(raw) + 1)]
    assert cleans == sorted(cleans)


@settings(max_examples=300, deadline=None)
@given(edited_passages(), st.data())
def test_raw_span_covers_exactly_the_raw_text_that_produced_the_clean_span(case, data):
    doc, start, raw, clean, edits, prov = case
    m = OffsetMap.from_edits(start, len(raw), edits)
    if not clean:
        assert m.raw_span(0, 0) == (start + len(raw), start + len(raw))
        return
    s = data.draw(st.integers(0, len(clean) - 1))
    e = data.draw(st.integers(s + 1, len(clean)))
    a, b = m.raw_span(s, e)
    # exactly the union of the raw text behind each clean character
    assert a == min(p[0] for p in prov[s:e])
    assert b == max(p[1] for p in prov[s:e])
    # replaying the logged edits inside the raw span gives back the clean text,
    # widened to whole edits at the ends and never more
    cs, ce = _segment(prov, s)[0], _segment(prov, e - 1)[1]
    ins = {p[0] for p in prov[s:e] if p[0] == p[1]}
    assert _replay(doc, a, b, edits, ins) == clean[cs:ce]


@settings(max_examples=300, deadline=None)
@given(edited_passages(), st.data())
def test_clean_span_is_what_the_raw_span_produces(case, data):
    doc, start, raw, clean, edits, prov = case
    m = OffsetMap.from_edits(start, len(raw), edits)
    if not raw:
        return
    a = data.draw(st.integers(start, start + len(raw) - 1))
    b = data.draw(st.integers(a + 1, start + len(raw)))
    hit = [k for k, (p0, p1, kept) in enumerate(prov)
           if (p0 < p1 and p0 < b and p1 > a) or (p0 == p1 and a < p0 < b)]
    cs, ce = m.clean_span(a, b)
    if hit:
        assert (cs, ce) == (hit[0], hit[-1] + 1)
    else:
        assert cs == ce == m.to_clean(a)
    # the clean text of that span is the raw text with the edits inside it applied
    lo = min([a] + [e[0] for e in edits if e[0] < b and e[1] > a])
    hi = max([b] + [e[1] for e in edits if e[0] < b and e[1] > a])
    if (lo, hi) == (a, b):
        assert _replay(doc, a, b, edits) == clean[cs:ce]


@settings(max_examples=200, deadline=None)
@given(edited_passages(), st.data())
def test_every_clean_position_maps_into_the_passage(case, data):
    doc, start, raw, clean, edits, prov = case
    m = OffsetMap.from_edits(start, len(raw), edits)
    i = data.draw(st.integers(0, len(clean)))
    r = m.to_raw(i)
    assert start <= r <= start + len(raw)
    if i < len(clean):
        assert r == prov[i][0]
        if prov[i][0] == prov[i][1]:  # inside an insertion: raw r produces what follows it
            assert m.to_clean(r) == _segment(prov, i)[1]
        else:
            assert m.to_clean(r) == _segment(prov, i)[0] <= i


def test_empty_span_and_bounds():
    m = OffsetMap.from_edits(10, 5, [(11, 12, "\u00a0", " ")])
    assert m.raw_span(2, 2) == (12, 12)
    with pytest.raises(IndexError):
        m.to_raw(6)
    with pytest.raises(IndexError):
        m.to_clean(9)
    with pytest.raises(ValueError):
        m.raw_span(3, 2)


def test_bad_edits_are_refused():
    with pytest.raises(ValueError, match="overlaps"):
        OffsetMap.from_edits(0, 10, [(1, 4, "abc", "x"), (3, 5, "cd", "y")])
    with pytest.raises(ValueError, match="outside"):
        OffsetMap.from_edits(5, 3, [(4, 6, "ab", "")])
    with pytest.raises(ValueError, match="two insertions"):
        OffsetMap.from_edits(0, 3, [(1, 1, "", "x"), (1, 1, "", "y")])
    with pytest.raises(ValueError, match="characters"):
        OffsetMap.from_edits(0, 3, [(1, 2, "ab", "x")])


def test_worked_example_of_deletion_replacement_and_join():
    doc = "Title\n\nIt\u2019s a\u200b bro-\nken line\u00a0here."
    start = doc.index("It")
    raw = doc[start:]
    zw, nl, nb = doc.index("\u200b"), doc.index("\n", start), doc.index("\u00a0")
    edits = [
        (zw, zw + 1, "\u200b", ""),      # zero-width space deleted
        (nl, nl + 1, "\n", " "),         # line join
        (nb, nb + 1, "\u00a0", " "),     # no-break space
    ]
    clean = apply_edits(raw, start, edits)
    assert clean == "It\u2019s a bro- ken line here."
    m = OffsetMap.from_edits(start, len(raw), edits)
    k = clean.index("line")
    assert doc[slice(*m.raw_span(k, k + 4))] == "line"
    # a span over the deletion still covers the zero-width space, whole
    a, b = m.raw_span(clean.index("a bro"), clean.index("a bro") + 5)
    assert doc[a:b] == "a\u200b bro"
    # a span ending right before the deletion leaves it out
    a, b = m.raw_span(0, clean.index(" bro"))
    assert doc[a:b] == "It\u2019s a"


def test_offset_maps_for_every_ingest_passage():
    passages = pd.DataFrame({"passage_id": ["p0", "p1"], "char_start": [0, 10], "char_end": [5, 20]})
    edits = pd.DataFrame({"passage_id": ["p1"], "rule": ["space"], "raw_start": [12], "raw_end": [13],
                          "before": ["\u00a0"], "after": [" "]})
    maps = offset_maps(passages, edits)
    assert set(maps) == {"p0", "p1"}
    assert maps["p0"].to_raw(3) == 3 and maps["p0"].clean_len == 5
    assert maps["p1"].raw_span(2, 3) == (12, 13) and maps["p1"].to_raw(0) == 10
    assert offset_maps(passages, edits.iloc[0:0])["p1"].raw_span(0, 10) == (10, 20)


# -- the edit log: successive passes composed into raw edits --------------------


@st.composite
def passes(draw, text_len_hint=30):
    raw = draw(st.text(ALPHABET, max_size=text_len_hint))
    n_passes = draw(st.integers(1, 4))
    seeds = [draw(st.integers(0, 2**16)) for _ in range(n_passes)]
    return raw, seeds


def _random_changes(text: str, seed: int):
    from pipeline.clean.edits import Change

    rnd = random.Random(seed)
    changes, pos = [], 0
    last_insert_at = None
    while pos <= len(text) and rnd.random() < 0.8:
        start = rnd.randint(pos, len(text))
        end = rnd.randint(start, min(len(text), start + 3))
        after = "".join(rnd.choice("xy \u00a0") for _ in range(rnd.randint(0, 3)))
        if start == end and (not after or last_insert_at == start):
            pos = start + 1
            continue
        changes.append(Change(start, end, after, rnd.choice(["r1", "r2", "r3"])))
        last_insert_at = start if start == end else None
        pos = end if end > start else start + 1
    return changes


@settings(max_examples=500, deadline=None)
@given(passes())
def test_edit_log_composes_passes_into_raw_edits(case):
    from pipeline.clean.edits import EditLog

    raw, seeds = case
    log = EditLog(raw)
    expected = raw
    for seed in seeds:
        changes = _random_changes(log.text, seed)
        out, pos = [], 0
        for c in changes:
            out.append(expected[pos:c.start])
            out.append(c.after)
            pos = c.end
        out.append(expected[pos:])
        expected = "".join(out)
        log.apply(changes)
        assert log.text == expected
        edits = log.tuples(offset=7)
        assert apply_edits(raw, 7, edits) == expected
        m = OffsetMap.from_edits(7, len(raw), edits)  # non-overlapping, well formed
        assert m.clean_len == len(expected)
        assert all(before != after for _, _, before, after in edits)
