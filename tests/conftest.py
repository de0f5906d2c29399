"""Tiny hand-written datasets: three unit-square states, one treaty, one source.

``make_data(events=[...])`` writes a complete, valid data directory that a test then spoils in
exactly one way, so each test reads in one screen and fails for one reason.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from treatymap.schemas import EVENTS, SOURCES, STATES, TREATIES

TREATY = {
    "treaty_id": "ottawa",
    "short_name": "Ottawa Convention",
    "full_name": "Convention on the Prohibition of Anti-Personnel Mines",
    "called": "the Convention",
    "depositary": "Secretary-General of the United Nations",
    "opened_for_signature": "1997-12-03",
    "opened_place": "Ottawa",
    "opened_source_id": "src",
    "opened_excerpt": "opened for signature on 3 December 1997",
    "entry_into_force": "1999-03-01",
    "instruments_for_entry_into_force": "40",
    "entry_into_force_source_id": "src",
    "entry_into_force_excerpt": "entered into force on 1 March 1999",
    "months_to_entry_into_force": "6",
    "months_to_withdrawal": "6",
    "consent_article": "16",
    "general_entry_into_force_article": "17.1",
    "state_entry_into_force_article": "17.2",
    "withdrawal_article": "20.3",
    "armed_conflict_article": "20.3",
    "text_source_id": "src",
    "record_reviewed": "2026-01-01",
}
SOURCE = {
    "source_id": "src",
    "title": "A source",
    "publisher": "A publisher",
    "url": "https://example.org/source",
    "published": "2025",
    "accessed": "2026-01-01",
    "language": "en",
}
STATE_ROWS = [
    {"iso3": "AAA", "name": "Aland", "basis": "test"},
    {"iso3": "BBB", "name": "Bland", "basis": "test"},
    {"iso3": "CCC", "name": "Cland", "basis": "test"},
]
#: Unit squares: AAA and BBB share an edge at x=1; CCC stands alone at x=5.
SQUARES = {"AAA": 0.0, "BBB": 1.0, "CCC": 5.0}


def event(iso3: str, kind: str, day: str, excerpt: str | None = None, **extra: str) -> dict:
    """An events.csv row whose excerpt states its date unless told otherwise."""
    from datetime import date

    d = date.fromisoformat(day)
    text = excerpt if excerpt is not None else f"{iso3} {kind} on {d.day} {d:%B %Y}."
    row = {
        "treaty_id": "ottawa",
        "iso3": iso3,
        "event": kind,
        "date": day,
        "source_id": "src",
        "excerpt": text,
        "note": "",
        "date_certainty": "",
        "concerns": "",
    }
    row.update(extra)
    return row


def square(x: float, y: float = 0.0) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
    }


def feature(iso3: str, geometry: dict | None, participant: bool = True, **props: Any) -> dict:
    properties = {
        "iso3": iso3,
        "name": iso3.title(),
        "participant": participant,
        "sovereign_iso3": "",
        "scale": "50m",
    }
    properties.update(props)
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


MakeData = Callable[..., Path]


@pytest.fixture
def make_data(tmp_path: Path) -> MakeData:
    """Write a data directory; every table can be replaced by a keyword argument."""

    def make(
        events: list[dict] | None = None,
        states: list[dict] | None = None,
        sources: list[dict] | None = None,
        treaties: list[dict] | None = None,
        features: list[dict] | None = None,
    ) -> Path:
        directory = tmp_path / "data"
        directory.mkdir(exist_ok=True)
        default_events = [event("AAA", "signature", "1997-12-03")]
        write_csv(directory / STATES.file, STATES.column_names, states or STATE_ROWS)
        write_csv(directory / TREATIES.file, TREATIES.column_names, treaties or [TREATY])
        write_csv(directory / SOURCES.file, SOURCES.column_names, sources or [SOURCE])
        write_csv(
            directory / EVENTS.file,
            EVENTS.column_names,
            default_events if events is None else events,
        )
        if features is None:
            features = [feature(iso3, square(x)) for iso3, x in SQUARES.items()]
        collection = {"type": "FeatureCollection", "features": features}
        (directory / "boundaries.geojson").write_text(json.dumps(collection), encoding="utf-8")
        return directory

    return make


def bundled_copy(where: Path, est_excerpt: str | None = None, est_name: str | None = None) -> Path:
    """A copy of the bundled data with Estonia's deposit excerpt and/or name replaced.

    The hostile-text tests use it to put markup and script where real source text goes.
    """
    import shutil

    from treatymap.data import DEFAULT_DATA_DIR

    directory = where / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    if est_excerpt is not None:
        path = directory / "events.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for row in rows:
            if (row["iso3"], row["event"]) == ("EST", "withdrawal_deposited"):
                row["excerpt"] = est_excerpt
        write_csv(path, rows[0].keys(), rows)
    if est_name is not None:
        path = directory / "states.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for row in rows:
            if row["iso3"] == "EST":
                row["name"] = est_name
        write_csv(path, rows[0].keys(), rows)
        boundaries = directory / "boundaries.geojson"
        collection = json.loads(boundaries.read_text(encoding="utf-8"))
        for item in collection["features"]:
            if item["properties"]["iso3"] == "EST":
                item["properties"]["name"] = est_name
        boundaries.write_text(json.dumps(collection), encoding="utf-8")
    return directory
