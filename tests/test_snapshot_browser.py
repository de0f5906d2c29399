"""An exported snapshot and image, opened from disk in Debian's Chromium: they draw, load
nothing, fit a phone, and pass axe-core's WCAG 2.1 AA rules. Built from the small world of
tests/conftest.py, so the statuses to expect come from the same core.

Screenshots land in tests/artifacts/ (snapshot.png, snapshot-phone.png) for a person to look at;
the social card and the print image of one view of the bundled data are saved there too.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import ARTIFACTS, require_chromium
from conftest import atlas_of
from PIL import Image
from shapely.geometry import Point, box

from treatymap.drawing import Frame
from treatymap.images import CARD_WIDTH, MAP_BOX, PNG_SIZES, card_png, card_svg
from treatymap.snapshot import snapshot_html
from treatymap.style import STATUS_STYLES
from treatymap.url_state import Focus, ViewState
from treatymap.view import build_view
from treatymap.vocab import STATUS_LABEL, Status

pytestmark = pytest.mark.browser
require_chromium()

ON = date(2025, 12, 27)
AXE_RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def exported(make_world, tmp_path) -> tuple[Path, str, object]:
    """The border view of the small world on 27 December 2025, written to a file."""
    view = build_view(atlas_of(make_world()), "ottawa", ON, focus=Focus.BORDER)
    page = snapshot_html(
        view,
        permalink="https://treatymap.example.org/?date=2025-12-27",
        accessed=date(2026, 11, 22),
        url_view=ViewState(ON),
    )
    target = tmp_path / "ottawa-2025-12-27.html"
    target.write_text(page, encoding="utf-8")
    return target, page, view


def open_page(browser, target: Path, width: int, height: int):
    """Open the file; return the page, every URL it requested, and any error it logged."""
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(target.as_uri(), wait_until="load")
    return page, requests, errors


def test_snapshot_draws_from_disk_and_requests_nothing(browser, exported):
    target, html, view = exported
    page, requests, errors = open_page(browser, target, 1100, 1500)
    try:
        expected = html.count("<path data-iso3=")
        assert page.locator("svg.map path[data-iso3]").count() == expected
        boxes = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('svg.map path[data-iso3]')]
                 .map(p => { const b = p.getBoundingClientRect();
                             return [p.dataset.iso3, [b.x, b.y, b.width, b.height]]; }))"""
        )
        # what is at the middle of Estonia on screen is Estonia, painted as its status
        x, y, w, h = boxes["EST"]
        hit = page.evaluate(
            "([x, y]) => { const e = document.elementFromPoint(x, y);"
            " return [e.dataset.iso3 || null, getComputedStyle(e).fill]; }",
            [x + w / 2, y + h / 2],
        )
        status = view.by_state["EST"].status
        assert hit[0] == "EST"
        colour = STATUS_STYLES[status].fill.lstrip("#")
        rgb = f"rgb({int(colour[0:2], 16)}, {int(colour[2:4], 16)}, {int(colour[4:6], 16)})"
        assert hit[1] == rgb
        legend = page.locator("ul.legend")
        from treatymap.view import statuses_of

        for status_ in statuses_of(view.treaty):  # every status the Ottawa Convention can give
            label = STATUS_LABEL[status_]
            assert legend.get_by_text(label, exact=False).first.is_visible(), label
        assert page.locator("h1").inner_text() == "Who is bound by the Ottawa Convention"
        assert page.locator(".dateline").inner_text() == "Status on 27 December 2025"
        assert page.locator("svg.map desc").text_content() == view.summary
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "snapshot.png"), full_page=True)
        assert requests == [target.as_uri()]
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [1100, 390])
def test_snapshot_passes_axe_and_fits_a_phone(browser, exported, width):
    target, _, _ = exported
    page, requests, _ = open_page(browser, target, width, 900)
    try:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        if width < 500:
            page.screenshot(path=str(ARTIFACTS / "snapshot-phone.png"), full_page=True)
        violations = Axe().run(page, options=AXE_RULES).response["violations"]
        assert [(v["id"], v["impact"]) for v in violations] == []
        assert requests == [target.as_uri()]
    finally:
        page.close()


