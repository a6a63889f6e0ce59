"""Plain records that the readers produce and the import service stores.

The readers check every value, so a record contains valid data: order
quantities are positive, prices and costs are ``Decimal``, and text is
stripped of surrounding spaces. Stock codes keep their case (``85123A`` and ``85123a`` are different
codes in the shop's data and in the catalog).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class OrderLineRecord:
    """One goods line of an imported customer order.

    ``source_row`` is the row number in the file, counting the header as
    row 1, as a spreadsheet shows it. ``discount_percent`` is the customer's
    percent off the line, from 0 to 100.
    """

    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    source_row: int
    discount_percent: Decimal = Decimal("0")


@dataclass
class OrderRecord:
    """One imported customer order, with the shop's order number as ``reference``.

    ``terms`` are the payment terms agreed for the order; empty means the
    customer's stored terms.
    """

    reference: str
    order_date: datetime
    customer_code: str
    customer_name: str
    country: str
    lines: list[OrderLineRecord]
    promised_date: date | None = None
    terms: str = ""


@dataclass(frozen=True)
class SupplierRecord:
    """One supplier from a supplier master file, with an ISO 4217 ``currency`` code."""

    code: str
    name: str
    email: str
    country: str
    lead_time_days: int
    currency: str


@dataclass(frozen=True)
class CatalogRecord:
    """One supplier's offer for a stock code, from a supplier catalog file.

    A stock code may have several rows, one per supplier. ``unit_cost`` is
    in the supplier's currency.
    """

    sku: str
    description: str
    supplier_code: str
    supplier_sku: str
    unit_cost: Decimal
    min_order_qty: int
    pack_size: int


@dataclass(frozen=True)
class StockRecord:
    """The counted quantity on hand of one stock code."""

    sku: str
    on_hand: int
