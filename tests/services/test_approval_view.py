"""What the approval dialog shows beyond the PO: margins, deposits, changes, supplier record."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import select

from app.persistence.database import Database
from app.persistence.models import AuditEvent, Setting
from app.persistence.types import utcnow
from app.services import drafting, po_changes, purchasing, receiving, sales
from app.services.approval_view import get_approval_review
from app.services.context import find_purchase_order
from app.services.purchasing import AUTO_APPROVER, Confirmation
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

# sku -> unit cost, all from supplier S1
COSTS = {"P-100": "4.00", "P-200": "2.50", "P-300": "7.25"}
# customer, [(sku, quantity, unit price)]
ORDERS = [
    ("C1", [("P-100", 3, "9.00"), ("P-200", 10, "4.00")]),
    ("C2", [("P-100", 2, "8.50"), ("P-300", 1, "6.99")]),
]


def _make(db: Database) -> tuple[list[str], str]:
    for sku, cost in COSTS.items():
        add_product(db, sku, cost=cost)
    orders = [sales.create_sales_order(db, CLERK, NewSalesOrder(
        code, f"Customer {code}", [NewLine(sku, qty, Decimal(price)) for sku, qty, price in lines]))
        for code, lines in ORDERS]
    po = drafting.draft_purchase_orders(db, CLERK, orders[0]).created[0]
    drafting.draft_purchase_orders(db, CLERK, orders[1])
    purchasing.submit(db, CLERK, po)
    return orders, po


def _percent(margin: Decimal, value: Decimal) -> Decimal:
    return (margin * 100 / value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_margins_from_rows(people: Database) -> None:
    _orders, po = _make(people)
    review = get_approval_review(people, po)

    value: dict[str, Decimal] = {}
    units: dict[str, int] = {}
    for _code, lines in ORDERS:
        for sku, qty, price in lines:
            value[sku] = value.get(sku, Decimal(0)) + Decimal(price) * qty
            units[sku] = units.get(sku, 0) + qty
    for line in review.po.lines:
        margin = value[line.sku] - Decimal(COSTS[line.sku]) * units[line.sku]
        assert line.sales_value == value[line.sku]
        assert line.margin == margin
        assert review.line_margin_percent[line.line] == _percent(margin, value[line.sku])
    total_value = sum(value.values(), start=Decimal(0))
    total_margin = sum((value[sku] - Decimal(COSTS[sku]) * units[sku] for sku in value),
                       start=Decimal(0))
    assert review.po.margin == total_margin
    assert review.margin_percent == _percent(total_margin, total_value)


def test_negative_margin_percent(people: Database) -> None:
    _orders, po = _make(people)
    review = get_approval_review(people, po)
    [p300] = [line for line in review.po.lines if line.sku == "P-300"]

    assert p300.margin == Decimal("-0.26")
    assert review.line_margin_percent[p300.line] == Decimal("-3.7")


def test_deposits_per_order(people: Database) -> None:
    orders, po = _make(people)
    add_product(people, "P-900", supplier="S9", on_hand=5)
    unrelated = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C9", "Customer C9", [NewLine("P-900", 1, Decimal("50.00"))]))
    sales.record_payment(people, CLERK, orders[0], "10.00")
    sales.record_payment(people, CLERK, orders[0], "5.50")
    sales.record_payment(people, CLERK, unrelated, "50.00")
    review = get_approval_review(people, po)

    assert [(d.so, d.customer, d.paid, d.payments) for d in review.deposits] == [
        (orders[0], "Customer C1", Decimal("15.50"), 2),
        (orders[1], "Customer C2", Decimal("0.00"), 0)]
    assert review.deposits[0].total == Decimal("67.00")
    assert review.deposits_total == Decimal("15.50")


def test_first_approval_has_no_changes(people: Database) -> None:
    _orders, po = _make(people)
    assert get_approval_review(people, po).changes is None


def test_revision_changes_per_line(people: Database) -> None:
    _orders, po = _make(people)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    po_changes.set_po_line_quantity(people, CLERK, po, 2, 12)
    po_changes.remove_po_line(people, CLERK, po, 3)
    with people.write() as session:
        line = find_purchase_order(session, po).lines[0]
        line.unit_cost = Decimal("4.20")
    add_product(people, "P-400", cost="1.00")
    extra = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C3", "Customer C3", [NewLine("P-400", 6, Decimal("2.00"))]))
    assert drafting.draft_purchase_orders(people, CLERK, extra).extended == [po]
    purchasing.submit(people, CLERK, po)
    review = get_approval_review(people, po)
    changes = review.changes

    assert changes is not None
    assert changes.recorded
    assert (changes.approved_revision, changes.approved_by) == (1, MANAGER)
    assert review.po.revision == 2
    assert [(c.line, c.sku, c.kind, c.quantity_before, c.quantity_after, c.cost_before,
             c.cost_after) for c in changes.lines] == [
        (1, "P-100", "changed", 5, 5, Decimal("4.00"), Decimal("4.20")),
        (2, "P-200", "changed", 10, 12, Decimal("2.50"), Decimal("2.50")),
        (3, "P-300", "removed", 1, None, Decimal("7.25"), None),
        (3, "P-400", "added", None, 6, None, Decimal("1.00")),
    ]
    assert changes.total_before == Decimal("52.25")
    assert changes.total_after == Decimal("57.00")


def test_unchanged_resubmission(people: Database) -> None:
    _orders, po = _make(people)
    purchasing.approve(people, MANAGER, po)
    changes = get_approval_review(people, po).changes

    assert changes is not None
    assert changes.lines == []
    assert changes.total_before == changes.total_after


def _supplier_po(db: Database, sku: str, customer: str) -> str:
    number = sales.create_sales_order(db, CLERK, NewSalesOrder(
        customer, f"Customer {customer}", [NewLine(sku, 2, Decimal("9.00"))]))
    po = drafting.draft_purchase_orders(db, CLERK, number).created[0]
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)
    return po


@pytest.fixture
def history(people: Database) -> dict[str, str]:
    """Past POs of supplier S7, each confirmed for one SKU, and one of supplier S8."""
    for sku in ("ONTIME", "LATEARR", "OVERDUE", "OLD", "REFUSED", "DUELATER"):
        add_product(people, sku, supplier="S7")
    add_product(people, "OTHER", supplier="S8")
    today = utcnow().date()
    plan = {
        "ONTIME": today, "LATEARR": today - timedelta(days=5),
        "OVERDUE": today - timedelta(days=30), "OLD": today - timedelta(days=120),
        "REFUSED": today - timedelta(days=10), "DUELATER": today + timedelta(days=5),
        "OTHER": today - timedelta(days=5),
    }
    pos = {}
    for index, (sku, expected) in enumerate(plan.items()):
        pos[sku] = _supplier_po(people, sku, f"H{index}")
        quantity = 0 if sku == "REFUSED" else None
        purchasing.confirm(people, CLERK, pos[sku], {sku: Confirmation(quantity, expected)})
    for sku in ("ONTIME", "LATEARR", "OLD", "OTHER"):
        receiving.receive(people, CLERK, pos[sku])
    return pos


def test_supplier_record(people: Database, history: dict[str, str]) -> None:
    add_product(people, "NEW", supplier="S7")
    number = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "N1", "Customer N1", [NewLine("NEW", 1, Decimal("9.00"))]))
    po = drafting.draft_purchase_orders(people, CLERK, number).created[0]
    record = get_approval_review(people, po, today=utcnow().date()).supplier_record

    assert record.days == 90
    assert record.due == 3
    assert record.late == 2
    assert record.late_numbers == sorted([history["LATEARR"], history["OVERDUE"]])


def test_supplier_record_window_moves(people: Database, history: dict[str, str]) -> None:
    """Ninety days on, the window contains the PO due today, on time, and the one due in five
    days, which never arrived."""
    later = utcnow().date() + timedelta(days=90)
    po = history["ONTIME"]
    record = get_approval_review(people, po, today=later).supplier_record

    assert (record.due, record.late, record.late_numbers) == (2, 1, [history["DUELATER"]])


def test_auto_approval_is_compared(people: Database) -> None:
    """A PO approved below the threshold is compared with the lines it had then."""
    with people.write() as session:
        session.merge(Setting(key="auto_approve_below", value="1000"))
    _orders, po = _make(people)
    purchasing.send(people, CLERK, po)
    po_changes.set_po_line_quantity(people, CLERK, po, 1, 7)
    changes = get_approval_review(people, po).changes

    assert changes is not None
    assert changes.approved_by == AUTO_APPROVER
    assert [(c.line, c.quantity_before, c.quantity_after) for c in changes.lines] == [(1, 5, 7)]


def test_approval_without_snapshot(people: Database) -> None:
    """An approval stored before approvals kept their lines is named, with no lines listed."""
    _orders, po = _make(people)
    purchasing.approve(people, MANAGER, po)
    with people.write() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "po.approve")).one()
        event.after = {"status": "approved", "revision": 1}
    changes = get_approval_review(people, po).changes

    assert changes is not None
    assert not changes.recorded
    assert changes.lines == []
    assert changes.approved_by == MANAGER
