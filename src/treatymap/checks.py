"""Rules across tables -> a list of problems, each with its file, row and what to do.

Shared by ``python -m treatymap check``, the loader (:func:`treatymap.data.load_dataset`, so the
app refuses invalid data with the same messages) and the tests. Only rules live here: reading is
:mod:`treatymap.data`'s job. Nothing here stops at the first problem.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from treatymap.dates import mentions_date, publication_window
from treatymap.model import Event, Record
from treatymap.problems import Problem
from treatymap.schemas import BOUNDARIES_FILE, CORROBORATIONS, EVENTS, SOURCES, STATES, TREATIES
from treatymap.status import entry_into_force_for, first_event, legal_dates
from treatymap.vocab import (
    CONSENT_INSTRUMENTS,
    CONTEXT_KINDS,
    INSTRUMENTS_AFTER_SIGNATURE,
    LEGAL_KINDS,
    Coverage,
    EventKind,
)

if TYPE_CHECKING:
    import geopandas as gpd


def record_problems(record: Record) -> list[Problem]:
    """Every cross-table problem in a record that parsed table by table."""
    problems: list[Problem] = []
    problems += _reference_problems(record)
    problems += _excerpt_problems(record)
    problems += _order_problems(record)
    problems += _computed_date_problems(record)
    problems += _corroboration_problems(record)
    problems += _coverage_problems(record)
    return problems


def _coverage_problems(record: Record) -> list[Problem]:
    """A complete list's day belongs to a record that is not otherwise complete."""
    return [
        Problem(
            TREATIES.file,
            t.line,
            f"{t.treaty_id} gives record_complete_until {t.record_complete_until} but its record "
            "is 'complete'; leave it empty, or make the record 'partial'",
        )
        for t in record.treaties.values()
        if t.record_complete_until is not None and t.record is Coverage.COMPLETE
    ]


def single_source_events(record: Record) -> list[Event]:
    """Events fixing a legal date (signature, deposit, entry into force, withdrawal) that rest
    on one source only: no corroboration from another source. Reported by ``check`` as a
    warning, never an error, so the count stays visible."""
    corroborated = {c.key for c in record.corroborations}
    return [e for e in record.events if e.kind in LEGAL_KINDS and e.key not in corroborated]


def _reference_problems(record: Record) -> list[Problem]:
    """Unknown states, treaties and sources; sources nobody cites."""
    out: list[Problem] = []
    states = {s.iso3 for s in record.states}
    citing: list[tuple[str, str, int]] = []  # (source id, file, line) of every citation
    for treaty in record.treaties.values():
        for source_id in (
            treaty.opened_source_id,
            treaty.entry_into_force_source_id,
            treaty.text_source_id,
        ):
            citing.append((source_id, TREATIES.file, treaty.line))
    for e in record.events:
        citing.append((e.source_id, EVENTS.file, e.line))
        if e.iso3 not in states:
            out.append(
                Problem(
                    EVENTS.file,
                    e.line,
                    f"state {e.iso3!r} is not in states.csv; use a code listed there",
                )
            )
        if e.treaty_id not in record.treaties:
            out.append(
                Problem(
                    EVENTS.file,
                    e.line,
                    f"treaty {e.treaty_id!r} is not in {TREATIES.file}; "
                    f"use one of [{', '.join(record.treaties)}]",
                )
            )
        out += _concerns_problems(e, states)
    citing += [(c.source_id, CORROBORATIONS.file, c.line) for c in record.corroborations]
    out += _missing_sources(citing, record)
    used = {source_id for source_id, _, _ in citing}
    for source_id, source in record.sources.items():
        if source_id not in used:
            out.append(
                Problem(
                    SOURCES.file,
                    source.line,
                    f"source {source_id!r} is cited by no event; cite it or delete the row",
                )
            )
    return out


def _missing_sources(citing: list[tuple[str, str, int]], record: Record) -> list[Problem]:
    """One problem per source that rows cite but ``sources.csv`` lacks, at the first citing
    line, with how many rows cite it and where the first few are (one unreadable row of
    ``sources.csv`` would otherwise bring a line for every row citing it)."""
    by_source: dict[str, list[tuple[str, int]]] = {}
    for source_id, file, line in citing:
        if source_id not in record.sources:
            by_source.setdefault(source_id, []).append((file, line))
    out = []
    for source_id, places in by_source.items():
        file, line = places[0]
        others = ""
        if len(places) > 1:
            shown = ", ".join(f"{f}:{n}" for f, n in places[1:4])
            more = f" and {len(places) - 4} more" if len(places) > 4 else ""
            others = f" ({len(places)} rows cite it; also {shown}{more})"
        out.append(
            Problem(
                file,
                line,
                f"cites source {source_id!r}, which is not in {SOURCES.file}{others}; add it "
                "there (or mend its row, if it is there but could not be read)",
            )
        )
    return out


