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
    "signature_stage": "true",
    "entry_into_force_day": "first_of_month",
    "leaving": "withdrawal",
    "obligation": "bans_anti_personnel_mines",
    "record": "complete",
}
SOURCE = {
    "source_id": "src",
    "title": "A source",
    "publisher": "A publisher",
    "url": "https://example.org/source",
    "published": "2025",
    "accessed": "2026-01-01",
    "language": "en",
    "kind": "monitor",
    "address": "page",
}
STATE_ROWS = [
    {"iso3": "AAA", "name": "Aland", "basis": "test"},
    {"iso3": "BBB", "name": "Bland", "basis": "test"},
    {"iso3": "CCC", "name": "Cland", "basis": "test"},
]
#: Unit squares: AAA and BBB share an edge at x=1; CCC stands alone at x=5.
SQUARES = {"AAA": 0.0, "BBB": 1.0, "CCC": 5.0}


def event(
    iso3: str,
    kind: str,
    day: str,
    excerpt: str | None = None,
    treaty: str = "ottawa",
    **extra: str,
) -> dict:
    """An events.csv row whose excerpt states its date unless told otherwise."""
    from datetime import date

    d = date.fromisoformat(day)
    text = excerpt if excerpt is not None else f"{iso3} {kind} on {d.day} {d:%B %Y}."
    row = {
        "treaty_id": treaty,
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


# --- A small world with real codes: Russia and Belarus, their neighbours, three treaties -----

#: A second treaty with the CCM's numbers (30 instruments, opened in Oslo).
CCM = {
    **TREATY,
    "treaty_id": "ccm",
    "short_name": "Convention on Cluster Munitions",
    "full_name": "Convention on Cluster Munitions",
    "opened_for_signature": "2008-12-03",
    "opened_place": "Oslo",
    "opened_excerpt": "opened for signature on 3 December 2008",
    "entry_into_force": "2010-08-01",
    "instruments_for_entry_into_force": "30",
    "entry_into_force_excerpt": "entered into force on 1 August 2010",
    "record_reviewed": "2025-09-05",
    "obligation": "bans_cluster_munitions",
}
#: A fictional third treaty that differs in every number, to prove a treaty is only rows:
#: 20 instruments, entry into force 3 months after a deposit, withdrawal after 3 months, no
#: armed-conflict rule, its own articles.
TRI = {
    **TREATY,
    "treaty_id": "tri",
    "short_name": "Treaty of Trial",
    "full_name": "Treaty on a Trial Ban",
    "called": "the Treaty",
    "opened_for_signature": "2000-01-10",
    "opened_place": "Tallinn",
    "opened_excerpt": "opened for signature on 10 January 2000",
    "entry_into_force": "2001-01-01",
    "instruments_for_entry_into_force": "20",
    "entry_into_force_excerpt": "entered into force on 1 January 2001",
    "months_to_entry_into_force": "3",
    "months_to_withdrawal": "3",
    "consent_article": "9",
    "general_entry_into_force_article": "11.1",
    "state_entry_into_force_article": "11.2",
    "withdrawal_article": "14.2",
    "armed_conflict_article": "",
    "record_reviewed": "2026-01-01",
}
#: A fictional treaty of another shape, like the Convention on Certain Conventional Weapons'
#: protocols: no signature stage (a state notifies its consent), entry into force six months
#: after a notification to the day, a denunciation that takes a year, rules that restrict mines
#: rather than ban them, and a record that is not complete.
RES = {
    **TREATY,
    "treaty_id": "res",
    "short_name": "Protocol of Restraint",
    "full_name": "Protocol on Restraint in the Use of Mines",
    "called": "the Protocol",
    "opened_for_signature": "1996-05-03",
    "opened_place": "Geneva",
    "opened_excerpt": "adopted on 3 May 1996",
    "entry_into_force": "1998-12-03",
    "instruments_for_entry_into_force": "20",
    "entry_into_force_excerpt": "entered into force on 3 December 1998",
    "consent_article": "4.4",
    "general_entry_into_force_article": "5.3",
    "state_entry_into_force_article": "5.4",
    "withdrawal_article": "9.2",
    "armed_conflict_article": "9.2",
    "months_to_withdrawal": "12",
    "signature_stage": "false",
    "entry_into_force_day": "same_day",
    "leaving": "denunciation",
    "obligation": "restricts_mines",
    "record": "partial",
}
#: The Protocol of Restraint's events: Estonia notifies its consent; Norway is one of the first
#: twenty, whose notification no source dates; Poland denounces it.
RES_EVENTS = [
    event("EST", "consent_to_be_bound", "2000-04-20", treaty="res"),
    event("NOR", "entry_into_force", "1998-12-03", treaty="res"),
    event("POL", "consent_to_be_bound", "2003-10-15", treaty="res"),
    event("POL", "withdrawal_deposited", "2025-03-01", treaty="res"),
]
WORLD_STATES = [
    {"iso3": "BLR", "name": "Belarus", "basis": "test"},
    {"iso3": "DNK", "name": "Denmark", "basis": "test"},
    {"iso3": "EST", "name": "Estonia", "basis": "test"},
    {"iso3": "FRA", "name": "France", "basis": "test"},
    {"iso3": "NOR", "name": "Norway", "basis": "test"},
    {"iso3": "POL", "name": "Poland", "basis": "test"},
    {"iso3": "RUS", "name": "Russian Federation", "basis": "test"},
]
#: Unit squares (west, south). Russia at the origin; Norway above it, Belarus below, Estonia to
#: its right and Poland below Estonia (a land border with Belarus); France, Denmark and
#: Greenland far off.
WORLD_SQUARES = {
    "RUS": (20.0, 55.0),
    "NOR": (20.0, 56.0),
    "BLR": (20.0, 54.0),
    "EST": (21.0, 55.0),
    "POL": (21.0, 54.0),
    "FRA": (10.0, 48.0),
    "DNK": (10.0, 52.0),
    "GRL": (10.0, 60.0),
}
WORLD_EVENTS = [
    # Ottawa: Estonia joins and leaves; Norway and Poland bound; Belarus accedes; Russia never.
    event("EST", "accession", "2004-05-12"),
    event("EST", "entry_into_force", "2004-11-01"),
    event("EST", "withdrawal_announced", "2025-03-18"),
    event("EST", "withdrawal_deposited", "2025-06-27"),
    event("EST", "withdrawal_effective", "2025-12-27"),
    event("NOR", "signature", "1997-12-03"),
    event("NOR", "ratification", "1998-07-09"),
    event("POL", "signature", "1997-12-04"),
    event("POL", "ratification", "2012-12-27"),
    event("BLR", "accession", "2003-09-03"),
    event("FRA", "signature", "1997-12-03"),
    event("FRA", "ratification", "1998-07-23"),
    event("DNK", "signature", "1997-12-04"),
    event("DNK", "ratification", "1998-06-08"),
    event("FRA", "objection", "2025-10-17", concerns="EST"),
    # The CCM: Norway bound; Estonia never; France ratified; Poland never.
    event("NOR", "signature", "2008-12-03", treaty="ccm"),
    event("NOR", "ratification", "2008-12-03", treaty="ccm"),
    event("FRA", "signature", "2008-12-03", treaty="ccm"),
    event("FRA", "ratification", "2009-09-25", treaty="ccm"),
    event("DNK", "signature", "2008-12-03", treaty="ccm"),
    event("DNK", "ratification", "2010-02-12", treaty="ccm"),
    event("DNK", "withdrawal_deposited", "2024-09-06", treaty="ccm"),
    # The Treaty of Trial: Estonia and Poland join, Estonia leaves after three months.
    event("EST", "signature", "2000-01-10", treaty="tri"),
    event("EST", "ratification", "2000-06-15", treaty="tri"),
    event("POL", "accession", "2002-02-02", treaty="tri"),
    event("EST", "withdrawal_deposited", "2025-01-15", treaty="tri"),
]


@pytest.fixture
def make_world(make_data: MakeData) -> Callable[..., Path]:
    """The small world: seven states, Greenland, three treaties; ``events=`` replaces them."""

    def make(events: list[dict] | None = None, treaties: list[dict] | None = None) -> Path:
        features = [
            feature(iso3, square(x, y), participant=iso3 != "GRL", name=name)
            for iso3, (x, y), name in (
                (
                    code,
                    at,
                    next((s["name"] for s in WORLD_STATES if s["iso3"] == code), "Greenland"),
                )
                for code, at in WORLD_SQUARES.items()
            )
        ]
        features[-1]["properties"]["sovereign_iso3"] = "DNK"
        return make_data(
            events=WORLD_EVENTS if events is None else events,
            states=WORLD_STATES,
            treaties=treaties or [TREATY, CCM, TRI],
            features=features,
        )

    return make


# --- Appended helpers: corroborations, renaming a state, the atlas of a data directory -------

#: A second source, for corroborations (sources.csv refuses a source nobody cites, so pass it
#: to ``make_data(sources=[SOURCE, SECOND_SOURCE])`` only together with a row citing it).
SECOND_SOURCE = {
    **SOURCE,
    "source_id": "second",
    "title": "Another source",
    "url": "https://example.org/another",
    "kind": "support_unit",
}


def corroboration(
    iso3: str,
    kind: str,
    day: str,
    source_id: str = "second",
    excerpt: str | None = None,
    treaty: str = "ottawa",
) -> dict:
    """A corroborations.csv row for the event (treaty, iso3, kind, day), from another source."""
    row = event(iso3, kind, day, excerpt, treaty=treaty)
    return {
        "treaty_id": row["treaty_id"],
        "iso3": iso3,
        "event": kind,
        "date": day,
        "source_id": source_id,
        "excerpt": f"Also: {row['excerpt']}" if excerpt is None else excerpt,
        "provenance": "",
    }


def add_corroborations(directory: Path, rows: Iterable[dict]) -> Path:
    """Append rows to ``directory``'s corroborations.csv (written with its header if absent)."""
    from treatymap.schemas import CORROBORATIONS

    path = directory / CORROBORATIONS.file
    if not path.exists():
        write_csv(path, CORROBORATIONS.column_names, [])
    with path.open("a", newline="", encoding="utf-8") as fh:
        columns = list(CORROBORATIONS.column_names)
        csv.DictWriter(fh, fieldnames=columns, lineterminator="\n").writerows(rows)
    return directory


def rename_state(directory: Path, iso3: str, name: str) -> Path:
    """Give a state another name in states.csv and on its boundary (for hostile-text tests)."""
    path = directory / STATES.file
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["iso3"] == iso3:
            row["name"] = name
    write_csv(path, STATES.column_names, rows)
    boundaries = directory / "boundaries.geojson"
    collection = json.loads(boundaries.read_text(encoding="utf-8"))
    for item in collection["features"]:
        if item["properties"]["iso3"] == iso3:
            item["properties"]["name"] = name
    boundaries.write_text(json.dumps(collection), encoding="utf-8")
    return directory


def atlas_of(directory: Path, version: str = "0123456789ab") -> Any:
    """The :class:`treatymap.view.Atlas` of a (valid) data directory."""
    from treatymap.data import load_dataset
    from treatymap.view import build_atlas

    return build_atlas(load_dataset(directory), version)


# --- One server and one browser for every browser test (tests/browser_support.py) -----------


@pytest.fixture(scope="session")
def server():
    """``streamlit run app.py`` on the bundled data, shared by every browser test module."""
    from browser_support import Server, require_chromium

    require_chromium()
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, shared by every browser test module."""
    from browser_support import launch, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()
