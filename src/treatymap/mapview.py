"""Tables -> folium objects. No Streamlit here.

The map is built in two parts so that moving through time is cheap:

* :func:`base_map` is the same for every date and treaty: an empty Leaflet map with no tiles,
  and a :class:`TreatyLayer`, one call to ``treatymapLayer`` (``map_layer.js``, loaded once in
  the cacheable bundle with Leaflet and the boundaries) that draws the boundaries with their
  halos and marks (border states, the selection, changes). streamlit-folium keys its component
  on this script and sends it with every rerun, so it stays constant (the reader's pan and zoom
  are kept, the map is never remounted) and small (the call and its config, about 3 KB).
* :func:`status_update` is what changes: a feature group whose only content is a few KB of
  statuses and the words that describe them; its script restyles the drawn shapes in place.

Colours, patterns and widths come from :mod:`treatymap.style`; every word (legend, tooltips,
accessible names, state names) comes in the reader's language from here, and the map's script
holds none: the statuses and the political steps travel as codes and ISO days, which the script
writes with the words it is given and the browser's own dates in the page's language. Text never
reaches HTML: tooltips and the legend are built in the browser with ``textContent`` from JSON
data (see :func:`treatymap.textsafe.js_literal`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import cast

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from treatymap.assets import BOUNDARIES_OBJECT, TIMELINES_GLOBAL, TOPOLOGY_GLOBAL, MapAssets
from treatymap.explain import event_label
from treatymap.i18n import Words
from treatymap.model import Treaty
from treatymap.status import LegalDates, StateStatus, status_changes
from treatymap.style import (
    MARK,
    PAPER,
    RULE,
    SEA,
    TEXT,
    TEXT_SOFT,
    VIEW_MARKS,
    Symbol,
    browser_style,
    legend_css,
    legend_marks,
    symbol,
)
from treatymap.textsafe import js_literal
from treatymap.url_state import Focus
from treatymap.view import View
from treatymap.vocab import NOTE_KINDS, EventKind, Status

#: Where each focus looks: (latitude, longitude), zoom.
FOCUS_VIEW: dict[Focus, tuple[tuple[float, float], float]] = {
    Focus.BORDER: ((56.5, 27.0), 4),
    Focus.EUROPE: ((52.0, 14.0), 4),
    Focus.WORLD: ((25.0, 10.0), 1.5),
}

#: Where a narrow map (under ``narrower`` pixels wide: a phone's, which is also shorter) opens
#: instead of the border states' view: a half step further out, so that every border state fits.
SMALL_BORDER_VIEW = {"center": [59.5, 28.0], "zoom": 3.5, "narrower": 500}

#: Status order in the payload and the legend.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)
#: The political steps a status may carry as a note, by their index in the map's data.
NOTE_ORDER: tuple[EventKind, ...] = tuple(k for k in EventKind if k in NOTE_KINDS)
#: The page's language as the browser's date format knows it (English as the sources write it).
BROWSER_LOCALE = {"en": "en-GB"}

#: Keys to what the map returns: only the clicked feature (no rerun on pan or zoom).
RETURNED_OBJECTS = ["last_active_drawing"]


@dataclass(frozen=True)
class MapFrame:
    """What the browser needs that is fixed for the process and the reader's language: the
    states to outline always, and the map's words."""

    frontline: tuple[str, ...]
    reference: tuple[str, ...]
    #: A CSS selector, in the page around the map, for the date control the map follows
    #: (``None``: the map waits for the server's payload).
    day_control: str | None = None
    words: Words | None = None

    def to_js(self) -> dict[str, object]:
        assert self.words is not None, "a map frame has its reader's words"
        w = self.words
        return {
            "style": browser_style(w),
            "frontline": list(self.frontline),
            "reference": list(self.reference),
            "dayControl": self.day_control,
            "words": map_words(w),
            "smallView": SMALL_BORDER_VIEW,
        }


