"""Rounding money to the penny, the same way everywhere, and customer discounts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.domain.errors import InvalidInput
from app.i18n import _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    """Round to the penny, halves away from zero, as invoices and price lists do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(unit_price: Decimal, quantity: int, discount_percent: Decimal = ZERO) -> Decimal:
    """Return the amount of ``quantity`` units at ``unit_price`` less ``discount_percent``.

    The discount applies to the line's full amount and the result is rounded
    once, half-up to the penny: 3 units at 9.99 less 12.5 % is 26.22. A sales
    order line passes its customer discount; a purchase order line has none.
    """
    gross = unit_price * quantity
    if not discount_percent:
        return cents(gross)
    return cents(gross * (HUNDRED - discount_percent) / HUNDRED)


def check_discount(percent: Decimal, what: str) -> Decimal:
    """Return ``percent`` when it is a discount from 0 to 100 with at most two decimals.

    ``what`` names the line in the message, such as "The discount of line 2 (P-100)".
    """
    exponent = percent.as_tuple().exponent
    if not percent.is_finite() or not isinstance(exponent, int) or exponent < -2:
        raise InvalidInput(_("{what} must be a percent with at most two decimals, such as "
                             "12.50, not {value}.").format(what=what, value=percent))
    if percent < 0 or percent > HUNDRED:
        raise InvalidInput(_("{what} must be a percent from 0 to 100, not {value}.").format(
            what=what, value=percent))
    return percent
