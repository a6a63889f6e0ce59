"""An SO whose units a supplier refused is listed under the supplier's attention filter."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import purchasing
from app.services.purchasing import Confirmation
from app.ui.pages.sales_orders import SalesOrdersPage
from app.ui.workstation import Workstation
from tests.conftest import CLERK
from tests.ui.dialog_support import sent_orders


def _choose(page: SalesOrdersPage, label: str) -> None:
    index = page.status_combo.findText(label)
    assert index >= 0, label
    page.status_combo.setCurrentIndex(index)


def test_refusal_under_supplier_filter(qtbot: QtBot, people: Database) -> None:
    orders = sent_orders(people)
    purchasing.confirm(people, CLERK, orders.po, {3: Confirmation(0)})
    page = SalesOrdersPage(Workstation(people, CLERK, lambda _path: None))
    qtbot.addWidget(page)
    page.show()

    _choose(page, "Attention: supplier short or late")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.select_row(0)
    assert page.current_number() == orders.sales_orders[1]
    _choose(page, "Attention: PO rejected or cancelled")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
