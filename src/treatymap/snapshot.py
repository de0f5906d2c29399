"""A view as one self-contained HTML file: map, legend, figures, summary, sources (no Streamlit).

The file opens from disk with no server and no network: the map is the static SVG drawing of
:mod:`treatymap.drawing`, styles are inline, and there is no script at all. A
Content-Security-Policy in the file forbids loading anything, should a later change try to. The
only URLs are plain links to the sources (and the permalink), which a reader may follow but
nothing loads.

The page is ``templates/snapshot.html`` (Jinja2, every value escaped as text unless it is our
own markup: the map's SVG); every link goes through :func:`treatymap.textsafe.safe_url` (http
and https only). Its words are the reader's (:class:`treatymap.i18n.Words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from treatymap.cite import FOCUS_LABEL, citation_text
from treatymap.drawing import Frame, drawn_shapes, map_svg
from treatymap.explain import (
    address_caveat,
    event_label,
    explain,
    political_note,
    status_label,
    treaty_name,
)
from treatymap.i18n import Words
from treatymap.model import Event, Source
from treatymap.style import (
    CHART_LINE,
    LINK,
    PAPER,
    RULE,
    TEXT,
    TEXT_SOFT,
    legend_css,
    legend_marks,
)
from treatymap.templating import render, words
from treatymap.textsafe import safe_url
from treatymap.url_state import ViewState
from treatymap.view import (
    Citation,
    View,
    border_table,
    evidence,
    figure_items,
    lead_citation,
)

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: {PAPER}; color: {TEXT};
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }}
main {{ max-width: 1000px; margin: 0 auto; padding: 20px 20px 40px; overflow-wrap: anywhere; }}
.kicker {{ margin: 0; font-size: 12px; font-weight: 700; letter-spacing: .06em;
  text-transform: uppercase; color: {LINK}; }}
h1 {{ margin: 4px 0 2px; font-size: 28px; line-height: 1.15; }}
.dateline {{ margin: 0 0 10px; font-size: 20px; font-weight: 600; color: {TEXT_SOFT}; }}
h2 {{ margin: 28px 0 8px; font-size: 19px; border-top: 2px solid {TEXT}; padding-top: 8px; }}
h3 {{ margin: 18px 0 4px; font-size: 16px; }}
.summary {{ margin: 0 0 14px; font-size: 17px; max-width: 46em; }}
.figures {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 0 0 14px;
  padding: 0; list-style: none; }}
.figures li {{ border-top: 3px solid {CHART_LINE}; padding-top: 6px; }}
.figures b {{ display: block; font-size: 26px; line-height: 1.1; }}
.figures span {{ font-size: 13px; color: {TEXT_SOFT}; }}
figure {{ margin: 0; }}
svg.map {{ display: block; width: 100%; height: auto; border: 1px solid {RULE}; }}
@media (max-width: 640px) {{
  .figures {{ grid-template-columns: 1fr; }}
  h1 {{ font-size: 23px; }}
  svg.map .lbl {{ font-size: 19px; stroke-width: 4px; }}
  svg.map .lbl-minor {{ display: none; }}
  svg.map .lbl-sel {{ font-size: 22px; stroke-width: 5px; }}
}}
figcaption {{ font-size: 13px; color: {TEXT_SOFT}; margin-top: 8px; }}
.legend {{ display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0 0 6px; padding: 0;
  list-style: none; }}
.legend li {{ display: flex; align-items: center; gap: 6px; }}
.sw {{ width: 18px; height: 12px; flex: none; }}
{legend_css("sw")}
.count {{ color: {TEXT_SOFT}; }}
.note {{ color: {TEXT_SOFT}; font-size: 13px; margin: 4px 0 0; }}
.status-line {{ margin: 0 0 6px; }}
.events {{ list-style: none; margin: 0; padding: 0; }}
.events li {{ border-left: 3px solid {RULE}; padding: 2px 0 2px 10px; margin: 8px 0; }}
.events .when {{ font-weight: 600; }}
blockquote {{ margin: 2px 0; font-style: italic; color: {TEXT}; }}
.src {{ font-size: 13px; color: {TEXT_SOFT}; overflow-wrap: anywhere; }}
table {{ border-collapse: collapse; font-size: 14px; }}
th, td {{ text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid {RULE}; }}
a {{ color: {LINK}; }}
footer {{ margin-top: 28px; border-top: 1px solid {RULE}; padding-top: 8px; font-size: 13px;
  color: {TEXT_SOFT}; overflow-wrap: anywhere; }}
footer p {{ margin: 4px 0; }}
"""

