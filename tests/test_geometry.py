"""Neighbours from geometry, on unit squares, and the boundary checks' edge cases."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from treatymap.geometry import NEIGHBOUR_TOLERANCE_DEG, land_neighbours


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
