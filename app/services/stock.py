"""Reserving free stock for SO lines and releasing it again."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allocation import Sourcing, split_supply
from app.persistence.models import Product, SalesOrderLine, StockReservation


def reserve_for_line(session: Session, line: SalesOrderLine, needed: int) -> int:
    """Reserve free stock for up to ``needed`` more units of ``line``; return units reserved.

    Products marked always back-to-back and lines set to back-to-back take
    nothing from stock.
    """
    product = line.product
    sourcing = Sourcing.BACK_TO_BACK if product.always_back_to_back else line.sourcing
    reserve, _buy = split_supply(needed, product.free_stock, sourcing)
    if reserve:
        session.add(
            StockReservation(so_line_id=line.id, product_id=product.id, quantity=reserve)
        )
        product.reserved += reserve
    return reserve


def release_reservations(session: Session, line: SalesOrderLine, units: int) -> int:
    """Give back up to ``units`` unshipped reserved units of ``line`` to free stock.

    The newest reservations are released first. Returns the units released.
    """
    left = units
    rows = session.scalars(
        select(StockReservation)
        .where(StockReservation.so_line_id == line.id)
        .order_by(StockReservation.id.desc())
    )
    for reservation in rows:
        if left == 0:
            break
        free = min(left, reservation.quantity - reservation.shipped)
        reservation.quantity -= free
        left -= free
    released = units - left
    product = session.get(Product, line.product_id)
    assert product is not None
    product.reserved -= released
    return released
