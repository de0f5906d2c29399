"""One declared schema per table: the single definition of valid data.

The loader, ``python -m treatymap check`` and the tests all validate against these declarations.
A cell is parsed by its column's kind; a bad cell yields a message that names the value, what is
expected and what to do, so a person editing the CSV by hand can fix it without reading code.

Why not pandera, the well-kept library for table schemas: it validates pandas DataFrames and
reports failures by frame index and check name, while the pure core reads no DataFrame. These
declarations parse each row straight into the typed, frozen records of :mod:`treatymap.model`
(so mypy checks how they are built) and word each problem as ``file:line: value, expected,
fix`` for a person editing the CSV. Wrapping pandera to do both would be more code than this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from treatymap.vocab import Address, Coverage, EntryDay, EventKind, Leaving, Obligation, SourceKind

Kind = Literal[
    "text",
    "slug",
    "date",
    "partial_date",
    "int",
    "bool",
    "iso3",
    "choice",
    "url",
    "lang",
    "article",
]

_ISO3 = re.compile(r"[A-Z]{3}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_ARTICLE = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True)
class Column:
    """A column: its name, how its cells are read, and whether a cell may be empty."""

    name: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class TableSchema:
    """A table: its file name, its columns in order, and the columns that identify a row."""

    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    doc: str = ""
    #: A table that may be absent (it then has no rows); every other table must exist.
    optional: bool = False
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Cells:
    """One parsed row, read back by type: each getter checks what the column's kind produced.

    The loader builds the typed records (:mod:`treatymap.model`) through these getters, so a
    type checker can follow every field from the table to the record.
    """

    values: dict[str, object]
    line: int

    def text(self, name: str) -> str:
        value = self.values[name]
        if not isinstance(value, str):
            raise TypeError(f"{name} is {value!r}, not text")
        return value

    def text_or_none(self, name: str) -> str | None:
        value = self.values[name]
        return None if value is None else self.text(name)

    def day(self, name: str) -> date:
        value = self.values[name]
        if not isinstance(value, date):
            raise TypeError(f"{name} is {value!r}, not a date")
        return value

    def day_or_none(self, name: str) -> date | None:
        value = self.values[name]
        return None if value is None else self.day(name)

    def flag(self, name: str) -> bool:
        value = self.values[name]
        if not isinstance(value, bool):
            raise TypeError(f"{name} is {value!r}, not true or false")
        return value

    def number(self, name: str) -> int:
        value = self.values[name]
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} is {value!r}, not a whole number")
        return value


def parse_cell(column: Column, raw: str) -> str | date | int | bool | None:
    """Read one cell by its column's kind; raise :class:`CellError` saying what to do.

    Empty optional cells read as ``None``. Surrounding spaces are refused rather than stripped,
    because a silently altered value is worse than a clear complaint.
    """
    if raw != raw.strip():
        raise CellError(
            f"column '{column.name}' has spaces around {raw!r}; remove the leading/trailing spaces"
        )
    if raw == "":
        if column.required:
            raise CellError(f"column '{column.name}' is empty; it is required ({column.doc})")
        return None
    kind = column.kind
    if kind == "text":
        return raw
    if kind == "slug":
        if not _SLUG.fullmatch(raw):
            raise CellError(
                f"column '{column.name}' is {raw!r}; "
                "use lower-case letters, digits, '-', '_' or '.'"
            )
        return raw
    if kind == "iso3":
        if not _ISO3.fullmatch(raw):
            hint = f" (write {raw.upper()!r})" if _ISO3.fullmatch(raw.upper()) else ""
            raise CellError(
                f"column '{column.name}' is {raw!r}; expected an ISO 3166-1 alpha-3 code in "
                f"upper case{hint}"
            )
        return raw
    if kind == "date":
        return _parse_date(column.name, raw)
    if kind == "partial_date":
        if not _PARTIAL_DATE.fullmatch(raw):
            raise CellError(f"column '{column.name}' is {raw!r}; write YYYY, YYYY-MM or YYYY-MM-DD")
        if len(raw) == 10:
            _parse_date(column.name, raw)
        return raw
    if kind == "int":
        if not re.fullmatch(r"-?\d+", raw):
            raise CellError(f"column '{column.name}' is {raw!r}; expected a whole number")
        return int(raw)
    if kind == "bool":
        if raw not in ("true", "false"):
            raise CellError(f"column '{column.name}' is {raw!r}; write true or false")
        return raw == "true"
    if kind == "choice":
        if raw not in column.choices:
            raise CellError(
                f"column '{column.name}' was {raw!r} but is expected to be one of "
                f"[{', '.join(column.choices)}]"
            )
        return raw
    if kind == "url":
        if not re.fullmatch(r"https?://\S+", raw):
            raise CellError(
                f"column '{column.name}' is {raw!r}; expected a web address starting with "
                "http:// or https://"
            )
        return raw
    if kind == "article":
        if not _ARTICLE.fullmatch(raw):
            raise CellError(
                f"column '{column.name}' is {raw!r}; write an article number, with its paragraph "
                "after a dot (17, or 20.3 for Article 20, paragraph 3)"
            )
        return raw
    if kind == "lang":
        if not _LANG.fullmatch(raw):
            raise CellError(
                f"column '{column.name}' is {raw!r}; expected a language tag such as en, fr or uk"
            )
        return raw
    raise AssertionError(f"unknown column kind {kind!r}")  # a programming error, not data


def _parse_date(name: str, raw: str) -> date:
    """Read an ISO date; say which rule it breaks (format, or no such day)."""
    if not _DATE.fullmatch(raw):
        raise CellError(
            f"column '{name}' is {raw!r}; write dates as YYYY-MM-DD (e.g. 2025-06-27), "
            "never day/month forms that read differently in different countries"
        )
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"column '{name}' is {raw!r}, which is not a real calendar day") from None


STATES = TableSchema(
    file="states.csv",
    doc="Every state that can take part in the treaties: UN members, the Holy See, the State of "
    "Palestine, the Cook Islands and Niue.",
    key=("iso3",),
    columns=(
        Column("iso3", "iso3", doc="ISO 3166-1 alpha-3 code, the join key everywhere"),
        Column("name", "text", doc="English short name"),
        Column("basis", "text", doc="why the state can take part (UN member, observer state, ...)"),
    ),
)

TREATIES = TableSchema(
    file="treaties.csv",
    doc="One row per treaty: everything that differs between treaties, so that a new treaty is "
    "a row here and its events, never code.",
    key=("treaty_id",),
    columns=(
        Column("treaty_id", "slug", doc="short identifier used by events.csv and in links"),
        Column("short_name", "text", doc="name readers know it by"),
        Column("full_name", "text", doc="official title"),
        Column("called", "text", doc="how a sentence refers to it, e.g. 'the Convention'"),
        Column("depositary", "text", doc="who receives instruments"),
        Column(
            "opened_for_signature",
            "date",
            doc="first day it was open for signature, or the day it was adopted when it has no "
            "signature stage",
        ),
        Column("opened_place", "text", doc="where it opened for signature (or was adopted)"),
        Column(
            "signature_stage",
            "bool",
            doc="true when states sign before they ratify; false when a state only notifies "
            "its consent (a protocol of the Convention on Certain Conventional Weapons)",
        ),
        Column("opened_source_id", "slug", doc="source of the opening date"),
        Column("opened_excerpt", "text", doc="verbatim excerpt giving the opening date"),
        Column("entry_into_force", "date", doc="day the treaty entered into force generally"),
        Column(
            "instruments_for_entry_into_force",
            "int",
            doc="how many instruments of consent its general entry into force needed",
        ),
        Column("entry_into_force_source_id", "slug", doc="source of the entry-into-force date"),
        Column("entry_into_force_excerpt", "text", doc="verbatim excerpt giving that date"),
        Column(
            "months_to_entry_into_force",
            "int",
            doc="months after a later deposit until entry into force for that state",
        ),
        Column(
            "entry_into_force_day",
            "choice",
            choices=tuple(d.value for d in EntryDay),
            doc="first_of_month: on the first day of the months_to_entry_into_force-th month "
            "after a later deposit; same_day: that many months after it, the same day",
        ),
        Column(
            "months_to_withdrawal",
            "int",
            doc="months after receipt until a withdrawal (or denunciation) takes effect",
        ),
        Column(
            "leaving",
            "choice",
            choices=tuple(v.value for v in Leaving),
            doc="what the treaty calls leaving it: withdrawal or denunciation",
        ),
        Column(
            "obligation",
            "choice",
            choices=tuple(o.value for o in Obligation),
            doc="what the treaty does: bans anti-personnel mines or cluster munitions, or "
            "restricts mines",
        ),
        Column(
            "record",
            "choice",
            choices=tuple(c.value for c in Coverage),
            doc="complete when every participant's steps are recorded (a state without any is "
            "not a party); partial when not yet (it is shown as having no record)",
        ),
        Column("consent_article", "article", doc="article on ratification and accession"),
        Column(
            "general_entry_into_force_article",
            "article",
            doc="article (and paragraph) on the treaty's own entry into force",
        ),
        Column(
            "state_entry_into_force_article",
            "article",
            doc="article (and paragraph) on entry into force for a later state",
        ),
        Column("withdrawal_article", "article", doc="article (and paragraph) on withdrawal"),
        Column(
            "armed_conflict_article",
            "article",
            required=False,
            doc="article (and paragraph) that defers a withdrawal during an armed conflict; "
            "empty when the treaty has no such rule",
        ),
        Column("text_source_id", "slug", doc="source where the treaty's text can be read"),
        Column(
            "record_reviewed",
            "date",
            doc="the day up to which its events were last checked against the sources",
        ),
        Column(
            "record_complete_until",
            "date",
            required=False,
            doc="under a partial record, the day of a complete list of the participants (the "
            "depositary's status table of that day): up to it, a state with no step recorded "
            "is not a party; after it, it has no record yet. Empty when no such list is known",
        ),
    ),
)

SOURCES = TableSchema(
    file="sources.csv",
    doc="Every source an event or treaty date cites.",
    key=("source_id",),
    columns=(
        Column("source_id", "slug", doc="identifier cited by events.csv"),
        Column("title", "text", doc="the source's title"),
        Column("publisher", "text", doc="who published it"),
        Column("url", "url", doc="where a reader can find it"),
        Column("published", "partial_date", required=False, doc="publication date, if known"),
        Column("accessed", "date", doc="when we read it"),
        Column("language", "lang", doc="language of the source (BCP 47)"),
        Column(
            "kind",
            "choice",
            choices=tuple(k.value for k in SourceKind),
            doc="who published it, strongest first: the depositary, a treaty's support unit, a "
            "government or gazette, a parliament, an international organisation, the Monitor, a "
            "campaign, the news, a reference work, an encyclopaedia",
        ),
        Column(
            "address",
            "choice",
            choices=tuple(a.value for a in Address),
            doc="'page' when the address is the page that holds the sentence; 'home_page' or "
            "'archived_copy' when only a home page or an archived copy is known",
        ),
    ),
)

EVENTS = TableSchema(
    file="events.csv",
    doc="Every dated event in a state's relation with a treaty, each with its source and excerpt.",
    key=("treaty_id", "iso3", "event", "date"),
    columns=(
        Column("treaty_id", "slug", doc="which treaty (treaties.csv)"),
        Column("iso3", "iso3", doc="which state (states.csv)"),
        Column("event", "choice", choices=tuple(k.value for k in EventKind), doc="kind of event"),
        Column("date", "date", doc="the day it happened"),
        Column("source_id", "slug", doc="the source (sources.csv)"),
        Column("excerpt", "text", doc="a verbatim sentence or table row from the source"),
        Column(
            "translation",
            "text",
            required=False,
            doc="the excerpt in English, when the source is in another language",
        ),
        Column(
            "note",
            "text",
            required=False,
            doc="for readers: at most two plain sentences on what happened, or which source "
            "says what when the day is disputed",
        ),
        Column(
            "provenance",
            "text",
            required=False,
            doc="for researchers: how the date was established (editions, other sources seen)",
        ),
        Column(
            "date_certainty",
            "choice",
            required=False,
            choices=("unconfirmed", "disputed"),
            doc="empty when the source states the day as cited; 'unconfirmed' when no source "
            "confirms the day itself (the note says what is known), 'disputed' when sources "
            "disagree (the note gives the other day)",
        ),
        Column(
            "concerns",
            "iso3",
            required=False,
            doc="for an objection or a statement about another state, that state",
        ),
    ),
)

CORROBORATIONS = TableSchema(
    file="corroborations.csv",
    doc="A further, independent source for an event of events.csv: same treaty, state, event "
    "and date, another source and its own verbatim excerpt.",
    key=("treaty_id", "iso3", "event", "date", "source_id"),
    optional=True,
    columns=(
        Column("treaty_id", "slug", doc="the event's treaty"),
        Column("iso3", "iso3", doc="the event's state"),
        Column("event", "choice", choices=tuple(k.value for k in EventKind), doc="its kind"),
        Column("date", "date", doc="its day, as events.csv gives it"),
        Column("source_id", "slug", doc="the further source (sources.csv)"),
        Column("excerpt", "text", doc="a verbatim sentence or table row stating the date"),
        Column(
            "translation",
            "text",
            required=False,
            doc="the excerpt in English, when the source is in another language",
        ),
        Column(
            "provenance",
            "text",
            required=False,
            doc="for researchers: where on the page, which edition, why it is independent",
        ),
    ),
)

#: Every CSV table, in the order they are read and reported.
TABLES: tuple[TableSchema, ...] = (STATES, TREATIES, SOURCES, EVENTS, CORROBORATIONS)

BOUNDARIES_FILE = "boundaries.geojson"

#: Properties every boundary feature must carry.
BOUNDARY_PROPERTIES: tuple[Column, ...] = (
    Column("iso3", "iso3", doc="ISO 3166-1 alpha-3 (X-range codes for features with none)"),
    Column("name", "text", doc="English short name"),
    Column("participant", "bool", doc="true when the feature is a state in states.csv"),
    Column(
        "sovereign_iso3", "iso3", required=False, doc="for a territory, the state it belongs to"
    ),
    Column("scale", "choice", choices=("110m", "50m", "10m"), doc="Natural Earth scale"),
)
