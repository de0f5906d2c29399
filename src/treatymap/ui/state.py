"""The view in the session and in the URL.

The URL is read on a session's first run, and again on a run that the browser's Back or
Forward caused (Streamlit reruns the script on a history step and marks that run), so history
follows the reader's views. Any other run ignores the URL: a rerun that a quick second click
asks for can carry the address from before the first click's write, and reading it then would
undo the first click. Widget values are only ever set before their
widget is drawn (at the top of a run, or in a callback), never after: a change asked for later
in a run (a Play step, a click) is queued in ``PENDING`` and applied at the top of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from treatymap.dates import parse_typed_date
from treatymap.figures import next_moment, previous_moment
from treatymap.i18n import LANGUAGES, N_, Words, best_language, languages, words_for
from treatymap.textsafe import markdown_literal
from treatymap.url_state import (
    DEFAULT_FOCUS,
    FeedFilter,
    Focus,
    Known,
    Notice,
    Tab,
    ViewState,
    default_tab,
    parse_view,
    view_params,
)
from treatymap.view import Atlas

# Session keys: each widget's key, and the page's own bookkeeping.
TREATY = "treaty"
DAY = "day"
TYPED_DAY = "typed_day"
FOCUS = "focus"
COUNTRY = "country"
COMPARING = "comparing"
COMPARE_FROM = "compare_from"
COMPARE_TEXT = "compare_text"
PLAYING = "playing"
JUMP = "jump"
TAB = "side_tab"
FEED_WINDOW = "feed_window"
FEED_KINDS = "feed_kinds"
FEED_STATES = "feed_states"
FEED_SET = "_feed_set"  # the reader chose the feed's window or filters (then it is in the URL)
DATE_CONTROL = "_date_control"  # an embed asked for a date control
NOTICES = "_notices"
TIME_OPEN = "time_controls_open"  # the reader opened or closed "Move through time"
TIME_FIRST_OPEN = "_time_controls_first_open"  # open on the first view (no state named)
WRITTEN = "_written"
PENDING = "_pending"
COUNTRY_NOTE = "_country_note"
LAST_CLICK = "_last_click"
LAST_PLAY = "_last_play"  # when Play last stepped (time.monotonic)
WHOLE_PAGE = "_whole_page"  # the session's first run is over: every run lays out everything
FIRST_RUN_OVER = "_first_run_over"  # set at the end of every run (see page's fallback)
LANG = "lang"  # the interface language (a code of treatymap.i18n.LANGUAGES)

#: The side panel's tab labels, in order (the Changes tab only in compare mode). A tab's
#: label is its widget's value: :func:`tab_label` and :func:`tab_of` go between the two.
TAB_LABEL: dict[Tab, str] = {
    Tab.CHANGES: N_("Changes"),
    Tab.HISTORY: N_("State history"),
    Tab.FEED: N_("Source feed"),
}


def words() -> Words:
    """This session's reader's words (English until the language is known)."""
    return words_for(st.session_state.get(LANG) or "en")


def tab_label(tab: Tab, w: Words | None = None) -> str:
    """A tab's label (Markdown-literal: a tab's label is Markdown, and its widget's value)."""
    return markdown_literal((w or words())._(TAB_LABEL[tab]))


def tab_of(label: object) -> Tab | None:
    """The tab a label names, in whichever language it was written."""
    for lang in languages():
        for tab in Tab:
            if tab_label(tab, words_for(lang)) == label:
                return tab
    return None


def say(message: object, w: Words) -> str:
    """A notice kept in the session, in the reader's language."""
    return message.words(w) if isinstance(message, Notice) else str(message)


def slider_format(w: Words) -> str:
    """The date slider's format (moment.js tokens, which know English months only): English
    as the sources write a day, another language its CLDR short date with the year in full."""
    if w.lang == "en" or w.lang not in languages():
        return "D MMM YYYY"
    pattern = str(w.locale.date_formats["short"].pattern)
    tokens = {"d": "D", "dd": "DD", "M": "M", "MM": "MM", "y": "YYYY", "yy": "YYYY"}
    return re.sub(r"d+|M+|y+", lambda m: tokens.get(m.group(0), m.group(0)), pattern)


