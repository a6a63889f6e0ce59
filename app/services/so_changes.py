"""Changing how an SO is supplied, copying an SO, and resolving its attention reasons."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.domain.allocation import Sourcing
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.states import SO_FINAL_STATES
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import AttentionReason, SalesOrder, SalesOrderLine
from app.persistence.types import utcnow
from app.services.context import acting_user, audit, check_version, find_sales_order
from app.services.figures import line_figures, refresh_sales_order
from app.services.sales import NewLine, NewSalesOrder, add_sales_order
from app.services.stock import release_reservations, reserve_for_line

log = logging.getLogger(__name__)


def set_line_sourcing(db: Database, user: str, so_text: str, line_no: int, sourcing: str,
                      expected_version: int | None = None) -> list[str]:
    """Choose how an SO line is supplied before its units are on a purchase order.

    Back-to-back gives reserved stock back; from stock, or automatic, reserves
    what free stock there is for the units still to source.
    """
    try:
        chosen = Sourcing(sourcing)
    except ValueError:
        names = ", ".join(member.value for member in Sourcing)
        raise InvalidInput(_("'{text}' is not a sourcing choice. Use one of: {names}.").format(
            text=sourcing, names=names)) from None
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True)
        check_version(order.number or "", order.version, expected_version)
        if order.status in SO_FINAL_STATES:
            raise RuleViolation(_("{number} is {state}: its lines cannot change.").format(
                number=order.number, state=order.status.value))
        line = _line(order, line_no)
        figures = line_figures(session, [line])[line.id]
        before = line.sourcing
        line.sourcing = chosen
        done = []
        if chosen is Sourcing.BACK_TO_BACK:
            released = release_reservations(session, line, figures.from_stock - figures.shipped)
            if released:
                done.append(_("{n} reserved units go back to free stock.").format(n=released))
        elif figures.still_to_source:
            reserved = reserve_for_line(session, line, figures.still_to_source)
            if reserved:
                done.append(_("{n} units are reserved from free stock.").format(n=reserved))
        refresh_sales_order(session, order)
        audit(session, user, "so.set_sourcing", number=order.number or "",
              sales_order_id=order.id, before={"line": line_no, "sourcing": before.value},
              after={"line": line_no, "sourcing": chosen.value}, note=" ".join(done))
        return done


def copy_sales_order(db: Database, user: str, so_text: str) -> str:
    """Start a new SO with the customer and lines of another one; return its number.

    The copy starts with nothing ordered, received or shipped and no PO
    links: only the customer, terms, products, quantities, prices and
    discounts carry over.
    """
    with db.write() as session:
        acting_user(session, user)
        source = find_sales_order(session, so_text)
        new = NewSalesOrder(
            customer_code=source.customer.code, customer_name=source.customer.name,
            country=source.customer.country, reference=source.reference,
            allow_partial_shipment=source.allow_partial_shipment, terms=source.terms,
            lines=[NewLine(line.product.sku, line.quantity, line.unit_price, line.description,
                           line.sourcing, line.discount_percent) for line in source.lines])
        copy = add_sales_order(session, user, new)
        audit(session, user, "so.copy", number=copy.number or "", sales_order_id=copy.id,
              note=_("Copied from {number}").format(number=source.number))
        return copy.number or ""


def resolve_attention(db: Database, user: str, so_text: str, reason_id: int,
                      note: str = "") -> None:
    """Close one attention reason of an SO, recording who resolved it."""
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True)
        reason = session.scalars(select(AttentionReason).where(
            AttentionReason.id == reason_id, AttentionReason.sales_order_id == order.id)).first()
        if reason is None or reason.resolved_at is not None:
            raise NotFound(_("{number} has no open attention reason {id}.").format(
                number=order.number, id=reason_id))
        reason.resolved_at = utcnow()
        reason.resolved_by = user
        refresh_sales_order(session, order)
        audit(session, user, "so.resolve_attention", number=order.number or "",
              sales_order_id=order.id, before={"reason": reason.message},
              after={"resolved": True}, note=note)


def _line(order: SalesOrder, line_no: int) -> SalesOrderLine:
    for line in order.lines:
        if line.line_no == line_no:
            return line
    raise InvalidInput(_("{number} has no line {n}; its lines are 1 to {last}.").format(
        number=order.number, n=line_no, last=len(order.lines)))
