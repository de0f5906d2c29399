"""Leaflet, topojson-client and the boundaries are written into static/, from installed and
vendored files, idempotently, with every shape's properties (the bundled shapes' precision is
checked in test_bundled_data.py)."""

from __future__ import annotations

import json
import re

import geopandas as gpd
from shapely.geometry import box

from treatymap.assets import BOUNDARIES_OBJECT, TIMELINES_GLOBAL, TOPOLOGY_GLOBAL, prepare_static


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


def test_prepare_static_writes_one_bundle_leaflet_the_decoder_the_layer_then_the_boundaries(
    tmp_path,
):
    timelines = {"t": {"DNK": [["", 0, "", "", 0], ["2001-02-03", 1, "3 February 2001", "", 0]]}}
    assets = prepare_static(frame(), tmp_path, timelines=timelines)
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "vendor/leaflet/leaflet.css").is_file()
    assert re.fullmatch(r"\.\./\.\./app/static/treatymap/map-[0-9a-f]{12}\.js", assets.map_js)
    bundle = (tmp_path / "treatymap" / assets.map_js.rsplit("/", 1)[1]).read_text()
    assert len(bundle.encode()) == assets.map_js_bytes
    boundaries = bundle.index(f"window.{TOPOLOGY_GLOBAL} = ")
    leaflet, decoder = bundle.index("Leaflet"), bundle.index("topojson")
    layer = bundle.index("window.treatymapLayer = function (map, cfg)")
    after = bundle.index(f"window.{TIMELINES_GLOBAL} = ")
    assert leaflet < decoder < layer < boundaries < after
    topology = parsed(bundle[boundaries:after])
    assert parsed(bundle[after:]) == timelines
    assert [g["properties"] for g in topology["objects"][BOUNDARIES_OBJECT]["geometries"]] == [
        {"iso3": "AAA", "name": "Aland", "participant": True, "owner": ""},
        {"iso3": "DNK", "name": "Denmark", "participant": True, "owner": ""},
        {"iso3": "GRL", "name": "Greenland", "participant": False, "owner": "DNK"},
    ]


def parsed(statement: str) -> object:
    """The value of ``window.X = JSON.parse("…");`` (parsed fast, as JSON, by the browser)."""
    parse = statement.split(" = ", 1)[1].strip().rstrip(";").strip()
    assert parse.startswith("JSON.parse(") and parse.endswith(")")
    return json.loads(json.loads(parse.removeprefix("JSON.parse(").removesuffix(")")))


def test_prepare_static_is_idempotent(tmp_path):
    first = prepare_static(frame(), tmp_path)
    stamp = (tmp_path / "vendor/leaflet/leaflet.js").stat().st_mtime_ns
    second = prepare_static(frame(), tmp_path)
    assert first == second
    assert (tmp_path / "vendor/leaflet/leaflet.js").stat().st_mtime_ns == stamp
