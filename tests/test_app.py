"""The page's logic through Streamlit's AppTest, on the small world of tests/conftest.py (three
treaties, Russia, Belarus and their neighbours): the URL in and out, the treaty selector, a
typed date, jumps and steps through key moments, Play, a simulated click, compare mode, the
panels, the tables and the downloads. Expected values are computed from the same fixture with
the core (``treatymap.view``), never copied from the page. The map itself is tested in a
browser (tests/test_browser.py); the bundled data in tests/test_bundled_data.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import event
from page_support import APP, whole_page
from streamlit.testing.v1 import AppTest

from treatymap.data import load_dataset
from treatymap.figures import Standing
from treatymap.style import OUTLINE, OUTLINES
from treatymap.textsafe import markdown_literal
from treatymap.ui.page import REST_OF_PAGE
from treatymap.view import build_atlas, build_view

TODAY = "2026-11-22"
HOSTILE = (
    '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(2)) ${alert(3)} ` '
    "$x^2$ withdrawal deposited on 27 June 2025"
)


@pytest.fixture
def world(make_world, monkeypatch) -> Path:
    directory = make_world()
    monkeypatch.setenv("TREATYMAP_TODAY", TODAY)
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    return directory


def core_view(directory: Path, treaty: str, day: str, **kwargs):
    atlas = build_atlas(load_dataset(directory), "v")
    return build_view(atlas, treaty, date.fromisoformat(day), **kwargs)


def run_app(**params: str) -> AppTest:
    at = whole_page()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def map_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def payload(at: AppTest) -> dict:
    text = map_args(at)["feature_group"]
    start = text.index("treatymapRestyle(") + len("treatymapRestyle(")
    return json.JSONDecoder().raw_decode(text[start:])[0]


def texts(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def test_first_view_is_today_on_the_first_treaty_with_the_date_in_the_url(world):
    at = run_app()
    expected = core_view(world, "ottawa", TODAY)
    assert at.slider(key="day").value == date.fromisoformat(TODAY)
    assert at.segmented_control(key="treaty").value == "ottawa"
    assert metric(at, "States Parties") == str(expected.figures.states_parties)
    assert metric(at, "Border states bound") == (
        f"{expected.figures.count(Standing.BOUND)} of {expected.figures.frontline_total}"
    )
    assert dict(at.query_params) == {"date": TODAY}
    assert not at.warning
    assert expected.summary in texts(at)


def test_a_sessions_first_run_lays_out_the_map_then_the_rest(world):
    """A reader who follows a link gets the top and the map first; the map, once drawn, asks
    for the rest (a rerun), which lays out everything with the same map and the same link."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"date": "2025-12-27", "country": "EST"})
    at.run()
    assert not at.exception
    view = core_view(world, "ottawa", "2025-12-27", country="EST")
    assert at.title[0].value == markdown_literal("Who is bound by the Ottawa Convention?")
    assert at.slider(key="day").value == date(2025, 12, 27)
    assert view.summary in texts(at)
    first, script = payload(at), map_args(at)["script"]
    assert first["then_the_page"] is True and first["selected"] == "EST"
    assert any(c.value == markdown_literal(REST_OF_PAGE) for c in at.caption)
    assert not at.metric and not at.selectbox and not at.header
    assert dict(at.query_params) == {"date": "2025-12-27", "country": "EST"}

    at.run()  # what the map's message causes
    assert not at.exception
    assert not any(c.value == markdown_literal(REST_OF_PAGE) for c in at.caption)
    assert metric(at, "States Parties") == str(view.figures.states_parties)
    assert at.header[0].value.replace("\\", "") == "Estonia (EST)"
    second = payload(at)
    assert "then_the_page" not in second
    assert second["statuses"] == first["statuses"]
    assert map_args(at)["script"] == script  # the same map: kept, not drawn again
    assert dict(at.query_params) == {"date": "2025-12-27", "country": "EST"}


