"""A supplier confirms 60 of 80: the clerk reduces the PO line and buys the rest elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput, RuleViolation
from app.persistence.database import Database
from app.persistence.models import CatalogEntry, Product, Supplier
from app.services import attention, drafting, po_changes, purchasing, sales
from app.services.purchasing import Confirmation
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product


@dataclass(frozen=True)
class ShortOrder:
    """SO ``so`` buys 80 x X on ``po`` from S1; S2 sells X too, dearer."""

    db: Database
    so: str
    po: str


def _add_second_supplier(db: Database, sku: str) -> None:
    with db.write() as session:
        supplier = Supplier(code="S2", name="Supplier S2", email="orders@s2.example",
                            lead_time_days=10, terms="30 days net")
        session.add(supplier)
        session.flush()
        product = session.query(Product).filter_by(sku=sku).one()
        session.add(CatalogEntry(product_id=product.id, supplier_id=supplier.id,
                                 supplier_sku=f"S2-{sku}", unit_cost=Decimal("1.20"),
                                 min_order_qty=1, pack_size=1))


def _sent(db: Database, so: str) -> str:
    [po] = drafting.draft_purchase_orders(db, CLERK, so).created
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)
    return po


@pytest.fixture
def short_order(people: Database) -> ShortOrder:
    add_product(people, "X", supplier="S1")
    _add_second_supplier(people, "X")
    so = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C1", "Customer C1", [NewLine("X", 80, Decimal("3.00"))]))
    po = _sent(people, so)
    purchasing.confirm(people, CLERK, po, {"X": Confirmation(60)})
    return ShortOrder(people, so, po)


def test_short_reason_says_what_to_do(short_order: ShortOrder) -> None:
    order = get_sales_order(short_order.db, short_order.so)

    assert [reason.code for reason in order.reasons] == [attention.SHORT_CONFIRMATION]
    assert order.attention == [
        f"{short_order.po} confirmed 60 of 80 x X for line 1: 20 short. Wait for the supplier, "
        f"or change the quantity of {short_order.po} line 1 to 60 to source the rest "
        "elsewhere."]
    line = order.lines[0]
    assert (line.on_order, line.confirmed, line.still_to_source) == (80, 60, 0)


def test_reduce_puts_shortfall_to_source(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 60)
    line = get_sales_order(short_order.db, short_order.so).lines[0]
    po_line = get_purchase_order(short_order.db, short_order.po).lines[0]

    assert (line.on_order, line.confirmed, line.still_to_source) == (60, 60, 20)
    assert (po_line.ordered, po_line.confirmed, po_line.for_stock) == (60, 60, 0)


def test_reduce_resolves_short_reason(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 60)
    codes = [reason.code for reason in get_sales_order(short_order.db, short_order.so).reasons]

    assert attention.SHORT_CONFIRMATION not in codes
    assert codes == [attention.PO_CHANGED]


def test_reduce_part_way_keeps_short(short_order: ShortOrder) -> None:
    """Cutting 10 of the 20 leaves the line 10 short, and the reason names the 10."""
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 70)
    order = get_sales_order(short_order.db, short_order.so)
    [short] = [r.message for r in order.reasons if r.code == attention.SHORT_CONFIRMATION]

    assert short.startswith(f"{short_order.po} confirmed 60 of 70 x X for line 1: 10 short.")
    assert order.lines[0].still_to_source == 10


def test_redraft_buys_shortfall_elsewhere(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 60)
    result = drafting.draft_purchase_orders(short_order.db, CLERK, short_order.so, {1: "S2"})

    assert result.extended == []
    [new_po] = result.created
    view = get_purchase_order(short_order.db, new_po)
    assert view.supplier == "Supplier S2"
    assert [(line.sku, line.ordered) for line in view.lines] == [("X", 20)]
    assert get_purchase_order(short_order.db, short_order.po).lines[0].ordered == 60
    assert get_sales_order(short_order.db, short_order.so).lines[0].still_to_source == 0


def test_redraft_proposes_shortfall(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 60)
    [option] = drafting.supplier_options(short_order.db, short_order.so)

    assert option.to_buy == 20


def test_sent_line_set_to_zero_closes(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 0)
    po_line = get_purchase_order(short_order.db, short_order.po).lines[0]
    line = get_sales_order(short_order.db, short_order.so).lines[0]

    assert (po_line.ordered, po_line.confirmed, po_line.expected_date) == (0, None, None)
    assert not po_line.refused
    assert get_purchase_order(short_order.db, short_order.po).total == Decimal("0.00")
    assert (line.on_order, line.still_to_source) == (0, 80)


def test_closed_line_not_raised(short_order: ShortOrder) -> None:
    po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 0)

    with pytest.raises(RuleViolation, match="is closed and orders nothing"):
        po_changes.set_po_line_quantity(short_order.db, CLERK, short_order.po, 1, 5)


def test_draft_line_zero_rejected(people: Database) -> None:
    add_product(people, "Y", supplier="S1")
    so = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C2", "Customer C2", [NewLine("Y", 4, Decimal("3.00"))]))
    [po] = drafting.draft_purchase_orders(people, CLERK, so).created

    with pytest.raises(InvalidInput, match="above zero"):
        po_changes.set_po_line_quantity(people, CLERK, po, 1, 0)


def test_remove_sent_line_points_to_zero(short_order: ShortOrder) -> None:
    with pytest.raises(RuleViolation, match="Set the line's quantity to 0 instead"):
        po_changes.remove_po_line(short_order.db, CLERK, short_order.po, 1)
