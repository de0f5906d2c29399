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
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

from treatymap.cite import FOCUS_LABEL, permalink
from treatymap.drawing import Frame, drawn_shapes, map_svg
from treatymap.explain import long_date, status_line
from treatymap.style import (
    LINK,
    MARK,
    PAPER,
    RULE,
    SEA,
    TEXT,
    TEXT_SOFT,
    legend_css,
)
from treatymap.summary import view_description
from treatymap.templating import render
from treatymap.url_state import ViewState, view_params
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
    notices: tuple[str, ...]


def read_page(atlas: Atlas, params: Mapping[str, Sequence[str]], today: date) -> Page:
    """The view a query string asks for, read as the page reads it (never raises: a malformed
    or hostile query gives the view the page falls back to)."""
    from treatymap.url_state import parse_view

    embedded = any(v.strip().lower() == "true" for v in params.get("embed", ()))
    own = {k: list(v) for k, v in params.items() if k not in EMBED_KEYS}
    parsed = parse_view(own, atlas.known(today))
    address = parsed.view
    treaty_id = address.treaty or atlas.treaty_ids[0]
    view = build_view(
        atlas,
        treaty_id,
        address.date,
        focus=address.focus,
        country=address.country,
        compare=address.compare,
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
    data = urlencode({"treaty": treaty_id, "date": page.view.day.isoformat()})
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
    when = long_date(view.day)
    if view.other_day is not None:
        early, late = sorted((view.day, view.other_day))
        when = f"{long_date(early)} → {long_date(late)}"
    if view.country:
        name = view.atlas.names[view.country]
        return f"{name} and the {view.treaty.short_name}, {when} · treatymap"
    return f"Who is bound by the {view.treaty.short_name} on {when} · treatymap"


def description(view: View) -> str:
    """The view in a sentence or two for a preview: the selected state's line first, then the
    news of the day (or what changed between two days)."""
    parts = []
    if view.country:
        legal = view.atlas.dates[view.treaty.treaty_id][view.country]
        name = view.atlas.names[view.country]
        parts.append(status_line(name, legal, view.by_state[view.country], view.treaty) + ".")
    if view.compare is not None and view.changes is not None:
        early, late = (long_date(d) for d in view.compare)
        who = [c.name for c in view.changes]
        shown = ", ".join(who[:6]) + (f" and {len(who) - 6} more" if len(who) > 6 else "")
        parts.append(
            f"Between {early} and {late}, the status of {len(who)} state"
            f"{'' if len(who) == 1 else 's'} under the {view.treaty.short_name} changed"
            + (f": {shown}." if who else ".")
        )
    parts.append(
        view_description(view.treaty, view.statuses, view.figures, view.atlas.names, view.day)
    )
    return " ".join(parts)


def image_alt(view: View) -> str:
    """What the preview image shows, for a reader who cannot see it."""
    return (
        f"Map of each state's status under the {view.treaty.short_name} on "
        f"{long_date(view.day)}, {FOCUS_LABEL[view.focus]}, with the headline figures."
    )


def reviewed(view: View) -> str:
    return f"Record reviewed up to {long_date(view.treaty.record_reviewed)}."


# --- the page ---------------------------------------------------------------------------------


def page_head(page: Page, links: Links) -> str:
    """The view's ``<title>``, description, canonical address, Open Graph and Twitter tags, the
    alternate addresses of its data and its oEmbed, the first view's style, and the script that
    keeps the first address of the view out of Back's way (every value escaped)."""
    view = page.view
    return render(
        "view_head.html",
        title=title(view),
        description=description(view),
        links=links,
        locale="en_GB",
        image_size=PREVIEW_SIZE,
        image_alt=image_alt(view),
        data_title=f"Every state's status under the {view.treaty.short_name} on "
        f"{long_date(view.day)}",
        css=FIRST_VIEW_CSS,
    )


def first_view(page: Page, links: Links) -> str:
    """The view itself, as the HTML carries it: title, sentence, figures, a still map from the
    snapshot's drawing, the legend, the state's line; and the script that hands over to the
    live page (every value escaped; the map is :func:`treatymap.drawing.map_svg`'s markup)."""
    view = page.view
    atlas = view.atlas
    frame = Frame.for_focus(view.focus)
    shapes = drawn_shapes(
        atlas.boundaries,
        frame,
        view.by_state,
        atlas.names,
        frontline=atlas.frontline,
        reference=atlas.reference,
        country=view.country,
        changed=[c.iso3 for c in view.changes] if view.changes else [],
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
    marks = sorted({m for s in shapes for m in s.marks})
    state = None
    if view.country:
        legal = atlas.dates[view.treaty.treaty_id][view.country]
        name = atlas.names[view.country]
        state = status_line(name, legal, view.by_state[view.country], view.treaty)
    return render(
        "first_view.html",
        lang="en",
        embedded=page.embedded,
        heading=f"Who is bound by the {view.treaty.short_name}?",
        caption="State by state, on any day, with Russia's and Belarus's neighbours in front. "
        + reviewed(view),
        treaty_name=view.treaty.short_name,
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
    text = _HTML_LANG.sub('<html lang="en">', index_html, count=1)
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
