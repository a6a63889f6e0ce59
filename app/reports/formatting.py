"""Text for the numbers and dates printed on documents.

Amounts print without thousands separators, as ``1234.50``, the same form
the command line's JSON uses, so a number can be searched for in a PDF.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")
# Supplier prices of cheap goods often carry three or four decimals.
_UNIT_COST_STEP = Decimal("0.0001")


def format_money(amount: Decimal) -> str:
    """Format ``amount`` with exactly two decimals, rounding half up."""
    return f"{amount.quantize(_CENT, rounding=ROUND_HALF_UP):f}"


def format_money_with_currency(amount: Decimal, currency: str) -> str:
    """Format ``amount`` with two decimals followed by the currency code."""
    return f"{format_money(amount)} {currency}"


def format_unit_cost(cost: Decimal) -> str:
    """Format a unit cost with two decimals, or up to four when it has them.

    A cost of 0.055 prints as ``0.055`` rather than ``0.06``, so the printed
    unit cost times the quantity still matches the printed amount.
    """
    rounded = cost.quantize(_UNIT_COST_STEP, rounding=ROUND_HALF_UP)
    if rounded == rounded.quantize(_CENT):
        return format_money(rounded)
    return f"{rounded:f}".rstrip("0")


def format_date(value: date) -> str:
    """Format a date as ISO 8601 (``2024-05-31``), which no locale reads differently."""
    return value.strftime("%Y-%m-%d")


def format_datetime(value: datetime) -> str:
    """Format a timestamp to the minute, as ``2024-05-31 14:05``, in its own time zone."""
    return value.strftime("%Y-%m-%d %H:%M")
