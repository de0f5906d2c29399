"""The view in a few sentences, computed from the data (pure; never hand-written).

Shown with the map, used as the map's accessible description, and put in the snapshot and the
images. It names the states a journalist would quote: the border states that left, those still
bound, those that never joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from treatymap.explain import long_date
from treatymap.figures import Headline, Standing
from treatymap.model import Treaty
from treatymap.status import StateStatus
from treatymap.vocab import Status


def join_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


#: How the summary speaks of each group of border states (singular, plural).
_GROUP_WORDS: dict[Standing, tuple[str, str]] = {
    Standing.BOUND: ("is bound", "are bound"),
    Standing.LEFT: ("has left", "have left"),
    Standing.JOINING: ("has joined, not yet in force", "have joined, not yet in force"),
    Standing.NEVER: ("never joined", "never joined"),
    Standing.UNRECORDED: ("has no record yet", "have no record yet"),
}


def view_summary(
    treaty: Treaty,
    statuses: Iterable[StateStatus],
    figures: Headline,
    names: Mapping[str, str],
    day: date,
) -> str:
    """``On DATE, N states are bound by the TREATY. Of the M states on Russia's or Belarus's
    land borders, K are bound (…), L have left (…) and J never joined (…).`` Then any withdrawal
    that took effect that day (the day is inclusive: it is already in effect) and any that is
    pending.
    """
    by_state = {s.iso3: s for s in statuses}
    bound = figures.states_parties
    text = (
        f"On {long_date(day)}, {_count(bound, 'state')} {_be(bound)} bound by the "
        f"{treaty.short_name}. Of the {figures.frontline_total} states on Russia's or Belarus's "
        "land borders, "
    )
    parts = []
    for group in Standing:
        members = figures.frontline.get(group, ())
        if members:
            verb = _GROUP_WORDS[group][0 if len(members) == 1 else 1]
            parts.append(f"{len(members)} {verb} ({join_words([names[c] for c in members])})")
    text += join_words(parts) + "."
    took_effect = sorted(
        names[s.iso3] for s in by_state.values() if s.status is Status.WITHDRAWN and s.since == day
    )
    if took_effect:
        plural = "withdrawals" if len(took_effect) > 1 else "withdrawal"
        owners = join_words([f"{name}'s" for name in took_effect])
        text += f" {owners} {plural} took effect that day."
    unknown = sum(1 for s in by_state.values() if s.status is Status.NOT_RECORDED)
    if unknown:
        text += (
            f" The record of the {treaty.short_name} is not complete: {_count(unknown, 'state')} "
            f"{'has' if unknown == 1 else 'have'} no dated record yet."
        )
    pending = sorted(
        names[s.iso3] for s in by_state.values() if s.status is Status.WITHDRAWAL_PENDING
    )
    if pending:
        verb = "remain" if len(pending) > 1 else "remains"
        text += (
            f" {join_words(pending)} {verb} bound until {'their' if len(pending) > 1 else 'its'}"
        )
        text += " withdrawal takes effect."
    return text


def view_description(
    treaty: Treaty,
    statuses: Iterable[StateStatus],
    figures: Headline,
    names: Mapping[str, str],
    day: date,
) -> str:
    """The view in one sentence for a link's preview, leading with the day's news: ``On 27
    December 2025, Estonia, Latvia and Lithuania ceased to be bound by the Ottawa Convention;
    163 states are bound, 4 of the 13 states on Russia's or Belarus's land borders among
    them.`` On a day with no withdrawal taking effect, the summary's first two sentences."""
    left_today = sorted(
        names[s.iso3] for s in statuses if s.status is Status.WITHDRAWN and s.since == day
    )
    if not left_today:
        first, _, rest = view_summary(treaty, statuses, figures, names, day).partition(". ")
        return f"{first}. {rest.partition('. ')[0].rstrip('.')}."
    bound = figures.states_parties
    border = figures.count(Standing.BOUND)
    return (
        f"On {long_date(day)}, {join_words(left_today)} ceased to be bound by the "
        f"{treaty.short_name}; {_count(bound, 'state')} {_be(bound)} bound, {border} of the "
        f"{figures.frontline_total} states on Russia's or Belarus's land borders among them."
    )
