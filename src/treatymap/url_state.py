"""The view in the URL: ``?date=YYYY-MM-DD&country=ISO3&focus=border``. No Streamlit here.

Reading never raises: whatever arrives in the query string, the result is a sane view plus short
notices naming what was ignored or changed. Writing always keeps the date, so a shared link does
not drift as time passes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Focus(StrEnum):
    """Where the map looks: the states bordering Russia and Belarus, Europe, or the world."""

    BORDER = "border"
    EUROPE = "europe"
    WORLD = "world"


DEFAULT_FOCUS = Focus.BORDER
KNOWN_KEYS = ("date", "country", "focus", "compare")
#: Longest value echoed back in a notice; the rest is elided.
_ECHO = 40


@dataclass(frozen=True)
class ViewState:
    """What the page shows; every field already valid."""

    date: date
    country: str | None = None
    focus: Focus = DEFAULT_FOCUS
    #: Compare mode: (earlier day, later day); the map shows the later one, so ``date`` equals it.
    compare: tuple[date, date] | None = None


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


def parse_view(
    params: Mapping[str, Sequence[str]],
    *,
    today: date,
    first_day: date,
    last_day: date,
    countries: Mapping[str, str],
) -> ParsedView:
    """Read the view from query parameters (key -> every value given for it).

    Falls back to ``today`` (clamped to ``first_day``..``last_day``), no country and the border
    focus. A date outside the range is moved to the nearest end; a lower-case country code is
    read in upper case; a repeated key takes its last value. Each correction adds a notice.
    """
    notices: list[str] = []

    def last(key: str) -> str | None:
        values = list(params.get(key) or [])
        if not values:
            return None
        if len(values) > 1:
            notices.append(f"'{key}' was given {len(values)} times; the last value was used.")
        return values[-1]

    unknown = [k for k in params if k not in KNOWN_KEYS]
    if unknown:
        names = ", ".join(_echo(k) for k in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        notices.append(f"Ignored unknown parameter(s) {names}{more}.")

    default_day = min(max(today, first_day), last_day)
    day = default_day
    raw_date = last("date")
    if raw_date is not None:
        parsed = _parse_date(raw_date)
        if parsed is None:
            notices.append(
                f"The date {_echo(raw_date)} is not a day written YYYY-MM-DD; showing "
                f"{default_day.isoformat()}."
            )
        elif parsed < first_day or parsed > last_day:
            day = first_day if parsed < first_day else last_day
            notices.append(
                f"The date {parsed.isoformat()} is outside {first_day.isoformat()} to "
                f"{last_day.isoformat()}; showing {day.isoformat()}."
            )
        else:
            day = parsed

    country = None
    raw_country = last("country")
    if raw_country is not None and raw_country != "":
        code = raw_country.strip().upper()
        if code in countries:
            country = code
            if code != raw_country:
                notices.append(f"Country {_echo(raw_country)} was read as {code}.")
        else:
            notices.append(f"Unknown country code {_echo(raw_country)}; no country is selected.")

    focus = DEFAULT_FOCUS
    raw_focus = last("focus")
    if raw_focus is not None:
        try:
            focus = Focus(raw_focus.strip().lower())
        except ValueError:
            allowed = ", ".join(f.value for f in Focus)
            notices.append(
                f"Unknown focus {_echo(raw_focus)}; expected one of {allowed}. Showing "
                f"{DEFAULT_FOCUS.value}."
            )
    compare = None
    raw_compare = last("compare")
    if raw_compare is not None and raw_compare != "":
        compare = _parse_range(raw_compare, first_day, last_day)
        if compare is None:
            notices.append(
                f"The comparison {_echo(raw_compare)} is not two days in range written "
                "YYYY-MM-DD..YYYY-MM-DD; compare mode is off."
            )
        else:
            if raw_date is not None and day != compare[1]:
                notices.append(
                    f"The map shows {compare[1].isoformat()}, the later day of the comparison."
                )
            day = compare[1]
    return ParsedView(ViewState(day, country, focus, compare), tuple(notices))


def _parse_range(text: str, first_day: date, last_day: date) -> tuple[date, date] | None:
    """``YYYY-MM-DD..YYYY-MM-DD`` -> (earlier, later), both within the range; else None."""
    parts = text.strip().split("..")
    if len(parts) != 2:
        return None
    days = [_parse_date(p) for p in parts]
    if any(d is None or d < first_day or d > last_day for d in days):
        return None
    earlier, later = sorted(days)  # type: ignore[type-var]
    return earlier, later


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
    params = {"date": view.date.isoformat()}
    if view.country:
        params["country"] = view.country
    if view.focus is not DEFAULT_FOCUS:
        params["focus"] = view.focus.value
    if view.compare:
        params["compare"] = f"{view.compare[0].isoformat()}..{view.compare[1].isoformat()}"
    return params
