"""Leaflet and the boundaries are copied into static/, from installed files, idempotently."""

from __future__ import annotations

import json

import geopandas as gpd
from shapely.geometry import box

from treatymap.assets import prepare_static


def frame():
    return gpd.GeoDataFrame(
        {
            "iso3": ["AAA", "DNK", "GRL"],
            "name": ["Aland", "Denmark", "Greenland"],
            "participant": [True, True, False],
            "sovereign_iso3": ["", "", "DNK"],
            "geometry": [box(0, 0, 1, 1), box(4, 0, 5, 1), box(2, 0, 3, 1)],
        },
        crs="EPSG:4326",
    )


def test_prepare_static_writes_leaflet_and_compact_boundaries(tmp_path):
    assets = prepare_static(frame(), tmp_path)
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "vendor/leaflet/leaflet.css").is_file()
    name = assets.boundaries.rsplit("/", 1)[1]
    data = json.loads((tmp_path / "treatymap" / name).read_text())
    assert [f["properties"] for f in data["features"]] == [
        {"iso3": "AAA", "name": "Aland", "participant": True, "sovereign": ""},
        {"iso3": "DNK", "name": "Denmark", "participant": True, "sovereign": ""},
        {"iso3": "GRL", "name": "Greenland", "participant": False, "sovereign": "Denmark"},
    ]
    assert assets.boundaries.startswith("../../app/static/treatymap/boundaries-")


def test_prepare_static_is_idempotent(tmp_path):
    first = prepare_static(frame(), tmp_path)
    stamp = (tmp_path / "vendor/leaflet/leaflet.js").stat().st_mtime_ns
    second = prepare_static(frame(), tmp_path)
    assert first == second
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_mtime_ns == stamp
