"""The automatic text summary of a view."""

from __future__ import annotations

from datetime import date

from treatymap.data import load_dataset
from treatymap.status import StateStatus, statuses_on
from treatymap.summary import view_summary
from treatymap.vocab import Status

NAMES = {"AAA": "Aland", "BBB": "Bland", "CCC": "Cland"}


def test_summary_names_withdrawals_that_take_effect_that_day():
    day = date(2025, 12, 27)
    statuses = [
        StateStatus("AAA", Status.WITHDRAWN, day),
        StateStatus("BBB", Status.WITHDRAWN, day),
        StateStatus("CCC", Status.STATE_PARTY, date(1999, 3, 1)),
    ]
    assert view_summary(statuses, ["AAA", "BBB"], NAMES, day) == (
        "On 27 December 2025, 1 state is bound by the Convention. Of the 2 states bordering "
        "Russia or Belarus, 0 are bound; Aland's and Bland's withdrawals took effect that day."
    )


def test_summary_mentions_pending_withdrawals():
    day = date(2025, 7, 1)
    statuses = [
        StateStatus("AAA", Status.WITHDRAWAL_PENDING, date(2025, 6, 27)),
        StateStatus("BBB", Status.STATE_PARTY, date(1999, 3, 1)),
        StateStatus("CCC", Status.NOT_PARTY, None),
    ]
    text = view_summary(statuses, ["AAA", "CCC"], NAMES, day)
    assert text.startswith("On 1 July 2025, 2 states are bound by the Convention.")
    assert "Of the 2 states bordering Russia or Belarus, 1 is bound." in text
    assert text.endswith("Aland remains bound until its withdrawal takes effect.")


def test_summary_on_the_real_data_on_the_day_the_baltic_withdrawals_took_effect():
    ds = load_dataset()
    day = date(2025, 12, 27)
    frontline = ["NOR", "FIN", "EST", "LVA", "LTU", "POL", "UKR", "GEO", "AZE", "KAZ", "CHN"]
    frontline += ["MNG", "PRK"]
    text = view_summary(
        statuses_on(ds.record, day, "ottawa"), frontline, ds.record.state_names(), day
    )
    assert text.startswith("On 27 December 2025, 163 states are bound by the Convention.")
    assert "Estonia's, Latvia's and Lithuania's withdrawals took effect that day" in text
    assert "Finland and Poland remain bound" in text
