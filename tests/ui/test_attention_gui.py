"""Attention reasons in the window: raised by a PO change, listed, filtered and resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.listing import ListQuery
from app.persistence.database import Database
from app.services import po_changes, purchasing
from app.services.lists import ATTENTION_FILTER, SalesOrderSource
from app.services.queries import get_sales_order, list_sales_orders, sales_order_history
from app.ui.dialogs.po_change import CancelPODialog
from app.ui.dialogs.resolve_attention import ResolveAttentionDialog
from app.ui.main_window import MainWindow
from app.ui.views.sales_order_view import SalesOrderDetail, line_columns
from tests.conftest import CLERK
from tests.ui.change_cases import SevenOrders, build_so_seven, order


@pytest.fixture
def seven(people: Database) -> SevenOrders:
    return build_so_seven(people)


@pytest.fixture
def window(qtbot: QtBot, people: Database, seven: SevenOrders) -> MainWindow:
    opened: list[Path] = []
    window = MainWindow(people, CLERK, opened.append)
    qtbot.addWidget(window)
    window.show()
    return window


def _line(view: SalesOrderDetail, row: int) -> dict[str, object]:
    keys = [column.key for column in line_columns()]
    return dict(zip(keys, view.lines_model.row_values(row), strict=True))


def _history_top(view: SalesOrderDetail) -> dict[str, object]:
    keys = ["at", "user", "action", "number", "details"]
    return dict(zip(keys, view.history_model.row_values(0), strict=True))


def _flagged(db: Database) -> list[str]:
    rows = SalesOrderSource(db).fetch(ListQuery(extra={ATTENTION_FILTER: True}), 0, 100)
    return [str(row.values[0]) for row in rows]


def _resolve_dialog(view: SalesOrderDetail, row: int) -> ResolveAttentionDialog:
    view.attention.resolve_buttons[row].click()
    dialog = view.order_actions.dialog
    assert isinstance(dialog, ResolveAttentionDialog)
    return dialog


def test_cancel_from_po_view_shows_on_so(qtbot: QtBot, people: Database,
                                         seven: SevenOrders, window: MainWindow) -> None:
    events_before = len(sales_order_history(people, seven.so))
    window.open_order(window.purchase_view, seven.po_b)
    window.purchase_view.order_actions.cancel.trigger()
    dialog = window.purchase_view.order_actions.dialog
    assert isinstance(dialog, CancelPODialog)
    assert dialog.items()[0] == f"{seven.so} line 2: 2 x P-300 back to still to source."

    dialog.save_button.click()
    window.open_order(window.sales_view, seven.so)

    view = window.sales_view
    assert (_line(view, 1)["sku"], _line(view, 1)["still_to_source"]) == ("P-300", 2)
    assert (_line(view, 0)["sku"], _line(view, 0)["on_order"]) == ("P-100", 4)
    assert _line(view, 0)["still_to_source"] == 0
    assert view.attention.isVisibleTo(view)
    assert len(view.attention.reason_labels) == 1
    assert view.attention.reason_labels[0].text().startswith(f"• {seven.po_b} cancelled")
    assert view.history_model.rowCount() == events_before + 1
    assert _history_top(view)["action"] == "PO cancelled"


def test_resolve_clears_flag(qtbot: QtBot, people: Database, seven: SevenOrders,
                             window: MainWindow) -> None:
    purchasing.cancel(people, CLERK, seven.po_b)
    reason = get_sales_order(people, seven.so).reasons[0].message
    events_before = len(sales_order_history(people, seven.so))
    window.open_order(window.sales_view, seven.so)
    view = window.sales_view

    dialog = _resolve_dialog(view, 0)
    assert dialog.reason_list.currentItem().text() == reason
    dialog.note_edit.setText("Buying P-300 from S1 instead")
    dialog.resolve_button.click()

    assert get_sales_order(people, seven.so).attention == []
    assert [summary.attention for summary in list_sales_orders(people)] == [False]
    assert not view.attention.isVisibleTo(view)
    history = sales_order_history(people, seven.so)
    assert len(history) == events_before + 1
    assert (history[-1].action, history[-1].user) == ("so.resolve_attention", CLERK)
    assert history[-1].note == "Buying P-300 from S1 instead"
    top = _history_top(view)
    assert top["action"] == "Attention resolved"
    assert top["details"] == f"{reason} Note: Buying P-300 from S1 instead"


def test_resolve_one_of_two_keeps_flag(qtbot: QtBot, people: Database, seven: SevenOrders,
                                       window: MainWindow) -> None:
    purchasing.cancel(people, CLERK, seven.po_b)
    po_changes.set_po_line_quantity(people, CLERK, seven.po_a, 1, 3)
    window.open_order(window.sales_view, seven.so)
    view = window.sales_view
    assert len(view.attention.resolve_buttons) == 2

    dialog = _resolve_dialog(view, 1)
    assert "1 fewer x P-100" in dialog.reason_list.currentItem().text()
    dialog.resolve_button.click()

    reasons = get_sales_order(people, seven.so).reasons
    assert [reason.code for reason in reasons] == ["po_cancelled"]
    assert _flagged(people) == [seven.so]
    assert len(view.attention.reason_labels) == 1
    assert view.attention.reason_labels[0].text().startswith(f"• {seven.po_b} cancelled")


def test_attention_filter_drops_resolved(qtbot: QtBot, people: Database, seven: SevenOrders,
                                         window: MainWindow) -> None:
    calm = order(people, ("P-100", 1))
    purchasing.cancel(people, CLERK, seven.po_b)
    window.show_page(0)
    page = window.sales_page
    page.status_combo.setCurrentIndex(1)
    assert page.status_combo.currentText() == "Needs attention"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.select_row(0)
    assert page.current_number() == seven.so
    reason_column = [column.key for column in SalesOrderSource.columns].index("attention")
    cell = page.model.index(0, reason_column)
    reason = page.model.data(cell)
    assert isinstance(reason, str)
    assert reason.startswith(f"{seven.po_b} cancelled")
    assert page.model.data(cell, Qt.ItemDataRole.ToolTipRole) == reason

    page.order_actions.resolve.trigger()
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ResolveAttentionDialog)
    dialog.resolve_button.click()

    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    page.status_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert calm not in _flagged(people)


def test_resolve_without_reasons(qtbot: QtBot, people: Database, seven: SevenOrders) -> None:
    dialog = ResolveAttentionDialog(people, CLERK, seven.so)
    qtbot.addWidget(dialog)

    assert dialog.reason_list.count() == 0
    assert not dialog.resolve_button.isEnabled()
    assert "has no open attention reasons" in dialog.heading.text()
    dialog.reject()
