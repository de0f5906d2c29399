"""The interface in eight languages: the catalogues are complete and well formed, the legal terms
are the ones each state's official texts use (the glossary), and every word a reader sees goes
through them (a pseudo-language finds any English left).

Catalogue and glossary checks read the files; the pseudo-language runs the real renderers."""

from __future__ import annotations

import csv
import re
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from treatymap.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    best_language,
    language_of_header,
    pseudo,
    words_for,
)

OTHERS = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
TEMPLATE = LOCALE_DIR / "treatymap.pot"
GLOSSARY = LOCALE_DIR / "glossary.csv"
#: Characters that mean something to Markdown or HTML: a translation brings in none that its
#: English message does not have (the page treats our own words as text, but not blindly).
ACTIVE = set("<>*_`[]$#|~\\")


def catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "treatymap.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def template():
    with TEMPLATE.open("rb") as handle:
        return read_po(handle)


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def entries(lang: str):
    """(msgid, msgid_plural or None, context, [msgstr forms]) of every message but the header."""
    for message in catalogue(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = list(message.string) if isinstance(message.string, tuple) else [""]
            yield message, message.id[0], message.id[1], forms
        else:
            yield message, message.id, None, [message.string or ""]


@pytest.mark.parametrize("lang", OTHERS)
def test_each_catalogue_has_every_message_of_the_template(lang):
    """`make messages` was run after the last change of words: no message is missing or left
    over."""
    wanted = {(m.context, m.id) for m in template() if m.id}
    present = {(m.context, m.id) for m in catalogue(lang) if m.id}
    assert sorted(wanted - present, key=str) == []
    assert sorted(present - wanted, key=str) == []


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    untranslated = [m.id for m, _, _, forms in entries(lang) if not all(f.strip() for f in forms)]
    fuzzy = [m.id for m, _, _, _ in entries(lang) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", OTHERS)
def test_every_translation_has_its_messages_placeholders_and_every_plural_form(lang):
    """The same ``{placeholders}`` as the English (a missing one loses a day or a name, an
    extra one raises), every plural form the language has, and no brace that is not a field."""
    plurals = catalogue(lang).num_plurals
    problems = []
    for _message, singular, plural, forms in entries(lang):
        wanted = fields(singular) | fields(plural or "")
        if plural is not None and len(forms) != plurals:
            problems.append((singular, f"{len(forms)} plural forms, the language has {plurals}"))
        for form in forms:
            try:
                found = fields(form)
                form.format(**dict.fromkeys(found, "x"))
            except (ValueError, IndexError, KeyError) as error:
                problems.append((singular, f"not a format string: {error}"))
                continue
            if found != wanted:
                problems.append((singular, f"placeholders {sorted(found)} != {sorted(wanted)}"))
            brought = {c for c in form if c in ACTIVE} - set(singular + (plural or ""))
            if brought:
                problems.append((singular, f"brings in {sorted(brought)}"))
    assert problems == []


def test_english_is_the_messages_themselves_and_a_browser_picks_a_language():
    """No English catalogue: the messages are English (a reader of English reads them as
    written), and the browser's language is followed when it is one of ours."""
    assert words_for("en")._("Legend") == "Legend"
    assert (best_language("lt-LT"), best_language("de"), best_language(None)) == ("lt", "en", "en")
    assert language_of_header("de-DE,de;q=0.9,uk;q=0.8,ru;q=0.7") == "uk"
    assert language_of_header("fr-FR") is None


@pytest.mark.parametrize("lang", OTHERS)
def test_dates_numbers_and_plurals_are_the_languages_own(lang):
    """CLDR's long date in its case, the language's grouping of digits, and gettext's plural
    forms where the language has three or more."""
    w = words_for(lang)
    day = w.date(date(2025, 12, 27))
    assert "2025" in day and "27" in day and "December" not in day
    assert w.number(1170) != "1,170" or lang == "en"
    import gettext

    # One number for each of the language's plural forms (by its own rule): each says it its way.
    rule = gettext.c2py(catalogue(lang).plural_expr)
    samples = {rule(n): n for n in (0, 1, 2, 5, 10, 11, 21, 22, 25) if n or rule(0) != rule(5)}
    said = {w.ngettext("{n} state", "{n} states", n).removeprefix(str(n)) for n in samples.values()}
    assert len(samples) == catalogue(lang).num_plurals
    # Latvian's "zero" form (0, 10-20, 30 …) takes the noun as its "other" form does.
    assert len(said) == len(samples) - (lang == "lv"), said


def test_polish_says_two_states_and_five_states_as_polish_does():
    w = words_for("pl")
    assert w.date(date(2025, 12, 27)) == "27 grudnia 2025"
    assert w.ngettext("{n} state", "{n} states", 2) == "2 państwa"
    assert w.ngettext("{n} state", "{n} states", 5) == "5 państw"


# --- the legal terms: each state's official text (the glossary) --------------------------------


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def term(lang: str, name: str) -> dict[str, str]:
    return next(r for r in glossary() if (r["lang"], r["term"]) == (lang, name))


#: Each glossary term and the English messages that use it: their translations use the term's
#: word (its ``stem``, the part every inflected form keeps).
TIES: dict[str, str] = {
    "state_party": r"\bStates? Part(?:y|ies)\b",
    "withdrawal": r"\b[Ww]ithdrawal",
    "denunciation": r"\b[Dd]enunciation",
    "entry_into_force": r"\b(?:entry|enters|entered|enter) into force\b",
    "instrument_of_ratification": r"\binstrument of ratification\b",
    "accession": r"\b(?:instrument of accession|[Aa]ccession deposited)\b",
    "depositary": r"\bDepositary\b",
    "armed_conflict": r"\barmed conflict\b",
    "consent_to_be_bound": r"\bconsent to be bound\b",
    "anti_personnel_mine": r"\banti-personnel mines?\b",
    "cluster_munition": r"\bcluster munitions\b",
}
#: The treaties' names (treaties.csv, context "treaty") and the glossary's word for each.
NAMES = {
    "Ottawa Convention": "ottawa_short_name",
    "Convention on Cluster Munitions": "ccm_name",
}


def test_the_glossary_gives_every_language_every_term_with_its_source():
    rows = glossary()
    assert {r["lang"] for r in rows} == set(OTHERS)
    for lang in OTHERS:
        for name in {*TIES, *NAMES.values()}:
            row = term(lang, name)
            assert row["word"].strip(), (lang, name)
            assert row["stem"].strip(), (lang, name, "no stem to look for")
            assert row["stem"].casefold() in row["word"].casefold() or row["note"], (lang, name)
            assert (
                row["url"].startswith(("https://", "http://"))
                or "not found in a source" in (row["note"])
            )


@pytest.mark.parametrize("lang", OTHERS)
def test_the_catalogue_uses_the_glossarys_legal_terms(lang):
    """Wherever an English message says "State Party", "withdrawal", "entry into force", … its
    translation uses the word of the state's official text; a treaty's name is the glossary's."""
    problems = []
    found = list(entries(lang))
    for name, pattern in TIES.items():
        stem = term(lang, name)["stem"].casefold()
        for message, singular, _plural, forms in found:
            if message.context == "note" or not re.search(pattern, singular):
                continue
            for form in forms:
                if stem not in form.casefold():
                    problems.append((name, stem, singular, form))
    for english, name in NAMES.items():
        (translated,) = [f[0] for m, s, _, f in found if m.context == "treaty" and s == english]
        assert translated == term(lang, name)["word"], (english, translated)
    assert problems == []


# --- the pseudo-language: no reader-facing English outside the catalogues ---------------------


def test_the_pseudo_language_wraps_and_accents_every_message_and_keeps_its_fields():
    assert pseudo("On {day}, {n} states") == "⟦Öñ {day}, {n} šţàţéš⟧"
    assert fields(pseudo("{state}: {status} since {day}")) == {"state", "status", "day"}


def locale_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/treatymap.po"))


def test_a_catalogue_for_each_language_and_no_other():
    assert [p.parts[-3] for p in locale_files()] == sorted(OTHERS)


# The pseudo-language through every renderer, on the small world of conftest.py (three
# treaties, notes, objections): whatever is left outside ⟦…⟧ must be the record's own words
# (excerpts, translations, provenance, source titles and publishers, state names), a date, a
# number, a code or a name of a product.

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Words a reader may see in English in any language: product and format names, the brand.
PROPER = {
    "treatymap", "BibTeX", "CSV", "JSON", "SVG", "PNG", "HTML", "GeoJSON", "Leaflet", "Natural",
    "Earth", "YOUR", "SITE", "https", "http", "www", "org", "and", "example", "ISO", "WGS",
    "qps",  # the pseudo-language's own name in the language switch
}  # fmt: skip


@pytest.fixture
def pseudo_world(make_world, monkeypatch):
    monkeypatch.setenv("TREATYMAP_PSEUDO", "1")
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    directory = make_world()
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    from treatymap.data import load_dataset
    from treatymap.view import build_atlas

    return directory, build_atlas(load_dataset(directory), "v")


def record_words(atlas) -> list[str]:
    """The record's own words, which stay as the sources wrote them (longest first)."""
    record = atlas.record
    texts = {*atlas.names.values(), *atlas.territories.values()}
    for row in (*record.events, *record.corroborations):
        texts |= {row.excerpt, row.translation or "", row.provenance or ""}
    for source in record.sources.values():
        texts |= {source.title, source.publisher, source.url}
    for treaty in record.treaties.values():
        texts |= {treaty.opened_excerpt, treaty.entry_into_force_excerpt}
    return sorted((t for t in texts if len(t) > 3), key=len, reverse=True)


def english_left(text: str, allowed: list[str]) -> list[str]:
    """Words of three letters or more outside the pseudo-language's brackets, the record's
    words, dates, links and markup."""
    import html as markup

    for _ in range(2):  # markup, and markup written as text in a Markdown or HTML element
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = markup.unescape(text).replace("\\", "")
    for words in allowed:
        text = text.replace(words, " ")
    while re.search(r"⟦[^⟦⟧]*⟧", text):
        text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    text = re.sub(rf"\b(\d{{1,2}} )?({MONTHS}) \d{{4}}\b", " ", text)
    text = re.sub(
        r"https?://\S+|\S*\?\S*=\S*|\b[\w.-]+\.(?:html|png|svg|csv|json|geojson)\b", " ", text
    )
    found = re.findall(r"\b[A-Za-z][A-Za-z]{2,}\b", text)
    return sorted({w for w in found if w not in PROPER and not w.isupper()})


def test_no_english_is_left_in_the_snapshot_the_card_the_preview_or_the_page_head(pseudo_world):
    from treatymap.images import card_svg, preview_svg
    from treatymap.snapshot import snapshot_html
    from treatymap.url_state import ViewState
    from treatymap.view import build_view
    from treatymap.web import streamlit_index
    from treatymap.webpage import links_for, page_html, read_page

    _, atlas = pseudo_world
    allowed = record_words(atlas)
    compare = (date(2025, 1, 1), date(2025, 4, 15))
    for country in (None, "EST"):
        view = build_view(atlas, "tri", compare[1], country=country, compare=compare, lang="qps")
        snapshot = snapshot_html(
            view,
            permalink="https://example.org/?date=2025-04-15",
            accessed=date(2026, 1, 1),
            url_view=ViewState(view.day, country, treaty="tri", compare=compare, lang="qps"),
        )
        assert english_left(snapshot, allowed) == [], country
        assert english_left(card_svg(view), allowed) == [], country
        assert english_left(preview_svg(view), allowed) == [], country
    params = {"date": ["2025-12-27"], "country": ["EST"], "lang": ["qps"]}
    page = read_page(atlas, params, date(2026, 1, 1))
    html_page = page_html(streamlit_index(), page, links_for(page, "https://example.org/", "v"))
    head = html_page[: html_page.index("</head>")]
    assert english_left(head.split("<title>", 1)[1], allowed) == []
    first_view = html_page[html_page.index('<div id="tm-first-view"') :]
    assert english_left(first_view, allowed) == []
    assert '<html lang="qps">' in html_page


def test_no_english_is_left_in_the_maps_words(pseudo_world):
    """The map's frame and payload carry every word its script writes; the script holds none."""
    from treatymap.mapview import map_frame, view_payload
    from treatymap.view import build_view

    _, atlas = pseudo_world
    w = words_for("qps")
    view = build_view(atlas, "tri", date(2025, 4, 15), country="EST", lang="qps")
    frame = map_frame(atlas.frontline, atlas.reference, words=w).to_js()
    update = view_payload(view)
    said = [*frame["words"].values(), *(s["label"] for s in frame["style"]["statuses"])]
    said += [m["label"] for m in frame["style"]["marks"]]
    said += [*update["words"]["steps"], update["words"]["title"], update["summary"]]
    allowed = record_words(atlas)
    assert (
        english_left(" ".join(str(s) for s in said if s != frame["words"]["lang"]), allowed) == []
    )
    script = (Path(__file__).resolve().parents[1] / "src/treatymap/map_layer.js").read_text()
    code = re.sub(r"//[^\n]*|/\*.*?\*/", "", script, flags=re.S)
    strings = re.findall(r'"([^"\n]*)"', code)
    prose = [s for s in strings if re.search(r"\b(?:the|of|in|by|or|and|since|on|a)\b", s)]
    assert prose == []  # no sentence of words in the map's script


def test_no_english_is_left_on_the_page(pseudo_world):
    """The whole page (a state selected, compare mode, the table and the charts open) in the
    pseudo-language, through Streamlit's AppTest."""
    from page_support import whole_page

    _, atlas = pseudo_world
    at = whole_page(timeout=120)
    for key, value in {
        "date": "2025-04-15",
        "country": "EST",
        "compare": "2025-01-01..2025-04-15",
        "lang": "qps",
    }.items():
        at.query_params[key] = value
    at.run()
    at.toggle(key="show_table").set_value(True)
    at.toggle(key="show_charts").set_value(True)
    at.run()
    assert not at.exception, at.exception
    said: list[str] = []
    for node in at.main:
        said += _words_of(node)
    from treatymap.names import search_label

    # The language switch names each language in itself; the state finder lists the English
    # names and former names a reader may type.
    finder = [search_label(s.iso3, s.name) for s in atlas.record.states]
    allowed = [*finder, *record_words(atlas), *LANGUAGES.values()]
    left = english_left(" ".join(said), allowed)
    assert left == []


def _words_of(node) -> list[str]:
    """Every text of an element and its children: values, labels, help, placeholders, options,
    a table's cells, a chart's spec."""
    out = []
    proto = getattr(node, "proto", None)
    for name in ("body", "label", "help", "placeholder", "spec"):
        value = getattr(proto, name, None) if proto is not None else None
        if isinstance(value, str) and value:
            out.append(value if name != "spec" else _chart_words(value))
    for name in ("options",):
        value = getattr(proto, name, None) if proto is not None else None
        if value:
            out += [getattr(v, "content", None) or str(v) for v in value]
    if type(node).__name__ == "Dataframe":
        out.append(node.value.select_dtypes(exclude="bool").to_csv())  # a tick box, no words
    for child in getattr(node, "children", {}).values():
        out += _words_of(child)
    return out


def _chart_words(spec: str) -> str:
    """A chart's titles, descriptions, tooltips' titles and data values."""
    import json

    found: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in {
            "text", "subtitle", "description", "title", "label", "when", "from", "to", "name",
        }:  # fmt: skip
            found.append(value)

    walk(json.loads(spec))
    return " ".join(found)
