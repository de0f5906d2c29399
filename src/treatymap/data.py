"""Where the bundled files are, and reading them: the one module that reads the data.

Tables become typed records (:mod:`treatymap.model`) and the boundaries a GeoDataFrame; the rules
across tables live in :mod:`treatymap.checks`, which :func:`load_dataset` applies before handing
anything out. No caching here (the page caches). Reading never stops at the first bad row: every
problem in every file is collected and returned.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geopandas as gpd
import shapely

from treatymap.checks import boundary_problems, record_problems
from treatymap.model import Corroboration, Event, Record, Source, State, Treaty
from treatymap.problems import DataError, Problem
from treatymap.schemas import (
    BOUNDARIES_FILE,
    BOUNDARY_PROPERTIES,
    CORROBORATIONS,
    EVENTS,
    SOURCES,
    STATES,
    TABLES,
    TREATIES,
    CellError,
    Cells,
    TableSchema,
    parse_cell,
)
from treatymap.vocab import Address, Coverage, EntryDay, EventKind, Leaving, Obligation, SourceKind

#: The bundled data, at the repository root; TREATYMAP_DATA_DIR points elsewhere (tests, forks).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "geodata"

Row = tuple[int, dict[str, Any]]


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the argument, else ``$TREATYMAP_DATA_DIR``, else the bundled one."""
    if path is not None:
        return Path(path)
    env = os.environ.get("TREATYMAP_DATA_DIR")
    return Path(env) if env else DEFAULT_DATA_DIR


def read_table(directory: Path, schema: TableSchema) -> tuple[list[Row], list[Problem]]:
    """Read one CSV table against its schema.

    Returns the rows that parsed cleanly, each with its line number, and a problem for every
    cell, row or file-level mistake (missing file, byte-order mark, wrong header, wrong number of
    cells, duplicate key). Rows with a bad cell are left out of the result.
    """
    path = directory / schema.file
    name = schema.file
    if not path.is_file():
        if schema.optional:
            return [], []
        return [], [Problem(name, 0, f"file is missing from {directory}; restore it")]
    raw = path.read_bytes()
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(name, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM")
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [*problems, Problem(name, line, "is not valid UTF-8; save the file as UTF-8")]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(
            Problem(name, line, "uses Windows (CRLF) line ends; save it with Unix (LF) line ends")
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[Row] = []
    seen: dict[tuple[Any, ...], int] = {}
    try:
        header = next(reader)
    except StopIteration:
        return [], [*problems, Problem(name, 1, "file is empty; it needs a header row")]
    if tuple(header) != schema.column_names:
        expected = ",".join(schema.column_names)
        return [], [
            *problems,
            Problem(name, 1, f"header is {','.join(header)!r}; expected {expected!r}"),
        ]
    line = 1
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not cells:
                problems.append(Problem(name, start, "blank line; delete it"))
                continue
            if len(cells) != len(schema.columns):
                problems.append(
                    Problem(
                        name,
                        start,
                        f"has {len(cells)} cells, expected {len(schema.columns)} "
                        f"({','.join(schema.column_names)}); check quoting and commas",
                    )
                )
                continue
            values: dict[str, Any] = {}
            ok = True
            for column, cell in zip(schema.columns, cells, strict=True):
                try:
                    values[column.name] = parse_cell(column, cell)
                except CellError as exc:
                    problems.append(Problem(name, start, str(exc)))
                    ok = False
            if not ok:
                continue
            key = tuple(values[k] for k in schema.key)
            if key in seen:
                problems.append(
                    Problem(
                        name,
                        start,
                        f"duplicates line {seen[key]} ({', '.join(map(str, key))}); "
                        "delete one of them",
                    )
                )
                continue
            seen[key] = start
            rows.append((start, values))
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, f"cannot be read as CSV ({exc})"))
    return rows, problems


def read_record(directory: Path) -> tuple[Record, list[Problem]]:
    """Read every table into a :class:`Record`, with every per-table problem."""
    problems: list[Problem] = []
    tables: dict[str, list[Cells]] = {}
    for schema in TABLES:
        rows, found = read_table(directory, schema)
        tables[schema.file] = [Cells(values, line) for line, values in rows]
        problems.extend(found)
    record = Record(
        states=tuple(_state(c) for c in tables[STATES.file]),
        treaties=MappingProxyType({t.treaty_id: t for t in map(_treaty, tables[TREATIES.file])}),
        sources=MappingProxyType({s.source_id: s for s in map(_source, tables[SOURCES.file])}),
        events=tuple(_event(c) for c in tables[EVENTS.file]),
        corroborations=tuple(_corroboration(c) for c in tables[CORROBORATIONS.file]),
    )
    return record, problems


