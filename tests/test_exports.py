"""The status table as a file (CSV, JSON) and the map layer (GeoJSON): the same rows from the
CLI and the app, one per state in name order, naming the treaty, the status in code and words
and whether the state is on the border; safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from conftest import STATE_ROWS, atlas_of, event, rename_state

from treatymap.data import read_record
from treatymap.exports import (
    STATUS_COLUMNS,
    map_layer_geojson,
    status_csv,
    status_json,
    status_rows,
)
from treatymap.status import statuses_on
from treatymap.vocab import STATUS_LABEL, Status

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "<img src=x onerror=alert(1)>",
    'Name, with "quotes"\nand a newline',
    "\u202eRTL name\u0301",
]


def test_hostile_names_read_back_as_written_and_never_as_formulas(make_data):
    states = [{**row, "name": name} for row, name in zip(STATE_ROWS, HOSTILE_NAMES, strict=False)]
    record, problems = read_record(
        make_data(states=states, events=[event("AAA", "signature", "1997-12-03")])
    )
    assert problems == []
    rows = status_rows(record, "ottawa", statuses_on(record, date(2000, 1, 1), "ottawa"))
    by_code = {r["iso3"]: r for r in csv.DictReader(io.StringIO(status_csv(rows)))}
    assert by_code["AAA"]["name"] == "'" + HOSTILE_NAMES[0]
    assert by_code["BBB"]["name"] == "'" + HOSTILE_NAMES[1]
    assert by_code["CCC"]["name"] == HOSTILE_NAMES[2]
    assert {r["name"] for r in json.loads(status_json(rows))} == set(HOSTILE_NAMES[:3])


@pytest.fixture
def world(make_world):
    # Renamed so that name order differs from code order: "Zembla" (NOR) sorts last.
    return atlas_of(rename_state(make_world(), "NOR", "Zembla"))


def rows_of(atlas, treaty: str, day: str):
    statuses = statuses_on(atlas.record, date.fromisoformat(day), treaty)
    return status_rows(atlas.record, treaty, statuses, atlas.frontline)


def test_status_csv_columns_and_rows_in_name_order(world):
    parsed = list(csv.DictReader(io.StringIO(status_csv(rows_of(world, "tri", "2025-02-01")))))
    assert tuple(parsed[0]) == STATUS_COLUMNS
    assert {"treaty_id", "status_label", "border_state"} <= set(STATUS_COLUMNS)
    names = [r["name"] for r in parsed]
    assert names == sorted(names, key=str.casefold)
    assert names[-1] == "Zembla"
    assert {r["treaty_id"] for r in parsed} == {"tri"}


def test_status_csv_row_under_the_third_treaty(world):
    """EST deposited its TRI withdrawal on 15 January 2025: pending, still bound, on the
    border; France never joined TRI and is far from the border."""
    by_code = {
        r["iso3"]: r
        for r in csv.DictReader(io.StringIO(status_csv(rows_of(world, "tri", "2025-02-01"))))
    }
    assert by_code["EST"] == {
        "treaty_id": "tri",
        "iso3": "EST",
        "name": "Estonia",
        "status": "withdrawal_pending",
        "status_label": STATUS_LABEL[Status.WITHDRAWAL_PENDING],
        "bound": "true",
        "since": "2025-01-15",
        "note": "",
        "border_state": "true",
    }
    assert (by_code["FRA"]["status"], by_code["FRA"]["bound"], by_code["FRA"]["border_state"]) == (
        "not_party",
        "false",
        "false",
    )
    assert by_code["FRA"]["since"] == ""


def test_status_json_has_the_same_rows_with_real_booleans(world):
    rows = rows_of(world, "tri", "2025-02-01")
    parsed = json.loads(status_json(rows))
    assert [r["iso3"] for r in parsed] == [r["iso3"] for r in rows]
    est = next(r for r in parsed if r["iso3"] == "EST")
    assert (est["bound"], est["border_state"], est["treaty_id"]) == (True, True, "tri")


def test_map_layer_joins_statuses_to_every_boundary(world):
    layer = json.loads(map_layer_geojson(world.boundaries, rows_of(world, "tri", "2025-04-15")))
    props = {f["properties"]["iso3"]: f["properties"] for f in layer["features"]}
    assert set(props) == set(world.boundaries["iso3"])
    assert (props["EST"]["status"], props["EST"]["bound"]) == ("withdrawn", False)
    assert (props["POL"]["status"], props["POL"]["bound"]) == ("state_party", True)
    assert props["POL"]["treaty_id"] == "tri"
    # Greenland takes no part in its own right: it has no status.
    assert props["GRL"]["status"] is None and props["GRL"]["participant"] is False
    assert props["GRL"]["sovereign_iso3"] == "DNK"
    assert all(f["geometry"]["type"] == "Polygon" for f in layer["features"])
