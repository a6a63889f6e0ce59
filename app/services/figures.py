"""Per-line quantities summed in SQL from each SO line's own ledger rows and reservations.

One statement returns the figures of many lines at once. A line's ledger
rows are joined and summed, and its reservations and shipment lines are
summed in correlated subqueries, so no sum counts a row twice. The same
statement, with the order's payments and stored summary added, refreshes
the status, total, payments and attention flag that each SO stores. The
statements are built once, at import, with expanding parameters for the ids.
They run on the session's connection after an explicit flush, which skips
the ORM's handling of each statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    bindparam,
    case,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.util import identity_key

from app.domain.allocation import LineFigures, Sourcing, check_line, derive_so_status
from app.domain.money import ZERO, line_amount
from app.domain.states import PO_SENT_STATES, POStatus, SOStatus
from app.persistence.models import (
    Allocation,
    AttentionReason,
    Payment,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    ShipmentLine,
    StockReservation,
)
from app.services import attention

_UNSENT = (POStatus.DRAFT, POStatus.AWAITING_APPROVAL, POStatus.APPROVED)
# States set by actions; every other SO state is derived from the lines.
_SET_BY_ACTIONS = (SOStatus.DRAFT, SOStatus.DELIVERED, SOStatus.COMPLETED, SOStatus.CANCELLED)
_ALL_SHIPPED = (SOStatus.SHIPPED, SOStatus.DELIVERED, SOStatus.COMPLETED)


@dataclass(frozen=True)
class _LineRow:
    """One SO line's figures with what its order's summary needs."""

    order_id: int
    unit_price: Decimal
    discount_percent: Decimal
    figures: LineFigures


def _sum_where(condition: ColumnElement[bool],
               column: QueryableAttribute[int] | ColumnElement[int]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, column), else_=0)), 0)


_LIVE = PurchaseOrder.status != POStatus.CANCELLED
_UNSENT_PO = PurchaseOrder.status.in_(_UNSENT)
# The units a ledger row has had confirmed: its share of the PO line's confirmed units, at
# most the units the row buys now. A row of a sent PO shrinks below its share when its SO
# line is lowered or cancelled, because the PO line keeps the confirmed units as surplus.
_ROW_CONFIRMED = case((Allocation.confirmed < Allocation.quantity, Allocation.confirmed),
                      else_=Allocation.quantity)

# The figures of SO lines, one row per line; the statements below add which lines.
# Ledger rows join through plain LEFT JOINs with the PO's state tested inside each
# sum, because SQLite materializes a parenthesized join by scanning the whole ledger.
_FIGURES = (
    select(
        SalesOrderLine.id,
        SalesOrderLine.sales_order_id,
        SalesOrderLine.unit_price,
        SalesOrderLine.discount_percent,
        SalesOrderLine.quantity,
        SalesOrderLine.cancelled,
        select(func.coalesce(func.sum(StockReservation.quantity), 0))
        .where(StockReservation.so_line_id == SalesOrderLine.id).scalar_subquery(),
        _sum_where(_LIVE, Allocation.quantity),
        _sum_where(_LIVE, _ROW_CONFIRMED),
        _sum_where(_LIVE, Allocation.received),
        select(func.coalesce(func.sum(ShipmentLine.quantity), 0))
        .where(ShipmentLine.so_line_id == SalesOrderLine.id).scalar_subquery(),
        _sum_where(_UNSENT_PO, Allocation.quantity),
    )
    .select_from(SalesOrderLine)
    .outerjoin(Allocation, Allocation.so_line_id == SalesOrderLine.id)
    .outerjoin(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
    .outerjoin(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
    .group_by(SalesOrderLine.id)
)
# The number of columns of ``_FIGURES``; the statements below add theirs after them.
_FIGURE_COLUMNS = len(_FIGURES.selected_columns)
_FIGURES_OF_LINES = _FIGURES.where(SalesOrderLine.id.in_(bindparam("line_ids", expanding=True)))
_FIGURES_OF_ORDERS = _FIGURES.where(
    SalesOrderLine.sales_order_id.in_(bindparam("order_ids", expanding=True)))

# Every line of one SO, in line order, with the columns an order's view shows.
_DETAILS_OF_ORDER = (
    _FIGURES.add_columns(SalesOrderLine.line_no, Product.sku, SalesOrderLine.description,
                         SalesOrderLine.sourcing)
    .join(Product, Product.id == SalesOrderLine.product_id)
    .where(SalesOrderLine.sales_order_id == bindparam("order_id"))
    .group_by(Product.id)
    .order_by(SalesOrderLine.line_no)
)

# The SOs whose lines a PO buys for.
_SERVED_BY_PO = (select(SalesOrderLine.sales_order_id)
                 .join(Allocation, Allocation.so_line_id == SalesOrderLine.id)
                 .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
                 .where(PurchaseOrderLine.purchase_order_id == bindparam("po_id")))

# Per line, its order's payments, whether it has an open attention reason, and its
# summary as stored. SalesOrder.id is grouped on too, as PostgreSQL needs for its columns.
_SUMMARY_FIGURES = (
    _FIGURES.add_columns(
        select(func.coalesce(func.sum(Payment.amount), 0))
        .where(Payment.sales_order_id == SalesOrderLine.sales_order_id).scalar_subquery(),
        exists().where(AttentionReason.sales_order_id == SalesOrderLine.sales_order_id,
                       AttentionReason.resolved_at.is_(None)),
        SalesOrder.number,
        SalesOrder.version,
        SalesOrder.status,
        SalesOrder.total,
        SalesOrder.paid,
        SalesOrder.line_count,
        SalesOrder.attention,
    )
    .join(SalesOrder, SalesOrder.id == SalesOrderLine.sales_order_id)
    .group_by(SalesOrder.id)
)
_SUMMARY_FIGURES_OF_ORDERS = _SUMMARY_FIGURES.where(
    SalesOrderLine.sales_order_id.in_(bindparam("order_ids", expanding=True)))
_SUMMARY_FIGURES_OF_ORDERS_SERVED = _SUMMARY_FIGURES.where(
    SalesOrderLine.sales_order_id.in_(_SERVED_BY_PO))

_HAS_OPEN_REASONS = select(exists().where(
    AttentionReason.sales_order_id == bindparam("order_id"),
    AttentionReason.resolved_at.is_(None)))


def line_figures(session: Session, lines: Sequence[SalesOrderLine]) -> dict[int, LineFigures]:
    """Return the figures of each line, keyed by line id."""
    ids = [line.id for line in lines]
    if not ids:
        return {}
    session.flush()
    rows = session.connection().execute(_FIGURES_OF_LINES, {"line_ids": ids})
    return {line_id: row.figures for line_id, row in map(_line_row, rows)}


@dataclass(frozen=True)
class LineDetail:
    """An SO line as an order's view shows it, with its figures."""

    id: int
    line_no: int
    sku: str
    description: str
    sourcing: Sourcing
    unit_price: Decimal
    discount_percent: Decimal
    figures: LineFigures

    @property
    def amount(self) -> Decimal:
        """The units still wanted at the line's price less its discount."""
        return line_amount(self.unit_price, self.figures.needed, self.discount_percent)


