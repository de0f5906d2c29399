"""A treaty of another shape is rows only (tests/conftest.py's Protocol of Restraint, shaped
like Amended Protocol II to the Convention on Certain Conventional Weapons): no signature
stage, entry into force six months after a notification to the day, a year's denunciation,
rules that restrict rather than ban, and a record that is not complete. Nothing in the code
branches on which treaty it is."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CCM, RES, RES_EVENTS, TREATY, TRI, WORLD_EVENTS, atlas_of, event

from treatymap.data import read_record
from treatymap.explain import explain, moment_words, status_line, what_it_does
from treatymap.i18n import words_for
from treatymap.status import legal_dates, status_changes, status_on
from treatymap.view import build_view, restricted_after_leaving
from treatymap.vocab import Status


@pytest.fixture
def world(make_world):
    return atlas_of(
        make_world(events=[*WORLD_EVENTS, *RES_EVENTS], treaties=[TREATY, CCM, TRI, RES])
    )


def status(atlas, iso3: str, day: str) -> Status:
    return status_on(atlas.dates["res"][iso3], date.fromisoformat(day)).status


def test_entry_into_force_six_months_after_a_notification_to_the_day(world):
    """Estonia notified on 20 April 2000: bound from 20 October 2000 (not 1 November)."""
    assert status(world, "EST", "2000-10-19") is Status.RATIFIED_NOT_IN_FORCE
    assert status(world, "EST", "2000-10-20") is Status.STATE_PARTY
    legal = world.dates["res"]["EST"]
    text = explain(legal, status_on(legal, date(2000, 6, 1)), world.treaty("res"))
    assert "its notification of consent to be bound on 20 April 2000" in text
    assert "6 months after its notification (Article 5.4)" in text


def test_a_state_whose_entry_into_force_alone_is_dated_is_bound_from_it(world):
    assert status(world, "NOR", "1998-12-02") is Status.NOT_RECORDED
    assert status(world, "NOR", "1998-12-03") is Status.STATE_PARTY
    legal = world.dates["res"]["NOR"]
    text = explain(legal, status_on(legal, date(2020, 1, 1)), world.treaty("res"))
    assert "entered into force for it on 3 December 1998 (Article 5.3)" in text
    assert "No source in the record dates its instrument of consent." in text


def test_a_denunciation_takes_a_year_and_is_called_so(world):
    assert status(world, "POL", "2026-02-28") is Status.WITHDRAWAL_PENDING
    assert status(world, "POL", "2026-03-01") is Status.WITHDRAWN
    legal = world.dates["res"]["POL"]
    text = explain(legal, status_on(legal, date(2025, 6, 1)), world.treaty("res"))
    assert "a notification of denunciation on 1 March 2025" in text
    assert "a denunciation takes effect 12 months after the Depositary receives it" in text
    assert "withdrawal" not in text
    line = status_line("Poland", legal, status_on(legal, date(2025, 6, 1)), world.treaty("res"))
    assert line.endswith("until its denunciation takes effect on 1 March 2026")


def test_a_state_the_record_says_nothing_of_has_no_record_never_not_a_party(world):
    """Under a record that is not complete; under a complete one the same state is not a
    party."""
    assert status(world, "FRA", "2020-01-01") is Status.NOT_RECORDED
    assert status_on(world.dates["tri"]["FRA"], date(2020, 1, 1)).status is Status.NOT_PARTY
    view = build_view(world, "res", date(2020, 1, 1))
    assert "The record of the Protocol of Restraint is not complete:" in view.summary
    rows = dict(view.legend([]))
    assert "not_recorded" in rows and "signatory" not in rows  # no signature stage
    tri = dict(build_view(world, "tri", date(2020, 1, 1)).legend([]))
    assert "not_recorded" not in tri and "signatory" in tri


def test_up_to_the_day_of_a_complete_list_a_state_without_a_record_is_not_a_party(make_world):
    """A partial record with a complete list of the participants of 1 January 2010 (the
    depositary's status table of that day): a state it has nothing of was not a party up to
    that day, and has no record yet after it (it may have joined since)."""
    listed = {**RES, "record_complete_until": "2010-01-01"}
    atlas = atlas_of(
        make_world(events=[*WORLD_EVENTS, *RES_EVENTS], treaties=[TREATY, CCM, TRI, listed])
    )
    assert status(atlas, "FRA", "2010-01-01") is Status.NOT_PARTY
    assert status(atlas, "FRA", "2010-01-02") is Status.NOT_RECORDED
    changes = status_changes(atlas.dates["res"]["FRA"])
    assert [(day, s.status) for day, s in changes] == [
        (None, Status.NOT_PARTY),
        (date(2010, 1, 2), Status.NOT_RECORDED),
    ]
    # A state the record dates is what its dates say, on both sides of the list's day.
    assert status(atlas, "EST", "2010-01-02") is Status.STATE_PARTY


def test_the_treaty_says_what_it_does_and_the_leavers_rules_are_told(world):
    assert what_it_does(world.treaty("res")).startswith(
        "The Protocol of Restraint does not ban anti-personnel mines: it restricts"
    )
    assert what_it_does(world.treaty("ottawa")).startswith(
        "The Ottawa Convention bans anti-personnel mines"
    )
    assert restricted_after_leaving(world, "EST", date(2026, 1, 1)).startswith(
        "Estonia: no longer bound by the Ottawa Convention since 27 December 2025; bound by the "
        "Protocol of Restraint's restrictions on mines since 20 October 2000"
    )
    assert restricted_after_leaving(world, "NOR", date(2026, 1, 1)) is None
    summary = build_view(world, "res", date(2026, 1, 1)).summary
    assert "Estonia left the Ottawa Convention but remains bound by the Protocol of" in summary


def test_its_first_key_moment_is_its_adoption(world):
    treaty, names = world.treaty("res"), world.names
    labels = [moment_words(m, treaty, names, words_for("en")) for m in world.moments["res"]]
    assert labels[0] == "Adopted in Geneva"


def test_a_signature_under_a_treaty_without_a_signature_stage_is_refused(make_world):
    directory = make_world(
        events=[*WORLD_EVENTS, event("EST", "signature", "1997-01-01", treaty="res")],
        treaties=[TREATY, CCM, TRI, RES],
    )
    from treatymap.checks import record_problems

    record, _ = read_record(directory)
    messages = [p.message for p in record_problems(record)]
    assert any("which has no signature stage" in m for m in messages), messages
    assert legal_dates(record, "res")["EST"].signature is not None
