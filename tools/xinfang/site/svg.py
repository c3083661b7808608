"""Small SVG charts drawn at build time: no chart library, nothing fetched when viewed. Pure.

Colours are CSS classes (`xf-c0`…, `xf-prev`, `xf-axis`) styled in
site_src/stylesheets/xinfang.css, so the charts follow the light/dark palette. Every label
passes through `escape`. Each chart is wrapped in a <figure> (a block-level element, so
Markdown leaves the SVG alone) with a caption.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xinfang.site.text import escape

__all__ = ["hbar_chart", "nice_max", "stacked_bar_chart"]

_FONT = 12


def nice_step(value: float, ticks: int = 4) -> int:
    """A whole step of 1, 2 or 5 × 10^k for about `ticks` grid lines up to `value`."""
    raw = max(value / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 5, 10):
        if step * power >= raw:
            return int(step * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def nice_max(value: float) -> int:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return math.ceil(step * power)
    return math.ceil(10 * power)  # pragma: no cover - the loop always returns


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _figure(svg: str, caption: str, figures: str = "") -> str:
    return (
        f'<figure class="xf-chart">\n<div data-search-exclude>\n{svg}\n</div>\n{figures}'
        f"<figcaption>{escape(caption)}</figcaption>\n</figure>"
    ).replace("\n\n", "\n")


def _figures_table(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], totals: Sequence[int]
) -> str:
    """The chart's numbers as a small table, shown on phones only (the CSS hides it
    elsewhere): shrunk to a phone's width, the chart's labels are too small to read."""
    head = "".join(f"<th>{escape(h)}</th>" for h in ["", *(n for n, _ in series), "合计"])
    rows = []
    for i, label in enumerate(labels):
        cells = "".join(f"<td>{values[i]}</td>" for _, values in series)
        rows.append(f"<tr><th>{escape(label)}</th>{cells}<td>{totals[i]}</td></tr>")
    return (
        '<div class="xf-chart-data" data-search-exclude><table class="xf-mini">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def stacked_bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    caption: str,
    unit: str = "件",
    width: int = 760,
    height: int = 280,
    with_table: bool = False,
) -> str:
    """Vertical bars, one per label, each stacked from the series in order, with a legend
    and the total above every bar; `with_table` adds the numbers for phones."""
    left, right, top, bottom = 44, 12, 34, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    step = nice_step(max(totals, default=0))
    ymax = step * max(math.ceil(max(totals, default=0) / step), 1)
    slot = plot_w / max(len(labels), 1)
    bar_w = min(slot * 0.66, 48)
    out = [
        f'<svg class="xf-svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(caption)}" preserveAspectRatio="xMidYMid meet">'
    ]
    out += _y_grid(ymax, step, left, top, plot_w, plot_h)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        for s, (name, values) in enumerate(series):
            v = values[i]
            if not v:
                continue
            h = plot_h * v / ymax
            y -= h
            out.append(
                f'<rect class="xf-c{s}" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" '
                f'height="{_num(h)}"><title>{escape(label)} {escape(name)} {v} {unit}</title></rect>'
            )
        cx = _num(x + bar_w / 2)
        if totals[i]:
            out.append(
                f'<text class="xf-val" x="{cx}" y="{_num(y - 4)}" text-anchor="middle">'
                f"{totals[i]}</text>"
            )
        out.append(
            f'<text class="xf-lab" x="{cx}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    lx = left
    for s, (name, values) in enumerate(series):
        out.append(f'<rect class="xf-c{s}" x="{lx}" y="8" width="12" height="12" rx="2"/>')
        text = f"{name} {sum(values)}"
        out.append(f'<text class="xf-lab" x="{lx + 16}" y="18">{escape(text)}</text>')
        lx += 16 + _text_width(text) + 18
    out.append("</svg>")
    figures = _figures_table(labels, series, totals) if with_table else ""
    return _figure("\n".join(out), caption, figures)


def hbar_chart(
    rows: Sequence[tuple[str, int, int | None]],
    *,
    caption: str,
    current: str,
    previous: str | None = None,
    unit: str = "件",
    width: int = 760,
) -> str:
    """Horizontal bars: one row per (label, value, previous value or None), the previous
    period drawn as a thin bar under the current one, with the year-on-year change."""
    label_w = max([_text_width(label) for label, _, _ in rows] + [48]) + 12
    right = 150
    row_h = 34 if previous else 26
    top = 30 if previous else 8
    height = top + row_h * len(rows) + 8
    plot_w = width - label_w - right
    vmax = nice_max(max([v for _, v, _ in rows] + [p or 0 for _, _, p in rows] + [0]))
    out = [
        f'<svg class="xf-svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(caption)}" preserveAspectRatio="xMinYMin meet">'
    ]
    if previous:
        out.append(f'<rect class="xf-c0" x="{label_w}" y="8" width="12" height="12" rx="2"/>')
        out.append(f'<text class="xf-lab" x="{label_w + 16}" y="18">{escape(current)}</text>')
        px = label_w + 16 + _text_width(current) + 18
        out.append(f'<rect class="xf-prev" x="{px}" y="11" width="12" height="6" rx="1"/>')
        out.append(f'<text class="xf-lab" x="{px + 16}" y="18">{escape(previous)}</text>')
    for i, (label, value, prev) in enumerate(rows):
        y = top + i * row_h
        bar_h = 14
        w = plot_w * value / vmax
        out.append(
            f'<text class="xf-lab" x="{label_w - 8}" y="{y + 12}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        out.append(
            f'<rect class="xf-c0" x="{label_w}" y="{y + 1}" width="{_num(max(w, 0.5))}" '
            f'height="{bar_h}" rx="2"><title>{escape(label)} {escape(current)} {value} {unit}'
            "</title></rect>"
        )
        text = f"{value}"
        if prev is not None:
            pw = plot_w * prev / vmax
            out.append(
                f'<rect class="xf-prev" x="{label_w}" y="{y + bar_h + 3}" '
                f'width="{_num(max(pw, 0.5))}" height="6" rx="1"><title>{escape(label)} '
                f"{escape(previous or '')} {prev} {unit}</title></rect>"
            )
            text += f"（{change_text(value, prev)}）"
        out.append(
            f'<text class="xf-val" x="{_num(label_w + w + 6)}" y="{y + 12}">{escape(text)}</text>'
        )
    out.append("</svg>")
    return _figure("\n".join(out), caption)


def change_text(value: int, previous: int) -> str:
    """Year-on-year change as officials write it: 同比增长 12.5%, 同比下降 3.0%, 同比持平."""
    if previous == 0:
        return "上年为 0" if value else "同比持平"
    pct = (value - previous) * 100 / previous
    if abs(pct) < 0.05:
        return "同比持平"
    return f"同比{'增长' if pct > 0 else '下降'} {abs(pct):.1f}%"


def _y_grid(ymax: int, step: int, left: int, top: int, plot_w: float, plot_h: float) -> list[str]:
    out = []
    for v in range(0, ymax + 1, step):
        y = top + plot_h - plot_h * v / ymax
        out.append(
            f'<line class="xf-axis" x1="{left}" x2="{_num(left + plot_w)}" '
            f'y1="{_num(y)}" y2="{_num(y)}"/>'
        )
        out.append(
            f'<text class="xf-lab" x="{left - 6}" y="{_num(y + 4)}" text-anchor="end">'
            f"{_num(v)}</text>"
        )
    return out


def _text_width(text: str) -> int:
    """Rough width in px at the chart font size: CJK characters are about twice as wide."""
    return sum(_FONT if ord(ch) > 0x2E80 else _FONT * 0.6 for ch in text).__ceil__()
