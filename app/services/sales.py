"""Sales order actions: create, change quantity, cancel, deliver, record payments."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.allocation import LineFigures, Sourcing, check_quantity, promised_date
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.money import ZERO, check_discount
from app.domain.states import PO_SENT_STATES, SO_STATUS_LABELS, POStatus, SOStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    Customer,
    Payment,
    Product,
    PurchaseOrder,
    SalesOrder,
    SalesOrderLine,
)
from app.persistence.types import utcnow
from app.services import attention
from app.services.catalog import lead_times
from app.services.confirmation_reasons import flag_confirmation
from app.services.context import (
    acting_user,
    assign_number,
    audit,
    check_version,
    find_sales_order,
    parse_amount,
)
from app.services.figures import line_figures, refresh_sales_order
from app.services.po_line_changes import POLineChange, POUnitsDropped
from app.services.purchase_edits import grow_allocation, shrink_allocation
from app.services.stock import release_reservations, reserve_for_line

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewLine:
    """A line of a new SO; ``discount_percent`` is the customer's percent off, such as 10."""

    sku: str
    quantity: int
    unit_price: Decimal
    description: str | None = None
    sourcing: Sourcing = Sourcing.AUTO
    discount_percent: Decimal = ZERO


@dataclass(frozen=True)
class NewSalesOrder:
    """A new SO. ``terms`` None takes the customer's payment terms; "" stores none."""

    customer_code: str
    customer_name: str
    lines: list[NewLine]
    reference: str = ""
    country: str = ""
    order_date: date | None = None
    promised_date: date | None = None
    allow_partial_shipment: bool = True
    import_key: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    terms: str | None = None


def create_sales_order(db: Database, user: str, new: NewSalesOrder) -> str:
    """Create an open SO, reserve free stock for its lines, and return its number."""
    with db.write() as session:
        acting_user(session, user)
        order = add_sales_order(session, user, new)
        return order.number or ""


def add_sales_order(session: Session, user: str, new: NewSalesOrder,
                    handling_days: int | None = None) -> SalesOrder:
    """Insert an SO with its lines in an open transaction and source it from stock.

    With ``handling_days`` and no promised date, the promised date becomes the
    order date plus the longest lead time among the lines that must be bought
    plus the handling allowance.
    """
    if not new.lines:
        raise InvalidInput(_("A sales order needs at least one line."))
    with session.no_autoflush:
        products = _products(session, new.lines)
        customer = _customer(session, new)
        order = SalesOrder(
            reference=new.reference,
            import_key=new.import_key,
            customer=customer,
            order_date=new.order_date or utcnow().date(),
            promised_date=new.promised_date,
            allow_partial_shipment=new.allow_partial_shipment,
            terms=_terms(new, customer),
            status=SOStatus.OPEN,
            created_by=user,
        )
        for number, new_line in enumerate(new.lines, start=1):
            order.lines.append(_line(number, new_line, products[new_line.sku]))
    session.add(order)
    assign_number(session, order)
    to_buy = []
    for line in order.lines:
        if reserve_for_line(session, line, line.quantity) < line.quantity:
            to_buy.append(line.product_id)
    if order.promised_date is None and handling_days is not None:
        order.promised_date = promised_date(order.order_date, lead_times(session, to_buy),
                                            handling_days)
    refresh_sales_order(session, order)
    audit(session, user, "so.create", number=order.number or "", sales_order_id=order.id,
          after={"reference": order.reference, "lines": len(order.lines),
                 "total": str(order.total), "terms": order.terms})
    log.info("%s created for customer %s with %d lines", order.number, order.customer.code,
             len(order.lines))
    return order


def _products(session: Session, lines: list[NewLine]) -> dict[str, Product]:
    skus = {line.sku.strip() for line in lines}
    found = {product.sku: product
             for product in session.scalars(select(Product).where(Product.sku.in_(skus)))}
    for line in lines:
        if line.sku.strip() not in found:
            raise NotFound(_("SKU '{sku}' not found. Check the code or import the catalog.")
                           .format(sku=line.sku))
    return {line.sku: found[line.sku.strip()] for line in lines}


