"""Calendar arithmetic of the articles on entry into force and withdrawal, dates written in
prose in the sources' languages (checked against the cited day), month names, and the dates a
reader types; plus TREATYMAP_TODAY, the one way a test pins today."""

from datetime import date

import pytest

from treatymap.dates import (
    add_months,
    first_day_of_month_after,
    mentions_date,
    month_of,
    parse_typed_date,
    today,
)


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
    ("deposit", "expected"),
    [
        (date(2002, 2, 2), date(2002, 5, 1)),  # the Treaty of Trial's three months
        (date(2002, 11, 30), date(2003, 2, 1)),  # across a year end
        (date(2025, 1, 15), date(2025, 4, 1)),
    ],
)
def test_first_day_of_third_month_after(deposit, expected):
    assert first_day_of_month_after(deposit, 3) == expected


def test_add_three_months():
    assert add_months(date(2025, 1, 15), 3) == date(2025, 4, 15)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


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


# The same day in the sources' own languages: the grammatical forms (genitive, locative) the
# text uses, not the dictionary form.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Seimas 2024 m. liepos 18 d. priėmė įstatymą", date(2024, 7, 18)),  # Lithuanian
        ("Saeima 2025. gada 16. aprīlī pieņēma", date(2025, 4, 16)),  # Latvian
        ("Riigikogu võttis 4. juunil 2025 vastu", date(2025, 6, 4)),  # Estonian
        ("Верховна Рада 18 липня 2024 року ухвалила", date(2024, 7, 18)),  # Ukrainian
        ("Закон від 18 липня 2024 р.", date(2024, 7, 18)),  # Ukrainian, abbreviated year
        ("Федеральный закон от 18 июля 2024 г.", date(2024, 7, 18)),  # Russian
        ("донесен на 27 јуни 2025 година", date(2025, 6, 27)),  # Macedonian
        ("Az Országgyűlés 2025. június 27. napján", date(2025, 6, 27)),  # Hungarian
        ("Belarus  03-Sep-03  Accession", date(2003, 9, 3)),  # a depositary table row
        ("Norway 03-Dec-08 03-Dec-08", date(2008, 12, 3)),
        ("dne 27. června 2025", date(2025, 6, 27)),  # Czech, June
        ("dne 27. července 2025", date(2025, 7, 27)),  # Czech, July
        ("1er mars 1999", date(1999, 3, 1)),
        ("2024年7月18日", date(2024, 7, 18)),
    ],
)
def test_mentions_date_in_the_sources_languages(text, day):
    assert mentions_date(text, day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Seimas 2024 m. liepos 19 d. priėmė", date(2024, 7, 18)),  # wrong day
        ("Saeima 2025. gada 16. martā", date(2025, 4, 16)),  # wrong month
        ("Riigikogu võttis 4. juunil 2024 vastu", date(2025, 6, 4)),  # wrong year
        ("Верховна Рада 18 червня 2024 року", date(2024, 7, 18)),  # June, not July
        ("от 18 июля 2025 г.", date(2024, 7, 18)),
        ("2025. július 27.", date(2025, 6, 27)),
        ("Belarus 03-Sep-04 Accession", date(2003, 9, 3)),  # 2004, not 2003
        ("Belarus 13-Sep-03 Accession", date(2003, 9, 3)),
        ("dne 27. července 2025", date(2025, 6, 27)),  # July is not June
        ("dne 27. června 2025", date(2025, 7, 27)),
    ],
)
def test_mentions_date_rejects_a_wrong_day_month_or_year(text, day):
    assert not mentions_date(text, day)


@pytest.mark.parametrize(
    ("word", "months"),
    [
        ("června", {6}),  # Czech June (genitive) ...
        ("července", {7}),  # ... and July: one stem apart
        ("jūnijā", {6}),
        ("liepos", {7}),
        ("Sept.", {9}),
        ("listopad", {10, 11}),  # Croatian October, Polish and Czech November
        ("treaty", set()),
        ("", set()),
    ],
)
def test_month_of(word, months):
    assert month_of(word) == months


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2025-12-27", date(2025, 12, 27)),
        ("2025-1-5", date(2025, 1, 5)),
        ("27 December 2025", date(2025, 12, 27)),
        ("  27 Dec 2025  ", date(2025, 12, 27)),
        ("December 27, 2025", date(2025, 12, 27)),
        ("27/12/2025", date(2025, 12, 27)),  # day first
        ("27.12.2025", date(2025, 12, 27)),
        ("27 grudnia 2025", date(2025, 12, 27)),
        ("27 décembre 2025", date(2025, 12, 27)),
    ],
)
def test_parse_typed_date_forms(typed, expected):
    assert parse_typed_date(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "2025-02-30",  # no such day
        "31/02/2025",
        "12/27/2025",  # month first is not read
        "1 listopad 2025",  # October or November: refused, not guessed
        "27 Dec",  # no year
        "2025",
        "tomorrow",
        "27 XYZ 2025",
        "",
        "9" * 10_000,
    ],
)
def test_parse_typed_date_refuses_anything_else(typed):
    assert parse_typed_date(typed) is None


def test_today_can_be_pinned_and_ignores_an_unreadable_value(monkeypatch):
    import treatymap.dates

    class Clock(date):
        """The machine's clock, stopped on a day no pin uses."""

        @classmethod
        def today(cls):
            return cls(2001, 2, 3)

    monkeypatch.setattr(treatymap.dates, "date", Clock)
    monkeypatch.setenv("TREATYMAP_TODAY", "2026-11-22")
    assert today() == date(2026, 11, 22)
    monkeypatch.setenv("TREATYMAP_TODAY", "next tuesday")
    assert today() == date(2001, 2, 3)
    monkeypatch.delenv("TREATYMAP_TODAY")
    assert today() == date(2001, 2, 3)


@pytest.mark.parametrize("lang", ["en", "pl", "fi", "et", "lv", "lt", "uk", "ru"])
def test_a_day_as_the_page_writes_it_in_each_language_is_read_back(lang):
    """The typed-day box shows the day in the reader's language; Enter reads it back, every
    month of the year (inflected month names included)."""
    from treatymap.i18n import words_for

    w = words_for(lang)
    for month in range(1, 13):
        day = date(2025, month, 27 if month != 2 else 28)
        assert parse_typed_date(w.date(day), lang) == day, w.date(day)
