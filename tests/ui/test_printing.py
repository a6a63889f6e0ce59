"""Printing packing slips in a batch from the shipping queue, the order list and the order view."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import shipping
from app.ui.main_window import MainWindow
from app.ui.printing import PackingSlipActions
from app.ui.widgets.print_slips_dialog import PrintSlipsDialog
from tests.conftest import CLERK
from tests.ui.warehouse import Warehouse, build_warehouse

PRINT_TIMEOUT_MS = 60_000


class Opened:
    """Records the files and folders an action asked to open."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> None:
        self.paths.append(path)


@pytest.fixture
def stock(people: Database) -> Warehouse:
    """The small warehouse, with SO 1002 shipped in three parts and SO 1001 in one."""
    warehouse = build_warehouse(people)
    for _part in range(3):
        shipping.ship(people, CLERK, warehouse.orders[1], {"CUP-3": 3})
    shipping.ship(people, CLERK, warehouse.orders[0])
    return warehouse


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def window(qtbot: QtBot, people: Database, stock: Warehouse, opened: Opened) -> MainWindow:
    window = MainWindow(people, CLERK, opened)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _open_dialog(actions: PackingSlipActions) -> PrintSlipsDialog:
    actions.print_slips.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, PrintSlipsDialog)
    assert dialog.isVisible()
    return dialog


def _wait_printed(qtbot: QtBot, actions: PackingSlipActions) -> None:
    qtbot.waitUntil(lambda: not actions.printer.running, timeout=PRINT_TIMEOUT_MS)


def test_shipping_queue_prints(qtbot: QtBot, window: MainWindow, stock: Warehouse,
                               tmp_path: Path, opened: Opened) -> None:
    page = window.shipping_page
    window.show_page(4)
    assert page.model.rowCount() == 1
    page.view.selectAll()
    assert page.selected_numbers() == [stock.orders[1]]

    dialog = _open_dialog(page.slip_actions)
    assert dialog.selected_shipments() == ["SH-000001", "SH-000002", "SH-000003"]
    assert dialog.count_label.text() == "3 of 3 ticked"
    dialog.print_button.click()
    _wait_printed(qtbot, page.slip_actions)

    box = page.slip_actions.printer.result_box
    assert box is not None
    folder = tmp_path / "documents"
    assert box.headline.text() == f"3 packing slips written to {folder}."
    for number in ["SH-000001", "SH-000002", "SH-000003"]:
        assert number in _pdf_text(folder / f"{number}.pdf")
    assert opened.paths == []
    box.findChild(type(dialog.print_button), "openFolder").click()
    assert opened.paths == [folder]
    box.close()


def test_order_list_selection(qtbot: QtBot, window: MainWindow, stock: Warehouse,
                              tmp_path: Path) -> None:
    page = window.sales_page
    page.view.selectAll()
    assert len(page.selected_numbers()) == 6

    dialog = _open_dialog(page.slip_actions)
    listed = [dialog.shipments.item(row).text() for row in range(dialog.shipments.count())]
    # The list shows the newest order first, and the dialog follows the list.
    assert listed == [f"SH-000001 · {stock.orders[1]} · Harbour & Sons",
                      f"SH-000002 · {stock.orders[1]} · Harbour & Sons",
                      f"SH-000003 · {stock.orders[1]} · Harbour & Sons",
                      f"SH-000004 · {stock.orders[0]} · Abbey Gifts"]
    dialog.shipments.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.count_label.text() == "3 of 4 ticked"
    dialog.accept()
    _wait_printed(qtbot, page.slip_actions)

    box = page.slip_actions.printer.result_box
    assert box is not None
    assert box.report.toPlainText() == "SH-000001.pdf\nSH-000003.pdf\nSH-000004.pdf"
    written = sorted(path.name for path in (tmp_path / "documents").glob("SH-*.pdf"))
    assert written == ["SH-000001.pdf", "SH-000003.pdf", "SH-000004.pdf"]
    box.close()


def test_order_view_opens_slip(qtbot: QtBot, window: MainWindow, stock: Warehouse,
                               tmp_path: Path, opened: Opened) -> None:
    window.workstation.show_sales_order(stock.orders[0])
    view = window.sales_view
    assert view.slip_actions.print_slips in window.actions_menu.actions()

    dialog = _open_dialog(view.slip_actions)
    assert dialog.selected_shipments() == ["SH-000004"]
    dialog.accept()
    _wait_printed(qtbot, view.slip_actions)

    path = tmp_path / "documents" / "SH-000004.pdf"
    assert opened.paths == [path]
    assert "SH-000004" in _pdf_text(path)
    assert view.slip_actions.printer.result_box is None


def test_nothing_ticked_disables_print(window: MainWindow, stock: Warehouse) -> None:
    window.workstation.show_sales_order(stock.orders[1])
    dialog = _open_dialog(window.sales_view.slip_actions)

    dialog.tick_none.click()

    assert dialog.selected_shipments() == []
    assert not dialog.print_button.isEnabled()
    dialog.tick_all.click()
    assert dialog.print_button.isEnabled()
    dialog.reject()


def test_no_shipments_notice(window: MainWindow, stock: Warehouse) -> None:
    window.workstation.show_sales_order(stock.orders[2])
    actions = window.sales_view.slip_actions

    actions.print_slips.trigger()

    assert actions.dialog is None
    notice = actions.notice
    assert notice is not None
    assert notice.text().startswith(f"{stock.orders[2]} has no shipments yet")
    notice.accept()


def test_cancel_stops_batch(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    printer = window.shipping_page.slip_actions.printer
    shipments = ["SH-000001", "SH-000002", "SH-000003", "SH-000004"]

    printer.start(shipments)
    progress = printer.progress
    assert progress is not None
    assert progress.windowTitle() == "Print Packing Slips"
    progress.cancel_button.click()
    assert progress.rate_label.text() == "Cancelling after the packing slip in progress…"
    _wait_printed(qtbot, window.shipping_page.slip_actions)

    folder = tmp_path / "documents"
    written = sorted(folder.glob("SH-*.pdf"))
    # The cancel came before the first check, so at most the slip in progress was written.
    assert len(written) <= 1
    for path in written:
        assert path.stem in _pdf_text(path)
    box = printer.result_box
    if written:
        assert box is not None
        assert box.headline.text().startswith(
            f"Printing stopped after {len(written)} of 4 packing slips.")
        box.close()
    else:
        assert box is None
        assert QApplication.activeModalWidget() is None
