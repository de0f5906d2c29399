"""What every browser test (and the benchmarks) shares: Debian's Chromium and a real server.

Never a browser that a test tool downloads: Playwright launches /usr/bin/chromium (or
$CHROMIUM) with the flags this machine needs. Under CI the browser tests must run; elsewhere
they skip only when Chromium is missing (``make test`` installs it when it can).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: "Today" for every server a test starts, so no test depends on the real date.
TODAY = "2026-11-22"


def require_chromium() -> None:
    """Skip the calling test module when Chromium is missing, except under CI (then fail)."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must run the browser tests, but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} is not installed (make test installs it)", allow_module_level=True)


def launch(playwright):
    """Debian's Chromium, headless, with this machine's flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)


def free_port() -> int:
    """A port nobody listens on right now (another app may hold 8501)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``streamlit run`` subprocess on 127.0.0.1 at a free port, healthy when constructed.

    Its output goes to tests/artifacts/server-PORT.log and is printed if it fails to start.
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        script: Path = ROOT / "app.py",
        env: dict[str, str] | None = None,
        port: int | None = None,
        log: Path | None = None,
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.script = script
        environment = {**os.environ, "TREATYMAP_TODAY": TODAY, **(env or {})}
        if data_dir is not None:
            environment["TREATYMAP_DATA_DIR"] = str(data_dir)
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = log or ARTIFACTS / f"server-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script),
                "--server.address", "127.0.0.1", "--server.port", str(self.port),
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        #: Process start to a healthy /_stcore/health, in ms.
        self.start_ms = self._wait_healthy() * 1000

    def _wait_healthy(self, timeout: float = 60) -> float:
        """Poll the health endpoint until it answers ok; return how long that took."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"streamlit did not start:\n{self.log.read_text()}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        """Kill the server process itself (its own PID) and wait for it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- One server and one browser for every browser test ----------------------------------------

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


class Visit:
    """A page with every request it made, every dialog it opened and every console error."""

    def __init__(self, browser, width: int = 1400, height: int = 1000, **context) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, **context)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.console: list[str] = []
        self.page.on(
            "console", lambda m: self.console.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda exc: self.console.append(str(exc)))

    def open(self, url: str):
        self.page.goto(url)
        self.wait_for_map()
        return self.page

    def close(self) -> None:
        self.context.close()

    @property
    def frame(self):
        return self.page.frame_locator(MAP_FRAME)

    def map_eval(self, script: str, arg=None):
        """Run a function inside the map's iframe (where window.map is the Leaflet map)."""
        handle = self.page.locator(MAP_FRAME).element_handle(timeout=30_000)
        return handle.content_frame().evaluate(script, arg)

    def wait_for_map(self, day: str | None = None) -> None:
        """Until every boundary is drawn and the statuses (of ``day``) are applied, and the
        rest of the page, which a session's first run leaves for after the map, is laid out."""
        self.frame.locator(".leaflet-container[data-treatymap-day]").wait_for(timeout=45_000)
        if day:
            self.frame.locator(f'.leaflet-container[data-treatymap-day="{day}"]').wait_for(
                timeout=20_000
            )
        self.page.locator(".st-key-tm_loading").wait_for(state="detached", timeout=30_000)
        # and every element's code loaded (Streamlit holds each element's place with a skeleton)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000
        )

    def map_day(self) -> str:
        return self.map_eval("() => window.map.getContainer().getAttribute('data-treatymap-day')")

    def fill_of(self, iso3: str) -> str:
        return self.map_eval(
            """(code) => { let fill = null;
                window.treatymapLayer.eachLayer((l) => {
                  if (l.feature.properties.iso3 === code) { fill = l.options.fillColor; } });
                return fill; }""",
            iso3,
        )

    def outlined(self) -> dict[str, str]:
        """The states drawn with an outline (a mark) over their fill, and each outline's colour."""
        return self.map_eval(
            """() => { const out = {};
                window.map.eachLayer((l) => {
                  if (l.feature && l.options.pane === 'tm-marks') {
                    out[l.feature.properties.iso3] = l.options.color; } });
                return out; }"""
        )

    def point_of(self, iso3: str) -> tuple[float, float]:
        """The page coordinates of the middle of a state's shape."""
        x, y = self.map_eval(
            """(code) => { let point = null;
                window.treatymapLayer.eachLayer((l) => {
                  if (l.feature.properties.iso3 === code) {
                    point = window.map.latLngToContainerPoint(l.getCenter()); } });
                return [point.x, point.y]; }""",
            iso3,
        )
        box = self.page.locator(MAP_FRAME).bounding_box()
        return box["x"] + x, box["y"] + y

    def click_state(self, iso3: str) -> None:
        """Click the middle of a state's largest part, as a reader would (the map scrolled into
        view first)."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        self.page.mouse.click(*self.point_of(iso3))

    def errors(self) -> list[str]:
        """Streamlit's error boxes on the page (an exception replaces the page's content)."""
        return [e.inner_text() for e in self.page.locator('[data-testid="stException"]').all()]

    def query(self) -> dict[str, list[str]]:
        from urllib.parse import parse_qs, urlsplit

        return parse_qs(urlsplit(self.page.url).query)

    def screenshot(self, name: str, full: bool = True) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)

    def assert_stayed_home(self, host: str) -> None:
        """No request left the server's host (no CDN, no tiles, no telemetry)."""
        from urllib.parse import urlsplit

        hosts = {
            urlsplit(u).netloc
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
        }
        assert hosts <= {host}, hosts
