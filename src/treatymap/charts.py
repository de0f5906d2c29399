"""Pictures of time: States Parties over the years, and the border states' status as bands.

Tables are computed from :class:`treatymap.status.LegalDates` with
:func:`treatymap.status.status_on` (so a chart can never disagree with the map), only on the days
on which something can change; the charts are Altair (Vega-Lite) specs. No Streamlit here: the
page draws them with ``st.altair_chart``.

Colours, labels and the dashed outline of a pending withdrawal are the map's own
(:mod:`treatymap.style`, :data:`treatymap.vocab.STATUS_LABEL`), in :class:`treatymap.vocab.Status`
order. A bar cannot carry the map's patterns: each band's status is in its tooltip, and the
status table says it in words. Tooltip text comes from our own data only (state names, status
labels, dates, event labels), every word and date written in Python in the reader's language
(Vega-Lite's own date format knows only English months); Vega-Lite renders it as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from treatymap.explain import moment_words
from treatymap.figures import KeyMoment
from treatymap.i18n import Words
from treatymap.model import Treaty
from treatymap.status import LegalDates, status_on
from treatymap.style import (
    CHART_DOMAIN,
    CHART_GRID,
    CHART_LINE,
    CHART_RULE,
    STATUS_STYLES,
    TEXT_SOFT,
)
from treatymap.vocab import BOUND_STATUSES, STATUS_LABEL, Status

#: The colour of the States Parties line: the map's State Party fill.
PARTIES_COLOUR = CHART_LINE
#: The chosen date, drawn as a rule on both charts.
CHOSEN_DATE_COLOUR = CHART_RULE
FONT = "Helvetica, Arial, sans-serif"


def status_domain(w: Words) -> list[str]:
    """The status scale's domain, in Status order: the labels a reader sees."""
    return [w._(STATUS_LABEL[s]) for s in Status]


STATUS_RANGE: list[str] = [STATUS_STYLES[s].fill for s in Status]
#: Outline and dash of each status's band: the map's own where it is dashed (a pending
#: withdrawal), none otherwise.
STROKE_RANGE: list[str] = [
    STATUS_STYLES[s].line.colour if STATUS_STYLES[s].line.dash else STATUS_STYLES[s].fill
    for s in Status
]
DASH_RANGE: list[list[float]] = [list(STATUS_STYLES[s].line.dash or (1, 0)) for s in Status]


@dataclass(frozen=True)
class Band:
    """One state's status over the days ``start`` (inclusive) to ``end`` (exclusive)."""

    status: Status
    start: date
    end: date


def status_bands(legal: LegalDates, start: date, until: date) -> list[Band]:
    """One state's status as consecutive bands covering every day from ``start`` to ``until``.

    The status can only change on the state's own legal dates (signature, deposit, entry into
    force, withdrawal deposit and effect), so it is computed on those days only. ``end`` is the
    first day of the next band; the last band ends the day after ``until``.
    """
    days = {start}
    for day in (
        legal.signature,
        legal.consent_deposited,
        legal.entry_into_force,
        legal.withdrawal_deposited,
        legal.withdrawal_effective,
    ):
        if day is not None and start < day <= until:
            days.add(day)
    bands: list[Band] = []
    for day in sorted(days):
        status = status_on(legal, day).status
        if bands and bands[-1].status is status:
            continue
        if bands:
            bands[-1] = Band(bands[-1].status, bands[-1].start, day)
        bands.append(Band(status, day, day))
    last = bands[-1]
    bands[-1] = Band(last.status, last.start, until + timedelta(days=1))
    return bands


def parties_over_time(
    treaty: Treaty,
    dates: Mapping[str, LegalDates],
    *,
    until: date,
) -> pd.DataFrame:
    """The number of States Parties (bound that day) at every day on which it changes.

    One row per change point from the treaty's opening for signature to ``until``, plus a last
    row on ``until`` so that a step line (``interpolate="step-after"``) reaches it.
    Columns: ``day`` (datetime64), ``parties`` (int): the count from that day on.
    """
    start = treaty.opened_for_signature
    until = max(until, start)
    change: dict[date, int] = defaultdict(int)
    for legal in dates.values():
        was_bound = False
        for band in status_bands(legal, start, until):
            bound = band.status in BOUND_STATUSES
            if bound != was_bound:
                change[band.start] += 1 if bound else -1
            was_bound = bound
    rows: list[tuple[date, int]] = [(start, change.pop(start, 0))]
    for day in sorted(change):
        if change[day]:
            rows.append((day, rows[-1][1] + change[day]))
    if rows[-1][0] != until:
        rows.append((until, rows[-1][1]))
    frame = pd.DataFrame(rows, columns=["day", "parties"])
    frame["day"] = pd.to_datetime(frame["day"])
    frame["parties"] = frame["parties"].astype(int)
    return frame


