"""The map as one SVG drawing (treatymap.drawing), on the small world: well-formed XML with a
title and a description, one path per drawn feature classed by its status, the marks drawn
after the shapes on their halos, labels and tooltips escaped, coordinates rounded without
drift, and frames that show what the app's map shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import numpy as np
import pytest
from conftest import WORLD_EVENTS, atlas_of, event, rename_state
from shapely.geometry import Polygon

from treatymap import mapview
from treatymap.drawing import FOCUS_BOX, Frame, drawn_shapes, map_svg, num, svg_path_data
from treatymap.style import MARKS
from treatymap.url_state import Focus
from treatymap.view import build_view, view_symbols

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>&\"'"


def draw(atlas, treaty="tri", day="2025-04-15", focus=Focus.BORDER, country=None, changed=()):
    view = build_view(atlas, treaty, date.fromisoformat(day), focus=focus, country=country)
    frame = Frame.for_focus(focus)
    shapes = drawn_shapes(
        atlas.boundaries,
        frame,
        view.by_state,
        atlas.names,
        symbols=view_symbols(
            atlas.boundaries["iso3"],
            {c: view.by_state[c] for c in atlas.boundaries["iso3"] if c in view.by_state},
            frontline=atlas.frontline,
            reference=atlas.reference,
            country=country,
            changed=changed,
        ),
    )
    return view, shapes, map_svg(shapes, frame, focus, label=view.map_label, desc=view.summary)


@pytest.fixture
def world(make_world):
    return atlas_of(make_world())


def groups(root) -> dict[str, ET.Element]:
    return {g.get("class"): g for g in root.iter(f"{SVG}g")}


def test_the_drawing_is_well_formed_with_a_title_and_a_description(world):
    view, _, svg = draw(world)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == view.map_label
    assert root.find(f"{SVG}title").text == view.map_label
    assert root.find(f"{SVG}desc").text == view.summary
    assert "<script" not in svg


def test_one_path_per_drawn_feature_classed_by_its_status(world):
    view, shapes, svg = draw(world)
    paths = {p.get("data-iso3"): p.get("class") for p in groups(ET.fromstring(svg))["shapes"]}
    # Every feature of the small world lies in the border window.
    assert set(paths) == set(world.boundaries["iso3"])
    for iso3, cls in paths.items():
        expected = "other" if iso3 == "GRL" else view.by_state[iso3].status.value
        assert cls == expected, iso3
    assert (paths["EST"], paths["POL"], paths["GRL"]) == ("withdrawn", "state_party", "other")
    assert len(shapes) == len(paths)


def test_marks_are_drawn_after_the_shapes_each_on_a_halo(world):
    _, shapes, svg = draw(world, country="FRA", changed=["EST"])
    root = ET.fromstring(svg)
    order = [g.get("class") for g in root.iter(f"{SVG}g")]
    assert order == ["shapes", "halos", "marks", "labels"]
    found = groups(root)
    halos = [(p.get("class"), p.get("d")) for p in found["halos"]]
    marks = [(p.get("class"), p.get("d")) for p in found["marks"]]
    assert halos == marks  # each mark has its halo, same outline, same order
    top = {s.iso3: s.symbol.outline.mark.key if s.symbol.outline else None for s in shapes}
    assert (top["RUS"], top["NOR"], top["EST"], top["FRA"]) == (
        "ref",
        "front",
        "changed",
        "selected",
    )
    assert top["DNK"] is None
    # Drawn in MARKS order, so the selected state's outline is on top of all.
    keys = [m.key for m in MARKS]
    drawn = [cls.split()[0] for cls, _ in marks]
    assert drawn == sorted(drawn, key=keys.index)
    assert drawn[-1] == "selected"


def test_a_political_note_dots_a_border_states_outline(make_world):
    atlas = atlas_of(
        make_world(events=[*WORLD_EVENTS, event("NOR", "withdrawal_announced", "2025-03-18")])
    )
    _, shapes, svg = draw(atlas, treaty="ottawa", day="2025-04-01")
    assert next(s for s in shapes if s.iso3 == "NOR").marks == ("noted", "front")
    classes = [p.get("class") for p in groups(ET.fromstring(svg))["marks"]]
    assert "front noted" in classes


def test_a_hostile_name_appears_only_escaped(make_world):
    atlas = atlas_of(rename_state(make_world(), "EST", HOSTILE))
    _, _, svg = draw(atlas, country="EST")
    assert "<script>" not in svg
    assert "&lt;script&gt;&amp;&quot;&#x27;" in svg
    root = ET.fromstring(svg)  # still well-formed
    labels = [t.text for t in groups(root)["labels"]]
    assert HOSTILE in labels  # the label reads as the name, as text
    tooltips = [p.find(f"{SVG}title").text for p in groups(root)["shapes"]]
    assert any(t.startswith(HOSTILE + ":") for t in tooltips)


def test_the_world_view_names_only_the_states_in_front(world):
    _, _, svg = draw(world, focus=Focus.WORLD)
    labels = {t.text for t in groups(ET.fromstring(svg))["labels"]}
    assert labels <= {"Russian Federation", "Belarus", "Estonia", "Norway", "Poland"}


def test_coordinates_are_rounded_to_a_tenth_of_a_pixel(world):
    _, _, svg = draw(world, focus=Focus.WORLD)
    for d in re.findall(r' d="([^"]*)"', svg):
        assert not re.search(r"\d\.\d\d", d)
        assert re.fullmatch(r"(M[-\d.]+,[-\d.]+l[-\d., ]+z)+", d)


def test_path_data_steps_add_up_without_drift():
    ring = Polygon([(0.04, 0.04), (10.06, 0.04), (10.06, 5.55), (0.04, 5.55)])
    d = svg_path_data([ring])
    start, steps = d[1:-1].split("l")
    x, y = (float(v) for v in start.split(","))
    for step in steps.split():
        dx, dy = (float(v) for v in step.split(","))
        x, y = round(x + dx, 1), round(y + dy, 1)
    assert (x, y) == (0.0, 5.6)  # the last point, the ring closes back to (0, 0)


@pytest.mark.parametrize(
    ("value", "text"), [(1.0, "1"), (-0.04, "0"), (2.25, "2.2"), (-3.06, "-3.1"), (10, "10")]
)
def test_num(value, text):
    assert num(value) == text


@pytest.mark.parametrize("focus", list(Focus))
def test_frames_have_a_sane_shape_around_the_app_focus(focus):
    frame = Frame.for_focus(focus)
    assert 0.5 < frame.height / frame.width < 1.3
    (lat, lon), _ = mapview.FOCUS_VIEW[focus]
    west, south, east, north = FOCUS_BOX[focus]
    assert west <= lon <= east and south <= lat <= north


def test_north_is_up_and_west_is_left():
    frame = Frame.for_focus(Focus.BORDER)
    (x_w, y_n), (x_e, y_s) = frame.project(np.array([[10.0, 60.0], [30.0, 50.0]]))
    assert x_w < x_e and y_n < y_s
