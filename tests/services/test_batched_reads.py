"""Service paths that read and write in batches: numbers, summaries, views, documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.errors import RuleViolation, StaleEdit
from app.persistence.database import Database
from app.persistence.models import AuditEvent, PurchaseOrder, ReceiptLine, SalesOrder, Shipment
from app.services import drafting, purchasing, receiving, sales, shipping
from app.services.queries import get_purchase_order, get_sales_order, sales_order_history
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product


def _order(db: Database, customer: str, *lines: tuple[str, int, str]) -> str:
    new = NewSalesOrder(customer, f"Customer {customer}",
                        [NewLine(sku, qty, Decimal(price)) for sku, qty, price in lines])
    return sales.create_sales_order(db, CLERK, new)


def _sent(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.mark_sent(db, CLERK, po)


@pytest.fixture
def shop(people: Database) -> Database:
    add_product(people, "A-1", supplier="S1", cost="2.00")
    add_product(people, "B-1", supplier="S2", cost="3.00")
    add_product(people, "C-1", supplier="S3", cost="4.00", on_hand=10)
    return people


def test_new_pos_of_one_draft_get_distinct_numbers(shop: Database) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"), ("B-1", 3, "6.00"))
    created = drafting.draft_purchase_orders(shop, CLERK, so).created
    assert len(created) == 2
    assert len(set(created)) == 2
    with shop.read() as session:
        stored = {po.number: po.id for po in session.scalars(select(PurchaseOrder))}
    for number in created:
        assert number == f"PO-{stored[number]:06d}"


def test_mark_sent_writes_no_pdf(shop: Database, tmp_path: Path) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _sent(shop, po)
    assert get_purchase_order(shop, po).status == "sent"
    assert get_sales_order(shop, so).status == "on_order"
    assert not (tmp_path / "documents").exists()
    actions = [entry.action for entry in sales_order_history(shop, so)]
    assert actions.count("po.send") == 1


def test_mark_sent_needs_approval(shop: Database) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    with pytest.raises(RuleViolation):
        purchasing.mark_sent(shop, CLERK, po)


def test_summary_change_raises_version(shop: Database) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"))
    before = get_sales_order(shop, so)
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    purchasing.submit(shop, CLERK, po)
    unchanged = get_sales_order(shop, so)
    _sent_after_submit(shop, po)
    after = get_sales_order(shop, so)
    assert before.status == "awaiting_purchase"
    assert unchanged.version == before.version
    assert after.status == "on_order"
    assert after.version > unchanged.version


def _sent_after_submit(db: Database, po: str) -> None:
    purchasing.approve(db, MANAGER, po)
    purchasing.mark_sent(db, CLERK, po)


def test_stale_edit_caught_after_summary_write(shop: Database) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"))
    seen = get_sales_order(shop, so).version
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _sent(shop, po)
    with pytest.raises(StaleEdit):
        sales.set_line_quantity(shop, CLERK, so, 1, 3, expected_version=seen)


def test_receipt_and_shipment_lines_stored(shop: Database) -> None:
    so = _order(shop, "C1", ("A-1", 2, "5.00"), ("C-1", 4, "9.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _sent(shop, po)
    purchasing.confirm(shop, CLERK, po)
    receiving.receive(shop, CLERK, po)
    result = shipping.ship(shop, CLERK, so)
    with shop.read() as session:
        received = [(line.quantity, line.to_stock)
                    for line in session.scalars(select(ReceiptLine))]
        shipment = session.scalars(select(Shipment)).one()
        number = shipment.number
        shipped = sorted((line.so_line_id, line.quantity, line.ordered_then,
                          line.shipped_to_date_then) for line in shipment.lines)
    assert received == [(2, 0)]
    assert number == result.number
    assert [row[1:] for row in shipped] == [(2, 2, 2), (4, 4, 4)]
    assert get_sales_order(shop, so).status == "shipped"


def test_packing_slip_lists_lines_in_order(shop: Database, tmp_path: Path) -> None:
    so = _order(shop, "C1", ("C-1", 1, "9.00"), ("C-1", 2, "9.00"))
    result = shipping.ship(shop, CLERK, so, pdf=tmp_path / "slip.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "slip.pdf").pages)
    assert result.units == 3
    assert text.index("C-1") < text.rindex("C-1")
    assert shipping.write_packing_slip(shop, result.number, tmp_path / "again.pdf").exists()


def test_po_view_lists_each_order_served(shop: Database) -> None:
    first = _order(shop, "C1", ("A-1", 2, "5.00"))
    second = _order(shop, "C2", ("A-1", 3, "7.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, first).created[0]
    drafting.draft_purchase_orders(shop, CLERK, second)
    view = get_purchase_order(shop, po)
    assert len(view.lines) == 1
    assert [(s.so, s.qty, s.customer) for s in view.lines[0].serves] == [
        (first, 2, "Customer C1"), (second, 3, "Customer C2")]
    assert view.sales_value == Decimal("31.00")
    assert view.sales_orders == [first, second]


def test_so_view_shows_lines_in_order(shop: Database) -> None:
    so = _order(shop, "C1", ("C-1", 4, "9.00"), ("A-1", 2, "5.00"), ("B-1", 1, "6.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _sent(shop, po)
    purchasing.confirm(shop, CLERK, po)
    view = get_sales_order(shop, so)
    assert [line.sku for line in view.lines] == ["C-1", "A-1", "B-1"]
    assert [line.from_stock for line in view.lines] == [4, 0, 0]
    assert view.lines[1].confirmed == 2
    assert view.lines[1].expected_date is not None
    assert view.lines[0].expected_date is None
    assert view.total == Decimal("52.00")


def test_refresh_updates_every_order_of_a_po(shop: Database) -> None:
    first = _order(shop, "C1", ("A-1", 2, "5.00"))
    second = _order(shop, "C2", ("A-1", 3, "7.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, first).created[0]
    drafting.draft_purchase_orders(shop, CLERK, second)
    _sent(shop, po)
    result = receiving.receive(shop, CLERK, po)
    assert result.sales_orders == [first, second]
    with shop.read() as session:
        states = {order.number: order.status.value for order in session.scalars(
            select(SalesOrder))}
        events = session.scalars(select(AuditEvent.action).where(
            AuditEvent.purchase_order_id.is_not(None))).all()
    assert states == {first: "ready_to_ship", second: "ready_to_ship"}
    assert events.count("po.receive") == 1
