"""The input folder, walked and read without trusting what is in it.

Ingest reads only regular files inside the input folder. A link is never
followed out of it (a link inside it is read once, as its target), a named
pipe, socket or device is never opened (opening a FIFO blocks forever,
/dev/zero never ends), every read stops at a byte limit, and a file name
that is not UTF-8 is kept as the OS gives it (os.fsdecode's surrogate
escapes) to open the file, and shown escaped (`\\xff`) wherever a person or a
table sees it. Every entry that is not read comes back with a reason.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

# how a read opens a file: never waits on a FIFO that slipped in after the walk,
# never follows a link put in its place, never becomes the controlling terminal
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class CorpusError(ValueError):
    """The input folder cannot be used; the one-line message says why and what to do."""


class NotRegularFile(OSError):
    """What was opened is not a regular file (it changed after the walk); never read from."""


@dataclass(frozen=True)
class Entry:
    """One thing found in the input folder."""

    disk_path: str      # as the OS knows it: relative to the project root (absolute for an outside folder)
    path: str           # the same, printable: what tables and messages show
    kind: str           # "file", "folder", "link", "special" (pipe, socket, device) or "unlisted" (unreadable folder)
    top_level: bool     # directly in the input folder
    size: int | None = None      # bytes of a regular file
    problem: str | None = None   # why it is not read; None for a file or folder
    harmless: bool = False       # a link inside the corpus to a file or folder (read there, once)

    @property
    def name(self) -> str:
        return self.disk_path.rsplit("/", 1)[-1]

    @property
    def name_is_utf8(self) -> bool:
        return is_utf8(self.name)


def is_utf8(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (held as surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(path: str) -> str:
    """A path as text any table, log or terminal holds: bytes that are not UTF-8
    become `\\xff`, control characters `\\n`, `\\x07`... (the name on disk is unchanged)."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def input_folder(root: Path, input_dir: str, outside: str | None = None) -> tuple[Path, str]:
    """(the folder to read, its prefix in `source_path`), or CorpusError in one line.

    The folder must be inside the project, after resolving `..` and links, so a
    params.yaml cannot point ingest at /etc. `outside` is an absolute folder the
    command line allowed explicitly (`run ingest --input-dir`); its files keep
    absolute paths (relative ones if it is inside the project after all).
    """
    real_root = os.path.realpath(root)
    if outside is not None:
        if not os.path.isabs(outside):
            raise CorpusError(f"--input-dir {printable(outside)!r} must be an absolute path "
                              "(a folder inside the project goes in ingest.input_dir)")
        if not os.path.isdir(outside):
            raise CorpusError(f"--input-dir {printable(outside)}: no such folder")
        real = os.path.realpath(outside)
        inside = _within(real, real_root) and real != real_root
        return Path(real), os.path.relpath(real, real_root).replace(os.sep, "/") if inside else real
    real = os.path.realpath(os.path.join(real_root, input_dir))
    if not _within(real, real_root) or real == real_root:
        raise CorpusError(
            f"ingest.input_dir {printable(input_dir)!r} is not a folder inside the project ({printable(real_root)}): "
            "set it to a folder of the project such as seeds, or give an absolute folder on the command line "
            "(python -m pipeline run ingest --input-dir /path/to/folder)")
    if not os.path.isdir(real):
        raise CorpusError(f"input folder {printable(input_dir)} does not exist: create it and put documents in it, "
                          "or set ingest.input_dir in params.yaml")
    return Path(real), os.path.relpath(real, real_root).replace(os.sep, "/")


def _special_kind(mode: int) -> str | None:
    for test, what in NOT_REGULAR:
        if test(mode):
            return what
    return None


def _link_problem(full: str, corpus_real: str, show_rel: Callable[[str], str]) -> tuple[str, bool]:
    """Why a link is not read, and whether it is harmless: a link inside the corpus
    to a file or folder is (its target is read under its own name, so once); one
    that leads nowhere, loops, leaves the corpus or ends at a pipe or device is not."""
    try:
        target_stat = os.stat(full)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "link loop (the link leads back to itself): not read; remove the link", False
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return f"link that cannot be followed ({exc.strerror}): not read; remove the link", False
        try:
            target = printable(os.readlink(full))
        except OSError:
            target = "?"
        return (f"broken link (its target {target} does not exist): not read; "
                "remove the link or put the document itself here"), False
    target = os.path.realpath(full)
    if not _within(target, corpus_real):
        return (f"link outside the corpus (to {printable(target)}): not read; copy the document "
                "into the input folder if it belongs to the corpus"), False
    if stat.S_ISDIR(target_stat.st_mode):
        return f"link to the folder {show_rel(target)} inside the corpus: its files are read there, once", True
    return (f"link to {show_rel(target)} inside the corpus: read once, under that name",
            stat.S_ISREG(target_stat.st_mode))


def walk(folder: Path, prefix: str) -> Iterator[Entry]:
    """Every entry under `folder`, depth first in name order, without following links.

    `prefix` is the folder's path as `source_path` starts it (relative to the
    project root). Folders are yielded too (the DVC fence needs badly named ones).
    """
    corpus_real = os.path.realpath(folder)

    def show_rel(target: str) -> str:
        return printable(prefix + "/" + os.path.relpath(target, corpus_real).replace(os.sep, "/")
                         if target != corpus_real else prefix)

    stack = [(str(folder), prefix)]
    while stack:
        here, shown = stack.pop()
        top_level = shown == prefix
        try:
            with os.scandir(here) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Entry(shown, printable(shown), "unlisted", top_level=False,
                        problem=f"cannot list the folder: {exc.strerror}; fix its permissions")
            continue
        subfolders = []
        for entry in found:
            rel = f"{shown}/{entry.name}"
            try:
                if entry.is_symlink():
                    problem, harmless = _link_problem(entry.path, corpus_real, show_rel)
                    yield Entry(rel, printable(rel), "link", top_level, problem=problem, harmless=harmless)
                elif entry.is_dir(follow_symlinks=False):
                    yield Entry(rel, printable(rel), "folder", top_level)
                    subfolders.append((entry.path, rel))
                elif entry.is_file(follow_symlinks=False):
                    yield Entry(rel, printable(rel), "file", top_level, size=entry.stat(follow_symlinks=False).st_size)
                else:
                    what = _special_kind(entry.stat(follow_symlinks=False).st_mode) or "not a regular file"
                    yield Entry(rel, printable(rel), "special", top_level,
                                problem=f"not a regular file ({what}): not read; put the document here as a file")
            except OSError as exc:  # strerror: the exception's own text repeats the path
                yield Entry(rel, printable(rel), "special", top_level,
                            problem=f"cannot read: {exc.strerror or type(exc).__name__}")
        stack.extend(reversed(subfolders))


def read_bounded(path: str, size: int, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (one more says it is too large).

    Opened without blocking and without following a link; a file that is not
    regular by the time it is opened raises NotRegularFile and is not read.
    `size` (from the walk) sizes the first read: one read for a file as big as
    the walk saw, more only if it grew.
    """
    fd = os.open(path, OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"not a regular file ({_special_kind(mode) or 'not a file'}): not read")
        parts, total, want = [], 0, min(size, limit) + 1
        while total <= limit:
            chunk = os.read(fd, want)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            want = min(1 << 20, limit + 1 - total)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)
