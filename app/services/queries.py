"""Read-only views of sales and purchase orders, their lists and their history."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TypeVar

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session, joinedload

from app.domain.errors import InvalidInput
from app.domain.money import ZERO, line_amount
from app.domain.states import POStatus, SOStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    AuditEvent,
    Customer,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    Supplier,
)
from app.services.attention import open_reason_rows
from app.services.context import find_purchase_order, find_sales_order
from app.services.figures import line_details
from app.services.views import (
    HistoryEntry,
    OrderSummary,
    PurchaseOrderLineView,
    PurchaseOrderView,
    Reason,
    SalesOrderLineView,
    SalesOrderView,
    Serves,
)

_S = TypeVar("_S", SOStatus, POStatus)


def get_sales_order(db: Database, so_text: str) -> SalesOrderView:
    with db.read() as session:
        return sales_order_view(session, find_sales_order(session, so_text))


def sales_order_view(session: Session, order: SalesOrder) -> SalesOrderView:
    details = line_details(session, order.id)
    expected = _expected_dates(session, order.id)
    lines = []
    for line in details:
        f = line.figures
        lines.append(SalesOrderLineView(
            line=line.line_no, sku=line.sku, description=line.description,
            ordered=f.ordered, from_stock=f.from_stock, on_order=f.on_order,
            confirmed=f.confirmed, received=f.received, shipped=f.shipped,
            still_to_source=f.still_to_source, cancelled=f.cancelled,
            ready_to_ship=f.ready_to_ship, unit_price=line.unit_price,
            discount_percent=line.discount_percent, amount=line.amount,
            sourcing=line.sourcing.value,
            expected_date=expected.get(line.id)))
    reasons = open_reason_rows(session, order.id)
    return SalesOrderView(
        id=order.id, number=order.number or "", reference=order.reference,
        customer=order.customer.name, customer_code=order.customer.code,
        status=order.status.value, attention=[reason.message for reason in reasons],
        terms=order.terms, total=order.total, paid=order.paid, balance_due=order.balance_due,
        currency=order.currency, order_date=order.order_date,
        promised_date=order.promised_date, allow_partial_shipment=order.allow_partial_shipment,
        version=order.version, lines=lines,
        purchase_orders=_purchase_orders_of(session, order.id),
        shipments=list(session.scalars(select(Shipment.number)
                                       .where(Shipment.sales_order_id == order.id)
                                       .order_by(Shipment.id))),
        reasons=[Reason(reason.id, reason.code, reason.message) for reason in reasons],
    )


def _expected_dates(session: Session, order_id: int) -> dict[int, date]:
    """Return the latest date a PO expects goods for each line of an SO, by line id."""
    rows = session.execute(
        select(Allocation.so_line_id, func.max(PurchaseOrderLine.expected_date))
        .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
        .join(SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id)
        .where(SalesOrderLine.sales_order_id == order_id,
               PurchaseOrderLine.expected_date.is_not(None), Allocation.quantity > 0)
        .group_by(Allocation.so_line_id)
    )
    return {line_id: when for line_id, when in rows if when is not None}


def _purchase_orders_of(session: Session, order_id: int) -> list[str]:
    rows = session.scalars(
        select(PurchaseOrder.number)
        .join(PurchaseOrderLine, PurchaseOrderLine.purchase_order_id == PurchaseOrder.id)
        .join(Allocation, Allocation.po_line_id == PurchaseOrderLine.id)
        .join(SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id)
        .where(SalesOrderLine.sales_order_id == order_id)
        .distinct()
        .order_by(PurchaseOrder.number)
    )
    return [number or "" for number in rows]


def get_purchase_order(db: Database, po_text: str) -> PurchaseOrderView:
    with db.read() as session:
        return purchase_order_view(session, find_purchase_order(session, po_text))


def purchase_order_view(session: Session, po: PurchaseOrder) -> PurchaseOrderView:
    serves = _serves_by_line(session, po.id)
    lines = [_po_line_view(line, serves.get(line.id, []))
             for line in session.scalars(_LINES_OF_PO, {"po_id": po.id})]
    sales_value = sum((line.sales_value for line in lines), start=ZERO)
    margin = sum((line.margin for line in lines), start=ZERO)
    orders = sorted({serve.so for line in lines for serve in line.serves})
    return PurchaseOrderView(
        id=po.id, number=po.number or "", supplier=po.supplier.name,
        supplier_code=po.supplier.code, supplier_email=po.supplier.email,
        status=po.status.value, revision=po.revision, currency=po.currency, terms=po.terms,
        total=po.total, sales_value=sales_value, margin=margin,
        for_stock_cost=sum((line_amount(line.unit_cost, line.for_stock) for line in lines),
                           start=ZERO),
        supplier_lead_time_days=po.supplier.lead_time_days,
        submitted_by=po.submitted_by, submitted_at=po.submitted_at,
        approved_by=po.approved_by, approved_at=po.approved_at, sent_at=po.sent_at,
        rejection_reason=po.rejection_reason, supplier_reference=po.supplier_reference,
        version=po.version, lines=lines, sales_orders=orders,
    )


_LINES_OF_PO = (
    select(PurchaseOrderLine)
    .options(joinedload(PurchaseOrderLine.product))
    .where(PurchaseOrderLine.purchase_order_id == bindparam("po_id"))
    .order_by(PurchaseOrderLine.line_no)
)

# The ledger rows of a PO's lines with the SO lines they buy for, oldest first.
_SERVES_OF_PO = (
    select(Allocation.po_line_id, SalesOrder.number, SalesOrderLine.line_no,
           Allocation.quantity, Customer.name, SalesOrderLine.unit_price,
           Allocation.confirmed, Allocation.received, SalesOrderLine.discount_percent)
    .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
    .join(SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id)
    .join(SalesOrder, SalesOrder.id == SalesOrderLine.sales_order_id)
    .join(Customer, Customer.id == SalesOrder.customer_id)
    .where(PurchaseOrderLine.purchase_order_id == bindparam("po_id"), Allocation.quantity > 0)
    .order_by(Allocation.id)
)


def _serves_by_line(session: Session, po_id: int) -> dict[int, list[Serves]]:
    serves: dict[int, list[Serves]] = defaultdict(list)
    for (po_line_id, number, line_no, quantity, customer, unit_price, confirmed,
         received, discount) in session.execute(_SERVES_OF_PO, {"po_id": po_id}):
        serves[po_line_id].append(Serves(
            so=number or "", line=line_no, qty=quantity, customer=customer,
            unit_price=unit_price, confirmed=confirmed, received=received,
            discount_percent=discount,
            sales_amount=line_amount(unit_price, quantity, discount)))
    return serves


def _po_line_view(line: PurchaseOrderLine, serves: list[Serves]) -> PurchaseOrderLineView:
    sales_value = sum((s.sales_amount for s in serves), start=ZERO)
    bought_for_orders = sum(s.qty for s in serves)
    cost_for_orders = line_amount(line.unit_cost, bought_for_orders)
    return PurchaseOrderLineView(
        line=line.line_no, sku=line.product.sku, supplier_sku=line.supplier_sku,
        description=line.description, ordered=line.quantity, unit_cost=line.unit_cost,
        amount=line.amount, confirmed=line.confirmed, expected_date=line.expected_date,
        received=line.received, rejected=line.rejected,
        open=max(0, line.quantity - line.received),
        for_stock=line.quantity - bought_for_orders, sales_value=sales_value,
        margin=sales_value - cost_for_orders, serves=serves)


def list_sales_orders(db: Database, status: str | None = None) -> list[OrderSummary]:
    query = (select(SalesOrder.number, SalesOrder.status, SalesOrder.total, Customer.name,
                    SalesOrder.reference, SalesOrder.attention)
             .join(Customer, Customer.id == SalesOrder.customer_id).order_by(SalesOrder.id))
    if status:
        query = query.where(SalesOrder.status == _status(SOStatus, status))
    with db.read() as session:
        return [OrderSummary(number or "", state.value, total, name, reference, flag)
                for number, state, total, name, reference, flag in session.execute(query)]


def list_purchase_orders(db: Database, status: str | None = None) -> list[OrderSummary]:
    query = (select(PurchaseOrder.number, PurchaseOrder.status, PurchaseOrder.total,
                    Supplier.name, PurchaseOrder.supplier_reference)
             .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
             .order_by(PurchaseOrder.id))
    if status:
        query = query.where(PurchaseOrder.status == _status(POStatus, status))
    with db.read() as session:
        return [OrderSummary(number or "", state.value, total, name, reference, False)
                for number, state, total, name, reference in session.execute(query)]


def _status(kind: type[_S], text: str) -> _S:
    try:
        return kind(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(member.value for member in kind)
        raise InvalidInput(_("'{text}' is not a status. Use one of: {names}.").format(
            text=text, names=names)) from None


def sales_order_history(db: Database, so_text: str) -> list[HistoryEntry]:
    """Return the SO's own events and those of the POs that serve it, oldest first."""
    with db.read() as session:
        order = find_sales_order(session, so_text)
        po_ids = select(PurchaseOrderLine.purchase_order_id).join(
            Allocation, Allocation.po_line_id == PurchaseOrderLine.id).join(
            SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id).where(
            SalesOrderLine.sales_order_id == order.id)
        events = session.scalars(
            select(AuditEvent)
            .where(or_(AuditEvent.sales_order_id == order.id,
                       AuditEvent.purchase_order_id.in_(po_ids)))
            .order_by(AuditEvent.id))
        return [_entry(event) for event in events]


def purchase_order_history(db: Database, po_text: str) -> list[HistoryEntry]:
    with db.read() as session:
        po = find_purchase_order(session, po_text)
        events = session.scalars(select(AuditEvent).where(AuditEvent.purchase_order_id == po.id)
                                 .order_by(AuditEvent.id))
        return [_entry(event) for event in events]


def _entry(event: AuditEvent) -> HistoryEntry:
    return HistoryEntry(event.at, event.user_name, event.action, event.number, event.note,
                        event.before, event.after)
