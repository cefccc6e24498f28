"""Charts as inline SVG, drawn in Python (no library, no CDN): lines, stacked bars, horizontal bars.

Every function returns one ``<svg>`` element as a string, with ``role="img"``,
a ``<title>`` and a ``<desc>``; every mark has a ``<title>`` and a ``data-tip``
(report.js shows it on hover, tap and keyboard focus: the chart itself is
focusable, arrow keys walk its marks). All text is escaped here. Callers pair
each chart with a table (its text alternative).

Readability rules, enforced here rather than by each caller:

* at most :data:`MAX_SERIES` series per chart, each a distinct colour of a
  colour-blind-safe palette *and* a distinct marker shape;
* a line is broken where two points are more than :data:`GAP_DAYS` apart;
* a value axis starts at 0 (counts) or, for CRS scores, spans at least
  :data:`MIN_CRS_SPAN` points and says in the chart that it does not start at 0;
* text is positioned in ``em`` so a phone's larger chart font (report.css) does not collide.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from eewatch.app.views.series import Month, PoolComparison, Series

#: Okabe & Ito's colour-blind-safe colours without yellow (too light on white) and black (lost in dark
#: mode), and a mid grey: seven hues that stay apart for the common colour-vision deficiencies.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c8c8c")
#: Marker shapes, paired with the colours so that series differ by shape too.
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross", "bar")
MAX_SERIES = len(PALETTE)
TYPE_COLOURS = {"general": "#0072b2", "program": "#009e73", "category": "#d55e00", "unknown": "#8c8c8c"}
#: Points further apart than this are not joined: the line shows the gap.
GAP_DAYS = 92
#: A CRS axis spans at least this many points, so a 10-point move looks like one.
MIN_CRS_SPAN = 100


class TooManySeries(ValueError):
    """A chart was asked to draw more series than it can keep apart."""


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


def _open(width: int, height: int, title: str, desc: str, css_class: str, attrs: str = "") -> str:
    return (
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" role="img" tabindex="0" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet"{attrs}>'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    )


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _compact(value: float) -> str:
    """``30000`` -> ``30k``, ``2500`` -> ``2.5k``: axis labels that fit a phone."""
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _month_ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str, bool]]:
    """``(day, label, major)``: year starts, and quarters on spans under three years (minor)."""
    span = (end - start).days
    months = (1,) if span > 3 * 366 else (1, 4, 7, 10)
    step = max(1, math.ceil(span / 365 / 8)) if span > 3 * 366 else 1
    ticks = []
    for year in range(start.year, end.year + 1):
        for month in months:
            day = dt.date(year, month, 1)
            if start <= day <= end and (month != 1 or (year - start.year) % step == 0):
                ticks.append((day, str(year) if month == 1 else day.strftime("%b"), month == 1))
    return ticks


def marker(shape: str, cx: float, cy: float, size: float, fill: str, extra: str) -> str:
    """One point's mark, centred on (cx, cy)."""
    s = size
    if shape == "circle":
        return f'<circle class="mark" cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="{_fmt(s)}" fill="{fill}"{extra}'
    if shape == "square":
        d = f"M{_fmt(cx - s)},{_fmt(cy - s)}h{_fmt(2 * s)}v{_fmt(2 * s)}h{_fmt(-2 * s)}z"
    elif shape == "triangle":
        d = f"M{_fmt(cx)},{_fmt(cy - 1.3 * s)}L{_fmt(cx + 1.2 * s)},{_fmt(cy + s)}H{_fmt(cx - 1.2 * s)}z"
    elif shape == "triangle-down":
        d = f"M{_fmt(cx)},{_fmt(cy + 1.3 * s)}L{_fmt(cx + 1.2 * s)},{_fmt(cy - s)}H{_fmt(cx - 1.2 * s)}z"
    elif shape == "diamond":
        r = 1.4 * s
        d = f"M{_fmt(cx)},{_fmt(cy - r)}L{_fmt(cx + r)},{_fmt(cy)}L{_fmt(cx)},{_fmt(cy + r)}"
        d += f"L{_fmt(cx - r)},{_fmt(cy)}z"
    elif shape == "cross":
        t = s * 0.45
        d = (
            f"M{_fmt(cx - t)},{_fmt(cy - 1.3 * s)}h{_fmt(2 * t)}v{_fmt(1.3 * s - t)}h{_fmt(1.3 * s - t)}"
            f"v{_fmt(2 * t)}h{_fmt(t - 1.3 * s)}v{_fmt(1.3 * s - t)}h{_fmt(-2 * t)}v{_fmt(t - 1.3 * s)}"
            f"h{_fmt(t - 1.3 * s)}v{_fmt(-2 * t)}h{_fmt(1.3 * s - t)}z"
        )
    else:  # bar: a short horizontal bar
        d = f"M{_fmt(cx - 1.4 * s)},{_fmt(cy - 0.6 * s)}h{_fmt(2.8 * s)}v{_fmt(1.2 * s)}h{_fmt(-2.8 * s)}z"
    return f'<path class="mark" d="{d}" fill="{fill}"{extra}'


