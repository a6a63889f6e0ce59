"""Supplier confirmations: partial answers, refusals and which SO lines they reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import RuleViolation
from app.persistence.database import Database
from app.services import attention, drafting, po_changes, purchasing, receiving, sales
from app.services.confirmation_view import (
    REFUSED,
    SHORT,
    confirmation_effects,
    get_confirmation_review,
)
from app.services.purchasing import Confirmation
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

PROMISED_SOON = date(2031, 3, 10)
PROMISED_LATE = date(2031, 6, 30)
SUPPLIER_DATE = date(2031, 4, 15)
EARLY_DATE = date(2031, 3, 1)


@dataclass(frozen=True)
class TwoOrders:
    """SO ``first`` (A x3, B x2), ``second`` (A x2, C x4) and ``other`` (B x5).

    ``po`` buys A x5 (3 for the first SO, 2 for the second) and C x4 from S1;
    ``other_po`` buys B from S2.
    """

    db: Database
    first: str
    second: str
    other: str
    po: str
    other_po: str


def _order(db: Database, code: str, lines: list[tuple[str, int]], promised: date) -> str:
    return sales.create_sales_order(db, CLERK, NewSalesOrder(
        code, f"Customer {code}", [NewLine(sku, qty, Decimal("5.00")) for sku, qty in lines],
        promised_date=promised))


@pytest.fixture
def orders(people: Database) -> TwoOrders:
    db = people
    add_product(db, "A", supplier="S1")
    add_product(db, "C", supplier="S1")
    add_product(db, "B", supplier="S2")
    first = _order(db, "C1", [("A", 3), ("B", 2)], PROMISED_LATE)
    second = _order(db, "C2", [("A", 2), ("C", 4)], PROMISED_SOON)
    other = _order(db, "C3", [("B", 5)], PROMISED_SOON)
    created = drafting.draft_purchase_orders(db, CLERK, first).created
    for number in (second, other):
        drafting.draft_purchase_orders(db, CLERK, number)
    po, other_po = sorted(created)
    for number in (po, other_po):
        purchasing.submit(db, CLERK, number)
        purchasing.approve(db, MANAGER, number)
        purchasing.send(db, CLERK, number)
    return TwoOrders(db, first, second, other, po, other_po)


def _partial(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {
        "A": Confirmation(4, SUPPLIER_DATE), "C": Confirmation(4, EARLY_DATE)})


def test_partial_sets_served_dates(orders: TwoOrders) -> None:
    _partial(orders)
    first = get_sales_order(orders.db, orders.first)
    second = get_sales_order(orders.db, orders.second)
    other = get_sales_order(orders.db, orders.other)

    assert [line.expected_date for line in first.lines] == [SUPPLIER_DATE, None]
    assert [line.expected_date for line in second.lines] == [SUPPLIER_DATE, EARLY_DATE]
    assert [line.expected_date for line in other.lines] == [None]


def test_partial_shares_oldest_first(orders: TwoOrders) -> None:
    _partial(orders)
    first = get_sales_order(orders.db, orders.first)
    second = get_sales_order(orders.db, orders.second)

    assert [line.confirmed for line in first.lines] == [3, 0]
    assert [line.confirmed for line in second.lines] == [1, 4]


def test_partial_flags_short_and_late_only(orders: TwoOrders) -> None:
    _partial(orders)
    first = get_sales_order(orders.db, orders.first)
    second = get_sales_order(orders.db, orders.second)
    other = get_sales_order(orders.db, orders.other)

    assert first.attention == []
    assert other.attention == []
    assert sorted(reason.code for reason in second.reasons) == [
        "late_confirmation", "short_confirmation"]
    short = next(r.message for r in second.reasons if r.code == "short_confirmation")
    assert short == (f"{orders.po} confirmed 1 of 2 x A for line 1: 1 short. Wait for the "
                     f"supplier, or change the quantity of {orders.po} line 1 to 4 to source "
                     "the rest elsewhere.")
    late = next(r.message for r in second.reasons if r.code == "late_confirmation")
    assert "2031-04-15" in late
    assert "2031-03-10" in late


def test_unanswered_line_not_short(orders: TwoOrders) -> None:
    """A line the confirmation leaves out has no answer yet, so it flags nothing."""
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(5, EARLY_DATE)})

    assert get_sales_order(orders.db, orders.second).attention == []


def test_confirm_in_full_resolves_short(orders: TwoOrders) -> None:
    _partial(orders)
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(5, EARLY_DATE)})

    assert get_sales_order(orders.db, orders.second).attention == []


def test_refusal_back_to_source(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {
        "A": Confirmation(5, EARLY_DATE), "C": Confirmation(0)})
    second = get_sales_order(orders.db, orders.second)
    c_line = second.lines[1]

    assert (c_line.on_order, c_line.confirmed, c_line.still_to_source) == (0, 0, 4)
    assert c_line.expected_date is None
    assert second.lines[0].on_order == 2
    assert [reason.code for reason in second.reasons] == ["refused_by_supplier"]
    assert second.attention == [
        f"{orders.po}: the supplier refused C, so line 2 has 4 more to source. Draft purchase "
        "orders again to buy from another supplier."]
    assert get_sales_order(orders.db, orders.first).attention == []


def test_refusal_closes_po_line(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    view = get_purchase_order(orders.db, orders.po)
    c_line = next(line for line in view.lines if line.sku == "C")

    assert (c_line.ordered, c_line.confirmed, c_line.expected_date) == (0, 0, None)
    assert c_line.serves == []
    assert c_line.for_stock == 0
    assert c_line.amount == Decimal("0.00")
    assert view.total == Decimal("5.00")


def test_refused_line_not_confirmed_again(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})

    with pytest.raises(RuleViolation, match="is closed and orders nothing"):
        purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(4)})
    purchasing.confirm(orders.db, CLERK, orders.po)
    c_line = next(line for line in get_purchase_order(orders.db, orders.po).lines
                  if line.sku == "C")
    assert (c_line.ordered, c_line.confirmed) == (0, 0)


def test_all_but_refused_received_completes(orders: TwoOrders) -> None:
    """Receiving everything the supplier confirmed completes a PO with a refused line."""
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    receiving.receive(orders.db, CLERK, orders.po, {"A": 5})

    assert get_purchase_order(orders.db, orders.po).status == "received"


def test_receive_all_skips_refused(orders: TwoOrders) -> None:
    """Receiving everything open takes nothing of a refused line."""
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    receiving.receive(orders.db, CLERK, orders.po)
    c_line = next(line for line in get_purchase_order(orders.db, orders.po).lines
                  if line.sku == "C")

    assert c_line.received == 0


def test_refused_line_left_out_of_revision(orders: TwoOrders, tmp_path: Path) -> None:
    """A later revision orders 0 of the refused line and its PDF leaves the line out."""
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    sent_revision = get_purchase_order(orders.db, orders.po).revision
    po_changes.set_po_line_quantity(orders.db, CLERK, orders.po, 1, 6)
    purchasing.submit(orders.db, CLERK, orders.po)
    purchasing.approve(orders.db, MANAGER, orders.po)
    pdf = purchasing.send(orders.db, CLERK, orders.po, tmp_path / "revision.pdf")

    view = get_purchase_order(orders.db, orders.po)
    assert view.revision == sent_revision + 1
    assert view.total == Decimal("6.00")
    assert [(line.sku, line.ordered, line.for_stock) for line in view.lines] == [
        ("A", 6, 1), ("C", 0, 0)]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "S1-A" in text
    assert "S1-C" not in text
    assert "6.00" in text


def test_refusal_in_supplier_filter(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    codes = [r.code for r in get_sales_order(orders.db, orders.second).reasons]

    assert codes == [attention.REFUSED_BY_SUPPLIER]


def test_refused_units_drafted_again(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"C": Confirmation(0)})
    result = drafting.draft_purchase_orders(orders.db, CLERK, orders.second)

    [new_po] = result.created
    lines = get_purchase_order(orders.db, new_po).lines
    assert [(line.sku, line.ordered) for line in lines] == [("C", 4)]


def test_supplier_reference_kept(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, supplier_reference="SUP-881")
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(5, EARLY_DATE)})

    assert get_purchase_order(orders.db, orders.po).supplier_reference == "SUP-881"


def test_late_against_each_promise(orders: TwoOrders) -> None:
    """A date after one SO's promise and before the other's flags only the first SO."""
    between = PROMISED_SOON + timedelta(days=1)
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(5, between),
                                                     "C": Confirmation(4, EARLY_DATE)})

    assert get_sales_order(orders.db, orders.first).attention == []
    codes = [r.code for r in get_sales_order(orders.db, orders.second).reasons]
    assert codes == ["late_confirmation"]


def test_preview_matches_saved(orders: TwoOrders) -> None:
    """The dialog's preview names the SOs that saving the same answers flags."""
    review = get_confirmation_review(orders.db, orders.po)
    lines = {line.sku: line.line for line in review.po.lines}
    answers = {lines["A"]: Confirmation(4, SUPPLIER_DATE), lines["C"]: Confirmation(0)}
    effects = {effect.line: effect for effect in confirmation_effects(review, answers)}

    assert (effects[lines["A"]].kind, effects[lines["A"]].short) == (SHORT, [(orders.second, 1)])
    assert effects[lines["A"]].late == [orders.second]
    assert (effects[lines["C"]].kind, effects[lines["C"]].released) == (
        REFUSED, [(orders.second, 4)])
    purchasing.confirm(orders.db, CLERK, orders.po, answers)
    flagged = [number for number in (orders.first, orders.second, orders.other)
               if get_sales_order(orders.db, number).attention]
    assert flagged == [orders.second]


def test_every_line_refused_cancels_po(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(0), "C": Confirmation(0)})

    view = get_purchase_order(orders.db, orders.po)
    assert view.status == "cancelled"
    assert view.total == Decimal("0.00")
    second = get_sales_order(orders.db, orders.second)
    assert [line.still_to_source for line in second.lines] == [2, 4]
    assert {reason.code for reason in second.reasons} == {"refused_by_supplier"}


def test_partly_refused_po_stays_confirmed(orders: TwoOrders) -> None:
    purchasing.confirm(orders.db, CLERK, orders.po, {"A": Confirmation(0)})
    assert get_purchase_order(orders.db, orders.po).status == "confirmed"
