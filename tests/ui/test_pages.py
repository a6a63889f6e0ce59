"""The list pages and the order views over a small warehouse in a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.listing import ListQuery
from app.persistence.database import Database
from app.services import purchasing
from app.services.lists import SalesOrderSource
from app.services.queries import get_purchase_order, get_sales_order
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.receive import ReceiveDialog
from app.ui.dialogs.ship import ShipDialog
from app.ui.pages.approvals import ApprovalsPage
from app.ui.pages.list_page import ListPage
from app.ui.pages.purchase_orders import PurchaseOrdersPage
from app.ui.pages.receiving import ReceivingPage
from app.ui.pages.sales_orders import SalesOrdersPage
from app.ui.pages.shipping import ShippingPage
from app.ui.views.purchase_order_view import PurchaseOrderDetail
from app.ui.views.sales_order_view import SalesOrderDetail, line_columns
from app.ui.workstation import Workstation
from tests.conftest import CLERK, MANAGER
from tests.ui.modal import ModalAnswer
from tests.ui.warehouse import Warehouse, build_warehouse

# Rows each page lists for the warehouse of build_warehouse.
PAGE_ROWS = [(SalesOrdersPage, 6), (PurchaseOrdersPage, 3), (ApprovalsPage, 2),
             (ReceivingPage, 1), (ShippingPage, 2)]


@pytest.fixture
def stock(people: Database) -> Warehouse:
    return build_warehouse(people)


class Opened:
    """Records the documents an action asked to open."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> None:
        self.paths.append(path)


def _workstation(db: Database, user: str = CLERK) -> tuple[Workstation, Opened]:
    opened = Opened()
    return Workstation(db, user, opened), opened


def _show(qtbot: QtBot, page: ListPage) -> ListPage:
    qtbot.addWidget(page)
    page.resize(1000, 600)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.workstation.data_changed.connect(page.refresh)
    return page


def _values(page: ListPage, key: str) -> list[object]:
    column = page.column_index(key)
    values = []
    for row in range(page.model.rowCount()):
        found = page.model.row_at(row)
        assert found is not None
        values.append(found.values[column])
    return values


def _select(page: ListPage, number: str) -> None:
    for row in range(page.model.rowCount()):
        page.select_row(row)
        if page.current_number() == number:
            return
    raise AssertionError(f"{number} is not on {page.objectName()}")


@pytest.mark.parametrize(("page_class", "rows"), PAGE_ROWS)
def test_page_model_tester(qtbot: QtBot, qtmodeltester: ModelTester, people: Database,
                           stock: Warehouse, page_class: type[ListPage], rows: int) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, page_class(workstation))  # type: ignore[call-arg]
    assert page.model.rowCount() == rows
    assert page.total_count() == rows
    qtmodeltester.check(page.model)


