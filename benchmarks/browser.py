"""Figures taken in a real headless Chromium (Debian's, driven by Playwright), on 127.0.0.1.

The same measurements run against the real app and the naive one, with one rule for "drawn"
that fits both: the map's Leaflet instance (``window.map`` in the streamlit-folium iframe) holds
an SVG path for every boundary, and Estonia's path has the fill of the day. Each run uses a new
browser context (empty cache), as a first-time reader would.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from harness import CHROMIUM, CHROMIUM_FLAGS, MAP_FRAME
from playwright.sync_api import Browser, Frame, Locator, Page, sync_playwright

from treatymap.ui.page import REST_OF_PAGE

#: Estonia: its withdrawal is pending on the first day and takes effect on the next one.
PROBE = "EST"
FIRST_DAY = ("2025-12-26", "26 December 2025")
NEXT_DAY = "27 December 2025"
#: Further one-day steps after the first, each timed to the map showing the new day (real app).
FURTHER_DAYS = ("28 December 2025", "29 December 2025", "30 December 2025", "31 December 2025")
CLICKED = ("FIN", "Finland (FIN)")
TIMEOUT_MS = 60_000

#: For a Leaflet map ``m``: [paths drawn, PROBE's fill, the real app's day attribute (the
#: server's payload, "27 December 2025"), the day its colours show ("2025-12-27": the slider's
#: day, looked up in the bundle before the server answers, or the payload's)] or null.
MAP_STATE_JS = """
(m, probe) => {
  if (!m || !m._layers) { return null; }
  let count = 0, fill = null;
  for (const id in m._layers) {
    const l = m._layers[id];
    // the shapes a reader clicks (the real app also draws halos and marks over them)
    if (l.feature && l._path && l.options.interactive !== false) {
      count += 1;
      if (l.feature.properties && l.feature.properties.iso3 === probe) {
        fill = l._path.getAttribute("fill");
      }
    }
  }
  const box = m.getContainer();
  return [count, fill, box.getAttribute("data-treatymap-day"),
          box.getAttribute("data-treatymap-shown")];
}
"""
#: The same, run in the map's iframe.
STATE_JS = f"(probe) => ({MAP_STATE_JS.strip()})(window.map, probe)"

#: In the page, before a slider step: the browser's own clock from the key press to the map
#: recoloured (every path drawn, the probe's fill changed, the colours showing the new day) and
#: to the server's payload for that day in the map. Playwright's own checks run when the page's
#: busy thread lets them, often after the run's whole page is built: they saw a map recoloured
#: 25 ms after the key only some 250 ms after it.
ARM_STEP_JS = f"""
([frame, probe, shapes, notFill, shown, day]) => {{
  const look = {MAP_STATE_JS.strip()};
  const step = window.__step = {{key: null, recolour: null, reply: null}};
  document.addEventListener("keydown", () => {{ step.key = performance.now(); }},
                            {{capture: true, once: true}});
  const poll = () => {{
    if (step.key !== null) {{
      const box = document.querySelector(frame), w = box && box.contentWindow;
      const s = look(w && w.map, probe), now = performance.now();
      const drawn = s && s[0] >= shapes && s[1] && s[1] !== notFill;
      if (drawn && step.recolour === null && (!shown || s[3] === shown || s[2] === day)) {{
        step.recolour = now;
      }}
      if (drawn && step.reply === null && (!day || s[2] === day)) {{ step.reply = now; }}
      if (step.recolour !== null && step.reply !== null) {{ return; }}
    }}
    setTimeout(poll, 4);
  }};
  poll();
}}
"""

WAIT_JS = f"""
([probe, shapes, notFill, day]) => {{
  const state = ({STATE_JS.strip()})(probe);
  if (!state || state[0] < shapes || !state[1] || state[1] === notFill) {{ return false; }}
  if (day && state[2] !== day) {{ return false; }}
  return true;
}}
"""

CENTRE_JS = """
(code) => {
  let point = null;
  window.map.eachLayer((l) => {
    if (l.feature && l.feature.properties && l.feature.properties.iso3 === code) {
      point = window.map.latLngToContainerPoint(l.getCenter()); } });
  return [point.x, point.y];
}
"""

FOCUS_JS = """
(code) => {
  window.map.eachLayer((l) => {
    if (l.feature && l.feature.properties && l.feature.properties.iso3 === code) {
      window.map.setView(l.getCenter(), window.map.getZoom(), {animate: false}); } });
}
"""

#: In the page, before a click on the map: from the click (stamped in the map's frame by
#: CLICK_STAMP_JS) to a heading with the state's name in the page, on the browser's clock
#: (milliseconds since the epoch, which both frames share).
ARM_CLICK_JS = """
(name) => {
  const click = window.__click = {key: null, panel: null};
  const poll = () => {
    const heads = document.querySelectorAll("h1, h2, h3");
    if (click.key !== null && [...heads].some((h) => h.textContent.includes(name))) {
      click.panel = performance.timeOrigin + performance.now(); return;
    }
    setTimeout(poll, 4);
  };
  poll();
}
"""
CLICK_STAMP_JS = """
() => document.addEventListener("click", () => {
  window.parent.__click.key = performance.timeOrigin + performance.now(); },
  {capture: true, once: true})
