"""Pictures of time: the tables behind the charts, and the chart specs, on tiny records and on
the small world's Treaty of Trial. Colours are the map's own (treatymap.style); the count of
States Parties always agrees with the status engine."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from conftest import WORLD_STATES, event

from treatymap.charts import (
    frontline_chart,
    frontline_timeline,
    parties_chart,
    parties_over_time,
)
from treatymap.data import read_record
from treatymap.figures import key_moments
from treatymap.i18n import words_for
from treatymap.status import legal_dates, statuses_on
from treatymap.style import STATUS_STYLES, status_fill
from treatymap.vocab import STATUS_LABEL, Status

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


def ottawa(record):
    return record.treaties["ottawa"]


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
    frame = parties_over_time(ottawa(record), dates, until=UNTIL)
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
    frame = parties_over_time(ottawa(record), dates, until=date(2000, 1, 1))
    assert rows(frame, "day", "parties") == [
        ("1997-12-03", 0),
        ("1999-03-01", 1),
        ("2000-01-01", 1),
    ]
    on_effect = parties_over_time(ottawa(record), dates, until=date(2025, 12, 27))
    assert rows(on_effect, "day", "parties")[-2:] == [("2000-08-01", 2), ("2025-12-27", 1)]


EN = words_for("en")


def ottawa_words(record):
    return {"treaty": ottawa(record), "names": record.state_names(), "w": EN}


def test_frontline_timeline_bands(tiny):
    record, dates = tiny
    names = record.state_names()
    frame = frontline_timeline(ottawa(record), dates, ["CCC", "AAA"], names, UNTIL, EN)
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
    # Every day in a tooltip is written in Python, in the reader's language (Vega-Lite's own
    # date format knows English months only).
    assert rows(frame, "from", "to")[0] == ("3 December 1997", "30 June 1998")
    assert rows(frame, "from", "to")[4] == ("27 December 2025", "still in effect")
    lines = frontline_timeline(ottawa(record), dates, ["AAA"], names, UNTIL, words_for("pl"))
    assert list(lines["from"])[:2] == ["3 grudnia 1997", "1 lipca 1998"]


def test_frontline_timeline_cuts_bands_at_until(tiny):
    record, dates = tiny
    frame = frontline_timeline(
        ottawa(record), dates, ["AAA"], record.state_names(), date(2025, 7, 1), EN
    )
    assert rows(frame, "status", "start", "end")[-2:] == [
        ("state_party", "1999-03-01", "2025-06-27"),
        ("withdrawal_pending", "2025-06-27", "2025-07-02"),
    ]


def test_parties_chart_spec(tiny):
    record, dates = tiny
    frame = parties_over_time(ottawa(record), dates, until=UNTIL)
    moments = key_moments(record, ottawa(record), dates, ())
    chart = parties_chart(frame, date(2025, 7, 1), moments, **ottawa_words(record))
    layer, spec = layers(chart)
    assert spec["title"]["text"] == "States Parties over time"
    assert "Ottawa Convention" in spec["title"]["subtitle"]
    assert "States Parties to the Ottawa Convention" in spec["description"]
    assert "2 on 1 July 2025" in spec["description"]
    line = next(x for x in layer if mark_type(x) == "line")
    assert line["mark"]["interpolate"] == "step-after"
    assert line["mark"]["color"] == status_fill(Status.STATE_PARTY)
    rule = next(x for x in layer if mark_type(x) == "rule")
    assert rule["encoding"]["x"]["field"] == "day"
    assert [row["day"] for row in layer_data(spec, rule)] == ["2025-07-01T00:00:00"]
    points = next(x for x in layer if mark_type(x) == "point")
    marked = [(row["day"][:10], row["label"], row["parties"]) for row in layer_data(spec, points)]
    assert marked == [
        ("1997-12-03", "Opened for signature in Ottawa", 0),
        ("1999-03-01", "The Ottawa Convention enters into force", 1),
        ("2025-06-27", "Aland: withdrawal deposited", 2),
        ("2025-12-27", "Aland: withdrawal takes effect", 1),
    ]
    assert {t["field"] for t in points["encoding"]["tooltip"]} == {"when", "label", "parties"}


def test_frontline_chart_spec_uses_the_map_legend(tiny):
    record, dates = tiny
    frame = frontline_timeline(
        ottawa(record), dates, ["AAA", "BBB", "CCC"], record.state_names(), UNTIL, EN
    )
    chart = frontline_chart(frame, date(2025, 12, 27), treaty_name="Ottawa Convention", w=EN)
    layer, spec = layers(chart)
    bars = next(x for x in layer if mark_type(x) == "bar")
    encoding = bars["encoding"]
    assert (encoding["x"]["field"], encoding["x2"]["field"]) == ("start", "end")
    assert encoding["y"]["field"] == "name"
    assert encoding["y"]["sort"] == ["Aland", "Bland", "Cland"]
    scale = encoding["color"]["scale"]
    assert scale["domain"] == [STATUS_LABEL[s] for s in Status]
    assert scale["range"] == [STATUS_STYLES[s].fill for s in Status]
    # Only the pending band is outlined, dashed like the map's outline.
    dash = encoding["strokeDash"]["scale"]
    dashes = dict(zip(dash["domain"], dash["range"], strict=True))
    pending = STATUS_STYLES[Status.WITHDRAWAL_PENDING].line
    assert dashes[STATUS_LABEL[Status.WITHDRAWAL_PENDING]] == list(pending.dash)
    strokes = encoding["stroke"]["scale"]
    outline = dict(zip(strokes["domain"], strokes["range"], strict=True))
    assert outline[STATUS_LABEL[Status.WITHDRAWAL_PENDING]] == pending.colour
    assert all(
        dash == [1, 0]
        for label, dash in dashes.items()
        if label != STATUS_LABEL[Status.WITHDRAWAL_PENDING]
    )
    rule = next(x for x in layer if mark_type(x) == "rule")
    assert [row["day"] for row in layer_data(spec, rule)] == ["2025-12-27T00:00:00"]
    assert "y" not in rule["encoding"]  # spans every lane
    assert "27 December 2025" in spec["description"]
    assert "Ottawa Convention" in spec["title"]["subtitle"]


def test_parties_chart_on_a_day_before_the_opening(tiny):
    record, dates = tiny
    frame = parties_over_time(ottawa(record), dates, until=UNTIL)
    spec = parties_chart(frame, date(1997, 1, 1), [], **ottawa_words(record)).to_dict()
    assert "0 on 1 January 1997" in spec["description"]


# --- the Treaty of Trial: the same charts from another treaty's rows -----------------------


@pytest.fixture
def trial(make_world):
    record, problems = read_record(make_world())
    assert problems == []
    return record, record.treaties["tri"], legal_dates(record, "tri")


def test_tri_parties_over_time_starts_at_its_opening_and_counts_its_own_states(trial):
    """TRI opened 10 January 2000; EST bound from its entry into force (1 January 2001), POL
    from 1 May 2002; EST left 15 April 2025, three months after its deposit."""
    _, treaty, dates = trial
    frame = parties_over_time(treaty, dates, until=date(2026, 1, 1))
    assert rows(frame, "day", "parties") == [
        ("2000-01-10", 0),
        ("2001-01-01", 1),
        ("2002-05-01", 2),
        ("2025-04-15", 1),
        ("2026-01-01", 1),
    ]


@pytest.mark.parametrize("treaty", ["ottawa", "ccm", "tri"])
def test_the_count_agrees_with_the_status_engine_on_every_change_day(make_world, treaty):
    record, _ = read_record(make_world())
    dates = legal_dates(record, treaty)
    frame = parties_over_time(record.treaties[treaty], dates, until=date(2026, 6, 1))
    for day, parties in rows(frame, "day", "parties"):
        on = date.fromisoformat(day)
        assert parties == sum(s.bound for s in statuses_on(record, on, treaty, dates=dates)), day


def test_tri_lanes_and_chart(trial):
    record, treaty, dates = trial
    names = {s["iso3"]: s["name"] for s in WORLD_STATES}
    frame = frontline_timeline(treaty, dates, ["POL", "EST", "NOR"], names, date(2026, 1, 1), EN)
    assert rows(frame, "iso3", "status", "start") == [
        ("EST", "signatory", "2000-01-10"),
        ("EST", "ratified_not_in_force", "2000-06-15"),
        ("EST", "state_party", "2001-01-01"),
        ("EST", "withdrawal_pending", "2025-01-15"),
        ("EST", "withdrawn", "2025-04-15"),
        ("NOR", "not_party", "2000-01-10"),
        ("POL", "not_party", "2000-01-10"),
        ("POL", "ratified_not_in_force", "2002-02-02"),
        ("POL", "state_party", "2002-05-01"),
    ]
    spec = frontline_chart(frame, date(2025, 4, 15), treaty_name=treaty.short_name, w=EN).to_dict()
    assert "Status under the Treaty of Trial" in spec["title"]["subtitle"]
    assert "3 states bordering Russia or Belarus" in spec["description"]
    moments = key_moments(record, treaty, dates, ["EST", "NOR", "POL"])
    parties = parties_over_time(treaty, dates, until=date(2026, 1, 1))
    spec = parties_chart(
        parties, date(2025, 4, 15), moments, treaty=treaty, names=record.state_names(), w=EN
    )
    points = next(x for x in layers(spec)[0] if mark_type(x) == "point")
    labels = [row["label"] for row in layer_data(spec.to_dict(), points)]
    assert labels[0] == "Opened for signature in Tallinn"
    assert "1 on 15 April 2025" in spec.to_dict()["description"]
