"""Entities: who and what the corpus names, under which spellings, where, and with whom.

Top entities per type with their aliases and document coverage, mentions per
document by type (inline SVG), a co-occurrence network (inline SVG, circular
layout: deterministic, no randomness), and the merge rules used.
"""

from __future__ import annotations

import math

import pandas as pd

from pipeline.report.exports import TableExport
from pipeline.report.html import Markup, fmt_int, full_table_note, table
from pipeline.report.sections import Section

LABEL_ORDER = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"]
LABEL_NAMES = {"PERSON": "People", "ORG": "Organisations", "GPE": "Countries, cities, regions",
               "LOC": "Other places", "NORP": "Nationalities and groups", "FAC": "Sites and buildings",
               "EVENT": "Named events"}
COLOURS = {"PERSON": "#3b6ea5", "ORG": "#c0504d", "GPE": "#4f9a55", "LOC": "#8a6bbe",
           "NORP": "#d08c2f", "FAC": "#5a9aa8", "EVENT": "#b5527e"}
OTHER_COLOUR = "#7f7f7f"
PER_TYPE = 15
NETWORK_NODES = 30


def _colour(label: str) -> str:
    return COLOURS.get(label, OTHER_COLOUR)


def _labels_in(values) -> list[str]:
    present = set(values)
    return [lab for lab in LABEL_ORDER if lab in present] + sorted(present - set(LABEL_ORDER))


def _short(text: str, n: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def coverage_chart(per_doc: dict[str, dict[str, int]], names: dict[str, str], labels: list[str],
                   title: str, width: int = 720) -> Markup:
    """Stacked horizontal bars: mentions per document, by type."""
    docs = sorted(per_doc, key=lambda d: (-sum(per_doc[d].values()), names.get(d, d)))
    bar_h, gap, label_w, top = 16, 6, 230, 34
    height = top + len(docs) * (bar_h + gap) + 10
    vmax = max((sum(v.values()) for v in per_doc.values()), default=1) or 1
    scale = (width - label_w - 60) / vmax
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{w}" height="{h}" '
                    'viewBox="0 0 {w} {h}" class="chart"><title>{t}</title>').format(w=width, h=height, t=title)]
    x = label_w
    for lab in labels:  # legend
        parts.append(Markup('<rect x="{}" y="6" width="10" height="10" fill="{}"/>'
                            '<text x="{}" y="15" font-size="10">{}</text>').format(x, _colour(lab), x + 14, lab))
        x += 14 + 7 * len(lab) + 14
    for i, d in enumerate(docs):
        y = top + i * (bar_h + gap)
        parts.append(Markup('<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>').format(
            label_w - 6, y + 12, _short(names.get(d, d), 36)))
        x = float(label_w)
        for lab in labels:
            v = per_doc[d].get(lab, 0)
            if v:
                w = v * scale
                parts.append(Markup('<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" '
                                    'fill="{}"><title>{}: {}</title></rect>').format(
                    x, y, max(w, 0.5), bar_h, _colour(lab), lab, v))
                x += w
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11">{:,}</text>').format(
            x + 4, y + 12, sum(per_doc[d].values())))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def network_chart(nodes: list[dict], edges: list[tuple[str, str, int]], title: str, size: int = 720) -> Markup:
    """Nodes on a circle (ordered by type, then frequency), edges by sentence co-occurrence count."""
    if not nodes:
        return Markup()
    cx = cy = size / 2
    radius = size / 2 - 150
    pos = {}
    n = len(nodes)
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / n - math.pi / 2
        pos[node["id"]] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1), angle)
    wmax = max((w for _, _, w in edges), default=1) or 1
    nmax = max(node["n"] for node in nodes) or 1
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{s}" height="{s}" '
                    'viewBox="0 0 {s} {s}" class="chart"><title>{t}</title>').format(s=size, t=title)]
    for a, b, w in edges:
        (x1, y1, _), (x2, y2, _) = pos[a], pos[b]
        parts.append(Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#8896a8" '
                            'stroke-opacity="{:.2f}" stroke-width="{:.2f}"><title>{}</title></line>').format(
            x1, y1, x2, y2, 0.25 + 0.6 * w / wmax, 0.6 + 4 * w / wmax, w))
    for node in nodes:
        x, y, angle = pos[node["id"]]
        r = 3 + 9 * math.sqrt(node["n"] / nmax)
        lx = round(x + (r + 4) * math.cos(angle), 1)
        ly = round(y + (r + 4) * math.sin(angle) + 4, 1)
        anchor = "start" if math.cos(angle) >= -1e-9 else "end"
        parts.append(Markup('<circle cx="{}" cy="{}" r="{:.1f}" fill="{}">'
                            '<title>{} ({}, {} mentions)</title></circle>'
                            '<text x="{}" y="{}" font-size="10" text-anchor="{}">{}</text>').format(
            x, y, r, _colour(node["label"]), node["name"], node["label"], node["n"],
            lx, ly, anchor, _short(node["name"], 26)))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _top_by_degree(tables, names: pd.Series, n: int) -> list[str]:
    """The n entities named together with others in most sentences (ties: name, id)."""
    sides = [tables.count("entities", "cooccurrence", (side,), ("n_sentences",)).set_index(side)["n_sentences"]
             for side in ("entity_a", "entity_b")]
    degree = pd.concat(sides).groupby(level=0).sum()
    degree = degree[degree > 0]
    ranked = pd.DataFrame({"id": degree.index, "degree": degree.to_numpy()})
    ranked["name"] = ranked["id"].map(names)
    ranked = ranked[ranked["name"].notna()].astype({"name": str})
    return ranked.sort_values(["degree", "name", "id"], ascending=[False, True, True]).head(n)["id"].tolist()


