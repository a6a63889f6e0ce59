"""``po confirm`` with a partial answer, a refusal and the supplier's reference."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.persistence.database import Database
from app.services import drafting, purchasing, sales
from app.services.sales import NewLine, NewSalesOrder
from tests.cli.conftest import Run
from tests.conftest import CLERK, MANAGER, add_product


@pytest.fixture
def two_line_po(people: Database) -> tuple[str, str]:
    """An SO of 4 x P-1 and 3 x P-2 from supplier S1, and its PO, sent; returns both numbers."""
    add_product(people, "P-1", cost="2.00")
    add_product(people, "P-2", cost="3.00")
    order = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C1", "Customer One", [NewLine("P-1", 4, Decimal("5.00")),
                               NewLine("P-2", 3, Decimal("6.00"))]))
    po = drafting.draft_purchase_orders(people, CLERK, order).created[0]
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    return order, po


def test_refusal_and_reference(run: Run, two_line_po: tuple[str, str]) -> None:
    order, po = two_line_po
    result = run("po", "confirm", po, "P-1=3@2031-05-06", "P-2=0", "--reference", "SUP-77",
                 "--json")

    shown = result.json()
    assert shown["supplier_reference"] == "SUP-77"
    assert [(line["sku"], line["confirmed"], line["expected_date"]) for line in shown["lines"]] \
        == [("P-1", 3, "2031-05-06"), ("P-2", 0, None)]
    so = run("so", "show", order, "--json").json()
    assert [(line["sku"], line["confirmed"], line["on_order"], line["still_to_source"],
             line["expected_date"]) for line in so["lines"]] == [
        ("P-1", 3, 4, 0, "2031-05-06"), ("P-2", 0, 0, 3, None)]
    assert any("the supplier refused P-2" in reason for reason in so["attention"])
    assert any("1 short" in reason for reason in so["attention"])


def test_old_reference_option(run: Run, two_line_po: tuple[str, str]) -> None:
    _order, po = two_line_po
    run("po", "confirm", po, "--supplier-reference", "SUP-78")

    assert run("po", "show", po, "--json").json()["supplier_reference"] == "SUP-78"


def test_refusal_text_output(run: Run, two_line_po: tuple[str, str]) -> None:
    _order, po = two_line_po
    result = run("po", "confirm", po, "P-2=0")

    assert result.code == 0, result.err
    assert f"{po} confirmed by {CLERK}:" in result.out
