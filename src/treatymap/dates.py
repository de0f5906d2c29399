"""Calendar arithmetic the treaty articles use, and recognising a date written in prose."""

from __future__ import annotations

import calendar
import os
import re
from datetime import date


def today() -> date:
    """Today, or ``TREATYMAP_TODAY`` (YYYY-MM-DD) when set, so no test depends on the real date.

    An unreadable value is ignored rather than allowed to break the page or the CLI.
    """
    pinned = os.environ.get("TREATYMAP_TODAY")
    try:
        return date.fromisoformat(pinned) if pinned else date.today()
    except ValueError:
        return date.today()


def add_months(day: date, months: int) -> date:
    """The same day of the month, ``months`` later; clamped to the month's last day.

    This is how the Depositary counts "six months after" a receipt (Article 20.2): an instrument
    received on 27 June 2025 takes effect on 27 December 2025.

    >>> add_months(date(2025, 8, 31), 6)
    datetime.date(2026, 2, 28)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_day_of_month_after(day: date, months: int) -> date:
    """The first day of the ``months``-th month after the month of ``day`` (Article 17).

    >>> first_day_of_month_after(date(2000, 2, 29), 6)
    datetime.date(2000, 8, 1)
    """
    return add_months(day.replace(day=1), months)


_MONTHS: dict[int, tuple[str, ...]] = {
    1: (
        "tammikuuta",
        "stycznia",
        "january",
        "jan",
        "janvier",
        "januari",
        "enero",
        "januar",
        "jan.",
    ),
    2: (
        "helmikuuta",
        "lutego",
        "february",
        "feb",
        "février",
        "fevrier",
        "februari",
        "febrero",
        "februar",
        "feb.",
    ),
    3: ("maaliskuuta", "marca", "march", "mar", "mars", "maart", "marzo", "märz", "mar."),
    4: ("huhtikuuta", "kwietnia", "april", "apr", "avril", "abril", "apr."),
    5: ("toukokuuta", "maja", "may", "mai", "mei", "mayo"),
    6: ("kesäkuuta", "czerwca", "june", "jun", "juin", "juni", "junio", "jun."),
    7: ("heinäkuuta", "lipca", "july", "jul", "juillet", "juli", "julio", "jul."),
    8: ("elokuuta", "sierpnia", "august", "aug", "août", "aout", "augustus", "agosto", "aug."),
    9: (
        "syyskuuta",
        "września",
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "sep.",
        "sept.",
    ),
    10: ("lokakuuta", "października", "october", "oct", "octobre", "oktober", "octubre", "oct."),
    11: ("marraskuuta", "listopada", "november", "nov", "novembre", "noviembre", "nov."),
    12: (
        "joulukuuta",
        "grudnia",
        "december",
        "dec",
        "décembre",
        "decembre",
        "diciembre",
        "dezember",
        "dec.",
    ),
}


def mentions_date(text: str, day: date) -> bool:
    """Whether ``text`` states ``day`` in a form a reader would recognise.

    Accepts "8 September 1998", "September 8, 1998", "1er mars 1999", "08/09/1998" (day first),
    "08.09.1998", "1998-09-08" and month names in English, French, Dutch, Spanish,
    German, Polish and Finnish. Used to catch an excerpt that
    does not support the date it is cited for (a typo in either, or the wrong sentence quoted).

    >>> mentions_date("signed the Mine Ban Treaty on 8 September 1998 and", date(1998, 9, 8))
    True
    """
    folded = re.sub(r"[\s\u00a0\u202f]+", " ", text.lower())
    d, m, y = day.day, day.month, day.year
    names = "|".join(re.escape(n) for n in sorted(_MONTHS[m], key=len, reverse=True))
    dnum = rf"0?{d}(?:st|nd|rd|th|er|\.)?"
    patterns = [
        rf"(?<!\d){dnum} (?:de )?(?:{names})(?:,)? (?:de )?{y}(?!\d)",
        rf"(?:{names}) {dnum},? {y}(?!\d)",
        rf"(?<!\d)0?{d}[./-]0?{m}[./-]{y}(?!\d)",
        rf"(?<!\d){y}-{m:02d}-{d:02d}(?!\d)",
    ]
    return any(re.search(p, folded) for p in patterns)
