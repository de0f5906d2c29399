"""The folium pieces: a constant base map, small per-date updates, no CDN, no raw text."""

from __future__ import annotations

import re
from datetime import date

from streamlit_folium import _get_feature_group_string, generate_leaflet_string

from treatymap.assets import MapAssets
from treatymap.mapview import base_map, map_style, status_payload, status_update
from treatymap.status import StateStatus
from treatymap.vocab import Status

ASSETS = MapAssets("../../app/static/l.js", "../../app/static/l.css", "../../app/static/b.json", 1)
STYLE = map_style(["EST"], ["RUS", "BLR"])


def test_base_map_loads_only_our_leaflet_and_no_tiles():
    fmap = base_map(ASSETS, STYLE)
    html = fmap.get_root().render()
    assert "tile" not in generate_leaflet_string(fmap).lower()
    assert fmap.default_js == [("leaflet", "../../app/static/l.js")]
    assert "cdn" not in str(fmap.default_css).lower()
    assert not re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no other host


def test_base_map_script_does_not_depend_on_the_date():
    first, second = base_map(ASSETS, STYLE), base_map(ASSETS, STYLE)
    assert generate_leaflet_string(first) == generate_leaflet_string(second)


def test_status_update_is_small_and_escaped():
    statuses = [
        StateStatus(f"S{i:02d}", Status.STATE_PARTY, date(1999, 3, 1), None) for i in range(240)
    ]
    statuses.append(
        StateStatus("EST", Status.WITHDRAWAL_PENDING, date(2025, 6, 27), "</script>`${x}`")
    )
    payload = status_payload(statuses, "26 December 2025", "EST")
    script = _get_feature_group_string(status_update(payload), base_map(ASSETS, STYLE))
    assert len(script.encode()) < 20_000
    assert "</script>" not in script
    assert '"EST":[4,"27 June 2025"' in script
