"""Drafting purchase orders from an SO's back-to-back lines.

For each line, the units still to source are bought from the supplier the
clerk chose for that line, or else from the catalog's cheapest supplier
(then the shortest lead time, then the supplier code).
A draft PO for that supplier that is still open is extended; otherwise a new
one is made. Units of the same product and description share one PO line
with one ledger row per SO line, and the PO line's quantity follows the
supplier's minimum order quantity and pack size. Drafting twice orders
nothing twice, because only units still to source are bought.

A PO line takes the supplier's catalog cost and the PO the supplier's terms.
The customer's price, discount and terms stay on the SO.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.allocation import Sourcing, purchase_quantity
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.money import line_amount
from app.domain.states import SO_FINAL_STATES, POStatus, SOStatus
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    Allocation,
    CatalogEntry,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Supplier,
)
from app.services import attention
from app.services.catalog import catalog_entries
from app.services.context import acting_user, assign_number, audit, find_sales_order
from app.services.figures import line_figures, refresh_sales_order
from app.services.purchase_edits import resize_line
from app.services.stock import reserve_for_line
from app.services.views import DraftResult, LineSuppliers, SupplierOption

log = logging.getLogger(__name__)


def draft_purchase_orders(db: Database, user: str, so_text: str,
                          suppliers: Mapping[int, str] | None = None) -> DraftResult:
    """Buy every unit of the SO that is still to source; return the POs made or extended.

    ``suppliers`` maps SO line numbers to the supplier code chosen for them;
    other lines go to their preferred supplier. A line number the SO does not
    have, or a supplier the catalog does not list for the line's product,
    raises InvalidInput and drafts nothing.
    """
    with db.write() as session:
        acting_user(session, user)
        order = find_sales_order(session, so_text, lock=True, lines=True)
        _check_draftable(order)
        result = draft_for_order(session, user, order, suppliers)
        refresh_sales_order(session, order)
        return result


def supplier_options(db: Database, so_text: str) -> list[LineSuppliers]:
    """List each SO line that drafting would buy for, with its suppliers, cheapest first.

    Suppliers that refused the line before come last, as drafting passes them over.

    Lines supplied from stock only, and lines whose units free stock covers,
    are left out, as drafting buys nothing for them. An SO that cannot get
    purchase orders raises RuleViolation, as drafting would.
    """
    with db.read() as session:
        order = find_sales_order(session, so_text, lines=True)
        _check_draftable(order)
        figures = line_figures(session, order.lines)
        entries = catalog_entries(session, [line.product_id for line in order.lines])
        refused = _refusing_suppliers(session, order.lines)
        free = {line.product_id: line.product.free_stock for line in order.lines}
        options = []
        for line in order.lines:
            to_buy = figures[line.id].still_to_source
            if line.sourcing is not Sourcing.BACK_TO_BACK:
                # Drafting reserves free stock for such a line, in line order, before buying.
                reserved = max(0, min(to_buy, free[line.product_id]))
                free[line.product_id] -= reserved
                to_buy -= reserved
            if to_buy <= 0 or line.sourcing is Sourcing.STOCK:
                continue
            options.append(LineSuppliers(
                line.line_no, line.product.sku, line.description, to_buy,
                [_option(entry, to_buy)
                 for entry in _ranked(entries.get(line.product_id, []), line, refused)]))
        return options


def _option(entry: CatalogEntry, to_buy: int) -> SupplierOption:
    supplier = entry.supplier
    quantity = purchase_quantity(to_buy, entry.min_order_qty, entry.pack_size)
    return SupplierOption(supplier.code, supplier.name, entry.unit_cost, supplier.currency,
                          entry.min_order_qty, entry.pack_size, supplier.lead_time_days,
                          quantity, line_amount(entry.unit_cost, quantity))


def draft_for_order(session: Session, user: str, order: SalesOrder,
                    suppliers: Mapping[int, str] | None = None) -> DraftResult:
    """Draft purchase orders for ``order`` inside an open transaction.

    ``suppliers`` is as for :func:`draft_purchase_orders`.
    """
    figures = line_figures(session, order.lines)
    to_source = [line for line in order.lines if figures[line.id].still_to_source > 0]
    entries = _entries_to_buy_from(session, order, suppliers or {})
    drafts: dict[int, tuple[PurchaseOrder, bool]] = {}  # by supplier id: the PO, and if new
    messages: list[str] = []
    ordered = 0
    for line in to_source:
        to_buy = figures[line.id].still_to_source
        to_buy -= _reserve_first(session, line, to_buy)
        if to_buy <= 0 or line.sourcing is Sourcing.STOCK:
            continue
        entry = entries.get(line.id)
        if entry is None:
            messages.append(_no_supplier(session, order, line))
            continue
        if entry.supplier_id not in drafts:
            drafts[entry.supplier_id] = _open_draft(session, user, entry.supplier)
        po, _is_new = drafts[entry.supplier_id]
        _add_units(session, po, line, entry, to_buy)
        ordered += 1
    for po, _is_new in drafts.values():
        _audit_draft(session, user, po, order)
    if ordered == 0 and not messages:
        messages.append(_("{number} has nothing left to order: every line is reserved from "
                          "stock or on a purchase order.").format(number=order.number))
    created = [po.number or "" for po, is_new in drafts.values() if is_new]
    extended = [po.number or "" for po, is_new in drafts.values() if not is_new]
    return DraftResult(order.number or "", created, extended, ordered, messages)


def _entries_to_buy_from(session: Session, order: SalesOrder,
                         suppliers: Mapping[int, str]) -> dict[int, CatalogEntry]:
    """Return the catalog entry each SO line is bought from, by line id.

    Without a choice, a line goes to its preferred supplier, unless that
    supplier refused to deliver it before and another supplier sells it.
    A line has none when the catalog lists no supplier for its product.
    """
    entries = catalog_entries(session, [line.product_id for line in order.lines])
    lines = {line.line_no: line for line in order.lines}
    chosen = {}
    for line_no, code in suppliers.items():
        line = lines.get(line_no)
        if line is None:
            raise InvalidInput(
                _("{so} has no line {n}, so no supplier can be chosen for it. Its lines are "
                  "1 to {last}.").format(so=order.number, n=line_no, last=len(order.lines)))
        chosen[line.id] = _chosen_entry(session, order, line,
                                        entries.get(line.product_id, []), code)
    refused = _refusing_suppliers(session, order.lines)
    preferred = {line.id: _ranked(entries[line.product_id], line, refused)[0]
                 for line in order.lines if line.product_id in entries}
    return preferred | chosen


def _refusing_suppliers(session: Session, lines: list[SalesOrderLine]) -> set[tuple[int, int]]:
    """Return (SO line id, supplier id) for each supplier that refused a PO line for the SO line."""
    rows = session.execute(
        select(Allocation.so_line_id, PurchaseOrder.supplier_id)
        .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
        .where(Allocation.so_line_id.in_([line.id for line in lines]),
               PurchaseOrderLine.confirmed == 0))
    return {(so_line_id, supplier_id) for so_line_id, supplier_id in rows}


def _ranked(entries: list[CatalogEntry], line: SalesOrderLine,
            refused: set[tuple[int, int]]) -> list[CatalogEntry]:
    """Order a line's catalog entries cheapest first, with suppliers that refused it last."""
    return sorted(entries, key=lambda entry: (line.id, entry.supplier_id) in refused)


