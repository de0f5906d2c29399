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
from treatymap.vocab import (
    CONSENT_INSTRUMENTS,
    EVENT_LABEL,
    EVENT_NOUN,
    OBLIGATION_WORDS,
    Address,
    EntryDay,
    EventKind,
    Leaving,
    Status,
)

#: The event kinds whose words speak of leaving the treaty.
LEAVING_KINDS = frozenset(
    {
        EventKind.WITHDRAWAL_CONSIDERED,
        EventKind.WITHDRAWAL_ANNOUNCED,
        EventKind.PARLIAMENT_VOTE,
        EventKind.WITHDRAWAL_SIGNED,
        EventKind.WITHDRAWAL_DEPOSITED,
        EventKind.WITHDRAWAL_EFFECTIVE,
    }
)

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


#: What a state deposits (or notifies) to join, as a sentence words it.
INSTRUMENT_WORDS: dict[EventKind, str] = {
    EventKind.RATIFICATION: "its instrument of ratification",
    EventKind.ACCEPTANCE: "its instrument of acceptance",
    EventKind.APPROVAL: "its instrument of approval",
    EventKind.ACCESSION: "its instrument of accession",
    EventKind.SUCCESSION: "its notification of succession",
    EventKind.CONSENT_TO_BE_BOUND: "its notification of consent to be bound",
}


def _kind_word(legal: LegalDates) -> str:
    return (
        INSTRUMENT_WORDS.get(legal.consent_kind, "its instrument")
        if legal.consent_kind
        else ("its instrument")
    )


def what_it_does(treaty: Treaty) -> str:
    """``The Ottawa Convention bans anti-personnel mines: …``: one sentence, so that a reader
    does not take a treaty that restricts mines for one that bans them."""
    return f"The {treaty.short_name} {OBLIGATION_WORDS[treaty.obligation]}."


def event_label(kind: EventKind, treaty: Treaty) -> str:
    """An event's words under ``treaty``: a treaty one leaves by denunciation (the Convention
    on Certain Conventional Weapons' protocols) never speaks of withdrawal."""
    label = EVENT_LABEL[kind]
    if treaty.leaving is Leaving.DENUNCIATION and kind in LEAVING_KINDS:
        label = label.replace("Instrument of withdrawal", "Notification of denunciation")
        label = label.replace("withdrawal", "denunciation").replace("Withdrawal", "Denunciation")
    return label


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
    if s is Status.NOT_PARTY and not treaty.signature_stage:
        text = f"It has not notified its consent to be bound by {called}, so it is not bound."
    elif s is Status.NOT_PARTY:
        text = (
            f"It has neither signed {called} nor deposited an instrument of consent, so it is "
            "not bound."
        )
    elif s is Status.NOT_RECORDED:
        text = (
            f"No source in this record yet dates a step of this state's under {called}: "
            "whether it is bound is not shown here. The record of the "
            f"{treaty.short_name} is not complete."
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
            f"It deposited {_kind_word(legal)} on "
            f"{long_date(deposited)}. It is not yet bound: {called} enters into "
            f"force for it on {long_date(in_force)}, {_entry_rule(legal, treaty)}."
        )
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.STATE_PARTY:
        in_force = known(legal.entry_into_force, "entry into force")
        if legal.consent_unknown:
            text = (
                f"It is bound: {called} entered into force for it on {long_date(in_force)} "
                f"(Article {entry_article(legal, treaty)}). No source in the record dates its "
                "instrument of consent."
            )
        else:
            if legal.consent_kind is EventKind.SUCCESSION:
                rule = "from the date of succession it notified"
            else:
                rule = _entry_rule(legal, treaty)
            text = (
                f"It is bound: {called} entered into force for it on {long_date(in_force)}, {rule}."
            )
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.WITHDRAWAL_PENDING:
        text = _pending(legal, treaty)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
    else:
        text = _withdrawn(legal, treaty)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
        cited.append((frozenset({EventKind.WITHDRAWAL_EFFECTIVE}), legal.withdrawal_effective))
    return " ".join([text, *_caveats(cited, list(events))])


