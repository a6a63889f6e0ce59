"""Changing a PO's lines after drafting: quantity, removal, and revising a sent PO.

A PO the supplier has not seen yet (draft, awaiting approval, approved) goes
back to draft when it changes. A PO that was sent becomes a new revision: its
revision number rises and it needs approval and sending again. Units cut from
a line come off its ledger rows newest first, so those SO lines get them back
as "still to source", and each SO is flagged. Units added to a line beyond
its ledger rows are bought for stock.

A line of a sent PO is never deleted, because the supplier has seen it. Its
quantity can go down to what has arrived, down to 0 when nothing has: that
closes the line as a supplier's refusal does, and it orders nothing more.
A closed line cannot be raised again; drafting buys its SO lines' units.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from app.domain.allocation import check_quantity
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.states import PO_SENT_STATES, POAction, POStatus, po_target
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import PurchaseOrder, PurchaseOrderLine, SalesOrderLine
from app.services import attention
from app.services.confirmation_reasons import flag_confirmation
from app.services.context import acting_user, audit, check_version, find_purchase_order
from app.services.figures import refresh_sales_orders, sales_orders_served_by
from app.services.purchase_edits import back_to_draft, update_total

log = logging.getLogger(__name__)

# A sent PO's lines may change until goods have arrived in full.
REVISABLE_STATES = frozenset({POStatus.SENT, POStatus.CONFIRMED, POStatus.PARTLY_RECEIVED})


def set_po_line_quantity(db: Database, user: str, po_text: str, line_no: int, quantity: int,
                         expected_version: int | None = None) -> list[str]:
    """Change a PO line's quantity; return what the change did, one sentence each."""
    with db.write() as session:
        acting_user(session, user)
        po = _load_changeable(session, po_text, expected_version)
        line = _line(po, line_no)
        _check_new_quantity(po, line, quantity)
        if quantity < line.received:
            raise RuleViolation(_("{po} line {n} cannot go down to {qty}: {received} units "
                                  "have already arrived. Type {received} or more.").format(
                po=po.number, n=line_no, qty=quantity, received=line.received))
        before = line.quantity
        revision_before, status_before = po.revision, po.status
        orders = sales_orders_served_by(session, po.id)
        done = _cut_allocations(session, po, line, quantity)
        line.quantity = quantity
        _fit_confirmation(line, quantity)
        flag_confirmation(session, user, po, [])
        done += _revise(po)
        update_total(po)
        refresh_sales_orders(session, orders)
        audit(session, user, "po.set_quantity", number=po.number or "", purchase_order_id=po.id,
              before={"line": line_no, "quantity": before, "revision": revision_before,
                      "status": status_before.value},
              after={"line": line_no, "quantity": quantity, "revision": po.revision,
                     "status": po.status.value},
              note=" ".join(done))
        return [_("{po} line {n} ({sku}) from {before} to {after}.").format(
            po=po.number, n=line_no, sku=line.product.sku, before=before, after=quantity),
            *done]


def remove_po_line(db: Database, user: str, po_text: str, line_no: int,
                   expected_version: int | None = None) -> list[str]:
    """Delete a line of a PO that the supplier has not seen; its SO lines go back to source."""
    with db.write() as session:
        acting_user(session, user)
        po = _load_changeable(session, po_text, expected_version)
        if po.status in PO_SENT_STATES:
            raise RuleViolation(_("{po} was sent: its lines cannot be deleted. Set the line's "
                                  "quantity to 0 instead, or cancel the PO.").format(
                po=po.number))
        line = _line(po, line_no)
        if line.received:
            # Its receipts and the stock they made refer to the line, so it must stay.
            raise RuleViolation(_("{po} line {n} ({sku}) cannot be deleted: {received} units "
                                  "have arrived on it. Set its quantity to {received} "
                                  "instead.").format(po=po.number, n=line_no,
                                                     sku=line.product.sku,
                                                     received=line.received))
        orders = sales_orders_served_by(session, po.id)
        done = _cut_allocations(session, po, line, 0)
        for allocation in list(line.allocations):
            session.delete(allocation)
        po.lines.remove(line)
        session.delete(line)
        back_to_draft(po)
        update_total(po)
        if not po.lines:
            po.status = POStatus.CANCELLED
            done.append(_("{po} has no lines left and is cancelled.").format(po=po.number))
        session.flush()
        refresh_sales_orders(session, orders)
        audit(session, user, "po.remove_line", number=po.number or "", purchase_order_id=po.id,
              before={"line": line_no, "sku": line.product.sku, "quantity": line.quantity},
              after={"status": po.status.value}, note=" ".join(done))
        return [_("{po} line {n} ({sku}) deleted.").format(po=po.number, n=line_no,
                                                           sku=line.product.sku), *done]