#: Nothing may be loaded; inline styles only (there is no script).
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


@dataclass(frozen=True)
class SourceLine:
    """A source as the page cites it: title, publisher, date, link, day read, and a caveat."""

    title: str
    publisher: str
    published: str
    url: str | None
    shown_url: str
    accessed: date
    caveat: str | None


@dataclass(frozen=True)
class Quoted:
    """A source's own words, their English when in another language, and the source."""

    excerpt: str
    translation: str | None
    source: SourceLine | None


@dataclass(frozen=True)
class Item:
    """One excerpt with the events it supports (day, words), its further sources, the notes
    for readers, and how the dates were established."""

    events: list[tuple[date, str]]
    lead: Quoted
    also: list[Quoted]
    notes: list[tuple[date, str]]
    how: list[tuple[str, str]]


def _source(source: Source | None, w: Words) -> SourceLine | None:
    if source is None:
        return None
    return SourceLine(
        title=source.title,
        publisher=source.publisher,
        published=source.published or "",
        url=safe_url(source.url),
        shown_url=source.url,
        accessed=source.accessed,
        caveat=address_caveat(source, w),
    )


def _quoted(citation: Citation, w: Words) -> Quoted:
    """The source's words; their English only for a reader who does not read the excerpt's
    language (English is given for excerpts in another language)."""
    translation = citation.translation if citation.source.language != w.lang else None
    return Quoted(citation.excerpt, translation, _source(citation.source, w))


def _items(view: View, events: Sequence[Event]) -> list[Item]:
    """Each excerpt once, with the events it supports, the strongest source first, the others
    once each, the readers' notes, and how the dates were established."""
    w, record = view.words, view.record
    items = []
    for group in evidence(record, events):
        items.append(
            Item(
                events=[(e.date, event_label(e.kind, view.treaty, w)) for e in group.events],
                lead=_quoted(group.lead, w),
                also=[_quoted(c, w) for c in group.also],
                notes=[(e.date, _note(e, w)) for e in group.events if e.note],
                how=[(c.source.title, text) for c in group.citations for text in c.provenance],
            )
        )
    return items


def _note(event: Event, w: Words) -> str:
    """A note for readers, in the reader's language when the catalogue has it."""
    return w.pgettext("note", event.note) if event.note else ""


@dataclass(frozen=True)
class StateSection:
    iso3: str
    name: str
    status: str
    explanation: str
    items: list[Item]
    later: int


def _states(view: View, who: Sequence[str]) -> list[StateSection]:
    """Each state's status, the rule, and its events to the day."""
    w, treaty, on, names = view.words, view.treaty, view.day, view.names
    out = []
    for iso3 in sorted(who, key=lambda c: w.sort_key(names.get(c, c))):
        status = view.by_state[iso3]
        events = view.events(iso3)
        shown = [e for e in events if e.date <= on]
        legal = view.atlas.dates[treaty.treaty_id][iso3]
        text = explain(legal, status, treaty, events, w)
        note = political_note(status, treaty, w)
        if note:
            text += " " + w._("Political note: {note}.", note=note)
        out.append(
            StateSection(
                iso3,
                names.get(iso3, iso3),
                status_label(status.status, w),
                text,
                _items(view, shown),
                len(events) - len(shown),
            )
        )
    return out


def _treaty_days(view: View) -> list[tuple[date, str, Quoted]]:
    """The treaty's own days (opened, in force) up to the view's day, with their excerpts."""
    w, treaty, record = view.words, view.treaty, view.record
    days = [
        (treaty.opened_for_signature,
         w._("Opened for signature") if treaty.signature_stage else w._("Adopted"),
         treaty.opened_source_id, treaty.opened_excerpt),
        (treaty.entry_into_force, w._("Entry into force"), treaty.entry_into_force_source_id,
         treaty.entry_into_force_excerpt),
    ]  # fmt: skip
    return [
        (day, what, Quoted(excerpt, None, _source(record.sources.get(source_id), w)))
        for day, what, source_id, excerpt in days
        if day <= view.day
    ]


