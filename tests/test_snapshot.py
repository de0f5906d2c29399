"""The exported snapshot (treatymap.snapshot): one self-contained, script-free HTML file that
shows a view of one treaty, on the small world: the treaty named in the title and the kicker,
the legend with each status's count, the treaty's own articles and review date, the border
table across every treaty, the sources of that treaty only, and hostile text kept as text.
The ``export`` command that writes it is tested in tests/test_cli.py."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from conftest import (
    CCM,
    SECOND_SOURCE,
    SOURCE,
    TREATY,
    TRI,
    WORLD_EVENTS,
    add_corroborations,
    atlas_of,
    corroboration,
    rename_state,
    write_csv,
)

from treatymap.schemas import SOURCES
from treatymap.snapshot import snapshot_html
from treatymap.textsafe import safe_url
from treatymap.url_state import Focus, ViewState
from treatymap.view import across_treaties, build_view
from treatymap.vocab import STATUS_LABEL, Status

ACCESSED = date(2026, 11, 22)
PERMALINK = "https://treatymap.example.org/?treaty=tri&date=2025-04-15"


def page(atlas, treaty="tri", day="2025-04-15", country=None, focus=Focus.BORDER, link=None):
    view = build_view(atlas, treaty, date.fromisoformat(day), focus=focus, country=country)
    url_view = ViewState(view.day, country, focus, treaty=treaty)
    text = snapshot_html(view, permalink=link, accessed=ACCESSED, url_view=url_view)
    # The page's template escapes quotes as markupsafe does (&#34; &#39;), the map's drawing as
    # html.escape does: one spelling for the assertions below.
    return text.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


class Elements(HTMLParser):
    """Every start tag with its attributes, the text of <style>, and the table cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self.rows: list[list[str]] = []
        self._open = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self.rows[-1].append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._open = ""

    def handle_data(self, data):
        if self._open == "style":
            self.style += data
        if self._open in ("td", "th") and self.rows:
            self.rows[-1][-1] += data


