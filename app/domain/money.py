"""Rounding money to the penny, the same way everywhere."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal) -> Decimal:
    """Round to the penny, halves away from zero, as invoices and price lists do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(unit_price: Decimal, quantity: int) -> Decimal:
    """Return the amount of ``quantity`` units at ``unit_price``, rounded per line."""
    return cents(unit_price * quantity)
