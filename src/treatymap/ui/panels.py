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
from treatymap.explain import (
    address_caveat,
    event_label,
    explain,
    moment_words,
    political_note,
    status_label,
    treaty_name,
    what_it_does,
)
from treatymap.exports import STATUS_COLUMNS, STATUS_HEADINGS, status_csv, status_rows
from treatymap.figures import Headline, Standing
from treatymap.i18n import N_, Words
from treatymap.model import Event, Source
from treatymap.status import deciding_event
from treatymap.textsafe import markdown_link, markdown_literal, markdown_source, markdown_table
from treatymap.ui import state
from treatymap.ui.state import Frame
from treatymap.view import (
    Citation,
    Evidence,
    UnderTreaty,
    View,
    across_treaties,
    border_table,
    evidence,
    lead_citation,
    other_day,
    restricted_after_leaving,
    standing_words,
)
from treatymap.vocab import Coverage, EventKind

FEED_LIMIT = 15
PLAY_SECONDS = 2.0
#: The id of the selected state's heading, which the line under the map jumps to.
HISTORY_ANCHOR = "state-history"
#: What a day's certainty adds to an event's line. Qualifiers are words in brackets, not
#: italics: an italic word makes a phone fetch Streamlit's italic font (138 KB) before the
#: panel is complete.
DOUBT = {"unconfirmed": N_("(day not confirmed)"), "disputed": N_("(day disputed)")}


def _doubt(event: Event, w: Words) -> str:
    doubt = DOUBT.get(event.date_certainty or "")
    return " " + w._(doubt) if doubt else ""


# --- headline figures ------------------------------------------------------------------------


def md_left_and_never(figures: Headline, w: Words) -> str:
    return markdown_literal(standing_words(figures, w))


def headline(view: View) -> None:
    """Three figures; in compare mode each with the earlier day's value beside it."""
    f, before, w = view.figures, view.other_figures, view.words
    since = ""
    if before and view.compare:
        since = " " + w._("on {day}", day=w.date(other_day(view.day, view.compare)))
    a, b, c = st.columns(3)
    partial = view.treaty.record is Coverage.PARTIAL

    def of(h: Headline) -> str:
        return w._(
            "{bound} of {total}",
            bound=w.number(h.count(Standing.BOUND)),
            total=w.number(h.frontline_total),
        )

    def km(value: float) -> str:
        return w._("{km} km", km=w.number(value))

    a.metric(
        markdown_literal(w._("States Parties (recorded)") if partial else w._("States Parties")),
        w.number(f.states_parties),
        delta=f"{w.number(before.states_parties)}{since}" if before else None,
        delta_color="off",
        delta_arrow="off",
        help=w._(
            "States bound by the {treaty} on this day: States Parties, including those whose "
            "withdrawal has not yet taken effect.",
            treaty=view.treaty_name,
        )
        + (
            " "
            + w._(
                "The record of this treaty is not complete: only the states whose steps it "
                "dates are counted."
            )
            if partial
            else ""
        ),
    )
    b.metric(
        markdown_literal(w._("Border states bound")),
        of(f),
        delta=f"{of(before)}{since}" if before else None,
        delta_color="off",
        delta_arrow="off",
        help=w._(
            "States with a land border with Russia or Belarus (derived from the boundaries; "
            "Russia and Belarus themselves are the reference). 'Left': their withdrawal has "
            "taken effect; 'never joined': no instrument of consent (some signed)."
        ),
    )
    b.caption(md_left_and_never(f, w))
    c.metric(
        markdown_literal(w._("Border km, neighbour left")),
        km(f.border_km_no_longer_bound),
        delta=f"{km(before.border_km_no_longer_bound)}{since}" if before else None,
        delta_color="off",
        delta_arrow="off",
        help=w._(
            "Sum of the land borders with Russia and Belarus of states whose withdrawal has "
            "taken effect. Measured geodesically (WGS 84 ellipsoid, pyproj) along the shared "
            "edges of the bundled Natural Earth 1:50m boundaries, simplified at 0.05°: shorter "
            "than official figures, which follow every bend. All such borders: {total}.",
            total=km(f.border_km_total),
        ),
    )


# --- time controls -----------------------------------------------------------------------------


