"""Sales orders and what happens to them: reservations, shipments, payments, attention."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.allocation import Sourcing
from app.domain.states import SOStatus
from app.persistence.models.base import Base, counter, created_at, int_pk, money
from app.persistence.models.master import Customer, Product, enum_column
from app.persistence.types import Money, UnitPrice


class SalesOrder(Base):
    """A customer's order. ``status``, ``attention``, ``total`` and ``paid``
    are kept current by the services in the same transaction as the rows they
    summarise, so lists can filter and sort on them in SQL."""

    __tablename__ = "sales_order"
    __table_args__ = (
        Index("ix_sales_order_status_id", "status", "id"),
        Index("ix_sales_order_customer_id", "customer_id"),
    )

    id: Mapped[int_pk]
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    reference: Mapped[str] = mapped_column(String(80), default="", index=True)
    import_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    order_date: Mapped[date]
    promised_date: Mapped[date | None]
    status: Mapped[SOStatus] = mapped_column(enum_column(SOStatus), default=SOStatus.DRAFT)
    attention: Mapped[bool] = mapped_column(default=False, index=True)
    allow_partial_shipment: Mapped[bool] = mapped_column(default=True)
    terms: Mapped[str] = mapped_column(String(200), default="", server_default="")
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    total: Mapped[money]
    paid: Mapped[money]
    line_count: Mapped[int] = mapped_column(default=0)
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[created_at]
    created_by: Mapped[str] = mapped_column(String(80), default="")
    version: Mapped[int] = mapped_column(default=1)

    customer: Mapped[Customer] = relationship()
    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="sales_order", order_by="SalesOrderLine.line_no"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def balance_due(self) -> Decimal:
        return self.total - self.paid


class SalesOrderLine(Base):
    __tablename__ = "sales_order_line"
    __table_args__ = (
        UniqueConstraint("sales_order_id", "line_no"),
        # Both pairs let a list filtered by SKU find orders from the index alone:
        # from the products' side when few lines match, from the orders' side when many do.
        Index("ix_sales_order_line_product_id_sales_order_id", "product_id", "sales_order_id"),
        Index("ix_sales_order_line_sales_order_id_product_id", "sales_order_id", "product_id"),
    )

    id: Mapped[int_pk]
    sales_order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"))
    line_no: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    description: Mapped[str] = mapped_column(String(500), default="")
    quantity: Mapped[int]
    cancelled: Mapped[counter]
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    # Percent off the unit price, such as 10.00; the customer's, never the supplier's.
    discount_percent: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"),
                                                      server_default="0")
    sourcing: Mapped[Sourcing] = mapped_column(enum_column(Sourcing), default=Sourcing.AUTO)

    sales_order: Mapped[SalesOrder] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class StockReservation(Base):
    """Units of free stock set aside for one SO line; ``shipped`` of them have left."""

    __tablename__ = "stock_reservation"

    id: Mapped[int_pk]
    so_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_line.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    quantity: Mapped[int]
    shipped: Mapped[counter]
    created_at: Mapped[created_at]


class Shipment(Base):
    __tablename__ = "shipment"

    id: Mapped[int_pk]
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    sales_order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    shipped_at: Mapped[created_at]
    shipped_by: Mapped[str] = mapped_column(String(80))
    carrier: Mapped[str] = mapped_column(String(80), default="")
    tracking: Mapped[str] = mapped_column(String(120), default="")

    lines: Mapped[list[ShipmentLine]] = relationship(order_by="ShipmentLine.id")


class ShipmentLine(Base):
    """Units of one SO line on one shipment, with the line's figures as they
    stood when it shipped, so a reprinted packing slip shows those."""

    __tablename__ = "shipment_line"

    id: Mapped[int_pk]
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id"), index=True)
    so_line_id: Mapped[int] = mapped_column(ForeignKey("sales_order_line.id"), index=True)
    quantity: Mapped[int]
    ordered_then: Mapped[int]
    shipped_to_date_then: Mapped[int]


class Payment(Base):
    __tablename__ = "payment"

    id: Mapped[int_pk]
    sales_order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    amount: Mapped[money]
    method: Mapped[str] = mapped_column(String(60), default="")
    paid_at: Mapped[created_at]
    recorded_by: Mapped[str] = mapped_column(String(80))


class AttentionReason(Base):
    """A reason an SO needs a person; open while ``resolved_at`` is empty."""

    __tablename__ = "attention_reason"
    __table_args__ = (
        # Submitting or cancelling a PO looks up its open reasons by PO.
        Index("ix_attention_reason_purchase_order_id", "purchase_order_id", "resolved_at"),
    )

    id: Mapped[int_pk]
    sales_order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(500))
    purchase_order_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order.id"))
    created_at: Mapped[created_at]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(80))
