"""Purchase order actions: submit, approve, reject, send, confirm, cancel, close.

Each action loads and locks the PO, checks the transition table and the
person's role, changes the PO and writes an audit event. In the same
transaction it refreshes every SO the PO serves, so a PO change shows on
its SOs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allocation import distribute
from app.domain.approval import ApprovalRules, is_auto_approved, within_limit
from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.domain.states import SO_FINAL_STATES, POAction, POStatus, po_target
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
)
from app.persistence.types import utcnow
from app.services import attention
from app.services.approval_view import approval_snapshot
from app.services.confirmation_reasons import Refusal, flag_confirmation
from app.services.context import (
    acting_user,
    audit,
    check_version,
    find_purchase_order,
    require_manager,
    setting,
)
from app.services.documents import (
    default_document_path,
    purchase_order_document,
    write_document,
)
from app.services.figures import refresh_orders_served_by, sales_orders_served_by
from app.services.mail import write_po_draft
from app.services.purchase_edits import update_total

log = logging.getLogger(__name__)

# Recorded as the approver of a PO approved because its total is below the threshold.
AUTO_APPROVER = "tandem (below threshold)"


@dataclass(frozen=True)
class Confirmation:
    """The supplier's confirmed quantity and expected date for one PO line or SKU."""

    quantity: int | None = None
    expected_date: date | None = None


def submit(db: Database, user: str, po_text: str, expected_version: int | None = None) -> str:
    """Submit a draft PO for approval; below the auto-approval threshold it is approved at once.

    The threshold is the ``auto_approve_below`` setting (empty: every PO needs
    a manager). A PO of exactly the threshold needs a manager.
    """
    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version)
        target = po_target(po.number or "", POAction.SUBMIT, po.status)
        if not po.lines:
            raise RuleViolation(_("{po} has no lines to submit.").format(po=po.number))
        before = po.status
        po.status = target or po.status
        po.submitted_by = user
        po.submitted_at = utcnow()
        po.rejection_reason = ""
        attention.resolve_reasons(session, user, codes=[attention.PO_REJECTED], po_id=po.id)
        if is_auto_approved(po.total, _approval_rules(session)):
            po.status = POStatus.APPROVED
            po.approved_by = AUTO_APPROVER
            po.approved_at = utcnow()
            po.approved_revision = po.revision
            _finish(session, user, po, "po.submit", before,
                    note=_("Approved without a manager: the total is below the threshold."),
                    extra={"approved_by": AUTO_APPROVER, "revision": po.revision,
                           "lines": approval_snapshot(po)})
            return po.status.value
        _finish(session, user, po, "po.submit", before)
        return po.status.value


def approve(db: Database, user: str, po_text: str, comment: str = "",
            expected_version: int | None = None) -> str:
    """Approve a submitted PO; a manager who did not submit it must do this."""
    with db.write() as session:
        approver = acting_user(session, user)
        po = _load(session, po_text, expected_version)
        target = po_target(po.number or "", POAction.APPROVE, po.status)
        require_manager(approver, _("approve {po}").format(po=po.number))
        if po.submitted_by == user:
            raise PermissionDenied(_("{po} cannot be approved: you submitted it. Ask another "
                                     "manager.").format(po=po.number))
        if not within_limit(po.total, approver.approval_limit):
            raise PermissionDenied(_(
                "{po} totals {total} {currency}, above your approval limit of {limit}. Ask a "
                "manager whose limit covers it.").format(
                po=po.number, total=po.total, currency=po.currency,
                limit=approver.approval_limit))
        before = po.status
        po.status = target or po.status
        po.approved_by = user
        po.approved_at = utcnow()
        po.approved_revision = po.revision
        po.approval_comment = comment
        _finish(session, user, po, "po.approve", before, note=comment,
                extra={"revision": po.revision, "lines": approval_snapshot(po)})
        return po.status.value


def reject(db: Database, user: str, po_text: str, reason: str,
           expected_version: int | None = None) -> str:
    """Return a submitted PO to draft with a reason; its SOs are flagged until resubmitted."""
    with db.write() as session:
        manager = acting_user(session, user)
        po = _load(session, po_text, expected_version)
        target = po_target(po.number or "", POAction.REJECT, po.status)
        require_manager(manager, _("reject {po}").format(po=po.number))
        if not reason.strip():
            raise InvalidInput(_("A rejection needs a reason. Type why {po} is rejected.").format(
                po=po.number))
        before = po.status
        po.status = target or po.status
        po.rejection_reason = reason.strip()
        orders = sales_orders_served_by(session, po.id)
        message = _("{po} rejected by {user}: {reason}").format(
            po=po.number, user=user, reason=po.rejection_reason)
        for order_id in orders:
            attention.raise_reason(session, order_id, attention.PO_REJECTED, message, po.id)
        _finish(session, user, po, "po.reject", before, note=po.rejection_reason)
        return po.status.value


