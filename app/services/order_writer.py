"""Storing imported orders in bulk, with the same rules as creating one SO.

A year of a shop's orders is half a million lines, too many to store one ORM
object at a time. :class:`OrderWriter` keeps the products, customers,
supplier lead times and imported references in memory for the length of one
import, works out each order's reservations, status, total and promised date
in Python with the domain functions that ``add_sales_order`` uses, and
inserts a batch of orders with a few multi-row statements.

The writer must run inside one write transaction, and nothing else may change
products or sales orders while it runs. On SQLite the transaction's
``BEGIN IMMEDIATE`` lock guarantees that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.domain.allocation import (
    LineFigures,
    Sourcing,
    derive_so_status,
    promised_date,
    split_supply,
)
from app.domain.money import ZERO, line_amount
from app.domain.numbers import SO_PREFIX, format_number
from app.i18n import _
from app.importers import ImportSummary
from app.importers.records import OrderRecord
from app.persistence.models import (
    AttentionReason,
    AuditEvent,
    CatalogEntry,
    Customer,
    Product,
    SalesOrder,
    SalesOrderLine,
    StockReservation,
    Supplier,
)
from app.services import attention

ALREADY_IMPORTED = "orders already imported before (skipped)"
UNKNOWN_SKU_LINES = "lines whose stock code the catalog does not list (added without supplier)"
ORDERS_STORED = "orders stored"
LINES_STORED = "lines stored"


@dataclass
class _Stock:
    """A product as the writer tracks it while orders reserve its free stock."""

    id: int
    on_hand: int
    reserved: int
    always_back_to_back: bool
    lead_time: int | None
    changed: bool = False

    @property
    def free(self) -> int:
        return self.on_hand - self.reserved


@dataclass
class _PlannedOrder:
    record: OrderRecord
    key: str
    customer_id: int
    reserved: list[int]
    status: str
    total: Decimal
    promised: date
    terms: str
    unknown: list[int] = field(default_factory=list)  # line numbers without a supplier


def import_key(reference: str) -> str:
    """Return the key that marks an SO as imported from the shop's order ``reference``."""
    return f"order:{reference}"


