"""A small warehouse made through the services, with something on every page of the window."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.persistence.database import Database
from app.services import drafting, purchasing, receiving, sales
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

# customer code, customer name, reference, [(sku, quantity, unit price)]
ORDERS = [
    ("C01", "Abbey Gifts", "1001", [("BOX-1", 6, "2.55"), ("LAMP-2", 8, "3.39")]),
    ("C02", "Harbour & Sons", "1002", [("CUP-3", 12, "1.85")]),
    ("C03", "Corner Shop", "1003", [("MUG-4", 5, "1.25")]),
    ("C01", "Abbey Gifts", "1004", [("CUP-3", 4, "2.10")]),
    ("C04", "Dale Stores", "1005", [("LAMP-2", 2, "7.65")]),
    ("C05", "Brook Lane", "1006", [("BOX-1", 1, "12.00")]),
]


@dataclass(frozen=True)
class Warehouse:
    """Numbers of what :func:`build_warehouse` made.

    ``waiting`` are the POs awaiting approval, oldest first, and ``arriving``
    the PO that is partly received.
    """

    orders: list[str]
    waiting: list[str]
    arriving: str


def build_warehouse(db: Database) -> Warehouse:
    """Add four products, six orders and three POs in different states.

    BOX-1 and LAMP-2 come from S1, CUP-3 from S2 and MUG-4 from S3. The POs of
    S1 and S3 await approval. The PO of S2 is sent and 10 of its 14 units
    arrived, so SO 1002 is ready to ship and SO 1001 ships its stock in part.
    """
    add_product(db, "BOX-1", supplier="S1", on_hand=3)
    add_product(db, "LAMP-2", supplier="S1", cost="2.00")
    add_product(db, "CUP-3", supplier="S2", cost="0.50", on_hand=2)
    add_product(db, "MUG-4", supplier="S3", cost="0.40")
    orders = []
    for code, name, reference, lines in ORDERS:
        new = NewSalesOrder(code, name, [NewLine(sku, qty, Decimal(price))
                                         for sku, qty, price in lines], reference=reference)
        orders.append(sales.create_sales_order(db, CLERK, new))
    pos: dict[str, str] = {}
    for number in orders[:4]:
        result = drafting.draft_purchase_orders(db, CLERK, number)
        for po in result.created:
            pos[po] = po
    s1, s2, s3 = sorted(pos)
    for po in (s1, s2, s3):
        purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, s2)
    purchasing.send(db, CLERK, s2)
    purchasing.confirm(db, CLERK, s2)
    receiving.receive(db, CLERK, s2, {"CUP-3": 10})
    return Warehouse(orders, [s1, s3], s2)
