"""Decode bytes of unknown encoding, or say clearly why they are not text.

Order: byte-order marks; BOM-less UTF-16/32 (NUL-byte pattern); binary
signatures and NUL bytes; strict UTF-8; an encoding the document declares
(HTML meta, XML prolog); then the 8-bit candidates (cp1251, KOI8-R, cp1252,
Latin-1) scored by how word-like the decoded text is. The fast path (valid
UTF-8) costs one decode.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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
WORD = re.compile(r"[^\W\d_]+")


class NotText(ValueError):
    """The bytes are not a text document; the message says what they look like."""


def _utf16_guess(head: bytes) -> str | None:
    """BOM-less UTF-16: the high byte of each unit takes very few values.

    ASCII text has NUL there, Cyrillic 0x04, and so on; spaces and digits keep
    some NULs in any script. 8-bit text never looks like that.
    """
    head = head[: len(head) - (len(head) % 2)]
    if len(head) < 8:
        return None
    half = len(head) // 2
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if high.count(0) / half > 0.1 and sum(counts[:2]) / half > 0.9 and low.count(0) / half < 0.05:
            return name
    return None


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return bad / len(sample)


def _word_score(text: str) -> float:
    """How plausible the non-ASCII words of a decoding are (higher is better)."""
    score = 0.0
    for m in WORD.finditer(text[:200000]):
        w = m.group()
        if w.isascii():
            continue
        has_latin = any("a" <= c.lower() <= "z" for c in w)
        cyr = sum(1 for c in w if "\u0400" <= c <= "\u04ff")
        if cyr and has_latin:
            score -= 3  # "cafй": a Latin word with a Cyrillic letter inside
        elif cyr:
            rest = w[1:]
            if w.islower() or (w[0].isupper() and rest.islower()):
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
    score -= 5 * sum(1 for c in text[:200000] if "\x80" <= c <= "\x9f")
    score -= 3 * sum(1 for c in text[:200000] if "\u2500" <= c <= "\u25ff")
    return score


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise NotText with a reason."""
    if not data:
        raise NotText("empty file (0 bytes)")
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {name} byte-order mark but is not valid {name}: {exc}") from exc
    guess = _utf16_guess(data[:4096])
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_share(text) < 0.01:
            return text, guess
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise NotText(f"binary file: looks like {what}; convert it to text, Markdown or HTML first")
    if b"\x00" in data[:65536]:
        raise NotText("binary file: contains NUL bytes and is not UTF-16/32 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_share(text) > 0.02:
            raise NotText("binary file: too many control characters to be text")
        return text, "utf-8"
    m = DECLARED.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(name)
            return data.decode(name), codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to detection
    best: tuple[float, str, str] | None = None
    for name in EIGHT_BIT:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        s = _word_score(text)
        if best is None or s > best[0]:
            best = (s, name, text)
    assert best is not None  # latin_1 decodes any bytes
    score, name, text = best
    if _control_share(text) > 0.02:
        raise NotText("binary file: not UTF-8 and too many control characters for any 8-bit encoding")
    return text, codecs.lookup(name).name
