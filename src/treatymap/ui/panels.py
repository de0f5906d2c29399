"""The parts of the page around the map: figures, time controls, a state's history, the source
feed, the changes between two dates, the border states under each treaty, the status table and
the charts. Every text from a data file goes through :func:`markdown_literal` (or a link
through :func:`markdown_link`) before Streamlit renders it."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from treatymap.charts import frontline_chart, frontline_timeline, parties_chart, parties_over_time
from treatymap.compare import changes_csv
from treatymap.explain import address_caveat, explain, long_date, what_it_does
from treatymap.exports import STATUS_COLUMNS, STATUS_HEADINGS, status_csv, status_rows
from treatymap.figures import Headline, Standing
from treatymap.model import Event, Source
from treatymap.status import deciding_event
from treatymap.textsafe import markdown_link, markdown_literal, markdown_source, markdown_table
from treatymap.ui import state
from treatymap.ui.state import Frame
from treatymap.view import (
    Citation,
    Evidence,
    View,
    across_treaties,
    border_table,
    evidence,
    lead_citation,
    other_day,
    restricted_after_leaving,
    standing_words,
)
from treatymap.vocab import EVENT_LABEL, STATUS_LABEL, Coverage, EventKind

FEED_LIMIT = 15
PLAY_SECONDS = 2.0
# Qualifiers are words in brackets, not italics: an italic word makes a phone fetch Streamlit's
# italic font (138 KB) before the panel is complete.
STILL_TO_COME = " (still to come)"
#: The id of the selected state's heading, which the line under the map jumps to.
HISTORY_ANCHOR = "state-history"
#: What a day's certainty adds to an event's line.
DOUBT = {"unconfirmed": " (day not confirmed)", "disputed": " (day disputed)"}


# --- headline figures ------------------------------------------------------------------------


def md_left_and_never(figures: Headline) -> str:
    return markdown_literal(standing_words(figures))


def headline(view: View) -> None:
    """Three figures; in compare mode each with the earlier day's value beside it."""
    f, before = view.figures, view.other_figures
    short = view.treaty.short_name
    since = f" on {long_date(other_day(view.day, view.compare))}" if before and view.compare else ""
    a, b, c = st.columns(3)
    partial = view.treaty.record is Coverage.PARTIAL
    a.metric(
        "States Parties (recorded)" if partial else "States Parties",
        f.states_parties,
        delta=f"{before.states_parties}{since}" if before else None,
        delta_color="off",
        delta_arrow="off",
        help=f"States bound by the {short} on this day: States Parties, including those "
        "whose withdrawal has not yet taken effect."
        + (
            " The record of this treaty is not complete: only the states whose steps it dates "
            "are counted."
            if partial
            else ""
        ),
    )
    b.metric(
        "Border states bound",
        f"{f.count(Standing.BOUND)} of {f.frontline_total}",
        delta=f"{before.count(Standing.BOUND)} of {before.frontline_total}{since}"
        if before
        else None,
        delta_color="off",
        delta_arrow="off",
        help="States with a land border with Russia or Belarus (derived from the boundaries; "
        "Russia and Belarus themselves are the reference). 'Left': their withdrawal has taken "
        "effect; 'never joined': no instrument of consent (some signed).",
    )
    b.caption(md_left_and_never(f))
    c.metric(
        "Border km, neighbour left",
        f"{f.border_km_no_longer_bound:,.0f} km",
        delta=f"{before.border_km_no_longer_bound:,.0f} km{since}" if before else None,
        delta_color="off",
        delta_arrow="off",
        help=(
            "Sum of the land borders with Russia and Belarus of states whose withdrawal has "
            "taken effect. Measured geodesically (WGS 84 ellipsoid, pyproj) along the shared "
            "edges of the bundled Natural Earth 1:50m boundaries, simplified at 0.05°: shorter "
            "than official figures, which follow every bend. All such borders: "
            f"{f.border_km_total:,.0f} km."
        ),
    )


