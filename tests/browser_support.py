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
