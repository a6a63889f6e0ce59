"""Row sources for the lists of the main window, counted, sorted and paged in SQL.

Each source implements :class:`app.domain.listing.RowSource`. Every call
opens its own short read session, so no list keeps a session open between pages.
The text filter matches a record's number, its reference, the customer's or
supplier's name and code, and the SKU of any of its lines (see
:meth:`TextMatch.lines_with_sku`). Rows are ordered by the chosen column and
then by id in the same direction, so pages neither overlap nor skip records.

Each page is fetched with LIMIT and OFFSET, so a page far down a sorted or
filtered list costs a sort or filter of the rows before it. With a year of
orders that stays under 100 ms a page (``docs/benchmarks.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Integer,
    Select,
    SQLColumnExpression,
    Subquery,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from app.domain.listing import Column, ListQuery, Row
from app.domain.numbers import PO_PREFIX, SO_PREFIX, parse_number
from app.domain.states import PO_STATUS_LABELS, SO_STATUS_LABELS, POStatus, SOStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    AttentionReason,
    Customer,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
    StockReservation,
    Supplier,
)
from app.persistence.types import Money, utcnow

ATTENTION_FILTER = "attention"
"""Key of :attr:`ListQuery.extra` that keeps only sales orders needing attention.

True keeps every flagged order; a tuple of attention reason codes (see
:mod:`app.services.attention`) keeps orders with an open reason of those kinds.
"""

RECEIVING_STATES = (POStatus.SENT, POStatus.CONFIRMED, POStatus.PARTLY_RECEIVED)
SHIPPING_STATES = (SOStatus.PARTLY_READY, SOStatus.READY_TO_SHIP, SOStatus.PARTLY_SHIPPED)

# A mapped attribute such as SalesOrder.id, or any SQL expression.
_Expression = SQLColumnExpression[Any]
# Sort order of a column: one expression, or several applied in turn.
_SortKey = _Expression | tuple[_Expression, ...]


class _SqlSource:
    """Counting and paging shared by the sources; subclasses describe one list.

    A subclass sets ``columns`` and implements ``_from``, ``_selected``,
    ``_sort_keys``, ``_text_match`` and ``_status_match``. ``_selected``
    returns the id, then one expression per column, then the attention flag.
    A sort key is one expression or a tuple of them, all in the same direction.
    """

    columns: Sequence[Column] = ()

    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self, query: ListQuery) -> int:
        with self._db.read() as session:
            statement = (select(func.count()).select_from(self._from())
                         .where(*self._where(session, query)))
            return int(session.scalar(statement) or 0)

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        with self._db.read() as session:
            statement: Select[Any] = (
                select(*self._selected())
                .select_from(self._from())
                .where(*self._where(session, query))
                .order_by(*self._order_by(query))
                .limit(limit)
                .offset(offset)
            )
            records = session.execute(statement).all()
        return [_row(record) for record in records]

    def _where(self, session: Session, query: ListQuery) -> list[ColumnElement[bool]]:
        clauses = list(self._fixed_match(query))
        text = query.text.strip()
        if text:
            clauses.append(self._text_match(TextMatch(session, text, self._db.is_sqlite)))
        if query.status is not None:
            clauses.append(self._status_match(query.status))
        return clauses

    def _order_by(self, query: ListQuery) -> list[ColumnElement[Any]]:
        record_id = self._selected()[0]
        keys: list[_Expression] = []
        if query.sort_key is not None:
            chosen = self._sort_keys()[query.sort_key]
            keys += chosen if isinstance(chosen, tuple) else [chosen]
        keys.append(record_id)
        return [key.desc() if query.descending else key.asc() for key in keys]

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        """Return the conditions that make a record part of this list at all."""
        return []

    def _from(self) -> FromClause:
        raise NotImplementedError

    def _selected(self) -> list[_Expression]:
        raise NotImplementedError

    def _sort_keys(self) -> dict[str, _SortKey]:
        raise NotImplementedError

    def _text_match(self, text: TextMatch) -> ColumnElement[bool]:
        raise NotImplementedError

    def _status_match(self, status: str) -> ColumnElement[bool]:
        raise NotImplementedError


def _row(record: Sequence[Any]) -> Row:
    record_id, *values, attention = record
    local_values = tuple(value.astimezone() if isinstance(value, datetime) else value
                         for value in values)
    return Row(int(record_id), local_values, bool(attention))


# Up to this many lines of products whose SKU contains a filter text, the records
# are collected from those lines through the (product, record) index, which costs
# about one index read per line. With more, each record's own lines are checked
# instead, which costs at most one pass over the (record, product) index and
# stops early for records that another column already matched.
FEW_LINES = 30_000


class TextMatch:
    """A filter text and the means to match it: contains, ignoring case, on this database.

    ``%`` and ``_`` in the text are taken literally.

    NOTE: SQLite folds the case of ASCII letters only, so there "église" does
    not find "Église". PostgreSQL folds every letter.
    """

    def __init__(self, session: Session, text: str, is_sqlite: bool) -> None:
        self.session = session
        self.text = text
        self._is_sqlite = is_sqlite

    def contains(self, column: _Expression) -> ColumnElement[bool]:
        if self._is_sqlite:
            # SQLite's LIKE already ignores ASCII case, and lower() on every row costs more.
            return column.contains(self.text, autoescape=True)
        return column.icontains(self.text, autoescape=True)

    def lines_with_sku(self, record_id: _Expression, line_record_id: _Expression,
                       line_product_id: _Expression) -> ColumnElement[bool] | None:
        """Match records that have a line whose product's SKU contains the text.

        Returns None when no line has such a product. The matching lines are
        counted first, up to :data:`FEW_LINES`, and their number decides how
        the lines are searched.
        """
        products = select(Product.id).where(self.contains(Product.sku))
        lines = select(line_record_id).where(line_product_id.in_(products))
        counted = select(func.count()).select_from(lines.limit(FEW_LINES + 1).subquery())
        found = self.session.scalar(counted) or 0
        if found == 0:
            return None
        if found <= FEW_LINES:
            return record_id.in_(lines)
        # Unary plus keeps SQLite from probing the (product, record) index once per
        # matching product for every record, which is far slower than reading the
        # record's own lines.
        product = UnaryExpression(type_coerce(line_product_id, Integer()),
                                  operator=custom_op("+"), type_=Integer())
        return exists().where(line_record_id == record_id, product.in_(products))


def _so_status_order() -> ColumnElement[int]:
    """Order sales order states as the flow runs, not alphabetically."""
    return case({state: position for position, state in enumerate(SOStatus)},
                value=SalesOrder.status)


def _po_status_order() -> ColumnElement[int]:
    return case({state: position for position, state in enumerate(POStatus)},
                value=PurchaseOrder.status)


def _status_value(kind: type[SOStatus] | type[POStatus], text: str) -> SOStatus | POStatus | None:
    try:
        return kind(text)
    except ValueError:
        return None


def _so_text_match(text: TextMatch) -> ColumnElement[bool]:
    matches = [
        text.contains(SalesOrder.number),
        text.contains(SalesOrder.reference),
        text.contains(Customer.name),
        text.contains(Customer.code),
    ]
    with_sku = text.lines_with_sku(SalesOrder.id, SalesOrderLine.sales_order_id,
                                   SalesOrderLine.product_id)
    if with_sku is not None:
        matches.append(with_sku)
    record_id = parse_number(SO_PREFIX, text.text)
    if record_id is not None:
        matches.append(SalesOrder.id == record_id)
    return or_(*matches)


def _po_text_match(text: TextMatch) -> ColumnElement[bool]:
    matches = [
        text.contains(PurchaseOrder.number),
        text.contains(PurchaseOrder.supplier_reference),
        text.contains(Supplier.name),
        text.contains(Supplier.code),
    ]
    with_sku = text.lines_with_sku(PurchaseOrder.id, PurchaseOrderLine.purchase_order_id,
                                   PurchaseOrderLine.product_id)
    if with_sku is not None:
        matches.append(with_sku)
    record_id = parse_number(PO_PREFIX, text.text)
    if record_id is not None:
        matches.append(PurchaseOrder.id == record_id)
    return or_(*matches)


def _so_status_match(status: str, allowed: Sequence[SOStatus] = tuple(SOStatus)
                     ) -> ColumnElement[bool]:
    """Match one state; a state that is not a sales order state or not in ``allowed``
    matches nothing."""
    state = _status_value(SOStatus, status)
    if state is None or state not in allowed:
        return false()
    return SalesOrder.status == state


def _po_status_match(status: str, allowed: Sequence[POStatus] = tuple(POStatus)
                     ) -> ColumnElement[bool]:
    state = _status_value(POStatus, status)
    if state is None or state not in allowed:
        return false()
    return PurchaseOrder.status == state


def _dated_first(when: _Expression) -> tuple[_Expression, ...]:
    """Sort by a date with the records that have none after the others (ascending)."""
    return (case((when.is_(None), 1), else_=0), when)


def _balance_due() -> ColumnElement[Any]:
    return type_coerce(SalesOrder.total - SalesOrder.paid, Money())


class _SalesOrderBase(_SqlSource):
    def _from(self) -> FromClause:
        return SalesOrder.__table__.join(Customer.__table__,
                                         Customer.id == SalesOrder.customer_id)

    def _text_match(self, text: TextMatch) -> ColumnElement[bool]:
        return _so_text_match(text)


def _latest_reason() -> ColumnElement[Any]:
    """Select the message of an SO's newest open attention reason; NULL for unflagged orders.

    The CASE skips the lookup for orders without the flag, which are most of them.
    """
    newest = (select(AttentionReason.message)
              .where(AttentionReason.sales_order_id == SalesOrder.id,
                     AttentionReason.resolved_at.is_(None))
              .order_by(AttentionReason.id.desc())
              .limit(1)
              .scalar_subquery())
    return case((SalesOrder.attention.is_(True), newest), else_=None)


class SalesOrderSource(_SalesOrderBase):
    """Every sales order: number, reference, customer, status, dates, total, balance due,
    and the newest open attention reason.

    ``ListQuery.status`` is an :class:`SOStatus` value. ``extra`` with
    :data:`ATTENTION_FILTER` keeps only orders that need attention, of any
    kind or of the reason codes it names.
    """

    columns = (
        Column("number", _("Number")),
        Column("reference", _("Reference")),
        Column("customer", _("Customer")),
        Column("status", _("Status")),
        Column("order_date", _("Ordered")),
        Column("promised_date", _("Promised")),
        Column("total", _("Total"), "right"),
        Column("balance_due", _("Balance due"), "right"),
        Column("attention", _("Attention")),
    )

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        wanted = query.extra.get(ATTENTION_FILTER)
        if not wanted:
            return []
        flagged: list[ColumnElement[bool]] = [SalesOrder.attention.is_(True)]
        if isinstance(wanted, tuple):
            flagged.append(exists().where(
                AttentionReason.sales_order_id == SalesOrder.id,
                AttentionReason.resolved_at.is_(None),
                AttentionReason.code.in_(wanted)))
        return flagged

    def _selected(self) -> list[_Expression]:
        return [SalesOrder.id, SalesOrder.number, SalesOrder.reference, Customer.name,
                SalesOrder.status, SalesOrder.order_date, SalesOrder.promised_date,
                SalesOrder.total, _balance_due(), _latest_reason(), SalesOrder.attention]

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        return [_with_label(row, 3, SO_STATUS_LABELS)
                for row in super().fetch(query, offset, limit)]

    def _sort_keys(self) -> dict[str, _SortKey]:
        return {
            "number": SalesOrder.id,
            "reference": SalesOrder.reference,
            "customer": Customer.name,
            "status": _so_status_order(),
            "order_date": SalesOrder.order_date,
            "promised_date": SalesOrder.promised_date,
            "total": SalesOrder.total,
            "balance_due": _balance_due(),
            "attention": _latest_reason(),
        }

    def _status_match(self, status: str) -> ColumnElement[bool]:
        return _so_status_match(status)


def _with_label(row: Row, position: int, labels: dict[Any, str]) -> Row:
    values = list(row.values)
    values[position] = labels[values[position]]
    return Row(row.id, tuple(values), row.attention)


class _PurchaseOrderBase(_SqlSource):
    def _from(self) -> FromClause:
        return PurchaseOrder.__table__.join(Supplier.__table__,
                                            Supplier.id == PurchaseOrder.supplier_id)

    def _text_match(self, text: TextMatch) -> ColumnElement[bool]:
        return _po_text_match(text)


class PurchaseOrderSource(_PurchaseOrderBase):
    """Every purchase order: number, supplier, status, revision, total, created, submitted by.

    ``ListQuery.status`` is a :class:`POStatus` value.
    """

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("status", _("Status")),
        Column("revision", _("Revision"), "right"),
        Column("total", _("Total"), "right"),
        Column("created_at", _("Created")),
        Column("submitted_by", _("Submitted by")),
    )

    def _selected(self) -> list[_Expression]:
        return [PurchaseOrder.id, PurchaseOrder.number, Supplier.name, PurchaseOrder.status,
                PurchaseOrder.revision, PurchaseOrder.total, PurchaseOrder.created_at,
                PurchaseOrder.submitted_by, false()]

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        return [_with_label(row, 2, PO_STATUS_LABELS)
                for row in super().fetch(query, offset, limit)]

    def _sort_keys(self) -> dict[str, _SortKey]:
        return {
            "number": PurchaseOrder.id,
            "supplier": Supplier.name,
            "status": _po_status_order(),
            "revision": PurchaseOrder.revision,
            "total": PurchaseOrder.total,
            "created_at": PurchaseOrder.created_at,
            "submitted_by": PurchaseOrder.submitted_by,
        }

    def _status_match(self, status: str) -> ColumnElement[bool]:
        return _po_status_match(status)


def _po_line_count() -> ColumnElement[int]:
    return (select(func.count(PurchaseOrderLine.id))
            .where(PurchaseOrderLine.purchase_order_id == PurchaseOrder.id)
            .scalar_subquery())


class _PurchaseQueue(_PurchaseOrderBase):
    """A queue of purchase orders in some states, whose last column is their age in days.

    A status filter outside :attr:`states` matches nothing. ``clock``
    returns the current time as an aware datetime; ages are counted from it.
    """

    states: tuple[POStatus, ...] = ()
    # Position of the status among the values, which fetch() turns into its label.
    status_position: int | None = None

    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        super().__init__(db)
        self._clock = clock

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        rows = super().fetch(query, offset, limit)
        position = self.status_position
        if position is None:
            return rows
        return [_with_label(row, position, PO_STATUS_LABELS) for row in rows]

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        return [PurchaseOrder.status.in_(self.states)]

    def _status_match(self, status: str) -> ColumnElement[bool]:
        return _po_status_match(status, self.states)

    def _column_values(self) -> dict[str, _Expression]:
        """Return the expression of each column, by column key."""
        raise NotImplementedError

    def _selected(self) -> list[_Expression]:
        values = self._column_values()
        return [PurchaseOrder.id, *(values[column.key] for column in self.columns), false()]

    def _sort_keys(self) -> dict[str, _SortKey]:
        # Columns sort by what they show, except the number (by id) and the status (by flow).
        keys: dict[str, _SortKey] = dict(self._column_values())
        keys["number"] = PurchaseOrder.id
        if "status" in keys:
            keys["status"] = _po_status_order()
        return keys

    def _today(self) -> date:
        """Return the workstation's calendar date at the clock's time."""
        return self._clock().astimezone().date()

    def _days_since(self, when: _Expression) -> ColumnElement[int]:
        """Count the whole days (24 hours each) from a stored UTC timestamp to the clock's time."""
        now = self._clock().astimezone(UTC)
        if self._db.is_sqlite:
            # SQLite stores the timestamp as naive UTC text, which julianday() reads.
            text = now.replace(tzinfo=None).isoformat(sep=" ")
            return cast(func.julianday(text) - func.julianday(when), Integer)
        seconds = func.extract("epoch", literal(now, DateTime(timezone=True)) - when)
        return cast(func.floor(seconds / 86_400), Integer)

    def _days_after(self, day: _Expression) -> ColumnElement[int]:
        """Count the calendar days from a stored date to the workstation's date."""
        today = self._today()
        if self._db.is_sqlite:
            return cast(func.julianday(today.isoformat()) - func.julianday(day), Integer)
        return cast(literal(today, Date) - day, Integer)


