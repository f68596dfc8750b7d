"""Charts drawn once on the server as SVG: the same markup goes into a page and a PDF.

Each function takes plain numbers and labels and returns ``Markup`` holding one
``<svg>`` element with a ``viewBox`` (it scales to its container), a ``<title>`` for
screen readers, and every label escaped. No script, no external reference: the CSP
and WeasyPrint's URL fetcher have nothing to allow.

    bar_chart(["2024", "2025"], [("Máy chủ", [30, 37])], title="Máy chủ theo năm")
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

# Colours that stay apart in greyscale print and for the common colour blindnesses.
PALETTE = ("#1f5fa8", "#d9822b", "#2e8b57", "#a23b72", "#6b6b6b", "#c9a227", "#4a90c2")
FONT = "font-family=\"inherit\" font-size=\"13\""


def number(value) -> str:
    """Format a figure the Vietnamese way: 1.234.567 and 12,5 (comma for decimals)."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.1f}".split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(round(value)):,}".replace(",", ".")


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the picture, leaving room for axis labels and the legend."""
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def inner_w(self):
        return self.width - self.left - self.right

    @property
    def inner_h(self):
        return self.height - self.top - self.bottom


def _nice_max(value: float) -> float:
    """Round the axis top up to 1, 2, 2.5 or 5 × a power of ten, so ticks read well."""
    if value <= 0:
        return 1
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _open(frame: _Frame, title: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} '
            f'{frame.height}" role="img" class="chart" {FONT}>',
            f"<title>{escape(title)}</title>"]


def _legend(names: list[str], frame: _Frame) -> list[str]:
    """One row of coloured squares with names, under the plot; skipped for one series."""
    if len(names) < 2:
        return []
    out, x = [], frame.left
    y = frame.height - 12
    for i, name in enumerate(names):
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"/>')
        out.append(f'<text x="{x + 16}" y="{y}">{escape(name)}</text>')
        x += 30 + 8 * len(name)
    return out


def _value_axis(frame: _Frame, top: float, unit: str) -> list[str]:
    out = []
    for i in range(5):
        value = top * i / 4
        y = frame.top + frame.inner_h - frame.inner_h * i / 4
        out.append(f'<line x1="{frame.left}" x2="{frame.width - frame.right}" y1="{y:.1f}" '
                   f'y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                   f'fill="#555">{escape(number(value))}</text>')
    if unit:
        out.append(f'<text x="{frame.left}" y="{frame.top - 8}" fill="#555">'
                   f'{escape(unit)}</text>')
    return out


def bar_chart(labels, series, *, title, unit="", width=640, height=320,
              stacked=False) -> Markup:
    """Vertical bars: one group per label, one bar per series (or one stack if stacked).

    ``series`` is a list of ``(name, values)`` with one value per label; values are
    written above single bars so the figure can be read without the axis.
    """
    labels = list(labels)
    series = [(name, [float(v or 0) for v in values]) for name, values in series]
    frame = _Frame(width, height, left=56, right=12, top=28,
                   bottom=64 if len(series) > 1 else 44)
    totals = ([sum(vals[i] for _, vals in series) for i in range(len(labels))] if stacked
              else [v for _, vals in series for v in vals])
    top = _nice_max(max(totals, default=0))
    out = _open(frame, title) + _value_axis(frame, top, unit)
    slot = frame.inner_w / max(len(labels), 1)
    bars = 1 if stacked else max(len(series), 1)
    bar_w = slot * 0.7 / bars
    base_y = frame.top + frame.inner_h
    for i, label in enumerate(labels):
        x0 = frame.left + slot * i + slot * 0.15
        stack_y = base_y
        for s, (name, values) in enumerate(series):
            h = frame.inner_h * values[i] / top
            x = x0 if stacked else x0 + bar_w * s
            y = stack_y - h if stacked else base_y - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(name)}, '
                       f'{escape(str(label))}: {escape(number(values[i]))}</title></rect>')
            if stacked:
                stack_y = y
            elif bars == 1:
                out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                           f'text-anchor="middle">{escape(number(values[i]))}</text>')
        out.append(f'<text x="{x0 + slot * 0.35:.1f}" y="{base_y + 18}" '
                   f'text-anchor="middle">{escape(str(label))}</text>')
    out += _legend([name for name, _ in series], frame)
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(labels, series, *, title, unit="", width=640, height=320) -> Markup:
    """One line per series over the labels (months, years); each point marked."""
    labels = list(labels)
    series = [(name, [float(v or 0) for v in values]) for name, values in series]
    frame = _Frame(width, height, left=56, right=16, top=28,
                   bottom=64 if len(series) > 1 else 44)
    top = _nice_max(max((v for _, vals in series for v in vals), default=0))
    out = _open(frame, title) + _value_axis(frame, top, unit)
    step = frame.inner_w / max(len(labels) - 1, 1)
    base_y = frame.top + frame.inner_h
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = [(frame.left + step * i, base_y - frame.inner_h * v / top)
                  for i, v in enumerate(values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2.5"/>')
        for (x, y), v, label in zip(points, values, labels, strict=False):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(name)}, {escape(str(label))}: '
                       f'{escape(number(v))}</title></circle>')
    every = max(1, len(labels) // 12)  # at most ~12 axis labels, or they overlap
    for i, label in enumerate(labels):
        if i % every == 0:
            out.append(f'<text x="{frame.left + step * i:.1f}" y="{base_y + 18}" '
                       f'text-anchor="middle">{escape(str(label))}</text>')
    out += _legend([name for name, _ in series], frame)
    out.append("</svg>")
    return Markup("".join(out))


def share_bar(parts, *, title, width=640, height=72) -> Markup:
    """One horizontal bar split into parts (label, value), each with its percentage.

    Used instead of a pie: lengths compare better than angles, and it fits a narrow
    tablet column.
    """
    parts = [(label, float(v or 0)) for label, v in parts]
    total = sum(v for _, v in parts)
    frame = _Frame(width, height, left=0, right=0, top=0, bottom=28)
    out = _open(frame, title)
    x = 0.0
    for i, (label, value) in enumerate(parts):
        w = frame.inner_w * value / total if total else 0
        pct = 100 * value / total if total else 0
        colour = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{frame.inner_h}" '
                   f'fill="{colour}"><title>{escape(label)}: {escape(number(value))} '
                   f'({escape(number(round(pct, 1)))}%)</title></rect>')
        if w > 60:
            out.append(f'<text x="{x + 6:.1f}" y="{frame.inner_h / 2 + 5:.1f}" fill="#fff">'
                       f'{escape(number(round(pct, 1)))}%</text>')
        x += w
    out += _legend([label for label, _ in parts], frame) if len(parts) > 1 else []
    out.append("</svg>")
    return Markup("".join(out))
