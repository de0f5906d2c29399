"""End-to-end: `streamlit run app.py` on 127.0.0.1 at a free port, driven in Debian's Chromium.

Never a browser that a test tool downloads: Playwright launches /usr/bin/chromium (or
$CHROMIUM). Under CI these tests must run; elsewhere they skip only when Chromium is missing.
Screenshots land in tests/artifacts/ for a developer to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import ARTIFACTS, Server, launch, require_chromium
from conftest import bundled_copy

from treatymap.data import DEFAULT_DATA_DIR

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
HOSTILE_NAME = 'Estonia <img src=x onerror="window.__pwned=4"> ${window.__pwned=5}'
HOSTILE = (
    '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> '
    "**bold** ${window.__pwned=3} ` deposited on 27 June 2025"
)

require_chromium()

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


class Visit:
    """A page with every request it made and every dialog it opened recorded."""

    def __init__(self, browser: Browser, width: int = 1400, height: int = 1000) -> None:
        self.page: Page = browser.new_page(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.wait_for_map()
        return self.page

    @property
    def frame(self):
        return self.page.frame_locator(MAP_FRAME)

    def map_eval(self, script: str, arg=None):
        """Run a function inside the map's iframe (where window.map is the Leaflet map)."""
        handle = self.page.locator(MAP_FRAME).element_handle(timeout=30_000)
        return handle.content_frame().evaluate(script, arg)

    def wait_for_map(self, day: str | None = None) -> None:
        """Until every boundary is drawn and the statuses (of ``day``) are applied."""
        self.frame.locator(".leaflet-container[data-treatymap-day]").wait_for(timeout=45_000)
        if day:
            self.frame.locator(f'.leaflet-container[data-treatymap-day="{day}"]').wait_for(
                timeout=20_000
            )

    def fill_of(self, iso3: str) -> str:
        return self.map_eval(
            """(code) => { let fill = null;
                window.treatymapLayer.eachLayer((l) => {
                  if (l.feature.properties.iso3 === code) { fill = l.options.fillColor; } });
                return fill; }""",
            iso3,
        )

    def click_state(self, iso3: str) -> None:
        """Click the middle of a state's largest part, as a reader would."""
        x, y = self.map_eval(
            """(code) => { let point = null;
                window.treatymapLayer.eachLayer((l) => {
                  if (l.feature.properties.iso3 === code) {
                    point = window.map.latLngToContainerPoint(l.getCenter()); } });
                return [point.x, point.y]; }""",
            iso3,
        )
        box = self.page.locator(MAP_FRAME).bounding_box()
        self.page.mouse.click(box["x"] + x, box["y"] + y)

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def assert_stayed_home(self, host: str) -> None:
        """No request left the server's host (no CDN, no tiles, no telemetry)."""
        hosts = {
            urlsplit(u).netloc
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
        }
        assert hosts <= {host}, hosts


def boundary_count() -> int:

    text = (DEFAULT_DATA_DIR / "boundaries.geojson").read_text(encoding="utf-8")
    return len(json.loads(text)["features"])


def test_first_view_draws_every_state_and_stays_on_our_host(server, browser):
    visit = Visit(browser)
    page = visit.open(server.url)
    drawn = visit.frame.locator("path.leaflet-interactive")
    assert drawn.count() == boundary_count()
    assert visit.fill_of("EST") == "#d55e00"  # withdrawn by 22 November 2026
    assert visit.fill_of("NOR") == "#0072b2"  # still a State Party
    assert "date=2026-11-22" in page.url
    visit.screenshot("first-view-desktop")
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")


def test_slider_recolours_the_map_in_place_keeping_zoom(server, browser):
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2025-12-26")
    visit.wait_for_map("26 December 2025")
    assert visit.fill_of("EST") == "url(#tm-hatch)"  # withdrawal pending
    visit.map_eval("() => { window.__sameMap = true; window.map.setZoom(5); }")
    slider = visit.page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.wait_for_map("27 December 2025")
    assert visit.fill_of("EST") == "#d55e00"
    assert visit.map_eval("() => [window.__sameMap === true, window.map.getZoom()]") == [True, 5]
    visit.page.wait_for_function("() => location.search.includes('date=2025-12-27')")
    assert visit.query()["date"] == ["2025-12-27"]
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")


def test_clicking_a_state_opens_its_panel_and_updates_the_url(server, browser):
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2026-03-01")
    visit.click_state("FIN")
    visit.page.get_by_text("Finland (FIN)").wait_for(timeout=20_000)
    visit.page.wait_for_function("() => location.search.includes('country=FIN')")
    assert visit.query()["country"] == ["FIN"]
    assert visit.page.get_by_text("Withdrawn (no longer bound) since 10 January 2026").count() >= 1
    visit.screenshot("country-panel-desktop")


def test_a_shared_link_reproduces_the_view(server, browser):
    link = f"{server.url}/?date=2025-12-26&country=EST&focus=europe"
    visit = Visit(browser)
    visit.open(link)
    visit.wait_for_map("26 December 2025")
    visit.page.get_by_text("Estonia (EST)").wait_for(timeout=20_000)
    assert visit.page.get_by_role("slider").first.get_attribute("aria-valuetext") == "26 Dec 2025"
    assert visit.fill_of("EST") == "url(#tm-hatch)"
    assert visit.query() == {"date": ["2025-12-26"], "country": ["EST"], "focus": ["europe"]}
    assert visit.map_eval("() => window.map.getZoom()") == 4
    visit.screenshot("shared-link-desktop")


