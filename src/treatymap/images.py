"""The map of a view as an image: an SVG card (title, date, figures, map, legend, source line)
and the same card as PNG, drawn on the server with resvg from the snapshot's own drawing
(:mod:`treatymap.drawing`). No browser, nothing downloaded.

Text is set in Source Sans Pro from the ``font-source-sans-pro`` package, and resvg is told to
ignore the machine's fonts, so a card looks the same on every machine. Every text value is
escaped (:func:`treatymap.drawing.escape`): source text stays text.
"""

from __future__ import annotations

import functools
from pathlib import Path

import font_source_sans_pro
import resvg_py

from treatymap.compare import change_words
from treatymap.drawing import Frame, Shape, drawn_shapes, escape, map_svg, num
from treatymap.explain import long_date, status_line
from treatymap.figures import Standing
from treatymap.style import (
    HALO,
    MARK,
    MARKS,
    NON_PARTICIPANT,
    PAPER,
    RULE,
    STATUS_STYLES,
    TEXT,
    TEXT_SOFT,
)
from treatymap.view import View, figure_items
from treatymap.vocab import Status

#: PNG sizes in pixels: a social card (16:9), and a print image.
PNG_SIZES: dict[str, tuple[int, int]] = {"social": (1200, 675), "print": (3000, 1688)}
#: The card's own coordinate system; PNGs scale it.
CARD_WIDTH, CARD_HEIGHT = 1200.0, 675.0
#: Where the map sits on the card (left, top, width, height): the left 62 % below the header.
#: The map's own drawing is scaled to fit it, centred.
MAP_BOX = (24.0, 150.0, 740.0, CARD_HEIGHT - 150.0 - 52)
FONT = "Source Sans Pro"


@functools.cache
def _font_files() -> list[str]:
    folder = Path(font_source_sans_pro.font_directory)
    return [str(folder / f"SourceSansPro-{w}.ttf") for w in ("Regular", "Semibold", "Bold")]


def _text(x: float, y: float, words: str, size: float, weight: int = 400, fill: str = TEXT) -> str:
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-family="{FONT}" font-size="{size:g}" '
        f'font-weight="{weight}" fill="{fill}">{escape(words)}</text>'
    )


def _wrap(words: str, size: float, width: float) -> list[str]:
    """Lines of at most ``width`` units, by an average glyph width of half the font size."""
    per_line = max(10, int(width / (size * 0.5)))
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _swatch(x: float, y: float, cls: str, size: tuple[float, float] = (22, 14)) -> str:
    """A legend swatch drawn the way the map draws the status or mark ``cls``."""
    w, h = size
    if cls in STATUS_STYLES or cls == "other":
        look = NON_PARTICIPANT if cls == "other" else STATUS_STYLES[Status(cls)]
        dash = f' stroke-dasharray="{look.line.dash_array}"' if look.line.dash else ""
        return (
            f'<rect x="{num(x)}" y="{num(y)}" width="{w:g}" height="{h:g}" '
            f'fill="{look.fill_ref}" stroke="{look.line.colour}" stroke-width="1.5"{dash}/>'
        )
    line = MARK[cls].line
    dash = f' stroke-dasharray="{line.dash_array}"' if line.dash else ""
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{w:g}" height="{h:g}" fill="{HALO}" '
        f'stroke="{line.colour}" stroke-width="{min(line.width, 3):g}"{dash}/>'
    )


def _map_in_box(
    view: View,
    box: tuple[float, float, float, float],
    *,
    labels: bool = True,
    fill: bool = False,
) -> tuple[str, list[Shape]]:
    """The view's map drawn into ``box`` (left, top, width, height) of a card, its patterns
    enlarged as much as the drawing is shrunk (so a stripe stays as wide as in the legend's
    swatch), and the shapes it draws."""
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
    left, top, width, height = box
    shrink = min(width / frame.width, height / frame.height)
    inner = map_svg(
        shapes,
        frame,
        view.focus,
        label=view.map_label,
        desc=view.summary,
        font=FONT,
        labels=labels,
        fill=fill,
        pattern_scale=max(1.0, 1 / shrink),
    ).replace(
        "<svg ",
        f'<svg x="{num(left)}" y="{num(top)}" width="{num(width)}" height="{num(height)}" ',
        1,
    )
    inner = inner.replace(f' width="{num(frame.width)}" height="{num(frame.height)}"', "", 1)
    frame_line = (
        f'<rect x="{num(left)}" y="{num(top)}" width="{num(width)}" height="{num(height)}" '
        f'fill="none" stroke="{RULE}"/>'
    )
    return inner + frame_line, shapes


def _card_head(view: View, width: float, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-label="{escape(view.title)}">',
        f"<title>{escape(view.title)}</title>",
        f"<desc>{escape(view.summary)}</desc>",
        f'<rect width="{width:g}" height="{height:g}" fill="{PAPER}"/>',
    ]


