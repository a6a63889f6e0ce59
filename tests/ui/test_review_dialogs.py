"""The approval dialog's deposits, changes and supplier record; partial and refused
confirmations in the confirmation dialog."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.persistence.database import Database
from app.persistence.models import User
from app.services import drafting, po_changes, purchasing, receiving, sales
from app.services.context import find_sales_order
from app.services.purchasing import Confirmation
from app.services.queries import get_sales_order
from app.ui.dialogs import ApprovalDialog, ConfirmDialog
from tests.conftest import CLERK, MANAGER, add_product
from tests.ui.dialog_support import ORDERS, PRODUCTS, draft_orders, sent_orders

D = TypeVar("D", bound=QDialog)


def _open(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _cells(table: QTableWidget, row: int) -> list[str]:
    cells = []
    for column in range(table.columnCount()):
        item = table.item(row, column)
        cells.append(item.text() if item is not None else "")
    return cells


def _label(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert isinstance(label, QLabel), name
    return label.text()


# --- approval -------------------------------------------------------------------------------


def test_approval_margin_cells(qtbot: QtBot, people: Database) -> None:
    """Margin and margin % per line, against figures worked out here from the orders made."""
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    sold: dict[str, tuple[Decimal, int]] = {}
    for _code, _name, lines in ORDERS:
        for sku, qty, price in lines:
            value, units = sold.get(sku, (Decimal(0), 0))
            sold[sku] = (value + Decimal(price) * qty, units + qty)

    table = dialog.lines_table
    for row in range(table.rowCount()):
        cells = _cells(table, row)
        value, units = sold[cells[1]]
        margin = value - Decimal(PRODUCTS[cells[1]][0]) * units
        percent = (margin * 100 / value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert cells[8] == f"{margin:.2f}"
        assert cells[9] == f"{percent} %"
    dialog.reject()


def test_approval_deposits(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    first, second = orders.sales_orders
    sales.record_payment(people, CLERK, first, "20.00", "card")
    sales.record_payment(people, CLERK, first, "7.50", "card")
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    table = dialog.deposits_table
    totals = {number: get_sales_order(people, number).total for number in (first, second)}

    assert table.rowCount() == 3
    assert _cells(table, 0) == [first, "Customer One", f"{totals[first]:.2f}", "27.50", "2"]
    assert _cells(table, 1) == [second, "Customer Two", f"{totals[second]:.2f}", "0.00", "0"]
    assert _cells(table, 2) == ["Total", "", f"{totals[first] + totals[second]:.2f}", "27.50",
                                "2"]
    dialog.reject()


def test_approval_supplier_record(qtbot: QtBot, people: Database) -> None:
    add_product(people, "OLD-1", cost="1.00")
    past = sales.create_sales_order(people, CLERK, sales.NewSalesOrder(
        "C9", "Customer Nine", [sales.NewLine("OLD-1", 2, Decimal("3.00"))]))
    old_po = drafting.draft_purchase_orders(people, CLERK, past).created[0]
    purchasing.submit(people, CLERK, old_po)
    purchasing.approve(people, MANAGER, old_po)
    purchasing.send(people, CLERK, old_po)
    purchasing.confirm(people, CLERK, old_po, {
        "OLD-1": Confirmation(None, date.today() - timedelta(days=4))})
    receiving.receive(people, CLERK, old_po)
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))

    assert _label(dialog, "supplierRecord") == (
        f"1 of 1 POs with goods due in the last 90 days were late: {old_po}.")
    dialog.reject()


def test_approval_first_has_no_changes(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    assert dialog.changes_box is None
    assert dialog.findChild(QGroupBox, "changesBox") is None
    dialog.reject()


def test_approval_revision_changes(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    po_changes.set_po_line_quantity(people, CLERK, orders.po, 2, 14)
    purchasing.submit(people, CLERK, orders.po)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))

    box = dialog.changes_box
    assert box is not None
    assert box.title() == "Changes Since Approved Revision 1"
    table = box.findChild(QTableWidget, "approvalChanges")
    assert isinstance(table, QTableWidget)
    assert table.rowCount() == 1
    assert _cells(table, 0) == ["2", "P-200", "Item P-200", "changed", "10", "14", "2.50",
                                "2.50", "25.00", "35.00"]
    quantities = {"P-100": 5, "P-200": 10, "P-300": 4}
    before = sum((Decimal(PRODUCTS[sku][0]) * qty for sku, qty in quantities.items()),
                 start=Decimal(0))
    after = before + Decimal(PRODUCTS["P-200"][0]) * 4
    assert f"Total then {before:.2f}, now {after:.2f} GBP." in _label(dialog, "changesSummary")
    dialog.reject()


def test_approval_above_limit_disabled(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    with people.write() as session:
        manager = session.scalars(select(User).where(User.name == MANAGER)).one()
        manager.approval_limit = Decimal("1.00")
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))

    assert not dialog.approve_button.isEnabled()
    assert dialog.reject_button.isEnabled()
    assert "above your approval limit of 1.00" in dialog.explanation.text()
    assert dialog.explanation.text() == dialog.approve_button.toolTip()


def test_reject_lists_flagged_orders(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    assert not dialog.reject_impact.isVisibleTo(dialog)

    qtbot.keyClicks(dialog.reason_edit, "Too expensive")
    text = dialog.reject_impact.text()
    assert dialog.reject_impact.isVisibleTo(dialog)
    for number in orders.sales_orders:
        assert number in text
    dialog.reason_edit.clear()
    assert not dialog.reject_impact.isVisibleTo(dialog)
    dialog.reject()


# --- confirmation ---------------------------------------------------------------------------


def _answer(dialog: ConfirmDialog, row: int) -> str:
    item = dialog.table.item(row, dialog.table.columnCount() - 1)
    assert item is not None
    return item.text()


def test_confirm_answers_shown(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))
    first, second = orders.sales_orders

    assert [_answer(dialog, row) for row in range(3)] == ["In full"] * 3
    assert not dialog.preview.isVisibleTo(dialog)
    dialog.quantity_spins[0].setValue(4)
    dialog.quantity_spins[2].setValue(0)

    assert _answer(dialog, 0) == "Partial, 1 short"
    assert _answer(dialog, 2) == "Refused"
    assert not dialog.date_edits[2].isEnabled()
    assert dialog.date_edits[0].isEnabled()
    assert dialog.preview.text().splitlines() == [
        f"P-100 short by 1 for {second}. {second} is flagged.",
        f"P-300 refused: 1 for {second} back to still to source. {second} is flagged.",
    ]
    assert first not in dialog.preview.text()
    dialog.reject()


def test_confirm_preview_names_several(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))
    first, second = orders.sales_orders
    dialog.quantity_spins[0].setValue(0)

    assert dialog.preview.text().splitlines() == [
        f"P-100 refused: 3 for {first}, 2 for {second} back to still to source. "
        f"{first}, {second} are flagged."]
    dialog.reject()


def test_confirm_refused_line_reopened(qtbot: QtBot, people: Database) -> None:
    """A refused line orders 0 afterwards and shows as refused, flagging nothing new."""
    orders = sent_orders(people)
    purchasing.confirm(people, CLERK, orders.po, {3: Confirmation(0)})
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))

    assert dialog.view.lines[2].ordered == 0
    assert _answer(dialog, 2) == "Refused"
    assert dialog.quantity_spins[2].maximum() == 0
    assert dialog.preview.text() == ""
    dialog.reject()


def test_confirm_partial_and_refusal(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))
    first, second = orders.sales_orders
    when = date.today() + timedelta(days=12)
    dialog.quantity_spins[0].setValue(4)
    dialog.date_edits[0].setDate(QDate(when.year, when.month, when.day))
    dialog.quantity_spins[2].setValue(0)
    dialog.reference_edit.setText("SUP-4410")
    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    one = get_sales_order(people, first)
    two = get_sales_order(people, second)
    assert one.attention == []
    assert [(line.sku, line.confirmed, line.expected_date) for line in one.lines] == [
        ("P-100", 3, when), ("P-200", 10, date.today() + timedelta(days=7))]
    assert [(line.sku, line.confirmed, line.on_order, line.still_to_source, line.expected_date)
            for line in two.lines] == [("P-100", 1, 2, 0, when), ("P-300", 0, 0, 1, None)]
    assert sorted(reason.code for reason in two.reasons) == ["refused_by_supplier",
                                                             "short_confirmation"]


def test_confirm_late_preview(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    promised = date.today() + timedelta(days=3)
    with people.write() as session:
        find_sales_order(session, orders.sales_orders[1]).promised_date = promised
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))
    second = orders.sales_orders[1]

    assert _answer(dialog, 0) == f"In full, late for {second}"
    assert _answer(dialog, 1) == "In full"
    assert dialog.preview.text().splitlines()[0] == (
        f"P-100 arrives after the date promised on {second}, which is flagged.")
    dialog.reject()


def test_confirm_past_date_noted(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))
    yesterday = date.today() - timedelta(days=1)
    assert "has passed already" not in dialog.preview.text()

    dialog.date_edits[0].setDate(QDate(yesterday.year, yesterday.month, yesterday.day))

    assert dialog.preview.text().splitlines()[0] == (
        f"P-100: {yesterday} has passed already. Check the date the supplier gave.")
    assert dialog.save_button.isEnabled()
    dialog.reject()
