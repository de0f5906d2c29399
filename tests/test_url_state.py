"""Reading and writing the view in the URL: never raises, always a sane view."""

from __future__ import annotations

from datetime import date

import pytest

from treatymap.url_state import Focus, ViewState, parse_view, view_params

RANGE = {
    "today": date(2026, 11, 22),
    "first_day": date(1997, 12, 3),
    "last_day": date(2026, 11, 22),
    "countries": {"EST": "Estonia", "FIN": "Finland"},
}


def parse(**params):
    return parse_view({k: v if isinstance(v, list) else [v] for k, v in params.items()}, **RANGE)


def test_no_parameters_give_today_border_focus_no_country():
    parsed = parse()
    assert parsed.view == ViewState(date(2026, 11, 22), None, Focus.BORDER)
    assert parsed.notices == ()


def test_a_full_link_is_read_as_written():
    parsed = parse(date="2025-12-26", country="EST", focus="europe")
    assert parsed.view == ViewState(date(2025, 12, 26), "EST", Focus.EUROPE)
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-02-30", date(2026, 11, 22)),
        ("01/02/2025", date(2026, 11, 22)),
        ("", date(2026, 11, 22)),
        ("1990-01-01", date(1997, 12, 3)),
        ("2099-01-01", date(2026, 11, 22)),
        ("9" * 100_000, date(2026, 11, 22)),
    ],
)
def test_bad_or_out_of_range_dates_fall_back_with_a_short_notice(raw, expected):
    parsed = parse(date=raw)
    assert parsed.view.date == expected
    assert len(parsed.notices) == 1
    assert len(parsed.notices[0]) < 200


def test_repeated_key_uses_the_last_value_and_says_so():
    parsed = parse(date=["2025-01-01", "2025-12-26"])
    assert parsed.view.date == date(2025, 12, 26)
    assert "given 2 times" in parsed.notices[0]


def test_unknown_country_and_focus_and_keys():
    parsed = parse(country="<b>XX</b>", focus="mars", utm="1")
    assert parsed.view == ViewState(date(2026, 11, 22), None, Focus.BORDER)
    assert len(parsed.notices) == 3


def test_control_characters_are_not_echoed():
    parsed = parse(country="\x00\x1b[31m")
    assert "\x00" not in parsed.notices[0] and "\x1b" not in parsed.notices[0]


def test_written_params_always_keep_the_date_and_drop_defaults():
    assert view_params(ViewState(date(2025, 12, 26))) == {"date": "2025-12-26"}
    assert view_params(ViewState(date(2025, 12, 26), "EST", Focus.WORLD)) == {
        "date": "2025-12-26",
        "country": "EST",
        "focus": "world",
    }


def test_round_trip():
    view = ViewState(date(2026, 1, 10), "FIN", Focus.EUROPE)
    params = {k: [v] for k, v in view_params(view).items()}
    assert parse_view(params, **RANGE).view == view


def test_compare_range_sets_the_map_to_the_later_day():
    parsed = parse(compare="2026-03-01..2025-06-01")
    assert parsed.view.compare == (date(2025, 6, 1), date(2026, 3, 1))
    assert parsed.view.date == date(2026, 3, 1)
    assert parsed.notices == ()
    assert view_params(parsed.view)["compare"] == "2025-06-01..2026-03-01"


@pytest.mark.parametrize("raw", ["2025-06-01", "2025-06-01..", "x..y", "1990-01-01..2025-01-01"])
def test_bad_compare_range_turns_compare_off_with_a_notice(raw):
    parsed = parse(compare=raw)
    assert parsed.view.compare is None
    assert "compare mode is off" in parsed.notices[0]
