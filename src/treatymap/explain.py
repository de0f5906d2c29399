"""Why a state has its status on a day, in the reader's words, citing the treaty's own article.

Every number and article comes from the :class:`treatymap.model.Treaty` (``treaties.csv``), so
the same sentences serve each treaty; every word goes through the reader's
:class:`treatymap.i18n.Words`, each sentence a whole message a translator can reorder. Where the
sources do not confirm, or disagree on, a day the sentence gives, the explanation says so rather
than state it as fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from treatymap.figures import KeyMoment, Moment
from treatymap.i18n import N_, Words, words_for
from treatymap.model import Event, Source, Treaty
from treatymap.status import LegalDates, StateStatus
from treatymap.vocab import (
    CONSENT_INSTRUMENTS,
    EVENT_LABEL,
    EVENT_NOUN,
    OBLIGATION_WORDS,
    STATUS_LABEL,
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

#: The same steps under a treaty one leaves by denunciation (the protocols of the Convention on
#: Certain Conventional Weapons): never worded as a withdrawal.
DENUNCIATION_LABEL: dict[EventKind, str] = {
    EventKind.WITHDRAWAL_CONSIDERED: N_("Denunciation considered"),
    EventKind.WITHDRAWAL_ANNOUNCED: N_("Denunciation announced"),
    EventKind.PARLIAMENT_VOTE: N_("Parliament approved denunciation"),
    EventKind.WITHDRAWAL_SIGNED: N_("Denunciation approved by the head of state"),
    EventKind.WITHDRAWAL_DEPOSITED: N_("Notification of denunciation received"),
    EventKind.WITHDRAWAL_EFFECTIVE: N_("Denunciation took effect"),
}

#: What a state deposits (or notifies) to join, as the explanation says it.
INSTRUMENT_WORDS: dict[EventKind | None, str] = {
    EventKind.RATIFICATION: N_("It deposited its instrument of ratification on {day}."),
    EventKind.ACCEPTANCE: N_("It deposited its instrument of acceptance on {day}."),
    EventKind.APPROVAL: N_("It deposited its instrument of approval on {day}."),
    EventKind.ACCESSION: N_("It deposited its instrument of accession on {day}."),
    EventKind.SUCCESSION: N_("It deposited its notification of succession on {day}."),
    EventKind.CONSENT_TO_BE_BOUND: N_(
        "It deposited its notification of consent to be bound on {day}."
    ),
    None: N_("It deposited its instrument on {day}."),
}


def long_date(day: date) -> str:
    """``27 December 2025``: the form the sources use, for what is not a reader's (the command
    line, the checks); a reader's dates are :meth:`Words.date`."""
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


def treaty_name(treaty: Treaty, w: Words) -> str:
    """The treaty's short name in the reader's language (its official name there)."""
    return w.pgettext("treaty", treaty.short_name)


def treaty_called(treaty: Treaty, w: Words) -> str:
    """How a sentence refers to the treaty ("the Convention", "the Protocol")."""
    return w.pgettext("treaty", treaty.called)


def status_label(status: Status, w: Words) -> str:
    return w._(STATUS_LABEL[status])


def event_label(kind: EventKind, treaty: Treaty, w: Words) -> str:
    """An event's words under ``treaty``: a treaty one leaves by denunciation never speaks of
    withdrawal."""
    if treaty.leaving is Leaving.DENUNCIATION and kind in DENUNCIATION_LABEL:
        return w._(DENUNCIATION_LABEL[kind])
    return w._(EVENT_LABEL[kind])


def political_note(status: StateStatus, treaty: Treaty, w: Words) -> str | None:
    """``Withdrawal announced on 18 March 2025``: the political step travelling beside the
    status, or ``None``."""
    if status.note_kind is None or status.note_date is None:
        return None
    return w._(
        "{step} on {day}",
        step=event_label(status.note_kind, treaty, w),
        day=w.date(status.note_date),
    )


