"""The data behind ``/pantauan/peta``: a value per province or kab/kota, its map and its table.

Measures (``ukuran``): ``jumlah`` (cases), ``diputus`` (share of recommendations sent to a PPK
that the PPK decided) and ``lewat-tenggat`` (share of recommendations waiting past the PPK
deadline). The two shares are rates with a real denominator (recommendations sent in the
region); the project holds no ASN headcount per region, so cases are not shown per employee.
``kerawanan`` colours the regions by a value computed elsewhere and handed in (the guidance
vulnerability index, 0-100, of ``netralitas.outreach``; the adapter computes it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from netralitas.analytics.filters import FactFilter, FieldError, region_in
from netralitas.analytics.maps import LEVELS, Level, choropleth, legend, shapes
from netralitas.analytics.model import Dimension, FactSource

METRICS = {
    "jumlah": ("Jumlah kasus", "Number of cases"),
    "diputus": ("Rekomendasi yang sudah diputus PPK (%)", "Recommendations decided by the PPK (%)"),
    "lewat-tenggat": ("Rekomendasi lewat tenggat PPK (%)", "Recommendations past the PPK deadline (%)"),
    "kerawanan": ("Indeks kerawanan (0-100)", "Vulnerability index (0-100)"),
}
#: Measures whose values come from outside the case facts (``build_map(..., given=...)``).
GIVEN_METRICS = frozenset({"kerawanan"})


@dataclass(frozen=True)
class MapRow:
    code: str
    name: str
    count: int
    denominator: int | None
    value: float | None


@dataclass(frozen=True)
class MapView:
    level: Level
    metric: str
    title: str
    svg: str
    legend: tuple[tuple[str, str], ...]
    rows: tuple[MapRow, ...]
    total: int


def parse_level(raw: str) -> tuple[Level, FieldError | None]:
    for level in LEVELS:
        if raw == level:
            return level, None
    return "provinsi", FieldError(
        "tingkat",
        f"Tingkat '{raw[:20]}' tidak dikenal; pilih provinsi atau kabkota.",
        f"Unknown level '{raw[:20]}'; choose provinsi or kabkota.",
    )


def parse_metric(raw: str) -> tuple[str, FieldError | None]:
    if raw in METRICS:
        return raw, None
    return "jumlah", FieldError(
        "ukuran",
        f"Ukuran '{raw[:20]}' tidak dikenal; pilih dari daftar.",
        f"Unknown measure '{raw[:20]}'; choose from the list.",
    )


def _describe(metric: str, lang: str) -> Callable[[float | None], str]:
    def describe(value: float | None) -> str:
        if value is None:
            return "tidak ada data" if lang == "id" else "no data"
        return f"{value:.0f}" if metric in ("jumlah", "kerawanan") else f"{value:.1f}%"

    return describe


def build_map(
    source: FactSource,
    level: Level,
    metric: str,
    where: FactFilter,
    today: date,
    *,
    lang: str = "id",
    given: Mapping[str, float] | None = None,
) -> MapView:
    """The map of ``metric``; a measure of ``GIVEN_METRICS`` is coloured from ``given``
    ({region code: value}; regions without a value are hatched as having no data)."""
    column = Dimension.PROVINCE if level == "provinsi" else Dimension.REGENCY
    counts = source.counts(column, where)
    values: dict[str, float | None] = {}
    denominators: dict[str, int] = {}
    if metric in GIVEN_METRICS:
        values = {k: float(v) for k, v in (given or {}).items()}
    elif metric == "jumlah":
        values = {k: float(n) for k, n in counts.items() if k}
    else:
        for c in source.ppk(where, today, by=column.value):
            denominators[c.agency_id] = c.sent
            part = c.decided if metric == "diputus" else c.overdue
            values[c.agency_id] = 100.0 * part / c.sent if c.sent else None
    describe = _describe(metric, lang)
    title = METRICS[metric][0 if lang == "id" else 1]
    inside = [s for s in shapes(level) if region_in(where.region, s.code) or region_in(s.code, where.region)]
    empty = 0.0 if metric == "jumlah" else None
    rows = tuple(
        MapRow(s.code, s.name, counts.get(s.code, 0), denominators.get(s.code), values.get(s.code, empty))
        for s in inside
    )
    shown = {r.code: r.value for r in rows}
    svg = choropleth(
        level,
        shown,
        title=title,
        within=where.region.split(".")[0] if where.region else "",
        link=lambda code: f"/petugas?region={code}",
        describe=describe,
    )
    return MapView(level, metric, title, svg, tuple(legend(shown, describe)), rows, sum(counts.values()))
