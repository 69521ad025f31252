"""Page furniture: lines that are site chrome, not what the document says.

Furniture is flagged, never deleted. The unit is the line: a passage mixing
furniture lines and content keeps its content unflagged, and the furniture lines
are listed (``data/clean/furniture.parquet``) with their offsets; a passage is
``is_boilerplate`` only when every one of its lines is furniture.

Rules (``clean.furniture``: pipeline/text/furniture.yaml unless params.yaml
sets them; the ingest stage reads the default rules to pass over furniture above a
headline) are regexes that must match a whole line, stripped of surrounding
spaces, case-insensitively. Two rules are built in: ``repeated_line`` flags a line
identical to the previous non-blank line of the document (an image caption or
heading printed twice): the first copy stays content; ``signature`` flags the
e-mail signature separator "-- " and the few lines after it in its passage; and in a
block of e-mail header fields every field and folded line counts (``mail_header``).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

REPEATED = "repeated_line"
# a signature: the line "-- " (the e-mail and news signature separator, RFC 3676) and the few
# lines after it in the passage; a longer run after "--" is content (a dash used as a rule)
SIGNATURE = "signature"
SIGNATURE_MAX_LINES = 8
SHORT_LINE = 64           # lines up to this long have their rule remembered...
SHORT_LINES_KEPT = 65536  # ...this many at a time (at most ~10 MB; 8192 was cleared every few MB of text)
_UNSEEN = object()


@lru_cache(maxsize=1)
def _default_rules() -> dict[str, list[str]]:
    with open(Path(__file__).with_name("furniture.yaml"), encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def furniture_rules() -> dict[str, list[str]]:
    """The default page-furniture rules (furniture.yaml beside this module), a fresh copy."""
    return copy.deepcopy(_default_rules())


class Line(NamedTuple):
    start: int  # offsets of the stripped line in the passage text
    end: int
    rule: str | None


class FurnitureRules:
    def __init__(self, rules: dict[str, list[str]], max_line_chars: int, repeated_min_chars: int):
        self.names = list(rules)
        alternatives = []
        for i, (name, patterns) in enumerate(rules.items()):
            if not patterns:
                continue
            body = "|".join(f"(?:{p})" for p in patterns)
            alternatives.append(f"(?P<r{i}>{body})")
        self.max_line_chars = max_line_chars
        self.repeated_min_chars = repeated_min_chars
        self.pattern = re.compile(
            rf"(?:{'|'.join(alternatives)})", re.IGNORECASE) if alternatives else None
        # short lines repeat (buttons, chrome, labels, numbers): their rule is remembered
        self._short: dict[str, str | None] = {}

    def rule_of(self, line: str) -> str | None:
        if self.pattern is None or len(line) > self.max_line_chars:
            return None
        m = self.pattern.fullmatch(line)
        if not m:
            return None
        return self.names[int(m.lastgroup[1:])]

    def lines(self, text: str, previous_line: str | None = None) -> list[Line]:
        """Every non-blank line of `text` with its furniture rule (None for content).

        previous_line: the last non-blank line of the document before this passage.
        """
        out = []
        prev = previous_line
        rule_of, short = self.rule_of, self._short
        repeated_min = self.repeated_min_chars
        pos = 0
        for raw in text.split("\n"):
            line = raw.strip(" \t")  # the stripped line (LINE's match)
            if line:
                start = pos + len(raw) - len(raw.lstrip(" \t"))
                if len(line) <= SHORT_LINE:
                    rule = short.get(line, _UNSEEN)
                    if rule is _UNSEEN:
                        rule = rule_of(line)
                        if len(short) >= SHORT_LINES_KEPT:
                            short.clear()
                        short[line] = rule
                else:
                    rule = rule_of(line)
                if rule is None and repeated_min and line == prev and len(line) >= repeated_min:
                    rule = REPEATED
                out.append(Line(start, start + len(line), rule))
                prev = line
            pos += len(raw) + 1
        return _signature(_header_block(out, text), text)


MAIL_HEADER = "mail_header"
HEADER_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9-]{1,40}:(?:\s.*)?")


def _header_block(lines: list[Line], text: str) -> list[Line]:
    """In a block with at least two known header fields (rule mail_header), every other field line
    ('News-Software: ...', 'X-Mailer: ...') and every folded continuation line (RFC 5322: it starts
    with a space or tab) right after a header line is a header line too."""
    if sum(1 for ln in lines if ln.rule == MAIL_HEADER) < 2:
        return lines
    out: list[Line] = []
    for ln in lines:
        rule = ln.rule
        if rule is None:
            folded = ln.start > 0 and text[ln.start - 1] in " \t" and out and out[-1].rule == MAIL_HEADER
            if folded or HEADER_FIELD.fullmatch(text[ln.start:ln.end]):
                rule = MAIL_HEADER
        out.append(Line(ln.start, ln.end, rule))
    return out


def _signature(lines: list[Line], text: str) -> list[Line]:
    """The separator line '--' and up to SIGNATURE_MAX_LINES lines after it, to the passage's end,
    are a signature."""
    for i, ln in enumerate(lines):
        if text[ln.start:ln.end] == "--" and 0 < len(lines) - i - 1 <= SIGNATURE_MAX_LINES:
            return lines[:i] + [Line(x.start, x.end, x.rule or SIGNATURE) for x in lines[i:]]
    return lines


def last_line(text: str) -> str | None:
    """The last non-blank line of a text, stripped (what `lines` compares the next passage's first line to)."""
    end = len(text)
    while end > 0:
        nl = text.rfind("\n", 0, end)
        s = text[nl + 1:end].strip(" \t")
        if s:
            return s
        end = nl if nl >= 0 else 0
    return None
