import datetime

import pytest
from django.core.exceptions import ValidationError

from sillon.catalogue.periods import parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))),
        ("2024-S1", ("2024-S1", datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))),
        ("2024-S2", ("2024-S2", datetime.date(2024, 7, 1), datetime.date(2024, 12, 31))),
        # One period, one name: a range that is a whole year or semester is named so.
        (
            "2025-01-01..2025-12-31",
            ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        ),
        (
            "2025-07-01..2025-12-31",
            ("2025-S2", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        ),
        (
            "2024-07-01..2025-06-30",
            ("2024-07-01..2025-06-30", datetime.date(2024, 7, 1), datetime.date(2025, 6, 30)),
        ),
    ],
)
def test_periods_of_the_catalogue_are_read(text, expected):
    period = parse_period(text)
    assert (period.id, period.start, period.end) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2025-S3",
        "31/12/2025",
        "0000",
        "0000-S1",
        "2025-02-30..2025-03-01",
        "2025-12-31..2025-01-01",
        "9999-01-01..9999-12-31",
    ],
)
def test_anything_else_is_refused_with_a_clear_error(text):
    with pytest.raises(ValidationError) as error:
        parse_period(text)
    assert error.value.code == "period"
