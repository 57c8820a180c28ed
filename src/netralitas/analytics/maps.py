"""Choropleth maps as SVG strings from the shipped boundaries (``data/geo``, built by
``tools/geo_build.py`` from cahyadsn/wilayah_boundaries, MIT licence: see
``data/geo/LICENSE-wilayah_boundaries.txt``).

:func:`choropleth` colours regions by any value per Kemendagri code (a case rate, a count, or
another area's index), so other pages can reuse it. Colours are the viridis scale (readable with
the common colour blindnesses and in grey); regions without a value are hatched grey."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Literal

GEO_DIR = Path(__file__).parent / "data" / "geo"
Level = Literal["provinsi", "kabkota"]
LEVELS: tuple[Level, ...] = ("provinsi", "kabkota")
#: Viridis, five classes, light (low) to dark (high).
VIRIDIS = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
NO_DATA = "#d9d9d9"
_SCALE = 20.0  # SVG units per degree
_WEST, _NORTH = 94.5, 6.5


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str
    bounds: tuple[float, float, float, float]  # min x, min y, max x, max y (SVG units)


def _project(lng: float, lat: float) -> tuple[float, float]:
    return round((lng - _WEST) * _SCALE, 1), round((_NORTH - lat) * _SCALE, 1)


def _path(coordinates: Sequence[Any]) -> tuple[str, list[tuple[float, float]]]:
    parts: list[str] = []
    points: list[tuple[float, float]] = []
    for polygon in coordinates:
        for ring in polygon:
            xy = [_project(lng, lat) for lng, lat in ring]
            points.extend(xy)
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in xy) + "Z")
    return "".join(parts), points


@cache
def shapes(level: Level) -> tuple[Shape, ...]:
    """Projected outlines of every province or kab/kota, read once per process."""
    data = json.loads((GEO_DIR / f"{level}.geojson").read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        path, points = _path(feature["geometry"]["coordinates"])
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        props = feature["properties"]
        out.append(Shape(props["code"], props["name"], path, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def known_codes(level: Level) -> frozenset[str]:
    return frozenset(s.code for s in shapes(level))


def class_breaks(values: Sequence[float], classes: int = len(VIRIDIS)) -> tuple[float, ...]:
    """Upper bounds of ``classes`` quantile classes of the positive values (ascending, distinct)."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return ()
    picks = {ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // classes - 1)] for i in range(classes)}
    return tuple(sorted(picks | {ordered[-1]}))


def colour_for(value: float | None, breaks: Sequence[float]) -> str:
    if value is None:
        return NO_DATA
    if value <= 0 or not breaks:
        return "#ffffff"
    for i, bound in enumerate(breaks):
        if value <= bound:
            return VIRIDIS[min(i, len(VIRIDIS) - 1) + max(0, len(VIRIDIS) - len(breaks))]
    return VIRIDIS[-1]


def choropleth(
    level: Level,
    values: Mapping[str, float | None],
    *,
    title: str,
    within: str = "",
    link: Callable[[str], str | None] = lambda code: None,
    describe: Callable[[float | None], str] = lambda v: "tidak ada data" if v is None else f"{v:g}",
    map_id: str = "peta",
) -> str:
    """An SVG map of the regions of ``level`` inside ``within`` ("" = Indonesia). ``values`` maps
    a Kemendagri code to its value (None or absent = no data, hatched). ``link(code)`` gives the
    URL a click opens (e.g. the filtered case list); ``describe(value)`` the text of its tooltip."""
    chosen = [s for s in shapes(level) if not within or s.code == within or s.code.startswith(within + ".")]
    if not chosen:
        chosen = list(shapes(level))
    breaks = class_breaks([v for v in values.values() if v is not None])
    x0, y0 = min(s.bounds[0] for s in chosen), min(s.bounds[1] for s in chosen)
    x1, y1 = max(s.bounds[2] for s in chosen), max(s.bounds[3] for s in chosen)
    mid = escape(map_id, quote=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" id="{mid}" role="img" '
        f'aria-labelledby="{mid}-t" '
        f'viewBox="{x0 - 2:g} {y0 - 2:g} {x1 - x0 + 4:g} {y1 - y0 + 4:g}" '
        'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{mid}-t">{escape(title)}</title>',
        '<defs><pattern id="nodata" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="4" height="4" fill="{NO_DATA}"/>'
        '<path d="M0 4L4 0" stroke="#888" stroke-width="0.6"/>'
        "</pattern></defs>",
        f'<g stroke="#555" stroke-width="{max(0.15, (x1 - x0) / 2000):.2f}" stroke-linejoin="round">',
    ]
    for s in chosen:
        value = values.get(s.code)
        fill = "url(#nodata)" if value is None else colour_for(value, breaks)
        tip = f"<title>{escape(s.name)} ({s.code}): {escape(describe(value))}</title>"
        shape = f'<path class="region" data-code="{s.code}" fill="{fill}" d="{s.path}">{tip}</path>'
        href = link(s.code)
        out.append(f'<a href="{escape(href, quote=True)}">{shape}</a>' if href else shape)
    out.append("</g></svg>")
    return "".join(out)


def legend(
    values: Mapping[str, float | None], describe: Callable[[float | None], str]
) -> list[tuple[str, str]]:
    """(colour, text) pairs: zero, then each class (above the previous bound, up to its own), then
    'no data'."""
    breaks = class_breaks([v for v in values.values() if v is not None])
    out = [("#ffffff", describe(0.0))]
    low: float | None = None
    for bound in breaks:
        text = f"≤ {describe(bound)}" if low is None else f"{describe(low)} – {describe(bound)}"
        out.append((colour_for(bound, breaks), text))
        low = bound
    out.append((NO_DATA, describe(None)))
    return out
