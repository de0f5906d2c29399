"""The status table as a file: same bytes from the CLI and the app, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from conftest import STATE_ROWS, event

from treatymap.data import read_record
from treatymap.exports import STATUS_COLUMNS, status_csv, status_json, status_rows
from treatymap.status import statuses_on

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
    rows = status_rows(record, statuses_on(record, date(2000, 1, 1), "ottawa"))
    parsed = list(csv.DictReader(io.StringIO(status_csv(rows))))
    assert tuple(parsed[0]) == STATUS_COLUMNS
    assert parsed[0]["name"] == "'" + HOSTILE_NAMES[0]
    assert parsed[1]["name"] == "'" + HOSTILE_NAMES[1]
    assert parsed[2]["name"] == HOSTILE_NAMES[2]
    assert [r["bound"] for r in parsed] == ["false", "false", "false"]
    assert [r["name"] for r in json.loads(status_json(rows))] == HOSTILE_NAMES[:3]


def test_map_layer_joins_statuses_to_every_boundary():
    import json as _json

    from treatymap.data import load_dataset
    from treatymap.exports import map_layer_geojson

    ds = load_dataset()
    day = date(2025, 12, 27)
    layer = _json.loads(
        map_layer_geojson(
            ds.boundaries, status_rows(ds.record, statuses_on(ds.record, day, "ottawa"))
        )
    )
    props = {f["properties"]["iso3"]: f["properties"] for f in layer["features"]}
    assert len(props) == len(ds.boundaries)
    assert props["EST"]["status"] == "withdrawn" and props["EST"]["bound"] is False
    assert props["FIN"]["status"] == "withdrawal_pending" and props["FIN"]["bound"] is True
    assert props["GRL"]["status"] is None and props["GRL"]["participant"] is False
