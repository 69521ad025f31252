"""Re-join lines that a layout broke inside a sentence.

Infographics, PDFs and narrow columns cut sentences into short lines:
"became a symbol of hope for political" / "change" / "in Kazakhstan.". A join
replaces the line break (and the spaces around it) by one space, or by nothing
before closing punctuation or after a hyphen, as an edit of rule ``line_join``.

Each break between two lines is judged on its own:

- never joined: after a line ending in . ! ? … : ; (closing quotes and brackets
  allowed after them); into a list item ("1.", "a)", "-", "•", "#3"); into a
  single capitalised word (a label or heading); to or from a furniture line;
- strong evidence: the first line ends with a comma, a dash, a hyphen, an
  opening bracket or quote, or a continuation word ("of", "the", "and", ...;
  before a capitalised line only the binding ones: articles, "of", "and",
  possessives), or the next line starts with closing punctuation (", which");
  a name cut in two inside a sentence ("of President Anna" / "Petrova.");
- weak evidence: the next line starts with a lower-case letter.

Breaks with evidence form chains. A chain is joined whole when it ends a
sentence (its last line ends with terminal punctuation) or when it is one
unpunctuated item of at most `max_item_lines` lines starting with a capital and
followed by a capitalised line (a wrapped list item). Otherwise only its
strong breaks are joined: a column of table cells or labels that happen to
start lower-case ("killed" / "injured" / "prison") stays as it is.
"""

from __future__ import annotations

import re

from pipeline.clean.edits import Change
from pipeline.text.furniture import Line

LIST_ITEM = re.compile(
    r"(?:[-–—•*·▪►✓+]\s|\(?\d{1,3}[.)](?:\s|$)|\(?[a-zA-Zа-яА-ЯёЁ][.)]\s|#\d+\b)")
CLOSING_START = re.compile(r"[,;:.!?)\]}]")
LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)[\"'”’»)]*$")
FIRST_WORD = re.compile(r"[\"'“«‘(]*([^\W\d_][\w'’-]*)")
HEADING = re.compile(r"#{1,6}\s")


_CLOSERS = "\"'”’»)]"
_TERMINAL_CHARS = frozenset(".!?…:;")


def _terminal(line: str) -> bool:
    """The line (no line breaks in it) ends a sentence: . ! ? … : or ; then only closing
    quotes and brackets. String operations, not a regex anchored at the end, which
    was tried at every position of the line (tests keep that regex as the reference)."""
    return line.rstrip(_CLOSERS)[-1:] in _TERMINAL_CHARS


def _strong_end(line: str) -> bool:
    """The line ends with a comma, an opening bracket or quote, a dash after a space, or
    a hyphen after a letter: evidence that the sentence goes on."""
    last = line[-1:]
    if not last:
        return False
    if last in ",([“«„‘":
        return True
    if len(line) < 2 or last not in "-–—":
        return False
    before = line[-2]
    return before.isspace() or (last == "-" and before.isalnum() and not before.isdecimal())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def _classify(l1: str, l2: str, mid_sentence: bool, continuation: frozenset[str],
              before_capital: frozenset[str]) -> tuple[str, str]:
    """('no' | 'strong' | 'weak', joiner) for the break between lines l1 and l2."""
    if _terminal(l1) or LIST_ITEM.match(l2) or HEADING.match(l1) or HEADING.match(l2):
        return "no", ""
    first = l2[0]
    if CLOSING_START.match(first):
        return "strong", ""
    m = LAST_WORD.search(l1)
    last = m.group(1).lower() if m else ""
    hyphen = l1.endswith("-") and len(l1) > 1 and l1[-2].isalpha()
    strong_end = _strong_end(l1) or last in continuation
    joiner = "" if hyphen and first.islower() else " "
    if first.islower():
        return ("strong" if strong_end else "weak"), joiner
    n_words = len(l2.split())
    if first.isdigit():
        return ("strong" if strong_end and not hyphen else "no"), " "
    fw = FIRST_WORD.match(l2)
    if fw and fw.group(1)[:1].isupper():
        if n_words == 1 and not _terminal(l2):
            return "no", ""  # a lone capitalised word: a label or a heading
        # before a capital only binding words count: "in the" / "Karazhanbasmunai
        # enterprise", but not a title ending "eight years on" / "Eight years after"
        if (_strong_end(l1) or last in before_capital) and not hyphen:
            return "strong", " "
        # a name cut in two inside a sentence: "... of President Anna" / "Petrova."
        if mid_sentence and m and _capitalised(m.group(1)) and _capitalised(fw.group(1)) \
                and n_words <= 3 and (_terminal(l2) or l2.endswith(",")):
            return "strong", " "
        return "no", ""
    if strong_end and not hyphen:
        return "strong", " "
    return "no", ""


def join_changes(text: str, lines: list[Line], continuation: frozenset[str], max_item_lines: int,
                 max_chain: int, before_capital: frozenset[str] = frozenset()) -> list[Change]:
    """Line-join changes for one passage, given its lines (with furniture rules)."""
    if len(lines) < 2:
        return []
    # breaks[i] is between lines[i] and lines[i + 1]
    breaks: list[tuple[str, str]] = []
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        gap = text[a.end:b.start]
        if gap.count("\n") != 1 or a.rule or b.rule:
            breaks.append(("no", ""))
            continue
        l1, l2 = text[a.start:a.end], text[b.start:b.end]
        mid = l1[:1].islower() or bool(i and breaks[i - 1][0] != "no")
        breaks.append(_classify(l1, l2, mid, continuation, before_capital))
    changes = []
    i = 0
    n = len(breaks)
    while i < n:
        if breaks[i][0] == "no":
            i += 1
            continue
        j = i
        while j < n and breaks[j][0] != "no":
            j += 1
        # chain: lines i..j joined by breaks i..j-1
        first_line = text[lines[i].start:lines[i].end]
        last_line = text[lines[j].start:lines[j].end]
        n_lines = j - i + 1
        ends_sentence = _terminal(last_line) and n_lines <= max_chain
        next_line = text[lines[j + 1].start:lines[j + 1].end] if j + 1 < len(lines) else ""
        item = (n_lines <= max_item_lines and FIRST_WORD.match(first_line) is not None
                and first_line.lstrip("\"'“«‘(")[:1].isupper()
                and (not next_line or not next_line[:1].islower()))
        for k in range(i, j):
            kind, joiner = breaks[k]
            if ends_sentence or item or kind == "strong":
                changes.append(Change(lines[k].end, lines[k + 1].start, joiner, "line_join"))
        i = j
    return changes
