"""The page, top to bottom, in the order a reader who follows a shared link needs it: what it
is, which treaty and day, the answer in one sentence, the map, the figures, the selected
state's history; then the border states under each treaty, the tables, charts and ways to share.

Order of a run: load (cached) -> read the URL (first run, or after Back/Forward) -> apply what
the last run queued -> take a click on the map -> widgets -> the view (computed below this
package) -> map and panels -> write the URL.

A session's first run lays out the top and the map only (:func:`state.map_first`): the map is
what a reader who follows a link waits for, and it is drawn sooner when the browser has less
to build beside it. Once drawn, the map asks for the rest of the page (a rerun).
"""

from __future__ import annotations

import gc
import os
from datetime import timedelta
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from treatymap.assets import MapAssets, prepare_static
from treatymap.cite import permalink
from treatymap.data import data_dir
from treatymap.dates import today
from treatymap.explain import status_line, treaty_name
from treatymap.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Words, languages, words_for
from treatymap.mapview import (
    FOCUS_VIEW,
    RETURNED_OBJECTS,
    MapFrame,
    base_map,
    map_frame,
    status_timelines,
    status_update,
    view_payload,
)
from treatymap.names import resolve, search_label
from treatymap.problems import DataError
from treatymap.textsafe import markdown_link, markdown_literal
from treatymap.ui import panels, publish, state
from treatymap.ui.state import Frame, tab_label, tab_of
from treatymap.ui.widgets import (
    jump_line,
    legend,
    page_language,
    page_style,
    tell_the_host_our_height,
)
from treatymap.url_state import DEFAULT_FOCUS, Focus, Notice, Tab, ViewState
from treatymap.view import Atlas, View, build_view, load_atlas
from treatymap.webpage import MAP_HEIGHT

FOCUS_LABEL = {
    Focus.BORDER: N_("Border states"),
    Focus.EUROPE: N_("Europe"),
    Focus.WORLD: N_("World"),
}
#: Where the figures and panels will be while the map is drawn first (a session's first run).
REST_OF_PAGE = N_("Loading the figures, the state's history and the sources…")
#: Seconds after which a first run's page lays out everything although the map has not asked
#: (its script blocked or failing): longer than a slow 4G link takes to draw the map (17 s).
WHOLE_PAGE_AFTER_S = float(os.environ.get("TREATYMAP_WHOLE_PAGE_AFTER", "30"))
#: The date slider, as the map's script finds it in the page (Streamlit marks a keyed widget's
#: box with ``st-key-<key>``): the map shows the slider's day as soon as it moves.
DAY_CONTROL = f".st-key-{state.DAY} input[type=range]"


class Loaded:
    """What is loaded once per process: the atlas, the map's static files, and its frame in
    each language (made on first use)."""

    def __init__(self, atlas: Atlas, assets: MapAssets) -> None:
        self.atlas, self.assets = atlas, assets
        self.frames: dict[str, MapFrame] = {}

    def map_frame(self, w: Words) -> MapFrame:
        if w.lang not in self.frames:
            self.frames[w.lang] = map_frame(
                self.atlas.frontline,
                self.atlas.reference,
                day_control=DAY_CONTROL,
                words=w,
            )
        return self.frames[w.lang]


@st.cache_resource(show_spinner=False)
def _loaded(directory: str) -> Loaded:
    """Load, validate and derive once per process and data directory (raises DataError)."""
    atlas = load_atlas(directory)
    names = {
        lang: atlas.names_in(words_for(lang)) for lang in languages() if lang != DEFAULT_LANGUAGE
    }
    assets = prepare_static(
        atlas.boundaries,
        timelines=status_timelines(atlas.dates, atlas.frontline, atlas.reference),
        names=names,
    )
    loaded = Loaded(atlas, assets)
    # The record and geometry live for the whole process: keep them out of every garbage
    # collection (they were most of each collection's work, measured with py-spy).
    gc.collect()
    gc.freeze()
    return loaded


@st.cache_resource(max_entries=256, show_spinner=False)
def _statuses(directory: str, treaty_id: str, day: Any) -> tuple:
    """Every state's status under a treaty on a day (immutable, shared by sessions)."""
    from treatymap.view import statuses_for

    return statuses_for(_loaded(directory).atlas, treaty_id, day)


