"""What readers may type for a state: its name in states.csv, and the other names kept by
pycountry (ISO 3166 common and official names), Babel (CLDR's English names) and countrynames
(aliases in many languages, former names and misspellings).

The labels a list shows use the first two (few, clean, English); anything else a reader types
is resolved with countrynames, which also knows "Ivory Coast", "Turkey", "Burma" or
"Swaziland". No hand-written list of aliases.
"""

from __future__ import annotations

import functools
import unicodedata
import warnings
from collections.abc import Iterable, Mapping

import countrynames
import pycountry
from babel import Locale


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _english_territories() -> dict[str, str]:
    return dict(Locale("en").territories)


def other_names(iso3: str, name: str) -> list[str]:
    """A state's other English names (at most three), none a spelling of ``name``.

    >>> other_names("PRK", "Democratic People's Republic of Korea")
    ['North Korea']
    """
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    candidates = [
        getattr(country, "common_name", None),
        country.name,
        _english_territories().get(country.alpha_2),
        getattr(country, "official_name", None),
    ]
    seen = {_fold(name)}
    out = []
    for candidate in candidates:
        if not candidate or "," in candidate:  # "Korea, Republic of" is an index form
            continue
        if _fold(candidate) in seen or _fold(candidate).removeprefix("the ") in seen:
            continue
        seen.add(_fold(candidate))
        out.append(candidate)
    return out[:3]


@functools.cache
def search_label(iso3: str, name: str) -> str:
    """``Democratic People's Republic of Korea (PRK) · North Korea``: what a list shows.

    Kept once per process: the page's state list formats all 197 labels on every run, and
    folding the names again each time was a tenth of a slider step's script time (pyinstrument).
    """
    others = other_names(iso3, name)
    return f"{name} ({iso3})" + (" · " + " · ".join(others) if others else "")


def resolve(text: str, states: Mapping[str, str], extra: Iterable[str] = ()) -> str | None:
    """The ISO3 code of the state a reader meant by ``text`` (a code, a name, an alias), or
    ``None``; ``extra`` are further codes accepted as they are (territories on the map)."""
    wanted = text.strip()
    if not wanted:
        return None
    if wanted.upper() in states or wanted.upper() in set(extra):
        return wanted.upper()
    folded = _fold(wanted)
    for iso3, name in states.items():
        if _fold(name) == folded or folded in {_fold(n) for n in other_names(iso3, name)}:
            return iso3
    with warnings.catch_warnings():
        # Without PyICU, normality transliterates with text-unidecode and says so each time.
        warnings.filterwarnings("ignore", message="Install 'pyicu'")
        alpha_2 = countrynames.to_code(wanted, fuzzy=True)
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    if country is not None and (country.alpha_3 in states or country.alpha_3 in set(extra)):
        return str(country.alpha_3)
    return None