# --- time controls -----------------------------------------------------------------------------


def time_controls(frame: Frame, view: View) -> None:
    """Type a day, jump to a key moment, step between moments, Play, and compare two days."""
    st.text_input(
        "Go to a date (press Enter)",
        key=state.TYPED_DAY,
        on_change=state.on_typed_day,
        args=(frame,),
        placeholder="e.g. 27 December 2025",
    )
    moments = frame.atlas.moments[view.treaty.treaty_id]
    _, last = frame.days(view.treaty.treaty_id)
    shown = [m for m in moments if m.day <= last]
    labels = {m.day: f"{long_date(m.day)}: {m.label}" for m in shown}
    st.selectbox(
        "Jump to a key moment",
        options=list(labels),
        format_func=lambda d: labels.get(d, long_date(d)),
        index=None,
        placeholder=f"{len(labels)} moments: joinings, withdrawals, entry into force…",
        filter_mode="contains",  # typed words keep the moments in date order
        key=state.JUMP,
        on_change=state.on_jump,
        args=(frame,),
    )
    back, forward, play = st.columns([1, 1, 1.3], vertical_alignment="center")
    back.button(
        "◀ Previous moment",
        on_click=state.on_step,
        args=(frame, -1),
        key="step_back",
        width="stretch",
    )
    forward.button(
        "Next moment ▶", on_click=state.on_step, args=(frame, 1), key="step_on", width="stretch"
    )
    with play.container(key="play_control"):
        st.toggle(
            "Play the moments",
            key=state.PLAYING,
            help=f"Steps to the next key moment every {PLAY_SECONDS:g} seconds until the last; "
            "switch it off to stop. Hidden when your system asks for reduced motion: use the "
            "step buttons.",
        )
    if st.session_state.get(state.PLAYING):
        st.fragment(_play_step, run_every=PLAY_SECONDS)(frame, view.treaty.treaty_id)
    st.toggle(
        "Compare with another date",
        key=state.COMPARING,
        on_change=state.on_compare_toggle,
        args=(frame,),
    )
    if st.session_state.get(state.COMPARING):
        st.text_input(
            "Compare the map's date with (press Enter)",
            key=state.COMPARE_TEXT,
            on_change=state.on_compare_text,
            args=(frame,),
            placeholder="e.g. 1 June 2025",
            help="States whose status differs between the two dates are outlined on the map "
            "and listed under Changes.",
        )


def _play_step(frame: Frame, treaty_id: str) -> None:
    """Advance to the next key moment (at the top of the next run); stop after the last.

    A fragment also runs inside every full run of the page, including the one its own step
    asks for: it advances only when its period has passed since the last step, so each moment
    stays on screen for :data:`PLAY_SECONDS`.
    """
    if not st.session_state.get(state.PLAYING):
        return
    now = time.monotonic()
    if now - st.session_state.get(state.LAST_PLAY, 0.0) < PLAY_SECONDS * 0.9:
        return
    st.session_state[state.LAST_PLAY] = now
    _, last = frame.days(treaty_id)
    moments = frame.atlas.moments[treaty_id]
    upcoming = next((m.day for m in moments if st.session_state[state.DAY] < m.day <= last), None)
    if upcoming is None:
        state.queue(playing=False)
    else:
        state.queue(day=upcoming)
    st.rerun(scope="app")


# --- a state's history -------------------------------------------------------------------------


def md_source(source: Source, prefix: str = "") -> str:
    """A source as a caption: its title linked, its publisher and date, and what a reader must
    know when its address is only a home page or an archived copy; all literal text."""
    caveat = address_caveat(source)
    return markdown_source(source.title, source.url, source.publisher, source.published, prefix) + (
        "  \n" + markdown_literal(caveat) if caveat else ""
    )


def md_quote(citation: Citation) -> str:
    """A source's own words as a quotation, with their English when they are in another
    language."""
    english = citation.translation
    return (
        "> "
        + markdown_literal(citation.excerpt)
        + ("  \n> " + markdown_literal(f"(In English: {english})") if english else "")
    )


