"""The bundled data (geodata/), tested in this one file: the facts a reader checks first, the
counts the sources state, the map's conventions, and one smoke run of the page on it.

Every other test file runs on the tiny fixtures of tests/conftest.py, so a correction to
events.csv can only break a test here, where the fact is written once with its source.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import geopandas as gpd
import pytest
import shapely
from page_support import whole_page
from shapely.geometry import Point

from treatymap.assets import BOUNDARIES_OBJECT, boundaries_topojson
from treatymap.checks import single_source_events
from treatymap.data import load_dataset, validate
from treatymap.drawing import Frame, drawn_shapes, map_svg
from treatymap.geometry import REFERENCE_STATES, frontline_states, land_neighbours
from treatymap.mapview import (
    STATUS_ORDER,
    day_symbol,
    status_entry,
    status_timelines,
    view_payload,
)
from treatymap.status import status_changes, status_on, statuses_on
from treatymap.style import OUTLINES
from treatymap.thinning import DETAIL_BOUNDS
from treatymap.url_state import Focus
from treatymap.view import build_atlas, build_view, statuses_for
from treatymap.vocab import EventKind, Status

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def decoded(dataset):
    """The boundaries as the map's bundle carries them, read back (built once: thinning them
    takes most of a second)."""
    return _decoded(json.loads(boundaries_topojson(dataset.boundaries)))


@pytest.fixture(scope="module")
def atlas(dataset):
    return build_atlas(dataset, "test")


def status(atlas, treaty: str, iso3: str, day: str) -> Status:
    return status_on(atlas.dates[treaty][iso3], date.fromisoformat(day)).status


def deposited(atlas, treaty: str, day: date) -> int:
    """States that have deposited an instrument by ``day`` and not left: how the Monitor and
    the depositary count "States Parties" (whether or not the treaty is yet in force for them)."""
    return sum(
        1
        for legal in atlas.dates[treaty].values()
        if legal.consent_deposited
        and legal.consent_deposited <= day
        and not (legal.withdrawal_effective and legal.withdrawal_effective <= day)
    )


def test_bundled_data_passes_every_check():
    assert [str(p) for p in validate()[2]] == []


def test_all_197_states_that_can_take_part_are_listed(dataset):
    codes = {s.iso3 for s in dataset.record.states}
    assert len(codes) == 197
    assert {"VAT", "PSE", "COK", "NIU", "TUV", "NRU", "LIE", "SSD"} <= codes


def test_the_three_treaties_are_in_the_record(dataset):
    assert list(dataset.record.treaties) == ["ottawa", "ccm", "apii"]  # Ottawa first: the default


def test_every_state_and_the_main_non_state_features_are_on_the_map(dataset):
    frame = dataset.boundaries
    participants = set(frame.loc[frame.participant, "iso3"])
    assert participants == {s.iso3 for s in dataset.record.states}
    others = set(frame.loc[~frame.participant, "iso3"])
    assert {"GRL", "ESH", "TWN", "XKX", "ATA"} <= others


# --- The Ottawa Convention ---------------------------------------------------------------------


def test_164_states_parties_at_the_start_of_2024(dataset):
    # Landmine Monitor 2023: "164 States Parties" (none joined or left in the second half of 2023)
    bound = [s for s in statuses_on(dataset.record, date(2024, 1, 1), "ottawa") if s.bound]
    assert len(bound) == 164


@pytest.mark.parametrize(
    ("iso3", "deposit", "effect"),
    [
        ("EST", "2025-06-27", "2025-12-27"),
        ("LVA", "2025-06-27", "2025-12-27"),
        ("LTU", "2025-06-27", "2025-12-27"),
        ("FIN", "2025-07-10", "2026-01-10"),
        ("POL", "2025-08-20", "2026-02-20"),
    ],
)
def test_the_2025_ottawa_withdrawals(atlas, iso3, deposit, effect):
    one_day = timedelta(days=1)
    before_deposit = (date.fromisoformat(deposit) - one_day).isoformat()
    before_effect = (date.fromisoformat(effect) - one_day).isoformat()
    assert status(atlas, "ottawa", iso3, before_deposit) is Status.STATE_PARTY
    assert status(atlas, "ottawa", iso3, deposit) is Status.WITHDRAWAL_PENDING
    assert status(atlas, "ottawa", iso3, before_effect) is Status.WITHDRAWAL_PENDING
    assert status(atlas, "ottawa", iso3, effect) is Status.WITHDRAWN


def test_estonias_steps_in_order_and_none_before_the_deposit_changes_its_status(atlas, dataset):
    steps = [
        (e.kind.value, e.date.isoformat())
        for e in dataset.record.events_of("ottawa", iso3="EST")
        if e.date.year == 2025 and e.kind is not EventKind.STATEMENT
    ]
    assert steps == [
        ("withdrawal_announced", "2025-03-18"),  # the four defence ministers
        ("withdrawal_announced", "2025-04-24"),  # the government approves the draft act
        ("parliament_vote", "2025-06-04"),
        ("withdrawal_signed", "2025-06-13"),  # President Karis proclaims the law
        ("withdrawal_deposited", "2025-06-27"),
        ("withdrawal_effective", "2025-12-27"),
    ]
    assert status(atlas, "ottawa", "EST", "2025-06-26") is Status.STATE_PARTY


def test_finlands_steps_from_the_first_statement_to_the_effect(atlas, dataset):
    steps = [
        (e.kind.value, e.date.isoformat())
        for e in dataset.record.events_of("ottawa", iso3="FIN")
        if e.date.year >= 2024 and e.kind is not EventKind.STATEMENT
    ]
    assert steps == [
        ("withdrawal_considered", "2024-11-30"),  # President Stubb on Yle
        ("withdrawal_announced", "2025-04-01"),  # the government begins the preparations
        ("withdrawal_announced", "2025-05-28"),  # the government approves the bill
        ("parliament_vote", "2025-06-19"),
        ("withdrawal_signed", "2025-07-04"),
        ("withdrawal_deposited", "2025-07-10"),
        ("withdrawal_effective", "2026-01-10"),
    ]
    assert status(atlas, "ottawa", "FIN", "2025-07-09") is Status.STATE_PARTY


def test_russia_belarus_and_the_us(atlas):
    assert status(atlas, "ottawa", "RUS", "2026-01-01") is Status.NOT_PARTY
    assert status(atlas, "ottawa", "USA", "2026-01-01") is Status.NOT_PARTY
    assert status(atlas, "ottawa", "BLR", "2026-01-01") is Status.STATE_PARTY


def test_ukraine_remains_bound_with_a_political_note_and_the_objections(atlas, dataset):
    result = status_on(atlas.dates["ottawa"]["UKR"], date(2026, 6, 1))
    assert result.status is Status.STATE_PARTY and result.noted
    around_ukraine = dataset.record.events_of("ottawa", iso3="UKR", involving=True)
    objections = [e for e in around_ukraine if e.kind is EventKind.OBJECTION]
    assert [(e.iso3, e.date.isoformat(), e.date_certainty) for e in objections] == [
        ("CHE", "2025-10-17", None),  # Switzerland's Federal Department of Foreign Affairs
        ("NZL", "2025-11-25", None),  # New Zealand's note verbale, as its statement of December
        ("NOR", "2025-12-02", "unconfirmed"),  # reported lodged by 2 December (RIA Novosti)
        ("AUT", "2025-12-02", "unconfirmed"),
        ("BEL", "2025-12-02", "unconfirmed"),
    ]
    assert status(atlas, "ottawa", "CHE", "2026-06-01") is Status.STATE_PARTY  # changes nothing


def test_entry_into_force_of_the_ottawa_convention(atlas):
    assert atlas.dates["ottawa"]["BFA"].entry_into_force == date(1999, 3, 1)  # the 40th
    assert status(atlas, "ottawa", "CAN", "1999-02-28") is Status.RATIFIED_NOT_IN_FORCE
    assert status(atlas, "ottawa", "CAN", "1999-03-01") is Status.STATE_PARTY


# --- The Convention on Cluster Munitions -------------------------------------------------------


def test_lithuania_left_the_ccm_on_6_march_2025_then_the_ottawa_convention(atlas):
    # 12th Meeting's President: instrument received 6 September 2024; the ISU: effect
    # 6 March 2025. Ottawa: effect 27 December 2025 (ICBL).
    assert status(atlas, "ccm", "LTU", "2024-09-05") is Status.STATE_PARTY
    assert status(atlas, "ccm", "LTU", "2025-03-05") is Status.WITHDRAWAL_PENDING
    assert status(atlas, "ccm", "LTU", "2025-03-06") is Status.WITHDRAWN
    assert status(atlas, "ottawa", "LTU", "2025-03-06") is Status.STATE_PARTY
    assert status(atlas, "ottawa", "LTU", "2026-01-01") is Status.WITHDRAWN


@pytest.mark.parametrize(
    ("day", "count", "source"),
    [
        # "As of 25 August 2011, ... 60 had also ratified the convention; and one state had
        # acceded. A total of 61 States Parties": Cluster Munition Monitor 2011, Ban Policy.
        ("2011-08-25", 61, "the-monitor.org/en-gb/reports/2011/cluster-munition-monitor-2011"),
        # "As of 15 August 2016 there were 100 States Parties": Cluster Munition Monitor 2016.
        ("2016-08-15", 100, "archives2.the-monitor.org/.../cluster-munition-monitor-2016"),
        # "There were 103 States Parties to the convention as of 1 August 2018": CMM 2018.
        ("2018-08-01", 103, "the-monitor.org/en-gb/reports/2018/cluster-munition-monitor-2018"),
        # "As of 1 August 2022 there were 110 States Parties": Cluster Munition Monitor 2022.
        ("2022-08-01", 110, "archives2.the-monitor.org/.../cluster-munition-monitor-2022"),
        # UN Treaty Collection, XXVI-6: "STATUS AS AT : 22-06-2025 ... Parties : 111".
        ("2025-06-22", 111, "treaties.un.org, mtdsg_no=XXVI-6"),
    ],
)
def test_ccm_states_parties_as_the_sources_count_them(atlas, day, count, source):
    """The Monitor and the depositary count a State Party from its deposit: so does this."""
    assert deposited(atlas, "ccm", date.fromisoformat(day)) == count, source


def test_ccm_entry_into_force_bound_the_first_30_and_108_had_signed(atlas):
    # "When the Convention on Cluster Munitions entered into force on 1 August 2010, ...
    # 108 states had signed, of which 38 were States Parties" (CMM 2015): 38 deposits, of
    # which the first 30 were bound that day (Article 17.1).
    day = date(2010, 8, 1)
    assert deposited(atlas, "ccm", day) == 38
    assert (
        sum(s.bound for s in statuses_on(atlas.record, day, "ccm", dict(atlas.dates["ccm"]))) == 30
    )
    signed = sum(1 for d in atlas.dates["ccm"].values() if d.signature and d.signature <= day)
    assert signed == 108


def test_ccm_signatories_not_yet_parties_in_2016(atlas):
    # "As of 15 August 2016 there were 100 States Parties and 19 signatories" (CMM 2016).
    statuses = [status_on(d, date(2016, 8, 15)).status for d in atlas.dates["ccm"].values()]
    assert statuses.count(Status.SIGNATORY) == 19


def test_the_border_states_that_never_joined_the_ccm(atlas):
    for iso3 in ("EST", "LVA", "FIN", "POL", "UKR", "RUS", "BLR"):
        assert status(atlas, "ccm", iso3, "2026-01-01") is Status.NOT_PARTY
    assert status(atlas, "ccm", "NOR", "2026-01-01") is Status.STATE_PARTY


# --- The record's sources ----------------------------------------------------------------------


def test_fewer_legal_dates_rest_on_one_source_than_before_the_second_sources(dataset):
    single = single_source_events(dataset.record)
    ottawa = [e for e in single if e.treaty_id == "ottawa"]
    assert len(ottawa) < 471  # every Ottawa legal date rested on one source before
    assert not any(
        "README" in (e.note or "") for e in dataset.record.events
    )  # notes speak to readers


# --- The map -----------------------------------------------------------------------------------


def test_land_neighbours_of_russia_and_belarus(dataset):
    front = frontline_states(dataset.boundaries)
    russia = ["NOR", "FIN", "EST", "LVA", "LTU", "POL", "UKR", "BLR", "GEO", "AZE", "KAZ", "CHN",
              "MNG", "PRK"]  # fmt: skip
    assert front["RUS"] == sorted(russia)
    assert front["BLR"] == sorted(["POL", "LTU", "LVA", "UKR", "RUS"])


def test_borders_are_drawn_as_the_un_lists_them(dataset):
    frame = dataset.boundaries.set_index("iso3")
    simferopol, sevastopol, kaliningrad = (
        Point(34.10, 44.95),
        Point(33.52, 44.60),
        Point(20.51, 54.71),
    )
    assert frame.geometry["UKR"].contains(simferopol)
    assert frame.geometry["UKR"].contains(sevastopol)
    assert not frame.geometry["RUS"].contains(simferopol)
    assert frame.geometry["RUS"].contains(kaliningrad)
    laayoune, rabat = Point(-13.20, 27.15), Point(-6.84, 34.02)
    assert frame.geometry["ESH"].contains(laayoune)
    assert not frame.geometry["MAR"].contains(laayoune)
    assert frame.geometry["MAR"].contains(rabat)


# --- One run of the page on the bundled data ---------------------------------------------------


def test_the_page_runs_on_the_bundled_data(atlas, monkeypatch):
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    monkeypatch.delenv("TREATYMAP_DATA_DIR", raising=False)
    at = whole_page(90)
    at.query_params["date"] = "2026-01-09"
    at.query_params["country"] = "FIN"
    at.run()
    assert not at.exception
    expected = build_view(atlas, "ottawa", date(2026, 1, 9))
    assert at.title[0].value.replace("\\", "") == "Who is bound by the Ottawa Convention?"
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert expected.summary in shown
    assert "5 have left" not in expected.summary  # on 9 January 2026 Finland was still bound
    assert "3 have left (Estonia, Latvia and Lithuania)" in expected.summary


def _decoded(topology: dict) -> gpd.GeoDataFrame:
    """The TopoJSON read back (as the map's topojson-client does), indexed by state."""
    layer = topology["objects"][BOUNDARIES_OBJECT]
    frame = gpd.read_file(json.dumps({**topology, "objects": {BOUNDARIES_OBJECT: layer}}))
    return frame.set_index("iso3")


def test_quantized_boundaries_keep_every_shape_micro_states_included(dataset, decoded):
    """Every state and territory is still drawn, within a fifth of its area: the Holy See
    (0.44 km²), Monaco and Nauru stay shapes a reader can click."""
    bundled = dataset.boundaries.set_index("iso3")
    assert sorted(decoded.index) == sorted(bundled.index)
    for iso3, shape in bundled.geometry.items():
        drawn = decoded.geometry[iso3]
        assert not drawn.is_empty, iso3
        assert abs(drawn.area / shape.area - 1) < 0.2, iso3


def test_the_map_draws_europe_in_full_and_the_rest_thinned_with_every_shape_whole(dataset, decoded):
    """The map keeps every vertex geodata has in Europe and thins the rest of the world; every
    shape is valid, the shapes tile the map without overlaps, and Russia's and Belarus's
    neighbours are the same on the map as in the app."""
    assert decoded.is_valid.all()
    assert shapely.coverage_is_valid(decoded.geometry.values)
    west, south, east, north = DETAIL_BOUNDS

    def inside(shapes: gpd.GeoSeries) -> int:
        x, y = shapely.get_coordinates(shapes.values).T
        return int(((x >= west) & (x <= east) & (y >= south) & (y <= north)).sum())

    assert inside(decoded.geometry) == inside(dataset.boundaries.geometry)
    drawn = len(shapely.get_coordinates(decoded.geometry.values))
    assert drawn < 0.7 * len(shapely.get_coordinates(dataset.boundaries.geometry.values))
    for iso3 in REFERENCE_STATES:
        on_map = land_neighbours(decoded.reset_index(), iso3)
        assert on_map == land_neighbours(dataset.boundaries, iso3), iso3


def test_the_maps_timelines_agree_with_the_server_on_every_day_that_matters(atlas):
    """What the map shows for a slider's day before the server answers (the bundle's
    timelines) is what the server sends for that day: on every day a status changes, the day
    before it, and the first of every month from 1997 to 2027, for both treaties."""
    timelines = status_timelines(atlas.dates, atlas.frontline, atlas.reference)
    front, ref = set(atlas.frontline), set(atlas.reference)
    months = [date(y, m, 1) for y in range(1997, 2028) for m in range(1, 13)]
    for treaty, by_state in timelines.items():
        changes = {date.fromisoformat(str(r[0])) for rows in by_state.values() for r in rows[1:]}
        for day in sorted(changes | {d - timedelta(days=1) for d in changes} | set(months)):
            iso = day.isoformat()
            for s in statuses_for(atlas, treaty, day):
                rows = by_state[s.iso3]
                shown = [r for r in rows if r[0] <= iso][-1]
                look = day_symbol(s, front=s.iso3 in front, ref=s.iso3 in ref)
                assert shown[1:] == status_entry(s, look), (treaty, s.iso3, iso)


SYMBOL_VIEWS = [
    ("ottawa", "1999-03-01", None, None),
    ("ottawa", "2025-07-01", "UKR", None),  # political notes: announced, voted, suspension
    ("ottawa", "2025-12-27", "EST", None),  # the day three withdrawals took effect
    ("ottawa", "2026-03-01", None, (date(2025, 3, 1), date(2026, 3, 1))),
    ("ccm", "2025-03-06", "LTU", None),
    ("apii", "2026-06-01", "FIN", None),
]


@pytest.mark.parametrize(("treaty", "day", "country", "compare"), SYMBOL_VIEWS)
def test_the_still_map_and_the_live_map_draw_every_state_alike(
    atlas, treaty, day, country, compare
):
    """One symbology: on each view, every state's fill and outline in the SVG drawing (the
    snapshot's, the first view's, the images') are what the live map's data tells its script
    to paint, from the server's payload and, before it, from the bundle's timelines."""
    view = build_view(
        atlas,
        treaty,
        date.fromisoformat(day),
        country=country,
        compare=compare,
        focus=Focus.WORLD,
    )
    frame = Frame.for_focus(Focus.WORLD)
    shapes = drawn_shapes(atlas.boundaries, frame, view.by_state, atlas.names, symbols=view.symbols)
    root = ET.fromstring(map_svg(shapes, frame, Focus.WORLD, label="map", desc=""))
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    svg_fill = {p.get("data-iso3"): p.get("class") for p in groups["shapes"]}
    svg_outline = {p.get("data-outline-of"): p.get("class") for p in groups["marks"]}
    update = view_payload(view)  # what the page sends
    timelines = status_timelines({treaty: atlas.dates[treaty]}, atlas.frontline, atlas.reference)

    def painted(entries):
        """What map_layer.js paints for each shape: fillStyle and outlineOf."""
        fills, outlines = {}, {}
        for iso3 in svg_fill:
            e = entries.get(iso3)
            fills[iso3] = STATUS_ORDER[e[0]].value if e else "other"
            i = update["pinned"].get(iso3, e[4] if e else -1)
            if i >= 0:
                outlines[iso3] = OUTLINES[i].key
        return fills, outlines

    assert len(svg_fill) > 230 and svg_outline
    assert painted(update["statuses"]) == (svg_fill, svg_outline)
    if not compare:  # the slider's day, drawn from the bundle before the payload arrives
        followed = {
            iso3: [r for r in rows if r[0] <= view.day.isoformat()][-1][1:]
            for iso3, rows in timelines[treaty].items()
        }
        assert painted(followed) == (svg_fill, svg_outline)
    # The legends explain the marks drawn, the page's as the map's.
    drawn = {m for s in shapes for m in s.marks}
    assert set(update["legendMarks"]) == drawn
    assert {key for key, _ in view.legend()} >= drawn


# --- What a reader reads: labels that say what the excerpts say, notes written for readers ------

#: Words that say "suspend" in the languages of the excerpts (English, Russian, Ukrainian).
SUSPENDING = ("suspen", "приостанов", "призупин", "зупин")


def _words(e) -> str:
    return f"{e.excerpt} {e.translation or ''}".casefold()


def test_every_suspension_step_is_worded_as_a_suspension_never_as_a_withdrawal(dataset):
    """Ukraine's law of 15 July 2025 suspends the Convention: its vote, its signature and its
    notification are suspension steps, and no withdrawal step's excerpt speaks of suspending."""
    from treatymap.vocab import EVENT_LABEL, SUSPENSION_KINDS, WITHDRAWAL_STEP_KINDS

    leaving = WITHDRAWAL_STEP_KINDS | {
        EventKind.WITHDRAWAL_DEPOSITED,
        EventKind.WITHDRAWAL_EFFECTIVE,
    }
    for kind in SUSPENSION_KINDS:
        assert "withdraw" not in EVENT_LABEL[kind].casefold(), kind
        assert "suspension" in EVENT_LABEL[kind].casefold(), kind
    for kind in leaving:
        assert "withdraw" in EVENT_LABEL[kind].casefold(), kind
    wrong = [
        (e.iso3, e.kind.value, e.date.isoformat())
        for e in dataset.record.events
        if (e.kind in SUSPENSION_KINDS) != any(w in _words(e) for w in SUSPENDING)
        and (e.kind in SUSPENSION_KINDS or e.kind in leaving)
    ]
    assert wrong == []
    ukraine = [
        (e.kind.value, e.date.isoformat())
        for e in dataset.record.events_of("ottawa", iso3="UKR")
        if e.kind in SUSPENSION_KINDS
    ]
    assert ukraine == [
        ("suspension_voted", "2025-07-15"),
        ("suspension_signed", "2025-07-15"),
        ("suspension_notified", "2025-07-18"),
    ]


def _maintainers_words() -> re.Pattern[str]:
    """A column, an event kind or a file named, or words for the people who keep the data."""
    from treatymap.schemas import BOUNDARIES_FILE, TABLES

    names = {c.name for t in TABLES for c in t.columns if "_" in c.name or c.name == "iso3"}
    names |= {k.value for k in EventKind if "_" in k.value}
    names |= {t.file for t in TABLES} | {BOUNDARIES_FILE}
    words = [*sorted(map(re.escape, names)), r"maintainers?", r"checker", r"rows?", r"csv"]
    return re.compile(r"(?<![\w-])(" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


def test_every_note_a_reader_sees_is_written_for_readers(dataset, atlas):
    """Notes on events, political notes and what a source's address tells: plain words, at
    most two sentences, never a column, a kind, a file, a row or a maintainer. Sourcing
    reasoning lives in the provenance, folded away."""
    from treatymap.explain import address_caveat, political_note
    from treatymap.i18n import words_for

    EN = words_for("en")

    pattern = _maintainers_words()
    notes = [(f"{e.iso3} {e.kind.value} {e.date}", e.note) for e in dataset.record.events]
    notes += [(s.source_id, address_caveat(s)) for s in dataset.record.sources.values()]
    for treaty_id, by_state in atlas.dates.items():
        for iso3, legal in by_state.items():
            for _, st in status_changes(legal):
                treaty = atlas.treaty(treaty_id)
                notes.append((f"{treaty_id} {iso3} status", political_note(st, treaty, EN)))
    for where, note in notes:
        if not note:
            continue
        assert not pattern.search(note), (where, note)
        assert "http" not in note, (where, note)
        sentences = re.findall(r"[.!?](?:\s+(?=[A-Z\"“‘(])|$)", note.strip())
        assert len(sentences) <= 2, (where, note)


# --- Amended Protocol II: the rules on mines that still bind the leavers ----------------------

#: The Depositary's statement of 2 July 1998 (SG/SM/6626): "There are now 21 States parties to
#: amended Protocol II: Australia, Cambodia, ... Sweden and Switzerland", South Africa, which
#: notified on 26 June 1998, the twenty-first; entry into force on 3 December 1998.
SGSM6626 = {
    "AUS", "KHM", "CAN", "CPV", "DNK", "FIN", "DEU", "HUN", "IRL", "JPN", "LIE", "LTU", "MCO",
    "NZL", "NOR", "PER", "PHL", "ZAF", "ESP", "SWE", "CHE",
}  # fmt: skip


def test_the_protocols_parties_agree_with_the_depositarys_statement_of_2_july_1998(atlas):
    """21 parties on 2 July 1998, by name; the twenty before South Africa bound from 3 December
    1998, South Africa from 26 December 1998. The depositary's status table also dates the Holy
    See's consent before that day, which the statement does not name: that day is shown as
    disputed, with both sources said to the reader."""
    dates = atlas.dates["apii"]
    consented = {
        iso3
        for iso3, legal in dates.items()
        if (legal.consent_deposited and legal.consent_deposited <= date(1998, 7, 2))
        or (legal.consent_unknown and legal.entry_into_force == date(1998, 12, 3))
    }
    assert consented == SGSM6626 | {"VAT"}
    (holy_see,) = atlas.record.events_of("apii", iso3="VAT")
    assert holy_see.date_certainty == "disputed"
    assert "22 July 1997" in holy_see.note and "does not name the Holy See" in holy_see.note
    bound = {iso3 for iso3, legal in dates.items() if status_on(legal, date(1998, 12, 3)).bound}
    assert bound == SGSM6626 - {"ZAF"} | {"VAT"}
    assert status(atlas, "apii", "ZAF", "1998-12-26") is Status.STATE_PARTY
    assert status(atlas, "apii", "ZAF", "1998-12-25") is Status.RATIFIED_NOT_IN_FORCE


def test_the_protocols_93_states_of_11_november_2009(atlas):
    """The Secretary-General's message to the Protocol's Eleventh Annual Conference, 11 November
    2009 (UN Geneva's meeting summary, https://ungeneva.org/es/news-media/meeting-summary/2009/
    11/states-parties-ccw-amended-protocol-ii-mines-and-explosive): "He acknowledged the 93
    States that have expressed their consent to be bound by the Protocol". The engine counts
    the states whose consent was deposited by that day (a first-twenty party with no dated
    notification counts from the Protocol's entry into force)."""
    day = date(2009, 11, 11)
    consented = [
        iso3
        for iso3, legal in atlas.dates["apii"].items()
        if (legal.consent_deposited and legal.consent_deposited <= day)
        or (legal.consent_unknown and legal.entry_into_force and legal.entry_into_force <= day)
    ]
    assert len(consented) == 93


def test_the_protocol_binds_russia_belarus_and_the_leavers_of_the_ottawa_convention(atlas):
    from treatymap.view import restricted_after_leaving

    assert status(atlas, "apii", "RUS", "2005-09-02") is Status.STATE_PARTY  # notified 2 March
    assert status(atlas, "apii", "RUS", "2005-09-01") is Status.RATIFIED_NOT_IN_FORCE
    assert status(atlas, "apii", "BLR", "2004-09-02") is Status.STATE_PARTY
    for iso3 in ("EST", "LVA", "LTU", "POL", "FIN"):
        line = restricted_after_leaving(atlas, iso3, date(2026, 6, 1))
        assert line and "no longer bound by the Ottawa Convention" in line, iso3
        assert "bound by the Amended Protocol II's restrictions on mines since" in line
    # Ukraine notified its consent on 15 December 1999 (the depositary's table): bound six
    # months later, and still bound, whatever it declared of the Ottawa Convention.
    assert status(atlas, "apii", "UKR", "2000-06-14") is Status.RATIFIED_NOT_IN_FORCE
    assert status(atlas, "apii", "UKR", "2026-06-01") is Status.STATE_PARTY
    # A party the record has nothing of yet is a gap, never "not a party".
    assert status(atlas, "apii", "PSE", "2026-06-01") is Status.NOT_RECORDED
