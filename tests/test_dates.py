"""Calendar arithmetic of Articles 17 and 20, and dates written in prose."""

from datetime import date

import pytest

from treatymap.dates import add_months, first_day_of_month_after, mentions_date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 6, 27), 6, date(2025, 12, 27)),  # the Baltic withdrawals
        (date(2025, 7, 10), 6, date(2026, 1, 10)),  # across a year end
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # no 31 February: last day of the month
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2000, 2, 29), date(2000, 8, 1)),  # Albania: deposit 29 February 2000
        (date(1998, 9, 16), date(1999, 3, 1)),
        (date(2011, 9, 13), date(2012, 3, 1)),
        (date(1999, 12, 1), date(2000, 6, 1)),
    ],
)
def test_first_day_of_sixth_month_after(deposit, expected):
    assert first_day_of_month_after(deposit, 6) == expected


@pytest.mark.parametrize(
    "text",
    [
        "signed the Mine Ban Treaty on 8 September 1998 and",
        "On September 8, 1998, it signed",
        "signé le 8 septembre 1998",
        "ondertekend op 8 september 1998",
        "dnia 8 września 1998 r.",
        "vahvisti päätöksen 8. syyskuuta 1998.",
        "Mit der Ratifizierung am 8. September 1998",
        "Date of deposit: 08/09/1998",
        "deposited 1998-09-08",
        "on 8\u00a0September 1998",
    ],
)
def test_mentions_date_recognises_common_forms(text):
    assert mentions_date(text, date(1998, 9, 8))


@pytest.mark.parametrize(
    "text",
    [
        "signed on 18 September 1998",  # another day that ends in 8
        "signed on 8 September 1999",  # another year
        "signed on 8 October 1998",  # another month
        "signed in September 1998",  # no day at all
        "signed on 8 September",  # no year
    ],
)
def test_mentions_date_rejects_other_dates(text):
    assert not mentions_date(text, date(1998, 9, 8))
