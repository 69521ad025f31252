"""Passage splitting: offsets exact, bounded, nothing lost (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.ingest.passages import split_passages

TEXTS = st.text(alphabet=st.sampled_from(list("ab .\n\n  \t!?Жж\u00a0")), max_size=3000)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=200, max_value=1200))
def test_passages_are_ordered_trimmed_bounded_and_cover_all_text(text, max_chars):
    spans = list(split_passages(text, max_chars))
    covered = [False] * len(text)
    last_end = 0
    for s, e in spans:
        assert last_end <= s < e <= len(text)
        assert e - s <= max_chars
        assert not text[s].isspace() and not text[e - 1].isspace()
        for i in range(s, e):
            covered[i] = True
        last_end = e
    # every non-space character belongs to exactly one passage
    assert all(covered[i] for i, c in enumerate(text) if not c.isspace())


def test_blank_lines_separate_passages_and_single_newlines_do_not():
    text = "Title\n\nFirst line\nsame passage\n \n\nSecond."
    spans = list(split_passages(text, 4000))
    assert [text[s:e] for s, e in spans] == ["Title", "First line\nsame passage", "Second."]


@pytest.mark.timeout(60)
def test_long_single_line_is_cut_at_sentence_ends():
    sentence = "Police shot at the crowd in the square, witnesses said. "
    text = sentence * 100_000  # 5.6 MB, no line break
    spans = list(split_passages(text, 4000))
    assert max(e - s for s, e in spans) <= 4000
    assert all(text[s:e].endswith("said.") for s, e in spans[:-1])
    # nothing lost: the passages follow each other with only the space between sentences left out
    assert spans[0][0] == 0 and spans[-1][1] == len(text) - 1
    assert all(text[e:s2] == " " for (_, e), (s2, _) in zip(spans, spans[1:]))


def test_text_without_any_space_is_still_cut():
    text = "x" * 10_000
    spans = list(split_passages(text, 4000))
    assert [(s, e) for s, e in spans] == [(0, 4000), (4000, 8000), (8000, 10000)]


def _trim_by_copy(text: str, start: int, end: int) -> tuple[int, int]:
    """What trimming means, written the obvious way (the span copied and stripped)."""
    block = text[start:end]
    stripped = block.lstrip()
    if not stripped:
        return end, end
    start += len(block) - len(stripped)
    return start, start + len(stripped.rstrip())


@given(st.text(alphabet=st.sampled_from(list("ab. \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u3000\u200b")), max_size=60),
       st.data())
def test_trim_finds_what_strip_removes_without_copying(text, data):
    from pipeline.ingest.passages import _trim

    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    assert _trim(text, start, end) == _trim_by_copy(text, start, end)