class ApprovalQueueSource(_PurchaseQueue):
    """Purchase orders awaiting approval: number, supplier, revision, lines, total, who
    submitted when, and the days since it was submitted."""

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("revision", _("Revision"), "right"),
        Column("lines", _("Lines"), "right"),
        Column("total", _("Total"), "right"),
        Column("submitted_by", _("Submitted by")),
        Column("submitted_at", _("Submitted")),
        Column("age", _("Age (days)"), "right"),
    )
    states = (POStatus.AWAITING_APPROVAL,)

    def _column_values(self) -> dict[str, _Expression]:
        return {
            "number": PurchaseOrder.number,
            "supplier": Supplier.name,
            "revision": PurchaseOrder.revision,
            "lines": _po_line_count(),
            "total": PurchaseOrder.total,
            "submitted_by": PurchaseOrder.submitted_by,
            "submitted_at": PurchaseOrder.submitted_at,
            "age": self._days_since(PurchaseOrder.submitted_at),
        }


class ApprovedQueueSource(_PurchaseQueue):
    """Approved purchase orders not sent yet: number, supplier, lines, total, who approved
    when, and the days since the approval."""

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("lines", _("Lines"), "right"),
        Column("total", _("Total"), "right"),
        Column("approved_by", _("Approved by")),
        Column("approved_at", _("Approved")),
        Column("age", _("Age (days)"), "right"),
    )
    states = (POStatus.APPROVED,)

    def _column_values(self) -> dict[str, _Expression]:
        return {
            "number": PurchaseOrder.number,
            "supplier": Supplier.name,
            "lines": _po_line_count(),
            "total": PurchaseOrder.total,
            "approved_by": PurchaseOrder.approved_by,
            "approved_at": PurchaseOrder.approved_at,
            "age": self._days_since(PurchaseOrder.approved_at),
        }