def typed(text: str, w: Words) -> date | None:
    """A day typed in the reader's language (as the page writes it), in English, or as
    YYYY-MM-DD."""
    return parse_typed_date(text, w.lang if w.lang in LANGUAGES else None)


@dataclass(frozen=True)
class Frame:
    """What a run of the page knows before any widget: the data, today, each treaty's days."""

    atlas: Atlas
    today: date
    known: Known

    def days(self, treaty_id: str) -> tuple[date, date]:
        return self.known.treaties[treaty_id]


def frame_for(atlas: Atlas, today: date) -> Frame:
    """The page's frame for ``today``: each treaty's first and last day, the states."""
    return Frame(atlas, today, atlas.known(today))


def map_first() -> bool:
    """Whether this run is the session's first, which lays out the top of the page and the map
    only; the map asks for the rest once it is drawn (any later run lays out everything).

    Why: the browser draws nothing of an element until its code has loaded, and the page's
    script shares one thread with the map's frame. With the whole page in the first run, the map
    started about 0.6 s later than with the top alone (``benchmarks/first_view.py``).
    """
    if st.session_state.get(WHOLE_PAGE):
        return False
    st.session_state[WHOLE_PAGE] = True
    return True


def current_params() -> dict[str, list[str]]:
    """The URL's query parameters now (key -> every value)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _history_step() -> bool:
    """Whether this run is the browser's Back or Forward.

    Streamlit 1.67 marks such a run on its script-run context (the flag behind its own
    ``bind="query-params"`` widgets); it has no public accessor, so this reads it defensively.
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # pragma: no cover - a Streamlit without the flag: no history steps
        return False
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def sync_from_url(frame: Frame) -> None:
    """Take the view from the URL on the first run, and after a Back or Forward."""
    params = current_params()
    written = st.session_state.get(WRITTEN)
    if written is not None and (_flat(params) == written or not _history_step()):
        return
    parsed = parse_view(params, frame.known)
    seed(frame, parsed.view)
    st.session_state[NOTICES] = parsed.notices


def language_of(view: ViewState) -> str:
    """The link's language, else the browser's when it is one of ours, else English."""
    if view.lang:
        return view.lang
    try:
        locale = st.context.locale
    except AttributeError:  # pragma: no cover - a Streamlit without it
        locale = None
    return best_language(locale)


def _flat(params: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[-1] for k, v in params.items() if v}


def seed(frame: Frame, view: ViewState) -> None:
    """Set every widget's state from a view (before the widgets are drawn)."""
    state = st.session_state
    state[LANG] = language_of(view)
    w = words()
    treaty = view.treaty or frame.known.default_treaty
    state[TREATY] = treaty
    set_day(view.date)
    state[COUNTRY] = view.country
    state[FOCUS] = view.focus
    state[COMPARING] = view.compare is not None
    other = None
    if view.compare:
        other = view.compare[0] if view.date == view.compare[1] else view.compare[1]
    state[COMPARE_FROM] = other
    state[COMPARE_TEXT] = w.date(other) if other else ""
    state[TAB] = tab_label(view.tab, w)
    state[FEED_SET] = view.feed is not None
    if view.feed is not None:
        state[FEED_WINDOW] = (view.feed.start, view.feed.end)
        state[FEED_KINDS] = list(view.feed.kinds)
        state[FEED_STATES] = list(view.feed.states)
    else:
        for key in (FEED_WINDOW, FEED_KINDS, FEED_STATES):
            state.pop(key, None)
    state[DATE_CONTROL] = view.date_control
    state[PLAYING] = False  # Play never starts by itself
    state.pop(COUNTRY_NOTE, None)


def set_day(day: date) -> None:
    """The slider's day and the typed day, together (before either widget is drawn)."""
    st.session_state[DAY] = day
    st.session_state[TYPED_DAY] = words().date(day)


