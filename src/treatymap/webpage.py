"""Every view is a web page: what a view's address answers before, and without, the app's script.

A link preview (Slack, X, WhatsApp, Signal, LinkedIn, Mastodon, a CMS) reads the HTML and runs
no script, and a reader on a slow phone waits seconds for Streamlit's. So the address of a view
answers with Streamlit's own page plus, computed from the same view as the page: a head that
names the view (title, description, canonical address, preview image, the view's data and its
oEmbed), and a first view of the view itself (title, sentence, figures, a still map) that the
live page replaces once its map is drawn. Also the oEmbed answer and the embed code.

Pure: no Starlette, no Streamlit. The routes that serve these are :mod:`treatymap.web`; the
views come from :mod:`treatymap.view`, read from a link exactly as the page reads it
(:func:`treatymap.url_state.parse_view`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

from treatymap.cite import FOCUS_LABEL, permalink
from treatymap.drawing import Frame, drawn_shapes, map_svg
from treatymap.explain import status_line
from treatymap.i18n import LANGUAGES, Words, best_language, language_of_header
from treatymap.style import (
    LINK,
    MARK,
    PAPER,
    RULE,
    SEA,
    TEXT,
    TEXT_SOFT,
    legend_css,
    legend_marks,
)
from treatymap.summary import view_description
from treatymap.templating import render, words
from treatymap.url_state import Notice, ViewState, view_params
from treatymap.view import Atlas, View, build_view, figure_items

#: Streamlit's own parameters, which the app never sees: read here, kept out of the view.
EMBED_KEYS = ("embed", "embed_options")
#: The preview image's size (the common size for link previews).
PREVIEW_SIZE = (1200, 630)
#: Height of an embedded view: the map, its date, legend, figures and summary (its own script
#: then tells the host page its height, see :func:`embed_code`).
EMBED_HEIGHT = 760
#: How long the first view waits for the live map once the app has started drawing (ms).
FIRST_VIEW_FALLBACK_MS = 20_000
#: The map's height in the live page and the first view, on a desktop and on a phone (short
#: enough on a 390 × 844 screen for the map and the selected state's line under the title and
#: the date).
MAP_HEIGHT, PHONE_MAP_HEIGHT = 520, 340


@dataclass(frozen=True)
class Page:
    """One view's address, read: the view, the link that reproduces it, whether it is embedded,
    and what was ignored or changed in the link (the page shows those notices)."""

    view: View
    address: ViewState
    embedded: bool
    notices: tuple[Notice, ...]

    @property
    def words(self) -> Words:
        return self.view.words


def read_page(
    atlas: Atlas,
    params: Mapping[str, Sequence[str]],
    today: date,
    accept_language: str | None = None,
) -> Page:
    """The view a query string asks for, read as the page reads it (never raises: a malformed
    or hostile query gives the view the page falls back to). Its language is the link's
    (``lang``), else the first of the browser's (``Accept-Language``) that is ours, else
    English; the view's address then names it, so that the link keeps it."""
    from treatymap.url_state import parse_view

    embedded = any(v.strip().lower() == "true" for v in params.get("embed", ()))
    own = {k: list(v) for k, v in params.items() if k not in EMBED_KEYS}
    parsed = parse_view(own, atlas.known(today))
    lang = parsed.view.lang or language_of_header(accept_language)
    address = replace(parsed.view, lang=best_language(lang))
    treaty_id = address.treaty or atlas.treaty_ids[0]
    view = build_view(
        atlas,
        treaty_id,
        address.date,
        focus=address.focus,
        country=address.country,
        compare=address.compare,
        lang=address.lang,
    )
    return Page(view, address, embedded, parsed.notices)


def query_params(query: str) -> dict[str, list[str]]:
    """A raw query string as key -> every value (blank values kept, as Streamlit keeps them)."""
    return parse_qs(query, keep_blank_values=True)


# --- the public address -----------------------------------------------------------------------

_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


def public_base(
    scheme: str,
    host: str,
    *,
    forwarded_proto: str | None = None,
    forwarded_host: str | None = None,
    forwarded_prefix: str | None = None,
    setting: str | None = None,
) -> str:
    """The dashboard's public address, ending in ``/``: the setting when a deployment gives one
    (``TREATYMAP_PUBLIC_URL``), else what the request says, behind a proxy its
    ``X-Forwarded-*`` headers. A host that is not a host name falls back to ``localhost``, so a
    forged header cannot put markup into the page's links.

    >>> public_base("http", "127.0.0.1:8501")
    'http://127.0.0.1:8501/'
    >>> public_base("http", "app:8501", forwarded_proto="https", forwarded_host="example.org")
    'https://example.org/'
    >>> public_base("http", "x", setting="https://example.org/treatymap")
    'https://example.org/treatymap/'
    """
    if setting:
        return setting.rstrip("/") + "/"
    proto = (forwarded_proto or scheme or "http").split(",")[0].strip().lower()
    proto = proto if proto in ("http", "https") else "http"
    name = (forwarded_host or host or "").split(",")[0].strip()
    name = name if _HOST.fullmatch(name) else "localhost"
    prefix = "/" + "/".join(p for p in (forwarded_prefix or "").split("/") if p and p != "..")
    return f"{proto}://{name}{prefix.rstrip('/')}/"


