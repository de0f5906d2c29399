"""Citing a view: the data version follows the bytes of every data file (corroborations
included); citations name the treaty of the view, its date, the data version and the link,
as plain text or as an escaped BibTeX entry."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import add_corroborations

from treatymap.cite import (
    DATA_FILES,
    bibtex_escape,
    citation_bibtex,
    citation_text,
    dashboard_title,
    data_version,
    permalink,
)
from treatymap.url_state import Focus, ViewState

VIEW = ViewState(date(2025, 12, 27), "EST", Focus.EUROPE)
TRI_VIEW = ViewState(date(2025, 4, 15), "EST", Focus.EUROPE, treaty="tri")
OTTAWA = "Ottawa Convention"
LINK = "https://treatymap.example.org/?date=2025-12-27&country=EST&focus=europe"
ACCESSED = date(2026, 11, 22)


def complete(make_data):
    """A data directory with every data file, corroborations.csv included (empty)."""
    return add_corroborations(make_data(), [])


def test_data_version_is_a_short_stable_hash(make_data):
    directory = complete(make_data)
    version = data_version(directory)
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert data_version(directory) == version
    assert set(DATA_FILES) == {
        "states.csv",
        "treaties.csv",
        "sources.csv",
        "events.csv",
        "corroborations.csv",
        "boundaries.geojson",
    }


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_version_changes_with_any_byte_of_any_data_file(make_data, name):
    directory = complete(make_data)
    before = data_version(directory)
    path = directory / name
    path.write_bytes(path.read_bytes() + b"\n")
    assert data_version(directory) != before


def test_data_version_ignores_other_files_and_notices_a_missing_one(make_data):
    directory = complete(make_data)
    before = data_version(directory)
    (directory / "notes.md").write_text("not data", encoding="utf-8")
    assert data_version(directory) == before
    (directory / "sources.csv").unlink()
    assert data_version(directory) != before


def test_data_version_does_not_depend_on_where_the_data_lives(make_data, tmp_path):
    directory = complete(make_data)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in DATA_FILES:
        (copy / name).write_bytes((directory / name).read_bytes())
    assert data_version(copy) == data_version(directory)


def test_permalink_pins_the_date_and_drops_the_old_query():
    link = permalink("https://treatymap.example.org/?date=1999-01-01#x", VIEW)
    assert link == LINK
    default = permalink("http://localhost:8501/", ViewState(date(2025, 1, 2)))
    assert default == "http://localhost:8501/?date=2025-01-02"


def test_permalink_names_a_treaty_other_than_the_default():
    assert permalink("https://t.example.org/", TRI_VIEW) == (
        "https://t.example.org/?treaty=tri&date=2025-04-15&country=EST&focus=europe"
    )


def test_dashboard_title_names_the_treaty_on_one_line():
    assert dashboard_title("Treaty of\nTrial") == "treatymap: who is bound by the Treaty of Trial"


def test_citation_text_names_dashboard_date_version_and_link():
    text = citation_text(
        VIEW, LINK, "0123456789ab", ACCESSED, treaty_name=OTTAWA, country_name="Estonia"
    )
    assert text.startswith("treatymap: who is bound by the Ottawa Convention. Status as of")
    assert "as of 27 December 2025" in text
    assert "map of Europe" in text
    assert "Estonia selected" in text
    assert "Data version 0123456789ab" in text
    assert LINK in text
    assert text.endswith("(accessed 22 November 2026).")
    assert "\n" not in text


def test_citation_names_the_treaty_of_the_view():
    text = citation_text(TRI_VIEW, None, "abc", ACCESSED, treaty_name="Treaty of Trial")
    assert text.startswith("treatymap: who is bound by the Treaty of Trial.")
    assert "as of 15 April 2025" in text
    assert "Ottawa" not in text
    entry = citation_bibtex(
        TRI_VIEW, None, "abc", ACCESSED, treaty_id="tri", treaty_name="Treaty of Trial"
    )
    assert entry.startswith("@misc{treatymap-tri-2025-04-15,\n")
    assert "title = {{treatymap: who is bound by the Treaty of Trial}}" in entry


def test_citation_text_without_a_usable_link_has_no_link():
    text = citation_text(
        ViewState(date(2025, 12, 27)), "javascript:alert(1)", "abc", ACCESSED, treaty_name=OTTAWA
    )
    assert "javascript" not in text
    assert "Data version abc." in text
    assert "map of states bordering Russia and Belarus" in text
    no_link = citation_text(
        ViewState(date(2025, 12, 27)), None, "abc", ACCESSED, treaty_name=OTTAWA
    )
    assert no_link.endswith("Data version abc. (accessed 22 November 2026).")


def test_bibtex_entry_has_every_field():
    entry = citation_bibtex(
        VIEW,
        LINK,
        "0123456789ab",
        ACCESSED,
        treaty_id="ottawa",
        treaty_name=OTTAWA,
        country_name="Estonia",
    )
    assert entry.startswith("@misc{treatymap-ottawa-2025-12-27,\n")
    assert "title = {{treatymap: who is bound by the Ottawa Convention}}" in entry
    assert "as of 27 December 2025" in entry
    assert "Data version 0123456789ab" in entry
    assert f"url = {{{LINK}}}" in entry
    assert "urldate = {2026-11-22}" in entry
    assert "year = {2026}" in entry
    assert entry.rstrip().endswith("}")


def _balanced(text: str) -> bool:
    depth = 0
    unescaped = re.sub(r"\\[{}]", "", text)
    for ch in unescaped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_escapes_every_special_character():
    hostile = "A{b}c%d&e$f#g_h\\i~j^k"
    assert bibtex_escape(hostile) == (
        r"A\{b\}c\%d\&e\$f\#g\_h\textbackslash{}i\textasciitilde{}j\textasciicircum{}k"
    )
    entry = citation_bibtex(
        VIEW,
        LINK,
        "v}1{%",
        ACCESSED,
        treaty_id="ottawa",
        treaty_name=hostile,
        country_name=hostile + "\n@misc{x,",
    )
    title = next(line for line in entry.splitlines() if line.strip().startswith("title"))
    assert r"A\{b\}c\%d" in title
    note = next(line for line in entry.splitlines() if line.strip().startswith("note"))
    assert r"A\{b\}c\%d\&e\$f\#g\_h\textbackslash{}i" in note
    assert r"v\}1\{\%" in note
    assert "\n@misc{x" not in entry  # a line break cannot start a second entry
    assert _balanced(entry)
    assert entry.count("@misc{") == 1  # the escaped "@misc\{" inside a field is only text


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "https://x.org/a}b{c\\d e", "data:text/html,hi", "", None],
)
def test_bibtex_url_field_is_http_only_and_cannot_break_the_entry(link):
    entry = citation_bibtex(VIEW, link, "abc", ACCESSED, treaty_id="ottawa", treaty_name=OTTAWA)
    assert _balanced(entry)
    url = re.search(r"url = \{(.*)\}", entry)
    if url is not None:
        assert url.group(1).startswith(("http://", "https://"))
        assert not set(url.group(1)) & set("{}\\ ")
    assert "javascript" not in entry and "data:" not in entry


def test_a_compare_views_citation_names_both_days_and_its_key_the_treaty():
    """A comparison of 1 March 2025 with 1 March 2026 is cited as one, under the treaty's own
    id (the files of the view say ``ottawa``, never ``default``)."""
    compared = ViewState(date(2026, 3, 1), compare=(date(2025, 3, 1), date(2026, 3, 1)), treaty="")
    text = citation_text(compared, LINK, "abc", ACCESSED, treaty_name=OTTAWA)
    assert "Status on 1 March 2026 compared with 1 March 2025, map of" in text
    entry = citation_bibtex(compared, LINK, "abc", ACCESSED, treaty_id="ottawa", treaty_name=OTTAWA)
    assert entry.startswith("@misc{treatymap-ottawa-2026-03-01-vs-2025-03-01,\n")
    assert "compared with 1 March 2025" in entry
