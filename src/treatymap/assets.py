"""Files the browser loads from our own server: Leaflet, and the boundaries as plain JSON.

Nothing is fetched from the internet. Leaflet comes from an installed package
(``django-js-lib-leaflet``), the boundaries from ``geodata/``; both are copied into the app's
``static/`` folder, which Streamlit serves at ``/app/static/`` (``server.enableStaticServing``).
The boundaries file name carries a content hash, so a browser may cache it for good.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import geopandas as gpd
import shapely

#: ``static/`` beside ``app.py``, where Streamlit serves app files from.
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
#: URL prefix of ``static/`` as seen from the map's iframe
#: (``<base>/component/streamlit_folium.st_folium/index.html``), so a base path keeps working.
STATIC_URL_FROM_MAP = "../../app/static"


@dataclass(frozen=True)
class MapAssets:
    """URLs (relative to the map's iframe) of what the map loads, and the payload's size."""

    leaflet_js: str
    leaflet_css: str
    boundaries: str
    boundaries_bytes: int


def prepare_static(boundaries: gpd.GeoDataFrame, static_dir: Path = STATIC_DIR) -> MapAssets:
    """Copy Leaflet and write the boundaries JSON into ``static_dir`` (idempotent).

    Files are rewritten only when their content differs, so several server processes can start
    side by side.
    """
    leaflet_dir = static_dir / "vendor" / "leaflet"
    source = resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    for name in ("leaflet.js", "leaflet.css"):
        _write_if_changed(leaflet_dir / name, source.joinpath(name).read_bytes())
    for image in source.joinpath("images").iterdir():
        _write_if_changed(leaflet_dir / "images" / image.name, image.read_bytes())

    payload = boundaries_json(boundaries)
    digest = hashlib.sha256(payload).hexdigest()[:12]
    name = f"boundaries-{digest}.json"
    target = static_dir / "treatymap" / name
    _write_if_changed(target, payload)
    return MapAssets(
        leaflet_js=f"{STATIC_URL_FROM_MAP}/vendor/leaflet/leaflet.js",
        leaflet_css=f"{STATIC_URL_FROM_MAP}/vendor/leaflet/leaflet.css",
        boundaries=f"{STATIC_URL_FROM_MAP}/treatymap/{name}",
        boundaries_bytes=len(payload),
    )


def boundaries_json(boundaries: gpd.GeoDataFrame) -> bytes:
    """The boundaries as compact GeoJSON with only what the map draws and labels: code, name,
    participation, the name of the state a territory belongs to, and the geometry."""
    features = []
    names = dict(zip(boundaries["iso3"], boundaries["name"], strict=True))
    for row in boundaries.itertuples():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso3": row.iso3,
                    "name": row.name,
                    "participant": bool(row.participant),
                    "sovereign": names.get(row.sovereign_iso3, "") if row.sovereign_iso3 else "",
                },
                "geometry": shapely.geometry.mapping(row.geometry),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _write_if_changed(path: Path, content: bytes) -> None:
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
