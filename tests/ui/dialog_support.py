"""A PO with three lines serving two SOs, moved through the services, and a message-box closer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.persistence.database import Database
from app.services import drafting, purchasing, receiving, sales
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

# sku -> (unit cost, minimum order quantity)
PRODUCTS = {"P-100": ("4.00", 1), "P-200": ("2.50", 1), "P-300": ("10.00", 4)}
# customer code, customer name, [(sku, quantity, unit price)]
ORDERS = [
    ("C1", "Customer One", [("P-100", 3, "9.00"), ("P-200", 10, "4.00")]),
    ("C2", "Customer Two", [("P-100", 2, "8.50"), ("P-300", 1, "25.00")]),
]


@dataclass(frozen=True)
class Orders:
    """Numbers of the SOs and of the one PO that serves them all."""

    db: Database
    sales_orders: list[str]
    po: str


def draft_orders(db: Database, submitter: str = CLERK, wrapped: int = 0) -> Orders:
    """Create both SOs, draft one PO for them and submit it as ``submitter``.

    The PO orders P-100 x5 (3 for the first SO, 2 for the second), P-200 x10
    and P-300 x4, of which 3 are for stock because the supplier sells at least 4.
    With ``wrapped`` units, a third SO orders P-200 under its own description,
    and drafting gives them a fourth PO line with the same SKU.
    """
    for sku, (cost, moq) in PRODUCTS.items():
        add_product(db, sku, cost=cost, moq=moq)
    numbers = []
    for code, name, lines in ORDERS:
        new = NewSalesOrder(code, name, [NewLine(sku, qty, Decimal(price))
                                         for sku, qty, price in lines])
        numbers.append(sales.create_sales_order(db, CLERK, new))
    if wrapped:
        line = NewLine("P-200", wrapped, Decimal("4.50"), description="Item P-200, gift-wrapped")
        numbers.append(sales.create_sales_order(db, CLERK, NewSalesOrder(
            "C3", "Customer Three", [line])))
    po = drafting.draft_purchase_orders(db, CLERK, numbers[0]).created[0]
    for number in numbers[1:]:
        drafting.draft_purchase_orders(db, CLERK, number)
    purchasing.submit(db, submitter, po)
    return Orders(db, numbers, po)


def sent_orders(db: Database, wrapped: int = 0) -> Orders:
    """Return the orders with their PO approved and sent to the supplier."""
    orders = draft_orders(db, wrapped=wrapped)
    purchasing.approve(db, MANAGER, orders.po)
    purchasing.send(db, CLERK, orders.po)
    return orders


def received_orders(db: Database) -> Orders:
    """Return the orders with every unit of their PO received."""
    orders = sent_orders(db)
    purchasing.confirm(db, CLERK, orders.po)
    receiving.receive(db, CLERK, orders.po)
    return orders


@dataclass
class MessageBoxes:
    """Title and text of each message box closed by :func:`closing_message_boxes`."""

    seen: list[tuple[str, str]] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [text for _title, text in self.seen]


@contextmanager
def closing_message_boxes(interval_ms: int = 20) -> Iterator[MessageBoxes]:
    """Close every QMessageBox that becomes the active modal widget inside the block.

    A message box's ``exec()`` runs its own event loop, so the timer fires
    while the box is open and the code that opened it continues afterwards.
    """
    boxes = MessageBoxes()

    def close_box() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox) and widget.isVisible():
            boxes.seen.append((widget.windowTitle(), widget.text()))
            widget.done(QMessageBox.StandardButton.Ok.value)

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(close_box)
    timer.start()
    try:
        yield boxes
    finally:
        timer.stop()
