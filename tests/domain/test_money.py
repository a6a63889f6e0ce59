"""Line amounts with customer discounts, rounded half-up to the penny."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.domain.money import check_discount, line_amount


@pytest.mark.parametrize(
    ("price", "quantity", "discount", "amount"),
    [("40.00", 1, "10", "36.00"), ("9.99", 3, "12.5", "26.22"), ("0.05", 1, "50", "0.03"),
     ("2.55", 12, "0", "30.60"), ("120.00", 2, "100", "0.00"), ("0.085", 3, "0", "0.26")],
)
def test_line_amount_discount_rounds_half_up(price: str, quantity: int, discount: str,
                                            amount: str) -> None:
    assert line_amount(Decimal(price), quantity, Decimal(discount)) == Decimal(amount)


def test_line_amount_without_discount() -> None:
    assert line_amount(Decimal("25.00"), 3) == Decimal("75.00")


@pytest.mark.parametrize("percent", ["0", "10", "12.50", "100"])
def test_check_discount_accepts(percent: str) -> None:
    assert check_discount(Decimal(percent), "The discount") == Decimal(percent)


@pytest.mark.parametrize(
    ("percent", "message"),
    [("-1", "from 0 to 100, not -1"), ("100.01", "from 0 to 100, not 100.01"),
     ("12.505", "at most two decimals"), ("NaN", "at most two decimals")],
)
def test_check_discount_rejects(percent: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_discount(Decimal(percent), "The discount of line 1 (P-100)")