def legend_marker(index: int) -> str:
    """A small inline SVG of series ``index``'s colour and shape, for an HTML legend."""
    return (
        '<svg class="key" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">'
        f'<line x1="0" x2="24" y1="6" y2="6" stroke="{colour(index)}" stroke-width="2"/>'
        f"{marker(MARKERS[index % len(MARKERS)], 12, 6, 3.6, colour(index), '/>')}</svg>"
    )


def crs_range(values: Sequence[float], extra: Sequence[float] = ()) -> tuple[float, float]:
    """A CRS axis: covers the values, at least :data:`MIN_CRS_SPAN` wide, on round numbers."""
    every = [*values, *extra]
    if not every:
        return 0.0, 100.0
    low, high = min(every), max(every)
    if high - low < MIN_CRS_SPAN:
        middle = (low + high) / 2
        low, high = middle - MIN_CRS_SPAN / 2, middle + MIN_CRS_SPAN / 2
        if low < 0:
            low, high = 0, MIN_CRS_SPAN
    low = math.floor(low / 10) * 10
    high = math.ceil(high / 10) * 10
    return float(low), float(high)


def line_chart(
    series: Sequence[Series],
    *,
    start: dt.date,
    end: dt.date,
    title: str,
    desc: str,
    width: int = 800,
    height: int = 320,
    y_range: tuple[float, float] | None = None,
    zero: bool = False,
    your_crs: int | None = None,
    colours: Sequence[int] | None = None,
    unit: str = "CRS",
    css_class: str = "",
    not_yours: str | None = None,
) -> str:
    """Values over time, one line per series, broken at gaps over :data:`GAP_DAYS`.

    ``zero``: a count axis from 0; otherwise a CRS axis (:func:`crs_range`, or ``y_range`` to share
    one across small multiples), labelled with where it starts. ``your_crs`` draws a reference line;
    report.js can move it (``?crs=``) using the ``data-*`` scale on the ``<svg>``. ``not_yours``: why the
    reader's profile could not enter these rounds; no line is drawn then, by eewatch or report.js.
    """
    if len(series) > MAX_SERIES:
        raise TooManySeries(f"{title}: {len(series)} series, at most {MAX_SERIES} stay distinct")
    left, right, top, bottom = 58, 18, 26, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [p.value for s in series for p in s.points]
    if zero:
        ticks = nice_ticks(0, max(values, default=0) or 1)
    else:
        low, high = y_range or crs_range(values, [your_crs] if your_crs is not None else [])
        ticks = nice_ticks(low, high)
    y_low, y_high = ticks[0], ticks[-1]
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return left + (day - start).days / span * plot_w

    def y(value: float) -> float:
        return top + (y_high - value) / ((y_high - y_low) or 1) * plot_h

    scale = (
        f' data-y-low="{y_low:g}" data-y-high="{y_high:g}" data-top="{top}" data-plot-h="{plot_h}"'
        f' data-left="{left}" data-right="{width - right}" data-unit="{escape(unit)}"'
    )
    if not_yours is not None:
        scale += f' data-not-yours="{escape(not_yours)}"'
        your_crs = None
    parts = [_open(width, height, title, desc, f"line-chart {css_class}".strip(), scale)]
    parts.append('<g class="axis">')
    for tick in ticks:
        label = _compact(tick) if zero else f"{tick:g}"
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(tick))}" y2="{_fmt(y(tick))}" class="grid"/>'
            f'<text x="{left - 6}" y="{_fmt(y(tick))}" dy="0.35em" text-anchor="end">{label}</text>'
        )
    note = f"{unit}, from 0" if zero else f"{unit}: axis starts at {y_low:g}, not 0"
    parts.append(f'<text class="axis-note" x="{left}" y="{top - 8}">{escape(note)}</text>')
    for day, text, major in _month_ticks(start, end):
        cls = "" if major else ' class="minor"'
        parts.append(
            f'<line x1="{_fmt(x(day))}" x2="{_fmt(x(day))}" y1="{top + plot_h}" y2="{top + plot_h + 4}"/>'
            f'<text{cls} x="{_fmt(x(day))}" y="{top + plot_h + 5}" dy="1em" text-anchor="middle">'
            f"{escape(text)}</text>"
        )
    parts.append("</g>")
    for position, s in enumerate(series):
        index = colours[position] if colours is not None else position
        stroke, shape = colour(index), MARKERS[index % len(MARKERS)]
        parts.append(
            f'<g class="series" data-series="{escape(s.key)}" data-colour="{stroke}" '
            f'data-label="{escape(s.label)}">'
        )
        segment: list[tuple[float, float]] = []
        segments = [segment]
        previous: dt.date | None = None
        for p in s.points:
            if previous is not None and (p.date - previous).days > GAP_DAYS:
                segment = []
                segments.append(segment)
            segment.append((x(p.date), y(p.value)))
            previous = p.date
        for seg in segments:
            if len(seg) > 1:
                path = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy in seg)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="2" '
                    'vector-effect="non-scaling-stroke" stroke-linejoin="round"/>'
                )
        size = 3.4 if len(s.points) < 80 else 2.4
        for p in s.points:
            if unit == "CRS":
                tip = f"#{p.round_id} {p.date.isoformat()} {s.label}: CRS {p.value}"
            else:
                tip = f"{p.date.isoformat()} {s.label}: {p.value:,} {unit}"
            tag = "circle" if shape == "circle" else "path"
            extra = f' data-tip="{escape(tip)}"><title>{escape(tip)}</title></{tag}>'
            parts.append(marker(shape, x(p.date), y(p.value), size, stroke, extra))
        parts.append("</g>")
    if your_crs is not None:
        parts.append(your_crs_line(your_crs, y(your_crs), left, width - right, top - 8))
    if not values:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">nothing published</text>')
    parts.append("</svg>")
    return "".join(parts)


