"""Share and publish a view: its link, a citation, an embed code, and files to download (the
offline snapshot, the map layer, the map as an image). Everything heavy is built only when a
reader asks for it, so a slider step stays small."""

from __future__ import annotations

from typing import TypedDict

import streamlit as st

from treatymap.cite import citation_bibtex, citation_text, permalink
from treatymap.dates import today
from treatymap.exports import map_layer_geojson, status_rows
from treatymap.i18n import N_
from treatymap.images import PNG_SIZES, card_png, card_svg
from treatymap.snapshot import snapshot_html
from treatymap.textsafe import markdown_link, markdown_literal
from treatymap.ui.widgets import copy_button
from treatymap.url_state import ViewState, view_params
from treatymap.view import View
from treatymap.webpage import Page, embed_code, links_for


class _CiteWords(TypedDict):
    """The names a citation spells out (the keyword arguments of the ``citation_*`` helpers)."""

    treaty_name: str
    country_name: str | None


def base_url() -> str:
    """The page's own address, without the query (as the reader's browser sees it)."""
    return (st.context.url or "").split("?")[0].rstrip("/") + "/"


def embed_link(view_state: ViewState, *, date_control: bool = False) -> str:
    """The view's link in embed mode (``embed=true``), the date pinned."""
    link = permalink(base_url(), view_state)
    link += "&embed=true"
    if date_control and "controls=date" not in link:
        link += "&controls=date"
    return link


def share(view: View, view_state: ViewState) -> None:
    """The link, the citation, the embed codes and the downloads, under one heading."""
    w = view.words
    st.header(markdown_literal(w._("Share and publish this view")))
    link = permalink(base_url(), view_state)
    st.text_input(w._("Link to this view (the date is pinned, so it will not drift)"), link)
    copy_button(link, w._("Copy the link"), w)
    country = view.names.get(view.country) if view.country else None
    cite = st.expander(markdown_literal(w._("Cite this view")), key="cite", on_change="rerun")
    if cite.open:  # built only when a reader opens it
        words: _CiteWords = {"treaty_name": view.treaty_name, "country_name": country}
        text = citation_text(view_state, link, view.atlas.version, today(), **words, w=w)
        bibtex = citation_bibtex(
            view_state,
            link,
            view.atlas.version,
            today(),
            treaty_id=view.treaty.treaty_id,
            **words,
            w=w,
        )
        with cite:
            st.text_area(w._("Citation"), text, height=110)
            copy_button(text, w._("Copy the citation"), w)
            st.text_area("BibTeX", bibtex, height=170)
            copy_button(bibtex, w._("Copy the BibTeX"), w)
            st.caption(md_data_links(view, view_state))
    embed = st.expander(
        markdown_literal(w._("Embed this view in a page")), key="embed", on_change="rerun"
    )
    if embed.open:
        with embed:
            moving = st.checkbox(
                w._("Let readers move the date in the embedded view"), key="embed_date"
            )
            code = embed_code(embed_link(view_state, date_control=moving), view.title)
            st.text_area(w._("Embed code (paste into your page's HTML)"), code, height=110)
            copy_button(code, w._("Copy the embed code"), w)
            snapshot = embed_code(
                f"https://YOUR-SITE/{file_stem(view)}.html", view.title, resizer=False
            )
            st.text_area(
                w._("Or host the offline snapshot (below) anywhere and embed it"),
                snapshot,
                height=110,
                help=w._("Replace https://YOUR-SITE/ with where you put the downloaded HTML file."),
            )
            copy_button(snapshot, w._("Copy the snapshot's embed code"), w)
    _downloads(view, view_state, link)


def md_data_links(view: View, view_state: ViewState) -> str:
    """The view's data at its own addresses (the read API, in the README), as literal links."""
    w = view.words
    page = Page(view, view_state, embedded=False, notices=())
    links = links_for(page, base_url(), view.atlas.version)
    history = f"{base_url()}data/history.json?country={view.country}"
    state = view.names.get(view.country or "", "")
    return (
        markdown_literal(
            w._("The data of this view, data version {version}:", version=view.atlas.version) + " "
        )
        + markdown_link(w._("every state's status that day (CSV)"), links.csv)
        + " · "
        + markdown_link(w._("the same as JSON"), links.json)
        + (
            " · " + markdown_link(w._("the history of {state} (JSON)", state=state), history)
            if state
            else ""
        )
    )


def file_stem(view: View) -> str:
    """``ottawa-2025-12-27`` (and the selected state's code, if any)."""
    stem = f"{view.treaty.treaty_id}-{view.day.isoformat()}"
    return f"{stem}-{view.country}" if view.country else stem


def _downloads(view: View, view_state: ViewState, link: str) -> None:
    """The snapshot, the map layer and the images of this view, built on request."""
    w = view.words
    key = (view.treaty.treaty_id, tuple(sorted(view_params(view_state).items())))
    if st.button(markdown_literal(w._("Prepare downloads of this view")), key="prepare_downloads"):
        st.session_state["_downloads"] = (key, _build(view, view_state, link))
    st.caption(md_data_links(view, view_state))
    prepared = st.session_state.get("_downloads")
    if not prepared or prepared[0] != key:
        st.caption(
            markdown_literal(
                w._(
                    "A self-contained HTML snapshot (map, legend, figures, summary and sources; "
                    "opens with no server and no internet), the map layer as GeoJSON, and the map "
                    "as an image: a social card, a print-size PNG and an SVG."
                )
            )
        )
        return
    files = prepared[1]
    stem = file_stem(view)
    items = list(DOWNLOADS.items())
    for row in range(0, len(items), 3):
        for column, (code, (label, suffix, mime)) in zip(
            st.columns(3), items[row : row + 3], strict=False
        ):
            column.download_button(
                w._(label), files[code], file_name=f"{stem}{suffix}", mime=mime, key=f"dl-{suffix}"
            )
    st.caption(markdown_literal(w._("Built for {view}.", view=view.title)))


#: Each file: (its button's label, its file name's ending, its MIME type), in button order.
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "snapshot": (N_("Snapshot (HTML)"), ".html", "text/html"),
    "social": (
        N_("Social card (PNG)"),
        f"-{PNG_SIZES['social'][0]}x{PNG_SIZES['social'][1]}.png",
        "image/png",
    ),
    "print": (
        N_("Print image (PNG)"),
        f"-{PNG_SIZES['print'][0]}x{PNG_SIZES['print'][1]}.png",
        "image/png",
    ),
    "svg": (N_("Map image (SVG)"), ".svg", "image/svg+xml"),
    "geojson": (N_("Map layer (GeoJSON)"), ".geojson", "application/geo+json"),
}


def _build(view: View, view_state: ViewState, link: str) -> dict[str, bytes | str]:
    rows = status_rows(
        view.record,
        view.treaty.treaty_id,
        view.statuses,
        view.atlas.frontline,
        w=view.words,
        names=view.names,
    )
    return {
        "snapshot": snapshot_html(view, permalink=link, accessed=today(), url_view=view_state),
        "social": card_png(view, "social"),
        "print": card_png(view, "print"),
        "svg": card_svg(view),
        "geojson": map_layer_geojson(view.atlas.boundaries, rows),
    }