def _leaving(treaty: Treaty) -> tuple[str, str]:
    """(what a state hands in to leave, the act) in the treaty's own words."""
    if treaty.leaving is Leaving.DENUNCIATION:
        return "a notification of denunciation", "denunciation"
    return "an instrument of withdrawal", "withdrawal"


def _pending(legal: LegalDates, treaty: Treaty) -> str:
    received = long_date(known(legal.withdrawal_deposited, "withdrawal deposited"))
    handed, act = _leaving(treaty)
    if legal.withdrawal_blocked_by_conflict:
        return (
            f"It deposited {handed} on {received} and is still bound. The "
            f"{treaty.months_to_withdrawal} months of Article {treaty.withdrawal_article} ran "
            f"out while it was engaged in an armed conflict, so the {act} does not take "
            f"effect before the end of that conflict (Article {treaty.armed_conflict_article})."
        )
    effective = known(legal.withdrawal_effective, "withdrawal effective")
    return (
        f"It deposited {handed} on {received} and is still bound until the "
        f"{act} takes effect on {long_date(effective)}: a {act} takes "
        f"effect {treaty.months_to_withdrawal} months after the Depositary receives it "
        f"(Article {treaty.withdrawal_article})."
    )


def _withdrawn(legal: LegalDates, treaty: Treaty) -> str:
    effective = known(legal.withdrawal_effective, "withdrawal effective")
    handed, act = _leaving(treaty)
    took_effect = f"its {act} took effect on {long_date(effective)}"
    if legal.withdrawal_blocked_by_conflict:
        received = known(legal.withdrawal_deposited, "withdrawal deposited")
        return (
            f"It is no longer bound: {took_effect}, when the armed conflict it was engaged in "
            f"ended (Article {treaty.armed_conflict_article}). The Depositary had received "
            f"{handed} on {long_date(received)}; the "
            f"{treaty.months_to_withdrawal}-month period ran out while the conflict went on."
        )
    if legal.withdrawal_receipt_unknown:
        return (
            f"It is no longer bound: {took_effect} (Article {treaty.withdrawal_article}). No "
            f"source seen dates the Depositary's receipt of {handed}, which "
            f"started the {treaty.months_to_withdrawal} months."
        )
    received = known(legal.withdrawal_deposited, "withdrawal deposited")
    return (
        f"It is no longer bound: {took_effect}, {treaty.months_to_withdrawal} months after the "
        f"Depositary received {handed} on "
        f"{long_date(received)} (Article {treaty.withdrawal_article})."
    )


def entry_article(legal: LegalDates, treaty: Treaty) -> str:
    """The article that set the state's entry into force: the treaty's own for the first
    instruments, the one for later states otherwise."""
    if legal.entry_into_force == treaty.entry_into_force:
        return treaty.general_entry_into_force_article
    return treaty.state_entry_into_force_article


def _entry_rule(legal: LegalDates, treaty: Treaty) -> str:
    months = treaty.months_to_entry_into_force
    same_day = treaty.entry_into_force_day is EntryDay.SAME_DAY
    if legal.entry_into_force == treaty.entry_into_force:
        when = (
            f"{months} months after the {ordinal(treaty.instruments_for_entry_into_force)} "
            "notification"
            if same_day
            else f"the first day of the {ordinal(months)} month after the month of the "
            f"{ordinal(treaty.instruments_for_entry_into_force)} instrument"
        )
        return (
            f"the day {treaty.called} itself entered into force, {when} "
            f"(Article {treaty.general_entry_into_force_article})"
        )
    if same_day:
        article = treaty.state_entry_into_force_article
        return f"{months} months after its notification (Article {article})"
    return (
        f"the first day of the {ordinal(months)} month after its "
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
    if s is Status.NOT_RECORDED:
        return f"{name}: no record yet under the {short}"
    if s is Status.WITHDRAWN:
        since = known(status.since, "withdrawal effective")
        return f"{name}: no longer bound by the {short} since {long_date(since)}"
    if s is Status.WITHDRAWAL_PENDING:
        act = _leaving(treaty)[1]
        if legal.withdrawal_effective is None:
            return (
                f"{name}: still bound by the {short}; its {act} cannot take effect while it "
                "is engaged in an armed conflict"
            )
        return (
            f"{name}: still bound by the {short} until its {act} takes effect on "
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
