"""The exported snapshot: one self-contained, script-free HTML file that shows the view."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from conftest import SOURCE, event, feature, square

from treatymap import snapshot
from treatymap.cli import main
from treatymap.data import load_dataset
from treatymap.snapshot import (
    Frame,
    snapshot_html,
    svg_path_data,
)
from treatymap.textsafe import safe_url
from treatymap.url_state import Focus
from treatymap.vocab import STATUS_COLOUR, STATUS_LABEL

HOSTILE_NAME = 'Estonia <img src=x onerror="alert(1)"> <script>alert(2)</script>'
HOSTILE_EXCERPT = '<script>alert(3)</script> "deposited" on 27 June 2025 & more'
HOSTILE_NOTE = '"><svg onload=alert(4)>'
HOSTILE_URL = 'https://example.org/a"onmouseover="alert(5)<script>'
STATES = [
    {"iso3": "RUS", "name": "Russia", "basis": "test"},
    {"iso3": "BLR", "name": "Belarus", "basis": "test"},
    {"iso3": "EST", "name": HOSTILE_NAME, "basis": "test"},
    {"iso3": "FIN", "name": "Finland", "basis": "test"},
    {"iso3": "LTU", "name": "Lithuania", "basis": "test"},
    {"iso3": "CHL", "name": "Chile", "basis": "test"},
]
#: Unit squares inside the border window: EST, FIN and LTU touch Russia or Belarus; Chile is
#: far away; XKX is drawn but takes no part in its own right.
FEATURES = [
    feature("RUS", square(30, 55)),
    feature("BLR", square(30, 54)),
    feature("EST", square(29, 55)),
    feature("FIN", square(31, 55)),
    feature("LTU", square(29, 54)),
    feature("CHL", square(-70, -30)),
    feature("XKX", square(20, 42), participant=False),
]
SOURCES = [
    {**SOURCE, "title": '<b>A "source"</b> & co', "publisher": "<i>Pub</i>"},
    {**SOURCE, "source_id": "bad", "url": HOSTILE_URL, "title": "Bad link"},
]
EVENTS = [
    event("EST", "signature", "1997-12-03"),
    event("EST", "ratification", "2004-05-12"),
    event("EST", "withdrawal_deposited", "2025-06-27", HOSTILE_EXCERPT, note=HOSTILE_NOTE),
    event("FIN", "accession", "2011-01-09", source_id="bad"),
    event("FIN", "withdrawal_deposited", "2025-07-10"),
    event("LTU", "signature", "1999-02-26"),
    event("LTU", "ratification", "2003-05-12"),
    event("LTU", "withdrawal_announced", "2025-03-18"),
    event("BLR", "accession", "2003-09-03"),
    event("CHL", "signature", "1997-12-03"),
]
ON = date(2025, 12, 27)
ACCESSED = date(2026, 11, 22)
PERMALINK = "https://treatymap.example.org/?date=2025-12-27"


@pytest.fixture
def data_dir(make_data):
    return make_data(events=EVENTS, states=STATES, sources=SOURCES, features=FEATURES)


@pytest.fixture
def dataset(data_dir):
    return load_dataset(data_dir)


def page(dataset, focus=Focus.BORDER, country=None, summary="A <b>summary</b> & more", link=None):
    return snapshot_html(
        dataset.record,
        dataset.boundaries,
        ON,
        focus,
        country,
        summary,
        "0123456789ab",
        link,
        accessed=ACCESSED,
    )


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


def paths(text: str) -> dict[str, str]:
    """iso3 -> class of every drawn state."""
    return {
        attrs["data-iso3"]: attrs["class"]
        for tag, attrs in parse(text).tags
        if tag == "path" and "data-iso3" in attrs
    }


def sources_of(text: str) -> str:
    return text[text.index("<h2>Sources") : text.index("<footer>")]


# --- what it shows ---------------------------------------------------------------------------


def test_shows_date_summary_figures_and_every_legend_label(dataset):
    text = page(dataset)
    assert '<time datetime="2025-12-27">27 December 2025</time>' in text
    assert "A &lt;b&gt;summary&lt;/b&gt; &amp; more" in text
    assert "<desc>A &lt;b&gt;summary&lt;/b&gt; &amp; more</desc>" in text
    for label in STATUS_LABEL.values():
        assert f"{label} <span" in text.replace("&#x27;", "'")
    assert "States Parties" in text
    assert "2 of 3</b>" in text  # FIN (pending) and LTU bound; EST withdrawn that day
    assert re.search(r"<b>1\d\d km</b><span>of land border", text)  # EST-RUS, about 111 km
    assert "Data version 0123456789ab" in text


def test_each_state_in_the_window_is_one_path_coloured_by_its_status(dataset):
    drawn = paths(page(dataset))
    assert set(drawn) == {"RUS", "BLR", "EST", "FIN", "LTU", "XKX"}  # not Chile
    assert drawn["EST"].split() == ["withdrawn", "front"]
    assert drawn["FIN"].split() == ["withdrawal_pending", "front"]
    assert drawn["LTU"].split() == ["state_party", "noted", "front"]
    assert drawn["RUS"].split() == ["not_party", "ref"]
    assert drawn["XKX"] == "other"
    assert set(paths(page(dataset, Focus.WORLD))) == {
        "RUS",
        "BLR",
        "EST",
        "FIN",
        "LTU",
        "XKX",
        "CHL",
    }


def test_styles_colour_hatch_and_outline(dataset):
    text = page(dataset)
    style = parse(text).style
    for status, colour in STATUS_COLOUR.items():
        if status.value != "withdrawal_pending":
            assert f".shapes .{status.value} {{ fill: {colour}; }}" in style
    assert ".shapes .withdrawal_pending { fill: url(#tm-hatch);" in style
    assert '<pattern id="tm-hatch"' in text
    assert ".shapes .front {" in style and ".shapes .ref {" in style


def test_selected_country_is_highlighted_and_its_sources_listed(dataset):
    text = page(dataset, country="EST")
    assert paths(text)["EST"].split() == ["withdrawn", "front", "sel"]
    assert "Sources: Estonia &lt;img" in text
    assert "&lt;script&gt;alert(3)&lt;/script&gt; &quot;deposited&quot; on 27 June 2025" in text
    assert "Note: &quot;&gt;&lt;svg onload=alert(4)&gt;" in text
    assert "Finland:" not in sources_of(text)
    assert "withdrawal took effect on 27 December 2025" in text  # the rule, from explain
    # the selected state is drawn last, so its outline is on top
    assert list(paths(text))[-1] == "EST"


def test_without_a_country_the_frontline_states_sources_are_listed(dataset):
    text = page(dataset)
    assert "Sources: the states bordering Russia or Belarus" in text
    for name in ("Estonia &lt;img", "Finland: Withdrawal pending", "Lithuania: State Party"):
        assert name in text
    assert "Chile" not in text
    assert '<h3 id="state-BLR"' not in text  # a reference state, not a neighbour
    assert "opened for signature on 3 December 1997" in text  # the treaty's own dates


def test_a_country_outside_the_window_is_said_to_be(dataset):
    text = page(dataset, country="CHL")
    assert "Chile lies outside this map&#x27;s window." in text
    assert "CHL" not in paths(text)


def test_unknown_country_is_refused(dataset):
    with pytest.raises(ValueError, match="ZZZ"):
        page(dataset, country="ZZZ")


def test_sources_later_than_the_date_are_not_listed(dataset):
    early = snapshot_html(
        dataset.record,
        dataset.boundaries,
        date(2020, 1, 1),
        Focus.BORDER,
        "EST",
        "s",
        "v",
        None,
        accessed=ACCESSED,
    )
    assert "27 June 2025" not in early
    assert "1 later event is recorded after this date" in early


# --- safe and self-contained -----------------------------------------------------------------

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "p", "h1", "h2", "h3",
    "ul", "li", "b", "span", "figure", "figcaption", "svg", "desc", "defs", "pattern", "rect",
    "g", "path", "text", "blockquote", "div", "cite", "a", "footer", "time",
}  # fmt: skip


def test_no_script_and_nothing_loaded_from_anywhere(dataset):
    text = page(dataset, country="EST", link=PERMALINK)
    assert "<script" not in text.lower()
    parsed = parse(text)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    allowed_links = {safe_url(s["url"]) for s in SOURCES} | {PERMALINK}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs and "xlink:href" not in attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert tag == "a" and attrs["href"] in allowed_links, attrs
        if "style" in attrs:
            assert "url(" not in attrs["style"]
    assert re.findall(r"url\(([^)]*)\)", parsed.style) == ["#tm-hatch"]
    assert "@import" not in parsed.style
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp["content"].startswith("default-src 'none'")


def test_hostile_text_is_escaped_everywhere(dataset):
    text = page(dataset, country="EST", summary='<script>alert(6)</script>"')
    assert "<img" not in text and "<svg onload" not in text
    assert "Estonia &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    assert "&lt;b&gt;A &quot;source&quot;&lt;/b&gt; &amp; co" in text
    assert "&lt;i&gt;Pub&lt;/i&gt;" in text
    # the tooltip and the label on the map are text too
    assert "<title>Estonia &lt;img src=x" in text


def test_hostile_url_is_encoded_and_never_breaks_the_attribute(dataset):
    text = page(dataset, country="FIN")
    hrefs = [a["href"] for t, a in parse(text).tags if t == "a"]
    assert safe_url(HOSTILE_URL) in hrefs
    assert "onmouseover" not in "".join(a.keys().__repr__() for _, a in parse(text).tags)
    assert '"onmouseover' not in text


def test_an_unsafe_permalink_is_not_linked(dataset):
    text = page(dataset, link="javascript:alert(7)")
    assert "javascript" not in text
    assert "Exported from the command line." in text


def test_coordinates_are_rounded_to_a_tenth_of_a_pixel(dataset):
    text = page(dataset, Focus.WORLD)
    for d in re.findall(r' d="([^"]*)"', text):
        assert not re.search(r"\d\.\d\d", d)
        assert re.fullmatch(r"(M[-\d.]+,[-\d.]+l[-\d., ]+z)+", d)


def test_path_data_steps_add_up_without_drift():
    from shapely.geometry import Polygon

    ring = Polygon([(0.04, 0.04), (10.06, 0.04), (10.06, 5.55), (0.04, 5.55)])
    d = svg_path_data([ring])
    start, steps = d[1:-1].split("l")
    x, y = (float(v) for v in start.split(","))
    for step in steps.split():
        dx, dy = (float(v) for v in step.split(","))
        x, y = round(x + dx, 1), round(y + dy, 1)
    assert (x, y) == (0.0, 5.6)  # the last point, the ring closes back to (0, 0)


def test_frames_have_a_sane_shape_around_the_app_focus():
    from treatymap import mapview

    for focus in Focus:
        frame = Frame.for_focus(focus)
        assert 0.5 < frame.height / frame.width < 1.3
        (lat, lon), _ = mapview.FOCUS_VIEW[focus]
        west, south, east, north = snapshot.FOCUS_BOX[focus]
        assert west <= lon <= east and south <= lat <= north


# --- the summary -----------------------------------------------------------------------------


# --- the command line ------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_export_writes_the_file(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    target = tmp_path / "view.html"
    code, out = run(
        "export", "--date", "2025-12-27", "--country", "est", "--focus", "europe",
        "--base-url", "https://treatymap.example.org/", "--out", str(target),
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert code == 0
    assert out.startswith(f"wrote {target} (")
    text = target.read_text(encoding="utf-8")
    assert "27 December 2025" in text
    assert paths(text)["EST"].endswith("sel")
    link = "https://treatymap.example.org/?date=2025-12-27&amp;country=EST&amp;focus=europe"
    assert f'href="{link}"' in text
    assert "withdrawal took effect that day." in text  # the default summary
    assert re.search(r"Data version [0-9a-f]{12}\.", text)
    assert "(accessed 22 November 2026)." in text


def test_cli_export_refuses_invalid_data(make_data, tmp_path, capsys):
    bad = [*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}]
    directory = make_data(events=bad, states=STATES, sources=SOURCES, features=FEATURES)
    target = tmp_path / "view.html"
    code, out = run(
        "export", "--date", "2025-12-27", "--out", str(target), "--data-dir", str(directory)
    )
    err = capsys.readouterr().err
    assert (code, out) == (1, "")
    assert "state 'ZZZ' is not in states.csv" in err
    assert err.splitlines()[-1] == "1 problem(s) found; the data was not used"
    assert not target.exists()


def test_cli_export_bad_country_or_folder_is_exit_2(data_dir, tmp_path, capsys):
    target = tmp_path / "view.html"
    code, _ = run(
        "export", "--date", "2025-12-27", "--country", "ZZZ", "--out", str(target),
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert code == 2
    assert "error: 'ZZZ' is not a state code in states.csv" in capsys.readouterr().err
    assert not target.exists()
    code, _ = run(
        "export", "--date", "2025-12-27", "--out", str(tmp_path / "no" / "view.html"),
        "--data-dir", str(data_dir),
    )  # fmt: skip
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["--date", "2025-13-01"], ["--date", "2025-12-27", "--focus", "moon"]]
)
def test_cli_export_bad_date_or_focus_is_exit_2(data_dir, tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        run("export", *argv, "--out", str(tmp_path / "v.html"), "--data-dir", str(data_dir))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "is not a date in the form YYYY-MM-DD" in err or "invalid choice: 'moon'" in err


# --- the bundled data ------------------------------------------------------------------------


def test_bundled_border_snapshot_is_small_and_draws_every_neighbour(tmp_path):
    target = tmp_path / "border.html"
    code, _ = run("export", "--date", "2025-12-27", "--out", str(target))
    assert code == 0
    size = target.stat().st_size
    assert size < 200_000, size
    drawn = paths(target.read_text(encoding="utf-8"))
    for iso3 in ("RUS", "BLR", "EST", "LVA", "LTU", "POL", "FIN", "NOR", "UKR"):
        assert iso3 in drawn
    assert drawn["EST"].split()[0] == "withdrawn"
    assert drawn["FIN"].split()[0] == "withdrawal_pending"
