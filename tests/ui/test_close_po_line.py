"""Change Line Quantity takes a line of a sent PO down to 0, which closes it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services.queries import get_purchase_order, get_sales_order
from app.ui.dialogs.po_change import POLineQuantityDialog
from tests.conftest import CLERK
from tests.ui.change_cases import build_so_seven
from tests.ui.dialog_support import draft_orders


def test_sent_line_set_to_zero(qtbot: QtBot, people: Database) -> None:
    seven = build_so_seven(people)
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.quantity_spin.minimum() == 0
    dialog.quantity_spin.setValue(0)
    assert dialog.items()[0] == f"{seven.po_a} line 1 (P-100) from 4 to 0."
    dialog.save_button.click()

    assert get_purchase_order(people, seven.po_a).lines[0].ordered == 0
    assert get_sales_order(people, seven.so).lines[0].still_to_source == 4


def test_draft_line_minimum_one(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    dialog = POLineQuantityDialog(people, CLERK, orders.po)
    qtbot.addWidget(dialog)

    assert dialog.quantity_spin.minimum() == 1
    dialog.reject()
