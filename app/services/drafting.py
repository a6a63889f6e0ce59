"""Drafting purchase orders from an SO's back-to-back lines.

For each line, the units still to source are bought from the catalog's
cheapest supplier (then the shortest lead time, then the supplier code).
A draft PO for that supplier that is still open is extended; otherwise a new
one is made. Units of the same product and description share one PO line
with one ledger row per SO line, and the PO line's quantity follows the
supplier's minimum order quantity and pack size. Drafting twice orders
nothing twice, because only units still to source are bought.
"""

from __future__ import annotations

import logging

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.allocation import Sourcing
from app.domain.errors import RuleViolation
from app.domain.states import SO_FINAL_STATES, POStatus, SOStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    CatalogEntry,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Supplier,
)
from app.services import attention
from app.services.catalog import preferred_entries
from app.services.context import acting_user, assign_number, audit, find_sales_order
from app.services.figures import line_figures, refresh_sales_order
from app.services.purchase_edits import resize_line
from app.services.stock import reserve_for_line
from app.services.views import DraftResult

log = logging.getLogger(__name__)


def draft_purchase_orders(db: Database, user: str, so_text: str) -> DraftResult:
    """Buy every unit of the SO that is still to source; return the POs made or extended."""
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True, lines=True)
        _check_draftable(order)
        result = draft_for_order(session, user, order)
        refresh_sales_order(session, order)
        return result


def draft_for_order(session: Session, user: str, order: SalesOrder) -> DraftResult:
    """Draft purchase orders for ``order`` inside an open transaction."""
    figures = line_figures(session, order.lines)
    to_source = [line for line in order.lines if figures[line.id].still_to_source > 0]
    entries = preferred_entries(session, [line.product_id for line in to_source])
    drafts: dict[int, tuple[PurchaseOrder, bool]] = {}  # by supplier id: the PO, and if new
    messages: list[str] = []
    ordered = 0
    for line in to_source:
        to_buy = figures[line.id].still_to_source
        to_buy -= _reserve_first(session, line, to_buy)
        if to_buy <= 0 or line.sourcing is Sourcing.STOCK:
            continue
        entry = entries.get(line.product_id)
        if entry is None:
            messages.append(_no_supplier(session, order, line))
            continue
        if entry.supplier_id not in drafts:
            drafts[entry.supplier_id] = _open_draft(session, user, entry.supplier)
        po, _is_new = drafts[entry.supplier_id]
        _add_units(session, po, line, entry, to_buy)
        ordered += 1
    for po, _is_new in drafts.values():
        _audit_draft(session, user, po, order)
    if ordered == 0 and not messages:
        messages.append(_("{number} has nothing left to order: every line is reserved from "
                          "stock or on a purchase order.").format(number=order.number))
    created = [po.number or "" for po, is_new in drafts.values() if is_new]
    extended = [po.number or "" for po, is_new in drafts.values() if not is_new]
    return DraftResult(order.number or "", created, extended, ordered, messages)


def _check_draftable(order: SalesOrder) -> None:
    if order.status in SO_FINAL_STATES or order.status is SOStatus.DRAFT:
        raise RuleViolation(_("{number} cannot get purchase orders: it is {state}.").format(
            number=order.number, state=order.status.value.replace("_", " ")))


def _reserve_first(session: Session, line: SalesOrderLine, to_buy: int) -> int:
    # Stock that came free since the order was taken is used before buying more.
    if line.sourcing is Sourcing.BACK_TO_BACK:
        return 0
    return reserve_for_line(session, line, to_buy)


def _no_supplier(session: Session, order: SalesOrder, line: SalesOrderLine) -> str:
    message = attention.no_supplier(line.product.sku, order.number or "", line.line_no)
    attention.raise_reason(session, order.id, attention.NO_SUPPLIER, message)
    return message


_DRAFT_OF_SUPPLIER = (
    select(PurchaseOrder)
    .where(PurchaseOrder.supplier_id == bindparam("supplier_id"),
           PurchaseOrder.status == POStatus.DRAFT)
    .order_by(PurchaseOrder.id)
    .limit(1)
    .with_for_update()
)


def _open_draft(session: Session, user: str, supplier: Supplier) -> tuple[PurchaseOrder, bool]:
    draft = session.scalars(_DRAFT_OF_SUPPLIER, {"supplier_id": supplier.id}).first()
    if draft is not None:
        return draft, False
    draft = PurchaseOrder(
        supplier=supplier,
        supplier_id=supplier.id,
        lines=[],
        status=POStatus.DRAFT,
        revision=1,
        currency=supplier.currency,
        terms=supplier.terms,
        created_by=user,
    )
    session.add(draft)
    assign_number(session, draft, flush=False)
    return draft, True


def _add_units(session: Session, po: PurchaseOrder, so_line: SalesOrderLine,
               entry: CatalogEntry, units: int) -> None:
    po_line = _matching_line(po, so_line)
    if po_line is None:
        po_line = PurchaseOrderLine(
            line_no=max((line.line_no for line in po.lines), default=0) + 1,
            product_id=so_line.product_id,
            product=so_line.product,
            supplier_sku=entry.supplier_sku,
            description=so_line.description,
            quantity=0,
            unit_cost=entry.unit_cost,
        )
        po.lines.append(po_line)
    allocation = next((a for a in po_line.allocations if a.so_line_id == so_line.id), None)
    if allocation is None:
        allocation = Allocation(so_line_id=so_line.id, quantity=0)
        po_line.allocations.append(allocation)
    allocation.quantity += units
    resize_line(session, po_line, entry)


def _matching_line(po: PurchaseOrder, so_line: SalesOrderLine) -> PurchaseOrderLine | None:
    for line in po.lines:
        if line.product_id == so_line.product_id and line.description == so_line.description:
            return line
    return None


def _audit_draft(session: Session, user: str, po: PurchaseOrder, order: SalesOrder) -> None:
    audit(session, user, "po.draft", number=po.number or "", purchase_order_id=po.id,
          sales_order_id=order.id,
          after={"lines": [{"sku": line.product.sku, "quantity": line.quantity}
                           for line in po.lines], "total": str(po.total)},
          note=_("Drafted for {so}").format(so=order.number))
    log.info("%s drafted for %s (%d lines)", po.number, order.number, len(po.lines))
