"""Drafting POs from the SO view: the supplier dialog, and the discounts the view shows."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.persistence.models import Customer
from app.services import sales
from app.services.queries import get_purchase_order, get_sales_order
from app.services.sales import NewLine, NewSalesOrder
from app.ui.dialogs.draft import DraftDialog
from app.ui.views.sales_order_view import SalesOrderDetail
from app.ui.workstation import Workstation
from tests.conftest import CLERK, add_product
from tests.services.test_discounts_and_suppliers import add_offer

# Set to a folder to keep the screenshots these tests take, for a person to look at.
SHOTS_ENV = "TANDEM_TEST_SCREENSHOTS"


@pytest.fixture
def shop(people: Database) -> Database:
    """P-100 from S1 at 25.00 or S2 at 27.50; P-200 from S1 alone; a customer with terms."""
    add_product(people, "P-100", supplier="S1", cost="25.00", lead_days=7)
    add_product(people, "P-200", supplier="S1", cost="70.00")
    add_offer(people, "P-100", "S2", "27.50", lead_days=2, moq=4, pack=2, terms="14 days net")
    with people.write() as session:
        session.add(Customer(code="C6", name="Customer Six", terms="30 % prepayment"))
    return people


def _order(db: Database, *lines: NewLine) -> str:
    return sales.create_sales_order(db, CLERK, NewSalesOrder("C6", "Customer Six", list(lines)))


def _view(qtbot: QtBot, db: Database, number: str) -> SalesOrderDetail:
    view = SalesOrderDetail(Workstation(db, CLERK, lambda _path: None))
    qtbot.addWidget(view)
    view.resize(1400, 560)
    assert view.load(number)
    with qtbot.waitExposed(view):
        view.show()
    return view


def _save_shot(widget: QDialog | SalesOrderDetail, name: str) -> None:
    folder = os.environ.get(SHOTS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def test_draft_dialog_sends_line_to_chosen_supplier(qtbot: QtBot, shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 3, Decimal("40.00"), discount_percent=Decimal("10")),
                NewLine("P-200", 1, Decimal("120.00")))
    view = _view(qtbot, shop, so)

    view.order_actions.draft.trigger()

    dialog = view.order_actions.dialog
    assert isinstance(dialog, DraftDialog)
    assert dialog.table.rowCount() == 1
    combo = dialog.combos[1]
    assert [combo.itemData(index) for index in range(combo.count())] == ["S1", "S2"]
    assert combo.currentData() == "S1"
    assert combo.itemText(0) == "S1 Supplier S1: 3 for 75.00 GBP at 25.00, 7 days"
    assert combo.itemText(1) == (
        "S2 Supplier S2: 4 for 110.00 GBP at 27.50, 2 days, min. 4, packs of 2")
    combo.setCurrentIndex(1)
    _save_shot(dialog, "draft_dialog.png")
    dialog.draft_button.click()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    notice = view.order_actions.notice
    assert notice is not None
    notice.accept()
    pos = [get_purchase_order(shop, number) for number in get_sales_order(shop, so)
           .purchase_orders]
    assert {po.supplier_code: [(line.sku, line.ordered) for line in po.lines] for po in pos} == {
        "S1": [("P-200", 1)], "S2": [("P-100", 4)]}


def test_draft_dialog_cancel_drafts_nothing(qtbot: QtBot, shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 1, Decimal("40.00")))
    view = _view(qtbot, shop, so)

    view.order_actions.draft.trigger()
    dialog = view.order_actions.dialog
    assert isinstance(dialog, DraftDialog)
    dialog.reject()

    assert view.order_actions.notice is None
    assert get_sales_order(shop, so).purchase_orders == []


def test_single_supplier_drafts_at_once(qtbot: QtBot, shop: Database) -> None:
    so = _order(shop, NewLine("P-200", 2, Decimal("120.00")))
    view = _view(qtbot, shop, so)

    view.order_actions.draft.trigger()

    assert view.order_actions.dialog is None
    notice = view.order_actions.notice
    assert notice is not None
    [po] = get_sales_order(shop, so).purchase_orders
    assert po in notice.text()
    notice.accept()


def test_sales_view_shows_discount_and_terms(qtbot: QtBot, shop: Database) -> None:
    so = _order(shop, NewLine("P-100", 1, Decimal("40.00"), discount_percent=Decimal("10")),
                NewLine("P-200", 1, Decimal("120.00")),
                NewLine("P-100", 1, Decimal("40.00"), description="with polyurethane tread"))
    view = _view(qtbot, shop, so)
    _save_shot(view, "sales_order_discounts.png")

    keys = [view.lines_model.headerData(column, Qt.Orientation.Horizontal)
            for column in range(view.lines_model.columnCount())]
    assert keys[-3:] == ["Price", "Discount", "Amount"]
    rows = [view.lines_model.row_values(row)[-3:] for row in range(3)]
    assert rows == [("40.00", "10 %", Decimal("36.00")), ("120.00", "", Decimal("120.00")),
                    ("40.00", "", Decimal("40.00"))]
    assert view.fields.value("termsValue") == "30 % prepayment"
    assert view.fields.value("totalValue") == "196.00 GBP"
