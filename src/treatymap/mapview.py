"""Tables -> folium objects. No Streamlit here.

The map is built in two parts so that moving through time is cheap:

* :func:`base_map` is the same for every date: an empty Leaflet map with no tiles, and a
  :class:`TreatyLayer` that loads the boundaries once from our own server and draws them.
  streamlit-folium keys its component on this script, so keeping it constant keeps the user's
  pan and zoom and avoids remounting the map.
* :func:`status_update` is what changes with the date: a feature group whose only content is a
  few KB of statuses; its script restyles the already-drawn boundaries in place.

Text never reaches HTML: tooltips and the legend are built in the browser with ``textContent``
from JSON data (see :func:`treatymap.textsafe.js_literal`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from treatymap.assets import MapAssets
from treatymap.explain import long_date
from treatymap.status import StateStatus
from treatymap.textsafe import js_literal
from treatymap.url_state import Focus
from treatymap.vocab import (
    HATCH_BACKGROUND,
    NON_PARTICIPANT_FILL,
    SEA_COLOUR,
    STATUS_COLOUR,
    STATUS_LABEL,
    Status,
)

#: Where each focus looks: (latitude, longitude), zoom.
FOCUS_VIEW: dict[Focus, tuple[tuple[float, float], float]] = {
    Focus.BORDER: ((56.5, 27.0), 4),
    Focus.EUROPE: ((52.0, 14.0), 4),
    Focus.WORLD: ((25.0, 10.0), 1.5),
}


#: Status order in the payload and the legend.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)

#: Keys to what the map returns: only the clicked feature (no rerun on pan or zoom).
RETURNED_OBJECTS = ["last_active_drawing"]


@dataclass(frozen=True)
class MapStyle:
    """Everything the browser needs to style and label the map, fixed for the process."""

    statuses: tuple[tuple[str, str, str], ...]  # (value, label, colour)
    frontline: tuple[str, ...]
    reference: tuple[str, ...]

    def to_js(self) -> dict:
        return {
            "statuses": [list(s) for s in self.statuses],
            "frontline": list(self.frontline),
            "reference": list(self.reference),
            "hatch": HATCH_BACKGROUND,
            "nonParticipant": NON_PARTICIPANT_FILL,
        }


def map_style(frontline: Iterable[str], reference: Iterable[str]) -> MapStyle:
    """The palette, labels and the states to outline."""
    return MapStyle(
        statuses=tuple((s.value, STATUS_LABEL[s], STATUS_COLOUR[s]) for s in STATUS_ORDER),
        frontline=tuple(sorted(frontline)),
        reference=tuple(reference),
    )


class TreatyLayer(MacroElement):
    """Draw the boundaries loaded from ``url``, with tooltips, a legend and a restyle hook."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
  var cfg = {{ this.config }};
  var style = cfg.style;
  var statusIndex = {};
  style.statuses.forEach(function (s, i) { statusIndex[s[0]] = i; });
  var frontline = new Set(style.frontline), reference = new Set(style.reference);
  var current = {statuses: {}, selected: null, day: null, marked: []};
  var marked = new Set();

  var request = new XMLHttpRequest();
  request.open("GET", cfg.url, false);  // the map is nothing without its boundaries
  request.send(null);
  var data = JSON.parse(request.responseText);

  function entry(iso3) { return current.statuses[iso3] || null; }
  function styleFor(feature) {
    var p = feature.properties, e = entry(p.iso3);
    var s = {weight: 0.6, color: "#ffffff", opacity: 1, fillOpacity: 1, dashArray: null,
             fillColor: style.nonParticipant};
    if (p.participant && e) {
      var st = style.statuses[e[0]];
      s.fillColor = st[0] === "withdrawal_pending" ? "url(#tm-hatch)" : st[2];
      if (st[0] === "withdrawal_pending") {
        s.dashArray = "6 3"; s.color = "#7a4100"; s.weight = 1.6;
      } else if (e[2]) { s.dashArray = "2 3"; s.color = "#222222"; s.weight = 1.6; }
    } else if (!p.participant) { s.color = "#c8c8c8"; s.weight = 0.4; }
    if (frontline.has(p.iso3)) { s.color = "#1b1b1b"; s.weight = Math.max(s.weight, 2); }
    if (reference.has(p.iso3)) { s.color = "#000000"; s.weight = 2.6; s.dashArray = null; }
    if (marked.has(p.iso3)) { s.color = "#cc79a7"; s.weight = 3.4; s.dashArray = null; }
    if (current.selected === p.iso3) { s.color = "#d1006f"; s.weight = 3.2; s.dashArray = null; }
    return s;
  }
  function line(parent, text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    parent.appendChild(div);
  }
  function tooltipFor(feature) {
    var p = feature.properties, box = document.createElement("div"), e = entry(p.iso3);
    line(box, p.name, "tm-name");
    if (!p.participant) {
      var owner = p.sovereign;
      line(box, "Not a participant in its own right" + (owner ? " (" + owner + ")" : ""));
    } else if (e) {
      var label = style.statuses[e[0]][1];
      line(box, label + (e[1] ? " since " + e[1] : ""));
      if (e[2]) { line(box, e[2], "tm-note"); }
    }
    if (reference.has(p.iso3)) { line(box, "Reference state", "tm-note"); }
    else if (frontline.has(p.iso3)) { line(box, "Land border with Russia or Belarus", "tm-note"); }
    return box;
  }

  var layer = L.geoJSON(data, {
    style: styleFor,
    onEachFeature: function (feature, shape) {
      var iso3 = feature.properties.iso3, clicks = 0;
      // What a click sends back to Python: the code only, never the geometry.
      shape.toGeoJSON = function () {
        clicks += 1;
        return {type: "Feature", geometry: null,
                properties: {iso3: iso3, click: String(Date.now()) + "-" + clicks}};
      };
      shape.bindTooltip(function () { return tooltipFor(feature); }, {sticky: true});
      shape.on("mouseover", function () { shape.setStyle({weight: 3}); });
      shape.on("mouseout", function () { layer.resetStyle(shape); });
    }
  }).addTo(map);
  // 240 shapes are not 240 tab stops: keyboard users pick a state from the list instead.
  layer.eachLayer(function (shape) {
    var element = shape.getElement && shape.getElement();
    if (element) {
      element.setAttribute("tabindex", "-1");
      element.setAttribute("focusable", "false");
    }
  });

  var svg = map.getRenderer(layer)._container;
  if (svg && !svg.querySelector("#tm-hatch")) {
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "tm-hatch");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "6"); pattern.setAttribute("height", "6");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", "6"); bg.setAttribute("height", "6");
    bg.setAttribute("fill", style.hatch);
    var stripe = document.createElementNS(ns, "rect");
    stripe.setAttribute("width", "3"); stripe.setAttribute("height", "6");
    stripe.setAttribute("fill", "{{ this.pending_colour }}");
    pattern.appendChild(bg); pattern.appendChild(stripe); defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  var legend = L.control({position: window.innerWidth > 600 ? "bottomleft" : "topright"});
  legend.onAdd = function () {
    var outer = L.DomUtil.create("details", "tm-legend");
    outer.open = window.innerWidth > 600;  // on a phone the legend starts folded
    var title = document.createElement("summary");
    title.className = "tm-legend-title"; title.textContent = "Legend"; outer.appendChild(title);
    var box = document.createElement("div"); outer.appendChild(box);
    style.statuses.forEach(function (s) {
      var row = document.createElement("div"); row.className = "tm-row";
      var swatch = document.createElement("span"); swatch.className = "tm-swatch";
      if (s[0] === "withdrawal_pending") { swatch.className += " tm-hatch"; }
      else { swatch.style.background = s[2]; }
      row.appendChild(swatch);
      var text = document.createElement("span"); text.textContent = s[1];
      row.appendChild(text); box.appendChild(row);
    });
    [["tm-line-reference", "Russia and Belarus (reference)"],
     ["tm-line-front", "Land border with Russia or Belarus"],
     ["tm-line-note", "Withdrawal announced or suspension declared"],
     ["tm-swatch-other", "Not a participant in its own right"],
     ["tm-line-changed", "Status changed between the two dates"]].forEach(function (k) {
      var row = document.createElement("div"); row.className = "tm-row";
      if (k[0] === "tm-line-changed") { row.style.display = "none"; legend.changed = row; }
      var mark = document.createElement("span"); mark.className = "tm-swatch " + k[0];
      row.appendChild(mark);
      var text = document.createElement("span"); text.textContent = k[1];
      row.appendChild(text); box.appendChild(row);
    });
    legend.title = title;
    L.DomEvent.disableClickPropagation(outer);
    return outer;
  };
  legend.addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Boundaries: Natural Earth");

  window.treatymapLayer = layer;
  var drawn = {};  // the style key each shape was last drawn with
  function styleKey(iso3) {
    return JSON.stringify([current.statuses[iso3] || null, marked.has(iso3),
                           current.selected === iso3]);
  }
  window.treatymapRestyle = function (update) {
    current = update;
    marked = new Set(update.marked || []);
    // Restyle only the shapes whose status, mark or selection changed: a day's step touches a
    // handful of the 240 shapes, so the browser repaints little.
    layer.eachLayer(function (shape) {
      var iso3 = shape.feature.properties.iso3, key = styleKey(iso3);
      if (drawn[iso3] !== key) { shape.setStyle(styleFor(shape.feature)); drawn[iso3] = key; }
    });
    if (legend.changed) { legend.changed.style.display = marked.size ? "flex" : "none"; }
    if (legend.title) { legend.title.textContent = "Status on " + update.day; }
    map.getContainer().setAttribute("data-treatymap-day", update.day);
    map.getContainer().setAttribute("role", "img");
    map.getContainer().setAttribute("aria-label",
      "Map of states' status under the Ottawa Convention on " + update.day + ". " +
      (update.summary || ""));
  };
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, url: str, style: MapStyle) -> None:
        super().__init__()
        self._name = "TreatyLayer"
        self.config = js_literal({"url": url, "style": style.to_js()})
        self.pending_colour = STATUS_COLOUR[Status.WITHDRAWAL_PENDING]


