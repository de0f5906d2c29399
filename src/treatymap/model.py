"""Typed rows of the treaty record, as read from the validated tables (no I/O here).

Everything that differs between treaties is a field of :class:`Treaty` (read from
``treaties.csv``), so the status engine, the explanations and every renderer take a treaty as a
value and never branch on which treaty it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from treatymap.vocab import (
    SOURCE_RANK,
    Address,
    Coverage,
    EntryDay,
    EventKind,
    Leaving,
    Obligation,
    SourceKind,
)


@dataclass(frozen=True)
class State:
    """A state that can take part in the treaties (states.csv)."""

    iso3: str
    name: str
    basis: str
    line: int = 0  # its line in states.csv, so every complaint can point at it


@dataclass(frozen=True)
class Treaty:
    """A treaty, with the numbers and article references its rules use (treaties.csv).

    ``armed_conflict_article`` is ``None`` for a treaty with no rule deferring a withdrawal
    during an armed conflict; then :func:`treatymap.status.withdrawal_takes_effect` ignores
    conflicts altogether.
    """

    treaty_id: str
    short_name: str
    full_name: str
    called: str
    depositary: str
    opened_for_signature: date
    opened_place: str
    opened_source_id: str
    opened_excerpt: str
    entry_into_force: date
    instruments_for_entry_into_force: int
    entry_into_force_source_id: str
    entry_into_force_excerpt: str
    months_to_entry_into_force: int
    months_to_withdrawal: int
    consent_article: str
    general_entry_into_force_article: str
    state_entry_into_force_article: str
    withdrawal_article: str
    armed_conflict_article: str | None
    text_source_id: str
    record_reviewed: date
    line: int = 0  # its line in treaties.csv
    signature_stage: bool = True
    entry_into_force_day: EntryDay = EntryDay.FIRST_OF_MONTH
    leaving: Leaving = Leaving.WITHDRAWAL
    obligation: Obligation = Obligation.BANS_ANTI_PERSONNEL_MINES
    record: Coverage = Coverage.COMPLETE
    #: Under a partial record, the day of a complete list of the participants: up to it, a
    #: state with no step recorded is not a party.
    record_complete_until: date | None = None

    @property
    def armed_conflict_rule(self) -> bool:
        """Whether a withdrawal waits for the end of an armed conflict the state is engaged in."""
        return self.armed_conflict_article is not None


@dataclass(frozen=True)
class Source:
    """Where a fact comes from (sources.csv)."""

    source_id: str
    title: str
    publisher: str
    url: str
    published: str | None
    accessed: date
    language: str
    kind: SourceKind = SourceKind.NEWS
    address: Address = Address.PAGE
    line: int = 0  # its line in sources.csv

    @property
    def rank(self) -> int:
        """How strong the source is: the lower, the stronger (:data:`SOURCE_RANK`)."""
        return SOURCE_RANK[self.kind]


@dataclass(frozen=True)
class Event:
    """One dated event with its source and verbatim excerpt (events.csv).

    ``excerpt`` is in the source's language, ``translation`` its English when that is another.
    ``note`` is for readers (what happened, in plain words); ``provenance`` for researchers (how
    the date was established). ``date_certainty`` is ``None`` when the source states the day as
    cited, ``"unconfirmed"`` when no source confirms the day itself, ``"disputed"`` when sources
    disagree (the note says how). ``concerns`` names the other state an objection or statement
    is about (the event stays with the state that acted). ``line`` is the event's line in
    events.csv, so every later complaint can point at it.
    """

    treaty_id: str
    iso3: str
    kind: EventKind
    date: dt.date  # from here on in this class, `date` names this field, not the type
    source_id: str
    excerpt: str
    note: str | None
    date_certainty: str | None = None
    concerns: str | None = None
    line: int = 0
    translation: str | None = None
    provenance: str | None = None

    @property
    def key(self) -> tuple[str, str, EventKind, dt.date]:
        """What identifies the event: treaty, state, kind and day (events.csv's key)."""
        return (self.treaty_id, self.iso3, self.kind, self.date)

    @property
    def order(self) -> tuple[dt.date, int]:
        """How events are ordered: by day, then by line in events.csv (``sorted(key=...)``)."""
        return (self.date, self.line)


@dataclass(frozen=True)
class Corroboration:
    """A further, independent source for an event (corroborations.csv)."""

    treaty_id: str
    iso3: str
    kind: EventKind
    date: dt.date  # from here on in this class, `date` names this field, not the type
    source_id: str
    excerpt: str
    provenance: str | None
    line: int = 0
    translation: str | None = None

    @property
    def key(self) -> tuple[str, str, EventKind, dt.date]:
        """The key of the event it corroborates."""
        return (self.treaty_id, self.iso3, self.kind, self.date)


@dataclass(frozen=True)
class Record:
    """The whole treaty record: states, treaties, sources, events and their corroborations."""

    states: tuple[State, ...]
    treaties: Mapping[str, Treaty]  # read-only views: a cached record cannot be changed
    sources: Mapping[str, Source]
    events: tuple[Event, ...]
    corroborations: tuple[Corroboration, ...] = ()

    def state_names(self) -> dict[str, str]:
        """ISO3 -> name, for labels."""
        return {s.iso3: s.name for s in self.states}

    def events_of(
        self,
        treaty_id: str,
        *,
        iso3: str | None = None,
        start: date | None = None,
        end: date | None = None,
        involving: bool = False,
    ) -> list[Event]:
        """The events of one treaty, oldest first: the one way every view selects events.

        ``iso3`` keeps one state's events; with ``involving`` also the events of other states
        that concern it (objections to its act). ``start`` and ``end`` are inclusive bounds.
        An event of one treaty can never be shown under another.
        """
        chosen = [
            e
            for e in self.events
            if e.treaty_id == treaty_id
            and (iso3 is None or e.iso3 == iso3 or (involving and e.concerns == iso3))
            and (start is None or e.date >= start)
            and (end is None or e.date <= end)
        ]
        return sorted(chosen, key=lambda e: e.order)

    def corroborations_of(self, events: Iterable[Event]) -> dict[Event, list[Corroboration]]:
        """Each event with the further sources recorded for it (an empty list when none)."""
        by_key: dict[tuple[str, str, EventKind, date], list[Corroboration]] = {}
        for c in self.corroborations:
            by_key.setdefault(c.key, []).append(c)
        return {e: by_key.get(e.key, []) for e in events}
