"""Repeated passages: the largest clusters with every occurrence, repeated
blocks, and how much of each document repeats text found elsewhere."""

from __future__ import annotations

from pipeline.report.html import Markup, bar_chart, esc, fmt_int, full_table_note, table
from pipeline.report.sections import Section

HEAD_CHARS = 160
MAX_OCCURRENCES = 6  # per cluster in the report; all are in data/dedup/occurrences.parquet


def _head(text, n: int = HEAD_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _pct(x) -> str:
    return f"{100 * float(x):.1f}%"


def build(tables, params) -> Section | None:
    if not (tables.has("dedup", "passages") and tables.has("dedup", "clusters")):
        return None
    passages = tables.get("dedup", "passages", ("passage_id", "doc_id", "seq", "match", "is_canonical",
                                                "skip_downstream", "figures_differ", "text"))
    clusters = tables.get("dedup", "clusters")
    occ = tables.get("dedup", "occurrences") if tables.has("dedup", "occurrences") else None
    blocks = tables.get("dedup", "blocks") if tables.has("dedup", "blocks") else None
    shares = tables.get("dedup", "repeated_share") if tables.has("dedup", "repeated_share") else None
    docs = tables.get("ingest", "documents", ("doc_id", "source_path"))
    path_of = dict(zip(docs["doc_id"], docs["source_path"]))
    text_of = dict(zip(passages["passage_id"], passages["text"]))

    n_exact = int((clusters["kind"] == "exact").sum()) if len(clusters) else 0
    n_blocks = int(blocks["block_id"].nunique()) if blocks is not None and len(blocks) else 0
    skipped = int(passages["skip_downstream"].sum())
    near = int((passages["match"] == "near").sum())
    parts = [
        "<p>Passages are compared after ignoring case, whitespace, quote and dash styles, look-alike "
        "letters and punctuation-only lines at their edges. <b>Exact</b> copies are processed once by "
        "the later stages; <b>near</b> copies (small edits, truncated or reworded versions) keep their "
        "own text, since a reprint can carry different figures, but stay linked to their cluster. "
        "A passage <b>quoted</b> inside a longer one is listed with the offsets of the quoted part.</p>",
        '<div class="cards">',
        *(f'<div class="card"><b>{v}</b><span>{esc(k)}</span></div>' for k, v in [
            ("clusters of repeats", fmt_int(len(clusters))), ("of them exact", fmt_int(n_exact)),
            ("exact copies skipped downstream", fmt_int(skipped)), ("near copies kept", fmt_int(near)),
            ("repeated blocks", fmt_int(n_blocks))]),
        "</div>",
    ]

    # repeated share per document
    metrics_share = {}
    if shares is not None and len(shares):
        s = shares.sort_values(["repeated_share", "source_path"], ascending=[False, True])
        shown = s.head(params.top_n)
        parts.append("<h3>Repeated share per document</h3>")
        parts.append(bar_chart(shown["source_path"].tolist(), (100 * shown["repeated_share"]).round(1).tolist(),
                               title="Characters that also occur elsewhere, % of the document", unit="%"))
        parts.append(table(
            ["document", "characters", "repeated characters", "repeated share", "copied share",
             "passages in clusters", "exact copies skipped"],
            ([r.source_path, fmt_int(r.n_chars), fmt_int(r.repeated_chars), _pct(r.repeated_share),
              _pct(r.copied_share), fmt_int(r.repeated_passages), fmt_int(r.skipped_passages)]
             for r in shown.itertuples()),
            numeric=(1, 2, 3, 4, 5, 6)))
        parts.append("<p class=note>Repeated share: characters of the document that also occur elsewhere "
                     "(every occurrence counts, the first one too). Copied share: characters that repeat an "
                     "earlier occurrence.</p>")
        metrics_share = {r.source_path: round(float(r.repeated_share), 4) for r in shares.itertuples()}

    # largest clusters with their occurrences
    parts.append("<h3>Largest clusters</h3>")
    if len(clusters):
        top = clusters.sort_values(["n_occurrences", "canonical_chars", "cluster_id"],
                                   ascending=[False, False, True]).head(min(params.top_n, 10))
        by_cluster = {k: g for k, g in occ.groupby("cluster_id")} if occ is not None and len(occ) else {}
        for r in top.itertuples():
            flag = " <b>Figures differ between copies.</b>" if r.figures_differ else ""
            parts.append(
                f"<p><b>{esc(r.cluster_id)}</b> ({esc(r.kind)}, {fmt_int(r.n_occurrences)} occurrences in "
                f"{fmt_int(r.n_docs)} document{'s' if r.n_docs != 1 else ''}).{flag}<br>"
                f"<q>{esc(_head(r.canonical_head))}</q></p>")
            g = by_cluster.get(r.cluster_id)
            if g is None:
                continue
            rows = [[path_of.get(o.doc_id, o.doc_id), fmt_int(o.seq), f"{o.char_start:,}–{o.char_end:,}"
                     + (" (approx.)" if o.approximate else ""), o.relation, f"{o.similarity:.2f}",
                     _head(text_of.get(o.passage_id, ""), 90),
                     tables.evidence.cite(o.doc_id, o.char_start, o.char_end, f"repeat {r.cluster_id}")]
                    for o in g.head(MAX_OCCURRENCES).itertuples()]
            parts.append(table(["document", "passage", "characters", "relation", "similarity", "text", "source"],
                               rows, numeric=(1, 4)))
            parts.append(full_table_note(len(g) - MAX_OCCURRENCES, "dedup", "occurrences", "occurrences"))
        parts.append(full_table_note(len(clusters) - len(top), "dedup", "clusters", "clusters"))
    else:
        parts.append("<p>No repeated passage was found.</p>")

    # near copies whose figures differ
    differ = passages[passages["figures_differ"]]
    if len(differ):
        parts.append("<h3>Near copies whose figures differ from their canonical passage</h3>")
        parts.append("<p class=note>Not independent confirmations: one text, reprinted with other figures.</p>")
        parts.append(table(["document", "passage", "text"],
                           ([path_of.get(r.doc_id, r.doc_id), fmt_int(r.seq), _head(r.text)]
                            for r in differ.head(params.top_n).itertuples()), numeric=(1,)))

    # blocks
    parts.append("<h3>Repeated blocks</h3>")
    if n_blocks:
        first = blocks.sort_values(["block_id", "copy"]).groupby("block_id", sort=False)
        rows = []
        for bid, g in list(first)[: params.top_n]:
            copies = "; ".join(f"{path_of.get(c.doc_id, c.doc_id)} passages {c.seq_start}–{c.seq_end} "
                               f"(characters {c.char_start:,}–{c.char_end:,})" for c in g.itertuples())
            head = _head(text_of.get(g.iloc[0]["passage_ids"][0], ""), 90)
            rows.append([bid, fmt_int(len(g)), fmt_int(int(g["n_passages"].max())), copies, head])
        parts.append(table(["block", "copies", "passages", "where", "starts with"], rows, numeric=(1, 2)))
        parts.append("<p class=note>A block is a run of consecutive repeated passages reprinted together "
                     "(an article reprinted in a thread is one block).</p>")
    else:
        parts.append("<p>No repeated block was found.</p>")

    metrics = {
        "clusters": int(len(clusters)),
        "clusters_exact": n_exact,
        "clusters_near": int(len(clusters) - n_exact),
        "passages_in_clusters": int((passages["match"] != "unique").sum()),
        "exact_repeats_skipped": skipped,
        "near_repeats": near,
        "figures_differ": int(passages["figures_differ"].sum()),
        "blocks": n_blocks,
        "block_copies": int(len(blocks)) if blocks is not None else 0,
        "repeated_share": metrics_share,
    }
    plots = {}
    if shares is not None and len(shares):
        plots["repeated_share"] = shares[["source_path", "repeated_share", "copied_share"]] \
            .sort_values("source_path").reset_index(drop=True)
    exports = {"dedup-clusters": clusters}
    if occ is not None:
        exports["dedup-occurrences"] = occ
    if shares is not None:
        exports["dedup-repeated_share"] = shares
    return Section("repeats", "Repeated passages", "".join(parts), {"dedup": metrics}, plots, exports)

