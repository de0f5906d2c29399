"""The naive dashboard the benchmark compares against: the usual way, on the same data.

Every rerun rebuilds the whole map with ``folium.Choropleth`` (geometry included) and hands it
to ``st_folium`` with its defaults (every returned object, so pans and zooms rerun the script).
Data is loaded and validated once (``st.cache_resource``, as any tutorial does) with
``treatymap.checks.load_dataset``; statuses come from ``treatymap.status.statuses_on``.

Like the real app it works offline: Leaflet comes from the repository's ``static/`` (written by
``treatymap.assets.prepare_static``), there are no tiles, and folium's CDN extras (jQuery,
Bootstrap, the d3 colour legend) are left out. Start it with ``benchmarks/harness.app_home`` so
that ``static/`` sits beside it.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import folium
import pandas as pd
import streamlit as st
from branca.colormap import ColorMap
from streamlit_folium import st_folium

from treatymap.assets import prepare_static
from treatymap.data import Dataset, load_dataset
from treatymap.status import legal_dates, statuses_on
from treatymap.vocab import STATUS_LABEL, Status

TREATY_ID = "ottawa"
STATUS_CODE = {s: i for i, s in enumerate(Status)}


@st.cache_resource
def _data() -> tuple[Dataset, dict, str, str]:
    dataset = load_dataset()
    assets = prepare_static(dataset.boundaries)
    return dataset, legal_dates(dataset.record, TREATY_ID), assets.leaflet_js, assets.leaflet_css


def _today() -> date:
    pinned = os.environ.get("TREATYMAP_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def build_map(dataset: Dataset, statuses: list, leaflet_js: str, leaflet_css: str) -> folium.Map:
    """The whole map, rebuilt: a choropleth of status codes over every boundary."""
    fmap = folium.Map(location=[56.5, 27.0], zoom_start=4, tiles=None)
    fmap.default_js = [("leaflet", leaflet_js)]
    fmap.default_css = [("leaflet_css", leaflet_css)]
    shapes = dataset.boundaries[["iso3", "name", "geometry"]]
    table = pd.DataFrame(
        {"iso3": [s.iso3 for s in statuses], "code": [STATUS_CODE[s.status] for s in statuses]}
    )
    layer = folium.Choropleth(
        geo_data=shapes,
        data=table,
        columns=["iso3", "code"],
        key_on="feature.properties.iso3",
        bins=list(range(len(STATUS_CODE) + 1)),
        fill_color="Set1",
        fill_opacity=0.8,
        nan_fill_color="#f4f4f1",
        line_color="#ffffff",
        line_weight=0.6,
        highlight=True,
    )
    # Its colour legend needs d3 from a CDN, which an offline map cannot load: left out.
    for name, child in list(layer._children.items()):
        if isinstance(child, ColorMap):
            del layer._children[name]
    layer.color_scale = None
    layer.geojson.add_child(folium.GeoJsonTooltip(fields=["name"], labels=False))
    layer.add_to(fmap)
    return fmap


def main() -> None:
    st.set_page_config(page_title="treatymap (naive)", layout="wide")
    dataset, dates, leaflet_js, leaflet_css = _data()
    record = dataset.record
    first = record.treaties[TREATY_ID].opened_for_signature
    start = date.fromisoformat(st.query_params.get("date", _today().isoformat()))
    day = st.slider(
        "Date",
        min_value=first,
        max_value=max(_today(), start),
        value=start,
        step=timedelta(days=1),
        format="D MMM YYYY",
    )
    statuses = statuses_on(record, day, TREATY_ID, dates)
    map_col, side_col = st.columns([3, 2])
    with map_col:
        returned = st_folium(
            build_map(dataset, statuses, leaflet_js, leaflet_css),
            height=560,
            use_container_width=True,  # the same drawing area as the real app
        )
    drawing = (returned or {}).get("last_active_drawing") or {}
    iso3 = (drawing.get("properties") or {}).get("iso3")
    with side_col:
        names = record.state_names()
        status = next((s for s in statuses if s.iso3 == iso3), None)
        if status is None:
            st.info("Click a state on the map.")
        else:
            st.subheader(f"{names.get(iso3, iso3)} ({iso3})")
            since = f" since {status.since:%d %B %Y}" if status.since else ""
            st.markdown(f"**{STATUS_LABEL[status.status]}{since}** on {day:%d %B %Y}")
            for event in sorted(
                (e for e in record.events if e.iso3 == iso3 and e.treaty_id == TREATY_ID),
                key=lambda e: e.date,
            ):
                st.markdown(f"**{event.date:%d %B %Y}**: {event.kind}\n\n> {event.excerpt}")


main()
