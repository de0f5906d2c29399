"""The folium pieces: a constant base map (no CDN, no tiles, every colour from
treatymap.style), small per-date updates carrying the statuses and the map's words, no raw text."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from itertools import pairwise

from streamlit_folium import _get_feature_group_string, generate_leaflet_string

from treatymap.assets import BOUNDARIES_OBJECT, TIMELINES_GLOBAL, TOPOLOGY_GLOBAL, MapAssets
from treatymap.data import read_record
from treatymap.i18n import words_for
from treatymap.mapview import (
    NOTE_ORDER,
    STATUS_ORDER,
    TreatyLayer,
    base_map,
    day_symbol,
    map_frame,
    status_entry,
    status_payload,
    status_timelines,
    status_update,
)
from treatymap.status import StateStatus, legal_dates, status_on
from treatymap.style import OUTLINE, OUTLINES, browser_style
from treatymap.view import view_symbols
from treatymap.vocab import EventKind, Leaving, Status

ASSETS = MapAssets("../../app/static/m.js", "../../app/static/l.js", "../../app/static/l.css", 1)
EN = words_for("en")
FRAME = map_frame(["POL", "EST"], ["RUS", "BLR"], words=EN)


def looks(statuses, front=(), selected=None, changed=()):
    """Each state's symbol, as a view decides it (treatymap.view.view_symbols)."""
    return view_symbols(
        [s.iso3 for s in statuses],
        {s.iso3: s for s in statuses},
        frontline=front,
        reference=[],
        country=selected,
        changed=changed,
    )


def payload(statuses, **words):
    return status_payload(
        statuses,
        "26 December 2025",
        "EST",
        symbols=looks(statuses, selected="EST"),
        title=words.get("title", "T"),
        legend="L",
    )


def test_map_frame_sorts_the_border_states_and_keeps_the_reference_order():
    assert FRAME.frontline == ("EST", "POL")
    assert FRAME.reference == ("RUS", "BLR")


def test_base_map_loads_only_our_bundle_and_no_tiles():
    fmap = base_map(ASSETS, FRAME)
    html = fmap.get_root().render()
    assert "tile" not in generate_leaflet_string(fmap).lower()
    assert fmap.default_js == [("treatymap_map", "../../app/static/m.js")]
    assert "cdn" not in str(fmap.default_css).lower()
    assert not re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no other host


def test_base_map_script_does_not_depend_on_the_date():
    first, second = base_map(ASSETS, FRAME), base_map(ASSETS, FRAME)
    assert generate_leaflet_string(first) == generate_leaflet_string(second)


def test_the_layers_code_travels_in_the_bundle_not_in_the_script_sent_each_run():
    # streamlit-folium sends the map's script with every rerun: only the call and its config.
    script = generate_leaflet_string(base_map(ASSETS, FRAME))
    assert "treatymapLayer(map_div, {" in script
    assert "treatymapRestyle" not in script
    assert len(script.encode()) < 6_000


def test_the_layer_config_is_the_style_declaration_and_where_the_boundaries_are():
    layer = TreatyLayer(FRAME)
    config = json.loads(layer.config)
    assert (config["topology"], config["object"]) == (TOPOLOGY_GLOBAL, BOUNDARIES_OBJECT)
    assert config["style"] == browser_style(EN)
    assert (config["frontline"], config["reference"]) == (["EST", "POL"], ["RUS", "BLR"])
    # The restyle hook indexes style.statuses by the payload's status number.
    assert [s["value"] for s in config["style"]["statuses"]] == [s.value for s in STATUS_ORDER]


def test_status_update_is_small_and_escaped():
    statuses = [
        StateStatus(f"S{i:02d}", Status.STATE_PARTY, date(1999, 3, 1), None) for i in range(240)
    ]
    statuses.append(StateStatus("EST", Status.WITHDRAWAL_PENDING, date(2025, 6, 27)))
    update = payload(statuses, title="</script><script>alert(1)</script>")
    script = _get_feature_group_string(status_update(update), base_map(ASSETS, FRAME))
    assert len(script.encode()) < 20_000
    assert "</script>" not in script and "<script>" not in script
    pending = STATUS_ORDER.index(Status.WITHDRAWAL_PENDING)
    selected = OUTLINES.index(OUTLINE["selected"])
    assert f'"EST":[{pending},"2025-06-27",-1,"",{selected}]' in script


