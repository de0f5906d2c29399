"""The Streamlit page: the only module that imports streamlit and streamlit_folium.

Order of a run: read the URL (first run of a session only) -> take a map click -> widgets ->
map -> panels -> write the URL. Data is loaded, validated and joined once per process
(``st.cache_resource``); nothing here mutates the cached objects.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from treatymap.assets import MapAssets, prepare_static
from treatymap.charts import frontline_chart, frontline_timeline, parties_chart, parties_over_time
from treatymap.cite import citation_bibtex, citation_text, data_version, permalink
from treatymap.compare import Change, changes_between, changes_csv
from treatymap.data import Dataset, data_dir, load_dataset
from treatymap.dates import today
from treatymap.explain import explain, long_date
from treatymap.exports import map_layer_geojson, status_csv, status_rows
from treatymap.figures import KeyMoment, headline, key_moments, last_scheduled_day, next_moment
from treatymap.geometry import REFERENCE_STATES, frontline_borders, frontline_neighbours
from treatymap.mapview import (
    FOCUS_VIEW,
    RETURNED_OBJECTS,
    MapStyle,
    base_map,
    map_style,
    status_payload,
    status_update,
)
from treatymap.model import Event, Record
from treatymap.problems import DataError
from treatymap.snapshot import snapshot_html
from treatymap.status import LegalDates, StateStatus, legal_dates, statuses_on
from treatymap.summary import view_summary
from treatymap.textsafe import markdown_link, markdown_literal
from treatymap.url_state import DEFAULT_FOCUS, Focus, ViewState, parse_view, view_params
from treatymap.vocab import EVENT_LABEL, STATUS_LABEL, EventKind

TREATY_ID = "ottawa"
PLAY_SECONDS = 2.0
FEED_LIMIT = 15
FOCUS_LABEL = {
    Focus.BORDER: "Border states",
    Focus.EUROPE: "Europe",
    Focus.WORLD: "World",
}


@dataclass(frozen=True)
class Context:
    """Everything derived once per process from the validated data."""

    dataset: Dataset
    dates: dict[str, LegalDates]
    frontline: tuple[str, ...]
    borders_km: dict[tuple[str, str], float]
    moments: tuple[KeyMoment, ...]
    assets: MapAssets
    style: MapStyle
    names: dict[str, str]
    first_day: date
    last_scheduled: date | None
    version: str

    @property
    def record(self) -> Record:
        return self.dataset.record


@st.cache_resource(show_spinner="Loading the treaty record…")
def _context(directory: str) -> Context:
    """Load, validate and join once per process and data directory (raises DataError)."""
    dataset = load_dataset(directory)
    context = _build_context(directory, dataset)
    # The record and geometry live for the whole process: keep them out of every garbage
    # collection (they were most of each collection's work, measured with py-spy).
    gc.collect()
    gc.freeze()
    return context


def _build_context(directory: str, dataset: Dataset) -> Context:
    """Everything derived from the validated data that the page needs on every run."""
    record = dataset.record
    dates = legal_dates(record, TREATY_ID)
    frontline = frontline_neighbours(dataset.boundaries)
    names = record.state_names()
    for row in dataset.boundaries.itertuples():
        names.setdefault(row.iso3, row.name)
    return Context(
        dataset=dataset,
        dates=dates,
        frontline=frontline,
        borders_km=frontline_borders(dataset.boundaries),
        moments=tuple(key_moments(record, dates, TREATY_ID)),
        assets=prepare_static(dataset.boundaries),
        style=map_style(frontline, REFERENCE_STATES),
        names=names,
        first_day=record.treaties[TREATY_ID].opened_for_signature,
        last_scheduled=last_scheduled_day(dates),
        version=data_version(directory),
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _statuses(directory: str, day: date) -> list[StateStatus]:
    """Every state's status on ``day`` (cached per day; StateStatus is immutable)."""
    ctx = _context(directory)
    return statuses_on(ctx.record, day, TREATY_ID, ctx.dates)


