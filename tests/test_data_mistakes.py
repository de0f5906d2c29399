"""One fixture per mistake a person editing the files by hand makes, through the real CLI.

Each must be reported by ``python -m treatymap check`` with its file, row and what to do, and
all problems in a file come out in one run.
"""

from __future__ import annotations

import io
import json

import pytest
from conftest import (
    SECOND_SOURCE,
    SOURCE,
    STATE_ROWS,
    TREATY,
    add_corroborations,
    corroboration,
    event,
    feature,
    square,
)

from treatymap.cli import main

SIGNED = event("AAA", "signature", "1997-12-03")
RATIFIED = event("AAA", "ratification", "1998-07-01")


def spoil_bytes(directory, name, change):
    path = directory / name
    path.write_bytes(change(path.read_bytes()))
    return directory


MISTAKES = {
    "byte-order mark": (
        lambda make: spoil_bytes(make(), "events.csv", lambda b: b"\xef\xbb\xbf" + b),
        "events.csv:1: file starts with a byte-order mark",
    ),
    "CRLF line ends": (
        lambda make: spoil_bytes(make(), "events.csv", lambda b: b.replace(b"\n", b"\r\n")),
        "events.csv:1: uses Windows (CRLF) line ends",
    ),
    "stray spaces": (
        lambda make: make(events=[{**SIGNED, "iso3": " AAA"}]),
        "events.csv:2: column 'iso3' has spaces around",
    ),
    "day/month date": (
        lambda make: make(events=[{**SIGNED, "date": "01/02/2025"}]),
        "events.csv:2: column 'date' is '01/02/2025'; write dates as YYYY-MM-DD",
    ),
    "impossible date": (
        lambda make: make(events=[{**SIGNED, "date": "2025-02-30"}]),
        "events.csv:2: column 'date' is '2025-02-30', which is not a real calendar day",
    ),
    "duplicate row": (
        lambda make: make(events=[SIGNED, SIGNED]),
        "events.csv:3: duplicates line 2",
    ),
    "unknown code": (
        lambda make: make(events=[SIGNED, {**RATIFIED, "iso3": "ZZZ"}]),
        "events.csv:3: state 'ZZZ' is not in states.csv",
    ),
    "lower-case code": (
        lambda make: make(events=[{**SIGNED, "iso3": "aaa"}]),
        "events.csv:2: column 'iso3' is 'aaa'; expected an ISO 3166-1 alpha-3 code in upper case",
    ),
    "missing source": (
        lambda make: make(events=[{**SIGNED, "source_id": ""}]),
        "events.csv:2: column 'source_id' is empty",
    ),
    "missing excerpt": (
        lambda make: make(events=[{**SIGNED, "excerpt": ""}]),
        "events.csv:2: column 'excerpt' is empty",
    ),
    "unused source": (
        lambda make: make(sources=[SOURCE, {**SOURCE, "source_id": "spare"}]),
        "sources.csv:3: source 'spare' is cited by no event",
    ),
    "event before signature": (
        lambda make: make(
            events=[
                event("AAA", "ratification", "1997-12-04"),
                event("AAA", "signature", "1998-01-05"),
            ]
        ),
        "events.csv:2: AAA deposited its ratification on 1997-12-04, before it signed",
    ),
    "withdrawal effective before deposit": (
        lambda make: make(
            events=[
                SIGNED,
                RATIFIED,
                event("AAA", "withdrawal_deposited", "2025-06-27"),
                event("AAA", "withdrawal_effective", "2025-01-01"),
            ]
        ),
        "events.csv:5: AAA's withdrawal is effective on 2025-01-01, before the deposit",
    ),
    "invalid geometry": (
        lambda make: make(
            features=[
                feature("AAA", square(0)),
                feature("BBB", square(1)),
                feature(
                    "CCC",
                    {"type": "Polygon", "coordinates": [[[5, 0], [6, 1], [6, 0], [5, 1], [5, 0]]]},
                ),
            ]
        ),
        "boundaries.geojson:3: feature CCC geometry is invalid",
    ),
    "empty geometry": (
        lambda make: make(
            features=[feature("AAA", square(0)), feature("BBB", square(1)), feature("CCC", None)]
        ),
        "boundaries.geojson:3: feature CCC has no geometry",
    ),
    "wrong coordinate system": (
        lambda make: spoil_bytes(
            make(),
            "boundaries.geojson",
            lambda b: json.dumps(
                {
                    **json.loads(b),
                    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
                }
            ).encode(),
        ),
        "boundaries.geojson:0: coordinate system is urn:ogc:def:crs:EPSG::3857; reproject",
    ),
    "unknown treaty": (
        lambda make: make(events=[{**SIGNED, "treaty_id": "nato"}]),
        "events.csv:2: treaty 'nato' is not in treaties.csv; use one of [ottawa]",
    ),
    "article written with brackets": (
        lambda make: make(treaties=[{**TREATY, "withdrawal_article": "20(3)"}]),
        "treaties.csv:2: column 'withdrawal_article' is '20(3)'; write an article number",
    ),
    "objection naming no state": (
        lambda make: make(events=[SIGNED, RATIFIED, event("BBB", "objection", "2025-10-17")]),
        "events.csv:4: BBB's objection names no state in 'concerns'",
    ),
    "corroboration of no event": (
        lambda make: add_corroborations(
            make(sources=[SOURCE, SECOND_SOURCE]),
            [corroboration("AAA", "ratification", "1998-07-01")],
        ),
        "corroborations.csv:2: no event in events.csv is ottawa, AAA, ratification on 1998-07-01",
    ),
    "state without boundary": (
        lambda make: make(states=[*STATE_ROWS, {"iso3": "DDD", "name": "Dland", "basis": "test"}]),
        "states.csv:5: state DDD has no boundary",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_check_reports_each_mistake_with_file_row_and_remedy(make_data, capsys, mistake):
    build, expected = MISTAKES[mistake]
    directory = build(make_data)
    code = main(["check", "--data-dir", str(directory)], out=io.StringIO())
    errors = capsys.readouterr().err.splitlines()
    assert code == 1
    assert any(line.startswith(expected) for line in errors), errors


def test_every_problem_in_one_file_is_reported_in_one_run(make_data, capsys):
    events = [
        {**SIGNED, "date": "2025-02-30"},
        {**RATIFIED, "iso3": "aaa"},
        {**SIGNED, "iso3": "BBB", "excerpt": ""},
        {**SIGNED, "iso3": "CCC", "date": "03/12/1997"},
    ]
    main(["check", "--data-dir", str(make_data(events=events))], out=io.StringIO())
    rows = [
        line.split(":")[1]
        for line in capsys.readouterr().err.splitlines()
        if line.startswith("events.csv:")
    ]
    assert rows == ["2", "3", "4", "5"]


# --- After an unreadable row, every later message still names the physical line ------------

BROKEN = {"source_id": "broken", "title": "x", "publisher": "x", "url": "not a url",
          "published": "", "accessed": "2026-01-01", "language": "en", "kind": "news",
          "address": "page"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        (
            "states.csv",
            lambda make: make(
                states=[
                    {"iso3": "aaa", "name": "Bad", "basis": "x"},
                    *STATE_ROWS,
                    {"iso3": "DDD", "name": "Dland", "basis": "test"},
                ]
            ),
            "states.csv:6: state DDD has no boundary",
        ),
        (
            "sources.csv",
            lambda make: make(sources=[BROKEN, SOURCE, {**SECOND_SOURCE}]),
            "sources.csv:4: source 'second' is cited by no event",
        ),
        (
            "treaties.csv",
            lambda make: make(
                treaties=[
                    {**TREATY, "treaty_id": "BAD ID"},
                    {**TREATY, "opened_excerpt": "opened in December"},
                ]
            ),
            "treaties.csv:3: the excerpt for opened_for_signature does not state 1997-12-03",
        ),
        (
            "boundaries.geojson",
            lambda make: make(
                features=[
                    feature("AAA", None),
                    feature("AAA", square(0)),
                    feature("BBB", square(1)),
                    feature("CCC", square(5)),
                    feature("ZZZ", square(8)),
                ]
            ),
            "boundaries.geojson:5: feature ZZZ is marked participant but is not in states.csv",
        ),
    ],
)
def test_after_an_unreadable_row_the_next_problem_names_its_own_line(
    make_data, capsys, name, build, expected
):
    """Rules across tables used to count the rows that parsed, and so named the line above the
    faulty one once a row above it could not be read."""
    main(["check", "--data-dir", str(build(make_data))], out=io.StringIO())
    errors = capsys.readouterr().err.splitlines()
    assert any(line.startswith(expected) for line in errors), errors


def test_a_source_missing_for_many_rows_is_said_once(make_data, capsys):
    """One unreadable row in sources.csv: a single message with how many rows cite the source
    and where, not one message per citing row."""
    events = [event(iso3, "signature", "1997-12-03") for iso3 in ("AAA", "BBB", "CCC")]
    events += [event(iso3, "ratification", "1998-07-01") for iso3 in ("AAA", "BBB", "CCC")]
    broken = {**SOURCE, "url": "no address"}
    main(["check", "--data-dir", str(make_data(events=events, sources=[broken]))],
         out=io.StringIO())  # fmt: skip
    errors = capsys.readouterr().err.splitlines()
    missing = [line for line in errors if "which is not in sources.csv" in line]
    assert len(missing) == 1, missing
    assert missing[0].startswith("treaties.csv:2: cites source 'src'")
    assert (
        "(9 rows cite it; also treaties.csv:2, treaties.csv:2, events.csv:2 and 5 more)"
        in (missing[0])
    )
    assert any(line.startswith("sources.csv:2: column 'url'") for line in errors)
