"""Changing an SO line's sourcing, opening line dialogs and copying an order from the GUI."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import sales
from app.services.queries import get_sales_order, sales_order_history
from app.services.sales import NewLine, NewSalesOrder
from app.ui.dialogs.change_quantity import ChangeQuantityDialog
from app.ui.dialogs.sourcing import SourcingDialog
from app.ui.pages.sales_actions import SalesOrderActions
from app.ui.views.sales_order_view import SalesOrderDetail
from app.ui.workstation import Workstation
from tests.conftest import CLERK, add_product


@pytest.fixture
def stocked(people: Database) -> str:
    """An SO of 5 x P-100 where 3 are in free stock, so 3 are reserved and 2 to source."""
    add_product(people, "P-100", supplier="S1", cost="25.00", on_hand=3)
    return sales.create_sales_order(people, CLERK, NewSalesOrder("C1", "Customer One", [
        NewLine("P-100", 5, Decimal("40.00"))]))


def _dialog(qtbot: QtBot, db: Database, so: str) -> SourcingDialog:
    dialog = SourcingDialog(db, CLERK, so)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_dialog_starts_without_change(qtbot: QtBot, people: Database, stocked: str) -> None:
    dialog = _dialog(qtbot, people, stocked)
    assert dialog.sourcing_combo.currentData() == "auto"
    assert not dialog.save_button.isEnabled()


def test_back_to_back_previews_release(qtbot: QtBot, people: Database, stocked: str) -> None:
    dialog = _dialog(qtbot, people, stocked)
    dialog.sourcing_combo.setCurrentIndex(dialog.sourcing_combo.findData("back_to_back"))

    assert dialog.items() == ["3 reserved units go back to free stock."]
    assert dialog.save_button.isEnabled()
    # The preview rolled back: the reservation is still there.
    assert get_sales_order(people, stocked).lines[0].from_stock == 3


def test_back_to_back_saved(qtbot: QtBot, people: Database, stocked: str) -> None:
    dialog = _dialog(qtbot, people, stocked)
    dialog.sourcing_combo.setCurrentIndex(dialog.sourcing_combo.findData("back_to_back"))
    dialog.save_button.click()

    line = get_sales_order(people, stocked).lines[0]
    assert (line.sourcing, line.from_stock, line.still_to_source) == ("back_to_back", 0, 5)
    event = sales_order_history(people, stocked)[-1]
    assert event.action == "so.set_sourcing"
    assert event.before == {"line": 1, "sourcing": "auto"}
    assert event.after == {"line": 1, "sourcing": "back_to_back"}


def test_cancelled_order_refused(qtbot: QtBot, people: Database, stocked: str) -> None:
    sales.cancel_sales_order(people, CLERK, stocked)
    dialog = _dialog(qtbot, people, stocked)
    dialog.sourcing_combo.setCurrentIndex(dialog.sourcing_combo.findData("stock"))

    assert not dialog.save_button.isEnabled()
    assert dialog.message.isVisible()
    assert dialog.message.text() == f"{stocked} is cancelled: its lines cannot change."



def test_copy_order_opens_copy(qtbot: QtBot, people: Database, stocked: str) -> None:
    workstation = Workstation(people, CLERK, lambda _path: None)
    view = SalesOrderDetail(workstation)
    qtbot.addWidget(view)
    opened: list[str] = []
    workstation.sales_order_requested.connect(opened.append)
    sales.cancel_sales_order(people, CLERK, stocked)
    assert view.load(stocked)

    actions: SalesOrderActions = view.order_actions
    actions.copy.trigger()

    assert len(opened) == 1
    assert opened[0] != stocked
    copy = get_sales_order(people, opened[0])
    line = copy.lines[0]
    # The cancelled order gave its 3 reserved units back, so the copy reserves them again.
    assert (line.sku, line.ordered, line.from_stock, line.on_order) == ("P-100", 5, 3, 0)
    assert copy.purchase_orders == []


def test_view_opens_selected_line(qtbot: QtBot, people: Database, stocked: str) -> None:
    add_product(people, "P-200", supplier="S1", cost="70.00")
    order = sales.create_sales_order(people, CLERK, NewSalesOrder("C1", "Customer One", [
        NewLine("P-100", 1, Decimal("40.00")), NewLine("P-200", 2, Decimal("120.00"))]))
    view = SalesOrderDetail(Workstation(people, CLERK, lambda _path: None))
    qtbot.addWidget(view)
    assert view.load(order)
    view.lines_view.setCurrentIndex(view.lines_model.index(1, 0))
    actions: SalesOrderActions = view.order_actions

    for action, kind in ((actions.change_quantity, ChangeQuantityDialog),
                         (actions.sourcing, SourcingDialog)):
        action.trigger()
        dialog = actions.dialog
        assert isinstance(dialog, kind)
        assert dialog.line_combo.currentData() == 2
        dialog.reject()
