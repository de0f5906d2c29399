"""The changelog between two dates, per treaty, on the small world: who changed, the rule in
the treaty's own words and numbers, and the excerpt that supports it, always an event of the
same treaty (several states have events under two or three treaties)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from conftest import WORLD_EVENTS, event

from treatymap.compare import CHANGE_COLUMNS, changes_between, changes_csv
from treatymap.data import read_record
from treatymap.status import legal_dates
from treatymap.vocab import Status


@pytest.fixture
def world(make_world):
    record, problems = read_record(make_world())
    assert problems == []
    return record


def changes(record, treaty: str, first: str, second: str):
    return changes_between(
        record,
        record.treaties[treaty],
        legal_dates(record, treaty),
        date.fromisoformat(first),
        date.fromisoformat(second),
    )


def test_tris_withdrawal_in_tris_words(world):
    """EST's TRI withdrawal, received 15 January 2025, takes effect 3 months later."""
    found = changes(world, "tri", "2025-01-14", "2025-04-15")
    assert [c.iso3 for c in found] == ["EST"]
    change = found[0]
    assert (change.before, change.after) == (Status.STATE_PARTY, Status.WITHDRAWN)
    assert change.effective == date(2025, 4, 15)
    assert change.sentence() == (
        "Estonia: State Party → withdrawn, effective 15 April 2025, 3 months after depositing "
        "its withdrawal on 15 January 2025 (Article 14.2)"
    )
    assert (change.evidence.treaty_id, change.evidence.kind.value) == (
        "tri",
        "withdrawal_deposited",
    )
    assert "15 January 2025" in change.evidence.excerpt


def test_the_same_days_under_the_ottawa_convention_show_no_tri_change(world):
    """EST's Ottawa withdrawal is only deposited in June: nothing changes by 15 April."""
    assert changes(world, "ottawa", "2025-01-14", "2025-04-15") == []


def test_tri_joining_cites_article_11_2(world):
    found = changes(world, "tri", "2002-01-01", "2002-05-01")
    assert [(c.iso3, c.before, c.after, c.effective) for c in found] == [
        ("POL", Status.NOT_PARTY, Status.STATE_PARTY, date(2002, 5, 1))
    ]
    assert "(Article 11.2)" in found[0].rule()
    assert "2 February 2002" in found[0].rule()


def every_change(record, treaty: str):
    opened = record.treaties[treaty].opened_for_signature.isoformat()
    return changes(record, treaty, opened, "2030-01-01") + changes(
        record, treaty, "1990-01-01", "2025-06-01"
    )


@pytest.mark.parametrize("treaty", ["ottawa", "ccm", "tri"])
def test_evidence_is_always_an_event_of_the_same_treaty(world, treaty):
    found = every_change(world, treaty)
    assert found
    for change in found:
        if change.evidence is not None:
            assert change.evidence.treaty_id == treaty, change
            assert change.evidence.iso3 == change.iso3


def test_a_ccm_event_is_never_evidence_under_the_ottawa_convention(world):
    """Norway ratified the CCM on 3 December 2008 and the Ottawa Convention in 1998: under
    the CCM the joining rests on the CCM instrument, never the earlier Ottawa one."""
    (norway,) = [c for c in changes(world, "ccm", "2008-12-01", "2011-01-01") if c.iso3 == "NOR"]
    assert norway.after is Status.STATE_PARTY
    assert (norway.evidence.treaty_id, norway.evidence.date) == ("ccm", date(2008, 12, 3))
    (ottawa,) = [c for c in changes(world, "ottawa", "1998-01-01", "1999-06-01") if c.iso3 == "NOR"]
    assert (ottawa.evidence.treaty_id, ottawa.evidence.date) == ("ottawa", date(1998, 7, 9))


def test_rules_under_tri_never_use_the_conventions_numbers(world):
    for change in every_change(world, "tri"):
        for foreign in ("Article 17", "Article 20", "6 months", "six months", "Convention"):
            assert foreign not in change.rule()


def test_changes_in_either_order_and_sorted_by_day_then_name(world):
    forward = changes(world, "ottawa", "2012-01-01", "2026-03-01")
    assert forward == changes(world, "ottawa", "2026-03-01", "2012-01-01")
    keys = [(c.effective, c.name) for c in forward]
    assert keys == sorted(keys)
    assert {c.iso3 for c in forward} == {"EST", "POL"}


def test_no_change_on_the_same_day(world):
    assert changes(world, "ottawa", "2025-06-01", "2025-06-01") == []


def test_a_political_step_changes_no_status(make_world):
    """A declared suspension is a note, never a change."""
    record, _ = read_record(
        make_world(events=[*WORLD_EVENTS, event("NOR", "suspension_declared", "2025-07-18")])
    )
    assert changes(record, "ottawa", "2025-07-01", "2025-08-01") == []


def test_changelog_csv_names_the_treaty_and_quotes_its_evidence(world):
    found = changes(world, "tri", "2025-01-01", "2025-05-01")
    rows = list(csv.DictReader(io.StringIO(changes_csv(found, world, world.treaties["tri"]))))
    assert tuple(rows[0]) == CHANGE_COLUMNS
    assert [(r["treaty_id"], r["iso3"], r["before"], r["after"], r["effective"]) for r in rows] == [
        ("tri", "EST", "state_party", "withdrawn", "2025-04-15")
    ]
    assert rows[0]["after_label"] == "Withdrawn (no longer bound)"
    assert rows[0]["excerpt"] == "EST withdrawal_deposited on 15 January 2025."
    assert rows[0]["source_url"] == "https://example.org/source"


def test_changelog_csv_cells_cannot_become_formulas(make_world):
    hostile = '=HYPERLINK("http://evil") deposited on 15 January 2025'
    events = [
        {**e, "excerpt": hostile}
        if (e["treaty_id"], e["iso3"], e["event"]) == ("tri", "EST", "withdrawal_deposited")
        else e
        for e in WORLD_EVENTS
    ]
    record, problems = read_record(make_world(events=events))
    assert problems == []
    text = changes_csv(
        changes(record, "tri", "2025-01-01", "2025-05-01"), record, record.treaties["tri"]
    )
    assert next(csv.DictReader(io.StringIO(text)))["excerpt"] == "'" + hostile


def test_a_withdrawal_deferred_by_an_armed_conflict_is_not_said_to_take_six_months(make_world):
    events = [
        e
        for e in WORLD_EVENTS
        if (e["treaty_id"], e["iso3"], e["event"]) != ("ottawa", "EST", "withdrawal_effective")
    ]
    events += [
        event("EST", "armed_conflict_began", "2024-02-24"),
        event("EST", "armed_conflict_ended", "2027-05-09"),
    ]
    record, _ = read_record(make_world(events=events))
    (change,) = changes(record, "ottawa", "2027-01-01", "2027-06-01")
    assert change.effective == date(2027, 5, 9)
    assert "6 months after" not in change.rule()