def _concerns_problems(e: Event, states: set[str]) -> list[Problem]:
    """``concerns`` names another state, and only for an objection or a statement."""
    if e.concerns is None:
        if e.kind is EventKind.OBJECTION:
            return [
                Problem(
                    EVENTS.file,
                    e.line,
                    f"{e.iso3}'s objection names no state in 'concerns'; give the code of the "
                    "state whose act it objects to",
                )
            ]
        return []
    if e.kind not in CONTEXT_KINDS:
        return [
            Problem(
                EVENTS.file,
                e.line,
                f"'concerns' is set on a {e.kind.value} event; only an objection or a statement "
                "can concern another state: empty the cell",
            )
        ]
    if e.concerns not in states or e.concerns == e.iso3:
        return [
            Problem(
                EVENTS.file,
                e.line,
                f"'concerns' is {e.concerns!r}; give the code of another state in {STATES.file}",
            )
        ]
    return []


def _excerpt_problems(record: Record) -> list[Problem]:
    """An excerpt must state the date it is cited for, so a typo on either side shows. A day
    and month without the year count when the source's publication date fixes the year (a
    news item published days after the step it reports: "on 24 April the government ...")."""
    out: list[Problem] = []
    for file, rows in ((EVENTS.file, record.events), (CORROBORATIONS.file, record.corroborations)):
        for e in rows:
            source = record.sources.get(e.source_id)
            window = publication_window(source.published) if source else None
            if not mentions_date(e.excerpt, e.date, window):
                out.append(
                    Problem(
                        file,
                        e.line,
                        f"excerpt does not state the date {e.date.isoformat()}; quote the "
                        "sentence of the source that gives it (a day and month without the year "
                        "count only if the source was published on that day or within three "
                        "months after it), or correct the date",
                    )
                )
    for t in record.treaties.values():
        line = t.line
        for day, excerpt, what in (
            (t.opened_for_signature, t.opened_excerpt, "opened_for_signature"),
            (t.entry_into_force, t.entry_into_force_excerpt, "entry_into_force"),
        ):
            if not mentions_date(excerpt, day):
                out.append(
                    Problem(
                        TREATIES.file,
                        line,
                        f"the excerpt for {what} does not state {day.isoformat()}; quote the "
                        "sentence that gives it",
                    )
                )
    return out


def _order_problems(record: Record) -> list[Problem]:
    """Events in an impossible order, or repeated where the treaty allows one."""
    out: list[Problem] = []
    by_key: dict[tuple[str, str], list[Event]] = {}
    for e in record.events:
        by_key.setdefault((e.treaty_id, e.iso3), []).append(e)
    for (treaty_id, iso3), events in by_key.items():
        treaty = record.treaties.get(treaty_id)
        kinds = Counter(e.kind for e in events)
        for kind, count in kinds.items():
            if count > 1 and kind in _ONCE:  # repeated instruments are reported just below
                extra = sorted((e for e in events if e.kind == kind), key=lambda e: e.order)
                for e in extra[1:]:
                    out.append(
                        Problem(
                            EVENTS.file,
                            e.line,
                            f"{iso3} has more than one {kind.value} event; keep the one the "
                            "depositary records",
                        )
                    )
        if sum(kinds[k] for k in CONSENT_INSTRUMENTS) > 1:
            line = max(e.line for e in events if e.kind in CONSENT_INSTRUMENTS)
            out.append(
                Problem(
                    EVENTS.file,
                    line,
                    f"{iso3} has more than one instrument of consent; keep the one deposited",
                )
            )
        first = {k: first_event(events, {k}) for k in EventKind}
        sig = first[EventKind.SIGNATURE]
        consent = first_event(events, CONSENT_INSTRUMENTS)
        if treaty and sig and sig.date < treaty.opened_for_signature:
            out.append(
                Problem(
                    EVENTS.file,
                    sig.line,
                    f"{iso3} signed on {sig.date} but the treaty opened for signature on "
                    f"{treaty.opened_for_signature}; check the date",
                )
            )
        if consent and consent.kind in INSTRUMENTS_AFTER_SIGNATURE:
            if sig is None:
                out.append(
                    Problem(
                        EVENTS.file,
                        consent.line,
                        f"{iso3} deposits an instrument of {consent.kind.value} but never "
                        "signed; record the signature, or use accession",
                    )
                )
            elif consent.date < sig.date:
                out.append(
                    Problem(
                        EVENTS.file,
                        consent.line,
                        f"{iso3} deposited its {consent.kind.value} on {consent.date}, before it "
                        f"signed on {sig.date}; check both dates",
                    )
                )
        withdrawal = first[EventKind.WITHDRAWAL_DEPOSITED]
        if withdrawal and (consent is None or withdrawal.date <= consent.date):
            out.append(
                Problem(
                    EVENTS.file,
                    withdrawal.line,
                    f"{iso3} deposits a withdrawal on {withdrawal.date} without an earlier "
                    "instrument of consent; check the dates",
                )
            )
        effective = first[EventKind.WITHDRAWAL_EFFECTIVE]
        if effective and (
            (withdrawal is not None and effective.date <= withdrawal.date)
            or (withdrawal is None and (consent is None or effective.date <= consent.date))
        ):
            out.append(
                Problem(
                    EVENTS.file,
                    effective.line,
                    f"{iso3}'s withdrawal is effective on {effective.date}, before the deposit of "
                    "its instrument of withdrawal (or of consent); fix the date",
                )
            )
        # An entry into force without its instrument stands: the sources may date the one and
        # not the other (the first twenty parties of a protocol, named by the Depositary); the
        # explanation then says the instrument's day is not recorded.
        if treaty and sig and not treaty.signature_stage:
            out.append(
                Problem(
                    EVENTS.file,
                    sig.line,
                    f"{iso3} signs the {treaty.short_name}, which has no signature stage (a state "
                    "notifies its consent to be bound): record the notification instead",
                )
            )
    return out


