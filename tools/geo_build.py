"""Convert the administrative boundaries in ``../shared/geo`` (MySQL INSERT statements, points as
``[lat, lng]``) into simplified GeoJSON (``[lng, lat]``) keyed by Kemendagri codes, shipped in
``src/netralitas/analytics/data/geo/`` with the MIT licence notice of the source.

    .venv/bin/python -m tools.geo_build --source ../shared/geo --out src/netralitas/analytics/data/geo

Simplification uses shapely's coverage simplification (GEOS): borders shared by two regions are
simplified once, so neighbours keep meeting without gaps or overlaps. Needs the ``dev`` extras."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

_ROW = re.compile(
    r"\(\s*'(?P<code>\d{2}(?:\.\d{2})?)'\s*,\s*'(?P<name>(?:[^'\\]|\\.|'')*)'\s*,\s*"
    r"(?P<lat>-?[\d.]+)\s*,\s*(?P<lng>-?[\d.]+)\s*,\s*'(?P<path>\[[^']*\])'\s*\)"
)
#: (tolerance in degrees, smallest island kept in square degrees) per level.
LEVELS = {"provinsi": (0.02, 0.002), "kabkota": (0.012, 0.0008)}


def parse_sql(text: str) -> Iterator[tuple[str, str, float, float, Any]]:
    """(code, name, label lat, label lng, nested path) of every row in a dump."""
    for match in _ROW.finditer(text):
        name = match["name"].replace("\\'", "'").replace("''", "'")
        yield match["code"], name, float(match["lat"]), float(match["lng"]), json.loads(match["path"])


def _is_point(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(isinstance(v, int | float) for v in item)


def _is_ring(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and _is_point(item[0])


def polygons(path: Any) -> list[Polygon]:
    """Rings are lists of ``[lat, lng]``; a polygon is a list of rings (outer first); anything
    deeper is a list of polygons. Coordinates are swapped to ``(lng, lat)``."""
    if _is_ring(path):
        path = [path]
    if all(_is_ring(r) for r in path):
        rings = [[(lng, lat) for lat, lng in ring] for ring in path if len(ring) >= 4]
        if not rings:
            return []
        poly = Polygon(rings[0], rings[1:])
        return [poly if poly.is_valid else shapely.make_valid(poly)]  # type: ignore[list-item]
    return [p for part in path for p in polygons(part)]


def _flatten(geom: Any) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom]
    return [g for part in getattr(geom, "geoms", []) for g in _flatten(part)]


def build_level(files: list[Path], tolerance: float, min_area: float) -> dict[str, Any]:
    rows = [row for f in sorted(files) for row in parse_sql(f.read_text(encoding="utf-8"))]
    geoms = [MultiPolygon([q for p in polygons(r[4]) for q in _flatten(p)]) for r in rows]
    simplified = shapely.coverage_simplify(geoms, tolerance)
    features = []
    for (code, name, lat, lng, _), geom in zip(rows, simplified, strict=True):
        parts = sorted(_flatten(geom), key=lambda p: -p.area)
        kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= min_area]
        shape = mapping(shapely.set_precision(MultiPolygon(kept), 0.0001))
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "label": [round(lng, 4), round(lat, 4)]},
                "geometry": {"type": "MultiPolygon", "coordinates": shape["coordinates"]},
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/geo"))
    parser.add_argument("--out", type=Path, default=Path("src/netralitas/analytics/data/geo"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    dirs = {"provinsi": "prov", "kabkota": "kab"}
    for level, (tolerance, min_area) in LEVELS.items():
        data = build_level(list((args.source / dirs[level]).glob("*.sql")), tolerance, min_area)
        target = args.out / f"{level}.geojson"
        target.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        print(f"{target}: {len(data['features'])} regions, {target.stat().st_size:,} bytes")
    shutil.copyfile(args.source / "LICENSE", args.out / "LICENSE-wilayah_boundaries.txt")


if __name__ == "__main__":
    main()
