"""Charts as inline SVG, drawn in Python (no script, no CDN): lines, stacked bars, paired bars.

Every function returns one ``<svg>`` element as a string, with ``role="img"``,
a ``<title>`` and a ``<desc>``; every mark has a ``<title>`` tooltip. All text
is escaped here. Callers pair each chart with a table (its text alternative).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from eewatch.app.views.series import Month, PoolComparison, Series

#: Series colours (colour-blind-friendly order, after Okabe & Ito / Tableau).
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#7f3c8d",
    "#6b6b6b",
    "#a6761d",
    "#1b9e77",
)
TYPE_COLOURS = {"general": "#0072b2", "program": "#009e73", "category": "#d55e00", "unknown": "#6b6b6b"}
FONT = 13


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high], about ``count`` of them."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 6))
        value += step
    return ticks


def _open(width: int, height: int, title: str, desc: str, css_class: str) -> str:
    return (
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    )


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _compact(value: float) -> str:
    """``30000`` -> ``30k``, ``2500`` -> ``2.5k``: axis labels that fit a phone."""
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _month_ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Year starts (and quarters, on spans under three years) between start and end."""
    span = (end - start).days
    months = (1,) if span > 3 * 366 else (1, 4, 7, 10)
    ticks = []
    for year in range(start.year, end.year + 1):
        for month in months:
            day = dt.date(year, month, 1)
            if start <= day <= end:
                ticks.append((day, str(year) if month == 1 else day.strftime("%b")))
    return ticks


def line_chart(
    series: Sequence[Series],
    *,
    start: dt.date,
    end: dt.date,
    title: str,
    desc: str,
    width: int = 640,
    height: int = 300,
) -> str:
    """CRS cut-off over time, one coloured line per series (colours in series order)."""
    left, right, top, bottom = 48, 16, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [p.value for s in series for p in s.points]
    ticks = nice_ticks(min(values), max(values)) if values else [0.0, 1.0]
    y_low, y_high = ticks[0], ticks[-1]
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return left + (day - start).days / span * plot_w

    def y(value: float) -> float:
        return top + (y_high - value) / ((y_high - y_low) or 1) * plot_h

    parts = [_open(width, height, title, desc, "line-chart")]
    parts.append('<g class="axis">')
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(tick))}" y2="{_fmt(y(tick))}" class="grid"/>'
            f'<text x="{left - 6}" y="{_fmt(y(tick) + 4)}" text-anchor="end">{tick:g}</text>'
        )
    for day, text in _month_ticks(start, end):
        parts.append(
            f'<line x1="{_fmt(x(day))}" x2="{_fmt(x(day))}" y1="{top + plot_h}" y2="{top + plot_h + 4}"/>'
            f'<text x="{_fmt(x(day))}" y="{top + plot_h + 18}" text-anchor="middle">{escape(text)}</text>'
        )
    parts.append("</g>")
    for index, s in enumerate(series):
        stroke = colour(index)
        coords = [(x(p.date), y(p.value)) for p in s.points]
        parts.append(f'<g class="series" data-group="{escape(s.group.slug)}">')
        if len(coords) > 1:
            path = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="1.8"/>')
        for p, (cx, cy) in zip(s.points, coords, strict=True):
            tip = f"#{p.round_id} {p.date.isoformat()} {s.label}: CRS {p.value}"
            parts.append(
                f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="3.2" fill="{stroke}" '
                f'data-tip="{escape(tip)}"><title>{escape(tip)}</title></circle>'
            )
        parts.append("</g>")
    if not values:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no cut-off published</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def month_bars(months: Sequence[Month], *, title: str, desc: str, width: int = 640, height: int = 260) -> str:
    """Invitations per month, stacked by round type; a ``?`` marks months with uncounted rounds."""
    left, right, top, bottom = 52, 10, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    kinds = [k for k in TYPE_COLOURS if any(k in m.by_type for m in months)]
    peak = max((m.total for m in months), default=0)
    ticks = nice_ticks(0, peak) if peak else [0.0, 1.0]
    y_high = ticks[-1]
    slot = plot_w / max(len(months), 1)
    bar_w = max(slot * 0.72, 1.0)

    def y(value: float) -> float:
        return top + (y_high - value) / y_high * plot_h

    parts = [_open(width, height, title, desc, "bar-chart")]
    parts.append('<g class="axis">')
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(tick))}" y2="{_fmt(y(tick))}" class="grid"/>'
            f'<text x="{left - 6}" y="{_fmt(y(tick) + 4)}" text-anchor="end">{_compact(tick)}</text>'
        )
    for index, m in enumerate(months):
        year, month = m.month.split("-")
        if month in ("01", "04", "07", "10"):
            text = year if month == "01" else dt.date(int(year), int(month), 1).strftime("%b")
            cx = left + slot * (index + 0.5)
            parts.append(f'<text x="{_fmt(cx)}" y="{top + plot_h + 18}" text-anchor="middle">{text}</text>')
    parts.append("</g>")
    for index, m in enumerate(months):
        x0 = left + slot * index + (slot - bar_w) / 2
        base = 0
        parts.append(f'<g class="bar" data-month="{m.month}">')
        for kind in kinds:
            value = m.by_type.get(kind)
            if not value:
                continue
            tip = f"{m.month} {kind}: {value:,} invitations"
            parts.append(
                f'<rect x="{_fmt(x0)}" y="{_fmt(y(base + value))}" width="{_fmt(bar_w)}" '
                f'height="{_fmt(y(base) - y(base + value))}" fill="{TYPE_COLOURS[kind]}" '
                f'data-tip="{escape(tip)}"><title>{escape(tip)}</title></rect>'
            )
            base += value
        if m.missing:
            tip = f"{m.month}: {m.missing} round(s) without a published count"
            parts.append(
                f'<text class="missing" x="{_fmt(x0 + bar_w / 2)}" y="{_fmt(y(base) - 4)}" '
                f'text-anchor="middle"><title>{escape(tip)}</title>?</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def pool_bars(comparison: PoolComparison, *, title: str, desc: str, width: int = 640) -> str:
    """Candidates per CRS band: the earlier distribution (light) above the latest (dark)."""
    rows = comparison.rows()
    left, right, top, row_h = 100, 80, 8, 28
    height = top + row_h * len(rows) + 8
    plot_w = width - left - right
    peak = max((v for _, a, b in rows for v in (a, b) if v is not None), default=0) or 1
    parts = [_open(width, height, title, desc, "pool-chart")]
    for index, (band, old, new) in enumerate(rows):
        y0 = top + row_h * index
        parts.append(f'<g class="band" data-band="{escape(band)}">')
        parts.append(f'<text x="{left - 6}" y="{y0 + 16}" text-anchor="end">{escape(band)}</text>')
        for offset, value, css, when in (
            (2, old, "earlier", comparison.earlier),
            (12, new, "latest", comparison.latest),
        ):
            if value is None or when is None:
                continue
            bar = value / peak * plot_w
            tip = f"{band}: {value:,} candidates on {when.distribution_as_of}"
            parts.append(
                f'<rect class="{css}" x="{left}" y="{y0 + offset}" width="{_fmt(bar)}" height="10" '
                f'data-tip="{escape(tip)}"><title>{escape(tip)}</title></rect>'
            )
        if new is not None:
            parts.append(f'<text x="{_fmt(left + new / peak * plot_w + 4)}" y="{y0 + 21}">{new:,}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
