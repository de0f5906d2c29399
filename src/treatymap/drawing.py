"""The map of a view as one SVG drawing (no Streamlit, no folium, no script).

The offline snapshot embeds it, and the images (:mod:`treatymap.images`) render it to PNG; both
draw exactly this. Shapes are the bundled boundaries in Web Mercator, clipped to the focus
window, simplified and rounded to a tenth of a pixel. Every colour, pattern, width and dash
comes from :mod:`treatymap.style`, written into the SVG's own ``<style>``; every text value goes
through :func:`html.escape` (quotes included).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.ops import polylabel

from treatymap.i18n import Words, words_for
from treatymap.status import StateStatus
from treatymap.style import (
    HALO,
    HALO_EXTRA,
    MARK,
    MARKS,
    NON_PARTICIPANT,
    OUTLINES,
    PATTERNS,
    SEA,
    STATUS_STYLES,
    TEXT,
    Line,
    Symbol,
    pattern_svg,
)
from treatymap.url_state import Focus
from treatymap.vocab import STATUS_LABEL

if TYPE_CHECKING:
    import geopandas as gpd

#: The window each focus shows: (west, south, east, north) in degrees. Close to the app's first
#: view for each focus (``treatymap.mapview.FOCUS_VIEW``), cut to a still picture.
FOCUS_BOX: dict[Focus, tuple[float, float, float, float]] = {
    Focus.BORDER: (4.0, 40.0, 62.0, 71.5),
    Focus.EUROPE: (-25.0, 34.0, 45.0, 71.5),
    Focus.WORLD: (-180.0, -57.0, 180.0, 83.7),
}

#: Width of the map in SVG user units (pixels at 100 %); the height follows from the window.
MAP_WIDTH = 960.0
#: Outlines are simplified to this many pixels, then rounded to a tenth of a pixel.
SIMPLIFY_PX = 0.35
#: Shapes are cut a little outside the window, so the cut edges (which would be stroked like
#: coasts) fall outside the picture, which the SVG viewport clips.
CLIP_PAD = 0.03
#: Rings smaller than this (square pixels) are left out; a state keeps at least its largest part.
MIN_RING_PX2 = 0.4
#: Outline widths shrink on the world map, where states are small.
STROKE_SCALE: dict[Focus, float] = {Focus.BORDER: 1.0, Focus.EUROPE: 0.85, Focus.WORLD: 0.45}
#: Label font size (SVG units) and the rough width of one character at that size.
LABEL_SIZE = 12.0
_CHAR_WIDTH = 0.58 * LABEL_SIZE


def escape(value: object) -> str:
    """Any value as XML/HTML text (quotes escaped too, so it is safe in an attribute)."""
    return html.escape(str(value), quote=True)


def num(value: float) -> str:
    """A coordinate to one decimal, without a trailing ``.0`` or a ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _mercator_y(lat: np.ndarray) -> np.ndarray:
    return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


@dataclass(frozen=True)
class Frame:
    """The focus window and the projection of longitude/latitude onto SVG pixels."""

    box: tuple[float, float, float, float]
    width: float
    height: float

    @classmethod
    def for_focus(cls, focus: Focus, width: float = MAP_WIDTH) -> Frame:
        west, south, east, north = FOCUS_BOX[focus]
        span_x = np.radians(east - west)
        span_y = float(_mercator_y(np.array(north)) - _mercator_y(np.array(south)))
        return cls(FOCUS_BOX[focus], width, round(width * span_y / span_x, 1))

    def project(self, coords: np.ndarray) -> np.ndarray:
        """(lon, lat) rows -> (x, y) pixel rows, north up (Web Mercator)."""
        west, _, east, north = self.box
        scale = self.width / np.radians(east - west)
        x = np.radians(coords[:, 0] - west) * scale
        y = (_mercator_y(np.array(north)) - _mercator_y(coords[:, 1])) * scale
        return np.column_stack([x, y])


def _polygons(geom: shapely.Geometry) -> list[shapely.Polygon]:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [part for g in getattr(geom, "geoms", []) for part in _polygons(g)]


def project_shape(geom: shapely.Geometry, frame: Frame) -> list[shapely.Polygon]:
    """The parts of ``geom`` inside the window, in pixels, simplified; largest first."""
    west, south, east, north = frame.box
    pad_x, pad_y = (east - west) * CLIP_PAD, (north - south) * CLIP_PAD
    clipped = shapely.clip_by_rect(
        geom,
        max(west - pad_x, -180.0),
        max(south - pad_y, -85.0),
        min(east + pad_x, 180.0),
        min(north + pad_y, 85.0),
    )
    parts = _polygons(clipped)
    if not parts:
        return []
    projected = [shapely.transform(p, frame.project) for p in parts]
    simple = [shapely.simplify(p, SIMPLIFY_PX, preserve_topology=True) for p in projected]
    polygons = [p for s in simple for p in _polygons(s)]
    polygons.sort(key=lambda p: p.area, reverse=True)
    if not polygons:
        return []
    return [polygons[0], *(p for p in polygons[1:] if p.area >= MIN_RING_PX2)]


