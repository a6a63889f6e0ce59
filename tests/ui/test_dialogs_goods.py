"""The receiving, shipping and payment dialogs on a real database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import receiving, sales, shipping
from app.services.queries import get_purchase_order, get_sales_order
from app.ui.dialogs import PaymentDialog, ReceiveDialog, ShipDialog
from tests.conftest import CLERK, MANAGER
from tests.ui.dialog_support import (
    closing_message_boxes,
    received_orders,
    sent_orders,
)

D = TypeVar("D", bound=QDialog)


def _open(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _scan(qtbot: QtBot, dialog: ReceiveDialog, code: str) -> None:
    """Type ``code`` into the scan field as a barcode scanner does, ending with Enter."""
    qtbot.keyClicks(dialog.scan_edit, code)
    qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return)


def _received(db: Database, po: str) -> list[int]:
    return [line.received for line in get_purchase_order(db, po).lines]


# --- receiving ------------------------------------------------------------------------------


def test_receive_by_scanning(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    for code in ["P-100", "P-100", "P-200", "P-100"]:
        _scan(qtbot, dialog, code)

    assert [spin.value() for spin in dialog.receive_spins] == [3, 1, 0]
    assert dialog.scan_edit.text() == ""
    assert dialog.isVisible()
    assert _received(people, orders.po) == [0, 0, 0]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _received(people, orders.po) == [3, 1, 0]
    first = get_sales_order(people, orders.sales_orders[0])
    assert first.lines[0].received == 3
    assert first.lines[1].received == 1
    assert get_sales_order(people, orders.sales_orders[1]).lines[0].received == 0


def test_receive_ctrl_enter_saves(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    # Shortcuts work only in the active window, which the offscreen platform does not set.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    _scan(qtbot, dialog, "P-300")
    qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _received(people, orders.po) == [0, 0, 1]


def test_receive_escape_cancels(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    _scan(qtbot, dialog, "P-300")
    qtbot.keyClick(dialog.scan_edit, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert _received(people, orders.po) == [0, 0, 0]


def test_scan_shared_sku_lines(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people, wrapped=6)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    for _unit in range(11):
        _scan(qtbot, dialog, "P-200")

    assert [spin.value() for spin in dialog.receive_spins] == [0, 10, 0, 1]
    assert dialog.quantities() == ({"P-200": 11}, {})
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _received(people, orders.po) == [0, 10, 0, 1]


def test_scan_unknown_sku(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    _scan(qtbot, dialog, "X-999")

    assert dialog.message.isVisibleTo(dialog)
    assert "'X-999'" in dialog.message.text()
    assert orders.po in dialog.message.text()
    assert [spin.value() for spin in dialog.receive_spins] == [0, 0, 0]
    _scan(qtbot, dialog, "p-200")
    assert not dialog.message.isVisibleTo(dialog)
    assert dialog.receive_spins[1].value() == 1
    dialog.reject()


def test_receive_all_open(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    receiving.receive(people, CLERK, orders.po, {"P-200": 4})
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)

    assert [spin.value() for spin in dialog.receive_spins] == [5, 6, 4]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_purchase_order(people, orders.po).status == "received"
    assert dialog.receipt is not None
    assert dialog.receipt.to_stock == 3


def test_receive_damaged_units(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    dialog.receive_spins[1].setValue(8)
    dialog.rejected_spins[1].setValue(2)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    line = get_purchase_order(people, orders.po).lines[1]
    assert line.received == 8
    assert line.rejected == 2
    assert line.open == 2


def test_over_receipt_refused(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))
    dialog.receive_spins[0].setValue(6)
    dialog.receive_spins[1].setValue(10)

    assert "line 1 (P-100) 6 of 5 open" in dialog.over_note.text()
    with closing_message_boxes() as boxes:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(boxes.seen) == 1
    assert boxes.seen[0][0] == f"Receive {orders.po}"
    assert "over the limit of 5" in boxes.texts[0]
    assert dialog.isVisible()
    assert dialog.receipt is None
    assert _received(people, orders.po) == [0, 0, 0]
    dialog.reject()


def test_manager_allows_over_receipt(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    clerk_dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))
    assert not clerk_dialog.allow_over.isVisibleTo(clerk_dialog)
    clerk_dialog.reject()
    dialog = _open(qtbot, ReceiveDialog(people, MANAGER, orders.po))

    dialog.receive_spins[0].setValue(6)
    dialog.allow_over.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _received(people, orders.po) == [6, 0, 0]


def test_receive_nothing_counted(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "Nothing is counted yet" in dialog.message.text()
    assert _received(people, orders.po) == [0, 0, 0]
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_receive_shows_reservations(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    dialog = _open(qtbot, ReceiveDialog(people, CLERK, orders.po))

    first, second = orders.sales_orders
    column = dialog.table.columnCount() - 1
    texts = [dialog.table.item(row, column).text() for row in range(3)]  # type: ignore[union-attr]
    assert texts == [f"{first} ×3, {second} ×2", f"{first} ×10", f"{second} ×1, stock ×3"]
    dialog.reject()


# --- shipping -------------------------------------------------------------------------------


def test_ship_writes_packing_slip(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    opened: list[Path] = []
    so = orders.sales_orders[0]
    dialog = _open(qtbot, ShipDialog(people, CLERK, so, opened.append))

    assert [spin.value() for spin in dialog.ship_spins] == [3, 10]
    qtbot.keyClicks(dialog.carrier_edit, "DHL")
    qtbot.keyClicks(dialog.tracking_edit, "JD0146000012345")
    qtbot.keyClick(dialog.tracking_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.shipment is not None
    assert opened == [dialog.packing_slip]
    assert opened[0].exists()
    text = PdfReader(opened[0]).pages[0].extract_text()
    assert dialog.shipment.number in text
    assert so in text
    view = get_sales_order(people, so)
    assert [line.shipped for line in view.lines] == [3, 10]
    assert view.shipments == [dialog.shipment.number]


def test_ship_part(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[0]
    dialog = _open(qtbot, ShipDialog(people, CLERK, so, lambda _path: None))

    dialog.ship_spins[1].setValue(4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [line.shipped for line in get_sales_order(people, so).lines] == [3, 4]


def test_ship_nothing_ready(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    so = orders.sales_orders[0]
    dialog = _open(qtbot, ShipDialog(people, CLERK, so, lambda _path: None))

    assert not dialog.save_button.isEnabled()
    assert not any(spin.isEnabled() for spin in dialog.ship_spins)
    assert "Nothing of" in dialog.message.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_ship_all_zero(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[0]
    dialog = _open(qtbot, ShipDialog(people, CLERK, so, lambda _path: None))

    for spin in dialog.ship_spins:
        spin.setValue(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "Every \"Ship now\" is 0" in dialog.message.text()
    assert get_sales_order(people, so).shipments == []
    dialog.reject()


def test_ship_stale_order(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[0]
    opened: list[Path] = []
    dialog = _open(qtbot, ShipDialog(people, CLERK, so, opened.append))
    shipping.ship(people, CLERK, so, {"P-200": 2})

    with closing_message_boxes() as boxes:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(boxes.seen) == 1
    assert "changed by someone else" in boxes.texts[0]
    assert opened == []
    assert [line.shipped for line in get_sales_order(people, so).lines] == [0, 2]
    dialog.reject()


# --- payment --------------------------------------------------------------------------------


def test_payment_defaults_to_balance(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[1]
    sales.record_payment(people, CLERK, so, "10.00")
    dialog = _open(qtbot, PaymentDialog(people, CLERK, so))

    assert dialog.windowTitle() == f"Record Payment for {so}"
    assert dialog.amount_edit.text() == "32.00"
    dialog.method_combo.setCurrentText("card")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.balance_due == Decimal("0.00")
    view = get_sales_order(people, so)
    assert view.paid == Decimal("42.00")
    assert view.balance_due == Decimal("0.00")


def test_payment_above_balance(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[1]
    dialog = _open(qtbot, PaymentDialog(people, CLERK, so))

    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "50.00")
    with closing_message_boxes() as boxes:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(boxes.seen) == 1
    assert "50.00" in boxes.texts[0]
    assert "42.00" in boxes.texts[0]
    assert dialog.isVisible()
    assert get_sales_order(people, so).paid == Decimal("0.00")
    dialog.reject()


def test_payment_amount_keys(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    dialog = _open(qtbot, PaymentDialog(people, CLERK, orders.sales_orders[1]))

    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "12,5x0.259")

    assert dialog.amount_edit.text() == "1250.25"
    dialog.reject()


def test_payment_empty_amount(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[1]
    dialog = _open(qtbot, PaymentDialog(people, CLERK, so))

    dialog.amount_edit.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "Type the amount received, such as 42.00" in dialog.message.text()
    assert get_sales_order(people, so).paid == Decimal("0.00")
    dialog.reject()


def test_payment_paid_in_full(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[1]
    sales.record_payment(people, CLERK, so, "42.00")
    dialog = _open(qtbot, PaymentDialog(people, CLERK, so))

    assert not dialog.save_button.isEnabled()
    assert "paid in full" in dialog.message.text()
    dialog.reject()
