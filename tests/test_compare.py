"""The changelog between two dates."""

from __future__ import annotations

import csv
import io
from datetime import date

from treatymap.compare import changes_between, changes_csv
from treatymap.data import load_dataset
from treatymap.status import legal_dates
from treatymap.vocab import Status


def real():
    ds = load_dataset()
    return ds.record, legal_dates(ds.record, "ottawa")


def test_the_baltic_withdrawals_in_plain_words():
    record, dates = real()
    changes = changes_between(record, dates, date(2025, 12, 26), date(2025, 12, 27))
    assert [c.iso3 for c in changes] == ["EST", "LVA", "LTU"]
    assert changes[0].sentence() == (
        "Estonia: withdrawal pending → withdrawn, effective 27 December 2025, six months after "
        "depositing its withdrawal on 27 June 2025 (Article 20.2)"
    )
    assert "27 December 2025" in changes[0].evidence.excerpt


def test_a_year_of_changes_in_either_order():
    record, dates = real()
    forward = changes_between(record, dates, date(2025, 1, 1), date(2026, 3, 1))
    backward = changes_between(record, dates, date(2026, 3, 1), date(2025, 1, 1))
    assert forward == backward
    by_state = {c.iso3: c for c in forward}
    assert by_state["POL"].before is Status.STATE_PARTY
    assert by_state["POL"].after is Status.WITHDRAWN
    assert by_state["POL"].effective == date(2026, 2, 20)
    assert by_state["MHL"].after is Status.STATE_PARTY  # ratified 12 March 2025
    assert "UKR" not in by_state  # a declared suspension changes no status


def test_no_change_on_the_same_day():
    record, dates = real()
    assert changes_between(record, dates, date(2025, 6, 1), date(2025, 6, 1)) == []


def test_changelog_csv():
    record, dates = real()
    changes = changes_between(record, dates, date(2026, 1, 9), date(2026, 1, 10))
    rows = list(csv.DictReader(io.StringIO(changes_csv(changes, record))))
    assert [(r["iso3"], r["before"], r["after"], r["effective"]) for r in rows] == [
        ("FIN", "withdrawal_pending", "withdrawn", "2026-01-10")
    ]
    assert rows[0]["source_url"].startswith("http")