def test_phone_width_screenshots(server, browser):
    visit = Visit(browser, width=390, height=844)
    visit.open(f"{server.url}/?date=2025-12-26&country=EST")
    visit.page.get_by_text("Estonia (EST)").wait_for(timeout=20_000)
    visit.screenshot("shared-link-phone")
    overflow = visit.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    """The real data with Estonia's deposit excerpt replaced by markup and script."""
    directory = bundled_copy(
        tmp_path_factory.mktemp("hostile"), est_excerpt=HOSTILE, est_name=HOSTILE_NAME
    )
    running = Server(directory)
    yield running
    running.stop()


def test_markup_in_a_source_excerpt_shows_as_text_and_runs_nothing(hostile_server, browser):
    visit = Visit(browser)
    page = visit.open(f"{hostile_server.url}/?date=2025-12-26&country=EST")
    page.get_by_text(f"{HOSTILE_NAME} (EST)").wait_for(timeout=20_000)
    quote = page.get_by_text('<img src=x onerror="window.__pwned=1">', exact=False).first
    quote.wait_for(timeout=20_000)
    assert "**bold** ${window.__pwned=3} `" in quote.inner_text()
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned === undefined")
    assert visit.map_eval("() => window.__pwned === undefined")
    assert page.locator('img[src="x"]').count() == 0
    box = visit.page.locator(MAP_FRAME).bounding_box()
    x, y = visit.map_eval(
        """() => { let p = null; window.treatymapLayer.eachLayer((l) => {
            if (l.feature.properties.iso3 === 'EST') {
              p = window.map.latLngToContainerPoint(l.getCenter()); } });
            return [p.x, p.y]; }"""
    )
    visit.page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = visit.frame.locator(".leaflet-tooltip .tm-name")
    tooltip.wait_for(timeout=10_000)
    assert tooltip.inner_text() == HOSTILE_NAME
    assert visit.frame.locator('img[src="x"]').count() == 0
    assert visit.map_eval("() => window.__pwned === undefined")
    assert visit.dialogs == []
    visit.screenshot("hostile-excerpt")


@pytest.mark.parametrize(
    "query",
    [
        "?country=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "?date=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D2%3E&focus=%60%24%7Bx%7D%60",
        "?%3Cb%3Ekey%3C%2Fb%3E=1&country=est&country=%00%FF%FE",
        "?date=2025-02-30&focus=javascript:alert(1)",
    ],
)
def test_hostile_links_run_no_script_and_are_rewritten(server, browser, query):
    visit = Visit(browser)
    page = visit.open(server.url + "/" + query)
    page.get_by_test_id("stAlert").first.wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.startsWith('?date=')")
    assert page.evaluate("() => window.__pwned === undefined")
    assert visit.map_eval("() => window.__pwned === undefined")
    assert page.locator('img[src="x"]').count() == 0
    assert visit.dialogs == []
    assert set(visit.query()) <= {"date", "country", "focus"}
    assert visit.frame.locator("path.leaflet-interactive").count() == boundary_count()


def test_keyboard_alone_finds_a_state_and_opens_its_panel(server, browser):
    visit = Visit(browser)
    page = visit.open(f"{server.url}/?date=2026-03-01")
    for _ in range(40):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if label == "Find a state":
            break
    else:
        pytest.fail("Tab never reached the state list")
    page.keyboard.type("Finland")
    page.keyboard.press("Enter")
    page.get_by_text("Finland (FIN)").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('country=FIN')")
    visit.wait_for_map("1 March 2026")
    assert visit.fill_of("FIN") == "#d55e00"


def test_compare_view_and_charts(server, browser):
    visit = Visit(browser, height=1400)
    page = visit.open(f"{server.url}/?compare=2025-06-01..2026-03-01")
    visit.wait_for_map("1 March 2026")
    page.get_by_text("change(s)", exact=False).first.wait_for(timeout=20_000)
    assert page.get_by_text("Poland: State Party → withdrawn").count() >= 1
    outline = visit.map_eval(
        """() => { let c = null; window.treatymapLayer.eachLayer((l) => {
            if (l.feature.properties.iso3 === 'POL') { c = l.options.color; } }); return c; }"""
    )
    assert outline == "#cc79a7"
    visit.screenshot("compare-view")
    page.get_by_text("Show the charts over time").click()
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.locator('[data-testid="stVegaLiteChart"]').first.scroll_into_view_if_needed()
    visit.screenshot("charts")
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")


def test_an_embedded_view_keeps_embed_and_the_pinned_date(server, browser):
    visit = Visit(browser, width=800, height=900)
    page = visit.open(f"{server.url}/?embed=true&date=2025-12-27&country=EST")
    visit.wait_for_map("27 December 2025")
    page.get_by_text("Estonia (EST)").wait_for(timeout=20_000)
    query = visit.query()
    assert query["embed"] == ["true"]
    assert query["date"] == ["2025-12-27"]
    link = page.locator('[data-testid="stCode"]').filter(has_text="?date=").first
    assert link.inner_text().strip() == f"{server.url}/?date=2025-12-27&country=EST"
