"""The automatic summary of a view: the treaty by name, how many states are bound, and the
border states who are bound, who left and who never joined, by name."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import atlas_of

from treatymap.data import read_record
from treatymap.figures import headline
from treatymap.status import StateStatus
from treatymap.summary import join_words, view_summary
from treatymap.view import build_view
from treatymap.vocab import Status

NAMES = {"AAA": "Aland", "BBB": "Bland", "CCC": "Cland"}


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_join_words(items, expected):
    assert join_words(items) == expected


@pytest.fixture
def ottawa(make_data):
    record, _ = read_record(make_data())
    return record.treaties["ottawa"]


def summary(treaty, statuses, frontline, day):
    figures = headline(statuses, frontline, {}, NAMES)
    return view_summary(treaty, statuses, figures, NAMES, day)


def test_summary_names_withdrawals_that_take_effect_that_day(ottawa):
    day = date(2025, 12, 27)
    statuses = [
        StateStatus("AAA", Status.WITHDRAWN, day),
        StateStatus("BBB", Status.WITHDRAWN, day),
        StateStatus("CCC", Status.STATE_PARTY, date(1999, 3, 1)),
    ]
    assert summary(ottawa, statuses, ["AAA", "BBB"], day) == (
        "On 27 December 2025, 1 state is bound by the Ottawa Convention. Of the 2 states on "
        "Russia's or Belarus's land borders, 2 have left (Aland and Bland). The withdrawals of "
        "Aland and Bland took effect that day."
    )


def test_summary_mentions_pending_withdrawals_and_who_never_joined(ottawa):
    day = date(2025, 7, 1)
    statuses = [
        StateStatus("AAA", Status.WITHDRAWAL_PENDING, date(2025, 6, 27)),
        StateStatus("BBB", Status.STATE_PARTY, date(1999, 3, 1)),
        StateStatus("CCC", Status.SIGNATORY, date(1998, 1, 1)),
    ]
    text = summary(ottawa, statuses, ["AAA", "CCC"], day)
    assert text.startswith("On 1 July 2025, 2 states are bound by the Ottawa Convention.")
    assert "1 is bound (Aland) and 1 never joined (Cland)." in text
    assert text.endswith("Aland remains bound until its withdrawal takes effect.")


def test_a_withdrawal_from_an_earlier_day_is_not_said_to_take_effect_today(ottawa):
    statuses = [StateStatus("AAA", Status.WITHDRAWN, date(2025, 12, 27))]
    text = summary(ottawa, statuses, ["AAA"], date(2025, 12, 28))
    assert "took effect that day" not in text
    assert "1 has left (Aland)" in text


@pytest.fixture
def world(make_world):
    return atlas_of(make_world())


@pytest.mark.parametrize(
    ("treaty", "day", "expected"),
    [
        (
            "tri",
            "2025-04-15",
            "On 15 April 2025, 1 state is bound by the Treaty of Trial. Of the 3 states on "
            "Russia's or Belarus's land borders, 1 is bound (Poland), 1 has left (Estonia) and 1 "
            "never joined (Norway). The withdrawal of Estonia took effect that day.",
        ),
        (
            "tri",
            "2025-02-01",
            "On 1 February 2025, 2 states are bound by the Treaty of Trial. Of the 3 states on "
            "Russia's or Belarus's land borders, 2 are bound (Estonia and Poland) and 1 never "
            "joined (Norway). Estonia remains bound until its withdrawal takes effect.",
        ),
        (
            "ccm",
            "2025-04-15",
            "On 15 April 2025, 2 states are bound by the Convention on Cluster Munitions. Of the "
            "3 states on Russia's or Belarus's land borders, 1 is bound (Norway) and 2 never "
            "joined (Estonia and Poland).",
        ),
    ],
)
def test_summary_of_the_small_world(world, treaty, day, expected):
    """Expected from the fixture: under TRI only EST and POL ever joined; EST's withdrawal
    (15 January 2025) takes effect on 15 April. Under the CCM Norway and France are bound,
    Denmark left on 6 March 2025."""
    assert build_view(world, treaty, date.fromisoformat(day)).summary == expected


def test_a_links_description_leads_with_the_withdrawals_of_the_day(make_world):
    from treatymap.summary import view_description

    atlas = atlas_of(make_world())
    view = build_view(atlas, "ottawa", date(2025, 12, 27))
    text = view_description(view.treaty, view.statuses, view.figures, atlas.names, view.day)
    assert text.startswith("On 27 December 2025, Estonia ceased to be bound by the Ottawa")
    assert "states on Russia's or Belarus's land borders among them." in text
    quiet = build_view(atlas, "ottawa", date(2026, 1, 1))
    text = view_description(quiet.treaty, quiet.statuses, quiet.figures, atlas.names, quiet.day)
    assert text.startswith("On 1 January 2026,") and text.count(". ") == 1