def what_it_does(treaty: Treaty, w: Words | None = None) -> str:
    """``The Ottawa Convention bans anti-personnel mines: …``: one sentence, so that a reader
    does not take a treaty that restricts mines for one that bans them."""
    w = w or words_for()
    return w._(
        "The {treaty} {does}.",
        treaty=treaty_name(treaty, w),
        does=w._(OBLIGATION_WORDS[treaty.obligation]),
    )


def explain(
    legal: LegalDates,
    status: StateStatus,
    treaty: Treaty,
    events: Iterable[Event] = (),
    w: Words | None = None,
) -> str:
    """Why the state has its status that day, citing the article that decides it.

    ``events`` are the state's events under ``treaty``; a day they mark as unconfirmed or
    disputed (``date_certainty``) gets a caveat after the sentence that uses it.
    """
    w = w or words_for()
    called = treaty_called(treaty, w)
    s = status.status
    cited: list[tuple[frozenset[EventKind], date | None]] = []
    if s is Status.NOT_PARTY and not treaty.signature_stage:
        text = w._(
            "It has not notified its consent to be bound by {called}, so it is not bound.",
            called=called,
        )
    elif s is Status.NOT_PARTY:
        text = w._(
            "It has neither signed {called} nor deposited an instrument of consent, so it is "
            "not bound.",
            called=called,
        )
    elif s is Status.NOT_RECORDED:
        text = w._(
            "No source in this record yet dates a step of this state's under {called}: whether "
            "it is bound is not shown here. The record of the {treaty} is not complete.",
            called=called,
            treaty=treaty_name(treaty, w),
        )
    elif s is Status.SIGNATORY:
        signed = known(legal.signature, "signature")
        text = w._(
            "It signed on {day} but has deposited no instrument of ratification, acceptance or "
            "approval, so it is not bound by the obligations of {called} (Article {article}).",
            day=w.date(signed),
            called=called,
            article=treaty.consent_article,
        )
        cited.append((frozenset({EventKind.SIGNATURE}), legal.signature))
    elif s is Status.RATIFIED_NOT_IN_FORCE:
        deposited = known(legal.consent_deposited, "consent deposited")
        in_force = known(legal.entry_into_force, "entry into force")
        text = " ".join(
            [
                w._(INSTRUMENT_WORDS[legal.consent_kind], day=w.date(deposited)),
                w._(
                    "It is not yet bound: {called} enters into force for it on {day}, {rule}.",
                    called=called,
                    day=w.date(in_force),
                    rule=_entry_rule(legal, treaty, w),
                ),
            ]
        )
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.STATE_PARTY:
        text = _bound(legal, treaty, w)
        cited.append((CONSENT_INSTRUMENTS, legal.consent_deposited))
    elif s is Status.WITHDRAWAL_PENDING:
        text = _pending(legal, treaty, w)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
    else:
        text = _withdrawn(legal, treaty, w)
        cited.append((frozenset({EventKind.WITHDRAWAL_DEPOSITED}), legal.withdrawal_deposited))
        cited.append((frozenset({EventKind.WITHDRAWAL_EFFECTIVE}), legal.withdrawal_effective))
    return " ".join([text, *_caveats(cited, list(events), w)])


def _bound(legal: LegalDates, treaty: Treaty, w: Words) -> str:
    in_force = w.date(known(legal.entry_into_force, "entry into force"))
    called = treaty_called(treaty, w)
    if legal.consent_unknown:
        return w._(
            "It is bound: {called} entered into force for it on {day} (Article {article}). No "
            "source in the record dates its instrument of consent.",
            called=called,
            day=in_force,
            article=entry_article(legal, treaty),
        )
    if legal.consent_kind is EventKind.SUCCESSION:
        return w._(
            "It is bound: {called} entered into force for it on {day}, from the date of "
            "succession it notified.",
            called=called,
            day=in_force,
        )
    return w._(
        "It is bound: {called} entered into force for it on {day}, {rule}.",
        called=called,
        day=in_force,
        rule=_entry_rule(legal, treaty, w),
    )


