"""Render the approval dialog of a revised PO, the confirmation dialog and the late queue.

Run from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_review_screenshots.py``.
It builds a new SQLite file in a temporary folder through the services. One
supplier has a history of five POs, three of them late. Two more customer
orders have deposits, and the PO that serves both is approved, sent and then
revised in quantity and cost. It saves ``approval-dialog.png`` and
``confirmation-dialog.png`` next to this script, and ``--queues DIR`` also
saves the three purchasing queue pages there.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDialog, QWidget

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.persistence.database import Database  # noqa: E402
from app.persistence.models import Supplier  # noqa: E402
from app.services import (  # noqa: E402
    drafting,
    po_changes,
    purchasing,
    receiving,
    sales,
)
from app.services.context import find_purchase_order  # noqa: E402
from app.services.purchasing import Confirmation  # noqa: E402
from app.services.sales import NewLine, NewSalesOrder  # noqa: E402
from app.services.users import add_user  # noqa: E402
from app.ui.dialogs import ApprovalDialog, ConfirmDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

IMAGES_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(IMAGES_DIR))
from make_dialog_screenshots import CLERK, MANAGER, build_database  # noqa: E402

SECOND_MANAGER = "miles"
# Past orders of the same supplier: SKU, units, days from today to the expected date,
# and whether the goods arrived (today).
HISTORY = [
    ("71053", 12, -40, True),
    ("22752", 12, -21, True),
    ("85123A", 24, -12, False),
    ("84406B", 16, 0, True),
    ("71053", 6, 9, False),
]


def add_history(db: Database) -> list[str]:
    """Buy, confirm and receive (or not) the past orders of ``HISTORY``; return the POs."""
    numbers = []
    for index, (sku, units, days, arrived) in enumerate(HISTORY):
        order = sales.create_sales_order(db, CLERK, NewSalesOrder(
            f"C-30{index}", f"Counter customer {index + 1}", [NewLine(sku, units,
                                                                      Decimal("3.10"))]))
        po = drafting.draft_purchase_orders(db, CLERK, order).created[0]
        purchasing.submit(db, CLERK, po)
        purchasing.approve(db, MANAGER, po)
        purchasing.send(db, CLERK, po)
        purchasing.confirm(db, CLERK, po, {sku: Confirmation(
            None, date.today() + timedelta(days=days))})
        if arrived:
            receiving.receive(db, CLERK, po)
        numbers.append(po)
    return numbers


def revise(db: Database, po: str, first: str, second: str) -> None:
    """Approve and send ``po``, record deposits, then change it into revision 2."""
    purchasing.approve(db, MANAGER, po, "Prices as quoted on 2 May")
    purchasing.send(db, CLERK, po)
    sales.record_payment(db, CLERK, first, "150.00", "bank transfer")
    sales.record_payment(db, CLERK, first, "40.00", "card")
    sales.record_payment(db, CLERK, second, "25.00", "card")
    po_changes.set_po_line_quantity(db, CLERK, po, 1, 96)
    # No service changes a line's cost yet, so the row is changed directly.
    with db.write() as session:
        line = find_purchase_order(session, po).lines[1]
        line.unit_cost = Decimal("2.15")
        session.flush()
        order = line.purchase_order
        order.total = sum((item.amount for item in order.lines), start=Decimal(0))
    purchasing.submit(db, CLERK, po)


def save(widget: QWidget, path: Path, fill: Callable[[], None] | None = None) -> Path:
    """Show ``widget`` at its preferred size, let ``fill`` set fields, and save it as PNG."""
    widget.show()
    if isinstance(widget, QDialog):
        widget.adjustSize()
    if fill is not None:
        fill()
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=Path, metavar="DIR",
                        help="also save the three purchasing queue pages in this folder")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    written = []
    with tempfile.TemporaryDirectory() as temp:
        db, (first, second), po = build_database(Path(temp))
        add_user(db, "", SECOND_MANAGER, "manager")
        with db.write() as session:
            supplier = session.query(Supplier).filter_by(code="SUP014").one()
            supplier.lead_time_days = 10
        purchasing.approve(db, MANAGER, po)
        purchasing.send(db, CLERK, po)
        purchasing.confirm(db, CLERK, po)
        add_history(db)
        po = _revised_po(db, first, second)

        approval = ApprovalDialog(db, SECOND_MANAGER, po)
        written.append(save(approval, IMAGES_DIR / "approval-dialog.png", lambda: (
            approval.comment_edit.setText("Pack of 6 on the lanterns agreed by phone"))))
        approval.reject()

        purchasing.approve(db, SECOND_MANAGER, po)
        purchasing.send(db, CLERK, po)
        confirmation = ConfirmDialog(db, CLERK, po)

        def fill_confirmation() -> None:
            confirmation.reference_edit.setText("HH-55120")
            confirmation.quantity_spins[0].setValue(60)
            later = date.today() + timedelta(days=17)
            confirmation.date_edits[0].setDate(QDate(later.year, later.month, later.day))
            confirmation.quantity_spins[2].setValue(0)

        written.append(save(confirmation, IMAGES_DIR / "confirmation-dialog.png",
                            fill_confirmation))
        confirmation.reject()
        if args.queues is not None:
            written += _save_queues(db, args.queues)
        db.dispose()
    for path in written:
        print(path)
    del app


def _revised_po(db: Database, first: str, second: str) -> str:
    """Draft a second PO for both orders' remaining units and revise it; return its number."""
    extra = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C-1042", "The Lantern Loft", [NewLine("85123A", 72, Decimal("2.55")),
                                       NewLine("71053", 30, Decimal("3.39")),
                                       NewLine("84406B", 16, Decimal("2.75"))],
        reference="536402"))
    other = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C-2210", "Bramble & Finch Gifts", [NewLine("85123A", 12, Decimal("2.60"))],
        reference="536409"))
    po = drafting.draft_purchase_orders(db, CLERK, extra).created[0]
    drafting.draft_purchase_orders(db, CLERK, other)
    purchasing.submit(db, CLERK, po)
    revise(db, po, extra, other)
    return po


def _save_queues(db: Database, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db, CLERK, lambda _path: None)
    window.resize(1200, 520)
    written = []
    for index, name in [(5, "queue-to-send.png"), (6, "queue-to-confirm.png"),
                        (7, "queue-late.png")]:
        window.show_page(index)
        written.append(save(window, folder / name))
    window.close()
    return written


if __name__ == "__main__":
    main()
