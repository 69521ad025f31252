"""Small, escaping HTML builders: every piece of document text goes through `esc`."""

from __future__ import annotations

import html
import math
from typing import Iterable, Sequence


def esc(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def fmt_int(n) -> str:
    return f"{int(n):,}"


def table(headers: Sequence[str], rows: Iterable[Sequence], *, numeric: Sequence[int] = (),
          caption: str | None = None, css: str = "data") -> str:
    """A sortable, filterable table; cells are escaped unless wrapped in Markup."""
    out = [f'<table class="{css} sortable">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{esc(h)}</th>'
        for i, h in enumerate(headers)) + "</tr></thead><tbody>")
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            content = v.html if isinstance(v, Markup) else esc(v)
            cells.append(f'<td{" class=num" if i in numeric else ""}>{content}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Markup:
    """Trusted markup built by the report itself (never raw document text)."""

    def __init__(self, html_: str):
        self.html = html_


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str = "",
              width: int = 640) -> str:
    """Horizontal bar chart as inline SVG; deterministic output (no ids, no dates)."""
    bar_h, gap, label_w = 18, 6, 220
    height = len(labels) * (bar_h + gap) + 30
    vmax = max(values) if values and max(values) > 0 else 1
    scale = (width - label_w - 80) / vmax
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" class="chart"><title>{esc(title)}</title>']
    for i, (label, v) in enumerate(zip(labels, values)):
        y = 20 + i * (bar_h + gap)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="11">{esc(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(v * scale, 1):.1f}" height="{bar_h}" fill="#3b6ea5"/>'
            f'<text x="{label_w + v * scale + 4:.1f}" y="{y + 13}" font-size="11">{esc(f"{v:,.0f}")}{esc(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def full_table_note(n_more: int, stage: str, name: str, what: str = "rows") -> str:
    """Say how many rows the report leaves out and where the full table is."""
    if n_more <= 0:
        return ""
    return (f'<p class=note>{n_more:,} more {esc(what)} in the full table: '
            f'<a href="tables/{esc(stage)}-{esc(name)}.csv">CSV</a> next to this report, or '
            f'<code>data/{esc(stage)}/{esc(name)}.parquet</code>.</p>')


def some_names(names: Sequence[str], limit: int, sep: str = ", ") -> str:
    """The first `limit` names, and how many more (one row must not list 10,000 documents)."""
    names = list(names)
    shown = sep.join(names[:limit])
    return shown + (f"{sep}and {len(names) - limit:,} more" if len(names) > limit else "")