def parse(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    return parser


def paths(text: str) -> dict[str, str]:
    """iso3 -> class of every drawn shape."""
    return {
        attrs["data-iso3"]: attrs["class"]
        for tag, attrs in parse(text).tags
        if tag == "path" and "data-iso3" in attrs
    }


def sources_of(text: str) -> str:
    return text[text.index("<h2>Sources") : text.index("<footer>")]


@pytest.fixture
def world(make_world):
    return atlas_of(make_world())


# --- what it shows ---------------------------------------------------------------------------


def test_title_kicker_and_heading_name_the_treaty(world):
    text = page(world)
    assert "<title>Who is bound by the Treaty of Trial on 15 April 2025 · treatymap</title>" in text
    assert '<p class="kicker">Treaty on a Trial Ban (Tallinn, 2000)</p>' in text
    assert "<h1>Who is bound by the Treaty of Trial</h1>" in text
    assert '<time datetime="2025-04-15">15 April 2025</time>' in text
    assert "Ottawa" not in text.split("<h2>")[0]  # before the table of every treaty


def test_summary_and_figures_are_the_views(world):
    view = build_view(world, "tri", date(2025, 4, 15))
    text = page(world)
    assert f'<p class="summary">{view.summary}</p>' in text.replace("&#x27;", "'")
    assert "<desc>" + view.summary.replace("'", "&#x27;") + "</desc>" in text
    assert "<b>1</b><span>States Parties: bound by the Treaty of Trial that day</span>" in text
    assert "<b>1 bound · 1 left · 1 never joined</b>" in text  # POL, EST, NOR
    km = view.figures.border_km_no_longer_bound
    assert f"<b>{km:,.0f} km</b>" in text


def test_legend_counts_each_status_of_the_day(world):
    view = build_view(world, "tri", date(2025, 4, 15))
    text = page(world)
    for status in Status:
        count = sum(s.status is status for s in view.statuses)
        if status is Status.NOT_RECORDED:  # the Treaty of Trial's record is complete
            assert STATUS_LABEL[status] not in text
            continue
        assert f"{STATUS_LABEL[status]} ({count})</li>" in text
    assert "Not a participant in its own right</li>" in text
    assert "Land border with Russia or Belarus</li>" in text


@pytest.mark.parametrize(
    ("treaty", "articles", "reviewed"),
    [
        ("tri", "Articles 11 and 14 of the Treaty of Trial", "1 January 2026"),
        ("ccm", "Articles 17 and 20 of the Convention on Cluster Munitions", "5 September 2025"),
    ],
)
def test_the_note_cites_the_treatys_articles_and_review_date(world, treaty, articles, reviewed):
    text = page(world, treaty=treaty)
    assert f"computed from the sourced events under {articles}." in text
    assert f"Record reviewed up to {reviewed}." in text
    assert f"reviewed up to {reviewed}. Generated by treatymap" in text  # the footer


def test_articles_are_listed_in_numeric_order(make_world):
    tri = {**TRI, "state_entry_into_force_article": "9.2", "consent_article": "8"}
    atlas = atlas_of(make_world(treaties=[TREATY, CCM, tri]))
    assert "under Articles 9 and 14 of the Treaty of Trial." in page(atlas)


def test_each_state_in_the_window_is_one_path_classed_by_its_status(world):
    view = build_view(world, "tri", date(2025, 4, 15))
    drawn = paths(page(world))
    assert set(drawn) == set(world.boundaries["iso3"])
    for iso3, cls in drawn.items():
        assert cls == ("other" if iso3 == "GRL" else view.by_state[iso3].status.value)


def test_the_border_table_shows_every_treaty(world):
    rows = parse(page(world)).rows
    assert rows[0] == ["State", "Ottawa Convention", "Convention on Cluster Munitions",
                       "Treaty of Trial"]  # fmt: skip
    names = {"RUS": "Russian Federation", "BLR": "Belarus", "EST": "Estonia", "NOR": "Norway",
             "POL": "Poland"}  # fmt: skip
    expected = [
        [names[iso3]]
        + [STATUS_LABEL[c.status.status] for c in across_treaties(world, iso3, date(2025, 4, 15))]
        for iso3 in ("RUS", "BLR", "EST", "NOR", "POL")
    ]
    assert rows[1:] == expected
    assert rows[3][1:] == ["State Party (bound)", "Not a party", "Withdrawn (no longer bound)"]


def test_without_a_country_the_border_states_sources_of_this_treaty_are_listed(world):
    sources = sources_of(page(world))
    assert "<h2>Sources: the states on Russia&#x27;s or Belarus&#x27;s land borders</h2>" in sources
    for heading in ("Estonia: Withdrawn", "Norway: Not a party", "Poland: State Party"):
        assert heading in sources
    assert '<h3 id="state-RUS"' not in sources  # a reference state, not a neighbour
    assert "opened for signature on 10 January 2000" in sources  # TRI's own dates
    assert "entered into force on 1 January 2001" in sources
    assert "EST withdrawal_deposited on 15 January 2025." in sources
    for other_treaty in ("27 June 2025", "12 May 2004", "3 December 1997", "Article 20"):
        assert other_treaty not in sources  # EST's Ottawa events and rules


def test_a_selected_country_lists_its_own_sources_and_why(world):
    text = page(world, country="EST")
    assert paths(text)["EST"] == "withdrawn"
    sources = sources_of(text)
    assert "<h2>Sources: Estonia</h2>" in sources
    assert "Poland:" not in sources and "Norway:" not in sources
    assert "its withdrawal took effect on 15 April 2025" in sources  # explain, in TRI's rules
    assert "(Article 14.2)" in sources


def test_objections_concerning_the_state_are_among_its_sources(world):
    sources = sources_of(page(world, treaty="ottawa", day="2026-01-01", country="EST"))
    assert "Objection lodged with the Depositary" in sources
    assert "FRA objection on 17 October 2025." in sources


def test_sources_later_than_the_date_are_counted_not_listed(world):
    sources = sources_of(page(world, treaty="ottawa", day="2020-01-01", country="EST"))
    assert "27 June 2025" not in sources
    # EST's Ottawa events after 2020: announced, deposited, effective, and France's objection.
    assert "4 later events are recorded after this date and not shown." in sources


def test_a_corroborated_event_names_its_further_source(make_world):
    directory = make_world()
    write_csv(directory / SOURCES.file, SOURCES.column_names, [SOURCE, SECOND_SOURCE])
    add_corroborations(directory, [corroboration("POL", "accession", "2002-02-02", treaty="tri")])
    sources = sources_of(page(atlas_of(directory), country="POL"))
    # The further source is the treaty's support unit, stronger than the Monitor the event
    # cites: it leads, and the event's own source follows, each once.
    assert sources.count("“Also: POL accession on 2 February 2002.”") == 1
    assert sources.count("“POL accession on 2 February 2002.”") == 1
    assert sources.count("Source: <cite>Another source</cite>") == 1
    assert sources.count("Also stated by: <cite>A source</cite>") == 1
    assert sources.index("Another source") < sources.index("Also stated by: <cite>A source")


def test_a_country_outside_the_window_is_said_to_be(make_world):
    directory = make_world()
    boundaries = directory / "boundaries.geojson"
    collection = json.loads(boundaries.read_text(encoding="utf-8"))
    for item in collection["features"]:
        if item["properties"]["iso3"] == "FRA":  # moved to the south Pacific
            item["geometry"]["coordinates"] = [
                [[-150, -30], [-149, -30], [-149, -29], [-150, -29], [-150, -30]]
            ]
    boundaries.write_text(json.dumps(collection), encoding="utf-8")
    text = page(atlas_of(directory), country="FRA")
    assert "France lies outside this map&#x27;s window." in text
    assert "FRA" not in paths(text)


# --- safe and self-contained -----------------------------------------------------------------

HOSTILE_NAME = 'Estonia <img src=x onerror="alert(1)"> <script>alert(2)</script>'
HOSTILE_EXCERPT = '<script>alert(3)</script> "deposited" on 15 January 2025 & more'
HOSTILE_NOTE = '"><svg onload=alert(4)>'
HOSTILE_URL = 'https://example.org/a"onmouseover="alert(5)<script>'


@pytest.fixture
def hostile(make_world):
    events = []
    for e in WORLD_EVENTS:
        if (e["treaty_id"], e["iso3"], e["event"]) == ("tri", "EST", "withdrawal_deposited"):
            e = {**e, "excerpt": HOSTILE_EXCERPT, "note": HOSTILE_NOTE}
        if (e["treaty_id"], e["iso3"]) == ("tri", "POL"):
            e = {**e, "source_id": "bad"}
        events.append(e)
    directory = rename_state(make_world(events=events), "EST", HOSTILE_NAME)
    sources = [
        {**SOURCE, "title": '<b>A "source"</b> & co', "publisher": "<i>Pub</i>"},
        {**SOURCE, "source_id": "bad", "url": HOSTILE_URL, "title": "Bad link"},
    ]
    write_csv(directory / SOURCES.file, SOURCES.column_names, sources)
    return atlas_of(directory)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "p", "h1", "h2", "h3",
    "ul", "li", "b", "span", "figure", "figcaption", "svg", "desc", "defs", "pattern", "rect",
    "g", "path", "text", "blockquote", "div", "cite", "a", "footer", "time", "circle", "table",
    "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def test_no_script_and_nothing_loaded_from_anywhere(hostile):
    text = page(hostile, country="EST", link=PERMALINK)
    assert "<script" not in text.lower()
    parsed = parse(text)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    allowed_links = {safe_url(SOURCE["url"]), safe_url(HOSTILE_URL), PERMALINK}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs and "xlink:href" not in attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert tag == "a" and attrs["href"] in allowed_links, attrs
        if "style" in attrs:
            assert "url(" not in attrs["style"]
    assert "@import" not in parsed.style
    assert all(u.startswith("#tm-") for u in re.findall(r"url\(([^)]*)\)", text))
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp["content"].startswith("default-src 'none'")


def test_hostile_text_is_escaped_everywhere(hostile):
    text = page(hostile, country="EST")
    assert "<img" not in text and "<svg onload" not in text
    assert "Estonia &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    assert "&lt;script&gt;alert(3)&lt;/script&gt; &quot;deposited&quot; on 15 January 2025" in text
    assert "&quot;&gt;&lt;svg onload=alert(4)&gt;" in text
    assert "&lt;b&gt;A &quot;source&quot;&lt;/b&gt; &amp; co" in text
    assert "&lt;i&gt;Pub&lt;/i&gt;" in text
    assert "<title>Estonia &lt;img src=x" in text  # the tooltip on the map is text too


def test_hostile_url_is_encoded_and_never_breaks_the_attribute(hostile):
    text = page(hostile, country="POL")
    hrefs = [a["href"] for t, a in parse(text).tags if t == "a"]
    assert safe_url(HOSTILE_URL) in hrefs
    assert not any("onmouseover" in name for _, a in parse(text).tags for name in a)
    assert '"onmouseover' not in text


def test_an_unsafe_permalink_is_not_linked(world):
    text = page(world, link="javascript:alert(7)")
    assert "javascript" not in text
    assert "Exported from the command line." in text


def test_the_citation_names_the_treaty_and_the_permalink(world):
    text = page(world, link=PERMALINK)
    cite = re.search(r"<b>Cite as:</b> (.*)</p>", text).group(1)
    assert cite.startswith("treatymap: who is bound by the Treaty of Trial. Status as of 15 April")
    assert "Data version 0123456789ab." in cite
    assert "(accessed 22 November 2026)." in cite
    assert f'Live view: <a href="{PERMALINK.replace("&", "&amp;")}"' in text


def test_a_compare_snapshot_carries_both_days_and_every_change(world):
    """Estonia leaves the Treaty of Trial on 15 April 2025 (deposit 15 January, three
    months): a snapshot comparing 1 January with 15 April names both days, lists the change
    with its rule and source, and shows the border table before → after."""
    compare = (date(2025, 1, 1), date(2025, 4, 15))
    view = build_view(world, "tri", compare[1], compare=compare)
    url_view = ViewState(view.day, treaty="tri", compare=compare)
    text = snapshot_html(view, permalink=PERMALINK, accessed=ACCESSED, url_view=url_view)
    dateline = re.search(r'<p class="dateline">(.*?)</p>', text).group(1)
    assert "15 April 2025" in dateline and "compared with" in dateline
    assert "1 January 2025" in dateline
    changes = text[text.index("<h2>What changed") : text.index("<h2>Russia")]
    assert "between 1 January 2025 and 15 April 2025" in changes
    assert "Estonia: State Party → withdrawn, effective 15 April 2025" in changes
    assert "EST withdrawal_deposited on 15 January 2025." in changes  # the excerpt
    assert "Source: <cite>A source</cite>" in changes
    legend = text[text.index('<ul class="legend"') :]
    assert "Status changed between 1 January 2025 and 15 April 2025" in legend
    rows = {r[0]: r[1:] for r in parse(text).rows}
    assert "State Party (bound) → Withdrawn (no longer bound)" in rows["Estonia"]
    assert "Cite as:" in text and "on 15 April 2025 compared with 1 January 2025" in text


def test_a_compare_snapshot_with_no_change_says_so(world):
    compare = (date(2025, 2, 1), date(2025, 3, 1))
    view = build_view(world, "tri", compare[1], compare=compare)
    url_view = ViewState(view.day, treaty="tri", compare=compare)
    text = snapshot_html(view, permalink=None, accessed=ACCESSED, url_view=url_view)
    assert "No state&#39;s status under the Treaty of Trial changed." in text