def _ring(coords: Iterable[tuple[float, float]]) -> str:
    """One closed ring: the first point absolute, then steps relative to it (smaller text).

    Points are rounded to a tenth of a pixel first and the steps taken between rounded points,
    so no rounding error builds up along the ring.
    """
    tenths: list[tuple[int, int]] = []
    for x, y in coords:
        point = (round(x * 10), round(y * 10))
        if not tenths or tenths[-1] != point:
            tenths.append(point)
    if len(tenths) > 1 and tenths[0] == tenths[-1]:
        tenths.pop()
    if len(tenths) < 3:
        return ""
    (x0, y0), steps = tenths[0], []
    for (ax, ay), (bx, by) in pairwise(tenths):
        steps.append(f"{num((bx - ax) / 10)},{num((by - ay) / 10)}")
    return f"M{num(x0 / 10)},{num(y0 / 10)}l" + " ".join(steps) + "z"


def svg_path_data(polygons: Sequence[shapely.Polygon]) -> str:
    """SVG path data for polygons in pixels (holes by the even-odd rule)."""
    rings: list[str] = []
    for polygon in polygons:
        rings.append(_ring(polygon.exterior.coords))
        rings += [
            _ring(hole.coords) for hole in polygon.interiors if abs(hole.area) >= MIN_RING_PX2
        ]
    return "".join(r for r in rings if r)


def _label_anchor(
    polygons: Sequence[shapely.Polygon], frame: Frame
) -> tuple[tuple[float, float] | None, float]:
    """Where a name goes: the pole of inaccessibility of the largest part within the picture."""
    visible = [
        p
        for part in polygons
        for p in _polygons(shapely.clip_by_rect(part, 0, 0, frame.width, frame.height))
    ]
    if not visible:
        return None, 0.0
    largest = max(visible, key=lambda p: p.area)
    if largest.area < 20:
        return (largest.centroid.x, largest.centroid.y), 0.0
    anchor = polylabel(largest, tolerance=0.5)
    return (anchor.x, anchor.y), 2 * largest.exterior.distance(anchor)


@dataclass(frozen=True)
class Shape:
    """One feature as drawn: its code, name, symbol (fill, marks, outline), path data and label
    anchor."""

    iso3: str
    name: str
    symbol: Symbol
    tooltip: str
    d: str
    label_at: tuple[float, float] | None
    label_room: float  # diameter of the largest circle inside the visible part, in pixels

    @property
    def status(self) -> str:
        """A Status value, or "other" for a non-participant (the shape's class)."""
        return self.symbol.fill

    @property
    def marks(self) -> tuple[str, ...]:
        """Keys of :data:`treatymap.style.MARKS` the state carries, in drawing order."""
        return self.symbol.marks


def drawn_shapes(
    boundaries: gpd.GeoDataFrame,
    frame: Frame,
    statuses: Mapping[str, StateStatus],
    names: Mapping[str, str],
    *,
    symbols: Mapping[str, Symbol],
    w: Words | None = None,
    notes: Mapping[str, str] | None = None,
) -> list[Shape]:
    """Every feature with a part in the window, each with its status and its ``symbols`` entry
    (:attr:`treatymap.view.View.symbols`, the same the live map paints); ``names`` and ``notes``
    (a state's political note) are in the reader's language, as are the tooltips."""
    w = w or words_for()
    notes = notes or {}
    shapes: list[Shape] = []
    for row in boundaries.itertuples():
        polygons = project_shape(row.geometry, frame)
        d = svg_path_data(polygons)
        if not d:
            continue
        status = statuses.get(row.iso3) if row.participant else None
        name = names.get(row.iso3, row.name)
        if status is None:
            tooltip = w._("{state}: not a participant in its own right", state=name)
        else:
            tooltip = w._("{state}: {status}", state=name, status=w._(STATUS_LABEL[status.status]))
            if row.iso3 in notes:
                tooltip = w._("{tooltip} ({note})", tooltip=tooltip, note=notes[row.iso3])
        label_at, label_room = _label_anchor(polygons, frame)
        shapes.append(Shape(row.iso3, name, symbols[row.iso3], tooltip, d, label_at, label_room))
    return shapes


def _labels(shapes: Sequence[Shape], focus: Focus, frame: Frame) -> list[str]:
    """Names on the map: the states in front, and any other roomy enough to hold its name.

    A name is written when the largest circle inside the state is at least about half (for the
    states in front) or nine tenths (any other) of the name's width; the selected state is always
    named. In the world view only the states in front and the selected state are named. No name
    runs off the picture.
    """
    out: list[str] = []
    for shape in shapes:
        important = {"front", "ref", "selected"} & set(shape.marks)
        if shape.label_at is None or shape.status == "other":
            continue
        if focus is Focus.WORLD and not important:
            continue
        needed = len(shape.name) * _CHAR_WIDTH
        margin = 0.9 if focus is Focus.WORLD or not important else 0.5
        selected = "selected" in shape.marks
        if shape.label_room < needed * margin and not selected:
            continue
        x, y = shape.label_at
        half = needed / 2 + 3
        x = min(max(x, half), frame.width - half)
        y = min(max(y, LABEL_SIZE), frame.height - LABEL_SIZE / 2)
        cls = "lbl lbl-sel" if selected else "lbl" if important else "lbl lbl-minor"
        out.append(
            f'<text class="{cls}" x="{num(x)}" y="{num(y + LABEL_SIZE / 3)}">'
            f"{escape(shape.name)}</text>"
        )
    return out


