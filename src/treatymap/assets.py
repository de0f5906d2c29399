"""Files the browser loads from our own server: Leaflet, TopoJSON's decoder, the map's layer
script and the boundaries.

Nothing is fetched from the internet. Leaflet comes from an installed package
(``django-js-lib-leaflet``), ``topojson-client`` from ``treatymap/vendor/``, the boundaries from
``geodata/``, the layer script (``map_layer.js``: drawing, tooltips, legend, restyling) from this
package; all are copied into the app's ``static/`` folder, which Streamlit serves at
``/app/static/`` (``server.enableStaticServing``).

The boundaries travel as quantized TopoJSON: shared borders are stored once and coordinates as
small integers, which is what the reader on a phone waits for (932 KB of GeoJSON, 323 KB
gzipped, became 464 KB and 154 KB), and thinned outside Europe (:mod:`treatymap.thinning`:
315 KB and 109 KB, 31,500 drawn coordinates where there were 53,700). :data:`QUANTIZATION`
keeps every shape within a fifth of its area, the Holy See's included, so micro-states stay
drawn and clickable. The file name carries a content hash, so a browser may cache it for good.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import geopandas as gpd
import topojson

from treatymap.thinning import thinned

#: ``static/`` beside ``app.py``, where Streamlit serves app files from.
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
#: URL prefix of ``static/`` as seen from the map's iframe
#: (``<base>/component/streamlit_folium.st_folium/index.html``), so a base path keeps working.
STATIC_URL_FROM_MAP = "../../app/static"
#: Grid of the quantized coordinates: 10⁵ steps across the world's extent, ≈ 400 m.
QUANTIZATION = 100_000
#: The TopoJSON object holding the boundaries (read by the map's script).
BOUNDARIES_OBJECT = "boundaries"
#: The global the map's bundle puts the TopoJSON in.
TOPOLOGY_GLOBAL = "treatymapTopology"
#: The global the map's bundle puts the statuses' timelines in (``mapview.status_timelines``).
TIMELINES_GLOBAL = "treatymapTimelines"
#: The global a language's names file puts the state names in (ISO3 -> name).
NAMES_GLOBAL = "treatymapNames"
#: topojson-client's browser build, vendored (see ``vendor/README.md``).
TOPOJSON_CLIENT = ("vendor", "topojson-client", "topojson-client.min.js")
#: The map's own script, defining ``window.treatymapLayer(map, cfg)``. It is the same for every
#: view, so it travels once in the cacheable bundle rather than in the component's arguments,
#: which Streamlit sends again on every slider step (10 KB a step, and Jinja compiled it twice a
#: run: a third of the script's time, cProfile).
LAYER_SCRIPT = "map_layer.js"


@dataclass(frozen=True)
class MapAssets:
    """URLs (relative to the map's iframe) of what the map loads, and the bundle's size.

    ``map_js`` is one script: Leaflet, topojson-client, the layer script and the boundaries,
    so the map's frame makes one request where it made three one after another
    (streamlit-folium loads its scripts in turn), which a slow link pays in round trips.
    ``leaflet_js`` alone is for maps that draw their own boundaries (the naive benchmark app).
    """

    map_js: str
    leaflet_js: str
    leaflet_css: str
    map_js_bytes: int
    #: Language -> URL of a small script with the state names in that language (none for
    #: English, the bundle's own): cached by the browser like the bundle, where names in the
    #: map's arguments would travel again with every run of the page.
    names_js: Mapping[str, str] = field(default_factory=dict)


def prepare_static(
    boundaries: gpd.GeoDataFrame,
    static_dir: Path = STATIC_DIR,
    timelines: Mapping[str, object] | None = None,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> MapAssets:
    """Copy Leaflet and write the map's bundle (Leaflet, topojson-client, the layer script, the
    boundaries as TopoJSON in :data:`TOPOLOGY_GLOBAL`, and any ``timelines`` in
    :data:`TIMELINES_GLOBAL`) into ``static_dir``, and for each language of ``names`` a script
    setting :data:`NAMES_GLOBAL` (idempotent).

    Files are rewritten only when their content differs, so several server processes can start
    side by side.
    """
    leaflet_dir = static_dir / "vendor" / "leaflet"
    source = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    leaflet = source.joinpath("leaflet.js").read_bytes()
    _write_if_changed(leaflet_dir / "leaflet.js", leaflet)
    _write_if_changed(leaflet_dir / "leaflet.css", source.joinpath("leaflet.css").read_bytes())
    for image in source.joinpath("images").iterdir():
        _write_if_changed(leaflet_dir / "images" / image.name, image.read_bytes())

    package = resources.files("treatymap")
    decoder = package.joinpath(*TOPOJSON_CLIENT).read_bytes()
    layer = package.joinpath(LAYER_SCRIPT).read_bytes()
    bundle = (
        b"\n;".join(
            [
                leaflet,
                decoder,
                layer,
                b"window."
                + TOPOLOGY_GLOBAL.encode()
                + b" = "
                + _parsed(boundaries_topojson(boundaries)),
                b"window."
                + TIMELINES_GLOBAL.encode()
                + b" = "
                + _parsed(json.dumps(timelines or {}, separators=(",", ":")).encode("utf-8")),
            ]
        )
        + b";\n"
    )
    name = f"map-{hashlib.sha256(bundle).hexdigest()[:12]}.js"
    _write_if_changed(static_dir / "treatymap" / name, bundle)
    names_js = {}
    for lang, by_code in (names or {}).items():
        text = json.dumps(dict(sorted(by_code.items())), ensure_ascii=False, separators=(",", ":"))
        script = (
            b"window." + NAMES_GLOBAL.encode() + b" = " + _parsed(text.encode("utf-8")) + b";\n"
        )
        file = f"names-{lang}-{hashlib.sha256(script).hexdigest()[:12]}.js"
        _write_if_changed(static_dir / "treatymap" / file, script)
        names_js[lang] = f"{STATIC_URL_FROM_MAP}/treatymap/{file}"
    return MapAssets(
        map_js=f"{STATIC_URL_FROM_MAP}/treatymap/{name}",
        leaflet_js=f"{STATIC_URL_FROM_MAP}/vendor/leaflet/leaflet.js",
        leaflet_css=f"{STATIC_URL_FROM_MAP}/vendor/leaflet/leaflet.css",
        map_js_bytes=len(bundle),
        names_js=names_js,
    )


def boundaries_topojson(boundaries: gpd.GeoDataFrame) -> bytes:
    """The boundaries as quantized TopoJSON, one object named :data:`BOUNDARIES_OBJECT`, each
    shape with what the map draws and labels: code, name, participation, and the code of the
    state a territory belongs to (the map names it in the reader's language); thinned outside
    Europe (:mod:`treatymap.thinning`)."""
    codes = set(boundaries["iso3"])
    properties = [
        {
            "iso3": row.iso3,
            "name": row.name,
            "participant": bool(row.participant),
            "owner": row.sovereign_iso3 if row.sovereign_iso3 in codes else "",
        }
        for row in boundaries.itertuples()
    ]
    frame = gpd.GeoDataFrame(
        properties, geometry=boundaries.geometry.to_numpy(), crs=boundaries.crs
    )
    topology = topojson.Topology(
        frame, object_name=BOUNDARIES_OBJECT, prequantize=QUANTIZATION, topology=True
    )
    thin = thinned(json.loads(str(topology.to_json())), BOUNDARIES_OBJECT)
    return json.dumps(thin, separators=(",", ":")).encode("utf-8")


def _parsed(text: bytes) -> bytes:
    """A JavaScript expression for the JSON ``text``: ``JSON.parse("...")``, which browsers
    read faster than the same data written as a literal (V8 parses JSON without the full
    JavaScript grammar). ``json.dumps`` of the text is a valid JavaScript string."""
    return b"JSON.parse(" + json.dumps(text.decode("utf-8")).encode("utf-8") + b")"


def _write_if_changed(path: Path, content: bytes) -> None:
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
