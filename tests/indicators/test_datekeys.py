"""The anniversary rule of docs/spec/indicators.md and the last start date that reaches it by A."""

import datetime

import pytest

from sillon.indicators.datekeys import anniversary, last_start_reaching

D = datetime.date


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2024, 5, 1), 1, D(2025, 5, 1)),
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # 28 February even in a leap year
        (D(2024, 12, 31), 2, D(2026, 12, 31)),
    ],
)
def test_anniversary(day, years, expected):
    assert anniversary(day, years) == expected


@pytest.mark.parametrize(
    ("as_of", "years", "expected"),
    [
        (D(2025, 12, 31), 1, D(2024, 12, 31)),
        (D(2025, 2, 28), 1, D(2024, 2, 29)),  # 29 Feb 2024 → 28 Feb 2025
        (D(2025, 2, 27), 1, D(2024, 2, 27)),
        (D(2024, 2, 29), 1, D(2023, 2, 28)),
        (D(2028, 2, 28), 4, D(2024, 2, 29)),
        (D(2028, 2, 29), 4, D(2024, 2, 29)),  # 1 March 2024 → 1 March 2028, after A
        (D(2025, 3, 1), 3, D(2022, 3, 1)),
    ],
)
def test_last_start_reaching(as_of, years, expected):
    assert last_start_reaching(as_of, years) == expected


@pytest.mark.parametrize("years", [1, 2, 3, 5])
def test_last_start_reaching_agrees_with_the_anniversaries_day_by_day(years):
    # Every start date around the threshold: reached by A exactly when on or before it.
    for as_of in [D(2024, 2, 28), D(2024, 2, 29), D(2025, 3, 1), D(2025, 12, 31)]:
        threshold = last_start_reaching(as_of, years)
        for shift in range(-3, 4):
            start = threshold + datetime.timedelta(days=shift)
            assert (anniversary(start, years) <= as_of) == (start <= threshold)