def time_controls(frame: Frame, view: View) -> None:
    """Type a day, jump to a key moment, step between moments, Play, and compare two days."""
    w = view.words
    example = w.date(date(2025, 12, 27))
    st.text_input(
        w._("Go to a date (press Enter)"),
        key=state.TYPED_DAY,
        on_change=state.on_typed_day,
        args=(frame,),
        placeholder=w._("e.g. {day}", day=example),
    )
    moments = frame.atlas.moments[view.treaty.treaty_id]
    _, last = frame.days(view.treaty.treaty_id)
    shown = [m for m in moments if m.day <= last]
    labels: dict[date, str] = {}
    for m in shown:
        words = moment_words(m, view.treaty, view.names, w)
        labels[m.day] = (
            f"{labels[m.day]}; {words}" if m.day in labels else f"{w.date(m.day)}: {words}"
        )
    st.selectbox(
        w._("Jump to a key moment"),
        options=list(labels),
        format_func=lambda d: labels.get(d, w.date(d)),
        index=None,
        placeholder=w.ngettext(
            "{n} moment: joinings, withdrawals, entry into force…",
            "{n} moments: joinings, withdrawals, entry into force…",
            len(labels),
        ),
        filter_mode="contains",  # typed words keep the moments in date order
        key=state.JUMP,
        on_change=state.on_jump,
        args=(frame,),
    )
    back, forward, play = st.columns([1, 1, 1.3], vertical_alignment="center")
    back.button(
        w._("◀ Previous moment"),
        on_click=state.on_step,
        args=(frame, -1),
        key="step_back",
        width="stretch",
    )
    forward.button(
        w._("Next moment ▶"),
        on_click=state.on_step,
        args=(frame, 1),
        key="step_on",
        width="stretch",
    )
    with play.container(key="play_control"):
        st.toggle(
            markdown_literal(w._("Play the moments")),
            key=state.PLAYING,
            help=w._(
                "Steps to the next key moment every {seconds} seconds until the last; switch it "
                "off to stop. Hidden when your system asks for reduced motion: use the step "
                "buttons.",
                seconds=w.number(PLAY_SECONDS),
            ),
        )
    if st.session_state.get(state.PLAYING):
        st.fragment(_play_step, run_every=PLAY_SECONDS)(frame, view.treaty.treaty_id)
    st.toggle(
        markdown_literal(w._("Compare with another date")),
        key=state.COMPARING,
        on_change=state.on_compare_toggle,
        args=(frame,),
    )
    if st.session_state.get(state.COMPARING):
        st.text_input(
            w._("Compare the map's date with (press Enter)"),
            key=state.COMPARE_TEXT,
            on_change=state.on_compare_text,
            args=(frame,),
            placeholder=w._("e.g. {day}", day=w.date(date(2025, 6, 1))),
            help=w._(
                "States whose status differs between the two dates are outlined on the map and "
                "listed under Changes."
            ),
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


def md_source(source: Source, w: Words, prefix: str = "") -> str:
    """A source as a caption: its title linked, its publisher and date, and what a reader must
    know when its address is only a home page or an archived copy; all literal text."""
    caveat = address_caveat(source, w)
    return markdown_source(source.title, source.url, source.publisher, source.published, prefix) + (
        "  \n" + markdown_literal(caveat) if caveat else ""
    )


def _english(citation: Citation, w: Words) -> str | None:
    """The excerpt's English, unless the reader reads the excerpt's own language."""
    return citation.translation if citation.source.language != w.lang else None


def md_quote(citation: Citation, w: Words) -> str:
    """A source's own words as a quotation, with their English when they are in another
    language than the reader's."""
    english = _english(citation, w)
    return (
        "> "
        + markdown_literal(citation.excerpt)
        + (
            "  \n> " + markdown_literal(w._("(In English: {text})", text=english))
            if english
            else ""
        )
    )


def md_also(citation: Citation, w: Words) -> str:
    """A further source, with its own words."""
    english = _english(citation, w)
    quoted = f"“{citation.excerpt}”"
    if english:
        quoted += " " + w._("(in English: {text})", text=english)
    return (
        md_source(citation.source, w, w._("Also stated by:") + " ")
        + "  \n"
        + markdown_literal(quoted)
    )


def established(group: Evidence) -> list[str]:
    """How the group's dates were established, for a researcher: each source's provenance."""
    return [f"{c.source.title}: {text}" for c in group.citations for text in c.provenance]


def md_objection(view: View, event: Event) -> str:
    """One objection in the list of reactions to a state's act: day, state, source."""
    w = view.words
    lead = lead_citation(view.record, event)
    return (
        f"**{markdown_literal(w.date(event.date))}**{markdown_literal(_doubt(event, w))} · "
        + markdown_literal(view.names[event.iso3])
        + " · "
        + markdown_link(lead.source.publisher, lead.source.url)
    )


def md_event_line(view: View, event: Event, focus: str | None) -> str:
    """An event's day and kind (and who acted, when another state), with its caveats."""
    w, names = view.words, view.names
    label = event_label(event.kind, view.treaty, w)
    if event.iso3 != focus:
        label = w._("{state}: {step}", state=names[event.iso3], step=label)
    if event.concerns and event.concerns != focus:
        label += " " + w._("(concerning {state})", state=names.get(event.concerns, event.concerns))
    later = " " + w._("(still to come)") if event.date > view.day else ""
    return f"**{markdown_literal(w.date(event.date))}** · " + markdown_literal(
        label + _doubt(event, w) + later
    )


def _evidence_cards(
    view: View, events: list[Event], focus: str | None, quoted: Event | None
) -> None:
    """Each excerpt once, with every event it states, its source, notes and further sources."""
    w = view.words
    for group in evidence(view.record, events):
        with st.container(border=True):
            st.markdown("  \n".join(md_event_line(view, e, focus) for e in group.events))
            if quoted is not None and quoted in group.events:
                st.caption(markdown_literal(w._("Excerpt quoted above, with the status.")))
            else:
                st.markdown(md_quote(group.lead, w))
                st.caption(md_source(group.lead.source, w))
            for other in group.also:
                st.caption(md_also(other, w))
            for e in group.events:
                if e.note:
                    note = w.pgettext("note", e.note)
                    st.caption(
                        markdown_literal(w._("Note ({day}): {note}", day=w.date(e.date), note=note))
                    )
            how = established(group)
            if how:
                with st.expander(markdown_literal(w._("How this date was established"))):
                    for text in how:
                        st.caption(markdown_literal(text))


def _cell_words(cell: UnderTreaty, w: Words) -> str:
    """A state's status under one treaty (``before → after`` when it changed)."""
    text = status_label(cell.status.status, w)
    if cell.changed and cell.before is not None:
        text = f"{status_label(cell.before.status, w)} → {text}"
    return text


def country_panel(frame: Frame, view: View) -> None:
    """The state's status under each treaty, then the selected treaty's status with the source
    that set it, then every recorded event (each excerpt once)."""
    w, country = view.words, view.country
    note = st.session_state.get(state.COUNTRY_NOTE)
    if note:
        st.info(markdown_literal(state.say(note, w)))
    if not country:
        if not note:
            st.info(
                markdown_literal(
                    w._("Click a state on the map, or find it in the list under the map.")
                )
            )
        return
    names = view.names
    st.header(markdown_literal(f"{names[country]} ({country})"), anchor=HISTORY_ANCHOR)
    earlier, later = view.compare if view.compare else (None, view.day)
    cells = across_treaties(view.atlas, country, later, earlier)
    for column, cell in zip(st.columns(len(cells)), cells, strict=True):
        words = status_label(cell.status.status, w)
        if cell.status.since:
            words = w._("{status} since {day}", status=words, day=w.date(cell.status.since))
        if cell.changed and cell.before is not None:
            words = f"{status_label(cell.before.status, w)} → {words}"
        column.markdown(
            f"**{markdown_literal(treaty_name(cell.treaty, w))}**  \n{markdown_literal(words)}"
        )
    rules = restricted_after_leaving(view.atlas, country, later, w)
    if rules:
        st.markdown(f"**{markdown_literal(rules)}.**")
    status = view.by_state[country]
    events = view.events(country)
    own = [e for e in events if e.iso3 == country]
    legal = view.atlas.dates[view.treaty.treaty_id][country]
    words = status_label(status.status, w)
    if status.since:
        words = w._("{status} since {day}", status=words, day=w.date(status.since))
    st.markdown(
        "**"
        + markdown_literal(
            w._("Under the {treaty}: {status}", treaty=view.treaty_name, status=words)
        )
        + "** "
        + markdown_literal(w._("on {day}", day=w.date(view.day)))
    )
    st.caption(markdown_literal(what_it_does(view.treaty, w)))
    st.markdown(markdown_literal(explain(legal, status, view.treaty, own, w)))
    deciding = deciding_event(status.status, [e for e in own if e.date <= view.day])
    if deciding is not None:
        lead = lead_citation(view.record, deciding)
        st.markdown(md_quote(lead, w))
        st.caption(md_source(lead.source, w, w._("Source:") + " "))
    noted = political_note(status, view.treaty, w)
    if noted:
        label = w._("Political note:")
        st.markdown(f"**{markdown_literal(label)}** {markdown_literal(noted)}")
    objections = [e for e in events if e.kind is EventKind.OBJECTION and e.concerns == country]
    if objections:
        st.subheader(
            markdown_literal(
                w.ngettext(
                    "Objections from {n} state", "Objections from {n} states", len(objections)
                )
            )
        )
        st.markdown("  \n".join(md_objection(view, e) for e in objections))
    st.subheader(markdown_literal(w._("Every recorded event")))
    if not events:
        st.caption(
            markdown_literal(
                w._(
                    "No recorded events: it has neither signed nor joined the {treaty}.",
                    treaty=view.treaty_name,
                )
            )
        )
        return
    _evidence_cards(view, events, country, deciding)


# --- the source feed ---------------------------------------------------------------------------


def source_feed(frame: Frame, view: View) -> None:
    """The excerpts for the treaty's events in a window of time (by default the two years up to
    the map's day, following it), filtered by kind and state; events after the map's day are
    marked as still to come."""
    w, names = view.words, view.names
    first, last = frame.days(view.treaty.treaty_id)
    if not st.session_state.get(state.FEED_SET):
        st.session_state[state.FEED_WINDOW] = (max(first, view.day - timedelta(days=730)), view.day)
    start, end = st.session_state.get(state.FEED_WINDOW) or (first, view.day)
    st.session_state[state.FEED_WINDOW] = (max(first, min(start, last)), max(first, min(end, last)))
    window = st.slider(
        w._("Events between"),
        min_value=first,
        max_value=last,
        format=state.slider_format(w),
        key=state.FEED_WINDOW,
        on_change=state.on_feed_filter,
    )
    start, end = window if isinstance(window, tuple) else (window, window)
    st.caption(markdown_literal(f"{w.date(start)} – {w.date(end)}"))
    kinds = st.multiselect(
        w._("Kinds of event"),
        options=list(EventKind),
        format_func=lambda k: event_label(k, view.treaty, w),
        key=state.FEED_KINDS,
        placeholder=w._("All kinds"),
        on_change=state.on_feed_filter,
    )
    states = st.multiselect(
        w._("States"),
        options=sorted((s.iso3 for s in view.record.states), key=lambda c: w.sort_key(names[c])),
        format_func=lambda c: names[c],
        key=state.FEED_STATES,
        placeholder=w._("All states"),
        on_change=state.on_feed_filter,
    )
    chosen = [
        e
        for e in view.record.events_of(view.treaty.treaty_id, start=start, end=end)
        if (not kinds or e.kind in kinds)
        and (not states or e.iso3 in states or e.concerns in states)
    ]
    chosen.reverse()
    after = sum(1 for e in chosen if e.date > view.day)
    parts = [
        w.ngettext(
            "{n} event of the {treaty}, newest first",
            "{n} events of the {treaty}, newest first",
            len(chosen),
            treaty=view.treaty_name,
        )
    ]
    if after:
        parts.append(
            w.ngettext(
                "{n} after the map's date, marked still to come",
                "{n} after the map's date, marked still to come",
                after,
            )
        )
    if len(chosen) > FEED_LIMIT:
        parts.append(
            w._(
                "the newest {limit} are shown (narrow the window or filter for others)",
                limit=w.number(FEED_LIMIT),
            )
        )
    st.caption(markdown_literal("; ".join(parts)))
    _evidence_cards(view, chosen[:FEED_LIMIT][::-1], None, None)


# --- changes between two dates -----------------------------------------------------------------


def changelog(view: View) -> None:
    """What changed between the two dates, each change with its rule and excerpt."""
    if view.compare is None or view.changes is None:
        return
    w = view.words
    early, late = view.compare
    st.markdown(
        markdown_literal(
            w.ngettext(
                "{n} change under the {treaty} between {early} and {late}; the state is "
                "outlined on the map.",
                "{n} changes under the {treaty} between {early} and {late}; the states are "
                "outlined on the map.",
                len(view.changes),
                treaty=view.treaty_name,
                early=w.date(early),
                late=w.date(late),
            )
        )
    )
    for change in view.changes:
        with st.container(border=True):
            st.markdown(markdown_literal(change.sentence(w, view.names[change.iso3])))
            if change.evidence:
                lead = lead_citation(view.record, change.evidence)
                st.markdown(md_quote(lead, w))
                st.caption(md_source(lead.source, w))
    st.download_button(
        w._("Download the changes (CSV)"),
        changes_csv(list(view.changes), view.record, view.treaty, w, view.names),
        file_name=f"{view.treaty.treaty_id}-changes-{early.isoformat()}-{late.isoformat()}.csv",
        mime="text/csv",
    )


# --- the border states under each treaty -------------------------------------------------------


def border_states(view: View) -> None:
    """Russia, Belarus and their neighbours × every treaty, on the map's day (with the earlier
    day in compare mode): a plain table a screen reader reads cell by cell."""
    w = view.words
    earlier, later = view.compare if view.compare else (None, view.day)
    rows = border_table(view.atlas, later, earlier)
    if not rows:
        return
    treaties = [treaty_name(cell.treaty, w) for cell in rows[0][1]]
    st.header(markdown_literal(w._("Russia, Belarus and their neighbours under each treaty")))
    if earlier:
        when = w._(
            "Status on {early} → {late}; a changed status shows both.",
            early=w.date(earlier),
            late=w.date(later),
        )
    else:
        when = w._("Status on {day}; a changed status shows both.", day=w.date(later))
    st.caption(markdown_literal(when))
    body = [[view.names[iso3], *(_cell_words(c, w) for c in cells)] for iso3, cells in rows]
    st.markdown(markdown_table([w._("State"), *treaties], body))


# --- the status table and the charts -----------------------------------------------------------


def status_table(view: View) -> None:
    """Every state's status that day, in name order, with a CSV of the same rows."""
    # The label stays the same from day to day: an element that changes costs the browser a
    # re-render on every slider step (benchmarks/run.py), so the day is said once shown.
    w = view.words
    if not st.toggle(
        markdown_literal(w._("Show every state's status on the map's day, as a table")),
        key="show_table",
    ):
        return
    st.caption(markdown_literal(w._("Every state's status on {day}.", day=w.date(view.day))))
    rows = status_rows(
        view.record,
        view.treaty.treaty_id,
        view.statuses,
        view.atlas.frontline,
        w=w,
        names=view.names,
    )
    # The CSV's columns, in its order, under the page's headings (the treaty is the page's).
    shown = [c for c in STATUS_COLUMNS if c != "treaty_id"]
    headings = {c: w._(STATUS_HEADINGS[c]) for c in shown}
    table = pd.DataFrame(rows)[shown].rename(columns=headings)
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button(
        w._("Download the table (CSV)"),
        status_csv(rows),
        file_name=f"{view.treaty.treaty_id}-status-{view.day.isoformat()}.csv",
        mime="text/csv",
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _chart_tables(
    directory: str, treaty_id: str, until: date, lang: str, _view: View
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The charts' tables change only with the data, the treaty, the last day and the
    language."""
    atlas, w = _view.atlas, _view.words
    treaty, dates = atlas.treaty(treaty_id), atlas.dates[treaty_id]
    parties = parties_over_time(treaty, dates, until=until)
    lanes = frontline_timeline(treaty, dates, list(atlas.frontline), _view.names, until, w)
    return parties, lanes


def charts(frame: Frame, view: View, directory: str) -> None:
    """States Parties over time, and the border states' lanes; both follow the chosen date."""
    w = view.words
    if not st.toggle(markdown_literal(w._("Show the charts over time")), key="show_charts"):
        return
    treaty_id = view.treaty.treaty_id
    _, last = frame.days(treaty_id)
    parties, lanes = _chart_tables(directory, treaty_id, last, w.lang, view)
    moments = frame.atlas.moments[treaty_id]
    left, right = st.columns(2, gap="medium")
    with left:
        st.altair_chart(
            parties_chart(parties, view.day, moments, treaty=view.treaty, names=view.names, w=w),
            theme=None,
            width="stretch",
        )
    with right:
        st.altair_chart(
            frontline_chart(lanes, view.day, treaty_name=view.treaty_name, w=w),
            theme=None,
            width="stretch",
        )