def frontline_timeline(
    treaty: Treaty,
    dates: Mapping[str, LegalDates],
    frontline: Sequence[str],
    names: Mapping[str, str],
    until: date,
    w: Words,
) -> pd.DataFrame:
    """Status bands of the border states, one lane a state, lanes in alphabetical order of name
    (``names`` and the words in the reader's language).

    Columns: ``iso3``, ``name``, ``status`` (the :class:`Status` value), ``label`` (its legend
    label), ``start`` and ``end`` (datetime64; ``end`` exclusive, the last band of a lane ends the
    day after ``until``), ``ongoing`` (the band still runs on ``until``), and ``from`` and ``to``
    (the band's first and last day in words, ``to`` "still in effect" for an ongoing band).
    """
    start = treaty.opened_for_signature
    until = max(until, start)
    rows = []
    for iso3 in sorted(set(frontline), key=lambda code: (w.sort_key(names.get(code, code)), code)):
        bands = status_bands(dates[iso3], start, until)
        for i, band in enumerate(bands):
            rows.append(
                {
                    "iso3": iso3,
                    "name": names.get(iso3, iso3),
                    "status": band.status.value,
                    "label": w._(STATUS_LABEL[band.status]),
                    "start": band.start,
                    "end": band.end,
                    "ongoing": i == len(bands) - 1,
                    "from": w.date(band.start),
                    "to": w._("still in effect")
                    if i == len(bands) - 1
                    else w.date(band.end - timedelta(days=1)),
                }
            )
    columns = ["iso3", "name", "status", "label", "start", "end", "ongoing", "from", "to"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _count_on(series: pd.Series, day: pd.Timestamp) -> int:
    """The step line's value on ``day`` (0 before its first point)."""
    before = series[series.index <= day]
    return int(before.iloc[-1]) if len(before) else 0


def _day_frame(day: date, text: str) -> pd.DataFrame:
    return pd.DataFrame({"day": pd.to_datetime([day]), "text": [text]})


def _style(chart: alt.LayerChart) -> alt.LayerChart:
    """Newsroom style: no frame, light gridlines, readable labels."""
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=12,
            titleFontSize=12,
            titleFontWeight="normal",
            titleColor=TEXT_SOFT,
            labelColor=TEXT_SOFT,
            gridColor=CHART_GRID,
            domainColor=CHART_DOMAIN,
            tickColor=CHART_DOMAIN,
        )
        .configure_legend(labelFontSize=12, titleFontSize=12, titleFontWeight="normal")
        .configure_title(
            fontSize=16, subtitleFontSize=12, subtitleColor=TEXT_SOFT, anchor="start", offset=12
        )
    )


def parties_chart(
    frame: pd.DataFrame,
    day: date,
    moments: Iterable[KeyMoment],
    *,
    treaty: Treaty,
    names: Mapping[str, str],
    w: Words,
    width: int | str = "container",
    height: int = 260,
) -> alt.LayerChart:
    """A step line of States Parties over time, key moments as points, the chosen day as a rule.

    ``frame`` is :func:`parties_over_time`'s; ``moments`` (from
    :func:`treatymap.figures.key_moments`) outside the frame's years are left out.
    """
    first, last = frame["day"].min(), frame["day"].max()
    series = frame.set_index("day")["parties"]
    on_day = _count_on(series, pd.Timestamp(day))
    treaty_name = w.pgettext("treaty", treaty.short_name)
    moments_frame = pd.DataFrame(
        [
            (pd.Timestamp(m.day), moment_words(m, treaty, names, w))
            for m in moments
            if first <= pd.Timestamp(m.day) <= last
        ],
        columns=["day", "label"],
    )
    moments_frame["parties"] = [_count_on(series, d) for d in moments_frame["day"]]
    moments_frame["when"] = [w.date(d.date()) for d in moments_frame["day"]]
    frame = frame.assign(when=[w.date(d.date()) for d in frame["day"]])
    parties = w._("States Parties")
    x = alt.X(
        "day:T",
        title=None,
        scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]),
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 2}, grid=False),
    )
    line = (
        alt.Chart(frame)
        .mark_line(interpolate="step-after", color=PARTIES_COLOUR, strokeWidth=2.2)
        .encode(
            x=x,
            y=alt.Y(
                "parties:Q",
                title=parties,
                scale=alt.Scale(domainMin=0, nice=True),
                axis=alt.Axis(tickCount=5, domain=False, ticks=False, offset=8),
            ),
            tooltip=[
                alt.Tooltip("when:N", title=w._("From")),
                alt.Tooltip("parties:Q", title=parties),
            ],
        )
    )
    points = (
        alt.Chart(moments_frame)
        .mark_point(
            filled=True,
            size=45,
            opacity=1,
            fill="white",
            stroke=CHOSEN_DATE_COLOUR,
            strokeWidth=1.5,
        )
        .encode(
            x="day:T",
            y="parties:Q",
            tooltip=[
                alt.Tooltip("when:N", title=w._("Date")),
                alt.Tooltip("label:N", title=w._("Event")),
                alt.Tooltip("parties:Q", title=w._("States Parties that day")),
            ],
        )
    )
    chosen = _day_frame(day, f"{w.date(day)}: {w.number(on_day)}")
    rule = (
        alt.Chart(chosen)
        .mark_rule(color=CHOSEN_DATE_COLOUR, strokeWidth=1.5)
        .encode(x="day:T", tooltip=[alt.Tooltip("text:N", title=w._("Chosen date"))])
    )
    # The label sits beside the rule, on the side with room for it.
    early = pd.Timestamp(day) < first + (last - first) * 0.3
    label = (
        alt.Chart(chosen)
        .mark_text(
            align="left" if early else "right",
            baseline="top",
            dx=5 if early else -5,
            dy=4,
            fontSize=12,
            color=CHOSEN_DATE_COLOUR,
        )
        .encode(x="day:T", y=alt.value(0), text="text:N")
    )
    description = w.ngettext(
        "Step line of the number of States Parties to the {treaty} from {first} to {last}: "
        "{count} on {day}; {n} key moment marked.",
        "Step line of the number of States Parties to the {treaty} from {first} to {last}: "
        "{count} on {day}; {n} key moments marked.",
        len(moments_frame),
        treaty=treaty_name,
        first=w.date(first.date()),
        last=w.date(last.date()),
        count=w.number(on_day),
        day=w.date(day),
    )
    # alt.LayerChart rather than alt.layer, which is typed LayerChart | FacetChart: it builds
    # the same LayerChart unless every layer has a facet channel, and none has one here.
    chart = alt.LayerChart(layer=[line, points, rule, label]).properties(
        title=alt.TitleParams(
            w._("States Parties over time"),
            subtitle=w._(
                "States bound by the {treaty}; {count} on {day}",
                treaty=treaty_name,
                count=w.number(on_day),
                day=w.date(day),
            ),
        ),
        description=description,
        width=width,
        height=height,
    )
    return _style(chart)


