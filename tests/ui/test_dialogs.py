"""The operations layer, the approval dialog and the confirmation dialog on a real database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from app.domain.errors import RuleViolation
from app.persistence.database import Database
from app.services import purchasing
from app.services.queries import get_purchase_order, get_sales_order
from app.ui.dialogs import ApprovalDialog, ConfirmDialog
from app.ui.dialogs.approval import format_percent, margin_percent
from app.ui.operations import confirm, run_action
from tests.conftest import CLERK, MANAGER, MANAGER_2
from tests.ui.dialog_support import (
    ORDERS,
    PRODUCTS,
    closing_message_boxes,
    draft_orders,
    sent_orders,
)

_CENT = Decimal("0.01")
D = TypeVar("D", bound=QDialog)


def _open(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _column(table: QTableWidget, title: str) -> int:
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        if header is not None and header.text() == title:
            return column
    raise AssertionError(f"no column {title!r}")


def _cell(table: QTableWidget, row: int, title: str) -> str:
    item = table.item(row, _column(table, title))
    assert item is not None
    return item.text()


def _label(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert isinstance(label, QLabel), name
    return label.text()


def _expected_line_figures() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Return sales value, margin and margin percent per SKU, from the test's own orders."""
    sold: dict[str, list[tuple[int, Decimal]]] = {}
    for _code, _name, lines in ORDERS:
        for sku, qty, price in lines:
            sold.setdefault(sku, []).append((qty, Decimal(price)))
    figures = {}
    for sku, sales in sold.items():
        cost = Decimal(PRODUCTS[sku][0])
        value = sum((price * qty for qty, price in sales), start=Decimal(0))
        margin = value - cost * sum(qty for qty, _price in sales)
        percent = (margin / value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        figures[sku] = (value.quantize(_CENT), margin.quantize(_CENT), percent)
    return figures


# --- operations ---------------------------------------------------------------------------


def test_run_action_returns_result(qtbot: QtBot) -> None:
    assert run_action(None, "Add Numbers", lambda: 2 + 3) == 5


def test_run_action_shows_tandem_error(qtbot: QtBot) -> None:
    def refuse() -> int:
        raise RuleViolation("PO-000045 cannot be sent: it is draft.")

    with closing_message_boxes() as boxes:
        result = run_action(None, "Send PO-000045", refuse)

    assert result is None
    assert boxes.seen == [("Send PO-000045", "PO-000045 cannot be sent: it is draft.")]


def test_run_action_propagates_bugs(qtbot: QtBot) -> None:
    def broken() -> int:
        raise KeyError("line")

    with pytest.raises(KeyError):
        run_action(None, "Ship SO-000001", broken)


@pytest.mark.parametrize(("button", "expected"), [("Cancel PO", True), ("Cancel", False)])
def test_confirm_lists_consequences(qtbot: QtBot, button: str, expected: bool) -> None:
    shown: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        shown.append(box.informativeText())
        clicked = next(b for b in box.findChildren(QPushButton) if b.text() == button)
        clicked.click()

    QTimer.singleShot(0, answer)
    result = confirm(None, "Cancel PO-000045", "Cancel PO-000045?",
                     ["SO-000001 goes back to still to source.", "The supplier is not told."],
                     action="Cancel PO")

    assert result is expected
    assert shown == ["• SO-000001 goes back to still to source.\n• The supplier is not told."]


# --- approval -------------------------------------------------------------------------------


@pytest.mark.parametrize(("margin", "sales", "text"), [
    (Decimal("24.00"), Decimal("44.00"), "54.5 %"),
    (Decimal("-5.00"), Decimal("20.00"), "-25.0 %"),
    (Decimal("0.00"), Decimal("0.00"), "–"),
])
def test_margin_percent_format(margin: Decimal, sales: Decimal, text: str) -> None:
    assert format_percent(margin_percent(margin, sales)) == text


def test_approval_line_margins(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    table = dialog.lines_table

    expected = _expected_line_figures()
    assert table.rowCount() == 3
    for row in range(table.rowCount()):
        value, margin, percent = expected[_cell(table, row, "SKU")]
        assert _cell(table, row, "Sales value") == f"{value:.2f}"
        assert _cell(table, row, "Margin") == f"{margin:.2f}"
        assert _cell(table, row, "Margin %") == f"{percent} %"
    dialog.reject()


def test_approval_shows_stock_units(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    table = dialog.lines_table

    row = next(r for r in range(3) if _cell(table, r, "SKU") == "P-300")
    assert _cell(table, row, "Qty") == "4"
    assert _cell(table, row, "For stock") == "3"
    assert _cell(table, row, "Amount") == "40.00"
    dialog.reject()


def test_approval_served_lines(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))
    table = dialog.served_table

    rows = [(_cell(table, r, "SKU"), _cell(table, r, "Sales order"), _cell(table, r, "Customer"),
             _cell(table, r, "Qty"), _cell(table, r, "Unit price"),
             _cell(table, r, "Sales value")) for r in range(table.rowCount())]
    first, second = orders.sales_orders
    assert rows == [
        ("P-100", first, "Customer One", "3", "9.00", "27.00"),
        ("P-100", second, "Customer Two", "2", "8.50", "17.00"),
        ("P-200", first, "Customer One", "10", "4.00", "40.00"),
        ("P-300", second, "Customer Two", "1", "25.00", "25.00"),
    ]
    dialog.reject()


def test_approval_totals(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))

    total = sum((Decimal(PRODUCTS[sku][0]) * qty
                 for sku, qty in [("P-100", 5), ("P-200", 10), ("P-300", 4)]), start=Decimal(0))
    sales_value = sum((value for value, _m, _p in _expected_line_figures().values()),
                      start=Decimal(0))
    margin = sum((m for _v, m, _p in _expected_line_figures().values()), start=Decimal(0))
    percent = (margin / sales_value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert _label(dialog, "poTotal") == f"{total:.2f} GBP"
    assert _label(dialog, "salesValue") == f"{sales_value:.2f} GBP"
    assert _label(dialog, "totalMargin") == f"{margin:.2f} GBP ({percent} %)"
    dialog.reject()


def test_approval_header(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = _open(qtbot, ApprovalDialog(people, MANAGER, orders.po))

    assert dialog.windowTitle() == f"Approve {orders.po}"
    assert _label(dialog, "supplierLabel") == "Supplier S1 (S1)"
    assert _label(dialog, "termsLabel") == "30 days net"
    assert _label(dialog, "submittedLabel").startswith(f"{CLERK} on 20")
    dialog.reject()


def test_approve_records_manager(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    qtbot.keyClicks(dialog.comment_edit, "Prices as agreed")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    view = get_purchase_order(people, orders.po)
    assert view.status == "approved"
    assert view.approved_by == MANAGER


def test_reject_needs_reason(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.message.isVisibleTo(dialog)
    assert "Type a rejection reason" in dialog.message.text()
    assert orders.po in dialog.message.text()
    assert get_purchase_order(people, orders.po).status == "awaiting_approval"
    dialog.reject()


def test_reject_with_reason(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    qtbot.keyClicks(dialog.reason_edit, "Order P-300 from the cheaper supplier")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    view = get_purchase_order(people, orders.po)
    assert view.status == "draft"
    assert view.rejection_reason == "Order P-300 from the cheaper supplier"
    assert get_sales_order(people, orders.sales_orders[0]).attention


def test_submitter_cannot_approve(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people, submitter=MANAGER)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    assert not dialog.approve_button.isEnabled()
    assert dialog.reject_button.isEnabled()
    assert dialog.explanation.isVisibleTo(dialog)
    assert dialog.explanation.text() == (
        f"You submitted {orders.po}; another manager must approve it.")
    dialog.reject()


def test_other_manager_can_approve(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people, submitter=MANAGER)
    dialog = ApprovalDialog(people, MANAGER_2, orders.po)
    _open(qtbot, dialog)

    assert dialog.approve_button.isEnabled()
    assert not dialog.explanation.isVisibleTo(dialog)
    dialog.reject()


def test_clerk_cannot_approve(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, CLERK, orders.po)
    _open(qtbot, dialog)

    assert not dialog.approve_button.isEnabled()
    assert not dialog.reject_button.isEnabled()
    assert "Only a manager" in dialog.explanation.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_approval_stale_edit(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    purchasing.reject(people, MANAGER_2, orders.po, "Wrong supplier")
    with closing_message_boxes() as boxes:
        qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    assert len(boxes.seen) == 1
    assert boxes.seen[0][0] == f"Approve {orders.po}"
    assert "changed by someone else" in boxes.texts[0]
    assert dialog.isVisible()
    assert get_purchase_order(people, orders.po).status == "draft"
    dialog.reject()


def test_approval_escape_cancels(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ApprovalDialog(people, MANAGER, orders.po)
    _open(qtbot, dialog)

    qtbot.keyClick(dialog.comment_edit, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert get_purchase_order(people, orders.po).status == "awaiting_approval"


# --- confirmation ---------------------------------------------------------------------------


def test_confirm_partial_quantity_and_date(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = ConfirmDialog(people, CLERK, orders.po)
    _open(qtbot, dialog)
    promised = date.today() + timedelta(days=20)

    dialog.quantity_spins[0].setValue(3)
    dialog.date_edits[0].setDate(QDate(promised.year, promised.month, promised.day))
    qtbot.keyClicks(dialog.reference_edit, "AB-7781")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    first = get_sales_order(people, orders.sales_orders[0])
    second = get_sales_order(people, orders.sales_orders[1])
    assert first.lines[0].confirmed == 3
    assert first.lines[0].expected_date == promised
    assert second.lines[0].confirmed == 0
    assert second.lines[0].expected_date == promised
    assert any("short" in reason for reason in second.attention)
    view = get_purchase_order(people, orders.po)
    assert view.supplier_reference == "AB-7781"
    assert view.status == "confirmed"


def test_confirm_defaults_to_lead_time(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = ConfirmDialog(people, CLERK, orders.po)
    _open(qtbot, dialog)

    assert [spin.value() for spin in dialog.quantity_spins] == [5, 10, 4]
    assert dialog.date_edits[0].text() == (date.today() + timedelta(days=7)).isoformat()
    qtbot.keyClick(dialog.quantity_spins[0], Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    lines = get_sales_order(people, orders.sales_orders[0]).lines
    assert lines[1].confirmed == 10
    assert lines[1].expected_date == date.today() + timedelta(days=7)


def test_confirm_reopens_current_answer(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    first = ConfirmDialog(people, CLERK, orders.po)
    _open(qtbot, first)
    first.quantity_spins[1].setValue(8)
    first.date_edits[1].setDate(QDate(2031, 3, 14))
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)

    second = ConfirmDialog(people, CLERK, orders.po)
    _open(qtbot, second)

    assert second.quantity_spins[1].value() == 8
    assert second.date_edits[1].date() == QDate(2031, 3, 14)
    second.reject()


def test_confirm_needs_sent_po(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = ConfirmDialog(people, CLERK, orders.po)
    _open(qtbot, dialog)

    assert not dialog.save_button.isEnabled()
    assert "only once it is sent" in dialog.message.text()
    dialog.reject()


def test_confirm_shared_sku_lines_apart(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people, wrapped=6)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))

    assert [spin.value() for spin in dialog.quantity_spins] == [5, 10, 4, 6]
    dialog.quantity_spins[3].setValue(2)
    dialog.date_edits[1].setDate(QDate(2031, 5, 2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    lines = get_purchase_order(people, orders.po).lines
    assert [line.confirmed for line in lines] == [5, 10, 4, 2]
    assert lines[1].expected_date == date(2031, 5, 2)
    assert lines[3].expected_date != date(2031, 5, 2)


def test_confirm_cancel_button(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ConfirmDialog(people, CLERK, orders.po))

    dialog.quantity_spins[0].setValue(1)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert get_purchase_order(people, orders.po).lines[0].confirmed is None