def send(db: Database, user: str, po_text: str, pdf: Path | None = None,
         expected_version: int | None = None) -> Path:
    """Write the PO's PDF and mark it sent; return where the PDF was written."""
    from app.reports.purchase_order import render_purchase_order

    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version, lines=True)
        before = _mark_sent(po, user)
        path = pdf or default_document_path(session, po.number or "PO")
        session.flush()
        write_document(render_purchase_order, purchase_order_document(session, po), path)
        _finish(session, user, po, "po.send", before, note=str(path))
        return path


def write_email_draft(db: Database, user: str, po_text: str, pdf: Path) -> Path | None:
    """Write an unsent e-mail to the PO's supplier with ``pdf`` attached, beside the PDF.

    Returns the .eml file for the mail program to open, or None when the
    supplier has no e-mail address on record.
    """
    with db.read() as session:
        po = find_purchase_order(session, po_text)
        person = acting_user(session, user)
        supplier = po.supplier
        if not supplier.email:
            return None
        return write_po_draft(
            pdf.with_suffix(".eml"), to=supplier.email, sender=person.name,
            po_number=po.number or "", revision=po.revision,
            company=setting(session, "company_name"), supplier=supplier.name, pdf=pdf)


def mark_sent(db: Database, user: str, po_text: str, expected_version: int | None = None) -> str:
    """Mark an approved PO sent without writing its PDF; return the new status.

    For a PO that reached the supplier some other way, and for batch runs
    that print later with :func:`write_purchase_order`.
    """
    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version)
        before = _mark_sent(po, user)
        _finish(session, user, po, "po.send", before, note=_("Marked sent without writing a PDF."))
        return po.status.value


def _mark_sent(po: PurchaseOrder, user: str) -> POStatus:
    """Move an approved PO to sent; return the status it had."""
    target = po_target(po.number or "", POAction.SEND, po.status)
    before = po.status
    po.status = target or po.status
    po.sent_by = user
    po.sent_at = utcnow()
    return before


def write_purchase_order(db: Database, po_text: str, out: Path | None = None
                         ) -> tuple[str, Path]:
    """Write a PO's current PDF without changing the PO; return its number and the file."""
    from app.reports.purchase_order import render_purchase_order

    with db.read() as session:
        po = find_purchase_order(session, po_text)
        path = out or default_document_path(session, po.number or "PO")
        document = purchase_order_document(session, po)
        return po.number or "", write_document(render_purchase_order, document, path)


def confirm(db: Database, user: str, po_text: str,
            answers: Mapping[str | int, Confirmation] | None = None, supplier_reference: str = "",
            expected_version: int | None = None) -> str:
    """Record the supplier's confirmation per line; without ``answers``, all as ordered.

    ``answers`` is keyed by line number, or by SKU for every line of that SKU.
    A line without a date is expected after the supplier's lead time from
    today. Confirmed units are shared over the line's ledger rows, oldest
    first. An empty ``supplier_reference`` keeps the one recorded.

    A line confirmed at 0 is refused, and a refused line is closed: it
    orders nothing more. Its quantity becomes what was received (0 when
    nothing arrived), so it adds nothing to the PO total, to a later
    revision's PDF or to stock. Its ledger rows shrink the same way, so its
    SO lines get the units back as still to source. It keeps confirmed 0,
    which is how the PO view and dialogs tell it is refused, and has no
    expected date. A line already closed at 0 (refused, or set to 0 by a
    clerk) keeps its confirmation and cannot be confirmed above 0.

    Only the SOs the PO serves are flagged: for a refused line, for an SO
    line that gets less than it needs, and for a date after the SO's
    promised date. Short and late reasons of an earlier confirmation of this
    PO that no longer hold are resolved. A PO on which the supplier refused
    every line and nothing arrived orders nothing at all, so it is cancelled.
    """
    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version, lines=True)
        target = po_target(po.number or "", POAction.CONFIRM, po.status)
        lines = _lines_by_sku(po, answers)
        default_date = utcnow().date() + timedelta(days=po.supplier.lead_time_days)
        refused: list[Refusal] = []
        for line, answer in lines:
            refused += _confirm_line(po, line, answer, default_date)
        update_total(po)
        if supplier_reference:
            po.supplier_reference = supplier_reference
        before = po.status
        po.status = target or po.status
        if all(line.quantity == 0 for line in po.lines):
            po.status = POStatus.CANCELLED
        flag_confirmation(session, user, po, refused)
        _finish(session, user, po, "po.confirm", before,
                extra={"lines": [{"sku": line.product.sku, "confirmed": line.confirmed,
                                  "expected_date": _iso(line.expected_date)}
                                 for line, _a in lines],
                       "supplier_reference": po.supplier_reference})
        return po.status.value


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _confirm_line(po: PurchaseOrder, line: PurchaseOrderLine, answer: Confirmation,
                  default_date: date) -> list[Refusal]:
    """Set one line's confirmation; return the units a refusal gave back, per SO line."""
    quantity = line.quantity if answer.quantity is None else answer.quantity
    if line.quantity == 0:
        if quantity > 0:
            raise RuleViolation(_("{po} line {n} ({sku}) is closed and orders nothing, so it "
                                  "cannot be confirmed for {qty}. Draft purchase orders again "
                                  "to buy {sku}.").format(po=po.number, n=line.line_no,
                                                          sku=line.product.sku, qty=quantity))
        return []
    if quantity < 0 or quantity > line.quantity:
        raise InvalidInput(_("{po} line {n} ({sku}) cannot be confirmed for {qty}: it orders "
                             "{ordered}. Type 0 to {ordered}.").format(
            po=po.number, n=line.line_no, sku=line.product.sku, qty=quantity,
            ordered=line.quantity))
    line.confirmed = quantity
    if quantity == 0:
        return _refuse(line)
    line.expected_date = answer.expected_date or line.expected_date or default_date
    shares = distribute(quantity, [a.quantity for a in line.allocations])
    for allocation, share in zip(line.allocations, shares, strict=True):
        allocation.confirmed = share
    return []


