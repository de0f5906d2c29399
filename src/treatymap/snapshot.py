"""A view as one self-contained HTML file: map, legend, figures, summary, sources (no Streamlit).

The file opens from disk with no server and no network: the map is the static SVG drawing of
:mod:`treatymap.drawing`, styles are inline, and there is no script at all. A
Content-Security-Policy in the file forbids loading anything, should a later change try to. The
only URLs are plain links to the sources (and the permalink), which a reader may follow but
nothing loads.

Every text value, whatever file it came from, goes through :func:`html.escape` (quotes
included), and every link through :func:`treatymap.textsafe.safe_url` (http and https only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from treatymap.cite import FOCUS_LABEL, citation_text
from treatymap.drawing import Frame, drawn_shapes, escape, map_svg
from treatymap.explain import address_caveat, explain, long_date
from treatymap.model import Event, Record, Source
from treatymap.style import (
    CHART_LINE,
    LINK,
    PAPER,
    RULE,
    TEXT,
    TEXT_SOFT,
    legend_css,
)
from treatymap.summary import join_words
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
from treatymap.vocab import EVENT_LABEL, STATUS_LABEL

_e = escape

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


def _legend(view: View, marks: Sequence[str]) -> str:
    items = [
        f'<li><span class="sw sw-{cls}" aria-hidden="true"></span>{_e(words)}</li>'
        for cls, words in view.legend(marks)
    ]
    return '<ul class="legend" aria-label="Legend">' + "".join(items) + "</ul>"


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{_e(long_date(day))}</time>'


def _dateline(view: View) -> str:
    """``Status on <time>…</time>`` (and the day it is compared with), as markup."""
    line = f"Status on {_time(view.day)}"
    if view.other_day is not None:
        line += f", compared with {_time(view.other_day)}"
    return line


def _changes_section(view: View) -> str:
    """In compare mode: every state whose status changed, with the rule, the strongest source's
    words and the source (the same list as the page's Changes tab)."""
    if view.compare is None or view.changes is None:
        return ""
    early, late = (long_date(d) for d in view.compare)
    heading = f"<h2>What changed between {_e(early)} and {_e(late)}</h2>"
    if not view.changes:
        return (
            heading
            + f'<p class="note">No state\'s status under the {_e(view.treaty.short_name)} '
            + "changed.</p>"
        )
    items = []
    for change in view.changes:
        quoted = ""
        if change.evidence is not None:
            lead = lead_citation(view.record, change.evidence)
            quoted = _quote(lead) + _source_line(lead.source)
        items.append(f"<li>{_e(change.sentence())}{quoted}</li>")
    count = len(view.changes)
    return (
        heading
        + f'<p class="note">{count} state{"" if count == 1 else "s"}, outlined on the map.</p>'
        + "<ul class='events'>"
        + "".join(items)
        + "</ul>"
    )


def _link(url: str, text: str | None = None) -> str:
    """A plain link to an http(s) URL (never loaded by the page), or the text alone."""
    target = safe_url(url)
    label = _e(text if text is not None else url)
    if target is None:
        return label
    return f'<a href="{_e(target)}" rel="noopener noreferrer">{label}</a>'


def _source_line(source: Source | None, prefix: str = "Source") -> str:
    if source is None:
        return ""
    bits = [f"<cite>{_e(source.title)}</cite>", _e(source.publisher)]
    if source.published:
        bits.append(_e(source.published))
    bits.append(_link(source.url))
    bits.append(f"accessed {_e(long_date(source.accessed))}")
    caveat = address_caveat(source)
    extra = f" {_e(caveat)}" if caveat else ""
    return f'<div class="src">{_e(prefix)}: ' + ", ".join(bits) + f".{extra}</div>"


def _quote(citation: Citation) -> str:
    """The source's own words, and their English when they are in another language."""
    english = (
        f'<p class="note">In English: “{_e(citation.translation)}”</p>'
        if citation.translation
        else ""
    )
    return f"<blockquote>“{_e(citation.excerpt)}”</blockquote>{english}"


def _evidence_items(record: Record, events: Sequence[Event]) -> str:
    """Each excerpt once, with the events it supports, the strongest source first, the others
    once each, the readers' notes, and how the dates were established (folded)."""
    items = []
    for group in evidence(record, events):
        what = "; ".join(
            f'<span class="when">{_e(long_date(e.date))}</span> · {_e(EVENT_LABEL[e.kind])}'
            for e in group.events
        )
        notes = "".join(
            f'<p class="note">Note ({_e(long_date(e.date))}): {_e(e.note)}</p>'
            for e in group.events
            if e.note
        )
        also = "".join(_source_line(c.source, "Also stated by") + _quote(c) for c in group.also)
        how = "".join(
            f'<p class="note">{_e(c.source.title)}: {_e(text)}</p>'
            for c in group.citations
            for text in c.provenance
        )
        folded = (
            f"<details><summary>How this date was established</summary>{how}</details>"
            if how
            else ""
        )
        items.append(
            f"<li>{what}{_quote(group.lead)}"
            f"{_source_line(group.lead.source)}{also}{notes}{folded}</li>"
        )
    return "<ul class='events'>" + "".join(items) + "</ul>"


def _sources_section(view: View, who: Sequence[str], heading: str) -> str:
    """The treaty's own dates, then each state's status, the rule, and its events to the day."""
    record, treaty, on = view.record, view.treaty, view.day
    names = view.atlas.names
    parts = [f"<h2>{_e(heading)}</h2>", f"<h3>{_e(treaty.short_name)}</h3><ul class='events'>"]
    for day, what, source_id, excerpt in (
        (treaty.opened_for_signature, "Opened for signature", treaty.opened_source_id,
         treaty.opened_excerpt),
        (treaty.entry_into_force, "Entry into force", treaty.entry_into_force_source_id,
         treaty.entry_into_force_excerpt),
    ):  # fmt: skip
        if day <= on:
            parts.append(
                f'<li><span class="when">{_e(long_date(day))}</span> · {_e(what)}'
                f"<blockquote>“{_e(excerpt)}”</blockquote>"
                f"{_source_line(record.sources.get(source_id))}</li>"
            )
    parts.append("</ul>")
    for iso3 in sorted(who, key=lambda c: names.get(c, c)):
        status = view.by_state[iso3]
        events = view.events(iso3)
        shown = [e for e in events if e.date <= on]
        later = len(events) - len(shown)
        legal = view.atlas.dates[treaty.treaty_id][iso3]
        parts.append(
            f'<h3 id="state-{_e(iso3)}">{_e(names.get(iso3, iso3))}: '
            f"{_e(STATUS_LABEL[status.status])}</h3>"
        )
        note = f" Political note: {status.note}." if status.note else ""
        parts.append(
            f'<p class="status-line">{_e(explain(legal, status, treaty, events) + note)}</p>'
        )
        if shown:
            parts.append(_evidence_items(record, shown))
        else:
            parts.append('<p class="note">No event recorded by this date.</p>')
        if later:
            parts.append(
                f'<p class="note">{later} later event{"" if later == 1 else "s"} '
                f"{'is' if later == 1 else 'are'} recorded after this date and not shown.</p>"
            )
    return "\n".join(parts)


def _border_table(view: View) -> str:
    """The border states × every treaty, on the view's day (before → after in compare mode)."""
    earlier, later = view.compare if view.compare else (None, view.day)
    rows = border_table(view.atlas, later, earlier)
    treaties = [t.treaty for t in rows[0][1]] if rows else []
    head = "".join(f'<th scope="col">{_e(t.short_name)}</th>' for t in treaties)
    body = []
    for iso3, cells in rows:
        words = []
        for c in cells:
            text = STATUS_LABEL[c.status.status]
            if c.changed and c.before is not None:
                text = f"{STATUS_LABEL[c.before.status]} → {text}"
            words.append(text)
        tds = "".join(f"<td>{_e(w)}</td>" for w in words)
        body.append(f'<tr><th scope="row">{_e(view.atlas.names[iso3])}</th>{tds}</tr>')
    when = f"on {long_date(later)}"
    if earlier:
        when = f"on {long_date(earlier)} → {long_date(later)}; a changed status shows both"
    return (
        "<h2>Russia, Belarus and their neighbours under each treaty</h2>"
        f'<p class="note">Status {_e(when)}.</p>'
        f'<table><thead><tr><th scope="col">State</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


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
    atlas, treaty, country = view.atlas, view.treaty, view.country
    names = atlas.names
    frame = Frame.for_focus(view.focus)
    changed = [c.iso3 for c in view.changes] if view.changes else []
    shapes = drawn_shapes(
        atlas.boundaries,
        frame,
        view.by_state,
        names,
        frontline=atlas.frontline,
        reference=atlas.reference,
        country=country,
        changed=changed,
    )
    country_name = names[country] if country else None
    map_label = f"{view.map_label}: {FOCUS_LABEL[view.focus]}"
    svg = map_svg(shapes, frame, view.focus, label=map_label, desc=view.summary)
    outside = ""
    if country and country not in {s.iso3 for s in shapes}:
        outside = f" {country_name} lies outside this map's window."
    shown_marks = sorted({m for s in shapes for m in s.marks})

    if country:
        who, heading = [country], f"Sources: {country_name}"
    else:
        who = [c for c in atlas.frontline if c in view.by_state]
        heading = "Sources: the states on Russia's or Belarus's land borders"
    sources = _sources_section(view, who, heading)

    cite = citation_text(
        url_view,
        permalink,
        atlas.version,
        accessed,
        treaty_name=treaty.short_name,
        country_name=country_name,
    )
    link = safe_url(permalink) if permalink else None
    permalink_line = (
        f"<p>Live view: {_link(link)}</p>" if link else "<p>Exported from the command line.</p>"
    )
    figures_html = (
        '<ul class="figures" aria-label="Headline figures">'
        + "".join(f"<li><b>{_e(a)}</b><span>{_e(b)}</span></li>" for a, b in figure_items(view))
        + "</ul>"
    )
    numbers = sorted(
        {
            int(a.split(".")[0])
            for a in (treaty.state_entry_into_force_article, treaty.withdrawal_article)
        }
    )
    articles = ("Articles " if len(numbers) > 1 else "Article ") + join_words(
        [str(n) for n in numbers]
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>{_e(view.title)} · treatymap</title>
<style>{CSS}</style>
</head>
<body>
<main>
<header>
<p class="kicker">{_e(treaty.full_name)} ({_e(treaty.opened_place)}, \
{treaty.opened_for_signature.year})</p>
<h1>Who is bound by the {_e(treaty.short_name)}</h1>
<p class="dateline">{_dateline(view)}</p>
<p class="summary">{_e(view.summary)}</p>
</header>
{figures_html}
<figure>
{svg}
<figcaption>
{_legend(view, shown_marks)}
<p class="note">{_e(view.dateline)}, computed from the sourced events under \
{_e(articles)} of the {_e(treaty.short_name)}. Record reviewed up to \
{_e(long_date(treaty.record_reviewed))}. Crimea is drawn as part of Ukraine (UN General \
Assembly resolution 68/262) and Western Sahara as a territory in its own right (UN list of \
Non-Self-Governing Territories); other borders are Natural Earth's. Boundaries: Natural \
Earth 1:50m (public domain), simplified.\
{_e(outside)}</p>
</figcaption>
</figure>
{_changes_section(view)}
{_border_table(view)}
{sources}
<footer>
<p><b>Cite as:</b> {_e(cite)}</p>
{permalink_line}
<p>Data version {_e(atlas.version)}. Record of the {_e(treaty.short_name)} reviewed up to \
{_e(long_date(treaty.record_reviewed))}. Generated by treatymap from its bundled data; this \
file loads nothing from any server.</p>
</footer>
</main>
</body>
</html>
"""


def write_snapshot(path: Path, page: str) -> int:
    """Write the page as UTF-8; return its size in bytes."""
    data = page.encode("utf-8")
    path.write_bytes(data)
    return len(data)
