"""Fewer coordinates where nobody zooms: the map's TopoJSON, thinned outside Europe.

The map opens on Russia's and Belarus's neighbours or on Europe at zoom 4, and that is where
readers zoom in; the rest of the world is mostly seen whole (0.09° a pixel at zoom 4). Every
coordinate the browser receives is decoded, projected and drawn on the phone's one thread, so
outside :data:`DETAIL_BOUNDS` each border and coast is thinned with Douglas-Peucker (shapely)
to :data:`TOLERANCE_DEG`, while every vertex inside is kept as ``geodata/`` has it.

Thinning works on the topology's arcs, where a border shared by two states is one line, so both
states keep the same border and no gap opens between them; an arc's ends (where three states
meet) and the vertices that bound a thinned stretch are kept. Douglas-Peucker looks at one line
at a time, so it can make a shape cross itself or a neighbour, or shrink an island to a sliver:
such changes are taken back where they happen (see :func:`thinned`), until every shape is valid,
the shapes still tile the map without overlaps, and none has lost more than
:data:`AREA_CHANGE` of its area.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

#: Where the map keeps every vertex (west, south, east, north; degrees): Europe with the
#: Caucasus, Turkey and western Russia, what the border and Europe views show at zoom 4 and
#: what a reader zooms into from there.
DETAIL_BOUNDS = (-32.0, 27.0, 70.0, 82.0)
#: Douglas-Peucker tolerance outside :data:`DETAIL_BOUNDS` (degrees): about a pixel at zoom 4.
TOLERANCE_DEG = 0.1
#: A shape (polygon part) whose area thinning changes by more than this share keeps every vertex.
AREA_CHANGE = 0.1
#: Where a shape would cross itself or a neighbour, the vertices within this many tolerances of
#: the crossing come back.
REPAIR_REACH = 4

Bounds = tuple[float, float, float, float]
Points = NDArray[np.float64]
Mask = NDArray[np.bool_]


def thinned(
    topology: dict[str, Any],
    object_name: str,
    bounds: Bounds = DETAIL_BOUNDS,
    tolerance: float = TOLERANCE_DEG,
) -> dict[str, Any]:
    """``topology`` (quantized, delta-encoded TopoJSON) with its arcs thinned outside
    ``bounds``; the shapes of ``object_name`` are the ones kept whole. The objects, transform
    and properties are unchanged.

    Changes that spoil a shape are undone, in rounds: a polygon part whose area moves by more
    than :data:`AREA_CHANGE` gets all its vertices back; where a part crosses itself, or
    overlaps its neighbour (shapely's coverage check), the vertices within :data:`REPAIR_REACH`
    tolerances of the crossing come back (the whole arcs there, if none is left to restore).
    """
    transform = topology["transform"]
    grid = [np.cumsum(np.asarray(arc, dtype=np.int64), axis=0) for arc in topology["arcs"]]
    degrees = [g * transform["scale"] + transform["translate"] for g in grid]
    keep = [_thinned_arc(points, bounds, tolerance) for points in degrees]
    parts = list(_polygon_parts(topology["objects"][object_name]["geometries"]))
    arcs_of = [{_arc(index) for ring in part for index in ring} for part in parts]
    parts_of: dict[int, list[int]] = {}
    for number, arcs in enumerate(arcs_of):
        for arc in arcs:
            parts_of.setdefault(arc, []).append(number)
    every = [np.ones(len(points), dtype=bool) for points in degrees]
    areas = shapely.area([_polygon(part, degrees, every) for part in parts])
    shapes = [_polygon(part, degrees, keep) for part in parts]
    while True:
        changed = _repair(parts, arcs_of, degrees, keep, shapes, areas, tolerance)
        if not changed:
            break
        for number in {n for arc in changed for n in parts_of[arc]}:
            shapes[number] = _polygon(parts[number], degrees, keep)
    deltas = []
    for points, kept in zip(grid, keep, strict=True):
        chosen = points[kept]
        deltas.append(np.concatenate([chosen[:1], np.diff(chosen, axis=0)]).tolist())
    return {**topology, "arcs": deltas}


def _repair(
    parts: list[list[list[int]]],
    arcs_of: list[set[int]],
    degrees: list[Points],
    keep: list[Mask],
    shapes: list[shapely.Polygon],
    areas: NDArray[np.float64],
    tolerance: float,
) -> set[int]:
    """One round of undoing what spoils a shape; the arcs it gave vertices back to."""
    changed: set[int] = set()
    problems: list[tuple[int, shapely.Geometry]] = []
    for number, shape in enumerate(shapes):
        if abs(shape.area / areas[number] - 1) > AREA_CHANGE:
            changed |= {arc for arc in arcs_of[number] if not keep[arc].all()}
            for arc in arcs_of[number]:
                keep[arc][:] = True
        elif not shape.is_valid:
            problems.append((number, _where(shape)))
    if not changed and not problems:
        edges = shapely.coverage_invalid_edges(shapes)
        problems = [(n, e) for n, e in enumerate(edges) if e is not None and not e.is_empty]
    reach = REPAIR_REACH * tolerance
    for number, where in problems:
        near = [arc for arc in arcs_of[number] if _near(degrees[arc], where, reach)]
        back = {arc: shapely.dwithin(shapely.points(degrees[arc]), where, reach) for arc in near}
        if not any((back[arc] & ~keep[arc]).any() for arc in near):
            back = {arc: np.ones(len(degrees[arc]), dtype=bool) for arc in near}
        for arc, mask in back.items():
            if (mask & ~keep[arc]).any():
                keep[arc] |= mask
                changed.add(arc)
    return changed


def _where(shape: shapely.Polygon) -> shapely.Geometry:
    """Where ``shape`` is invalid, from GEOS's reason ("Self-intersection[x y]"), or the whole
    shape when the reason names no place."""
    reason = shapely.is_valid_reason(shape)
    if "[" not in reason:
        return shape.boundary
    x, y = reason.split("[", 1)[1].rstrip("]").split()[:2]
    return shapely.Point(float(x), float(y))


def _near(points: Points, where: shapely.Geometry, reach: float) -> bool:
    """Whether the arc's extent comes within ``reach`` degrees of ``where``."""
    west, south = points.min(axis=0)
    east, north = points.max(axis=0)
    extent = shapely.box(west, south, east, north)
    return bool(shapely.dwithin(extent, where, reach))


def _thinned_arc(points: Points, bounds: Bounds, tolerance: float) -> Mask:
    """Which vertices of one arc stay: all inside ``bounds`` and the arc's ends; each run of
    vertices outside is thinned between the vertices that bound it."""
    west, south, east, north = bounds
    x, y = points[:, 0], points[:, 1]
    inside = (x >= west) & (x <= east) & (y >= south) & (y <= north)
    keep = inside.copy()
    keep[0] = keep[-1] = True
    outside = np.flatnonzero(~inside)
    if len(outside):
        for run in np.split(outside, np.flatnonzero(np.diff(outside) > 1) + 1):
            first, last = max(int(run[0]) - 1, 0), min(int(run[-1]) + 1, len(points) - 1)
            keep[first : last + 1] |= _douglas_peucker(points[first : last + 1], tolerance)
    return keep


def _douglas_peucker(points: Points, tolerance: float) -> Mask:
    """Which of ``points`` Douglas-Peucker keeps (the ends always). A closed line (an island
    drawn as one arc) is cut at its vertex farthest from the start, so it keeps three corners."""
    if len(points) < 3:
        return np.ones(len(points), dtype=bool)
    if np.array_equal(points[0], points[-1]):
        far = int(np.argmax(((points - points[0]) ** 2).sum(axis=1)))
        if far == 0:
            return np.ones(len(points), dtype=bool)
        first = _douglas_peucker(points[: far + 1], tolerance)
        return np.concatenate([first[:-1], _douglas_peucker(points[far:], tolerance)])
    line = shapely.simplify(shapely.LineString(points), tolerance, preserve_topology=False)
    kept = shapely.get_coordinates(line)
    keep = np.zeros(len(points), dtype=bool)
    next_kept = 0  # Douglas-Peucker keeps a subsequence: match it in order
    for number, (x, y) in enumerate(points):
        if next_kept < len(kept) and x == kept[next_kept, 0] and y == kept[next_kept, 1]:
            keep[number] = True
            next_kept += 1
    return keep


def _polygon_parts(geometries: list[dict[str, Any]]) -> Iterator[list[list[int]]]:
    """Every polygon of every geometry, as its rings of arc indices."""
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            yield geometry["arcs"]
        elif geometry["type"] == "MultiPolygon":
            yield from geometry["arcs"]


def _arc(index: int) -> int:
    """The arc a ring's index names (TopoJSON writes a reversed arc ``i`` as ``~i``)."""
    return index if index >= 0 else ~index


def _polygon(part: list[list[int]], degrees: list[Points], keep: list[Mask]) -> shapely.Polygon:
    """One polygon part from its rings, with the vertices ``keep`` keeps."""
    rings = []
    for ring in part:
        pieces = []
        for position, index in enumerate(ring):
            points = degrees[_arc(index)][keep[_arc(index)]]
            if index < 0:
                points = points[::-1]
            pieces.append(points if position == 0 else points[1:])
        rings.append(np.concatenate(pieces))
    return shapely.Polygon(rings[0], rings[1:])
