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

from treatymap.explain import entry_article, known, status_label
from treatymap.i18n import N_, Words, words_for
from treatymap.model import Event, Record, Treaty
from treatymap.status import LegalDates, deciding_event, status_on
from treatymap.textsafe import csv_cell
from treatymap.vocab import Leaving, Status

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
    """One state's status on the later date differs from the earlier one (codes and days; its
    words are the reader's: :meth:`sentence`, :meth:`rule`)."""

    iso3: str
    name: str
    before: Status
    after: Status
    effective: date | None
    evidence: Event | None
    treaty: Treaty
    legal: LegalDates

    def rule(self, w: Words | None = None) -> str:
        """The rule that made the new status, in the treaty's own terms."""
        return rule_words(self.treaty, self.legal, self.after, w or words_for())

    def sentence(self, w: Words | None = None, name: str | None = None) -> str:
        """``Estonia: State Party → withdrawn, effective 27 December 2025, six months after …``"""
        w = w or words_for()
        values = {"state": name or self.name, "change": change_words(self, w), "rule": self.rule(w)}
        if self.effective is None:
            return w._("{state}: {change}, {rule}", **values)
        return w._(
            "{state}: {change}, effective {day}, {rule}", day=w.date(self.effective), **values
        )


#: A status in a few words, for a change ("State Party → withdrawn").
SHORT_WORDS = {
    Status.NOT_PARTY: N_("not a party"),
    Status.SIGNATORY: N_("signatory"),
    Status.RATIFIED_NOT_IN_FORCE: N_("joined, not yet in force"),
    Status.STATE_PARTY: N_("State Party"),
    Status.WITHDRAWAL_PENDING: N_("withdrawal pending"),
    Status.WITHDRAWN: N_("withdrawn"),
    Status.NOT_RECORDED: N_("no record yet"),
}


def change_words(change: Change, w: Words | None = None) -> str:
    """``State Party → withdrawn``: the change in a few words (for a card's list)."""
    w = w or words_for()
    return f"{w._(SHORT_WORDS[change.before])} → {w._(SHORT_WORDS[change.after])}"


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
        evidence = deciding_event(after.status, events) if after.status in _EVIDENCED else None
        changes.append(
            Change(state.iso3, names[state.iso3], before.status, after.status, after.since,
                   evidence, treaty, legal)
        )  # fmt: skip
    return sorted(changes, key=lambda c: (c.effective or date.min, c.name))


#: The new statuses an event decides (the others have no event to quote).
_EVIDENCED = frozenset(
    {
        Status.WITHDRAWN,
        Status.WITHDRAWAL_PENDING,
        Status.STATE_PARTY,
        Status.RATIFIED_NOT_IN_FORCE,
        Status.SIGNATORY,
    }
)


def rule_words(treaty: Treaty, legal: LegalDates, after: Status, w: Words) -> str:
    """The rule that made the new status ``after``, with its article."""
    denounced = treaty.leaving is Leaving.DENUNCIATION
    if after is Status.WITHDRAWN:
        if legal.withdrawal_blocked_by_conflict:
            return w._(
                "when the armed conflict it was engaged in ended (Article {article})",
                article=treaty.armed_conflict_article,
            )
        if legal.withdrawal_receipt_unknown:
            message = (
                N_("its denunciation took effect (Article {article})")
                if denounced
                else N_("its withdrawal took effect (Article {article})")
            )
            return w._(message, article=treaty.withdrawal_article)
        deposited = known(legal.withdrawal_deposited, "withdrawal deposited")
        message = (
            N_("{months} months after notifying its denunciation on {day} (Article {article})")
            if denounced
            else N_("{months} months after depositing its withdrawal on {day} (Article {article})")
        )
        return w._(
            message,
            months=w.number(treaty.months_to_withdrawal),
            day=w.date(deposited),
            article=treaty.withdrawal_article,
        )
    if after is Status.WITHDRAWAL_PENDING:
        if legal.withdrawal_effective:
            message = (
                N_(
                    "denunciation notified; still bound until it takes effect on {day} "
                    "(Article {article})"
                )
                if denounced
                else N_(
                    "instrument of withdrawal deposited; still bound until it takes effect on "
                    "{day} (Article {article})"
                )
            )
            return w._(
                message, day=w.date(legal.withdrawal_effective), article=treaty.withdrawal_article
            )
        message = (
            N_(
                "denunciation notified; still bound: it cannot take effect during an armed "
                "conflict (Article {article})"
            )
            if denounced
            else N_(
                "instrument of withdrawal deposited; still bound: it cannot take effect during "
                "an armed conflict (Article {article})"
            )
        )
        return w._(message, article=treaty.armed_conflict_article)
    if after is Status.STATE_PARTY:
        consent = legal.consent_deposited
        if legal.consent_unknown or consent is None:
            return w._("entry into force (Article {article})", article=entry_article(legal, treaty))
        return w._(
            "entry into force after its deposit on {day} (Article {article})",
            day=w.date(consent),
            article=entry_article(legal, treaty),
        )
    if after is Status.RATIFIED_NOT_IN_FORCE:
        in_force = known(legal.entry_into_force, "entry into force")
        return w._(
            "instrument deposited; in force from {day} (Article {article})",
            day=w.date(in_force),
            article=entry_article(legal, treaty),
        )
    if after is Status.SIGNATORY:
        return w._("signed {called}", called=w.pgettext("treaty", treaty.called))
    return status_label(after, w)


def changes_csv(
    changes: list[Change],
    record: Record,
    treaty: Treaty,
    w: Words | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The changelog as CSV (one row a change), safe to open in a spreadsheet: the columns and
    codes are an interface and never change; the name, the labels and the rule are in the
    reader's language."""
    w = w or words_for()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for change in changes:
        source = record.sources.get(change.evidence.source_id) if change.evidence else None
        row = {
            "treaty_id": treaty.treaty_id,
            "iso3": change.iso3,
            "name": (names or {}).get(change.iso3, change.name),
            "before": change.before.value,
            "before_label": status_label(change.before, w),
            "after": change.after.value,
            "after_label": status_label(change.after, w),
            "effective": change.effective.isoformat() if change.effective else "",
            "rule": change.rule(w),
            "excerpt": change.evidence.excerpt if change.evidence else "",
            "source_url": source.url if source else "",
        }
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()