def _refuse(line: PurchaseOrderLine) -> list[Refusal]:
    """Close a refused line at what was received, as a cancellation closes a PO."""
    line.quantity = line.received
    line.expected_date = None
    released = []
    for allocation in line.allocations:
        units = allocation.quantity - allocation.received
        allocation.quantity = allocation.received
        allocation.confirmed = min(allocation.confirmed, allocation.received)
        if units > 0:
            released.append(Refusal(line, allocation.so_line_id, units))
    return released


def cancel(db: Database, user: str, po_text: str, expected_version: int | None = None) -> str:
    """Cancel a PO; after goods arrived, close what is still open instead.

    The units it bought and that have not arrived go back to "still to
    source" on their SO lines, and every SO it served is flagged, except
    SOs that are cancelled or complete, which need nothing more.
    """
    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version, lines=True)
        po_target(po.number or "", POAction.CANCEL, po.status)
        before = po.status
        received = any(line.received for line in po.lines)
        orders = sales_orders_served_by(session, po.id)
        for line in po.lines:
            for allocation in line.allocations:
                allocation.quantity = allocation.received
                allocation.confirmed = min(allocation.confirmed, allocation.received)
        po.status = POStatus.CLOSED if received else POStatus.CANCELLED
        attention.resolve_reasons(session, user, codes=[attention.PO_REJECTED], po_id=po.id)
        word = _("closed") if received else _("cancelled")
        message = _("{po} {word}: its open units are back to still to source.").format(
            po=po.number, word=word)
        for order_id in _open_orders(session, orders):
            attention.raise_reason(session, order_id, attention.PO_CANCELLED, message, po.id)
        _finish(session, user, po, "po.cancel", before)
        return po.status.value


def _open_orders(session: Session, order_ids: list[int]) -> list[int]:
    """Return the ids among ``order_ids`` of SOs that are neither cancelled nor complete."""
    if not order_ids:
        return []
    return list(session.scalars(select(SalesOrder.id).where(
        SalesOrder.id.in_(order_ids), SalesOrder.status.not_in(SO_FINAL_STATES))))


def close(db: Database, user: str, po_text: str) -> str:
    """Close a PO whose goods have arrived in part or in full."""
    return cancel(db, user, po_text)


def _approval_rules(session: Session) -> ApprovalRules:
    text = setting(session, "auto_approve_below").strip()
    return ApprovalRules(auto_approve_below=Decimal(text) if text else None)


def _load(session: Session, po_text: str, expected_version: int | None,
          lines: bool = False) -> PurchaseOrder:
    po = find_purchase_order(session, po_text, lock=True, lines=lines)
    check_version(po.number or "", po.version, expected_version)
    return po


def _lines_by_sku(po: PurchaseOrder, answers: Mapping[str | int, Confirmation] | None
                  ) -> list[tuple[PurchaseOrderLine, Confirmation]]:
    """Pair each confirmed PO line with its confirmation; a key is a SKU or a line number."""
    if not answers:
        return [(line, Confirmation()) for line in po.lines]
    skus = {line.product.sku for line in po.lines}
    numbers = {line.line_no for line in po.lines}
    for key in answers:
        if isinstance(key, int) and key not in numbers:
            raise InvalidInput(_("{po} has no line {n}; its lines are 1 to {last}.").format(
                po=po.number, n=key, last=max(numbers, default=0)))
        if isinstance(key, str) and key not in skus:
            raise InvalidInput(_("{po} has no line for SKU '{sku}'. Its SKUs are: {skus}.")
                               .format(po=po.number, sku=key, skus=", ".join(sorted(skus))))
    paired = []
    for line in po.lines:
        answer = answers.get(line.line_no, answers.get(line.product.sku))
        if answer is not None:
            paired.append((line, answer))
    return paired


def _finish(session: Session, user: str, po: PurchaseOrder, action: str, before: POStatus,
            note: str = "", extra: dict[str, object] | None = None) -> None:
    refresh_orders_served_by(session, po.id)
    after: dict[str, object] = {"status": po.status.value}
    after.update(extra or {})
    audit(session, user, action, number=po.number or "", purchase_order_id=po.id,
          before={"status": before.value}, after=after, note=note)
    log.info("%s %s by %s: %s -> %s", po.number, action, user, before.value, po.status.value)
