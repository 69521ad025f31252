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
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

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


def shingle_set(a: str, k: int) -> frozenset:
    """The word k-shingles of a token string (each word one character)."""
    return frozenset(a[i:i + k] for i in range(max(1, len(a) - k + 1)))


def shingle_jaccard(a: str, b: str, k: int) -> float:
    return _jaccard(shingle_set(a, k), shingle_set(b, k))


def _jaccard(sa: frozenset, sb: frozenset) -> float:
    if not (sa or sb):
        return 0.0
    shared = len(sa & sb)
    return shared / (len(sa) + len(sb) - shared)


def verify_pairs(pairs: np.ndarray, tokstr: Sequence[str], n_alpha: Sequence[int],
                 region: "callable", params: DedupParams) -> pd.DataFrame:
    """Links for the candidate pairs that are repeats (see the module docstring).

    `tokstr[gi]` is a passage's token string, `n_alpha[gi]` its number of words
    with a letter, `region(gi)` its raw content text (furniture lines left out),
    only called for short contained passages.

    One LCS per pair (rapidfuzz, all pairs in one call) decides most pairs: it
    gives the word-level similarity, and it bounds the best local alignment
    from above (an alignment window cannot share more words with the shorter
    passage than the whole longer passage does), so the costly alignment only
    runs for pairs that could reach `contain_threshold`. The bound is exact,
    not a heuristic: the links are the same as with the alignment run on every
    pair. Only pairs that pass a threshold or a bound reach the Python loop.
    """
    if not len(pairs):
        return pd.DataFrame([], columns=LINK_COLUMNS)
    near_t, jac_t, cont_t = params.near_threshold, params.jaccard_threshold, params.contain_threshold
    cont_pct = cont_t * 100
    min_alpha = (params.min_contained_words + 1) // 2
    min_cont, short_words, k = params.min_contained_words, params.exact_short_words, params.shingle_words
    pa, pb = pairs[:, 0], pairs[:, 1]
    sa = [tokstr[x] for x in pa.tolist()]
    sb = [tokstr[x] for x in pb.tolist()]
    la = np.fromiter(map(len, sa), np.int64, len(sa))
    lb = np.fromiter(map(len, sb), np.int64, len(sb))
    common = process.cpdist(sa, sb, scorer=LCSseq.similarity, dtype=np.int64)
    ok = (la > 0) & (lb > 0)
    a_inner = la <= lb
    ni, no = np.minimum(la, lb), np.maximum(la, lb)
    inner = np.where(a_inner, pa, pb)
    total = np.where(ok, la + lb, 1)
    # the same float as Indel.normalized_similarity: 1 - distance / (len a + len b)
    r = 1.0 - (total - 2 * common) / total
    near = ok & (r >= near_t)
    # any window w of the longer passage shares l <= common words in order with the
    # shorter one, and scores 2l/(ni+|w|) <= 2l/(ni+l) <= 2*common/(ni+common)
    contain = (ok & ~near & (ni >= min_cont) & (ni < no)
               & (np.asarray(n_alpha)[inner] >= min_alpha)
               & (200 * common >= (cont_pct - 1e-6) * (ni + common)))
    jaccard = ok & ~near & (ni / np.maximum(no, 1) >= jac_t) & (r >= jac_t / 2)
    rows = []
    shingles: dict[int, frozenset] = {}
    for i in np.flatnonzero(near | contain | jaccard).tolist():
        a, b = int(pa[i]), int(pb[i])
        if a_inner[i]:
            inner_, outer, si, so = a, b, sa[i], sb[i]
        else:
            inner_, outer, si, so = b, a, sb[i], sa[i]
        ri = float(r[i])
        if near[i]:
            rows.append((a, b, "near", ri, None, True, inner_, outer, None, None))
            continue
        ni_, no_ = len(si), len(so)
        if contain[i]:
            al = fuzz.partial_ratio_alignment(si, so, score_cutoff=cont_pct)
            if al is not None and al.score >= cont_pct:
                good = True
                if ni_ < short_words:
                    good = al.score >= 100 and _short_at_boundaries(region(outer), al.dest_start,
                                                                    al.dest_end, no_)
                if good:
                    member = ni_ / no_ >= params.member_coverage
                    rows.append((a, b, "contained" if member else "quoted", ri, al.score / 100, member,
                                 inner_, outer, al.dest_start, al.dest_end))
                    continue
        if jaccard[i]:  # reordered copies keep most words in order
            for g, text in ((inner_, si), (outer, so)):
                if g not in shingles:  # a passage of many pairs (copies of one text): its set made once
                    shingles[g] = shingle_set(text, k)
            j = _jaccard(shingles[inner_], shingles[outer])
            if j >= jac_t:
                rows.append((a, b, "shingles", max(j, ri), None, True, inner_, outer, None, None))
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _short_at_boundaries(text: str, tok_start: int, tok_end: int, n_tokens: int) -> bool:
    spans = token_char_spans(text)
    if len(spans) != n_tokens or tok_end <= tok_start:
        return False  # the raw words do not line up with the normalised ones: do not guess
    return at_boundaries(text, spans[tok_start][0], spans[tok_end - 1][1])
