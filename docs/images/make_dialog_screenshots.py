"""Render the receive, ship and payment dialogs with a small warehouse's data, as PNG files.

Run from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_dialog_screenshots.py``.
It builds a new SQLite file in a temporary folder through the services: one
supplier, four products, two customer orders and the one purchase order that
serves both. Each dialog is shown at the state where a person would open it,
with some fields filled, and saved as ``dialog-*.png`` next to this script.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.persistence.database import Database  # noqa: E402
from app.persistence.models import Setting, Supplier  # noqa: E402
from app.services import drafting, imports, purchasing, receiving, sales  # noqa: E402
from app.services.documents import DOCUMENTS_SETTING  # noqa: E402
from app.services.sales import NewLine, NewSalesOrder  # noqa: E402
from app.services.users import add_user  # noqa: E402
from app.ui.dialogs import (  # noqa: E402
    PaymentDialog,
    ReceiveDialog,
    ShipDialog,
)

IMAGES_DIR = Path(__file__).resolve().parent
CLERK = "clara"
MANAGER = "maya"

SUPPLIERS_CSV = """supplier_code,name,email,country,lead_time_days,currency
SUP014,Hartwell Home Goods Ltd,orders@hartwellhome.example,United Kingdom,10,GBP
"""
CATALOG_CSV = """sku,description,supplier_code,supplier_sku,unit_cost,min_order_qty,pack_size
85123A,WHITE HANGING HEART T-LIGHT HOLDER,SUP014,HH-85123A,1.60,12,6
71053,WHITE METAL LANTERN,SUP014,HH-71053,2.05,6,6
84406B,CREAM CUPID HEARTS COAT HANGER,SUP014,HH-84406B,1.65,8,8
22752,SET 7 BABUSHKA NESTING BOXES,SUP014,HH-22752,4.10,12,12
"""
# customer code, customer name, shop reference, [(sku, quantity, unit price)]
ORDERS = [
    ("C-1042", "The Lantern Loft", "536365",
     [("85123A", 48, "2.55"), ("71053", 24, "3.39"), ("84406B", 32, "2.75")]),
    ("C-2210", "Bramble & Finch Gifts", "536371",
     [("85123A", 24, "2.55"), ("22752", 8, "7.65")]),
]


def build_database(folder: Path) -> tuple[Database, list[str], str]:
    """Create the users, master data and orders; return the SO numbers and the PO number."""
    db = open_database(str(folder / "tandem.sqlite"))
    with db.write() as session:
        session.add(Setting(key=DOCUMENTS_SETTING, value=str(folder / "documents")))
    add_user(db, "", CLERK, "clerk")
    add_user(db, "", MANAGER, "manager")
    (folder / "suppliers.csv").write_text(SUPPLIERS_CSV, encoding="utf-8")
    (folder / "catalog.csv").write_text(CATALOG_CSV, encoding="utf-8")
    imports.import_suppliers(db, CLERK, folder / "suppliers.csv")
    imports.import_catalog(db, CLERK, folder / "catalog.csv")
    # The supplier file has no terms column, so the terms are set on the row.
    with db.write() as session:
        supplier = session.query(Supplier).filter_by(code="SUP014").one()
        supplier.terms = "30 days net, delivered to Leeds"
    numbers = []
    for code, name, reference, lines in ORDERS:
        new = NewSalesOrder(code, name, [NewLine(sku, qty, Decimal(price))
                                         for sku, qty, price in lines], reference=reference)
        numbers.append(sales.create_sales_order(db, CLERK, new))
    po = drafting.draft_purchase_orders(db, CLERK, numbers[0]).created[0]
    drafting.draft_purchase_orders(db, CLERK, numbers[1])
    purchasing.submit(db, CLERK, po)
    return db, numbers, po


def save(dialog: QDialog, name: str, fill: Callable[[], None] | None = None) -> Path:
    """Show ``dialog`` at its preferred size, let ``fill`` set fields, and save it as PNG."""
    dialog.show()
    dialog.adjustSize()
    if fill is not None:
        fill()
    QApplication.processEvents()
    path = IMAGES_DIR / name
    dialog.grab().save(str(path))
    dialog.reject()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    written = []
    with tempfile.TemporaryDirectory() as temp:
        db, (first, _second), po = build_database(Path(temp))

        # make_review_screenshots.py draws the approval and confirmation dialogs.
        purchasing.approve(db, MANAGER, po)
        purchasing.send(db, CLERK, po)
        purchasing.confirm(db, CLERK, po)
        receipt = ReceiveDialog(db, CLERK, po)

        def fill_receipt() -> None:
            receipt.receive_spins[0].setValue(72)
            receipt.receive_spins[1].setValue(23)
            receipt.rejected_spins[1].setValue(1)
            receipt.scan("84406B")
            receipt.scan("84406B")

        written.append(save(receipt, "dialog-receive.png", fill_receipt))

        receiving.receive(db, CLERK, po, {"85123A": 72, "71053": 18, "84406B": 32})
        shipment = ShipDialog(db, CLERK, first, lambda _path: None)

        def fill_shipment() -> None:
            shipment.carrier_edit.setText("DHL Parcel UK")
            shipment.tracking_edit.setText("JD014600004512345678")

        written.append(save(shipment, "dialog-ship.png", fill_shipment))

        sales.record_payment(db, CLERK, first, "100.00", "bank transfer")
        payment = PaymentDialog(db, CLERK, first)
        written.append(save(payment, "dialog-payment.png"))
        db.dispose()
    for path in written:
        print(path)
    del app


if __name__ == "__main__":
    main()
