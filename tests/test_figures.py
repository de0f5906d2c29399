"""Headline figures and key moments, on tiny records and on the small world's three treaties:
the moments of the Treaty of Trial are its own (opened in Tallinn, in force three months after
a deposit), never another treaty's."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import event

from treatymap.data import read_record
from treatymap.explain import moment_words
from treatymap.figures import (
    Standing,
    headline,
    key_moments,
    last_scheduled_day,
    next_moment,
    previous_moment,
    standing,
)
from treatymap.i18n import words_for
from treatymap.status import StateStatus, legal_dates
from treatymap.vocab import Status

NAMES = {"AAA": "Aland", "BBB": "Bland", "CCC": "Cland", "DDD": "Dland", "RUS": "Russia"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.NOT_PARTY, Standing.NEVER),
        (Status.SIGNATORY, Standing.NEVER),  # signed, never joined
        (Status.RATIFIED_NOT_IN_FORCE, Standing.JOINING),
        (Status.STATE_PARTY, Standing.BOUND),
        (Status.WITHDRAWAL_PENDING, Standing.BOUND),  # still bound until it takes effect
        (Status.WITHDRAWN, Standing.LEFT),
    ],
)
def test_standing_of_each_status(status, expected):
    assert standing(status) is expected


def test_headline_groups_border_states_by_standing_in_name_order():
    statuses = [
        StateStatus("AAA", Status.WITHDRAWN, date(2025, 12, 27)),
        StateStatus("BBB", Status.WITHDRAWAL_PENDING, date(2025, 6, 27)),
        StateStatus("CCC", Status.STATE_PARTY, date(1999, 3, 1)),
        StateStatus("DDD", Status.SIGNATORY, date(1999, 3, 1)),
        StateStatus("RUS", Status.NOT_PARTY, None),
    ]
    borders = {("RUS", "AAA"): 100.0, ("RUS", "BBB"): 50.0, ("BLR", "AAA"): 25.0}
    figures = headline(statuses, ["DDD", "CCC", "BBB", "AAA"], borders, NAMES)
    assert figures.states_parties == 2  # BBB (pending) and CCC
    assert figures.frontline == {
        Standing.BOUND: ("BBB", "CCC"),
        Standing.LEFT: ("AAA",),
        Standing.NEVER: ("DDD",),
    }
    assert (figures.count(Standing.BOUND), figures.count(Standing.JOINING)) == (2, 0)
    assert figures.frontline_total == 4
    assert figures.border_km_no_longer_bound == 125.0  # both of AAA's borders
    assert figures.border_km_total == 175.0


@pytest.fixture
def world(make_world):
    record, problems = read_record(make_world())
    assert problems == []
    return record


FRONTLINE = ("EST", "NOR", "POL")


def label(record, treaty, moment) -> str:
    return moment_words(moment, treaty, record.state_names(), words_for("en"))


def moments(record, treaty: str):
    row = record.treaties[treaty]
    return [
        (m.day.isoformat(), label(record, row, m))
        for m in key_moments(record, row, legal_dates(record, treaty), FRONTLINE)
    ]


def test_tri_key_moments_are_tris_own(world):
    """Opened in Tallinn on 10 January 2000, in force 1 January 2001 (EST's ratification
    counts towards it), POL accedes 2 February 2002 (in force three months later, 1 May), EST
    withdraws 15 January 2025 (effective three months later, 15 April)."""
    assert moments(world, "tri") == [
        ("2000-01-10", "Opened for signature in Tallinn"),
        ("2000-06-15", "Estonia: ratification deposited"),
        ("2001-01-01", "The Treaty of Trial enters into force"),
        ("2002-02-02", "Poland: accession deposited"),
        ("2002-05-01", "Poland: Treaty of Trial in force for it"),
        ("2025-01-15", "Estonia: withdrawal deposited"),
        ("2025-04-15", "Estonia: withdrawal takes effect"),
    ]


@pytest.mark.parametrize("treaty", ["ottawa", "ccm", "tri"])
def test_no_treaty_shows_another_treatys_days(world, treaty):
    own = {e.date for e in world.events_of(treaty)}
    row = world.treaties[treaty]
    legal = legal_dates(world, treaty).values()
    scheduled = {d for x in legal for d in (x.entry_into_force, x.withdrawal_effective) if d}
    allowed = own | scheduled | {row.opened_for_signature, row.entry_into_force}
    for day, words in moments(world, treaty):
        assert date.fromisoformat(day) in allowed, (day, words)
    others = {t.short_name for t in world.treaties.values() if t.treaty_id != treaty}
    for _, words in moments(world, treaty):
        assert not any(name in words for name in others)


def test_states_acting_on_the_same_day_share_one_moment(make_data):
    events = [
        event("AAA", "accession", "1998-07-01"),
        event("BBB", "accession", "1998-07-01"),
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("BBB", "withdrawal_deposited", "2025-06-27"),
    ]
    record, problems = read_record(make_data(events=events))
    assert problems == []
    dates = legal_dates(record, "ottawa")
    found = key_moments(record, record.treaties["ottawa"], dates, ())
    ottawa = record.treaties["ottawa"]
    assert [(m.day.isoformat(), label(record, ottawa, m)) for m in found] == [
        ("1997-12-03", "Opened for signature in Ottawa"),
        ("1999-03-01", "The Ottawa Convention enters into force"),
        ("2025-06-27", "Aland, Bland: withdrawal deposited"),
        ("2025-12-27", "Aland, Bland: withdrawal takes effect"),
    ]
    assert last_scheduled_day(dates) == date(2025, 12, 27)


def test_recent_joiners_stand_beside_the_leavers(make_data):
    """A state far from the border that joins in the years of the withdrawals is a moment; one
    that joined long before is not."""
    events = [
        event("AAA", "accession", "1998-07-01"),
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("BBB", "accession", "2024-03-12"),
        event("CCC", "accession", "2010-03-12"),
    ]
    record, _ = read_record(make_data(events=events))
    ottawa = record.treaties["ottawa"]
    labels = [
        label(record, ottawa, m)
        for m in key_moments(record, ottawa, legal_dates(record, "ottawa"), ())
    ]
    assert "Bland: accession deposited" in labels
    assert "Bland: Ottawa Convention in force for it" in labels
    assert not any(label.startswith("Cland") for label in labels)


def test_stepping_through_moments(world):
    found = key_moments(world, world.treaties["tri"], legal_dates(world, "tri"), FRONTLINE)
    last = date(2026, 1, 1)
    assert next_moment(found, date(2025, 1, 15), last) == date(2025, 4, 15)
    assert next_moment(found, date(2025, 4, 15), last) is None
    assert next_moment(found, date(2002, 2, 2), date(2002, 4, 30)) is None  # beyond last_day
    assert previous_moment(found, date(2025, 4, 15)) == date(2025, 1, 15)
    assert previous_moment(found, date(2000, 1, 10)) is None


def test_last_scheduled_day_is_the_latest_legal_date(world):
    assert last_scheduled_day(legal_dates(world, "tri")) == date(2025, 4, 15)
    assert last_scheduled_day(legal_dates(world, "ottawa")) == date(2025, 12, 27)
