"""One real day of the sample orders through the whole flow, checked against day_model.

Import the day, draft POs for every order, submit, approve, send, confirm,
take deposits, receive half, ship what is ready, receive the rest, ship,
deliver and pay the balance. After each step, every SO line's figures must
equal the figures that day_model computes from the raw CSV rows.

The sample catalog lists every stock code that the sample orders use. So the
test leaves one stock code out of its copy of the catalog, and the orders
with that code keep a line that no supplier sells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.importers import ImportSummary, categories
from app.importers.sample import sample_files
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    CatalogEntry,
    Customer,
    Product,
    PurchaseOrder,
    SalesOrder,
    SalesOrderLine,
    StockReservation,
    Supplier,
)
from app.services import drafting, imports, purchasing, receiving, sales, shipping
from app.services.queries import (
    get_purchase_order,
    get_sales_order,
    list_purchase_orders,
    list_sales_orders,
)
from tests.conftest import CLERK, MANAGER
from tests.scenarios.day_model import (
    ORDER_HEADER,
    DayModel,
    Order,
    kept_orders,
    read_dicts,
    read_offers,
    read_order_rows,
    write_csv,
)

# The sample day with the fewest imported orders (57). On a two-core machine
# the scenario took about 30 s when idle and 43 s under load.
DAY = "2010-12-03"


@dataclass(frozen=True)
class DayFiles:
    """The files the test imports, and the stock code its catalog copy leaves out."""

    orders: Path
    suppliers: Path
    catalog: Path
    stock: Path
    unsupplied_sku: str


def pick_unsupplied_sku(rows: list[list[str]], counted: dict[str, int]) -> str:
    """Return the smallest stock code that two imported orders use and that has stock."""
    orders_using = Counter(sku for order in kept_orders(rows)
                           for sku in {line.sku for line in order.lines})
    candidates = sorted(sku for sku, count in orders_using.items()
                        if count == 2 and counted.get(sku, 0) > 0)
    assert candidates, f"no stock code of {DAY} is used by two orders and has stock"
    return candidates[0]


@pytest.fixture
def day_files(tmp_path: Path) -> DayFiles:
    sample = sample_files()
    rows = read_order_rows(sample.orders, DAY)
    counted = {row["sku"]: int(row["on_hand"]) for row in read_dicts(sample.stock)}
    left_out = pick_unsupplied_sku(rows, counted)

    catalog = read_dicts(sample.catalog)
    header = list(catalog[0])
    trimmed = [[row[name] for name in header] for row in catalog if row["sku"] != left_out]
    return DayFiles(
        orders=write_csv(tmp_path / f"orders-{DAY}.csv", ORDER_HEADER, rows),
        suppliers=sample.suppliers,
        catalog=write_csv(tmp_path / "catalog.csv", header, trimmed),
        stock=sample.stock,
        unsupplied_sku=left_out,
    )


def build_model(files: DayFiles) -> DayModel:
    counted = {row["sku"]: int(row["on_hand"]) for row in read_dicts(files.stock)}
    orders = kept_orders(read_order_rows(files.orders, DAY))
    return DayModel(orders, read_offers(files.suppliers, files.catalog), counted)


def import_day(db: Database, files: DayFiles) -> ImportSummary:
    imports.import_suppliers(db, CLERK, files.suppliers)
    imports.import_catalog(db, CLERK, files.catalog)
    imports.import_stock(db, CLERK, files.stock)
    return imports.import_orders(db, CLERK, files.orders)


def check_orders(db: Database, orders: list[Order], numbers: dict[str, str], step: str) -> None:
    """Compare each SO line's figures with the model's, and check the ledger identity."""
    for order in orders:
        view = get_sales_order(db, numbers[order.reference])
        where = f"{step}: {view.number} ({order.reference})"
        assert len(view.lines) == len(order.lines), where
        for expected, line in zip(order.lines, view.lines, strict=True):
            actual = {name: getattr(line, name) for name in expected.figures()}
            assert actual == expected.figures(), f"{where} line {line.line}"
            supplied = line.from_stock + line.on_order + line.still_to_source + line.cancelled
            assert line.ordered == supplied, f"{where} line {line.line}"


def check_imported_orders(db: Database, model: DayModel, numbers: dict[str, str]) -> None:
    for order in model.orders:
        view = get_sales_order(db, numbers[order.reference])
        where = f"{view.number} ({order.reference})"
        descriptions = [line.description for line in order.lines]
        prices = [line.unit_price for line in order.lines]
        assert view.customer_code == order.customer_code, where
        assert view.order_date == order.order_date, where
        assert view.promised_date == order.promised_date, where
        assert view.total == order.total, where
        assert [line.description for line in view.lines] == descriptions, where
        assert [line.unit_price for line in view.lines] == prices, where


def check_unsupplied_orders(db: Database, orders: list[Order], numbers: dict[str, str],
                            sku: str) -> None:
    for order in orders:
        view = get_sales_order(db, numbers[order.reference])
        assert view.status != "completed", view.number
        assert view.shipments == [], view.number
        assert sum(line.still_to_source for line in view.lines) > 0, view.number
        assert any(sku in reason for reason in view.attention), view.number


def draft_all(db: Database, model: DayModel, numbers: dict[str, str]) -> dict[str, str]:
    """Draft POs for every SO in import order; return the PO number of each supplier."""
    po_numbers: dict[str, str] = {}
    for order in model.orders:
        created, extended = model.draft(order)
        result = drafting.draft_purchase_orders(db, CLERK, numbers[order.reference])
        where = f"{result.sales_order} ({order.reference})"
        bought = [line for line in order.lines if line.on_order]
        # One message per line without a supplier, or one saying that nothing is left to buy.
        messages = len(order.unsupplied_skus) or (0 if bought else 1)

        assert len(result.created) == len(created), where
        po_numbers.update(zip(created, result.created, strict=True))
        assert result.extended == [po_numbers[supplier] for supplier in extended], where
        assert result.lines_ordered == len(bought), where
        assert len(result.messages) == messages, where
    return po_numbers


def check_purchase_orders(db: Database, model: DayModel, po_numbers: dict[str, str],
                          numbers: dict[str, str], status: str) -> None:
    assert len(list_purchase_orders(db)) == len(model.purchase_orders)
    for supplier in model.purchase_orders:
        check_purchase_order(db, model, supplier, po_numbers[supplier], numbers, status)


def check_purchase_order(db: Database, model: DayModel, supplier: str, number: str,
                         numbers: dict[str, str], status: str) -> None:
    """Compare a PO's lines and ledger rows (units bought and received per SO line)."""
    expected = model.purchase_orders[supplier]
    view = get_purchase_order(db, number)
    assert view.supplier_code == supplier, number
    assert view.status == status, number
    assert view.total == expected.total, number
    assert len(view.lines) == len(expected.lines), number
    for want, line in zip(expected.lines.values(), view.lines, strict=True):
        where = f"{number} line {line.line}"
        serves = [(serve.so, serve.line, serve.qty, serve.received) for serve in line.serves]
        expected_serves = [(numbers[row.order.reference], row.line.line_no, row.quantity,
                            row.received) for row in want.rows]
        assert (line.line, line.sku, line.description) == (
            want.line_no, want.sku, want.description), where
        assert line.supplier_sku == want.offer.supplier_sku, where
        assert line.unit_cost == want.offer.unit_cost, where
        assert line.ordered == want.quantity, where
        assert line.received == want.received, where
        assert serves == expected_serves, where


