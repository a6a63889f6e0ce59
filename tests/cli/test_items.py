"""Parsing SKU=QTY and SKU=QTY@YYYY-MM-DD arguments."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from app.cli.items import SkuQuantity, sku_quantity, sku_quantity_date


@pytest.mark.parametrize(("text", "expected"), [
    ("85123A=6", SkuQuantity("85123A", 6)),
    ("85123A=0", SkuQuantity("85123A", 0)),
    (" 85123A = 12 ", SkuQuantity("85123A", 12)),
    ("GIFT SET=2", SkuQuantity("GIFT SET", 2)),
    ("A=B=3", SkuQuantity("A=B", 3)),
])
def test_sku_quantity_forms(text: str, expected: SkuQuantity) -> None:
    assert sku_quantity(text) == expected


def test_sku_quantity_rejects_date() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="no whole number of units"):
        sku_quantity("85123A=6@2024-06-30")


def test_sku_quantity_date_with_date() -> None:
    assert sku_quantity_date("85123A=6@2024-06-30") == SkuQuantity("85123A", 6,
                                                                  date(2024, 6, 30))


def test_sku_quantity_date_without_date() -> None:
    assert sku_quantity_date("85123A=6") == SkuQuantity("85123A", 6, None)


@pytest.mark.parametrize("text", ["85123A=6@2024-6-30", "85123A=6@20240630",
                                  "85123A=6@2024-06-31"])
def test_sku_quantity_date_invalid(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        sku_quantity_date(text)
