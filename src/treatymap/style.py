"""How the map looks, declared once: every renderer (Leaflet, the SVG snapshot and images, the
charts, the legends) reads this module and writes no colour, width or dash of its own.

The design follows WCAG 2.1 AA (1.4.1 use of colour, 1.4.11 non-text contrast), and the tests
compute it rather than trust it:

* Statuses are told apart without colour: the three solid fills (not a party, State Party,
  withdrawn) are at least 3:1 from one another, and each other status has its own pattern
  (hatch, dots, lines) on top of its colour.
* Every land shape has an outline that is at least 3:1 against the sea and against the light
  fills, so a coast shows whatever the fill.
* The marks drawn over the statuses (states on the border, Russia and Belarus, the selected
  state, changes between two dates, a political note) are dark lines on a white halo, so they
  read on any fill.

Colours come from the Okabe-Ito palette (safe for the common colour-vision deficiencies), darkened
or lightened where contrast needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from treatymap.i18n import N_, Words
from treatymap.vocab import STATUS_LABEL, Status


@dataclass(frozen=True)
class Pattern:
    """A fill that is not a flat colour: ``ink`` drawn on ``paper`` in a repeating tile.

    ``kind`` is ``hatch`` (diagonal stripes), ``dots`` or ``lines`` (horizontal); ``size`` is the
    tile's side in pixels.
    """

    kind: str
    ink: str
    paper: str
    size: int = 6

    @property
    def pattern_id(self) -> str:
        """The SVG ``<pattern>`` id every renderer uses for it (``url(#tm-<kind>)``)."""
        return f"tm-{self.kind}"


@dataclass(frozen=True)
class Line:
    """An outline: colour, width in pixels at full scale, and dashes (``None``: solid)."""

    colour: str
    width: float
    dash: tuple[float, ...] | None = None

    @property
    def dash_array(self) -> str | None:
        """The SVG/Leaflet ``dasharray`` text, or ``None`` for a solid line."""
        return " ".join(f"{d:g}" for d in self.dash) if self.dash else None


@dataclass(frozen=True)
class StatusStyle:
    """How one status is filled and outlined, and its words in the legend."""

    status: Status
    fill: str
    pattern: Pattern | None
    line: Line
    label: str

    @property
    def fill_ref(self) -> str:
        """What an SVG ``fill`` takes: the colour, or ``url(#pattern)``."""
        return f"url(#{self.pattern.pattern_id})" if self.pattern else self.fill


@dataclass(frozen=True)
class Mark:
    """A line drawn over the statuses (on a white halo), in drawing order, with its legend."""

    key: str
    line: Line
    label: str


#: The sea, and the land that is not a participant in its own right (no status to show).
SEA = "#dbe9f2"
#: The white ground under every mark's line and around the legend text.
HALO = "#ffffff"
HALO_EXTRA = 3.0  # the halo is this many pixels wider than the line it carries
#: Text in the legend, the labels and the snapshot (on white or on the halo).
TEXT = "#1b1b1b"
#: Secondary text (captions, notes, sources): at least 4.5:1 on white too.
TEXT_SOFT = "#3d3d3d"
#: The page and card ground, links, and lines that only divide (no meaning of their own).
PAPER = "#ffffff"
LINK = "#005a8c"
RULE = "#c8c8c8"
#: A shape under the pointer.
HOVER = Line(TEXT, 2.5)
#: Chart furniture: axis lines and ticks (decorative), gridlines (decorative), axis words.
CHART_DOMAIN = "#8c8c8c"
CHART_GRID = "#e6e6e6"
#: Outline of every participant's shape: 3:1 or more against the sea and the light fills.
LAND_LINE = Line("#6e6e6e", 0.6)

NON_PARTICIPANT = StatusStyle(
    status=Status.NOT_PARTY,  # never shown as a status: it has none
    fill="#fafafa",
    pattern=Pattern("nodata", ink="#8f8f8f", paper="#fafafa", size=8),
    line=Line("#7f7f7f", 0.5),
    label=N_("Not a participant in its own right"),
)

#: One entry per status, in legend order (the order of :class:`treatymap.vocab.Status`).
STATUS_STYLES: dict[Status, StatusStyle] = {
    s.status: s
    for s in (
        StatusStyle(Status.NOT_PARTY, "#ececec", None, LAND_LINE, STATUS_LABEL[Status.NOT_PARTY]),
        StatusStyle(
            Status.SIGNATORY,
            "#f6ec9c",
            Pattern("dots", ink="#6b5d00", paper="#f6ec9c", size=6),
            LAND_LINE,
            STATUS_LABEL[Status.SIGNATORY],
        ),
        StatusStyle(
            Status.RATIFIED_NOT_IN_FORCE,
            "#cfe6f5",
            Pattern("lines", ink="#1d5f95", paper="#cfe6f5", size=5),
            LAND_LINE,
            STATUS_LABEL[Status.RATIFIED_NOT_IN_FORCE],
        ),
        StatusStyle(
            Status.STATE_PARTY, "#17375e", None, LAND_LINE, STATUS_LABEL[Status.STATE_PARTY]
        ),
        StatusStyle(
            Status.WITHDRAWAL_PENDING,
            "#e69f00",
            Pattern("hatch", ink="#17375e", paper="#f2c46d", size=6),
            Line("#7a4100", 1.6, (6, 3)),
            STATUS_LABEL[Status.WITHDRAWAL_PENDING],
        ),
        StatusStyle(Status.WITHDRAWN, "#d55e00", None, LAND_LINE, STATUS_LABEL[Status.WITHDRAWN]),
        StatusStyle(
            Status.NOT_RECORDED,
            "#ffffff",
            Pattern("grid", ink="#8a8a8a", paper="#ffffff", size=7),
            LAND_LINE,
            STATUS_LABEL[Status.NOT_RECORDED],
        ),
    )
}

#: Marks over the statuses, in drawing order (a later mark is drawn on top and wins).
MARKS: tuple[Mark, ...] = (
    Mark(
        "noted", Line(TEXT, 1.6, (2, 3)), N_("Withdrawal announced, voted or suspension declared")
    ),
    Mark("front", Line(TEXT, 2.0), N_("Land border with Russia or Belarus")),
    Mark("ref", Line("#000000", 3.0), N_("Russia and Belarus (reference)")),
    Mark("changed", Line("#8e2f77", 3.0, (5, 3)), N_("Status changed between the two dates")),
    Mark("selected", Line("#c2005f", 3.6), N_("Selected state")),
)
MARK: dict[str, Mark] = {m.key: m for m in MARKS}
#: The marks a view gives (its selection, the changes it compares); the others come with a
#: state's status on a day (its political note) or with the state (on the border, the reference).
VIEW_MARKS = frozenset({"changed", "selected"})


@dataclass(frozen=True)
class Outline:
    """The one line drawn round a shape: its top mark's, except that a border state carrying a
    political note keeps the border's line, dotted as the note's. ``key`` is its classes in
    the SVG drawing and its name in the map's data."""

    key: str
    mark: Mark
    line: Line


_FRONT, _NOTED = MARK["front"].line, MARK["noted"].line
#: Every outline a renderer can draw, in one order (the map's data refers to them by index).
OUTLINES: tuple[Outline, ...] = (
    *(Outline(m.key, m, m.line) for m in MARKS),
    Outline("front noted", MARK["front"], Line(_FRONT.colour, _FRONT.width, _NOTED.dash)),
)
OUTLINE: dict[str, Outline] = {o.key: o for o in OUTLINES}


@dataclass(frozen=True)
class Symbol:
    """How one state is drawn on one view, decided here for every renderer (the live map, the
    SVG drawing of the snapshot, first view and images, the legends): the fill (a status value,
    or ``other`` for land that is not a participant), every mark it carries in drawing order
    (the legend's rows) and the outline drawn."""

    fill: str
    marks: tuple[str, ...]
    outline: Outline | None

    @property
    def outline_index(self) -> int:
        """The outline's place in :data:`OUTLINES` (-1: none), as the map's data carries it."""
        return OUTLINES.index(self.outline) if self.outline else -1


def symbol(
    status: Status | None,
    *,
    noted: bool = False,
    front: bool = False,
    ref: bool = False,
    changed: bool = False,
    selected: bool = False,
) -> Symbol:
    """A state's symbol: ``status`` (``None`` for land that is not a participant) and the marks
    it carries; the last mark in :data:`MARKS` order is the one drawn."""
    on = {"noted": noted, "front": front, "ref": ref, "changed": changed, "selected": selected}
    marks = tuple(m.key for m in MARKS if on[m.key])
    outline = None
    if marks:
        top = marks[-1]
        outline = OUTLINE["front noted" if top == "front" and noted else top]
    return Symbol(status.value if status else "other", marks, outline)


def legend_marks(symbols: Iterable[Symbol]) -> list[str]:
    """The marks the legend explains: those some drawn state carries, in drawing order."""
    carried = {m for s in symbols for m in s.marks}
    return [m.key for m in MARKS if m.key in carried]


#: Patterns in use, each once (the renderers declare one SVG ``<pattern>`` per entry).
PATTERNS: tuple[Pattern, ...] = tuple(
    p for p in (*(s.pattern for s in STATUS_STYLES.values()), NON_PARTICIPANT.pattern) if p
)

#: The chosen date's rule and the line of States Parties in the charts.
CHART_RULE = TEXT
CHART_LINE = STATUS_STYLES[Status.STATE_PARTY].fill


def status_fill(status: Status) -> str:
    """The flat colour of a status (its pattern's ground colour when it has one)."""
    return STATUS_STYLES[status].fill


def pattern_svg(pattern: Pattern, scale: float = 1.0) -> str:
    """One SVG ``<pattern>`` element (user-space tile) drawing ``pattern``; ``scale`` enlarges
    the tile for a drawing shown smaller than its own size (an image card), so that stripes
    and dots stay wide enough to read as the legend's, not as a grey blur."""
    n, width = pattern.size * scale, 1.4 * scale
    head = (
        f'<pattern id="{pattern.pattern_id}" patternUnits="userSpaceOnUse" width="{n:g}" '
        f'height="{n:g}"'
    )
    ground = f'<rect width="{n:g}" height="{n:g}" fill="{pattern.paper}"/>'
    if pattern.kind == "hatch":
        ink = f'<rect width="{n / 2:g}" height="{n:g}" fill="{pattern.ink}"/>'
        return f'{head} patternTransform="rotate(45)">{ground}{ink}</pattern>'
    if pattern.kind == "dots":
        ink = f'<circle cx="{n / 2:g}" cy="{n / 2:g}" r="{1.1 * scale:g}" fill="{pattern.ink}"/>'
        return f"{head}>{ground}{ink}</pattern>"
    if pattern.kind == "lines":
        ink = f'<rect y="{n - width:g}" width="{n:g}" height="{width:g}" fill="{pattern.ink}"/>'
        return f"{head}>{ground}{ink}</pattern>"
    if pattern.kind == "nodata":
        ink = f'<rect width="{scale:g}" height="{n:g}" fill="{pattern.ink}"/>'
        return f'{head} patternTransform="rotate(-45)">{ground}{ink}</pattern>'
    if pattern.kind == "grid":
        ink = (
            f'<rect width="{n:g}" height="{scale:g}" fill="{pattern.ink}"/>'
            f'<rect width="{scale:g}" height="{n:g}" fill="{pattern.ink}"/>'
        )
        return f"{head}>{ground}{ink}</pattern>"
    raise ValueError(
        f"pattern kind {pattern.kind!r} is not one of hatch, dots, lines, nodata, grid"
    )


def pattern_css(pattern: Pattern) -> str:
    """The same pattern as a CSS ``background`` (for legend swatches, which are HTML)."""
    n, ink, paper = pattern.size, pattern.ink, pattern.paper
    if pattern.kind == "hatch":
        return f"repeating-linear-gradient(45deg, {ink} 0 {n / 2:g}px, {paper} {n / 2:g}px {n}px)"
    if pattern.kind == "dots":
        return f"radial-gradient(circle, {ink} 1.1px, transparent 1.4px) 0 0/{n}px {n}px, {paper}"
    if pattern.kind == "lines":
        return f"linear-gradient({paper} {n - 1.4:g}px, {ink} 0) 0 0/{n}px {n}px, {paper}"
    if pattern.kind == "nodata":
        return f"repeating-linear-gradient(-45deg, {ink} 0 1px, {paper} 1px {n}px)"
    if pattern.kind == "grid":
        return (
            f"linear-gradient({ink} 1px, transparent 1px) 0 0/{n}px {n}px, "
            f"linear-gradient(90deg, {ink} 1px, transparent 1px) 0 0/{n}px {n}px, {paper}"
        )
    raise ValueError(
        f"pattern kind {pattern.kind!r} is not one of hatch, dots, lines, nodata, grid"
    )


def swatch_css(style: StatusStyle) -> str:
    """A legend swatch for a status: its fill or pattern, and its outline."""
    background = pattern_css(style.pattern) if style.pattern else style.fill
    border = "dashed" if style.line.dash else "solid"
    return f"background: {background}; border: 1.5px {border} {style.line.colour};"


def mark_swatch_css(mark: Mark) -> str:
    """A legend swatch for a mark: an empty box outlined the way the map outlines."""
    kind = "solid"
    if mark.line.dash:
        kind = "dotted" if mark.line.dash[0] <= 2 else "dashed"
    width = min(mark.line.width, 3)
    return f"background: {HALO}; border: {width:g}px {kind} {mark.line.colour};"


def legend_css(prefix: str) -> str:
    """CSS classes ``{prefix}-<status>`` and ``{prefix}-<mark>`` for HTML legend swatches."""
    rules = [f".{prefix}-{s.status.value} {{ {swatch_css(s)} }}" for s in STATUS_STYLES.values()]
    rules.append(f".{prefix}-other {{ {swatch_css(NON_PARTICIPANT)} }}")
    rules += [f".{prefix}-{m.key} {{ {mark_swatch_css(m)} }}" for m in MARKS]
    return "\n".join(rules)


def legend_items(
    counts: Mapping[Status, int],
    marks: Iterable[str],
    w: Words,
    words: Mapping[str, str] | None = None,
    statuses: Iterable[Status] | None = None,
) -> list[tuple[str, str]]:
    """(swatch class, words) for every status (of ``statuses``, those the treaty can give) with
    its count, the non-participants, and the marks in ``marks``, in drawing order: the one
    legend every renderer writes out. ``words`` gives a mark the view's own words ("Selected:
    Estonia")."""
    shown, named = set(marks), words or {}
    allowed = set(statuses) if statuses is not None else set(STATUS_STYLES)
    rows = [
        (s.value, f"{w._(STATUS_LABEL[s])} ({w.number(counts.get(s, 0))})")
        for s in STATUS_STYLES
        if s in allowed
    ]
    rows.append(("other", w._(NON_PARTICIPANT.label)))
    rows += [(m.key, named.get(m.key, w._(m.label))) for m in MARKS if m.key in shown]
    return rows


def browser_style(w: Words) -> dict[str, object]:
    """Everything the Leaflet map needs, as JSON-ready data, its words in the reader's
    language (see :mod:`treatymap.mapview`)."""

    def line(value: Line) -> dict[str, object]:
        return {"color": value.colour, "weight": value.width, "dashArray": value.dash_array}

    return {
        "statuses": [
            {
                "value": s.status.value,
                "label": w._(s.label),
                "fill": s.fill_ref,
                "line": line(s.line),
            }
            for s in STATUS_STYLES.values()
        ],
        "other": {"fill": NON_PARTICIPANT.fill_ref, "line": line(NON_PARTICIPANT.line)},
        "marks": [{"key": m.key, "label": w._(m.label)} for m in MARKS],
        "outlines": [line(o.line) for o in OUTLINES],
        "halo": {"color": HALO, "extra": HALO_EXTRA},
        "hover": line(HOVER),
        "patterns": [pattern_svg(p) for p in PATTERNS],
    }
