"""The view in a few sentences, computed from the data (pure; never hand-written), in the
reader's language.

Shown with the map, used as the map's accessible description, and put in the snapshot, the
images and a link's preview. It names the states a journalist would quote: the border states
that left, those still bound, those that never joined. ``names`` are the states' names in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from treatymap.explain import treaty_name
from treatymap.figures import Headline, Standing
from treatymap.i18n import Words, words_for
from treatymap.model import Treaty
from treatymap.status import StateStatus
from treatymap.vocab import Leaving, Status


def join_words(items: list[str], w: Words | None = None) -> str:
    """``a``, ``a and b``, ``a, b and c`` (in the reader's language)."""
    return (w or words_for()).join(items)


def _group(group: Standing, members: list[str], w: Words) -> str:
    """``4 are bound (Finland, Norway, Poland and Ukraine)``: one group of border states."""
    n, names = len(members), w.join(sorted(members, key=w.sort_key))
    if group is Standing.BOUND:
        return w.ngettext("{n} is bound ({names})", "{n} are bound ({names})", n, names=names)
    if group is Standing.LEFT:
        return w.ngettext("{n} has left ({names})", "{n} have left ({names})", n, names=names)
    if group is Standing.JOINING:
        return w.ngettext(
            "{n} has joined, not yet in force ({names})",
            "{n} have joined, not yet in force ({names})",
            n,
            names=names,
        )
    if group is Standing.UNRECORDED:
        return w.ngettext(
            "{n} has no record yet ({names})", "{n} have no record yet ({names})", n, names=names
        )
    return w.ngettext("{n} never joined ({names})", "{n} never joined ({names})", n, names=names)


def _sentences(
    treaty: Treaty,
    statuses: Iterable[StateStatus],
    figures: Headline,
    names: Mapping[str, str],
    day: date,
    w: Words,
) -> list[str]:
    by_state = {s.iso3: s for s in statuses}
    bound = figures.states_parties
    sentences = [
        w.ngettext(
            "On {day}, {n} state is bound by the {treaty}.",
            "On {day}, {n} states are bound by the {treaty}.",
            bound,
            day=w.date(day),
            treaty=treaty_name(treaty, w),
        )
    ]
    parts = [
        _group(group, [names[c] for c in figures.frontline[group]], w)
        for group in Standing
        if figures.frontline.get(group)
    ]
    sentences.append(
        w.ngettext(
            "Of the {n} state on Russia's or Belarus's land borders, {groups}.",
            "Of the {n} states on Russia's or Belarus's land borders, {groups}.",
            figures.frontline_total,
            groups=w.join(parts),
        )
    )
    took_effect = sorted(
        (
            names[s.iso3]
            for s in by_state.values()
            if s.status is Status.WITHDRAWN and s.since == day
        ),
        key=w.sort_key,
    )
    if took_effect:
        denounced = treaty.leaving is Leaving.DENUNCIATION
        sentences.append(
            w.ngettext(
                "The denunciation of {names} took effect that day.",
                "The denunciations of {names} took effect that day.",
                len(took_effect),
                names=w.join(took_effect),
            )
            if denounced
            else w.ngettext(
                "The withdrawal of {names} took effect that day.",
                "The withdrawals of {names} took effect that day.",
                len(took_effect),
                names=w.join(took_effect),
            )
        )
    unknown = sum(1 for s in by_state.values() if s.status is Status.NOT_RECORDED)
    if unknown:
        sentences.append(
            w.ngettext(
                "The record of the {treaty} is not complete: {n} state has no dated record yet.",
                "The record of the {treaty} is not complete: {n} states have no dated record yet.",
                unknown,
                treaty=treaty_name(treaty, w),
            )
        )
    pending = sorted(
        (names[s.iso3] for s in by_state.values() if s.status is Status.WITHDRAWAL_PENDING),
        key=w.sort_key,
    )
    if pending:
        sentences.append(
            w.ngettext(
                "{names} remains bound until its denunciation takes effect.",
                "{names} remain bound until their denunciations take effect.",
                len(pending),
                names=w.join(pending),
            )
            if treaty.leaving is Leaving.DENUNCIATION
            else w.ngettext(
                "{names} remains bound until its withdrawal takes effect.",
                "{names} remain bound until their withdrawal takes effect.",
                len(pending),
                names=w.join(pending),
            )
        )
    return sentences


def view_summary(
    treaty: Treaty,
    statuses: Iterable[StateStatus],
    figures: Headline,
    names: Mapping[str, str],
    day: date,
    w: Words | None = None,
) -> str:
    """``On DATE, N states are bound by the TREATY. Of the M states on Russia's or Belarus's
    land borders, K are bound (…), L have left (…) and J never joined (…).`` Then any withdrawal
    that took effect that day (the day is inclusive: it is already in effect), a record that is
    not complete, and any withdrawal pending.
    """
    return " ".join(_sentences(treaty, statuses, figures, names, day, w or words_for()))


def view_description(
    treaty: Treaty,
    statuses: Iterable[StateStatus],
    figures: Headline,
    names: Mapping[str, str],
    day: date,
    w: Words | None = None,
) -> str:
    """The view in one sentence for a link's preview, leading with the day's news: ``On 27
    December 2025, Estonia, Latvia and Lithuania ceased to be bound by the Ottawa Convention;
    163 states are bound, 4 of the 13 states on Russia's or Belarus's land borders among
    them.`` On a day with no withdrawal taking effect, the summary's first two sentences."""
    w = w or words_for()
    statuses = list(statuses)
    left_today = sorted(
        (names[s.iso3] for s in statuses if s.status is Status.WITHDRAWN and s.since == day),
        key=w.sort_key,
    )
    if not left_today:
        return " ".join(_sentences(treaty, statuses, figures, names, day, w)[:2])
    return w.ngettext(
        "On {day}, {names} ceased to be bound by the {treaty}; {bound} states are bound, "
        "{border} of the {n} state on Russia's or Belarus's land borders among them.",
        "On {day}, {names} ceased to be bound by the {treaty}; {bound} states are bound, "
        "{border} of the {n} states on Russia's or Belarus's land borders among them.",
        figures.frontline_total,
        day=w.date(day),
        names=w.join(left_today),
        treaty=treaty_name(treaty, w),
        bound=w.number(figures.states_parties),
        border=w.number(figures.count(Standing.BOUND)),
    )
