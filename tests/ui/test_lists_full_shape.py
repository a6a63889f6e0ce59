"""The five list models over a database shaped like a full year of orders.

The rows are synthetic and inserted straight into the migrated schema with
sqlite3, in the numbers of the real year (25,900 orders, about 540,000
lines, 4,372 customers, 4,070 products), with purchase orders, reservations,
receipts and shipments in every state the queues show. Counts, sort orders
and filter results are checked against SQL and Python written here, not
against the sources' own queries.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.bootstrap import open_database
from app.domain.listing import ListQuery, RowSource
from app.domain.numbers import SO_PREFIX, parse_number
from app.domain.states import POStatus, SOStatus
from app.persistence.database import Database
from app.services.lists import (
    FEW_LINES,
    ApprovalQueueSource,
    PurchaseOrderSource,
    ReceivingQueueSource,
    SalesOrderSource,
    ShippingQueueSource,
)
from app.ui.lazy_model import LazyTableModel

# Generating the year and walking its lists takes 20 to 30 s on two cores.
pytestmark = pytest.mark.slow

ORDERS = 25_900
CUSTOMERS = 4_372
PRODUCTS = 4_070
SUPPLIERS = 24
PURCHASE_ORDERS = 3_000
LARGEST_ORDER = 1_114  # lines on the largest real order
FIRST_DAY = date(2010, 12, 1)
CREATED = "2011-01-01 09:00:00.000000"
SEED = 541909

SO_WEIGHTS = {
    SOStatus.DRAFT: 1, SOStatus.OPEN: 1, SOStatus.AWAITING_PURCHASE: 30,
    SOStatus.ON_ORDER: 15, SOStatus.PARTLY_READY: 12, SOStatus.READY_TO_SHIP: 8,
    SOStatus.PARTLY_SHIPPED: 4, SOStatus.SHIPPED: 8, SOStatus.DELIVERED: 6,
    SOStatus.COMPLETED: 12, SOStatus.CANCELLED: 3,
}
PO_WEIGHTS = {
    POStatus.DRAFT: 8, POStatus.AWAITING_APPROVAL: 10, POStatus.APPROVED: 5,
    POStatus.SENT: 12, POStatus.CONFIRMED: 20, POStatus.PARTLY_RECEIVED: 10,
    POStatus.RECEIVED: 25, POStatus.CLOSED: 7, POStatus.CANCELLED: 3,
}
SHIPPING = (SOStatus.PARTLY_READY, SOStatus.READY_TO_SHIP, SOStatus.PARTLY_SHIPPED)
RECEIVING = (POStatus.SENT, POStatus.CONFIRMED, POStatus.PARTLY_RECEIVED)
SO_RANK = {state.value: position for position, state in enumerate(SOStatus)}
PO_RANK = {state.value: position for position, state in enumerate(POStatus)}

# What a list query returns: the record id and the value it is sorted by.
_Keyed = list[tuple[int, object]]


@dataclass(frozen=True)
class Year:
    """The generated database and how many rows it has."""

    path: Path
    orders: int
    lines: int


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Year:
    path = tmp_path_factory.mktemp("full-shape") / "tandem.sqlite"
    open_database(str(path)).dispose()
    connection = sqlite3.connect(path)
    try:
        with connection:
            lines = _generate(connection, random.Random(SEED))
    finally:
        connection.close()
    return Year(path, ORDERS, lines)


@pytest.fixture(scope="module")
def db(year: Year) -> Iterator[Database]:
    database = open_database(str(year.path))
    yield database
    database.dispose()


def _generate(connection: sqlite3.Connection, rng: random.Random) -> int:
    """Insert the whole year; return the number of sales order lines."""
    connection.executemany(
        "INSERT INTO customer (id, code, name, country, address) VALUES (?, ?, ?, ?, '')",
        [(n, str(12346 + n), f"Customer {12346 + n}", "United Kingdom")
         for n in range(1, CUSTOMERS + 1)])
    connection.executemany(
        "INSERT INTO supplier (id, code, name, email, country, lead_time_days, currency, terms)"
        " VALUES (?, ?, ?, ?, 'United Kingdom', 7, 'GBP', '')",
        [(n, f"SUP{n:03d}", f"Supplier {n:02d} Ltd", f"orders@sup{n}.example")
         for n in range(1, SUPPLIERS + 1)])
    connection.executemany(
        "INSERT INTO product (id, sku, description, always_back_to_back, on_hand, reserved)"
        " VALUES (?, ?, ?, 0, 0, 0)",
        [(n, f"{20000 + n}{rng.choice(('', '', 'A', 'B', 'C'))}", f"ITEM {n}")
         for n in range(1, PRODUCTS + 1)])
    orders = _sales_orders(connection, rng)
    lines = _sales_order_lines(connection, rng, orders)
    _purchase_orders(connection, rng, lines)
    _stock_and_shipments(connection, rng, orders, lines)
    return sum(len(order_lines) for order_lines in lines.values())


def _sales_orders(connection: sqlite3.Connection, rng: random.Random) -> dict[int, str]:
    states = list(SO_WEIGHTS)
    weights = list(SO_WEIGHTS.values())
    rows = []
    for n in range(1, ORDERS + 1):
        status = rng.choices(states, weights)[0].value
        ordered = FIRST_DAY + timedelta(days=n * 373 // ORDERS)
        promised = None if n % 11 == 0 else ordered + timedelta(days=rng.randrange(5, 30))
        total = rng.randrange(500, 500_000)
        paid = total if status == SOStatus.COMPLETED else rng.choice((0, 0, total // 2))
        rows.append((n, f"SO-{n:06d}", str(536364 + n), f"order:{536364 + n}",
                     rng.randrange(1, CUSTOMERS + 1), ordered.isoformat(),
                     promised.isoformat() if promised else None, status, int(n % 17 == 0),
                     int(n % 5 != 0), total, paid, CREATED))
    connection.executemany(
        "INSERT INTO sales_order (id, number, reference, import_key, customer_id, order_date,"
        " promised_date, status, attention, allow_partial_shipment, currency, total, paid,"
        " line_count, created_at, created_by, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'GBP', ?, ?, 0, ?, 'clerk', 1)", rows)
    return {row[0]: row[7] for row in rows}


def _sales_order_lines(connection: sqlite3.Connection, rng: random.Random,
                       orders: dict[int, str]) -> dict[int, list[tuple[int, int, int]]]:
    """Insert about 21 lines per order, popular products more often; return them by order.

    Each line is (line id, product id, quantity).
    """
    lines: dict[int, list[tuple[int, int, int]]] = {}
    rows = []
    line_id = 0
    for order_id in orders:
        count = LARGEST_ORDER if order_id == ORDERS // 2 else rng.randrange(1, 41)
        order_lines = []
        for line_no in range(1, count + 1):
            line_id += 1
            product_id = 1 + int(PRODUCTS * rng.random() ** 2)
            quantity = rng.choice((1, 2, 3, 6, 12, 24, 48))
            order_lines.append((line_id, product_id, quantity))
            rows.append((line_id, order_id, line_no, product_id, quantity,
                         rng.randrange(100, 200_000)))
        lines[order_id] = order_lines
    connection.executemany(
        "INSERT INTO sales_order_line (id, sales_order_id, line_no, product_id, description,"
        " quantity, cancelled, unit_price, sourcing) VALUES (?, ?, ?, ?, '', ?, 0, ?, 'auto')",
        rows)
    return lines


def _purchase_orders(connection: sqlite3.Connection, rng: random.Random,
                     lines: dict[int, list[tuple[int, int, int]]]) -> None:
    """Insert POs in every state, each line bought for one SO line, some received."""
    states = list(PO_WEIGHTS)
    weights = list(PO_WEIGHTS.values())
    order_ids = list(lines)
    orders, po_lines, allocations = [], [], []
    po_line_id = 0
    for po_id in range(1, PURCHASE_ORDERS + 1):
        status = rng.choices(states, weights)[0]
        sent = status in (*RECEIVING, POStatus.RECEIVED, POStatus.CLOSED)
        orders.append((po_id, f"PO-{po_id:06d}", rng.randrange(1, SUPPLIERS + 1), status.value,
                       rng.randrange(1000, 900_000), f"SR-{po_id}" if po_id % 3 == 0 else "",
                       CREATED, "clara" if status != POStatus.DRAFT else None,
                       CREATED if sent else None))
        served = lines[rng.choice(order_ids)]
        for line_no, (so_line_id, product_id, quantity) in enumerate(served[:6], start=1):
            po_line_id += 1
            received = _received(status, quantity, rng)
            expected = None
            if status != POStatus.SENT and sent and po_line_id % 9:
                expected = (FIRST_DAY + timedelta(days=rng.randrange(400))).isoformat()
            po_lines.append((po_line_id, po_id, line_no, product_id, quantity,
                             quantity if expected else None, expected, received))
            allocations.append((po_line_id, so_line_id, po_line_id, quantity, received))
    connection.executemany(
        "INSERT INTO purchase_order (id, number, supplier_id, status, revision, currency,"
        " terms, total, supplier_reference, rejection_reason, created_at, created_by,"
        " submitted_by, approval_comment, sent_at, version)"
        " VALUES (?, ?, ?, ?, 0, 'GBP', '', ?, ?, '', ?, 'clara', ?, '', ?, 1)", orders)
    connection.executemany(
        "INSERT INTO purchase_order_line (id, purchase_order_id, line_no, product_id,"
        " supplier_sku, description, quantity, unit_cost, confirmed, expected_date, received,"
        " rejected) VALUES (?, ?, ?, ?, '', '', ?, 10000, ?, ?, ?, 0)", po_lines)
    connection.executemany(
        "INSERT INTO allocation (id, so_line_id, po_line_id, quantity, confirmed, received,"
        f" shipped, created_at) VALUES (?, ?, ?, ?, 0, ?, 0, '{CREATED}')", allocations)


def _received(status: POStatus, quantity: int, rng: random.Random) -> int:
    if status in (POStatus.RECEIVED, POStatus.CLOSED):
        return quantity
    if status in (POStatus.PARTLY_RECEIVED, POStatus.CANCELLED):
        return rng.randrange(quantity + 1)
    return 0


def _stock_and_shipments(connection: sqlite3.Connection, rng: random.Random,
                         orders: dict[int, str], lines: dict[int, list[tuple[int, int, int]]]
                         ) -> None:
    """Reserve stock for orders that can ship, and ship some of it.

    A partly shipped order sometimes shipped everything reserved, so it has
    no units ready and stays out of the shipping queue.
    """
    reservations, shipments, shipment_lines = [], [], []
    for order_id, status in orders.items():
        if status not in SHIPPING:
            continue
        for so_line_id, product_id, quantity in lines[order_id][:3]:
            reservations.append((so_line_id, product_id, quantity))
        if status == SOStatus.PARTLY_SHIPPED:
            shipment_id = len(shipments) + 1
            shipments.append((shipment_id, f"SH-{shipment_id:06d}", order_id))
            shipped = lines[order_id][:rng.choice((1, 3))]
            shipment_lines += [(shipment_id, so_line_id, quantity, quantity, quantity)
                               for so_line_id, _product, quantity in shipped]
    connection.executemany(
        "INSERT INTO stock_reservation (so_line_id, product_id, quantity, shipped, created_at)"
        f" VALUES (?, ?, ?, 0, '{CREATED}')", reservations)
    connection.executemany(
        "INSERT INTO shipment (id, number, sales_order_id, shipped_at, shipped_by, carrier,"
        f" tracking) VALUES (?, ?, ?, '{CREATED}', 'clara', '', '')", shipments)
    connection.executemany(
        "INSERT INTO shipment_line (shipment_id, so_line_id, quantity, ordered_then,"
        " shipped_to_date_then) VALUES (?, ?, ?, ?, ?)", shipment_lines)


def _sql(year: Year, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(year.path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def _units_ready(year: Year) -> dict[int, int]:
    """Units ready per order, line by line, as the rules define them."""
    rows = _sql(year, """
        SELECT l.sales_order_id,
               sum((SELECT coalesce(sum(r.quantity), 0) FROM stock_reservation r
                    WHERE r.so_line_id = l.id)
                 + (SELECT coalesce(sum(a.received), 0) FROM allocation a
                    JOIN purchase_order_line pl ON pl.id = a.po_line_id
                    JOIN purchase_order po ON po.id = pl.purchase_order_id
                    WHERE a.so_line_id = l.id AND po.status != 'cancelled')
                 - (SELECT coalesce(sum(s.quantity), 0) FROM shipment_line s
                    WHERE s.so_line_id = l.id))
        FROM sales_order_line l JOIN sales_order so ON so.id = l.sales_order_id
        WHERE so.status IN ('partly_ready', 'ready_to_ship', 'partly_shipped')
        GROUP BY l.sales_order_id""")
    return {int(order_id): int(units) for order_id, units in rows}


def _shipping_queue(year: Year) -> dict[int, int]:
    """Orders the shipping queue must show, with their units ready."""
    ready = _units_ready(year)
    rows = _sql(year, "SELECT id, status, allow_partial_shipment FROM sales_order "
                      "WHERE status IN ('partly_ready', 'ready_to_ship', 'partly_shipped')")
    return {int(order_id): ready[int(order_id)]
            for order_id, status, partial in rows
            if (partial or status == "ready_to_ship") and ready.get(int(order_id), 0) > 0}


def _model_ids(model: LazyTableModel, rows: Sequence[int] | None = None) -> list[int]:
    wanted = range(model.rowCount()) if rows is None else rows
    return [model.record_id(row) for row in wanted]


def _all_ids(source: RowSource, query: ListQuery) -> list[int]:
    """Fetch every matching record in one page, which the model would fetch in many."""
    return [row.id for row in source.fetch(query, 0, source.count(query) + 1)]


def _sorted_ids(keyed: _Keyed, descending: bool) -> list[int]:
    """Order ids by key then id, both in the same direction; None sorts first, as in SQL."""
    ordered = sorted(keyed, key=lambda item: (item[1] is not None, item[1], item[0]))
    return [record_id for record_id, _key in (reversed(ordered) if descending else ordered)]


def _check_sorted(source: RowSource, column: str, keyed: _Keyed) -> None:
    model = LazyTableModel(source)
    keys = [spec.key for spec in source.columns]
    for descending in (False, True):
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        model.sort(keys.index(column), order)
        expected = _sorted_ids(keyed, descending)
        last = model.rowCount() - 1
        rows = [*range(min(100, last + 1)), *range(max(0, last - 100), last + 1)]
        assert model.rowCount() == len(expected)
        assert _model_ids(model, rows) == [expected[row] for row in rows], (column, descending)


def test_year_has_full_shape(year: Year) -> None:
    assert year.orders == ORDERS
    assert 520_000 < year.lines < 570_000
    assert _sql(year, "SELECT count(*) FROM sales_order_line")[0][0] == year.lines


@pytest.mark.parametrize("source_class", [SalesOrderSource, PurchaseOrderSource,
                                          ApprovalQueueSource, ReceivingQueueSource,
                                          ShippingQueueSource])
def test_model_tester_full_year(qtmodeltester: ModelTester, db: Database,
                                source_class: type[RowSource]) -> None:
    model = LazyTableModel(source_class(db))
    assert model.rowCount() > 100
    qtmodeltester.check(model)


def test_counts_match_sql(db: Database, year: Year) -> None:
    def count(sql: str) -> int:
        return int(_sql(year, sql)[0][0])

    assert LazyTableModel(SalesOrderSource(db)).rowCount() == count(
        "SELECT count(*) FROM sales_order")
    assert LazyTableModel(PurchaseOrderSource(db)).rowCount() == count(
        "SELECT count(*) FROM purchase_order")
    assert LazyTableModel(ApprovalQueueSource(db)).rowCount() == count(
        "SELECT count(*) FROM purchase_order WHERE status = 'awaiting_approval'")
    assert LazyTableModel(ReceivingQueueSource(db)).rowCount() == count(
        "SELECT count(*) FROM purchase_order "
        "WHERE status IN ('sent', 'confirmed', 'partly_received')")
    assert LazyTableModel(ShippingQueueSource(db)).rowCount() == len(_shipping_queue(year))


def test_shipping_queue_skips_nothing_ready(year: Year) -> None:
    partly_shipped = _sql(year, "SELECT id FROM sales_order WHERE status = 'partly_shipped' "
                                "AND allow_partial_shipment = 1")
    queue = _shipping_queue(year)
    left_out = [order_id for (order_id,) in partly_shipped if order_id not in queue]
    assert left_out, "the data must have partly shipped orders with nothing ready"


def test_sales_orders_sorted(db: Database, year: Year) -> None:
    source = SalesOrderSource(db)
    rows = _sql(year, "SELECT so.id, c.name, so.status, so.order_date, so.promised_date, "
                      "so.total, so.total - so.paid, so.reference FROM sales_order so "
                      "JOIN customer c ON c.id = so.customer_id")
    _check_sorted(source, "customer", [(row[0], row[1]) for row in rows])
    _check_sorted(source, "status", [(row[0], SO_RANK[row[2]]) for row in rows])
    _check_sorted(source, "order_date", [(row[0], row[3]) for row in rows])
    _check_sorted(source, "promised_date", [(row[0], row[4]) for row in rows])
    _check_sorted(source, "total", [(row[0], row[5]) for row in rows])
    _check_sorted(source, "balance_due", [(row[0], row[6]) for row in rows])
    _check_sorted(source, "reference", [(row[0], row[7]) for row in rows])


def test_shipping_queue_sorted(db: Database, year: Year) -> None:
    source = ShippingQueueSource(db)
    queue = _shipping_queue(year)
    _check_sorted(source, "units_ready", list(queue.items()))
    statuses = dict(_sql(year, "SELECT id, status FROM sales_order"))
    _check_sorted(source, "status",
                  [(order_id, SO_RANK[statuses[order_id]]) for order_id in queue])


def test_receiving_queue_sorted(db: Database, year: Year) -> None:
    source = ReceivingQueueSource(db)
    rows = _sql(year, """
        SELECT po.id, po.status,
               sum(max(l.quantity - l.received, 0)),
               min(CASE WHEN l.quantity > l.received THEN l.expected_date END)
        FROM purchase_order po JOIN purchase_order_line l ON l.purchase_order_id = po.id
        WHERE po.status IN ('sent', 'confirmed', 'partly_received') GROUP BY po.id""")
    _check_sorted(source, "open_units", [(row[0], row[2]) for row in rows])
    _check_sorted(source, "status", [(row[0], PO_RANK[row[1]]) for row in rows])
    # Expected date sorts POs without one after the others, ascending.
    dated = [(row[0], (row[3] is None, row[3] or "")) for row in rows]
    _check_sorted(source, "expected_date", dated)


def _so_matches(year: Year, text: str, table: str = "sales_order") -> set[int]:
    pattern = f"%{text}%"
    rows = _sql(year, f"""
        SELECT so.id FROM {table} so JOIN customer c ON c.id = so.customer_id
        WHERE so.number LIKE ?1 OR so.reference LIKE ?1 OR c.name LIKE ?1 OR c.code LIKE ?1
           OR so.id IN (SELECT l.sales_order_id FROM sales_order_line l
                        JOIN product p ON p.id = l.product_id WHERE p.sku LIKE ?1)""",
                pattern)
    matches = {int(order_id) for (order_id,) in rows}
    typed_id = parse_number(SO_PREFIX, text)
    if typed_id is not None and typed_id <= ORDERS:
        matches.add(typed_id)
    return matches


def _lines_with_sku(year: Year, text: str) -> int:
    return int(_sql(year, "SELECT count(*) FROM sales_order_line l JOIN product p "
                          "ON p.id = l.product_id WHERE p.sku LIKE ?", f"%{text}%")[0][0])


@pytest.mark.parametrize("kind", ["number", "reference", "customer", "rare SKU", "common SKU"])
def test_sales_order_filter_matches_sql(db: Database, year: Year, kind: str) -> None:
    rare = _sql(year, "SELECT p.sku FROM product p JOIN sales_order_line l "
                      "ON l.product_id = p.id GROUP BY p.id HAVING count(*) BETWEEN 5 AND 50 "
                      "AND p.sku GLOB '*[AB]' LIMIT 1")[0][0]
    text = {"number": "SO-01234", "reference": "5480", "customer": "Customer 1300",
            "rare SKU": rare, "common SKU": "A"}[kind]
    if kind == "common SKU":
        assert _lines_with_sku(year, str(text)) > FEW_LINES
    if kind == "rare SKU":
        assert _lines_with_sku(year, str(text)) <= FEW_LINES
    query = ListQuery(text=str(text))
    model = LazyTableModel(SalesOrderSource(db), query)
    expected = sorted(_so_matches(year, str(text)))
    assert expected
    assert model.rowCount() == len(expected)
    assert _model_ids(model, range(min(50, len(expected)))) == expected[:50]
    assert _all_ids(SalesOrderSource(db), query) == expected


def test_purchase_order_filter_by_sku(db: Database, year: Year) -> None:
    text = "B"
    rows = _sql(year, """
        SELECT po.id FROM purchase_order po JOIN supplier s ON s.id = po.supplier_id
        WHERE po.number LIKE ?1 OR po.supplier_reference LIKE ?1 OR s.name LIKE ?1
           OR s.code LIKE ?1
           OR po.id IN (SELECT l.purchase_order_id FROM purchase_order_line l
                        JOIN product p ON p.id = l.product_id WHERE p.sku LIKE ?1)""",
                f"%{text}%")
    expected = sorted(int(po_id) for (po_id,) in rows)
    assert expected
    assert _all_ids(PurchaseOrderSource(db), ListQuery(text=text)) == expected


def test_shipping_queue_filter_by_sku(db: Database, year: Year) -> None:
    queue = _shipping_queue(year)
    text = "C"
    expected = sorted(_so_matches(year, text) & set(queue))
    assert expected
    assert _all_ids(ShippingQueueSource(db), ListQuery(text=text)) == expected
