"""Calendar arithmetic the treaty articles use, and recognising a date written in prose."""

from __future__ import annotations

import calendar
import functools
import os
import re
import unicodedata
from datetime import date, timedelta

from babel import Locale


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


#: Languages whose month names an excerpt may use: those of the sources, and their neighbours.
#: The names come from Babel's copy of the Unicode CLDR (both grammatical contexts, wide and
#: abbreviated), never from hand-written lists.
MONTH_LOCALES: tuple[str, ...] = (
    "en", "en_GB", "fr", "nl", "es", "de", "pl", "fi", "et", "lv", "lt", "uk", "ru", "be", "sv",
    "nb", "nn", "da", "is", "pt", "it", "ca", "ro", "cs", "sk", "hu", "hr", "sl", "sr_Latn", "bg",
    "el", "tr", "ka", "hy", "az", "kk", "ga", "mk", "sr",
)  # fmt: skip

#: An inflected month name (Latvian "jūnijā", Estonian "juunil") is read by its stem: the wide
#: name less its last letter, followed by at most this many more letters.
_MAX_ENDING = 3


def _fold(text: str) -> str:
    """Lower case, without accents: "Février" and "fevrier" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _month_names() -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """(name -> months, stem -> months) over :data:`MONTH_LOCALES`, built once on first use."""
    exact: dict[str, set[int]] = {}
    stems: dict[str, set[int]] = {}
    for code in MONTH_LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in months[context][width].items():
                    form = _fold(name).rstrip(".")
                    if len(form) >= 3:
                        exact.setdefault(form, set()).add(month)
                    if width == "wide" and len(form) >= 5:
                        stems.setdefault(form[:-1], set()).add(month)
    return (
        {k: frozenset(v) for k, v in exact.items()},
        {k: frozenset(v) for k, v in stems.items()},
    )


def month_of(word: str) -> frozenset[int]:
    """The months a word can name, in any of :data:`MONTH_LOCALES` (empty if none).

    An exact name wins; otherwise the longest stem the word starts with, so an inflected form
    reads as its month.

    >>> sorted(month_of("jūnijā")), sorted(month_of("Sept.")), sorted(month_of("lipca"))
    ([6], [9], [7])
    >>> sorted(month_of("července")), sorted(month_of("června")), sorted(month_of("treaty"))
    ([7], [6], [])
    """
    exact, stems = _month_names()
    form = _fold(word).rstrip(".")
    if form in exact:
        return exact[form]
    for size in range(len(form), 3, -1):
        stem = form[:size]
        if stem in stems and len(form) - size <= _MAX_ENDING:
            return stems[stem]
    return frozenset()


_WORD = r"(?P<m>[^\W\d_]+\.?)"
_DAY = r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|er|\.|°|º)?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
#: Words some languages write between a year and its month ("2024 m. liepos", "2025 г. июля").
_YEAR_WORD = r"(?:m\. |г\. |року |roku |gada )"
#: Day, month and year in the orders the sources write them (folded text, single spaces).
_WORDY_DATES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # 3 juin 2025; 1° de marzo de 2001; 18, July 1999; 2 päivänä huhtikuuta 1998
        rf"{_DAY},? (?:de |of |päivänä )?{_WORD},? (?:de |del )?{_YEAR}",
        rf"{_WORD} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}",  # June 3, 2025
        # 2024 m. liepos 18 (Lithuanian), 2025. június 27. (Hungarian)
        rf"(?<!\d)(?P<y>\d{{4}})\.? {_YEAR_WORD}?{_WORD},? (?P<d>\d{{1,2}})(?!\d)",
        rf"(?<!\d)(?P<y>\d{{4}})\.? gada (?P<d>\d{{1,2}})\. {_WORD}",  # 2025. gada 16. aprīlī
        r"(?<!\d)(?P<d>\d{1,2})-(?P<m>[^\W\d_]+\.?)-(?P<yy>\d{2})(?!\d)",  # 03-Dec-08
    )
)


#: How long after an event a source may be published and still fix the year of a day and month
#: it states without one ("on 24 April the government approved ..."): a season, so no other year
#: fits.
YEAR_FROM_PUBLICATION = timedelta(days=92)

_WHOLE_WORD = r"(?P<m>[^\W\d_]+)(?![^\W\d_])\.?"
#: A day and month with no year written beside them ("24 апреля", "13. juunil", "April 24").
_DAY_MONTH: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"{_DAY} (?:de |of )?{_WHOLE_WORD}(?! ?,? ?(?:de |del )?\d)",
        rf"(?<!\d )(?<!\d\. )(?<![^\W\d_]){_WHOLE_WORD} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\d)(?!,? ?\d{{4}})",
    )
)


def publication_window(published: str | None) -> tuple[date, date] | None:
    """The first and last day a source dated ``published`` (YYYY, YYYY-MM or YYYY-MM-DD) may
    have come out, or ``None`` when it is undated.

    >>> publication_window("2025-06")
    (datetime.date(2025, 6, 1), datetime.date(2025, 6, 30))
    """
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def mentions_date(text: str, day: date, published: tuple[date, date] | None = None) -> bool:
    """Whether ``text`` states ``day`` in a form a reader would recognise.

    Accepts "8 September 1998", "September 8, 1998", "1er mars 1999", "4. juunil 2025",
    "2024 m. liepos 18 d.", "2025. gada 16. aprīlī", "18 июля 2024", table rows such as
    "03-Dec-08", and numeric forms: "08/09/1998" or "08.09.1998" (day first), "1998-09-08",
    "1998年9月8日". Month names are read in every language of :data:`MONTH_LOCALES`, inflected
    forms included. Used to catch an excerpt that does not support the date it is cited for (a
    typo in either, or the wrong sentence quoted).

    >>> mentions_date("signed the Mine Ban Treaty on 8 September 1998 and", date(1998, 9, 8))
    True
    >>> mentions_date("Seimas 2024 m. liepos 18 d. priėmė", date(2024, 7, 18))
    True
    >>> mentions_date("signed on 8 September 1998", date(1998, 9, 9))
    False
    >>> mentions_date("entrará en vigor el 1° de marzo de 2001", date(2001, 3, 1))
    True
    >>> mentions_date("ratified on 18, July 1999", date(1999, 7, 18))
    True
    >>> mentions_date("hyväksynyt 2 päivänä huhtikuuta 1998", date(1998, 4, 2))
    True

    A day and month with no year count only when the source's publication (``published``, a
    :func:`publication_window`) fixes the year: it came out on the day or within
    :data:`YEAR_FROM_PUBLICATION` after it, at a precision that leaves one year possible.

    >>> june = publication_window("2025-06-16")
    >>> mentions_date("13. juunil andis president heaks kiidu", date(2025, 6, 13), june)
    True
    >>> mentions_date("13. juunil andis president heaks kiidu", date(2025, 6, 13))
    False
    >>> mentions_date("13. juunil 2024 andis president", date(2025, 6, 13), june)
    False
    """
    folded = re.sub(r"[\s\u00a0\u202f]+", " ", text.casefold())
    d, m, y = day.day, day.month, day.year
    numeric = (
        rf"(?<!\d)0?{d}[./-] ?0?{m}[./-] ?{y}(?!\d)",
        rf"(?<!\d){y}-{m:02d}-{d:02d}(?!\d)",
        rf"(?<!\d){y} ?年 ?0?{m} ?月 ?0?{d} ?日",
    )
    if any(re.search(p, folded) for p in numeric):
        return True
    for pattern in _WORDY_DATES:
        for found in _overlapping(pattern, folded):
            year = int(found["y"]) if found.get("y") else None
            if year is None and found.get("yy") is not None:
                year = y if int(found["yy"]) == y % 100 else None
            if year == y and int(found["d"]) == d and m in month_of(found["m"]):
                return True
    return published is not None and _states_day_and_month(folded, day, published)


def _states_day_and_month(folded: str, day: date, published: tuple[date, date]) -> bool:
    """A day and month without a year, the year fixed by when the source came out."""
    first, last = published
    if not (day <= last and first - YEAR_FROM_PUBLICATION <= day):
        return False  # published before the day, or long after it
    if last - first + YEAR_FROM_PUBLICATION >= timedelta(days=365):
        return False  # only a year of publication: the day and month could be in two years
    for pattern in _DAY_MONTH:
        for found in _overlapping(pattern, folded):
            if int(found["d"]) == day.day and day.month in month_of(found["m"]):
                return True
    return False


def _overlapping(pattern: re.Pattern[str], text: str) -> list[dict[str, str]]:
    """Every match of ``pattern`` starting at each position (matches may overlap)."""
    found = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        found.append({k: v for k, v in match.groupdict().items() if v is not None})
        position = match.start() + 1
    return found


@functools.cache
def _months_of_language(lang: str) -> dict[str, int]:
    """Every form of a month's name in one language (folded), for a word two languages share."""
    names: dict[str, int] = {}
    months = Locale.parse(lang).months
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in months[context][width].items():
                names[_fold(name).rstrip(".")] = month
    return names