def _customer(session: Session, new: NewSalesOrder) -> Customer:
    code = new.customer_code.strip()
    if not code:
        raise InvalidInput(_("The customer code is missing. Type the customer's code."))
    customer = session.scalars(select(Customer).where(Customer.code == code)).one_or_none()
    if customer is None:
        customer = Customer(code=code, name=new.customer_name or code, country=new.country)
        session.add(customer)
    return customer


def _terms(new: NewSalesOrder, customer: Customer) -> str:
    terms = customer.terms if new.terms is None else new.terms
    return (terms or "").strip()


def _line(number: int, new: NewLine, product: Product) -> SalesOrderLine:
    check_quantity(new.quantity, _("The quantity of line {n} ({sku})").format(n=number,
                                                                           sku=new.sku))
    if new.unit_price < 0:
        raise InvalidInput(_("The price of line {n} ({sku}) is below zero: {price}.").format(
            n=number, sku=new.sku, price=new.unit_price))
    check_discount(new.discount_percent, _("The discount of line {n} ({sku})").format(
        n=number, sku=new.sku))
    return SalesOrderLine(
        line_no=number,
        product=product,
        product_id=product.id,
        description=new.description or product.description,
        quantity=new.quantity,
        unit_price=new.unit_price,
        discount_percent=new.discount_percent,
        sourcing=new.sourcing,
    )


def set_line_quantity(
    db: Database, user: str, so_text: str, line_no: int, quantity: int,
    expected_version: int | None = None,
) -> list[str]:
    """Change an SO line's quantity; return what the change did, one sentence each.

    Raising: a draft PO line that buys for it grows; otherwise the extra
    units are reserved from free stock where there is some, and the rest is
    left to source. Lowering: units still to source go first, then reserved
    stock, then draft PO units; units on a sent PO stay on the PO as surplus
    and the SO is flagged. A quantity below what was received or shipped is
    rejected.
    """
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True, lines=True)
        check_version(order.number or "", order.version, expected_version)
        _check_open(order, _("changed"))
        line = _find_line(order, line_no)
        check_quantity(quantity, _("The new quantity of {number} line {n}").format(
            number=order.number, n=line_no))
        figures = line_figures(session, [line])[line.id]
        before = line.quantity
        if quantity > before:
            done = _raise_quantity(session, line, quantity - before)
        else:
            _check_floor(order, line, figures, quantity)
            done = _lower_quantity(session, user, order, line, figures, before - quantity)
        line.quantity = quantity
        refresh_sales_order(session, order)
        audit(session, user, "so.set_quantity", number=order.number or "",
              sales_order_id=order.id, before={"line": line_no, "quantity": before},
              after={"line": line_no, "quantity": quantity}, note=" ".join(done))
        return done


def _raise_quantity(session: Session, line: SalesOrderLine, extra: int) -> list[str]:
    draft = session.scalars(
        select(Allocation)
        .join(Allocation.po_line)
        .join(PurchaseOrder)
        .where(Allocation.so_line_id == line.id, PurchaseOrder.status == POStatus.DRAFT)
        .limit(1)
    ).first()
    if draft is not None:
        change = POLineChange.before(draft.po_line)
        grow_allocation(session, draft, extra)
        return change.sentences(session)
    reserved = reserve_for_line(session, line, extra)
    done = []
    if reserved:
        done.append(_("{n} units are reserved from free stock.").format(n=reserved))
    if extra - reserved:
        done.append(_("{n} units are left to source: draft purchase orders to buy them.").format(
            n=extra - reserved))
    return done


def _check_floor(order: SalesOrder, line: SalesOrderLine, figures: LineFigures,
                 quantity: int) -> None:
    floor = max(figures.shipped, figures.received)
    if quantity < floor:
        what = _("shipped") if figures.shipped >= figures.received else _("received")
        raise RuleViolation(
            _("{number} line {n} cannot go down to {qty}: {floor} units were already {what} "
              "for it. Type {floor} or more.").format(
                number=order.number, n=line.line_no, qty=quantity, floor=floor, what=what)
        )