def test_the_headline_says_who_left_and_who_never_joined(world):
    at = run_app(date="2025-12-27")
    view = core_view(world, "ottawa", "2025-12-27")
    left = [view.atlas.names[c] for c in view.figures.frontline[Standing.LEFT]]
    assert left == ["Estonia"]
    assert "1 has left (Estonia)" in texts(at)
    assert any("1 left" in c.value for c in at.caption)


def test_the_treaty_selector_changes_the_whole_view_and_the_link(world):
    at = run_app(date="2025-12-27")
    at.segmented_control(key="treaty").set_value("tri").run()
    assert not at.exception
    view = core_view(world, "tri", "2025-12-27")
    assert at.title[0].value == markdown_literal("Who is bound by the Treaty of Trial?")
    assert metric(at, "States Parties") == str(view.figures.states_parties)
    assert view.summary in texts(at)
    assert dict(at.query_params) == {"treaty": "tri", "date": "2025-12-27"}
    assert "Treaty of Trial" in payload(at)["words"]["title"]


def test_a_link_without_a_treaty_opens_the_first_treaty(world):
    at = run_app(date="2025-12-26", country="EST", focus="europe")
    assert at.segmented_control(key="treaty").value == "ottawa"
    assert at.selectbox(key="country").value == "EST"
    assert at.segmented_control(key="focus").value == "europe"
    assert dict(at.query_params) == {"date": "2025-12-26", "country": "EST", "focus": "europe"}


def test_the_day_is_clamped_to_the_treaty_it_switches_to(world):
    at = run_app(date="2003-01-01")
    at.segmented_control(key="treaty").set_value("ccm").run()
    assert at.slider(key="day").value == date(2008, 12, 3)  # the CCM opened later
    assert at.query_params["date"] == "2008-12-03"


def test_moving_the_slider_recolours_without_a_new_base_map(world):
    at = run_app(date="2025-12-26")
    before = map_args(at)
    at.slider(key="day").set_value(date(2025, 12, 27)).run()
    after = map_args(at)
    assert after["script"] == before["script"]  # same base map: no remount, zoom kept
    assert payload(at)["statuses"]["EST"][0] == 5  # withdrawn
    assert at.text_input(key="typed_day").value == "27 December 2025"
    assert at.query_params["date"] == "2025-12-27"


@pytest.mark.parametrize("typed", ["2025-12-27", "27 December 2025", "27/12/2025"])
def test_typing_a_date_moves_the_slider(world, typed):
    at = run_app(date="2024-01-01")
    at.text_input(key="typed_day").set_value(typed).run()
    assert at.slider(key="day").value == date(2025, 12, 27)
    assert at.query_params["date"] == "2025-12-27"


def test_a_date_that_cannot_be_read_keeps_the_day_and_says_why(world):
    at = run_app(date="2024-01-01")
    at.text_input(key="typed_day").set_value("next tuesday").run()
    assert at.slider(key="day").value == date(2024, 1, 1)
    assert any("Could not read" in w.value for w in at.warning)
    assert at.text_input(key="typed_day").value == "1 January 2024"


def test_jump_moves_the_date_and_can_be_chosen_again(world):
    at = run_app(date="2024-01-01")
    at.selectbox(key="jump").set_value(date(2025, 12, 27)).run()
    assert at.slider(key="day").value == date(2025, 12, 27)
    assert at.selectbox(key="jump").value is None  # cleared, so the same moment can be chosen
    at.slider(key="day").set_value(date(2024, 1, 1)).run()
    at.selectbox(key="jump").set_value(date(2025, 12, 27)).run()
    assert at.slider(key="day").value == date(2025, 12, 27)


def test_key_moments_include_recent_joinings_and_every_withdrawal(world):
    at = run_app(date="2024-01-01")
    options = at.selectbox(key="jump").options
    assert any("Estonia: withdrawal deposited" in o for o in options)
    assert any("Estonia: withdrawal takes effect" in o for o in options)
    assert any("Opened for signature in Ottawa" in o for o in options)


