"""Decide each candidate pair by aligning the two passages word by word.

A candidate is only a hint; the decision is made on the full texts:

- near: word-level similarity 2*LCS/(len a + len b) >= near_threshold (small
  edits, a trimmed sentence, a furniture line), or shingle Jaccard >=
  jaccard_threshold (the same sentences in another order);
- contained: the shorter passage is found in one place of the longer one
  (rapidfuzz's best local alignment) with >= contain_threshold of its words.
  A short one (< exact_short_words) must match word for word and start and
  end at a sentence or line break, so that a common phrase inside a sentence
  is not taken for a quote. If it covers >= member_coverage of the longer
  one it is a truncated copy and joins its cluster (method "contained");
  otherwise it is recorded as quoted inside it (method "quoted").
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from pipeline.dedup.params import DedupParams
from pipeline.text.normalize import TOKEN

LINK_COLUMNS = ["a", "b", "method", "similarity", "containment", "member",
                "inner", "outer", "outer_tok_start", "outer_tok_end"]
OPENERS = set('.!?…:;"\'»«“”‘’„)]}>|•*-–—\u00a0')
CLOSERS = set('.!?…:;,"\'»«“”‘’„([{<|•*-–—\u00a0')


def token_char_spans(region: str) -> list[tuple[int, int]]:
    """Character spans of the words of a (raw) text, in the tokenizer's order."""
    return [m.span() for m in TOKEN.finditer(region)]


def at_boundaries(region: str, start: int, end: int) -> bool:
    """Does region[start:end] start and end at a sentence or line break?"""
    pre, post = region[:start], region[end:]
    pre_s = pre.rstrip()
    if pre_s and "\n" not in pre[len(pre_s):] and pre_s[-1] not in OPENERS:
        return False
    post_s = post.lstrip()
    if post_s and "\n" not in post[:len(post) - len(post_s)] and post_s[0] not in CLOSERS:
        return False
    return True


def shingle_jaccard(a: str, b: str, k: int) -> float:
    sa = {a[i:i + k] for i in range(max(1, len(a) - k + 1))}
    sb = {b[i:i + k] for i in range(max(1, len(b) - k + 1))}
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


def verify_pairs(pairs: np.ndarray, tokstr: Sequence[str], n_alpha: Sequence[int],
                 region: "callable", params: DedupParams) -> pd.DataFrame:
    """Links for the candidate pairs that are repeats (see the module docstring).

    `tokstr[gi]` is a passage's token string, `n_alpha[gi]` its number of words
    with a letter, `region(gi)` its raw content text (furniture lines left out),
    only called for short contained passages.
    """
    rows = []
    near_t, jac_t, cont_t = params.near_threshold, params.jaccard_threshold, params.contain_threshold
    min_alpha = (params.min_contained_words + 1) // 2
    for a, b in pairs:
        a, b = int(a), int(b)
        sa, sb = tokstr[a], tokstr[b]
        if not sa or not sb:
            continue
        inner, outer = (a, b) if len(sa) <= len(sb) else (b, a)
        si, so = (sa, sb) if inner == a else (sb, sa)
        ni, no = len(si), len(so)
        r = Indel.normalized_similarity(si, so)
        if r >= near_t:
            rows.append((a, b, "near", r, None, True, inner, outer, None, None))
            continue
        if ni >= params.min_contained_words and n_alpha[inner] >= min_alpha and ni < no:
            al = fuzz.partial_ratio_alignment(si, so, score_cutoff=cont_t * 100)
            if al is not None and al.score >= cont_t * 100:
                ok = True
                if ni < params.exact_short_words:
                    ok = al.score >= 100 and _short_at_boundaries(region(outer), al.dest_start,
                                                                  al.dest_end, no)
                if ok:
                    member = ni / no >= params.member_coverage
                    rows.append((a, b, "contained" if member else "quoted", r, al.score / 100, member,
                                 inner, outer, al.dest_start, al.dest_end))
                    continue
        if ni / no >= jac_t and r >= jac_t / 2:  # reordered copies keep most words in order
            j = shingle_jaccard(si, so, params.shingle_words)
            if j >= jac_t:
                rows.append((a, b, "shingles", max(j, r), None, True, inner, outer, None, None))
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _short_at_boundaries(text: str, tok_start: int, tok_end: int, n_tokens: int) -> bool:
    spans = token_char_spans(text)
    if len(spans) != n_tokens or tok_end <= tok_start:
        return False  # the raw words do not line up with the normalised ones: do not guess
    return at_boundaries(text, spans[tok_start][0], spans[tok_end - 1][1])