#: The explanations of a pending and of a completed leaving, by what the treaty calls leaving.
_PENDING = {
    Leaving.WITHDRAWAL: N_(
        "It deposited an instrument of withdrawal on {received} and is still bound until the "
        "withdrawal takes effect on {effective}: a withdrawal takes effect {months} months "
        "after the Depositary receives it (Article {article})."
    ),
    Leaving.DENUNCIATION: N_(
        "It deposited a notification of denunciation on {received} and is still bound until "
        "the denunciation takes effect on {effective}: a denunciation takes effect {months} "
        "months after the Depositary receives it (Article {article})."
    ),
}
_BLOCKED = {
    Leaving.WITHDRAWAL: N_(
        "It deposited an instrument of withdrawal on {received} and is still bound. The "
        "{months} months of Article {article} ran out while it was engaged in an armed "
        "conflict, so the withdrawal does not take effect before the end of that conflict "
        "(Article {conflict})."
    ),
    Leaving.DENUNCIATION: N_(
        "It deposited a notification of denunciation on {received} and is still bound. The "
        "{months} months of Article {article} ran out while it was engaged in an armed "
        "conflict, so the denunciation does not take effect before the end of that conflict "
        "(Article {conflict})."
    ),
}
_LEFT = {
    Leaving.WITHDRAWAL: N_(
        "It is no longer bound: its withdrawal took effect on {effective}, {months} months "
        "after the Depositary received an instrument of withdrawal on {received} (Article "
        "{article})."
    ),
    Leaving.DENUNCIATION: N_(
        "It is no longer bound: its denunciation took effect on {effective}, {months} months "
        "after the Depositary received a notification of denunciation on {received} (Article "
        "{article})."
    ),
}
_LEFT_IN_CONFLICT = {
    Leaving.WITHDRAWAL: N_(
        "It is no longer bound: its withdrawal took effect on {effective}, when the armed "
        "conflict it was engaged in ended (Article {conflict}). The Depositary had received an "
        "instrument of withdrawal on {received}; the {months}-month period ran out while the "
        "conflict went on."
    ),
    Leaving.DENUNCIATION: N_(
        "It is no longer bound: its denunciation took effect on {effective}, when the armed "
        "conflict it was engaged in ended (Article {conflict}). The Depositary had received a "
        "notification of denunciation on {received}; the {months}-month period ran out while "
        "the conflict went on."
    ),
}
_LEFT_RECEIPT_UNKNOWN = {
    Leaving.WITHDRAWAL: N_(
        "It is no longer bound: its withdrawal took effect on {effective} (Article {article}). "
        "No source seen dates the Depositary's receipt of an instrument of withdrawal, which "
        "started the {months} months."
    ),
    Leaving.DENUNCIATION: N_(
        "It is no longer bound: its denunciation took effect on {effective} (Article "
        "{article}). No source seen dates the Depositary's receipt of a notification of "
        "denunciation, which started the {months} months."
    ),
}


def _pending(legal: LegalDates, treaty: Treaty, w: Words) -> str:
    received = w.date(known(legal.withdrawal_deposited, "withdrawal deposited"))
    values = {
        "received": received,
        "months": w.number(treaty.months_to_withdrawal),
        "article": treaty.withdrawal_article,
        "conflict": treaty.armed_conflict_article or "",
    }
    if legal.withdrawal_blocked_by_conflict:
        return w._(_BLOCKED[treaty.leaving], **values)
    effective = w.date(known(legal.withdrawal_effective, "withdrawal effective"))
    return w._(_PENDING[treaty.leaving], effective=effective, **values)


def _withdrawn(legal: LegalDates, treaty: Treaty, w: Words) -> str:
    values = {
        "effective": w.date(known(legal.withdrawal_effective, "withdrawal effective")),
        "months": w.number(treaty.months_to_withdrawal),
        "article": treaty.withdrawal_article,
        "conflict": treaty.armed_conflict_article or "",
    }
    if legal.withdrawal_receipt_unknown:
        return w._(_LEFT_RECEIPT_UNKNOWN[treaty.leaving], **values)
    received = w.date(known(legal.withdrawal_deposited, "withdrawal deposited"))
    if legal.withdrawal_blocked_by_conflict:
        return w._(_LEFT_IN_CONFLICT[treaty.leaving], received=received, **values)
    return w._(_LEFT[treaty.leaving], received=received, **values)


