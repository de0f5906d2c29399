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
from treatymap.explain import status_line
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
MAP_BOX = (24.0, 158.0, 740.0, CARD_HEIGHT - 158.0 - 52)
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
        view.names,
        symbols=view.symbols,
        w=view.words,
        notes=view.notes,
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


def _title(title: str) -> str:
    return _text(24, 48, title, _fitting(title, 34, 1150), 700)


def card_svg(view: View) -> str:
    """The view as one standalone SVG card, 1200 × 675 units."""
    atlas, w = view.atlas, view.words
    drawn, shapes = _map_in_box(view, MAP_BOX)
    shown = {m for s in shapes for m in s.marks}
    top = MAP_BOX[1]
    parts = [
        *_card_head(view, CARD_WIDTH, CARD_HEIGHT),
        _title(w._("Who is bound by the {treaty}?", treaty=view.treaty_name)),
        _text(24, 82, view.dateline, 24, 600, TEXT_SOFT),
    ]
    x = 24.0
    for figure, words in figure_items(view):
        parts.append(_text(x, 118, figure, _fitting(figure, 24, 370), 700))
        for i, line in enumerate(_wrap(words, 13, 360)[:2]):
            parts.append(_text(x, 136 + i * 14, line, 13, 400, TEXT_SOFT))
        x += 392
    parts.append(drawn)
    y = top + 8
    parts.append(_text(790, y + 10, w._("Legend"), 17, 700))
    y += 24
    for cls, words in view.legend([m.key for m in MARKS if m.key in shown]):
        parts.append(_swatch(790, y, cls))
        for i, line in enumerate(_wrap(words, 15, 360)[:2]):
            parts.append(_text(820, y + 12 + i * 16, line, 15))
        y += 26 if len(words) < 46 else 40
    if view.changes:
        y += 10
        parts.append(
            _text(790, y + 10, w._("What changed ({n})", n=w.number(len(view.changes))), 17, 700)
        )
        y += 16
        bottom = CARD_HEIGHT - 52
        for number, change in enumerate(view.changes):
            line = f"{view.names[change.iso3]}: {change_words(change, w)}"
            if y + 18 > bottom - 18 and number < len(view.changes) - 1:
                more = w.ngettext("and {n} more", "and {n} more", len(view.changes) - number)
                parts.append(_text(790, y + 14, more, 15))
                break
            parts.append(_text(790, y + 14, line, 15))
            y += 18
    source = w._(
        "treatymap · data version {version} · record reviewed up to {day} · boundaries: Natural "
        "Earth · sources: depositary, ISU, Landmine and Cluster Munition Monitor, governments",
        version=atlas.version,
        day=w.date(view.treaty.record_reviewed),
    )
    parts.append(_text(24, CARD_HEIGHT - 22, source, 13, 400, TEXT_SOFT))
    parts.append("</svg>")
    return "\n".join(parts)


#: The link preview: its size, and where its map sits (left, top, width, height).
PREVIEW_WIDTH, PREVIEW_HEIGHT = 1200.0, 630.0
PREVIEW_MAP_BOX = (32.0, 132.0, 640.0, 440.0)
#: The preview's type sizes: nothing under 18 at 1200 wide, which a phone shows at a third.
PREVIEW_TYPE = {"title": 42.0, "date": 30.0, "figure": 56.0, "words": 21.0, "legend": 21.0}
#: The figures' words, two columns side by side.
PREVIEW_SMALL = 19.0


