"""Reading and checking the tables that came with the treaty as data: corroborations (a second
source for an event), ``concerns`` (whom an objection is about), ``date_certainty``, the treaty
row's own columns (articles, months, place), the single-source warning, and a withdrawal dated
only by its effect. Each mistake is reported with its file, row and what to do."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import (
    SECOND_SOURCE,
    SOURCE,
    TREATY,
    add_corroborations,
    corroboration,
    event,
)

from treatymap.checks import single_source_events
from treatymap.data import data_dir, load_dataset, read_record, validate
from treatymap.status import legal_dates, status_on
from treatymap.vocab import Status

SIGNED = event("AAA", "signature", "1997-12-03")  # line 2 of events.csv
RATIFIED = event("AAA", "ratification", "1998-07-01")  # line 3


def problems_in(directory):
    return [(p.file, p.row, p.message) for p in validate(directory)[2]]


def only_problem(directory):
    found = problems_in(directory)
    assert len(found) == 1, found
    return found[0]


def corroborated(make_data, *rows):
    """A valid directory (signed, ratified) with the second source and these corroborations."""
    directory = make_data(events=[SIGNED, RATIFIED], sources=[SOURCE, SECOND_SOURCE])
    return add_corroborations(directory, rows)


# --- corroborations ------------------------------------------------------------------------


def test_missing_corroborations_file_is_fine(make_data):
    directory = make_data(events=[SIGNED, RATIFIED])
    assert not (directory / "corroborations.csv").exists()
    assert problems_in(directory) == []
    assert load_dataset(directory).record.corroborations == ()


def test_a_corroboration_is_read_and_its_source_counts_as_cited(make_data):
    directory = corroborated(make_data, corroboration("AAA", "ratification", "1998-07-01"))
    assert problems_in(directory) == []  # "second" is not reported as unused
    record = load_dataset(directory).record
    (found,) = record.corroborations
    assert (found.key, found.source_id, found.line) == (
        ("ottawa", "AAA", found.kind, date(1998, 7, 1)),
        "second",
        2,
    )
    ratified = next(e for e in record.events if e.kind.value == "ratification")
    assert record.corroborations_of([ratified]) == {ratified: [found]}


def test_a_corroboration_of_no_event_names_its_file_and_row(make_data):
    directory = corroborated(
        make_data,
        corroboration("AAA", "ratification", "1998-07-01"),
        corroboration("AAA", "ratification", "1998-07-02"),  # a day off
    )
    file, row, message = only_problem(directory)
    assert (file, row) == ("corroborations.csv", 3)
    assert "no event in events.csv is ottawa, AAA, ratification on 1998-07-02" in message


def test_a_corroboration_from_the_events_own_source_is_refused(make_data):
    directory = corroborated(
        make_data,
        corroboration("AAA", "ratification", "1998-07-01", source_id="src"),
        corroboration("AAA", "signature", "1997-12-03"),  # keeps "second" cited
    )
    file, row, message = only_problem(directory)
    assert (file, row) == ("corroborations.csv", 2)
    assert "the event's own source; a corroboration needs another source" in message


def test_a_corroboration_citing_an_unknown_source(make_data):
    directory = corroborated(
        make_data,
        corroboration("AAA", "ratification", "1998-07-01"),
        corroboration("AAA", "signature", "1997-12-03", source_id="nowhere"),
    )
    file, row, message = only_problem(directory)
    assert (file, row) == ("corroborations.csv", 3)
    assert "cites source 'nowhere', which is not in sources.csv" in message


def test_a_corroborations_excerpt_must_state_the_date(make_data):
    directory = corroborated(
        make_data,
        corroboration("AAA", "ratification", "1998-07-01", excerpt="It ratified in July 1998."),
    )
    file, row, message = only_problem(directory)
    assert (file, row) == ("corroborations.csv", 2)
    assert "does not state the date 1998-07-01" in message


def test_single_source_events_are_the_legal_dates_without_a_corroboration(make_data):
    events = [
        SIGNED,
        RATIFIED,
        event("AAA", "withdrawal_announced", "2025-03-18"),  # political: not a legal date
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("BBB", "objection", "2025-10-17", concerns="AAA"),  # context: not a legal date
    ]
    directory = make_data(events=events, sources=[SOURCE, SECOND_SOURCE])
    add_corroborations(directory, [corroboration("AAA", "ratification", "1998-07-01")])
    record = load_dataset(directory).record
    single = single_source_events(record)
    assert [(e.kind.value, e.date) for e in single] == [
        ("signature", date(1997, 12, 3)),
        ("withdrawal_deposited", date(2025, 6, 27)),
    ]


# --- concerns and date certainty -----------------------------------------------------------


def test_an_objection_concerning_another_state_is_fine(make_data):
    objection = event("BBB", "objection", "2025-10-17", concerns="AAA")
    assert problems_in(make_data(events=[SIGNED, RATIFIED, objection])) == []


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (event("BBB", "objection", "2025-10-17"), "objection names no state in 'concerns'"),
        (
            event("BBB", "signature", "1997-12-03", concerns="AAA"),
            "'concerns' is set on a signature event",
        ),
        (event("BBB", "objection", "2025-10-17", concerns="BBB"), "'concerns' is 'BBB'"),
        (event("BBB", "statement", "2025-10-17", concerns="ZZZ"), "'concerns' is 'ZZZ'"),
    ],
)
def test_concerns_mistakes(make_data, row, words):
    file, line, message = only_problem(make_data(events=[SIGNED, RATIFIED, row]))
    assert (file, line) == ("events.csv", 4)
    assert words in message


@pytest.mark.parametrize("certainty", ["", "unconfirmed", "disputed"])
def test_date_certainty_choices(make_data, certainty):
    directory = make_data(events=[SIGNED, {**RATIFIED, "date_certainty": certainty}])
    assert problems_in(directory) == []
    ratified = load_dataset(directory).record.events[1]
    assert ratified.date_certainty == (certainty or None)


def test_an_unknown_date_certainty_lists_the_choices(make_data):
    file, row, message = only_problem(
        make_data(events=[SIGNED, {**RATIFIED, "date_certainty": "probable"}])
    )
    assert (file, row) == ("events.csv", 3)
    assert "column 'date_certainty' was 'probable'" in message
    assert "[unconfirmed, disputed]" in message


# --- the treaty's row --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("withdrawal_article", "17a", "write an article number"),
        ("state_entry_into_force_article", "Art. 17", "write an article number"),
        ("armed_conflict_article", "20.3.1", "write an article number"),
        ("months_to_withdrawal", "six", "expected a whole number"),
        ("instruments_for_entry_into_force", "", "is empty; it is required"),
        ("opened_place", "", "is empty; it is required"),
        ("record_reviewed", "2026-02-30", "not a real calendar day"),
        ("treaty_id", "Ottawa Convention", "use lower-case letters"),
    ],
)
def test_a_bad_treaty_cell_names_its_column(make_data, column, value, words):
    found = problems_in(make_data(treaties=[{**TREATY, column: value}]))
    assert ("treaties.csv", 2) in [(f, r) for f, r, _ in found]
    message = next(m for f, r, m in found if (f, r) == ("treaties.csv", 2))
    assert f"column '{column}'" in message
    assert words in message


def test_the_treaty_row_is_read_into_numbers_and_dates(make_data):
    treaty = load_dataset(make_data()).record.treaties["ottawa"]
    assert (treaty.months_to_entry_into_force, treaty.months_to_withdrawal) == (6, 6)
    assert treaty.instruments_for_entry_into_force == 40
    assert treaty.record_reviewed == date(2026, 1, 1)
    assert treaty.withdrawal_article == "20.3"


def test_events_of_an_unknown_treaty_are_refused(make_data):
    accession = event("BBB", "accession", "1998-07-01", treaty="ccm")
    file, row, message = only_problem(make_data(events=[SIGNED, accession]))
    assert (file, row) == ("events.csv", 3)
    assert "treaty 'ccm' is not in treaties.csv; use one of [ottawa]" in message


def test_the_record_cannot_be_changed_once_read(make_data):
    record = load_dataset(make_data()).record
    with pytest.raises(TypeError):
        record.treaties["other"] = record.treaties["ottawa"]  # type: ignore[index]


# --- a withdrawal dated only by its effect ---------------------------------------------------


def test_withdrawal_effective_without_a_deposit_after_consent_is_accepted_and_used(make_data):
    effective = event("AAA", "withdrawal_effective", "2025-12-27")
    directory = make_data(events=[SIGNED, RATIFIED, effective])
    assert problems_in(directory) == []
    record, _ = read_record(directory)
    legal = legal_dates(record, "ottawa")["AAA"]
    assert legal.withdrawal_receipt_unknown
    assert legal.withdrawal_deposited is None
    assert status_on(legal, date(2025, 12, 26)).status is Status.STATE_PARTY
    gone = status_on(legal, date(2025, 12, 27))
    assert (gone.status, gone.since) == (Status.WITHDRAWN, date(2025, 12, 27))


@pytest.mark.parametrize(
    "events",
    [
        [SIGNED, RATIFIED, event("AAA", "withdrawal_effective", "1998-06-30")],  # before consent
        [SIGNED, event("AAA", "withdrawal_effective", "2025-12-27")],  # no consent at all
    ],
)
def test_withdrawal_effective_before_or_without_consent_is_refused(make_data, events):
    found = problems_in(make_data(events=events))
    assert any(
        f == "events.csv" and "withdrawal is effective on" in m and "fix the date" in m
        for f, _, m in found
    ), found


def test_data_dir_comes_from_the_argument_then_the_environment(make_data, monkeypatch):
    directory = make_data()
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    assert data_dir() == directory
    assert data_dir(directory / "elsewhere") == directory / "elsewhere"
    assert problems_in(None) == []  # validate() with no argument reads the environment's
