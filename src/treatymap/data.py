"""Where the bundled files are, and reading them into typed, validated tables.

No caching here (the UI caches); no cross-table rules here (see :mod:`treatymap.checks`). Reading
never stops at the first bad row: every problem in every file is collected and returned.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from treatymap.model import Event, Record, Source, State, Treaty
from treatymap.problems import Problem
from treatymap.schemas import (
    EVENTS,
    SOURCES,
    STATES,
    TREATIES,
    CellError,
    TableSchema,
    parse_cell,
)
from treatymap.vocab import EventKind

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
    """Read all four tables into a :class:`Record`, with every per-table problem."""
    problems: list[Problem] = []
    tables: dict[str, list[Row]] = {}
    for schema in (STATES, TREATIES, SOURCES, EVENTS):
        rows, found = read_table(directory, schema)
        tables[schema.file] = rows
        problems.extend(found)
    record = Record(
        states=tuple(State(**values) for _, values in tables[STATES.file]),
        treaties=MappingProxyType({v["treaty_id"]: Treaty(**v) for _, v in tables[TREATIES.file]}),
        sources=MappingProxyType({v["source_id"]: Source(**v) for _, v in tables[SOURCES.file]}),
        events=tuple(
            Event(
                treaty_id=v["treaty_id"],
                iso3=v["iso3"],
                kind=EventKind(v["event"]),
                date=v["date"],
                source_id=v["source_id"],
                excerpt=v["excerpt"],
                note=v["note"],
                line=line,
            )
            for line, v in tables[EVENTS.file]
        ),
    )
    return record, problems
