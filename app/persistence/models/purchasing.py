"""Purchase orders, the allocation ledger that ties them to SO lines, and receipts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.money import line_amount
from app.domain.states import POStatus
from app.persistence.models.base import Base, counter, created_at, int_pk, money
from app.persistence.models.master import Product, Supplier, enum_column
from app.persistence.types import UnitPrice


class PurchaseOrder(Base):
    __tablename__ = "purchase_order"
    __table_args__ = (Index("ix_purchase_order_status_id", "status", "id"),)

    id: Mapped[int_pk]
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    status: Mapped[POStatus] = mapped_column(enum_column(POStatus), default=POStatus.DRAFT)
    revision: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    terms: Mapped[str] = mapped_column(String(200), default="")
    total: Mapped[money]
    supplier_reference: Mapped[str] = mapped_column(String(80), default="")
    rejection_reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[created_at]
    created_by: Mapped[str] = mapped_column(String(80), default="")
    submitted_by: Mapped[str | None] = mapped_column(String(80))
    submitted_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(80))
    approved_at: Mapped[datetime | None]
    approval_comment: Mapped[str] = mapped_column(String(1000), default="")
    # The revision the last approval was for; a later revision needs approving again.
    approved_revision: Mapped[int | None]
    sent_by: Mapped[str | None] = mapped_column(String(80))
    sent_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    supplier: Mapped[Supplier] = relationship()
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="purchase_order", order_by="PurchaseOrderLine.line_no"
    )

    __mapper_args__ = {"version_id_col": version}


class PurchaseOrderLine(Base):
    """One product bought from the supplier. Units beyond the sum of its ledger
    rows (minimum order quantity, pack rounding, a customer's reduction) are
    bought for stock and become free stock when they arrive."""

    __tablename__ = "purchase_order_line"
    __table_args__ = (UniqueConstraint("purchase_order_id", "line_no"),)

    id: Mapped[int_pk]
    purchase_order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    line_no: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    supplier_sku: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    quantity: Mapped[int]
    unit_cost: Mapped[Decimal] = mapped_column(UnitPrice)
    confirmed: Mapped[int | None]
    expected_date: Mapped[date | None]
    received: Mapped[counter]
    rejected: Mapped[counter]

    purchase_order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
    allocations: Mapped[list[Allocation]] = relationship(
        back_populates="po_line", order_by="Allocation.id"
    )

    @property
    def amount(self) -> Decimal:
        return line_amount(self.unit_cost, self.quantity)


class Allocation(Base):
    """A ledger row: ``quantity`` units of one PO line bought for one SO line.

    ``confirmed``, ``received`` and ``shipped`` count how many of those units
    the supplier confirmed, the warehouse received for the SO line, and left
    the warehouse on its shipments.
    """

    __tablename__ = "allocation"
    __table_args__ = (UniqueConstraint("so_line_id", "po_line_id"),)

    id: Mapped[int_pk]
    so_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_line.id"), index=True)
    po_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_line.id"), index=True)
    quantity: Mapped[int]
    confirmed: Mapped[counter]
    received: Mapped[counter]
    shipped: Mapped[counter]
    created_at: Mapped[created_at]

    po_line: Mapped[PurchaseOrderLine] = relationship(back_populates="allocations")


class Receipt(Base):
    __tablename__ = "receipt"

    id: Mapped[int_pk]
    purchase_order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    received_at: Mapped[created_at]
    received_by: Mapped[str] = mapped_column(String(80))

    lines: Mapped[list[ReceiptLine]] = relationship(order_by="ReceiptLine.id")


class ReceiptLine(Base):
    __tablename__ = "receipt_line"

    id: Mapped[int_pk]
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipt.id"), index=True)
    po_line_id: Mapped[int] = mapped_column(ForeignKey("purchase_order_line.id"), index=True)
    quantity: Mapped[int]
    rejected: Mapped[int] = mapped_column(default=0)
    to_stock: Mapped[int] = mapped_column(default=0)
