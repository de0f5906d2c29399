"""An exported snapshot, opened from disk in Debian's Chromium: it draws, and loads nothing.

Same rule as tests/test_browser.py: Playwright drives /usr/bin/chromium (or $CHROMIUM), never a
downloaded browser; under CI the test must run, elsewhere it skips when Chromium is missing.
Screenshots land in tests/artifacts/ (snapshot.png, snapshot-phone.png) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, launch, require_chromium

from treatymap.cite import data_version
from treatymap.data import DEFAULT_DATA_DIR, load_dataset
from treatymap.geometry import frontline_neighbours
from treatymap.snapshot import snapshot_html
from treatymap.status import statuses_on
from treatymap.summary import view_summary
from treatymap.url_state import Focus
from treatymap.vocab import STATUS_COLOUR, STATUS_LABEL, Status

pytestmark = pytest.mark.browser

ON = date(2025, 12, 27)

require_chromium()

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, str]:
    """The border view of the bundled data on 27 December 2025, written to a temporary file."""
    dataset = load_dataset(DEFAULT_DATA_DIR)
    front = frontline_neighbours(dataset.boundaries)
    statuses = statuses_on(dataset.record, ON, "ottawa")
    summary = view_summary(statuses, front, dataset.record.state_names(), ON)
    page = snapshot_html(
        dataset.record,
        dataset.boundaries,
        ON,
        Focus.BORDER,
        None,
        summary,
        data_version(DEFAULT_DATA_DIR),
        "https://treatymap.example.org/?date=2025-12-27",
        frontline=front,
        accessed=date(2026, 11, 22),
    )
    target = tmp_path_factory.mktemp("snapshot") / "ottawa-2025-12-27.html"
    target.write_text(page, encoding="utf-8")
    return target, page


def open_page(browser: Browser, target: Path, width: int, height: int):
    """Open the file; return the page, every URL it requested, and any error it logged."""
    page: Page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(target.as_uri(), wait_until="load")
    return page, requests, errors


def test_snapshot_draws_from_disk_and_requests_nothing(browser, exported):
    target, html = exported
    page, requests, errors = open_page(browser, target, 1100, 1500)
    try:
        # one path per state drawn, each one really painted with an area
        expected = html.count("<path data-iso3=")
        assert expected > 40
        assert page.locator("svg.map path[data-iso3]").count() == expected
        boxes = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('svg.map path')]
                 .map(p => { const b = p.getBoundingClientRect();
                             return [p.dataset.iso3, [b.x, b.y, b.width, b.height]]; }))"""
        )
        for iso3 in ("RUS", "BLR", "EST", "LVA", "LTU", "POL", "FIN", "NOR", "UKR"):
            assert boxes[iso3][2] > 10 and boxes[iso3][3] > 10, iso3
        # what is at the middle of Latvia on screen is Latvia, coloured as withdrawn
        x, y, w, h = boxes["LVA"]
        hit = page.evaluate(
            "([x, y]) => { const e = document.elementFromPoint(x, y);"
            " return [e.dataset.iso3 || null, getComputedStyle(e).fill]; }",
            [x + w / 2, y + h / 2],
        )
        assert hit == ["LVA", "rgb(213, 94, 0)"]
        assert STATUS_COLOUR[Status.WITHDRAWN] == "#d55e00"
        fin = page.evaluate(
            "() => getComputedStyle(document.querySelector('path[data-iso3=FIN]')).fill"
        )
        assert "#tm-hatch" in fin
        # the legend names every status, visibly; the date and figures are on the page
        legend = page.locator("ul.legend")
        assert legend.is_visible()
        for label in STATUS_LABEL.values():
            assert legend.get_by_text(label, exact=False).first.is_visible(), label
        assert page.locator("h1").inner_text() == "Who is bound by the Ottawa Convention"
        assert page.locator(".dateline").inner_text() == "Status on 27 December 2025"
        assert page.locator(".figures li").count() == 3
        assert page.locator("svg.map desc").text_content().startswith("On 27 December 2025, ")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "snapshot.png"))
        # nothing but the file itself was requested, and nothing was refused or failed
        assert requests == [target.as_uri()]
        assert errors == []
    finally:
        page.close()


def test_snapshot_fits_a_phone(browser, exported):
    target, _ = exported
    page, requests, errors = open_page(browser, target, 390, 844)
    try:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        assert page.locator("svg.map").bounding_box()["width"] <= 390
        page.screenshot(path=str(ARTIFACTS / "snapshot-phone.png"))
        assert requests == [target.as_uri()]
        assert errors == []
    finally:
        page.close()
