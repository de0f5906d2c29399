"""The status engine, day by day around each kind of transition, on tiny synthetic records.

The first part runs the Ottawa Convention's rules on the three unit squares; the second runs the
small world's three treaties side by side, to show that a treaty is rows of treaties.csv and
not code: the fictional Treaty of Trial (3 months to entry into force and to withdrawal, no
armed-conflict rule) gets its own dates from the same engine, and no treaty reads another's
events.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from conftest import CCM, TREATY, TRI, WORLD_EVENTS, event

from treatymap.data import read_record
from treatymap.status import legal_dates, status_changes, status_on, statuses_on
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
    assert (before.status, before.noted) == (Status.STATE_PARTY, False)
    announced = status_of(record, "AAA", date(2025, 3, 18))
    assert announced.status is Status.STATE_PARTY
    assert (announced.note_kind, announced.note_date) == (
        EventKind.WITHDRAWAL_ANNOUNCED,
        date(2025, 3, 18),
    )
    voted = status_of(record, "AAA", date(2025, 5, 1))
    assert (voted.note_kind, voted.note_date) == (EventKind.PARLIAMENT_VOTE, date(2025, 4, 16))
    assert not status_of(record, "AAA", date(2025, 12, 27)).noted  # withdrawn: nothing pending


def test_a_declared_suspension_leaves_the_state_bound(record_of):
    record = record_of(*BOUND_SINCE_1999, event("AAA", "suspension_declared", "2025-07-18"))
    result = status_of(record, "AAA", date(2025, 8, 1))
    assert (result.status, result.bound) == (Status.STATE_PARTY, True)
    assert (result.note_kind, result.note_date) == (
        EventKind.SUSPENSION_DECLARED,
        date(2025, 7, 18),
    )


def test_statuses_on_covers_every_state_in_order(record_of):
    record = record_of(*BOUND_SINCE_1999)
    result = statuses_on(record, date(2000, 1, 1), "ottawa")
    assert [s.iso3 for s in result] == ["AAA", "BBB", "CCC"]
    assert [s.status for s in result] == [Status.STATE_PARTY, Status.NOT_PARTY, Status.NOT_PARTY]


def test_a_withdrawal_dated_only_by_its_effect_is_used_as_recorded(record_of):
    """No source dates the receipt: the recorded effect decides, with no pending period."""
    record = record_of(*BOUND_SINCE_1999, event("AAA", "withdrawal_effective", "2025-12-27"))
    legal = legal_dates(record, "ottawa")["AAA"]
    assert legal.withdrawal_receipt_unknown
    before, day, _ = (status_of(record, "AAA", d) for d in around(date(2025, 12, 27)))
    assert before.status is Status.STATE_PARTY  # never "pending": no deposit is known
    assert (day.status, day.since, day.bound) == (Status.WITHDRAWN, date(2025, 12, 27), False)


# --- three treaties in one record: each its own numbers, each its own events ---------------


@pytest.fixture
def world(make_world):
    def build(events=None):
        record, problems = read_record(make_world(events=events))
        assert problems == []
        return record

    return build


def under(record, treaty: str, iso3: str, day: date):
    return status_on(legal_dates(record, treaty)[iso3], day)


def test_the_third_treaty_enters_into_force_three_months_after_a_later_deposit(world):
    """POL accedes to TRI on 2 February 2002: the first day of the third month after February
    is 1 May 2002."""
    record = world()
    assert under(record, "tri", "POL", date(2002, 2, 1)).status is Status.NOT_PARTY
    assert under(record, "tri", "POL", date(2002, 2, 2)).status is Status.RATIFIED_NOT_IN_FORCE
    before, day, _ = (under(record, "tri", "POL", d) for d in around(date(2002, 5, 1)))
    assert before.status is Status.RATIFIED_NOT_IN_FORCE
    assert (day.status, day.since) == (Status.STATE_PARTY, date(2002, 5, 1))


def test_an_early_deposit_waits_for_the_third_treatys_own_entry_into_force(world):
    """EST ratified TRI on 15 June 2000; three months later is before TRI itself entered into
    force (1 January 2001), so EST is bound from that general day."""
    record = world()
    assert under(record, "tri", "EST", date(2000, 12, 31)).status is Status.RATIFIED_NOT_IN_FORCE
    assert under(record, "tri", "EST", date(2001, 1, 1)).status is Status.STATE_PARTY


def test_the_third_treatys_withdrawal_takes_effect_three_months_after_receipt(world):
    """EST's TRI withdrawal was received on 15 January 2025: in effect on 15 April 2025."""
    record = world()
    assert under(record, "tri", "EST", date(2025, 1, 14)).status is Status.STATE_PARTY
    assert under(record, "tri", "EST", date(2025, 1, 15)).status is Status.WITHDRAWAL_PENDING
    before, day, _ = (under(record, "tri", "EST", d) for d in around(date(2025, 4, 15)))
    assert (before.status, before.bound) == (Status.WITHDRAWAL_PENDING, True)
    assert (day.status, day.since, day.bound) == (Status.WITHDRAWN, date(2025, 4, 15), False)


