"""Reading and writing the view in the URL: never raises, always a sane view with a notice for
whatever was not taken as given; the treaty, tab, feed and date control round-trip; a link
written before there was a ``treaty`` parameter still opens the first treaty."""

from __future__ import annotations

from datetime import date

import pytest

from treatymap.url_state import (
    FeedFilter,
    Focus,
    Known,
    Tab,
    ViewState,
    parse_view,
    view_params,
)
from treatymap.vocab import EventKind

TODAY = date(2026, 11, 22)
KNOWN = Known(
    today=TODAY,
    treaties={
        "ottawa": (date(1997, 12, 3), TODAY),
        "ccm": (date(2008, 12, 3), TODAY),
        "tri": (date(2000, 1, 10), date(2027, 3, 1)),
    },
    countries={"EST": "Estonia", "FIN": "Finland", "DNK": "Denmark"},
    territories={"GRL": "Greenland (part of Denmark)"},
)


def parse(**params):
    return parse_view({k: v if isinstance(v, list) else [v] for k, v in params.items()}, KNOWN)


def round_trip(view: ViewState) -> ViewState:
    parsed = parse_view({k: [v] for k, v in view_params(view).items()}, KNOWN)
    assert parsed.notices == ()
    return parsed.view


def test_no_parameters_give_today_the_first_treaty_border_focus_no_country():
    parsed = parse()
    assert parsed.view == ViewState(TODAY, None, Focus.BORDER)
    assert parsed.view.treaty == ""  # the default treaty
    assert parsed.notices == ()


def test_a_full_link_is_read_as_written():
    parsed = parse(date="2025-12-26", country="EST", focus="europe", treaty="ccm")
    assert parsed.view == ViewState(date(2025, 12, 26), "EST", Focus.EUROPE, treaty="ccm")
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-02-30", TODAY),
        ("01/02/2025", TODAY),
        ("", TODAY),
        ("1990-01-01", date(1997, 12, 3)),
        ("2099-01-01", TODAY),
        ("9" * 100_000, TODAY),
    ],
)
def test_bad_or_out_of_range_dates_fall_back_with_a_short_notice(raw, expected):
    parsed = parse(date=raw)
    assert parsed.view.date == expected
    assert len(parsed.notices) == 1
    assert len(parsed.notices[0]) < 200


def test_each_treaty_has_its_own_range_of_days():
    """The CCM opened in 2008: a 2000 date is moved to its first day; TRI allows 2027."""
    ccm = parse(treaty="ccm", date="2000-01-01")
    assert ccm.view.date == date(2008, 12, 3)
    assert "outside 2008-12-03" in ccm.notices[0]
    assert parse(treaty="tri", date="2027-02-01").view.date == date(2027, 2, 1)
    assert parse(treaty="ccm").view.date == TODAY


def test_repeated_key_uses_the_last_value_and_says_so():
    parsed = parse(date=["2025-01-01", "2025-12-26"])
    assert parsed.view.date == date(2025, 12, 26)
    assert "given 2 times" in parsed.notices[0]


def test_unknown_country_and_focus_and_keys():
    parsed = parse(country="<b>XX</b>", focus="mars", utm="1")
    assert parsed.view == ViewState(TODAY, None, Focus.BORDER)
    assert len(parsed.notices) == 3


def test_control_characters_are_not_echoed():
    parsed = parse(country="\x00\x1b[31m")
    assert "\x00" not in parsed.notices[0] and "\x1b" not in parsed.notices[0]


def test_a_lower_case_country_is_read_in_upper_case_with_a_notice():
    parsed = parse(country="est")
    assert parsed.view.country == "EST"
    assert parsed.notices == ("Country 'est' was read as EST.",)


def test_a_territory_is_not_a_participant():
    parsed = parse(country="grl")
    assert parsed.view.country is None
    assert len(parsed.notices) == 1
    assert parsed.notices[0].startswith("Greenland (part of Denmark) is not a participant")


# --- the treaty --------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["tri", "TRI", " tri "])
def test_a_known_treaty_is_read_in_any_case(raw):
    parsed = parse(treaty=raw)
    assert (parsed.view.treaty, parsed.notices) == ("tri", ())


@pytest.mark.parametrize("raw", ["nato", "<script>", "ottawa2"])
def test_an_unknown_treaty_falls_back_to_the_default_with_a_notice(raw):
    parsed = parse(treaty=raw, date="2025-01-01")
    assert parsed.view.treaty == ""
    assert parsed.view.date == date(2025, 1, 1)
    (notice,) = parsed.notices
    assert notice.startswith("Unknown treaty")
    assert "ottawa, ccm, tri" in notice


def test_naming_the_default_treaty_is_the_same_as_leaving_it_out():
    assert parse(treaty="ottawa").view == parse().view


def test_the_default_treaty_is_left_out_of_written_links():
    assert "treaty" not in view_params(ViewState(date(2025, 1, 1)))
    assert view_params(ViewState(date(2025, 1, 1), treaty="tri")) == {
        "treaty": "tri",
        "date": "2025-01-01",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"date": "2025-12-26"},
        {"date": "2025-12-26", "country": "EST", "focus": "europe"},
        {"compare": "2025-06-01..2026-03-01"},
        {"date": "2025-12-26", "tab": "feed"},
    ],
)
def test_every_link_without_a_treaty_opens_the_first_treaty(params):
    """Links shared before the treaty parameter existed keep showing the Ottawa Convention."""
    parsed = parse(**params)
    assert parsed.view.treaty == ""
    assert parsed.notices == ()
    assert "treaty" not in view_params(parsed.view)