def main() -> None:
    """Lay out the page."""
    st.set_page_config(
        page_title="treatymap: who is bound by the Ottawa Convention",
        page_icon="🗺️",
        layout="wide",
    )
    directory = str(data_dir())
    try:
        ctx = _context(directory)
    except DataError as error:
        _error_page(error)
        return
    last_day = max(today(), ctx.last_scheduled or today())
    _seed_from_url(ctx, last_day)
    _take_map_click(ctx)

    st.title("Who is bound by the Ottawa Convention?")
    st.caption(
        "The 1997 Anti-Personnel Mine Ban Convention, state by state, on any day: with the "
        "states on Russia's and Belarus's land borders in front."
    )
    for notice in st.session_state.pop("_notices", ()):
        st.warning(markdown_literal(notice), icon="⚠️")

    day, focus, compare = _time_and_focus_controls(ctx, last_day)
    statuses = _statuses(directory, day)
    _headline(ctx, statuses, day)
    changes = changes_between(ctx.record, ctx.dates, *compare) if compare else None
    summary = view_summary(statuses, ctx.frontline, ctx.names, day)

    map_col, side_col = st.columns([3, 2], gap="medium")
    with map_col:
        _map(ctx, statuses, day, focus, summary, changes)
        st.markdown(markdown_literal(summary))
        _country_picker(ctx)
    country = st.session_state.get("country")
    with side_col:
        # Only the open tab is computed and sent: a slider step stays small.
        tabs = st.tabs(
            ["Changes", "Country history", "Source feed"]
            if changes is not None
            else ["Country history", "Source feed"],
            key="side_tab_compare" if changes is not None else "side_tab",
            on_change="rerun",
        )
        if changes is not None and tabs[0].open:
            with tabs[0]:
                _changelog(ctx, changes, compare)
        if tabs[-2].open:
            with tabs[-2]:
                _country_panel(ctx, statuses, country, day)
        if tabs[-1].open:
            with tabs[-1]:
                _source_feed(ctx, day, last_day)
    _charts(directory, ctx, day, last_day)
    _status_table(ctx, statuses, day)
    _share(ctx, ViewState(day, country, focus, compare), statuses, summary)


def _seed_from_url(ctx: Context, last_day: date) -> None:
    """On a session's first run, take the view from the URL (never twice: no fight)."""
    if "_seeded" in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    parsed = parse_view(
        params,
        today=today(),
        first_day=ctx.first_day,
        last_day=last_day,
        countries={s.iso3: s.name for s in ctx.record.states},
    )
    st.session_state["day"] = parsed.view.date
    st.session_state["country"] = parsed.view.country
    st.session_state["focus"] = parsed.view.focus
    st.session_state["comparing"] = parsed.view.compare is not None
    if parsed.view.compare:
        st.session_state["compare_from"] = parsed.view.compare[0]
    st.session_state["_notices"] = parsed.notices
    st.session_state["_seeded"] = True


def _take_map_click(ctx: Context) -> None:
    """A click on the map selects that state (before the country picker is drawn)."""
    value: Any = st.session_state.get("map")
    drawing = (value or {}).get("last_active_drawing") if isinstance(value, dict) else None
    props = (drawing or {}).get("properties") or {}
    click = props.get("click")
    if not click or click == st.session_state.get("_last_click"):
        return
    st.session_state["_last_click"] = click
    iso3 = props.get("iso3")
    if iso3 in {s.iso3 for s in ctx.record.states}:
        st.session_state["country"] = iso3
    else:
        st.session_state["_notices"] = (
            f"{ctx.names.get(iso3, 'That area')} is not a participant in its own right; "
            "no history to show.",
        )


def _jump(ctx: Context) -> None:
    moment = st.session_state.get("_jump")
    if moment is not None:
        st.session_state["day"] = moment