def test_stepping_to_the_next_and_previous_moment(world):
    at = run_app(date="2025-07-01")
    at.button(key="step_on").click().run()
    assert at.slider(key="day").value == date(2025, 12, 27)
    at.button(key="step_back").click().run()
    assert at.slider(key="day").value == date(2025, 6, 27)


def test_play_steps_through_every_moment_then_stops_without_an_error(world):
    """Play queues the next moment and the page applies it at the top of the next run: no
    widget's state is written after the widget exists (the error that broke Play). AppTest does
    not wait for the fragment's timer: each step here says that the period has passed."""
    from treatymap.ui import state

    moments = build_atlas(load_dataset(world), "v").moments["ottawa"]
    start = date(2025, 6, 1)
    upcoming = [m.day for m in moments if start < m.day <= date.fromisoformat(TODAY)]
    at = run_app(date=start.isoformat())
    at.toggle(key="playing").set_value(True).run()
    shown = []
    for _ in range(len(upcoming) + 2):
        assert not at.exception
        shown.append(at.slider(key="day").value)
        at.session_state[state.LAST_PLAY] = 0.0  # the period has passed
        at.run()
    assert sorted(set(shown) - {start}) == upcoming
    assert at.toggle(key="playing").value is False  # switched itself off after the last
    assert at.query_params["date"] == upcoming[-1].isoformat()


def test_play_is_never_on_when_a_page_opens(world):
    at = run_app(date="2025-06-01")
    assert at.toggle(key="playing").value is False


def test_a_click_on_a_state_opens_its_panel_and_updates_the_url(world):
    at = run_app(date="2026-03-01")
    at.session_state["map"] = {"last_active_drawing": {"properties": {"iso3": "EST", "click": "1"}}}
    at.run()
    assert at.selectbox(key="country").value == "EST"
    assert any("Estonia \\(EST\\)" in h.value for h in at.header)
    assert at.query_params["country"] == "EST"


def test_a_click_on_a_territory_explains_itself_and_selects_nothing(world):
    at = run_app(date="2026-03-01", country="EST")
    at.session_state["map"] = {"last_active_drawing": {"properties": {"iso3": "GRL", "click": "2"}}}
    at.run()
    assert any("Greenland \\(part of Denmark\\) is not a participant" in i.value for i in at.info)
    assert map_args(at)["script"]  # the map stays (its zoom is kept: same base map)


def test_a_territory_in_a_link_is_named_not_called_unknown(world):
    at = run_app(country="GRL")
    words = [w.value.replace("\\", "") for w in at.warning]
    assert any("Greenland (part of Denmark) is not a participant" in w for w in words)
    assert "country" not in at.query_params


def test_the_panel_leads_with_the_status_and_its_source(world):
    at = run_app(date="2026-03-01", country="EST")
    body = texts(at)
    status_at = body.index("Under the Ottawa Convention: Withdrawn")
    quote_at = body.index("EST withdrawal_effective on 27 December 2025")
    assert status_at < quote_at
    assert any(s.value == "Every recorded event" for s in at.subheader)
    # the same excerpt is quoted once, not again in the timeline
    assert body.count("EST withdrawal_effective on 27 December 2025") == 1


def test_the_panel_shows_the_state_under_every_treaty(world):
    at = run_app(date="2025-05-01", country="EST")
    body = texts(at)
    assert "**Ottawa Convention**" in body and "**Treaty of Trial**" in body
    assert "Withdrawn (no longer bound) since 15 April 2025" in body  # the Trial's 3 months


def test_an_objection_shows_in_both_panels(world):
    at = run_app(date="2026-01-01", country="EST")
    assert "France: Objection lodged with the Depositary" in texts(at)
    at = run_app(date="2026-01-01", country="FRA")
    assert "Objection lodged with the Depositary (concerning Estonia)" in texts(at)


