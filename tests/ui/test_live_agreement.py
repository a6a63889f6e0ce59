"""An open SO window follows a PO cancelled at another workstation, without a refresh."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import open_database
from app.persistence.database import Database
from app.services import drafting, purchasing, sales
from app.services.queries import get_purchase_order, sales_order_history
from app.services.sales import NewLine, NewSalesOrder
from app.ui.main_window import MainWindow
from app.ui.views.sales_order_view import line_columns
from tests.conftest import CLERK, MANAGER, add_product

# The window must show another workstation's change within this time.
LIVE_TIMEOUT_MS = 2000


def _sent(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)


def _line_values(window: MainWindow, row: int) -> dict[str, object]:
    keys = [column.key for column in line_columns()]
    return dict(zip(keys, window.sales_view.lines_model.row_values(row), strict=True))


def test_po_cancelled_elsewhere_shows(qtbot: QtBot, people: Database, tmp_path: Path) -> None:
    add_product(people, "P-100", supplier="S1", cost="25.00")
    add_product(people, "P-300", supplier="S2", cost="9.00")
    so = sales.create_sales_order(people, CLERK, NewSalesOrder("C7", "Customer Seven", [
        NewLine("P-100", 4, Decimal("40.00")), NewLine("P-300", 2, Decimal("15.00"))]))
    po_a, po_b = sorted(drafting.draft_purchase_orders(people, CLERK, so).created)
    if get_purchase_order(people, po_b).supplier_code != "S2":
        po_a, po_b = po_b, po_a
    _sent(people, po_a)
    _sent(people, po_b)
    purchasing.confirm(people, CLERK, po_b)
    events_before = len(sales_order_history(people, so))

    window = MainWindow(people, CLERK, lambda path: None)
    qtbot.addWidget(window)
    window.show()
    window.open_order(window.sales_view, so)
    assert _line_values(window, 1)["still_to_source"] == 0

    other = open_database(str(people.path))
    try:
        purchasing.cancel(other, MANAGER, po_b)
    finally:
        other.dispose()

    qtbot.waitUntil(lambda: _line_values(window, 1)["still_to_source"] == 2,
                    timeout=LIVE_TIMEOUT_MS)
    assert _line_values(window, 0)["on_order"] == 4
    assert f"{po_b} cancelled" in window.sales_view.attention.text()
    assert window.sales_view.history_model.rowCount() == events_before + 1
