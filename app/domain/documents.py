"""Plain data for printed documents, built by the services and read by the reports.

The figures here are computed once by the services from stored rows, so a
number on screen and the same number on paper come from the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    """A name and address block: the company, a supplier or a ship-to address."""

    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class PurchaseOrderDocumentLine:
    """One printed PO line with the SO numbers whose goods it buys."""

    line: int
    sku: str
    supplier_sku: str
    description: str
    quantity: int
    unit_cost: Decimal
    amount: Decimal
    serves: tuple[str, ...]


@dataclass(frozen=True)
class PurchaseOrderDocument:
    """Everything printed on a purchase order."""

    number: str
    revision: int
    company: Party
    supplier: Party
    order_date: date
    currency: str
    terms: str
    lines: tuple[PurchaseOrderDocumentLine, ...]
    total: Decimal
    approved_by: str | None
    approved_at: datetime | None
    printed_at: datetime


@dataclass(frozen=True)
class PackingSlipLine:
    """One printed packing slip line, with figures as of its own shipment."""

    line: int
    sku: str
    description: str
    ordered: int
    shipped_now: int
    shipped_to_date: int
    still_to_come: int


@dataclass(frozen=True)
class PackingSlipDocument:
    """Everything printed on a packing slip.

    ``shipped_to_date`` and ``still_to_come`` count this shipment and the ones
    before it only, so a reprint shows the figures of its own shipment.
    """

    shipment_number: str
    so_number: str
    customer_reference: str
    company: Party
    ship_to: Party
    shipped_at: datetime
    carrier: str
    tracking: str
    lines: tuple[PackingSlipLine, ...]
