"""Contested figures: for each event and measure, every value claimed, by whom, and where.

A chart per (event, measure) draws each claim as a dot (exact or about), a bar
(range) or an open-ended bar (at least / at most) on a common value axis, one
row per claim, coloured by the kind of source; the table under it gives the
hedge, the document, the source as written, the quote and reprint marks.
All document text is escaped; the SVG is deterministic (no ids, no dates).
"""

from __future__ import annotations

import math

import pandas as pd

from pipeline.report.exports import TableExport
from pipeline.report.html import Markup, fmt_int, full_table_note, table
from pipeline.report.palette import KIND_COLORS
from pipeline.report.sections import Section

MEASURE_ORDER = ["killed", "injured", "killed_or_injured", "missing", "displaced", "detained", "arrested", "sentenced", "prosecuted",
                 "strikers", "fired", "participants", "buildings", "money", "population"]
HEDGE_WORDS = {"at_least": "at least ", "at_most": "up to ", "about": "about ", "range": "", "exact": "",
               "vague": "at least "}


def fmt_value(low, high, qualifier: str, uncertain: bool = False, unit: str | None = None) -> str:
    if unit in ("ratio", "percent"):
        sign = "×" if unit == "ratio" else "%"
        base = fmt_value(low, high, qualifier, uncertain).replace(" (vague)", "")
        return f"{base}{sign}" + (" the figure it is compared with" if unit == "ratio" else "")
    def n(x):
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return None
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
    lo, hi = n(low), n(high)
    if uncertain or (lo is None and hi is None):
        return "unclear (number garbled in the source)" if uncertain else "unstated"
    if qualifier == "range" and lo and hi:
        return f"{lo}–{hi}"
    if qualifier == "at_most":
        return f"up to {hi}"
    if qualifier in ("at_least", "vague"):
        return f"at least {lo}" + (" (vague)" if qualifier == "vague" else "")
    if qualifier == "about":
        return f"about {lo}"
    return lo or hi or ""


def as_written(claim) -> str:
    """A claim's words as written, and, for one of the counted (`claims.part`: a victim named in a story
    that gives the toll, a count its sentence adds up with others, one part of a group), that it is no toll:
    a reader sees a sub-count as such, not as a competing figure; the same for a period's running tally
    (`claims.tally`: "168 homicides this year") or a count over several incidents ("in three separate
    shootings")."""
    if getattr(claim, "tally", False):
        return f"{claim.surface} (a tally of several incidents, not this event's toll)"
    return f"{claim.surface} (one of the counted, not a toll)" if getattr(claim, "part", False) else str(claim.surface)


def _x(v: float, vmax: float, log: bool, x0: float, width: float) -> float:
    if log:
        return x0 + width * math.log10(max(v, 1)) / math.log10(max(vmax, 10))
    return x0 + width * v / vmax


