"""The view in the URL: ``?treaty=ccm&date=YYYY-MM-DD&country=ISO3&focus=border&…``.

No Streamlit here. Reading never raises: whatever arrives in the query string, the result is a
sane view plus short notices naming what was ignored or changed. Writing always keeps the date,
so a shared link does not drift as time passes, and leaves out what is at its default, so every
link shared before a parameter existed still opens the view it showed (no ``treaty`` means the
first treaty of ``treaties.csv``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

from treatymap.vocab import EventKind


class Focus(StrEnum):
    """Where the map looks: the states bordering Russia and Belarus, Europe, or the world."""

    BORDER = "border"
    EUROPE = "europe"
    WORLD = "world"


class Tab(StrEnum):
    """Which panel beside the map is open."""

    HISTORY = "history"
    FEED = "feed"
    CHANGES = "changes"


_E = TypeVar("_E", bound=StrEnum)

DEFAULT_FOCUS = Focus.BORDER
DEFAULT_TAB = Tab.HISTORY


def default_tab(comparing: bool) -> Tab:
    """The panel a view opens on: the changes when comparing, else the state's history."""
    return Tab.CHANGES if comparing else DEFAULT_TAB


KNOWN_KEYS = (
    "treaty",
    "date",
    "country",
    "focus",
    "compare",
    "tab",
    "feed",
    "kinds",
    "states",
    "controls",
)
#: Longest value echoed back in a notice; the rest is elided.
_ECHO = 40


@dataclass(frozen=True)
class FeedFilter:
    """The source feed's window (inclusive) and filters; empty filters keep everything."""

    start: date
    end: date
    kinds: tuple[EventKind, ...] = ()
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewState:
    """What the page shows; every field already valid."""

    date: dt.date  # from here on in this class, `date` names this field, not the type
    country: str | None = None
    focus: Focus = DEFAULT_FOCUS
    #: Compare mode: (earlier day, later day); the map shows ``date``, one of the two.
    compare: tuple[dt.date, dt.date] | None = None
    treaty: str = ""  # empty: the default treaty
    tab: Tab = DEFAULT_TAB
    #: The source feed's own window and filters, when the reader set them.
    feed: FeedFilter | None = None
    #: An embedded view that shows a date control (``controls=date``).
    date_control: bool = False


@dataclass(frozen=True)
class Known:
    """What a URL is read against: today, each treaty's range of days, the states."""

    today: date
    #: treaty id -> (first day, last day) the slider allows; the first entry is the default.
    treaties: Mapping[str, tuple[date, date]]
    countries: Mapping[str, str]
    #: Codes drawn on the map that are not participants, with the words for a notice.
    territories: Mapping[str, str] = field(default_factory=dict)

    @property
    def default_treaty(self) -> str:
        return next(iter(self.treaties))


@dataclass(frozen=True)
class ParsedView:
    """A view read from a URL, and the notices to show about what was not taken as given."""

    view: ViewState
    notices: tuple[str, ...] = field(default_factory=tuple)


def _echo(value: str) -> str:
    """A value quoted for a notice: printable, and short."""
    printable = "".join(ch if ch.isprintable() else "\ufffd" for ch in value)
    if len(printable) > _ECHO:
        printable = printable[:_ECHO] + "…"
    return repr(printable)


class _Reader:
    """Reads one parameter at a time, collecting a notice for everything not taken as given."""

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self.params = params
        self.notices: list[str] = []

    def last(self, key: str) -> str | None:
        values = list(self.params.get(key) or [])
        if not values:
            return None
        if len(values) > 1:
            self.notices.append(f"'{key}' was given {len(values)} times; the last value was used.")
        return values[-1]


