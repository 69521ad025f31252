"""Small HTML builders on MarkupSafe: text is escaped unless it is `Markup`.

`Markup` (a `markupsafe.Markup`) is trusted markup the report builds itself;
any other value put into it is escaped: `Markup("<td>{}</td>").format(text)`,
`Markup("").join(parts)`, `markup + text`, `table()` cells, `Section.html` in
the page. So document text needs no call to be safe; what needs a decision is
the other way round, wrapping a string in `Markup(...)`, which only literal
markup written in this package may be.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import markupsafe


def _c1_table() -> dict[int, str]:
    """C1 controls (U+0080-U+009F) as the Windows-1252 characters they stand for in text decoded as
    Latin-1 (byte 0x92 is a right quote), as HTML's parsing rules read them in character references;
    the five cp1252 leaves undefined become U+FFFD. Fonts have no glyph for a control: a PDF would
    show empty boxes."""
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = "\ufffd"
    return table


C1_AS_CP1252 = _c1_table()


class Markup(markupsafe.Markup):
    """Trusted markup built by the report itself (never raw document text).

    Escapes what is put into it with `markupsafe.escape`, writing quotes as
    `&quot;` and `&#x27;` (as `html.escape` does, and as the report always
    has: its bytes are a DVC output) rather than MarkupSafe's `&#34;`/`&#39;`. Document text keeps
    C1 controls where its encoding was read as Latin-1 (a raw title): they are shown as the
    Windows-1252 characters they stand for (`C1_AS_CP1252`).
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s) -> Markup:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        escaped = str(markupsafe.escape(s)).translate(C1_AS_CP1252)
        return cls(escaped.replace("&#39;", "&#x27;").replace("&#34;", "&quot;"))

    @property
    def html(self) -> str:
        """The markup as a plain str."""
        return str(self)


def esc(value) -> Markup:
    """`value` as escaped text; None and NaN are empty; Markup is kept as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Markup()
    return Markup.escape(value)


def fmt_int(n) -> str:
    return f"{int(n):,}"


NUM = Markup(" class=num")


STACK_MIN_SHORT = 3  # a table with running text and this many short text columns prints as stacked rows


def table(headers: Sequence[str], rows: Iterable[Sequence], *, numeric: Sequence[int] = (),
          long: Sequence[int] = (), caption: str | None = None, css: str = "data") -> Markup:
    """A sortable, filterable table; headers, caption and cells are escaped unless Markup.

    long: the columns of running text (quotes, titles, reasons). On screen the table is a
    grid; in print a table with running text and STACK_MIN_SHORT or more other text columns
    (paths, kinds, ids) is set as stacked rows (the short cells on one line, each after its
    header, the text beneath), so the text is never squeezed into a column a few words wide.
    Such a table puts its running-text columns last (on screen too): plain inline and block
    boxes then stack it, which WeasyPrint lays out faster than a flexbox."""
    n_short = len([i for i in range(len(headers)) if i not in numeric and i not in long])
    stacked = bool(long) and n_short >= STACK_MIN_SHORT
    if stacked:  # the running text last, where a stacked row prints it beneath the short cells
        order = [i for i in range(len(headers)) if i not in long] + [i for i in range(len(headers)) if i in long]
        numeric = [order.index(i) for i in numeric]
        long = [order.index(i) for i in long]
        headers = [headers[i] for i in order]
        rows = ([row[i] for i in order] for row in rows)
    out = [Markup('<table class="{}{} sortable">').format(css, " stack" if stacked else "")]
    if caption:
        out.append(Markup("<caption>{}</caption>").format(caption))
    out.append(Markup("<thead><tr>{}</tr></thead><tbody>").format(Markup("").join(
        Markup('<th scope="col"{}>{}</th>').format(NUM if i in numeric else "", esc(h))
        for i, h in enumerate(headers))))
    kinds = ["num" if i in numeric else "long" if i in long else "text" for i in range(len(headers))]
    cell_attrs = [Markup(" class={}").format(kind) + (Markup(' data-label="{}"').format(h) if stacked else "")
                  for kind, h in zip(kinds, headers)]
    for row in rows:
        out.append(Markup("<tr>{}</tr>").format(Markup("").join(
            Markup("<td{}>{}</td>").format(cell_attrs[i], esc(v)) for i, v in enumerate(row))))
    out.append(Markup("</tbody></table>"))
    return Markup("").join(out)


def short_id(full: str, keep: int = 10) -> Markup:
    """An id in full on screen and shortened in print (its first `keep` characters and "…"),
    where a 25-character hash would take a column of its own."""
    if full is None or len(str(full)) <= keep + 2:
        return esc(full)
    full = str(full)
    return Markup('<span class="id-full">{}</span><span class="id-short">{}…</span>').format(full, full[:keep])


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str = "",
              width: int = 640) -> Markup:
    """Horizontal bar chart as inline SVG; deterministic output (no ids, no dates)."""
    bar_h, gap, label_w = 18, 6, 220
    height = len(labels) * (bar_h + gap) + 30
    vmax = max(values) if values and max(values) > 0 else 1
    scale = (width - label_w - 80) / vmax
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{w}" height="{h}" '
                    'viewBox="0 0 {w} {h}" class="chart"><title>{t}</title>').format(w=width, h=height, t=title)]
    for i, (label, v) in enumerate(zip(labels, values)):
        y = 20 + i * (bar_h + gap)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(Markup(
            '<text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>'
            '<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="#3b6ea5"/>'
            '<text x="{:.1f}" y="{}" font-size="11">{:,.0f}{}</text>').format(
                label_w - 6, y + 13, short, label_w, y, max(v * scale, 1), bar_h,
                label_w + v * scale + 4, y + 13, v, unit))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def full_table_note(n_more: int, stage: str, name: str, what: str = "rows", parts: int = 1) -> Markup:
    """Say how many rows the report leaves out and where the full table is: its CSV next to the
    report (a folder of CSV parts when the table is in several parts, see pipeline/report/exports.py)."""
    if n_more <= 0:
        return Markup()
    link = (Markup('<a href="tables/{}-{}.csv">CSV</a>').format(stage, name) if parts <= 1 else
            Markup('<a href="tables/{}-{}/">CSV in {:,} parts</a>').format(stage, name, parts))
    return Markup('<p class=note>{:,} more {} in the full table: {} next to this report, or '
                  '<code>data/{}/{}.parquet</code>.</p>').format(n_more, what, link, stage, name)


def some_names(names: Sequence[str], limit: int, sep: str = ", ") -> str:
    """The first `limit` names, and how many more (one row must not list 10,000 documents)."""
    names = list(names)
    shown = sep.join(names[:limit])
    return shown + (f"{sep}and {len(names) - limit:,} more" if len(names) > limit else "")
