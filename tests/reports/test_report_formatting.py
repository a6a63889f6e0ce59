"""Numbers and dates as the documents print them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.reports.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_money_with_currency,
    format_unit_cost,
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("25"), "25.00"),
        (Decimal("25.5"), "25.50"),
        (Decimal("1234567.891"), "1234567.89"),
        (Decimal("0.005"), "0.01"),
        (Decimal("2.675"), "2.68"),
        (Decimal("-3.1"), "-3.10"),
        (Decimal("0"), "0.00"),
        (Decimal("1E+3"), "1000.00"),
    ],
)
def test_money_two_decimals(amount: Decimal, expected: str) -> None:
    assert format_money(amount) == expected


def test_money_with_currency() -> None:
    assert format_money_with_currency(Decimal("9.9"), "GBP") == "9.90 GBP"


@pytest.mark.parametrize(
    ("cost", "expected"),
    [
        (Decimal("2.5"), "2.50"),
        (Decimal("0.055"), "0.055"),
        (Decimal("0.0425"), "0.0425"),
        (Decimal("0.04255"), "0.0426"),
        (Decimal("1.2000"), "1.20"),
        (Decimal("3"), "3.00"),
    ],
)
def test_unit_cost_keeps_needed_decimals(cost: Decimal, expected: str) -> None:
    assert format_unit_cost(cost) == expected


def test_dates_iso() -> None:
    assert format_date(date(2024, 1, 5)) == "2024-01-05"
    assert format_datetime(datetime(2024, 1, 5, 7, 3, 59)) == "2024-01-05 07:03"
