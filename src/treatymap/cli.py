"""``python -m treatymap check | status | history | export``: check, query and export the data.

Every command that reads data refuses invalid data with the same messages as ``check``.
Exit codes: 0 success, 1 invalid data, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from treatymap.checks import single_source_events
from treatymap.data import validate
from treatymap.dates import today
from treatymap.exports import status_csv, status_json, status_rows
from treatymap.model import Record
from treatymap.problems import Problem
from treatymap.status import statuses_on
from treatymap.url_state import Focus
from treatymap.vocab import EVENT_LABEL

if TYPE_CHECKING:
    import geopandas as gpd


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; kept separate so tests and docs can inspect it."""
    parser = argparse.ArgumentParser(
        prog="python -m treatymap",
        description="Check and query the Ottawa Convention record bundled in geodata/.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = "data directory (default: the bundled geodata/, or $TREATYMAP_DATA_DIR)"

    check = sub.add_parser("check", help="validate every table; print each problem as file:row")
    check.add_argument(
        "--single-source",
        action="store_true",
        help="list every legal-date event that rests on one source (a warning, never an error)",
    )
    check.add_argument("--data-dir", help=data_help)

    status = sub.add_parser("status", help="every state's legal status on a date")
    status.add_argument("--date", required=True, type=_iso_date, help="YYYY-MM-DD")
    status.add_argument("--format", choices=("csv", "json"), default="csv")
    status.add_argument("--treaty", default="ottawa", help="treaty id (default: ottawa)")
    status.add_argument("--data-dir", help=data_help)

    history = sub.add_parser("history", help="one state's events with their sources")
    history.add_argument("iso3", help="ISO 3166-1 alpha-3 code, e.g. EST")
    history.add_argument("--treaty", default="ottawa", help="treaty id (default: ottawa)")
    history.add_argument("--data-dir", help=data_help)

    export = sub.add_parser(
        "export", help="the view on a date as one self-contained HTML file (map, sources)"
    )
    export.add_argument("--date", required=True, type=_iso_date, help="YYYY-MM-DD")
    export.add_argument(
        "--focus", choices=[f.value for f in Focus], default=Focus.BORDER.value, help="map window"
    )
    export.add_argument("--country", help="ISO 3166-1 alpha-3 code of a state to highlight")
    export.add_argument("--out", required=True, type=Path, help="the HTML file to write")
    export.add_argument(
        "--base-url", help="the dashboard's address, to put a permalink to the view in the file"
    )
    export.add_argument("--treaty", default="ottawa", help="treaty id (default: ottawa)")
    export.add_argument("--data-dir", help=data_help)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run a command; return its exit code (the CLI is tested in-process through this)."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    record, boundaries, problems = validate(args.data_dir)
    if problems:
        _print_problems(problems)
        return 1
    if args.command == "check":
        return _check_report(record, args.single_source, out)
    if args.treaty not in record.treaties:
        known = ", ".join(record.treaties)
        print(f"error: treaty {args.treaty!r} is not one of [{known}]", file=sys.stderr)
        return 2
    if args.command == "status":
        _print_status(record, args.date, args.treaty, args.format, out)
        return 0
    if args.command == "export":
        return _export(record, boundaries, args, out)
    return _print_history(record, args.iso3, args.treaty, out)


def _check_report(record: Record, list_single: bool, out: TextIO) -> int:
    """``ok: ...`` with the counts, then the single-source warning (and list, when asked)."""
    print(
        f"ok: {len(record.states)} states, {len(record.events)} events, "
        f"{len(record.corroborations)} corroborations, {len(record.sources)} sources",
        file=out,
    )
    single = single_source_events(record)
    if single:
        print(
            f"warning: {len(single)} legal-date event(s) rest on a single source "
            "(--single-source lists them)",
            file=out,
        )
    if list_single:
        for e in single:
            print(
                f"  events.csv:{e.line}: {e.treaty_id} {e.iso3} {e.kind.value} {e.date}", file=out
            )
    return 0


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found; the data was not used", file=sys.stderr)


def _print_status(record: Record, on: date, treaty_id: str, fmt: str, out: TextIO) -> None:
    rows = status_rows(record, statuses_on(record, on, treaty_id))
    out.write(status_json(rows) if fmt == "json" else status_csv(rows))


def _print_history(record: Record, iso3: str, treaty_id: str, out: TextIO) -> int:
    code = iso3.strip().upper()
    names = record.state_names()
    if code not in names:
        print(f"error: {iso3!r} is not a state code in states.csv (e.g. EST)", file=sys.stderr)
        return 2
    events = sorted(
        (e for e in record.events if e.iso3 == code and e.treaty_id == treaty_id),
        key=lambda e: (e.date, e.line),
    )
    print(f"{names[code]} ({code}): {len(events)} event(s)", file=out)
    for e in events:
        source = record.sources[e.source_id]
        print(f"{e.date.isoformat()}  {EVENT_LABEL[e.kind]}", file=out)
        print(f'    "{e.excerpt}"', file=out)
        print(f"    {source.title}, {source.publisher} <{source.url}>", file=out)
        if e.note:
            print(f"    note: {e.note}", file=out)
    return 0


def _export(
    record: Record, boundaries: gpd.GeoDataFrame, args: argparse.Namespace, out: TextIO
) -> int:
    """Write the snapshot of a view; a bad country or an unwritable file is a usage error (2)."""
    from treatymap.cite import data_version, permalink
    from treatymap.data import data_dir
    from treatymap.geometry import frontline_neighbours
    from treatymap.snapshot import snapshot_html, write_snapshot
    from treatymap.summary import view_summary
    from treatymap.url_state import ViewState

    country = None
    if args.country:
        country = args.country.strip().upper()
        if country not in record.state_names():
            print(
                f"error: {args.country!r} is not a state code in states.csv (e.g. EST)",
                file=sys.stderr,
            )
            return 2
    target: Path = args.out
    if not target.parent.is_dir():
        print(f"error: the folder {str(target.parent)!r} does not exist", file=sys.stderr)
        return 2
    focus = Focus(args.focus)
    front = frontline_neighbours(boundaries)
    statuses = statuses_on(record, args.date, args.treaty)
    summary = view_summary(statuses, front, record.state_names(), args.date)
    link = permalink(args.base_url, ViewState(args.date, country, focus)) if args.base_url else None
    page = snapshot_html(
        record,
        boundaries,
        args.date,
        focus,
        country,
        summary,
        data_version(data_dir(args.data_dir)),
        link,
        frontline=front,
        accessed=today(),
        treaty_id=args.treaty,
    )
    try:
        size = write_snapshot(target, page)
    except OSError as exc:
        print(f"error: cannot write {str(target)!r} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"wrote {target} ({size / 1024:,.0f} KB)", file=out)
    return 0
