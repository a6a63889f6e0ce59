"""What a manager sees before approving a PO, beyond the PO itself.

The approval dialog shows, next to the PO's lines and margins: the payments
received on the sales orders it buys for, what changed since the PO was last
approved, and how reliably the supplier delivered lately. All of it is read
in one short transaction by :func:`get_approval_review`.

The lines as approved are stored in the ``after`` JSON of the approval's
audit event (see :func:`approval_snapshot`), so a later revision is compared
with exactly what the manager approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.money import ZERO, line_amount
from app.domain.states import POStatus
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    AuditEvent,
    Customer,
    Payment,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    SalesOrder,
    SalesOrderLine,
)
from app.services.context import find_purchase_order
from app.services.queries import purchase_order_view
from app.services.views import PurchaseOrderView

# How far back the supplier's record looks, in days.
SUPPLIER_RECORD_DAYS = 90
# Audit actions whose ``after`` JSON may hold the lines as approved.
APPROVAL_ACTIONS = ("po.approve", "po.submit")
_TENTH = Decimal("0.1")


def margin_percent(margin: Decimal, sales_value: Decimal) -> Decimal | None:
    """Return the margin as a percentage of the sales value to one decimal, None without sales."""
    if sales_value == 0:
        return None
    return (margin * 100 / sales_value).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Deposit:
    """Payments received on one SO that the PO buys for."""

    so: str
    customer: str
    total: Decimal
    paid: Decimal
    payments: int


@dataclass(frozen=True)
class LineChange:
    """One PO line that differs from the approved revision.

    ``kind`` is ``added``, ``removed`` or ``changed``. The ``*_before``
    fields are None for an added line, the ``*_after`` fields for a removed one.
    """

    line: int
    sku: str
    description: str
    kind: str
    quantity_before: int | None
    quantity_after: int | None
    cost_before: Decimal | None
    cost_after: Decimal | None
    amount_before: Decimal
    amount_after: Decimal


@dataclass(frozen=True)
class RevisionChanges:
    """The PO's lines compared with those of its last approval.

    ``recorded`` is False when that approval stored no lines (it was made
    before approvals kept them); ``lines`` is then empty.
    """

    approved_revision: int
    approved_by: str
    approved_at: datetime
    recorded: bool
    total_before: Decimal
    total_after: Decimal
    lines: list[LineChange] = field(default_factory=list)


@dataclass(frozen=True)
class SupplierRecord:
    """The supplier's delivery record on the POs that had goods due in the last ``days`` days.

    A PO counts as due when one of its lines has an expected date in the
    window. It counts as late when such a line arrived in full after its
    expected date, or had not arrived in full when the date passed. A line
    refused by the supplier (confirmed 0) is never due.
    """

    days: int
    due: int
    late: int
    late_numbers: list[str]


@dataclass(frozen=True)
class ApprovalReview:
    """A PO with everything its approval dialog shows; percentages are None without sales."""

    po: PurchaseOrderView
    line_margin_percent: dict[int, Decimal | None]
    margin_percent: Decimal | None
    deposits: list[Deposit]
    deposits_total: Decimal
    changes: RevisionChanges | None
    supplier_record: SupplierRecord


def get_approval_review(db: Database, po_text: str, today: date | None = None) -> ApprovalReview:
    """Read a PO with its margins, deposits, changes since approval and the supplier's record.

    ``today`` is the last day of the supplier's record; the default is the
    workstation's date.
    """
    with db.read() as session:
        po = find_purchase_order(session, po_text)
        view = purchase_order_view(session, po)
        deposits = _deposits(session, po.id)
        return ApprovalReview(
            po=view,
            line_margin_percent={line.line: margin_percent(line.margin, line.sales_value)
                                 for line in view.lines},
            margin_percent=margin_percent(view.margin, view.sales_value),
            deposits=deposits,
            deposits_total=sum((deposit.paid for deposit in deposits), start=ZERO),
            changes=_changes(session, po),
            supplier_record=supplier_record(session, po.supplier_id, today or date.today()),
        )


def approval_snapshot(po: PurchaseOrder) -> list[dict[str, object]]:
    """Return the PO's lines as the JSON an approval's audit event stores."""
    return [{"line": line.line_no, "sku": line.product.sku, "description": line.description,
             "quantity": line.quantity, "unit_cost": str(line.unit_cost)} for line in po.lines]


# --- deposits -------------------------------------------------------------------------------

def _deposits(session: Session, po_id: int) -> list[Deposit]:
    served = (select(SalesOrderLine.sales_order_id)
              .join(Allocation, Allocation.so_line_id == SalesOrderLine.id)
              .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
              .where(PurchaseOrderLine.purchase_order_id == po_id, Allocation.quantity > 0))
    payments = (select(Payment.sales_order_id, func.count(Payment.id).label("payments"),
                       func.sum(Payment.amount).label("paid"))
                .group_by(Payment.sales_order_id).subquery())
    rows = session.execute(
        select(SalesOrder.number, Customer.name, SalesOrder.total, payments.c.paid,
               payments.c.payments)
        .join(Customer, Customer.id == SalesOrder.customer_id)
        .outerjoin(payments, payments.c.sales_order_id == SalesOrder.id)
        .where(SalesOrder.id.in_(served))
        .order_by(SalesOrder.id))
    return [Deposit(so=number or "", customer=customer, total=total,
                    paid=paid if paid is not None else ZERO, payments=int(count or 0))
            for number, customer, total, paid, count in rows]


# --- changes since the last approval --------------------------------------------------------

def _changes(session: Session, po: PurchaseOrder) -> RevisionChanges | None:
    """Compare the PO's lines with its last approval; None when it was never approved."""
    approval = _last_approval(session, po.id)
    if approval is None:
        return None
    after = approval.after or {}
    revision = int(str(after.get("revision", 0)))
    total_after = sum((line.amount for line in po.lines), start=ZERO)
    snapshot = after.get("lines")
    if not isinstance(snapshot, list):
        return RevisionChanges(revision, _approver(approval), approval.at, False,
                               total_after, total_after)
    approved = [item for item in snapshot if isinstance(item, dict)]
    changes = [change for old, new in _pair_lines(approved, po.lines)
               if (change := _line_change(old, new)) is not None]
    total_before = sum((line_amount(Decimal(str(item["unit_cost"])), int(item["quantity"]))
                        for item in approved), start=ZERO)
    return RevisionChanges(revision, _approver(approval), approval.at, True, total_before,
                           total_after, changes)


