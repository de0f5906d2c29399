"""Every view's address is a web page (treatymap.web, treatymap.webpage), on the small world:
what a link preview's crawler reads (title, description, canonical address, image), the preview
image, the view's data at addresses of their own (the bytes of the command line), oEmbed, and
the headers on everything. The routes are called as the ASGI app calls them (tests/asgi_support).
In Chromium: tests/test_browser.py (the first view, its hand-over to the live page)."""

from __future__ import annotations

import gzip
import io
import json
import struct
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from asgi_support import get
from starlette.routing import Router

from treatymap import web
from treatymap.cli import main as cli
from treatymap.webpage import PREVIEW_SIZE, public_base

CRAWLER = {"User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"}


class Head(HTMLParser):
    """The page's title, its meta tags by name or property, its links by rel, its lang."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.meta, self.links, self.lang = "", {}, {}, ""
        self._in_title = False
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "title" and not self.title:  # the page's; the map's shapes have their own
            self._in_title = True
        if tag == "meta" and a.get("content") is not None:
            self.meta[a.get("property") or a.get("name")] = a["content"]
        if tag == "link":
            key = a.get("rel", "")
            if key == "alternate":
                key = f"alternate {a.get('type')}"
            self.links[key] = a.get("href")
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture
def router(make_world, monkeypatch):
    """The routes on the small world, today pinned, the preview rendered in this process."""
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(make_world()))
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-01-15")
    monkeypatch.delenv("TREATYMAP_PUBLIC_URL", raising=False)
    pool = ThreadPoolExecutor(1)
    monkeypatch.setattr(web.PREVIEWS, "pool", pool)
    monkeypatch.setattr(web.PREVIEWS, "kept", web._Kept(web.PREVIEWS_KEPT))
    monkeypatch.setattr(web, "_PAGES", web._Kept(web.PAGES_KEPT))
    yield Router(routes=web.routes())
    pool.shutdown()


def head_of(router, query: str, **headers: str) -> Head:
    answer = get(router, "/" + query, {**CRAWLER, **headers})
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/html")
    parsed = Head()
    parsed.feed(answer.text)
    return parsed


@pytest.mark.parametrize(
    ("query", "title", "described", "canonical"),
    [
        (
            "?date=2025-12-27",
            "Who is bound by the Ottawa Convention on 27 December 2025 · treatymap",
            "On 27 December 2025, Estonia ceased to be bound by the Ottawa Convention;",
            "?date=2025-12-27",
        ),
        (
            "?treaty=ccm&date=2024-10-01",
            "Who is bound by the Convention on Cluster Munitions on 1 October 2024 · treatymap",
            "On 1 October 2024,",
            "?treaty=ccm&date=2024-10-01",
        ),
        (
            "?date=2026-01-10&country=est&focus=europe",
            "Estonia and the Ottawa Convention, 10 January 2026 · treatymap",
            "Estonia: no longer bound by the Ottawa Convention since 27 December 2025.",
            "?date=2026-01-10&country=EST&focus=europe",
        ),
        (
            "?compare=2025-01-01..2026-01-01&date=2026-01-01",
            "Who is bound by the Ottawa Convention on 1 January 2025 → 1 January 2026 · treatymap",
            "Between 1 January 2025 and 1 January 2026, the status of 1 state under the Ottawa",
            "?date=2026-01-01&compare=2025-01-01..2026-01-01",
        ),
        (
            "?date=2025-12-27&embed=true",
            "Who is bound by the Ottawa Convention on 27 December 2025 · treatymap",
            "On 27 December 2025, Estonia ceased",
            "?date=2025-12-27",
        ),
    ],
)
def test_a_crawler_reads_the_views_own_title_description_address_and_image(
    router, query, title, described, canonical
):
    """Both treaties, a day, a state, a comparison, an embed: every tag names that view."""
    head = head_of(router, query)
    base = "http://127.0.0.1:8501/"
    assert head.lang == "en"
    assert head.title == title == head.meta["og:title"] == head.meta["twitter:title"]
    assert head.meta["description"].startswith(described)
    assert head.meta["og:description"] == head.meta["description"]
    assert head.links["canonical"] == head.meta["og:url"] == base + canonical
    assert head.meta["og:type"] == "website" and head.meta["og:site_name"] == "treatymap"
    assert head.meta["twitter:card"] == "summary_large_image"
    image = urlsplit(head.meta["og:image"])
    assert image.path.startswith("/preview/") and image.path.endswith(".png")
    assert parse_qs(image.query) == parse_qs(urlsplit(base + canonical).query)
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
    assert head.meta["og:image:alt"].startswith("Map of each state's status under the")
    assert head.links["alternate text/csv"].startswith(base + "data/status.csv?")
    assert head.links["alternate application/json"].startswith(base + "data/status.json?")
    assert head.links["alternate application/json+oembed"].startswith(base + "oembed?url=")


@pytest.mark.parametrize(
    "query",
    [
        "?country=%3Cscript%3Ealert(1)%3C%2Fscript%3E&date=%22%3E%3Cimg%20src%3Dx%3E",
        "?treaty=%3Cb%3E&focus=javascript:alert(1)&date=2025-02-30",
        "?%3Csvg%20onload%3Dalert(1)%3E=1&kinds=%22%3E%3C",
    ],
)
def test_a_hostile_query_gives_the_tags_of_the_view_the_page_falls_back_to(router, query):
    answer = get(router, "/" + query, CRAWLER)
    assert answer.status == 200
    for raw in ("<script>alert", "<img src=x", "<svg onload", "javascript:alert"):
        assert raw not in answer.text
    head = Head()
    head.feed(answer.text)
    assert head.title == "Who is bound by the Ottawa Convention on 15 January 2026 · treatymap"
    assert head.links["canonical"] == "http://127.0.0.1:8501/?date=2026-01-15"


def test_the_public_address_comes_from_the_proxy_or_a_setting_and_never_carries_markup(
    router, monkeypatch
):
    proxied = head_of(
        router, "?date=2025-12-27", **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "ex.org"}
    )
    assert proxied.links["canonical"] == "https://ex.org/?date=2025-12-27"
    forged = head_of(router, "?date=2025-12-27", Host='evil"><script>x</script>')
    assert forged.links["canonical"] == "http://localhost/?date=2025-12-27"
    monkeypatch.setenv("TREATYMAP_PUBLIC_URL", "https://news.example/treaties")
    set_ = head_of(router, "?date=2025-12-26")
    assert set_.links["canonical"] == "https://news.example/treaties/?date=2025-12-26"
    assert public_base("http", "a b") == "http://localhost/"


def test_the_page_carries_the_first_view_and_is_small(router):
    """The sentence, the figures, the record's review, a still map and the line for readers
    without JavaScript, in at most 100 KB compressed with the map, for every focus."""
    for focus in ("border", "europe", "world"):
        answer = get(router, f"/?date=2025-12-27&focus={focus}", {"Accept-Encoding": "gzip"})
        assert answer.headers["content-encoding"] == "gzip"
        assert len(answer.body) <= 100_000, (focus, len(answer.body))
        text = gzip.decompress(answer.body).decode("utf-8")
        first = text[text.index('<div id="tm-first-view"') :]
        assert "On 27 December 2025, 5 states are bound by the Ottawa Convention." in first
        assert "Record reviewed up to 1 January 2026." in first
        assert '<svg id="tm-fv-svg"' in first and 'data-iso3="EST"' in first
        assert "The interactive map needs JavaScript" in first
        assert "You need to enable JavaScript to run this app." not in text  # Streamlit's note
    plain = get(router, "/?date=2025-12-27")
    assert "content-encoding" not in plain.headers and b"tm-first-view" in plain.body


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_preview_image_is_the_views_at_1200_by_630_under_300_kb_and_kept(router):
    head = head_of(router, "?date=2025-07-01&country=EST")
    path = head.meta["og:image"].removeprefix("http://127.0.0.1:8501")
    answer = get(router, path)
    assert answer.status == 200 and answer.headers["content-type"] == "image/png"
    assert _png_size(answer.body) == PREVIEW_SIZE
    assert len(answer.body) < 300_000
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = get(router, path, {"If-None-Match": answer.headers["etag"]})
    assert again.status == 304 and again.body == b""
    assert len(web.PREVIEWS.kept) == 1
    assert get(router, path).body == answer.body  # from the cache
    stale = get(router, "/preview/000000000000.png?date=2025-07-01&country=EST")
    assert stale.status == 302 and stale.headers["location"].endswith(path.split("/")[-1])


def test_previews_kept_are_bounded(router, monkeypatch):
    monkeypatch.setattr(web.PREVIEWS, "kept", web._Kept(3))
    version = head_of(router, "?date=2025-01-01").meta["og:image"].split("/preview/")[1][:12]
    for day in range(1, 8):
        assert get(router, f"/preview/{version}.png?date=2025-01-0{day}").status == 200
    assert len(web.PREVIEWS.kept) == 3


def test_too_many_waiting_previews_are_told_to_come_back(router, monkeypatch):
    monkeypatch.setattr(web, "PREVIEWS_WAITING", 0)
    version = head_of(router, "?date=2025-01-01").meta["og:image"].split("/preview/")[1][:12]
    answer = get(router, f"/preview/{version}.png?date=2024-02-02")
    assert answer.status == 503 and answer.headers["retry-after"] == "5"


@pytest.mark.parametrize(
    ("ending", "fmt", "lang"), [("csv", "csv", "en"), ("json", "json", "en"), ("csv", "csv", "uk")]
)
def test_the_data_addresses_give_the_bytes_of_the_command_line(router, ending, fmt, lang):
    answer = get(router, f"/data/status.{ending}?treaty=ccm&date=2024-10-01&lang={lang}")
    out = io.StringIO()
    command = ["status", "--treaty", "ccm", "--date", "2024-10-01", "--format", fmt]
    assert cli([*command, "--lang", lang], out=out) == 0
    assert answer.status == 200 and answer.text == out.getvalue()
    assert answer.headers["access-control-allow-origin"] == "*"
    assert answer.headers["x-treatymap-data-version"]
    assert answer.headers["cache-control"] == "public, max-age=3600"
    assert get(router, f"/data/status.{ending}?treaty=ccm&date=2024-10-01",
               {"If-None-Match": answer.headers["etag"]}).status == 304  # fmt: skip


def test_a_states_history_as_json_with_its_sources_and_the_data_version(router):
    answer = get(router, "/data/history.json?country=est&treaty=ottawa")
    data = json.loads(answer.text)
    assert (
        data["iso3"] == "EST" and data["data_version"] == answer.headers["x-treatymap-data-version"]
    )
    (ottawa,) = data["treaties"]
    kinds = [e["event"] for e in ottawa["events"]]
    assert kinds[:2] == ["accession", "entry_into_force"] and "objection" in kinds
    assert ottawa["events"][0]["sources"][0]["url"] == "https://example.org/source"
    assert get(router, "/data/history.json?country=XXX").status == 400
    everything = json.loads(get(router, "/data/history.json?country=EST").text)
    assert [t["treaty_id"] for t in everything["treaties"]] == ["ottawa", "ccm", "tri"]


def test_oembed_answers_an_iframe_of_the_embed_view(router):
    url = quote("http://127.0.0.1:8501/?date=2025-12-27&country=EST", safe="")
    answer = get(router, f"/oembed?url={url}&maxwidth=500&maxheight=400&format=json")
    data = json.loads(answer.text)
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert data["title"] == "Estonia and the Ottawa Convention, 27 December 2025"
    frame = Head()
    frame.feed(data["html"])
    assert data["html"].startswith('<iframe src="http://127.0.0.1:8501/?date=2025-12-27&amp;')
    assert "embed=true" in data["html"] and 'width="500" height="400"' in data["html"]
    assert frame.scripts == 1  # the few lines that let the frame take its content's height
    assert data["thumbnail_url"].startswith("http://127.0.0.1:8501/preview/")
    assert (data["thumbnail_width"], data["thumbnail_height"]) == (500, 262)
    elsewhere = quote("https://example.org/?date=2025-12-27", safe="")
    assert get(router, f"/oembed?url={elsewhere}").status == 404
    assert get(router, f"/oembed?url={url}&format=xml").status == 501


@pytest.mark.parametrize(
    "path",
    [
        "/?date=2025-12-27",
        "/data/status.csv?date=2025-12-27",
        "/data/history.json?country=EST",
        "/oembed?url=http%3A%2F%2F127.0.0.1%3A8501%2F",
    ],
)
def test_every_answer_carries_the_security_headers(router, path):
    headers = get(router, path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    if not path.startswith("/?"):  # the page keeps Streamlit's own settings
        assert headers["content-security-policy"].startswith("default-src 'none'")


# --- the reader's language -------------------------------------------------------------------


def test_a_link_in_a_language_answers_in_it_and_keeps_it(router):
    """``?lang=pl``: the page's language, title, description and preview's words are Polish,
    and every address of the view (canonical, image, data, oEmbed) keeps the language."""
    head = head_of(router, "?date=2025-12-27&country=EST&lang=pl")
    assert head.lang == "pl" and head.meta["og:locale"] == "pl_PL"
    assert "27 grudnia 2025" in head.title and "Estonia" in head.title
    assert "Ottawa Convention" not in head.title + head.meta["description"]
    for address in (head.links["canonical"], head.meta["og:image"]):
        assert parse_qs(urlsplit(address).query)["lang"] == ["pl"]
    assert "lang=pl" in head.links["alternate text/csv"]
    assert "pl_PL" not in [head.meta.get("og:locale:alternate")]


def test_a_link_without_a_language_follows_the_browsers_and_says_it_varies(router):
    """A reader whose browser asks for Lithuanian first gets Lithuanian (and a link that keeps
    it); one asking for a language we do not have gets English, as do crawlers."""
    answer = get(router, "/?date=2025-12-27", {"Accept-Language": "de-DE,lt;q=0.8,en;q=0.5"})
    parsed = Head()
    parsed.feed(answer.text)
    assert parsed.lang == "lt" and "2025 m. gruodžio 27 d." in parsed.title
    assert parse_qs(urlsplit(parsed.links["canonical"]).query)["lang"] == ["lt"]
    assert "Accept-Language" in answer.headers["vary"]
    english = head_of(router, "?date=2025-12-27", **{"Accept-Language": "de-DE,fr;q=0.8"})
    assert english.lang == "en" and "lang" not in parse_qs(
        urlsplit(english.links["canonical"]).query
    )


def test_the_data_keeps_its_columns_and_codes_with_the_words_in_the_language(router):
    import csv

    def rows(query: str) -> dict[str, dict[str, str]]:
        text = get(router, f"/data/status.csv?treaty=tri&date=2025-04-15{query}").text
        return {r["iso3"]: r for r in csv.DictReader(io.StringIO(text))}

    english, polish = rows(""), rows("&lang=pl")
    assert list(english["EST"]) == list(polish["EST"])  # the columns are an interface
    for key in ("iso3", "status", "since", "bound", "border_state", "treaty_id"):
        assert english["EST"][key] == polish["EST"][key], key
    assert english["EST"]["status_label"] == "Withdrawn (no longer bound)"
    assert polish["EST"]["status_label"] not in ("", english["EST"]["status_label"])