def cancel_impact(db: Database, po_text: str) -> list[str]:
    """List the SO lines whose units go back to "still to source" if the PO is cancelled."""
    with db.read() as session:
        po = find_purchase_order(session, po_text)
        po_target(po.number or "", POAction.CANCEL, po.status)
        impact = []
        for line in po.lines:
            for allocation in line.allocations:
                units = allocation.quantity - allocation.received
                if units <= 0:
                    continue
                so_line = session.get_one(SalesOrderLine, allocation.so_line_id)
                impact.append(_("{so} line {n}: {units} x {sku} back to still to source.").format(
                    so=so_line.sales_order.number, n=so_line.line_no, units=units,
                    sku=line.product.sku))
        if any(line.received for line in po.lines):
            impact.append(_("{po} is closed, not cancelled: goods have arrived on it.").format(
                po=po.number))
        return impact


def _load_changeable(session: Session, po_text: str, expected: int | None) -> PurchaseOrder:
    po = find_purchase_order(session, po_text, lock=True)
    check_version(po.number or "", po.version, expected)
    if po.status not in REVISABLE_STATES:
        po_target(po.number or "", POAction.EDIT, po.status)
    return po


def _fit_confirmation(line: PurchaseOrderLine, quantity: int) -> None:
    """Keep the confirmation within the new quantity; a line closed at 0 keeps none.

    Confirmed 0 marks a line the supplier refused, so a line the clerk
    closes gets no confirmation instead and shows as closed, not refused.
    """
    if quantity == 0:
        line.confirmed = None
        line.expected_date = None
    elif line.confirmed is not None:
        line.confirmed = min(line.confirmed, quantity)


def _check_new_quantity(po: PurchaseOrder, line: PurchaseOrderLine, quantity: int) -> None:
    """Allow 0 only on a PO the supplier has seen, and never raise a line closed at 0.

    A line at 0 exists only on such a PO, also while a later revision of it
    is a draft again.
    """
    if line.quantity == 0 and quantity > 0:
        raise RuleViolation(_("{po} line {n} ({sku}) is closed and orders nothing. Draft purchase "
                              "orders again to buy {sku}.").format(
            po=po.number, n=line.line_no, sku=line.product.sku))
    if quantity == 0 and po.sent_at is not None:
        return
    check_quantity(quantity, _("The new quantity of {po} line {n}").format(
        po=po.number, n=line.line_no))


def _line(po: PurchaseOrder, line_no: int) -> PurchaseOrderLine:
    for line in po.lines:
        if line.line_no == line_no:
            return line
    raise InvalidInput(_("{po} has no line {n}; its lines are {lines}.").format(
        po=po.number, n=line_no, lines=", ".join(str(line.line_no) for line in po.lines)))


def _cut_allocations(session: Session, po: PurchaseOrder, line: PurchaseOrderLine,
                     quantity: int) -> list[str]:
    """Shrink the ledger rows newest first until they fit in ``quantity``; flag their SOs."""
    excess = sum(a.quantity for a in line.allocations) - quantity
    done = []
    for allocation in sorted(line.allocations, key=lambda row: row.id, reverse=True):
        if excess <= 0:
            break
        cut = min(excess, allocation.quantity - allocation.received)
        if cut <= 0:
            continue
        allocation.quantity -= cut
        allocation.confirmed = min(allocation.confirmed, allocation.quantity)
        excess -= cut
        so_line = session.get_one(SalesOrderLine, allocation.so_line_id)
        order = so_line.sales_order
        message = _("{po} buys {cut} fewer x {sku} for line {n}: {cut} back to still to "
                    "source.").format(po=po.number, cut=cut, sku=line.product.sku,
                                      n=so_line.line_no)
        attention.raise_reason(session, order.id, attention.PO_CHANGED, message, po.id)
        done.append(f"{order.number}: {message}")
    return done


def _revise(po: PurchaseOrder) -> list[str]:
    arrived_in_full = (any(line.received for line in po.lines)
                       and all(line.quantity <= line.received for line in po.lines))
    if po.status in PO_SENT_STATES and arrived_in_full:
        # Nothing is left to order, so there is no revision to approve and send.
        po.status = POStatus.RECEIVED
        return [_("{po} has received everything it now orders.").format(po=po.number)]
    if po.status in PO_SENT_STATES:
        po.revision += 1
        po.status = POStatus.DRAFT
        po.approved_by = None
        po.approved_at = None
        return [_("{po} is now revision {revision} and needs approval and sending again.")
                .format(po=po.number, revision=po.revision)]
    back_to_draft(po)
    return []