# --- the view's addresses ---------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """Every address of a view: its canonical link, its embed, its preview image, its data."""

    canonical: str
    embed: str
    image: str
    csv: str
    json: str
    oembed: str


def links_for(page: Page, base: str, version: str) -> Links:
    """The view's addresses under ``base``. The image's carries the data's version, so that it
    can be cached for a year; the data's name the treaty and the day."""
    params = view_params(page.address)
    query = urlencode(params)
    treaty_id = page.view.treaty.treaty_id
    data_params = {"treaty": treaty_id, "date": page.view.day.isoformat()}
    if page.view.lang != "en":
        data_params["lang"] = page.view.lang
    data = urlencode(data_params)
    canonical = permalink(base, page.address)
    return Links(
        canonical=canonical,
        embed=f"{canonical}&embed=true",
        image=f"{base}preview/{version}.png?{query}",
        csv=f"{base}data/status.csv?{data}",
        json=f"{base}data/status.json?{data}",
        oembed=f"{base}oembed?{urlencode({'url': canonical, 'format': 'json'})}",
    )


# --- words ------------------------------------------------------------------------------------


def title(view: View) -> str:
    """``Who is bound by the Ottawa Convention on 27 December 2025 · treatymap``; a state's view
    names the state, a comparison both days."""
    w = view.words
    when = w.date(view.day)
    if view.other_day is not None:
        early, late = sorted((view.day, view.other_day))
        when = f"{w.date(early)} → {w.date(late)}"
    if view.country:
        text = w._(
            "{state} and the {treaty}, {when}",
            state=view.names[view.country],
            treaty=view.treaty_name,
            when=when,
        )
    else:
        text = w._("Who is bound by the {treaty} on {day}", treaty=view.treaty_name, day=when)
    return f"{text} · treatymap"


def description(view: View) -> str:
    """The view in a sentence or two for a preview: the selected state's line first, then the
    news of the day (or what changed between two days)."""
    w, parts = view.words, []
    if view.country:
        legal = view.atlas.dates[view.treaty.treaty_id][view.country]
        name = view.names[view.country]
        line = status_line(name, legal, view.by_state[view.country], view.treaty, w)
        parts.append(w._("{sentence}.", sentence=line))
    if view.compare is not None and view.changes is not None:
        early, late = (w.date(d) for d in view.compare)
        who = [view.names[c.iso3] for c in view.changes]
        values = {"early": early, "late": late, "treaty": view.treaty_name}
        if not who:
            parts.append(
                w._("Between {early} and {late}, no status under the {treaty} changed.", **values)
            )
        else:
            shown = (
                w.join(who)
                if len(who) <= 6
                else w.ngettext(
                    "{names} and {n} more",
                    "{names} and {n} more",
                    len(who) - 6,
                    names=", ".join(who[:6]),
                )
            )
            parts.append(
                w.ngettext(
                    "Between {early} and {late}, the status of {n} state under the {treaty} "
                    "changed: {names}.",
                    "Between {early} and {late}, the status of {n} states under the {treaty} "
                    "changed: {names}.",
                    len(who),
                    names=shown,
                    **values,
                )
            )
    parts.append(
        view_description(view.treaty, view.statuses, view.figures, view.names, view.day, w)
    )
    return " ".join(parts)


def image_alt(view: View) -> str:
    """What the preview image shows, for a reader who cannot see it."""
    w = view.words
    return w._(
        "{map}, {focus}, with the headline figures.",
        map=view.map_label,
        focus=w._(FOCUS_LABEL[view.focus]),
    )


def reviewed(view: View) -> str:
    w = view.words
    return w._("Record reviewed up to {day}.", day=w.date(view.treaty.record_reviewed))


#: The Open Graph locale of each language.
OG_LOCALE = {
    "en": "en_GB",
    "pl": "pl_PL",
    "fi": "fi_FI",
    "et": "et_EE",
    "lv": "lv_LV",
    "lt": "lt_LT",
    "uk": "uk_UA",
    "ru": "ru_RU",
}


# --- the page ---------------------------------------------------------------------------------


