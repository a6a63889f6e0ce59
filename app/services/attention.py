"""Attention reasons on sales orders: raised by PO events, cleared when resolved."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.persistence.models import AttentionReason
from app.persistence.types import utcnow

PO_REJECTED = "po_rejected"
PO_CANCELLED = "po_cancelled"
SHORT_CONFIRMATION = "short_confirmation"
LATE_CONFIRMATION = "late_confirmation"
# The supplier confirmed 0 of a PO line, so its units are back to still to source.
REFUSED_BY_SUPPLIER = "refused_by_supplier"
CHANGED_AFTER_SENT = "changed_after_sent"
NO_SUPPLIER = "no_supplier"
PO_CHANGED = "po_changed"

# Recorded as the resolver when a reason closes because the order moved on.
SYSTEM_USER = "tandem"


def no_supplier(sku: str, so_number: str, line_no: int) -> str:
    """Return the reason for an SO line whose product no supplier sells."""
    return _("{sku} on {number} line {n} has no supplier in the catalog. Import or add a "
             "catalog entry for it, then draft again.").format(sku=sku, number=so_number,
                                                              n=line_no)


def resolve_when_shipped(session: Session, order_id: int) -> None:
    """Close the confirmation reasons of an SO whose goods have all left.

    A short, late or refused confirmation matters until the goods are here.
    Once the order has shipped in full, there is nothing left for a person
    to decide.
    """
    resolve_reasons(session, SYSTEM_USER,
                    codes=(SHORT_CONFIRMATION, LATE_CONFIRMATION, REFUSED_BY_SUPPLIER),
                    order_ids=[order_id])


def raise_reason(
    session: Session, order_id: int, code: str, message: str, po_id: int | None = None
) -> None:
    """Add an open reason unless the same one is already open."""
    existing = session.scalars(
        select(AttentionReason).where(
            AttentionReason.sales_order_id == order_id,
            AttentionReason.code == code,
            AttentionReason.message == message,
            AttentionReason.resolved_at.is_(None),
        )
    ).first()
    if existing is None:
        session.add(
            AttentionReason(
                sales_order_id=order_id, code=code, message=message, purchase_order_id=po_id
            )
        )


def resolve_reasons(
    session: Session,
    user: str,
    *,
    codes: Iterable[str],
    po_id: int | None = None,
    order_ids: Iterable[int] | None = None,
) -> list[int]:
    """Close the open reasons with these codes; return the SO ids touched."""
    query = select(AttentionReason).where(
        AttentionReason.code.in_(list(codes)), AttentionReason.resolved_at.is_(None)
    )
    if po_id is not None:
        query = query.where(AttentionReason.purchase_order_id == po_id)
    if order_ids is not None:
        query = query.where(AttentionReason.sales_order_id.in_(list(order_ids)))
    touched = []
    for reason in session.scalars(query):
        reason.resolved_at = utcnow()
        reason.resolved_by = user
        touched.append(reason.sales_order_id)
    return touched


def open_reason_rows(session: Session, order_id: int) -> list[AttentionReason]:
    return list(session.scalars(
        select(AttentionReason)
        .where(AttentionReason.sales_order_id == order_id, AttentionReason.resolved_at.is_(None))
        .order_by(AttentionReason.id)))


def open_reasons(session: Session, order_id: int) -> list[str]:
    rows = session.scalars(
        select(AttentionReason.message)
        .where(AttentionReason.sales_order_id == order_id, AttentionReason.resolved_at.is_(None))
        .order_by(AttentionReason.id)
    )
    return list(rows)
