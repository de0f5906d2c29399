"""A view of the record, computed once and shared by the page, the command line, the snapshot
and the images (no Streamlit, no folium).

:class:`Atlas` is everything derived once per process from the validated data: per treaty its
legal dates and key moments, and the border states with their border lengths. :class:`View` is
one treaty on one day (with a focus, a selected state, a comparison): its statuses, headline
figures, summary, changes and words. A renderer reads a View; it recomputes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import geopandas as gpd

from treatymap.cite import data_version
from treatymap.compare import Change, changes_between
from treatymap.data import Dataset, load_dataset
from treatymap.explain import political_note, treaty_name
from treatymap.figures import (
    Headline,
    KeyMoment,
    Standing,
    headline,
    key_moments,
    last_scheduled_day,
)
from treatymap.geometry import REFERENCE_STATES, frontline_borders, frontline_neighbours
from treatymap.i18n import Words, words_for
from treatymap.model import Corroboration, Event, Record, Source, Treaty
from treatymap.status import LegalDates, StateStatus, legal_dates, status_on
from treatymap.style import Symbol, legend_items, legend_marks, symbol
from treatymap.summary import view_summary
from treatymap.url_state import Focus, Known
from treatymap.vocab import Coverage, Obligation, Status


@dataclass(frozen=True)
class Atlas:
    """Everything derived once from the validated data, for every treaty."""

    record: Record
    boundaries: gpd.GeoDataFrame
    version: str
    #: ISO3 -> name, for states and for the other shapes on the map.
    names: Mapping[str, str]
    #: Codes of the shapes that are not participants, with the words a notice uses.
    territories: Mapping[str, str]
    frontline: tuple[str, ...]
    reference: tuple[str, ...]
    borders_km: Mapping[tuple[str, str], float]
    dates: Mapping[str, Mapping[str, LegalDates]]
    moments: Mapping[str, tuple[KeyMoment, ...]]
    #: The territories' owners (code -> its sovereign's code, or None).
    owners: Mapping[str, str | None] = field(default_factory=dict)
    _named: dict[str, Mapping[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def names_in(self, w: Words) -> Mapping[str, str]:
        """ISO3 -> name in the reader's language (CLDR's; the record's English name where CLDR
        has none), made once per language."""
        if w.lang not in self._named:
            self._named[w.lang] = MappingProxyType(
                {iso3: w.state(iso3, name) for iso3, name in self.names.items()}
            )
        return self._named[w.lang]

    def territory_words(self, iso3: str, w: Words) -> str:
        """``Greenland (part of Denmark)``: a shape that is not a participant, in words."""
        names, owner = self.names_in(w), self.owners.get(iso3)
        if owner and owner in names:
            return w._("{territory} (part of {owner})", territory=names[iso3], owner=names[owner])
        return names[iso3]

    @property
    def treaty_ids(self) -> tuple[str, ...]:
        """Treaties in the order of ``treaties.csv``; the first is the default."""
        return tuple(self.record.treaties)

    def treaty(self, treaty_id: str) -> Treaty:
        return self.record.treaties[treaty_id]

    def days(self, treaty_id: str, today: date) -> tuple[date, date]:
        """The days a view of the treaty may show: its opening for signature to today, or to
        the last legal date the record schedules when that is later."""
        scheduled = last_scheduled_day(self.dates[treaty_id])
        return self.treaty(treaty_id).opened_for_signature, max(today, scheduled or today)

    def known(self, today: date, w: Words | None = None) -> Known:
        """What a link is read against on ``today``: each treaty's days, the states and the
        territories, in the reader's words (the page and the view's web address read links
        the same way)."""
        w = w or words_for()
        treaties = {t: self.days(t, today) for t in self.treaty_ids}
        countries = {s.iso3: s.name for s in self.record.states}
        territories = {t: self.territory_words(t, w) for t in self.territories}
        return Known(today, treaties, countries, territories)


@functools.lru_cache(maxsize=4)
def load_atlas(directory: str) -> Atlas:
    """The atlas of a data directory, loaded, validated and derived once per process (raises
    :class:`treatymap.problems.DataError`): the page and the view's web addresses share it."""
    return build_atlas(load_dataset(directory), data_version(directory))


