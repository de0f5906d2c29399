"""What readers hit, in Chromium, on the shared server (tests/conftest.py): the copy buttons,
a phone's first screen and its touch gestures, focus rings, text cut short, Back from the first
view; and every view as a web page: the first view painted before the app's script, handing
over to the live map without a shift, and standing alone with JavaScript off.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import MAP_FRAME, Visit, require_chromium

pytestmark = pytest.mark.browser
require_chromium()

PHONE = {"width": 390, "height": 844, "is_mobile": True, "has_touch": True}


# --- copy buttons ---------------------------------------------------------------------------

#: Each copy button and the box whose text it copies.
COPIES = {
    "Copy the link": "Link to this view (the date is pinned, so it will not drift)",
    "Copy the citation": "Citation",
    "Copy the BibTeX": "BibTeX",
    "Copy the embed code": "Embed code (paste into your page's HTML)",
    "Copy the snapshot's embed code": "Or host the offline snapshot (below) anywhere and embed it",
}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_every_copy_button_puts_what_its_box_shows_on_the_clipboard(server, browser, device):
    size = PHONE if device == "phone" else {"width": 1400, "height": 1000}
    visit = Visit(browser, permissions=["clipboard-read", "clipboard-write"], **size)
    page = visit.open(f"{server.url}/?date=2025-12-27&country=EST")
    page.get_by_text("Cite this view").click()
    page.get_by_label("BibTeX").wait_for(timeout=20_000)
    page.get_by_text("Embed this view in a page").click()
    page.get_by_label(COPIES["Copy the embed code"]).wait_for(timeout=20_000)
    for button, box in COPIES.items():
        shown = page.get_by_label(box, exact=True).input_value()
        page.get_by_role("button", name=button, exact=True).click()
        said = page.get_by_role("button", name=button, exact=True).locator("xpath=..")
        said.get_by_text("Copied").wait_for(timeout=5_000)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == shown, button
        assert copied not in ("", "null")
    assert "<iframe" in page.get_by_label(COPIES["Copy the embed code"]).input_value()
    visit.close()


# --- a phone ----------------------------------------------------------------------------------


def test_a_shared_link_naming_a_state_answers_on_a_phones_first_screen(server, browser):
    """Lithuania's line shows right under the map within 844 px; a tap on it goes to the
    history, and the address stays the view's."""
    visit = Visit(browser, **PHONE)
    page = visit.open(f"{server.url}/?date=2026-01-09&country=LTU")
    line = page.locator(".tm-state-line")
    box, frame = line.bounding_box(), page.locator(MAP_FRAME).bounding_box()
    assert line.inner_text().startswith(
        "Lithuania: no longer bound by the Ottawa Convention since 27 December 2025"
    )
    assert 0 <= box["y"] - (frame["y"] + frame["height"]) < 40, "right under the map"
    assert box["y"] + box["height"] <= 844, f"the line ends at {box['y'] + box['height']:.0f} px"
    visit.screenshot("phone-shared-link-lithuania", full=False)
    url = page.url
    line.get_by_role("link", name="history ↓").click()
    heading = page.get_by_role("heading", name="Lithuania (LTU)")
    page.wait_for_function(
        "() => { const h = document.getElementById('state-history');"
        " return h && Math.abs(h.getBoundingClientRect().top) < 120; }",
        timeout=10_000,
    )
    assert heading.is_visible() and page.url == url
    visit.close()


def _scroll_top(page) -> float:
    return page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")


def _touch(cdp, tracks: list[list[tuple[float, float]]]) -> None:
    """One gesture: each finger follows its track of points (all fingers move together)."""

    def points(i: int) -> list[dict[str, float]]:
        return [{"x": t[i][0], "y": t[i][1]} for t in tracks]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
    for i in range(1, len(tracks[0])):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(i)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_one_finger_scrolls_the_page_and_two_fingers_move_the_map(server, browser):
    visit = Visit(browser, **PHONE)
    page = visit.open(f"{server.url}/?date=2026-01-09")
    frame = page.locator(MAP_FRAME).bounding_box()
    x, y = frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] * 0.8
    center = "() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }"
    before_map, before_page = visit.map_eval(center), _scroll_top(page)
    cdp = page.context.new_cdp_session(page)
    _touch(cdp, [[(x, y - 25 * i) for i in range(11)]])
    page.wait_for_timeout(700)
    assert _scroll_top(page) - before_page > 120, "one finger on the map scrolls the page"
    assert visit.map_eval(center) == before_map, "and leaves the map where it was"
    assert visit.map_eval("() => !!document.querySelector('.tm-hint')"), "with a hint"
    # Two fingers together move the map.
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    frame = page.locator(MAP_FRAME).bounding_box()
    x, y = frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2
    _touch(cdp, [[(x - 40 + 8 * i, y + 3 * i) for i in range(11)],
                 [(x + 40 + 8 * i, y + 3 * i) for i in range(11)]])  # fmt: skip
    page.wait_for_timeout(700)
    after = visit.map_eval(center)
    assert after[1] < before_map[1] - 0.5, "two fingers dragged the map westwards"
    visit.close()