def test_the_reactions_to_a_states_act_show_together(world):
    """Estonia's panel lists the objections lodged against its act, each dated and sourced;
    France's, which objected, has no such list."""
    at = run_app(date="2026-01-01", country="EST")
    assert "Objections from 1 state" in [s.value for s in at.subheader]
    listed = next(m.value for m in at.markdown if "17 October 2025" in m.value and "·" in m.value)
    assert "France" in listed and "(https://example.org/source)" in listed
    at = run_app(date="2026-01-01", country="FRA")
    assert not any(s.value.startswith("Objections from") for s in at.subheader)


def test_events_after_the_chosen_date_are_marked_as_still_to_come(world):
    at = run_app(date="2025-07-01", country="EST")
    lines = [m.value for m in at.markdown]
    assert any("27 December 2025" in t and "still to come" in t for t in lines)
    assert not any("12 May 2004" in t and "still to come" in t for t in lines)


def test_the_feed_follows_the_date_and_its_filters_are_in_the_link(world):
    at = run_app(date="2025-07-01", tab="feed")
    window = at.slider(key="feed_window").value
    assert window[1] == date(2025, 7, 1)
    at.multiselect(key="feed_states").set_value(["EST"]).run()
    assert at.query_params["tab"] == "feed"
    assert at.query_params["states"] == "EST"
    link = dict(at.query_params)
    again = run_app(**link)
    assert again.multiselect(key="feed_states").value == ["EST"]


def test_a_click_while_the_feed_is_open_filters_the_feed(world):
    at = run_app(date="2026-01-01", tab="feed")
    at.session_state["map"] = {"last_active_drawing": {"properties": {"iso3": "NOR", "click": "3"}}}
    at.run()
    assert at.multiselect(key="feed_states").value == ["NOR"]


def test_compare_shows_both_dates_figures_and_the_changes(world):
    at = run_app(compare="2025-06-01..2026-01-01")
    earlier = core_view(world, "ottawa", "2025-06-01")
    assert at.toggle(key="comparing").value is True
    parties = next(m for m in at.metric if m.label == "States Parties")
    assert f"{earlier.figures.states_parties} on 1 June 2025" in parties.proto.delta
    assert "Estonia: State Party → withdrawn, effective 27 December 2025" in texts(at)
    assert payload(at)["pinned"] == {"EST": OUTLINES.index(OUTLINE["changed"])}
    assert at.query_params["compare"] == "2025-06-01..2026-01-01"


def test_compare_under_another_treaty_cites_only_that_treatys_events(world):
    at = run_app(treaty="tri", compare="2025-01-01..2025-05-01")
    body = texts(at)
    assert "Estonia: withdrawal pending → withdrawn" not in body  # it was a State Party on 1 Jan
    assert "Estonia: State Party → withdrawn, effective 15 April 2025" in body
    assert "Article 14.2" in body
    assert "27 June 2025" not in body  # the Ottawa deposit is never the evidence here


def test_a_compare_date_typed_with_enter(world):
    at = run_app(date="2026-01-01")
    at.toggle(key="comparing").set_value(True).run()
    at.text_input(key="compare_text").set_value("1 June 2025").run()
    assert at.query_params["compare"] == "2025-06-01..2026-01-01"


def test_the_border_table_shows_every_treaty(world):
    at = run_app(date="2026-01-01")
    table = next(m.value for m in at.markdown if m.value.startswith("| State |"))
    assert "Ottawa Convention" in table and "Convention on Cluster Munitions" in table
    assert "Treaty of Trial" in table
    assert "| Estonia |" in table


def test_status_table_is_in_name_order_with_a_border_state_column(world):
    at = run_app(date="2026-01-10")
    assert not at.dataframe
    at.toggle(key="show_table").set_value(True).run()
    table = at.dataframe[0].value
    assert list(table["State"]) == sorted(table["State"], key=str.casefold)
    assert set(table.loc[table["Border state"], "Code"]) == {"EST", "NOR", "POL"}
    assert at.get("download_button")


