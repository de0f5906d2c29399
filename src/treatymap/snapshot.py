"""A view as one self-contained HTML file: map, legend, figures, summary, sources (no Streamlit).

The file opens from disk with no server and no network: the map is a static SVG drawn here from
the bundled boundaries (Web Mercator, clipped to the focus window, simplified and rounded to a
tenth of a pixel), styles are inline, and there is no script at all. A Content-Security-Policy
in the file forbids loading anything, should a later change try to. The only URLs are plain
links to the sources (and the permalink), which a reader may follow but nothing loads.

Every text value, whatever file it came from, goes through :func:`html.escape` (quotes
included), and every link through :func:`treatymap.textsafe.safe_url` (http and https only).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.ops import polylabel

from treatymap.cite import FOCUS_LABEL, citation_text
from treatymap.explain import explain, long_date
from treatymap.figures import headline
from treatymap.geometry import REFERENCE_STATES, frontline_borders, frontline_neighbours
from treatymap.model import Event, Record
from treatymap.status import StateStatus, legal_dates, statuses_on
from treatymap.textsafe import safe_url
from treatymap.url_state import Focus, ViewState
from treatymap.vocab import (
    EVENT_LABEL,
    HATCH_BACKGROUND,
    NON_PARTICIPANT_FILL,
    SEA_COLOUR,
    STATUS_COLOUR,
    STATUS_LABEL,
    Status,
)

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

# The app's map colours (``treatymap.mapview``; a test keeps the two in step).
SELECTED_COLOUR = "#d1006f"

#: Outline widths shrink on the world map, where states are small.
STROKE_SCALE: dict[Focus, float] = {Focus.BORDER: 1.0, Focus.EUROPE: 0.85, Focus.WORLD: 0.45}

#: Legend and drawing order of the statuses.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


def _e(value: object) -> str:
    """Any value as HTML text (quotes escaped too, so it is safe in an attribute)."""
    return html.escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate to one decimal, without a trailing ``.0`` or a ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


# --- the map -------------------------------------------------------------------------------


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
        steps.append(f"{_n((bx - ax) / 10)},{_n((by - ay) / 10)}")
    return f"M{_n(x0 / 10)},{_n(y0 / 10)}l" + " ".join(steps) + "z"


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
    """One feature as drawn: its code, name, classes, path data and label anchor."""

    iso3: str
    name: str
    classes: tuple[str, ...]
    tooltip: str
    d: str
    label_at: tuple[float, float] | None
    label_room: float  # diameter of the largest circle inside the visible part, in pixels


def drawn_shapes(
    boundaries: gpd.GeoDataFrame,
    frame: Frame,
    statuses: Mapping[str, StateStatus],
    names: Mapping[str, str],
    frontline: Iterable[str],
    reference: Iterable[str],
    country: str | None,
) -> list[Shape]:
    """Every feature with a part in the window, in drawing order (outlined states last)."""
    front, ref = set(frontline), set(reference)
    shapes: list[Shape] = []
    for row in boundaries.itertuples():
        polygons = project_shape(row.geometry, frame)
        d = svg_path_data(polygons)
        if not d:
            continue
        status = statuses.get(row.iso3) if row.participant else None
        name = names.get(row.iso3, row.name) if status else row.name
        if status is None:
            classes = ["other"]
            tooltip = f"{name}: not a participant in its own right"
        else:
            classes = [status.status.value]
            tooltip = f"{name}: {STATUS_LABEL[status.status]}"
            if status.note:
                classes.append("noted")
                tooltip += f" ({status.note})"
        if row.iso3 in front:
            classes.append("front")
        if row.iso3 in ref:
            classes.append("ref")
        if row.iso3 == country:
            classes.append("sel")
        label_at, label_room = _label_anchor(polygons, frame)
        shapes.append(
            Shape(
                row.iso3,
                name,
                tuple(classes),
                tooltip,
                d,
                label_at,
                label_room,
            )
        )
    rank = {"sel": 4, "ref": 3, "front": 2, "withdrawal_pending": 1, "noted": 1}
    return sorted(shapes, key=lambda s: max((rank.get(c, 0) for c in s.classes), default=0))


#: Label font size (SVG units) and the rough width of one character at that size.
LABEL_SIZE = 12.0
_CHAR_WIDTH = 0.58 * LABEL_SIZE


def _labels(shapes: Sequence[Shape], focus: Focus, frame: Frame) -> list[str]:
    """Names on the map: the states in front, and any other roomy enough to hold its name.

    A name is written when the largest circle inside the state is at least about half (for the
    states in front) or nine tenths (any other) of the name's width; the selected state is always
    named. In the world view only the states in front and the selected state are named. No name
    runs off the picture.
    """
    out: list[str] = []
    for shape in shapes:
        important = {"front", "ref", "sel"} & set(shape.classes)
        if shape.label_at is None or "other" in shape.classes:
            continue
        if focus is Focus.WORLD and not important:
            continue
        needed = len(shape.name) * _CHAR_WIDTH
        margin = 0.9 if focus is Focus.WORLD or not important else 0.5
        if shape.label_room < needed * margin and "sel" not in shape.classes:
            continue
        x, y = shape.label_at
        half = needed / 2 + 3
        x = min(max(x, half), frame.width - half)
        y = min(max(y, LABEL_SIZE), frame.height - LABEL_SIZE / 2)
        cls = "lbl lbl-sel" if "sel" in shape.classes else "lbl" if important else "lbl lbl-minor"
        out.append(
            f'<text class="{cls}" x="{_n(x)}" y="{_n(y + LABEL_SIZE / 3)}">{_e(shape.name)}</text>'
        )
    return out


def map_svg(
    shapes: Sequence[Shape], frame: Frame, focus: Focus, label: str, title: str, desc: str
) -> str:
    """The map as an inline SVG element with a title and a description for screen readers."""
    pending = STATUS_COLOUR[Status.WITHDRAWAL_PENDING]
    parts = [
        f'<svg class="map" role="img" aria-label="{_e(label)}" '
        f'viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" '
        'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f"<title>{_e(title)}</title>",
        f"<desc>{_e(desc)}</desc>",
        '<defs><pattern id="tm-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{HATCH_BACKGROUND}"/>'
        f'<rect width="3" height="6" fill="{pending}"/></pattern></defs>',
        f'<rect class="sea" width="{_n(frame.width)}" height="{_n(frame.height)}"/>',
        '<g class="shapes">',
    ]
    for shape in shapes:
        parts.append(
            f'<path data-iso3="{_e(shape.iso3)}" class="{" ".join(shape.classes)}" '
            f'd="{shape.d}"><title>{_e(shape.tooltip)}</title></path>'
        )
    parts.append("</g>")
    parts.append('<g class="labels" aria-hidden="true">')
    parts += _labels(shapes, focus, frame)
    parts.append("</g></svg>")
    return "\n".join(parts)


# --- the page ------------------------------------------------------------------------------


def shape_css(scale: float) -> str:
    """How shapes are filled and outlined; outline widths times ``scale``."""

    def w(width: float) -> str:
        return f"{width * scale:.2f}".rstrip("0").rstrip(".")

    fills = "\n".join(
        f".shapes .{s.value} {{ fill: {STATUS_COLOUR[s]}; }}"
        for s in STATUS_ORDER
        if s is not Status.WITHDRAWAL_PENDING
    )
    return f"""
