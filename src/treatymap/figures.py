"""Headline figures and key moments, computed from the record for one treaty (pure, no I/O)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from treatymap.model import Record, Treaty
from treatymap.status import LegalDates, StateStatus
from treatymap.vocab import BOUND_STATUSES, EventKind, Status


class Standing(StrEnum):
    """Where a border state stands on a day, in the words a headline uses."""

    BOUND = "bound"  # State Party, or withdrawal pending (still bound)
    LEFT = "left"  # its withdrawal has taken effect
    JOINING = "joining"  # instrument deposited, not yet in force
    NEVER = "never"  # never joined: no instrument (it may have signed)
    UNRECORDED = "unrecorded"  # the treaty's record is not complete, and has nothing of it


def standing(status: Status) -> Standing:
    """The headline's word for a status."""
    if status in BOUND_STATUSES:
        return Standing.BOUND
    if status is Status.WITHDRAWN:
        return Standing.LEFT
    if status is Status.RATIFIED_NOT_IN_FORCE:
        return Standing.JOINING
    if status is Status.NOT_RECORDED:
        return Standing.UNRECORDED
    return Standing.NEVER


@dataclass(frozen=True)
class Headline:
    """The figures shown with the map for one treaty and day.

    ``frontline`` groups the states on a land border with Russia or Belarus by
    :class:`Standing` (codes in name order), so a headline can say who is bound, who left and
    who never joined, not only how many are bound.
    """

    states_parties: int
    frontline: dict[Standing, tuple[str, ...]] = field(default_factory=dict)
    border_km_no_longer_bound: float = 0.0
    border_km_total: float = 0.0

    @property
    def frontline_total(self) -> int:
        return sum(len(v) for v in self.frontline.values())

    def count(self, group: Standing) -> int:
        return len(self.frontline.get(group, ()))


def headline(
    statuses: Iterable[StateStatus],
    frontline: Iterable[str],
    borders_km: Mapping[tuple[str, str], float],
    names: Mapping[str, str],
) -> Headline:
    """States Parties (bound that day), the border states by standing, and km of border now
    unbound.

    The border figure adds up the land borders with Russia and Belarus on which the neighbour's
    withdrawal has taken effect (``withdrawn``): the stretches where a former State Party is no
    longer bound.
    """
    by_state = {s.iso3: s for s in statuses}
    groups: dict[Standing, list[str]] = defaultdict(list)
    for iso3 in sorted(set(frontline), key=lambda c: names.get(c, c)):
        groups[standing(by_state[iso3].status)].append(iso3)
    withdrawn = {iso3 for iso3, s in by_state.items() if s.status is Status.WITHDRAWN}
    return Headline(
        states_parties=sum(1 for s in by_state.values() if s.bound),
        frontline={g: tuple(groups[g]) for g in Standing if groups.get(g)},
        border_km_no_longer_bound=sum(
            km for (_, neighbour), km in borders_km.items() if neighbour in withdrawn
        ),
        border_km_total=sum(borders_km.values()),
    )


class Moment(StrEnum):
    """What happened on a key moment's day (its words are the reader's,
    :func:`treatymap.explain.moment_words`)."""

    OPENED = "opened"  # opened for signature (or adopted, under a treaty with no signature stage)
    IN_FORCE = "in_force"  # the treaty itself entered into force
    LEAVING_DEPOSITED = "leaving_deposited"  # instrument of withdrawal (or denunciation) received
    LEAVING_EFFECTIVE = "leaving_effective"  # the withdrawal (or denunciation) takes effect
    CONSENT = "consent"  # an instrument of consent deposited (``kind`` says which)
    STATE_IN_FORCE = "state_in_force"  # the treaty entered into force for the states
    SUSPENSION_DECLARED = "suspension_declared"


@dataclass(frozen=True)
class KeyMoment:
    """A day worth jumping to: what happened on it, and the states that acted (codes)."""

    day: date
    what: Moment
    states: tuple[str, ...] = ()
    #: For :attr:`Moment.CONSENT`, the instrument (``None``: not known).
    kind: EventKind | None = None


def key_moments(
    record: Record, treaty: Treaty, dates: Mapping[str, LegalDates], frontline: Iterable[str]
) -> list[KeyMoment]:
    """The days a reader of this treaty wants to jump to, each with what happened on it.

    The opening for signature and the general entry into force; every withdrawal deposit and
    effect and every declared suspension; each border state's joining (deposit and entry into
    force); and every joining in the years of the withdrawals (from the year before the first
    withdrawal step), so the newest States Parties stand beside the leavers. States acting on
    the same day share one moment (Estonia, Latvia and Lithuania), in the order of their
    English names (a reader's page sorts them in its own language).
    """
    names = record.state_names()
    front = set(frontline)
    steps = [e for e in record.events_of(treaty.treaty_id) if e.kind is not EventKind.STATEMENT]
    leaving = [
        e.date
        for e in steps
        if e.kind
        in {
            EventKind.WITHDRAWAL_ANNOUNCED,
            EventKind.WITHDRAWAL_DEPOSITED,
            EventKind.PARLIAMENT_VOTE,
        }
    ]
    recent = date(min(leaving).year - 1, 1, 1) if leaving else date.max
    days: dict[tuple[date, Moment, EventKind | None], list[str]] = defaultdict(list)
    for iso3, legal in dates.items():
        picks: list[tuple[date | None, Moment, EventKind | None]] = [
            (legal.withdrawal_deposited, Moment.LEAVING_DEPOSITED, None),
            (legal.withdrawal_effective, Moment.LEAVING_EFFECTIVE, None),
        ]
        if iso3 in front or (legal.consent_deposited and legal.consent_deposited >= recent):
            picks += [
                (legal.consent_deposited, Moment.CONSENT, legal.consent_kind),
                (legal.entry_into_force, Moment.STATE_IN_FORCE, None),
            ]
        for day, what, kind in picks:
            if day is not None and day != treaty.entry_into_force:
                days[(day, what, kind)].append(iso3)
    for e in steps:
        if e.kind is EventKind.SUSPENSION_DECLARED:
            days[(e.date, Moment.SUSPENSION_DECLARED, None)].append(e.iso3)
    moments = [
        KeyMoment(treaty.opened_for_signature, Moment.OPENED),
        KeyMoment(treaty.entry_into_force, Moment.IN_FORCE),
    ]
    moments += [
        KeyMoment(day, what, tuple(sorted(who, key=lambda c: names[c])), kind)
        for (day, what, kind), who in days.items()
    ]
    order = list(Moment)
    return sorted(moments, key=lambda m: (m.day, order.index(m.what), m.states))


def next_moment(moments: Iterable[KeyMoment], after: date, last_day: date) -> date | None:
    """The first key moment strictly after ``after`` and not beyond ``last_day`` (for Play)."""
    upcoming = sorted(m.day for m in moments if after < m.day <= last_day)
    return upcoming[0] if upcoming else None


def previous_moment(moments: Iterable[KeyMoment], before: date) -> date | None:
    """The last key moment strictly before ``before`` (for stepping back)."""
    earlier = sorted(m.day for m in moments if m.day < before)
    return earlier[-1] if earlier else None


def last_scheduled_day(dates: Mapping[str, LegalDates]) -> date | None:
    """The latest legal date the record schedules (entry into force or withdrawal effect)."""
    days = [
        d
        for legal in dates.values()
        for d in (legal.entry_into_force, legal.withdrawal_effective)
        if d is not None
    ]
    return max(days, default=None)
