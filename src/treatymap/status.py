"""Every state's legal status on any date under one treaty, computed from the events (pure).

The rules are the treaties' own, with the numbers each treaty's row in ``treaties.csv`` gives
(:class:`treatymap.model.Treaty`); nothing here knows which treaty it is computing:

* Entry into force (Article 17 of both conventions): the treaty entered into force generally on
  its ``entry_into_force`` day (the first day of the sixth month after the month of the 40th,
  or 30th, deposit); for a state depositing later, on the first day of the
  ``months_to_entry_into_force``-th month after the date of its deposit. A notification of
  succession takes effect from the date the successor state recorded for it.
* Withdrawal (Article 20.3 of both): a withdrawal takes effect ``months_to_withdrawal`` months
  after the Depositary receives the instrument of withdrawal; where the treaty has the
  armed-conflict rule, if the withdrawing state is engaged in an armed conflict when those months
  expire, the withdrawal does not take effect before the end of that conflict.

All comparisons are inclusive of the day: on the day a withdrawal takes effect the state is
already ``withdrawn``; on the day before it is still bound.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from treatymap.dates import add_months, first_day_of_month_after
from treatymap.model import Event, Record, Treaty
from treatymap.vocab import (
    BOUND_STATUSES,
    CONSENT_INSTRUMENTS,
    LEGAL_KINDS,
    NOTE_KINDS,
    POLITICAL_KINDS,
    Coverage,
    EntryDay,
    EventKind,
    Status,
)


@dataclass(frozen=True)
class LegalDates:
    """The dates that decide one state's status under one treaty, derived once from its events.

    ``withdrawal_effective`` is ``None`` when a withdrawal was deposited but cannot yet take
    effect (Article 20.3: the state is engaged in an armed conflict that has not ended).
    ``withdrawal_receipt_unknown`` is true when the sources date the withdrawal's effect but no
    source dates the Depositary's receipt of the instrument: the recorded effect is then used as
    it stands, and there is no pending period to show. ``consent_unknown`` is true, likewise,
    when the sources date the treaty's entry into force for the state but none its instrument
    (the first twenty parties of a protocol, named by the Depositary). ``unrecorded_from`` is
    the day from which a state with no legal step recorded, under a treaty whose record is not
    complete, has "no record yet" (before it, the record's complete list says it was not a
    party; ``date.min`` when no such list is known; ``None`` for every other state).
    """

    iso3: str
    signature: date | None = None
    consent_kind: EventKind | None = None
    consent_deposited: date | None = None
    entry_into_force: date | None = None
    withdrawal_deposited: date | None = None
    withdrawal_effective: date | None = None
    withdrawal_blocked_by_conflict: bool = False
    withdrawal_receipt_unknown: bool = False
    political: tuple[Event, ...] = ()
    consent_unknown: bool = False
    unrecorded_from: date | None = None


@dataclass(frozen=True)
class StateStatus:
    """One state's status on one day, with the day it began and the political step that
    travels beside it (its kind and day; the words are the reader's, :mod:`treatymap.explain`)."""

    iso3: str
    status: Status
    since: date | None
    note_kind: EventKind | None = None
    note_date: date | None = None

    @property
    def noted(self) -> bool:
        """A political step of leaving or suspending is under way (the map's dotted outline)."""
        return self.note_kind is not None

    @property
    def bound(self) -> bool:
        """Bound by the treaty's obligations that day (State Party or withdrawal pending)."""
        return self.status in BOUND_STATUSES


def entry_into_force_for(treaty: Treaty, deposited: date) -> date:
    """When the treaty enters into force for a state that deposited on ``deposited`` (Article 17
    of both conventions; Article 5 of the Convention on Certain Conventional Weapons).

    The later of the general entry into force and, as the treaty counts
    (``entry_into_force_day``), the first day of the ``months_to_entry_into_force``-th month
    after the deposit, or that many months after it to the day (so every instrument deposited up
    to the one that triggered the general entry into force gets that day).
    """
    months = treaty.months_to_entry_into_force
    if treaty.entry_into_force_day is EntryDay.SAME_DAY:
        own = add_months(deposited, months)
    else:
        own = first_day_of_month_after(deposited, months)
    return max(treaty.entry_into_force, own)


def withdrawal_takes_effect(
    treaty: Treaty, received: date, conflicts: list[tuple[date, date | None]]
) -> tuple[date | None, bool]:
    """The day a withdrawal received on ``received`` takes effect (Article 20.3 of both).

    Returns ``(day, blocked)``. ``day`` is ``months_to_withdrawal`` months after receipt, unless
    the treaty has the armed-conflict rule and on that day the state is engaged in an armed
    conflict (``conflicts``: (began, ended or None)); then the withdrawal takes effect when that
    conflict ends, or not at all while it has not (``day`` None).
    """
    expiry = add_months(received, treaty.months_to_withdrawal)
    if not treaty.armed_conflict_rule:
        return expiry, False
    for began, ended in conflicts:
        if began <= expiry and (ended is None or ended > expiry):
            return ended, True
    return expiry, False


def legal_dates(record: Record, treaty_id: str) -> dict[str, LegalDates]:
    """Derive every state's :class:`LegalDates` for one treaty (states without events included).

    Recorded ``entry_into_force`` and ``withdrawal_effective`` events are not used here except
    for a succession and for a withdrawal whose receipt no source dates: legal dates are
    computed from the articles, and :mod:`treatymap.checks` compares them with what the sources
    record.
    """
    treaty = record.treaties[treaty_id]
    by_state: dict[str, list[Event]] = defaultdict(list)
    for event in record.events:
        if event.treaty_id == treaty_id:
            by_state[event.iso3].append(event)
    result: dict[str, LegalDates] = {}
    for state in record.states:
        events = sorted(by_state.get(state.iso3, ()), key=lambda e: e.order)
        result[state.iso3] = _derive(treaty, state.iso3, events)
    return result


def first_event(
    events: Iterable[Event], kinds: frozenset[EventKind] | set[EventKind]
) -> Event | None:
    """The earliest event of one of ``kinds`` (ties broken by line in events.csv), or None."""
    return min((e for e in events if e.kind in kinds), key=lambda e: e.order, default=None)


def _derive(treaty: Treaty, iso3: str, events: list[Event]) -> LegalDates:
    signature = first_event(events, {EventKind.SIGNATURE})
    consent = first_event(events, CONSENT_INSTRUMENTS)
    recorded = first_event(events, {EventKind.ENTRY_INTO_FORCE})
    entry_into_force, consent_unknown = None, False
    if consent is not None:
        if consent.kind is EventKind.SUCCESSION:
            entry_into_force = recorded.date if recorded else consent.date
        else:
            entry_into_force = entry_into_force_for(treaty, consent.date)
    elif recorded is not None:  # the sources date the entry into force, none the instrument
        entry_into_force, consent_unknown = recorded.date, True
    withdrawal = first_event(events, {EventKind.WITHDRAWAL_DEPOSITED})
    effective, blocked, receipt_unknown = None, False, False
    if withdrawal is not None:
        conflicts = _conflicts(events)
        effective, blocked = withdrawal_takes_effect(treaty, withdrawal.date, conflicts)
    elif (recorded_effect := first_event(events, {EventKind.WITHDRAWAL_EFFECTIVE})) is not None:
        effective, receipt_unknown = recorded_effect.date, True
    return LegalDates(
        iso3=iso3,
        signature=signature.date if signature else None,
        consent_kind=consent.kind if consent else None,
        consent_deposited=consent.date if consent else None,
        entry_into_force=entry_into_force,
        withdrawal_deposited=withdrawal.date if withdrawal else None,
        withdrawal_effective=effective,
        withdrawal_blocked_by_conflict=blocked,
        withdrawal_receipt_unknown=receipt_unknown,
        political=tuple(e for e in events if e.kind in POLITICAL_KINDS),
        consent_unknown=consent_unknown,
        unrecorded_from=_unrecorded_from(treaty, events),
    )


def _unrecorded_from(treaty: Treaty, events: list[Event]) -> date | None:
    """From when a state the record has no legal step of has "no record yet" (see
    :class:`LegalDates`)."""
    if treaty.record is not Coverage.PARTIAL or any(e.kind in LEGAL_KINDS for e in events):
        return None
    if treaty.record_complete_until is None:
        return date.min
    return treaty.record_complete_until + timedelta(days=1)


def _conflicts(events: list[Event]) -> list[tuple[date, date | None]]:
    """Pair each ``armed_conflict_began`` with the next ``armed_conflict_ended`` (or None)."""
    spans: list[tuple[date, date | None]] = []
    for event in events:
        if event.kind is EventKind.ARMED_CONFLICT_BEGAN:
            spans.append((event.date, None))
        elif event.kind is EventKind.ARMED_CONFLICT_ENDED and spans and spans[-1][1] is None:
            spans[-1] = (spans[-1][0], event.date)
    return spans


def _ladder(dates: LegalDates) -> tuple[tuple[Status, date | None], ...]:
    """Each status a state can reach and the day it would begin, the strongest first: the
    first whose day has come is the status (see :func:`status_on`)."""
    return (
        (Status.WITHDRAWN, dates.withdrawal_effective),
        (Status.WITHDRAWAL_PENDING, dates.withdrawal_deposited),
        (Status.STATE_PARTY, dates.entry_into_force),
        (Status.RATIFIED_NOT_IN_FORCE, dates.consent_deposited),
        (Status.SIGNATORY, dates.signature),
    )


def status_on(dates: LegalDates, on: date) -> StateStatus:
    """One state's status on ``on`` (inclusive: an event dated ``on`` already applies)."""
    status, since = next(
        ((s, d) for s, d in _ladder(dates) if d is not None and on >= d),
        # Before a day the record dates, a state it knows nothing else of (or whose instrument
        # it does not date) is "no record", never "not a party".
        (
            Status.NOT_RECORDED
            if dates.consent_unknown
            or (dates.unrecorded_from is not None and on >= dates.unrecorded_from)
            else Status.NOT_PARTY,
            None,
        ),
    )
    note = _political_note(dates, on, status)
    if note is None:
        return StateStatus(dates.iso3, status, since)
    return StateStatus(dates.iso3, status, since, note.kind, note.date)


def status_changes(dates: LegalDates) -> list[tuple[date | None, StateStatus]]:
    """Every status a state passes through, in order, each with the day it begins (``None``
    for the first: before any of its dates).

    :func:`status_on` compares the day only with the days of the state's ladder and of its
    political steps, so the status can change on those days alone; the map's script looks a
    day up in this list while the page asks the server (see ``mapview.status_timelines``).
    """
    days = {d for _, d in _ladder(dates) if d is not None} | {e.date for e in dates.political}
    if dates.unrecorded_from is not None and dates.unrecorded_from > date.min:
        days.add(dates.unrecorded_from)
    changes: list[tuple[date | None, StateStatus]] = [(None, status_on(dates, date.min))]
    for day in sorted(days):
        status = status_on(dates, day)
        if status != changes[-1][1]:
            changes.append((day, status))
    return changes


def _political_note(dates: LegalDates, on: date, status: Status) -> Event | None:
    """The latest political step (not a mere statement) on or before ``on``, while still bound."""
    if status not in BOUND_STATUSES:
        return None
    steps = [e for e in dates.political if e.date <= on and e.kind in NOTE_KINDS]
    return steps[-1] if steps else None


def deciding_event(status: Status, events: Iterable[Event]) -> Event | None:
    """The recorded event whose excerpt supports a state's status: the effect of its withdrawal
    (or the deposit), the deposit of its withdrawal, its entry into force (or its instrument),
    its instrument, its signature; ``None`` for a state with none of these."""
    chosen = list(events)
    if status is Status.WITHDRAWN:
        return first_event(chosen, {EventKind.WITHDRAWAL_EFFECTIVE}) or first_event(
            chosen, {EventKind.WITHDRAWAL_DEPOSITED}
        )
    if status is Status.WITHDRAWAL_PENDING:
        return first_event(chosen, {EventKind.WITHDRAWAL_DEPOSITED})
    if status is Status.STATE_PARTY:
        return first_event(chosen, {EventKind.ENTRY_INTO_FORCE}) or first_event(
            chosen, CONSENT_INSTRUMENTS
        )
    if status is Status.RATIFIED_NOT_IN_FORCE:
        return first_event(chosen, CONSENT_INSTRUMENTS)
    if status is Status.SIGNATORY:
        return first_event(chosen, {EventKind.SIGNATURE})
    return None


def statuses_on(
    record: Record, on: date, treaty_id: str, dates: dict[str, LegalDates] | None = None
) -> list[StateStatus]:
    """Every state's status on ``on``, in the order of ``record.states``.

    Pass ``dates`` (from :func:`legal_dates`) to reuse the derivation across many days.
    """
    dates = dates if dates is not None else legal_dates(record, treaty_id)
    return [status_on(dates[state.iso3], on) for state in record.states]
