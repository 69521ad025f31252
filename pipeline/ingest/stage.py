"""The ingest stage as pure functions: file bytes in, contract tables out.

`discover` lists the inputs (walking the input folder as pipeline/ingest/corpus.py
does: no link followed out of it, no pipe or device opened) and `read_partition`
turns a list of files into documents, passages and rejections. The one step
across partitions (a file whose content an earlier file had is rejected) lives
in the flow.
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
from pipeline.ingest.corpus import NotRegularFile, input_folder, read_bounded, walk
from pipeline.ingest.encoding import NotText, decode_counting
from pipeline.ingest.formats import PARSERS
from pipeline.ingest.params import IngestParams
from pipeline.ingest.passages import split_passages

# the tables this stage writes, as the contract declares them (pipeline/contract/ingest.py)
DOCUMENTS = contract.DOCUMENTS.schema
PASSAGES = contract.PASSAGES.schema
REJECTED = contract.REJECTED.schema


@dataclass(frozen=True)
class InputFile:
    path: str  # relative to the project root, with forward slashes; what tables show (escaped if not UTF-8)
    size: int
    disk_path: str = ""  # the name the OS knows, when it differs from `path` (bytes that are not UTF-8)


def doc_id_for(text: str) -> str:
    """Stable id from the decoded content: same text, same id, whatever the file name."""
    return "d" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def max_bytes(params: IngestParams) -> int:
    return int(params.max_file_mb * 1024 * 1024)


def _too_large(params: IngestParams, size: int | None = None) -> str:
    """The reason for a file over the limit; size None: it grew past it while being read."""
    if size is None:
        return f"too large: grew past ingest.max_file_mb={params.max_file_mb} while being read"
    return f"too large: {size / 2**20:.1f} MB > ingest.max_file_mb={params.max_file_mb}"


def _file_problem(name: str, size: int, params: IngestParams) -> str | None:
    """Why a regular file is not read (hidden, a format ingest does not read, too large), or None."""
    ext = Path(name).suffix.lower().lstrip(".")
    if name.startswith("."):
        return "hidden file, not read"
    if ext not in params.formats:
        known = ", ".join(sorted(params.formats))
        return (f"unsupported format '.{ext}' (readable: {known}; map more extensions in ingest.formats)"
                if ext else f"no file extension (readable: {known})")
    if size > max_bytes(params):
        return _too_large(params, size)
    return None


def discover(root: Path, params: IngestParams, outside: str | None = None
             ) -> tuple[list[InputFile], list[dict]]:
    """Every regular file under the input folder, sorted; every other entry (links,
    pipes, devices, unsupported files) already rejected with its reason.

    `outside`: an absolute folder the command line allowed instead of
    ingest.input_dir (pipeline/ingest/corpus.py `input_folder`).
    """
    folder, prefix = input_folder(root, params.input_dir, outside)
    files: list[InputFile] = []
    rejected: list[dict] = []
    for entry in walk(folder, prefix):
        if entry.kind == "folder":
            continue
        if entry.problem is not None:
            rejected.append({"source_path": entry.path, "reason": entry.problem, "n_bytes": entry.size})
            continue
        if entry.top_level and entry.name in CORPUS_FILES:
            continue  # the corpus's profile or gazetteer, kept with its documents: not a document
        problem = _file_problem(entry.name, entry.size, params)
        if problem is not None:
            rejected.append({"source_path": entry.path, "reason": problem, "n_bytes": entry.size})
        else:
            disk = entry.disk_path if entry.disk_path != entry.path else ""
            files.append(InputFile(entry.path, entry.size, disk))
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
    text, encoding, n_replaced = decode_counting(data)
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
        "doc_id": doc_id, "source_path": rel, "format": fmt, "encoding": encoding, "n_replaced": n_replaced,
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


def _read_file(base: str, f: InputFile, params: IngestParams) -> bytes:
    """The file's bytes, never more than ingest.max_file_mb (NotText if it has more)."""
    limit = max_bytes(params)
    data = read_bounded(os.path.join(base, f.disk_path or f.path), f.size, limit)  # not pathlib: 10% here
    if len(data) > limit:
        raise NotText(_too_large(params))
    return data


def read_partition(root: Path, files: list[InputFile], params: IngestParams
                   ) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Documents, passages and rejections of one partition, as Arrow tables.

    One file that cannot be read or parsed is a rejection with its reason,
    never the end of the stage.
    """
    docs, passages, rejected = _Columns(DOCUMENTS), _Columns(PASSAGES), _Columns(REJECTED)
    base = str(root)
    for f in files:
        try:
            doc, spans = _parse(f.path, _read_file(base, f, params), params)
        except NotText as exc:
            rejected.append({"source_path": f.path, "reason": str(exc), "n_bytes": f.size})
            continue
        except NotRegularFile as exc:
            rejected.append({"source_path": f.path, "reason": f"{exc}; it changed after the folder was listed",
                             "n_bytes": None})
            continue
        except OSError as exc:  # strerror: the exception's text repeats the path, perhaps not UTF-8
            rejected.append({"source_path": f.path, "reason": f"cannot read: {exc.strerror or type(exc).__name__}",
                             "n_bytes": f.size})
            continue
        except (ValueError, RecursionError) as exc:
            rejected.append({"source_path": f.path, "n_bytes": f.size,
                             "reason": f"could not be parsed ({type(exc).__name__}): please report it with the file"})
            continue
        docs.append(doc)
        _add_passages(passages, doc, spans)
    return docs.table(), passages.table(), rejected.table()
