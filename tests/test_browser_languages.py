"""The page in each of its eight languages, in Chromium at a phone's width, on the shared server
(tests/conftest.py): no error, the page's language declared, Lithuania's name, the date and the
map's words in that language, and no control that cuts its words short. A screenshot of each
is kept in tests/artifacts/language-<code>.png."""

from __future__ import annotations

from datetime import date

import pytest
from browser_support import MAP_FRAME, Visit, require_chromium
from test_browser_readers import CUT, PHONE

from treatymap.i18n import LANGUAGES, words_for

pytestmark = pytest.mark.browser
require_chromium()

DAY = date(2025, 12, 27)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_page_in_each_language_on_a_phone(server, browser, lang):
    w = words_for(lang)
    lithuania, day = w.state("LTU", "Lithuania"), w.date(DAY)
    visit = Visit(browser, **PHONE)
    page = visit.open(f"{server.url}/?date={DAY.isoformat()}&country=LTU&lang={lang}")
    assert visit.errors() == []
    assert page.evaluate("() => document.documentElement.lang") == lang
    line = page.locator(".tm-state-line").inner_text()
    assert line.startswith(lithuania) and day in line, line
    assert page.get_by_role("heading", name=f"{lithuania} (LTU)").count() == 1
    label = visit.map_eval("() => window.map.getContainer().getAttribute('aria-label')")
    assert day in label and label == build_label(lang)
    # The map's own words: Lithuania's tooltip names it in the page's language, with the day
    # its status began in the browser's own format for that language.
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.mouse.move(*visit.point_of("LTU"))
    tip = visit.frame.locator(".leaflet-tooltip").last
    tip.wait_for(timeout=5_000)
    assert tip.inner_text().splitlines()[0] == lithuania
    # The controls, opened, cut none of their words.
    page.locator(".st-key-time_controls_open summary").click()
    page.locator(".st-key-step_on button").wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert page.evaluate(CUT) == []
    visit.screenshot(f"language-{lang}", full=False)
    # The view's address keeps its language (English is the default, left out).
    assert visit.query().get("lang") == (None if lang == "en" else [lang])
    visit.close()


def test_the_language_switch_changes_the_page_its_language_and_its_link(server, browser):
    """A reader who opens an English link and picks Polski under the map reads the page in
    Polish, declared as Polish (for screen readers and translation tools), and the link they
    pass on keeps the language."""
    w = words_for("pl")
    visit = Visit(browser)
    page = visit.open(f"{server.url}/?date={DAY.isoformat()}")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator(".st-key-lang").scroll_into_view_if_needed()
    page.locator(".st-key-lang input").click()
    page.get_by_role("option", name=LANGUAGES["pl"]).click()
    title = w._("Who is bound by the {treaty}?", treaty=w.pgettext("treaty", "Ottawa Convention"))
    page.get_by_role("heading", name=title).wait_for(timeout=20_000)
    page.wait_for_function("() => document.documentElement.lang === 'pl'", timeout=10_000)
    visit.wait_for_map(w.date(DAY))
    assert visit.query().get("lang") == ["pl"]
    assert visit.errors() == []
    visit.close()


def build_label(lang: str) -> str:
    """The map's accessible name for the view, as the core words it."""
    from treatymap.data import data_dir
    from treatymap.view import build_view, load_atlas

    view = build_view(load_atlas(str(data_dir())), "ottawa", DAY, country="LTU", lang=lang)
    return view.map_label