def parse_typed_date(text: str, lang: str | None = None) -> date | None:
    """A day a reader typed: ``2025-12-27``, ``27 December 2025``, ``December 27, 2025``,
    ``27/12/2025`` or ``27.12.2025`` (day first), month names in any language Babel knows, in
    the long forms of the interface's languages (``2025 m. gruodžio 27 d.``, ``2025. gada
    27. decembris``, ``27 грудня 2025 р.``); ``None`` for anything else (never raises). A
    month's name two languages share is read in the reader's language ``lang``.

    >>> parse_typed_date("27 Dec 2025"), parse_typed_date("2025-02-30")
    (datetime.date(2025, 12, 27), None)
    >>> parse_typed_date("2025 m. gruodžio 27 d."), parse_typed_date("27 декабря 2025 г.")
    (datetime.date(2025, 12, 27), datetime.date(2025, 12, 27))
    """
    folded = re.sub(r"[\s\u00a0\u202f]+", " ", text.strip().casefold())[:60]
    numeric = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (0, 1, 2)),
        (r"(\d{1,2})[./](\d{1,2})[./](\d{4})", (2, 1, 0)),
    )
    for pattern, (iy, im, iday) in numeric:
        if found := re.fullmatch(pattern, folded):
            parts = [int(g) for g in found.groups()]
            return _day_or_none(parts[iy], parts[im], parts[iday])
    # A year's or a day's word after the date: "2025 m. gruodžio 27 d.", "27 грудня 2025 р."
    folded = re.sub(r" (?:d|r|р|г|m|roku|року|года|gada)\.?$", "", folded)
    for wordy in _WORDY_DATES[:4]:
        if (found := wordy.fullmatch(folded.rstrip("."))) is not None:
            months = month_of(found["m"])
            if len(months) > 1 and lang:  # "listopada": November in Polish, October in Croatian
                own = _months_of_language(lang).get(_fold(found["m"]).rstrip("."))
                months = frozenset({own}) if own in months else months
            if len(months) == 1:
                return _day_or_none(int(found["y"]), next(iter(months)), int(found["d"]))
    return None


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