def map_words(w: Words) -> dict[str, str]:
    """Every word the map's script writes, in the reader's language (``{placeholders}`` kept),
    and the page's language for the browser's dates."""
    return {
        "lang": BROWSER_LOCALE.get(w.lang, w.lang),
        "since": w._("{status} since {day}", status="{status}", day="{day}"),
        "noteOn": w._("{step} on {day}", step="{step}", day="{day}"),
        "other": w._("Not a participant in its own right"),
        "otherOf": w._("Not a participant in its own right ({owner})", owner="{owner}"),
        "reference": w._("Reference state"),
        "front": w._("Land border with Russia or Belarus"),
        "legend": w._("Legend"),
        "map": w._("Map"),
        "attribution": w._("Leaflet · Boundaries: Natural Earth"),
        "twoFingers": w._("Use two fingers to move the map"),
    }


def map_frame(
    frontline: Iterable[str],
    reference: Iterable[str],
    day_control: str | None = None,
    *,
    words: Words,
) -> MapFrame:
    """The states outlined on every map (those on the border, and the reference states), the
    date control whose day the map shows at once (see :func:`status_timelines`), and the map's
    words in the reader's language (its state names come in a cached file of their own,
    :attr:`treatymap.assets.MapAssets.names_js`)."""
    return MapFrame(
        frontline=tuple(sorted(frontline)),
        reference=tuple(reference),
        day_control=day_control,
        words=words,
    )


class _Rendered(Element):
    """A macro's output, kept as text.

    branca's ``MacroElement.render`` wraps each macro's output in ``Element(text)``, which
    compiles the text as a Jinja template; streamlit-folium renders every element that way and
    then reads the macros itself. For the day's statuses that was 16 KB compiled on every
    slider step for nothing.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _TextMacro(MacroElement):
    """A ``MacroElement`` whose rendered macros go into the figure as text (:class:`_Rendered`)."""

    def render(self, **kwargs: object) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render an element inside a Figure"
        module = self._template.module.__dict__
        for part, box in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = module.get(part)
            if macro is not None:
                box.add_child(_Rendered(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
        return ""  # what branca's MacroElement.render gives back too (it returns nothing)


class TreatyLayer(_TextMacro):
    """Draw the bundle's boundaries, with tooltips, a legend and a restyle hook: a call to
    ``treatymapLayer`` (``map_layer.js``) with the style declaration and the outlined states."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
treatymapLayer({{ this._parent.get_name() }}, {{ this.config }});
{% endmacro %}
"""
    )

    def __init__(self, frame: MapFrame, names_js: str | None = None) -> None:
        super().__init__()
        self._name = "TreatyLayer"
        self.config = js_literal(
            {
                "topology": TOPOLOGY_GLOBAL,
                "object": BOUNDARIES_OBJECT,
                "timelines": TIMELINES_GLOBAL,
                "names": names_js,
                **frame.to_js(),
            }
        )


MAP_CSS = f"""
<style>
.leaflet-container {{ background: {SEA}; font: 13px/1.35 system-ui, sans-serif; color: {TEXT}; }}
.leaflet-interactive:focus {{ outline: none; }}
.leaflet-container a:focus-visible, .leaflet-container summary:focus-visible,
.leaflet-container a:focus, .leaflet-container summary:focus {{
  outline: 3px solid {MARK["selected"].line.colour}; outline-offset: 1px; }}
.tm-sr {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
.tm-legend {{ background: {PAPER}; padding: 4px 6px; border-radius: 4px;
  border: 1px solid {RULE}; max-width: 215px; font-size: 11px; line-height: 1.25;
  color: {TEXT}; }}
.tm-legend-title {{ font-weight: 600; cursor: pointer; }}
.tm-legend[open] .tm-legend-title {{ margin-bottom: 3px; }}
.tm-row {{ display: flex; align-items: center; gap: 5px; margin: 1px 0; }}
.tm-sw {{ width: 15px; height: 10px; flex: none; box-sizing: border-box; }}
{legend_css("tm-sw")}
.tm-name {{ font-weight: 600; }}
/* A tooltip wraps inside the map rather than running off its edge on a phone. */
.leaflet-tooltip {{ white-space: normal; width: max-content; max-width: min(240px, 70vw); }}
/* The map fills its frame, whatever height the page gives the frame (shorter on a phone). */
#map_div {{ height: 100vh !important; }}
.tm-hint {{ position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%);
  z-index: 1000; pointer-events: none; padding: 8px 12px; border-radius: 6px;
  background: rgba(27, 27, 27, .85); color: {PAPER}; font-size: 14px; }}
