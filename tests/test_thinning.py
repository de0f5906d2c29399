"""The map's boundaries are thinned outside the detail region without spoiling a shape: shared
borders stay shared, islands keep their area, no shape crosses itself (tiny fixtures; the
bundled boundaries are checked in test_bundled_data.py)."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely
import topojson

from treatymap.thinning import _thinned_arc, thinned

NOWHERE = (100.0, 80.0, 101.0, 81.0)  # detail bounds away from every fixture


def topology(shapes: dict[str, shapely.Geometry]) -> dict:
    """Quantized TopoJSON of ``shapes`` (one object ``b``), as the map's bundle builds it."""
    frame = gpd.GeoDataFrame({"iso3": list(shapes)}, geometry=list(shapes.values()), crs=4326)
    built = topojson.Topology(frame, object_name="b", prequantize=100_000, topology=True)
    return json.loads(built.to_json())


def decoded(topo: dict) -> gpd.GeoSeries:
    """The shapes as a TopoJSON reader (the map's topojson-client) draws them."""
    return gpd.read_file(json.dumps(topo)).set_index("iso3").geometry


def vertices(topo: dict) -> int:
    return sum(len(arc) for arc in topo["arcs"])


def zigzag_neighbours() -> dict[str, shapely.Geometry]:
    """Two states whose shared border zigzags 0.02° either side of x = 1."""
    ys = np.linspace(0, 2, 201)
    border = [(1 + (0.02 if i % 2 else -0.02), y) for i, y in enumerate(ys)]
    west = shapely.Polygon([(0, 2), (0, 0), *border])
    east = shapely.Polygon([*border, (2, 2), (2, 0)][::-1])
    return {"WST": west, "EST": east}


def test_a_shared_border_is_thinned_once_for_both_neighbours_and_no_gap_opens():
    before = topology(zigzag_neighbours())
    after = thinned(before, "b", bounds=NOWHERE, tolerance=0.05)
    shapes = decoded(after)
    assert vertices(after) < vertices(before) / 10
    assert shapely.coverage_is_valid(shapes.values)
    assert shapes["WST"].intersection(shapes["EST"]).length > 1.9  # one border, 2° long
    assert abs(shapes.union_all().area - 4) < 1e-3  # no gap, no overlap


def test_inside_the_detail_bounds_every_vertex_stays():
    before = topology(zigzag_neighbours())
    after = thinned(before, "b", bounds=(-1, -1, 3, 3), tolerance=0.05)
    assert after["arcs"] == before["arcs"]


def test_a_border_that_leaves_the_detail_bounds_keeps_every_vertex_inside_them():
    before = topology(zigzag_neighbours())
    after = thinned(before, "b", bounds=(-1, -1, 3, 1), tolerance=0.05)
    inside = [p for p in decoded(before)["WST"].exterior.coords if p[1] <= 1]
    drawn = set(decoded(after)["WST"].exterior.coords)
    assert inside and all(p in drawn for p in inside)
    assert vertices(after) < vertices(before)


def test_an_island_smaller_than_the_tolerance_keeps_its_shape():
    angles = np.linspace(0, 2 * np.pi, 9)[:-1]
    islet = shapely.Polygon(np.c_[0.03 * np.cos(angles), 0.03 * np.sin(angles)])
    before = topology({"ISL": islet})
    after = thinned(before, "b", bounds=NOWHERE, tolerance=0.1)
    assert decoded(after)["ISL"].area == decoded(before)["ISL"].area


def spiral(width: float = 0.12) -> shapely.Polygon:
    """A narrow strip wound twice round: straightening one wall cuts across the next turn."""
    turn = np.linspace(0, 4 * np.pi, 300)
    radius = 1 + 0.35 * turn
    outer = np.c_[(radius + width) * np.cos(turn), (radius + width) * np.sin(turn)]
    inner = np.c_[(radius - width) * np.cos(turn), (radius - width) * np.sin(turn)]
    return shapely.Polygon(np.r_[outer, inner[::-1]])


def test_where_thinning_would_make_a_shape_cross_itself_the_vertices_there_come_back():
    before = topology({"SPI": spiral()})
    # Douglas-Peucker alone, arc by arc, makes the strip cross itself at this tolerance
    transform = before["transform"]
    points = np.cumsum(np.asarray(before["arcs"][0]), axis=0) * transform["scale"]
    points = points + transform["translate"]
    bare = shapely.Polygon(points[_thinned_arc(points, NOWHERE, 0.5)])
    assert not bare.is_valid
    after = thinned(before, "b", bounds=NOWHERE, tolerance=0.5)
    drawn = decoded(after)["SPI"]
    assert drawn.is_valid
    assert vertices(after) < vertices(before) / 4
    assert abs(drawn.area / spiral().area - 1) < 0.1