def card_svg(view: View) -> str:
    """The view as one standalone SVG card, 1200 × 675 units."""
    atlas = view.atlas
    drawn, shapes = _map_in_box(view, MAP_BOX)
    shown = {m for s in shapes for m in s.marks}
    top = MAP_BOX[1]
    parts = [
        *_card_head(view, CARD_WIDTH, CARD_HEIGHT),
        _text(24, 48, f"Who is bound by the {view.treaty.short_name}?", 34, 700),
        _text(24, 82, view.dateline, 24, 600, TEXT_SOFT),
    ]
    x = 24.0
    for figure, words in figure_items(view):
        parts.append(_text(x, 118, figure, 24, 700))
        for i, line in enumerate(_wrap(words, 13, 360)[:2]):
            parts.append(_text(x, 136 + i * 14, line, 13, 400, TEXT_SOFT))
        x += 392
    parts.append(drawn)
    y = top + 8
    parts.append(_text(790, y + 10, "Legend", 17, 700))
    y += 24
    for cls, words in view.legend([m.key for m in MARKS if m.key in shown]):
        parts.append(_swatch(790, y, cls))
        for i, line in enumerate(_wrap(words, 15, 360)[:2]):
            parts.append(_text(820, y + 12 + i * 16, line, 15))
        y += 26 if len(words) < 46 else 40
    if view.changes:
        y += 10
        parts.append(_text(790, y + 10, f"What changed ({len(view.changes)})", 17, 700))
        y += 16
        bottom = CARD_HEIGHT - 52
        for number, change in enumerate(view.changes):
            line = f"{change.name}: {change_words(change)}"
            if y + 18 > bottom - 18 and number < len(view.changes) - 1:
                parts.append(_text(790, y + 14, f"and {len(view.changes) - number} more", 15))
                break
            parts.append(_text(790, y + 14, line, 15))
            y += 18
    source = (
        f"treatymap · data version {atlas.version} · record reviewed up to "
        f"{long_date(view.treaty.record_reviewed)} · boundaries: Natural Earth · "
        "sources: depositary, ISU, Landmine and Cluster Munition Monitor, governments"
    )
    parts.append(_text(24, CARD_HEIGHT - 22, source, 13, 400, TEXT_SOFT))
    parts.append("</svg>")
    return "\n".join(parts)


#: The link preview: its size, and where its map sits (left, top, width, height).
PREVIEW_WIDTH, PREVIEW_HEIGHT = 1200.0, 630.0
PREVIEW_MAP_BOX = (32.0, 132.0, 640.0, 440.0)
#: The preview's type sizes: nothing under 18 at 1200 wide, which a phone shows at a third.
PREVIEW_TYPE = {"title": 42.0, "date": 30.0, "figure": 56.0, "words": 21.0, "legend": 21.0}


def preview_svg(view: View) -> str:
    """The view as a link's preview, 1200 × 630: the treaty and the day in the title, the map
    (no names on it, which a phone would show too small), two figures set large, the legend of
    the statuses drawn, each swatch drawn as the map draws it, and "record reviewed up to"."""
    t = PREVIEW_TYPE
    drawn, shapes = _map_in_box(view, PREVIEW_MAP_BOX, labels=False, fill=True)
    parts = [
        *_card_head(view, PREVIEW_WIDTH, PREVIEW_HEIGHT),
        _text(32, 60, f"Who is bound by the {view.treaty.short_name}?", t["title"], 700),
        _text(32, 106, view.dateline.removeprefix("Status on "), t["date"], 600, TEXT_SOFT),
        drawn,
    ]
    x, y = 700.0, 186.0
    if view.country:
        legal = view.atlas.dates[view.treaty.treaty_id][view.country]
        line = status_line(
            view.atlas.names[view.country], legal, view.by_state[view.country], view.treaty
        )
        for words in _wrap(line, t["words"], 468)[:3]:
            parts.append(_text(x, y - 36, words, t["words"], 600))
            y += 27
        y += 18
    f = view.figures
    left = f.count(Standing.LEFT)
    for figure, words in (
        (f"{f.states_parties}", "States Parties, bound that day"),
        (
            f"{f.count(Standing.BOUND)} of {f.frontline_total}",
            "border states of Russia and Belarus bound" + (f"; {left} left" if left else ""),
        ),
    ):
        parts.append(_text(x, y, figure, t["figure"], 700))
        parts.append(_text(x, y + 32, words, t["words"], 400, TEXT_SOFT))
        y += 108
    on_map = {s.status for s in shapes} | {m for s in shapes for m in s.marks}
    for cls, words in view.legend(["front", "selected", "changed"]):
        if cls not in on_map or cls == "other":
            continue
        parts.append(_swatch(x, y - 18, cls, size=(30, 21)))
        parts.append(_text(x + 42, y, _wrap(words, t["legend"], 420)[0], t["legend"]))
        y += 32
    footer = (
        f"treatymap · record reviewed up to {long_date(view.treaty.record_reviewed)} · "
        f"data version {view.atlas.version}"
    )
    parts.append(_text(32, PREVIEW_HEIGHT - 22, footer, 19, 400, TEXT_SOFT))
    parts.append("</svg>")
    return "\n".join(parts)


def preview_png(view: View) -> bytes:
    """The link preview as PNG, 1200 × 630 (rendered with resvg, no system fonts)."""
    return _png(preview_svg(view), int(PREVIEW_WIDTH), int(PREVIEW_HEIGHT))


def card_png(view: View, size: str = "social") -> bytes:
    """The card as PNG at one of :data:`PNG_SIZES`, rendered with resvg (no system fonts)."""
    width, height = PNG_SIZES[size]
    return _png(card_svg(view), width, height)


def _png(svg: str, width: int, height: int) -> bytes:
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            width=width,
            height=height,
            font_files=_font_files(),
            font_family=FONT,
            sans_serif_family=FONT,
            skip_system_fonts=True,
        )
    )
