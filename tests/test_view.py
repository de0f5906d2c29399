"""The view shared by every renderer (treatymap.view), on the small world: the atlas derived
once (treaties in treaties.csv order, border states, territories, the days a view may show),
one treaty on one day (statuses, figures and summary that agree with each other), a state
across every treaty, the border table, and the evidence (one excerpt shown once for all the
events it states, with the sources that corroborate them)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import (
    CCM,
    SECOND_SOURCE,
    SOURCE,
    TREATY,
    TRI,
    WORLD_EVENTS,
    WORLD_STATES,
    add_corroborations,
    atlas_of,
    corroboration,
    event,
    rename_state,
    write_csv,
)

from treatymap.figures import standing
from treatymap.schemas import SOURCES
from treatymap.view import across_treaties, border_table, build_view, evidence
from treatymap.vocab import BOUND_STATUSES, Status


@pytest.fixture
def world(make_world):
    return atlas_of(make_world())


def test_atlas_lists_treaties_in_the_order_of_treaties_csv(make_world):
    atlas = atlas_of(make_world(treaties=[TRI, TREATY, CCM]))
    assert atlas.treaty_ids == ("tri", "ottawa", "ccm")
    assert [c.treaty.treaty_id for c in across_treaties(atlas, "EST", date(2025, 1, 1))] == [
        "tri",
        "ottawa",
        "ccm",
    ]


def test_atlas_border_states_reference_states_and_territories(world):
    assert world.frontline == ("EST", "NOR", "POL")  # on a land border with RUS or BLR
    assert world.reference == ("RUS", "BLR")
    assert world.territories == {"GRL": "Greenland (part of Denmark)"}
    assert world.names["GRL"] == "Greenland"
    assert {neighbour for _, neighbour in world.borders_km} == {"EST", "NOR", "POL"}


def test_a_view_may_show_the_treatys_opening_to_today_or_its_last_scheduled_day(world):
    assert world.days("tri", date(2026, 11, 22)) == (date(2000, 1, 10), date(2026, 11, 22))
    # Before EST's Ottawa withdrawal takes effect, the range reaches that scheduled day.
    assert world.days("ottawa", date(2025, 7, 1)) == (date(1997, 12, 3), date(2025, 12, 27))


def test_statuses_follow_states_csv_and_the_treaty(world):
    view = build_view(world, "tri", date(2025, 4, 15))
    assert [s.iso3 for s in view.statuses] == [s["iso3"] for s in WORLD_STATES]
    assert {s.iso3: s.status for s in view.statuses if s.status is not Status.NOT_PARTY} == {
        "EST": Status.WITHDRAWN,
        "POL": Status.STATE_PARTY,
    }
    assert view.by_state["EST"] is view.statuses[2]
    assert view.treaty.treaty_id == "tri"
    assert view.title == "Who is bound by the Treaty of Trial on 15 April 2025"
    assert "Treaty of Trial" in view.map_label and "15 April 2025" in view.map_label


@pytest.mark.parametrize("treaty", ["ottawa", "ccm", "tri"])
@pytest.mark.parametrize("day", ["2001-06-01", "2025-02-01", "2025-04-15", "2026-01-01"])
def test_figures_agree_with_the_statuses(world, treaty, day):
    view = build_view(world, treaty, date.fromisoformat(day))
    assert view.figures.states_parties == sum(s.status in BOUND_STATUSES for s in view.statuses)
    for group, members in view.figures.frontline.items():
        for iso3 in members:
            assert standing(view.by_state[iso3].status) is group
    assert view.figures.frontline_total == len(world.frontline)
    withdrawn = {s.iso3 for s in view.statuses if s.status is Status.WITHDRAWN}
    expected_km = sum(km for (_, n), km in world.borders_km.items() if n in withdrawn)
    assert view.figures.border_km_no_longer_bound == pytest.approx(expected_km)


def test_summary_names_leavers_and_those_that_never_joined(world):
    ottawa = build_view(world, "ottawa", date(2026, 1, 1)).summary
    assert "2 are bound (Norway and Poland) and 1 has left (Estonia)" in ottawa
    ccm = build_view(world, "ccm", date(2026, 1, 1)).summary
    assert "1 is bound (Norway) and 2 never joined (Estonia and Poland)" in ccm


def test_compare_mode_lists_the_changes_and_the_earlier_figures(world):
    view = build_view(
        world, "tri", date(2025, 4, 15), compare=(date(2024, 1, 1), date(2025, 4, 15))
    )
    assert [(c.iso3, c.after) for c in view.changes] == [("EST", Status.WITHDRAWN)]
    assert view.other_figures.states_parties == 2  # EST and POL on 1 January 2024
    assert view.figures.states_parties == 1


def test_across_treaties_one_cell_per_treaty_with_the_earlier_day(world):
    cells = across_treaties(world, "EST", date(2025, 4, 15), earlier=date(2025, 1, 1))
    assert [(c.treaty.treaty_id, c.status.status) for c in cells] == [
        ("ottawa", Status.STATE_PARTY),
        ("ccm", Status.NOT_PARTY),
        ("tri", Status.WITHDRAWN),
    ]
    assert [c.changed for c in cells] == [False, False, True]
    assert not any(c.changed for c in across_treaties(world, "EST", date(2025, 4, 15)))


def test_border_table_rows_are_the_reference_states_then_the_border_states_by_name(make_world):
    # Renamed, Norway sorts last by name though its code sorts between EST and POL.
    atlas = atlas_of(rename_state(make_world(), "NOR", "Zembla"))
    rows = border_table(atlas, date(2025, 4, 15))
    assert [iso3 for iso3, _ in rows] == ["RUS", "BLR", "EST", "POL", "NOR"]
    for iso3, cells in rows:
        assert [c.treaty.treaty_id for c in cells] == ["ottawa", "ccm", "tri"]
        assert cells == across_treaties(atlas, iso3, date(2025, 4, 15))


def test_view_events_are_this_treatys_with_objections_concerning_the_state(world):
    ottawa = build_view(world, "ottawa", date(2026, 1, 1))
    mine = ottawa.events("EST")
    assert {e.treaty_id for e in mine} == {"ottawa"}
    assert ("FRA", "objection") in {(e.iso3, e.kind.value) for e in mine}
    tri = build_view(world, "tri", date(2026, 1, 1)).events("EST")
    assert [(e.kind.value, e.date) for e in tri] == [
        ("signature", date(2000, 1, 10)),
        ("ratification", date(2000, 6, 15)),
        ("withdrawal_deposited", date(2025, 1, 15)),
    ]


SHARED = "Estonia acceded on 12 May 2004 and was bound from 1 November 2004."


@pytest.fixture
def shared_excerpt(make_data):
    """EST's accession and entry into force quoted from one sentence; the accession also
    stated by a second source."""
    events = [
        event("AAA", "signature", "1997-12-03"),
        event("AAA", "accession", "2004-05-12", SHARED),
        event("AAA", "entry_into_force", "2004-11-01", SHARED),
        event("AAA", "withdrawal_deposited", "2025-06-27"),
    ]
    directory = make_data(events=events, sources=[SOURCE, SECOND_SOURCE])
    add_corroborations(directory, [corroboration("AAA", "accession", "2004-05-12")])
    return atlas_of(directory)


def test_evidence_shows_one_excerpt_once_for_all_the_events_it_states(shared_excerpt):
    groups = evidence(shared_excerpt.record, shared_excerpt.record.events_of("ottawa"))
    assert [[e.kind.value for e in g.events] for g in groups] == [
        ["signature"],
        ["accession", "entry_into_force"],
        ["withdrawal_deposited"],
    ]
    assert groups[1].excerpt == SHARED
    assert groups[1].first_day == date(2004, 5, 12)


def test_evidence_carries_the_corroborating_sources(shared_excerpt):
    groups = evidence(shared_excerpt.record, shared_excerpt.record.events_of("ottawa"))
    assert [[c.source.source_id for c in g.corroborations] for g in groups] == [
        [],
        ["second"],
        [],
    ]
    assert groups[1].corroborations[0].excerpt.startswith("Also:")


def test_a_further_source_stating_several_events_is_listed_once_and_the_strongest_leads(
    make_data,
):
    """Ukraine's three dates, each confirmed by the same sentence of the treaty's support unit:
    the card says "Also stated by" once, and the support unit (stronger than the Monitor that the
    events cite) leads; the Monitor follows."""
    events = [
        event("AAA", "signature", "1999-02-24", SHARED_UKR),
        event("AAA", "ratification", "2005-12-27", SHARED_UKR),
        event("AAA", "entry_into_force", "2006-06-01", SHARED_UKR),
    ]
    directory = make_data(events=events, sources=[SOURCE, SECOND_SOURCE])
    add_corroborations(
        directory,
        [
            corroboration("AAA", kind, day, excerpt=ISU_UKR)
            for kind, day in (
                ("signature", "1999-02-24"),
                ("ratification", "2005-12-27"),
                ("entry_into_force", "2006-06-01"),
            )
        ],
    )
    record = atlas_of(directory).record
    (group,) = evidence(record, record.events_of("ottawa"))
    assert [c.source.source_id for c in group.citations] == ["second", "src"]
    assert group.lead.excerpt == ISU_UKR
    assert [c.excerpt for c in group.also] == [SHARED_UKR]


SHARED_UKR = "Ukraine signed on 24 February 1999, ratified on 27 December 2005, bound 1 June 2006."
ISU_UKR = "Signed 24 February 1999; ratified 27 December 2005; in force 1 June 2006."


def test_a_corroboration_backs_its_own_treatys_event_only(make_world):
    """Denmark signs the CCM and the Treaty of Trial on the same day; the second source
    corroborates the CCM signature, and only the CCM's evidence shows it."""
    directory = make_world(
        events=[*WORLD_EVENTS, event("DNK", "signature", "2008-12-03", treaty="tri")]
    )
    write_csv(directory / SOURCES.file, SOURCES.column_names, [SOURCE, SECOND_SOURCE])
    add_corroborations(directory, [corroboration("DNK", "signature", "2008-12-03", treaty="ccm")])
    record = atlas_of(directory).record

    def corroborating(treaty):
        groups = evidence(record, record.events_of(treaty, iso3="DNK"))
        return [c.source.source_id for g in groups for c in g.corroborations]

    assert corroborating("ccm") == ["second"]
    assert corroborating("tri") == []


def test_a_record_without_russia_or_belarus_has_no_reference_rows(make_data):
    """The reference states belong to this dashboard, not to every data set: without them the
    border table is empty rather than broken."""
    atlas = atlas_of(make_data())
    assert atlas.reference == ()
    assert atlas.frontline == ()
    assert border_table(atlas, date(2000, 1, 1)) == []