def md_also(citation: Citation) -> str:
    """A further source, with its own words."""
    english = f" (in English: {citation.translation})" if citation.translation else ""
    return (
        md_source(citation.source, "Also stated by: ")
        + "  \n"
        + markdown_literal(f"“{citation.excerpt}”{english}")
    )


def established(group: Evidence) -> list[str]:
    """How the group's dates were established, for a researcher: each source's provenance."""
    return [f"{c.source.title}: {text}" for c in group.citations for text in c.provenance]


def md_objection(view: View, event: Event) -> str:
    """One objection in the list of reactions to a state's act: day, state, source."""
    lead = lead_citation(view.record, event)
    return (
        f"**{long_date(event.date)}**{DOUBT.get(event.date_certainty or '', '')} · "
        + markdown_literal(view.atlas.names[event.iso3])
        + " · "
        + markdown_link(lead.source.publisher, lead.source.url)
    )


def md_event_line(view: View, event: Event, focus: str | None) -> str:
    """An event's day and kind (and who acted, when another state), with its caveats."""
    label = EVENT_LABEL[event.kind]
    names = view.atlas.names
    if event.iso3 != focus:
        label = f"{names[event.iso3]}: {label}"
    if event.concerns and event.concerns != focus:
        label += f" (concerning {names.get(event.concerns, event.concerns)})"
    return (
        f"**{long_date(event.date)}** · {markdown_literal(label)}"
        + DOUBT.get(event.date_certainty or "", "")
        + (STILL_TO_COME if event.date > view.day else "")
    )


def _evidence_cards(
    view: View, events: list[Event], focus: str | None, quoted: Event | None
) -> None:
    """Each excerpt once, with every event it states, its source, notes and further sources."""
    for group in evidence(view.record, events):
        with st.container(border=True):
            st.markdown("  \n".join(md_event_line(view, e, focus) for e in group.events))
            if quoted is not None and quoted in group.events:
                st.caption("Excerpt quoted above, with the status.")
            else:
                st.markdown(md_quote(group.lead))
                st.caption(md_source(group.lead.source))
            for other in group.also:
                st.caption(md_also(other))
            for e in group.events:
                if e.note:
                    st.caption(markdown_literal(f"Note ({long_date(e.date)}): {e.note}"))
            how = established(group)
            if how:
                with st.expander("How this date was established"):
                    for text in how:
                        st.caption(markdown_literal(text))


def country_panel(frame: Frame, view: View) -> None:
    """The state's status under each treaty, then the selected treaty's status with the source
    that set it, then every recorded event (each excerpt once)."""
    country = view.country
    note = st.session_state.get(state.COUNTRY_NOTE)
    if note:
        st.info(markdown_literal(note))
    if not country:
        if not note:
            st.info("Click a state on the map, or find it in the list under the map.")
        return
    names = view.atlas.names
    st.header(markdown_literal(f"{names[country]} ({country})"), anchor=HISTORY_ANCHOR)
    earlier, later = view.compare if view.compare else (None, view.day)
    cells = across_treaties(view.atlas, country, later, earlier)
    for column, cell in zip(st.columns(len(cells)), cells, strict=True):
        since = f" since {long_date(cell.status.since)}" if cell.status.since else ""
        words = STATUS_LABEL[cell.status.status] + since
        if cell.changed and cell.before is not None:
            words = f"{STATUS_LABEL[cell.before.status]} → {words}"
        column.markdown(
            f"**{markdown_literal(cell.treaty.short_name)}**  \n{markdown_literal(words)}"
        )
    rules = restricted_after_leaving(view.atlas, country, later)
    if rules:
        st.markdown(f"**{markdown_literal(rules)}.**")
    status = view.by_state[country]
    events = view.events(country)
    own = [e for e in events if e.iso3 == country]
    legal = view.atlas.dates[view.treaty.treaty_id][country]
    since = f" since {long_date(status.since)}" if status.since else ""
    st.markdown(
        f"**Under the {markdown_literal(view.treaty.short_name)}: "
        f"{markdown_literal(STATUS_LABEL[status.status] + since)}** on {long_date(view.day)}"
    )
    st.caption(markdown_literal(what_it_does(view.treaty)))
    st.markdown(markdown_literal(explain(legal, status, view.treaty, own)))
    deciding = deciding_event(status.status, [e for e in own if e.date <= view.day])
    if deciding is not None:
        lead = lead_citation(view.record, deciding)
        st.markdown(md_quote(lead))
        st.caption(md_source(lead.source, "Source: "))
    if status.note:
        st.markdown(f"**Political note:** {markdown_literal(status.note)}")
    objections = [e for e in events if e.kind is EventKind.OBJECTION and e.concerns == country]
    if objections:
        st.subheader(
            f"Objections from {len(objections)} state{'' if len(objections) == 1 else 's'}"
        )
        st.markdown("  \n".join(md_objection(view, e) for e in objections))
    st.subheader("Every recorded event")
    if not events:
        st.caption(
            "No recorded events: it has neither signed nor joined the "
            f"{markdown_literal(view.treaty.short_name)}."
        )
        return
    _evidence_cards(view, events, country, deciding)


