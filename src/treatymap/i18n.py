"""The reader's language: every word a reader sees goes through a :class:`Words` (gettext
catalogues managed with Babel, in ``src/treatymap/locale/``), and every date, number, list and
state name through Babel's copy of the Unicode CLDR for that language.

All readers share one process, so there is no global language (never ``gettext.install``): a
page, a snapshot or an image asks :func:`words_for` for its reader's :class:`Words` and passes
it down. The core below returns codes, dates and numbers; the words are made here.

The messages are English (the catalogues' ``msgid``); ``N_`` marks a message written where it is
declared (a table of labels) and translated where it is shown.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

#: The languages of the interface: English, then the border states' and Russian, each named in
#: itself for the language switch.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "pl": "Polski",
    "fi": "Suomi",
    "et": "Eesti",
    "lv": "Latviešu",
    "lt": "Lietuvių",
    "uk": "Українська",
    "ru": "Русский",
}
DEFAULT_LANGUAGE = "en"
#: The CLDR locale each language's dates, numbers and lists follow (English as the sources write
#: it: "27 December 2025").
CLDR = {"en": "en_GB"}
#: The catalogues' home, and their domain.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "treatymap"
#: A language for tests only (``TREATYMAP_PSEUDO=1``): every message wrapped and accented, so a
#: test can find any English left outside the catalogues.
PSEUDO = "qps"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues where it is declared; :meth:`Words._` translates it
    where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for the catalogues; :meth:`Words.pgettext` translates it."""
    return message


#: The ordinal words of "the first day of the sixth month", in the case that phrase wants.
MONTH_ORDINALS: tuple[str, ...] = (
    NP_("the first day of the … month", "first"),
    NP_("the first day of the … month", "second"),
    NP_("the first day of the … month", "third"),
    NP_("the first day of the … month", "fourth"),
    NP_("the first day of the … month", "fifth"),
    NP_("the first day of the … month", "sixth"),
    NP_("the first day of the … month", "seventh"),
    NP_("the first day of the … month", "eighth"),
    NP_("the first day of the … month", "ninth"),
    NP_("the first day of the … month", "tenth"),
    NP_("the first day of the … month", "eleventh"),
    NP_("the first day of the … month", "twelfth"),
)
MONTH_ORDINAL_CONTEXT = "the first day of the … month"


def languages() -> tuple[str, ...]:
    """The languages a reader may choose (and the pseudo-language when tests ask for it)."""
    if os.environ.get("TREATYMAP_PSEUDO") == "1":
        return (*LANGUAGES, PSEUDO)
    return tuple(LANGUAGES)


def best_language(wanted: str | None) -> str:
    """The interface language for a browser's ``wanted`` language tag ("pl-PL", "ru"), English
    when it is none of ours.

    >>> best_language("pl-PL"), best_language("uk"), best_language("de-DE"), best_language(None)
    ('pl', 'uk', 'en', 'en')
    """
    if not wanted:
        return DEFAULT_LANGUAGE
    code = wanted.replace("_", "-").split("-")[0].strip().lower()
    return code if code in languages() else DEFAULT_LANGUAGE


def language_of_header(header: str | None) -> str | None:
    """The first language of an ``Accept-Language`` header that is ours, by its weights.

    >>> language_of_header("de-DE,de;q=0.9,pl;q=0.8,en;q=0.7")
    'pl'
    >>> language_of_header("de-DE") is None, language_of_header(None) is None
    (True, True)
    """
    wanted = []
    for number, part in enumerate((header or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            q = 0.0
        code = tag.split("-")[0].strip().lower()
        if code in LANGUAGES and q > 0:
            wanted.append((-q, number, code))
    return min(wanted)[2] if wanted else None


@dataclass(frozen=True)
class Words:
    """One reader's words: translated messages, and dates, numbers, lists and state names in
    the reader's language. Immutable, shared by every reader of that language."""

    lang: str
    translations: gettext.NullTranslations
    locale: Locale

    def _(self, message: str, **values: Any) -> str:
        """``message`` in the reader's language, with ``values`` put in its ``{placeholders}``."""
        text = self.translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form of a message for ``n`` (Polish, Lithuanian, Latvian, Ukrainian and Russian
        have three forms or more); ``{n}`` is the number, written in the reader's way."""
        text = self.translations.ngettext(singular, plural, n)
        return text.format(n=self.number(n), **values)

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """``message`` in a ``context`` that tells the translator which sense it has."""
        text = self.translations.pgettext(context, message)
        return text.format(**values) if values else text

    def date(self, day: dt.date) -> str:
        """``27 December 2025``, ``27 grudnia 2025``, ``2025 m. gruodžio 27 d.``: CLDR's long
        form of the day, in its grammatical case."""
        return format_date(day, "long", locale=self.locale)

    def month(self, day: dt.date) -> str:
        """``February 2025`` / ``luty 2025``: a month of a year, as a name stands alone."""
        return format_date(day, "LLLL y", locale=self.locale)

    def number(self, value: float, decimals: int = 0) -> str:
        """``1,170`` / ``1 170`` / ``1.170``: the reader's digits and grouping."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def ordinal(self, n: int) -> str:
        """``40th`` (``40.`` in Polish, ``40-го`` in Russian): a number as an ordinal."""
        if self.lang == DEFAULT_LANGUAGE:
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"{n}{suffix}"
        return self.pgettext("ordinal number", "{n}th", n=self.number(n))

    def month_ordinal(self, n: int) -> str:
        """``sixth`` in "the first day of the sixth month" (a word up to twelve)."""
        if 1 <= n <= len(MONTH_ORDINALS):
            return self.pgettext(MONTH_ORDINAL_CONTEXT, MONTH_ORDINALS[n - 1])
        return self.ordinal(n)

    def sort_key(self, text: str) -> str:
        """A key to put names in alphabetical order whatever their accents ("Čad" by "Chad");
        not each alphabet's own order (Estonian's Š after S), which needs ICU."""
        import unicodedata

        plain = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        return "".join(c for c in plain if not unicodedata.combining(c)).casefold()

    def join(self, items: Sequence[str]) -> str:
        """``a, b and c`` in the reader's language."""
        if not items:
            return ""
        return format_list(list(items), locale=self.locale)

    def state(self, iso3: str, name: str) -> str:
        """A state's (or a territory's) name in the reader's language, from CLDR; ``name`` (the
        record's English name) when CLDR has none or the reader reads English."""
        if self.lang in (DEFAULT_LANGUAGE, PSEUDO):
            return name
        alpha2 = _alpha2(iso3)
        found = self.locale.territories.get(alpha2) if alpha2 else None
        return str(found) if found else name


#: Letters Unicode does not decompose into a base letter and an accent ("Łotwa" by "Lotwa").
_UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})