def page_head(page: Page, links: Links) -> str:
    """The view's ``<title>``, description, canonical address, Open Graph and Twitter tags, the
    alternate addresses of its data and its oEmbed, the first view's style, and the script that
    keeps the first address of the view out of Back's way (every value escaped)."""
    view, w = page.view, page.words
    return render(
        "view_head.html",
        title=title(view),
        description=description(view),
        links=links,
        locale=OG_LOCALE.get(w.lang, "en_GB"),
        alternates=[OG_LOCALE[code] for code in LANGUAGES if code != w.lang],
        image_size=PREVIEW_SIZE,
        image_alt=image_alt(view),
        data_title=w._(
            "Every state's status under the {treaty} on {day}",
            treaty=view.treaty_name,
            day=w.date(view.day),
        ),
        css=FIRST_VIEW_CSS,
    )


def first_view(page: Page, links: Links) -> str:
    """The view itself, as the HTML carries it: title, sentence, figures, a still map from the
    snapshot's drawing, the legend, the state's line; and the script that hands over to the
    live page (every value escaped; the map is :func:`treatymap.drawing.map_svg`'s markup)."""
    view, w = page.view, page.words
    atlas = view.atlas
    frame = Frame.for_focus(view.focus)
    shapes = drawn_shapes(
        atlas.boundaries,
        frame,
        view.by_state,
        view.names,
        symbols=view.symbols,
        w=w,
        notes=view.notes,
    )
    svg = map_svg(
        shapes,
        frame,
        view.focus,
        label=view.map_label,
        desc=view.summary,
        element_id="tm-fv-svg",
        fill=True,
    )
    marks = legend_marks(s.symbol for s in shapes)
    state = None
    if view.country:
        legal = atlas.dates[view.treaty.treaty_id][view.country]
        name = view.names[view.country]
        state = status_line(name, legal, view.by_state[view.country], view.treaty, w)
    return render(
        "first_view.html",
        **words(w),
        lang=w.lang,
        embedded=page.embedded,
        heading=w._("Who is bound by the {treaty}?", treaty=view.treaty_name),
        caption=w._("State by state, on any day, with Russia's and Belarus's neighbours in front.")
        + " "
        + reviewed(view),
        treaty_name=view.treaty_name,
        dateline=view.dateline,
        summary=view.summary,
        svg=svg,
        state_line=state,
        legend=view.legend(marks),
        figures=figure_items(view),
        reviewed=reviewed(view),
        links=links,
        fallback_ms=FIRST_VIEW_FALLBACK_MS,
    )


_TITLE = re.compile(r"<title>.*?</title>", re.S)
#: The text face Streamlit preloads (its name carries a hash that changes with Streamlit).
_FACE = re.compile(r'href="(\./static/media/SourceSans[^"]*Upright[^"]*\.woff2)"')
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
_HTML_LANG = re.compile(r'<html lang="[^"]*">')
_ROOT = '<div id="root"></div>'


def page_html(index_html: str, page: Page, links: Links) -> str:
    """Streamlit's own ``index.html`` with the view's head in place of its title, the view's
    language, and the first view after the app's root (in place of Streamlit's note for readers
    without JavaScript, which the first view answers)."""
    text = _HTML_LANG.sub(f'<html lang="{page.words.lang}">', index_html, count=1)
    face = _FACE.search(index_html)
    head = page_head(page, links)
    if face:  # the live page's own face, if it is there at once; never a swap that moves text
        head += (
            '<style>@font-face { font-family: "tm-sans"; font-weight: 200 900; '
            f'font-display: optional; src: url("{face.group(1)}") format("woff2"); }}</style>'
        )
    text = _TITLE.sub(lambda _: head, text, count=1)
    text = _NOSCRIPT.sub("", text, count=1)
    return text.replace(_ROOT, _ROOT + first_view(page, links), 1)


# --- embedding ----------------------------------------------------------------------------------

#: For the host page: an embedded view says how tall it is, and its frame takes that height (no
#: inner scrollbar). Only a message from the frame of one of our embeds is acted on.
RESIZER = (
    '<script>window.addEventListener("message",function(e){var d=e.data;'
    'if(!d||d.type!=="treatymap:height"||!(d.height>0))return;'
    'document.querySelectorAll("iframe[data-treatymap-embed]").forEach(function(f){'
    'if(f.contentWindow===e.source){f.style.height=Math.ceil(d.height)+"px";}});});</script>'
)


def embed_code(url: str, title: str, height: int = EMBED_HEIGHT, *, resizer: bool = True) -> str:
    """An ``<iframe>`` for a newsroom's page: the view pinned, a title for screen readers, and
    (unless ``resizer`` is false, as for a static snapshot) the few lines that let it take the
    height of its content."""
    frame = (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{height}" style="border:0" loading="lazy" '
        "data-treatymap-embed></iframe>"
    )
    return frame + (RESIZER if resizer else "")


