"""Customer discounts and terms on SOs, and the clerk's choice of supplier when drafting.

P-100 sells 40.00. S1 sells it at 25.00 (7 days), S2 at 27.50 (2 days,
minimum 4, packs of 2), S3 at 25.00 (3 days). P-200 comes from S1 alone.
Nothing is in stock.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.persistence.database import Database
from app.persistence.models import CatalogEntry, Customer, Product, Supplier
from app.services import drafting, purchasing, sales, so_changes
from app.services.imports import import_orders
from app.services.purchasing import Confirmation
from app.services.queries import get_purchase_order, get_sales_order, list_purchase_orders
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product


def add_offer(db: Database, sku: str, supplier: str, cost: str, *, lead_days: int,
              moq: int = 1, pack: int = 1, terms: str = "") -> None:
    """Add a catalog entry of a new supplier for an existing product."""
    with db.write() as session:
        found = Supplier(code=supplier, name=f"Supplier {supplier}", lead_time_days=lead_days,
                         terms=terms)
        session.add(found)
        product = session.query(Product).filter_by(sku=sku).one()
        session.flush()
        session.add(CatalogEntry(product_id=product.id, supplier_id=found.id,
                                 supplier_sku=f"{supplier}-{sku}", unit_cost=Decimal(cost),
                                 min_order_qty=moq, pack_size=pack))


@pytest.fixture
def shop(people: Database) -> Database:
    add_product(people, "P-100", supplier="S1", cost="25.00", lead_days=7)
    add_product(people, "P-200", supplier="S1", cost="70.00")
    add_offer(people, "P-100", "S2", "27.50", lead_days=2, moq=4, pack=2, terms="14 days net")
    add_offer(people, "P-100", "S3", "25.00", lead_days=3)
    with people.write() as session:
        session.add(Customer(code="C1", name="Customer One", terms="30 % prepayment"))
    return people


def _order(db: Database, *lines: NewLine, terms: str | None = None) -> str:
    return sales.create_sales_order(db, CLERK, NewSalesOrder("C1", "Customer One",
                                                             list(lines), terms=terms))


def test_so_terms_default_from_customer(shop: Database) -> None:
    so = _order(shop, NewLine("P-200", 1, Decimal("120.00")))
    assert get_sales_order(shop, so).terms == "30 % prepayment"


def test_so_terms_typed_override_customer(shop: Database) -> None:
    so = _order(shop, NewLine("P-200", 1, Decimal("120.00")), terms="cash on delivery")
    assert get_sales_order(shop, so).terms == "cash on delivery"


def test_discount_lowers_amount_and_balance(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("9.99"), discount_percent=Decimal("12.5")))
    view = get_sales_order(shop, so)
    assert (view.lines[0].discount_percent, view.lines[0].amount) == (
        Decimal("12.50"), Decimal("26.22"))
    assert (view.total, view.balance_due) == (Decimal("26.22"), Decimal("26.22"))
    sales.record_payment(shop, CLERK, so, "20.00")
    assert get_sales_order(shop, so).balance_due == Decimal("6.22")


def test_discount_follows_quantity_change(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 2, Decimal("40.00"), discount_percent=Decimal("10")))
    sales.set_line_quantity(shop, CLERK, so, 1, 3)
    assert get_sales_order(shop, so).total == Decimal("108.00")


@pytest.mark.parametrize(("discount", "message"), [
    ("-5", "The discount of line 1 \\(P-100\\) must be a percent from 0 to 100, not -5"),
    ("100.5", "from 0 to 100, not 100.5"),
    ("1.234", "at most two decimals"),
])
def test_invalid_discount_rejected(shop: Database, discount: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        _order(shop, NewLine("P-100", 1, Decimal("40.00"), discount_percent=Decimal(discount)))


def test_po_margin_counts_discount(shop: Database) -> None:
    so = _order(shop, NewLine("P-200", 2, Decimal("120.00"), discount_percent=Decimal("25")))
    po = get_purchase_order(shop, drafting.draft_purchase_orders(shop, CLERK, so).created[0])
    assert (po.sales_value, po.margin) == (Decimal("180.00"), Decimal("40.00"))
    assert po.lines[0].serves[0].sales_amount == Decimal("180.00")


def test_supplier_options_cheapest_first(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("40.00")), NewLine("P-200", 1,
                                                                      Decimal("120.00")))
    first, second = drafting.supplier_options(shop, so)
    assert (first.line, first.sku, first.to_buy) == (1, "P-100", 3)
    assert [(o.code, o.unit_cost, o.min_order_qty, o.pack_size, o.lead_time_days)
            for o in first.suppliers] == [
        ("S3", Decimal("25.00"), 1, 1, 3),
        ("S1", Decimal("25.00"), 1, 1, 7),
        ("S2", Decimal("27.50"), 4, 2, 2),
    ]
    assert [(o.quantity, o.amount) for o in first.suppliers] == [
        (3, Decimal("75.00")), (3, Decimal("75.00")), (4, Decimal("110.00"))]
    assert [o.code for o in second.suppliers] == ["S1"]


def test_supplier_options_leave_out_ordered_lines(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("40.00")))
    drafting.draft_purchase_orders(shop, CLERK, so)
    assert drafting.supplier_options(shop, so) == []


def test_supplier_options_leave_out_free_stock(people: Database) -> None:
    add_product(people, "P-400", supplier="S1", cost="2.00", on_hand=3)
    add_offer(people, "P-400", "S2", "2.10", lead_days=1)
    so = sales.create_sales_order(people, CLERK, NewSalesOrder("C2", "Two", [
        NewLine("P-400", 5, Decimal("4.00"))]))
    [line] = drafting.supplier_options(people, so)
    assert line.to_buy == 2


def test_draft_buys_from_chosen_supplier(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("40.00")), NewLine("P-200", 1,
                                                                      Decimal("120.00")))
    result = drafting.draft_purchase_orders(shop, CLERK, so, {1: "S2"})
    by_supplier = {get_purchase_order(shop, po).supplier_code: get_purchase_order(shop, po)
                   for po in result.created}
    assert sorted(by_supplier) == ["S1", "S2"]
    chosen = by_supplier["S2"]
    assert [(line.sku, line.ordered, line.unit_cost) for line in chosen.lines] == [
        ("P-100", 4, Decimal("27.50"))]
    assert chosen.terms == "14 days net"
    assert [line.sku for line in by_supplier["S1"].lines] == ["P-200"]


def test_draft_without_choice_takes_cheapest(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 1, Decimal("40.00")))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    assert get_purchase_order(shop, po).supplier_code == "S3"


@pytest.mark.parametrize(("choice", "message"), [
    ({1: "S9"}, "Supplier 'S9' chosen for SO-\\d+ line 1 \\(P-100\\) not found. Choose one "
                "of: S3, S1, S2."),
    ({2: "S2"}, "Supplier S2 does not sell P-200 in the catalog, so it cannot supply SO-\\d+ "
                "line 2 \\(P-200\\). Choose one of: S1."),
    ({7: "S1"}, "SO-\\d+ has no line 7, so no supplier can be chosen for it. Its lines are 1 "
                "to 2."),
])
def test_draft_rejects_unusable_choice(shop: Database, choice: dict[int, str],
                                       message: str) -> None:
    so = _order(shop, NewLine("P-100", 1, Decimal("40.00")), NewLine("P-200", 1,
                                                                      Decimal("120.00")))
    with pytest.raises(InvalidInput, match=message):
        drafting.draft_purchase_orders(shop, CLERK, so, choice)
    assert list_purchase_orders(shop) == []


def test_import_stores_discount_and_terms(shop: Database, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "reference,order_date,customer_code,customer_name,country,sku,description,quantity,"
        "unit_price,discount_percent,terms\n"
        "WEB-1,2024-03-05,C1,Customer One,France,P-100,,2,40.00,10,\n"
        "WEB-1,2024-03-05,C1,Customer One,France,P-200,,1,120.00,,\n"
        "WEB-2,2024-03-05,C7,Customer Seven,France,P-200,,1,120.00,5%,7 days net\n",
        encoding="utf-8")
    summary = import_orders(shop, CLERK, path, "tandem")
    assert summary.count("orders imported") == 2
    first = get_sales_order(shop, "WEB-1")
    assert first.terms == "30 % prepayment"
    assert [(line.discount_percent, line.amount) for line in first.lines] == [
        (Decimal("10.00"), Decimal("72.00")), (Decimal("0.00"), Decimal("120.00"))]
    assert first.total == Decimal("192.00")
    second = get_sales_order(shop, "WEB-2")
    assert (second.terms, second.total) == ("7 days net", Decimal("114.00"))


def test_copy_keeps_discounts_and_terms(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 2, Decimal("40.00"), discount_percent=Decimal("10")),
                terms="cash on delivery")
    copy = so_changes.copy_sales_order(shop, CLERK, so)
    view = get_sales_order(shop, copy)
    assert view.terms == "cash on delivery"
    assert view.lines[0].discount_percent == Decimal("10.00")
    assert view.total == Decimal("72.00")


def test_redraft_passes_over_refusing_supplier(shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("40.00")))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    # S3 and S1 both sell at 25.00; S3 delivers sooner.
    assert get_purchase_order(shop, po).supplier_code == "S3"
    purchasing.submit(shop, CLERK, po)
    purchasing.approve(shop, MANAGER, po)
    purchasing.send(shop, CLERK, po)
    purchasing.confirm(shop, CLERK, po, {"P-100": Confirmation(quantity=0)})

    options = drafting.supplier_options(shop, so)[0].suppliers
    again = drafting.draft_purchase_orders(shop, CLERK, so).created

    assert [option.code for option in options] == ["S1", "S2", "S3"]
    assert len(again) == 1
    assert get_purchase_order(shop, again[0]).supplier_code == "S1"
