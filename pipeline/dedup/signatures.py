"""Per-partition work: normalise each passage, hash it for exact matching,
turn its words into a token string, and sample its shingles for the index.

Everything after normalisation is vectorised over the partition (one flat
array of tokens with passage offsets; ASCII text is even tokenised on its
bytes), and deterministic: the text key is BLAKE2b, token and shingle hashes
a fixed seeded 64-bit mixer, never Python's per-process `hash()`, so
partitions computed in different processes (Dask) agree.

Token strings: each word becomes one character (a code point derived from the
word's hash), so that rapidfuzz can align passages word by word at C speed.
Two different words share a code point with probability about 1e-6.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from pipeline.dedup.arrays import sorted_unique
from pipeline.dedup.candidates import pack_entries
from pipeline.dedup.params import DedupParams
from pipeline.text.normalize import TOKEN, compile_patterns, normalize_span

# code points used for tokens: everything from U+0100 except the surrogates
_CP_BASE = 0x100
_CP_SPAN = 0x110000 - _CP_BASE - 0x800
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_TOKEN_BATCH = 4096  # passages tokenised at once (bounds the byte buffers)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 wraps around)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def text_key(normalized: str) -> int:
    """64-bit key of a normalised text (exact matching)."""
    digest = hashlib.blake2b(normalized.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


_ALNUM = np.zeros(256, dtype=bool)
for _c in b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _ALNUM[_c] = True
_DIGIT = np.zeros(256, dtype=bool)
for _c in b"0123456789":
    _DIGIT[_c] = True
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [0xFFFFFFFFFFFFFFFF], dtype=np.uint64)


def tokenise(norms: list[str], seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tokens of normalised texts, as (64-bit hash of each token, is it a figure,
    tokens per text), tokens in text order.

    The tokens are the normaliser's (`normalize.TOKEN`). An ASCII text (the
    common case) is tokenised on its bytes with numpy: its tokens are the runs
    of ASCII letters and digits, which is what TOKEN finds in ASCII. Other texts
    go through TOKEN.findall. A token's hash is a function of its UTF-8 bytes
    (8 at a time into a 64-bit mixer, seeded, length first), so the same word
    gets the same hash in every text, partition and process.
    """
    segs: list[bytes] = []
    ascii_seg: list[bool] = []
    figures: list[bool] = []  # isdigit of the tokens of non-ASCII texts, in order
    findall = TOKEN.findall
    for norm in norms:
        if norm.isascii():
            segs.append(norm.encode("ascii"))
            ascii_seg.append(True)
        else:
            toks = findall(norm)
            figures += [t.isdigit() for t in toks]
            segs.append("\x00".join(toks).encode("utf-8", "surrogatepass"))
            ascii_seg.append(False)
    n = len(norms)
    seg_len = np.fromiter(map(len, segs), np.int64, n)
    buf = np.frombuffer(b"\x00".join(segs) + bytes(8), dtype=np.uint8)
    del segs
    size = len(buf) - 8
    seg_start = np.cumsum(seg_len + 1) - seg_len - 1
    is_ascii = np.array(ascii_seg, dtype=bool)
    # token bytes: ASCII letters and digits in ASCII texts, everything but the separator in others
    byte_ascii = np.repeat(np.append(is_ascii, True), np.append(seg_len + 1, 8)[: n + 1])[:size] \
        if n else np.zeros(0, bool)
    tok = np.where(byte_ascii, _ALNUM[buf[:size]], buf[:size] != 0)
    edge = np.diff(tok.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    del edge, byte_ascii
    length = ends - starts
    owner = np.searchsorted(seg_start, starts, side="right") - 1
    counts = np.bincount(owner, minlength=n).astype(np.int64)
    # figures: every byte a digit (ASCII texts), str.isdigit (others)
    digits = np.concatenate([[0], np.cumsum(_DIGIT[buf[:size]] & tok, dtype=np.int64)])
    figure = digits[ends] - digits[starts] == length
    if figures:
        figure[~is_ascii[owner]] = figures
    del tok, digits
    # hash: unaligned little-endian 64-bit reads of the byte buffer, 8 bytes per round
    words = np.ndarray((size + 1,), dtype="<u8", buffer=buf, strides=(1,))
    salt = mix64(np.array([seed], dtype=np.uint64) ^ np.uint64(0x5DEECE66D))[0]
    h = mix64(length.astype(np.uint64) ^ salt)
    mult = np.uint64(0x9E3779B97F4A7C15)
    pos, left = starts, length
    idx = np.arange(len(starts))
    while len(idx):
        w = words[pos] & _LOW_BYTES[np.minimum(left, 8)]
        h[idx] = mix64(h[idx] * mult + w)
        more = left > 8
        idx, pos, left = idx[more], pos[more] + 8, left[more] - 8
    return h, figure, counts


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
    norms: list[str] = [""] * n
    th_parts, fig_parts, count_parts = [], [], []
    for lo in range(0, n, _TOKEN_BATCH):
        hi = min(n, lo + _TOKEN_BATCH)
        for i in range(lo, hi):
            s, e, norm = normalize_span(texts[i] or "", pats)
            cs[i], ce[i] = s, e
            if not norm:
                continue
            nl[i] = len(norm)
            keys[i] = text_key(norm)
            norms[i] = norm
        h, fig, cnt = tokenise(norms[lo:hi], params.seed)
        norms[lo:hi] = [""] * (hi - lo)
        th_parts.append(h)
        fig_parts.append(fig)
        count_parts.append(cnt)
    cstart, cend = np.array(cs, dtype=np.int32), np.array(ce, dtype=np.int32)
    norm_len = np.array(nl, dtype=np.int32)
    key = np.array(keys, dtype=np.uint64)
    del cs, ce, nl, keys, norms
    th = np.concatenate([np.zeros(0, np.uint64)] + th_parts)
    figure = np.concatenate([np.zeros(0, bool)] + fig_parts)
    lens = np.concatenate([np.zeros(0, np.int64)] + count_parts)
    del th_parts, fig_parts, count_parts
    n_tokens = lens.astype(np.int32)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lens, out=offsets[1:])
    pidx = np.repeat(np.arange(n), lens)
    n_numeric = np.bincount(pidx, weights=figure, minlength=n).astype(np.int32) \
        if len(th) else np.zeros(n, dtype=np.int32)
    n_alpha = n_tokens - n_numeric
    eligible = (norm_len >= params.min_chars) & (n_tokens >= params.min_words) & (n_alpha >= 1)

    cps = code_points(th) if len(th) else np.zeros(0, dtype=np.uint32)
    big = tokens_to_str(cps) if len(th) else ""
    tokstr = [big[offsets[i]:offsets[i + 1]] if eligible[i] else "" for i in range(n)]
    del big

    # token document frequencies (per token code point, eligible passages only)
    elig_tok = eligible[pidx] if len(th) else np.zeros(0, dtype=bool)
    # (passage, code point) keys are in passage order already: sorting each block
    # of passages is enough to find the distinct ones (small sorts are faster)
    seen = (pidx[elig_tok].astype(np.uint64) << np.uint64(21)) | cps[elig_tok].astype(np.uint64)
    sort_blocks(seen, pidx[elig_tok], n)
    seen = seen[np.append(True, seen[1:] != seen[:-1])] if len(seen) else seen
    df = np.bincount((seen & np.uint64(0x1FFFFF)).astype(np.int64), minlength=0x110000)
    df_cp = np.flatnonzero(df).astype(np.uint32)
    df_n = df[df_cp]
    numeric_cp = sorted_unique(cps[figure])
    del seen, df, elig_tok, pidx

    sh_hash, sh_gi, sh_sel, n_sel = shingles(th, lens, eligible, gi_start, params)
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
    sort order a block of passages by (passage, shingle): the passage's place
    in the block sits in the bits freed. Two shingles of one passage that
    share their top 48 bits count as one.
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
    # (passage in its block, top 48 hash bits): p is sorted, so blocks are slices
    packed = ((p & _BLOCK_MASK).astype(np.uint64) << np.uint64(48)) | (h >> np.uint64(16))
    del h
    sort_blocks(packed, p, n)
    keep = np.ones(len(packed), dtype=bool)
    np.not_equal(packed[1:], packed[:-1], out=keep[1:])
    keep[1:] |= p[1:] != p[:-1]  # two passages of one place in different blocks
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


_BLOCK = 64  # passages sorted at once: small sorts stay in cache, and are faster
_BLOCK_MASK = _BLOCK - 1


def sort_blocks(x: np.ndarray, passage: np.ndarray, n: int) -> None:
    """Sort `x` in place within each block of `_BLOCK` passages (`passage`:
    sorted passage of each element, whose block must rank first in `x`)."""
    bounds = np.searchsorted(passage, np.arange(0, n + _BLOCK, _BLOCK)).tolist()
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        if hi - lo > 1:
            x[lo:hi].sort()