"""


@dataclass
class RunFigures:
    first_render_ms: float
    slider_recolour_ms: float
    click_panel_ms: float
    bytes_per_slider_move: int
    deflated_bytes_per_slider_move: int
    zoom_kept: bool
    reruns_per_pan: int
    #: slider step, split: key press -> rerun request sent (the slider's own debounce),
    #: -> last frame of the reply received, -> its payload in the map.
    step_split_ms: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: the steps after the first (real app only), each to the map showing the new day
    further_steps_ms: tuple[float, ...] = ()
    #: each step (the first, then the further ones) to the server's payload for the new day
    #: in the map (its legend and summary; the page's own run is done about then). For the
    #: real app the colours come before it (the map follows the slider from the bundle).
    reply_steps_ms: tuple[float, ...] = ()


@dataclass
class Visit:
    """A new context and page, recording websocket frames both ways."""

    page: Page
    received: list[bytes] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)
    deflated: list[int] = field(default_factory=list)
    received_at: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)

    @classmethod
    def open(cls, browser: Browser) -> Visit:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        visit = cls(context.new_page())
        # permessage-deflate keeps one compression context per connection: so do we, to
        # estimate what actually crosses the wire when websocket compression is on.
        compressor = zlib.compressobj(wbits=-15)

        def received(payload: bytes | str) -> None:
            data = payload if isinstance(payload, bytes) else payload.encode()
            visit.received.append(data)
            visit.received_at.append(time.perf_counter())
            visit.deflated.append(
                len(compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)) - 4
            )

        def on_socket(ws) -> None:
            ws.on("framereceived", received)

            def sent(payload: bytes | str) -> None:
                visit.sent.append(payload if isinstance(payload, bytes) else payload.encode())
                visit.sent_at.append(time.perf_counter())

            ws.on("framesent", sent)

        visit.page.on("websocket", on_socket)
        return visit

    def map_frame(self) -> Frame:
        handle = self.page.locator(MAP_FRAME).element_handle(timeout=TIMEOUT_MS)
        frame = handle.content_frame()
        assert frame is not None
        return frame

    def wait_drawn(self, shapes: int, not_fill: str | None, day: str | None) -> None:
        """Until every shape is drawn and the probe's fill is set (and differs from not_fill)."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            try:
                self.map_frame().wait_for_function(
                    WAIT_JS, arg=[PROBE, shapes, not_fill, day], timeout=TIMEOUT_MS, polling="raf"
                )
                return
            except Exception:
                # the iframe may be replaced while a map is rebuilt: look again
                if time.monotonic() > deadline:
                    raise

    def step(
        self, slider: Locator, shapes: int, not_fill: str | None, day: str | None
    ) -> tuple[float, float]:
        """One ArrowRight on the focused slider: milliseconds from the key to the map
        recoloured, and to the server's payload for ``day`` in it (the browser's clock)."""
        shown = iso_day(day) if day else None
        self.page.evaluate(ARM_STEP_JS, [MAP_FRAME, PROBE, shapes, not_fill, shown, day])
        slider.press("ArrowRight")
        self.page.wait_for_function(
            "() => window.__step && window.__step.reply !== null", timeout=TIMEOUT_MS
        )
        step = self.page.evaluate("() => window.__step")
        return step["recolour"] - step["key"], step["reply"] - step["key"]

    def state(self) -> list:
        return self.map_frame().evaluate(STATE_JS, PROBE)

    def close(self) -> None:
        self.page.context.close()