def entry_article(legal: LegalDates, treaty: Treaty) -> str:
    """The article that set the state's entry into force: the treaty's own for the first
    instruments, the one for later states otherwise."""
    if legal.entry_into_force == treaty.entry_into_force:
        return treaty.general_entry_into_force_article
    return treaty.state_entry_into_force_article


def _entry_rule(legal: LegalDates, treaty: Treaty, w: Words) -> str:
    """Why the treaty entered into force for the state on that day, with the article, in the
    treaty's own terms ("the first day of the sixth month after …")."""
    months = treaty.months_to_entry_into_force
    same_day = treaty.entry_into_force_day is EntryDay.SAME_DAY
    values = {
        "months": w.number(months),
        "month": w.month_ordinal(months),
        "nth": w.ordinal(treaty.instruments_for_entry_into_force),
    }
    if legal.entry_into_force == treaty.entry_into_force:
        message = (
            N_(
                "the day {called} itself entered into force, {months} months after the {nth} "
                "notification (Article {article})"
            )
            if same_day
            else N_(
                "the day {called} itself entered into force, the first day of the {month} month "
                "after the month of the {nth} instrument (Article {article})"
            )
        )
        return w._(
            message,
            called=treaty_called(treaty, w),
            article=treaty.general_entry_into_force_article,
            **values,
        )
    message = (
        N_("{months} months after its notification (Article {article})")
        if same_day
        else N_("the first day of the {month} month after its deposit (Article {article})")
    )
    return w._(message, article=treaty.state_entry_into_force_article, **values)


def _caveats(
    cited: list[tuple[frozenset[EventKind], date | None]], events: list[Event], w: Words
) -> list[str]:
    """A sentence for each cited day the sources do not confirm or disagree on."""
    out = []
    for kinds, day in cited:
        event = next((e for e in events if e.kind in kinds and e.date == day), None)
        if event is None or not event.date_certainty:
            continue
        what = w._(EVENT_NOUN.get(event.kind, EVENT_LABEL[event.kind]))
        when = w.date(event.date)
        if event.date_certainty == "unconfirmed":
            out.append(
                w._(
                    "The sources do not confirm the day given for the {what} ({day}); see the "
                    "note with that event.",
                    what=what,
                    day=when,
                )
            )
        else:
            out.append(
                w._(
                    "Sources disagree on the day of the {what} ({day} is the better supported); "
                    "see the note with that event.",
                    what=what,
                    day=when,
                )
            )
    return out


def address_caveat(source: Source, w: Words | None = None) -> str | None:
    """What a reader must know when a source's address is not the page holding its sentence:
    ``The statement was on the home page of X on 6 March 2025.`` (``None`` for a page)."""
    if source.address is Address.PAGE:
        return None
    w = w or words_for()
    day = source.accessed
    if source.published and len(source.published) == 10:
        day = date.fromisoformat(source.published)
    if source.address is Address.HOME_PAGE:
        return w._(
            "The statement was on the home page of {publisher} on {day}; no page of its own is "
            "known.",
            publisher=source.publisher,
            day=w.date(day),
        )
    return w._("Read in an archived copy of the page, as it stood on {day}.", day=w.date(day))


