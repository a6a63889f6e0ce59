"""Allocation and tolerance arithmetic over plain integers.

Each sales order line is supplied from two sources: units reserved from free
stock and units bought on purchase order lines through the allocation ledger.
Per line, ``ordered = from_stock + on_order + still_to_source + cancelled``
is true at every moment. :class:`LineFigures` computes ``still_to_source``
from the others, and :func:`check_line` rejects figures that break the rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.states import SOStatus
from app.i18n import _


class Sourcing(StrEnum):
    """The supply choice of an SO line: from stock, back-to-back, or both."""

    AUTO = "auto"  # reserve what free stock there is, buy the rest
    STOCK = "stock"  # reserve from stock only; the rest waits for stock
    BACK_TO_BACK = "back_to_back"  # buy everything for this order


@dataclass(frozen=True)
class LineFigures:
    """The quantities of one SO line, each summed from the line's own rows.

    ``from_stock`` counts units reserved from free stock, shipped or not.
    ``on_order`` counts units on ledger rows of purchase orders that are not
    cancelled. ``received`` and ``shipped`` are subsets of those two.
    """

    ordered: int
    cancelled: int
    from_stock: int
    on_order: int
    confirmed: int
    received: int
    shipped: int
    on_unsent_po: int = 0

    @property
    def needed(self) -> int:
        """Units the customer still wants in all: ordered less cancelled."""
        return self.ordered - self.cancelled

    @property
    def still_to_source(self) -> int:
        return self.ordered - self.cancelled - self.from_stock - self.on_order

    @property
    def available(self) -> int:
        """Units in the warehouse for this line: reserved stock plus receipts."""
        return self.from_stock + self.received

    @property
    def ready_to_ship(self) -> int:
        return self.available - self.shipped

    @property
    def outstanding(self) -> int:
        """Units not yet shipped of what the customer still wants."""
        return self.needed - self.shipped


def check_line(figures: LineFigures) -> None:
    """Raise AssertionError when the figures break the ledger rules; a bug, not input."""
    assert figures.still_to_source >= 0, figures
    assert 0 <= figures.received <= figures.on_order, figures
    assert 0 <= figures.shipped <= figures.available, figures
    assert 0 <= figures.confirmed <= figures.on_order, figures


def split_supply(needed: int, free_stock: int, sourcing: Sourcing) -> tuple[int, int]:
    """Return (units to reserve from free stock, units to buy) for a new need."""
    if needed <= 0:
        return 0, 0
    if sourcing is Sourcing.BACK_TO_BACK:
        return 0, needed
    reserve = max(0, min(needed, free_stock))
    if sourcing is Sourcing.STOCK:
        return reserve, 0
    return reserve, needed - reserve


def purchase_quantity(needed: int, min_order_qty: int, pack_size: int) -> int:
    """Return the PO line quantity that covers ``needed`` under the supplier's terms.

    The quantity is at least the minimum order quantity and a whole number of
    packs. Units beyond ``needed`` become free stock when they arrive.
    """
    if needed <= 0:
        return 0
    pack = max(1, pack_size)
    quantity = max(needed, min_order_qty)
    return math.ceil(quantity / pack) * pack


def distribute(total: int, capacities: Sequence[int]) -> list[int]:
    """Share ``total`` units over rows in order, each up to its capacity.

    Used to spread a PO line's confirmed or received units over its ledger
    rows: the oldest SO line is served first.
    """
    shares = []
    left = max(0, total)
    for capacity in capacities:
        share = min(left, max(0, capacity))
        shares.append(share)
        left -= share
    return shares


def over_receipt_limit(ordered: int, tolerance_percent: Decimal) -> int:
    """Return the most units a PO line may receive in all under the tolerance."""
    extra = (Decimal(ordered) * tolerance_percent / Decimal(100)).to_integral_value(
        rounding="ROUND_FLOOR"
    )
    return ordered + int(extra)


def promised_date(order_date: date, lead_times: Sequence[int], handling_days: int) -> date:
    """Return the date promised to the customer for an imported order.

    It is the order date plus the longest supplier lead time among the
    back-to-back lines plus the warehouse's handling allowance.
    """
    longest = max(lead_times, default=0)
    return order_date + timedelta(days=longest + handling_days)


def check_quantity(value: int, what: str) -> int:
    """Return ``value`` when it is a whole number of units above zero."""
    if value <= 0:
        raise InvalidInput(
            _("{what} must be a whole number above zero, not {value}.").format(
                what=what, value=value
            )
        )
    return value


def derive_so_status(lines: Sequence[LineFigures]) -> SOStatus:
    """Derive the middle state of an open sales order from its lines.

    Cancelled lines (nothing needed) do not count. Draft, delivered,
    completed and cancelled are set by actions, not derived here.
    """
    live = [line for line in lines if line.needed > 0]
    if not live:
        return SOStatus.OPEN
    shipped = sum(line.shipped for line in live)
    if shipped and all(line.outstanding == 0 for line in live):
        return SOStatus.SHIPPED
    if shipped:
        return SOStatus.PARTLY_SHIPPED
    if all(line.ready_to_ship >= line.needed for line in live):
        return SOStatus.READY_TO_SHIP
    if any(line.ready_to_ship > 0 for line in live):
        return SOStatus.PARTLY_READY
    if any(line.still_to_source > 0 or line.on_unsent_po > 0 for line in live):
        return SOStatus.AWAITING_PURCHASE
    return SOStatus.ON_ORDER
