"""Attention reasons a supplier's confirmation gives the SOs a PO serves.

A refused line gives each SO line whose units went back to still to source
a reason. A confirmed line whose ledger row got fewer units than it buys
gives a short reason, and an expected date after the SO's promised date a
late reason. Short and late reasons are recomputed from the ledger whenever
the PO's confirmation or its lines change, and the ones that no longer hold
are resolved.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from app.i18n import _
from app.persistence.models import (
    Allocation,
    AttentionReason,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrderLine,
)
from app.persistence.types import utcnow
from app.services import attention

# Reasons recomputed from the ledger. A refusal reason stays until a person resolves it.
_RECOMPUTED_CODES = (attention.SHORT_CONFIRMATION, attention.LATE_CONFIRMATION)


@dataclass(frozen=True)
class Refusal:
    """Units of a refused PO line that went back to still to source on one SO line."""

    line: PurchaseOrderLine
    so_line_id: int
    units: int


def flag_confirmation(session: Session, user: str, po: PurchaseOrder,
                      refused: list[Refusal]) -> None:
    """Raise the refusal, short and late reasons of ``po`` and resolve outdated ones.

    Only lines with a recorded confirmation give short and late reasons, so
    a line without a confirmation from the supplier flags nothing.
    """
    so_lines = _so_lines(session, [allocation.so_line_id for line in po.lines
                                   for allocation in line.allocations]
                         + [refusal.so_line_id for refusal in refused])
    reasons = [_refusal_reason(po, refusal, so_lines[refusal.so_line_id])
               for refusal in refused]
    for line in po.lines:
        if line.confirmed is None:
            continue
        for allocation in line.allocations:
            if allocation.quantity > 0:
                reasons += _allocation_reasons(po, line, allocation,
                                               so_lines[allocation.so_line_id])
    _resolve_outdated(session, user, po.id, {(order_id, message)
                                             for order_id, _code, message in reasons})
    for order_id, code, message in reasons:
        attention.raise_reason(session, order_id, code, message, po.id)


def _refusal_reason(po: PurchaseOrder, refusal: Refusal,
                    so_line: SalesOrderLine) -> tuple[int, str, str]:
    return (so_line.sales_order_id, attention.REFUSED_BY_SUPPLIER, _(
        "{po}: the supplier refused {sku}, so line {n} has {units} more to source. Draft "
        "purchase orders again to buy from another supplier.").format(
        po=po.number, sku=refusal.line.product.sku, n=so_line.line_no, units=refusal.units))


def _allocation_reasons(po: PurchaseOrder, line: PurchaseOrderLine, allocation: Allocation,
                        so_line: SalesOrderLine) -> list[tuple[int, str, str]]:
    """Return the short and late reasons one ledger row gives its SO, as (SO id, code, text)."""
    order = so_line.sales_order
    reasons = []
    short = allocation.quantity - allocation.confirmed
    if short > 0:
        reasons.append((order.id, attention.SHORT_CONFIRMATION, _(
            "{po} confirmed {got} of {want} x {sku} for line {n}: {short} short. Wait for the "
            "supplier, or change the quantity of {po} line {po_line} to {confirmed} to source "
            "the rest elsewhere.").format(
            po=po.number, got=allocation.confirmed, want=allocation.quantity,
            sku=line.product.sku, n=so_line.line_no, short=short, po_line=line.line_no,
            confirmed=line.confirmed)))
    if order.promised_date and line.expected_date and line.expected_date > order.promised_date:
        reasons.append((order.id, attention.LATE_CONFIRMATION, _(
            "{po} expects {sku} on {date}, after the {promised} promised to the customer."
        ).format(po=po.number, sku=line.product.sku, date=line.expected_date,
                 promised=order.promised_date)))
    return reasons


def _resolve_outdated(session: Session, user: str, po_id: int,
                      current: set[tuple[int, str]]) -> None:
    """Resolve the PO's open short and late reasons that are not in ``current``."""
    open_reasons = session.scalars(select(AttentionReason).where(
        AttentionReason.purchase_order_id == po_id,
        AttentionReason.code.in_(_RECOMPUTED_CODES),
        AttentionReason.resolved_at.is_(None)))
    for reason in open_reasons:
        if (reason.sales_order_id, reason.message) not in current:
            reason.resolved_at = utcnow()
            reason.resolved_by = user


_SO_LINES_WITH_ORDERS = (
    select(SalesOrderLine)
    .options(joinedload(SalesOrderLine.sales_order))
    .where(SalesOrderLine.id.in_(bindparam("ids", expanding=True)))
)


def _so_lines(session: Session, ids: list[int]) -> dict[int, SalesOrderLine]:
    """Load SO lines with their orders in one query, keyed by id."""
    if not ids:
        return {}
    return {line.id: line for line in session.scalars(_SO_LINES_WITH_ORDERS, {"ids": ids})}
