"""Render the import progress dialog, the import summary and the packing slip dialogs as PNG.

Run from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_job_screenshots.py``.
It builds a new SQLite file in a temporary folder with the sample suppliers,
catalog and stock, then works the main window as a clerk would:

- ``job-import-progress.png``: importing the full year of the Online Retail
  orders (from ``shared/data/online-retail`` beside the checkout, else the
  sample week), grabbed at about a third of the file, then cancelled;
- ``job-import-summary.png``: the summary box after importing the sample week;
- ``job-print-dialog.png``: Print Packing Slips on five shipped orders;
- ``job-print-result.png``: the box listing the packing slips written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.domain.numbers import SO_PREFIX, format_number  # noqa: E402
from app.importers import sample_files  # noqa: E402
from app.persistence.database import Database  # noqa: E402
from app.persistence.models import Setting  # noqa: E402
from app.services import imports, shipping  # noqa: E402
from app.services.documents import DOCUMENTS_SETTING  # noqa: E402
from app.services.sample import ensure_starter_users  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

IMAGES_DIR = Path(__file__).resolve().parent
FULL_YEAR = REPO.parent / "shared" / "data" / "online-retail" / "orders-2010-12-to-2011-12.csv.gz"
CLERK = "clerk"
WAIT_S = 600
SHIPPED_ORDERS = 5


def build_database(folder: Path) -> Database:
    db = open_database(str(folder / "tandem.sqlite"))
    with db.write() as session:
        session.add(Setting(key=DOCUMENTS_SETTING, value=str(folder / "documents")))
    ensure_starter_users(db)
    files = sample_files()
    imports.import_suppliers(db, CLERK, files.suppliers)
    imports.import_catalog(db, CLERK, files.catalog)
    imports.import_stock(db, CLERK, files.stock)
    return db


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("The window did not get there in time.")
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str) -> Path:
    QApplication.processEvents()
    path = IMAGES_DIR / name
    if not widget.grab().save(str(path)):
        raise OSError(f"Could not write {path}.")
    return path


def progress_screenshot(window: MainWindow) -> Path:
    """Grab the import progress at about a third of the file, then cancel the import."""
    actions = window.import_actions
    orders = FULL_YEAR if FULL_YEAR.is_file() else sample_files().orders
    actions.import_orders(orders)
    wait_until(lambda: actions.progress is not None and actions.progress.bar.maximum() > 0
               and actions.progress.bar.value() >= actions.progress.bar.maximum() // 3
               and "left" in actions.progress.rate_label.text())
    assert actions.progress is not None
    path = save(actions.progress, "job-import-progress.png")
    actions.cancel()
    wait_until(lambda: actions.notice is not None)
    assert actions.notice is not None
    actions.notice.accept()
    return path


def summary_screenshot(window: MainWindow) -> Path:
    actions = window.import_actions
    actions.import_orders(sample_files().orders)
    wait_until(lambda: actions.result_box is not None)
    assert actions.result_box is not None
    path = save(actions.result_box, "job-import-summary.png")
    actions.result_box.close()
    return path


def print_screenshots(window: MainWindow, db: Database) -> list[Path]:
    """Ship the first orders of the shipping queue, then print their slips from the order list."""
    window.refresh()
    window.show_page(4)
    queue = window.shipping_page
    numbers = [format_number(SO_PREFIX, queue.model.record_id(row))
               for row in range(SHIPPED_ORDERS)]
    for number in numbers:
        shipping.ship(db, CLERK, number, carrier="DHL Parcel UK")
    window.refresh()
    window.show_page(0)
    page = window.sales_page
    selection = page.view.selectionModel()
    selection.clearSelection()
    for row in range(page.model.rowCount()):
        if format_number(SO_PREFIX, page.model.record_id(row)) in numbers:
            selection.select(page.model.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
    actions = page.slip_actions
    actions.choose()
    dialog = actions.dialog
    assert dialog is not None
    written = [save(dialog, "job-print-dialog.png")]
    dialog.accept()
    wait_until(lambda: actions.printer.result_box is not None)
    box = actions.printer.result_box
    assert box is not None
    written.append(save(box, "job-print-result.png"))
    box.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    written = []
    with tempfile.TemporaryDirectory() as temp:
        db = build_database(Path(temp))
        window = MainWindow(db, CLERK, lambda _path: None)
        window.show()
        written.append(progress_screenshot(window))
        written.append(summary_screenshot(window))
        written += print_screenshots(window, db)
        window.close()
        db.dispose()
    for path in written:
        print(path)
    del app


if __name__ == "__main__":
    main()
