"""Render the sign-in, first-administrator and users dialogs, and a clerk's approval queue.

Run from the repository root:
``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/images/make_people_screenshots.py [--out DIR]``.
It builds a new SQLite file in a temporary folder through the services: an
administrator, a clerk, two managers (one deactivated, one with an approval
limit) and one submitted purchase order. Every image goes to ``--out``
(default ``/tmp/shots``), and the sign-in dialog also to ``login.png`` next
to this script.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.persistence.database import Database  # noqa: E402
from app.persistence.models import CatalogEntry, Product, Supplier  # noqa: E402
from app.services import auth, drafting, purchasing, sales  # noqa: E402
from app.services.sales import NewLine, NewSalesOrder  # noqa: E402
from app.services.users import add_user, list_users  # noqa: E402
from app.ui.dialogs.first_admin import FirstAdminDialog  # noqa: E402
from app.ui.dialogs.login import ChooseUserDialog, LoginDialog  # noqa: E402
from app.ui.dialogs.users import UsersDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

IMAGES_DIR = Path(__file__).resolve().parent
ADMIN = "ada"
CLERK = "clara"
PASSWORD = "correct horse"


def build(db: Database) -> None:
    """Store the people and one submitted PO through the services."""
    auth.create_first_admin(db, ADMIN, PASSWORD)
    for name, role in [(CLERK, "clerk"), ("maya", "manager"), ("miles", "manager"),
                       ("manager", "manager")]:
        add_user(db, ADMIN, name, role)
    auth.set_password(db, ADMIN, CLERK, PASSWORD)
    auth.set_password(db, ADMIN, "maya", PASSWORD)
    auth.set_approval_limit(db, ADMIN, "maya", "5000.00")
    auth.set_active(db, ADMIN, "miles", False)
    with db.write() as session:
        supplier = Supplier(code="SUP014", name="Hartwell Home Goods Ltd",
                            email="orders@hartwellhome.example", lead_time_days=10,
                            terms="30 days net")
        product = Product(sku="85123A", description="WHITE HANGING HEART T-LIGHT HOLDER")
        session.add_all([supplier, product])
        session.flush()
        session.add(CatalogEntry(product_id=product.id, supplier_id=supplier.id,
                                 supplier_sku="HH-85123A", unit_cost=Decimal("1.60"),
                                 min_order_qty=12, pack_size=6))
    order = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C-1042", "The Lantern Loft", [NewLine("85123A", 48, Decimal("2.55"))]))
    po = drafting.draft_purchase_orders(db, CLERK, order).created[0]
    purchasing.submit(db, CLERK, po)


def save(widget: QWidget, out: Path, name: str) -> Path:
    widget.show()
    QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"),
                        help="folder for the images (default /tmp/shots)")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="tandem-people-") as folder:
        fresh = open_database(str(Path(folder) / "fresh.sqlite"))
        first = FirstAdminDialog(fresh, skip_text="Continue Without Passwords")
        first.name_edit.setText(ADMIN)
        first.password_edit.setText("short")
        first.repeat_edit.setText("short")
        first.create_button.click()
        save(first, options.out, "first-admin")
        first.close()
        fresh.dispose()

        db = open_database(str(Path(folder) / "tandem.sqlite"))
        build(db)
        login = LoginDialog(db, CLERK, cancel_text="Quit")
        login.password_edit.setText("wrong password")
        login.sign_in_button.click()
        path = save(login, options.out, "login")
        (IMAGES_DIR / "login.png").write_bytes(path.read_bytes())
        login.close()

        users = UsersDialog(db, ADMIN)
        users.select("maya")
        save(users, options.out, "users")
        users.add_user()
        assert users.form is not None
        users.form.findChild(QLineEdit, "userName").setText("nora")  # type: ignore[union-attr]
        users.form.save_button.click()
        save(users.form, options.out, "users-add")
        users.form.close()
        users.close()

        choose = ChooseUserDialog(list_users(db), CLERK)
        save(choose, options.out, "choose-user")
        choose.close()

        window = MainWindow(db, CLERK, lambda _path: None)
        window.show_page(2)
        window.resize(1280, 560)
        # The status tip shows here while the pointer rests on the disabled action.
        window.statusBar().showMessage(window.approvals_page.order_actions.review.statusTip())
        save(window, options.out, "clerk-approvals")
        window.close()
        db.dispose()


if __name__ == "__main__":
    main()
