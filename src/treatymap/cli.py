"""``python -m treatymap check | status | history | export``: check, query and export the data.

Every command that reads data refuses invalid data with the same messages as ``check``.
``--treaty`` takes an id from ``treaties.csv``; without it a command uses the first treaty
there (the Ottawa Convention in the bundled data). Exit codes: 0 success, 1 invalid data,
2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from treatymap.checks import single_source_events
from treatymap.data import Dataset, data_dir, validate
from treatymap.dates import today
from treatymap.exports import status_csv, status_json, status_rows
from treatymap.geometry import frontline_neighbours
from treatymap.i18n import LANGUAGES, words_for
from treatymap.model import Record
from treatymap.problems import Problem
from treatymap.status import statuses_on
from treatymap.url_state import Focus, ViewState
from treatymap.vocab import EVENT_LABEL

if TYPE_CHECKING:
    from treatymap.view import View

#: What ``export --format`` can write.
EXPORT_FORMATS = ("html", "svg", "png")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface; kept separate so tests and docs can inspect it."""
    parser = argparse.ArgumentParser(
        prog="python -m treatymap",
        description="Check and query the treaty record bundled in geodata/.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    data_help = "data directory (default: the bundled geodata/, or $TREATYMAP_DATA_DIR)"
    treaty_help = "treaty id from treaties.csv (default: its first row, the Ottawa Convention)"
    lang_help = "the language of the words (status words, notes, snapshot); codes never change"

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
    status.add_argument("--treaty", help=treaty_help)
    status.add_argument("--lang", choices=list(LANGUAGES), default="en", help=lang_help)
    status.add_argument("--data-dir", help=data_help)

    history = sub.add_parser("history", help="one state's events under every treaty, sourced")
    history.add_argument("iso3", help="ISO 3166-1 alpha-3 code, e.g. EST")
    history.add_argument("--treaty", help="only this treaty (default: every treaty)")
    history.add_argument("--data-dir", help=data_help)

    export = sub.add_parser(
        "export",
        help="the view on a date as one self-contained HTML file (map, sources), or the map "
        "as an SVG or PNG image",
    )
    export.add_argument("--date", required=True, type=_iso_date, help="YYYY-MM-DD")
    export.add_argument(
        "--focus", choices=[f.value for f in Focus], default=Focus.BORDER.value, help="map window"
    )
    export.add_argument("--country", help="ISO 3166-1 alpha-3 code of a state to highlight")
    export.add_argument("--out", required=True, type=Path, help="the file to write")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="html")
    export.add_argument(
        "--size",
        choices=("social", "print"),
        default="social",
        help="PNG size: a 1200 x 675 social card, or a print-size image",
    )
    export.add_argument(
        "--base-url", help="the dashboard's address, to put a permalink to the view in the file"
    )
    export.add_argument("--treaty", help=treaty_help)
    export.add_argument("--lang", choices=list(LANGUAGES), default="en", help=lang_help)
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
    treaty_id: str | None = args.treaty or next(iter(record.treaties), None)
    if treaty_id is None or treaty_id not in record.treaties:
        known = ", ".join(record.treaties)
        print(f"error: treaty {args.treaty!r} is not one of [{known}]", file=sys.stderr)
        return 2
    if args.command == "status":
        w = words_for(args.lang)
        rows = status_rows(
            record,
            treaty_id,
            statuses_on(record, args.date, treaty_id),
            frontline_neighbours(boundaries),
            w=w,
            names={s.iso3: w.state(s.iso3, s.name) for s in record.states},
        )
        out.write(status_json(rows) if args.format == "json" else status_csv(rows))
        return 0
    if args.command == "export":
        return _export(Dataset(record, boundaries), treaty_id, args, out)
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


def _print_history(record: Record, iso3: str, only: str | None, out: TextIO) -> int:
    """Every event of the state under every treaty (or ``only``), each with its sources, the
    strongest first, the reader's note and how the date was established."""
    from treatymap.view import evidence

    code = iso3.strip().upper()
    names = record.state_names()
    if code not in names:
        print(f"error: {iso3!r} is not a state code in states.csv (e.g. EST)", file=sys.stderr)
        return 2
    for treaty_id, treaty in record.treaties.items():
        if only and treaty_id != only:
            continue
        events = record.events_of(treaty_id, iso3=code, involving=True)
        print(f"{names[code]} ({code}), {treaty.short_name}: {len(events)} event(s)", file=out)
        for e in events:
            about = f" (concerning {names.get(e.concerns, e.concerns)})" if e.concerns else ""
            by = f" [{names[e.iso3]}]" if e.iso3 != code else ""
            print(f"{e.date.isoformat()}  {EVENT_LABEL[e.kind]}{about}{by}", file=out)
            group = evidence(record, [e])[0]
            for citation in group.citations:
                source = citation.source
                print(f'    "{citation.excerpt}"', file=out)
                if citation.translation:
                    print(f'    (in English: "{citation.translation}")', file=out)
                print(f"    {source.title}, {source.publisher} <{source.url}>", file=out)
            if e.note:
                print(f"    note: {e.note}", file=out)
            for citation in group.citations:
                for text in citation.provenance:
                    print(f"    how established: {text}", file=out)
        print(file=out)
    return 0


def _export(dataset: Dataset, treaty_id: str, args: argparse.Namespace, out: TextIO) -> int:
    """Write the snapshot (or image) of a view; a bad country or an unwritable file is a usage
    error (2)."""
    from treatymap.cite import data_version, permalink
    from treatymap.view import build_atlas, build_view

    record = dataset.record
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
    atlas = build_atlas(dataset, data_version(data_dir(args.data_dir)))
    focus = Focus(args.focus)
    view = build_view(atlas, treaty_id, args.date, focus=focus, country=country, lang=args.lang)
    url_view = ViewState(
        args.date,
        country,
        focus,
        treaty="" if treaty_id == atlas.treaty_ids[0] else treaty_id,
        lang=args.lang,
    )
    link = permalink(args.base_url, url_view) if args.base_url else None
    try:
        data = _render(view, args.format, args.size, link, url_view)
        target.write_bytes(data)
    except OSError as exc:
        print(f"error: cannot write {str(target)!r} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"wrote {target} ({len(data) / 1024:,.0f} KB)", file=out)
    return 0


def _render(view: View, fmt: str, size: str, link: str | None, url_view: ViewState) -> bytes:
    """The bytes of the chosen format."""
    if fmt == "html":
        from treatymap.snapshot import snapshot_html

        page = snapshot_html(view, permalink=link, accessed=today(), url_view=url_view)
        return page.encode("utf-8")
    from treatymap.images import card_png, card_svg

    if fmt == "svg":
        return card_svg(view).encode("utf-8")
    return card_png(view, size)