# --- the source feed ---------------------------------------------------------------------------


def source_feed(frame: Frame, view: View) -> None:
    """The excerpts for the treaty's events in a window of time (by default the two years up to
    the map's day, following it), filtered by kind and state; events after the map's day are
    marked as still to come."""
    first, last = frame.days(view.treaty.treaty_id)
    if not st.session_state.get(state.FEED_SET):
        st.session_state[state.FEED_WINDOW] = (max(first, view.day - timedelta(days=730)), view.day)
    start, end = st.session_state.get(state.FEED_WINDOW) or (first, view.day)
    st.session_state[state.FEED_WINDOW] = (max(first, min(start, last)), max(first, min(end, last)))
    window = st.slider(
        "Events between",
        min_value=first,
        max_value=last,
        format="D MMM YYYY",
        key=state.FEED_WINDOW,
        on_change=state.on_feed_filter,
    )
    kinds = st.multiselect(
        "Kinds of event",
        options=list(EventKind),
        format_func=lambda k: EVENT_LABEL[k],
        key=state.FEED_KINDS,
        placeholder="All kinds",
        on_change=state.on_feed_filter,
    )
    states = st.multiselect(
        "States",
        options=sorted((s.iso3 for s in view.record.states), key=lambda c: view.atlas.names[c]),
        format_func=lambda c: view.atlas.names[c],
        key=state.FEED_STATES,
        placeholder="All states",
        on_change=state.on_feed_filter,
    )
    start, end = window if isinstance(window, tuple) else (window, window)
    chosen = [
        e
        for e in view.record.events_of(view.treaty.treaty_id, start=start, end=end)
        if (not kinds or e.kind in kinds)
        and (not states or e.iso3 in states or e.concerns in states)
    ]
    chosen.reverse()
    after = sum(1 for e in chosen if e.date > view.day)
    st.caption(
        f"{len(chosen)} event(s) of the {markdown_literal(view.treaty.short_name)}, newest first"
        + (f"; {after:d} after the map's date, marked still to come" if after else "")
        + (
            f"; the newest {FEED_LIMIT} are shown (narrow the window or filter for others)"
            if len(chosen) > FEED_LIMIT
            else ""
        )
    )
    _evidence_cards(view, chosen[:FEED_LIMIT][::-1], None, None)


# --- changes between two dates -----------------------------------------------------------------


