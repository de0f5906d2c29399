// treatymap's map layer: draws the boundaries the bundle holds, with tooltips, a legend and a
// restyle hook (window.treatymapRestyle). Loaded once with the bundle (treatymap.assets); the
// page's script only calls treatymapLayer(map, cfg) with the style declaration and the outlined
// states (treatymap.mapview.TreatyLayer). Text reaches the page only through textContent.
// This script holds no words: the statuses and political steps come as codes and ISO days, the
// words (cfg.words, the payload's words) in the reader's language, and dates are the browser's
// own in the page's language.
window.treatymapLayer = function (map, cfg) {
  // The state names in the page's language come in their own cached file, loaded once the map
  // is drawn (cfg.names); until then, and in English, the bundle's names.
  var style = cfg.style, words = cfg.words, names = window.treatymapNames || {};
  function loadNames() {
    if (!cfg.names || window.treatymapNames) { return; }
    var script = document.createElement("script");
    script.src = cfg.names;
    script.onload = function () { names = window.treatymapNames || {}; };
    document.head.appendChild(script);
  }
  var dateFormat = null;
  try {
    dateFormat = new Intl.DateTimeFormat(words.lang,
      {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
  } catch (unknown) { dateFormat = null; }
  function longDate(iso) {
    return dateFormat ? dateFormat.format(new Date(iso + "T00:00:00Z")) : iso;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] !== undefined ? values[key] : all;
    });
  }
  var frontline = new Set(cfg.frontline), reference = new Set(cfg.reference);
  var current = {statuses: {}, pinned: {}, selected: null, day: null, words: {}};
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (reduceMotion) { map.options.zoomAnimation = false; map.options.fadeAnimation = false; }
  // Pinch zoom stays possible on a phone: no viewport rule may forbid it.
  document.querySelectorAll('meta[name="viewport"]').forEach(function (m) {
    m.setAttribute("content", "width=device-width, initial-scale=1");
  });

  // The map's value for Python (streamlit-folium's component value). streamlit-folium sends
  // only what differs from the value it last sent, so it is told what was sent here.
  function send(value) {
    var known = window.__GLOBAL_DATA__;
    if (known && value.last_active_drawing) {
      known.last_active_drawing = value.last_active_drawing;
      known.previous_data = {last_active_drawing: value.last_active_drawing};
    }
    if (window.Streamlit && window.Streamlit.setComponentValue) {
      window.Streamlit.setComponentValue(value);
    } else {
      window.parent.postMessage({isStreamlitMessage: true, dataType: "json",
                                 type: "streamlit:setComponentValue", value: value}, "*");
    }
  }

  // streamlit-folium moves the map to the view the page asks for whenever that differs from
  // the last one it set, and on its first render it has set none: it would move the map to
  // the view it opens on, which redraws every shape once more (about 25 ms of the first view,
  // and 0.1 s in the benchmark's visits). It is told the map shows that view already; a link
  // to another focus still moves it.
  var known = window.__GLOBAL_DATA__;
  if (known && known.last_zoom === null && known.last_center === null) {
    var opening = map.getCenter();
    known.last_center = [opening.lat, opening.lng];
    known.last_zoom = map.getZoom();
  }
  // A narrow map (a phone's, and shorter) opens on the border states a half step further out,
  // so that Finland and Ukraine fit whole: set before any shape is drawn, so nothing is drawn
  // twice. streamlit-folium, told above that the map shows the view the page asked for, keeps it.
  if (cfg.smallView && document.documentElement.clientWidth < cfg.smallView.narrower) {
    map.setView(cfg.smallView.center, cfg.smallView.zoom, {animate: false});
  }

  // The bundle loaded before this script holds the boundaries as TopoJSON.
  var topology = window[cfg.topology];
  var data = topojson.feature(topology, topology.objects[cfg.object]);

  function entry(iso3) { return current.statuses[iso3] || null; }
  function lineStyle(line) {
    return {color: line.color, weight: line.weight, dashArray: line.dashArray};
  }
  function fillStyle(feature) {
    var p = feature.properties, e = entry(p.iso3);
    var look = (p.participant && e) ? style.statuses[e[0]] : style.other;
    var s = lineStyle(look.line);
    s.fillColor = look.fill; s.fillOpacity = 1; s.opacity = 1;
    return s;
  }
  // The outline round a shape, as the server decided it (treatymap.style.symbol): the view's
  // own (the selection, the changes compared) whatever the day, else the day's entry's.
  function outlineOf(iso3) {
    var pinned = current.pinned || {}, e = entry(iso3);
    if (Object.prototype.hasOwnProperty.call(pinned, iso3)) { return pinned[iso3]; }
    return e ? e[4] : -1;
  }
  function markFor(iso3) {
    var i = outlineOf(iso3);
    return i >= 0 ? lineStyle(style.outlines[i]) : null;
  }
  function haloStyle(feature) {
    var line = markFor(feature.properties.iso3);
    if (!line) { return {stroke: false, fill: false}; }
    return {stroke: true, fill: false, color: style.halo.color, opacity: 0.9,
            weight: line.weight + style.halo.extra, dashArray: null, lineJoin: "round"};
  }
  function markStyle(feature) {
    var line = markFor(feature.properties.iso3);
    if (!line) { return {stroke: false, fill: false}; }
    line.stroke = true; line.fill = false; line.opacity = 1; line.lineJoin = "round";
    return line;
  }
  function line(parent, text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    parent.appendChild(div);
  }
  // A tooltip stays inside the map: on a narrow map Leaflet's would run off its edge. Called
  // after Leaflet has placed it (its own handler for the same events was bound first).
  function keepInside(shape) {
    var tip = shape.getTooltip(), box = tip && tip.getElement();
    if (!box) { return; }
    box.style.marginLeft = "";
    var at = box.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
    var shift = 0;
    if (at.left < frame.left + 4) { shift = frame.left + 4 - at.left; }
    else if (at.right > frame.right - 4) { shift = frame.right - 4 - at.right; }
    if (shift) {
      box.style.marginLeft = (parseFloat(getComputedStyle(box).marginLeft) + shift) + "px";
    }
  }
  function nameOf(iso3) {
    var f = features[iso3];
    return names[iso3] || (f ? f.properties.name : "");
  }
  function tooltipFor(feature) {
    var p = feature.properties, box = document.createElement("div"), e = entry(p.iso3);
    line(box, nameOf(p.iso3), "tm-name");
    if (!p.participant) {
      line(box, p.owner ? fill(words.otherOf, {owner: nameOf(p.owner)}) : words.other);
    } else if (e) {
      var label = style.statuses[e[0]].label;
      line(box, e[1] ? fill(words.since, {status: label, day: longDate(e[1])}) : label);
      var steps = (current.words || {}).steps || [];
      if (e[2] >= 0 && steps[e[2]]) {
        line(box, fill(words.noteOn, {step: steps[e[2]], day: longDate(e[3])}), "tm-note");
      }
    }
    if (reference.has(p.iso3)) { line(box, words.reference, "tm-note"); }
    else if (frontline.has(p.iso3)) { line(box, words.front, "tm-note"); }
    return box;
  }

  var layer = L.geoJSON(data, {
    style: fillStyle,
    onEachFeature: function (feature, shape) {
      var iso3 = feature.properties.iso3, clicks = 0, sent = null;
      // What a click sends back to Python: the code only, never the geometry. It is sent at
      // once (streamlit-folium waits 250 ms for more clicks first); streamlit-folium, which
      // hears the same click after this handler, reads the same value and sends nothing more.
      shape.toGeoJSON = function () { return sent; };
      shape.on("click", function () {
        clicks += 1;
        sent = {type: "Feature", geometry: null,
                properties: {iso3: iso3, click: String(Date.now()) + "-" + clicks}};
        send({last_active_drawing: sent});
      });
      shape.bindTooltip(function () { return tooltipFor(feature); },
                        {sticky: true, direction: "auto"});
      shape.on("tooltipopen mousemove", function () { keepInside(shape); });
      shape.on("mouseover", function () { shape.setStyle(lineStyle(style.hover)); });
      shape.on("mouseout", function () { layer.resetStyle(shape); });
    }
  }).addTo(map);
  // Halos and marks sit in panes of their own above the fills, so a mark added later never
  // covers another's halo; they hold only the few shapes that carry a mark (the border
  // states, the selected state, the changed ones), not 240 invisible copies of the world.
  [["tm-halo", 410], ["tm-marks", 420]].forEach(function (pane) {
    map.createPane(pane[0]).style.zIndex = pane[1];
  });
  var halo = L.geoJSON(null, {style: haloStyle, interactive: false, pane: "tm-halo",
                              renderer: L.svg({pane: "tm-halo"})}).addTo(map);
  var marks = L.geoJSON(null, {style: markStyle, interactive: false, pane: "tm-marks",
                               renderer: L.svg({pane: "tm-marks"})}).addTo(map);
  var features = {}, outlined = {};  // iso3 -> feature; iso3 -> [halo, mark] while marked
  data.features.forEach(function (f) { features[f.properties.iso3] = f; });
  // 240 shapes are not 240 tab stops: keyboard users pick a state from the list instead.
  function quiet(shape) {
    var element = shape.getElement && shape.getElement();
    if (element) {
      element.setAttribute("tabindex", "-1");
      element.setAttribute("focusable", "false");
      element.setAttribute("aria-hidden", "true");
    }
  }
  layer.eachLayer(quiet);
  function lastShape(group) {
    var last = null;
    group.eachLayer(function (s) { last = s; });
    return last;
  }
  // Draw, restyle or take away one state's outline as its mark requires.
  function outline(iso3) {
    var had = outlined[iso3], wants = markFor(iso3) !== null;
    if (wants && !had) {
      halo.addData(features[iso3]); marks.addData(features[iso3]);
      had = outlined[iso3] = [lastShape(halo), lastShape(marks)];
      had.forEach(quiet);
    } else if (wants) {
      had[0].setStyle(haloStyle(had[0].feature)); had[1].setStyle(markStyle(had[1].feature));
    } else if (had) {
      halo.removeLayer(had[0]); marks.removeLayer(had[1]); delete outlined[iso3];
    }
  }
  Object.keys(features).forEach(outline);

  var svg = map.getRenderer(layer)._container;
  if (svg && !svg.querySelector("#tm-patterns")) {
    var defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
    defs.setAttribute("id", "tm-patterns");
    defs.innerHTML = style.patterns.join("");  // our own markup (treatymap.style), no data
    svg.insertBefore(defs, svg.firstChild);
  }

  // The page shows the legend under the map; this one starts folded so it hides no state,
  // and opens for a reader of the map alone (an embed, a full-screen frame).
  var legend = L.control({position: "topright"});
  legend.onAdd = function () {
    var outer = L.DomUtil.create("details", "tm-legend");
    outer.open = false;
    var title = document.createElement("summary");
    title.className = "tm-legend-title"; title.textContent = words.legend;
    outer.appendChild(title);
    var box = document.createElement("div"); outer.appendChild(box);
    function row(cls, text, key) {
      var r = document.createElement("div"); r.className = "tm-row";
      var swatch = document.createElement("span"); swatch.className = "tm-sw tm-sw-" + cls;
      swatch.setAttribute("aria-hidden", "true");
      r.appendChild(swatch);
      var words = document.createElement("span"); words.textContent = text;
      r.appendChild(words); box.appendChild(r);
      if (key) { legend.rows[key] = r; }
      return r;
    }
    legend.rows = {};
    style.statuses.forEach(function (s) { row(s.value, s.label, s.value); });
    row("other", words.other);
    style.marks.forEach(function (m) { row(m.key, m.label, m.key); });
    legend.title = title;
    L.DomEvent.disableClickPropagation(outer);
    L.DomEvent.disableScrollPropagation(outer);
    return outer;
  };
  legend.addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(words.attribution);

  // The frame's own landmarks: a main region named by a level-one heading, the map described
  // by the text summary (the same words as under the map on the page).
  var container = map.getContainer();
  var root = document.getElementById("root") || container.parentNode;
  root.setAttribute("role", "main");
  var heading = document.getElementById("tm-heading") || document.createElement("h1");
  heading.id = "tm-heading"; heading.className = "tm-sr";
  root.insertBefore(heading, root.firstChild);
  var described = document.getElementById("tm-description") || document.createElement("p");
  described.id = "tm-description"; described.className = "tm-sr";
  root.insertBefore(described, heading.nextSibling);
  container.setAttribute("role", "region");
  container.setAttribute("aria-describedby", "tm-description");

  // On a touch screen one finger scrolls the page, as readers of a news page expect, and two
  // fingers move and pinch the map (Leaflet's touch zoom follows both fingers). The first time
  // one finger moves on the map, a hint says so for a moment.
  var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  if (coarse && map.dragging) {
    map.dragging.disable();
    var hinted = false;
    container.addEventListener("touchmove", function (event) {
      if (hinted || event.touches.length !== 1) { return; }
      hinted = true;
      var hint = document.createElement("div");
      hint.className = "tm-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = words.twoFingers;
      container.appendChild(hint);
      setTimeout(function () { container.removeChild(hint); }, 1800);
    }, {passive: true});
  }

  window.treatymapLayer = layer;
  var drawn = {};  // the style key each shape was last drawn with
  function styleKey(iso3) {
    return JSON.stringify([current.statuses[iso3] || null, outlineOf(iso3)]);
  }
  // Draw a view: the server's payload, or the slider's day looked up in the timelines.
  function draw(update, shown) {
    current = update;
    // Restyle only the shapes whose status, mark or selection changed: a day's step touches a
    // handful of the 240 shapes, so the browser repaints little.
    var restyled = {};
    layer.eachLayer(function (shape) {
      var iso3 = shape.feature.properties.iso3, key = styleKey(iso3);
      if (drawn[iso3] !== key) {
        shape.setStyle(fillStyle(shape.feature)); drawn[iso3] = key; restyled[iso3] = true;
      }
    });
    Object.keys(restyled).forEach(outline);
    if (outlined[current.selected]) { outlined[current.selected][1].bringToFront(); }
    if (legend.rows) {  // the marks this view's legend explains (the server's list)
      var explained = new Set(update.legendMarks || []);
      style.marks.forEach(function (m) {
        legend.rows[m.key].style.display = explained.has(m.key) ? "flex" : "none";
      });
    }
    if (shown) { container.setAttribute("data-treatymap-shown", shown); }
    else { container.removeAttribute("data-treatymap-shown"); }
  }
  window.treatymapRestyle = function (update) {
    server = update;
    // While the reader is still moving the slider, a payload for a day it has already left
    // does not take the colours back; once the slider rests, the server's day is drawn.
    var day = sliderDay();  // null without "follow"
    if (!(day && day !== update.follow.day && moving())) { settle(); }
    var said = update.words || {};
    if (legend.title) { legend.title.textContent = said.legend || words.legend; }
    heading.textContent = said.title || "";
    described.textContent = update.summary || "";
    container.setAttribute("data-treatymap-day", update.day);
    container.setAttribute("aria-label", said.title || words.map);
    if (update.then_the_page && !toldThePage) { toldThePage = true; tellThePage(update.day); }
    if (!announced) { announced = true; announce(); loadNames(); }
  };
  // Once the live map is painted, the page's first view (a still picture of the same view,
  // painted from the HTML before any script ran) gives way to it.
  var announced = false;
  function announce() {
    requestAnimationFrame(function () {
      try { window.parent.dispatchEvent(new Event("treatymap:drawn")); } catch (blocked) {}
    });
  }

  // Following the date slider. The page's own run for a new day takes a few hundred
  // milliseconds (the server's run, then the browser's building of the whole page); the
  // statuses the map needs for any day are in the bundle (the server's timelines, from the
  // same engine), so the map shows the slider's day as soon as it moves. The server's payload
  // for that day then brings the same colours and the words (legend, summary). Not in compare
  // mode (the payload has no "follow"), whose outlines only the server computes.
  var timelines = window[cfg.timelines] || {}, server = null;
  // The server has the last word: this long after the slider last moved, the map shows the
  // server's latest payload (the page's sentence and link say its day), should the slider
  // show a day the page never received (a Streamlit slider can, under very fast presses).
  var SETTLE_MS = 1000, lastMove = -Infinity, settling = null;
  function moving() { return Date.now() - lastMove < SETTLE_MS; }
  function settle() {
    if (server) { draw(server, server.follow ? server.follow.day : null); }
  }
  function entryOn(rows, day) {
    var found = rows[0];
    for (var i = 1; i < rows.length && rows[i][0] <= day; i++) { found = rows[i]; }
    return found.slice(1);
  }
  function follow(day) {
    var from = server && server.follow, table = from && timelines[from.treaty];
    if (!table || container.getAttribute("data-treatymap-shown") === day) { return; }
    var statuses = {};
    Object.keys(table).forEach(function (iso3) { statuses[iso3] = entryOn(table[iso3], day); });
    var update = {};
    Object.keys(server).forEach(function (k) { update[k] = server[k]; });
    update.statuses = statuses;
    draw(update, day);
  }
  var page = null;
  try { page = window.parent.document; } catch (blocked) { page = null; }
  // The slider's day, while the reader is moving it (it has the focus: a treaty or a typed
  // day that moves it goes through the server, which knows the treaty).
  function sliderDay() {
    if (!page || !cfg.dayControl || !server || !server.follow) { return null; }
    var input = page.activeElement;
    if (!input || !input.matches || !input.matches(cfg.dayControl)) { return null; }
    var value = Number(input.value);  // microseconds since 1970, at midnight UTC
    if (!isFinite(value)) { return null; }
    return new Date(value / 1000).toISOString().slice(0, 10);
  }
  if (page && page !== document && cfg.dayControl && window.MutationObserver) {
    new MutationObserver(function () {
      var day = sliderDay();
      if (!day) { return; }
      lastMove = Date.now();
      follow(day);
      clearTimeout(settling);
      settling = setTimeout(settle, SETTLE_MS);
    }).observe(page.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuetext"]});
  }

  // A session's first run lays out the map before the rest of the page; once the map is
  // painted, a component value (the clicked-state key stays empty) asks the page for the rest.
  var toldThePage = false;
  function tellThePage(day) {
    requestAnimationFrame(function () {
      setTimeout(function () { send({last_active_drawing: null, drawn: day}); }, 0);
    });
  }
};
