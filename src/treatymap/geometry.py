"""Boundaries: reading and checking them, and which states share a land border.

Neighbours are derived from the geometry, never typed in: two states share a land border when
their polygons come within :data:`NEIGHBOUR_TOLERANCE_DEG` of each other. The tolerance absorbs
the small gaps that simplified, coarse-scale borders leave between neighbours, and is far below
the width of the narrowest sea strait between states that do not share a border.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from treatymap.model import Record
from treatymap.problems import Problem
from treatymap.schemas import BOUNDARIES_FILE, BOUNDARY_PROPERTIES, STATES, CellError, parse_cell

#: Two polygons closer than this (degrees) share a land border.
NEIGHBOUR_TOLERANCE_DEG = 0.02

#: The states whose neighbours this dashboard puts in front.
REFERENCE_STATES: tuple[str, ...] = ("RUS", "BLR")


def read_boundaries(directory: Path) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read ``boundaries.geojson`` and check every feature; problems name the feature number.

    A feature with a bad property or geometry is reported and left out, so that a caller that
    ignores problems still never sees a half-valid feature.
    """
    path = directory / BOUNDARIES_FILE
    empty = gpd.GeoDataFrame(
        {c.name: [] for c in BOUNDARY_PROPERTIES}, geometry=[], crs="EPSG:4326"
    )
    if not path.is_file():
        return empty, [Problem(BOUNDARIES_FILE, 0, f"file is missing from {directory}")]
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except (ValueError, KeyError, TypeError) as exc:
        return empty, [Problem(BOUNDARIES_FILE, 0, f"is not a GeoJSON FeatureCollection ({exc})")]
    problems: list[Problem] = []
    crs = (collection.get("crs") or {}).get("properties", {}).get("name", "")
    if crs and not crs.endswith(("CRS84", "4326")):
        problems.append(
            Problem(
                BOUNDARIES_FILE,
                0,
                f"coordinate system is {crs}; reproject to WGS 84 longitude/latitude (EPSG:4326)",
            )
        )
        return empty, problems
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        found = _feature_problems(number, feature)
        if found:
            problems += found
            continue
        props = feature["properties"]
        values = {c.name: parse_cell(c, _as_cell(props.get(c.name))) for c in BOUNDARY_PROPERTIES}
        iso3 = values["iso3"]
        if iso3 in seen:
            problems.append(
                Problem(
                    BOUNDARIES_FILE,
                    number,
                    f"iso3 {iso3} repeats feature {seen[iso3]}; merge them into one feature",
                )
            )
            continue
        seen[iso3] = number
        values["sovereign_iso3"] = values["sovereign_iso3"] or ""
        values["geometry"] = shapely.geometry.shape(feature["geometry"])
        rows.append(values)
    if not rows:
        return empty, problems
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return frame, problems


def _as_cell(value: Any) -> str:
    """Property values as the CSV-style text the shared column parser reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _feature_problems(number: int, feature: Any) -> list[Problem]:
    """Everything wrong with one feature: properties and geometry."""
    out: list[Problem] = []
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return [Problem(BOUNDARIES_FILE, number, "feature has no properties; add iso3 and name")]
    label = f"feature {props.get('iso3', '?')}"
    for column in BOUNDARY_PROPERTIES:
        try:
            parse_cell(column, _as_cell(props.get(column.name)))
        except CellError as exc:
            out.append(Problem(BOUNDARIES_FILE, number, f"{label}: {exc}"))
    raw = feature.get("geometry")
    if not raw:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} has no geometry; draw one"))
        return out
    try:
        geom = shapely.geometry.shape(raw)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} geometry cannot be read ({exc})"))
        return out
    if geom.is_empty:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} has an empty geometry; draw one"))
        return out
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        out.append(
            Problem(BOUNDARIES_FILE, number, f"{label} is a {geom.geom_type}; expected polygons")
        )
        return out
    if not geom.is_valid:
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} geometry is invalid ({shapely.is_valid_reason(geom)}); repair it with "
                "shapely.make_valid in the build script",
            )
        )
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} has coordinates outside longitude/latitude ranges; the file must be in "
                "WGS 84 degrees (EPSG:4326)",
            )
        )
    elif any(_lon_span(part) > 180 for part in getattr(geom, "geoms", [geom])):
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} has a part spanning more than 180 degrees of longitude; split it at the "
                "antimeridian so it does not draw as a band across the map",
            )
        )
    return out


def _lon_span(polygon: shapely.Polygon) -> float:
    minx, _, maxx, _ = polygon.bounds
    return maxx - minx


def boundary_problems(boundaries: gpd.GeoDataFrame, record: Record) -> list[Problem]:
    """A participant boundary without a state, or a state without a boundary."""
    out: list[Problem] = []
    states = {s.iso3 for s in record.states}
    drawn = set(boundaries["iso3"])
    for i, row in enumerate(boundaries.itertuples(), start=1):
        if row.participant and row.iso3 not in states:
            out.append(
                Problem(
                    BOUNDARIES_FILE,
                    i,
                    f"feature {row.iso3} is marked participant but is not in states.csv; add the "
                    "state or set participant to false",
                )
            )
        if not row.participant and row.iso3 in states:
            out.append(
                Problem(
                    BOUNDARIES_FILE,
                    i,
                    f"feature {row.iso3} is a state in states.csv but marked participant false",
                )
            )
    for line, state in enumerate(record.states, start=2):
        if state.iso3 not in drawn:
            out.append(
                Problem(
                    STATES.file,
                    line,
                    f"state {state.iso3} has no boundary in {BOUNDARIES_FILE}; add one (or a "
                    "clickable marker polygon) in the build script",
                )
            )
    return out


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