def _lower_quantity(session: Session, user: str, order: SalesOrder, line: SalesOrderLine,
                    figures: LineFigures, cut: int) -> list[str]:
    done = []
    left = cut - min(cut, figures.still_to_source)
    if left:
        released = release_reservations(session, line, left)
        if released:
            done.append(_("{n} reserved units go back to free stock.").format(n=released))
        left -= released
    sent: dict[int, PurchaseOrder] = {}
    for allocation in _allocations_newest_first(session, line):
        if left == 0:
            break
        po_line = allocation.po_line
        po = po_line.purchase_order
        cut_here = min(left, allocation.quantity - allocation.received)
        if cut_here <= 0:
            continue
        change = POLineChange.before(po_line)
        _shrink(session, allocation, cut_here)
        left -= cut_here
        if po.status in PO_SENT_STATES:
            message = _("{po} line {n} stays at {qty} x {sku} because it was sent to the "
                        "supplier, so it is over-ordered by {cut} for {so}. Reduce the PO or "
                        "keep them as free stock.").format(
                po=po.number, n=po_line.line_no, qty=po_line.quantity, sku=line.product.sku,
                cut=cut_here, so=order.number)
            attention.raise_reason(session, order.id, attention.CHANGED_AFTER_SENT, message,
                                   po.id)
            sent[po.id] = po
            done.append(message)
        else:
            done.extend(sentence for sentence in change.sentences(session)
                        if sentence not in done)
    for po in sent.values():
        # The rows that shrank may no longer be short of what the supplier confirmed.
        flag_confirmation(session, attention.SYSTEM_USER, po, [])
    return done


def _shrink(session: Session, allocation: Allocation, units: int) -> None:
    """Buy ``units`` fewer on a ledger row, which keeps no more confirmed units than it buys.

    NOTE: the confirmed units the row gives up stay on the PO line as surplus. Other rows of
    the line that were confirmed short do not take them over.
    """
    allocation.confirmed = min(allocation.confirmed, allocation.quantity - units)
    shrink_allocation(session, allocation, units)


def _allocations_newest_first(session: Session, line: SalesOrderLine) -> list[Allocation]:
    rows = session.scalars(
        select(Allocation)
        .join(Allocation.po_line)
        .join(PurchaseOrder)
        .where(Allocation.so_line_id == line.id, PurchaseOrder.status != POStatus.CANCELLED)
        .order_by(Allocation.id.desc())
    )
    return list(rows)


def cancel_sales_order(db: Database, user: str, so_text: str,
                       expected_version: int | None = None) -> list[str]:
    """Cancel an SO that has shipped nothing; return what the cancellation did.

    Reserved stock goes back to free stock. Purchase orders not yet sent
    lose its units (and are cancelled when nothing is left on them). Units
    on sent POs stay on them as surplus, and each such PO is named in the
    result for a person to decide. The result has one sentence per PO. The
    SO's open attention reasons are resolved by the system user.
    """
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True, lines=True)
        check_version(order.number or "", order.version, expected_version)
        _check_open(order, _("cancelled"))
        figures = line_figures(session, order.lines)
        if any(f.shipped for f in figures.values()):
            raise RuleViolation(_("{number} cannot be cancelled: goods have already shipped on "
                                  "it.").format(number=order.number))
        dropped = POUnitsDropped()
        for line in order.lines:
            release_reservations(session, line, figures[line.id].from_stock)
            for allocation in _allocations_newest_first(session, line):
                po = allocation.po_line.purchase_order
                status = po.status
                units = _cancel_allocation(session, line, allocation)
                dropped.add(po, status, line.product.sku, units)
            line.cancelled = line.quantity
        done = dropped.sentences(order.number or "")
        before = order.status
        order.status = SOStatus.CANCELLED
        _resolve_open_reasons(session, order)
        refresh_sales_order(session, order)
        audit(session, user, "so.cancel", number=order.number or "", sales_order_id=order.id,
              before={"status": before.value}, after={"status": order.status.value},
              note=" ".join(done))
        log.info("%s cancelled by %s", order.number, user)
        return done


