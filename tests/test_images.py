"""The view as an image (treatymap.images): the SVG card is well-formed, names the treaty and
the day, draws every state of the view in its status and escapes hostile text; the PNG is a
real PNG of the asked size, not blank, rendered with the bundled font only."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import resvg_py
from conftest import atlas_of, rename_state

from treatymap import images
from treatymap.images import PNG_SIZES, card_png, card_svg
from treatymap.view import build_view

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>&\"'"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def world(make_world):
    return atlas_of(make_world())


def view_of(atlas, treaty="tri", day="2025-04-15", **kwargs):
    return build_view(atlas, treaty, date.fromisoformat(day), **kwargs)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first after the signature."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


def test_the_card_is_well_formed_and_names_the_treaty_and_the_day(world):
    view = view_of(world)
    svg = card_svg(view)
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1200", "675")
    assert root.find(f"{SVG}title").text == view.title
    assert root.find(f"{SVG}desc").text == view.summary
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Who is bound by the Treaty of Trial?" in texts
    assert "Status on 15 April 2025" in texts
    footer = next(t for t in texts if t and t.startswith("treatymap · data version"))
    assert "0123456789ab" in footer
    assert "record reviewed up to 1 January 2026" in footer  # TRI's own review date


def test_the_card_draws_every_state_of_the_view_in_its_status(world):
    view = view_of(world)
    root = ET.fromstring(card_svg(view))
    drawn = {
        p.get("data-iso3"): p.get("class") for p in root.iter(f"{SVG}path") if p.get("data-iso3")
    }
    assert {s.iso3: s.status.value for s in view.statuses} == {
        iso3: cls for iso3, cls in drawn.items() if iso3 in view.by_state
    }
    assert drawn["GRL"] == "other"


def test_the_cards_legend_counts_each_status(world):
    view = view_of(world)
    texts = [t.text for t in ET.fromstring(card_svg(view)).iter(f"{SVG}text")]
    # Under TRI on 15 April 2025: POL bound, EST withdrawn, the five others never joined.
    assert "State Party (bound) (1)" in texts
    assert "Withdrawn (no longer bound) (1)" in texts
    assert "Not a party (5)" in texts


def test_hostile_text_on_the_card_is_escaped(make_world):
    atlas = atlas_of(rename_state(make_world(), "EST", HOSTILE))
    svg = card_svg(view_of(atlas, country="EST"))
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert f"Selected: {HOSTILE}" in texts


@pytest.mark.parametrize(("size", "pixels"), [("social", (1200, 675)), ("print", None)])
def test_the_png_is_a_png_of_the_asked_size(world, size, pixels):
    data = card_png(view_of(world), size)
    assert png_size(data) == (pixels or PNG_SIZES[size])
    if size == "print":  # larger than the social card, same shape
        width, height = PNG_SIZES["print"]
        assert width > 1200 and abs(width / height - 1200 / 675) < 0.01


def test_the_png_is_not_blank(world):
    """A card with a map, words and a legend compresses far worse than a plain white card of
    the same size."""
    width, height = PNG_SIZES["social"]
    blank = resvg_py.svg_to_bytes(
        svg_string=f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}"><rect width="{width}" height="{height}" fill="#ffffff"/></svg>',
        width=width,
        height=height,
    )
    card = card_png(view_of(world), "social")
    assert len(card) > 5 * len(bytes(blank))


def test_the_png_uses_the_bundled_font_and_never_the_machines(world, monkeypatch):
    asked = {}
    real = resvg_py.svg_to_bytes

    def spy(**kwargs):
        asked.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(images.resvg_py, "svg_to_bytes", spy)
    card_png(view_of(world), "social")
    assert asked["skip_system_fonts"] is True
    assert asked["font_files"] and all(f.endswith(".ttf") for f in asked["font_files"])
    assert asked["font_family"] == images.FONT
    assert (asked["width"], asked["height"]) == PNG_SIZES["social"]


def test_a_compare_card_names_both_days_and_lists_the_changes(world):
    compare = (date(2025, 1, 1), date(2025, 4, 15))
    view = view_of(world, compare=compare)
    svg = card_svg(view)
    texts = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert "Status on 15 April 2025, compared with 1 January 2025" in texts
    assert "What changed (1)" in texts
    assert "Estonia: State Party → withdrawn" in texts
    assert "Status changed between 1 January 2025 and 15 April 2025" in " ".join(texts)