class UnconfirmedQueueSource(_PurchaseQueue):
    """Sent purchase orders the supplier has not confirmed: number, supplier, total, who
    sent it when, the supplier's lead time and the days since it was sent."""

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("total", _("Total"), "right"),
        Column("sent_by", _("Sent by")),
        Column("sent_at", _("Sent")),
        Column("lead_time", _("Lead time (days)"), "right"),
        Column("age", _("Age (days)"), "right"),
    )
    states = (POStatus.SENT,)

    def _column_values(self) -> dict[str, _Expression]:
        return {
            "number": PurchaseOrder.number,
            "supplier": Supplier.name,
            "total": PurchaseOrder.total,
            "sent_by": PurchaseOrder.sent_by,
            "sent_at": PurchaseOrder.sent_at,
            "lead_time": Supplier.lead_time_days,
            "age": self._days_since(PurchaseOrder.sent_at),
        }


def _units_wanted() -> ColumnElement[int]:
    """Units a PO line is to bring: the confirmed quantity, or the ordered one until confirmed."""
    return func.coalesce(PurchaseOrderLine.confirmed, PurchaseOrderLine.quantity)


class LateQueueSource(_PurchaseQueue):
    """Purchase orders with a line whose expected date has passed before it arrived in full.

    A line is late when its expected date is before the workstation's date
    and fewer units arrived than it is to bring (see :func:`_units_wanted`).
    A line refused by the supplier is to bring none. Columns: number,
    supplier, status, the earliest expected date of its late lines, their
    units still to arrive, and the days since that date.
    """

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("status", _("Status")),
        Column("expected_date", _("Expected")),
        Column("units_late", _("Units late"), "right"),
        Column("age", _("Days late"), "right"),
    )
    states = RECEIVING_STATES
    status_position = 2

    def _late_line(self) -> ColumnElement[bool]:
        return and_(PurchaseOrderLine.purchase_order_id == PurchaseOrder.id,
                    PurchaseOrderLine.expected_date < self._today(),
                    PurchaseOrderLine.received < _units_wanted())

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        return [*super()._fixed_match(query), exists().where(self._late_line())]

    def _first_late_date(self) -> ColumnElement[Any]:
        return (select(func.min(PurchaseOrderLine.expected_date))
                .where(self._late_line()).scalar_subquery())

    def _units_late(self) -> ColumnElement[int]:
        return (select(func.coalesce(func.sum(_units_wanted() - PurchaseOrderLine.received), 0))
                .where(self._late_line()).scalar_subquery())

    def _column_values(self) -> dict[str, _Expression]:
        first_late = self._first_late_date()
        return {
            "number": PurchaseOrder.number,
            "supplier": Supplier.name,
            "status": PurchaseOrder.status,
            "expected_date": first_late,
            "units_late": self._units_late(),
            "age": self._days_after(first_late),
        }