def build_atlas(dataset: Dataset, version: str) -> Atlas:
    """Derive the :class:`Atlas` from a validated dataset (a second or so; cache it)."""
    record, frame = dataset.record, dataset.boundaries
    frontline = frontline_neighbours(frame)
    names = record.state_names()
    territories: dict[str, str] = {}
    owners: dict[str, str | None] = {}
    for row in frame.itertuples():
        names.setdefault(row.iso3, row.name)
    for row in frame.itertuples():
        if not row.participant:
            owner = row.sovereign_iso3 if row.sovereign_iso3 in names else None
            owners[row.iso3] = owner
            territories[row.iso3] = f"{row.name} (part of {names[owner]})" if owner else row.name
    dates = {t: legal_dates(record, t) for t in record.treaties}
    moments = {
        t: tuple(key_moments(record, record.treaties[t], dates[t], frontline))
        for t in record.treaties
    }
    return Atlas(
        record=record,
        boundaries=frame,
        version=version,
        names=MappingProxyType(names),
        territories=MappingProxyType(territories),
        frontline=frontline,
        reference=tuple(r for r in REFERENCE_STATES if r in dates[next(iter(dates))])
        if dates
        else (),
        borders_km=MappingProxyType(frontline_borders(frame)),
        dates=MappingProxyType({t: MappingProxyType(d) for t, d in dates.items()}),
        moments=MappingProxyType(moments),
        owners=MappingProxyType(owners),
    )


