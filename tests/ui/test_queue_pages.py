"""The purchasing queue pages over a small warehouse: models, ages, Enter, the next PO."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import drafting, purchasing
from app.services.context import find_purchase_order
from app.services.queries import get_purchase_order
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.confirm import ConfirmDialog
from app.ui.pages.approvals import ApprovalsPage
from app.ui.pages.list_page import ListPage
from app.ui.pages.purchase_queues import ApprovedQueuePage, LateQueuePage, UnconfirmedQueuePage
from app.ui.workstation import Workstation
from tests.conftest import CLERK, MANAGER
from tests.ui.warehouse import Warehouse, build_warehouse

DAYS_LATE = 3


@pytest.fixture
def stock(people: Database) -> Warehouse:
    """The warehouse with one PO approved, one sent and the partly received one late."""
    warehouse = build_warehouse(people)
    to_send, to_confirm = warehouse.waiting
    purchasing.approve(people, MANAGER, to_send)
    purchasing.approve(people, MANAGER, to_confirm)
    purchasing.send(people, CLERK, to_confirm)
    with people.write() as session:
        for line in find_purchase_order(session, warehouse.arriving).lines:
            line.expected_date = date.today() - timedelta(days=DAYS_LATE)
    return warehouse


def _workstation(db: Database, user: str) -> Workstation:
    """Return a workstation whose documents are never opened."""
    return Workstation(db, user, lambda _path: None)


@pytest.fixture
def waiting(people: Database) -> Warehouse:
    """The warehouse with its two POs awaiting approval."""
    return build_warehouse(people)


def _show(qtbot: QtBot, page: ListPage) -> ListPage:
    qtbot.addWidget(page)
    page.resize(1000, 500)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.workstation.data_changed.connect(page.refresh)
    return page


def _rows(page: ListPage) -> list[tuple[object, ...]]:
    rows = []
    for row in range(page.model.rowCount()):
        found = page.model.row_at(row)
        assert found is not None
        rows.append(found.values)
    return rows


@pytest.mark.parametrize("page_class", [ApprovedQueuePage, UnconfirmedQueuePage,
                                        LateQueuePage])
def test_queue_model_tester(qtbot: QtBot, qtmodeltester: ModelTester, people: Database,
                            stock: Warehouse, page_class: type[ListPage]) -> None:
    page = _show(qtbot, page_class(_workstation(people, CLERK)))  # type: ignore[call-arg]
    assert page.model.rowCount() == 1
    assert page.total_count() == 1
    qtmodeltester.check(page.model)


def test_queue_pages_list_each_po(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation = _workstation(people, CLERK)
    expected = {ApprovedQueuePage: stock.waiting[0], UnconfirmedQueuePage: stock.waiting[1],
                LateQueuePage: stock.arriving}
    for page_class, number in expected.items():
        page = _show(qtbot, page_class(workstation))
        assert [values[0] for values in _rows(page)] == [number]


def test_late_page_days_late(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    page = _show(qtbot, LateQueuePage(_workstation(people, CLERK)))
    [values] = _rows(page)
    view = get_purchase_order(people, stock.arriving)

    assert values[page.column_index("age")] == DAYS_LATE
    assert values[page.column_index("units_late")] == sum(line.open for line in view.lines)
    assert page.model.headerData(page.column_index("age"), Qt.Orientation.Horizontal) == (
        "Days late")


def test_queue_age_sorts(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    page = _show(qtbot, ApprovedQueuePage(_workstation(people, CLERK)))
    assert page.model.query.sort_key == "age"
    assert page.model.query.descending
    assert _rows(page)[0][page.column_index("age")] == 0


def test_late_status_filter(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    page = _show(qtbot, LateQueuePage(_workstation(people, CLERK)))
    page.status_combo.setCurrentIndex(page.status_combo.findText("Sent"))
    assert page.model.rowCount() == 0
    page.status_combo.setCurrentIndex(page.status_combo.findText("Partly received"))
    assert page.model.rowCount() == 1


def test_unconfirmed_enter_confirms(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    workstation = _workstation(people, CLERK)
    page = _show(qtbot, UnconfirmedQueuePage(workstation))
    page.focus_list()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ConfirmDialog)
    assert dialog.view.number == stock.waiting[1]

    with qtbot.waitSignal(workstation.data_changed):
        dialog.save_button.click()
    assert page.model.rowCount() == 0
    assert get_purchase_order(people, stock.waiting[1]).status == "confirmed"


def test_approvals_next_by_id(qtbot: QtBot, people: Database, waiting: Warehouse) -> None:
    """Sorted newest first, the PO after the decided one is selected next, even when a PO
    submitted meanwhile took the decided one's row."""
    workstation = _workstation(people, MANAGER)
    first = waiting.waiting[0]
    purchasing.reject(people, MANAGER, first, "Wrong supplier")
    purchasing.submit(people, CLERK, first)
    page = _show(qtbot, ApprovalsPage(workstation))
    page.model.sort(page.column_index("submitted_at"), Qt.SortOrder.DescendingOrder)
    page.focus_list()
    [top, below] = [values[0] for values in _rows(page)]
    assert top == first

    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ApprovalDialog)
    newer = drafting.draft_purchase_orders(people, CLERK, waiting.orders[4]).created[0]
    purchasing.submit(people, CLERK, newer)
    with qtbot.waitSignal(workstation.data_changed):
        dialog.approve_button.click()
    assert [values[0] for values in _rows(page)] == [newer, below]
    assert page.current_number() == below
    assert page.order_actions.dialog is None


def test_approvals_cancel_keeps_row(qtbot: QtBot, people: Database,
                                    waiting: Warehouse) -> None:
    workstation = _workstation(people, MANAGER)
    page = _show(qtbot, ApprovalsPage(workstation))
    page.focus_list()
    selected = page.current_number()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ApprovalDialog)
    dialog.cancel_button.click()
    page.refresh()
    assert page.current_number() == selected