def oembed(
    page: Page, links: Links, base: str, maxwidth: int | None, maxheight: int | None
) -> dict[str, object]:
    """The oEmbed answer (type ``rich``) for a view: the embed view's ``<iframe>``, honouring
    ``maxwidth`` and ``maxheight``, its title and its preview image."""
    width = min(maxwidth or 760, 760)
    height = min(maxheight or EMBED_HEIGHT, EMBED_HEIGHT)
    view_title = title(page.view).removesuffix(" · treatymap")
    frame = (
        f'<iframe src="{html.escape(links.embed, quote=True)}" '
        f'title="{html.escape(view_title, quote=True)}" width="{width}" height="{height}" '
        'style="border:0;max-width:100%" loading="lazy" data-treatymap-embed></iframe>'
    )
    thumb_w, thumb_h = PREVIEW_SIZE
    if maxwidth and maxwidth < thumb_w:
        thumb_w, thumb_h = maxwidth, round(maxwidth * PREVIEW_SIZE[1] / PREVIEW_SIZE[0])
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": "treatymap",
        "provider_url": base,
        "title": view_title,
        "html": frame + RESIZER,
        "width": width,
        "height": height,
        "thumbnail_url": links.image,
        "thumbnail_width": thumb_w,
        "thumbnail_height": thumb_h,
        "cache_age": 86_400,
    }


def oembed_target(url: str, base: str) -> dict[str, list[str]] | None:
    """The query of a view's address under ``base`` (what an oEmbed request names), or ``None``
    for an address that is not one of ours."""
    target, own = urlsplit(url), urlsplit(base)
    if target.scheme not in ("http", "https") or target.netloc != own.netloc:
        return None
    if target.path.rstrip("/") != own.path.rstrip("/"):
        return None
    return query_params(target.query)


# --- the first view's style -------------------------------------------------------------------

FIRST_VIEW_CSS = f"""
.tm-fv {{ position: absolute; top: 0; left: 0; right: 0; min-height: 100vh; z-index: 1000001;
  background: {PAPER}; color: {TEXT};
  font: 16px/1.6 "tm-sans", "Source Sans Pro", system-ui, -apple-system, "Segoe UI", Roboto,
  sans-serif; }}
.tm-fv-main {{ padding: 3.6rem 5rem 2rem; }}
.tm-fv h1 {{ margin: 0 0 .6rem; font-size: clamp(1.55rem, 4.2vw, 2.3rem); line-height: 1.25;
  font-weight: 700; }}
.tm-fv-caption {{ margin: 0 0 1rem; font-size: .875rem; color: {TEXT_SOFT}; }}
.tm-fv-date {{ margin: 0 0 1rem; font-weight: 600; color: {TEXT_SOFT}; }}
.tm-fv-columns {{ display: flex; gap: 2rem; align-items: flex-start; }}
.tm-fv-left {{ flex: 3 1 0; min-width: 0; }}
.tm-fv-right {{ flex: 2 1 0; min-width: 0; }}
.tm-fv-summary {{ margin: 0 0 1rem; }}
.tm-fv-map {{ margin: 0; }}
.tm-fv-map svg {{ display: block; width: 100%; height: {MAP_HEIGHT}px; background: {SEA}; }}
.tm-fv-state {{ margin: .5rem 0 0; }}
.tm-fv-legend {{ display: flex; flex-wrap: wrap; gap: 2px 14px; margin: .75rem 0 0; padding: 0;
  list-style: none; font-size: .85rem; }}
.tm-fv-legend li {{ display: flex; align-items: center; gap: 6px; }}
.tm-fv-sw {{ width: 18px; height: 12px; flex: none; box-sizing: border-box; }}
{legend_css("tm-fv-sw")}
.tm-fv-figures {{ list-style: none; margin: 0; padding: 0; }}
.tm-fv-figures li {{ margin: 0 0 1rem; border-top: 3px solid {RULE}; padding-top: .4rem; }}
.tm-fv-figures b {{ display: block; font-size: 2rem; line-height: 1.2; font-weight: 400; }}
.tm-fv-figures span {{ font-size: .875rem; color: {TEXT_SOFT}; }}
.tm-fv-js {{ margin: .75rem 0 0; padding: .5rem .75rem; border-left: 4px solid
  {MARK["selected"].line.colour}; background: {PAPER}; }}
.tm-fv a {{ color: {LINK}; }}
.tm-fv-embedded .tm-fv-main {{ padding: 1rem; }}
@media (max-width: 640px) {{
  .tm-fv-main {{ padding: 3.6rem 1rem 2rem; }}
  .tm-fv-columns {{ display: block; }}
  .tm-fv-left {{ display: flex; flex-direction: column; }}
  .tm-fv-summary {{ order: 2; margin: 1rem 0 0; }}
  .tm-fv-legend {{ order: 3; }}
  .tm-fv-map svg {{ height: {PHONE_MAP_HEIGHT}px; }}
}}
"""
