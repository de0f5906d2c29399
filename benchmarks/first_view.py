"""The first view a reader waits for, measured beside its floor: a bare Streamlit page.

    .venv/bin/python benchmarks/first_view.py            # a table with ratios and verdicts
    .venv/bin/python benchmarks/first_view.py --json
    .venv/bin/python benchmarks/first_view.py --runs 7 --slow-runs 3   # visits per cell

In one run, on 127.0.0.1, in Debian's headless Chromium (a new context each visit: empty cache,
as a reader arriving from an article):

* three apps: the bare page (``bare_app.py``, the floor), the naive dashboard (``naive_app.py``)
  and treatymap (``app.py``), each on its own server, visited in turn within each round of each
  cell (the order turning from round to round), so a ratio compares visits made at the same
  moment of this shared machine; treatymap once more behind the deploy recipe's nginx;
* two visits: a plain one (``/``) and a shared link with a state selected
  in Polish (``/?date=2026-01-09&country=FIN&lang=pl``);
* two networks: loopback, and Chromium's emulation of a slow 4G link (1.6 Mbit/s down,
  750 kbit/s up, 150 ms round trip, set over the DevTools protocol);
* per visit: milliseconds from navigation to the first view drawn (the bare page: its slider;
  a dashboard: every boundary drawn with the day's statuses), as the browser's own clock
  records it (:data:`STAMP_JS`, checked every 10 ms in the page and in the map's frame), and
  the bytes received until the
  network is quiet (from the DevTools protocol: each response as sent, headers and compressed
  body, and each websocket frame, which carries the app's elements) and requests;
* for treatymap, the first static view: from navigation to the first paint of the page (the
  view's own HTML carries its sentence, figures and a still map, painted before any script
  runs; the browser's paint timing), and the layout shift when the live map takes over (the
  shifts within 300 ms of the map saying it is drawn);
* on a 390 × 844 phone: where the map's top lands;
* the medians over the visits and their ratio; the verdict is on the median of each round's
  own ratio (treatymap's visit over the floor's, made beside it), which a slow moment of the
  machine moves less: in one run of seven rounds the medians' ratio was 1.53 × for the plain
  visit and 1.25 × for the shared link, two visits the app makes alike, and the rounds' ratios
  1.39 and 1.37 ×. Seven visits per loopback cell by default, three on slow 4G (where visits
  spread over a few per cent);
* a slider step on the bare page, to its reply (the round trip every Streamlit slider pays).

Targets (from the issues; the benchmark judges, tests never time anything): first view at most
1.2 × the floor on loopback and on slow 4G (must: 1.5 × and 1.25 ×); bytes at most the floor +
400 KB (must: + 1 MB); the first static view at most 0.6 × the floor's first view on loopback
(aim 0.4 ×) and 0.35 × on slow 4G (aim 0.2 ×); layout shift at the hand-over at most 0.05.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, CHROMIUM, CHROMIUM_FLAGS, MAP_FRAME, app_home, median, start_server
from playwright.sync_api import Browser, Page, sync_playwright

PLAIN = "/"
#: A shared link as a border state's newsroom passes it on: a state named, in Polish (the map's
#: frame then carries the state names in that language; the other apps ignore ``lang``).
SHARED = "/?date=2026-01-09&country=FIN&lang=pl"
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 93_750,
}
TIMEOUT_MS = 180_000
#: The apps measured side by side: the floor (a bare page), the naive dashboard, treatymap.
APPS = (("floor", BENCH / "bare_app.py"), ("naive", BENCH / "naive_app.py"), ("treatymap", None))
KIND = {"floor": "bare", "naive": "naive", "treatymap": "ours"}
#: (must, aim) for each ratio to the floor, and the bytes over it.
TARGETS = {
    "loopback_ratio": (1.5, 1.2),
    "slow4g_ratio": (1.25, 1.2),
    "bytes_over_floor": (1_000_000, 400_000),
    "static_loopback_ratio": (0.6, 0.4),
    "static_slow4g_ratio": (0.35, 0.2),
    "handover_shift": (0.05, None),
}

#: In the map's frame: every shape drawn and today's statuses applied (treatymap), or every
#: boundary drawn (naive).
DRAWN_JS = """
(shapes) => {
  const m = window.map;
  if (!m || !m._layers) { return false; }
  let count = 0;
  for (const id in m._layers) {
    const l = m._layers[id];
    if (l.feature && l._path && l.options.interactive !== false) { count += 1; }
  }
  const real = document.querySelector('.leaflet-container[data-treatymap-day]');
  const ours = document.querySelector('.tm-legend');
  return count >= shapes && (real !== null || ours === null);
}
"""


#: In every document of a visit, before its own scripts: the page notes when its navigation
#: began; a poll every 10 ms notes when the first view is drawn (the bare page's slider in the
#: page, :data:`DRAWN_JS` in the map's frame), on the browser's clock. Why not the moment
#: Playwright sees it: its check runs on the page's busy thread and once answered 0.8 s after
#: the map was on screen, while the page laid out the rest (measured with this probe).
STAMP_JS = """
(([drawn, shapes, bare]) => {
  const top = window === window.top;
  if (top) {
    window.__navigated = performance.timeOrigin;
    window.__shifts = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) {
      if (e.name === 'first-contentful-paint') { window.__painted = e.startTime; } } })
      .observe({type: 'paint', buffered: true});
    new PerformanceObserver((list) => { for (const e of list.getEntries()) {
      if (!e.hadRecentInput) { window.__shifts.push([e.startTime, e.value]); } } })
      .observe({type: 'layout-shift', buffered: true});
    window.addEventListener('treatymap:drawn', () => { window.__drawn = performance.now(); });
  }
  if (top !== bare) { return; }  // the bare page's slider is in the page, a map in its frame
  const isDrawn = bare
    ? () => document.querySelector('[data-testid="stSlider"] input') !== null
    : new Function('return ' + drawn.trim())();
  const poll = setInterval(() => {
    let done = false;
    try { done = isDrawn(shapes); } catch (e) { done = false; }
    if (done) {
      clearInterval(poll);
      window.top.__firstView = performance.timeOrigin + performance.now();
    }
  }, 10);
})
"""


def boundary_shapes() -> int:
    from harness import boundary_count

    return boundary_count()


class Received:
    """Bytes the browser received on the wire, from the DevTools protocol: every response's
    encoded length (headers and body, compressed as sent) and every websocket frame (the app's
    deltas, counted as decoded: an upper bound if the socket compresses), and when the network
    last did something."""

    def __init__(self, cdp) -> None:
        self.bytes = self.requests = 0
        self.pending: set[str] = set()
        self.last = time.perf_counter()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _sent(self, event: dict) -> None:
        self.pending.add(event["requestId"])
        self.last = time.perf_counter()

    def _finished(self, event: dict) -> None:
        self.pending.discard(event["requestId"])
        self.bytes += int(event.get("encodedDataLength", 0))
        self.requests += 1
        self.last = time.perf_counter()

    def _failed(self, event: dict) -> None:
        self.pending.discard(event["requestId"])
        self.last = time.perf_counter()

    def _frame(self, event: dict) -> None:
        frame = event["response"]
        data = frame.get("payloadData", "")
        # Binary frames (Streamlit's protobuf deltas) come base64-encoded: 4 characters, 3 bytes.
        self.bytes += len(data) * 3 // 4 if frame.get("opcode") == 2 else len(data.encode())
        self.last = time.perf_counter()

    def settle(self, page: Page, quiet_ms: int, limit_ms: int) -> None:
        """Until nothing has loaded for ``quiet_ms`` (what the first view pulls in after it is
        drawn counts too), at most ``limit_ms``."""
        began = time.perf_counter()
        while (time.perf_counter() - began) * 1000 < limit_ms:
            page.wait_for_timeout(100)
            if not self.pending and (time.perf_counter() - self.last) * 1000 >= quiet_ms:
                return


def visit(browser: Browser, url: str, kind: str, network: dict | None, shapes: int, phone=False):
    """One first-time visit: milliseconds to the first view, bytes and requests received."""
    size = {"width": 390, "height": 844} if phone else {"width": 1400, "height": 1000}
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
    page: Page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = Received(cdp)
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    context.add_init_script(f"({STAMP_JS})({json.dumps([DRAWN_JS, shapes, kind == 'bare'])})")
    page.goto(url, timeout=TIMEOUT_MS)
    # stamped by STAMP_JS once the slider exists or the map is drawn (the one wait needed)
    page.wait_for_function("() => window.__firstView > 0", timeout=TIMEOUT_MS)
    ms = page.evaluate("() => window.__firstView - window.__navigated")
    static = shift = None
    if kind == "ours":
        page.wait_for_function("() => window.__drawn > 0", timeout=TIMEOUT_MS)
        static, shift = page.evaluate(
            """() => [window.__painted, window.__shifts
                .filter(([at]) => at >= window.__drawn - 50 && at <= window.__drawn + 300)
                .reduce((sum, [, value]) => sum + value, 0)]"""
        )
    top = None
    if phone and kind != "bare":
        top = page.locator(MAP_FRAME).bounding_box()["y"]
    received.settle(page, quiet_ms=1000 if not network else 3000, limit_ms=60_000)
    figures = {"ms": ms, "bytes": received.bytes, "requests": received.requests, "top": top,
               "static_ms": static, "shift": shift}  # fmt: skip
    if kind == "bare" and not network and not phone:
        slider = page.get_by_role("slider").first
        slider.focus()
        steps = []
        for _ in range(5):
            before = page.get_by_text("Chosen:").inner_text()
            t0 = time.perf_counter()
            slider.press("ArrowRight")
            page.wait_for_function(
                "(b) => [...document.querySelectorAll('p')].some(p => p.innerText.startsWith("
                "'Chosen:') && p.innerText !== b)",
                arg=before,
                timeout=TIMEOUT_MS,
            )
            steps.append((time.perf_counter() - t0) * 1000)
            page.wait_for_timeout(400)
        figures["slider_step_ms"] = median(steps)
    context.close()
    return figures


def measure_apps(
    browser: Browser, bases: dict[str, str], runs: dict[str, int], shapes: int, say
) -> dict:
    """Every cell (visit × network) for every app, the apps visited in turn within each round,
    so the floor and the dashboards meet the same moment of a shared machine: measured one app
    after another, minutes apart, the floor alone moved from 1.5 to 2.3 s between runs. The
    order turns each round, so no app always follows the naive one (2 s of server work).
    The bare page has no state to share: in a shared-link cell it is the same page, visited at
    that cell's moments."""
    out: dict[str, dict[str, object]] = {name: {} for name in bases}
    apps = list(bases)
    for label, path in (("plain", PLAIN), ("shared", SHARED)):
        for network_name, network in (("loopback", None), ("slow4g", SLOW_4G)):
            key = f"{label}_{network_name}"
            cells: dict[str, list[dict]] = {name: [] for name in apps}
            for round_ in range(runs[network_name]):
                turn = round_ % len(apps)
                for name in apps[turn:] + apps[:turn]:
                    cells[name].append(
                        visit(browser, bases[name] + path, KIND[name], network, shapes)
                    )
            for name in apps:
                got, figures = out[name], cells[name]
                got[f"{key}_ms"] = round(median([c["ms"] for c in figures]))
                got[f"{key}_visits_ms"] = [round(c["ms"]) for c in figures]
                got[f"{key}_bytes"] = round(median([c["bytes"] for c in figures]))
                got[f"{key}_requests"] = round(median([c["requests"] for c in figures]))
                if "slider_step_ms" in figures[0]:
                    got["slider_step_ms"] = round(median([c["slider_step_ms"] for c in figures]))
                if KIND[name] != "bare":
                    floor = [c["ms"] for c in cells["floor"]]
                    got[f"{key}_paired_ratio"] = round(
                        median([c["ms"] / f for c, f in zip(figures, floor, strict=True)]), 2
                    )
                if KIND[name] == "ours":
                    static = [c["static_ms"] for c in figures]
                    got[f"{key}_static_ms"] = round(median(static))
                    got[f"{key}_static_visits_ms"] = [round(v) for v in static]
                    got[f"{key}_static_paired_ratio"] = round(
                        median([v / f for v, f in zip(static, floor, strict=True)]), 2
                    )
                    got[f"{key}_handover_shift"] = round(max(c["shift"] for c in figures), 4)
                paired = got.get(f"{key}_paired_ratio")
                say(
                    f"{name} {key}: {got[f'{key}_ms']} ms (visits {got[f'{key}_visits_ms']}), "
                    f"{got[f'{key}_bytes']:,} bytes"
                    + (f", rounds' ratio {paired}" if paired else "")
                )
    for name in bases:
        if KIND[name] != "bare":
            phone = visit(browser, bases[name] + SHARED, KIND[name], None, shapes, phone=True)
            out[name]["phone_map_top_px"] = round(phone["top"])
    return out


