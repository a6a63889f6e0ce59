"""Purchase orders in every state on an imported year, made through the services.

Sales orders awaiting purchase are taken evenly over the year and drafted in
groups, so that one PO often serves several SOs. Every PO of a group is
submitted before the next group is drafted, so no draft keeps growing. Each
PO then goes as far through the flow as a seeded random draw decides
(:data:`PO_FATES`), and a share of the SOs that became ready ships.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from sqlalchemy import select

from app.domain.states import SOStatus
from app.persistence.database import Database
from app.persistence.models import SalesOrder
from app.services import drafting, purchasing, queries, receiving, shipping

log = logging.getLogger(__name__)

CLERK = "clerk"
MANAGER = "manager"
SEED = 20111209

# How far each PO goes, with its weight. The weights sum to 100.
PO_FATES: tuple[tuple[str, int], ...] = (
    ("rejected", 6),  # back in draft with a reason
    ("awaiting_approval", 12),
    ("approved", 6),
    ("cancelled", 3),
    ("sent", 15),
    ("confirmed", 20),
    ("partly_received", 10),
    ("received", 28),
)
SHIP_SHARE = 0.3  # of the SOs ready or partly ready once the POs are received


def build_purchase_orders(db: Database, orders: int = 2000,
                          group_size: int = 8) -> dict[str, int]:
    """Draft POs for ``orders`` SOs awaiting purchase and move them through the flow.

    Sent POs are written to the database's documents folder. Returns how
    many POs reached each fate, and the number of shipments.
    """
    chosen = _orders_awaiting_purchase(db, orders)
    numbers = _draft_and_submit(db, chosen, group_size)
    draw = random.Random(SEED)
    fates = [name for name, weight in PO_FATES for _ in range(weight)]
    reached: dict[str, int] = {}
    for index, number in enumerate(numbers):
        fate = draw.choice(fates)
        _advance(db, number, fate)
        reached[fate] = reached.get(fate, 0) + 1
        if index % 500 == 0:
            log.info("Moved %d of %d POs", index, len(numbers))
    reached["shipments"] = _ship_some(db, draw)
    log.info("Purchase orders by fate: %s", reached)
    return reached


def _orders_awaiting_purchase(db: Database, count: int) -> list[str]:
    with db.read() as session:
        numbers = list(session.scalars(
            select(SalesOrder.number)
            .where(SalesOrder.status == SOStatus.AWAITING_PURCHASE)
            .order_by(SalesOrder.id)))
    step = max(1, len(numbers) // count)
    return [number for number in numbers[::step][:count] if number]


def _draft_and_submit(db: Database, orders: list[str], group_size: int) -> list[str]:
    purchase_orders: list[str] = []
    for start in range(0, len(orders), group_size):
        drafted: list[str] = []
        for number in orders[start:start + group_size]:
            result = drafting.draft_purchase_orders(db, CLERK, number)
            drafted += [po for po in result.created if po not in drafted]
        for po in drafted:
            purchasing.submit(db, CLERK, po)
        purchase_orders += drafted
    return purchase_orders


def _advance(db: Database, po: str, fate: str) -> None:
    """Move one PO awaiting approval as far as ``fate``."""
    if fate == "awaiting_approval":
        return
    if fate == "rejected":
        purchasing.reject(db, MANAGER, po, "Cheaper supplier available; ask for a new quote.")
        return
    purchasing.approve(db, MANAGER, po)
    steps: dict[str, list[Callable[[], object]]] = {
        "approved": [],
        "cancelled": [lambda: purchasing.cancel(db, MANAGER, po)],
        "sent": [lambda: purchasing.send(db, CLERK, po)],
        "confirmed": [lambda: purchasing.send(db, CLERK, po),
                      lambda: purchasing.confirm(db, CLERK, po)],
        "partly_received": [lambda: purchasing.send(db, CLERK, po),
                            lambda: purchasing.confirm(db, CLERK, po),
                            lambda: _receive_half(db, po)],
        "received": [lambda: purchasing.send(db, CLERK, po),
                     lambda: purchasing.confirm(db, CLERK, po),
                     lambda: receiving.receive(db, CLERK, po)],
    }
    for step in steps[fate]:
        step()


def _receive_half(db: Database, po: str) -> None:
    view = queries.get_purchase_order(db, po)
    quantities = {line.sku: line.ordered // 2 for line in view.lines if line.ordered >= 2}
    if not quantities:
        quantities = {view.lines[0].sku: 1}
    receiving.receive(db, CLERK, po, quantities)


def _ship_some(db: Database, draw: random.Random) -> int:
    with db.read() as session:
        ready = list(session.scalars(
            select(SalesOrder.number)
            .where(SalesOrder.status.in_((SOStatus.READY_TO_SHIP, SOStatus.PARTLY_READY)),
                   SalesOrder.allow_partial_shipment.is_(True))
            .order_by(SalesOrder.id)))
    shipped = 0
    for number in ready:
        if number and draw.random() < SHIP_SHARE:
            shipping.ship(db, CLERK, number)
            shipped += 1
    return shipped