LEGEND_CSS = f"""
<style>
.leaflet-container {{ background: {SEA_COLOUR}; font: 13px/1.35 system-ui, sans-serif; }}
.tm-legend {{ background: rgba(255,255,255,.92); padding: 4px 6px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); max-width: 210px; font-size: 11px; line-height: 1.2; }}
.tm-legend-title {{ font-weight: 600; margin-bottom: 3px; cursor: pointer; }}
.tm-row {{ display: flex; align-items: center; gap: 5px; margin: 1px 0; }}
.tm-swatch {{ width: 14px; height: 9px; border: 1px solid #777; flex: none; }}
.tm-hatch {{ background: repeating-linear-gradient(45deg,
  {STATUS_COLOUR[Status.WITHDRAWAL_PENDING]} 0 3px, {HATCH_BACKGROUND} 3px 6px);
  border: 1.5px dashed #7a4100; }}
.tm-line-reference {{ border: 2.6px solid #000; background: transparent; }}
.tm-line-front {{ border: 2px solid #1b1b1b; background: transparent; }}
.tm-line-note {{ border: 1.6px dotted #222; background: transparent; }}
.tm-line-changed {{ border: 3px solid #cc79a7; background: transparent; }}
.tm-swatch-other {{ background: {NON_PARTICIPANT_FILL}; border-color: #c8c8c8; }}
.tm-name {{ font-weight: 600; }}
.tm-note {{ color: #444; font-style: italic; }}
</style>
"""


