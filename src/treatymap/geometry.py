"""Shapes: which states share a land border, and how long it is (reading is in ``data``).

Neighbours are derived from the geometry, never typed in: two states share a land border when
their polygons come within :data:`NEIGHBOUR_TOLERANCE_DEG` of each other. The tolerance absorbs
the small gaps that simplified, coarse-scale borders leave between neighbours, and is far below
the width of the narrowest sea strait between states that do not share a border.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

#: Two polygons closer than this (degrees) share a land border.
NEIGHBOUR_TOLERANCE_DEG = 0.02

#: The states whose neighbours this dashboard puts in front.
REFERENCE_STATES: tuple[str, ...] = ("RUS", "BLR")


def land_neighbours(
    boundaries: gpd.GeoDataFrame, iso3: str, tolerance: float = NEIGHBOUR_TOLERANCE_DEG
) -> list[str]:
    """Participating states whose boundary comes within ``tolerance`` degrees of ``iso3``'s.

    >>> # two unit squares side by side share a border; a third one far away does not
    """
    target = boundaries.loc[boundaries["iso3"] == iso3, "geometry"]
    if target.empty:
        raise KeyError(f"no boundary for {iso3!r}")
    others = boundaries[(boundaries["iso3"] != iso3) & boundaries["participant"]]
    near = shapely.dwithin(others.geometry.values, target.iloc[0], tolerance)
    return sorted(others.loc[np.asarray(near), "iso3"])


def frontline_states(
    boundaries: gpd.GeoDataFrame, reference: tuple[str, ...] = REFERENCE_STATES
) -> dict[str, list[str]]:
    """For each reference state drawn in ``boundaries``, the states on a land border with it."""
    drawn = set(boundaries["iso3"])
    return {iso3: land_neighbours(boundaries, iso3) for iso3 in reference if iso3 in drawn}


def frontline_neighbours(
    boundaries: gpd.GeoDataFrame, reference: tuple[str, ...] = REFERENCE_STATES
) -> tuple[str, ...]:
    """The states on a land border with any reference state, the reference states left out."""
    neighbours = frontline_states(boundaries, reference)
    return tuple(sorted({n for ns in neighbours.values() for n in ns} - set(reference)))


def shared_border_km(boundaries: gpd.GeoDataFrame, a: str, b: str) -> float:
    """Geodesic length, in km on the WGS 84 ellipsoid, of the land border between two states.

    The border is the part of ``a``'s outline that lies within the neighbour tolerance of ``b``
    (coverage simplification keeps shared edges identical, so this is their common line); its
    length is measured along the ellipsoid with pyproj, not in degrees.
    """
    from pyproj import Geod

    frame = boundaries.set_index("iso3")
    first, second = frame.geometry[a], frame.geometry[b]
    line = first.boundary.intersection(second.buffer(NEIGHBOUR_TOLERANCE_DEG / 4))
    return Geod(ellps="WGS84").geometry_length(line) / 1000.0


def frontline_borders(
    boundaries: gpd.GeoDataFrame, reference: tuple[str, ...] = REFERENCE_STATES
) -> dict[tuple[str, str], float]:
    """Every land border (reference state, neighbour) -> its geodesic length in km.

    Borders between two reference states (Russia-Belarus) are left out: the figure is about the
    neighbours on the other side.
    """
    lengths: dict[tuple[str, str], float] = {}
    for ref, neighbours in frontline_states(boundaries, reference).items():
        for neighbour in neighbours:
            if neighbour not in reference:
                lengths[(ref, neighbour)] = shared_border_km(boundaries, ref, neighbour)
    return lengths
