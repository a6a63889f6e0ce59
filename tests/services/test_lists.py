"""List row sources over a real SQLite file, with orders made through the services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.domain.listing import ListQuery, Row
from app.domain.numbers import PO_PREFIX, SO_PREFIX, format_number
from app.domain.states import PO_STATUS_LABELS, SO_STATUS_LABELS, POStatus, SOStatus
from app.persistence.database import Database
from app.services import attention, drafting, purchasing, receiving, sales, shipping
from app.services.lists import (
    ATTENTION_FILTER,
    ApprovalQueueSource,
    PurchaseOrderSource,
    ReceivingQueueSource,
    SalesOrderSource,
    ShippingQueueSource,
)
from app.services.purchasing import Confirmation
from app.services.queries import get_purchase_order, get_sales_order, list_purchase_orders
from app.services.sales import NewLine, NewSalesOrder
from app.services.views import PurchaseOrderView, SalesOrderView
from tests.conftest import CLERK, MANAGER, add_product

ALL = 10_000
FIRST_DAY = date(2024, 3, 1)
# customer code, customer name, reference, [(sku, quantity, unit price)]
ORDERS = [
    ("C01", "Abbey Gifts", "536365", [("BOX-1", 6, "2.55"), ("LAMP-2", 8, "3.39")]),
    ("C02", "harbour & Sons", "536366", [("LAMP-2", 3, "7.65")]),
    ("C03", "Corner 100% Shop", "536367", [("CUP-3", 12, "1.85")]),
    ("C01", "Abbey Gifts", "536368", [("CUP-3", 2, "4.25"), ("MUG-4", 5, "1.25")]),
    ("C04", "Dale_Stores", "536369", [("MUG-4", 24, "0.85"), ("VASE-5", 2, "9.99")]),
    ("C05", "Église Café", "536370", [("BOX-1", 1, "12.00"), ("TRAY-6", 3, "5.50")]),
    ("C02", "harbour & Sons", "536371", [("BOX-1", 4, "2.10"), ("CUP-3", 4, "2.10")]),
    ("C06", "Brook Lane", "536372", [("LAMP-2", 10, "3.00")]),
]


@dataclass
class Warehouse:
    """The database and the numbers of what the fixture made."""

    db: Database
    orders: list[str]
    purchase_orders: list[str]


def _make_orders(db: Database) -> list[str]:
    numbers = []
    for index, (code, name, reference, lines) in enumerate(ORDERS):
        promised = None if index % 3 == 0 else FIRST_DAY + timedelta(days=20 - index)
        new = NewSalesOrder(code, name, [NewLine(sku, qty, Decimal(price))
                                         for sku, qty, price in lines],
                            reference=reference, order_date=FIRST_DAY + timedelta(days=index % 4),
                            promised_date=promised)
        numbers.append(sales.create_sales_order(db, CLERK, new))
    return numbers


def _advance(db: Database, orders: list[str]) -> list[str]:
    """Move the orders and their POs through every state the lists show."""
    for number in orders[:6]:
        drafting.draft_purchase_orders(db, CLERK, number)
    # One PO per supplier, numbered in drafting order: S1 (BOX-1, LAMP-2), S2 (CUP-3),
    # S3 (MUG-4), S4 (VASE-5), S5 (TRAY-6).
    pos = [summary.number for summary in list_purchase_orders(db)]
    for po in pos:
        purchasing.submit(db, CLERK, po)
    sent = pos[:2]
    for po in sent:
        purchasing.approve(db, MANAGER, po)
        purchasing.send(db, CLERK, po)
    purchasing.confirm(db, CLERK, sent[0],
                       {"LAMP-2": Confirmation(expected_date=FIRST_DAY + timedelta(days=9)),
                        "BOX-1": Confirmation(expected_date=FIRST_DAY + timedelta(days=12))})
    receiving.receive(db, CLERK, sent[0], {"LAMP-2": 11})
    purchasing.confirm(db, CLERK, sent[1], {"CUP-3": Confirmation(quantity=10)})
    receiving.receive(db, CLERK, sent[1])
    shipping.ship(db, CLERK, orders[2], {"CUP-3": 5})
    assert len(pos) == 5
    purchasing.reject(db, MANAGER, pos[-1], "Price too high")
    sales.cancel_sales_order(db, CLERK, orders[7])
    return pos


@pytest.fixture
def warehouse(people: Database) -> Warehouse:
    add_product(people, "BOX-1", supplier="S1", on_hand=3)
    add_product(people, "LAMP-2", supplier="S1", cost="2.00")
    add_product(people, "CUP-3", supplier="S2", cost="0.50", on_hand=2)
    add_product(people, "MUG-4", supplier="S3", cost="0.40", pack=6)
    add_product(people, "VASE-5", supplier="S4", cost="6.00")
    add_product(people, "TRAY-6", supplier="S5", cost="3.10")
    orders = _make_orders(people)
    pos = _advance(people, orders)
    return Warehouse(people, orders, pos)


def _ids(rows: Sequence[Row]) -> list[int]:
    return [row.id for row in rows]


def _so_views(db: Database, orders: list[str]) -> list[SalesOrderView]:
    return [get_sales_order(db, number) for number in orders]


def _po_views(db: Database, pos: list[str]) -> list[PurchaseOrderView]:
    return [get_purchase_order(db, number) for number in pos]


def _expected_order(items: Sequence[Any], key: Callable[[Any], Any], ids: Callable[[Any], int],
                    descending: bool = False) -> list[int]:
    """Sort like SQL: by the key with NULLs first, then by id, both in one direction."""
    def sort_key(item: Any) -> tuple[Any, ...]:
        value = key(item)
        return (value is not None, value if value is not None else 0, ids(item))
    return [ids(item) for item in sorted(items, key=sort_key, reverse=descending)]


SO_KEYS: dict[str, Callable[[SalesOrderView], Any]] = {
    "number": lambda view: view.id,
    "reference": lambda view: view.reference,
    "customer": lambda view: view.customer,
    "status": lambda view: list(SOStatus).index(SOStatus(view.status)),
    "order_date": lambda view: view.order_date,
    "promised_date": lambda view: view.promised_date,
    "total": lambda view: view.total,
    "balance_due": lambda view: view.balance_due,
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(SO_KEYS))
def test_sales_orders_sort(warehouse: Warehouse, key: str, descending: bool) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    source = SalesOrderSource(warehouse.db)
    rows = source.fetch(ListQuery(sort_key=key, descending=descending), 0, ALL)
    expected = _expected_order(views, SO_KEYS[key], lambda view: view.id, descending)
    assert _ids(rows) == expected


def test_sales_orders_values(warehouse: Warehouse) -> None:
    source = SalesOrderSource(warehouse.db)
    rows = {row.id: row for row in source.fetch(ListQuery(), 0, ALL)}
    assert source.count(ListQuery()) == len(ORDERS)
    for view in _so_views(warehouse.db, warehouse.orders):
        assert rows[view.id].values == (
            view.number, view.reference, view.customer, SO_STATUS_LABELS[SOStatus(view.status)],
            view.order_date, view.promised_date, view.total, view.balance_due,
            view.reasons[-1].message if view.reasons else None)
        assert rows[view.id].attention == bool(view.attention)


def test_sales_orders_attention(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    flagged = [view.id for view in views if view.attention]
    query = ListQuery(extra={ATTENTION_FILTER: True})
    source = SalesOrderSource(warehouse.db)
    assert flagged
    assert source.count(query) == len(flagged)
    assert _ids(source.fetch(query, 0, ALL)) == flagged


@pytest.mark.parametrize("codes", [
    (attention.PO_REJECTED, attention.PO_CANCELLED),
    (attention.SHORT_CONFIRMATION, attention.LATE_CONFIRMATION),
    (attention.CHANGED_AFTER_SENT, attention.PO_CHANGED),
    (attention.NO_SUPPLIER,),
])
def test_sales_orders_attention_kind(warehouse: Warehouse, codes: tuple[str, ...]) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    expected = [view.id for view in views
                if any(reason.code in codes for reason in view.reasons)]
    query = ListQuery(extra={ATTENTION_FILTER: codes})
    source = SalesOrderSource(warehouse.db)
    assert source.count(query) == len(expected)
    assert _ids(source.fetch(query, 0, ALL)) == expected


def test_attention_kinds_seen(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    codes = {reason.code for view in views for reason in view.reasons}
    # The kind filters above are only meaningful if the warehouse has several kinds.
    assert len(codes) >= 2


def test_sales_orders_status_filter(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    source = SalesOrderSource(warehouse.db)
    seen = 0
    for state in SOStatus:
        expected = [view.id for view in views if view.status == state.value]
        query = ListQuery(status=state.value)
        assert source.count(query) == len(expected), state
        assert _ids(source.fetch(query, 0, ALL)) == expected, state
        seen += bool(expected)
    assert seen >= 4


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("abbey", [0, 3]),  # customer name, any case
        ("C02", [1, 6]),  # customer code
        ("53637", [5, 6, 7]),  # reference
        ("cup-3", [2, 3, 6]),  # SKU of a line
        ("100%", [2]),  # % is literal
        ("Dale_", [4]),  # _ is literal
        ("Église", [5]),  # non-ASCII text in its own case
        ("nothing-like-this", []),
    ],
)
def test_sales_orders_text_filter(warehouse: Warehouse, text: str, positions: list[int]) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    expected = [views[position].id for position in positions]
    source = SalesOrderSource(warehouse.db)
    assert source.count(ListQuery(text=text)) == len(expected)
    assert _ids(source.fetch(ListQuery(text=text), 0, ALL)) == expected


def test_sales_orders_number_filter(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    target = views[4]
    typed = f"so-{target.id}"
    source = SalesOrderSource(warehouse.db)
    assert format_number(SO_PREFIX, target.id) == target.number
    assert _ids(source.fetch(ListQuery(text=typed), 0, ALL)) == [target.id]
    assert _ids(source.fetch(ListQuery(text=target.number), 0, ALL)) == [target.id]


def test_sales_orders_text_and_status(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    state = views[6].status
    expected = [view.id for view in views if view.status == state and "harbour" in view.customer]
    query = ListQuery(text="HARBOUR", status=state)
    assert SalesOrderSource(warehouse.db).count(query) == len(expected)
    assert _ids(SalesOrderSource(warehouse.db).fetch(query, 0, ALL)) == expected


@pytest.mark.parametrize("page", [1, 3, 5])
def test_sales_orders_pages(warehouse: Warehouse, page: int) -> None:
    source = SalesOrderSource(warehouse.db)
    query = ListQuery(sort_key="customer", descending=True)
    whole = _ids(source.fetch(query, 0, ALL))
    paged: list[int] = []
    for offset in range(0, len(whole), page):
        paged += _ids(source.fetch(query, offset, page))
    assert paged == whole
    assert source.fetch(query, len(whole), page) == []


PO_KEYS: dict[str, Callable[[PurchaseOrderView], Any]] = {
    "number": lambda view: view.id,
    "supplier": lambda view: view.supplier,
    "status": lambda view: list(POStatus).index(POStatus(view.status)),
    "revision": lambda view: view.revision,
    "total": lambda view: view.total,
    "submitted_by": lambda view: view.submitted_by,
}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(PO_KEYS))
def test_purchase_orders_sort(warehouse: Warehouse, key: str, descending: bool) -> None:
    views = _po_views(warehouse.db, warehouse.purchase_orders)
    rows = PurchaseOrderSource(warehouse.db).fetch(
        ListQuery(sort_key=key, descending=descending), 0, ALL)
    assert _ids(rows) == _expected_order(views, PO_KEYS[key], lambda view: view.id, descending)


def test_purchase_orders_values(warehouse: Warehouse) -> None:
    source = PurchaseOrderSource(warehouse.db)
    rows = {row.id: row for row in source.fetch(ListQuery(), 0, ALL)}
    assert source.count(ListQuery()) == len(warehouse.purchase_orders)
    for view in _po_views(warehouse.db, warehouse.purchase_orders):
        number, supplier, status, revision, total, created, submitted_by = rows[view.id].values
        assert (number, supplier, revision, total, submitted_by) == (
            view.number, view.supplier, view.revision, view.total, view.submitted_by)
        assert status == PO_STATUS_LABELS[POStatus(view.status)]
        assert created.tzinfo is not None


def test_purchase_orders_filters(warehouse: Warehouse) -> None:
    views = _po_views(warehouse.db, warehouse.purchase_orders)
    source = PurchaseOrderSource(warehouse.db)
    for state in POStatus:
        expected = [view.id for view in views if view.status == state.value]
        assert _ids(source.fetch(ListQuery(status=state.value), 0, ALL)) == expected
    by_sku = [view.id for view in views if any(line.sku == "MUG-4" for line in view.lines)]
    by_supplier = [view.id for view in views if view.supplier_code == "S2"]
    assert by_sku
    assert _ids(source.fetch(ListQuery(text="mug"), 0, ALL)) == by_sku
    assert _ids(source.fetch(ListQuery(text="Supplier S2"), 0, ALL)) == by_supplier
    assert source.count(ListQuery(text=f"po-{views[1].id}")) == 1
    assert source.count(ListQuery(status="no-such-status")) == 0


def test_approval_queue(warehouse: Warehouse) -> None:
    views = _po_views(warehouse.db, warehouse.purchase_orders)
    waiting = [view for view in views if view.status == POStatus.AWAITING_APPROVAL.value]
    source = ApprovalQueueSource(warehouse.db)
    rows = source.fetch(ListQuery(sort_key="total", descending=True), 0, ALL)
    assert waiting
    assert source.count(ListQuery()) == len(waiting)
    assert _ids(rows) == _expected_order(waiting, lambda view: view.total,
                                         lambda view: view.id, descending=True)
    by_id = {view.id: view for view in waiting}
    for row in rows:
        view = by_id[row.id]
        number, supplier, revision, lines, total, submitted_by, _submitted_at, age = row.values
        assert (number, supplier, revision, lines, total, submitted_by) == (
            view.number, view.supplier, view.revision, len(view.lines), view.total, CLERK)
        assert age == 0
    assert source.count(ListQuery(status=POStatus.SENT.value)) == 0


def test_receiving_queue(warehouse: Warehouse) -> None:
    views = _po_views(warehouse.db, warehouse.purchase_orders)
    open_states = {POStatus.SENT.value, POStatus.CONFIRMED.value, POStatus.PARTLY_RECEIVED.value}
    queue = [view for view in views if view.status in open_states]
    source = ReceivingQueueSource(warehouse.db)
    rows = {row.id: row for row in source.fetch(ListQuery(), 0, ALL)}
    assert queue
    assert set(rows) == {view.id for view in queue}
    for view in queue:
        _number, _supplier, status, expected, open_units, _sent = rows[view.id].values
        still_open = [line for line in view.lines if line.open > 0]
        dates = [line.expected_date for line in still_open if line.expected_date is not None]
        assert status == PO_STATUS_LABELS[POStatus(view.status)]
        assert open_units == sum(line.open for line in view.lines)
        assert expected == (min(dates) if dates else None)
    assert source.count(ListQuery(status=POStatus.DRAFT.value)) == 0


def test_receiving_queue_sort_open(warehouse: Warehouse) -> None:
    source = ReceivingQueueSource(warehouse.db)
    rows = source.fetch(ListQuery(sort_key="open_units"), 0, ALL)
    units = [row.values[4] for row in rows]
    assert units == sorted(units)
    assert len(rows) == source.count(ListQuery())


def test_shipping_queue(warehouse: Warehouse) -> None:
    views = _so_views(warehouse.db, warehouse.orders)
    states = {SOStatus.PARTLY_READY.value, SOStatus.READY_TO_SHIP.value,
              SOStatus.PARTLY_SHIPPED.value}
    ready = {view.id: sum(line.ready_to_ship for line in view.lines) for view in views}
    queue = [view for view in views if view.status in states and ready[view.id] > 0]
    source = ShippingQueueSource(warehouse.db)
    rows = source.fetch(ListQuery(sort_key="units_ready"), 0, ALL)
    assert len(queue) >= 2
    assert source.count(ListQuery()) == len(queue)
    assert _ids(rows) == _expected_order(queue, lambda view: ready[view.id],
                                         lambda view: view.id)
    for row in rows:
        assert row.values[5] == ready[row.id]
    shipped_part = [view.id for view in queue if view.status == SOStatus.PARTLY_SHIPPED.value]
    query = ListQuery(status=SOStatus.PARTLY_SHIPPED.value)
    assert _ids(source.fetch(query, 0, ALL)) == shipped_part
    assert source.count(ListQuery(status=SOStatus.SHIPPED.value)) == 0


def test_shipping_queue_complete_only(people: Database) -> None:
    add_product(people, "BOX-1", on_hand=2)
    new = NewSalesOrder("C1", "Customer One", [NewLine("BOX-1", 5, Decimal("1.00"))],
                        allow_partial_shipment=False)
    number = sales.create_sales_order(people, CLERK, new)
    source = ShippingQueueSource(people)
    assert get_sales_order(people, number).status == SOStatus.PARTLY_READY.value
    assert source.count(ListQuery()) == 0


def test_numbers_come_from_ids(warehouse: Warehouse) -> None:
    rows = PurchaseOrderSource(warehouse.db).fetch(ListQuery(), 0, ALL)
    assert [row.values[0] for row in rows] == [format_number(PO_PREFIX, row.id) for row in rows]


def test_receiving_undated_last(people: Database) -> None:
    add_product(people, "BOX-1", supplier="S1")
    add_product(people, "CUP-3", supplier="S2")
    pos = []
    for sku in ("BOX-1", "CUP-3"):
        new = NewSalesOrder("C1", "Customer One", [NewLine(sku, 2, Decimal("1.00"))])
        number = sales.create_sales_order(people, CLERK, new)
        [po] = drafting.draft_purchase_orders(people, CLERK, number).created
        purchasing.submit(people, CLERK, po)
        purchasing.approve(people, MANAGER, po)
        purchasing.send(people, CLERK, po)
        pos.append(po)
    dated, undated = pos[1], pos[0]
    purchasing.confirm(people, CLERK, dated, {"CUP-3": Confirmation(expected_date=FIRST_DAY)})
    source = ReceivingQueueSource(people)
    numbers = [row.values[0] for row in source.fetch(ListQuery(sort_key="expected_date"), 0, ALL)]
    backwards = [row.values[0] for row in source.fetch(
        ListQuery(sort_key="expected_date", descending=True), 0, ALL)]
    assert numbers == [dated, undated]
    assert backwards == [undated, dated]


def test_shipping_unpromised_last(people: Database) -> None:
    add_product(people, "BOX-1", on_hand=10)
    promised = [None, FIRST_DAY + timedelta(days=3), FIRST_DAY]
    numbers = [sales.create_sales_order(people, CLERK, NewSalesOrder(
        f"C{index}", f"Customer {index}", [NewLine("BOX-1", 2, Decimal("1.00"))],
        promised_date=day)) for index, day in enumerate(promised)]
    rows = ShippingQueueSource(people).fetch(ListQuery(sort_key="promised_date"), 0, ALL)
    assert [row.values[0] for row in rows] == [numbers[2], numbers[1], numbers[0]]