class OrderWriter:
    """Stores batches of imported orders in an open write transaction."""

    def __init__(self, session: Session, user: str, handling_days: int) -> None:
        self._session = session
        self._user = user
        self._handling_days = handling_days
        self._products = self._load_products()
        self._customers: dict[str, int] = {}
        # Each customer's payment terms, which an order without its own terms takes.
        self._terms: dict[str, str] = {}
        for code, customer_id, terms in session.execute(
                select(Customer.code, Customer.id, Customer.terms)):
            self._customers[code] = customer_id
            self._terms[code] = terms
        self._imported: set[str] = set(session.scalars(
            select(SalesOrder.import_key).where(SalesOrder.import_key.is_not(None))))

    def store(self, records: Sequence[OrderRecord], summary: ImportSummary) -> None:
        """Store the orders of one batch that were not imported before."""
        new = []
        for record in records:
            key = import_key(record.reference)
            if key in self._imported:
                summary.add(ALREADY_IMPORTED, _("order {ref}").format(ref=record.reference))
                continue
            self._imported.add(key)
            new.append((record, key))
        self._add_customers([record for record, _key in new])
        self._add_products([record for record, _key in new])
        planned = [self._plan(record, key, summary) for record, key in new]
        if planned:
            self._insert(planned)
            self._save_stock()
        for order in planned:
            summary.add(ORDERS_STORED)
            summary.add(LINES_STORED, count=len(order.record.lines))

    def _load_products(self) -> dict[str, _Stock]:
        lead_times = self._preferred_lead_times()
        rows = self._session.execute(select(
            Product.sku, Product.id, Product.on_hand, Product.reserved,
            Product.always_back_to_back))
        return {sku: _Stock(id, on_hand, reserved, always, lead_times.get(id))
                for sku, id, on_hand, reserved, always in rows}

    def _preferred_lead_times(self) -> dict[int, int]:
        # The same order as app.services.catalog.preferred_entry: cheapest, quickest, by code.
        rows = self._session.execute(
            select(CatalogEntry.product_id, Supplier.lead_time_days)
            .join(Supplier, Supplier.id == CatalogEntry.supplier_id)
            .order_by(CatalogEntry.product_id.desc(), CatalogEntry.unit_cost.desc(),
                      Supplier.lead_time_days.desc(), Supplier.code.desc()))
        # Later rows overwrite earlier ones, so the preferred entry's lead time stays.
        return {product_id: lead_time for product_id, lead_time in rows}

    def _plan(self, record: OrderRecord, key: str, summary: ImportSummary) -> _PlannedOrder:
        customer_id = self._customers[record.customer_code]
        terms = record.terms or self._terms.get(record.customer_code, "")
        order = _PlannedOrder(record, key, customer_id, [], "", ZERO, date.min, terms)
        figures = []
        lead_times = []
        for number, line in enumerate(record.lines, start=1):
            stock = self._products[line.sku]
            if stock.lead_time is None:
                order.unknown.append(number)
                summary.add(UNKNOWN_SKU_LINES, _("row {row}: {sku}").format(
                    row=line.source_row, sku=line.sku))
            sourcing = Sourcing.BACK_TO_BACK if stock.always_back_to_back else Sourcing.AUTO
            reserve, buy = split_supply(line.quantity, stock.free, sourcing)
            if reserve:
                stock.reserved += reserve
                stock.changed = True
            if buy and stock.lead_time is not None:
                lead_times.append(stock.lead_time)
            order.reserved.append(reserve)
            order.total += line_amount(line.unit_price, line.quantity, line.discount_percent)
            figures.append(LineFigures(ordered=line.quantity, cancelled=0, from_stock=reserve,
                                       on_order=0, confirmed=0, received=0, shipped=0))
        order.status = derive_so_status(figures).value
        order.promised = record.promised_date or promised_date(
            record.order_date.date(), lead_times, self._handling_days)
        return order

    def _add_customers(self, records: list[OrderRecord]) -> None:
        rows: dict[str, dict[str, str]] = {}
        for record in records:
            if record.customer_code not in self._customers:
                rows[record.customer_code] = {
                    "code": record.customer_code, "country": record.country,
                    "name": record.customer_name or record.customer_code}
        if rows:
            ids = self._session.scalars(
                insert(Customer).returning(Customer.id, sort_by_parameter_order=True),
                list(rows.values()))
            self._customers.update(zip(rows, ids, strict=True))

    def _add_products(self, records: list[OrderRecord]) -> None:
        """Add the products the catalog does not list; they have no supplier."""
        rows: dict[str, dict[str, str]] = {}
        for record in records:
            for line in record.lines:
                if line.sku not in self._products:
                    rows.setdefault(line.sku, {"sku": line.sku, "description": line.description})
        if rows:
            ids = self._session.scalars(
                insert(Product).returning(Product.id, sort_by_parameter_order=True),
                list(rows.values()))
            for sku, product_id in zip(rows, ids, strict=True):
                self._products[sku] = _Stock(product_id, 0, 0, False, None)

    def _insert(self, planned: list[_PlannedOrder]) -> None:
        ids = self._insert_orders(planned)
        line_ids = self._insert_lines(planned, ids)
        self._insert_reservations(planned, line_ids)
        self._insert_reasons_and_events(planned, ids)

    def _insert_orders(self, planned: list[_PlannedOrder]) -> list[int]:
        rows = [{"reference": order.record.reference, "import_key": order.key,
                 "customer_id": order.customer_id, "order_date": order.record.order_date.date(),
                 "promised_date": order.promised, "status": order.status,
                 "attention": bool(order.unknown), "total": order.total, "terms": order.terms,
                 "line_count": len(order.record.lines), "created_by": self._user}
                for order in planned]
        ids = list(self._session.scalars(
            insert(SalesOrder).returning(SalesOrder.id, sort_by_parameter_order=True), rows))
        # A Core UPDATE: the ORM's bulk update would also check the version counter.
        table = cast(Table, SalesOrder.__table__)
        numbering = (update(table).where(table.c.id == bindparam("order_id"))
                     .values(number=bindparam("order_number")))
        self._session.execute(numbering, [
            {"order_id": order_id, "order_number": format_number(SO_PREFIX, order_id)}
            for order_id in ids])
        return ids

    def _insert_lines(self, planned: list[_PlannedOrder], ids: list[int]) -> list[list[int]]:
        rows = [{"sales_order_id": order_id, "line_no": number,
                 "product_id": self._products[line.sku].id, "description": line.description,
                 "quantity": line.quantity, "unit_price": line.unit_price,
                 "discount_percent": line.discount_percent}
                for order, order_id in zip(planned, ids, strict=True)
                for number, line in enumerate(order.record.lines, start=1)]
        flat = iter(self._session.scalars(
            insert(SalesOrderLine).returning(SalesOrderLine.id, sort_by_parameter_order=True),
            rows))
        return [[next(flat) for _line in order.record.lines] for order in planned]

    def _insert_reservations(self, planned: list[_PlannedOrder],
                             line_ids: list[list[int]]) -> None:
        rows = [{"so_line_id": line_id, "product_id": self._products[line.sku].id,
                 "quantity": reserved}
                for order, ids in zip(planned, line_ids, strict=True)
                for line, line_id, reserved in zip(order.record.lines, ids, order.reserved,
                                                   strict=True)
                if reserved]
        if rows:
            self._session.execute(insert(StockReservation), rows)

    def _insert_reasons_and_events(self, planned: list[_PlannedOrder], ids: list[int]) -> None:
        reasons = []
        events = []
        for order, order_id in zip(planned, ids, strict=True):
            number = format_number(SO_PREFIX, order_id)
            for line_no in order.unknown:
                sku = order.record.lines[line_no - 1].sku
                reasons.append({"sales_order_id": order_id, "code": attention.NO_SUPPLIER,
                                "message": attention.no_supplier(sku, number, line_no)})
            events.append({"user_name": self._user, "action": "so.create", "number": number,
                           "sales_order_id": order_id, "note": "",
                           "after": {"reference": order.record.reference,
                                     "lines": len(order.record.lines),
                                     "total": str(order.total)}})
        if reasons:
            self._session.execute(insert(AttentionReason), reasons)
        self._session.execute(insert(AuditEvent), events)

    def _save_stock(self) -> None:
        changed = [stock for stock in self._products.values() if stock.changed]
        if changed:
            self._session.execute(update(Product), [
                {"id": stock.id, "reserved": stock.reserved} for stock in changed])
        for stock in changed:
            stock.changed = False