def main() -> None:
    """Lay out the page."""
    directory = str(data_dir())
    try:
        loaded = _loaded(directory)
    except DataError as error:
        _error_page(error)
        return
    atlas = loaded.atlas
    frame = state.frame_for(atlas, today())
    state.sync_from_url(frame)
    state.apply_pending(frame)
    state.clamp_day(frame)
    _take_map_click(frame)
    w = state.words()
    treaty = atlas.treaty(st.session_state[state.TREATY])
    name = treaty_name(treaty, w)
    st.set_page_config(
        page_title=w._("treatymap: who is bound by the {treaty}", treaty=name),
        page_icon="🗺️",
        layout="wide",
    )
    page_style()
    page_language(w.lang)
    embedded = bool(st.context.is_embedded)
    map_first = not embedded and state.map_first()

    st.title(markdown_literal(w._("Who is bound by the {treaty}?", treaty=name)))
    if not embedded:
        st.caption(
            markdown_literal(
                w._("State by state, on any day, with Russia's and Belarus's neighbours in front.")
                + " "
                + w._("Record reviewed up to {day}.", day=w.date(treaty.record_reviewed))
            )
        )
    # A slot of its own, empty or not: a notice that goes must not move the map in the page's
    # layout, which would load it again. Notices stay until the whole page has shown them.
    with st.container():
        take = st.session_state.get if map_first else st.session_state.pop
        for notice in take(state.NOTICES, ()):
            st.warning(markdown_literal(state.say(notice, w)), icon="⚠️")

    if not embedded or st.session_state.get(state.DATE_CONTROL):
        _date_controls(frame, embedded)
    view = _view(directory, frame, w)
    if embedded:
        st.markdown(f"**{markdown_literal(view.summary)}**")
        _embedded(loaded, frame, view)
        return

    map_col, side_col = st.columns([3, 2], gap="medium")
    with map_col:
        # Keyed boxes, so that a phone can show the map and the state's line first.
        with st.container(key="tm_summary"):
            st.markdown(f"**{markdown_literal(view.summary)}**")
        _map(loaded, view, then_the_page=map_first)
        _state_line(view)
        with st.container(key="tm_legend"):
            legend(view)
        if not map_first:
            with st.container(key="tm_under_map"):
                _under_map(frame, view)
    with side_col:
        if map_first:
            with st.container(key="tm_loading"):  # what a browser test waits to see go
                st.caption(markdown_literal(w._(REST_OF_PAGE)))
        else:
            panels.headline(view)
            _time_controls(frame, view)
            _side_tabs(frame, view)
    view_state = state.view_state(frame)
    if map_first:
        st.fragment(_whole_page_if_the_map_is_silent, run_every=WHOLE_PAGE_AFTER_S)()
    else:
        panels.border_states(view)
        panels.charts(frame, view, directory)
        panels.status_table(view)
        publish.share(view, view_state)
        _footer(view)
    state.write_url(view_state)
    st.session_state[state.FIRST_RUN_OVER] = True


def _whole_page_if_the_map_is_silent() -> None:
    """Run with the session's first run (nothing to do yet), then on its own after
    :data:`WHOLE_PAGE_AFTER_S`: if no run has followed, the map never asked for the rest of the
    page, so lay it out anyway (a later run no longer declares this fragment)."""
    if st.session_state.get(state.FIRST_RUN_OVER):
        st.rerun(scope="app")


def _date_controls(frame: Frame, embedded: bool) -> None:
    """The treaty, a day typed or slid to."""
    atlas, w = frame.atlas, state.words()
    treaty_id = st.session_state[state.TREATY]
    first, last = frame.days(treaty_id)
    if not embedded:
        st.segmented_control(
            w._("Treaty"),
            options=list(atlas.treaty_ids),
            format_func=lambda t: treaty_name(atlas.treaty(t), w),
            key=state.TREATY,
            required=True,
            on_change=state.on_treaty,
            args=(frame,),
            wrap=True,
        )
    st.slider(
        w._("Date"),
        min_value=first,
        max_value=last,
        step=timedelta(days=1),
        format=state.slider_format(w),
        key=state.DAY,
        on_change=state.on_slider,
        help=w._(
            "Statuses are computed for this day (inclusive): on the day a withdrawal takes "
            "effect the state is already withdrawn."
        ),
    )


def _view(directory: str, frame: Frame, w: Words) -> View:
    """The view the widgets ask for, computed once (statuses cached across sessions)."""
    s = st.session_state
    treaty_id, day = s[state.TREATY], s[state.DAY]
    compare = None
    if s.get(state.COMPARING) and s.get(state.COMPARE_FROM) is not None:
        earlier, later = sorted((s[state.COMPARE_FROM], day))
        compare = (earlier, later)
    return build_view(
        frame.atlas,
        treaty_id,
        day,
        focus=Focus(s.get(state.FOCUS) or DEFAULT_FOCUS),
        country=s.get(state.COUNTRY),
        compare=compare,
        statuses=_statuses(directory, treaty_id, day),
        lang=w.lang,
    )


