"""Small server-rendered SVG charts (no JavaScript, no CDN). Text is escaped; every chart has a title."""
from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
LABEL_WIDTH = 170
CHART_WIDTH = 560


def bar_chart(items: list[tuple[str, float]], title: str, unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((value for _label, value in items), default=0) or 1
    height = BAR_HEIGHT * max(len(items), 1) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{CHART_WIDTH}" '
             f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}"><title>{escape(title)}</title>']
    span = CHART_WIDTH - LABEL_WIDTH - 70
    for index, (label, value) in enumerate(items):
        y = 5 + index * BAR_HEIGHT
        width = max(1, round(span * value / largest)) if value else 0
        shown = f"{value:g}{unit}"
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(label)}</text>'
                     f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}" fill="#a3171b"/>'
                     f'<text x="{LABEL_WIDTH + width + 5}" y="{y + 15}" font-size="13">{escape(shown)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(items: list[tuple[str, float]], title: str) -> Markup:
    """Vertical columns over time, one per (period label, value)."""
    count = max(len(items), 1)
    largest = max((value for _label, value in items), default=0) or 1
    height, base = 220, 190
    step = CHART_WIDTH / count
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{CHART_WIDTH}" '
             f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}"><title>{escape(title)}</title>']
    for index, (label, value) in enumerate(items):
        bar = round(160 * value / largest)
        x = index * step + step * 0.15
        parts.append(f'<rect x="{x:.1f}" y="{base - bar}" width="{step * 0.7:.1f}" height="{bar}" fill="#0b5cad"/>'
                     f'<text x="{x + step * 0.35:.1f}" y="{base - bar - 4}" text-anchor="middle" font-size="11">{value:g}</text>'
                     f'<text x="{x + step * 0.35:.1f}" y="{base + 16}" text-anchor="middle" font-size="11">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
