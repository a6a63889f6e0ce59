"""Previewing a change runs it and keeps nothing."""

from __future__ import annotations

from decimal import Decimal

from app.persistence.database import Database
from app.services import drafting, sales
from app.services.impact import preview
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, add_product


def test_preview_lists_change_and_keeps_nothing(people: Database) -> None:
    add_product(people, "P-100", cost="25.00")
    so = sales.create_sales_order(
        people, CLERK, NewSalesOrder("C1", "One", [NewLine("P-100", 2, Decimal("40.00"))]))
    po = drafting.draft_purchase_orders(people, CLERK, so).created[0]
    version = get_sales_order(people, so).version

    done = preview(people, lambda: sales.set_line_quantity(people, CLERK, so, 1, 1))

    assert done == [f"{po} line 1 goes from 2 to 1."]
    assert get_purchase_order(people, po).lines[0].ordered == 2
    assert get_sales_order(people, so).lines[0].ordered == 2
    assert get_sales_order(people, so).version == version


def test_preview_then_real_change(people: Database) -> None:
    add_product(people, "P-100", cost="25.00")
    so = sales.create_sales_order(
        people, CLERK, NewSalesOrder("C1", "One", [NewLine("P-100", 2, Decimal("40.00"))]))
    preview(people, lambda: sales.cancel_sales_order(people, CLERK, so))
    sales.cancel_sales_order(people, CLERK, so)
    assert get_sales_order(people, so).status == "cancelled"
