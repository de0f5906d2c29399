"""The view in one or two sentences, computed from the data (pure; never hand-written).

Shown under the map, used as the map's accessible description, and put in the snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from treatymap.explain import long_date
from treatymap.status import StateStatus
from treatymap.vocab import Status


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


def view_summary(
    statuses: Iterable[StateStatus],
    frontline: Iterable[str],
    names: Mapping[str, str],
    day: date,
) -> str:
    """``On DATE, N states are bound by the Convention. Of the M states bordering Russia or
    Belarus, K are bound; STATE's withdrawal took effect that day.``

    A withdrawal that takes effect on ``day`` is named (the day is inclusive: it is already in
    effect); so are states whose withdrawal is pending that day.
    """
    by_state = {s.iso3: s for s in statuses}
    bound = sum(1 for s in by_state.values() if s.bound)
    front = sorted(set(frontline))
    front_bound = sum(1 for iso3 in front if by_state[iso3].bound)
    text = (
        f"On {long_date(day)}, {_count(bound, 'state')} {_be(bound)} bound by the Convention. "
        f"Of the {_count(len(front), 'state')} bordering Russia or Belarus, {front_bound} "
        f"{_be(front_bound)} bound"
    )
    took_effect = sorted(
        names[s.iso3] for s in by_state.values() if s.status is Status.WITHDRAWN and s.since == day
    )
    if took_effect:
        plural = "withdrawals" if len(took_effect) > 1 else "withdrawal"
        owners = _join([f"{name}'s" for name in took_effect])
        text += f"; {owners} {plural} took effect that day"
    text += "."
    pending = sorted(
        names[s.iso3] for s in by_state.values() if s.status is Status.WITHDRAWAL_PENDING
    )
    if pending:
        verb = "remain" if len(pending) > 1 else "remains"
        text += f" {_join(pending)} {verb} bound until {'their' if len(pending) > 1 else 'its'} "
        text += "withdrawal takes effect."
    return text
