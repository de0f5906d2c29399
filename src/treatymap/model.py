"""Typed rows of the treaty record, as read from the validated tables (no I/O here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from treatymap.vocab import EventKind


@dataclass(frozen=True)
class State:
    """A state that can take part in the treaties (states.csv)."""

    iso3: str
    name: str
    basis: str


@dataclass(frozen=True)
class Treaty:
    """A treaty and the numbers its articles use to compute legal dates (treaties.csv)."""

    treaty_id: str
    short_name: str
    full_name: str
    depositary: str
    opened_for_signature: date
    opened_source_id: str
    opened_excerpt: str
    entry_into_force: date
    entry_into_force_source_id: str
    entry_into_force_excerpt: str
    months_to_entry_into_force: int
    months_to_withdrawal: int


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


@dataclass(frozen=True)
class Event:
    """One dated event with its source and verbatim excerpt (events.csv).

    ``line`` is the event's line in events.csv, so every later complaint can point at it.
    """

    treaty_id: str
    iso3: str
    kind: EventKind
    date: date
    source_id: str
    excerpt: str
    note: str | None
    line: int = 0


@dataclass(frozen=True)
class Record:
    """The whole treaty record: states, treaties, sources and events."""

    states: tuple[State, ...]
    treaties: Mapping[str, Treaty]  # read-only views: a cached record cannot be changed
    sources: Mapping[str, Source]
    events: tuple[Event, ...]

    def state_names(self) -> dict[str, str]:
        """ISO3 -> name, for labels."""
        return {s.iso3: s.name for s in self.states}