def _time_and_focus_controls(
    ctx: Context, last_day: date
) -> tuple[date, Focus, tuple[date, date] | None]:
    day_col, focus_col = st.columns([3, 2], vertical_alignment="bottom")
    with day_col:
        day = st.slider(
            "Date",
            min_value=ctx.first_day,
            max_value=last_day,
            step=timedelta(days=1),
            format="D MMM YYYY",
            key="day",
            help="Statuses are computed for this day (inclusive): on the day a withdrawal "
            "takes effect the state is already withdrawn.",
        )
    jump_col, play_col = st.columns([3, 2], vertical_alignment="bottom")
    with play_col:
        st.toggle("Play through the key moments", key="playing")
        comparing = st.toggle("Compare with another date", key="comparing")
    with jump_col:
        moments = [m for m in ctx.moments if m.day <= last_day]
        st.selectbox(
            "Jump to a key moment",
            options=[m.day for m in moments],
            format_func=lambda d: next(
                f"{long_date(m.day)}: {m.label}" for m in moments if m.day == d
            ),
            index=None,
            placeholder="Entry into force, 2025-2026 withdrawals…",
            key="_jump",
            on_change=_jump,
            args=(ctx,),
        )
    with focus_col:
        focus = (
            st.segmented_control(
                "Focus",
                options=list(Focus),
                format_func=lambda f: FOCUS_LABEL[f],
                key="focus",
                selection_mode="single",
            )
            or DEFAULT_FOCUS
        )
    compare = None
    if comparing:
        if st.session_state.get("compare_from") is None:
            st.session_state["compare_from"] = max(ctx.first_day, day - timedelta(days=365))
        other = st.date_input(
            "Compare the map's date with",
            min_value=ctx.first_day,
            max_value=last_day,
            format="YYYY-MM-DD",
            key="compare_from",
            help="States whose status differs between the two dates are outlined on the map "
            "and listed under Changes.",
        )
        compare = tuple(sorted((other, day)))
    if st.session_state.get("playing"):
        st.fragment(_play_step, run_every=PLAY_SECONDS)(ctx, last_day)
    return day, Focus(focus), compare


def _play_step(ctx: Context, last_day: date) -> None:
    """Advance the date to the next key moment; stop after the last one."""
    if not st.session_state.get("playing"):
        return
    upcoming = next_moment(ctx.moments, st.session_state["day"], last_day)
    if upcoming is None:
        st.session_state["playing"] = False
    else:
        st.session_state["day"] = upcoming
    st.rerun()


def _headline(ctx: Context, statuses: list[StateStatus], day: date) -> None:
    figures = headline(statuses, ctx.frontline, ctx.borders_km)
    a, b, c = st.columns(3)
    a.metric(
        "States Parties",
        figures.states_parties,
        help="States bound by the Convention on this day: State Parties, including those "
        "whose withdrawal has not yet taken effect.",
    )
    b.metric(
        "Border states still bound",
        f"{figures.frontline_bound} of {figures.frontline_total}",
        help="States with a land border with Russia or Belarus (derived from the boundaries; "
        "Russia and Belarus themselves are the reference).",
    )
    c.metric(
        "Land border where the neighbour is no longer bound",
        f"{figures.border_km_no_longer_bound:,.0f} km",
        help=(
            "Sum of the land borders with Russia and Belarus of states whose withdrawal has "
            "taken effect. Measured geodesically (WGS 84 ellipsoid, pyproj) along the shared "
            "edges of the bundled Natural Earth 1:50m boundaries, simplified at 0.05°: shorter "
            "than official figures, which follow every bend. All such borders: "
            f"{figures.border_km_total:,.0f} km."
        ),
    )


def _map(
    ctx: Context,
    statuses: list[StateStatus],
    day: date,
    focus: Focus,
    summary: str,
    changes: list[Change] | None,
) -> None:
    (lat, lon), zoom = FOCUS_VIEW[focus]
    payload = status_payload(
        statuses,
        long_date(day),
        st.session_state.get("country"),
        summary=summary,
        marked=[c.iso3 for c in changes] if changes else [],
    )
    st_folium(
        base_map(ctx.assets, ctx.style, focus),
        key="map",
        height=560,
        use_container_width=True,
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=status_update(payload),
        returned_objects=RETURNED_OBJECTS,
    )
    st.caption(
        "Click a state for its history. Borders are drawn de jure (Crimea as part of Ukraine, "
        "UN General Assembly resolution 68/262). Boundaries: Natural Earth (public domain)."
    )


def _country_picker(ctx: Context) -> None:
    options = sorted((s.iso3 for s in ctx.record.states), key=lambda c: ctx.names[c])
    st.selectbox(
        "Find a state",
        options=options,
        format_func=lambda c: f"{ctx.names[c]} ({c})",
        index=None,
        placeholder="Type a name…",
        key="country",
    )


