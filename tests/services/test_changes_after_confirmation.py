"""SO changes after the supplier confirmed the PO, and the sentences that describe changes.

Shared start: P-100 sells 40.00 and costs 25.00 at S1 in packs of 12, and
P-200 sells 120.00 and costs 70.00 at S1 one by one. Nothing is in stock,
and no SO has a promised date, so no confirmation is late.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.listing import ListQuery
from app.persistence.database import Database
from app.persistence.models import AttentionReason
from app.services import attention, drafting, purchasing, sales
from app.services.lists import ATTENTION_FILTER, SalesOrderSource
from app.services.purchasing import Confirmation
from app.services.queries import (
    get_purchase_order,
    get_sales_order,
    list_sales_orders,
)
from app.services.sales import NewLine, NewSalesOrder
from app.services.views import SalesOrderLineView
from tests.conftest import CLERK, MANAGER, add_product

PRICES = {"P-100": "40.00", "P-200": "120.00"}


@pytest.fixture
def shop(people: Database) -> Database:
    add_product(people, "P-100", supplier="S1", cost="25.00", pack=12)
    add_product(people, "P-200", supplier="S1", cost="70.00")
    return people


def _order(db: Database, *lines: tuple[str, int]) -> str:
    new = NewSalesOrder("C1", "Customer One",
                        [NewLine(sku, qty, Decimal(PRICES[sku])) for sku, qty in lines])
    return sales.create_sales_order(db, CLERK, new)


def _draft(db: Database, so: str) -> str:
    created = drafting.draft_purchase_orders(db, CLERK, so).created
    assert len(created) == 1
    return created[0]


def _send(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)


def _confirmed_order(db: Database, *lines: tuple[str, int],
                     answers: dict[str | int, Confirmation] | None = None) -> tuple[str, str]:
    """Return an SO and its PO, sent and confirmed in full unless ``answers`` set quantities."""
    so = _order(db, *lines)
    po = _draft(db, so)
    _send(db, po)
    purchasing.confirm(db, CLERK, po, answers)
    return so, po


def _assert_consistent(line: SalesOrderLineView) -> None:
    assert line.ordered == line.from_stock + line.on_order + line.still_to_source + line.cancelled
    assert 0 <= line.confirmed <= line.on_order
    assert 0 <= line.received <= line.on_order


def _open_reasons(db: Database, so: str) -> list[tuple[str, str]]:
    """Return the (code, message) of each open reason of an SO."""
    return [(reason.code, reason.message) for reason in get_sales_order(db, so).reasons]


def _resolvers(db: Database, so: str) -> list[str | None]:
    order_id = get_sales_order(db, so).id
    with db.read() as session:
        rows = session.query(AttentionReason).filter_by(sales_order_id=order_id).all()
        return [row.resolved_by for row in rows]


def _flagged(db: Database, so: str) -> bool:
    return next(summary.attention for summary in list_sales_orders(db) if summary.number == so)


def test_lower_below_confirmed_flags_over_order(shop: Database) -> None:
    so, po = _confirmed_order(shop, ("P-100", 32))

    done = sales.set_line_quantity(shop, CLERK, so, 1, 10)

    assert done == [f"{po} line 1 stays at 36 x P-100 because it was sent to the supplier, "
                    f"so it is over-ordered by 22 for {so}. Reduce the PO or keep them as free "
                    "stock."]
    line = get_sales_order(shop, so).lines[0]
    _assert_consistent(line)
    assert (line.ordered, line.on_order, line.confirmed, line.still_to_source) == (10, 10, 10, 0)
    assert any("over-ordered by 22" in reason for reason in get_sales_order(shop, so).attention)
    po_line = get_purchase_order(shop, po).lines[0]
    assert (po_line.ordered, po_line.confirmed, po_line.for_stock) == (36, 36, 26)
    assert [(s.so, s.qty, s.confirmed) for s in po_line.serves] == [(so, 10, 10)]


def test_lower_below_confirmed_then_raise(shop: Database) -> None:
    so, _po = _confirmed_order(shop, ("P-100", 32))
    sales.set_line_quantity(shop, CLERK, so, 1, 10)

    done = sales.set_line_quantity(shop, CLERK, so, 1, 12)

    assert done == ["2 units are left to source: draft purchase orders to buy them."]
    line = get_sales_order(shop, so).lines[0]
    _assert_consistent(line)
    assert (line.on_order, line.confirmed, line.still_to_source) == (10, 10, 2)


def test_cancel_so_with_confirmed_po(shop: Database) -> None:
    so, po = _confirmed_order(shop, ("P-100", 32))

    done = sales.cancel_sales_order(shop, CLERK, so)

    assert done == [f"{po} still buys 32 x P-100 for cancelled {so}: reduce the PO or keep "
                    "them as free stock."]
    view = get_sales_order(shop, so)
    assert view.status == "cancelled"
    line = view.lines[0]
    _assert_consistent(line)
    assert (line.cancelled, line.on_order, line.confirmed, line.still_to_source) == (32, 0, 0, 0)
    po_view = get_purchase_order(shop, po)
    assert po_view.status == "confirmed"
    assert (po_view.lines[0].ordered, po_view.lines[0].for_stock) == (36, 36)


def test_cancel_lists_each_po_once(shop: Database) -> None:
    so = _order(shop, ("P-100", 5), ("P-200", 2))
    po = _draft(shop, so)
    _send(shop, po)

    done = sales.cancel_sales_order(shop, CLERK, so)

    assert done == [f"{po} still buys 5 x P-100 and 2 x P-200 for cancelled {so}: reduce the "
                    "PO or keep them as free stock."]


def test_cancel_drops_draft_po_once(shop: Database) -> None:
    so = _order(shop, ("P-100", 5), ("P-200", 2))
    po = _draft(shop, so)

    done = sales.cancel_sales_order(shop, CLERK, so)

    assert done == [f"{po} no longer buys 5 x P-100 and 2 x P-200, so it is cancelled: "
                    "nothing is left on it."]
    assert get_purchase_order(shop, po).status == "cancelled"


def test_cancel_resolves_open_reasons(shop: Database) -> None:
    so, _po = _confirmed_order(shop, ("P-100", 12), ("P-200", 4),
                              answers={"P-200": Confirmation(3)})
    sales.set_line_quantity(shop, CLERK, so, 1, 10)
    codes = sorted(code for code, _message in _open_reasons(shop, so))
    assert codes == [attention.CHANGED_AFTER_SENT, attention.SHORT_CONFIRMATION]
    assert _flagged(shop, so)

    sales.cancel_sales_order(shop, CLERK, so)

    view = get_sales_order(shop, so)
    assert view.status == "cancelled"
    assert view.attention == []
    assert _open_reasons(shop, so) == []
    assert _resolvers(shop, so) == [attention.SYSTEM_USER, attention.SYSTEM_USER]
    assert not _flagged(shop, so)
    needing_attention = SalesOrderSource(shop).fetch(
        ListQuery(extra={ATTENTION_FILTER: True}), 0, 100)
    assert needing_attention == []


def test_lower_until_not_short_resolves_short(shop: Database) -> None:
    so, po = _confirmed_order(shop, ("P-200", 10), answers={"P-200": Confirmation(6)})
    assert [code for code, _message in _open_reasons(shop, so)] == [
        attention.SHORT_CONFIRMATION]

    sales.set_line_quantity(shop, CLERK, so, 1, 6)

    codes = [code for code, _message in _open_reasons(shop, so)]
    assert codes == [attention.CHANGED_AFTER_SENT]
    assert attention.SYSTEM_USER in _resolvers(shop, so)
    line = get_sales_order(shop, so).lines[0]
    _assert_consistent(line)
    assert (line.on_order, line.confirmed) == (6, 6)
    assert get_purchase_order(shop, po).lines[0].confirmed == 6


def test_lower_still_short_restates_short(shop: Database) -> None:
    so, po = _confirmed_order(shop, ("P-200", 10), answers={"P-200": Confirmation(6)})

    sales.set_line_quantity(shop, CLERK, so, 1, 8)

    short = [message for code, message in _open_reasons(shop, so)
             if code == attention.SHORT_CONFIRMATION]
    assert len(short) == 1
    assert short[0].startswith(f"{po} confirmed 6 of 8 x P-200 for line 1: 2 short.")


def test_raise_on_draft_names_po_line_quantities(shop: Database) -> None:
    so = _order(shop, ("P-100", 12))
    po = _draft(shop, so)

    done = sales.set_line_quantity(shop, CLERK, so, 1, 24)

    assert done == [f"{po} line 1 goes from 12 to 24 (packs of 12)."]
    assert get_purchase_order(shop, po).lines[0].ordered == 24


def test_change_within_pack_keeps_po_line(shop: Database) -> None:
    so = _order(shop, ("P-100", 20))
    po = _draft(shop, so)

    raised = sales.set_line_quantity(shop, CLERK, so, 1, 22)
    lowered = sales.set_line_quantity(shop, CLERK, so, 1, 13)

    assert raised == [f"{po} line 1 stays at 24 (packs of 12)."]
    assert lowered == [f"{po} line 1 stays at 24 (packs of 12)."]
    assert get_purchase_order(shop, po).lines[0].ordered == 24


def test_lower_on_draft_names_po_line_quantities(shop: Database) -> None:
    so = _order(shop, ("P-200", 5))
    po = _draft(shop, so)

    done = sales.set_line_quantity(shop, CLERK, so, 1, 2)

    assert done == [f"{po} line 1 goes from 5 to 2."]


def test_lower_on_approved_po_returns_it_to_draft(shop: Database) -> None:
    so = _order(shop, ("P-200", 5))
    po = _draft(shop, so)
    purchasing.submit(shop, CLERK, po)
    purchasing.approve(shop, MANAGER, po)

    done = sales.set_line_quantity(shop, CLERK, so, 1, 2)

    assert done == [f"{po} line 1 goes from 5 to 2.",
                    f"{po} is back to draft and needs approval again."]
    assert get_purchase_order(shop, po).status == "draft"


def test_lower_empties_newer_draft_po(shop: Database) -> None:
    so = _order(shop, ("P-200", 5))
    first = _draft(shop, so)
    _send(shop, first)
    sales.set_line_quantity(shop, CLERK, so, 1, 7)
    second = _draft(shop, so)

    done = sales.set_line_quantity(shop, CLERK, so, 1, 5)

    assert done == [f"{second} line 1 (P-200) is removed, so {second} is cancelled: nothing "
                    "is left on it."]
    assert get_purchase_order(shop, second).status == "cancelled"
    assert get_purchase_order(shop, first).lines[0].ordered == 5
    line = get_sales_order(shop, so).lines[0]
    _assert_consistent(line)
    assert (line.on_order, line.still_to_source) == (5, 0)


def test_po_cancel_skips_cancelled_so(shop: Database) -> None:
    so = _order(shop, ("P-100", 4))
    po = _draft(shop, so)
    _send(shop, po)
    sales.cancel_sales_order(shop, CLERK, so)
    assert not get_sales_order(shop, so).attention

    purchasing.cancel(shop, CLERK, po)

    view = get_sales_order(shop, so)
    assert not view.attention
    assert view.reasons == []
