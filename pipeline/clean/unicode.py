"""Unicode repair passes. Each returns `Change`s on the text it is given.

- `mojibake_changes`: text decoded with the wrong codec ("itâ€™s", "Ð¿Ñ€Ð¸",
  "РџСЂРё", C1 controls standing for Windows-1252 quotes). ftfy decides, but only
  on the few lines a cheap pre-filter flags, and only its encoding repairs are
  enabled: quotes, ligatures, widths, HTML entities and line breaks are left
  as written.
- `invisible_changes`: line breaks (CR LF, CR, VT, FF, U+2028/9 -> LF), no-break
  and other spaces -> " ", soft hyphens, zero-width characters, bidi controls
  and control characters (NUL included) removed; lone surrogates -> U+FFFD.
  Zero-width (non-)joiners are kept next to letters of scripts that need them
  (Arabic, Persian, Indic, emoji sequences).
- `nfc_changes`: NFC, one edit per changed character cluster.

Legitimate Russian, Kazakh, French... text passes through unchanged (tested).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy

from pipeline.clean.edits import Change
from pipeline.text.homoglyphs import OTHER_SCRIPT_RANGES

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    fix_surrogates=True, remove_control_chars=False, normalization=None, explain=False,
)

# UTF-8 bytes read as Windows-1252 / Latin-1: a lead byte's character followed by a
# continuation byte's character ("Ã©", "â€™", "Ð¿"); read as Windows-1251: "Р"/"С"/"в"...
# followed by a continuation byte's character ("Рџ", "вЂ™"); or any C1 control.
_CP1252_CONT = ("\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030"
                "\u2039\u203a\u20ac\u2122")
_CP1251_CONT = ("\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a"
                "\u040c\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459"
                "\u203a\u045a\u045c\u045b\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7"
                "\u0401\u00a9\u0404\u00ab\u00ac\u00ad\u00ae\u0407\u00b0\u00b1\u0406\u0456\u0491"
                "\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457")
_LEADS = "\u00c2-\u00f4РСТУФв\u0080-\u009f"  # characters a MOJIBAKE_HINT match starts with
MOJIBAKE_HINT = re.compile(  # the lookahead lets the scan skip other characters fast
    f"(?=[{_LEADS}])(?:[\u00c2-\u00f4][{_CP1252_CONT}]|[РСТУФв][{_CP1251_CONT}]"
    f"|[\u0080-\u009f])")
_LEAD = re.compile(f"[{_LEADS}]")  # a plain class: the scan for it is three times faster
WINDOW = 2000  # longest stretch of text handed to ftfy at once
# a no-break space that cannot be a continuation byte of mojibake (ftfy will not
# repair "\xa0â€œ"); shown to ftfy as a plain space, never changed by this pass
STANDALONE_NBSP = re.compile("(?<![\u00c2-\u00f4РСТУФв])\u00a0")

_KINDS = {
    "newline": "\r\x0b\x0c\u2028\u2029",
    "space": "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000",
    "soft_hyphen": "\u00ad",
    "zero_width": "\u200b\u2060\ufeff\u180e",
    "joiner": "\u200c\u200d",
    "bidi_control": "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069",
    "control": "\x00-\x08\x0e-\x1f\x7f-\x9f",
    "surrogate": "\ud800-\udfff",
}
# one alternative per kind (the kinds share no character): a run of one kind per match;
# the lookahead lets the scan skip other characters fast (without it, 10x slower)
INVISIBLE_RUN = re.compile("(?=[" + "".join(_KINDS.values()) + "])(?:"
                           + "|".join(f"(?P<{kind}>[{chars}]+)" for kind, chars in _KINDS.items()) + ")")
_JOINER_SCRIPTS = re.compile(
    "[\u0590-\u08ff\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff"
    "\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


def _split_runs(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) cut into pieces of at most WINDOW chars, at ASCII spaces where possible."""
    out = []
    while b - a > WINDOW:
        cut = text.rfind(" ", a + WINDOW // 2, a + WINDOW)
        if cut <= a:
            cut = a + WINDOW
            # never cut between a lead and a continuation character
            while cut < b and MOJIBAKE_HINT.match(text, cut - 1):
                cut += 1
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _diff(old: str, new: str, offset: int, rule: str) -> list[Change]:
    """Changes turning old into new: per space-separated token when the tokens line up."""
    if old == new:
        return []
    old_t, new_t = old.split(" "), new.split(" ")
    if len(old_t) != len(new_t):
        pairs = [(0, old, new)]
    else:
        pairs = []
        pos = 0
        for o, n in zip(old_t, new_t):
            if o != n:
                pairs.append((pos, o, n))
            pos += len(o) + 1
    out = []
    for pos, o, n in pairs:
        i = 0
        while i < len(o) and i < len(n) and o[i] == n[i]:
            i += 1
        j = 0
        while j < len(o) - i and j < len(n) - i and o[len(o) - 1 - j] == n[len(n) - 1 - j]:
            j += 1
        out.append(Change(offset + pos + i, offset + pos + len(o) - j, n[i:len(n) - j], rule))
    return out


def mojibake_changes(text: str) -> list[Change]:
    if text.isascii():
        return []
    lead = _LEAD.search(text)  # every hint starts with one: none, no mojibake; else scan from there
    if lead is None:
        return []
    changes: list[Change] = []
    done = -1
    for m in MOJIBAKE_HINT.finditer(text, lead.start()):
        if m.start() < done:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        if line_end < 0:
            line_end = len(text)
        done = line_end
        # ftfy reads the line from the word of its first hint to the word of its last:
        # the rest of the line has nothing to repair, and ftfy's time grows with length
        last = m.end()
        for later in MOJIBAKE_HINT.finditer(text, last, line_end):
            last = later.end()
        start = max(line_start, text.rfind(" ", line_start, m.start()) + 1)
        end = text.find(" ", last, line_end)
        for a, b in _split_runs(text, start, end if end >= 0 else line_end):
            if not MOJIBAKE_HINT.search(text, a, b):
                continue
            old = STANDALONE_NBSP.sub(" ", text[a:b])
            new = ftfy.fix_text(old, FTFY_CONFIG)
            changes.extend(_diff(old, new, a, "mojibake"))
    return changes


def invisible_changes(text: str) -> list[Change]:
    changes = []
    for m in INVISIBLE_RUN.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "space":  # by far the most common: no-break spaces
            changes.append(Change(s, e, " " if e - s == 1 else " " * (e - s), "space"))
        elif kind == "newline":
            k = s
            while k < e:  # CR LF is one line break
                step = 2 if text.startswith("\r\n", k) else 1
                changes.append(Change(k, k + step, "\n", "newline"))
                k += step
        elif kind == "joiner":
            before = text[s - 1] if s > 0 else ""
            after = text[e] if e < len(text) else ""
            if not (_JOINER_SCRIPTS.match(before) or _JOINER_SCRIPTS.match(after)):
                changes.append(Change(s, e, "", "zero_width"))
        elif kind == "surrogate":
            changes.append(Change(s, e, "\ufffd" * (e - s), "control"))
        else:
            changes.append(Change(s, e, "", kind))
    return changes


# every character that can start a repair: a mojibake lead character or C1 control,
# an invisible or control character, a Cyrillic or Greek letter (look-alikes)
_REPAIR_HINT = re.compile(f"[{_LEADS}{''.join(_KINDS.values())}{OTHER_SCRIPT_RANGES}]")


def needs_repair(text: str) -> bool:
    """False when no repair pass (mojibake, invisible, NFC, look-alikes) can change the text.

    Most passages: one scan instead of four passes (tests compare both paths).
    """
    return _REPAIR_HINT.search(text) is not None or not unicodedata.is_normalized("NFC", text)


# Blocks without a character NFC changes or composes (CJK ideographs, Hangul
# syllables, surrogates, unassigned planes): skipped when building the table
# (tests/clean/test_clean.py checks them in full).
NFC_STABLE_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xD800, 0xDFFF),
                     (0x20000, 0x2F7FF), (0x2FA20, 0xE00FF), (0xE01F0, 0x10FFFF))


