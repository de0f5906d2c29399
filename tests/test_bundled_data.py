"""The bundled data, tested for the facts a reader checks first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from shapely.geometry import Point

from treatymap.data import load_dataset, validate
from treatymap.geometry import frontline_states
from treatymap.status import legal_dates, status_on, statuses_on
from treatymap.vocab import Status


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def dates(dataset):
    return legal_dates(dataset.record, "ottawa")


def status(dates, iso3: str, day: str) -> Status:
    return status_on(dates[iso3], date.fromisoformat(day)).status


def test_bundled_data_passes_every_check():
    assert [str(p) for p in validate()[2]] == []


def test_all_197_states_that_can_take_part_are_listed(dataset):
    codes = {s.iso3 for s in dataset.record.states}
    assert len(codes) == 197
    assert {"VAT", "PSE", "COK", "NIU", "TUV", "NRU", "LIE", "SSD"} <= codes


def test_every_state_and_the_main_non_state_features_are_on_the_map(dataset):
    frame = dataset.boundaries
    participants = set(frame.loc[frame.participant, "iso3"])
    assert participants == {s.iso3 for s in dataset.record.states}
    others = set(frame.loc[~frame.participant, "iso3"])
    assert {"GRL", "ESH", "TWN", "XKX", "ATA"} <= others


def test_164_states_parties_at_the_start_of_2024(dataset):
    bound = [s for s in statuses_on(dataset.record, date(2024, 1, 1), "ottawa") if s.bound]
    assert len(bound) == 164


def test_russia_belarus_and_the_us(dates):
    assert status(dates, "RUS", "2026-01-01") is Status.NOT_PARTY
    assert status(dates, "USA", "2026-01-01") is Status.NOT_PARTY
    assert status(dates, "BLR", "2026-01-01") is Status.STATE_PARTY


@pytest.mark.parametrize(
    ("iso3", "deposited", "effective"),
    [
        ("EST", "2025-06-27", "2025-12-27"),
        ("LVA", "2025-06-27", "2025-12-27"),
        ("LTU", "2025-06-27", "2025-12-27"),
        ("FIN", "2025-07-10", "2026-01-10"),
        ("POL", "2025-08-20", "2026-02-20"),
    ],
)
def test_the_2025_withdrawals(dates, iso3, deposited, effective):
    one_day = timedelta(days=1)
    deposit, effect = date.fromisoformat(deposited), date.fromisoformat(effective)
    assert status(dates, iso3, (deposit - one_day).isoformat()) is Status.STATE_PARTY
    assert status(dates, iso3, deposited) is Status.WITHDRAWAL_PENDING
    assert status(dates, iso3, (effect - one_day).isoformat()) is Status.WITHDRAWAL_PENDING
    assert status(dates, iso3, effective) is Status.WITHDRAWN


def test_ukraine_remains_bound_with_a_political_note(dates):
    result = status_on(dates["UKR"], date(2026, 6, 1))
    assert result.status is Status.STATE_PARTY
    assert result.note is not None


def test_entry_into_force_of_the_convention(dates):
    assert dates["BFA"].entry_into_force == date(1999, 3, 1)  # Burkina Faso, the 40th
    assert status(dates, "CAN", "1999-02-28") is Status.RATIFIED_NOT_IN_FORCE
    assert status(dates, "CAN", "1999-03-01") is Status.STATE_PARTY


def test_land_neighbours_of_russia_and_belarus(dataset):
    front = frontline_states(dataset.boundaries)
    russia = [
        "NOR",
        "FIN",
        "EST",
        "LVA",
        "LTU",
        "POL",
        "UKR",
        "BLR",
        "GEO",
        "AZE",
        "KAZ",
        "CHN",
        "MNG",
        "PRK",
    ]
    assert front["RUS"] == sorted(russia)
    assert front["BLR"] == sorted(["POL", "LTU", "LVA", "UKR", "RUS"])


def test_borders_are_de_jure(dataset):
    frame = dataset.boundaries.set_index("iso3")
    simferopol, sevastopol, kaliningrad = (
        Point(34.10, 44.95),
        Point(33.52, 44.60),
        Point(20.51, 54.71),
    )
    assert frame.geometry["UKR"].contains(simferopol)
    assert frame.geometry["UKR"].contains(sevastopol)
    assert not frame.geometry["RUS"].contains(simferopol)
    assert frame.geometry["RUS"].contains(kaliningrad)
