"""Corpus overview: what was read, how, and what was refused."""

from __future__ import annotations

from pipeline.report.exports import TableExport
from pipeline.report.html import Markup, bar_chart, fmt_int, full_table_note, short_id, table
from pipeline.report.sections import Section


def build(tables, params) -> Section | None:
    if not tables.has("ingest", "documents"):
        return None
    docs = tables.get("ingest", "documents", ("doc_id", "source_path", "format", "encoding", "title",
                                              "published_iso", "n_bytes", "n_chars", "n_passages"))
    rejected = tables.get("ingest", "rejected")
    n_chars = int(docs["n_chars"].sum()) if len(docs) else 0
    n_passages = int(docs["n_passages"].sum()) if len(docs) else 0
    parts = [
        Markup('<div class="cards">'),
        *(Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
            ("documents", fmt_int(len(docs))), ("passages", fmt_int(n_passages)),
            ("characters", fmt_int(n_chars)), ("rejected inputs", fmt_int(len(rejected)))]),
        Markup("</div>"),
    ]
    by_format = docs.groupby("format").size().sort_index()
    by_encoding = docs.groupby("encoding").size().sort_index()
    parts.append(Markup("<p>Formats: {}. Encodings as detected: {}.</p>").format(
        ", ".join(f"{k} ({v})" for k, v in by_format.items()),
        ", ".join(f"{k} ({v})" for k, v in by_encoding.items())))
    shown = docs.sort_values("n_chars", ascending=False).head(params.top_n)
    if len(shown):
        parts.append(bar_chart(shown["source_path"].tolist(), shown["n_chars"].tolist(),
                               title="Characters per document"))
    parts.append(Markup("<h3>Documents</h3>"))
    parts.append(table(
        ["document", "doc_id", "title", "format", "encoding", "published", "characters", "passages"],
        ([r.source_path, short_id(r.doc_id), r.title, r.format, r.encoding, r.published_iso, fmt_int(r.n_chars),
          fmt_int(r.n_passages)] for r in docs.sort_values("source_path").head(params.top_n).itertuples()),
        numeric=(6, 7), long=(2,),
    ))
    parts.append(full_table_note(len(docs) - params.top_n, "ingest", "documents", "documents",
                                 parts=tables.n_parts("ingest", "documents")))
    parts.append(Markup("<h3>Rejected inputs</h3>"))
    if len(rejected):
        parts.append(table(["file", "reason"], ((r.source_path, r.reason) for r in
                                                rejected.head(params.top_n).itertuples()), long=(1,)))
        parts.append(full_table_note(len(rejected) - params.top_n, "ingest", "rejected", "rejected inputs",
                                     parts=tables.n_parts("ingest", "rejected")))
    else:
        parts.append(Markup("<p>None: every input file was read.</p>"))
    metrics = {
        "documents": len(docs), "passages": n_passages, "characters": n_chars,
        "rejected": len(rejected),
        "formats": {str(k): int(v) for k, v in by_format.items()},
        "encodings": {str(k): int(v) for k, v in by_encoding.items()},
    }
    exports = {"ingest-documents": TableExport("ingest", "documents", drop=("text",)),
               "ingest-rejected": TableExport("ingest", "rejected")}
    return Section("overview", "Corpus overview", Markup("").join(parts), {"ingest": metrics}, exports=exports)