def _state(c: Cells) -> State:
    return State(iso3=c.text("iso3"), name=c.text("name"), basis=c.text("basis"), line=c.line)


def _treaty(c: Cells) -> Treaty:
    return Treaty(
        treaty_id=c.text("treaty_id"),
        short_name=c.text("short_name"),
        full_name=c.text("full_name"),
        called=c.text("called"),
        depositary=c.text("depositary"),
        opened_for_signature=c.day("opened_for_signature"),
        opened_place=c.text("opened_place"),
        opened_source_id=c.text("opened_source_id"),
        opened_excerpt=c.text("opened_excerpt"),
        entry_into_force=c.day("entry_into_force"),
        instruments_for_entry_into_force=c.number("instruments_for_entry_into_force"),
        entry_into_force_source_id=c.text("entry_into_force_source_id"),
        entry_into_force_excerpt=c.text("entry_into_force_excerpt"),
        months_to_entry_into_force=c.number("months_to_entry_into_force"),
        months_to_withdrawal=c.number("months_to_withdrawal"),
        consent_article=c.text("consent_article"),
        general_entry_into_force_article=c.text("general_entry_into_force_article"),
        state_entry_into_force_article=c.text("state_entry_into_force_article"),
        withdrawal_article=c.text("withdrawal_article"),
        armed_conflict_article=c.text_or_none("armed_conflict_article"),
        text_source_id=c.text("text_source_id"),
        record_reviewed=c.day("record_reviewed"),
        line=c.line,
        signature_stage=c.flag("signature_stage"),
        entry_into_force_day=EntryDay(c.text("entry_into_force_day")),
        leaving=Leaving(c.text("leaving")),
        obligation=Obligation(c.text("obligation")),
        record=Coverage(c.text("record")),
        record_complete_until=c.day_or_none("record_complete_until"),
    )


def _source(c: Cells) -> Source:
    return Source(
        source_id=c.text("source_id"),
        title=c.text("title"),
        publisher=c.text("publisher"),
        url=c.text("url"),
        published=c.text_or_none("published"),
        accessed=c.day("accessed"),
        language=c.text("language"),
        kind=SourceKind(c.text("kind")),
        address=Address(c.text("address")),
        line=c.line,
    )


def _event(c: Cells) -> Event:
    return Event(
        treaty_id=c.text("treaty_id"),
        iso3=c.text("iso3"),
        kind=EventKind(c.text("event")),
        date=c.day("date"),
        source_id=c.text("source_id"),
        excerpt=c.text("excerpt"),
        note=c.text_or_none("note"),
        date_certainty=c.text_or_none("date_certainty"),
        concerns=c.text_or_none("concerns"),
        line=c.line,
        translation=c.text_or_none("translation"),
        provenance=c.text_or_none("provenance"),
    )


def _corroboration(c: Cells) -> Corroboration:
    return Corroboration(
        treaty_id=c.text("treaty_id"),
        iso3=c.text("iso3"),
        kind=EventKind(c.text("event")),
        date=c.day("date"),
        source_id=c.text("source_id"),
        excerpt=c.text("excerpt"),
        provenance=c.text_or_none("provenance"),
        line=c.line,
        translation=c.text_or_none("translation"),
    )


# --- the boundaries ------------------------------------------------------------------------


