"""Neighbours and border lengths from geometry, on unit squares and on the small world."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
from shapely.geometry import box

from treatymap.data import load_dataset
from treatymap.geometry import (
    NEIGHBOUR_TOLERANCE_DEG,
    frontline_borders,
    frontline_neighbours,
    frontline_states,
    land_neighbours,
)


def squares(**origins: float) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "iso3": list(origins),
            "participant": [True] * len(origins),
            "geometry": [box(x, 0, x + 1, 1) for x in origins.values()],
        },
        crs="EPSG:4326",
    )


def test_squares_sharing_an_edge_are_neighbours():
    frame = squares(AAA=0, BBB=1, CCC=5)
    assert land_neighbours(frame, "AAA") == ["BBB"]
    assert land_neighbours(frame, "BBB") == ["AAA"]
    assert land_neighbours(frame, "CCC") == []


@pytest.mark.parametrize(
    ("gap", "neighbours"),
    [(NEIGHBOUR_TOLERANCE_DEG / 2, ["BBB"]), (NEIGHBOUR_TOLERANCE_DEG * 2, [])],
)
def test_a_small_gap_from_simplification_still_counts_but_a_strait_does_not(gap, neighbours):
    frame = squares(AAA=0, BBB=1 + gap)
    assert land_neighbours(frame, "AAA") == neighbours


def test_territories_are_not_counted_as_neighbours():
    frame = squares(AAA=0, BBB=1)
    frame.loc[frame.iso3 == "BBB", "participant"] = False
    assert land_neighbours(frame, "AAA") == []


def test_unknown_code_raises_a_clear_error():
    with pytest.raises(KeyError, match="no boundary for 'ZZZ'"):
        land_neighbours(squares(AAA=0), "ZZZ")


def test_frontline_of_the_small_world(make_world):
    """Norway, Estonia and Poland touch Russia or Belarus; France, Denmark and Greenland are
    far off, and the reference states themselves are left out."""
    boundaries = load_dataset(make_world()).boundaries
    assert frontline_states(boundaries) == {
        "RUS": ["BLR", "EST", "NOR", "POL"],  # POL and BLR only by a corner
        "BLR": ["EST", "POL", "RUS"],
    }
    assert frontline_neighbours(boundaries) == ("EST", "NOR", "POL")


def test_border_lengths_are_geodesic_kilometres(make_world):
    """A shared edge of one degree of latitude near 55°N is about 111.3 km on the ellipsoid;
    an edge of one degree of longitude along 56°N (Norway over Russia) is about 62.4 km
    (111.32 km × cos 56° on the ellipsoid). The border is found within a small buffer, which
    adds about a kilometre at its ends."""
    borders = frontline_borders(load_dataset(make_world()).boundaries)
    assert borders[("RUS", "EST")] == pytest.approx(111.3, abs=1.5)
    assert borders[("BLR", "POL")] == pytest.approx(111.3, abs=1.5)
    along_56 = (
        111.32
        * math.cos(math.radians(56))
        / math.sqrt(1 - 0.00669 * math.sin(math.radians(56)) ** 2)
    )
    assert borders[("RUS", "NOR")] == pytest.approx(along_56, abs=1.5)
    assert borders[("RUS", "POL")] < 2  # a corner, not a border
    assert ("RUS", "BLR") not in borders  # between two reference states