def _country_panel(
    ctx: Context, statuses: list[StateStatus], country: str | None, day: date
) -> None:
    if not country:
        st.info("Click a state on the map, or find it in the list under the map.")
        return
    status = next(s for s in statuses if s.iso3 == country)
    legal = ctx.dates[country]
    treaty = ctx.record.treaties[TREATY_ID]
    st.subheader(markdown_literal(f"{ctx.names[country]} ({country})"))
    since = f" since {long_date(status.since)}" if status.since else ""
    st.markdown(f"**{markdown_literal(STATUS_LABEL[status.status] + since)}** on {long_date(day)}")
    st.markdown(markdown_literal(explain(legal, status, treaty)))
    if status.note:
        st.markdown(f"_Political note:_ {markdown_literal(status.note)}")
    events = sorted(
        (e for e in ctx.record.events if e.iso3 == country and e.treaty_id == TREATY_ID),
        key=lambda e: (e.date, e.line),
    )
    if not events:
        st.caption("No recorded events: it has neither signed nor joined.")
    for event in events:
        _event_card(ctx, event, upcoming=event.date > day)


def _event_card(ctx: Context, event: Event, upcoming: bool, show_state: bool = False) -> None:
    """One event with its verbatim excerpt and source; every text shown literally."""
    source = ctx.record.sources[event.source_id]
    with st.container(border=True):
        title = EVENT_LABEL[event.kind]
        if show_state:
            title = f"{ctx.names[event.iso3]}: {title}"
        st.markdown(
            f"**{long_date(event.date)}** · {markdown_literal(title)}"
            + (" · _still to come_" if upcoming else "")
            + f"\n\n> {markdown_literal(event.excerpt)}"
        )
        published = f", {source.published}" if source.published else ""
        st.caption(
            markdown_link(source.title, source.url)
            + " · "
            + markdown_literal(f"{source.publisher}{published}")
            + (f"  \nNote: {markdown_literal(event.note)}" if event.note else "")
        )


def _source_feed(ctx: Context, day: date, last_day: date) -> None:
    """Excerpts for the events in a window of time (by default the two years up to ``day``)."""
    window = st.slider(
        "Events between",
        min_value=ctx.first_day,
        max_value=last_day,
        value=(max(ctx.first_day, day - timedelta(days=730)), day),
        format="MMM YYYY",
        key="feed_window",
    )
    kinds = st.multiselect(
        "Kinds of event",
        options=list(EventKind),
        format_func=lambda k: EVENT_LABEL[k],
        key="feed_kinds",
        placeholder="All kinds",
    )
    states = st.multiselect(
        "States",
        options=sorted((s.iso3 for s in ctx.record.states), key=lambda c: ctx.names[c]),
        format_func=lambda c: ctx.names[c],
        key="feed_states",
        placeholder="All states",
    )
    start, end = window if isinstance(window, tuple) else (window, window)
    chosen = [
        e
        for e in ctx.record.events
        if start <= e.date <= end
        and (not kinds or e.kind in kinds)
        and (not states or e.iso3 in states)
    ]
    chosen.sort(key=lambda e: (e.date, e.line), reverse=True)
    st.caption(
        f"{len(chosen)} event(s), newest first"
        + (
            f"; the newest {FEED_LIMIT} are shown (narrow the window or filter for others)"
            if len(chosen) > FEED_LIMIT
            else ""
        )
    )
    for event in chosen[:FEED_LIMIT]:
        _event_card(ctx, event, upcoming=False, show_state=True)


@st.cache_data(show_spinner=False, max_entries=8)
def _chart_tables(directory: str, until: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The charts' tables change only with the data and the last day, not with the date."""
    ctx = _context(directory)
    parties = parties_over_time(ctx.record, ctx.dates, TREATY_ID, until=until)
    lanes = frontline_timeline(ctx.record, ctx.dates, list(ctx.frontline), ctx.names, until)
    return parties, lanes


def _charts(directory: str, ctx: Context, day: date, last_day: date) -> None:
    """States Parties over time, and the border states' lanes; both follow the chosen date."""
    if not st.toggle("Show the charts over time", key="show_charts"):
        return
    parties, lanes = _chart_tables(directory, last_day)
    left, right = st.columns(2, gap="medium")
    with left:
        st.altair_chart(parties_chart(parties, day, ctx.moments), theme=None, width="stretch")
    with right:
        st.altair_chart(frontline_chart(lanes, day), theme=None, width="stretch")


def _changelog(ctx: Context, changes: list[Change], compare: tuple[date, date]) -> None:
    """What changed between the two dates, each change with its rule and excerpt."""
    early, late = compare
    st.markdown(
        f"**{len(changes)} change(s)** between {long_date(early)} and {long_date(late)}; "
        "the states are outlined on the map."
    )
    for change in changes:
        with st.container(border=True):
            st.markdown(markdown_literal(change.sentence()))
            if change.evidence:
                source = ctx.record.sources[change.evidence.source_id]
                st.markdown("> " + markdown_literal(change.evidence.excerpt))
                st.caption(
                    markdown_link(source.title, source.url)
                    + " · "
                    + markdown_literal(source.publisher)
                )
    st.download_button(
        "Download the changes (CSV)",
        changes_csv(changes, ctx.record),
        file_name=f"ottawa-convention-changes-{early.isoformat()}-{late.isoformat()}.csv",
        mime="text/csv",
    )


def _status_table(ctx: Context, statuses: list[StateStatus], day: date) -> None:
    if not st.toggle(f"Show every state's status on {long_date(day)}", key="show_table"):
        return
    rows = status_rows(ctx.record, statuses)
    table = pd.DataFrame(rows)
    table["status"] = [STATUS_LABEL[s.status] for s in statuses]
    with st.container():
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            "Download CSV",
            status_csv(rows),
            file_name=f"ottawa-convention-status-{day.isoformat()}.csv",
            mime="text/csv",
        )


