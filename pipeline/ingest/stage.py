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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyarrow as pa

from pipeline.contract import ingest as contract
from pipeline.core.paths import CORPUS_FILES
from pipeline.ingest.corpus import NotRegularFile, input_folder, printable, read_bounded, walk
from pipeline.ingest.encoding import NotText
from pipeline.ingest.params import IngestParams
from pipeline.ingest.passages import Passages, split_document
from pipeline.ingest.readers.base import Extracted
from pipeline.ingest.readers.dispatch import NO_TEXT, NO_TEXT_DEFAULT, extract
from pipeline.ingest.readers.sniff import HEAD_BYTES, content_format, extension, unsupported

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


def _file_problem(name: str, size: int, params: IngestParams, head: Callable[[], bytes] | None = None
                  ) -> str | None:
    """Why a regular file is not read (hidden, a format ingest does not read, too large), or None.

    A file without an extension is read (its content decides); one with an extension no reader
    takes only if `head()`, its first bytes, shows a format ingest reads (a PDF called .bin)."""
    ext = extension(name)
    if name.startswith("."):
        return "hidden file, not read"
    if ext and ext not in params.formats:
        first = head() if head is not None else b""
        if content_format(first) is None:
            return unsupported(name, params.formats, first)
    if size > max_bytes(params):
        return _too_large(params, size)
    return None


def _head(root: Path, disk_path: str) -> Callable[[], bytes]:
    """The first bytes of a file, read when asked (b"" if it cannot be read: the read says why later)."""
    def read() -> bytes:
        try:
            return read_bounded(os.path.join(root, disk_path), HEAD_BYTES, HEAD_BYTES)
        except OSError:
            return b""
    return read


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
        problem = _file_problem(entry.name, entry.size, params, _head(root, entry.disk_path))
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


@dataclass(frozen=True)
class ReadDocument:
    """One document's row and its passages (offsets, and pages for a paged format)."""

    row: dict
    passages: Passages


@dataclass
class Reading:
    """What one file gave: its document (an e-mail: the message and its attachments), and the
    parts of it that were not read, each with its reason (rows of rejected)."""

    documents: list[ReadDocument] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    def extend(self, other: "Reading") -> None:
        self.documents.extend(other.documents)
        self.rejected.extend(other.rejected)


def _document(rel: str, n_bytes: int, fmt: str, ex: Extracted, parent: str | None,
              params: IngestParams) -> ReadDocument:
    doc_id = doc_id_for(ex.text)
    passages = split_document(ex.text, params.max_passage_chars, ex.pages)
    published = None
    if ex.published and len(ex.published) == 10:
        published = dt.date.fromisoformat(ex.published)
    row = {
        "doc_id": doc_id, "source_path": rel, "format": fmt, "encoding": ex.encoding, "n_replaced": ex.n_replaced,
        "title": ex.title, "published": published, "published_iso": ex.published,
        "n_bytes": n_bytes, "n_chars": len(ex.text), "n_passages": len(passages.spans),
        "page_count": ex.page_count, "parent_doc_id": parent,
        "ocr_pages": None if ex.pages is None else [p.number for p in ex.pages if p.ocr], "text": ex.text,
    }
    return ReadDocument(row, passages)


def _attachment_path(rel: str, number: int, name: str) -> str:
    """`seeds/tip.eml#2/report.pdf`: the message, the attachment's place in it, its name."""
    return f"{rel}#{number}/{printable(name.replace('/', '_')) or 'attachment'}"


def read_file(rel: str, data: bytes, params: IngestParams, depth: int = 0, parent: str | None = None,
              fmt: str | None = None) -> Reading:
    """One file (or attachment) as documents and rejections; NotText (a reason) if it is not read at all.

    `depth`: how many messages enclose it; attachments deeper than ingest.max_message_depth are
    not read. Each attachment or mbox message that cannot be read is a rejection; the rest stands.
    `fmt`: the reader, when the container says (an mbox's messages are e-mails).
    """
    ex = extract(rel, data, params, fmt)
    out = Reading()
    out.rejected.extend({"source_path": rel + s.where, "reason": s.reason, "n_bytes": None}
                        for s in ex.extracted.skipped)
    if ex.extracted.messages:  # an mbox: a folder of messages in one file, each read as a file
        for number, msg in enumerate(ex.extracted.messages, 1):
            out.extend(_read_part(f"{rel}#{number}", msg.data, params, depth, parent, "eml"))
        return out
    doc_id = None
    if ex.extracted.text.strip():
        doc = _document(rel, len(data), ex.fmt, ex.extracted, parent, params)
        out.documents.append(doc)
        doc_id = doc.row["doc_id"]
    elif not ex.extracted.attachments:
        raise NotText(NO_TEXT.get(ex.fmt, NO_TEXT_DEFAULT))
    else:
        out.rejected.append({"source_path": rel, "reason": NO_TEXT.get(ex.fmt, NO_TEXT_DEFAULT) +
                             "; its attachments are read", "n_bytes": len(data)})
    attachments = ex.extracted.attachments
    if attachments and depth >= params.max_message_depth:
        out.rejected.append({"source_path": rel + "#attachments", "n_bytes": None, "reason": (
            f"{len(attachments)} attachment(s) not read: nested more than "
            f"ingest.max_message_depth={params.max_message_depth} messages deep")})
        return out
    for number, att in enumerate(attachments, 1):
        out.extend(_read_part(_attachment_path(rel, number, att.name), att.data, params, depth + 1, doc_id))
    return out


def _read_part(path: str, data: bytes, params: IngestParams, depth: int, parent: str | None,
               fmt: str | None = None) -> Reading:
    """A part of a file (an attachment, an mbox's message) read as a file; one that cannot be read
    is a rejection under its own path, not the end of the file it came in."""
    try:
        return read_file(path, data, params, depth, parent, fmt)
    except (ValueError, RecursionError) as exc:  # NotText included: a reason a person reads
        return Reading(rejected=[{"source_path": path, "n_bytes": len(data), "reason": _reason(exc)}])


def _reason(exc: Exception) -> str:
    if isinstance(exc, NotText):
        return str(exc)
    return f"could not be parsed ({type(exc).__name__}): please report it with the file"


def read_document(rel: str, data: bytes, params: IngestParams) -> tuple[dict, list[dict]]:
    """One file's (first) document row and passage rows; raises NotText with a reason."""
    read = read_file(rel, data, params).documents
    if not read:
        raise NotText("no document in the file: only attachments")
    doc = read[0]
    cols = _Columns(PASSAGES)
    _add_passages(cols, doc)
    return doc.row, cols.rows()


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


def _add_passages(cols: _Columns, doc: ReadDocument) -> None:
    spans = doc.passages.spans
    doc_id, text, n = doc.row["doc_id"], doc.row["text"], len(spans)
    data = cols.data
    data["passage_id"].extend([f"{doc_id}-p{seq:05d}" for seq in range(n)])
    data["doc_id"].extend([doc_id] * n)
    data["seq"].extend(range(n))
    data["char_start"].extend([s for s, _ in spans])
    data["char_end"].extend([e for _, e in spans])
    data["page"].extend(doc.passages.pages if doc.passages.pages is not None else [None] * n)
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
            reading = read_file(f.path, _read_file(base, f, params), params)
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
        for doc in reading.documents:
            docs.append(doc.row)
            _add_passages(passages, doc)
        for row in reading.rejected:
            rejected.append(row)
    return docs.table(), passages.table(), rejected.table()
