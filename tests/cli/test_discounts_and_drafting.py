"""``so show`` with discounts and terms, and ``po draft --supplier`` choosing suppliers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.persistence.database import Database
from app.persistence.models import Customer
from app.services import sales
from app.services.sales import NewLine, NewSalesOrder
from tests.cli.conftest import Run
from tests.conftest import CLERK, add_product
from tests.services.test_discounts_and_suppliers import add_offer


@pytest.fixture
def two_suppliers(people: Database) -> str:
    """An SO of 3 x P-100 at 40.00 less 10 %, which S1 sells at 25.00 and S2 at 27.50."""
    add_product(people, "P-100", supplier="S1", cost="25.00", lead_days=7)
    add_offer(people, "P-100", "S2", "27.50", lead_days=2, terms="14 days net")
    with people.write() as session:
        session.add(Customer(code="C1", name="Customer One", terms="30 % prepayment"))
    return sales.create_sales_order(people, CLERK, NewSalesOrder("C1", "Customer One", [
        NewLine("P-100", 3, Decimal("40.00"), discount_percent=Decimal("10"))]))


def test_so_show_json_has_discount_and_terms(run: Run, two_suppliers: str) -> None:
    order_json = run("so", "show", two_suppliers, "--json").json()
    assert order_json["terms"] == "30 % prepayment"
    assert order_json["total"] == "108.00"
    line = order_json["lines"][0]
    assert (line["unit_price"], line["discount_percent"], line["amount"]) == (
        "40.00", "10.00", "108.00")


def test_so_show_text_has_terms_and_discount(run: Run, two_suppliers: str) -> None:
    result = run("so", "show", two_suppliers)
    assert result.code == 0
    assert "30 % prepayment" in result.out
    assert "Discount %" in result.out
    assert "108.00" in result.out


def test_po_draft_supplier_option(run: Run, two_suppliers: str) -> None:
    drafted = run("po", "draft", two_suppliers, "--supplier", "1=S2", "--json").json()
    po = run("po", "show", drafted["created"][0], "--json").json()
    assert (po["supplier"], po["terms"], po["total"]) == ("Supplier S2", "14 days net", "82.50")


def test_po_show_text_has_supplier_terms(run: Run, two_suppliers: str) -> None:
    drafted = run("po", "draft", two_suppliers, "--supplier", "1=S2", "--json").json()
    result = run("po", "show", drafted["created"][0])
    assert "14 days net" in result.out
    assert "30 % prepayment" not in result.out


def test_po_draft_without_option_cheapest(run: Run, two_suppliers: str) -> None:
    drafted = run("po", "draft", two_suppliers, "--json").json()
    po = run("po", "show", drafted["created"][0], "--json").json()
    assert po["supplier"] == "Supplier S1"


def test_po_draft_unknown_supplier_fails(run: Run, two_suppliers: str) -> None:
    result = run("po", "draft", two_suppliers, "--supplier", "1=S9")
    assert result.code == 1
    assert f"Supplier 'S9' chosen for {two_suppliers} line 1 (P-100) not found" in result.err
    assert run("po", "list", "--json").json() == []


def test_po_draft_line_given_twice_fails(run: Run, two_suppliers: str) -> None:
    result = run("po", "draft", two_suppliers, "--supplier", "1=S1", "--supplier", "1=S2")
    assert result.code == 1
    assert "Line 1 is given twice in --supplier" in result.err


@pytest.mark.parametrize("text", ["S2", "one=S2", "1=", "=S2"])
def test_po_draft_malformed_supplier_usage(run: Run, two_suppliers: str, text: str) -> None:
    result = run("po", "draft", two_suppliers, "--supplier", text)
    assert result.code == 2
    assert "is not in the form LINE=CODE" in result.err


def test_po_suppliers_lists_cheapest_first(run: Run, two_suppliers: str) -> None:
    [line] = run("po", "suppliers", two_suppliers, "--json").json()
    assert (line["line"], line["sku"], line["to_buy"]) == (1, "P-100", 3)
    assert [(option["code"], option["unit_cost"], option["lead_time_days"])
            for option in line["suppliers"]] == [("S1", "25.00", 7), ("S2", "27.50", 2)]
    text = run("po", "suppliers", two_suppliers).out
    assert "S2" in text
    assert "27.50" in text