def _share(ctx: Context, view: ViewState, statuses: list[StateStatus], summary: str) -> None:
    """Write the view into the URL; offer its link, a citation and downloads of it."""
    params = view_params(view)
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)
    link = permalink((st.context.url or "").split("?")[0].rstrip("/") + "/", view)
    st.caption("Link to this view (the date is pinned, so it will not drift):")
    st.code(link, language=None)
    country_name = ctx.names.get(view.country) if view.country else None
    cite = st.expander("Cite this view", key="cite", on_change="rerun")
    if cite.open:  # built only when a reader opens it: a slider step stays small
        cite.code(
            citation_text(view, link, ctx.version, today(), country_name=country_name),
            language=None,
            wrap_lines=True,
        )
        cite.code(
            citation_bibtex(view, link, ctx.version, today(), country_name=country_name),
            language="latex",
        )
    _downloads(ctx, view, statuses, summary, link)
    st.caption(
        f"Data version {markdown_literal(ctx.version)} · {len(ctx.record.states)} states, "
        f"{len(ctx.record.events)} sourced events, {len(ctx.record.sources)} sources · "
        "Boundaries: Natural Earth 1:50m (public domain) · Statuses computed under Articles 17 "
        "and 20 of the Convention."
    )


def _downloads(
    ctx: Context, view: ViewState, statuses: list[StateStatus], summary: str, link: str
) -> None:
    """A snapshot (one HTML file that opens offline) and the map layer, built on request."""
    key = view_params(view)
    if st.button("Prepare downloads of this view", key="prepare_downloads"):
        st.session_state["_downloads"] = (key, _build_downloads(ctx, view, statuses, summary, link))
    prepared = st.session_state.get("_downloads")
    if not prepared or prepared[0] != key:
        st.caption(
            "A self-contained HTML snapshot (map, legend, figures, summary and sources; opens "
            "with no server and no internet) and the map layer as GeoJSON."
        )
        return
    snapshot, layer = prepared[1]
    stem = f"ottawa-convention-{view.date.isoformat()}"
    left, right = st.columns(2)
    left.download_button(
        "Download the snapshot (HTML)", snapshot, file_name=f"{stem}.html", mime="text/html"
    )
    right.download_button(
        "Download the map layer (GeoJSON)",
        layer,
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
    )


def _build_downloads(
    ctx: Context, view: ViewState, statuses: list[StateStatus], summary: str, link: str
) -> tuple[str, str]:
    snapshot = snapshot_html(
        ctx.record,
        ctx.dataset.boundaries,
        view.date,
        view.focus,
        view.country,
        summary,
        ctx.version,
        link,
        frontline=ctx.frontline,
        borders_km=ctx.borders_km,
        accessed=today(),
    )
    layer = map_layer_geojson(ctx.dataset.boundaries, status_rows(ctx.record, statuses))
    return snapshot, layer


def _error_page(error: DataError) -> None:
    """Refuse invalid data with the same messages as ``python -m treatymap check``."""
    st.title("Who is bound by the Ottawa Convention?")
    st.error(
        f"The bundled data has {len(error.problems)} problem(s), so nothing is shown rather "
        "than a partly wrong view. Run `python -m treatymap check` for the same list."
    )
    st.code("\n".join(str(p) for p in error.problems), language=None)
