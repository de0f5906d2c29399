"""A state's status in plain words, with the rule behind it (pure, no I/O)."""

from __future__ import annotations

from datetime import date

from treatymap.model import Treaty
from treatymap.status import LegalDates, StateStatus
from treatymap.vocab import EventKind, Status


def long_date(day: date) -> str:
    """``27 December 2025``: the form the sources use, unambiguous in every country."""
    return f"{day.day} {day:%B %Y}"


def explain(legal: LegalDates, status: StateStatus, treaty: Treaty) -> str:
    """Why the state has its status that day, citing the article that decides it."""
    kind = (
        {
            EventKind.RATIFICATION: "ratification",
            EventKind.ACCEPTANCE: "acceptance",
            EventKind.APPROVAL: "approval",
            EventKind.ACCESSION: "accession",
            EventKind.SUCCESSION: "succession",
        }.get(legal.consent_kind, "consent")
        if legal.consent_kind
        else "consent"
    )
    s = status.status
    if s is Status.NOT_PARTY:
        return (
            "It has neither signed the Convention nor deposited an instrument of consent, so it "
            "is not bound."
        )
    if s is Status.SIGNATORY:
        return (
            f"It signed on {long_date(legal.signature)} but has deposited no instrument of "
            "ratification, acceptance or approval, so it is not bound by the Convention's "
            "obligations (Article 16)."
        )
    if s is Status.RATIFIED_NOT_IN_FORCE:
        return (
            f"It deposited its instrument of {kind} on {long_date(legal.consent_deposited)}. "
            f"It is not yet bound: the Convention enters into force for it on "
            f"{long_date(legal.entry_into_force)}, {_article_17(legal, treaty)}."
        )
    if s is Status.STATE_PARTY:
        if legal.consent_kind is EventKind.SUCCESSION:
            rule = "from the date of succession it notified"
        else:
            rule = _article_17(legal, treaty)
        return (
            f"It is bound: the Convention entered into force for it on "
            f"{long_date(legal.entry_into_force)}, {rule}."
        )
    if s is Status.WITHDRAWAL_PENDING:
        received = long_date(legal.withdrawal_deposited)
        if legal.withdrawal_blocked_by_conflict:
            return (
                f"It deposited an instrument of withdrawal on {received} and is still bound. "
                "The six months of Article 20.2 ran out while it was engaged in an armed "
                "conflict, so the withdrawal does not take effect before the end of that "
                "conflict (Article 20.3)."
            )
        return (
            f"It deposited an instrument of withdrawal on {received} and is still bound until "
            f"the withdrawal takes effect on {long_date(legal.withdrawal_effective)}: a "
            f"withdrawal takes effect {treaty.months_to_withdrawal} months after the Depositary "
            "receives the instrument (Article 20.2)."
        )
    return (
        f"It is no longer bound: its withdrawal took effect on "
        f"{long_date(legal.withdrawal_effective)}, {treaty.months_to_withdrawal} months after "
        f"the Depositary received its instrument of withdrawal on "
        f"{long_date(legal.withdrawal_deposited)} (Article 20.2)."
    )


def _article_17(legal: LegalDates, treaty: Treaty) -> str:
    if legal.entry_into_force == treaty.entry_into_force:
        return (
            "the day the Convention itself entered into force, the first day of the sixth month "
            "after the 40th instrument was deposited (Article 17.1)"
        )
    return (
        f"the first day of the {_ordinal(treaty.months_to_entry_into_force)} month after its "
        "deposit (Article 17.2)"
    )


def _ordinal(n: int) -> str:
    return {6: "sixth"}.get(n, f"{n}th")