@dataclass(frozen=True)
class View:
    """One treaty on one day, as every renderer shows it."""

    atlas: Atlas
    treaty: Treaty
    day: date
    focus: Focus
    country: str | None
    statuses: tuple[StateStatus, ...]
    figures: Headline
    summary: str
    compare: tuple[date, date] | None = None
    changes: tuple[Change, ...] | None = None
    #: In compare mode, the other day's figures (the day the map does not show).
    other_figures: Headline | None = None
    by_state: Mapping[str, StateStatus] = field(default_factory=dict)
    #: The reader's words (English unless the view was built for another language).
    words: Words = field(default_factory=words_for)

    @property
    def record(self) -> Record:
        return self.atlas.record

    @property
    def lang(self) -> str:
        return self.words.lang

    @property
    def names(self) -> Mapping[str, str]:
        """ISO3 -> name in the reader's language."""
        return self.atlas.names_in(self.words)

    @property
    def treaty_name(self) -> str:
        """The treaty's short name in the reader's language."""
        return treaty_name(self.treaty, self.words)

    @property
    def title(self) -> str:
        """``Who is bound by the Ottawa Convention (…) on 27 December 2025``."""
        w = self.words
        return w._(
            "Who is bound by the {treaty} on {day}", treaty=self.treaty_name, day=w.date(self.day)
        )

    @property
    def map_label(self) -> str:
        """The map's accessible name."""
        w = self.words
        return w._(
            "Map of each state's status under the {treaty} on {day}",
            treaty=self.treaty_name,
            day=w.date(self.day),
        )

    @property
    def other_day(self) -> date | None:
        """In compare mode, the day the map does not show."""
        return other_day(self.day, self.compare) if self.compare else None

    @property
    def dateline(self) -> str:
        """``Status on 1 March 2026``, or ``Status on 1 March 2026, compared with 1 March
        2025`` in compare mode."""
        w = self.words
        if self.other_day is None:
            return w._("Status on {day}", day=w.date(self.day))
        return w._(
            "Status on {day}, compared with {other}",
            day=w.date(self.day),
            other=w.date(self.other_day),
        )

    @functools.cached_property
    def symbols(self) -> Mapping[str, Symbol]:
        """How every shape on the map is drawn on this view (fill, marks, outline), decided
        once for the live map, the SVG drawing and the legends (:func:`view_symbols`)."""
        shapes = self.atlas.boundaries
        participants = {
            iso3: self.by_state[iso3]
            for iso3, joins in zip(shapes["iso3"], shapes["participant"], strict=True)
            if joins and iso3 in self.by_state
        }
        return MappingProxyType(
            view_symbols(
                shapes["iso3"],
                participants,
                frontline=self.atlas.frontline,
                reference=self.atlas.reference,
                country=self.country,
                changed=[c.iso3 for c in self.changes or ()],
            )
        )

    def legend(self, marks: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """The legend rows of this view (the statuses its treaty can give, with their counts,
        then the marks: ``marks``, or those some state carries on this view), the selected
        state named and the compared days given."""
        if marks is None:
            marks = legend_marks(self.symbols.values())
        w, words = self.words, {}
        if self.country:
            words["selected"] = w._("Selected: {state}", state=self.names[self.country])
        if self.compare:
            early, late = (w.date(d) for d in self.compare)
            words["changed"] = w._(
                "Status changed between {early} and {late}", early=early, late=late
            )
        return legend_items(
            status_counts(self.statuses), marks, w, words, statuses=statuses_of(self.treaty)
        )

    @property
    def notes(self) -> dict[str, str]:
        """ISO3 -> the political step travelling beside its status (``Withdrawal announced on
        18 March 2025``), for the states that have one, in the reader's language."""
        out = {}
        for s in self.statuses:
            note = political_note(s, self.treaty, self.words)
            if note:
                out[s.iso3] = note
        return out

    def events(self, iso3: str | None = None) -> list[Event]:
        """This treaty's events (of one state, with the objections that concern it)."""
        return self.record.events_of(self.treaty.treaty_id, iso3=iso3, involving=iso3 is not None)


def view_symbols(
    codes: Iterable[str],
    statuses: Mapping[str, StateStatus],
    *,
    frontline: Iterable[str],
    reference: Iterable[str],
    country: str | None,
    changed: Iterable[str] = (),
) -> dict[str, Symbol]:
    """Every shape's symbol on a view (:func:`treatymap.style.symbol`), for every renderer.
    ``statuses`` holds the participants; any other code is land with no status."""
    front, ref, moved = set(frontline), set(reference), set(changed)
    out: dict[str, Symbol] = {}
    for iso3 in codes:
        status = statuses.get(iso3)
        out[iso3] = symbol(
            status.status if status else None,
            noted=bool(status and status.noted),
            front=iso3 in front,
            ref=iso3 in ref,
            changed=iso3 in moved,
            selected=iso3 == country,
        )
    return out


def statuses_of(treaty: Treaty) -> list[Status]:
    """The statuses a treaty can give: no signatory without a signature stage, no "no record
    yet" under a complete record."""
    return [
        s
        for s in Status
        if (s is not Status.SIGNATORY or treaty.signature_stage)
        and (s is not Status.NOT_RECORDED or treaty.record is Coverage.PARTIAL)
    ]


def restricted_after_leaving(
    atlas: Atlas, iso3: str, day: date, w: Words | None = None
) -> str | None:
    """``Estonia: no longer bound by the Ottawa Convention since 27 December 2025; bound by
    Amended Protocol II's restrictions on mines since 20 October 2000``: for a state that left a
    treaty banning anti-personnel mines and is bound by one that restricts mines (else
    ``None``), the rules on its mines in one line."""
    w = w or words_for()
    names, parts = atlas.names_in(w), []
    for left in _treaties_with(atlas, Obligation.BANS_ANTI_PERSONNEL_MINES):
        gone = status_on(atlas.dates[left.treaty_id][iso3], day)
        if gone.status is not Status.WITHDRAWN or gone.since is None:
            continue
        for rules in _treaties_with(atlas, Obligation.RESTRICTS_MINES):
            bound = status_on(atlas.dates[rules.treaty_id][iso3], day)
            if bound.bound and bound.since is not None:
                parts.append(
                    w._(
                        "{state}: no longer bound by the {left} since {left_day}; bound by the "
                        "{rules}'s restrictions on mines since {rules_day}",
                        state=names[iso3],
                        left=treaty_name(left, w),
                        left_day=w.date(gone.since),
                        rules=treaty_name(rules, w),
                        rules_day=w.date(bound.since),
                    )
                )
    return " · ".join(parts) or None


def _treaties_with(atlas: Atlas, obligation: Obligation) -> list[Treaty]:
    return [t for t in atlas.record.treaties.values() if t.obligation is obligation]


def _left_the_ban(atlas: Atlas, treaty: Treaty, day: date, figures: Headline, w: Words) -> str:
    """Under a treaty that restricts mines: which of the bound border states left a treaty that
    bans them (a sentence for the summary, or "")."""
    if treaty.obligation is not Obligation.RESTRICTS_MINES:
        return ""
    sentences = []
    bound = figures.frontline.get(Standing.BOUND, ())
    for ban in _treaties_with(atlas, Obligation.BANS_ANTI_PERSONNEL_MINES):
        dates = atlas.dates[ban.treaty_id]
        names = atlas.names_in(w)
        left = sorted(
            (names[c] for c in bound if status_on(dates[c], day).status is Status.WITHDRAWN),
            key=w.sort_key,
        )
        if left:
            sentences.append(
                w.ngettext(
                    "{names} left the {ban} but remains bound by the {treaty}'s restrictions on "
                    "mines.",
                    "{names} left the {ban} but remain bound by the {treaty}'s restrictions on "
                    "mines.",
                    len(left),
                    names=w.join(left),
                    ban=treaty_name(ban, w),
                    treaty=treaty_name(treaty, w),
                )
            )
    return " ".join(sentences)


def build_view(
    atlas: Atlas,
    treaty_id: str,
    day: date,
    *,
    focus: Focus = Focus.BORDER,
    country: str | None = None,
    compare: tuple[date, date] | None = None,
    statuses: tuple[StateStatus, ...] | None = None,
    lang: str = "en",
) -> View:
    """The view of ``treaty_id`` on ``day`` (inclusive) in the reader's language ``lang``;
    ``statuses`` may come from a cache."""
    w = words_for(lang)
    treaty = atlas.treaty(treaty_id)
    dates = atlas.dates[treaty_id]
    if statuses is None:
        statuses = statuses_for(atlas, treaty_id, day)
    figures = headline(statuses, atlas.frontline, atlas.borders_km, atlas.names)
    summary = view_summary(treaty, statuses, figures, atlas.names_in(w), day, w)
    extra = _left_the_ban(atlas, treaty, day, figures, w)
    summary = f"{summary} {extra}" if extra else summary
    changes = earlier = None
    if compare is not None:
        changes = tuple(changes_between(atlas.record, treaty, dates, *compare))
        before = statuses_for(atlas, treaty_id, other_day(day, compare))
        earlier = headline(before, atlas.frontline, atlas.borders_km, atlas.names)
    return View(
        atlas=atlas,
        treaty=treaty,
        day=day,
        focus=focus,
        country=country,
        statuses=statuses,
        figures=figures,
        summary=summary,
        compare=compare,
        changes=changes,
        other_figures=earlier,
        by_state=MappingProxyType({s.iso3: s for s in statuses}),
        words=w,
    )


def other_day(day: date, compare: tuple[date, date]) -> date:
    """In compare mode, the day of the pair that the map does not show."""
    return compare[0] if day == compare[1] else compare[1]


def statuses_for(atlas: Atlas, treaty_id: str, day: date) -> tuple[StateStatus, ...]:
    """Every state's status under the treaty on ``day``, in the order of ``states.csv``."""
    dates = atlas.dates[treaty_id]
    return tuple(status_on(dates[s.iso3], day) for s in atlas.record.states)


@dataclass(frozen=True)
class UnderTreaty:
    """One state under one treaty on one day (and on the earlier day, in compare mode)."""

    treaty: Treaty
    status: StateStatus
    before: StateStatus | None = None

    @property
    def changed(self) -> bool:
        return self.before is not None and self.before.status is not self.status.status


def across_treaties(
    atlas: Atlas, iso3: str, day: date, earlier: date | None = None
) -> list[UnderTreaty]:
    """The state's status under every treaty on ``day`` (and on ``earlier``), treaty order."""
    out = []
    for treaty_id in atlas.treaty_ids:
        legal = atlas.dates[treaty_id][iso3]
        before = status_on(legal, earlier) if earlier else None
        out.append(UnderTreaty(atlas.treaty(treaty_id), status_on(legal, day), before))
    return out


def border_table(
    atlas: Atlas, day: date, earlier: date | None = None
) -> list[tuple[str, list[UnderTreaty]]]:
    """The states on Russia's and Belarus's land borders (and the two themselves) × treaties.

    Rows in name order, the reference states first; each cell an :class:`UnderTreaty`.
    """
    ordered = [*atlas.reference, *sorted(atlas.frontline, key=lambda c: atlas.names[c])]
    return [(iso3, across_treaties(atlas, iso3, day, earlier)) for iso3 in ordered]


@dataclass(frozen=True)
class Citation:
    """One source's own words for one or more events: the source, its verbatim excerpt (in the
    source's language), the excerpt in English when that is another, and how the date was
    established (each distinct note of provenance once)."""

    source: Source
    excerpt: str
    translation: str | None
    provenance: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    """One recorded excerpt with every event it supports (shown once, not once per event), and
    every source that states those events, the strongest first, each source's sentence once.

    ``source_id`` and ``excerpt`` are the events' own, as recorded; ``lead`` is what a reader
    sees first (the strongest source, which may be a corroborating one), ``also`` the rest."""

    source_id: str
    excerpt: str
    events: tuple[Event, ...]
    citations: tuple[Citation, ...]

    @property
    def first_day(self) -> date:
        return self.events[0].date

    @property
    def lead(self) -> Citation:
        return self.citations[0]

    @property
    def also(self) -> tuple[Citation, ...]:
        return self.citations[1:]

    @property
    def corroborations(self) -> tuple[Citation, ...]:
        """The further sources, whichever leads: every citation but the recorded one."""
        return tuple(
            c
            for c in self.citations
            if (c.source.source_id, c.excerpt) != (self.source_id, self.excerpt)
        )


def _distinct(texts: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in texts if t))


