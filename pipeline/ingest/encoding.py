"""Decode bytes of unknown encoding, or say clearly why they are not text.

Order: byte-order marks; BOM-less UTF-16/32 (NUL-byte pattern); binary
signatures and NUL bytes; strict UTF-8; UTF-8 with a few damaged bytes
(replaced by U+FFFD and counted, never re-read as another code page); an
encoding the document declares (HTML meta, XML prolog); then the 8-bit
candidates (cp1251, KOI8-R, cp1252, Latin-1) scored by how word-like the
decoded text is. The fast path (valid UTF-8) costs one decode.

A few control characters (a backspace, a stray \\x02 in a mail) do not make a
text binary: only when they are more than MAX_CONTROL_SHARE must the decoded
text show that it is mostly words.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (DOC/XLS)"),
    (b"{\\rtf", "an RTF document"),
    (b"ID3", "an MP3 audio file"),
)
EIGHT_BIT = ("cp1251", "koi8_r", "cp1252", "latin_1")
DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.I,
)
# letters-only words that contain at least one non-ASCII letter
NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
C1_CONTROL = re.compile(r"[\x80-\x9f]")
BOX_DRAWING = re.compile(r"[\u2500-\u25ff]")
SAMPLE = 100_000  # characters scored per candidate: plenty to tell code pages apart
# Byte statistics that separate the 8-bit families without decoding:
# Cyrillic words are runs of bytes >= 0xC0; Western accents sit alone inside ASCII words.
HIGH_RUN = re.compile(rb"[\xc0-\xff]{3,}")
ISOLATED = re.compile(rb"[A-Za-z][\x80-\xff]{1,2}(?=[A-Za-z])|[A-Za-z][\x80-\xff](?![\x80-\xff])")
CP1251_LOWER = bytes(range(0xE0, 0x100))  # KOI8-R puts upper case here
CP1251_UPPER = bytes(range(0xC0, 0xE0))
UNDEFINED_IN_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# above this share of control bytes a file must read as UTF-8 words to count as text
MAX_CONTROL_SHARE = 0.02
# ... and then no more than this share of its characters may be control characters
CONTROL_CEILING = 0.1
# ... and letters, digits and spaces must be at least this share of the others
# (prose is about 95%, mail with quotes and tables rarely under 70%)
MIN_WORDLIKE_SHARE = 0.6
# UTF-8 with damaged bytes stays UTF-8 while its valid multi-byte characters are at
# least this many times its invalid sequences; text in an 8-bit code page has far
# fewer valid UTF-8 sequences than invalid ones (a Cyrillic capital and a following
# "ё" or "»" make one, the lower-case letters around it several invalid ones)
UTF8_VALID_PER_INVALID = 4
REPLACEMENT = "\ufffd"


class NotText(ValueError):
    """The bytes are not a text document; the message says what they look like."""


class Decoded(NamedTuple):
    text: str
    encoding: str    # codec name as Python spells it (utf-8, cp1251, ...)
    n_replaced: int  # byte sequences invalid in `encoding`, each now one U+FFFD in `text`


def _utf16_guess(head: bytes) -> str | None:
    """BOM-less UTF-16: the high byte of each unit takes very few values.

    ASCII text has NUL there, Cyrillic 0x04, and so on; spaces and digits keep
    some NULs in any script. 8-bit text never looks like that.
    """
    if b"\x00" not in head:
        return None
    head = head[: len(head) - (len(head) % 2)]
    if len(head) < 8:
        return None
    half = len(head) // 2
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if high.count(0) / half > 0.1 and sum(counts[:2]) / half > 0.9 and low.count(0) / half < 0.05:
            return name
    return None


CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def _control_share(text: str) -> float:
    """Share of C0 control characters (tab, newlines, form feed excepted)."""
    sample = text[:SAMPLE]
    return len(CONTROL.findall(sample)) / len(sample) if sample else 0.0


def _control_share_bytes(data: bytes) -> float:
    """The same on bytes of an ASCII-compatible encoding (C speed)."""
    sample = data[: SAMPLE]
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) / len(sample) if sample else 0.0


def _word_score(text: str) -> float:
    """How plausible the non-ASCII words of a decoding are (higher is better)."""
    sample = text[:SAMPLE]
    score = 0.0
    for w in NON_ASCII_WORD.findall(sample):
        has_latin = any("a" <= c <= "z" or "A" <= c <= "Z" for c in w)
        cyr = any("\u0400" <= c <= "\u04ff" for c in w)
        if cyr and has_latin:
            score -= 3  # "cafй": a Latin word with a Cyrillic letter inside
        elif cyr:
            if w.islower() or (w[0].isupper() and w[1:].islower()):
                score += 1
            elif w.isupper() and len(w) <= 6:
                score += 0.3  # acronyms exist, but prose is mostly lower case
            else:
                score -= 2  # "пРИВЕТ": KOI8-R read as cp1251 or the reverse
        elif has_latin:
            score += 1  # "café", "Zürich"
        else:
            # non-ASCII letters that are neither Cyrillic nor in a Latin word:
            # "Ïðèâåò" is cp1251 read as Latin-1
            score -= 2 if len(w) > 2 else 0.5
    # C1 controls and box-drawing symbols (KOI8-R's upper half) mean the wrong code page
    score -= 5 * len(C1_CONTROL.findall(sample))
    score -= 3 * len(BOX_DRAWING.findall(sample))
    return score


def _eight_bit_family(sample: bytes) -> str | None:
    """cp1251, koi8_r, cp1252 or latin_1 from byte statistics; None if unclear."""
    cyrillic = sum(len(m) for m in HIGH_RUN.findall(sample))
    western = len(ISOLATED.findall(sample))
    if cyrillic >= 12 and cyrillic > 4 * western:
        letters = sample.translate(None, bytes(range(0xC0)))
        lower = len(letters) - len(letters.translate(None, CP1251_LOWER))
        upper = len(letters) - len(letters.translate(None, CP1251_UPPER))
        if lower > 1.5 * upper:
            return "cp1251"
        if upper > 1.5 * lower:
            return "koi8_r"
        return None
    if western >= 3 and western > 4 * cyrillic:
        return "latin_1" if UNDEFINED_IN_CP1252.search(sample) else "cp1252"
    return None


def _reads_as_text(decoded: Decoded) -> bool:
    """UTF-8 (or ASCII) that is mostly letters, digits and spaces once control characters
    are set aside: a newsgroup post with backspaces or a stray \\x02 is text. Random
    bytes are not: they are never UTF-8, and 7-bit ones are a fifth control characters."""
    if decoded.encoding != "utf-8":
        return False
    sample = decoded.text[:SAMPLE]
    rest = CONTROL.sub("", sample)
    if not rest.strip() or 1 - len(rest) / len(sample) > CONTROL_CEILING:
        return False
    wordlike = sum(1 for c in rest if c.isalnum() or c.isspace())
    return wordlike / len(rest) >= MIN_WORDLIKE_SHARE


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid byte sequences, each replaced by U+FFFD and counted;
    None when the invalid sequences are too many for the bytes to be UTF-8."""
    text = data.decode("utf-8", "replace")
    replaced = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid_multibyte = non_ascii - replaced
    if valid_multibyte >= UTF8_VALID_PER_INVALID * replaced:
        return Decoded(text, "utf-8", replaced)
    return None


