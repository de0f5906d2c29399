"""The plain-words explanation: the dates and the article that decide each status, taken from
the treaty's own row (so the Treaty of Trial cites its Articles 11.1, 11.2 and 14.2 and counts
in months of three), and a caveat where the sources do not confirm or disagree on a day."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import WORLD_EVENTS, event

from treatymap.data import read_record
from treatymap.explain import explain
from treatymap.i18n import words_for
from treatymap.status import legal_dates, status_on

EVENTS = [
    event("AAA", "signature", "1997-12-03"),
    event("AAA", "ratification", "2000-02-29"),
    event("AAA", "withdrawal_deposited", "2025-06-27"),
]


def explained(record, treaty: str, iso3: str, day: str) -> str:
    legal = legal_dates(record, treaty)[iso3]
    events = record.events_of(treaty, iso3=iso3)
    return explain(
        legal, status_on(legal, date.fromisoformat(day)), record.treaties[treaty], events
    )


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("1997-12-01", ["neither signed the Convention", "not bound"]),
        ("1998-01-01", ["signed on 3 December 1997", "not bound", "Article 16"]),
        # deposit 29 February 2000 + the first day of the sixth month after = 1 August 2000
        ("2000-03-01", ["29 February 2000", "1 August 2000", "sixth month", "Article 17.2"]),
        ("2010-01-01", ["It is bound", "1 August 2000", "Article 17.2"]),
        ("2025-07-01", ["still bound until", "27 December 2025", "6 months", "Article 20.3"]),
        ("2026-01-01", ["no longer bound", "27 December 2025", "27 June 2025", "Article 20.3"]),
    ],
)
def test_ottawa_explanations(make_data, day, words):
    record, _ = read_record(make_data(events=EVENTS))
    text = explained(record, "ottawa", "AAA", day)
    for word in words:
        assert word in text


@pytest.fixture
def world(make_world):
    record, problems = read_record(make_world())
    assert problems == []
    return record


@pytest.mark.parametrize(
    ("iso3", "day", "words"),
    [
        # EST's ratification (15 June 2000) came before TRI's own entry into force.
        ("EST", "2000-07-01", ["ratification on 15 June 2000", "1 January 2001"]),
        (
            "EST",
            "2010-01-01",
            ["1 January 2001", "third month", "20th instrument", "Article 11.1"],
        ),
        # POL acceded 2 February 2002: the first day of the third month after = 1 May 2002.
        ("POL", "2002-03-01", ["2 February 2002", "1 May 2002", "third month", "Article 11.2"]),
        ("POL", "2010-01-01", ["It is bound", "1 May 2002", "Article 11.2"]),
        # EST's withdrawal received 15 January 2025 takes effect 3 months later.
        ("EST", "2025-02-01", ["15 April 2025", "3 months", "Article 14.2", "still bound"]),
        ("EST", "2025-05-01", ["no longer bound", "15 April 2025", "15 January 2025", "14.2"]),
        ("NOR", "2025-05-01", ["neither signed the Treaty"]),
    ],
)
def test_tri_explanations_cite_tris_own_articles_and_months(world, iso3, day, words):
    text = explained(world, "tri", iso3, day)
    for word in words:
        assert word in text
    for foreign in ("Article 17", "Article 20", "six months", "sixth", "Convention"):
        assert foreign not in text


@pytest.mark.parametrize("n", range(1, 13))
def test_ordinal_words_for_small_numbers(n):
    words = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    assert words_for("en").month_ordinal(n) == words.split()[n - 1]


@pytest.mark.parametrize(
    ("n", "expected"), [(13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"), (40, "40th")]
)
def test_ordinal_figures_beyond_twelve(n, expected):
    assert words_for("en").ordinal(n) == expected


@pytest.mark.parametrize(
    ("certainty", "caveat"),
    [
        ("unconfirmed", "The sources do not confirm the day given for the"),
        ("disputed", "Sources disagree on the day of the"),
        ("", None),
    ],
)
def test_an_uncertain_day_gets_a_caveat(make_data, certainty, caveat):
    events = [
        event("AAA", "signature", "1997-12-03"),
        event("AAA", "ratification", "2000-02-29", date_certainty=certainty),
    ]
    record, _ = read_record(make_data(events=events))
    text = explained(record, "ottawa", "AAA", "2000-03-01")
    if caveat is None:
        assert "sources" not in text.lower()
    else:
        assert caveat in text
        assert "deposit of the instrument of ratification (29 February 2000" in text


def test_a_caveat_names_only_the_uncertain_day(make_data):
    """An unconfirmed signature is not mentioned once the state is bound by its ratification."""
    events = [
        event("AAA", "signature", "1997-12-03", date_certainty="unconfirmed"),
        event("AAA", "ratification", "2000-02-29"),
    ]
    record, _ = read_record(make_data(events=events))
    assert "confirm" in explained(record, "ottawa", "AAA", "1998-01-01")
    assert "confirm" not in explained(record, "ottawa", "AAA", "2010-01-01")


def test_a_withdrawal_dated_only_by_its_effect_says_no_receipt_is_dated(make_data):
    events = [
        event("AAA", "signature", "1997-12-03"),
        event("AAA", "ratification", "1998-07-01"),
        event("AAA", "withdrawal_effective", "2025-12-27"),
    ]
    record, _ = read_record(make_data(events=events))
    text = explained(record, "ottawa", "AAA", "2026-01-01")
    assert "took effect on 27 December 2025" in text
    assert "No source seen dates the Depositary's receipt" in text
    assert not re.search(r"months after the Depositary received", text)


def test_a_withdrawal_deferred_by_an_armed_conflict_is_not_said_to_take_six_months(make_world):
    """EST deposits on 27 June 2025 while engaged in a conflict that ends 9 May 2027: the
    withdrawal takes effect that day, 22 months after receipt, not 6."""
    events = [
        e
        for e in WORLD_EVENTS
        if (e["treaty_id"], e["iso3"], e["event"]) != ("ottawa", "EST", "withdrawal_effective")
    ]
    events += [
        event("EST", "armed_conflict_began", "2024-02-24"),
        event("EST", "armed_conflict_ended", "2027-05-09"),
    ]
    record, _ = read_record(make_world(events=events))
    text = explained(record, "ottawa", "EST", "2027-06-01")
    assert "took effect on 9 May 2027" in text
    assert "6 months after" not in text
    assert "armed conflict" in text


def test_the_line_under_the_map_answers_for_the_selected_state(world):
    """One line per status, each naming the state, the treaty and the day that matters."""
    from treatymap.explain import status_line
    from treatymap.status import legal_dates, status_on

    record = world
    treaty = record.treaties["ottawa"]
    dates = legal_dates(record, "ottawa")

    def line(iso3, day):
        return status_line(
            record.state_names()[iso3], dates[iso3], status_on(dates[iso3], day), treaty
        )

    assert line("EST", date(2026, 1, 1)) == (
        "Estonia: no longer bound by the Ottawa Convention since 27 December 2025"
    )
    assert line("EST", date(2025, 7, 1)) == (
        "Estonia: still bound by the Ottawa Convention until its withdrawal takes effect on "
        "27 December 2025"
    )
    assert line("NOR", date(2026, 1, 1)) == (
        "Norway: bound by the Ottawa Convention since 1 March 1999"
    )
    assert (
        line("RUS", date(2026, 1, 1)) == "Russian Federation: not a party to the Ottawa Convention"
    )
    assert line("FRA", date(1998, 1, 1)) == (
        "France: signed the Ottawa Convention on 3 December 1997; not bound"
    )