def test_text_that_looks_like_a_template_stays_text_in_the_whole_page(monkeypatch):
    """A note or summary with Jinja's braces is data: the rendered page carries it as written
    (branca compiles each macro's output as a template; ours go in as text), and no template
    is compiled for the day's statuses."""
    import jinja2

    fmap = base_map(ASSETS, FRAME)
    group = status_update(payload([], title="{{ 7 * 7 }} {% if true %}yes{% endif %}"))
    group.add_to(fmap)
    compiled: list[str] = []
    original = jinja2.Environment.from_string
    monkeypatch.setattr(
        jinja2.Environment,
        "from_string",
        lambda self, source, *a, **k: (
            compiled.append(str(source)) or original(self, source, *a, **k)
        ),
    )
    html = fmap.get_root().render()
    assert "{{ 7 * 7 }} {% if true %}yes{% endif %}" in html
    assert not any("treatymapRestyle" in source for source in compiled)


def test_status_payload_carries_the_maps_words_and_marks(make_world):
    announced = EventKind.WITHDRAWAL_ANNOUNCED
    statuses = [
        StateStatus("EST", Status.WITHDRAWN, date(2025, 4, 15)),
        StateStatus("POL", Status.STATE_PARTY, date(2002, 5, 1), announced, date(2025, 3, 18)),
        StateStatus("RUS", Status.NOT_PARTY, None),
    ]
    treaty = read_record(make_world())[0].treaties["tri"]
    update = status_payload(
        statuses,
        "15 April 2025",
        None,
        title="Who is bound by the Treaty of Trial on 15 April 2025",
        legend="Legend: Treaty of Trial",
        summary="On 15 April 2025, 1 state is bound.",
        symbols=looks(statuses, front=["POL"], changed=["POL", "EST"]),
        treaty=treaty,
        w=EN,
    )
    steps = update["words"]["steps"]
    assert (update["words"]["title"], update["words"]["legend"]) == (
        "Who is bound by the Treaty of Trial on 15 April 2025",
        "Legend: Treaty of Trial",
    )
    assert steps[NOTE_ORDER.index(announced)] == "Withdrawal announced"
    assert update["summary"] == "On 15 April 2025, 1 state is bound."
    # The states the view itself outlines keep their outline whatever day the map shows.
    changed = OUTLINES.index(OUTLINE["changed"])
    assert update["pinned"] == {"EST": changed, "POL": changed}
    assert update["legendMarks"] == ["noted", "front", "changed"]
    # Codes and ISO days only: the words are the payload's and the frame's, never the data's.
    assert update["statuses"] == {
        "EST": [STATUS_ORDER.index(Status.WITHDRAWN), "2025-04-15", -1, "", changed],
        "POL": [
            STATUS_ORDER.index(Status.STATE_PARTY),
            "2002-05-01",
            NOTE_ORDER.index(announced),
            "2025-03-18",
            changed,
        ],
        "RUS": [STATUS_ORDER.index(Status.NOT_PARTY), "", -1, "", -1],
    }


def test_a_noted_border_state_is_outlined_as_the_border_dotted():
    """The one outline a shape gets is decided in Python: a border state with a political note
    keeps the border's line, dotted like the note's; a selection wins over both."""
    announced = EventKind.WITHDRAWAL_ANNOUNCED
    statuses = [
        StateStatus("POL", Status.STATE_PARTY, date(2002, 5, 1), announced, date(2025, 3, 18)),
        StateStatus("FRA", Status.STATE_PARTY, date(1999, 3, 1), announced, date(2025, 3, 18)),
        StateStatus("EST", Status.STATE_PARTY, date(2004, 12, 1), announced, date(2025, 3, 18)),
    ]
    update = status_payload(
        statuses,
        "1 April 2025",
        "EST",
        symbols=looks(statuses, front=["POL", "EST"], selected="EST"),
        title="T",
        legend="L",
    )
    outline = {iso3: OUTLINES[e[4]] for iso3, e in update["statuses"].items()}
    assert outline["POL"].key == "front noted"
    assert outline["POL"].line.dash == OUTLINE["noted"].line.dash
    assert outline["POL"].line.colour == OUTLINE["front"].line.colour
    assert outline["FRA"].key == "noted"
    assert outline["EST"].key == "selected"
    assert update["pinned"] == {"EST": OUTLINES.index(OUTLINE["selected"])}
    lines = browser_style(EN)["outlines"]
    assert [line["dashArray"] for line in lines] == [o.line.dash_array for o in OUTLINES]