def _nfc_unstable(cp: int) -> bool:
    ch = chr(cp)
    return bool(unicodedata.combining(ch)) or not unicodedata.is_normalized("NFC", ch) or \
        unicodedata.category(ch) in ("Mn", "Mc", "Me") or 0x1161 <= cp <= 0x11C2


def _candidates():
    cp = 0x80
    for a, b in NFC_STABLE_BLOCKS:
        yield from range(cp, a)
        cp = b + 1
    yield from range(cp, 0x110000)


@lru_cache(maxsize=1)
def _unstable() -> re.Pattern:
    """Characters NFC may change or combine with what precedes them (computed once)."""
    ranges = []
    start = prev = None
    for cp in _candidates():
        if _nfc_unstable(cp):
            if start is None:
                start = cp
            elif cp != prev + 1:
                ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    cls = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if a != b else re.escape(chr(a))
                  for a, b in ranges)
    # the character before a run of unstable ones is part of the cluster
    return re.compile(f"[^\n]?[{cls}]+")


def nfc_changes(text: str) -> list[Change]:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return []
    changes = []
    for m in _unstable().finditer(text):
        old = m.group()
        new = unicodedata.normalize("NFC", old)
        if new != old:
            changes.append(Change(m.start(), m.end(), new, "nfc"))
    # check: whatever the clusters missed (rare compositions across starters) is
    # fixed line by line
    out, pos = [], 0
    for c in changes:
        out.append(text[pos:c.start])
        out.append(c.after)
        pos = c.end
    out.append(text[pos:])
    result = "".join(out)
    if unicodedata.is_normalized("NFC", result):
        return changes
    changes = []
    start = 0
    for line in text.split("\n"):
        new = unicodedata.normalize("NFC", line)
        if new != line:
            changes.extend(_diff(line, new, start, "nfc"))
        start += len(line) + 1
    return changes
