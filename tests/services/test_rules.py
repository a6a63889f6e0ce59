"""The domain rules of changes after the link between an SO and its POs exists."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.errors import DocumentNotWritten, InvalidInput, RuleViolation, StaleEdit
from app.persistence.database import Database
from app.persistence.models import Product
from app.services import drafting, purchasing, receiving, sales, shipping
from app.services.purchasing import Confirmation
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from app.services.views import SalesOrderLineView
from tests.conftest import CLERK, MANAGER, add_product


def _order(db: Database, *lines: tuple[str, int, str], customer: str = "C1",
           promised: date | None = None, partial: bool = True) -> str:
    new = NewSalesOrder(customer, f"Customer {customer}",
                        [NewLine(sku, qty, Decimal(price)) for sku, qty, price in lines],
                        promised_date=promised, allow_partial_shipment=partial)
    return sales.create_sales_order(db, CLERK, new)


def _sent_po(db: Database, so: str) -> str:
    po = drafting.draft_purchase_orders(db, CLERK, so).created[0]
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)
    return po


def _free_stock(db: Database, sku: str) -> int:
    with db.read() as session:
        product = session.scalars(select(Product).where(Product.sku == sku)).one()
        return product.free_stock


def _line(db: Database, so: str, index: int = 0) -> SalesOrderLineView:
    return get_sales_order(db, so).lines[index]


@pytest.fixture
def shop(people: Database) -> Database:
    add_product(people, "P-100", supplier="S1", cost="25.00")
    add_product(people, "P-200", supplier="S1", cost="70.00")
    add_product(people, "P-300", supplier="S2", cost="9.00")
    return people


def test_raise_grows_draft_po_line(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    sales.set_line_quantity(shop, CLERK, so, 1, 2)
    view = get_purchase_order(shop, po)
    assert [line.ordered for line in view.lines] == [2]
    assert get_sales_order(shop, so).purchase_orders == [po]


def test_raise_after_send_leaves_difference_to_source(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = _sent_po(shop, so)
    sales.set_line_quantity(shop, CLERK, so, 1, 2)
    assert get_purchase_order(shop, po).lines[0].ordered == 1
    assert _line(shop, so).still_to_source == 1
    again = drafting.draft_purchase_orders(shop, CLERK, so)
    assert get_purchase_order(shop, again.created[0]).lines[0].ordered == 1


def test_lower_after_send_flags_over_order(shop: Database) -> None:
    so = _order(shop, ("P-100", 2, "40.00"))
    po = _sent_po(shop, so)
    sales.set_line_quantity(shop, CLERK, so, 1, 1)
    view = get_sales_order(shop, so)
    assert get_purchase_order(shop, po).lines[0].ordered == 2
    assert view.lines[0].on_order == 1
    assert any("over-ordered by 1" in reason for reason in view.attention)


def test_lower_below_received_rejected(shop: Database) -> None:
    so = _order(shop, ("P-100", 2, "40.00"))
    po = _sent_po(shop, so)
    receiving.receive(shop, CLERK, po)
    with pytest.raises(RuleViolation, match="2 units were already received"):
        sales.set_line_quantity(shop, CLERK, so, 1, 1)


def test_cancel_so_cancels_its_draft_po(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"), ("P-200", 1, "120.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    sales.cancel_sales_order(shop, CLERK, so)
    assert get_purchase_order(shop, po).status == "cancelled"
    assert get_sales_order(shop, so).status == "cancelled"


def test_cancel_so_keeps_other_orders_on_draft(shop: Database) -> None:
    first = _order(shop, ("P-100", 1, "40.00"))
    second = _order(shop, ("P-100", 2, "40.00"), customer="C2")
    po = drafting.draft_purchase_orders(shop, CLERK, first).created[0]
    drafting.draft_purchase_orders(shop, CLERK, second)
    sales.cancel_sales_order(shop, CLERK, first)
    view = get_purchase_order(shop, po)
    assert view.status == "draft"
    assert view.lines[0].ordered == 2
    assert [serve.so for serve in view.lines[0].serves] == [second]


def test_cancel_so_with_sent_po_names_it(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = _sent_po(shop, so)
    done = sales.cancel_sales_order(shop, CLERK, so)
    assert po in done[0]
    assert get_purchase_order(shop, po).status == "sent"


def test_cancel_po_returns_units_to_source(shop: Database) -> None:
    so = _order(shop, ("P-100", 4, "40.00"), ("P-300", 2, "15.00"))
    result = drafting.draft_purchase_orders(shop, CLERK, so)
    assert len(result.created) == 2
    po_300 = next(n for n in result.created
                  if get_purchase_order(shop, n).supplier_code == "S2")
    purchasing.cancel(shop, CLERK, po_300)
    view = get_sales_order(shop, so)
    assert view.lines[1].still_to_source == 2
    assert view.lines[0].on_order == 4
    assert any(po_300 in reason and "cancelled" in reason for reason in view.attention)


def test_reject_flags_until_resubmitted(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    purchasing.submit(shop, CLERK, po)
    purchasing.reject(shop, MANAGER, po, "Price too high")
    view = get_sales_order(shop, so)
    assert get_purchase_order(shop, po).status == "draft"
    assert view.purchase_orders == [po]
    assert any("Price too high" in reason for reason in view.attention)
    purchasing.submit(shop, CLERK, po)
    assert get_sales_order(shop, so).attention == []


def test_reject_needs_reason(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    purchasing.submit(shop, CLERK, po)
    with pytest.raises(InvalidInput, match="needs a reason"):
        purchasing.reject(shop, MANAGER, po, "  ")


def test_short_confirmation_flags_later_order_only(shop: Database) -> None:
    first = _order(shop, ("P-100", 2, "40.00"))
    second = _order(shop, ("P-100", 3, "40.00"), customer="C2")
    po = drafting.draft_purchase_orders(shop, CLERK, first).created[0]
    drafting.draft_purchase_orders(shop, CLERK, second)
    purchasing.submit(shop, CLERK, po)
    purchasing.approve(shop, MANAGER, po)
    purchasing.send(shop, CLERK, po)
    purchasing.confirm(shop, CLERK, po, {"P-100": Confirmation(4, date(2030, 1, 1))})
    assert _line(shop, first).confirmed == 2
    assert _line(shop, second).confirmed == 2
    assert get_sales_order(shop, first).attention == []
    assert any("1 short" in reason for reason in get_sales_order(shop, second).attention)


def test_late_confirmation_flags_order(shop: Database) -> None:
    promised = date.today() + timedelta(days=3)
    so = _order(shop, ("P-100", 1, "40.00"), promised=promised)
    po = _sent_po(shop, so)
    purchasing.confirm(shop, CLERK, po, {"P-100": Confirmation(None, promised + timedelta(1))})
    view = get_sales_order(shop, so)
    assert view.lines[0].expected_date == promised + timedelta(1)
    assert any("after the" in reason for reason in view.attention)


def test_stock_reserved_then_rest_bought(people: Database) -> None:
    add_product(people, "P-400", cost="2.00", on_hand=3)
    so = _order(people, ("P-400", 5, "4.00"))
    line = _line(people, so)
    assert (line.from_stock, line.still_to_source) == (3, 2)
    assert _free_stock(people, "P-400") == 0
    po = drafting.draft_purchase_orders(people, CLERK, so).created[0]
    assert get_purchase_order(people, po).lines[0].ordered == 2


def test_always_back_to_back_takes_no_stock(people: Database) -> None:
    add_product(people, "P-500", cost="2.00", on_hand=10, always_back_to_back=True)
    so = _order(people, ("P-500", 4, "4.00"))
    assert _line(people, so).from_stock == 0
    assert _free_stock(people, "P-500") == 10


def test_pack_surplus_becomes_free_stock(people: Database) -> None:
    add_product(people, "P-600", cost="1.00", moq=10, pack=6)
    so = _order(people, ("P-600", 4, "3.00"))
    po = _sent_po(people, so)
    view = get_purchase_order(people, po)
    assert view.lines[0].ordered == 12
    assert view.lines[0].for_stock == 8
    assert view.for_stock_cost == Decimal("8.00")
    assert view.margin == Decimal("8.00")
    result = receiving.receive(people, CLERK, po)
    assert (result.reserved, result.to_stock) == (4, 8)
    assert _line(people, so).received == 4
    assert _free_stock(people, "P-600") == 8


def test_complete_only_order_waits_for_all(shop: Database) -> None:
    add_product(shop, "P-700", cost="1.00", on_hand=5)
    so = _order(shop, ("P-700", 2, "3.00"), ("P-100", 1, "40.00"), partial=False)
    with pytest.raises(RuleViolation, match="ships complete only"):
        shipping.ship(shop, CLERK, so)


def test_payment_above_balance_rejected(people: Database) -> None:
    add_product(people, "P-800", cost="1.00", on_hand=5)
    so = _order(people, ("P-800", 2, "3.00"))
    with pytest.raises(InvalidInput, match=r"7\.00 is more than the 6\.00 still due"):
        sales.record_payment(people, CLERK, so, "7.00")


def test_stale_edit_rejected(shop: Database) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    version = get_sales_order(shop, so).version
    sales.set_line_quantity(shop, CLERK, so, 1, 3, expected_version=version)
    with pytest.raises(StaleEdit, match="changed by someone else"):
        sales.set_line_quantity(shop, CLERK, so, 1, 4, expected_version=version)


def test_packing_slip_reprint_keeps_its_figures(people: Database, tmp_path: Path) -> None:
    add_product(people, "P-900", cost="1.00", on_hand=2)
    so = _order(people, ("P-900", 5, "3.00"))
    first = shipping.ship(people, CLERK, so)
    po = _sent_po(people, so)
    receiving.receive(people, CLERK, po)
    shipping.ship(people, CLERK, so)
    path = shipping.write_packing_slip(people, first.number, tmp_path / "again.pdf")
    text = PdfReader(path).pages[0].extract_text()
    assert first.number in text
    assert "P-900" in text
    assert "5 2 2 3" in " ".join(text.split())


def test_send_to_unwritable_folder_changes_nothing(shop: Database, tmp_path: Path) -> None:
    so = _order(shop, ("P-100", 1, "40.00"))
    po = drafting.draft_purchase_orders(shop, CLERK, so).created[0]
    purchasing.submit(shop, CLERK, po)
    purchasing.approve(shop, MANAGER, po)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DocumentNotWritten, match="Could not write"):
        purchasing.send(shop, CLERK, po, blocker / "po.pdf")
    assert get_purchase_order(shop, po).status == "approved"


def test_late_reason_closes_once_shipped(shop: Database) -> None:
    promised = date.today() + timedelta(days=3)
    so = _order(shop, ("P-100", 1, "40.00"), promised=promised)
    po = _sent_po(shop, so)
    purchasing.confirm(shop, CLERK, po, {"P-100": Confirmation(None, promised + timedelta(9))})
    receiving.receive(shop, CLERK, po)
    assert get_sales_order(shop, so).attention != []
    shipping.ship(shop, CLERK, so)
    assert get_sales_order(shop, so).attention == []


def test_no_supplier_reason_raised_once(people: Database) -> None:
    with people.write() as session:
        session.add(Product(sku="ORPHAN", description="No supplier sells this"))
    so = _order(people, ("ORPHAN", 2, "5.00"))
    first = drafting.draft_purchase_orders(people, CLERK, so)
    drafting.draft_purchase_orders(people, CLERK, so)
    assert "has no supplier" in first.messages[0]
    assert len(get_sales_order(people, so).attention) == 1


def test_finished_order_messages(people: Database) -> None:
    add_product(people, "P-950", cost="1.00", on_hand=2)
    so = _order(people, ("P-950", 2, "3.00"))
    shipping.ship(people, CLERK, so)
    with pytest.raises(RuleViolation, match="shipped everything already"):
        shipping.ship(people, CLERK, so)
    sales.record_payment(people, CLERK, so, "6.00")
    sales.deliver_sales_order(people, CLERK, so)
    with pytest.raises(RuleViolation, match="already marked delivered"):
        sales.deliver_sales_order(people, CLERK, so)
    with pytest.raises(RuleViolation, match="fully paid"):
        sales.record_payment(people, CLERK, so, "1.00")