def test_filter_text_reduces_rows(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    qtbot.keyClicks(page.filter_edit, "abbey")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert set(_values(page, "customer")) == {"Abbey Gifts"}
    assert page.model.rowCount() == SalesOrderSource(people).count(ListQuery(text="abbey"))


def test_filter_enter_selects_first(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    qtbot.keyClicks(page.filter_edit, "cup-3")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert page.model.rowCount() == 2
    assert page.view.hasFocus()
    assert page.current_number() == stock.orders[3]


def test_filter_status_combo(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    index = page.status_combo.findText("Ready to ship")
    page.status_combo.setCurrentIndex(index)
    assert page.model.rowCount() == 1
    assert _values(page, "number") == [stock.orders[1]]
    page.status_combo.setCurrentIndex(0)
    assert page.model.rowCount() == 6


def test_header_click_sorts(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    header = page.view.horizontalHeader()
    column = page.column_index("total")
    position = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert page.model.query.sort_key == "total"
    totals = _values(page, "total")
    assert totals == sorted(totals, reverse=page.model.query.descending)  # type: ignore[type-var]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert _values(page, "total") == totals[::-1]


def test_actions_need_selection(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    page.view.clearSelection()
    assert not page.order_actions.draft.isEnabled()
    page.select_row(0)
    assert page.order_actions.draft.isEnabled()
    assert page.order_actions.draft in page.page_actions


def test_draft_shows_result(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    _select(page, stock.orders[4])
    with qtbot.waitSignal(workstation.data_changed):
        page.order_actions.draft.trigger()
    notice = page.order_actions.notice
    assert notice is not None
    created = get_sales_order(people, stock.orders[4]).purchase_orders
    assert len(created) == 1
    assert created[0] in notice.text()
    notice.accept()
    assert get_purchase_order(people, created[0]).status == "draft"


def test_cancel_lists_consequences(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    order = stock.orders[2]
    _select(page, order)
    answer = ModalAnswer("Cancel Order")
    page.order_actions.cancel.trigger()
    assert answer.error == ""
    assert stock.waiting[1] in answer.informative
    assert "is cancelled: nothing is left on it" in answer.informative
    notice = page.order_actions.notice
    assert notice is not None
    notice.accept()
    assert get_sales_order(people, order).status == "cancelled"
    assert get_purchase_order(people, stock.waiting[1]).status == "cancelled"


def test_cancel_kept_when_declined(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, SalesOrdersPage(workstation))
    _select(page, stock.orders[0])
    answer = ModalAnswer("Cancel")
    page.order_actions.cancel.trigger()
    assert answer.answered
    assert "3 units reserved from stock" in answer.informative
    assert get_sales_order(people, stock.orders[0]).status == "partly_ready"


def test_send_opens_email_draft(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    po = stock.waiting[0]
    purchasing.approve(people, MANAGER, po)
    workstation, opened = _workstation(people)
    page = _show(qtbot, PurchaseOrdersPage(workstation))
    _select(page, po)
    page.order_actions.send.trigger()
    assert len(opened.paths) == 1
    assert opened.paths[0].suffix == ".eml"
    assert opened.paths[0].with_suffix(".pdf").name.encode() in opened.paths[0].read_bytes()
    text = PdfReader(opened.paths[0].with_suffix(".pdf")).pages[0].extract_text()
    assert po in text
    assert get_purchase_order(people, po).status == "sent"
    assert _values(page, "status")[page.current_row() or 0] == "Sent"


def test_submit_error_shown(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, PurchaseOrdersPage(workstation))
    _select(page, stock.arriving)
    answer = ModalAnswer("OK")
    page.order_actions.submit.trigger()
    assert answer.title == f"Submit {stock.arriving}"
    assert "cannot be submitted" in answer.text


def test_approvals_move_to_next(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people, MANAGER)
    page = _show(qtbot, ApprovalsPage(workstation))
    page.focus_list()
    assert page.current_number() == stock.waiting[0]
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ApprovalDialog)
    assert dialog.view.number == stock.waiting[0]
    with qtbot.waitSignal(workstation.data_changed):
        dialog.approve_button.click()
    assert page.model.rowCount() == 1
    assert page.current_number() == stock.waiting[1]
    assert get_purchase_order(people, stock.waiting[0]).status == "approved"


def test_receiving_scan_opens(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, ReceivingPage(workstation))
    typed = stock.arriving.lower().replace("-0000", "-")
    qtbot.keyClicks(page.scan_edit, typed)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ReceiveDialog)
    assert dialog.view.number == stock.arriving
    assert page.scan_edit.text() == ""
    dialog.reject()


def test_receiving_scan_unknown(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, ReceivingPage(workstation))
    answer = ModalAnswer("OK")
    qtbot.keyClicks(page.scan_edit, "PO-999")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    assert "PO-999" in answer.text
    assert page.order_actions.dialog is None


def test_shipping_enter_opens(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    page = _show(qtbot, ShippingPage(workstation))
    _select(page, stock.orders[1])
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ShipDialog)
    assert dialog.view.number == stock.orders[1]
    assert QApplication.activeModalWidget() is dialog
    dialog.reject()


def test_sales_view_figures(qtbot: QtBot, qtmodeltester: ModelTester, people: Database,
                            stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    view = SalesOrderDetail(workstation)
    qtbot.addWidget(view)
    assert view.load(stock.orders[0])
    keys = [column.key for column in line_columns()]
    first = dict(zip(keys, view.lines_model.row_values(0), strict=True))
    assert first["sourcing"] == "Stock, then buy"
    assert (first["sku"], first["ordered"], first["from_stock"], first["on_order"]) == (
        "BOX-1", 6, 3, 3)
    assert first["ready"] == 3
    assert view.fields.value("statusValue") == "Partly ready"
    assert view.purchase_orders.item(0).text() == stock.waiting[0]
    assert view.history_model.rowCount() >= 3
    assert not view.attention.isVisibleTo(view)
    qtmodeltester.check(view.lines_model)
    qtmodeltester.check(view.history_model)


def test_sales_view_attention(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    purchasing.reject(people, MANAGER, stock.waiting[0], "Cheaper elsewhere")
    workstation, _opened = _workstation(people)
    view = SalesOrderDetail(workstation)
    qtbot.addWidget(view)
    assert view.load(stock.orders[0])
    assert view.attention.isVisibleTo(view)
    assert "Cheaper elsewhere" in view.attention.text()
    with qtbot.waitSignal(workstation.purchase_order_requested) as signal:
        view.purchase_orders.itemClicked.emit(view.purchase_orders.item(0))
    assert signal.args == [stock.waiting[0]]


def test_sales_view_unknown(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    view = SalesOrderDetail(workstation)
    qtbot.addWidget(view)
    answer = ModalAnswer("OK")
    assert not view.load("SO-999999")
    assert "SO-999999" in answer.text
    assert view.number is None


def test_purchase_view_serves(qtbot: QtBot, qtmodeltester: ModelTester, people: Database,
                              stock: Warehouse) -> None:
    workstation, _opened = _workstation(people)
    view = PurchaseOrderDetail(workstation)
    qtbot.addWidget(view)
    assert view.load(stock.arriving)
    po = get_purchase_order(people, stock.arriving)
    row = view.lines_model.row_values(0)
    serves = ", ".join(f"{s.so}/{s.line} × {s.qty}" for s in po.lines[0].serves)
    assert row[-2] == serves
    assert stock.orders[1] in serves
    assert (row[3], row[6], row[8]) == (14, 10, 4)
    assert view.fields.value("approvedValue").startswith(MANAGER)
    items = [view.sales_orders.item(i).text() for i in range(view.sales_orders.count())]
    assert items == po.sales_orders
    qtmodeltester.check(view.lines_model)