def _cancel_allocation(session: Session, line: SalesOrderLine, allocation: Allocation) -> int:
    """Take a cancelled SO line's units off a ledger row; return how many it bought."""
    received = allocation.received - allocation.shipped
    if received:
        # Goods already here for this order become free stock.
        line.product.reserved -= received
        allocation.received = allocation.shipped
    units = allocation.quantity - allocation.received
    if units:
        _shrink(session, allocation, units)
    return units


def _resolve_open_reasons(session: Session, order: SalesOrder) -> None:
    """Resolve every open reason of a cancelled SO: nothing on it is left to decide.

    A sent PO that still buys for it is named in what the cancellation returns.
    """
    codes = {reason.code for reason in attention.open_reason_rows(session, order.id)}
    if codes:
        attention.resolve_reasons(session, attention.SYSTEM_USER, codes=codes,
                                  order_ids=[order.id])


def deliver_sales_order(db: Database, user: str, so_text: str) -> str:
    """Mark a fully shipped SO delivered; it completes when nothing is left to pay."""
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True)
        if order.status in (SOStatus.DELIVERED, SOStatus.COMPLETED):
            raise RuleViolation(_("{number} is already marked delivered.").format(
                number=order.number))
        if order.status is not SOStatus.SHIPPED:
            raise RuleViolation(
                _("{number} cannot be marked delivered: it is {state}. Ship everything on it "
                  "first.").format(number=order.number, state=_state(order))
            )
        order.status = SOStatus.DELIVERED
        order.delivered_at = utcnow()
        refresh_sales_order(session, order)
        audit(session, user, "so.deliver", number=order.number or "", sales_order_id=order.id,
              before={"status": SOStatus.SHIPPED.value}, after={"status": order.status.value})
        return order.status.value


def record_payment(db: Database, user: str, so_text: str, amount_text: str | Decimal,
                   method: str = "") -> Decimal:
    """Record a deposit or payment against an SO; return the balance still due."""
    amount = parse_amount(amount_text)
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True)
        if order.status is SOStatus.CANCELLED:
            raise RuleViolation(_("{number} is cancelled: no payment can be recorded on it.")
                                .format(number=order.number))
        if amount <= 0:
            raise InvalidInput(_("The payment must be above zero, not {amount}.").format(
                amount=amount))
        if order.balance_due <= 0:
            raise RuleViolation(_("{number} is fully paid: nothing is left to pay.").format(
                number=order.number))
        if amount > order.balance_due:
            raise InvalidInput(
                _("{amount} is more than the {due} still due on {number}. Type {due} or "
                  "less.").format(amount=amount, due=order.balance_due, number=order.number))
        before = {"paid": str(order.paid), "status": order.status.value}
        session.add(Payment(sales_order_id=order.id, amount=amount, method=method,
                            recorded_by=user))
        refresh_sales_order(session, order)
        audit(session, user, "so.payment", number=order.number or "", sales_order_id=order.id,
              before=before, after={"paid": str(order.paid), "status": order.status.value},
              note=_("{amount} by {method}").format(amount=amount, method=method or "-"))
        return order.balance_due


def _check_open(order: SalesOrder, action: str) -> None:
    if order.status in (SOStatus.CANCELLED, SOStatus.COMPLETED, SOStatus.DELIVERED):
        raise RuleViolation(_("{number} cannot be {action}: it is {state}.").format(
            number=order.number, action=action, state=_state(order)))


def _find_line(order: SalesOrder, line_no: int) -> SalesOrderLine:
    for line in order.lines:
        if line.line_no == line_no:
            return line
    raise InvalidInput(_("{number} has no line {n}; its lines are 1 to {last}.").format(
        number=order.number, n=line_no, last=len(order.lines)))


def _state(order: SalesOrder) -> str:
    return SO_STATUS_LABELS[order.status].lower()
