"""What changed between two dates under one treaty, in plain words, with the rule and the
supporting excerpt.

Pure: from the record and its legal dates to a list of :class:`Change` (and a CSV of them). The
evidence for a change is always an event of the same treaty (:meth:`Record.events_of`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from treatymap.explain import entry_article, known, long_date
from treatymap.model import Event, Record, Treaty
from treatymap.status import LegalDates, deciding_event, status_on
from treatymap.textsafe import csv_cell
from treatymap.vocab import STATUS_LABEL, Status

CHANGE_COLUMNS = (
    "treaty_id",
    "iso3",
    "name",
    "before",
    "before_label",
    "after",
    "after_label",
    "effective",
    "rule",
    "excerpt",
    "source_url",
)


@dataclass(frozen=True)
class Change:
    """One state's status on the later date differs from the earlier one."""

    iso3: str
    name: str
    before: Status
    after: Status
    effective: date | None
    rule: str
    evidence: Event | None

    def sentence(self) -> str:
        """``Estonia: State Party → withdrawn, effective 27 December 2025, six months after …``"""
        when = f", effective {long_date(self.effective)}" if self.effective else ""
        return f"{self.name}: {_short(self.before)} → {_short(self.after)}{when}, {self.rule}"


_SHORT = {
    Status.NOT_PARTY: "not a party",
    Status.SIGNATORY: "signatory",
    Status.RATIFIED_NOT_IN_FORCE: "joined, not yet in force",
    Status.STATE_PARTY: "State Party",
    Status.WITHDRAWAL_PENDING: "withdrawal pending",
    Status.WITHDRAWN: "withdrawn",
    Status.NOT_RECORDED: "no record yet",
}


def _short(status: Status) -> str:
    return _SHORT[status]


def change_words(change: Change) -> str:
    """``State Party → withdrawn``: the change in a few words (for a card's list)."""
    return f"{_short(change.before)} → {_short(change.after)}"


def changes_between(
    record: Record, treaty: Treaty, dates: Mapping[str, LegalDates], first: date, second: date
) -> list[Change]:
    """Every state whose status under ``treaty`` on ``second`` differs from that on ``first``.

    ``first`` and ``second`` may come in either order; the change is told from the earlier to
    the later day. Sorted by the day the new status began, then by name.
    """
    early, late = sorted((first, second))
    names = record.state_names()
    changes = []
    for state in record.states:
        legal = dates[state.iso3]
        before, after = status_on(legal, early), status_on(legal, late)
        if before.status is after.status:
            continue
        events = record.events_of(treaty.treaty_id, iso3=state.iso3)
        rule, evidence = _rule(treaty, legal, after.status, events)
        changes.append(
            Change(state.iso3, names[state.iso3], before.status, after.status, after.since, rule,
                   evidence)
        )  # fmt: skip
    return sorted(changes, key=lambda c: (c.effective or date.min, c.name))


def _rule(
    treaty: Treaty, legal: LegalDates, after: Status, events: list[Event]
) -> tuple[str, Event | None]:
    """The rule that made the new status, and the event whose excerpt supports it."""
    months = treaty.months_to_withdrawal
    if after is Status.WITHDRAWN:
        if legal.withdrawal_blocked_by_conflict:
            rule = (
                "when the armed conflict it was engaged in ended "
                f"(Article {treaty.armed_conflict_article})"
            )
        elif legal.withdrawal_receipt_unknown:
            rule = f"its withdrawal took effect (Article {treaty.withdrawal_article})"
        else:
            deposited = known(legal.withdrawal_deposited, "withdrawal deposited")
            rule = (
                f"{months} months after depositing its withdrawal on "
                f"{long_date(deposited)} (Article {treaty.withdrawal_article})"
            )
        return rule, deciding_event(after, events)
    if after is Status.WITHDRAWAL_PENDING:
        takes_effect = (
            f"it takes effect on {long_date(legal.withdrawal_effective)}"
            if legal.withdrawal_effective
            else "it cannot take effect during an armed conflict "
            f"(Article {treaty.armed_conflict_article})"
        )
        return (
            f"instrument of withdrawal deposited; still bound until {takes_effect} "
            f"(Article {treaty.withdrawal_article})",
            deciding_event(after, events),
        )
    if after is Status.STATE_PARTY:
        deposited = known(legal.consent_deposited, "consent deposited")
        return (
            f"entry into force after its deposit on {long_date(deposited)} "
            f"(Article {entry_article(legal, treaty)})",
            deciding_event(after, events),
        )
    if after is Status.RATIFIED_NOT_IN_FORCE:
        in_force = known(legal.entry_into_force, "entry into force")
        return (
            f"instrument deposited; in force from {long_date(in_force)} "
            f"(Article {entry_article(legal, treaty)})",
            deciding_event(after, events),
        )
    if after is Status.SIGNATORY:
        return (f"signed {treaty.called}", deciding_event(after, events))
    return (STATUS_LABEL[after], None)


def changes_csv(changes: list[Change], record: Record, treaty: Treaty) -> str:
    """The changelog as CSV (one row a change), safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for change in changes:
        source = record.sources.get(change.evidence.source_id) if change.evidence else None
        row = {
            "treaty_id": treaty.treaty_id,
            "iso3": change.iso3,
            "name": change.name,
            "before": change.before.value,
            "before_label": STATUS_LABEL[change.before],
            "after": change.after.value,
            "after_label": STATUS_LABEL[change.after],
            "effective": change.effective.isoformat() if change.effective else "",
            "rule": change.rule,
            "excerpt": change.evidence.excerpt if change.evidence else "",
            "source_url": source.url if source else "",
        }
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()
