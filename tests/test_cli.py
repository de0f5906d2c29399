"""The command line, called in-process: exit codes and output."""

from __future__ import annotations

import csv
import io
import json

from conftest import event

from treatymap.cli import main
from treatymap.exports import STATUS_COLUMNS

EVENTS = [
    event("AAA", "signature", "1997-12-03"),
    event("AAA", "ratification", "1998-07-01"),
    event("AAA", "withdrawal_announced", "2025-03-18"),
    event("AAA", "withdrawal_deposited", "2025-06-27"),
    event("BBB", "signature", "1997-12-04"),
]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_check_passes_on_valid_data(make_data):
    code, out = run("check", "--data-dir", str(make_data(events=EVENTS)))
    assert code == 0
    first, warning = out.strip().splitlines()
    assert first == "ok: 3 states, 5 events, 0 corroborations, 1 sources"
    assert warning.startswith("warning: 3 legal-date event(s) rest on a single source")


def test_check_prints_every_problem_and_exits_1(make_data, capsys):
    bad = [*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}, {**EVENTS[1], "date": "01/07/1998"}]
    code, _ = run("check", "--data-dir", str(make_data(events=bad)))
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert any(line.startswith("events.csv:7: state 'ZZZ'") for line in err)
    assert any(line.startswith("events.csv:8: column 'date' is '01/07/1998'") for line in err)
    assert err[-1] == "2 problem(s) found; the data was not used"


def test_status_csv_has_one_row_per_state(make_data):
    code, out = run("status", "--date", "2025-07-01", "--data-dir", str(make_data(events=EVENTS)))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert tuple(rows[0]) == STATUS_COLUMNS
    assert [(r["iso3"], r["status"], r["bound"], r["since"]) for r in rows] == [
        ("AAA", "withdrawal_pending", "true", "2025-06-27"),
        ("BBB", "signatory", "false", "1997-12-04"),
        ("CCC", "not_party", "false", ""),
    ]
    assert rows[0]["note"] == "Withdrawal announced on 18 March 2025"


def test_status_json(make_data):
    code, out = run(
        "status",
        "--date",
        "2026-01-01",
        "--format",
        "json",
        "--data-dir",
        str(make_data(events=EVENTS)),
    )
    rows = json.loads(out)
    assert code == 0
    assert rows[0] == {
        "iso3": "AAA",
        "name": "Aland",
        "status": "withdrawn",
        "bound": False,
        "note": "",
        "since": "2025-12-27",
    }


def test_status_refuses_invalid_data(make_data, capsys):
    bad = [*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}]
    code, out = run("status", "--date", "2025-01-01", "--data-dir", str(make_data(events=bad)))
    assert (code, out) == (1, "")
    assert "events.csv:7: state 'ZZZ' is not in states.csv" in capsys.readouterr().err


def test_history_lists_events_with_sources(make_data):
    code, out = run("history", "aaa", "--data-dir", str(make_data(events=EVENTS)))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Aland (AAA): 4 event(s)"
    assert lines[1] == "1997-12-03  Signature"
    assert "https://example.org/source" in out