def your_crs_line(crs: int, cy: float, x1: float, x2: float, label_y: float) -> str:
    """The reader's score across a CRS chart (report.js draws the same from ``?crs=``).

    Its label sits in the top margin, above the plot, so it never covers a round's point.
    """
    return (
        f'<g class="your-crs" data-crs="{crs}"><line x1="{_fmt(x1)}" x2="{_fmt(x2)}" y1="{_fmt(cy)}" '
        f'y2="{_fmt(cy)}" vector-effect="non-scaling-stroke"/>'
        f'<text x="{_fmt(x2)}" y="{_fmt(label_y)}" text-anchor="end">- - your CRS {crs}</text></g>'
    )


def month_bars(months: Sequence[Month], *, title: str, desc: str, width: int = 800, height: int = 260) -> str:
    """Invitations per month, stacked by round type; a ``?`` marks months with uncounted rounds."""
    left, right, top, bottom = 58, 12, 26, 34
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
            f'<text x="{left - 6}" y="{_fmt(y(tick))}" dy="0.35em" text-anchor="end">{_compact(tick)}</text>'
        )
    parts.append(f'<text class="axis-note" x="{left}" y="{top - 8}">invitations, from 0</text>')
    for index, m in enumerate(months):
        year, month = m.month.split("-")
        if month in ("01", "04", "07", "10"):
            text = year if month == "01" else dt.date(int(year), int(month), 1).strftime("%b")
            cls = "" if month == "01" else ' class="minor"'
            cx = left + slot * (index + 0.5)
            parts.append(
                f'<text{cls} x="{_fmt(cx)}" y="{top + plot_h + 5}" dy="1em" '
                f'text-anchor="middle">{text}</text>'
            )
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
                f'<rect class="mark" x="{_fmt(x0)}" y="{_fmt(y(base + value))}" width="{_fmt(bar_w)}" '
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


