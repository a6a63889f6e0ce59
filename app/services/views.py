"""Plain results returned by the services, read by the GUI, the CLI and the reports."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Serves:
    """Units of a PO line bought for one SO line, with that line's sales price and discount.

    ``sales_amount`` is ``qty`` units at the SO line's price less its discount.
    """

    so: str
    line: int
    qty: int
    customer: str
    unit_price: Decimal
    confirmed: int
    received: int
    discount_percent: Decimal
    sales_amount: Decimal


@dataclass(frozen=True)
class SalesOrderLineView:
    """An SO line; ``amount`` is the units still wanted at ``unit_price`` less the discount."""

    line: int
    sku: str
    description: str
    ordered: int
    from_stock: int
    on_order: int
    confirmed: int
    received: int
    shipped: int
    still_to_source: int
    cancelled: int
    ready_to_ship: int
    unit_price: Decimal
    discount_percent: Decimal
    amount: Decimal
    sourcing: str
    expected_date: date | None


@dataclass(frozen=True)
class Reason:
    """An open attention reason; ``id`` is what resolving it takes."""

    id: int
    code: str
    message: str


@dataclass(frozen=True)
class SalesOrderView:
    id: int
    number: str
    reference: str
    customer: str
    customer_code: str
    status: str
    attention: list[str]
    terms: str
    total: Decimal
    paid: Decimal
    balance_due: Decimal
    currency: str
    order_date: date
    promised_date: date | None
    allow_partial_shipment: bool
    version: int
    lines: list[SalesOrderLineView]
    purchase_orders: list[str]
    shipments: list[str]
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class PurchaseOrderLineView:
    line: int
    sku: str
    supplier_sku: str
    description: str
    ordered: int
    unit_cost: Decimal
    amount: Decimal
    confirmed: int | None
    expected_date: date | None
    received: int
    rejected: int
    open: int
    for_stock: int
    sales_value: Decimal
    margin: Decimal
    serves: list[Serves]

    @property
    def refused(self) -> bool:
        """Whether the supplier refused the line (confirmed 0), so it orders only what arrived."""
        return self.confirmed == 0


@dataclass(frozen=True)
class PurchaseOrderView:
    """A PO with its lines. ``margin`` is the sales value of the SO lines it
    serves less the cost of the units bought for them; units bought for stock
    (pack rounding, minimum order quantity) cost ``for_stock_cost`` on top."""

    id: int
    number: str
    supplier: str
    supplier_code: str
    supplier_email: str
    status: str
    revision: int
    currency: str
    terms: str
    total: Decimal
    sales_value: Decimal
    margin: Decimal
    for_stock_cost: Decimal
    supplier_lead_time_days: int
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    sent_at: datetime | None
    rejection_reason: str
    supplier_reference: str
    version: int
    lines: list[PurchaseOrderLineView]
    sales_orders: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: str
    action: str
    number: str
    note: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class OrderSummary:
    """One row of ``so list`` or ``po list``."""

    number: str
    status: str
    total: Decimal
    party: str
    reference: str
    attention: bool


@dataclass(frozen=True)
class SupplierOption:
    """A supplier that the catalog lists for a product, with its cost and terms for it.

    ``quantity`` is what a PO line buying only this SO line's units would
    order after the minimum order quantity and pack size, and ``amount`` its
    cost. A draft PO line that already buys the product for other SO lines
    rounds the sum instead, so the PO may differ.
    """

    code: str
    name: str
    unit_cost: Decimal
    currency: str
    min_order_qty: int
    pack_size: int
    lead_time_days: int
    quantity: int
    amount: Decimal


@dataclass(frozen=True)
class LineSuppliers:
    """An SO line that drafting would buy for, and its suppliers, the preferred one first.

    ``to_buy`` is what the line still has to source less the free stock
    drafting would reserve for it first. ``suppliers`` is empty when the
    catalog lists none.
    """

    line: int
    sku: str
    description: str
    to_buy: int
    suppliers: list[SupplierOption]


@dataclass(frozen=True)
class DraftResult:
    """The outcome of drafting purchase orders for an SO."""

    sales_order: str
    created: list[str]
    extended: list[str]
    lines_ordered: int
    messages: list[str]


@dataclass(frozen=True)
class ReceiptResult:
    purchase_order: str
    received: int
    rejected: int
    reserved: int
    to_stock: int
    sales_orders: list[str]


@dataclass(frozen=True)
class ShipmentResult:
    number: str
    sales_order: str
    units: int
    pdf: str | None


def to_jsonable(value: Any) -> Any:
    """Convert a result to JSON types: money as a string such as ``"12.50"``, dates ISO."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def format_money(value: Decimal) -> str:
    """Format with two decimals, or more where a unit price has them (``"0.085"``)."""
    rounded = value.quantize(Decimal("0.01"))
    if rounded == value:
        return f"{rounded:.2f}"
    return f"{value.normalize():f}"
