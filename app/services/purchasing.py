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

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from app.domain.allocation import distribute
from app.domain.approval import ApprovalRules, is_auto_approved, within_limit
from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.domain.states import POAction, POStatus, po_target
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    AttentionReason,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrderLine,
)
from app.persistence.types import utcnow
from app.services import attention
from app.services.approval_view import approval_snapshot
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

    A line confirmed at 0 is refused: its ledger rows shrink to what was
    received, so its SO lines get the units back as still to source, and it
    keeps its ordered quantity but no expected date.

    Only the SOs the PO serves are flagged: for a refused line, for an SO
    line that gets less than it needs, and for a date after the SO's
    promised date. Short and late reasons of an earlier confirmation of this
    PO that no longer hold are resolved.
    """
    with db.write() as session:
        acting_user(session, user)
        po = _load(session, po_text, expected_version, lines=True)
        target = po_target(po.number or "", POAction.CONFIRM, po.status)
        lines = _lines_by_sku(po, answers)
        default_date = utcnow().date() + timedelta(days=po.supplier.lead_time_days)
        refused: list[_Refusal] = []
        for line, answer in lines:
            refused += _confirm_line(po, line, answer, default_date)
        if supplier_reference:
            po.supplier_reference = supplier_reference
        before = po.status
        po.status = target or po.status
        _flag_confirmation(session, user, po, refused)
        _finish(session, user, po, "po.confirm", before,
                extra={"lines": [{"sku": line.product.sku, "confirmed": line.confirmed,
                                  "expected_date": _iso(line.expected_date)}
                                 for line, _a in lines],
                       "supplier_reference": po.supplier_reference})
        return po.status.value


@dataclass(frozen=True)
class _Refusal:
    """Units of a refused PO line that went back to still to source on one SO line."""

    line: PurchaseOrderLine
    so_line_id: int
    units: int


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _confirm_line(po: PurchaseOrder, line: PurchaseOrderLine, answer: Confirmation,
                  default_date: date) -> list[_Refusal]:
    """Set one line's confirmation; return the units a refusal gave back, per SO line."""
    quantity = line.quantity if answer.quantity is None else answer.quantity
    if quantity < 0 or quantity > line.quantity:
        raise InvalidInput(_("{po} line {n} ({sku}) cannot be confirmed for {qty}: it orders "
                             "{ordered}. Type 0 to {ordered}.").format(
            po=po.number, n=line.line_no, sku=line.product.sku, qty=quantity,
            ordered=line.quantity))
    line.confirmed = quantity
    if quantity == 0:
        line.expected_date = None
        return _release(line)
    line.expected_date = answer.expected_date or line.expected_date or default_date
    shares = distribute(quantity, [a.quantity for a in line.allocations])
    for allocation, share in zip(line.allocations, shares, strict=True):
        allocation.confirmed = share
    return []


def _release(line: PurchaseOrderLine) -> list[_Refusal]:
    """Shrink a refused line's ledger rows to the units received, as a cancellation does."""
    released = []
    for allocation in line.allocations:
        units = allocation.quantity - allocation.received
        allocation.quantity = allocation.received
        allocation.confirmed = min(allocation.confirmed, allocation.received)
        if units > 0:
            released.append(_Refusal(line, allocation.so_line_id, units))
    return released


# Attention reasons a confirmation raises; a later confirmation of the PO replaces them.
_CONFIRMATION_CODES = (attention.SHORT_CONFIRMATION, attention.LATE_CONFIRMATION)
# Code of the reason raised for an SO whose units a supplier refused; a person resolves it.
REFUSED_BY_SUPPLIER = "refused_by_supplier"


def _flag_confirmation(session: Session, user: str, po: PurchaseOrder,
                       refused: list[_Refusal]) -> None:
    """Raise the reasons this confirmation gives the SOs it serves; resolve outdated ones."""
    so_lines = _so_lines(session, [allocation.so_line_id for line in po.lines
                                   for allocation in line.allocations]
                         + [refusal.so_line_id for refusal in refused])
    reasons = [(so_lines[refusal.so_line_id].sales_order_id, REFUSED_BY_SUPPLIER, _(
        "{po} refused by supplier: {units} x {sku} for line {n} are back to still to "
        "source.").format(po=po.number, units=refusal.units, sku=refusal.line.product.sku,
                          n=so_lines[refusal.so_line_id].line_no))
        for refusal in refused]
    for line in po.lines:
        for allocation in line.allocations:
            if allocation.quantity > 0:
                reasons += _allocation_reasons(po, line, allocation,
                                               so_lines[allocation.so_line_id])
    _resolve_outdated(session, user, po.id, {(order_id, message)
                                             for order_id, _code, message in reasons})
    for order_id, code, message in reasons:
        attention.raise_reason(session, order_id, code, message, po.id)


def _allocation_reasons(po: PurchaseOrder, line: PurchaseOrderLine, allocation: Allocation,
                        so_line: SalesOrderLine) -> list[tuple[int, str, str]]:
    """Return the short and late reasons one ledger row gives its SO, as (SO id, code, text)."""
    order = so_line.sales_order
    reasons = []
    short = allocation.quantity - allocation.confirmed
    if short > 0:
        reasons.append((order.id, attention.SHORT_CONFIRMATION, _(
            "{po} confirmed {got} of {want} x {sku} for line {n}: {short} short."
        ).format(po=po.number, got=allocation.confirmed, want=allocation.quantity,
                 sku=line.product.sku, n=so_line.line_no, short=short)))
    if order.promised_date and line.expected_date and line.expected_date > order.promised_date:
        reasons.append((order.id, attention.LATE_CONFIRMATION, _(
            "{po} expects {sku} on {date}, after the {promised} promised to the customer."
        ).format(po=po.number, sku=line.product.sku, date=line.expected_date,
                 promised=order.promised_date)))
    return reasons


def _resolve_outdated(session: Session, user: str, po_id: int,
                      current: set[tuple[int, str]]) -> None:
    """Resolve the PO's open short and late reasons that the new confirmation no longer gives."""
    open_reasons = session.scalars(select(AttentionReason).where(
        AttentionReason.purchase_order_id == po_id,
        AttentionReason.code.in_(_CONFIRMATION_CODES),
        AttentionReason.resolved_at.is_(None)))
    for reason in open_reasons:
        if (reason.sales_order_id, reason.message) not in current:
            reason.resolved_at = utcnow()
            reason.resolved_by = user


def cancel(db: Database, user: str, po_text: str, expected_version: int | None = None) -> str:
    """Cancel a PO; after goods arrived, close what is still open instead.

    The units it bought and that have not arrived go back to "still to
    source" on their SO lines, and every SO it served is flagged.
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
        for order_id in orders:
            attention.raise_reason(session, order_id, attention.PO_CANCELLED, message, po.id)
        _finish(session, user, po, "po.cancel", before)
        return po.status.value


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


def _finish(session: Session, user: str, po: PurchaseOrder, action: str, before: POStatus,
            note: str = "", extra: dict[str, object] | None = None) -> None:
    refresh_orders_served_by(session, po.id)
    after: dict[str, object] = {"status": po.status.value}
    after.update(extra or {})
    audit(session, user, action, number=po.number or "", purchase_order_id=po.id,
          before={"status": before.value}, after=after, note=note)
    log.info("%s %s by %s: %s -> %s", po.number, action, user, before.value, po.status.value)