def _decode_ascii_compatible(data: bytes) -> Decoded:
    """UTF-8 (whole or damaged), else a declared encoding, else the likeliest 8-bit code page."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    m = DECLARED.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
            return Decoded(data.decode(name), codecs.lookup(name).name, 0)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to detection
    name = _eight_bit_family(data[: SAMPLE * 2])
    if name is not None:
        try:
            return Decoded(data.decode(name), codecs.lookup(name).name, 0)
        except UnicodeDecodeError:
            pass  # a byte the code page leaves undefined (0x98 in cp1251): score them all
    scored = []  # too little evidence in the bytes: score each decoding's words
    for candidate in EIGHT_BIT:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        scored.append((_word_score(text), candidate, text))
    score, name, text = max(scored, key=lambda s: s[:2])  # latin_1 always decodes
    return Decoded(text, codecs.lookup(name).name, 0)


def decode_counting(data: bytes) -> Decoded:
    """Text, encoding and the number of invalid sequences replaced; or NotText with a reason."""
    if not data:
        raise NotText("empty file (0 bytes)")
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name, 0)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {name} byte-order mark but is not valid {name}: {exc}") from exc
    guess = _utf16_guess(data[:4096])
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_share(text) < 0.01:
            return Decoded(text, guess, 0)
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise NotText(f"binary file: looks like {what}; convert it to text, Markdown, HTML, PDF or Word (.docx) first")
    if b"\x00" in data[:65536]:
        raise NotText("binary file: contains NUL bytes and is not UTF-16/32 text")
    many_controls = _control_share_bytes(data) > MAX_CONTROL_SHARE
    decoded = _decode_ascii_compatible(data)
    if many_controls and not _reads_as_text(decoded):
        raise NotText("binary file: too many control characters to be text")
    return decoded


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise NotText with a reason."""
    text, encoding, _ = decode_counting(data)
    return text, encoding
