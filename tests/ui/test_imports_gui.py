"""Importing files from the File menu: file dialog, progress, summary, refresh and cancel."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, inspect, select, table

from app.domain.errors import InvalidInput
from app.importers import (
    ImportSummary,
    OrderLineRecord,
    OrderRecord,
    categories,
    write_tandem_orders,
)
from app.persistence.database import Database
from app.services import imports
from app.ui.imports import ImportActions, count_lines, detect_order_format, summary_report
from app.ui.jobs import JobProgress
from app.ui.main_window import MainWindow
from tests.conftest import CLERK, add_product
from tests.ui.modal import ModalAnswer

# Generous, for a busy machine; the imports here take a few seconds at most.
IMPORT_TIMEOUT_MS = 120_000
ONLINE_RETAIL_HEADER = ("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                        "CustomerID,Country\n")


@pytest.fixture
def window(qtbot: QtBot, people: Database) -> Iterator[MainWindow]:
    add_product(people, "P-300", on_hand=100)
    window = MainWindow(people, CLERK, lambda _path: None)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    yield window


def _online_retail_file(tmp_path: Path) -> Path:
    path = tmp_path / "shop-export.csv"
    path.write_text(
        ONLINE_RETAIL_HEADER
        + "900001,P-300,Test item,3,2011-01-04 10:00:00,2.50,12345.0,United Kingdom\n"
        + "900001,P-301,Other item,2,2011-01-04 10:00:00,4.00,12345.0,United Kingdom\n"
        + "900002,P-300,Test item,1,2011-01-05 11:00:00,2.50,12346.0,France\n",
        encoding="utf-8")
    return path


def _tandem_file(path: Path, orders: int) -> Path:
    records = [OrderRecord(reference=f"T-{number:05d}", order_date=datetime(2024, 3, 1, 9),
                           customer_code=f"C{number % 50:03d}", customer_name="Customer",
                           country="Norway",
                           lines=[OrderLineRecord(sku="P-300", description="Test item",
                                                  quantity=1, unit_price=Decimal("2.50"),
                                                  source_row=0)])
               for number in range(orders)]
    write_tandem_orders(path, records)
    return path


def _choose_file(qtbot: QtBot, window: MainWindow, action: str, path: Path,
                 file_type: int = 0) -> ImportActions:
    """Trigger a File menu entry and pick ``path`` in its file dialog."""
    trigger = window.findChild(QAction, action)
    assert trigger is not None
    assert trigger.isEnabled()
    trigger.trigger()
    actions = window.import_actions
    dialog = actions.file_dialog
    assert isinstance(dialog, QFileDialog)
    dialog.selectNameFilter(dialog.nameFilters()[file_type])
    dialog.selectFile(str(path))
    dialog.accept()
    return actions


def _row_counts(db: Database) -> dict[str, int]:
    names = inspect(db.write_engine).get_table_names()
    with db.read() as session:
        return {name: session.scalar(select(func.count()).select_from(table(name))) or 0
                for name in names}


def test_import_orders_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert window.navigation.item(0).text() == "Sales orders (0)"

    actions = _choose_file(qtbot, window, "importOrders", _online_retail_file(tmp_path))

    progress = actions.progress
    assert progress is not None
    assert progress.isVisible()
    assert progress.windowTitle() == "Import Orders"
    assert progress.headline.text() == "Importing shop-export.csv…"
    assert not window.findChild(QAction, "importOrders").isEnabled()
    qtbot.waitUntil(lambda: actions.result_box is not None, timeout=IMPORT_TIMEOUT_MS)
    box = actions.result_box
    assert box is not None
    assert box.headline.text() == "shop-export.csv is imported: 2 orders stored."
    report = box.report.toPlainText()
    assert "orders imported: 2\n" in report
    assert "lines imported: 3\n" in report
    assert "lines whose stock code the catalog does not list" in report
    assert actions.progress is None
    # The lists reload one per event-loop turn after the summary opens.
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "Sales orders (2)")
    assert window.sales_page.model.rowCount() == 2
    assert window.findChild(QAction, "importOrders").isEnabled()
    box.close()


def test_import_tandem_chosen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = _tandem_file(tmp_path / "orders.csv", 3)

    actions = _choose_file(qtbot, window, "importOrders", path, file_type=2)

    qtbot.waitUntil(lambda: actions.result_box is not None, timeout=IMPORT_TIMEOUT_MS)
    box = actions.result_box
    assert box is not None
    assert box.headline.text() == "orders.csv is imported: 3 orders stored."
    box.close()


def test_import_wrong_format_shown(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = _online_retail_file(tmp_path)
    answer = ModalAnswer("OK")

    actions = _choose_file(qtbot, window, "importOrders", path, file_type=2)

    qtbot.waitUntil(lambda: answer.answered, timeout=IMPORT_TIMEOUT_MS)
    assert answer.title == "Import Orders"
    assert "is not a Tandem order file" in answer.text
    assert actions.result_box is None
    assert window.navigation.item(0).text() == "Sales orders (0)"


def test_import_suppliers_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text("supplier_code,name,email,country,lead_time_days,currency\n"
                    "S9,Nine Ltd,orders@nine.example,Norway,12,NOK\n", encoding="utf-8")

    actions = _choose_file(qtbot, window, "importSuppliers", path)

    progress = actions.progress
    assert progress is not None
    assert not progress.cancel_button.isVisible()
    qtbot.waitUntil(lambda: actions.result_box is not None, timeout=IMPORT_TIMEOUT_MS)
    box = actions.result_box
    assert box is not None
    assert box.headline.text() == "suppliers.csv is imported: 1 rows stored."
    assert box.report.toPlainText() == "rows read: 1\nrows imported: 1"
    box.close()


def _stored(progress: JobProgress) -> int:
    match = re.match(r"([\d,]+) orders stored", progress.detail)
    return int(match.group(1).replace(",", "")) if match else 0


def test_cancel_keeps_database(qtbot: QtBot, window: MainWindow, people: Database,
                               tmp_path: Path) -> None:
    path = _tandem_file(tmp_path / "many.csv", 4 * imports.BATCH_SIZE)
    before = _row_counts(people)
    stored_when_cancelled: list[int] = []

    def cancel_after_first_batch(progress: JobProgress) -> None:
        dialog = window.import_actions.progress
        if _stored(progress) > 0 and dialog is not None and not dialog.cancelled:
            stored_when_cancelled.append(_stored(progress))
            cancel = dialog.findChild(QPushButton, "cancelButton")
            assert cancel is not None
            cancel.click()

    actions = _choose_file(qtbot, window, "importOrders", path)
    # Reports reach the GUI thread through its event loop, which has not run since the start.
    assert actions.runner is not None
    actions.runner.progressed.connect(cancel_after_first_batch)
    qtbot.waitUntil(lambda: actions.notice is not None, timeout=IMPORT_TIMEOUT_MS)

    assert stored_when_cancelled == [imports.BATCH_SIZE]
    notice = actions.notice
    assert notice is not None
    assert notice.text() == "Import cancelled: nothing from many.csv was stored."
    notice.accept()
    assert actions.result_box is None
    assert _row_counts(people) == before
    assert window.navigation.item(0).text() == "Sales orders (0)"


def test_detect_order_format(tmp_path: Path) -> None:
    online = _online_retail_file(tmp_path)
    packed = tmp_path / "export.csv.gz"
    packed.write_bytes(gzip.compress(online.read_bytes()))
    own = _tandem_file(tmp_path / "own.csv", 1)

    assert detect_order_format(online) == "online-retail"
    assert detect_order_format(packed) == "online-retail"
    assert detect_order_format(own) == "tandem"


def test_detect_neither_format(tmp_path: Path) -> None:
    path = tmp_path / "stock.csv"
    path.write_text("sku,on_hand\nP-300,4\n", encoding="utf-8")

    with pytest.raises(InvalidInput) as raised:
        detect_order_format(path)

    message = str(raised.value)
    assert message.startswith("stock.csv is neither an Online Retail export nor a Tandem "
                              "order file.")
    assert "missing InvoiceNo" in message
    assert "missing reference" in message


def test_count_lines_plain_and_gzip(tmp_path: Path) -> None:
    plain = _online_retail_file(tmp_path)
    packed = tmp_path / "export.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes().rstrip(b"\n")))

    assert count_lines(plain) == 3
    assert count_lines(packed) == 3


def test_summary_report_examples() -> None:
    summary = ImportSummary()
    summary.add(categories.BLANK_ROWS, "row 4")
    summary.add(categories.BLANK_ROWS, "row 9")
    summary.add(categories.ORDERS_READ, count=1_200)

    assert summary_report(summary) == ("orders read: 1,200\n"
                                       "blank rows ignored: 2, for example:\n"
                                       "    row 4\n"
                                       "    row 9")
