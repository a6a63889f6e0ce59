"""Importing orders and master data from CSV files into the database.

A file is imported in one transaction, so a cancelled import or a file that
turns out damaged half-way leaves the database as it was. The readers check
every value, and :class:`~app.services.order_writer.OrderWriter` stores the
orders they return in bulk. An order whose reference was imported before is
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
from app.persistence.models import CatalogEntry, Product, Supplier
from app.services.context import acting_user, audit, setting
from app.services.order_writer import (
    ALREADY_IMPORTED,
    LINES_STORED,
    ORDERS_STORED,
    UNKNOWN_SKU_LINES,
    OrderWriter,
)

log = logging.getLogger(__name__)

ORDER_FORMATS = ("online-retail", "tandem")
BATCH_SIZE = 500


Progress = Callable[[int], None]
T = TypeVar("T")


class ImportCancelled(TandemError):
    """The person cancelled the import; nothing of it was stored."""


def import_orders(db: Database, user: str, path: Path, fmt: str = "online-retail",
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  shift_days: int = 0,
                  byte_progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Import a shop's order file and source each new order from free stock.

    ``shift_days`` moves every order date (and a promised date from the file)
    by that many days, so that old sample orders can stand for recent ones.
    ``progress`` receives the orders stored so far after each batch, and
    ``byte_progress`` the bytes read so far and the file's size on disk
    (compressed bytes for a gzip file).
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
        writer = OrderWriter(session, user, int(setting(session, "handling_days")))
        for batch in _batches(reader(path, summary, _read_progress(path, byte_progress)),
                              BATCH_SIZE):
            if cancelled is not None and cancelled():
                raise ImportCancelled(_("Import cancelled: nothing was stored."))
            writer.store([_shifted(record, shift_days) for record in batch], summary)
            if progress is not None:
                progress(summary.count(ORDERS_STORED))
        _count_only_stored(summary)
        audit(session, user, "import.orders", number=path.name, after=summary.counts)
    log.info("Imported %s: %s", path, summary.counts)
    return summary


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
    summary.counts[categories.LINES_IMPORTED] = summary.count(LINES_STORED)
    summary.counts.pop(LINES_STORED, None)


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


def _read_progress(path: Path, byte_progress: Callable[[int, int], None] | None
                   ) -> Callable[[int], None] | None:
    if byte_progress is None:
        return None
    total = path.stat().st_size
    return lambda done: byte_progress(done, total)


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


__all__ = [
    "ALREADY_IMPORTED",
    "BATCH_SIZE",
    "ORDERS_STORED",
    "ORDER_FORMATS",
    "UNKNOWN_SKU_LINES",
    "ImportCancelled",
    "import_catalog",
    "import_orders",
    "import_stock",
    "import_suppliers",
]