def line_details(session: Session, order_id: int) -> list[LineDetail]:
    """Return every line of an SO with its figures, in line order, from one query."""
    session.flush()
    details = []
    for values in session.connection().execute(_DETAILS_OF_ORDER, {"order_id": order_id}):
        line_id, line = _line_row(values)
        line_no, sku, description, sourcing = values[_FIGURE_COLUMNS:]
        details.append(LineDetail(line_id, line_no, sku, description, sourcing,
                                  line.unit_price, line.discount_percent, line.figures))
    return details


def _line_row(values: Sequence[Any]) -> tuple[int, _LineRow]:
    """Read the first columns of a row of ``_FIGURES``: the line id and its figures."""
    (line_id, order_id, unit_price, discount_percent, ordered, cancelled, from_stock, on_order,
     confirmed, received, shipped, unsent) = values[:_FIGURE_COLUMNS]
    figures = LineFigures(
        ordered=ordered,
        cancelled=cancelled,
        from_stock=int(from_stock),
        on_order=int(on_order),
        confirmed=int(confirmed),
        received=int(received),
        shipped=int(shipped),
        on_unsent_po=int(unsent),
    )
    check_line(figures)
    return line_id, _LineRow(order_id, unit_price, discount_percent, figures)


def refresh_sales_order(session: Session, order: SalesOrder) -> None:
    """Bring the stored status, total, payment sum and attention flag up to date.

    Draft, delivered, completed and cancelled are set by actions; every
    other state is derived from the lines. A delivered order whose balance
    is zero completes here.
    """
    refresh_sales_orders(session, [order.id])


def refresh_sales_orders(session: Session, order_ids: Iterable[int]) -> list[str]:
    """Refresh SOs as :func:`refresh_sales_order` does; return their numbers in id order.

    Pending changes are flushed first, so the sums include them. One query
    reads the figures of all the SOs, and each SO whose summary changed takes
    one UPDATE.
    """
    ids = list(set(order_ids))
    if not ids:
        return []
    session.flush()
    rows = session.connection().execute(_SUMMARY_FIGURES_OF_ORDERS, {"order_ids": ids})
    return _refresh(session, rows)