def test_the_card_image_shows_the_view_in_a_browser_too(browser, exported, tmp_path):
    """The SVG card opened on its own: every state of the view is drawn with its status."""
    _, _, view = exported
    target = tmp_path / "card.svg"
    target.write_text(card_svg(view), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 675})
    try:
        page.goto(target.as_uri())
        drawn = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('path[data-iso3]')]"
            ".map(p => [p.dataset.iso3, p.getAttribute('class')]))"
        )
        for iso3, cls in drawn.items():
            assert cls == ("other" if iso3 == "GRL" else view.by_state[iso3].status.value)
    finally:
        page.close()


def test_social_card_and_print_image_of_the_bundled_data_are_saved(tmp_path):
    """For a person to look at: one view of the bundled data as both PNG sizes (sizes and
    timings printed for the closing note)."""
    from treatymap.data import DEFAULT_DATA_DIR, load_dataset
    from treatymap.view import build_atlas

    view = build_view(
        build_atlas(load_dataset(DEFAULT_DATA_DIR), "test"), "ottawa", date(2026, 1, 9)
    )
    ARTIFACTS.mkdir(exist_ok=True)
    for size in ("social", "print"):
        started = time.perf_counter()
        data = card_png(view, size)
        took = time.perf_counter() - started
        (ARTIFACTS / f"card-{size}.png").write_bytes(data)
        width, height = PNG_SIZES[size]
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width
        assert int.from_bytes(data[20:24], "big") == height
        print(f"card-{size}.png: {width}x{height}, {len(data):,} bytes, {took * 1000:.0f} ms")
    assert view.by_state["FIN"].status is Status.WITHDRAWAL_PENDING
    # The border states' colours at their places: most points inside each shape carry its fill.
    for size in ("social", "print"):
        picture = Image.open(ARTIFACTS / f"card-{size}.png").convert("RGB")
        for iso3 in ("EST", "LVA", "LTU", "NOR", "BLR", "RUS"):
            share = _share_in_fill(picture, view, iso3)
            assert share > 0.6, (size, iso3, view.by_state[iso3].status, share)


def _share_in_fill(picture: Image.Image, view, iso3: str) -> float:
    """Of a grid of points well inside ``iso3``'s largest shape, the share whose pixel on the
    card has the fill of its status (labels and outlines take the rest)."""
    shapes = view.atlas.boundaries
    geometry = shapes.loc[shapes["iso3"] == iso3].geometry.iloc[0]
    frame = Frame.for_focus(view.focus)
    window = box(*frame.box).buffer(-0.5)  # only what the card's map window shows
    part = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area).buffer(-0.2)
    part = part.intersection(window)
    west, south, east, north = part.bounds
    points = [
        (x, y)
        for x in np.linspace(west, east, 12)
        for y in np.linspace(south, north, 12)
        if part.contains(Point(x, y))
    ]
    left, top, box_w, box_h = MAP_BOX
    scale = min(box_w / frame.width, box_h / frame.height)
    x0 = left + (box_w - frame.width * scale) / 2
    y0 = top + (box_h - frame.height * scale) / 2
    zoom = picture.width / CARD_WIDTH
    want = STATUS_STYLES[view.by_state[iso3].status].fill.lstrip("#")
    colour = tuple(int(want[i : i + 2], 16) for i in (0, 2, 4))
    inside = 0
    for x, y in frame.project(np.array(points)):
        pixel = picture.getpixel((int((x0 + x * scale) * zoom), int((y0 + y * scale) * zoom)))
        inside += all(abs(a - b) <= 12 for a, b in zip(pixel, colour, strict=True))
    return inside / max(1, len(points))