def _line_css(selector: str, line: Line, scale: float, extra: str = "") -> str:
    dash = line.dash_array or "none"
    width = f"{line.width * scale:.2f}"
    return (
        f"{selector} {{ stroke: {line.colour}; stroke-width: {width}; "
        f"stroke-dasharray: {dash};{extra} }}"
    )


def drawing_css(scale: float, font: str) -> str:
    """The drawing's own style: every rule from :mod:`treatymap.style`, widths times ``scale``."""
    rules = [
        f".sea {{ fill: {SEA}; }}",
        ".shapes path { fill-rule: evenodd; stroke-linejoin: round; }",
    ]
    for s in STATUS_STYLES.values():
        rules.append(
            _line_css(f".shapes .{s.status.value}", s.line, scale, f" fill: {s.fill_ref};")
        )
    rules.append(
        _line_css(
            ".shapes .other", NON_PARTICIPANT.line, scale, f" fill: {NON_PARTICIPANT.fill_ref};"
        )
    )
    rules.append(".marks path, .halos path { fill: none; stroke-linejoin: round; }")
    rules.append(".marks, .halos, .labels { pointer-events: none; }")
    for outline in OUTLINES:
        classes = "." + outline.key.replace(" ", ".")
        rules.append(_line_css(f".marks {classes}", outline.line, scale))
        halo = Line(HALO, outline.line.width + HALO_EXTRA)
        rules.append(_line_css(f".halos {classes}", halo, scale, " stroke-opacity: .9;"))
    rules.append(
        f".lbl {{ font: 700 {LABEL_SIZE:g}px {font}; text-anchor: middle; fill: {TEXT}; "
        f"stroke: {HALO}; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }}"
    )
    rules.append(f".lbl-minor {{ font-size: {LABEL_SIZE - 1:g}px; font-weight: 400; }}")
    rules.append(
        f".lbl-sel {{ fill: {MARK['selected'].line.colour}; font-size: {LABEL_SIZE + 2:g}px; }}"
    )
    return "\n".join(rules)


def map_svg(
    shapes: Sequence[Shape],
    frame: Frame,
    focus: Focus,
    *,
    label: str,
    desc: str,
    font: str = "system-ui, sans-serif",
    element_id: str = "map",
    fill: bool = False,
    labels: bool = True,
    pattern_scale: float = 1.0,
) -> str:
    """The map as one SVG element: sea, shapes, halos and marks, labels; a title and a
    description for screen readers; its own ``<style>``; nothing loaded from anywhere.

    With ``fill`` the drawing fills a box of another shape, cut at its middle (as a live map of
    that size would show it) rather than fitted inside it; ``labels`` false leaves the names out
    (an image read at a phone's width would show them too small); ``pattern_scale`` enlarges
    the patterns' tiles for a drawing shown smaller than its own size."""
    scale = STROKE_SCALE[focus]
    aspect = "xMidYMid slice" if fill else "xMidYMid meet"
    parts = [
        f'<svg id="{element_id}" class="map" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {num(frame.width)} {num(frame.height)}" width="{num(frame.width)}" '
        f'height="{num(frame.height)}" xmlns="http://www.w3.org/2000/svg" '
        f'preserveAspectRatio="{aspect}">',
        f"<title>{escape(label)}</title>",
        f"<desc>{escape(desc)}</desc>",
        f"<style>{drawing_css(scale, font)}</style>",
        "<defs>" + "".join(pattern_svg(p, pattern_scale) for p in PATTERNS) + "</defs>",
        f'<rect class="sea" width="{num(frame.width)}" height="{num(frame.height)}"/>',
        '<g class="shapes">',
    ]
    for shape in shapes:
        parts.append(
            f'<path data-iso3="{escape(shape.iso3)}" class="{shape.status}" '
            f'd="{shape.d}"><title>{escape(shape.tooltip)}</title></path>'
        )
    parts.append("</g>")
    outlined = [(s, s.symbol.outline) for s in shapes if s.symbol.outline]
    outlined.sort(key=lambda pair: MARKS.index(pair[1].mark))
    for group in ("halos", "marks"):
        parts.append(f'<g class="{group}" aria-hidden="true">')
        for shape, outline in outlined:
            parts.append(
                f'<path data-outline-of="{escape(shape.iso3)}" class="{outline.key}" '
                f'd="{shape.d}"/>'
            )
        parts.append("</g>")
    parts.append('<g class="labels" aria-hidden="true">')
    if labels:
        parts += _labels(shapes, focus, frame)
    parts.append("</g></svg>")
    return "\n".join(parts)