def parse_view(params: Mapping[str, Sequence[str]], known: Known) -> ParsedView:
    """Read the view from query parameters (key -> every value given for it).

    Falls back to the default treaty, ``today`` (clamped to the treaty's range), no country,
    the border focus and the state history panel. A date outside the range is moved to the
    nearest end; a lower-case code is read in upper case; a repeated key takes its last value.
    Each correction adds a notice.
    """
    read = _Reader(params)
    unknown = [k for k in params if k not in KNOWN_KEYS]
    if unknown:
        names = ", ".join(_echo(k) for k in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        read.notices.append(f"Ignored unknown parameter(s) {names}{more}.")

    treaty = known.default_treaty
    raw_treaty = read.last("treaty")
    if raw_treaty is not None:
        if raw_treaty.strip().lower() in known.treaties:
            treaty = raw_treaty.strip().lower()
        else:
            allowed = ", ".join(known.treaties)
            read.notices.append(
                f"Unknown treaty {_echo(raw_treaty)}; expected one of {allowed}. Showing {treaty}."
            )
    first_day, last_day = known.treaties[treaty]

    default_day = min(max(known.today, first_day), last_day)
    day = default_day
    raw_date = read.last("date")
    if raw_date is not None:
        parsed = _parse_date(raw_date)
        if parsed is None:
            read.notices.append(f"{_not_a_day(raw_date)}; showing {default_day.isoformat()}.")
        elif parsed < first_day or parsed > last_day:
            day = first_day if parsed < first_day else last_day
            read.notices.append(
                f"The date {parsed.isoformat()} is outside {first_day.isoformat()} to "
                f"{last_day.isoformat()}; showing {day.isoformat()}."
            )
        else:
            day = parsed

    country = _country(read, known)
    focus = _choice(read, "focus", Focus, DEFAULT_FOCUS)
    raw_tab = read.last("tab")

    compare = None
    raw_compare = read.last("compare")
    if raw_compare is not None and raw_compare != "":
        compare = _parse_range(raw_compare, first_day, last_day)
        if compare is None:
            read.notices.append(
                f"The comparison {_echo(raw_compare)} is not two days in range written "
                "YYYY-MM-DD..YYYY-MM-DD; compare mode is off."
            )
        elif day not in compare:
            if raw_date is not None:
                read.notices.append(
                    f"The map shows {compare[1].isoformat()}, the later day of the comparison."
                )
            day = compare[1]
    tab = default_tab(compare is not None)
    if raw_tab is not None:
        tab = _choice(_Reader({"tab": [raw_tab]}), "tab", Tab, tab)
        if raw_tab.strip().lower() not in Tab.__members__.values():
            read.notices.append(
                f"Unknown tab {_echo(raw_tab)}; expected one of {', '.join(t.value for t in Tab)}."
            )
    if tab is Tab.CHANGES and compare is None:
        read.notices.append("The changes tab needs a comparison; showing the state's history.")
        tab = DEFAULT_TAB
    feed = _feed(read, known, first_day, last_day)
    raw_controls = read.last("controls")
    if raw_controls not in (None, "", "date"):
        read.notices.append(f"Unknown controls {_echo(raw_controls)}; expected date.")
    view = ViewState(
        date=day,
        country=country,
        focus=focus,
        compare=compare,
        treaty="" if treaty == known.default_treaty else treaty,
        tab=tab,
        feed=feed,
        date_control=raw_controls == "date",
    )
    return ParsedView(view, tuple(read.notices))


def _country(read: _Reader, known: Known) -> str | None:
    raw = read.last("country")
    if raw is None or raw == "":
        return None
    code = raw.strip().upper()
    if code in known.countries:
        if code != raw:
            read.notices.append(f"Country {_echo(raw)} was read as {code}.")
        return code
    if code in known.territories:
        read.notices.append(
            f"{known.territories[code]} is not a participant in its own right, so it has no "
            "history of its own; no state is selected."
        )
    else:
        read.notices.append(f"Unknown country code {_echo(raw)}; no state is selected.")
    return None


def _choice(read: _Reader, key: str, kind: type[_E], default: _E) -> _E:
    raw = read.last(key)
    if raw is None:
        return default
    try:
        return kind(raw.strip().lower())
    except ValueError:
        allowed = ", ".join(v.value for v in kind)
        read.notices.append(
            f"Unknown {key} {_echo(raw)}; expected one of {allowed}. Showing {default.value}."
        )
        return default


def _feed(read: _Reader, known: Known, first_day: date, last_day: date) -> FeedFilter | None:
    """The feed's window (``feed=D1..D2``) and filters (``kinds=a,b``, ``states=EST,LVA``)."""
    raw_window, raw_kinds, raw_states = read.last("feed"), read.last("kinds"), read.last("states")
    if not (raw_window or raw_kinds or raw_states):
        return None
    window = _parse_range(raw_window, first_day, last_day) if raw_window else None
    if raw_window and window is None:
        read.notices.append(
            f"The feed window {_echo(raw_window)} is not two days in range written "
            "YYYY-MM-DD..YYYY-MM-DD; showing the feed's default window."
        )
    kinds: list[EventKind] = []
    for part in (raw_kinds or "").split(","):
        if part.strip() in EventKind.__members__.values():
            kinds.append(EventKind(part.strip()))
        elif part.strip():
            read.notices.append(f"Unknown kind of event {_echo(part)} in the feed; ignored.")
    states: list[str] = []
    for part in (raw_states or "").split(","):
        code = part.strip().upper()
        if code in known.countries:
            states.append(code)
        elif code:
            read.notices.append(f"Unknown state {_echo(part)} in the feed; ignored.")
    start, end = window if window else (first_day, last_day)
    if window is None and not kinds and not states:
        return None
    return FeedFilter(start, end, tuple(dict.fromkeys(kinds)), tuple(dict.fromkeys(states)))


def _parse_range(text: str, first_day: date, last_day: date) -> tuple[date, date] | None:
    """``YYYY-MM-DD..YYYY-MM-DD`` -> (earlier, later), both within the range; else None."""
    parts = text.strip().split("..")
    if len(parts) != 2:
        return None
    days = [_parse_date(p) for p in parts]
    valid = [d for d in days if d is not None and first_day <= d <= last_day]
    if len(valid) != 2:
        return None
    earlier, later = sorted(valid)
    return earlier, later


def _not_a_day(text: str) -> str:
    """Why ``text`` is not a day: a day the calendar lacks ("There is no 30 February 2025"),
    or not written YYYY-MM-DD.

    >>> _not_a_day("2025-02-30")
    "The date '2025-02-30' does not exist: February 2025 has no 30th day"
    """
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if found:
        year, month, day = (int(g) for g in found.groups())
        if 1 <= month <= 12:
            return (
                f"The date {_echo(text)} does not exist: {date(year, month, 1):%B %Y} has no "
                f"{_ordinal_day(day)} day"
            )
        return f"The date {_echo(text)} does not exist: there is no month {month:02d}"
    return f"The date {_echo(text)} is not a day written YYYY-MM-DD"


def _ordinal_day(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _parse_date(text: str) -> date | None:
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def view_params(view: ViewState) -> dict[str, str]:
    """Query parameters for a view: the date always, the rest only when not the default."""
    params: dict[str, str] = {}
    if view.treaty:
        params["treaty"] = view.treaty
    params["date"] = view.date.isoformat()
    if view.country:
        params["country"] = view.country
    if view.focus is not DEFAULT_FOCUS:
        params["focus"] = view.focus.value
    if view.compare:
        params["compare"] = f"{view.compare[0].isoformat()}..{view.compare[1].isoformat()}"
    if view.tab is not default_tab(view.compare is not None):
        params["tab"] = view.tab.value
    if view.feed:
        params["feed"] = f"{view.feed.start.isoformat()}..{view.feed.end.isoformat()}"
        if view.feed.kinds:
            params["kinds"] = ",".join(k.value for k in view.feed.kinds)
        if view.feed.states:
            params["states"] = ",".join(view.feed.states)
    if view.date_control:
        params["controls"] = "date"
    return params
