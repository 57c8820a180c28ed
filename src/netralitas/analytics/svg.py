"""Charts as SVG strings built on the server (no JavaScript): horizontal bars and a monthly
series with election phases. Colours are Okabe-Ito (safe for the common colour blindnesses);
every mark carries a ``<title>`` with its number, and the page shows the same numbers as a table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from netralitas import formats
from netralitas.analytics.model import Breakdown, Phase, Series

#: Okabe & Ito (2008), "Color Universal Design".
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
)
PHASE_COLOURS = {"candidate_determination": GREEN, "campaign": ORANGE, "quiet": SKY, "vote": VERMILLION}

_WIDTH = 640


def _e(text: str) -> str:
    return escape(text, quote=True)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(chart: Breakdown, *, lang: str = "id", chart_id: str | None = None) -> str:
    """One bar per row, longest first as given; the number is written at the end of each bar."""
    row_h, label_w = 24, 250
    rows = chart.rows
    title = chart.title if lang == "id" else chart.title_en
    cid = _e(chart_id or f"grafik-{chart.id}")
    height = max(1, len(rows)) * row_h + 8
    most = max((r.count for r in rows), default=0) or 1
    span = _WIDTH - label_w - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" id="{cid}" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" aria-labelledby="{cid}-t" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{cid}-t">{_e(title)}</title>',
    ]
    if not rows:
        parts.append(
            f'<text x="4" y="16" font-size="13">{"Tidak ada data" if lang == "id" else "No data"}</text>'
        )
    for i, r in enumerate(rows):
        y = 4 + i * row_h
        w = max(1.0, r.count / most * span) if r.count else 0.0
        label = r.label if lang == "id" else r.label_en
        parts.append(
            f'<g class="bar" data-key="{_e(r.key)}" data-count="{r.count}">'
            f"<title>{_e(label)}: {r.count}</title>"
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12">'
            f"{_e(_short(label))}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BLUE}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 16}" font-size="12">{r.count}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _x(day: date, first: date, months: int, left: int, span: int) -> float:
    index = (day.year - first.year) * 12 + day.month - first.month + (day.day - 1) / 31
    return left + index / max(1, months) * span


def series_chart(series: Series, *, lang: str = "id", chart_id: str = "grafik-waktu") -> str:
    """Columns per month; election phases as shaded bands (campaign, quiet period) and lines
    (candidate determination, vote), with a legend below."""
    left, top, plot_h, span = 40, 10, 180, _WIDTH - 50
    months = series.months
    title = "Kasus per bulan" if lang == "id" else "Cases per month"
    cid = _e(chart_id)
    height = top + plot_h + 40 + 20 * len(PHASE_COLOURS)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart series-chart" id="{cid}" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" aria-labelledby="{cid}-t" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{cid}-t">{title}</title>',
    ]
    if not months:
        empty = "Tidak ada data" if lang == "id" else "No data"
        out.append(f'<text x="4" y="16" font-size="13">{empty}</text></svg>')
        return "".join(out)
    first, n = months[0][0], len(months)
    bands = [p for p in series.phases if p.start_on != p.end_on]
    days = [p for p in series.phases if p.start_on == p.end_on]  # drawn over the columns
    out.extend(_phase_marks(bands, first, n, left, span, top, plot_h, lang))
    out.extend(_columns(months, left, span, top, plot_h, lang))
    out.extend(_phase_marks(days, first, n, left, span, top, plot_h, lang))
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + span}" y2="{top + plot_h}" stroke="#333"/>'
    )
    out.extend(_legend(top + plot_h + 36, lang))
    out.append("</svg>")
    return "".join(out)


def _columns(
    months: Sequence[tuple[date, int]], left: int, span: int, top: int, plot_h: int, lang: str
) -> list[str]:
    most = max(n for _, n in months) or 1
    step = span / len(months)
    every = max(1, len(months) // 8)
    out = [f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="11">{most}</text>']
    for i, (month, count) in enumerate(months):
        h = count / most * plot_h
        x = left + i * step
        out.append(
            f'<rect class="month" data-month="{month:%Y-%m}" data-count="{count}" x="{x + 0.5:.1f}" '
            f'y="{top + plot_h - h:.1f}" width="{max(0.5, step - 1):.1f}" height="{h:.1f}" fill="{BLUE}">'
            f"<title>{formats.month_year(month, lang)}: {formats.number(count, lang)}</title></rect>"
        )
        if i % every == 0:
            label = formats.short_month(month, lang)
            out.append(f'<text x="{x:.1f}" y="{top + plot_h + 14}" font-size="10">{label}</text>')
    return out


def _phase_marks(
    phases: Sequence[Phase], first: date, n: int, left: int, span: int, top: int, plot_h: int, lang: str
) -> list[str]:
    out = []
    for p in phases:
        x1 = _x(p.start_on, first, n, left, span)
        x2 = _x(p.end_on, first, n, left, span) + 1.5
        if x2 < left or x1 > left + span:
            continue
        x1, x2 = max(left, x1), min(left + span, x2)
        label = p.label if lang == "id" else p.label_en
        opacity = 0.35 if p.start_on != p.end_on else 0.9
        when = formats.long_day(p.start_on, lang)
        if p.end_on != p.start_on:
            when += "–" + formats.long_day(p.end_on, lang)
        tip = f"{_e(label)} ({_e(p.election_id)}): {when}"
        out.append(
            f'<rect class="phase phase-{p.kind}" x="{x1:.1f}" y="{top}" width="{max(1.5, x2 - x1):.1f}" '
            f'height="{plot_h}" fill="{PHASE_COLOURS[p.kind]}" fill-opacity="{opacity}">'
            f"<title>{tip}</title></rect>"
        )
    return out


def _legend(y: int, lang: str) -> list[str]:
    names = {
        "candidate_determination": ("Penetapan calon", "Candidates determined"),
        "campaign": ("Masa kampanye", "Campaign"),
        "quiet": ("Masa tenang", "Quiet period"),
        "vote": ("Pemungutan suara", "Vote"),
    }
    out = []
    for i, (kind, colour) in enumerate(PHASE_COLOURS.items()):
        label = names[kind][0] if lang == "id" else names[kind][1]
        out.append(
            f'<rect x="40" y="{y + i * 20 - 10}" width="14" height="12" fill="{colour}" fill-opacity="0.6"/>'
            f'<text x="60" y="{y + i * 20}" font-size="12">{label}</text>'
        )
    return out