def test_a_denunciation_treatys_steps_are_never_called_withdrawal(make_world):
    """Under a treaty one leaves by denunciation, the map's words for its steps say so."""
    record, _ = read_record(make_world())
    treaty = replace(record.treaties["tri"], leaving=Leaving.DENUNCIATION)
    update = status_payload(
        [], "1 May 2025", None, symbols={}, title="T", legend="L", treaty=treaty, w=EN
    )
    steps = update["words"]["steps"]
    assert steps[NOTE_ORDER.index(EventKind.WITHDRAWAL_ANNOUNCED)] == "Denunciation announced"
    assert not any("ithdrawal" in step for step in steps)


def test_the_map_keeps_to_the_zoom_range_the_boundaries_support():
    script = base_map(ASSETS, FRAME).get_root().render()
    assert '"minZoom": 1.5' in script and '"maxZoom": 8' in script


def test_the_timelines_hold_the_payloads_entries_from_the_day_each_begins(make_world):
    """What the map shows for a slider's day before the server answers is the entry the
    server's payload would carry for that day, for each treaty (the third, fictional, too)."""
    record, problems = read_record(make_world())
    assert problems == []
    dates = {t: legal_dates(record, t) for t in ("ottawa", "ccm", "tri")}
    timelines = status_timelines(dates, ["EST"], [])
    assert set(timelines) == {"ottawa", "ccm", "tri"}
    est = timelines["tri"]["EST"]
    assert [row[:2] for row in est] == [
        ["", STATUS_ORDER.index(Status.NOT_PARTY)],
        ["2000-01-10", STATUS_ORDER.index(Status.SIGNATORY)],
        ["2000-06-15", STATUS_ORDER.index(Status.RATIFIED_NOT_IN_FORCE)],
        ["2001-01-01", STATUS_ORDER.index(Status.STATE_PARTY)],
        ["2025-01-15", STATUS_ORDER.index(Status.WITHDRAWAL_PENDING)],
        ["2025-04-15", STATUS_ORDER.index(Status.WITHDRAWN)],
    ]
    for treaty, by_state in timelines.items():
        for iso3, rows in by_state.items():
            for row in rows[1:]:
                day = date.fromisoformat(str(row[0]))
                status = status_on(dates[treaty][iso3], day)
                look = day_symbol(status, front=iso3 == "EST", ref=False)
                assert row[1:] == status_entry(status, look)
            assert all(a[1:] != b[1:] for a, b in pairwise(rows))  # each row a change


def test_the_payload_lets_the_map_follow_the_slider_only_when_asked():
    statuses = [StateStatus("EST", Status.WITHDRAWN, date(2025, 4, 15))]
    followed = status_payload(
        statuses,
        "15 April 2025",
        None,
        symbols=looks(statuses),
        title="T",
        legend="L",
        follow=("tri", date(2025, 4, 15)),
    )
    assert followed["follow"] == {"treaty": "tri", "day": "2025-04-15"}
    assert "follow" not in payload(statuses)  # compare mode: the server alone draws the marks
    frame = map_frame([], [], day_control=".st-key-day input", words=EN)
    config = json.loads(TreatyLayer(frame).config)
    assert (config["timelines"], config["dayControl"]) == (TIMELINES_GLOBAL, ".st-key-day input")


def test_a_readers_state_names_come_in_a_cached_file_of_their_own(tmp_path, make_world):
    """The names in the reader's language are a small static script the map's frame loads
    (cached like the bundle), not part of the map's arguments, which travel with every run;
    English needs none (the bundle's names are English)."""
    from treatymap.assets import NAMES_GLOBAL, prepare_static
    from treatymap.data import load_dataset
    from treatymap.view import build_atlas

    atlas = build_atlas(load_dataset(make_world()), "v")
    polish = words_for("pl")
    names = {"pl": atlas.names_in(polish)}
    assets = prepare_static(atlas.boundaries, tmp_path, names=names)
    (written,) = (tmp_path / "treatymap").glob("names-pl-*.js")
    assert assets.names_js["pl"].endswith(written.name)
    assert written.read_text(encoding="utf-8").startswith(f"window.{NAMES_GLOBAL} = ")
    assert "Litwa" in written.read_text(encoding="utf-8") or "LTU" not in names["pl"]
    frame = map_frame(atlas.frontline, atlas.reference, words=polish)
    pl_map = base_map(assets, frame)
    script = generate_leaflet_string(pl_map)
    assert f'"names":"{assets.names_js["pl"]}"' in script  # loaded once the map is drawn
    assert [n for n, _ in pl_map.default_js] == ["treatymap_map"]  # not before it
    english = generate_leaflet_string(
        base_map(assets, map_frame(atlas.frontline, atlas.reference, words=EN))
    )
    assert '"names":null' in english
    assert "Estonia" not in script and len(script.encode()) < 6_000