def _po_open_units() -> ColumnElement[int]:
    """Units still to arrive on a PO: per line, ordered less received, never below zero."""
    open_units = case(
        (PurchaseOrderLine.quantity > PurchaseOrderLine.received,
         PurchaseOrderLine.quantity - PurchaseOrderLine.received),
        else_=0,
    )
    return (select(func.coalesce(func.sum(open_units), 0))
            .where(PurchaseOrderLine.purchase_order_id == PurchaseOrder.id)
            .scalar_subquery())


def _po_expected_date() -> ColumnElement[Any]:
    """Select the earliest date the supplier gave for a line that still has units to arrive."""
    return (select(func.min(PurchaseOrderLine.expected_date))
            .where(PurchaseOrderLine.purchase_order_id == PurchaseOrder.id,
                   PurchaseOrderLine.quantity > PurchaseOrderLine.received)
            .scalar_subquery())


class ReceivingQueueSource(_PurchaseOrderBase):
    """Purchase orders whose goods can arrive (sent, confirmed, partly received).

    Columns: number, supplier, status, expected date (the earliest of the
    lines still open, empty before the supplier confirms), open units and
    when it was sent. Sorting by expected date puts POs without one after
    the others. A status filter outside those three states matches nothing.
    """

    columns = (
        Column("number", _("Number")),
        Column("supplier", _("Supplier")),
        Column("status", _("Status")),
        Column("expected_date", _("Expected")),
        Column("open_units", _("Open units"), "right"),
        Column("sent_at", _("Sent")),
    )

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        return [PurchaseOrder.status.in_(RECEIVING_STATES)]

    def _selected(self) -> list[_Expression]:
        return [PurchaseOrder.id, PurchaseOrder.number, Supplier.name, PurchaseOrder.status,
                _po_expected_date(), _po_open_units(), PurchaseOrder.sent_at, false()]

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        return [_with_label(row, 2, PO_STATUS_LABELS)
                for row in super().fetch(query, offset, limit)]

    def _sort_keys(self) -> dict[str, _SortKey]:
        return {
            "number": PurchaseOrder.id,
            "supplier": Supplier.name,
            "status": _po_status_order(),
            "expected_date": _dated_first(_po_expected_date()),
            "open_units": _po_open_units(),
            "sent_at": PurchaseOrder.sent_at,
        }

    def _status_match(self, status: str) -> ColumnElement[bool]:
        return _po_status_match(status, RECEIVING_STATES)