# --- focus rings and text cut short ------------------------------------------------------------

#: The colour behind an element and its focus ring, and the contrast between them (WCAG 2.x).
RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  // What is around the ring: the background of the nearest box that holds the ring whole
  // (a slider's thin track, inside the ring, is not around it).
  const r = e.getBoundingClientRect(), reach = parseFloat(s.outlineOffset || 0)
    + parseFloat(s.outlineWidth || 0);
  let ground = null;
  for (let n = e.parentElement; n && !ground; n = n.parentElement) {
    const b = n.getBoundingClientRect();
    const holds = b.left <= r.left - reach && b.right >= r.right + reach
      && b.top <= r.top - reach && b.bottom >= r.bottom + reach;
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (holds && (c.length === 3 || (c.length === 4 && c[3] > 0.9))) { ground = c.slice(0, 3); }
  }
  ground = ground || [255, 255, 255];
  let ring = null, width = 0;
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
    ring = rgb(s.outlineColor).slice(0, 3); width = parseFloat(s.outlineWidth);
  } else if (s.boxShadow && s.boxShadow !== 'none') {
    ring = rgb(s.boxShadow).slice(0, 3);
    width = Math.max(...(s.boxShadow.match(/(\\d+)px/g) || ['0']).map(parseFloat));
  }
  const label = (e.getAttribute('role') || e.tagName) + ' ' + (e.getAttribute('aria-label') || '');
  if (!ring) { return [label, (e.innerText || '').slice(0, 30), 0, 0]; }
  const [a, b] = [lum(ring), lum(ground)].sort((x, y) => y - x);
  return [label, (e.innerText || '').slice(0, 30), (a + 0.05) / (b + 0.05), width];
}"""


def test_every_focus_ring_has_three_to_one_contrast_the_slider_included(server, browser):
    visit = Visit(browser, height=1200)
    page = visit.open(server.url + "/?date=2026-01-09&country=FIN")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        tag = page.evaluate("() => document.activeElement.tagName")
        if tag in ("BODY", "IFRAME"):
            continue
        label, text, contrast, width = page.evaluate(RING)
        seen.append(label)
        assert contrast >= 3 and width >= 2, f"{label} {text!r}: {contrast:.2f}:1, {width}px"
    assert "INPUT Date" in seen, "Tab never reached the date slider"
    visit.close()


#: Text boxes in the page whose words run past their box and are cut (an ellipsis or a clip).
CUT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')].filter((e) => {
  if (e.closest('[data-testid="stDataFrame"], iframe, svg, [data-testid="stVegaLiteChart"]'))
    return false;
  const s = getComputedStyle(e);
  const cuts = s.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(s.overflowX);
  const text = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  return cuts && text && e.scrollWidth > e.clientWidth + 1 && e.getClientRects().length;
}).map((e) => e.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_no_control_cuts_its_words_short(server, browser, width, height):
    """The figures' labels, their compare-mode deltas, the step buttons and the treaty's
    buttons, at a desktop's and a phone's width; and the map's tooltips stay inside the map."""
    visit = Visit(browser, width=width, height=height)
    page = visit.open(server.url + "/?compare=2025-01-01..2026-01-01&date=2026-01-01")
    step = page.get_by_role("button", name="Next moment ▶")
    if not step.is_visible():  # the time controls start open unless a state is named
        page.get_by_text("Move through time, or compare two dates").click()
    step.wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert page.evaluate(CUT) == []
    visit.screenshot(f"controls-{width}", full=False)
    frame = page.locator(MAP_FRAME)
    frame.scroll_into_view_if_needed()
    point = visit.point_of("FIN")
    page.mouse.move(*point)
    visit.frame.locator(".leaflet-tooltip").last.wait_for(timeout=5_000)
    inside = visit.map_eval(
        """() => [...document.querySelectorAll('.leaflet-tooltip')].every((tip) => {
                   const t = tip.getBoundingClientRect();
                   const m = window.map.getContainer().getBoundingClientRect();
                   return t.left >= m.left - 1 && t.right <= m.right + 1; })"""
    )
    assert inside, "the tooltip runs off the map"
    visit.close()


def test_one_back_from_the_first_view_leaves_the_app(server, browser):
    visit = Visit(browser)
    page = visit.open(server.url + "/")
    page.wait_for_function("() => location.search.includes('date=')")
    page.wait_for_timeout(500)
    page.go_back()
    page.wait_for_timeout(500)
    assert page.url == "about:blank"
    visit.close()


# --- the first view ------------------------------------------------------------------------------