def _last_approval(session: Session, po_id: int) -> AuditEvent | None:
    """Return the audit event of the PO's last approval, by a manager or below the threshold."""
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.purchase_order_id == po_id, AuditEvent.action.in_(APPROVAL_ACTIONS))
        .order_by(AuditEvent.id.desc()))
    for event in events:
        if event.action == "po.approve" or (event.after or {}).get("approved_by"):
            return event
    return None


def _approver(event: AuditEvent) -> str:
    approved_by = (event.after or {}).get("approved_by")
    return str(approved_by) if approved_by else event.user_name


def _pair_lines(approved: list[dict[str, object]], lines: list[PurchaseOrderLine]
                ) -> list[tuple[dict[str, object] | None, PurchaseOrderLine | None]]:
    """Pair each approved line with the current one of the same number and SKU, else of the
    same SKU; the pairs are in line-number order, an unpaired line pairs with None."""
    unpaired = list(lines)
    pairs: list[tuple[dict[str, object] | None, PurchaseOrderLine | None]] = []
    for want_number in (True, False):
        for item in [item for item in approved if not any(item is old for old, _ in pairs)]:
            match = next((line for line in unpaired if line.product.sku == item["sku"] and (
                not want_number or line.line_no == item["line"])), None)
            if match is not None:
                unpaired.remove(match)
                pairs.append((item, match))
    pairs += [(item, None) for item in approved if not any(item is old for old, _ in pairs)]
    pairs += [(None, line) for line in unpaired]
    return sorted(pairs, key=_pair_order)


