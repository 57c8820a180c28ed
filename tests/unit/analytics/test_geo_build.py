"""The geo converter reads the boundary dumps, swaps [lat, lng] to GeoJSON [lng, lat], keys the
regions by Kemendagri code and simplifies them; the shipped files carry the source's licence."""

from __future__ import annotations

import json
from pathlib import Path

from tools import geo_build

from netralitas.analytics.maps import GEO_DIR

YOGYA = "[[[-7.78,110.35],[-7.78,110.40],[-7.83,110.40],[-7.83,110.35],[-7.78,110.35]]]"
SLEMAN = (
    "[[[[-7.6,110.2],[-7.6,110.5],[-7.77,110.5],[-7.77,110.2],[-7.6,110.2]]],"
    "[[[-7.5,110.0],[-7.5,110.001],[-7.5001,110.0],[-7.5,110.0]]]]"
)
SAMPLE = (
    "INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n"
    f"\t('34.71','Kota Yogyakarta',-7.80,110.37,'{YOGYA}'),\n"
    f"\t('34.04','Kab. O\\'Sleman',-7.70,110.35,'{SLEMAN}');\n"
)


def test_converter_swaps_coordinates_and_keys_by_code(tmp_path: Path) -> None:
    dump = tmp_path / "kab_34.sql"
    dump.write_text(SAMPLE, encoding="utf-8")
    data = geo_build.build_level([dump], tolerance=0.001, min_area=0.0001)
    by_code = {f["properties"]["code"]: f for f in data["features"]}
    assert list(by_code) == ["34.04", "34.71"] and by_code["34.04"]["properties"]["name"] == "Kab. O'Sleman"
    lng, lat = by_code["34.71"]["geometry"]["coordinates"][0][0][0]
    assert 110 < lng < 111 and -8 < lat < -7  # GeoJSON order
    assert len(by_code["34.04"]["geometry"]["coordinates"]) == 1  # the sliver island was dropped


def test_shipped_boundaries_cover_every_region_with_the_licence() -> None:
    for level, count in (("provinsi", 38), ("kabkota", 514)):
        data = json.loads((GEO_DIR / f"{level}.geojson").read_text(encoding="utf-8"))
        assert len({f["properties"]["code"] for f in data["features"]}) == count
    assert "MIT License" in (GEO_DIR / "LICENSE-wilayah_boundaries.txt").read_text(encoding="utf-8")