def claims_chart(rows: pd.DataFrame, title: str) -> Markup:
    """Dot/range plot, one row per claim, coloured by attribution kind (inline SVG)."""
    rows = rows[~(rows["value_low"].isna() & rows["value_high"].isna())]
    if len(rows):  # one axis: only the group's main unit (a ratio or a percent is not a count)
        main = rows["unit"].fillna("").mode().iloc[0]
        rows = rows[rows["unit"].fillna("") == main]
    if not len(rows):
        return Markup()
    vals = pd.concat([rows["value_low"], rows["value_high"]]).dropna()
    vmax = float(vals.max()) if len(vals) else 1.0
    vmin = float(vals[vals > 0].min()) if (vals > 0).any() else 1.0
    log = vmax / max(vmin, 1) > 40
    vmax = vmax * (1.15 if not log else 1.6)
    label_w, width, row_h = 250, 380, 16
    height = 34 + row_h * len(rows) + 28
    total = label_w + width + 40
    out = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{w}" height="{h}" '
                  'viewBox="0 0 {w} {h}" class="chart"><title>{t}</title>').format(w=total, h=height, t=title)]
    x0 = label_w
    # axis with ticks
    ticks = [1, 10, 100, 1000, 10000, 100000, 1000000] if log else _lin_ticks(vmax)
    axis_y = height - 24
    out.append(Markup('<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#9aa3ad"/>').format(
        x0=x0, x1=x0 + width, y=axis_y))
    for t in ticks:
        if t > vmax:
            continue
        x = _x(t, vmax, log, x0, width)
        out.append(Markup('<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{y}" stroke="#eef0f3"/>'
                          '<text x="{x:.1f}" y="{ty}" font-size="10" text-anchor="middle">{t:,}</text>').format(
            x=x, y=axis_y, ty=axis_y + 14, t=t))
    for i, r in enumerate(rows.itertuples()):
        y = 30 + i * row_h
        color = KIND_COLORS.get(r.attribution_kind, "#444")
        label = f"{r.source_path or r.doc_id} · {r.attribution_kind}"
        short = label if len(label) <= 42 else label[:41] + "…"
        out.append(Markup('<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>').format(
            label_w - 8, y + 4, short))
        lo = None if pd.isna(r.value_low) else float(r.value_low)
        hi = None if pd.isna(r.value_high) else float(r.value_high)
        dash = Markup(' stroke-dasharray="3,2"') if not r.independent else ""
        if r.qualifier in ("exact", "about") and lo is not None:
            x = _x(lo, vmax, log, x0, width)
            fill = color if r.qualifier == "exact" else "#fff"
            out.append(Markup('<circle cx="{:.1f}" cy="{}" r="4.5" fill="{}" stroke="{}" stroke-width="2"{}/>').format(
                x, y, fill, color, dash))
        else:
            a = lo if lo is not None else (1 if log else 0)
            b = hi if hi is not None else vmax
            xa, xb = _x(a, vmax, log, x0, width), _x(b, vmax, log, x0, width)
            out.append(Markup('<line x1="{:.1f}" y1="{y}" x2="{:.1f}" y2="{y}" stroke="{c}" stroke-width="4" '
                              'stroke-linecap="round" opacity="0.8"{}/>').format(xa, xb, dash, y=y, c=color))
            if lo is not None:
                out.append(Markup('<circle cx="{:.1f}" cy="{}" r="3.5" fill="{}"/>').format(xa, y, color))
            if hi is not None:
                out.append(Markup('<circle cx="{:.1f}" cy="{}" r="3.5" fill="{}"/>').format(xb, y, color))
            if hi is None:
                out.append(Markup('<path d="M{:.1f},{} l7,5 l-7,5 z" fill="{}"/>').format(xb, y - 5, color))
    # legend
    lx = x0
    for kind, color in KIND_COLORS.items():
        out.append(Markup('<circle cx="{}" cy="10" r="4" fill="{}"/>'
                          '<text x="{}" y="14" font-size="10">{}</text>').format(lx + 5, color, lx + 12, kind))
        lx += 62
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _lin_ticks(vmax: float) -> list[int]:
    step = 10 ** max(0, int(math.log10(max(vmax, 1))))
    if vmax / step < 3:
        step //= 2 or 1
    step = max(1, step)
    return list(range(0, int(vmax) + 1, step))[:12]


VALUE = ["value_low", "value_high", "qualifier"]


def shown_claims(g: pd.DataFrame, cap: int) -> pd.DataFrame:
    """At most `cap` claims of one figure, in g's order. Past the cap, one claim
    per distinct value comes first, then one per (value, kind of source), then
    the rest, independent claims before reprints: a figure claimed 10,000 times
    still shows every value it was given, and by whom."""
    if len(g) <= cap:
        return g
    order = g.assign(_dep=~g["independent"].astype(bool)).sort_values(
        ["_dep", "source_path", "raw_start", "claim_id"], kind="stable", na_position="last")
    firsts = order.drop_duplicates(VALUE)
    kinds = order.drop_duplicates([*VALUE, "unit", "attribution_kind"])
    chosen = list(dict.fromkeys([*firsts.index, *kinds.index, *order.index]))[:cap]
    return g[g.index.isin(chosen)]