def test_each_treaty_reads_only_its_own_events(world):
    """On the day EST has left TRI it is still bound by the Ottawa Convention (its Ottawa
    withdrawal is deposited only in June), and it never joined the CCM."""
    record = world()
    day = date(2025, 4, 15)
    assert under(record, "tri", "EST", day).status is Status.WITHDRAWN
    assert under(record, "ottawa", "EST", day).status is Status.STATE_PARTY
    assert under(record, "ccm", "EST", day).status is Status.NOT_PARTY
    # Denmark's CCM withdrawal leaves it bound by the Ottawa Convention.
    assert under(record, "ccm", "DNK", date(2025, 6, 1)).status is Status.WITHDRAWN
    assert under(record, "ottawa", "DNK", date(2025, 6, 1)).status is Status.STATE_PARTY


TRI_CONFLICT = event("EST", "armed_conflict_began", "2024-02-24", treaty="tri")


def test_an_armed_conflict_does_not_defer_a_tri_withdrawal(world):
    """TRI's row has no armed-conflict article: EST, engaged in a conflict since 2024, still
    leaves three months after its deposit."""
    record = world([*WORLD_EVENTS, TRI_CONFLICT])
    legal = legal_dates(record, "tri")["EST"]
    assert not legal.withdrawal_blocked_by_conflict
    assert legal.withdrawal_effective == date(2025, 4, 15)
    assert under(record, "tri", "EST", date(2025, 4, 15)).status is Status.WITHDRAWN


def test_the_same_armed_conflict_defers_an_ottawa_withdrawal(world):
    """The Ottawa Convention's row has the rule: EST stays bound while the conflict lasts (its
    recorded Ottawa effect is left out, as the check would rightly refuse it)."""
    events = [
        e
        for e in WORLD_EVENTS
        if (e["treaty_id"], e["iso3"], e["event"]) != ("ottawa", "EST", "withdrawal_effective")
    ]
    record = world([*events, event("EST", "armed_conflict_began", "2024-02-24")])
    legal = legal_dates(record, "ottawa")["EST"]
    assert legal.withdrawal_blocked_by_conflict
    assert legal.withdrawal_effective is None
    far = under(record, "ottawa", "EST", date(2040, 1, 1))
    assert (far.status, far.bound) == (Status.WITHDRAWAL_PENDING, True)


def test_the_armed_conflict_rule_is_a_cell_of_the_treatys_row(make_world):
    """Give TRI an armed-conflict article and the very same events now defer its withdrawal."""
    with_rule = {**TRI, "armed_conflict_article": "14.3"}
    directory = make_world(events=[*WORLD_EVENTS, TRI_CONFLICT], treaties=[TREATY, CCM, with_rule])
    record, problems = read_record(directory)
    assert problems == []
    assert record.treaties["tri"].armed_conflict_rule
    assert under(record, "tri", "EST", date(2030, 1, 1)).status is Status.WITHDRAWAL_PENDING


def test_an_empty_armed_conflict_cell_reads_as_no_rule(world):
    record = world()
    assert record.treaties["tri"].armed_conflict_article is None
    assert not record.treaties["tri"].armed_conflict_rule
    assert record.treaties["ottawa"].armed_conflict_rule


def test_status_changes_give_every_days_status_from_the_day_it_begins(world):
    """What the map looks a day up in (the slider's day, before the server answers): for every
    state of the three treaties and every day from 1997 to 2026, the last change on or before
    the day is that day's status, notes included; each change differs from the one before."""
    record = world()
    first, last = date(1997, 1, 1), date(2026, 12, 31)
    for treaty in ("ottawa", "ccm", "tri"):
        for iso3, dates in legal_dates(record, treaty).items():
            changes = status_changes(dates)
            assert changes[0][0] is None
            assert all(a[1] != b[1] for a, b in pairwise(changes))
            day, at = first, 0
            while day <= last:
                while at + 1 < len(changes) and changes[at + 1][0] <= day:  # type: ignore[operator]
                    at += 1
                assert changes[at][1] == status_on(dates, day), (treaty, iso3, day)
                day += ONE_DAY


def test_status_changes_follow_a_withdrawal_and_its_notes(world):
    """Estonia under the Ottawa Convention: not party, then bound on accession, in force, the
    announcement as a note, the deposit, the effect."""
    record = world()
    changes = status_changes(legal_dates(record, "ottawa")["EST"])
    assert [(d, s.status, s.noted) for d, s in changes] == [
        (None, Status.NOT_PARTY, False),
        (date(2004, 5, 12), Status.RATIFIED_NOT_IN_FORCE, False),
        (date(2004, 11, 1), Status.STATE_PARTY, False),
        (date(2025, 3, 18), Status.STATE_PARTY, True),
        (date(2025, 6, 27), Status.WITHDRAWAL_PENDING, True),
        (date(2025, 12, 27), Status.WITHDRAWN, False),
    ]
