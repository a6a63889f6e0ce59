"""The change-quantity dialog on an SO whose PO the supplier has confirmed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import drafting, purchasing, sales
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from app.ui.dialogs.change_quantity import ChangeQuantityDialog
from tests.conftest import CLERK, MANAGER, add_product


def _confirmed_order(db: Database) -> tuple[str, str]:
    """Return an SO of 32 x P-100 and its PO of 36 (packs of 12), sent and confirmed in full."""
    add_product(db, "P-100", cost="25.00", pack=12)
    so = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-100", 32, Decimal("40.00"))]))
    po = drafting.draft_purchase_orders(db, CLERK, so).created[0]
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)
    purchasing.confirm(db, CLERK, po)
    return so, po


def test_lower_below_confirmed_lists_impact(qtbot: QtBot, people: Database) -> None:
    so, po = _confirmed_order(people)
    dialog = ChangeQuantityDialog(people, CLERK, so)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.quantity_spin.setValue(10)

    assert dialog.items() == [
        f"{po} line 1 stays at 36 x P-100 because it was sent to the supplier, so it is "
        f"over-ordered by 22 for {so}. Reduce the PO or keep them as free stock."]
    assert dialog.message.text() == ""
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    line = get_sales_order(people, so).lines[0]
    assert (line.ordered, line.on_order, line.confirmed) == (10, 10, 10)
    assert get_purchase_order(people, po).lines[0].ordered == 36
