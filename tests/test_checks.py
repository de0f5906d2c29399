"""Every defect class is caught, with its file and row, and every problem is reported at once.

The rules that came with the treaty as data (corroborations, ``concerns``, date certainty, the
article columns, a withdrawal dated only by its effect) are in tests/test_data.py.
"""

from __future__ import annotations

import pytest
from conftest import SOURCE, STATE_ROWS, TREATY, event, feature, square

from treatymap.data import load_dataset, validate
from treatymap.problems import DataError

SIGNED = event("AAA", "signature", "1997-12-03")  # line 2 of events.csv
RATIFIED = event("AAA", "ratification", "1998-07-01")  # line 3 when listed second


def problems_in(directory):
    return [(p.file, p.row, p.message) for p in validate(directory)[2]]


def only_problem(directory):
    found = problems_in(directory)
    assert len(found) == 1, found
    return found[0]


def test_valid_fixture_has_no_problems(make_data):
    assert problems_in(make_data(events=[SIGNED, RATIFIED])) == []


def test_unknown_state_code(make_data):
    file, row, message = only_problem(
        make_data(events=[SIGNED, event("ZZZ", "signature", "1998-01-05")])
    )
    assert (file, row) == ("events.csv", 3)
    assert "'ZZZ' is not in states.csv" in message


def test_lower_case_state_code_says_what_to_write(make_data):
    file, row, message = only_problem(make_data(events=[event("aaa", "signature", "1997-12-03")]))
    assert (file, row) == ("events.csv", 2)
    assert "write 'AAA'" in message


def test_unknown_event_kind_lists_the_allowed_ones(make_data):
    file, row, message = only_problem(make_data(events=[event("AAA", "signing", "1997-12-03")]))
    assert (file, row) == ("events.csv", 2)
    assert "was 'signing' but is expected to be one of [signature, ratification" in message


def test_duplicate_row(make_data):
    file, row, message = only_problem(make_data(events=[SIGNED, RATIFIED, SIGNED]))
    assert (file, row) == ("events.csv", 4)
    assert "duplicates line 2" in message


@pytest.mark.parametrize(
    ("written", "expected"),
    [("01/02/2025", "write dates as YYYY-MM-DD"), ("2025-02-30", "not a real calendar day")],
)
def test_bad_dates(make_data, written, expected):
    bad = {**event("AAA", "ratification", "1998-07-01"), "date": written}
    file, row, message = only_problem(make_data(events=[SIGNED, bad]))
    assert (file, row) == ("events.csv", 3)
    assert expected in message


def test_event_without_source(make_data):
    found = problems_in(make_data(events=[SIGNED, {**RATIFIED, "source_id": ""}]))
    assert ("events.csv", 3) in [(f, r) for f, r, _ in found]
    assert any("'source_id' is empty" in m for _, _, m in found)


def test_event_citing_a_missing_source(make_data):
    file, row, message = only_problem(make_data(events=[SIGNED, {**RATIFIED, "source_id": "nope"}]))
    assert (file, row) == ("events.csv", 3)
    assert "cites source 'nope', which is not in sources.csv" in message


def test_event_without_excerpt(make_data):
    file, row, message = only_problem(make_data(events=[SIGNED, {**RATIFIED, "excerpt": ""}]))
    assert (file, row) == ("events.csv", 3)
    assert "'excerpt' is empty" in message


def test_excerpt_that_does_not_state_the_date(make_data):
    wrong = event("AAA", "ratification", "1998-07-01", excerpt="It ratified on 1 June 1998.")
    file, row, message = only_problem(make_data(events=[SIGNED, wrong]))
    assert (file, row) == ("events.csv", 3)
    assert "does not state the date 1998-07-01" in message


def test_source_that_no_event_uses(make_data):
    unused = {**SOURCE, "source_id": "unused"}
    file, row, message = only_problem(make_data(sources=[SOURCE, unused]))
    assert (file, row) == ("sources.csv", 3)
    assert "cited by no event" in message


def test_ratification_before_signature(make_data):
    early = event("AAA", "ratification", "1997-12-01")
    late_signature = event("AAA", "signature", "1997-12-05")
    found = problems_in(make_data(events=[early, late_signature]))
    assert ("events.csv", 2) in [(f, r) for f, r, _ in found]
    assert any("before it signed on 1997-12-05" in m for _, _, m in found)


def test_withdrawal_effective_before_its_deposit(make_data):
    events = [
        SIGNED,
        RATIFIED,
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("AAA", "withdrawal_effective", "2025-06-01"),
    ]
    found = problems_in(make_data(events=events))
    assert ("events.csv", 5) in [(f, r) for f, r, _ in found]
    assert any("before the deposit of its instrument of withdrawal" in m for _, _, m in found)


def test_recorded_entry_into_force_that_disagrees_with_article_17(make_data):
    events = [SIGNED, RATIFIED, event("AAA", "entry_into_force", "1999-01-01")]
    file, row, message = only_problem(make_data(events=events))
    assert (file, row) == ("events.csv", 4)
    assert "Article 17.2 of the Ottawa Convention, which gives 1999-03-01" in message


def test_recorded_withdrawal_effect_that_disagrees_with_article_20(make_data):
    events = [
        SIGNED,
        RATIFIED,
        event("AAA", "withdrawal_deposited", "2025-06-27"),
        event("AAA", "withdrawal_effective", "2025-12-28"),
    ]
    file, row, message = only_problem(make_data(events=events))
    assert (file, row) == ("events.csv", 5)
    assert "Article 20.3 gives 2025-12-27" in message


