"""Building the printed documents' data from stored rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from platformdirs import user_documents_dir
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.documents import (
    PackingSlipDocument,
    PackingSlipLine,
    Party,
    PurchaseOrderDocument,
    PurchaseOrderDocumentLine,
)
from app.domain.errors import DocumentNotWritten
from app.i18n import _
from app.persistence.models import (
    Allocation,
    PurchaseOrder,
    SalesOrder,
    SalesOrderLine,
    Setting,
    Shipment,
)
from app.persistence.types import utcnow
from app.services.context import setting

DOCUMENTS_SETTING = "documents_folder"

D = TypeVar("D")


def write_document(render: Callable[[D, Path], None], document: D, path: Path) -> Path:
    """Write a PDF with ``render``; a disk error becomes a message naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        render(document, path)
    except OSError as error:
        raise DocumentNotWritten(
            _("Could not write {path}: {reason}. Choose another folder or free some disk "
              "space, then try again.").format(path=path, reason=error.strerror or error)
        ) from error
    return path


def company(session: Session) -> Party:
    address = setting(session, "company_address")
    return Party(setting(session, "company_name"), tuple(address.splitlines()))


def default_document_path(session: Session, number: str) -> Path:
    """Return where a document is written when no file is named: the documents folder."""
    row = session.get(Setting, DOCUMENTS_SETTING)
    folder = Path(row.value) if row else Path(user_documents_dir()) / "Tandem"
    return folder / f"{number}.pdf"


def purchase_order_document(session: Session, po: PurchaseOrder) -> PurchaseOrderDocument:
    supplier = po.supplier
    lines = []
    for line in po.lines:
        serves = session.scalars(
            select(SalesOrder.number)
            .join(SalesOrderLine, SalesOrderLine.sales_order_id == SalesOrder.id)
            .join(Allocation, Allocation.so_line_id == SalesOrderLine.id)
            .where(Allocation.po_line_id == line.id, Allocation.quantity > 0)
            .distinct()
            .order_by(SalesOrder.number)
        )
        lines.append(
            PurchaseOrderDocumentLine(
                line=line.line_no,
                sku=line.product.sku,
                supplier_sku=line.supplier_sku,
                description=line.description,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                amount=line.amount,
                serves=tuple(number or "" for number in serves),
            )
        )
    supplier_lines = [supplier.code, supplier.email, supplier.country]
    return PurchaseOrderDocument(
        number=po.number or "",
        revision=po.revision,
        company=company(session),
        supplier=Party(supplier.name, tuple(text for text in supplier_lines if text)),
        order_date=(po.sent_at or po.created_at).date(),
        currency=po.currency,
        terms=po.terms,
        lines=tuple(lines),
        total=po.total,
        approved_by=po.approved_by,
        approved_at=po.approved_at,
        printed_at=utcnow(),
    )


def packing_slip_document(session: Session, shipment: Shipment) -> PackingSlipDocument:
    """Build a packing slip from the figures stored with the shipment, not today's."""
    order = session.get(SalesOrder, shipment.sales_order_id)
    assert order is not None
    customer = order.customer
    lines = []
    for ship_line in shipment.lines:
        so_line = session.get(SalesOrderLine, ship_line.so_line_id)
        assert so_line is not None
        lines.append(
            PackingSlipLine(
                line=so_line.line_no,
                sku=so_line.product.sku,
                description=so_line.description,
                ordered=ship_line.ordered_then,
                shipped_now=ship_line.quantity,
                shipped_to_date=ship_line.shipped_to_date_then,
                still_to_come=ship_line.ordered_then - ship_line.shipped_to_date_then,
            )
        )
    address = [line for line in customer.address.splitlines() if line]
    address += [customer.country] if customer.country else []
    return PackingSlipDocument(
        shipment_number=shipment.number or "",
        so_number=order.number or "",
        customer_reference=order.reference,
        company=company(session),
        ship_to=Party(customer.name, tuple(address)),
        shipped_at=shipment.shipped_at,
        carrier=shipment.carrier,
        tracking=shipment.tracking,
        lines=tuple(sorted(lines, key=lambda item: item.line)),
    )
