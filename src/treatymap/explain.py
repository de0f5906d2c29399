"""Why a state has its status on a day, in plain words, citing the treaty's own article.

Every number and article comes from the :class:`treatymap.model.Treaty` (``treaties.csv``), so
the same sentences serve each treaty. Where the sources do not confirm, or disagree on, a day
the sentence gives, the explanation says so rather than state it as fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from treatymap.model import Event, Source, Treaty
from treatymap.status import LegalDates, StateStatus
from treatymap.vocab import CONSENT_INSTRUMENTS, EVENT_NOUN, Address, EventKind, Status

_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]


def long_date(day: date) -> str:
    """``27 December 2025``: the form the sources use, unambiguous in every country."""
    return f"{day.day} {day:%B %Y}"


def known(day: date | None, what: str) -> date:
    """``day``, which the state's status implies is set; a ValueError naming ``what`` if not.

    >>> known(date(2025, 12, 27), "withdrawal effective")
    datetime.date(2025, 12, 27)
    >>> known(None, "withdrawal effective")
    Traceback (most recent call last):
    ValueError: no withdrawal effective date, though the status implies one
    """
    if day is None:
        raise ValueError(f"no {what} date, though the status implies one")
    return day


def ordinal(n: int) -> str:
    """``sixth`` for the small numbers the articles use, ``40th`` beyond twelve.

    >>> ordinal(6), ordinal(30), ordinal(41), ordinal(22)
    ('sixth', '30th', '41st', '22nd')
    """
    if 1 <= n <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _kind_word(legal: LegalDates) -> str:
    return legal.consent_kind.value if legal.consent_kind else "consent"


def explain(
    legal: LegalDates, status: StateStatus, treaty: Treaty, events: Iterable[Event] = ()
) -> str:
    """Why the state has its status that day, citing the article that decides it.

    ``events`` are the state's events under ``treaty``; a day they mark as unconfirmed or
    disputed (``date_certainty``) gets a caveat after the sentence that uses it.
    """
    called = treaty.called
    s = status.status
    cited: list[tuple[frozenset[EventKind], date | None]] = []
    if s is Status.NOT_PARTY:
        text = (
            f"It has neither signed {called} nor deposited an instrument of consent, so it is "
            "not bound."
        )
    elif s is Status.SIGNATORY:
        signed = known(legal.signature, "signature")
        text = (
            f"It signed on {long_date(signed)} but has deposited no instrument of "
            f"ratification, acceptance or approval, so it is not bound by {called}'s obligations "
            f"(Article {treaty.consent_article})."
        )
        cited.append((frozenset({EventKind.SIGNATURE}), legal.signature))
    elif s is Status.RATIFIED_NOT_IN_FORCE:
        deposited = known(legal.consent_deposited, "consent deposited")
        in_force = known(legal.entry_into_force, "entry into force")
        text = (
            f"It deposited its instrument of {_kind_word(legal)} on "
            f"{long_date(deposited)}. It is not yet bound: {called} enters into "
            f"force for it on {long_date(in_force)}, {_entry_rule(legal, treaty)}."
        )
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.STATE_PARTY:
        if legal.consent_kind is EventKind.SUCCESSION:
            rule = "from the date of succession it notified"
        else:
            rule = _entry_rule(legal, treaty)
        in_force = known(legal.entry_into_force, "entry into force")
        text = f"It is bound: {called} entered into force for it on {long_date(in_force)}, {rule}."
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.WITHDRAWAL_PENDING:
        text = _pending(legal, treaty)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
    else:
        text = _withdrawn(legal, treaty)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
        cited.append((frozenset({EventKind.WITHDRAWAL_EFFECTIVE}), legal.withdrawal_effective))
    return " ".join([text, *_caveats(cited, list(events))])


def _pending(legal: LegalDates, treaty: Treaty) -> str:
    received = long_date(known(legal.withdrawal_deposited, "withdrawal deposited"))
    if legal.withdrawal_blocked_by_conflict:
        return (
            f"It deposited an instrument of withdrawal on {received} and is still bound. The "
            f"{treaty.months_to_withdrawal} months of Article {treaty.withdrawal_article} ran "
            "out while it was engaged in an armed conflict, so the withdrawal does not take "
            f"effect before the end of that conflict (Article {treaty.armed_conflict_article})."
        )
    effective = known(legal.withdrawal_effective, "withdrawal effective")
    return (
        f"It deposited an instrument of withdrawal on {received} and is still bound until the "
        f"withdrawal takes effect on {long_date(effective)}: a withdrawal takes "
        f"effect {treaty.months_to_withdrawal} months after the Depositary receives the "
        f"instrument (Article {treaty.withdrawal_article})."
    )


def _withdrawn(legal: LegalDates, treaty: Treaty) -> str:
    effective = known(legal.withdrawal_effective, "withdrawal effective")
    took_effect = f"its withdrawal took effect on {long_date(effective)}"
    if legal.withdrawal_blocked_by_conflict:
        received = known(legal.withdrawal_deposited, "withdrawal deposited")
        return (
            f"It is no longer bound: {took_effect}, when the armed conflict it was engaged in "
            f"ended (Article {treaty.armed_conflict_article}). The Depositary had received its "
            f"instrument of withdrawal on {long_date(received)}; the "
            f"{treaty.months_to_withdrawal}-month period ran out while the conflict went on."
        )
    if legal.withdrawal_receipt_unknown:
        return (
            f"It is no longer bound: {took_effect} (Article {treaty.withdrawal_article}). No "
            "source seen dates the Depositary's receipt of its instrument of withdrawal, which "
            f"started the {treaty.months_to_withdrawal} months."
        )
    received = known(legal.withdrawal_deposited, "withdrawal deposited")
    return (
        f"It is no longer bound: {took_effect}, {treaty.months_to_withdrawal} months after the "
        f"Depositary received its instrument of withdrawal on "
        f"{long_date(received)} (Article {treaty.withdrawal_article})."
    )


def entry_article(legal: LegalDates, treaty: Treaty) -> str:
    """The article that set the state's entry into force: the treaty's own for the first
    instruments, the one for later states otherwise."""
    if legal.entry_into_force == treaty.entry_into_force:
        return treaty.general_entry_into_force_article
    return treaty.state_entry_into_force_article


def _entry_rule(legal: LegalDates, treaty: Treaty) -> str:
    if legal.entry_into_force == treaty.entry_into_force:
        return (
            f"the day {treaty.called} itself entered into force, the first day of the "
            f"{ordinal(treaty.months_to_entry_into_force)} month after the month of the "
            f"{ordinal(treaty.instruments_for_entry_into_force)} instrument "
            f"(Article {treaty.general_entry_into_force_article})"
        )
    return (
        f"the first day of the {ordinal(treaty.months_to_entry_into_force)} month after its "
        f"deposit (Article {treaty.state_entry_into_force_article})"
    )


def _caveats(
    cited: list[tuple[frozenset[EventKind], date | None]], events: list[Event]
) -> list[str]:
    """A sentence for each cited day the sources do not confirm or disagree on."""
    out = []
    for kinds, day in cited:
        event = next((e for e in events if e.kind in kinds and e.date == day), None)
        if event is None or not event.date_certainty:
            continue
        what = EVENT_NOUN.get(event.kind, event.kind.value.replace("_", " "))
        when = long_date(event.date)
        if event.date_certainty == "unconfirmed":
            out.append(
                f"The sources do not confirm the day given for the {what} ({when}); see the "
                "note with that event."
            )
        else:
            out.append(
                f"Sources disagree on the day of the {what} ({when} is the better supported); "
                "see the note with that event."
            )
    return out


def address_caveat(source: Source) -> str | None:
    """What a reader must know when a source's address is not the page holding its sentence:
    ``The statement was on the home page of X on 6 March 2025.`` (``None`` for a page)."""
    if source.address is Address.PAGE:
        return None
    when = long_date(source.accessed)
    if source.published and len(source.published) == 10:
        when = long_date(date.fromisoformat(source.published))
    if source.address is Address.HOME_PAGE:
        return (
            f"The statement was on the home page of {source.publisher} on {when}; no page of "
            "its own is known."
        )
    return f"Read in an archived copy of the page, as it stood on {when}."


def status_line(name: str, legal: LegalDates, status: StateStatus, treaty: Treaty) -> str:
    """The state's answer in one line, for the line under the map: ``Lithuania: no longer bound
    by the Ottawa Convention since 27 December 2025``."""
    short, s = treaty.short_name, status.status
    if s is Status.WITHDRAWN:
        since = known(status.since, "withdrawal effective")
        return f"{name}: no longer bound by the {short} since {long_date(since)}"
    if s is Status.WITHDRAWAL_PENDING:
        if legal.withdrawal_effective is None:
            return (
                f"{name}: still bound by the {short}; its withdrawal cannot take effect while it "
                "is engaged in an armed conflict"
            )
        return (
            f"{name}: still bound by the {short} until its withdrawal takes effect on "
            f"{long_date(legal.withdrawal_effective)}"
        )
    if s is Status.STATE_PARTY:
        return f"{name}: bound by the {short} since {long_date(known(status.since, 'entry'))}"
    if s is Status.RATIFIED_NOT_IN_FORCE:
        in_force = known(legal.entry_into_force, "entry into force")
        return f"{name}: has joined the {short}; bound from {long_date(in_force)}"
    if s is Status.SIGNATORY:
        signed = known(legal.signature, "signature")
        return f"{name}: signed the {short} on {long_date(signed)}; not bound"
    return f"{name}: not a party to the {short}"
