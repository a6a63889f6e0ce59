"""The main window offscreen: navigation, shortcuts, order views, the user, the sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.persistence.database import Database
from app.persistence.models import Product, SalesOrder
from app.services.sample import ensure_starter_users
from app.services.users import add_user
from app.ui.app import run_gui, start_window
from app.ui.dialogs.login import ChooseUserDialog
from app.ui.dialogs.po_change import CancelPODialog
from app.ui.main_window import MainWindow
from app.ui.views.order_view import OrderView
from tests.conftest import CLERK, MANAGER
from tests.ui.modal import ModalAnswer
from tests.ui.warehouse import Warehouse, build_warehouse

CONTROL = Qt.KeyboardModifier.ControlModifier
PAGE_KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5,
             Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8]
# The loader stops within one batch of orders; loading all of the sample takes about 20 s.
LOAD_TIMEOUT_MS = 180_000


@pytest.fixture
def stock(people: Database) -> Warehouse:
    return build_warehouse(people)


@pytest.fixture
def opened() -> list[Path]:
    return []


def _show(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot: QtBot, people: Database, stock: Warehouse,
           opened: list[Path]) -> Iterator[MainWindow]:
    yield _show(qtbot, MainWindow(people, CLERK, opened.append))


def _select(window: MainWindow, number: str) -> None:
    page = window.stack.currentWidget()
    assert page in window.pages
    for row in range(page.model.rowCount()):  # type: ignore[union-attr]
        page.select_row(row)  # type: ignore[union-attr]
        if page.current_number() == number:  # type: ignore[union-attr]
            return
    raise AssertionError(f"{number} is not listed")


def test_navigation_counts(window: MainWindow) -> None:
    texts = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert texts == ["Sales orders (6)", "Purchase orders (3)", "Approvals (2)",
                     "Receiving (1)", "Shipping (2)", "To send (0)", "To confirm (0)",
                     "Late deliveries (0)"]


def test_shortcuts_switch_pages(qtbot: QtBot, window: MainWindow) -> None:
    for index in [4, 2, 0, 3, 1, 7, 5, 6]:
        qtbot.keyClick(window, PAGE_KEYS[index], CONTROL)
        assert window.stack.currentWidget() is window.pages[index]
        assert window.navigation.currentRow() == index
        assert window.actions_menu.actions() == window.pages[index].page_actions
        assert QApplication.focusWidget() is window.pages[index].view


def test_navigation_click_switches(window: MainWindow) -> None:
    window.navigation.setCurrentRow(2)
    assert window.stack.currentWidget() is window.approvals_page


def test_find_then_filter(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, CONTROL)
    qtbot.keyClick(window, Qt.Key.Key_F, CONTROL)
    page = window.purchase_page
    assert QApplication.focusWidget() is page.filter_edit
    qtbot.keyClicks(page.filter_edit, "Supplier S2")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    assert window.navigation.item(1).text() == "Purchase orders (3)"


def test_enter_opens_order_view(qtbot: QtBot, window: MainWindow, stock: Warehouse) -> None:
    _select(window, stock.orders[0])
    window.sales_page.view.setFocus()
    qtbot.keyClick(window.sales_page.view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.sales_view
    assert window.sales_view.title.text().startswith(stock.orders[0])
    assert window.actions_menu.actions() == window.sales_view.page_actions
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.sales_page


def test_links_and_back(window: MainWindow, stock: Warehouse) -> None:
    window.workstation.show_sales_order(stock.orders[1])
    links = window.sales_view.purchase_orders
    links.itemClicked.emit(links.item(0))
    assert window.stack.currentWidget() is window.purchase_view
    assert window.purchase_view.number == stock.arriving
    orders = window.purchase_view.sales_orders
    assert [orders.item(row).text() for row in range(orders.count())] == [
        stock.orders[1], stock.orders[3]]
    orders.itemClicked.emit(orders.item(1))
    assert window.sales_view.number == stock.orders[3]
    window.go_back()
    assert window.stack.currentWidget() is window.purchase_view
    window.go_back()
    assert window.sales_view.number == stock.orders[1]
    window.go_back()
    assert window.stack.currentWidget() is window.sales_page


def _user_choices(window: MainWindow) -> list[str]:
    window.sign_in_action.trigger()
    dialog = window.sign_in_dialog
    assert isinstance(dialog, ChooseUserDialog)
    return [dialog.user_combo.itemData(row) for row in range(dialog.user_combo.count())]


def test_switch_user(window: MainWindow) -> None:
    assert _user_choices(window) == sorted([CLERK, MANAGER, "miles"])
    assert window.role_label.text() == "(clerk)"
    assert window.user_label.text() == f"Acting as {CLERK}"
    dialog = window.sign_in_dialog
    assert isinstance(dialog, ChooseUserDialog)
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData(MANAGER))
    dialog.ok_button.click()
    assert window.sign_in_dialog is None
    assert window.workstation.user == MANAGER
    assert window.workstation.role == "manager"
    assert window.role_label.text() == "(manager)"
    assert MANAGER in window.windowTitle()


def test_database_location_shown(window: MainWindow, people: Database) -> None:
    assert str(people.path) in window.database_label.text()


def test_action_refreshes_counts(qtbot: QtBot, window: MainWindow, stock: Warehouse) -> None:
    _select(window, stock.orders[4])
    qtbot.keyClick(window, Qt.Key.Key_D, CONTROL)
    notice = window.sales_page.order_actions.notice
    assert notice is not None
    notice.accept()
    assert window.navigation.item(1).text() == "Purchase orders (4)"
    assert window.purchase_page.model.rowCount() == 4


def test_detail_view_reloads(qtbot: QtBot, window: MainWindow, stock: Warehouse) -> None:
    window.workstation.show_purchase_order(stock.waiting[0])
    view = window.purchase_view
    assert isinstance(view, OrderView)
    assert view.fields.value("statusValue").startswith("Awaiting approval")
    view.order_actions.cancel.trigger()
    dialog = view.order_actions.dialog
    assert isinstance(dialog, CancelPODialog)
    dialog.save_button.click()
    assert view.fields.value("statusValue").startswith("Cancelled")
    assert window.navigation.item(2).text() == "Approvals (1)"


def test_start_asks_on_empty(qtbot: QtBot, db: Database, opened: list[Path]) -> None:
    answer = ModalAnswer("No")
    window = start_window(db, None, opened.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer.answered)
    assert answer.title == "Load the Sample Warehouse?"
    assert window.workstation.user == "clerk"
    assert window.workstation.role == "clerk"
    assert window.sample_loader is None


def test_start_skips_question(qtbot: QtBot, people: Database, stock: Warehouse,
                              opened: list[Path]) -> None:
    window = start_window(people, MANAGER, opened.append)
    qtbot.addWidget(window)
    assert not window.offer_sample()
    assert window.workstation.user == MANAGER


def _count(db: Database, model: type[Product] | type[SalesOrder]) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_sample_cancel_keeps(qtbot: QtBot, db: Database, opened: list[Path]) -> None:
    ensure_starter_users(db)
    window = _show(qtbot, MainWindow(db, "clerk", opened.append))
    window.load_sample()
    loader = window.sample_loader
    assert loader is not None
    assert loader.progress is not None
    cancel = loader.progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: not loader.running, timeout=LOAD_TIMEOUT_MS)
    assert loader.notice is not None
    assert "Loading stopped" in loader.notice.text()
    assert "no orders were stored" in loader.notice.text()
    loader.notice.accept()
    assert _count(db, Product) > 1000
    assert _count(db, SalesOrder) == 0


@pytest.mark.slow
def test_sample_loads_all(qtbot: QtBot, db: Database, opened: list[Path]) -> None:
    ensure_starter_users(db)
    window = _show(qtbot, MainWindow(db, "clerk", opened.append))
    window.load_sample()
    loader = window.sample_loader
    assert loader is not None
    qtbot.waitUntil(lambda: not loader.running, timeout=LOAD_TIMEOUT_MS)
    assert loader.notice is not None
    stored = _count(db, SalesOrder)
    assert f"{stored} orders stored" in loader.notice.text()
    loader.notice.accept()
    assert stored > 500
    assert window.navigation.item(0).text() == f"Sales orders ({stored})"


def test_refresh_reads_new_users(qtbot: QtBot, window: MainWindow, people: Database) -> None:
    add_user(people, CLERK, "nora", "clerk")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert "nora" in _user_choices(window)
    assert window.workstation.user == CLERK
    assert window.sign_in_dialog is not None
    window.sign_in_dialog.reject()


def test_run_gui_until_closed(qtbot: QtBot, people: Database, stock: Warehouse) -> None:
    def close_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.workstation.user)
                widget.close()

    seen: list[str] = []
    QTimer.singleShot(200, close_windows)
    assert run_gui(str(people.path), MANAGER) == 0
    assert seen == [MANAGER]


def test_shortcuts_unique(window: MainWindow) -> None:
    """Every shortcut of the window's menus and of each page triggers one action only."""
    for widget in [*window.pages, window.sales_view, window.purchase_view]:
        actions = [*window.actions(), *widget.page_actions]
        keys = [key.toString() for action in actions for key in action.shortcuts()]
        assert len(keys) == len(set(keys)), widget.objectName()