def refresh_orders_served_by(session: Session, po_id: int) -> list[str]:
    """Refresh every SO whose lines the PO buys for; return their numbers in id order."""
    session.flush()
    rows = session.connection().execute(_SUMMARY_FIGURES_OF_ORDERS_SERVED, {"po_id": po_id})
    return _refresh(session, rows)


@dataclass
class _Summary:
    """An SO's summary as stored, with its payments, its open reasons and its lines."""

    order_id: int
    number: str
    version: int
    stored: dict[str, object]
    paid: Decimal
    flagged: bool
    lines: list[_LineRow] = field(default_factory=list)


def _refresh(session: Session, rows: Iterable[Sequence[Any]]) -> list[str]:
    """Update the SOs that rows of ``_SUMMARY_FIGURES`` describe; return their numbers.

    SOs are updated in id order, so that locks are taken in one order.
    """
    summaries: dict[int, _Summary] = {}
    for values in rows:
        _line_id, line = _line_row(values)
        if line.order_id not in summaries:
            paid, flagged, number, version, *stored = values[_FIGURE_COLUMNS:]
            summaries[line.order_id] = _Summary(
                line.order_id, number or "", version, dict(zip(_SUMMARY_COLUMNS, stored,
                                                               strict=True)),
                paid, bool(flagged))
        summaries[line.order_id].lines.append(line)
    with session.no_autoflush:
        for order_id in sorted(summaries):
            _update_summary(session, summaries[order_id])
    return [summaries[order_id].number for order_id in sorted(summaries)]


def _update_summary(session: Session, summary: _Summary) -> None:
    lines = summary.lines
    total = sum((line_amount(row.unit_price, row.figures.needed, row.discount_percent)
                 for row in lines), start=ZERO)
    status = summary.stored["status"]
    if status not in _SET_BY_ACTIONS:
        status = derive_so_status([row.figures for row in lines])
    if status is SOStatus.DELIVERED and total - summary.paid == 0:
        status = SOStatus.COMPLETED
    flagged = summary.flagged
    if status in _ALL_SHIPPED and flagged:
        # Short or late confirmations stop mattering once every unit has left.
        attention.resolve_when_shipped(session, summary.order_id)
        session.flush()
        flagged = bool(session.scalar(_HAS_OPEN_REASONS, {"order_id": summary.order_id}))
    values = {"status": status, "total": total, "paid": summary.paid,
              "line_count": len(lines), "attention": flagged}
    if values != summary.stored:
        _write_summary(session, summary, values)


# The summary columns, in the order _SUMMARY_FIGURES selects them after the version.
_SUMMARY_COLUMNS = ("status", "total", "paid", "line_count", "attention")
_SO = cast(Table, SalesOrder.__table__)
_WRITE_SUMMARY = (
    update(_SO)
    .where(_SO.c.id == bindparam("order_id"), _SO.c.version == bindparam("old_version"))
    .values(version=bindparam("new_version"),
            **{name: bindparam(f"new_{name}") for name in _SUMMARY_COLUMNS})
)


def _write_summary(session: Session, summary: _Summary, values: dict[str, object]) -> None:
    """Store an SO's summary columns with one UPDATE that raises its version by one.

    It is the UPDATE that an ORM flush would send. Sending it directly skips
    the unit of work, which costs several times the statement and would run
    in nearly every action. The version check still catches stale edits. An
    SO loaded in the session takes the stored values as unchanged ones.
    """
    new_version = summary.version + 1
    parameters = {f"new_{name}": value for name, value in values.items()}
    result = session.connection().execute(_WRITE_SUMMARY, {
        **parameters, "order_id": summary.order_id, "old_version": summary.version,
        "new_version": new_version})
    if result.rowcount != 1:
        raise StaleDataError(f"{summary.number} changed while its summary was being written")
    order = session.identity_map.get(identity_key(SalesOrder, summary.order_id))
    if order is not None:
        for name, value in values.items():
            set_committed_value(order, name, value)
        set_committed_value(order, "version", new_version)


def sales_orders_served_by(session: Session, po_id: int) -> list[int]:
    """Return the ids of the SOs whose lines a PO buys for."""
    return sorted(set(session.scalars(_SERVED_BY_PO, {"po_id": po_id})))


def is_sent(status: POStatus) -> bool:
    return status in PO_SENT_STATES
