"""WCAG 2.1 AA, checked by axe-core (bundled by axe-playwright-python; nothing downloaded) on
the page and inside the map's frame, at desktop and phone width, in every state a reader
reaches: the first view, a state's history, the source feed, compare mode, the charts and the
status table. Then the keyboard: every control reachable and operable, with a visible ring.
The offline snapshot is checked in tests/test_snapshot_browser.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import MAP_FRAME, Visit, require_chromium

pytestmark = pytest.mark.browser
require_chromium()

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
    "iframes": False,
}
#: Moderate findings kept, each with its reason.
KEPT: dict[str, str] = {}
VIEWS = {
    "first-view": "/?date=2026-01-09",
    "state-history": "/?date=2026-01-09&country=FIN",
    "source-feed": "/?date=2026-01-09&country=FIN&tab=feed",
    "compare": "/?compare=2025-06-01..2026-01-09",
    "ccm": "/?treaty=ccm&date=2025-03-05&country=LTU",
}


def violations(target) -> list[tuple[str, str, int]]:
    found = Axe().run(target, options=RULES).response["violations"]
    return [(v["id"], v["impact"], len(v["nodes"])) for v in found if v["id"] not in KEPT]


def check(visit: Visit) -> None:
    """No violation on the page, nor inside the map's frame."""
    assert violations(visit.page) == [], "page"
    frame = visit.page.locator(MAP_FRAME).element_handle().content_frame()
    assert violations(frame) == [], "map frame"


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("name", list(VIEWS))
def test_axe_finds_nothing(server, browser, name, width):
    visit = Visit(browser, width=width, height=900)
    visit.open(server.url + VIEWS[name])
    visit.page.wait_for_timeout(800)
    check(visit)
    visit.close()


@pytest.mark.parametrize("width", [1400, 390])
def test_axe_finds_nothing_with_the_charts_and_the_table_open(server, browser, width):
    visit = Visit(browser, width=width, height=1200)
    page = visit.open(server.url + "/?date=2026-01-09")
    page.get_by_text("Show the charts over time").click()
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30_000)
    page.get_by_text("Show every state's status").click()
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    check(visit)
    visit.close()


def test_the_map_has_a_name_a_description_and_landmarks(server, browser):
    """Everything the map says is available without it: its name, the summary as its
    description, a main landmark with a level-one heading in its frame."""
    visit = Visit(browser)
    page = visit.open(server.url + "/?date=2026-01-09")
    named = visit.map_eval(
        """() => { const c = window.map.getContainer();
                   const d = document.getElementById(c.getAttribute('aria-describedby'));
                   return [c.getAttribute('role'), c.getAttribute('aria-label'),
                           d && d.textContent, document.querySelector('[role=main] h1') &&
                           document.querySelector('[role=main] h1').textContent]; }"""
    )
    role, name, description, heading = named
    assert role == "region"
    assert name == "Map of each state's status under the Ottawa Convention on 9 January 2026"
    assert heading == name
    summary = page.locator('[data-testid="stMarkdownContainer"] strong').first.inner_text()
    assert description == summary and description.startswith("On 9 January 2026")
    visit.close()


def test_the_keyboard_reaches_every_control_with_a_visible_ring(server, browser):
    """Tab through the page: the treaty, the slider, the time controls, Play, compare, the
    focus, the state finder and the tabs are all reached, each with a visible focus ring; then
    the slider and a tab are operated with keys alone."""
    visit = Visit(browser, height=1200)
    page = visit.open(server.url + "/?date=2026-01-09")
    reached: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                             || s.boxShadow !== 'none';
                return [e.tagName, e.getAttribute('aria-label') || e.getAttribute('role') || '',
                        (e.innerText || '').slice(0, 40), ring]; }"""
        )
        tag, label, text, ring = info
        if tag in ("BODY", "IFRAME"):  # the page itself; the map's frame is checked below
            continue
        if label or text:
            reached.append(f"{label}|{text}")
            assert ring, f"no visible focus ring on {label or text}"
    joined = " ".join(reached)
    for control in ("Ottawa Convention", "Date|", "Go to a date", "Jump to a key moment",
                    "Next moment", "Play the moments", "Compare with another date",
                    "Border states", "Find a state", "tab"):  # fmt: skip
        assert control in joined, f"Tab never reached {control}"
    inside = visit.map_eval(
        """() => { const b = document.querySelector('.leaflet-control-zoom-in'); b.focus();
                   const s = getComputedStyle(b); return s.outlineStyle !== 'none'; }"""
    )
    assert inside, "the map's zoom buttons show no focus ring"
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowLeft")
    visit.wait_for_map("8 January 2026")
    page.get_by_role("tab", name="Source feed").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Events between").first.wait_for(timeout=20_000)
    visit.close()