def status_line(
    name: str, legal: LegalDates, status: StateStatus, treaty: Treaty, w: Words | None = None
) -> str:
    """The state's answer in one line, for the line under the map: ``Lithuania: no longer bound
    by the Ottawa Convention since 27 December 2025``."""
    w = w or words_for()
    short, s = treaty_name(treaty, w), status.status
    if s is Status.NOT_RECORDED:
        return w._("{state}: no record yet under the {treaty}", state=name, treaty=short)
    if s is Status.WITHDRAWN:
        since = w.date(known(status.since, "withdrawal effective"))
        return w._(
            "{state}: no longer bound by the {treaty} since {day}",
            state=name,
            treaty=short,
            day=since,
        )
    if s is Status.WITHDRAWAL_PENDING:
        if legal.withdrawal_effective is None:
            message = (
                N_(
                    "{state}: still bound by the {treaty}; its denunciation cannot take effect "
                    "while it is engaged in an armed conflict"
                )
                if treaty.leaving is Leaving.DENUNCIATION
                else N_(
                    "{state}: still bound by the {treaty}; its withdrawal cannot take effect "
                    "while it is engaged in an armed conflict"
                )
            )
            return w._(message, state=name, treaty=short)
        message = (
            N_("{state}: still bound by the {treaty} until its denunciation takes effect on {day}")
            if treaty.leaving is Leaving.DENUNCIATION
            else N_(
                "{state}: still bound by the {treaty} until its withdrawal takes effect on {day}"
            )
        )
        return w._(message, state=name, treaty=short, day=w.date(legal.withdrawal_effective))
    if s is Status.STATE_PARTY:
        since = w.date(known(status.since, "entry"))
        return w._(
            "{state}: bound by the {treaty} since {day}", state=name, treaty=short, day=since
        )
    if s is Status.RATIFIED_NOT_IN_FORCE:
        in_force = w.date(known(legal.entry_into_force, "entry into force"))
        return w._(
            "{state}: has joined the {treaty}; bound from {day}",
            state=name,
            treaty=short,
            day=in_force,
        )
    if s is Status.SIGNATORY:
        signed = w.date(known(legal.signature, "signature"))
        return w._(
            "{state}: signed the {treaty} on {day}; not bound", state=name, treaty=short, day=signed
        )
    return w._("{state}: not a party to the {treaty}", state=name, treaty=short)


#: A key moment's words for a state's joining, by its instrument.
JOINED_WORDS: dict[EventKind | None, str] = {
    EventKind.RATIFICATION: N_("{states}: ratification deposited"),
    EventKind.ACCEPTANCE: N_("{states}: acceptance deposited"),
    EventKind.APPROVAL: N_("{states}: approval deposited"),
    EventKind.ACCESSION: N_("{states}: accession deposited"),
    EventKind.SUCCESSION: N_("{states}: succession notified"),
    EventKind.CONSENT_TO_BE_BOUND: N_("{states}: consent to be bound notified"),
    None: N_("{states}: instrument deposited"),
}

#: The other key moments' words, by what the treaty calls leaving where that matters.
MOMENT_WORDS: dict[tuple[Moment, Leaving | None], str] = {
    (Moment.LEAVING_DEPOSITED, Leaving.WITHDRAWAL): N_("{states}: withdrawal deposited"),
    (Moment.LEAVING_DEPOSITED, Leaving.DENUNCIATION): N_("{states}: denunciation notified"),
    (Moment.LEAVING_EFFECTIVE, Leaving.WITHDRAWAL): N_("{states}: withdrawal takes effect"),
    (Moment.LEAVING_EFFECTIVE, Leaving.DENUNCIATION): N_("{states}: denunciation takes effect"),
    (Moment.STATE_IN_FORCE, None): N_("{states}: {treaty} in force for it"),
    (Moment.SUSPENSION_DECLARED, None): N_("{states}: suspension declared"),
    (Moment.IN_FORCE, None): N_("The {treaty} enters into force"),
}


def moment_words(moment: KeyMoment, treaty: Treaty, names: Mapping[str, str], w: Words) -> str:
    """``Estonia, Latvia, Lithuania: withdrawal takes effect``: what happened on a key moment's
    day, the states in the reader's alphabetical order."""
    states = ", ".join(sorted((names[c] for c in moment.states), key=w.sort_key))
    if moment.what is Moment.OPENED:
        place = w.pgettext("place", treaty.opened_place)
        if treaty.signature_stage:
            return w._("Opened for signature in {place}", place=place)
        return w._("Adopted in {place}", place=place)
    if moment.what is Moment.CONSENT:
        return w._(JOINED_WORDS.get(moment.kind, JOINED_WORDS[None]), states=states)
    leaving = treaty.leaving if moment.what in _LEAVING_MOMENTS else None
    return w._(MOMENT_WORDS[(moment.what, leaving)], states=states, treaty=treaty_name(treaty, w))


_LEAVING_MOMENTS = frozenset({Moment.LEAVING_DEPOSITED, Moment.LEAVING_EFFECTIVE})
