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

from treatymap.i18n import DEFAULT_LANGUAGE, N_, Words, languages, words_for
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
    "lang",
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
    #: The interface language (``lang=pl``); empty: the reader's browser's, English otherwise. A
    #: link names any language but English (the default), so a shared link keeps its language.
    lang: str = ""


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


class Notice(str):
    """What a link asked for and did not get, in words: the English text (a ``str``), with the
    catalogue message and its values, to be said in the reader's language (:meth:`words`)."""

    message: str
    values: dict[str, object]

    def __new__(cls, message: str, **values: object) -> Notice:
        notice = super().__new__(cls, _say(message, values, words_for()))
        notice.message, notice.values = message, values
        return notice

    def words(self, w: Words) -> str:
        """The notice in the reader's language."""
        return _say(self.message, self.values, w)


def _say(message: str, values: Mapping[str, object], w: Words) -> str:
    """``message`` in ``w``'s language, a month written as the language writes it."""
    said: dict[str, object] = {}
    for key, value in values.items():
        if isinstance(value, date):
            said[key] = w.month(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            said[key] = w.ordinal(value) if key == "nth" else w.number(value)
        else:
            said[key] = value
    return w._(message, **said)


@dataclass(frozen=True)
class ParsedView:
    """A view read from a URL, and the notices to show about what was not taken as given."""

    view: ViewState
    notices: tuple[Notice, ...] = field(default_factory=tuple)


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
        self.notices: list[Notice] = []

    def last(self, key: str) -> str | None:
        values = list(self.params.get(key) or [])
        if not values:
            return None
        if len(values) > 1:
            self.notices.append(
                Notice(
                    N_("'{key}' was given {n} times; the last value was used."),
                    key=key,
                    n=len(values),
                )
            )
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
        if len(unknown) > 5:
            read.notices.append(
                Notice(
                    N_("Ignored unknown parameter(s) {names} and {n} more."),
                    names=names,
                    n=len(unknown) - 5,
                )
            )
        else:
            read.notices.append(Notice(N_("Ignored unknown parameter(s) {names}."), names=names))

    treaty = known.default_treaty
    raw_treaty = read.last("treaty")
    if raw_treaty is not None:
        if raw_treaty.strip().lower() in known.treaties:
            treaty = raw_treaty.strip().lower()
        else:
            allowed = ", ".join(known.treaties)
            read.notices.append(
                Notice(
                    N_("Unknown treaty {value}; expected one of {allowed}. Showing {shown}."),
                    value=_echo(raw_treaty),
                    allowed=allowed,
                    shown=treaty,
                )
            )
    first_day, last_day = known.treaties[treaty]

    default_day = min(max(known.today, first_day), last_day)
    day = default_day
    raw_date = read.last("date")
    if raw_date is not None:
        parsed = _parse_date(raw_date)
        if parsed is None:
            read.notices.append(_not_a_day(raw_date, default_day))
        elif parsed < first_day or parsed > last_day:
            day = first_day if parsed < first_day else last_day
            read.notices.append(
                Notice(
                    N_("The date {day} is outside {first} to {last}; showing {shown}."),
                    day=parsed.isoformat(),
                    first=first_day.isoformat(),
                    last=last_day.isoformat(),
                    shown=day.isoformat(),
                )
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
                Notice(
                    N_(
                        "The comparison {value} is not two days in range written "
                        "YYYY-MM-DD..YYYY-MM-DD; compare mode is off."
                    ),
                    value=_echo(raw_compare),
                )
            )
        elif day not in compare:
            if raw_date is not None:
                read.notices.append(
                    Notice(
                        N_("The map shows {day}, the later day of the comparison."),
                        day=compare[1].isoformat(),
                    )
                )
            day = compare[1]
    tab = default_tab(compare is not None)
    if raw_tab is not None:
        tab = _choice(_Reader({"tab": [raw_tab]}), "tab", Tab, tab)
        if raw_tab.strip().lower() not in Tab.__members__.values():
            read.notices.append(
                Notice(
                    N_("Unknown tab {value}; expected one of {allowed}."),
                    value=_echo(raw_tab),
                    allowed=", ".join(t.value for t in Tab),
                )
            )
    if tab is Tab.CHANGES and compare is None:
        read.notices.append(
            Notice(N_("The changes tab needs a comparison; showing the state's history."))
        )
        tab = DEFAULT_TAB
    feed = _feed(read, known, first_day, last_day)
    raw_controls = read.last("controls")
    if raw_controls not in (None, "", "date"):
        read.notices.append(
            Notice(N_("Unknown controls {value}; expected date."), value=_echo(raw_controls))
        )
    lang = ""
    raw_lang = read.last("lang")
    if raw_lang:
        if raw_lang.strip().lower() in languages():
            lang = raw_lang.strip().lower()
        else:
            read.notices.append(
                Notice(
                    N_("Unknown language {value}; expected one of {allowed}."),
                    value=_echo(raw_lang),
                    allowed=", ".join(languages()),
                )
            )
    view = ViewState(
        date=day,
        country=country,
        focus=focus,
        compare=compare,
        treaty="" if treaty == known.default_treaty else treaty,
        tab=tab,
        feed=feed,
        date_control=raw_controls == "date",
        lang=lang,
    )
    return ParsedView(view, tuple(read.notices))


def _country(read: _Reader, known: Known) -> str | None:
    raw = read.last("country")
    if raw is None or raw == "":
        return None
    code = raw.strip().upper()
    if code in known.countries:
        if code != raw:
            read.notices.append(
                Notice(N_("Country {value} was read as {code}."), value=_echo(raw), code=code)
            )
        return code
    if code in known.territories:
        read.notices.append(
            Notice(
                N_(
                    "{territory} is not a participant in its own right, so it has no history of "
                    "its own; no state is selected."
                ),
                territory=known.territories[code],
            )
        )
    else:
        read.notices.append(
            Notice(N_("Unknown country code {value}; no state is selected."), value=_echo(raw))
        )
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
            Notice(
                N_("Unknown {key} {value}; expected one of {allowed}. Showing {shown}."),
                key=key,
                value=_echo(raw),
                allowed=allowed,
                shown=default.value,
            )
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
            Notice(
                N_(
                    "The feed window {value} is not two days in range written "
                    "YYYY-MM-DD..YYYY-MM-DD; showing the feed's default window."
                ),
                value=_echo(raw_window),
            )
        )
    kinds: list[EventKind] = []
    for part in (raw_kinds or "").split(","):
        if part.strip() in EventKind.__members__.values():
            kinds.append(EventKind(part.strip()))
        elif part.strip():
            read.notices.append(
                Notice(N_("Unknown kind of event {value} in the feed; ignored."), value=_echo(part))
            )
    states: list[str] = []
    for part in (raw_states or "").split(","):
        code = part.strip().upper()
        if code in known.countries:
            states.append(code)
        elif code:
            read.notices.append(
                Notice(N_("Unknown state {value} in the feed; ignored."), value=_echo(part))
            )
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


def _not_a_day(text: str, shown: date) -> Notice:
    """Why ``text`` is not a day: a day the calendar lacks, or not written YYYY-MM-DD; and the
    day shown instead.

    >>> str(_not_a_day("2025-02-30", date(2025, 12, 27)))
    "The date '2025-02-30' does not exist: February 2025 has no 30th day; showing 2025-12-27."
    """
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    values: dict[str, object] = {"value": _echo(text), "shown": shown.isoformat()}
    if found:
        year, month, day = (int(g) for g in found.groups())
        if 1 <= month <= 12:
            return Notice(
                N_("The date {value} does not exist: {month} has no {nth} day; showing {shown}."),
                month=date(year, month, 1),
                nth=day,
                **values,
            )
        return Notice(
            N_("The date {value} does not exist: there is no month {number}; showing {shown}."),
            number=f"{month:02d}",
            **values,
        )
    return Notice(
        N_("The date {value} is not a day written YYYY-MM-DD; showing {shown}."), **values
    )


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
    if view.lang and view.lang != DEFAULT_LANGUAGE:  # English is the default: no link changes
        params["lang"] = view.lang
    return params