def _border_rows(view: View) -> tuple[list[str], list[tuple[str, list[str]]], date | None, date]:
    """The border states × every treaty, on the view's day (before → after in compare mode)."""
    w = view.words
    earlier, later = view.compare if view.compare else (None, view.day)
    rows = border_table(view.atlas, later, earlier)
    treaties = [treaty_name(t.treaty, w) for t in rows[0][1]] if rows else []
    body = []
    for iso3, cells in rows:
        words = []
        for c in cells:
            text = status_label(c.status.status, w)
            if c.changed and c.before is not None:
                text = f"{status_label(c.before.status, w)} → {text}"
            words.append(text)
        body.append((view.names[iso3], words))
    return treaties, body, earlier, later


def _changes(view: View) -> list[tuple[str, Quoted | None]] | None:
    """In compare mode, every state whose status changed, with the strongest source's words."""
    if view.compare is None or view.changes is None:
        return None
    out = []
    for change in view.changes:
        quoted = None
        if change.evidence is not None:
            quoted = _quoted(lead_citation(view.record, change.evidence), view.words)
        out.append((change.sentence(view.words, view.names[change.iso3]), quoted))
    return out


def snapshot_html(
    view: View,
    *,
    permalink: str | None,
    accessed: date,
    url_view: ViewState,
) -> str:
    """The view as one self-contained HTML page (no script, nothing loaded from anywhere).

    ``accessed`` is the day written into the citation; ``url_view`` is the view as its link
    writes it (for the citation's words).
    """
    atlas, treaty, country, w = view.atlas, view.treaty, view.country, view.words
    names = view.names
    frame = Frame.for_focus(view.focus)
    shapes = drawn_shapes(
        atlas.boundaries,
        frame,
        view.by_state,
        names,
        symbols=view.symbols,
        w=w,
        notes=view.notes,
    )
    country_name = names[country] if country else None
    map_label = f"{view.map_label}: {w._(FOCUS_LABEL[view.focus])}"
    svg = map_svg(shapes, frame, view.focus, label=map_label, desc=view.summary)
    outside = country_name if country and country not in {s.iso3 for s in shapes} else None
    if country:
        who, heading = [country], w._("Sources: {state}", state=country_name)
    else:
        who = [c for c in atlas.frontline if c in view.by_state]
        heading = w._("Sources: the states on Russia's or Belarus's land borders")
    cite = citation_text(
        url_view,
        permalink,
        atlas.version,
        accessed,
        treaty_name=view.treaty_name,
        country_name=country_name,
        w=w,
    )
    numbers = sorted(
        {
            int(a.split(".")[0])
            for a in (treaty.state_entry_into_force_article, treaty.withdrawal_article)
        }
    )
    treaties, border, earlier, later = _border_rows(view)
    return render(
        "snapshot.html",
        **words(w),
        day=w.date,
        lang=w.lang,
        css=CSS,
        csp=CSP,
        view=view,
        treaty_name=view.treaty_name,
        full_name=w.pgettext("treaty", treaty.full_name),
        place=w.pgettext("place", treaty.opened_place),
        figures=figure_items(view),
        svg=Markup(svg),
        legend=view.legend(legend_marks(s.symbol for s in shapes)),
        articles=w.join([w.number(n) for n in numbers]),
        article_count=len(numbers),
        outside=outside,
        changes=_changes(view),
        compare=view.compare,
        border_treaties=treaties,
        border_rows=border,
        earlier=earlier,
        later=later,
        heading=heading,
        treaty_days=_treaty_days(view),
        states=_states(view, who),
        cite=cite,
        link=safe_url(permalink) if permalink else None,
        version=atlas.version,
    )


def write_snapshot(path: Path, page: str) -> int:
    """Write the page as UTF-8; return its size in bytes."""
    data = page.encode("utf-8")
    path.write_bytes(data)
    return len(data)