def queue(**changes: Any) -> None:
    """Ask for widget changes that can only happen at the top of the next run."""
    pending = dict(st.session_state.get(PENDING) or {})
    pending.update(changes)
    st.session_state[PENDING] = pending


def apply_pending(frame: Frame) -> None:
    """Apply what :func:`queue` asked for (before any widget is drawn)."""
    pending = st.session_state.pop(PENDING, None) or {}
    if "day" in pending:
        first, last = frame.days(st.session_state[TREATY])
        set_day(min(max(pending["day"], first), last))
    if "playing" in pending:
        st.session_state[PLAYING] = pending["playing"]
    if "country" in pending:
        st.session_state[COUNTRY] = pending["country"]
        st.session_state.pop(COUNTRY_NOTE, None)


def clamp_day(frame: Frame) -> None:
    """Keep the day within the selected treaty's range (a treaty switch may need it)."""
    first, last = frame.days(st.session_state[TREATY])
    day = st.session_state.get(DAY) or frame.today
    if not first <= day <= last:
        set_day(min(max(day, first), last))
    compare_from = st.session_state.get(COMPARE_FROM)
    if compare_from is not None and not first <= compare_from <= last:
        st.session_state[COMPARE_FROM] = min(max(compare_from, first), last)
        st.session_state[COMPARE_TEXT] = words().date(st.session_state[COMPARE_FROM])


# --- callbacks (they run before the script, so they may set any widget's state) -------------


def on_slider() -> None:
    st.session_state[TYPED_DAY] = words().date(st.session_state[DAY])


def on_typed_day(frame: Frame) -> None:
    """A typed day moves the slider; an unreadable one is refused with a notice."""
    w = words()
    text = st.session_state.get(TYPED_DAY) or ""
    day = typed(text, w)
    first, last = frame.days(st.session_state[TREATY])
    if day is None:
        st.session_state[NOTICES] = (
            Notice(
                N_("Could not read {text} as a day; write it as {example} or 2025-12-27."),
                text=repr(text[:40]),
                example=w.date(date(2025, 12, 27)),
            ),
        )
    elif not first <= day <= last:
        st.session_state[NOTICES] = (
            Notice(
                N_("{day} is outside {first} to {last}."),
                day=w.date(day),
                first=w.date(first),
                last=w.date(last),
            ),
        )
    else:
        st.session_state[DAY] = day
    st.session_state[TYPED_DAY] = w.date(st.session_state[DAY])


def on_compare_text(frame: Frame) -> None:
    """A typed comparison day (Enter or leaving the box applies it)."""
    w = words()
    text = st.session_state.get(COMPARE_TEXT) or ""
    day = typed(text, w)
    first, last = frame.days(st.session_state[TREATY])
    if day is None or not first <= day <= last:
        st.session_state[NOTICES] = (
            Notice(
                N_(
                    "Could not use {text} as the day to compare with; write a day between "
                    "{first} and {last}, e.g. {example}."
                ),
                text=repr(text[:40]),
                first=w.date(first),
                last=w.date(last),
                example=w.date(date(2025, 6, 1)),
            ),
        )
    else:
        st.session_state[COMPARE_FROM] = day
    current = st.session_state.get(COMPARE_FROM)
    st.session_state[COMPARE_TEXT] = w.date(current) if current else ""


def on_jump(frame: Frame) -> None:
    """Jump to the chosen key moment, then clear the choice (so it can be chosen again)."""
    moment = st.session_state.get(JUMP)
    if moment is not None:
        st.session_state[DAY] = moment
        st.session_state[TYPED_DAY] = words().date(moment)
    st.session_state[JUMP] = None


def on_step(frame: Frame, direction: int) -> None:
    """The previous or next key moment of the selected treaty."""
    treaty = st.session_state[TREATY]
    moments = frame.atlas.moments[treaty]
    day = st.session_state[DAY]
    _, last = frame.days(treaty)
    target = next_moment(moments, day, last) if direction > 0 else previous_moment(moments, day)
    if target is not None:
        st.session_state[DAY] = target
        st.session_state[TYPED_DAY] = words().date(target)


