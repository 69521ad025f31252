"""The timeline as a picture: dated mentions on a time axis, coloured by who states them.

One row per date-and-event of the timeline table. A day is a dot; a month, a
year or a span is a bar over the days it covers, so "2011" is not drawn as if it
were 1 July. Each mark links to its quote in the appendix. Inline SVG with no
ids and no dates of its own: the same tables give the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from pipeline.report.html import Markup
from pipeline.report.palette import KIND_COLORS

LABEL_W, PLOT_W, ROW_H, TOP, BOTTOM = 250, 430, 18, 34, 30
MIN_SPAN_DAYS = 30  # an axis shorter than this is widened (one day would fill the whole plot)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def is_day(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True)
class TimelineMark:
    row: int       # the row (date and event) it is drawn on
    period: Period
    kind: str      # attribution kind of the mention
    href: str      # "#ev-N": its quote in the appendix
    tip: str       # tooltip: who, where


def _bounds(iso: str) -> Period | None:
    """The days an ISO date of day, month or year precision covers."""
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return Period(day, day)
        if len(parts) == 2:
            year, month = parts
            return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
        if len(parts) == 1:
            return Period(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))
    except (ValueError, TypeError):
        return None
    return None


def period_of(date: str, date_end: str | None = None) -> Period | None:
    """The days a timeline row covers: its date, up to the end of date_end for a span."""
    first = _bounds(date) if isinstance(date, str) else None
    if first is None:
        return None
    last = _bounds(date_end) if isinstance(date_end, str) else None
    if last is not None and last.end >= first.start:
        return Period(first.start, last.end)
    return first


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """About ten ticks: years, months or days, by the span shown."""
    days = (hi - lo).days
    if days > 3 * 365:
        step = max(1, math.ceil((hi.year - lo.year + 1) / 10))
        return [(dt.date(y, 1, 1), str(y)) for y in range(lo.year + 1 if lo.month > 1 or lo.day > 1 else lo.year,
                                                          hi.year + 1, step)]
    if days > 60:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        step = max(1, math.ceil(months / 10))
        out, y, m = [], lo.year, lo.month
        if lo.day > 1:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while dt.date(y, m, 1) <= hi:
            out.append((dt.date(y, m, 1), dt.date(y, m, 1).strftime("%b %Y")))
            for _ in range(step):
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    step = max(1, math.ceil(days / 10))
    return [(lo + dt.timedelta(d), (lo + dt.timedelta(d)).strftime("%d %b")) for d in range(0, days + 1, step)]


def timeline_chart(labels: list[str], marks: list[TimelineMark], title: str) -> Markup:
    """Rows `labels` (top to bottom), `marks` on a common time axis; empty when nothing has a date."""
    if not marks:
        return Markup()
    lo = min(m.period.start for m in marks)
    hi = max(m.period.end for m in marks)
    if (hi - lo).days < MIN_SPAN_DAYS:
        pad = (MIN_SPAN_DAYS - (hi - lo).days) // 2 + 1
        lo, hi = lo - dt.timedelta(pad), hi + dt.timedelta(pad)
    span = (hi - lo).days + 1

    def x(day: dt.date) -> float:
        return LABEL_W + PLOT_W * (day - lo).days / span

    height = TOP + ROW_H * len(labels) + BOTTOM
    width = LABEL_W + PLOT_W + 20
    axis_y = height - BOTTOM + 6
    out = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{w}" height="{h}" '
                  'viewBox="0 0 {w} {h}" class="chart"><title>{t}</title>').format(w=width, h=height, t=title)]
    for day, text in _ticks(lo, hi):
        out.append(Markup('<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{y}" stroke="#eef0f3"/>'
                          '<text x="{x:.1f}" y="{ty}" font-size="10" text-anchor="middle">{t}</text>').format(
            x=x(day), top=TOP - 8, y=axis_y, ty=axis_y + 14, t=text))
    out.append(Markup('<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#9aa3ad"/>').format(
        LABEL_W, LABEL_W + PLOT_W, y=axis_y))
    for i, label in enumerate(labels):
        short = label if len(label) <= 38 else label[:37] + "…"
        out.append(Markup('<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>').format(
            LABEL_W - 8, TOP + i * ROW_H + 4, short))
    kinds_in_row: dict[int, list[str]] = {}
    for m in marks:
        kinds_in_row.setdefault(m.row, [])
        if m.kind not in kinds_in_row[m.row]:
            kinds_in_row[m.row].append(m.kind)
    for m in marks:
        kinds = kinds_in_row[m.row]
        y = TOP + m.row * ROW_H + (kinds.index(m.kind) - (len(kinds) - 1) / 2) * 5
        color = KIND_COLORS.get(m.kind, "#444")
        if m.period.is_day:
            shape = Markup('<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"/>').format(x(m.period.start), y, color)
        else:
            x0, x1 = x(m.period.start), x(m.period.end + dt.timedelta(1))
            shape = Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="5" rx="2" fill="{}" '
                           'opacity="0.75"/>').format(x0, y - 2.5, max(x1 - x0, 3.0), color)
        out.append(Markup('<a href="{}"><title>{}</title>{}</a>').format(m.href, m.tip, shape))
    lx = LABEL_W
    for kind, color in KIND_COLORS.items():
        out.append(Markup('<circle cx="{}" cy="10" r="4" fill="{}"/>'
                          '<text x="{}" y="14" font-size="10">{}</text>').format(lx + 5, color, lx + 12, kind))
        lx += 68
    out.append(Markup('<text x="{}" y="14" font-size="10" text-anchor="end">dot: a day · bar: a month, year '
                      'or span</text>').format(LABEL_W - 8))
    out.append(Markup("</svg>"))
    return Markup("").join(out)
