"""Per-line quantities summed in SQL from each SO line's own ledger rows and reservations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.domain.allocation import LineFigures, check_line, derive_so_status
from app.domain.money import ZERO, line_amount
from app.domain.states import PO_SENT_STATES, POStatus, SOStatus
from app.persistence.models import (
    Allocation,
    AttentionReason,
    Payment,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    ShipmentLine,
    StockReservation,
)
from app.services import attention

_UNSENT = (POStatus.DRAFT, POStatus.AWAITING_APPROVAL, POStatus.APPROVED)


def line_figures(session: Session, lines: Sequence[SalesOrderLine]) -> dict[int, LineFigures]:
    """Return the figures of each line, keyed by line id."""
    ids = [line.id for line in lines]
    if not ids:
        return {}
    stock = _stock_sums(session, ids)
    ledger = _ledger_sums(session, ids)
    shipped = _shipped_sums(session, ids)
    figures = {}
    for line in lines:
        from_stock = stock.get(line.id, 0)
        on_order, confirmed, received, unsent = ledger.get(line.id, (0, 0, 0, 0))
        figures[line.id] = LineFigures(
            ordered=line.quantity,
            cancelled=line.cancelled,
            from_stock=from_stock,
            on_order=on_order,
            confirmed=confirmed,
            received=received,
            shipped=shipped.get(line.id, 0),
            on_unsent_po=unsent,
        )
        check_line(figures[line.id])
    return figures


def _stock_sums(session: Session, ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(StockReservation.so_line_id, func.sum(StockReservation.quantity))
        .where(StockReservation.so_line_id.in_(ids))
        .group_by(StockReservation.so_line_id)
    )
    return {line_id: int(total) for line_id, total in rows}


def _ledger_sums(session: Session, ids: list[int]) -> dict[int, tuple[int, int, int, int]]:
    unsent = case((PurchaseOrder.status.in_(_UNSENT), Allocation.quantity), else_=0)
    rows = session.execute(
        select(
            Allocation.so_line_id,
            func.sum(Allocation.quantity),
            func.sum(Allocation.confirmed),
            func.sum(Allocation.received),
            func.sum(unsent),
        )
        .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
        .where(Allocation.so_line_id.in_(ids), PurchaseOrder.status != POStatus.CANCELLED)
        .group_by(Allocation.so_line_id)
    )
    return {row[0]: (int(row[1]), int(row[2]), int(row[3]), int(row[4])) for row in rows}


def _shipped_sums(session: Session, ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(ShipmentLine.so_line_id, func.sum(ShipmentLine.quantity))
        .where(ShipmentLine.so_line_id.in_(ids))
        .group_by(ShipmentLine.so_line_id)
    )
    return {line_id: int(total) for line_id, total in rows}


def refresh_sales_order(session: Session, order: SalesOrder) -> None:
    """Bring the stored status, total, payment sum and attention flag up to date.

    Draft, delivered, completed and cancelled are set by actions; every
    other state is derived from the lines. A delivered order whose balance
    is zero completes here.
    """
    session.flush()
    figures = line_figures(session, order.lines)
    order.total = sum(
        (line_amount(line.unit_price, figures[line.id].needed) for line in order.lines),
        start=ZERO,
    )
    order.paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount), 0)).where(
            Payment.sales_order_id == order.id
        )
    ) or ZERO
    order.line_count = len(order.lines)
    order.attention = _has_open_reasons(session, order.id)
    if order.status not in (SOStatus.DRAFT, SOStatus.DELIVERED, SOStatus.COMPLETED,
                            SOStatus.CANCELLED):
        order.status = derive_so_status(list(figures.values()))
    if order.status is SOStatus.DELIVERED and order.balance_due == 0:
        order.status = SOStatus.COMPLETED
    if order.status in (SOStatus.SHIPPED, SOStatus.DELIVERED, SOStatus.COMPLETED):
        attention.resolve_when_shipped(session, order.id)
        order.attention = _has_open_reasons(session, order.id)


def refresh_sales_orders(session: Session, order_ids: Iterable[int]) -> None:
    """Refresh every SO in ``order_ids``, in id order so that locks are taken in one order."""
    for order_id in sorted(set(order_ids)):
        order = session.get(SalesOrder, order_id)
        if order is not None:
            refresh_sales_order(session, order)


def _has_open_reasons(session: Session, order_id: int) -> bool:
    found = session.scalar(
        select(AttentionReason.id)
        .where(AttentionReason.sales_order_id == order_id, AttentionReason.resolved_at.is_(None))
        .limit(1)
    )
    return found is not None


def sales_orders_served_by(session: Session, po_id: int) -> list[int]:
    """Return the ids of the SOs whose lines a PO buys for."""
    rows = session.scalars(
        select(SalesOrderLine.sales_order_id)
        .join(Allocation, Allocation.so_line_id == SalesOrderLine.id)
        .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
        .where(PurchaseOrderLine.purchase_order_id == po_id)
        .distinct()
    )
    return sorted(rows)


def is_sent(status: POStatus) -> bool:
    return status in PO_SENT_STATES

