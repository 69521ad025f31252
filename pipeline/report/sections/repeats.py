"""Repeated passages: the largest clusters with every occurrence, repeated
blocks, and how much of each document repeats text found elsewhere."""

from __future__ import annotations

import pandas as pd

from pipeline.report.exports import TableExport
from pipeline.report.html import Markup, bar_chart, fmt_int, full_table_note, short_id, some_names, table
from pipeline.report.sections import Section

HEAD_CHARS = 160


def _head(text, n: int = HEAD_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _pct(x) -> str:
    return f"{100 * float(x):.1f}%"


def build(tables, params) -> Section | None:
    if not (tables.has("dedup", "passages") and tables.has("dedup", "clusters")):
        return None
    # passages are counted by their flags; the text is fetched for the few passages shown
    flags = tables.count("dedup", "passages", ("match", "skip_downstream", "figures_differ"))
    clusters = tables.get("dedup", "clusters", ("cluster_id", "kind", "n_occurrences", "n_docs", "figures_differ",
                                                "canonical_chars", "canonical_head", "canonical_passage_id"))
    blocks = tables.get("dedup", "blocks", ("block_id", "copy", "doc_id", "seq_start", "seq_end", "char_start",
                                            "char_end", "n_passages")) if tables.has("dedup", "blocks") else None
    shares = tables.get("dedup", "repeated_share") if tables.has("dedup", "repeated_share") else None
    path_of = tables.source_paths()

    n_exact = int((clusters["kind"] == "exact").sum()) if len(clusters) else 0
    n_blocks = int(blocks["block_id"].nunique()) if blocks is not None and len(blocks) else 0
    skipped = int(flags.loc[flags["skip_downstream"].astype(bool), "n"].sum())
    near = int(flags.loc[flags["match"] == "near", "n"].sum())
    n_differ = int(flags.loc[flags["figures_differ"].astype(bool), "n"].sum())

    # what is shown, chosen before any text is read. A cluster of page furniture (its canonical
    # passage is all furniture: e-mail headers, navigation, share prompts) repeats most in a
    # forum dump or a crawl and says least: such clusters are listed after, in one short table.
    ranked = clusters.sort_values(["n_occurrences", "canonical_chars", "cluster_id"], ascending=[False, False, True])
    furniture = _furniture_clusters(tables, ranked)
    top = ranked[~ranked["cluster_id"].isin(furniture)].head(min(params.top_n, 10))
    top_furniture = ranked[ranked["cluster_id"].isin(furniture)].head(min(params.top_n, 10))
    occ = None
    if tables.has("dedup", "occurrences") and len(top):
        occ = tables.where("dedup", "occurrences", "cluster_id", top["cluster_id"])
    by_cluster = {k: g for k, g in occ.groupby("cluster_id", sort=False)} if occ is not None and len(occ) else {}
    differ = tables.where("dedup", "passages", "figures_differ", [True], ("passage_id", "doc_id", "seq"),
                          limit=params.top_n)
    shown_blocks = pd.DataFrame()
    if n_blocks:
        ids = sorted(set(blocks["block_id"]))[: params.top_n]
        shown_blocks = blocks[blocks["block_id"].isin(ids)].sort_values(["block_id", "copy"])
        heads = tables.where("dedup", "blocks", "block_id", ids, ("block_id", "copy", "passage_ids")) \
            .sort_values(["block_id", "copy"]).drop_duplicates("block_id")
        first_passage = {b: (list(p)[0] if p is not None and len(p) else "")
                         for b, p in zip(heads["block_id"], heads["passage_ids"])}
    else:
        first_passage = {}
    wanted = {o for g in by_cluster.values() for o in g["passage_id"].head(params.occurrences_per_cluster)}
    wanted |= set(differ["passage_id"]) | set(first_passage.values())
    text_of = dict(tables.where("dedup", "passages", "passage_id", wanted, ("passage_id", "text")).itertuples(
        index=False)) if wanted else {}

    parts = [
        Markup("<p>Passages are compared after ignoring case, whitespace, quote and dash styles, look-alike "
               "letters and punctuation-only lines at their edges. <b>Exact</b> copies are processed once by "
               "the later stages; <b>near</b> copies (small edits, truncated or reworded versions) keep their "
               "own text, since a reprint can carry different figures, but stay linked to their cluster. "
               "A passage <b>quoted</b> inside a longer one is listed with the offsets of the quoted part.</p>"),
        Markup('<div class="cards">'),
        *(Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
            ("clusters of repeats", fmt_int(len(clusters))), ("of them exact", fmt_int(n_exact)),
            ("exact copies skipped downstream", fmt_int(skipped)), ("near copies kept", fmt_int(near)),
            ("repeated blocks", fmt_int(n_blocks))]),
        Markup("</div>"),
    ]

    # repeated share per document
    corpus_share = 0.0
    if shares is not None and len(shares):
        s = shares.sort_values(["repeated_share", "source_path"], ascending=[False, True])
        shown = s.head(params.top_n)
        parts.append(Markup("<h3>Repeated share per document</h3>"))
        parts.append(bar_chart(shown["source_path"].tolist(), (100 * shown["repeated_share"]).round(1).tolist(),
                               title="Characters that also occur elsewhere, % of the document", unit="%"))
        parts.append(table(
            ["document", "characters", "repeated characters", "repeated share", "copied share",
             "passages in clusters", "exact copies skipped"],
            ([r.source_path, fmt_int(r.n_chars), fmt_int(r.repeated_chars), _pct(r.repeated_share),
              _pct(r.copied_share), fmt_int(r.repeated_passages), fmt_int(r.skipped_passages)]
             for r in shown.itertuples()),
            numeric=(1, 2, 3, 4, 5, 6)))
        parts.append(Markup("<p class=note>Repeated share: characters of the document that also occur elsewhere "
                     "(every occurrence counts, the first one too). Copied share: characters that repeat an "
                     "earlier occurrence.</p>"))
        corpus_share = round(float(shares["repeated_chars"].sum() / max(int(shares["n_chars"].sum()), 1)), 4)

    # largest clusters with their occurrences
    parts.append(Markup("<h3>Largest clusters</h3>"))
    if len(clusters):
        for r in top.itertuples():
            flag = Markup(" <b>Figures differ between copies.</b>") if r.figures_differ else ""
            parts.append(Markup("<p><b>{}</b> ({}, {} occurrences in {} document{}).{}<br><q>{}</q></p>").format(
                r.cluster_id, r.kind, fmt_int(r.n_occurrences), fmt_int(r.n_docs), "s" if r.n_docs != 1 else "",
                flag, _head(r.canonical_head)))
            g = by_cluster.get(r.cluster_id)
            if g is None:
                continue
            rows = [[path_of.get(o.doc_id, o.doc_id), fmt_int(o.seq), f"{o.char_start:,}–{o.char_end:,}"
                     + (" (approx.)" if o.approximate else ""), o.relation, f"{o.similarity:.2f}",
                     _head(text_of.get(o.passage_id, ""), 90),
                     tables.evidence.cite(o.doc_id, o.char_start, o.char_end, f"repeat {r.cluster_id}")]
                    for o in g.head(params.occurrences_per_cluster).itertuples()]
            parts.append(table(["document", "passage", "characters", "relation", "similarity", "text", "source"],
                               rows, numeric=(1, 4), long=(5,)))
            parts.append(full_table_note(len(g) - params.occurrences_per_cluster, "dedup", "occurrences",
                                         "occurrences", parts=tables.n_parts("dedup", "occurrences")))
        if len(top_furniture):
            parts.append(Markup("<h3>Repeated page furniture</h3><p class=note>{:,} clusters whose text is page "
                                "furniture only (every line flagged by cleanup: e-mail or news headers, "
                                "navigation, share prompts): repeated, but not what the documents say.</p>"
                                ).format(len(furniture)))
            parts.append(table(["cluster", "occurrences", "documents", "text"],
                               ([short_id(r.cluster_id), fmt_int(r.n_occurrences), fmt_int(r.n_docs),
                                 _head(r.canonical_head)] for r in top_furniture.itertuples()),
                               numeric=(1, 2), long=(3,)))
        parts.append(full_table_note(len(clusters) - len(top) - len(top_furniture), "dedup", "clusters",
                                     "clusters", parts=tables.n_parts("dedup", "clusters")))
    else:
        parts.append(Markup("<p>No repeated passage was found.</p>"))

    # near copies whose figures differ
    if n_differ:
        parts.append(Markup("<h3>Near copies whose figures differ from their canonical passage</h3>"))
        parts.append(Markup("<p class=note>Not independent confirmations: one text, reprinted with other figures.</p>"))
        parts.append(table(["document", "passage", "text"],
                           ([path_of.get(r.doc_id, r.doc_id), fmt_int(r.seq), _head(text_of.get(r.passage_id, ""))]
                            for r in differ.itertuples()), numeric=(1,), long=(2,)))
        parts.append(Markup("<p class=note>{:,} more in <code>data/dedup/passages.parquet</code> "
                            "(column <code>figures_differ</code>).</p>").format(n_differ - len(differ))
                     if n_differ > len(differ) else "")

    # blocks
    parts.append(Markup("<h3>Repeated blocks</h3>"))
    if n_blocks:
        rows = []
        for bid, g in shown_blocks.groupby("block_id", sort=False):
            copies = some_names([f"{path_of.get(c.doc_id, c.doc_id)} passages {c.seq_start}–{c.seq_end} "
                                 f"(characters {c.char_start:,}–{c.char_end:,})" for c in g.itertuples()],
                                params.sources_per_row, "; ")
            head = _head(text_of.get(first_passage.get(bid, ""), ""), 90)
            rows.append([short_id(bid), fmt_int(len(g)), fmt_int(int(g["n_passages"].max())), copies, head])
        parts.append(table(["block", "copies", "passages", "where", "starts with"], rows, numeric=(1, 2),
                           long=(3, 4)))
        parts.append(full_table_note(n_blocks - len(rows), "dedup", "blocks", "blocks",
                                     parts=tables.n_parts("dedup", "blocks")))
        parts.append(Markup("<p class=note>A block is a run of consecutive repeated passages reprinted together "
                     "(an article reprinted in a thread is one block).</p>"))
    else:
        parts.append(Markup("<p>No repeated block was found.</p>"))

    metrics = {
        "clusters": int(len(clusters)),
        "clusters_exact": n_exact,
        "clusters_near": int(len(clusters) - n_exact),
        "passages_in_clusters": int(flags.loc[flags["match"] != "unique", "n"].sum()),
        "exact_repeats_skipped": skipped,
        "near_repeats": near,
        "figures_differ": n_differ,
        "blocks": n_blocks,
        "block_copies": int(len(blocks)) if blocks is not None else 0,
        "repeated_share": corpus_share,  # of all characters; per document in plots/repeated_share.csv
    }
    plots = {}
    if shares is not None and len(shares):
        plots["repeated_share"] = shares[["source_path", "repeated_share", "copied_share"]] \
            .sort_values("source_path").reset_index(drop=True)
    exports = {"dedup-clusters": TableExport("dedup", "clusters")}
    if tables.has("dedup", "occurrences"):
        exports["dedup-occurrences"] = TableExport("dedup", "occurrences")
    if blocks is not None:
        exports["dedup-blocks"] = TableExport("dedup", "blocks")
    if shares is not None:
        exports["dedup-repeated_share"] = TableExport("dedup", "repeated_share")
    return Section("repeats", "Repeated passages", Markup("").join(parts), {"dedup": metrics}, plots, exports)



def _furniture_clusters(tables, clusters: pd.DataFrame) -> set[str]:
    """The clusters whose canonical passage cleanup flagged as boilerplate (all furniture)."""
    if not len(clusters) or not tables.has("clean", "passages"):
        return set()
    flagged = tables.where("clean", "passages", "passage_id", clusters["canonical_passage_id"],
                           ("passage_id", "is_boilerplate"))
    boiler = set(flagged.loc[flagged["is_boilerplate"].astype(bool), "passage_id"])
    return set(clusters.loc[clusters["canonical_passage_id"].isin(boiler), "cluster_id"])
