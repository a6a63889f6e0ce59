"""Time opening the largest real orders and writing their PDFs through the services.

The set-up, untimed, imports the master data (suppliers, catalog, stock on
hand) through the services into a fresh SQLite file and builds, also
through the services:

- invoice 573585 of the Online Retail file, its largest order (1,114
  lines), sourced from stock as far as stock goes; its purchase orders go
  through to received and the order ships complete, so its packing slip
  has 1,114 lines. The invoice has no CustomerID, so it gets a stand-in
  customer. Two of its stock codes are not in the catalog; they are added
  as products with stock on hand.
- the next largest invoices, every line bought back-to-back and drafted one
  after another, so that their supplier's draft grows into one PO with
  over a hundred lines serving each of them; that PO is then submitted,
  approved, sent and confirmed.
- 200 real three-line orders taken through to shipped, as
  ``bench_flow.py`` does, for a batch of packing slips.

Usage: ``python benchmarks/bench_documents.py [--runs N] [--big-orders N]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from app.domain.allocation import Sourcing
from app.domain.states import POStatus
from app.persistence.database import Database
from app.persistence.models import (
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Shipment,
)
from app.services import drafting, purchasing, queries, receiving, sales, shipping
from app.services.sales import NewLine, NewSalesOrder
from benchmarks.bench_flow import build_master, real_orders, run_order
from benchmarks.common import (
    CLERK,
    MANAGER,
    ORDERS_FILE,
    Figure,
    configure_logging,
    emit,
    median_of,
    open_db,
    skip_without_data,
)

log = logging.getLogger(__name__)

LARGEST_INVOICE = "573585"
SLIP_BATCH = 200
STAND_IN_CUSTOMER = "NO-CUSTOMER-ID"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each figure")
    parser.add_argument("--big-orders", type=int, default=19,
                        help="large invoices drafted into one PO per supplier (default 19)")
    options = parser.parse_args()
    configure_logging()
    skip_without_data()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-documents-") as folder:
        emit(measure(Path(folder), options.runs, options.big_orders))


def measure(folder: Path, runs: int, big_orders: int) -> list[Figure]:
    path = folder / "documents.sqlite"
    build_master(path)
    db = open_db(path)
    try:
        started = time.perf_counter()
        # Every PO made before the big one is submitted, so no draft is left to extend.
        largest, shipment = _largest_order_shipped(db)
        small_po = _small_purchase_order(db)
        slips = _shipments_of_real_orders(db, SLIP_BATCH)
        big_po, po_lines, po_orders = _big_purchase_order(db, big_orders)
        log.info("Set up in %.0f s", time.perf_counter() - started)
        return _figures(db, folder / "out", runs, largest, shipment, big_po, po_lines,
                        po_orders, small_po, slips)
    finally:
        db.dispose()


def _figures(db: Database, out: Path, runs: int, largest: str, shipment: str, big_po: str,
             po_lines: int, po_orders: int, small_po: str, slips: list[str]) -> list[Figure]:
    out.mkdir()
    lines = len(queries.get_sales_order(db, largest).lines)
    slip_lines = _time(lambda: shipping.write_packing_slip(db, shipment, out / "big-slip.pdf"),
                       runs)

    def batch() -> None:
        for number in slips:
            shipping.write_packing_slip(db, number, out / f"{number}.pdf")

    return [
        Figure(f"open {largest} ({lines:,} lines): queries.get_sales_order",
               _time(lambda: queries.get_sales_order(db, largest), runs),
               "at most 150 ms", 0.150),
        Figure(f"open {big_po} ({po_lines} lines for {po_orders} SOs): "
               "queries.get_purchase_order",
               _time(lambda: queries.get_purchase_order(db, big_po), runs),
               "at most 150 ms, as for the largest SO", 0.150),
        Figure(f"one-page PO PDF ({small_po}): purchasing.write_purchase_order",
               _time(lambda: purchasing.write_purchase_order(db, small_po, out / "po.pdf"),
                     runs),
               "at most 15 ms", 0.015),
        Figure(f"packing slip of {shipment} ({lines:,} lines): shipping.write_packing_slip",
               slip_lines, "at most 300 ms", 0.300),
        Figure(f"{len(slips)} packing slips in one batch, one write_packing_slip each",
               _time(batch, runs), "at most 3 s", 3.0),
    ]


def _time(function: Callable[[], object], runs: int) -> list[float]:
    _median, timings = median_of(function, runs=runs)
    return timings


def _largest_order_shipped(db: Database) -> tuple[str, str]:
    """Create the largest invoice, buy and receive what stock lacks, ship it; return numbers."""
    rows = _invoice_rows({LARGEST_INVOICE})[LARGEST_INVOICE]
    _add_missing_products(db, [row["StockCode"] for row in rows])
    number = _create(db, LARGEST_INVOICE, rows, Sourcing.AUTO)
    for po in drafting.draft_purchase_orders(db, CLERK, number).created:
        purchasing.submit(db, CLERK, po)
        purchasing.approve(db, MANAGER, po)
        purchasing.mark_sent(db, CLERK, po)
        purchasing.confirm(db, CLERK, po)
        receiving.receive(db, CLERK, po)
    result = shipping.ship(db, CLERK, number)
    log.info("%s shipped on %s: %d units", number, result.number, result.units)
    return number, result.number


def _big_purchase_order(db: Database, count: int) -> tuple[str, int, int]:
    """Draft the next largest invoices into shared POs; confirm the largest PO.

    Returns its number, its line count and the number of SOs it serves.
    """
    invoices = _largest_invoices(count + 1)[1:]
    rows = _invoice_rows(set(invoices))
    _add_missing_products(db, [row["StockCode"] for invoice in invoices for row in rows[invoice]])
    for invoice in invoices:
        number = _create(db, invoice, rows[invoice], Sourcing.BACK_TO_BACK)
        drafting.draft_purchase_orders(db, CLERK, number)
    with db.read() as session:
        po_id, lines = session.execute(
            select(PurchaseOrderLine.purchase_order_id, func.count())
            .join(PurchaseOrder).where(PurchaseOrder.status == POStatus.DRAFT)
            .group_by(PurchaseOrderLine.purchase_order_id)
            .order_by(func.count().desc()).limit(1)).one()
        po = session.get_one(PurchaseOrder, po_id).number or ""
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.mark_sent(db, CLERK, po)
    purchasing.confirm(db, CLERK, po)
    view = queries.get_purchase_order(db, po)
    return po, lines, len(view.sales_orders)


def _small_purchase_order(db: Database) -> str:
    """Return a drafted PO of a real three-line order: one page."""
    for order in real_orders(50):
        number = sales.create_sales_order(db, CLERK, NewSalesOrder(
            order.customer, f"Customer {order.customer}", list(order.lines),
            reference=order.reference, country=order.country))
        created = drafting.draft_purchase_orders(db, CLERK, number).created
        if created:
            purchasing.submit(db, CLERK, created[0])
            return created[0]
    raise SystemExit("No real three-line order needs a purchase order.")


def _shipments_of_real_orders(db: Database, count: int) -> list[str]:
    """Take ``count`` real three-line orders through to shipped; return their shipments."""
    with db.read() as session:
        before = session.scalar(select(func.coalesce(func.max(Shipment.id), 0)))
    for order in real_orders(count):
        run_order(db, order)
    with db.read() as session:
        shipments = session.scalars(select(Shipment.number).where(Shipment.id > before)
                                    .order_by(Shipment.id))
        return [number or "" for number in shipments]


def _create(db: Database, invoice: str, rows: list[dict[str, str]], sourcing: Sourcing) -> str:
    customer = rows[0]["CustomerID"].removesuffix(".0") or STAND_IN_CUSTOMER
    lines = [NewLine(row["StockCode"], int(row["Quantity"]), Decimal(row["UnitPrice"]),
                     row["Description"].strip() or None, sourcing)
             for row in rows if int(row["Quantity"]) > 0 and Decimal(row["UnitPrice"]) > 0]
    return sales.create_sales_order(db, CLERK, NewSalesOrder(
        customer, f"Customer {customer}", lines, reference=invoice, country=rows[0]["Country"]))


def _add_missing_products(db: Database, skus: list[str]) -> None:
    """Add the stock codes the catalog lacks as products with stock, so their lines ship."""
    with db.write() as session:
        known = set(session.scalars(select(Product.sku).where(Product.sku.in_(set(skus)))))
        for sku in dict.fromkeys(skus):
            if sku not in known:
                session.add(Product(sku=sku, description=sku, on_hand=100_000))


def _largest_invoices(count: int) -> list[str]:
    sizes: dict[str, int] = {}
    for row in _rows():
        sizes[row["InvoiceNo"]] = sizes.get(row["InvoiceNo"], 0) + 1
    invoices = sorted(sizes, key=lambda invoice: (-sizes[invoice], invoice))
    if invoices[0] != LARGEST_INVOICE:
        raise SystemExit(f"The largest invoice is {invoices[0]}, not {LARGEST_INVOICE}.")
    return invoices[:count]


def _invoice_rows(invoices: set[str]) -> dict[str, list[dict[str, str]]]:
    found: dict[str, list[dict[str, str]]] = {invoice: [] for invoice in invoices}
    for row in _rows():
        if row["InvoiceNo"] in found:
            found[row["InvoiceNo"]].append(row)
    return found


def _rows() -> Iterator[dict[str, str]]:
    with gzip.open(ORDERS_FILE, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


if __name__ == "__main__":
    main()