def _take_map_click(frame: Frame) -> None:
    """A click on the map selects that state, or says why a territory has no history."""
    value: Any = st.session_state.get("map")
    drawing = (value or {}).get("last_active_drawing") if isinstance(value, dict) else None
    props = (drawing or {}).get("properties") or {}
    click = props.get("click")
    if not click or click == st.session_state.get(state.LAST_CLICK):
        return
    st.session_state[state.LAST_CLICK] = click
    # The feature's code as the map's script sends it; anything but text names no state.
    iso3 = props.get("iso3")
    code = iso3 if isinstance(iso3, str) else ""
    if code in frame.known.countries:
        state.select_from_map(code)
        state.apply_pending(frame)
    else:
        w = state.words()
        words = (
            frame.atlas.territory_words(code, w)
            if code in frame.atlas.territories
            else w._("That area")
        )
        st.session_state[state.COUNTRY_NOTE] = Notice(
            N_(
                "{territory} is not a participant in its own right: it cannot sign or join the "
                "treaties itself, so it has no history here."
            ),
            territory=words,
        )
        st.session_state[state.TAB] = tab_label(Tab.HISTORY, w)


def _map(loaded: Loaded, view: View, *, then_the_page: bool = False) -> None:
    """The map; with ``then_the_page``, it asks for a rerun once drawn (see ``map_first``)."""
    (lat, lon), zoom = FOCUS_VIEW[view.focus]
    payload = view_payload(view, then_the_page=then_the_page)
    st_folium(
        base_map(loaded.assets, loaded.map_frame(view.words)),
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        center=[lat, lon],
        zoom=zoom,
        feature_group_to_add=status_update(payload),
        returned_objects=RETURNED_OBJECTS,
    )


def _state_line(view: View) -> None:
    """The selected state's answer in one line under the map, with a way to its history."""
    if view.country is None:
        return
    w = view.words
    legal = view.atlas.dates[view.treaty.treaty_id][view.country]
    words = status_line(
        view.names[view.country], legal, view.by_state[view.country], view.treaty, w
    )
    jump_line(words, w._("history ↓"), panels.HISTORY_ANCHOR)


def _under_map(frame: Frame, view: View) -> None:
    """The map's caption, where it looks, the keyboard's way to a state's history, and the
    interface's language."""
    w = view.words
    st.caption(
        markdown_literal(
            w._(
                "Click a state for its history. Crimea is drawn as part of Ukraine (UN "
                "General Assembly resolution 68/262) and Western Sahara as a territory in its "
                "own right (UN list of Non-Self-Governing Territories); other borders are "
                "Natural Earth's, which follow the line of control (e.g. Kashmir, the southern "
                "Kurils). Boundaries: Natural Earth (public domain)."
            )
        )
    )
    focus, language = st.columns([3, 2], vertical_alignment="bottom")
    focus.segmented_control(
        w._("Focus"),
        options=list(Focus),
        format_func=lambda f: w._(FOCUS_LABEL[f]),
        key=state.FOCUS,
        selection_mode="single",
        required=True,
    )
    language.selectbox(
        w._("Language"),
        options=list(languages()),
        format_func=lambda code: LANGUAGES.get(code, code),
        key=state.LANG,
        on_change=state.on_language,
    )
    names = view.names
    english = {s.iso3: s.name for s in frame.atlas.record.states}
    options = sorted(english, key=lambda c: w.sort_key(names[c]))
    st.selectbox(
        w._("Find a state (a name, a former name or a code; press Enter)"),
        options=options,
        format_func=lambda c: _search_label(c, names, english),
        index=None,
        placeholder=w._("Type a name, e.g. {example}…", example=names.get("CIV", "Ivory Coast")),
        key=state.COUNTRY,
        accept_new_options=True,
        on_change=_on_find,
        args=(frame,),
    )


def _search_label(code: object, names: dict[str, str] | Any, english: dict[str, str]) -> str:
    """A state as the finder lists it: its name in the reader's language, then the English
    name and former names a reader may type (matched by the finder's "contains")."""
    if code not in english:
        return str(code)
    label = search_label(str(code), english[str(code)])
    own = names[str(code)]
    return label if own == english[str(code)] else f"{own} · {label}"


