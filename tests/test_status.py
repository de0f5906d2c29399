"""The status engine, day by day around each kind of transition, on tiny synthetic records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import event

from treatymap.data import read_record
from treatymap.status import legal_dates, status_on, statuses_on
from treatymap.vocab import EventKind, Status

ONE_DAY = timedelta(days=1)


@pytest.fixture
def record_of(make_data):
    def build(*events):
        record, problems = read_record(make_data(events=list(events)))
        assert problems == []
        return record

    return build


def status_of(record, iso3: str, day: date):
    return status_on(legal_dates(record, "ottawa")[iso3], day)


def around(day: date):
    """The day before, of and after ``day``."""
    return day - ONE_DAY, day, day + ONE_DAY


def test_a_state_with_no_events_is_not_party(record_of):
    record = record_of(event("AAA", "signature", "1997-12-03"))
    result = status_of(record, "BBB", date(2025, 1, 1))
    assert (result.status, result.since, result.bound) == (Status.NOT_PARTY, None, False)


def test_signature_makes_a_signatory_from_that_day(record_of):
    record = record_of(event("AAA", "signature", "1997-12-03"))
    before, day, after = (status_of(record, "AAA", d).status for d in around(date(1997, 12, 3)))
    assert (before, day, after) == (Status.NOT_PARTY, Status.SIGNATORY, Status.SIGNATORY)


def test_first_forty_enter_into_force_on_the_general_date(record_of):
    record = record_of(
        event("AAA", "signature", "1997-12-03"), event("AAA", "ratification", "1998-09-16")
    )
    before, day, after = (status_of(record, "AAA", d) for d in around(date(1999, 3, 1)))
    assert before.status is Status.RATIFIED_NOT_IN_FORCE
    assert before.since == date(1998, 9, 16)
    assert not before.bound
    assert (day.status, day.since, day.bound) == (Status.STATE_PARTY, date(1999, 3, 1), True)
    assert after.status is Status.STATE_PARTY


def test_later_deposit_enters_into_force_first_day_of_sixth_month(record_of):
    record = record_of(
        event("AAA", "signature", "1998-09-08"), event("AAA", "ratification", "2000-02-29")
    )
    assert status_of(record, "AAA", date(2000, 2, 28)).status is Status.SIGNATORY
    assert status_of(record, "AAA", date(2000, 2, 29)).status is Status.RATIFIED_NOT_IN_FORCE
    before, day, after = (status_of(record, "AAA", d).status for d in around(date(2000, 8, 1)))
    assert (before, day, after) == (
        Status.RATIFIED_NOT_IN_FORCE,
        Status.STATE_PARTY,
        Status.STATE_PARTY,
    )


def test_accession_without_signature(record_of):
    record = record_of(event("AAA", "accession", "2011-09-13"))
    assert status_of(record, "AAA", date(2011, 9, 12)).status is Status.NOT_PARTY
    assert status_of(record, "AAA", date(2012, 2, 29)).status is Status.RATIFIED_NOT_IN_FORCE
    assert status_of(record, "AAA", date(2012, 3, 1)).status is Status.STATE_PARTY


def test_succession_takes_effect_from_the_recorded_date(record_of):
    record = record_of(
        event("AAA", "succession", "2011-11-11"), event("AAA", "entry_into_force", "2011-07-09")
    )
    result = status_of(record, "AAA", date(2011, 7, 9))
    assert (result.status, result.since) == (Status.STATE_PARTY, date(2011, 7, 9))


BOUND_SINCE_1999 = (
    event("AAA", "signature", "1997-12-03"),
    event("AAA", "ratification", "1998-07-01"),
)


def test_withdrawal_is_pending_from_deposit_and_bound_until_six_months_later(record_of):
    record = record_of(*BOUND_SINCE_1999, event("AAA", "withdrawal_deposited", "2025-06-27"))
    before, day, after = (status_of(record, "AAA", d) for d in around(date(2025, 6, 27)))
    assert (before.status, before.bound) == (Status.STATE_PARTY, True)
    assert (day.status, day.since, day.bound) == (
        Status.WITHDRAWAL_PENDING,
        date(2025, 6, 27),
        True,
    )
    assert after.status is Status.WITHDRAWAL_PENDING


def test_withdrawal_takes_effect_six_months_after_receipt(record_of):
    record = record_of(*BOUND_SINCE_1999, event("AAA", "withdrawal_deposited", "2025-06-27"))
    before, day, after = (status_of(record, "AAA", d) for d in around(date(2025, 12, 27)))
    assert (before.status, before.bound) == (Status.WITHDRAWAL_PENDING, True)
    assert (day.status, day.since, day.bound) == (Status.WITHDRAWN, date(2025, 12, 27), False)
    assert after.status is Status.WITHDRAWN


def test_withdrawal_received_on_the_31st_takes_effect_at_month_end(record_of):
    record = record_of(*BOUND_SINCE_1999, event("AAA", "withdrawal_deposited", "2025-08-31"))
    assert status_of(record, "AAA", date(2026, 2, 27)).status is Status.WITHDRAWAL_PENDING
    assert status_of(record, "AAA", date(2026, 2, 28)).status is Status.WITHDRAWN


def test_armed_conflict_defers_withdrawal_while_it_lasts(record_of):
    record = record_of(
        *BOUND_SINCE_1999,
        event("AAA", "armed_conflict_began", "2022-02-24"),
        event("AAA", "withdrawal_deposited", "2025-07-18"),
    )
    far_future = status_of(record, "AAA", date(2040, 1, 1))
    assert (far_future.status, far_future.bound) == (Status.WITHDRAWAL_PENDING, True)
    assert legal_dates(record, "ottawa")["AAA"].withdrawal_blocked_by_conflict


def test_withdrawal_takes_effect_when_the_conflict_ends(record_of):
    record = record_of(
        *BOUND_SINCE_1999,
        event("AAA", "armed_conflict_began", "2022-02-24"),
        event("AAA", "withdrawal_deposited", "2025-07-18"),
        event("AAA", "armed_conflict_ended", "2027-05-09"),
    )
    before, day, _ = (status_of(record, "AAA", d).status for d in around(date(2027, 5, 9)))
    assert (before, day) == (Status.WITHDRAWAL_PENDING, Status.WITHDRAWN)


def test_a_conflict_that_ended_before_expiry_does_not_defer(record_of):
    record = record_of(
        *BOUND_SINCE_1999,
        event("AAA", "armed_conflict_began", "2022-02-24"),
        event("AAA", "armed_conflict_ended", "2025-09-01"),
        event("AAA", "withdrawal_deposited", "2025-07-18"),
    )
    assert status_of(record, "AAA", date(2026, 1, 18)).status is Status.WITHDRAWN


def test_political_steps_travel_as_a_note_and_change_no_status(record_of):
    record = record_of(
        *BOUND_SINCE_1999,
        event("AAA", "withdrawal_announced", "2025-03-18"),
        event("AAA", "parliament_vote", "2025-04-16"),
        event("AAA", "withdrawal_deposited", "2025-06-27"),
    )
    before = status_of(record, "AAA", date(2025, 3, 17))
    assert (before.status, before.note) == (Status.STATE_PARTY, None)
    announced = status_of(record, "AAA", date(2025, 3, 18))
    assert announced.status is Status.STATE_PARTY
    assert announced.note == "Withdrawal announced on 18 March 2025"
    assert announced.note_kind is EventKind.WITHDRAWAL_ANNOUNCED
    voted = status_of(record, "AAA", date(2025, 5, 1))
    assert voted.note == "Parliament approved withdrawal on 16 April 2025"
    assert status_of(record, "AAA", date(2025, 12, 27)).note is None  # withdrawn: nothing pending


def test_a_declared_suspension_leaves_the_state_bound(record_of):
    record = record_of(*BOUND_SINCE_1999, event("AAA", "suspension_declared", "2025-07-18"))
    result = status_of(record, "AAA", date(2025, 8, 1))
    assert (result.status, result.bound) == (Status.STATE_PARTY, True)
    assert result.note == "Suspension declared on 18 July 2025"


def test_statuses_on_covers_every_state_in_order(record_of):
    record = record_of(*BOUND_SINCE_1999)
    result = statuses_on(record, date(2000, 1, 1), "ottawa")
    assert [s.iso3 for s in result] == ["AAA", "BBB", "CCC"]
    assert [s.status for s in result] == [Status.STATE_PARTY, Status.NOT_PARTY, Status.NOT_PARTY]