def _pair_order(pair: tuple[dict[str, object] | None, PurchaseOrderLine | None]
                ) -> tuple[int, int]:
    old, new = pair
    if old is not None:
        return int(str(old["line"])), 0
    assert new is not None
    return new.line_no, 1


def _line_change(approved: dict[str, object] | None,
                 line: PurchaseOrderLine | None) -> LineChange | None:
    """Describe how a line differs from its approved version; None when it does not."""
    if approved is None:
        assert line is not None
        return LineChange(line.line_no, line.product.sku, line.description, "added", None,
                          line.quantity, None, line.unit_cost, ZERO, line.amount)
    quantity = int(str(approved["quantity"]))
    cost = Decimal(str(approved["unit_cost"]))
    amount = line_amount(cost, quantity)
    if line is None:
        return LineChange(int(str(approved["line"])), str(approved["sku"]),
                          str(approved.get("description", "")), "removed", quantity, None, cost,
                          None, amount, ZERO)
    if (quantity, cost) == (line.quantity, line.unit_cost):
        return None
    return LineChange(line.line_no, line.product.sku, line.description, "changed", quantity,
                      line.quantity, cost, line.unit_cost, amount, line.amount)


# --- the supplier's record ------------------------------------------------------------------

def supplier_record(session: Session, supplier_id: int, today: date,
                    days: int = SUPPLIER_RECORD_DAYS) -> SupplierRecord:
    """Count the supplier's POs with goods due from ``today - days`` to ``today``, and the late.

    A line's date of arrival in full is the date of its last receipt (in
    UTC), once the units received reach the confirmed quantity, or the
    ordered quantity while none is confirmed.
    """
    start = today - timedelta(days=days)
    last_receipt = (select(ReceiptLine.po_line_id,
                           func.max(Receipt.received_at).label("received_at"))
                    .join(Receipt, Receipt.id == ReceiptLine.receipt_id)
                    .group_by(ReceiptLine.po_line_id).subquery())
    rows = session.execute(
        select(PurchaseOrder.id, PurchaseOrder.number, PurchaseOrderLine.expected_date,
               PurchaseOrderLine.quantity, PurchaseOrderLine.confirmed,
               PurchaseOrderLine.received, last_receipt.c.received_at)
        .join(PurchaseOrderLine, PurchaseOrderLine.purchase_order_id == PurchaseOrder.id)
        .outerjoin(last_receipt, last_receipt.c.po_line_id == PurchaseOrderLine.id)
        .where(PurchaseOrder.supplier_id == supplier_id,
               PurchaseOrder.status != POStatus.CANCELLED,
               PurchaseOrderLine.expected_date >= start,
               PurchaseOrderLine.expected_date <= today)
        .order_by(PurchaseOrder.id))
    due: dict[int, str] = {}
    late: dict[int, str] = {}
    for po_id, number, expected, quantity, confirmed, received, received_at in rows:
        wanted = quantity if confirmed is None else confirmed
        if wanted == 0:
            continue
        due[po_id] = number or ""
        if _arrived_late(expected, wanted, received, received_at, today):
            late[po_id] = number or ""
    return SupplierRecord(days, len(due), len(late), [late[key] for key in sorted(late)])


def _arrived_late(expected: date, wanted: int, received: int, received_at: object,
                  today: date) -> bool:
    if received < wanted:
        return expected < today
    arrived = _as_date(received_at)
    return arrived is not None and arrived > expected


def _as_date(value: object) -> date | None:
    """Read MAX(received_at): a datetime, or the text SQLite stores for one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and len(value) >= 10:
        return date.fromisoformat(value[:10])
    return None