# --- written links read back as the same view ---------------------------------------------


def test_written_params_always_keep_the_date_and_drop_defaults():
    assert view_params(ViewState(date(2025, 12, 26))) == {"date": "2025-12-26"}
    assert view_params(ViewState(date(2025, 12, 26), "EST", Focus.WORLD)) == {
        "date": "2025-12-26",
        "country": "EST",
        "focus": "world",
    }


@pytest.mark.parametrize(
    "view",
    [
        ViewState(date(2026, 1, 10), "FIN", Focus.EUROPE),
        ViewState(date(2026, 1, 10), treaty="tri", tab=Tab.FEED),
        ViewState(date(2026, 3, 1), compare=(date(2025, 6, 1), date(2026, 3, 1)), tab=Tab.CHANGES),
        ViewState(date(2026, 3, 1), compare=(date(2025, 6, 1), date(2026, 3, 1)), tab=Tab.FEED),
        ViewState(date(2026, 3, 1), compare=(date(2025, 6, 1), date(2026, 3, 1))),
        ViewState(date(2026, 1, 10), date_control=True),
        ViewState(
            date(2026, 1, 10),
            treaty="ccm",
            tab=Tab.FEED,
            feed=FeedFilter(
                date(2024, 1, 1),
                date(2025, 12, 31),
                (EventKind.WITHDRAWAL_DEPOSITED, EventKind.OBJECTION),
                ("EST", "DNK"),
            ),
        ),
    ],
)
def test_round_trip(view):
    assert round_trip(view) == view


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


# --- the tab, the feed and the date control ------------------------------------------------


@pytest.mark.parametrize("raw", ["feed", "FEED", "history"])
def test_tab_is_read(raw):
    parsed = parse(tab=raw)
    assert (parsed.view.tab, parsed.notices) == (Tab(raw.lower()), ())


def test_an_unknown_tab_gives_a_notice():
    parsed = parse(tab="<b>x</b>")
    assert parsed.view.tab is Tab.HISTORY
    (notice,) = parsed.notices
    assert notice.startswith("Unknown tab '<b>x</b>'")


def test_the_changes_tab_without_a_comparison_is_corrected_with_a_notice():
    parsed = parse(tab="changes")
    assert parsed.view.tab is Tab.HISTORY
    assert parsed.notices


def test_the_feed_window_kinds_and_states_are_read():
    parsed = parse(
        feed="2025-12-31..2024-01-01", kinds="objection,withdrawal_deposited", states="est,DNK"
    )
    assert parsed.view.feed == FeedFilter(
        date(2024, 1, 1),
        date(2025, 12, 31),
        (EventKind.OBJECTION, EventKind.WITHDRAWAL_DEPOSITED),
        ("EST", "DNK"),
    )
    assert parsed.notices == ()


def test_a_feed_filter_without_a_window_spans_the_treatys_days():
    parsed = parse(treaty="ccm", kinds="objection")
    assert parsed.view.feed == FeedFilter(date(2008, 12, 3), TODAY, (EventKind.OBJECTION,), ())


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"feed": "2024-01-01"}, "feed window"),
        ({"kinds": "objection,bogus"}, "Unknown kind of event 'bogus'"),
        ({"states": "EST,ZZZ"}, "Unknown state 'ZZZ'"),
    ],
)
def test_bad_feed_parts_are_ignored_with_a_notice(params, words):
    parsed = parse(**params)
    assert len(parsed.notices) == 1 and words in parsed.notices[0]


def test_controls_date_turns_on_the_date_control():
    assert parse(controls="date").view.date_control
    assert not parse().view.date_control
    other = parse(controls="everything")
    assert not other.view.date_control
    assert other.notices == ("Unknown controls 'everything'; expected date.",)


def test_a_day_the_calendar_lacks_is_named_as_such():
    """``?date=2025-02-30`` is written right but names no day: the notice says so."""
    parsed = parse_view({"date": ["2025-02-30"]}, KNOWN)
    assert parsed.view.date == KNOWN.today
    assert parsed.notices == (
        "The date '2025-02-30' does not exist: February 2025 has no 30th day; showing "
        f"{KNOWN.today.isoformat()}.",
    )
    month = parse_view({"date": ["2025-13-01"]}, KNOWN).notices[0]
    assert "there is no month 13" in month
    assert "not a day written YYYY-MM-DD" in parse_view({"date": ["27/12/2025"]}, KNOWN).notices[0]


def test_a_links_language_is_read_and_written_and_english_is_left_out():
    parsed = parse_view({"date": ["2025-12-27"], "lang": ["LT"]}, KNOWN)
    assert (parsed.view.lang, parsed.notices) == ("lt", ())
    assert view_params(parsed.view)["lang"] == "lt"
    english = parse_view({"date": ["2025-12-27"], "lang": ["en"]}, KNOWN).view
    assert "lang" not in view_params(english)  # the default, as old links wrote it


def test_an_unknown_language_is_named_and_the_browsers_is_followed():
    parsed = parse_view({"date": ["2025-12-27"], "lang": ["xx<b>"]}, KNOWN)
    assert parsed.view.lang == ""
    (notice,) = parsed.notices
    assert notice.startswith("Unknown language 'xx<b>'; expected one of en, pl")


def test_a_notice_is_said_in_the_readers_language():
    from treatymap.i18n import words_for

    (notice,) = parse_view({"date": ["2025-02-30"]}, KNOWN).notices
    assert str(notice).startswith("The date '2025-02-30' does not exist: February 2025 has no 30th")
    polish = notice.words(words_for("pl"))
    assert "2025-02-30" in polish and "luty 2025" in polish and "February" not in polish