def approve_and_send(db: Database, po_numbers: dict[str, str], folder: Path) -> None:
    """Submit as the clerk, approve and send as a manager, then confirm every PO as ordered."""
    for po in po_numbers.values():
        purchasing.submit(db, CLERK, po)
        purchasing.approve(db, MANAGER, po)
        pdf = purchasing.send(db, MANAGER, po, folder / f"{po}.pdf")
        assert po in PdfReader(pdf).pages[0].extract_text(), pdf
        purchasing.confirm(db, CLERK, po)


def check_confirmed(db: Database, model: DayModel, numbers: dict[str, str]) -> None:
    for order in model.orders:
        view = get_sales_order(db, numbers[order.reference])
        expected = [line.on_order for line in order.lines]
        assert [line.confirmed for line in view.lines] == expected, view.number


def receive_all(db: Database, model: DayModel, po_numbers: dict[str, str],
                numbers: dict[str, str], first_half: bool) -> None:
    """Receive half of each stock code on each PO (rounded down), or everything still open.

    After each receipt, the PO's ledger rows must show the received units on
    the oldest SO lines first.
    """
    for supplier, po in po_numbers.items():
        expected_po = model.purchase_orders[supplier]
        if first_half:
            ordered = expected_po.quantities_by_sku()
            quantities = {sku: units // 2 for sku, units in ordered.items() if units // 2}
        else:
            quantities = dict(expected_po.open_by_sku())
        if not quantities:
            continue

        expected = model.receive(supplier, quantities)
        result = receiving.receive(db, CLERK, po, quantities if first_half else None)
        served = [numbers[order.reference] for order in model.orders
                  if any(line.supplier == supplier for line in order.lines)]
        status = "partly_received" if expected_po.open_by_sku() else "received"
        assert result.received == expected.received, po
        assert result.reserved == expected.reserved, po
        assert result.to_stock == expected.to_stock, po
        assert result.sales_orders == served, po
        check_purchase_order(db, model, supplier, po, numbers, status)


def ship_ready(db: Database, model: DayModel, numbers: dict[str, str],
               orders: list[Order]) -> None:
    for order in orders:
        if order.ready_to_ship == 0:
            continue
        units = model.ship(order)
        result = shipping.ship(db, CLERK, numbers[order.reference])
        assert result.units == units, result.number


def check_shipped_statuses(db: Database, numbers: dict[str, str], orders: list[Order]) -> None:
    """Check that an order with nothing left to ship is shipped, one with units left partly."""
    for order in orders:
        shipped = sum(line.shipped for line in order.lines)
        if not shipped:
            continue
        left = sum(line.quantity - line.shipped for line in order.lines)
        expected = "partly_shipped" if left else "shipped"
        assert get_sales_order(db, numbers[order.reference]).status == expected, order.reference


def stock_by_sku(db: Database) -> dict[str, tuple[int, int]]:
    """Return (on hand, reserved) of every product."""
    with db.read() as session:
        rows = session.execute(select(Product.sku, Product.on_hand, Product.reserved))
        return {sku: (on_hand, reserved) for sku, on_hand, reserved in rows}


def check_stock(db: Database, model: DayModel) -> None:
    expected = {sku: (on_hand, model.reserved[sku]) for sku, on_hand in model.on_hand.items()}
    assert stock_by_sku(db) == expected


def check_final_stock(db: Database, model: DayModel) -> None:
    """Check on hand = opening + bought - shipped, and reserved = units held for open orders."""
    bought: Counter[str] = Counter()
    for po in model.purchase_orders.values():
        bought.update(po.quantities_by_sku())
    shipped: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for order in model.orders:
        for line in order.lines:
            shipped[line.sku] += line.shipped
            held[line.sku] += line.from_stock + line.received - line.shipped
    expected = {sku: (opening + bought[sku] - shipped[sku], held[sku])
                for sku, opening in model.opening.items()}
    assert stock_by_sku(db) == expected


def deposit(order: Order) -> Decimal:
    return (order.total / 2).quantize(Decimal("0.01"), ROUND_DOWN)


def take_deposits(db: Database, numbers: dict[str, str], orders: list[Order]) -> None:
    for order in orders:
        if not deposit(order):
            continue
        balance = sales.record_payment(db, CLERK, numbers[order.reference], deposit(order))
        assert balance == order.total - deposit(order), order.reference


def deliver_and_settle(db: Database, numbers: dict[str, str], orders: list[Order]) -> None:
    for order in orders:
        number = numbers[order.reference]
        sales.deliver_sales_order(db, CLERK, number)
        balance = sales.record_payment(db, CLERK, number, order.total - deposit(order))
        view = get_sales_order(db, number)
        assert balance == Decimal("0.00"), number
        assert view.status == "completed", number
        assert view.balance_due == Decimal("0.00"), number
        assert view.paid == order.total, number
        assert [line.shipped for line in view.lines] == [
            line.quantity for line in order.lines], number


@pytest.mark.slow
def test_sample_day_flow(people: Database, day_files: DayFiles, tmp_path: Path) -> None:
    db = people
    model = build_model(day_files)
    waiting = [order for order in model.orders if order.unsupplied_skus]
    to_ship = [order for order in model.orders if not order.unsupplied_skus]
    unsupplied_lines = sum(len(order.unsupplied_skus) for order in waiting)
    assert waiting
    assert to_ship

    summary = import_day(db, day_files)
    numbers = {row.reference: row.number for row in list_sales_orders(db)}
    assert summary.count(categories.ORDERS_IMPORTED) == len(model.orders)
    assert summary.count(imports.ORDERS_STORED) == len(model.orders)
    assert summary.count(categories.LINES_IMPORTED) == sum(len(o.lines) for o in model.orders)
    assert summary.count(imports.UNKNOWN_SKU_LINES) == unsupplied_lines
    assert sorted(numbers) == sorted(order.reference for order in model.orders)
    check_imported_orders(db, model, numbers)
    check_orders(db, model.orders, numbers, "imported")
    check_unsupplied_orders(db, waiting, numbers, day_files.unsupplied_sku)
    check_stock(db, model)

    po_numbers = draft_all(db, model, numbers)
    check_orders(db, model.orders, numbers, "drafted")
    check_purchase_orders(db, model, po_numbers, numbers, "draft")

    approve_and_send(db, po_numbers, tmp_path / "purchase-orders")
    check_purchase_orders(db, model, po_numbers, numbers, "confirmed")
    check_confirmed(db, model, numbers)
    take_deposits(db, numbers, to_ship)

    receive_all(db, model, po_numbers, numbers, first_half=True)
    check_orders(db, model.orders, numbers, "first receipt")
    ship_ready(db, model, numbers, to_ship)
    check_orders(db, model.orders, numbers, "first shipments")
    check_shipped_statuses(db, numbers, to_ship)
    check_stock(db, model)

    receive_all(db, model, po_numbers, numbers, first_half=False)
    check_orders(db, model.orders, numbers, "second receipt")
    ship_ready(db, model, numbers, to_ship)
    check_orders(db, model.orders, numbers, "second shipments")
    check_shipped_statuses(db, numbers, to_ship)

    deliver_and_settle(db, numbers, to_ship)
    check_unsupplied_orders(db, waiting, numbers, day_files.unsupplied_sku)
    check_final_stock(db, model)


def count_rows(db: Database) -> dict[str, int]:
    tables = (Supplier, CatalogEntry, Product, Customer, SalesOrder, SalesOrderLine,
              StockReservation, PurchaseOrder, Allocation)
    with db.read() as session:
        counts = {table.__name__: session.scalar(select(func.count()).select_from(table)) or 0
                  for table in tables}
        counts["reserved units"] = session.scalar(select(func.sum(Product.reserved))) or 0
    return counts


def test_sample_day_imported_twice(people: Database, day_files: DayFiles) -> None:
    first = import_day(people, day_files)
    before = count_rows(people)

    second = import_day(people, day_files)

    assert count_rows(people) == before
    assert before["SalesOrder"] == first.count(imports.ORDERS_STORED)
    assert second.count(imports.ORDERS_STORED) == 0
    assert second.count(imports.ALREADY_IMPORTED) == first.count(imports.ORDERS_STORED)
