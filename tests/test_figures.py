"""Headline figures and key moments on tiny records."""

from __future__ import annotations

from datetime import date

from conftest import event

from treatymap.data import read_record
from treatymap.figures import headline, key_moments, last_scheduled_day, next_moment
from treatymap.status import StateStatus, legal_dates
from treatymap.vocab import Status


def test_headline_counts_bound_states_and_unbound_border_km():
    statuses = [
        StateStatus("AAA", Status.WITHDRAWN, date(2025, 12, 27)),
        StateStatus("BBB", Status.WITHDRAWAL_PENDING, date(2025, 6, 27)),
        StateStatus("CCC", Status.STATE_PARTY, date(1999, 3, 1)),
        StateStatus("RUS", Status.NOT_PARTY, None),
    ]
    borders = {("RUS", "AAA"): 100.0, ("RUS", "BBB"): 50.0, ("BLR", "AAA"): 25.0}
    figures = headline(statuses, ["AAA", "BBB"], borders)
    assert figures.states_parties == 2
    assert (figures.frontline_bound, figures.frontline_total) == (1, 2)
    assert figures.border_km_no_longer_bound == 125.0
    assert figures.border_km_total == 175.0


def test_key_moments_group_states_acting_on_the_same_day(make_data):
    events = [
        event("AAA", "accession", "1998-07-01"),
        event("BBB", "accession", "1998-07-01"),
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("BBB", "withdrawal_deposited", "2025-06-27"),
    ]
    record, problems = read_record(make_data(events=events))
    assert problems == []
    dates = legal_dates(record, "ottawa")
    moments = key_moments(record, dates, "ottawa")
    labels = [(m.day.isoformat(), m.label) for m in moments]
    assert labels == [
        ("1997-12-03", "Opened for signature in Ottawa"),
        ("1999-03-01", "The Convention enters into force"),
        ("2025-06-27", "Aland, Bland: withdrawal deposited"),
        ("2025-12-27", "Aland, Bland: withdrawal takes effect"),
    ]
    assert last_scheduled_day(dates) == date(2025, 12, 27)
    assert next_moment(moments, date(2025, 6, 27), date(2026, 1, 1)) == date(2025, 12, 27)
    assert next_moment(moments, date(2025, 12, 27), date(2026, 1, 1)) is None
    assert next_moment(moments, date(2000, 1, 1), date(2025, 7, 1)) == date(2025, 6, 27)