def _chosen_entry(session: Session, order: SalesOrder, line: SalesOrderLine,
                  entries: list[CatalogEntry], code: str) -> CatalogEntry:
    typed = code.strip()
    for entry in entries:
        if entry.supplier.code == typed:
            return entry
    known = session.scalar(select(Supplier.id).where(Supplier.code == typed)) is not None
    where = _("{so} line {n} ({sku})").format(so=order.number, n=line.line_no,
                                              sku=line.product.sku)
    if not entries:
        raise InvalidInput(_("{where} cannot be bought from {code}: the catalog lists no "
                             "supplier for {sku}. Import a catalog entry first.").format(
            where=where, code=typed, sku=line.product.sku))
    codes = ", ".join(entry.supplier.code for entry in entries)
    if not known:
        raise InvalidInput(_("Supplier '{code}' chosen for {where} not found. Choose one of: "
                             "{codes}.").format(code=typed, where=where, codes=codes))
    raise InvalidInput(_("Supplier {code} does not sell {sku} in the catalog, so it cannot "
                         "supply {where}. Choose one of: {codes}.").format(
        code=typed, sku=line.product.sku, where=where, codes=codes))


def _check_draftable(order: SalesOrder) -> None:
    if order.status in SO_FINAL_STATES or order.status is SOStatus.DRAFT:
        raise RuleViolation(_("{number} cannot get purchase orders: it is {state}.").format(
            number=order.number, state=order.status.value.replace("_", " ")))