def rerun_requests(frames: list[bytes]) -> int:
    """How many of the browser's websocket messages asked for a script run."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    count = 0
    for raw in frames:
        msg = BackMsg()
        try:
            msg.ParseFromString(raw)
        except Exception:
            continue
        count += msg.WhichOneof("type") == "rerun_script"
    return count


def iso_day(long: str) -> str:
    """ "27 December 2025" -> "2025-12-27"."""
    return datetime.strptime(long, "%d %B %Y").date().isoformat()


def settle(page: Page, ms: int = 1500) -> None:
    page.wait_for_timeout(ms)


def one_run(browser: Browser, url: str, shapes: int, real: bool, pan_counter=None) -> RunFigures:
    """First render, a slider step (bytes, zoom kept), a drag, then a click on a state."""
    visit = Visit.open(browser)
    page = visit.page
    try:
        started = time.perf_counter()
        page.goto(f"{url}/?date={FIRST_DAY[0]}")
        visit.wait_drawn(shapes, None, FIRST_DAY[1] if real else None)
        first = (time.perf_counter() - started) * 1000
        # the rest of the page, which a session's first run leaves until the map is drawn
        page.get_by_text(REST_OF_PAGE).wait_for(state="detached", timeout=TIMEOUT_MS)
        settle(page)

        # The reader's own view: zoom 5 over the Baltic, then one step of the slider.
        visit.map_frame().evaluate(
            "() => { window.__sameMap = true; window.map.setView([58, 24], 5, {animate: false}); }"
        )
        settle(page, 800)
        before_fill = visit.state()[1]
        slider = page.get_by_role("slider").first
        slider.focus()
        visit.received.clear()
        visit.deflated.clear()
        visit.received_at.clear()
        visit.sent_at.clear()
        started = time.perf_counter()
        recolour, reply = visit.step(slider, shapes, before_fill, NEXT_DAY if real else None)
        done = time.perf_counter()
        replies = [reply]
        asked = visit.sent_at[0] if visit.sent_at else started
        replied = max([t for t in visit.received_at if t <= done] or [asked])
        split = (
            round((asked - started) * 1000),
            round((replied - asked) * 1000),
            round((done - replied) * 1000),
        )
        settle(page)
        payload = sum(len(f) for f in visit.received)
        deflated = sum(visit.deflated)
        # A reader moving on through the days: the following steps, each to its new day drawn.
        further = []
        for day in FURTHER_DAYS if real else ():
            recoloured, replied_ms = visit.step(slider, shapes, None, day)
            further.append(recoloured)
            replies.append(replied_ms)
            settle(page, 600)
        view = visit.map_frame().evaluate(
            """() => { const c = window.map.getCenter();
                return [window.__sameMap === true, window.map.getZoom(), c.lat, c.lng]; }"""
        )
        zoom_kept = bool(
            view[0] and view[1] == 5 and abs(view[2] - 58) < 0.01 and abs(view[3] - 24) < 0.01
        )

        # One drag of the map with the mouse: how many script runs does it cause?
        box = page.locator(MAP_FRAME).bounding_box()
        assert box is not None
        before_runs = pan_counter() if pan_counter else 0
        visit.sent.clear()
        x, y = box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.4
        page.mouse.move(x, y)
        page.mouse.down()
        for i in range(1, 11):
            page.mouse.move(x + 15 * i, y + 8 * i)
            page.wait_for_timeout(16)
        page.mouse.up()
        settle(page, 2000)
        reruns = (pan_counter() - before_runs) if pan_counter else rerun_requests(visit.sent)

        # A click on a state, to its panel: the state brought to the middle of the map first
        # (after the drag its middle can sit under the map's legend, or outside the frame).
        visit.map_frame().evaluate(FOCUS_JS, CLICKED[0])
        settle(page, 500)
        cx, cy = visit.map_frame().evaluate(CENTRE_JS, CLICKED[0])
        box = page.locator(MAP_FRAME).bounding_box()
        assert box is not None
        page.evaluate(ARM_CLICK_JS, CLICKED[1])
        visit.map_frame().evaluate(CLICK_STAMP_JS)
        page.mouse.click(box["x"] + cx, box["y"] + cy)
        page.wait_for_function("() => window.__click.panel !== null", timeout=TIMEOUT_MS)
        clicked = page.evaluate("() => window.__click")
        click = clicked["panel"] - clicked["key"]
        return RunFigures(
            first,
            recolour,
            click,
            payload,
            deflated,
            zoom_kept,
            reruns,
            split,
            tuple(further),
            tuple(replies),
        )
    finally:
        visit.close()


def measure(url: str, shapes: int, runs: int, real: bool, pan_counter=None) -> list[RunFigures]:
    """``runs`` visits in one headless Chromium."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            return [one_run(browser, url, shapes, real, pan_counter) for _ in range(runs)]
        finally:
            browser.close()