def behind_nginx(browser: Browser, runs: dict[str, int], shapes: int, say) -> dict:
    """treatymap behind deploy/nginx.conf (one process): the recipe's compression and caching."""
    from scale_out import Balancer

    with Balancer(1) as balancer:
        url = balancer.url + SHARED
        cells = [visit(browser, url, "ours", None, shapes) for _ in range(runs["loopback"])]
        slow = [visit(browser, url, "ours", SLOW_4G, shapes) for _ in range(runs["slow4g"])]
    out = {
        "nginx_shared_loopback_ms": round(median([c["ms"] for c in cells])),
        "nginx_shared_loopback_bytes": round(median([c["bytes"] for c in cells])),
        "nginx_shared_slow4g_ms": round(median([c["ms"] for c in slow])),
    }
    say(f"behind nginx: {out}")
    return out


def verdict(value: float, must: float, aim: float | None) -> str:
    text = "met" if value <= must else "MISSED"
    if aim is not None:
        text += " (aim met)" if value <= aim else " (aim missed)"
    return text


def judge(fig: dict) -> list[tuple[str, str, str, str, str]]:
    """(figure, treatymap, floor, ratio or difference, verdict) rows."""
    rows = []
    floor, ours = fig["floor"], fig["treatymap"]
    for label in ("plain", "shared"):
        for network in ("loopback", "slow4g"):
            key = f"{label}_{network}"
            base = floor[f"{key}_ms"]
            ratio = ours[f"{key}_ms"] / base
            rows.append(
                (f"first view, {label} visit, {network}", f"{ours[f'{key}_ms']} ms",
                 f"{base} ms", f"{ratio:.2f} ×", "(the medians' ratio)")
            )  # fmt: skip
            paired = ours[f"{key}_paired_ratio"]
            must, aim = TARGETS[f"{network}_ratio"]
            rows.append(
                ("  each round's own ratio, median", "", "", f"{paired:.2f} ×",
                 verdict(paired, must, aim))
            )  # fmt: skip
            if f"{key}_static_ms" in ours:
                still = ours[f"{key}_static_paired_ratio"]
                must, aim = TARGETS[f"static_{network}_ratio"]
                rows.append(
                    (f"first static view, {label} visit, {network}",
                     f"{ours[f'{key}_static_ms']} ms", f"{base} ms", f"{still:.2f} ×",
                     verdict(still, must, aim))
                )  # fmt: skip
                moved = ours[f"{key}_handover_shift"]
                rows.append(
                    ("  layout shift as the live map takes over (worst visit)", f"{moved:.3f}",
                     "", "", verdict(moved, TARGETS["handover_shift"][0], None))
                )  # fmt: skip
            extra = ours[f"{key}_bytes"] - floor[f"{key}_bytes"]
            must, aim = TARGETS["bytes_over_floor"]
            rows.append(
                (f"bytes, {label} visit, {network}", f"{ours[f'{key}_bytes']:,}",
                 f"{floor[f'{key}_bytes']:,}", f"+{extra / 1000:,.0f} KB",
                 verdict(extra, must, aim))
            )  # fmt: skip
    naive = fig["naive"]
    rows.append(
        ("first view, shared link, loopback (naive app)", f"{naive['shared_loopback_ms']} ms",
         f"{floor['shared_loopback_ms']} ms",
         f"{naive['shared_loopback_ms'] / floor['shared_loopback_ms']:.2f} ×", "reference")
    )  # fmt: skip
    top = ours["phone_map_top_px"]
    rows.append(("map top on a 390 × 844 phone", f"{top} px", "", "", verdict(top, 843, None)))
    rows.append(("bare slider step round trip", "", f"{floor['slider_step_ms']} ms", "", ""))
    if "nginx" in fig:
        n = fig["nginx"]
        rows.append(
            ("behind nginx: shared link, loopback", f"{n['nginx_shared_loopback_ms']} ms",
             f"{floor['shared_loopback_ms']} ms",
             f"{n['nginx_shared_loopback_ms'] / floor['shared_loopback_ms']:.2f} ×", "")
        )  # fmt: skip
        rows.append(
            ("behind nginx: bytes, shared link", f"{n['nginx_shared_loopback_bytes']:,}", "",
             "", "gzip by the recipe")
        )  # fmt: skip
        rows.append(
            ("behind nginx: shared link, slow 4G", f"{n['nginx_shared_slow4g_ms']} ms",
             f"{floor['shared_slow4g_ms']} ms",
             f"{n['nginx_shared_slow4g_ms'] / floor['shared_slow4g_ms']:.2f} ×", "")
        )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=7, help="visits per loopback cell")
    parser.add_argument("--slow-runs", type=int, default=3, help="visits per slow 4G cell")
    parser.add_argument("--no-nginx", action="store_true", help="skip the run behind nginx")
    args = parser.parse_args()
    began = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - began:5.0f} s] {text}", file=sys.stderr, flush=True)

    shapes = boundary_shapes()
    runs = {"loopback": args.runs, "slow4g": args.slow_runs}
    fig: dict[str, object] = {"runs": runs}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            with ExitStack() as stack:
                bases = {}
                for name, script in APPS:
                    target = None
                    if script is not None:
                        home = app_home(script)
                        stack.callback(shutil.rmtree, home, ignore_errors=True)
                        target = home / script.name
                    kwargs = {"script": target} if target else {}
                    server = stack.enter_context(
                        start_server(log_name=f"first-view-{name}.log", **kwargs)
                    )
                    # warm the server's caches (the data, the map's files): the reader who
                    # follows a link meets a running server, not its start
                    visit(browser, server.url + SHARED, KIND[name], None, shapes)
                    bases[name] = server.url
                fig.update(measure_apps(browser, bases, runs, shapes, say))
            if not args.no_nginx and (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
                fig["nginx"] = behind_nginx(browser, runs, shapes, say)
        finally:
            browser.close()
    fig["rows"] = judge(fig)
    fig["seconds"] = round(time.monotonic() - began)
    if args.json:
        print(json.dumps(fig, indent=2))
        return
    print(
        f"first view, medians over {args.runs} visits on loopback and {args.slow_runs} on slow 4G "
        "(a new browser context each)"
    )
    print(f"{'figure':46s} {'treatymap':>13s} {'floor':>13s} {'ratio':>10s}  verdict")
    for name, ours, floor, ratio, judged in fig["rows"]:
        print(f"{name:46s} {ours:>13s} {floor:>13s} {ratio:>10s}  {judged}")
    print("each visit, ms (the spread behind each median):")
    for app in ("floor", "treatymap"):
        for key, visits in fig[app].items():
            if key.endswith("_visits_ms"):
                print(f"  {app} {key.removesuffix('_visits_ms')}: {visits}")


if __name__ == "__main__":
    main()
