"""Helpers every service uses: the acting user, lookups by number, audit events, settings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast

from sqlalchemy import Select, Table, bindparam, func, insert, select
from sqlalchemy.orm import Session, joinedload

from app.domain.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from app.domain.numbers import (
    PO_PREFIX,
    SHIPMENT_PREFIX,
    SO_PREFIX,
    format_number,
    parse_number,
)
from app.i18n import _
from app.persistence.models import (
    AuditEvent,
    Base,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Role,
    SalesOrder,
    SalesOrderLine,
    Setting,
    Shipment,
    User,
)

DEFAULT_SETTINGS: dict[str, str] = {
    "company_name": "Tandem Wholesale Ltd",
    "company_address": "Unit 4, Riverside Trading Estate\nLeeds LS10 1AB\nUnited Kingdom",
    "handling_days": "2",
    "over_receipt_tolerance_percent": "0",
    "currency": "GBP",
    # A PO total below this is approved without a manager; empty means never.
    "auto_approve_below": "",
}


_USER_BY_NAME = select(User).where(User.name == bindparam("name"))


def acting_user(session: Session, name: str) -> User:
    """Load the active user called ``name``."""
    user = session.scalars(_USER_BY_NAME, {"name": name}).one_or_none()
    if user is None:
        raise NotFound(
            _("User '{name}' does not exist. Add it with 'user add {name} --role clerk'.").format(
                name=name
            )
        )
    if not user.active:
        raise PermissionDenied(_("User '{name}' is deactivated.").format(name=name))
    return user


def require_manager(user: User, what: str) -> None:
    """Raise unless ``user`` is a manager or administrator; ``what`` names the action."""
    if user.role not in (Role.MANAGER, Role.ADMIN):
        raise PermissionDenied(
            _("{user} cannot {what}: only a manager can. Ask a manager.").format(
                user=user.name, what=what
            )
        )


def find_sales_order(session: Session, text: str, *, lock: bool = False,
                     lines: bool = False) -> SalesOrder:
    """Find an SO by its number (``SO-000123``) or by the shop's reference.

    With ``lines``, its lines and their products are loaded in the same call.
    """
    record_id = parse_number(SO_PREFIX, text)
    if record_id is not None:
        order = session.scalars(_SALES_ORDER_BY_ID[lock, lines],
                                {"id": record_id}).unique().one_or_none()
    else:
        query = (select(SalesOrder).where(SalesOrder.reference == text.strip())
                 .order_by(SalesOrder.id).limit(1))
        order = session.scalars(_sales_order_options(query, lock, lines)).unique().first()
    if order is None:
        raise NotFound(
            _("Sales order '{text}' not found. Type a number such as SO-000123 or the "
              "shop's order reference.").format(text=text)
        )
    return order


_Query = TypeVar("_Query", bound=Select[Any])


def _sales_order_options(query: _Query, lock: bool, lines: bool) -> _Query:
    # PostgreSQL locks no row on the outer side of a join, so the lock names the order.
    if lock:
        query = query.with_for_update(of=SalesOrder)
    if lines:
        query = query.options(joinedload(SalesOrder.lines).joinedload(SalesOrderLine.product))
    return query


# Built once per variant: building a statement costs more than running it from the cache.
_SALES_ORDER_BY_ID = {
    (lock, lines): _sales_order_options(
        select(SalesOrder).where(SalesOrder.id == bindparam("id")), lock, lines)
    for lock in (False, True) for lines in (False, True)
}


def find_purchase_order(session: Session, text: str, *, lock: bool = False,
                        lines: bool = False) -> PurchaseOrder:
    """Find a PO by its number (``PO-000045``, ``po-45``).

    With ``lines``, its supplier, lines, their products and ledger rows are
    loaded in the same call.
    """
    record_id = parse_number(PO_PREFIX, text)
    order = None
    if record_id is not None:
        order = session.scalars(_PURCHASE_ORDER_BY_ID[lock, lines],
                                {"id": record_id}).unique().one_or_none()
    if order is None:
        raise NotFound(
            _("Purchase order '{text}' not found. Type a number such as PO-000045.").format(
                text=text
            )
        )
    return order


def _purchase_order_options(query: _Query, lock: bool, lines: bool) -> _Query:
    if lock:
        query = query.with_for_update(of=PurchaseOrder)
    if lines:
        query = query.options(
            joinedload(PurchaseOrder.supplier),
            joinedload(PurchaseOrder.lines).options(
                joinedload(PurchaseOrderLine.product),
                joinedload(PurchaseOrderLine.allocations)))
    return query


_PURCHASE_ORDER_BY_ID = {
    (lock, lines): _purchase_order_options(
        select(PurchaseOrder).where(PurchaseOrder.id == bindparam("id")), lock, lines)
    for lock in (False, True) for lines in (False, True)
}


def find_shipment(session: Session, text: str) -> Shipment:
    record_id = parse_number(SHIPMENT_PREFIX, text)
    shipment = session.get(Shipment, record_id) if record_id is not None else None
    if shipment is None:
        raise NotFound(
            _("Shipment '{text}' not found. Type a number such as SH-000067.").format(text=text)
        )
    return shipment


def find_product(session: Session, sku: str) -> Product:
    product = session.scalars(select(Product).where(Product.sku == sku.strip())).one_or_none()
    if product is None:
        raise NotFound(_("SKU '{sku}' not found. Check the code or import the catalog.").format(
            sku=sku
        ))
    return product


def assign_number(session: Session, record: SalesOrder | PurchaseOrder | Shipment, *,
                  flush: bool = True) -> str:
    """Give a new record its number, which is made from its database id.

    On SQLite the id is chosen before the INSERT, one above the largest, as
    SQLite itself would choose it, so the row is inserted with its number
    and needs no UPDATE. The write transaction holds the database's write
    lock, so no other connection takes that id meanwhile. With ``flush``,
    and always on other databases, pending changes are flushed, so the ids
    of the record's lines are known too.
    """
    model = type(record)
    prefix = {SalesOrder: SO_PREFIX, PurchaseOrder: PO_PREFIX, Shipment: SHIPMENT_PREFIX}[model]
    if record.id is None and session.get_bind().dialect.name == "sqlite":
        record.id = _next_id(session, model)
    if record.id is None:
        session.flush()
        record.number = format_number(prefix, record.id)
    else:
        record.number = format_number(prefix, record.id)
        if flush:
            session.flush()
    return record.number


_NEXT_ID = {model: select(func.coalesce(func.max(model.id), 0) + 1)
            for model in (SalesOrder, PurchaseOrder, Shipment)}


def _next_id(session: Session, model: type[SalesOrder | PurchaseOrder | Shipment]) -> int:
    """Return the id SQLite would give the next row, counting rows not flushed yet.

    The query runs on the connection, so it flushes nothing: a pending record
    would otherwise be inserted before it has its number.
    """
    stored = session.connection().scalar(_NEXT_ID[model]) or 1
    pending = [item.id for item in session.new if isinstance(item, model) and item.id]
    return max(stored, max(pending, default=0) + 1)


def check_version(number: str, current: int, expected: int | None) -> None:
    """Reject a change made from a stale copy of the record."""
    if expected is not None and expected != current:
        raise StaleEdit(
            _("{number} was changed by someone else since you opened it. "
              "Reopen it to see the change, then try again.").format(number=number)
        )


# A Core insert skips the ORM's unit of work, which costs several times the insert.
_AUDIT_INSERT = insert(cast(Table, AuditEvent.__table__))


def audit(
    session: Session,
    user: str,
    action: str,
    *,
    number: str,
    sales_order_id: int | None = None,
    purchase_order_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Record who did what to which record, with the values before and after.

    Pending changes are flushed first, so the records it names exist.
    """
    session.flush()
    session.connection().execute(_AUDIT_INSERT, {
        "user_name": user,
        "action": action,
        "number": number,
        "sales_order_id": sales_order_id,
        "purchase_order_id": purchase_order_id,
        "before": before,
        "after": after,
        "note": note[:1000],
    })


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert rows that nothing changes later in the action, in one statement.

    On SQLite the ORM's unit of work sends one INSERT per new object, because
    it needs each row's id back. No objects are made here, so a relationship
    collection that is already loaded in the session does not list the rows.
    """
    if rows:
        session.flush()
        session.connection().execute(insert(cast(Table, model.__table__)), rows)


def setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULT_SETTINGS[key]


def decimal_setting(session: Session, key: str) -> Decimal:
    return Decimal(setting(session, key))


_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_amount(text: str | Decimal) -> Decimal:
    """Parse a money amount typed by a person, such as ``12.5``, ``12.50`` or ``1,250.00``.

    A comma is taken only as a thousands separator in its usual places; a
    decimal comma such as ``12,50`` is rejected rather than read as 1250.
    """
    typed = str(text).strip()
    if "," in typed:
        if not _THOUSANDS.match(typed):
            raise InvalidInput(_("'{text}' is not an amount. Use a point for decimals, such as "
                                 "12.50.").format(text=text))
        typed = typed.replace(",", "")
    try:
        amount = Decimal(typed)
    except InvalidOperation:
        raise InvalidInput(
            _("'{text}' is not an amount. Type a number such as 12.50.").format(text=text)
        ) from None
    exponent = amount.as_tuple().exponent
    if not amount.is_finite() or not isinstance(exponent, int) or exponent < -2:
        raise InvalidInput(
            _("'{text}' is not an amount to the penny. Type a number such as 12.50.").format(
                text=text
            )
        )
    return amount


def distinct(items: Iterable[str]) -> list[str]:
    """Return ``items`` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))
