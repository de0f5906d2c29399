"""End to end: `streamlit run app.py` on the bundled data, driven in Debian's Chromium.

Never a browser that a test tool downloads: Playwright launches /usr/bin/chromium (or
$CHROMIUM). Under CI these tests must run; elsewhere they skip only when Chromium is missing.
Expected statuses come from the core (``treatymap.view``) on the same data, never typed in.
Screenshots land in tests/artifacts/ for a developer to look at.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlencode

import pytest
from browser_support import MAP_FRAME, Server, Visit, require_chromium
from conftest import bundled_copy

from treatymap.data import DEFAULT_DATA_DIR, load_dataset
from treatymap.explain import long_date
from treatymap.mapview import FOCUS_VIEW
from treatymap.status import status_on
from treatymap.style import MARK, STATUS_STYLES
from treatymap.ui.page import REST_OF_PAGE
from treatymap.url_state import Focus
from treatymap.view import build_atlas
from treatymap.vocab import Status

pytestmark = pytest.mark.browser
require_chromium()

HOSTILE_NAME = 'Estonia <img src=x onerror="window.__pwned=4"> ${window.__pwned=5}'
HOSTILE = (
    '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> '
    "**bold** ${window.__pwned=3} ` deposited on 27 June 2025"
)
TODAY = date(2026, 11, 22)


def fill(status: Status) -> str:
    return STATUS_STYLES[status].fill_ref


@pytest.fixture(scope="module")
def atlas():
    return build_atlas(load_dataset(DEFAULT_DATA_DIR), "test")


def boundary_count() -> int:
    text = (DEFAULT_DATA_DIR / "boundaries.geojson").read_text(encoding="utf-8")
    return len(json.loads(text)["features"])


def settle(visit: Visit) -> None:
    """Until the script has finished its run (Streamlit marks its state on the app element)."""
    visit.page.wait_for_function(
        """() => { const app = document.querySelector('[data-test-script-state]');
                   return app && app.getAttribute('data-test-script-state') !== 'running'; }""",
        timeout=30_000,
    )
    visit.page.wait_for_timeout(250)


def test_first_view_draws_every_state_and_stays_on_our_host(server, browser, atlas):
    visit = Visit(browser)
    page = visit.open(server.url)
    drawn = visit.frame.locator(".leaflet-overlay-pane path.leaflet-interactive")
    assert drawn.count() == boundary_count()
    for iso3 in ("EST", "NOR", "RUS"):
        expected = status_on(atlas.dates["ottawa"][iso3], TODAY).status
        assert visit.fill_of(iso3) == fill(expected), iso3
    assert "date=2026-11-22" in page.url
    visit.screenshot("first-view-desktop", full=False)
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")
    visit.close()


#: In every frame of a visit: when the frame's document started; in the page, when the rest of
#: the page replaced the words that hold its place while the map is drawn first.
FIRST_RUN_PROBE = """(placeholder) => {
  window.__since = performance.timeOrigin;
  if (window !== window.top) { return; }
  const seen = () => document.body && document.body.textContent.includes(placeholder);
  new MutationObserver(() => {
    if (seen()) { window.__held = true; return; }
    if (window.__held && !window.__whole) {
      window.__whole = performance.timeOrigin + performance.now();
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});
}"""


def test_the_map_comes_first_and_stays_while_the_page_fills_in(server, browser, atlas):
    """A shared link's first run lays out the top and the map; once drawn, the map asks for
    the rest, which comes in around the same map (not reloaded), with the link's notice."""
    visit = Visit(browser)
    visit.context.add_init_script(f"({FIRST_RUN_PROBE})({json.dumps(REST_OF_PAGE)})")
    page = visit.page
    page.goto(f"{server.url}/?date=2026-01-09&country=FIN&focus=moon")
    visit.frame.locator(".leaflet-container[data-treatymap-day]").wait_for(timeout=45_000)
    page.wait_for_function("() => window.__whole > 0", timeout=30_000)
    page.get_by_role("heading", name="Finland (FIN)").wait_for(timeout=20_000)
    settle(visit)
    frame_since = visit.map_eval("() => window.__since")
    assert page.evaluate("() => window.__held") is True  # the first run held the rest back
    assert frame_since < page.evaluate("() => window.__whole")  # the same map frame since
    assert visit.map_day() == "9 January 2026"
    expected = status_on(atlas.dates["ottawa"]["FIN"], date(2026, 1, 9)).status
    assert visit.fill_of("FIN") == fill(expected)
    notice = page.get_by_test_id("stAlert").filter(has_text="Unknown focus 'moon'")
    assert notice.count() == 1  # the link's notice stays when the rest comes in
    assert page.locator('[data-testid="stMetric"]').count() == 3
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.wait_for_map("10 January 2026")
    assert visit.map_eval("() => window.__since") == frame_since  # a step keeps it too
    assert not visit.errors()
    visit.close()


def test_the_rest_of_the_page_comes_even_if_the_map_never_asks(browser):
    """If the map's script never runs, the rest of the page still comes (after the fallback's
    period, shortened here); when the map does ask, the fallback leaves no trace."""
    with Server(env={"TREATYMAP_WHOLE_PAGE_AFTER": "2"}) as quick:
        visit = Visit(browser)
        visit.page.route("**/treatymap/map-*.js", lambda route: route.abort())
        visit.page.goto(f"{quick.url}/?date=2026-01-09&country=FIN")
        visit.page.get_by_text(REST_OF_PAGE).wait_for(timeout=30_000)
        visit.page.get_by_role("heading", name="Finland (FIN)").wait_for(timeout=30_000)
        assert visit.page.get_by_text(REST_OF_PAGE).count() == 0
        visit.page.locator('[data-testid="stMetric"]').nth(2).wait_for(timeout=20_000)
        assert visit.page.locator('[data-testid="stMetric"]').count() == 3
        visit.close()
        visit = Visit(browser)
        visit.open(f"{quick.url}/?date=2026-01-09&country=FIN")
        visit.page.wait_for_timeout(5_000)  # two of the fallback's periods
        assert not visit.errors()
        assert visit.page.get_by_text(REST_OF_PAGE).count() == 0
        assert visit.map_day() == "9 January 2026"
        visit.close()


#: In the map's frame: note the day the colours show, the server's day and Estonia's fill each
#: time the map marks either day.
WATCH_DAYS = """() => {
  const map = document.querySelector(".leaflet-container");
  const fillOf = (code) => { let f = null; window.treatymapLayer.eachLayer((l) => {
    if (l.feature.properties.iso3 === code) { f = l.options.fillColor; } }); return f; };
  window.__seen = [];
  new MutationObserver(() => window.__seen.push({
    shown: map.getAttribute("data-treatymap-shown"),
    day: map.getAttribute("data-treatymap-day"), est: fillOf("EST")})
  ).observe(map, {attributes: true,
                  attributeFilter: ["data-treatymap-shown", "data-treatymap-day"]});
}"""


def test_the_map_shows_the_sliders_day_before_the_server_answers(server, browser):
    """Estonia's withdrawal took effect on 27 December 2025. One step of the slider: the map
    shows it withdrawn while the server's payload is still on its way, then the payload brings
    the same colour (no flicker back) and the day's words."""
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2025-12-26")
    visit.map_eval(WATCH_DAYS)
    slider = visit.page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.wait_for_map("27 December 2025")
    seen = visit.map_eval("() => window.__seen")
    assert seen[0] == {
        "shown": "2025-12-27",
        "day": "26 December 2025",  # the server's payload has not come yet
        "est": fill(Status.WITHDRAWN),
    }
    assert {s["est"] for s in seen} == {fill(Status.WITHDRAWN)}
    assert seen[-1]["day"] == "27 December 2025"
    visit.close()


def test_the_server_has_the_last_word_when_the_slider_shows_a_day_it_never_sent(server, browser):
    """A slider that shows a day the page never received (Streamlit's slider can, under very
    fast presses; here the page's messages stop reaching the server): the map follows it for a
    moment, then goes back to the day the page's sentence and link say, once the slider has
    rested a second."""
    visit = Visit(browser)
    cut = {"off": False}

    def relay(socket) -> None:
        to_server = socket.connect_to_server()
        socket.on_message(lambda message: None if cut["off"] else to_server.send(message))

    visit.page.route_web_socket(re.compile(r".*/_stcore/stream"), relay)
    visit.open(f"{server.url}/?date=2025-12-26")
    frame = visit.page.locator(MAP_FRAME).element_handle(timeout=30_000).content_frame()
    shown = "() => document.querySelector('.leaflet-container').dataset.treatymapShown"
    slider = visit.page.get_by_role("slider").first
    slider.focus()
    cut["off"] = True
    slider.press("ArrowRight")
    frame.wait_for_function(f"() => ({shown})() === '2025-12-27'", timeout=5_000)
    assert visit.fill_of("EST") == fill(Status.WITHDRAWN)
    frame.wait_for_function(f"() => ({shown})() === '2025-12-26'", timeout=5_000)
    assert visit.fill_of("EST") == fill(Status.WITHDRAWAL_PENDING)
    assert visit.map_day() == "26 December 2025"
    assert slider.get_attribute("aria-valuetext") == "27 Dec 2025"  # the slider still says so
    visit.close()


def test_in_compare_mode_the_map_waits_for_the_server(server, browser):
    """The outlines of compare mode are the server's to compute: the map does not guess."""
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2025-12-26&compare=2025-06-01..2025-12-26")
    assert visit.map_eval("() => document.querySelector('[data-treatymap-shown]')") is None
    visit.map_eval(WATCH_DAYS)
    slider = visit.page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.page.wait_for_function("() => location.search.includes('2025-12-27')")
    visit.page.wait_for_timeout(500)
    seen = visit.map_eval("() => window.__seen")
    assert seen and seen[0]["day"] == "27 December 2025"
    assert all(s["shown"] is None for s in seen)
    visit.close()


def test_slider_recolours_the_map_in_place_keeping_zoom(server, browser):
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2025-12-26")
    visit.wait_for_map("26 December 2025")
    assert visit.fill_of("EST") == fill(Status.WITHDRAWAL_PENDING)
    visit.map_eval("() => { window.__sameMap = true; window.map.setZoom(5); }")
    slider = visit.page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.wait_for_map("27 December 2025")
    assert visit.fill_of("EST") == fill(Status.WITHDRAWN)
    assert visit.map_eval("() => [window.__sameMap === true, window.map.getZoom()]") == [True, 5]
    visit.page.wait_for_function("() => location.search.includes('date=2025-12-27')")
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")
    visit.close()


def test_clicking_a_state_opens_its_panel_and_updates_the_url(server, browser):
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2026-03-01")
    visit.click_state("FIN")
    visit.page.get_by_role("heading", name="Finland (FIN)").wait_for(timeout=20_000)
    visit.page.wait_for_function("() => location.search.includes('country=FIN')")
    assert visit.page.get_by_text("Withdrawn (no longer bound) since 10 January 2026").count() >= 1
    visit.close()


#: In the map's frame: record every value the map sends to Python, and whether it was sent while
#: the reader's click was still being handled (a click's own task) or later.
SPY_ON_SENDS = """() => {
  window.__sent = [];
  document.addEventListener("click", () => {
    window.__inClick = true; setTimeout(() => { window.__inClick = false; }, 0);
  }, true);
  const send = window.Streamlit.setComponentValue.bind(window.Streamlit);
  window.Streamlit.setComponentValue = (value) => {
    window.__sent.push({value: value, duringClick: window.__inClick === true});
    return send(value);
  };
}"""


def test_a_click_on_a_state_is_sent_at_once_and_only_once(server, browser):
    """The click reaches Python while the reader's click is handled, not after
    streamlit-folium's 250 ms wait for further clicks, and that wait sends nothing more: one
    click, one run of the page."""
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2026-03-01")
    visit.map_eval(SPY_ON_SENDS)
    visit.click_state("FIN")
    visit.page.get_by_role("heading", name="Finland (FIN)").wait_for(timeout=20_000)
    visit.page.wait_for_timeout(1000)  # well past the 250 ms after which streamlit-folium sends
    sent = visit.map_eval("() => window.__sent")
    assert [s["value"]["last_active_drawing"]["properties"]["iso3"] for s in sent] == ["FIN"]
    assert sent[0]["duringClick"] is True
    visit.close()


def test_outlines_mark_the_border_states_and_follow_the_selection(server, browser, atlas):
    """The border and reference states keep their outline, the selected state gets its own,
    and selecting another moves it; the rest of the world carries no outline at all."""
    selected = MARK["selected"].line.colour
    visit = Visit(browser)
    visit.open(f"{server.url}/?date=2026-03-01&country=FRA")
    outlined = visit.outlined()
    assert set(atlas.frontline) | set(atlas.reference) <= set(outlined)
    assert outlined["FRA"] == selected
    assert len(outlined) < boundary_count() // 4
    visit.click_state("SWE")
    visit.page.get_by_role("heading", name="Sweden (SWE)").wait_for(timeout=20_000)
    visit.page.wait_for_function("() => location.search.includes('country=SWE')")
    visit.page.wait_for_timeout(300)
    outlined = visit.outlined()
    assert outlined.get("SWE") == selected and "FRA" not in outlined
    visit.close()


def test_polands_panel_leads_with_the_answer_at_both_widths(server, browser):
    """Issue 9: the status and the source that set it come first, the timeline after."""
    for width, height, name in ((1400, 1000, "desktop"), (390, 844, "phone")):
        visit = Visit(browser, width=width, height=height)
        page = visit.open(f"{server.url}/?date=2026-03-01&country=POL")
        heading = page.get_by_role("heading", name="Poland (POL)")
        heading.wait_for(timeout=20_000)
        status = page.get_by_text("Under the Ottawa Convention: Withdrawn", exact=False).first
        timeline = page.get_by_role("heading", name="Every recorded event")
        assert status.bounding_box()["y"] < timeline.bounding_box()["y"]
        heading.scroll_into_view_if_needed()
        visit.screenshot(f"poland-panel-{name}", full=False)
        visit.close()


def test_a_link_naming_a_state_leads_with_its_history_and_keeps_the_readers_controls(
    server, browser
):
    """On a phone the state's history follows the map; the time controls wait, folded, until
    the reader opens them, and stay open when the reader then picks another state."""
    visit = Visit(browser, width=390, height=844, is_mobile=True, has_touch=True)
    page = visit.open(f"{server.url}/?date=2026-03-01&country=POL")
    heading = page.get_by_role("heading", name="Poland (POL)")
    heading.wait_for(timeout=20_000)
    typed = page.get_by_label("Go to a date (press Enter)")
    assert typed.count() == 0
    folded = page.get_by_text("Move through time, or compare two dates")
    gap = heading.bounding_box()["y"] - folded.bounding_box()["y"]
    assert 0 < gap < 150, f"{gap:.0f} px between the folded controls and the history"
    folded.click()
    typed.wait_for(timeout=20_000)
    visit.click_state("FIN")
    page.get_by_role("heading", name="Finland (FIN)").wait_for(timeout=20_000)
    settle(visit)
    assert typed.is_visible()
    visit.close()


def test_a_shared_link_reproduces_the_view(server, browser):
    link = f"{server.url}/?date=2025-12-26&country=EST&focus=europe"
    visit = Visit(browser)
    visit.open(link)
    visit.wait_for_map("26 December 2025")
    visit.page.get_by_role("heading", name="Estonia (EST)").wait_for(timeout=20_000)
    assert visit.page.get_by_role("slider").first.get_attribute("aria-valuetext") == "26 Dec 2025"
    assert visit.fill_of("EST") == fill(Status.WITHDRAWAL_PENDING)
    assert visit.query() == {"date": ["2025-12-26"], "country": ["EST"], "focus": ["europe"]}
    assert visit.map_eval("() => window.map.getZoom()") == 4
    visit.close()


#: In the map's frame: every view Leaflet's map is set to, from its creation on.
SET_VIEWS = """(() => { if (window === window.top) { return; }
  let real;
  Object.defineProperty(window, "L", {configurable: true, get() { return real; }, set(leaflet) {
    real = leaflet;
    const setView = leaflet.Map.prototype.setView;
    window.__views = [];
    leaflet.Map.prototype.setView = function (center, zoom) {
      const at = leaflet.latLng(center);
      window.__views.push([at.lat, at.lng, zoom]);
      return setView.apply(this, arguments);
    };
  }});
})()"""


def _view(focus: Focus) -> list[float]:
    (lat, lon), zoom = FOCUS_VIEW[focus]
    return [lat, lon, zoom]


@pytest.mark.parametrize(
    ("query", "focuses"),
    [
        ("date=2026-01-09&country=FIN", [Focus.BORDER]),
        ("focus=europe", [Focus.BORDER, Focus.EUROPE]),
    ],
)
def test_the_map_is_drawn_once_on_the_view_the_link_asks_for(server, browser, query, focuses):
    """The map opens on the border states and is not set to that view a second time (which
    redrew every shape); a link to another focus moves it there."""
    visit = Visit(browser)
    visit.context.add_init_script(SET_VIEWS)
    visit.open(f"{server.url}/?{query}")
    settle(visit)
    assert visit.map_eval("() => window.__views") == [_view(f) for f in focuses]
    visit.close()


def test_phone_first_screen_shows_the_map_and_nothing_overflows(server, browser):
    visit = Visit(browser, width=390, height=844, is_mobile=True, has_touch=True)
    page = visit.open(f"{server.url}/?date=2026-01-09&country=FIN")
    top = page.locator(MAP_FRAME).bounding_box()["y"]
    assert top < 844, f"the map starts at {top:.0f} px, below the first screen"
    visit.screenshot("first-view-phone", full=False)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Pinch zoom works in the map: Leaflet's touch zoom is on and no viewport rule forbids it.
    assert visit.map_eval("() => window.map.touchZoom.enabled()") is True
    viewports = visit.map_eval(
        "() => [...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)"
    )
    assert viewports and all(
        "user-scalable=no" not in v and "maximum-scale" not in v for v in viewports
    )
    visit.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    """The real data with Estonia's deposit excerpt and name replaced by markup and script."""
    directory = bundled_copy(
        tmp_path_factory.mktemp("hostile"), est_excerpt=HOSTILE, est_name=HOSTILE_NAME
    )
    running = Server(directory)
    yield running
    running.stop()


def test_markup_in_a_source_excerpt_shows_as_text_and_runs_nothing(hostile_server, browser):
    visit = Visit(browser)
    page = visit.open(f"{hostile_server.url}/?date=2025-12-26&country=EST")
    page.get_by_text(f"{HOSTILE_NAME} (EST)").first.wait_for(timeout=20_000)
    quote = page.get_by_text('<img src=x onerror="window.__pwned=1">', exact=False).first
    quote.wait_for(timeout=20_000)
    assert "**bold** ${window.__pwned=3} `" in quote.inner_text()
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned === undefined")
    assert visit.map_eval("() => window.__pwned === undefined")
    assert page.locator('img[src="x"]').count() == 0
    visit.page.mouse.move(*visit.point_of("EST"))
    tooltip = visit.frame.locator(".leaflet-tooltip .tm-name")
    tooltip.wait_for(timeout=10_000)
    assert tooltip.inner_text() == HOSTILE_NAME
    assert visit.frame.locator('img[src="x"]').count() == 0
    assert visit.map_eval("() => window.__pwned === undefined")
    assert visit.dialogs == []
    visit.screenshot("hostile-excerpt", full=False)
    visit.close()


@pytest.mark.parametrize(
    "query",
    [
        "?country=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "?date=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D2%3E&focus=%60%24%7Bx%7D%60",
        "?%3Cb%3Ekey%3C%2Fb%3E=1&country=est&country=%00%FF%FE",
        "?date=2025-02-30&focus=javascript:alert(1)&treaty=%3Cb%3E",
    ],
)
def test_hostile_links_run_no_script_and_are_rewritten(server, browser, query):
    visit = Visit(browser)
    page = visit.open(server.url + "/" + query)
    page.get_by_test_id("stAlert").first.wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('date=')")
    assert page.evaluate("() => window.__pwned === undefined")
    assert visit.map_eval("() => window.__pwned === undefined")
    assert page.locator('img[src="x"]').count() == 0
    assert visit.dialogs == []
    assert set(visit.query()) <= {"date", "country", "focus"}
    assert visit.frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == (
        boundary_count()
    )
    visit.close()


def test_keyboard_alone_finds_a_state_by_another_name(server, browser):
    """Tab reaches the state finder; "Ivory Coast" and Enter open Côte d'Ivoire's history."""
    visit = Visit(browser)
    page = visit.open(f"{server.url}/?date=2026-03-01")
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("Find a state"):
            break
    else:
        pytest.fail("Tab never reached the state finder")
    page.keyboard.type("Ivory Coast")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Côte d'Ivoire (CIV)").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('country=CIV')")
    visit.close()


def test_compare_view_with_both_dates_and_the_charts(server, browser):
    visit = Visit(browser, height=1400)
    page = visit.open(f"{server.url}/?compare=2025-06-01..2026-03-01")
    visit.wait_for_map("1 March 2026")
    page.get_by_text("changes under the Ottawa Convention between", exact=False).first.wait_for(
        timeout=20_000
    )
    assert page.get_by_text("Poland: State Party → withdrawn").count() >= 1
    assert page.get_by_text("164 on 1 June 2025", exact=False).count() >= 1  # the other day
    outline = visit.map_eval(
        """() => { let c = null; window.map.eachLayer((l) => {
            if (l.feature && l.feature.properties.iso3 === 'POL' && l.options.interactive === false
                && l.options.stroke && l.options.color !== '#ffffff') { c = l.options.color; } });
            return c; }"""
    )
    from treatymap.style import MARK

    assert outline == MARK["changed"].line.colour
    visit.screenshot("compare-view", full=False)
    page.get_by_text("Show the charts over time").click()
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.locator('[data-testid="stVegaLiteChart"]').first.scroll_into_view_if_needed()
    visit.screenshot("charts", full=False)
    visit.assert_stayed_home(f"127.0.0.1:{server.port}")
    visit.close()


def test_the_ccm_lithuania_both_treaties_and_an_old_link(server, browser, atlas):
    """Issue 10: Lithuania bound under the CCM on 5 March 2025, no longer on 6 March."""
    visit = Visit(browser, height=1300)
    page = visit.open(f"{server.url}/?date=2025-03-05")
    page.get_by_role("radio", name="Convention on Cluster Munitions").click()
    page.get_by_role(
        "heading", name="Who is bound by the Convention on Cluster Munitions?"
    ).wait_for(timeout=20_000)
    visit.wait_for_map("5 March 2025")
    assert visit.fill_of("LTU") == fill(Status.WITHDRAWAL_PENDING)  # still bound
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")
    visit.wait_for_map("6 March 2025")
    assert visit.fill_of("LTU") == fill(Status.WITHDRAWN)
    page.wait_for_function("() => location.search.includes('treaty=ccm')")
    visit.screenshot("ccm-map-desktop", full=False)
    page.goto(f"{server.url}/?treaty=ccm&date=2026-01-01&country=LTU")
    visit.wait_for_map("1 January 2026")
    page.get_by_role("heading", name="Lithuania (LTU)").wait_for(timeout=20_000)
    panel = page.locator('[data-testid="stTabs"]').first
    for words in ("Ottawa Convention", "Convention on Cluster Munitions", "since 6 March 2025",
                  "since 27 December 2025"):  # fmt: skip
        assert panel.get_by_text(words, exact=False).count() >= 1, words
    visit.screenshot("lithuania-panel-desktop", full=False)
    table = page.get_by_role("table").filter(has_text="Lithuania").first
    table.scroll_into_view_if_needed()
    visit.screenshot("border-table-desktop", full=False)
    page.goto(f"{server.url}/?date=2026-01-01&country=LTU")  # a link from before the CCM
    visit.wait_for_map("1 January 2026")
    assert page.get_by_role("radio", name="Ottawa Convention").is_checked()
    assert visit.fill_of("LTU") == fill(Status.WITHDRAWN)
    visit.close()
    phone = Visit(browser, width=390, height=844)
    phone.open(f"{server.url}/?treaty=ccm&date=2026-01-01&country=LTU")
    phone.screenshot("ccm-lithuania-phone", full=True)
    phone.close()


def test_play_goes_through_the_key_moments_and_the_map_follows(server, browser, atlas):
    """Issue 9: Play changed the page into an error at every step. Now each step draws the
    next key moment and no error appears, until the last moment switches Play off."""
    visit = Visit(browser)
    page = visit.open(f"{server.url}/?date=2025-12-01")
    last = max(TODAY, max(m.day for m in atlas.moments["ottawa"]))
    expected = [
        long_date(m.day) for m in atlas.moments["ottawa"] if date(2025, 12, 1) < m.day <= last
    ]
    assert expected, "there are moments to play"
    page.get_by_text("Play the moments").click()
    seen = []
    for _ in range(len(expected) * 12):
        page.wait_for_timeout(500)
        assert visit.errors() == []
        day = visit.map_day()
        if day and (not seen or seen[-1] != day):
            seen.append(day)
        if seen and seen[-1] == expected[-1]:
            break
    assert [d for d in seen if d in expected] == expected
    page.wait_for_timeout(3000)
    assert visit.errors() == []
    assert page.get_by_role("switch", name="Play the moments").is_checked() is False
    visit.close()


def test_play_is_hidden_when_the_reader_asks_for_reduced_motion(server, browser):
    visit = Visit(browser, reduced_motion="reduce")
    page = visit.open(f"{server.url}/?date=2025-12-01")
    assert page.get_by_role("switch", name="Play the moments").is_visible() is False
    assert page.get_by_role("button", name="Next moment ▶").is_visible()
    assert visit.map_eval("() => window.map.options.zoomAnimation") is False
    visit.close()


def test_back_and_forward_follow_the_readers_views(server, browser):
    """Issue 9: Back snapped the address back and did nothing. Now it shows the previous day."""
    visit = Visit(browser)
    page = visit.open(f"{server.url}/?date=2025-12-20")
    slider = page.get_by_role("slider").first
    for day in (21, 22, 23):
        slider.focus()
        slider.press("ArrowRight")
        visit.wait_for_map(f"{day} December 2025")
        page.wait_for_function(f"() => location.search.includes('date=2025-12-{day}')")
        settle(visit)
    page.go_back()
    visit.wait_for_map("22 December 2025")
    settle(visit)
    assert "date=2025-12-22" in page.url
    assert page.get_by_role("slider").first.get_attribute("aria-valuetext") == "22 Dec 2025"
    page.go_back()
    visit.wait_for_map("21 December 2025")
    settle(visit)
    page.go_forward()
    visit.wait_for_map("22 December 2025")
    settle(visit)
    assert "date=2025-12-22" in page.url
    assert visit.errors() == []
    visit.close()


def test_an_embedded_view_shows_what_an_article_needs(server, browser):
    visit = Visit(browser, width=800, height=900)
    page = visit.open(f"{server.url}/?embed=true&date=2025-12-27&country=EST")
    visit.wait_for_map("27 December 2025")
    assert page.get_by_role("slider").count() == 0  # no controls unless the embed asks
    assert page.get_by_text("Open the full dashboard at this view").count() == 1
    link = page.get_by_role("link", name="Open the full dashboard at this view")
    assert "date=2025-12-27" in link.get_attribute("href") and "embed" not in link.get_attribute(
        "href"
    )
    assert page.get_by_text("States Parties").count() >= 1
    query = visit.query()
    assert query["embed"] == ["true"] and query["date"] == ["2025-12-27"]
    visit.close()
    moving = Visit(browser, width=800, height=900)
    page = moving.open(f"{server.url}/?embed=true&controls=date&date=2025-12-27")
    assert page.get_by_role("slider").count() == 1
    moving.close()


def test_the_embed_code_shows_the_pinned_view_in_a_page_that_embeds_it(server, browser):
    from treatymap.ui.publish import embed_code

    src = f"{server.url}/?{urlencode({'date': '2025-12-27', 'country': 'EST'})}&embed=true"
    visit = Visit(browser, width=1000, height=1000)
    visit.page.set_content(
        "<!doctype html><html lang=en><title>An article</title><main><h1>An article</h1>"
        + embed_code(src, "Who is bound by the Ottawa Convention on 27 December 2025", 800)
        + "</main></html>"
    )
    article = visit.page.frame_locator("iframe[title^='Who is bound']")
    article.frame_locator(MAP_FRAME).locator(
        '.leaflet-container[data-treatymap-day="27 December 2025"]'
    ).wait_for(timeout=60_000)
    assert article.get_by_text("Open the full dashboard at this view").count() == 1
    visit.close()


# --- A seeded random walk through every control ------------------------------------------------

#: A few hundred steps (about four minutes here); TREATYMAP_WALK_STEPS changes it.
STEPS = int(os.environ.get("TREATYMAP_WALK_STEPS", "300"))
STATES_TO_CLICK = ("FIN", "EST", "POL", "UKR", "NOR", "LTU", "BLR", "DEU")


def _walk_step(visit: Visit, rng: random.Random) -> str:
    page = visit.page
    action = rng.choice(
        ["slider", "slider", "type", "jump", "step", "focus", "treaty", "compare", "tab",
         "click", "click", "sea", "back", "forward"]
    )  # fmt: skip
    if action == "slider":
        slider = page.get_by_role("slider").first
        slider.focus()
        # One key at a time, each run let finish: keys pressed faster than Streamlit 1.67's
        # slider commits them can leave its label on another day than the app's (the map and
        # the URL agree; see the README's known issue), which is not this page's doing.
        for _ in range(rng.randint(1, 3)):
            slider.press(rng.choice(["ArrowRight", "ArrowLeft", "PageUp", "PageDown"]))
            settle(visit)
    elif action == "type":
        day = date(rng.randint(2009, 2026), rng.randint(1, 12), rng.randint(1, 28))
        box = page.get_by_label("Go to a date (press Enter)")
        box.fill(rng.choice([day.isoformat(), long_date(day)]))
        box.press("Enter")
    elif action == "jump":
        # Scrolled into view and let rest first: a click while the page still scrolls can land
        # as the box moves, and then focuses it without opening its list (seed 767601, step 61).
        chooser = page.get_by_label("Jump to a key moment")
        chooser.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        chooser.click()
        options = page.get_by_role("option")
        try:
            options.first.wait_for(timeout=3_000)
        except Exception:  # focused but not opened: the keyboard opens it, as a reader would
            chooser.press("ArrowDown")
            options.first.wait_for(timeout=10_000)
        options.nth(rng.randrange(max(1, options.count()))).click()
    elif action == "step":
        page.get_by_role("button", name=rng.choice(["Next moment ▶", "◀ Previous moment"])).click()
    elif action == "focus":
        page.get_by_role("radio", name=rng.choice(["Border states", "Europe", "World"])).click()
    elif action == "treaty":
        page.get_by_role(
            "radio", name=rng.choice(["Ottawa Convention", "Convention on Cluster Munitions"])
        ).click()
    elif action == "compare":
        page.get_by_text("Compare with another date").click()
    elif action == "tab":
        page.get_by_role("tab", name=rng.choice(["State history", "Source feed"])).click()
    elif action == "click":
        visit.click_state(rng.choice(STATES_TO_CLICK))
    elif action == "sea":
        box = page.locator(MAP_FRAME).bounding_box()
        page.mouse.click(box["x"] + 60, box["y"] + box["height"] - 40)
    elif action == "back":
        page.go_back()
    else:
        page.go_forward()
    return action


def _until_the_url_and_the_slider_agree(visit: Visit, seconds: float = 8.0) -> None:
    """Wait (at most ``seconds``) until the URL's date is the day the slider shows; the caller
    then asserts, so a view that never agrees still fails."""
    deadline = time.monotonic() + seconds
    waited = False
    while time.monotonic() < deadline:
        slider = visit.page.get_by_role("slider").first.get_attribute("aria-valuetext")
        dates = visit.query().get("date") or []
        if dates:
            shown = date.fromisoformat(dates[0])
            if slider == f"{shown.day} {shown:%b %Y}":
                if waited:  # a late run: let it finish drawing
                    settle(visit)
                return
        waited = True
        visit.page.wait_for_timeout(200)


def test_a_random_walk_through_every_control(server, browser):
    """After every step: no error, the map drawn, and the URL describes the view shown."""
    seed = int(os.environ.get("TREATYMAP_WALK_SEED", random.SystemRandom().randrange(10**6)))
    print(f"random walk seed {seed} (TREATYMAP_WALK_SEED={seed} replays it)")
    rng = random.Random(seed)
    visit = Visit(browser, height=1200)
    visit.open(f"{server.url}/?date=2025-12-20")
    done = []
    for step in range(STEPS):
        try:
            done.append(_walk_step(visit, rng))
            if not visit.page.url.startswith(server.url):  # Back left the app: come back
                visit.page.goto(f"{server.url}/?date=2025-12-20")
            settle(visit)
            visit.wait_for_map()
            settle(visit)
        except Exception as exc:
            raise AssertionError(f"seed {seed}, step {step}, after {done[-5:]}: {exc}") from exc
        where = f"seed {seed}, step {step}, after {done[-5:]}, at {visit.page.url}"
        assert visit.errors() == [], f"{where}: {visit.errors()}"
        # The slider sends its value after a short debounce, so a run may start after the
        # page looked settled: give the view a few seconds to agree before judging it.
        _until_the_url_and_the_slider_agree(visit)
        where = f"seed {seed}, step {step}, after {done[-5:]}, at {visit.page.url}"
        shown = date.fromisoformat(visit.query()["date"][0])
        try:
            visit.wait_for_map(long_date(shown))
        except Exception as exc:
            raise AssertionError(
                f"{where}: the URL says {shown}, the map shows {visit.map_day()!r}, the slider "
                f"{visit.page.get_by_role('slider').first.get_attribute('aria-valuetext')}; "
                f"console: {visit.console[-5:]} ({exc})"
            ) from exc
        slider = visit.page.get_by_role("slider").first.get_attribute("aria-valuetext")
        assert slider == f"{shown.day} {shown:%b %Y}", f"{where}: the slider shows {slider}"
    visit.close()
