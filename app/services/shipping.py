"""Shipping an SO's goods, with the figures its packing slip prints."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.allocation import LineFigures
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.states import POStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
    StockReservation,
)
from app.services.context import (
    acting_user,
    assign_number,
    audit,
    check_version,
    find_sales_order,
    find_shipment,
    insert_rows,
)
from app.services.documents import (
    default_document_path,
    packing_slip_document,
    write_document,
)
from app.services.figures import line_figures, refresh_sales_order
from app.services.views import ShipmentResult

log = logging.getLogger(__name__)


def ship(
    db: Database,
    user: str,
    so_text: str,
    quantities: Mapping[str, int] | None = None,
    carrier: str = "",
    tracking: str = "",
    pdf: Path | None = None,
    expected_version: int | None = None,
    write_slip: bool = False,
) -> ShipmentResult:
    """Ship units per SKU (without quantities: everything ready) and write the packing slip.

    Units leave from the line's reserved stock first, then from what was
    received for it. The packing slip is written to ``pdf``, or with
    ``write_slip`` to the documents folder, in the same transaction: when it
    cannot be written, nothing ships. An order whose ship policy forbids partial shipments
    ships only when every line can leave in full.
    """
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True, lines=True)
        check_version(order.number or "", order.version, expected_version)
        figures = line_figures(session, order.lines)
        plan = _plan(order, figures, quantities)
        _check_policy(order, figures, plan)
        shipment = Shipment(sales_order_id=order.id, shipped_by=user, carrier=carrier,
                            tracking=tracking)
        session.add(shipment)
        assign_number(session, shipment, flush=False)
        with session.no_autoflush:
            sources = _sources(session, [line.id for line, _units in plan])
        for line, units in plan:
            _take(line, units, sources.get(line.id, []))
        insert_rows(session, ShipmentLine, [
            {"shipment_id": shipment.id, "so_line_id": line.id, "quantity": units,
             "ordered_then": figures[line.id].needed,
             "shipped_to_date_then": figures[line.id].shipped + units}
            for line, units in plan])
        before = order.status
        refresh_sales_order(session, order)
        units_total = sum(units for _line, units in plan)
        audit(session, user, "so.ship", number=order.number or "", sales_order_id=order.id,
              before={"status": before.value},
              after={"status": order.status.value, "shipment": shipment.number,
                     "units": units_total},
              note=" ".join(f"{line.product.sku}={units}" for line, units in plan))
        session.flush()
        if pdf is None and write_slip:
            pdf = default_document_path(session, shipment.number or "SH")
        written = _write_slip(session, shipment, pdf)
        log.info("%s shipped on %s: %d units", order.number, shipment.number, units_total)
        return ShipmentResult(shipment.number or "", order.number or "", units_total,
                              str(written) if written else None)


def _plan(order: SalesOrder, figures: dict[int, LineFigures],
          quantities: Mapping[str, int] | None) -> list[tuple[SalesOrderLine, int]]:
    skus = {line.product.sku for line in order.lines}
    for sku, units in (quantities or {}).items():
        if sku not in skus:
            raise InvalidInput(_("{so} has no line for SKU '{sku}'. Its SKUs are: {skus}.")
                               .format(so=order.number, sku=sku, skus=", ".join(sorted(skus))))
        if units < 0:
            raise InvalidInput(_("Quantities to ship cannot be below zero ({sku}).").format(
                sku=sku))
    plan = []
    for sku in dict.fromkeys(line.product.sku for line in order.lines):
        lines = [line for line in order.lines if line.product.sku == sku]
        ready = [figures[line.id].ready_to_ship for line in lines]
        wanted = sum(ready) if quantities is None else quantities.get(sku, 0)
        if wanted > sum(ready):
            raise RuleViolation(_("{so}: only {ready} x {sku} are ready to ship, not {wanted}. "
                                  "Receive the rest first.").format(
                so=order.number, ready=sum(ready), sku=sku, wanted=wanted))
        left = wanted
        for line, can in zip(lines, ready, strict=True):
            units = min(left, can)
            left -= units
            if units:
                plan.append((line, units))
    if not plan and all(figures[line.id].outstanding == 0 for line in order.lines):
        raise RuleViolation(_("{so} has shipped everything already.").format(so=order.number))
    if not plan:
        raise RuleViolation(_("{so} has nothing ready to ship. Receive its goods first.")
                            .format(so=order.number))
    return plan


def _check_policy(order: SalesOrder, figures: dict[int, LineFigures],
                  plan: list[tuple[SalesOrderLine, int]]) -> None:
    if order.allow_partial_shipment:
        return
    shipping = {line.id: units for line, units in plan}
    if any(shipping.get(line.id, 0) < figures[line.id].outstanding for line in order.lines):
        raise RuleViolation(_("{so} ships complete only: every line must leave in full at once. "
                              "Wait for the missing goods or allow partial shipment.").format(
            so=order.number))


_RESERVATIONS_OF_LINES = (
    select(StockReservation)
    .where(StockReservation.so_line_id.in_(bindparam("line_ids", expanding=True)))
    .order_by(StockReservation.id)
)
_LIVE_ALLOCATIONS_OF_LINES = (
    select(Allocation).join(PurchaseOrderLine).join(PurchaseOrder)
    .where(Allocation.so_line_id.in_(bindparam("line_ids", expanding=True)),
           PurchaseOrder.status != POStatus.CANCELLED)
    .order_by(Allocation.id)
)


def _sources(session: Session, line_ids: list[int]
             ) -> dict[int, list[StockReservation | Allocation]]:
    """Return what each SO line ships from, in the order units leave.

    Reserved stock comes first, then the line's ledger rows on POs that are
    not cancelled, each oldest first.
    """
    sources: dict[int, list[StockReservation | Allocation]] = defaultdict(list)
    parameters = {"line_ids": line_ids}
    for reservation in session.scalars(_RESERVATIONS_OF_LINES, parameters):
        sources[reservation.so_line_id].append(reservation)
    for allocation in session.scalars(_LIVE_ALLOCATIONS_OF_LINES, parameters):
        sources[allocation.so_line_id].append(allocation)
    return sources


def _take(line: SalesOrderLine, units: int,
          sources: list[StockReservation | Allocation]) -> None:
    left = units
    for source in sources:
        if isinstance(source, StockReservation):
            take = min(left, source.quantity - source.shipped)
        else:
            take = min(left, source.received - source.shipped)
        source.shipped += take
        left -= take
    assert left == 0, (line.id, units, left)
    line.product.on_hand -= units
    line.product.reserved -= units


def _write_slip(session: Session, shipment: Shipment, pdf: Path | None) -> Path | None:
    if pdf is None:
        return None
    from app.reports.packing_slip import render_packing_slip

    return write_document(render_packing_slip, packing_slip_document(session, shipment), pdf)


def write_packing_slip(db: Database, shipment_text: str, out: Path | None = None) -> Path:
    """Write (or reprint) a shipment's packing slip; return the file written."""
    from app.reports.packing_slip import render_packing_slip

    with db.read() as session:
        shipment = find_shipment(session, shipment_text)
        path = out or default_document_path(session, shipment.number or "SH")
        return write_document(render_packing_slip, packing_slip_document(session, shipment),
                              path)
