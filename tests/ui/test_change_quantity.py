"""The change-quantity dialog shows what a change touches before saving it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import drafting, purchasing, receiving, sales
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from app.ui.dialogs.change_quantity import ChangeQuantityDialog
from tests.conftest import CLERK, MANAGER, add_product


def _order(db: Database, quantity: int) -> tuple[str, str]:
    add_product(db, "P-100", cost="25.00")
    so = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-100", quantity, Decimal("40.00"))]))
    return so, drafting.draft_purchase_orders(db, CLERK, so).created[0]


def _items(dialog: ChangeQuantityDialog) -> list[str]:
    return [dialog.impact_list.item(i).text() for i in range(dialog.impact_list.count())]


def test_impact_listed_before_save(qtbot: QtBot, people: Database) -> None:
    so, po = _order(people, 1)
    dialog = ChangeQuantityDialog(people, CLERK, so)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.quantity_spin.setValue(2)

    assert _items(dialog) == [f"{po} line 1 goes from 1 to 2."]
    assert get_purchase_order(people, po).lines[0].ordered == 1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert get_purchase_order(people, po).lines[0].ordered == 2


def test_sent_po_reduction_offers_choice(qtbot: QtBot, people: Database) -> None:
    so, po = _order(people, 2)
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    dialog = ChangeQuantityDialog(people, CLERK, so)
    qtbot.addWidget(dialog)

    dialog.quantity_spin.setValue(1)

    assert len(_items(dialog)) == 1
    assert "over-ordered by 1" in _items(dialog)[0]
    assert "Reduce the PO or keep them as free stock" in _items(dialog)[0]
    dialog.reject()


def test_forbidden_change_disables_save(qtbot: QtBot, people: Database) -> None:
    so, po = _order(people, 2)
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    receiving.receive(people, CLERK, po)
    dialog = ChangeQuantityDialog(people, CLERK, so)
    qtbot.addWidget(dialog)

    dialog.quantity_spin.setValue(1)

    assert not dialog.save_button.isEnabled()
    assert "2 units were already received" in dialog.message.text()
    assert get_sales_order(people, so).lines[0].ordered == 2
    dialog.reject()