#: Before the page's own scripts: when paint happened, every layout shift, and when the live map
#: said it was drawn.
WATCH = """(() => { if (window !== window.top) return;
  window.__tm = {shifts: [], paints: {}, drawn: null};
  new PerformanceObserver((list) => { for (const e of list.getEntries())
      window.__tm.shifts.push([e.startTime, e.value, e.hadRecentInput]); })
    .observe({type: 'layout-shift', buffered: true});
  new PerformanceObserver((list) => { for (const e of list.getEntries())
      window.__tm.paints[e.name] = e.startTime; })
    .observe({type: 'paint', buffered: true});
  window.addEventListener('treatymap:drawn', () => { window.__tm.drawn = performance.now(); });
})()"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_first_view_is_painted_before_the_live_map_which_takes_over_without_a_shift(
    server, browser, device
):
    size = PHONE if device == "phone" else {"width": 1400, "height": 1000}
    visit = Visit(browser, **size)
    visit.context.add_init_script(WATCH)
    page = visit.page
    page.goto(f"{server.url}/?date=2025-12-27&country=EST", wait_until="commit")
    first = page.locator("#tm-first-view")
    first.wait_for(timeout=20_000)
    assert "Estonia: no longer bound by the Ottawa Convention since 27 December 2025" in (
        first.inner_text()
    )
    visit.wait_for_map()
    assert first.count() == 0, "the live page took over"
    seen = page.evaluate("() => window.__tm")
    painted = seen["paints"]["first-contentful-paint"]
    assert seen["drawn"] is not None and painted < seen["drawn"]
    handover = sum(v for at, v, typed in seen["shifts"]
                   if not typed and seen["drawn"] - 50 <= at <= seen["drawn"] + 300)  # fmt: skip
    assert handover <= 0.05, f"layout shift when the live map took over: {handover:.3f}"
    assert page.locator("h1").count() == 1, "no heading is there twice"
    visit.close()


def test_with_javascript_off_the_first_view_shows_the_sentence_and_the_map(server, browser):
    visit = Visit(browser, java_script_enabled=False)
    page = visit.page
    page.goto(f"{server.url}/?date=2025-12-27")
    first = page.locator("#tm-first-view")
    assert first.is_visible()
    text = first.inner_text()
    assert text.startswith("Who is bound by the Ottawa Convention?")
    assert "On 27 December 2025," in text and "Record reviewed up to" in text
    assert "The interactive map needs JavaScript" in text
    svg = page.locator("#tm-fv-svg")
    assert svg.is_visible() and svg.bounding_box()["height"] > 300
    visit.screenshot("first-view-without-javascript")
    visit.close()


def test_axe_finds_nothing_in_the_first_view_alone(server, browser):
    """The first view as a reader sees it before the app's script (Streamlit's scripts held
    back, so the first view stays), at a desktop's and a phone's width."""
    for width in (1400, 390):
        visit = Visit(browser, width=width, height=900)
        visit.page.route(re.compile(r".*/static/js/.*"), lambda route: route.abort())
        visit.page.goto(f"{server.url}/?date=2026-01-09&country=FIN")
        visit.page.locator("#tm-first-view").wait_for(timeout=20_000)
        rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                 "wcag21aa", "best-practice"]}, "resultTypes": ["violations"]}  # fmt: skip
        found = Axe().run(visit.page, options=rules).response["violations"]
        assert [(v["id"], len(v["nodes"])) for v in found] == [], width
        visit.close()


def test_ukraines_panel_lists_every_objection_to_its_suspension_with_its_date(server, browser):
    """The reactions to Ukraine's declared suspension, together, each dated; the steps of the
    suspension worded as suspension."""
    from treatymap.data import load_dataset
    from treatymap.explain import long_date
    from treatymap.vocab import EventKind

    record = load_dataset().record
    objections = [
        e
        for e in record.events_of("ottawa", iso3="UKR", involving=True)
        if e.kind is EventKind.OBJECTION
    ]
    visit = Visit(browser, height=1400)
    page = visit.open(f"{server.url}/?date=2026-06-01&country=UKR")
    heading = page.get_by_role("heading", name=f"Objections from {len(objections)} states")
    heading.wait_for(timeout=20_000)
    listed = heading.locator("xpath=following::*[@data-testid='stMarkdownContainer'][1]")
    text = listed.inner_text()
    names = record.state_names()
    for e in objections:
        assert f"{long_date(e.date)}" in text and names[e.iso3] in text, e.iso3
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Parliament approved suspension" in body and "Suspension signed into law" in body
    assert "Parliament approved withdrawal" not in body
    visit.screenshot("ukraine-panel")
    visit.close()


def test_amended_protocol_ii_chosen_and_estonias_panel_under_three_treaties(server, browser):
    visit = Visit(browser, height=1400)
    page = visit.open(f"{server.url}/?date=2026-06-01")
    page.get_by_role("radio", name="Amended Protocol II").click()
    page.wait_for_function("() => location.search.includes('treaty=apii')", timeout=20_000)
    visit.wait_for_map()
    visit.click_state("EST")
    page.get_by_role("heading", name="Estonia (EST)").wait_for(timeout=20_000)
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    for treaty in ("Ottawa Convention", "Convention on Cluster Munitions", "Amended Protocol II"):
        assert treaty in text
    assert (
        "Estonia: no longer bound by the Ottawa Convention since 27 December 2025; bound by the "
        "Amended Protocol II's restrictions on mines since 20 October 2000" in text
    )
    assert "The Amended Protocol II does not ban anti-personnel mines: it restricts" in text
    assert "Under the Amended Protocol II: State Party (bound) since 20 October 2000" in text
    visit.screenshot("apii-estonia")
    visit.close()
