"""Save PNGs of the PO-side impact dialogs and of orders that need attention.

Run from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_impact_screenshots.py``.
It builds a new SQLite file in a temporary folder through the services: two
suppliers, three customer orders, a sent PO from the first supplier that
serves two of them, and a confirmed PO from the second. It writes
``impact-dialog.png`` (changing a PO line's quantity) and
``attention-filter.png`` (the sales orders filtered on "Needs attention")
next to this script. ``--review DIR`` also writes the cancel-PO dialog and
the sales order view with its open reasons into DIR.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.persistence.database import Database  # noqa: E402
from app.persistence.models import CatalogEntry, Product, Setting, Supplier  # noqa: E402
from app.services import drafting, po_changes, purchasing, sales  # noqa: E402
from app.services.documents import DOCUMENTS_SETTING  # noqa: E402
from app.services.queries import get_purchase_order  # noqa: E402
from app.services.sales import NewLine, NewSalesOrder  # noqa: E402
from app.services.users import add_user  # noqa: E402
from app.ui.dialogs.po_change import CancelPODialog, POLineQuantityDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

IMAGES_DIR = Path(__file__).resolve().parent
CLERK = "clara"
MANAGER = "maya"
WINDOW_SIZE = (1280, 720)

# supplier code, name, lead time in days
SUPPLIERS = [("SUP014", "Hartwell Home Goods Ltd", 10), ("SUP027", "Nordlicht Candles GmbH", 14)]
# sku, description, supplier code, unit cost
PRODUCTS = [
    ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "SUP014", "1.60"),
    ("71053", "WHITE METAL LANTERN", "SUP014", "2.05"),
    ("21733", "RED HANGING HEART T-LIGHT HOLDER", "SUP027", "1.45"),
]
# customer code, customer name, shop reference, [(sku, quantity, unit price)]
ORDERS = [
    ("C-1042", "The Lantern Loft", "536365", [("85123A", 48, "2.55"), ("21733", 24, "2.95")]),
    ("C-2210", "Bramble & Finch Gifts", "536371", [("85123A", 24, "2.55")]),
    ("C-3307", "Harbour Home Store", "536380", [("71053", 12, "3.39")]),
]


@dataclass(frozen=True)
class Shop:
    db: Database
    orders: list[str]
    hartwell_po: str
    nordlicht_po: str


def build_shop(folder: Path) -> Shop:
    """Create the users, suppliers, products, orders and POs, then send both POs."""
    db = open_database(str(folder / "tandem.sqlite"))
    add_user(db, "", CLERK, "clerk")
    add_user(db, "", MANAGER, "manager")

    with db.write() as session:
        session.add(Setting(key=DOCUMENTS_SETTING, value=str(folder / "documents")))
        suppliers = {}
        for code, name, lead_days in SUPPLIERS:
            suppliers[code] = Supplier(code=code, name=name, lead_time_days=lead_days,
                                       terms="30 days net")
            session.add(suppliers[code])
        for sku, description, supplier, cost in PRODUCTS:
            product = Product(sku=sku, description=description)
            session.add(product)
            session.flush()
            session.add(CatalogEntry(product_id=product.id, supplier=suppliers[supplier],
                                     supplier_sku=f"{supplier}-{sku}", unit_cost=Decimal(cost)))

    orders = []
    for code, name, reference, lines in ORDERS:
        new = NewSalesOrder(code, name, [NewLine(sku, qty, Decimal(price))
                                         for sku, qty, price in lines], reference=reference)
        orders.append(sales.create_sales_order(db, CLERK, new))

    created = drafting.draft_purchase_orders(db, CLERK, orders[0]).created
    drafting.draft_purchase_orders(db, CLERK, orders[1])
    hartwell, nordlicht = sorted(created, key=lambda po: get_purchase_order(db, po).supplier)
    for po in (hartwell, nordlicht):
        purchasing.submit(db, CLERK, po)
        purchasing.approve(db, MANAGER, po)
        purchasing.send(db, CLERK, po)
    purchasing.confirm(db, CLERK, nordlicht)
    return Shop(db, orders, hartwell, nordlicht)


def settle() -> None:
    for _round in range(5):
        QApplication.processEvents()


def grab(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"Could not write {path}")
    return path


def save_dialogs(shop: Shop, out: Path, review: Path | None) -> list[Path]:
    """Save the PO line quantity dialog, and with ``review`` the cancel-PO dialog too."""
    written = []
    quantity = POLineQuantityDialog(shop.db, CLERK, shop.hartwell_po)
    quantity.show()
    quantity.quantity_spin.setValue(60)
    quantity.resize(720, quantity.sizeHint().height())
    settle()
    written.append(grab(quantity, out / "impact-dialog.png"))
    if review is not None:
        written.append(grab(quantity, review / "po-line-quantity-dialog.png"))
    quantity.reject()
    if review is not None:
        cancel = CancelPODialog(shop.db, CLERK, shop.nordlicht_po)
        cancel.show()
        cancel.resize(720, cancel.sizeHint().height())
        settle()
        written.append(grab(cancel, review / "cancel-po-dialog.png"))
        cancel.reject()
    return written


def save_attention(shop: Shop, out: Path, review: Path | None) -> list[Path]:
    """Cancel one PO and cut a line of the other, then save the filtered list and the SO."""
    purchasing.cancel(shop.db, CLERK, shop.nordlicht_po)
    po_changes.set_po_line_quantity(shop.db, CLERK, shop.hartwell_po, 1, 60)
    window = MainWindow(shop.db, CLERK, lambda _path: None)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_page(0)
    page = window.sales_page
    page.status_combo.setCurrentIndex(1)
    settle()
    page.select_row(0)
    settle()
    written = [grab(window, out / "attention-filter.png")]
    if review is not None:
        written.append(grab(window, review / "attention-filter.png"))
        window.open_order(window.sales_view, shop.orders[0])
        settle()
        written.append(grab(window, review / "sales-order-reasons.png"))
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES_DIR, help="folder for the PNGs")
    parser.add_argument("--review", type=Path, help="also write every screen to this folder")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    if args.review is not None:
        args.review.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shop = build_shop(Path(folder))
        written = save_dialogs(shop, args.out, args.review)
        written += save_attention(shop, args.out, args.review)
        shop.db.dispose()
    for path in written:
        print(path)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