def changelog(view: View) -> None:
    """What changed between the two dates, each change with its rule and excerpt."""
    if view.compare is None or view.changes is None:
        return
    early, late = view.compare
    st.markdown(
        f"**{len(view.changes)} change(s)** under the {markdown_literal(view.treaty.short_name)} "
        f"between {long_date(early)} and {long_date(late)}; the states are outlined on the map."
    )
    for change in view.changes:
        with st.container(border=True):
            st.markdown(markdown_literal(change.sentence()))
            if change.evidence:
                lead = lead_citation(view.record, change.evidence)
                st.markdown(md_quote(lead))
                st.caption(md_source(lead.source))
    st.download_button(
        "Download the changes (CSV)",
        changes_csv(list(view.changes), view.record, view.treaty),
        file_name=f"{view.treaty.treaty_id}-changes-{early.isoformat()}-{late.isoformat()}.csv",
        mime="text/csv",
    )


# --- the border states under each treaty -------------------------------------------------------


def border_states(view: View) -> None:
    """Russia, Belarus and their neighbours × every treaty, on the map's day (with the earlier
    day in compare mode): a plain table a screen reader reads cell by cell."""
    earlier, later = view.compare if view.compare else (None, view.day)
    rows = border_table(view.atlas, later, earlier)
    if not rows:
        return
    treaties = [cell.treaty.short_name for cell in rows[0][1]]
    st.header("Russia, Belarus and their neighbours under each treaty")
    when = f"on {long_date(later)}"
    if earlier:
        when = f"on {long_date(earlier)} → {long_date(later)}"
    st.caption(markdown_literal(f"Status {when}; a changed status shows both."))
    body = []
    for iso3, cells in rows:
        words = []
        for cell in cells:
            text = STATUS_LABEL[cell.status.status]
            if cell.changed and cell.before is not None:
                text = f"{STATUS_LABEL[cell.before.status]} → {text}"
            words.append(text)
        body.append([view.atlas.names[iso3], *words])
    st.markdown(markdown_table(["State", *treaties], body))


# --- the status table and the charts -----------------------------------------------------------


def status_table(view: View) -> None:
    """Every state's status that day, in name order, with a CSV of the same rows."""
    # The label stays the same from day to day: an element that changes costs the browser a
    # re-render on every slider step (benchmarks/run.py), so the day is said once shown.
    if not st.toggle("Show every state's status on the map's day, as a table", key="show_table"):
        return
    st.caption(markdown_literal(f"Every state's status on {long_date(view.day)}."))
    rows = status_rows(view.record, view.treaty.treaty_id, view.statuses, view.atlas.frontline)
    # The CSV's columns, in its order, under the page's headings (the treaty is the page's).
    shown = [c for c in STATUS_COLUMNS if c != "treaty_id"]
    table = pd.DataFrame(rows)[shown].rename(columns=STATUS_HEADINGS)
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        "Download the table (CSV)",
        status_csv(rows),
        file_name=f"{view.treaty.treaty_id}-status-{view.day.isoformat()}.csv",
        mime="text/csv",
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _chart_tables(
    directory: str, treaty_id: str, until: date, _view: View
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The charts' tables change only with the data, the treaty and the last day."""
    atlas = _view.atlas
    treaty, dates = atlas.treaty(treaty_id), atlas.dates[treaty_id]
    parties = parties_over_time(treaty, dates, until=until)
    lanes = frontline_timeline(treaty, dates, list(atlas.frontline), atlas.names, until)
    return parties, lanes


def charts(frame: Frame, view: View, directory: str) -> None:
    """States Parties over time, and the border states' lanes; both follow the chosen date."""
    if not st.toggle("Show the charts over time", key="show_charts"):
        return
    treaty_id = view.treaty.treaty_id
    _, last = frame.days(treaty_id)
    parties, lanes = _chart_tables(directory, treaty_id, last, view)
    moments = frame.atlas.moments[treaty_id]
    name = view.treaty.short_name
    left, right = st.columns(2, gap="medium")
    with left:
        st.altair_chart(
            parties_chart(parties, view.day, moments, treaty_name=name), theme=None, width="stretch"
        )
    with right:
        st.altair_chart(
            frontline_chart(lanes, view.day, treaty_name=name), theme=None, width="stretch"
        )
