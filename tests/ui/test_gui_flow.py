"""One real order of the sample through the window: buy, approve, send, confirm, receive
in two parts, ship, deliver, get paid, complete.

Order 537040 of the sample orders 48 REGENCY CAKESTAND 3 TIER (22423) and
144 SILVER HANGING T-LIGHT HOLDER (84949). Neither is in stock, and Old Mill
Baskets (SUP016) is the cheapest supplier of both, so one PO buys the order.
"""

from __future__ import annotations

import gzip
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.importers.sample import sample_files
from app.persistence.database import Database
from app.services import imports
from app.services.queries import get_purchase_order, get_sales_order, sales_order_history
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.confirm import ConfirmDialog
from app.ui.dialogs.draft import DraftDialog
from app.ui.dialogs.payment import PaymentDialog
from app.ui.dialogs.receive import ReceiveDialog
from app.ui.dialogs.ship import ShipDialog
from app.ui.main_window import MainWindow
from app.ui.pages.list_page import ListPage
from tests.conftest import CLERK, MANAGER

REFERENCE = "537040"
FIRST_PART = {"22423": 24, "84949": 144}
CONTROL = Qt.KeyboardModifier.ControlModifier
D = TypeVar("D", bound=QDialog)
CONTROL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _write_order(path: Path) -> None:
    """Copy the header and the rows of order REFERENCE from the sample orders file."""
    with gzip.open(sample_files().orders, "rt", encoding="utf-8", newline="") as sample:
        header = sample.readline()
        rows = [row for row in sample if row.startswith(f"{REFERENCE},")]
    assert len(rows) == 2
    path.write_text(header + "".join(rows), encoding="utf-8")


@pytest.fixture
def order(people: Database, tmp_path: Path) -> str:
    files = sample_files()
    orders = tmp_path / "orders.csv"
    _write_order(orders)
    imports.import_suppliers(people, CLERK, files.suppliers)
    imports.import_catalog(people, CLERK, files.catalog)
    imports.import_stock(people, CLERK, files.stock)
    summary = imports.import_orders(people, CLERK, orders)
    assert summary.count(imports.ORDERS_STORED) == 1
    return get_sales_order(people, REFERENCE).number


def _find(qtbot: QtBot, window: MainWindow, page: ListPage, text: str) -> None:
    """Press Ctrl+F, type ``text`` over the filter and press Enter, which selects the first row."""
    qtbot.keyClick(window, Qt.Key.Key_F, CONTROL)
    assert QApplication.focusWidget() is page.filter_edit
    qtbot.keyClicks(page.filter_edit, text)
    assert page.filter_edit.text() == text
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    assert page.view.hasFocus()


def _dialog(qtbot: QtBot, kind: type[D], dialog: QDialog | None) -> D:
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isVisible)
    assert QApplication.activeModalWidget() is dialog
    return dialog


