"""The command line, called in-process: exit codes and output of ``check`` (with the
single-source warning), ``status`` (any treaty, CSV or JSON), ``history`` (every treaty) and
``export`` (the snapshot, the SVG card, the PNG), on the tiny fixtures and the small world."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import SECOND_SOURCE, SOURCE, add_corroborations, corroboration, event

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


# --- check -------------------------------------------------------------------------------


def test_check_passes_on_valid_data_and_counts_single_source_events(make_data):
    code, out = run("check", "--data-dir", str(make_data(events=EVENTS)))
    assert code == 0
    first, warning = out.strip().splitlines()
    assert first == "ok: 3 states, 5 events, 0 corroborations, 1 sources"
    # Two signatures, a ratification and a withdrawal fix legal dates; the announcement not.
    assert warning.startswith("warning: 4 legal-date event(s) rest on a single source")


def test_check_lists_single_source_events_on_request(make_data):
    directory = make_data(events=EVENTS, sources=[SOURCE, SECOND_SOURCE])
    add_corroborations(directory, [corroboration("AAA", "ratification", "1998-07-01")])
    code, out = run("check", "--single-source", "--data-dir", str(directory))
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0] == "ok: 3 states, 5 events, 1 corroborations, 2 sources"
    assert lines[1].startswith("warning: 3 legal-date event(s)")
    assert lines[2:] == [
        "  events.csv:2: ottawa AAA signature 1997-12-03",
        "  events.csv:5: ottawa AAA withdrawal_deposited 2025-06-27",
        "  events.csv:6: ottawa BBB signature 1997-12-04",
    ]


def test_check_prints_every_problem_and_exits_1(make_data, capsys):
    bad = [*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}, {**EVENTS[1], "date": "01/07/1998"}]
    code, _ = run("check", "--data-dir", str(make_data(events=bad)))
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert any(line.startswith("events.csv:7: state 'ZZZ'") for line in err)
    assert any(line.startswith("events.csv:8: column 'date' is '01/07/1998'") for line in err)
    assert err[-1] == "2 problem(s) found; the data was not used"


# --- status ------------------------------------------------------------------------------


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
    assert {r["treaty_id"] for r in rows} == {"ottawa"}  # the first treaty by default


def test_status_json(make_data):
    directory = str(make_data(events=EVENTS))
    code, out = run("status", "--date", "2026-01-01", "--format", "json", "--data-dir", directory)
    rows = json.loads(out)
    assert code == 0
    assert rows[0] == {
        "treaty_id": "ottawa",
        "iso3": "AAA",
        "name": "Aland",
        "status": "withdrawn",
        "status_label": "Withdrawn (no longer bound)",
        "bound": False,
        "since": "2025-12-27",
        "note": "",
        "border_state": False,  # no Russia or Belarus in this fixture
    }


def test_status_of_the_third_treaty(make_world):
    """Under TRI on 15 April 2025: EST's withdrawal (received 15 January) takes effect, POL is
    bound since 1 May 2002; EST, NOR and POL are on the border."""
    code, out = run(
        "status", "--date", "2025-04-15", "--treaty", "tri", "--data-dir", str(make_world())
    )
    assert code == 0
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
    assert {r["treaty_id"] for r in rows.values()} == {"tri"}
    assert (rows["EST"]["status"], rows["EST"]["since"]) == ("withdrawn", "2025-04-15")
    assert (rows["POL"]["status"], rows["POL"]["since"]) == ("state_party", "2002-05-01")
    assert {c for c, r in rows.items() if r["border_state"] == "true"} == {"EST", "NOR", "POL"}
    assert list(rows) == sorted(rows, key=lambda c: rows[c]["name"])


def test_an_unknown_treaty_is_a_usage_error(make_world, capsys):
    code, out = run(
        "status", "--date", "2025-04-15", "--treaty", "nato", "--data-dir", str(make_world())
    )
    assert (code, out) == (2, "")
    assert "error: treaty 'nato' is not one of [ottawa, ccm, tri]" in capsys.readouterr().err


def test_status_refuses_invalid_data(make_data, capsys):
    bad = [*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}]
    code, out = run("status", "--date", "2025-01-01", "--data-dir", str(make_data(events=bad)))
    assert (code, out) == (1, "")
    assert "events.csv:7: state 'ZZZ' is not in states.csv" in capsys.readouterr().err


# --- history -----------------------------------------------------------------------------


def test_history_lists_events_with_sources(make_data):
    code, out = run("history", "aaa", "--data-dir", str(make_data(events=EVENTS)))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Aland (AAA), Ottawa Convention: 4 event(s)"
    assert lines[1] == "1997-12-03  Signature"
    assert lines[2] == '    "AAA signature on 3 December 1997."'
    assert "https://example.org/source" in out


def test_history_shows_every_treaty(make_world):
    code, out = run("history", "EST", "--data-dir", str(make_world()))
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("Estonia (EST), ")]
    assert headings == [
        # five of its own and France's objection concerning it
        "Estonia (EST), Ottawa Convention: 6 event(s)",
        "Estonia (EST), Convention on Cluster Munitions: 0 event(s)",
        "Estonia (EST), Treaty of Trial: 3 event(s)",
    ]
    assert "2025-10-17  Objection lodged with the Depositary (concerning Estonia) [France]" in out


def test_history_of_one_treaty(make_world):
    code, out = run("history", "EST", "--treaty", "tri", "--data-dir", str(make_world()))
    assert code == 0
    assert out.splitlines()[0] == "Estonia (EST), Treaty of Trial: 3 event(s)"
    assert "Ottawa" not in out and "2025-06-27" not in out


def test_history_of_an_unknown_state_is_a_usage_error(make_world, capsys):
    code, _ = run("history", "ZZZ", "--data-dir", str(make_world()))
    assert code == 2
    assert "error: 'ZZZ' is not a state code in states.csv" in capsys.readouterr().err


# --- export ------------------------------------------------------------------------------


@pytest.fixture
def world(make_world, monkeypatch):
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    return str(make_world())


def paths(text: str) -> dict[str, str]:
    return dict(re.findall(r'<path data-iso3="([A-Z]{3})" class="([^"]*)"', text))


def test_export_writes_the_snapshot_of_the_treaty(world, tmp_path):
    target = tmp_path / "view.html"
    code, out = run(
        "export", "--date", "2025-04-15", "--treaty", "tri", "--country", "est",
        "--focus", "europe", "--base-url", "https://treatymap.example.org/",
        "--out", str(target), "--data-dir", world,
    )  # fmt: skip
    assert code == 0
    assert out.startswith(f"wrote {target} (")
    text = target.read_text(encoding="utf-8")
    assert "<h1>Who is bound by the Treaty of Trial</h1>" in text
    assert paths(text)["EST"] == "withdrawn"
    link = (
        "https://treatymap.example.org/?treaty=tri&amp;date=2025-04-15&amp;country=EST"
        "&amp;focus=europe"
    )
    assert f'href="{link}"' in text
    assert "The withdrawal of Estonia took effect that day." in text
    assert re.search(r"Data version [0-9a-f]{12}\.", text)
    assert "(accessed 22 November 2026)." in text  # TREATYMAP_TODAY


def test_export_without_a_treaty_uses_the_first_and_leaves_it_out_of_the_link(world, tmp_path):
    target = tmp_path / "view.html"
    code, _ = run(
        "export", "--date", "2025-12-27", "--base-url", "https://t.example.org/",
        "--out", str(target), "--data-dir", world,
    )  # fmt: skip
    text = target.read_text(encoding="utf-8")
    assert code == 0
    assert "<h1>Who is bound by the Ottawa Convention</h1>" in text
    assert 'href="https://t.example.org/?date=2025-12-27"' in text


def test_export_svg_and_png(world, tmp_path):
    svg, png = tmp_path / "card.svg", tmp_path / "card.png"
    common = ("--date", "2025-04-15", "--treaty", "tri", "--data-dir", world)
    assert run("export", *common, "--format", "svg", "--out", str(svg))[0] == 0
    assert "Who is bound by the Treaty of Trial?" in svg.read_text(encoding="utf-8")
    assert run("export", *common, "--format", "png", "--out", str(png))[0] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_refuses_invalid_data(make_data, tmp_path, capsys):
    directory = make_data(events=[*EVENTS, {**EVENTS[0], "iso3": "ZZZ"}])
    target = tmp_path / "view.html"
    code, out = run(
        "export", "--date", "2025-12-27", "--out", str(target), "--data-dir", str(directory)
    )
    err = capsys.readouterr().err
    assert (code, out) == (1, "")
    assert "state 'ZZZ' is not in states.csv" in err
    assert err.splitlines()[-1] == "1 problem(s) found; the data was not used"
    assert not target.exists()


def test_export_bad_country_folder_or_treaty_is_exit_2(world, tmp_path, capsys):
    target = tmp_path / "view.html"
    code, _ = run(
        "export", "--date", "2025-12-27", "--country", "ZZZ", "--out", str(target),
        "--data-dir", world,
    )  # fmt: skip
    assert code == 2
    assert "error: 'ZZZ' is not a state code in states.csv" in capsys.readouterr().err
    code, _ = run(
        "export", "--date", "2025-12-27", "--out", str(tmp_path / "no" / "view.html"),
        "--data-dir", world,
    )  # fmt: skip
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
    code, _ = run(
        "export", "--date", "2025-12-27", "--treaty", "ccm2", "--out", str(target),
        "--data-dir", world,
    )  # fmt: skip
    assert code == 2
    assert "treaty 'ccm2' is not one of" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["--date", "2025-13-01"],
        ["--date", "2025-12-27", "--focus", "moon"],
        ["--date", "2025-12-27", "--format", "pdf"],
    ],
)
def test_export_bad_date_focus_or_format_is_exit_2(world, tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        run("export", *argv, "--out", str(tmp_path / "v.html"), "--data-dir", world)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "is not a date in the form YYYY-MM-DD" in err or "invalid choice" in err


def test_export_works_on_data_without_russia_or_belarus(make_data, tmp_path, monkeypatch):
    """The reference states are this dashboard's, not the data's: a record without them still
    exports (no border table rows for them, no crash)."""
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    target = tmp_path / "view.html"
    code, _ = run(
        "export", "--date", "2025-12-27", "--focus", "world", "--out", str(target),
        "--data-dir", str(make_data(events=EVENTS)),
    )  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>")
    assert paths(text) == {"AAA": "withdrawn", "BBB": "signatory", "CCC": "not_party"}
