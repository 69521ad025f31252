"""Timeline: the dated events of all sources, merged by date and event."""

from __future__ import annotations

import pandas as pd

from pipeline.report.html import esc, fmt_int, full_table_note, table
from pipeline.report.sections import Section


def build(tables, params) -> Section | None:
    if not tables.has("facts", "timeline"):
        return None
    t = tables.get("facts", "timeline")
    docs = tables.get("ingest", "documents", ("doc_id", "source_path")) if tables.has("ingest", "documents") \
        else pd.DataFrame(columns=["doc_id", "source_path"])
    paths = dict(zip(docs["doc_id"], docs["source_path"]))
    events = tables.get("facts", "events") if tables.has("facts", "events") else pd.DataFrame()
    labels = dict(zip(events["event_id"], events["label"])) if len(events) else {}
    ev = t[t["role"] == "event"]
    parts = ["<p>Every date the documents mention, normalised to ISO (day, month or year as precise as the "
             "text), with relative dates (\"last Friday, December 16\", \"last December\") resolved against the "
             "document's date or its context. Entries of different sources about the same date and event are "
             "one row; a date standing on a line of its own is shown with the text it heads.</p>"]
    parts.append('<div class="cards">' + "".join(
        f'<div class="card"><b>{v}</b><span>{esc(k)}</span></div>' for k, v in [
            ("dated mentions", fmt_int(len(ev))), ("dates", fmt_int(ev["date"].nunique() if len(ev) else 0)),
            ("relative, resolved", fmt_int(int(ev["relative"].sum()) if len(ev) else 0)),
            ("datelines", fmt_int(int((t["role"] == "dateline").sum())))]) + "</div>")
    rows = []
    if len(ev):
        for gid, g in ev.groupby("group_id", sort=False):
            first = g.iloc[0]
            when = first["date"] + (f" – {first['date_end']}" if isinstance(first["date_end"], str) else "")
            sources = sorted({paths.get(d, d) for d in g["doc_id"]})
            quote = first["sentence"] if len(first["sentence"]) <= 300 else first["sentence"][:299] + "…"
            rows.append((first["date"], first, [when, first["precision"],
                                                labels.get(first["event"], first["event"] or ""),
                                                len(g), ", ".join(sources), quote]))
        rows.sort(key=lambda r: r[0])
    # the dates most sources agree on first, then in date order
    limit = params.top_n
    shown = sorted(rows, key=lambda r: (-r[2][3], r[0]))[:limit]
    shown.sort(key=lambda r: r[0])
    parts.append(table(["date", "precision", "event", "mentions", "sources", "text", "source"],
                       [r[2] + [tables.evidence.cite(r[1]["doc_id"], r[1]["raw_start"], r[1]["raw_end"],
                                                     f"date {r[1]['date']}")] for r in shown],
                       numeric=(3,)))
    parts.append(full_table_note(len(rows) - len(shown), "facts", "timeline", "dates"))
    metrics = {"timeline_mentions": len(ev), "timeline_dates": int(ev["date"].nunique()) if len(ev) else 0,
               "timeline_relative": int(ev["relative"].sum()) if len(ev) else 0,
               "timeline_by_precision": {str(k): int(v) for k, v in ev.groupby("precision").size().items()}
               if len(ev) else {}}
    exports = {"facts-timeline": t}
    return Section("timeline", "Timeline", "".join(parts), {"facts": metrics}, exports=exports)
