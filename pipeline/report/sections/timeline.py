"""Timeline: the dated events of all sources, merged by date and event."""

from __future__ import annotations

import pandas as pd

from pipeline.report.exports import TableExport
from pipeline.report.html import Markup, fmt_int, full_table_note, some_names, table
from pipeline.report.sections import Section
from pipeline.report.timeline_chart import TimelineMark, period_of, timeline_chart


def build(tables, params) -> Section | None:
    if not tables.has("facts", "timeline"):
        return None
    # no sentence column: the sentences are read for the shown rows only
    t = tables.get("facts", "timeline", ("date", "date_end", "precision", "doc_id", "raw_start", "raw_end",
                                         "relative", "role", "event", "group_id", "attribution",
                                         "attribution_kind"))
    paths = tables.source_paths()
    events = tables.get("facts", "events", ("event_id", "label")) if tables.has("facts", "events") \
        else pd.DataFrame()
    labels = dict(zip(events["event_id"], events["label"])) if len(events) else {}
    ev = t[t["role"] == "event"]
    parts = [Markup("<p>Every date the documents mention, normalised to ISO (day, month or year as precise as the "
                    "text), with relative dates (\"last Friday, December 16\", \"last December\") resolved "
                    "against the document's date or its context. Entries of different sources about the same date "
                    "and event are one row; a date standing on a line of its own is shown with the text it heads.</p>")]
    parts.append(Markup('<div class="cards">{}</div>').format(Markup("").join(
        Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
            ("dated mentions", fmt_int(len(ev))), ("dates", fmt_int(ev["date"].nunique() if len(ev) else 0)),
            ("relative, resolved", fmt_int(int(ev["relative"].sum()) if len(ev) else 0)),
            ("datelines", fmt_int(int((t["role"] == "dateline").sum())))])))
    # one row per group of entries (same date and event); the groups most sources
    # agree on first, then in date order. Only the shown groups are built, so
    # the section costs the same for 10 documents or 10,000.
    firsts = ev.drop_duplicates("group_id")
    n_groups = len(firsts)
    sizes = ev.groupby("group_id", sort=False).size()
    firsts = firsts.assign(n=firsts["group_id"].map(sizes).to_numpy())
    shown = firsts.sort_values(["n", "date"], ascending=[False, True], kind="stable").head(params.top_n)
    shown = shown.sort_values("date", kind="stable")
    docs_of = ev[ev["group_id"].isin(shown["group_id"])].groupby("group_id", sort=False)["doc_id"].unique()
    heads = tables.where("facts", "timeline", "group_id", shown["group_id"], ("group_id", "role", "sentence"))
    heads = heads[heads["role"] == "event"].drop_duplicates("group_id")  # the group's first entry, as above
    sentence_of = dict(zip(heads["group_id"], heads["sentence"]))
    parts.append(_chart(ev, shown, labels, tables))
    rows = []
    for first in shown.to_dict("records"):
        when = first["date"] + (f" – {first['date_end']}" if isinstance(first["date_end"], str) else "")
        sources = sorted({paths.get(d, d) for d in docs_of[first["group_id"]]})
        sentence = sentence_of.get(first["group_id"]) or ""
        quote = sentence if len(sentence) <= 300 else sentence[:299] + "…"
        rows.append([when, first["precision"], labels.get(first["event"], first["event"] or ""), first["n"],
                     some_names(sources, params.sources_per_row), quote,
                     tables.evidence.cite(first["doc_id"], first["raw_start"], first["raw_end"],
                                          f"date {first['date']}")])
    parts.append(table(["date", "precision", "event", "mentions", "sources", "text", "source"], rows,
                       numeric=(3,), long=(4, 5)))
    parts.append(full_table_note(n_groups - len(shown), "facts", "timeline", "dates",
                                 parts=tables.n_parts("facts", "timeline")))
    metrics = {"timeline_mentions": len(ev), "timeline_dates": int(ev["date"].nunique()) if len(ev) else 0,
               "timeline_relative": int(ev["relative"].sum()) if len(ev) else 0,
               "timeline_by_precision": {str(k): int(v) for k, v in ev.groupby("precision").size().items()}
               if len(ev) else {}}
    exports = {"facts-timeline": TableExport("facts", "timeline")}
    return Section("timeline", "Timeline", Markup("").join(parts), {"facts": metrics}, exports=exports)


def _chart(ev: pd.DataFrame, shown: pd.DataFrame, labels: dict, tables) -> Markup:
    """The shown rows of the table on a time axis: per row, one mark per kind of source
    stating the date (its first mention of that kind), linked to that mention's quote."""
    row_of = {g: i for i, g in enumerate(shown["group_id"])}
    mentions = ev[ev["group_id"].isin(row_of)].drop_duplicates(["group_id", "attribution_kind"])
    marks = []
    for m in mentions.itertuples():
        period = period_of(m.date, m.date_end)
        if period is None:
            continue
        said = m.attribution if isinstance(m.attribution, str) else "the document itself"
        tip = f"{m.date}: {m.attribution_kind} ({said}) · {tables.evidence.where(m.doc_id, m.raw_start, m.raw_end)}"
        href = "#" + tables.evidence.anchor(m.doc_id, m.raw_start, m.raw_end, f"date {m.date}")
        marks.append(TimelineMark(row_of[m.group_id], period, m.attribution_kind or "unknown", href, tip))
    names = [f"{r['date']} · {labels.get(r['event'], r['event']) or ''}".rstrip(" ·")
             for r in shown.to_dict("records")]
    return timeline_chart(names, marks, "When things happened, and who says so")