def evidence(record: Record, events: Iterable[Event]) -> list[Evidence]:
    """``events`` grouped by the excerpt that states them, in order of their first event; each
    group's sources ranked by kind (:data:`treatymap.vocab.SOURCE_RANK`; the recorded source
    first among equals), and a further source that states several of the events listed once."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.date, e.line)):
        groups.setdefault((event.source_id, event.excerpt), []).append(event)
    confirming = record.corroborations_of(e for group in groups.values() for e in group)
    out = []
    for (source_id, excerpt), group in groups.items():
        cited: dict[tuple[str, str], list[Corroboration | Event]] = {
            (source_id, excerpt): list(group)
        }
        for c in (c for e in group for c in confirming[e]):
            cited.setdefault((c.source_id, c.excerpt), []).append(c)
        citations = [
            Citation(
                record.sources[sid],
                words,
                next((r.translation for r in rows if r.translation), None),
                _distinct(r.provenance for r in rows),
            )
            for (sid, words), rows in cited.items()
        ]
        citations.sort(key=lambda c: c.source.rank)  # stable: the recorded one first among equals
        out.append(Evidence(source_id, excerpt, tuple(group), tuple(citations)))
    return out


def lead_citation(record: Record, event: Event) -> Citation:
    """The strongest source of one event, with its own words (what a status line quotes)."""
    return evidence(record, [event])[0].lead


def status_counts(statuses: Iterable[StateStatus]) -> dict[Status, int]:
    """How many states have each status (every status present, zero included)."""
    counts = dict.fromkeys(Status, 0)
    for s in statuses:
        counts[s.status] += 1
    return counts


def standing_words(h: Headline, w: Words | None = None) -> str:
    """``3 left · 6 never joined`` (and ``· 2 no record yet`` under a record not complete): the
    border states not bound, by why."""
    w = w or words_for()
    never = h.count(Standing.NEVER) + h.count(Standing.JOINING)
    parts = [
        w.ngettext("{n} left", "{n} left", h.count(Standing.LEFT)),
        w.ngettext("{n} never joined", "{n} never joined", never),
    ]
    unknown = h.count(Standing.UNRECORDED)
    if unknown:
        parts.append(w.ngettext("{n} no record yet", "{n} no record yet", unknown))
    return " · ".join(parts)


def figure_items(view: View) -> list[tuple[str, str]]:
    """(figure, words) for the headline figures of the snapshot and the images."""
    f, before, w = view.figures, view.other_figures, view.words

    def groups(h: Headline) -> str:
        bound = w.ngettext("{n} bound", "{n} bound", h.count(Standing.BOUND))
        return f"{bound} · {standing_words(h, w)}"

    def km(value: float) -> str:
        return w._("{km} km", km=w.number(value))

    items = [
        (
            w.number(f.states_parties),
            w._("States Parties: bound by the {treaty} that day", treaty=view.treaty_name),
        ),
        (
            groups(f),
            w.ngettext(
                "of the {n} state on Russia's or Belarus's land borders",
                "of the {n} states on Russia's or Belarus's land borders",
                f.frontline_total,
            ),
        ),
        (
            km(f.border_km_no_longer_bound),
            w._(
                "of land border with Russia and Belarus where the neighbour is no longer bound "
                "(of {total})",
                total=km(f.border_km_total),
            ),
        ),
    ]
    if before is None or view.other_day is None:
        return items
    then = [
        w.number(before.states_parties),
        groups(before),
        km(before.border_km_no_longer_bound),
    ]
    return [
        (a, w._("{now}; on {day}: {then}", now=b, day=w.date(view.other_day), then=old))
        for (a, b), old in zip(items, then, strict=True)
    ]