def pool_bars(comparison: PoolComparison, *, title: str, desc: str, width: int = 480) -> str:
    """Candidates per CRS band: the earlier distribution (light) above the latest (dark)."""
    rows = comparison.rows()
    left, right, top, row_h = 70, 60, 8, 30
    height = top + row_h * len(rows) + 8
    plot_w = width - left - right
    peak = max((v for _, a, b in rows for v in (a, b) if v is not None), default=0) or 1
    parts = [_open(width, height, title, desc, "pool-chart")]
    for index, (band, old, new) in enumerate(rows):
        y0 = top + row_h * index
        parts.append(f'<g class="band" data-band="{escape(band)}">')
        parts.append(
            f'<text x="{left - 6}" y="{y0 + 14}" dy="0.35em" text-anchor="end">{escape(band)}</text>'
        )
        for offset, value, css, when in (
            (2, old, "earlier", comparison.earlier),
            (13, new, "latest", comparison.latest),
        ):
            if value is None or when is None:
                continue
            bar = value / peak * plot_w
            tip = f"{band}: {value:,} candidates on {when.distribution_as_of}"
            parts.append(
                f'<rect class="{css} mark" x="{left}" y="{y0 + offset}" width="{_fmt(bar)}" height="11" '
                f'data-tip="{escape(tip)}"><title>{escape(tip)}</title></rect>'
            )
        if new is not None:
            parts.append(
                f'<text x="{_fmt(left + new / peak * plot_w + 4)}" y="{y0 + 18}" dy="0.35em">{new:,}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def band_bars(
    rows: Sequence[tuple[str, int | None]],
    *,
    title: str,
    desc: str,
    your_crs: int | None = None,
    width: int = 480,
) -> str:
    """One distribution: candidates per band (highest band first), the band holding ``your_crs`` marked.

    Each bar carries ``data-low``/``data-high``/``data-count`` so report.js can mark another score.
    """
    left, right, top, row_h = 70, 60, 8, 24
    height = top + row_h * len(rows) + 8
    plot_w = width - left - right
    peak = max((v for _, v in rows if v is not None), default=0) or 1
    parts = [_open(width, height, title, desc, "band-chart")]
    for index, (band, value) in enumerate(rows):
        low, high = (int(v) for v in band.split("-"))
        y0 = top + row_h * index
        yours = your_crs is not None and low <= your_crs <= high
        cls = "band yours" if yours else "band"
        parts.append(
            f'<g class="{cls}" data-band="{escape(band)}" data-low="{low}" data-high="{high}" '
            f'data-count="{"" if value is None else value}">'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y0 + 11}" dy="0.35em" text-anchor="end">{escape(band)}</text>'
        )
        if value is not None:
            tip = f"{band}: {value:,} candidates"
            parts.append(
                f'<rect class="latest mark" x="{left}" y="{y0 + 3}" width="{_fmt(value / peak * plot_w)}" '
                f'height="16" data-tip="{escape(tip)}"><title>{escape(tip)}</title></rect>'
                f'<text x="{_fmt(left + value / peak * plot_w + 4)}" y="{y0 + 11}" '
                f'dy="0.35em">{value:,}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
