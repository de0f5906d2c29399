"""Browser figures for the dashboard: first render, slider -> recolour, click -> panel, bytes.

    .venv/bin/python benchmarks/browser_figures.py [--runs 5]

Starts `streamlit run app.py` on 127.0.0.1 at a free port, drives Debian's Chromium with
Playwright, prints medians. Not part of `make test`: tests never time things.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402
from test_browser import CHROMIUM, CHROMIUM_FLAGS, MAP_FRAME, Server  # noqa: E402


def measure(runs: int) -> dict[str, float]:
    server = Server()
    first, slider, click, sent = [], [], [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
            )
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                frames: list[int] = []
                page.on(
                    "websocket",
                    lambda ws, sink=frames: ws.on(
                        "framereceived", lambda payload: sink.append(len(payload))
                    ),
                )
                frame = page.frame_locator(MAP_FRAME)
                start = time.perf_counter()
                page.goto(f"{server.url}/?date=2025-12-26")
                frame.locator(
                    '.leaflet-container[data-treatymap-day="26 December 2025"]'
                ).wait_for()
                frame.locator("path.leaflet-interactive").nth(240).wait_for(state="attached")
                first.append((time.perf_counter() - start) * 1000)
                page.wait_for_timeout(1500)

                slider_el = page.get_by_role("slider").first
                slider_el.focus()
                frames.clear()
                start = time.perf_counter()
                slider_el.press("ArrowRight")
                frame.locator(
                    '.leaflet-container[data-treatymap-day="27 December 2025"]'
                ).wait_for()
                slider.append((time.perf_counter() - start) * 1000)
                page.wait_for_timeout(1500)
                sent.append(sum(frames))

                handle = page.locator(MAP_FRAME).element_handle()
                x, y = handle.content_frame().evaluate(
                    """() => { let p = null; window.treatymapLayer.eachLayer((l) => {
                        if (l.feature.properties.iso3 === 'FIN') {
                          p = window.map.latLngToContainerPoint(l.getCenter()); } });
                        return [p.x, p.y]; }"""
                )
                box = page.locator(MAP_FRAME).bounding_box()
                start = time.perf_counter()
                page.mouse.click(box["x"] + x, box["y"] + y)
                page.get_by_text("Finland (FIN)").wait_for()
                click.append((time.perf_counter() - start) * 1000)
                page.close()
            browser.close()
    finally:
        server.stop()
    return {
        "first_render_ms": statistics.median(first),
        "slider_recolour_ms": statistics.median(slider),
        "click_panel_ms": statistics.median(click),
        "bytes_per_slider_move": statistics.median(sent),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures = measure(args.runs)
    print(f"medians over {args.runs} runs (headless Chromium, 127.0.0.1)")
    for key, value in figures.items():
        print(f"  {key:24s} {value:10.0f}")


if __name__ == "__main__":
    main()