def _alpha2(iso3: str) -> str | None:
    """The ISO 3166-1 alpha-2 code CLDR names territories by (XKX: Kosovo's XK)."""
    if iso3 == "XKX":
        return "XK"
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return found.alpha_2 if found else None


@functools.cache
def words_for(lang: str = DEFAULT_LANGUAGE) -> Words:
    """The :class:`Words` of a language (English for one that is not ours), made once."""
    if lang not in languages():
        lang = DEFAULT_LANGUAGE
    if lang == PSEUDO:
        return Words(PSEUDO, _pseudo_translations(), Locale.parse("en_GB"))
    locale = Locale.parse(CLDR.get(lang, lang))
    if lang == DEFAULT_LANGUAGE:
        return Words(lang, gettext.NullTranslations(), locale)
    return Words(lang, _translations(lang), locale)


def _translations(lang: str) -> gettext.NullTranslations:
    """The language's compiled catalogue (``make messages`` and the install compile it), or,
    when it is not there, the same compiled in memory from its ``.po`` file (English words
    where there is no catalogue at all: the catalogue test fails on that)."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    source = folder / f"{DOMAIN}.po"
    if not source.is_file():
        return gettext.NullTranslations()
    if compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime:
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# --- the pseudo-language ------------------------------------------------------------------------

_ACCENTED = str.maketrans(
    "aceinorsuyzACEINORSUYZ",
    "àçéîñöřšüýžÀÇÉÎÑÖŘŠÜÝŽ",
)


def pseudo(message: str) -> str:
    """``⟦Ñöţ à þàřţý⟧``: a message wrapped and accented, its ``{placeholders}`` kept.

    >>> pseudo("On {day}, {count} states")
    '⟦Öñ {day}, {count} šţàţéš⟧'
    """
    out, inside = [], False
    for ch in message:
        if ch == "{":
            inside = True
        if ch == "}":
            inside = False
        out.append(ch if inside or ch == "}" else ch.translate(_ACCENTED).replace("t", "ţ"))
    return "⟦" + "".join(out) + "⟧"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


def _pseudo_translations() -> gettext.NullTranslations:
    return _Pseudo()


# --- extraction of the record's own words (pybabel, babel.cfg) --------------------------------


def extract_treaties(
    fileobj: Any, keywords: Iterable[str], comment_tags: Iterable[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """For ``pybabel extract``: the words of ``treaties.csv`` a reader sees (each treaty's
    names, how a sentence calls it, the place it opened), with the context ``treaty`` or
    ``place``."""
    import csv

    rows = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    for number, row in enumerate(rows, start=2):
        for column, context in (
            ("short_name", "treaty"),
            ("full_name", "treaty"),
            ("called", "treaty"),
            ("opened_place", "place"),
        ):
            yield number, "pgettext", (context, row[column]), [f"treaties.csv, {column}"]


def extract_notes(
    fileobj: Any, keywords: Iterable[str], comment_tags: Iterable[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """For ``pybabel extract``: every note for readers in ``events.csv`` (context ``note``)."""
    import csv

    rows = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    for number, row in enumerate(rows, start=2):
        if row.get("note"):
            where = f"events.csv, {row['treaty_id']} {row['iso3']} {row['event']} {row['date']}"
            yield number, "pgettext", ("note", row["note"]), [where]
