"""What a stage computed for each document, kept between runs (`.pipeline-cache/<stage>/<version>/`).

A stage whose work splits by document (entities: the models' mentions; facts: each document's
figures and dates) keeps each document's result under a key that hashes everything that
document's work reads, in a folder named by a version of everything else (the code, params,
model: pipeline/core/store_version.py). A rebuild computes only the documents the store has no
entry for; a new version starts an empty folder. The store lives outside data/ because DVC
replaces a stage's outs on every run, and it is never needed: without it (a fresh clone, a
deleted folder) the stage computes everything, with the same tables.

An entry is one JSON object per document, written to a temporary file and renamed into place,
so a reader sees a whole entry or none. An entry that still cannot be read (a crash of the
machine, a file edited by hand), or that the stage's own check refuses, counts as missing and is
recomputed. After each run only the entries that run used are kept (`keep_only`), so the store
holds one corpus's worth at most. Strings may hold lone surrogates (they are written as such,
`surrogatepass`), floats keep every bit (JSON's shortest round-trip form, NaN and infinities
included).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

SUFFIX = ".json"
FORMAT = 1  # how an entry is encoded here; part of every version (store_version.py): a change empties stores
Entry = TypeVar("Entry")


class DocumentStore:
    """One stage's per-document entries, under `folder/version/`."""

    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder)
        self.version = version
        self.entries = self.folder / version
        self.used: set[str] = set()  # keys read or written since it was opened: what `keep_only` keeps
        self.reads = 0  # documents answered from the store
        self.writes = 0  # documents computed, their entries written

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}{SUFFIX}"

    def load(self, key: str, decode: Callable[[dict], Entry]) -> Entry | None:
        """`decode(entry)` of the entry stored under `key`; None when there is none, or when it is
        damaged: not a JSON object of this key, or refused by `decode` (ValueError, TypeError,
        KeyError). Then the document is computed again."""
        try:
            entry = json.loads(self._path(key).read_bytes().decode("utf-8", "surrogatepass"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                raise ValueError("entry of another key")
            value = decode(entry)
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        self.used.add(key)
        self.reads += 1
        return value

    def save(self, key: str, fields: dict) -> None:
        """Store a document's entry (`fields`, JSON values, with its key), atomically."""
        data = json.dumps({"key": key, **fields}, ensure_ascii=False, separators=(",", ":"))
        self.entries.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.entries, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode("utf-8", "surrogatepass"))
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
