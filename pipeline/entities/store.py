"""The model's raw mentions of each document, kept between runs (`.pipeline-cache/entities/`).

A rebuild sends a document to the model only when the store has nothing under its key
(pipeline/entities/per_document.py says what the key covers). The store is one folder per
version of the code, params, model and gazetteer (pipeline/entities/store_version.py), one
JSON file per document in it; a new version starts an empty folder. It lives outside
data/ because DVC replaces the stage's outs on every run, and it is never needed: without
it (a fresh clone, a deleted folder) the stage computes everything, with the same tables.

Every entry is written to a temporary file and renamed into place, so a reader sees a
whole entry or none; an entry that still cannot be read (a crash of the machine, a file
edited by hand) counts as missing and is recomputed. After each run only the entries that
run used are kept (`keep_only`), so the store holds one corpus's worth at most.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from pipeline.entities.ner import RawMention

COLUMNS = ("p", "start", "end", "label", "gaz")  # p: the passage's place among its document's passages
SUFFIX = ".json"


class MentionStore:
    """Raw mentions per document key, under `folder/version/`."""

    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder)
        self.version = version
        self.entries = self.folder / version
        self.used: set[str] = set()  # keys read or written since it was opened: what `keep_only` keeps
        self.reads = 0  # documents answered from the store
        self.writes = 0  # documents the model read, their entries written

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}{SUFFIX}"

    def get(self, key: str, n_passages: int) -> list[RawMention] | None:
        """The stored mentions of a document of `n_passages` passages, or None when there are none
        or the entry is damaged (then the document goes to the model again)."""
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                mentions = _mentions(json.load(fh), key, n_passages)
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        self.used.add(key)
        self.reads += 1
        return mentions

    def put(self, key: str, mentions: list[RawMention]) -> None:
        """Store a document's mentions (p counted within the document), atomically."""
        columns = [list(col) for col in zip(*mentions)] if mentions else [[] for _ in COLUMNS]
        entry = {"key": key, **dict(zip(COLUMNS, columns))}
        self.entries.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.entries, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.used.add(key)
        self.writes += 1

    def keep_only(self, keys: Iterable[str] | None = None) -> int:
        """Drop every entry but `keys` (default: those used since the store was opened, by the run
        just finished), other versions included; the number of files and folders removed."""
        wanted = {f"{key}{SUFFIX}" for key in (self.used if keys is None else keys)}
        unwanted = [p for p in self.folder.iterdir() if p != self.entries] if self.folder.is_dir() else []
        if self.entries.is_dir():
            unwanted += [p for p in self.entries.iterdir() if p.name not in wanted]
        for path in unwanted:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        return len(unwanted)


def _mentions(entry: dict, key: str, n_passages: int) -> list[RawMention]:
    """The mentions of an entry read back, checked; ValueError when it is not a whole, sound entry."""
    if not isinstance(entry, dict) or entry.get("key") != key:
        raise ValueError("entry of another key")
    columns = [entry[name] for name in COLUMNS]
    if any(not isinstance(col, list) or len(col) != len(columns[0]) for col in columns):
        raise ValueError("columns of different lengths")
    out = []
    for p, start, end, label, gaz in zip(*columns):
        if not (_int(p) and _int(start) and _int(end) and _int(gaz) and isinstance(label, str)
                and 0 <= p < n_passages and 0 <= start < end and gaz >= -1):
            raise ValueError("not a mention")
        out.append((p, start, end, label, gaz))
    return out


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
