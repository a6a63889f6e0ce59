"""Save a screenshot of the change-quantity dialog showing a change's impact.

Run offscreen from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_change_screenshot.py``
"""

from __future__ import annotations

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.persistence.models import CatalogEntry, Product, Supplier  # noqa: E402
from app.services import drafting, purchasing, sales  # noqa: E402
from app.services.sales import NewLine, NewSalesOrder  # noqa: E402
from app.services.sample import ensure_starter_users  # noqa: E402
from app.ui.dialogs.change_quantity import ChangeQuantityDialog  # noqa: E402


def _warehouse(folder: Path) -> tuple[object, str]:
    db = open_database(str(folder / "change.sqlite"))
    ensure_starter_users(db)
    with db.write() as session:
        supplier = Supplier(code="SUP014", name="Hartwell Home Goods Ltd", lead_time_days=7)
        session.add(supplier)
        for sku, text, cost in (("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "1.60"),
                                ("71053", "WHITE METAL LANTERN", "2.05")):
            product = Product(sku=sku, description=text)
            session.add(product)
            session.flush()
            session.add(CatalogEntry(product_id=product.id, supplier=supplier,
                                     supplier_sku=f"014-{sku}", unit_cost=Decimal(cost)))
    so = sales.create_sales_order(db, "clerk", NewSalesOrder("13047", "The Lantern Loft", [
        NewLine("85123A", 48, Decimal("2.55")), NewLine("71053", 24, Decimal("3.39"))]))
    po = drafting.draft_purchase_orders(db, "clerk", so).created[0]
    purchasing.submit(db, "clerk", po)
    purchasing.approve(db, "manager", po)
    purchasing.send(db, "clerk", po, folder / "po.pdf")
    sales.set_line_quantity(db, "clerk", so, 2, 30)
    return db, so


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        db, so = _warehouse(Path(folder))
        dialog = ChangeQuantityDialog(db, "clerk", so)  # type: ignore[arg-type]
        dialog.resize(760, 300)
        dialog.show()
        dialog.quantity_spin.setValue(36)
        app.processEvents()
        target = REPO / "docs" / "images" / "dialog-change-quantity.png"
        dialog.grab().save(str(target))
        print(target)
        dialog.close()


if __name__ == "__main__":
    main()
