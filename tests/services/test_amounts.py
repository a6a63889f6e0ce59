"""Money amounts typed by people."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.services.context import parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12.5", "12.50"), ("12.50", "12.50"), (" 7 ", "7"), ("1,250.00", "1250.00"),
     ("1,234,567", "1234567")],
)
def test_parse_amount_accepts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [("12,50", "Use a point for decimals"), ("12.505", "to the penny"), ("twelve", "not an amount"),
     ("NaN", "to the penny"), ("1,25.00", "Use a point")],
)
def test_parse_amount_rejects(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_amount(text)