def build(tables, params) -> Section | None:
    if not tables.has("facts", "claims"):
        return None
    # every column but the sentence: that is read for the claims shown
    claims = tables.get("facts", "claims", tuple(c for c in tables.columns("facts", "claims") if c != "sentence"))
    quantities = tables.get("facts", "quantities", ("quantity_id", "measure", "uncertain"))
    events = tables.get("facts", "events", ("event_id", "label")) if tables.has("facts", "events") else pd.DataFrame()
    comparison = tables.get("facts", "comparison", ("event", "measure", "contested", "disagreement")) \
        if tables.has("facts", "comparison") else pd.DataFrame()
    disagreement = comparison.groupby(["event", "measure"])["disagreement"].first().to_dict() \
        if len(comparison) else {}
    labels = dict(zip(events["event_id"], events["label"])) if len(events) else {}
    parts = [Markup('<p>Every figure the documents give for something counted (people killed, injured, detained, '
                    'sentenced, buildings burned, money, ...), with its hedge ("at least", "up to", "about"), '
                    'the document, the source as written and its kind. Claims in a passage that the repeat '
                    'detection linked to another are marked as reprints and do not count as independent. Values '
                    'read from a number garbled in the source are shown as unclear, never guessed.</p>')]
    n_contested = int(comparison.groupby(["event", "measure"])["contested"].first().sum()) if len(comparison) else 0
    parts.append(Markup('<div class="cards">{}</div>').format(Markup("").join(
        Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
            ("figures found", fmt_int(len(quantities))), ("claims", fmt_int(len(claims))),
            ("events", fmt_int(len(events))), ("contested (event, measure)", fmt_int(n_contested))])))
    c = claims[claims["event"].notna()].reset_index(drop=True)
    if not len(c):
        parts.append(Markup("<p>No claims about a dated event were found.</p>"))
    # (event, measure) groups: disputes between sources first, then killed and injured, biggest first;
    # then the others by measure.
    # Sizes and distinct values are counted for all groups at once; rows are taken for the shown ones.
    grouped = c.groupby(["event", "measure"], sort=False)
    sizes = grouped.size()
    n_values_of = c.drop_duplicates(["event", "measure", *VALUE]).groupby(["event", "measure"]).size()
    groups = []
    for (ev, measure), n in sizes.items():
        rank = MEASURE_ORDER.index(measure) if measure in MEASURE_ORDER else len(MEASURE_ORDER)
        dispute = disagreement.get((ev, measure)) == "between sources"
        groups.append((rank, -int(n), ev, measure, dispute))
    groups.sort(key=lambda x: (not x[4], x[0] > 1, x[1], x[0], x[2]))
    positions = grouped.indices
    picked = []
    for rank, _, ev, measure, _ in groups:
        if len(picked) >= max(4, params.top_n // 5):
            break
        n_values = int(n_values_of[(ev, measure)])
        if n_values < 2 and rank > 1:
            continue
        g = c.iloc[positions[(ev, measure)]].sort_values(["value_low", "value_high"], na_position="first")
        picked.append((ev, measure, n_values, g, shown_claims(g, params.claims_per_figure)))
    shown = len(picked)
    claim_ids = [i for *_, sel in picked for i in sel["claim_id"]]
    sentences = dict(tables.where("facts", "claims", "claim_id", claim_ids, ("claim_id", "sentence"))
                     .itertuples(index=False)) if claim_ids else {}
    first_undisputed = True
    for ev, measure, n_values, g, sel in picked:
        title = f"{labels.get(ev, ev)} — {measure}"
        disputed = disagreement.get((ev, measure)) == "between sources"
        if not disputed and first_undisputed:
            # the groups sort disputes first: what follows is no dispute between sources, so it
            # gets no chart (a chart would present sub-counts of one article as a controversy)
            first_undisputed = False
            parts.append(Markup('<h3 class="group">Figures no two sources dispute</h3><p class="note">'
                                "Killed and injured counts that sources agree on, and values that differ only "
                                "inside one source's account (sub-counts, updates): listed without a chart."
                                "</p>"))
        parts.append(Markup("<h3>{}</h3>").format(title))
        indep = int(g["independent"].sum())
        verdict = {"between sources": "Sources disagree: each of two sources gives a value the other does not.",
                   "within one source": "No dispute: the values differ only inside one source's account "
                                        "(sub-counts or updates), or one source's values include another's.",
                   "rising over time": "No dispute: a toll the authorities updated, one value a day, never "
                                       "smaller on a later day (each claim below gives its date)."
                   }.get(disagreement.get((ev, measure)), "")
        legend = Markup(" Filled dot: exact; open dot: about; bar: range or open bound (arrow = no upper "
                        "bound); dashed: reprint.") if disputed else ""
        parts.append(Markup('<p class="note">{} {} claims, {} independent, {} distinct values, {} documents.{}'
                            '</p>').format(verdict, len(g), indep, n_values, g["doc_id"].nunique(), legend))
        if disputed:
            parts.append(claims_chart(sel, title))
        rows = []
        for r in sel.itertuples():
            reprint = ("reprint" + (f" of {r.reprint_of}" if isinstance(r.reprint_of, str) else "")) \
                if not r.independent else (f"{int(r.n_copies)} copies" if r.n_copies and r.n_copies > 1 else "")
            sentence = sentences.get(r.claim_id) or ""
            quote = sentence if len(sentence) <= 400 else sentence[:399] + "…"
            cite = tables.evidence.cite(r.doc_id, r.raw_start, r.raw_end, f"{measure}: {r.surface}")
            day = getattr(r, "figure_date", None)
            rows.append([fmt_value(r.value_low, r.value_high, r.qualifier, bool(r.uncertain), r.unit), as_written(r),
                         day if isinstance(day, str) else "—", r.source_path or r.doc_id, r.attribution or "—",
                         r.attribution_kind, quote, reprint, cite])
        parts.append(table(["value", "as written", "dated", "document", "source as written", "kind", "sentence",
                            "reprint", "source"], rows, long=(6,)))
        if len(g) > len(sel):
            parts.append(Markup('<p class="note">Shown: {} of {:,} claims, every distinct value first, '
                                'then every kind of source giving it.</p>').format(len(sel), len(g)))
        parts.append(full_table_note(len(g) - len(sel), "facts", "claims", "claims",
                                     parts=tables.n_parts("facts", "claims")))
    if not shown and len(c):
        parts.append(Markup("<p>No event has more than one value for the same measure.</p>"))
    parts.append(Markup('<p class="note">All tables in data/facts/: quantities, claims, comparison (one row per '
                        'distinct value per event and measure), events, timeline.</p>'))
    by_measure = quantities.groupby("measure").size().to_dict() if len(quantities) else {}
    killed = c[c["measure"] == "killed"].drop_duplicates([*VALUE, "uncertain", "unit"])
    metrics = {
        "quantities": len(quantities), "claims": len(claims), "events": len(events),
        "contested": n_contested,  # (event, measure) pairs with more than one value
        "uncertain_numbers": int(quantities["uncertain"].sum()) if len(quantities) else 0,
        "by_measure": {str(k): int(v) for k, v in sorted(by_measure.items())},
        "by_attribution_kind": {str(k): int(v) for k, v in sorted(claims.groupby("attribution_kind").size()
                                                                  .to_dict().items())} if len(claims) else {},
        "independent_claims": int(claims["independent"].sum()) if len(claims) else 0,
        "killed_values": sorted({fmt_value(r.value_low, r.value_high, r.qualifier, bool(r.uncertain), r.unit)
                                 for r in killed.itertuples()}),
    }
    plot_cols = ["event", "measure", "value_low", "value_high", "qualifier", "attribution_kind",
                 "source_path", "independent"]
    plots = {"claimed_values": c[plot_cols].sort_values(["event", "measure", "source_path", "value_low"],
                                                        na_position="first").reset_index(drop=True)}
    exports = {"facts-claims": TableExport("facts", "claims", drop=("sentence",)),
               "facts-quantities": TableExport("facts", "quantities", drop=("sentence",))}
    return Section("figures", "Contested figures", Markup("").join(parts), {"facts": metrics}, plots, exports)
