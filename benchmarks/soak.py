"""Soak: twenty readers for two minutes on loopback; no errors, and the memory comes back.

    .venv/bin/python benchmarks/soak.py [--sessions 20] [--seconds 120] [--json]

Starts `streamlit run app.py` at a free port on 127.0.0.1, warms it with one reader, records the
server's resident memory (process and children), then runs ``--sessions`` websocket readers that
step the date slider for ``--seconds`` (benchmarks/sessions.py), closes them, and samples the
memory until it is back within 10 % of the start or 60 s have passed. Bounded in count and time;
not part of ``make test`` (tests never time things).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import median, percentile, start_server
from run import rss_mb
from sessions import run_load

SETTLE_SECONDS = 60.0
TOLERANCE = 0.10


def soak(sessions: int, seconds: float, think: float) -> dict[str, object]:
    """Run the soak and return its figures (see the module docstring)."""
    with start_server(log_name="soak.log") as server:
        run_load(server.url, 1, duration_s=3, think_s=0.2)  # warm: caches, first imports
        time.sleep(2)
        start = rss_mb(server.pid)
        peak = [start]
        load = run_load(
            server.url,
            sessions,
            duration_s=seconds,
            think_s=think,
            on_connected=lambda: {"rss_mb": rss_mb(server.pid)},
        )
        peak.append(load.rss_connected.get("rss_mb", start))
        peak.append(rss_mb(server.pid))
        deadline = time.monotonic() + SETTLE_SECONDS
        after = rss_mb(server.pid)
        while after > start * (1 + TOLERANCE) and time.monotonic() < deadline:
            time.sleep(2)
            after = rss_mb(server.pid)
        settled_s = SETTLE_SECONDS - max(0.0, deadline - time.monotonic())
    latencies = load.latencies_ms
    return {
        "sessions": sessions,
        "seconds": seconds,
        "think_s": think,
        "steps": load.steps,
        "errors": len(load.errors),
        "error_samples": load.errors[:5],
        "p95_ms": round(percentile(latencies, 95)),
        "median_ms": round(median(latencies)),
        "rss_start_mb": round(start, 1),
        "rss_peak_mb": round(max(peak), 1),
        "rss_after_mb": round(after, 1),
        "rss_after_vs_start": round(after / start - 1, 3),
        "settled_within_s": round(settled_s, 1),
        "memory_returned": after <= start * (1 + TOLERANCE),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between a reader's steps")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = soak(args.sessions, args.seconds, args.think)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"  {key:22s} {value}")
    return 0 if figures["errors"] == 0 and figures["memory_returned"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