def read_boundaries(directory: Path) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read ``boundaries.geojson`` and check every feature; problems name the feature number.

    A feature with a bad property or geometry is reported and left out, so that a caller that
    ignores problems still never sees a half-valid feature.
    """
    path = directory / BOUNDARIES_FILE
    empty = gpd.GeoDataFrame(
        {**{c.name: [] for c in BOUNDARY_PROPERTIES}, "feature": []}, geometry=[], crs="EPSG:4326"
    )
    if not path.is_file():
        return empty, [Problem(BOUNDARIES_FILE, 0, f"file is missing from {directory}")]
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except (ValueError, KeyError, TypeError) as exc:
        return empty, [Problem(BOUNDARIES_FILE, 0, f"is not a GeoJSON FeatureCollection ({exc})")]
    problems: list[Problem] = []
    crs = (collection.get("crs") or {}).get("properties", {}).get("name", "")
    if crs and not crs.endswith(("CRS84", "4326")):
        problems.append(
            Problem(
                BOUNDARIES_FILE,
                0,
                f"coordinate system is {crs}; reproject to WGS 84 longitude/latitude (EPSG:4326)",
            )
        )
        return empty, problems
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        found = _feature_problems(number, feature)
        if found:
            problems += found
            continue
        props = feature["properties"]
        values = {c.name: parse_cell(c, _as_cell(props.get(c.name))) for c in BOUNDARY_PROPERTIES}
        iso3 = str(values["iso3"])
        if iso3 in seen:
            problems.append(
                Problem(
                    BOUNDARIES_FILE,
                    number,
                    f"iso3 {iso3} repeats feature {seen[iso3]}; merge them into one feature",
                )
            )
            continue
        seen[iso3] = number
        values["sovereign_iso3"] = values["sovereign_iso3"] or ""
        values["feature"] = number  # its place in the file, so later complaints point at it
        rows.append({**values, "geometry": shapely.geometry.shape(feature["geometry"])})
    if not rows:
        return empty, problems
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return frame, problems


def _as_cell(value: object) -> str:
    """Property values as the CSV-style text the shared column parser reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _feature_problems(number: int, feature: Any) -> list[Problem]:
    """Everything wrong with one feature: properties and geometry."""
    out: list[Problem] = []
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return [Problem(BOUNDARIES_FILE, number, "feature has no properties; add iso3 and name")]
    label = f"feature {props.get('iso3', '?')}"
    for column in BOUNDARY_PROPERTIES:
        try:
            parse_cell(column, _as_cell(props.get(column.name)))
        except CellError as exc:
            out.append(Problem(BOUNDARIES_FILE, number, f"{label}: {exc}"))
    raw = feature.get("geometry")
    if not raw:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} has no geometry; draw one"))
        return out
    try:
        geom = shapely.geometry.shape(raw)
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} geometry cannot be read ({exc})"))
        return out
    if geom.is_empty:
        out.append(Problem(BOUNDARIES_FILE, number, f"{label} has an empty geometry; draw one"))
        return out
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        out.append(
            Problem(BOUNDARIES_FILE, number, f"{label} is a {geom.geom_type}; expected polygons")
        )
        return out
    if not geom.is_valid:
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} geometry is invalid ({shapely.is_valid_reason(geom)}); repair it with "
                "shapely.make_valid in the build script",
            )
        )
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} has coordinates outside longitude/latitude ranges; the file must be in "
                "WGS 84 degrees (EPSG:4326)",
            )
        )
    elif any(_lon_span(part) > 180 for part in getattr(geom, "geoms", [geom])):
        out.append(
            Problem(
                BOUNDARIES_FILE,
                number,
                f"{label} has a part spanning more than 180 degrees of longitude; split it at the "
                "antimeridian so it does not draw as a band across the map",
            )
        )
    return out


def _lon_span(polygon: shapely.Geometry) -> float:
    minx, _, maxx, _ = polygon.bounds
    return float(maxx - minx)


# --- everything, checked -------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """The validated treaty record and the boundaries it is drawn on."""

    record: Record
    boundaries: gpd.GeoDataFrame


def validate(directory: str | Path | None = None) -> tuple[Record, gpd.GeoDataFrame, list[Problem]]:
    """Read everything in ``directory`` and apply every rule: tables, cross-table rules and
    boundaries. Returns what was read and every problem found, sorted by file and row."""
    where = data_dir(directory)
    record, problems = read_record(where)
    problems += record_problems(record)
    boundaries, found = read_boundaries(where)
    problems += found
    problems += boundary_problems(boundaries, record)
    return record, boundaries, sorted(set(problems))


def load_dataset(directory: str | Path | None = None) -> Dataset:
    """The validated dataset, or :class:`DataError` listing every problem (never partly loaded)."""
    record, boundaries, problems = validate(directory)
    if problems:
        raise DataError(problems)
    return Dataset(record, boundaries)
