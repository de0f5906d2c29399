"""Headline figures and key moments, computed from the record (pure, no I/O)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from treatymap.model import Record
from treatymap.status import LegalDates, StateStatus
from treatymap.vocab import Status


@dataclass(frozen=True)
class Headline:
    """The figures shown above the map for one day."""

    states_parties: int
    frontline_total: int
    frontline_bound: int
    border_km_no_longer_bound: float
    border_km_total: float


def headline(
    statuses: Iterable[StateStatus],
    frontline: Iterable[str],
    borders_km: Mapping[tuple[str, str], float],
) -> Headline:
    """States Parties (bound that day), frontline states bound, and km of border now unbound.

    The border figure adds up the land borders with Russia and Belarus on which the neighbour's
    withdrawal has taken effect (``withdrawn``): the stretches where a former State Party is no
    longer bound.
    """
    by_state = {s.iso3: s for s in statuses}
    front = sorted(set(frontline))
    withdrawn = {iso3 for iso3, s in by_state.items() if s.status is Status.WITHDRAWN}
    return Headline(
        states_parties=sum(1 for s in by_state.values() if s.bound),
        frontline_total=len(front),
        frontline_bound=sum(1 for iso3 in front if by_state[iso3].bound),
        border_km_no_longer_bound=sum(
            km for (_, neighbour), km in borders_km.items() if neighbour in withdrawn
        ),
        border_km_total=sum(borders_km.values()),
    )


@dataclass(frozen=True)
class KeyMoment:
    """A day worth jumping to, with what happened on it."""

    day: date
    label: str


def key_moments(record: Record, dates: Mapping[str, LegalDates], treaty_id: str) -> list[KeyMoment]:
    """The opening for signature, entry into force, and each withdrawal deposit and effect.

    States acting on the same day share one moment ("Estonia, Latvia, Lithuania").
    """
    treaty = record.treaties[treaty_id]
    names = record.state_names()
    moments = [
        KeyMoment(treaty.opened_for_signature, "Opened for signature in Ottawa"),
        KeyMoment(treaty.entry_into_force, "The Convention enters into force"),
    ]
    deposits: dict[date, list[str]] = defaultdict(list)
    effects: dict[date, list[str]] = defaultdict(list)
    for iso3, legal in dates.items():
        if legal.withdrawal_deposited:
            deposits[legal.withdrawal_deposited].append(names[iso3])
        if legal.withdrawal_effective:
            effects[legal.withdrawal_effective].append(names[iso3])
    for day, who in deposits.items():
        moments.append(KeyMoment(day, f"{', '.join(sorted(who))}: withdrawal deposited"))
    for day, who in effects.items():
        moments.append(KeyMoment(day, f"{', '.join(sorted(who))}: withdrawal takes effect"))
    return sorted(moments, key=lambda m: m.day)


def next_moment(moments: Iterable[KeyMoment], after: date, last_day: date) -> date | None:
    """The first key moment strictly after ``after`` and not beyond ``last_day`` (for Play)."""
    upcoming = sorted(m.day for m in moments if after < m.day <= last_day)
    return upcoming[0] if upcoming else None


def last_scheduled_day(dates: Mapping[str, LegalDates]) -> date | None:
    """The latest legal date the record schedules (entry into force or withdrawal effect)."""
    days = [
        d
        for legal in dates.values()
        for d in (legal.entry_into_force, legal.withdrawal_effective)
        if d is not None
    ]
    return max(days, default=None)
