"""The Streamlit page, run headless with AppTest."""

from __future__ import annotations

from pathlib import Path

from conftest import event
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_page_shows_the_status_table_for_the_chosen_date():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    at.date_input[0].set_value("2024-01-01").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 197
    assert table.set_index("iso3").loc["EST", "status"] == "State Party (bound)"
    at.date_input[0].set_value("2026-01-01").run()
    table = at.dataframe[0].value
    assert table.set_index("iso3").loc["EST", "status"] == "Withdrawn (no longer bound)"


def test_invalid_data_gets_an_error_page_not_a_table(make_data, monkeypatch):
    directory = make_data(events=[event("ZZZ", "signature", "1997-12-03")])
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.dataframe) == 0
    assert "problem(s)" in at.error[0].value
    assert "events.csv:2: state 'ZZZ' is not in states.csv" in at.code[0].value