def on_language() -> None:
    """Another language: the words kept in widgets (the typed days, the open tab) follow."""
    w = words()
    st.session_state[TYPED_DAY] = w.date(st.session_state[DAY])
    other = st.session_state.get(COMPARE_FROM)
    st.session_state[COMPARE_TEXT] = w.date(other) if other else ""
    tab = tab_of(st.session_state.get(TAB))
    if tab is not None:
        st.session_state[TAB] = tab_label(tab, w)


def on_treaty(frame: Frame) -> None:
    """A new treaty gives the slider new bounds, which makes it a new widget: hand it the day
    (clamped to the treaty's range) so the view keeps its date."""
    first, last = frame.days(st.session_state[TREATY])
    set_day(min(max(st.session_state.get(DAY) or frame.today, first), last))
    clamp_day(frame)


def on_country() -> None:
    st.session_state.pop(COUNTRY_NOTE, None)
    if tab_of(st.session_state.get(TAB)) is Tab.FEED and st.session_state.get(COUNTRY):
        _follow_country_in_feed(st.session_state[COUNTRY])


def _follow_country_in_feed(iso3: str) -> None:
    """With the feed open, choosing a state filters the feed to it (a visible answer)."""
    st.session_state[FEED_STATES] = [iso3]
    st.session_state[FEED_SET] = True


def on_feed_filter() -> None:
    st.session_state[FEED_SET] = True


def on_compare_toggle(frame: Frame) -> None:
    """Compare on: start a year before the map's day; off: leave the Changes tab."""
    if st.session_state.get(COMPARING):
        if st.session_state.get(COMPARE_FROM) is None:
            first, _ = frame.days(st.session_state[TREATY])
            start = max(first, date(st.session_state[DAY].year - 1, st.session_state[DAY].month, 1))
            st.session_state[COMPARE_FROM] = start
            st.session_state[COMPARE_TEXT] = words().date(start)
        st.session_state[TAB] = tab_label(Tab.CHANGES)
    elif tab_of(st.session_state.get(TAB)) is Tab.CHANGES:
        st.session_state[TAB] = tab_label(Tab.HISTORY)


def select_from_map(iso3: str) -> None:
    """A click on a state: open its history (or, with the feed open, filter the feed)."""
    queue(country=iso3)
    if tab_of(st.session_state.get(TAB)) is Tab.FEED:
        _follow_country_in_feed(iso3)


# --- the view as the widgets now show it, and writing it to the URL -------------------------


def view_state(frame: Frame) -> ViewState:
    """The view the widgets show (after they are drawn)."""
    state = st.session_state
    treaty = state[TREATY]
    day = state[DAY]
    compare = None
    if state.get(COMPARING) and state.get(COMPARE_FROM) is not None:
        earlier, later = sorted((state[COMPARE_FROM], day))
        compare = (earlier, later)
    tab = tab_of(state.get(TAB)) or default_tab(compare is not None)
    if tab is Tab.CHANGES and compare is None:
        tab = Tab.HISTORY
    feed = None
    if state.get(FEED_SET) and state.get(FEED_WINDOW):
        start, end = state[FEED_WINDOW]
        feed = FeedFilter(
            start, end, tuple(state.get(FEED_KINDS) or ()), tuple(state.get(FEED_STATES) or ())
        )
    return ViewState(
        date=day,
        country=state.get(COUNTRY),
        focus=Focus(state.get(FOCUS) or DEFAULT_FOCUS),
        compare=compare,
        treaty="" if treaty == frame.known.default_treaty else treaty,
        tab=tab,
        feed=feed,
        date_control=bool(state.get(DATE_CONTROL)),
        lang=state.get(LANG) or "en",
    )


def write_url(view: ViewState) -> None:
    """Put the view into the URL (one history entry per change of view, none otherwise)."""
    params = view_params(view)
    previous = st.session_state.get(WRITTEN)
    st.session_state[WRITTEN] = params
    # Compare with what this page last wrote, too: the address a rerun arrives with can be
    # older than the last write (two quick steps), and must not hide a change.
    if params != previous or _flat(current_params()) != params:
        st.query_params.from_dict(params)
