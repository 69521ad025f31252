"""Keep DVC away from the corpus entries it cannot hash.

dvc.yaml makes the corpus folder a dependency, so `dvc repro` and `dvc status`
hash everything in it before any stage runs, and stop on what ingest skips:
a broken link or a link loop ends them with an error, a named pipe or a link
to /dev/zero makes them wait forever, a name that is not UTF-8 crashes them.
A `.dvcignore` pattern is the only way to keep DVC from an entry, and patterns
match names, not kinds of file. So `python -m pipeline repro` walks the
folder first (as ingest does: pipeline/ingest/corpus.py), names each such
entry with what to do, and writes one pattern per entry into a marked block
of .dvcignore, which it rewrites whenever the set changes (and removes when
it is empty). Every regular file with a UTF-8 name stays visible to DVC, so
adding or editing a document re-runs ingest as before; ingest never reads
.dvcignore and rejects each fenced entry with its reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.corpus import Entry, input_folder, is_utf8, walk

DVCIGNORE = ".dvcignore"
BEGIN = ("# >>> written by `python -m pipeline repro`: corpus entries DVC cannot hash (links, pipes,\n"
         "# devices, names that are not UTF-8). Ingest skips or reads each as data/ingest/rejected.parquet\n"
         "# says; the block follows the corpus on every run, do not edit it.")
END = "# <<< end of the entries written by `python -m pipeline repro`"
GLOB_SPECIAL = set("\\*?[]")
NOT_UTF8_NAME = ("its name is not UTF-8 (shown escaped): {ingest}, but DVC cannot track it, so "
                 "changing it will not re-run the pipeline; rename it to a UTF-8 name")
WHAT_INGEST_DOES = {"file": "ingest reads it", "folder": "ingest reads its files"}


@dataclass(frozen=True)
class Hazard:
    """An entry DVC must not see: its printable path, why, and its .dvcignore pattern."""

    path: str
    advice: str
    pattern: str


def dvc_pattern(disk_path: str) -> str:
    """An anchored .dvcignore pattern for exactly this path: glob characters
    escaped, a character that cannot be written (bytes that are not UTF-8,
    control characters, trailing spaces) matched by `?`."""
    out = []
    for c in disk_path:
        if c in GLOB_SPECIAL:
            out.append("\\" + c)
        elif not c.isprintable() or not is_utf8(c):
            out.append("?")
        else:
            out.append(c)
    pattern = "".join(out)
    stripped = pattern.rstrip(" ")  # DVC strips trailing spaces, even escaped ones
    return "/" + stripped + "?" * (len(pattern) - len(stripped))


def _hazard(entry: Entry) -> Hazard | None:
    """The entry as a hazard for DVC, or None when DVC hashes it without trouble (a
    regular file or folder with a UTF-8 name, a link inside the corpus to either)."""
    if entry.kind in ("link", "special", "unlisted") and not entry.harmless:
        return Hazard(entry.path, entry.problem or "", dvc_pattern(entry.disk_path))
    if not entry.name_is_utf8:
        advice = NOT_UTF8_NAME.format(ingest=WHAT_INGEST_DOES.get(entry.kind, "ingest skips it"))
        return Hazard(entry.path, advice, dvc_pattern(entry.disk_path))
    return None


def corpus_hazards(root: Path, input_dir: str) -> list[Hazard]:
    """Every entry of the input folder DVC must not see; below a fenced folder, none again."""
    folder, prefix = input_folder(root, input_dir)
    hazards: list[Hazard] = []
    fenced: list[str] = []
    for entry in walk(folder, prefix):
        if any(entry.disk_path.startswith(f + "/") for f in fenced):
            continue
        hazard = _hazard(entry)
        if hazard is not None:
            hazards.append(hazard)
            if entry.kind == "folder":
                fenced.append(entry.disk_path)
    return hazards


def _without_block(text: str) -> str:
    if BEGIN not in text:
        return text
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head.rstrip("\n") + ("\n" if head.strip() else "") + tail.lstrip("\n")


def render(current: str, hazards: list[Hazard]) -> str:
    """`current` (.dvcignore's text) with the block holding exactly these hazards' patterns."""
    text = _without_block(current)
    if not hazards:
        return text
    patterns = "\n".join(sorted({h.pattern for h in hazards}))
    return text.rstrip("\n") + ("\n\n" if text.strip() else "") + f"{BEGIN}\n{patterns}\n{END}\n"


def write_fence(root: Path, hazards: list[Hazard]) -> bool:
    """Bring .dvcignore's block up to date; True if it changed (DVC then sees a
    different corpus than when ingest last ran)."""
    path = root / DVCIGNORE
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    wanted = render(current, hazards)
    if wanted == current:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(wanted, encoding="utf-8")
    os.replace(tmp, path)
    return True
