"""The ingest stage as pure functions: file bytes in, contract tables out.

`discover` lists the inputs and `read_partition` turns a list of files into
documents, passages and rejections. The one step across partitions (a file
whose content an earlier file had is rejected) lives in the flow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline.contract import ingest as contract
from pipeline.core.paths import CORPUS_FILES
from pipeline.ingest.encoding import NotText, decode
from pipeline.ingest.formats import PARSERS
from pipeline.ingest.params import IngestParams
from pipeline.ingest.passages import split_passages

# the tables this stage writes, as the contract declares them (pipeline/contract/ingest.py)
DOCUMENTS = contract.DOCUMENTS.schema
PASSAGES = contract.PASSAGES.schema
REJECTED = contract.REJECTED.schema


@dataclass(frozen=True)
class InputFile:
    path: str  # relative to the project root, with forward slashes
    size: int


def doc_id_for(text: str) -> str:
    """Stable id from the decoded content: same text, same id, whatever the file name."""
    return "d" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def discover(root: Path, params: IngestParams) -> tuple[list[InputFile], list[dict]]:
    """Every file under the input folder, sorted; unsupported ones already rejected."""
    base = root / params.input_dir
    if not base.is_dir():
        raise FileNotFoundError(
            f"Input folder {base} does not exist. Create it and put documents in it, "
            "or set ingest.input_dir in params.yaml."
        )
    files: list[InputFile] = []
    rejected: list[dict] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            try:
                size = full.stat().st_size
            except OSError as exc:
                rejected.append({"source_path": rel, "reason": f"cannot read: {exc.strerror}", "n_bytes": None})
                continue
            ext = full.suffix.lower().lstrip(".")
            if name in CORPUS_FILES and Path(dirpath) == base:
                continue  # the corpus's profile or gazetteer, kept with its documents: not a document
            if name.startswith("."):
                rejected.append({"source_path": rel, "reason": "hidden file, not read", "n_bytes": size})
            elif ext not in params.formats:
                known = ", ".join(sorted(params.formats))
                rejected.append({
                    "source_path": rel,
                    "reason": f"unsupported format '.{ext}' (readable: {known}; "
                              "map more extensions in ingest.formats)" if ext else
                              f"no file extension (readable: {known})",
                    "n_bytes": size,
                })
            elif size > params.max_file_mb * 1024 * 1024:
                rejected.append({
                    "source_path": rel,
                    "reason": f"too large: {size / 2**20:.1f} MB > ingest.max_file_mb={params.max_file_mb}",
                    "n_bytes": size,
                })
            else:
                files.append(InputFile(rel, size))
    files.sort(key=lambda f: f.path)
    return files, rejected


def partition(files: list[InputFile], partition_mb: float) -> list[list[InputFile]]:
    """Consecutive runs of files of about `partition_mb` each (order kept)."""
    limit = partition_mb * 1024 * 1024
    parts: list[list[InputFile]] = []
    current: list[InputFile] = []
    size = 0
    for f in files:
        if current and size + f.size > limit:
            parts.append(current)
            current, size = [], 0
        current.append(f)
        size += f.size
    if current:
        parts.append(current)
    return parts


def _parse(rel: str, data: bytes, params: IngestParams) -> tuple[dict, list[tuple[int, int]]]:
    """One file's document row and its passages' (start, end); raises NotText with a reason."""
    fmt = params.formats[Path(rel).suffix.lower().lstrip(".")]
    text, encoding = decode(data)
    parsed = PARSERS[fmt](text)
    if not parsed.text.strip():
        raise NotText("no text: the file is empty or whitespace only" if fmt != "html"
                      else "no visible text in the HTML page")
    doc_id = doc_id_for(parsed.text)
    spans = list(split_passages(parsed.text, params.max_passage_chars))
    published = None
    if parsed.published and len(parsed.published) == 10:
        published = dt.date.fromisoformat(parsed.published)
    doc = {
        "doc_id": doc_id, "source_path": rel, "format": fmt, "encoding": encoding,
        "title": parsed.title, "published": published, "published_iso": parsed.published,
        "n_bytes": len(data), "n_chars": len(parsed.text), "n_passages": len(spans),
        "text": parsed.text,
    }
    return doc, spans


def read_document(rel: str, data: bytes, params: IngestParams) -> tuple[dict, list[dict]]:
    """One file's document row and passage rows; raises NotText with a reason."""
    doc, spans = _parse(rel, data, params)
    cols = _Columns(PASSAGES)
    _add_passages(cols, doc, spans)
    return doc, cols.rows()


class _Columns:
    """Rows of one schema gathered column by column: no dict per row, and
    Arrow converts each column list in one call."""

    def __init__(self, schema: pa.Schema):
        self.schema = schema
        self.data: dict[str, list] = {f.name: [] for f in schema}

    def append(self, row: dict) -> None:
        for name, values in self.data.items():
            values.append(row[name])

    def rows(self) -> list[dict]:
        names = list(self.data)
        return [dict(zip(names, values)) for values in zip(*self.data.values())]

    def table(self) -> pa.Table:
        """Arrow's inferred conversion of Python strings is far faster than a
        typed one, so infer, then cast to the schema."""
        return pa.table({f.name: pa.array(self.data[f.name]).cast(f.type) for f in self.schema},
                        schema=self.schema)


def _add_passages(cols: _Columns, doc: dict, spans: list[tuple[int, int]]) -> None:
    doc_id, text, n = doc["doc_id"], doc["text"], len(spans)
    data = cols.data
    data["passage_id"].extend([f"{doc_id}-p{seq:05d}" for seq in range(n)])
    data["doc_id"].extend([doc_id] * n)
    data["seq"].extend(range(n))
    data["char_start"].extend([s for s, _ in spans])
    data["char_end"].extend([e for _, e in spans])
    data["text"].extend([text[s:e] for s, e in spans])


def read_partition(root: Path, files: list[InputFile], params: IngestParams
                   ) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Documents, passages and rejections of one partition, as Arrow tables."""
    docs, passages, rejected = _Columns(DOCUMENTS), _Columns(PASSAGES), _Columns(REJECTED)
    base = str(root)
    for f in files:
        try:
            with open(os.path.join(base, f.path), "rb") as fh:  # not pathlib: its parsing cost 10% here
                data = fh.read()
            doc, spans = _parse(f.path, data, params)
        except NotText as exc:
            rejected.append({"source_path": f.path, "reason": str(exc), "n_bytes": f.size})
            continue
        except OSError as exc:
            rejected.append({"source_path": f.path, "reason": f"cannot read: {exc}", "n_bytes": f.size})
            continue
        docs.append(doc)
        _add_passages(passages, doc, spans)
    return docs.table(), passages.table(), rejected.table()
