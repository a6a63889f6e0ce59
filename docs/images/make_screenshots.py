"""Save PNGs of the main window on each page and of both order views, with the sample loaded.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_screenshots.py

It loads the sample warehouse into a new SQLite file in a temporary folder,
which takes about 20 seconds. Then it moves a dozen orders through drafting,
approval, sending, confirmation, receiving and shipping, so that every page
has rows. It writes ``main-window-*.png``, ``sales-order-view.png`` and
``purchase-order-view.png`` next to this script. ``--keep-db FILE`` keeps
the database for a look in the application.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.domain.listing import ListQuery  # noqa: E402
from app.persistence.database import Database  # noqa: E402
from app.persistence.models import Setting  # noqa: E402
from app.services import drafting, purchasing, receiving, sample, shipping  # noqa: E402
from app.services.documents import DOCUMENTS_SETTING  # noqa: E402
from app.services.lists import SalesOrderSource, ShippingQueueSource  # noqa: E402
from app.services.purchasing import Confirmation  # noqa: E402
from app.services.queries import get_purchase_order, list_purchase_orders  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

IMAGES_DIR = Path(__file__).resolve().parent
CLERK, MANAGER = "clerk", "manager"
WINDOW_SIZE = (1280, 800)
PAGE_FILES = ["main-window-sales-orders.png", "main-window-purchase-orders.png",
              "main-window-approvals.png", "main-window-receiving.png",
              "main-window-shipping.png"]
ORDERS_TO_BUY = 12


def prepare(db: Database, documents: Path) -> tuple[str, str]:
    """Load the sample and move orders along; return the SO and PO to show in their views."""
    with db.write() as session:
        session.add(Setting(key=DOCUMENTS_SETTING, value=str(documents)))
    sample.ensure_starter_users(db)
    sample.load_sample(db, CLERK)

    waiting = SalesOrderSource(db).fetch(ListQuery(status="awaiting_purchase"), 0,
                                         ORDERS_TO_BUY)
    for row in waiting:
        drafting.draft_purchase_orders(db, CLERK, str(row.values[0]))
    pos = [summary.number for summary in list_purchase_orders(db, "draft")]
    for po in pos:
        purchasing.submit(db, CLERK, po)
    to_send, to_review = pos[:-4], pos[-4:]
    purchasing.reject(db, MANAGER, to_review[-1], "Ask for the spring price list first")
    for po in to_send:
        purchasing.approve(db, MANAGER, po, "Within budget")
        purchasing.send(db, CLERK, po)
    today = date.today()
    for days, po in enumerate(to_send[:-2], start=3):
        view = get_purchase_order(db, po)
        purchasing.confirm(db, CLERK, po, {line.sku: Confirmation(
            expected_date=today + timedelta(days=days)) for line in view.lines})
    for po in to_send[:2]:
        receiving.receive(db, CLERK, po)
    shown_po = to_send[2]
    first = get_purchase_order(db, shown_po).lines[0]
    receiving.receive(db, CLERK, shown_po, {first.sku: first.ordered})

    ready = ShippingQueueSource(db).fetch(ListQuery(sort_key="units_ready", descending=True),
                                          0, 3)
    for row in ready[1:]:
        shipping.ship(db, CLERK, str(row.values[0]))
    shown_so = get_purchase_order(db, to_send[0]).sales_orders[0]
    return shown_so, shown_po


def settle(app: QApplication) -> None:
    for _round in range(5):
        app.processEvents()


def save_screens(db: Database, shown_so: str, shown_po: str, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    window = MainWindow(db, CLERK, lambda _path: None)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(app)
    written = []
    for index, name in enumerate(PAGE_FILES):
        window.show_page(index)
        window.pages[index].select_row(0)
        settle(app)
        written.append(_grab(window, out / name))
    window.workstation.show_sales_order(shown_so)
    settle(app)
    written.append(_grab(window, out / "sales-order-view.png"))
    window.workstation.show_purchase_order(shown_po)
    settle(app)
    written.append(_grab(window, out / "purchase-order-view.png"))
    window.close()
    return written


def _grab(window: MainWindow, path: Path) -> Path:
    if not window.grab().save(str(path)):
        raise OSError(f"Could not write {path}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES_DIR, help="folder for the PNGs")
    parser.add_argument("--keep-db", type=Path, help="copy the database to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "tandem.sqlite"))
        shown_so, shown_po = prepare(db, Path(folder) / "documents")
        for path in save_screens(db, shown_so, shown_po, args.out):
            print(path)
        db.dispose()
        if args.keep_db is not None:
            shutil.copyfile(Path(folder) / "tandem.sqlite", args.keep_db)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