def _reserve_first(session: Session, line: SalesOrderLine, to_buy: int) -> int:
    # Stock that came free since the order was taken is used before buying more.
    if line.sourcing is Sourcing.BACK_TO_BACK:
        return 0
    return reserve_for_line(session, line, to_buy)


def _no_supplier(session: Session, order: SalesOrder, line: SalesOrderLine) -> str:
    message = attention.no_supplier(line.product.sku, order.number or "", line.line_no)
    attention.raise_reason(session, order.id, attention.NO_SUPPLIER, message)
    return message


_DRAFT_OF_SUPPLIER = (
    select(PurchaseOrder)
    .where(PurchaseOrder.supplier_id == bindparam("supplier_id"),
           PurchaseOrder.status == POStatus.DRAFT)
    .order_by(PurchaseOrder.id)
    .limit(1)
    .with_for_update()
)


def _open_draft(session: Session, user: str, supplier: Supplier) -> tuple[PurchaseOrder, bool]:
    draft = session.scalars(_DRAFT_OF_SUPPLIER, {"supplier_id": supplier.id}).first()
    if draft is not None:
        return draft, False
    draft = PurchaseOrder(
        supplier=supplier,
        supplier_id=supplier.id,
        lines=[],
        status=POStatus.DRAFT,
        revision=1,
        currency=supplier.currency,
        terms=supplier.terms,
        created_by=user,
    )
    session.add(draft)
    assign_number(session, draft, flush=False)
    return draft, True


def _add_units(session: Session, po: PurchaseOrder, so_line: SalesOrderLine,
               entry: CatalogEntry, units: int) -> None:
    po_line = _matching_line(po, so_line)
    if po_line is None:
        po_line = PurchaseOrderLine(
            line_no=max((line.line_no for line in po.lines), default=0) + 1,
            product_id=so_line.product_id,
            product=so_line.product,
            supplier_sku=entry.supplier_sku,
            description=so_line.description,
            quantity=0,
            unit_cost=entry.unit_cost,
        )
        po.lines.append(po_line)
    allocation = next((a for a in po_line.allocations if a.so_line_id == so_line.id), None)
    if allocation is None:
        allocation = Allocation(so_line_id=so_line.id, quantity=0)
        po_line.allocations.append(allocation)
    allocation.quantity += units
    resize_line(session, po_line, entry)


def _matching_line(po: PurchaseOrder, so_line: SalesOrderLine) -> PurchaseOrderLine | None:
    for line in po.lines:
        if line.product_id == so_line.product_id and line.description == so_line.description:
            return line
    return None


def _audit_draft(session: Session, user: str, po: PurchaseOrder, order: SalesOrder) -> None:
    audit(session, user, "po.draft", number=po.number or "", purchase_order_id=po.id,
          sales_order_id=order.id,
          after={"supplier": po.supplier.code,
                 "lines": [{"sku": line.product.sku, "quantity": line.quantity}
                           for line in po.lines], "total": str(po.total)},
          note=_("Drafted for {so}").format(so=order.number))
    log.info("%s drafted for %s (%d lines)", po.number, order.number, len(po.lines))