_ONCE = frozenset(
    {
        EventKind.SIGNATURE,
        EventKind.ENTRY_INTO_FORCE,
        EventKind.WITHDRAWAL_DEPOSITED,
        EventKind.WITHDRAWAL_EFFECTIVE,
    }
)


def _computed_date_problems(record: Record) -> list[Problem]:
    """Recorded entry-into-force and withdrawal dates must match each treaty's own articles."""
    out: list[Problem] = []
    for treaty_id, treaty in record.treaties.items():
        dates = legal_dates(record, treaty_id)
        for e in record.events:
            if e.treaty_id != treaty_id or e.iso3 not in dates:
                continue
            legal = dates[e.iso3]
            if (
                e.kind is EventKind.ENTRY_INTO_FORCE
                and legal.consent_deposited
                and legal.consent_kind is not EventKind.SUCCESSION
            ):
                expected = entry_into_force_for(treaty, legal.consent_deposited)
                if e.date != expected:
                    out.append(
                        Problem(
                            EVENTS.file,
                            e.line,
                            f"{e.iso3}: recorded entry into force {e.date} disagrees with "
                            f"Article {treaty.state_entry_into_force_article} of the "
                            f"{treaty.short_name}, which gives {expected} for a deposit on "
                            f"{legal.consent_deposited}; check both dates against the depositary",
                        )
                    )
            if e.kind is EventKind.WITHDRAWAL_EFFECTIVE and legal.withdrawal_deposited:
                effective = legal.withdrawal_effective  # None while a conflict defers it
                if e.date != effective:
                    rule = (
                        f"Article {treaty.armed_conflict_article} (armed conflict) defers it"
                        if legal.withdrawal_blocked_by_conflict
                        else f"Article {treaty.withdrawal_article} gives {effective}"
                    )
                    out.append(
                        Problem(
                            EVENTS.file,
                            e.line,
                            f"{e.iso3}: recorded withdrawal effective {e.date} disagrees with the "
                            f"deposit on {legal.withdrawal_deposited}: {rule}; check both dates",
                        )
                    )
    return out


def _corroboration_problems(record: Record) -> list[Problem]:
    """A corroboration must back an event that exists, with a source other than the event's."""
    out: list[Problem] = []
    events = {e.key: e for e in record.events}
    for c in record.corroborations:
        event = events.get(c.key)
        if event is None:
            out.append(
                Problem(
                    CORROBORATIONS.file,
                    c.line,
                    f"no event in {EVENTS.file} is {c.treaty_id}, {c.iso3}, {c.kind.value} on "
                    f"{c.date.isoformat()}; a corroboration must repeat an event's key exactly",
                )
            )
        elif event.source_id == c.source_id:
            out.append(
                Problem(
                    CORROBORATIONS.file,
                    c.line,
                    f"cites {c.source_id!r}, the event's own source; a corroboration needs "
                    "another source",
                )
            )
    return out


def boundary_problems(boundaries: gpd.GeoDataFrame, record: Record) -> list[Problem]:
    """A participant boundary without a state, or a state without a boundary."""
    out: list[Problem] = []
    states = {s.iso3 for s in record.states}
    drawn = set(boundaries["iso3"])
    for row in boundaries.itertuples():
        i = int(row.feature)
        if row.participant and row.iso3 not in states:
            out.append(
                Problem(
                    BOUNDARIES_FILE,
                    i,
                    f"feature {row.iso3} is marked participant but is not in states.csv; add the "
                    "state or set participant to false",
                )
            )
        if not row.participant and row.iso3 in states:
            out.append(
                Problem(
                    BOUNDARIES_FILE,
                    i,
                    f"feature {row.iso3} is a state in states.csv but marked participant false",
                )
            )
    for state in record.states:
        if state.iso3 not in drawn:
            out.append(
                Problem(
                    STATES.file,
                    state.line,
                    f"state {state.iso3} has no boundary in {BOUNDARIES_FILE}; add one (or a "
                    "clickable marker polygon) in the build script",
                )
            )
    return out