def test_byte_order_mark_and_crlf_are_reported(make_data):
    directory = make_data()
    path = directory / "states.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    found = problems_in(directory)
    assert (
        "states.csv",
        1,
        "file starts with a byte-order mark; save it as UTF-8 without BOM",
    ) in found
    assert any(f == "states.csv" and "CRLF" in m for f, _, m in found)


def test_stray_spaces_are_reported(make_data):
    states = [*STATE_ROWS[:2], {**STATE_ROWS[2], "name": " Cland "}]
    found = problems_in(make_data(states=states))
    assert (
        "states.csv",
        4,
        "column 'name' has spaces around ' Cland '; remove the leading/trailing spaces",
    ) in found


def test_a_day_and_month_without_the_year_count_when_the_publication_fixes_the_year(make_data):
    # A news item of 20 July 1998 saying "on 1 July" states 1 July 1998; dated only "1998", or
    # published a year later, it does not.
    news = {**SOURCE, "source_id": "news", "published": "1998-07-20"}
    step = event("AAA", "ratification", "1998-07-01", excerpt="It ratified on 1 July.")
    step["source_id"] = "news"
    assert problems_in(make_data(events=[SIGNED, step], sources=[SOURCE, news])) == []
    for published in ("1998", "1999-07-20", "1998-06-30"):
        later = {**news, "published": published}
        file, row, message = only_problem(make_data(events=[SIGNED, step], sources=[SOURCE, later]))
        assert (file, row) == ("events.csv", 3)
        assert "without the year count only if the source was published" in message


def test_every_problem_is_reported_in_one_run(make_data):
    events = [
        event("ZZZ", "signature", "1997-12-03"),
        {**RATIFIED, "date": "2025-02-30"},
        {**RATIFIED, "iso3": "BBB", "source_id": "nope"},
    ]
    rows = sorted(r for f, r, _ in problems_in(make_data(events=events)) if f == "events.csv")
    assert rows[:3] == [2, 3, 4]


def test_treaty_excerpt_must_state_its_date(make_data):
    treaty = {**TREATY, "entry_into_force_excerpt": "entered into force in March 1999"}
    file, row, message = only_problem(make_data(treaties=[treaty]))
    assert (file, row) == ("treaties.csv", 2)
    assert "does not state 1999-03-01" in message


def test_a_complete_lists_day_belongs_to_a_partial_record(make_data):
    treaty = {**TREATY, "record": "complete", "record_complete_until": "2014-01-27"}
    file, row, message = only_problem(make_data(treaties=[treaty]))
    assert (file, row) == ("treaties.csv", 2)
    assert "record_complete_until 2014-01-27 but its record is 'complete'" in message


def test_state_without_boundary(make_data):
    features = [feature("AAA", square(0)), feature("BBB", square(1))]
    file, row, message = only_problem(make_data(features=features))
    assert (file, row) == ("states.csv", 4)
    assert "CCC has no boundary" in message


def test_boundary_without_state(make_data):
    features = [
        feature("AAA", square(0)),
        feature("BBB", square(1)),
        feature("CCC", square(5)),
        feature("DDD", square(8)),
    ]
    file, row, message = only_problem(make_data(features=features))
    assert (file, row) == ("boundaries.geojson", 4)
    assert "DDD is marked participant but is not in states.csv" in message


def test_invalid_geometry(make_data):
    bowtie = {"type": "Polygon", "coordinates": [[[5, 0], [6, 1], [6, 0], [5, 1], [5, 0]]]}
    features = [feature("AAA", square(0)), feature("BBB", square(1)), feature("CCC", bowtie)]
    found = problems_in(make_data(features=features))
    assert any(f == "boundaries.geojson" and r == 3 and "invalid" in m for f, r, m in found)


def test_empty_geometry(make_data):
    empty = {"type": "Polygon", "coordinates": []}
    features = [feature("AAA", square(0)), feature("BBB", square(1)), feature("CCC", empty)]
    found = problems_in(make_data(features=features))
    assert any(f == "boundaries.geojson" and r == 3 and "empty geometry" in m for f, r, m in found)


def test_projected_coordinates_are_refused(make_data):
    metres = {
        "type": "Polygon",
        "coordinates": [[[556597, 0], [667917, 0], [667917, 111325], [556597, 0]]],
    }
    features = [feature("AAA", square(0)), feature("BBB", square(1)), feature("CCC", metres)]
    found = problems_in(make_data(features=features))
    assert any(r == 3 and "EPSG:4326" in m for f, r, m in found if f == "boundaries.geojson")


def test_shape_across_the_antimeridian_is_refused(make_data):
    band = {
        "type": "Polygon",
        "coordinates": [[[-179, 60], [179, 60], [179, 61], [-179, 61], [-179, 60]]],
    }
    features = [feature("AAA", square(0)), feature("BBB", square(1)), feature("CCC", band)]
    found = problems_in(make_data(features=features))
    assert any(r == 3 and "antimeridian" in m for f, r, m in found if f == "boundaries.geojson")


def test_load_dataset_refuses_invalid_data_whole(make_data):
    directory = make_data(events=[SIGNED, {**RATIFIED, "date": "2025-02-30"}])
    with pytest.raises(DataError) as caught:
        load_dataset(directory)
    assert [str(p) for p in caught.value.problems] == [
        "events.csv:3: column 'date' is '2025-02-30', which is not a real calendar day"
    ]


def test_a_repeated_signature_is_reported_not_a_crash(make_data):
    directory = make_data(
        events=[event("AAA", "signature", "1997-12-03"), event("AAA", "signature", "1998-01-05")]
    )
    found = [(p.file, p.row, p.message) for p in validate(directory)[2]]
    assert (
        "events.csv",
        3,
        "AAA has more than one signature event; keep the one the depositary records",
    ) in found