def frontline_chart(
    frame: pd.DataFrame,
    day: date,
    *,
    treaty_name: str,
    w: Words,
    width: int | str = "container",
    lane: int = 24,
) -> alt.LayerChart:
    """Status bands of the border states (one lane a state) with the chosen day as a rule.

    ``frame`` is :func:`frontline_timeline`'s. Colours and legend are the map's; a pending
    withdrawal has the map's dashed outline (Vega-Lite cannot hatch a bar).
    """
    lanes = list(dict.fromkeys(frame["name"]))
    first, last = frame["start"].min(), frame["end"].max()
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="horizontal",
        columns=2,
        symbolType="square",
        symbolSize=160,
        labelLimit=0,
        columnPadding=18,
    )
    domain = status_domain(w)
    bars = (
        alt.Chart(frame)
        .mark_bar(strokeWidth=1.6)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                scale=alt.Scale(domain=[first.isoformat(), last.isoformat()]),
                axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 2}),
            ),
            x2="end:T",
            y=alt.Y(
                "name:N",
                title=None,
                sort=lanes,
                axis=alt.Axis(ticks=False, domain=False, labelLimit=0, labelPadding=6),
            ),
            color=alt.Color(
                "label:N", scale=alt.Scale(domain=domain, range=STATUS_RANGE), legend=legend
            ),
            # Same field, domain and legend as the colour, so Vega-Lite merges the legends and
            # the pending swatch carries the dashed outline too.
            stroke=alt.Stroke(
                "label:N", scale=alt.Scale(domain=domain, range=STROKE_RANGE), legend=legend
            ),
            strokeDash=alt.StrokeDash(
                "label:N", scale=alt.Scale(domain=domain, range=DASH_RANGE), legend=legend
            ),
            tooltip=[
                alt.Tooltip("name:N", title=w._("State")),
                alt.Tooltip("label:N", title=w._("Status")),
                alt.Tooltip("from:N", title=w._("From")),
                alt.Tooltip("to:N", title=w._("Until")),
            ],
        )
    )
    chosen = _day_frame(day, w.date(day))
    rule = (
        alt.Chart(chosen)
        .mark_rule(color=CHOSEN_DATE_COLOUR, strokeWidth=2)
        .encode(x="day:T", tooltip=[alt.Tooltip("text:N", title=w._("Chosen date"))])
    )
    description = w.ngettext(
        "Timeline of the legal status of {n} state bordering Russia or Belarus, one lane a "
        "state, from {first}; the rule marks {day}.",
        "Timeline of the legal status of {n} states bordering Russia or Belarus, one lane a "
        "state, from {first}; the rule marks {day}.",
        len(lanes),
        first=w.date(first.date()),
        day=w.date(day),
    )
    chart = alt.LayerChart(layer=[bars, rule]).properties(
        title=alt.TitleParams(
            w._("The border states over time"),
            subtitle=w._(
                "Status under the {treaty}; the line marks {day}",
                treaty=treaty_name,
                day=w.date(day),
            ),
        ),
        description=description,
        width=width,
        height=alt.Step(lane),
    )
    return _style(chart)
