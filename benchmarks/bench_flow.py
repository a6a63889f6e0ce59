"""Time real three-line orders through every step of the flow, one service call per step.

Each order is created, drafted, and its purchase orders submitted, approved,
marked sent (without writing the PO's PDF), confirmed and received; then the
order is shipped (without a packing slip), delivered and paid in full. Each
call is its own transaction, as a clerk's click is.

The orders are real: for each invoice of the Online Retail file with a
customer, in file order, the first three goods lines whose preferred
supplier is the one most of the invoice's goods lines share. Lines from one
supplier make one PO per order when free stock does not cover them, so an
order takes about ten service calls (fewer when stock covers every line).
Master data (suppliers, catalog, stock on hand) is imported through the
services into a fresh SQLite file, and every run starts from a copy of it.

Usage: ``python benchmarks/bench_flow.py [--orders N] [--runs N]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import logging
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from app.domain.money import ZERO, line_amount
from app.domain.states import SOStatus
from app.persistence.database import Database
from app.persistence.models import SalesOrder
from app.services import drafting, imports, purchasing, receiving, sales, shipping
from app.services.sales import NewLine, NewSalesOrder
from benchmarks.common import (
    CATALOG_FILE,
    CLERK,
    MANAGER,
    ORDERS_FILE,
    STOCK_FILE,
    SUPPLIERS_FILE,
    Figure,
    configure_logging,
    emit,
    new_database,
    open_db,
    skip_without_data,
)

log = logging.getLogger(__name__)

LINES_PER_ORDER = 3
TARGET_ORDERS_PER_S = 40.0


@dataclass(frozen=True)
class RealOrder:
    reference: str
    customer: str
    country: str
    lines: tuple[NewLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line_amount(line.unit_price, line.quantity) for line in self.lines),
                   start=ZERO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000, help="orders per run (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    options = parser.parse_args()
    configure_logging()
    skip_without_data()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-flow-") as folder:
        emit(measure(Path(folder), options.orders, options.runs))


def measure(folder: Path, count: int, runs: int) -> list[Figure]:
    template = folder / "master.sqlite"
    build_master(template)
    orders = list(real_orders(count))
    if len(orders) < count:
        raise SystemExit(f"Only {len(orders)} suitable orders in {ORDERS_FILE}.")
    seconds: list[float] = []
    calls = 0
    for run in range(runs):
        path = folder / f"run-{run}.sqlite"
        _copy_database(template, path)
        db = open_db(path)
        try:
            started = time.perf_counter()
            calls = sum(run_order(db, order) for order in orders)
            seconds.append(time.perf_counter() - started)
            _check_completed(db, count)
        finally:
            db.dispose()
        log.info("Run %d: %d orders in %.2f s (%.1f orders/s, %d service calls)", run + 1,
                 count, seconds[-1], count / seconds[-1], calls)
    target_s = count / TARGET_ORDERS_PER_S
    return [Figure(
        name=f"{count:,} real three-line orders, create to paid",
        runs=seconds,
        target=f"at most {target_s:g} s (at least {TARGET_ORDERS_PER_S:g} orders per second)",
        target_s=target_s,
        note=(f"{calls / count:.1f} service calls per order, each its own transaction: create, "
              "draft, then per PO submit, approve, mark sent (no PDF), confirm, receive; "
              "then ship (no packing slip), deliver, pay."),
    )]


def run_order(db: Database, order: RealOrder) -> int:
    """Take one order from creation to paid; return the number of service calls made."""
    number = sales.create_sales_order(db, CLERK, NewSalesOrder(
        customer_code=order.customer, customer_name=f"Customer {order.customer}",
        country=order.country, reference=order.reference, lines=list(order.lines)))
    draft = drafting.draft_purchase_orders(db, CLERK, number)
    calls = 2
    for po in draft.created + draft.extended:
        purchasing.submit(db, CLERK, po)
        purchasing.approve(db, MANAGER, po)
        purchasing.mark_sent(db, CLERK, po)
        purchasing.confirm(db, CLERK, po)
        receiving.receive(db, CLERK, po)
        calls += 5
    shipping.ship(db, CLERK, number)
    sales.deliver_sales_order(db, CLERK, number)
    sales.record_payment(db, CLERK, number, order.total)
    return calls + 3


def _check_completed(db: Database, count: int) -> None:
    with db.read() as session:
        done = session.scalar(select(func.count()).select_from(SalesOrder)
                              .where(SalesOrder.status == SOStatus.COMPLETED))
    if done != count:
        raise SystemExit(f"Only {done} of {count} orders completed.")


def build_master(path: Path) -> None:
    started = time.perf_counter()
    db = new_database(path)
    try:
        imports.import_suppliers(db, CLERK, SUPPLIERS_FILE)
        imports.import_catalog(db, CLERK, CATALOG_FILE)
        imports.import_stock(db, CLERK, STOCK_FILE)
    finally:
        db.dispose()
    log.info("Imported the master data in %.1f s", time.perf_counter() - started)


def _copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite file with the backup API, which includes what is still in its WAL."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()
    copy.close()


def _preferred_suppliers() -> dict[str, str]:
    """Map each SKU to the supplier drafting buys from: cheapest, then quickest, then by code."""
    with SUPPLIERS_FILE.open(encoding="utf-8", newline="") as handle:
        lead_days = {row["supplier_code"]: int(row["lead_time_days"])
                     for row in csv.DictReader(handle)}
    best: dict[str, tuple[Decimal, int, str]] = {}
    with CATALOG_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["supplier_code"]
            key = (Decimal(row["unit_cost"]), lead_days.get(code, 0), code)
            if row["sku"] not in best or key < best[row["sku"]]:
                best[row["sku"]] = key
    return {sku: key[2] for sku, key in best.items()}


def real_orders(count: int) -> Iterator[RealOrder]:
    suppliers = _preferred_suppliers()
    made = 0
    for invoice, rows in _invoices():
        order = _three_lines(invoice, rows, suppliers)
        if order is None:
            continue
        yield order
        made += 1
        if made == count:
            return


def _invoices() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """Yield each run of rows with the same invoice number, in file order."""
    with gzip.open(ORDERS_FILE, "rt", encoding="utf-8", newline="") as handle:
        current = ""
        rows: list[dict[str, str]] = []
        for row in csv.DictReader(handle):
            if row["InvoiceNo"] != current and rows:
                yield current, rows
                rows = []
            current = row["InvoiceNo"]
            rows.append(row)
        if rows:
            yield current, rows


def _three_lines(invoice: str, rows: list[dict[str, str]],
                 suppliers: dict[str, str]) -> RealOrder | None:
    if invoice[:1] in ("C", "A") or not rows[0]["CustomerID"]:
        return None
    goods: dict[str, dict[str, str]] = {}
    for row in rows:
        sku = row["StockCode"]
        if (sku in suppliers and sku not in goods and int(row["Quantity"]) > 0
                and Decimal(row["UnitPrice"]) > 0):
            goods[sku] = row
    shared = Counter(suppliers[sku] for sku in goods).most_common(1)
    if not shared or shared[0][1] < LINES_PER_ORDER:
        return None
    chosen = [row for sku, row in goods.items() if suppliers[sku] == shared[0][0]]
    lines = tuple(NewLine(row["StockCode"], int(row["Quantity"]), Decimal(row["UnitPrice"]))
                  for row in chosen[:LINES_PER_ORDER])
    customer = rows[0]["CustomerID"].removesuffix(".0")
    return RealOrder(invoice, customer, rows[0]["Country"], lines)


if __name__ == "__main__":
    main()