def build(tables, params) -> Section | None:
    if not tables.has("entities", "entities"):
        return None
    # narrow reads: aliases and first mentions are fetched for the shown entities only
    entities = tables.get("entities", "entities", ("entity_id", "name", "label", "n_mentions", "n_docs"))
    per_doc_label = tables.count("entities", "mentions", ("doc_id", "label"))
    n_mentions = int(per_doc_label["n"].sum())
    merges = tables.get("entities", "merges", ("alias", "matched", "rule", "score")) \
        if tables.has("entities", "merges") else None
    n_pairs = tables.num_rows("entities", "cooccurrence") if tables.has("entities", "cooccurrence") else 0
    names: dict[str, str] = {}
    n_docs_total = 0
    if tables.has("ingest", "documents"):
        docs = tables.get("ingest", "documents", ("doc_id", "source_path"))
        names = dict(zip(docs["doc_id"], docs["source_path"]))
        n_docs_total = len(docs)
    labels = _labels_in(entities["label"].unique())
    n_merges = int((merges["rule"] != "canonical").sum()) if merges is not None else 0

    shown_by_label = {}
    for lab in labels:
        sub = entities[entities["label"] == lab]
        shown_by_label[lab] = (len(sub), sub.sort_values(["n_mentions", "n_docs", "name"],
                                                         ascending=[False, False, True])
                               .head(min(PER_TYPE, params.top_n)))
    shown_ids = [e for _, shown in shown_by_label.values() for e in shown["entity_id"]]
    aliases_of, first_mention = {}, None
    if shown_ids:
        aliases_of = dict(tables.where("entities", "entities", "entity_id", shown_ids,
                                       ("entity_id", "aliases")).itertuples(index=False))
        first_mention = tables.where("entities", "mentions", "entity_id", shown_ids,
                                     ("mention_id", "entity_id", "doc_id", "raw_start", "raw_end")) \
            .sort_values("mention_id").drop_duplicates("entity_id").set_index("entity_id")

    parts = [Markup('<div class="cards">'),
             *(Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
                 ("mentions", fmt_int(n_mentions)), ("entities", fmt_int(len(entities))),
                 ("spellings merged", fmt_int(n_merges)), ("co-occurring pairs", fmt_int(n_pairs))]),
             Markup("</div>"),
             Markup("<p>Named people, organisations and places, each real-world thing once with every spelling "
                    "it appears under. Repeated passages are counted once. Every merge of two spellings has a rule "
                    "and a score in <code>data/entities/merges.parquet</code>; the mentions with their character "
                    "offsets are in <code>data/entities/mentions.parquet</code>.</p>")]
    if not len(entities):
        parts.append(Markup("<p>No named entities were found.</p>"))
    for lab in labels:
        n_sub, shown = shown_by_label[lab]
        if not n_sub:
            continue
        parts.append(Markup("<h3>{} ({}, {:,})</h3>").format(LABEL_NAMES.get(lab, lab), lab, n_sub))
        rows = []
        for r in shown.itertuples():
            aliases = [a for a in list(aliases_of.get(r.entity_id, [])) if a != r.name]
            cover = f"{r.n_docs}" + (f" of {n_docs_total}" if n_docs_total else "")
            first = first_mention.loc[r.entity_id] if r.entity_id in first_mention.index else None
            quote = tables.evidence.cite(first.doc_id, first.raw_start, first.raw_end, r.name) \
                if first is not None else ""
            rows.append([r.name, "; ".join(aliases[:8]) + (" …" if len(aliases) > 8 else ""),
                         fmt_int(r.n_mentions), cover, quote])
        parts.append(table(["name", "also written", "mentions", "documents", "first mention"], rows,
                           numeric=(2, 3), long=(1,)))
        parts.append(full_table_note(n_sub - len(shown), "entities", "entities", "entities",
                                     parts=tables.n_parts("entities", "entities")))
    if n_mentions:
        totals = per_doc_label.groupby("doc_id")["n"].sum()
        ranked = pd.DataFrame({"doc": totals.index, "n": totals.to_numpy()})
        ranked["name"] = [names.get(d, d) for d in ranked["doc"]]
        top_docs = ranked.sort_values(["n", "name"], ascending=[False, True]).head(params.top_n)["doc"].tolist()
        per_doc: dict[str, dict[str, int]] = {d: {} for d in top_docs}
        for doc, lab, n in per_doc_label[per_doc_label["doc_id"].isin(top_docs)].itertuples(index=False):
            per_doc[doc][lab] = int(n)
        parts.append(Markup('<div style="break-inside:avoid"><h3>Mentions per document</h3>'))
        parts.append(coverage_chart(per_doc, names, labels, "Entity mentions per document, by type")
                     + Markup("</div>"))
        parts.append(Markup("<p class=note>The {} documents with the most mentions, of {:,}.</p>").format(
            len(top_docs), len(totals)) if len(totals) > len(top_docs) else "")
    if n_pairs:
        info = entities.set_index("entity_id")
        top = _top_by_degree(tables, info["name"], NETWORK_NODES)
        order = {lab: i for i, lab in enumerate(labels)}
        nodes = sorted(({"id": e, "name": str(info.at[e, "name"]), "label": str(info.at[e, "label"]),
                         "n": int(info.at[e, "n_mentions"])} for e in top),
                       key=lambda x: (order.get(x["label"], 99), -x["n"], x["name"], x["id"]))
        sent = tables.where("entities", "cooccurrence", "entity_a", top, ("entity_a", "entity_b", "n_sentences"))
        sent = sent[(sent["n_sentences"] > 0) & sent["entity_b"].isin(top)]
        edges = sorted(((a, b, int(w)) for a, b, w in zip(sent["entity_a"], sent["entity_b"], sent["n_sentences"])),
                       key=lambda x: (x[2], x[0], x[1]))
        if nodes and edges:
            parts.append(Markup('<div style="break-inside:avoid"><h3>Who is named with whom</h3>'))
            parts.append(Markup("<p class=note>The {} entities with the most co-occurrences; a line joins two "
                                "entities named in the same sentence, thicker for more sentences.</p>").format(
                len(nodes)))
            parts.append(network_chart(nodes, edges, "Entities named in the same sentence") + Markup("</div>"))
        shown = tables.head("entities", "cooccurrence", min(params.top_n, 25),
                            ("name_a", "name_b", "n_sentences", "n_passages", "n_docs"))
        parts.append(table(["entity", "entity", "sentences", "passages", "documents"],
                           ([r.name_a, r.name_b, fmt_int(r.n_sentences), fmt_int(r.n_passages), fmt_int(r.n_docs)]
                            for r in shown.itertuples()), numeric=(2, 3, 4),
                           caption="Pairs named together most often"))
    if merges is not None and n_merges:
        m = merges[merges["rule"] != "canonical"]
        parts.append(Markup("<h3>How spellings were merged</h3>"))
        rows = []
        for rule, grp in m.groupby("rule", sort=True):
            examples = "; ".join(f"{a} → {b}" for a, b in zip(grp["alias"].head(3), grp["matched"].head(3)))
            rows.append([Markup("<code>{}</code>").format(rule), fmt_int(len(grp)), f"{grp['score'].min():.2f}",
                         examples])
        parts.append(table(["rule", "merges", "lowest score", "examples"], rows, numeric=(1, 2), long=(3,)))
    by_label = entities.groupby("label").size()
    metrics = {
        "mentions": n_mentions, "entities": int(len(entities)), "merges": n_merges,
        "merges_inexact": (int((merges["rule"].ne("canonical") & merges["score"].lt(1.0)).sum())
                           if merges is not None else 0),  # the merges most likely to be wrong
        "cooccurring_pairs": n_pairs,
        "entities_by_label": {str(k): int(v) for k, v in by_label.items()},
        "mentions_by_label": {str(k): int(v) for k, v in per_doc_label.groupby("label")["n"].sum().items()},
        "merges_by_rule": ({str(k): int(v) for k, v in merges[merges["rule"] != "canonical"]
                            .groupby("rule").size().items()} if merges is not None else {}),
    }
    exports = {"entities-entities": TableExport("entities", "entities")}
    return Section("entities", "Named entities", Markup("").join(parts), {"entities": metrics}, exports=exports)