.tm-note {{ color: {TEXT_SOFT}; font-style: italic; }}
@media (max-width: 600px) {{ .tm-legend {{ max-width: 170px; }} }}
</style>
"""


def base_map(assets: MapAssets, frame: MapFrame) -> folium.Map:
    """The constant part of the map: no tiles, our own Leaflet, the boundaries and the legend.

    It opens on the border states; the page moves it to another focus with streamlit-folium's
    ``center`` and ``zoom``, which change the view in place (a different base map would
    remount the frame and lose the reader's pan and zoom).
    """
    (lat, lon), zoom = FOCUS_VIEW[Focus.BORDER]
    fmap = folium.Map(
        location=[lat, lon],
        # FOCUS_VIEW's zooms are floats (the world's is 1.5). folium annotates int but only
        # writes the number into Leaflet's options, and Leaflet (zoom_snap 0.5) takes fractions.
        zoom_start=cast(int, zoom),
        tiles=None,
        zoom_snap=0.5,
        max_bounds=True,
        control_scale=False,
    )
    # The zoom range the coarse boundaries support. folium passes min_zoom/max_zoom only to a
    # tile layer, and this map has none: set Leaflet's own options.
    fmap.options["minZoom"] = 1.5
    fmap.options["maxZoom"] = 8
    # Only our bundle (Leaflet, topojson-client, the boundaries), from our own server: folium's
    # default CDN links (jQuery, Bootstrap, ...) are not loaded at all.
    fmap.default_js = [("treatymap_map", assets.map_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    # A folium.Map is created inside a branca Figure, which get_root() returns as an Element.
    root = cast(Figure, fmap.get_root())
    root.header.add_child(Element(MAP_CSS), name="treatymap_css")
    lang = frame.words.lang if frame.words else "en"
    # The state names in the reader's language: loaded once the map is drawn, off the first
    # view's path (streamlit-folium loads its scripts one after another before the map's).
    TreatyLayer(frame, names_js=assets.names_js.get(lang)).add_to(fmap)
    return fmap


class StatusUpdate(_TextMacro):
    """The statuses for one day, applied to the drawn boundaries by :class:`TreatyLayer`."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
if (window.treatymapRestyle) { window.treatymapRestyle({{ this.payload }}); }
{% endmacro %}
"""
    )

    def __init__(self, payload: str) -> None:
        super().__init__()
        self._name = "StatusUpdate"
        self.payload = payload


def status_payload(
    statuses: Iterable[StateStatus],
    day: str,
    selected: str | None,
    *,
    symbols: Mapping[str, Symbol],
    title: str,
    legend: str,
    summary: str = "",
    then_the_page: bool = False,
    follow: tuple[str, date] | None = None,
    treaty: Treaty | None = None,
    w: Words | None = None,
) -> dict[str, object]:
    """What changes with the view: per state [status index, since, note's step, its day,
    outline index] (:func:`status_entry`), the outlines the view itself gives (the selection,
    the changes it compares: ``pinned``, which the map keeps whatever day it shows), the marks
    its legend explains, the words of each step under the view's ``treaty``, the map's title
    (its accessible name and the frame's heading), the legend's title and the text summary (its
    description). Every state's look is ``symbols``' (:attr:`treatymap.view.View.symbols`, the
    same the SVG drawing draws): the map's script paints it and decides nothing. With
    ``then_the_page``, the map tells the page once it is drawn (a session's first run lays out
    the map before the rest of the page); with ``follow`` (the treaty and the day shown), the
    map recolours itself from the bundle's timelines when the date control moves, before this
    payload's successor arrives (not in compare mode, whose outlines only the server knows)."""
    extra: dict[str, object] = {"then_the_page": True} if then_the_page else {}
    if follow is not None:
        extra["follow"] = {"treaty": follow[0], "day": follow[1].isoformat()}
    steps = [event_label(k, treaty, w) for k in NOTE_ORDER] if treaty and w else []
    return {
        **extra,
        "day": day,
        "selected": selected,
        "summary": summary,
        "pinned": {
            iso3: look.outline_index
            for iso3, look in sorted(symbols.items())
            if VIEW_MARKS & set(look.marks)
        },
        "legendMarks": legend_marks(symbols.values()),
        "words": {"title": title, "legend": legend, "steps": steps},
        "statuses": {
            s.iso3: status_entry(s, symbols[s.iso3]) for s in statuses if s.iso3 in symbols
        },
    }


def view_payload(view: View, *, then_the_page: bool = False) -> dict[str, object]:
    """One view's payload (:func:`status_payload`): its statuses and symbols, its words in the
    reader's language, and, but in compare mode, the treaty and day the map follows."""
    w = view.words
    return status_payload(
        view.statuses,
        w.date(view.day),
        view.country,
        symbols=view.symbols,
        title=view.map_label,
        legend=w._("Status on {day}", day=w.date(view.day)),
        summary=view.summary,
        then_the_page=then_the_page,
        follow=None if view.compare else (view.treaty.treaty_id, view.day),
        treaty=view.treaty,
        w=w,
    )


_STATUS_INDEX = {s: i for i, s in enumerate(STATUS_ORDER)}


_NOTE_INDEX = {k: i for i, k in enumerate(NOTE_ORDER)}


def status_entry(status: StateStatus, look: Symbol) -> list[object]:
    """One state's entry in the map's data, codes only: [status index, since (ISO, or ""), the
    index of the political step it carries (-1: none), that step's day (ISO, or ""), the index
    of the outline drawn round it in :data:`treatymap.style.OUTLINES` (-1: none)]."""
    noted = status.note_kind is not None and status.note_date is not None
    return [
        _STATUS_INDEX[status.status],
        status.since.isoformat() if status.since else "",
        _NOTE_INDEX[status.note_kind] if noted and status.note_kind else -1,
        status.note_date.isoformat() if noted and status.note_date else "",
        look.outline_index,
    ]


def day_symbol(status: StateStatus, *, front: bool, ref: bool) -> Symbol:
    """A state's symbol on a day, before a view adds its own marks (selection, changes)."""
    return symbol(status.status, noted=status.noted, front=front, ref=ref)


def status_timelines(
    dates: Mapping[str, Mapping[str, LegalDates]],
    frontline: Iterable[str],
    reference: Iterable[str],
) -> dict[str, dict[str, list[list[object]]]]:
    """For each treaty and state, every entry the map can show, each after the day it begins
    (ISO, "" for the first): [[day, *entry], …], the outline that of the day's symbol
    (:func:`day_symbol`). The bundle carries it, so that a step of the date slider recolours
    the map at once; the server's payload for that day, the same entries from the same engine
    (:func:`treatymap.status.status_changes`), follows with the words."""
    front, ref = set(frontline), set(reference)
    timelines: dict[str, dict[str, list[list[object]]]] = {}
    for treaty_id, by_state in dates.items():
        timelines[treaty_id] = {}
        for iso3, legal in by_state.items():
            rows: list[list[object]] = []
            for day, status in status_changes(legal):
                look = day_symbol(status, front=iso3 in front, ref=iso3 in ref)
                entry = status_entry(status, look)
                if not rows or rows[-1][1:] != entry:
                    rows.append([day.isoformat() if day else "", *entry])
            timelines[treaty_id][iso3] = rows
    return timelines


def status_update(payload: dict[str, object]) -> folium.FeatureGroup:
    """A feature group carrying one view's statuses (streamlit-folium's in-place update)."""
    group = folium.FeatureGroup(name="status", control=False)
    group.add_child(StatusUpdate(js_literal(payload)))
    return group