def preview_svg(view: View) -> str:
    """The view as a link's preview, 1200 × 630: the treaty and the day in the title, the map
    (no names on it, which a phone would show too small), two figures set large, the legend of
    the statuses drawn, each swatch drawn as the map draws it, and "record reviewed up to"."""
    t, w = PREVIEW_TYPE, view.words
    drawn, shapes = _map_in_box(view, PREVIEW_MAP_BOX, labels=False, fill=True)
    title = w._("Who is bound by the {treaty}?", treaty=view.treaty_name)
    parts = [
        *_card_head(view, PREVIEW_WIDTH, PREVIEW_HEIGHT),
        _text(32, 60, title, _fitting(title, t["title"], 1136), 700),
        _text(32, 106, w.date(view.day), t["date"], 600, TEXT_SOFT),
        drawn,
    ]
    x, y = 700.0, 150.0
    if view.country:
        legal = view.atlas.dates[view.treaty.treaty_id][view.country]
        line = status_line(
            view.names[view.country], legal, view.by_state[view.country], view.treaty, w
        )
        for words in _wrap(line, t["words"], 468):
            parts.append(_text(x, y, words, t["words"], 600))
            y += 27
        y += 14
    parts += _preview_figures(view, x, y)
    y += 48 + 8 + 3 * 23 + 22
    parts += _preview_legend(view, shapes, x, y, bottom=PREVIEW_HEIGHT - 52)
    footer = w._(
        "treatymap · record reviewed up to {day} · data version {version}",
        day=w.date(view.treaty.record_reviewed),
        version=view.atlas.version,
    )
    parts.append(_text(32, PREVIEW_HEIGHT - 22, footer, 19, 400, TEXT_SOFT))
    parts.append("</svg>")
    return "\n".join(parts)


def _preview_figures(view: View, x: float, y: float) -> list[str]:
    """The preview's two figures side by side, each number set as large as its column allows
    and its words wrapped (at most three lines): States Parties, and the border states bound."""
    t, w, f = PREVIEW_TYPE, view.words, view.figures
    left = f.count(Standing.LEFT)
    border = w.ngettext(
        "border states of Russia and Belarus bound",
        "border states of Russia and Belarus bound",
        f.frontline_total,
    )
    if left:
        border = w.ngettext("{words}; {n} left", "{words}; {n} left", left, words=border)
    figures = (
        (w.number(f.states_parties), w._("States Parties, bound that day")),
        (
            w._(
                "{bound} of {total}",
                bound=w.number(f.count(Standing.BOUND)),
                total=w.number(f.frontline_total),
            ),
            border,
        ),
    )
    parts = []
    for column, (figure, words) in enumerate(figures):
        left_x = x + column * 238
        parts.append(_text(left_x, y + 40, figure, _fitting(figure, t["figure"], 222), 700))
        size = PREVIEW_SMALL
        while len(_wrap(words, size, 222)) > 3 and size > 15:  # a longer language: smaller
            size -= 1
        for i, line in enumerate(_wrap(words, size, 222)):
            parts.append(_text(left_x, y + 68 + i * size * 1.2, line, size, 400, TEXT_SOFT))
    return parts


def _preview_legend(
    view: View, shapes: list[Shape], x: float, y: float, bottom: float
) -> list[str]:
    """The legend of what the preview's map shows, each row wrapped to the column; set smaller
    when a language's words would run past ``bottom`` (never cut)."""
    on_map = {s.status for s in shapes} | {m for s in shapes for m in s.marks}
    rows = [
        (cls, words)
        for cls, words in view.legend(["front", "selected", "changed"])
        if cls in on_map and cls != "other"
    ]
    size = PREVIEW_TYPE["legend"]
    while True:
        lines = [_wrap(words, size, 420) for _, words in rows]
        height = sum(size * 1.2 * len(found) + 9 for found in lines)
        if y + height <= bottom or size <= PREVIEW_SMALL - 2:
            break
        size -= 1
    parts = []
    for (cls, _), found in zip(rows, lines, strict=True):
        parts.append(_swatch(x, y - size * 0.85, cls, size=(30, 21)))
        for i, line in enumerate(found):
            parts.append(_text(x + 42, y + i * size * 1.2, line, size))
        y += size * 1.2 * len(found) + 9
    return parts


def _fitting(words: str, size: float, width: float) -> float:
    """The type size, up to ``size``, at which ``words`` fit in ``width`` on one line (by a
    bold glyph's average width of 0.55 of its size): a title in a language whose words are
    longer than the English is set smaller, never cut."""
    return min(size, round(width / (max(len(words), 1) * 0.55), 1))


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
