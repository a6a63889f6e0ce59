"""SO-7 and its two POs, built through the services, for the tests of the change dialogs.

P-100 costs 25.00 and P-200 70.00 at S1, P-300 costs 9.00 at S2. Nothing is
in stock. SO-7 orders P-100 x4, bought on the sent PO-7a from S1, and P-300
x2, bought on PO-7b from S2, which the supplier confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.persistence.database import Database
from app.services import drafting, purchasing, sales
from app.services.queries import get_purchase_order
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

PRICES = {"P-100": Decimal("40.00"), "P-200": Decimal("120.00"), "P-300": Decimal("15.00")}
CUSTOMER = "Customer Seven"


@dataclass(frozen=True)
class SevenOrders:
    """Numbers of SO-7, its PO from S1 (``po_a``) and its PO from S2 (``po_b``)."""

    so: str
    po_a: str
    po_b: str


def add_products(db: Database) -> None:
    add_product(db, "P-100", supplier="S1", cost="25.00")
    add_product(db, "P-200", supplier="S1", cost="70.00")
    add_product(db, "P-300", supplier="S2", cost="9.00")


def order(db: Database, *lines: tuple[str, int]) -> str:
    """Enter an SO for Customer Seven with ``(sku, quantity)`` lines; return its number."""
    return sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C7", CUSTOMER, [NewLine(sku, qty, PRICES[sku]) for sku, qty in lines]))


def send(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)


def build_so_seven(db: Database) -> SevenOrders:
    """Add the products and SO-7, send both POs and record PO-7b's confirmation."""
    add_products(db)
    so = order(db, ("P-100", 4), ("P-300", 2))
    po_a, po_b = drafting.draft_purchase_orders(db, CLERK, so).created
    if get_purchase_order(db, po_a).supplier_code != "S1":
        po_a, po_b = po_b, po_a
    send(db, po_a)
    send(db, po_b)
    purchasing.confirm(db, CLERK, po_b)
    return SevenOrders(so, po_a, po_b)
