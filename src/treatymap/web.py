"""The view's web addresses, served by Streamlit's own ASGI app (``st.App`` in ``app.py``): no
second server. Starlette only; no Streamlit (the page is :mod:`treatymap.ui`).

* ``/`` (any view's address): Streamlit's page with the view's head and first view
  (:mod:`treatymap.webpage`), gzipped here (Streamlit sends its root document uncompressed).
* ``/preview/<data version>.png?<view>``: the view's 1200 × 630 preview image, rendered once
  per view in a worker process (resvg holds the interpreter's lock for the whole render, which
  would stall every reader's page), one at a time, then served from a bounded cache.
* ``/data/status.csv|json?treaty=&date=`` (the bytes of ``python -m treatymap status``) and
  ``/data/history.json?country=&treaty=``: the view's data, open to every origin.
* ``/oembed?url=&maxwidth=&maxheight=``: the oEmbed answer for a view's address.

Every answer carries ``X-Content-Type-Options: nosniff`` and a referrer policy; the image, data
and oEmbed answers a Content-Security-Policy that lets them load nothing. The page keeps
Streamlit's own security settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import importlib.util
import json
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from treatymap.data import data_dir
from treatymap.dates import today
from treatymap.exports import status_csv, status_json, status_rows
from treatymap.view import Atlas, load_atlas
from treatymap.webpage import (
    Links,
    Page,
    links_for,
    oembed,
    oembed_target,
    page_html,
    public_base,
    query_params,
    read_page,
)

#: Headers on every answer of ours.
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
#: What an image, a data file or an oEmbed answer may load or run: nothing.
LOCKED = {"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox"}
#: The data's addresses are for anyone's page and script to read.
OPEN = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD"}
#: How long a browser or proxy may keep an answer whose address carries no data version.
DATA_MAX_AGE = 3600
#: A year: an address that carries the data's version never changes.
YEAR = 31_536_000
#: Bounds: pages and images kept, and renders allowed to wait (beyond: 503, try again).
PAGES_KEPT, PREVIEWS_KEPT, PREVIEWS_WAITING = 128, 256, 64


@contextlib.asynccontextmanager
async def lifespan(app: object) -> AsyncIterator[dict[str, object]]:
    """With the server: start the preview worker (warm, so the first image is quick), and stop
    it when the server stops."""
    PREVIEWS.warm()
    try:
        yield {}
    finally:
        PREVIEWS.close()


def routes() -> list[Route]:
    """The routes ``app.py`` hands to ``st.App`` (matched before Streamlit's own)."""
    return [
        Route("/", view_page, methods=["GET", "HEAD"]),
        Route("/preview/{version}.png", preview_image, methods=["GET", "HEAD"]),
        Route("/data/status.csv", status_data, methods=["GET", "HEAD"]),
        Route("/data/status.json", status_data, methods=["GET", "HEAD"]),
        Route("/data/history.json", history_data, methods=["GET", "HEAD"]),
        Route("/oembed", oembed_answer, methods=["GET", "HEAD"]),
    ]


def _atlas() -> Atlas:
    return load_atlas(str(data_dir()))


def _params(request: Request) -> dict[str, list[str]]:
    return query_params(request.url.query)


def base_of(request: Request) -> str:
    """The dashboard's public address as this request reached it (see
    :func:`treatymap.webpage.public_base`)."""
    headers = request.headers
    return public_base(
        request.url.scheme,
        headers.get("host", ""),
        forwarded_proto=headers.get("x-forwarded-proto"),
        forwarded_host=headers.get("x-forwarded-host"),
        forwarded_prefix=headers.get("x-forwarded-prefix"),
        setting=os.environ.get("TREATYMAP_PUBLIC_URL"),
    )


def _etag(*parts: object) -> str:
    digest = hashlib.sha256("\0".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f'"{digest[:20]}"'


def _not_modified(request: Request, etag: str) -> bool:
    return etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}


class _Kept(OrderedDict[Any, Any]):
    """A bounded cache: the least recently used entry goes first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_fresh(self, key: object) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return None

    def keep(self, key: object, value: object) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


# --- the view's page ---------------------------------------------------------------------------


def streamlit_index() -> str:
    """Streamlit's own ``index.html``, read from the installed package (not imported)."""
    spec = importlib.util.find_spec("streamlit")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise RuntimeError("streamlit is not installed")
    return (Path(next(iter(locations))) / "static" / "index.html").read_text(encoding="utf-8")


_PAGES = _Kept(PAGES_KEPT)


def _page_bytes(
    params: Mapping[str, Sequence[str]], base: str, accept_language: str | None
) -> tuple[str, bytes]:
    """The view's page (gzipped) and its entity tag: built once per view, address, language
    and data."""
    atlas = _atlas()
    page = read_page(atlas, params, today(), accept_language)
    links = links_for(page, base, atlas.version)
    key = (atlas.version, base, links.canonical, page.embedded, today())
    found = _PAGES.get_fresh(key)
    if found is None:
        text = page_html(streamlit_index(), page, links)
        found = (_etag(*key), gzip.compress(text.encode("utf-8"), 6, mtime=0))
        _PAGES.keep(key, found)
    return found


async def view_page(request: Request) -> Response:
    """Any view's address: the page a browser boots and a link preview reads."""
    etag, body = await run_in_threadpool(
        _page_bytes, _params(request), base_of(request), request.headers.get("accept-language")
    )
    headers = {**COMMON_HEADERS, "Cache-Control": "no-cache", "ETag": etag}
    # A link without its language follows the browser's.
    headers["Vary"] = "Accept-Encoding, Accept-Language"
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(body)
    return Response(body, media_type="text/html; charset=utf-8", headers=headers)


# --- the preview image ---------------------------------------------------------------------------


def _render_preview(directory: str, params: dict[str, list[str]], day: date) -> bytes:
    """In the worker process: the preview image of the view (the atlas loads once per worker)."""
    from treatymap.images import preview_png

    page = read_page(load_atlas(directory), params, day)
    return preview_png(page.view)


def _warm(directory: str) -> None:
    """In the worker process: load the atlas and the renderer before any image is asked for."""
    import treatymap.images  # noqa: F401

    load_atlas(directory)


class _Previews:
    """Renders in one worker process, one at a time, and keeps the last images rendered."""

    def __init__(self) -> None:
        self.kept = _Kept(PREVIEWS_KEPT)
        self.turn = asyncio.Semaphore(1)
        self.waiting = 0
        self.pool: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    def warm(self) -> None:
        """Start the worker and load its atlas now, so that the first image waits for neither."""
        self.executor().submit(_warm, str(data_dir()))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    async def image(self, key: str, params: dict[str, list[str]]) -> bytes | None:
        """The image for ``key``; ``None`` when too many renders are already waiting."""
        found = self.kept.get_fresh(key)
        if found is not None:
            return found
        if self.waiting >= PREVIEWS_WAITING:
            return None
        self.waiting += 1
        try:
            async with self.turn:
                found = self.kept.get_fresh(key)
                if found is None:
                    loop = asyncio.get_running_loop()
                    found = await loop.run_in_executor(
                        self.executor(), _render_preview, str(data_dir()), params, today()
                    )
                    self.kept.keep(key, found)
                return found
        finally:
            self.waiting -= 1


PREVIEWS = _Previews()


async def preview_image(request: Request) -> Response:
    """The view's preview image. An address with an older data version is sent to the current
    one (its image would show another record)."""
    atlas = _atlas()
    params = _params(request)
    page = await run_in_threadpool(read_page, atlas, params, today())
    links = links_for(page, base_of(request), atlas.version)
    if request.path_params["version"] != atlas.version:
        return RedirectResponse(links.image, status_code=302, headers=COMMON_HEADERS)
    etag = _etag(links.image)
    headers = {**COMMON_HEADERS, **LOCKED, "ETag": etag}
    headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    image = await PREVIEWS.image(links.image, query_params(links.image.split("?", 1)[1]))
    if image is None:
        return Response(
            "Too many previews are being drawn; try again in a few seconds.",
            status_code=503,
            headers={**COMMON_HEADERS, "Retry-After": "5"},
        )
    return Response(image, media_type="image/png", headers=headers)


# --- the data --------------------------------------------------------------------------------


def _data_headers(atlas: Atlas, *parts: object) -> dict[str, str]:
    return {
        **COMMON_HEADERS,
        **LOCKED,
        **OPEN,
        "Cache-Control": f"public, max-age={DATA_MAX_AGE}",
        "ETag": _etag(atlas.version, *parts),
        "X-Treatymap-Data-Version": atlas.version,
    }


def status_table(atlas: Atlas, page: Page) -> list[dict[str, object]]:
    """Every state's status under the view's treaty on its day (the CLI's rows)."""
    view = page.view
    return status_rows(
        atlas.record,
        view.treaty.treaty_id,
        view.statuses,
        atlas.frontline,
        w=view.words,
        names=view.names,
    )


async def status_data(request: Request) -> Response:
    """Every state's status under a treaty on a day: the bytes ``python -m treatymap status``
    writes (CSV or JSON, by the address's ending)."""
    atlas = _atlas()
    page = await run_in_threadpool(read_page, atlas, _params(request), today())
    as_json = request.url.path.endswith(".json")
    headers = _data_headers(atlas, request.url.path, page.view.treaty.treaty_id, page.view.day)
    if _not_modified(request, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    rows = status_table(atlas, page)
    if as_json:
        return Response(status_json(rows), media_type="application/json", headers=headers)
    name = f"{page.view.treaty.treaty_id}-status-{page.view.day.isoformat()}.csv"
    headers["Content-Disposition"] = f'inline; filename="{name}"'
    return Response(status_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)


def history(atlas: Atlas, iso3: str, only: str | None) -> dict[str, object]:
    """A state's events under every treaty (or ``only``), each with its sources, strongest
    first, as JSON-ready data with the data version a citation quotes."""
    from treatymap.view import evidence

    record = atlas.record
    treaties = []
    for treaty_id, treaty in record.treaties.items():
        if only and treaty_id != only:
            continue
        events = record.events_of(treaty_id, iso3=iso3, involving=True)
        listed = []
        for e in events:
            group = evidence(record, [e])[0]
            listed.append(
                {
                    "date": e.date.isoformat(),
                    "event": e.kind.value,
                    "state": e.iso3,
                    "concerns": e.concerns,
                    "date_certainty": e.date_certainty,
                    "note": e.note,
                    "sources": [
                        {
                            "source_id": c.source.source_id,
                            "kind": c.source.kind.value,
                            "title": c.source.title,
                            "publisher": c.source.publisher,
                            "url": c.source.url,
                            "excerpt": c.excerpt,
                            "translation": c.translation,
                        }
                        for c in group.citations
                    ],
                }
            )
        treaties.append({"treaty_id": treaty_id, "short_name": treaty.short_name, "events": listed})
    return {
        "iso3": iso3,
        "name": atlas.names[iso3],
        "data_version": atlas.version,
        "treaties": treaties,
    }


async def history_data(request: Request) -> Response:
    """A state's history as JSON: ``?country=EST`` (and ``&treaty=ccm`` for one treaty)."""
    atlas = _atlas()
    params = _params(request)
    code = (params.get("country") or [""])[-1].strip().upper()
    only = (params.get("treaty") or [""])[-1].strip().lower() or None
    if code not in atlas.record.state_names() or (only and only not in atlas.record.treaties):
        return JSONResponse(
            {"error": "give ?country= a state's ISO 3166-1 alpha-3 code (e.g. EST), and "
             f"?treaty= one of {', '.join(atlas.treaty_ids)} or nothing"},
            status_code=400,
            headers={**COMMON_HEADERS, **LOCKED, **OPEN},
        )  # fmt: skip
    headers = _data_headers(atlas, "history", code, only)
    if _not_modified(request, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    body = json.dumps(history(atlas, code, only), ensure_ascii=False, indent=1) + "\n"
    return Response(body, media_type="application/json", headers=headers)


# --- oEmbed ----------------------------------------------------------------------------------


def _number(params: Mapping[str, Sequence[str]], key: str) -> int | None:
    raw = (params.get(key) or [""])[-1]
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else None


async def oembed_answer(request: Request) -> Response:
    """The oEmbed answer for one of our views' addresses (JSON only, as the spec allows)."""
    params = _params(request)
    base = base_of(request)
    headers = {**COMMON_HEADERS, **LOCKED, **OPEN}
    headers["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    if (params.get("format") or ["json"])[-1] != "json":
        return Response("Only format=json is offered.", status_code=501, headers=headers)
    target = oembed_target((params.get("url") or [""])[-1], base)
    if target is None:
        return Response(
            "The url is not a view of this dashboard.", status_code=404, headers=headers
        )
    atlas = _atlas()
    page = await run_in_threadpool(read_page, atlas, target, today())
    links: Links = links_for(page, base, atlas.version)
    answer = oembed(page, links, base, _number(params, "maxwidth"), _number(params, "maxheight"))
    return JSONResponse(answer, headers=headers)