def test_the_status_table_and_its_csv_have_the_same_columns_in_the_same_order(world):
    """What a reader sees on the page is what the download holds: the same columns in the
    same order (the status in words and as a code), the CSV adding the treaty."""
    from treatymap.exports import STATUS_COLUMNS, STATUS_HEADINGS

    at = run_app(date="2026-01-10")
    at.toggle(key="show_table").set_value(True).run()
    shown = list(at.dataframe[0].value.columns)
    assert [STATUS_HEADINGS[c] for c in STATUS_COLUMNS] == [*shown, "Treaty"]
    assert shown[2:4] == ["Status", "Status code"]
    assert list(at.dataframe[0].value["Status code"])[:1] == ["state_party"]  # Belarus


def test_charts_follow_the_chosen_date_and_name_the_treaty(world):
    at = run_app(date="2025-12-27", treaty="tri")
    assert not at.get("vega_lite_chart")
    at.toggle(key="show_charts").set_value(True).run()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    assert all(
        "27 December 2025" in c.proto.spec and "Treaty of Trial" in c.proto.spec for c in charts
    )


def test_cite_this_view_names_the_treaty(world):
    at = run_app(date="2025-12-27", country="EST", treaty="ccm")
    at.session_state["cite"] = True  # a reader opens "Cite this view"
    at.run()
    areas = [t.value for t in at.text_area]
    assert any("Convention on Cluster Munitions" in a and "27 December 2025" in a for a in areas)
    assert any(a.startswith("@misc{treatymap-ccm-2025-12-27,") for a in areas)


def test_the_embed_code_pins_the_view_and_names_it(world):
    at = run_app(date="2025-12-27", country="EST")
    at.session_state["embed"] = True
    at.run()
    code = next(t.value for t in at.text_area if t.value.startswith("<iframe"))
    assert "date=2025-12-27" in code and "embed=true" in code
    assert 'title="Who is bound by the Ottawa Convention on 27 December 2025"' in code


def test_downloads_are_prepared_on_request_and_follow_the_view(world):
    at = run_app(date="2025-12-27")
    assert len(at.get("download_button")) == 0
    at.button(key="prepare_downloads").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Snapshot (HTML)",
        "Social card (PNG)",
        "Print image (PNG)",
        "Map image (SVG)",
        "Map layer (GeoJSON)",
    ]
    at.slider(key="day").set_value(date(2026, 1, 10)).run()
    assert len(at.get("download_button")) == 0  # a new view needs new files


def test_source_text_is_escaped_everywhere_it_is_shown(make_world, monkeypatch):
    events = [
        event("EST", "accession", "2004-05-12"),
        event("EST", "withdrawal_deposited", "2025-06-27", excerpt=HOSTILE),
    ]
    directory = make_world(events=events)
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    monkeypatch.setenv("TREATYMAP_TODAY", TODAY)
    at = run_app(date="2025-12-26", country="EST")
    quoted = [m.value for m in at.markdown if "onerror" in m.value]
    assert quoted, "the excerpt is shown"
    for text in quoted:
        assert "\\<img" in text and "\\*\\*bold\\*\\*" in text and "\\$\\{alert" in text
        assert "](javascript" not in text


def test_invalid_data_gets_an_error_page_not_a_partial_map(make_data, monkeypatch):
    directory = make_data(events=[event("ZZZ", "signature", "1997-12-03")])
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    at = run_app()
    assert not at.get("component_instance")
    assert "problem(s)" in at.error[0].value
    assert any("events.csv:2: state 'ZZZ' is not in states.csv" in t.value for t in at.text)


def test_changing_the_focus_moves_the_same_map(world):
    """A new focus only changes the map's centre and zoom: the base map (and so the frame,
    with the reader's place in it) stays."""
    at = run_app(date="2025-12-26")
    before = map_args(at)
    at.segmented_control(key="focus").set_value("world").run()
    after = map_args(at)
    assert after["script"] == before["script"]
    assert (after["center"], after["zoom"]) != (before["center"], before["zoom"])