.shapes path {{ fill-rule: evenodd; stroke: #fff; stroke-width: {w(0.6)}; stroke-linejoin: round; }}
{fills}
.shapes .other {{ fill: {NON_PARTICIPANT_FILL}; stroke: #c8c8c8; stroke-width: {w(0.4)}; }}
.shapes .noted {{ stroke: #222; stroke-width: {w(1.6)}; stroke-dasharray: 2 3; }}
.shapes .withdrawal_pending {{ fill: url(#tm-hatch); stroke: #7a4100; stroke-width: {w(1.6)};
  stroke-dasharray: 6 3; }}
.shapes .front {{ stroke: #1b1b1b; stroke-width: {w(2)}; }}
.shapes .ref {{ stroke: #000; stroke-width: {w(2.6)}; stroke-dasharray: none; }}
.shapes .sel {{ stroke: {SELECTED_COLOUR}; stroke-width: {w(3.2)}; stroke-dasharray: none; }}
"""


CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: #fff; color: #1b1b1b;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }}
main {{ max-width: 1000px; margin: 0 auto; padding: 20px 20px 40px; overflow-wrap: anywhere; }}
.kicker {{ margin: 0; font-size: 12px; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; color: #0072b2; }}
h1 {{ margin: 4px 0 2px; font-size: 28px; line-height: 1.15; }}
.dateline {{ margin: 0 0 10px; font-size: 20px; font-weight: 600; color: #333; }}
h2 {{ margin: 28px 0 8px; font-size: 19px; border-top: 2px solid #1b1b1b; padding-top: 8px; }}
h3 {{ margin: 18px 0 4px; font-size: 16px; }}
.summary {{ margin: 0 0 14px; font-size: 17px; max-width: 46em; }}
.figures {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 0 0 14px;
  padding: 0; list-style: none; }}
.figures li {{ border-top: 3px solid #0072b2; padding-top: 6px; }}
.figures b {{ display: block; font-size: 26px; line-height: 1.1; }}
.figures span {{ font-size: 13px; color: #444; }}
figure {{ margin: 0; }}
svg.map {{ display: block; width: 100%; height: auto; background: {SEA_COLOUR};
  border: 1px solid #c8c8c8; }}
.sea {{ fill: {SEA_COLOUR}; }}
.lbl {{ font-size: {LABEL_SIZE:g}px; font-weight: 700; text-anchor: middle; fill: #1b1b1b;
  stroke: #fff; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke;
  pointer-events: none; }}
.lbl-minor {{ font-size: {LABEL_SIZE - 1:g}px; font-weight: 400; fill: #3a3a3a;
  stroke-width: 2.5px; stroke-opacity: .85; }}
.lbl-sel {{ fill: {SELECTED_COLOUR}; font-size: {LABEL_SIZE + 2:g}px; stroke-width: 4px; }}
figcaption {{ font-size: 13px; color: #333; margin-top: 8px; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 6px; padding: 0;
  list-style: none; }}
.legend li {{ display: flex; align-items: center; gap: 6px; }}
.sw {{ width: 18px; height: 12px; flex: none; border: 1px solid #777; }}
.sw-hatch {{ background: repeating-linear-gradient(45deg,
  {STATUS_COLOUR[Status.WITHDRAWAL_PENDING]} 0 3px, {HATCH_BACKGROUND} 3px 6px);
  border: 1.5px dashed #7a4100; }}
.sw-ref {{ background: #fff; border: 2.5px solid #000; }}
.sw-front {{ background: #fff; border: 2px solid #1b1b1b; }}
.sw-sel {{ background: #fff; border: 3px solid {SELECTED_COLOUR}; }}
.sw-noted {{ background: #fff; border: 1.5px dotted #222; }}
.sw-other {{ background: {NON_PARTICIPANT_FILL}; border-color: #c8c8c8; }}
.count {{ color: #666; }}
.note {{ color: #555; font-size: 13px; margin: 4px 0 0; }}
.status-line {{ margin: 0 0 6px; }}
.events {{ list-style: none; margin: 0; padding: 0; }}
.events li {{ border-left: 3px solid #d9d9d9; padding: 2px 0 2px 10px; margin: 8px 0; }}
.events .when {{ font-weight: 600; }}
blockquote {{ margin: 2px 0; font-style: italic; color: #222; }}
.src {{ font-size: 13px; color: #444; overflow-wrap: anywhere; }}
a {{ color: #005a8c; }}
footer {{ margin-top: 28px; border-top: 1px solid #c8c8c8; padding-top: 8px; font-size: 13px;
  color: #444; overflow-wrap: anywhere; }}
footer p {{ margin: 4px 0; }}
@media (max-width: 640px) {{
  .figures {{ grid-template-columns: 1fr; }}
  h1 {{ font-size: 23px; }}
  .lbl {{ font-size: 19px; stroke-width: 4px; }}
  .lbl-minor {{ display: none; }}
  .lbl-sel {{ font-size: 22px; stroke-width: 5px; }}
}}
"""

#: Nothing may be loaded; inline styles only (there is no script).
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def _legend(statuses: Sequence[StateStatus], country_name: str | None) -> str:
    counts = {s: 0 for s in STATUS_ORDER}
    for s in statuses:
        counts[s.status] += 1
    rows = []
    for s in STATUS_ORDER:
        swatch = (
            '<span class="sw sw-hatch"></span>'
            if s is Status.WITHDRAWAL_PENDING
            else f'<span class="sw" style="background:{STATUS_COLOUR[s]}"></span>'
        )
        rows.append(
            f'<li data-status="{s.value}">{swatch}{_e(STATUS_LABEL[s])} '
            f'<span class="count">({counts[s]})</span></li>'
        )
    keys = [
        ("sw-ref", "Russia and Belarus (reference)"),
        ("sw-front", "Land border with Russia or Belarus"),
        ("sw-noted", "Withdrawal announced or suspension declared"),
        ("sw-other", "Not a participant in its own right"),
    ]
    if country_name:
        keys.append(("sw-sel", f"Selected: {country_name}"))
    rows += [f'<li><span class="sw {cls}"></span>{_e(text)}</li>' for cls, text in keys]
    return '<ul class="legend" aria-label="Legend">' + "".join(rows) + "</ul>"


def _link(url: str, text: str | None = None) -> str:
    """A plain link to an http(s) URL (never loaded by the page), or the text alone."""
    target = safe_url(url)
    label = _e(text if text is not None else url)
    if target is None:
        return label
    return f'<a href="{_e(target)}" rel="noopener noreferrer">{label}</a>'


def _source_line(record: Record, source_id: str) -> str:
    source = record.sources.get(source_id)
    if source is None:
        return f'<div class="src">Source: {_e(source_id)}</div>'
    bits = [f"<cite>{_e(source.title)}</cite>", _e(source.publisher)]
    if source.published:
        bits.append(_e(source.published))
    bits.append(_link(source.url))
    bits.append(f"accessed {_e(long_date(source.accessed))}")
    return '<div class="src">Source: ' + ", ".join(bits) + "</div>"


def _event_item(record: Record, event: Event) -> str:
    note = f'<p class="note">Note: {_e(event.note)}</p>' if event.note else ""
    return (
        f'<li><span class="when">{_e(long_date(event.date))}</span> · '
        f"{_e(EVENT_LABEL[event.kind])}"
        f"<blockquote>“{_e(event.excerpt)}”</blockquote>"
        f"{_source_line(record, event.source_id)}{note}</li>"
    )


def _sources_section(
    record: Record,
    treaty_id: str,
    on: date,
    who: Sequence[str],
    statuses: Mapping[str, StateStatus],
    heading: str,
) -> str:
    """The treaty's own dates, then each state's status, the rule, and its events to ``on``."""
    treaty = record.treaties[treaty_id]
    dates = legal_dates(record, treaty_id)
    names = record.state_names()
    parts = [f"<h2>{_e(heading)}</h2>"]
    parts.append(f"<h3>{_e(treaty.short_name)}</h3><ul class='events'>")
    for day, what, source_id, excerpt in (
        (
            treaty.opened_for_signature,
            "Opened for signature",
            treaty.opened_source_id,
            treaty.opened_excerpt,
        ),
        (
            treaty.entry_into_force,
            "Entry into force",
            treaty.entry_into_force_source_id,
            treaty.entry_into_force_excerpt,
        ),
    ):
        if day <= on:
            parts.append(
                f'<li><span class="when">{_e(long_date(day))}</span> · {_e(what)}'
                f"<blockquote>“{_e(excerpt)}”</blockquote>"
                f"{_source_line(record, source_id)}</li>"
            )
    parts.append("</ul>")
    for iso3 in sorted(who, key=lambda c: names.get(c, c)):
        status = statuses[iso3]
        events = sorted(
            (e for e in record.events if e.iso3 == iso3 and e.treaty_id == treaty_id),
            key=lambda e: (e.date, e.line),
        )
        shown = [e for e in events if e.date <= on]
        later = len(events) - len(shown)
        parts.append(
            f'<h3 id="state-{_e(iso3)}">{_e(names.get(iso3, iso3))}: '
            f"{_e(STATUS_LABEL[status.status])}</h3>"
        )
        parts.append(
            f'<p class="status-line">{_e(explain(dates[iso3], status, treaty))}'
            + (f" {_e(status.note)}." if status.note else "")
            + "</p>"
        )
        if shown:
            parts.append(
                "<ul class='events'>" + "".join(_event_item(record, e) for e in shown) + "</ul>"
            )
        else:
            parts.append('<p class="note">No event recorded by this date.</p>')
        if later:
            parts.append(
                f'<p class="note">{later} later event{"" if later == 1 else "s"} '
                f"{'is' if later == 1 else 'are'} "
                "recorded after this date and not shown.</p>"
            )
    return "\n".join(parts)


def snapshot_html(
    record: Record,
    boundaries: gpd.GeoDataFrame,
    on: date,
    focus: Focus,
    country: str | None,
    summary: str,
    version: str,
    permalink: str | None,
    *,
    frontline: Sequence[str] | None = None,
    borders_km: Mapping[tuple[str, str], float] | None = None,
    accessed: date | None = None,
    treaty_id: str = "ottawa",
) -> str:
    """The view as one self-contained HTML page (no script, nothing loaded from anywhere).

    ``summary`` is shown under the title and is the map's accessible description. Pass
    ``frontline`` and ``borders_km`` when already computed (the app caches them); ``accessed``
    is the day written into the citation (default: today).
    """
    names = record.state_names()
    if country is not None and country not in names:
        raise ValueError(f"{country!r} is not a state code in the record")
    front = list(frontline) if frontline is not None else list(frontline_neighbours(boundaries))
    borders = borders_km if borders_km is not None else frontline_borders(boundaries)
    statuses = statuses_on(record, on, treaty_id)
    by_state = {s.iso3: s for s in statuses}
    figures = headline(statuses, front, borders)
    frame = Frame.for_focus(focus)
    shapes = drawn_shapes(boundaries, frame, by_state, names, front, REFERENCE_STATES, country)
    day = long_date(on)
    country_name = names[country] if country else None

    title = "Who is bound by the Ottawa Convention"
    map_label = (
        f"Map of {FOCUS_LABEL[focus]}: each state's status under the Ottawa Convention on {day}"
    )
    svg = map_svg(shapes, frame, focus, map_label, map_label, summary)
    outside = ""
    if country and country not in {s.iso3 for s in shapes}:
        outside = f" {country_name} lies outside this map's window."

    if country:
        who, heading = [country], f"Sources: {country_name}"
    else:
        who = [c for c in front if c in by_state]
        heading = "Sources: the states bordering Russia or Belarus"
    sources = _sources_section(record, treaty_id, on, who, by_state, heading)

    view = ViewState(on, country, focus)
    cite = citation_text(
        view, permalink, version, accessed or date.today(), country_name=country_name
    )
    link = safe_url(permalink) if permalink else None
    permalink_line = (
        f"<p>Live view: {_link(link)}</p>" if link else "<p>Exported from the command line.</p>"
    )
    figures_html = (
        '<ul class="figures" aria-label="Headline figures">'
        f"<li><b>{figures.states_parties}</b><span>States Parties: bound by the Convention "
        "that day</span></li>"
        f"<li><b>{figures.frontline_bound} of {figures.frontline_total}</b><span>states "
        "bordering Russia or Belarus still bound</span></li>"
        f"<li><b>{figures.border_km_no_longer_bound:,.0f} km</b><span>of land border with "
        "Russia and Belarus where the neighbour is no longer bound (of "
        f"{figures.border_km_total:,.0f} km)</span></li></ul>"
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{_e(title)} on {_e(day)} · treatymap</title>
<style>{CSS}{shape_css(STROKE_SCALE[focus])}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Anti-Personnel Mine Ban Convention (Ottawa, 1997)</p>
<h1>{_e(title)}</h1>
<p class="dateline">Status on <time datetime="{on.isoformat()}">{_e(day)}</time></p>
<p class="summary">{_e(summary)}</p>
</header>
{figures_html}
<figure>
{svg}
<figcaption>
{_legend(statuses, country_name)}
<p class="note">Status on {_e(day)}, computed from the sourced events under Articles 17 and 20.
Borders drawn de jure (Crimea as part of Ukraine, UN General Assembly resolution 68/262).
Boundaries: Natural Earth 1:50m (public domain), simplified.{_e(outside)}</p>
</figcaption>
</figure>
{sources}
<footer>
<p><b>Cite as:</b> {_e(cite)}</p>
{permalink_line}
<p>Data version {_e(version)}. Generated by treatymap from its bundled data; this file loads
nothing from any server.</p>
</footer>
</main>
</body>
</html>
"""


def write_snapshot(path: Path, page: str) -> int:
    """Write the page as UTF-8; return its size in bytes."""
    data = page.encode("utf-8")
    path.write_bytes(data)
    return len(data)
