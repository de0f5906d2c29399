"""``python -m treatymap check | status | history``: check the data and query it.

Every command that reads data refuses invalid data with the same messages as ``check``.
Exit codes: 0 success, 1 invalid data, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from treatymap.checks import validate
from treatymap.exports import status_csv, status_json, status_rows
from treatymap.model import Record
from treatymap.problems import Problem
from treatymap.status import statuses_on
from treatymap.vocab import EVENT_LABEL


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
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run a command; return its exit code (the CLI is tested in-process through this)."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    record, _, problems = validate(args.data_dir)
    if problems:
        _print_problems(problems)
        return 1
    if args.command == "check":
        count = sum(1 for e in record.events)
        print(
            f"ok: {len(record.states)} states, {count} events, {len(record.sources)} sources",
            file=out,
        )
        return 0
    if args.treaty not in record.treaties:
        known = ", ".join(record.treaties)
        print(f"error: treaty {args.treaty!r} is not one of [{known}]", file=sys.stderr)
        return 2
    if args.command == "status":
        _print_status(record, args.date, args.treaty, args.format, out)
        return 0
    return _print_history(record, args.iso3, args.treaty, out)


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
