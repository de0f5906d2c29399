"""Concurrent readers without browsers: Streamlit's own websocket protocol, on loopback.

Each simulated reader does what the browser does (captured from Chromium): it opens
``/_stcore/stream`` with the ``streamlit`` subprotocol, asks for a first run with the page's query
string, then moves the date slider one day at a time by sending a rerun with the slider's new
value, and waits for the server's ``script_finished``. The latency of one step is from sending
the rerun to receiving ``script_finished`` (every delta of that run has arrived by then); the
browser's own drawing, which does not load the server, is measured separately in ``run.py``.

An error is a run that ends with an exception element, a run that does not finish successfully,
a step slower than ``STEP_TIMEOUT_S``, or a dropped connection. Bounded: ``sessions`` readers,
each stepping for ``duration_s`` with ``think_s`` between steps.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STEP_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 60.0
DAY_US = 86_400 * 1_000_000
FIRST_DATE = date(2024, 1, 1)


@dataclass
class SessionResult:
    latencies_ms: list[float] = field(default_factory=list)
    first_run_ms: float | None = None
    bytes_per_step: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    backend: str | None = None


@dataclass
class LoadResult:
    sessions: int
    duration_s: float
    think_s: float
    results: list[SessionResult]
    rss_connected: dict[str, float] = field(default_factory=dict)

    @property
    def latencies_ms(self) -> list[float]:
        return [v for r in self.results for v in r.latencies_ms]

    @property
    def errors(self) -> list[str]:
        return [e for r in self.results for e in r.errors]

    @property
    def steps(self) -> int:
        return len(self.latencies_ms)


def _to_us(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1e6


def _date_forms(value_us: float) -> tuple[bytes, ...]:
    """The slider's date as the page may show it: ISO (links) or long (map, labels)."""
    day = datetime.fromtimestamp(value_us / 1e6, tz=UTC).date()
    return (day.isoformat().encode(), f"{day.day} {day:%B %Y}".encode())


def _rerun(query: str, url: str, widgets: dict[str, float], page_hash: str) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_script_hash = page_hash
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = url + "/"
    state.widget_states.SetInParent()
    for widget_id, value in widgets.items():
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.double_array_value.data.append(value)
    return msg.SerializeToString()


async def _until_finished(
    ws, sink: SessionResult, found: dict, expect: tuple[bytes, ...] = ()
) -> int:
    """Read messages up to ``script_finished``; note the date slider and errors. Bytes read.

    With ``expect``, one message of the run must contain one of those byte strings (the new
    date, as the page shows it), or the step counts as an error.
    """
    received = 0
    seen = not expect
    while True:
        raw = await asyncio.wait_for(ws.recv(), STEP_TIMEOUT_S)
        received += len(raw)
        seen = seen or any(text in raw for text in expect)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            found["page_hash"] = msg.new_session.page_script_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                sink.errors.append(f"exception: {element.exception.message[:200]}")
            elif which == "slider" and element.slider.label == "Date":
                found["slider"] = element.slider.id
                values = list(element.slider.value) or list(element.slider.default)
                found["value"] = values[0]
        elif kind == "script_finished":
            status = msg.script_finished
            if status not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ):
                sink.errors.append(
                    f"script_finished={ForwardMsg.ScriptFinishedStatus.Name(status)}"
                )
            return received


def fetch_cookie(url: str) -> tuple[str | None, str | None]:
    """GET the page once, as a browser would, and keep the balancer's cookie and backend."""
    with urllib.request.urlopen(url + "/", timeout=30) as reply:
        cookies = reply.headers.get_all("Set-Cookie") or []
        backend = reply.headers.get("X-Treatymap-Upstream")
    pairs = [c.split(";", 1)[0] for c in cookies]
    return ("; ".join(pairs) or None), backend


async def _reader(
    index: int,
    url: str,
    ready: list[int],
    go: asyncio.Event,
    stop_at: list[float],
    think_s: float,
    use_cookie: bool,
) -> SessionResult:
    sink = SessionResult()
    counted = False
    start_day = FIRST_DATE + timedelta(days=7 * index)
    query = f"date={start_day.isoformat()}"
    headers = {"Origin": url}
    try:
        if use_cookie:
            cookie, sink.backend = await asyncio.to_thread(fetch_cookie, url)
            if cookie:
                headers["Cookie"] = cookie
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=CONNECT_TIMEOUT_S,
            ping_interval=None,
        ) as ws:
            found: dict = {"page_hash": ""}
            began = time.perf_counter()
            await ws.send(_rerun(query, url, {}, ""))
            await _until_finished(ws, sink, found)
            sink.first_run_ms = (time.perf_counter() - began) * 1000
            ready[0] += 1
            counted = True
            await go.wait()
            if "slider" not in found:
                sink.errors.append("no date slider in the first run")
                return sink
            value = found["value"]
            while time.monotonic() < stop_at[0]:
                value += DAY_US
                began = time.perf_counter()
                await ws.send(_rerun(query, url, {found["slider"]: value}, found["page_hash"]))
                received = await _until_finished(ws, sink, found, _date_forms(value))
                sink.latencies_ms.append((time.perf_counter() - began) * 1000)
                sink.bytes_per_step.append(received)
                await asyncio.sleep(think_s)
    except TimeoutError:
        sink.errors.append("timeout")
    except (OSError, websockets.WebSocketException) as error:
        sink.errors.append(f"{type(error).__name__}: {error}")
    finally:
        if not counted:
            ready[0] += 1  # a reader that failed early must not hold the others back
    return sink


async def _load(
    url: str,
    sessions: int,
    duration_s: float,
    think_s: float,
    use_cookie: bool,
    on_connected: Callable[[], dict[str, float]] | None,
) -> LoadResult:
    ready = [0]
    go = asyncio.Event()
    stop_at = [float("inf")]
    tasks = [
        asyncio.create_task(_reader(i, url, ready, go, stop_at, think_s, use_cookie))
        for i in range(sessions)
    ]
    rss: dict[str, float] = {}
    deadline = time.monotonic() + CONNECT_TIMEOUT_S * 2
    while ready[0] < sessions and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if on_connected is not None:
        rss = on_connected()
    stop_at[0] = time.monotonic() + duration_s
    go.set()
    results = await asyncio.gather(*tasks)
    return LoadResult(sessions, duration_s, think_s, list(results), rss)


def run_load(
    url: str,
    sessions: int,
    duration_s: float = 20.0,
    think_s: float = 0.5,
    use_cookie: bool = False,
    on_connected: Callable[[], dict[str, float]] | None = None,
) -> LoadResult:
    """``sessions`` readers connect (first run each), then all step the slider for ``duration_s``.

    ``on_connected`` runs once every reader has had its first run and holds its session open
    (``run.py`` reads the server's memory there).
    """
    return asyncio.run(_load(url, sessions, duration_s, think_s, use_cookie, on_connected))
