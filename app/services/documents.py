"""Building the printed documents' data from stored rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from platformdirs import user_documents_dir
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

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
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    SalesOrder,
    SalesOrderLine,
    Setting,
    Shipment,
    ShipmentLine,
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


# A PO's lines with their products, and the SOs each line buys for. A line
# closed at 0 (refused by the supplier, or set to 0 after sending) orders
# nothing and is left out of the document.
_PO_LINES = (
    select(PurchaseOrderLine)
    .options(joinedload(PurchaseOrderLine.product))
    .where(PurchaseOrderLine.purchase_order_id == bindparam("po_id"),
           PurchaseOrderLine.quantity > 0)
    .order_by(PurchaseOrderLine.line_no)
)
_ORDERS_SERVED_BY_LINE = (
    select(Allocation.po_line_id, SalesOrder.number)
    .join(PurchaseOrderLine, PurchaseOrderLine.id == Allocation.po_line_id)
    .join(SalesOrderLine, SalesOrderLine.id == Allocation.so_line_id)
    .join(SalesOrder, SalesOrder.id == SalesOrderLine.sales_order_id)
    .where(PurchaseOrderLine.purchase_order_id == bindparam("po_id"), Allocation.quantity > 0)
    .distinct()
    .order_by(Allocation.po_line_id, SalesOrder.number)
)


def purchase_order_document(session: Session, po: PurchaseOrder) -> PurchaseOrderDocument:
    supplier = po.supplier
    serves: dict[int, list[str]] = defaultdict(list)
    for po_line_id, number in session.execute(_ORDERS_SERVED_BY_LINE, {"po_id": po.id}):
        serves[po_line_id].append(number or "")
    lines = [
        PurchaseOrderDocumentLine(
            line=line.line_no,
            sku=line.product.sku,
            supplier_sku=line.supplier_sku,
            description=line.description,
            quantity=line.quantity,
            unit_cost=line.unit_cost,
            amount=line.amount,
            serves=tuple(serves[line.id]),
        )
        for line in session.scalars(_PO_LINES, {"po_id": po.id})
    ]
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


# A shipment's lines with the SO line and product each is for, in SO line order.
_SHIPMENT_LINES = (
    select(SalesOrderLine.line_no, Product.sku, SalesOrderLine.description,
           ShipmentLine.ordered_then, ShipmentLine.quantity, ShipmentLine.shipped_to_date_then)
    .join(SalesOrderLine, SalesOrderLine.id == ShipmentLine.so_line_id)
    .join(Product, Product.id == SalesOrderLine.product_id)
    .where(ShipmentLine.shipment_id == bindparam("shipment_id"))
    .order_by(SalesOrderLine.line_no, ShipmentLine.id)
)


def packing_slip_document(session: Session, shipment: Shipment) -> PackingSlipDocument:
    """Build a packing slip from the figures stored with the shipment, not today's."""
    session.flush()
    order = session.get(SalesOrder, shipment.sales_order_id)
    assert order is not None
    customer = order.customer
    lines = tuple(
        PackingSlipLine(
            line=line_no,
            sku=sku,
            description=description,
            ordered=ordered_then,
            shipped_now=quantity,
            shipped_to_date=shipped_to_date_then,
            still_to_come=ordered_then - shipped_to_date_then,
        )
        for line_no, sku, description, ordered_then, quantity, shipped_to_date_then
        in session.execute(_SHIPMENT_LINES, {"shipment_id": shipment.id})
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
        lines=lines,
    )