def _units_ready_by_order() -> Subquery:
    """Select, per sales order, the units in the warehouse for it and not shipped yet.

    Per line that is reserved stock plus units received on its ledger rows of
    purchase orders that are not cancelled, less units shipped: the same
    figure as :attr:`app.domain.allocation.LineFigures.ready_to_ship`, summed
    over the order's lines. Only orders with at least one reservation,
    receipt or shipment have a row. The sum runs once over those three
    tables, which is cheaper than walking every line of every order in the
    queue. Shipped units are found through their shipment, which belongs to
    the same order as its lines and is a much smaller table to look up.

    NOTE: the sum reads every reservation, receipt and shipment ever stored,
    so its cost grows with the history (about 30 ms for a year with 12,000
    reservations). A units-ready column on the order, kept current where
    its status is derived, would make the shipping queue an indexed read.
    """
    order_of_line = SalesOrderLine.sales_order_id
    movements = union_all(
        select(order_of_line.label("sales_order_id"), StockReservation.quantity.label("units"))
        .join(SalesOrderLine, SalesOrderLine.id == StockReservation.so_line_id),
        select(order_of_line, Allocation.received)
        .join(SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id)
        .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
        .where(Allocation.received > 0, PurchaseOrder.status != POStatus.CANCELLED),
        select(Shipment.sales_order_id, -ShipmentLine.quantity)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id),
    ).subquery("movements")
    return (select(movements.c.sales_order_id, func.sum(movements.c.units).label("units"))
            .group_by(movements.c.sales_order_id)
            .subquery("units_ready"))


