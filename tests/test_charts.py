"""Pictures of time: the tables behind the charts, and the chart specs, on tiny records."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import event

from treatymap.charts import (
    frontline_chart,
    frontline_timeline,
    parties_chart,
    parties_over_time,
)
from treatymap.data import read_record
from treatymap.figures import key_moments
from treatymap.status import legal_dates, statuses_on
from treatymap.vocab import STATUS_COLOUR, STATUS_LABEL, Status

UNTIL = date(2026, 1, 31)
EVENTS = [
    # AAA: signs on the opening day, ratifies (in force 1 March 1999), withdraws in 2025.
    event("AAA", "signature", "1997-12-03"),
    event("AAA", "ratification", "1998-07-01"),
    event("AAA", "withdrawal_deposited", "2025-06-27"),
    # BBB: accedes on 15 February 2000, in force 1 August 2000 (Article 17).
    event("BBB", "accession", "2000-02-15"),
    # CCC: signs and never ratifies.
    event("CCC", "signature", "1999-01-10"),
]


@pytest.fixture
def tiny(make_data):
    record, problems = read_record(make_data(events=EVENTS))
    assert problems == []
    return record, legal_dates(record, "ottawa")


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    def plain(value):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value

    return [tuple(map(plain, values)) for values in frame[list(columns)].itertuples(index=False)]


def layers(chart) -> tuple[list[dict], dict]:
    spec = chart.to_dict()
    return spec["layer"], spec


def layer_data(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def mark_type(layer: dict) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def test_parties_over_time_counts_at_each_change_point(tiny):
    record, dates = tiny
    frame = parties_over_time(record, dates, until=UNTIL)
    assert list(frame.columns) == ["day", "parties"]
    assert rows(frame, "day", "parties") == [
        ("1997-12-03", 0),
        ("1999-03-01", 1),  # AAA in force
        ("2000-08-01", 2),  # BBB in force
        ("2025-12-27", 1),  # AAA's withdrawal takes effect (pending is still bound)
        ("2026-01-31", 1),  # the line reaches the last day shown
    ]


def test_parties_over_time_stops_at_until(tiny):
    record, dates = tiny
    frame = parties_over_time(record, dates, until=date(2000, 1, 1))
    assert rows(frame, "day", "parties") == [
        ("1997-12-03", 0),
        ("1999-03-01", 1),
        ("2000-01-01", 1),
    ]
    on_effect = parties_over_time(record, dates, until=date(2025, 12, 27))
    assert rows(on_effect, "day", "parties")[-2:] == [("2000-08-01", 2), ("2025-12-27", 1)]


def test_frontline_timeline_bands(tiny):
    record, dates = tiny
    names = record.state_names()
    frame = frontline_timeline(record, dates, ["CCC", "AAA"], names, UNTIL)
    assert rows(frame, "iso3", "name", "status", "start", "end", "ongoing") == [
        ("AAA", "Aland", "signatory", "1997-12-03", "1998-07-01", False),
        ("AAA", "Aland", "ratified_not_in_force", "1998-07-01", "1999-03-01", False),
        ("AAA", "Aland", "state_party", "1999-03-01", "2025-06-27", False),
        ("AAA", "Aland", "withdrawal_pending", "2025-06-27", "2025-12-27", False),
        ("AAA", "Aland", "withdrawn", "2025-12-27", "2026-02-01", True),
        ("CCC", "Cland", "not_party", "1997-12-03", "1999-01-10", False),
        ("CCC", "Cland", "signatory", "1999-01-10", "2026-02-01", True),
    ]
    assert set(frame["label"]) == {STATUS_LABEL[Status(s)] for s in frame["status"]}


def test_frontline_timeline_cuts_bands_at_until(tiny):
    record, dates = tiny
    frame = frontline_timeline(record, dates, ["AAA"], record.state_names(), date(2025, 7, 1))
    assert rows(frame, "status", "start", "end")[-2:] == [
        ("state_party", "1999-03-01", "2025-06-27"),
        ("withdrawal_pending", "2025-06-27", "2025-07-02"),
    ]


def test_parties_chart_spec(tiny):
    record, dates = tiny
    frame = parties_over_time(record, dates, until=UNTIL)
    chart = parties_chart(frame, date(2025, 7, 1), key_moments(record, dates, "ottawa"))
    layer, spec = layers(chart)
    assert spec["title"]["text"] == "States Parties over time"
    assert "2 on 1 July 2025" in spec["description"]
    line = next(x for x in layer if mark_type(x) == "line")
    assert line["mark"]["interpolate"] == "step-after"
    assert line["mark"]["color"] == STATUS_COLOUR[Status.STATE_PARTY]
    rule = next(x for x in layer if mark_type(x) == "rule")
    assert rule["encoding"]["x"]["field"] == "day"
    assert [row["day"] for row in layer_data(spec, rule)] == ["2025-07-01T00:00:00"]
    points = next(x for x in layer if mark_type(x) == "point")
    marked = [(row["day"][:10], row["label"], row["parties"]) for row in layer_data(spec, points)]
    assert marked == [
        ("1997-12-03", "Opened for signature in Ottawa", 0),
        ("1999-03-01", "The Convention enters into force", 1),
        ("2025-06-27", "Aland: withdrawal deposited", 2),
        ("2025-12-27", "Aland: withdrawal takes effect", 1),
    ]
    assert {t["field"] for t in points["encoding"]["tooltip"]} == {"when", "label", "parties"}


def test_frontline_chart_spec_uses_the_map_legend(tiny):
    record, dates = tiny
    frame = frontline_timeline(record, dates, ["AAA", "BBB", "CCC"], record.state_names(), UNTIL)
    chart = frontline_chart(frame, date(2025, 12, 27))
    layer, spec = layers(chart)
    bars = next(x for x in layer if mark_type(x) == "bar")
    encoding = bars["encoding"]
    assert (encoding["x"]["field"], encoding["x2"]["field"]) == ("start", "end")
    assert encoding["y"]["field"] == "name"
    assert encoding["y"]["sort"] == ["Aland", "Bland", "Cland"]
    scale = encoding["color"]["scale"]
    assert scale["domain"] == [STATUS_LABEL[s] for s in Status]
    assert scale["range"] == [STATUS_COLOUR[s] for s in Status]
    # Only the pending band is outlined, dashed like the map's outline.
    dash = encoding["strokeDash"]["scale"]
    dashes = dict(zip(dash["domain"], dash["range"], strict=True))
    assert dashes[STATUS_LABEL[Status.WITHDRAWAL_PENDING]] == [6, 3]
    assert all(
        dash == [1, 0]
        for label, dash in dashes.items()
        if label != STATUS_LABEL[Status.WITHDRAWAL_PENDING]
    )
    rule = next(x for x in layer if mark_type(x) == "rule")
    assert [row["day"] for row in layer_data(spec, rule)] == ["2025-12-27T00:00:00"]
    assert "y" not in rule["encoding"]  # spans every lane
    assert "27 December 2025" in spec["description"]


@pytest.fixture(scope="module")
def real():
    from treatymap.data import load_dataset

    record = load_dataset().record
    return record, legal_dates(record, "ottawa")


def test_real_data_parties_over_time(real):
    record, dates = real
    frame = parties_over_time(record, dates, until=date(2026, 3, 1)).set_index("day")["parties"]

    def on(day: date) -> int:
        return int(frame[frame.index <= pd.Timestamp(day)].iloc[-1])

    assert on(date(2024, 1, 1)) == 164
    for day in (date(1999, 3, 1), date(2010, 6, 1), date(2025, 12, 27), date(2026, 2, 20)):
        bound = sum(s.bound for s in statuses_on(record, day, "ottawa", dates=dates))
        assert on(day) == bound, day


def test_real_data_estonia_lane(real):
    record, dates = real
    frame = frontline_timeline(record, dates, ["EST"], record.state_names(), date(2026, 3, 1))
    assert rows(frame, "status", "start")[-3:] == [
        ("state_party", "2004-11-01"),
        ("withdrawal_pending", "2025-06-27"),
        ("withdrawn", "2025-12-27"),
    ]


def test_parties_chart_on_a_day_before_the_opening(tiny):
    record, dates = tiny
    frame = parties_over_time(record, dates, until=UNTIL)
    spec = parties_chart(frame, date(1997, 1, 1), []).to_dict()
    assert "0 on 1 January 1997" in spec["description"]
