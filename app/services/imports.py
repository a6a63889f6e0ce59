"""Importing orders and master data from CSV files into the database.

A file is imported in one transaction, so a cancelled import or a file that
turns out damaged half-way leaves the database as it was. Each order is
stored in a savepoint of its own, so an order that fails leaves nothing
behind and the others go on. An order whose reference was imported before is
skipped, so importing the same file twice creates nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, TandemError
from app.i18n import _
from app.importers import (
    ImportSummary,
    categories,
    read_catalog,
    read_online_retail_orders,
    read_stock,
    read_suppliers,
    read_tandem_orders,
)
from app.importers.records import CatalogRecord, OrderRecord, StockRecord, SupplierRecord
from app.persistence.database import Database
from app.persistence.models import CatalogEntry, Product, SalesOrder, Supplier
from app.services import attention
from app.services.catalog import products_with_supplier
from app.services.context import acting_user, audit, setting
from app.services.sales import NewLine, NewSalesOrder, add_sales_order

log = logging.getLogger(__name__)

ORDER_FORMATS = ("online-retail", "tandem")
BATCH_SIZE = 200

ALREADY_IMPORTED = "orders already imported before (skipped)"
UNKNOWN_SKU_LINES = "lines whose stock code the catalog does not list (added without supplier)"
ORDERS_STORED = "orders stored"
ORDERS_FAILED = "orders that could not be stored (left out whole)"
_LINES_STORED = "lines stored"

Progress = Callable[[int], None]
T = TypeVar("T")


class ImportCancelled(TandemError):
    """The person cancelled the import; nothing of it was stored."""


def import_orders(db: Database, user: str, path: Path, fmt: str = "online-retail",
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  shift_days: int = 0) -> ImportSummary:
    """Import a shop's order file and source each new order from free stock.

    ``shift_days`` moves every order date (and a promised date from the file)
    by that many days, so that old sample orders can stand for recent ones.
    """
    if fmt not in ORDER_FORMATS:
        raise InvalidInput(_("'{fmt}' is not an order format. Use one of: {formats}.").format(
            fmt=fmt, formats=", ".join(ORDER_FORMATS)))
    _check_file(path)
    with db.read() as session:
        acting_user(session, user)
    summary = ImportSummary()
    reader = read_online_retail_orders if fmt == "online-retail" else read_tandem_orders
    with db.write() as session:
        handling_days = int(setting(session, "handling_days"))
        for batch in _batches(reader(path, summary), BATCH_SIZE):
            if cancelled is not None and cancelled():
                raise ImportCancelled(_("Import cancelled: nothing was stored."))
            for record in batch:
                _store_order(session, user, _shifted(record, shift_days), summary,
                             handling_days)
            session.flush()
            if progress is not None:
                progress(summary.count(ORDERS_STORED))
        _count_only_stored(summary)
        audit(session, user, "import.orders", number=path.name, after=summary.counts)
    log.info("Imported %s: %s", path, summary.counts)
    return summary


def _store_order(session: Session, user: str, record: OrderRecord,
                 summary: ImportSummary, handling_days: int) -> None:
    key = f"order:{record.reference}"
    exists = session.scalar(select(SalesOrder.id).where(SalesOrder.import_key == key))
    if exists is not None:
        summary.add(ALREADY_IMPORTED, _("order {ref}").format(ref=record.reference))
        return
    new = NewSalesOrder(
        customer_code=record.customer_code, customer_name=record.customer_name,
        country=record.country, reference=record.reference, import_key=key,
        order_date=record.order_date.date(), promised_date=record.promised_date,
        lines=[NewLine(line.sku, line.quantity, line.unit_price, line.description)
               for line in record.lines],
    )
    try:
        with session.begin_nested():
            _add_order(session, user, record, new, summary, handling_days)
    except TandemError as error:
        summary.add(ORDERS_FAILED, _("order {ref}: {error}").format(ref=record.reference,
                                                                    error=error))
        return
    summary.add(ORDERS_STORED)
    summary.add(_LINES_STORED, count=len(record.lines))


def _shifted(record: OrderRecord, days: int) -> OrderRecord:
    if days == 0:
        return record
    offset = timedelta(days=days)
    promised = record.promised_date + offset if record.promised_date else None
    return replace(record, order_date=record.order_date + offset, promised_date=promised)


def _count_only_stored(summary: ImportSummary) -> None:
    """Make the reader's "orders imported" and "lines imported" count stored orders only.

    The reader counts every order it hands over; orders skipped as already
    imported or that failed to store are taken out again here.
    """
    summary.counts[categories.ORDERS_IMPORTED] = summary.count(ORDERS_STORED)
    summary.counts[categories.LINES_IMPORTED] = summary.count(_LINES_STORED)
    summary.counts.pop(_LINES_STORED, None)


def _add_order(session: Session, user: str, record: OrderRecord, new: NewSalesOrder,
               summary: ImportSummary, handling_days: int) -> None:
    unknown = _add_unknown_products(session, record, summary)
    order = add_sales_order(session, user, new, handling_days)
    for line in order.lines:
        if line.product.sku in unknown:
            message = attention.no_supplier(line.product.sku, order.number or "", line.line_no)
            attention.raise_reason(session, order.id, attention.NO_SUPPLIER, message)
            order.attention = True


def _add_unknown_products(session: Session, record: OrderRecord,
                          summary: ImportSummary) -> set[str]:
    """Add products the catalog does not know; return the SKUs without a supplier."""
    skus = {line.sku for line in record.lines}
    known = {product.sku: product.id
             for product in session.scalars(select(Product).where(Product.sku.in_(skus)))}
    for line in record.lines:
        if line.sku not in known:
            product = Product(sku=line.sku, description=line.description)
            session.add(product)
            session.flush()
            known[line.sku] = product.id
    supplied = products_with_supplier(session, known.values())
    unknown = {sku for sku, product_id in known.items() if product_id not in supplied}
    for line in record.lines:
        if line.sku in unknown:
            summary.add(UNKNOWN_SKU_LINES, _("row {row}: {sku}").format(row=line.source_row,
                                                                       sku=line.sku))
    return unknown


def import_suppliers(db: Database, user: str, path: Path) -> ImportSummary:
    """Add or update suppliers by code."""
    summary = ImportSummary()
    _check_file(path)
    with db.write() as session:
        acting_user(session, user)
        for record in read_suppliers(path, summary):
            _store_supplier(session, record)
        audit(session, user, "import.suppliers", number=path.name, after=summary.counts)
    return summary


def _store_supplier(session: Session, record: SupplierRecord) -> None:
    supplier = session.scalars(select(Supplier).where(Supplier.code == record.code)).first()
    if supplier is None:
        supplier = Supplier(code=record.code)
        session.add(supplier)
    supplier.name = record.name
    supplier.email = record.email
    supplier.country = record.country
    supplier.lead_time_days = record.lead_time_days
    supplier.currency = record.currency


def import_catalog(db: Database, user: str, path: Path) -> ImportSummary:
    """Add or update products and supplier catalog entries; unknown suppliers are reported."""
    summary = ImportSummary()
    _check_file(path)
    with db.write() as session:
        acting_user(session, user)
        suppliers = {s.code: s for s in session.scalars(select(Supplier))}
        for record in read_catalog(path, summary):
            _store_catalog_entry(session, record, suppliers, summary)
        audit(session, user, "import.catalog", number=path.name, after=summary.counts)
    return summary


def _store_catalog_entry(session: Session, record: CatalogRecord,
                         suppliers: dict[str, Supplier], summary: ImportSummary) -> None:
    supplier = suppliers.get(record.supplier_code)
    if supplier is None:
        summary.add("catalog rows naming an unknown supplier (skipped)",
                    f"{record.sku}: {record.supplier_code}")
        return
    product = session.scalars(select(Product).where(Product.sku == record.sku)).first()
    if product is None:
        product = Product(sku=record.sku, description=record.description)
        session.add(product)
        session.flush()
    entry = session.scalars(select(CatalogEntry).where(
        CatalogEntry.product_id == product.id, CatalogEntry.supplier_id == supplier.id)).first()
    if entry is None:
        entry = CatalogEntry(product_id=product.id, supplier_id=supplier.id,
                             unit_cost=record.unit_cost)
        session.add(entry)
    entry.supplier_sku = record.supplier_sku
    entry.unit_cost = record.unit_cost
    entry.min_order_qty = record.min_order_qty
    entry.pack_size = record.pack_size


def import_stock(db: Database, user: str, path: Path) -> ImportSummary:
    """Set the counted quantity on hand per SKU.

    A count below the units already reserved for orders is rejected for that
    SKU and reported, because it would take goods that belong to customers.
    """
    summary = ImportSummary()
    _check_file(path)
    with db.write() as session:
        acting_user(session, user)
        for record in read_stock(path, summary):
            _store_stock(session, record, summary)
        audit(session, user, "import.stock", number=path.name, after=summary.counts)
    return summary


def _store_stock(session: Session, record: StockRecord, summary: ImportSummary) -> None:
    product = session.scalars(select(Product).where(Product.sku == record.sku)).first()
    if product is None:
        summary.add("stock rows for unknown stock codes (skipped)", record.sku)
        return
    if record.on_hand < product.reserved:
        summary.add("stock rows below the units reserved for orders (skipped)",
                    f"{record.sku}: {record.on_hand} < {product.reserved}")
        return
    product.on_hand = record.on_hand


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInput(_("File '{path}' not found. Check the path and try again.").format(
            path=path))


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
