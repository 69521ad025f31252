"""Per-partition work: normalise each passage, hash it for exact matching,
turn its words into a token string, and sample its shingles for the index.

Everything is vectorised over the partition (one flat array of tokens with
passage offsets), and deterministic: hashes are keyed BLAKE2b and a fixed
64-bit mixer, never Python's per-process `hash()`, so partitions computed in
different processes (Dask) agree.

Token strings: each word becomes one character (a code point derived from the
word's hash), so that rapidfuzz can align passages word by word at C speed.
Two different words share a code point with probability about 1e-6.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from pipeline.dedup.candidates import pack_entries
from pipeline.dedup.params import DedupParams
from pipeline.text.normalize import TOKEN, compile_patterns, normalize_span

# code points used for tokens: everything from U+0100 except the surrogates
_CP_BASE = 0x100
_CP_SPAN = 0x110000 - _CP_BASE - 0x800
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_TOKEN_BATCH = 4096  # passages tokenised before their words get ids (bounds the word lists held)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 wraps around)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """np.unique by sorting (numpy's hash-based unique is slower on big integer arrays)."""
    if not len(x):
        return x
    x = np.sort(x)
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


def text_key(normalized: str) -> int:
    """64-bit key of a normalised text (exact matching)."""
    digest = hashlib.blake2b(normalized.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def token_hashes(words: list[str], seed: int) -> np.ndarray:
    salt = seed.to_bytes(8, "little")
    out = np.empty(len(words), dtype=np.uint64)
    for i, w in enumerate(words):
        out[i] = int.from_bytes(
            hashlib.blake2b(w.encode("utf-8", "surrogatepass"), digest_size=8, salt=salt).digest(),
            "little")
    return out


def code_points(h: np.ndarray) -> np.ndarray:
    cp = (h % np.uint64(_CP_SPAN)).astype(np.int64) + _CP_BASE
    cp[cp >= 0xD800] += 0x800  # skip the surrogate block
    return cp.astype(np.uint32)


def tokens_to_str(cps: np.ndarray) -> str:
    return np.ascontiguousarray(cps, dtype="<u4").tobytes().decode("utf-32-le")


@dataclass
class Prepared:
    """One partition's passages, ready for exact grouping and the candidate index."""

    gi_start: int
    key: np.ndarray          # uint64 key of the normalised text (0: nothing to match)
    norm_len: np.ndarray     # int32 characters of the normalised text
    n_tokens: np.ndarray     # int32 words
    n_alpha: np.ndarray      # int32 words with a letter (not figures)
    eligible: np.ndarray     # bool: long enough to be matched at all
    cstart: np.ndarray       # int32 content span inside the passage (furniture lines left out)
    cend: np.ndarray
    tokstr: list[str]        # token string ('' when not eligible)
    n_sel: np.ndarray        # int32 sampled shingles
    entries: np.ndarray = field(repr=False)   # uint64 index entries (candidates.pack_entries):
    #                                            unique shingles of eligible passages, sampled or not
    df_cp: np.ndarray = field(repr=False)     # uint32 token code point -> number of passages with it
    df_n: np.ndarray = field(repr=False)
    numeric_cp: np.ndarray = field(repr=False)  # uint32 code points of tokens that are figures

    def __len__(self) -> int:
        return len(self.key)

    def drop_index(self) -> None:
        """Free the index entries (once they are in the candidate index)."""
        self.entries = np.zeros(0, np.uint64)


def prepare(texts: list[str], gi_start: int, params: DedupParams, n_total: int | None = None) -> Prepared:
    """Normalise, key, tokenise and sample the shingles of one partition.

    `n_total`: passages in the whole corpus (sizes the passage field of the
    index entries); defaults to the end of this partition.
    """
    pats = compile_patterns(tuple(params.furniture_patterns))
    n = len(texts)
    cs: list[int] = [0] * n
    ce: list[int] = [0] * n
    nl: list[int] = [0] * n
    keys: list[int] = [0] * n
    nt: list[int] = [0] * n
    vocab: dict[str, int] = {}   # word -> id, in order of first occurrence
    id_parts: list[np.ndarray] = []
    findall = TOKEN.findall
    for lo in range(0, n, _TOKEN_BATCH):
        batch: list[list[str]] = []
        for i in range(lo, min(n, lo + _TOKEN_BATCH)):
            s, e, norm = normalize_span(texts[i] or "", pats)
            cs[i], ce[i] = s, e
            if not norm:
                continue
            nl[i] = len(norm)
            keys[i] = text_key(norm)
            toks = findall(norm)
            nt[i] = len(toks)
            batch.append(toks)
        # word ids at C speed: new words of the batch in order, then one lookup per word
        for w in dict.fromkeys(chain.from_iterable(batch)):
            if w not in vocab:
                vocab[w] = len(vocab)
        m = sum(map(len, batch))
        id_parts.append(np.fromiter(map(vocab.__getitem__, chain.from_iterable(batch)), np.int64, m))
    cstart, cend = np.array(cs, dtype=np.int32), np.array(ce, dtype=np.int32)
    norm_len, n_tokens = np.array(nl, dtype=np.int32), np.array(nt, dtype=np.int32)
    key = np.array(keys, dtype=np.uint64)
    del cs, ce, nl, nt, keys
    lens = n_tokens.astype(np.int64)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
    del id_parts
    words = list(vocab)
    numeric_word = np.fromiter((w.isdigit() for w in words), dtype=bool, count=len(words))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lens, out=offsets[1:])
    pidx = np.repeat(np.arange(n), lens)
    n_numeric = np.bincount(pidx, weights=numeric_word[ids], minlength=n).astype(np.int32) \
        if len(ids) else np.zeros(n, dtype=np.int32)
    n_alpha = n_tokens - n_numeric
    eligible = (norm_len >= params.min_chars) & (n_tokens >= params.min_words) & (n_alpha >= 1)

    th = token_hashes(words, params.seed)
    cps = code_points(th) if len(th) else np.zeros(0, dtype=np.uint32)
    big = tokens_to_str(cps[ids]) if len(ids) else ""
    tokstr = [big[offsets[i]:offsets[i + 1]] if eligible[i] else "" for i in range(n)]

    # token document frequencies (per passage, eligible passages only)
    elig_tok = eligible[pidx] if len(ids) else np.zeros(0, dtype=bool)
    pairs = sorted_unique(pidx[elig_tok] * max(len(words), 1) + ids[elig_tok])
    df = np.bincount(pairs % max(len(words), 1), minlength=len(words)) if len(pairs) else \
        np.zeros(len(words), dtype=np.int64)
    used = df > 0
    df_cp, df_n = cps[used], df[used]
    numeric_cp = sorted_unique(cps[numeric_word]) if len(words) else np.zeros(0, dtype=np.uint32)

    sh_hash, sh_gi, sh_sel, n_sel = shingles(th[ids] if len(ids) else np.zeros(0, np.uint64),
                                             lens, eligible, gi_start, params)
    entries = pack_entries(sh_hash, sh_gi, sh_sel, n_total if n_total is not None else gi_start + n)
    del sh_hash, sh_gi, sh_sel
    return Prepared(gi_start, key, norm_len, n_tokens, n_alpha.astype(np.int32), eligible, cstart, cend,
                    tokstr, n_sel, entries, df_cp, df_n, numeric_cp)


def shingles(tok: np.ndarray, lens: np.ndarray, eligible: np.ndarray, gi_start: int,
             params: DedupParams) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unique word k-shingle hashes per eligible passage, and which are in its sample.

    The sample is the `sketch_size` lowest hashes (a bottom-k sketch): the
    same rule in every passage, so a passage contained in another has its
    sample inside the other's shingles.

    A shingle is identified by the top 48 bits of its 64-bit hash, returned in
    the top bits of a uint64 (the low 16 bits are zero). That lets one value
    sort order a block of up to 2**16 passages by (passage, shingle): the
    passage's place in the block sits in the 16 bits freed. Two shingles of
    one passage that share their top 48 bits count as one.
    """
    k = params.shingle_words
    n = len(lens)
    empty = (np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, bool), np.zeros(n, np.int32))
    total = len(tok)
    if total < k:
        return empty
    m = total - k + 1
    h = tok[:m].copy()
    mult = np.uint64(0x9E3779B97F4A7C15)
    for j in range(1, k):
        h = mix64(h * mult + tok[j:m + j])
    pidx = np.repeat(np.arange(n, dtype=np.int64), lens)[:m]
    starts = np.repeat(np.cumsum(lens) - lens, lens)[:m]
    valid = (np.arange(m) - starts + k <= lens[pidx]) & eligible[pidx]
    del starts
    h, p = h[valid], pidx[valid]
    del pidx, valid
    if not len(h):
        return empty
    # (passage in its block of 2**16, top 48 hash bits): p is sorted, so blocks are slices
    packed = ((p & _BLOCK_MASK).astype(np.uint64) << np.uint64(48)) | (h >> np.uint64(16))
    del h
    bounds = np.searchsorted(p, np.arange(0, n + _BLOCK, _BLOCK))
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        if hi > lo:
            packed[lo:hi].sort()
    keep = np.ones(len(packed), dtype=bool)
    np.not_equal(packed[1:], packed[:-1], out=keep[1:])
    packed, p = packed[keep], p[keep]
    first = np.ones(len(p), dtype=bool)
    np.not_equal(p[1:], p[:-1], out=first[1:])
    group_start = np.flatnonzero(first)
    counts = np.diff(np.append(group_start, len(p)))
    rank = np.arange(len(p)) - np.repeat(group_start, counts)
    sel = rank < params.sketch_size
    n_sel = np.zeros(n, dtype=np.int32)
    n_sel[p[group_start]] = np.minimum(counts, params.sketch_size)
    return packed << np.uint64(16), p + gi_start, sel, n_sel


_BLOCK = 1 << 16
_BLOCK_MASK = _BLOCK - 1