def _closed(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_order_buy_receive_ship_pay(qtbot: QtBot, people: Database, order: str) -> None:
    opened: list[Path] = []
    window = MainWindow(people, CLERK, opened.append)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    sales_page, purchase_page = window.sales_page, window.purchase_page
    assert get_sales_order(people, order).status == "awaiting_purchase"

    # Draft the PO from the sales order page.
    _find(qtbot, window, sales_page, REFERENCE)
    assert sales_page.current_number() == order
    qtbot.keyClick(window, Qt.Key.Key_D, CONTROL)
    # Other suppliers sell these items too, so the clerk confirms the cheapest.
    draft = _dialog(qtbot, DraftDialog, sales_page.order_actions.dialog)
    assert set(draft.chosen().values()) == {"SUP016"}
    draft.draft_button.click()
    _closed(qtbot, draft)
    notice = sales_page.order_actions.notice
    assert notice is not None
    [po] = get_sales_order(people, order).purchase_orders
    assert po in notice.text()
    notice.accept()
    assert get_purchase_order(people, po).supplier_code == "SUP016"

    # The clerk submits it.
    qtbot.keyClick(window, Qt.Key.Key_2, CONTROL)
    _find(qtbot, window, purchase_page, po)
    qtbot.keyClick(window, Qt.Key.Key_M, CONTROL_SHIFT)
    assert get_purchase_order(people, po).status == "awaiting_approval"
    assert window.navigation.item(2).text() == "Approvals (1)"

    # A manager approves it from the approval queue.
    window.switch_user(MANAGER)
    assert window.role_label.text() == "(manager)"
    qtbot.keyClick(window, Qt.Key.Key_3, CONTROL)
    assert window.approvals_page.current_number() == po
    qtbot.keyClick(window.approvals_page.view, Qt.Key.Key_Return)
    approval = _dialog(qtbot, ApprovalDialog, window.approvals_page.order_actions.dialog)
    assert approval.approve_button.isEnabled()
    qtbot.keyClicks(approval.comment_edit, "Agreed with the buyer")
    approval.approve_button.click()
    _closed(qtbot, approval)
    assert get_purchase_order(people, po).approved_by == MANAGER
    assert window.navigation.item(2).text() == "Approvals (0)"

    # The manager sends it: the PDF is written and opened.
    qtbot.keyClick(window, Qt.Key.Key_2, CONTROL)
    _find(qtbot, window, purchase_page, po)
    qtbot.keyClick(window, Qt.Key.Key_E, CONTROL_SHIFT)
    assert get_purchase_order(people, po).status == "sent"
    assert len(opened) == 1
    assert opened[0].suffix == ".eml"
    po_text = PdfReader(opened[0].with_suffix(".pdf")).pages[0].extract_text()
    assert po in po_text
    assert order in po_text

    # The clerk records the supplier's confirmation in full.
    window.switch_user(CLERK)
    qtbot.keyClick(window, Qt.Key.Key_C, CONTROL_SHIFT)
    confirmation = _dialog(qtbot, ConfirmDialog, purchase_page.order_actions.dialog)
    assert [spin.value() for spin in confirmation.quantity_spins] == [48, 144]
    confirmation.save_button.click()
    _closed(qtbot, confirmation)
    assert get_purchase_order(people, po).status == "confirmed"

    # Part of the goods arrive; the PO number is scanned on the receiving page.
    qtbot.keyClick(window, Qt.Key.Key_4, CONTROL)
    receiving_page = window.receiving_page
    receiving_page.scan_edit.setFocus()
    qtbot.keyClicks(receiving_page.scan_edit, po)
    qtbot.keyClick(receiving_page.scan_edit, Qt.Key.Key_Return)
    receipt = _dialog(qtbot, ReceiveDialog, receiving_page.order_actions.dialog)
    for line, spin in zip(receipt.view.lines, receipt.receive_spins, strict=True):
        spin.setValue(FIRST_PART[line.sku])
    receipt.save_button.click()
    _closed(qtbot, receipt)
    assert get_purchase_order(people, po).status == "partly_received"
    assert get_sales_order(people, order).status == "partly_ready"

    # The rest arrives; Enter on the queue opens the same dialog.
    assert receiving_page.model.rowCount() == 1
    receiving_page.focus_list()
    qtbot.keyClick(receiving_page.view, Qt.Key.Key_Return)
    rest = _dialog(qtbot, ReceiveDialog, receiving_page.order_actions.dialog)
    rest.fill_button.click()
    assert [spin.value() for spin in rest.receive_spins] == [24, 0]
    rest.save_button.click()
    _closed(qtbot, rest)
    assert get_purchase_order(people, po).status == "received"
    assert get_sales_order(people, order).status == "ready_to_ship"
    assert receiving_page.model.rowCount() == 0

    # Ship everything from the shipping queue; the packing slip opens.
    qtbot.keyClick(window, Qt.Key.Key_5, CONTROL)
    shipping_page = window.shipping_page
    assert shipping_page.current_number() == order
    qtbot.keyClick(shipping_page.view, Qt.Key.Key_Return)
    shipment = _dialog(qtbot, ShipDialog, shipping_page.order_actions.dialog)
    qtbot.keyClicks(shipment.carrier_edit, "DPD")
    shipment.save_button.click()
    _closed(qtbot, shipment)
    view = get_sales_order(people, order)
    assert view.status == "shipped"
    assert [line.shipped for line in view.lines] == [48, 144]
    assert len(opened) == 2
    assert view.shipments[0] in PdfReader(opened[1]).pages[0].extract_text()

    # Delivered, then paid in full: the order completes.
    qtbot.keyClick(window, Qt.Key.Key_1, CONTROL)
    _find(qtbot, window, sales_page, REFERENCE)
    qtbot.keyClick(window, Qt.Key.Key_L, CONTROL_SHIFT)
    assert get_sales_order(people, order).status == "delivered"
    qtbot.keyClick(window, Qt.Key.Key_P, CONTROL_SHIFT)
    payment = _dialog(qtbot, PaymentDialog, sales_page.order_actions.dialog)
    assert payment.amount_edit.text() == "734.40"
    payment.save_button.click()
    _closed(qtbot, payment)
    view = get_sales_order(people, order)
    assert view.status == "completed"
    assert view.balance_due == Decimal("0.00")
    assert view.paid == Decimal("734.40")

    # The order view shows the whole story.
    sales_page.focus_list()
    qtbot.keyClick(sales_page.view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.sales_view
    assert window.sales_view.fields.value("statusValue") == "Completed"
    actions = [entry.action for entry in sales_order_history(people, order)]
    for action in ("so.create", "po.submit", "po.approve", "po.send", "po.confirm",
                   "po.receive", "so.ship", "so.deliver", "so.payment"):
        assert action in actions
    assert window.sales_view.history_model.rowCount() == len(actions)
