"""The plain-words explanation names the dates and the article for each status."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import event

from treatymap.data import read_record
from treatymap.explain import explain
from treatymap.status import legal_dates, status_on

EVENTS = [
    event("AAA", "signature", "1997-12-03"),
    event("AAA", "ratification", "2000-02-29"),
    event("AAA", "withdrawal_deposited", "2025-06-27"),
]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("1997-12-01", ["neither signed"]),
        ("1998-01-01", ["signed on 3 December 1997", "not bound"]),
        ("2000-03-01", ["29 February 2000", "1 August 2000", "Article 17.2"]),
        ("2010-01-01", ["bound", "1 August 2000"]),
        ("2025-07-01", ["still bound until", "27 December 2025", "Article 20.2"]),
        ("2026-01-01", ["no longer bound", "27 December 2025", "27 June 2025"]),
    ],
)
def test_explanations(make_data, day, words):
    record, _ = read_record(make_data(events=EVENTS))
    legal = legal_dates(record, "ottawa")["AAA"]
    text = explain(legal, status_on(legal, date.fromisoformat(day)), record.treaties["ottawa"])
    for word in words:
        assert word in text
