"""What a reader may type for a state: the code, the name in states.csv, or a common, former or
foreign name; a territory's code when the map draws it; nothing else."""

from __future__ import annotations

import pytest

from treatymap.names import other_names, resolve, search_label

STATES = {
    "CIV": "Côte d'Ivoire",
    "PRK": "Democratic People's Republic of Korea",
    "KOR": "Republic of Korea",
    "TUR": "Türkiye",
    "MMR": "Myanmar",
    "SWZ": "Eswatini",
    "EST": "Estonia",
    "DNK": "Denmark",
}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ivory Coast", "CIV"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Turkey", "TUR"),
        ("Burma", "MMR"),
        ("Swaziland", "SWZ"),
        ("cote d'ivoire", "CIV"),  # without the accent, in lower case
        ("Côte d’Ivoire", "CIV"),  # a typographic apostrophe
        ("est", "EST"),  # a code, in any case
        ("  Estonia ", "EST"),
        ("Eesti", "EST"),  # the name in its own language
    ],
)
def test_resolve_finds_the_state_a_reader_meant(typed, expected):
    assert resolve(typed, STATES) == expected


@pytest.mark.parametrize("typed", ["", "   ", "Atlantis", "ZZZ", "<script>", "France"])
def test_resolve_returns_none_for_anything_else(typed):
    """France is a real country but not in this states mapping."""
    assert resolve(typed, STATES) is None


def test_a_territory_code_resolves_only_when_passed_as_extra():
    assert resolve("grl", STATES) is None
    assert resolve("grl", STATES, extra=["GRL"]) == "GRL"
    assert resolve("Greenland", STATES, extra=["GRL"]) == "GRL"


def test_other_names_and_the_search_label():
    assert other_names("PRK", STATES["PRK"]) == ["North Korea"]
    assert "Korea, Democratic" not in " ".join(other_names("PRK", STATES["PRK"]))
    assert other_names("XKX", "Kosovo") == []  # not in ISO 3166: nothing to add
    assert search_label("PRK", STATES["PRK"]) == (
        "Democratic People's Republic of Korea (PRK) · North Korea"
    )
    assert search_label("XKX", "Kosovo") == "Kosovo (XKX)"


@pytest.mark.parametrize(("iso3", "name"), sorted(STATES.items()))
def test_other_names_never_repeat_the_name_or_use_index_forms(iso3, name):
    others = other_names(iso3, name)
    assert len(others) <= 3
    assert name.casefold() not in {o.casefold() for o in others}
    assert not any("," in o for o in others)  # "Korea, Republic of" is an index form