def base_map(assets: MapAssets, style: MapStyle, focus: Focus = Focus.BORDER) -> folium.Map:
    """The constant part of the map: no tiles, our own Leaflet, the boundaries and the legend."""
    (lat, lon), zoom = FOCUS_VIEW[focus]
    fmap = folium.Map(
        location=[lat, lon],
        zoom_start=zoom,
        tiles=None,
        min_zoom=1.5,
        max_zoom=8,
        zoom_snap=0.5,
        max_bounds=True,
        control_scale=False,
    )
    # Only Leaflet, from our own server: folium's default CDN links (jQuery, Bootstrap, ...)
    # are not loaded at all.
    fmap.default_js = [("leaflet", assets.leaflet_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    fmap.get_root().header.add_child(Element(LEGEND_CSS), name="treatymap_css")
    TreatyLayer(assets.boundaries, style).add_to(fmap)
    return fmap


class StatusUpdate(MacroElement):
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
    summary: str = "",
    marked: Iterable[str] = (),
) -> dict[str, object]:
    """What changes with the date: per state [status index, since, note], the selection, the
    states marked as changed (compare mode) and the text summary (the map's description)."""
    index = {s: i for i, s in enumerate(STATUS_ORDER)}
    return {
        "day": day,
        "selected": selected,
        "summary": summary,
        "marked": sorted(marked),
        "statuses": {
            s.iso3: [index[s.status], long_date(s.since) if s.since else "", s.note or ""]
            for s in statuses
        },
    }


def status_update(payload: dict[str, object]) -> folium.FeatureGroup:
    """A feature group carrying one day's statuses (streamlit-folium's in-place update)."""
    group = folium.FeatureGroup(name="status", control=False)
    group.add_child(StatusUpdate(js_literal(payload)))
    return group
