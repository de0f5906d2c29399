"""The app's logic through Streamlit's AppTest: slider, URL in and out, a simulated click,
bad parameters, hostile text, invalid data. The map itself is tested in a browser
(tests/test_browser.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import bundled_copy, event
from streamlit.testing.v1 import AppTest

from treatymap.data import DEFAULT_DATA_DIR

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TODAY = "2026-11-22"
HOSTILE = (
    '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(2)) ${alert(3)} ` '
    "$x^2$ deposited on 27 June 2025"
)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("TREATYMAP_TODAY", TODAY)
    monkeypatch.delenv("TREATYMAP_DATA_DIR", raising=False)


def run_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def map_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def test_first_view_is_today_with_the_border_focus_and_the_date_in_the_url():
    at = run_app()
    assert at.slider(key="day").value == date.fromisoformat(TODAY)
    assert metric(at, "States Parties") == "161"
    assert metric(at, "Border states still bound") == "2 of 13"
    assert at.query_params["date"] == TODAY
    assert "country" not in at.query_params
    assert not at.warning


def test_map_returns_only_clicks_and_updates_statuses_in_place():
    at = run_app(date="2025-12-26")
    args = map_args(at)
    assert args["returned_objects"] == ["last_active_drawing"]
    assert "feature_group" in args and '"EST":[4,' in args["feature_group"]  # pending
    assert "XMLHttpRequest" in args["script"]  # geometry loaded once, not sent per step
    assert len(args["script"]) < 20_000


def test_moving_the_slider_recolours_and_rewrites_the_url():
    at = run_app(date="2025-12-26")
    assert metric(at, "States Parties") == "166"
    before = map_args(at)
    at.slider(key="day").set_value(date(2025, 12, 27)).run()
    after = map_args(at)
    assert metric(at, "States Parties") == "163"
    assert at.query_params["date"] == "2025-12-27"
    assert after["script"] == before["script"]  # same base map: no remount, zoom kept
    assert '"EST":[5,' in after["feature_group"]  # withdrawn


def test_a_shared_link_reproduces_the_view():
    at = run_app(date="2025-12-26", country="EST", focus="europe")
    assert at.slider(key="day").value == date(2025, 12, 26)
    assert at.selectbox(key="country").value == "EST"
    assert at.segmented_control(key="focus").value == "europe"
    panel = " ".join(m.value for m in at.markdown)
    assert "Withdrawal pending \\(still bound\\)" in panel
    assert "27 December 2025" in panel
    assert dict(at.query_params) == {"date": "2025-12-26", "country": "EST", "focus": "europe"}


def test_a_click_on_the_map_opens_the_panel_and_updates_the_url():
    at = run_app(date="2026-03-01")
    at.session_state["map"] = {"last_active_drawing": {"properties": {"iso3": "FIN", "click": "1"}}}
    at.run()
    assert at.selectbox(key="country").value == "FIN"
    assert any("Finland \\(FIN\\)" in s.value for s in at.subheader)
    assert at.query_params["country"] == "FIN"


def test_events_after_the_chosen_date_are_marked_as_still_to_come():
    at = run_app(date="2025-07-01", country="POL")
    texts = [m.value for m in at.markdown]
    assert any("20 August 2025" in t and "still to come" in t for t in texts)
    assert not any("3 December 1997" in t and "still to come" in t for t in texts)


@pytest.mark.parametrize(
    ("params", "shown_date", "fragment"),
    [
        ({"date": "2025-02-30"}, TODAY, "not a day written"),
        ({"date": "1990-01-01"}, "1997-12-03", "outside"),
        ({"date": "yesterday"}, TODAY, "not a day"),
        ({"country": "<script>alert(1)</script>"}, TODAY, "Unknown country code"),
        ({"focus": "mars"}, TODAY, "Unknown focus"),
        ({"utm_source": "x" * 5000}, TODAY, "Ignored unknown parameter"),
    ],
)
def test_bad_parameters_fall_back_with_a_notice(params, shown_date, fragment):
    at = run_app(**params)
    assert at.slider(key="day").value == date.fromisoformat(shown_date)
    assert any(fragment in w.value for w in at.warning)
    assert at.query_params["date"] == shown_date
    assert all(len(w.value) < 400 for w in at.warning)


def test_lower_case_country_is_read_in_upper_case():
    at = run_app(country="est")
    assert at.selectbox(key="country").value == "EST"
    assert any("read as EST" in w.value for w in at.warning)


def test_source_text_is_escaped_everywhere_it_is_shown(tmp_path, monkeypatch):
    directory = bundled_copy(tmp_path, est_excerpt=HOSTILE)
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
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
    assert "events.csv:2: state 'ZZZ' is not in states.csv" in at.code[0].value


def test_status_table_with_csv_download():
    at = run_app(date="2026-01-10")
    assert not at.dataframe
    at.toggle(key="show_table").set_value(True).run()
    table = at.dataframe[0].value.set_index("iso3")
    assert len(table) == 197
    assert table.loc["FIN", "status"] == "Withdrawn (no longer bound)"
    assert table.loc["FIN", "since"] == "2026-01-10"
    assert at.get("download_button")


def test_jump_to_a_key_moment_moves_the_date():
    at = run_app(date="2024-01-01")
    at.selectbox(key="_jump").set_value(date(2025, 12, 27)).run()
    assert at.slider(key="day").value == date(2025, 12, 27)
    assert at.query_params["date"] == "2025-12-27"


def test_compare_mode_lists_and_marks_what_changed():
    at = run_app(compare="2025-12-26..2025-12-27")
    assert at.toggle(key="comparing").value is True
    assert at.slider(key="day").value == date(2025, 12, 27)
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("**3 change(s)**") for t in texts)
    assert any(
        "Estonia: withdrawal pending → withdrawn, effective 27 December 2025" in t.replace("\\", "")
        for t in texts
    )
    assert '"marked":["EST","LTU","LVA"]' in map_args(at)["feature_group"]
    assert at.query_params["compare"] == "2025-12-26..2025-12-27"
    assert at.query_params["date"] == "2025-12-27"


def test_turning_compare_on_uses_a_year_earlier_by_default():
    at = run_app(date="2026-03-01")
    at.toggle(key="comparing").set_value(True).run()
    assert at.date_input(key="compare_from").value == date(2025, 3, 1)
    assert at.query_params["compare"] == "2025-03-01..2026-03-01"
    texts = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Poland: State Party → withdrawn, effective 20 February 2026" in texts


def test_text_summary_under_the_map_and_in_the_map_description():
    at = run_app(date="2025-12-27")
    summary = "On 27 December 2025, 163 states are bound by the Convention."
    assert any(summary in m.value.replace("\\", "") for m in at.markdown)
    assert summary in map_args(at)["feature_group"]


def test_charts_follow_the_chosen_date():
    at = run_app(date="2025-12-27")
    assert not at.get("vega_lite_chart")
    at.toggle(key="show_charts").set_value(True).run()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    assert all("27 December 2025" in c.proto.spec for c in charts)
    at.slider(key="day").set_value(date(2026, 1, 10)).run()
    assert all("10 January 2026" in c.proto.spec for c in at.get("vega_lite_chart"))


def test_cite_this_view_and_data_version_in_the_footer():
    from treatymap.cite import data_version

    at = run_app(date="2025-12-27", country="EST")
    version = data_version(DEFAULT_DATA_DIR)
    assert not any(c.value.startswith("@misc") for c in at.code)  # built only when opened
    at.session_state["cite"] = True  # a reader opens "Cite this view"
    at.run()
    codes = [c.value for c in at.code]
    assert any(
        "Status as of 27 December 2025" in c and f"Data version {version}" in c for c in codes
    )
    assert any(c.startswith("@misc{treatymap-2025-12-27,") for c in codes)
    assert any(f"Data version {version}" in c.value for c in at.caption)


def test_downloads_are_prepared_on_request():
    at = run_app(date="2025-12-27")
    assert len(at.get("download_button")) == 0
    at.button(key="prepare_downloads").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download the snapshot (HTML)", "Download the map layer (GeoJSON)"]
    at.slider(key="day").set_value(date(2026, 1, 10)).run()
    assert len(at.get("download_button")) == 0  # a new view needs new files