class ShippingQueueSource(_SalesOrderBase):
    """Sales orders that can ship now: partly ready, ready to ship or partly shipped,
    with units ready, and allowed to ship in part unless every line is ready.

    Columns: number, reference, customer, status, promised date and units ready.
    Sorting by promised date puts orders without one after the others. A
    status filter outside those three states matches nothing.
    """

    columns = (
        Column("number", _("Number")),
        Column("reference", _("Reference")),
        Column("customer", _("Customer")),
        Column("status", _("Status")),
        Column("promised_date", _("Promised")),
        Column("units_ready", _("Units ready"), "right"),
    )

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._ready = _units_ready_by_order()

    def _from(self) -> FromClause:
        return super()._from().join(self._ready, self._ready.c.sales_order_id == SalesOrder.id)

    def _fixed_match(self, query: ListQuery) -> list[ColumnElement[bool]]:
        may_ship = or_(SalesOrder.allow_partial_shipment.is_(True),
                       SalesOrder.status == SOStatus.READY_TO_SHIP)
        return [and_(SalesOrder.status.in_(SHIPPING_STATES), may_ship,
                     self._ready.c.units > 0)]

    def _selected(self) -> list[_Expression]:
        return [SalesOrder.id, SalesOrder.number, SalesOrder.reference, Customer.name,
                SalesOrder.status, SalesOrder.promised_date, self._ready.c.units,
                SalesOrder.attention]

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        return [_with_label(row, 3, SO_STATUS_LABELS)
                for row in super().fetch(query, offset, limit)]

    def _sort_keys(self) -> dict[str, _SortKey]:
        return {
            "number": SalesOrder.id,
            "reference": SalesOrder.reference,
            "customer": Customer.name,
            "status": _so_status_order(),
            "promised_date": _dated_first(SalesOrder.promised_date),
            "units_ready": self._ready.c.units,
        }

    def _status_match(self, status: str) -> ColumnElement[bool]:
        return _so_status_match(status, SHIPPING_STATES)
