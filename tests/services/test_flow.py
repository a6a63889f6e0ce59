"""Order 5, buy 5, receive 3, ship 3, receive 2, ship 2, paid, complete."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.errors import PermissionDenied, RuleViolation
from app.persistence.database import Database
from app.services import drafting, purchasing, receiving, sales, shipping
from app.services.queries import get_purchase_order, get_sales_order, sales_order_history
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product


@pytest.fixture
def order(people: Database) -> str:
    add_product(people, "P-200", cost="70.00")
    new = NewSalesOrder("C1", "Customer One", [NewLine("P-200", 5, Decimal("120.00"))])
    return sales.create_sales_order(people, CLERK, new)


def test_buy_receive_ship_pay_complete(people: Database, order: str) -> None:
    db = people
    assert get_sales_order(db, order).status == "awaiting_purchase"

    draft = drafting.draft_purchase_orders(db, CLERK, order)
    po = draft.created[0]
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    pdf = purchasing.send(db, CLERK, po)
    assert pdf.exists()
    purchasing.confirm(db, CLERK, po)
    assert get_sales_order(db, order).status == "on_order"

    receiving.receive(db, CLERK, po, {"P-200": 3})
    view = get_sales_order(db, order)
    assert view.status == "partly_ready"
    assert view.lines[0].received == 3
    shipping.ship(db, CLERK, order)
    receiving.receive(db, CLERK, po, {"P-200": 2})
    assert get_sales_order(db, order).lines[0].ready_to_ship == 2
    shipping.ship(db, CLERK, order)

    view = get_sales_order(db, order)
    assert view.status == "shipped"
    assert view.lines[0].shipped == 5
    sales.deliver_sales_order(db, CLERK, order)
    sales.record_payment(db, CLERK, order, "200.00")
    sales.record_payment(db, CLERK, order, "400.00")
    view = get_sales_order(db, order)
    assert view.status == "completed"
    assert view.balance_due == Decimal("0.00")
    assert get_purchase_order(db, po).status == "received"
    actions = [entry.action for entry in sales_order_history(db, order)]
    assert "po.approve" in actions
    assert actions.count("so.ship") == 2


def test_submitter_cannot_approve(people: Database, order: str) -> None:
    po = drafting.draft_purchase_orders(people, MANAGER, order).created[0]
    purchasing.submit(people, MANAGER, po)
    with pytest.raises(PermissionDenied, match="you submitted it"):
        purchasing.approve(people, MANAGER, po)


def test_clerk_cannot_approve(people: Database, order: str) -> None:
    po = drafting.draft_purchase_orders(people, CLERK, order).created[0]
    purchasing.submit(people, MANAGER, po)
    with pytest.raises(PermissionDenied, match="only a manager"):
        purchasing.approve(people, CLERK, po)


def test_drafting_twice_orders_nothing_twice(people: Database, order: str) -> None:
    first = drafting.draft_purchase_orders(people, CLERK, order)
    second = drafting.draft_purchase_orders(people, CLERK, order)
    assert first.lines_ordered == 1
    assert second.lines_ordered == 0
    assert "nothing left to order" in second.messages[0]
    assert get_purchase_order(people, first.created[0]).lines[0].ordered == 5


def test_over_receipt_rejected(people: Database, order: str) -> None:
    po = drafting.draft_purchase_orders(people, CLERK, order).created[0]
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    with pytest.raises(RuleViolation, match="over the limit of 5"):
        receiving.receive(people, CLERK, po, {"P-200": 6})