def _on_find(frame: Frame) -> None:
    """A typed name that is not in the list is read with the country-name libraries."""
    typed = st.session_state.get(state.COUNTRY)
    names = frame.known.countries
    if typed is None or typed in names:
        state.on_country()
        return
    w = state.words()
    found = resolve(str(typed), names, frame.atlas.territories)
    if found is not None and found in names:
        st.session_state[state.COUNTRY] = found
        st.session_state[state.NOTICES] = (
            Notice(
                N_("Read {typed} as {state}."),
                typed=repr(str(typed)[:40]),
                state=frame.atlas.names_in(w)[found],
            ),
        )
        state.on_country()
    else:
        st.session_state[state.COUNTRY] = None
        if found is not None and found in frame.atlas.territories:
            st.session_state[state.COUNTRY_NOTE] = Notice(
                N_("{territory} is not a participant in its own right, so it has no history here."),
                territory=frame.atlas.territory_words(found, w),
            )
        else:
            st.session_state[state.NOTICES] = (
                Notice(
                    N_("No state matches {typed}; try another name or its ISO code."),
                    typed=repr(str(typed)[:40]),
                ),
            )


def _time_controls(frame: Frame, view: View) -> None:
    """Moving through time: open at first, unless the link names a state. Then the state's
    history comes first (on a phone it follows the map directly) and the controls are built
    only when the reader opens them; the reader's choice is kept from then on."""
    # Decided once per session: a changed ``expanded`` would close the controls under the
    # reader's hand when a click on the map selects a state.
    first = st.session_state.setdefault(state.TIME_FIRST_OPEN, view.country is None)
    box = st.expander(
        markdown_literal(view.words._("Move through time, or compare two dates")),
        expanded=first,
        key=state.TIME_OPEN,
        on_change="rerun",
    )
    if box.open:
        with box:
            panels.time_controls(frame, view)


def _side_tabs(frame: Frame, view: View) -> None:
    """State history, source feed and (in compare mode) changes: only the open one is built."""
    w = view.words
    order = [Tab.CHANGES, Tab.HISTORY, Tab.FEED] if view.compare else [Tab.HISTORY, Tab.FEED]
    shown = tab_of(st.session_state.get(state.TAB))
    st.session_state[state.TAB] = tab_label(shown if shown in order else Tab.HISTORY, w)
    tabs = st.tabs([tab_label(t, w) for t in order], key=state.TAB, on_change="rerun")
    for tab, container in zip(order, tabs, strict=True):
        if not container.open:
            continue
        with container:
            if tab is Tab.HISTORY:
                panels.country_panel(frame, view)
            elif tab is Tab.FEED:
                panels.source_feed(frame, view)
            else:
                panels.changelog(view)


def _embedded(loaded: Loaded, frame: Frame, view: View) -> None:
    """What an article's reader needs: the map, its date, legend, figures and summary, and a
    link to the full dashboard at the same view."""
    panels.headline(view)
    _map(loaded, view)
    legend(view)
    tell_the_host_our_height()
    view_state = state.view_state(frame)
    full = permalink(
        publish.base_url(), ViewState(**{**view_state.__dict__, "date_control": False})
    )
    w = view.words
    st.markdown(
        markdown_link(w._("Open the full dashboard at this view"), full)
        + " · "
        + markdown_literal(
            w._(
                "treatymap · record reviewed up to {day} · data version {version} · boundaries: "
                "Natural Earth",
                day=w.date(view.treaty.record_reviewed),
                version=view.atlas.version,
            )
        )
    )
    state.write_url(view_state)


def _footer(view: View) -> None:
    record, w = view.record, view.words
    st.caption(
        markdown_literal(
            w._(
                "Data version {version} · {states} states, {events} sourced events, "
                "{corroborations} corroborations, {sources} sources · Boundaries: Natural Earth "
                "1:50m (public domain) · Statuses computed under each treaty's own articles.",
                version=view.atlas.version,
                states=w.number(len(record.states)),
                events=w.number(len(record.events)),
                corroborations=w.number(len(record.corroborations)),
                sources=w.number(len(record.sources)),
            )
        )
    )


def _error_page(error: DataError) -> None:
    """Refuse invalid data with the same messages as ``python -m treatymap check``."""
    st.title("treatymap cannot show this data")
    st.error(
        f"The bundled data has {len(error.problems)} problem(s), so nothing is shown rather "
        "than a partly wrong view. Run `python -m treatymap check` for the same list."
    )
    for problem in error.problems[:200]:
        st.text(str(problem))
