"""Changes to PO lines that follow from SO changes, kept in one place.

A PO that the supplier has not seen yet (draft, awaiting approval,
approved) follows its SOs: its lines grow and shrink, empty lines go, and an
empty PO is cancelled. A PO that was awaiting approval or approved returns to
draft, because its lines no longer match what was approved. A sent PO never
changes here: its ledger rows shrink and the units become surplus for stock.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allocation import purchase_quantity
from app.domain.money import ZERO
from app.domain.states import PO_SENT_STATES, POStatus
from app.persistence.models import Allocation, CatalogEntry, PurchaseOrder, PurchaseOrderLine

_CENT = Decimal("0.01")


def grow_allocation(session: Session, allocation: Allocation, units: int) -> None:
    """Buy ``units`` more on a draft PO line for the same SO line."""
    allocation.quantity += units
    resize_line(session, allocation.po_line)


def shrink_allocation(session: Session, allocation: Allocation, units: int) -> None:
    """Buy ``units`` fewer for the SO line; unsent PO lines follow, sent ones keep surplus."""
    allocation.quantity -= units
    line = allocation.po_line
    order = line.purchase_order
    if order.status in PO_SENT_STATES:
        return
    if allocation.quantity == 0 and allocation.received == 0:
        line.allocations.remove(allocation)
        session.delete(allocation)
    resize_line(session, line)


def resize_line(session: Session, line: PurchaseOrderLine,
                entry: CatalogEntry | None = None) -> None:
    """Set an unsent PO line's quantity from its ledger rows and the supplier's terms.

    ``entry`` is the supplier's catalog entry for the line's product, when the
    caller has it loaded already; otherwise it is looked up.
    """
    order = line.purchase_order
    needed = sum(allocation.quantity for allocation in line.allocations)
    if needed == 0:
        order.lines.remove(line)
        session.delete(line)
    else:
        if entry is None or (entry.product_id, entry.supplier_id) != (line.product_id,
                                                                      order.supplier_id):
            entry = _catalog_entry(session, line.product_id, order.supplier_id)
        moq, pack = (entry.min_order_qty, entry.pack_size) if entry else (1, 1)
        line.quantity = purchase_quantity(needed, moq, pack)
    back_to_draft(order)
    update_total(order)
    if not order.lines:
        order.status = POStatus.CANCELLED


def back_to_draft(order: PurchaseOrder) -> None:
    """Send a changed PO that was awaiting approval or approved back to draft."""
    if order.status in (POStatus.AWAITING_APPROVAL, POStatus.APPROVED):
        order.status = POStatus.DRAFT
        order.approved_by = None
        order.approved_at = None


def update_total(order: PurchaseOrder) -> None:
    order.total = sum((line.amount for line in order.lines), start=ZERO)


def _catalog_entry(session: Session, product_id: int, supplier_id: int) -> CatalogEntry | None:
    return session.scalars(
        select(CatalogEntry).where(
            CatalogEntry.product_id == product_id, CatalogEntry.supplier_id == supplier_id
        )
    ).one_or_none()
