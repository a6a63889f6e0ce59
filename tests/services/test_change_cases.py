"""Orders that change after their POs exist, with the exact figures a warehouse expects.

Shared start: P-100 sells 40.00 and S1 sells it at 25.00, P-200 sells 120.00
and costs 70.00 at S1, P-300 sells 15.00 and costs 9.00 at S2; nothing is in
stock.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import RuleViolation
from app.persistence.database import Database
from app.persistence.models import Customer
from app.services import drafting, po_changes, purchasing, receiving, sales, shipping, so_changes
from app.services.queries import (
    get_purchase_order,
    get_sales_order,
    list_purchase_orders,
    sales_order_history,
)
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

PRICES = {"P-100": "40.00", "P-200": "120.00", "P-300": "15.00"}


@pytest.fixture
def shop(people: Database) -> Database:
    add_product(people, "P-100", supplier="S1", cost="25.00")
    add_product(people, "P-200", supplier="S1", cost="70.00")
    add_product(people, "P-300", supplier="S2", cost="9.00")
    return people


def _order(db: Database, *lines: tuple[str, int]) -> str:
    new = NewSalesOrder("C1", "Customer One",
                        [NewLine(sku, qty, Decimal(PRICES[sku])) for sku, qty in lines])
    return sales.create_sales_order(db, CLERK, new)


def _send(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)


def _po_count(db: Database) -> int:
    return len(list_purchase_orders(db))


def test_raise_on_draft_grows_line(shop: Database) -> None:
    so = _order(shop, ("P-100", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    sales.set_line_quantity(shop, CLERK, so, 1, 2)
    lines = get_purchase_order(shop, po).lines
    assert [(line.sku, line.ordered) for line in lines] == [("P-100", 2)]
    assert _po_count(shop) == 1


def test_raise_after_send_proposes_difference(shop: Database) -> None:
    so = _order(shop, ("P-100", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    sales.set_line_quantity(shop, CLERK, so, 1, 2)
    assert get_purchase_order(shop, po).lines[0].ordered == 1
    assert get_sales_order(shop, so).lines[0].still_to_source == 1
    second = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    assert [(line.sku, line.ordered) for line in get_purchase_order(shop, second).lines] == [
        ("P-100", 1)]


def test_lower_after_send_flags_not_changes(shop: Database) -> None:
    so = _order(shop, ("P-100", 2))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    version = get_purchase_order(shop, po).version
    sales.set_line_quantity(shop, CLERK, so, 1, 1)
    view = get_purchase_order(shop, po)
    assert view.lines[0].ordered == 2
    assert view.version == version
    assert any("over-ordered by 1" in reason for reason in get_sales_order(shop, so).attention)


def test_lower_below_received_names_quantity(shop: Database) -> None:
    so = _order(shop, ("P-100", 2))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    receiving.receive(shop, CLERK, po)
    with pytest.raises(RuleViolation, match="2 units were already received"):
        sales.set_line_quantity(shop, CLERK, so, 1, 1)


def test_deleted_po_line_back_to_source(shop: Database) -> None:
    so = _order(shop, ("P-100", 1), ("P-200", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    po_changes.remove_po_line(shop, CLERK, po, 1)
    first, second = get_sales_order(shop, so).lines
    assert (first.on_order, first.still_to_source) == (0, 1)
    assert (second.on_order, second.still_to_source) == (1, 0)
    again = drafting.draft_purchase_orders(shop, CLERK, so)
    extended = get_purchase_order(shop, (again.created + again.extended)[0])
    assert sorted((line.sku, line.ordered) for line in extended.lines) == [
        ("P-100", 1), ("P-200", 1)]


def test_cancel_so_with_draft_po(shop: Database) -> None:
    so = _order(shop, ("P-100", 1), ("P-200", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    sales.cancel_sales_order(shop, CLERK, so)
    assert get_purchase_order(shop, po).status == "cancelled"


def test_cancel_so_with_sent_po_flags_it(shop: Database) -> None:
    so = _order(shop, ("P-100", 1), ("P-200", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    done = sales.cancel_sales_order(shop, CLERK, so)
    assert get_purchase_order(shop, po).status == "sent"
    assert len(done) == 1
    assert po in done[0]
    assert "P-100" in done[0]
    assert "P-200" in done[0]


def test_copy_of_cancelled_so_starts_clean(shop: Database) -> None:
    so = _order(shop, ("P-100", 1), ("P-200", 1))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    sales.cancel_sales_order(shop, CLERK, so)
    copy = so_changes.copy_sales_order(shop, CLERK, so)
    view = get_sales_order(shop, copy)
    assert view.purchase_orders == []
    assert view.shipments == []
    for line in view.lines:
        assert (line.on_order, line.received, line.shipped, line.cancelled) == (0, 0, 0, 0)
        assert line.still_to_source == line.ordered


def test_cancelled_po_shows_on_its_so(shop: Database) -> None:
    so = _order(shop, ("P-100", 4), ("P-300", 2))
    result = drafting.draft_purchase_orders(shop, CLERK, so)
    po_a, po_b = sorted(result.created)
    _send(shop, po_a)
    _send(shop, po_b)
    purchasing.confirm(shop, CLERK, po_b)
    events_before = len(sales_order_history(shop, so))

    purchasing.cancel(shop, CLERK, po_b)

    view = get_sales_order(shop, so)
    assert (view.lines[1].on_order, view.lines[1].still_to_source) == (0, 2)
    assert (view.lines[0].on_order, view.lines[0].still_to_source) == (4, 0)
    assert any(f"{po_b} cancelled" in reason for reason in view.attention)
    history = sales_order_history(shop, so)
    assert len(history) == events_before + 1
    assert history[-1].action == "po.cancel"


def test_receive_three_ship_then_two(shop: Database) -> None:
    so = _order(shop, ("P-200", 5))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    receiving.receive(shop, CLERK, po, {"P-200": 3})
    shipping.ship(shop, CLERK, so)
    receiving.receive(shop, CLERK, po, {"P-200": 2})
    assert get_sales_order(shop, so).lines[0].ready_to_ship == 2
    shipping.ship(shop, CLERK, so)
    line = get_sales_order(shop, so).lines[0]
    assert (line.shipped, line.ready_to_ship, line.still_to_source) == (5, 0, 0)


def test_sent_po_line_cut_makes_revision(shop: Database) -> None:
    so = _order(shop, ("P-100", 3))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    po_changes.set_po_line_quantity(shop, CLERK, po, 1, 2)
    view = get_purchase_order(shop, po)
    assert (view.revision, view.status, view.approved_by) == (2, "draft", None)
    line = get_sales_order(shop, so).lines[0]
    assert (line.on_order, line.still_to_source) == (2, 1)
    assert any("1 fewer" in reason for reason in get_sales_order(shop, so).attention)


def test_sourcing_back_to_back_releases_stock(people: Database) -> None:
    add_product(people, "P-400", cost="2.00", on_hand=5)
    so = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-400", 3, Decimal("4.00"))]))
    so_changes.set_line_sourcing(people, CLERK, so, 1, "back_to_back")
    line = get_sales_order(people, so).lines[0]
    assert (line.from_stock, line.still_to_source, line.sourcing) == (0, 3, "back_to_back")


def test_resolving_reason_is_in_history(shop: Database) -> None:
    so = _order(shop, ("P-100", 2))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    _send(shop, po)
    sales.set_line_quantity(shop, CLERK, so, 1, 1)
    reason = get_sales_order(shop, so).reasons[0]
    so_changes.resolve_attention(shop, MANAGER, so, reason.id, "Keep the unit as stock")
    assert get_sales_order(shop, so).attention == []
    actions = [entry.action for entry in sales_order_history(shop, so)]
    assert actions.count("so.set_quantity") == 1
    assert actions[-1] == "so.resolve_attention"


def test_po_takes_supplier_cost_not_customer_terms(shop: Database, tmp_path: Path) -> None:
    with shop.write() as session:
        session.add(Customer(code="C6", name="Customer Six", terms="30 % prepayment"))
    so = sales.create_sales_order(shop, CLERK, NewSalesOrder("C6", "Customer Six", [
        NewLine("P-100", 1, Decimal("40.00"), discount_percent=Decimal("10")),
        NewLine("P-200", 1, Decimal("120.00")),
        NewLine("P-100", 1, Decimal("40.00"), description="with polyurethane tread"),
    ]))

    result = drafting.draft_purchase_orders(shop, CLERK, so)

    assert len(result.created) == 1
    po = get_purchase_order(shop, result.created[0])
    assert po.supplier_code == "S1"
    assert [(line.sku, line.description, line.ordered, line.unit_cost, line.amount)
            for line in po.lines] == [
        ("P-100", "Item P-100", 1, Decimal("25.00"), Decimal("25.00")),
        ("P-200", "Item P-200", 1, Decimal("70.00"), Decimal("70.00")),
        ("P-100", "with polyurethane tread", 1, Decimal("25.00"), Decimal("25.00")),
    ]
    assert po.total == Decimal("120.00")
    assert po.terms == "30 days net"

    _number, pdf = purchasing.write_purchase_order(shop, po.number, tmp_path / "po.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "30 days net" in text
    assert "with polyurethane tread" in text
    for customer_figure in ("40.00", "36.00", "10.00", "10 %", "30 % prepayment"):
        assert customer_figure not in text

    again = drafting.draft_purchase_orders(shop, CLERK, so)
    assert (again.created, again.extended, again.lines_ordered) == ([], [], 0)
    assert any("nothing left to order" in message for message in again.messages)
    assert _po_count(shop) == 1

    view = get_sales_order(shop, so)
    assert view.terms == "30 % prepayment"
    assert [(line.discount_percent, line.amount) for line in view.lines] == [
        (Decimal("10.00"), Decimal("36.00")),
        (Decimal("0.00"), Decimal("120.00")),
        (Decimal("0.00"), Decimal("40.00")),
    ]
    assert view.total == Decimal("196.00")
    assert view.balance_due == Decimal("196.00")
