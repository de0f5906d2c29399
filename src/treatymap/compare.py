"""What changed between two dates, in plain words, with the rule and the supporting excerpt.

Pure: from the record and its legal dates to a list of :class:`Change` (and a CSV of them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from treatymap.explain import long_date
from treatymap.model import Event, Record
from treatymap.status import LegalDates, first_event, status_on
from treatymap.textsafe import csv_cell
from treatymap.vocab import CONSENT_INSTRUMENTS, STATUS_LABEL, EventKind, Status

CHANGE_COLUMNS = ("iso3", "name", "before", "after", "effective", "rule", "excerpt", "source_url")


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
}


def _short(status: Status) -> str:
    return _SHORT[status]


def changes_between(
    record: Record, dates: Mapping[str, LegalDates], first: date, second: date
) -> list[Change]:
    """Every state whose status on ``second`` differs from its status on ``first``.

    ``first`` and ``second`` may come in either order; the change is told from the earlier to
    the later day. Sorted by the day the new status began, then by name.
    """
    early, late = sorted((first, second))
    names = record.state_names()
    events: dict[str, list[Event]] = {}
    for event in record.events:
        events.setdefault(event.iso3, []).append(event)
    changes = []
    for state in record.states:
        legal = dates[state.iso3]
        before, after = status_on(legal, early), status_on(legal, late)
        if before.status is after.status:
            continue
        rule, evidence = _rule(legal, after.status, events.get(state.iso3, []))
        changes.append(
            Change(state.iso3, names[state.iso3], before.status, after.status, after.since, rule,
                   evidence)
        )  # fmt: skip
    return sorted(changes, key=lambda c: (c.effective or date.min, c.name))


def _rule(legal: LegalDates, after: Status, events: list[Event]) -> tuple[str, Event | None]:
    """The rule that made the new status, and the event whose excerpt supports it."""
    if after is Status.WITHDRAWN:
        return (
            f"six months after depositing its withdrawal on {long_date(legal.withdrawal_deposited)}"
            " (Article 20.2)",
            first_event(events, {EventKind.WITHDRAWAL_EFFECTIVE})
            or first_event(events, {EventKind.WITHDRAWAL_DEPOSITED}),
        )
    if after is Status.WITHDRAWAL_PENDING:
        takes_effect = (
            f"it takes effect on {long_date(legal.withdrawal_effective)}"
            if legal.withdrawal_effective
            else "it cannot take effect during an armed conflict (Article 20.3)"
        )
        return (
            f"instrument of withdrawal deposited; still bound until {takes_effect} (Article 20.2)",
            first_event(events, {EventKind.WITHDRAWAL_DEPOSITED}),
        )
    if after is Status.STATE_PARTY:
        return (
            f"entry into force after its deposit on {long_date(legal.consent_deposited)} "
            "(Article 17)",
            first_event(events, {EventKind.ENTRY_INTO_FORCE})
            or first_event(events, CONSENT_INSTRUMENTS),
        )
    if after is Status.RATIFIED_NOT_IN_FORCE:
        return (
            f"instrument deposited; in force from {long_date(legal.entry_into_force)} (Article 17)",
            first_event(events, CONSENT_INSTRUMENTS),
        )
    if after is Status.SIGNATORY:
        return ("signed the Convention", first_event(events, {EventKind.SIGNATURE}))
    return (STATUS_LABEL[after], None)


def changes_csv(changes: list[Change], record: Record) -> str:
    """The changelog as CSV (one row a change), safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for change in changes:
        source = record.sources.get(change.evidence.source_id) if change.evidence else None
        row = {
            "iso3": change.iso3,
            "name": change.name,
            "before": change.before.value,
            "after": change.after.value,
            "effective": change.effective.isoformat() if change.effective else "",
            "rule": change.rule,
            "excerpt": change.evidence.excerpt if change.evidence else "",
            "source_url": source.url if source else "",
        }
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()
